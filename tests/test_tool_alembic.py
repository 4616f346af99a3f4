"""--pggit-alembic: Alembic revisions as migration steps (pytest_pggit/tools/alembic.py).

One real Alembic project for the module (a branch and a merge, a revision dropping a
column with ``pggit_allow``), applied with real Alembic and SQLAlchemy to databases of the
outer run's server; the pytester runs use that server too (``--pggit-backend dsn``).
"""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Dict, List

import alembic.command  # noqa: F401  (see below)
import psycopg
import pytest
import sqlalchemy  # noqa: F401

# alembic and SQLAlchemy are imported here, in the outer process, before any in-process
# pytester run: pytester restores sys.modules after each run, and SQLAlchemy imported
# again next to its compiled extensions (kept by the interpreter) fails with
# "'InternalTraversal' object is not callable" (seen under -n 2).

from pytest_pggit.backends import Server

from gate_project import git as git_in
from pytest_pggit.janitor import Database
from pytest_pggit.tools.alembic import AlembicSteps, alembic_steps, script_directory

ENV_PY = '''\
from alembic import context
from sqlalchemy import engine_from_config, pool

config = context.config


def run():
    connection = config.attributes.get("connection")
    if connection is None:   # command line: the URL
        engine = engine_from_config(config.get_section(config.config_ini_section, {}),
                                    prefix="sqlalchemy.", poolclass=pool.NullPool)
        with engine.connect() as connection:
            context.configure(connection=connection)
            with context.begin_transaction():
                context.run_migrations()
        return
    context.configure(connection=connection)
    with context.begin_transaction():
        context.run_migrations()


run()
'''

#: revision -> (down_revision, upgrade body, downgrade body, extra module text)
REVISIONS: Dict[str, tuple] = {
    "base1": (None, 'op.execute("CREATE TABLE items (id int PRIMARY KEY, name text, legacy text)")',
              'op.execute("DROP TABLE items")', ""),
    "left2": ("base1", 'op.execute("ALTER TABLE items ADD COLUMN price int")',
              'op.execute("ALTER TABLE items DROP COLUMN price")', ""),
    "right2": ("base1", 'op.execute("CREATE TABLE tags (id int PRIMARY KEY)")',
               'op.execute("DROP TABLE tags")', ""),
    "merge3": (("left2", "right2"), "pass", "pass", ""),
    "drop4": ("merge3", 'op.execute("ALTER TABLE items DROP COLUMN legacy")',
              'op.execute("ALTER TABLE items ADD COLUMN legacy text")',
              'pggit_allow = {"data_deletion": "legacy is empty since the 2024 import"}\n'),
}
ORDER = ["base1", "right2", "left2", "merge3", "drop4"]   # as `alembic upgrade heads` applies them


def write_project(root: Path, revisions: Dict[str, tuple] = REVISIONS) -> Path:
    (root / "migrations" / "versions").mkdir(parents=True, exist_ok=True)
    (root / "alembic.ini").write_text(
        "[alembic]\nscript_location = migrations\nsqlalchemy.url = postgresql+psycopg://nowhere/x\n")
    (root / "migrations" / "env.py").write_text(ENV_PY)
    for rev, (down, up, downgrade, extra) in revisions.items():
        (root / "migrations" / "versions" / f"{rev}.py").write_text(textwrap.dedent(f'''\
            """revision {rev}"""
            from alembic import op

            revision = {rev!r}
            down_revision = {down!r}
            {extra}

            def upgrade():
                {up}


            def downgrade():
                {downgrade}
            '''))
    return root / "alembic.ini"


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_project(tmp_path_factory.mktemp("alembic-project"))


def schema(db: Database) -> List[tuple]:
    with psycopg.connect(db.dsn) as conn:
        return conn.execute(
            "SELECT table_name, column_name FROM information_schema.columns "
            "WHERE table_schema = 'public' ORDER BY 1, 2").fetchall()


# -- the provider, at its own level ----------------------------------------------------

def test_steps_in_upgrade_order_with_tags_sources_and_allow(project: Path) -> None:
    steps = alembic_steps(project, script_directory(project), project.parent)
    assert [s.tag for s in steps] == [f"alembic/{r}" for r in ORDER]
    assert steps[0].description == "revision base1"
    assert steps[0].message == "alembic base1: revision base1"
    assert steps[0].source == "migrations/versions/base1.py"
    assert steps[-1].allow == {"data_deletion": "legacy is empty since the 2024 import"}
    assert all(s.allow == {} for s in steps[:-1])


def test_upgrade_and_downgrade_one_revision_at_a_time(project: Path, pggit_isolated_db: Database) -> None:
    db = pggit_isolated_db
    steps = alembic_steps(project, script_directory(project), project.parent)
    seen = [schema(db)]
    for step in steps:
        step.upgrade(db)
        seen.append(schema(db))
    assert ("items", "price") in seen[-1] and ("tags", "id") in seen[-1]
    assert ("items", "legacy") not in seen[-1]
    with psycopg.connect(db.dsn) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchall() == [("drop4",)]
    # each downgrade undoes exactly its revision, merge and branch revisions included
    for i in reversed(range(len(steps))):
        assert steps[i].downgrade is not None
        steps[i].downgrade(db)
        assert schema(db) == seen[i], f"downgrade of {steps[i].tag}"
    with psycopg.connect(db.dsn) as conn:   # the base's downgrade drops the empty version table
        assert conn.execute("SELECT to_regclass('alembic_version')").fetchone() == (None,)


def test_a_branch_revision_downgrades_alone_while_the_other_branch_stays(
        project: Path, pggit_isolated_db: Database) -> None:
    db = pggit_isolated_db
    steps = {s.name: s for s in alembic_steps(project, script_directory(project), project.parent)}
    for name in ("base1", "right2", "left2"):
        steps[name].upgrade(db)
    steps["left2"].downgrade(db)            # right2 (the other head) stays applied
    assert ("tags", "id") in schema(db) and ("items", "price") not in schema(db)
    with psycopg.connect(db.dsn) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchall() == [("right2",)]


def test_a_batch_runs_a_linear_run_and_declines_the_rest(tmp_path: Path, pggit_isolated_db: Database) -> None:
    from pytest_pggit.steps import BatchNotPossible, BatchStepError

    db = pggit_isolated_db
    ini = write_project(tmp_path, {k: LINEAR[k] for k in ("lin1", "lin2", "lin3")})
    steps = alembic_steps(ini, script_directory(ini), tmp_path)
    runner = steps[0].batch
    assert runner is not None and all(s.batch is runner for s in steps)
    with pytest.raises(BatchNotPossible):   # not in the order Alembic runs them
        runner.run(db, [steps[0], steps[2]], "upgrade", lambda s, c: None, lambda s, c: None)
    seen = []

    def after(step, conn):   # on the revision's own psycopg connection, in its transaction
        seen.append((step.name, conn.execute("SELECT count(*) FROM information_schema.tables "
                                             "WHERE table_schema = 'public'").fetchone()[0]))

    runner.run(db, steps, "upgrade", lambda s, c: seen.append(s.name), after)
    assert seen == ["lin1", ("lin1", 2), "lin2", ("lin2", 3), "lin3", ("lin3", 3)]
    assert ("items", "sku") in schema(db)
    seen.clear()
    with pytest.raises(BatchStepError) as failed:   # lin2's downgrade drops no_such_table ...
        runner.run(db, steps[::-1], "downgrade", lambda s, c: None, lambda s, c: seen.append(s.name))
    assert failed.value.step is steps[1] and "no_such_table" in str(failed.value.error)
    assert seen == ["lin3"]
    assert ("items", "sku") not in schema(db)     # ... after lin3's was committed


def test_the_url_alone_is_enough_for_an_env_py_that_ignores_the_connection(
        tmp_path: Path, pggit_isolated_db: Database) -> None:
    ini = write_project(tmp_path, {"only": (None, 'op.execute("CREATE TABLE only_url (id int)")',
                                            'op.execute("DROP TABLE only_url")', "")})
    (tmp_path / "migrations" / "env.py").write_text(ENV_PY.replace(
        'config.attributes.get("connection")', "None"))
    (step,) = alembic_steps(ini, script_directory(ini), tmp_path)
    step.upgrade(pggit_isolated_db)
    assert schema(pggit_isolated_db) == [("alembic_version", "version_num"), ("only_url", "id")]


