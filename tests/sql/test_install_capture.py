"""Installing and upgrading the layer, and capturing DDL."""
from __future__ import annotations

from conftest import SqlDb, install
from errors import raises_sql


def counts(d: SqlDb) -> dict:
    return d.one("SELECT (SELECT count(*) FROM pggit_v0.commit_graph) AS commits,"
                 " (SELECT count(*) FROM pggit_v0.objects) AS objects,"
                 " (SELECT count(*) FROM pggit_v0.refs) AS refs,"
                 " (SELECT count(*) FROM pggit_v0.ddl_log) AS log,"
                 " (SELECT count(*) FROM pggit_v0.ddl_log_commits) AS links,"
                 " (SELECT branch FROM pggit_v0.head) AS head_branch,"
                 " pggit_v0.get_head_sha() AS head")


def documented_grants(role: str) -> str:
    """The grant reference.md ("Roles") gives for a role `dev` that uses the whole API."""
    import re
    from pathlib import Path

    text = (Path(__file__).resolve().parents[2] / "docs" / "reference.md").read_text()
    block = re.search(r"\*\*Roles\.\*\*.*?```sql\n(.*?)```", text, re.S).group(1)
    assert "grant_access('dev')" in block
    return block.replace("'dev'", f"'{role}'")


def test_install_records_the_existing_schema_as_baseline(empty_db: SqlDb) -> None:
    empty_db.exec("CREATE TABLE public.before_install (id int PRIMARY KEY)")
    proc = install(empty_db)
    assert proc.stderr == ""
    hist = empty_db.rows("SELECT * FROM pggit_v0.get_commit_history()")
    assert len(hist) == 1 and hist[0]["branch"] == "main" and hist[0]["parent_shas"] == []
    assert empty_db.rows("SELECT * FROM pggit_v0.status()") == []
    assert "CREATE TABLE public.before_install (\n    id integer NOT NULL\n);" in empty_db.val(
        "SELECT pggit_v0.get_object_definition('public', 'before_install', 'HEAD')")
    tree = empty_db.val("SELECT tree_sha FROM pggit_v0.commit_graph")
    assert empty_db.val("SELECT count(*) FROM pggit_v0._tree_objects(%s) WHERE obj_key = 'table before_install'",
                        [tree]) == 1
    assert empty_db.one("SELECT * FROM pggit_v0.capture_status()")["enabled"] is True


def test_reinstall_upgrades_in_place_and_keeps_history(empty_db: SqlDb) -> None:
    d = empty_db
    install(d)
    d.exec("CREATE TABLE public.t (id int)")
    d.exec("SELECT pggit_v0.create_basic_commit('t')")
    d.exec("SELECT pggit_v0.create_branch('feature/keep')")
    d.exec("ALTER TABLE public.t ADD COLUMN v int")
    d.exec("SELECT pggit_v0.create_basic_commit('v')")
    d.exec("CREATE TABLE public.pending (id int)")
    before = counts(d)
    proc = install(d)
    assert proc.stderr == ""
    assert counts(d) == before
    assert d.val("SELECT value FROM pggit_v0.meta WHERE key = 'layer_version'") == "0.1.0"
    # capture still works after the upgrade
    d.exec("CREATE TABLE public.after (id int)")
    assert d.val("SELECT count(*) FROM pggit_v0.ddl_log WHERE object_identity = 'public.after'") == 1


def test_snapshot_only_mode_for_roles_without_event_trigger_rights(make_empty_db, pggit_server) -> None:
    admin = make_empty_db()
    admin.exec("DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'pggit_app_owner') THEN "
               "CREATE ROLE pggit_app_owner LOGIN NOSUPERUSER; END IF; END $$")
    # a password too, for servers that do not trust local connections (the docker backend)
    admin.exec("ALTER ROLE pggit_app_owner PASSWORD 'pggit-test'")
    admin.exec(f'ALTER DATABASE "{admin.name}" OWNER TO pggit_app_owner')
    admin.exec("ALTER SCHEMA public OWNER TO pggit_app_owner")
    from psycopg.conninfo import conninfo_to_dict, make_conninfo
    params = conninfo_to_dict(admin.dsn)
    params.update(user="pggit_app_owner", password="pggit-test")
    owner = SqlDb(make_conninfo(**params), admin.name)
    try:
        assert owner.val("SELECT current_user") == "pggit_app_owner"
        proc = install(owner)
        assert "snapshot-only mode" in proc.stderr and "permission denied" in proc.stderr
        st = owner.one("SELECT * FROM pggit_v0.capture_status()")
        assert st["mode"] == "snapshot-only" and st["enabled"] is False and "snapshot-only" in st["detail"]
        owner.exec("CREATE TABLE public.t (id int)")
        assert owner.val("SELECT count(*) FROM pggit_v0.ddl_log") == 0
        assert [r["path"] for r in owner.rows("SELECT * FROM pggit_v0.status()")] == [
            "public/table/t", "public/table/t/column/id", "public/table/t/columns"]
        owner.exec("SELECT pggit_v0.create_basic_commit('from snapshots')")
        assert owner.rows("SELECT * FROM pggit_v0.status()") == []
        assert len(owner.rows("SELECT * FROM pggit_v0.diff_commits('HEAD~1', 'HEAD')")) == 3
    finally:
        owner.close()


