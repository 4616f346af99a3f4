"""The docker backend: a throwaway PostgreSQL container (testcontainers' PostgresContainer).

* ``--pggit-image`` picks the image (default ``postgres:17-alpine``), so a CI matrix
  can run the suite against every supported PostgreSQL version.
* The data directory is a tmpfs inside the container and the server runs with the
  same non-durable settings as the local backend (fsync, synchronous_commit,
  full_page_writes off).
* testcontainers starts its reaper (Ryuk), which removes the container even if
  pytest is killed; a normal end (also Ctrl-C) stops it at once.
* When no Docker engine answers, the error says so and what to do instead.

``PYTEST_DONT_REWRITE`` (see :mod:`pytest_pggit.plugin`).
"""
from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any, Callable, Dict, Optional

from ..exceptions import BackendUnavailable, PggitError, ServerStartError
from . import NON_DURABLE_SETTINGS, Server, query_server

if TYPE_CHECKING:  # pragma: no cover
    from .local.cache import LayerCache

USER = "postgres"
DBNAME = "postgres"
PGDATA_PARENT = "/var/lib/postgresql"  # PGDATA lives below it in every official image (<=17 and 18+)

NO_ENGINE_HINT = (
    "start a Docker engine (Docker Desktop, `systemctl start docker`, or point DOCKER_HOST "
    "at one), or use another backend: --pggit-backend local (PostgreSQL binaries on this "
    "machine, --pggit-pg-bin DIR) or --pggit-backend dsn --pggit-dsn URI"
)


def postgres_container_class() -> Callable[..., Any]:
    """testcontainers' ``PostgresContainer`` (>= 4; newer releases moved it to ``community``)."""
    try:
        from testcontainers.community.postgres import PostgresContainer  # type: ignore
    except ImportError:
        try:
            from testcontainers.postgres import PostgresContainer  # type: ignore
        except ImportError as exc:
            raise BackendUnavailable(
                f"the docker backend needs testcontainers[postgres] >= 4 ({exc})",
                hint="pip install 'testcontainers[postgres]>=4'",
            ) from exc
    return PostgresContainer


def server_command() -> str:
    return "postgres " + " ".join(f"-c {k}={v}" for k, v in NON_DURABLE_SETTINGS.items())


def _engine_error(exc: BaseException) -> BackendUnavailable:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return BackendUnavailable(
        f"the docker backend found no Docker engine: {text}", hint=NO_ENGINE_HINT
    )


