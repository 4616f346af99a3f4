"""Lost commits under concurrency (issue 11): writers serialize on one lock and read HEAD
after taking it, so no commit falls out of its branch or loses its parent."""
from __future__ import annotations

import random
import threading
import time
from typing import Any, Callable, Dict, List, Optional

import psycopg
import pytest

from errors import raises_sql
from sql_conftest import SqlDb


def second(db: SqlDb) -> SqlDb:
    return SqlDb(db.dsn, db.name)


class Background:
    """Runs one call on another connection in a thread; result() waits for it."""

    def __init__(self, fn: Callable[[], Any]) -> None:
        self.value: Any = None
        self.error: Optional[BaseException] = None
        self.thread = threading.Thread(target=self._run, args=(fn,), daemon=True)
        self.thread.start()

    def _run(self, fn: Callable[[], Any]) -> None:
        try:
            self.value = fn()
        except BaseException as e:   # noqa: BLE001 - handed to the test
            self.error = e

    def result(self, timeout: float = 30) -> Any:
        self.thread.join(timeout)
        assert not self.thread.is_alive(), "background call did not finish"
        if self.error:
            raise self.error
        return self.value


def wait_until_blocked(db: SqlDb, pid: int) -> None:
    """Until backend pid waits on a lock (the writers' advisory lock or a row/table lock)."""
    for _ in range(300):
        if db.val("SELECT wait_event_type = 'Lock' FROM pg_stat_activity WHERE pid = %s", [pid]):
            return
        time.sleep(0.02)
    raise AssertionError(f"backend {pid} never waited on a lock")


def parents(db: SqlDb, sha: str) -> List[str]:
    return [r["parent_sha"] for r in db.rows(
        "SELECT parent_sha FROM pggit_v0.commit_parents WHERE commit_sha = %s ORDER BY position", [sha])]


def test_a_commit_waiting_for_another_builds_on_it(db: SqlDb) -> None:
    other = second(db)
    try:
        db.exec("BEGIN")
        db.exec("CREATE TABLE public.a (id int)")
        first = db.val("SELECT pggit_v0.create_basic_commit('a')")     # holds the writers' lock
        other.exec("CREATE TABLE public.b (id int)")
        pid = other.val("SELECT pg_backend_pid()")
        bg = Background(lambda: other.val("SELECT pggit_v0.create_basic_commit('b')"))
        wait_until_blocked(db, pid)
        db.exec("COMMIT")
        later = bg.result()
        assert parents(db, later) == [first]
        assert db.val("SELECT target_sha FROM pggit_v0.refs WHERE name = 'main'") == later
        hist = [r["commit_sha"] for r in db.rows("SELECT commit_sha FROM pggit_v0.get_commit_history(3)")]
        assert hist[:2] == [later, first]
    finally:
        other.close()


def test_a_commit_waiting_while_head_moves_lands_on_the_new_branch_with_a_parent(db: SqlDb) -> None:
    db.exec("SELECT pggit_v0.create_branch('feature/x', checkout => false)")
    other = second(db)
    try:
        db.exec("BEGIN")
        db.exec("SELECT pggit_v0.checkout_branch('feature/x')")        # HEAD moves, lock held
        pid = other.val("SELECT pg_backend_pid()")
        feature = db.val("SELECT target_sha FROM pggit_v0.refs WHERE name = 'feature/x'")
        bg = Background(lambda: other.val("SELECT pggit_v0.create_basic_commit('while HEAD moved')"))
        wait_until_blocked(db, pid)
        db.exec("COMMIT")
        sha = bg.result()
        assert parents(db, sha) == [feature]
        assert db.val("SELECT branch FROM pggit_v0.commit_graph WHERE commit_sha = %s", [sha]) == "feature/x"
        assert db.val("SELECT target_sha FROM pggit_v0.refs WHERE name = 'feature/x'") == sha
    finally:
        other.close()


def test_a_repeatable_read_snapshot_older_than_a_move_gets_40001(db: SqlDb) -> None:
    other = second(db)
    try:
        other.exec("BEGIN ISOLATION LEVEL REPEATABLE READ")
        other.val("SELECT count(*) FROM pggit_v0.refs")                 # the snapshot is taken here
        db.exec("CREATE TABLE public.a (id int)")
        db.exec("SELECT pggit_v0.create_basic_commit('a')")
        with raises_sql("40001"):
            other.exec("SELECT pggit_v0.create_basic_commit('stale')")
        other.exec("ROLLBACK")
        assert other.val("SELECT pggit_v0.create_basic_commit('retried')")
    finally:
        other.close()


