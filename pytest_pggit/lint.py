"""Lint of the migration since the gate's base, by squawk (``pip install 'pytest-pggit[lint]'``).

What is linted: the statements of the migration steps since the base, found through
provenance (:mod:`.provenance`): every schema file a change since the base came from
is linted whole (its statements, ``\\i`` expanded, findings at ``file:line``), and for a
tool's migration step (``alembic/ae1027a6acf``) the DDL the layer captured while it ran,
at ``step:line`` of that SQL.  squawk runs once for all files and steps, as a subprocess
(``squawk --reporter json --pg-version <server's> FILES``); when it cannot parse a
statement (syntax newer than its parser) that statement is left out and the rest of its
file or step linted again, in one more run for all such units.

Each statement with findings is one gate case ``pggit.lint::<file-or-step>:<line>``
(the line of the statement's first code) listing its rules, messages and the statement.

Every rule has a severity on the hazard ladder (:data:`RULE_LEVELS`, the severity of the
``hazard_kinds()`` hazard it reports: dropping a table or column is ``data-loss``, a type
change that rewrites the table or a rename that breaks clients ``high``, an ACCESS
EXCLUSIVE lock for an index build ``medium``, an index built without CONCURRENTLY or a
constraint validated at once ``low``); rules about style and hygiene (``prefer-*``,
timeouts, ``IF NOT EXISTS``) are ``style``.  ``--pggit-fail-on-lint LEVEL`` fails on
findings at or above LEVEL (``none|low|medium|high|data-loss``) on objects that existed
at the base; ``all`` fails on every finding, ``none`` reports only.  The default,
``high``, is what a team adopting the gate on an existing project can live with: only
the newest step is linted (the default base), and of it only what breaks clients,
rewrites a table or loses data fails; the rest is reported.  A finding whose statement
touches only objects created since the base never fails below ``all`` (an index built
without CONCURRENTLY on a table the same change creates blocks nobody), nor does one of a
schema file that changed nothing (capture logged no command for it: ``DROP TABLE IF
EXISTS`` of a table that is not there, as ``pg_dump --clean`` writes).

squawk runs in the rootdir, so a project's ``.squawk.toml`` (excluded rules, ``pg_version``
...) applies.  Excluded rules (``--pggit-lint-exclude``, passed to squawk) are not reported; findings
accepted by an allow (:mod:`.allow`, by rule name or by the hazard of :data:`RULE_HAZARDS`)
are reported with their reason and never fail.
``PYTEST_DONT_REWRITE`` (see :mod:`pytest_pggit.plugin`).
"""
from __future__ import annotations

import bisect
import json
import os
import re
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Dict, List, Optional, Sequence, Set, Tuple

if TYPE_CHECKING:  # pragma: no cover
    from .allow import Acceptance, Allowances
    from .provenance import Provenance

#: --pggit-fail-on-lint values: the hazard ladder, and ``all`` (every finding).
LINT_LEVELS: Tuple[str, ...] = ("none", "low", "medium", "high", "data-loss", "all")

#: The severity of each rule's finding on the hazard ladder; rules not named are ``style``.
RULE_LEVELS = {
    "ban-drop-table": "data-loss", "ban-drop-column": "data-loss", "ban-drop-database": "data-loss",
    "ban-truncate-cascade": "data-loss",
    "changing-column-type": "high", "adding-field-with-default": "high", "renaming-column": "high",
    "renaming-table": "high", "adding-required-field": "high", "transaction-nesting": "high",
    "ban-uncommitted-transaction": "high", "ban-concurrent-index-creation-in-transaction": "high",
    "adding-serial-primary-key-field": "medium", "adding-not-nullable-field": "medium",
    "ban-alter-domain-with-add-constraint": "medium", "ban-create-domain-with-constraint": "medium",
    "disallowed-unique-constraint": "medium", "require-concurrent-index-deletion": "medium",
    "ban-drop-not-null": "medium",
    "require-concurrent-index-creation": "low", "constraint-missing-not-valid": "low",
    "adding-foreign-key-constraint": "low",
}

