"""Alembic revisions as migration steps (``--pggit-alembic [PATH]``, ini ``pggit_alembic``).

One step per revision of the project's script directory, in the order ``alembic upgrade
heads`` applies them (base first; on branches, one branch after the other; a merge
revision after all its parents), tagged ``alembic/<revision>``:

* upgrade: ``alembic.command.upgrade(cfg, "<revision>")``;
* downgrade: ``alembic.command.downgrade(cfg, "<revision>@-1")`` (that revision only, also
  while other branches are applied), for a merge revision ``downgrade(cfg, "<parent>")``
  (the merge only; the ``-1`` of a merge point is ambiguous to Alembic); after a base
  revision's downgrade the empty version table is dropped too, so the database is as
  it was before the first upgrade.

``cfg`` is the project's ``alembic.ini`` with the template's URL in ``sqlalchemy.url``
*and* a SQLAlchemy Engine in ``cfg.attributes["connection"]`` (as pytest-alembic passes
it), or an open Connection for an ``env.py`` that wants one (Alembic's cookbook), so an
``env.py`` reading any of them works (:class:`AlembicRunner`).  A revision file's module-level
``pggit_allow = {"data_deletion": "reason"}`` becomes the step's ``allow``.

Several heads are applied all the same (the template is what ``upgrade heads`` gives),
and the gate fails with ``pggit.alembic::single_head`` until they are merged
(``alembic merge heads``), as pytest-alembic's ``test_single_head`` would.
"""
from __future__ import annotations

import contextlib
from pathlib import Path
from typing import TYPE_CHECKING, Any, Dict, Iterator, List, Optional, Sequence

from ..exceptions import PggitError
from ..steps import BatchNotPossible, BatchStepError, Step, StepBatch
from . import read_allow, sqlalchemy_url

if TYPE_CHECKING:  # pragma: no cover
    from alembic.config import Config
    from alembic.script import Script, ScriptDirectory

    from ..janitor import Database

TOOL = "alembic"


