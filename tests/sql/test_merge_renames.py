"""Merges across renames: a table or column renamed on one branch and changed on the
other meet under one name (each side's logged renames applied to the base and to the
other side, as git's rename detection does for a moved file), with rows kept."""
from __future__ import annotations

from typing import List

import psycopg
import pytest

from conftest import SqlDb


def branch_off(db: SqlDb, setup: str) -> None:
    """Schema app from ``setup`` committed on main, and branch feat made from it (not
    checked out)."""
    db.exec(f"CREATE SCHEMA app; {setup}")
    db.val("SELECT pggit_v0.create_basic_commit('base')")
    db.exec("SELECT pggit_v0.create_branch('feat', checkout => false)")


def on_feat(db: SqlDb, ddl: str) -> None:
    """``ddl`` committed on feat, then main checked out again (apply)."""
    db.exec("SELECT pggit_v0.checkout_branch('feat', apply => true)")
    db.exec(ddl)
    db.val("SELECT pggit_v0.create_basic_commit('feat change')")
    db.exec("SELECT pggit_v0.checkout_branch('main', apply => true, force => true)")


def conflicts(db: SqlDb) -> List[str]:
    return [r["kind"] + ": " + r["path"] for r in db.rows("SELECT * FROM pggit_v0.detect_merge_conflicts('feat')")]


def clean(db: SqlDb) -> bool:
    db.exec("SET pggit.full_snapshot = on")
    try:
        return db.rows("SELECT path FROM pggit_v0.status()") == []
    finally:
        db.exec("RESET pggit.full_snapshot")


def test_a_table_and_column_renamed_on_the_source_take_the_targets_new_column_and_rows(db: SqlDb) -> None:
    branch_off(db, "CREATE TABLE app.t (id int PRIMARY KEY, x int)")
    on_feat(db, "ALTER TABLE app.t RENAME TO u; ALTER TABLE app.u RENAME COLUMN x TO y")
    db.exec("ALTER TABLE app.t ADD COLUMN c text DEFAULT 'k'; CREATE INDEX t_x ON app.t (x)")
    main = db.val("SELECT pggit_v0.create_basic_commit('main change')")
    db.exec("INSERT INTO app.t VALUES (1, 10, 'z')")
    assert conflicts(db) == []
    merged = db.val("SELECT pggit_v0.merge_branch('feat')")
    assert db.rows("SELECT id, y, c FROM app.u") == [{"id": 1, "y": 10, "c": "z"}]
    assert db.val("SELECT pg_get_indexdef('app.t_x'::regclass)").endswith("(y)")
    assert db.val("SELECT to_regclass('app.t')") is None
    assert clean(db)
    # the merge commit holds the renamed table with the target's column and index
    stored = db.val("SELECT pggit_v0.get_object_definition('app', 'u', %s)", [merged])
    assert "    y integer" in stored and "    c text DEFAULT 'k'" in stored, stored
    assert "CREATE INDEX t_x ON app.u USING btree (y);" in stored, stored
    # back to the target's commit: the renames undone, the rows with them
    db.exec("SELECT pggit_v0.create_branch('before', from_ref => %s, checkout => false)", [main])
    db.exec("SELECT pggit_v0.checkout_branch('before', apply => true)")
    assert db.rows("SELECT id, x, c FROM app.t") == [{"id": 1, "x": 10, "c": "z"}]
    assert clean(db)


def test_a_rename_on_the_target_takes_the_sources_changes_under_the_new_name(db: SqlDb) -> None:
    branch_off(db, "CREATE TABLE app.t (id int PRIMARY KEY, x int)")
    on_feat(db, "ALTER TABLE app.t ADD COLUMN c int DEFAULT 3; CREATE INDEX t_x ON app.t (x);"
                "CREATE TABLE app.r (id int REFERENCES app.t (id))")
    db.exec("ALTER TABLE app.t RENAME TO u; ALTER TABLE app.u RENAME COLUMN x TO y")
    db.val("SELECT pggit_v0.create_basic_commit('main renames')")
    db.exec("INSERT INTO app.u VALUES (1, 10)")
    assert conflicts(db) == []
    db.exec("SELECT pggit_v0.merge_branch('feat')")
    assert db.rows("SELECT id, y, c FROM app.u") == [{"id": 1, "y": 10, "c": 3}]
    assert db.val("SELECT pg_get_indexdef('app.t_x'::regclass)").endswith("(y)")
    assert "REFERENCES app.u(id)" in db.val(
        "SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = 'app.r'::regclass AND contype = 'f'")
    assert clean(db)


