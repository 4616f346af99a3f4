"""Migration steps (issue 14): a commit and a tag on main per step, the gate's base before
the newest step, the up/down check, ``--pggit-ignore``, ``--pggit-base git:<ref>`` and
``root``, ``database.url``, ``lock_timeout``, and a template no one else can drop or
silently empty of sessions.

Inner pytest runs (pytester) against the outer run's server (``--pggit-backend dsn``).
The steps are plain psycopg: a conftest hook returns three ``Step`` objects.
"""
from __future__ import annotations

import re
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import List, Optional

import psycopg
import pytest

from pytest_pggit.backends import Server
from pytest_pggit.lint import find_squawk
from pytest_pggit.steps import ref_name_problem, safe_ref_name

#: Three steps; the downgrade of the newest one is ``{down3}`` (None: no downgrade).
STEPS_CONFTEST = '''
from pytest_pggit.steps import Step

def run(sql):
    def action(database):
        with database.connect(autocommit=True) as conn:
            conn.execute(sql)
    return action

DOWN3 = {down3!r}

def pytest_pggit_migration_steps(config):
    return [
        Step("app", "0001_customers", "customers table",
             run("CREATE TABLE customers (id int PRIMARY KEY, email text NOT NULL, name text)"),
             run("DROP TABLE customers")),
        Step("app", "0002_orders", "orders table",
             run("CREATE TABLE orders (id int PRIMARY KEY, customer_id int REFERENCES customers, total numeric)"),
             run("DROP TABLE orders")),
        Step("app", "0003_phone", "customers.phone",
             run({up3!r}),
             run(DOWN3) if DOWN3 else None, source="migrations/0003_phone.py"),
    ]
'''

UP3 = "ALTER TABLE customers ADD COLUMN phone text"
GOOD_DOWN3 = "ALTER TABLE customers DROP COLUMN phone"
#: forgets nothing of phone, but leaves email nullable: a real difference
BAD_DOWN3 = "ALTER TABLE customers ALTER COLUMN email DROP NOT NULL; ALTER TABLE customers DROP COLUMN phone"

PASSING_TEST = "def test_ok(pggit):\n    assert pggit.head()\n"


def dsn_args(server: Server) -> List[str]:
    return ["--pggit", "--pggit-backend", "dsn", "--pggit-dsn", server.dsn(), "-p", "no:randomly"]


def steps_conftest(pytester: pytest.Pytester, down3: Optional[str] = GOOD_DOWN3, up3: str = UP3) -> None:
    pytester.makeconftest(STEPS_CONFTEST.format(down3=down3, up3=up3))


def junit_cases(path: Path) -> dict:
    """``{"classname::name": (failed, text)}`` of a JUnit file."""
    out = {}
    for case in ET.parse(path).getroot().iter("testcase"):
        bad = case.find("failure")
        if bad is None:
            bad = case.find("error")
        text = (bad.text or "") + (bad.get("message") or "") if bad is not None else ""
        out[f"{case.get('classname')}::{case.get('name')}"] = (bad is not None, text)
    return out


# ------------------------------------------------------------------ commits and tags
def test_each_step_is_a_commit_and_a_tag_on_main(pytester: pytest.Pytester, pggit_server: Server) -> None:
    (pytester.path / "schema").mkdir()
    (pytester.path / "schema" / "001_base.sql").write_text("CREATE TABLE settings (k text PRIMARY KEY);\n")
    steps_conftest(pytester)
    pytester.makepyfile(
        """
        def test_history(pggit):
            messages = [c.message for c in pggit.history(10)]
            assert messages[:4] == [
                "app 0003_phone: customers.phone",
                "app 0002_orders: orders table",
                "app 0001_customers: customers table",
                "sql schema/001_base.sql: schema file",
            ]
            assert len(messages) == 5          # and the root commit
            assert all(c.branch == "main" for c in pggit.history(10))
            tags = dict(pggit.execute("SELECT name, target_sha FROM pggit_v0.list_tags()"))
            assert set(tags) == {"sql/schema/001_base.sql", "app/0001_customers",
                                 "app/0002_orders", "app/0003_phone"}   # no tag for root
            assert tags["app/0003_phone"] == pggit.head()
            assert pggit.resolve("root") == pggit.history(10)[-1].sha
            # a step's tag is a ref like any other: what did 0002 add?
            assert pggit.diff("app/0001_customers", "app/0002_orders").paths[0] == "public/table/orders"
            assert pggit.diff("app/0002_orders", "app/0003_phone").paths == [
                "public/table/customers/column/phone"]
            assert pggit.diff("root", "sql/schema/001_base.sql").paths[0] == "public/table/settings"
            assert not pggit.status()
        """
    )
    result = pytester.runpytest(*dsn_args(pggit_server), "--pggit-schema", "schema", "-v")
    result.assert_outcomes(passed=1)
    result.stdout.fnmatch_lines(["*4 migration step(s) committed and tagged on main "
                                 "(sql/schema/001_base.sql ... app/0003_phone)*"])


def test_hook_order_is_registration_order_and_setup_runs_after(pytester: pytest.Pytester,
                                                                pggit_server: Server) -> None:
    """Two implementations (a plugin module, then the conftest): their lists are
    concatenated in registration order; pytest_pggit_setup runs after every step and
    its schema change is the baseline commit."""
    pytester.makepyfile(first_steps='''
        from pytest_pggit.steps import Step
        def up(database):
            with database.connect(autocommit=True) as conn:
                conn.execute("CREATE TABLE a (id int)")
        def pytest_pggit_migration_steps(config):
            return [Step("lib", "a", "table a", up)]
        ''')
    pytester.makeconftest('''
        from pytest_pggit.steps import Step
        def up(database):
            with database.connect(autocommit=True) as conn:
                conn.execute("CREATE TABLE b (id int)")
        def pytest_pggit_migration_steps(config):
            return [Step("app", "b", "table b", up)]
        def pytest_pggit_setup(connection):
            connection.execute("CREATE TABLE seeded (id int)")
        ''')
    pytester.makepyfile(
        """
        def test_order(pggit):
            assert [c.message for c in pggit.history(3)] == [
                "pytest-pggit baseline: hook conftest.py", "app b: table b", "lib a: table a"]
        """
    )
    pytester.syspathinsert()
    result = pytester.runpytest(*dsn_args(pggit_server), "-p", "first_steps")
    result.assert_outcomes(passed=1)


def test_a_failing_step_names_the_users_line_first(pytester: pytest.Pytester, pggit_server: Server) -> None:
    pytester.makeconftest(
        """
        from pytest_pggit.steps import Step

        def broken(database):
            with database.connect(autocommit=True) as conn:
                conn.execute("CREATE TABLE t (id int)")
            raise RuntimeError("the migration tool gave up")

        def pytest_pggit_migration_steps(config):
            return [Step("app", "0001_t", "t", broken)]
        """
    )
    pytester.makepyfile(PASSING_TEST)
    result = pytester.runpytest(*dsn_args(pggit_server))
    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines([
        f"*pytest-pggit: {pytester.path}/conftest.py:6: upgrade of step app/0001_t failed: "
        "RuntimeError: the migration tool gave up*"])


