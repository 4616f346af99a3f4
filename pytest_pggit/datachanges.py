"""Row changes of the migration steps since the base: the ``data`` check.

Capture sees DDL only, so a step that deletes rows (``TRUNCATE``, ``DELETE FROM`` in a
Django ``RunSQL``, an Alembic ``op.execute``, a schema file) changed no schema and
carried no hazard: the gate passed it (H3, M1).  This module reads what the gate can
read of each step, without running it:

* the SQL a step runs as text: a schema file's statements, the SQL of Django's
  ``RunSQL`` operations (inside ``SeparateDatabaseAndState`` too), the literal of an
  Alembic revision's ``op.execute("...")`` / ``op.execute(sa.text("..."))`` (and
  ``connection.execute`` of one) in its ``upgrade()``;
* the code it cannot read: Django's ``RunPython``, an ``execute`` of a statement built
  at run time.

Each step since the base with any of these is one case ``pggit.data::<step>``:

* ``TRUNCATE`` and ``DELETE`` without ``WHERE`` delete every row of a table: a
  ``data_deletion`` hazard (``data-loss``), failing the gate at the hazard threshold
  unless accepted like any hazard (the step's ``pggit_allow = {"data_deletion": ...}``,
  a ``-- pggit: allow data_deletion -- why`` on the statement, ``--pggit-allow``
  ``<step or file:line>:data_deletion``);
* ``UPDATE`` without ``WHERE`` setting a column the base has to a value not computed
  from it (``SET c = ''``), and ``ALTER COLUMN c TYPE ... USING <constant>`` (also as
  capture logged a tool's DDL) replace every value: ``data_deletion`` too; a column
  added since the base filled so is a backfill;
* ``DELETE ... WHERE``, other ``UPDATE``, ``MERGE``, a ``USING`` computed from the
  column: ``ROWS``, reported, not failing;
* a ``DO`` block's statements, and those of a routine the step creates and calls, as the
  step's own; their ``EXECUTE`` of SQL built at run time that the gate cannot read:
  ``NOT JUDGED``, failing as a ``data_deletion`` unless accepted (Z17);
* code the gate cannot read: ``NOT SEEN``, reported, not failing.

``PYTEST_DONT_REWRITE`` (see :mod:`pytest_pggit.plugin`).
"""
from __future__ import annotations

import ast
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Callable, Dict, Iterable, List, Optional, Sequence, Set, Tuple

from .exceptions import PggitError
from .sqlfiles import block_comment_end

#: a statement's leading comments and blanks
_LEAD = r"(?:\s|--[^\n]*(?:\n|$)|/\*(?:[^*]|\*(?!/))*\*/|\\[^\n]*(?:\n|$))*"   # (and psql's \set lines, R11)
_NAME = r'(?:"(?:[^"]|"")+"|[\w$]+)(?:\s*\.\s*(?:"(?:[^"]|"")+"|[\w$]+))*'
_TRUNCATE = re.compile(_LEAD + r"TRUNCATE\s+(?:TABLE\s+)?(?:ONLY\s+)?(?P<names>" + _NAME
                       + r"(?:\s*\*)?(?:\s*,\s*(?:ONLY\s+)?" + _NAME + r"(?:\s*\*)?)*)", re.IGNORECASE)
_DELETE = re.compile(_LEAD + r"(?:WITH\b.*?\)\s*)?DELETE\s+FROM\s+(?:ONLY\s+)?(?P<name>" + _NAME + ")",
                     re.IGNORECASE | re.DOTALL)
_UPDATE = re.compile(_LEAD + r"(?:WITH\b.*?\)\s*)?(?:UPDATE\s+(?:ONLY\s+)?|MERGE\s+INTO\s+(?:ONLY\s+)?)(?P<name>"
                     + _NAME + ")", re.IGNORECASE | re.DOTALL)


@dataclass(frozen=True)
class DataStatement:
    """A statement of a step that changes rows."""

    where: str        # ``file:line``, or the step and the operation (``django/app/0002 RunSQL #1``)
    text: str
    table: str
    every_row: bool   # TRUNCATE, DELETE without WHERE
    verb: str         # TRUNCATE, DELETE, UPDATE, MERGE, ALTER TYPE
    #: columns whose every value the statement replaces by one not computed from it
    #: (``UPDATE t SET c = ''`` without WHERE, ``ALTER COLUMN c TYPE text USING NULL``)
    overwrites: Tuple[str, ...] = ()
    #: SQL built at run time (a DO block's or a routine's ``EXECUTE`` of an expression
    #: the gate cannot read): which rows it changes is not known (Z17)
    unseen: bool = False


@dataclass
class StepData:
    """What the gate can read of a step's row changes."""

    #: (where, SQL text) of the SQL the step runs as text
    sql: List[Tuple[str, str]] = field(default_factory=list)
    #: the code it cannot read: ``RunPython forwards_func``, ``op.execute(<expression>) at line 12``
    code: List[str] = field(default_factory=list)
    #: row changes read from code: a RunPython's ORM ``.delete()`` (M14)
    orm: List[DataStatement] = field(default_factory=list)
    #: code that sent row-changing statements while the template was built (on its
    #: empty tables): seen in part, it may change more where the tables hold rows (U1)
    partly: List[str] = field(default_factory=list)

    def statements(self, known: Optional["Known"] = None) -> List[DataStatement]:
        """The statements of :attr:`sql` that change rows, then those read from code that
        no statement of the same verb on the same table already stands for.  ``known``:
        the routines and triggers the step finds made (the base's, earlier steps'): calls
        of those routines and writes firing those triggers are read too (BB2, S10)."""
        from .sqlfiles import split_statements

        out: List[DataStatement] = []
        stmts = self.split()
        # routines the step creates whose bodies change rows, and their calls (Z17: a
        # function emptying a table, created, called and dropped by the step, passed);
        # and those an earlier step or the base made (BB2: ``SELECT f()`` of a function of
        # a released step emptying tables passed, unnamed).  In the step's order: a call
        # reads the body the routine has then (R11-1: a released routine called, then
        # replaced by a harmless body, passed); only the routines called are read (R11-3)
        bodies: Dict[str, str] = dict(known.routines) if known is not None else {}
        own: Set[str] = set()
        memo: Dict[Tuple[str, str], List[DataStatement]] = {}
        for where, stmt in stmts:
            code = _strip_comments(stmt)
            m = _ROUTINE.match(code)
            if m:
                body = _routine_body(code[m.end():])
                if body is not None:
                    name = _bare(m.group("name")).lower()
                    bodies[name] = body
                    own.add(name)
                continue
            out.extend(statement_changes(where, stmt, bodies))
            if not _NO_CALL.match(code):
                for name in _calls_in(code, bodies):
                    key = (name, bodies[name])
                    if key not in memo:
                        memo[key] = body_changes("", bodies[name], bodies, skip=name)
                    out.extend(_called(where, name, memo[key], name in own))
        out = _through_aliases(stmts, out)
        out += _fired(stmts, known)
        if known is not None:
            out += _known_triggers(stmts, known, bodies)
        seen = {(_bare(st.table), st.verb, st.every_row) for st in out}
        out += [st for st in self.orm if (_bare(st.table), "DELETE", st.every_row) not in seen]
        return out

    def split(self) -> List[Tuple[str, str]]:
        """(where, statement) of :attr:`sql`."""
        from .sqlfiles import split_statements

        return [(where, stmt) for where, text in self.sql for _offset, stmt in split_statements(text)]


@dataclass
class Known:
    """The routines and triggers a step finds made: the base's (the template's catalog,
    less those the steps since the base make) and those of the steps before it (BB2, S10:
    a function or trigger made by an earlier step, called or fired by a later one, passed)."""

    #: routine name (bare, lower case) -> body
    routines: Dict[str, str] = field(default_factory=dict)
    #: (table, events, routine, trigger name), names bare and lower case; events among
    #: INSERT, UPDATE, DELETE, TRUNCATE
    triggers: List[Tuple[str, Tuple[str, ...], str, str]] = field(default_factory=list)

    def after(self, stmts: Sequence[Tuple[str, str]]) -> None:
        """Add what ``stmts`` (a step's) make, drop what they drop."""
        self.routines.update(_own_routines(stmts))
        for _where, stmt in stmts:
            code = _strip_comments(stmt)
            t = _TRIGGER.match(code)
            if t is not None:
                key = (_bare(t.group("table")), _bare(t.group("name")))
                self.triggers = [x for x in self.triggers if (x[0], x[3]) != key]
                events = tuple(e for e in ("INSERT", "UPDATE", "DELETE", "TRUNCATE")
                               if re.search(r"\b" + e + r"\b", t.group("events"), re.IGNORECASE))
                self.triggers.append((key[0], events, _bare(t.group("func")).lower(), key[1]))
                continue
            d = _DROP_TRIGGER.match(code)
            if d is not None:
                key = (_bare(d.group("table")), _bare(d.group("name")))
                self.triggers = [x for x in self.triggers if (x[0], x[3]) != key]


