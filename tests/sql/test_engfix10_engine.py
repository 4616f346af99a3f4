"""Engine cases a tester found on whole real histories (issue 13, round A9: X3, X5, X6,
X8, X9, X10): each one a jump, a checkout or a merge whose result must be what the
history gives (or a conflict), on real PostgreSQL."""
from __future__ import annotations

import pytest

from conftest import SqlDb


@pytest.mark.parametrize("later, query, expected", [
    # the column made text, the enum dropped (Prisma's enum -> String)
    ("ALTER TABLE app.t ALTER COLUMN s TYPE text; DROP TYPE app.st", "SELECT s FROM app.t", "y"),
    # varchar, the column renamed too
    ("ALTER TABLE app.t RENAME COLUMN s TO s2; ALTER TABLE app.t ALTER COLUMN s2 TYPE varchar(10);"
     "DROP TYPE app.st", "SELECT s2::text FROM app.t", "y"),
    # a domain over text
    ("CREATE DOMAIN app.d AS text; ALTER TABLE app.t ALTER COLUMN s TYPE app.d USING s::text; DROP TYPE app.st",
     "SELECT s::text FROM app.t", "y"),
    # another enum made for it (its labels the renamed ones), the old one dropped
    ("CREATE TYPE app.st2 AS ENUM ('y', 'z'); ALTER TABLE app.t ALTER COLUMN s TYPE app.st2 USING s::text::app.st2;"
     "DROP TYPE app.st", "SELECT s::text FROM app.t", "y"),
    # the enum renamed (X3 over two commits: failed, invalid input value for enum)
    ("ALTER TYPE app.st RENAME TO st2", "SELECT s::text FROM app.t", "y"),
    # the enum moved to another schema
    ("CREATE SCHEMA other; ALTER TYPE app.st SET SCHEMA other", "SELECT s::text FROM app.t", "y"),
], ids=["text", "varchar_column_renamed", "domain", "other_enum", "enum_renamed", "enum_moved"])
def test_a_label_renamed_then_its_enum_left_gives_the_rows_the_new_label(
        db: SqlDb, later: str, query: str, expected: str) -> None:
    """X6: an enum label renamed (x -> y), then the column moved off the enum and the enum
    dropped (or renamed, moved): one checkout over both commits converted the OLD label,
    the row got 'x' where the history gave 'y' (the rename was skipped: the enum is not
    in the target)."""
    db.exec("CREATE SCHEMA app; CREATE TYPE app.st AS ENUM ('x', 'z');"
            "CREATE TABLE app.t (id int PRIMARY KEY, s app.st); INSERT INTO app.t VALUES (1, 'x');")
    c0 = db.val("SELECT pggit_v0.create_basic_commit('c0')")
    db.exec("SELECT pggit_v0.create_branch('old', checkout => false)")
    db.exec("ALTER TYPE app.st RENAME VALUE 'x' TO 'y'")
    db.val("SELECT pggit_v0.create_basic_commit('c1: label x renamed to y')")
    db.exec(later)
    c2 = db.val("SELECT pggit_v0.create_basic_commit('c2')")
    assert db.val(query) == expected   # (what the history gave)
    script = db.val("SELECT pggit_v0.generate_migration(%s, %s)", (c0, c2))
    assert "RENAME VALUE 'x' TO 'y'" in script
    db.exec("TRUNCATE app.t")
    db.exec("SELECT pggit_v0.checkout_branch('old', apply => true, force => true)")
    assert db.val("SELECT pggit_v0.get_head_sha()") == c0
    db.exec("INSERT INTO app.t VALUES (1, 'x')")
    db.exec("SELECT pggit_v0.checkout_branch('main', apply => true)")
    assert db.val("SELECT pggit_v0.get_head_sha()") == c2
    assert db.val(query) == expected
    assert db.val("SELECT count(*) FROM pggit_v0.status()") == 0


