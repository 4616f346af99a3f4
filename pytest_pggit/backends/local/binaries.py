"""The PostgreSQL programs the local backend runs, and the OS user that runs them.

* :func:`find_binaries`: the directory holding ``initdb`` and ``postgres``
  (``--pggit-pg-bin``, else ``pg_config --bindir``, else ``PATH``, else the
  well-known directories, ``/usr/lib/postgresql/*/bin``, newest first; the
  environment variable ``PGGIT_PG_SEARCH_DIRS`` replaces that list, empty: none);
* :func:`server_version`: what ``postgres --version`` says;
* :func:`check_runnable`: whether the OS user running the server can run them;
* :func:`resolve_os_user`: who runs them (PostgreSQL refuses to run as root, so as
  root an unprivileged user, ``postgres`` by default);
* :class:`RunAs` runs a command as that user, :func:`initdb_command` builds initdb's.

``PYTEST_DONT_REWRITE`` (see :mod:`pytest_pggit.plugin`).
"""
from __future__ import annotations

import glob
import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Dict, List, Optional, Sequence

from ...exceptions import BinariesNotFound, ServerStartError

#: The superuser initdb creates; tests connect as it.
SUPERUSER = "postgres"
#: Where :func:`find_binaries` looks after PATH (globs, newest version first).
SEARCH_DIRS = ("/usr/lib/postgresql/*/bin",)
#: Replaces :data:`SEARCH_DIRS` (globs separated by os.pathsep; set but empty: none), so a
#: machine, or a test, can say that the binaries installed there are not to be used.
SEARCH_DIRS_ENV = "PGGIT_PG_SEARCH_DIRS"


def search_dirs() -> List[str]:
    """The globs of :data:`SEARCH_DIRS`, or those of ``$PGGIT_PG_SEARCH_DIRS`` when set."""
    env = os.environ.get(SEARCH_DIRS_ENV)
    if env is None:
        return list(SEARCH_DIRS)
    return [g for g in env.split(os.pathsep) if g.strip()]


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
        known = _BINDIRS.get(pg_config)
        if known is not None and known[0] == _stat_key(Path(pg_config)) and ok(known[1]):
            return known[1]   # asked already in this process (the early initdb's lookup)
        try:
            # --version too: the same installation's version, one process fewer at start
            lines = subprocess.run(
                [pg_config, "--bindir", "--version"], capture_output=True, text=True, timeout=10,
                check=True
            ).stdout.strip().splitlines()
            out = lines[0].strip() if lines else ""
            if out and ok(Path(out)):
                match = re.match(r"PostgreSQL (\d+(?:\.\d+)?)\b", lines[-1].strip())
                if match and len(lines) == 2:
                    _VERSIONS[str(Path(out) / "postgres")] = (_stat_key(Path(out) / "postgres"),
                                                              match.group(1))
                _BINDIRS[pg_config] = (_stat_key(Path(pg_config)), Path(out))
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
    globs = search_dirs()
    candidates = sorted(
        (p for g in globs for p in glob.glob(os.path.expanduser(g))),
        key=lambda p: [int(x) for x in re.findall(r"\d+", p)] or [0],
        reverse=True,
    )
    for cand in candidates:
        if ok(Path(cand)):
            return Path(cand)
    if globs:
        looked.append(", ".join(globs))
    else:
        looked.append(f"no other directory (${SEARCH_DIRS_ENV} is empty)")
    err = BinariesNotFound(
        "PostgreSQL binaries (initdb, postgres) not found; looked at: " + "; ".join(looked),
        hint="install the PostgreSQL server (e.g. apt-get install postgresql) or pass "
        "--pggit-pg-bin DIR, or use pip install 'pytest-pggit[server]' (--pggit-backend "
        "embedded), or --pggit-backend dsn --pggit-dsn ...",
    )
    #: Where it looked, for the report header's reason (see backends.select).
    err.looked = looked  # type: ignore[attr-defined]
    raise err


#: ``postgres`` path -> (its stat key, version): what ``pg_config --version`` of the same
#: installation said when :func:`find_binaries` asked it for the bindir.
_VERSIONS: Dict[str, Any] = {}
#: ``pg_config`` path -> (its stat key, the bindir it named): a first run's early initdb
#: and the server's start both look the binaries up, one ``pg_config`` process between them.
_BINDIRS: Dict[str, Any] = {}


def _stat_key(path: Path) -> Optional[List[int]]:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return [st.st_ino, st.st_mtime_ns, st.st_size]


