"""Merges (fast-forward, three-way, conflicts, strategies, criss-cross, atomicity),
checkout with apply, verify_migration and the hazard vocabulary."""
from __future__ import annotations

from typing import Dict, List

import pytest

from conftest import SqlDb, require_extensions
from errors import raises_sql


def commit(d: SqlDb, message: str) -> str:
    return d.val("SELECT pggit_v0.create_basic_commit(%s)", [message])


def columns(d: SqlDb, table: str) -> List[str]:
    return [r["attname"] for r in d.rows(
        "SELECT attname FROM pg_attribute WHERE attrelid = %s::regclass AND attnum > 0 AND NOT attisdropped "
        "ORDER BY attnum", [table])]


def ref(d: SqlDb, name: str) -> str:
    return d.val("SELECT target_sha FROM pggit_v0.refs WHERE name = %s", [name])


def state(d: SqlDb) -> Dict[str, object]:
    return d.one("SELECT (SELECT count(*) FROM pggit_v0.commit_graph) AS commits,"
                 " (SELECT count(*) FROM pggit_v0.objects) AS objects,"
                 " (SELECT json_object_agg(name, target_sha) FROM pggit_v0.refs)::text AS refs,"
                 " (SELECT branch FROM pggit_v0.head) AS head")


@pytest.fixture
def shop(db: SqlDb) -> SqlDb:
    """main: shop.customers(id, name, nick) with two rows, committed."""
    db.exec("CREATE SCHEMA shop; CREATE TABLE shop.customers (id int PRIMARY KEY, name text NOT NULL, nick text);"
            "INSERT INTO shop.customers VALUES (1, 'ann'), (2, 'bob')")
    commit(db, "customers")
    return db


def test_fast_forward_moves_main_and_migrates_the_live_schema(shop: SqlDb) -> None:
    shop.exec("SELECT pggit_v0.create_branch('feature/orders')")
    shop.exec("CREATE TABLE shop.orders (id int PRIMARY KEY, customer_id int REFERENCES shop.customers)")
    c1 = commit(shop, "orders")
    shop.exec("SELECT pggit_v0.checkout_branch('main', apply => true)")
    assert shop.val("SELECT to_regclass('shop.orders')") is None
    assert shop.val("SELECT pggit_v0.merge_branch('feature/orders')") == c1
    assert any("fast-forward" in n for n in shop.notices)
    assert ref(shop, "main") == c1 and shop.val("SELECT to_regclass('shop.orders')::text") == "shop.orders"
    assert shop.rows("SELECT * FROM pggit_v0.status()") == []
    assert shop.val("SELECT count(*) FROM shop.customers") == 2
    assert shop.val("SELECT pggit_v0.merge_branch('feature/orders')") == c1
    assert any("already merged" in n for n in shop.notices)


def test_three_way_merge_of_disjoint_columns_on_one_table(shop: SqlDb) -> None:
    """The course's Exercise 6: two branches add different columns to customers."""
    base = ref(shop, "main")
    shop.exec("SELECT pggit_v0.create_branch('branch1', checkout => false)")
    shop.exec("SELECT pggit_v0.create_branch('branch2')")
    shop.exec("ALTER TABLE shop.customers ADD COLUMN account_type varchar(20) DEFAULT 'standard'")
    b2 = commit(shop, "account type")
    shop.exec("SELECT pggit_v0.checkout_branch('branch1', apply => true, force => true)")
    shop.exec("ALTER TABLE shop.customers ADD COLUMN status varchar(20) DEFAULT 'active'")
    b1 = commit(shop, "status")
    assert shop.val("SELECT pggit_v0.merge_base('branch1', 'branch2')") == base
    assert shop.rows("SELECT * FROM pggit_v0.detect_merge_conflicts('branch2')") == []
    merged = shop.val("SELECT pggit_v0.merge_branch('branch2')")
    hist = shop.one("SELECT * FROM pggit_v0.get_commit_history(1)")
    assert hist["commit_sha"] == merged and hist["parent_shas"] == [b1, b2]
    assert hist["message"] == "Merge branch 'branch2' into branch1"
    assert columns(shop, "shop.customers") == ["id", "name", "nick", "status", "account_type"]
    assert shop.val("SELECT count(*) FROM shop.customers WHERE account_type = 'standard'") == 2
    assert shop.rows("SELECT * FROM pggit_v0.status()") == []
    paths = {r["path"] for r in shop.rows("SELECT * FROM pggit_v0.diff_commits('branch2', 'branch1')")}
    assert paths == {"shop/table/customers/column/status"}


