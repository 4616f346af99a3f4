"""Object paths left out of comparisons (``--pggit-ignore GLOB``, ini ``pggit_ignore``,
``assert_diff(..., ignore=[...])``), and column order differences told apart.

A glob matches a diff path (``public/table/audit_log/column/at``) or any of its
ancestors (``public/table/audit_log``), so ``public/table/audit_*`` leaves out the audit
tables with their columns, constraints and indexes; ``*/column/updated_at`` every
``updated_at`` column.  Matching is case-sensitive, ``*`` also crosses ``/``.
``PYTEST_DONT_REWRITE`` (see :mod:`pytest_pggit.plugin`).
"""
from __future__ import annotations

from fnmatch import fnmatchcase
from typing import TYPE_CHECKING, Iterable, List, Optional, Sequence, Tuple

if TYPE_CHECKING:  # pragma: no cover
    from .results import DiffEntry


def ignored(path: str, globs: Optional[Iterable[str]]) -> bool:
    """Whether ``path`` or one of its ancestors matches one of ``globs``."""
    globs = [g for g in (globs or ()) if g]
    if not globs:
        return False
    parts = path.split("/")
    prefixes = ["/".join(parts[:i]) for i in range(1, len(parts) + 1)]
    return any(fnmatchcase(p, g) for g in globs for p in prefixes)


def without_ignored(entries: Sequence["DiffEntry"], globs: Optional[Iterable[str]]
                    ) -> Tuple[List["DiffEntry"], List["DiffEntry"]]:
    """``(kept, left out)`` of ``entries`` by ``globs``."""
    globs = list(globs or ())
    kept: List["DiffEntry"] = []
    out: List["DiffEntry"] = []
    for e in entries:
        (out if ignored(e.path, globs) else kept).append(e)
    return kept, out


def is_column_order(entry: "DiffEntry") -> bool:
    """A change of a table's column order only: the ``.../columns`` blob, modified (the
    layer lists it only when columns present on both sides changed their relative order)."""
    return entry.change == "MODIFIED" and entry.path.endswith("/columns") and entry.sub_name is None


__all__ = ["ignored", "is_column_order", "without_ignored"]
