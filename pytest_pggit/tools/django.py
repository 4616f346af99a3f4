"""Django migrations as migration steps (``--pggit-django``, ini ``pggit_django``).

One step per migration of Django's full forward plan (what ``manage.py migrate`` applies
to an empty database: ``graph.forwards_plan`` of every leaf node), tagged
``django/<app>/<migration>``.  Each step applies (or unapplies) that one migration with
Django's ``MigrationExecutor`` on ``DATABASES["default"]`` pointed at the template for the
duration of the step; the downgrade is what ``manage.py migrate <app> <previous>`` (or
``zero``) does to it.  A migration module's ``pggit_allow = {"data_deletion": "reason"}``
becomes the step's ``allow``.  Settings come from ``DJANGO_SETTINGS_MODULE`` (pytest-django
sets Django up from it, ``--ds`` or its ini key; without pytest-django the plugin calls
``django.setup()``).

With pytest-django, :mod:`.django_db` makes its test database a clone of the
migrated template: ``DATABASES["default"]`` points at the run's server, ``TEST["TEMPLATE"]``
at the template and ``TEST["NAME"]`` at a database of this run, so pytest-django's
``migrate`` finds every migration applied and its teardown drops the clone, never the
template (which is also marked ``IS_TEMPLATE``, so ``DROP DATABASE`` refuses it).
"""
from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, Dict, Iterator, List, Optional, Tuple

import pytest

from ..exceptions import PggitError
from ..steps import BatchNotPossible, BatchStepError, Step, StepBatch
from . import read_allow

if TYPE_CHECKING:  # pragma: no cover
    from ..janitor import Database

TOOL = "django"
ALIAS = "default"

#: (``postgresql_psycopg2``: Django's old name, which its load_backend still maps to
#: ``postgresql``, BC8; a backend of another name whose ``vendor`` is ``postgresql``, such
#: as a subclass of Django's, counts too)
POSTGRESQL_ENGINES = ("django.db.backends.postgresql", "django.contrib.gis.db.backends.postgis",
                      "django.db.backends.postgresql_psycopg2")


#: The DATABASES alias the template stands for (``--pggit-django-database``).
ALIAS_KEY = pytest.StashKey[str]()


def alias_of(config: pytest.Config) -> str:
    """The DATABASES alias the template stands for (``default`` unless chosen)."""
    return config.stash.get(ALIAS_KEY, ALIAS)


class DjangoSteps:
    """Plugin: the steps of the Django project of ``DJANGO_SETTINGS_MODULE``."""

    def __init__(self, config: pytest.Config, alias: Optional[str] = None) -> None:
        self.config = config
        config.stash[ALIAS_KEY] = alias or ALIAS
        #: app label -> its leaf migrations, of the apps with more than one (the last
        #: project read at head; Django's ``detect_conflicts``); None: not read yet
        self.conflicts: Optional[Dict[str, List[str]]] = None

    def pytest_pggit_migration_steps(self, config: Any, root: Any = None) -> List[Step]:
        setup_django()
        rootdir = Path(self.config.rootpath).resolve()
        if root is not None and Path(root).resolve() != rootdir:   # another git ref's tree
            return django_steps(self.config, tree=Path(root))
        from django.db.migrations.loader import MigrationLoader

        loader = MigrationLoader(None, ignore_no_migrations=True)
        self.conflicts = {app: sorted(names) for app, names in loader.detect_conflicts().items()}
        return django_steps(self.config, loader=loader)

    def pytest_pggit_gate_checks(self, config: Any) -> List[Any]:
        """``conflicts``: one leaf migration per app (K6: two leaves of one app, branches
        merged in git without ``makemigrations --merge``, passed the gate, while
        ``manage.py migrate`` refuses them: "Conflicting migrations detected").  The
        template still has every leaf's migrations applied, as for Alembic's heads."""
        from ..gate import Check

        if self.conflicts is None:
            return []
        if not self.conflicts:
            return [Check("django", "conflicts", False, "OK", "one leaf migration per app")]
        apps = sorted(self.conflicts)
        leaves = "; ".join(f"app {app}: {', '.join(self.conflicts[app])}" for app in apps)
        return [Check(
            "django", "conflicts", True, "FAILED",
            f"{len(apps)} app(s) with several leaf migrations ({leaves}): `manage.py migrate` refuses "
            f"them (\"Conflicting migrations detected\"); merge them with "
            f"`manage.py makemigrations --merge {' '.join(apps)}`")]


