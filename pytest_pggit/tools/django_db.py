"""pytest-django's test database as a clone of the migrated template (``--pggit-django``
with pytest-django installed; registered as a plugin after pytest-django, so its fixture
overrides pytest-django's).

``django_db_modify_db_settings`` is pytest-django's documented place to change the
database settings before its ``django_db_setup`` creates the test database.  Here it points
``DATABASES["default"]`` at the run's server, with ``TEST["TEMPLATE"]`` = the template
(``pggit_db``) and ``TEST["NAME"]`` = a database of this run (``pggit_<run>_<worker>_django``),
so Django copies the template with ``CREATE DATABASE ... TEMPLATE``, its ``migrate`` finds
every migration applied, and its teardown drops the copy, never the template.  A
project's own ``django_db_modify_db_settings`` (in a conftest) overrides this one; it
can request ``django_db_modify_db_settings`` to keep it.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pytest

from .django import alias_of, point_at

if TYPE_CHECKING:  # pragma: no cover
    from ..janitor import Database


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings: None, _pggit_session: Any,
                                 pggit_db: "Database") -> None:
    """Django's test database: a copy of ``pggit_db`` (pytest-django's xdist suffix kept
    in spirit: the name holds the worker)."""
    from django.db import connections

    connection = connections[alias_of(_pggit_session.config)]
    connection.close()
    point_at(connection.settings_dict, pggit_db)
    test = connection.settings_dict.setdefault("TEST", {})
    test["NAME"] = _pggit_session.database_name("django")
    test["TEMPLATE"] = pggit_db.name
    # CREATE DATABASE ... TEMPLATE needs the template idle: pggit_conn's idle connection goes
    _pggit_session.release_connection()