def test_a_step_failing_inside_a_library_names_the_users_line(pytester: pytest.Pytester,
                                                              pggit_server: Server) -> None:
    """The innermost frame is the standard library's (json); the user's line is shown."""
    pytester.makeconftest(
        """
        import json
        from pytest_pggit.steps import Step

        def broken(database):
            json.loads("{not json")

        def pytest_pggit_migration_steps(config):
            return [Step("app", "0001_t", "t", broken)]
        """
    )
    pytester.makepyfile(PASSING_TEST)
    result = pytester.runpytest(*dsn_args(pggit_server))
    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines([f"*pytest-pggit: {pytester.path}/conftest.py:5: upgrade of step app/0001_t "
                                 "failed: JSONDecodeError: *"])


def test_a_failing_downgrade_and_a_failing_hook_name_the_users_line(pytester: pytest.Pytester,
                                                                   pggit_server: Server) -> None:
    """A downgrade that raises is the updown case's error, at the user's file:line (the
    walk goes on with the older steps); a steps hook that raises names its line too."""
    pytester.makeconftest(
        """
        from pytest_pggit.steps import Step

        def run(sql):
            def action(database):
                with database.connect(autocommit=True) as conn:
                    conn.execute(sql)
            return action

        def give_up(database):
            raise RuntimeError("no way back")

        def pytest_pggit_migration_steps(config):
            return [Step("app", "0001_t", "t", run("CREATE TABLE t (id int)"), run("DROP TABLE t")),
                    Step("app", "0002_u", "u", run("CREATE TABLE u (id int)"), give_up)]
        """
    )
    pytester.makepyfile(PASSING_TEST)
    result = pytester.runpytest(*dsn_args(pggit_server), "--pggit-gate", "--pggit-base", "root",
                                "--pggit-junit", "gate.xml")
    assert result.ret == 1, result.stdout.str()
    cases = junit_cases(pytester.path / "gate.xml")
    failed, text = cases["pggit.updown::app/0002_u"]
    assert failed and f"{pytester.path}/conftest.py:10: downgrade of step app/0002_u failed: " \
                      "RuntimeError: no way back" in text, text
    assert cases["pggit.updown::app/0001_t"][0] is False   # repaired, then judged on its own
    pytester.makeconftest(
        """
        def pytest_pggit_migration_steps(config):
            return [step for step in open("no-such-migrations.txt")]
        """
    )
    result = pytester.runpytest(*dsn_args(pggit_server))
    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines([f"*the pytest_pggit_migration_steps hook failed at {pytester.path}/conftest.py:2: "
                                 "FileNotFoundError: *no-such-migrations.txt*"])


def test_tag_names_follow_the_layers_ref_name_rules(pggit) -> None:
    """The Python copy of _ref_name_problem agrees with the SQL one; safe_ref_name makes
    any step tag valid and leaves valid ones alone (Alembic hex ids, Django app/name)."""
    names = ["alembic/1a2b3c4d5e6f", "django/shop/0002_add_price", "sql/schema/001_init.sql",
             "1a2b3c4d", "sql/my schema.sql", "sql//abs/x.sql", "sql/a..b", "sql/x.lock", "sql/.hidden",
             "sql/x~1", "sql/x^", "sql/a:b", "sql/a?b", "sql/a*b", "sql/a[b", "sql/a\\b", "-x", "x/",
             "x.", "HEAD", "@", "a@{b", "", "tab\there", "ok/name-1_2.sql"]
    for name in names:
        row = pggit.execute("SELECT pggit_v0._ref_name_problem(%s)", (name,))
        assert ref_name_problem(name) == row[0][0], name
        fixed = safe_ref_name(name)
        assert pggit.execute("SELECT pggit_v0._ref_name_problem(%s)", (fixed,))[0][0] is None, (name, fixed)
        if row[0][0] is None:
            assert fixed == name


# ------------------------------------------------------------------ the gate's base
def test_gate_base_is_the_step_before_the_newest(pytester: pytest.Pytester, pggit_server: Server) -> None:
    steps_conftest(pytester)
    pytester.makepyfile(PASSING_TEST)
    result = pytester.runpytest(*dsn_args(pggit_server), "--pggit-gate", "-v",
                                "--pggit-junit", "gate.xml", "--pggit-report", "gate.md")
    assert result.ret == 0, result.stdout.str()
    result.stdout.fnmatch_lines([
        "base: app/0002_orders = * (the step before the newest, app/0003_phone); head: HEAD = *",
        "diff app/0002_orders..HEAD: 1 path(s)*",
    ])
    md = (pytester.path / "gate.md").read_text()
    assert "Base: app/0002_orders `" in md and "(the step before the newest, app/0003_phone)" in md
    props = {p.get("name"): p.get("value") for p in ET.parse(pytester.path / "gate.xml").getroot().iter("property")}
    assert props["base_ref"] == "app/0002_orders"
    assert props["base_reason"] == "the step before the newest, app/0003_phone"


def test_root_is_a_ref_for_the_gate_and_repo(pytester: pytest.Pytester, pggit_server: Server) -> None:
    steps_conftest(pytester)
    pytester.makepyfile(
        """
        def test_root(pggit):
            root = pggit.resolve("root")
            assert pggit.history(1, ref="root")[0].sha == root
            assert pggit.diff("root", "HEAD").paths[0] == "public/table/customers"
            assert "CREATE TABLE" in pggit.migration("root", "app/0001_customers")
            # short shas and tags, as the report prints them, resolve too
            assert pggit.resolve(root[:12]) == root
            # a branch from root, and root while HEAD is on that branch
            pggit.branch("from-root", from_ref="root", checkout=True)
            assert pggit.resolve("root") == root and pggit.diff("root", "from-root") == []
        """
    )
    result = pytester.runpytest(*dsn_args(pggit_server), "--pggit-gate", "--pggit-base", "root", "-v")
    assert result.ret == 0, result.stdout.str()
    result.assert_outcomes(passed=1)
    result.stdout.fnmatch_lines(["base: root = * (--pggit-base); head: HEAD = *",
                                 "*ok  root..HEAD *"])


# ------------------------------------------------------------------ up/down
def test_updown_passes_for_correct_downgrades(pytester: pytest.Pytester, pggit_server: Server) -> None:
    steps_conftest(pytester)
    pytester.makepyfile(PASSING_TEST)
    result = pytester.runpytest(*dsn_args(pggit_server), "--pggit-gate", "--pggit-base", "root",
                                "--pggit-junit", "gate.xml", "-v")
    assert result.ret == 0, result.stdout.str()
    cases = junit_cases(pytester.path / "gate.xml")
    for tag in ("app/0003_phone", "app/0002_orders", "app/0001_customers"):
        assert cases[f"pggit.updown::{tag}"][0] is False, tag
    result.stdout.fnmatch_lines(["*ok  app/0003_phone *OK *the downgrade of app/0003_phone gives the schema "
                                 "of app/0002_orders*"])


def test_updown_catches_a_downgrade_bug(pytester: pytest.Pytester, pggit_server: Server) -> None:
    steps_conftest(pytester, down3=BAD_DOWN3)
    pytester.makepyfile(PASSING_TEST)
    result = pytester.runpytest(*dsn_args(pggit_server), "--pggit-gate", "--pggit-junit", "gate.xml")
    assert result.ret == 1
    failed, text = junit_cases(pytester.path / "gate.xml")["pggit.updown::app/0003_phone"]
    assert failed
    assert "does not give the schema of app/0002_orders: 1 path(s) differ" in text
    # the review-style diff: the path, then the definitions
    assert "MODIFIED  public/table/customers/column/email" in text
    assert "-email text NOT NULL" in text and "+email text" in text
    # the default base is the step before the newest: only the newest step is checked
    assert "pggit.updown::app/0002_orders" not in junit_cases(pytester.path / "gate.xml")