def setup_django() -> None:
    """``django.setup()`` unless done (pytest-django does it); a clear error without settings."""
    try:
        import django
        from django.apps import apps
        from django.conf import settings
    except ImportError as exc:
        raise PggitError("--pggit-django: Django is not installed",
                         hint="pip install 'pytest-pggit[django]'") from exc
    if not settings.configured and not os.environ.get("DJANGO_SETTINGS_MODULE"):
        raise PggitError("--pggit-django: Django's settings are not configured",
                         hint="set DJANGO_SETTINGS_MODULE (or pytest-django's --ds / ini "
                              "DJANGO_SETTINGS_MODULE)")
    if not apps.ready:
        django.setup()


def forward_plan(tree: "Optional[TreeMigrations]" = None, rootdir: Optional[Path] = None,
                 loader: Any = None) -> List[Any]:
    """Every migration, in an order ``manage.py migrate`` can apply them to an empty
    database (with ``tree``: the migrations of another git ref's files).

    With ``rootdir``, oldest first: of the migrations whose parents are applied, the one
    added to the project first goes next (Django's own and other installed packages'
    first, then the project's by the time of the git commit that added the file, the
    uncommitted ones last; ties in Django's order).  So the project's newest migrations
    go last, with the migrations that depend on them (the gate's default base is the
    step before the oldest of them): Django's plan ends with the leaf of the app whose
    label sorts last (``sessions/0001_initial`` in most projects), and puts a new
    migration of one app before old ones of other apps, whatever the project added (D1,
    F6).  And a migration added later never moves the ones before it: the template
    cache reuses the template of the steps before it (U7: moving only the newest
    commit's migrations last put the last commit's back among the others' once a newer
    one came, and every new migration rebuilt the whole plan).  A ``tree``'s migrations
    are ordered by the commits that added the same paths in this work tree's history,
    so the base's plan is the head's without the new ones.  Without git, the last
    modified migration alone goes last."""
    from django.db.migrations.loader import MigrationLoader

    if loader is None:
        loader = tree.loader(None) if tree is not None else MigrationLoader(None, ignore_no_migrations=True)
    graph = loader.graph
    seen: Dict[Tuple[str, str], None] = {}
    for leaf in graph.leaf_nodes():
        for key in graph.forwards_plan(leaf):
            seen.setdefault(key)
    keys = list(seen)
    if rootdir is not None:
        ranks = _ages(graph, keys, rootdir, tree)
        if ranks:
            keys = _oldest_first(graph, keys, ranks)
    return [graph.nodes[key] for key in keys]


def _oldest_first(graph: Any, keys: List[Tuple[str, str]], ranks: Dict[Tuple[str, str], Any]
                  ) -> List[Tuple[str, str]]:
    """``keys`` (Django's plan) ordered so that each comes after its parents, and of those
    whose parents are placed, the lowest rank next (ties: the plan's order)."""
    import heapq

    index = {key: i for i, key in enumerate(keys)}
    waiting: Dict[Tuple[str, str], int] = {}
    children: Dict[Tuple[str, str], List[Tuple[str, str]]] = {key: [] for key in keys}
    for key in keys:
        parents = {p.key for p in graph.node_map[key].parents if p.key in index}
        waiting[key] = len(parents)
        for p in parents:
            children[p].append(key)
    ready = [(ranks.get(k, (0,)), index[k], k) for k in keys if not waiting[k]]
    heapq.heapify(ready)
    out: List[Tuple[str, str]] = []
    while ready:
        _, _, key = heapq.heappop(ready)
        out.append(key)
        for child in children[key]:
            waiting[child] -= 1
            if not waiting[child]:
                heapq.heappush(ready, (ranks.get(child, (0,)), index[child], child))
    return out if len(out) == len(keys) else keys   # (a cycle: Django refuses one anyway)


