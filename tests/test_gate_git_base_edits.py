"""With ``--pggit-base git:<ref>``, a step the ref ran and the branch edited fails
``history`` as with the default base (tester B9's Y11: the pull-request recipe of the
docs never ran the check, and an edit of a released migration passed)."""
from __future__ import annotations

import pytest

from gate_project import git
from pytest_pggit.backends import Server


def test_an_edit_of_a_step_the_git_base_ran_fails_history(pytester: pytest.Pytester,
                                                           pggit_server: Server) -> None:
    schema = pytester.path / "schema"
    schema.mkdir()
    (schema / "001_books.up.sql").write_text("CREATE TABLE books (id int PRIMARY KEY);\n")
    (schema / "001_books.down.sql").write_text("DROP TABLE books;\n")
    (schema / "002_isbn.up.sql").write_text("ALTER TABLE books ADD COLUMN isbn text;\n")
    (schema / "002_isbn.down.sql").write_text("ALTER TABLE books DROP COLUMN isbn;\n")
    pytester.makepyfile(test_ok="def test_ok(pggit_db):\n    pass\n")
    git(pytester.path, "init", "-q")
    git(pytester.path, "add", ".")
    git(pytester.path, "commit", "-qm", "released: 001, 002")
    git(pytester.path, "checkout", "-qb", "pr")
    (schema / "001_books.up.sql").write_text("CREATE TABLE books (id int PRIMARY KEY, subtitle text);\n")
    git(pytester.path, "commit", "-qam", "PR: 001 also adds books.subtitle")
    result = pytester.runpytest("--pggit", "--pggit-backend", "dsn", "--pggit-dsn", pggit_server.dsn(),
                                "-p", "no:randomly", "--pggit-schema", "schema", "--pggit-gate",
                                "--pggit-base", "git:main", "-p", "no:cacheprovider")
    out = result.stdout.str()
    assert result.ret == 1, out
    result.stdout.fnmatch_lines(["pggit gate: FAILED: * (history)*",
                                 "*sql/schema/001_books.up.sql was edited after it was committed, and the edit "
                                 "changes the schema (1 path(s): public/table/books/column/subtitle)*"])