def test_an_env_py_after_pytest_alembics_recipe_gets_an_engine(
        tmp_path: Path, pggit_isolated_db: Database) -> None:
    ini = write_project(tmp_path, {"eng": (None, 'op.execute("CREATE TABLE via_engine (id int)")',
                                           'op.execute("DROP TABLE via_engine")', "")})
    (tmp_path / "migrations" / "env.py").write_text(textwrap.dedent('''\
        from alembic import context
        from sqlalchemy import engine_from_config, pool

        config = context.config
        connectable = config.attributes.get("connection")
        assert connectable is not None and not hasattr(connectable, "in_transaction"), connectable
        with connectable.connect() as connection:     # an Engine
            context.configure(connection=connection)
            with context.begin_transaction():
                context.run_migrations()
        '''))
    (step,) = alembic_steps(ini, script_directory(ini), tmp_path)
    step.upgrade(pggit_isolated_db)
    assert ("via_engine", "id") in schema(pggit_isolated_db)
    step.downgrade(pggit_isolated_db)
    assert schema(pggit_isolated_db) == []


def test_a_bad_pggit_allow_is_named(tmp_path: Path) -> None:
    from pytest_pggit.exceptions import PggitError

    ini = write_project(tmp_path, {"bad": (None, "pass", "pass", 'pggit_allow = ["data_deletion"]\n')})
    with pytest.raises(PggitError, match=r"pggit_allow in migrations/versions/bad.py must be a dict"):
        alembic_steps(ini, script_directory(ini), tmp_path)
    # H8: an empty reason is named as such, for the key it belongs to
    ini = write_project(tmp_path, {"bad": (None, "pass", "pass", 'pggit_allow = {"data_deletion": " "}\n')})
    with pytest.raises(PggitError, match=r"^migrations/versions/bad.py: pggit_allow: the reason for "
                                         r"data_deletion is empty") as info:
        alembic_steps(ini, script_directory(ini), tmp_path)
    assert '"data_deletion": "the legacy' in (info.value.hint or "")


def test_several_heads_fail_the_single_head_check(tmp_path: Path) -> None:
    revisions = {k: v for k, v in REVISIONS.items() if k in ("base1", "left2", "right2")}
    ini = write_project(tmp_path, revisions)
    provider = AlembicSteps(ini, tmp_path)
    steps = provider.pytest_pggit_migration_steps(config=None, root=tmp_path)
    assert [s.name for s in steps] == ["base1", "right2", "left2"]   # all heads are applied
    (check,) = provider.pytest_pggit_gate_checks(config=None)
    assert check.failed and (check.group, check.name) == ("alembic", "single_head")
    assert "2 heads (left2, right2)" in check.message and "alembic merge heads" in check.message


# -- through the plugin: pytest --pggit --pggit-alembic --pggit-gate ----------------------

def gate_run(pytester: pytest.Pytester, server: Server, source: Path, *args: str,
             test: str = "def test_nothing():\n    pass\n") -> "tuple[pytest.RunResult, Dict[str, str]]":
    """Copy the project at ``source`` into the pytester dir, run the gate on it, and return
    the result and the JUnit cases (``classname::name`` -> ok/failure/error)."""
    import xml.etree.ElementTree as ET

    if source.resolve() != pytester.path.resolve():
        shutil.copytree(source, pytester.path, dirs_exist_ok=True)
    pytester.makepyfile(test_it=test)
    result = pytester.runpytest("--pggit", "--pggit-backend", "dsn", "--pggit-dsn", server.dsn(),
                                "-p", "no:randomly", "--pggit-alembic", "--pggit-gate",
                                "--pggit-junit", "gate.xml", *args)
    cases = {}
    for case in ET.parse(pytester.path / "gate.xml").getroot().iter("testcase"):
        bad = [t for t in ("failure", "error") if case.find(t) is not None]
        cases[f"{case.get('classname')}::{case.get('name')}"] = bad[0] if bad else "ok"
    return result, cases


def test_each_revision_is_a_tagged_commit_and_the_gate_passes(
        project: Path, pytester: pytest.Pytester, pggit_server: Server) -> None:
    result, cases = gate_run(pytester, pggit_server, project.parent, test='''
        def test_tags(pggit):
            tags = [t for (t,) in pggit.execute(
                "SELECT name FROM pggit_v0.list_tags() WHERE name LIKE 'alembic/%%' ORDER BY 1")]
            assert sorted(tags) == sorted(%r)
            messages = [c.message for c in pggit.history()]
            assert messages.index("alembic merge3: revision merge3") < messages.index(
                "alembic left2: revision left2")            # newest first
            assert pggit.execute("SELECT version_num FROM alembic_version") == [("drop4",)]
        ''' % [f"alembic/{r}" for r in ORDER])
    result.assert_outcomes(passed=1)
    assert result.ret == 0, result.stdout.str()
    assert cases["pggit.alembic::single_head"] == "ok"
    # the newest revision drops a column: accepted by its pggit_allow, downgrade exact
    assert cases["pggit.updown::alembic/drop4"] == "ok"
    assert [k for k, v in cases.items() if v != "ok"] == []
    assert "base: alembic/merge3" in result.stdout.str()


def test_several_heads_fail_the_gate_as_single_head(
        tmp_path: Path, pytester: pytest.Pytester, pggit_server: Server) -> None:
    write_project(tmp_path, {k: v for k, v in REVISIONS.items() if k in ("base1", "left2", "right2")})
    result, cases = gate_run(pytester, pggit_server, tmp_path)
    result.assert_outcomes(passed=1)
    assert result.ret == 1
    assert cases["pggit.alembic::single_head"] == "failure"
    out = result.stdout.str()
    assert "the Alembic history has 2 heads (left2, right2)" in out
    assert "alembic merge heads" in out


def test_a_downgrade_that_forgets_a_column_fails_the_updown_check(
        tmp_path: Path, pytester: pytest.Pytester, pggit_server: Server) -> None:
    revisions = {k: v for k, v in REVISIONS.items() if k == "base1"}
    revisions["add2"] = ("base1", 'op.execute("ALTER TABLE items ADD COLUMN sku text")', "pass", "")
    write_project(tmp_path, revisions)
    result, cases = gate_run(pytester, pggit_server, tmp_path)
    assert result.ret == 1
    assert cases["pggit.updown::alembic/add2"] == "failure", cases
    out = result.stdout.str()
    assert "public/table/items/column/sku" in out
    # U15: what ADDED means here, and what to do, naming the file
    assert "ADDED: left behind by the downgrade; REMOVED: missing after it" in out, out
    assert "hint: fix the step's downgrade (migrations/versions/add2.py) so it undoes what the upgrade did" in out, out


#: a linear history: one Alembic command runs all of it (StepBatch), up and down
LINEAR: Dict[str, tuple] = {
    "lin1": (None, 'op.execute("CREATE TABLE items (id int PRIMARY KEY, name text)")',
             'op.execute("DROP TABLE items")', ""),
    "lin2": ("lin1", 'op.execute("CREATE TABLE tags (id int PRIMARY KEY)")',
             'op.execute("DROP TABLE no_such_table")', ""),              # fails
    "lin3": ("lin2", 'op.execute("ALTER TABLE items ADD COLUMN sku text")',
             'op.execute("ALTER TABLE items DROP COLUMN sku")', ""),
    "lin4": ("lin3", 'op.execute("CREATE INDEX items_name ON items (name)")', "pass", ""),   # forgets
    "lin5": ("lin4", 'op.execute("ALTER TABLE items ADD COLUMN price int")',
             'op.execute("ALTER TABLE items DROP COLUMN price")', ""),
}