def test_a_view_made_over_what_the_other_side_renamed_conflicts(db: SqlDb) -> None:
    branch_off(db, "CREATE TABLE app.t (id int PRIMARY KEY, x int)")
    on_feat(db, "ALTER TABLE app.t RENAME TO u")
    db.exec("CREATE VIEW app.v AS SELECT x FROM app.t")
    before = db.val("SELECT pggit_v0.create_basic_commit('a view over t')")
    db.exec("INSERT INTO app.t VALUES (1, 10)")
    assert conflicts(db) == ["renamed_but_read: app/view/v"]
    with pytest.raises(psycopg.Error) as info:
        db.exec("SELECT pggit_v0.merge_branch('feat', strategy => 'theirs')")
    assert info.value.sqlstate == "55000" and "renamed_but_read: app/view/v" in str(info.value), info.value
    assert db.val("SELECT pggit_v0.get_head_sha()") == before
    assert db.rows("SELECT * FROM app.v") == [{"x": 10}]


def test_the_same_table_renamed_differently_on_both_sides_conflicts(db: SqlDb) -> None:
    branch_off(db, "CREATE TABLE app.t (id int PRIMARY KEY, x int)")
    on_feat(db, "ALTER TABLE app.t RENAME TO u")
    db.exec("ALTER TABLE app.t RENAME TO w")
    before = db.val("SELECT pggit_v0.create_basic_commit('main renames it too')")
    db.exec("INSERT INTO app.w VALUES (1, 10)")
    assert conflicts(db) == ["renamed_differently: app/table/t"]
    with pytest.raises(psycopg.Error) as info:
        db.exec("SELECT pggit_v0.merge_branch('feat')")
    assert info.value.sqlstate == "55000" and "renamed_differently" in str(info.value), info.value
    assert db.val("SELECT pggit_v0.get_head_sha()") == before
    assert db.rows("SELECT * FROM app.w") == [{"id": 1, "x": 10}]


def test_the_same_rename_on_both_sides_merges_cleanly(db: SqlDb) -> None:
    branch_off(db, "CREATE TABLE app.t (id int PRIMARY KEY, x int)")
    on_feat(db, "ALTER TABLE app.t RENAME TO u; CREATE TABLE app.other (id int)")
    db.exec("ALTER TABLE app.t RENAME TO u")
    db.val("SELECT pggit_v0.create_basic_commit('main renames it the same way')")
    db.exec("INSERT INTO app.u VALUES (1, 10)")
    assert conflicts(db) == []
    db.exec("SELECT pggit_v0.merge_branch('feat')")
    assert db.rows("SELECT * FROM app.u") == [{"id": 1, "x": 10}]
    assert db.val("SELECT to_regclass('app.other')") is not None
    assert clean(db)


def test_the_same_table_rename_on_both_sides_with_a_column_rename_on_one_keeps_the_rows(db: SqlDb) -> None:
    """The review's W12: both sides rename the table alike, one renames a column of it
    too: the merge kept the column and added an empty one under the new name (no
    conflict, no warning).  The rename both made is the base's; the column rename merges
    as a rename."""
    branch_off(db, "CREATE TABLE app.users (id int PRIMARY KEY, v text)")
    on_feat(db, "ALTER TABLE app.users RENAME TO u2; ALTER TABLE app.u2 RENAME COLUMN v TO v_old")
    db.exec("ALTER TABLE app.users RENAME TO u2")
    db.val("SELECT pggit_v0.create_basic_commit('main renames it the same way')")
    db.exec("INSERT INTO app.u2 VALUES (1, 'orig')")
    assert conflicts(db) == []
    db.exec("SELECT pggit_v0.merge_branch('feat')")
    assert db.rows("SELECT * FROM app.u2") == [{"id": 1, "v_old": "orig"}]
    assert clean(db)


@pytest.mark.parametrize("into_feat", [False, True], ids=["merged_into_main", "merged_into_feat"])
def test_a_table_and_column_renamed_against_another_column_renamed_merge(db: SqlDb, into_feat: bool) -> None:
    """Tester A's T5: one side renames the table and a column of it, the other another
    column: every path of the table was modified_deleted (both directions)."""
    branch_off(db, "CREATE TABLE app.users (id int PRIMARY KEY, v text, w text)")
    on_feat(db, "ALTER TABLE app.users RENAME TO u4; ALTER TABLE app.u4 RENAME COLUMN w TO w4")
    db.exec("ALTER TABLE app.users RENAME COLUMN v TO v2")
    db.val("SELECT pggit_v0.create_basic_commit('main renames v')")
    if into_feat:
        db.exec("SELECT pggit_v0.checkout_branch('feat', apply => true)")
        db.exec("INSERT INTO app.u4 VALUES (1, 'vv', 'ww')")
        assert db.rows("SELECT * FROM pggit_v0.detect_merge_conflicts('main')") == []
        db.exec("SELECT pggit_v0.merge_branch('main')")
    else:
        db.exec("INSERT INTO app.users VALUES (1, 'vv', 'ww')")
        assert conflicts(db) == []
        db.exec("SELECT pggit_v0.merge_branch('feat')")
    assert db.rows("SELECT * FROM app.u4") == [{"id": 1, "v2": "vv", "w4": "ww"}]
    assert db.val("SELECT to_regclass('app.users')") is None
    assert clean(db)
