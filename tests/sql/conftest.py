"""Fixtures for the SQL layer's tests: a private database per test, real psql."""
from __future__ import annotations

import os
import shutil
import subprocess
import uuid
from pathlib import Path
from typing import Any, Dict, Generator, List, Optional, Sequence

import psycopg
import pytest
from psycopg.rows import dict_row

from pytest_pggit.janitor import DatabaseJanitor, admin_connect

SQL_DIR = Path(__file__).resolve().parents[2] / "sql"


def psql_binary() -> str:
    """psql from PATH, else beside the server binaries (pg_config --bindir)."""
    found = shutil.which("psql")
    if found:
        return found
    bindir = subprocess.run(["pg_config", "--bindir"], capture_output=True, text=True).stdout.strip()
    return str(Path(bindir) / "psql")


class SqlDb:
    """An autocommit connection to one test database, with small query helpers.

    ``notices`` collects the server's NOTICE/WARNING messages in order.
    """

    def __init__(self, dsn: str, name: str) -> None:
        self.dsn = dsn
        self.name = name
        self.notices: List[str] = []
        self.conn = psycopg.connect(dsn, autocommit=True, row_factory=dict_row)
        self.conn.add_notice_handler(lambda d: self.notices.append(d.message_primary or ""))

    def rows(self, query: str, params: Optional[Sequence[Any]] = None) -> List[Dict[str, Any]]:
        cur = self.conn.execute(query, params)
        return cur.fetchall() if cur.description else []

    def one(self, query: str, params: Optional[Sequence[Any]] = None) -> Dict[str, Any]:
        rows = self.rows(query, params)
        assert len(rows) == 1, rows
        return rows[0]

    def val(self, query: str, params: Optional[Sequence[Any]] = None) -> Any:
        row = self.one(query, params)
        return next(iter(row.values()))

    def exec(self, query: str, params: Optional[Sequence[Any]] = None) -> None:
        self.conn.execute(query, params)

    def psql(self, *args: str, sql: Optional[str] = None, check: bool = True) -> subprocess.CompletedProcess:
        """Run the real psql against this database (ON_ERROR_STOP=1)."""
        cmd = [psql_binary(), "-X", "-v", "ON_ERROR_STOP=1", "-d", self.dsn, *args]
        proc = subprocess.run(cmd, input=sql, capture_output=True, text=True)
        if check and proc.returncode != 0:
            raise AssertionError(f"psql failed ({proc.returncode}):\n{proc.stdout}\n{proc.stderr}")
        return proc

    def close(self) -> None:
        self.conn.close()


@pytest.fixture
def db(pggit_isolated_db: Any) -> Generator[SqlDb, None, None]:
    """A private database with the layer installed and the baseline commit on main."""
    d = SqlDb(pggit_isolated_db.dsn, pggit_isolated_db.name)
    try:
        yield d
    finally:
        d.close()


@pytest.fixture
def make_empty_db(pggit_server: Any) -> Generator[Any, None, None]:
    """Factory: brand-new empty databases (no layer), dropped after the test."""
    janitors: List[DatabaseJanitor] = []
    opened: List[SqlDb] = []

    def make() -> SqlDb:
        name = f"pggit_t_{os.getpid()}_{uuid.uuid4().hex[:10]}"
        janitor = DatabaseJanitor(pggit_server, name)
        database = janitor.create()
        janitors.append(janitor)
        d = SqlDb(database.dsn, name)
        opened.append(d)
        return d

    yield make
    for d in opened:
        d.close()
    for j in janitors:
        j.drop()


@pytest.fixture
def empty_db(make_empty_db: Any) -> SqlDb:
    """A brand-new empty database (no layer installed)."""
    return make_empty_db()


def require_extensions(d: SqlDb, *names: str) -> None:
    """Skip the test when the server under test does not ship these extensions."""
    have = {r["name"] for r in d.rows("SELECT name FROM pg_available_extensions")}
    missing = sorted(set(names) - have)
    if missing:
        pytest.skip(f"server has no {', '.join(missing)} extension (contrib not installed)")


def install(d: SqlDb) -> subprocess.CompletedProcess:
    """Install the layer exactly as users do: psql -v ON_ERROR_STOP=1 -f sql/install.sql."""
    return d.psql("-q", "-f", str(SQL_DIR / "install.sql"))