def _ages(graph: Any, keys: List[Tuple[str, str]], rootdir: Path,
          tree: "Optional[TreeMigrations]" = None) -> Dict[Tuple[str, str], Any]:
    """How new each migration is, for :func:`_oldest_first`: ``(0,)`` installed packages'
    (and files git does not know), ``(1, commit time)`` the project's committed ones,
    ``(2,)`` uncommitted ones; without git: the last modified one ``(1,)``, every other
    ``(0,)``; empty when there is nothing to order."""
    from ..freshness import added_at, freshness

    if tree is not None:   # a git ref's files: the commits that added their paths here
        paths = {key: (Path(rootdir) / path.relative_to(tree.tree)).resolve()
                 for key, (_module, path) in tree.sources.items() if key in graph.nodes}
        if not paths:
            return {}
        added = added_at(sorted(set(paths.values())), Path(rootdir))
        if added is None:
            return {}
        return {key: (1, added.get(paths[key], 0.0)) if key in paths else (0,) for key in keys}
    files = _project_files(graph, keys, rootdir)
    if not files:
        return {}
    fresh = freshness(sorted(set(files.values())), rootdir)
    if max(fresh[p][0] for p in files.values()) == 0:   # no git: the last modified goes last
        order = {key: i for i, key in enumerate(keys)}
        newest = max(files, key=lambda k: (fresh[files[k]], order.get(k, -1)))
        return {key: (1,) if key == newest else (0,) for key in keys}

    def rank(key: Tuple[str, str]) -> Any:
        f = fresh[files[key]] if key in files else (0, 0.0)
        return (2,) if f[0] == 2 else (1, f[1]) if f[0] == 1 else (0,)
    return {key: rank(key) for key in keys}


def _project_files(graph: Any, keys: List[Tuple[str, str]], rootdir: Path) -> Dict[Tuple[str, str], Path]:
    """The files of the project's migrations (under ``rootdir``, outside installed packages)."""
    files: Dict[Tuple[str, str], Path] = {}
    for key in keys:
        module = sys.modules.get(type(graph.nodes[key]).__module__)
        path = Path(getattr(module, "__file__", "") or "")
        try:
            path.resolve().relative_to(rootdir.resolve())
        except ValueError:
            continue
        if path.is_file() and "site-packages" not in path.parts:
            files[key] = path.resolve()
    return files


def django_steps(config: pytest.Config, tree: Optional[Path] = None, loader: Any = None) -> List[Step]:
    """The steps of the project's migrations; with ``tree`` (the files of another git ref,
    ``--pggit-base git:<ref>``), of the project's migrations as they are there (the
    migrations of apps outside the rootdir, e.g. ``django.contrib.auth``, are the
    installed ones).  ``loader``: Django's ``MigrationLoader`` of the head's migrations
    (without ``tree``), when the caller has one."""
    from django.db.migrations.loader import MigrationLoader

    from ..datachanges import django_data

    steps = []
    rootdir = Path(config.rootpath)
    migrations = TreeMigrations(tree, rootdir) if tree is not None else None
    if loader is None and migrations is None:
        loader = MigrationLoader(None, ignore_no_migrations=True)
    batch = DjangoBatch(config, migrations)
    before: List[Tuple[str, str]] = []
    graph = loader.graph if loader is not None else None
    for migration in forward_plan(migrations, rootdir, loader):
        key = (migration.app_label, migration.name)
        if migrations is not None and key in migrations.sources:
            module, path = migrations.sources[key]
            source = _source_path(path, tree) if tree is not None else None
        else:
            module = sys.modules.get(type(migration).__module__)
            source = _source(module, rootdir)
        executed: List[str] = []
        steps.append(Step(
            tool=TOOL,
            name=f"{migration.app_label}/{migration.name}",
            description=describe(migration),
            upgrade=_action(config, key, backwards=False, tree=migrations, sink=executed),
            downgrade=_action(config, key, backwards=True, tree=migrations),
            source=source,
            allow=read_allow(module, source or ".".join(key)),
            batch=batch,
            elsewhere=routed_elsewhere(migration, alias_of(config)),
            replaced=_replaced_steps(config, migration, loader, tuple(before)) if migrations is None else (),
            data=lambda m=migration, t=f"{TOOL}/{migration.app_label}/{migration.name}", x=executed:
                django_data(m, t, x),
            executed=executed,
            after=tuple(f"{TOOL}/{p.key[0]}/{p.key[1]}" for p in graph.node_map[key].parents)
            if graph is not None and key in graph.node_map else (),
            replaces=tuple(f"{TOOL}/{r[0]}/{r[1]}" for r in getattr(migration, "replaces", None) or ()),
        ))
        before.append(key)
    return steps


