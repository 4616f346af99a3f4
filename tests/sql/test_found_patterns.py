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
