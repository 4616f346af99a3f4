"""Migration files that run once: golang-migrate's up/down folders given to
``--pggit-schema`` (U9), and edits of committed migrations that are not Django's or
Alembic's (U10: a golang-migrate up file, a hook's step), against the real server.

Each project is a pytester run of the gate (``--pggit-backend dsn`` on the outer run's
server); the git repositories are made here, with fixed commit dates.
"""
from __future__ import annotations

import os
import re
import subprocess
import textwrap
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Dict, List

import pytest

from pytest_pggit.backends import Server

pytestmark = pytest.mark.skipif(subprocess.run(["git", "--version"], capture_output=True).returncode != 0,
                                reason="git is not installed")

FILES = {
    "1_users.up.sql": "CREATE TABLE users (id bigint PRIMARY KEY, email text);\n",
    # (paired by version, whatever the titles: ente's 30_add_x.up.sql / 30_drop_x.down.sql)
    "1_drop_users.down.sql": "DROP TABLE users;\n",
    "2_name.up.sql": "ALTER TABLE users ADD COLUMN name text;\n",
    "2_name.down.sql": "ALTER TABLE users DROP COLUMN name;\n",
    # (10 after 2: by version, not lexical order, where 10_ came before 1_ and 2_)
    "10_email_idx.up.sql": "CREATE INDEX users_email_idx ON users (email);\n",
    "10_email_idx.down.sql": "DROP INDEX users_email_idx;\n",
}

TESTS = """
def test_schema(pggit):
    import pathlib
    tags = [t for (t,) in pggit.execute(
        "SELECT name FROM pggit_v0.list_tags() WHERE name LIKE 'sql/%' ORDER BY 1")]
    messages = [c.message for c in pggit.history(10)]
    pathlib.Path("seen.txt").write_text("\\n".join(reversed(messages)))
"""


def args(server: Server, *more: str) -> List[str]:
    return ["--pggit", "--pggit-backend", "dsn", "--pggit-dsn", server.dsn(), "-p", "no:randomly",
            "-p", "no:cacheprovider", "--pggit-gate", "--pggit-junit", "gate.xml", *more]


def cases(path: Path) -> Dict[str, str]:
    out = {}
    for case in ET.parse(path).getroot().iter("testcase"):
        status = "ok"
        for bad in ("failure", "error"):
            if case.find(bad) is not None:
                status = bad
        out[f"{case.get('classname')}::{case.get('name')}"] = status
    return out


def folder(pytester: pytest.Pytester, files: Dict[str, str], name: str = "migrations") -> Path:
    where = pytester.path / name
    where.mkdir(exist_ok=True)
    for f, text in files.items():
        (where / f).write_text(text)
    pytester.makepyfile(test_it=TESTS)
    return where


def commit(root: Path, message: str, when: int = 1_700_000_000) -> None:
    git = ["git", "-c", "user.email=t@example.com", "-c", "user.name=t"]
    env = dict(os.environ, GIT_AUTHOR_DATE=f"{when} +0000", GIT_COMMITTER_DATE=f"{when} +0000")
    if not (root / ".git").exists():
        subprocess.run(git + ["init", "-q"], cwd=root, check=True)
    subprocess.run(git + ["add", "-A"], cwd=root, check=True, env=env)
    subprocess.run(git + ["commit", "-q", "-m", message], cwd=root, check=True, env=env)


# ------------------------------------------------------------- U9: golang-migrate's layout
def test_a_golang_migrate_folder_runs_its_ups_by_version_and_checks_each_down(
        pytester: pytest.Pytester, pggit_server: Server) -> None:
    """U9: the down files ran too, in lexical order (10_email_idx.down.sql first: "index
    users_email_idx does not exist").  The up files run alone, by version; each down
    file is its up file's downgrade, so the up/down check judges it."""
    folder(pytester, FILES)
    result = pytester.runpytest_subprocess(*args(pggit_server, "--pggit-schema", "migrations",
                                                 "--pggit-base", "root"))
    out = result.stdout.str()
    assert result.ret == 0, out
    assert (pytester.path / "seen.txt").read_text().splitlines()[-3:] == [
        "sql migrations/1_users.up.sql: schema file", "sql migrations/2_name.up.sql: schema file",
        "sql migrations/10_email_idx.up.sql: schema file"], out
    got = cases(pytester.path / "gate.xml")
    assert {k: v for k, v in got.items() if k.startswith("pggit.updown::")} == {
        f"pggit.updown::sql/migrations/{n}.up.sql": "ok" for n in ("1_users", "2_name", "10_email_idx")}, out

    # a down file that forgets what its up file made fails its up/down case (with the
    # default base only the newest file, 10_email_idx, is judged)
    (pytester.path / "migrations" / "2_name.down.sql").write_text("SELECT 1;\n")
    result = pytester.runpytest_subprocess(*args(pggit_server, "--pggit-schema", "migrations"))
    out = result.stdout.str()
    assert result.ret == 0, out
    assert cases(pytester.path / "gate.xml").get("pggit.updown::sql/migrations/10_email_idx.up.sql") == "ok", out
    result = pytester.runpytest_subprocess(*args(pggit_server, "--pggit-schema", "migrations",
                                                 "--pggit-base", "root"))
    assert cases(pytester.path / "gate.xml")["pggit.updown::sql/migrations/2_name.up.sql"] == "failure", \
        result.stdout.str()
    assert "public/table/users/column/name" in result.stdout.str()


