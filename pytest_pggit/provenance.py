"""Provenance: which migration step and statement made each change the gate reports.

The SQL layer's capture records, for every DDL command, the session's setting
``pggit.source`` in ``ddl_log.source`` (``sql/70_capture.sql``).  The plugin sets it
before each statement of a schema file (``schema/02_orders.sql:14``: the file relative
to rootdir and the line of the statement's first code) and, for a tool's migration step,
to the step's tag (``alembic/ae1027a6acf``) for every session of the database while the
step runs (:func:`step_source`).

:func:`since_base` reads the log entries of the changes since the gate's base (the
entries linked to commits that are not the base or its ancestors, and those not yet
linked); :meth:`Provenance.for_path` finds the newest entry that touched a diff path.
``PYTEST_DONT_REWRITE`` (see :mod:`pytest_pggit.plugin`).
"""
from __future__ import annotations

import re
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Callable, Dict, Iterator, List, Optional, Tuple

if TYPE_CHECKING:  # pragma: no cover
    import psycopg

#: Longest statement excerpt shown beside a path.
EXCERPT_LINES = 6

#: The source of what a ``pytest_pggit_setup`` hook changed: ``setup hook conftest.py:12``.
SETUP_HOOK = "setup hook "


@dataclass(frozen=True)
class LogEntry:
    """One ``ddl_log`` row since the base."""

    id: int
    command_tag: str
    object_type: Optional[str]
    object_identity: Optional[str]
    source: Optional[str]
    statement: Optional[str]
    txid: int

    @property
    def key(self) -> str:
        """What identifies the statement that made it: its ``file:line``, or for a step's
        captured SQL the step and the statement text (``source`` newline ``statement``)."""
        if self.file_line is not None:
            return self.source or ""
        return f"{self.source or ''}\n{(self.statement or '').strip()}"

    @property
    def file_line(self) -> Optional[Tuple[str, int]]:
        """``(file, line)`` when the source is ``file:line`` (a schema file statement; not a
        ``setup hook conftest.py:12``, whose statements are captured like a step's)."""
        if (self.source or "").startswith(SETUP_HOOK):
            return None
        m = re.fullmatch(r"(.+):(\d+)", self.source or "")
        return (m.group(1), int(m.group(2))) if m else None


def excerpt(statement: Optional[str], lines: int = EXCERPT_LINES) -> str:
    """The statement without its leading comments and blank lines, at most ``lines`` lines."""
    text = statement or ""
    out: List[str] = []
    started = False
    for line in text.splitlines():
        if not started and (not line.strip() or line.strip().startswith("--")):
            continue
        started = True
        out.append(line.rstrip())
    if len(out) > lines:
        out = out[:lines] + [f"... ({len(out) - lines} more line(s))"]
    return "\n".join(out).strip()


def _norm(identity: str) -> str:
    return identity.replace('"', "")