def _replaced_steps(config: pytest.Config, migration: Any, loader: Any,
                    before: Tuple[Tuple[str, str], ...] = ()) -> Tuple[Step, ...]:
    """A squashed migration's replaced migrations as steps (H6), each applied by an
    executor whose loader keeps them (``replace_migrations=False``), as on a database
    that had them before the squash existed.  ``before``: the migrations of the steps
    before the squash (they ran where the replaced ones run; see :func:`_unsquashed_order`).

    No steps when any of them is not on disk (K1: Django's idiom for renaming a migration,
    ``replaces`` naming the old name, and a squash whose replaced files were deleted
    after every database ran it): there is nothing to run and compare with; Django
    itself only uses such names to read a database that recorded them."""
    replaces = [tuple(k) for k in getattr(migration, "replaces", None) or ()]
    if not replaces or any(k not in loader.disk_migrations for k in replaces):
        return ()
    out = []
    for i, (app_label, name) in enumerate(replaces):
        key = (app_label, name)
        out.append(Step(tool=TOOL, name=f"{app_label}/{name}", description="replaced by the squash",
                        upgrade=_action(config, key, backwards=False, unsquashed=True,
                                        before=before + tuple(replaces[:i]))))
    return tuple(out)


def _unsquashed_order(loader: Any, key: Tuple[str, str],
                      before: Tuple[Tuple[str, str], ...]) -> Tuple[Tuple[str, str], ...]:
    """The migrations, in order, whose project state ``manage.py migrate`` applies ``key``
    (a migration a squash replaces) with on a database migrated before the squash
    existed: ``before`` (the migrations that ran before it, in plan order; a squash among
    them as the migrations it replaces, which that database ran), then those of its
    ancestors not among them.  ``loader``: one with ``replace_migrations=False``.

    Not the state of its ancestors alone (M4): ``migrate`` carries one state over its
    whole plan, so a replaced RunPython sees another app's models as every migration
    before it left them, ancestor or not (wagtail's ``wagtailcore/0002_initial_data``
    saw ContentType with ``name``, which contenttypes/0002 had dropped: "column
    django_content_type.name does not exist").  Nor the recorded migrations' (the squash
    and all after it are recorded where this runs: H6's KeyError)."""
    graph = loader.graph
    order: Dict[Tuple[str, str], None] = {}

    def add(k: Tuple[str, str]) -> None:
        if k in order or k not in graph.nodes:
            return
        replaces = [tuple(r) for r in getattr(graph.nodes[k], "replaces", None) or ()]
        if replaces and all(r in graph.nodes for r in replaces):   # a squash: what it replaces
            group = set(replaces)
            for r in replaces:
                for p in graph.forwards_plan(r):   # (their order: a parent first)
                    if p in group:
                        add(p)
            return
        order[k] = None

    for k in before:
        add(k)
    for k in graph.forwards_plan(key)[:-1]:
        add(k)
    order.pop(key, None)
    return tuple(order)


def _unsquashed_state(loader: Any, order: Tuple[Tuple[str, str], ...]) -> Any:
    """The project state after the migrations ``order`` (:func:`_unsquashed_order`), as
    ``MigrationGraph.make_state`` builds one."""
    from django.db.migrations.state import ProjectState

    state = ProjectState(real_apps=loader.unmigrated_apps)
    for k in order:
        state = loader.graph.nodes[k].mutate_state(state, preserve=False)
    return state


