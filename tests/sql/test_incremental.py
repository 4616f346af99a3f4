"""Incremental commits: only the objects named by the logged DDL are snapshotted again;
anything that could make the log imprecise takes a full snapshot.  (The whole suite runs
with pggit.verify_incremental = on, so every incremental commit is also checked against
a full snapshot.)"""
from __future__ import annotations

from typing import AbstractSet

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
        "CREATE SCHEMA sa; CREATE VIEW sa.va AS SELECT 1 AS x; ALTER SCHEMA sa RENAME TO sb",   # moves everything in it
        # ALTER TYPE ... CASCADE changes the typed tables, which no entry names
        "CREATE TYPE public.comp AS (x int); CREATE TABLE public.typed OF public.comp;"
        "ALTER TYPE public.comp ADD ATTRIBUTE y int CASCADE",
        "CREATE TABLE public.c (id int); ALTER TABLE public.c ADD COLUMN x int; SET pggit.full_snapshot = on",
    ]
    for ddl in cases:
        db.exec(ddl)
        assert commit_mode(db, ddl) .endswith("full snapshot"), ddl
        db.exec("RESET pggit.full_snapshot")
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
    # after a checkout that migrates a few objects: the checkout proves the live schema
    # from its log (1c3b23a; a larger one reads it whole), so status reads no catalog and
    # the commits stay incremental (each checked against a full snapshot here:
    # pggit.verify_incremental)
    db.exec("SELECT pggit_v0.checkout_branch('main', apply => true, force => true)")
    assert status_mode(db) == ([], "no DDL logged since HEAD: no catalog read")
    db.exec("CREATE TABLE public.after (id int)")
    assert commit_mode(db, "after").endswith("incremental snapshot of 1 object(s)")
    db.exec("CREATE TABLE public.after2 (id int)")
    assert commit_mode(db, "after2").endswith("incremental snapshot of 1 object(s)")


def test_nothing_logged_reuses_the_parents_tree(db: SqlDb) -> None:
    db.exec("CREATE TABLE public.t (id int PRIMARY KEY, v text)")
    first = db.val("SELECT pggit_v0.create_basic_commit('t')")
    assert commit_mode(db, "nothing").endswith("no DDL logged since the parent: its tree reused")
    assert db.val("SELECT tree_sha FROM pggit_v0.commit_graph WHERE commit_sha = pggit_v0.get_head_sha()") == \
        db.val("SELECT pggit_v0._commit_tree(%s)", [first])
    assert db.rows("SELECT * FROM pggit_v0.status()") == []


def test_changes_capture_cannot_log_take_a_full_snapshot(db: SqlDb) -> None:
    """Statements that fire no event trigger but change what a snapshot records."""
    role_a, role_b = f"pggit_fp_a_{db.name}"[:60], f"pggit_fp_b_{db.name}"[:60]
    db.exec(f'CREATE ROLE "{role_a}"; CREATE ROLE "{role_b}";'
            "CREATE TABLE public.t (id int PRIMARY KEY, v text); CREATE INDEX t_v ON public.t (v);"
            f'ALTER TABLE public.t OWNER TO "{role_a}"; GRANT SELECT ON public.t TO "{role_b}"')
    try:
        commit_mode(db, "t")
        cases = [
            (f'ALTER ROLE "{role_b}" RENAME TO "{role_b}x"', True),     # the grantee's name
            (f'REASSIGN OWNED BY "{role_a}" TO "{role_b}x"', True),     # the grants (owner and grantee merge)
            ("CLUSTER public.t USING t_v", True),                       # CLUSTER ON
        ]
        for stmt, changes in cases:
            db.exec(stmt)
            assert db.val("SELECT count(*) FROM pggit_v0.ddl_log l WHERE NOT EXISTS "
                          "(SELECT 1 FROM pggit_v0.ddl_log_commits c WHERE c.log_id = l.id)") == 0, stmt
            assert commit_mode(db, stmt).endswith("full snapshot"), stmt
            paths = {r["path"] for r in db.rows("SELECT * FROM pggit_v0.diff_commits('HEAD~1', 'HEAD')")}
            assert any(p.startswith("public/table/t") for p in paths) == changes, (stmt, paths)
            assert db.rows("SELECT * FROM pggit_v0.status()") == [], stmt
        # and with nothing else changed, the next commit reuses its parent's tree again
        assert commit_mode(db, "again").endswith("its tree reused")
    finally:
        db.exec("DROP TABLE IF EXISTS public.t")
        db.exec(f'DROP ROLE IF EXISTS "{role_a}"; DROP ROLE IF EXISTS "{role_b}x"; DROP ROLE IF EXISTS "{role_b}"')


