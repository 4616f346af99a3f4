"""Engine cases tester A found in round A10 (AA1b, AA4 .. AA9): each a checkout or a jump
whose result must be what the history gives, or a loss the guard announces and refuses
without force, on real PostgreSQL."""
from __future__ import annotations

import psycopg
import pytest

from conftest import SqlDb


def _refused(db: SqlDb, branch: str) -> str:
    """The error of a checkout (apply, no force) the guard must refuse for losing data."""
    with pytest.raises(psycopg.Error) as e:
        db.exec(f"SELECT pggit_v0.checkout_branch('{branch}', apply => true)")
    assert "would lose data" in str(e.value), str(e.value)
    return str(e.value)


@pytest.mark.parametrize("old_def, new_def, value, kept", [
    # a composite's attribute numeric(8,2) -> numeric(10,4) (AA7)
    ("CREATE TYPE app.money_t AS (amount numeric(8,2), cur char(3))",
     "CREATE TYPE app.money_t AS (amount numeric(10,4), cur char(3))",
     "ROW(12.3456, 'EUR')", "(12.3456,EUR)"),
    # timestamp(0) -> timestamp(6) (AA7)
    ("CREATE TYPE app.money_t AS (at timestamp(0), n int)",
     "CREATE TYPE app.money_t AS (at timestamp(6), n int)",
     "ROW('2024-01-01 10:00:00.654321', 1)", '("2024-01-01 10:00:00.654321",1)'),
    # a domain re-made under its name over a wider numeric (AA1b)
    ("CREATE DOMAIN app.money_t AS numeric(8,2)", "CREATE DOMAIN app.money_t AS numeric(10,4)",
     "12.3456", "12.3456"),
], ids=["composite_numeric", "composite_timestamp", "domain"])
def test_a_type_rebuilt_narrower_going_back_is_announced_as_data_loss(
        db: SqlDb, old_def: str, new_def: str, value: str, kept: str) -> None:
    """AA7, AA1b: a composite type (or a domain) re-made with a wider attribute (base); going
    back rebuilds it narrower and converts the column through text, which rounds without an
    error: the checkout ran without force, no DATA LOSS line, 12.3456 became 12.35."""
    db.exec(f"CREATE SCHEMA app; {old_def}; CREATE TABLE app.t (id int PRIMARY KEY, m app.money_t)")
    c0 = db.val("SELECT pggit_v0.create_basic_commit('c0')")
    db.exec("SELECT pggit_v0.create_branch('b0', checkout => false)")
    tmp = new_def.replace("app.money_t", "app.money_t2")
    db.exec(f"{tmp}; ALTER TABLE app.t ALTER COLUMN m TYPE app.money_t2 USING m::text::app.money_t2;"
            "DROP TYPE app.money_t; ALTER TYPE app.money_t2 RENAME TO money_t")
    c1 = db.val("SELECT pggit_v0.create_basic_commit('c1')")
    db.exec(f"INSERT INTO app.t VALUES (1, {value})")
    script = db.val("SELECT pggit_v0.generate_migration(%s, %s)", (c1, c0))
    assert "-- DATA LOSS (app/table/t/column/m)" in script, script
    _refused(db, "b0")
    assert db.val("SELECT m::text FROM app.t") == kept
    assert db.val("SELECT pggit_v0.get_head_sha()") == c1
    # forward (wider) is no loss: checked out on an empty table and back
    db.exec("TRUNCATE app.t")
    db.exec("SELECT pggit_v0.checkout_branch('b0', apply => true)")
    assert "DATA LOSS" not in db.val("SELECT pggit_v0.generate_migration(%s, %s)", (c0, c1))


@pytest.mark.parametrize("old_type, new_type, value", [
    ("timestamp", "text", "2024-06-01T10:00:00+02:00"),     # the offset ignored
    ("timestamp(0)", "varchar(40)", "2024-06-01T10:00:00+02:00"),
    ("time", "text", "10:00:00-05"),
    ("time", "interval", "1 day 02:00:00"),                 # 26 h -> 02:00
    ("money", "text", "12.3456"),                           # $12.35
    ("interval minute", "text", "12.3456"),                 # 00:00:00
], ids=["text_timestamp", "varchar_timestamp0", "text_time", "interval_time", "text_money", "text_interval_minute"])
def test_going_back_over_a_retype_to_text_or_interval_announces_the_lossy_conversion(
        db: SqlDb, old_type: str, new_type: str, value: str) -> None:
    """AA6: c0 a column of old_type, c1 it made new_type and a value written that the
    conversion back changes without an error: the checkout back ran without force."""
    db.exec(f"CREATE SCHEMA app; CREATE TABLE app.t (id int PRIMARY KEY, v {old_type})")
    c0 = db.val("SELECT pggit_v0.create_basic_commit('c0')")
    db.exec("SELECT pggit_v0.create_branch('b0', checkout => false)")
    db.exec(f"ALTER TABLE app.t ALTER COLUMN v TYPE {new_type}")
    c1 = db.val("SELECT pggit_v0.create_basic_commit('c1')")
    db.exec("INSERT INTO app.t VALUES (1, %s)", (value,))
    script = db.val("SELECT pggit_v0.generate_migration(%s, %s)", (c1, c0))
    assert "-- DATA LOSS (app/table/t/column/v)" in script, script
    _refused(db, "b0")
    assert db.val("SELECT v::text FROM app.t") == value