def routed_elsewhere(migration: Any, alias: str) -> Optional[str]:
    """Why ``migration`` changes nothing on database ``alias`` although it changes
    another: DATABASE_ROUTERS' ``allow_migrate`` refuses every one of its operations
    there and allows one on another alias (H1: the template stands for one alias; a
    RemoveField of a routed app passed the gate unseen).  None otherwise (an operation
    runs here, or it runs nowhere)."""
    from django.conf import settings
    from django.db import router

    def allowed(op: Any, db: str) -> bool:
        inner = getattr(op, "database_operations", None)   # SeparateDatabaseAndState
        if inner is not None:
            return any(allowed(o, db) for o in inner)
        hints = getattr(op, "hints", None)
        if isinstance(hints, dict):   # RunSQL, RunPython
            return bool(router.allow_migrate(db, migration.app_label, **hints))
        model = getattr(op, "model_name", None) or getattr(op, "name", None)
        if isinstance(model, str):
            return bool(router.allow_migrate(db, migration.app_label, model_name=model.lower()))
        return bool(router.allow_migrate(db, migration.app_label))

    ops = list(migration.operations)
    if not ops or any(allowed(op, alias) for op in ops):
        return None
    there = [db for db in settings.DATABASES if db != alias and any(allowed(op, db) for op in ops)]
    if not there:
        return None
    return (f"DATABASE_ROUTERS send it to {', '.join(repr(db) for db in there)}, not to "
            f"{alias!r} (the database the template stands for)")


class DjangoBatch(StepBatch):
    """Forward steps run together: one executor and one connection for all of them, the
    project state carried from each migration to the next, as ``manage.py migrate`` runs
    a plan (F5: a new connection per step made every step's first DDL pay for a new
    server session, and each step rendered every model again; netbox's 306 steps took
    1.6x ``migrate``).  Each migration commits as Django commits it; ``after`` (the
    step's pgGit commit and tag) runs right after, on the same connection.  Downgrades
    run one at a time (:class:`BatchNotPossible`)."""

    def __init__(self, config: pytest.Config, tree: "Optional[TreeMigrations]" = None) -> None:
        self.config = config
        self.tree = tree

    def run(self, database: "Database", steps: List[Step], action: str,   # type: ignore[override]
            before: Any, after: Any) -> None:
        import psycopg
        from django.db import connections
        from django.db.migrations.executor import MigrationExecutor

        if action != "upgrade":
            raise BatchNotPossible(f"no batch {action}")
        keys = [tuple(s.name.split("/", 1)) for s in steps]
        with pointed_at(self.config, database):
            connection = connections[alias_of(self.config)]
            connection.ensure_connection()
            raw = connection.connection
            if not isinstance(raw, psycopg.Connection):   # psycopg2: one step at a time
                raise BatchNotPossible(f"Django's connection is a {type(raw).__name__}, not psycopg's")
            executor = MigrationExecutor(connection)
            if self.tree is not None:
                executor.loader = self.tree.loader(connection)
            nodes = executor.loader.graph.nodes
            if any(k not in nodes for k in keys) or any(k in _applied(executor.loader) for k in keys):
                raise BatchNotPossible("Django's graph does not plan these migrations now")
            state = executor._create_project_state(with_applied_migrations=True)
            for step, key in zip(steps, keys):
                before(step, raw)
                try:
                    with recording(connection, step.executed):
                        state = executor.migrate([key], plan=[(nodes[key], False)], state=state)
                except Exception as exc:   # Ctrl-C, SystemExit pass: nothing to blame (H5)
                    raise BatchStepError(step, exc) from exc
                after(step, raw)