def test_drops_are_committed_incrementally(db: SqlDb) -> None:
    db.exec("CREATE TABLE public.a (id serial PRIMARY KEY, v text, w int); CREATE INDEX a_v ON public.a (v);"
            "CREATE STATISTICS public.a_st ON v, w FROM public.a;"
            "CREATE TABLE public.p (id int, at date) PARTITION BY RANGE (at);"
            "CREATE TABLE public.p1 PARTITION OF public.p FOR VALUES FROM ('2020-01-01') TO ('2021-01-01');"
            "CREATE INDEX p_at ON public.p (at);"
            "CREATE VIEW public.v AS SELECT id FROM public.a; CREATE FUNCTION public.f() RETURNS int "
            "LANGUAGE sql AS 'SELECT 1'; CREATE TYPE public.mood AS ENUM ('ok');"
            "CREATE TABLE public.other (id int)")
    commit_mode(db, "base")

    def step(ddl: str, expect: set) -> None:
        db.exec(ddl)
        assert "incremental snapshot" in commit_mode(db, ddl), ddl
        paths = {(r["path"], r["change_type"]) for r in db.rows(
            "SELECT * FROM pggit_v0.diff_commits('HEAD~1', 'HEAD')")}
        assert paths == expect, ddl
        assert db.rows("SELECT * FROM pggit_v0.status()") == [], ddl

    step("DROP INDEX public.a_v; ALTER TABLE public.a ALTER COLUMN w TYPE bigint",
         {("public/table/a/index/a_v", "REMOVED"), ("public/table/a/column/w", "MODIFIED")})
    step("ALTER TABLE public.a DROP COLUMN w",   # takes the statistics object along
         {("public/table/a/column/w", "REMOVED"), ("public/statistics/a_st", "REMOVED")})
    step("DROP VIEW public.v; DROP FUNCTION public.f(); DROP TYPE public.mood",
         {("public/view/v", "REMOVED"), ("public/function/f()", "REMOVED"), ("public/type/mood", "REMOVED")})
    step("DROP INDEX public.p_at", {("public/table/p/index/p_at", "REMOVED")})
    removed = {r["path"] for r in db.rows("SELECT * FROM pggit_v0._diff_rows("
                                           "pggit_v0._commit_tree(pggit_v0.get_head_sha()), NULL, true)")}
    assert removed == set()
    db.exec("DROP TABLE public.a; DROP TABLE public.p")   # the serial's sequence and the partition go too
    assert "incremental snapshot" in commit_mode(db, "drop tables")
    gone = {r["path"] for r in db.rows("SELECT * FROM pggit_v0.diff_commits('HEAD~1', 'HEAD') "
                                        "WHERE change_type = 'REMOVED'")}
    assert {"public/table/a", "public/sequence/a_id_seq", "public/table/p", "public/table/p1"} <= gone
    assert db.rows("SELECT * FROM pggit_v0.status()") == []