_DROP_TRIGGER = re.compile(r"\s*DROP\s+TRIGGER\s+(?:IF\s+EXISTS\s+)?(?P<name>" + _NAME + r")\s+ON\s+(?P<table>"
                           + _NAME + ")", re.IGNORECASE)
_DROP_ROUTINE = re.compile(r"\s*DROP\s+(?:FUNCTION|PROCEDURE|ROUTINE)\s+(?:IF\s+EXISTS\s+)?(?P<names>[^;]*)",
                           re.IGNORECASE)


_VIEW = re.compile(r"\s*CREATE\s+(?:OR\s+REPLACE\s+)?(?:(?:TEMP|TEMPORARY)\s+)?(?:RECURSIVE\s+)?VIEW\s+(?P<name>"
                   + _NAME + r")\b.*?\bAS\b(?P<query>.*)", re.IGNORECASE | re.DOTALL)
_INHERIT = re.compile(r"\s*ALTER\s+TABLE\s+(?:IF\s+EXISTS\s+)?(?:ONLY\s+)?(?P<child>" + _NAME
                      + r")\s+INHERIT\s+(?P<parent>" + _NAME + ")", re.IGNORECASE)
_INHERITS = re.compile(r"\s*CREATE\s+(?:\w+\s+)*?TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?(?P<child>" + _NAME
                       + r")\b.*\bINHERITS\s*\((?P<parents>[^)]*)\)", re.IGNORECASE | re.DOTALL)
_ATTACH = re.compile(r"\s*ALTER\s+TABLE\s+(?:IF\s+EXISTS\s+)?(?:ONLY\s+)?(?P<parent>" + _NAME
                     + r")\s+ATTACH\s+PARTITION\s+(?P<child>" + _NAME + ")", re.IGNORECASE)


def _through_aliases(stmts: Sequence[Tuple[str, str]], found: List[DataStatement]) -> List[DataStatement]:
    """``found`` with the tables a change reaches through another name the step makes
    (T5-4: ``DELETE FROM v`` of a view over a deployed table, of a parent the deployed
    table was made to inherit or attached to): named after the table written."""
    aliases: Dict[str, List[str]] = {}
    for _where, stmt in stmts:
        code = _strip_comments(stmt)
        v = _VIEW.match(code)
        if v is not None:
            aliases.setdefault(_bare(v.group("name")), []).extend(
                m.group("name") for m in re.finditer(r"\b(?:FROM|JOIN)\s+(?:ONLY\s+)?(?P<name>" + _NAME + ")",
                                                     v.group("query"), re.IGNORECASE))
            continue
        for pattern in (_INHERIT, _ATTACH):
            m = pattern.match(code)
            if m is not None:
                aliases.setdefault(_bare(m.group("parent")), []).append(m.group("child"))
        m = _INHERITS.match(code)
        if m is not None:
            for parent in m.group("parents").split(","):
                aliases.setdefault(_bare(parent.strip()), []).append(m.group("child"))
    if not aliases:
        return found
    out = []
    for st in found:
        names = st.table.split(", ")
        more = [t for n in names for t in aliases.get(_bare(n), ())]
        more += [t for n in more for t in aliases.get(_bare(n), ())]   # (a view over a view)
        extra = [t for t in dict.fromkeys(more) if t not in names]
        out.append(replace(st, table=", ".join(names + extra)) if extra else st)
    return out


def _own_routines(stmts: Sequence[Tuple[str, str]]) -> Dict[str, str]:
    """Name (bare, lower case) -> body of the routines ``stmts`` create."""
    bodies: Dict[str, str] = {}
    for _where, stmt in stmts:
        stmt = _strip_comments(stmt)
        m = _ROUTINE.match(stmt)
        if m:
            body = _routine_body(stmt[m.end():])
            if body is not None:
                bodies[_bare(m.group("name")).lower()] = body
    return bodies


#: ``CREATE [OR REPLACE] [CONSTRAINT] TRIGGER name BEFORE|AFTER|INSTEAD OF events ON table ...
#: EXECUTE FUNCTION|PROCEDURE func(``
_TRIGGER = re.compile(r"\s*CREATE\s+(?:OR\s+REPLACE\s+)?(?:CONSTRAINT\s+)?TRIGGER\s+(?P<name>" + _NAME
                      + r")\s+(?:BEFORE|AFTER|INSTEAD\s+OF)\s+(?P<events>.*?)\s+ON\s+(?P<table>" + _NAME
                      + r")\b.*?\bEXECUTE\s+(?:FUNCTION|PROCEDURE)\s+(?P<func>" + _NAME + r")\s*\(",
                      re.IGNORECASE | re.DOTALL)

#: a statement writing rows of a table (anywhere in a statement: a DO block's, a WITH's)
_WRITE = re.compile(r"(?:^|[;(\s])(?P<verb>INSERT\s+INTO|DELETE\s+FROM|TRUNCATE(?:\s+TABLE)?|MERGE\s+INTO|COPY|"
                    r"UPDATE)\s+(?:ONLY\s+)?(?P<name>" + _NAME + r")(?P<rest>(?:\s+(?:AS\s+)?[\w$]+)?\s+SET\b)?",
                    re.IGNORECASE)


def _writes(stmt: str) -> List[Tuple[str, str]]:
    """(event, bare table) of the rows ``stmt`` writes, as its triggers see them."""
    code = _strip_comments(stmt)
    if _ROUTINE.match(code) or (_NO_CALL.match(code) and not re.match(r"\s*DO\b", code, re.IGNORECASE)):
        return []
    out: List[Tuple[str, str]] = []
    for m in _WRITE.finditer(code):
        verb = m.group("verb").split()[0].upper()
        if verb == "UPDATE" and not m.group("rest"):
            continue
        if verb == "COPY" and not re.match(r"(?:\s*\([^)]*\))?\s+FROM\b", code[m.end("name"):], re.IGNORECASE):
            continue
        events = {"MERGE": ("INSERT", "UPDATE", "DELETE"), "COPY": ("INSERT",)}.get(verb, (verb,))
        if verb == "INSERT" and re.search(r"\bON\s+CONFLICT\b[^;]*\bDO\s+UPDATE\b", code[m.end():], re.IGNORECASE):
            events = ("INSERT", "UPDATE")
        out += [(e, _bare(m.group("name"))) for e in events]
    return out


def _known_triggers(stmts: Sequence[Tuple[str, str]], known: Known, bodies: Dict[str, str]) -> List[DataStatement]:
    """The row changes of the triggers :class:`Known` holds (made before the step) that the
    step's statements fire: their routines' bodies, read as the step's own (S10's split
    trigger: made by one new step, fired by the next)."""
    out: List[DataStatement] = []
    done: Set[Tuple[str, str]] = set()

    def written(code: str, depth: int = 0, seen: Optional[Set[str]] = None) -> List[Tuple[str, str]]:
        """The writes of ``code`` and of the routines it calls (R11-7: a trigger fired by
        an INSERT in a routine the step calls passed)."""
        got = _writes(code)
        seen = set() if seen is None else seen
        if depth < 3 and not _NO_CALL.match(code):
            for name in _calls_in(code, bodies):
                if name not in seen:
                    seen.add(name)
                    got += written(_strip_comments(bodies[name]), depth + 1, seen)
        return got

    for where, stmt in stmts:
        for event, table in written(_strip_comments(stmt)):
            for t_table, events, func, name in known.triggers:
                if t_table != table or event not in events or (t_table, name) in done:
                    continue
                body = bodies.get(func)
                if body is None:
                    continue
                done.add((t_table, name))
                for st in body_changes(where, body, bodies, skip=func):
                    out.append(DataStatement(where, f"{st.text} (in {func}(), which trigger {name} on {table} runs "
                                             f"on the step's {event})", st.table, st.every_row, st.verb,
                                             st.overwrites, st.unseen))
    return out


def known_in_catalog(conn: Any) -> Known:
    """The routines (SQL and PL/pgSQL, not an extension's) and enabled triggers of the
    database ``conn`` is connected to (the template: the head's schema)."""
    out = Known()
    rows = conn.execute(
        "SELECT pg_get_functiondef(p.oid) FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace "
        "JOIN pg_language l ON l.oid = p.prolang "
        "WHERE l.lanname IN ('sql', 'plpgsql') AND p.prokind IN ('f', 'p') "
        "AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'pggit_v0') AND n.nspname NOT LIKE 'pg\\_%' "
        "AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid "
        "AND d.deptype = 'e')")
    for (text,) in rows:
        m = _ROUTINE.match(text or "")
        body = _routine_body(text[m.end():]) if m else None
        if m and body is not None:
            name = _bare(m.group("name")).lower()
            out.routines[name] = (out.routines[name] + ";\n" + body) if name in out.routines else body
    rows = conn.execute(
        "SELECT c.relname, t.tgname, t.tgtype, p.proname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
        "JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_proc p ON p.oid = t.tgfoid "
        "WHERE NOT t.tgisinternal AND t.tgenabled <> 'D' "
        "AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'pggit_v0') AND n.nspname NOT LIKE 'pg\\_%'")
    for table, name, tgtype, func in rows:
        events = tuple(e for bit, e in ((4, "INSERT"), (16, "UPDATE"), (8, "DELETE"), (32, "TRUNCATE"))
                       if int(tgtype) & bit)
        out.triggers.append((table, events, func.lower(), name))
    return out


