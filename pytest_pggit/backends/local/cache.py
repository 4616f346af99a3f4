"""Cached data directories: the local backend copies one instead of running initdb.

Entries live in ``/dev/shm/pytest-pggit-cache/`` (``$PGGIT_CACHE_DIR``), shared by runs
and users like ``/tmp``; an entry is trusted only when it is owned by the server's OS
user and private to it.  Two kinds, one class each:

* :class:`InitdbCache`: a pristine ``initdb`` per PostgreSQL build and OS user;
* :class:`LayerCache`: a cluster whose database ``pggit_layer`` (:data:`LAYER_DB`)
  holds the SQL layer, per layer version; templates are then cloned from it instead of
  installing the layer (about 100 ms saved per run).  A run that changed the cluster's
  cached templates (``pggit_cache_*`` databases, :mod:`pytest_pggit.template_cache`) keeps
  its cluster as a new *generation* of that entry (``<initdb>-tpl-<layer key>-<n>``, with
  the index ``templates.json``); the next run copies the newest generation.

Entries are made in a private build directory and renamed into place, so concurrent
runs never see a half-built one.

``PYTEST_DONT_REWRITE`` (see :mod:`pytest_pggit.plugin`).
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import stat
import tempfile
import threading
import time
from pathlib import Path
from typing import Any, Callable, Dict, List, Optional, Tuple

from ...exceptions import ServerStartError
from .. import Server
from .binaries import PendingCopy, RunAs, initdb_command

#: The database of a cached cluster that holds the SQL layer.
LAYER_DB = "pggit_layer"
#: Layer entries kept per initdb entry (one per SQL layer version seen); older ones are
#: removed when a new one is stored, once unused for PRUNE_AFTER seconds.
LAYER_ENTRIES_KEPT = 3
PRUNE_AFTER = 600.0
#: A generation no longer the newest is removed once unused for this long (a run touches
#: the one it copies before copying it).
GENERATION_PRUNE_AFTER = 60.0
#: Generations kept per layer key: the newest, and older ones holding a cached template
#: no newer one holds (D7), up to this many in all.
GENERATIONS_KEPT = 3
#: The index of a cluster's cached templates, beside its ``data``.
INDEX_FILE = "templates.json"


def default_cache_root(temp_root: Path) -> Path:
    """``$PGGIT_CACHE_DIR``, else ``pytest-pggit-cache`` in the servers' temporary root."""
    env = os.environ.get("PGGIT_CACHE_DIR")
    return Path(env) if env else temp_root / "pytest-pggit-cache"


def root_distrusted(root: Path) -> Optional[str]:
    """Why the cache folder ``root`` may not be used (None: it may).  It must be a real
    folder owned by this user or root and, when others may write in it, sticky as
    ``/tmp``: in a folder another user owns, or may write in without the sticky bit, that
    user could rename this user's entries, say an old layer's cluster to the current
    layer's name, which the next run copies (security round 3, Z11)."""
    try:
        st = os.lstat(root)
    except OSError:
        return None   # (made by this run, 1777)
    if not stat.S_ISDIR(st.st_mode):
        return "not a folder (a symlink?)"
    if st.st_uid not in (os.geteuid(), 0):
        return f"owned by uid {st.st_uid}, not by this user or root"
    if st.st_mode & 0o022 and not st.st_mode & stat.S_ISVTX:
        return f"others may write in it (mode {stat.S_IMODE(st.st_mode):o}) and it is not sticky"
    return None


