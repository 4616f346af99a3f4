"""The gate (--pggit-gate) fails the session on each cause and passes when clean.

Inner pytest runs (pytester) against the outer run's server (--pggit-backend dsn); the
inner tests all pass, so a non-zero exit comes from the gate alone.
"""
from __future__ import annotations

from typing import List

import pytest

from pytest_pggit.backends import Server

SCHEMA = """
CREATE TABLE customers (id int PRIMARY KEY, email text NOT NULL);
CREATE TABLE legacy (id int PRIMARY KEY, note text);
INSERT INTO legacy VALUES (1, 'keep me');
CREATE INDEX customers_email_idx ON customers (email);
"""

PASSING_TEST = """
def test_ok(pggit):
    assert pggit.execute("SELECT to_regclass('customers')") == [("customers",)]
"""

TAMPER_HOOK = """
def pytest_pggit_setup(connection):
    # history changed behind pgGit's back (an intruder, a botched repair)
    connection.execute("SET pggit.allow_history_rewrite = on")
    connection.execute("UPDATE pggit_v0.commit_graph SET message = 'tampered'")
    connection.execute("RESET pggit.allow_history_rewrite")
"""

CAPTURE_OFF_HOOK = """
def pytest_pggit_setup(connection):
    connection.execute("ALTER EVENT TRIGGER pggit_v0_capture_ddl DISABLE")  # a WARNING alert
"""

DROP_HOOK = """
def pytest_pggit_setup(connection):
    # the project's schema as released (tag v1), then a migration that drops a table
    connection.execute("SELECT pggit_v0.create_basic_commit('release 1')")
    connection.execute("SELECT pggit_v0.create_tag('v1')")
    connection.execute("DROP TABLE legacy")
"""


def dsn_args(server: Server) -> List[str]:
    return ["--pggit", "--pggit-backend", "dsn", "--pggit-dsn", server.dsn(), "-p", "no:randomly",
            "--pggit-schema", "schema.sql", "--pggit-gate"]


@pytest.fixture
def gate(pytester: pytest.Pytester, pggit_server: Server):
    (pytester.path / "schema.sql").write_text(SCHEMA)
    pytester.makepyfile(test_app=PASSING_TEST)

    def run(*args: str, hook: str = "") -> pytest.RunResult:
        if hook:
            pytester.makeconftest(hook)
        # -v: the section's tables also for passing groups (quiet runs: test_gate_allow.py)
        return pytester.runpytest(*dsn_args(pggit_server), "-v", *args)

    return run


def test_clean_schema_passes(gate) -> None:
    result = gate()
    result.assert_outcomes(passed=1)
    assert result.ret == 0
    text = result.stdout.str()
    result.stdout.fnmatch_lines([
        "*= pggit =*",
        "pggit gate: PASSED (* checks)",
        "server: dsn backend, PostgreSQL * database pggit_*_tpl",
        "base: root = *; head: HEAD = *",
        "fail on alerts >= critical, hazards >= data-loss*",
    ])
    # the report's tables: commits, branches, the diff base..head, alerts, integrity, migration
    for needle in ("commits (HEAD first):", "sql schema.sql: schema file",
                   "branches:", "* main", "diff root..HEAD:", "ADDED     public/table/customers",
                   "alerts (check_for_alerts):", "integrity (validate_data_integrity):",
                   "ok  object_hashes", "migration:", "ok  root..HEAD"):
        assert needle in text, needle
    assert "public/table/customers/column/email" not in text  # parts of added tables are implied
    assert "pggit gate failed" not in text


def test_integrity_failure_fails_the_session(gate) -> None:
    result = gate(hook=TAMPER_HOOK)
    result.stdout.fnmatch_lines(["*= 1 passed, 1 pggit gate failed in *"])
    assert result.ret == pytest.ExitCode.TESTS_FAILED
    result.stdout.fnmatch_lines([
        "pggit gate: FAILED: * checks failed (integrity, alerts)",
        "FAIL  integrity        CRITICAL  1 of 15 integrity checks failed: commit_content*",
        "FAIL  commit_content   FAILED*author, time or message differ*",
    ])


