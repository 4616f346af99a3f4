"""Z25 of the third security round: before each step of a checkout/merge with apply, the
recheck for another role's function named like a built-in fired only for pg_proc rows
whose xmin the snapshot taken before the first check did not see.  A function created
in a SAVEPOINT carries the subtransaction's xid, which no snapshot lists: created
(uncommitted) before the checkout, committed while step 1 waits or runs, it was bound by
step 2's CHECK and ran as the applier.  Now every step is checked for the names it uses
right before it runs, whatever the rows' xmin."""
from __future__ import annotations

import threading
import time
from typing import List

import psycopg

from roles import make_role
from sql_conftest import SqlDb


def checkout_waiting_on(db: SqlDb, other: psycopg.Connection, relation: str,
                        failure: List[psycopg.Error]) -> threading.Thread:
    """``checkout_branch('feature', apply => true)`` in a thread, once it waits for a lock
    on ``relation`` (seen from ``other``); its error, if any, goes to ``failure``."""
    pid = db.conn.info.backend_pid

    def checkout() -> None:
        try:
            db.exec("SELECT pggit_v0.checkout_branch('feature', apply => true)")
        except psycopg.Error as exc:
            failure.append(exc)

    worker = threading.Thread(target=checkout, daemon=True)
    worker.start()
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        if other.execute("SELECT count(*) FROM pg_locks WHERE pid = %s AND NOT granted"
                         " AND relation = %s::regclass", [pid, relation]).fetchone()[0]:
            return worker
        time.sleep(0.002)
    raise AssertionError(f"the checkout never waited for the lock on {relation}")


def test_a_function_committed_from_a_savepoint_during_the_steps_is_refused_before_it_binds(db: SqlDb) -> None:
    mallory = make_role(db)
    db.exec("CREATE TABLE public.big (id int); INSERT INTO public.big VALUES (1)")
    db.exec("CREATE TABLE public.users (email text, tags text[]); INSERT INTO public.users VALUES ('a', '{x}')")
    db.exec("SELECT pggit_v0.create_basic_commit('base')")
    db.exec("SELECT pggit_v0.create_branch('feature')")
    db.exec("ALTER TABLE public.big ADD COLUMN bucket int")
    db.exec("ALTER TABLE public.users ADD CONSTRAINT few_tags CHECK (pg_catalog.cardinality(tags) < 10)")
    db.exec("SELECT pggit_v0.create_basic_commit('feature')")
    db.exec("SELECT pggit_v0.checkout_branch('main', apply => true)")
    script = db.val("SELECT pggit_v0.generate_migration('main', 'feature')")
    assert script.index("public.big") < script.index("few_tags"), script   # big's step first

    evil = psycopg.connect(db.dsn)            # one transaction, open across the checkout's start
    blocker = psycopg.connect(db.dsn)
    other = psycopg.connect(db.dsn, autocommit=True)
    try:
        evil.execute(f"SET ROLE {mallory}")
        evil.execute("SAVEPOINT s")           # the row's xmin: this subtransaction's xid
        evil.execute("""CREATE FUNCTION public.cardinality(text[]) RETURNS int LANGUAGE plpgsql AS $f$
BEGIN
    RAISE WARNING 'spy ran as %', current_user;
    RETURN 0;
END $f$""")
        evil.execute("RELEASE SAVEPOINT s")
        other.execute("SELECT txid_current()")   # the next snapshot's xmax passes the subxid
        blocker.execute("LOCK TABLE public.big IN ACCESS SHARE MODE")   # step 1 waits for it
        failure: List[psycopg.Error] = []
        worker = checkout_waiting_on(db, other, "public.big", failure)   # step 1 waits for it
        evil.commit()                           # the function is there from now on
        blocker.commit()                        # step 1 runs, then step 2's check
        worker.join(60)
        assert not worker.is_alive()
    finally:
        for c in (evil, blocker, other):
            c.close()
    assert [n for n in db.notices if n.startswith("spy ran")] == []
    assert failure, "the checkout succeeded"
    assert failure[0].sqlstate == "42501", failure[0]
    assert f"function public.cardinality(text[]) of role {mallory}" in str(failure[0])
    assert db.val("SELECT count(*) FROM pg_constraint WHERE conname = 'few_tags'") == 0


def test_a_function_committed_while_the_step_waits_for_its_table_lock_is_refused(db: SqlDb) -> None:
    """S4 (sec10): ALTER TABLE binds its expressions only once it has its lock; another
    role holding ACCESS SHARE made the step wait after the probe, committed a look-alike
    and let go: the step bound it.  The step's tables are locked before the probe now."""
    mallory = make_role(db)
    db.exec("CREATE TABLE public.users (email text, tags text[]); INSERT INTO public.users VALUES ('a', '{x}')")
    db.exec(f"GRANT SELECT ON public.users TO {mallory}")
    db.exec("SELECT pggit_v0.create_basic_commit('base')")
    db.exec("SELECT pggit_v0.create_branch('feature')")
    db.exec("ALTER TABLE public.users ADD CONSTRAINT few_tags CHECK (pg_catalog.cardinality(tags) < 10)")
    db.exec("SELECT pggit_v0.create_basic_commit('feature')")
    db.exec("SELECT pggit_v0.checkout_branch('main', apply => true)")
    holder = psycopg.connect(db.dsn)
    evil = psycopg.connect(db.dsn, autocommit=True)
    other = psycopg.connect(db.dsn, autocommit=True)
    try:
        holder.execute(f"SET ROLE {mallory}")
        holder.execute("SELECT count(*) FROM public.users")   # ACCESS SHARE, left open
        evil.execute(f"SET ROLE {mallory}")
        failure: List[psycopg.Error] = []
        worker = checkout_waiting_on(db, other, "public.users", failure)
        evil.execute("""CREATE FUNCTION public.cardinality(text[]) RETURNS int LANGUAGE plpgsql AS $f$
BEGIN
    RAISE WARNING 'spy ran as %', current_user;
    RETURN 0;
END $f$""")
        holder.commit()
        worker.join(60)
        assert not worker.is_alive()
    finally:
        for c in (holder, evil, other):
            c.close()
    assert [n for n in db.notices if n.startswith("spy ran")] == []
    assert failure and failure[0].sqlstate == "42501", failure
    assert f"function public.cardinality(text[]) of role {mallory}" in str(failure[0])