def entry_refused(entry: Path, runas: RunAs) -> Optional[str]:
    """Why the name ``entry`` in the cache folder, when something has it, is no entry we
    may trust (None: nothing has the name, or a real folder of the server user, private
    to it).  Read with ``lstat``: a symlink is refused whatever it points at.  In the
    shared sticky folder another user cannot rename this user's entries but may *create*
    names: a symlink named like this user's next layer entry (its key is the digest of
    the layer's files, anyone can compute it) pointing at this user's old-layer entry
    passed ``os.stat`` and an old layer's cluster was copied as the current one (security
    round 3, Z20)."""
    try:
        st = os.lstat(entry)
    except OSError:
        return None
    if stat.S_ISLNK(st.st_mode):
        return "a symlink"
    if not stat.S_ISDIR(st.st_mode):
        return "not a folder"
    if st.st_uid != runas.uid:
        return f"owned by uid {st.st_uid}, not by the servers' OS user (uid {runas.uid})"
    if st.st_mode & 0o077:
        return f"not private to its owner (mode {stat.S_IMODE(st.st_mode):o})"
    return None


def refused_note(entry: Path, runas: RunAs) -> Optional[str]:
    """The note for an entry :func:`entry_refused` refuses (None: not refused)."""
    why = entry_refused(entry, runas)
    if why is None:
        return None
    return (f"cache entry {entry} not used: it is {why}, so another local user may have "
            f"made it (it could point at an old layer's cluster); remove it ({'rm' if why == 'a symlink' else 'rm -r'} "
            f"{entry}), or set PGGIT_CACHE_DIR to a folder of your own")


def entry_valid(entry: Path, runas: RunAs) -> bool:
    """Whether ``entry`` holds a data directory we may trust: in a cache folder we may
    trust (:func:`root_distrusted`), a real folder (no symlink) owned by the server user,
    private to it (:func:`entry_refused`), complete."""
    try:
        st = os.lstat(entry)
        data = os.lstat(entry / "data")
        version = os.lstat(entry / "data" / "PG_VERSION")
    except OSError:
        return False
    return (
        root_distrusted(entry.parent) is None
        and entry_refused(entry, runas) is None
        and stat.S_ISDIR(st.st_mode)
        and stat.S_ISDIR(data.st_mode)
        and stat.S_ISREG(version.st_mode)
    )


def _private_build_dir(root: Path, name: str, runas: RunAs) -> Path:
    """A fresh directory in ``root``, private to the server user, to build an entry in."""
    build = Path(tempfile.mkdtemp(prefix=f".build-{name}-", dir=str(root)))
    os.chmod(build, 0o700)
    if runas.switch:
        os.chown(build, runas.uid, runas.gid)
    return build