def test_ddl_of_a_transaction_open_across_a_commit_is_linked_by_the_next(db: SqlDb) -> None:
    """The log horizon a commit leaves lies below every transaction still running, so DDL
    that such a transaction commits later is pending for the next commit."""
    import psycopg

    with psycopg.connect(db.dsn, autocommit=False) as other:
        other.execute("CREATE TABLE public.late (id int)")        # logged, not committed yet
        commit_mode(db, "while the other transaction runs")
        horizon = db.val("SELECT value FROM pggit_v0.meta WHERE key = 'log_horizon'")
        other_txid = other.execute("SELECT txid_current()").fetchone()[0]
        assert int(horizon.rsplit(":", 1)[1]) <= other_txid
        other.commit()
    assert db.val("SELECT cardinality(pggit_v0._pending_log_ids())") == 1
    assert "incremental snapshot of 1 object(s)" in commit_mode(db, "late")
    assert "public/table/late" in {r["path"] for r in db.rows(
        "SELECT * FROM pggit_v0.diff_commits('HEAD~1', 'HEAD')")}
    assert db.val("SELECT cardinality(pggit_v0._pending_log_ids())") == 0


def test_a_log_horizon_from_another_cluster_or_database_is_ignored(db: SqlDb) -> None:
    commit_mode(db, "sets a horizon")
    db.exec("CREATE TABLE public.kept (id int)")
    # as if restored from a dump of another cluster whose transaction ids ran far ahead
    db.exec("UPDATE pggit_v0.meta SET value = '1234:5678:999999999999' WHERE key = 'log_horizon'")
    assert db.val("SELECT cardinality(pggit_v0._pending_log_ids())") == 1
    assert "incremental snapshot of 1 object(s)" in commit_mode(db, "kept")
    assert db.val("SELECT value FROM pggit_v0.meta WHERE key = 'log_horizon'").startswith(
        db.val("SELECT pggit_v0._xid_space()") + ":")


def test_renames_are_committed_incrementally_with_what_names_them(db: SqlDb) -> None:
    """A renamed table, sequence or column is read again under both names, with every
    object whose recorded text names it (pg_depend): views, other tables' foreign keys
    and defaults, owned sequences, SQL-body routines, statistics objects."""
    db.exec("CREATE TABLE public.a (id serial PRIMARY KEY, v text, w int);"
            "CREATE TABLE public.b (id int PRIMARY KEY, a_id int REFERENCES public.a (id));"
            "CREATE VIEW public.av AS SELECT id, v FROM public.a;"
            "CREATE STATISTICS public.a_st ON v, w FROM public.a;"
            "CREATE FUNCTION public.a_count() RETURNS bigint LANGUAGE sql BEGIN ATOMIC SELECT count(*) FROM public.a; END;"
            "CREATE SEQUENCE public.s; CREATE TABLE public.c (n bigint DEFAULT nextval('public.s'));"
            "CREATE INDEX a_v_idx ON public.a (v); CREATE TABLE public.unrelated (id int)")
    commit_mode(db, "base")
    cases = [
        "ALTER TABLE public.a RENAME COLUMN v TO v2",
        "ALTER TABLE public.a RENAME TO a2",
        "ALTER SEQUENCE public.s RENAME TO s2",
        "ALTER INDEX public.a_v_idx RENAME TO a_v2_idx",
        "ALTER TABLE public.a2 RENAME CONSTRAINT a_pkey TO a2_pkey",
    ]
    for ddl in cases:
        db.exec(ddl)
        mode = commit_mode(db, ddl)   # verify_incremental checks it against a full snapshot
        assert "incremental snapshot" in mode, (ddl, mode)
        assert db.rows("SELECT * FROM pggit_v0.status()") == [], ddl
    paths = {r["path"] for r in db.rows("SELECT * FROM pggit_v0.diff_commits('HEAD~5', 'HEAD')")}
    assert {"public/table/a", "public/table/a2", "public/view/av", "public/table/b/constraint/b_a_id_fkey",
            "public/function/a_count()", "public/statistics/a_st", "public/sequence/s2",
            "public/table/c/column/n"} <= paths
    assert not any(p.startswith("public/table/unrelated") for p in paths)