def test_alerts_fail_at_the_chosen_severity(gate) -> None:
    result = gate(hook=CAPTURE_OFF_HOOK)  # default --pggit-fail-on critical: a WARNING passes
    assert result.ret == 0
    result.stdout.fnmatch_lines(["pggit gate: PASSED*", "ok*capture*WARNING*"])
    result = gate("--pggit-fail-on", "warning")
    assert result.ret == pytest.ExitCode.TESTS_FAILED
    result.stdout.fnmatch_lines([
        "pggit gate: FAILED: 1 of * checks failed (alerts)",
        "fail on alerts >= warning, *",
        "FAIL*capture*WARNING*capture mode event_triggers*",
        "alerts / capture:",
        "hint: ALTER EVENT TRIGGER pggit_v0_capture_ddl ENABLE*",
    ])


def test_bad_levels_are_usage_errors(gate) -> None:
    result = gate("--pggit-fail-on-hazard", "huge")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(["*--pggit-fail-on-hazard must be one of none, low, medium, high, "
                                 "data-loss, breaking, got 'huge'*"])


def test_hazards_between_base_and_head(gate) -> None:
    # --no-pggit-lint: the hook's DROP TABLE is also a lint finding (tests/test_gate_lint.py)
    result = gate("--pggit-base", "v1", "--no-pggit-lint", hook=DROP_HOOK)
    result.stdout.fnmatch_lines(["*= 1 passed, 1 pggit gate failed in *"])
    assert result.ret == pytest.ExitCode.TESTS_FAILED
    result.stdout.fnmatch_lines([
        "pggit gate: FAILED: 1 of * checks failed (hazards)",
        "base: v1 = *; head: HEAD = *",
        "diff v1..HEAD: 5 path(s), 1 with hazards (4 parts of added/removed objects not listed)",
        "REMOVED   public/table/legacy  table   access_exclusive_lock, data_deletion  data-loss*",
        "hazards:",
        "FAIL  public/table/legacy  data-loss  REMOVED public/table/legacy: access_exclusive_lock "
        "(medium), data_deletion (data-loss); made by setup hook conftest.py:1*",
        "ok*v1..HEAD*OK*1 statement(s) reproduce head",
        "hazards / public/table/legacy:",
        "DROP TABLE IF EXISTS public.legacy;",
    ])
    # the threshold: medium still fails, none reports without failing
    assert gate("--pggit-base", "v1", "--no-pggit-lint", "--pggit-fail-on-hazard", "medium").ret == 1
    result = gate("--pggit-base", "v1", "--no-pggit-lint", "--pggit-fail-on-hazard", "none")
    assert result.ret == 0
    result.stdout.fnmatch_lines(["pggit gate: PASSED*", "ok*public/table/legacy*data-loss*"])
    # base == head: nothing to migrate
    result = gate("--pggit-base", "v1", "--no-pggit-lint", "--pggit-head", "v1")
    assert result.ret == 0
    result.stdout.fnmatch_lines(["diff v1..v1: 0 path(s), 0 with hazards"])


def test_unknown_ref_fails_the_gate(gate) -> None:
    result = gate("--pggit-base", "no-such-ref")
    assert result.ret == pytest.ExitCode.TESTS_FAILED
    result.stdout.fnmatch_lines(["pggit gate: FAILED: 1 of * checks failed (gate)",
                                 "FAIL*gate*ERROR*the gate could not run: ?42704? ref \"no-such-ref\" "
                                 "not found"])


