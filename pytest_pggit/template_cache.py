"""Templates cached across runs: a run with nothing changed clones the template it built
last time instead of applying every migration step again.

**The key.**  :func:`cache_inputs` hashes, one entry each, everything the build depends on:
the SQL layer (its install script), the server version, the build's own code in
pytest-pggit, the settings that change the build (``--pggit-no-owner``), the project's
root directory, each schema file (its text with ``\\i`` includes expanded) and each migration
step (tag, description and the text of its ``source`` file), each module that implements
a ``pytest_pggit_*`` hook (the whole file: the helpers a hook calls count too), the files
of a built-in provider (``alembic.ini``, ``env.py``) and ``--pggit-cache-key``.  The key
is the hash of them all; the entry keeps them, so a miss can say which one changed.

**The entry.**  A database ``pggit_cache_<key>`` on the run's server, marked
``IS_TEMPLATE``, holding the template as built (SQL layer, steps, setup hook, their
commits and tags: the pggit history).  What the session needs that is not in the
database rides along in the database's comment, as JSON (:class:`Entry`): each step's tag
and commit sha (the session's ``steps``: the gate's base, the up/down and lint checks),
the build's notes, the row-changing statements each step sent (``Step.executed``, for
the gate's ``data`` check), when and how long it took, and the inputs.  A comment is not copied by
``CREATE DATABASE ... TEMPLATE``, so the clones the tests see hold nothing extra.

**A prefix.**  On a miss, an entry whose inputs are the same but for the steps, and
whose steps (the schema files, then the hooks' steps: names and digests, in order) are a
strict prefix of this build's, is cloned instead of building from the layer: only the
steps after its own are applied (:class:`Reuse`, :func:`prefix_entry`; one migration added
by a change is one step applied, not the whole plan again; a ``git:`` base's entry is
the usual prefix of a change's template).  Not an entry after which a setup hook ran
(its state is no prefix's), nor one of a pytest-pggit that kept no kind (a ``git:``
base's then kept no ``executed`` statements).  The result is a new entry.

**Concurrency.**  A hit clones without a lock (PostgreSQL itself keeps a ``DROP
DATABASE`` from removing a template while it is copied).  A miss takes the advisory lock
of its key, looks again (a concurrent run, or another pytest-xdist worker, may have built
it meanwhile: it then clones that), else builds the template, copies it into a database
of this run and renames that into place: nobody ever sees a half-built entry, and one
killed mid-build leaves only a database of its run, which the stale sweep drops
(:mod:`.janitor`).  Then the entries beyond the newest :data:`KEEP` are dropped.

**Where.**  On the DSN backend the entries stay on the server.  On the local backend they
live in the cluster; the cluster is kept in the layer cache at the end of a run that
changed them (:meth:`~pytest_pggit.backends.local.cache.LayerCache.keep_templates`), with
an index beside it, so the next run's header can say hit or miss before its server runs.

``PYTEST_DONT_REWRITE`` (see :mod:`pytest_pggit.plugin`).
"""
from __future__ import annotations

import hashlib
import inspect
import json
import os
import stat
import threading
import time
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import (TYPE_CHECKING, Any, Callable, Dict, Iterable, Iterator, List, Optional, Sequence,
                    Tuple)

from .exceptions import PggitError
from .formatting import display_path

if TYPE_CHECKING:  # pragma: no cover
    import psycopg

    from .backends import Server
    from .steps import Step

#: Name prefix of the cache entries (databases).
PREFIX = "pggit_cache_"
#: Entries kept per server (the most recently used).
KEEP = 3
#: Projects whose evicted entries an entry remembers (:attr:`Entry.evicted`).
EVICTED = 20
#: Format of the metadata in the entry's comment.
FORMAT = 1
#: First key of the advisory locks of cache keys ('pgic').
LOCK_NAMESPACE = 0x70676963
#: The modules of pytest-pggit whose code shapes the template.
BUILD_MODULES = ("template.py", "steps.py", "sqlfiles.py", "provenance.py", "ownership.py",
                 "template_cache.py", "tools/__init__.py", "tools/alembic.py", "tools/django.py")
#: The hooks whose implementations build the template.
BUILD_HOOKS = ("pytest_pggit_setup", "pytest_pggit_migration_steps")


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:16]


def _file_digest(path: Path) -> str:
    try:
        return _digest(path.read_bytes())
    except OSError as exc:
        return f"unreadable ({exc.strerror})"


#: The kinds of template (:attr:`CacheKey.kind`): the run's own, and a ``git:`` base's.
PROJECT, GIT_BASE = "project", "git base"


@dataclass
class CacheKey:
    """The hash of the build's inputs, and the inputs (name -> short hash).  ``kind``
    (:data:`PROJECT` or :data:`GIT_BASE`) is no input: a base whose inputs are the
    project's is the same template, one entry; it names the entries a miss compares with
    first."""

    inputs: Dict[str, str]
    kind: str = PROJECT

    @property
    def digest(self) -> str:
        text = json.dumps(sorted(self.inputs.items()))
        return hashlib.sha256(text.encode()).hexdigest()

    @property
    def database(self) -> str:
        """The entry's database name."""
        return PREFIX + self.digest[:20]

    @property
    def lock_id(self) -> int:
        """Second key of the entry's advisory lock (31 bits of the digest)."""
        return int(self.digest[:8], 16) & 0x7FFFFFFF