def test_ddl_committed_by_another_session_during_a_checkout_is_40001(db: SqlDb) -> None:
    db.exec("CREATE TABLE public.t (id int)")
    db.exec("SELECT pggit_v0.create_basic_commit('t')")
    db.exec("SELECT pggit_v0.create_branch('wide')")
    db.exec("ALTER TABLE public.t ADD COLUMN note text")
    db.exec("SELECT pggit_v0.create_basic_commit('note')")
    db.exec("SELECT pggit_v0.checkout_branch('main', apply => true, force => true)")
    other = second(db)
    try:
        other.exec("BEGIN")
        other.exec("CREATE TABLE public.theirs (id int)")
        other.exec("LOCK TABLE public.t IN ACCESS SHARE MODE")            # the checkout's ALTER waits
        pid = db.val("SELECT pg_backend_pid()")
        bg = Background(lambda: db.val("SELECT pggit_v0.checkout_branch('wide', apply => true)"))
        wait_until_blocked(other, pid)
        other.exec("COMMIT")
        with pytest.raises(psycopg.Error) as info:
            bg.result()
        assert info.value.sqlstate == "40001", info.value
        assert "public.theirs" in info.value.diag.message_primary
        assert "Retry" in (info.value.diag.message_hint or "")
    finally:
        other.close()
    assert db.val("SELECT branch FROM pggit_v0.head") == "main"       # nothing changed
    assert db.val("SELECT count(*) FROM pg_attribute WHERE attrelid = 'public.t'::regclass AND attname = 'note'") == 0


SOAK_SESSIONS = 4
SOAK_OPS = 30


def soak_worker(dsn: str, name: str, seed: int, returned: List[str], errors: List[str]) -> None:
    rnd = random.Random(seed)
    d = SqlDb(dsn, name)
    try:
        for i in range(SOAK_OPS):
            op = rnd.choice(["ddl", "commit", "commit", "branch", "checkout", "merge"])
            try:
                if op == "ddl":
                    d.exec(f"CREATE TABLE IF NOT EXISTS public.s{seed}_{i} (id int)")
                elif op == "commit":
                    returned.append(d.val("SELECT pggit_v0.create_basic_commit(%s)", [f"s{seed} op {i}"]))
                elif op == "branch":
                    d.exec("SELECT pggit_v0.create_branch(%s, checkout => false)", [f"soak/s{seed}-{i}"])
                elif op == "checkout":
                    names = [r["name"] for r in d.rows("SELECT name FROM pggit_v0.list_branches()")]
                    d.exec("SELECT pggit_v0.checkout_branch(%s)", [rnd.choice(names)])
                else:
                    names = [r["name"] for r in d.rows("SELECT name FROM pggit_v0.list_branches()")]
                    sha = d.val("SELECT pggit_v0.merge_branch(%s, target => 'main', strategy => 'theirs')",
                                [rnd.choice(names)])
                    returned.append(sha)
            except psycopg.Error as e:
                # expected refusals only: the live schema is dirty for a merge into the
                # current branch, or a conflict; never a lost parent or a missing ancestor
                if e.sqlstate not in ("55000", "40001"):
                    errors.append(f"{op}: {e.sqlstate} {e}")
    finally:
        d.close()