def test_labels_renamed_in_two_enums_of_two_tables_then_both_made_text(db: SqlDb) -> None:
    """X6 (jc/q6): two enums, a label of each renamed, then both columns made text and the
    enums dropped, in one commit: the jump gave x and z where the history gave y and zz."""
    db.exec("CREATE SCHEMA app; CREATE TYPE app.a AS ENUM ('x'); CREATE TYPE app.b AS ENUM ('z');"
            "CREATE TABLE app.t (id int PRIMARY KEY, s app.a); CREATE TABLE app.u (id int PRIMARY KEY, s app.b);"
            "INSERT INTO app.t VALUES (1, 'x'); INSERT INTO app.u VALUES (1, 'z');")
    db.val("SELECT pggit_v0.create_basic_commit('c0')")
    db.exec("SELECT pggit_v0.create_branch('old', checkout => false)")
    db.exec("ALTER TYPE app.a RENAME VALUE 'x' TO 'y'; ALTER TYPE app.b RENAME VALUE 'z' TO 'zz';"
            "ALTER TABLE app.t ALTER COLUMN s TYPE text; ALTER TABLE app.u ALTER COLUMN s TYPE text;"
            "DROP TYPE app.a; DROP TYPE app.b")
    db.val("SELECT pggit_v0.create_basic_commit('c1')")
    db.exec("TRUNCATE app.t, app.u")
    db.exec("SELECT pggit_v0.checkout_branch('old', apply => true, force => true)")
    db.exec("INSERT INTO app.t VALUES (1, 'x'); INSERT INTO app.u VALUES (1, 'z');")
    db.exec("SELECT pggit_v0.checkout_branch('main', apply => true)")
    assert db.val("SELECT s FROM app.t") == "y"
    assert db.val("SELECT s FROM app.u") == "zz"
    assert db.val("SELECT count(*) FROM pggit_v0.status()") == 0


def test_a_label_and_its_enum_renamed_in_one_commit_jump_over_a_first_default(db: SqlDb) -> None:
    """X3 (b): a column added with DEFAULT 'x', then label x renamed and the enum renamed in
    one commit: the jump added the column with DEFAULT 'x'::st2 and failed on an empty
    table."""
    db.exec("CREATE SCHEMA app; CREATE TYPE app.st AS ENUM ('x', 'z'); CREATE TABLE app.t (id int PRIMARY KEY);"
            "INSERT INTO app.t VALUES (1)")
    db.val("SELECT pggit_v0.create_basic_commit('c0')")
    db.exec("SELECT pggit_v0.create_branch('old', checkout => false)")
    db.exec("ALTER TABLE app.t ADD COLUMN s app.st NOT NULL DEFAULT 'x'")
    db.val("SELECT pggit_v0.create_basic_commit('c1')")
    db.exec("ALTER TYPE app.st RENAME VALUE 'x' TO 'y'; ALTER TYPE app.st RENAME TO st2")
    c2 = db.val("SELECT pggit_v0.create_basic_commit('c2')")
    db.exec("SELECT pggit_v0.checkout_branch('old', apply => true, force => true)")
    db.exec("SELECT pggit_v0.checkout_branch('main', apply => true)")
    assert db.val("SELECT pggit_v0.get_head_sha()") == c2
    assert db.val("SELECT s::text FROM app.t") == "y"
    assert db.val("SELECT count(*) FROM pggit_v0.status()") == 0


@pytest.mark.parametrize("reset", [
    "DROP SCHEMA app CASCADE; CREATE SCHEMA app",   # prisma migrate reset
    "DROP TABLE app.t CASCADE",                      # Rails db:schema:load (create_table force: :cascade)
], ids=["drop_schema", "drop_table"])
def test_equal_trees_after_a_reset_and_the_same_migrations_migrate_as_nothing(db: SqlDb, reset: str) -> None:
    """X8: migrations 1-2 (the second drops a column and adds it again, Prisma's retype),
    commit K; the schema reset and both migrations run again, commit R: the trees are
    equal, yet the migration between them dropped and added the column (DATA LOSS, the
    checkout refused)."""
    migrations = ("CREATE TABLE app.t (id int PRIMARY KEY, v int);"
                  "ALTER TABLE app.t DROP COLUMN v, ADD COLUMN v text;")
    db.exec("CREATE SCHEMA app;" + migrations + "INSERT INTO app.t VALUES (1, 'kept')")
    k = db.val("SELECT pggit_v0.create_basic_commit('migrations 1-2')")
    db.exec(reset)
    db.exec(migrations)
    r = db.val("SELECT pggit_v0.create_basic_commit('after the reset')")
    for a, b in ((r, k), (k, r)):
        script = db.val("SELECT pggit_v0.generate_migration(%s, %s)", (a, b))
        assert "DROP COLUMN" not in script and "DATA LOSS" not in script, script
    db.exec("INSERT INTO app.t VALUES (1, 'written after the reset')")
    db.exec("SELECT pggit_v0.create_branch('before_reset', from_ref => %s, checkout => false)", (k,))
    db.exec("SELECT pggit_v0.checkout_branch('before_reset', apply => true)")
    assert db.val("SELECT pggit_v0.get_head_sha()") == k
    assert db.val("SELECT v FROM app.t") == "written after the reset"
    db.exec("SELECT pggit_v0.checkout_branch('main', apply => true)")
    assert db.val("SELECT v FROM app.t") == "written after the reset"
    assert db.val("SELECT count(*) FROM pggit_v0.status()") == 0