@dataclass
class Entry:
    """What the comment of a cache database holds."""

    key: str
    inputs: Dict[str, str]
    #: ``[tag, sha]`` per applied step, oldest first
    steps: List[List[str]]
    notes: List[str] = field(default_factory=list)
    #: per step tag: the row-changing statements it sent (``Step.executed``)
    executed: Dict[str, List[str]] = field(default_factory=dict)
    built_at: float = 0.0
    build_seconds: float = 0.0
    used_at: float = 0.0
    format: int = FORMAT
    #: the key's kind when it was built ("": before kinds were kept)
    kind: str = ""
    #: the entry whose steps it started from (:class:`Reuse`) and how many it applied
    reused_from: str = ""
    applied: int = 0
    #: the entries pruned lately, by rootdir: ``[database, when pruned]`` (a miss of that
    #: project then says its entry was evicted, not that it never had one: Q4a)
    evicted: Dict[str, List[Any]] = field(default_factory=dict)

    def to_json(self) -> str:
        return json.dumps(asdict(self), sort_keys=True)

    @classmethod
    def from_json(cls, text: Optional[str]) -> Optional["Entry"]:
        try:
            data = json.loads(text or "")
            if data.get("format") != FORMAT:
                return None
            return cls(**{k: data[k] for k in cls.__dataclass_fields__ if k in data})
        except (ValueError, TypeError, AttributeError, KeyError):
            return None


# ------------------------------------------------------------------ the key
def plugin_code_digest() -> str:
    """The hash of the pytest-pggit modules that build templates."""
    here = Path(__file__).resolve().parent
    h = hashlib.sha256()
    for name in BUILD_MODULES:
        h.update(name.encode() + b"\0")
        try:
            h.update((here / name).read_bytes())
        except OSError:
            pass
    return h.hexdigest()[:16]


class _LayerState:
    """What this process knows of one layer folder: its digest, the files it was computed
    from (``[path, mtime_ns, size]``), the expanded script when it was expanded here."""

    def __init__(self, digest: str, files: Optional[List[List[Any]]], script: Any = None) -> None:
        self.digest = digest
        self.files = files
        self.script = script
        self.remembered = False     # in the memo file (read from it, or written to it)

    def current(self) -> bool:
        return self.files is not None and _same_files(self.files)


_LAYER_LOCK = threading.Lock()
_LAYER: Dict[str, _LayerState] = {}
#: The digest memo's file, in a folder of its own per user in the local backend's cache.
MEMO_FILE = "layer-digests.json"


def _layer_base(sql_dir: Optional[Path]) -> Path:
    """:func:`pytest_pggit.sqlfiles.sql_dir`, resolved.  The usual cases are answered here
    without importing sqlfiles (~15 ms of a start that needs nothing else of it): a named
    folder holding install.sql, or (none named) the packaged ``sql`` folder, else the
    repository's, as sql_dir looks for them; anything else asks sql_dir (and its errors)."""
    if sql_dir is not None:
        if (Path(sql_dir) / "install.sql").is_file():
            return Path(sql_dir).resolve()
    else:
        here = Path(__file__).resolve().parent
        if (here / "sql" / "install.sql").is_file():
            return here / "sql"
        if not (here / "sql").exists() and (here.parent / "sql" / "install.sql").is_file():
            return here.parent / "sql"
    from . import sqlfiles

    return sqlfiles.sql_dir(sql_dir).resolve()


def _expand_layer(base: Path) -> _LayerState:
    """Expand ``base/install.sql``; the files are stat'ed first, so a change while it is
    read makes the next check expand it again rather than trust a stale digest."""
    from . import sqlfiles

    try:
        tree: Optional[Dict[str, List[int]]] = _stat_tree(base)
    except OSError:
        tree = None
    script = sqlfiles.expand_script(base / "install.sql", root=base.parent)
    try:
        files = _signature(script, tree) if tree is not None else None
    except OSError:
        files = None
    return _LayerState(_digest(script.text.encode()), files, script)


def layer_script(sql_dir: Optional[Path]) -> Any:
    """The layer's install script (a :class:`~pytest_pggit.sqlfiles.Script`), expanded again
    only when one of its files changed (the layer cache's key, the template cache's key
    and the install share it: ~30 ms of Python per expansion).  PggitError / OSError when
    there is none."""
    from . import sqlfiles

    base = _layer_base(sql_dir)
    with _LAYER_LOCK:
        state = _LAYER.get(str(base))
        # (a Script of an earlier import of sqlfiles, kept across pytester's in-process
        # runs, which import it again, is expanded anew: the caller expects this one's)
        if state is None or state.script is None or not state.current() \
                or type(state.script) is not sqlfiles.Script:
            state = _LAYER[str(base)] = _expand_layer(base)
        return state.script


def install_layer(conn: Any, sql_dir: Optional[Path]) -> None:
    """:func:`pytest_pggit.sqlfiles.install`, with the script of :func:`layer_script`."""
    from . import sqlfiles

    script = layer_script(sql_dir)
    sqlfiles.execute_script(conn, script, f"the SQL layer {_layer_base(sql_dir) / 'install.sql'}")