def test_updown_keeps_going_after_a_bad_step(pytester: pytest.Pytester, pggit_server: Server) -> None:
    """From root, all three steps are checked; the bad newest one is repaired (committed,
    then the commit before it applied) so the older ones are judged on their own."""
    steps_conftest(pytester, down3=BAD_DOWN3)
    pytester.makepyfile(PASSING_TEST)
    result = pytester.runpytest(*dsn_args(pggit_server), "--pggit-gate", "--pggit-base", "root",
                                "--pggit-junit", "gate.xml")
    assert result.ret == 1
    cases = junit_cases(pytester.path / "gate.xml")
    assert cases["pggit.updown::app/0003_phone"][0] is True
    assert cases["pggit.updown::app/0002_orders"][0] is False
    assert cases["pggit.updown::app/0001_customers"][0] is False
    assert cases["pggit.integrity::ddl_log_chain"][0] is False


def test_updown_steps_over_a_step_without_downgrade(pytester: pytest.Pytester, pggit_server: Server) -> None:
    """The newest step has no downgrade: no case for it, the older ones are still checked
    (the layer's migration sets the schema back to the commit before it)."""
    steps_conftest(pytester, down3=None)
    pytester.makepyfile(PASSING_TEST)
    args = [*dsn_args(pggit_server), "--pggit-gate", "--pggit-junit", "gate.xml"]
    assert pytester.runpytest(*args).ret == 0   # default base: only the newest step, no downgrade
    assert not [k for k in junit_cases(pytester.path / "gate.xml") if k.startswith("pggit.updown")]
    result = pytester.runpytest(*args, "--pggit-base", "root", "-v")
    assert result.ret == 0
    cases = junit_cases(pytester.path / "gate.xml")
    assert sorted(k for k in cases if k.startswith("pggit.updown")) == [
        "pggit.updown::app/0001_customers", "pggit.updown::app/0002_orders"]
    assert not cases["pggit.updown::app/0002_orders"][0]
    result.stdout.fnmatch_lines(["*newer step(s) without a downgrade set back by pggit's migration: app/0003_phone*"])


def test_ignore_leaves_paths_out_of_updown_and_snapshot(pytester: pytest.Pytester,
                                                        pggit_server: Server) -> None:
    """A downgrade that leaves an audit table behind fails, unless --pggit-ignore covers it;
    the snapshot leaves it out too."""
    steps_conftest(pytester, up3="ALTER TABLE customers ADD COLUMN phone text; CREATE TABLE audit_log (at timestamptz)",
                   down3=GOOD_DOWN3)
    pytester.makepyfile(PASSING_TEST)
    args = [*dsn_args(pggit_server), "--pggit-gate", "--pggit-junit", "gate.xml"]
    assert pytester.runpytest(*args).ret == 1
    failed, text = junit_cases(pytester.path / "gate.xml")["pggit.updown::app/0003_phone"]
    assert failed and "public/table/audit_log" in text
    result = pytester.runpytest(*args, "--pggit-ignore", "public/table/audit_*",
                                "--pggit-snapshot", "schema.snapshot", "--pggit-snapshot-update", "-v")
    assert result.ret == 0, result.stdout.str()
    failed, text = junit_cases(pytester.path / "gate.xml")["pggit.updown::app/0003_phone"]
    assert not failed
    snapshot = (pytester.path / "schema.snapshot").read_text()
    assert "public/table/customers" in snapshot and "audit_log" not in snapshot
    result.stdout.fnmatch_lines(["*1 ignored path(s) differ (public/table/audit_log)*"])
    # ini pggit_ignore works the same
    pytester.makeini("[pytest]\npggit_ignore =\n    public/table/audit_*\n")
    assert pytester.runpytest(*args).ret == 0


def test_column_order_is_a_note_unless_strict(pytester: pytest.Pytester, pggit_server: Server) -> None:
    """A downgrade that drops and re-adds email leaves customers (id, name, email): the same
    columns in another order.  A note by default; --pggit-strict-column-order fails it."""
    steps_conftest(pytester, down3="ALTER TABLE customers DROP COLUMN phone; ALTER TABLE customers DROP COLUMN email; "
                                   "ALTER TABLE customers ADD COLUMN email text NOT NULL")
    pytester.makepyfile(PASSING_TEST)
    args = [*dsn_args(pggit_server), "--pggit-gate", "--pggit-junit", "gate.xml", "-v"]
    result = pytester.runpytest(*args)
    assert result.ret == 0, result.stdout.str()
    result.stdout.fnmatch_lines(["*note: column order differs on public/table/customers*"])
    result = pytester.runpytest(*args, "--pggit-strict-column-order")
    assert result.ret == 1
    failed, text = junit_cases(pytester.path / "gate.xml")["pggit.updown::app/0003_phone"]
    assert failed and "public/table/customers/columns" in text


def test_assertions_take_ignore(pytester: pytest.Pytester, pggit_server: Server) -> None:
    steps_conftest(pytester, up3="ALTER TABLE customers ADD COLUMN phone text; CREATE TABLE audit_log (at timestamptz)")
    pytester.makepyfile(
        """
        import pytest
        from pytest_pggit.assertions import assert_diff, assert_no_diff

        def test_ignore(pggit):
            with pytest.raises(AssertionError):
                assert_no_diff(pggit, "app/0002_orders", "app/0003_phone", ignore=["public/table/audit_*"])
            pggit.assert_no_diff("app/0002_orders", "app/0003_phone",
                                 ignore=["public/table/audit_*", "*/column/phone"])
            d = assert_diff(pggit, "app/0002_orders", "app/0003_phone",
                            added=["public/table/customers/column/phone"], ignore=["public/table/audit_*"])
            assert d.paths == ["public/table/customers/column/phone"]
        """
    )
    pytester.runpytest(*dsn_args(pggit_server)).assert_outcomes(passed=1)


# ------------------------------------------------------------------ git: base
def git(cwd: Path, *args: str) -> str:
    return subprocess.run(["git", "-c", "user.email=t@example.com", "-c", "user.name=t",
                           "-c", "init.defaultBranch=main", *args], cwd=cwd, check=True,
                          capture_output=True, text=True).stdout.strip()


