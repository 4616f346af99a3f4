"""Diffs, status, current schema, object definitions, metadata and history."""
from __future__ import annotations

from typing import Dict

from conftest import SqlDb, install
from errors import raises_sql

TABLE = """
CREATE TABLE public.orders (
    id serial PRIMARY KEY,
    ref text NOT NULL UNIQUE,
    total numeric(12, 2) NOT NULL DEFAULT 0 CHECK (total >= 0),
    parent_id int REFERENCES public.orders (id)
);
CREATE INDEX orders_total_idx ON public.orders (total DESC);
COMMENT ON TABLE public.orders IS 'Orders';
COMMENT ON COLUMN public.orders.ref IS 'external reference';
GRANT SELECT ON public.orders TO PUBLIC;
"""


def commit(d: SqlDb, message: str) -> str:
    return d.val("SELECT pggit_v0.create_basic_commit(%s)", [message])


def snapshot_of(d: SqlDb, schema: str, name: str) -> Dict[str, str]:
    return {f"{r['kind']} {r['name']} {r['sub_key']}": r["definition"]
            for r in d.rows("SELECT * FROM pggit_v0._snapshot(%s) WHERE name = %s OR name LIKE %s",
                            [schema, name, f"{name}_%seq"])}


def test_diff_reports_added_modified_removed_with_definitions(db: SqlDb) -> None:
    db.exec("CREATE TABLE public.a (id int, v text DEFAULT 'x')")
    db.exec("CREATE TABLE public.gone (id int)")
    c1 = commit(db, "a")
    db.exec("ALTER TABLE public.a ALTER COLUMN v SET DEFAULT 'y'")
    db.exec("DROP TABLE public.gone")
    db.exec("CREATE VIEW public.av AS SELECT id FROM public.a")
    c2 = commit(db, "b")
    rows = db.rows("SELECT * FROM pggit_v0.diff_commits(%s, %s)", [c1[:8], c2])
    got = {(r["path"], r["change_type"]): (r["old_definition"], r["new_definition"]) for r in rows}
    assert got[("public/table/a/column/v", "MODIFIED")] == ("v text DEFAULT 'x'::text", "v text DEFAULT 'y'::text")
    assert got[("public/table/gone", "REMOVED")] == ("CREATE TABLE public.gone ();", None)
    assert ("public/table/gone/column/id", "REMOVED") in got
    assert got[("public/view/av", "ADDED")][1].startswith("CREATE VIEW public.av AS")
    assert len(rows) == 5
    typed = {r["path"]: (r["object_type"], r["schema_name"], r["object_name"], r["sub_name"]) for r in rows}
    assert typed["public/table/a/column/v"] == ("column", "public", "a", "v")
    assert typed["public/view/av"] == ("view", "public", "av", None)
    # the reverse diff swaps sides; the same ref on both sides is empty
    back = db.rows("SELECT * FROM pggit_v0.diff_commits(%s, %s)", [c2, c1])
    assert {(r["path"], r["change_type"]) for r in back} >= {("public/table/gone", "ADDED"), ("public/view/av", "REMOVED")}
    assert db.rows("SELECT * FROM pggit_v0.diff_commits('main', 'HEAD')") == []


def test_diff_unknown_refs_are_named(db: SqlDb) -> None:
    with raises_sql("42704", 'ref "feature/missing" not found'):
        db.exec("SELECT * FROM pggit_v0.diff_branches('main', 'feature/missing')")
    with raises_sql("42704", 'ref "nope" not found'):
        db.exec("SELECT * FROM pggit_v0.diff_commits('nope', 'main')")


def test_diff_records_its_timing(db: SqlDb) -> None:
    db.exec("SELECT * FROM pggit_v0.diff_commits('main', 'main')")
    assert db.val("SELECT count(*) FROM pggit_v0.op_timings WHERE operation = 'diff'") == 1


def timings(d: SqlDb) -> Dict[str, int]:
    return {r["operation"]: r["n"] for r in d.rows(
        "SELECT operation, count(*) AS n FROM pggit_v0.op_timings WHERE operation IN ('diff', 'migration') "
        "GROUP BY operation")}


