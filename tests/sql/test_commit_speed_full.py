"""Full commits (_write_tree, the whole schema re-read) store exactly the trees the
general tree writer (_tree_rows / _write_tree_rows, through _stage) gives for the same
blobs, and the snapshot's rewrite of deparsed texts (_settled) is inlined and gives what
its complete form (_settle) gives."""
from __future__ import annotations

from pathlib import Path

from conftest import SqlDb, require_extensions

KINDS_SQL = (Path(__file__).parent / "kinds.sql").read_text()

# names that tree entries escape (backslash, newline), a second schema, views whose
# deparsed text _settled rewrites (a varchar compared with a list; bare typed constants
# in a later branch of a UNION)
MORE_SQL = r"""
CREATE SCHEMA "odd\schema";
CREATE TABLE "odd\schema"."t\1" (id int PRIMARY KEY, "line
break" text DEFAULT 'x', v varchar(10) CHECK (v IN ('a', 'b')));
CREATE INDEX "i\x" ON "odd\schema"."t\1" (v) WHERE v IS NOT NULL;
CREATE VIEW "odd\schema".u AS
    SELECT t.id, t.v FROM "odd\schema"."t\1" t WHERE t.v IN ('a', 'b')
    UNION ALL SELECT (SELECT NULL::integer), 'c'::varchar
    UNION ALL SELECT * FROM (SELECT 1 AS id, NULL::varchar AS v UNION SELECT 2, 'z'::varchar) q;
CREATE FUNCTION "odd\schema".f(a int) RETURNS int LANGUAGE sql AS 'SELECT a::int UNION SELECT 2';
"""


def staged_root(db: SqlDb) -> str:
    return db.val("SELECT tree_sha FROM pggit_v0._stage() WHERE depth = 0 LIMIT 1")


def commit_root(db: SqlDb, sha: str) -> str:
    return db.val("SELECT tree_sha FROM pggit_v0.commit_graph WHERE commit_sha = %s", [sha])


def assert_stored_as_staged(db: SqlDb, root: str) -> None:
    # every blob of the live schema, at its path, with its sha, is in the stored tree
    staged = sorted(tuple(r.values()) for r in db.rows(
        "SELECT schema_name, obj_key, entry_name, entry_sha FROM pggit_v0._stage() WHERE depth = 4"))
    stored = sorted(tuple(r.values()) for r in db.rows(
        "SELECT schema_name, obj_key, sub_key, blob_sha FROM pggit_v0._tree_blobs(%s, true)", [root]))
    assert stored == staged
    # ... with its content, and every tree entry points at a stored object
    assert db.val("""
        SELECT count(*) FROM pggit_v0._stage() s
        LEFT JOIN pggit_v0.objects o ON o.sha = s.entry_sha
        WHERE o.sha IS NULL OR (s.entry_type = 'blob' AND o.content IS DISTINCT FROM s.blob_content)
                            OR (s.entry_type = 'tree' AND o.type <> 'tree')""") == 0
    # the reverse index covers every "depends" blob that names something
    assert db.val("""
        SELECT count(*) FROM pggit_v0._tree_blobs(%s, true) b JOIN pggit_v0.objects o ON o.sha = b.blob_sha
        WHERE b.sub_key = 'depends' AND o.content <> ''
          AND NOT EXISTS (SELECT 1 FROM pggit_v0.dep_refs r WHERE r.blob_sha = o.sha)""", [root]) == 0


def test_full_commits_store_the_trees_the_general_writer_gives(db: SqlDb) -> None:
    require_extensions(db, "hstore")
    db.exec(KINDS_SQL)
    db.exec(MORE_SQL)
    first = db.val("SELECT pggit_v0.create_basic_commit('first: the whole schema')")
    root = commit_root(db, first)
    assert root == staged_root(db)
    assert_stored_as_staged(db, root)
    # a change, then a full re-read: only what is new is written, the same trees result
    db.exec('ALTER TABLE "odd\\schema"."t\\1" ADD COLUMN w int DEFAULT 3')
    db.exec("CREATE TABLE public.added (id int REFERENCES \"odd\\schema\".\"t\\1\")")
    db.exec("SET pggit.full_snapshot = on")
    before = db.val("SELECT count(*) FROM pggit_v0.objects")
    second = db.val("SELECT pggit_v0.create_basic_commit('second: full')")
    root2 = commit_root(db, second)
    assert root2 != root and root2 == staged_root(db)
    assert_stored_as_staged(db, root2)
    # new: the two changed objects' trees and blobs, their buckets, schema trees, root
    assert 0 < db.val("SELECT count(*) FROM pggit_v0.objects") - before < 30
    # nothing changed: the same root, nothing written
    third = db.val("SELECT pggit_v0.create_basic_commit('third: full, nothing changed')")
    assert commit_root(db, third) == root2
    assert db.one("SELECT root_sha, rows_written FROM pggit_v0._write_tree()") == \
        {"root_sha": root2, "rows_written": 0}


