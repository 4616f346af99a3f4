"""DDL that capture does not log (issue 15's large migrations, the layer's install) is
allowed only behind an owner-only marker: the session settings pggit.applying and
pggit.installing alone are anyone's, so a role setting them itself is logged as usual,
and a role that makes the marker itself (through _unlogged_begin, a developer's right)
without a migration's proof leaves a capture fault behind: the next status() and commit
read the whole schema, and check_for_alerts() reports it."""
from __future__ import annotations

from roles import as_role, make_role
from sql_conftest import SqlDb


def logged(d: SqlDb, identity: str) -> int:
    """Log entries naming the table or one of its parts."""
    return d.val("SELECT count(*) FROM pggit_v0.ddl_log WHERE object_identity = %s OR object_identity LIKE %s",
                 [identity, identity + ".%"])


def markers(d: SqlDb) -> int:
    return d.val("SELECT count(*) FROM pggit_v0.capture_faults WHERE event = 'unlogged'")


def status_paths(d: SqlDb) -> list:
    return [r["path"] for r in d.rows("SELECT path FROM pggit_v0.status() ORDER BY path")]


def test_install_leaves_no_marker(db: SqlDb) -> None:
    assert markers(db) == 0
    assert db.val("SELECT severity FROM pggit_v0.check_for_alerts() WHERE check_name = 'capture_faults'") == "OK"


def test_a_role_setting_the_session_settings_itself_is_logged(db: SqlDb) -> None:
    dev = make_role(db, "developer", own_schema=True)
    with as_role(db, dev):
        for setting, value, table in (("pggit.applying", "on", "a"), ("pggit.installing", "on", "b"),
                                      ("pggit.applying", "logged", "c")):
            db.exec(f"SET {setting} = {value}")
            db.exec(f"CREATE TABLE {dev}.{table} (id int)")
            db.exec(f"ALTER TABLE {dev}.{table} RENAME COLUMN id TO ident")
            db.exec(f"RESET {setting}")
            assert logged(db, f"{dev}.{table}") >= 2, setting
    assert markers(db) == 0
    # the incremental status() (nothing forces a full read) sees all three
    paths = status_paths(db)
    for table in ("a", "b", "c"):
        assert any(p.startswith(f"{dev}/table/{table}") for p in paths), (table, paths)
    db.exec("SELECT pggit_v0.create_basic_commit('tables made under the settings')")
    assert status_paths(db) == []
    assert db.val(f"SELECT count(*) FROM pggit_v0.get_current_schema() "
                  f"WHERE schema_name = %s", [dev]) > 0


def test_a_marker_made_without_a_proof_forces_a_full_read_and_an_alert(db: SqlDb) -> None:
    dev = make_role(db, "developer", own_schema=True)
    db.exec("SELECT pggit_v0.create_basic_commit('before')")
    with as_role(db, dev):
        db.exec("BEGIN")
        db.exec("SELECT pggit_v0._unlogged_begin('a hand-made call')")
        db.exec(f"CREATE TABLE {dev}.hidden (id int)")
        db.exec("COMMIT")
        db.exec("RESET pggit.applying")
    assert logged(db, f"{dev}.hidden") == 0   # not logged...
    assert markers(db) == 1                   # ...but the marker stays, as a capture fault
    fault = db.one("SELECT command_tag, message FROM pggit_v0.capture_faults WHERE event = 'unlogged'")
    assert "a hand-made call" in fault["message"] and dev in fault["message"]
    alert = db.one("SELECT severity, message FROM pggit_v0.check_for_alerts() WHERE check_name = 'capture_faults'")
    assert alert["severity"] == "WARNING" and "no proof" in alert["message"], alert
    # status() and the next commit read the whole schema, so they see the table
    assert any(p.startswith(f"{dev}/table/hidden") for p in status_paths(db)), status_paths(db)
    sha = db.val("SELECT pggit_v0.create_basic_commit('after')")
    assert db.val("SELECT count(*) FROM pggit_v0.diff_commits(%s, %s) WHERE path LIKE %s",
                  ["HEAD~1", sha, f"{dev}/table/hidden%"]) > 0


def test_a_rolled_back_marker_leaves_nothing(db: SqlDb) -> None:
    db.exec("BEGIN")
    db.exec("SELECT pggit_v0._unlogged_begin('rolled back')")
    db.exec("CREATE TABLE public.gone (id int)")
    db.exec("ROLLBACK")
    db.exec("RESET pggit.applying")
    assert markers(db) == 0


def test_a_reader_may_not_make_the_marker(db: SqlDb) -> None:
    reader = make_role(db, "reader")
    assert not db.val("SELECT has_function_privilege(%s, 'pggit_v0._unlogged_begin(text)', 'EXECUTE')", [reader])
    dev = make_role(db, "developer")
    assert db.val("SELECT has_function_privilege(%s, 'pggit_v0._unlogged_begin(text)', 'EXECUTE')", [dev])
    assert not db.val("SELECT has_function_privilege('public', 'pggit_v0._unlogged_begin(text)', 'EXECUTE')")


def test_large_checkouts_and_verify_run_unlogged_and_leave_no_marker(db: SqlDb) -> None:
    """More than 50 objects: the unlogged path, one 'migration' entry, no marker left."""
    db.exec("SELECT pggit_v0.create_branch('wide', checkout => false)")
    db.exec("SELECT pggit_v0.checkout_branch('wide')")
    db.exec("DO $$ BEGIN FOR i IN 1..60 LOOP "
            "EXECUTE format('CREATE TABLE public.w%s (id int PRIMARY KEY)', i); END LOOP; END $$")
    db.exec("SELECT pggit_v0.create_basic_commit('sixty tables')")
    db.exec("SELECT pggit_v0.checkout_branch('main', apply => true)")
    assert db.val("SELECT count(*) FROM pg_tables WHERE tablename ~ '^w[0-9]+$'") == 0
    assert logged(db, "public.w1") == 1   # its CREATE; the DROP went into one migration entry
    assert db.val("SELECT count(*) FROM pggit_v0.ddl_log WHERE event = 'migration'") == 1
    assert markers(db) == 0
    ok = db.one("SELECT ok, error FROM pggit_v0.verify_migration('wide')")
    assert ok["ok"], ok
    assert markers(db) == 0 and db.val("SELECT count(*) FROM pggit_v0.ddl_log WHERE event = 'migration'") == 1
    db.exec("SELECT pggit_v0.checkout_branch('wide', apply => true)")
    assert db.val("SELECT count(*) FROM pg_tables WHERE tablename ~ '^w[0-9]+$'") == 60
    assert markers(db) == 0 and db.val("SELECT count(*) FROM pggit_v0.ddl_log WHERE event = 'migration'") == 2
    assert status_paths(db) == []
