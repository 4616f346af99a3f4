"""The plugin's fixtures, the Repo API, the marker and the setup hook.

Each test runs a real pytest session (pytester) with the real SQL layer against
the outer run's server (``--pggit-backend dsn``): nothing is mocked.
"""
from __future__ import annotations

from typing import List

import psycopg
import pytest

from pytest_pggit.backends import Server


def dsn_args(server: Server) -> List[str]:
    return ["--pggit", "--pggit-backend", "dsn", "--pggit-dsn", server.dsn(), "-p", "no:randomly"]


def leftovers(server: Server, result: pytest.RunResult) -> list:
    """Databases the inner run (its id is in its report header) left on the server."""
    import re

    run_id = re.search(r"pggit: run id ([0-9a-f]+)", result.stdout.str()).group(1)
    with psycopg.connect(server.dsn(), autocommit=True) as conn:
        return [r[0] for r in conn.execute(
            "SELECT datname FROM pg_database WHERE left(datname, length(%s)) = %s",
            (f"pggit_{run_id}_",) * 2)]


def test_pggit_conn_isolation_of_ddl_commits_and_branches(
    pytester: pytest.Pytester, pggit_server: Server
) -> None:
    pytester.makepyfile(
        """
        def test_1_changes_everything(pggit_conn):
            pggit_conn.execute("CREATE TABLE leak_check (id int)")
            pggit_conn.execute("SELECT pggit_v0.create_basic_commit('add leak_check')")
            pggit_conn.execute("SELECT pggit_v0.create_branch('feature/leak')")
            pggit_conn.execute("SET search_path = nowhere")
            pggit_conn.execute("CREATE TEMP TABLE tmp_leak (x int)")
            n = pggit_conn.execute("SELECT count(*) FROM pggit_v0.list_branches()").fetchone()[0]
            assert n == 2

        def test_2_sees_none_of_it(pggit_conn):
            assert pggit_conn.execute("SELECT to_regclass('public.leak_check')").fetchone() == (None,)
            names = [r[0] for r in pggit_conn.execute("SELECT name FROM pggit_v0.list_branches()")]
            assert names == ["main"]
            msgs = [r[0] for r in pggit_conn.execute(
                "SELECT message FROM pggit_v0.get_commit_history(10)")]
            assert "add leak_check" not in msgs
            assert pggit_conn.execute("SHOW search_path").fetchone()[0] != "nowhere"
            assert pggit_conn.execute("SELECT to_regclass('tmp_leak')").fetchone() == (None,)
            assert pggit_conn.execute(
                "SELECT count(*) FROM pggit_v0.ddl_log WHERE statement LIKE '%leak_check%'"
            ).fetchone() == (0,)

        def test_3_commit_is_refused(pggit_conn):
            import psycopg, pytest
            with pytest.raises(psycopg.ProgrammingError):
                pggit_conn.commit()
        """
    )
    pytester.runpytest(*dsn_args(pggit_server)).assert_outcomes(passed=3)


def test_raw_commit_is_detected_and_the_template_rebuilt(
    pytester: pytest.Pytester, pggit_server: Server
) -> None:
    pytester.makepyfile(
        """
        def test_1_commits_behind_our_back(pggit_conn):
            pggit_conn.execute("CREATE TABLE sneaky (id int)")
            pggit_conn.execute("COMMIT")

        def test_2_clean(pggit_conn):
            assert pggit_conn.execute("SELECT to_regclass('public.sneaky')").fetchone() == (None,)

        def test_3_commits_then_keeps_going(pggit_conn):
            pggit_conn.execute("CREATE TABLE sneakier (id int)")
            pggit_conn.execute("COMMIT")
            pggit_conn.execute("SELECT 1")      # a new transaction: the COMMIT is still found

        def test_4_clean(pggit_conn):
            assert pggit_conn.execute("SELECT to_regclass('public.sneakier')").fetchone() == (None,)

        def test_5_pggit_db_still_names_the_template(pggit_db):
            import psycopg
            with psycopg.connect(pggit_db.dsn) as conn:
                assert conn.execute("SELECT to_regnamespace('pggit_v0') IS NOT NULL").fetchone()[0]

        def test_6_a_raw_rollback_leaks_nothing(pggit_conn):
            pggit_conn.execute("CREATE TABLE undone (id int)")
            pggit_conn.execute("ROLLBACK")

        def test_7_rollback_then_more(pggit_conn):
            pggit_conn.execute("ROLLBACK")
            pggit_conn.execute("SELECT 1")

        def test_8_clean(pggit_conn):
            assert pggit_conn.execute("SELECT to_regclass('public.undone')").fetchone() == (None,)
        """
    )
    result = pytester.runpytest(*dsn_args(pggit_server))
    result.assert_outcomes(passed=8, errors=2)
    result.stdout.no_fnmatch_line("*test_6*ended the fixture's transaction*")
    result.stdout.fnmatch_lines(["*template rebuilt*test_3*"])
    result.stdout.fnmatch_lines(["*ended the fixture's transaction*template was dropped*"])
    assert leftovers(pggit_server, result) == []