def _stat_tree(folder: Path) -> Dict[str, List[int]]:
    """``path -> [mtime_ns, size]`` of ``folder`` and of every file and folder below it (a
    file added, removed or renamed changes its folder's mtime)."""
    out: Dict[str, List[int]] = {}
    for p in [folder, *folder.rglob("*")]:
        st = os.stat(p)
        out[str(p)] = [st.st_mtime_ns, st.st_size]
    return out


def _signature(script: Any, tree: Dict[str, List[int]]) -> List[List[Any]]:
    """``[path, mtime_ns, size]`` of the layer's folder as it was before the script was
    expanded, and of the files the script was read from outside it (and their folders)."""
    files = dict(tree)
    outside = {Path(o[0]) for o in script.origins if o is not None and str(o[0]) not in tree}
    for p in sorted(outside | {p.parent for p in outside}):
        if str(p) not in files:
            st = os.stat(p)
            files[str(p)] = [st.st_mtime_ns, st.st_size]
    return [[path, m, size] for path, (m, size) in sorted(files.items())]


def _same_files(files: List[List[Any]]) -> bool:
    for path, mtime_ns, size in files:
        try:
            st = os.stat(path)
        except OSError:
            return False
        if st.st_mtime_ns != mtime_ns or st.st_size != size:
            return False
    return True


def _memo_dir(root: Path) -> Optional[Path]:
    """``root/.memo-<uid>``, private to this user (None when it cannot be made so: the
    cache folder is shared like ``/tmp``, and nobody else's file may decide a digest)."""
    uid = os.geteuid()
    path = root / f".memo-{uid}"
    try:
        if not root.is_dir():
            return None
        path.mkdir(mode=0o700, exist_ok=True)
        st = os.lstat(path)
    except OSError:
        return None
    if not stat.S_ISDIR(st.st_mode) or st.st_uid != uid or st.st_mode & 0o077:
        return None
    return path


def _read_memo(memo: Path) -> Dict[str, Any]:
    try:
        data = json.loads((memo / MEMO_FILE).read_text())
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def layer_digest(sql_dir: Optional[Path], memo_root: Optional[Path] = None) -> str:
    """The hash of the SQL layer's install script (its version).

    Computed again only when one of the layer's files changed.  With ``memo_root`` (the
    local backend's cache folder) the digest is also kept on disk with the mtime and size
    of every file it was computed from, so a later run with the layer files unchanged
    does not expand the script (``root/.memo-<uid>/layer-digests.json``)."""
    try:
        base = _layer_base(sql_dir)
    except PggitError as exc:
        return f"unreadable ({exc})"
    key = str(base)
    memo = _memo_dir(memo_root) if memo_root is not None else None
    with _LAYER_LOCK:
        state = _LAYER.get(key)
        if state is None or not state.current():
            state = None
            if memo is not None:
                saved = _read_memo(memo).get(key)
                try:
                    if saved and _same_files(saved["files"]):
                        state = _LAYER[key] = _LayerState(str(saved["digest"]), saved["files"])
                        state.remembered = True
                except (KeyError, TypeError, ValueError):
                    state = None
            if state is None:
                try:
                    state = _LAYER[key] = _expand_layer(base)
                except (OSError, PggitError) as exc:
                    return f"unreadable ({exc})"
        if memo is not None and not state.remembered and state.files is not None:
            state.remembered = True
            try:
                data = _read_memo(memo)
                data[key] = {"digest": state.digest, "files": state.files}
                tmp = memo / f".{MEMO_FILE}.{os.getpid()}.{threading.get_ident()}"
                tmp.write_text(json.dumps(data))
                os.replace(tmp, memo / MEMO_FILE)
            except OSError:
                pass
        return state.digest


def hook_modules(config: Any, rootdir: Path) -> List[Tuple[str, str]]:
    """``(label, digest)`` of every plugin implementing a build hook: a module's whole file
    (a conftest's helpers and constants count), a plugin object's class source."""
    out: Dict[str, str] = {}
    for hook in BUILD_HOOKS:
        for impl in getattr(config.hook, hook).get_hookimpls():
            plugin = impl.plugin
            path = getattr(plugin, "__file__", None)
            if path:
                out[f"hook {display_path(path, rootdir)}"] = _file_digest(Path(path))
                continue
            cls = type(plugin)
            try:
                text = inspect.getsource(cls)
            except (OSError, TypeError):
                text = f"{cls.__module__}.{cls.__qualname__}"
            out[f"hook {cls.__module__}.{cls.__qualname__}"] = _digest(text.encode())
            out.update(_provider_files(plugin, rootdir))
    return sorted(out.items())


def _provider_files(plugin: Any, rootdir: Path) -> Dict[str, str]:
    """The files a built-in provider reads besides its steps' sources: Alembic's ini, and
    its script directory's ``env.py`` and ``script.py.mako``."""
    ini = getattr(plugin, "ini", None)
    if not isinstance(ini, Path) or not ini.is_file():
        return {}
    out = {f"file {display_path(ini, rootdir)}": _file_digest(ini)}
    try:
        from .tools.alembic import alembic_config

        location = alembic_config(ini).get_main_option("script_location") or ""
    except Exception:   # the build reports a broken ini
        return out
    folder = Path(location)
    for name in ("env.py", "script.py.mako"):
        f = folder / name
        if f.is_file():
            out[f"file {display_path(f, rootdir)}"] = _file_digest(f)
    return out