class TreeMigrations:
    """The project's migration files as another git ref has them (``tree``: that ref's
    files, ``rootdir``: where the rootdir is inside it), for Django's migration loader.

    Every installed app whose migrations package lies below the rootdir reads its
    migrations from the same place in ``tree`` (absent there: the app has none at that
    ref); apps outside the rootdir (Django's own, other installed packages) keep the
    installed ones.  The files are loaded once, as modules of their own that never enter
    ``sys.modules`` (the project's modules at head stay what they are); what they import
    comes from the head's environment."""

    def __init__(self, tree: Path, rootdir: Path) -> None:
        self.tree = Path(tree)
        self.rootdir = Path(rootdir).resolve()
        #: (app_label, name) -> (module, file) of each migration read from the tree
        self.sources: Dict[Tuple[str, str], Tuple[Any, Path]] = {}
        #: app label -> its migrations folder in the tree, None: the installed package's
        self._folders: Optional[Dict[str, Optional[Path]]] = None

    def folders(self) -> Dict[str, Optional[Path]]:
        """App label -> the folder of its migrations in the tree (None: the installed ones)."""
        if self._folders is None:
            import importlib.util

            from django.apps import apps
            from django.db.migrations.loader import MigrationLoader

            out: Dict[str, Optional[Path]] = {}
            for app_config in apps.get_app_configs():
                module_name, _explicit = MigrationLoader.migrations_module(app_config.label)
                if module_name is None:
                    continue
                try:
                    spec = importlib.util.find_spec(module_name)
                except ImportError:
                    spec = None
                if spec is not None and spec.submodule_search_locations:
                    here = Path(list(spec.submodule_search_locations)[0])
                else:   # no migrations package at head: where Django would look for one
                    here = Path(app_config.path) / module_name.rsplit(".", 1)[-1]
                try:
                    rel = here.resolve().relative_to(self.rootdir)
                except ValueError:
                    out[app_config.label] = None   # not the project's: the installed migrations
                    continue
                out[app_config.label] = self.tree / rel
            self._folders = out
        return self._folders

    def read(self) -> None:
        """Load the tree's migration files (once)."""
        if self.sources:
            return
        import hashlib
        import importlib.util

        tag = hashlib.sha1(str(self.tree).encode()).hexdigest()[:10]
        for label, folder in self.folders().items():
            if folder is None or not folder.is_dir():
                continue
            for path in sorted(folder.glob("*.py")):
                if path.stem[0] in "_~":
                    continue
                spec = importlib.util.spec_from_file_location(
                    f"_pytest_pggit_git_base_{tag}.{label}.{path.stem}", path)
                assert spec is not None and spec.loader is not None
                module = importlib.util.module_from_spec(spec)
                try:
                    spec.loader.exec_module(module)
                except Exception as exc:
                    raise PggitError(
                        f"--pggit-base git:...: the migration {path.relative_to(self.tree)} of the git "
                        f"base cannot be imported: {type(exc).__name__}: {exc}",
                        hint="a migration of the base imports project code that changed since; "
                             "use a ref of pggit_db as --pggit-base") from exc
                if not hasattr(module, "Migration"):
                    raise PggitError(f"the migration {path.relative_to(self.tree)} of the git base "
                                     "has no Migration class")
                self.sources[(label, path.stem)] = (module, path)

    def loader(self, connection: Any) -> Any:
        """A Django ``MigrationLoader`` (on ``connection``, or None) of the tree's migrations."""
        from django.db.migrations.loader import MigrationLoader

        self.read()
        tree = self

        class TreeMigrationLoader(MigrationLoader):
            def load_disk(self) -> None:
                super().load_disk()   # the installed migrations; the project's are replaced
                for label, folder in tree.folders().items():
                    if folder is None:
                        continue
                    for key in [k for k in self.disk_migrations if k[0] == label]:
                        del self.disk_migrations[key]
                    self.migrated_apps.discard(label)
                    self.unmigrated_apps.add(label)
                for (label, name), (module, _path) in tree.sources.items():
                    self.disk_migrations[label, name] = module.Migration(name, label)
                    self.migrated_apps.add(label)
                    self.unmigrated_apps.discard(label)

        return TreeMigrationLoader(connection, ignore_no_migrations=True)


def describe(migration: Any, limit: int = 120) -> str:
    """The migration's operations as Django's ``showmigrations``/``sqlmigrate`` name them."""
    parts = []
    for op in migration.operations:
        try:
            parts.append(op.describe())
        except Exception:  # a custom operation without describe()
            parts.append(type(op).__name__)
    text = "; ".join(parts) or "no operations"
    return text if len(text) <= limit else text[:limit - 3] + "..."


#: Per database: ``((tree, migrations applied), ProjectState after them)``, the state a
#: forward step left for the next one (see :func:`_action`).
CARRIED = pytest.StashKey[Dict[str, Any]]()


def _applied(loader: Any) -> "frozenset[Tuple[str, str]]":
    """The applied migrations Django builds the project state from: those recorded that
    are nodes of the graph (a squash replaces its migrations there once all, or none, of
    them ran; ``MigrationExecutor._create_project_state``)."""
    return frozenset(k for k in loader.applied_migrations if k in loader.graph.nodes)


