"""The fixtures, and the ``pggit_branch`` marker that acts through them.

* ``pggit_server`` (session): the server, a :class:`~pytest_pggit.backends.Server`;
* ``pggit_db`` (session): the template database, a :class:`~pytest_pggit.janitor.Database`;
* ``pggit_conn``: a connection to it, in a transaction rolled back after the test;
* ``pggit``: a :class:`~pytest_pggit.repo.Repo` on ``pggit_conn``;
* ``pggit_branch``: a fresh branch, checked out;
* ``pggit_isolated_db``: a private clone of the template, dropped after the test.

Each asks the run's :class:`~pytest_pggit.session.PggitSession` (``config.stash``); a
startup failure errors the first test that needs the database and stops the run.
Registered by :mod:`pytest_pggit.plugin` (``pytest_plugins``), also while the plugin is
off: the fixtures then fail saying how to turn it on.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, Callable, Dict, Generator, List, Optional, TypeVar

import pytest

from .backends import Server
from .exceptions import PggitError
from .janitor import Database
from .repo import Repo
from .results import Branch
from .session import PggitSession, session_key

if TYPE_CHECKING:  # pragma: no cover
    import psycopg

T = TypeVar("T")

DISABLED_MESSAGE = (
    "pytest-pggit is disabled: run pytest with --pggit (or set `pggit = true` in the ini file)"
)

#: Fixtures through which the pggit_branch marker takes effect.
BRANCH_FIXTURES = {"pggit_conn", "pggit", "pggit_isolated_db", "pggit_branch"}


def pytest_collection_modifyitems(items: List[pytest.Item]) -> None:
    """Warn about pggit_branch markers on tests that use none of the fixtures it acts through."""
    for item in items:
        if item.get_closest_marker("pggit_branch") is None:
            continue
        if not BRANCH_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.warn(pytest.PytestWarning(
                "@pytest.mark.pggit_branch has no effect here: the test uses none of "
                + ", ".join(sorted(BRANCH_FIXTURES))))


@pytest.fixture(scope="session")
def _pggit_session(pytestconfig: pytest.Config) -> PggitSession:
    session = pytestconfig.stash.get(session_key, None)
    if session is None:
        pytest.fail(DISABLED_MESSAGE, pytrace=False)
    return session


def _fail(exc: PggitError) -> None:
    """Fail the test with the error's text only (no chained tracebacks); a server message
    in it is a schema file's text: shown through :func:`~pytest_pggit.report.printable` (Z6)."""
    from .report import printable

    try:
        pytest.fail(printable(f"pytest-pggit: {exc}"), pytrace=False)
    except pytest.fail.Exception as failed:
        failed.__suppress_context__ = True
        failed.__cause__ = None
        raise failed from None


def _startup(request: pytest.FixtureRequest, session: PggitSession, step: Callable[[], T]) -> T:
    """Run a startup step; its failure stops the whole run with one message."""
    if session.startup_error is not None:
        _stop(request, session.startup_error)
    try:
        return step()
    except PggitError as exc:
        session.startup_error = exc
        _stop(request, exc)
        raise  # pragma: no cover - _stop raises


def _stop(request: pytest.FixtureRequest, exc: PggitError) -> None:
    from .report import printable

    request.session.shouldfail = printable(f"pytest-pggit could not start: {stop_summary(exc)}")
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
def pggit_server(request: pytest.FixtureRequest, _pggit_session: PggitSession) -> Server:
    """The PostgreSQL server of this run (``.backend``, ``.version``, ``.dsn(dbname)``, ``.notes``)."""
    return _startup(request, _pggit_session, _pggit_session.get_server)


@pytest.fixture(scope="session")
def pggit_db(request: pytest.FixtureRequest, _pggit_session: PggitSession, pggit_server: Server) -> Database:
    """Session template database: SQL layer, project schema, hook, baseline (``.name``, ``.dsn``)."""
    return _startup(request, _pggit_session, _pggit_session.template)


def _branch_marker(request: pytest.FixtureRequest) -> Optional[Dict[str, Any]]:
    """The pggit_branch marker's branch (name, description, from_ref), None without one."""
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
    request: pytest.FixtureRequest, _pggit_session: PggitSession, pggit_db: Database
) -> Generator["psycopg.Connection", None, None]:
    """A psycopg 3 connection to ``pggit_db`` in a transaction rolled back after the test.

    DDL, commits and branches made through it never reach the next test.  The
    transaction is a psycopg ``transaction()`` block, so ``conn.commit()`` raises;
    nested ``with conn.transaction():`` blocks are savepoints.  A raw ``COMMIT``
    statement is detected: the test errors and the template is rebuilt.
    """
    import psycopg
    from psycopg import pq

    session = _pggit_session
    try:
        conn = session.acquire_connection()
    except (PggitError, psycopg.Error) as exc:
        _fail(exc if isinstance(exc, PggitError) else PggitError.from_psycopg(exc))
        raise
    tx = conn.transaction(force_rollback=True)
    tx.__enter__()
    # our transaction's id: at teardown txid_status() says whether a raw COMMIT ended it
    # (a raw ROLLBACK ends it too, but leaks nothing)
    row = conn.execute("SELECT txid_current()").fetchone()
    assert row is not None
    xid = row[0]
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
                status = conn.execute("SELECT txid_status(%s)", (xid,)).fetchone()
                committed = status is None or status[0] == "committed"
            except psycopg.Error:
                committed = True   # cannot tell: assume the worst, the template is rebuilt
        try:
            tx.__exit__(None, None, None)
        except Exception:
            pass
        if committed:
            conn.close()
            session.discard_template(f"{request.node.nodeid} committed pggit_conn's transaction")
        else:
            session.give_back_connection(conn)
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
    request: pytest.FixtureRequest, _pggit_session: PggitSession, pggit_db: Database
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
        db = _pggit_session.clone()
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
        _pggit_session.drop_clone(db)
