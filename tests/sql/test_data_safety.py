"""Data safety of migrations, checkouts and merges: cases found in review, each with
a reproduction that lost data or failed before the fix."""
from __future__ import annotations

from conftest import SqlDb, install
from errors import raises_sql


def commit(d: SqlDb, message: str) -> str:
    return d.val("SELECT pggit_v0.create_basic_commit(%s)", [message])


def branch_with(d: SqlDb, name: str, ddl: str) -> None:
    """Branch `name` from main holding `ddl`; back on main (applied) afterwards."""
    d.exec("SELECT pggit_v0.create_branch(%s)", [name])
    d.exec(ddl)
    commit(d, f"{name} change")
    d.exec("SELECT pggit_v0.checkout_branch('main', apply => true, force => true)")


def test_names_with_slashes_are_guarded(db: SqlDb) -> None:
    db.exec('CREATE TABLE public."in/out" (id int, "x/y" text)')
    commit(db, "slashes")
    branch_with(db, "drop", 'ALTER TABLE public."in/out" DROP COLUMN "x/y"')
    db.exec('INSERT INTO public."in/out" VALUES (1, \'v\')')
    with raises_sql("55000", 'checkout of "drop" would lose data in 1 statement(s)') as info:
        db.exec("SELECT pggit_v0.checkout_branch('drop', apply => true)")
    assert 'public."in/out"."x/y" holds values' in info.value.diag.message_detail


def test_rows_hidden_by_row_security_still_count(db: SqlDb) -> None:
    db.exec("DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'pggit_rls_owner') THEN "
            "CREATE ROLE pggit_rls_owner; END IF; END $$")
    db.exec("GRANT ALL ON SCHEMA public TO pggit_rls_owner; SELECT pggit_v0.grant_access('pggit_rls_owner')")
    db.exec("CREATE TABLE public.secrets (owner_name text, v text);"
            "ALTER TABLE public.secrets ENABLE ROW LEVEL SECURITY; ALTER TABLE public.secrets FORCE ROW LEVEL SECURITY;"
            "CREATE POLICY mine ON public.secrets USING (owner_name = current_user)")
    commit(db, "secrets")
    branch_with(db, "nosecrets", "DROP TABLE public.secrets")
    db.exec("ALTER TABLE public.secrets OWNER TO pggit_rls_owner; INSERT INTO public.secrets VALUES ('alice', 'x')")
    db.exec("SET ROLE pggit_rls_owner")
    try:
        assert db.val("SELECT count(*) FROM public.secrets") == 0   # its owner sees nothing
        with raises_sql("55000", "would lose data") as info:
            db.exec("SELECT pggit_v0.checkout_branch('nosecrets', apply => true)")
        assert "public.secrets holds rows" in info.value.diag.message_detail
    finally:
        db.exec("RESET ROLE")


def test_merge_into_the_current_branch_refuses_data_loss_unless_forced(db: SqlDb) -> None:
    db.exec("CREATE TABLE public.orders (id int, note text)")
    commit(db, "orders")
    branch_with(db, "cleanup", "DROP TABLE public.orders")
    db.exec("INSERT INTO public.orders VALUES (1, 'customer data')")
    with raises_sql("55000", 'merge of "cleanup" into the current branch "main" would lose data'):
        db.exec("SELECT pggit_v0.merge_branch('cleanup')")
    assert db.val("SELECT count(*) FROM public.orders") == 1
    db.exec("SELECT pggit_v0.merge_branch('cleanup', force => true)")
    assert db.val("SELECT to_regclass('public.orders')") is None