#: The hazard of ``hazard_kinds()`` each rule reports too: allowing the hazard on a
#: statement (``-- pggit: allow data_deletion -- why``) also accepts these findings.
RULE_HAZARDS = {
    "ban-drop-table": "data_deletion", "ban-drop-column": "data_deletion",
    "ban-drop-database": "data_deletion", "ban-truncate-cascade": "data_deletion",
    "changing-column-type": "table_rewrite", "adding-field-with-default": "table_rewrite",
    "adding-serial-primary-key-field": "table_rewrite",
    "require-concurrent-index-creation": "index_build", "disallowed-unique-constraint": "index_build",
    "require-concurrent-index-deletion": "index_dropped",
    "constraint-missing-not-valid": "validation_scan", "adding-foreign-key-constraint": "validation_scan",
    "adding-not-nullable-field": "validation_scan",
    "renaming-column": "breaks_clients", "renaming-table": "breaks_clients",
    "adding-required-field": "correctness_risk", "ban-drop-not-null": "correctness_risk",
}

#: How to enable lint, for the report when squawk is missing.
INSTALL_HINT = "pip install 'pytest-pggit[lint]' (squawk-cli), or --no-pggit-lint"


@dataclass
class Finding:
    rule: str
    level: str        # squawk's: Warning, Error
    message: str
    help: str
    line: int         # 1-based, in the unit's file (or step SQL)
    accepted: Optional["Acceptance"] = None
    new_objects: bool = False   # the statement touches only objects created since the base
    no_change: bool = False     # the statement changed no object (DROP ... IF EXISTS of nothing)
    no_rewrite: bool = False    # a type change PostgreSQL makes without a rewrite (varchar(200) -> 400)
    recreated: bool = False     # DROP TABLE t / RENAME TO t of a copy-and-swap (M15)

    @property
    def severity(self) -> str:
        """The rule's severity on the hazard ladder, or ``style``."""
        return RULE_LEVELS.get(self.rule, "style")

    def fails(self, policy: str) -> bool:
        """Whether the finding fails the gate at ``--pggit-fail-on-lint policy``."""
        from .config import hazard_rank

        if self.accepted is not None or policy == "none" or self.rule == "syntax-error":
            return False
        if policy == "all":
            return True
        if (self.new_objects or self.no_change or self.no_rewrite or self.recreated
                or self.severity == "style"):
            return False
        return hazard_rank(self.severity) >= hazard_rank(policy)

    def status(self, policy: str = "") -> str:
        if self.rule == "syntax-error":
            return "not parsed"
        if self.accepted is not None:
            return "accepted"
        return self.severity + (", new object" if self.new_objects else "") + (
            ", changed nothing" if self.no_change else "") + (
            ", no rewrite (pgGit's hazards)" if self.no_rewrite else "") + (
            ", recreated by copy (the diff judges the table)" if self.recreated else "")


@dataclass
class Statement:
    """One linted statement: where it is, its text, its findings."""

    location: str       # display file, or a step's label
    line: int           # of its first code
    text: str
    source: str         # the provenance key: file:line, or the step label
    findings: List[Finding] = field(default_factory=list)

    @property
    def name(self) -> str:
        return f"{self.location}:{self.line}"


@dataclass
class Unit:
    """A file or a step's captured SQL, linted in one squawk run."""

    location: str
    text: str
    #: per statement: (first line, last line, code line) in ``text`` (1-based)
    spans: List[Tuple[int, int, int]]
    #: line of ``text`` -> line shown (the file's own line; \\i lines map to their file)
    shown_line: Dict[int, Tuple[str, int]]
    is_file: bool
    #: a step's SQL: (first line, last line, provenance key) of each captured statement
    keys: List[Tuple[int, int, str]] = field(default_factory=list)


@dataclass
class LintResult:
    ran: bool = False
    skipped_reason: str = ""
    squawk: str = ""
    version: str = ""
    pg_version: str = ""
    units: List[str] = field(default_factory=list)
    statements: List[Statement] = field(default_factory=list)
    notes: List[str] = field(default_factory=list)
    statement_count: int = 0
    seconds: float = 0.0


def find_squawk() -> Optional[str]:
    """squawk beside this Python (a virtualenv's bin, not on PATH when not activated), else on PATH."""
    for name in ("squawk", "squawk.exe"):
        beside = Path(sys.executable).parent / name
        if beside.is_file() and os.access(beside, os.X_OK):
            return str(beside)
    return shutil.which("squawk")


def pg_version(server_version: str) -> str:
    """``15.18`` from ``15.18 (Debian 15.18-0+deb12u1)``; '' when none."""
    import re

    m = re.match(r"\s*(\d+(?:\.\d+)?)", server_version or "")
    return m.group(1) if m else ""


