"""The local backend's server: one private, throwaway PostgreSQL.

What :meth:`LocalBackend.start` does, in order:

* finds the binaries and the OS user once (:mod:`.binaries`; the report header's
  :meth:`~LocalBackend.describe` and the start share the lookup);
* makes a private temporary directory, on tmpfs (``/dev/shm``) when possible, and
  starts a detached watchdog that removes it and the server if pytest is killed;
* fills the data directory from a cache (:mod:`.cache`): a cluster holding the SQL
  layer when there is one, else a pristine initdb, run once per PostgreSQL build;
* starts postgres on a free loopback port with durability switched off (fsync,
  synchronous_commit, full_page_writes) and waits for a real query.

:meth:`~LocalBackend.stop` shuts it down fast, keeps the cluster in the layer cache
when asked to, and removes the directory.

``PYTEST_DONT_REWRITE`` (see :mod:`pytest_pggit.plugin`).
"""
from __future__ import annotations

import atexit
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any, Dict, List, Optional, Tuple

from ...exceptions import ServerStartError
from .. import NON_DURABLE_SETTINGS, Server
from .binaries import (SUPERUSER, PendingCopy, RunAs, child_env, find_binaries, resolve_os_user,
                       server_version, tail)
from .cache import LAYER_DB, EarlyInitdb, InitdbCache, LayerCache, default_cache_root

SERVER_SETTINGS: Dict[str, str] = {
    **NON_DURABLE_SETTINGS,
    "max_connections": "100",
    "shared_buffers": "128MB",
    # A checkout or a whole-schema migration is one transaction that locks every relation
    # it creates or drops (as pg_restore --single-transaction does): the default 64 per
    # connection (6,400 in all) stops a checkout of about 1,500 tables; 512 stopped one of
    # 10,000 (bench/whole_schema.py). 1024 per connection (102,400) covers 10,000 tables
    # with their indexes, keys and TOAST tables, for ~30 MB of shared memory.
    "max_locks_per_transaction": "1024",
    # WAL segments are removed at a checkpoint rather than kept for reuse (default 80 MB):
    # the clusters the layer cache keeps, which every run copies, hold 2-3 of them, not 6+
    "min_wal_size": "2MB",
    "listen_addresses": "127.0.0.1",
}
#: Fresh ports tried when postgres finds the chosen one taken (someone bound it first).
PORT_ATTEMPTS = 5
MIN_TMPFS_FREE = 512 * 1024 * 1024


def temp_root() -> Path:
    """tmpfs ``/dev/shm`` when writable and roomy, else the system temp dir."""
    shm = Path("/dev/shm")
    if shm.is_dir() and os.access(shm, os.W_OK | os.X_OK):
        try:
            st = os.statvfs(shm)
            if st.f_bavail * st.f_frsize >= MIN_TMPFS_FREE:
                return shm
        except OSError:
            pass
    return Path(tempfile.gettempdir())


def free_port() -> int:
    """A free loopback port: the one the kernel picks for a socket bound to port 0.

    Not port_for.select_random(), which pytest-postgresql uses: it builds a set of ~19,000
    candidate ports on every call, ~20 ms of Python on the way to the server (and ~5 ms
    to import).  Even chosen on a thread while the data directory is copied, it made the
    warm start that bench/plugin.py measures slower: median of 40 alternating runs 693 ms
    with it, 679 ms with this function, 678 ms before either (a loaded 2-core machine).
    Neither can close the race of a port taken between choosing it and postgres binding
    it; a lost race is retried on another port (PORT_ATTEMPTS)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def check_port_free(port: int) -> None:
    """A clear error now rather than postgres failing to bind a port asked for.

    Not port_for.is_available() either: it binds without SO_REUSEADDR, so a port in TIME_WAIT
    (a server on that port stopped a moment ago) would count as taken, though postgres,
    which sets SO_REUSEADDR, can bind it."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as postgres does
        try:
            s.bind(("127.0.0.1", port))
        except OSError as exc:
            raise ServerStartError(
                f"port {port} on 127.0.0.1 is already in use ({exc.strerror}); it was asked "
                "for with --pggit-port / pggit_port / PGGIT_PORT",
                hint="stop what listens there, pick another port, or leave --pggit-port out "
                "so a free port is chosen",
            ) from None


