"""Create and drop databases: one at a time (:class:`DatabaseJanitor`, optionally cloned
from a template), many by name prefix (:func:`drop_databases_like`), or in the background
(:class:`BackgroundDropper`); and those of runs that died (:class:`RunLock`,
:func:`drop_stale_databases`).

``PYTEST_DONT_REWRITE`` (see :mod:`pytest_pggit.plugin`)."""
from __future__ import annotations

import queue
import re
import threading
import zlib
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, List, Optional

from .backends import Server
from .exceptions import PggitError

if TYPE_CHECKING:  # pragma: no cover
    import psycopg


#: How long a clone waits for other sessions to leave its template before it fails.
CLONE_WAIT_SECONDS = 5.0
#: First key of the advisory lock each run holds while its databases exist ('pgir').
RUN_LOCK_NAMESPACE = 0x70676972
#: The databases of a run that holds a :class:`RunLock`: ``pggit_<10 hex digits>_...``
#: (runs of versions before the lock used 8 digits: theirs are never swept).
RUN_DATABASE = re.compile(r"^(pggit_[0-9a-f]{10}_)")


@dataclass
class Database:
    """A database on ``server`` that tests may use."""

    name: str
    dsn: str
    server: Server
    #: ``lock_timeout`` of the connections :meth:`connect` opens (``--pggit-lock-timeout``).
    lock_timeout: Optional[str] = None

    @property
    def url(self) -> str:
        """The database as a SQLAlchemy URL, ``postgresql+psycopg://user:pass@host:port/db``
        (user, password and database percent-encoded; a unix-socket host as ``?host=``;
        the server's other connection options as query parameters)."""
        return sqlalchemy_url(self.dsn)

    def connect(self, **kwargs: Any) -> "psycopg.Connection":
        """A psycopg connection; ``lock_timeout`` set unless ``options`` is given."""
        import psycopg

        return psycopg.connect(with_lock_timeout(self.dsn, self.lock_timeout), **kwargs)


def sqlalchemy_url(dsn: str) -> str:
    """A libpq connection string as a SQLAlchemy URL for psycopg 3."""
    from urllib.parse import quote, urlencode

    from psycopg.conninfo import conninfo_to_dict

    params = {k: str(v) for k, v in conninfo_to_dict(dsn).items() if v is not None}
    user = quote(params.pop("user", ""), safe="")
    password = params.pop("password", None)
    host = params.pop("host", "")
    port = params.pop("port", "")
    dbname = quote(params.pop("dbname", ""), safe="")
    auth = (user + (":" + quote(password, safe="") if password is not None else "") + "@") if user else ""
    query = dict(params)
    netloc_host = host
    if host.startswith("/") or "," in host:   # a socket directory, or several hosts
        query["host"] = host
        netloc_host = ""
    elif ":" in host:                         # an IPv6 address
        netloc_host = f"[{host}]"
    netloc = auth + netloc_host + (f":{port}" if port and netloc_host else "")
    if port and not netloc_host:
        query["port"] = port
    tail = ("?" + urlencode(query, quote_via=quote)) if query else ""
    return f"postgresql+psycopg://{netloc}/{dbname}{tail}"


def with_lock_timeout(dsn: str, lock_timeout: Optional[str]) -> str:
    """``dsn`` whose sessions start with ``lock_timeout`` set (added to the ``options``
    the dsn has, else to ``$PGOPTIONS``, which libpq would have used)."""
    if not lock_timeout:
        return dsn
    import os

    from psycopg.conninfo import conninfo_to_dict, make_conninfo

    params = conninfo_to_dict(dsn)
    options = str(params.get("options") or os.environ.get("PGOPTIONS", "")).strip()
    setting = "-c lock_timeout=" + str(lock_timeout).replace(" ", "")
    params["options"] = f"{options} {setting}".strip()
    return make_conninfo("", **params)


def admin_connect(server: Server, lock_timeout: Optional[str] = None) -> "psycopg.Connection":
    import psycopg

    return psycopg.connect(with_lock_timeout(server.dsn(), lock_timeout), autocommit=True,
                           connect_timeout=10)


def other_sessions(conn: "psycopg.Connection", dbname: str) -> List[str]:
    """The other client sessions connected to ``dbname``: ``application_name (pid N, ...)``
    each (an autovacuum worker is not listed: CREATE DATABASE stops those itself)."""
    rows = conn.execute(
        "SELECT coalesce(nullif(application_name, ''), '(no application_name)'), pid, "
        "coalesce(usename, '?'), coalesce(client_addr::text, 'local') FROM pg_stat_activity "
        "WHERE datname = %s AND pid <> pg_backend_pid() AND backend_type = 'client backend' "
        "ORDER BY pid",
        (dbname,),
    ).fetchall()
    return [f"{name!r} (pid {pid}, user {user}, from {addr})" for name, pid, user, addr in rows]


