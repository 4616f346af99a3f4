"""Dependencies recorded at commit time (pg_depend) and migrations ordered by them (issue 13).

Each commit records, per object, the tracked objects (and columns) it depends on, as
pg_depend has them, in a hidden "depends" blob: no OIDs, content-addressed like the rest,
invisible to diffs.  The migration engine orders creates and drops by a topological sort
of those edges and recreates only the views that depend on a changed column.
"""
from __future__ import annotations

from typing import List, Set, Tuple

import pytest

from conftest import SqlDb, install

SCHEMA = """
CREATE SCHEMA app;
CREATE TYPE app.mood AS ENUM ('sad', 'ok');
CREATE DOMAIN app.posint AS integer CHECK (VALUE > 0);
CREATE TABLE app.parent (id serial PRIMARY KEY, name text, m app.mood, n app.posint);
CREATE TABLE app.child (id int PRIMARY KEY, parent_id int REFERENCES app.parent (id));
CREATE TABLE app.events (at date, v int) PARTITION BY RANGE (at);
CREATE TABLE app.events_2026 PARTITION OF app.events FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');
CREATE VIEW app.names AS SELECT p.id, p.name FROM app.parent p;
CREATE VIEW app.moods AS SELECT p.m FROM app.parent p;
CREATE VIEW app.on_names AS SELECT n.name FROM app.names n;
CREATE FUNCTION app.all_parents() RETURNS SETOF app.parent LANGUAGE sql STABLE BEGIN ATOMIC SELECT * FROM app.parent; END;
CREATE FUNCTION app.touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
CREATE TRIGGER child_touch BEFORE UPDATE ON app.child FOR EACH ROW EXECUTE FUNCTION app.touch();
"""


def deps(d: SqlDb, ref: str = "HEAD") -> Set[Tuple[str, str, str, str]]:
    return {(r["path"], r["part"], r["depends_on"], r["depends_on_column"] or "")
            for r in d.rows("SELECT * FROM pggit_v0.get_dependencies(%s)", [ref])}


def script_lines(d: SqlDb, a: str, b: str) -> List[str]:
    text = d.val("SELECT pggit_v0.generate_migration(%s, %s)", [a, b])
    return [line for line in text.splitlines() if line and not line.startswith("--")]


def test_commit_records_what_pg_depend_says(db: SqlDb) -> None:
    db.exec(SCHEMA)
    db.exec("SELECT pggit_v0.create_basic_commit('schema')")
    got = deps(db)
    expected = {
        # column types, defaults (serial: its sequence), the sequence's OWNED BY
        ("app/table/parent", "column m", "app/type/mood", ""),
        ("app/table/parent", "column n", "app/domain/posint", ""),
        ("app/table/parent", "column id", "app/sequence/parent_id_seq", ""),
        ("app/sequence/parent_id_seq", "owned_by", "app/table/parent", "id"),
        # a foreign key: on the table and on the referenced column
        ("app/table/child", "constraint child_parent_id_fkey", "app/table/parent", ""),
        ("app/table/child", "constraint child_parent_id_fkey", "app/table/parent", "id"),
        # a trigger's function, a partition's parent
        ("app/table/child", "trigger child_touch", "app/function/touch()", ""),
        ("app/table/events_2026", "definition", "app/table/events", ""),
        # views: the columns they read, views on views
        ("app/view/names", "definition", "app/table/parent", "id"),
        ("app/view/names", "definition", "app/table/parent", "name"),
        ("app/view/moods", "definition", "app/table/parent", "m"),
        ("app/view/on_names", "definition", "app/view/names", "name"),
        # an SQL-standard body and its result type (the table's row type is the table)
        ("app/function/all_parents()", "definition", "app/table/parent", ""),
    }
    assert expected <= got, sorted(expected - got)
    # nothing points at built-in objects, schemas or the object itself (but for a
    # trigger, policy or rule reading a column of its own table: none here)
    assert not {g for g in got if g[2].startswith(("pg_catalog/", "app/schema/")) or g[0] == g[2]}
    # one object's edges: from it and to it, nothing else; routines by name, any overload
    parent = {(r["path"], r["part"], r["depends_on"], r["depends_on_column"] or "")
              for r in db.rows("SELECT * FROM pggit_v0.get_dependencies('HEAD', 'app', 'parent')")}
    assert parent == {g for g in got if "app/table/parent" in (g[0], g[2])}
    assert ("app/view/names", "definition", "app/table/parent", "id") in parent
    assert {r["path"] for r in db.rows("SELECT * FROM pggit_v0.get_dependencies('HEAD', 'app', 'all_parents')")} \
        == {"app/function/all_parents()"}
    assert db.rows("SELECT * FROM pggit_v0.get_dependencies('HEAD', 'other', 'parent')") == []


