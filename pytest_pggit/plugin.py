"""pytest entry point (``-p pggit``): options, lifecycle hooks and fixtures.

Nothing happens unless the run is started with ``--pggit`` (or ini ``pggit = true``).
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, Callable, Generator, List, Optional, TypeVar

import pytest

from . import config as _config
from . import hookspecs
from .backends import Server
from .exceptions import PggitError
from .janitor import Database
from .repo import Branch, Repo
from .session import PggitSession

T = TypeVar("T")

if TYPE_CHECKING:  # pragma: no cover
    import psycopg

    from .gate import GateResult

pggit_run_key = pytest.StashKey[PggitSession]()
pggit_gate_key = pytest.StashKey["GateResult"]()

DISABLED_MESSAGE = (
    "pytest-pggit is disabled: run pytest with --pggit (or set `pggit = true` in the ini file)"
)


MARKERS = [
    "pggit_branch(name=None, description=None, from_ref='HEAD'): the test runs on a fresh "
    "branch of the pgGit repository, checked out (pggit_conn / pggit / pggit_isolated_db)",
]


def pytest_addoption(parser: pytest.Parser) -> None:
    _config.addoption(parser)


def pytest_addhooks(pluginmanager: pytest.PytestPluginManager) -> None:
    pluginmanager.add_hookspecs(hookspecs)


def pytest_configure(config: pytest.Config) -> None:
    for marker in MARKERS:  # registered even when off, so --strict-markers runs stay green
        config.addinivalue_line("markers", marker)
    enabled, _ = _config._resolve(config, _config.SETTINGS[0])
    if not enabled:
        return
    try:
        cfg = _config.PggitConfig.from_pytest(config)
    except PggitError as exc:
        raise pytest.UsageError(str(exc)) from exc
    workerinput = getattr(config, "workerinput", None)
    config.stash[pggit_run_key] = PggitSession(
        cfg, rootdir=config.rootpath, workerinput=workerinput, pytest_config=config
    )


def pytest_sessionstart(session: pytest.Session) -> None:
    """Start the server while pytest collects (not in xdist workers: the controller shares one)."""
    run = session.config.stash.get(pggit_run_key, None)
    if (run is not None and not hasattr(session.config, "workerinput")
            and not session.config.option.collectonly):
        run.start_early()


#: Fixtures through which the pggit_branch marker takes effect.
BRANCH_FIXTURES = {"pggit_conn", "pggit", "pggit_isolated_db", "pggit_branch"}


def pytest_collection_modifyitems(config: pytest.Config, items: List[pytest.Item]) -> None:
    """Warn about pggit_branch markers on tests that use none of the fixtures it acts through."""
    for item in items:
        if item.get_closest_marker("pggit_branch") is None:
            continue
        if not BRANCH_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.warn(pytest.PytestWarning(
                "@pytest.mark.pggit_branch has no effect here: the test uses none of "
                + ", ".join(sorted(BRANCH_FIXTURES))))


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
    backend = run.backend
    if backend is None:  # an xdist worker: the controller's header says it
        return None
    why = f" ({backend.reason})" if backend.reason else ""
    head = f"pggit: backend {backend.name}{why}"
    try:
        detail = backend.describe()
    except PggitError as exc:
        detail = f"unavailable: {exc.message}"
    return [f"{head}: {detail}", f"pggit: run id {run.run_id}"]


def pytest_assertrepr_compare(config: pytest.Config, op: str, left: Any, right: Any
                              ) -> Optional[List[str]]:
    """``assert diff == [...]`` / ``assert diff1 == diff2`` on SchemaDiffs: a review text."""
    from .assertions import explain_comparison

    return explain_comparison(op, left, right)


# tryfirst: before the junitxml plugin writes --junitxml (the gate adds its checks to it)
@pytest.hookimpl(tryfirst=True)
def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """The gate: after the tests, in the controller (or the only process) alone."""
    config = session.config
    run = config.stash.get(pggit_run_key, None)
    if run is None or not run.cfg.gate.wanted or hasattr(config, "workerinput"):
        return
    if exitstatus in (pytest.ExitCode.INTERRUPTED, pytest.ExitCode.INTERNAL_ERROR,
                      pytest.ExitCode.USAGE_ERROR) or config.option.collectonly:
        return
    from . import report
    from .gate import run_gate

    options = run.cfg.gate
    result = run_gate(run, options)
    config.stash[pggit_gate_key] = result
    written = []
    if options.junit is not None:
        report.write_junit(result, options.junit)
        written.append(f"JUnit XML written to {options.junit}")
    if options.report is not None:
        report.write_markdown(result, options.report)
        written.append(f"Markdown report written to {options.report}")
    if options.gate and report.add_to_pytest_junitxml(config, result):
        written.append(f"gate checks added to --junitxml ({len(result.checks)} test cases, "
                       "classname pggit.<group>)")
    summary = report.append_github_summary(result)
    if summary:
        written.append(f"Markdown summary appended to $GITHUB_STEP_SUMMARY ({summary})")
    run.notes.extend(written)
    if options.gate and not result.passed and session.exitstatus in (
            pytest.ExitCode.OK, pytest.ExitCode.NO_TESTS_COLLECTED):
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


def pytest_terminal_summary(terminalreporter: Any, config: pytest.Config) -> None:
    run = config.stash.get(pggit_run_key, None)
    if run is None:
        return
    result = config.stash.get(pggit_gate_key, None)
    if result is not None:
        from .report import write_terminal

        notes = list(run.server.notes if run.server else []) + run.notes
        write_terminal(terminalreporter, result, notes)
        if result.options.gate and not result.passed:
            # shown in the closing "N passed, ..." line: the session failed because of the gate
            terminalreporter.stats.setdefault("pggit gate failed", []).append(result)
        return
    if run.server is None:
        return
    server = run.server
    terminalreporter.write_line(
        f"pggit: {server.backend} backend, PostgreSQL {server.version} at {server.host}:{server.port}"
    )
    for note in server.notes + run.notes:
        terminalreporter.write_line(f"pggit: {note}")


# ------------------------------------------------------------------- fixtures
@pytest.fixture(scope="session")
def _pggit_run(pytestconfig: pytest.Config) -> PggitSession:
    run = pytestconfig.stash.get(pggit_run_key, None)
    if run is None:
        pytest.fail(DISABLED_MESSAGE, pytrace=False)
    return run


def _fail(exc: PggitError) -> None:
    """Fail the test with the error's text only (no chained tracebacks)."""
    try:
        pytest.fail(f"pytest-pggit: {exc}", pytrace=False)
    except pytest.fail.Exception as failed:
        failed.__suppress_context__ = True
        failed.__cause__ = None
        raise failed from None


