"""The schema as a reviewable text file (``--pggit-snapshot PATH``).

One entry per path, sorted by path (byte order), each a line with the path followed
by its definition indented by four spaces, entries separated by a blank line::

    # pytest-pggit schema snapshot: ...
    public/table/customers
        CREATE TABLE public.customers (
            id integer NOT NULL,
        ...

    public/table/customers/column/id
        id integer NOT NULL

A schema change then shows in code review line by line, and the gate compares the
file with the schema the run built (drift fails the gate).
``PYTEST_DONT_REWRITE`` (see :mod:`pytest_pggit.plugin`).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, List, Mapping, Optional, Tuple

from .formatting import table

HEADER = (
    "# pytest-pggit schema snapshot: one entry per path (sorted), its definition indented.\n"
    "# Written by `pytest --pggit --pggit-snapshot {name} --pggit-snapshot-update`; the gate\n"
    "# (--pggit-gate) fails when the schema the tests build differs from it.\n"
)
INDENT = "    "


def render(entries: Mapping[str, Optional[str]], name: str = "PATH") -> str:
    """The snapshot text of ``{path: definition}``."""
    out = [HEADER.format(name=name)]
    for path in sorted(entries, key=lambda p: p.encode("utf-8")):
        out.append(path + "\n")
        for line in (entries[path] or "").rstrip("\n").splitlines():
            out.append((INDENT + line).rstrip() + "\n")
        out.append("\n")
    return "".join(out)


def parse(text: str) -> Dict[str, str]:
    """``{path: definition}`` of a snapshot text (comments and blank separators dropped)."""
    entries: Dict[str, List[str]] = {}
    current: Optional[List[str]] = None
    for line in text.splitlines():
        if line.startswith("#") and current is None:
            continue
        if line and not line[0].isspace():
            current = entries.setdefault(line.rstrip(), [])
            continue
        if current is None:
            continue
        current.append(line[len(INDENT):] if line.startswith(INDENT) else line.strip())
    return {p: "\n".join(lines).rstrip("\n").rstrip() for p, lines in entries.items()}


def normalise(definition: Optional[str]) -> str:
    """A definition as the snapshot stores it (trailing spaces and blank lines dropped)."""
    return "\n".join(line.rstrip() for line in (definition or "").rstrip("\n").splitlines()).rstrip()


@dataclass
class Drift:
    """How the schema differs from the snapshot file."""

    path: Path
    exists: bool
    added: List[str] = field(default_factory=list)  # in the schema, not in the file
    removed: List[str] = field(default_factory=list)  # in the file, not in the schema
    modified: List[str] = field(default_factory=list)
    unified: str = ""  # unified diff file -> schema
    written: bool = False  # --pggit-snapshot-update rewrote the file

    @property
    def drifted(self) -> bool:
        return not self.exists or bool(self.added or self.removed or self.modified)

    def rows(self) -> List[Tuple[str, str]]:
        return ([("ADDED", p) for p in self.added] + [("REMOVED", p) for p in self.removed]
                + [("MODIFIED", p) for p in self.modified])

    def summary(self) -> str:
        if self.written:
            return f"snapshot {self.path} written ({'updated' if self.exists else 'created'})"
        if not self.exists:
            return f"snapshot {self.path} does not exist: run with --pggit-snapshot-update to create it"
        if not self.drifted:
            return f"the schema matches the snapshot {self.path}"
        return (f"the schema differs from the snapshot {self.path}: {len(self.added)} added, "
                f"{len(self.removed)} removed, {len(self.modified)} modified path(s)")

    def explain(self) -> str:
        text = self.summary()
        if self.drifted and self.exists and not self.written:
            text += "\n\n" + table(self.rows(), ["change", "path"])
            if self.unified:
                text += "\n\n" + self.unified
            text += ("\n\nif the change is intended, rewrite the file with --pggit-snapshot-update "
                     "and commit it")
        return text


def compare(path: Path, entries: Mapping[str, Optional[str]], update: bool = False,
            display: Optional[str] = None) -> Drift:
    """Compare the file at ``path`` with ``entries``; with ``update`` rewrite it."""
    import difflib

    name = display or str(path)
    actual_text = render(entries, name)
    exists = path.is_file()
    old_text = path.read_text(encoding="utf-8") if exists else ""
    expected = parse(old_text) if exists else {}
    actual = {p: normalise(d) for p, d in entries.items()}
    drift = Drift(path=Path(name), exists=exists)
    drift.added = sorted(p for p in actual if p not in expected)
    drift.removed = sorted(p for p in expected if p not in actual)
    drift.modified = sorted(p for p in actual if p in expected and expected[p] != actual[p])
    if exists and drift.drifted:
        drift.unified = "".join(difflib.unified_diff(
            old_text.splitlines(keepends=True), actual_text.splitlines(keepends=True),
            fromfile=f"{name} (snapshot)", tofile=f"{name} (schema of this run)", n=3))
    if update and (not exists or old_text != actual_text):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual_text, encoding="utf-8")
        drift.written = True
    return drift
