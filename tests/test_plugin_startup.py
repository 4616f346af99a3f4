"""Turning the plugin on and off, the report header, settings, and every startup failure.

A startup failure errors the first test that needs the database, with one message
naming the cause (and the file and line where one applies), and stops the run.
"""
from __future__ import annotations

import re
import socket
import subprocess
from pathlib import Path
from typing import List

import psycopg
import pytest

from pytest_pggit.backends import Server

TWO_TESTS = """
def test_first(pggit_db):
    pass

def test_second(pggit_conn):
    pass
"""


def dsn_args(server: Server) -> List[str]:
    return ["--pggit", "--pggit-backend", "dsn", "--pggit-dsn", server.dsn(), "-p", "no:randomly"]


def databases(server: Server) -> List[str]:
    with psycopg.connect(server.dsn(), autocommit=True) as conn:
        return [r[0] for r in conn.execute("SELECT datname FROM pg_database")]


def assert_stopped_with(result: pytest.RunResult, *patterns: str) -> None:
    """One error, the second test never ran, the reason printed once as the stop line."""
    result.assert_outcomes(errors=1)
    assert result.ret == pytest.ExitCode.TESTS_FAILED
    result.stdout.fnmatch_lines(list(patterns))
    result.stdout.fnmatch_lines(["*! pytest-pggit could not start: *"])


# ----------------------------------------------------------------- on / off
def test_off_without_the_flag_touches_nothing(pytester: pytest.Pytester) -> None:
    # the DSN names a closed port: any connection the plugin tried would fail the run.
    # (Comparing the shared server's databases before and after raced other workers.)
    pytester.makeconftest(
        """
        def pytest_pggit_setup(connection):  # a known hook even while off
            raise AssertionError("must not run")
        """
    )
    pytester.makepyfile(
        """
        import pytest

        @pytest.mark.pggit_branch("feature/x")
        def test_plain():
            pass

        def test_wants_db(pggit):
            pass
        """
    )
    result = pytester.runpytest("--pggit-backend", "dsn",
                                "--pggit-dsn", "host=127.0.0.1 port=1 user=nobody dbname=none",
                                "--strict-markers")
    result.assert_outcomes(passed=1, errors=1)
    result.stdout.fnmatch_lines(["*pytest-pggit is disabled: run pytest with --pggit*"])
    result.stdout.no_fnmatch_line("pggit: *")
    result.stdout.no_fnmatch_line("*port=1*")
    result.stdout.no_fnmatch_line("*could not start*")


def test_on_through_the_ini_file(pytester: pytest.Pytester, pggit_server: Server) -> None:
    pytester.makeini(f"[pytest]\npggit = true\npggit_dsn = {pggit_server.dsn()}\n")
    pytester.makepyfile("def test_x(pggit):\n    assert pggit.head()\n")
    result = pytester.runpytest()
    result.assert_outcomes(passed=1)
    result.stdout.fnmatch_lines(["pggit: backend dsn (auto: a DSN is set): PostgreSQL *"])


def test_options_live_in_a_pggit_group(pytester: pytest.Pytester) -> None:
    result = pytester.runpytest("--help")
    result.stdout.fnmatch_lines(["pytest-pggit*", "*--pggit *", "*--pggit-backend*", "*--pggit-port*",
                                 "*--pggit-image*"])
    result.stdout.fnmatch_lines(["*pggit_schema (linelist)*"])


@pytest.mark.parametrize(
    "cli,ini,env,expected",
    [("5501", "5502", "5503", 5501), (None, "5502", "5503", 5502), (None, None, "5503", 5503),
     (None, None, None, None)],
)
def test_precedence_cli_ini_env(pytester: pytest.Pytester, monkeypatch, cli, ini, env, expected) -> None:
    pytester.makeini("[pytest]\npggit = true\n" + (f"pggit_port = {ini}\npggit_image = postgres:15\n" if ini else ""))
    monkeypatch.delenv("PGGIT_PORT", raising=False)
    if env:
        monkeypatch.setenv("PGGIT_PORT", env)
    monkeypatch.setenv("PGGIT_IMAGE", "postgres:16")
    pytester.makepyfile(
        f"""
        from pytest_pggit.session import session_key
        def test_cfg(pytestconfig):
            cfg = pytestconfig.stash[session_key].cfg
            assert cfg.port == {expected!r}
            assert cfg.image == {"postgres:15" if ini else "postgres:16"!r}
        """
    )
    pytester.runpytest(*(["--pggit-port", cli] if cli else [])).assert_outcomes(passed=1)