def statement_changes(where: str, stmt: str, routines: Optional[Dict[str, str]] = None
                      ) -> List[DataStatement]:
    """:func:`_changes` of ``stmt`` read without its comments (T5-2), each change of the
    statement itself shown with its text as written."""
    code = _strip_comments(stmt)
    return [replace(st, text=stmt.strip()) if st.text == code.strip() else st
            for st in _changes(where, code, routines)]


def _changes(where: str, stmt: str, routines: Optional[Dict[str, str]] = None) -> List[DataStatement]:
    # (T5-3) a statement another runs: EXPLAIN ANALYZE's, PREPARE's (run by EXECUTE),
    # COPY's query; and SQL sent through dblink: read as its own
    inner = _INNER_RUN.match(stmt)
    if inner is not None and (inner.group("explain") is None or re.search(r"\bANALY[SZ]E\b(?!\s+(?:false|off|0)\b)",
                                                                     inner.group("explain"), re.IGNORECASE)):
        rest = stmt[inner.end():]
        if inner.group("copy"):
            end = _closing(stmt, inner.end())
            rest = stmt[inner.end():end] if end is not None else rest
        return _changes(where, rest, routines)
    links = [m for m in re.finditer(r"\bdblink(?:_exec)?\s*\(", stmt, re.IGNORECASE)]
    if links:
        out: List[DataStatement] = []
        for m in links:
            end = _closing(stmt, m.end())
            args = stmt[m.end():end] if end is not None else stmt[m.end():]
            literals = [x.replace("''", "'") for x in re.findall(r"[Ee]?'((?:[^']|'')*)'", args)]
            sqls = [x for x in literals if _DML.match(x) or re.match(r"\s*TRUNCATE\b", x, re.IGNORECASE)]
            for x in sqls:
                out.extend(_changes(where, x, routines))
            if not sqls and not any(re.match(r"\s*(?:SELECT|CREATE|ALTER|DROP|SET|SHOW)\b", x, re.IGNORECASE)
                                    for x in literals[1:] or literals):
                out.append(DataStatement(where, stmt.strip(), "(SQL sent through dblink)", False, "DBLINK",
                                         unseen=True))
        if out:
            return out
    """What ``stmt`` does to rows: a row-changing statement, or the columns an ``ALTER
    TABLE ... TYPE ... USING`` recomputes (none for a plain cast of the column); a ``DO``
    block: what its body's statements do (:func:`body_changes`; ``routines``: bodies of
    the routines the step creates, by name, whose calls in it are read too)."""
    if re.match(_LEAD + r"DO\b", stmt, re.IGNORECASE):
        m = _BODY.search(stmt)
        if m is not None:
            return body_changes(where, _body_text(m), routines or {})
    parts = _ctes(stmt)
    if parts is not None and any(_DML.match(b) for b in parts[0]):
        # a data-modifying WITH: each of its statements judged as alone (BB2: ``WITH d AS
        # (DELETE FROM t RETURNING *) SELECT ...`` deleted every row, reported as some)
        out = [replace(st, text=stmt.strip()) for b in parts[0] + [parts[1]]
               for st in statement_changes(where, b, routines)]
        return out
    up = _UPSERT.match(stmt)
    if up is not None and re.search(r"\bON\s+CONFLICT\b[^;]*\bDO\s+UPDATE\b", _top_level(stmt) + " " + stmt,
                                    re.IGNORECASE | re.DOTALL):
        # (T5-3) an upsert updates the rows it conflicts with: read from the table itself
        # (INSERT INTO t SELECT ... FROM t ON CONFLICT DO UPDATE) it may rewrite every row
        target = _bare(up.group("name"))
        own = any(_bare(m.group("name")) == target for m in re.finditer(
            r"\b(?:FROM|JOIN)\s+(?:ONLY\s+)?(?P<name>" + _NAME + ")", stmt[up.end():], re.IGNORECASE))
        return [DataStatement(where, stmt.strip(), up.group("name"), False, "UPSERT", unseen=own)]
    found = classify(stmt)
    if found is not None:
        verb, table, every = found
        if verb == "MERGE" and _MERGE_ALL.search(_top_level(stmt) + " " + _strip_comments(stmt)):
            every = True   # (a join true for every row, and WHEN MATCHED THEN DELETE: sec9's Z17)
        over: Tuple[str, ...] = ()
        if verb == "UPDATE" and not _has_where(stmt):
            over = tuple(col for col, expr in _assignments(stmt) if _constant(expr))
        return [DataStatement(where, stmt.strip(), table, every, verb, over)]
    out: List[DataStatement] = []
    m = _ALTER_TABLE.match(stmt)
    if m:
        for u in _USING.finditer(stmt, m.end()):
            col, expr = _unquote(u.group("col")), u.group("expr").strip()
            if _plain_cast(expr, col):
                continue
            out.append(DataStatement(where, stmt.strip(), m.group("name"), False, "ALTER TYPE",
                                     (col,) if _constant(expr) else ()))
    return out


#: an INSERT (an upsert when it has ``ON CONFLICT ... DO UPDATE``)
_UPSERT = re.compile(_LEAD + r"(?:WITH\b.*?\)\s*)?INSERT\s+INTO\s+(?P<name>" + _NAME + ")", re.IGNORECASE | re.DOTALL)

#: a statement running another: ``EXPLAIN [ANALYZE]``, ``PREPARE name AS``, ``COPY (``
_INNER_RUN = re.compile(_LEAD + r"(?:EXPLAIN\s*(?P<explain>\([^)]*\)|(?:\s*\b(?:ANALY[SZ]E|VERBOSE)\b)*)\s*"
                        r"|PREPARE\s+[\w$\"]+\s*(?:\([^)]*\)\s*)?AS\s+|(?P<copy>COPY\s*\())",
                        re.IGNORECASE | re.DOTALL)

#: a statement that may change rows (a WITH's query)
_DML = re.compile(r"\s*(?:DELETE|UPDATE|MERGE|INSERT|WITH)\b", re.IGNORECASE)


def _ctes(stmt: str) -> Optional[Tuple[List[str], str]]:
    """The queries of a ``WITH`` statement's common table expressions and its main
    statement; None for another statement, or one this cannot read."""
    code = _strip_comments(stmt)
    m = re.match(r"\s*WITH\s+(?:RECURSIVE\s+)?", code, re.IGNORECASE)
    if m is None:
        return None
    head = re.compile(r'\s*(?:"(?:[^"]|"")+"|[\w$]+)\s*(?:\([^()]*\)\s*)?AS\s+(?:NOT\s+)?(?:MATERIALIZED\s+)?\(',
                      re.IGNORECASE)
    i, out = m.end(), []
    while True:
        h = head.match(code, i)
        if h is None:
            return None
        end = _closing(code, h.end())
        if end is None:
            return None
        out.append(code[h.end():end])
        i = end + 1
        c = re.compile(r"\s*(?:(?:SEARCH|CYCLE)\b[^,]*?(?=,|\s(?:SELECT|INSERT|UPDATE|DELETE|MERGE|TABLE|VALUES)\b))?"
                       r"\s*,", re.IGNORECASE).match(code, i)
        if c is None:
            return out, code[i:]
        i = c.end()


def _closing(code: str, start: int) -> Optional[int]:
    """The index of the parenthesis closing the one before ``start`` (strings skipped)."""
    depth, i = 1, start
    while i < len(code):
        ch = code[i]
        if ch in "'\"":
            j = code.find(ch, i + 1)
            while j != -1 and code.startswith(ch, j + 1):
                j = code.find(ch, j + 2)
            if j == -1:
                return None
            i = j + 1
            continue
        if ch == "$":
            tag = re.match(r"\$[A-Za-z_0-9]*\$", code[i:])
            if tag is not None:
                j = code.find(tag.group(0), i + len(tag.group(0)))
                if j == -1:
                    return None
                i = j + len(tag.group(0))
                continue
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth == 0:
                return i
        i += 1
    return None


_ALTER_TABLE = re.compile(_LEAD + r"ALTER\s+TABLE\s+(?:IF\s+EXISTS\s+)?(?:ONLY\s+)?(?P<name>" + _NAME + ")",
                          re.IGNORECASE)
_USING = re.compile(r"\bALTER\s+(?:COLUMN\s+)?(?P<col>\"(?:[^\"]|\"\")+\"|[\w$]+)\s+(?:SET\s+DATA\s+)?TYPE\s+"
                    r"(?:[^;]*?)\s+USING\s+(?P<expr>(?:[^,;()']|'(?:[^']|'')*'|\((?:[^()']|'(?:[^']|'')*'|\([^()]*\))*\))+)",
                    re.IGNORECASE | re.DOTALL)


