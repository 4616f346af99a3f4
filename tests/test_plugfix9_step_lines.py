"""Gate cases for steps carry the file and line where the gate knows them (U1's note, Q7):
an up/down error names the user's frame (``file:line``) in its text, and now in the case's
JUnit ``line`` and GitHub annotation too, so the annotation sits on the line that raised.
"""
from __future__ import annotations

import re

import pytest

from pytest_pggit.backends import Server

CONFTEST = '''
from pytest_pggit.steps import Step


def run(sql):
    def action(database):
        with database.connect(autocommit=True) as conn:
            conn.execute(sql)
    return action


def cannot(database):
    raise NotImplementedError("the merged kinds cannot be split again")


def pytest_pggit_migration_steps(config, root):
    return [Step("app", "0001_a", "a", run("CREATE TABLE a (id int)"), run("DROP TABLE a"),
                 source="conftest.py"),
            Step("app", "0002_b", "b", run("ALTER TABLE a ADD COLUMN b int"), cannot,
                 source="conftest.py")]
'''


def test_an_updown_error_names_the_line_that_raised_in_the_annotation(
        pytester: pytest.Pytester, pggit_server: Server, monkeypatch: pytest.MonkeyPatch) -> None:
    pytester.makeconftest(CONFTEST)
    pytester.makepyfile(test_it="def test_db(pggit_db):\n    pass\n")
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    result = pytester.runpytest_subprocess(
        "--pggit", "--pggit-backend", "dsn", "--pggit-dsn", pggit_server.dsn(), "-p", "no:randomly",
        "-p", "no:cacheprovider", "--pggit-gate")
    out = result.stdout.str()
    assert result.ret == 1, out
    line = (pytester.path / "conftest.py").read_text().splitlines().index(
        '    raise NotImplementedError("the merged kinds cannot be split again")') + 1
    assert f"conftest.py:{line}: downgrade of step app/0002_b failed" in out, out
    assert re.search(rf"::error file=conftest\.py,line={line},title=pggit updown", out), out


def test_a_failing_down_file_is_named_not_the_plugins_frame(
        pytester: pytest.Pytester, pggit_server: Server, monkeypatch: pytest.MonkeyPatch) -> None:
    """ente's 44_*.down.sql has a syntax error: the case named pytest_pggit/sqlfiles.py:507
    (the innermost frame outside the user's code) instead of the down file and its line."""
    folder = pytester.path / "migrations"
    folder.mkdir()
    (folder / "1_a.up.sql").write_text("CREATE TABLE a (id int);\n")
    (folder / "1_a.down.sql").write_text("DROP TABLE a;\n")
    (folder / "2_b.up.sql").write_text("ALTER TABLE a ADD COLUMN b int;\n")
    (folder / "2_b.down.sql").write_text("-- undo\nALTER TABLE a DROP COLUMN b;\nDROP INDEX nothing_here;\n")
    pytester.makepyfile(test_it="def test_db(pggit_db):\n    pass\n")
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    result = pytester.runpytest_subprocess(
        "--pggit", "--pggit-backend", "dsn", "--pggit-dsn", pggit_server.dsn(), "-p", "no:randomly",
        "-p", "no:cacheprovider", "--pggit-gate", "--pggit-schema", "migrations")
    out = result.stdout.str()
    assert result.ret == 1, out
    assert "sqlfiles.py" not in out, out
    assert re.search(r"::error file=migrations/2_b\.down\.sql,line=3,title=pggit updown", out), out