class DockerBackend:
    """Run PostgreSQL in a container for the duration of the run."""

    name = "docker"
    #: Why :func:`~pytest_pggit.backends.select` picked it ('' when it was named).
    reason = ""
    layer_cache: Optional["LayerCache"] = None  # only the local backend caches clusters

    def __init__(
        self,
        image: str = "postgres:17-alpine",
        start_timeout: float = 60.0,
        container_factory: Optional[Callable[..., Any]] = None,
        auto_local_error: Optional[str] = None,
    ) -> None:
        self.image = image
        self.start_timeout = start_timeout
        #: Builds the container; testcontainers' PostgresContainer unless injected.
        self.container_factory = container_factory
        #: Why ``--pggit-backend auto`` did not pick local (None when docker was named).
        self.auto_local_error = auto_local_error
        self.container: Any = None
        #: The superuser's password, random per run (:meth:`container_kwargs`).
        self.password: Optional[str] = None
        self.server: Optional[Server] = None
        self._stopped = False

    def container_kwargs(self) -> Dict[str, Any]:
        """The arguments given to PostgresContainer: the superuser's password is this
        run's, random (S1, sec10: a fixed ``pggit`` on a port Docker publishes on every
        interface made any host that reaches the machine a superuser while a run lasted)."""
        if self.password is None:
            import secrets

            self.password = secrets.token_urlsafe(24)
        return {
            "image": self.image,
            "username": USER,
            "password": self.password,
            "dbname": DBNAME,
            "driver": None,  # plain postgresql:// URLs, usable by psycopg 3
        }

    def _make_container(self) -> Any:
        factory = self.container_factory or postgres_container_class()
        try:
            container = factory(**self.container_kwargs())
        except BackendUnavailable:
            raise
        except Exception as exc:  # docker.from_env() fails inside the constructor
            raise _engine_error(exc) from exc
        container.with_command(server_command())
        _loopback_only(container)
        if hasattr(container, "with_tmpfs_mount"):  # testcontainers >= 4.10
            container.with_tmpfs_mount(PGDATA_PARENT)
        return container

    def describe(self) -> str:
        return f"image {self.image} (PostgreSQL version shown once the container runs)"

    def start(self) -> Server:
        try:
            return self._start()
        except PggitError as exc:
            if self.auto_local_error:  # say why a user without Docker got docker at all
                exc.message = (f"--pggit-backend auto found neither a DSN nor PostgreSQL binaries "
                               f"({self.auto_local_error}), and {exc.message}")
                exc.args = (exc.message,)
            raise

    def _start(self) -> Server:
        if self.server is not None:
            return self.server
        if self._stopped:
            raise ServerStartError("this DockerBackend was stopped", hint="make a new one")
        t0 = time.monotonic()
        container = self._make_container()
        self.container = container
        try:
            try:
                container.start()
            except Exception as exc:
                if _looks_like_engine_error(exc):
                    raise _engine_error(exc) from exc
                raise ServerStartError(
                    f"the {self.image} container did not start: {str(exc).strip()}",
                    hint="check the image name (--pggit-image) and `docker logs` of the container",
                ) from exc
            host = container.get_container_host_ip()
            port = int(container.get_exposed_port(5432))
            url = container.get_connection_url(driver=None)
            info = self._wait_ready(url)
        except BaseException:
            self.stop()
            raise
        self.server = Server(
            backend=self.name,
            version=info["version"],
            server_version_num=info["server_version_num"],
            host=str(host),
            port=port,
            user=USER,
            dbname=DBNAME,
            # (the URL's own, as testcontainers reports it; self.password is what it was given)
            password=_url_password(url) or self.password,
            notes=[
                f"container {self.image} ({_short_id(container)}) started in {time.monotonic() - t0:.2f} s on {host}:{port}, data on tmpfs, "
                + ", ".join(f"{k}={v}" for k, v in NON_DURABLE_SETTINGS.items())
            ],
        )
        return self.server

    def _wait_ready(self, url: str) -> Dict[str, Any]:
        """A real query through the mapped port, within the start timeout."""
        import psycopg

        deadline = time.monotonic() + self.start_timeout
        while True:
            try:
                return query_server(url)
            except psycopg.Error as exc:
                if time.monotonic() > deadline:
                    logs = ""
                    try:
                        out, err = self.container.get_logs()
                        logs = (out + err).decode(errors="replace")[-3000:]
                    except Exception:  # pragma: no cover - best effort
                        pass
                    raise ServerStartError(
                        f"the {self.image} container did not accept connections within "
                        f"{self.start_timeout:g} s (last error: {str(exc).strip()}); container log:\n{logs}",
                        hint="raise --pggit-start-timeout if the machine is slow",
                    ) from exc
                time.sleep(0.1)

    def stop(self) -> None:
        """Stop and remove the container. Idempotent."""
        if self._stopped:
            return
        self._stopped = True
        container, self.container = self.container, None
        if container is not None:
            try:
                container.stop()
            except Exception:  # pragma: no cover - Ryuk removes it anyway
                pass


def _short_id(container: Any) -> str:
    inner = getattr(container, "_container", None)
    return str(getattr(inner, "short_id", None) or "?")


def _looks_like_engine_error(exc: BaseException) -> bool:
    text = f"{type(exc).__module__}.{type(exc).__name__}: {exc}"
    return any(
        needle in text
        for needle in ("DockerException", "Error while fetching server API version",
                       "Connection refused", "FileNotFoundError", "docker.sock")
    )


def _loopback_only(container: Any) -> None:
    """Publish the container's 5432 on 127.0.0.1 only: testcontainers exposes it with no
    host address, which Docker binds on every interface (0.0.0.0 and ::), past host
    firewalls (S1, sec10).  docker-py takes ``(address, None)``: that address, a free port."""
    ports = getattr(container, "ports", None)
    if isinstance(ports, dict):
        for key, value in list(ports.items()):
            if str(key).split("/")[0] == "5432" and value is None:
                ports[key] = ("127.0.0.1", None)


def _url_password(url: str) -> Optional[str]:
    """The password in a ``postgresql://user:password@host/...`` URL, if it holds one."""
    from psycopg.conninfo import conninfo_to_dict

    try:
        value = conninfo_to_dict(url).get("password")
    except Exception:  # pragma: no cover - a URL libpq cannot read fails at connect anyway
        return None
    return str(value) if value else None