def _top_level(text: str) -> str:
    """``text`` without comments, string literals, dollar-quoted bodies and anything in
    parentheses: the statement's own clauses."""
    text = re.sub(r"--[^\n]*|/\*(?:[^*]|\*(?!/))*\*/", " ", text)
    text = re.sub(r"(\$[A-Za-z_0-9]*\$).*?\1", " ", text, flags=re.DOTALL)
    text = re.sub(r"[EeBbXxUu]?'(?:[^']|'')*'|\"(?:[^\"]|\"\")*\"", " x ", text)
    while True:
        cut = re.sub(r"\([^()]*\)", " ", text)
        if cut == text:
            return cut
        text = cut


def _has_where(text: str) -> bool:
    """Whether ``text`` (a statement's rest) has a WHERE of its own (R1: not one in a
    comment, a string or a subquery) that may leave rows out: ``WHERE true`` and
    ``WHERE 1 = 1`` keep every row (U16)."""
    m = re.search(r"\bWHERE\b(?P<cond>.*?)(?:\bRETURNING\b|;|$)", _strip_comments(text),
                  re.IGNORECASE | re.DOTALL)
    if not re.search(r"\bWHERE\b", _top_level(text), re.IGNORECASE):
        return False
    return not (m is not None and _ALWAYS_TRUE.fullmatch(m.group("cond").strip()))


#: a condition true for every row: ``true``, ``1 = 1``, ``'a' = 'a'``, ``NOT false``
_ALWAYS_TRUE = re.compile(r"\(*\s*(?:TRUE|NOT\s+FALSE|'t'|(\d+)\s*=\s*\1|('[^']*')\s*=\s*\2)\s*\)*",
                          re.IGNORECASE)


_SPECIAL = re.compile(r"['\"]|--|/\*")


def _strip_comments(text: str) -> str:
    """``text`` with its comments made blanks, wherever PostgreSQL allows them (T5-2:
    ``DELETE/**/FROM t``, ``TRUNCATE/**/t``, nested ``/* a /* b */ c */``), string
    literals and quoted names kept."""
    out: List[str] = []
    i, n = 0, len(text)
    while i < n:
        m = _SPECIAL.search(text, i)
        if m is None:
            out.append(text[i:])
            break
        out.append(text[i:m.start()])
        i = m.start()
        if text[i] in "'\"":
            q, j = text[i], i + 1
            while j < n:
                if text[j] == q:
                    if j + 1 < n and text[j + 1] == q:
                        j += 2
                        continue
                    break
                j += 1
            out.append(text[i:j + 1])
            i = j + 1
        elif text.startswith("--", i):
            j = text.find("\n", i)
            out.append(" ")
            i = n if j < 0 else j
        else:
            out.append(" ")
            i = block_comment_end(text, i)
    return "".join(out)


#: a constant, optionally cast: NULL, DEFAULT, a boolean, a number, a string, or a bound
#: parameter (``%s``, ``%(name)s``, ``$1``, ``:name``, ``?``: one value for every row; an
#: ORM's ``Model.objects.update(col="")`` sends ``SET "col" = %s``, U11)
_CONSTANT = re.compile(r"\(*\s*(?:NULL|DEFAULT|TRUE|FALSE|[-+]?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?|"
                       r"%s|%\(\w+\)s|\$\d+|(?<!:):[A-Za-z_]\w*|\?|"
                       r"[EeBbXxUu]?'(?:[^']|'')*'|\$([A-Za-z_0-9]*)\$.*?\$\1\$)\s*\)*"
                       r"(?:\s*::\s*[\w\s.\[\](),\"]+?)*\s*", re.IGNORECASE | re.DOTALL)


def _constant(expr: str) -> bool:
    """Whether ``expr`` is one value for every row, read from nothing (``''``, ``NULL::text``,
    ``0``): setting a column to it replaces every value (M8, M9); an expression of columns
    (``a || b``, ``lower(c)``, a subquery) transforms or fills, and is only reported (R8, R14)."""
    return bool(_CONSTANT.fullmatch(expr.strip()))


def _unquote(name: str) -> str:
    name = name.strip()
    return name[1:-1].replace('""', '"') if name.startswith('"') else name.lower()


def _plain_cast(expr: str, column: str) -> bool:
    """``c``, ``c::integer``, ``("c")::numeric(10,2)``, ``CAST(c AS int)``: the column's own values."""
    e = expr.replace('"', "").strip()
    col = re.escape(column)
    return bool(re.fullmatch(r"\(?\s*" + col + r"\s*\)?(?:\s*::\s*[\w\s.\[\](),]+?)*", e, re.IGNORECASE)
                or re.fullmatch(r"CAST\s*\(\s*" + col + r"\s+AS\s+[^()]+(?:\([^()]*\))?\s*\)", e, re.IGNORECASE))


def _assignments(stmt: str) -> List[Tuple[str, str]]:
    """``(column, expression)`` of an UPDATE's SET list (top level; ``(a, b) = ...`` left out)."""
    m = re.search(r"\bSET\b(?P<list>.*?)(?:\bFROM\b|\bWHERE\b|\bRETURNING\b|;|$)", stmt, re.IGNORECASE | re.DOTALL)
    if not m:
        return []
    out, depth, quote, cur = [], 0, False, ""
    for ch in m.group("list") + ",":
        if ch == "'":
            quote = not quote
        elif not quote and ch == "(":
            depth += 1
        elif not quote and ch == ")":
            depth -= 1
        if ch == "," and depth == 0 and not quote:
            left, eq, right = cur.partition("=")
            if eq and not left.strip().startswith("("):
                out.append((_unquote(left.strip().split(".")[-1]), right))
            cur = ""
            continue
        cur += ch
    return out


def classify(stmt: str) -> Optional[Tuple[str, str, bool]]:
    """(verb, table, every row) of a statement that changes rows; None for others."""
    stmt = _strip_comments(stmt)
    m = _TRUNCATE.match(stmt)
    if m:
        return "TRUNCATE", re.sub(r"\s+", "", m.group("names")).replace(",", ", "), True
    m = _DELETE.match(stmt)
    if m:
        return "DELETE", m.group("name"), not _has_where(stmt[m.end():])
    m = _UPDATE.match(stmt)
    if m:
        verb = "MERGE" if re.match(_LEAD + r"(?:WITH\b.*?\)\s*)?MERGE\b", stmt, re.IGNORECASE | re.DOTALL) else "UPDATE"
        return verb, m.group("name"), False
    # a procedure called (R2): what it does is not read here; reported, never failing
    m = re.match(_LEAD + r"CALL\s+(?P<name>" + _NAME + r")\s*\(", stmt, re.IGNORECASE)
    if m:
        return "CALL", m.group("name"), False
    # a data-modifying WITH (``WITH gone AS (DELETE FROM t ...) SELECT ...``), a DO block
    # changing rows: reported (which rows is not read here), never failing
    m = _INNER.search(stmt) if re.match(_LEAD + r"(?:WITH|DO)\b", stmt, re.IGNORECASE) else None
    if m:
        verb = "DO" if re.match(_LEAD + r"DO\b", stmt, re.IGNORECASE) else m.group("verb").split()[0].upper()
        return verb, m.group("name"), False
    return None


#: a row-changing statement inside another (a WITH's query, a DO block's body)
_INNER = re.compile(r"(?:\(|\bBEGIN\b|;)\s*(?P<verb>DELETE\s+FROM|UPDATE|TRUNCATE(?:\s+TABLE)?|MERGE\s+INTO)\s+"
                    r"(?:ONLY\s+)?(?P<name>" + _NAME + ")", re.IGNORECASE)


#: a ``MERGE`` deleting every row: an always-true join, ``WHEN MATCHED THEN DELETE`` (after
#: other WHEN clauses too: the review's R10-3)
_MERGE_ALL = re.compile(r"\bON\s+\(*\s*(?:TRUE|1\s*=\s*1)\s*\)*\s+(?:WHEN\b.*?)?\bWHEN\s+MATCHED\s+THEN\s+DELETE\b",
                        re.IGNORECASE | re.DOTALL)
#: a routine created: ``CREATE [OR REPLACE] FUNCTION|PROCEDURE name(``
_ROUTINE = re.compile(_LEAD + r"CREATE\s+(?:OR\s+REPLACE\s+)?(?:FUNCTION|PROCEDURE)\s+(?P<name>" + _NAME
                      + r")\s*\(", re.IGNORECASE)
#: a body: a dollar-quoted string, or a plain string literal
_BODY = re.compile(r"(?P<tag>\$[A-Za-z_0-9]*\$)(?P<body>.*?)(?P=tag)|'(?P<plain>(?:[^']|'')*)'", re.DOTALL)
#: where a statement that may change rows starts in a PL/pgSQL or SQL body
_BODY_VERB = re.compile(r"(?:^|;|\bBEGIN\b|\bTHEN\b|\bELSE\b|\bLOOP\b|\bATOMIC\b)\s*"
                        r"(?=(?:WITH|DELETE|UPDATE|TRUNCATE|MERGE)\b)", re.IGNORECASE)
