"""Locate the SQL layer and install it through psycopg (no psql needed).

The layer's entry point is ``install.sql``.  It is written for psql
(``psql -f sql/install.sql``), so it may pull in other files with ``\\ir FILE``
(relative to the including file) or ``\\i FILE`` (relative to psql's working
directory, which we take to be the parent of the sql directory, i.e. the repo
root or the installed package).  :func:`install_script` expands those
recursively into one text; a psql command that changes nothing the server runs
(``\\echo``, ``\\set ON_ERROR_STOP`` ...) is dropped, any other (``\\gexec``, ``\\copy``,
``\\if`` ...) refuses the file (:func:`_harmless_meta`).
``PYTEST_DONT_REWRITE`` (see :mod:`pytest_pggit.plugin`).
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Dict, List, NamedTuple, Optional, Sequence, Tuple, Union

from .exceptions import PggitError, SchemaApplyError

if TYPE_CHECKING:  # pragma: no cover
    import psycopg

PathLike = Union[str, Path]

_INCLUDE_RE = re.compile(r"^\s*\\(ir|i|include_relative|include)\s+(.+?)\s*$")


def sql_dir(override: Optional[PathLike] = None) -> Path:
    """The directory holding ``install.sql``.

    ``override`` (argument, ``--pggit-sql-dir`` or ``PGGIT_SQL_DIR``) wins; then the
    copy shipped inside the wheel (``pytest_pggit/sql``); then ``<repo root>/sql``
    for an editable install.
    """
    if override is not None:
        path = Path(override)
        if not (path / "install.sql").is_file():
            raise PggitError(
                f"SQL layer not found: {path}/install.sql does not exist",
                hint="point --pggit-sql-dir / PGGIT_SQL_DIR at the directory holding install.sql",
            )
        return path
    candidates: List[Path] = []
    try:
        from importlib.resources import files

        packaged = files("pytest_pggit") / "sql"
        if (packaged / "install.sql").is_file():
            return Path(str(packaged))
        candidates.append(Path(str(packaged)))
    except (ImportError, ModuleNotFoundError, TypeError):  # pragma: no cover
        pass
    repo = Path(__file__).resolve().parent.parent / "sql"
    if (repo / "install.sql").is_file():
        return repo
    candidates.append(repo)
    raise PggitError(
        "SQL layer not found: no install.sql in " + ", ".join(str(c) for c in candidates),
        hint="reinstall pytest-pggit, or set --pggit-sql-dir / PGGIT_SQL_DIR",
    )


def _unquote(name: str) -> str:
    if len(name) >= 2 and name[0] == name[-1] and name[0] in "'\"":
        return name[1:-1]
    return name


Origin = Tuple[Path, int]  # (file, 1-based line) an expanded line came from

#: A ``COPY ... FROM stdin`` statement on one line, as pg_dump writes it: the lines after
#: it, up to a line ``\.``, are its data (psql reads them from the script, not as SQL).
_COPY_STDIN_RE = re.compile(r"^\s*COPY\s[^;]*\bFROM\s+STDIN\b[^;]*;\s*$", re.IGNORECASE)


class Line(NamedTuple):
    """One line of an expanded script: its text, where it came from and, for a ``COPY
    ... FROM stdin`` line, the data lines that follow it in its file."""

    text: str
    origin: Optional[Origin]
    copy_data: Optional[List[Tuple[str, Origin]]] = None


def _confined(path: Path, confine: Optional[Sequence[Path]], stack: List[Path], lineno: int) -> None:
    """Refuse ``path`` (resolved) when it is in none of the folders ``confine`` (the
    project's rootdir, the top file's folder), when it or a folder of it under them is
    hidden (``.git``, ``.env``, ``.venv``), or when an include (``stack`` not empty) is
    no ``*.sql`` file: a file's include, or a symlinked schema file, read any file the run
    may read, inside a string too, and the SQL could print it (Z1: a PR's
    ``\\ir ../.git/config`` put the job's token in the CI log; Z9: ``\\ir ../.env``)."""
    if confine is None:
        return
    tops = [top for top in confine if path == top or top in path.parents]
    hidden = [[part for part in path.relative_to(top).parts if part.startswith(".")] for top in tops]
    if [] in hidden and (not stack or path.suffix.lower() == ".sql"):
        return   # (a folder the configuration names may be hidden: .github/db/schema.sql)
    where = f"{stack[-1]}:{lineno} includes" if stack else "the schema file is"
    why = ("not a .sql file" if [] in hidden
           else f"in a hidden file or folder ({hidden[0][0]})" if hidden
           else "outside the project (" + ", ".join(map(str, confine)) + ")")
    raise PggitError(
        f"SQL include refused: {where} {path}, which is {why}",
        hint="pytest-pggit reads only the project's own SQL files (*.sql, a symlink counts "
             "where it points), outside hidden folders: move the SQL there",
        sqlstate="42501")


def _expand(path: Path, root: Path, stack: List[Path], confine: Optional[Sequence[Path]] = None,
            lineno: int = 0) -> List[Line]:
    path = path.resolve()
    _confined(path, confine, stack, lineno)
    if path in stack:
        chain = " -> ".join(str(p) for p in stack + [path])
        raise PggitError(f"SQL include cycle: {chain}", hint="remove the circular \\i/\\ir")
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        where = f" (included from {stack[-1]})" if stack else ""
        raise PggitError(
            f"cannot read SQL file {path}{where}: {exc.strerror or exc}",
            hint="check the \\i/\\ir line naming it",
        ) from exc
    out: List[Line] = []
    copy_data: Optional[List[Tuple[str, Origin]]] = None
    state: Optional[str] = None   # at a line's start: inside a string, quoted name, comment?
    for lineno, line in enumerate(text.splitlines(), 1):
        if copy_data is not None:  # inside a COPY block: data up to "\."
            if line == "\\.":
                copy_data = None
            else:
                copy_data.append((line, (path, lineno)))
            continue
        match = _INCLUDE_RE.match(line) if state is None else None
        if match:
            kind, name = match.group(1), _unquote(match.group(2))
            if kind in ("ir", "include_relative"):
                target = path.parent / name
            else:  # \i: relative to psql's cwd (= root); fall back to the including file
                target = root / name
                if not target.exists():
                    target = path.parent / name
            out.append(Line(f"-- pytest-pggit: begin {name}", (path, lineno)))
            out.extend(_expand(target, root, stack + [path], confine, lineno))
            out.append(Line(f"-- pytest-pggit: end {name}", (path, lineno)))
        elif state is None and line.lstrip().startswith("\\"):
            _harmless_meta(line, path, lineno)
            out.append(Line(f"-- pytest-pggit: dropped psql command: {line.strip()}", (path, lineno)))
            continue
        elif _COPY_STDIN_RE.match(line):
            copy_data = []
            out.append(Line(line, (path, lineno), copy_data))
        else:
            out.append(Line(line, (path, lineno)))
        state = _lex_line(line, state)
    return out


#: psql meta-commands that change nothing the server runs (output, display, describe
#: queries, pg_dump's \restrict): a line of one is skipped.  Every other one (``\gexec``,
#: ``\g``, ``\gset``, ``\copy``, ``\!``, ``\o``, ``\if``, ``\connect``, ``\q``, ``\r`` ...)
#: makes psql run something else than the file's SQL, so the file is refused (T5-10).
_HARMLESS_META = {"echo", "qecho", "warn", "pset", "a", "t", "x", "H", "C", "f", "T", "timing",
                  "restrict", "unrestrict", "conninfo", "errverbose", "copyright", "l", "list",
                  "z", "sf", "sv", "sf+", "sv+", "p", "print", "?", "h", "help"}
#: psql's own variables that a ``\set``/``\unset`` line may name (any other variable could
#: be interpolated into SQL as ``:name``, which the plugin does not do).
_HARMLESS_VARS = {"ON_ERROR_STOP", "ON_ERROR_ROLLBACK", "ECHO", "ECHO_HIDDEN", "QUIET", "VERBOSITY",
                  "SHOW_CONTEXT", "SHOW_ALL_RESULTS", "HIDE_TABLEAM", "HIDE_TOAST_COMPRESSION",
                  "FETCH_COUNT", "HISTSIZE", "HISTCONTROL", "HISTFILE", "PROMPT1", "PROMPT2", "PROMPT3",
                  "COMP_KEYWORD_CASE", "SINGLELINE", "SINGLESTEP"}
_META_RE = re.compile(r"\s*\\([A-Za-z?!][A-Za-z0-9_+]*|[^\sA-Za-z]?)\s*(.*)$")


def _harmless_meta(line: str, path: Path, lineno: int) -> None:
    """Refuse a psql meta-command line psql would run differently from the plugin."""
    m = _META_RE.match(line)
    cmd, args = (m.group(1), m.group(2)) if m else ("", line)
    ok = cmd in _HARMLESS_META or bool(re.fullmatch(r"d[A-Za-z]*[S+x]*", cmd))   # (\d...: describe)
    if cmd in ("set", "unset"):
        ok = (args.split() or ["ON_ERROR_STOP"])[0] in _HARMLESS_VARS   # (alone: prints them)
    if ok and "\\" not in args:   # (no second command on the line: "\echo x \\ \gexec")
        return
    raise PggitError(
        f"psql command refused at {path}:{lineno}: {line.strip()[:80]}: psql would run "
        + ("a second command on this line" if ok else f"\\{cmd}") + ", pytest-pggit does not, "
        "so neither the tests nor the gate would see what the file does",
        hint="write the file in plain SQL (a DO block for dynamic SQL, e.g. EXECUTE format(...)); "
             "psql commands the plugin skips: \\echo, \\pset, \\timing, \\d..., "
             "\\set/\\unset of psql's own variables (ON_ERROR_STOP ...); \\i and \\ir are followed",
        sqlstate="42601")


def _lex_line(line: str, state: Optional[str]) -> Optional[str]:
    """What is open at the end of ``line`` (a string ``'``/``E'``, a quoted name ``"``, a
    ``$tag$`` quote, ``/*`` comments as ``*N``) given what was open at its start."""
    i, n = 0, len(line)
    while i < n:
        if state is None:
            c = line[i]
            if c == "-" and line.startswith("--", i):
                return None
            if c == "/" and line.startswith("/*", i):
                state, i = "*1", i + 2
            elif c == "'":
                state = "E'" if i > 0 and line[i - 1] in "eE" and not (i > 1 and (line[i - 2].isalnum()
                                                                                or line[i - 2] == "_")) else "'"
                i += 1
            elif c == '"':
                state, i = '"', i + 1
            elif c == "$":
                m = _DOLLAR_RE.match(line, i)
                if m and not (i > 0 and (line[i - 1].isalnum() or line[i - 1] == "_")):
                    state, i = m.group(0), m.end()
                else:
                    i += 1
            else:
                i += 1
        elif state.startswith("*"):
            depth = int(state[1:])
            if line.startswith("/*", i):
                state, i = f"*{depth + 1}", i + 2
            elif line.startswith("*/", i):
                state, i = (None if depth == 1 else f"*{depth - 1}"), i + 2
            else:
                i += 1
        elif state in ("'", "E'", '"'):
            q = state[-1]
            if state == "E'" and line[i] == "\\":
                i += 2
            elif line[i] == q:
                if i + 1 < n and line[i + 1] == q:
                    i += 2
                else:
                    state, i = None, i + 1
            else:
                i += 1
        else:   # a dollar quote
            end = line.find(state, i)
            if end < 0:
                return state
            state, i = None, end + len(state)
    return state


class Script:
    """An expanded psql script, where each of its lines came from, and the data of its
    ``COPY ... FROM stdin`` statements (by 0-based line of ``text``; not in ``text``)."""

    def __init__(self, lines: Sequence[Union[Line, Tuple[str, Optional[Origin]]]]) -> None:
        rows = [Line(*line) for line in lines]
        self.text = "\n".join(line.text for line in rows) + "\n"
        self.origins = [line.origin for line in rows]
        self.copy_data: Dict[int, List[Tuple[str, Origin]]] = {
            i: line.copy_data for i, line in enumerate(rows) if line.copy_data is not None}

    def __str__(self) -> str:
        return self.text

    def locate(self, position: Optional[int]) -> Optional[Origin]:
        """File and line of the 1-based character ``position`` (libpq's statement_position)."""
        if not position or position < 1:
            return None
        lineno = self.text.count("\n", 0, position - 1)
        if lineno < len(self.origins):
            return self.origins[lineno]
        # past the end ("syntax error at end of input"): the script's last line
        return self.last_origin()

    def last_origin(self) -> Optional[Origin]:
        """File and line of the script's last line that came from a file."""
        return next((o for o in reversed(self.origins) if o is not None), None)


def expand_script(path: PathLike, root: Optional[PathLike] = None,
                  confine: Optional[PathLike] = None) -> Script:
    """Expand ``\\i``/``\\ir`` in a psql script, keeping each line's origin.  With
    ``confine`` (the project's rootdir), the script and every file it includes must be in
    it or in the script's own folder (a symlink: where it points), and not in a ``.git``
    folder: :class:`PggitError` (42501) otherwise."""
    path = Path(path)
    base = Path(root) if root is not None else path.resolve().parent
    allowed = None if confine is None else [Path(confine).resolve(), path.absolute().parent.resolve()]
    return Script(_expand(path, base, [], allowed))


def expand_file(path: PathLike, root: Optional[PathLike] = None) -> str:
    """Expand ``\\i``/``\\ir`` in any psql script into one text."""
    return expand_script(path, root).text


def install_script(directory: Optional[PathLike] = None) -> str:
    """The whole SQL layer as one text, ready for ``conn.execute``."""
    base = sql_dir(directory)
    return expand_file(base / "install.sql", root=base.resolve().parent)


def _where(exc: BaseException, script: "Optional[Script]") -> str:
    """``file:line`` of a psycopg error's statement_position in ``script``, or ''."""
    if script is None:
        return ""
    diag = getattr(exc, "diag", None)
    raw = getattr(diag, "statement_position", None) if diag is not None else None
    try:
        origin = script.locate(int(raw)) if raw else None
    except (TypeError, ValueError):
        origin = None
    if origin is None:
        return ""
    return f"{origin[0]}:{origin[1]}"


_DOLLAR_RE = re.compile(r"\$([A-Za-z_][A-Za-z_0-9]*)?\$")


class _Words:
    """SQL-standard function bodies (psql's heuristic, psqlscan.l's ``begin_depth``, as
    the server's grammar has it).

    The statement's first words are remembered; when they are ``CREATE [OR REPLACE]
    FUNCTION|PROCEDURE``, ``BEGIN ATOMIC`` outside parentheses opens a body, ``CASE``
    inside a body opens a level too (it also ends with ``END``) and ``END`` closes one.
    A semicolon ends the statement only outside parentheses and bodies.  Unlike psql, a
    ``BEGIN`` not followed by ``ATOMIC`` (a function named ``begin``) opens nothing: psql
    sends the statements after it with it as one query and the server runs them all, so
    they are statements of their own here, where the data check reads them (T5-11).
    """

    _LEADS = ("create", "function", "procedure", "or", "replace")

    def __init__(self) -> None:
        self.first: List[str] = []  # initials of the first four words, "" when not a lead
        self.count = 0
        self.parens = 0
        self.depth = 0

    def word(self, word: str, atomic: Callable[[], bool] = lambda: True) -> None:
        """Take the next word; ``atomic()``: whether the word after it is ``ATOMIC``."""
        w = word.lower()
        if self.count < 4:
            self.first.append(w[0] if w in self._LEADS else "")
        self.count += 1
        f = self.first + [""] * (4 - len(self.first))
        routine = f[0] == "c" and (f[1] in ("f", "p") or (f[1:3] == ["o", "r"] and f[3] in ("f", "p")))
        if not routine or self.parens:
            return
        if w == "begin":
            if not self.depth and atomic():
                self.depth += 1
        elif w == "case" and self.depth:
            self.depth += 1
        elif w == "end" and self.depth:
            self.depth -= 1

    def inside(self) -> bool:
        """Whether a semicolon here is inside parentheses or a function body."""
        return bool(self.parens or self.depth)


def _next_word(text: str, i: int) -> str:
    """The word starting at the first code character from ``i`` on (comments skipped)."""
    j = i + _first_code(text[i:i + 4096])
    m = re.match(r"[A-Za-z_]\w*", text[j:j + 64])
    return m.group(0) if m else ""


# Why this splitter is hand-written rather than pglast.split() (checked with pglast 8.8,
# which bundles PostgreSQL 18's parser):
# * pglast.split(text, only_slices=True) keeps the character offsets file:line needs,
#   and its parser mode keeps a BEGIN ATOMIC body whole (so does this splitter, with
#   psql's heuristic, see _Words).  But the parser mode raises on the first syntax
#   error anywhere in the file (and on syntax newer than its bundled grammar): nothing
#   before it would run, and the server's message, SQLSTATE and position for the failing
#   statement would be lost.
# * Its scanner mode (with_parser=False) tolerates errors but silently drops a last
#   statement without a semicolon when it is unfinished or misspelt ("CREATE TABLE e (id
#   int" or "SELEC 2" at the end of a file would neither run nor fail), and cuts BEGIN
#   ATOMIC bodies at their inner semicolons.
# * psql meta-commands: the parser mode fails on them ("syntax error at or near \"), the
#   scanner mode glues a "\set x 1" line onto the next statement.  Either way they must be
#   handled before splitting, as _expand does (\i and \ir followed, harmless ones
#   commented out, others refused).
# * It is a compiled dependency whose import takes ~60 ms, paid by every template build.
def block_comment_end(text: str, i: int) -> int:
    """Offset just past the ``/* ... */`` comment opening at ``text[i]``, nested comments
    counted as PostgreSQL counts them (``/* a /* b */ c */`` is one); ``len(text)`` when
    it is not closed."""
    depth, j, n = 1, i + 2, len(text)
    while j < n and depth:
        if text.startswith("/*", j):
            depth, j = depth + 1, j + 2
        elif text.startswith("*/", j):
            depth, j = depth - 1, j + 2
        else:
            j += 1
    return n if depth else j


def split_statements(text: str) -> List[Tuple[int, str]]:
    """Top-level statements of ``text`` as (offset, statement); comments, strings,
    quoted identifiers and dollar quotes are skipped over.  As in psql, a semicolon
    inside parentheses or inside the ``BEGIN ... END`` body of ``CREATE [OR REPLACE]
    FUNCTION|PROCEDURE`` (``BEGIN ATOMIC``) does not end the statement."""
    out: List[Tuple[int, str]] = []
    i, n, start = 0, len(text), 0
    words = _Words()
    while i < n:
        c = text[i]
        if c.isalpha() or c == "_" or c > "\x7f":
            j = i + 1
            while j < n and (text[j].isalnum() or text[j] in "_$" or text[j] > "\x7f"):
                j += 1
            if not (j < n and text[j] == "'" and j - i == 1):  # E'...', B'...': a string's prefix
                words.word(text[i:j], lambda: _next_word(text, j).lower() == "atomic")
            i = j
        elif c == "(":
            words.parens += 1
            i += 1
        elif c == ")":
            words.parens = max(0, words.parens - 1)
            i += 1
        elif c == "-" and text.startswith("--", i):
            j = text.find("\n", i)
            i = n if j < 0 else j + 1
        elif c == "/" and text.startswith("/*", i):
            i = block_comment_end(text, i)
        elif c in "'\"":
            backslash = c == "'" and i > 0 and text[i - 1] in "eE"
            i += 1
            while i < n:
                if backslash and text[i] == "\\":
                    i += 2
                    continue
                if text[i] == c:
                    if i + 1 < n and text[i + 1] == c:
                        i += 2
                        continue
                    break
                i += 1
            i += 1
        elif c == "$":
            m = _DOLLAR_RE.match(text, i)
            if m and not (i > 0 and (text[i - 1].isalnum() or text[i - 1] == "_")):
                end = text.find(m.group(0), m.end())
                i = n if end < 0 else end + len(m.group(0))
            else:
                i += 1
        elif c == ";" and not words.inside():
            if text[start:i].strip():
                out.append((start, text[start:i + 1]))
            i += 1
            start = i
            words = _Words()
        else:
            i += 1
    if text[start:].strip():
        out.append((start, text[start:]))
    return out


def _first_code(stmt: str) -> int:
    """Offset of the first character that is neither blank nor in a leading ``--`` or
    ``/* */`` comment (nested, as PostgreSQL reads them; BB5: an error was reported at the
    line of a block comment before the statement)."""
    i = 0
    while i < len(stmt):
        if stmt[i].isspace():
            i += 1
        elif stmt.startswith("--", i):
            j = stmt.find("\n", i)
            i = len(stmt) if j < 0 else j + 1
        elif stmt.startswith("/*", i):
            j = block_comment_end(stmt, i)
            if j == len(stmt) and not stmt.endswith("*/"):   # (unclosed: the statement starts there)
                break
            i = j
        else:
            break
    return i


def _replay(conn: "psycopg.Connection", script: "Script", original: BaseException) -> str:
    """Find the failing statement of a script whose error had no position.

    The failed script ran as one implicit transaction (or rolled back its own), so
    re-running it statement by statement reaches the same error; its ``file:line`` is
    reported.  Best effort: '' when the replay does not fail the same way.
    """
    sqlstate = getattr(original, "sqlstate", None)
    try:
        execute_statements(conn, script, "the replay")
    except SchemaApplyError as err:
        return (err.location or "") if err.sqlstate == sqlstate else ""
    except Exception:  # pragma: no cover - the original error is what matters
        return ""
    return ""


def execute_script(conn: "psycopg.Connection", text: "Union[str, Script]", what: str) -> None:
    """Run multi-statement ``text`` on an autocommit connection.

    On failure the connection is returned to idle (ROLLBACK of a script's own
    ``BEGIN``) and a :class:`SchemaApplyError` carrying the SQLSTATE is raised.
    """
    import psycopg
    from psycopg import pq

    if not conn.autocommit:
        raise PggitError(
            "execute_script needs an autocommit connection",
            hint="psycopg.connect(dsn, autocommit=True)",
        )
    # (duck-typed: a Script kept across pytester's in-process runs, which import this
    # module again, is an instance of the earlier import's class)
    script = None if isinstance(text, str) else text
    body = text if isinstance(text, str) else text.text
    try:
        conn.execute(body.encode("utf-8"))  # bytes: no client-side '%' processing
    except psycopg.Error as exc:
        if conn.info.transaction_status == pq.TransactionStatus.INERROR:
            conn.execute("ROLLBACK")
        where = _where(exc, script)
        if not where and script is not None:
            where = _replay(conn, script, exc)
        err = SchemaApplyError.from_psycopg(
            exc, context=f"applying {what} failed" + (f" at {where}" if where else "")
        )
        err.location = where or None
        raise err from exc


class Ran(NamedTuple):
    """What :func:`execute_statements` did: statements run and statements skipped."""

    statements: int
    skipped: int


_COPY_LINE_RE = re.compile(r"\bCOPY\b[^\n]*?, line (\d+)")


def _copy_data_origin(exc: BaseException, data: List[Tuple[str, Origin]]) -> Optional[Origin]:
    """File and line of the data row a COPY error names (its CONTEXT "COPY t, line N")."""
    context = getattr(getattr(exc, "diag", None), "context", None) or ""
    match = _COPY_LINE_RE.search(context)
    if match and 0 < int(match.group(1)) <= len(data):
        return data[int(match.group(1)) - 1][1]
    return None


def _run_copy(conn: "psycopg.Connection", stmt: str, data: List[Tuple[str, Origin]]) -> None:
    """``COPY ... FROM stdin`` with the data lines that followed it in its file."""
    payload = "".join(line + "\n" for line, _ in data).encode("utf-8")
    with conn.cursor() as cur:
        with cur.copy(stmt.encode("utf-8")) as copy:
            if payload:
                copy.write(payload)


#: Statements that never run DDL themselves: no provenance label is set before them (a
#: round trip saved per INSERT of a data file).
_NO_DDL_RE = re.compile(r"(?:INSERT|UPDATE|DELETE|VALUES|SET|RESET|SHOW|BEGIN|START|COMMIT|END|ROLLBACK|"
                        r"SAVEPOINT|RELEASE|ANALYZE|VACUUM|TRUNCATE|LOCK|DISCARD|LISTEN|NOTIFY)\b",
                        re.IGNORECASE)


def execute_statements(conn: "psycopg.Connection", script: "Script", what: str,
                       skip: Optional[Callable[[str], bool]] = None,
                       label: Optional[Callable[[Origin], str]] = None) -> Ran:
    """Run ``script`` one top-level statement at a time, as ``psql -f`` does.

    So statements that refuse a transaction block (``CREATE INDEX CONCURRENTLY``,
    ``VACUUM``) work, a script's own ``BEGIN``/``COMMIT`` mean what they say,
    ``COPY ... FROM stdin`` reads the data lines that follow it (up to ``\\.``), and a
    failure names the file and line of the failing statement (of the error inside it
    when the server gives a position, of the data row for a COPY row error).
    Statements for which ``skip(statement)`` is true (the statement from its first
    code character) are not run.  With ``label``, each statement first sets the
    session's ``pggit.source`` to ``label((file, line))`` of its first code line, so the
    layer's capture records which statement made each change (provenance); not before
    statements that run no DDL (``INSERT``, ``SET``, ``COMMIT`` ..., and ``COPY`` data).
    """
    import psycopg
    from psycopg import pq

    if not conn.autocommit:
        raise PggitError(
            "execute_statements needs an autocommit connection",
            hint="psycopg.connect(dsn, autocommit=True)",
        )
    count = skipped = 0
    text = script.text
    pending = dict(script.copy_data)  # COPY data not yet loaded, by line of its statement
    lines_before, counted_to = 0, 0
    try:
        for offset, stmt in split_statements(text):
            first = _first_code(stmt)
            if first >= len(stmt) or stmt[first:].strip() == ";":
                continue  # comments only
            last = offset + len(stmt) - 1
            lines_before += text.count("\n", counted_to, last)
            counted_to = last
            data = pending.pop(lines_before, None)
            if skip is not None and skip(stmt[first:]):
                skipped += 1
                continue
            try:
                if label is not None and data is None and not _NO_DDL_RE.match(stmt, first):
                    origin = script.locate(offset + first + 1)
                    if origin is not None:
                        conn.execute("SELECT pg_catalog.set_config('pggit.source', %s, false)",
                                     (label(origin),))
                if data is not None:
                    _run_copy(conn, stmt, data)
                else:
                    conn.execute(stmt.encode("utf-8"))  # bytes: no client-side '%' processing
            except psycopg.Error as exc:
                if conn.info.transaction_status == pq.TransactionStatus.INERROR:
                    conn.execute("ROLLBACK")
                pos = getattr(exc.diag, "statement_position", None)
                origin = (_copy_data_origin(exc, data) if data is not None else None) or \
                    script.locate(offset + (int(pos) if pos else first + 1))
                where = f"{origin[0]}:{origin[1]}" if origin else ""
                err = SchemaApplyError.from_psycopg(
                    exc, context=f"applying {what} failed" + (f" at {where}" if where else ""))
                err.location = where or None
                raise err from exc
            count += 1
    finally:
        open_tx = not conn.closed and conn.info.transaction_status != pq.TransactionStatus.IDLE
        if open_tx:
            conn.execute("ROLLBACK")
    if open_tx:  # psql would roll it back at exit too: say so instead of losing it silently
        end = script.last_origin()
        raise SchemaApplyError(
            f"applying {what} failed: it opens a transaction (BEGIN) that it never commits, "
            "so its changes were rolled back" + (f" (script ends at {end[0]}:{end[1]})" if end else ""),
            hint="end the file with COMMIT;",
        )
    if pending:  # a COPY line the splitter did not see end a statement (inside a string?)
        origin = script.origins[min(pending)]
        where = f" at {origin[0]}:{origin[1]}" if origin else ""
        raise SchemaApplyError(
            f"applying {what} failed{where}: the data after this COPY ... FROM stdin line was "
            "not loaded, the line does not end a statement of its own",
            hint="write each COPY ... FROM stdin statement on one line, as pg_dump does",
        )
    return Ran(count, skipped)


def install(conn: "psycopg.Connection", directory: Optional[PathLike] = None) -> None:
    """Install the SQL layer on ``conn`` (autocommit) in one ``execute``."""
    base = sql_dir(directory)
    script = expand_script(base / "install.sql", root=base.resolve().parent)
    execute_script(conn, script, f"the SQL layer {base / 'install.sql'}")