def test_diff_computes_the_migration_columns_only_when_read(db: SqlDb) -> None:
    """count(*) or a select list without migration_sql and hazards never computes the
    migration (no 'migration' timing, no call in the plan); reading them computes it once
    per query, and every column is what SELECT * gives."""
    db.exec(TABLE)
    c1 = commit(db, "orders")
    db.exec("ALTER TABLE public.orders ALTER COLUMN ref TYPE varchar(40), ADD COLUMN note text")
    db.exec("DROP INDEX public.orders_total_idx")
    c2 = commit(db, "changed")
    every = db.rows("SELECT * FROM pggit_v0.diff_commits(%s, %s)", [c1, c2])
    assert timings(db) == {"diff": 1, "migration": 1}
    assert [r["path"] for r in every] == ["public/table/orders/column/note", "public/table/orders/column/ref",
                                          "public/table/orders/index/orders_total_idx"]
    assert all(r["migration_sql"] for r in every) and "index_dropped" in every[2]["hazards"]
    for fn in ("diff_commits", "diff_branches"):
        assert db.val(f"SELECT count(*) FROM pggit_v0.{fn}(%s, %s)", [c1, c2]) == 3
        narrow = db.rows(f"SELECT path, change_type, new_definition FROM pggit_v0.{fn}(%s, %s)", [c1, c2])
        assert narrow == [{k: r[k] for k in ("path", "change_type", "new_definition")} for r in every]
        plan = "\n".join(r["QUERY PLAN"] for r in db.rows(
            f"EXPLAIN (VERBOSE) SELECT path FROM pggit_v0.{fn}(%s, %s)", [c1, c2]))
        assert "_diff_paths" in plan and "_diff_steps" not in plan and "_commit_steps" not in plan, plan
    assert timings(db) == {"diff": 5, "migration": 1}
    for fn in ("diff_commits", "diff_branches"):
        cols = db.rows(f"SELECT hazards, path, migration_sql FROM pggit_v0.{fn}(%s, %s)", [c1, c2])
        assert cols == [{k: r[k] for k in ("hazards", "path", "migration_sql")} for r in every]
        assert db.rows(f"SELECT * FROM pggit_v0.{fn}(%s, %s)", [c1, c2]) == every
        # not inlined (a call in the select list): the same rows
        assert db.rows(f"SELECT (s.d).* FROM (SELECT pggit_v0.{fn}(%s, %s) AS d OFFSET 0) s", [c1, c2]) == every
    assert timings(db) == {"diff": 11, "migration": 7}
    # no migration for a diff without changes, even when its columns are read
    assert db.rows("SELECT * FROM pggit_v0.diff_commits(%s, %s)", [c2, c2]) == []
    assert timings(db) == {"diff": 12, "migration": 7}


def test_per_row_helpers_of_diffs_are_inlined(db: SqlDb) -> None:
    """The helpers every diff row and migration step calls are inlined (a SQL function
    the planner cannot inline, e.g. STRICT over a CASE, is called per row: ~15 us each),
    and give NULL for a NULL argument."""
    for call in ("pggit_v0._path(v.s, v.k, v.sub)", "pggit_v0._key_kind(v.k)", "pggit_v0._key_name(v.k)",
                 "pggit_v0._key_bare(v.k)", "pggit_v0._diff_trees_q(v.s, v.k)"):
        fn = call.split("(")[0]
        rows = "(SELECT 's' || g AS s, 'table t' || g AS k, 'column c' || g AS sub FROM generate_series(1, 2) g) v"
        src = (f"SELECT {call} FROM {rows}" if "_q" not in fn else f"SELECT x.* FROM {rows} CROSS JOIN LATERAL {call} x")
        plan = "\n".join(r["QUERY PLAN"] for r in db.rows(f"EXPLAIN (VERBOSE) {src}"))
        assert fn not in plan, plan
    assert db.val("SELECT pggit_v0._path('s', 'table t', 'column c')") == "s/table/t/column/c"
    assert db.val("SELECT pggit_v0._path('s', 'table t', 'definition')") == "s/table/t"
    assert db.one("SELECT pggit_v0._path(NULL, 'table t', 'definition') AS a, pggit_v0._path('s', NULL, 'definition') AS b, "
                  "pggit_v0._path('s', 'table t', NULL) AS c") == {"a": None, "b": None, "c": None}


