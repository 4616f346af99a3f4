"""The local backend: a throwaway PostgreSQL server from the machine's binaries.

What it does, in order:

* finds ``initdb``/``postgres`` (``--pggit-pg-bin``, else ``pg_config --bindir``,
  else ``PATH``, else ``/usr/lib/postgresql/*/bin``);
* makes a private temporary directory, on tmpfs (``/dev/shm``) when possible;
* as root, runs initdb and postgres as an unprivileged OS user (``postgres`` by
  default, ``--pggit-os-user``), because PostgreSQL refuses to run as root;
* runs initdb once per PostgreSQL version and keeps a pristine copy in a cache;
  later runs copy it instead of running initdb;
* starts postgres on a free loopback port with durability switched off
  (fsync, synchronous_commit, full_page_writes) and waits for a real query;
* stops it with a fast shutdown and removes the directory; a detached watchdog
  does the same if pytest is killed.
"""
from __future__ import annotations

import atexit
import glob
import hashlib
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Dict, List, Optional, Sequence

from ..exceptions import BinariesNotFound, ServerStartError
from . import Server

#: Settings that trade durability for speed; a test server never needs to survive a crash.
NON_DURABLE_SETTINGS: Dict[str, str] = {
    "fsync": "off",
    "synchronous_commit": "off",
    "full_page_writes": "off",
}
SERVER_SETTINGS: Dict[str, str] = {
    **NON_DURABLE_SETTINGS,
    "max_connections": "100",
    "shared_buffers": "128MB",
    "listen_addresses": "127.0.0.1",
}
SUPERUSER = "postgres"
PORT_ATTEMPTS = 5
MIN_TMPFS_FREE = 512 * 1024 * 1024


# --------------------------------------------------------------------- binaries
def find_binaries(pg_bin: Optional[str] = None) -> Path:
    """The directory holding both ``initdb`` and ``postgres``."""
    looked: List[str] = []

    def ok(d: Path) -> bool:
        return all(os.access(d / exe, os.X_OK) and (d / exe).is_file() for exe in ("initdb", "postgres"))

    if pg_bin:
        d = Path(pg_bin).expanduser()
        if ok(d):
            return d
        raise BinariesNotFound(
            f"PostgreSQL binaries not found: {d} has no executable initdb and postgres "
            f"(from --pggit-pg-bin / pggit_pg_bin / PGGIT_PG_BIN)",
            hint="point --pggit-pg-bin at the directory printed by `pg_config --bindir`",
        )
    pg_config = shutil.which("pg_config")
    if pg_config:
        try:
            out = subprocess.run(
                [pg_config, "--bindir"], capture_output=True, text=True, timeout=10, check=True
            ).stdout.strip()
            if out and ok(Path(out)):
                return Path(out)
            looked.append(f"`{pg_config} --bindir` ({out or 'no output'})")
        except (OSError, subprocess.SubprocessError) as exc:
            looked.append(f"`{pg_config} --bindir` (failed: {exc})")
    else:
        looked.append("pg_config on PATH (not found)")
    postgres = shutil.which("postgres")
    if postgres and ok(Path(postgres).parent):
        return Path(postgres).parent
    looked.append("postgres and initdb on PATH")
    candidates = sorted(
        glob.glob("/usr/lib/postgresql/*/bin"),
        key=lambda p: [int(x) for x in re.findall(r"\d+", p)] or [0],
        reverse=True,
    )
    for cand in candidates:
        if ok(Path(cand)):
            return Path(cand)
    looked.append("/usr/lib/postgresql/*/bin")
    raise BinariesNotFound(
        "PostgreSQL binaries (initdb, postgres) not found; looked at: " + "; ".join(looked),
        hint="install the PostgreSQL server (e.g. apt-get install postgresql) or pass "
        "--pggit-pg-bin DIR, or use --pggit-backend dsn --pggit-dsn ...",
    )


def server_version(bindir: Path) -> str:
    """``postgres --version`` -> '15.18'."""
    try:
        out = subprocess.run(
            [str(bindir / "postgres"), "--version"], capture_output=True, text=True, timeout=30
        ).stdout
    except (OSError, subprocess.SubprocessError) as exc:
        raise BinariesNotFound(
            f"cannot run {bindir / 'postgres'} --version: {exc}",
            hint="check the PostgreSQL installation",
        ) from exc
    match = re.search(r"\)\s*(\d+(?:\.\d+)?)", out) or re.search(r"(\d+(?:\.\d+)?)", out)
    if not match:
        raise BinariesNotFound(
            f"cannot parse the version printed by {bindir / 'postgres'} --version: {out!r}",
            hint="check the PostgreSQL installation",
        )
    return match.group(1)