class AlembicSteps:
    """Plugin: the steps of one Alembic project (``ini``: its ``alembic.ini``)."""

    def __init__(self, ini: Path, rootdir: Path) -> None:
        self.ini = Path(ini)
        self.rootdir = Path(rootdir)
        #: the heads of the last script directory read (more than one fails the gate)
        self.heads: List[str] = []
        #: git commit -> the steps of its revisions (a kept-id squash's replaced ones)
        self._squashed: Dict[str, List[Step]] = {}

    def pytest_pggit_migration_steps(self, config: Any, root: Any = None) -> List[Step]:
        ini = self.ini
        cwd = None
        if root is not None and Path(root) != self.rootdir:   # another git ref's tree
            try:
                ini = Path(root) / self.ini.relative_to(self.rootdir)
            except ValueError:
                pass
            # Alembic reads a relative script_location from the working directory: the
            # tree's counterpart of it, never the working tree's own migrations (H9)
            try:
                cwd = Path(root) / Path.cwd().resolve().relative_to(self.rootdir.resolve())
            except ValueError:
                cwd = Path(root)
        script = script_directory(ini, cwd)
        head = root is None or Path(root) == self.rootdir
        if head:
            self.heads = list(script.get_heads())
        steps = alembic_steps(ini, script, Path(root) if root is not None else self.rootdir, cwd)
        if head and not steps:   # (a git base may predate the first revision)
            error = no_revisions(ini, script, self.rootdir)
            if error is not None:
                raise error
        if head and steps and _gate_on(config):
            self._kept_id_squashes(config, steps)
        return steps

    def _kept_id_squashes(self, config: Any, steps: List[Step]) -> None:
        """A squash that keeps the id of the revision it ends with (the committed files of
        that revision and of the ones before it deleted, the id now in another file) gets
        the revisions it replaces, as git has them, as its :attr:`~Step.replaced`: the
        gate's ``squash`` check runs them where the squash ran and compares the schemas
        (U14b: a squash forgetting a column passed; databases at that id keep the column,
        new ones never get it).  Nothing when git has no such files; a git tree that
        cannot be read leaves the squash unchecked (the lead's ``history`` check names
        deleted heads whose id is gone)."""
        import re

        from ..freshness import committed_text, deleted_text, removed_files

        folders = sorted({(self.rootdir / s.source).resolve().parent for s in steps if s.source})
        ids = {s.name: s for s in steps}
        kept: Dict[str, Path] = {}
        for path in removed_files(folders, self.rootdir) if folders else []:
            if path.suffix != ".py":
                continue
            m = re.search(r"""^revision\s*(?::[^=\n]+)?=\s*['"]([^'"]+)['"]""",
                          deleted_text(path, self.rootdir) or "", re.M)
            if m is not None and m.group(1) in ids:
                kept[m.group(1)] = path
        if not kept:
            return
        try:
            old = self._steps_at(config, kept, committed_text)
        except Exception:   # (no tree: the squash stays unchecked, as before)
            return
        if not old:
            return
        by_name = {o.name: o for o in old}
        for rev in kept:
            if rev not in by_name or ids[rev].replaced:
                continue
            ancestors: Dict[str, None] = {}
            todo = [rev]
            while todo:
                for t in by_name[todo.pop()].after:
                    name = t.split("/", 1)[1]
                    if name in by_name and name not in ancestors and name not in ids:
                        ancestors[name] = None
                        todo.append(name)
            replaced = [o for o in old if o.name in ancestors or o.name == rev]
            ids[rev].replaced = tuple(_alone(o, i == 0) for i, o in enumerate(replaced))

    def _steps_at(self, config: Any, kept: Dict[str, Path], committed_text: Any) -> List[Step]:
        """The steps of the git tree that holds the deleted files of ``kept``: git HEAD
        when it has them (deleted in the work tree), else the parent of the commit that
        deleted the first one; the tree is extracted once, removed at the end of the run."""
        import shutil
        import subprocess
        import tempfile

        from ..gitbase import extract, resolve

        path = next(iter(kept.values()))
        ref = "HEAD"
        if committed_text(path, self.rootdir, "HEAD") is None:
            top = subprocess.run(["git", "-C", str(self.rootdir), "rev-parse", "--show-toplevel"],
                                 capture_output=True, text=True, check=True).stdout.strip()
            rel = path.resolve().relative_to(Path(top).resolve()).as_posix()
            sha = subprocess.run(["git", "-C", str(self.rootdir), "log", "-n", "1", "--format=%H",
                                  "--diff-filter=D", "--", rel], capture_output=True, text=True,
                                 check=True).stdout.strip()
            if not sha:
                return []
            ref = f"{sha}~1"
        top, sha = resolve(self.rootdir, ref)
        if sha not in self._squashed:   # (once per commit and run: the header reads the steps too)
            into = Path(tempfile.mkdtemp(prefix="pytest-pggit-squash-"))
            config.add_cleanup(lambda: shutil.rmtree(into, ignore_errors=True))
            extract(top, sha, into)
            tree = into / self.rootdir.resolve().relative_to(top.resolve())
            self._squashed[sha] = self.pytest_pggit_migration_steps(config, root=tree)
        return self._squashed[sha]

    def pytest_pggit_gate_checks(self, config: Any) -> List[Any]:
        """The single-head check (pytest-alembic's ``test_single_head``)."""
        from ..gate import Check

        if not self.heads:
            return []
        if len(self.heads) == 1:
            return [Check("alembic", "single_head", False, "OK", f"one head: {self.heads[0]}")]
        return [Check(
            "alembic", "single_head", True, "FAILED",
            f"the Alembic history has {len(self.heads)} heads ({', '.join(sorted(self.heads))}): "
            "`alembic upgrade head` fails on it; merge them with `alembic merge heads`",
        )]


