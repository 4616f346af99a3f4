"""A peer's acceptance suite through our engine: stripe/pg-schema-diff's migration cases
(MIT; tests/data/pg-schema-diff/README.md says where they come from and what was left out).

Each case is judged as the peer judges itself: old DDL and new DDL are committed in one
store, generate_migration(old, new) runs with real psql (ON_ERROR_STOP) on a database
holding the old DDL, and its pg_dump --schema-only must equal that of a database built
from the new DDL (as sets of statements).  Separately, the peer's DeletesData hazard must
match our diff's data_deletion hazard, both ways, and where the peer expects an empty plan
our script must have no step.

Cases that fail today are listed in KNOWN (strict xfail), by category.
"""
from __future__ import annotations

import hashlib
import json
import os
import uuid
from pathlib import Path
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Dict, Generator, List, Set, Tuple

import pytest

from conftest import SqlDb, install, require_extensions
from pytest_pggit.janitor import BackgroundDropper, DatabaseJanitor, admin_connect, mark_template
from test_real_schemas import dump, pg_dump_binary

DATA = Path(__file__).resolve().parents[1] / "data" / "pg-schema-diff" / "cases.json"
CASES: List[Dict[str, Any]] = json.loads(DATA.read_text())["cases"]


def case_id(case: Dict[str, Any]) -> str:
    return f"{Path(case['file']).stem}::{case['name']}"


# Categories of what fails today (the lead's worklist; one line each, examples below)
ORDER = ("column order (not an engine bug): the peer's expected_db_schema has the order its own plan adds "
         "the 2 generated columns in (display_name first); we add them in the new DDL's order")
#: case id -> why its migration fails today (strict xfail)
KNOWN: Dict[str, str] = {
    "column_cases_test::Add multiple generated columns": ORDER,
}

# Categories of DeletesData/data_deletion disagreements
CAST = "type change: we mark data_deletion on a narrowing cast (USING col::newtype); peer: lock + performance only"
MV = "materialized view drop: we mark data_deletion; peer: no hazard (contents are derived, REFRESH rebuilds them)"
#: the same, for the hazard judgement (test_deletes_data_hazard_matches_the_peer)
KNOWN_HAZARDS: Dict[str, str] = {
    "check_constraint_cases_test::Add check constraint and change data type": CAST,
    "column_cases_test::Modify data type and collation (varchar -> char)": CAST,
    "column_cases_test::Set NOT NULL (data type change with additional CC)": CAST,
    "column_cases_test::Change data type and to nullable": CAST,
    "column_cases_test::Change data type and to not nullable": CAST,
    "column_cases_test::Change data type, nullability (NOT NULL), and default": CAST,
    "column_cases_test::Change data type and collation, nullability (NOT NULL), and default with quoted names": CAST,
    "index_cases_test::Switch primary key and make old key nullable": CAST,
    "index_cases_test::Switch primary key with quoted name": CAST,
    "index_cases_test::Switch primary key when the original primary key constraint has a non-default name": CAST,
    "index_cases_test::Alter primary key columns (name stays same)": CAST,
    "table_cases_test::Alter table: New primary key, drop unique constraint, new unique constraint, change column types, delete unique index, delete FK's, new index, validate check constraint": CAST,
    "materialized_view_cases_test::Drop materialized view": MV,
    "materialized_view_cases_test::Drop materialized view with index": MV,
}


def params(known: Dict[str, str]) -> List[Any]:
    out = []
    for c in CASES:
        cid = case_id(c)
        marks = []
        if "skip_reason" in c:
            marks.append(pytest.mark.skip(reason=c["skip_reason"]))
        elif cid in known:
            marks.append(pytest.mark.xfail(strict=True, reason=known[cid]))
        out.append(pytest.param(c, id=cid, marks=marks))
    return out


@pytest.fixture(scope="session")
def admin(pggit_server: Any) -> Generator[Tuple[Any, BackgroundDropper], None, None]:
    """One admin connection per worker to create databases, and a background thread to
    drop them: 3 databases per case, off the tests' critical path."""
    conn = admin_connect(pggit_server)
    dropper = BackgroundDropper(pggit_server)
    try:
        yield conn, dropper
    finally:
        errors = dropper.close()
        conn.close()
        assert errors == [], errors


