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


def _anonymous(definition: Optional[str], name: str) -> str:
    """``definition`` with its own name (bare or double-quoted) replaced."""
    import re

    text = (definition or "").replace('"' + name.replace('"', '""') + '"', "\0")
    return re.sub(r"(?<![\w$])" + re.escape(name) + r"(?![\w$])", "\0", text)


def renamed_parts(entries: Sequence["DiffEntry"]) -> List[Tuple["DiffEntry", "DiffEntry"]]:
    """Pairs ``(removed, added)`` of one table's constraints or indexes whose definitions
    are the same but for their names: Django's reverse of ``unique=True`` re-adds the
    constraint PostgreSQL named ``t_c_key`` as ``t_c_<hash>_uniq`` (K5)."""
    def split(e: "DiffEntry") -> Optional[Tuple[str, str, str]]:
        parts = e.path.split("/")
        if len(parts) == 5 and parts[1] == "table" and parts[3] in ("constraint", "index"):
            return "/".join(parts[:4]), parts[4], (e.old_definition if e.change == "REMOVED" else e.new_definition) or ""
        return None

    added = [(e, split(e)) for e in entries if e.change == "ADDED"]
    pairs: List[Tuple["DiffEntry", "DiffEntry"]] = []
    taken: set = set()
    for r in entries:
        sr = split(r) if r.change == "REMOVED" else None
        if sr is None:
            continue
        for a, sa in added:
            if (sa is not None and id(a) not in taken and sa[0] == sr[0] and sr[2]
                    and _anonymous(sa[2], sa[1]) == _anonymous(sr[2], sr[1])):
                pairs.append((r, a))
                taken.add(id(a))
                break
    return pairs


__all__ = ["ignored", "is_column_order", "renamed_parts", "without_ignored"]
