"""Z24 of the third security round (a regression of Z8's fix): the apply path refused any
checkout whose statements named an application's table or function called like a layer
one (public.meta, public.refs, public.status(code)), owned by the application's role,
when another role (the administrator) applied it, though those names are recorded with
their schema and cannot bind elsewhere.  Only bare names count now; a bare layer name
(Z8) still refuses."""
from __future__ import annotations

from errors import raises_sql
from roles import as_role, make_role
from sql_conftest import SqlDb


def app_role(db: SqlDb) -> str:
    return make_role(db, access="developer")


def test_an_application_table_named_like_a_layer_table_applies(db: SqlDb) -> None:
    app = app_role(db)
    with as_role(db, app):
        db.exec("CREATE TABLE public.meta (key text PRIMARY KEY, value text)")
        db.exec("CREATE TABLE public.refs (id int)")
        db.exec("SELECT pggit_v0.create_basic_commit('app tables')")
        db.exec("SELECT pggit_v0.create_branch('f')")
        db.exec("ALTER TABLE public.meta ADD COLUMN updated_at timestamptz")
        db.exec("ALTER TABLE public.refs ADD CONSTRAINT refs_meta CHECK (id > 0)")
        db.exec("SELECT pggit_v0.create_basic_commit('meta.updated_at')")
        db.exec("SELECT pggit_v0.checkout_branch('main', apply => true)")
    db.exec("SELECT pggit_v0.checkout_branch('f', apply => true)")   # the administrator
    assert db.val("SELECT count(*) FROM pg_attribute WHERE attrelid = 'public.meta'::regclass"
                  " AND attname = 'updated_at'") == 1


def test_an_application_function_named_like_the_api_called_qualified_applies(db: SqlDb) -> None:
    app = app_role(db)
    with as_role(db, app):
        db.exec("CREATE FUNCTION public.status(code int) RETURNS text LANGUAGE sql IMMUTABLE"
                " AS $$ SELECT CASE code WHEN 0 THEN 'new' ELSE 'done' END $$")
        db.exec("CREATE TABLE public.orders (id int, code int); INSERT INTO public.orders VALUES (1, 0)")
        db.exec("SELECT pggit_v0.create_basic_commit('app')")
        db.exec("SELECT pggit_v0.create_branch('f')")
        db.exec("ALTER TABLE public.orders ADD COLUMN label text GENERATED ALWAYS AS (public.status(code)) STORED")
        db.exec("SELECT pggit_v0.create_basic_commit('label')")
        db.exec("SELECT pggit_v0.checkout_branch('main', apply => true, force => true)")
    db.exec("SELECT pggit_v0.checkout_branch('f', apply => true)")
    assert db.val("SELECT label FROM public.orders") == "new"


def test_a_bare_layer_name_still_refuses_another_roles_object(db: SqlDb) -> None:
    """Z8: a view over pggit_v0.commit_graph is recorded as FROM commit_graph; another
    role's public.commit_graph would take its place."""
    db.exec("SELECT pggit_v0.create_basic_commit('base')")
    db.exec("SELECT pggit_v0.create_branch('mon')")
    db.exec("CREATE VIEW public.mon AS SELECT c.commit_sha FROM pggit_v0.commit_graph c")
    db.exec("SELECT pggit_v0.create_basic_commit('mon')")
    db.exec("SELECT pggit_v0.checkout_branch('main', apply => true, force => true)")
    mallory = make_role(db)
    with as_role(db, mallory):
        db.exec("CREATE TABLE public.commit_graph (commit_sha text)")
    db.exec("SELECT pggit_v0.create_basic_commit('main with it')")
    with raises_sql("42501", f"relation public.commit_graph of role {mallory}"):
        db.exec("SELECT pggit_v0.checkout_branch('mon', apply => true)")