def test_settled_is_inlined_and_gives_what_settle_gives(db: SqlDb) -> None:
    require_extensions(db, "hstore")
    db.exec(KINDS_SQL)
    db.exec(MORE_SQL)
    plan = "\n".join(r["QUERY PLAN"] for r in db.rows(
        "EXPLAIN (VERBOSE, COSTS OFF) SELECT pggit_v0._settled(d.description) FROM pg_description d"))
    assert "_settled" not in plan and "strpos" in plan, plan
    # the raw deparsed texts (_snapshot_q's parts resolve in the layer's search_path)
    db.exec("SET search_path = pg_catalog, pggit_v0, pg_temp")
    texts = [r["definition"] for r in db.rows(
        "SELECT s.definition FROM pggit_v0._snapshot_q(NULL, NULL, true) s")]
    db.exec("RESET search_path")
    texts += [None, "", "::", "x::character varying]", " UNION ::",
              "CREATE VIEW v AS\n SELECT 1\nUNION\n SELECT NULL::integer;",
              "CREATE OR REPLACE VIEW v AS SELECT (ARRAY['a'::character varying, 'b'::character varying])::text[];"]
    rewritten = db.rows(
        "SELECT t, pggit_v0._settled(t) AS inlined, pggit_v0._settle(t) AS whole FROM unnest(%s::text[]) t",
        [texts])
    assert [r for r in rewritten if r["inlined"] != r["whole"]] == []
    # the view's texts were rewritten (both forms occur)
    assert sum(r["inlined"] != r["t"] for r in rewritten if r["t"] is not None) >= 2


def incremental_dirty(db: SqlDb) -> dict:
    return db.one("SELECT d.parent_tree, d.dirty_s, d.dirty_n FROM pggit_v0._incremental_dirty("
                  "pggit_v0.get_head_sha(), pggit_v0._pending_log_ids(), pggit_v0._capture_epoch()) d")


def last_commit_mode(db: SqlDb) -> str:
    return db.val("SELECT detail FROM pggit_v0.op_timings WHERE operation = 'commit' ORDER BY id DESC LIMIT 1")


def test_over_100_relations_logged_is_a_full_snapshot_many_entries_on_few_is_not(db: SqlDb) -> None:
    db.exec("CREATE SCHEMA big; CREATE TABLE big.t0 (id int PRIMARY KEY)")
    db.val("SELECT pggit_v0.create_basic_commit('base')")
    # 150 entries on 3 tables: over 100 entries, 3 relations: read incrementally
    db.exec("CREATE TABLE big.a (id int); CREATE TABLE big.b (id int); CREATE TABLE big.c (id int)")
    for i in range(49):
        db.exec(f"ALTER TABLE big.a ADD COLUMN a{i} int; ALTER TABLE big.b ADD COLUMN b{i} int; "
                f"ALTER TABLE big.c ADD COLUMN c{i} int")
    assert db.val("SELECT cardinality(pggit_v0._pending_log_ids())") > 100
    d = incremental_dirty(db)
    assert d["parent_tree"] is not None and sorted(d["dirty_n"]) == ["a", "b", "c"], d
    sha = db.val("SELECT pggit_v0.create_basic_commit('three tables, many columns')")
    assert "incremental snapshot of 3 object(s)" in last_commit_mode(db)
    assert db.val("SELECT tree_sha FROM pggit_v0.commit_graph WHERE commit_sha = %s", [sha]) == staged_root(db)
    # 101 tables: a full snapshot, decided before the entries are parsed
    db.exec("; ".join(f"CREATE TABLE big.n{i} (id int)" for i in range(101)))
    assert incremental_dirty(db)["parent_tree"] is None
    sha = db.val("SELECT pggit_v0.create_basic_commit('101 tables')")
    assert "full snapshot" in last_commit_mode(db)
    assert db.val("SELECT tree_sha FROM pggit_v0.commit_graph WHERE commit_sha = %s", [sha]) == staged_root(db)
    # every linked entry's sha is what _ddl_entry_sha gives (the chain validates)
    assert db.val("SELECT count(*) FROM pggit_v0.ddl_log_commits lc JOIN pggit_v0.ddl_log l ON l.id = lc.log_id "
                  "WHERE lc.entry_sha <> pggit_v0._ddl_entry_sha(l)") == 0
    assert db.val("SELECT count(*) FROM pggit_v0.ddl_log_commits") > 250