def _gate_on(config: Any) -> bool:
    """Whether the run's gate is on (its ``squash`` check reads :attr:`Step.replaced`)."""
    from ..session import session_key

    run = config.stash.get(session_key, None) if hasattr(config, "stash") else None
    return bool(run is not None and getattr(getattr(run.cfg, "gate", None), "gate", False))


def _alone(step: Step, first: bool) -> Step:
    """A replaced revision (:meth:`AlembicSteps._kept_id_squashes`) run on its own, the
    first one after stamping its down revision (the squash check's clone names the
    squash's id there, which this tree's history has elsewhere)."""
    import dataclasses

    runner = step.batch
    parents = tuple(getattr(runner, "parents", {}).get(step.name, ()))
    upgrade = step.upgrade

    def run(database: "Database") -> None:
        if first and parents and isinstance(runner, AlembicRunner):
            runner._invoke(database, "stamp", parents[0])
            runner._moved(database, parents[0])
        upgrade(database)

    run.__qualname__ = f"alembic upgrade {step.name} (replaced)"
    return dataclasses.replace(step, upgrade=run, batch=None, description="replaced by the squash")


def alembic_config(ini: Path, cwd: Optional[Path] = None) -> "Config":
    """The project's ``alembic.ini`` as an Alembic ``Config``; a relative
    ``script_location`` is taken relative to the ini file when that folder exists there
    (Alembic reads it relative to the working directory, which is usually the same).
    ``cwd``: the directory standing for the working directory (a git base's tree: its
    counterpart of the working directory), where the location is read from otherwise."""
    from alembic.config import Config

    if not ini.is_file():
        raise PggitError(f"--pggit-alembic: no such file: {ini}",
                         hint="give the project's alembic.ini: --pggit-alembic=path/to/alembic.ini "
                              "(or ini pggit_alembic, relative to the ini file)")
    cfg = Config(str(ini))
    location = cfg.get_main_option("script_location")
    if not location and (ini.parent / "env.py").is_file():
        # Flask-Migrate's layout: migrations/alembic.ini beside env.py, the location set
        # in code (F3)
        location = str(ini.parent)
        cfg.set_main_option("script_location", location.replace("%", "%%"))
    if not location:
        raise PggitError(f"{ini} has no script_location in its [alembic] section",
                         hint="alembic.ini must name the migration folder: script_location = migrations "
                              "(or keep the ini beside env.py, as Flask-Migrate does)")
    if ":" not in location and not Path(location).is_absolute():
        beside = ini.parent / location
        if beside.is_dir():   # also when a git base's tree holds the ini: never the cwd's copy
            cfg.set_main_option("script_location", str(beside).replace("%", "%%"))
        elif cwd is not None:   # a git base: the tree's copy, or none (H9)
            cfg.set_main_option("script_location", str(cwd / location).replace("%", "%%"))
    return cfg


def script_directory(ini: Path, cwd: Optional[Path] = None) -> "ScriptDirectory":
    from alembic.script import ScriptDirectory
    from alembic.util import CommandError

    try:
        return ScriptDirectory.from_config(alembic_config(ini, cwd))
    except CommandError as exc:
        raise PggitError(f"--pggit-alembic: cannot read the Alembic scripts of {ini}: {exc}",
                         hint="check script_location in alembic.ini") from exc