@dataclass
class Provenance:
    """The log entries since the base, indexed by the object they touched."""

    entries: List[LogEntry] = field(default_factory=list)
    #: the layer records provenance (``ddl_log.source`` exists)
    has_sources: bool = True
    #: object key (``schema.name``, no quotes) -> entries, oldest first
    by_object: Dict[str, List[LogEntry]] = field(default_factory=dict)
    #: part key (``schema.table.column`` or ``name on schema.table``) -> entries
    by_part: Dict[str, List[LogEntry]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for e in self.entries:
            ident = _norm(e.object_identity or "")
            if not ident:
                continue
            self.by_part.setdefault(ident, []).append(e)
            m = re.fullmatch(r".+ on (.+)", ident)
            if m:                                    # constraint, trigger, policy, rule
                self.by_object.setdefault(m.group(1), []).append(e)
            elif e.object_type == "table column":
                self.by_object.setdefault(ident.rsplit(".", 1)[0], []).append(e)
            else:
                self.by_object.setdefault(ident, []).append(e)

    @property
    def sources(self) -> List[str]:
        """The distinct sources since the base, in log order."""
        return list(dict.fromkeys(e.source for e in self.entries if e.source))

    def related(self, path: str) -> List[LogEntry]:
        """Every entry touching the object of ``path`` (``schema/kind/name[/part/name]``),
        oldest first."""
        parts = path.split("/")
        if len(parts) < 3:
            return []
        schema, kind, name = parts[0], parts[1], parts[2]
        key = name if kind in ("schema", "extension") else f"{schema}.{name}"
        return list(self.by_object.get(key, []))

    def for_path(self, path: str, change: Optional[str] = None) -> Optional[LogEntry]:
        """The newest entry that made the change of ``path``: one naming the part itself
        (``schema.table.column``, ``constraint on schema.table``) when there is one, else
        the newest on its object whose statement names the part, else the newest on its
        object (for an object ``ADDED``: its newest ``CREATE``, ``REMOVED``: its ``DROP``,
        when there is one); None without one (capture off, or the change predates the base).
        Within each of these, an entry a step made (with a source) wins over plumbing without
        one (a checkout's migration, the gate's own commit)."""
        parts = path.split("/")
        entries = self.related(path)
        if len(parts) == 3 and change in ("ADDED", "REMOVED"):
            verb = "CREATE" if change == "ADDED" else "DROP"
            made = [e for e in entries if (e.command_tag or "").upper().startswith(verb)]
            if made:
                return _newest(made)
        if len(parts) >= 5:
            schema, name, sub = parts[0], parts[2], parts[4]
            exact = (self.by_part.get(f"{schema}.{name}.{sub}", [])
                     + self.by_part.get(f"{sub} on {schema}.{name}", [])
                     + self.by_part.get(f"{schema}.{sub}", []))   # an index is its own relation
            if exact:
                return _newest(exact)
            named = [e for e in entries if sub.lower() in (e.statement or "").lower()]
            # a part added: the statement adding it, not a later one naming it (Django's
            # ADD COLUMN ... DEFAULT 'x' then ALTER COLUMN ... DROP DEFAULT, K8)
            adding = [e for e in named if change == "ADDED"
                      and re.search(r"\b(?:ADD\s+(?:COLUMN\s+|CONSTRAINT\s+)?|INDEX\s+(?:CONCURRENTLY\s+)?)"
                                    r"(?:IF\s+NOT\s+EXISTS\s+)?\"?" + re.escape(sub) + r"\b",
                                    e.statement or "", re.IGNORECASE)]
            if adding or named:
                return _newest(adding or named)
            adding = [e for e in entries if change == "ADDED"
                      and re.search(r"\b(ADD|CREATE)\b", e.statement or "", re.IGNORECASE)]
            # a constraint named by PostgreSQL after a column added with it inline
            # (``ADD COLUMN ext_id uuid UNIQUE``: api_check_ext_id_key), not a later
            # statement adding another column to the table (M3: the next migration's
            # allow accepted it)
            inline = [e for e in adding if _adds_inline(e.statement or "", sub)]
            if inline or adding:   # (else the statement that added one)
                return _newest(inline or adding)
        return _newest(entries) if entries else None


#: ``ADD [COLUMN] [IF NOT EXISTS] name``: the column a statement adds
_ADDED_COLUMN = re.compile(r"\bADD\s+(?:COLUMN\s+)?(?:IF\s+NOT\s+EXISTS\s+)?(\"(?:[^\"]|\"\")+\"|[\w$]+)",
                           re.IGNORECASE)
#: a constraint written inline in a column definition
_INLINE_CONSTRAINT = re.compile(r"\b(?:UNIQUE|REFERENCES|PRIMARY\s+KEY|CHECK)\b", re.IGNORECASE)


def _adds_inline(statement: str, constraint: str) -> bool:
    """Whether ``statement`` adds a column with an inline constraint that PostgreSQL would
    name ``constraint`` (``<table>_<column>_key``, ``_fkey``, ``_check``, ``_pkey``): a
    column it adds is named in the constraint's name, and the statement has such a clause."""
    if not _INLINE_CONSTRAINT.search(statement):
        return False
    name = constraint.lower()
    for m in _ADDED_COLUMN.finditer(statement):
        column = m.group(1)
        column = column[1:-1].replace('""', '"') if column.startswith('"') else column
        if column.upper() in ("CONSTRAINT",):
            continue
        if f"_{column.lower()}_" in name:
            return True
    return False


def _newest(entries: List[LogEntry]) -> LogEntry:
    """The newest entry with a source, else the newest."""
    return max(entries, key=lambda e: (e.source is not None, e.id))


#: ``ddl_log.source`` of the statements a checkout or merge of the layer runs itself
#: (``_apply_steps``, sql/57_migration.sql)
MIGRATION_SOURCE = "pgGit migration"


def since_base(conn: "psycopg.Connection", base_sha: str, head_sha: Optional[str] = None) -> Provenance:
    """The ``ddl_log`` entries of the changes since ``base_sha``: those linked to commits
    that are not ``base_sha`` or one of its ancestors, and those not linked yet.  With
    ``head_sha`` (``--pggit-head``), only those linked to it or its ancestors: the steps
    after head are not the change judged (D8)."""
    rows = conn.execute(
        """
        WITH RECURSIVE anc(sha) AS (
            SELECT %(base)s::text
            UNION
            SELECT p.parent_sha FROM pggit_v0.commit_parents p JOIN anc a ON p.commit_sha = a.sha
        ),
        head_anc(sha) AS (
            SELECT %(head)s::text WHERE %(head)s::text IS NOT NULL
            UNION
            SELECT p.parent_sha FROM pggit_v0.commit_parents p JOIN head_anc a ON p.commit_sha = a.sha
        )
        SELECT l.id, l.command_tag, l.object_type, l.object_identity, l.source, l.statement, l.txid
        FROM pggit_v0.ddl_log l
        LEFT JOIN pggit_v0.ddl_log_commits lc ON lc.log_id = l.id
        WHERE CASE WHEN %(head)s::text IS NULL
                   THEN lc.commit_sha IS NULL OR lc.commit_sha NOT IN (SELECT sha FROM anc)
                   ELSE lc.commit_sha NOT IN (SELECT sha FROM anc) AND lc.commit_sha IN (SELECT sha FROM head_anc) END
        ORDER BY l.id
        """, {"base": base_sha, "head": head_sha}).fetchall()
    return Provenance([LogEntry(*r) for r in rows])


def _unit_of(source: Optional[str]) -> str:
    """The file of a ``file:line`` source, else the source (a step's tag)."""
    m = re.fullmatch(r"(.+):(\d+)", source or "")
    return m.group(1) if m else (source or "")


def base_statements(conn: "psycopg.Connection", base_sha: str) -> "set[tuple[str, str]]":
    """``(file or step, statement)`` of every logged statement of ``base_sha`` and its
    ancestors (a ``git:`` base's steps, built beside head's in one clone)."""
    rows = conn.execute(
        """
        WITH RECURSIVE anc(sha) AS (
            SELECT %s::text
            UNION
            SELECT p.parent_sha FROM pggit_v0.commit_parents p JOIN anc a ON p.commit_sha = a.sha
        )
        SELECT DISTINCT l.source, l.statement
        FROM pggit_v0.ddl_log l JOIN pggit_v0.ddl_log_commits lc ON lc.log_id = l.id
        WHERE lc.commit_sha IN (SELECT sha FROM anc) AND l.source IS NOT NULL
        """, (base_sha,)).fetchall()
    return {(_unit_of(src), (stmt or "").strip()) for src, stmt in rows}


def without_statements(prov: Provenance, known: "set[tuple[str, str]]") -> Provenance:
    """``prov`` less the entries whose statement the same file or step also ran in the base
    (head's copy of a step the ``git:`` base has too): provenance and lint see what the
    change adds or edits, not every statement of the project again."""
    kept = [e for e in prov.entries
            if not e.source or (_unit_of(e.source), (e.statement or "").strip()) not in known]
    return Provenance(kept, has_sources=prov.has_sources)


def has_source_column(conn: "psycopg.Connection") -> bool:
    """Whether the installed layer records provenance (``ddl_log.source``)."""
    row = conn.execute(
        "SELECT EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = to_regclass('pggit_v0.ddl_log') "
        "AND attname = 'source' AND NOT attisdropped)").fetchone()
    return bool(row and row[0])


#: how a label reaches new sessions through ``PGOPTIONS`` (see :func:`_label_new_sessions`)
_PGOPTION = re.compile(r"(?:^| )-c pggit\.source=(?:\\.|[^ \\])*")


def _label_new_sessions(conn: "psycopg.Connection", database: str, label: str) -> None:
    """New sessions of ``database`` start with ``pggit.source = label``: ``ALTER DATABASE
    ... SET``; where that is refused (PostgreSQL 15+ lets only superusers set a custom
    parameter so, even for the database's owner: a DSN backend's CREATEDB role, Z7), the
    process's ``PGOPTIONS`` (libpq drivers: psycopg, psycopg2, Django's and Alembic's
    connections of the step), which :func:`step_source` puts back.  A driver that ignores
    ``PGOPTIONS`` (asyncpg) then opens unlabelled sessions: their DDL is named by role and
    time only."""
    import os

    import psycopg
    from psycopg import sql

    options = os.environ.get("PGOPTIONS", "")
    if not _PGOPTION.search(options):   # (once refused in a block, PGOPTIONS for the rest)
        try:
            conn.execute(sql.SQL("ALTER DATABASE {} SET pggit.source = {}").format(
                sql.Identifier(database), sql.Literal(label)))
            return
        except psycopg.errors.InsufficientPrivilege:
            pass
    escaped = re.sub(r"([\s\\])", r"\\\1", label)   # (every blank: a tab split it too, Z21)
    os.environ["PGOPTIONS"] = (_PGOPTION.sub("", options).strip() + " -c pggit.source=" + escaped).strip()


@contextmanager
def step_source(conn: "psycopg.Connection", database: str, label: str) -> Iterator[None]:
    """While the block runs, every new session of ``database`` (a tool's migration step
    connects itself, with any driver) starts with ``pggit.source = label``, and so does
    ``conn`` (autocommit, the database's owner): ``ALTER DATABASE ... SET`` (or
    ``PGOPTIONS``, see :func:`_label_new_sessions`), reset after."""
    import os

    import psycopg
    from psycopg import pq, sql

    saved = os.environ.get("PGOPTIONS")
    _label_new_sessions(conn, database, label)
    by_env = os.environ.get("PGOPTIONS") != saved
    conn.execute("SELECT pg_catalog.set_config('pggit.source', %s, false)", (label,))
    try:
        yield
    finally:
        if by_env or os.environ.get("PGOPTIONS") != saved:
            if saved is None:
                os.environ.pop("PGOPTIONS", None)
            else:
                os.environ["PGOPTIONS"] = saved
        # not after a failure that left ``conn`` in a transaction (the caller reports that
        # error; the database, about to be dropped, keeps the setting)
        if not conn.closed and conn.info.transaction_status == pq.TransactionStatus.IDLE:
            try:
                if not by_env:
                    conn.execute(sql.SQL("ALTER DATABASE {} RESET pggit.source").format(
                        sql.Identifier(database)))
                conn.execute("SELECT pg_catalog.set_config('pggit.source', '', false)")
            except psycopg.Error:   # never hide the block's own outcome
                pass


def set_step_source(conn: "psycopg.Connection", database: str, label: str,
                    session: Optional["psycopg.Connection"] = None) -> None:
    """Inside :func:`step_source`, when several steps run in one session (a
    :class:`~pytest_pggit.steps.StepBatch`): the next step is ``label``, for the new
    sessions of ``database`` (through ``conn``) and for ``session``, the batch's own."""
    _label_new_sessions(conn, database, label)
    if session is not None:
        session.execute("SELECT pg_catalog.set_config('pggit.source', %s, false)", (label,))


def setup_hook_label(impls: Any, rootdir: Any) -> str:
    """``setup hook conftest.py:12``: where the ``pytest_pggit_setup`` implementations are
    (file relative to ``rootdir``, line of the ``def`` or its first decorator)."""
    from .formatting import display_path

    parts = []
    for impl in impls:
        if getattr(impl, "hookwrapper", False) or getattr(impl, "wrapper", False):
            continue
        code = getattr(impl.function, "__code__", None)
        parts.append(f"{display_path(code.co_filename, rootdir)}:{code.co_firstlineno}"
                     if code is not None else str(impl.plugin_name))
    return SETUP_HOOK + (", ".join(parts) or "pytest_pggit_setup")


def setup_hook_call(caller: Any, impls: Any, config: Any, rootdir: Any) -> Callable[..., None]:
    """The ``pytest_pggit_setup`` hook as one call ``(connection, database)`` whose DDL the
    capture records with the source ``setup hook <file>:<line>`` (:func:`step_source`):
    the gate's provenance names the hook, and lint checks its statements like a step's."""
    label = setup_hook_label(impls, rootdir)

    def call(connection: Any, database: Any) -> None:
        from psycopg import pq

        with step_source(connection, database.name, label):
            try:
                caller(connection=connection, database=database, config=config)
            except BaseException:
                # roll back here, so that step_source can still reset the database's setting
                if not connection.closed and connection.info.transaction_status != pq.TransactionStatus.IDLE:
                    connection.rollback()
                raise

    return call


def describe(entry: Optional[LogEntry]) -> str:
    """``source: statement's first line`` for one line of a table."""
    if entry is None:
        return ""
    first = excerpt(entry.statement, 1).splitlines()[:1]
    return f"{entry.source or '(no step)'}: {first[0] if first else entry.command_tag}"


__all__ = ["LogEntry", "Provenance", "base_statements", "describe", "excerpt", "has_source_column",
           "set_step_source", "setup_hook_call", "setup_hook_label", "since_base", "step_source",
           "without_statements"]