class InitdbCache:
    """A pristine ``initdb`` data directory per PostgreSQL build and OS user."""

    def __init__(self, root: Path, bindir: Path, version: str, runas: RunAs) -> None:
        self.root = root
        self.bindir = bindir
        self.runas = runas
        binhash = hashlib.sha1(str(bindir).encode()).hexdigest()[:8]
        #: This build's entry; layer entries are named after it.
        self.entry = root / f"{version}-{runas.uid}-{binhash}-w1"

    def make_data_dir(self, data: Path, log: Path, cwd: Path, notes: List[str],
                      timings: Dict[str, float],
                      while_waiting: Optional[Callable[[], None]] = None,
                      early: Optional["EarlyInitdb"] = None) -> PendingCopy:
        """A new data directory at ``data``: a copy of the entry, which is made first when
        missing (initdb, timed as ``initdb``; the copy as ``copy``).  ``while_waiting``
        runs while initdb does (see :meth:`RunAs.run`); not during a copy, which is
        over before the Python work would be.  ``early``: an initdb of this entry started
        before pytest_configure (:class:`EarlyInitdb`), waited for instead of running one.
        Returns the part of the copy still running (:meth:`RunAs.copy_data_dir`): wait
        for it before connecting."""
        runas = self.runas
        t0 = time.monotonic()
        if early is not None and early.makes(self.entry):
            seconds = early.wait(while_waiting)
            while_waiting = None   # called already
            if seconds is not None and entry_valid(self.entry, runas):
                timings["initdb"] = seconds
                notes.append(f"initdb cache miss: ran initdb ({seconds:.2f} s), "
                             f"pristine copy kept in {self.entry}")
                t0 = time.monotonic()
                pending = runas.copy_data_dir(self.entry / "data", data, log, cwd)
                timings["copy"] = time.monotonic() - t0
                return pending
            t0 = time.monotonic()   # it failed or lost a race: as if it had not run
        distrust = root_distrusted(self.root)
        if distrust is not None:
            notes.append(f"initdb cache not used: {self.root} is {distrust}; ran initdb "
                         "(remove the folder, or set PGGIT_CACHE_DIR to a folder of your own)")
            runas.run(initdb_command(self.bindir, data), "initdb", log, cwd, while_waiting)
            timings["initdb"] = time.monotonic() - t0
            return PendingCopy(None, runas, log)
        if entry_valid(self.entry, runas):
            notes.append(f"initdb cache hit: copied {self.entry}/data (initdb skipped)")
            pending = runas.copy_data_dir(self.entry / "data", data, log, cwd)
            timings["copy"] = time.monotonic() - t0
            return pending
        try:
            if not self.root.exists():
                self.root.mkdir(parents=True, exist_ok=True)
                os.chmod(self.root, 0o1777)  # shared by users, like /tmp
            build = _private_build_dir(self.root, self.entry.name, runas)
        except OSError as exc:
            notes.append(f"initdb cache unusable ({self.root}: {exc.strerror}); ran initdb")
            runas.run(initdb_command(self.bindir, data), "initdb", log, cwd, while_waiting)
            timings["initdb"] = time.monotonic() - t0
            return PendingCopy(None, runas, log)
        try:
            runas.run(initdb_command(self.bindir, build / "data"), "initdb", log, cwd, while_waiting)
            timings["initdb"] = time.monotonic() - t0
            try:
                os.rename(build, self.entry)  # atomic: concurrent runs never see a half-built entry
            except OSError:
                pass  # another run won the race (its entry is used if valid)
            source = self.entry if entry_valid(self.entry, runas) else build
            refused = refused_note(self.entry, runas)
            notes.append(
                f"initdb cache miss: ran initdb ({timings['initdb']:.2f} s), "
                + (f"pristine copy kept in {self.entry}" if source == self.entry
                   else f"could not cache it in {self.entry}")
            )
            if refused:
                notes.append(refused)
            t0 = time.monotonic()
            if source == self.entry:
                pending = runas.copy_data_dir(source / "data", data, log, cwd)
            else:   # all of it: the build directory is removed next
                runas.copy(source / "data", data, log, cwd)
                pending = PendingCopy(None, runas, log)
        finally:
            shutil.rmtree(build, ignore_errors=True)
        timings["copy"] = time.monotonic() - t0
        return pending


class EarlyInitdb:
    """The initdb of a first run, started before ``pytest_configure`` (while pytest loads
    the conftest files and the other plugins configure), on a thread.

    It only makes the initdb cache's entry (:class:`InitdbCache`), exactly as a miss of
    :meth:`InitdbCache.make_data_dir` would, and only when that entry is missing; the
    server start then waits for it and copies the entry.  When it fails, or the start
    asks for another entry (a conftest changed the settings), the start does what it
    would have done without it, so errors are reported as before."""

    def __init__(self, pg_bin: Optional[str], os_user: Optional[str]) -> None:
        self.pg_bin = pg_bin
        self.os_user = os_user
        #: The entry it makes (None: none, it is there already or the lookup failed).
        self.entry: Optional[Path] = None
        self._looked_up = threading.Event()
        self._seconds: Optional[float] = None
        self._thread = threading.Thread(target=self._run, name="pggit-early-initdb", daemon=True)

    def start(self) -> "EarlyInitdb":
        self._thread.start()
        return self

    def makes(self, entry: Path) -> bool:
        """Whether it makes ``entry`` (waits for the binaries' lookup)."""
        self._looked_up.wait()
        return self.entry == entry

    def _lookup(self) -> Optional[InitdbCache]:
        """The initdb cache of the binaries and user the settings name; None when its entry
        exists, or they are not found (the backend says so later)."""
        from .binaries import find_binaries, resolve_os_user, server_version
        from .server import temp_root

        try:
            bindir = find_binaries(self.pg_bin)
            initdb = InitdbCache(default_cache_root(temp_root()), bindir,
                                 server_version(bindir), resolve_os_user(self.os_user))
        except Exception:
            return None
        return None if entry_valid(initdb.entry, initdb.runas) else initdb

    def _run(self) -> None:
        try:
            initdb = self._lookup()
            self.entry = initdb.entry if initdb is not None else None
        finally:
            self._looked_up.set()
        if initdb is not None:
            self._seconds = _initdb_entry(initdb)

    def wait(self, while_waiting: Optional[Callable[[], None]] = None) -> Optional[float]:
        """Wait for it (``while_waiting`` runs first); how long initdb took, None when it
        made no entry."""
        if while_waiting is not None:
            while_waiting()
        self.join()
        return self._seconds

    def join(self) -> None:
        self._thread.join()


