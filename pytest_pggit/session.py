"""The state of one pytest-pggit run: one PggitSession per pytest run (in ``config.stash``)."""
from __future__ import annotations

import itertools
import re
import secrets
import sys
import threading
from pathlib import Path
from typing import Any, Dict, List, Optional

from .backends import Backend, Server, select
from .config import PggitConfig
from .exceptions import PggitError
from .janitor import Database, DatabaseJanitor, drop_databases_like


class PggitSession:
    """Starts the backend (early, in a thread, or on first use), builds the template once, cleans up at the end.

    Under pytest-xdist the controller starts one server and hands its description
    to the workers (``workerinput``); workers then only create and drop databases.
    """

    def __init__(self, cfg: PggitConfig, rootdir: Optional[Path] = None,
                 workerinput: Optional[Dict[str, Any]] = None,
                 pytest_config: Any = None) -> None:
        self.cfg = cfg
        self.pytest_config = pytest_config
        #: The first startup failure; later fixtures report it without retrying.
        self.startup_error: Optional[PggitError] = None
        self._conn: Any = None  # pggit_conn's connection, reused between tests
        self._admin: Any = None
        self._clones: "Optional[_Dropper]" = None
        self._builds = 0
        self.rootdir = rootdir
        workerinput = workerinput or {}
        self.run_id: str = workerinput.get("pggit_run_id") or secrets.token_hex(4)
        # only workerinput says this process is an xdist worker: PYTEST_XDIST_WORKER may be
        # inherited from an outer xdist run (a pytest started by a test), where it would
        # give this run's controller the name of one of its own workers
        worker = workerinput.get("workerid") or "main"
        self.worker = re.sub(r"[^a-z0-9]", "", worker.lower())[:12] or "main"
        self.server: Optional[Server] = None
        self.shared = "pggit_server" in workerinput or "pggit_error" in workerinput
        #: Where the server comes from; None in an xdist worker (the controller's is shared).
        self.backend: Optional[Backend] = None if self.shared else select(cfg, database_prefix=self.prefix)
        self._shared_server = workerinput.get("pggit_server")
        self._shared_error = workerinput.get("pggit_error")
        self._template: Optional[Database] = None
        self._janitors: List[DatabaseJanitor] = []
        self._counter = itertools.count(1)
        self.notes: List[str] = []
        self.closed = False
        self._lock = threading.RLock()          # one start, whichever thread asks first
        self._early: Optional[threading.Thread] = None
        self._early_error: Optional[PggitError] = None

    @property
    def prefix(self) -> str:
        """Every database this run creates starts with this."""
        return f"pggit_{self.run_id}_"

    def database_name(self, purpose: str) -> str:
        return f"{self.prefix}{self.worker}_{purpose}"

    def next_database_name(self) -> str:
        return self.database_name(f"{next(self._counter)}")

    def start_early(self) -> None:
        """Start the server in a background thread while pytest collects the tests.

        The first fixture that needs the server waits for it (``get_server`` holds a
        lock); a failure is kept and raised there, as if it had happened then.
        """
        if self.shared or self._early is not None or self.server is not None:
            return

        def work() -> None:
            try:
                self.get_server()
            except PggitError as exc:
                self._early_error = exc
            except Exception as exc:  # pragma: no cover - reported by the fixture
                self._early_error = PggitError(f"starting the server failed: {exc}")

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
        self.server = self.backend.start()
        return self.server

    def template(self) -> Database:
        """The session's database with the SQL layer and the project schema."""
        if self._template is None:
            from .template import build_template

            hook, names = self._setup_hook()
            server = self.get_server()
            janitor, db, notes = build_template(
                # the same name on every rebuild: pggit_db (session) keeps pointing at it
                server, self.database_name("tpl"),
                self.cfg.sql_dir, self.cfg.schema, self.rootdir,
                setup_hook=hook, setup_hook_names=names, layer_template=self._layer_source(server),
            )
            self._janitors.append(janitor)
            self.notes.extend(notes)
            self._template = db
            self._template_janitor = janitor
            self._builds += 1
        return self._template

    def _layer_source(self, server: Server) -> Optional[str]:
        """A database of this server holding the SQL layer, to clone templates from.

        A cluster restored from the layer cache has one.  Otherwise the process that
        owns the server (not an xdist worker) fills the backend's layer cache when it
        has one: the layer is installed once into its database, which the next run's
        cluster already holds (see :class:`~pytest_pggit.backends.local.LayerCache`)."""
        if server.layer_db is None and not self.shared and self.backend is not None:
            cache = self.backend.layer_cache
            if cache is not None and cache.can_fill():
                self.notes.append(cache.fill(server))
        return server.layer_db

    def discard_template(self, reason: str) -> None:
        """Drop the template (a test committed into it); the next use rebuilds it."""
        self.release_connection()
        janitor = getattr(self, "_template_janitor", None)
        self._template = None
        if janitor is not None:
            self._janitors.remove(janitor)
            janitor.drop()
        self.notes.append(f"template rebuilt: {reason}")

    def _setup_hook(self):
        config = self.pytest_config
        if config is None:
            return None, []
        caller = config.hook.pytest_pggit_setup
        impls = caller.get_hookimpls()
        names = []
        for impl in impls:
            mod = getattr(impl.plugin, "__file__", None) or impl.plugin_name
            names.append(f"{_short_path(mod, self.rootdir)}")
        if not impls:
            return None, []
        return (lambda connection, database: caller(connection=connection, database=database,
                                                       config=config)), names

    # -- pggit_conn: one connection reused between tests ----------------------
    def acquire_connection(self) -> Any:
        """A connection to the template, idle, with a clean session (DISCARD ALL)."""
        import psycopg
        from psycopg import pq

        db = self.template()
        conn = self._conn
        self._conn = None
        if conn is not None and (conn.closed or conn.info.transaction_status != pq.TransactionStatus.IDLE):
            conn.close()
            conn = None
        if conn is None:
            conn = psycopg.connect(db.dsn, **self._conninfo_extra(db))
        return conn

    def give_back_connection(self, conn: Any) -> None:
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
            conn.row_factory = tuple_row
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

    @staticmethod
    def _conninfo_extra(db: Database) -> Dict[str, Any]:
        return {}

    # -- pggit_isolated_db: clones from the template ---------------------------
    def admin(self) -> Any:
        """A persistent autocommit connection to the admin database."""
        from .janitor import admin_connect

        if self._admin is None or self._admin.closed or self._admin.broken:
            self._admin = admin_connect(self.get_server())
        return self._admin

    def clone(self) -> Database:
        """A fresh copy of the template; :meth:`drop_clone` removes it (in the background)."""
        template = self.template()
        self.release_connection()  # cloning needs the template idle
        janitor = DatabaseJanitor(template.server, self.next_database_name(), template=template.name)
        janitor.create(conn=self.admin())
        return janitor.database  # type: ignore[return-value]

    def drop_clone(self, db: Database) -> None:
        if self._clones is None:
            self._clones = _Dropper(self.get_server())
        self._clones.put(db.name)

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
        if self.backend is not None:
            try:
                self.backend.stop()
            except Exception as exc:
                errors.append(exc)
        for error in errors:  # never mask the test results; say what may have leaked
            sys.stderr.write(f"pytest-pggit: cleanup failed: {error}\n")


def _short_path(path: str, rootdir: Optional[Path]) -> str:
    if rootdir is not None:
        try:
            return Path(path).resolve().relative_to(Path(rootdir).resolve()).as_posix()
        except (ValueError, OSError):
            pass
    return str(path)


class _Dropper:
    """Drops finished clones on a background thread, off the tests' critical path."""

    def __init__(self, server: Server) -> None:
        import queue
        import threading

        self.server = server
        self.queue: "queue.Queue[Optional[str]]" = queue.Queue()
        self.errors: List[BaseException] = []
        self.thread = threading.Thread(target=self._work, name="pggit-dropper", daemon=True)
        self.thread.start()

    def put(self, name: str) -> None:
        self.queue.put(name)

    def _work(self) -> None:
        from .janitor import admin_connect, drop_database

        conn = None
        while True:
            name = self.queue.get()
            if name is None:
                break
            try:
                if conn is None or conn.closed or conn.broken:
                    conn = admin_connect(self.server)
                drop_database(conn, name, self.server.server_version_num)
            except Exception as exc:
                self.errors.append(exc)
        if conn is not None:
            conn.close()

    def close(self) -> List[BaseException]:
        self.queue.put(None)
        self.thread.join(timeout=60)
        return self.errors
