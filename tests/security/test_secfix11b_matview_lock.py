"""T5-8 of the fifth security round (S4 residual): the apply path locked a step's tables
and views before its probe, but LOCK TABLE takes neither materialized views nor foreign
tables.  The owner of a materialized view a step reads held ACCESS EXCLUSIVE on it (an
open REFRESH), the step waited in parse analysis after the probe, the owner committed a
look-alike of a built-in the step calls and let go: the step bound it and ran it (WITH
DATA) as the applier.  Such relations are now read with a false condition before the
probe (ACCESS SHARE, waiting like the step would), and the statement itself waits for
no lock after the probe."""
from __future__ import annotations

import threading
import time
from typing import List

import psycopg

from roles import make_role
from sql_conftest import SqlDb


def waiting(other: psycopg.Connection, pid: int, relation: str) -> None:
    deadline = time.monotonic() + 20
    while not other.execute("SELECT count(*) FROM pg_locks WHERE pid = %s AND NOT granted"
                            " AND relation = %s::regclass", [pid, relation]).fetchone()[0]:
        assert time.monotonic() < deadline, f"the checkout never waited for {relation}"
        time.sleep(0.002)


def test_a_function_committed_while_the_step_waits_for_a_matview_it_reads_is_refused(db: SqlDb) -> None:
    mallory = make_role(db, access="developer")   # made mv1 in an earlier, applied commit
    db.exec("CREATE TABLE public.big (id int); INSERT INTO public.big VALUES (1)")
    db.exec(f"SET ROLE {mallory}")
    db.exec("CREATE TABLE public.users (email text, tags text[]); INSERT INTO public.users VALUES ('a', '{x}')")
    db.exec("CREATE MATERIALIZED VIEW public.mv1 AS SELECT u.tags FROM public.users u")
    db.exec("RESET ROLE")
    db.exec("SELECT pggit_v0.create_basic_commit('base')")
    db.exec("SELECT pggit_v0.create_branch('feature')")
    db.exec("ALTER TABLE public.big ADD COLUMN bucket int")
    db.exec("CREATE MATERIALIZED VIEW public.mv2 AS SELECT cardinality(m.tags) AS n FROM public.mv1 m")
    db.exec("SELECT pggit_v0.create_basic_commit('feature: mv2')")
    db.exec("SELECT pggit_v0.checkout_branch('main', apply => true, force => true)")
    script = db.val("SELECT pggit_v0.generate_migration('main', 'feature')")
    assert script.index("public.big") < script.index("public.mv2"), script   # big's step first

    # (the clean check's fast path, as outside the test suite: no catalog read, so the
    # checkout holds no lock on mv1 before its steps)
    db.exec("SET pggit.verify_incremental = off")
    blocker = psycopg.connect(db.dsn)
    holder = psycopg.connect(db.dsn)
    evil = psycopg.connect(db.dsn, autocommit=True)
    other = psycopg.connect(db.dsn, autocommit=True)
    failure: List[psycopg.Error] = []
    pid = db.conn.info.backend_pid

    def checkout() -> None:
        try:
            db.exec("SELECT pggit_v0.checkout_branch('feature', apply => true)")
        except psycopg.Error as exc:
            failure.append(exc)

    try:
        blocker.execute("LOCK TABLE public.big IN ACCESS SHARE MODE")   # holds the checkout at step 1
        # (its REFRESH taken by the test's superuser session without the capture's event
        # trigger, which would wait for the checkout's history lock)
        holder.execute("SET session_replication_role = replica")
        holder.execute(f"SET ROLE {mallory}")
        evil.execute(f"SET ROLE {mallory}")
        worker = threading.Thread(target=checkout, daemon=True)
        worker.start()
        waiting(other, pid, "public.big")                      # past the checks before the steps
        holder.execute("REFRESH MATERIALIZED VIEW public.mv1")   # ACCESS EXCLUSIVE, left open
        blocker.commit()
        waiting(other, pid, "public.mv1")                      # step 2 (or its lock before the probe)
        evil.execute("""CREATE FUNCTION public.cardinality(text[]) RETURNS int LANGUAGE plpgsql AS $f$
BEGIN
    RAISE WARNING 'spy ran as %', current_user;
    RETURN 0;
END $f$""")
        holder.commit()
        worker.join(60)
        assert not worker.is_alive()
    finally:
        for c in (blocker, holder, evil, other):
            c.close()
    assert [n for n in db.notices if n.startswith("spy ran")] == []
    assert failure and failure[0].sqlstate == "42501", failure
    assert f"function public.cardinality(text[]) of role {mallory}" in str(failure[0])
    assert db.val("SELECT to_regclass('public.mv2')") is None


def test_a_step_on_a_matview_still_applies(db: SqlDb) -> None:
    """The false-condition read and the cut lock wait leave an honest checkout alone."""
    db.exec("CREATE TABLE public.users (email text, tags text[]); INSERT INTO public.users VALUES ('a', '{x,y}')")
    db.exec("CREATE MATERIALIZED VIEW public.mv1 AS SELECT u.tags FROM public.users u")
    db.exec("SELECT pggit_v0.create_basic_commit('base')")
    db.exec("SELECT pggit_v0.create_branch('feature')")
    db.exec("CREATE MATERIALIZED VIEW public.mv2 AS SELECT cardinality(m.tags) AS n FROM public.mv1 m")
    db.exec("CREATE INDEX mv1_n ON public.mv1 (cardinality(tags))")
    db.exec("SELECT pggit_v0.create_basic_commit('feature')")
    db.exec("SELECT pggit_v0.checkout_branch('main', apply => true, force => true)")
    assert db.val("SELECT to_regclass('public.mv2')") is None
    reader = psycopg.connect(db.dsn)
    try:
        reader.execute("SELECT count(*) FROM public.mv1")   # ACCESS SHARE, as an application's
        db.exec("SELECT pggit_v0.checkout_branch('feature', apply => true)")
    finally:
        reader.close()
    assert db.val("SELECT n FROM public.mv2") == 2
    assert db.val("SELECT to_regclass('public.mv1_n')") is not None
