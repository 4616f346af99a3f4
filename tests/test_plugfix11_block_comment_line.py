"""A schema file's failing statement is named at its own line, not at the line of a
``/* */`` comment before it (tester B10's BB5: Harbor's 0030 failed "at" its comment line)."""
from __future__ import annotations

import pytest

from pytest_pggit.backends import Server
from pytest_pggit.sqlfiles import _first_code


@pytest.mark.parametrize("stmt, first", [
    ("/* c */\nALTER TABLE t", 8),
    ("-- a\n/* b /* nested */ still */ SELECT 1", 32),
    ("  SELECT 1", 2),
    ("/* unclosed", 0),
])
def test_first_code_skips_block_comments(stmt: str, first: int) -> None:
    assert _first_code(stmt) == first


def test_the_error_names_the_statements_line(pytester: pytest.Pytester, pggit_server: Server) -> None:
    schema = pytester.path / "schema"
    schema.mkdir()
    (schema / "001.sql").write_text("CREATE TABLE t (a int);\n\n/* the next one fails */\n"
                                    "ALTER TABLE nope ADD COLUMN b int;\n")
    pytester.makepyfile(test_ok="def test_ok(pggit_db):\n    pass\n")
    result = pytester.runpytest("--pggit", "--pggit-backend", "dsn", "--pggit-dsn", pggit_server.dsn(),
                                "-p", "no:randomly", "--pggit-schema", "schema")
    out = result.stdout.str() + result.stderr.str()
    assert "001.sql:4: relation \"nope\" does not exist" in out, out