def server_version(bindir: Path) -> str:
    """``postgres --version`` -> '15.18' (what ``pg_config --version`` said when it named
    this bindir a moment ago, the binary unchanged since)."""
    known = _VERSIONS.get(str(bindir / "postgres"))
    if known is not None and known[0] is not None and known[0] == _stat_key(bindir / "postgres"):
        return known[1]
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


def check_runnable(bindir: Path, runas: "RunAs") -> None:
    """As root the server runs as another OS user: make sure it can run ``postgres`` there
    (a virtualenv below a private home, /root, cannot be reached); ServerStartError if not."""
    if not runas.switch:
        return
    postgres = bindir / "postgres"
    try:
        proc = subprocess.run([str(postgres), "--version"], capture_output=True, text=True,
                              timeout=30, env=child_env(), cwd="/", **runas.popen_kwargs())
        if proc.returncode == 0:
            return
        why = (proc.stderr or proc.stdout).strip() or f"exit {proc.returncode}"
    except (OSError, subprocess.SubprocessError) as exc:
        why = str(exc)
    blocked = unreachable_ancestor(postgres, runas)
    raise ServerStartError(
        f"running as root, PostgreSQL runs as OS user {runas.name!r}, which cannot run "
        f"{postgres} ({why})" + (f": {blocked} is not open to it" if blocked else ""),
        hint="install into a directory every user can read (a virtualenv outside /root, "
        "or chmod o+rx the directories on the way), or pass --pggit-os-user NAME",
    )


def unreachable_ancestor(path: Path, runas: "RunAs") -> Optional[Path]:
    """The first directory above ``path`` that ``runas`` may not enter (mode bits only)."""
    import stat

    for parent in reversed(path.parents):
        try:
            st = os.stat(parent)
        except OSError:
            return parent
        if st.st_uid == runas.uid:
            bit = stat.S_IXUSR
        elif st.st_gid == runas.gid:
            bit = stat.S_IXGRP
        else:
            bit = stat.S_IXOTH
        if not st.st_mode & bit:
            return parent
    return None


def initdb_command(bindir: Path, target: Path) -> List[str]:
    """initdb of a throwaway cluster in ``target``: trust auth, UTF8, C locale, no fsync."""
    cmd = [
        str(bindir / "initdb"), "-D", str(target), "-U", SUPERUSER, "--auth=trust",
        "-E", "UTF8", "--locale=C", "--no-sync",
        # 1 MB WAL segments instead of 16: the data directory every run copies is
        # ~15 MB smaller (a throwaway server never needs big segments)
        "--wal-segsize=1",
    ]
    if _has_no_instructions(bindir):
        cmd.append("--no-instructions")
    return cmd


def _has_no_instructions(bindir: Path) -> bool:
    """Whether this initdb knows ``--no-instructions`` (PostgreSQL 14+): from the version
    pg_config told :func:`find_binaries` when it did (no process on the way to initdb),
    else from ``initdb --help``."""
    known = _VERSIONS.get(str(bindir / "postgres"))
    if known is not None and known[0] is not None and known[0] == _stat_key(bindir / "postgres"):
        try:
            return int(str(known[1]).split(".")[0]) >= 14
        except ValueError:
            pass
    try:
        help_text = subprocess.run(
            [str(bindir / "initdb"), "--help"], capture_output=True, text=True, timeout=30
        ).stdout
    except (OSError, subprocess.SubprocessError):
        help_text = ""
    return "--no-instructions" in help_text