def _spans(text: str) -> List[Tuple[int, int, int]]:
    """(first line, last line, line of the first code) of each statement of ``text``."""
    from .sqlfiles import _first_code, split_statements

    starts = [0] + [i + 1 for i, c in enumerate(text) if c == "\n"]

    def line_of(offset: int) -> int:
        return bisect.bisect_right(starts, offset)

    out = []
    for offset, stmt in split_statements(text):
        first = _first_code(stmt)
        if first >= len(stmt):
            continue
        out.append((line_of(offset), line_of(offset + len(stmt.rstrip()) - 1), line_of(offset + first)))
    return out


def file_unit(path: Path, display: str, rootdir: Optional[Path]) -> Unit:
    from .formatting import display_path
    from .sqlfiles import expand_script

    script = expand_script(path, confine=rootdir)
    shown: Dict[int, Tuple[str, int]] = {}
    names: Dict[Path, str] = {}
    for i, origin in enumerate(script.origins, 1):
        if origin is not None:
            if origin[0] not in names:
                names[origin[0]] = display_path(origin[0], rootdir)
            shown[i] = (names[origin[0]], origin[1])
    return Unit(display, script.text, _spans(script.text), shown, True)


def step_unit(label: str, statements: Sequence[str]) -> Unit:
    """A step's captured statements (each a query string the step sent) as one SQL text."""
    parts, keys, line = [], [], 1
    for s in statements:
        s = s.strip()
        part = s if s.endswith(";") else s + ";"
        n = part.count("\n")
        keys.append((line, line + n, f"{label}\n{s}"))
        parts.append(part)
        line += n + 1
    text = "\n".join(parts) + "\n"
    shown = {i: (label, i) for i in range(1, text.count("\n") + 2)}
    return Unit(label, text, _spans(text), shown, False, keys)


def _run_squawk(squawk: str, text: Optional[str], pg: str, exclude: Sequence[str],
                cwd: Optional[Path] = None, files: Sequence[str] = ()) -> List[Dict[str, Any]]:
    """squawk's JSON findings for ``text`` (stdin), or for ``files`` in one run (each
    finding names its ``file``), run in ``cwd`` (the rootdir: a project's
    ``.squawk.toml`` there, or above it, applies)."""
    cmd = [squawk, "--reporter", "json"]
    if text is not None:
        cmd += ["--stdin-filepath", "stdin.sql"]
    if pg:
        cmd += ["--pg-version", pg]
    if exclude:
        cmd += ["--exclude", ",".join(exclude)]
    cmd += list(files)
    proc = subprocess.run(cmd, input=text if text is not None else "", capture_output=True, text=True,
                          timeout=120, cwd=str(cwd) if cwd is not None and Path(cwd).is_dir() else None)
    out = proc.stdout.strip()
    if not out:
        if proc.returncode not in (0, 1):
            raise RuntimeError(f"squawk failed ({proc.returncode}): {proc.stderr.strip()[:500]}")
        return []
    try:
        data = json.loads(out)
    except ValueError as exc:
        raise RuntimeError(f"squawk printed no JSON: {out[:300]}") from exc
    return data if isinstance(data, list) else []


