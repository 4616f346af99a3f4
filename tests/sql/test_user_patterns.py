"""Patterns from real schemas that broke whole-schema migrations when tried as a user would
(PostgREST's and graphile/starter's fixtures, a pg_partman journal, Supabase): each is
committed, migrated from the empty baseline onto an empty database and back with real
psql, and judged by pg_dump, as tests/sql/test_real_schemas.py judges whole schemas."""
from __future__ import annotations

from pathlib import Path
from typing import Any, Dict

import pytest

from conftest import SqlDb
from test_real_schemas import dump, pg_dump_binary

CASES: Dict[str, str] = {
    # a policy reading another table (row-level security's membership check): the
    # policy's table is dropped first
    "policy_reads_another_table": """
CREATE TABLE app.members (id int PRIMARY KEY);
CREATE TABLE app.docs (id int PRIMARY KEY);
ALTER TABLE app.docs ENABLE ROW LEVEL SECURITY;
CREATE POLICY members_only ON app.docs USING (EXISTS (SELECT 1 FROM app.members m WHERE m.id = docs.id));
""",
    # a sequence owned by one table and used by another's default (pg_partman's journal)
    "sequence_owned_by_one_table_used_by_another": """
CREATE TABLE app.journal (id bigint);
CREATE SEQUENCE app.journal_id_seq OWNED BY app.journal.id;
CREATE TABLE app.journal_2026 (id bigint DEFAULT nextval('app.journal_id_seq'));
""",
    # a function returning a table's row type, called by a view
    "function_on_a_row_type_called_by_a_view": """
CREATE TABLE app.items (id int);
CREATE FUNCTION app.items_after(i int) RETURNS SETOF app.items LANGUAGE sql STABLE
    AS $$ SELECT * FROM app.items WHERE id > i $$;
CREATE VIEW app.first_items AS SELECT app.items_after(1) AS item;
""",
    # a trigger function named like its table
    "trigger_function_named_like_its_table": """
CREATE TABLE app.audit (id int, name text);
CREATE FUNCTION app.audit() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NULL; END $$;
CREATE TRIGGER audit_insert AFTER INSERT ON app.audit FOR EACH ROW EXECUTE FUNCTION app.audit();
""",
    # an aggregate over a table's row type, its state function too
    "aggregate_over_a_row_type": """
CREATE TABLE app.lines (id int PRIMARY KEY, name text);
CREATE FUNCTION app.lines_trans(state text, next app.lines) RETURNS text LANGUAGE sql IMMUTABLE
    AS $$ SELECT state || next.name $$;
CREATE AGGREGATE app.lines_agg(app.lines) (SFUNC = app.lines_trans, STYPE = text, INITCOND = '');
""",
    # a domain over a table's row type, and a function returning the domain
    "domain_over_a_row_type": """
CREATE TABLE app.projects (id int PRIMARY KEY);
CREATE DOMAIN app.project_d AS app.projects;
CREATE FUNCTION app.get_project(i int) RETURNS app.project_d LANGUAGE sql STABLE
    AS $$ SELECT p::app.project_d FROM app.projects p WHERE p.id = i $$;
CREATE TABLE app.project_refs (p app.project_d);
""",
    # a view reading itself (PostgREST's issues 2283 and 3256): legal once the view exists,
    # so it is created as pg_dump does, a placeholder of typed NULLs replaced by its query
    "view_reading_itself": """
CREATE TABLE app.projects (id int PRIMARY KEY, name text COLLATE "C", budget numeric(9,2));
CREATE VIEW app.looped AS TABLE app.projects;
CREATE OR REPLACE VIEW app.looped AS SELECT * FROM app.looped WHERE budget > 0;
COMMENT ON COLUMN app.looped.name IS 'read from itself';
CREATE VIEW app.over_looped AS SELECT id, name FROM app.looped;
""",
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_a_pattern_migrates_from_empty_and_back(case: str, db: SqlDb, make_empty_db: Any, pggit_server: Any,
                                                pytestconfig: pytest.Config, tmp_path: Path) -> None:
    pg_dump = pg_dump_binary(pytestconfig, pggit_server)
    baseline = db.val("SELECT pggit_v0.get_head_sha()")
    db.exec("CREATE SCHEMA app;" + CASES[case])
    head = db.val("SELECT pggit_v0.create_basic_commit('the pattern')")
    target = make_empty_db()
    empty = dump(pg_dump, target)
    target.psql("-q", sql=db.val("SELECT pggit_v0.generate_migration(%s, %s)", [baseline, head]))
    original, migrated = dump(pg_dump, db), dump(pg_dump, target)
    assert (sorted(original - migrated), sorted(migrated - original)) == ([], [])
    db.psql("-q", sql=db.val("SELECT pggit_v0.generate_migration(%s, %s)", [head, baseline]))
    assert dump(pg_dump, db) == empty


def test_comments_of_parts_dropped_and_added_back_stay(db: SqlDb, make_empty_db: Any, pggit_server: Any,
                                                       pytestconfig: pytest.Config) -> None:
    """A trigger and a policy reading a retyped column, and a foreign key on a retyped key,
    are dropped and added back around the change: their comments come back too."""
    pg_dump = pg_dump_binary(pytestconfig, pggit_server)
    db.exec("""
CREATE SCHEMA app;
CREATE TABLE app.t (id int PRIMARY KEY, n int);
CREATE FUNCTION app.tg() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
CREATE TRIGGER trg BEFORE UPDATE OF n ON app.t FOR EACH ROW EXECUTE FUNCTION app.tg();
COMMENT ON TRIGGER trg ON app.t IS 'the trigger';
ALTER TABLE app.t ENABLE ROW LEVEL SECURITY;
CREATE POLICY p ON app.t USING (n > 1);
COMMENT ON POLICY p ON app.t IS 'the policy';
CREATE TABLE app.r (id int PRIMARY KEY, t_id bigint, CONSTRAINT r_t FOREIGN KEY (t_id) REFERENCES app.t (id));
COMMENT ON CONSTRAINT r_t ON app.r IS 'the key';
""")
    a = db.val("SELECT pggit_v0.create_basic_commit('int')")
    target = make_empty_db()
    target.psql("-q", sql=db.val("SELECT pggit_v0.generate_migration('root', %s)", [a]))
    db.exec("""
DROP POLICY p ON app.t; DROP TRIGGER trg ON app.t; ALTER TABLE app.r DROP CONSTRAINT r_t;
ALTER TABLE app.t ALTER COLUMN n TYPE bigint, ALTER COLUMN id TYPE bigint;
CREATE TRIGGER trg BEFORE UPDATE OF n ON app.t FOR EACH ROW EXECUTE FUNCTION app.tg();
COMMENT ON TRIGGER trg ON app.t IS 'the trigger';
CREATE POLICY p ON app.t USING (n > 1);
COMMENT ON POLICY p ON app.t IS 'the policy';
ALTER TABLE app.r ADD CONSTRAINT r_t FOREIGN KEY (t_id) REFERENCES app.t (id);
COMMENT ON CONSTRAINT r_t ON app.r IS 'the key';
""")
    b = db.val("SELECT pggit_v0.create_basic_commit('bigint')")
    script = db.val("SELECT pggit_v0.generate_migration(%s, %s)", [a, b])
    assert "COMMENT ON TRIGGER trg ON app.t IS 'the trigger';" in script
    assert "COMMENT ON POLICY p ON app.t IS 'the policy';" in script
    assert "COMMENT ON CONSTRAINT r_t ON app.r IS 'the key';" in script
    target.psql("-q", sql=script)
    assert dump(pg_dump, target) == dump(pg_dump, db)
    # and back, here
    original = dump(pg_dump, target)
    db.psql("-q", sql=db.val("SELECT pggit_v0.generate_migration(%s, %s)", [b, a]))
    target.psql("-q", sql=db.val("SELECT pggit_v0.generate_migration(%s, %s)", [b, a]))
    assert dump(pg_dump, db) == dump(pg_dump, target) != original


def test_a_routine_on_a_renamed_tables_row_type_is_dropped_under_its_new_signature(
        db: SqlDb, make_empty_db: Any, pggit_server: Any, pytestconfig: pytest.Config) -> None:
    """Renaming a table renames the type in the signature of the routines taking its rows:
    the migration renames first, so it must drop (or replace) them by the new name; with
    the old one, DROP FUNCTION IF EXISTS skipped it and the function survived."""
    pg_dump = pg_dump_binary(pytestconfig, pggit_server)
    db.exec("""
CREATE SCHEMA app;
CREATE TABLE app.clients (id int PRIMARY KEY, name text);
CREATE FUNCTION app.client_label(c app.clients) RETURNS text LANGUAGE sql AS $$ SELECT c.name $$;
CREATE FUNCTION app.client_name(c app.clients) RETURNS text LANGUAGE sql AS $$ SELECT c.name $$;
""")
    a = db.val("SELECT pggit_v0.create_basic_commit('clients')")
    target = make_empty_db()
    target.psql("-q", sql=db.val("SELECT pggit_v0.generate_migration('root', %s)", [a]))
    db.exec("ALTER TABLE app.clients RENAME TO customers;"
            "DROP FUNCTION app.client_label(app.customers);")
    b = db.val("SELECT pggit_v0.create_basic_commit('customers')")
    script = db.val("SELECT pggit_v0.generate_migration(%s, %s)", [a, b])
    assert "ALTER TABLE app.clients RENAME TO customers;" in script
    assert "DROP FUNCTION IF EXISTS app.client_label(c app.customers);" in script
    assert "client_name" not in script   # kept as it is: PostgreSQL renamed its argument's type
    target.psql("-q", sql=script)
    assert dump(pg_dump, target) == dump(pg_dump, db)


def test_a_policy_of_another_table_reading_a_retyped_column_is_dropped_and_added_back(
        db: SqlDb, make_empty_db: Any, pggit_server: Any, pytestconfig: pytest.Config) -> None:
    """PostgreSQL refuses to change a column's type under a policy reading it, also the
    policy of another table (a membership subquery, graphile/starter's pattern): found by
    the edge that table recorded, it is dropped first and created again after."""
    pg_dump = pg_dump_binary(pytestconfig, pggit_server)
    db.exec("""
CREATE SCHEMA app;
CREATE TABLE app.memberships (org_id int, user_id int);
CREATE TABLE app.orgs (id int PRIMARY KEY, name text);
ALTER TABLE app.orgs ENABLE ROW LEVEL SECURITY;
CREATE POLICY members ON app.orgs USING (EXISTS (SELECT 1 FROM app.memberships m WHERE m.org_id = orgs.id));
CREATE POLICY named ON app.orgs USING (name <> 'org_id');
""")
    a = db.val("SELECT pggit_v0.create_basic_commit('int')")
    target = make_empty_db()
    target.psql("-q", sql=db.val("SELECT pggit_v0.generate_migration('root', %s)", [a]))
    db.exec("DROP POLICY members ON app.orgs; ALTER TABLE app.memberships ALTER COLUMN org_id TYPE bigint;"
            "CREATE POLICY members ON app.orgs USING (EXISTS (SELECT 1 FROM app.memberships m WHERE m.org_id = orgs.id));")
    b = db.val("SELECT pggit_v0.create_basic_commit('bigint')")
    for x, y, d in ((a, b, target), (b, a, db)):
        script = db.val("SELECT pggit_v0.generate_migration(%s, %s)", [x, y])
        assert "DROP POLICY IF EXISTS members ON app.orgs;" in script
        assert "named" not in script
        d.psql("-q", sql=script)
    assert dump(pg_dump, target) != dump(pg_dump, db)   # target at b, db back at a
    target.psql("-q", sql=db.val("SELECT pggit_v0.generate_migration(%s, %s)", [b, a]))
    assert dump(pg_dump, target) == dump(pg_dump, db)