def mark_template(conn: "psycopg.Connection", name: str, on: bool = True) -> None:
    """Set ``IS_TEMPLATE`` of ``name``: a template database refuses ``DROP DATABASE``, so
    another plugin's teardown cannot drop it; :func:`drop_database` un-marks it first."""
    from psycopg import sql

    conn.execute(sql.SQL("ALTER DATABASE {} IS_TEMPLATE {}").format(
        sql.Identifier(name), sql.SQL("true" if on else "false")))


def keep_out_others(conn: "psycopg.Connection", name: str) -> None:
    """Revoke ``CONNECT`` and ``TEMPORARY`` on ``name`` from ``PUBLIC``: only its owner (the
    run's role) and superusers may connect.  For templates being built and the template
    cache's entries: on a shared server any role could hold a session on another team's
    entry (its clones then fail, 55006) or run ``ALTER DEFAULT PRIVILEGES`` there, which
    every later clone held (Z4), or do so in the database a template is built in, which
    the entry and its baseline commit then kept (Z10)."""
    from psycopg import sql

    conn.execute(sql.SQL("REVOKE CONNECT, TEMPORARY ON DATABASE {} FROM PUBLIC").format(sql.Identifier(name)))


def open_to_others(conn: "psycopg.Connection", name: str) -> None:
    """PostgreSQL's default back on ``name`` (``CONNECT``, ``TEMPORARY`` for ``PUBLIC``):
    for the template the tests use once it is built (and stored), since tests connect to
    it as roles of their own."""
    from psycopg import sql

    conn.execute(sql.SQL("GRANT CONNECT, TEMPORARY ON DATABASE {} TO PUBLIC").format(sql.Identifier(name)))


def terminate_connections(conn: "psycopg.Connection", dbname: str) -> int:
    """Terminate every other session connected to ``dbname``; returns how many."""
    rows = conn.execute(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
        "WHERE datname = %s AND pid <> pg_backend_pid()",
        (dbname,),
    ).fetchall()
    return len(rows)


def drop_database(conn: "psycopg.Connection", name: str, server_version_num: int) -> None:
    """Drop ``name`` if it exists, un-marking it first when it is a template (ours are)."""
    from psycopg import sql

    row = conn.execute("SELECT datistemplate FROM pg_database WHERE datname = %s", (name,)).fetchone()
    if row is None:
        return
    if row[0]:
        mark_template(conn, name, False)

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


def run_lock_id(prefix: str) -> int:
    """Second key of the run lock of the run whose databases start with ``prefix``."""
    return zlib.crc32(prefix.encode()) & 0x7FFFFFFF


class RunLock:
    """The advisory lock a run holds, on a connection of its own, from before it creates
    its first database until after it dropped its last: while it is held, the run's
    databases are in use.  A run killed outright (``kill -9``) loses it with its
    connection, and a later run's :func:`drop_stale_databases` drops what it left."""

    def __init__(self, server: Server, prefix: str) -> None:
        self.server = server
        self.prefix = prefix
        self.conn: "Optional[psycopg.Connection]" = None

    def acquire(self) -> None:
        import psycopg

        if self.conn is not None:
            return
        try:
            conn = psycopg.connect(self.server.dsn(), autocommit=True, connect_timeout=10,
                                   application_name=f"pytest-pggit run {self.prefix}*")
        except psycopg.Error as exc:
            raise PggitError.from_psycopg(exc, context="cannot open the run's lock connection") from exc
        try:
            row = conn.execute("SELECT pg_try_advisory_lock(%s, %s)",
                               (RUN_LOCK_NAMESPACE, run_lock_id(self.prefix))).fetchone()
        except psycopg.Error as exc:
            conn.close()
            raise PggitError.from_psycopg(exc, context="cannot take the run's advisory lock") from exc
        if not (row and row[0]):
            conn.close()
            raise PggitError(f"another run holds the lock of the database prefix {self.prefix}",
                             hint="two runs got the same run id: start this one again")
        self.conn = conn

    def release(self) -> None:
        conn, self.conn = self.conn, None
        if conn is not None:
            conn.close()


#: the comment a run's database gets when it is made: the stale sweep drops no other
RUN_MARKER = "pytest-pggit run database (dropped by a later run when its run is gone)"


