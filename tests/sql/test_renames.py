"""Renamed tables and columns: captured with their old names, migrated with ALTER TABLE
... RENAME / SET SCHEMA (rows kept) by generate_migration, checkout and merge."""
from __future__ import annotations

from typing import List

import pytest

from conftest import SqlDb
from errors import raises_sql


def commit(d: SqlDb, message: str) -> str:
    return d.val("SELECT pggit_v0.create_basic_commit(%s)", [message])


def script(d: SqlDb, a: str, b: str) -> str:
    return d.val("SELECT pggit_v0.generate_migration(%s, %s)", [a, b])


def statements(text: str) -> List[str]:
    return [line for line in text.splitlines()
            if line and not line.startswith(("--", "BEGIN;", "COMMIT;", "SET LOCAL"))]


def clean(d: SqlDb) -> None:
    assert d.rows("SELECT path FROM pggit_v0.status() WHERE object_type <> 'columns'") == []


@pytest.fixture
def users(db: SqlDb) -> SqlDb:
    """main: app.users (identity pk, a quoted column with a CHECK, an index on it, a
    comment and a column grant), app.orders with a foreign key to it, a view; rows."""
    db.exec("""
        CREATE SCHEMA app;
        CREATE TABLE app.users (id bigserial PRIMARY KEY, "Full Name" text NOT NULL CHECK ("Full Name" <> ''),
                                email text UNIQUE);
        CREATE INDEX users_name_idx ON app.users (lower("Full Name"));
        CREATE TABLE app.orders (id serial PRIMARY KEY, user_id bigint REFERENCES app.users (id), note text);
        COMMENT ON COLUMN app.users."Full Name" IS 'shown on invoices';
        GRANT SELECT ("Full Name") ON app.users TO PUBLIC;
        CREATE VIEW app.names AS SELECT "Full Name" FROM app.users;
        INSERT INTO app.users ("Full Name", email) VALUES ('Ann', 'a@x'), ('Bob', 'b@x');
        INSERT INTO app.orders (user_id, note) VALUES (1, 'first'), (2, 'second');
    """)
    commit(db, "users and orders")
    return db


def test_capture_records_the_name_before_each_rename(db: SqlDb) -> None:
    db.exec("""
        CREATE SCHEMA app; CREATE SCHEMA archive;
        CREATE TABLE app.t ("Odd Name" int, b int);
        ALTER TABLE app.t RENAME COLUMN "Odd Name" TO a;
        ALTER TABLE app.t RENAME TO t2;
        ALTER TABLE app.t2 SET SCHEMA archive;
        ALTER TABLE archive.t2 ADD COLUMN c int;
        DO $$ BEGIN EXECUTE 'ALTER TABLE archive.t2 RENAME b TO bb'; END $$;
    """)
    with db.conn.transaction():
        db.exec("SAVEPOINT s")
        db.exec("ALTER TABLE archive.t2 RENAME c TO undone")
        db.exec("ROLLBACK TO SAVEPOINT s")
    rows = db.rows("SELECT object_identity, renamed_from FROM pggit_v0.ddl_log "
                   "WHERE command_tag = 'ALTER TABLE' ORDER BY id")
    assert [(r["object_identity"], r["renamed_from"]) for r in rows] == [
        ("app.t.a", 'app.t."Odd Name"'),
        ("app.t2", "app.t"),
        ("archive.t2", "app.t2"),
        ("archive.t2", None),            # ADD COLUMN: not a rename
        ("archive.t2.bb", "archive.t2.b"),
    ]
    assert db.val("SELECT current_setting('pggit.names_before', true)") in (None, "")
    assert db.rows("SELECT * FROM pggit_v0.capture_faults") == []


