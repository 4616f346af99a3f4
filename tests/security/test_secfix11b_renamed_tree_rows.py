"""T5-5 of the fifth security round (S11 residual): S11's fix bounded each new name's
length, not the rows: one developer call of ``_renamed_tree`` with 20,000 'part' rows
renaming the same index stored 20,005 undeletable objects.  The engine derives at most one
row per index, constraint or sub-key; a call with more is refused."""
from __future__ import annotations

import psycopg
import pytest

from roles import as_role, make_role
from sql_conftest import SqlDb


def test_a_developers_call_renaming_one_index_many_times_is_refused(db: SqlDb) -> None:
    db.exec("CREATE TABLE public.t (id int); CREATE INDEX t_i ON public.t (id)")
    db.exec("SELECT pggit_v0.create_basic_commit('c1')")
    root = db.val("SELECT tree_sha FROM pggit_v0.commit_graph ORDER BY committed_at DESC LIMIT 1")
    dev = make_role(db, "developer")
    before = db.val("SELECT count(*) FROM pggit_v0.objects")
    rows = ("SELECT jsonb_agg(jsonb_build_object('kind', 'part', 'old_schema', 'public', 'old_table', 't',"
            " 'old_column', 'index t_i', 'new_column', 'index t_i_' || g)) FROM generate_series(1, %s) g")
    with as_role(db, dev):
        with pytest.raises(psycopg.errors.InvalidParameterValue):
            db.exec(f"SELECT pggit_v0._renamed_tree(%s, ({rows}))", [root, 200])
    assert db.val("SELECT count(*) FROM pggit_v0.objects") == before
    with as_role(db, dev):   # one row per index, as the engine derives: stored as before
        db.exec(f"SELECT pggit_v0._renamed_tree(%s, ({rows}))", [root, 1])
    assert db.val("SELECT count(*) FROM pggit_v0.objects") > before
