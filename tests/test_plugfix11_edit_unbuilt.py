"""When the base of a committed edit (its committed version, K4) cannot be built, the
history case does not blame the edit for the whole step (tester B10's BB6: Harbor's PR
appending one DROP to a released up file was told to undo 12 changes of earlier
released edits of that file): it fails NOT JUDGED, naming why."""
from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from gate_project import git, run_gate
from pytest_pggit.backends import Server


def test_an_edit_whose_base_cannot_be_built_is_not_judged(pytester: pytest.Pytester, pggit_server: Server) -> None:
    schema = pytester.path / "schema"
    schema.mkdir()
    (schema / "0001_users.up.sql").write_text("CREATE TABLE users (id int PRIMARY KEY);\n")
    (schema / "0001_users.down.sql").write_text("DROP TABLE users;\n")
    up = schema / "0002_more.up.sql"
    up.write_text("ALTER TABLE users ADD COLUMN a int;\n")
    (schema / "0002_more.down.sql").write_text("ALTER TABLE users DROP COLUMN a;\n")
    pytester.makepyfile(test_ok="def test_ok(pggit):\n    assert pggit.head()\n")
    git(pytester.path, "init", "-q")
    git(pytester.path, "add", "-A")
    git(pytester.path, "commit", "-qm", "released")
    up.write_text(up.read_text() + "ALTER TABLE users ADD COLUMN b int;\n")   # an older released edit
    git(pytester.path, "commit", "-qam", "released edit")
    blob = git(pytester.path, "rev-parse", "HEAD:schema/0002_more.up.sql")
    up.write_text(up.read_text() + "ALTER TABLE users ADD COLUMN c int;\n")   # this change's edit
    git(pytester.path, "commit", "-qam", "the pull request's edit")
    (pytester.path / ".git" / "objects" / blob[:2] / blob[2:]).unlink()   # a partial clone: no base
    result = run_gate(pytester, pggit_server, "--no-pggit-lint")
    out = result.stdout.str()
    assert result.ret == pytest.ExitCode.TESTS_FAILED, out
    root = ET.parse(pytester.path / "gate.xml").getroot()
    found = {f"{c.get('classname')}::{c.get('name')}": c for c in root.iter("testcase")}
    history = [ET.tostring(c, encoding="unicode") for k, c in found.items() if k.startswith("pggit.history::")]
    assert len(history) == 1, out
    assert "NOT JUDGED" in history[0] and "could not be built" in history[0], history[0]
    assert "column/a" not in history[0] and "column/b" not in history[0], history[0]
    assert found["pggit.gate::committed edits"].find("failure") is not None, out