def test_snapshot_written_then_drift_detected(gate, pytester: pytest.Pytester) -> None:
    snap = pytester.path / "db" / "schema.snapshot"
    args = ("--pggit-snapshot", "db/schema.snapshot")
    result = gate(*args)  # no file yet: the gate says how to make one
    assert result.ret == 1
    result.stdout.fnmatch_lines(["FAIL*db/schema.snapshot*DRIFT*snapshot db/schema.snapshot "
                                 "does not exist: run with --pggit-snapshot-update to create it"])
    assert not snap.exists()

    result = gate(*args, "--pggit-snapshot-update")
    assert result.ret == 0
    result.stdout.fnmatch_lines(["ok*db/schema.snapshot*WRITTEN*snapshot db/schema.snapshot "
                                 "written (created)"])
    text = snap.read_text()
    assert "\npublic/table/customers/column/email\n    email text NOT NULL\n" in text
    assert "\npublic/table/customers/index/customers_email_idx\n    CREATE INDEX" in text
    paths = [line for line in text.splitlines() if line and not line[0].isspace()
             and not line.startswith("#")]
    assert paths == sorted(paths) and len(paths) == len(set(paths)) > 8

    result = gate(*args)
    assert result.ret == 0
    result.stdout.fnmatch_lines(["ok*db/schema.snapshot*OK*the schema matches the "
                                 "snapshot db/schema.snapshot"])
    # a second update changes nothing: stable order and content
    gate(*args, "--pggit-snapshot-update")
    assert snap.read_text() == text

    (pytester.path / "schema.sql").write_text(
        SCHEMA.replace("email text NOT NULL", "email varchar(320) NOT NULL, phone text"))
    result = gate(*args)
    assert result.ret == pytest.ExitCode.TESTS_FAILED
    result.stdout.fnmatch_lines([
        "pggit gate: FAILED: 1 of * checks failed (snapshot)",
        "FAIL*db/schema.snapshot*DRIFT*the schema differs from the snapshot "
        "db/schema.snapshot: 1 added, 0 removed, 2 modified path(s)",
        "snapshot / db/schema.snapshot:",
        "ADDED     public/table/customers/column/phone",
        "MODIFIED  public/table/customers/column/email",
        "--- db/schema.snapshot (snapshot)",
        "+++ db/schema.snapshot (schema of this run)",
        "-    email text NOT NULL",
        "+    email character varying(320) NOT NULL",
        "+public/table/customers/column/phone",
        "if the change is intended, rewrite the file with --pggit-snapshot-update and commit it",
    ])
    assert gate(*args, "--pggit-snapshot-update").ret == 0
    assert "phone text" in snap.read_text()
    assert gate(*args).ret == 0


def test_gate_keeps_failing_tests_failing(gate, pytester: pytest.Pytester) -> None:
    pytester.makepyfile(test_bad="def test_bad():\n    assert False\n")
    result = gate()
    result.assert_outcomes(passed=1, failed=1)
    assert result.ret == pytest.ExitCode.TESTS_FAILED
    result.stdout.fnmatch_lines(["pggit gate: PASSED*"])


def test_without_the_gate_nothing_runs(pytester: pytest.Pytester, pggit_server: Server) -> None:
    (pytester.path / "schema.sql").write_text(SCHEMA)
    pytester.makepyfile(test_app=PASSING_TEST)
    result = pytester.runpytest(*dsn_args(pggit_server)[:-1])
    assert result.ret == 0
    assert "= pggit =" not in result.stdout.str()


def test_default_base_is_the_schema_before_the_newest_file(pytester: pytest.Pytester, pggit_server: Server) -> None:
    """With several schema files, a migration file that drops a column is a data-loss
    hazard by default (it is judged against the schema before it), not only drift."""
    schema = pytester.path / "schema"
    schema.mkdir()
    (schema / "001_init.sql").write_text("CREATE TABLE customers (id int PRIMARY KEY, phone text);\n")
    (schema / "002_drop_phone.sql").write_text("ALTER TABLE customers DROP COLUMN phone;\n")
    pytester.makepyfile("def test_ok(pggit):\n    assert pggit.head()\n")
    result = pytester.runpytest("--pggit-backend", "dsn", "--pggit-dsn", pggit_server.dsn(),
                                "--pggit", "--pggit-gate", "--pggit-schema", "schema")
    assert result.ret == 1
    text = result.stdout.str()
    assert ("base: sql/schema/001_init.sql = " in text
            and "(the step before the newest, sql/schema/002_drop_phone.sql)" in text)
    assert "REMOVED   public/table/customers/column/phone" in text
    assert "data_deletion" in text