def test_inlined_diff_is_immune_to_the_callers_search_path(db: SqlDb) -> None:
    """diff_commits and diff_branches are inlined into the caller's query, parsed in the
    caller's search_path: a schema ahead of pg_catalog with its own text = operator (true
    for anything) and functions named like the layer's must change nothing."""
    db.exec(TABLE)
    c1 = commit(db, "orders")
    db.exec("ALTER TABLE public.orders ADD COLUMN note text, ADD COLUMN due date")
    c2 = commit(db, "two columns")
    want = db.rows("SELECT * FROM pggit_v0.diff_commits(%s, %s)", [c1, c2])
    assert len(want) == 2 and want[0]["migration_sql"] != want[1]["migration_sql"]
    db.exec("CREATE SCHEMA evil")
    db.exec("CREATE FUNCTION evil.eq(text, text) RETURNS boolean LANGUAGE sql IMMUTABLE AS 'SELECT true'")
    db.exec("CREATE OPERATOR evil.= (LEFTARG = text, RIGHTARG = text, FUNCTION = evil.eq)")
    db.exec("CREATE FUNCTION evil.min(text) RETURNS text LANGUAGE sql AS $$ SELECT 'evil' $$")
    db.exec("CREATE FUNCTION evil._diff_rows(text, text) RETURNS text LANGUAGE sql AS $$ SELECT 'evil' $$")
    db.exec("SET search_path = evil, pg_catalog, public")
    try:
        assert db.val("SELECT 'a'::text = 'b'::text") is True   # the trap is armed
        for fn in ("diff_commits", "diff_branches"):
            assert db.rows(f"SELECT * FROM pggit_v0.{fn}(%s, %s)", [c1, c2]) == want
            assert db.val(f"SELECT count(*) FROM pggit_v0.{fn}(%s, %s)", [c1, c2]) == 2
    finally:
        db.exec("RESET search_path")


def test_status_and_current_schema(db: SqlDb) -> None:
    assert db.rows("SELECT * FROM pggit_v0.status()") == []
    db.exec("CREATE TABLE public.kept (id int); CREATE TABLE public.changed (id int); CREATE TABLE public.dropped (id int)")
    commit(db, "three tables")
    db.exec("ALTER TABLE public.changed ADD COLUMN x int; DROP TABLE public.dropped; CREATE TABLE public.fresh (id int)")
    status = {(r["path"], r["change_type"]) for r in db.rows("SELECT * FROM pggit_v0.status()")}
    assert ("public/table/changed/column/x", "ADDED") in status
    assert ("public/table/dropped", "REMOVED") in status and ("public/table/fresh", "ADDED") in status
    current = {r["object_name"]: r["status"] for r in db.rows("SELECT * FROM pggit_v0.get_current_schema()")
               if r["object_type"] == "table"}
    assert current == {"kept": "committed", "changed": "modified", "fresh": "untracked"}
    commit(db, "all in")
    assert db.rows("SELECT * FROM pggit_v0.status()") == []


def test_object_definition_recreates_the_object_on_an_empty_database(db: SqlDb, make_empty_db) -> None:
    db.exec(TABLE)
    ddl = db.val("SELECT pggit_v0.get_object_definition('public', 'orders')")
    assert ddl.index("CREATE SEQUENCE public.orders_id_seq") < ddl.index("CREATE TABLE public.orders (")
    assert ddl.index("CREATE TABLE public.orders (") < ddl.index("OWNED BY public.orders.id")
    assert ddl.index("PRIMARY KEY") < ddl.index("FOREIGN KEY")
    other = make_empty_db()
    install(other)
    other.exec(ddl)
    assert snapshot_of(other, "public", "orders") == snapshot_of(db, "public", "orders")


def test_object_definition_as_of_a_ref_and_errors(db: SqlDb) -> None:
    db.exec("CREATE SCHEMA s; CREATE TABLE s.t (a int)")
    commit(db, "t v1")
    db.exec("ALTER TABLE s.t ADD COLUMN b text")
    assert "    b text" in db.val("SELECT pggit_v0.get_object_definition('s', 't')")
    old = db.val("SELECT pggit_v0.get_object_definition('s', 't', 'HEAD')")
    assert "CREATE TABLE s.t (\n    a integer\n);" in old and "b text" not in old
    with raises_sql("42704", "object s.nope not found in the live database", hint="get_current_schema"):
        db.exec("SELECT pggit_v0.get_object_definition('s', 'nope')")
    with raises_sql("42704", 'object s.t not found at ref "HEAD~1"'):
        db.exec("SELECT pggit_v0.get_object_definition('s', 't', 'HEAD~1')")


def test_object_definition_of_functions_views_types(db: SqlDb) -> None:
    db.exec("CREATE FUNCTION public.f(a int) RETURNS int LANGUAGE sql AS 'SELECT a';"
            "CREATE FUNCTION public.f(a text) RETURNS text LANGUAGE sql AS 'SELECT a';"
            "CREATE TYPE public.color AS ENUM ('red', 'blue');")
    ddl = db.val("SELECT pggit_v0.get_object_definition('public', 'f')")
    assert "public.f(a integer)" in ddl and "public.f(a text)" in ddl
    assert "CREATE TYPE public.color AS ENUM ('red', 'blue');" in db.val(
        "SELECT pggit_v0.get_object_definition('public', 'color')")


