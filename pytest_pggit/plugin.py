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


def pytest_configure(config: pytest.Config) -> None:
    for marker in MARKERS:  # registered even when off, so --strict-markers runs stay green
        config.addinivalue_line("markers", marker)
    if not _config.enabled(config):
        return
    try:
        cfg = _config.PggitConfig.from_pytest(config)
    except PggitError as exc:
        raise pytest.UsageError(str(exc)) from exc
    session = PggitSession(cfg, config)
    config.stash[session_key] = session
    config.pluginmanager.register(session, "pggit-session")
    if cfg.alembic is not None or cfg.django:
        # --pggit-alembic / --pggit-django: the built-in step providers (pytest_pggit.tools)
        from .tools import register as register_step_providers

        register_step_providers(config, cfg)
    if _runs_tests(config):
        # the server starts now, on a thread, rather than at pytest_sessionstart: the
        # other plugins' configure hooks, the session's set-up and collection overlap it
        session.start_early()
    if not (getattr(config.option, "help", False) or getattr(config.option, "markers", False)
            or getattr(config.option, "collectonly", False)):
        import_client_early()   # xdist workers too: their first connection needs it


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