def test_dependencies_are_no_changes_of_their_own(db: SqlDb) -> None:
    db.exec(SCHEMA)
    db.exec("SELECT pggit_v0.create_basic_commit('schema')")
    paths = [r["path"] for r in db.rows("SELECT path FROM pggit_v0.diff_commits('HEAD~1', 'HEAD')")]
    assert paths and not [p for p in paths if "depends" in p]
    assert db.rows("SELECT * FROM pggit_v0.status()") == []
    # a view gaining a dependency changes its definition: one path, no "depends" path
    db.exec("CREATE OR REPLACE VIEW app.moods AS SELECT p.m, p.name FROM app.parent p")
    db.exec("SELECT pggit_v0.create_basic_commit('moods read name')")
    assert [r["path"] for r in db.rows("SELECT path FROM pggit_v0.diff_commits('HEAD~1', 'HEAD')")] \
        == ["app/view/moods"]
    assert ("app/view/moods", "definition", "app/table/parent", "name") in deps(db)
    assert ("app/view/moods", "definition", "app/table/parent", "name") not in deps(db, "HEAD~1")


def test_incremental_commits_keep_dependencies_exact(db: SqlDb) -> None:
    """Renames and drops re-read only what they touch; the recorded edges follow."""
    db.exec(SCHEMA)
    db.exec("SELECT pggit_v0.create_basic_commit('schema')")
    db.exec("SET pggit.verify_incremental = on")   # every incremental commit checked against a full one
    db.exec("ALTER TABLE app.parent RENAME COLUMN name TO title")
    db.exec("SELECT pggit_v0.create_basic_commit('rename column')")
    got = deps(db)
    assert ("app/view/names", "definition", "app/table/parent", "title") in got
    assert not [g for g in got if g[2] == "app/table/parent" and g[3] == "name"]
    assert ("app/view/on_names", "definition", "app/view/names", "name") in got   # the view's column keeps its name
    db.exec("ALTER TABLE app.parent RENAME TO mother")
    db.exec("SELECT pggit_v0.create_basic_commit('rename table')")
    got = deps(db)
    assert ("app/view/names", "definition", "app/table/mother", "title") in got
    assert ("app/table/child", "constraint child_parent_id_fkey", "app/table/mother", "id") in got
    db.exec("DROP VIEW app.on_names")
    db.exec("SELECT pggit_v0.create_basic_commit('drop view')")
    assert not [g for g in deps(db) if g[0] == "app/view/on_names"]
    # a full snapshot of the live schema records what the incremental commits did
    live = db.rows("SELECT schema_name, kind || ' ' || name AS obj_key, definition FROM pggit_v0._snapshot() "
                   "WHERE sub_key = 'depends' ORDER BY 1, 2")
    head = db.rows("SELECT b.schema_name, b.obj_key, o.content AS definition "
                   "FROM pggit_v0._tree_blobs(pggit_v0._commit_tree(pggit_v0._resolve_ref('HEAD')), true) b "
                   "JOIN pggit_v0.objects o ON o.sha = b.blob_sha WHERE b.sub_key = 'depends' ORDER BY 1, 2")
    assert live == head
    assert len(live) == len(db.rows("SELECT DISTINCT schema_name, kind, name FROM pggit_v0._snapshot()"))


