"""The dsn backend: use a PostgreSQL server that someone else runs.

``PYTEST_DONT_REWRITE`` (see :mod:`pytest_pggit.plugin`).
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Optional

from ..exceptions import BackendUnavailable
from . import Server

if TYPE_CHECKING:  # pragma: no cover
    from .local.cache import LayerCache

_CORE = ("host", "hostaddr", "port", "user", "dbname", "password")


class DsnBackend:
    """Attach to the server behind ``dsn``; needs CREATEDB (superuser for FORCE drops)."""

    name = "dsn"
    #: Why :func:`~pytest_pggit.backends.select` picked it ('' when it was named).
    reason = ""
    layer_cache: Optional["LayerCache"] = None  # only the local backend caches clusters

    def __init__(self, dsn: Optional[str], database_prefix: str = "pggit_") -> None:
        self.dsn = dsn
        #: The run's databases start with it (they are created here and dropped at the end).
        self.database_prefix = database_prefix
        self.server: Optional[Server] = None

    def describe(self) -> str:
        if not self.dsn:
            return "no DSN given (--pggit-dsn / PGGIT_DSN)"
        try:
            server = self.start()  # connecting is all a start does: the fixtures reuse it
        except BackendUnavailable as exc:
            cause = exc.__cause__ if exc.__cause__ is not None else exc
            return f"cannot connect: {str(cause).strip().splitlines()[0]}"
        return (f"PostgreSQL {server.version} as {server.user!r}, databases "
                f"{self.database_prefix}* created there and dropped at the end "
                "(cached templates pggit_cache_* stay: the newest 3)")

    def start(self) -> Server:
        if self.server is not None:
            return self.server
        if not self.dsn:
            raise BackendUnavailable(
                "--pggit-backend dsn needs a connection string",
                hint="pass --pggit-dsn 'postgresql://user@host:port/dbname' or set PGGIT_DSN",
            )
        import psycopg
        from psycopg.conninfo import conninfo_to_dict

        try:
            params = conninfo_to_dict(self.dsn)
        except psycopg.Error as exc:
            raise BackendUnavailable(
                f"invalid --pggit-dsn: {exc}", hint="use a libpq URI or key=value string"
            ) from exc
        try:
            with psycopg.connect(self.dsn, autocommit=True, connect_timeout=10) as conn:
                row = conn.execute(
                    "SELECT current_setting('server_version'), "
                    "current_setting('server_version_num')::int, current_user, current_database()"
                ).fetchone()
                host, port = conn.info.host, conn.info.port
                warnings = _role_warnings(conn)
        except psycopg.Error as exc:
            raise BackendUnavailable(
                f"cannot connect to --pggit-dsn server: {str(exc).strip()}",
                hint="check that the server runs and the DSN (host, port, user) is right",
            ) from exc
        assert row is not None
        options = {k: str(v) for k, v in params.items() if k not in _CORE and v is not None}
        password = params.get("password")
        self.server = Server(
            backend=self.name,
            version=row[0],
            server_version_num=row[1],
            host=str(host),
            port=int(port),
            user=row[2],
            dbname=row[3],
            password=str(password) if password else None,
            options=options,
            socket_dir=str(host) if str(host).startswith("/") else None,
            notes=[f"using the server at {host}:{port} as {row[2]!r} (databases {self.database_prefix}* "
                   "are dropped at the end)"] + warnings,
        )
        return self.server

    def stop(self) -> None:
        """Nothing to stop: the databases we created are dropped by their janitors."""


def _role_warnings(conn: "object") -> list:
    """Notes on what the DSN's role carries from earlier runs (security round 3, Z22): the
    project's SQL runs as this role, and on a server that outlives the job a pull
    request's ``ALTER ROLE CURRENT_USER SET ...`` stays with the role for every later
    run (``default_transaction_read_only``, ``search_path``, ``statement_timeout``).
    (A superuser role is not warned about: per-job service containers use one.)"""
    import psycopg

    try:
        row = conn.execute(  # type: ignore[attr-defined]
            "SELECT r.rolname, r.rolsuper,"
            "       (SELECT string_agg(DISTINCT split_part(c, '=', 1), ', ')"
            "        FROM pg_db_role_setting s CROSS JOIN LATERAL unnest(s.setconfig) c"
            "        WHERE s.setrole = r.oid AND s.setdatabase IN (0, (SELECT d.oid FROM pg_database d"
            "                                                         WHERE d.datname = current_database())))"
            " FROM pg_roles r WHERE r.rolname = current_user").fetchone()
    except psycopg.Error:
        return []
    if row is None:
        return []
    name, _superuser, settings = row
    notes = []
    if settings:
        notes.append(
            f"warning: role {name!r} carries settings of its own ({settings}; values not shown: they "
            "may be secrets): every session of the "
            "role gets them, and SQL run as this role (a pull request's schema files or steps) may "
            f"set them with ALTER ROLE CURRENT_USER SET; if you did not set them: ALTER ROLE \"{name}\" "
            "RESET ALL (see SECURITY.md, shared servers)")
    return notes