def _initdb_entry(initdb: InitdbCache) -> Optional[float]:
    """Run initdb into a build directory renamed to ``initdb``'s entry; the seconds it
    took, None when it did not make the entry."""
    runas = initdb.runas
    t0 = time.monotonic()
    if root_distrusted(initdb.root) is not None:
        return None   # (make_data_dir says why)
    try:
        if not initdb.root.exists():
            initdb.root.mkdir(parents=True, exist_ok=True)
            os.chmod(initdb.root, 0o1777)  # shared by users, like /tmp
        build = _private_build_dir(initdb.root, initdb.entry.name, runas)
    except OSError:
        return None
    log = build / "initdb.log"
    try:
        runas.run(initdb_command(initdb.bindir, build / "data"), "initdb", log, build)
        seconds = time.monotonic() - t0
        log.unlink()
        os.rename(build, initdb.entry)  # atomic, as in make_data_dir
        return seconds
    except (OSError, ServerStartError):
        return None   # the start runs initdb itself and reports what fails
    finally:
        shutil.rmtree(build, ignore_errors=True)


class LayerCache:
    """Clusters kept with the SQL layer installed in :data:`LAYER_DB`: everything about
    them is here.

    The entry sits beside the initdb entry of the same build and OS user, keyed by the
    hash of the layer's install script.  On a hit the backend copies it instead of the
    pristine one (:meth:`restore`) and checks it (:meth:`verify`); on a miss the run that
    owns the server installs the layer into LAYER_DB once (:meth:`fill`) and the whole
    cluster becomes the entry when the server stops cleanly (:meth:`store`).
    """

    def __init__(self, sql_dir: Optional[Path] = None, read_only: bool = False) -> None:
        #: The layer's directory (None: the one shipped with pytest-pggit).
        self.sql_dir = sql_dir
        #: Copy entries, never store one (--pggit-untrusted: a cluster where a pull
        #: request's SQL ran is not kept for later runs, Z23).
        self.read_only = read_only
        self.entry: Optional[Path] = None
        self.runas: Optional[RunAs] = None
        #: This cluster is a copy of the entry.
        self.restored = False
        #: The directory this cluster was copied from (the entry or one of its generations).
        self.source: Optional[Path] = None
        #: The index of the cached templates of that copy (None: none recorded).
        self.restored_index: Optional[Dict[str, Any]] = None
        self._store = False       # fill() ran: keep this cluster at a clean stop
        self._discarded = False   # verify() removed a damaged entry this run
        self._templates: Optional[Dict[str, Any]] = None  # keep_templates(): the new index
        #: Why a name of this entry (or a generation) was not used (:func:`refused_note`).
        self.refused: Optional[str] = None
        #: The project (its rootdir) this run caches templates for: :meth:`candidate`
        #: prefers the newest generation holding one of its templates (a concurrent run
        #: of another project may have kept a newer generation without it: D7).
        self.prefer: Optional[str] = None

    def attach(self, initdb: InitdbCache) -> None:
        """Name the entry: the initdb entry's name and the hash of the install script
        (remembered in the cache folder while the layer's files are unchanged)."""
        from ...template_cache import layer_digest

        key = layer_digest(self.sql_dir, memo_root=initdb.root)
        if key.startswith("unreadable"):
            return  # no layer to key on: the template build reports it
        self.entry = initdb.entry.with_name(f"{initdb.entry.name}-layer-{key}")
        self.runas = initdb.runas

    def may_hit(self, initdb: InitdbCache) -> bool:
        """Whether the cache folder holds any layer entry (or generation) of ``initdb``'s
        build: when none, :meth:`restore` cannot hit, whatever the layer's key, and the
        key need not be computed before the cluster is made."""
        if root_distrusted(initdb.root) is not None:
            return False
        try:
            return any(initdb.root.glob(f"{initdb.entry.name}-layer-*")) or \
                any(initdb.root.glob(f"{initdb.entry.name}-tpl-*"))
        except OSError:
            return True

    def generations(self) -> List[Path]:
        """The entry's generations (clusters also holding cached templates), newest first."""
        if self.entry is None:
            return []
        prefix = _generation_prefix(self.entry)
        found = []
        for p in self.entry.parent.glob(prefix + "*"):
            tail = p.name[len(prefix):]
            if tail.isdigit():   # (symlinks too: candidate() refuses them, with a note)
                found.append((int(tail), p))
        return [p for _, p in sorted(found, reverse=True)]

    def candidate(self) -> Optional[Path]:
        """What :meth:`restore` would copy: the newest valid generation holding a
        template of the project :attr:`prefer` names, else the newest valid generation,
        else the entry."""
        if self.entry is None or self.runas is None:
            return None
        names = self.generations() + [self.entry]
        valid = [p for p in names if entry_valid(p, self.runas)]
        self.refused = next((n for n in (refused_note(p, self.runas) for p in names) if n), None)
        if self.prefer is not None:
            for p in valid:
                if holds_project(read_index(p / INDEX_FILE), self.prefer):
                    return p
        return valid[0] if valid else None

    def restore(self, data: Path, log: Path, cwd: Path,
                while_waiting: Optional[Callable[[], None]] = None
                ) -> Optional[Tuple[str, PendingCopy]]:
        """Copy a valid entry to ``data``; the note to show and the part of the copy still
        running (:meth:`RunAs.copy_data_dir`: wait for it before connecting), or None on
        a miss (then ``while_waiting`` was not called).  ``while_waiting`` runs while it
        is copied (see :meth:`RunAs.run`)."""
        source = self.candidate()
        if source is None or self.runas is None:
            return None
        try:
            os.utime(source)  # recently used, before the copy: pruning keeps it
        except OSError:
            pass
        pending = self.runas.copy_data_dir(source / "data", data, log, cwd, while_waiting)
        self.restored = True
        self.source = source
        self.restored_index = read_index(source / INDEX_FILE)
        held = len((self.restored_index or {}).get("entries") or {})
        return (f"layer cache hit: copied {source}/data (database {LAYER_DB} already holds "
                "this SQL layer: templates are cloned, not installed"
                + (f"; {held} cached template(s)" if held else "") + ")"), pending

    def keep_templates(self, index: Dict[str, Any]) -> None:
        """Keep this cluster at a clean stop, as a new generation: its cached templates
        changed (``index``: what they are now, see :func:`pytest_pggit.template_cache.index_of`)."""
        self._templates = index

    def verify(self, server: Server, has: Any = "ask") -> Optional[str]:
        """After a restore, once the server runs: is the layer really in LAYER_DB?  If not
        (say, an entry saved by an older version mid-install), remove the entry so the next
        run builds a good one; returns the note saying so.  ``has``: the answer when the
        caller asked already (the local backend's readiness probe connects to LAYER_DB):
        True, False, or None when there is no such database."""
        if not self.restored or self.entry is None:
            return None
        if has == "ask":
            has = _has_layer(server, LAYER_DB)
        if has:
            server.layer_db = LAYER_DB
            return None
        if has is None and self.source is not None and self.source != self.entry:
            # a generation kept by a run that never installed the layer (an xdist
            # controller: its workers built the templates): nothing is damaged
            return None
        damaged = self.source or self.entry
        shutil.rmtree(damaged, ignore_errors=True)
        self.restored = False
        self._discarded = True
        self._templates = None
        return (f"database {LAYER_DB} had no SQL layer; removed the damaged cache entry "
                f"{damaged}; the layer is installed into the template instead")

    def can_fill(self) -> bool:
        """Whether :meth:`fill` would make an entry (none yet, and this cluster is not one)."""
        return not (self.read_only or self.entry is None or self.restored or self._discarded
                    or self.entry.exists())

    def fill(self, server: Server, admin: Any = None) -> str:
        """Install the layer into LAYER_DB of ``server`` and keep the cluster as the entry
        when the server stops cleanly.  Returns the note to show.  ``admin``: an
        autocommit admin connection to create the database through (else one is opened)."""
        import psycopg

        from ...janitor import DatabaseJanitor
        from ...template_cache import install_layer, wait_for_exits

        # from template1 as CREATE DATABASE would, but with FILE_COPY (DatabaseJanitor
        # uses it for a named template): on a fresh cluster ~10 ms faster than WAL_LOG
        janitor = DatabaseJanitor(server, LAYER_DB, template="template1")
        db = janitor.create(admin if admin is not None and not admin.closed else None)
        try:
            with psycopg.connect(db.dsn, autocommit=True) as conn:
                install_layer(conn, self.sql_dir)
                pid = conn.info.backend_pid
            if admin is not None and not admin.closed:
                # the template is cloned from LAYER_DB next: once this session is gone
                wait_for_exits(admin, LAYER_DB, pid)
        except BaseException:
            janitor.drop()
            raise
        # only a committed, complete layer may be cached (an interrupt above never gets
        # here): every later run would clone a database without the layer
        self._store = True
        server.layer_db = LAYER_DB
        return (f"SQL layer installed once into {LAYER_DB}; the cluster is cached at shutdown "
                "so later runs clone it")

    def store(self, data: Path, log: Path, cwd: Path) -> None:
        """After a clean shutdown: copy the data directory of a filled cluster to the
        entry, or of one whose cached templates changed to a new generation of it."""
        entry, runas = self.entry, self.runas
        if self.read_only or entry is None or runas is None or root_distrusted(entry.parent) is not None:
            return
        if self._store and not entry.exists():
            target = entry
        elif self._templates is not None and not self._discarded:
            target = entry.with_name(f"{_generation_prefix(entry)}{time.time_ns()}")
        else:
            return
        try:
            build = _private_build_dir(entry.parent, target.name, runas)
        except OSError:
            return
        try:
            runas.copy(data, build / "data", log, cwd)
            # the copy must not carry this run's pid file
            (build / "data" / "postmaster.pid").unlink(missing_ok=True)
            if self._templates is not None:
                (build / INDEX_FILE).write_text(json.dumps(self._templates))
            os.rename(build, target)
        except (OSError, ServerStartError):
            pass  # a cache is an optimisation: the next run installs the layer again
        finally:
            shutil.rmtree(build, ignore_errors=True)
        prune_layer_entries(entry)
        prune_generations(entry)