def step_digest(step: "Step", rootdir: Path) -> str:
    """A step's tag, description and the text of its source file (when it names one)."""
    h = hashlib.sha256(f"{step.tag}\0{step.description}\0{sorted(step.allow.items())}".encode())
    if step.source:
        path = Path(step.source)
        path = path if path.is_absolute() else rootdir / path
        if path.is_file():
            h.update(path.read_bytes())
        else:
            h.update(b"no file: " + step.source.encode())
    return h.hexdigest()[:16]


def cache_inputs(*, rootdir: Path, sql_dir: Optional[Path], schema_files: Sequence[Path],
                 steps: Sequence["Step"], config: Any, no_owner: bool,
                 server_version_num: Optional[int], cache_key: Optional[str],
                 files_root: Optional[Path] = None, django_database: Optional[str] = None) -> CacheKey:
    """Everything the template depends on, one short hash per input.  ``files_root``:
    where the schema files and the steps' sources are read and named from, when not the
    rootdir (a ``git:`` base's files, extracted elsewhere, key as the rootdir's would)."""
    files_root = files_root if files_root is not None else rootdir
    inputs: Dict[str, str] = {
        "layer": layer_digest(sql_dir),
        "pytest-pggit": plugin_code_digest(),
        "rootdir": str(rootdir),
        "settings": f"no_owner={bool(no_owner)}" + (f", django_database={django_database}"
                                                     if django_database else ""),
    }
    if server_version_num is not None:
        inputs["server"] = str(server_version_num)
    if cache_key:
        inputs["--pggit-cache-key"] = _digest(str(cache_key).encode())
    for i, f in enumerate(schema_files):
        from . import sqlfiles

        name = f"schema file {i:04d} {display_path(f, files_root)}"
        try:
            inputs[name] = _digest(sqlfiles.expand_script(f, confine=files_root).text.encode())
        except (OSError, PggitError) as exc:
            inputs[name] = f"unreadable ({exc})"
    for i, step in enumerate(steps):
        inputs[f"step {i:04d} {step.tag}"] = step_digest(step, files_root)
    inputs.update(hook_modules(config, rootdir))
    differs = files_root.resolve() != Path(rootdir).resolve()
    return CacheKey(inputs, kind=GIT_BASE if differs else PROJECT)


def why_changed(old: Dict[str, str], new: Dict[str, str], limit: int = 3) -> str:
    """What differs between two entries' inputs, briefly: ``schema/02.sql changed, ...``."""
    parts = _changes(old, new)
    if not parts:
        return "key changed"
    more = len(parts) - limit
    return ", ".join(parts[:limit]) + (f" and {more} more" if more > 0 else "")


def _changes(old: Dict[str, str], new: Dict[str, str]) -> List[str]:
    """Each input that differs (``layer changed``, ``step app/2 added``, ...), and
    ``the steps' order changed``."""
    def by_name(inputs: Dict[str, str]) -> Dict[str, str]:
        """Steps by tag, not by plan position (``step 0042 <tag>``): one new step in
        the middle of a plan shifts every later one, which is no change of theirs (H4)."""
        return {_unplaced(k): v for k, v in inputs.items()}

    def order(inputs: Dict[str, str]) -> List[str]:
        return [name for name, _ in _step_inputs(inputs)]

    o, n = by_name(old), by_name(new)
    changed = [k for k in n if k in o and o[k] != n[k]]
    added = [k for k in n if k not in o]
    removed = [k for k in o if k not in n]
    parts = ([f"{x} changed" for x in changed] + [f"{x} added" for x in added]
             + [f"{x} removed" for x in removed])
    kept = set(order(old)) & set(order(new))
    if [t for t in order(old) if t in kept] != [t for t in order(new) if t in kept]:
        parts.append("the steps' order changed")
    return parts


def explain_miss(key: CacheKey, entries: Iterable[Entry]) -> str:
    """Why ``key`` has no entry: the change since the nearest entry of this project (same
    rootdir): the one fewest inputs differ from, of the key's kind first (Q4: the newest
    entry may be a ``git:`` base's, whose older steps are no change of this run's), then
    the most recently used."""
    entries = list(entries)
    mine = [e for e in entries if e.inputs.get("rootdir") == key.inputs.get("rootdir")]
    if not mine:
        gone = max((e.evicted[key.inputs.get("rootdir", "")] for e in entries
                    if isinstance(e.evicted, dict) and key.inputs.get("rootdir", "") in e.evicted),
                   key=lambda g: g[1], default=None)
        if gone is not None:
            when = time.strftime("%Y-%m-%d %H:%M:%S UTC", time.gmtime(float(gone[1])))
            return (f"the cached template of this project ({gone[0]}) was evicted at {when}: the "
                    f"server keeps the {KEEP} most recently used templates, of every project using it")
        return "no cached template of this project yet"
    nearest = min(mine, key=lambda e: (len(_changes(e.inputs, key.inputs)),
                                       e.kind != key.kind, -_used(e)))
    return "key changed: " + why_changed(nearest.inputs, key.inputs)