def _diverge(d: SqlDb, on_source: str, on_target: str) -> None:
    """Branch 'src' and 'tgt' from main; run one DDL on each and commit (live ends on tgt)."""
    d.exec("SELECT pggit_v0.create_branch('src')")
    d.exec(on_source)
    commit(d, "src change")
    d.exec("SELECT pggit_v0.checkout_branch('main', apply => true, force => true)")
    d.exec("SELECT pggit_v0.create_branch('tgt')")
    d.exec(on_target)
    commit(d, "tgt change")


@pytest.mark.parametrize("on_source,on_target,path,kind", [
    ("ALTER TABLE shop.customers ALTER COLUMN name SET DEFAULT 'x'",
     "ALTER TABLE shop.customers ALTER COLUMN name SET DEFAULT 'y'",
     "shop/table/customers/column/name", "both_modified"),
    ("ALTER TABLE shop.customers DROP COLUMN nick",
     "ALTER TABLE shop.customers ALTER COLUMN nick TYPE varchar(50)",
     "shop/table/customers/column/nick", "modified_deleted"),
    ("ALTER TABLE shop.customers ADD COLUMN x int",
     "ALTER TABLE shop.customers ADD COLUMN x text",
     "shop/table/customers/column/x", "added_differently"),
    ("DROP TABLE shop.customers",
     "ALTER TABLE shop.customers ADD COLUMN email text",
     "shop/table/customers/column/email", "modified_deleted"),
])
def test_each_conflict_kind_is_detected_and_aborts_the_merge(shop: SqlDb, on_source: str, on_target: str,
                                                             path: str, kind: str) -> None:
    _diverge(shop, on_source, on_target)
    conflicts = shop.rows("SELECT * FROM pggit_v0.detect_merge_conflicts('src')")
    found = {c["path"]: c for c in conflicts}
    assert found[path]["kind"] == kind, conflicts
    assert all(c["kind"] == kind for c in conflicts)
    before = state(shop)
    live = columns(shop, "shop.customers")
    with raises_sql("55000", "merge of \"src\" into \"tgt\" has") as info:
        shop.exec("SELECT pggit_v0.merge_branch('src')")
    assert f"{kind}: {path}" in info.value.diag.message_detail
    assert state(shop) == before and columns(shop, "shop.customers") == live


def test_strategies_ours_and_theirs(shop: SqlDb) -> None:
    _diverge(shop, "ALTER TABLE shop.customers ALTER COLUMN name SET DEFAULT 'src'",
             "ALTER TABLE shop.customers ALTER COLUMN name SET DEFAULT 'tgt'")
    shop.exec("SELECT pggit_v0.create_branch('tgt2', checkout => false)")
    shop.exec("SELECT pggit_v0.merge_branch('src', 'tgt2', strategy => 'theirs')")
    assert "DEFAULT 'src'" in shop.val("SELECT pggit_v0.get_object_definition('shop', 'customers', 'tgt2')")
    shop.exec("SELECT pggit_v0.merge_branch('src', strategy => 'ours')")   # into the current branch tgt
    assert "DEFAULT 'tgt'" in shop.val("SELECT pggit_v0.get_object_definition('shop', 'customers', 'tgt')")
    assert shop.val("SELECT column_default FROM information_schema.columns WHERE table_name = 'customers' "
                    "AND column_name = 'name'") == "'tgt'::text"
    assert shop.rows("SELECT * FROM pggit_v0.status()") == []
    with raises_sql("22023", 'unknown merge strategy "union"'):
        shop.exec("SELECT pggit_v0.merge_branch('src', strategy => 'union')")
    with raises_sql("42704", 'merge target branch "nope" not found'):
        shop.exec("SELECT pggit_v0.merge_branch('src', 'nope')")