def test_index_predicates_written_without_pg_get_expr_read_as_it_writes_them(db: SqlDb) -> None:
    """A whole snapshot writes the predicates of plain btree indexes of the forms "c",
    "(NOT c)" and "(c IS [NOT] NULL)" from their node trees (pg_get_expr would open the
    table); the text is pg_get_indexdef's, for those forms and for the look-alikes it
    leaves to pg_get_expr (a composite column's IS NULL, comparisons, NOT of another
    node, a column after a dropped one, names that need quotes)."""
    db.exec("""CREATE SCHEMA pr;
        CREATE TYPE pr.pair AS (x int, y int);
        CREATE TABLE pr."T t" (dropme int, a int, "Act ive" boolean, d timestamptz, b boolean,
                               "select" boolean, p pr.pair, arr int[], "UP" text, n numeric);
        ALTER TABLE pr."T t" DROP COLUMN dropme;
        CREATE INDEX i1 ON pr."T t" (a) WHERE "Act ive";
        CREATE INDEX i2 ON pr."T t" (a) WHERE d IS NULL;
        CREATE INDEX i3 ON pr."T t" (a) WHERE NOT b;
        CREATE INDEX i4 ON pr."T t" (a) WHERE d IS NOT NULL;
        CREATE INDEX i5 ON pr."T t" (a) WHERE b AND d IS NULL;
        CREATE INDEX i6 ON pr."T t" (a) WHERE "select";
        CREATE INDEX i7 ON pr."T t" (a) WHERE NOT "select";
        CREATE INDEX i8 ON pr."T t" (a) WHERE p IS NULL;
        CREATE INDEX i9 ON pr."T t" (a) WHERE p IS NOT NULL;
        CREATE INDEX i10 ON pr."T t" (a) WHERE arr IS NOT NULL;
        CREATE INDEX i11 ON pr."T t" (a) WHERE b = true;
        CREATE INDEX i12 ON pr."T t" (a) WHERE NOT (d IS NULL);
        CREATE INDEX i13 ON pr."T t" (a) WHERE "UP" IS NULL;
        CREATE INDEX i14 ON pr."T t" (a DESC) WHERE b IS NOT TRUE;
        CREATE INDEX i15 ON pr."T t" ((a + 1)) WHERE b;
        CREATE UNIQUE INDEX i16 ON pr."T t" (a) WHERE NOT b;
        CREATE INDEX i17 ON pr."T t" (n) WHERE n IS NULL;
        CREATE TABLE pr.part (a int, b boolean) PARTITION BY RANGE (a);
        CREATE TABLE pr.part1 PARTITION OF pr.part FOR VALUES FROM (0) TO (10);
        CREATE INDEX i18 ON pr.part (a) WHERE b""")
    db.exec("SET search_path = pg_catalog, pggit_v0, pg_temp")   # (the _snap_* functions' callers pin it)
    rows = db.rows("""SELECT x.sub_key, x.definition, pg_get_indexdef(c.oid) || ';' AS expected
                      FROM pggit_v0._snap_indexes_all('pr') x
                      JOIN pg_class c ON c.relnamespace = 'pr'::regnamespace AND 'index ' || c.relname = x.sub_key""")
    assert len(rows) == 18
    assert [r for r in rows if r["definition"] != r["expected"]] == []
    # the forms written here are the ones that read so
    got = {r["sub_key"]: r["definition"] for r in rows}
    assert got["index i1"].endswith(' WHERE "Act ive";')
    assert got["index i3"].endswith(" WHERE (NOT b);")
    assert got["index i4"].endswith(" WHERE (d IS NOT NULL);")
    assert got["index i13"].endswith(' WHERE ("UP" IS NULL);')