def drop_stale_databases(server: Server, own_prefix: str) -> List[str]:
    """Drop the databases (``pggit_<run id>_...``) of runs that no longer hold their
    :class:`RunLock`: killed before they could clean up.  Returns their names.

    Only databases a run made (:data:`RUN_MARKER`, which only their owner can set) that
    this role owns, and none with a client session (a session means it is in use: V6, a
    database merely named like a run's was dropped ``WITH (FORCE)``, its sessions ended)."""
    import psycopg

    dropped: List[str] = []
    with admin_connect(server) as conn:
        names = [r[0] for r in conn.execute(
            "SELECT d.datname FROM pg_database d WHERE d.datname ~ %s "
            "AND d.datdba = (SELECT oid FROM pg_roles WHERE rolname = current_user) "
            "AND shobj_description(d.oid, 'pg_database') = %s "
            "AND NOT EXISTS (SELECT FROM pg_stat_activity a WHERE a.datid = d.oid "
            "                AND a.backend_type = 'client backend' AND a.pid <> pg_backend_pid()) "
            "ORDER BY 1", (RUN_DATABASE.pattern, RUN_MARKER)).fetchall()]
        held = {int(r[0]) for r in conn.execute(
            "SELECT objid FROM pg_locks WHERE locktype = 'advisory' AND classid = %s "
            "AND objsubid = 2 AND granted", (RUN_LOCK_NAMESPACE,)).fetchall()}
        for name in names:
            m = RUN_DATABASE.match(name)
            if m is None or m.group(1) == own_prefix or run_lock_id(m.group(1)) in held:
                continue
            try:
                drop_database(conn, name, server.server_version_num)
                dropped.append(name)
            except psycopg.Error:
                pass   # not ours to drop (another user's), or gone meanwhile
    return dropped


class DatabaseJanitor:
    """``with DatabaseJanitor(server, name, template=None) as db:`` creates, then drops, ``name``.

    With ``template``, the copy waits up to ``wait`` seconds for other sessions to leave
    the template (PostgreSQL cannot copy a database that is in use), then fails naming
    them: it never terminates them (they may be another fixture's or the user's).
    """

    def __init__(self, server: Server, name: str, template: Optional[str] = None,
                 lock_timeout: Optional[str] = None, wait: float = CLONE_WAIT_SECONDS,
                 private: bool = False) -> None:
        if len(name.encode()) > 63:
            raise PggitError(f"database name too long (max 63 bytes): {name}", hint="shorten it")
        self.server = server
        self.name = name
        self.template = template
        self.lock_timeout = lock_timeout
        self.wait = wait
        #: made with ``CONNECT``/``TEMPORARY`` revoked from ``PUBLIC`` before anyone may
        #: connect (a template being built, a cache entry: Z10); :func:`open_to_others`
        #: gives them back to the one the tests use
        self.private = private
        self.database: Optional[Database] = None

    def create(self, conn: "Optional[psycopg.Connection]" = None) -> Database:
        """Create the database (through ``conn``, an autocommit admin connection, if given)."""
        if conn is not None:
            self._create(conn)
        else:
            with admin_connect(self.server, self.lock_timeout) as own:
                self._create(own)
        self.database = Database(self.name, self.server.dsn(self.name), self.server,
                                 lock_timeout=self.lock_timeout)
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
        if self.private:   # nobody connects until PUBLIC's CONNECT is gone
            stmt = sql.SQL("{} ALLOW_CONNECTIONS false").format(stmt)
        deadline = time.monotonic() + self.wait
        pause = 0.01
        while True:
            try:
                conn.execute(stmt)
                if RUN_DATABASE.match(self.name):   # (the stale sweep's mark: V6)
                    conn.execute(sql.SQL("COMMENT ON DATABASE {} IS {}").format(
                        sql.Identifier(self.name), sql.Literal(RUN_MARKER)))
                if self.private:
                    keep_out_others(conn, self.name)
                    conn.execute(sql.SQL("ALTER DATABASE {} ALLOW_CONNECTIONS true").format(
                        sql.Identifier(self.name)))
                break
            except psycopg.errors.ObjectInUse as exc:  # closed sessions still exiting, or others
                if time.monotonic() < deadline:
                    time.sleep(pause)
                    pause = min(pause * 2, 0.2)
                    continue
                sessions = other_sessions(conn, str(self.template))
                raise PggitError(
                    f"cannot clone {self.template} into {self.name}: after {self.wait:g}s, "
                    f"{len(sessions)} other session(s) are still connected to it: "
                    + (", ".join(sessions) or "(they left just now)"),
                    hint="PostgreSQL copies a database only while nobody is connected to it: close "
                         "the connections your tests or fixtures opened to pggit_db (e.g. "
                         "engine.dispose() for a SQLAlchemy engine), or connect to "
                         "pggit_isolated_db instead; pytest-pggit does not terminate them",
                    sqlstate=exc.sqlstate) from exc
            except psycopg.Error as exc:
                raise PggitError.from_psycopg(
                    exc, context=f"cannot create database {self.name}"
                ) from exc

    def drop(self) -> None:
        """Drop the database (``WITH (FORCE)``); safe to call twice."""
        if self.database is None:
            return
        self.database = None
        with admin_connect(self.server, self.lock_timeout) as conn:
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