def _generation_prefix(entry: Path) -> str:
    """``<initdb entry>-tpl-<layer key>-``: the names of a layer entry's generations."""
    base, _, key = entry.name.rpartition("-layer-")
    return f"{base}-tpl-{key}-"


def holds_project(index: Optional[Dict[str, Any]], rootdir: str) -> bool:
    """Whether a generation's index records a cached template of the project at ``rootdir``."""
    return any(isinstance(e, dict) and (e.get("inputs") or {}).get("rootdir") == rootdir
               for e in ((index or {}).get("entries") or {}).values())


def _held(path: Path) -> "set[Tuple[str, str]]":
    """The ``(database, key digest)`` of the cached templates a generation's index records."""
    entries = (read_index(path / INDEX_FILE) or {}).get("entries") or {}
    return {(n, str(e.get("key"))) for n, e in entries.items() if isinstance(e, dict)}


def read_index(path: Path) -> Optional[Dict[str, Any]]:
    try:
        data = json.loads(path.read_text())
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def prune_generations(entry: Path, min_age: float = GENERATION_PRUNE_AFTER) -> List[Path]:
    """Remove every generation of the layer entries beside ``entry`` but the newest of
    each of the :data:`LAYER_ENTRIES_KEPT` most recent layer keys, once unused for
    ``min_age`` seconds.  An older generation of a kept key stays while it holds a cached
    template no newer one does (two runs that missed at the same time each kept their
    own: D7), up to :data:`GENERATIONS_KEPT` per key.  Returns what was removed."""
    base = entry.name.rpartition("-layer-")[0]
    now = time.time()
    by_key: Dict[str, List[Tuple[int, Path]]] = {}
    try:
        for p in entry.parent.glob(f"{base}-tpl-*"):
            key, _, n = p.name[len(base) + len("-tpl-"):].rpartition("-")
            if n.isdigit() and p.is_dir() and not p.is_symlink():
                by_key.setdefault(key, []).append((int(n), p))
    except OSError:
        return []
    ranked = sorted(by_key.values(), key=lambda gens: max(gens)[0], reverse=True)
    removed = []
    for i, gens in enumerate(ranked):
        gens.sort(reverse=True)
        newer: "set[Tuple[str, str]]" = set()
        kept = 0
        for j, (_, old) in enumerate(gens):
            held = _held(old) if i < LAYER_ENTRIES_KEPT else set()
            unique = bool(held - newer)
            newer |= held
            if i < LAYER_ENTRIES_KEPT and (j == 0 or (unique and kept < GENERATIONS_KEPT)):
                kept += 1
                continue
            try:
                if now - old.stat().st_mtime < min_age:
                    continue
            except OSError:
                continue
            shutil.rmtree(old, ignore_errors=True)
            removed.append(old)
    return removed


