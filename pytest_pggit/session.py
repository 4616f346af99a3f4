"""The state of one pytest-pggit run, and its hooks.

Like pytest's own ``LogXML`` and ``TerminalReporter``, one :class:`PggitSession` is
built in ``pytest_configure`` (:mod:`.plugin`), kept on ``config.stash[session_key]``
and registered as a plugin, so its methods are the run's hooks.  The hooks are thin:
the server comes from a backend (:mod:`.backends`), the template from
:mod:`.template`, databases from :mod:`.janitor`, the gate from :mod:`.gate` and its
outputs from :mod:`.report`.  The fixtures (:mod:`.fixtures`) use its methods.

Under pytest-xdist the controller starts one server and hands its description to the
workers (``workerinput``); workers then only create and drop databases.  The template
comes from the template cache (:mod:`.template_cache`): the first process to take the
lock of its key builds it, the others (and later runs) clone it.

The process that owns the server holds a :class:`~.janitor.RunLock` from before its first
database until after its last is dropped; on the DSN backend a run first drops what runs
killed outright left behind (:func:`~.janitor.drop_stale_databases`).

``PYTEST_DONT_REWRITE`` (see :mod:`pytest_pggit.plugin`).
"""
from __future__ import annotations

import itertools
import logging
import re
import secrets
import sys
import threading
from typing import TYPE_CHECKING, Any, Callable, Dict, List, Optional, Tuple

import pytest

from .backends import Backend, Server, select
from .config import PggitConfig
from .exceptions import PggitError
from .formatting import display_path
from .janitor import (BackgroundDropper, Database, DatabaseJanitor, RunLock, admin_connect,
                      drop_databases_like, drop_stale_databases)

if TYPE_CHECKING:  # pragma: no cover
    import psycopg

    from .gate import GateResult
    from .steps import Step
    from .template import AppliedStep, BuiltTemplate
    from .template_cache import CacheKey

#: ``config.stash`` key of the run's PggitSession (absent while the plugin is off).
session_key = pytest.StashKey["PggitSession"]()

#: Exit statuses after which the gate does not run.
_NO_GATE = (pytest.ExitCode.INTERRUPTED, pytest.ExitCode.INTERNAL_ERROR, pytest.ExitCode.USAGE_ERROR)