def test_capture_keeps_only_the_names_a_rename_names(db: SqlDb) -> None:
    """Before a rename, capture keeps the names of the relations the statement names (not
    every relation's: 100-190 ms a rename on 5,500 relations), all of them when it runs
    dynamic SQL; quoted names and names built by format() are still found.  What it kept
    is read by an event trigger of our own that fires before the layer's at the end of
    the statement (event triggers fire in name order; the layer's takes the row of
    capture_names)."""
    db.exec("""
        CREATE SCHEMA app;
        CREATE TABLE app."We""ird" (a int);
        CREATE TABLE app.other (x int);
        CREATE TABLE app.kept (statement text, names jsonb);
        CREATE FUNCTION app.peek() RETURNS event_trigger LANGUAGE plpgsql AS $$
        BEGIN
            INSERT INTO app.kept
            VALUES (current_query(), (SELECT k.names FROM pggit_v0.capture_names k
                                      WHERE k.backend = pg_backend_pid() AND k.xid = txid_current()));
        END $$;
        CREATE EVENT TRIGGER a_peek ON ddl_command_end WHEN TAG IN ('ALTER TABLE') EXECUTE FUNCTION app.peek();
    """)
    # (one statement a query: the text capture reads is the whole query's)
    db.exec('ALTER TABLE app."We""ird" RENAME TO "Plain"')
    db.exec("DO $$ BEGIN EXECUTE format('ALTER TABLE app.%I RENAME COLUMN x TO y', 'oth' || 'er'); END $$")
    db.exec("DROP EVENT TRIGGER a_peek")
    kept = db.rows("SELECT statement, ARRAY(SELECT v->>1 FROM jsonb_each(names) AS e(k, v) ORDER BY 1) AS names "
                   "FROM app.kept ORDER BY ctid")
    assert [r["names"] for r in kept] == [
        ['We"ird'],                       # only the relation the statement names
        ["Plain", "kept", "other"],       # dynamic SQL: every relation
    ]
    rows = db.rows("SELECT object_identity, renamed_from FROM pggit_v0.ddl_log "
                   "WHERE renamed_from IS NOT NULL ORDER BY id")
    assert [(r["object_identity"], r["renamed_from"]) for r in rows] == [
        ('app."Plain"', 'app."We""ird"'), ("app.other.y", "app.other.x")]
    assert db.val("SELECT current_setting('pggit.names_before', true)") in (None, "")


def test_migration_renames_instead_of_dropping(users: SqlDb) -> None:
    d = users
    d.exec("SELECT pggit_v0.create_branch('feature/rename')")
    d.exec("""ALTER TABLE app.users RENAME COLUMN "Full Name" TO name;
              ALTER TABLE app.users RENAME COLUMN id TO user_id;
              ALTER TABLE app.users RENAME TO people""")
    commit(d, "rename")
    forward = statements(script(d, "main", "feature/rename"))
    assert forward[:3] == [
        'ALTER TABLE app.users RENAME COLUMN "Full Name" TO name;',
        "ALTER TABLE app.users RENAME COLUMN id TO user_id;",
        "ALTER TABLE app.users RENAME TO people;",
    ]
    text = "\n".join(forward)
    # the rest only recreates the view: constraints, the index, the foreign key, the
    # comment and the grant follow the rename in PostgreSQL, and are left alone
    assert "DROP TABLE" not in text and "DROP COLUMN" not in text and "ADD COLUMN" not in text
    assert "CREATE INDEX" not in text and "ADD CONSTRAINT" not in text
    assert "CREATE VIEW app.names" in text
    assert "DATA LOSS" not in script(d, "main", "feature/rename")
    backward = statements(script(d, "feature/rename", "main"))
    assert backward[:3] == [
        'ALTER TABLE app.people RENAME COLUMN name TO "Full Name";',
        "ALTER TABLE app.people RENAME COLUMN user_id TO id;",
        "ALTER TABLE app.people RENAME TO users;",
    ]
    # diffs of the same two commits list the rename as such, with its statement
    rows = {r["path"]: r for r in d.rows("SELECT * FROM pggit_v0.diff_commits('main', 'feature/rename')")}
    assert "ALTER TABLE app.users RENAME TO people;" in rows["app/table/people"]["migration_sql"]
    assert all("data_deletion" not in r["hazards"] for r in rows.values())


