"""The snapshot by names (what an incremental commit reads) runs in groups of kinds, each
only when an object of its kinds may bear one of the names: it must still give exactly
the rows the whole snapshot has for those names, whatever kinds share a name."""
from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Dict, List, Set, Tuple

from conftest import SqlDb, require_extensions

KINDS_SQL = (Path(__file__).parent / "kinds.sql").read_text()

# names borne by objects of several groups of kinds at once (a table and a routine, a
# text search configuration, a collation and statistics; a type and a routine and a
# dictionary; a view and a routine), and one that only a routine bears
SHARED_SQL = """
CREATE SCHEMA shared;
CREATE TABLE shared.dup (id int PRIMARY KEY, a int, b int);
CREATE FUNCTION shared.dup(int) RETURNS int LANGUAGE sql AS 'SELECT $1';
CREATE TEXT SEARCH CONFIGURATION shared.dup (COPY = pg_catalog.simple);
CREATE COLLATION shared.dup (locale = 'C');
CREATE STATISTICS shared.dup ON a, b FROM shared.dup;
CREATE TYPE shared.mood AS ENUM ('a', 'b');
CREATE FUNCTION shared.mood() RETURNS shared.mood LANGUAGE sql AS $$SELECT 'a'::shared.mood$$;
CREATE TEXT SEARCH DICTIONARY shared.mood (TEMPLATE = pg_catalog.simple);
CREATE VIEW shared.v AS SELECT d.id, shared.mood() AS m FROM shared.dup d;
CREATE FUNCTION shared.v() RETURNS int LANGUAGE sql AS 'SELECT 1';
CREATE FUNCTION shared.only_routine() RETURNS shared.dup LANGUAGE sql AS 'SELECT * FROM shared.dup';
-- comments on a trigger, a policy and a rule (whole snapshots read them from the comments)
CREATE FUNCTION shared.touch() RETURNS trigger LANGUAGE plpgsql AS 'BEGIN RETURN NEW; END';
CREATE TRIGGER dup_touch BEFORE UPDATE ON shared.dup FOR EACH ROW EXECUTE FUNCTION shared.touch();
COMMENT ON TRIGGER dup_touch ON shared.dup IS 'keeps it fresh';
CREATE POLICY dup_mine ON shared.dup USING (a > 0);
COMMENT ON POLICY dup_mine ON shared.dup IS 'rows of mine';
CREATE RULE dup_quiet AS ON DELETE TO shared.dup DO ALSO NOTHING;
COMMENT ON RULE dup_quiet ON shared.dup IS 'says nothing';
"""

Row = Tuple[str, str, str, str, str, str]


def snapshot(db: SqlDb, schema: "str | None", names: "List[str] | None") -> List[Row]:
    return sorted(tuple(r.values()) for r in db.rows(
        "SELECT schema_name, kind, name, bare_name, sub_key, definition "
        "FROM pggit_v0._snapshot_names(%s, %s)", [schema, names]))


def test_snapshot_by_names_is_the_whole_snapshots_rows_of_those_names(db: SqlDb) -> None:
    require_extensions(db, "hstore")
    db.exec(KINDS_SQL)
    db.exec(SHARED_SQL)
    whole = snapshot(db, None, None)
    by_name: Dict[Tuple[str, str], List[Row]] = defaultdict(list)
    for r in whole:
        by_name[(r[0], r[3])].append(r)
    # every group of kinds is there, and names shared across groups
    kinds = {r[1] for r in whole}
    assert {"table", "view", "function", "type", "domain", "collation", "text_search_configuration",
            "text_search_dictionary", "statistics", "extension", "schema"} <= kinds, kinds
    assert {r[1] for r in by_name[("shared", "dup")]} >= {"table", "function", "collation",
                                                         "text_search_configuration", "statistics"}
    assert {r[4] for r in by_name[("shared", "dup")]} >= {"trigger_comment dup_touch", "policy_comment dup_mine",
                                                         "rule_comment dup_quiet"}
    differ: List[str] = []
    for (schema, name), rows in sorted(by_name.items()):
        got = snapshot(db, schema, [name])
        if got != sorted(rows):
            differ.append(f"{schema}/{name}: missing {sorted(set(rows) - set(got))[:3]}, "
                          f"extra {sorted(set(got) - set(rows))[:3]}")
    assert not differ, "\n".join(differ)
    # several names at once, and names nothing bears
    schemas: Dict[str, Set[str]] = defaultdict(set)
    for schema, name in by_name:
        schemas[schema].add(name)
    for schema, names in schemas.items():
        assert snapshot(db, schema, sorted(names) + ["no_such_name"]) == sorted(
            r for r in whole if r[0] == schema), schema
    assert snapshot(db, "shared", ["no_such_name"]) == []
    assert snapshot(db, "no_such_schema", ["dup"]) == []


