"""tests/security reuses the SQL layer's fixtures and helpers from tests/sql.

``db``, ``make_empty_db`` and ``empty_db`` are the fixtures of tests/sql/conftest.py;
tests import ``SqlDb`` and ``install`` from ``sql_conftest`` and ``raises_sql`` from
``errors`` (tests/sql is put on sys.path).

pytest imports every conftest.py outside a package as the module ``conftest``, and the
tests in tests/sql do ``from conftest import SqlDb, install``: when both directories are
given on one command line this module may be the ``conftest`` they see, so it offers
the same names.
"""
from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

_SQL_TESTS = Path(__file__).resolve().parents[1] / "sql"
if str(_SQL_TESTS) not in sys.path:
    sys.path.insert(0, str(_SQL_TESTS))

if "sql_conftest" not in sys.modules:
    _spec = importlib.util.spec_from_file_location("sql_conftest", _SQL_TESTS / "conftest.py")
    assert _spec and _spec.loader
    _module = importlib.util.module_from_spec(_spec)
    sys.modules["sql_conftest"] = _module
    _spec.loader.exec_module(_module)

from sql_conftest import *  # noqa: E402,F401,F403  (what tests/sql imports from conftest)
from sql_conftest import SQL_DIR, SqlDb, db, empty_db, install, make_empty_db, psql_binary, require_extensions  # noqa: E402,F401
