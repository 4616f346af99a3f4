"""S1's docker variant (sec10, by reading): the docker backend gave the container the fixed
superuser password ``pggit`` and let testcontainers publish 5432 with no host address
(Docker binds it on every interface): any host reaching the CI machine was superuser for
the run.  Now the password is random per run and the port is published on 127.0.0.1."""
from __future__ import annotations

from typing import Any, Dict

from pytest_pggit.backends.docker import DockerBackend, _loopback_only


class _Container:
    def __init__(self) -> None:
        self.ports: Dict[str, Any] = {"5432": None}   # (PostgresContainer's with_exposed_ports)


def test_the_docker_backends_password_is_random_per_run() -> None:
    one, two = DockerBackend(image="postgres:16"), DockerBackend(image="postgres:16")
    p1, p2 = one.container_kwargs()["password"], two.container_kwargs()["password"]
    assert p1 != "pggit" and p2 != "pggit" and p1 != p2 and len(p1) >= 24
    assert one.container_kwargs()["password"] == p1   # (the same for the run)


def test_the_docker_backend_publishes_the_port_on_loopback_only() -> None:
    c = _Container()
    _loopback_only(c)
    assert c.ports == {"5432": ("127.0.0.1", None)}