def test_theirs_takes_a_whole_object_dropped_on_the_other_side(shop: SqlDb) -> None:
    _diverge(shop, "ALTER TABLE shop.customers ADD COLUMN email text", "DROP TABLE shop.customers")
    shop.exec("SELECT pggit_v0.merge_branch('src', strategy => 'theirs')")
    assert columns(shop, "shop.customers") == ["id", "name", "nick", "email"]
    assert shop.rows("SELECT * FROM pggit_v0.status()") == []


def test_criss_cross_merge_base(shop: SqlDb) -> None:
    shop.exec("SELECT pggit_v0.create_branch('x', checkout => false)")
    shop.exec("SELECT pggit_v0.create_branch('y')")
    shop.exec("CREATE TABLE shop.y1 (id int)")
    y1 = commit(shop, "y1")
    shop.exec("SELECT pggit_v0.checkout_branch('x', apply => true)")
    shop.exec("CREATE TABLE shop.x1 (id int)")
    x1 = commit(shop, "x1")
    # cross: y1 into x, and x1 (not the merge) into y
    shop.exec("SELECT pggit_v0.merge_branch(%s, 'x')", [y1])
    shop.exec("SELECT pggit_v0.merge_branch(%s, 'y')", [x1])
    bases = [r["commit_sha"] for r in shop.rows("SELECT * FROM pggit_v0.merge_bases('x', 'y')")]
    assert sorted(bases) == sorted([x1, y1])
    assert shop.val("SELECT pggit_v0.merge_base('x', 'y')") in (x1, y1)
    # both sides now hold the same tree: merging is clean
    assert shop.rows("SELECT * FROM pggit_v0.detect_merge_conflicts('y', 'x')") == []
    shop.exec("SELECT pggit_v0.merge_branch('y')")
    assert shop.rows("SELECT * FROM pggit_v0.status()") == []


def test_a_merge_whose_migration_fails_leaves_everything_as_it_was(shop: SqlDb) -> None:
    shop.exec("SELECT pggit_v0.create_branch('strict')")
    # (added, backfilled, made NOT NULL: no default the script could add it with; one
    # added DEFAULT 0 and dropped after is added with it now: G2)
    shop.exec("ALTER TABLE shop.customers ADD COLUMN code int; UPDATE shop.customers SET code = 0;"
              "ALTER TABLE shop.customers ALTER COLUMN code SET NOT NULL")
    commit(shop, "code without default")
    shop.exec("SELECT pggit_v0.checkout_branch('main', apply => true, force => true)")
    shop.exec("CREATE TABLE shop.other (id int)")
    commit(shop, "other")
    before, live = state(shop), columns(shop, "shop.customers")
    with raises_sql("23502", "migration step for shop/table/customers/column/code failed",
                    hint="do not fit the target's definition: change them first (backfill"):
        shop.exec("SELECT pggit_v0.merge_branch('strict')")
    assert state(shop) == before and columns(shop, "shop.customers") == live
    assert shop.val("SELECT count(*) FROM shop.customers") == 2


def test_checkout_apply_round_trip_keeps_rows_of_untouched_tables(shop: SqlDb) -> None:
    shop.exec("SELECT pggit_v0.create_branch('feature')")
    shop.exec("CREATE TABLE shop.audit (id int, at timestamptz DEFAULT now()); CREATE INDEX ON shop.audit (at)")
    commit(shop, "audit")
    shop.exec("SELECT pggit_v0.checkout_branch('main', apply => true)")
    assert shop.val("SELECT to_regclass('shop.audit')") is None
    assert shop.val("SELECT branch FROM pggit_v0.head") == "main"
    shop.exec("SELECT pggit_v0.checkout_branch('feature', apply => true)")
    assert shop.val("SELECT to_regclass('shop.audit')::text") == "shop.audit"
    assert shop.rows("SELECT * FROM pggit_v0.status()") == []
    assert shop.val("SELECT string_agg(name, ',' ORDER BY id) FROM shop.customers") == "ann,bob"


