"""pytest entry point (``-p pggit``): options, hook specifications, markers, and the
registration of the run's :class:`~pytest_pggit.session.PggitSession` and of the
fixtures (:mod:`pytest_pggit.fixtures`).

As with pytest's own junitxml and terminal plugins, ``pytest_configure`` builds one
object holding the run's state, stashes it (``config.stash[session_key]``) and
registers it as a plugin: its methods are the run's hooks.  Nothing of that happens
unless the run is started with ``--pggit`` (or ini ``pggit = true``).

``PYTEST_DONT_REWRITE``: pytest rewrites the ``assert`` statements of every module
of a plugin's package; a run that cannot cache the result (``PYTHONDONTWRITEBYTECODE``,
a read-only install) parses and rewrites each module again, ~10 ms apiece.  The
modules that carry this marker (plugin, session, backends, janitor, template,
template cache) assert only their own invariants, so they opt out; the helpers
users' tests call (:mod:`pytest_pggit.assertions`) are still rewritten.
"""
from __future__ import annotations

from typing import Any, List, Optional

import pytest

from . import config as _config
from . import hookspecs
from .exceptions import PggitError
from .session import PggitSession, import_client_early, session_key

#: The fixtures (and the marker's collection check) are a plugin of their own, always
#: registered: while pytest-pggit is off they fail saying how to turn it on.
pytest_plugins = ["pytest_pggit.fixtures"]

MARKERS = [
    "pggit_branch(name=None, description=None, from_ref='HEAD'): the test runs on a fresh "
    "branch of the pgGit repository, checked out (pggit_conn / pggit / pggit_isolated_db)",
]


def pytest_addoption(parser: pytest.Parser) -> None:
    _config.addoption(parser)


def pytest_addhooks(pluginmanager: pytest.PytestPluginManager) -> None:
    pluginmanager.add_hookspecs(hookspecs)


#: ``config.stash`` key of the initdb started before pytest_configure (first runs only).
early_initdb_key = pytest.StashKey[Any]()


class _EarlyView:
    """The config as :class:`~pytest_pggit.config.PggitConfig` reads it, before
    pytest_configure: options from the command line parsed so far, the ini file."""

    def __init__(self, config: pytest.Config) -> None:
        self._config = config
        self.option = config.known_args_namespace

    def getoption(self, name: str, default: Any = None) -> Any:
        return getattr(self.option, name, default)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._config, name)


@pytest.hookimpl(tryfirst=True)
def pytest_load_initial_conftests(early_config: pytest.Config) -> None:
    """A first run of the local backend (no cached initdb): initdb starts now, on a
    thread, while pytest loads the conftest files and configures the plugins (~0.1-0.3 s
    before our pytest_configure would start the server).  What the settings say may still
    change (a conftest, say): the server start uses it only when it made the very entry
    the start needs (:class:`~pytest_pggit.backends.local.cache.EarlyInitdb`)."""
    import os

    view: Any = _EarlyView(early_config)
    if os.environ.get("PYTEST_XDIST_WORKER") or not _runs_tests(view):
        return   # (an xdist worker's controller starts the server)
    try:
        if not _config.enabled(view):
            return
        cfg = _config.PggitConfig.from_pytest(view)
    except Exception:   # pytest_configure reports it
        return
    if cfg.backend not in ("auto", "local") or (cfg.backend == "auto" and cfg.dsn):
        return
    from .backends.local.cache import EarlyInitdb

    early = early_config.stash[early_initdb_key] = EarlyInitdb(cfg.pg_bin, cfg.os_user).start()
    # waited for when the config goes out of use, even when pytest stops before
    # pytest_configure (a usage error): initdb must not outlive the run mid-build
    early_config.add_cleanup(early.join)


def _refuse_path_taken_as_test_path(config: pytest.Config) -> None:
    """BB's BC7: pytest finds the rootdir and ini file before it loads this plugin, so in
    ``--pggit-report PATH`` (space form) an existing PATH counts as a test path then; one
    outside the project made pytest drop the project's ini (its pggit_schema) and the
    gate passed with "no migration steps".  An error when that may have happened: the
    space form with an existing path, and no ini file found."""
    from pathlib import Path

    args = list(config.invocation_params.args)
    if config.inipath is not None:
        return
    for i, arg in enumerate(args[:-1]):
        value = Path(config.invocation_params.dir, args[i + 1]).resolve()
        here = Path(config.invocation_params.dir).resolve()
        # (a path below the invocation's folder moves no rootdir: harmless)
        if arg in ("--pggit-report", "--pggit-junit", "--pggit-snapshot") and value.exists() and \
                here != value and here not in value.parents:
            raise pytest.UsageError(
                f"{arg} {args[i + 1]}: pytest took the existing path {args[i + 1]} for a test path while it looked "
                "for the ini file (before it loads pytest-pggit), and found none: the project's pggit settings "
                f"would be ignored; write {arg}={args[i + 1]}")


# tryfirst: the server's start (at the end) overlaps the other plugins' configure hooks
@pytest.hookimpl(tryfirst=True)
def pytest_configure(config: pytest.Config) -> None:
    for marker in MARKERS:  # registered even when off, so --strict-markers runs stay green
        config.addinivalue_line("markers", marker)
    _refuse_path_taken_as_test_path(config)
    if not _config.enabled(config):
        given = _config.asked_without_enabling(config)
        if given:
            raise pytest.UsageError(
                f"{', '.join(given)} given, but pytest-pggit is off: add --pggit (or pggit = true "
                "in the ini file), or leave the --pggit-* options out")
        return
    try:
        cfg = _config.PggitConfig.from_pytest(config)
    except PggitError as exc:
        raise pytest.UsageError(str(exc)) from exc
    session = PggitSession(cfg, config)
    backend: Any = session.backend
    if hasattr(backend, "early_initdb"):   # the local (and embedded) backend
        backend.early_initdb = config.stash.get(early_initdb_key, None)
    config.stash[session_key] = session
    config.pluginmanager.register(session, "pggit-session")
    if cfg.alembic is not None or cfg.django:
        # --pggit-alembic / --pggit-django: the built-in step providers (pytest_pggit.tools)
        from .tools import register as register_step_providers

        register_step_providers(config, cfg)
    if not (getattr(config.option, "help", False) or getattr(config.option, "markers", False)
            or getattr(config.option, "collectonly", False)):
        # xdist workers too: their first connection needs it (before the thread below
        # may import it too)
        import_client_early()
    if _runs_tests(config):
        # the server starts now, on a thread, rather than at pytest_sessionstart: the
        # other plugins' configure hooks, the session's set-up and collection overlap it
        session.start_early()


def _runs_tests(config: pytest.Config) -> bool:
    """Whether this pytest run goes on to a session that runs (or sets up) tests: not
    ``--help``, ``--markers``, ``--version``, ``--collect-only``, not an xdist worker
    (the controller shares its server)."""
    option = config.option
    return not (getattr(option, "help", False) or getattr(option, "markers", False)
                or getattr(option, "version", 0) or getattr(option, "collectonly", False)
                or getattr(config, "workerinput", None) is not None)


def pytest_unconfigure(config: pytest.Config) -> None:
    session = config.stash.get(session_key, None)
    if session is not None:
        del config.stash[session_key]
        try:
            session.close()
        finally:
            config.pluginmanager.unregister(session)


def pytest_assertrepr_compare(config: pytest.Config, op: str, left: Any, right: Any
                              ) -> Optional[List[str]]:
    """``assert diff == [...]`` / ``assert diff1 == diff2`` on SchemaDiffs: a review text."""
    from .assertions import explain_comparison

    return explain_comparison(op, left, right)
