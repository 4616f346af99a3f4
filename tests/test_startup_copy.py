"""The local backend copies a cached data directory in two parts: all but ``base/`` before
postgres starts, ``base/`` while it starts (``RunAs.copy_data_dir``, ``PendingCopy``).

Real files, a real server: the copy must be the same tree ``cp -a`` makes, a failed
second part must stop the start with the copy's error, and a server started on such a
copy must serve every database of the cluster."""
from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path
from typing import Dict, Iterator, Tuple

import psycopg
import pytest

from pytest_pggit.backends.local import LocalBackend
from pytest_pggit.backends.local.binaries import PendingCopy, resolve_os_user
from pytest_pggit.exceptions import ServerStartError


def tree(root: Path) -> Dict[str, Tuple[int, bytes]]:
    """``relative path -> (mode, content)`` of every file and folder below ``root``."""
    out: Dict[str, Tuple[int, bytes]] = {}
    for p in sorted(root.rglob("*")):
        st = p.lstat()
        out[str(p.relative_to(root))] = (st.st_mode, p.read_bytes() if p.is_file() else b"")
    return out


def fake_data_dir(root: Path) -> Path:
    data = root / "data"
    (data / "base" / "1").mkdir(parents=True)
    (data / "base" / "5").mkdir()
    (data / "global").mkdir()
    (data / "PG_VERSION").write_text("15\n")
    (data / "global" / "pg_control").write_bytes(b"\x01" * 64)
    (data / "base" / "1" / "1259").write_bytes(os.urandom(8192))
    (data / "base" / "5" / "2608").write_bytes(os.urandom(16384))
    os.chmod(data, 0o700)
    return data


@pytest.fixture
def work() -> Iterator[Path]:
    """A folder the server's OS user may write into (we may be root)."""
    runas = resolve_os_user()
    folder = Path(tempfile.mkdtemp(prefix="pggit-copy-test-"))
    if runas.switch:
        os.chown(folder, runas.uid, runas.gid)
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def test_the_two_part_copy_is_the_tree_cp_makes(work: Path) -> None:
    runas = resolve_os_user()
    source = fake_data_dir(work / "src")
    owned_by_os_user(work / "src")
    log = work / "copy.log"
    pending = runas.copy_data_dir(source, work / "split", log, work)
    assert isinstance(pending, PendingCopy) and pending.proc is not None  # base/ still on its way
    pending.wait()
    runas.copy(source, work / "whole", log, work)
    assert tree(work / "split") == tree(work / "whole") == tree(source)
    st = (work / "split").stat()
    assert (st.st_mode & 0o777, st.st_uid) == (0o700, runas.uid)


def owned_by_os_user(root: Path) -> None:
    runas = resolve_os_user()
    if runas.switch:
        for p in [root, *root.rglob("*")]:
            os.chown(p, runas.uid, runas.gid)


def test_a_failed_second_part_is_reported_by_wait(work: Path) -> None:
    runas = resolve_os_user()
    source = fake_data_dir(work / "src")
    owned_by_os_user(work / "src")
    os.chmod(source / "base" / "5", 0o000)   # base/ unreadable: the second part fails
    target = work / "copy"
    try:
        pending = runas.copy_data_dir(source, target, work / "copy.log", work)
        with pytest.raises(ServerStartError, match="copying the cached data dir failed"):
            pending.wait()
        assert (target / "PG_VERSION").is_file() and (target / "global" / "pg_control").is_file()
        pending.wait()   # reported once
    finally:
        os.chmod(source / "base" / "5", 0o700)


def test_a_server_on_a_two_part_copy_serves_every_database() -> None:
    cache = tempfile.mkdtemp(prefix="pytest-pggit-testcache-",
                             dir="/dev/shm" if os.access("/dev/shm", os.W_OK) else None)
    os.chmod(cache, 0o1777)
    try:
        first = LocalBackend(cache_dir=cache)
        try:
            first.start()   # initdb: the entry the next start copies
        finally:
            first.stop()
        backend = LocalBackend(cache_dir=cache)
        try:
            server = backend.start()
            assert any("initdb cache hit" in n for n in server.notes), server.notes
            assert "copy_wait" in backend.timings   # the base/ copy was waited for
            for db in ("postgres", "template1"):
                with psycopg.connect(server.dsn(db), autocommit=True) as conn:
                    assert conn.execute("SELECT count(*) > 50 FROM pg_class").fetchone() == (True,)
            with psycopg.connect(server.dsn(), autocommit=True) as conn:
                conn.execute("CREATE DATABASE copy_check TEMPLATE template0")
            with psycopg.connect(server.dsn("copy_check"), autocommit=True) as conn:
                assert conn.execute("SELECT 1").fetchone() == (1,)
        finally:
            backend.stop()
    finally:
        shutil.rmtree(cache, ignore_errors=True)