def test_scale_and_precision_narrowing_are_data_loss(db: SqlDb) -> None:
    assert db.val("SELECT pggit_v0._type_narrows('numeric(10,2)', 'numeric(10,0)')") is True
    assert db.val("SELECT pggit_v0._type_narrows('timestamp(6) without time zone', 'timestamp(0) without time zone')") is True
    assert db.val("SELECT pggit_v0._type_narrows('numeric(12,2)', 'real')") is True
    assert db.val("SELECT pggit_v0._type_narrows('numeric(10,2)', 'numeric(12,2)')") is False
    assert db.val("SELECT pggit_v0._type_narrows('character varying(5)', 'character varying(50)')") is False
    assert db.val("SELECT pggit_v0._type_narrows('text', 'character varying')") is False   # (A12)
    # arrays narrow as their elements; floats to a scaled numeric and big integers to floats round
    assert db.val("SELECT pggit_v0._type_narrows('text[]', 'character varying(3)[]')") is True
    assert db.val("SELECT pggit_v0._type_narrows('integer[]', 'bigint[]')") is False
    assert db.val("SELECT pggit_v0._type_narrows('double precision', 'numeric(6,2)')") is True
    # (float8 -> numeric keeps 15 significant digits: 0.12345678901234568 becomes
    # 0.123456789012346, B3)
    assert db.val("SELECT pggit_v0._type_narrows('double precision', 'numeric')") is True
    assert db.val("SELECT pggit_v0._type_narrows('bigint', 'double precision')") is True
    assert db.val("SELECT pggit_v0._type_narrows('integer', 'double precision')") is False


def test_a_change_to_another_base_type_with_a_length_raises_instead_of_truncating(db: SqlDb) -> None:
    """text -> varchar(10): the USING cast goes to varchar, so the assignment raises."""
    db.exec("CREATE TABLE public.notes (note text, tags text[])")
    commit(db, "notes")
    branch_with(db, "short", "ALTER TABLE public.notes ALTER COLUMN note TYPE varchar(10),"
                             " ALTER COLUMN tags TYPE varchar(3)[]")
    db.exec("INSERT INTO public.notes VALUES ('a very long note that exceeds ten', '{alpha,beta}')")
    script = db.val("SELECT pggit_v0.generate_migration('main', 'short')")
    assert "TYPE character varying(10) USING note::character varying;" in script
    assert "TYPE character varying(3)[] USING tags::character varying[];" in script
    with raises_sql("55000", "would lose data"):      # the guard sees both
        db.exec("SELECT pggit_v0.checkout_branch('short', apply => true)")
    with raises_sql("22001", "value too long"):       # and forced, nothing is truncated
        db.exec("SELECT pggit_v0.checkout_branch('short', apply => true, force => true)")
    assert db.one("SELECT note, tags FROM public.notes") == {
        "note": "a very long note that exceeds ten", "tags": ["alpha", "beta"]}


def test_shortening_a_varchar_raises_instead_of_truncating(db: SqlDb) -> None:
    db.exec("CREATE TABLE public.codes (code varchar(10)); INSERT INTO public.codes VALUES ('ABCDEFGH')")
    commit(db, "codes")
    branch_with(db, "short", "DELETE FROM public.codes; ALTER TABLE public.codes ALTER COLUMN code TYPE varchar(5)")
    db.exec("INSERT INTO public.codes VALUES ('ABCDEFGH')")
    script = db.val("SELECT pggit_v0.generate_migration('main', 'short')")
    assert "TYPE character varying(5);" in script and "USING" not in script
    with raises_sql("22001", "value too long"):
        db.exec("SELECT pggit_v0.checkout_branch('short', apply => true, force => true)")
    assert db.val("SELECT code FROM public.codes") == "ABCDEFGH"


def test_identity_added_to_a_filled_column_continues_after_its_values(db: SqlDb) -> None:
    db.exec("CREATE TABLE public.t (id int PRIMARY KEY, v text); INSERT INTO public.t VALUES (1, 'a'), (2, 'b')")
    commit(db, "t")
    branch_with(db, "ident", "ALTER TABLE public.t ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY")
    db.exec("SELECT pggit_v0.checkout_branch('ident', apply => true)")
    db.exec("INSERT INTO public.t (v) VALUES ('new')")
    assert db.val("SELECT max(id) FROM public.t") == 3


def tree_built_from(make_empty_db, ddl: str) -> str:
    """The tree sha a fresh database with the layer commits after running ddl."""
    d = make_empty_db()
    install(d)
    d.exec(ddl)
    return d.val("SELECT tree_sha FROM pggit_v0.commit_graph WHERE commit_sha = %s", [commit(d, "built")])