def test_checkout_refusals_list_what_they_refuse(shop: SqlDb) -> None:
    shop.exec("SELECT pggit_v0.create_branch('wide')")
    shop.exec("ALTER TABLE shop.customers ADD COLUMN notes text; UPDATE shop.customers SET notes = 'n'")
    shop.exec("CREATE TABLE shop.log (line text); INSERT INTO shop.log VALUES ('x')")
    commit(shop, "notes and log")
    shop.exec("CREATE TABLE shop.pending (id int)")
    with raises_sql("55000", "has 2 uncommitted change(s)") as info:
        shop.exec("SELECT pggit_v0.checkout_branch('main', apply => true)")
    assert "shop/table/pending" in info.value.diag.message_detail
    shop.exec("DROP TABLE shop.pending")
    with raises_sql("55000", 'checkout of "main" would lose data in 2 statement(s)', hint="force => true") as info:
        shop.exec("SELECT pggit_v0.checkout_branch('main', apply => true)")
    detail = info.value.diag.message_detail
    assert "DROP TABLE IF EXISTS shop.log; (shop.log holds rows)" in detail
    assert "DROP COLUMN IF EXISTS notes; (shop.customers.notes holds values)" in detail
    assert shop.val("SELECT branch FROM pggit_v0.head") == "wide"
    shop.exec("SELECT pggit_v0.checkout_branch('main', apply => true, force => true)")
    assert columns(shop, "shop.customers") == ["id", "name", "nick"] and shop.val("SELECT to_regclass('shop.log')") is None


def test_checkout_refuses_narrowing_a_type_of_a_table_with_rows(shop: SqlDb) -> None:
    shop.exec("SELECT pggit_v0.create_branch('narrow')")
    shop.exec("ALTER TABLE shop.customers ALTER COLUMN name TYPE varchar(3)")
    commit(shop, "narrow name")
    shop.exec("SELECT pggit_v0.checkout_branch('main', apply => true)")   # widening back: fine
    with raises_sql("55000", "would lose data in 1 statement(s)") as info:
        shop.exec("SELECT pggit_v0.checkout_branch('narrow', apply => true)")
    assert "TYPE character varying(3)" in info.value.diag.message_detail
    # a column holding only NULLs loses nothing: dropping it is not refused
    shop.exec("SELECT pggit_v0.checkout_branch('main', apply => true)")
    shop.exec("SELECT pggit_v0.create_branch('empty_col')")
    shop.exec("ALTER TABLE shop.customers ADD COLUMN unused text")
    commit(shop, "unused column")
    shop.exec("SELECT pggit_v0.checkout_branch('main', apply => true)")
    assert columns(shop, "shop.customers") == ["id", "name", "nick"]


def test_verify_migration(shop: SqlDb) -> None:
    shop.exec("SELECT pggit_v0.create_branch('next')")
    shop.exec("ALTER TABLE shop.customers ADD COLUMN email text; CREATE INDEX ON shop.customers (email)")
    commit(shop, "email")
    shop.exec("SELECT pggit_v0.checkout_branch('main', apply => true)")
    v = shop.one("SELECT * FROM pggit_v0.verify_migration('next')")
    assert v["ok"] is True and v["statements"] == 2 and v["differing_paths"] == [] and v["error"] is None
    assert "ADD COLUMN email text" in v["script"]
    assert columns(shop, "shop.customers") == ["id", "name", "nick"]   # rolled back
    # a migration that fails on live data is reported, not raised
    shop.exec("SELECT pggit_v0.create_branch('strict')")
    shop.exec("ALTER TABLE shop.customers ADD COLUMN code int; UPDATE shop.customers SET code = 0;"
              "ALTER TABLE shop.customers ALTER COLUMN code SET NOT NULL")
    commit(shop, "code")
    shop.exec("SELECT pggit_v0.checkout_branch('main', apply => true, force => true)")
    v = shop.one("SELECT * FROM pggit_v0.verify_migration('strict')")
    assert v["ok"] is False and v["error"].startswith("23502")
    shop.exec("CREATE TABLE shop.dirty (id int)")
    with raises_sql("55000", "verify_migration('next') refused: the live schema has 2 uncommitted change(s)"):
        shop.exec("SELECT * FROM pggit_v0.verify_migration('next')")