def _two_branches_adding(db: SqlDb, on_a: str, on_b: str) -> None:
    """Base commit with app.base; branch a (checked out, from main) runs on_a, branch b
    runs on_b; ends on a."""
    db.exec("CREATE SCHEMA app; CREATE TABLE app.base (id int PRIMARY KEY)")
    db.val("SELECT pggit_v0.create_basic_commit('base')")
    db.exec("SELECT pggit_v0.create_branch('b', checkout => false)")
    db.exec("SELECT pggit_v0.create_branch('a')")
    db.exec(on_a)
    db.val("SELECT pggit_v0.create_basic_commit('A')")
    db.exec("SELECT pggit_v0.checkout_branch('b', apply => true)")
    db.exec(on_b)
    db.val("SELECT pggit_v0.create_basic_commit('B')")
    db.exec("SELECT pggit_v0.checkout_branch('a', apply => true)")


def _columns(db: SqlDb, table: str) -> list:
    return [r["attname"] for r in db.rows(
        "SELECT attname FROM pg_attribute WHERE attrelid = %s::regclass AND attnum > 0 AND NOT attisdropped"
        " ORDER BY attnum", (table,))]


def test_a_table_added_on_both_branches_with_other_columns_conflicts(db: SqlDb) -> None:
    """X10: a table created on both branches with different columns merged as the union of
    the columns (a table neither side designed, into which neither side's code can
    insert: each misses the other's NOT NULL column), no conflict reported."""
    _two_branches_adding(db, "CREATE TABLE app.extra (id int PRIMARY KEY, a int NOT NULL)",
                         "CREATE TABLE app.extra (id int PRIMARY KEY, b text NOT NULL)")
    conflicts = {(r["path"], r["kind"]) for r in db.rows("SELECT * FROM pggit_v0.detect_merge_conflicts('b')")}
    assert conflicts == {("app/table/extra", "added_differently"),
                         ("app/table/extra/column/a", "added_differently"),
                         ("app/table/extra/column/b", "added_differently")}, conflicts
    with pytest.raises(Exception, match="added_differently"):
        db.exec("SELECT pggit_v0.merge_branch('b')")
    assert _columns(db, "app.extra") == ["id", "a"]
    # a strategy takes the whole table from one side
    db.exec("SELECT pggit_v0.merge_branch('b', strategy => 'theirs', force => true)")
    assert _columns(db, "app.extra") == ["id", "b"]
    assert db.val("SELECT count(*) FROM pggit_v0.status()") == 0


def test_a_table_added_on_both_branches_keeps_ours_whole(db: SqlDb) -> None:
    """X10: with strategy ours the target's table, none of the source's parts."""
    _two_branches_adding(db, "CREATE TABLE app.extra (id int PRIMARY KEY, a int NOT NULL)",
                         "CREATE TABLE app.extra (id int PRIMARY KEY, b text NOT NULL);"
                         "CREATE INDEX extra_b ON app.extra (b)")
    db.exec("SELECT pggit_v0.merge_branch('b', strategy => 'ours')")
    assert _columns(db, "app.extra") == ["id", "a"]
    assert db.val("SELECT to_regclass('app.extra_b') IS NULL")
    assert db.val("SELECT count(*) FROM pggit_v0.status()") == 0


@pytest.mark.parametrize("on_b", [
    "CREATE TABLE app.extra (id int PRIMARY KEY, a int NOT NULL)",
    # the same columns in another order: merged, as column order never conflicts
    "CREATE TABLE app.extra (a int NOT NULL, id int PRIMARY KEY)",
], ids=["same", "other_column_order"])
def test_the_same_table_added_on_both_branches_merges_cleanly(db: SqlDb, on_b: str) -> None:
    """X10: identical adds are no conflict."""
    _two_branches_adding(db, "CREATE TABLE app.extra (id int PRIMARY KEY, a int NOT NULL)", on_b)
    assert db.rows("SELECT * FROM pggit_v0.detect_merge_conflicts('b')") == []
    db.exec("SELECT pggit_v0.merge_branch('b')")
    assert sorted(_columns(db, "app.extra")) == ["a", "id"]
    # (a checkout keeps the live column order: b's, made when b was checked out)
    assert db.val("SELECT count(*) FROM pggit_v0.status() WHERE path NOT LIKE '%/columns'") == 0