def test_checkout_both_ways_keeps_the_rows(users: SqlDb) -> None:
    d = users
    d.exec("SELECT pggit_v0.create_branch('feature/rename')")
    d.exec("""ALTER TABLE app.users RENAME COLUMN "Full Name" TO name;
              ALTER TABLE app.users RENAME TO people""")
    commit(d, "rename")
    ok = d.one("SELECT * FROM pggit_v0.verify_migration('main')")
    assert ok["ok"], ok
    d.exec("SELECT pggit_v0.checkout_branch('main', apply => true)")   # no force needed
    assert d.rows('SELECT id, "Full Name" FROM app.users ORDER BY id') == [
        {"id": 1, "Full Name": "Ann"}, {"id": 2, "Full Name": "Bob"}]
    assert d.val("SELECT col_description('app.users'::regclass, 2)") == "shown on invoices"
    clean(d)
    d.exec("SELECT pggit_v0.checkout_branch('feature/rename', apply => true)")
    assert d.rows("SELECT p.name, o.note FROM app.people p JOIN app.orders o ON o.user_id = p.id ORDER BY o.id") == [
        {"name": "Ann", "note": "first"}, {"name": "Bob", "note": "second"}]
    clean(d)
    # the renames the checkouts ran are pgGit's, not the user's: not logged as renames
    assert d.val("SELECT count(*) FROM pggit_v0.ddl_log WHERE renamed_from IS NOT NULL") == 2


def test_merges_rename_fast_forward_and_three_way(users: SqlDb) -> None:
    d = users
    d.exec("SELECT pggit_v0.create_branch('feature/a')")
    d.exec("ALTER TABLE app.orders RENAME COLUMN note TO remark")
    commit(d, "remark")
    d.exec("SELECT pggit_v0.checkout_branch('main', apply => true)")
    assert d.val("SELECT string_agg(note, ',' ORDER BY id) FROM app.orders") == "first,second"
    d.exec("SELECT pggit_v0.merge_branch('feature/a')")   # fast-forward
    assert d.val("SELECT string_agg(remark, ',' ORDER BY id) FROM app.orders") == "first,second"
    clean(d)

    d.exec("SELECT pggit_v0.create_branch('feature/b')")
    d.exec("ALTER TABLE app.users RENAME TO customers")
    commit(d, "customers")
    d.exec("SELECT pggit_v0.checkout_branch('main', apply => true)")
    d.exec("CREATE TABLE app.audit (id int)")
    commit(d, "audit on main")
    d.exec("SELECT pggit_v0.merge_branch('feature/b')")   # three-way: a merge commit
    assert d.val("SELECT count(*) FROM pggit_v0.commit_parents WHERE commit_sha = pggit_v0.get_head_sha()") == 2
    assert d.val("SELECT string_agg(email, ',' ORDER BY id) FROM app.customers") == "a@x,b@x"
    assert d.val("SELECT to_regclass('app.audit') IS NOT NULL")
    clean(d)


def test_chained_and_undone_renames(users: SqlDb) -> None:
    d = users
    d.exec("SELECT pggit_v0.create_branch('feature/chain')")
    d.exec("ALTER TABLE app.orders RENAME note TO n1")
    commit(d, "n1")
    d.exec("ALTER TABLE app.orders RENAME n1 TO n2")
    d.exec("ALTER TABLE app.orders RENAME TO purchases")
    commit(d, "n2")
    assert statements(script(d, "main", "feature/chain"))[:2] == [
        "ALTER TABLE app.orders RENAME COLUMN note TO n2;",
        "ALTER TABLE app.orders RENAME TO purchases;",
    ]
    # between the two feature commits only the second rename applies
    assert statements(script(d, "feature/chain~1", "feature/chain"))[:2] == [
        "ALTER TABLE app.orders RENAME COLUMN n1 TO n2;",
        "ALTER TABLE app.orders RENAME TO purchases;",
    ]
    d.exec("ALTER TABLE app.purchases RENAME TO orders; ALTER TABLE app.orders RENAME n2 TO note")
    commit(d, "back")
    assert statements(script(d, "main", "feature/chain")) == []


def test_partitioned_table_and_inheritance(db: SqlDb) -> None:
    d = db
    d.exec("""
        CREATE SCHEMA app;
        CREATE TABLE app.events (day date NOT NULL, kind text) PARTITION BY RANGE (day);
        CREATE TABLE app.events_2026 PARTITION OF app.events FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');
        CREATE TABLE app.base (id int, label text);
        CREATE TABLE app.child (extra int) INHERITS (app.base);
        INSERT INTO app.events VALUES ('2026-05-01', 'x');
        INSERT INTO app.child VALUES (1, 'l', 2);
    """)
    commit(d, "partitions")
    d.exec("SELECT pggit_v0.create_branch('feature/p')")
    d.exec("ALTER TABLE app.events RENAME day TO happened_on; ALTER TABLE app.events RENAME TO happenings;"
           "ALTER TABLE app.base RENAME label TO title")
    commit(d, "renamed")
    text = "\n".join(statements(script(d, "main", "feature/p")))
    assert "DROP TABLE" not in text and "DROP COLUMN" not in text, text
    d.exec("SELECT pggit_v0.checkout_branch('main', apply => true)")
    assert d.val("SELECT count(*) FROM app.events_2026 WHERE day = '2026-05-01'") == 1
    assert d.val("SELECT label FROM app.child") == "l"
    clean(d)
    d.exec("SELECT pggit_v0.checkout_branch('feature/p', apply => true)")
    assert d.val("SELECT kind FROM app.happenings WHERE happened_on = '2026-05-01'") == "x"
    assert d.val("SELECT title FROM app.child") == "l"
    clean(d)