def test_domain_default_does_not_depend_on_the_search_path(make_empty_db) -> None:
    trees = {tree_built_from(make_empty_db, f"CREATE SEQUENCE public.s; SET search_path = {path}, public;"
                                            "CREATE DOMAIN public.ident AS bigint DEFAULT nextval('s');"
                                            "RESET search_path")
             for path in ("public", "pg_catalog")}
    assert len(trees) == 1


def test_enum_value_added_and_used_in_one_migration(db: SqlDb) -> None:
    db.exec("CREATE TYPE public.mood AS ENUM ('sad', 'happy'); CREATE TABLE public.m (x public.mood)")
    commit(db, "mood")
    branch_with(db, "ok", "ALTER TYPE public.mood ADD VALUE 'ok'")
    db.exec("SELECT pggit_v0.create_branch('uses', from_ref => 'ok', checkout => false)")
    db.exec("SELECT pggit_v0.checkout_branch('ok', apply => true)")
    db.exec("SELECT pggit_v0.checkout_branch('main', apply => true)")
    # a branch that both adds the value and uses it as a default
    db.exec("SELECT pggit_v0.create_branch('adds_and_uses')")
    db.exec("ALTER TYPE public.mood ADD VALUE 'ok'")
    db.exec("ALTER TABLE public.m ALTER COLUMN x SET DEFAULT 'ok'")
    commit(db, "default ok")
    db.exec("SELECT pggit_v0.checkout_branch('main', apply => true)")
    v = db.one("SELECT * FROM pggit_v0.verify_migration('adds_and_uses')")
    assert v["ok"] is True, v
    db.exec("SELECT pggit_v0.checkout_branch('adds_and_uses', apply => true)")
    assert db.rows("SELECT * FROM pggit_v0.status()") == []


def test_view_over_a_function_whose_return_type_changes(db: SqlDb) -> None:
    db.exec("CREATE FUNCTION public.f(x int) RETURNS int LANGUAGE sql AS 'SELECT x';"
            "CREATE TABLE public.t (a int); CREATE VIEW public.v AS SELECT public.f(a) AS fa FROM public.t")
    commit(db, "f and v")
    branch_with(db, "bigf", "DROP VIEW public.v; DROP FUNCTION public.f(int);"
                            "CREATE FUNCTION public.f(x int) RETURNS bigint LANGUAGE sql AS 'SELECT x::bigint';"
                            "CREATE VIEW public.v AS SELECT public.f(a) AS fa FROM public.t")
    db.exec("SELECT pggit_v0.checkout_branch('bigf', apply => true)")
    assert db.rows("SELECT * FROM pggit_v0.status()") == []


def test_enum_array_columns_follow_a_rebuilt_enum(db: SqlDb) -> None:
    db.exec("CREATE TYPE public.tag AS ENUM ('a', 'b', 'c'); CREATE TABLE public.t (tags public.tag[]);"
            "INSERT INTO public.t VALUES ('{a,b}')")
    commit(db, "tags")
    branch_with(db, "noc", "ALTER TYPE public.tag RENAME TO tag_old; CREATE TYPE public.tag AS ENUM ('b', 'a');"
                           "ALTER TABLE public.t ALTER COLUMN tags TYPE public.tag[] USING tags::text::public.tag[];"
                           "DROP TYPE public.tag_old")
    db.exec("SELECT pggit_v0.checkout_branch('noc', apply => true)")
    assert db.val("SELECT tags::text FROM public.t") == "{a,b}"


def test_policy_roles_are_ordered_by_name(make_empty_db) -> None:
    roles = ("DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'pggit_r1') THEN CREATE ROLE pggit_r1; END IF;"
             " IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'pggit_r2') THEN CREATE ROLE pggit_r2; END IF; END $$;")
    trees = {tree_built_from(make_empty_db, roles + f"CREATE TABLE public.p (a int);"
                                                    f"CREATE POLICY pol ON public.p TO {order} USING (true)")
             for order in ("pggit_r1, pggit_r2", "pggit_r2, pggit_r1")}
    assert len(trees) == 1


