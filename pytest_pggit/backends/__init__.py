"""Where the PostgreSQL server comes from.

A backend starts (or attaches to) a server and describes it as a :class:`Server`.
``local`` runs initdb/postgres from the machine's binaries; ``dsn`` uses a server
someone else runs; ``docker`` is not built yet.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Dict, List, Optional

try:  # Python 3.8+: typing.Protocol
    from typing import Protocol
except ImportError:  # pragma: no cover
    from typing_extensions import Protocol  # type: ignore


@dataclass
class Server:
    """A running PostgreSQL server that tests may connect to as a superuser."""

    backend: str
    version: str
    server_version_num: int
    host: str
    port: int
    user: str
    dbname: str = "postgres"
    password: Optional[str] = None
    socket_dir: Optional[str] = None
    #: Extra libpq parameters (sslmode ...) carried over from a user's DSN.
    options: Dict[str, str] = field(default_factory=dict)
    #: Human-readable lines saying what the backend did (printed by the plugin).
    notes: List[str] = field(default_factory=list)
    #: Local backend only: the temporary directory (data dir = base_dir/data).
    base_dir: Optional[str] = None
    #: Local backend only: the postmaster's pid.
    pid: Optional[int] = None
    #: A database in this server that already holds the SQL layer (a cached cluster):
    #: templates are cloned from it instead of installing the layer again.
    layer_db: Optional[str] = None

    def dsn(self, dbname: Optional[str] = None) -> str:
        """A libpq connection string for ``dbname`` (default: the admin database)."""
        from psycopg.conninfo import make_conninfo

        params: Dict[str, Any] = dict(self.options)
        params.update(host=self.host, port=str(self.port), user=self.user)
        params["dbname"] = dbname or self.dbname
        if self.password:
            params["password"] = self.password
        return make_conninfo("", **params)

    @property
    def conninfo(self) -> str:
        return self.dsn()

    @property
    def data_dir(self) -> Optional[str]:
        return f"{self.base_dir}/data" if self.base_dir else None

    def to_dict(self) -> Dict[str, Any]:
        """Plain data (for passing to xdist workers)."""
        return asdict(self)

    @classmethod
    def from_dict(cls, data: Dict[str, Any]) -> "Server":
        return cls(**data)


class Backend(Protocol):
    """Starts a server once; ``stop`` must be idempotent."""

    name: str

    def start(self) -> Server:  # pragma: no cover - protocol
        ...

    def stop(self) -> None:  # pragma: no cover - protocol
        ...


def query_server(conninfo: str) -> Dict[str, Any]:
    """Ask a server for its version (``SHOW server_version`` / ``server_version_num``)."""
    import psycopg

    with psycopg.connect(conninfo, autocommit=True, connect_timeout=10) as conn:
        row = conn.execute(
            "SELECT current_setting('server_version'), "
            "current_setting('server_version_num')::int, current_user, current_database()"
        ).fetchone()
    assert row is not None
    return {"version": row[0], "server_version_num": row[1], "user": row[2], "dbname": row[3]}