def test_an_identity_sequence_renamed_or_altered_reads_its_table_again(db: SqlDb) -> None:
    """F1 (netbox vpn/0005): ALTER TABLE <table>_id_seq RENAME TO ... of an identity
    column's sequence was committed without its table, whose column records the
    sequence's name and options: the commit kept the old SEQUENCE NAME (a full snapshot
    differed, the default gate's migration check failed on the unmodified project)."""
    db.exec("CREATE TABLE public.a (id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, v int)")
    commit_mode(db, "base")
    for ddl in ("ALTER SEQUENCE public.a_id_seq RENAME TO b_id_seq",
                "ALTER TABLE public.b_id_seq RENAME TO c_id_seq",
                "ALTER SEQUENCE public.c_id_seq INCREMENT BY 5"):
        db.exec(ddl)
        mode = commit_mode(db, ddl)   # verify_incremental checks it against a full snapshot
        assert "incremental snapshot" in mode, (ddl, mode)
    db.exec("SET pggit.full_snapshot = on")
    assert db.rows("SELECT path FROM pggit_v0.status()") == []
    assert db.val("SELECT b.content FROM pggit_v0._tree_blobs(pggit_v0._commit_tree(pggit_v0.get_head_sha())) o"
                  " JOIN pggit_v0.objects b ON b.sha = o.blob_sha"
                  " WHERE o.obj_key = 'table a' AND o.sub_key = 'column id'") \
        == "id bigint GENERATED BY DEFAULT AS IDENTITY (SEQUENCE NAME public.c_id_seq INCREMENT BY 5) NOT NULL"


def test_dropping_a_partitioned_index_reads_its_partitions_again(db: SqlDb) -> None:
    """A partition's index attached to its parent's under its own name is recorded on the
    partition, and goes when the parent's index is dropped: the partition is read again."""
    db.exec("CREATE TABLE public.p (id int, at date) PARTITION BY RANGE (at);"
            "CREATE TABLE public.p1 PARTITION OF public.p FOR VALUES FROM ('2020-01-01') TO ('2021-01-01');"
            "CREATE INDEX p1_own_at ON public.p1 (at); CREATE INDEX p_at ON ONLY public.p (at);"
            "ALTER INDEX public.p_at ATTACH PARTITION public.p1_own_at")
    commit_mode(db, "attached under its own name")
    assert "public/table/p1/index/p1_own_at" in {r["path"] for r in db.rows(
        "SELECT * FROM pggit_v0.diff_commits('HEAD~1', 'HEAD')")}
    db.exec("DROP INDEX public.p_at")
    assert "incremental snapshot" in commit_mode(db, "drop the parent's index")   # verified against a full one
    removed = {r["path"] for r in db.rows("SELECT * FROM pggit_v0.diff_commits('HEAD~1', 'HEAD') "
                                          "WHERE change_type = 'REMOVED'")}
    assert {"public/table/p/index/p_at", "public/table/p1/index/p1_own_at"} <= removed
    assert db.rows("SELECT * FROM pggit_v0.status()") == []


def status_mode(d: SqlDb) -> tuple:
    """status()'s rows, and how it read the live schema (its timing row's detail)."""
    rows = d.rows("SELECT * FROM pggit_v0.status()")
    mode = d.val("SELECT detail FROM pggit_v0.op_timings WHERE operation = 'status' ORDER BY id DESC LIMIT 1")
    return rows, mode


def full_status(d: SqlDb) -> list:
    """status() comparing the whole live schema (pggit.full_snapshot = on turns the log's proof off)."""
    d.exec("SET pggit.full_snapshot = on")
    try:
        rows, mode = status_mode(d)
        assert mode == "the whole schema compared"
        return rows
    finally:
        d.exec("RESET pggit.full_snapshot")


