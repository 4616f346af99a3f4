"""The both-ways harness of the engine's change tests (test_user_patterns,
test_rebuilt_types, test_open_engine_cases): a change committed, migrated from the empty
baseline onto a fresh database, forward onto it and back on the original with real psql,
each end judged by pg_dump."""
from __future__ import annotations

from typing import Any, Tuple

from conftest import SqlDb
from test_real_schemas import dump


def migrates_both_ways(db: SqlDb, make_empty_db: Any, pg_dump: str, before: str, change: str,
                       rows: str = "") -> Tuple[str, str]:
    """Commits `CREATE SCHEMA app;` + before, migrates a fresh database from the empty
    baseline to it, commits the change and migrates that database forward (pg_dump equal
    to db's), inserts rows on db and migrates it back (pg_dump equal to before's).
    Returns the forward and the back script."""
    db.exec("CREATE SCHEMA app;" + before)
    a = db.val("SELECT pggit_v0.create_basic_commit('before')")
    at_a = dump(pg_dump, db)
    target = make_empty_db()
    target.psql("-q", sql=db.val("SELECT pggit_v0.generate_migration('root', %s)", [a]))
    assert dump(pg_dump, target) == at_a
    db.exec(change)
    b = db.val("SELECT pggit_v0.create_basic_commit('the change')")
    forward = db.val("SELECT pggit_v0.generate_migration(%s, %s)", [a, b])
    target.psql("-q", sql=forward)
    original, migrated = dump(pg_dump, db), dump(pg_dump, target)
    assert (sorted(original - migrated), sorted(migrated - original)) == ([], [])
    if rows:
        db.exec(rows)
    back = db.val("SELECT pggit_v0.generate_migration(%s, %s)", [b, a])
    db.psql("-q", sql=back)
    back_at = dump(pg_dump, db)
    assert (sorted(at_a - back_at), sorted(back_at - at_a)) == ([], [])
    return forward, back
