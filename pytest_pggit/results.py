"""What the ``Repo`` API returns: frozen dataclasses, and ``SchemaDiff`` (a diff's rows).

Plain data with no database access, so the modules that build them (:mod:`.repo`),
check them (:mod:`.assertions`), explain them (:mod:`.formatting`) and report them
(:mod:`.gate`, :mod:`.report`) all import this module and none imports another.
``PYTEST_DONT_REWRITE`` (see :mod:`pytest_pggit.plugin`).
"""
from __future__ import annotations

import warnings
from dataclasses import dataclass, field
from datetime import datetime
from typing import Iterator, List, Optional, Sequence, Tuple

from .formatting import explain_diff


def _deprecated(old: str, new: str) -> None:
    warnings.warn(f"{old} is deprecated: use {new}", DeprecationWarning, stacklevel=3)


@dataclass(frozen=True)
class Commit:
    sha: str
    parents: Tuple[str, ...]
    author: str
    message: str
    committed_at: datetime
    branch: Optional[str]
    changes: int

    @property
    def short(self) -> str:
        return self.sha[:12]


@dataclass(frozen=True)
class Branch:
    name: str
    head: str
    description: Optional[str] = None
    current: bool = False
    commit_count: int = 0
    ahead: int = 0
    behind: int = 0
    last_commit: Optional[datetime] = None
    last_message: Optional[str] = None
    last_author: Optional[str] = None
    created_at: Optional[datetime] = None


@dataclass(frozen=True)
class DiffEntry:
    """One changed path, e.g. ``public/table/customers/column/phone``."""

    object_type: str
    schema_name: str
    object_name: str
    sub_name: Optional[str]
    path: str
    change: str  # ADDED, REMOVED or MODIFIED
    old_definition: Optional[str]
    new_definition: Optional[str]
    #: The migration statements that implement this path's change (diffs between commits).
    migration_sql: Optional[str] = field(default=None, compare=False)
    #: Hazard names of those statements (``Repo.hazard_kinds()`` says how severe each is).
    hazards: Tuple[str, ...] = field(default=(), compare=False)

    @property
    def schema(self) -> str:
        """Deprecated name of :attr:`schema_name`."""
        _deprecated("DiffEntry.schema", "DiffEntry.schema_name")
        return self.schema_name


class SchemaDiff:
    """The rows of a diff: iterable, sized, true when anything changed.

    Equal to another ``SchemaDiff`` with the same entries, and to a list (or tuple)
    of paths in the same order, so ``assert diff == []`` and
    ``assert diff == ["public/table/t"]`` work; a failing comparison prints the
    table of changed paths and unified diffs of the definitions (see
    :mod:`pytest_pggit.assertions`).  ``a``/``b`` name the compared refs in that text.
    """

    def __init__(self, entries: Sequence[DiffEntry], a: Optional[str] = None,
                 b: Optional[str] = None) -> None:
        self.entries: Tuple[DiffEntry, ...] = tuple(entries)
        self.a = a
        self.b = b

    def __iter__(self) -> Iterator[DiffEntry]:
        return iter(self.entries)

    def __len__(self) -> int:
        return len(self.entries)

    def __bool__(self) -> bool:
        return bool(self.entries)

    def __getitem__(self, index: int) -> DiffEntry:
        return self.entries[index]

    def __contains__(self, path: object) -> bool:
        if isinstance(path, DiffEntry):
            return path in self.entries
        return any(e.path == path for e in self.entries)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, SchemaDiff):
            return other.entries == self.entries
        if isinstance(other, (list, tuple)) and all(isinstance(p, str) for p in other):
            return self.paths == list(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]  # mutable-looking value: compared, not hashed

    def _of(self, change: str) -> List[DiffEntry]:
        return [e for e in self.entries if e.change == change]

    @property
    def added(self) -> List[DiffEntry]:
        return self._of("ADDED")

    @property
    def removed(self) -> List[DiffEntry]:
        return self._of("REMOVED")

    @property
    def modified(self) -> List[DiffEntry]:
        return self._of("MODIFIED")

    @property
    def paths(self) -> List[str]:
        return [e.path for e in self.entries]

    @property
    def hazards(self) -> List[str]:
        """Every hazard name of the diff's migration statements, sorted, once each."""
        return sorted({h for e in self.entries for h in (e.hazards or ())})

    def explain(self) -> str:
        """A review of the diff: a table of changed paths, unified diffs of modified ones."""
        return explain_diff(self.entries, self.a or "a", self.b or "b")

    def __str__(self) -> str:
        return self.explain()

    def __repr__(self) -> str:
        # One line (pytest's assertion rewriting escapes newlines in reprs): the
        # signed paths; ``explain()`` / ``str()`` give the full review text.
        signs = {"ADDED": "+", "REMOVED": "-", "MODIFIED": "~"}
        body = ", ".join(f"{signs.get(e.change, e.change[:1])}{e.path}" for e in self.entries[:10])
        more = f", ... {len(self) - 10} more" if len(self) > 10 else ""
        refs = f" {self.a}..{self.b}" if self.a and self.b else ""
        return f"SchemaDiff{refs}([{body}{more}])"


@dataclass(frozen=True)
class ObjectChange:
    commit_sha: str
    change_type: str  # CREATE, ALTER, COMMENT, GRANT, DROP
    object_type: str
    author: str
    committed_at: datetime
    message: str
    ddl: Optional[str]


@dataclass(frozen=True)
class Alert:
    check: str
    severity: str
    message: str
    hint: Optional[str] = None


@dataclass(frozen=True)
class IntegrityCheck:
    name: str
    status: str
    details: Optional[str] = None

    @property
    def ok(self) -> bool:
        return str(self.status).upper() in ("OK", "PASS", "PASSED")


@dataclass(frozen=True)
class Conflict:
    """One row of ``detect_merge_conflicts``: a path both sides changed incompatibly."""

    path: str
    kind: str                 # both_modified | modified_deleted | added_differently
    object_type: str
    schema_name: str
    object_name: str
    base_definition: Optional[str]
    source_definition: Optional[str]
    target_definition: Optional[str]


@dataclass(frozen=True)
class MigrationCheck:
    """What ``Repo.check_migration(a, b)`` found."""

    a: str
    b: str
    ok: bool
    statements: int
    differing_paths: Tuple[str, ...]
    error: Optional[str]
    script: str


@dataclass(frozen=True)
class MergeResult:
    """What ``Repo.merge`` did: the commit the target branch now points at."""

    commit: str
    target: Optional[str]  # None: the branch that was current

    @property
    def into(self) -> Optional[str]:
        """Deprecated name of :attr:`target`."""
        _deprecated("MergeResult.into", "MergeResult.target")
        return self.target