class _UnitLint:
    """The findings of one unit, by statement, as squawk reports them round by round."""

    def __init__(self, unit: Unit) -> None:
        self.unit = unit
        self.lines = unit.text.split("\n")
        self.by_code: Dict[int, Statement] = {}
        # by the line of each statement's first code: a statement's first line may be the
        # previous one's last (the text after a ';' belongs to the next statement)
        self.codes = [span[2] for span in unit.spans]

    def statement_of(self, line: int) -> Tuple[int, int, int]:
        i = bisect.bisect_right(self.codes, line) - 1
        if i >= 0 and self.unit.spans[i][2] <= line <= self.unit.spans[i][1]:
            return self.unit.spans[i]
        return (line, line, line)

    def get(self, span: Tuple[int, int, int]) -> Statement:
        unit = self.unit
        code = span[2]
        if code not in self.by_code:
            loc, shown = unit.shown_line.get(code, (unit.location, code))
            text = "\n".join(self.lines[code - 1:span[1]])
            src = f"{loc}:{shown}" if unit.is_file else next(
                (k for first, last, k in unit.keys if first <= code <= last), unit.location)
            self.by_code[code] = Statement(loc, shown, text, src)
        return self.by_code[code]

    def take(self, found: List[Dict[str, Any]]) -> bool:
        """Record one round's findings; False when a statement squawk cannot parse was
        reported once (rule ``syntax-error``, never failing) and blanked out: the unit
        needs another round."""
        syntax = [f for f in found if f.get("rule_name") == "syntax-error"]
        if syntax:
            line = int(syntax[0].get("line", 0)) + 1
            span = self.statement_of(line)
            st = self.get(span)
            st.findings.append(Finding("syntax-error", "Error", str(syntax[0].get("message", "")),
                                       "squawk cannot parse it: not linted", line))
            for i in range(span[0] - 1, span[1]):   # blank it out, keep the line numbers
                self.lines[i] = ""
            return False
        for f in found:
            line = int(f.get("line", 0)) + 1
            st = self.get(self.statement_of(line))
            st.findings.append(Finding(str(f.get("rule_name", "")), str(f.get("level", "")),
                                       str(f.get("message", "")), str(f.get("help") or ""), line))
        return True

    def statements(self) -> List[Statement]:
        return sorted(self.by_code.values(), key=lambda s: (s.location, s.line))


#: rounds of squawk runs: each leaves out one statement squawk cannot parse per unit
_ROUNDS = 25


def lint_units(squawk: str, units: Sequence[Unit], pg: str, exclude: Sequence[str], notes: List[str],
               cwd: Optional[Path] = None) -> List[Statement]:
    """squawk's findings of every unit, by statement, unit by unit: one squawk run over
    all of them (each written to a file of a temporary directory), then one more for the
    units where a statement squawk cannot parse was left out (see :meth:`_UnitLint.take`)."""
    import tempfile

    states = [_UnitLint(u) for u in units]
    pending = list(range(len(states)))
    with tempfile.TemporaryDirectory(prefix="pytest-pggit-lint-") as tmp:
        for _round in range(_ROUNDS):
            if not pending:
                break
            files: Dict[str, int] = {}
            for i in pending:
                path = Path(tmp) / f"unit{i}.sql"
                path.write_text("\n".join(states[i].lines), encoding="utf-8")
                files[str(path)] = i
            if len(files) == 1:   # one unit: stdin, as squawk's users pipe it
                (only,) = files.values()
                found = {only: _run_squawk(squawk, "\n".join(states[only].lines), pg, exclude, cwd)}
            else:
                found = {i: [] for i in pending}
                by_name = {Path(p).name: j for p, j in files.items()}
                for f in _run_squawk(squawk, None, pg, exclude, cwd, files=list(files)):
                    name = str(f.get("file", ""))
                    # the path as given, else by its name (a path squawk spelled its own way)
                    unit = files.get(name, by_name.get(Path(name).name))
                    if unit is not None:
                        found[unit].append(f)
            pending = [i for i in pending if not states[i].take(found[i])]
    for i in pending:
        notes.append(f"lint of {states[i].unit.location} stopped: squawk could not parse {_ROUNDS} statements")
    return [st for state in states for st in state.statements()]


def lint_unit(squawk: str, unit: Unit, pg: str, exclude: Sequence[str], notes: List[str],
              cwd: Optional[Path] = None) -> List[Statement]:
    """squawk's findings of ``unit``, by statement (:func:`lint_units` of one unit)."""
    return lint_units(squawk, [unit], pg, exclude, notes, cwd)


#: a statement capture never logs (after comments and blank lines)
_DML = re.compile(r"(?:\s|--[^\n]*\n|/\*(?:[^*]|\*(?!/))*\*/)*(?:TRUNCATE|DELETE|UPDATE|INSERT|MERGE|COPY)\b",
                  re.IGNORECASE)


_NAME = r'(?:"(?:[^"]|"")+"|[\w$]+)(?:\s*\.\s*(?:"(?:[^"]|"")+"|[\w$]+))?'
_CREATE = re.compile(r"\s*CREATE\s+(?:UNLOGGED\s+)?TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?(" + _NAME + ")", re.I)
_COLS = r'\(\s*((?:"(?:[^"]|"")+"|[\w$]+)(?:\s*,\s*(?:"(?:[^"]|"")+"|[\w$]+))*)\s*\)'
#: a whole copy: every row (no WHERE, LIMIT, JOIN ...), plain columns or ``*``
_INSERT = re.compile(r"\s*INSERT\s+INTO\s+(" + _NAME + r")\s*(?:" + _COLS + r")?\s*SELECT\s+(\*|"
                     r'(?:"(?:[^"]|"")+"|[\w$]+)(?:\s*,\s*(?:"(?:[^"]|"")+"|[\w$]+))*)'
                     r"\s+FROM\s+(?:ONLY\s+)?(" + _NAME + r")\s*;?\s*$", re.I | re.S)