#: PL/pgSQL's ``EXECUTE <expression>`` (not a trigger's ``EXECUTE FUNCTION``)
_PL_EXECUTE = re.compile(r"\bEXECUTE\s+(?!(?:IMMEDIATE|FUNCTION|PROCEDURE)\b)"
                      r"(?P<expr>(?:[^;']|'(?:[^']|'')*')+?)(?=\s*(?:;|\bINTO\b|\bUSING\b|$))",
                      re.IGNORECASE | re.DOTALL)
#: the first word of dynamic SQL that changes no rows (DDL: the DDL log has it)
_NO_ROWS = re.compile(r"\s*(?:ALTER|CREATE|DROP|COMMENT|GRANT|REVOKE|SET|RESET|SELECT|INSERT|ANALYZE|VACUUM|"
                      r"REFRESH|CLUSTER|REINDEX|LOCK|NOTIFY|SHOW|CALL|DO|SECURITY|REASSIGN|IMPORT)\b", re.IGNORECASE)
#: statements that name a routine without running it (a DO block's calls: its body's)
_NO_CALL = re.compile(_LEAD + r"(?:DO|DROP|COMMENT|GRANT|REVOKE|SECURITY\s+LABEL|ALTER\s+(?:FUNCTION|PROCEDURE|ROUTINE)"
                      r"|CREATE\b(?![^;]*\bAS\s+(?:SELECT|WITH|VALUES|TABLE)\b))\b", re.IGNORECASE)
#: the first word of dynamic SQL that changes rows
_ROWS = re.compile(r"\s*(?P<verb>DELETE|UPDATE|TRUNCATE|MERGE|WITH)\b", re.IGNORECASE)


def _body_text(m: "re.Match[str]") -> str:
    return m.group("body") if m.group("tag") is not None else m.group("plain").replace("''", "'")


def _routine_body(rest: str) -> Optional[str]:
    """The body of a ``CREATE FUNCTION|PROCEDURE`` after its name: ``AS $$...$$``,
    ``AS '...'`` or ``BEGIN ATOMIC ... END``."""
    m = re.search(r"\bBEGIN\s+ATOMIC\b(?P<body>.*)\bEND\b", rest, re.IGNORECASE | re.DOTALL)
    a = re.search(r"\bAS\s+(?=[$'])", rest, re.IGNORECASE)
    if a is not None and (m is None or a.start() < m.start()):
        b = _BODY.match(rest, a.end())
        return _body_text(b) if b is not None else None
    return m.group("body") if m is not None else None


def body_changes(where: str, body: str, routines: Dict[str, str], skip: str = "",
                 depth: int = 0) -> List[DataStatement]:
    """What a DO block's or a routine's ``body`` does to rows (Z17: the gate passed a
    step emptying a table in a DO block, through ``EXECUTE``, or in a function it created
    and called): its statements that change rows, judged as at top level; an ``EXECUTE``
    of a string literal as that statement; one of SQL built at run time by its first
    literal's verb (``'TRUNCATE ' || t``: every row of a table named at run time), else
    ``unseen``; and the calls of ``routines`` (the step's own) whose bodies change rows."""
    from .sqlfiles import split_statements

    code = _strip_comments(body)
    out: List[DataStatement] = []
    for m in _BODY_VERB.finditer(code):
        parts = split_statements(code[m.end():])
        if parts:
            out.extend(statement_changes(where, parts[0][1].rstrip().rstrip(";"), routines))
    for m in _PL_EXECUTE.finditer(code):
        expr = m.group("expr").strip()
        literals = [x.replace("''", "'") for x in re.findall(r"[Ee]?'((?:[^']|'')*)'", expr)]
        whole = re.fullmatch(r"[Ee]?'((?:[^']|'')*)'", expr)
        if whole is not None:
            out.extend(statement_changes(where, whole.group(1).replace("''", "'"), routines))
            continue
        first = literals[0] if literals and expr.lstrip("( ").lower().startswith(("'", "e'", "format('")) else None
        rows = _ROWS.match(first) if first is not None else None
        if rows is not None:
            verb = rows.group("verb").upper()
            text = " ".join(literals)
            out.append(DataStatement(where, f"EXECUTE {expr}", "(a table named at run time)",
                                     verb == "TRUNCATE" or (verb == "DELETE" and not _has_where(text)),
                                     verb if verb != "WITH" else "DELETE"))
        elif first is None or not _NO_ROWS.match(first):
            out.append(DataStatement(where, f"EXECUTE {expr}", "(SQL built at run time)", False, "EXECUTE",
                                     unseen=True))
    if depth < 3:
        for name in _calls_in(code, routines):
            if name != skip:
                out.extend(body_changes(where, routines[name], routines, skip=name, depth=depth + 1))
    return out


#: a name followed by ``(``: a call, when it names a routine (quoted too: R11-2)
_CALL = re.compile(r'(?<![\w$"])(?P<name>"(?:[^"]|"")+"|[A-Za-z_][\w$]*)\s*\(')


def _calls_in(code: str, routines: Dict[str, str]) -> List[str]:
    """The names (bare, lower case, as the keys of ``routines``) of the routines of
    ``routines`` that ``code`` calls, each once, in order: one scan of the code, not one
    search per routine (R11-3: a catalog of 200 routines made the gate 8 times slower)."""
    if not routines:
        return []
    out: Dict[str, None] = {}
    for m in _CALL.finditer(code):
        name = _bare(m.group("name")).lower()
        if name in routines:
            out[name] = None
    return list(out)


#: what makes PostgreSQL change rows the statements do not name (S10): a trigger or rule
#: the step creates (with a statement writing rows), an event trigger, a foreign key that
#: cascades (with a DELETE or TRUNCATE), ``TRUNCATE ... CASCADE``, a routine made by EXECUTE
_FIRES = [
    (re.compile(r"\bCREATE\s+(?:OR\s+REPLACE\s+)?EVENT\s+TRIGGER\b", re.IGNORECASE), None,
     "EVENT TRIGGER", "an event trigger the step creates runs on its later DDL"),
    (re.compile(r"\bCREATE\s+(?:OR\s+REPLACE\s+)?(?:CONSTRAINT\s+)?TRIGGER\b", re.IGNORECASE), "write",
     "TRIGGER", "a trigger the step creates fires on the rows it writes"),
    (re.compile(r"\bCREATE\s+(?:OR\s+REPLACE\s+)?RULE\b", re.IGNORECASE), "write",
     "RULE", "a rule the step creates rewrites the statements it runs"),
    (re.compile(r"\bON\s+DELETE\s+(?:CASCADE|SET\s+NULL|SET\s+DEFAULT)\b", re.IGNORECASE), "delete",
     "CASCADE", "a foreign key the step makes deletes or clears referencing rows when it deletes"),
    (re.compile(r"\bON\s+UPDATE\s+(?:CASCADE|SET\s+NULL|SET\s+DEFAULT)\b", re.IGNORECASE), "update",
     "CASCADE", "a foreign key the step makes updates or clears referencing rows when it updates"),
    (re.compile(r"\bALTER\s+TABLE\b[^;]*\bENABLE\s+(?:ALWAYS\s+|REPLICA\s+)?(?:TRIGGER|RULE)\b", re.IGNORECASE),
     "write", "ENABLE TRIGGER", "a trigger or rule the step enables runs code the gate does not read on the rows it writes"),
    (re.compile(r"\bTRUNCATE\b[^;]*\bCASCADE\b", re.IGNORECASE), None,
     "CASCADE", "TRUNCATE ... CASCADE empties every table referencing it"),
    (re.compile(r"\bEXECUTE\s+(?:format\s*\(\s*)?[Ee]?'\s*CREATE\s+(?:OR\s+REPLACE\s+)?(?:FUNCTION|PROCEDURE)\b",
                re.IGNORECASE), None,
     "EXECUTE", "a routine the step makes by EXECUTE runs code the gate does not read"),
]
_WRITES = {"write": re.compile(r"\b(?:INSERT\s+INTO|UPDATE\s+[\w.\"]+\s+SET|DELETE\s+FROM|MERGE\s+INTO|COPY\s+[\w.\"]+"
                               r"(?:\s*\([^)]*\))?\s+FROM|TRUNCATE)\b", re.IGNORECASE),
           "delete": re.compile(r"\b(?:DELETE\s+FROM|TRUNCATE|MERGE\s+INTO)\b", re.IGNORECASE),
           "update": re.compile(r"\b(?:UPDATE\s+[\w.\"]+\s+SET|MERGE\s+INTO)\b", re.IGNORECASE)}


#: a statement that deletes or overwrites rows, in a body or a rule's action
_LOSS = re.compile(r"\b(?:DELETE\s+FROM|TRUNCATE|MERGE\s+INTO|UPDATE\s+[\w.\"]+\s+SET|EXECUTE)\b", re.IGNORECASE)