def _action(config: pytest.Config, key: Tuple[str, str], backwards: bool,
            tree: "Optional[TreeMigrations]" = None, unsquashed: bool = False,
            before: Tuple[Tuple[str, str], ...] = (), sink: Optional[List[str]] = None) -> Any:
    """One migration, as ``migrate app name`` would apply it (or unapply it, as ``migrate
    app <previous>`` does right after it was applied).  ``unsquashed``: a migration a
    squash replaces, after the migrations ``before`` (:func:`_unsquashed_order`; the state
    one replaced migration leaves goes to the next, as for the other forward steps).

    A forward step hands the project state it ends with to the next forward step on the
    same database, when the migrations applied then are exactly these plus this one (F5:
    building each step's state from scratch, Django renders every model again, and a
    netbox build of 306 steps took 1.6x ``manage.py migrate``, which carries its state
    the same way).  Anything else (a squash Django now reads differently, a step that
    failed, a downgrade) builds the state anew, as Django would."""
    def run(database: "Database") -> None:
        from django.db import connections
        from django.db.migrations.executor import MigrationExecutor

        carried = config.stash.setdefault(CARRIED, {})
        held = carried.pop(database.name, None)
        with pointed_at(config, database):
            executor = MigrationExecutor(connections[alias_of(config)])
            if tree is not None:   # the migrations of a git base
                executor.loader = tree.loader(executor.connection)
            if unsquashed:   # a migration a squash replaces, as it ran before the squash
                from django.db.migrations.loader import MigrationLoader

                executor.loader = MigrationLoader(executor.connection, replace_migrations=False)
                order = _unsquashed_order(executor.loader, key, before)
                # the state the previous replaced migration left, when it is the one asked for
                if held is None or held[0] != ("unsquashed", order):
                    held = (("unsquashed", order), _unsquashed_state(executor.loader, order))
            migration = executor.loader.graph.nodes[key]
            if backwards:
                try:
                    executor.migrate([key], plan=[(migration, True)])
                except Exception:   # (Ctrl-C: the run stops, nothing to put right)
                    forget_failed_unapply(executor.recorder, migration)
                    raise
                drop_empty_recorder(executor.recorder)
                return
            applied = (id(tree), _applied(executor.loader))
            state = held[1] if held is not None and (held[0] == applied or unsquashed) else None
            with recording(executor.connection, None if unsquashed else sink):
                state = executor.migrate([key], plan=[(migration, False)], state=state)
            if unsquashed:
                carried[database.name] = (("unsquashed", order + (key,)), state)
            else:
                carried[database.name] = ((id(tree), applied[1] | {key}), state)

    run.__qualname__ = f"django {'unapply' if backwards else 'apply'} {key[0]}.{key[1]}"
    return run


@contextlib.contextmanager
def recording(connection: Any, sink: Optional[List[str]]) -> Iterator[None]:
    """While the block runs, the row-changing statements (``DELETE``, ``TRUNCATE``,
    ``UPDATE``, ``MERGE``) sent through Django's ``connection`` go to ``sink`` (once
    each): a RunPython's ``Model.objects.all().delete()`` or ``schema_editor.execute(
    "TRUNCATE ...")`` is then seen by the gate's ``data`` check (M9).  Django's own
    bookkeeping (``django_migrations``) is left out."""
    if sink is None:
        yield
        return
    from ..datachanges import classify

    def wrapper(execute: Any, sql: Any, params: Any, many: bool, context: Any) -> Any:
        try:
            text = sql if isinstance(sql, str) else str(sql)
            if classify(text) is not None and "django_migrations" not in text and text not in sink:
                sink.append(text)
        except Exception:   # recording must never change what the step does
            pass
        return execute(sql, params, many, context)

    with connection.execute_wrapper(wrapper):
        yield


def forget_failed_unapply(recorder: Any, migration: Any) -> None:
    """After a failed unapply: the migration (and what a squash replaces) no longer
    recorded, as ``migrate`` would have left it.  The up/down check puts the schema back
    to the commit before the step with pgGit, which never touches the recorder's rows;
    a stale row made Django believe the step still applied for every older downgrade,
    and the first migration's (empty recorder: dropped) failed on the leftover table
    (K2: one real error reported as two).  Best effort: the step's own error is what
    counts."""
    keys = [(migration.app_label, migration.name)]
    keys += [tuple(k) for k in getattr(migration, "replaces", None) or ()]
    try:
        connection = recorder.connection
        if connection.in_atomic_block or connection.needs_rollback:   # (not when Django unwound)
            return
        if not recorder.has_table():
            return
        for app_label, name in keys:
            recorder.record_unapplied(app_label, name)
        drop_empty_recorder(recorder)
    except Exception:   # a broken connection: the step's error says enough
        pass