_DROP = re.compile(r"\s*DROP\s+TABLE\s+(?:IF\s+EXISTS\s+)?(" + _NAME + r")\s*(?:CASCADE|RESTRICT)?\s*;?\s*$",
                   re.I)
_RENAME = re.compile(r"\s*ALTER\s+TABLE\s+(?:IF\s+EXISTS\s+)?(?:ONLY\s+)?(" + _NAME + r")\s+RENAME\s+TO\s+("
                     + _NAME + r")\s*;?\s*$", re.I)


def _relname(name: str) -> str:
    """The relation part of a (possibly qualified, possibly quoted) name, as the catalog has it."""
    part = re.findall(r'"(?:[^"]|"")+"|[\w$]+', name)[-1]
    return part[1:-1].replace('""', '"') if part.startswith('"') else part.lower()


def _idents(text: str) -> List[str]:
    """The identifiers of a comma-separated list, as the catalog spells them."""
    return [_relname(p) for p in re.findall(r'"(?:[^"]|"")+"|[\w$]+', text)]


def recreated_lines(unit: Unit, columns: Optional[Any] = None,
                    batch_steps: Sequence[str] = ()) -> Dict[int, str]:
    """The code lines of ``unit``'s ``DROP TABLE t`` and ``ALTER TABLE c RENAME TO t`` that
    swap in a copy ``c`` the unit created and filled from ``t`` (M15): Alembic's
    ``batch_alter_table(recreate=...)`` (``_alembic_tmp_t``, rows always copied; its
    ``INSERT`` is DML, which capture does not log), or a file's own ``CREATE TABLE c``,
    ``INSERT INTO c ... SELECT ... FROM t``, ``DROP TABLE t``, ``RENAME TO t``.  Such a drop
    loses no row: the diff of ``t`` judges what the swap changed.  -> line -> table.

    A copy counts only when it is whole (R3 of the review: a ``WHERE``, a ``LIMIT`` or a
    column left out lost rows or values, and passed): ``INSERT INTO c [(cols)] SELECT
    cols|* FROM t`` and nothing more, its two lists the same, naming every column of
    ``t`` as head has it (``columns(t)``: those without a default that the base has; None
    when unknown, then only ``SELECT *`` into all columns counts); an Alembic step's copy only in the
    steps whose revision uses ``batch_alter_table`` (``batch_steps``)."""
    lines = unit.text.split("\n")
    created: Set[str] = set()
    filled: Set[Tuple[str, str]] = set()
    dropped: Dict[str, int] = {}
    out: Dict[int, str] = {}
    for first, last, code in unit.spans:
        stmt = "\n".join(lines[code - 1:last])
        stmt = re.sub(r"--[^\n]*", "", stmt)
        m = _CREATE.match(stmt)
        if m:
            created.add(_relname(m.group(1)))
            continue
        m = _INSERT.match(stmt)
        if m:
            target, into, select, source = m.group(1), m.group(2), m.group(3), m.group(4)
            whole = select == "*" and into is None
            if not whole and select != "*":
                names = _idents(select)
                needed = columns(_relname(source)) if columns is not None else None
                whole = ((into is None or _idents(into) == names) and needed is not None
                         and set(needed) <= set(names))
            if whole:
                filled.add((_relname(target), _relname(source)))
            continue
        m = _DROP.match(stmt)
        if m:
            dropped[_relname(m.group(1))] = code
            continue
        m = _RENAME.match(stmt)
        if m:
            copy, table = _relname(m.group(1)), _relname(m.group(2))
            if (table in dropped and copy in created
                    and ((copy, table) in filled
                         or (not unit.is_file and copy == f"_alembic_tmp_{table}"
                             and unit.location in batch_steps))):
                out[dropped.pop(table)] = table
                out[code] = table
    return out