def test_move_to_another_schema_and_rename_with_type_change(users: SqlDb) -> None:
    d = users
    d.exec("CREATE SCHEMA archive")
    commit(d, "archive schema")
    d.exec("SELECT pggit_v0.create_branch('feature/move')")
    d.exec("ALTER TABLE app.orders SET SCHEMA archive;"
           "ALTER TABLE archive.orders RENAME note TO memo;"
           "ALTER TABLE archive.orders ALTER COLUMN memo TYPE varchar(100)")
    commit(d, "move")
    steps = statements(script(d, "main", "feature/move"))
    assert steps[:2] == ["ALTER TABLE app.orders RENAME COLUMN note TO memo;",
                         "ALTER TABLE app.orders SET SCHEMA archive;"]
    assert any("ALTER COLUMN memo TYPE character varying(100)" in s for s in steps), steps
    d.exec("SELECT pggit_v0.checkout_branch('main', apply => true)")
    # the narrowing is checked on the moved and renamed column it will touch (H10: it was
    # looked for under archive.orders.memo before the move, found nowhere, and let through)
    with raises_sql("55000", "would lose data"):
        d.exec("SELECT pggit_v0.checkout_branch('feature/move', apply => true)")
    assert d.val("SELECT string_agg(note, ',' ORDER BY id) FROM app.orders") == "first,second"
    d.exec("SELECT pggit_v0.checkout_branch('feature/move', apply => true, force => true)")
    assert d.val("SELECT string_agg(memo, ',' ORDER BY id) FROM archive.orders") == "first,second"
    clean(d)


def test_rename_not_captured_is_still_refused_as_data_loss(users: SqlDb) -> None:
    d = users
    d.exec("SELECT pggit_v0.create_branch('feature/blind')")
    d.exec("ALTER EVENT TRIGGER pggit_v0_capture_names DISABLE")
    assert "renames are not recorded" in d.one("SELECT * FROM pggit_v0.capture_status()")["detail"]
    d.exec("ALTER TABLE app.orders RENAME note TO memo")
    d.exec("ALTER EVENT TRIGGER pggit_v0_capture_names ENABLE ALWAYS")
    commit(d, "blind rename")
    assert "DROP COLUMN IF EXISTS note;" in script(d, "main", "feature/blind")
    with raises_sql("55000", "would lose data"):
        d.exec("SELECT pggit_v0.checkout_branch('main', apply => true)")
    assert d.val("SELECT string_agg(memo, ',' ORDER BY id) FROM app.orders") == "first,second"


def test_renamed_sequence_keeps_its_position(users: SqlDb) -> None:
    d = users
    d.exec("SELECT pggit_v0.create_branch('feature/seq')")
    d.exec("ALTER TABLE app.orders RENAME TO purchases;"
           "ALTER SEQUENCE app.orders_id_seq RENAME TO purchases_id_seq")
    commit(d, "purchases")
    steps = statements(script(d, "main", "feature/seq"))
    assert sorted(steps) == ["ALTER SEQUENCE app.orders_id_seq RENAME TO purchases_id_seq;",
                             "ALTER TABLE app.orders RENAME TO purchases;"], steps
    d.exec("SELECT pggit_v0.checkout_branch('main', apply => true)")
    clean(d)
    d.exec("INSERT INTO app.orders (user_id, note) VALUES (1, 'third')")   # the sequence went on: id 3
    assert d.val("SELECT max(id) FROM app.orders") == 3
    d.exec("SELECT pggit_v0.checkout_branch('feature/seq', apply => true)")
    clean(d)
    d.exec("INSERT INTO app.purchases (user_id, note) VALUES (2, 'fourth')")
    assert d.val("SELECT string_agg(id || ':' || note, ',' ORDER BY id) FROM app.purchases") == \
        "1:first,2:second,3:third,4:fourth"