def _fired(stmts: List[Tuple[str, str]], known: Optional[Known] = None) -> List[DataStatement]:
    """Row changes PostgreSQL makes because of the step's statements, which the text does
    not show (S10: rows of a deployed table deleted by a cascade, a trigger, a rule, an
    event trigger or a routine made by EXECUTE passed): each an ``unseen`` change at the
    statement that sets it up, when the step also runs what sets it off."""
    code = [(where, _strip_comments(stmt)) for where, stmt in stmts]
    # (a trigger or event trigger loses rows through a routine the step creates whose body
    # deletes or updates: one with none, a check or a timestamp, is left alone, as real
    # schemas have them; a rule through its own action)
    lossy = any(_ROUTINE.match(c) and _LOSS.search(c) for _, c in code)
    if not lossy and known is not None:   # (a routine of the base or an earlier step: BB2)
        made = {_bare(t.group("func")) for t in (_TRIGGER.match(c) for _w, c in code) if t is not None}
        # (judged by what its body does, as a call's: an UPDATE of a counter WHERE id = ...
        # changes no other row; lago's receipt-number trigger failed NOT JUDGED)
        lossy = any(st.every_row or st.overwrites or st.unseen
                    for f in made if f.lower() in known.routines
                    for st in body_changes("", known.routines[f.lower()], known.routines, skip=f.lower()))
    out: List[DataStatement] = []
    for pattern, needs, verb, why in _FIRES:
        if verb in ("TRIGGER", "EVENT TRIGGER") and not lossy:
            continue
        for i, (where, c) in enumerate(code):
            m = pattern.search(c)
            if m is None or (verb == "RULE" and not _LOSS.search(c[m.end():])):
                continue
            # only what runs after it sets it off (the review's R10-6: DELETE of orphans,
            # then ADD FOREIGN KEY ... ON DELETE CASCADE, failed); a routine's body runs later
            if needs is not None and not any(_WRITES[needs].search(later) for (_w, later), (_x, stmt)
                                             in zip(code[i + 1:], stmts[i + 1:]) if not _ROUTINE.match(later)):
                continue
            table = "(rows the gate cannot read)"
            if verb == "CASCADE" and needs is not None:
                # (the referencing table's rows are the ones lost: none deployed when the
                # step or a step since the base creates it, BB10)
                r = re.match(r"\s*(?:CREATE\s+(?:(?:GLOBAL\s+|LOCAL\s+)?(?:TEMP|TEMPORARY|UNLOGGED)\s+)?TABLE\s+"
                             r"(?:IF\s+NOT\s+EXISTS\s+)?|ALTER\s+TABLE\s+(?:IF\s+EXISTS\s+)?(?:ONLY\s+)?)(?P<name>"
                             + _NAME + ")", c, re.IGNORECASE)
                table = r.group("name") if r is not None else table
            out.append(DataStatement(where, f"{_excerpt(c.strip(), 160)} ({why})",
                                     table, False, verb, unseen=True))
            break
    return out


def _called(where: str, name: str, changes: Iterable[DataStatement], own: bool = True) -> List[DataStatement]:
    """The row changes of a routine the step created (``own``; else one the base or an
    earlier step made), at the statement calling it."""
    who = "which the step creates and calls" if own else "which an earlier step made and the step calls"
    return [DataStatement(where, f"{st.text} (in {name}(), {who})", st.table,
                          st.every_row, st.verb, st.overwrites, st.unseen) for st in changes]


def sql_file_data(path: Path, display: str, rootdir: Optional[Path] = None) -> StepData:
    """A schema file's statements, each at its ``file:line`` (includes only from
    ``rootdir``, see :func:`~pytest_pggit.sqlfiles.expand_script`)."""
    from .sqlfiles import _first_code, expand_script, split_statements

    out = StepData()
    try:   # (\i and \ir expanded, each line where it comes from: R9)
        script = expand_script(path, confine=rootdir)
    except (OSError, UnicodeDecodeError, ValueError, PggitError):
        return out
    text = script.text
    for offset, stmt in split_statements(text):
        first = _first_code(stmt)
        code = _strip_comments(stmt)   # (T5-2: DELETE/**/FROM)
        if first >= len(stmt) or (classify(code) is None and not _ROUTINE.match(code)
                                  and not re.match(_LEAD + r"(?:DO|SELECT|CALL|WITH|EXECUTE|INSERT|COPY|EXPLAIN|"
                                                   r"PREPARE|DROP\s+(?:FUNCTION|PROCEDURE|ROUTINE|TRIGGER))\b", code,
                                                   re.IGNORECASE)
                                  and not any(p.search(code) for p, _n, _v, _w in _FIRES)
                                  and not any(p.match(code) for p in (_VIEW, _INHERIT, _INHERITS, _ATTACH))):
            continue   # (ALTER ... USING: from the DDL log; routines and their calls: Z17)
        line = text.count(chr(10), 0, offset + first)
        origin = script.origins[line] if line < len(script.origins) else None
        where = f"{display}:{line + 1}"
        if origin is not None:
            shown = display if Path(origin[0]).resolve() == path.resolve() else _shown(Path(origin[0]), path, display)
            where = f"{shown}:{origin[1]}"
        out.sql.append((where, stmt))
    return out


def _shown(included: Path, main: Path, display: str) -> str:
    """An included file's name as the main file's display name would spell it."""
    try:
        return str(Path(display).parent / included.resolve().relative_to(main.resolve().parent))
    except ValueError:
        return str(included)


def django_data(migration: Any, tag: str, executed: Sequence[str] = ()) -> StepData:
    """The SQL of a Django migration's ``RunSQL`` operations and its ``RunPython`` code,
    and the row-changing statements it sent when it ran (``executed``) that its RunSQL
    does not hold (a RunPython's)."""
    from django.db import migrations as dm

    out = StepData()

    def walk(operations: Iterable[Any]) -> None:
        for op in operations:
            if isinstance(op, dm.SeparateDatabaseAndState):
                walk(op.database_operations)
            elif isinstance(op, dm.RunSQL):
                n = len(out.sql) + 1
                sqls = op.sql if isinstance(op.sql, (list, tuple)) else [op.sql]
                for s in sqls:
                    text = s[0] if isinstance(s, (list, tuple)) and s else s
                    if isinstance(text, str) and text.strip():
                        out.sql.append((f"{tag} RunSQL #{n}", text))
            elif isinstance(op, dm.RunPython):
                code = getattr(op, "code", None)
                if code is not None and code is not dm.RunPython.noop:
                    name = getattr(code, "__qualname__", None) or repr(code)
                    line = getattr(getattr(code, "__code__", None), "co_firstlineno", None)
                    label = f"RunPython {name}" + (f" (line {line})" if line else "")
                    out.orm.extend(orm_deletes(code, f"{tag} RunPython {name}"))   # (+ its line)
                    out.code.append(label)

    walk(getattr(migration, "operations", ()) or ())
    texts = {_norm(t) for _, t in out.sql}
    extra = [t for t in executed if _norm(t) not in texts and not any(_norm(t) in u for u in texts)]
    # what the step sent beyond its RunSQL came from its RunPython code: named by it when
    # there is one, and that code counts as seen in part, not as unseen (U1)
    sender = out.code[0] if len(out.code) == 1 else "ran"
    for text in extra:
        out.sql.append((f"{tag} {sender}", text))
    if extra and out.code:
        out.partly, out.code = out.code, []
    return out


#: queryset methods that keep every row of the manager's table
_EVERY_ROW = {"all", "objects", "_base_manager", "_default_manager", "using", "select_related",
              "prefetch_related", "order_by", "only", "defer", "iterator", "select_for_update"}


