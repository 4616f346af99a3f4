"""Round trips: generate_migration(A, B) applied to a database holding A gives B.

The pairs live in tests/migrations/<name>/{a.sql,b.sql}; each runs in both directions.
The result is compared with B's snapshot path by path (column order aside: it is
reported but never migrated).
"""
from __future__ import annotations

from pathlib import Path
from typing import Dict, Tuple

import pytest

import re

from conftest import SqlDb, install, require_extensions

PAIRS = sorted(p for p in (Path(__file__).resolve().parents[1] / "migrations").iterdir() if p.is_dir())
RESET = "DROP SCHEMA IF EXISTS reporting CASCADE; DROP SCHEMA IF EXISTS app CASCADE;"


def snapshot(d: SqlDb) -> Dict[Tuple[str, str, str], str]:
    return {(r["schema_name"], f"{r['kind']} {r['name']}", r["sub_key"]): r["definition"]
            for r in d.rows("SELECT * FROM pggit_v0._snapshot()") if r["sub_key"] != "columns"}


def migration_script(make_empty_db, a_sql: str, b_sql: str) -> Tuple[str, SqlDb]:
    """Commit A and B in one store; return the generated script and the store (holding B)."""
    src = make_empty_db()
    install(src)
    src.exec(a_sql)
    a = src.val("SELECT pggit_v0.create_basic_commit('A')")
    src.exec(RESET)
    src.exec(b_sql)
    b = src.val("SELECT pggit_v0.create_basic_commit('B')")
    return src.val("SELECT pggit_v0.generate_migration(%s, %s)", [a, b]), src


@pytest.mark.parametrize("direction", ["a_to_b", "b_to_a"])
@pytest.mark.parametrize("pair", PAIRS, ids=[p.name for p in PAIRS])
def test_round_trip(pair: Path, direction: str, make_empty_db) -> None:
    a_sql, b_sql = (pair / "a.sql").read_text(), (pair / "b.sql").read_text()
    if direction == "b_to_a":
        a_sql, b_sql = b_sql, a_sql
    needed = set(re.findall(r"CREATE EXTENSION (\w+)", a_sql + b_sql))
    if needed:
        probe = make_empty_db()
        require_extensions(probe, *needed)
    script, src = migration_script(make_empty_db, a_sql, b_sql)
    dst = make_empty_db()
    install(dst)
    dst.exec(a_sql)
    seed = pair / ("seed.sql" if direction == "a_to_b" else "seed_b.sql")
    if seed.exists():
        dst.exec(seed.read_text())
    proc = dst.psql(sql=script, check=False)
    assert proc.returncode == 0, f"migration failed:\n{script}\n{proc.stderr}"
    got, want = snapshot(dst), snapshot(src)
    missing = {k: v for k, v in want.items() if got.get(k) != v}
    extra = {k: v for k, v in got.items() if k not in want}
    assert not missing and not extra, f"script:\n{script}\nmissing/different: {missing}\nextra: {extra}"
    check = pair / "check.sql"
    if direction == "a_to_b" and check.exists():
        assert dst.val(check.read_text()) is True, "rows did not survive the migration"
    # and the database now commits to B's tree (column order aside)
    dst.exec("SELECT pggit_v0.create_basic_commit('migrated')")


def test_column_order_differences_generate_no_statements(make_empty_db) -> None:
    pair = next(p for p in PAIRS if p.name.endswith("column_order_only"))
    script, src = migration_script(make_empty_db, (pair / "a.sql").read_text(), (pair / "b.sql").read_text())
    assert "ALTER" not in script and "CREATE" not in script and "0 step(s)" in script
    rows = src.rows("SELECT * FROM pggit_v0.diff_commits('HEAD~1', 'HEAD')")
    assert [(r["path"], r["change_type"]) for r in rows] == [("app/table/t/columns", "MODIFIED")]


#: a partition's own NOT NULL on an inherited column (PARTITION OF (c NOT NULL), or the
#: one a primary key sets and leaves behind when dropped), both ways
PARTITION_NOT_NULL = (
    """CREATE SCHEMA app;
       CREATE TABLE app.parted (id int NOT NULL, k text, v text) PARTITION BY LIST (k);
       CREATE TABLE app.parted_a PARTITION OF app.parted (PRIMARY KEY (k, id)) FOR VALUES IN ('a');
       CREATE TABLE app.parted_b PARTITION OF app.parted (v NOT NULL) FOR VALUES IN ('b');""",
    """CREATE SCHEMA app;
       CREATE TABLE app.parted (id int NOT NULL, k text, v text) PARTITION BY LIST (k);
       CREATE TABLE app.parted_a PARTITION OF app.parted FOR VALUES IN ('a');
       CREATE TABLE app.parted_b PARTITION OF app.parted FOR VALUES IN ('b');
       CREATE TABLE app.parted_c PARTITION OF app.parted (v NOT NULL) FOR VALUES IN ('c');""")