# ------------------------------------------------------------------ reusing a prefix
#: The inputs that are steps, each named ``<kind> <position> <name>``, applied in this order.
STEP_KINDS = ("schema file ", "step ")


def _placed(name: str) -> Optional[Tuple[int, int, str]]:
    """``(kind, position, kind + name)`` of a step's input name, None for other inputs
    (and for a schema file named without its position, as entries before it had)."""
    for kind, prefix in enumerate(STEP_KINDS):
        if name.startswith(prefix):
            pos, _, rest = name[len(prefix):].partition(" ")
            if len(pos) == 4 and pos.isdigit() and rest:
                return kind, int(pos), prefix + rest
    return None


def _unplaced(name: str) -> str:
    placed = _placed(name)
    return placed[2] if placed is not None else name


def _step_inputs(inputs: Dict[str, str]) -> List[Tuple[str, str]]:
    """``(input name without its position, digest)`` per step in the order the build
    applies them: the schema files, then the hooks' migration steps."""
    placed = sorted((p, k) for k, p in ((k, _placed(k)) for k in inputs) if p is not None)
    return [(p[2], inputs[k]) for p, k in placed]


def _fixed_inputs(inputs: Dict[str, str]) -> Dict[str, str]:
    return {k: v for k, v in inputs.items() if _placed(k) is None}


@dataclass
class Reuse:
    """A cached entry holding a strict prefix of a build's steps, to start it from: the
    build clones ``database`` and applies the steps after ``entry.steps``
    (:func:`pytest_pggit.template.build_template` reads it from :func:`offered`)."""

    database: str
    entry: Entry
    #: the build's steps: its schema files and migration steps
    total: int
    #: set by the build: it started from the entry, and applied this many steps itself
    used: bool = False
    applied: int = 0

    @property
    def count(self) -> int:
        return len(self.entry.steps)

    def note(self) -> str:
        return (f"template cache: reused {self.count} of {self.total} steps from "
                f"{self.database}, applied {self.applied}")


def _reusable(entry: Entry) -> bool:
    """Its state after its steps is the prefix's: no setup hook ran after them; and its
    steps' ``executed`` statements were kept (the gate's data check reads them: entries
    built before kinds were kept dropped a ``git:`` base's)."""
    return bool(entry.kind) and not any("pytest_pggit_setup hook" in n for n in entry.notes)


def prefix_entry(key: CacheKey, entries: Dict[str, Optional[Entry]]) -> Optional[Reuse]:
    """The entry with the longest strict prefix of ``key``'s steps (same step names and
    digests, in order) and every other input the same (layer, server, pytest-pggit,
    settings, schema files, hooks): None when there is none."""
    fixed = _fixed_inputs(key.inputs)
    steps = _step_inputs(key.inputs)
    best: Optional[Reuse] = None
    for name, entry in entries.items():
        if entry is None or name == key.database or not _reusable(entry):
            continue
        if _fixed_inputs(entry.inputs) != fixed:
            continue
        theirs = _step_inputs(entry.inputs)
        if not len(theirs) < len(steps) or steps[:len(theirs)] != theirs:
            continue
        if len(entry.steps) != len(theirs):   # every step applied and committed
            continue
        if best is None or len(theirs) > best.count:
            best = Reuse(name, entry, len(steps))
    return best


@dataclass
class Build:
    """What :meth:`TemplateCache.obtain` and the build it calls tell each other (the
    build's callable takes no arguments: the session's and the ``git:`` base's build
    closures pass this on unchanged): the entry it may start from, and the statements
    its steps sent (``Step.executed``, kept with the entry whatever the caller keeps)."""

    reuse: Optional[Reuse] = None
    executed: Dict[str, List[str]] = field(default_factory=dict)


_BUILD: "ContextVar[Optional[Build]]" = ContextVar("pytest_pggit_build", default=None)


def offered() -> Optional[Reuse]:
    """The entry the build in progress may start from (see :meth:`TemplateCache.obtain`)."""
    build = _BUILD.get()
    return build.reuse if build is not None else None


def built(applied: Iterable[Any]) -> None:
    """The build in progress applied these steps (``AppliedStep``): their ``executed``
    statements go with the entry."""
    build = _BUILD.get()
    if build is not None:
        build.executed = {a.tag: list(a.step.executed) for a in applied
                          if getattr(a.step, "executed", None)}


@contextmanager
def building(reuse: Optional[Reuse]) -> Iterator[Build]:
    """:func:`offered` returns ``reuse`` inside, :func:`built` records into the result."""
    build = Build(reuse)
    token = _BUILD.set(build)
    try:
        yield build
    finally:
        _BUILD.reset(token)


# ------------------------------------------------------------------ the server side
def list_entries(conn: "psycopg.Connection") -> Dict[str, Optional[Entry]]:
    """Every cache database of the server, with its metadata (None: unreadable)."""
    # only this role's: on a shared server another role could plant a database under an
    # entry's name with a copied comment, and runs cloned it for their tests and gate
    # (security round 2, V5); its entries are another's to use and prune
    rows = conn.execute(
        "SELECT d.datname, shobj_description(d.oid, 'pg_database') FROM pg_database d "
        "WHERE left(d.datname, length(%s)) = %s "
        "AND d.datdba = (SELECT oid FROM pg_roles WHERE rolname = current_user)", (PREFIX, PREFIX)).fetchall()
    return {name: Entry.from_json(comment) for name, comment in rows}