def test_incremental_commits_of_shared_names_match_full_snapshots(db: SqlDb) -> None:
    """pggit.verify_incremental (on in every test) compares each incremental commit with
    a full snapshot: changes to objects whose names other kinds bear too."""
    db.exec(SHARED_SQL)
    db.exec("SELECT pggit_v0.create_basic_commit('shared names')")
    for ddl in ("ALTER TABLE shared.dup ADD COLUMN c int",
                "CREATE OR REPLACE FUNCTION shared.dup(int) RETURNS int LANGUAGE sql AS 'SELECT $1 + 1'",
                "ALTER TYPE shared.mood ADD VALUE 'c'",
                "DROP VIEW shared.v",
                "DROP FUNCTION shared.v()",
                "CREATE INDEX dup_c_idx ON shared.dup (c)",
                "ALTER TABLE shared.dup DROP COLUMN c"):
        db.exec(ddl)
        sha = db.val("SELECT pggit_v0.create_basic_commit(%s)", [ddl])
        assert sha
        note = db.val("SELECT detail FROM pggit_v0.op_timings WHERE operation = 'commit' ORDER BY id DESC LIMIT 1")
        assert "incremental snapshot" in note, (ddl, note)


def test_full_commit_over_a_parent_writes_only_what_is_not_stored(db: SqlDb) -> None:
    """A full snapshot (here pggit.full_snapshot) hashes every blob but writes only the
    trees not stored yet (_write_tree_rows: a stored object tree is one index probe): its
    root must be the staged tree's, and the rows it says it wrote the rows the store
    gained, changed or not."""
    require_extensions(db, "hstore")
    db.exec(KINDS_SQL)
    db.exec(SHARED_SQL)
    db.exec("SELECT pggit_v0.create_basic_commit('kinds and shared names')")
    db.exec("SET pggit.full_snapshot = on")
    steps = ["",   # nothing changed
             "ALTER TABLE shared.dup ADD COLUMN c int; DROP VIEW shared.v; CREATE TABLE shared.t2 (id int)",
             "COMMENT ON TABLE shared.t2 IS 'moved'; ALTER TYPE shared.mood ADD VALUE 'c'"]
    count = ("SELECT (SELECT count(*) FROM pggit_v0.objects) + (SELECT count(*) FROM pggit_v0.tree_entries)")
    for i, ddl in enumerate(steps):
        if ddl:
            db.exec(ddl)
        parent_tree = db.val("SELECT pggit_v0._commit_tree(pggit_v0.get_head_sha())")
        staged = db.val("SELECT tree_sha FROM pggit_v0._stage() WHERE depth = 0 LIMIT 1")
        before = db.val(count)
        sha = db.val("SELECT pggit_v0.create_basic_commit(%s)", [f"full snapshot {i}"])
        written = db.val(count) - before - 1   # (the commit object)
        tree = db.val("SELECT pggit_v0._commit_tree(%s)", [sha])
        assert tree == staged, ddl
        assert (tree == parent_tree) == (ddl == ""), ddl
        assert (written == 0) == (ddl == ""), (ddl, written)
        note = db.val("SELECT detail FROM pggit_v0.op_timings WHERE operation = 'commit' ORDER BY id DESC LIMIT 1")
        assert "full snapshot" in note and f"{written + 3} rows written" in note, (ddl, note)
        # every blob of the new tree is stored: one per snapshot row
        blobs = db.one("SELECT count(*) AS n, count(*) FILTER (WHERE NOT EXISTS ("
                       "SELECT 1 FROM pggit_v0.objects o WHERE o.sha = b.blob_sha)) AS missing "
                       "FROM pggit_v0._tree_blobs(%s, true) b", [tree])
        assert blobs == {"n": db.val("SELECT count(*) FROM pggit_v0._snapshot()"), "missing": 0}, ddl


def test_dependency_parts_by_names_are_the_whole_maps_rows_of_those_names(db: SqlDb) -> None:
    """A snapshot by names reads its objects' parts for the dependency lines through
    _dep_parts, which plans only the group of kinds asked for (relations: their own
    lookups, _dep_base_rel_names): each group's rows for some names must be the whole
    map's rows of that group and those names, a table's own parts (its row type,
    indexes, keys, defaults, rules, triggers, policies) and a view's rule included."""
    require_extensions(db, "hstore")
    db.exec(KINDS_SQL)
    db.exec(SHARED_SQL)
    # (_dep_base is inlined into its callers, which pin the layer's search_path)
    db.exec("SET search_path = pg_catalog, pggit_v0, pg_temp")
    cols = "classid::regclass::text, objid, owner_class, owner_oid, schema_name, kind, name, bare_name, " \
           "part_kind, part_oid, part_num"
    names = sorted({r["bare_name"] for r in db.rows("SELECT bare_name FROM pggit_v0._dep_base(NULL, true, NULL)")})
    assert {"dup", "mood", "v", "only_routine"} <= set(names)
    seen: Set[str] = set()
    for group in ("rel", "type", "proc", "rest"):
        whole = db.rows(f"SELECT {cols} FROM pggit_v0._dep_base(NULL, true, %s) ORDER BY 1, 2, 9, 10, 11", [group])
        for some in (names, ["dup", "v", "mood", "no_such_name"]):
            got = db.rows(f"SELECT {cols} FROM pggit_v0._dep_parts(%s, false, %s) ORDER BY 1, 2, 9, 10, 11",
                          [some, group])
            assert got == [r for r in whole if r["bare_name"] in some], (group, some)
            seen |= {r["part_kind"] for r in got}
    # (the parts a table and a view have: the map must have had them to compare)
    assert {"definition", "index", "constraint", "column", "rule", "trigger", "policy"} <= seen, seen