def test_git_base_is_the_schema_at_a_git_ref(pytester: pytest.Pytester, pggit_server: Server) -> None:
    schema = pytester.path / "schema"
    schema.mkdir()
    (schema / "001_init.sql").write_text(
        "CREATE TABLE customers (id int PRIMARY KEY, email text NOT NULL, phone text);\n")
    pytester.makepyfile(PASSING_TEST)
    git(pytester.path, "init", "-q")
    git(pytester.path, "add", "-A")
    git(pytester.path, "commit", "-qm", "released")
    git(pytester.path, "branch", "release")
    # this change: the init file is edited in place (no new file: the default base, the
    # step before the newest, would not see it) and a new file adds a table
    (schema / "001_init.sql").write_text("CREATE TABLE customers (id int PRIMARY KEY, email text NOT NULL);\n")
    (schema / "002_orders.sql").write_text("CREATE TABLE orders (id int PRIMARY KEY);\n")
    git(pytester.path, "add", "-A")
    git(pytester.path, "commit", "-qm", "drop phone, add orders")
    args = [*dsn_args(pggit_server), "--pggit-schema", "schema", "--pggit-gate", "--pggit-junit", "gate.xml", "-v"]
    # F9: the base is a template of the cache too: built and kept on the first run, found
    # by the second (another ref, the same commit); without the cache its steps run
    for ref, how in (("HEAD~1", "from the template cache (pggit_cache_*, built now and kept) as "
                      "one migration onto branch"),
                     # (hit, unless runs beside this one pruned it: the git:HEAD case below
                     # shows a hit for certain)
                     ("release", "from the template cache (pggit_cache_*) as one migration onto branch"),
                     ("HEAD~1", "built on branch")):
        more = ["--pggit-no-cache"] if how == "built on branch" else []
        result = pytester.runpytest(*args, *more, "--pggit-base", f"git:{ref}")
        assert result.ret == 1, result.stdout.str()
        result.stdout.fnmatch_lines([
            f"base: pytest-pggit/git-base = * (the schema at git {ref} = *: 1 step(s) {how} "
            "pytest-pggit/git-base of a clone of the template); head: HEAD = *"])
        cases = junit_cases(pytester.path / "gate.xml")
        failed, text = cases["pggit.hazards::public/table/customers/column/phone"]
        assert failed and "data_deletion" in text
        # H7: no statement of head's steps removed it (the edited file never made it);
        # the checkout that built the base beside head's is not named as its maker
        assert "pgGit migration" not in text and "checkout_branch" not in text, text
        assert not [k for k, (bad, _) in cases.items() if k.startswith("pggit.integrity") and bad]
        assert cases["pggit.migration::pytest-pggit/git-base..HEAD"][0] is False
        text = result.stdout.str()
        assert "ADDED     public/table/orders" in text and "public/table/customers " not in text
        if find_squawk():   # lint: the edited and the new file, each with its one statement
            assert "2 statement(s) of 2 file(s)/step(s) since pytest-pggit/git-base" in text, text
    # the working tree's own commit as the base: nothing changed, nothing to lint (the
    # base's statements are the same: they are not linted again)
    # the working tree's own commit: the head template's cache entry is the base's
    result = pytester.runpytest(*args, "--pggit-base", "git:HEAD")
    assert result.ret == 0, result.stdout.str()
    result.stdout.fnmatch_lines(["diff pytest-pggit/git-base..HEAD: 0 path(s)*"])
    # (the head's entry: a hit, or built again when other runs on the server pruned it)
    head_entry = re.search(r"(?:template cache hit: |, kept as )(pggit_cache_\w+)", result.stdout.str())
    assert head_entry and f"from the template cache ({head_entry.group(1)}, hit)" in result.stdout.str()
    if find_squawk():
        assert "0 statement(s) of 0 file(s)/step(s) since pytest-pggit/git-base" in result.stdout.str()


def test_ctrl_c_while_the_git_base_is_built_says_so_without_a_traceback(
        pytester: pytest.Pytester, pggit_server: Server) -> None:
    """F9: a KeyboardInterrupt in the gate (here: a step of the git base interrupts
    itself) ends the run as interrupted, with one line and no Python traceback, and
    leaves no database of the run behind."""
    pytester.makeconftest('''
        import os, signal
        from pathlib import Path
        from pytest_pggit.steps import Step

        def pytest_pggit_migration_steps(config, root):
            def up(database):
                if Path(root).resolve() != Path(str(config.rootpath)).resolve():
                    os.kill(os.getpid(), signal.SIGINT)   # the git base's build: Ctrl-C
                with database.connect(autocommit=True) as conn:
                    conn.execute("CREATE TABLE t (id int)")
            return [Step("app", "0001_t", "t", up)]
        ''')
    pytester.makepyfile(PASSING_TEST)
    git(pytester.path, "init", "-q")
    git(pytester.path, "add", "-A")
    git(pytester.path, "commit", "-qm", "one")
    result = pytester.runpytest_subprocess(*dsn_args(pggit_server), "--pggit-gate", "--pggit-no-cache",
                                           "--pggit-base", "git:HEAD")
    out = result.stdout.str() + result.stderr.str()
    assert result.ret == pytest.ExitCode.INTERRUPTED, out
    assert "pggit gate: INTERRUPTED (Ctrl-C): no verdict" in out, out
    assert "Traceback" not in out and "KeyboardInterrupt" not in out, out
    run_id = re.search(r"databases (pggit_\w+?)_\* created", out)
    assert run_id, out
    with psycopg.connect(pggit_server.dsn(), autocommit=True) as conn:
        left = conn.execute("SELECT datname FROM pg_database WHERE datname LIKE %s",
                            (run_id.group(1) + "%",)).fetchall()
    assert left == [], left


WORKFLOW = Path(__file__).resolve().parent.parent / "examples" / "github-workflow.yml"


def test_the_example_workflow_gates_a_pull_request_against_its_target_branch(
        pytester: pytest.Pytester, pggit_server: Server, monkeypatch: pytest.MonkeyPatch) -> None:
    """examples/github-workflow.yml: a full fetch, and on pull_request PGGIT_BASE =
    git:origin/<base ref>; that setting, as the job sets it, gates a branch of a clone
    against the schema of origin/main."""
    text = WORKFLOW.read_text()
    assert "fetch-depth: 0" in text
    m = re.search(r"PGGIT_BASE: \$\{\{ github.event_name == 'pull_request' && "
                  r"format\('(git:origin/\{0\})', github.base_ref\) \|\| '' \}\}", text)
    assert m, "the workflow sets PGGIT_BASE from github.base_ref on pull requests"
    base = m.group(1).replace("{0}", "main")   # what GitHub makes of it for a PR into main
    upstream = pytester.path / "upstream"
    upstream.mkdir()
    git(upstream, "init", "-q")
    (upstream / "schema").mkdir()
    (upstream / "schema" / "001_init.sql").write_text("CREATE TABLE customers (id int PRIMARY KEY, phone text);\n")
    (upstream / "test_ok.py").write_text(PASSING_TEST)
    git(upstream, "add", "-A")
    git(upstream, "commit", "-qm", "main")
    work = pytester.path / "work"
    git(pytester.path, "clone", "-q", str(upstream), str(work))
    git(work, "checkout", "-qb", "drop-phone")
    (work / "schema" / "002_drop_phone.sql").write_text("ALTER TABLE customers DROP COLUMN phone;\n")
    monkeypatch.chdir(work)
    monkeypatch.setenv("PGGIT_BASE", base)
    result = pytester.runpytest(*dsn_args(pggit_server), "--rootdir", str(work), "--pggit-schema",
                                str(work / "schema"), "--pggit-gate", "test_ok.py")
    assert result.ret == 1, result.stdout.str()
    result.stdout.fnmatch_lines(["base: pytest-pggit/git-base = * (the schema at git origin/main = *",
                                 "*public/table/customers/column/phone*data_deletion*"])


DIR_STEPS_CONFTEST = '''
from pathlib import Path
from pytest_pggit.steps import Step

def run(sql):
    def action(database):
        with database.connect(autocommit=True) as conn:
            conn.execute(sql)
    return action

def pytest_pggit_migration_steps(config, root):
    """One step per migrations/<name>.up.sql (and .down.sql), read below root."""
    steps = []
    for up in sorted((Path(root) / "migrations").glob("*.up.sql")):
        name = up.name[:-len(".up.sql")]
        down = up.with_name(name + ".down.sql")
        steps.append(Step("files", name, name, run(up.read_text()),
                          run(down.read_text()) if down.exists() else None))
    return steps
'''