@pytest.mark.parametrize("schema, table, col", [
    ("app", "orders", '"orderNo"'),
    ('"Sch ""é\'.x"', '"Us""er; x.y"', '"I ""D\'."'),
], ids=["camel_case", "hostile"])
def test_serial_to_identity_on_a_column_whose_name_needs_quotes(db: SqlDb, schema: str, table: str, col: str) -> None:
    """AA8: serial -> identity on "orderNo": the setval passed the QUOTED name to
    pg_get_serial_sequence (which takes the column literally): the checkout failed."""
    t = f"{schema}.{table}"
    db.exec(f"CREATE SCHEMA {schema}; CREATE TABLE {t} ({col} serial PRIMARY KEY, v text);"
            f"INSERT INTO {t} (v) VALUES ('a'), ('b')")
    db.exec("SELECT pggit_v0.create_basic_commit('c0')")
    db.exec("SELECT pggit_v0.create_branch('b0', checkout => false)")
    seq = db.val("SELECT pg_get_serial_sequence(%s, %s)", (t, db.val("SELECT (parse_ident(%s))[1]", (col,))))
    db.exec(f"ALTER TABLE {t} ALTER COLUMN {col} DROP DEFAULT; DROP SEQUENCE {seq};"
            f"ALTER TABLE {t} ALTER COLUMN {col} ADD GENERATED BY DEFAULT AS IDENTITY")
    c1 = db.val("SELECT pggit_v0.create_basic_commit('c1')")
    db.exec("SELECT pggit_v0.create_branch('b1', checkout => false)")
    db.exec("SELECT pggit_v0.checkout_branch('b0', apply => true)")
    db.exec("SELECT pggit_v0.checkout_branch('b1', apply => true)")
    assert db.val("SELECT pggit_v0.get_head_sha()") == c1
    assert db.val(f"INSERT INTO {t} (v) VALUES ('c') RETURNING {col}") == 3
    assert db.val("SELECT count(*) FROM pggit_v0.status()") == 0


def test_serial_to_identity_and_back_keeps_the_sequence_position(db: SqlDb) -> None:
    """AA4: serial <-> identity over a checkout: the new sequence restarted at max(id) + 1,
    so the ids of the newest rows deleted were handed out again (4, then 5 after 5)."""
    db.exec("CREATE SCHEMA app; CREATE TABLE app.t (id serial PRIMARY KEY, v text)")
    db.exec("SELECT pggit_v0.create_basic_commit('c0')")
    db.exec("SELECT pggit_v0.create_branch('b0', checkout => false)")
    db.exec("ALTER TABLE app.t ALTER COLUMN id DROP DEFAULT; DROP SEQUENCE app.t_id_seq;"
            "ALTER TABLE app.t ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY")
    db.exec("SELECT pggit_v0.create_basic_commit('c1')")
    db.exec("SELECT pggit_v0.create_branch('b1', checkout => false)")
    db.exec("SELECT pggit_v0.checkout_branch('b0', apply => true)")
    db.exec("INSERT INTO app.t (v) SELECT 'r' || g FROM generate_series(1, 5) g; DELETE FROM app.t WHERE id > 3")
    db.exec("SELECT pggit_v0.checkout_branch('b1', apply => true)")
    assert db.val("INSERT INTO app.t (v) VALUES ('new') RETURNING id") == 6
    db.exec("DELETE FROM app.t WHERE id = 6")
    db.exec("SELECT pggit_v0.checkout_branch('b0', apply => true)")
    assert db.val("INSERT INTO app.t (v) VALUES ('new2') RETURNING id") == 7
    # an untouched sequence (nothing handed out): starts past the rows as before
    db.exec("TRUNCATE app.t; SELECT setval('app.t_id_seq', 1, false)")
    db.exec("SELECT pggit_v0.checkout_branch('b1', apply => true)")
    assert db.val("INSERT INTO app.t (v) VALUES ('x') RETURNING id") == 1
    assert db.val("SELECT count(*) FROM pggit_v0.status()") == 0