def test_hostile_names_round_trip(db: SqlDb, empty_db: SqlDb) -> None:
    db.exec('CREATE SCHEMA "s\tp"; CREATE TABLE "s\tp"."t\\a\nb" ("c\tol" int);'
            'CREATE VIEW "s\tp"."v\\" AS SELECT "c\tol" FROM "s\tp"."t\\a\nb";')
    db.exec("SELECT pggit_v0.create_basic_commit('hostile')")
    rows = db.rows("SELECT d.* FROM pggit_v0._tree_objects(pggit_v0._commit_tree(pggit_v0._resolve_ref('HEAD'))) o "
                   "JOIN pggit_v0._tree_deps(ARRAY[o.obj_tree]) d ON true")
    assert [(r["part"], r["ref_schema"], r["ref_key"], r["ref_column"]) for r in rows] \
        == [("definition", "s\tp", "table t\\a\nb", "column c\tol")]
    # the whole schema migrates from the baseline (on an empty database) and back
    base = db.val("SELECT commit_sha FROM pggit_v0.get_commit_history(10) ORDER BY committed_at LIMIT 1")
    empty_db.psql(sql=db.val("SELECT pggit_v0.generate_migration(%s, 'HEAD')", [base]))
    assert empty_db.val("""SELECT count(*) FROM pg_views WHERE schemaname = E's\\tp'""") == 1
    assert db.one("SELECT * FROM pggit_v0.verify_migration(%s)", [base])["ok"]


def test_graph_depth_is_a_topological_sort(db: SqlDb) -> None:
    def depth(n: int, edges: List[Tuple[int, int]]) -> List[int]:
        rows = db.rows("SELECT * FROM pggit_v0._graph_depth(%s, %s, %s) ORDER BY idx",
                       [n, [e[0] for e in edges], [e[1] for e in edges]])
        return [r["depth"] for r in rows]
    # 2 and 3 depend on 1, 4 on 3: longest chains
    assert depth(4, [(2, 1), (3, 1), (4, 3)]) == [0, 1, 1, 2]
    assert depth(3, []) == [0, 0, 0]
    # a chain of 2,000: linear, every node one deeper
    chain = [(i + 1, i) for i in range(1, 2000)]
    assert depth(2000, chain) == list(range(2000))
    # a cycle (1 <-> 2) below 3: the cycle shares a level, 3 comes after it
    got = depth(3, [(1, 2), (2, 1), (3, 2)])
    assert got[2] > max(got[0], got[1])


def test_creates_follow_the_graph_where_names_mislead(db: SqlDb, empty_db: SqlDb) -> None:
    """A view whose text names another view it does not read (in a string) and is read
    by it: reading names gives a cycle and the wrong order; the recorded graph does not."""
    base = db.val("SELECT pggit_v0._head_commit()")
    db.exec("CREATE SCHEMA app;"
            "CREATE VIEW app.a AS SELECT 'app.b'::text AS label;"
            "CREATE VIEW app.b AS SELECT a.label FROM app.a;")
    db.exec("SELECT pggit_v0.create_basic_commit('views')")
    lines = script_lines(db, base, "HEAD")
    creates = [line for line in lines if line.startswith("CREATE VIEW")]
    assert [c.split()[2] for c in creates] == ["app.a", "app.b"], lines
    back = script_lines(db, "HEAD", base)
    drops = [line for line in back if line.startswith("DROP VIEW")]
    assert [c.split()[4].rstrip(";") for c in drops] == ["app.b", "app.a"], back
    empty_db.psql(sql=db.val("SELECT pggit_v0.generate_migration(%s, 'HEAD')", [base]))
    assert db.one("SELECT * FROM pggit_v0.verify_migration(%s)", [base])["ok"]