@pytest.fixture(scope="session")
def layer_template(pggit_server: Any, admin: Tuple[Any, BackgroundDropper]) -> Generator[str, None, None]:
    """One database per worker with the layer installed, cloned for every case."""
    name = f"pggit_peer_tpl_{os.getpid()}"
    janitor = DatabaseJanitor(pggit_server, name)
    database = janitor.create(conn=admin[0])
    d = SqlDb(database.dsn, name)
    try:
        install(d)
    finally:
        d.close()
    mark_template(admin[0], name)
    try:
        yield name
    finally:
        janitor.drop()


@pytest.fixture
def make_db(pggit_server: Any, layer_template: str,
            admin: Tuple[Any, BackgroundDropper]) -> Generator[Any, None, None]:
    """Factory: a fresh database, with the layer (a clone of layer_template) or without
    (a copy of template1, as CREATE DATABASE makes)."""
    opened: List[SqlDb] = []

    def make(layer: bool = True) -> SqlDb:
        name = f"pggit_peer_{os.getpid()}_{uuid.uuid4().hex[:10]}"
        janitor = DatabaseJanitor(pggit_server, name, template=layer_template if layer else "template1")
        database = janitor.create(conn=admin[0])
        d = SqlDb(database.dsn, name)
        opened.append(d)
        return d

    yield make
    for d in opened:
        d.close()
        admin[1].put(d.name)


def create_roles(d: SqlDb, roles: List[str]) -> None:
    """Roles are cluster-wide: create each unless it exists (cases and workers share them)."""
    for r in roles:
        # (each is SQL already, as the peer runs CREATE ROLE <role>; some are quoted names)
        d.exec(f"DO $$ BEGIN CREATE ROLE {r}; EXCEPTION WHEN duplicate_object OR unique_violation "
               "THEN NULL; END $$")


def apply(d: SqlDb, ddl: List[str]) -> None:
    """Each string as one simple query, as the peer's applyDDL does."""
    for stmt in ddl:
        d.exec(stmt)


#: a user schema reset: every schema but the system's and the layer's dropped, public
#: recreated as initdb makes it (owner pg_database_owner, USAGE for PUBLIC)
RESET = """
DO $$
DECLARE s text;
BEGIN
    FOR s IN SELECT nspname FROM pg_namespace
             WHERE nspname NOT IN ('pg_catalog', 'information_schema', 'pggit_v0')
               AND nspname NOT LIKE 'pg\\_%'
    LOOP
        EXECUTE format('DROP SCHEMA %I CASCADE', s);
    END LOOP;
    FOR s IN SELECT extname FROM pg_extension WHERE extname <> 'plpgsql' LOOP
        EXECUTE format('DROP EXTENSION %I CASCADE', s);
    END LOOP;
END $$;
CREATE SCHEMA public AUTHORIZATION pg_database_owner;
GRANT USAGE ON SCHEMA public TO PUBLIC;
COMMENT ON SCHEMA public IS 'standard public schema';
"""


def expected_ddl(case: Dict[str, Any]) -> List[str]:
    """What the migrated database must look like: like the peer, the new DDL unless the
    case says otherwise (2 kept cases do: column order is never migrated)."""
    return case.get("expected_db_schema", case["new"])


def data_deletions(src: SqlDb, old: str, new: str) -> List[str]:
    """The paths our diff from old to new marks with the data_deletion hazard."""
    rows = src.rows("SELECT path, change_type, hazards FROM pggit_v0.diff_commits(%s, %s)", [old, new])
    return [f"{r['change_type']} {r['path']}" for r in rows if "data_deletion" in (r["hazards"] or [])]