def no_revisions(ini: Path, script: "ScriptDirectory", rootdir: Path) -> Optional[PggitError]:
    """The error for a project where Alembic finds no revision while revisions lie where
    it does not read them (M5: the gate passed it as "no migration steps", having run
    none): a subfolder of the versions folder, a version folder that does not exist,
    an env.py setting ``version_locations`` at run time (Prefect's), which nothing before
    env.py runs sees.  None for a project without any revision yet (``alembic init``
    done, the first revision not written: R13)."""
    located = getattr(script, "_version_locations", None) or (
        script.version_locations or [Path(script.dir, "versions")])
    folders = [Path(str(p)).absolute() for p in located]
    recursive = bool(getattr(script, "recursive_version_locations", False))
    unread: List[Path] = []
    for folder in folders:
        if folder.is_dir() and not recursive:
            unread.extend(p for p in sorted(folder.glob("*/**/*.py"))
                          if p.name != "__init__.py" and "__pycache__" not in p.parts)
    env = Path(script.dir, "env.py")
    sets = env.is_file() and "version_locations" in env.read_text(errors="replace")
    if not unread and not sets and all(f.is_dir() for f in folders):
        return None
    message = (f"--pggit-alembic: Alembic finds no revision for {_display(ini, rootdir)}: script_location "
               f"{_display(Path(script.dir), rootdir)}, version locations read: "
               + ", ".join(_display(f, rootdir) + ("" if f.is_dir() else " (no such folder)") for f in folders)
               + (" (recursive_version_locations)" if recursive else ""))
    if unread:
        message += (f"; {len(unread)} .py file(s) in their subfolders are not read, e.g. "
                    f"{_display(unread[0], rootdir)}")
    if sets:
        message += f"; {_display(env, rootdir)} sets version_locations when it runs, after the revisions are read"
    return PggitError(message, hint=(
        "name the folders of the revisions in the [alembic] section of the ini pytest-pggit reads: "
        "version_locations = %(here)s/<folder>, or "
        "recursive_version_locations = true for subfolders of versions/; or give an ini that "
        "does (--pggit-alembic=path/to/alembic.ini)"))


def upgrade_order(script: "ScriptDirectory") -> List["Script"]:
    """Every revision, in the order ``alembic upgrade heads`` applies them on an empty
    database (``walk_revisions`` goes from the heads down; this is its reverse)."""
    return list(reversed(list(script.walk_revisions("base", "heads"))))


def alembic_steps(ini: Path, script: "ScriptDirectory", rootdir: Path,
                  cwd: Optional[Path] = None) -> List[Step]:
    from ..datachanges import alembic_data

    runner = AlembicRunner(ini, script, cwd)
    steps = []
    for rev in upgrade_order(script):
        where = _display(Path(rev.path), rootdir)
        parents = _as_tuple(rev.down_revision)
        if len(parents) > 1:
            down_target = parents[0]   # unapplies the merge only: the parents stay
        else:
            down_target = f"{rev.revision}@-1"
        steps.append(Step(
            tool=TOOL,
            name=rev.revision,
            description=_one_line(rev.doc) or f"revision {rev.revision}",
            upgrade=runner.action("upgrade", rev.revision),
            downgrade=runner.action("downgrade", down_target, drop_version_table=not parents,
                                    revision=rev.revision),
            source=where,
            allow=read_allow(rev.module, where),
            batch=runner,
            data=lambda path=Path(rev.path), t=f"{TOOL}/{rev.revision}": alembic_data(path, t),
            after=tuple(f"{TOOL}/{r}" for r in parents + _as_tuple(getattr(rev, "dependencies", None))),
        ))
        runner.parents[rev.revision] = tuple(parents)
    return steps


#: What Alembic says when env.py hands it an Engine where a Connection belongs.
_NOT_A_CONNECTION = "expected to be a sqlalchemy.engine.Connection"


class _NotPlanned(Exception):
    """Alembic's plan for a batch is not the steps asked for."""