def _says_ready(pidfile: Path) -> bool:
    """Whether postmaster.pid's status line (the 8th, PostgreSQL 10+) says ``ready``: the
    postmaster accepts connections (``pg_ctl -w`` reads the same line)."""
    try:
        lines = pidfile.read_text().split("\n")
    except (OSError, UnicodeDecodeError):
        return False
    return len(lines) > 7 and lines[7].strip() == "ready"


#: What postgres answers while it starts or stops (SQLSTATE 57P03): wait and ask again.
_NOT_YET = ("starting up", "not yet accepting connections", "shutting down",
            "in recovery mode", "too many clients")


def _server_answered(exc: BaseException) -> Optional[str]:
    """Whether a failed connection shows a running server that refused this database:
    ``"missing"`` (it does not exist), ``"refused"`` (another FATAL), None (no server
    yet, or one still starting: ask again).  A connection failure carries no SQLSTATE
    in psycopg, so the server's message decides (the server runs with LC_ALL=C)."""
    state = getattr(exc, "sqlstate", None)
    text = str(exc)
    if state == "3D000" or (f'"{LAYER_DB}" does not exist' in text):
        return "missing"
    if state == "57P03" or any(t in text for t in _NOT_YET):
        return None
    if state is not None or "FATAL:" in text:
        return "refused"
    return None