def incremental_step(db: SqlDb, ddl: str, expect: set, kept: AbstractSet[str] = frozenset()) -> None:
    """Run ddl; status() must read incrementally and equal the full comparison, the commit
    must be incremental (verify_incremental checks it against a full snapshot), its diff
    must hold expect and nothing of kept or of the table "unrelated", and afterwards the
    log proves nothing changed."""
    db.exec(ddl)
    rows, mode = status_mode(db)
    assert mode.startswith("incremental: "), (ddl, mode)
    assert rows == full_status(db), ddl
    got = commit_mode(db, ddl)
    assert "incremental snapshot" in got, (ddl, got)
    changed = {(r["schema_name"], r["object_type"], r["object_name"], r["sub_name"], r["change_type"])
               for r in db.rows("SELECT * FROM pggit_v0.diff_commits('HEAD~1', 'HEAD')")}
    assert expect <= changed, (ddl, expect - changed)
    assert not {c for c in changed if c[2] in kept}, ddl
    assert not any(c[2] == "unrelated" for c in changed), ddl
    assert status_mode(db) == ([], "no DDL logged since HEAD: no catalog read"), ddl


def test_status_reads_only_what_the_log_names(db: SqlDb) -> None:
    """Nothing logged since HEAD: no catalog read.  A complete log: only the objects it
    names are compared, with the same rows as the whole comparison (the suite's
    pggit.verify_incremental = on also checks every status() against it)."""
    db.exec('CREATE SCHEMA "we""ird s"; CREATE TABLE "we""ird s"."t a" (id int PRIMARY KEY, "v\nx" text);'
            "CREATE TABLE public.b (id int); CREATE FUNCTION public.f(x int) RETURNS int LANGUAGE sql AS 'SELECT x';"
            "CREATE TABLE public.untouched (id int)")
    commit_mode(db, "base")
    rows, mode = status_mode(db)
    assert (rows, mode) == ([], "no DDL logged since HEAD: no catalog read")
    db.exec('ALTER TABLE "we""ird s"."t a" ADD COLUMN "w""\n" int; CREATE INDEX ON public.b (id);'
            "CREATE TABLE public.c (id int); DROP FUNCTION public.f(int);"
            "CREATE FUNCTION public.f(x text) RETURNS text LANGUAGE sql AS 'SELECT x';"
            'COMMENT ON TABLE "we""ird s"."t a" IS \'c\'')
    rows, mode = status_mode(db)
    assert mode.startswith("incremental: ")
    assert rows == full_status(db)
    assert {(r["schema_name"], r["object_type"], r["object_name"], r["sub_name"], r["change_type"]) for r in rows} >= {
        ("we\"ird s", "column", "t a", "w\"\n", "ADDED"), ("we\"ird s", "comment", "t a", None, "ADDED"),
        ("public", "index", "b", "b_id_idx", "ADDED"), ("public", "table", "c", None, "ADDED"),
        ("public", "function", "f(x integer)", None, "REMOVED"), ("public", "function", "f(x text)", None, "ADDED")}
    assert not any(r["object_name"] == "untouched" for r in rows)
    assert "incremental snapshot" in commit_mode(db, "changes")
    assert status_mode(db) == ([], "no DDL logged since HEAD: no catalog read")
    # what the log cannot prove: the whole schema is compared
    db.exec("ALTER EVENT TRIGGER pggit_v0_capture_ddl DISABLE; ALTER TABLE public.b ADD COLUMN missed int;"
            "ALTER EVENT TRIGGER pggit_v0_capture_ddl ENABLE ALWAYS")
    rows, mode = status_mode(db)
    assert mode == "the whole schema compared"
    assert [r["path"] for r in rows] == ["public/table/b/column/missed"]