def test_git_base_with_hook_steps_read_below_root(pytester: pytest.Pytester, pggit_server: Server) -> None:
    """The hook builds the base's steps from the ref's tree (root): only the step new since
    the ref is diffed and up/down-checked."""
    pytester.makeconftest(DIR_STEPS_CONFTEST)
    mig = pytester.path / "migrations"
    mig.mkdir()
    (mig / "0001_customers.up.sql").write_text("CREATE TABLE customers (id int PRIMARY KEY, phone text)")
    (mig / "0001_customers.down.sql").write_text("DROP TABLE customers")
    (mig / "0002_orders.up.sql").write_text("CREATE TABLE orders (id int PRIMARY KEY)")
    (mig / "0002_orders.down.sql").write_text("DROP TABLE orders")
    pytester.makepyfile(PASSING_TEST)
    git(pytester.path, "init", "-q")
    git(pytester.path, "add", "-A")
    git(pytester.path, "commit", "-qm", "two migrations")
    (mig / "0003_drop_phone.up.sql").write_text("ALTER TABLE customers DROP COLUMN phone")
    (mig / "0003_drop_phone.down.sql").write_text("ALTER TABLE customers ADD COLUMN phone varchar(20)")
    git(pytester.path, "add", "-A")
    git(pytester.path, "commit", "-qm", "drop phone")
    result = pytester.runpytest(*dsn_args(pggit_server), "--pggit-gate", "--pggit-base", "git:HEAD~1",
                                "--pggit-junit", "gate.xml", "-v")
    assert result.ret == 1
    result.stdout.fnmatch_lines(["base: pytest-pggit/git-base = * (the schema at git HEAD~1 = *: 2 step(s) *"])
    cases = junit_cases(pytester.path / "gate.xml")
    assert cases["pggit.hazards::public/table/customers/column/phone"][0] is True
    updown = sorted(k for k in cases if k.startswith("pggit.updown"))
    assert updown == ["pggit.updown::files/0003_drop_phone"]
    failed, text = cases["pggit.updown::files/0003_drop_phone"]
    assert failed and "-phone text" in text and "+phone character varying(20)" in text


def test_git_base_errors(pytester: pytest.Pytester, pggit_server: Server) -> None:
    (pytester.path / "schema.sql").write_text("CREATE TABLE t (id int);\n")
    pytester.makepyfile(PASSING_TEST)
    args = [*dsn_args(pggit_server), "--pggit-schema", "schema.sql", "--pggit-gate"]
    result = pytester.runpytest(*args, "--pggit-base", "git:main")
    assert result.ret == 1
    result.stdout.fnmatch_lines(["*the gate could not run: --pggit-base git:main: * is not inside a git repository*"])
    git(pytester.path, "init", "-q")
    git(pytester.path, "add", "-A")
    git(pytester.path, "commit", "-qm", "one")
    result = pytester.runpytest(*args, "--pggit-base", "git:no-such-branch")
    assert result.ret == 1
    result.stdout.fnmatch_lines(["*the gate could not run: --pggit-base git:no-such-branch: the git repository "
                                 "at * has no commit 'no-such-branch'*"])
    # a hook that returns steps but takes no root cannot say what they were at the ref
    steps_conftest(pytester)
    result = pytester.runpytest(*args, "--pggit-base", "git:HEAD")
    assert result.ret == 1
    result.stdout.fnmatch_lines(["*the gate could not run: the pytest_pggit_migration_steps hook in "
                                 "*conftest.py takes no `root` argument*"])


# ------------------------------------------------------------------ the database
def test_database_url_lock_timeout_and_a_template_no_one_drops(pytester: pytest.Pytester,
                                                              pggit_server: Server) -> None:
    pytester.makepyfile(
        """
        import psycopg, pytest
        from psycopg import sql

        def test_url(pggit_db):
            url = pggit_db.url
            assert url.startswith("postgresql+psycopg://")
            sqlalchemy = pytest.importorskip("sqlalchemy")
            engine = sqlalchemy.create_engine(url)
            with engine.connect() as c:
                assert c.execute(sqlalchemy.text("SELECT current_database()")).scalar() == pggit_db.name
            engine.dispose()

        def test_lock_timeout(pggit_conn):
            assert pggit_conn.execute("SHOW lock_timeout").fetchone() == ("3s",)

        def test_lock_timeout_survives_discard_all(pggit_conn):
            assert pggit_conn.execute("SHOW lock_timeout").fetchone() == ("3s",)

        def test_foreign_drop_is_refused(pggit_server, pggit_db):
            with psycopg.connect(pggit_server.dsn(), autocommit=True) as admin:
                with pytest.raises(psycopg.errors.WrongObjectType,
                                   match="cannot drop a template database"):
                    admin.execute(sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(pggit_db.name)))
            open("template-name", "w").write(pggit_db.name)
        """
    )
    result = pytester.runpytest(*dsn_args(pggit_server), "--pggit-lock-timeout", "3s")
    result.assert_outcomes(passed=4)
    name = (pytester.path / "template-name").read_text()
    import psycopg

    with psycopg.connect(pggit_server.dsn(), autocommit=True) as admin:   # our janitor dropped it
        assert admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone() is None


def test_database_url_round_trips_odd_credentials() -> None:
    from urllib.parse import parse_qs, unquote, urlsplit

    from pytest_pggit.janitor import sqlalchemy_url

    url = sqlalchemy_url("host=/var/run/postgresql port=5433 user='us er@x' password='p@ss:/w rd' "
                         "dbname='my db' sslmode=disable")
    parts = urlsplit(url)
    assert parts.scheme == "postgresql+psycopg"
    assert unquote(parts.username or "") == "us er@x" and unquote(parts.password or "") == "p@ss:/w rd"
    assert unquote(parts.path[1:]) == "my db"
    query = parse_qs(parts.query)
    assert query == {"host": ["/var/run/postgresql"], "port": ["5433"], "sslmode": ["disable"]}
    tcp = sqlalchemy_url("host=127.0.0.1 port=5432 user=u dbname=d")
    assert tcp == "postgresql+psycopg://u@127.0.0.1:5432/d"
    sqlalchemy = pytest.importorskip("sqlalchemy")
    parsed = sqlalchemy.engine.make_url(url)
    assert (parsed.username, parsed.password, parsed.database) == ("us er@x", "p@ss:/w rd", "my db")
    assert parsed.query["host"] == "/var/run/postgresql"


def test_clone_waits_then_names_the_sessions(pytester: pytest.Pytester, pggit_server: Server) -> None:
    """A session left connected to pggit_db is not killed: pggit_isolated_db waits, then
    fails naming it; the session is still alive afterwards."""
    pytester.makepyfile(
        """
        import psycopg, pytest

        held = []

        def test_hold(pggit_db):
            held.append(psycopg.connect(pggit_db.dsn, application_name="my-sqlalchemy-engine"))

        def test_clone(pggit_isolated_db):
            pass

        def test_still_alive():
            assert held[0].execute("SELECT 1").fetchone() == (1,)
            held[0].close()

        def test_clone_again(pggit_isolated_db):
            pass
        """
    )
    result = pytester.runpytest(*dsn_args(pggit_server), "-p", "no:randomly")
    result.assert_outcomes(passed=3, errors=1)
    result.stdout.fnmatch_lines([
        "*cannot clone pggit_*_tpl into pggit_*: after 5s, 1 other session(s) are still connected to it: "
        "'my-sqlalchemy-engine' (pid *, user *, from *)",
        "*hint: PostgreSQL copies a database only while nobody is connected to it*"])