class LocalBackend:
    """Start one private PostgreSQL server; :meth:`stop` removes every trace."""

    name = "local"
    #: Why :func:`~pytest_pggit.backends.select` picked it ('' when it was named).
    reason = ""

    def __init__(
        self,
        pg_bin: Optional[str] = None,
        os_user: Optional[str] = None,
        start_timeout: float = 30.0,
        port: Optional[int] = None,
        cache_dir: Optional[str] = None,
        layer_cache: Optional[LayerCache] = None,
    ) -> None:
        self.pg_bin = pg_bin
        self.os_user = os_user
        self.start_timeout = start_timeout
        self.port = port
        self.cache_dir = cache_dir
        #: Clusters holding the SQL layer (None: always start from a pristine initdb).
        self.layer_cache = layer_cache
        #: An initdb started before pytest_configure (see :class:`EarlyInitdb`), for a
        #: first run to wait for rather than run its own.
        self.early_initdb: Optional[EarlyInitdb] = None
        self.server: Optional[Server] = None
        self.timings: Dict[str, float] = {}
        self._found: Optional[Tuple[Path, str, RunAs]] = None
        self._lookup = threading.Lock()  # the header and the early start may ask at once
        self._proc: Optional[subprocess.Popen] = None
        #: The databases' files still being copied while postgres starts (see
        #: :meth:`RunAs.copy_data_dir`): waited for before the first connection.
        self._pending: Optional[PendingCopy] = None
        self._watchdog: Optional[subprocess.Popen] = None
        self._base: Optional[Path] = None
        self._stopped = False

    def binaries(self) -> Tuple[Path, str, RunAs]:
        """initdb/postgres's directory, their version and the OS user that runs them,
        looked up once."""
        with self._lookup:
            if self._found is None:
                bindir = find_binaries(self.pg_bin)
                self._found = (bindir, server_version(bindir), resolve_os_user(self.os_user))
            return self._found

    def describe(self) -> str:
        bindir, version, runas = self.binaries()
        who = f"as OS user {runas.name!r}" + (" (pytest runs as root)" if runas.switch else "")
        where = f"127.0.0.1:{self.port}" if self.port else "a free port on 127.0.0.1"
        return (f"PostgreSQL {version} from {bindir}, {who}, on {where}, "
                "started while pytest collects")

    # -- start ---------------------------------------------------------------
    def start(self) -> Server:
        if self.server is not None:
            return self.server
        if self._stopped:
            raise ServerStartError("this LocalBackend was stopped", hint="make a new one")
        t_start = time.monotonic()
        bindir, version, runas = self.binaries()
        root = temp_root()
        self._base = base = Path(tempfile.mkdtemp(prefix="pytest-pggit-", dir=str(root)))
        atexit.register(self.stop)
        notes: List[str] = []
        try:
            os.chmod(base, 0o700)
            if runas.switch:
                os.chown(base, runas.uid, runas.gid)
                notes.append(
                    f"running as root: initdb/postgres run as OS user {runas.name!r} "
                    f"(uid {runas.uid}) in {base}"
                )
            else:
                notes.append(f"initdb/postgres run as {runas.name!r} (uid {runas.uid}) in {base}")
            if str(root) != "/dev/shm":
                notes.append(f"no roomy writable /dev/shm: data directory on {root}")
            # the watchdog starts while the data directory is copied (or initdb runs):
            # before postgres, which is what it must stop if pytest is killed
            self._make_data_dir(bindir, version, runas, notes)
            if self._watchdog is None:
                self._start_watchdog()
            t0 = time.monotonic()
            port, info = self._launch_on_a_port(bindir, runas)
            password = self._set_password(port)
            self.timings["postgres"] = time.monotonic() - t0
            self.timings["total"] = time.monotonic() - t_start
            notes.append(
                "non-durable settings: "
                + ", ".join(f"{k}={v}" for k, v in NON_DURABLE_SETTINGS.items())
            )
            assert self._proc is not None
            notes.append(
                f"postgres {info['version']} started in {self.timings['total']:.2f} s on "
                f"127.0.0.1:{port} (pid {self._proc.pid}); log {base / 'postgres.log'}"
            )
            if self._watchdog is not None:
                notes.append(
                    f"watchdog pid {self._watchdog.pid} removes the server if pytest is killed"
                )
            server = Server(
                backend=self.name,
                version=info["version"],
                server_version_num=info["server_version_num"],
                host="127.0.0.1",
                port=port,
                user=SUPERUSER,
                dbname="postgres",
                password=password,
                socket_dir=str(base),
                notes=notes,
                base_dir=str(base),
                pid=self._proc.pid,
            )
            if self.layer_cache is not None:
                # sets server.layer_db when sound; the readiness probe asked already
                damaged = self.layer_cache.verify(server, info.get("layer", "ask"))
                if damaged:
                    notes.append(damaged)
        except BaseException:
            self.stop()
            raise
        self.server = server
        return server

    def _make_data_dir(self, bindir: Path, version: str, runas: RunAs, notes: List[str]) -> None:
        assert self._base is not None
        data, log = self._base / "data", self._base / "initdb.log"
        root = Path(self.cache_dir) if self.cache_dir else default_cache_root(self._base.parent)
        initdb = InitdbCache(root, bindir, version, runas)
        layer = self.layer_cache
        if layer is not None and layer.may_hit(initdb):
            t0 = time.monotonic()
            layer.attach(initdb)
            hit = layer.restore(data, log, self._base, while_waiting=self._start_watchdog)
            if layer.refused:
                notes.append(layer.refused)   # (Z20: another user's symlink, say)
            if hit:
                notes.append(hit[0])
                self._pending = hit[1]
                self.timings["copy"] = time.monotonic() - t0
                return
        # no cached cluster of this build holds a layer: the layer's key (its script's
        # hash, ~40 ms of Python on a first run) is computed while initdb runs
        self._pending = initdb.make_data_dir(
            data, log, self._base, notes, self.timings,
            while_waiting=lambda: self._prefetch_for_initdb(initdb), early=self.early_initdb)
        if layer is not None:
            layer.attach(initdb)   # (again:) the cache folder exists now, the key is kept there

    def _prefetch_for_initdb(self, initdb: InitdbCache) -> None:
        """While initdb runs (half a second): the watchdog, and the Python work of the
        steps after it."""
        if self._watchdog is None:
            self._start_watchdog()
        layer = self.layer_cache
        if layer is not None:
            layer.attach(initdb)
        import psycopg  # noqa: F401  (its first import is ~70 ms, on a thread since configure)

        if layer is not None and layer.can_fill():
            from ...template_cache import layer_script

            try:
                layer_script(layer.sql_dir)   # installed into the new cluster soon
            except Exception:   # the install reports it
                pass

    def _start_watchdog(self) -> None:
        script = Path(__file__).with_name("_watchdog.py")
        self._watchdog = subprocess.Popen(
            [sys.executable, "-I", "-S", str(script), str(os.getpid()), str(self._base)],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            close_fds=True,
            start_new_session=True,
        )

    # Why postgres is started and awaited by hand, not through mirakuru or `pg_ctl -w`:
    # * `pg_ctl -w start` (and `pg_ctl -w stop`) polls postmaster.pid ten times a second
    #   (WAITS_PER_SEC in pg_ctl.c), while the server is ready ~60 ms after launch: a
    #   second of pg_ctl adds up to 100 ms to every start and stop.  It also detaches
    #   postgres, so a port taken between choosing and binding shows only in the log.
    # * mirakuru's executors start the command with subprocess.Popen without the
    #   user/group switch PostgreSQL needs when pytest runs as root (CI containers),
    #   call a server ready when its port accepts TCP (postgres accepts while still
    #   answering "the database system is starting up"), and poll every 100 ms by default.
    # So: Popen as the server's OS user, poll the child's exit status and a real query
    # every 5 ms, read "could not bind" from the log to retry on another port.
    def _launch_on_a_port(self, bindir: Path, runas: RunAs) -> Tuple[int, Dict[str, Any]]:
        """Launch postgres and wait until it answers; returns its port and what it said
        (:meth:`_wait_ready`)."""
        assert self._base is not None
        log = self._base / "postgres.log"
        if self.port is not None:
            check_port_free(self.port)
        for _attempt in range(PORT_ATTEMPTS if self.port is None else 1):
            port = self.port if self.port is not None else free_port()
            self._proc = self._launch(bindir, runas, port)
            info = self._wait_ready(self._proc, port)
            if info is not None:
                return port, info
            self._proc.wait()
        if self.port is not None:
            raise ServerStartError(
                f"port {self.port} on 127.0.0.1 is already in use: postgres could not bind "
                f"it (--pggit-port / pggit_port / PGGIT_PORT); last lines of {log}:\n{tail(log)}",
                hint="stop what listens there, pick another port, or leave --pggit-port "
                "out so a free port is chosen",
            )
        raise ServerStartError(
            f"postgres could not bind a loopback port in {PORT_ATTEMPTS} attempts; "
            f"last lines of {log}:\n{tail(log)}",
            hint="something keeps grabbing free ports; retry",
        )

    def _launch(self, bindir: Path, runas: RunAs, port: int) -> subprocess.Popen:
        assert self._base is not None
        cmd = [
            str(bindir / "postgres"), "-D", str(self._base / "data"), "-k", str(self._base),
            "-h", "127.0.0.1", "-p", str(port), "-c", f"hba_file={self._hba_file(runas)}",
        ]
        for key, value in SERVER_SETTINGS.items():
            cmd += ["-c", f"{key}={value}"]
        log = open(self._base / "postgres.log", "ab")
        try:
            return subprocess.Popen(
                cmd,
                stdout=log,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                cwd=str(self._base),
                env=child_env(),
                start_new_session=True,  # a terminal's Ctrl-C goes to pytest, which stops us cleanly
                **runas.popen_kwargs(),
            )
        finally:
            log.close()

    def _hba_file(self, runas: RunAs) -> Path:
        """The run's pg_hba.conf (security round 4, S1): initdb's trusts every TCP
        connection on 127.0.0.1, so any local OS user connected as the superuser while a
        run lasted, or as a role the project's schema made (``app_rw``, run3.sh), and
        planted objects in the templates.  Now every role needs a password over TCP (the
        superuser's is the run's, set over the unix socket); the run's DSNs connect
        through the unix socket in the run's private 0700 folder (``Server.socket_dir``),
        where trust stays.  Outside the data directory: a cached cluster's own file is
        never read."""
        assert self._base is not None
        path = self._base / "pg_hba.conf"
        path.write_text("local all all trust\n"
                        "host all all 127.0.0.1/32 scram-sha-256\n"
                        "host all all ::1/128 scram-sha-256\n")
        os.chmod(path, 0o600)
        if runas.switch:
            os.chown(path, runas.uid, runas.gid)
        return path

    def _set_password(self, port: int) -> str:
        """A fresh password of the superuser for this run (S1), set over the private unix
        socket; the run's DSNs carry it (``Server.password``)."""
        import secrets

        import psycopg

        assert self._base is not None
        password = secrets.token_urlsafe(24)
        with psycopg.connect(host=str(self._base), port=port, user=SUPERUSER, dbname="postgres",
                             autocommit=True, connect_timeout=10) as conn:
            conn.execute("SET password_encryption = 'scram-sha-256'")
            conn.execute(f"ALTER ROLE {SUPERUSER} PASSWORD '{password}'")
        return password

    def _wait_ready(self, proc: subprocess.Popen, port: int) -> Optional[Dict[str, Any]]:
        """What the server says once it answers a query (:func:`~.query_server`'s fields,
        and ``layer`` when it was asked: see below); None when the port was taken; raises
        otherwise.

        A cluster copied from the layer cache is probed through its layer database, so the
        first query that succeeds also says whether the layer is there
        (:meth:`~.cache.LayerCache.verify`): one connection instead of three."""
        import psycopg

        assert self._base is not None
        log = self._base / "postgres.log"
        layer = self.layer_cache is not None and self.layer_cache.restored
        dbname = LAYER_DB if layer else "postgres"
        pidfile = self._base / "data" / "postmaster.pid"
        started = time.monotonic()
        deadline = started + self.start_timeout
        last_error = ""
        has_layer: Optional[bool] = None
        while True:
            if proc.poll() is not None:
                text = tail(log)
                if "could not bind" in text or "Address already in use" in text:
                    return None
                raise ServerStartError(
                    f"postgres exited with code {proc.returncode} during startup; "
                    f"last lines of {log}:\n{text}",
                    hint="see the server log above",
                )
            if not _says_ready(pidfile) and time.monotonic() - started < 2.0:
                # not "ready" in postmaster.pid yet: no connection attempt, which would
                # make postgres fork a backend only to refuse it while it starts up (after
                # 2 s, connections are tried whatever the file says)
                time.sleep(0.002)
                continue
            self._copied()   # a connection reads a database's files
            # (over the run's private unix socket: TCP asks the superuser's password, set next)
            conninfo = (f"host={self._base} port={port} user={SUPERUSER} dbname={dbname} "
                        "connect_timeout=2")
            try:
                with psycopg.connect(conninfo, autocommit=True) as conn:
                    row = conn.execute(
                        "SELECT current_setting('server_version'), "
                        "current_setting('server_version_num')::int, current_user, "
                        "current_database(), to_regnamespace('pggit_v0') IS NOT NULL").fetchone()
                assert row is not None
                info: Dict[str, Any] = {"version": row[0], "server_version_num": row[1],
                                        "user": row[2], "dbname": "postgres"}
                if layer:
                    info["layer"] = bool(row[4]) if dbname == LAYER_DB else has_layer
                return info
            except psycopg.Error as exc:
                last_error = str(exc).strip()
                answered = _server_answered(exc)
                if dbname == LAYER_DB and answered is not None:
                    # the server runs (it answered), the layer database is not usable:
                    # missing, or else broken; ask the admin database instead
                    has_layer = None if answered == "missing" else False
                    dbname = "postgres"
                    continue
            if time.monotonic() > deadline:
                raise ServerStartError(
                    f"postgres did not accept connections within {self.start_timeout:g} s "
                    f"(last error: {last_error}); last lines of {log}:\n{tail(log)}",
                    hint="raise --pggit-start-timeout if the machine is slow",
                )
            time.sleep(0.002)

    def _copied(self) -> None:
        """Wait for the rest of the data directory's copy (:attr:`_pending`)."""
        pending, self._pending = self._pending, None
        if pending is not None:
            t0 = time.monotonic()
            pending.wait()
            self.timings["copy_wait"] = time.monotonic() - t0

    # -- stop ----------------------------------------------------------------
    def stop(self, timeout: float = 10.0) -> None:
        """Fast shutdown (SIGINT), SIGKILL after ``timeout``, remove the directory. Idempotent."""
        if self._stopped:
            return
        self._stopped = True
        pending, self._pending = self._pending, None
        if pending is not None:
            pending.abort()
        proc, self._proc = self._proc, None
        clean = False
        if proc is not None and proc.poll() is None:
            try:
                proc.send_signal(signal.SIGINT)
                proc.wait(timeout=timeout)
                clean = proc.returncode == 0
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
            except ProcessLookupError:  # pragma: no cover
                pass
        if clean and self.layer_cache is not None and self._base is not None:
            self.layer_cache.store(self._base / "data", self._base / "initdb.log", self._base)
        if self._base is not None:
            shutil.rmtree(self._base, ignore_errors=True)
        wd, self._watchdog = self._watchdog, None
        if wd is not None:
            if wd.poll() is None:
                wd.terminate()
            try:
                wd.wait(timeout=5)
            except subprocess.TimeoutExpired:  # pragma: no cover
                wd.kill()
        try:
            atexit.unregister(self.stop)
        except Exception:  # pragma: no cover
            pass
