"""The short paths a commit and status() take when no DDL was logged since HEAD's commit
(issue 15, cold calls): _incremental_base alone proves the live schema is HEAD's tree, and
nothing larger is set up.  The suite runs with pggit.verify_incremental = on, which makes
status() compare the whole schema as well and so skips its short path: these tests turn
it off, so that what a user's session does is what is checked."""
from __future__ import annotations

from conftest import SqlDb


def commit_mode(d: SqlDb, message: str) -> str:
    d.exec("SELECT pggit_v0.create_basic_commit(%s)", [message])
    return d.val("SELECT detail FROM pggit_v0.op_timings WHERE operation = 'commit' ORDER BY id DESC LIMIT 1")


def status_mode(d: SqlDb) -> tuple:
    rows = d.rows("SELECT * FROM pggit_v0.status()")
    mode = d.val("SELECT detail FROM pggit_v0.op_timings WHERE operation = 'status' ORDER BY id DESC LIMIT 1")
    return [r["path"] for r in rows], mode


def head_tree(d: SqlDb) -> str:
    return d.val("SELECT pggit_v0._commit_tree(pggit_v0.get_head_sha())")


NOTHING = "no DDL logged since HEAD: no catalog read"


def test_nothing_logged_commit_and_status_take_the_short_path(db: SqlDb) -> None:
    db.exec("SET pggit.verify_incremental = off")
    db.exec("CREATE TABLE public.t (id int PRIMARY KEY, v text); CREATE INDEX t_v ON public.t (v)")
    first = db.val("SELECT pggit_v0.create_basic_commit('t')")
    tree = head_tree(db)
    assert status_mode(db) == ([], NOTHING)
    assert db.val("SELECT pggit_v0._live_is_head()") is True
    db.notices.clear()
    assert commit_mode(db, "nothing").endswith("no DDL logged since the parent: its tree reused")
    assert any("nothing changed since commit" in n for n in db.notices)
    second = db.val("SELECT pggit_v0.get_head_sha()")
    assert second != first and head_tree(db) == tree
    # the commit is a normal one: parent, branch moved, ref_log, live base and horizon
    assert db.val("SELECT parent_sha FROM pggit_v0.commit_parents WHERE commit_sha = %s", [second]) == first
    assert db.val("SELECT changes FROM pggit_v0.commit_graph WHERE commit_sha = %s", [second]) == 0
    assert db.val("SELECT new_value FROM pggit_v0.ref_log ORDER BY id DESC LIMIT 1") == second
    meta = {r["key"]: r["value"] for r in db.rows("SELECT key, value FROM pggit_v0.meta")}
    assert meta["live_base"] == meta["live_base_exact"] == second
    assert meta["log_horizon"].startswith(db.val("SELECT pggit_v0._xid_space()") + ":")
    assert db.rows("SELECT * FROM pggit_v0.validate_data_integrity() WHERE status <> 'OK'") == []
    # the capture epoch written out in _capture_epoch is _uncaptured_fingerprint's
    assert db.val("SELECT split_part(pggit_v0._capture_epoch(), ';', 2) = pggit_v0._uncaptured_fingerprint()") is True
    # DDL since: status reads what it names, the commit snapshots it, then short again
    db.exec("ALTER TABLE public.t ADD COLUMN w int")
    paths, mode = status_mode(db)
    assert paths == ["public/table/t/column/w"] and mode.startswith("incremental: ")
    assert db.val("SELECT pggit_v0._live_is_head()") is False
    assert "incremental snapshot" in commit_mode(db, "w")
    assert status_mode(db) == ([], NOTHING)


def test_what_the_log_cannot_prove_is_read_whole(db: SqlDb) -> None:
    """Without DDL logged, the short path still refuses: capture interrupted, an uncaptured
    change (CLUSTER), a capture fault, a HEAD moved without migrating, full_snapshot."""
    db.exec("SET pggit.verify_incremental = off")
    db.exec("CREATE TABLE public.t (id int PRIMARY KEY, v text); CREATE INDEX t_v ON public.t (v);"
            "CREATE TABLE public.b (id int)")
    base = db.val("SELECT pggit_v0.create_basic_commit('t and b')")
    assert status_mode(db) == ([], NOTHING)

    # capture off while a column is added: the epoch changed
    db.exec("ALTER EVENT TRIGGER pggit_v0_capture_ddl DISABLE; ALTER TABLE public.b ADD COLUMN missed int;"
            "ALTER EVENT TRIGGER pggit_v0_capture_ddl ENABLE ALWAYS")
    assert db.val("SELECT pggit_v0._live_is_head()") is False
    assert status_mode(db) == (["public/table/b/column/missed"], "the whole schema compared")
    assert commit_mode(db, "missed").endswith("full snapshot")
    assert status_mode(db) == ([], NOTHING)

    # CLUSTER fires no event trigger: the fingerprint in the epoch tells
    db.exec("CLUSTER public.t USING t_v")
    assert db.val("SELECT count(*) FROM pggit_v0.ddl_log l WHERE NOT EXISTS "
                  "(SELECT 1 FROM pggit_v0.ddl_log_commits c WHERE c.log_id = l.id)") == 0
    paths, mode = status_mode(db)
    assert mode == "the whole schema compared" and any(p.startswith("public/table/t") for p in paths), paths
    assert commit_mode(db, "clustered").endswith("full snapshot")
    assert status_mode(db) == ([], NOTHING)

    # a capture fault since HEAD's commit
    db.exec("ALTER TABLE pggit_v0.ddl_log ADD CONSTRAINT fail_once CHECK (false) NOT VALID")
    db.exec("CREATE TABLE public.f (id int)")
    db.exec("ALTER TABLE pggit_v0.ddl_log DROP CONSTRAINT fail_once")
    assert db.val("SELECT count(*) FROM pggit_v0.capture_faults") > 0
    paths, mode = status_mode(db)
    assert mode == "the whole schema compared" and "public/table/f" in paths
    assert commit_mode(db, "after a fault").endswith("full snapshot")
    assert "public/table/f" in {r["path"] for r in db.rows("SELECT * FROM pggit_v0.diff_commits('HEAD~1', 'HEAD')")}
    assert status_mode(db) == ([], NOTHING)

    # pggit.full_snapshot = on: never the short path
    db.exec("SET pggit.full_snapshot = on")
    assert status_mode(db) == ([], "the whole schema compared")
    assert commit_mode(db, "full").endswith("full snapshot")
    db.exec("RESET pggit.full_snapshot")

    # HEAD moved back to the first commit without migrating: the live base is not HEAD's
    db.exec("SELECT pggit_v0.create_branch('old', from_ref => %s)", [base])
    assert db.val("SELECT pggit_v0._live_is_head()") is False
    paths, mode = status_mode(db)
    assert mode == "the whole schema compared" and "public/table/b/column/missed" in paths
    assert commit_mode(db, "on old").endswith("full snapshot")
    assert status_mode(db) == ([], NOTHING)
    assert commit_mode(db, "nothing on old").endswith("its tree reused")