def test_only_views_reading_the_changed_column_are_rebuilt(db: SqlDb, empty_db: SqlDb) -> None:
    """Column-level dependencies: a view that mentions a column of the same name in another
    table is left alone; only the view reading the retyped column is recreated."""
    db.exec("CREATE SCHEMA app;"
            "CREATE TABLE app.t (id int, name text);"
            "CREATE TABLE app.other (id int);"
            "CREATE VIEW app.reads_id AS SELECT t.id FROM app.t;"
            "CREATE VIEW app.reads_name AS SELECT t.name, (SELECT count(*) FROM app.other o WHERE o.id > 0) AS n FROM app.t;")
    db.exec("SELECT pggit_v0.create_basic_commit('views')")
    db.exec("DROP VIEW app.reads_id; ALTER TABLE app.t ALTER COLUMN id TYPE bigint;"
            "CREATE VIEW app.reads_id AS SELECT t.id FROM app.t;")
    db.exec("SELECT pggit_v0.create_basic_commit('id bigint')")
    lines = script_lines(db, "HEAD~1", "HEAD")
    assert any(line.startswith("ALTER TABLE app.t ALTER COLUMN id TYPE bigint") for line in lines), lines
    assert any("app.reads_id" in line for line in lines if line.startswith("DROP VIEW")), lines
    assert not [line for line in lines if "reads_name" in line], lines
    assert db.one("SELECT * FROM pggit_v0.verify_migration('HEAD~1')")["ok"]
    # forward, on a database built to HEAD~1 from the baseline
    base = db.val("SELECT commit_sha FROM pggit_v0.get_commit_history(10) ORDER BY committed_at LIMIT 1")
    empty_db.psql(sql=db.val("SELECT pggit_v0.generate_migration(%s, 'HEAD~1')", [base]))
    empty_db.psql(sql=db.val("SELECT pggit_v0.generate_migration('HEAD~1', 'HEAD')"))
    assert empty_db.val("SELECT format_type(atttypid, NULL) FROM pg_attribute "
                        "WHERE attrelid = 'app.t'::regclass AND attname = 'id'") == "bigint"


OWN_COLUMN_READERS = """
CREATE SCHEMA app;
CREATE FUNCTION app.note() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
CREATE TABLE app.t (id int, note varchar(20), kind text);
CREATE TRIGGER reads_note BEFORE UPDATE ON app.t FOR EACH ROW WHEN (NEW.note IS NOT NULL) EXECUTE FUNCTION app.note();
CREATE TRIGGER update_of_note BEFORE UPDATE OF note ON app.t FOR EACH ROW EXECUTE FUNCTION app.note();
CREATE TRIGGER names_note BEFORE UPDATE ON app.t FOR EACH ROW WHEN (NEW.kind <> 'note') EXECUTE FUNCTION app.note();
CREATE TRIGGER whole_row BEFORE UPDATE ON app.t FOR EACH ROW WHEN (OLD.* IS DISTINCT FROM NEW.*) EXECUTE FUNCTION app.note();
ALTER TABLE app.t ENABLE ROW LEVEL SECURITY;
CREATE POLICY reads ON app.t USING (note IS NOT NULL);
CREATE POLICY names ON app.t USING (kind <> 'note');
CREATE RULE reads_rule AS ON INSERT TO app.t WHERE NEW.note IS NULL DO INSTEAD NOTHING;
CREATE RULE names_rule AS ON DELETE TO app.t WHERE OLD.kind = 'note' DO INSTEAD NOTHING;
INSERT INTO app.t VALUES (1, 'x', 'k');
"""