class AlembicRunner(StepBatch):
    """Runs Alembic commands of one project (``ini``) on a database; as a
    :class:`~pytest_pggit.steps.StepBatch`, a run of revisions of a linear history in one
    command (one ``env.py`` run, one connection: :meth:`run`)."""

    def __init__(self, ini: Path, script: "Optional[ScriptDirectory]" = None,
                 cwd: Optional[Path] = None) -> None:
        self.ini = ini
        #: what stands for the working directory (a git base's tree; see alembic_config)
        self.cwd = cwd
        #: the project's scripts, read once (``alembic.command`` reads every revision file
        #: again for each command: 4 s of 8 for 50 one-revision upgrades of 50 revisions)
        self.script = script
        #: env.py was seen wanting a Connection, not an Engine, in ``attributes["connection"]``
        self.wants_connection = False
        self._engines: Dict[str, Any] = {}
        #: revision -> its down revisions (``alembic_steps`` fills it)
        self.parents: Dict[str, Sequence[str]] = {}
        #: databases (URLs) where a downgrade failed: its transaction rolled back, the
        #: version table still names that revision, while the caller (the up/down check)
        #: puts the schema one revision down; the next downgrade there stamps first
        self._stale: set = set()
        #: databases (URLs) -> the revision their version table names, as far as this
        #: runner's commands put it there
        self._at: Dict[str, str] = {}

    def _restamp(self, database: "Database", revision: str) -> None:
        """Before the downgrade of ``revision`` on ``database`` (whose schema is that
        revision's): the version table set to it, unless this runner put it there.  After
        a failed downgrade it names the revision that failed; in the up/down check's clone
        of the template (checked out to a step's commit) it names the head: Alembic's
        ``<rev>@-1`` then counts from the head of the branch, and undid the head (a later
        revision re-parented onto this one) instead of it (Q6)."""
        url = sqlalchemy_url(database)
        if url in self._stale or self._at.get(url) != revision:
            self._stale.discard(url)
            self._invoke(database, "stamp", revision)
            self._at[url] = revision

    def _moved(self, database: "Database", revision: Optional[str]) -> None:
        """The version table of ``database`` names ``revision`` now (None: unknown)."""
        url = sqlalchemy_url(database)
        if revision is None:
            self._at.pop(url, None)
        else:
            self._at[url] = revision

    def _failed(self, database: "Database") -> None:
        self._stale.add(sqlalchemy_url(database))

    def _command(self, cfg: "Config", command_name: str, target: str, steps: Any = None,
                 database: "Optional[Database]" = None) -> None:
        """``alembic.command.upgrade/downgrade(cfg, target)``, on the scripts read once.

        What those commands do, with Alembic's documented ``EnvironmentContext`` +
        ``ScriptDirectory.run_env()``; the revisions to run come from the script
        directory's ``_upgrade_revs`` / ``_downgrade_revs``, the private methods the
        commands themselves use (the one use of Alembic internals: without them, or
        without a script directory, the public command runs)."""
        from alembic import command
        from alembic.runtime.environment import EnvironmentContext
        from alembic.script import ScriptDirectory

        script = self.script
        plan = getattr(script, f"_{command_name}_revs", None)
        checked: List[bool] = []   # env.py reached check_target (it connected somewhere)

        def check(context: Any) -> None:
            checked.append(True)
            check_target(context, database)

        if command_name == "stamp" or script is None or plan is None:
            if steps is not None and command_name != "stamp":
                raise _NotPlanned("no script directory or no plan")
            if database is not None:   # env.py run once with nothing to do: where does it go?
                with EnvironmentContext(cfg, script or ScriptDirectory.from_config(cfg),
                                        fn=lambda rev, context: check(context) or [],
                                        as_sql=False, starting_rev=None, destination_rev=target, tag=None):
                    with _connect_hint(database, checked):
                        (script or ScriptDirectory.from_config(cfg)).run_env()
            if command_name == "stamp":   # the version table says `target`, whatever it said
                command.stamp(cfg, target, purge=True)
            else:
                getattr(command, command_name)(cfg, target)
            return

        def revisions(rev: Any, context: Any) -> Any:
            if database is not None:   # before any revision runs
                check(context)
            if steps is None:
                return plan(target, rev)
            return steps(list(plan(target, rev)), context)

        with EnvironmentContext(cfg, script, fn=revisions, as_sql=False, starting_rev=None,
                                destination_rev=target, tag=None):
            with _connect_hint(database, checked):
                script.run_env()

    def run(self, database: "Database", steps: List[Step], action: str,   # type: ignore[override]
            before: Any, after: Any) -> None:
        """``steps`` (revisions of this project, in the order ``action`` runs them) in one
        Alembic command, ``upgrade <newest>`` or ``downgrade <the oldest's down revision>``, on one
        connection; ``before``/``after`` around each revision (see
        :class:`~pytest_pggit.steps.StepBatch`).  Each revision's transaction is committed
        after its ``after`` (under SQLAlchemy: a ``commit()`` of the driver connection),
        so a failing revision rolls back only itself, as one command per revision would.
        Only a linear run (each revision's one down revision the one before it) whose
        plan Alembic confirms; else :class:`BatchNotPossible`, before anything ran."""
        if action not in ("upgrade", "downgrade") or self.script is None:
            raise BatchNotPossible(f"no batch {action}")
        revs = [s.name for s in steps]
        oldest_first = revs if action == "upgrade" else revs[::-1]
        if any(len(self.parents.get(r, ("?", "?"))) > 1 for r in revs) or any(
                tuple(self.parents.get(newer, ())) != (older,)
                for older, newer in zip(oldest_first, oldest_first[1:])):
            raise BatchNotPossible("not a linear run of revisions")
        if action == "upgrade":
            target = revs[-1]
        else:   # the revision below the oldest (base below a base revision)
            target = (tuple(self.parents.get(oldest_first[0], ())) or ("base",))[0]
        state: Dict[str, Any] = {"done": 0, "current": None, "callback": None}

        def between(planned: List[Any], context: Any) -> Any:
            import psycopg

            got = [getattr(getattr(p, "revision", None), "revision", None) for p in planned]
            if got != revs:
                raise _NotPlanned(f"Alembic plans {got}, not {revs}")
            raw = getattr(getattr(context.connection, "connection", None), "driver_connection", None)
            if not isinstance(raw, psycopg.Connection):   # env.py's own engine: psycopg2, async
                raise _NotPlanned(f"env.py's connection is a {type(raw).__name__}, not psycopg's")
            return walk(planned, context)

        def walk(planned: List[Any], context: Any) -> Any:
            for p, step in zip(planned, steps):
                sa_conn = context.connection
                raw = sa_conn.connection.driver_connection
                try:
                    before(step, raw)
                except BaseException as exc:
                    state["callback"] = exc
                    raise
                state["current"] = step
                yield p
                state["current"] = None
                try:
                    if action == "downgrade" and not self.parents.get(step.name):
                        drop_empty_version_tables(sa_conn)
                    after(step, raw)
                except BaseException as exc:
                    state["callback"] = exc
                    raise
                raw.commit()   # this revision is done: a later failure keeps it
                state["done"] += 1

        if action == "downgrade":
            self._restamp(database, revs[0])
        try:
            self._invoke(database, action, target, between)
            self._moved(database, target if target in self.parents else None)
        except _NotPlanned as exc:
            raise BatchNotPossible(str(exc)) from exc
        except BaseException as exc:
            self._moved(database, None)
            if state["callback"] is exc or not isinstance(exc, Exception):
                if action == "downgrade" and not isinstance(exc, Exception):
                    self._failed(database)
                raise   # Ctrl-C, SystemExit: the run stops, no step is blamed (H5)
            # the revision running, else (env.py failed around it) the next one
            failed = state["current"] or steps[min(state["done"], len(steps) - 1)]
            if action == "downgrade":
                self._failed(database)
            raise BatchStepError(failed, exc) from exc

    def action(self, command_name: str, target: str, drop_version_table: bool = False,
               revision: Optional[str] = None) -> Any:
        """A step action: ``run(database, command_name, target)``; ``revision``: the one a
        downgrade undoes."""
        def run(database: "Database") -> None:
            if command_name == "downgrade" and revision:
                self._restamp(database, revision)
            try:
                self.run_one(database, command_name, target, drop_version_table)
            except BaseException:
                if command_name == "downgrade":
                    self._failed(database)
                self._moved(database, None)
                raise
            if command_name == "upgrade":
                self._moved(database, target if target in self.parents else None)
            else:   # one revision down: its one down revision, when it has one
                down = tuple(self.parents.get(revision or "", ()))
                self._moved(database, down[0] if len(down) == 1 else None)

        run.__qualname__ = f"alembic {command_name} {target}"
        return run

    def run_one(self, database: "Database", command_name: str, target: str,
                drop_version_table: bool = False) -> None:
        """``alembic.command.<command_name>(cfg, target)`` on ``database``.

        ``cfg`` has the database's URL in ``sqlalchemy.url`` and, in
        ``attributes["connection"]``, an Engine, as pytest-alembic passes it (its env.py
        recipe calls ``connectable.connect()``).  An env.py written after Alembic's
        cookbook hands that object straight to ``context.configure(connection=...)``,
        which wants a Connection: Alembic refuses before any migration runs, and the
        command runs again with an open Connection (committed afterwards), as it does for
        that project from then on.
        """
        engine = self._invoke(database, command_name, target)
        if drop_version_table:
            with engine.begin() as connection:
                drop_empty_version_tables(connection)

    def _invoke(self, database: "Database", command_name: str, target: str, steps: Any = None) -> Any:
        """Run the command (see :meth:`run_one`); returns the engine."""
        from alembic.util import CommandError
        from sqlalchemy import create_engine, pool

        url = sqlalchemy_url(database)
        # one engine per database, without a pool: no connection outlives a command (the
        # template must be idle to be cloned), but the dialect's first-connect queries
        # run once, not once per command
        engine = self._engines.get(url)
        if engine is None:
            engine = self._engines[url] = create_engine(url, poolclass=pool.NullPool)

        def invoke(connectable: Any) -> None:
            cfg = alembic_config(self.ini, self.cwd)
            cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
            cfg.attributes["connection"] = connectable
            self._command(cfg, command_name, target, steps, database)

        if not self.wants_connection:
            try:
                invoke(engine)
            except CommandError as exc:
                if _NOT_A_CONNECTION not in str(exc):
                    raise
                self.wants_connection = True
        if self.wants_connection:
            with engine.connect() as connection:
                invoke(connection)
                if connection.in_transaction():
                    connection.commit()
        return engine