def test_a_merge_never_writes_a_tree_that_references_a_dropped_table(db: SqlDb) -> None:
    db.exec("CREATE TABLE public.parent (id int PRIMARY KEY); CREATE TABLE public.child (id int, parent_id int)")
    commit(db, "parent and child")
    branch_with(db, "dropper", "DROP TABLE public.parent")
    db.exec("ALTER TABLE public.child ADD CONSTRAINT child_parent_fk FOREIGN KEY (parent_id) REFERENCES public.parent (id)")
    commit(db, "fk to parent")
    conflicts = {c["path"]: c["kind"] for c in db.rows("SELECT * FROM pggit_v0.detect_merge_conflicts('main', 'dropper')")}
    assert conflicts["public/table/child/constraint/child_parent_fk"] == "dropped_but_referenced"
    assert conflicts["public/table/parent"] == "modified_deleted"
    with raises_sql("55000", "conflict"):
        db.exec("SELECT pggit_v0.merge_branch('main', 'dropper')")
    for strategy in ("ours", "theirs"):
        db.exec("SELECT pggit_v0.create_branch(%s, from_ref => 'dropper', checkout => false)", [f"d_{strategy}"])
        db.exec("SELECT pggit_v0.merge_branch('main', %s, strategy => %s)", [f"d_{strategy}", strategy])
        # the merged tree builds: the live schema (main) can be switched to it and back
        db.exec("SELECT pggit_v0.checkout_branch(%s, apply => true, force => true)", [f"d_{strategy}"])
        assert db.rows("SELECT * FROM pggit_v0.status()") == []
        db.exec("SELECT pggit_v0.checkout_branch('main', apply => true, force => true)")
    assert db.val("SELECT to_regclass('public.parent') IS NOT NULL") is True


def test_a_materialized_view_recreated_over_a_retyped_column_is_not_data_loss(db: SqlDb) -> None:
    db.exec("CREATE TABLE public.sales (amount numeric(8,2)); INSERT INTO public.sales VALUES (10.5);"
            "CREATE MATERIALIZED VIEW public.totals AS SELECT sum(amount) AS total FROM public.sales")
    commit(db, "sales")
    branch_with(db, "wide", "DROP MATERIALIZED VIEW public.totals;"
                            "ALTER TABLE public.sales ALTER COLUMN amount TYPE numeric(12,2);"
                            "CREATE MATERIALIZED VIEW public.totals AS SELECT sum(amount) AS total FROM public.sales")
    db.exec("REFRESH MATERIALIZED VIEW public.totals")
    hazards = db.rows("SELECT path, hazards FROM pggit_v0.diff_commits('main', 'wide')")
    assert not any("data_deletion" in h["hazards"] for h in hazards), hazards
    db.exec("SELECT pggit_v0.checkout_branch('wide', apply => true)")     # no force needed
    assert db.val("SELECT total FROM public.totals") == 10.5
    # removing it is still data loss
    branch_with(db, "gone", "DROP MATERIALIZED VIEW public.totals")
    db.exec("SELECT pggit_v0.checkout_branch('wide', apply => true)")
    db.exec("REFRESH MATERIALIZED VIEW public.totals")
    with raises_sql("55000", "would lose data"):
        db.exec("SELECT pggit_v0.checkout_branch('gone', apply => true)")


def test_a_script_names_its_data_loss_up_front(db: SqlDb) -> None:
    db.exec("CREATE TABLE public.people (id int, nick text, legacy text)")
    commit(db, "people")
    branch_with(db, "slim", "ALTER TABLE public.people DROP COLUMN legacy")
    script = db.val("SELECT pggit_v0.generate_migration('main', 'slim')")
    head = script.split("BEGIN;")[0]
    assert "-- DATA LOSS (public/table/people/column/legacy): ALTER TABLE public.people DROP COLUMN IF EXISTS legacy;" \
        in head, script
    assert "DATA LOSS" not in db.val("SELECT pggit_v0.generate_migration('slim', 'main')")


def test_composite_attributes_split_at_top_level_commas_only(db: SqlDb) -> None:
    got = db.val("""SELECT pggit_v0._comp_attrs('CREATE TYPE app.t AS (a numeric(10,2), "b, c" text COLLATE "C", d integer[]);')""")
    assert got == ["a numeric(10,2)", '"b, c" text COLLATE "C"', "d integer[]"]
    assert db.val("SELECT pggit_v0._comp_attrs('CREATE TYPE app.e AS ();')") == []