def test_bad_lock_timeout_is_a_usage_error(pytester: pytest.Pytester, pggit_server: Server) -> None:
    pytester.makepyfile(PASSING_TEST)
    result = pytester.runpytest(*dsn_args(pggit_server), "--pggit-lock-timeout", "soon")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(["*--pggit-lock-timeout must be a duration like 10s or 500ms, got 'soon'*"])
    # 0: no lock_timeout at all (the server's default, 0 = wait forever)
    pytester.makepyfile("def test_ok(pggit_conn):\n"
                        "    assert pggit_conn.execute('SHOW lock_timeout').fetchone() == ('0',)\n")
    pytester.runpytest(*dsn_args(pggit_server), "--pggit-lock-timeout", "0").assert_outcomes(passed=1)


def test_git_base_survives_a_seeding_hook_that_needs_new_tables(pytester: pytest.Pytester,
                                                                 pggit_server: Server) -> None:
    """The current pytest_pggit_setup hook also runs on the git base; when it fails there
    (it seeds a table the base does not have yet), the base is its steps alone, said so."""
    schema = pytester.path / "schema"
    schema.mkdir()
    (schema / "001_init.sql").write_text("CREATE TABLE customers (id int PRIMARY KEY);\n")
    pytester.makepyfile(PASSING_TEST)
    git(pytester.path, "init", "-q")
    git(pytester.path, "add", "-A")
    git(pytester.path, "commit", "-qm", "one table")
    (schema / "002_orders.sql").write_text("CREATE TABLE orders (id int PRIMARY KEY);\n")
    pytester.makeconftest("def pytest_pggit_setup(connection):\n"
                          "    connection.execute('INSERT INTO orders VALUES (1)')\n")
    result = pytester.runpytest(*dsn_args(pggit_server), "--pggit-schema", "schema", "--pggit-gate",
                                "--pggit-base", "git:HEAD", "-v")
    assert result.ret == 0, result.stdout.str()
    result.stdout.fnmatch_lines([
        "base: pytest-pggit/git-base = * 1 step(s) *; the pytest_pggit_setup hook failed on it, the base is "
        "its steps alone (*orders*); head: HEAD = *",
        "diff pytest-pggit/git-base..HEAD: * path(s)*"])
    assert "ADDED     public/table/orders" in result.stdout.str()


def test_head_bounds_updown_and_lint(pytester: pytest.Pytester, pggit_server: Server) -> None:
    """D8: with ``--pggit-head`` a step after head was judged too (a bad downgrade and a
    lint finding 25 steps later failed a gate asked about one step).  Only base..head
    now: the walk starts from head's step."""
    steps_conftest(pytester, down3=BAD_DOWN3, up3="ALTER TABLE customers ADD COLUMN phone text NOT NULL")
    pytester.makepyfile(PASSING_TEST)
    args = (*dsn_args(pggit_server), "--pggit-gate", "--pggit-junit", "gate.xml",
            "--pggit-base", "app/0001_customers")
    result = pytester.runpytest(*args, "--pggit-head", "app/0002_orders")
    assert result.ret == 0, result.stdout.str()
    cases = junit_cases(pytester.path / "gate.xml")
    assert [k for k in cases if "0003_phone" in k or "0003_phone" in cases[k][1]] == []
    assert cases["pggit.updown::app/0002_orders"][0] is False
    # the same run up to HEAD judges the third step and fails on its downgrade
    result = pytester.runpytest(*args)
    assert result.ret == 1
    assert junit_cases(pytester.path / "gate.xml")["pggit.updown::app/0003_phone"][0] is True
    if find_squawk() is not None:
        assert any("0003_phone" in k for k in junit_cases(pytester.path / "gate.xml") if k.startswith("pggit.lint"))


def test_a_committed_schema_file_edited_since_is_judged_against_its_committed_version(
        pytester: pytest.Pytester, pggit_server: Server) -> None:
    """H10/H12: a committed schema file (a pg_dump kept as the one file, or an applied
    migration) edited in place: the default base, the step before it, judged it as new,
    and a dropped column passed.  Edited tracked files make the default base the schema
    at git HEAD, and the base line says why."""
    db_dir = pytester.path / "db"
    db_dir.mkdir()
    (db_dir / "schema.sql").write_text(
        "CREATE TABLE customers (id int PRIMARY KEY, email text NOT NULL, phone text);\n"
        "CREATE TABLE orders (id int PRIMARY KEY);\n")
    pytester.makepyfile(PASSING_TEST)
    git(pytester.path, "init", "-q")
    git(pytester.path, "add", "-A")
    git(pytester.path, "commit", "-qm", "schema")
    args = [*dsn_args(pggit_server), "--pggit-schema", "db/schema.sql", "--pggit-gate", "--pggit-junit", "gate.xml"]
    result = pytester.runpytest(*args)
    assert result.ret == 0, result.stdout.str()   # unchanged: as before, no git base
    assert "git HEAD" not in result.stdout.str()
    (db_dir / "schema.sql").write_text(
        "CREATE TABLE customers (id int PRIMARY KEY, email text NOT NULL);\n"
        "CREATE TABLE orders (id int PRIMARY KEY);\n")
    result = pytester.runpytest(*args)
    out = result.stdout.str()
    assert result.ret == 1, out
    assert "the default base, as sql/db/schema.sql changed since git HEAD" in out, out
    failed, text = junit_cases(pytester.path / "gate.xml")["pggit.hazards::public/table/customers/column/phone"]
    assert failed and "data_deletion" in text
    # a step committed after the edited file: git HEAD holds it, the gate must judge it
    # too (the review: git HEAD hid it), so the base is git before that step was added,
    # which holds the edited file's committed version (U6)
    (db_dir / "schema.sql").write_text(
        "CREATE TABLE customers (id int PRIMARY KEY, email text NOT NULL, phone text);\n"
        "CREATE TABLE orders (id int PRIMARY KEY);\n")
    (db_dir / "zz_drop.sql").write_text("ALTER TABLE orders DROP COLUMN id;\n")
    git(pytester.path, "add", "-A")
    git(pytester.path, "commit", "-qm", "drop orders.id", "--date", "2030-01-01T00:00:00")
    subprocess.run(["git", "-c", "user.email=t@example.com", "-c", "user.name=t", "commit", "--amend",
                    "--no-edit", "-q", "--date", "2030-01-01T00:00:00"], cwd=pytester.path, check=True,
                   env={**__import__("os").environ, "GIT_COMMITTER_DATE": "2030-01-01T00:00:00"})
    (db_dir / "schema.sql").write_text(
        "CREATE TABLE customers (id int PRIMARY KEY, email text);\n"
        "CREATE TABLE orders (id int PRIMARY KEY);\n")
    result = pytester.runpytest(*dsn_args(pggit_server), "--pggit-schema", "db", "--pggit-gate",
                                "--pggit-junit", "gate.xml")
    out = result.stdout.str()
    assert "the default base, as sql/db/schema.sql changed since git HEAD, judged from git " in out, out
    cases = junit_cases(pytester.path / "gate.xml")
    assert cases["pggit.hazards::public/table/orders/column/id"][0], cases    # the newer step, judged
    # (that commit also dropped phone from the schema file: judged with it)
    assert cases["pggit.hazards::public/table/customers/column/phone"][0], cases
    git(pytester.path, "checkout", "--", "db/schema.sql")
    git(pytester.path, "rm", "-q", "db/zz_drop.sql")
    git(pytester.path, "commit", "-qm", "undo")
    (db_dir / "extra.sql").write_text("CREATE TABLE extra (id int);\n")   # a new file alone: as before
    result = pytester.runpytest(*dsn_args(pggit_server), "--pggit-schema", "db", "--pggit-gate")
    assert result.ret == 0, result.stdout.str()
    assert "git HEAD" not in result.stdout.str(), result.stdout.str()
    # K4: the edit committed (CI: a clean work tree): the newest commit touching the
    # steps modified a file its parent had, so that parent is the base
    git(pytester.path, "add", "-A")
    git(pytester.path, "commit", "-qm", "extra")
    (db_dir / "schema.sql").write_text(
        "CREATE TABLE customers (id int PRIMARY KEY, email text NOT NULL);\n"
        "CREATE TABLE orders (id int PRIMARY KEY);\n")
    git(pytester.path, "commit", "-qam", "edit the committed schema in place")
    result = pytester.runpytest(*dsn_args(pggit_server), "--pggit-schema", "db", "--pggit-gate",
                                "--pggit-junit", "gate.xml")
    out = result.stdout.str()
    assert result.ret == 1, out
    assert "changed by git commit" in out, out
    failed, text = junit_cases(pytester.path / "gate.xml")["pggit.hazards::public/table/customers/column/phone"]
    assert failed and "data_deletion" in text