def test_repo_api_end_to_end(pytester: pytest.Pytester, pggit_server: Server) -> None:
    pytester.makepyfile(
        """
        import pytest
        from pytest_pggit import PggitError
        from pytest_pggit.repo import Branch, Commit, SchemaDiff

        def test_repo(pggit):
            base = pggit.head()
            assert len(base) == 64
            assert pggit.status() == SchemaDiff([]) and not pggit.status()

            pggit.execute("CREATE TABLE customers (id int PRIMARY KEY, name text)")
            st = pggit.status()
            assert st and "public/table/customers" in st.paths

            c1 = pggit.commit("Add customers")
            assert isinstance(c1, Commit) and c1.message == "Add customers"
            assert c1.parents == (base,) and c1.branch == "main" and pggit.head() == c1.sha

            feature = pggit.branch("feature/phone", description="phone numbers")
            assert isinstance(feature, Branch) and feature.current and feature.head == c1.sha
            pggit.execute("ALTER TABLE customers ADD COLUMN phone text")
            c2 = pggit.commit("Add phone")
            assert c2.branch == "feature/phone"

            diff = pggit.diff("main", "feature/phone")
            assert len(diff) == 1 and bool(diff)
            assert diff.paths == ["public/table/customers/column/phone"]
            assert [e.path for e in diff.added] == diff.paths
            assert diff.removed == [] and diff.modified == []
            entry = list(diff)[0]
            assert entry.change == "ADDED" and entry.object_type == "column"
            assert entry.sub_name == "phone" and "text" in entry.new_definition

            assert [b.name for b in pggit.branches()] == ["main", "feature/phone"]
            assert pggit.current_branch().name == "feature/phone"
            assert pggit.get_branch("feature/phone").ahead == 1

            hist = pggit.history(limit=10)
            assert [c.message for c in hist[:2]] == ["Add phone", "Add customers"]
            changes = pggit.object_history("public", "customers")
            assert [ch.change_type for ch in changes] == ["ALTER", "CREATE"]
            assert "phone" in pggit.definition("public", "customers")

            assert pggit.checkout("main") == c1.sha
            assert pggit.current_branch().name == "main"
            pggit.delete_branch("feature/phone")
            assert [b.name for b in pggit.branches()] == ["main"]

            assert pggit.execute("SELECT 1 + 1") == [(2,)]
            assert pggit.execute("SELECT %s::int * 2", (21,)) == [(42,)]
            assert pggit.execute("CREATE TABLE t2 (x int)") is None

        def test_errors_carry_sqlstate_and_hint_and_keep_the_transaction(pggit):
            with pytest.raises(PggitError) as info:
                pggit.commit("")
            assert info.value.sqlstate == "22023" and "Say what changed" in info.value.hint
            with pytest.raises(PggitError) as info:
                pggit.checkout("no/such/branch")
            assert info.value.sqlstate == "42704" and "list_branches" in info.value.hint
            with pytest.raises(PggitError) as info:
                pggit.delete_branch("main")
            assert info.value.sqlstate == "55000"
            with pytest.raises(PggitError) as info:
                pggit.branch("bad..name")
            assert info.value.sqlstate == "42602"
            with pytest.raises(PggitError) as info:
                pggit.execute("SELECT * FROM missing_table")
            assert info.value.sqlstate == "42P01"
            # the test's transaction is still usable after every error
            pggit.execute("CREATE TABLE after_errors (x int)")
            assert pggit.commit("still fine").message == "still fine"

        def test_notices_are_collected(pggit):
            pggit.commit("nothing changed")
            assert any("nothing changed" in n for n in pggit.notices)

        def test_migration_monitoring_and_missing_functions(pggit):
            pggit.execute("CREATE TABLE m (id int)")
            pggit.commit("add m")
            script = pggit.migration("HEAD~1", "HEAD")
            assert "CREATE TABLE" in script and "m" in script
            for check in pggit.integrity():
                assert check.ok, check
            assert all(a.severity for a in pggit.alerts())
            # merge and conflicts, typed
            pggit.branch("feature/a")
            pggit.execute("ALTER TABLE m ADD COLUMN a int")
            pggit.commit("a")
            pggit.checkout("main", apply=True)
            pggit.branch("feature/b")
            pggit.execute("ALTER TABLE m ADD COLUMN a text")
            pggit.commit("b")
            (c,) = pggit.conflicts("feature/a")
            assert (c.path, c.kind, c.object_type, c.object_name) == (
                "public/table/m/column/a", "added_differently", "column", "m")
            assert (c.base_definition, c.source_definition, c.target_definition) == (None, "a integer", "a text")
            with pytest.raises(PggitError) as info:
                pggit.merge("feature/a")
            assert info.value.sqlstate == "55000" and "added_differently" in info.value.message
            result = pggit.merge("feature/a", strategy="ours")
            assert result.commit == pggit.head() and pggit.status() == []

        def test_one_vocabulary_and_the_deprecated_names(pggit):
            pggit.execute("CREATE TABLE v (id int)")
            pggit.commit("v")
            check = pggit.check_migration("HEAD~1", "HEAD")
            assert check.ok and check.statements >= 1
            with pytest.deprecated_call():
                assert pggit.verify_migration("HEAD~1", "HEAD") == check
            entry = pggit.diff("HEAD~1", "HEAD")[0]
            assert entry.schema_name == "public"
            with pytest.deprecated_call():
                assert entry.schema == "public"
            for name in ("feature/t", "feature/i"):
                pggit.branch(name)
                pggit.execute(f"CREATE TABLE {name.split('/')[1]} (id int)")
                pggit.commit(name)
                pggit.checkout("main", apply=True)
            merged = pggit.merge("feature/t", target="main")
            assert merged.target == "main" and merged.commit == pggit.head()
            with pytest.deprecated_call():
                assert merged.into == "main"
            with pytest.deprecated_call():
                assert pggit.merge("feature/i", into="main").target == "main"
            with pytest.raises(TypeError):
                pggit.merge("feature/i", target="main", into="main")
        """
    )
    result = pytester.runpytest(*dsn_args(pggit_server), "-v")
    result.assert_outcomes(passed=5)


