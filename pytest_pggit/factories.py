"""Build the databases the fixtures hand out."""
from __future__ import annotations

from pathlib import Path
from typing import List, Optional, Sequence

from .backends import Server
from .exceptions import SchemaApplyError
from .janitor import Database, DatabaseJanitor, admin_connect
from . import sqlfiles

BASELINE_FUNCTION = ("pggit_v0", "create_basic_commit")


def schema_files(paths: Sequence[Path]) -> List[Path]:
    """Files as given; folders expanded to their ``*.sql`` files in lexical order."""
    files: List[Path] = []
    for path in paths:
        path = Path(path)
        if path.is_dir():
            files.extend(sorted(path.rglob("*.sql"), key=lambda p: p.relative_to(path).as_posix()))
        elif path.is_file():
            files.append(path)
        else:
            raise SchemaApplyError(
                f"schema path does not exist: {path}",
                hint="fix --pggit-schema / pggit_schema (ini paths are relative to the ini file)",
            )
    return files


def has_baseline_function(conn) -> bool:
    row = conn.execute(
        "SELECT EXISTS (SELECT 1 FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace "
        "WHERE n.nspname = %s AND p.proname = %s)",
        BASELINE_FUNCTION,
    ).fetchone()
    return bool(row and row[0])


def build_template(
    server: Server,
    name: str,
    sql_dir: Optional[Path] = None,
    schema: Sequence[Path] = (),
    rootdir: Optional[Path] = None,
) -> "tuple[DatabaseJanitor, Database, List[str]]":
    """Create ``name`` with the SQL layer installed and the project's schema applied.

    After the schema files, ``pggit_v0.create_basic_commit('pytest-pggit baseline: ...')``
    records them as the first commit (skipped when the function does not exist yet).
    Returns the janitor (to drop it later), the database and notes.
    """
    import psycopg

    files = schema_files(schema)
    janitor = DatabaseJanitor(server, name)
    db = janitor.create()
    notes: List[str] = []
    try:
        with psycopg.connect(db.dsn, autocommit=True) as conn:
            sqlfiles.install(conn, sql_dir)
            for f in files:
                sqlfiles.execute_script(conn, sqlfiles.expand_file(f), f"schema file {f}")
            if files:
                shown = [_display(f, rootdir) for f in files]
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
                    notes.append(f"baseline commit of {len(files)} schema file(s)")
                else:
                    notes.append("pggit_v0.create_basic_commit not found: baseline commit skipped")
    except BaseException:
        janitor.drop()
        raise
    return janitor, db, notes


def _display(path: Path, rootdir: Optional[Path]) -> str:
    if rootdir is not None:
        try:
            return path.resolve().relative_to(rootdir.resolve()).as_posix()
        except ValueError:
            pass
    return str(path)


__all__ = ["build_template", "schema_files", "admin_connect"]
