"""pytest-pggit: Git-like version control for PostgreSQL schemas, as a pytest plugin."""

import pytest

# Helper modules whose plain ``assert`` statements should explain themselves like
# test code: registered before anything imports them.
pytest.register_assert_rewrite("pytest_pggit.assertions")

from .exceptions import PggitError  # noqa: E402
from .repo import Repo  # noqa: E402
from .results import (Alert, Branch, Commit, Conflict, DiffEntry, IntegrityCheck,  # noqa: E402
                      MergeResult, MigrationCheck, ObjectChange, SchemaDiff)

__version__ = "0.1.0"

__all__ = [
    "Alert", "Branch", "Commit", "Conflict", "DiffEntry", "IntegrityCheck", "MergeResult",
    "MigrationCheck", "ObjectChange", "PggitError", "Repo", "SchemaDiff",
]