def child_env() -> Dict[str, str]:
    """Our environment without libpq/server PG* variables that could change behaviour."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PG")}
    env["LC_ALL"] = "C"
    return env


def tail(path: Path, lines: int = 30) -> str:
    """The last lines of a log file, for error messages."""
    try:
        text = path.read_text(errors="replace")
    except OSError:
        return "(no log)"
    return "\n".join(text.splitlines()[-lines:]) or "(empty log)"


@dataclass
class RunAs:
    """The OS user initdb and postgres run as."""

    name: str
    uid: int
    gid: int
    switch: bool  # True when we are root and must drop privileges for initdb/postgres

    def popen_kwargs(self) -> Dict[str, Any]:
        if not self.switch:
            return {}
        return {"user": self.uid, "group": self.gid, "extra_groups": []}

    def spawn(self, cmd: Sequence[str], log: Path, cwd: Path) -> subprocess.Popen:
        """Start ``cmd`` as this user, its output appended to ``log``."""
        with open(log, "ab") as fh:
            return subprocess.Popen(
                list(cmd),
                stdout=fh,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                cwd=str(cwd),
                env=child_env(),
                **self.popen_kwargs(),
            )

    def run(self, cmd: Sequence[str], what: str, log: Path, cwd: Path,
            while_waiting: Optional[Callable[[], None]] = None) -> None:
        """Run ``cmd`` as this user, its output appended to ``log``; ServerStartError on failure.

        ``while_waiting`` is called once the command runs, before waiting for it: Python
        work that needs not wait for it (imports) overlaps it."""
        proc = self.spawn(cmd, log, cwd)
        try:
            if while_waiting is not None:
                while_waiting()
        finally:
            proc.wait()
        self.check(proc, what, log)

    def check(self, proc: subprocess.Popen, what: str, log: Path) -> None:
        """ServerStartError when ``proc`` (exited) failed."""
        if proc.returncode != 0:
            raise ServerStartError(
                f"{what} failed (exit {proc.returncode}) as OS user {self.name!r}; "
                f"last lines of {log}:\n{tail(log)}",
                hint="check that the OS user can write to the temporary directory",
            )

    def copy(self, source: Path, target: Path, log: Path, cwd: Path,
             while_waiting: Optional[Callable[[], None]] = None) -> None:
        """``cp -a`` as this user, so every copied file is owned by it."""
        self.run(["cp", "-a", str(source), str(target)], "copying the cached data dir", log, cwd,
                 while_waiting)

    def copy_data_dir(self, source: Path, target: Path, log: Path, cwd: Path,
                      while_waiting: Optional[Callable[[], None]] = None) -> "PendingCopy":
        """Copy the data directory ``source`` to ``target`` (``cp -a``, as this user) in
        two parts: all but ``base/`` (the databases' files) now, ``base/`` started and
        not waited for.  postgres may start on ``target`` at once: it reads no database's
        files until a connection asks for one (see :class:`PendingCopy`)."""
        names = sorted(os.listdir(source))
        if DEFERRED_DIR not in names:   # not a data directory we know: all at once
            self.copy(source, target, log, cwd, while_waiting)
            return PendingCopy(None, self, log)
        os.mkdir(target, 0o700)
        if self.switch:
            os.chown(target, self.uid, self.gid)
        # both parts at once (disjoint folders): base/ is on its way while the rest is
        # copied and while postgres starts
        pending = PendingCopy(
            self.spawn(["cp", "-a", str(source / DEFERRED_DIR), str(target / DEFERRED_DIR)],
                       log, cwd), self, log)
        try:
            rest = [str(source / n) for n in names if n != DEFERRED_DIR]
            if rest:
                self.run(["cp", "-a", *rest, str(target)], "copying the cached data dir", log,
                         cwd, while_waiting)
            elif while_waiting is not None:
                while_waiting()
        except BaseException:
            pending.abort()
            raise
        return pending


#: The folder of a data directory :meth:`RunAs.copy_data_dir` copies while postgres starts.
DEFERRED_DIR = "base"


class PendingCopy:
    """The databases' files (``base/``) of a data directory still being copied.

    postgres, from launch to accepting connections, only lists ``base/`` (leftover
    temporary files, relcache init files) once it finds a cleanly shut down cluster: the
    copy overlaps its start (~50 ms) and is waited for (:meth:`wait`) before the first
    connection, which is the first to read a database's files."""

    def __init__(self, proc: Optional[subprocess.Popen], runas: RunAs, log: Path) -> None:
        self.proc = proc
        self.runas = runas
        self.log = log

    def wait(self) -> None:
        """Wait for the copy; ServerStartError when it failed."""
        proc, self.proc = self.proc, None
        if proc is not None:
            proc.wait()
            self.runas.check(proc, "copying the cached data dir", self.log)

    def abort(self) -> None:
        """Stop the copy (the start failed); idempotent."""
        proc, self.proc = self.proc, None
        if proc is not None:
            if proc.poll() is None:
                proc.kill()
            proc.wait()


def resolve_os_user(os_user: Optional[str] = None) -> RunAs:
    """Who runs initdb/postgres: ourselves, or as root ``os_user`` (default ``postgres``)."""
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
            hint=(f"create it (useradd --system --no-create-home {name}) or pass "
                  "--pggit-os-user NAME of an existing unprivileged user"
                  if not name.isdigit() else
                  "pass --pggit-os-user NAME (or uid) of an existing unprivileged user"),
        ) from None
    if entry.pw_uid == 0:
        raise ServerStartError(
            f"--pggit-os-user {name!r} is root; PostgreSQL refuses to run as root",
            hint="name an unprivileged OS user, e.g. postgres",
        )
    return RunAs(entry.pw_name, entry.pw_uid, entry.pw_gid, switch=True)