def foreign_owner(conn: "psycopg.Connection", name: str) -> Optional[str]:
    """The owner of database ``name`` when it exists and another role owns it."""
    row = conn.execute("SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = %s "
                       "AND datdba <> (SELECT oid FROM pg_roles WHERE rolname = current_user)",
                       (name,)).fetchone()
    return row[0] if row else None


def _set_comment(conn: "psycopg.Connection", name: str, entry: Entry) -> None:
    from psycopg import sql

    conn.execute(sql.SQL("COMMENT ON DATABASE {} IS {}").format(
        sql.Identifier(name), sql.Literal(entry.to_json())))


@dataclass
class Outcome:
    """What :meth:`TemplateCache.obtain` did: ``hit`` or not, why, and the entry."""

    hit: bool
    reason: str
    entry: Entry
    seconds: float = 0.0
    #: on a miss: the entry the build started from (``used``), else None
    reuse: Optional[Reuse] = None

    def note(self, name: str) -> str:
        if self.hit:
            # (UTC: Django sets the process's TZ from settings.TIME_ZONE, U8)
            when = time.strftime("%Y-%m-%d %H:%M:%S UTC", time.gmtime(self.entry.built_at))
            return (f"template cache hit: cloned {name} in {self.seconds:.2f} s ({self.reason}; "
                    f"built {when} in {self.entry.build_seconds:.2f} s, "
                    f"{len(self.entry.steps)} step(s))")
        reused = (f"; {self.reuse.note()}" if self.reuse is not None and self.reuse.used
                  else "")
        return (f"template cache miss ({self.reason}): built in {self.entry.build_seconds:.2f} s, "
                f"kept as {name}{reused}")


