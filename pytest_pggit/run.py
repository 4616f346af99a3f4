"""The state of one pytest run (one object in ``config.stash``)."""
from __future__ import annotations

import itertools
import os
import re
import secrets
import sys
from pathlib import Path
from typing import Any, Dict, List, Optional

from .backends import Server
from .config import PggitConfig
from .exceptions import PggitError
from .janitor import Database, DatabaseJanitor, drop_databases_like


class PggitRun:
    """Starts the backend on first use, builds the template once, cleans up at the end.

    Under pytest-xdist the controller starts one server and hands its description
    to the workers (``workerinput``); workers then only create and drop databases.
    """

    def __init__(self, cfg: PggitConfig, rootdir: Optional[Path] = None,
                 workerinput: Optional[Dict[str, Any]] = None) -> None:
        self.cfg = cfg
        self.rootdir = rootdir
        workerinput = workerinput or {}
        self.run_id: str = workerinput.get("pggit_run_id") or secrets.token_hex(4)
        worker = os.environ.get("PYTEST_XDIST_WORKER") or workerinput.get("workerid") or "main"
        self.worker = re.sub(r"[^a-z0-9]", "", worker.lower())[:12] or "main"
        self.backend: Any = None
        self.server: Optional[Server] = None
        self.shared = "pggit_server" in workerinput or "pggit_error" in workerinput
        self._shared_server = workerinput.get("pggit_server")
        self._shared_error = workerinput.get("pggit_error")
        self._template: Optional[Database] = None
        self._janitors: List[DatabaseJanitor] = []
        self._counter = itertools.count(1)
        self.notes: List[str] = []
        self.closed = False

    @property
    def prefix(self) -> str:
        """Every database this run creates starts with this."""
        return f"pggit_{self.run_id}_"

    def database_name(self, purpose: str) -> str:
        return f"{self.prefix}{self.worker}_{purpose}"

    def next_database_name(self) -> str:
        return self.database_name(f"{next(self._counter)}")

    def get_server(self) -> Server:
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
        self.backend = self.cfg.make_backend()
        self.server = self.backend.start()
        return self.server

    def template(self) -> Database:
        """The session's database with the SQL layer and the project schema."""
        if self._template is None:
            from .factories import build_template

            janitor, db, notes = build_template(
                self.get_server(), self.database_name("tpl"), self.cfg.sql_dir,
                self.cfg.schema, self.rootdir,
            )
            self._janitors.append(janitor)
            self.notes.extend(notes)
            self._template = db
        return self._template

    def close(self) -> None:
        """Drop our databases, stop the server we started. Idempotent."""
        if self.closed:
            return
        self.closed = True
        errors: List[BaseException] = []
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
            self.backend.stop()
        for exc in errors:  # never mask the test results; say what may have leaked
            sys.stderr.write(f"pytest-pggit: cleanup failed: {exc}\n")
