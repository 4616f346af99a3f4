"""Build the template database the fixtures hand out (and the SQL layer database it may be cloned from)."""
from __future__ import annotations

from pathlib import Path
from typing import Any, Callable, List, Optional, Sequence

from . import sqlfiles
from .backends import Server
from .exceptions import SchemaApplyError
from .formatting import display_path
from .janitor import Database, DatabaseJanitor

BASELINE_FUNCTION = ("pggit_v0", "create_basic_commit")

#: With two or more --pggit-schema files, this branch gets one commit per file (main gets
#: the single baseline commit): ``SCHEMA_FILES_BRANCH~1`` is the schema before the newest
#: file, the gate's default base.
SCHEMA_FILES_BRANCH = "pytest-pggit/schema-files"


def schema_files(paths: Sequence[Path]) -> List[Path]:
    """Files as given; folders expanded to their ``*.sql`` files (any case, subfolders
    included) in lexical order of their paths; an empty folder is an error."""
    files: List[Path] = []
    for path in paths:
        path = Path(path)
        if path.is_dir():
            found = sorted((p for p in path.rglob("*") if p.is_file() and p.suffix.lower() == ".sql"),
                           key=lambda p: p.relative_to(path).as_posix())
            if not found:
                raise SchemaApplyError(
                    f"schema folder holds no .sql files: {path}",
                    hint="point --pggit-schema / pggit_schema at the folder with the schema's .sql files",
                )
            files.extend(found)
        elif path.is_file():
            files.append(path)
        else:
            raise SchemaApplyError(
                f"schema path does not exist: {path}",
                hint="fix --pggit-schema / pggit_schema (ini paths are relative to the ini file)",
            )
    return files


def has_baseline_function(conn, name: str = BASELINE_FUNCTION[1]) -> bool:
    row = conn.execute(
        "SELECT EXISTS (SELECT 1 FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace "
        "WHERE n.nspname = %s AND p.proname = %s)",
        (BASELINE_FUNCTION[0], name),
    ).fetchone()
    return bool(row and row[0])