class TemplateCache:
    """The cache entries of one server, for one key."""

    def __init__(self, server: "Server", key: CacheKey, lock_timeout: Optional[str] = None,
                 keep: int = KEEP) -> None:
        self.server = server
        self.key = key
        self.lock_timeout = lock_timeout
        self.keep = keep

    @property
    def name(self) -> str:
        return self.key.database

    def lookup(self, conn: "Optional[psycopg.Connection]" = None) -> Tuple[Optional[Entry], str]:
        """The entry of this key (None on a miss) and, on a miss, why.  ``conn``: an
        autocommit admin connection to use (else one is opened)."""
        with self._admin(conn) as conn:
            entries = list_entries(conn)
        entry = entries.get(self.name)
        if entry is not None and entry.key == self.key.digest:
            return entry, "nothing changed"
        return None, miss_reason(self.key, entries)

    def obtain(self, target: str, build: Callable[[], Tuple[Any, Entry]],
               store_as: str, conn: "Optional[psycopg.Connection]" = None) -> Tuple[Any, Outcome]:
        """A janitor of ``target``, a clone of the entry, or what ``build()`` made.

        ``build()`` returns ``(janitor, entry)``: the built template's janitor (its database
        idle) and its metadata; it is copied into ``store_as`` (a database of this run),
        which is renamed into place.  The lock of the key is held while building, so one
        run (or pytest-xdist worker) builds and the others wait, then clone.  ``conn``: an
        autocommit admin connection for all of it (the session's; else one is opened)."""
        t0 = time.monotonic()
        with self._admin(conn) as conn:
            got = self._clone(target, conn)
            if got is not None:
                return got[0], Outcome(True, "nothing changed", got[1], time.monotonic() - t0)
            with self._locked():
                got = self._clone(target, conn)
                if got is not None:
                    return got[0], Outcome(True, "built by a concurrent run while this one waited",
                                           got[1], time.monotonic() - t0)
                entries = list_entries(conn)
                reason = explain_miss(self.key, [e for e in entries.values() if e is not None])
                t1 = time.monotonic()
                with building(prefix_entry(self.key, entries)) as made:
                    janitor, entry = build()
                reuse = made.reuse
                entry.executed = entry.executed or made.executed
                entry.build_seconds = time.monotonic() - t1
                entry.built_at = entry.used_at = time.time()
                entry.key = self.key.digest
                entry.inputs = dict(self.key.inputs)
                entry.kind = self.key.kind
                if reuse is not None and reuse.used:
                    entry.reused_from, entry.applied = reuse.database, reuse.applied
                else:
                    reuse = None
                other = foreign_owner(conn, self.name)
                if other is not None:   # (V5: used by nobody; this run's build is not kept)
                    return janitor, Outcome(False, f"{reason}; not kept: database {self.name} belongs "
                                                   f"to role {other}, not to this run's role (not used)",
                                            entry, time.monotonic() - t0, reuse)
                try:
                    self._store(janitor.database.name, store_as, entry, conn)
                except BaseException:
                    janitor.drop()
                    raise
            self.prune(conn)
        return janitor, Outcome(False, reason, entry, time.monotonic() - t0, reuse)

    # -- pieces ------------------------------------------------------------------
    def _admin(self, conn: "Optional[psycopg.Connection]") -> Any:
        """``conn`` as a context that leaves it open, else a new admin connection."""
        from contextlib import nullcontext

        from .janitor import admin_connect

        if conn is not None and not conn.closed and not conn.broken:
            return nullcontext(conn)
        return admin_connect(self.server, self.lock_timeout)

    def _clone(self, target: str, conn: "Optional[psycopg.Connection]" = None
               ) -> Optional[Tuple[Any, Entry]]:
        """Clone the entry into ``target`` (None when there is none, or it is unusable)."""
        import psycopg

        from .janitor import DatabaseJanitor, keep_out_others

        with self._admin(conn) as conn:
            entry = list_entries(conn).get(self.name)
            if entry is None or entry.key != self.key.digest:
                return None
            janitor = DatabaseJanitor(self.server, target, template=self.name,
                                      lock_timeout=self.lock_timeout)
            try:
                janitor.create(conn)
            except PggitError as exc:
                if isinstance(exc.__cause__, psycopg.errors.InvalidCatalogName):
                    return None   # pruned by a concurrent run a moment ago
                raise
            entry.used_at = time.time()
            try:   # most recently used: pruning keeps it (best effort: not the owner, say)
                _set_comment(conn, self.name, entry)
                keep_out_others(conn, self.name)   # (an entry stored before Z4's fix)
            except psycopg.Error:
                pass
        return janitor, entry

    def _store(self, source: str, staging: str, entry: Entry,
               conn: "Optional[psycopg.Connection]" = None) -> None:
        """Copy ``source`` into ``staging``, give it the metadata, rename it into place."""
        from psycopg import sql

        from .janitor import DatabaseJanitor, drop_database, mark_template

        with self._admin(conn) as conn:
            drop_database(conn, staging, self.server.server_version_num)
            wait_for_exits(conn, source)   # the build's connections to it, just closed
            close_leftovers(conn, source)
            DatabaseJanitor(self.server, staging, template=source,
                            lock_timeout=self.lock_timeout, private=True).create(conn)
            try:
                _set_comment(conn, staging, entry)
                drop_database(conn, self.name, self.server.server_version_num)  # a stale one
                conn.execute(sql.SQL("ALTER DATABASE {} RENAME TO {}").format(
                    sql.Identifier(staging), sql.Identifier(self.name)))
                mark_template(conn, self.name)
            except BaseException:
                drop_database(conn, staging, self.server.server_version_num)
                raise

    def prune(self, conn: "Optional[psycopg.Connection]" = None) -> List[str]:
        """Drop the entries beyond the :attr:`keep` most recently used (this key's stays)."""
        import psycopg

        from .janitor import drop_database

        dropped: List[str] = []
        try:
            with self._admin(conn) as conn:
                entries = list_entries(conn)
                ranked = sorted(entries, key=lambda n: (n == self.name, _used(entries[n])),
                                reverse=True)
                for name in ranked[self.keep:]:
                    try:
                        drop_database(conn, name, self.server.server_version_num)
                        dropped.append(name)
                    except psycopg.Error:
                        pass   # in use (being cloned), or not ours to drop: next time
                self._remember(conn, {n: entries[n] for n in dropped}, entries)
        except psycopg.Error:
            pass
        return dropped

    def _remember(self, conn: "psycopg.Connection", dropped: Dict[str, Optional[Entry]],
                  entries: Dict[str, Optional[Entry]]) -> None:
        """The projects whose entries were just dropped, in this key's entry (the one kept
        for sure): with those the dropped entries remembered, the newest :data:`EVICTED`."""
        mine = entries.get(self.name)
        if not dropped or mine is None:
            return
        now = time.time()
        gone: Dict[str, List[Any]] = {}
        for e in [mine] + [e for e in dropped.values() if e is not None]:
            for root, got in (e.evicted or {}).items():
                if root not in gone or got[1] > gone[root][1]:
                    gone[root] = list(got)
        for name, e in dropped.items():
            root = (e.inputs.get("rootdir") if e is not None else None) or ""
            if root and root != mine.inputs.get("rootdir") and not any(
                    x is not None and x.inputs.get("rootdir") == root for n, x in entries.items()
                    if n not in dropped):
                gone[root] = [name, now]
        gone.pop(mine.inputs.get("rootdir", ""), None)
        mine.evicted = dict(sorted(gone.items(), key=lambda kv: kv[1][1], reverse=True)[:EVICTED])
        _set_comment(conn, self.name, mine)

    def _locked(self) -> "_AdvisoryLock":
        return _AdvisoryLock(self.server, LOCK_NAMESPACE, self.key.lock_id,
                             f"the template cache entry {self.name}")