def test_a_linear_history_runs_in_one_command_each_way_and_still_catches_bad_downgrades(
        tmp_path: Path, pytester: pytest.Pytester, pggit_server: Server) -> None:
    """Five revisions in one upgrade command (a commit, a tag and the provenance of each,
    as one command per revision would give) and one downgrade command for the up/down
    check of all five (``--pggit-base root``): the downgrade that forgets an index fails
    its case, the one that raises is an error, and the others are still checked, each
    against its own parent (the schema is put right after a bad one)."""
    write_project(tmp_path, LINEAR)
    result, cases = gate_run(pytester, pggit_server, tmp_path, "--pggit-base", "root", test='''
        def test_commits(pggit):
            assert [c.message for c in pggit.history(5)] == [
                f"alembic lin{i}: revision lin{i}" for i in (5, 4, 3, 2, 1)]
            tags = dict(pggit.execute("SELECT name, target_sha FROM pggit_v0.list_tags()"))
            assert tags["alembic/lin3"] == pggit.resolve("HEAD~2")
            def sources(word):
                return pggit.execute("SELECT DISTINCT source FROM pggit_v0.ddl_log "
                                     "WHERE statement LIKE %s", ("%%" + word + "%%",))
            assert sources("sku") == [("alembic/lin3",)]
            assert sources("items_name") == [("alembic/lin4",)]
            assert sources("alembic_version") == [("alembic/lin1",)]
        ''')
    out = result.stdout.str()
    result.assert_outcomes(passed=1)
    assert result.ret == 1, out
    assert {k: v for k, v in cases.items() if k.startswith("pggit.updown::")} == {
        "pggit.updown::alembic/lin5": "ok", "pggit.updown::alembic/lin4": "failure",
        "pggit.updown::alembic/lin3": "ok", "pggit.updown::alembic/lin2": "error",
        "pggit.updown::alembic/lin1": "ok"}, out
    assert "public/table/items/index/items_name" in out
    assert "lin2.py:13: downgrade of step alembic/lin2 failed" in out   # its downgrade()
    assert "no_such_table" in out


def test_a_failing_first_downgrade_of_a_batch_leaves_the_others_checked(
        tmp_path: Path, pytester: pytest.Pytester, pggit_server: Server) -> None:
    revisions = {k: v for k, v in LINEAR.items() if k in ("lin1", "lin3")}
    revisions["lin3"] = ("lin1",) + revisions["lin3"][1:]
    revisions["lin6"] = ("lin3", 'op.execute("CREATE TABLE t6 (id int)")', 'op.execute("DROP TABLE nope")', "")
    write_project(tmp_path, revisions)
    result, cases = gate_run(pytester, pggit_server, tmp_path, "--pggit-base", "root")
    out = result.stdout.str()
    assert result.ret == 1, out
    assert {k: v for k, v in cases.items() if k.startswith("pggit.updown::")} == {
        "pggit.updown::alembic/lin6": "error", "pggit.updown::alembic/lin3": "ok",
        "pggit.updown::alembic/lin1": "ok"}, out


def test_a_base_from_git_reads_that_commits_revisions(
        tmp_path: Path, pytester: pytest.Pytester, pggit_server: Server) -> None:
    import subprocess

    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    revisions = {k: v for k, v in REVISIONS.items() if k == "base1"}
    write_project(tmp_path, revisions)
    shutil.copytree(tmp_path, pytester.path, dirs_exist_ok=True)
    git = ["git", "-c", "user.email=t@example.com", "-c", "user.name=t"]
    subprocess.run(git + ["init", "-q"], cwd=pytester.path, check=True)
    subprocess.run(git + ["add", "-A"], cwd=pytester.path, check=True)
    subprocess.run(git + ["commit", "-q", "-m", "base1"], cwd=pytester.path, check=True)
    # this branch adds a revision dropping a column, without pggit_allow
    revisions["drop2"] = ("base1", 'op.execute("ALTER TABLE items DROP COLUMN legacy")',
                          'op.execute("ALTER TABLE items ADD COLUMN legacy text")', "")
    write_project(pytester.path, revisions)
    result, cases = gate_run(pytester, pggit_server, pytester.path, "--pggit-base", "git:HEAD")
    assert result.ret == 1, result.stdout.str()
    assert cases["pggit.hazards::public/table/items/column/legacy"] == "failure", cases
    assert "(the schema at git HEAD = " in result.stdout.str()


def test_the_option_bare_with_a_path_a_folder_and_in_the_ini(pytester: pytest.Pytester) -> None:
    from pytest_pggit.config import PggitConfig

    sub = pytester.mkdir("db")
    (sub / "alembic.ini").write_text("[alembic]\n")

    def resolved(*args: str) -> "Path | None":
        return PggitConfig.from_pytest(pytester.parseconfig(*args)).alembic

    assert resolved() is None
    assert resolved("--pggit-alembic") == pytester.path / "alembic.ini"   # the rootdir's
    assert resolved("--pggit-alembic=db/alembic.ini") == sub / "alembic.ini"
    assert resolved("--pggit-alembic=db") == sub / "alembic.ini"          # its folder
    pytester.makeini("[pytest]\npggit_alembic = db/alembic.ini\n")
    assert resolved() == sub / "alembic.ini"                              # relative to the ini


def test_the_example_project_passes_its_tests_and_the_gate(pytester: pytest.Pytester,
                                                           pggit_server: Server) -> None:
    """examples/alembic (a copy): four revisions, its tests, and the gate, the newest
    revision's dropped column accepted by the comment on its statement."""
    example = Path(__file__).resolve().parent.parent / "examples" / "alembic"
    shutil.copytree(example, pytester.path / "ex", ignore=shutil.ignore_patterns("__pycache__"))
    result = pytester.runpytest_subprocess("--pggit-backend", "dsn", "--pggit-dsn", pggit_server.dsn(),
                                           "-p", "no:randomly", "--pggit-gate", "ex")
    out = result.stdout.str()
    assert result.ret == 0, out
    result.assert_outcomes(passed=5)
    result.stdout.fnmatch_lines([
        "pggit gate: PASSED*", "hazards: ok: 1 path(s) with hazards (1 data-loss), fails at data-loss, 1 accepted",
        "updown: ok: alembic/0004: the downgrade of alembic/0004 gives the schema of alembic/0003",
        "accepted: public/table/authors/column/notes: data_deletion accepted by alembic/0004:1: "
        "author notes live in the CMS since 2024; the column is unused"])


def test_a_failing_revision_names_its_file_and_line_first(
        tmp_path: Path, pytester: pytest.Pytester, pggit_server: Server) -> None:
    """The error is PostgreSQL's, raised deep in SQLAlchemy: the message starts with the
    revision file's line, not SQLAlchemy's."""
    revisions = {k: v for k, v in REVISIONS.items() if k == "base1"}
    revisions["bad2"] = ("base1", 'op.execute("ALTER TABLE no_such_table ADD COLUMN x int")', "pass", "")
    write_project(tmp_path, revisions)
    shutil.copytree(tmp_path, pytester.path, dirs_exist_ok=True)
    pytester.makepyfile(test_it="def test_it(pggit):\n    pass\n")
    result = pytester.runpytest("--pggit", "--pggit-backend", "dsn", "--pggit-dsn", pggit_server.dsn(),
                                "-p", "no:randomly", "--pggit-alembic")
    result.assert_outcomes(errors=1)
    # line 9 of bad2.py: the op.execute in upgrade()
    result.stdout.fnmatch_lines([f"*{pytester.path}/migrations/versions/bad2.py:9: upgrade of step "
                                 "alembic/bad2 failed*no_such_table*"])


def test_an_error_in_env_py_is_located_there_not_in_the_revision(
        tmp_path: Path, pytester: pytest.Pytester, pggit_server: Server) -> None:
    """F8 (CTFd without an application context): an error env.py raised was hinted "fix
    the step's upgrade (<revision file>)"; the hint now names where it was raised."""
    write_project(tmp_path, {k: v for k, v in REVISIONS.items() if k == "base1"})
    (tmp_path / "migrations" / "env.py").write_text(
        'raise RuntimeError("Working outside of application context.")\n' + ENV_PY)
    shutil.copytree(tmp_path, pytester.path, dirs_exist_ok=True)
    pytester.makepyfile(test_it="def test_it(pggit):\n    pass\n")
    result = pytester.runpytest("--pggit", "--pggit-backend", "dsn", "--pggit-dsn", pggit_server.dsn(),
                                "-p", "no:randomly", "--pggit-alembic")
    result.assert_outcomes(errors=1)
    out = result.stdout.str()
    assert f"{pytester.path}/migrations/env.py:1: upgrade of step alembic/base1 failed" in out, out
    assert "the error was raised at" in out and "not in the step's file (migrations/versions/base1.py)" in out, out