_GUARD_HINT = ("env.py must use config.get_main_option('sqlalchemy.url') or "
               "config.attributes['connection'] when they are set, not a URL of its own "
               "(settings, an environment variable); see docs/alembic.md")


@contextlib.contextmanager
def _connect_hint(database: "Optional[Database]", checked: List[bool]) -> Iterator[None]:
    """A connection error raised by env.py before it reached :func:`check_target` (so
    before any revision ran): env.py most likely connects to a URL of its own, whose
    server is not there (CI), while pytest-pggit's database is up: the guard's hint,
    not a bare "connection refused" (testerB11's BC1, FastAPI's full-stack template)."""
    try:
        yield
    except Exception as exc:
        names = {c.__name__ for c in type(exc).__mro__}
        if database is None or checked or not (names & {"OperationalError", "ConnectionError"}):
            raise
        raise PggitError(
            f"Alembic's env.py failed to connect before any revision ran, while pytest-pggit's "
            f"database {database.name!r} is up: {type(exc).__name__}: {_one_line(str(exc))[:300]}",
            hint="does env.py connect to a URL of its own? " + _GUARD_HINT) from exc


def check_target(context: Any, database: "Database") -> None:
    """Refuse to run revisions anywhere but ``database``: an ``env.py`` that takes its URL
    from the application's settings or an environment variable (FastAPI's full-stack
    template, mealie) ignores ``sqlalchemy.url`` and the connection the plugin hands it,
    and would upgrade, then downgrade (the up/down check), the developer's own database.
    ``context`` is Alembic's MigrationContext, before it runs anything."""
    connection = getattr(context, "connection", None)
    dialect = getattr(getattr(context, "dialect", None), "name", None)
    where = None
    if connection is None or dialect != "postgresql":
        where = f"a {dialect or 'offline'} database"
        url = getattr(getattr(connection, "engine", None), "url", None)
        if url is not None:
            where += f" ({url.render_as_string(hide_password=True)})"
    else:
        name = connection.exec_driver_sql("SELECT current_database()").scalar()
        if name != database.name:
            url = connection.engine.url
            where = f"database {name!r} ({url.render_as_string(hide_password=True)})"
    if where is not None:
        raise PggitError(
            f"Alembic's env.py did not connect to pytest-pggit's database {database.name!r} but to "
            f"{where}: no revision was run there (statements env.py runs itself before "
            "context.configure, such as a CREATE SCHEMA, did run)",
            hint=_GUARD_HINT)


