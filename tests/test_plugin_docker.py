"""The docker backend's wiring, tested without a Docker engine (there is none here).

The container class is injected: a stand-in that records what it was given and
"maps" the container's port to a real PostgreSQL server (the outer run's), so
everything after the container start runs for real.  The engine-less error is
the real one: testcontainers' docker.from_env() failing.
"""
from __future__ import annotations

from typing import Any, Dict, List

import psycopg
import psycopg.conninfo
import pytest

from pytest_pggit.backends import Server
from pytest_pggit.backends.docker import DockerBackend, postgres_container_class
from pytest_pggit.exceptions import BackendUnavailable


class RecordingContainer:
    """Stands in for PostgresContainer; its "container" is an already running server."""

    instances: List["RecordingContainer"] = []
    target: Server

    def __init__(self, **kwargs: Any) -> None:
        self.kwargs = kwargs
        self.calls: List[Any] = []
        RecordingContainer.instances.append(self)

    def with_command(self, command: str) -> "RecordingContainer":
        self.calls.append(("with_command", command))
        return self

    def with_tmpfs_mount(self, path: str, size: Any = None) -> "RecordingContainer":
        self.calls.append(("with_tmpfs_mount", path))
        return self

    def start(self) -> "RecordingContainer":
        self.calls.append(("start",))
        return self

    def get_container_host_ip(self) -> str:
        return self.target.host

    def get_exposed_port(self, port: int) -> int:
        assert port == 5432
        return self.target.port

    def get_connection_url(self, driver: Any = "psycopg2") -> str:
        self.calls.append(("get_connection_url", driver))
        t = self.target
        # (the stand-in server's own password: the local backend asks for one over TCP)
        auth = f"{t.user}:{t.password}" if t.password else t.user
        return f"postgresql://{auth}@{t.host}:{t.port}/{t.dbname}"

    def stop(self) -> None:
        self.calls.append(("stop",))


@pytest.fixture
def recording(pggit_server: Server):
    RecordingContainer.instances = []
    RecordingContainer.target = pggit_server
    return RecordingContainer


def test_arguments_given_to_postgres_container(recording) -> None:
    backend = DockerBackend(image="postgres:16-alpine", container_factory=recording)
    server = backend.start()
    (c,) = recording.instances
    assert c.kwargs == {"image": "postgres:16-alpine", "username": "postgres", "password": backend.password,
                        "dbname": "postgres", "driver": None}
    assert backend.password and len(backend.password) >= 24   # (random per run: S1, sec10)
    assert ("with_command", "postgres -c fsync=off -c synchronous_commit=off "
            "-c full_page_writes=off") in c.calls
    assert ("with_tmpfs_mount", "/var/lib/postgresql") in c.calls
    assert ("get_connection_url", None) in c.calls  # a plain postgresql:// URL for psycopg 3
    assert server.backend == "docker" and server.port == recording.target.port
    assert server.server_version_num >= 140000 and server.version
    # the real server behind it (with its own password, not the container's)
    real = psycopg.conninfo.make_conninfo(server.dsn(), password=recording.target.password or "")
    with psycopg.connect(real, autocommit=True) as conn:
        assert conn.execute("SELECT 1").fetchone() == (1,)
    backend.stop()
    backend.stop()
    assert c.calls[-1] == ("stop",) and c.calls.count(("stop",)) == 1


def test_the_real_container_class_is_testcontainers() -> None:
    cls = postgres_container_class()
    assert cls.__name__ == "PostgresContainer" and cls.__module__.startswith("testcontainers")


def test_no_engine_is_an_actionable_error(monkeypatch) -> None:
    monkeypatch.setenv("DOCKER_HOST", "unix:///nonexistent/docker.sock")
    with pytest.raises(BackendUnavailable) as info:
        DockerBackend().start()
    assert "the docker backend found no Docker engine" in info.value.message
    assert "--pggit-backend local" in info.value.hint and "DOCKER_HOST" in info.value.hint


def test_no_engine_stops_the_run_with_one_message(pytester: pytest.Pytester, monkeypatch) -> None:
    monkeypatch.setenv("DOCKER_HOST", "unix:///nonexistent/docker.sock")
    pytester.makepyfile("def test_a(pggit_db):\n    pass\n\ndef test_b(pggit_conn):\n    pass\n")
    result = pytester.runpytest("--pggit", "--pggit-backend", "docker", "--pggit-image", "postgres:18")
    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines([
        "pggit: backend docker: image postgres:18 *",
        "pytest-pggit: the docker backend found no Docker engine: *",
        "hint: start a Docker engine*--pggit-backend local*--pggit-backend dsn*",
        "*! pytest-pggit could not start: the docker backend found no Docker engine*",
    ])


def test_a_whole_run_on_the_docker_backend(pytester: pytest.Pytester, pggit_server: Server) -> None:
    """The plugin drives the (injected) container: start, template, fixtures, stop."""
    pytester.makeconftest(
        f"""
        import pytest
        from pytest_pggit.backends import docker

        calls = []

        class Container:
            def __init__(self, **kwargs):
                calls.append(("init", kwargs))
            def with_command(self, c): calls.append(("cmd", c))
            def with_tmpfs_mount(self, p): calls.append(("tmpfs", p))
            def start(self): calls.append(("start",))
            def get_container_host_ip(self): return "127.0.0.1"
            def get_exposed_port(self, port): return {pggit_server.port}
            def get_connection_url(self, driver="psycopg2"):
                return "postgresql://postgres:{pggit_server.password or ''}@127.0.0.1:{pggit_server.port}/postgres"
            def stop(self):
                calls.append(("stop",))
                import pathlib
                pathlib.Path("stopped.txt").write_text(repr(calls))

        docker.postgres_container_class = lambda: Container
        """
    )
    pytester.makepyfile(
        """
        import conftest

        def test_run(pggit_server, pggit):
            assert pggit_server.backend == "docker"
            assert conftest.calls[0][1]["image"] == "postgres:15-alpine"
            pggit.execute("CREATE TABLE t (id int)")
            assert pggit.commit("on docker").branch == "main"
        """
    )
    # a subprocess: the conftest replaces the container class for its own process only
    result = pytester.runpytest_subprocess("--pggit", "--pggit-backend", "docker", "--pggit-image",
                                           "postgres:15-alpine", "-p", "no:randomly")
    result.assert_outcomes(passed=1)
    result.stdout.fnmatch_lines(["pggit: docker backend, PostgreSQL *",
                                 "pggit: container postgres:15-alpine (?) started in *"])
    assert "('stop',)" in (pytester.path / "stopped.txt").read_text()