def test_triggers_policies_and_rules_reading_a_retyped_column_are_rebuilt(db: SqlDb, empty_db: SqlDb) -> None:
    """PostgreSQL refuses to change the type of a column a trigger (WHEN, UPDATE OF), a
    policy or a rule reads.  The edges each records to its own table's columns decide
    which are dropped and created again: not those that only name the column in a
    string, nor one comparing whole rows."""
    db.exec(OWN_COLUMN_READERS)
    db.exec("SELECT pggit_v0.create_basic_commit('readers')")
    got = deps(db)
    assert {g for g in got if g[0] == g[2]} == {
        ("app/table/t", "trigger reads_note", "app/table/t", "note"),
        ("app/table/t", "trigger update_of_note", "app/table/t", "note"),
        ("app/table/t", "trigger names_note", "app/table/t", "kind"),
        ("app/table/t", "policy reads", "app/table/t", "note"),
        ("app/table/t", "policy names", "app/table/t", "kind"),
        ("app/table/t", "rule reads_rule", "app/table/t", "note"),
        ("app/table/t", "rule names_rule", "app/table/t", "kind"),
    }
    # the change by hand, as PostgreSQL requires it (an incremental commit records it)
    db.exec("DROP TRIGGER reads_note ON app.t; DROP TRIGGER update_of_note ON app.t;"
            "DROP POLICY reads ON app.t; DROP RULE reads_rule ON app.t;"
            "ALTER TABLE app.t ALTER COLUMN note TYPE varchar(40);"
            "CREATE TRIGGER reads_note BEFORE UPDATE ON app.t FOR EACH ROW WHEN (NEW.note IS NOT NULL) "
            "EXECUTE FUNCTION app.note();"
            "CREATE TRIGGER update_of_note BEFORE UPDATE OF note ON app.t FOR EACH ROW EXECUTE FUNCTION app.note();"
            "CREATE POLICY reads ON app.t USING (note IS NOT NULL);"
            "CREATE RULE reads_rule AS ON INSERT TO app.t WHERE NEW.note IS NULL DO INSTEAD NOTHING;")
    db.exec("SELECT pggit_v0.create_basic_commit('note varchar(40)')")
    for a, b in (("HEAD~1", "HEAD"), ("HEAD", "HEAD~1")):
        lines = script_lines(db, a, b)
        drops = sorted(line for line in lines if line.startswith("DROP "))
        assert drops == ["DROP POLICY IF EXISTS reads ON app.t;", "DROP RULE IF EXISTS reads_rule ON app.t;",
                         "DROP TRIGGER IF EXISTS reads_note ON app.t;",
                         "DROP TRIGGER IF EXISTS update_of_note ON app.t;"], lines
        assert not [line for line in lines if "names" in line or "whole_row" in line], lines
    # both ways on a live database with a row: backward here, then forward on another
    assert db.one("SELECT * FROM pggit_v0.verify_migration('HEAD~1')")["ok"]
    base = db.val("SELECT commit_sha FROM pggit_v0.get_commit_history(10) ORDER BY committed_at LIMIT 1")
    empty_db.psql(sql=db.val("SELECT pggit_v0.generate_migration(%s, 'HEAD~1')", [base]))
    empty_db.exec("INSERT INTO app.t VALUES (1, 'x', 'k')")
    empty_db.psql(sql=db.val("SELECT pggit_v0.generate_migration('HEAD~1', 'HEAD')"))
    assert empty_db.val("SELECT format_type(atttypid, atttypmod) FROM pg_attribute "
                        "WHERE attrelid = 'app.t'::regclass AND attname = 'note'") == "character varying(40)"
    assert empty_db.val("SELECT count(*) FROM pg_trigger WHERE tgrelid = 'app.t'::regclass") == 4


def test_a_view_and_a_function_reading_each_other_are_created_through_a_stub(db: SqlDb, empty_db: SqlDb) -> None:
    """A cycle (an SQL-standard body reads a view that calls it): the function is created
    first as a stub with the same signature, then the view, then the real function."""
    base = db.val("SELECT pggit_v0._head_commit()")
    db.exec("CREATE SCHEMA cyc;"
            "CREATE VIEW cyc.v AS SELECT 1 AS a;"
            "CREATE FUNCTION cyc.f() RETURNS bigint LANGUAGE sql STABLE BEGIN ATOMIC SELECT count(*) FROM cyc.v; END;"
            "CREATE OR REPLACE VIEW cyc.v AS SELECT 1 AS a, cyc.f() AS b;")
    db.exec("SELECT pggit_v0.create_basic_commit('cycle')")
    got = deps(db)
    assert ("cyc/view/v", "definition", "cyc/function/f()", "") in got
    assert ("cyc/function/f()", "definition", "cyc/view/v", "") in got or \
        ("cyc/function/f()", "definition", "cyc/view/v", "a") in got, got
    script = db.val("SELECT pggit_v0.generate_migration(%s, 'HEAD')", [base])
    stub = script.index("$pggit_stub$")
    view = script.index("CREATE VIEW cyc.v")
    real = script.index("BEGIN ATOMIC")
    assert stub < view < real, script
    empty_db.psql(sql=script)
    assert empty_db.val("SELECT count(*) FROM cyc.v") == 1
    assert empty_db.val("SELECT prosqlbody IS NOT NULL FROM pg_proc WHERE proname = 'f'") is True


