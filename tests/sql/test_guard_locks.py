"""The data-loss guard counts rows under the lock the migration takes (tester A9's X7).

The guard counted before the checkout held its locks: a row an application committed
while the checkout waited for the table's lock was dropped with the table, and the
checkout succeeded without the refusal a committed row gets.
"""
from __future__ import annotations

import threading
import time
from typing import List

import psycopg

from conftest import SqlDb


def _checkout_while_an_app_writes(db: SqlDb, app_sql: str, call: str) -> List[BaseException]:
    app = psycopg.connect(db.dsn)          # the application: its transaction open
    app.execute(app_sql)
    errors: List[BaseException] = []

    def checkout() -> None:
        with psycopg.connect(db.dsn, autocommit=True) as conn:
            try:
                conn.execute(call)
            except psycopg.Error as exc:
                errors.append(exc)

    worker = threading.Thread(target=checkout)
    worker.start()
    time.sleep(1.5)                         # the checkout waits for the app's lock
    app.commit()
    app.close()
    worker.join(60)
    return errors


def test_a_row_committed_while_the_checkout_waits_is_refused_not_dropped(db: SqlDb) -> None:
    db.exec("CREATE TABLE public.keep (id int PRIMARY KEY)")
    c1 = db.val("SELECT pggit_v0.create_basic_commit('c1')")
    db.exec("CREATE TABLE public.t (id int PRIMARY KEY, v text)")
    db.val("SELECT pggit_v0.create_basic_commit('c2: table t')")
    db.exec("SELECT pggit_v0.create_branch('b1', from_ref => %s, checkout => false)", (c1,))
    errors = _checkout_while_an_app_writes(db, "INSERT INTO public.t VALUES (1, 'written by the app')",
                                           "SELECT pggit_v0.checkout_branch('b1', apply => true)")
    assert db.val("SELECT to_regclass('public.t') IS NOT NULL"), "the table and the app's row were dropped"
    assert db.val("SELECT v FROM public.t") == "written by the app"
    assert len(errors) == 1 and getattr(errors[0], "sqlstate", None) == "55000", errors
    assert "public.t holds rows" in str(errors[0].diag.message_detail), errors


def test_a_value_committed_while_a_renaming_checkout_waits_is_refused(db: SqlDb) -> None:
    """With a rename in the same migration the guard's renames are rolled back, their
    locks with them: the relations are locked again before the count."""
    db.exec("CREATE TABLE public.t (id int PRIMARY KEY)")
    db.exec("INSERT INTO public.t VALUES (1)")
    c1 = db.val("SELECT pggit_v0.create_basic_commit('c1')")
    db.exec("ALTER TABLE public.t ADD COLUMN note text")
    db.exec("ALTER TABLE public.t RENAME TO t2")
    db.val("SELECT pggit_v0.create_basic_commit('c2: note, renamed')")
    db.exec("SELECT pggit_v0.create_branch('b1', from_ref => %s, checkout => false)", (c1,))
    errors = _checkout_while_an_app_writes(db, "UPDATE public.t2 SET note = 'typed by a user'",
                                           "SELECT pggit_v0.checkout_branch('b1', apply => true)")
    assert db.val("SELECT note FROM public.t2") == "typed by a user"
    assert len(errors) == 1 and getattr(errors[0], "sqlstate", None) == "55000", errors