@pytest.mark.parametrize("extra,message", [
    ({"3_x.up.sql": "SELECT 1;\n", "notes.sql": "SELECT 1;\n"},
     "*holds up/down migration files (*) and other .sql files (notes.sql)*"),
    ({"3_x.down.sql": "SELECT 1;\n"}, "*3_x.down.sql has no up file of version 3*"),
    ({"02_again.up.sql": "SELECT 1;\n"}, "*have the same version 2*"),
], ids=["mixed", "down-alone", "same-version"])
def test_a_golang_migrate_folder_that_cannot_be_read_stops_with_its_reason(
        pytester: pytest.Pytester, pggit_server: Server, extra: Dict[str, str], message: str) -> None:
    folder(pytester, {**FILES, **extra})
    result = pytester.runpytest_subprocess(*args(pggit_server, "--pggit-schema", "migrations"))
    assert result.ret != 0
    result.stdout.fnmatch_lines([message])


@pytest.mark.parametrize("text,marker", [
    ("-- migrate:up\nCREATE TABLE a (id int);\n\n-- migrate:down\nDROP TABLE a;\n", "migrate:down at *1_a.sql:4"),
    ("-- +goose Up\nCREATE TABLE a (id int);\n-- +goose Down\nDROP TABLE a;\n", "+goose Down at *1_a.sql:3"),
], ids=["dbmate", "goose"])
def test_a_dbmate_or_goose_file_is_refused_not_run_down_section_and_all(
        pytester: pytest.Pytester, pggit_server: Server, text: str, marker: str) -> None:
    """U9: a dbmate or goose file ran its down section right after its up section (the
    table made and dropped: a wrong schema, no error)."""
    folder(pytester, {"1_a.sql": text}, name="db")
    result = pytester.runpytest_subprocess(*args(pggit_server, "--pggit-schema", "db"))
    assert result.ret != 0
    result.stdout.fnmatch_lines([f"*is a migration with a down section ({marker})*",
                                 "*hint: give such files to a pytest_pggit_migration_steps hook*"])


# ------------------------------------------------------------- U10: edits of migrations that run once
def test_an_edit_of_a_committed_golang_migrate_file_fails_history(
        pytester: pytest.Pytester, pggit_server: Server) -> None:
    """U10: a column appended to a committed up file passed, while the base note said
    databases that ran it keep its committed version.  It fails ``history`` as an edited
    Django migration or Alembic revision does."""
    folder(pytester, FILES)
    commit(pytester.path, "deployed")
    with open(pytester.path / "migrations" / "1_users.up.sql", "a") as f:
        f.write("ALTER TABLE users ADD COLUMN country text;\n")
    result = pytester.runpytest_subprocess(*args(pggit_server, "--pggit-schema", "migrations"))
    out = result.stdout.str()
    assert result.ret == 1, out
    assert cases(pytester.path / "gate.xml")["pggit.history::sql/migrations/1_users.up.sql"] == "failure", out
    assert re.search(r"sql/migrations/1_users.up.sql was edited after it was committed, and the edit "
                     r"changes the schema \(1 path\(s\): public/table/users/column/country\)", out), out


def test_an_edit_in_place_of_a_plain_schema_file_is_judged_as_a_change(
        pytester: pytest.Pytester, pggit_server: Server) -> None:
    """A plain schema file is declarative: an edit in place is how it changes (a nullable
    column added passes), and the base note no longer says deployed databases keep the
    committed version."""
    folder(pytester, {"001_init.sql": FILES["1_users.up.sql"], "002_more.sql": "CREATE TABLE t (id int);\n"},
           name="schema")
    commit(pytester.path, "deployed")
    with open(pytester.path / "schema" / "001_init.sql", "a") as f:
        f.write("ALTER TABLE users ADD COLUMN country text;\n")
    result = pytester.runpytest_subprocess(*args(pggit_server, "--pggit-schema", "schema"))
    out = result.stdout.str()
    assert result.ret == 0, out
    assert "a schema file edited in place: judged as a change to it" in out, out
    assert not any(k.startswith("pggit.history::sql/") for k in cases(pytester.path / "gate.xml")), out