def test_a_table_renamed_is_renamed_only_where_its_name_is_a_whole_token(db: SqlDb) -> None:
    """V16: _rename_qnames replaced a renamed table's qualified name inside another quoted
    identifier and a literal too: the renamed tree held broken quoting and every migration
    across the rename failed (42601).  A sequence's name in nextval('...'::regclass) is
    still renamed."""
    db.exec("CREATE TABLE public.t (id int PRIMARY KEY);"
            "CREATE SEQUENCE public.s;"
            "CREATE TABLE public.o (\"a public.t b\" int REFERENCES public.t, c text DEFAULT 'x public.t y',"
            " n bigint DEFAULT nextval('public.s'::regclass));"
            "INSERT INTO public.t VALUES (1); INSERT INTO public.o VALUES (1)")
    db.val("SELECT pggit_v0.create_basic_commit('a')")
    db.exec("SELECT pggit_v0.create_branch('before', checkout => false)")
    db.exec("ALTER TABLE public.t RENAME TO \"T\"\" public.t ; x\"; ALTER SEQUENCE public.s RENAME TO s2")
    f = db.val("SELECT pggit_v0.create_basic_commit('f')")
    script = db.val("SELECT pggit_v0.generate_migration('before', %s)", (f,))
    assert "RENAME TO \"T\"\" public.t ; x\"" in script
    db.exec("SELECT pggit_v0.checkout_branch('before', apply => true)")
    assert db.val("SELECT to_regclass('public.t') IS NOT NULL")
    assert db.val("SELECT c FROM public.o") == "x public.t y"
    db.exec("SELECT pggit_v0.checkout_branch('main', apply => true)")
    assert db.val("SELECT count(*) FROM pggit_v0.status()") == 0
    assert db.val("SELECT column_default FROM information_schema.columns"
                  " WHERE table_name = 'o' AND column_name = 'n'") == "nextval('s2'::regclass)"


@pytest.mark.parametrize("on_b, into_b", [
    ("ALTER TABLE app.t ADD COLUMN s app.st NOT NULL DEFAULT 'a'", False),
    ("ALTER TABLE app.t ADD COLUMN s app.st NOT NULL DEFAULT 'a'", True),
    ("ALTER TABLE app.t ALTER COLUMN e SET DEFAULT 'a'", False),
    ("ALTER TABLE app.t ADD COLUMN s app.st[] DEFAULT '{a,b}'", False),
], ids=["add_column", "add_column_other_way", "set_default", "array_default"])
def test_a_label_renamed_on_one_branch_and_named_by_a_default_on_the_other_conflicts(
        db: SqlDb, on_b: str, into_b: bool) -> None:
    """X5: one branch renames enum label a to aa, the other adds a default naming 'a': no
    conflict was reported and merge_branch failed on the default's literal with a hint
    about "a value this database holds"."""
    db.exec("CREATE SCHEMA app; CREATE TYPE app.st AS ENUM ('a', 'b');"
            "CREATE TABLE app.t (id int PRIMARY KEY, e app.st); INSERT INTO app.t VALUES (1, 'b')")
    db.val("SELECT pggit_v0.create_basic_commit('base')")
    db.exec("SELECT pggit_v0.create_branch('b', checkout => false)")
    db.exec("SELECT pggit_v0.create_branch('a')")
    db.exec("ALTER TYPE app.st RENAME VALUE 'a' TO 'aa'")
    db.val("SELECT pggit_v0.create_basic_commit('A: label renamed')")
    db.exec("SELECT pggit_v0.checkout_branch('b', apply => true)")
    db.exec(on_b)
    db.val("SELECT pggit_v0.create_basic_commit('B: a default naming the label')")
    source = "a" if into_b else "b"
    if not into_b:
        db.exec("SELECT pggit_v0.checkout_branch('a', apply => true, force => true)")
    kinds = [(r["path"], r["kind"]) for r in db.rows("SELECT * FROM pggit_v0.detect_merge_conflicts(%s)", (source,))]
    assert len(kinds) == 1 and kinds[0][1] == "renamed_but_read", kinds
    with pytest.raises(Exception, match="renamed_but_read"):
        db.exec("SELECT pggit_v0.merge_branch(%s)", (source,))