def test_introspection_names_are_matched_exactly_and_null_is_refused(db: SqlDb) -> None:
    db.exec("""CREATE FUNCTION public."a%"() RETURNS int LANGUAGE sql AS 'SELECT 1';
               CREATE FUNCTION public."aB"() RETURNS int LANGUAGE sql AS 'SELECT 2';
               CREATE FUNCTION public.a_b() RETURNS int LANGUAGE sql AS 'SELECT 3';
               CREATE FUNCTION public.axb() RETURNS int LANGUAGE sql AS 'SELECT 4';
               CREATE TABLE public."Users" (id int)""")
    ddl = db.val("SELECT pggit_v0.get_object_definition('public', 'a%')")
    assert 'public."a%"()' in ddl and '"aB"' not in ddl
    ddl = db.val("SELECT pggit_v0.get_object_definition('public', 'a_b')")
    assert "public.a_b()" in ddl and "axb" not in ddl
    assert db.val("SELECT qualified_name FROM pggit_v0.get_object_metadata('public', 'Users')") == 'public."Users"'
    for call in ("get_object_definition(NULL, 'x')", "get_object_metadata('public', NULL)",
                 "get_object_history(NULL, 'x')"):
        with raises_sql("22023", "_name must not be empty", hint="Pass both"):
            db.exec(f"SELECT * FROM pggit_v0.{call}")


def test_object_metadata(db: SqlDb) -> None:
    db.exec(TABLE)
    c1 = commit(db, "orders")
    db.exec("INSERT INTO public.orders (ref) SELECT 'r' || g FROM generate_series(1, 50) g; ANALYZE public.orders")
    m = db.one("SELECT * FROM pggit_v0.get_object_metadata('public', 'orders')")
    assert (m["object_type"], m["qualified_name"], m["status"]) == ("table", "public.orders", "committed")
    assert (m["columns"], m["constraints"], m["indexes"], m["triggers"]) == (4, 4, 1, 0)
    assert m["estimated_rows"] == 50 and m["total_bytes"] > 0 and m["comment"] == "Orders"
    assert m["created_in"] == c1 and m["last_changed_in"] == c1
    assert m["owner"] == db.val("SELECT current_user")
    with raises_sql("42704", "object public.nope not found"):
        db.exec("SELECT * FROM pggit_v0.get_object_metadata('public', 'nope')")
    # the status agrees with get_current_schema() when the object changes or is new
    db.exec("ALTER TABLE public.orders ADD COLUMN note text; CREATE TABLE public.fresh (id int)")
    for name, status in (("orders", "modified"), ("fresh", "untracked")):
        assert db.one("SELECT status FROM pggit_v0.get_object_metadata('public', %s)", [name])["status"] == status
        assert db.val("SELECT status FROM pggit_v0.get_current_schema() WHERE object_type = 'table' "
                      "AND object_name = %s", [name]) == status


def test_object_history_change_types_and_ddl(db: SqlDb) -> None:
    db.exec("CREATE TABLE public.h (id int)")
    commit(db, "create h")
    db.exec("ALTER TABLE public.h ADD COLUMN v text")
    commit(db, "alter h")
    db.exec("COMMENT ON TABLE public.h IS 'history'")
    commit(db, "comment h")
    db.exec("GRANT SELECT ON public.h TO PUBLIC")
    commit(db, "grant h")
    db.exec("CREATE TABLE public.other (id int)")
    commit(db, "unrelated")
    db.exec("DROP TABLE public.h")
    commit(db, "drop h")
    hist = db.rows("SELECT * FROM pggit_v0.get_object_history('public', 'h')")
    assert [(h["change_type"], h["message"]) for h in hist] == [
        ("DROP", "drop h"), ("GRANT", "grant h"), ("COMMENT", "comment h"), ("ALTER", "alter h"),
        ("CREATE", "create h")]
    assert hist[0]["ddl"] == "DROP TABLE public.h"
    assert hist[3]["ddl"] == "ALTER TABLE public.h ADD COLUMN v text"
    assert len(db.rows("SELECT * FROM pggit_v0.get_object_history('public', 'h', 2)")) == 2
    assert db.rows("SELECT * FROM pggit_v0.get_object_history('public', 'never')") == []