def test_capture_logs_each_command_with_its_context(db: SqlDb) -> None:
    db.exec("SELECT pggit_v0.create_branch('feature/log')")
    db.exec("CREATE TABLE public.c (id int)")
    db.exec("ALTER TABLE public.c ADD COLUMN v text")
    db.exec("DROP TABLE public.c")
    log = db.rows("SELECT * FROM pggit_v0.ddl_log ORDER BY id")
    assert [(r["event"], r["command_tag"], r["object_type"], r["object_identity"]) for r in log] == [
        ("ddl_command_end", "CREATE TABLE", "table", "public.c"),
        ("ddl_command_end", "ALTER TABLE", "table", "public.c"),
        ("sql_drop", "DROP TABLE", "table", "public.c"),
    ]
    assert log[0]["statement"] == "CREATE TABLE public.c (id int)"
    assert all(r["branch"] == "feature/log" and r["schema_name"] == "public" for r in log)
    assert all(r["role_name"] == db.val("SELECT current_user") for r in log)
    assert log[0]["txid"] != log[1]["txid"]
    assert all(r["capture_duration"] is not None for r in log)
    assert db.one("SELECT * FROM pggit_v0.analyze_query_performance() WHERE operation = 'capture'")["calls"] == 3


def test_capture_records_the_role_of_a_non_superuser(db: SqlDb) -> None:
    db.exec("DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'pggit_dev') THEN "
            "CREATE ROLE pggit_dev NOSUPERUSER; END IF; END $$")
    db.exec("CREATE SCHEMA devwork AUTHORIZATION pggit_dev")
    db.exec("SET ROLE pggit_dev; CREATE TABLE devwork.mine (id int); RESET ROLE")
    row = db.one("SELECT * FROM pggit_v0.ddl_log WHERE object_identity = 'devwork.mine'")
    assert row["role_name"] == "pggit_dev"
    assert db.val("SELECT count(*) FROM pggit_v0.capture_faults") == 0


def test_temp_and_layer_objects_are_not_logged(db: SqlDb) -> None:
    db.exec("CREATE TEMP TABLE tmp (id int); CREATE TABLE pggit_v0.inside (id int); DROP TABLE pggit_v0.inside")
    assert db.val("SELECT count(*) FROM pggit_v0.ddl_log") == 0


def test_user_objects_whose_names_mention_the_layer_are_logged(db: SqlDb) -> None:
    db.exec("""CREATE TABLE public.t (a int);
               CREATE INDEX "x on pggit_v0.y" ON public.t (a);
               CREATE TABLE public."t on pggit_v0.refs" (a int)""")
    logged = {r["object_identity"] for r in db.rows("SELECT object_identity FROM pggit_v0.ddl_log")}
    assert {'public."x on pggit_v0.y"', 'public."t on pggit_v0.refs"'} <= logged, logged
    db.exec("SELECT pggit_v0.create_basic_commit('names')")
    assert db.rows("SELECT path FROM pggit_v0.status()") == []


def test_a_capture_fault_never_fails_the_users_ddl(db: SqlDb) -> None:
    db.exec("ALTER TABLE pggit_v0.ddl_log ADD CONSTRAINT break_capture CHECK (false) NOT VALID")
    db.exec("CREATE TABLE public.survives (id int)")
    db.exec("DROP TABLE public.survives")
    assert db.val("SELECT to_regclass('public.survives')") is None
    faults = db.rows("SELECT * FROM pggit_v0.capture_faults ORDER BY id")
    assert [(f["event"], f["command_tag"], f["sqlstate"]) for f in faults] == [
        ("ddl_command_end", "CREATE TABLE", "23514"), ("sql_drop", "DROP TABLE", "23514")]
    assert 'violates check constraint "break_capture"' in faults[0]["message"]
    assert faults[0]["statement"] == "CREATE TABLE public.survives (id int)"