def _startup(request: pytest.FixtureRequest, run: PggitSession, step: Callable[[], T]) -> T:
    """Run a startup step; its failure stops the whole run with one message."""
    if run.startup_error is not None:
        _stop(request, run.startup_error)
    try:
        return step()
    except PggitError as exc:
        run.startup_error = exc
        _stop(request, exc)
        raise  # pragma: no cover - _stop raises


def _stop(request: pytest.FixtureRequest, exc: PggitError) -> None:
    request.session.shouldfail = f"pytest-pggit could not start: {stop_summary(exc)}"
    _fail(exc)


def stop_summary(exc: PggitError) -> str:
    """One line for pytest's stop message: the error's first line, and when that only
    announces what follows ("last lines of postgres.log:"), the last line of it too."""
    lines = [line.strip() for line in (exc.message or "").splitlines() if line.strip()]
    if not lines:
        return type(exc).__name__
    if lines[0].endswith(":") and len(lines) > 1:
        return f"{lines[0]} ... {lines[-1]}"
    return lines[0]


@pytest.fixture(scope="session")
def pggit_server(request: pytest.FixtureRequest, _pggit_run: PggitSession) -> Server:
    """The PostgreSQL server of this run (``.backend``, ``.version``, ``.dsn(dbname)``, ``.notes``)."""
    return _startup(request, _pggit_run, _pggit_run.get_server)


@pytest.fixture(scope="session")
def pggit_db(request: pytest.FixtureRequest, _pggit_run: PggitSession, pggit_server: Server) -> Database:
    """Session template database: SQL layer, project schema, hook, baseline (``.name``, ``.dsn``)."""
    return _startup(request, _pggit_run, _pggit_run.template)


def _branch_marker(request: pytest.FixtureRequest):
    marker = request.node.get_closest_marker("pggit_branch")
    if marker is None:
        return None
    name = marker.args[0] if marker.args else marker.kwargs.get("name")
    return {
        "name": name or _test_branch_name(request),
        "description": marker.kwargs.get("description") or f"pytest: {request.node.nodeid}",
        "from_ref": marker.kwargs.get("from_ref", "HEAD"),
    }


def _test_branch_name(request: pytest.FixtureRequest) -> str:
    name = re.sub(r"[^A-Za-z0-9_/-]+", "-", request.node.name).strip("-/") or "test"
    return "test/" + name[:100]