def test_name_taken_again_after_a_rename(users: SqlDb) -> None:
    d = users
    d.exec("SELECT pggit_v0.create_branch('feature/reuse')")
    d.exec("ALTER TABLE app.orders RENAME note TO old_note; ALTER TABLE app.orders ADD COLUMN note int")
    commit(d, "note is now a number")
    steps = statements(script(d, "main", "feature/reuse"))
    assert steps == ["ALTER TABLE app.orders RENAME COLUMN note TO old_note;",
                     "ALTER TABLE app.orders ADD COLUMN note integer;"], steps
    # backward, the new "note" goes first (displaced: a DATA LOSS line), then "old_note"
    # takes its name back with its values; the guard stops the drop while the new
    # column holds values
    back = statements(script(d, "feature/reuse", "main"))
    assert back[:2] == ["ALTER TABLE app.orders DROP COLUMN note;",
                        "ALTER TABLE app.orders RENAME COLUMN old_note TO note;"], back
    d.exec("UPDATE app.orders SET note = 7 WHERE id = 1")
    with raises_sql("55000", "would lose data"):
        d.exec("SELECT pggit_v0.checkout_branch('main', apply => true)")
    assert d.val("SELECT string_agg(old_note, ',' ORDER BY id) FROM app.orders") == "first,second"
    d.exec("UPDATE app.orders SET note = NULL")
    d.exec("SELECT pggit_v0.checkout_branch('main', apply => true)")
    assert d.val("SELECT string_agg(note, ',' ORDER BY id) FROM app.orders") == "first,second"


def test_index_and_constraint_renames_are_renames(db: SqlDb) -> None:
    """C8: a unique index a foreign key rests on, renamed (Prisma renames its @unique
    indexes), was a DROP INDEX the foreign key refused; C1: a table moved into a schema
    where its key's name was taken by another table's key, renamed in the same commit,
    failed at SET SCHEMA.  Both are ALTER ... RENAME now, before the tables move; a swap
    of two index names stays a drop and a create."""
    db.exec("""
        CREATE SCHEMA app; CREATE SCHEMA s1;
        CREATE TABLE app.a (id int PRIMARY KEY, code text);
        CREATE UNIQUE INDEX a_code_key ON app.a (code);
        COMMENT ON INDEX app.a_code_key IS 'codes';
        CREATE TABLE app.b (code text REFERENCES app.a (code), v int, CONSTRAINT b_v_ck CHECK (v > 0));
        CREATE INDEX b_x ON app.b (v); CREATE INDEX b_y ON app.b (code);
        CREATE TABLE app.t (id int PRIMARY KEY); CREATE TABLE s1.t (id int PRIMARY KEY);
        INSERT INTO app.a VALUES (1, 'x'); INSERT INTO app.b VALUES ('x', 1);
        INSERT INTO app.t VALUES (1); INSERT INTO s1.t VALUES (2);
    """)
    db.exec("SELECT pggit_v0.create_branch('renamed', checkout => false)")
    c0 = commit(db, "before")
    db.exec("SELECT pggit_v0.checkout_branch('renamed')")
    db.exec("""
        ALTER INDEX app.a_code_key RENAME TO a_code_uniq;
        ALTER TABLE app.b RENAME CONSTRAINT b_v_ck TO "b v positive";
        ALTER INDEX app.b_x RENAME TO b_tmp; ALTER INDEX app.b_y RENAME TO b_x; ALTER INDEX app.b_tmp RENAME TO b_y;
        ALTER TABLE app.t RENAME TO t_old; ALTER INDEX app.t_pkey RENAME TO t_old_pkey;
        ALTER TABLE s1.t SET SCHEMA app;
    """)
    c1 = commit(db, "renamed")
    steps = statements(script(db, c0, c1))
    assert sorted(steps[:3]) == ["ALTER INDEX app.a_code_key RENAME TO a_code_uniq;",
                                 'ALTER TABLE app.b RENAME CONSTRAINT b_v_ck TO "b v positive";',
                                 "ALTER TABLE app.t RENAME CONSTRAINT t_pkey TO t_old_pkey;"], steps
    assert not any("b_code_fkey" in s or "a_code" in s for s in steps[3:]), steps
    assert "DROP INDEX IF EXISTS app.b_x;" in steps   # the swap: dropped and made again
    # both ways through checkout, rows kept, nothing left over
    db.exec("SELECT pggit_v0.checkout_branch('main', apply => true)")
    clean(db)
    assert db.val("SELECT obj_description('app.a_code_key'::regclass)") == "codes"
    assert db.val("SELECT string_agg(x, ',') FROM (SELECT 'a' || id AS x FROM app.t UNION ALL SELECT 's' || id FROM s1.t) q") \
        == "a1,s2"
    db.exec("SELECT pggit_v0.checkout_branch('renamed', apply => true)")
    clean(db)
    assert db.val("SELECT obj_description('app.a_code_uniq'::regclass)") == "codes"
    assert db.val("SELECT string_agg(conname, ',' ORDER BY conname) FROM pg_constraint WHERE conrelid = 'app.b'::regclass") \
        == "b v positive,b_code_fkey"
    assert db.val("SELECT string_agg(x, ',') FROM (SELECT 'o' || id AS x FROM app.t_old UNION ALL SELECT 't' || id FROM app.t) q") \
        == "o1,t2"