def test_names_ending_in_the_engines_temporary_suffix_do_not_collide(db: SqlDb) -> None:
    """X9: a user type mood__pggit_old stopped a rebuild of mood (renamed away to that
    name: already exists); a label x__pggit_old stopped a label swap undone (RENAME VALUE
    'x' TO 'x__pggit_old': already exists)."""
    db.exec("CREATE TYPE st AS ENUM ('x', 'z', 'x__pggit_old');"
            "CREATE TABLE t (id int PRIMARY KEY, s st); INSERT INTO t VALUES (1, 'x'), (2, 'z');"
            "CREATE TYPE mood AS ENUM ('a', 'b'); CREATE TYPE mood__pggit_old AS ENUM ('legacy');"
            "CREATE TABLE mood_2__pggit_old (id int);"
            "CREATE TABLE m (id int PRIMARY KEY, v mood); INSERT INTO m VALUES (1, 'b');")
    c1 = db.val("SELECT pggit_v0.create_basic_commit('c1')")
    db.exec("SELECT pggit_v0.create_branch('b1', checkout => false)")
    db.exec("ALTER TYPE st RENAME VALUE 'x' TO 'tmp'; ALTER TYPE st RENAME VALUE 'z' TO 'x';"
            "ALTER TYPE st RENAME VALUE 'tmp' TO 'z'")
    db.val("SELECT pggit_v0.create_basic_commit('c2: labels x and z swapped')")
    db.exec("CREATE TYPE mood2 AS ENUM ('b', 'c'); ALTER TABLE m ALTER COLUMN v TYPE mood2 USING v::text::mood2;"
            "DROP TYPE mood; ALTER TYPE mood2 RENAME TO mood")
    c3 = db.val("SELECT pggit_v0.create_basic_commit('c3: mood rebuilt without a')")
    db.exec("SELECT pggit_v0.checkout_branch('b1', apply => true)")
    assert db.val("SELECT pggit_v0.get_head_sha()") == c1
    assert db.rows("SELECT id, s::text FROM t ORDER BY id") == [{"id": 1, "s": "x"}, {"id": 2, "s": "z"}]
    assert db.val("SELECT count(*) FROM pggit_v0.status()") == 0
    db.exec("SELECT pggit_v0.checkout_branch('main', apply => true)")
    assert db.val("SELECT pggit_v0.get_head_sha()") == c3
    assert db.rows("SELECT id, s::text FROM t ORDER BY id") == [{"id": 1, "s": "z"}, {"id": 2, "s": "x"}]
    assert db.val("SELECT enum_range(NULL::mood__pggit_old)::text") == "{legacy}"
    assert db.val("SELECT count(*) FROM pggit_v0.status()") == 0


def test_a_column_moved_to_a_domain_over_a_narrower_type_is_announced(db: SqlDb) -> None:
    """AA1: a column moved from domains over varchar(5) / numeric(8,2) to domains over wider
    types (the old ones dropped); going back converted through text with no DATA LOSS
    line and the checkout, without force, truncated and rounded the rows written since
    (the domains the script makes are not in the live catalog _type_narrows read)."""
    db.exec("CREATE DOMAIN short_t AS varchar(5); CREATE DOMAIN money2 AS numeric(8,2);"
            "CREATE TABLE t (id int PRIMARY KEY, v short_t, m money2)")
    db.val("SELECT pggit_v0.create_basic_commit('c0')")
    db.exec("SELECT pggit_v0.create_branch('b0', checkout => false)")
    db.exec("CREATE DOMAIN long_t AS varchar(20); CREATE DOMAIN money4 AS numeric(10,4);"
            "ALTER TABLE t ALTER COLUMN v TYPE long_t, ALTER COLUMN m TYPE money4;"
            "DROP DOMAIN short_t; DROP DOMAIN money2")
    c1 = db.val("SELECT pggit_v0.create_basic_commit('c1')")
    db.exec("INSERT INTO t VALUES (1, 'abcdefghij', 12.3456)")
    script = db.val("SELECT pggit_v0.generate_migration(%s, 'b0')", (c1,))
    assert "-- DATA LOSS (public/table/t/column/m)" in script and "-- DATA LOSS (public/table/t/column/v)" in script
    with pytest.raises(Exception, match="would lose data"):
        db.exec("SELECT pggit_v0.checkout_branch('b0', apply => true)")
    assert db.rows("SELECT v, m::text FROM t") == [{"v": "abcdefghij", "m": "12.3456"}]
    # widening (the way forward) is no loss
    script = db.val("SELECT pggit_v0.generate_migration('b0', %s)", (c1,))
    assert "DATA LOSS" not in script
