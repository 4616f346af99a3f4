"""S1 (sec10): the local backend's server listened on 127.0.0.1 with initdb's trust:
any local OS user connected as the superuser while a run lasted (and planted objects
in pggit_layer, which the layer cache keeps).  Over TCP the superuser now needs a
password set for the run over the private unix socket; the run's DSNs carry it."""
from __future__ import annotations

import psycopg
import pytest

from pytest_pggit.backends.local import LocalBackend


def test_the_local_server_asks_the_superuser_for_the_runs_password_over_tcp() -> None:
    backend = LocalBackend()
    try:
        server = backend.start()
        assert server.password
        for extra in ("", "password=wrong "):
            with pytest.raises(psycopg.OperationalError, match="password"):
                psycopg.connect(f"host=127.0.0.1 port={server.port} user=postgres dbname=postgres "
                                f"{extra}connect_timeout=5", autocommit=True).close()
        with psycopg.connect(server.dsn(), autocommit=True) as conn:   # the run's DSN: with it
            assert conn.execute("SELECT current_user").fetchone()[0] == "postgres"
    finally:
        backend.stop()


def test_over_tcp_every_role_needs_a_password_and_the_runs_dsns_use_the_private_socket() -> None:
    """S1's rest (sec10, run3.sh): a project's login role (``app_rw``) was trusted over
    TCP: another local OS user connected as it and planted objects in the templates."""
    import os

    backend = LocalBackend()
    try:
        server = backend.start()
        assert server.socket_dir and f"host={server.socket_dir}" in server.dsn()
        assert os.stat(server.socket_dir).st_mode & 0o077 == 0   # (the run's private folder)
        with psycopg.connect(server.dsn(), autocommit=True) as conn:
            conn.execute("CREATE ROLE app_rw LOGIN")
        with pytest.raises(psycopg.OperationalError, match="password"):
            psycopg.connect(f"host=127.0.0.1 port={server.port} user=app_rw dbname=postgres "
                            "connect_timeout=5", autocommit=True).close()
        with psycopg.connect(server.dsn(), user="app_rw", autocommit=True) as conn:   # (the socket)
            assert conn.execute("SELECT current_user").fetchone()[0] == "app_rw"
    finally:
        backend.stop()