def test_the_gates_status_integrity_and_alerts_read_the_log_when_it_proves_clean(pggit_conn) -> None:
    """The gate's Repo answers status() from the DDL log when it proves nothing changed
    since HEAD (no snapshot of the whole schema), and its integrity and alert rows are then
    the public functions' rows, without their own status(); with DDL since HEAD, or
    capture changed, the whole schema is compared as before."""
    from pytest_pggit.gate import _alerts, _GateRepo, _integrity
    from pytest_pggit.repo import Repo

    repo, plain = _GateRepo(pggit_conn), Repo(pggit_conn)
    assert repo.live_is_head()
    pending = repo.status()
    assert not pending and not plain.status()
    assert _integrity(repo, pending) == plain.integrity()
    assert _alerts(repo, pending) == plain.alerts()
    assert [c.name for c in _integrity(repo, pending)][-1] == "live_schema"

    pggit_conn.execute("CREATE TABLE gate_probe (id int)")
    assert not repo.live_is_head()
    pending = repo.status()
    assert pending.paths == plain.status().paths and "public/table/gate_probe" in pending.paths
    assert _integrity(repo, pending) == plain.integrity()
    assert _alerts(repo, pending) == plain.alerts()
    repo.commit("probe")
    assert repo.live_is_head() and not repo.status()

    pggit_conn.execute("ALTER EVENT TRIGGER pggit_v0_capture_ddl DISABLE")   # the log proves nothing now
    assert not repo.live_is_head()
    assert not repo.status()


@pytest.mark.parametrize("change, fails", [
    # Django's AddField(default=...): added with the default, then the default dropped
    ("ALTER TABLE customers ADD COLUMN tier int DEFAULT 0 NOT NULL;\n"
     "ALTER TABLE customers ALTER COLUMN tier DROP DEFAULT;\n", False),
    # the pattern the hazard recommends: nullable, backfilled, then NOT NULL
    ("ALTER TABLE customers ADD COLUMN tier int;\nUPDATE customers SET tier = 0;\n"
     "ALTER TABLE customers ALTER COLUMN tier SET NOT NULL;\n", False),
    # what fails in production: NOT NULL without a default on a table with rows
    ("ALTER TABLE customers ADD COLUMN tier int NOT NULL;\n", True),
])
def test_fails_with_rows_is_judged_on_the_steps_own_statements(
        pytester: pytest.Pytester, pggit_server: Server, change: str, fails: bool) -> None:
    """D9 (44 of healthchecks' 199 Django steps): pggit's migration of the final schema
    adds such a column NOT NULL in one statement, which fails on rows, so every AddField
    with a default failed the default gate; what production runs is the step's own
    statements."""
    schema = pytester.path / "schema"
    schema.mkdir()
    (schema / "001_init.sql").write_text("CREATE TABLE customers (id int PRIMARY KEY, phone text);\n")
    (schema / "002_tier.sql").write_text(change)
    pytester.makepyfile("def test_ok(pggit):\n    assert pggit.head()\n")
    result = pytester.runpytest("--pggit-backend", "dsn", "--pggit-dsn", pggit_server.dsn(),
                                "--pggit", "--pggit-gate", "--pggit-schema", "schema", "--no-pggit-lint")
    text = result.stdout.str()
    assert (result.ret == 1) == fails, text
    assert ("fails_with_rows (breaking)" in text) == fails, text


def test_pggit_options_without_pggit_are_a_usage_error(pytester: pytest.Pytester) -> None:
    """D10: `pytest --pggit-gate --pggit-junit gate.xml` without --pggit exited 0 with no
    gate, no JUnit file and no word: a merge gate that passes by doing nothing."""
    pytester.makepyfile(test_app="def test_ok():\n    pass\n")
    result = pytester.runpytest("--pggit-gate", "--pggit-junit", "gate.xml")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(["*--pggit-gate, --pggit-junit given, but pytest-pggit is off: add --pggit*"])
    assert not (pytester.path / "gate.xml").exists()
    assert pytester.runpytest().ret == 0    # off, and nothing asked of it: untouched
