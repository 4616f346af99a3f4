"""pytest-pggit: Git-like version control for PostgreSQL schemas, as a pytest plugin.

The public names below are imported when first used (PEP 562): a run that never
touches :class:`Repo` or the result types does not pay for importing them.
"""
from typing import TYPE_CHECKING, Any

import pytest

# Helper modules whose plain ``assert`` statements should explain themselves like
# test code: registered before anything imports them.
pytest.register_assert_rewrite("pytest_pggit.assertions")

__version__ = "0.1.0"

_LAZY = {
    "PggitError": "exceptions", "Repo": "repo",
    **{name: "results" for name in ("Alert", "Branch", "Commit", "Conflict", "DiffEntry", "IntegrityCheck",
                                    "MergeResult", "MigrationCheck", "ObjectChange", "SchemaDiff")},
}

__all__ = sorted(_LAZY)

if TYPE_CHECKING:  # pragma: no cover - for type checkers and IDEs
    from .exceptions import PggitError  # noqa: F401
    from .repo import Repo  # noqa: F401
    from .results import (Alert, Branch, Commit, Conflict, DiffEntry, IntegrityCheck,  # noqa: F401
                          MergeResult, MigrationCheck, ObjectChange, SchemaDiff)


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'pytest_pggit' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list:
    return sorted(set(globals()) | set(_LAZY))