def _touched(conn: Any, entries: Sequence[Any]) -> Set[str]:
    """The objects (``schema.name``, no quotes) the log entries changed; an index counts
    as its table."""
    import re

    out: Set[str] = set()
    for e in entries:
        ident = (e.object_identity or "").replace('"', "")
        if not ident:
            continue
        m = re.fullmatch(r".+ on (.+)", ident)
        if m:
            out.add(m.group(1))
        elif e.object_type == "table column":
            out.add(ident.rsplit(".", 1)[0])
        elif e.object_type == "index" and conn is not None:
            row = conn.execute(
                "SELECT n.nspname || '.' || c.relname FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid "
                "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE i.indexrelid = to_regclass(%s)",
                (e.object_identity,)).fetchone()
            out.add(row[0] if row else ident)
        elif e.object_type == "sequence" and conn is not None:
            # an identity's sequence (or a serial's) counts as its table: ALTER COLUMN ...
            # TYPE of an identity column logs both (D3)
            row = conn.execute(
                "SELECT n.nspname || '.' || c.relname FROM pg_depend d JOIN pg_class c ON c.oid = d.refobjid "
                "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE d.classid = 'pg_class'::regclass "
                "AND d.objid = to_regclass(%s) AND d.refclassid = 'pg_class'::regclass "
                "AND d.deptype IN ('a', 'i') AND d.refobjsubid > 0",
                (e.object_identity,)).fetchone()
            out.add(row[0] if row else ident)
        else:
            out.add(ident)
    return out