def drop_empty_version_tables(connection: Any) -> List[str]:
    """Drop Alembic's version tables that hold no row: the downgrade of a base revision
    leaves its empty ``alembic_version`` behind, which the database before the first
    upgrade did not have.  A version table is recognised by its shape (whatever
    ``version_table`` env.py names): one column ``version_num``, primary key ``<table>_pkc``."""
    from sqlalchemy import text

    rows = connection.execute(text(
        "SELECT format('%I.%I', n.nspname, c.relname) FROM pg_class c "
        "JOIN pg_namespace n ON n.oid = c.relnamespace "
        "JOIN pg_constraint k ON k.conrelid = c.oid AND k.contype = 'p' "
        "AND k.conname = c.relname || '_pkc' "
        "WHERE c.relkind = 'r' AND (SELECT array_agg(a.attname::text) FROM pg_attribute a "
        "WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped) = '{version_num}'"
    )).scalars().all()
    dropped = []
    for name in rows:
        if connection.execute(text(f"SELECT NOT EXISTS (SELECT FROM {name})")).scalar():
            schema = connection.execute(text(
                "SELECT c.relnamespace FROM pg_class c WHERE c.oid = CAST(:n AS regclass)"), {"n": name}).scalar()
            connection.execute(text(f"DROP TABLE {name}"))
            dropped.append(name)
            # the schema env.py made for it (version_table_schema: Alembic does not make
            # it, the usual recipe runs CREATE SCHEMA IF NOT EXISTS before configure),
            # left empty: it was not there before the first upgrade either (F2)
            empty = connection.execute(text(
                "SELECT format('%I', n.nspname) FROM pg_namespace n WHERE n.oid = :s AND n.nspname <> 'public' "
                "AND NOT EXISTS (SELECT FROM pg_class c WHERE c.relnamespace = n.oid) "
                "AND NOT EXISTS (SELECT FROM pg_type t WHERE t.typnamespace = n.oid) "
                "AND NOT EXISTS (SELECT FROM pg_proc f WHERE f.pronamespace = n.oid) "
                "AND NOT EXISTS (SELECT FROM pg_depend d WHERE d.refclassid = 'pg_namespace'::regclass "
                "AND d.refobjid = n.oid)"), {"s": schema}).scalar()
            if empty is not None:
                connection.execute(text(f"DROP SCHEMA {empty}"))
                dropped.append(empty)
    return dropped


def _as_tuple(value: Any) -> Sequence[str]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    return tuple(value)


def _one_line(text: Optional[str]) -> str:
    return " ".join((text or "").split())


def _display(path: Path, rootdir: Path) -> str:
    try:
        return path.resolve().relative_to(rootdir.resolve()).as_posix()
    except ValueError:
        return str(path)


__all__ = ["AlembicSteps", "alembic_config", "AlembicRunner", "alembic_steps", "upgrade_order"]