class PggitSession:
    """Starts the backend (early, in a thread, or on first use), builds the template once,
    hands out connections and clones, runs the gate, cleans up at the end."""

    def __init__(self, cfg: PggitConfig, config: pytest.Config) -> None:
        self.cfg = cfg
        self.config = config
        self.rootdir = config.rootpath
        workerinput = getattr(config, "workerinput", None)
        #: This process is a pytest-xdist worker.
        self.is_worker = workerinput is not None
        workerinput = workerinput or {}
        # 10 hex digits: the stale sweep (janitor.RUN_DATABASE) knows runs that hold a lock
        self.run_id: str = workerinput.get("pggit_run_id") or secrets.token_hex(5)
        if cfg.untrusted:   # schema files as a non-superuser role (Z19, Z23)
            from .untrusted import enable

            #: the untrusted role's password comes from it (the controller's, in workers)
            self.untrusted_secret: str = workerinput.get("pggit_untrusted_secret") or secrets.token_hex(16)
            enable(self.run_id, self.untrusted_secret)
        # only workerinput says this process is an xdist worker: PYTEST_XDIST_WORKER may be
        # inherited from an outer xdist run (a pytest started by a test), where it would
        # give this run's controller the name of one of its own workers
        worker = workerinput.get("workerid") or "main"
        self.worker = re.sub(r"[^a-z0-9]", "", worker.lower())[:12] or "main"
        #: The server comes from the xdist controller.
        self.shared = "pggit_server" in workerinput or "pggit_error" in workerinput
        self._shared_server = workerinput.get("pggit_server")
        self._shared_error = workerinput.get("pggit_error")
        #: Where the server comes from; None in an xdist worker (the controller's is shared).
        self.backend: Optional[Backend] = None if self.shared else select(cfg, database_prefix=self.prefix)
        self.server: Optional[Server] = None
        #: The first startup failure; later fixtures report it without retrying.
        self.startup_error: Optional[PggitError] = None
        #: What the run did, for the terminal summary.
        self.notes: List[str] = []
        self.gate_result: Optional["GateResult"] = None
        self.closed = False
        self._template: Optional[Database] = None
        self._template_janitor: Optional[DatabaseJanitor] = None
        #: The migration steps applied to the template, oldest first (tags, commits).
        self.steps: List["AppliedStep"] = []
        self._janitors: List[DatabaseJanitor] = []
        self._counter = itertools.count(1)
        self._conn: Optional["psycopg.Connection"] = None  # pggit_conn's, reused between tests
        self._admin: Optional["psycopg.Connection"] = None
        self._clones: Optional[BackgroundDropper] = None
        self._lock = threading.RLock()          # one start, whichever thread asks first
        self._early: Optional[threading.Thread] = None
        self._early_error: Optional[PggitError] = None
        #: held while this run's databases exist (the owner of the server only)
        self._run_lock: Optional[RunLock] = None
        #: what the stale sweep dropped (DSN backend), for the header
        self.stale_note: Optional[str] = None
        #: the steps the header collected to compute the cache key: (hook plugins, steps)
        self._collected: Optional[Tuple[Tuple[int, ...], List["Step"]]] = None

    # -- names -----------------------------------------------------------------
    @property
    def prefix(self) -> str:
        """Every database this run creates starts with this."""
        return f"pggit_{self.run_id}_"

    def database_name(self, purpose: str) -> str:
        return f"{self.prefix}{self.worker}_{purpose}"

    def next_database_name(self) -> str:
        return self.database_name(f"{next(self._counter)}")

    # -- hooks -------------------------------------------------------------------
    def pytest_sessionstart(self, session: pytest.Session) -> None:
        """Start the server while pytest collects (not in xdist workers: the controller shares one)."""
        if not self.is_worker and not session.config.option.collectonly:
            self.start_early()

    @pytest.hookimpl(optionalhook=True)
    def pytest_configure_node(self, node: Any) -> None:
        """pytest-xdist controller: start one server and share it with every worker."""
        node.workerinput["pggit_run_id"] = self.run_id
        if self.cfg.untrusted:
            node.workerinput["pggit_untrusted_secret"] = self.untrusted_secret
        try:
            node.workerinput["pggit_server"] = self.get_server().to_dict()
        except PggitError as exc:  # reported by the workers' fixtures, where tests see it
            node.workerinput["pggit_error"] = str(exc)

    def pytest_report_header(self) -> Optional[List[str]]:
        backend = self.backend
        if backend is None:  # an xdist worker: the controller's header says it
            return None
        why = f" ({backend.reason})" if backend.reason else ""
        try:
            detail = backend.describe()
        except PggitError as exc:
            detail = f"unavailable: {exc.message}"
        lines = [f"pggit: backend {backend.name}{why}: {detail}", f"pggit: run id {self.run_id}"]
        if backend.name == "dsn":
            try:   # connecting is all a start does (describe() just did): lock, stale sweep
                self.get_server()
            except PggitError:
                pass
            if self.stale_note:
                lines.append(f"pggit: {self.stale_note}")
        if not self.config.option.collectonly:
            lines.append(f"pggit: {self._cache_header()}")
        from .report import printable

        return [printable(line) for line in lines]   # (names in them: the review's W10)

    # tryfirst: before the junitxml plugin writes --junitxml (the gate adds its checks to it)
    @pytest.hookimpl(tryfirst=True)
    def pytest_sessionfinish(self, session: pytest.Session, exitstatus: int) -> None:
        """The gate: after the tests, in the controller (or the only process) alone."""
        options = self.cfg.gate
        if (not options.wanted or self.is_worker or exitstatus in _NO_GATE
                or self.config.option.collectonly):
            return
        from . import report
        from .gate import run_gate

        try:
            self.gate_result = result = run_gate(self, options)
        except KeyboardInterrupt:   # F9: Ctrl-C while the gate ran (its scratch is dropped)
            reporter = self.config.pluginmanager.get_plugin("terminalreporter")
            line = ("pggit gate: INTERRUPTED (Ctrl-C): no verdict; the gate's scratch databases "
                    "were dropped, the run's server and databases go as usual")
            if reporter is not None:
                reporter.write_line(line, red=True, bold=True)
            session.exitstatus = pytest.ExitCode.INTERRUPTED
            return
        self.notes.extend(report.publish(result, self.config))
        if options.gate and not result.passed and session.exitstatus in (
                pytest.ExitCode.OK, pytest.ExitCode.NO_TESTS_COLLECTED):
            session.exitstatus = pytest.ExitCode.TESTS_FAILED

    def pytest_terminal_summary(self, terminalreporter: Any) -> None:
        tr = terminalreporter
        server_notes = list(self.server.notes) if self.server is not None else []
        result = self.gate_result
        if result is not None:
            from .report import write_terminal

            write_terminal(tr, result, server_notes + self.notes)
            if result.options.gate and not result.passed:
                # shown in the closing "N passed, ..." line: the session failed because of the gate
                tr.stats.setdefault("pggit gate failed", []).append(result)
            return
        if self.server is None:
            return
        server = self.server
        from .report import printable

        tr.write_line(printable(
            f"pggit: {server.backend} backend, PostgreSQL {server.version} at {server.host}:{server.port}"
        ))
        for note in server_notes + self.notes:
            tr.write_line(printable(f"pggit: {note}"))

    # -- the server ----------------------------------------------------------------
    def start_early(self) -> None:
        """Start the server in a background thread while pytest collects the tests.

        The first fixture that needs the server waits for it (``get_server`` holds a
        lock); a failure is kept and raised there, as if it had happened then.
        """
        if self.shared or self._early is not None or self.server is not None:
            return
        # the cluster to copy: the newest generation holding this project's templates (D7)
        layer = getattr(self.backend, "layer_cache", None)
        if layer is not None and self.rootdir is not None:
            layer.prefer = str(self.rootdir)

        def work() -> None:
            try:
                self.get_server()
            except PggitError as exc:
                self._early_error = exc
            except Exception as exc:  # pragma: no cover - reported by the fixture
                self._early_error = PggitError(f"starting the server failed: {exc}")

        make_thread_loggers()
        self._early = threading.Thread(target=work, name="pggit-early-start", daemon=True)
        self._early.start()

    def get_server(self) -> Server:
        with self._lock:
            if self._early_error is not None:
                raise self._early_error
            return self._get_server()

    def _get_server(self) -> Server:
        if self.server is not None:
            return self.server
        if self.closed:
            raise PggitError("pytest-pggit already shut down", hint="fixtures used after the session ended")
        if self._shared_error:
            raise PggitError(f"the xdist controller could not start the server: {self._shared_error}")
        if self._shared_server:
            self.server = Server.from_dict(self._shared_server)
            self.notes.append("shared server started by the pytest-xdist controller")
            return self.server
        assert self.backend is not None
        server = self.backend.start()
        lock = RunLock(server, self.prefix)
        try:
            lock.acquire()
        except PggitError:
            self.backend.stop()
            raise
        self._run_lock = lock
        self.server = server
        if server.backend == "dsn":
            try:
                stale = drop_stale_databases(server, self.prefix)
            except Exception as exc:  # never stops the run: say so
                self.stale_note = f"could not drop the databases of dead runs: {exc}"
            else:
                if stale:
                    runs = sorted({n.split("_")[1] for n in stale})
                    self.stale_note = (
                        f"dropped {len(stale)} database(s) of {len(runs)} run(s) that ended without "
                        f"cleaning up (killed?): {', '.join(stale[:4])}"
                        + (", ..." if len(stale) > 4 else ""))
            if self.stale_note:
                self.notes.append(self.stale_note)
        return self.server

    # -- the template (pggit_db) -------------------------------------------------
    def template(self) -> Database:
        """The session's database with the SQL layer and the project schema: a clone of
        the cached template when nothing changed, else built (and cached)."""
        if self._template is None:
            from .janitor import mark_template, open_to_others
            from .template import build_template

            hook, names = self._setup_hook()
            steps = self._steps()
            # the key's inputs but the server's version, while the server may still be
            # starting (hashing the files is Python work; the start mostly waits)
            key = self._early_key(steps)
            server = self.get_server()
            # the same name on every rebuild: pggit_db (session) keeps pointing at it
            name = self.database_name("tpl")

            def build() -> "BuiltTemplate":
                return build_template(
                    server, name, self.cfg.sql_dir, self.cfg.schema, self.rootdir,
                    setup_hook=hook, setup_hook_names=names,
                    layer_template=self._layer_source(server), no_owner=self.cfg.no_owner,
                    steps=steps, lock_timeout=self.cfg.lock_timeout, admin=self.admin())

            got = self._cached_template(server, steps, build, key)
            janitor, database, notes, applied = got if got is not None else build()
            self._janitors.append(janitor)
            # IS_TEMPLATE: DROP DATABASE refuses it, so another plugin's teardown cannot drop
            # it; our janitor un-marks it first (janitor.drop_database)
            mark_template(self.admin(), database.name)
            # built private (Z10), stored in the cache: the tests connect as roles of their own
            open_to_others(self.admin(), database.name)
            self.notes.extend(notes)
            self.steps = applied
            self._template = database
            self._template_janitor = janitor
        return self._template

    # -- the template cache ----------------------------------------------------------
    def _steps(self) -> List["Step"]:
        """The migration steps (the header's collection when the hooks are the same)."""
        from .steps import collect_steps

        plugins = tuple(id(i.plugin) for i in
                        self.config.hook.pytest_pggit_migration_steps.get_hookimpls())
        collected, self._collected = self._collected, None
        if collected is not None and collected[0] == plugins:
            return collected[1]
        steps, _ = collect_steps(self.config, self.rootdir)
        return steps

    def cache_off_reason(self, backend: Optional[str]) -> Optional[str]:
        """Why the template cache is off (None: on)."""
        if self.cfg.no_cache:
            return "--pggit-no-cache"
        if self.cfg.untrusted:
            return "--pggit-untrusted: nothing the project's SQL made is kept for later runs"
        if backend == "docker":
            return "docker backend: the container and all in it go at the end"
        return None

    def _early_key(self, steps: List["Step"]) -> Optional["CacheKey"]:
        """The cache key without the server's version (added once the server runs); None
        when the cache is off, or the key cannot be computed (the build then says why)."""
        backend = self.backend.name if self.backend is not None else None
        if self.shared:
            backend = (self._shared_server or {}).get("backend")
        if self.cache_off_reason(backend) is not None:
            return None
        try:
            return self._cache_key(steps, None)
        except PggitError:
            return None

    def _cache_key(self, steps: List["Step"], server_version_num: Optional[int]) -> "CacheKey":
        from .template import schema_files
        from .template_cache import cache_inputs

        return cache_inputs(rootdir=self.rootdir, sql_dir=self.cfg.sql_dir,
                            schema_files=schema_files(self.cfg.schema), steps=steps,
                            config=self.config, no_owner=self.cfg.no_owner,
                            server_version_num=server_version_num, cache_key=self.cfg.cache_key,
                            django_database=self.cfg.django_database if self.cfg.django else None)

    def _cached_template(self, server: Server, steps: List["Step"],
                         build: Callable[[], "BuiltTemplate"],
                         key: Optional["CacheKey"] = None) -> Optional[Tuple[Any, ...]]:
        """``(janitor, database, notes, applied steps)`` through the template cache; None
        when the cache is off or the key cannot be computed (``build()`` then reports why).
        ``key``: the key computed before the server ran (:meth:`_early_key`), completed
        here with the server's version."""
        from .template import AppliedStep, BuiltTemplate
        from .template_cache import Entry, TemplateCache

        if self.cache_off_reason(server.backend) is not None:
            return None
        if key is not None:
            key.inputs["server"] = str(server.server_version_num)
        else:
            try:
                key = self._cache_key(steps, server.server_version_num)
            except PggitError:
                return None   # a missing schema path: the build says so
        built: List[BuiltTemplate] = []

        def build_entry() -> Tuple[Any, Entry]:
            b = build()
            built.append(b)
            return b.janitor, Entry(key="", inputs={}, steps=[[a.tag, a.sha] for a in b.steps],
                                    notes=list(b.notes),
                                    executed={a.tag: list(a.step.executed) for a in b.steps
                                              if getattr(a.step, "executed", None)})

        cache = TemplateCache(server, key, self.cfg.lock_timeout)
        janitor, outcome = cache.obtain(self.database_name("tpl"), build_entry,
                                        self.database_name("cachenew"), conn=self.admin())
        note = outcome.note(cache.name)
        if built:
            b = built[0]
            return b.janitor, b.database, b.notes + [note], b.steps
        from .template import file_steps, schema_files

        every = file_steps(schema_files(self.cfg.schema), self.rootdir, self.cfg.no_owner) + steps
        by_tag = {_safe_tag(step): step for step in every}
        applied = [AppliedStep(by_tag[tag], tag, sha) for tag, sha in outcome.entry.steps
                   if tag in by_tag]
        for a in applied:   # (what the steps sent when the template was built)
            a.step.executed[:] = outcome.entry.executed.get(a.tag, [])
        if len(applied) != len(outcome.entry.steps) or len(applied) != len(every):
            janitor.drop()   # cannot be: the steps are part of the key; build to be safe
            b = build()
            return (b.janitor, b.database,
                    b.notes + ["template cache entry did not match the steps: built anew"], b.steps)
        return janitor, janitor.database, [note] + list(outcome.entry.notes), applied

    def _cache_header(self) -> str:
        """The header's line: template cache hit or miss, and why, as far as known now."""
        backend = self.backend
        assert backend is not None
        off = self.cache_off_reason(backend.name)
        if off is not None:
            return f"template cache: off ({off})"
        from .steps import collect_steps
        from .template_cache import TemplateCache, predict

        try:
            plugins = tuple(id(i.plugin) for i in
                            self.config.hook.pytest_pggit_migration_steps.get_hookimpls())
            steps, _ = collect_steps(self.config, self.rootdir)
            self._collected = (plugins, steps)
            if backend.name == "dsn":
                try:
                    server = self.get_server()
                except PggitError:
                    return "template cache: on (the server is not reachable now)"
                key = self._cache_key(steps, server.server_version_num)
                entry, why = TemplateCache(server, key, self.cfg.lock_timeout).lookup()
                hit = entry is not None
            else:
                index = self._local_index()
                key = self._cache_key(steps, (index or {}).get("server_version_num"))
                hit, why = predict(key, index)
        except Exception as exc:   # the build reports real problems; the header only guesses
            return (f"template cache: on; hit or miss is known when the template is needed "
                    f"({type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''})")
        if hit:
            return f"template cache hit: {key.database} ({why})"
        return f"template cache miss: {why}; the template is built and kept for the next run"

    def _local_index(self) -> Optional[Dict[str, Any]]:
        """The index of cached templates in the cluster the local backend will copy."""
        from pathlib import Path

        from .backends.local.cache import INDEX_FILE, InitdbCache, default_cache_root, read_index
        from .backends.local.server import temp_root

        backend: Any = self.backend
        layer = getattr(backend, "layer_cache", None)
        if layer is None:
            return None
        if layer.source is not None:   # the server started already: what it copied
            return layer.restored_index
        bindir, version, runas = backend.binaries()
        root = Path(backend.cache_dir) if backend.cache_dir else default_cache_root(temp_root())
        probe = type(layer)(layer.sql_dir)
        probe.prefer = layer.prefer
        probe.attach(InitdbCache(root, bindir, version, runas))
        source = probe.candidate()
        return read_index(source / INDEX_FILE) if source is not None else None

    def _keep_cached_templates(self) -> None:
        """Local (or embedded) backend, the server's owner, before it stops: when the cluster's cached
        templates changed (built, pruned: by this process or an xdist worker), keep the
        cluster as a new generation of the layer cache entry."""
        from .template_cache import index_of

        layer = getattr(self.backend, "layer_cache", None)   # local and embedded backends
        if layer is None or self.server is None:
            return
        with admin_connect(self.server) as conn:
            index = index_of(conn)
        index["server_version_num"] = self.server.server_version_num
        before = (layer.restored_index or {}).get("entries") or {}
        now = index["entries"]
        if {n: e.get("key") for n, e in now.items()} != {n: e.get("key") for n, e in before.items()}:
            layer.keep_templates(index)

    def _layer_source(self, server: Server) -> Optional[str]:
        """A database of this server holding the SQL layer, to clone templates from.

        A cluster restored from the layer cache has one.  Otherwise the process that
        owns the server (not an xdist worker) fills the backend's layer cache when it
        has one: the layer is installed once into its database, which the next run's
        cluster already holds (see :class:`~pytest_pggit.backends.local.LayerCache`)."""
        if server.layer_db is None and not self.shared and self.backend is not None:
            cache = self.backend.layer_cache
            if cache is not None and cache.can_fill():
                self.notes.append(cache.fill(server, admin=self.admin()))
        return server.layer_db

    def discard_template(self, reason: str) -> None:
        """Drop the template (a test committed into it); the next use rebuilds it."""
        self.release_connection()
        janitor, self._template_janitor = self._template_janitor, None
        self._template = None
        if janitor is not None:
            self._janitors.remove(janitor)
            janitor.drop()
        self.notes.append(f"template rebuilt: {reason}")

    def _setup_hook(self) -> Tuple[Optional[Callable[..., Any]], List[str]]:
        """The pytest_pggit_setup hook as one call, and where its implementations live."""
        caller = self.config.hook.pytest_pggit_setup
        impls = caller.get_hookimpls()
        if not impls:
            return None, []
        names = [display_path(getattr(impl.plugin, "__file__", None) or impl.plugin_name,
                              self.rootdir) for impl in impls]
        from .provenance import setup_hook_call   # its DDL recorded as `setup hook <file>:<line>`

        return setup_hook_call(caller, impls, self.config, self.rootdir), names

    # -- pggit_conn: one connection reused between tests ----------------------
    def acquire_connection(self) -> "psycopg.Connection":
        """A connection to the template, idle, with a clean session (DISCARD ALL)."""
        from psycopg import pq

        db = self.template()
        conn, self._conn = self._conn, None
        if conn is not None and (conn.closed or conn.info.transaction_status != pq.TransactionStatus.IDLE):
            conn.close()
            conn = None
        if conn is None:
            conn = db.connect()   # with lock_timeout (--pggit-lock-timeout)
        return conn

    def give_back_connection(self, conn: "psycopg.Connection") -> None:
        """Keep ``conn`` for the next test if it is healthy, else close it."""
        import psycopg
        from psycopg import pq
        from psycopg.rows import tuple_row

        if conn.closed or conn.broken:
            return
        try:
            if conn.info.transaction_status != pq.TransactionStatus.IDLE:
                conn.rollback()
            conn.autocommit = True
            conn.execute("DISCARD ALL")  # temp tables, GUCs, roles, prepared statements, listeners
            conn.autocommit = False
            conn.row_factory = tuple_row  # type: ignore[assignment]
            conn.prepare_threshold = 5
        except psycopg.Error:
            conn.close()
            return
        if self._conn is not None or self.closed:
            conn.close()
        else:
            self._conn = conn

    def release_connection(self) -> None:
        conn, self._conn = self._conn, None
        if conn is not None:
            conn.close()

    # -- pggit_isolated_db: clones from the template ---------------------------
    def admin(self) -> "psycopg.Connection":
        """A persistent autocommit connection to the admin database."""
        if self._admin is None or self._admin.closed or self._admin.broken:
            self._admin = admin_connect(self.get_server(), self.cfg.lock_timeout)
        return self._admin

    def clone(self) -> Database:
        """A fresh copy of the template; :meth:`drop_clone` removes it (in the background)."""
        template = self.template()
        self.release_connection()  # cloning needs the template idle
        janitor = DatabaseJanitor(template.server, self.next_database_name(), template=template.name,
                                  lock_timeout=self.cfg.lock_timeout)
        return janitor.create(conn=self.admin())

    def drop_clone(self, db: Database) -> None:
        if self._clones is None:
            self._clones = BackgroundDropper(self.get_server())
        self._clones.put(db.name)

    # -- the end -------------------------------------------------------------------
    def close(self) -> None:
        """Drop our databases, stop the server we started. Idempotent."""
        if self.closed:
            return
        self.closed = True
        if self._early is not None:   # let a start in progress finish, so it can be stopped
            self._early.join(timeout=self.cfg.start_timeout + 5)
        errors: List[BaseException] = []
        try:
            self.release_connection()
        except Exception as exc:
            errors.append(exc)
        if self._clones is not None:
            errors.extend(self._clones.close())
        if self._admin is not None:
            try:
                self._admin.close()
            except Exception as exc:
                errors.append(exc)
        if self.server is not None:
            for janitor in reversed(self._janitors):
                try:
                    janitor.drop()
                except Exception as exc:  # keep going: the server must still stop
                    errors.append(exc)
            if self.server.backend == "dsn" and not self.shared:
                try:  # sweep what crashed workers or leaked fixtures left behind
                    drop_databases_like(self.server, self.prefix)
                except Exception as exc:
                    errors.append(exc)
                if self.cfg.untrusted and not self.is_worker:   # (its databases are gone)
                    try:
                        from .untrusted import drop_role

                        drop_role(self.server)
                    except Exception as exc:
                        errors.append(exc)
            if not self.shared and self.cache_off_reason(self.server.backend) is None:
                try:
                    self._keep_cached_templates()
                except Exception as exc:
                    errors.append(exc)
        if self.cfg.untrusted:   # (the mode is this run's: a later session in this process is not in it)
            from .untrusted import disable

            disable()
        if self._run_lock is not None:   # after the last drop: our databases are gone
            self._run_lock.release()
        if self.backend is not None:
            try:
                self.backend.stop()
            except Exception as exc:
                errors.append(exc)
        for error in errors:  # never mask the test results; say what may have leaked
            sys.stderr.write(f"pytest-pggit: cleanup failed: {error}\n")