def test_a_label_renamed_then_its_enum_made_again_under_its_name(db: SqlDb) -> None:
    """AA5 (X6 variant): label x renamed to y, then the enum re-made under its name (column
    to text, DROP TYPE, CREATE TYPE st ('y', 'z', 'q'), column back): the jump converted
    the OLD label and failed (invalid input value for enum st: "x"); history gives y."""
    db.exec("CREATE SCHEMA app; CREATE TYPE app.st AS ENUM ('x', 'z');"
            "CREATE TABLE app.t (id int PRIMARY KEY, s app.st)")
    db.exec("SELECT pggit_v0.create_basic_commit('c0')")
    db.exec("SELECT pggit_v0.create_branch('b0', checkout => false)")
    db.exec("ALTER TYPE app.st RENAME VALUE 'x' TO 'y'")
    db.exec("SELECT pggit_v0.create_basic_commit('c1')")
    db.exec("ALTER TABLE app.t ALTER COLUMN s TYPE text; DROP TYPE app.st;"
            "CREATE TYPE app.st AS ENUM ('y', 'z', 'q'); ALTER TABLE app.t ALTER COLUMN s TYPE app.st USING s::app.st")
    c2 = db.val("SELECT pggit_v0.create_basic_commit('c2')")
    db.exec("SELECT pggit_v0.create_branch('b2', checkout => false)")
    db.exec("SELECT pggit_v0.checkout_branch('b0', apply => true)")
    db.exec("INSERT INTO app.t VALUES (1, 'x'), (2, 'z')")
    db.exec("SELECT pggit_v0.checkout_branch('b2', apply => true)")
    assert db.val("SELECT pggit_v0.get_head_sha()") == c2
    assert [r["s"] for r in db.rows("SELECT s::text AS s FROM app.t ORDER BY id")] == ["y", "z"]
    assert db.val("SELECT count(*) FROM pggit_v0.status()") == 0


def test_merge_of_a_rename_against_a_drop_conflicts(db: SqlDb) -> None:
    """AA9: branch a drops column t.v and table old_t, branch b renames them (v -> w, old_t
    -> new_t) and keeps using them: no conflict, the merge dropped what b renamed."""
    db.exec("CREATE TABLE t (id int PRIMARY KEY, v int, u int); CREATE TABLE old_t (id int PRIMARY KEY);"
            "CREATE TABLE kept (id int PRIMARY KEY)")
    db.exec("SELECT pggit_v0.create_basic_commit('base')")
    db.exec("SELECT pggit_v0.create_branch('bb', checkout => false)")
    db.exec("SELECT pggit_v0.create_branch('ba')")
    db.exec("ALTER TABLE t DROP COLUMN v; DROP TABLE old_t")
    db.exec("SELECT pggit_v0.create_basic_commit('a: drop v and old_t')")
    db.exec("SELECT pggit_v0.checkout_branch('bb', apply => true)")
    # (renames the other side leaves alone merge cleanly)
    db.exec("ALTER TABLE t RENAME COLUMN v TO w; ALTER TABLE old_t RENAME TO new_t;"
            "ALTER TABLE t RENAME COLUMN u TO u2; ALTER TABLE kept RENAME TO kept2")
    db.exec("SELECT pggit_v0.create_basic_commit('b: renames')")
    db.exec("SELECT pggit_v0.checkout_branch('ba', apply => true)")
    got = {(r["path"], r["kind"]) for r in db.rows("SELECT path, kind FROM pggit_v0.detect_merge_conflicts('bb')")}
    assert got == {("public/table/old_t", "renamed_deleted"), ("public/table/t/column/v", "renamed_deleted")}, got
    with pytest.raises(psycopg.Error, match="renamed_deleted"):
        db.exec("SELECT pggit_v0.merge_branch('bb')")
    assert db.val("SELECT to_regclass('public.kept') IS NOT NULL")   # nothing merged


def test_merge_of_renames_without_a_drop_on_the_other_side_is_clean(db: SqlDb) -> None:
    """AA9's conflict only where the other side dropped the object: a column renamed on one
    side, its table renamed on the other (P10), merges cleanly."""
    db.exec("CREATE TABLE t (id int PRIMARY KEY, v int)")
    db.exec("SELECT pggit_v0.create_basic_commit('base')")
    db.exec("SELECT pggit_v0.create_branch('bb', checkout => false)")
    db.exec("SELECT pggit_v0.create_branch('ba')")
    db.exec("ALTER TABLE t RENAME TO t2")
    db.exec("SELECT pggit_v0.create_basic_commit('a: table renamed')")
    db.exec("SELECT pggit_v0.checkout_branch('bb', apply => true)")
    db.exec("ALTER TABLE t RENAME COLUMN v TO w")
    db.exec("SELECT pggit_v0.create_basic_commit('b: column renamed')")
    db.exec("SELECT pggit_v0.checkout_branch('ba', apply => true)")
    assert db.rows("SELECT path, kind FROM pggit_v0.detect_merge_conflicts('bb')") == []
    db.exec("SELECT pggit_v0.merge_branch('bb')")
    assert db.val("SELECT count(*) FROM pg_attribute WHERE attrelid = 'public.t2'::regclass AND attname = 'w'") == 1