def build_template(
    server: Server,
    name: str,
    sql_dir: Optional[Path] = None,
    schema: Sequence[Path] = (),
    rootdir: Optional[Path] = None,
    setup_hook: Optional[Callable[..., Any]] = None,
    setup_hook_names: Sequence[str] = (),
    layer_template: Optional[str] = None,
    no_owner: bool = False,
) -> "tuple[DatabaseJanitor, Database, List[str]]":
    """Create ``name`` with the SQL layer installed and the project's schema applied.

    Then ``setup_hook(connection=..., database=...)`` runs (the ``pytest_pggit_setup``
    hook; ``setup_hook_names`` name its implementations).  After the schema files and
    the hook, ``pggit_v0.create_basic_commit('pytest-pggit baseline: ...')`` records
    them as a commit on main (skipped when the function does not exist).
    Each schema file runs in a session of its own, as ``psql -f`` per file would, so a
    file's settings (``search_path``, ``check_function_bodies``, ``SET ROLE`` ...) never
    reach the next file, the hook or the commits.  With ``no_owner``, the files'
    ownership statements are skipped (:func:`pytest_pggit.ownership.is_ownership_statement`).
    With ``layer_template`` (a database already holding this SQL layer) the database is
    cloned from it instead of installing the layer.
    Returns the janitor (to drop it later), the database and notes.
    """
    import psycopg

    files = schema_files(schema)
    janitor = DatabaseJanitor(server, name, template=layer_template)
    db = janitor.create()
    notes: List[str] = []
    try:
        with psycopg.connect(db.dsn, autocommit=True) as conn:
            if layer_template is None:
                sqlfiles.install(conn, sql_dir)
            per_file = len(files) >= 2 and all(
                has_baseline_function(conn, fn) for fn in ("create_basic_commit", "create_branch", "checkout_branch"))
            if per_file:   # one commit per file on a side branch; main gets the baseline below
                conn.execute("SELECT pggit_v0.create_branch(%s, %s)",
                             (SCHEMA_FILES_BRANCH, "pytest-pggit: one commit per --pggit-schema file"))
            skipped = 0
            for f in files:
                skipped += _run_schema_file(db, f, no_owner)
                if per_file:
                    conn.execute("SELECT pggit_v0.create_basic_commit(%s)",
                                 (f"pytest-pggit schema file: {display_path(f, rootdir)}",))
            if no_owner and files:
                notes.append(f"--pggit-no-owner: {skipped} ownership statement(s) of the schema files skipped")
            if per_file:
                conn.execute("SELECT pggit_v0.checkout_branch('main')")
                notes.append(f"branch {SCHEMA_FILES_BRANCH}: one commit per schema file "
                             f"({SCHEMA_FILES_BRANCH}~1 is the schema before the newest one)")
            if setup_hook is not None and setup_hook_names:
                _run_setup_hook(conn, db, setup_hook, setup_hook_names)
            if files or setup_hook_names:
                shown = [display_path(f, rootdir) for f in files] + [
                    f"hook {name}" for name in setup_hook_names
                ]
                if has_baseline_function(conn):
                    try:
                        conn.execute(
                            "SELECT pggit_v0.create_basic_commit(%s)",
                            ("pytest-pggit baseline: " + ", ".join(shown),),
                        )
                    except psycopg.Error as exc:
                        raise SchemaApplyError.from_psycopg(
                            exc, context="recording the baseline commit failed"
                        ) from exc
                    notes.append(
                        f"baseline commit on main of {len(files)} schema file(s)"
                        + (f" and {len(setup_hook_names)} pytest_pggit_setup hook(s)"
                           if setup_hook_names else "")
                    )
                else:
                    notes.append("pggit_v0.create_basic_commit not found: baseline commit skipped")
    except BaseException:
        janitor.drop()
        raise
    return janitor, db, notes


def _run_schema_file(db: Database, path: Path, no_owner: bool) -> int:
    """Run one schema file on a new connection (a session of its own, like ``psql -f``);
    returns the number of statements skipped by ``no_owner``."""
    import psycopg

    from .ownership import is_ownership_statement

    script = sqlfiles.expand_script(path)
    with psycopg.connect(db.dsn, autocommit=True) as conn:
        ran = sqlfiles.execute_statements(conn, script, f"schema file {path}",
                                          skip=is_ownership_statement if no_owner else None)
    return ran.skipped


def _run_setup_hook(conn, db: Database, hook: Callable[..., Any], names: Sequence[str]) -> None:
    import psycopg
    from psycopg import pq

    try:
        hook(connection=conn, database=db)
    except Exception as exc:
        if not conn.closed and conn.info.transaction_status != pq.TransactionStatus.IDLE:
            conn.rollback()
        where = _user_frame(exc)
        if isinstance(exc, psycopg.Error):
            err = SchemaApplyError.from_psycopg(
                exc, context=f"the pytest_pggit_setup hook failed at {where}"
            )
        else:
            err = SchemaApplyError(
                f"the pytest_pggit_setup hook failed at {where}: {type(exc).__name__}: {exc}",
                hint=f"fix the hook implementation ({', '.join(names)})",
            )
        err.location = where
        raise err from exc


def _user_frame(exc: BaseException) -> str:
    """``file:line`` of the innermost traceback frame outside pytest-pggit, pluggy and psycopg."""
    import traceback

    here = str(Path(__file__).resolve().parent)
    frames = traceback.extract_tb(exc.__traceback__)
    for frame in reversed(frames):
        name = frame.filename
        if here in name or "/pluggy/" in name or "/psycopg/" in name or "/_pytest/" in name:
            continue
        return f"{name}:{frame.lineno}"
    return f"{frames[-1].filename}:{frames[-1].lineno}" if frames else "?"


__all__ = ["SCHEMA_FILES_BRANCH", "build_template", "schema_files"]
