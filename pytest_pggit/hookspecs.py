"""Hook specifications of pytest-pggit (registered with ``pluginmanager.add_hookspecs``).

Implement them in a ``conftest.py`` or a plugin (``docs/steps.md`` shows
``pytest_pggit_migration_steps``)::

    def pytest_pggit_setup(connection, database):
        # migrate with your own tool, e.g. Alembic:
        #   alembic.command.upgrade(cfg_with(database.dsn), "head")
        connection.execute("CREATE TABLE ...")
``PYTEST_DONT_REWRITE`` (see :mod:`pytest_pggit.plugin`).
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any, List, Optional

import pytest

if TYPE_CHECKING:  # pragma: no cover
    import psycopg

    from .gate import Check
    from .janitor import Database
    from .steps import Step


@pytest.hookspec
def pytest_pggit_setup(connection: "psycopg.Connection", database: "Database", config: Any) -> None:
    """Bring the template database ``pggit_db`` to the project's schema.

    Called once per template build: once for all processes of a run (pytest-xdist
    too), not at all when the template comes from the template cache (with
    ``--pggit-no-cache``: once per process), after the SQL layer is installed and every migration step (the ``--pggit-schema`` files,
    then ``pytest_pggit_migration_steps``) is applied and committed; what it changes in
    the schema is then committed on ``main`` as ``pytest-pggit baseline: hook ...``.
    Migrations are better returned as steps (a commit, a tag and an up/down check each).

    :param connection: psycopg 3 connection to the template, in autocommit mode.
    :param database: the template (``.name``, ``.dsn``, ``.url`` for tools that connect
        themselves).
    :param config: the pytest config.

    Every implementation is called; an exception stops the run, naming the hook.
    """


@pytest.hookspec
def pytest_pggit_migration_steps(config: Any, root: Any) -> "Optional[List[Step]]":
    """The project's migration steps, oldest first (:class:`pytest_pggit.steps.Step`).

    Every implementation is called; their lists are concatenated in plugin registration
    order (conftest files after installed plugins) and applied to the template after the
    ``--pggit-schema`` files and before ``pytest_pggit_setup``: one commit on main per
    step, tagged ``<tool>/<name>``.  Return ``[]`` (or None) when there is nothing to add.

    :param config: the pytest config.
    :param root: the directory to read the project's migrations from: the rootdir, or,
        for ``--pggit-base git:<ref>``, a temporary directory holding the files as of that
        ref (schema files and the rest of the tree).  Implementations that take no ``root``
        argument cannot build the git base; the gate then says so.
    """


@pytest.hookspec
def pytest_pggit_gate_checks(config: Any) -> "Optional[List[Check]]":
    """More checks for the gate (:class:`pytest_pggit.gate.Check`), e.g. the Alembic
    provider's ``alembic/single_head``: called once per gate run, after the built-in
    checks.  Each check is a row of the reports and a JUnit case ``pggit.<group>::<name>``;
    a failed one fails the gate.  Return ``[]`` (or None) when there is nothing to check.

    :param config: the pytest config.
    """