# ------------------------------------------------------------------- OS user
@dataclass
class RunAs:
    name: str
    uid: int
    gid: int
    switch: bool  # True when we are root and must drop privileges for initdb/postgres

    def popen_kwargs(self) -> Dict[str, Any]:
        if not self.switch:
            return {}
        return {"user": self.uid, "group": self.gid, "extra_groups": []}


def resolve_os_user(os_user: Optional[str] = None) -> RunAs:
    import pwd

    if os.geteuid() != 0:
        me = pwd.getpwuid(os.geteuid())
        if os_user and os_user not in (me.pw_name, str(me.pw_uid)):
            raise ServerStartError(
                f"--pggit-os-user {os_user!r} needs root; this process runs as {me.pw_name!r}",
                hint="drop --pggit-os-user (the server then runs as you)",
            )
        return RunAs(me.pw_name, me.pw_uid, me.pw_gid, switch=False)
    name = os_user or SUPERUSER
    try:
        entry = pwd.getpwuid(int(name)) if name.isdigit() else pwd.getpwnam(name)
    except KeyError:
        raise ServerStartError(
            f"running as root, and the OS user {name!r} to run PostgreSQL as does not exist "
            "(PostgreSQL refuses to run as root)",
            hint="create it (useradd --system --no-create-home postgres) or pass "
            "--pggit-os-user NAME of an existing unprivileged user",
        ) from None
    if entry.pw_uid == 0:
        raise ServerStartError(
            f"--pggit-os-user {name!r} is root; PostgreSQL refuses to run as root",
            hint="name an unprivileged OS user, e.g. postgres",
        )
    return RunAs(entry.pw_name, entry.pw_uid, entry.pw_gid, switch=True)


# ------------------------------------------------------------------- places
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