def test_a_name_reused_then_renamed_again_walks_back_to_the_right_object(db: SqlDb) -> None:
    """E8 (Lemmy 243/314/316): a column renamed away and a new one made under its name,
    both renamed again later.  Walked back in one span, the newer column was taken for
    the original (its values under the original's name; the script failed on "already
    exists").  Undoing a rename now ends the chain of whatever holds its old name: that
    object was made after it.  Tables likewise."""
    db.exec("""
        CREATE SCHEMA app;
        CREATE TABLE app.community (id int PRIMARY KEY, description text);
        CREATE TABLE app.t (id int PRIMARY KEY, v text);
        INSERT INTO app.community VALUES (1, 'the long original description');
        INSERT INTO app.t VALUES (1, 'original row');
    """)
    c0 = commit(db, "c0")
    db.exec("SELECT pggit_v0.create_branch('c0', checkout => false)")
    db.exec("""
        ALTER TABLE app.community RENAME COLUMN description TO sidebar;
        ALTER TABLE app.community ADD COLUMN description varchar(150);
        ALTER TABLE app.t RENAME TO t_old; CREATE TABLE app.t (id int PRIMARY KEY, w int);
    """)
    commit(db, "c1")
    db.exec("""
        ALTER TABLE app.community RENAME description TO summary;
        ALTER TABLE app.community RENAME COLUMN sidebar TO description;
        ALTER TABLE app.t RENAME TO t2; ALTER TABLE app.t_old RENAME TO t;
    """)
    c2 = commit(db, "c2")
    db.exec("ALTER TABLE app.community RENAME description TO sidebar; ALTER TABLE app.t RENAME TO t_old")
    c3 = commit(db, "c3")
    assert statements(script(db, c2, c0)) == ["ALTER TABLE app.community DROP COLUMN IF EXISTS summary;",
                                              "DROP TABLE IF EXISTS app.t2;"], script(db, c2, c0)
    back = statements(script(db, c3, c0))
    assert sorted(back) == ["ALTER TABLE app.community DROP COLUMN IF EXISTS summary;",
                            "ALTER TABLE app.community RENAME COLUMN sidebar TO description;",
                            "ALTER TABLE app.t_old RENAME TO t;", "DROP TABLE IF EXISTS app.t2;"], back
    db.exec("UPDATE app.community SET summary = 'short summary'; INSERT INTO app.t2 VALUES (7, 7)")
    with raises_sql("55000", "would lose data"):
        db.exec("SELECT pggit_v0.checkout_branch('c0', apply => true)")
    db.exec("SELECT pggit_v0.checkout_branch('c0', apply => true, force => true)")
    assert db.rows("SELECT * FROM app.community") == [{"id": 1, "description": "the long original description"}]
    assert db.rows("SELECT * FROM app.t") == [{"id": 1, "v": "original row"}]
    clean(db)
    assert db.val("SELECT count(*) FROM pggit_v0.validate_data_integrity() WHERE status <> 'OK'") == 0