HOOK = """
from pathlib import Path

from pytest_pggit.steps import Step

ONCE = {once}


def run(path):
    def action(database):
        with database.connect(autocommit=True) as conn:
            conn.execute(path.read_text())
    return action


def pytest_pggit_migration_steps(config, root):
    folder = Path(root) / "db"
    return [Step("migrate", p.stem, p.stem, run(p), source=f"db/{{p.name}}", **ONCE)
            for p in sorted(folder.glob("*.sql"))]
"""


@pytest.mark.parametrize("once", [{}, {"once": False}], ids=["default", "once-false"])
def test_an_edit_of_a_committed_hook_step_fails_history_unless_it_is_repeatable(
        pytester: pytest.Pytester, pggit_server: Server, once: Dict[str, bool]) -> None:
    """U10: a hook's step (golang-migrate, dbmate, goose, Flyway versions) runs once like
    an Alembic revision: an edit of a committed one that adds a column fails ``history``;
    a step marked ``once=False`` (a repeatable script) is judged as a change."""
    folder(pytester, {"001_a.sql": "CREATE TABLE a (id int);\n", "002_b.sql": "CREATE TABLE b (id int);\n"},
           name="db")
    pytester.makeconftest(HOOK.format(once=once))
    commit(pytester.path, "deployed")
    with open(pytester.path / "db" / "001_a.sql", "a") as f:
        f.write("ALTER TABLE a ADD COLUMN note text;\n")
    result = pytester.runpytest_subprocess(*args(pggit_server))
    out = result.stdout.str()
    got = cases(pytester.path / "gate.xml")
    if once:
        assert result.ret == 0, out
        assert "pggit.history::migrate/001_a" not in got, out
    else:
        assert result.ret == 1, out
        assert got["pggit.history::migrate/001_a"] == "failure", out
        assert "since its migration tool never runs an applied migration again" in out, out


def test_a_new_golang_migrate_version_below_a_deployed_one_fails_history(
        pytester: pytest.Pytester, pggit_server: Server) -> None:
    """U9's addendum, golang-migrate's classic trap: versions 1 and 3 deployed, the change
    adds version 2. golang-migrate runs only versions above a database's, so 2 never runs
    where 3 ran; the gate passed. Each up file comes after the version below it now."""
    folder(pytester, {k: v for k, v in FILES.items() if not k.startswith("2_")})
    (pytester.path / "migrations" / "3_phone.up.sql").write_text("ALTER TABLE users ADD COLUMN phone text;\n")
    commit(pytester.path, "deployed: versions 1, 3 and 10")
    (pytester.path / "migrations" / "2_name.up.sql").write_text(FILES["2_name.up.sql"])
    result = pytester.runpytest_subprocess(*args(pggit_server, "--pggit-schema", "migrations"))
    out = result.stdout.str()
    assert result.ret == 1, out
    assert cases(pytester.path / "gate.xml")["pggit.history::sql/migrations/2_name.up.sql"] == "failure", out
    assert "golang-migrate runs only versions above theirs: sql/migrations/2_name.up.sql never runs there" in out
    assert "number it above the deployed ones" in out, out


SHARED = """
from pathlib import Path

from pytest_pggit.steps import Step


def run(sql):
    def action(database):
        with database.connect(autocommit=True) as conn:
            conn.execute(sql)
    return action


def pytest_pggit_migration_steps(config, root):
    lines = (Path(root) / "db" / "steps.txt").read_text().splitlines()
    return [Step("app", name, name, run(sql), source="db/steps.txt")
            for name, sql in (line.split("|", 1) for line in lines if line)]
"""


def test_a_new_hook_step_in_the_file_of_committed_ones_is_new_not_edited(
        pytester: pytest.Pytester, pggit_server: Server) -> None:
    """A hook whose steps share one file: adding a step edits that file, which made every
    step of it "edited"; the new step's table failed ``history`` as an edit of a committed
    step.  Only steps the git base has are judged as edits."""
    listing = pytester.path / "db" / "steps.txt"
    listing.parent.mkdir()
    listing.write_text("0001_a|CREATE TABLE a (id int)\n0002_b|CREATE TABLE b (id int)\n")
    pytester.makeconftest(SHARED)
    pytester.makepyfile(test_it=TESTS)
    commit(pytester.path, "deployed")
    listing.write_text(listing.read_text() + "0003_c|CREATE TABLE c (id int)\n")
    result = pytester.runpytest_subprocess(*args(pggit_server))
    out = result.stdout.str()
    assert result.ret == 0, out
    assert not [k for k in cases(pytester.path / "gate.xml") if k.startswith("pggit.history::")], out
    assert "app/0003_c changed since" not in out and "app/0003_c, " not in out, out
    # an edit of a committed one in that file still fails
    listing.write_text(listing.read_text().replace("CREATE TABLE a (id int)", "CREATE TABLE a (id int, note text)"))
    result = pytester.runpytest_subprocess(*args(pggit_server))
    assert cases(pytester.path / "gate.xml").get("pggit.history::app/0001_a") == "failure", result.stdout.str()