def test_a_view_and_a_function_reading_each_other_are_dropped(db: SqlDb) -> None:
    """The routine is replaced by a stub first (it then depends on nothing), then the view
    and the routine are dropped."""
    db.exec("CREATE SCHEMA cyc;"
            "CREATE VIEW cyc.v AS SELECT 1 AS a;"
            "CREATE FUNCTION cyc.f() RETURNS bigint LANGUAGE sql STABLE BEGIN ATOMIC SELECT count(*) FROM cyc.v; END;"
            "CREATE OR REPLACE VIEW cyc.v AS SELECT 1 AS a, cyc.f() AS b;")
    db.exec("SELECT pggit_v0.create_basic_commit('cycle')")
    script = db.val("SELECT pggit_v0.generate_migration('HEAD', 'HEAD~1')")
    assert script.index("$pggit_stub$") < script.index("DROP VIEW IF EXISTS cyc.v") \
        < script.index("DROP FUNCTION IF EXISTS cyc.f()"), script
    assert db.one("SELECT * FROM pggit_v0.verify_migration('HEAD~1')")["ok"]


def test_a_rebuilt_type_takes_along_what_recorded_using_it(db: SqlDb, empty_db: SqlDb) -> None:
    """An enum losing a value is rebuilt: the domain over it, the columns of both, the check
    comparing one of its labels are converted or dropped and made again, as their recorded
    dependencies say.  A check whose text only names the type in a string is left alone,
    and the routine whose SQL-standard body uses the type follows it."""
    a = """CREATE SCHEMA app;
    CREATE TYPE app.mood AS ENUM ('sad', 'ok', 'happy');
    CREATE DOMAIN app.dmood AS app.mood;
    CREATE TABLE app.t (id int PRIMARY KEY, m app.mood, d app.dmood, note text,
                        CONSTRAINT not_sad CHECK (m <> 'sad'::app.mood),
                        CONSTRAINT note_label CHECK (note <> 'app.mood'));
    CREATE FUNCTION app.is_ok() RETURNS boolean LANGUAGE sql STABLE
        BEGIN ATOMIC SELECT 'ok'::app.mood < 'sad'::app.mood; END;"""
    base = db.val("SELECT pggit_v0._head_commit()")
    db.exec(a)
    db.exec("SELECT pggit_v0.create_basic_commit('a')")
    db.exec("DROP FUNCTION app.is_ok(); ALTER TABLE app.t DROP CONSTRAINT not_sad;"
            "ALTER TYPE app.mood RENAME TO mood_x; CREATE TYPE app.mood AS ENUM ('sad', 'ok');"
            # (d keeps its values: dropped with DROP DOMAIN ... CASCADE and added again,
            # it would be another column, as the history made it, E11)
            "ALTER TABLE app.t ALTER COLUMN d TYPE text USING d::text;"
            "DROP DOMAIN app.dmood; CREATE DOMAIN app.dmood AS app.mood;"
            "ALTER TABLE app.t ALTER COLUMN m TYPE app.mood USING m::text::app.mood,"
            "  ALTER COLUMN d TYPE app.dmood USING d::app.dmood,"
            "  ADD CONSTRAINT not_sad CHECK (m <> 'sad'::app.mood);"
            "DROP TYPE app.mood_x;"
            "CREATE FUNCTION app.is_ok() RETURNS boolean LANGUAGE sql STABLE"
            "  BEGIN ATOMIC SELECT 'ok'::app.mood < 'sad'::app.mood; END;")
    db.exec("SELECT pggit_v0.create_basic_commit('b')")
    assert ("app/table/t", "constraint not_sad", "app/type/mood", "") in deps(db)
    lines = script_lines(db, "HEAD~1", "HEAD")
    assert "ALTER TABLE app.t DROP CONSTRAINT IF EXISTS not_sad;" in lines, lines
    assert "ALTER TABLE app.t ALTER COLUMN d TYPE app.dmood USING d::text::app.dmood;" in lines, lines
    assert "DROP FUNCTION IF EXISTS app.is_ok();" in lines, lines
    assert not [line for line in lines if "note_label" in line], lines
    # run on a database holding the first commit, with rows
    empty_db.psql(sql=db.val("SELECT pggit_v0.generate_migration(%s, 'HEAD~1')", [base]))
    empty_db.exec("INSERT INTO app.t VALUES (1, 'ok', 'sad', 'x')")
    empty_db.psql(sql=db.val("SELECT pggit_v0.generate_migration('HEAD~1', 'HEAD')"))
    assert empty_db.val("SELECT m::text || d::text FROM app.t") == "oksad"
    assert empty_db.val("SELECT app.is_ok()") is False
    assert db.one("SELECT * FROM pggit_v0.verify_migration('HEAD~1')")["ok"]