HAZARD_A = """
CREATE SCHEMA hz;
CREATE EXTENSION hstore WITH SCHEMA hz VERSION '1.7';
CREATE TABLE hz.t (a int, b text, c int, d varchar(100));
CREATE INDEX t_c ON hz.t (c);
"""
HAZARD_B = """
CREATE SCHEMA hz;
CREATE EXTENSION hstore WITH SCHEMA hz VERSION '1.8';
CREATE TABLE hz.t (a int NOT NULL, c bigint, d varchar(100), e int CHECK (e > 0), f int NOT NULL);
CREATE INDEX t_d ON hz.t (d);
GRANT SELECT ON hz.t TO PUBLIC;
"""


def test_every_hazard_kind_is_reported(db: SqlDb) -> None:
    require_extensions(db, "hstore")
    db.exec(HAZARD_A)
    a = commit(db, "A")
    db.exec("DROP SCHEMA hz CASCADE")
    db.exec(HAZARD_B)
    b = commit(db, "B")
    rows = {r["path"]: set(r["hazards"]) for r in db.rows("SELECT * FROM pggit_v0.diff_commits(%s, %s)", [a, b])}
    assert "data_deletion" in rows["hz/table/t/column/b"]                      # DROP COLUMN
    assert {"fails_on_violations", "validation_scan"} <= rows["hz/table/t/column/a"]   # SET NOT NULL
    assert {"table_rewrite", "access_exclusive_lock"} <= rows["hz/table/t/column/c"]  # int -> bigint
    assert {"share_lock", "index_build"} <= rows["hz/table/t/index/t_d"]
    assert "index_dropped" in rows["hz/table/t/index/t_c"]
    assert rows["hz/table/t/grants"] == {"authorization_change"}
    assert rows["hz/extension/hstore"] == {"extension_upgrade"}
    assert {"validation_scan"} <= rows["hz/table/t/constraint/t_e_check"]
    assert "fails_with_rows" in rows["hz/table/t/column/f"]   # NOT NULL, no default
    script = db.val("SELECT pggit_v0.generate_migration(%s, %s)", [a, b])
    db.exec("ALTER TABLE hz.t RENAME COLUMN a TO a_renamed")   # H2: clients using a break
    c = commit(db, "C")
    renamed = {r["path"]: set(r["hazards"]) for r in db.rows("SELECT * FROM pggit_v0.diff_commits(%s, %s)", [b, c])}
    assert renamed["hz/table/t/column/a_renamed"] == {"breaks_clients", "access_exclusive_lock"}
    kinds = {r["hazard"] for r in db.rows("SELECT * FROM pggit_v0.hazard_kinds()")}
    seen = set().union(*rows.values(), *renamed.values())
    assert kinds - seen == set(), f"hazards never produced: {kinds - seen}"
    assert "ALTER EXTENSION hstore UPDATE TO '1.8';" in script
    assert "ADD CONSTRAINT t_e_check CHECK ((e > 0)) NOT VALID;\nALTER TABLE hz.t VALIDATE CONSTRAINT t_e_check;" in script


def test_added_columns_keep_the_recorded_order(db: SqlDb) -> None:
    db.exec("CREATE TABLE public.t (id int)")
    commit(db, "t")
    db.exec("SELECT pggit_v0.create_branch('f')")
    db.exec("ALTER TABLE public.t ADD COLUMN zeta int; ALTER TABLE public.t ADD COLUMN alpha int")
    commit(db, "zeta then alpha")
    db.exec("SELECT pggit_v0.checkout_branch('main', apply => true)")
    db.exec("SELECT pggit_v0.merge_branch('f')")
    assert columns(db, "public.t") == ["id", "zeta", "alpha"]
    assert db.rows("SELECT * FROM pggit_v0.status()") == []
    assert db.notices == [n for n in db.notices if "skipping" not in n]


def test_branch_from_another_commit_says_the_live_schema_did_not_move(db: SqlDb) -> None:
    base = db.val("SELECT pggit_v0.get_head_sha()")
    db.exec("CREATE TABLE public.t (id int)")
    commit(db, "t")
    db.exec("SELECT pggit_v0.create_branch('old', from_ref => %s)", [base])
    assert any('branch "old" starts at' in n and "live schema was not changed" in n for n in db.notices)


