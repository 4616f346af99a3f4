"""Text for people: tables of changed paths and unified diffs of definitions.

Shared by the assertions (failure messages), ``pytest_assertrepr_compare`` and the
gate's reports, so a failing test and a failing gate read the same way: like a code
review of the schema change.
``PYTEST_DONT_REWRITE`` (see :mod:`pytest_pggit.plugin`).
"""
from __future__ import annotations

import difflib
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, List, Optional, Sequence, Union

if TYPE_CHECKING:  # pragma: no cover
    from .results import DiffEntry

#: Sign shown before a path for each kind of change.
SIGNS = {"ADDED": "+", "REMOVED": "-", "MODIFIED": "~"}
#: At most this many rows in a table and this many unified diffs in one message.
MAX_ROWS = 60
MAX_DIFFS = 20


def table(rows: Sequence[Sequence[Any]], headers: Sequence[str], fmt: str = "simple",
          max_rows: int = MAX_ROWS) -> str:
    """A tabulate table; rows beyond ``max_rows`` are counted, not shown."""
    from tabulate import tabulate  # here, not at the top: importing it takes ~80 ms

    shown = [[_cell(v) for v in r] for r in rows[:max_rows]]
    text = tabulate(shown, headers=list(headers), tablefmt=fmt, disable_numparse=True)
    if len(rows) > max_rows:
        text += f"\n... {len(rows) - max_rows} more row(s)"
    return text


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return ", ".join(str(v) for v in value)
    return str(value)


def diff_table(entries: Iterable["DiffEntry"], fmt: str = "simple") -> str:
    """One row per changed path: change, path, object type, hazards."""
    rows = [[e.change, e.path, e.object_type, list(e.hazards or ())] for e in entries]
    if not any(r[3] for r in rows):
        return table([r[:3] for r in rows], ["change", "path", "type"], fmt)
    return table(rows, ["change", "path", "type", "hazards"], fmt)


def unified(old: Optional[str], new: Optional[str], path: str, old_label: str = "a",
            new_label: str = "b") -> str:
    """A unified diff of two definitions (``None`` = absent)."""
    a = (old or "").splitlines()
    b = (new or "").splitlines()
    lines = difflib.unified_diff(a, b, fromfile=f"{old_label}/{path}", tofile=f"{new_label}/{path}",
                                 lineterm="", n=3)
    return "\n".join(lines)


def definition_diffs(entries: Iterable["DiffEntry"], old_label: str = "a", new_label: str = "b",
                     max_diffs: int = MAX_DIFFS) -> List[str]:
    """Unified diffs of the MODIFIED entries' old and new definitions."""
    out: List[str] = []
    modified = [e for e in entries if e.change == "MODIFIED"]
    for e in modified[:max_diffs]:
        text = unified(e.old_definition, e.new_definition, e.path, old_label, new_label)
        if text:
            out.append(text)
    if len(modified) > max_diffs:
        out.append(f"... {len(modified) - max_diffs} more modified path(s)")
    return out


def explain_diff(entries: Sequence["DiffEntry"], old_label: str = "a", new_label: str = "b",
                 fmt: str = "simple") -> str:
    """The review text of a diff: the table of paths, then the definition diffs."""
    if not entries:
        return "no changes"
    parts = [diff_table(entries, fmt)]
    parts.extend(definition_diffs(entries, old_label, new_label))
    return "\n\n".join(parts)


def display_path(path: Union[str, Path], rootdir: Optional[Path]) -> str:
    """``path`` relative to ``rootdir`` (with ``/``) when it lies below it, else as given."""
    if rootdir is not None:
        try:
            return Path(path).resolve().relative_to(Path(rootdir).resolve()).as_posix()
        except (ValueError, OSError):
            pass
    return str(path)