def test_pggit_isolated_db_commits_stay_in_the_clone(
    pytester: pytest.Pytester, pggit_server: Server
) -> None:
    pytester.makepyfile(
        """
        import psycopg
        from pytest_pggit.repo import Repo

        def test_1_commits_for_real(pggit_isolated_db):
            with psycopg.connect(pggit_isolated_db.dsn, autocommit=True) as conn:
                repo = Repo(conn)
                conn.execute("CREATE TABLE committed_in_clone (id int)")
                repo.commit("real commit")
                repo.branch("feature/in-clone")
            with psycopg.connect(pggit_isolated_db.dsn) as other:  # another session sees it
                assert other.execute(
                    "SELECT to_regclass('committed_in_clone')").fetchone() != (None,)

        def test_2_fresh_clone(pggit_isolated_db):
            with psycopg.connect(pggit_isolated_db.dsn) as conn:
                assert conn.execute(
                    "SELECT to_regclass('committed_in_clone')").fetchone() == (None,)
                names = [r[0] for r in conn.execute("SELECT name FROM pggit_v0.list_branches()")]
                assert names == ["main"]

        def test_3_template_untouched(pggit_conn):
            assert pggit_conn.execute(
                "SELECT to_regclass('committed_in_clone')").fetchone() == (None,)
        """
    )
    result = pytester.runpytest(*dsn_args(pggit_server))
    result.assert_outcomes(passed=3)
    assert leftovers(pggit_server, result) == []