def drop_empty_recorder(recorder: Any) -> bool:
    """Drop Django's ``django_migrations`` once it records nothing: the executor makes it
    before the first migration and never drops it, so unapplying the first one left a
    table the database before it did not have (the up/down check of the first step, with
    ``--pggit-base root``, failed on every project).  As the Alembic steps drop an empty
    version table.  Returns whether it dropped it."""
    if not recorder.has_table() or recorder.migration_qs.exists():
        return False
    with recorder.connection.schema_editor() as editor:
        editor.delete_model(recorder.Migration)
    return True


@contextlib.contextmanager
def pointed_at(config: pytest.Config, database: "Database") -> Iterator[None]:
    """``DATABASES["default"]`` at ``database`` for the block, Django's database access
    unblocked (pytest-django blocks it outside django_db tests); the settings and the
    connection are restored afterwards."""
    from django.db import connections

    alias = alias_of(config)
    if alias not in connections.settings:
        raise PggitError(f"--pggit-django-database {alias}: DATABASES has no alias {alias!r}",
                         hint=f"one of: {', '.join(connections.settings)}")
    connection = connections[alias]
    engine = connection.settings_dict.get("ENGINE", "")
    if engine not in POSTGRESQL_ENGINES and getattr(connection, "vendor", None) != "postgresql":
        raise PggitError(f"--pggit-django: DATABASES[{alias!r}] uses {engine!r}, not PostgreSQL",
                         hint="set ENGINE to django.db.backends.postgresql for the test run")
    saved = dict(connection.settings_dict)
    connection.close()
    point_at(connection.settings_dict, database)
    try:
        with _unblocked(config):
            yield
    finally:
        connection.close()
        connection.settings_dict.clear()
        connection.settings_dict.update(saved)


def point_at(settings_dict: Dict[str, Any], database: "Database") -> None:
    """Django connection settings of ``database`` (host, port, user, password, name; other
    libpq parameters into ``OPTIONS``)."""
    from psycopg.conninfo import conninfo_to_dict

    params = {k: v for k, v in conninfo_to_dict(database.dsn).items() if v is not None}
    settings_dict["NAME"] = params.pop("dbname", database.name)
    settings_dict["HOST"] = params.pop("host", "")
    settings_dict["PORT"] = str(params.pop("port", ""))
    settings_dict["USER"] = params.pop("user", "")
    settings_dict["PASSWORD"] = params.pop("password", "")
    if params:
        settings_dict["OPTIONS"] = {**(settings_dict.get("OPTIONS") or {}), **params}


def _unblocked(config: pytest.Config) -> "contextlib.AbstractContextManager[Any]":
    """pytest-django's database blocker, unblocked (a no-op without pytest-django).

    The one use of a pytest-django name that is not a fixture: the steps run while the
    template is built, from ``pggit_db`` or the gate, where no fixture can be requested;
    ``blocking_manager_key`` holds the object the public ``django_db_blocker`` fixture
    returns (pytest-django >= 4.9)."""
    if not config.pluginmanager.has_plugin("django"):
        return contextlib.nullcontext()
    try:
        from pytest_django.plugin import blocking_manager_key
    except ImportError:  # pragma: no cover - an older pytest-django
        return contextlib.nullcontext()
    blocker = config.stash.get(blocking_manager_key, None)
    return blocker.unblock() if blocker is not None else contextlib.nullcontext()


def _source_path(path: Path, tree: Path) -> str:
    try:
        return path.relative_to(tree).as_posix()
    except ValueError:
        return str(path)


def _source(module: Any, rootdir: Path) -> Any:
    path = getattr(module, "__file__", None)
    if not path:
        return None
    try:
        return Path(path).resolve().relative_to(rootdir.resolve()).as_posix()
    except ValueError:
        return path


__all__ = ["DjangoSteps", "TreeMigrations", "django_steps", "forward_plan", "point_at"]