def test_checkout_recreates_objects_with_their_recorded_grants_despite_default_privileges(db: SqlDb) -> None:
    """A created object also gets the database's ALTER DEFAULT PRIVILEGES; checkout takes it
    to the grants the commit recorded (the migration script alone would keep the extras)."""
    db.exec("DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'pggit_r1') THEN "
            "CREATE ROLE pggit_r1; END IF; END $$")
    db.exec("CREATE TABLE public.t (x int); GRANT SELECT ON public.t TO pggit_r1;"
            "CREATE FUNCTION public.f() RETURNS int LANGUAGE sql AS 'SELECT 1'")
    db.exec("SELECT pggit_v0.create_basic_commit('with grants')")
    db.exec("SELECT pggit_v0.create_branch('before', checkout => false)")
    db.exec("DROP TABLE public.t; DROP FUNCTION public.f();"
            "ALTER DEFAULT PRIVILEGES GRANT SELECT ON TABLES TO PUBLIC;"
            "ALTER DEFAULT PRIVILEGES REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC")
    db.exec("SELECT pggit_v0.create_basic_commit('dropped')")
    db.exec("SELECT pggit_v0.checkout_branch('before', true)")
    assert db.rows("SELECT path FROM pggit_v0.status()") == []
    grants = {(r["grantee"], r["privilege_type"]) for r in db.rows(
        "SELECT coalesce(g.rolname, 'PUBLIC') AS grantee, a.privilege_type "
        "FROM pg_class c CROSS JOIN LATERAL aclexplode(c.relacl) a LEFT JOIN pg_roles g ON g.oid = a.grantee "
        "WHERE c.oid = 'public.t'::regclass AND a.grantee <> c.relowner")}
    assert grants == {("pggit_r1", "SELECT")}   # the recorded grant, not PUBLIC's default one
    assert db.val("SELECT has_function_privilege('public', 'public.f()', 'EXECUTE')")


@pytest.mark.parametrize("strategy,index_kept", [("ours", False), ("theirs", True)])   # ours = target (main)
def test_a_column_dropped_on_one_side_and_indexed_on_the_other_conflicts(db: SqlDb, strategy: str,
                                                                           index_kept: bool) -> None:
    db.exec("CREATE SCHEMA app; CREATE TABLE app.t (id int PRIMARY KEY, c text)")
    commit(db, "base")
    db.exec("SELECT pggit_v0.create_branch('x')")
    db.exec("ALTER TABLE app.t DROP COLUMN c")
    commit(db, "x drops c")
    db.exec("SELECT pggit_v0.checkout_branch('main', true)")
    db.exec("SELECT pggit_v0.create_branch('y')")
    db.exec("CREATE INDEX t_c ON app.t (c); CREATE VIEW app.v AS SELECT c FROM app.t")
    commit(db, "y indexes c")
    db.exec("SELECT pggit_v0.checkout_branch('main', true)")
    db.exec("SELECT pggit_v0.merge_branch('x')")               # fast-forward: main drops c
    conflicts = {r["path"]: r["kind"] for r in db.rows("SELECT * FROM pggit_v0.detect_merge_conflicts('y')")}
    assert conflicts == {"app/table/t/column/c": "dropped_but_referenced",
                         "app/table/t/index/t_c": "dropped_but_referenced",
                         "app/view/v": "dropped_but_referenced"}, conflicts
    db.exec("SELECT pggit_v0.create_branch('elsewhere')")      # main no longer current
    with raises_sql("55000", "conflict"):
        db.exec("SELECT pggit_v0.merge_branch('y', 'main')")
    db.exec("SELECT pggit_v0.merge_branch('y', 'main', strategy => %s)", [strategy])
    # whichever side won, main's tree builds: checkout and verify it
    db.exec("SELECT pggit_v0.checkout_branch('main', true)")
    assert db.rows("SELECT path FROM pggit_v0.status()") == []
    assert (db.val("SELECT to_regclass('app.t_c')") is not None) == index_kept
    assert ("c" in columns(db, "app.t")) == index_kept