def test_a_recreated_routine_takes_along_the_parts_that_call_it(db: SqlDb, empty_db: SqlDb) -> None:
    """A function whose result type changes is dropped and created again: the column default
    calling it (recorded) is dropped first and set again after; a check that only names it
    in a string is left alone."""
    base = db.val("SELECT pggit_v0._head_commit()")
    db.exec("CREATE SCHEMA app;"
            "CREATE FUNCTION app.f(int) RETURNS int LANGUAGE sql IMMUTABLE AS 'SELECT $1 + 1';"
            "CREATE TABLE app.t (a int DEFAULT app.f(1), note text CONSTRAINT note_label CHECK (note <> 'app.f(1)'));")
    db.exec("SELECT pggit_v0.create_basic_commit('a')")
    db.exec("ALTER TABLE app.t ALTER COLUMN a DROP DEFAULT; DROP FUNCTION app.f(int);"
            "CREATE FUNCTION app.f(int) RETURNS bigint LANGUAGE sql IMMUTABLE AS 'SELECT $1 + 2';"
            "ALTER TABLE app.t ALTER COLUMN a SET DEFAULT app.f(1);")
    db.exec("SELECT pggit_v0.create_basic_commit('b')")
    assert ("app/table/t", "column a", "app/function/f(integer)", "") in deps(db)
    lines = script_lines(db, "HEAD~1", "HEAD")
    drop_default = lines.index("ALTER TABLE app.t ALTER COLUMN a DROP DEFAULT;")
    drop_function = lines.index("DROP FUNCTION IF EXISTS app.f(integer);")
    set_default = next(i for i, line in enumerate(lines) if line.startswith("ALTER TABLE app.t ALTER COLUMN a SET DEFAULT"))
    assert drop_default < drop_function < set_default, lines
    assert not [line for line in lines if "note_label" in line], lines
    empty_db.psql(sql=db.val("SELECT pggit_v0.generate_migration(%s, 'HEAD~1')", [base]))
    empty_db.psql(sql=db.val("SELECT pggit_v0.generate_migration('HEAD~1', 'HEAD')"))
    empty_db.exec("INSERT INTO app.t (note) VALUES ('x')")
    assert empty_db.val("SELECT a FROM app.t") == 3
    assert db.one("SELECT * FROM pggit_v0.verify_migration('HEAD~1')")["ok"]


CHAIN = """
CREATE SCHEMA app;
CREATE TABLE app.node (id int PRIMARY KEY, parent int REFERENCES app.node (id), name varchar(20));
CREATE TABLE app.leaf (id int PRIMARY KEY, node_id int REFERENCES app.node (id));
CREATE TABLE app.other (id int PRIMARY KEY, node_name varchar(20));
CREATE VIEW app.names AS SELECT n.id, n.name FROM app.node n;
CREATE VIEW app.on_names AS SELECT x.name FROM app.names x;
CREATE VIEW app.on_on_names AS SELECT y.name FROM app.on_names y;
CREATE VIEW app.ids AS SELECT n.id FROM app.node n;
"""