def _has_layer(server: Server, dbname: str) -> Optional[bool]:
    """Whether database ``dbname`` of ``server`` holds the pggit_v0 schema (None: there is
    no such database)."""
    import psycopg

    try:
        with psycopg.connect(server.dsn(dbname), autocommit=True, connect_timeout=10) as conn:
            row = conn.execute("SELECT to_regnamespace('pggit_v0') IS NOT NULL").fetchone()
            return bool(row and row[0])
    except psycopg.OperationalError as exc:
        missing = exc.sqlstate == "3D000" or f'"{dbname}" does not exist' in str(exc)
        return None if missing else False
    except psycopg.Error:
        return False


def prune_layer_entries(entry: Path, keep: int = LAYER_ENTRIES_KEPT,
                        min_age: float = PRUNE_AFTER) -> List[Path]:
    """Remove all but the ``keep`` most recently used siblings of a layer cache entry.

    Each change of the SQL layer leaves a ~30 MB entry behind (on tmpfs: memory).
    Entries used within ``min_age`` seconds are never removed, so a run copying one
    at this moment keeps it.  Returns what was removed."""
    base = entry.name.rsplit("-layer-", 1)[0]
    now = time.time()
    try:
        siblings = sorted((p for p in entry.parent.glob(f"{base}-layer-*")
                           if p.is_dir() and not p.is_symlink()),
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