@pytest.mark.parametrize("direction", ["a_to_b", "b_to_a"])
def test_partition_not_null_round_trip(direction: str, make_empty_db) -> None:
    a_sql, b_sql = PARTITION_NOT_NULL if direction == "a_to_b" else PARTITION_NOT_NULL[::-1]
    script, src = migration_script(make_empty_db, a_sql, b_sql)
    dst = make_empty_db()
    install(dst)
    dst.exec(a_sql)
    dst.psql(sql=script)
    got, want = snapshot(dst), snapshot(src)
    assert got == want, script
    not_null = {(r["name"], r["sub_key"]) for r in dst.rows(
        "SELECT * FROM pggit_v0._snapshot() WHERE sub_key LIKE 'column_not_null %'")}
    # (id is NOT NULL on the parent already: not the partition's own)
    assert not_null == ({("parted_a", "column_not_null k"), ("parted_b", "column_not_null v")}
                        if direction == "b_to_a"
                        else {("parted_c", "column_not_null v")})


def test_numbers_and_timestamps_convert_as_epoch_seconds(make_empty_db) -> None:
    """No cast joins bigint and timestamp: the column is converted as Unix epoch seconds
    (UTC), both ways, and keeps its values."""
    a_sql = "CREATE SCHEMA app; CREATE TABLE app.t (at bigint, on_day bigint, back timestamptz);"
    b_sql = "CREATE SCHEMA app; CREATE TABLE app.t (at timestamp, on_day date, back bigint);"
    script, _ = migration_script(make_empty_db, a_sql, b_sql)
    dst = make_empty_db()
    install(dst)
    dst.exec(a_sql)
    dst.exec("INSERT INTO app.t VALUES (1700000000, 1700000000, '2023-11-14 22:13:20+00')")
    dst.psql(sql=script)
    row = dst.one("SELECT at::text, on_day::text, back FROM app.t")
    assert row == {"at": "2023-11-14 22:13:20", "on_day": "2023-11-14", "back": 1700000000}, script


#: partition indexes attached to their parent's under names of their own (one made
#: before the parent's, a partition's key taken by a unique index), both ways
PARTITION_INDEXES = (
    """CREATE SCHEMA app;
       CREATE TABLE app.parted (id int, k text) PARTITION BY LIST (k);
       CREATE TABLE app.parted_a PARTITION OF app.parted FOR VALUES IN ('a');
       CREATE TABLE app.parted_b PARTITION OF app.parted (PRIMARY KEY (k, id)) FOR VALUES IN ('b');""",
    """CREATE SCHEMA app;
       CREATE TABLE app.parted (id int, k text) PARTITION BY LIST (k);
       CREATE TABLE app.parted_a PARTITION OF app.parted FOR VALUES IN ('a');
       CREATE TABLE app.parted_b PARTITION OF app.parted (PRIMARY KEY (k, id)) FOR VALUES IN ('b');
       CREATE INDEX parted_a_mine ON app.parted_a (k);
       CREATE INDEX parted_k ON app.parted (k);
       CREATE UNIQUE INDEX parted_k_id ON app.parted (k, id);""")


#: the partitioned indexes first, then a partition whose key one of them takes: a new
#: partition gets clones of them, made into its own key
INDEXES_FIRST = """CREATE SCHEMA app;
       CREATE TABLE app.parted (id int, k text) PARTITION BY LIST (k);
       CREATE TABLE app.parted_a PARTITION OF app.parted FOR VALUES IN ('a');
       CREATE INDEX parted_a_mine ON app.parted_a (k);
       CREATE INDEX parted_k ON app.parted (k);
       CREATE UNIQUE INDEX parted_k_id ON app.parted (k, id);"""


@pytest.mark.parametrize("direction", ["a_to_b", "b_to_a", "empty_to_b", "partition_added"])
def test_partition_index_attachments_round_trip(direction: str, make_empty_db) -> None:
    a_sql, b_sql = {"a_to_b": PARTITION_INDEXES, "b_to_a": PARTITION_INDEXES[::-1],
                    "empty_to_b": ("SELECT 1;", PARTITION_INDEXES[1]),
                    "partition_added": (INDEXES_FIRST, PARTITION_INDEXES[1])}[direction]
    script, src = migration_script(make_empty_db, a_sql, b_sql)
    dst = make_empty_db()
    install(dst)
    dst.exec(a_sql)
    dst.psql(sql=script)
    assert snapshot(dst) == snapshot(src), script
    clones = {r["relname"] for r in dst.rows(
        "SELECT relname FROM pg_class WHERE relkind = 'i' AND relispartition")}
    assert clones == (set() if direction == "b_to_a"
                      else {"parted_a_mine", "parted_b_k_idx", "parted_a_k_id_idx", "parted_b_pkey"}), script