def test_what_depends_on_a_changed_object_is_found_through_the_reverse_index(db: SqlDb) -> None:
    """The engine looks up what depends on a changed table in dep_refs (which "depends"
    blobs name it) instead of reading every object: views over views reading the changed
    column, foreign keys of other tables and of the table itself on its retyped key; a
    view reading another column and a table that only names the column stay."""
    db.exec(CHAIN)
    db.exec("SELECT pggit_v0.create_basic_commit('chain')")
    assert db.val("SELECT count(*) FROM pggit_v0.dep_refs WHERE ref_schema = 'app' AND ref_key = 'table node'") >= 2
    db.exec("DROP VIEW app.on_on_names, app.on_names, app.names, app.ids;"
            "ALTER TABLE app.node ALTER COLUMN id TYPE bigint, ALTER COLUMN name TYPE varchar(40);"
            "ALTER TABLE app.node ALTER COLUMN parent TYPE bigint;"
            "CREATE VIEW app.names AS SELECT n.id, n.name FROM app.node n;"
            "CREATE VIEW app.on_names AS SELECT x.name FROM app.names x;"
            "CREATE VIEW app.on_on_names AS SELECT y.name FROM app.on_names y;"
            "CREATE VIEW app.ids AS SELECT n.id FROM app.node n;")
    db.exec("SELECT pggit_v0.create_basic_commit('wider')")
    lines = script_lines(db, "HEAD~1", "HEAD")
    drops = {line for line in lines if line.startswith(("DROP VIEW", "ALTER TABLE app.leaf DROP", "ALTER TABLE app.node DROP"))}
    assert drops == {"DROP VIEW IF EXISTS app.on_on_names;", "DROP VIEW IF EXISTS app.on_names;",
                     "DROP VIEW IF EXISTS app.names;", "DROP VIEW IF EXISTS app.ids;",
                     "ALTER TABLE app.leaf DROP CONSTRAINT IF EXISTS leaf_node_id_fkey;",
                     "ALTER TABLE app.node DROP CONSTRAINT IF EXISTS node_parent_fkey;"}, lines
    assert not [line for line in lines if "app.other" in line], lines
    assert db.one("SELECT * FROM pggit_v0.verify_migration('HEAD~1')")["ok"]


def test_the_reverse_index_is_rebuilt_by_an_install(db: SqlDb) -> None:
    """dep_refs is derived from the stored "depends" blobs: rows missing from it (a store
    from before it existed, or restored by hand) come back with the next install, and
    the engine then finds the same dependants."""
    db.exec(CHAIN)
    db.exec("SELECT pggit_v0.create_basic_commit('chain')")
    db.exec("ALTER TABLE app.leaf DROP CONSTRAINT leaf_node_id_fkey;"
            "ALTER TABLE app.node DROP CONSTRAINT node_parent_fkey, DROP CONSTRAINT node_pkey;"
            "ALTER TABLE app.node ADD PRIMARY KEY (id, name);")
    db.exec("SELECT pggit_v0.create_basic_commit('other key')")
    before = script_lines(db, "HEAD~1", "HEAD")
    full = db.rows("SELECT * FROM pggit_v0.dep_refs ORDER BY 1, 2, 3")
    assert full
    with pytest.raises(Exception, match="append-only"):
        db.exec("DELETE FROM pggit_v0.dep_refs")
    db.exec("SET pggit.allow_history_rewrite = on; DELETE FROM pggit_v0.dep_refs; RESET pggit.allow_history_rewrite")
    install(db)
    assert db.rows("SELECT * FROM pggit_v0.dep_refs ORDER BY 1, 2, 3") == full
    assert script_lines(db, "HEAD~1", "HEAD") == before