def test_status_short_path_needs_the_log_readable(db: SqlDb) -> None:
    """A role that may not read the DDL log's statements (grant_access without statements:
    column grants only) cannot have the log checked: the whole schema is compared for it,
    with the same (empty) answer."""
    role = f"pggit_cold_{db.name}"[:60]
    db.exec(f'CREATE ROLE "{role}"')
    try:
        db.exec("SELECT pggit_v0.grant_access(%s, 'reader')", [role])
        db.exec("CREATE TABLE public.t (id int)")
        db.exec("SELECT pggit_v0.create_basic_commit('t')")   # (the grants are logged DDL too)
        db.exec("SET pggit.verify_incremental = off")
        db.exec(f'SET ROLE "{role}"')
        assert db.rows("SELECT * FROM pggit_v0.status()") == []
        db.exec("RESET ROLE")
        assert db.val("SELECT detail FROM pggit_v0.op_timings WHERE operation = 'status' "
                      "ORDER BY id DESC LIMIT 1") == "the whole schema compared"
        assert status_mode(db) == ([], NOTHING)   # the owner: the short path
    finally:
        db.exec("RESET ROLE")
        db.exec("SELECT pggit_v0.revoke_access(%s)", [role])
        db.exec(f'DROP ROLE "{role}"')


def depends_of(d: SqlDb, schema: str, obj_key: str) -> str:
    return d.val("SELECT o.content FROM pggit_v0._tree_blobs(pggit_v0._commit_tree(pggit_v0.get_head_sha()), true) b "
                 "JOIN pggit_v0.objects o ON o.sha = b.blob_sha "
                 "WHERE b.schema_name = %s AND b.obj_key = %s AND b.sub_key = 'depends'", [schema, obj_key])


def test_incremental_dependencies_on_other_catalogs(db: SqlDb) -> None:
    """An incremental snapshot names what a table depends on in catalogs other than
    pg_class, pg_type and pg_proc (_dep_ref_other) as a whole snapshot does: the suite's
    pggit.verify_incremental = on compares the two trees at each commit."""
    db.exec("CREATE COLLATION public.c2 FROM \"C\";"
            "CREATE TEXT SEARCH CONFIGURATION public.mycfg (COPY = pg_catalog.simple);"
            "CREATE TABLE public.rare (id int, v text COLLATE public.c2, d text);"
            "CREATE INDEX rare_ts ON public.rare USING gin (to_tsvector('public.mycfg'::regconfig, d))")
    assert "full snapshot" in commit_mode(db, "rare")
    full = depends_of(db, "public", "table rare")
    assert "collation c2" in full and "text_search_configuration mycfg" in full, full
    db.exec("ALTER TABLE public.rare ADD COLUMN w int")
    assert "incremental snapshot of 1 object(s)" in commit_mode(db, "w")
    assert depends_of(db, "public", "table rare") == full
    db.exec("COMMENT ON TABLE public.rare IS 'r'")
    assert "incremental snapshot" in commit_mode(db, "comment")
    assert depends_of(db, "public", "table rare") == full


def test_a_fault_before_the_commit_is_not_read_again_while_another_database_runs(db: SqlDb) -> None:
    """CI (PG 15 and 16, -n 2): a fault committed before a full commit forced a full read
    at the next status() whenever any transaction of the cluster (an autovacuum's
    analyze, another database's session) held the commit's horizon below the fault's
    transaction. The commit keeps its snapshot: a fault visible in it was accounted for."""
    import psycopg
    db.exec("SET pggit.verify_incremental = off")
    db.exec("CREATE TABLE public.t (id int)")
    db.val("SELECT pggit_v0.create_basic_commit('t')")
    other_dsn = psycopg.conninfo.make_conninfo(db.dsn, dbname="postgres")
    with psycopg.connect(other_dsn) as other:   # a transaction of another database, running throughout
        other.execute("SELECT txid_current()")
        db.exec("ALTER TABLE pggit_v0.ddl_log ADD CONSTRAINT fail_once CHECK (false) NOT VALID")
        db.exec("CREATE TABLE public.f (id int)")
        db.exec("ALTER TABLE pggit_v0.ddl_log DROP CONSTRAINT fail_once")
        assert commit_mode(db, "after a fault").endswith("full snapshot")
        assert status_mode(db) == ([], NOTHING)