def test_reinstall_replaces_functions_whose_result_changed_and_keeps_user_views(empty_db: SqlDb) -> None:
    d = empty_db
    install(d)
    d.exec("CREATE VIEW public.health AS SELECT count(*) AS ok FROM pggit_v0.check_for_alerts() WHERE severity = 'OK'")
    # an older layer version whose status() returned other columns
    d.exec("DROP FUNCTION pggit_v0.status(); CREATE FUNCTION pggit_v0.status() RETURNS TABLE (x int) "
           "LANGUAGE sql AS 'SELECT 1'")
    d.exec("SELECT pggit_v0.create_basic_commit('health view')")
    before = counts(d)
    install(d)
    assert counts(d) == before
    assert d.rows("SELECT * FROM pggit_v0.status()") == []
    assert "migration_sql" in [c.name for c in d.conn.execute("SELECT * FROM pggit_v0.status()").description]
    assert d.val("SELECT ok FROM public.health") >= 1
    assert d.one("SELECT * FROM pggit_v0.capture_status()")["enabled"] is True
    with raises_sql("55000", "append-only"):
        d.exec("DELETE FROM pggit_v0.objects")


def test_every_function_body_is_valid_and_every_helper_called_exists(empty_db: SqlDb, tmp_path) -> None:
    """install.sql skips body checks for speed; here they run, and PL/pgSQL bodies (only
    checked when called) are scanned for helpers that do not exist."""
    import re
    import shutil

    from conftest import SQL_DIR

    for f in SQL_DIR.glob("*.sql"):
        shutil.copy(f, tmp_path / f.name)
    install_sql = tmp_path / "install.sql"
    text = install_sql.read_text()
    assert "SET LOCAL check_function_bodies = off;" in text
    install_sql.write_text(text.replace("SET LOCAL check_function_bodies = off;", ""))
    empty_db.psql("-q", "-f", str(install_sql))
    defined = {r["proname"] for r in empty_db.rows(
        "SELECT proname FROM pg_proc WHERE pronamespace = 'pggit_v0'::regnamespace")}
    called = set()
    for f in SQL_DIR.glob("*.sql"):
        # (functions an upgrade drops are named, not called)
        text = re.sub(r"DROP FUNCTION IF EXISTS pggit_v0\._[a-z_0-9]*\(", "", f.read_text())
        called |= set(re.findall(r"\b(_[a-z][a-z_0-9]*)\(", text))
    assert called - defined == set()


def test_a_role_granted_as_documented_can_commit_branch_and_merge(db: SqlDb) -> None:
    """reference.md, "Roles": the grants that let another role use the whole API."""
    db.exec("DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'pggit_dev') THEN "
            "CREATE ROLE pggit_dev NOSUPERUSER; END IF; END $$")
    db.exec("CREATE SCHEMA devwork AUTHORIZATION pggit_dev")
    db.exec("SET ROLE pggit_dev")
    with raises_sql("42501", "may not do", hint="SELECT pggit_v0.grant_access('pggit_dev');"):
        db.exec("SELECT pggit_v0.create_basic_commit('not yet')")
    for call in ("create_branch('x')", "merge_branch('main')", "checkout_branch('main')", "create_tag('t')",
                 "delete_branch('x')"):
        with raises_sql("42501", "may not do", hint="grant_access"):
            db.exec(f"SELECT pggit_v0.{call}")
    db.exec("RESET ROLE")
    db.exec(documented_grants("pggit_dev"))
    db.exec("SET ROLE pggit_dev")
    db.exec("CREATE TABLE devwork.t (id int)")
    db.exec("SELECT pggit_v0.create_basic_commit('by the dev role')")
    db.exec("SELECT pggit_v0.create_branch('feature/dev')")
    db.exec("ALTER TABLE devwork.t ADD COLUMN note text")
    db.exec("SELECT pggit_v0.create_basic_commit('note')")
    db.exec("SELECT pggit_v0.checkout_branch('main', apply => true, force => true)")
    db.exec("SELECT pggit_v0.merge_branch('feature/dev')")
    assert db.rows("SELECT path FROM pggit_v0.status()") == []
    assert all(r["status"] == "OK" for r in db.rows("SELECT status FROM pggit_v0.validate_data_integrity()"))
    db.exec("RESET ROLE")