def test_edits_are_found_with_step_files_outside_the_work_tree(tmp_path: Path) -> None:
    """K9: Django's own apps' migrations live in site-packages; with one such path, git
    refused the whole status call and no edit was ever found."""
    from pytest_pggit.freshness import committed_edits, edited
    repo, outside = tmp_path / "repo", tmp_path / "site-packages"
    repo.mkdir()
    outside.mkdir()
    (outside / "0001_initial.py").write_text("# django's own\n")
    step = repo / "0002_more.py"
    step.write_text("max_length=50\n")
    git(repo, "init", "-q")
    (repo / "README").write_text("app\n")
    git(repo, "add", "README")
    git(repo, "commit", "-qm", "zero")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "one")
    paths = [outside / "0001_initial.py", step]
    assert edited(paths, repo) == [] and committed_edits(paths, repo) == (None, [])
    step.write_text("max_length=10\n")
    assert edited(paths, repo) == [step.resolve()]
    git(repo, "commit", "-qam", "edited in place")
    sha = git(repo, "rev-parse", "HEAD")
    # (the review, R1: the file was added by the commit before, so the default base,
    # which judges it as new, is right: no git base before the file existed)
    assert committed_edits(paths, repo) == (None, [])
    later = repo / "0003_new.py"
    later.write_text("new\n")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "a new step")
    step.write_text("max_length=5\n")
    git(repo, "commit", "-qam", "the old one edited again")
    added = git(repo, "rev-parse", "HEAD~1")
    assert committed_edits(paths + [later], repo) == (f"{added}~1", [step.resolve()])
    assert sha   # (the edit before)


def test_an_old_file_edited_later_is_not_the_newest(tmp_path: Path) -> None:
    """M2 (healthchecks, imported in one commit, then an old migration reformatted): the
    committed edit made that migration the newest, the default base judged the 21 after
    it and failed on a column dropped years ago; and no git base was built, since the
    first commit added every step file."""
    from pytest_pggit.freshness import committed_edits, freshness
    repo = tmp_path / "repo"
    repo.mkdir()
    old, new = repo / "0001_old.py", repo / "0002_new.py"
    old.write_text("old\n")
    new.write_text("new\n")
    git(repo, "init", "-q")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "import", "--date", "2020-01-01T00:00:00")
    old.write_text("old  # reformatted\n")
    subprocess.run(["git", "-c", "user.email=t@example.com", "-c", "user.name=t", "commit", "-qam", "format"],
                   cwd=repo, check=True, env={**__import__("os").environ, "GIT_COMMITTER_DATE": "2030-01-01T00:00:00"})
    fresh = freshness([old, new], repo)
    assert fresh[old.resolve()] == fresh[new.resolve()], fresh   # both as new as the import
    assert committed_edits([old, new], repo) == (git(repo, "rev-parse", "HEAD") + "~1", [old.resolve()])
    old.write_text("old, edited again\n")   # uncommitted: the newest (judged as new at worst)
    assert freshness([old, new], repo)[old.resolve()][0] == 2


def test_an_edit_in_an_earlier_commit_of_the_line_of_work_is_found(tmp_path: Path) -> None:
    """M6 (healthchecks, a branch built at its head): commit 1 edited an old migration,
    commit 2 added a new one; only the newest commit touching the steps was looked at,
    it modified nothing, and the edit passed unseen.  The commits back to the newest
    merge are looked at now; before a merge, nothing older counts."""
    from pytest_pggit.freshness import committed_edits
    repo = tmp_path / "repo"
    repo.mkdir()
    old, new = repo / "0001_old.py", repo / "0002_new.py"
    old.write_text("max_length=50\n")
    git(repo, "init", "-q")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "import")
    old.write_text("max_length=10\n")
    git(repo, "commit", "-qam", "narrow an old migration")
    edit = git(repo, "rev-parse", "HEAD")
    new.write_text("new\n")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "a new migration")
    assert committed_edits([old, new], repo) == (f"{edit}~1", [old.resolve()])
    # a merge after the edit: the line of work starts after it
    git(repo, "checkout", "-qb", "side", "HEAD~1")
    (repo / "README").write_text("x\n")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "side")
    git(repo, "checkout", "-q", "main")
    git(repo, "merge", "-q", "--no-ff", "-m", "merge side", "side")
    (repo / "0003_more.py").write_text("more\n")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "another migration")
    assert committed_edits([old, new, repo / "0003_more.py"], repo) == (None, [])


def test_work_merged_by_rebase_is_not_the_line_of_work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """R5: a repository that merges by rebase or squash has no merge commits, so M6's walk
    went back 20 commits into pull requests merged long ago: an old edit there made the
    base that old.  Commits the merged branch already has (``origin/HEAD``, or a CI pull
    request's target ``origin/<GITHUB_BASE_REF>``) are no longer the line of work."""
    from pytest_pggit.freshness import committed_edits, removed_files
    for var in ("GITHUB_BASE_REF", "CI_MERGE_REQUEST_TARGET_BRANCH_NAME", "CHANGE_TARGET",
                "BITBUCKET_PR_DESTINATION_BRANCH", "SYSTEM_PULLREQUEST_TARGETBRANCH"):
        monkeypatch.delenv(var, raising=False)
    upstream = tmp_path / "upstream"
    upstream.mkdir()
    old, gone = upstream / "0001_old.py", upstream / "0002_gone.py"
    old.write_text("max_length=50\n")
    gone.write_text("renamed later\n")
    git(upstream, "init", "-q")
    git(upstream, "add", "-A")
    git(upstream, "commit", "-qm", "import")
    old.write_text("max_length=10\n")                # an edit merged (rebased) last week
    gone.unlink()                                     # and a file deleted with it
    git(upstream, "commit", "-qam", "last week's pull request")
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", str(upstream), str(clone))
    new = clone / "0003_new.py"
    new.write_text("new\n")
    git(clone, "add", "-A")
    git(clone, "commit", "-qm", "this pull request's migration")
    paths = [clone / "0001_old.py", new]
    assert committed_edits(paths, clone) == (None, [])
    assert removed_files([clone], clone) == []
    # without a remote (no origin/HEAD), the walk goes back as before (M6)
    git(clone, "remote", "remove", "origin")
    assert committed_edits(paths, clone)[1] == [(clone / "0001_old.py").resolve()]
    assert removed_files([clone], clone) == [(clone / "0002_gone.py").resolve()]


