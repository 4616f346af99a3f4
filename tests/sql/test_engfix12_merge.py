"""R11-12: a renamed_deleted conflict (a table or column renamed on one side, dropped on
the other) resolved by a strategy takes the winning side's version: the renamed object
when the winner renamed it, the drop when the winner dropped it."""
from __future__ import annotations

import pytest

from conftest import SqlDb


def _diverge(db: SqlDb, renamer_is_source: bool) -> None:
    """Base t(id, v, u), old_t; branch 'drop' drops t.v and old_t, branch 'ren' renames
    them (v -> w, old_t -> new_t); left checked out on the target branch."""
    db.exec("CREATE TABLE t (id int PRIMARY KEY, v int, u int); CREATE TABLE old_t (id int PRIMARY KEY)")
    db.exec("INSERT INTO t VALUES (1, 10, 100)")
    db.exec("SELECT pggit_v0.create_basic_commit('base')")
    db.exec("SELECT pggit_v0.create_branch('ren', checkout => false)")
    db.exec("SELECT pggit_v0.create_branch('drop')")
    db.exec("ALTER TABLE t DROP COLUMN v; DROP TABLE old_t")
    db.exec("SELECT pggit_v0.create_basic_commit('drop v and old_t')")
    db.exec("SELECT pggit_v0.checkout_branch('ren', apply => true)")
    db.exec("ALTER TABLE t RENAME COLUMN v TO w; ALTER TABLE old_t RENAME TO new_t")
    db.exec("SELECT pggit_v0.create_basic_commit('rename v and old_t')")
    db.exec(f"SELECT pggit_v0.checkout_branch('{'drop' if renamer_is_source else 'ren'}', apply => true)")


def _shape(db: SqlDb) -> tuple:
    cols = db.val("SELECT string_agg(attname, ',' ORDER BY attname) FROM pg_attribute"
                  " WHERE attrelid = 'public.t'::regclass AND attnum > 0 AND NOT attisdropped")
    tables = db.val("SELECT string_agg(relname, ',' ORDER BY relname) FROM pg_class"
                    " WHERE relnamespace = 'public'::regnamespace AND relkind = 'r'")
    return cols, tables


@pytest.mark.parametrize("renamer_is_source, strategy, kept", [
    (True, "theirs", True),     # R11-12: the source renamed; theirs kept the drop
    (True, "ours", False),
    (False, "ours", True),      # the target renamed; ours kept the drop too
    (False, "theirs", False),
], ids=["source_renamed-theirs", "source_renamed-ours", "target_renamed-ours", "target_renamed-theirs"])
def test_a_strategy_takes_its_sides_version_of_a_renamed_deleted_object(
        db: SqlDb, renamer_is_source: bool, strategy: str, kept: bool) -> None:
    _diverge(db, renamer_is_source)
    assert {r["kind"] for r in db.rows("SELECT kind FROM pggit_v0.detect_merge_conflicts("
                                       f"'{'ren' if renamer_is_source else 'drop'}')")} == {"renamed_deleted"}
    other = "ren" if renamer_is_source else "drop"
    if not renamer_is_source:   # (live on the renaming branch: its data must survive)
        db.exec("UPDATE t SET w = 10")
    db.exec(f"SELECT pggit_v0.merge_branch('{other}', strategy => '{strategy}', force => true)")
    if kept:
        assert _shape(db) == ("id,u,w", "new_t,t")
        assert db.val("SELECT count(*) FROM t") == 1
        if not renamer_is_source:
            assert db.val("SELECT w FROM t") == 10
    else:
        assert _shape(db) == ("id,u", "t")
    # the live schema is the merge commit's tree
    assert db.val("SELECT count(*) FROM pggit_v0.status()") == 0