def run_lint(conn: Any, prov: "Provenance", allowances: "Allowances", *, rootdir: Optional[Path],
             server_version: str, exclude: Sequence[str], new_objects: Set[str],
             rewriting: Optional[Set[str]] = None,
             fallback_files: Sequence[Path] = (),
             paths_by_source: Optional[Dict[str, List[str]]] = None,
             steps_since: Sequence[Tuple[str, Optional[Path]]] = (),
             added_columns: Set[Tuple[str, str]] = frozenset()) -> LintResult:
    """Lint the files and steps the changes since the base came from (``fallback_files``
    when the log names none: a layer without provenance, capture off).  An allow glob
    matches a finding's ``file:line`` and the diff paths its statement made
    (``paths_by_source``: provenance key -> paths)."""
    from .allow import file_directives
    from .formatting import display_path

    t0 = time.perf_counter()
    result = LintResult()
    squawk = find_squawk()
    if squawk is None:
        result.skipped_reason = f"squawk is not installed: {INSTALL_HINT}"
        return result
    result.squawk = squawk
    try:
        result.version = subprocess.run([squawk, "--version"], capture_output=True, text=True,
                                        timeout=30).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        result.version = "squawk"
    result.pg_version = pg_version(server_version)

    units: List[Unit] = []
    files: Dict[str, Path] = {}
    step_statements: Dict[str, List[str]] = {}
    for e in prov.entries:
        if not e.source:
            continue
        fl = e.file_line
        if fl is not None:
            path = Path(fl[0]) if Path(fl[0]).is_absolute() else Path(rootdir or ".") / fl[0]
            if path.is_file():
                files.setdefault(fl[0], path)
                continue
        stmts = step_statements.setdefault(e.source, [])
        if e.statement and (not stmts or stmts[-1] != e.statement):
            stmts.append(e.statement)
    if not prov.has_sources:   # a layer without provenance: the schema files
        for path in fallback_files:
            files.setdefault(display_path(path, rootdir), Path(path))
        if fallback_files:
            result.notes.append("the DDL log names no step since the base (capture off, or a layer "
                                "without provenance): every --pggit-schema file linted")
    # the SQL files of the steps since the base, whole, though the log names none of
    # their statements: one that only deletes rows (TRUNCATE ... CASCADE, DELETE FROM)
    # runs no DDL, and passed unlinted (K3); tool steps that logged nothing are named
    logged = {e.source.split("\n", 1)[0] for e in prov.entries if e.source}
    have = {p.resolve() for p in files.values()}
    silent: List[str] = []
    for tag, path in steps_since:
        if path is not None and path.suffix == ".sql" and path.is_file():
            # (a hook's step whose source is its .sql file, and whose statements the log
            # holds under the step's label: linted there once, not the file again, where
            # the same statement "changed nothing", ok, beside the step's FAIL: Y1)
            if path.resolve() not in have and tag not in step_statements:
                have.add(path.resolve())
                files.setdefault(display_path(path, rootdir), path)
        elif prov.has_sources and tag not in logged:
            silent.append(tag)
    if silent:
        result.notes.append(f"{len(silent)} step(s) since the base changed no schema, so none of their SQL "
                            f"was linted (data-only: their row changes are the data check's): "
                            + ", ".join(silent[:5]) + (", ..." if len(silent) > 5 else ""))
    for display, path in files.items():
        units.append(file_unit(path, display, rootdir))
        allowances.add_file(display, file_directives(path, display))
    for label, stmts in step_statements.items():
        units.append(step_unit(label, stmts))

    for unit in units:
        result.units.append(unit.location)
        result.statement_count += len(unit.spans)
    # one squawk run for every file and step (more only for statements it cannot parse)
    result.statements.extend(lint_units(squawk, units, result.pg_version, exclude, result.notes, rootdir))

    swaps: Dict[Tuple[str, int], str] = {}
    def columns(table: str) -> Optional[List[str]]:
        """The columns of head's ``table`` (any schema) that have no default."""
        if conn is None:
            return None
        try:
            rows = conn.execute(
                "SELECT a.attname FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid "
                "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relname = %s AND c.relkind IN ('r', 'p') "
                "AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'pggit_v0') AND a.attnum > 0 "
                "AND NOT a.attisdropped AND NOT a.atthasdef AND a.attidentity = '' AND a.attgenerated = ''",
                (table,)).fetchall()
        except Exception:   # (the check then accepts only SELECT *)
            return None
        # (those the base has: a column the change adds starts empty in any copy)
        return [r[0] for r in rows if (table, r[0]) not in added_columns] if rows else None

    batch = [tag for tag, path in steps_since
             if tag.startswith("alembic/") and path is not None and path.is_file()
             and "batch_alter_table" in path.read_text(encoding="utf-8", errors="replace")]
    for unit in units:
        for line, table in recreated_lines(unit, columns, batch).items():
            shown = unit.shown_line.get(line, (unit.location, line))
            swaps[(shown[0], shown[1])] = table
    if swaps:
        result.notes.append("table(s) recreated by copy (DROP TABLE, then a copy renamed to its name): "
                            + ", ".join(sorted(set(swaps.values())))
                            + ": the drop and the rename fail no lint level below all; the diff judges "
                              "the table")
    by_key: Dict[str, List[Any]] = {}
    for e in prov.entries:
        if e.source:
            by_key.setdefault(e.key, []).append(e)
    for st in result.statements:
        entries = by_key.get(st.source, ())
        touched = _touched(conn, entries)
        fresh = bool(touched) and touched <= new_objects
        swapped = (st.location, st.line) in swaps
        for f in st.findings:
            f.new_objects = fresh
            f.recreated = swapped and f.rule in ("ban-drop-table", "renaming-table")
            # capture logged nothing for it: a DROP ... IF EXISTS of nothing, a no-op
            # (DML is never logged: a TRUNCATE or DELETE is no no-op, K3)
            f.no_change = (prov.has_sources and not entries and "\n" not in st.source
                           and not _DML.match(st.text or ""))
            # squawk flags every type change; PostgreSQL rewrites only some (F7: widening
            # a varchar, dropping its limit): none of the paths it made carries pgGit's
            # table_rewrite hazard
            # (U2: nor a type change to the type the column has: it made no path of the
            # diff, though capture logged it; a later statement's change of the same
            # column is judged by the diff's own table_rewrite hazard)
            made = (paths_by_source or {}).get(st.source, ())
            f.no_rewrite = (f.rule == "changing-column-type" and rewriting is not None and not fresh
                            and (bool(made) and not any(p in rewriting for p in made)
                                 or not made and bool(entries)))
            if f.rule != "syntax-error":
                targets = [st.name] + list((paths_by_source or {}).get(st.source, ()))
                f.accepted = allowances.accept(f.rule, [st.source], targets)
                if f.accepted is None and f.rule in RULE_HAZARDS:
                    f.accepted = allowances.accept(RULE_HAZARDS[f.rule], [st.source], targets)
    result.ran = True
    result.seconds = time.perf_counter() - t0
    return result


__all__ = ["Finding", "INSTALL_HINT", "LINT_LEVELS", "LintResult", "RULE_HAZARDS", "RULE_LEVELS", "Statement",
           "find_squawk", "pg_version", "run_lint"]
