"""V2 of the December security round: recorded texts name built-ins without a schema
(`cardinality(tags)`, `status <> 'gone'`), and checkout/merge with apply ran them with
`search_path = pg_catalog, "$user", public`: a function or operator of a role with no
access to pgGit, in public or in a schema named like the applying role, matching the
arguments better than the built-in, ran as the applier (the proof failed only after
it ran).  The generated script, run by psql with the session's default path, likewise.
Now the steps run with pg_catalog, the session's schemas (one named like the applier
only when it owns it), pg_temp, and a checkout refuses (42501) another role's function
or operator named like a built-in there; the script pins search_path to pg_catalog,
pg_temp."""
from __future__ import annotations

from errors import raises_sql
from roles import as_role, make_role
from sql_conftest import SqlDb

# a function that says when it runs, and as whom (a NOTICE survives the rollback)
SPY = """CREATE FUNCTION {schema}.cardinality(text[]) RETURNS int LANGUAGE plpgsql AS $f$
BEGIN
    RAISE NOTICE 'spy ran as %', current_user;
    RETURN pg_catalog.cardinality($1);
END $f$"""


def branch_with_check(db: SqlDb) -> None:
    """main: public.users; feature: + CHECK (cardinality(tags) < 10); back on main."""
    db.exec("SELECT pggit_v0.create_basic_commit('base')")
    db.exec("SELECT pggit_v0.create_branch('feature')")
    db.exec("ALTER TABLE public.users ADD CONSTRAINT tags_small CHECK (pg_catalog.cardinality(tags) < 10)")
    db.exec("SELECT pggit_v0.create_basic_commit('limit tags')")
    db.exec("SELECT pggit_v0.checkout_branch('main', apply => true)")


def spied(d: SqlDb) -> list:
    return [n for n in d.notices if n.startswith("spy ran")]


def test_a_function_in_public_named_like_a_builtin_stops_the_checkout_before_it_runs(db: SqlDb) -> None:
    mallory = make_role(db)
    db.exec("CREATE TABLE public.users (email varchar, tags text[]); INSERT INTO public.users VALUES ('a', '{x}')")
    with as_role(db, mallory):
        db.exec(SPY.format(schema="public"))
    branch_with_check(db)
    assert "CHECK ((cardinality(tags) < 10))" in db.val(
        "SELECT new_definition FROM pggit_v0.diff_branches('main', 'feature')")
    with raises_sql("42501", f"function public.cardinality(text[]) of role {mallory}",
                    hint="move it to a schema not on the search_path"):
        db.exec("SELECT pggit_v0.checkout_branch('feature', apply => true)")
    with raises_sql("42501", "could bind to it"):
        db.exec("SELECT pggit_v0.merge_branch('feature')")
    assert spied(db) == []
    # the script pins its search_path: pg_catalog's cardinality runs, not the spy
    script = db.val("SELECT pggit_v0.generate_migration('main', 'feature')")
    assert "SET LOCAL search_path = pg_catalog, pg_temp;\n" in script
    proc = db.psql(sql=script)
    assert "spy ran" not in proc.stderr + proc.stdout, proc.stderr
    assert db.val("SELECT count(*) FROM pg_constraint WHERE conname = 'tags_small'") == 1


def test_an_operator_named_like_a_builtin_stops_the_checkout(db: SqlDb) -> None:
    mallory = make_role(db)
    db.exec("CREATE TYPE public.mood AS ENUM ('ok', 'gone'); CREATE TABLE public.acct (status public.mood);"
            "INSERT INTO public.acct VALUES ('ok')")
    with as_role(db, mallory):
        db.exec("""CREATE FUNCTION public.mood_ne(public.mood, public.mood) RETURNS boolean LANGUAGE plpgsql AS $f$
BEGIN
    RAISE NOTICE 'spy ran as %', current_user;
    RETURN $1::text OPERATOR(pg_catalog.<>) $2::text;
END $f$;
CREATE OPERATOR public.<> (LEFTARG = public.mood, RIGHTARG = public.mood, FUNCTION = public.mood_ne)""")
    db.exec("SELECT pggit_v0.create_basic_commit('base')")
    db.exec("SELECT pggit_v0.create_branch('feature')")
    db.exec("SET search_path = pg_catalog")
    db.exec("ALTER TABLE public.acct ADD CONSTRAINT not_gone CHECK (status <> 'gone')")
    db.exec("RESET search_path")
    db.exec("SELECT pggit_v0.create_basic_commit('no gone accounts')")
    with raises_sql("42501", "operator public.<>(public.mood,public.mood)"):
        db.exec("SELECT pggit_v0.checkout_branch('main', apply => true)")
    assert spied(db) == []
    script = db.val("SELECT pggit_v0.generate_migration('feature', 'main')")
    assert "SET LOCAL search_path = pg_catalog, pg_temp;\n" in script


def test_a_schema_named_like_the_applier_that_it_does_not_own_is_left_off_the_path(db: SqlDb) -> None:
    me = db.val("SELECT current_user")
    mallory = make_role(db)
    db.exec(f"GRANT CREATE ON DATABASE {db.name} TO {mallory}")
    db.exec("CREATE TABLE public.users (email varchar, tags text[]); INSERT INTO public.users VALUES ('a', '{x}')")
    with as_role(db, mallory):
        db.exec(f'CREATE SCHEMA "{me}"')
        db.exec(SPY.format(schema=f'"{me}"'))
        db.exec(f'GRANT USAGE ON SCHEMA "{me}" TO PUBLIC')
    branch_with_check(db)
    db.exec("SELECT pggit_v0.checkout_branch('feature', apply => true)")
    assert spied(db) == []
    assert db.val("SHOW search_path") == '"$user", public'
    assert db.val("SELECT count(*) FROM pg_constraint WHERE conname = 'tags_small'") == 1


def test_a_layer_function_named_in_a_default_binds_to_pggit_v0_and_no_other(db: SqlDb) -> None:
    """Z8: blobs are deparsed under pgGit's path, so DEFAULT pggit_v0.get_head_sha() is
    recorded as get_head_sha(): an honest checkout failed (not found) or bound to another
    role's public.get_head_sha()."""
    db.exec("CREATE TABLE public.audit (id int); INSERT INTO public.audit VALUES (1)")
    db.exec("SELECT pggit_v0.create_basic_commit('base')")
    db.exec("SELECT pggit_v0.create_branch('stamp')")
    db.exec("ALTER TABLE public.audit ADD COLUMN schema_sha text DEFAULT pggit_v0.get_head_sha()")
    db.exec("SELECT pggit_v0.create_basic_commit('stamp')")
    db.exec("SELECT pggit_v0.checkout_branch('main', apply => true, force => true)")
    db.exec("SELECT pggit_v0.checkout_branch('stamp', apply => true)")   # honest: pggit_v0's
    assert db.val("SELECT count(*) FROM public.audit WHERE schema_sha IS NOT NULL") == 1
    db.exec("SELECT pggit_v0.checkout_branch('main', apply => true, force => true)")
    mallory = make_role(db)
    with as_role(db, mallory):
        db.exec("""CREATE FUNCTION public.get_head_sha() RETURNS text LANGUAGE plpgsql AS $f$
BEGIN
    RAISE NOTICE 'spy ran as %', current_user;
    RETURN 'x';
END $f$""")
    db.exec("SELECT pggit_v0.create_basic_commit('main with it')")
    with raises_sql("42501", f"function public.get_head_sha() of role {mallory}"):
        db.exec("SELECT pggit_v0.checkout_branch('stamp', apply => true)")
    assert spied(db) == []