def default_cache_root(root: Path) -> Path:
    env = os.environ.get("PGGIT_CACHE_DIR")
    return Path(env) if env else root / "pytest-pggit-cache"


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _child_env() -> Dict[str, str]:
    """Our environment without libpq/server PG* variables that could change behaviour."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PG")}
    env["LC_ALL"] = "C"
    return env


def _tail(path: Path, lines: int = 30) -> str:
    try:
        text = path.read_text(errors="replace")
    except OSError:
        return "(no log)"
    return "\n".join(text.splitlines()[-lines:]) or "(empty log)"


#: Layer cache entries kept per initdb entry (one per SQL layer version seen); older
#: ones are removed when a new one is stored, once unused for PRUNE_AFTER seconds.
LAYER_ENTRIES_KEPT = 3
PRUNE_AFTER = 600.0


def prune_layer_entries(entry: Path, keep: int = LAYER_ENTRIES_KEPT, min_age: float = PRUNE_AFTER) -> List[Path]:
    """Remove all but the ``keep`` most recently used siblings of a layer cache entry.

    Each change of the SQL layer leaves a ~30 MB entry behind (on tmpfs: memory).
    Entries used within ``min_age`` seconds are never removed, so a run copying one
    at this moment keeps it.  Returns what was removed."""
    base = entry.name.rsplit("-layer-", 1)[0]
    now = time.time()
    try:
        siblings = sorted((p for p in entry.parent.glob(f"{base}-layer-*") if p.is_dir()),
                          key=lambda p: p.stat().st_mtime, reverse=True)
    except OSError:
        return []
    removed = []
    for old in siblings[keep:]:
        try:
            if now - old.stat().st_mtime < min_age:
                continue
        except OSError:
            continue
        shutil.rmtree(old, ignore_errors=True)
        removed.append(old)
    return removed


#: The database of a cached cluster that holds the SQL layer (see LocalBackend.layer_key).
LAYER_DB = "pggit_layer"

# ------------------------------------------------------------------- backend
class LocalBackend:
    """Start one private PostgreSQL server; :meth:`stop` removes every trace."""

    name = "local"

    def __init__(
        self,
        pg_bin: Optional[str] = None,
        os_user: Optional[str] = None,
        start_timeout: float = 30.0,
        cache_dir: Optional[str] = None,
        use_cache: bool = True,
        watchdog: bool = True,
        extra_settings: Optional[Dict[str, str]] = None,
        port: Optional[int] = None,
        layer_key: Optional[str] = None,
    ) -> None:
        #: Hash of the SQL layer's install script: names the cache entry whose cluster
        #: already holds a database with this layer (LAYER_DB).
        self.layer_key = layer_key
        self._layer_entry: Optional[Path] = None   # where save_layer_cache() would store it
        self._save_layer = False
        self._layer_runas: Optional[RunAs] = None
        self.pg_bin = pg_bin
        self.port = port
        self.os_user = os_user
        self.start_timeout = start_timeout
        self.cache_dir = cache_dir
        self.use_cache = use_cache
        self.watchdog = watchdog
        self.settings = {**SERVER_SETTINGS, **(extra_settings or {})}
        self.server: Optional[Server] = None
        self.layer_db: Optional[str] = None
        self.timings: Dict[str, float] = {}
        self._proc: Optional[subprocess.Popen] = None
        self._watchdog: Optional[subprocess.Popen] = None
        self._base: Optional[Path] = None
        self._stopped = False

    # -- helpers -----------------------------------------------------------
    def _run(self, cmd: Sequence[str], runas: RunAs, what: str, log: Path) -> None:
        with open(log, "ab") as fh:
            proc = subprocess.run(
                list(cmd),
                stdout=fh,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                cwd=str(self._base),
                env=_child_env(),
                **runas.popen_kwargs(),
            )
        if proc.returncode != 0:
            raise ServerStartError(
                f"{what} failed (exit {proc.returncode}) as OS user {runas.name!r}; "
                f"last lines of {log}:\n{_tail(log)}",
                hint="check that the OS user can write to the temporary directory",
            )

    def _initdb_cmd(self, bindir: Path, target: Path) -> List[str]:
        cmd = [
            str(bindir / "initdb"), "-D", str(target), "-U", SUPERUSER, "--auth=trust",
            "-E", "UTF8", "--locale=C", "--no-sync",
            # 1 MB WAL segments instead of 16: the data directory every run copies is
            # ~15 MB smaller (a throwaway server never needs big segments)
            "--wal-segsize=1",
        ]
        try:
            help_text = subprocess.run(
                [str(bindir / "initdb"), "--help"], capture_output=True, text=True, timeout=30
            ).stdout
        except (OSError, subprocess.SubprocessError):
            help_text = ""
        if "--no-instructions" in help_text:
            cmd.append("--no-instructions")
        return cmd

    def _make_data_dir(self, bindir: Path, version: str, runas: RunAs, notes: List[str]) -> None:
        assert self._base is not None
        data = self._base / "data"
        log = self._base / "initdb.log"
        if not self.use_cache:
            t0 = time.monotonic()
            self._run(self._initdb_cmd(bindir, data), runas, "initdb", log)
            self.timings["initdb"] = time.monotonic() - t0
            notes.append(f"ran initdb ({self.timings['initdb']:.2f} s; cache disabled)")
            return
        root = Path(self.cache_dir) if self.cache_dir else default_cache_root(self._base.parent)
        key = f"{version}-{runas.uid}-{hashlib.sha1(str(bindir).encode()).hexdigest()[:8]}-w1"
        entry = root / key
        t0 = time.monotonic()
        if self.layer_key:
            layered = root / f"{key}-layer-{self.layer_key}"
            self._layer_entry, self._layer_runas = layered, runas
            if self._cache_valid(layered, runas):
                notes.append(f"layer cache hit: copied {layered}/data (database {LAYER_DB} already "
                             "holds this SQL layer: templates are cloned, not installed)")
                self._copy(layered / "data", data, runas, log)
                self.layer_db = LAYER_DB
                try:
                    os.utime(layered)  # recently used: pruning keeps it
                except OSError:
                    pass
                self.timings["copy"] = time.monotonic() - t0
                return
        if not self._cache_valid(entry, runas):
            try:
                if not root.exists():
                    root.mkdir(parents=True, exist_ok=True)
                    os.chmod(root, 0o1777)  # shared by users, like /tmp
                build = Path(tempfile.mkdtemp(prefix=f".build-{key}-", dir=str(root)))
            except OSError as exc:
                notes.append(f"initdb cache unusable ({root}: {exc.strerror}); ran initdb")
                self._run(self._initdb_cmd(bindir, data), runas, "initdb", log)
                self.timings["initdb"] = time.monotonic() - t0
                return
            try:
                os.chmod(build, 0o700)
                if runas.switch:
                    os.chown(build, runas.uid, runas.gid)
                self._run(self._initdb_cmd(bindir, build / "data"), runas, "initdb", log)
                self.timings["initdb"] = time.monotonic() - t0
                try:
                    os.rename(build, entry)  # atomic: concurrent runs never see a half-built entry
                except OSError:
                    pass  # another run won the race (its entry is used if valid)
                source = entry if self._cache_valid(entry, runas) else build
                notes.append(
                    f"initdb cache miss: ran initdb ({self.timings['initdb']:.2f} s), "
                    + (f"pristine copy kept in {entry}" if source == entry
                       else f"could not cache it in {entry}")
                )
                t0 = time.monotonic()
                self._copy(source / "data", data, runas, log)
            finally:
                shutil.rmtree(build, ignore_errors=True)
        else:
            notes.append(f"initdb cache hit: copied {entry}/data (initdb skipped)")
            self._copy(entry / "data", data, runas, log)
        self.timings["copy"] = time.monotonic() - t0

    def _copy(self, source: Path, target: Path, runas: RunAs, log: Path) -> None:
        # Run as the server user so every copied file is owned by it.
        self._run(["cp", "-a", str(source), str(target)], runas, "copying the cached data dir", log)

    @staticmethod
    def _cache_valid(entry: Path, runas: RunAs) -> bool:
        try:
            st = os.stat(entry)
        except OSError:
            return False
        # Only trust an entry owned by the server user and private to it.
        return (
            st.st_uid == runas.uid
            and (st.st_mode & 0o077) == 0
            and (entry / "data" / "PG_VERSION").is_file()
        )

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

    def _launch(self, bindir: Path, runas: RunAs, port: int) -> subprocess.Popen:
        assert self._base is not None
        cmd = [
            str(bindir / "postgres"), "-D", str(self._base / "data"), "-k", str(self._base),
            "-h", "127.0.0.1", "-p", str(port),
        ]
        for key, value in self.settings.items():
            cmd += ["-c", f"{key}={value}"]
        log = open(self._base / "postgres.log", "ab")
        try:
            return subprocess.Popen(
                cmd,
                stdout=log,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                cwd=str(self._base),
                env=_child_env(),
                start_new_session=True,  # a terminal's Ctrl-C goes to pytest, which stops us cleanly
                **runas.popen_kwargs(),
            )
        finally:
            log.close()

    def _wait_ready(self, proc: subprocess.Popen, port: int) -> Optional[str]:
        """None when ready; 'bind' when the port was taken; raises otherwise."""
        import psycopg

        assert self._base is not None
        log = self._base / "postgres.log"
        conninfo = f"host=127.0.0.1 port={port} user={SUPERUSER} dbname=postgres connect_timeout=2"
        deadline = time.monotonic() + self.start_timeout
        last_error = ""
        while True:
            if proc.poll() is not None:
                tail = _tail(log)
                if "could not bind" in tail or "Address already in use" in tail:
                    return "bind"
                raise ServerStartError(
                    f"postgres exited with code {proc.returncode} during startup; "
                    f"last lines of {log}:\n{tail}",
                    hint="see the server log above",
                )
            try:
                with psycopg.connect(conninfo, autocommit=True) as conn:
                    conn.execute("SELECT 1")
                return None
            except psycopg.Error as exc:
                last_error = str(exc).strip()
            if time.monotonic() > deadline:
                raise ServerStartError(
                    f"postgres did not accept connections within {self.start_timeout:g} s "
                    f"(last error: {last_error}); last lines of {log}:\n{_tail(log)}",
                    hint="raise --pggit-start-timeout if the machine is slow",
                )
            time.sleep(0.005)   # startup takes ~60 ms: poll finely

    @staticmethod
    def _check_port_free(port: int) -> None:
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

    # -- protocol ------------------------------------------------------------
    def start(self) -> Server:
        if self.server is not None:
            return self.server
        if self._stopped:
            raise ServerStartError("this LocalBackend was stopped", hint="make a new one")
        t_start = time.monotonic()
        bindir = find_binaries(self.pg_bin)
        version = server_version(bindir)
        runas = resolve_os_user(self.os_user)
        root = temp_root()
        self._base = Path(tempfile.mkdtemp(prefix="pytest-pggit-", dir=str(root)))
        atexit.register(self.stop)
        notes: List[str] = []
        try:
            os.chmod(self._base, 0o700)
            if runas.switch:
                os.chown(self._base, runas.uid, runas.gid)
                notes.append(
                    f"running as root: initdb/postgres run as OS user {runas.name!r} "
                    f"(uid {runas.uid}) in {self._base}"
                )
            else:
                notes.append(f"initdb/postgres run as {runas.name!r} (uid {runas.uid}) in {self._base}")
            if str(root) != "/dev/shm":
                notes.append(f"no roomy writable /dev/shm: data directory on {root}")
            if self.watchdog:
                self._start_watchdog()
            self._make_data_dir(bindir, version, runas, notes)
            t0 = time.monotonic()
            if self.port is not None:
                self._check_port_free(self.port)
            for _attempt in range(PORT_ATTEMPTS if self.port is None else 1):
                port = self.port if self.port is not None else free_port()
                self._proc = self._launch(bindir, runas, port)
                outcome = self._wait_ready(self._proc, port)
                if outcome is None:
                    break
                self._proc.wait()
            else:
                if self.port is not None:
                    raise ServerStartError(
                        f"port {self.port} on 127.0.0.1 is already in use: postgres could not bind "
                        f"it (--pggit-port / pggit_port / PGGIT_PORT); last lines of "
                        f"{self._base / 'postgres.log'}:\n{_tail(self._base / 'postgres.log')}",
                        hint="stop what listens there, pick another port, or leave --pggit-port "
                        "out so a free port is chosen",
                    )
                raise ServerStartError(
                    f"postgres could not bind a loopback port in {PORT_ATTEMPTS} attempts; "
                    f"last lines of {self._base / 'postgres.log'}:\n{_tail(self._base / 'postgres.log')}",
                    hint="something keeps grabbing free ports; retry",
                )
            self.timings["postgres"] = time.monotonic() - t0
            self.timings["total"] = time.monotonic() - t_start
            from . import query_server

            info = query_server(
                f"host=127.0.0.1 port={port} user={SUPERUSER} dbname=postgres"
            )
            notes.append(
                "non-durable settings: "
                + ", ".join(f"{k}={v}" for k, v in NON_DURABLE_SETTINGS.items())
            )
            notes.append(
                f"postgres {info['version']} started in {self.timings['total']:.2f} s on "
                f"127.0.0.1:{port} (pid {self._proc.pid}); log {self._base / 'postgres.log'}"
            )
            if self._watchdog is not None:
                notes.append(
                    f"watchdog pid {self._watchdog.pid} removes the server if pytest is killed"
                )
        except BaseException:
            self.stop()
            raise
        self.server = Server(
            backend=self.name,
            version=info["version"],
            server_version_num=info["server_version_num"],
            host="127.0.0.1",
            port=port,
            user=SUPERUSER,
            dbname="postgres",
            socket_dir=str(self._base),
            notes=notes,
            base_dir=str(self._base),
            pid=self._proc.pid,
            layer_db=self.layer_db,
        )
        return self.server

    def can_save_layer_cache(self) -> bool:
        """Whether a cluster holding LAYER_DB could be kept as a layer cache entry.

        False when there is nothing to save to (no cache, the entry exists, or this
        cluster came from one)."""
        return not (self._layer_entry is None or self.layer_db is not None or self._layer_entry.exists())

    def save_layer_cache(self) -> bool:
        """Keep this cluster (with LAYER_DB in it) as a cache entry when the server stops.

        Call it only once LAYER_DB holds the complete layer of ``layer_key`` (the install
        committed): an interrupted or failed install must never reach the cache, or every
        later run would clone a database without the layer.  Later runs copy the entry
        and clone their templates from it."""
        if not self.can_save_layer_cache():
            return False
        self._save_layer = True
        return True

    def discard_layer_cache(self) -> Optional[str]:
        """Remove the layer cache entry this cluster was copied from (it proved damaged)."""
        entry = self._layer_entry
        if entry is None or self.layer_db is None:
            return None
        shutil.rmtree(entry, ignore_errors=True)
        self.layer_db = None
        return str(entry)

    def _store_layer_cache(self) -> None:
        """After a clean shutdown: copy the data directory to the layer cache entry."""
        entry, runas = self._layer_entry, self._layer_runas
        if entry is None or runas is None or self._base is None or entry.exists():
            return
        build = Path(tempfile.mkdtemp(prefix=f".build-{entry.name}-", dir=str(entry.parent)))
        try:
            os.chmod(build, 0o700)
            if runas.switch:
                os.chown(build, runas.uid, runas.gid)
            self._copy(self._base / "data", build / "data", runas, self._base / "initdb.log")
            # the copy must not carry this run's pid file or server settings
            (build / "data" / "postmaster.pid").unlink(missing_ok=True)
            os.rename(build, entry)
        except (OSError, ServerStartError):
            pass  # a cache is an optimisation: the next run installs the layer again
        finally:
            shutil.rmtree(build, ignore_errors=True)
        prune_layer_entries(entry)

    def stop(self, timeout: float = 10.0) -> None:
        """Fast shutdown (SIGINT), SIGKILL after ``timeout``, remove the directory. Idempotent."""
        if self._stopped:
            return
        self._stopped = True
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
        if clean and self._save_layer:
            self._store_layer_cache()
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
