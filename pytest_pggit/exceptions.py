"""Errors raised by pytest-pggit.

Every error names its cause; ``hint`` says what to do about it.  SQL errors
coming back from the server keep their ``sqlstate`` (see :meth:`PggitError.from_psycopg`).
``PYTEST_DONT_REWRITE`` (see :mod:`pytest_pggit.plugin`).
"""
from __future__ import annotations

from typing import Optional


class PggitError(Exception):
    """Base class of all pytest-pggit errors."""

    def __init__(
        self, message: str, *, hint: Optional[str] = None, sqlstate: Optional[str] = None
    ) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint
        self.sqlstate = sqlstate
        #: ``file:line`` the error applies to (schema files, hooks), when known.
        self.location: Optional[str] = None

    def __str__(self) -> str:
        text = self.message
        if self.sqlstate:
            text = f"[{self.sqlstate}] {text}"
        if self.hint:
            text = f"{text}\nhint: {self.hint}"
        return text

    @classmethod
    def from_psycopg(cls, exc: BaseException, context: str = "") -> "PggitError":
        """Wrap a psycopg error, keeping its SQLSTATE, hint and detail."""
        diag = getattr(exc, "diag", None)
        sqlstate = getattr(exc, "sqlstate", None) or getattr(diag, "sqlstate", None)
        hint = getattr(diag, "message_hint", None) if diag is not None else None
        detail = getattr(diag, "message_detail", None) if diag is not None else None
        primary = getattr(diag, "message_primary", None) if diag is not None else None
        message = (primary or str(exc)).strip()
        if detail:
            message = f"{message} ({detail})"
        if context:
            message = f"{context}: {message}"
        if sqlstate in ("0A000", "58P01"):  # an extension file the embedded server lacks?
            from .backends.embedded import missing_extension_hint

            hint = missing_extension_hint(message) or hint
        err = cls(message, hint=hint, sqlstate=sqlstate)
        err.__cause__ = exc
        return err


class ServerStartError(PggitError):
    """The PostgreSQL server could not be initialised or did not become ready."""


class BinariesNotFound(PggitError):
    """initdb/postgres could not be found."""


class BackendUnavailable(PggitError):
    """The requested backend cannot be used here (not built, not configured)."""


class SchemaApplyError(PggitError):
    """The SQL layer or a project schema file failed to apply."""