def test_soak_keeps_every_commit_reachable_and_parented(db: SqlDb) -> None:
    returned: List[str] = []
    errors: List[str] = []
    threads = [threading.Thread(target=soak_worker, args=(db.dsn, db.name, s, returned, errors))
               for s in range(SOAK_SESSIONS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert errors == []
    assert len(returned) > SOAK_SESSIONS * 5
    reachable = {r["sha"] for r in db.rows("""
        WITH RECURSIVE anc(sha) AS (
            SELECT target_sha FROM pggit_v0.refs
            UNION SELECT detached_sha FROM pggit_v0.head WHERE detached_sha IS NOT NULL
            UNION SELECT new_value FROM pggit_v0.ref_log WHERE new_value ~ '^[0-9a-f]{64}$'
            UNION SELECT p.parent_sha FROM anc JOIN pggit_v0.commit_parents p ON p.commit_sha = anc.sha)
        SELECT sha FROM anc""")}
    lost = [s for s in returned if s not in reachable]
    assert lost == []
    orphans = db.rows("SELECT commit_sha FROM pggit_v0.commit_graph c WHERE NOT EXISTS "
                      "(SELECT 1 FROM pggit_v0.commit_parents p WHERE p.commit_sha = c.commit_sha)")
    assert len(orphans) == 1   # the baseline only
    bad: Dict[str, str] = {r["check_name"]: r["details"] for r in
                           db.rows("SELECT * FROM pggit_v0.validate_data_integrity() WHERE status <> 'OK'")}
    assert bad == {}


def test_ddl_committed_while_a_commit_runs_stays_pending_for_the_next(db: SqlDb) -> None:
    """Another session's DDL that commits after a commit read the catalog is not linked to
    that commit (its tree does not show it): the next commit reads the object again."""
    other = second(db)
    try:
        db.exec("CREATE TABLE public.a (id int)")
        other.exec("BEGIN")
        other.exec("SELECT 1 FROM pggit_v0.refs WHERE name = 'main' FOR UPDATE")   # the commit's ref move waits
        pid = db.val("SELECT pg_backend_pid()")
        bg = Background(lambda: db.val("SELECT pggit_v0.create_basic_commit('a')"))
        watcher = second(db)
        try:
            wait_until_blocked(watcher, pid)
        finally:
            watcher.close()
        other.exec("CREATE TABLE public.x (id int)")
        other.exec("COMMIT")
        first = bg.result()
    finally:
        other.close()
    x_log = db.val("SELECT id FROM pggit_v0.ddl_log WHERE object_identity = 'public.x'")
    assert db.rows("SELECT commit_sha FROM pggit_v0.ddl_log_commits WHERE log_id = %s", [x_log]) == []
    db.exec("CREATE TABLE public.y (id int)")
    second_sha = db.val("SELECT pggit_v0.create_basic_commit('y')")   # incremental: reads x and y
    assert db.val("SELECT commit_sha FROM pggit_v0.ddl_log_commits WHERE log_id = %s", [x_log]) == second_sha
    assert db.rows("SELECT path FROM pggit_v0.status()") == []
    assert first != second_sha


def test_a_commit_waiting_on_a_users_ddl_does_not_deadlock_its_own_commit(db: SqlDb) -> None:
    """E6: session A runs DDL and commits it in one transaction (a deploy script); session
    B commits meanwhile, with DDL pending on the same table.  B took the history lock and
    waited for A's table lock; A's commit waited for the history lock: deadlock, and
    PostgreSQL aborted A, the user's DDL.  B now gives the history lock back while it
    waits: A commits first, then B, each on the other."""
    db.exec("CREATE TABLE public.t (id int PRIMARY KEY); CREATE VIEW public.v AS SELECT * FROM public.t")
    db.val("SELECT pggit_v0.create_basic_commit('c0')")
    db.exec("COMMENT ON TABLE public.t IS 'x'; CREATE INDEX t2 ON public.t (id)")   # pending
    a, b = second(db), second(db)
    try:
        a.exec("BEGIN")
        a.exec("ALTER TABLE public.t ADD COLUMN x int")
        b.exec("SET lock_timeout = '20s'")
        b_pid = b.val("SELECT pg_backend_pid()")
        late = Background(lambda: b.val("SELECT pggit_v0.create_basic_commit('b')"))
        wait_until_blocked(db, b_pid)   # B waits on A's table: the deadlock's first half
        first = a.val("SELECT pggit_v0.create_basic_commit('a')")   # was: 40P01 here
        a.exec("COMMIT")
        last = late.result()
        assert parents(db, last) == [first]
        assert db.val("SELECT count(*) FROM information_schema.columns WHERE table_name = 't' AND column_name = 'x'") == 1
        # B's lock_timeout is its own again after the call
        assert b.val("SHOW lock_timeout") == "20s"
    finally:
        a.close()
        b.close()


@pytest.mark.parametrize("how", ["checkout", "merge"])
def test_a_checkout_or_merge_waiting_on_a_users_ddl_does_not_lock_out_its_commit(db: SqlDb, how: str) -> None:
    """E6 for checkout_branch and merge_branch: session A runs DDL and commits it in one
    transaction; session B's checkout (or merge into the current branch) alters the same
    table.  B held the history lock while it waited for A's table lock, and A's commit,
    which retries in attempts, could never get the history lock: A's lock_timeout ran
    out (or, without one, both waited for ever).  B now gives the history lock back
    between its own attempts: A commits, then B migrates from A's commit."""
    db.exec("CREATE TABLE public.t (id int PRIMARY KEY)")
    db.val("SELECT pggit_v0.create_basic_commit('c0')")
    db.val("SELECT pggit_v0.create_branch('f')")
    db.exec("ALTER TABLE public.t ADD COLUMN y int")
    db.val("SELECT pggit_v0.create_basic_commit('y on f')")
    db.val("SELECT pggit_v0.checkout_branch('main', true)")
    if how == "merge":
        db.exec("CREATE TABLE public.other (id int)")
        db.val("SELECT pggit_v0.create_basic_commit('other on main')")   # no fast-forward
    a, b = second(db), second(db)
    try:
        a.exec("SET lock_timeout = '5s'")
        a.exec("BEGIN")
        a.exec("ALTER TABLE public.t ADD COLUMN x int")
        b.exec("SET lock_timeout = '20s'")
        call = ("SELECT pggit_v0.checkout_branch('f', true)" if how == "checkout"
                else "SELECT pggit_v0.merge_branch('f')")
        late = Background(lambda: b.val(call))
        time.sleep(0.5)   # B has met A's table lock (and let go of the history lock)
        first = a.val("SELECT pggit_v0.create_basic_commit('a')")   # was: 55P03 after 5 s
        a.exec("COMMIT")
        done = late.result()
        cols = {r["column_name"] for r in db.rows(
            "SELECT column_name FROM information_schema.columns WHERE table_name = 't'")}
        if how == "checkout":
            assert cols == {"id", "y"}   # f's schema, migrated from A's commit
            assert db.val("SELECT pggit_v0.get_head_sha()") == done
        else:
            assert cols == {"id", "x", "y"}   # the merge of f into main, A's x kept
            assert first in parents(db, done)
        assert b.val("SHOW lock_timeout") == "20s"
        assert db.rows("SELECT * FROM pggit_v0.validate_data_integrity() WHERE status <> 'OK'") == []
    finally:
        a.close()
        b.close()


def test_two_ddl_transactions_whose_commits_need_each_others_table_end_one_with_40p01(db: SqlDb) -> None:
    """G1: DDL pending on t1 and t2; session 1 alters t1 and session 2 alters t2, each in a
    transaction that then calls create_basic_commit.  Each commit reads both tables, so
    each needs the table the other transaction holds: no order lets both finish.  Their
    200 ms attempts hid the cycle from PostgreSQL's deadlock detector and both waited for
    ever, holding their tables.  Now the one whose limit comes first gets 40P01 (retry),
    and the other commits once that transaction is rolled back."""
    db.exec("CREATE TABLE public.t1 (id int); CREATE TABLE public.t2 (id int)")
    db.val("SELECT pggit_v0.create_basic_commit('c0')")
    db.exec("CREATE INDEX t1_id ON public.t1 (id); CREATE INDEX t2_id ON public.t2 (id)")   # pending
    s1, s2 = second(db), second(db)
    got: Dict[str, str] = {}

    def user(name: str, s: SqlDb, table: str) -> None:
        try:
            got[name] = s.val(f"SELECT pggit_v0.create_basic_commit('{name}')")
            s.exec("COMMIT")
        except psycopg.Error as exc:
            got[name] = f"ERR {exc.sqlstate}"
            s.exec("ROLLBACK")

    try:
        for s, table, col in ((s1, "t1", "a"), (s2, "t2", "b")):
            s.exec("BEGIN")
            s.exec(f"ALTER TABLE public.{table} ADD COLUMN {col} int")
        runs = [Background(lambda: user("user1", s1, "t1")), Background(lambda: user("user2", s2, "t2"))]
        for r in runs:
            r.result(timeout=30)   # was: both still waiting after any time
        assert sorted(v[:9] if v.startswith("ERR") else "OK" for v in got.values()) == ["ERR 40P01", "OK"], got
        winner = next(k for k, v in got.items() if not v.startswith("ERR"))
        col = "a" if winner == "user1" else "b"
        assert db.val("SELECT count(*) FROM information_schema.columns WHERE column_name = %s", [col]) == 1
        assert db.rows("SELECT * FROM pggit_v0.validate_data_integrity() WHERE status <> 'OK'") == []
    finally:
        s1.close()
        s2.close()


def test_a_commit_waiting_on_a_plain_transaction_is_not_taken_for_a_cycle(db: SqlDb) -> None:
    """G1's 40P01 only for a cycle: session A's commit waits on C's uncommitted DDL (C
    waits for nothing), while a plain query of D waits on A's table.  No cycle: A waits
    and commits once C has, as before (the first G1 fix gave A 40P01 after 3 s)."""
    db.exec("CREATE TABLE public.t1 (id int); CREATE TABLE public.t2 (id int)")
    db.val("SELECT pggit_v0.create_basic_commit('c0')")
    db.exec("CREATE INDEX t2_id ON public.t2 (id)")   # pending: the next commit reads t2
    a, c, d = second(db), second(db), second(db)
    try:
        c.exec("BEGIN")
        c.exec("ALTER TABLE public.t2 ADD COLUMN z int")
        a.exec("BEGIN")
        a.exec("ALTER TABLE public.t1 ADD COLUMN a int")
        commit_a = Background(lambda: a.val("SELECT pggit_v0.create_basic_commit('a')"))
        time.sleep(0.3)
        reader = Background(lambda: d.val("SELECT count(*) FROM public.t1"))
        time.sleep(5)   # past the 3 s after which a cycle gives up
        c.exec("COMMIT")
        sha = commit_a.result(timeout=30)
        a.exec("COMMIT")
        assert reader.result(timeout=30) == 0
        assert db.val("SELECT pggit_v0.get_head_sha()") == sha
    finally:
        for s in (a, c, d):
            s.close()


def test_a_role_without_write_rights_cannot_hold_the_writers_lock(db: SqlDb) -> None:
    """S1: writers serialized on an advisory lock whose key is in the layer's source;
    advisory locks are open to every role, so one with no access held every commit and
    create_branch waiting for as long as its session lived.  The lock is now an EXCLUSIVE
    lock on the view history_lock, which only the owner may take."""
    from roles import as_role, make_role

    nobody, reader = make_role(db), make_role(db, "reader")
    other = second(db)
    try:
        other.exec(f"SET ROLE {nobody}")
        other.exec("BEGIN")
        other.val("SELECT pg_advisory_lock(7305860092310765417)")   # the old key: harmless now
        for role in (nobody, reader):
            other.exec(f"SET ROLE {role}")
            with raises_sql("42501", "permission denied for view history_lock"):
                other.exec("LOCK TABLE pggit_v0.history_lock IN EXCLUSIVE MODE")
            other.exec("ROLLBACK")
            other.exec("BEGIN")
            with raises_sql("42501", "permission denied for function _lock_history"):
                other.exec("SELECT pggit_v0._lock_history()")
            other.exec("ROLLBACK")
            other.exec("BEGIN")
        other.exec(f"SET ROLE {reader}")
        with raises_sql("42501", "permission denied for view history_lock"):   # no SELECT either (S15)
            other.exec("LOCK TABLE pggit_v0.history_lock IN ACCESS SHARE MODE")
        other.exec("ROLLBACK")
        db.exec("SET lock_timeout = '5s'")
        db.exec("CREATE TABLE public.s1 (id int)")
        assert db.val("SELECT pggit_v0.create_basic_commit('not blocked')")
        db.exec("SELECT pggit_v0.create_branch('s1-branch', checkout => false)")
        assert db.val("SELECT count(*) FROM pggit_v0.refs WHERE name = 's1-branch'") == 1
        with as_role(db, reader):
            assert db.val("SELECT count(*) FROM pggit_v0.get_commit_history(5)") >= 1
    finally:
        other.close()
        db.exec("RESET lock_timeout")