@pytest.fixture
def pggit_conn(
    request: pytest.FixtureRequest, _pggit_run: PggitSession, pggit_db: Database
) -> Generator["psycopg.Connection", None, None]:
    """A psycopg 3 connection to ``pggit_db`` in a transaction rolled back after the test.

    DDL, commits and branches made through it never reach the next test.  The
    transaction is a psycopg ``transaction()`` block, so ``conn.commit()`` raises;
    nested ``with conn.transaction():`` blocks are savepoints.  A raw ``COMMIT``
    statement is detected: the test errors and the template is rebuilt.
    """
    import psycopg
    from psycopg import pq

    run = _pggit_run
    try:
        conn = run.acquire_connection()
    except (PggitError, psycopg.Error) as exc:
        _fail(exc if isinstance(exc, PggitError) else PggitError.from_psycopg(exc))
        raise
    tx = conn.transaction(force_rollback=True)
    tx.__enter__()
    # our transaction's id: at teardown txid_status() says whether a raw COMMIT ended it
    # (a raw ROLLBACK ends it too, but leaks nothing)
    xid = conn.execute("SELECT txid_current()").fetchone()[0]
    committed = False
    try:
        spec = _branch_marker(request)
        if spec is not None:
            repo = Repo(conn)
            try:
                repo.branch(spec["name"], spec["description"], checkout=True, from_ref=spec["from_ref"])
            except PggitError as exc:
                _fail(exc)
            finally:
                repo.close()
        yield conn
    finally:
        if not conn.closed and conn.info.transaction_status in (pq.TransactionStatus.IDLE,
                                                                  pq.TransactionStatus.INTRANS):
            try:
                committed = conn.execute("SELECT txid_status(%s)", (xid,)).fetchone()[0] == "committed"
            except psycopg.Error:
                committed = True   # cannot tell: assume the worst, the template is rebuilt
        try:
            tx.__exit__(None, None, None)
        except Exception:
            pass
        if committed:
            conn.close()
            run.discard_template(f"{request.node.nodeid} committed pggit_conn's transaction")
        else:
            run.give_back_connection(conn)
    if committed:
        pytest.fail(
            "pggit_conn: the test ended the fixture's transaction (a COMMIT statement), so its "
            "changes reached pggit_db; the template was dropped and is rebuilt for the next test. "
            "Use pggit_isolated_db for code that commits.",
            pytrace=False,
        )


@pytest.fixture
def pggit(pggit_conn: "psycopg.Connection") -> Generator[Repo, None, None]:
    """A :class:`~pytest_pggit.repo.Repo` on ``pggit_conn`` (rolled back after the test)."""
    repo = Repo(pggit_conn)
    try:
        yield repo
    finally:
        repo.close()


@pytest.fixture
def pggit_branch(request: pytest.FixtureRequest, pggit: Repo) -> Branch:
    """A fresh branch, checked out: the marker's name, else ``test/<test name>``."""
    if request.node.get_closest_marker("pggit_branch") is not None:
        current = pggit.current_branch()
        assert current is not None
        return current
    try:
        return pggit.branch(_test_branch_name(request), f"pytest: {request.node.nodeid}")
    except PggitError as exc:
        _fail(exc)
        raise


@pytest.fixture
def pggit_isolated_db(
    request: pytest.FixtureRequest, _pggit_run: PggitSession, pggit_db: Database
) -> Generator[Database, None, None]:
    """A private copy of ``pggit_db`` (CREATE DATABASE ... TEMPLATE), dropped after the test.

    For code that opens its own connections or commits.  Cloning needs the
    template idle, so other connections to it are closed first; that is why one
    test cannot use both this and ``pggit_conn``.
    """
    if "pggit_conn" in request.fixturenames:
        pytest.fail(
            "pggit_isolated_db and pggit_conn cannot be combined in one test (cloning needs "
            "pggit_db idle); connect to pggit_isolated_db.dsn instead",
            pytrace=False,
        )
    try:
        db = _pggit_run.clone()
    except PggitError as exc:
        _fail(exc)
        raise
    try:
        spec = _branch_marker(request)
        if spec is not None:
            with db.connect(autocommit=True) as conn:
                repo = Repo(conn)
                try:
                    repo.branch(spec["name"], spec["description"], checkout=True,
                                from_ref=spec["from_ref"])
                except PggitError as exc:
                    _fail(exc)
        yield db
    finally:
        _pggit_run.drop_clone(db)
