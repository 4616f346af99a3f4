"""S11 (sec10, residual of Z3): a developer calling ``_renamed_tree`` directly stored rows
holding text of its own choosing (a new index name of 2,560 characters: 4.4 MB for 200
calls), which the append-only store never lets go.  New names longer than an identifier
are refused now: a call stores no more than a commit of such a rename would."""
from __future__ import annotations

import psycopg
import pytest

from roles import as_role, make_role
from sql_conftest import SqlDb


def _call(db: SqlDb, root: str, name: str) -> None:
    db.exec("SELECT pggit_v0._renamed_tree(%s, jsonb_build_array(jsonb_build_object("
            "'kind', 'part', 'old_schema', 'public', 'old_table', 't', 'old_column', 'index t_i',"
            " 'new_column', 'index ' || %s)))", [root, name])


def test_a_developers_direct_call_cannot_store_long_text(db: SqlDb) -> None:
    db.exec("CREATE TABLE public.t (id int); CREATE INDEX t_i ON public.t (id)")
    db.exec("SELECT pggit_v0.create_basic_commit('c1')")
    root = db.val("SELECT tree_sha FROM pggit_v0.commit_graph ORDER BY committed_at DESC LIMIT 1")
    dev = make_role(db, "developer")
    before = db.val("SELECT count(*) FROM pggit_v0.objects")
    with as_role(db, dev):
        with pytest.raises(psycopg.errors.NameTooLong):
            _call(db, root, "x" * 2560)
    assert db.val("SELECT count(*) FROM pggit_v0.objects") == before
    with as_role(db, dev):   # an identifier-sized name, as the engine derives: stored as before
        _call(db, root, "t_i_renamed")
    assert db.val("SELECT count(*) FROM pggit_v0.objects") > before