def orm_deletes(func: Any, where: str) -> List[DataStatement]:
    """The ORM deletes a RunPython function's source holds (M14): ``Model.objects.all()
    .delete()`` deletes every row (so do ``filter()`` and ``exclude()`` with no condition,
    and a queryset or manager kept in a variable first), ``.filter(...).delete()`` some,
    and ``obj.delete()`` in a loop over a model's rows one at a time (every row when the
    loop is over ``.all()``).  A helper of another function is not followed.
    Django collects rows before it deletes them when signals or cascades need it, so on the
    template's empty tables such a delete sends nothing for ``execute_wrapper`` to see.
    The model is the one ``apps.get_model("app", "Model")`` (or ``("app.Model")``) names
    in the function; its table is the model's ``db_table`` in the project's registry, else
    Django's default ``<app>_<model>``.  Empty when the source cannot be read."""
    import inspect
    import textwrap

    try:
        lines, start = inspect.getsourcelines(func)
        tree = ast.parse(textwrap.dedent("".join(lines)))
    except (OSError, TypeError, SyntaxError, ValueError):
        return []
    models: Dict[str, Tuple[str, str]] = {}   # variable -> (app, model)

    def model_of(call: Any) -> Optional[Tuple[str, str]]:
        """The (app, model) of ``apps.get_model("app", "Model")`` (or ``("app.Model")``)."""
        if not (isinstance(call, ast.Call) and _call_name(call.func) == "get_model"):
            return None
        args = [a.value for a in call.args if isinstance(a, ast.Constant) and isinstance(a.value, str)]
        if len(args) == 1 and "." in args[0]:
            args = args[0].split(".", 1)
        return (args[0], args[1]) if len(args) == 2 else None

    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            found = model_of(node.value)
            if found is not None:
                models[node.targets[0].id] = found

    #: variables bound to a chain from a model (``qs = Item.objects.all()``): model, chain
    chains: Dict[str, Tuple[Tuple[str, str], List[Tuple[str, int]]]] = {}

    def chain(expr: Any) -> Tuple[Optional[Tuple[str, str]], List[Tuple[str, int]], Optional[str]]:
        """The model a call chain starts from (a variable holding one or a chain from one,
        or ``get_model`` itself), the chain's methods with their argument counts (-1: an
        attribute, no call), and the variable it starts from."""
        names: List[Tuple[str, int]] = []
        nargs = -1
        while True:
            found = model_of(expr)
            if found is not None:
                return found, names[::-1], None
            if isinstance(expr, ast.Call):
                nargs = len(expr.args) + len(expr.keywords)
                expr = expr.func
            elif isinstance(expr, ast.Attribute):
                names.append((expr.attr, nargs))
                nargs = -1
                expr = expr.value
            elif isinstance(expr, ast.Name):
                if expr.id in chains:
                    model, before = chains[expr.id]
                    return model, before + names[::-1], expr.id
                return models.get(expr.id), names[::-1], expr.id
            else:
                return None, [], None

    for node in ast.walk(tree):   # (in source order: a chain may start from an earlier one)
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            model, names, _ = chain(node.value)
            if model is not None and names and names[0][0] in ("objects", "_base_manager", "_default_manager"):
                chains[node.targets[0].id] = (model, names)

    def every_row(names: List[Tuple[str, int]]) -> bool:
        """Whether a chain keeps every row: managers, ``all()`` and the like, and
        ``filter()``/``exclude()`` with no condition."""
        return all(n in _EVERY_ROW or (n in ("filter", "exclude") and k == 0) for n, k in names)

    managers = ("objects", "_base_manager", "_default_manager")
    # ``for obj in Model.objects.all(): obj.delete()``: each such call -> (model, every row)
    loops: Dict[int, Tuple[Tuple[str, str], bool]] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.For) and isinstance(node.target, ast.Name):
            model, names, _ = chain(node.iter)
            if model is not None and names and names[0][0] in managers:
                for inner in (n for stmt in node.body for n in ast.walk(stmt)):
                    if (isinstance(inner, ast.Call) and isinstance(inner.func, ast.Attribute)
                            and inner.func.attr == "delete" and isinstance(inner.func.value, ast.Name)
                            and inner.func.value.id == node.target.id):
                        loops[id(inner)] = (model, every_row(names))
    out: List[DataStatement] = []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                and node.func.attr == "delete" and not node.args):
            continue
        model, names, var = chain(node.func.value)
        if model is not None and names and names[0][0] in managers:
            every = every_row(names)
        elif id(node) in loops:
            model, every = loops[id(node)]
        else:
            continue
        try:
            text = ast.unparse(node)
        except Exception:  # pragma: no cover
            text = "delete()"
        out.append(DataStatement(f"{where} line {start + getattr(node, 'lineno', 1) - 1}", f"{text}{_ORM}",
                                 _db_table(*model), every, "DELETE"))
    return out


def _db_table(app: str, model: str) -> str:
    """The table of Django model ``app.model``: its ``db_table`` now, else the default."""
    try:
        from django.apps import apps

        return apps.get_model(app, model)._meta.db_table
    except Exception:
        return f"{app}_{model}".lower()


def _norm(text: str) -> str:
    return " ".join(text.split()).rstrip(";")


#: calls whose first argument is SQL: op.execute, connection.execute, bind.execute
_EXECUTE = {"execute", "exec_driver_sql"}
_TEXT = {"text"}


def alembic_data(path: Path, tag: str) -> StepData:
    """The SQL literals an Alembic revision's ``upgrade()`` (and the module's other
    functions but the downgrades) executes, and the executes of statements built at run
    time."""
    out = StepData()
    try:
        tree = ast.parse(path.read_text(encoding="utf-8", errors="replace"), str(path))
    except (OSError, SyntaxError, ValueError):
        return out
    # the whole module but the downgrades (upgrade(), helpers it calls, the multidb
    # template's upgrade_<engine>(): R4; a class's methods, ``upgrade = lambda: ...``:
    # T5-9); a ``downgrade*`` function that code outside the downgrades names is a helper
    # of upgrade's, read too (T5-9: ``downgrade_tidy()`` called by upgrade() was left out)
    downs = {n for n in tree.body if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))
             and n.name.startswith("downgrade")}
    inside = {id(x) for d in downs for x in ast.walk(d)}
    named = {x.id for x in ast.walk(tree) if isinstance(x, ast.Name) and id(x) not in inside}
    named |= {x.attr for x in ast.walk(tree) if isinstance(x, ast.Attribute) and id(x) not in inside}
    skip = {id(x) for d in downs if d.name not in named for x in ast.walk(d)}
    for node in (x for x in ast.walk(tree) if id(x) not in skip):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                and node.func.attr in _EXECUTE and node.args):
            continue
        arg = node.args[0]
        if isinstance(arg, ast.Call) and _call_name(arg.func) in _TEXT and arg.args:
            arg = arg.args[0]
        if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
            out.sql.append((f"{tag} line {node.lineno}", arg.value))
        else:
            out.code.append(f"{_call_text(node)} at line {node.lineno}")
    return out


def _call_name(func: Any) -> str:
    return func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")


def _call_text(node: Any) -> str:
    try:
        text = ast.unparse(node)
    except Exception:  # pragma: no cover - ast.unparse of a parsed tree
        text = "execute(...)"
    return text if len(text) <= 80 else text[:77] + "..."


