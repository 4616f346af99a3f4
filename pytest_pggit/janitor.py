"""Create and drop databases: one at a time (:class:`DatabaseJanitor`, optionally cloned
from a template), many by name prefix (:func:`drop_databases_like`), or in the background
(:class:`BackgroundDropper`)."""
from __future__ import annotations

import queue
import threading
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, List, Optional

from .backends import Server
from .exceptions import PggitError

if TYPE_CHECKING:  # pragma: no cover
    import psycopg


@dataclass
class Database:
    """A database on ``server`` that tests may use."""

    name: str
    dsn: str
    server: Server

    def connect(self, **kwargs: Any) -> "psycopg.Connection":
        import psycopg

        return psycopg.connect(self.dsn, **kwargs)


def admin_connect(server: Server) -> "psycopg.Connection":
    import psycopg

    return psycopg.connect(server.dsn(), autocommit=True, connect_timeout=10)


def terminate_connections(conn: "psycopg.Connection", dbname: str) -> int:
    """Terminate every other session connected to ``dbname``; returns how many."""
    rows = conn.execute(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
        "WHERE datname = %s AND pid <> pg_backend_pid()",
        (dbname,),
    ).fetchall()
    return len(rows)


def drop_database(conn: "psycopg.Connection", name: str, server_version_num: int) -> None:
    from psycopg import sql

    if server_version_num >= 130000:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
    else:  # pragma: no cover - PostgreSQL < 13
        terminate_connections(conn, name)
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(name)))


def drop_databases_like(server: Server, prefix: str) -> List[str]:
    """Drop every database whose name starts with ``prefix`` (end-of-run sweep)."""
    with admin_connect(server) as conn:
        names = [
            r[0]
            for r in conn.execute(
                "SELECT datname FROM pg_database WHERE left(datname, length(%s)) = %s",
                (prefix, prefix),
            ).fetchall()
        ]
        for name in names:
            drop_database(conn, name, server.server_version_num)
    return names


class DatabaseJanitor:
    """``with DatabaseJanitor(server, name, template=None) as db:`` creates, then drops, ``name``.

    With ``template``, other sessions connected to the template are terminated
    first (PostgreSQL cannot copy a database that is in use).
    """

    def __init__(self, server: Server, name: str, template: Optional[str] = None) -> None:
        if len(name.encode()) > 63:
            raise PggitError(f"database name too long (max 63 bytes): {name}", hint="shorten it")
        self.server = server
        self.name = name
        self.template = template
        self.database: Optional[Database] = None

    def create(self, conn: "Optional[psycopg.Connection]" = None) -> Database:
        """Create the database (through ``conn``, an autocommit admin connection, if given)."""
        if conn is not None:
            self._create(conn)
        else:
            with admin_connect(self.server) as own:
                self._create(own)
        self.database = Database(self.name, self.server.dsn(self.name), self.server)
        return self.database

    def _create(self, conn: "psycopg.Connection") -> None:
        import psycopg
        from psycopg import sql

        stmt = sql.SQL("CREATE DATABASE {}").format(sql.Identifier(self.name))
        if self.template:
            stmt = sql.SQL("{} TEMPLATE {}").format(stmt, sql.Identifier(self.template))
            if self.server.server_version_num >= 150000:
                # With fsync=off the checkpoint of FILE_COPY is cheap; measured faster
                # than the default WAL_LOG for small templates (20 ms vs 30 ms).
                stmt = sql.SQL("{} STRATEGY FILE_COPY").format(stmt)
        for attempt in range(50):
            if self.template:
                terminate_connections(conn, self.template)
            try:
                conn.execute(stmt)
                break
            except psycopg.errors.ObjectInUse as exc:  # terminated sessions still exiting
                if attempt == 49:
                    raise PggitError.from_psycopg(
                        exc, context=f"cannot clone {self.template} into {self.name}"
                    ) from exc
                time.sleep(0.02)
            except psycopg.Error as exc:
                raise PggitError.from_psycopg(
                    exc, context=f"cannot create database {self.name}"
                ) from exc

    def drop(self) -> None:
        """Drop the database (``WITH (FORCE)``); safe to call twice."""
        if self.database is None:
            return
        self.database = None
        with admin_connect(self.server) as conn:
            drop_database(conn, self.name, self.server.server_version_num)

    def __enter__(self) -> Database:
        return self.create()

    def __exit__(self, *exc_info: object) -> None:
        self.drop()


class BackgroundDropper:
    """Drops databases on a background thread (finished clones), off the tests' critical path."""

    def __init__(self, server: Server) -> None:
        self.server = server
        self.queue: "queue.Queue[Optional[str]]" = queue.Queue()
        self.errors: List[BaseException] = []
        self.thread = threading.Thread(target=self._work, name="pggit-dropper", daemon=True)
        self.thread.start()

    def put(self, name: str) -> None:
        self.queue.put(name)

    def _work(self) -> None:
        conn = None
        while True:
            name = self.queue.get()
            if name is None:
                break
            try:
                if conn is None or conn.closed or conn.broken:
                    conn = admin_connect(self.server)
                drop_database(conn, name, self.server.server_version_num)
            except Exception as exc:
                self.errors.append(exc)
        if conn is not None:
            conn.close()

    def close(self) -> List[BaseException]:
        """Drop what is queued, stop the thread; returns the errors met."""
        self.queue.put(None)
        self.thread.join(timeout=60)
        return self.errors
