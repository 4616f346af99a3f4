"""pytest-pggit: Git-like version control for PostgreSQL schemas, as a pytest plugin."""

from .exceptions import PggitError
from .repo import (Alert, Branch, Commit, Conflict, DiffEntry, IntegrityCheck, MergeResult,
                   ObjectChange, Repo, SchemaDiff)

__version__ = "0.1.0"

__all__ = [
    "Alert", "Branch", "Commit", "Conflict", "DiffEntry", "IntegrityCheck", "MergeResult",
    "ObjectChange", "PggitError", "Repo", "SchemaDiff",
]