def test_drop_cascade_is_committed_incrementally(db: SqlDb) -> None:
    """What a DROP ... CASCADE takes along is found through the parent's recorded
    dependencies: views on views (in another schema too), foreign keys, a function
    whose parameter default calls the dropped function, a column default; objects that
    depend only on what stays are not touched.  Hostile names throughout."""
    s = '"s q""x"'
    db.exec(f"CREATE SCHEMA {s};"
            f'CREATE TABLE {s}."t a" (id int PRIMARY KEY, "v\nx" text, keep int);'
            f'CREATE VIEW {s}."v 1" AS SELECT id, "v\nx" FROM {s}."t a";'
            f'CREATE VIEW {s}."v 2" AS SELECT id FROM {s}."v 1";'
            f'CREATE VIEW public.v3 AS SELECT id FROM {s}."v 2";'
            f'CREATE VIEW public.keeps AS SELECT keep FROM {s}."t a";'
            f'CREATE TABLE public.child (id int, t_id int REFERENCES {s}."t a" (id));'
            f'CREATE FUNCTION {s}."f(x" () RETURNS int LANGUAGE sql AS \'SELECT 1\';'
            f'CREATE FUNCTION public.g(x int DEFAULT {s}."f(x"()) RETURNS int LANGUAGE sql AS \'SELECT x\';'
            f'CREATE FUNCTION public.h(x int DEFAULT public.g()) RETURNS int LANGUAGE sql AS \'SELECT x\';'
            f'CREATE TABLE public.uses_f (n int DEFAULT {s}."f(x"(), m int);'
            "CREATE TYPE public.mood AS ENUM ('ok'); CREATE DOMAIN public.pos AS int CHECK (VALUE > 0);"
            "CREATE TABLE public.feel (id int, m public.mood, p public.pos, q int);"
            "CREATE VIEW public.feel_m AS SELECT id, m FROM public.feel;"
            "CREATE VIEW public.feel_q AS SELECT id, q FROM public.feel;"
            "CREATE TABLE public.pk (id int CONSTRAINT pk_pkey PRIMARY KEY);"
            "CREATE TABLE public.fk (pk_id int REFERENCES public.pk (id));"
            "CREATE SCHEMA gone; CREATE TABLE gone.x (id int); CREATE VIEW public.of_gone AS SELECT id FROM gone.x;"
            "CREATE TABLE public.unrelated (id int)")
    commit_mode(db, "base")

    def step(ddl: str, expect: set, kept: set = frozenset()) -> None:
        incremental_step(db, ddl, expect, kept)

    step(f'ALTER TABLE {s}."t a" DROP COLUMN "v\nx" CASCADE',
         {("s q\"x", "column", "t a", "v\nx", "REMOVED"), ("s q\"x", "view", "v 1", None, "REMOVED"),
          ("s q\"x", "view", "v 2", None, "REMOVED"), ("public", "view", "v3", None, "REMOVED")},
         kept={"keeps", "child"})
    step(f'DROP TABLE {s}."t a" CASCADE',
         {("s q\"x", "table", "t a", None, "REMOVED"), ("public", "view", "keeps", None, "REMOVED"),
          ("public", "constraint", "child", "child_t_id_fkey", "REMOVED")})
    step(f'DROP FUNCTION {s}."f(x"() CASCADE',
         {("s q\"x", "function", "\"f(x\"()", None, "REMOVED"), ("public", "function", "g(x integer)", None, "REMOVED"),
          ("public", "function", "h(x integer)", None, "REMOVED"), ("public", "column", "uses_f", "n", "MODIFIED")})
    step("DROP TYPE public.mood CASCADE; DROP DOMAIN public.pos CASCADE",
         {("public", "type", "mood", None, "REMOVED"), ("public", "domain", "pos", None, "REMOVED"),
          ("public", "column", "feel", "m", "REMOVED"), ("public", "column", "feel", "p", "REMOVED"),
          ("public", "view", "feel_m", None, "REMOVED")},
         kept={"feel_q"})
    step("ALTER TABLE public.pk DROP CONSTRAINT pk_pkey CASCADE",
         {("public", "constraint", "pk", "pk_pkey", "REMOVED"), ("public", "constraint", "fk", "fk_pk_id_fkey", "REMOVED")})
    step("DROP SCHEMA gone CASCADE",
         {("gone", "schema", "gone", None, "REMOVED"), ("gone", "table", "x", None, "REMOVED"),
          ("public", "view", "of_gone", None, "REMOVED")})


