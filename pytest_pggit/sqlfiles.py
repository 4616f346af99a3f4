"""Locate the SQL layer and install it through psycopg (no psql needed).

The layer's entry point is ``install.sql``.  It is written for psql
(``psql -f sql/install.sql``), so it may pull in other files with ``\\ir FILE``
(relative to the including file) or ``\\i FILE`` (relative to psql's working
directory, which we take to be the parent of the sql directory, i.e. the repo
root or the installed package).  :func:`install_script` expands those
recursively into one text; any other line starting with a backslash
(``\\set``, ``\\echo`` ...) is dropped.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, List, Optional, Tuple, Union

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


def _expand(path: Path, root: Path, stack: List[Path]) -> List[Tuple[str, Optional[Origin]]]:
    path = path.resolve()
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
    out: List[Tuple[str, Optional[Origin]]] = []
    for lineno, line in enumerate(text.splitlines(), 1):
        match = _INCLUDE_RE.match(line)
        if match:
            kind, name = match.group(1), _unquote(match.group(2))
            if kind in ("ir", "include_relative"):
                target = path.parent / name
            else:  # \i: relative to psql's cwd (= root); fall back to the including file
                target = root / name
                if not target.exists():
                    target = path.parent / name
            out.append((f"-- pytest-pggit: begin {name}", (path, lineno)))
            out.extend(_expand(target, root, stack + [path]))
            out.append((f"-- pytest-pggit: end {name}", (path, lineno)))
        elif line.lstrip().startswith("\\"):
            out.append((f"-- pytest-pggit: dropped psql command: {line.strip()}", (path, lineno)))
        else:
            out.append((line, (path, lineno)))
    return out


class Script:
    """An expanded psql script and where each of its lines came from."""

    def __init__(self, lines: List[Tuple[str, Optional[Origin]]]) -> None:
        self.text = "\n".join(line for line, _ in lines) + "\n"
        self.origins = [origin for _, origin in lines]

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


def expand_script(path: PathLike, root: Optional[PathLike] = None) -> Script:
    """Expand ``\\i``/``\\ir`` in a psql script, keeping each line's origin."""
    path = Path(path)
    base = Path(root) if root is not None else path.resolve().parent
    return Script(_expand(path, base, []))


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


# Why this splitter is hand-written rather than pglast.split() (checked with pglast 8.8,
# which bundles PostgreSQL 18's parser):
# * pglast.split(text, only_slices=True) keeps the character offsets file:line needs,
#   and its parser mode even keeps a BEGIN ATOMIC body whole (this splitter cuts it at
#   its inner semicolons; psql does not).  But the parser mode raises on the first syntax
#   error anywhere in the file (and on syntax newer than its bundled grammar): nothing
#   before it would run, and the server's message, SQLSTATE and position for the failing
#   statement would be lost.
# * Its scanner mode (with_parser=False) tolerates errors but silently drops a last
#   statement without a semicolon when it is unfinished or misspelt ("CREATE TABLE e (id
#   int" or "SELEC 2" at the end of a file would neither run nor fail), and cuts BEGIN
#   ATOMIC bodies like this splitter.
# * psql meta-commands: the parser mode fails on them ("syntax error at or near \"), the
#   scanner mode glues a "\set x 1" line onto the next statement.  Either way they must be
#   handled before splitting, as _expand does (\i and \ir followed, others commented out).
# * It is a compiled dependency whose import takes ~60 ms, paid by every template build.
def split_statements(text: str) -> List[Tuple[int, str]]:
    """Top-level statements of ``text`` as (offset, statement); comments, strings,
    quoted identifiers and dollar quotes are skipped over."""
    out: List[Tuple[int, str]] = []
    i, n, start = 0, len(text), 0
    while i < n:
        c = text[i]
        if c == "-" and text.startswith("--", i):
            j = text.find("\n", i)
            i = n if j < 0 else j + 1
        elif c == "/" and text.startswith("/*", i):
            depth, i = 1, i + 2
            while i < n and depth:
                if text.startswith("/*", i):
                    depth, i = depth + 1, i + 2
                elif text.startswith("*/", i):
                    depth, i = depth - 1, i + 2
                else:
                    i += 1
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
        elif c == ";":
            if text[start:i].strip():
                out.append((start, text[start:i + 1]))
            i += 1
            start = i
        else:
            i += 1
    if text[start:].strip():
        out.append((start, text[start:]))
    return out


def _first_code(stmt: str) -> int:
    """Offset of the first character that is neither blank nor in a leading ``--`` comment."""
    i = 0
    while i < len(stmt):
        if stmt[i].isspace():
            i += 1
        elif stmt.startswith("--", i):
            j = stmt.find("\n", i)
            i = len(stmt) if j < 0 else j + 1
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
    script = text if isinstance(text, Script) else None
    body = text.text if isinstance(text, Script) else text
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


def execute_statements(conn: "psycopg.Connection", script: "Script", what: str) -> int:
    """Run ``script`` one top-level statement at a time, as ``psql -f`` does.

    So statements that refuse a transaction block (``CREATE INDEX CONCURRENTLY``,
    ``VACUUM``) work, a script's own ``BEGIN``/``COMMIT`` mean what they say, and a
    failure names the file and line of the failing statement (of the error inside it
    when the server gives a position).  Returns the number of statements run.
    """
    import psycopg
    from psycopg import pq

    if not conn.autocommit:
        raise PggitError(
            "execute_statements needs an autocommit connection",
            hint="psycopg.connect(dsn, autocommit=True)",
        )
    count = 0
    try:
        for offset, stmt in split_statements(script.text):
            first = _first_code(stmt)
            if first >= len(stmt) or stmt[first:].strip() == ";":
                continue  # comments only
            try:
                conn.execute(stmt.encode("utf-8"))  # bytes: no client-side '%' processing
            except psycopg.Error as exc:
                if conn.info.transaction_status == pq.TransactionStatus.INERROR:
                    conn.execute("ROLLBACK")
                pos = getattr(exc.diag, "statement_position", None)
                origin = script.locate(offset + (int(pos) if pos else first + 1))
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
        last = script.last_origin()
        raise SchemaApplyError(
            f"applying {what} failed: it opens a transaction (BEGIN) that it never commits, "
            "so its changes were rolled back" + (f" (script ends at {last[0]}:{last[1]})" if last else ""),
            hint="end the file with COMMIT;",
        )
    return count


def install(conn: "psycopg.Connection", directory: Optional[PathLike] = None) -> None:
    """Install the SQL layer on ``conn`` (autocommit) in one ``execute``."""
    base = sql_dir(directory)
    script = expand_script(base / "install.sql", root=base.resolve().parent)
    execute_script(conn, script, f"the SQL layer {base / 'install.sql'}")