def test_pggit_branch_fixture_and_marker(pytester: pytest.Pytester, pggit_server: Server) -> None:
    pytester.makepyfile(
        """
        import psycopg, pytest
        from pytest_pggit.repo import Repo

        def test_fixture(pggit, pggit_branch):
            assert pggit_branch.name == "test/test_fixture" and pggit_branch.current
            pggit.execute("CREATE TABLE on_branch (id int)")
            assert pggit.commit("on a branch").branch == "test/test_fixture"
            assert pggit.get_branch("main").head != pggit.head()

        @pytest.mark.pggit_branch("feature/x", description="from the marker")
        def test_marker_with_pggit(pggit):
            current = pggit.current_branch()
            assert current.name == "feature/x" and current.description == "from the marker"

        @pytest.mark.pggit_branch("feature/y")
        def test_marker_with_conn(pggit_conn):
            row = pggit_conn.execute(
                "SELECT name FROM pggit_v0.list_branches() WHERE is_current").fetchone()
            assert row == ("feature/y",)

        @pytest.mark.pggit_branch("feature/z")
        def test_marker_with_fixture(pggit_branch):
            assert pggit_branch.name == "feature/z"

        @pytest.mark.pggit_branch
        def test_marker_without_name(pggit):
            assert pggit.current_branch().name == "test/test_marker_without_name"

        @pytest.mark.pggit_branch("feature/iso")
        def test_marker_with_isolated_db(pggit_isolated_db):
            with psycopg.connect(pggit_isolated_db.dsn) as conn:
                assert Repo(conn).current_branch().name == "feature/iso"

        def test_after_all_back_on_main(pggit):
            assert [b.name for b in pggit.branches()] == ["main"]

        @pytest.mark.pggit_branch("feature/nowhere")
        def test_marker_without_a_pggit_fixture():
            pass
        """
    )
    result = pytester.runpytest(*dsn_args(pggit_server), "--strict-markers")
    result.assert_outcomes(passed=8, warnings=1)
    result.stdout.fnmatch_lines(["*PytestWarning: @pytest.mark.pggit_branch has no effect here: the test uses none of pggit, "
                                 "pggit_branch, pggit_conn, pggit_isolated_db*",
                                 '*@pytest.mark.pggit_branch("feature/nowhere")*'])


def test_schema_files_are_steps_and_the_setup_hook_the_baseline(
    pytester: pytest.Pytester, pggit_server: Server
) -> None:
    (pytester.path / "schema").mkdir()
    (pytester.path / "schema" / "01_customers.sql").write_text(
        "CREATE TABLE customers (id int PRIMARY KEY);\n")
    pytester.makeconftest(
        """
        calls = []
        def pytest_pggit_setup(connection, database):
            # what Alembic/Django would do: their own DDL, possibly their own connection
            calls.append(database.name)
            connection.execute("CREATE TABLE alembic_version (version_num text PRIMARY KEY)")
            connection.execute("ALTER TABLE customers ADD COLUMN email text")
        """
    )
    pytester.makepyfile(
        """
        import conftest

        def test_baseline(pggit):
            assert len(conftest.calls) == 1
            head, step, root = pggit.history(3)
            assert head.branch == "main"
            assert head.message == "pytest-pggit baseline: hook conftest.py"
            assert step.message == "sql schema/01_customers.sql: schema file"
            assert pggit.resolve("sql/schema/01_customers.sql") == step.sha   # the step's tag
            assert pggit.resolve("root") == root.sha
            assert not pggit.status()  # everything the hook did is committed
            d = pggit.diff("HEAD~1", "HEAD")
            assert "public/table/alembic_version" in d.paths
            assert "public/table/customers/column/email" in d.paths

        def test_hook_ran_once(pggit_conn):
            import conftest
            assert len(conftest.calls) == 1
        """
    )
    result = pytester.runpytest(*dsn_args(pggit_server), "--pggit-schema", "schema")
    result.assert_outcomes(passed=2)
    result.stdout.fnmatch_lines(["*1 migration step(s) committed and tagged on main (sql/schema/01_customers.sql)*",
                                 "*baseline commit on main of 1 pytest_pggit_setup hook(s)*"])