#: loggers the start-up threads make (psycopg's import; asyncio and concurrent.futures it
#: imports; the Docker backend's client libraries)
_THREAD_LOGGERS = ("asyncio", "concurrent", "concurrent.futures", "psycopg", "psycopg.pq", "psycopg.transaction",
                   "psycopg.waiting", "psycopg.debug", "docker", "urllib3", "testcontainers")


def make_thread_loggers() -> None:
    """Make, on the main thread, the loggers the start-up threads would make: pytest walks
    logging's logger dict when collection starts, and one made then on a thread crashed
    the run (``RuntimeError: dictionary changed size during iteration``, K10)."""
    for name in _THREAD_LOGGERS:
        logging.getLogger(name)


def _import_client() -> None:
    try:
        import psycopg  # noqa: F401
        import psycopg.conninfo  # noqa: F401
        import psycopg.sql  # noqa: F401
    except Exception:   # pragma: no cover - the first connection reports it
        pass


def import_client_early() -> None:
    """Import psycopg on the main thread, before the server's start-up thread: that thread
    and a conftest importing psycopg at once (or our own import thread, as it was) left a
    half-initialized module behind on an idle machine: "cannot import name
    'conninfo_attempts' from partially initialized module", "module 'psycopg' has no
    attribute 'connect'".  ~70 ms (~140 ms in a fresh interpreter), paid before the server
    starts instead of beside it."""
    make_thread_loggers()
    _import_client()


def _safe_tag(step: "Step") -> str:
    from .steps import safe_ref_name

    return safe_ref_name(step.tag)