@pytest.mark.parametrize("steps, column", [
    # dropped, then one of that name added (E11)
    (["ALTER TABLE app.t DROP COLUMN s",
      "ALTER TABLE app.t ADD COLUMN s int DEFAULT 5",
      "ALTER TABLE app.t ALTER COLUMN s SET DEFAULT 6"], "s"),
    # renamed away, a new one under its name, the renamed one dropped later
    (["ALTER TABLE app.t RENAME COLUMN s TO s_old",
      "ALTER TABLE app.t ADD COLUMN s int DEFAULT 5",
      "ALTER TABLE app.t DROP COLUMN s_old; ALTER TABLE app.t ALTER COLUMN s SET DEFAULT 6"], "s"),
    # dropped with its type (DROP DOMAIN ... CASCADE: capture logged the domain alone,
    # and the span kept the values, retyping the column)
    (["CREATE DOMAIN app.d AS int; ALTER TABLE app.t ALTER COLUMN s TYPE app.d",
      "DROP DOMAIN app.d CASCADE; ALTER TABLE app.t ADD COLUMN s int DEFAULT 5",
      "ALTER TABLE app.t ALTER COLUMN s SET DEFAULT 6"], "s"),
])
def test_a_column_dropped_and_one_of_its_name_added_is_another_column(
        db: SqlDb, steps: List[str], column: str) -> None:
    """E11: over a span, a column the history dropped (or renamed away and dropped) and a
    column of that name added later kept the old values, where the history (and the
    scripts commit by commit) gave the rows the new column's default.  It is another
    column, as a table made under a dropped table's name is (A3): dropped first (DATA
    LOSS, refused with values), then added as the history added it."""
    db.exec("CREATE SCHEMA app; CREATE TABLE app.t (id int PRIMARY KEY, s int DEFAULT 1);"
            "INSERT INTO app.t VALUES (1, 1)")
    c0 = commit(db, "c0")
    db.exec("SELECT pggit_v0.create_branch('c0', checkout => false)")
    for i, ddl in enumerate(steps):
        db.exec(ddl)
        commit(db, f"c{i + 1}")
    c3 = db.val("SELECT pggit_v0.get_head_sha()")
    forward = script(db, c0, c3)
    assert "-- DATA LOSS (app/table/t/column/s): ALTER TABLE app.t DROP COLUMN s;" in forward, forward
    assert "ALTER TABLE app.t ADD COLUMN s integer DEFAULT 5;" in forward, forward
    with raises_sql("55000", "would lose data"):
        db.exec("SELECT pggit_v0.checkout_branch('c0', apply => true)")
    db.exec("SELECT pggit_v0.checkout_branch('c0', apply => true, force => true)")
    assert db.rows("SELECT id, s FROM app.t") == [{"id": 1, "s": 1}]   # as c0 made it
    db.exec("SELECT pggit_v0.checkout_branch('main', apply => true, force => true)")
    assert db.rows("SELECT id, s FROM app.t") == [{"id": 1, "s": 5}]   # as c2 made it
    clean(db)


def test_a_serial_id_dropped_and_added_again_as_uuid_is_a_drop_and_an_add(db: SqlDb) -> None:
    """G4 (Immich's APIKeyUUIDPrimaryKey): in one commit the serial id column is dropped
    and a uuid id added.  Forward the span was ``ALTER COLUMN id TYPE uuid USING
    id::text::uuid``: with rows it failed even forced (22P02), and the refusal named only
    the sequence.  The serial's sequence, which the target does not hold, no longer keeps
    the column from being displaced: dropped (DATA LOSS, refused with values), then added
    as the history added it, the rows getting fresh uuids."""
    db.exec("CREATE SCHEMA app; CREATE TABLE app.k (id serial, name text, CONSTRAINT k_pk PRIMARY KEY (id))")
    c0 = commit(db, "c0")
    db.exec("SELECT pggit_v0.create_branch('old', checkout => false)")
    db.exec("ALTER TABLE app.k DROP CONSTRAINT k_pk; ALTER TABLE app.k DROP COLUMN id;"
            "ALTER TABLE app.k ADD id uuid NOT NULL DEFAULT gen_random_uuid();"
            "ALTER TABLE app.k ADD CONSTRAINT k_pk PRIMARY KEY (id)")
    c1 = commit(db, "c1")
    forward = script(db, c0, c1)
    assert "-- DATA LOSS (app/table/k/column/id): ALTER TABLE app.k DROP COLUMN id;" in forward, forward
    assert "TYPE uuid" not in forward, forward
    db.exec("SELECT pggit_v0.checkout_branch('old', apply => true)")
    db.exec("INSERT INTO app.k (name) VALUES ('a'), ('b')")
    with raises_sql("55000", "would lose data") as info:
        db.exec("SELECT pggit_v0.checkout_branch('main', apply => true)")
    assert "ALTER TABLE app.k DROP COLUMN id;" in info.value.diag.message_detail
    db.exec("SELECT pggit_v0.checkout_branch('main', apply => true, force => true)")
    rows = db.rows("SELECT name, id::text AS id FROM app.k ORDER BY name")
    assert [r["name"] for r in rows] == ["a", "b"] and all(len(r["id"]) == 36 for r in rows)
    clean(db)