def test_merged_column_order_keeps_columns_whose_names_hold_a_line_break(db: SqlDb) -> None:
    """Column lists are one quoted name per line: "a<LF>b" and "c<LF>b" share the line
    piece 'b"', so splitting at every line break merged the order wrongly."""
    db.exec('CREATE TABLE public.t (id int, "a\nb" text, "c\nb" text)')
    db.exec("SELECT pggit_v0.create_basic_commit('t')")
    db.exec("SELECT pggit_v0.create_branch('feature/s')")
    db.exec('ALTER TABLE public.t DROP COLUMN "c\nb"')
    db.exec("SELECT pggit_v0.create_basic_commit('drop c')")
    db.exec("SELECT pggit_v0.checkout_branch('main', apply => true, force => true)")
    db.exec("ALTER TABLE public.t ADD COLUMN m int")
    db.exec("SELECT pggit_v0.create_basic_commit('m')")
    db.exec("SELECT pggit_v0.merge_branch('feature/s', force => true)")
    cols = [r["attname"] for r in db.rows(
        "SELECT attname FROM pg_attribute WHERE attrelid = 'public.t'::regclass AND attnum > 0 "
        "AND NOT attisdropped ORDER BY attnum")]
    assert cols == ["id", "a\nb", "m"]
    merged = db.val("SELECT o.content FROM pggit_v0._tree_blobs(pggit_v0._commit_tree(pggit_v0.get_head_sha())) b "
                    "JOIN pggit_v0.objects o ON o.sha = b.blob_sha "
                    "WHERE b.obj_key = 'table t' AND b.sub_key = 'columns'")
    assert merged == 'id\n"a\nb"\nm'


def checkout_mode(d: SqlDb, branch: str, force: bool = False) -> str:
    """checkout_branch(apply) to branch, and how it proved the result (its timing row's detail)."""
    d.exec("SELECT pggit_v0.checkout_branch(%s, apply => true, force => %s)", [branch, force])
    return d.val("SELECT detail FROM pggit_v0.op_timings WHERE operation = 'checkout' ORDER BY id DESC LIMIT 1")


def status_mode(d: SqlDb) -> tuple:
    rows = d.rows("SELECT path FROM pggit_v0.status()")
    return rows, d.val("SELECT detail FROM pggit_v0.op_timings WHERE operation = 'status' ORDER BY id DESC LIMIT 1")


def log_since(d: SqlDb, last_id: int) -> List[Dict[str, object]]:
    return d.rows("SELECT l.event, l.command_tag, l.object_identity, l.statement, lc.commit_sha FROM pggit_v0.ddl_log l"
                  " LEFT JOIN pggit_v0.ddl_log_commits lc ON lc.log_id = l.id WHERE l.id > %s ORDER BY l.id", [last_id])


def test_a_small_checkout_is_logged_and_proved_from_what_it_touched(shop: SqlDb) -> None:
    """At most 50 objects: capture logs the statements, the proof reads only the objects the
    log and the two trees name (pggit.verify_incremental, on in tests, also reads them all and
    must agree), and the live schema is then known to be the target's tree exactly."""
    main = ref(shop, "main")
    shop.exec("SELECT pggit_v0.create_branch('feature')")
    shop.exec("ALTER TABLE shop.customers ADD COLUMN email text; CREATE INDEX customers_email ON shop.customers (email)")
    feature = commit(shop, "email")
    last = shop.val("SELECT max(id) FROM pggit_v0.ddl_log")
    assert checkout_mode(shop, "main") == "main: proved from the log: 1 name(s) read"
    logged = log_since(shop, last)
    assert {(r["command_tag"], r["commit_sha"]) for r in logged} >= {("ALTER TABLE", main), ("DROP INDEX", main)}
    assert all(r["event"] != "migration" and r["commit_sha"] == main for r in logged)
    assert columns(shop, "shop.customers") == ["id", "name", "nick"]
    assert status_mode(shop) == ([], "no DDL logged since HEAD: no catalog read")
    assert checkout_mode(shop, "feature") == "feature: proved from the log: 1 name(s) read"
    assert columns(shop, "shop.customers") == ["id", "name", "nick", "email"]
    assert shop.val("SELECT to_regclass('shop.customers_email')::text") == "shop.customers_email"
    assert status_mode(shop) == ([], "no DDL logged since HEAD: no catalog read")
    assert ref(shop, "feature") == feature and shop.val("SELECT count(*) FROM shop.customers") == 2


