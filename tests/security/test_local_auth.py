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
