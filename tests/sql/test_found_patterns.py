"""Patterns found by trying whole real schemas nobody here wrote (issue 13: Synapse, Gisia,
MusicBrainz, Sourcegraph, HashiCorp Boundary, Lemmy), each reduced to a few statements on an
empty database: committed, migrated onto a fresh database with real psql, judged by
pg_dump as tests/sql/test_real_schemas.py judges whole schemas. Each is expected to fail
(strict xfail) until the engine handles it; the reason names the schema it came from.
(Those fixed while this was written live in tests/sql/test_user_patterns.py.)"""
from __future__ import annotations

import re
from typing import Any, Dict, Tuple

import pytest

from conftest import SqlDb, require_extensions
from test_real_schemas import dump, pg_dump_binary
from test_user_patterns import migrates_from_empty_and_back


def xfail(reason: str) -> Any:
    return pytest.mark.xfail(strict=True, reason=reason)


#: name -> (statements after CREATE SCHEMA app, why it fails)
FROM_EMPTY: Dict[str, Tuple[str, str]] = {
    "view_union_null_column": ("""
CREATE TABLE app.a (x int, c int);
CREATE TABLE app.b (x int);
CREATE VIEW app.v AS SELECT x, c FROM (SELECT x, c FROM app.a UNION ALL SELECT x, NULL FROM app.b) q;
""", "MusicBrainz (release_event): pg_get_viewdef's NULL::integer comes back as NULL::integer AS int4 "
     "(docs/reference.md, Known limits)"),
}


@pytest.mark.parametrize("case", [pytest.param(c, marks=xfail(FROM_EMPTY[c][1])) for c in sorted(FROM_EMPTY)])
def test_a_found_pattern_migrates_from_empty_and_back(case: str, db: SqlDb, make_empty_db: Any, pggit_server: Any,
                                                      pytestconfig: pytest.Config) -> None:
    sql = FROM_EMPTY[case][0]
    require_extensions(db, *re.findall(r"CREATE EXTENSION (\w+)", sql))
    migrates_from_empty_and_back(db, make_empty_db, pg_dump_binary(pytestconfig, pggit_server), sql)


@pytest.mark.parametrize("case", [pytest.param(c, marks=xfail(FROM_EMPTY[c][1]))
                                  for c in ("view_union_null_column",)])
def test_a_found_pattern_checks_out_away_and_back(case: str, db: SqlDb, pggit_server: Any,
                                                  pytestconfig: pytest.Config) -> None:
    """checkout_branch(apply) compares what it made with the target tree: a definition that
    PostgreSQL prints differently once created again from its printed text made it raise
    XX000 "This is a pgGit migration bug" on the way back."""
    pg_dump = pg_dump_binary(pytestconfig, pggit_server)
    baseline = db.val("SELECT pggit_v0.get_head_sha()")
    db.exec("CREATE SCHEMA app;" + FROM_EMPTY[case][0])
    db.val("SELECT pggit_v0.create_basic_commit('the pattern')")
    original = dump(pg_dump, db)
    db.exec("SELECT pggit_v0.create_branch('empty', from_ref => %s, checkout => false)", [baseline])
    db.exec("SELECT pggit_v0.checkout_branch('empty', apply => true, force => true)")
    db.exec("SELECT pggit_v0.checkout_branch('main', apply => true)")
    assert db.rows("SELECT path FROM pggit_v0.status()") == []
    assert dump(pg_dump, db) == original



#: name -> (statements after CREATE SCHEMA app, the change committed second, why it fails)
CHANGES: Dict[str, Tuple[str, str, str]] = {
    "partition_renamed": ("""
CREATE TABLE app.p (a int, b text, c int, PRIMARY KEY (a, b)) PARTITION BY LIST (b);
CREATE INDEX p_c ON app.p (c);
CREATE TABLE app.p1 PARTITION OF app.p FOR VALUES IN ('x');
""", "ALTER TABLE app.p1 RENAME TO q1;",
        "Gisia (merge_request_notes): the renamed partition keeps its key and indexes (p1_pkey, p1_c_idx), "
        "now recorded on it by name; the migration creates them again: multiple primary keys"),
    "column_read_by_a_generated_column_retyped": ("""
CREATE TABLE app.repo (id int PRIMARY KEY, name varchar(100) NOT NULL,
                       name_lower text GENERATED ALWAYS AS (lower(name::text)) STORED);
""", """
ALTER TABLE app.repo DROP COLUMN name_lower;
ALTER TABLE app.repo ALTER COLUMN name TYPE varchar(200);
ALTER TABLE app.repo ADD COLUMN name_lower text GENERATED ALWAYS AS (lower(name::text)) STORED;
""", "Sourcegraph (repo.name_lower): PostgreSQL refuses to retype a column a generated column reads; "
        "the generated column is not dropped and added around it (docs/reference.md, Known limits)"),
}


@pytest.mark.parametrize("case", [pytest.param(c, marks=xfail(CHANGES[c][2])) for c in sorted(CHANGES)])
def test_a_found_change_migrates_both_ways(case: str, db: SqlDb, make_empty_db: Any, pggit_server: Any,
                                           pytestconfig: pytest.Config) -> None:
    pg_dump = pg_dump_binary(pytestconfig, pggit_server)
    setup, change, _ = CHANGES[case]
    db.exec("CREATE SCHEMA app;" + setup)
    a = db.val("SELECT pggit_v0.create_basic_commit('before')")
    target = make_empty_db()
    target.psql("-q", sql=db.val("SELECT pggit_v0.generate_migration('root', %s)", [a]))
    before = dump(pg_dump, target)
    assert before == dump(pg_dump, db)
    db.exec(change)
    b = db.val("SELECT pggit_v0.create_basic_commit('after')")
    target.psql("-q", sql=db.val("SELECT pggit_v0.generate_migration(%s, %s)", [a, b]))
    after, migrated = dump(pg_dump, db), dump(pg_dump, target)
    assert (sorted(after - migrated), sorted(migrated - after)) == ([], [])
    target.psql("-q", sql=db.val("SELECT pggit_v0.generate_migration(%s, %s)", [b, a]))
    assert dump(pg_dump, target) == before


@xfail("Gisia: DETACH PARTITION is migrated as DROP TABLE and CREATE TABLE, the partition's rows lost "
       "(ATTACH back the same; docs/reference.md, Known limits)")
def test_a_detached_partition_keeps_its_rows(db: SqlDb) -> None:
    db.exec("""
CREATE SCHEMA app;
CREATE TABLE app.p (a int, b text, PRIMARY KEY (a, b)) PARTITION BY LIST (b);
CREATE TABLE app.p1 PARTITION OF app.p FOR VALUES IN ('x');
INSERT INTO app.p VALUES (1, 'x');
""")
    a = db.val("SELECT pggit_v0.create_basic_commit('attached')")
    db.exec("ALTER TABLE app.p DETACH PARTITION app.p1")
    b = db.val("SELECT pggit_v0.create_basic_commit('detached')")
    for x, y in ((a, b), (b, a)):
        assert "DROP TABLE" not in db.val("SELECT pggit_v0.generate_migration(%s, %s)", [x, y])
    db.exec("SELECT pggit_v0.create_branch('attached', from_ref => %s, checkout => false)", [a])
    db.exec("SELECT pggit_v0.checkout_branch('attached', apply => true)")
    assert db.val("SELECT count(*) FROM app.p") == 1