def test_header_names_the_local_backend_and_version(pytester: pytest.Pytester) -> None:
    pytester.makepyfile("def test_x():\n    pass\n")
    result = pytester.runpytest("--pggit")
    result.stdout.fnmatch_lines([
        "pggit: backend local (auto: PostgreSQL binaries found): PostgreSQL * from */bin, "
        "as OS user *, on a free port on 127.0.0.1, started while pytest collects",
    ])
    # (the server starts while pytest collects, on a thread: whether it is up when this
    # run of one test ends depends on timing, so its summary line may or may not be there;
    # asserting it absent made this test fail about every second run on a quiet machine)
    assert result.ret == 0


# ----------------------------------------------------------------- startup failures
def test_no_binaries(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(TWO_TESTS)
    result = pytester.runpytest("--pggit", "--pggit-pg-bin", "/nonexistent/pg/bin")
    assert_stopped_with(
        result,
        "*PostgreSQL binaries not found: /nonexistent/pg/bin has no executable initdb and postgres*",
        "hint: point --pggit-pg-bin at the directory printed by `pg_config --bindir`",
    )
    result.stdout.fnmatch_lines(["pggit: backend local (auto: PostgreSQL binaries named): unavailable*"])


@pytest.mark.parametrize("how", ["cli", "env", "ini"])
@pytest.mark.parametrize("value", ["soon", "-5", "0"])
def test_bad_start_timeout_is_a_usage_error(pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch,
                                            how: str, value: str) -> None:
    pytester.makepyfile(TWO_TESTS)
    args = ["--pggit"]
    if how == "cli":
        args += ["--pggit-start-timeout", value]
    elif how == "env":
        monkeypatch.setenv("PGGIT_START_TIMEOUT", value)
    else:
        pytester.makeini(f"[pytest]\npggit_start_timeout = {value}\n")
    result = pytester.runpytest(*args)
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines([f"*--pggit-start-timeout must be a positive number of seconds, got '{value}'*"])
    assert "INTERNALERROR" not in result.stdout.str() + result.stderr.str()


def test_relative_pg_bin_is_relative_to_the_invocation_dir(pytester: pytest.Pytester) -> None:
    bindir = subprocess.run(["pg_config", "--bindir"], capture_output=True, text=True).stdout.strip()
    (pytester.path / "pgbin").symlink_to(bindir)
    pytester.makepyfile(
        """
        def test_server(pggit_server):
            assert pggit_server.backend == "local"
        """
    )
    result = pytester.runpytest("--pggit", "--pggit-pg-bin", "pgbin")
    result.assert_outcomes(passed=1)


def test_empty_schema_folder_stops_the_run(pytester: pytest.Pytester, pggit_server: Server) -> None:
    (pytester.path / "schema").mkdir()
    (pytester.path / "schema" / "README.md").write_text("no SQL here")
    pytester.makepyfile(TWO_TESTS)
    result = pytester.runpytest(*dsn_args(pggit_server), "--pggit-schema", "schema")
    assert_stopped_with(result, "*schema folder holds no .sql files: *schema*")


def test_ini_pggit_true_is_turned_off_with_o(pytester: pytest.Pytester) -> None:
    pytester.makeini("[pytest]\npggit = true\n")
    pytester.makepyfile(
        """
        def test_plain():
            pass
        """
    )
    result = pytester.runpytest("-o", "pggit=false", "--strict-config")
    result.assert_outcomes(passed=1)
    result.stdout.no_fnmatch_line("pggit:*")


def test_port_in_use_by_another_server(pytester: pytest.Pytester, pggit_server: Server) -> None:
    # the outer run's own server holds this port: a second server cannot have it
    pytester.makepyfile(TWO_TESTS)
    result = pytester.runpytest("--pggit", "--pggit-backend", "local",
                                "--pggit-port", str(pggit_server.port))
    assert_stopped_with(
        result,
        f"*port {pggit_server.port} on 127.0.0.1 is already in use*--pggit-port*",
        "hint: stop what listens there, pick another port, or leave --pggit-port out*",
    )


def test_fixed_free_port_is_used(pytester: pytest.Pytester) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    pytester.makepyfile(
        f"def test_x(pggit_server):\n    assert pggit_server.port == {port}\n")
    pytester.runpytest_subprocess("--pggit", "--pggit-port", str(port)).assert_outcomes(passed=1)


def test_dsn_pointing_at_a_closed_port(pytester: pytest.Pytester) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # closed again when the block ends
    pytester.makepyfile(TWO_TESTS)
    result = pytester.runpytest("--pggit", "--pggit-dsn", f"postgresql://postgres@127.0.0.1:{port}/postgres")
    assert_stopped_with(
        result,
        f"*cannot connect to --pggit-dsn server: *127.0.0.1*{port}*",
        "hint: check that the server runs and the DSN (host, port, user) is right",
    )
    result.stdout.fnmatch_lines(["pggit: backend dsn (auto: a DSN is set): cannot connect*"])


def test_malformed_dsn(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(TWO_TESTS)
    result = pytester.runpytest("--pggit", "--pggit-dsn", "host=127.0.0.1 port")
    assert_stopped_with(result, "*invalid --pggit-dsn*", "hint: use a libpq URI or key=value string")


def test_schema_file_error_names_file_and_line(pytester: pytest.Pytester, pggit_server: Server) -> None:
    bad = pytester.path / "schema" / "02_orders.sql"
    bad.parent.mkdir()
    (pytester.path / "schema" / "01_ok.sql").write_text("CREATE TABLE ok1 (id int);\n")
    bad.write_text(
        "-- orders\n"
        "CREATE TABLE orders (id int PRIMARY KEY);\n"
        "\n"
        "CREATE INDEX orders_customer ON orders (customer_id);\n"
    )
    pytester.makepyfile(TWO_TESTS)
    result = pytester.runpytest(*dsn_args(pggit_server), "--pggit-schema", "schema")
    assert_stopped_with(
        result,
        f"pytest-pggit: [[]42703[]] applying schema file {bad} failed at {bad}:4: "
        'column "customer_id" does not exist',
    )


def test_schema_files_run_statement_by_statement_like_psql(pytester: pytest.Pytester,
                                                          pggit_server: Server) -> None:
    """CONCURRENTLY and VACUUM (no transaction block) and a file's own BEGIN/COMMIT work."""
    (pytester.path / "s.sql").write_text(
        "CREATE TABLE a (id int, note text);\n"
        "CREATE INDEX CONCURRENTLY a_id ON a (id);\n"
        "BEGIN;\nINSERT INTO a VALUES (1, '50%; off');\nCOMMIT;\n"
        "VACUUM ANALYZE a;\n"
        "-- trailing comment only\n"
    )
    pytester.makepyfile(
        """
        def test_schema(pggit_conn):
            rows = pggit_conn.execute("SELECT id, note FROM a").fetchall()
            assert rows == [(1, "50%; off")]
            assert pggit_conn.execute("SELECT to_regclass('a_id') IS NOT NULL").fetchone()[0]
        """
    )
    result = pytester.runpytest(*dsn_args(pggit_server), "--pggit-schema", "s.sql")
    result.assert_outcomes(passed=1)


@pytest.mark.parametrize("text,line,message", [
    ("CREATE TABLE b (id int);\nSELECT 1;\nCREATE TABLE e (id int\n", 3, "syntax error at end of input"),
    ("BEGIN;\nCREATE SCHEMA app;\nCOMMIT;\nSELECT 1/0;\n", 4, "division by zero"),
])
def test_schema_error_line_at_end_of_file_and_after_a_transaction(
        pytester: pytest.Pytester, pggit_server: Server, text: str, line: int, message: str) -> None:
    bad = pytester.path / "bad.sql"
    bad.write_text(text)
    pytester.makepyfile(TWO_TESTS)
    result = pytester.runpytest(*dsn_args(pggit_server), "--pggit-schema", "bad.sql")
    assert_stopped_with(result, f"*applying schema file {bad} failed at {bad}:{line}: {message}*")


def test_schema_file_left_in_a_transaction_is_refused(pytester: pytest.Pytester, pggit_server: Server) -> None:
    (pytester.path / "open.sql").write_text("BEGIN;\nCREATE TABLE a (id int);\n")
    pytester.makepyfile(TWO_TESTS)
    result = pytester.runpytest(*dsn_args(pggit_server), "--pggit-schema", "open.sql")
    assert_stopped_with(result, "*open.sql failed: it opens a transaction (BEGIN) that it never commits*",
                        "*hint: end the file with COMMIT;*")


def test_schema_error_in_an_included_file(pytester: pytest.Pytester, pggit_server: Server) -> None:
    (pytester.path / "parts").mkdir()
    (pytester.path / "main.sql").write_text("CREATE TABLE a (id int);\n\\ir parts/b.sql\n")
    (pytester.path / "parts" / "b.sql").write_text("\n\nSELECT no_such_function();\n")
    pytester.makepyfile(TWO_TESTS)
    result = pytester.runpytest(*dsn_args(pggit_server), "--pggit-schema", "main.sql")
    assert_stopped_with(result, f"*[[]42883[]]*failed at {pytester.path / 'parts' / 'b.sql'}:3: "
                                "function no_such_function() does not exist*")


def test_setup_hook_error_names_the_hook_line(pytester: pytest.Pytester, pggit_server: Server) -> None:
    pytester.makeconftest(
        """
        def pytest_pggit_setup(connection):
            connection.execute("CREATE TABLE fine (id int)")
            connection.execute("ALTER TABLE missing ADD COLUMN x int")
        """
    )
    pytester.makepyfile(TWO_TESTS)
    result = pytester.runpytest(*dsn_args(pggit_server))
    assert_stopped_with(
        result,
        f"*[[]42P01[]] the pytest_pggit_setup hook failed at {pytester.path / 'conftest.py'}:3: "
        'relation "missing" does not exist*',
    )


def test_failed_start_leaves_no_database(pytester: pytest.Pytester, pggit_server: Server) -> None:
    (pytester.path / "bad.sql").write_text("SELECT 1/0;\n")
    pytester.makepyfile(TWO_TESTS)
    result = pytester.runpytest(*dsn_args(pggit_server), "--pggit-schema", "bad.sql")
    assert_stopped_with(result, "*[[]22012[]] applying schema file*bad.sql failed at *bad.sql:1: division by zero*")
    run_id = re.search(r"pggit: run id ([0-9a-f]+)", result.stdout.str()).group(1)
    assert not [d for d in databases(pggit_server) if d.startswith(f"pggit_{run_id}_")]


def test_stop_summary_keeps_the_cause_after_an_announcing_line() -> None:
    from pytest_pggit.exceptions import ServerStartError
    from pytest_pggit.fixtures import stop_summary

    exc = ServerStartError("postgres exited with code 1 while starting; last lines of /x/postgres.log:\n"
                           "LOG:  starting PostgreSQL 15\n"
                           "FATAL:  could not create lock file \"/run/x.lock\": Permission denied\n")
    assert stop_summary(exc) == ("postgres exited with code 1 while starting; last lines of /x/postgres.log: ... "
                                 "FATAL:  could not create lock file \"/run/x.lock\": Permission denied")
    assert stop_summary(ServerStartError("port 5432 is in use\nmore")) == "port 5432 is in use"


# ----------------------------------------------------------------- when the server starts
FAKE_BINARY = """#!/bin/sh
echo "$0 $*" >> {marker}
[ "$1" = "--version" ] && echo "postgres (PostgreSQL) 15.0" && exit 0
exit 1
"""


def fake_bindir(root: Path) -> Path:
    """initdb and postgres that only write down that they were run (into ``ran.txt``)."""
    bindir = root / "fakebin"
    bindir.mkdir()
    for name in ("initdb", "postgres"):
        (bindir / name).write_text(FAKE_BINARY.format(marker=root / "ran.txt"))
        (bindir / name).chmod(0o755)
    return bindir


@pytest.mark.parametrize("args", [["--markers"], ["--help"], ["--collect-only"]])
def test_runs_that_run_no_tests_start_no_server(pytester: pytest.Pytester, args: List[str]) -> None:
    """The server starts in pytest_configure (on a thread), but not for a run that goes on
    to no test session: --markers, --help, --collect-only.  (-q: no report header, whose
    line asks ``postgres --version`` too.)"""
    bindir = fake_bindir(pytester.path)
    pytester.makepyfile("def test_x(pggit_server):\n    pass\n")
    result = pytester.runpytest_subprocess("-q", "--pggit", "--pggit-pg-bin", str(bindir), *args)
    assert result.ret == pytest.ExitCode.OK
    assert not (pytester.path / "ran.txt").exists()


def test_a_run_with_tests_starts_the_server_before_collecting(pytester: pytest.Pytester) -> None:
    """The control of the test above: a run of a test that uses no database still
    starts the server's binaries (early, while pytest collects)."""
    bindir = fake_bindir(pytester.path)
    pytester.makeconftest(
        """
        import pathlib
        def pytest_collection(session):
            # written before collection: the start must already be under way
            ran = pathlib.Path(str(session.config.rootpath), "ran.txt")
            import time
            deadline = time.monotonic() + 20
            while not ran.exists() and time.monotonic() < deadline:
                time.sleep(0.01)
            pathlib.Path(str(session.config.rootpath), "seen.txt").write_text(str(ran.exists()))
        """
    )
    pytester.makepyfile("def test_x():\n    pass\n")
    result = pytester.runpytest_subprocess("-q", "--pggit", "--pggit-pg-bin", str(bindir))
    result.assert_outcomes(passed=1)
    assert (pytester.path / "seen.txt").read_text() == "True"
    assert "--version" in (pytester.path / "ran.txt").read_text()


def test_the_start_up_threads_make_no_logger() -> None:
    """K10: pytest walks logging's logger dict when collection starts; psycopg's import
    on the pggit-import thread made loggers then, and 3 runs in 10 of a project with
    many loggers crashed (RuntimeError: dictionary changed size during iteration).  The
    loggers are made on the main thread first: the import adds none."""
    import subprocess
    import sys

    code = ("import logging; from pytest_pggit.session import make_thread_loggers; make_thread_loggers(); "
            "before = set(logging.Logger.manager.loggerDict); "
            "import psycopg, psycopg.conninfo, psycopg.sql, psycopg.pq, psycopg.transaction, psycopg.waiting; "
            "psycopg.connect; print(sorted(set(logging.Logger.manager.loggerDict) - before))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]", out
