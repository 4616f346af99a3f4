"""pytest entry point (``-p pggit``): options, lifecycle hooks and fixtures.

Nothing happens unless the run is started with ``--pggit`` (or ini ``pggit = true``).
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any, Generator, List, Optional

import pytest

from . import config as _config
from .backends import Server
from .exceptions import PggitError
from .janitor import Database, DatabaseJanitor
from .run import PggitRun

if TYPE_CHECKING:  # pragma: no cover
    import psycopg

pggit_run_key = pytest.StashKey[PggitRun]()

DISABLED_MESSAGE = (
    "pytest-pggit is disabled: run pytest with --pggit (or set `pggit = true` in the ini file)"
)


def pytest_addoption(parser: pytest.Parser) -> None:
    _config.addoption(parser)


def pytest_configure(config: pytest.Config) -> None:
    enabled, _ = _config._resolve(config, _config.SETTINGS[0])
    if not enabled:
        return
    try:
        cfg = _config.PggitConfig.from_pytest(config)
    except PggitError as exc:
        raise pytest.UsageError(str(exc)) from exc
    workerinput = getattr(config, "workerinput", None)
    config.stash[pggit_run_key] = PggitRun(cfg, rootdir=config.rootpath, workerinput=workerinput)


def pytest_unconfigure(config: pytest.Config) -> None:
    run = config.stash.get(pggit_run_key, None)
    if run is not None:
        run.close()


@pytest.hookimpl(optionalhook=True)
def pytest_configure_node(node: Any) -> None:
    """pytest-xdist controller: start one server and share it with every worker."""
    run = node.config.stash.get(pggit_run_key, None)
    if run is None:
        return
    node.workerinput["pggit_run_id"] = run.run_id
    try:
        node.workerinput["pggit_server"] = run.get_server().to_dict()
    except PggitError as exc:  # reported by the workers' fixtures, where tests see it
        node.workerinput["pggit_error"] = str(exc)


def pytest_report_header(config: pytest.Config) -> Optional[List[str]]:
    run = config.stash.get(pggit_run_key, None)
    if run is None:
        return None
    lines = [f"pggit: backend {run.cfg.resolved_backend()} (server starts on first use), "
             f"run id {run.run_id}"]
    if run.cfg.resolved_backend() == "local":
        try:
            from .backends.local import find_binaries, resolve_os_user, server_version

            bindir = find_binaries(run.cfg.pg_bin)
            runas = resolve_os_user(run.cfg.os_user)
            who = f"as OS user {runas.name!r}" + (" (pytest runs as root)" if runas.switch else "")
            lines.append(f"pggit: PostgreSQL {server_version(bindir)} from {bindir}, {who}")
        except PggitError as exc:
            lines.append(f"pggit: local backend unavailable: {exc.message}")
    return lines


def pytest_terminal_summary(terminalreporter: Any, config: pytest.Config) -> None:
    run = config.stash.get(pggit_run_key, None)
    if run is None or run.server is None:
        return
    server = run.server
    terminalreporter.write_line(
        f"pggit: {server.backend} backend, PostgreSQL {server.version} at {server.host}:{server.port}"
    )
    for note in server.notes + run.notes:
        terminalreporter.write_line(f"pggit: {note}")


# ------------------------------------------------------------------- fixtures
@pytest.fixture(scope="session")
def _pggit_run(pytestconfig: pytest.Config) -> PggitRun:
    run = pytestconfig.stash.get(pggit_run_key, None)
    if run is None:
        pytest.fail(DISABLED_MESSAGE, pytrace=False)
    return run


def _fail(exc: PggitError) -> None:
    pytest.fail(f"pytest-pggit: {exc}", pytrace=False)


@pytest.fixture(scope="session")
def pggit_server(_pggit_run: PggitRun) -> Server:
    """The PostgreSQL server of this run (``.dsn(dbname)``, ``.version``, ``.notes``)."""
    try:
        return _pggit_run.get_server()
    except PggitError as exc:
        _fail(exc)
        raise


@pytest.fixture(scope="session")
def pggit_db(_pggit_run: PggitRun, pggit_server: Server) -> Database:
    """Session template database: SQL layer installed, project schema applied (``.name``, ``.dsn``)."""
    try:
        return _pggit_run.template()
    except PggitError as exc:
        _fail(exc)
        raise


@pytest.fixture
def pggit_conn(pggit_db: Database) -> Generator["psycopg.Connection", None, None]:
    """A connection to ``pggit_db`` inside a transaction that is rolled back after the test."""
    import psycopg

    conn = psycopg.connect(pggit_db.dsn)
    try:
        yield conn
    finally:
        try:
            if not conn.closed:
                conn.rollback()
        finally:
            conn.close()


@pytest.fixture
def pggit_isolated_db(
    request: pytest.FixtureRequest, _pggit_run: PggitRun, pggit_db: Database
) -> Generator[Database, None, None]:
    """A private copy of ``pggit_db`` (CREATE DATABASE ... TEMPLATE), dropped after the test.

    Cloning needs the template to be idle, so other connections to it are
    terminated first; that is why one test cannot use both this and ``pggit_conn``.
    """
    if "pggit_conn" in request.fixturenames:
        pytest.fail(
            "pggit_isolated_db and pggit_conn cannot be combined in one test (cloning needs "
            "pggit_db idle); connect to pggit_isolated_db.dsn instead",
            pytrace=False,
        )
    janitor = DatabaseJanitor(pggit_db.server, _pggit_run.next_database_name(), template=pggit_db.name)
    try:
        db = janitor.create()
    except PggitError as exc:
        _fail(exc)
        raise
    try:
        yield db
    finally:
        janitor.drop()