def wait_for_exits(conn: "psycopg.Connection", dbname: str, pid: Optional[int] = None,
                   timeout: float = 1.0) -> None:
    """Wait (at most ``timeout`` seconds) until the sessions of ``dbname`` that were closed
    a moment ago have exited (``pid``: the one of them; else any session of it).

    A backend exits a few ms after its client closed the connection; CREATE DATABASE ...
    TEMPLATE that still finds it there sleeps 100 ms before looking again
    (CountOtherDBBackends).  Cloning right after closing the template's connection lost
    that race 7 times in 15 on a loaded 2-core machine (118-135 ms instead of 20-37 ms);
    waiting for the exit first took 20-39 ms in all."""
    params: Tuple[Any, ...]
    if pid is not None:
        query, params = "SELECT EXISTS (SELECT FROM pg_stat_activity WHERE pid = %s)", (pid,)
    else:
        query, params = ("SELECT EXISTS (SELECT FROM pg_stat_activity WHERE datname = %s "
                         "AND pid <> pg_backend_pid())", (dbname,))
    deadline = time.monotonic() + timeout
    while True:
        row = conn.execute(query, params).fetchone()
        if not (row and row[0]) or time.monotonic() > deadline:
            return
        time.sleep(0.001)


def close_leftovers(conn: "psycopg.Connection", dbname: str, timeout: float = 5.0) -> List[int]:
    """End the sessions still connected to ``dbname``, a template this run has just built
    (no test has used it yet; only the run's role may connect, Z10), so that it can be
    copied: a migration tool's connection the build left open (an engine made by Alembic's
    ``env.py``, unnamed; Y7: 2 of 20 mealie runs failed ``cannot clone ... 1 other
    session(s) are still connected``).  Unreferenced connections are collected first
    (closing them), and the sessions that exit within ``timeout`` are waited for; those
    of the run's role still there are terminated.  Returns the pids terminated."""
    query = ("SELECT EXISTS (SELECT FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid() "
             "AND backend_type = 'client backend')")
    row = conn.execute(query, (dbname,)).fetchone()
    if not (row and row[0]):
        return []
    import gc

    gc.collect()   # (a connection nothing refers to any more closes when collected)
    wait_for_exits(conn, dbname, timeout=timeout)
    rows = conn.execute(
        "SELECT pid, pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s "
        "AND pid <> pg_backend_pid() AND backend_type = 'client backend' AND usename = current_user",
        (dbname,)).fetchall()
    pids = [pid for pid, done in rows if done]
    for pid in pids:
        wait_for_exits(conn, dbname, pid=pid, timeout=timeout)
    return pids


def _used(entry: Optional[Entry]) -> float:
    return max(entry.used_at, entry.built_at) if entry is not None else 0.0


class _AdvisoryLock:
    """A session advisory lock, waited for without a timeout, on a connection of its own
    (closing it, or the process dying, releases it)."""

    def __init__(self, server: "Server", namespace: int, lock_id: int, what: str) -> None:
        self.server = server
        self.keys = (namespace, lock_id)
        self.what = what
        self.conn: "Optional[psycopg.Connection]" = None

    def __enter__(self) -> "_AdvisoryLock":
        import psycopg

        try:
            self.conn = psycopg.connect(self.server.dsn(), autocommit=True, connect_timeout=10,
                                        application_name="pytest-pggit cache lock")
            self.conn.execute("SET lock_timeout = 0")
            self.conn.execute("SELECT pg_advisory_lock(%s, %s)", self.keys)
        except psycopg.Error as exc:
            if self.conn is not None:
                self.conn.close()
            raise PggitError.from_psycopg(exc, context=f"cannot lock {self.what}") from exc
        return self

    def __exit__(self, *exc_info: object) -> None:
        conn, self.conn = self.conn, None
        if conn is not None:
            conn.close()   # releases the lock


# ------------------------------------------------------------------ the local index
def read_index(path: Optional[Path]) -> Optional[Dict[str, Any]]:
    """The index of a cached cluster's entries (``templates.json`` beside its data)."""
    if path is None:
        return None
    try:
        return json.loads(path.read_text())
    except (OSError, ValueError):
        return None


def index_of(conn: "psycopg.Connection") -> Dict[str, Any]:
    """The index of the cache databases of a server: name -> metadata."""
    return {"entries": {name: asdict(e) for name, e in list_entries(conn).items() if e is not None}}


def predict(key: CacheKey, index: Optional[Dict[str, Any]]) -> Tuple[bool, str]:
    """Hit or miss of ``key`` against an index (a cached cluster's, read before it runs)."""
    if index is None:
        return False, "no cached template of this project with this SQL layer yet"
    entries = {name: Entry.from_json(json.dumps(data)) for name, data in
               (index.get("entries") or {}).items()}
    got = entries.get(key.database)
    if got is not None and got.key == key.digest:
        return True, "nothing changed"
    return False, miss_reason(key, entries)


def miss_reason(key: CacheKey, entries: Dict[str, Optional[Entry]]) -> str:
    """:func:`explain_miss`, and the entry whose steps the build will start from."""
    why = explain_miss(key, [e for e in entries.values() if e is not None])
    reuse = prefix_entry(key, entries)
    if reuse is None:
        return why
    return f"{why}; {reuse.count} of {reuse.total} steps can be reused from {reuse.database}"


__all__ = ["CacheKey", "Entry", "GIT_BASE", "KEEP", "Outcome", "PREFIX", "PROJECT", "Reuse",
           "TemplateCache", "cache_inputs", "explain_miss", "index_of", "list_entries",
           "miss_reason", "offered", "built", "building", "predict", "prefix_entry", "read_index",
           "why_changed"]