def data_checks(steps: Sequence[Any], threshold: str, allowances: Any,
                captured: Optional[Dict[str, List[Tuple[str, str]]]] = None,
                added_columns: Optional[Set[Tuple[str, str]]] = None,
                base_tables: Optional[Set[str]] = None,
                edited: Optional[Dict[str, str]] = None, known: Optional[Known] = None,
                base_steps: Sequence[Any] = ()) -> List[Any]:
    """The ``data`` cases of ``steps`` (the applied steps since the base): see the module.
    ``captured``: each step's DDL as capture logged it (an ``ALTER COLUMN ... TYPE ...
    USING`` a tool's schema editor ran); ``added_columns``: ``(table, column)`` of the
    columns added since the base (an UPDATE filling one is a backfill, not a loss);
    ``base_tables``: the names of the tables the base has (emptying one made since, or a
    temporary staging table, loses nothing deployed: R3); ``edited``: step tag -> the text
    of its committed file, for committed steps edited since (R17): only the statements
    that text does not hold are judged, as the edit's; ``known``: the routines and triggers of
    the head's catalog (:func:`known_in_catalog`): those no step since the base makes are
    the base's, and each step finds them and what the steps before it made (BB2, S10)."""
    from .config import hazard_rank
    from .gate import Check

    fails_at = hazard_rank(threshold)
    added = added_columns or set()
    out: List[Check] = []
    read: List[Tuple[Any, Any]] = []
    for a in steps:
        reader: Optional[Callable[[], StepData]] = getattr(a.step, "data", None)
        try:
            read.append((a, reader() if reader is not None else StepData()))
        except Exception as exc:   # reading a migration must not break the gate
            read.append((a, exc))
    if known is not None:   # (the base's: the catalog's less what the steps since make)
        made = Known()
        for _a, data in read:
            if isinstance(data, StepData):
                made.after(data.split())
        known = Known({k: v for k, v in known.routines.items() if k not in made.routines},
                      [t for t in known.triggers if (t[0], t[3]) not in {(x[0], x[3]) for x in made.triggers}])
        # what the steps since remake or drop had a body in the base the head's catalog
        # no longer shows: read from the base's steps, newest first (R11-1)
        gone_r, gone_t = set(made.routines), {(x[0], x[3]) for x in made.triggers}
        for _a, data in read:
            if isinstance(data, StepData):
                for _w, stmt in data.split():
                    code = _strip_comments(stmt)
                    d = _DROP_ROUTINE.match(code)
                    if d is not None:
                        gone_r.update(_bare(n).lower() for n in re.findall(_NAME + r"(?=\s*(?:\(|,|$|;|\s))",
                                                                          d.group("names")))
                    d = _DROP_TRIGGER.match(code)
                    if d is not None:
                        gone_t.add((_bare(d.group("table")), _bare(d.group("name"))))
        gone_r -= set(known.routines)
        gone_t -= {(x[0], x[3]) for x in known.triggers}
        for a in reversed(list(base_steps)):
            if not gone_r and not gone_t:
                break
            reader = getattr(a.step, "data", None)
            try:
                data = reader() if reader is not None else None
            except Exception:   # (a step that cannot be read adds nothing)
                continue
            if not isinstance(data, StepData):
                continue
            was = Known()
            was.after(data.split())
            for name in [n for n in gone_r if n in was.routines]:
                known.routines[name] = was.routines[name]
                gone_r.discard(name)
            for t in was.triggers:
                if (t[0], t[3]) in gone_t:
                    known.triggers.append(t)
                    gone_t.discard((t[0], t[3]))
    for a, data in read:
        if not isinstance(data, StepData):
            out.append(Check("data", a.tag, False, "NOT SEEN", f"its row changes could not be read: {data}"))
            continue
        found = data.statements(known)
        if known is not None:
            known = Known({**known.routines}, list(known.triggers))
            known.after(data.split())
        committed = (edited or {}).get(a.tag)
        if committed is not None:   # (R17) what the edit adds, not what deployed databases ran
            found, data.code = _added_by_edit(found, data.code, committed)
            if not found and not data.code:
                continue
        texts = {" ".join(t.split()).rstrip(";") for _, t in data.sql}
        for where, stmt in (captured or {}).get(a.tag, ()):
            if " ".join(stmt.split()).rstrip(";") not in texts:
                found += [d for d in statement_changes(where, stmt) if d.verb == "ALTER TYPE"]
        if not found and not data.code:
            continue
        lines: List[str] = []
        failing, accepted, lost = [], [], []
        for st in found:
            tables = [_bare(t) for t in st.table.split(", ")]
            deployed = (base_tables is None or any(t in base_tables for t in tables)
                        # (a table named at run time, rows it cannot read: any the base has)
                        or (st.table.startswith("(") and bool(base_tables)))
            gone = [c for c in st.overwrites if (_bare(st.table), c) not in added] if deployed else []
            what = (" (every row)" if st.every_row and deployed else " (a table the base does not have)"
                    if st.every_row else "") + (
                f" (every value of {', '.join(gone)} replaced)" if gone else "")
            line = f"{st.where}: {st.verb} {st.table}{what}"
            if st.unseen:
                line = (f"{st.where}: {st.verb} of SQL built at run time: the gate cannot read which rows it "
                        "changes" if st.verb == "EXECUTE" and st.text.startswith("EXECUTE ")
                        else f"{st.where}: {st.verb}: {st.text}: the gate cannot read which rows it changes")
            if (st.every_row and deployed) or gone or (st.unseen and deployed):
                key = st.where
                if " " in st.where:   # (SQL of a tool's step: its own directives, by statement, R12)
                    from .allow import directives_in

                    key = f"{st.where}\n{st.text}"
                    allowances.add_directives(key, [d for _, d in directives_in(st.text, st.where)])
                why = allowances.accept("data_deletion", [key, a.tag, getattr(a.step, "source", None)],
                                        [a.tag, st.where])
                if why is not None:
                    accepted.append(f"{line}: {why}")
                    line += f" -- accepted: {why}"
                elif fails_at > 0 and hazard_rank("data-loss") >= fails_at:
                    failing.append(line)
                    lost.append(("rows it cannot read (SQL built at run time)" if st.verb == "EXECUTE"
                                 else f"rows it cannot read ({st.verb.lower()})") if st.unseen
                                else f"every row of {st.table}" if st.every_row
                                else ", ".join(f"every value of {st.table}.{c}" for c in gone))
            lines.append(line + "\n    " + _excerpt(st.text))
        lines += [f"{c}: the gate cannot see which rows it changes" for c in data.code]
        lines += [f"{c}: sent the statements above on the template's empty tables; where the tables "
                  "hold rows it may change more" for c in data.partly]
        if failing and all("cannot read" in x for x in lost):
            status = "NOT JUDGED"
            message = (f"may lose rows the gate cannot read (data_deletion): {failing[0]}"
                       + (f"; and {len(failing) - 1} more" if len(failing) > 1 else ""))
        elif failing:
            status = "data-loss"
            message = (f"loses {', '.join(dict.fromkeys(lost))} (data_deletion): "
                       f"{failing[0]}" + (f"; and {len(failing) - 1} more" if len(failing) > 1 else ""))
        elif accepted:
            status, message = "ACCEPTED", "; ".join(accepted)
        elif found:
            status = "ROWS"
            message = "changes rows: " + "; ".join(f"{st.verb} {st.table}" for st in found[:5])
        else:
            status = "NOT SEEN"
            message = "; ".join(data.code[:3]) + ": the gate cannot see which rows it changes"
        if data.code and found:
            message += f"; and {len(data.code)} part(s) of code the gate cannot see"
        if committed is not None:
            message = "the edit of this committed step: " + message
            lines.insert(0, "the committed step was edited: what the edit adds is judged (databases that ran the "
                            "committed version do not run it again; new ones and re-runs do)")
        details = "\n".join(lines)
        if failing:
            details += ("\nhint: a data migration that empties a table or overwrites a column loses those values "
                        "in every database it runs on; when intended, say why: pggit_allow = "
                        "{\"data_deletion\": \"...\"} in the migration, or -- pggit: allow data_deletion -- <why> "
                        "on the statement"
                        + ("; SQL built at run time (EXECUTE of an expression) cannot be read: write the "
                           "statement out (EXECUTE 'DELETE ...' of a literal is read), or say why it loses "
                           "nothing the same way" if any("built at run time" in x for x in lost) else "")
                        + ("; what a trigger, rule, event trigger or cascading foreign key the step sets up "
                           "changes is not read: make the row changes explicit statements, or say why it loses "
                           "nothing the same way" if any("cannot read (" in x and "built" not in x for x in lost)
                           else ""))
        # (the statement's file and line, for JUnit and annotations, as other cases have)
        at = re.fullmatch(r"(?P<file>[^\s:][^:]*):(?P<line>\d+)",
                          (failing[0] if failing else found[0].where if found else "").split(": ")[0])
        out.append(Check("data", a.tag, bool(failing), status, message, details,
                         file=at.group("file") if at else None, line=int(at.group("line")) if at else None))
    return out


def _added_by_edit(found: List[DataStatement], code: List[str],
                   committed: str) -> Tuple[List[DataStatement], List[str]]:
    """The statements and code of an edited step that its committed text does not hold:
    a statement unless an equal one (whitespace and comments aside) is among the committed
    text's statements, as often as it is there; a call unless a string literal or a whole
    call of the committed text is the same (R5 of the review: a substring test took
    ``DELETE FROM legacy`` as held by ``DELETE FROM legacy WHERE id < 0``)."""
    from collections import Counter

    from .sqlfiles import split_statements

    def bare(stmt: str) -> str:
        return _flat(_LEAD_RE.sub("", stmt)).rstrip(";").strip()

    # every string literal of a Python file (a RunSQL or op.execute holds its SQL in one),
    # and the file itself as SQL
    texts = [committed]
    try:
        texts += [n.value for n in ast.walk(ast.parse(committed)) if isinstance(n, ast.Constant)
                  and isinstance(n.value, str)]
    except (SyntaxError, ValueError):
        pass
    held: "Counter[str]" = Counter()
    for text in texts:
        for _offset, stmt in split_statements(text):
            held[bare(stmt)] += 1
    calls = set(re.findall(r"\b[\w.]+\([^()]*\)", committed)) | set(re.findall(r"\b\w+\b", committed))
    kept = [c for c in code if re.sub(r"^RunPython |\s+at line \d+$", "", c) not in calls]
    added: List[DataStatement] = []
    for st in found:
        if st.text.endswith(_ORM):   # an ORM call read from the code: as written there
            if not re.search(r"(?<![\w.])" + re.escape(st.text[:-len(_ORM)]), committed):
                added.append(st)
            continue
        if st.where.endswith(" ran"):   # sent when it ran: the edit's only when its code is new
            if kept:
                added.append(st)
            continue
        key = bare(st.text)
        if held[key] > 0:
            held[key] -= 1
        else:
            added.append(st)
    return added, kept


#: the end of the text of an ORM call read from a RunPython's code
_ORM = " (Django ORM)"

#: a statement's leading comments and blanks (as _LEAD), compiled
_LEAD_RE = re.compile("^" + _LEAD)


def _flat(text: str) -> str:
    """``text`` with its whitespace runs made one space, for finding a statement in a file."""
    return " ".join(text.split())


def _bare(table: str) -> str:
    """A table's name without schema or quotes, as a diff path spells it."""
    parts = re.findall(r'"(?:[^"]|"")+"|[^."\s]+', table)
    return _unquote(parts[-1]) if parts else table


def _excerpt(text: str, limit: int = 200) -> str:
    one = " ".join(text.split())
    return one if len(one) <= limit else one[:limit - 3] + "..."


__all__ = ["DataStatement", "Known", "StepData", "alembic_data", "classify", "data_checks", "django_data",
           "known_in_catalog", "sql_file_data"]