def test_a_pull_requests_migration_is_as_new_as_its_merge(tmp_path: Path) -> None:
    """The review of M2 (R7): ranked by the commit adding it, a migration committed on a
    branch before main's newest one was older than it in the merge build (GitHub's
    refs/pull/N/merge), and fell inside the default base.  On the first-parent line the
    merge adds it."""
    from pytest_pggit.freshness import freshness
    repo = tmp_path / "repo"
    repo.mkdir()
    env = {**__import__("os").environ}

    def at(when: str, *args: str) -> None:
        subprocess.run(["git", "-c", "user.email=t@example.com", "-c", "user.name=t", *args], cwd=repo,
                       check=True, capture_output=True, env={**env, "GIT_COMMITTER_DATE": when,
                                                             "GIT_AUTHOR_DATE": when})
    (repo / "0001_init.py").write_text("init\n")
    git(repo, "init", "-q")
    at("2026-01-01T00:00:00", "add", "-A")
    at("2026-01-01T00:00:00", "commit", "-qm", "init")
    at("2026-01-02T00:00:00", "checkout", "-qb", "pr")
    (repo / "0002_pr.py").write_text("drop a column\n")
    at("2026-01-02T00:00:00", "add", "-A")
    at("2026-01-02T00:00:00", "commit", "-qm", "the PR's migration")
    at("2026-01-03T00:00:00", "checkout", "-q", "main")
    (repo / "0003_main.py").write_text("main's newest\n")
    at("2026-01-03T00:00:00", "add", "-A")
    at("2026-01-03T00:00:00", "commit", "-qm", "main moves on")
    at("2026-01-04T00:00:00", "merge", "-q", "--no-ff", "-m", "merge the PR", "pr")
    paths = [repo / "0001_init.py", repo / "0002_pr.py", repo / "0003_main.py"]
    fresh = freshness(paths, repo)
    assert fresh[paths[1].resolve()] > fresh[paths[2].resolve()] > fresh[paths[0].resolve()], fresh


def test_a_column_dropped_from_a_renamed_table_fails_the_default_gate(
        pytester: pytest.Pytester, pggit_server: Server) -> None:
    """H15 (Django's RenameModel + RemoveField in one migration): the diff lists the
    renamed table's parts under its old name, the script drops the column under the new
    one; the DROP's data_deletion matched no diff path and the gate passed the loss."""
    schema = pytester.path / "schema"
    schema.mkdir()
    (schema / "001_init.sql").write_text("CREATE TABLE t (id int PRIMARY KEY, a int, b text);\n")
    (schema / "002_change.sql").write_text("ALTER TABLE t RENAME TO u;\nALTER TABLE u DROP COLUMN b;\n")
    pytester.makepyfile(PASSING_TEST)
    result = pytester.runpytest(*dsn_args(pggit_server), "--pggit-schema", "schema", "--pggit-gate",
                                "--pggit-junit", "gate.xml", "--no-pggit-lint")
    assert result.ret == 1, result.stdout.str()
    failed, text = junit_cases(pytester.path / "gate.xml")["pggit.hazards::public/table/t/column/b"]
    assert failed and "data_deletion" in text and "DROP COLUMN" in text, text


def test_a_file_renamed_unchanged_is_as_new_as_its_old_name(tmp_path: Path) -> None:
    """R10: ``git mv`` of an old migration (staged, not committed) made it the newest
    step, and the default base judged every step after it again; its content is as old as
    the commit that added it under its old name.  Renamed and edited, it is new."""
    from pytest_pggit.freshness import freshness
    repo = tmp_path / "repo"
    repo.mkdir()
    old, new = repo / "0001_old.py", repo / "0002_new.py"
    old.write_text("old\n" * 20)
    git(repo, "init", "-q")
    git(repo, "add", "-A")
    subprocess.run(["git", "-c", "user.email=t@example.com", "-c", "user.name=t", "commit", "-qm", "old"],
                   cwd=repo, check=True, env={**__import__("os").environ, "GIT_COMMITTER_DATE": "2020-01-01T00:00:00"})
    new.write_text("new\n")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "new")
    git(repo, "mv", "0001_old.py", "0001_initial.py")
    moved = repo / "0001_initial.py"
    fresh = freshness([moved, new], repo)
    assert fresh[moved.resolve()][0] == 1 and fresh[moved.resolve()] < fresh[new.resolve()], fresh
    # committed, as in every CI build (R8 of the review): still as new as its old name
    git(repo, "commit", "-qm", "renamed")
    fresh = freshness([moved, new], repo)
    assert fresh[moved.resolve()] < fresh[new.resolve()], fresh
    moved.write_text("old\n" * 19 + "edited\n")
    git(repo, "add", "-A")
    assert freshness([moved, new], repo)[moved.resolve()][0] == 2


def test_a_failing_git_archive_says_why(tmp_path: Path) -> None:
    """Q5 (zou, a clone missing blobs): "git archive <sha> failed" left out git's reason."""
    from pytest_pggit.exceptions import PggitError
    from pytest_pggit.gitbase import extract

    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / "0001.sql").write_text("CREATE TABLE t (id int);\n")
    git(repo, "init", "-q")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "one")
    blob = git(repo, "rev-parse", "HEAD:0001.sql")
    (repo / ".git" / "objects" / blob[:2] / blob[2:]).unlink()
    with pytest.raises(PggitError) as info:
        extract(repo, git(repo, "rev-parse", "HEAD"), tmp_path / "out")
    assert "failed in" in str(info.value) and blob[:7] in str(info.value), str(info.value)


def test_a_new_step_not_yet_committed_is_judged_as_once_committed(tmp_path: Path) -> None:
    """Q8 (zou): a merge edited two old revisions long ago.  A new revision, committed,
    was judged from the step before it; the same file untracked was judged from before
    that old merge, so a developer saw old revisions' hazards that CI would not show.
    New step files not committed yet stand for the newest commit now."""
    from pytest_pggit.freshness import committed_edits, uncommitted_new
    repo = tmp_path / "repo"
    repo.mkdir()
    old, new = repo / "0001_old.py", repo / "0002_new.py"
    old.write_text("max_length=50\n")
    git(repo, "init", "-q")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "import")
    git(repo, "checkout", "-qb", "fix")
    old.write_text("max_length=10\n")
    git(repo, "commit", "-qam", "edit an old migration")
    git(repo, "checkout", "-q", "main")
    git(repo, "merge", "-q", "--no-ff", "-m", "merge the fix", "fix")
    merge = git(repo, "rev-parse", "HEAD")
    # a clean tree: the newest commit touching the steps (the merge) edited one
    assert committed_edits([old], repo) == (f"{merge}~1", [old.resolve()])
    new.write_text("new\n")   # untracked
    assert uncommitted_new([old, new], repo) == [new.resolve()]
    assert committed_edits([old, new], repo, pending_new=True) == (None, [])
    git(repo, "add", str(new))   # staged, not committed: still new
    assert uncommitted_new([old, new], repo) == [new.resolve()]
    git(repo, "commit", "-qm", "a new migration")
    added = git(repo, "rev-parse", "HEAD")
    assert uncommitted_new([old, new], repo) == []
    assert committed_edits([old, new], repo) == (None, [])   # the same judgement, committed
    # an edit in the line of work is still found with a new file pending
    old.write_text("max_length=5\n")
    git(repo, "commit", "-qam", "narrow it again")
    (repo / "0003_more.py").write_text("more\n")
    # (from before the newest step added, which comes before the edit: both judged)
    assert committed_edits([old, new, repo / "0003_more.py"], repo, pending_new=True) == (
        f"{added}~1", [old.resolve()])