@pytest.mark.parametrize("kind", ["VIEW", "MATERIALIZED VIEW"])
def test_a_view_under_a_renamed_tables_old_name_is_dropped_before_the_rename_back(
        db: SqlDb, kind: str) -> None:
    """G3 (Sourcegraph's rename_lsif_tables_attempt_2): a table renamed and a view made
    under its old name for old clients.  Going back, the script renamed the table back
    before it dropped the view holding the name: "relation already exists", and the
    checkout failed.  The view is dropped first now; the rows stay with the table."""
    db.exec("CREATE SCHEMA app; CREATE TABLE app.lsif_uploads (id int PRIMARY KEY);"
            "INSERT INTO app.lsif_uploads VALUES (1), (2)")
    c0 = commit(db, "c0")
    db.exec("SELECT pggit_v0.create_branch('old', checkout => false)")
    db.exec(f"ALTER TABLE app.lsif_uploads RENAME TO scip_uploads;"
            f"CREATE {kind} app.lsif_uploads AS SELECT * FROM app.scip_uploads")
    c1 = commit(db, "c1")
    back = script(db, c1, c0)
    assert back.index(f"DROP {kind} app.lsif_uploads;") < back.index(
        "ALTER TABLE app.scip_uploads RENAME TO lsif_uploads;"), back
    assert back.split("BEGIN;")[1].count("lsif_uploads;") == 2, back   # no second drop after the rename
    db.exec("SELECT pggit_v0.checkout_branch('old', apply => true, force => true)")
    assert db.rows("SELECT id FROM app.lsif_uploads ORDER BY id") == [{"id": 1}, {"id": 2}]
    db.exec("SELECT pggit_v0.checkout_branch('main', apply => true)")
    assert db.rows("SELECT id FROM app.scip_uploads ORDER BY id") == [{"id": 1}, {"id": 2}]
    assert db.val(f"SELECT count(*) FROM app.lsif_uploads") == 2
    clean(db)


def test_a_column_dropped_and_added_again_on_both_branches_is_one_column(db: SqlDb) -> None:
    """J2 (Temporal's fix_data_encoding_column run on two branches): the two commits have
    one tree, yet the walk through their merge base undid one side's drop and re-add and
    replayed the other's: a DROP and an ADD (DATA LOSS), checkout refused, and with force
    the values became the default.  Drops both sides made as often cancel out."""
    db.exec("CREATE TABLE public.t (id int PRIMARY KEY, e varchar(16))")
    c0 = commit(db, "c0")
    redo = ("ALTER TABLE public.t DROP COLUMN e;"
            "ALTER TABLE public.t ADD COLUMN e varchar(16) NOT NULL DEFAULT ''")
    db.exec(redo)
    c1 = commit(db, "c1 on main")
    db.exec("CREATE TABLE public.u (id int)")
    commit(db, "c2 on main")
    db.exec("SELECT pggit_v0.create_branch('feature', from_ref => %s, checkout => false)", [c0])
    db.exec("SELECT pggit_v0.checkout_branch('feature', apply => true, force => true)")
    db.exec(redo)
    f1 = commit(db, "f1 on feature")
    assert "0 step(s)" in script(db, f1, c1)
    assert "DROP COLUMN e" in script(db, c0, c1)       # one side only: still another column (E11)
    db.exec("INSERT INTO public.t VALUES (1, 'proto3'), (2, 'json')")
    db.exec("SELECT pggit_v0.checkout_branch('main', apply => true)")
    assert db.rows("SELECT id, e FROM public.t ORDER BY id") == [{"id": 1, "e": "proto3"}, {"id": 2, "e": "json"}]
    clean(db)
