"""Incremental commits: only the objects named by the logged DDL are snapshotted again;
anything that could make the log imprecise takes a full snapshot.  (The whole suite runs
with pggit.verify_incremental = on, so every incremental commit is also checked against
a full snapshot.)"""
from __future__ import annotations

from conftest import SqlDb


def commit_mode(d: SqlDb, message: str) -> str:
    d.exec("SELECT pggit_v0.create_basic_commit(%s)", [message])
    return d.val("SELECT detail FROM pggit_v0.op_timings WHERE operation = 'commit' ORDER BY id DESC LIMIT 1")


def test_small_changes_are_committed_incrementally(db: SqlDb) -> None:
    db.exec("".join(f"CREATE TABLE public.t{i} (id int PRIMARY KEY, v text);" for i in range(30)))
    assert commit_mode(db, "thirty tables").endswith("incremental snapshot of 30 object(s)")
    db.exec("".join(f"CREATE TABLE public.u{i} (id int);" for i in range(60)))
    assert commit_mode(db, "sixty more").endswith("full snapshot")   # over 50 names: cheaper in full
    db.exec("ALTER TABLE public.t3 ADD COLUMN w int; CREATE INDEX ON public.t4 (v); COMMENT ON TABLE public.t5 IS 'c';"
            "CREATE FUNCTION public.f(x int) RETURNS int LANGUAGE sql AS 'SELECT x';"
            "ALTER TABLE public.t6 ADD CONSTRAINT v_len CHECK (length(v) < 10)")
    assert commit_mode(db, "five changes").endswith("incremental snapshot of 5 object(s)")
    assert db.rows("SELECT * FROM pggit_v0.status()") == []
    paths = {r["path"] for r in db.rows("SELECT * FROM pggit_v0.diff_commits('HEAD~1', 'HEAD')")}
    assert paths == {"public/table/t3/column/w", "public/table/t4/index/t4_v_idx", "public/table/t5/comment",
                     "public/function/f(x integer)", "public/table/t6/constraint/v_len"}


def test_what_takes_a_full_snapshot(db: SqlDb) -> None:
    db.exec("CREATE TABLE public.a (id int); CREATE TABLE public.b (id int)")
    commit_mode(db, "a and b")
    cases = [
        "ALTER TABLE public.a RENAME TO a2",                     # renames change other objects' text
        "DROP TABLE public.b",                                   # drops may take dependants along
        "CREATE TABLE public.c (id int); ALTER TABLE public.c ADD COLUMN x int; SET pggit.full_snapshot = on",
    ]
    for ddl in cases:
        db.exec(ddl)
        assert commit_mode(db, ddl) .endswith("full snapshot"), ddl
        db.exec("RESET pggit.full_snapshot")
    # nothing logged: the whole schema is read again (insurance against missed DDL)
    assert commit_mode(db, "nothing").endswith("full snapshot")
    # capture interrupted since the parent: its event triggers changed
    db.exec("CREATE TABLE public.d (id int)")
    commit_mode(db, "d")
    db.exec("ALTER EVENT TRIGGER pggit_v0_capture_ddl DISABLE; ALTER TABLE public.d ADD COLUMN missed int;"
            "ALTER EVENT TRIGGER pggit_v0_capture_ddl ENABLE ALWAYS; CREATE TABLE public.e (id int)")
    assert commit_mode(db, "after an interruption").endswith("full snapshot")
    assert "public/table/d/column/missed" in {r["path"] for r in db.rows(
        "SELECT * FROM pggit_v0.diff_commits('HEAD~1', 'HEAD')")}
    # a capture fault since the parent
    db.exec("ALTER TABLE pggit_v0.ddl_log ADD CONSTRAINT fail_once CHECK (false) NOT VALID")
    db.exec("CREATE TABLE public.f (id int)")
    db.exec("ALTER TABLE pggit_v0.ddl_log DROP CONSTRAINT fail_once")
    db.exec("CREATE TABLE public.g (id int)")
    assert commit_mode(db, "after a fault").endswith("full snapshot")
    assert {"public/table/f", "public/table/g"} <= {r["path"] for r in db.rows(
        "SELECT * FROM pggit_v0.diff_commits('HEAD~1', 'HEAD')")}


def test_inheritance_children_follow_their_parent(db: SqlDb) -> None:
    db.exec("CREATE TABLE public.base (id int); CREATE TABLE public.child (x int) INHERITS (public.base);"
            "CREATE TABLE public.grandchild (y int) INHERITS (public.child)")
    commit_mode(db, "base and child")
    db.exec("CREATE TABLE public.other (id int)")
    commit_mode(db, "other")            # parent's epoch now set by a commit of this layer
    db.exec("ALTER TABLE public.base ADD COLUMN note text")
    assert commit_mode(db, "note").endswith("incremental snapshot of 3 object(s)")
    assert db.rows("SELECT * FROM pggit_v0.status()") == []


def test_a_head_moved_without_migrating_takes_a_full_snapshot(db: SqlDb) -> None:
    base = db.val("SELECT pggit_v0.get_head_sha()")
    db.exec("CREATE TABLE public.kept (id int)")
    commit_mode(db, "kept")
    # HEAD moves back to the baseline (metadata only): the live schema still has `kept`
    db.exec("SELECT pggit_v0.create_branch('old', from_ref => %s)", [base])
    db.exec("CREATE TABLE public.more (id int)")
    assert commit_mode(db, "on old").endswith("full snapshot")
    assert {"public/table/kept", "public/table/more"} <= {r["path"] for r in db.rows(
        "SELECT * FROM pggit_v0.diff_commits('HEAD~1', 'HEAD')")}
    # after a checkout that migrates, incremental again
    db.exec("SELECT pggit_v0.checkout_branch('main', apply => true, force => true)")
    db.exec("CREATE TABLE public.after (id int)")
    assert commit_mode(db, "after").endswith("incremental snapshot of 1 object(s)")