def test_renames_and_moves_of_views_routines_and_types_are_incremental(db: SqlDb) -> None:
    """A renamed or moved (SET SCHEMA) view, routine, type or domain: its old name is the
    one of its kind gone from the catalog, and what names it is read again (pg_depend);
    a moved table takes its serial's sequence along, and what names that is read again.
    Hostile names throughout; every step checked against a full snapshot."""
    s = '"s q""x"'
    db.exec(f"CREATE SCHEMA {s};"
            "CREATE TYPE public.\"mo od\" AS ENUM ('ok'); CREATE DOMAIN public.pos AS int CHECK (VALUE > 0);"
            'CREATE TABLE public."t a" (id serial PRIMARY KEY, m public."mo od", p public.pos);'
            'CREATE VIEW public."v 1" AS SELECT id, m FROM public."t a";'
            'CREATE VIEW public."v 2" AS SELECT id FROM public."v 1";'
            'CREATE FUNCTION public."f(x" (x public."mo od") RETURNS int LANGUAGE sql AS \'SELECT 1\';'
            "CREATE FUNCTION public.g() RETURNS int LANGUAGE sql AS 'SELECT 1';"
            "CREATE FUNCTION public.h(x int DEFAULT public.g()) RETURNS int LANGUAGE sql AS 'SELECT x';"
            "CREATE TABLE public.uses (n int DEFAULT public.g(), k bigint DEFAULT nextval('public.\"t a_id_seq\"'));"
            # routines whose signatures name a view's and a table's row types
            'CREATE FUNCTION public.rows_of() RETURNS SETOF public."v 1" LANGUAGE sql AS \'SELECT * FROM public."v 1"\';'
            'CREATE FUNCTION public.tf(r public."t a") RETURNS int LANGUAGE sql AS \'SELECT 1\';'
            "CREATE TABLE public.unrelated (id int)")
    commit_mode(db, "base")

    def step(ddl: str, expect: set) -> None:
        incremental_step(db, ddl, expect)

    step('ALTER VIEW public."v 1" RENAME TO "v 1 x"',
         {("public", "view", "v 1", None, "REMOVED"), ("public", "view", "v 1 x", None, "ADDED"),
          ("public", "view", "v 2", None, "MODIFIED"), ("public", "function", "rows_of()", None, "MODIFIED")})
    step("ALTER FUNCTION public.g() RENAME TO \"g(2\"",
         {("public", "function", "g()", None, "REMOVED"), ("public", "function", '"g(2"()', None, "ADDED"),
          ("public", "function", "h(x integer)", None, "MODIFIED"), ("public", "column", "uses", "n", "MODIFIED")})
    step('ALTER TYPE public."mo od" RENAME TO "fe el"; ALTER DOMAIN public.pos RENAME TO positive',
         {("public", "type", "mo od", None, "REMOVED"), ("public", "type", "fe el", None, "ADDED"),
          ("public", "domain", "positive", None, "ADDED"), ("public", "column", "t a", "m", "MODIFIED"),
          ("public", "column", "t a", "p", "MODIFIED"), ("public", "function", '"f(x"(x public."fe el")', None, "ADDED")})
    step(f'ALTER TABLE public."t a" SET SCHEMA {s}; ALTER VIEW public."v 2" SET SCHEMA {s};'
         f'ALTER FUNCTION public."f(x"("fe el") SET SCHEMA {s}; ALTER TYPE public."fe el" SET SCHEMA {s}',
         {("public", "table", "t a", None, "REMOVED"), ("s q\"x", "table", "t a", None, "ADDED"),
          ("public", "sequence", "t a_id_seq", None, "REMOVED"), ("s q\"x", "sequence", "t a_id_seq", None, "ADDED"),
          ("public", "column", "uses", "k", "MODIFIED"), ("public", "view", "v 1 x", None, "MODIFIED"),
          ("s q\"x", "view", "v 2", None, "ADDED"), ("s q\"x", "type", "fe el", None, "ADDED"),
          ("public", "function", 'tf(r public."t a")', None, "REMOVED"),
          ("public", "function", 'tf(r "s q""x"."t a")', None, "ADDED")})
