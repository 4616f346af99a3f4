"""V7 of the December security round: a role with no access to pgGit made every commit
and status() wait for ever.  It made a table and a view on it, ran one logged DDL on the
view (the next commit reads the view again) and, in a transaction left idle, locked its
own table: pg_get_viewdef waits for that lock, and with the default lock_timeout = 0 the
commit's attempts went on without end.  Now a call waits at most the caller's
lock_timeout, else pggit.lock_wait (30 s), then fails 55P03 naming the sessions."""
from __future__ import annotations

import time

from errors import raises_sql
from roles import as_role, make_role
from sql_conftest import SqlDb


def session(d: SqlDb) -> SqlDb:
    return SqlDb(d.dsn, d.name)


def test_a_role_locking_its_own_table_under_a_view_does_not_stall_commits(db: SqlDb) -> None:
    nobody = make_role(db)
    with as_role(db, nobody):
        db.exec("CREATE TABLE public.mine (x int)")
        db.exec("CREATE VIEW public.mine_v AS SELECT x FROM public.mine")
    db.exec("SELECT pggit_v0.create_basic_commit('start')")
    m = session(db)
    try:
        m.exec(f"SET ROLE {nobody}")
        m.exec("COMMENT ON VIEW public.mine_v IS 'dirty'")
        m.exec("BEGIN")
        m.exec("LOCK TABLE public.mine IN ACCESS EXCLUSIVE MODE")
        pid = m.val("SELECT pg_backend_pid()")
        db.exec("SET statement_timeout = '15s'")   # (the old layer: 57014 here, not for ever)
        db.exec("SET pggit.lock_wait = '1s'")
        for call, what in (("SELECT pggit_v0.create_basic_commit('owner')", "create_basic_commit"),
                           ("SELECT count(*) FROM pggit_v0.status()", "status()"),
                           ("SELECT count(*) FROM pggit_v0.get_current_schema()", "get_current_schema()"),   # Z5
                           ("SELECT count(*) FROM pggit_v0.get_object_metadata('public', 'mine_v')",
                            "get_object_metadata()")):
            t0 = time.monotonic()
            with raises_sql("55P03", f"{what} gave up after waiting", hint="pg_terminate_backend") as info:
                db.exec(call)
            assert time.monotonic() - t0 < 8
            message = info.value.diag.message_primary
            assert f"pid {pid} (" in message and "public.mine (AccessExclusiveLock)" in message, message
            assert "idle in transaction" in message, message
        # the caller's lock_timeout is its own again; the commit goes through once the lock is gone
        assert db.val("SHOW lock_timeout") == "0"
        m.exec("ROLLBACK")
        assert db.val("SELECT pggit_v0.create_basic_commit('owner')")
        assert db.rows("SELECT path FROM pggit_v0.status()") == []
    finally:
        m.close()
        db.exec("RESET statement_timeout")
        db.exec("RESET pggit.lock_wait")


def test_the_bound_is_the_callers_lock_timeout_else_the_setting(db: SqlDb) -> None:
    assert db.val("SELECT pggit_v0._lock_wait()") == "30s"
    db.exec("SET pggit.lock_wait = '2min'")
    assert db.val("SELECT pggit_v0._lock_wait()") == "2min"
    db.exec("SET pggit.lock_wait = '1500'")   # milliseconds, as lock_timeout takes a bare number
    assert db.val("SELECT pggit_v0._lock_wait()") == "1500ms"
    db.exec("SET lock_timeout = '7s'")
    assert db.val("SELECT pggit_v0._lock_wait()") == "7s"
    db.exec("RESET lock_timeout")
    db.exec("SET pggit.lock_wait = '0'")       # no bound, as asked
    assert db.val("SELECT pggit_v0._lock_wait()") == "0"
    db.exec("SET pggit.lock_wait = 'soon'")
    with raises_sql("22023", "pggit.lock_wait is not a duration: soon", hint="SET pggit.lock_wait = '30s'"):
        db.exec("SELECT pggit_v0.status()")
    db.exec("RESET pggit.lock_wait")
    assert db.val("SHOW lock_timeout") == "0"


def test_status_keeps_the_callers_lock_timeout(db: SqlDb) -> None:
    db.exec("CREATE TABLE public.t (id int)")
    db.exec("BEGIN")
    db.exec("SET LOCAL lock_timeout = '4s'")
    db.rows("SELECT * FROM pggit_v0.status()")
    assert db.val("SHOW lock_timeout") == "4s"
    db.exec("COMMIT")
    db.rows("SELECT * FROM pggit_v0.status()")
    assert db.val("SHOW lock_timeout") == "0"