def test_an_env_py_with_a_url_of_its_own_is_refused_before_it_runs_anything(
        tmp_path: Path, pytester: pytest.Pytester, pggit_server: Server) -> None:
    """D4 (FastAPI's full-stack template, mealie): env.py takes its URL from the app's
    settings, so the plugin's URL and connection were ignored: the revisions ran on the
    developer's own database, and the up/down check then downgraded it (a column and its
    values gone), while the gate passed on an empty template. Refused before anything
    runs, naming the database env.py reached."""
    dev = "pggit_test_devdb_d4"
    with psycopg.connect(pggit_server.dsn(), autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {dev}")
        admin.execute(f"CREATE DATABASE {dev}")
    try:
        revisions = {k: v for k, v in REVISIONS.items() if k == "base1"}
        revisions["add2"] = ("base1", 'op.execute("ALTER TABLE items ADD COLUMN rating int")',
                             'op.execute("ALTER TABLE items DROP COLUMN rating")', "")
        write_project(tmp_path, revisions)
        dev_url = Database(dev, pggit_server.dsn(dev), pggit_server).url
        (tmp_path / "migrations" / "env.py").write_text(ENV_PY.replace(
            'connection = config.attributes.get("connection")',
            # (configparser reads % as interpolation: a socket host is %2F-encoded)
            f'config.set_main_option("sqlalchemy.url", {dev_url.replace("%", "%%")!r}); connection = None'))
        # the developer's database, migrated by hand, with values
        from pytest_pggit.tools.alembic import AlembicRunner
        for rev in ("base1", "add2"):
            AlembicRunner(tmp_path / "alembic.ini").run_one(
                Database(dev, pggit_server.dsn(dev), pggit_server), "upgrade", rev)
        with psycopg.connect(pggit_server.dsn(dev), autocommit=True) as conn:
            conn.execute("INSERT INTO items (id, name, rating) VALUES (1, 'a', 5)")
        result, cases = gate_run(pytester, pggit_server, tmp_path)
        assert result.ret != 0
        result.stdout.fnmatch_lines([f"*env.py did not connect to pytest-pggit's database*but to database '{dev}'*"])
        with psycopg.connect(pggit_server.dsn(dev)) as conn:
            assert conn.execute("SELECT version_num FROM alembic_version").fetchall() == [("add2",)]
            assert conn.execute("SELECT id, rating FROM items").fetchall() == [(1, 5)]
    finally:
        with psycopg.connect(pggit_server.dsn(), autocommit=True) as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {dev} WITH (FORCE)")


def test_a_revision_that_fails_to_import_is_named_with_its_cause(
        tmp_path: Path, pytester: pytest.Pytester, pggit_server: Server) -> None:
    """D5 (mealie, a dependency missing): the plugin said "fix the hook implementation in
    pggit-alembic", a hook the user never wrote, without the error behind the one shown."""
    revisions = {k: v for k, v in REVISIONS.items() if k == "base1"}
    revisions["bad2"] = ("base1", "pass", "pass",
                         "raise ValueError('Unable to configure handler rich') from "
                         "ModuleNotFoundError(\"No module named 'no_such_module_d5'\")")
    write_project(tmp_path, revisions)
    shutil.copytree(tmp_path, pytester.path, dirs_exist_ok=True)
    pytester.makepyfile(test_it="def test_it(pggit):\n    pass\n")
    result = pytester.runpytest("--pggit", "--pggit-backend", "dsn", "--pggit-dsn", pggit_server.dsn(),
                                "-p", "no:randomly", "--pggit-alembic")
    out = result.stdout.str() + result.stderr.str()
    assert "reading the project's Alembic migrations failed at" in out, out
    assert "migrations/versions/bad2.py" in out and "Unable to configure handler rich" in out, out
    assert "caused by: ModuleNotFoundError: No module named 'no_such_module_d5'" in out, out
    assert "fix the hook implementation" not in out, out


def test_a_branch_revision_and_its_merge_are_both_judged_by_the_default_gate(
        pytester: pytest.Pytester, pggit_server: Server) -> None:
    """D1 addendum 2 (mealie): "alembic merge heads" after a branch revision: the newest
    step is the merge, and the branch revision, applied before the old head, fell inside
    the default base (the step before the newest): its DROP COLUMN passed the gate. The
    newest files (uncommitted here, or the last commit's) are judged together."""
    import subprocess

    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    old = {"r1": (None, 'op.execute("CREATE TABLE items (id int PRIMARY KEY, name text, legacy text)")',
                  'op.execute("DROP TABLE items")', ""),
           "r2": ("r1", 'op.execute("CREATE TABLE tags (id int PRIMARY KEY)")', 'op.execute("DROP TABLE tags")', "")}
    write_project(pytester.path, old)
    git = ["git", "-c", "user.email=t@example.com", "-c", "user.name=t"]
    subprocess.run(git + ["init", "-q"], cwd=pytester.path, check=True)
    subprocess.run(git + ["add", "-A"], cwd=pytester.path, check=True)
    subprocess.run(git + ["commit", "-q", "-m", "two revisions"], cwd=pytester.path, check=True)
    write_project(pytester.path, {
        "b3": ("r1", 'op.execute("ALTER TABLE items DROP COLUMN legacy")',
               'op.execute("ALTER TABLE items ADD COLUMN legacy text")', ""),
        "m4": (("r2", "b3"), "pass", "pass", "")})
    result, cases = gate_run(pytester, pggit_server, pytester.path)
    out = result.stdout.str()
    assert result.ret != 0, out
    assert "base: alembic/r1 = " in out and ("the step before alembic/b3, the oldest of the 2 new steps (alembic/b3, alembic/m4); "
                                               "3 step(s) judged: alembic/b3, alembic/r2, alembic/m4") in out, out
    assert cases["pggit.hazards::public/table/items/column/legacy"] == "failure", cases


def test_a_version_table_schema_env_py_made_goes_with_the_version_table(
        tmp_path: Path, pytester: pytest.Pytester, pggit_server: Server) -> None:
    """F2 (a multi-schema project, Alembic's usual recipe): env.py makes the schema of
    ``version_table_schema`` itself; after the base revision's downgrade the plugin dropped
    the empty version table but left the schema, so ``--pggit-base root`` failed the first
    revision's up/down on a schema the database before it never had."""
    write_project(tmp_path, {k: v for k, v in REVISIONS.items() if k == "base1"})
    (tmp_path / "migrations" / "env.py").write_text(textwrap.dedent('''\
        from alembic import context
        from sqlalchemy import engine_from_config, pool, text

        config = context.config


        def go(connection):
            connection.execute(text("CREATE SCHEMA IF NOT EXISTS meta"))
            connection.commit()
            context.configure(connection=connection, version_table_schema="meta")
            with context.begin_transaction():
                context.run_migrations()


        connectable = config.attributes.get("connection") or engine_from_config(
            config.get_section(config.config_ini_section, {}), prefix="sqlalchemy.", poolclass=pool.NullPool)
        if hasattr(connectable, "exec_driver_sql"):
            go(connectable)
        else:
            with connectable.connect() as connection:
                go(connection)
        '''))
    result, cases = gate_run(pytester, pggit_server, tmp_path, "--pggit-base", "root")
    assert cases["pggit.updown::alembic/base1"] == "ok", result.stdout.str()
    assert result.ret == 0, result.stdout.str()


def test_flask_migrates_ini_beside_env_py_needs_no_script_location(tmp_path: Path) -> None:
    """F3 (CTFd): Flask-Migrate keeps alembic.ini beside env.py and sets the location in
    code; the ini has none."""
    from pytest_pggit.tools.alembic import alembic_config, script_directory

    write_project(tmp_path, {k: v for k, v in REVISIONS.items() if k == "base1"})
    ini = tmp_path / "migrations" / "alembic.ini"
    ini.write_text("[alembic]\n# template used to generate migration files\n")
    assert alembic_config(ini).get_main_option("script_location") == str(tmp_path / "migrations")
    assert [s.revision for s in script_directory(ini).walk_revisions()] == ["base1"]


def test_a_git_base_reads_the_refs_revisions_with_a_cwd_relative_script_location(
        pytester: pytest.Pytester, pggit_server: Server) -> None:
    """H9: the ini in a subfolder (migrations/alembic.ini) naming ``script_location =
    migrations``, relative to the working directory as Alembic reads it.  The git base
    read that folder from the working directory, not from the ref's files: its steps were
    head's, and a revision dropping a column passed --pggit-base git:HEAD."""
    import subprocess

    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    revisions = {k: v for k, v in REVISIONS.items() if k == "base1"}
    write_project(pytester.path, revisions)
    (pytester.path / "alembic.ini").rename(pytester.path / "migrations" / "alembic.ini")
    git = ["git", "-c", "user.email=t@example.com", "-c", "user.name=t"]
    subprocess.run(git + ["init", "-q"], cwd=pytester.path, check=True)
    subprocess.run(git + ["add", "-A"], cwd=pytester.path, check=True)
    subprocess.run(git + ["commit", "-q", "-m", "base1"], cwd=pytester.path, check=True)
    revisions["drop2"] = ("base1", 'op.execute("ALTER TABLE items DROP COLUMN legacy")',
                          'op.execute("ALTER TABLE items ADD COLUMN legacy text")', "")
    write_project(pytester.path, revisions)
    (pytester.path / "alembic.ini").unlink()
    result, cases = gate_run(pytester, pggit_server, pytester.path,
                             "--pggit-alembic=migrations/alembic.ini", "--pggit-base", "git:HEAD")
    out = result.stdout.str()
    assert result.ret == 1, out
    assert "(the schema at git HEAD = " in out and "HEAD = " in out
    assert re.search(r"the schema at git HEAD = [0-9a-f]{12}: 1 step\(s\)", out), out   # not head's 2
    assert cases["pggit.hazards::public/table/items/column/legacy"] == "failure", cases


def test_a_project_where_alembic_finds_no_revision_is_an_error_naming_what_it_read(
        tmp_path: Path, pytester: pytest.Pytester, pggit_server: Server) -> None:
    """M5: revisions in a subfolder of versions/ (Prefect's versions/postgresql, which its
    env.py names at run time) are not read without version_locations: Alembic found none,
    and the gate passed with "no migration steps", having run none.  An error names the
    ini, the folders read and the files left unread; with the folder named, or read
    recursively, the revision is a step.  A git base without revisions is no error."""
    from pytest_pggit.exceptions import PggitError

    ini = write_project(tmp_path, {k: v for k, v in REVISIONS.items() if k == "base1"})
    versions = tmp_path / "migrations" / "versions"
    (versions / "postgresql").mkdir()
    (versions / "base1.py").rename(versions / "postgresql" / "base1.py")
    env = tmp_path / "migrations" / "env.py"
    env.write_text(ENV_PY.replace("config = context.config\n", "config = context.config\n"
                                  "context.script.version_locations = ['versions/postgresql']\n"))
    provider = AlembicSteps(ini, tmp_path)
    with pytest.raises(PggitError) as info:
        provider.pytest_pggit_migration_steps(config=None, root=tmp_path)
    message = str(info.value)
    assert message.startswith("--pggit-alembic: Alembic finds no revision for alembic.ini: script_location "
                              "migrations, version locations read: migrations/versions;"), message
    assert "1 .py file(s) in their subfolders are not read, e.g. migrations/versions/postgresql/base1.py" in message
    assert "migrations/env.py sets version_locations when it runs" in message
    assert "version_locations = %(here)s/" in (info.value.hint or "")
    assert "recursive_version_locations = true" in (info.value.hint or "")
    # a git base's tree before the first revision: no steps, no error
    other = tmp_path / "base"
    shutil.copytree(tmp_path / "migrations", other / "migrations")
    shutil.copy(ini, other / "alembic.ini")
    assert provider.pytest_pggit_migration_steps(config=None, root=other) == []
    for line in ("recursive_version_locations = true", "version_locations = %(here)s/migrations/versions/postgresql"):
        ini.write_text(f"[alembic]\nscript_location = migrations\n{line}\n")
        steps = provider.pytest_pggit_migration_steps(config=None, root=tmp_path)
        assert [s.name for s in steps] == ["base1"], line
    # through the plugin: the run fails, naming the cause (it passed the gate before)
    ini.write_text("[alembic]\nscript_location = migrations\n")
    shutil.copytree(tmp_path, pytester.path, dirs_exist_ok=True, ignore=shutil.ignore_patterns("base"))
    pytester.makepyfile(test_it="def test_nothing():\n    pass\n")
    result = pytester.runpytest("--pggit", "--pggit-backend", "dsn", "--pggit-dsn", pggit_server.dsn(),
                                "-p", "no:randomly", "--pggit-alembic", "--pggit-gate")
    out = result.stdout.str()
    assert result.ret != 0, out
    assert "pggit gate: PASSED" not in out and "Alembic finds no revision for alembic.ini" in out, out


def test_a_revision_inserted_below_the_deployed_head_fails_the_history_check(
        pytester: pytest.Pytester, pggit_server: Server) -> None:
    """M13 (Prefect): a new revision r3 put below the committed head (r2 edited to
    down_revision r3): databases at r2 never run it, fresh ones do.  The gate failed on
    a wrong reason (r3's up/down check ran r2's downgrade) and named nothing of this;
    ``pggit.history::alembic/r3`` names it.  A branch revision merged with the head (the
    test above) is no such case."""
    import subprocess

    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    old = {"r1": (None, 'op.execute("CREATE TABLE t (id int)")', 'op.execute("DROP TABLE t")', ""),
           "r2": ("r1", 'op.execute("ALTER TABLE t ADD COLUMN a int")', 'op.execute("ALTER TABLE t DROP COLUMN a")', "")}
    write_project(pytester.path, old)
    git = ["git", "-c", "user.email=t@example.com", "-c", "user.name=t"]
    subprocess.run(git + ["init", "-q"], cwd=pytester.path, check=True)
    subprocess.run(git + ["add", "-A"], cwd=pytester.path, check=True)
    subprocess.run(git + ["commit", "-q", "-m", "two revisions"], cwd=pytester.path, check=True)
    write_project(pytester.path, {
        "r3": ("r1", 'op.execute("ALTER TABLE t ADD COLUMN b int")', 'op.execute("ALTER TABLE t DROP COLUMN b")', ""),
        "r2": ("r3", 'op.execute("ALTER TABLE t ADD COLUMN a int")', 'op.execute("ALTER TABLE t DROP COLUMN a")', "")})
    result, cases = gate_run(pytester, pggit_server, pytester.path, "--no-pggit-lint")
    out = result.stdout.str()
    assert result.ret != 0, out
    assert cases["pggit.history::alembic/r3"] == "failure", cases
    assert "alembic/r2 comes after alembic/r3 now" in out and "`alembic upgrade head` never runs alembic/r3" in out, out


def test_a_project_without_any_revision_yet_is_no_error(tmp_path: Path) -> None:
    """The review of M5 (R13): ``alembic init`` done, no revision written yet: the run
    went on with "no migration steps" before M5, and errored in every run after it."""
    from pytest_pggit.tools.alembic import AlembicSteps

    ini = write_project(tmp_path, {})
    assert AlembicSteps(ini, tmp_path).pytest_pggit_migration_steps(config=None, root=tmp_path) == []


@pytest.mark.skipif(shutil.which("squawk") is None and not Path(sys.executable).with_name("squawk").exists(),
                    reason="squawk-cli is not installed (pip install 'pytest-pggit[lint]')")
def test_a_batch_recreate_is_no_table_drop_for_the_lint(
        tmp_path: Path, pytester: pytest.Pytester, pggit_server: Server) -> None:
    """M15: ``batch_alter_table(recreate="always")`` copies the table into
    ``_alembic_tmp_items``, drops ``items`` and renames the copy back.  squawk sees
    ``DROP TABLE items`` and ``RENAME TO items``: the gate failed on a table drop that
    loses no row.  A table the same step renames a copy back to is a recreate: the
    findings are reported as such and never fail; the diff judges what changed."""
    revisions = {k: v for k, v in REVISIONS.items() if k == "base1"}
    revisions["batch2"] = ("base1", 'with op.batch_alter_table("items", recreate="always") as b:\n'
                                    '                    b.add_column(sa.Column("price", sa.Integer()))',
                           'with op.batch_alter_table("items", recreate="always") as b:\n'
                           '                    b.drop_column("price")',
                           "import sqlalchemy as sa\n")
    write_project(tmp_path, revisions)
    result, cases = gate_run(pytester, pggit_server, tmp_path)
    out = result.stdout.str()
    assert result.ret == 0, out
    assert [k for k, v in cases.items() if v != "ok"] == [], cases
    assert re.search(r"recreated by copy", out), out


def test_an_edit_of_a_committed_revision_that_changes_the_schema_fails(
        tmp_path: Path, pytester: pytest.Pytester, pggit_server: Server) -> None:
    """Q1 (zou): a committed revision edited to add a column passed the gate, whose base
    line even named the edit; databases that ran the revision never run it again, so the
    column never reaches them.  Such an edit fails ``pggit.history::<step>``."""
    def git(*args: str) -> None:
        git_in(pytester.path, *args)

    revisions = {k: v for k, v in REVISIONS.items() if k == "base1"}
    revisions["add2"] = ("base1", 'op.execute("ALTER TABLE items ADD COLUMN price int")',
                         'op.execute("ALTER TABLE items DROP COLUMN price")', "")
    write_project(tmp_path, revisions)
    shutil.copytree(tmp_path, pytester.path, dirs_exist_ok=True)
    pytester.makepyfile(test_it="def test_nothing():\n    pass\n")
    git("init", "-q")
    git("add", "-A")
    git("commit", "-qm", "deployed")
    rev = pytester.path / "migrations" / "versions" / "add2.py"
    rev.write_text(rev.read_text().replace(
        'ADD COLUMN price int")', 'ADD COLUMN price int")\n    op.execute("ALTER TABLE items ADD COLUMN sku text")'))
    result, cases = gate_run(pytester, pggit_server, pytester.path)
    out = result.stdout.str()
    assert result.ret == 1, out
    assert cases["pggit.history::alembic/add2"] == "failure", cases
    assert "alembic/add2 was edited after it was committed, and the edit changes the schema" in out
    assert "public/table/items/column/sku" in out
    # an edit that changes no schema (a comment) passes
    rev.write_text(rev.read_text().replace('\n    op.execute("ALTER TABLE items ADD COLUMN sku text")', "  # tidy"))
    result, cases = gate_run(pytester, pggit_server, pytester.path)
    assert result.ret == 0, result.stdout.str()
    assert "pggit.history::alembic/add2" not in cases


def test_the_downgrade_of_a_revision_below_the_head_undoes_that_revision(
        tmp_path: Path, pytester: pytest.Pytester, pggit_server: Server) -> None:
    """Q6 (zou 1e6235d9): a new revision r2 inserted below the deployed r3 (r3 re-parented
    onto it).  The up/down check's clone is checked out to r2's commit, but its version
    table still named the head r3, and ``downgrade r2@-1`` counts from the head of the
    branch: it undid r3 (a no-op) and r2's correct downgrade failed the check.  The
    version table is stamped to the revision first."""
    def git(*args: str) -> None:
        git_in(pytester.path, *args)

    first = {"r1": (None, 'op.execute("CREATE TABLE t (id int)")', 'op.execute("DROP TABLE t")', ""),
             "r3": ("r1", 'op.execute("UPDATE t SET id = id")', "pass", "")}
    write_project(pytester.path, first)
    pytester.makepyfile(test_it="def test_nothing():\n    pass\n")
    git("init", "-q")
    git("add", "-A")
    git("commit", "-qm", "deployed")
    second = dict(first, r2=("r1", 'op.execute("CREATE INDEX ix_t_id ON t (id)")', 'op.execute("DROP INDEX ix_t_id")', ""))
    second["r3"] = ("r2",) + first["r3"][1:]
    write_project(pytester.path, second)
    git("add", "-A")
    git("commit", "-qm", "r2 below r3")
    result, cases = gate_run(pytester, pggit_server, pytester.path)
    out = result.stdout.str()
    assert cases["pggit.updown::alembic/r2"] == "ok", out
    assert cases["pggit.history::alembic/r2"] == "failure", cases   # r3 ran before r2 where deployed


def test_a_failing_hazard_names_the_revision_file_with_a_hint_for_reviewers(
        tmp_path: Path, pytester: pytest.Pytester, pggit_server: Server,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Q7: a merge-request reviewer saw ``made by alembic/<id>`` and no file, the failing
    lint rule after two style ones, no hint, and no ``file`` on any JUnit case, so
    reporters could not annotate the revision.  Now the cases name the file, say what to
    do, carry ``file`` in both JUnit files, and GitHub Actions gets ``::error`` lines."""
    import xml.etree.ElementTree as ET

    revisions = {k: v for k, v in REVISIONS.items() if k == "base1"}
    revisions["drop2"] = ("base1", 'op.execute("ALTER TABLE items DROP COLUMN legacy")',
                          'op.execute("ALTER TABLE items ADD COLUMN legacy text")', "")
    write_project(tmp_path, revisions)
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    result, cases = gate_run(pytester, pggit_server, tmp_path, "--junitxml", "pytest.xml",
                             "-o", "junit_family=xunit1")
    out = result.stdout.str()
    assert result.ret == 1, out
    path = "public/table/items/column/legacy"
    assert cases[f"pggit.hazards::{path}"] == "failure", cases
    revision_file = "migrations/versions/drop2.py"
    gate_cases = {f"{c.get('classname')}::{c.get('name')}": c
                  for c in ET.parse(pytester.path / "gate.xml").getroot().iter("testcase")}
    hazard = gate_cases[f"pggit.hazards::{path}"]
    assert hazard.get("file") == revision_file
    message = hazard.find("failure").get("message")
    assert f"made by alembic/drop2 ({revision_file})" in message, message
    assert "hint: when the values are still wanted, keep them" in message, message
    assert f'pggit_allow = {{"data_deletion": "<why>"}} at the top level of the migration in ' \
           f'{revision_file}' in message, message
    # pytest's own --junitxml (xunit1 writes file and line attributes)
    pytest_cases = {f"{c.get('classname')}::{c.get('name')}": c
                    for c in ET.parse(pytester.path / "pytest.xml").getroot().iter("testcase")}
    assert pytest_cases[f"pggit.hazards::{path}"].get("file") == revision_file
    assert pytest_cases["pggit.updown::alembic/drop2"].get("file") == revision_file
    # GitHub Actions: an error annotation on the revision's file
    assert re.search(rf"^::error file={re.escape(revision_file)},title=pggit hazards%3A "
                     rf"{re.escape(path)}::data-loss: REMOVED ", out, re.M), out
    if Path(sys.executable).with_name("squawk").exists() or shutil.which("squawk"):
        lint = [c for name, c in gate_cases.items() if name.startswith("pggit.lint::alembic/drop2:")]
        assert lint, sorted(gate_cases)
        message = lint[0].find("failure").get("message")
        assert message.split(": ", 1)[1].startswith("ban-drop-column"), message   # the failing rule first
        assert f"in {revision_file}; hint: when the values are still wanted" in message, message
        assert 'accept it: pggit_allow = {"data_deletion": "<why>"}' in message, message
        assert lint[0].get("file") == revision_file
    # the hint works: the allow it names accepts both cases
    text = (tmp_path / revision_file).read_text().replace(
        "down_revision = 'base1'", "down_revision = 'base1'\npggit_allow = {\"data_deletion\": \"legacy is unused\"}")
    (pytester.path / revision_file).write_text(text)
    monkeypatch.delenv("GITHUB_ACTIONS")
    result, cases = gate_run(pytester, pggit_server, pytester.path)
    assert result.ret == 0, result.stdout.str()
    assert cases[f"pggit.hazards::{path}"] == "ok"
    assert "::error" not in result.stdout.str()


def _deployed_r1_r2_then_r1_edited(pytester: pytest.Pytester, first_env_py: str = "") -> None:
    """A git history: r1 committed in January (with ``first_env_py`` as its env.py when
    given), r2 in February (with the tests' env.py), then r1 edited in the work tree to
    add a column."""
    first = {"r1": (None, 'op.execute("CREATE TABLE t (id int)")', 'op.execute("DROP TABLE t")', "")}
    write_project(pytester.path, first)
    if first_env_py:
        (pytester.path / "migrations" / "env.py").write_text(first_env_py)
    pytester.makepyfile(test_it="def test_nothing():\n    pass\n")
    git_in(pytester.path, "init", "-q")
    git_in(pytester.path, "add", "-A")
    git_in(pytester.path, "commit", "-qm", "r1", when="2026-01-10T00:00:00")
    write_project(pytester.path, dict(first, r2=("r1", 'op.execute("CREATE INDEX ix_t_id ON t (id)")',
                                                 'op.execute("DROP INDEX ix_t_id")', "")))
    git_in(pytester.path, "add", "-A")
    git_in(pytester.path, "commit", "-qm", "r2", when="2026-02-10T00:00:00")
    rev = pytester.path / "migrations" / "versions" / "r1.py"
    rev.write_text(rev.read_text().replace("CREATE TABLE t (id int)", "CREATE TABLE t (id int, note text)"))


def test_an_uncommitted_edit_of_an_older_deployed_revision_is_judged_as_an_edit(
        tmp_path: Path, pytester: pytest.Pytester, pggit_server: Server) -> None:
    """U6: r1 committed in January, r2 in February, then r1 edited (not committed) to add
    a column.  The edit was judged as a new step inserted below r2 (default base root,
    ``history: r2 comes after r1 now``), and every step since root again.  It is judged
    as an edit now: from git before r2 was added, so r2 is judged too, and the history
    case says r1 was edited after it was committed."""
    _deployed_r1_r2_then_r1_edited(pytester)
    result, cases = gate_run(pytester, pggit_server, pytester.path)
    out = result.stdout.str()
    assert result.ret == 1, out
    assert cases["pggit.history::alembic/r1"] == "failure", cases
    assert "alembic/r1 was edited after it was committed, and the edit changes the schema" in out, out
    assert "comes after" not in out, out
    assert "the default base, as alembic/r1 changed since git HEAD, judged from git" in out, out
    assert cases["pggit.updown::alembic/r2"] == "ok", cases        # the newer committed step: judged


def test_an_irreversible_revision_is_accepted_with_a_reason_and_a_typo_is_an_error(
        tmp_path: Path, pytester: pytest.Pytester, pggit_server: Server) -> None:
    """U4: Alembic's convention for a data migration that cannot be undone is a downgrade
    raising NotImplementedError; the up/down case failed with no way to accept it, and a
    pggit_allow key that is no hazard kind (a typo) accepted nothing and said nothing."""
    revisions = {k: v for k, v in REVISIONS.items() if k == "base1"}
    revisions["merge2"] = ("base1", "op.execute(\"UPDATE items SET name = 'x' WHERE name = 'y'\")",
                           'raise NotImplementedError("irreversible: the kinds were merged")',
                           'pggit_allow = {"irreversable": "the kinds were merged on purpose"}\n')
    write_project(tmp_path, revisions)
    result, cases = gate_run(pytester, pggit_server, tmp_path)
    out = result.stdout.str()
    assert result.ret == 1, out
    assert cases["pggit.updown::alembic/merge2"] == "error", cases
    assert 'or, when the step cannot be undone on purpose, say why: pggit_allow = {"irreversible": "<why>"}' \
        in out, out
    assert cases["pggit.allow::alembic/merge2 pggit_allow"] == "error", cases
    assert "names 'irreversable', which is no hazard kind, squawk rule or 'irreversible': it accepts " \
           "nothing; did you mean 'irreversible'?" in out, out
    # the key spelled right: accepted, with its reason
    rev = pytester.path / "migrations" / "versions" / "merge2.py"
    rev.write_text(rev.read_text().replace("irreversable", "irreversible"))
    result, cases = gate_run(pytester, pggit_server, pytester.path)
    out = result.stdout.str()
    assert result.ret == 0, out
    assert cases["pggit.updown::alembic/merge2"] == "ok", cases
    assert "pggit.allow::alembic/merge2 pggit_allow" not in cases
    result = pytester.runpytest("--pggit", "--pggit-backend", "dsn", "--pggit-dsn", pggit_server.dsn(),
                                "-p", "no:randomly", "--pggit-alembic", "--pggit-gate", "-v")
    result.stdout.fnmatch_lines(["*ok*alembic/merge2*ACCEPTED*the downgrade of alembic/merge2 failed: *"
                                 "irreversible, accepted by pggit_allow of alembic/merge2: the kinds were "
                                 "merged on purpose*"])


def test_an_edit_is_judged_from_a_ref_whose_env_py_predates_pytest_pggit(
        tmp_path: Path, pytester: pytest.Pytester, pggit_server: Server) -> None:
    """U5 (ihatemoney): the edit of a deployed revision is judged from a git ref older than
    the project's adoption of pytest-pggit, whose env.py used the application's own URL:
    the base could not be built, and the edit was never judged.  The work tree's env.py
    builds it now (the revisions are the ref's)."""
    _deployed_r1_r2_then_r1_edited(pytester, first_env_py=textwrap.dedent('''\
        from alembic import context
        from sqlalchemy import create_engine

        engine = create_engine("sqlite://")   # the application's own database
        with engine.connect() as connection:
            context.configure(connection=connection)
            with context.begin_transaction():
                context.run_migrations()
        '''))
    result, cases = gate_run(pytester, pggit_server, pytester.path)
    out = result.stdout.str()
    assert result.ret == 1, out
    assert "NOT JUDGED" not in out, out
    assert cases["pggit.history::alembic/r1"] == "failure", cases
    assert "built with the work tree's Alembic env.py: the ref's connects elsewhere" in out, out


def test_a_squash_under_a_new_id_fails_for_the_deployed_head_and_keeping_it_passes(
        tmp_path: Path, pytester: pytest.Pytester, pggit_server: Server) -> None:
    """U14: revisions r1, r2 deployed; the change deletes them and adds one base revision
    building the same schema.  Under a new id every database stamped r2 fails
    ``alembic upgrade`` (Can't locate revision), and the gate passed.  The head's id gone
    is a ``history`` failure; a squash that keeps the head's id passes."""
    def git(*args: str) -> None:
        git_in(pytester.path, *args)

    deployed = {"r1": (None, 'op.execute("CREATE TABLE t (id int)")', 'op.execute("DROP TABLE t")', ""),
                "r2": ("r1", 'op.execute("ALTER TABLE t ADD COLUMN note text")',
                       'op.execute("ALTER TABLE t DROP COLUMN note")', "")}
    write_project(pytester.path, deployed)
    pytester.makepyfile(test_it="def test_nothing():\n    pass\n")
    git("init", "-q")
    git("add", "-A")
    git("commit", "-qm", "release")
    versions = pytester.path / "migrations" / "versions"
    for rev in deployed:
        (versions / f"{rev}.py").unlink()
    squash = {"s1": (None, 'op.execute("CREATE TABLE t (id int, note text)")', 'op.execute("DROP TABLE t")', "")}
    write_project(pytester.path, squash)
    result, cases = gate_run(pytester, pggit_server, pytester.path)
    out = result.stdout.str()
    assert result.ret == 1, out
    assert cases["pggit.history::alembic/r2"] == "failure", cases
    assert "pggit.history::alembic/r1" not in cases        # (not a head: no database stops there)
    assert "alembic/r2 (migrations/versions/r2.py) is gone and no revision has its id now" in out, out
    # the same squash keeping the head's id: databases at r2 find it applied
    (versions / "s1.py").unlink()
    write_project(pytester.path, {"r2": squash["s1"]})
    result, cases = gate_run(pytester, pggit_server, pytester.path)
    assert result.ret == 0, result.stdout.str()
    assert [k for k in cases if k.startswith("pggit.history::")] == [], cases


@pytest.mark.parametrize("uncommitted", [True, False], ids=["uncommitted", "committed"])
def test_a_squash_keeping_the_heads_id_is_compared_with_the_revisions_it_replaces(
        tmp_path: Path, pytester: pytest.Pytester, pggit_server: Server, uncommitted: bool) -> None:
    """U14b: a squash keeping the head's id (r2) that forgets a column passed: databases at
    r2 keep the column, new databases never get it.  The revisions git had (r1, r2) run
    where the squash ran, as for a Django squash: ``pggit.squash::alembic/r2`` fails
    with the path; the faithful squash passes it.  Deleted in the work tree (git HEAD
    has them) or by the commit under test (its parent has them)."""
    def git(*args: str) -> None:
        git_in(pytester.path, *args)

    deployed = {"r1": (None, 'op.execute("CREATE TABLE t (id int)")', 'op.execute("DROP TABLE t")', ""),
                "r2": ("r1", 'op.execute("ALTER TABLE t ADD COLUMN note text")',
                       'op.execute("ALTER TABLE t DROP COLUMN note")', "")}
    write_project(pytester.path, deployed)
    pytester.makepyfile(test_it="def test_nothing():\n    pass\n")
    git("init", "-q")
    git("add", "-A")
    git("commit", "-qm", "release")
    versions = pytester.path / "migrations" / "versions"
    for rev in deployed:
        (versions / f"{rev}.py").unlink()
    forgets = (None, 'op.execute("CREATE TABLE t (id int)")', 'op.execute("DROP TABLE t")', "")
    (versions / "squash.py").write_text((write_project(tmp_path, {"r2": forgets}).parent
                                         / "migrations" / "versions" / "r2.py").read_text())
    if not uncommitted:
        git("add", "-A")
        git("commit", "-qm", "squash r1 and r2 into r2")
    result, cases = gate_run(pytester, pggit_server, pytester.path)
    out = result.stdout.str()
    assert result.ret == 1, out
    assert cases["pggit.squash::alembic/r2"] == "failure", cases
    assert re.search(r"the squash makes another schema than the 2 migration\(s\) it replaces "
                     r"\(alembic/r1 \.\.\. alembic/r2\): 1 path\(s\) differ \(REMOVED public/table/t/column/note\)",
                     out), out
    assert [k for k in cases if k.startswith("pggit.history::")] == [], cases
    # the faithful squash: the same schema
    faithful = (None, 'op.execute("CREATE TABLE t (id int, note text)")', 'op.execute("DROP TABLE t")', "")
    (versions / "squash.py").write_text((write_project(tmp_path, {"r2": faithful}).parent
                                         / "migrations" / "versions" / "r2.py").read_text())
    if not uncommitted:
        git("add", "-A")
        git("commit", "-qm", "the squash fixed")
    result, cases = gate_run(pytester, pggit_server, pytester.path)
    out = result.stdout.str()
    assert result.ret == 0, out
    assert cases["pggit.squash::alembic/r2"] == "ok", cases


@pytest.mark.skipif(shutil.which("squawk") is None and not Path(sys.executable).with_name("squawk").exists(),
                    reason="squawk-cli is not installed (pip install 'pytest-pggit[lint]')")
def test_a_type_change_to_the_type_the_column_has_fails_no_lint(
        tmp_path: Path, pytester: pytest.Pytester, pggit_server: Server) -> None:
    """U2 (ihatemoney c941aaca38c2, generated on SQLite): ``ALTER COLUMN password TYPE
    VARCHAR(256)`` on a column that already is varchar(256) rewrites nothing and changes
    no path, but squawk's changing-column-type failed the gate at high."""
    revisions = {"r1": (None, 'op.execute("CREATE TABLE project (id int PRIMARY KEY, password varchar(256))")',
                        'op.execute("DROP TABLE project")', ""),
                 "r2": ("r1", 'op.execute("ALTER TABLE project ALTER COLUMN password TYPE VARCHAR(256)")',
                        "pass", "")}
    write_project(tmp_path, revisions)
    result, cases = gate_run(pytester, pggit_server, tmp_path)
    out = result.stdout.str()
    assert result.ret == 0, out
    assert re.search(r"changing-column-type \(high, no rewrite", out) or "changing-column-type" not in out, out
    # a real narrowing still fails
    write_project(pytester.path, dict(revisions, r2=("r1", 'op.execute("ALTER TABLE project ALTER COLUMN password TYPE VARCHAR(40)")',
                                                     "pass", "")))
    result, cases = gate_run(pytester, pggit_server, pytester.path)
    assert result.ret == 1, result.stdout.str()


def test_a_git_base_built_with_the_refs_own_env_py_is_no_prefix_of_todays_template(
        tmp_path: Path, pytester: pytest.Pytester, pggit_server: Server) -> None:
    """The review's W8: a git base's cache entry was keyed by the work tree's env.py but
    built with the ref's, which here makes a table of its own; the next run, adding a
    revision, reused that entry as a prefix, and the tests saw the old env.py's table."""
    def git(*args: str, when: str = "") -> None:
        git_in(pytester.path, *args, when=when)

    old_env = ENV_PY.replace("    with context.begin_transaction():\n        context.run_migrations()\n\n\nrun()",
                             "    with context.begin_transaction():\n        context.get_bind().exec_driver_sql("
                             "\"CREATE TABLE IF NOT EXISTS old_env_marker (x int)\")\n"
                             "        context.run_migrations()\n\n\nrun()")
    assert old_env != ENV_PY
    r1 = {"r1": (None, 'op.execute("CREATE TABLE t (id int)")', 'op.execute("DROP TABLE t")', "")}
    write_project(pytester.path, r1)
    (pytester.path / "migrations" / "env.py").write_text(old_env)
    git("init", "-q")
    git("add", "-A")
    git("commit", "-qm", "r1", when="2026-01-10T00:00:00")
    r12 = dict(r1, r2=("r1", 'op.execute("CREATE TABLE u (id int)")', 'op.execute("DROP TABLE u")', ""))
    write_project(pytester.path, r12)   # (today's env.py)
    git("add", "-A")
    git("commit", "-qm", "r2, env.py adapted", when="2026-02-10T00:00:00")
    rev = pytester.path / "migrations" / "versions" / "r1.py"
    committed = rev.read_text()
    rev.write_text(committed.replace("CREATE TABLE t (id int)", "CREATE TABLE t (id int, note text)"))
    gate_run(pytester, pggit_server, pytester.path)   # builds and keeps the git base of the edit
    rev.write_text(committed)
    write_project(pytester.path, dict(r12, r3=("r2", 'op.execute("CREATE TABLE v (id int)")',
                                                'op.execute("DROP TABLE v")', "")))
    result, _ = gate_run(pytester, pggit_server, pytester.path, "-v", test='''
def test_template(pggit):
    assert pggit.execute("SELECT to_regclass('public.v') IS NOT NULL") == [(True,)]
    assert pggit.execute("SELECT to_regclass('public.old_env_marker')") == [(None,)]
''')
    assert "test_template PASSED" in result.stdout.str(), result.stdout.str()


def test_an_edit_is_judged_from_a_ref_whose_env_py_fails(
        tmp_path: Path, pytester: pytest.Pytester, pggit_server: Server) -> None:
    """BB9 (CTFd): the ref's stock Flask-Migrate env.py, older than the change alembic.md
    asks for, failed in itself ("could not translate host name"), and the hint told to fix
    the temporary copy of it.  The work tree's env.py builds the base now, as for U5."""
    _deployed_r1_r2_then_r1_edited(pytester, first_env_py=textwrap.dedent('''\
        raise RuntimeError("no application context: the stock env.py")
        '''))
    result, cases = gate_run(pytester, pggit_server, pytester.path)
    out = result.stdout.str()
    assert result.ret == 1, out
    assert "NOT JUDGED" not in out, out
    assert cases["pggit.history::alembic/r1"] == "failure", cases
    assert "built with the work tree's Alembic env.py: the ref's fails (" in out, out
    assert "pytest-pggit-git-base-" not in out, out


def test_an_error_of_the_refs_tree_names_the_ref() -> None:
    from pytest_pggit.exceptions import PggitError
    from pytest_pggit.gitbase import _named_in_ref

    exc = PggitError("/tmp/pytest-pggit-git-base-rh2_5iev/migrations/env.py:81: upgrade of step alembic/a failed",
                     hint="the error was raised at /tmp/pytest-pggit-git-base-rh2_5iev/migrations/env.py:81, "
                          "not in the step's file")
    got = _named_in_ref(exc, "origin/master")
    assert got.message.startswith("git origin/master:migrations/env.py:81: upgrade"), got.message
    assert "pytest-pggit-git-base-" not in str(got) and "land it first" in got.hint, got.hint