@pytest.fixture(scope="session")
def verdict_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where the dump test leaves each case's script and data_deletion paths for the other
    judgements, so that one store per case serves all three (a directory all xdist workers
    of this run share; without xdist, this process's own).  Saves a third of the run."""
    run = os.environ.get("PYTEST_XDIST_TESTRUNUID")
    base = tmp_path_factory.getbasetemp()
    path = (base.parent / f"peer-verdicts-{run}") if run else (base / "peer-verdicts")
    path.mkdir(parents=True, exist_ok=True)
    return path


def cache_file(cache: Path, case: Dict[str, Any]) -> Path:
    return cache / (hashlib.sha1(case_id(case).encode()).hexdigest() + ".json")


def store_verdicts(cache: Path, case: Dict[str, Any], src: SqlDb, old: str, new: str) -> Dict[str, Any]:
    """The migration script and the data_deletion paths of one store, left in the cache."""
    verdicts = {"script": src.val("SELECT pggit_v0.generate_migration(%s, %s)", [old, new]),
                "data_deletion": data_deletions(src, old, new)}
    cached = cache_file(cache, case)
    tmp = cached.with_suffix(f".{os.getpid()}.tmp")
    tmp.write_text(json.dumps(verdicts))
    tmp.replace(cached)
    return verdicts


def verdicts_of(cache: Path, case: Dict[str, Any], make_db: Any) -> Dict[str, Any]:
    """The dump test's verdicts for this case (it usually ran first), else made anew."""
    cached = cache_file(cache, case)
    if cached.exists():
        return json.loads(cached.read_text())
    src, old, new = commit_both(make_db, case)
    return store_verdicts(cache, case, src, old, new)


def commit_both(make_db: Any, case: Dict[str, Any]) -> Tuple[SqlDb, str, str]:
    """A store holding commits of the old and the new DDL: (store, old sha, new sha)."""
    src = make_db()
    if case.get("extensions"):
        require_extensions(src, *case["extensions"])
    create_roles(src, case["roles"])
    apply(src, case["old"])
    old = src.val("SELECT pggit_v0.create_basic_commit('old')")
    src.exec(RESET)
    apply(src, case["new"])
    new = src.val("SELECT pggit_v0.create_basic_commit('new')")
    return src, old, new


@pytest.fixture(scope="session")
def pg_dump(pggit_server: Any, pytestconfig: pytest.Config) -> str:
    return pg_dump_binary(pytestconfig, pggit_server)


@pytest.mark.parametrize("case", params(KNOWN))
def test_migration_reaches_the_peer_expected_dump(case: Dict[str, Any], make_db: Any, pg_dump: str,
                                                  verdict_cache: Path) -> None:
    def expected_dump() -> Set[str]:
        want = make_db(layer=False)
        create_roles(want, case["roles"])
        apply(want, expected_ddl(case))
        return dump(pg_dump, want)

    # the database the peer compares with does not depend on ours: built meanwhile
    with ThreadPoolExecutor(max_workers=1) as pool:
        expected_future = pool.submit(expected_dump)
        src, old, new = commit_both(make_db, case)
        script = store_verdicts(verdict_cache, case, src, old, new)["script"]
        dst = make_db()
        apply(dst, case["old"])
        proc = dst.psql(sql=script, check=False)
        assert proc.returncode == 0, f"migration failed: {proc.stderr.strip()}\nscript:\n{script}"
        got, expected = dump(pg_dump, dst), expected_future.result()
    missing, extra = sorted(expected - got), sorted(got - expected)
    assert (missing, extra) == ([], []), f"dump differs\nmissing: {missing}\nextra: {extra}\nscript:\n{script}"


@pytest.mark.parametrize("case", params(KNOWN_HAZARDS))
def test_deletes_data_hazard_matches_the_peer(case: Dict[str, Any], make_db: Any, verdict_cache: Path) -> None:
    ours = verdicts_of(verdict_cache, case, make_db)["data_deletion"]
    peer = "MigrationHazardTypeDeletesData" in case["expected_hazards"]
    assert bool(ours) == peer, (f"peer DeletesData={peer}, ours data_deletion on {ours or 'nothing'}; "
                                f"peer hazards {case['expected_hazards']}")


#: case id -> why we make statements where the peer expects an empty plan
KNOWN_NOT_EMPTY: Dict[str, str] = {
}


@pytest.mark.parametrize("case", [p for p in params(KNOWN_NOT_EMPTY) if p.values[0]["expect_empty_plan"]])
def test_no_statements_when_the_peer_expects_an_empty_plan(case: Dict[str, Any], make_db: Any,
                                                           verdict_cache: Path) -> None:
    script = verdicts_of(verdict_cache, case, make_db)["script"]
    assert " 0 step(s)" in script.splitlines()[0], script


def test_known_failures_name_real_cases() -> None:
    """A renamed or re-extracted case must not leave a stale KNOWN entry behind."""
    ids = {case_id(c) for c in CASES if "skip_reason" not in c}
    for known in (KNOWN, KNOWN_HAZARDS, KNOWN_NOT_EMPTY):
        assert sorted(set(known) - ids) == []
