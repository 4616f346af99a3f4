"""The DSN backend's sweep of databases that killed runs left (a real server, the run's).

V6 (security round 2): every database named ``pggit_<10 hex>_...`` whose run lock was
not held was dropped ``WITH (FORCE)``: a database merely named like a run's lost its
data and its live sessions.  Only a run's own databases go now: marked when made,
owned by this role, with no client session."""
from __future__ import annotations

import uuid

import psycopg
import pytest

from pytest_pggit.backends import Server
from pytest_pggit.janitor import RUN_MARKER, DatabaseJanitor, drop_stale_databases


def names(server: Server, like: str) -> list:
    with psycopg.connect(server.dsn("postgres"), autocommit=True) as conn:
        return [r[0] for r in conn.execute(
            "SELECT datname FROM pg_database WHERE datname LIKE %s ORDER BY 1", (like,))]


def test_the_sweep_drops_only_dead_runs_own_marked_idle_databases(pggit_server: Server) -> None:
    stem = uuid.uuid4().hex[:8]
    dead, named, busy, others = (f"pggit_{stem}{i:02x}_x" for i in range(4))
    role = f"sweep_other_{stem}"
    made = [DatabaseJanitor(pggit_server, n).create() for n in (dead, busy, others)]
    admin = psycopg.connect(pggit_server.dsn("postgres"), autocommit=True)
    try:
        admin.execute(f'CREATE DATABASE "{named}"')                  # named like a run's, not one
        admin.execute(f'CREATE ROLE "{role}"')
        admin.execute(f'ALTER DATABASE "{others}" OWNER TO "{role}"')   # another role's run
        marks = dict(admin.execute(
            "SELECT datname, shobj_description(oid, 'pg_database') FROM pg_database "
            "WHERE datname = ANY(%s)", ([dead, named, busy, others],)).fetchall())
        assert marks[dead] == RUN_MARKER and marks[named] is None
        with psycopg.connect(made[1].dsn) as session:                 # a live session on it
            session.execute("SELECT 1")
            dropped = drop_stale_databases(pggit_server, "pggit_ffffffffff_")
            assert [n for n in dropped if n.startswith(f"pggit_{stem}")] == [dead]
            assert names(pggit_server, f"pggit_{stem}%") == sorted([named, busy, others])
            assert session.execute("SELECT 1").fetchone() == (1,)      # not terminated
    finally:
        for n in (dead, named, busy, others):
            admin.execute(f'DROP DATABASE IF EXISTS "{n}" WITH (FORCE)')
        admin.execute(f'DROP ROLE IF EXISTS "{role}"')
        admin.close()