def test_a_large_checkout_runs_unlogged_and_logs_one_entry(db: SqlDb) -> None:
    """More than 50 objects: capture logs none of the statements (a subtransaction per DDL
    made large checkouts quadratic), the proof reads the whole schema once, and one log entry,
    linked to the commit checked out, says who migrated to it and how."""
    base = db.val("SELECT pggit_v0.get_head_sha()")
    db.exec("CREATE SCHEMA big;" + "".join(
        f"CREATE TABLE big.t{i} (id int PRIMARY KEY, v text); CREATE INDEX t{i}_v ON big.t{i} (v);" for i in range(60)))
    db.exec("INSERT INTO big.t7 VALUES (1, 'x')")
    main = commit(db, "sixty tables")
    db.exec("SELECT pggit_v0.create_branch('empty', from_ref => %s, checkout => false)", [base])
    empty = ref(db, "empty")
    with raises_sql("55000", "would lose data"):   # still refused without force
        db.exec("SELECT pggit_v0.checkout_branch('empty', apply => true)")
    last = db.val("SELECT max(id) FROM pggit_v0.ddl_log")
    assert checkout_mode(db, "empty", force=True) == "empty: proved by reading the whole schema"
    entry, = log_since(db, last)
    assert (entry["event"], entry["command_tag"], entry["object_identity"], entry["commit_sha"]) == \
        ("migration", "PGGIT MIGRATION", empty, empty)
    assert "checkout_branch" in entry["statement"]
    assert db.val("SELECT to_regnamespace('big')") is None
    assert status_mode(db) == ([], "no DDL logged since HEAD: no catalog read")
    last = db.val("SELECT max(id) FROM pggit_v0.ddl_log")
    assert checkout_mode(db, "main") == "main: proved by reading the whole schema"
    assert [(r["event"], r["commit_sha"]) for r in log_since(db, last)] == [("migration", main)]
    assert db.val("SELECT count(*) FROM pg_tables WHERE schemaname = 'big'") == 60
    assert status_mode(db) == ([], "no DDL logged since HEAD: no catalog read")
    # the user's DDL after it is captured again, and seen by status()
    last = db.val("SELECT max(id) FROM pggit_v0.ddl_log")
    db.exec("CREATE TABLE big.after (id int)")
    assert [(r["command_tag"], r["object_identity"]) for r in log_since(db, last)] == [("CREATE TABLE", "big.after")]
    assert {r["path"].split("/")[2] for r in status_mode(db)[0]} == {"after"}


def test_a_merge_keeps_the_dependencies_of_what_it_takes_from_the_source(db: SqlDb) -> None:
    """G5 (Immich's Geodata on a branch): extensions cube and earthdistance (which requires
    cube) added on the merged branch.  The merge commit's tree left out the recorded
    dependencies of what it took from the source, so going back dropped cube first and
    the checkout failed (2BP01).  An object only the source changed keeps them."""
    require_extensions(db, "cube", "earthdistance")
    db.exec("CREATE TABLE public.base_t (id int)")
    c0 = commit(db, "c0")
    db.exec("SELECT pggit_v0.create_branch('feat/a')")
    db.exec("CREATE TABLE public.system_metadata (key text PRIMARY KEY)")
    commit(db, "a1")
    db.exec("SELECT pggit_v0.checkout_branch('main', apply => true)")
    db.exec("SELECT pggit_v0.create_branch('feat/b')")
    db.exec("CREATE EXTENSION cube; CREATE EXTENSION earthdistance")
    commit(db, "b1")
    db.exec("SELECT pggit_v0.checkout_branch('feat/a', apply => true)")
    db.exec("SELECT pggit_v0.merge_branch('feat/b')")
    back = db.val("SELECT pggit_v0.generate_migration('HEAD', %s)", [c0])
    assert back.index("DROP EXTENSION IF EXISTS earthdistance;") < back.index("DROP EXTENSION IF EXISTS cube;"), back
    db.exec("SELECT pggit_v0.checkout_branch('main', apply => true, force => true)")
    assert db.val("SELECT count(*) FROM pg_extension WHERE extname IN ('cube', 'earthdistance')") == 0
    assert db.rows("SELECT * FROM pggit_v0.validate_data_integrity() WHERE status <> 'OK'") == []
