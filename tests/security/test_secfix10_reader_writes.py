"""Z3 of the third security round: _renamed_tree runs with the owner's rights and stores
objects and trees; a reader calling it directly (kind 'part', a new index name of its
choosing) wrote unbounded, undeletable rows into the history store.  It is a writer's
call now: a reader gets 42501 and nothing is stored."""
from __future__ import annotations

from errors import raises_sql
from roles import as_role, make_role
from sql_conftest import SqlDb


def store_rows(db: SqlDb) -> int:
    return db.val("SELECT (SELECT count(*) FROM pggit_v0.objects) + (SELECT count(*) FROM pggit_v0.tree_entries)")


def test_a_reader_cannot_store_trees_through_renamed_tree(db: SqlDb) -> None:
    db.exec("CREATE TABLE public.t (id int); CREATE INDEX t_i ON public.t (id)")
    db.exec("SELECT pggit_v0.create_basic_commit('c1')")
    root = db.val("SELECT c.tree_sha FROM pggit_v0.commit_graph c ORDER BY c.committed_at DESC LIMIT 1")
    before = store_rows(db)
    reader = make_role(db, "reader")
    with as_role(db, reader):
        with raises_sql("42501", f"which role {reader} may not do", hint="grant_access"):
            db.exec("""SELECT pggit_v0._renamed_tree(%s, jsonb_build_array(jsonb_build_object(
                         'kind', 'part', 'old_schema', 'public', 'old_table', 't', 'old_column', 'index t_i',
                         'new_column', 'index ' || repeat('x', 2000))))""", [root])
        # the API's reading calls still work for the reader
        db.val("SELECT count(*) FROM pggit_v0.status()")
    assert store_rows(db) == before
    # a developer's (and the owner's) generate_migration across a rename still works
    developer = make_role(db, "developer")
    db.exec("SELECT pggit_v0.create_branch('f')")
    db.exec("ALTER INDEX public.t_i RENAME TO t_id_idx")
    db.exec("SELECT pggit_v0.create_basic_commit('renamed')")
    with as_role(db, developer):
        assert "RENAME TO t_id_idx" in db.val("SELECT pggit_v0.generate_migration('main', 'f')")
