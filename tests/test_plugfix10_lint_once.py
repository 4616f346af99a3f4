"""A hook's step whose ``source`` is its .sql file is linted once, as the step (tester
B9's Y1: each statement was linted twice, the file's copy "changed nothing", ok, beside
the step's copy, FAIL)."""
from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from gate_project import git
from pytest_pggit.backends import Server
from pytest_pggit.lint import find_squawk

CONFTEST = """
from pathlib import Path
from pytest_pggit.steps import Step


def _run(path):
    def action(database):
        with database.connect(autocommit=True) as conn:
            conn.execute(path.read_text())
    return action


def pytest_pggit_migration_steps(root):
    return [Step("dir", d.name, d.name, upgrade=_run(d / "up.sql"), downgrade=_run(d / "down.sql"),
                 source=f"migrations/{d.name}/up.sql")
            for d in sorted((Path(root) / "migrations").iterdir())]
"""


@pytest.mark.skipif(find_squawk() is None, reason="squawk is not installed")
def test_a_step_with_a_sql_source_is_linted_once(pytester: pytest.Pytester, pggit_server: Server) -> None:
    pytester.makeconftest(CONFTEST)
    pytester.makepyfile(test_x="def test_x(pggit):\n    pass\n")
    for name, up, down in [("001_t", "CREATE TABLE t (a int PRIMARY KEY, b text);\n", "DROP TABLE t;\n"),
                           ("002_rename", "ALTER TABLE t RENAME COLUMN b TO c;\n",
                            "ALTER TABLE t RENAME COLUMN c TO b;\n")]:
        folder = pytester.path / "migrations" / name
        folder.mkdir(parents=True)
        (folder / "up.sql").write_text(up)
        (folder / "down.sql").write_text(down)
    git(pytester.path, "init", "-q")
    git(pytester.path, "add", ".")
    git(pytester.path, "commit", "-qm", "two")
    result = pytester.runpytest("--pggit", "--pggit-backend", "dsn", "--pggit-dsn", pggit_server.dsn(),
                                "-p", "no:randomly", "--pggit-gate", "--pggit-junit", "gate.xml")
    out = result.stdout.str()
    assert result.ret == 1, out
    lint = {c.get("name"): c.find("failure") is not None
            for c in ET.parse(pytester.path / "gate.xml").getroot().iter("testcase")
            if c.get("classname") == "pggit.lint"}
    assert not [n for n in lint if n.startswith("migrations/002_rename/up.sql")], lint
    assert lint.get("dir/002_rename:1") is True, lint
    assert "changed nothing" not in out, out
