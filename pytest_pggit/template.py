"""Build the template database the fixtures hand out (and the SQL layer database it may be cloned from).

``PYTEST_DONT_REWRITE`` (see :mod:`pytest_pggit.plugin`).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Dict, List, NamedTuple, Optional, Sequence

from .backends import Server
from .exceptions import PggitError, SchemaApplyError
from .formatting import display_path
from .janitor import Database, DatabaseJanitor
from .steps import Step, safe_ref_name

BASELINE_FUNCTION = ("pggit_v0", "create_basic_commit")

#: For the up/down walk's calls (:mod:`pytest_pggit.updown`), in its own session or a
#: transaction of a step's (so the steps' statements never see it): PL/pgSQL statements
#: keep their generic plans instead of being planned again at each call.  A step's commit
#: no longer needs it (``_commit_snapshot`` sets it on itself; see :func:`record_query`).
GENERIC_PLANS = "SET LOCAL plan_cache_mode = force_generic_plan"

@dataclass
class AppliedStep:
    """A step as applied to the template: its tag (``step.tag``, or a valid ref name made
    of it) and the sha of its commit on main."""

    step: Step
    tag: str
    sha: str


class BuiltTemplate(NamedTuple):
    janitor: DatabaseJanitor
    database: Database
    notes: List[str]
    steps: List[AppliedStep]


#: golang-migrate's file names: ``<version>_<title>.up.sql`` / ``.down.sql``
UPDOWN_NAME = re.compile(r"^(\d+)_(.*)\.(up|down)\.sql$", re.IGNORECASE)
#: a name ending ``.up.sql`` / ``.down.sql``, golang-migrate's or not
UPDOWN_SUFFIX = re.compile(r"\.(up|down)\.sql$", re.IGNORECASE)


def schema_files(paths: Sequence[Path]) -> List[Path]:
    """Files as given; folders expanded to their ``*.sql`` files (any case, subfolders
    included) in lexical order of their paths; an empty folder is an error.  A folder of
    golang-migrate's up/down files (:func:`updown_files`) gives its up files alone, in
    version order."""
    files: List[Path] = []
    for path in paths:
        path = Path(path)
        if path.is_dir():
            found = sorted((p for p in path.rglob("*") if p.is_file() and p.suffix.lower() == ".sql"),
                           key=lambda p: p.relative_to(path).as_posix())
            if not found:
                raise SchemaApplyError(
                    f"schema folder holds no .sql files: {path}",
                    hint="point --pggit-schema / pggit_schema at the folder with the schema's .sql files",
                )
            files.extend(updown_files(path, found))
        elif path.is_file():
            files.append(path)
        else:
            raise SchemaApplyError(
                f"schema path does not exist: {path}",
                hint="fix --pggit-schema / pggit_schema (ini paths are relative to the ini file)",
            )
    return files


def updown_files(folder: Path, found: List[Path]) -> List[Path]:
    """``found`` (a folder's ``.sql`` files), or when they are golang-migrate's
    (``<version>_<title>.up.sql`` and ``.down.sql``, U9: the down files ran too, in
    lexical order, ``10_x`` before ``1_y``), the up files alone in the order of their
    version numbers; each runs its ``.down.sql`` as its downgrade (:func:`file_steps`).
    An error when the folder mixes them with other ``.sql`` files, repeats a version or
    holds a down file without its up file."""
    marked = [p for p in found if UPDOWN_SUFFIX.search(p.name)]
    if not marked:
        return found
    where = lambda p: p.relative_to(folder).as_posix()   # noqa: E731
    odd = [p for p in found if not UPDOWN_NAME.match(p.name)]
    if odd:
        raise SchemaApplyError(
            f"schema folder {folder} holds up/down migration files ({where(marked[0])}) and other "
            f".sql files ({', '.join(where(p) for p in odd[:3])}{', ...' if len(odd) > 3 else ''}): "
            "pytest-pggit cannot tell which to run",
            hint="golang-migrate's layout is <version>_<title>.up.sql with its <version>_<title>.down.sql: "
                 "rename the other files so, or move them out of the folder; another layout (dbmate, "
                 "goose, Flyway) takes a pytest_pggit_migration_steps hook (docs/steps.md)")
    ups: Dict[int, Path] = {}
    for p in found:
        m = UPDOWN_NAME.match(p.name)
        assert m is not None
        if m.group(3).lower() != "up":   # (paired by version, as golang-migrate does)
            if not any(q.parent == p.parent and _version(q, "up") == int(m.group(1)) for q in found):
                raise SchemaApplyError(
                    f"schema folder {folder}: {where(p)} has no up file of version {int(m.group(1))}",
                    hint=f"add {m.group(1)}_{m.group(2)}.up.sql, or delete the down file")
            continue
        version = int(m.group(1))
        if version in ups:
            raise SchemaApplyError(
                f"schema folder {folder}: {where(ups[version])} and {where(p)} have the same version {version}",
                hint="golang-migrate refuses two migrations of one version: renumber one of them")
        ups[version] = p
    return [ups[v] for v in sorted(ups)]


def _version(path: Path, kind: str) -> Optional[int]:
    """The version of golang-migrate's ``kind`` (up, down) file ``path``, else None."""
    m = UPDOWN_NAME.match(path.name)
    return int(m.group(1)) if m is not None and m.group(3).lower() == kind else None


def down_file(path: Path) -> Optional[Path]:
    """The ``.down.sql`` of golang-migrate's up file ``path``: the one beside it of the same
    version, whatever its title (ente: ``30_add_magic_metadata.up.sql`` and
    ``30_drop_magic_metadata.down.sql``); None when ``path`` is no up file or has none."""
    version = _version(path, "up")
    if version is None:
        return None
    try:
        return next((q for q in sorted(path.parent.iterdir())
                     if _version(q, "down") == version and q.is_file()), None)
    except OSError:
        return None


def has_baseline_function(conn, name: str = BASELINE_FUNCTION[1]) -> bool:
    row = conn.execute(
        "SELECT EXISTS (SELECT 1 FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace "
        "WHERE n.nspname = %s AND p.proname = %s)",
        (BASELINE_FUNCTION[0], name),
    ).fetchone()
    return bool(row and row[0])


def file_steps(files: Sequence[Path], rootdir: Optional[Path], no_owner: bool,
               skipped: Optional[List[int]] = None, names: Optional[Sequence[str]] = None
               ) -> List[Step]:
    """One step (tool ``sql``) per schema file, named by its path relative to ``rootdir``
    (or by ``names``); each runs the file in a session of its own.  ``skipped`` collects
    the number of ownership statements ``no_owner`` skipped per file.  golang-migrate's
    up file (``<version>_<title>.up.sql``) runs its ``.down.sql`` as its downgrade (the
    gate's up/down check) and is a migration each database runs once (``Step.once``:
    an edit of a committed one is a ``history`` case, U10); any other file is
    declarative (an edit in place is how it changes)."""
    from .datachanges import sql_file_data

    out: List[Step] = []
    previous: Dict[Path, str] = {}   # folder -> the tag of its last golang-migrate up file
    tracked: Dict[Path, bool] = {}   # folder -> its files use golang-migrate's version table
    for i, f in enumerate(files):
        version = _version(f, "up")
        if version is not None and f.parent not in tracked:
            tracked[f.parent] = _uses_version_table(f.parent)
        track = version is not None and tracked.get(f.parent, False)
        first = f.parent not in previous

        def upgrade(db: Database, f: Path = f, track: bool = track, version: Optional[int] = version) -> None:
            if track:   # (as `migrate up` does: the table, then the version marked dirty while it runs)
                _version_table(db, version, True)
            n = _run_schema_file(db, f, no_owner, rootdir)
            if track:
                _version_table(db, version, False)
            if skipped is not None:
                skipped.append(n)

        down = down_file(f)
        below = _version(files[i - 1], "up") if i and first is False and files[i - 1].parent == f.parent else None

        def downgrade(db: Database, d: Optional[Path] = down, track: bool = track, first: bool = first,
                      below: Optional[int] = below) -> None:
            assert d is not None
            _run_schema_file(db, d, no_owner, rootdir)
            if track:   # (the version below; the table made for the first version goes with it)
                _version_table(db, below, False, drop=first)

        name = names[i] if names is not None else display_path(f, rootdir)
        once = _version(f, "up") is not None
        # (a version comes after the one below it: a new file numbered below a deployed
        # one never runs there, golang-migrate runs versions above the database's only)
        after = (previous[f.parent],) if once and f.parent in previous else ()
        step = Step("sql", name, "schema file", upgrade,
                    downgrade=downgrade if down is not None else None, source=name,
                    data=lambda f=f, name=name: sql_file_data(f, name, rootdir),
                    once=once, after=after)
        if once:
            previous[f.parent] = step.tag
        out.append(step)
    return out


#: golang-migrate's version table (its postgres driver's default ``x-migrations-table``)
VERSION_TABLE = "schema_migrations"


def _uses_version_table(folder: Path) -> bool:
    """Whether a golang-migrate folder's files name its version table (Harbor's
    ``ALTER TABLE schema_migrations ADD COLUMN data_version int``: BB4): only then is the
    table made, so that other projects' schemas stay as their files make them."""
    try:
        return any(VERSION_TABLE in p.read_text(encoding="utf-8", errors="replace").lower()
                   for p in sorted(folder.iterdir()) if UPDOWN_NAME.match(p.name) and p.is_file())
    except OSError:
        return False


def _version_table(db: Database, version: Optional[int], dirty: bool, drop: bool = False) -> None:
    """golang-migrate's bookkeeping around a version: its table made as its postgres
    driver makes it (``version bigint PRIMARY KEY, dirty boolean``, in the session's first
    schema), holding one row, ``version`` (None: no row); ``drop``: the table dropped (the
    first version's downgrade, so that it undoes what its upgrade made)."""
    from .untrusted import as_untrusted

    with as_untrusted(db).connect(autocommit=True) as conn:
        if drop:
            conn.execute(f"DROP TABLE IF EXISTS {VERSION_TABLE}")
            return
        conn.execute(f"CREATE TABLE IF NOT EXISTS {VERSION_TABLE} (version bigint NOT NULL PRIMARY KEY, "
                     "dirty boolean NOT NULL)")
        conn.execute(f"DELETE FROM {VERSION_TABLE}")
        if version is not None:
            conn.execute(f"INSERT INTO {VERSION_TABLE} (version, dirty) VALUES (%s, %s)", (version, dirty))


def apply_steps(conn: Any, db: Database, steps: Sequence[Step], *, tag: bool = True,
                prefix: str = "", commit: bool = True, taken: Sequence[str] = ()) -> List[AppliedStep]:
    """Apply ``steps`` to ``db`` one at a time; after each, commit on the current branch
    (message ``prefix + step.message``) and, with ``tag``, tag the commit ``step.tag`` (made
    a valid ref name when it is not one).  ``conn``: autocommit, to ``db``.  A step that
    fails raises :class:`SchemaApplyError` naming the step and the user's ``file:line``.

    Consecutive steps that share a :class:`~pytest_pggit.steps.StepBatch` (an Alembic
    project's revisions) run in one session: each step's commit and tag are made on the
    step's own connection, in its transaction, right after it (same commits, same tags,
    one tool command instead of one per step).  ``taken``: the tags of steps the
    database holds already (a template started from a cached one's steps)."""
    import psycopg

    from .provenance import set_step_source, step_source
    from .steps import BatchNotPossible, BatchStepError, batch_groups

    applied: List[AppliedStep] = []
    taken = set(taken)

    def name_of(step: Step) -> str:
        name = safe_ref_name(step.tag)
        if name in taken:
            raise SchemaApplyError(f"two migration steps have the tag {name!r} ({step.tag})",
                                   hint="a step's tool and name must be unique")
        taken.add(name)
        return name

    def record(c: Any, step: Step, name: str, then_source: Optional[str] = None) -> None:
        try:
            with c.cursor() as cur:
                cur.execute(record_query(prefix + step.message, name if tag else None, step.description,
                                         then_source))
                row = cur.fetchone()
        except psycopg.Error as exc:
            raise SchemaApplyError.from_psycopg(
                exc, context=f"recording the commit of step {step.tag} failed") from exc
        applied.append(AppliedStep(step, name, str(row[0]) if row else ""))

    for group in batch_groups(list(steps), "upgrade") if commit else [[s] for s in steps]:
        if len(group) > 1:
            names = {id(s): name_of(s) for s in group}
            following = {id(a): b.tag for a, b in zip(group, group[1:])}
            #: id of a batch connection -> the pggit.source its session was given by the
            #: previous step's record (in the same round trip as its commit)
            primed: Dict[int, str] = {}

            def before(step: Step, c: Any) -> None:
                if primed.pop(id(c), None) == step.tag:
                    set_step_source(conn, db.name, step.tag)   # new sessions; this one has it
                else:
                    set_step_source(conn, db.name, step.tag, c)

            def after(step: Step, c: Any) -> None:
                then = following.get(id(step))
                record(c, step, names[id(step)], then)
                if then is not None:
                    primed[id(c)] = then

            try:
                with step_source(conn, db.name, group[0].tag):
                    group[0].batch.run(db, group, "upgrade", before, after)   # type: ignore[union-attr]
                continue
            except BatchNotPossible:
                for s in group:
                    taken.discard(names[id(s)])
            except BatchStepError as exc:
                if not isinstance(exc.error, Exception):   # a runner that wrapped Ctrl-C
                    raise exc.error
                if isinstance(exc.error, PggitError):
                    raise exc.error from exc
                raise step_error(exc.step, "upgrade", exc.error) from exc.error
        for step in group:
            try:
                # provenance: capture records which step (and, for schema files, which
                # statement) made each change (pytest_pggit/provenance.py)
                with step_source(conn, db.name, step.tag):
                    step.upgrade(db)
            except PggitError:
                raise                      # schema files: already names file:line and SQLSTATE
            except Exception as exc:
                raise step_error(step, "upgrade", exc) from exc
            name = name_of(step)
            if commit:
                record(conn, step, name)
    return applied


def record_query(message: str, tag: Optional[str], description: str,
                 then_source: Optional[str] = None) -> Any:
    """A step's commit and its tag as **one** round trip: statements in one simple query
    (one transaction: the step's own in a batch, else an implicit one, so the commit and its
    tag are made together or not at all).  The first returns the commit's sha.  The commit
    sets generic plans on itself (``_commit_snapshot``'s ``SET plan_cache_mode``), so no
    ``SET LOCAL`` is needed: before, five round trips (savepoint, ``SET LOCAL``, commit,
    tag, release).  ``then_source``: in a batch, the next step's tag, set as the session's
    ``pggit.source`` too (provenance), which saves that step a round trip of its own."""
    from psycopg import sql

    parts = [sql.SQL("SELECT pggit_v0.create_basic_commit({})").format(sql.Literal(message))]
    if tag is not None:
        parts.append(sql.SQL("SELECT pggit_v0.create_tag({}, 'HEAD', {})").format(
            sql.Literal(tag), sql.Literal(description)))
    if then_source is not None:
        parts.append(sql.SQL("SELECT pg_catalog.set_config('pggit.source', {}, false)").format(
            sql.Literal(then_source)))
    return sql.SQL("; ").join(parts)


def step_error(step: Step, action: str, exc: BaseException) -> PggitError:
    """The error of a step's ``upgrade``/``downgrade`` that raised: the user's frame first."""
    import psycopg

    where = user_frame(exc)
    if isinstance(exc, PggitError) and getattr(exc, "location", None):
        # a schema file's own file:line (a golang-migrate down file), not the plugin's frame
        where = str(exc.location)
    elif step.source and ("/site-packages/" in where or "/dist-packages/" in where):
        # no frame of the project's (Django runs a migration's operations from its own
        # code): the step's file is where the user looks (D6)
        where = step.source
    # the database's error behind a tool's own (Django's ProgrammingError wraps psycopg's):
    # its SQLSTATE, detail and hint
    pg = next((c for c in _chain(exc) if isinstance(c, psycopg.Error)), None)
    err: PggitError
    if pg is not None and pg is not exc:
        err = SchemaApplyError.from_psycopg(pg, context=f"{where}: {action} of step {step.tag} failed: "
                                                        f"{type(exc).__name__}")
    elif isinstance(exc, psycopg.Error):
        err = SchemaApplyError.from_psycopg(exc, context=f"{where}: {action} of step {step.tag} failed")
    else:
        err = SchemaApplyError(f"{where}: {action} of step {step.tag} failed: "
                               f"{type(exc).__name__}: {exc}",
                               hint=f"fix the step's {action} ({step.source or step.tag})")
    if not getattr(err, "hint", None) or err.hint == f"fix the step's {action} ({step.source or step.tag})":
        err.hint = f"fix the step's {action} ({step.source or step.tag})"
        file = where.rsplit(":", 1)[0] if where[-1:].isdigit() else where
        if step.source and not file.replace("\\", "/").endswith(step.source.replace("\\", "/")):
            # raised by code the step runs but the project wrote elsewhere (Alembic's
            # env.py, application code it imports): that is where to look (F8)
            err.hint = (f"the error was raised at {where}, not in the step's file ({step.source}): "
                        f"fix the code there (an env.py, or application code it calls), "
                        f"or the step's {action}")
    err.location = where
    return err


def _chain(exc: BaseException) -> List[BaseException]:
    """``exc`` and the exceptions behind it (``__cause__``, else ``__context__``)."""
    out: List[BaseException] = []
    cur: Optional[BaseException] = exc
    while cur is not None and cur not in out and len(out) < 10:
        out.append(cur)
        cur = cur.__cause__ or cur.__context__
    return out


def build_template(
    server: Server,
    name: str,
    sql_dir: Optional[Path] = None,
    schema: Sequence[Path] = (),
    rootdir: Optional[Path] = None,
    setup_hook: Optional[Callable[..., Any]] = None,
    setup_hook_names: Sequence[str] = (),
    layer_template: Optional[str] = None,
    no_owner: bool = False,
    steps: Sequence[Step] = (),
    lock_timeout: Optional[str] = None,
    admin: Any = None,
) -> BuiltTemplate:
    """Create ``name`` with the SQL layer installed and the project's schema applied.

    The migration steps go first, one commit on main each, tagged ``<tool>/<name>``
    (:func:`apply_steps`): the schema files (tool ``sql``, a session each, as ``psql -f``
    per file would, so a file's settings never reach the next one), then ``steps`` (the
    ``pytest_pggit_migration_steps`` hooks).  Then ``setup_hook(connection=...,
    database=...)`` runs (the ``pytest_pggit_setup`` hook; ``setup_hook_names`` name its
    implementations); when it changed the schema, ``create_basic_commit('pytest-pggit
    baseline: ...')`` records that too.  With
    ``no_owner``, the files' ownership statements are skipped
    (:func:`pytest_pggit.ownership.is_ownership_statement`).  With ``layer_template`` (a
    database already holding this SQL layer) the database is cloned from it instead of
    installing the layer.  When the template cache offers a cached template holding a
    strict prefix of the steps (:func:`pytest_pggit.template_cache.offered`), the
    database is cloned from it and only the steps after its own are applied.
    ``admin``: an autocommit admin connection to create it through (else one is opened).
    Returns the janitor (to drop it later), the database, notes and the applied steps.
    """
    files = schema_files(schema)
    skipped: List[int] = []
    all_steps = file_steps(files, rootdir, no_owner, skipped) + list(steps)
    admin = admin if admin is not None and not admin.closed else None
    started = _start_from_cache(server, name, all_steps, bool(setup_hook_names), lock_timeout, admin)
    reused: List[AppliedStep] = []
    if started is not None:
        janitor, reused, db = started.janitor, started.steps, started.database
        skipped.append(started.skipped)
    else:
        janitor = DatabaseJanitor(server, name, template=layer_template, lock_timeout=lock_timeout,
                                  private=True)   # (until built and stored: Z10)
        db = janitor.create(admin)
    notes: List[str] = []
    applied: List[AppliedStep] = []
    if layer_template is not None and not files and not steps and not setup_hook_names:
        return BuiltTemplate(janitor, db, notes, applied)   # a clone of the layer is all of it
    try:
        with db.connect(autocommit=True) as conn:
            if layer_template is None and started is None:
                from .template_cache import install_layer

                install_layer(conn, sql_dir)
            versioned = has_baseline_function(conn)
            # no tag for the root commit: a fresh template holds no refs but main (Repo
            # and the gate take "root" all the same, see Repo._ref)
            tags = versioned and has_baseline_function(conn, "create_tag")
            applied = reused + apply_steps(conn, db, all_steps[len(reused):], tag=tags,
                                           commit=versioned, taken=[a.tag for a in reused])
            if no_owner and files:
                notes.append(f"--pggit-no-owner: {sum(skipped)} ownership statement(s) of the schema files skipped")
            if applied:
                renamed = [a for a in applied if a.tag != a.step.tag]
                notes.append(f"{len(applied)} migration step(s) committed" + (" and tagged" if tags else "")
                             + " on main ("
                             + (applied[0].tag if len(applied) == 1
                                else f"{applied[0].tag} ... {applied[-1].tag}") + ")"
                             + "".join(f"; step {a.step.tag} tagged {a.tag}" for a in renamed))
            if setup_hook is not None and setup_hook_names:
                _run_setup_hook(conn, db, setup_hook, setup_hook_names)
                if versioned:
                    _commit_setup(conn, setup_hook_names, notes)
            if (files or steps or setup_hook_names) and not versioned:
                notes.append("pggit_v0.create_basic_commit not found: baseline commit skipped")
    except BaseException:
        janitor.drop()
        raise
    from .template_cache import built

    built(applied)   # (the template cache keeps what the steps sent)
    return BuiltTemplate(janitor, db, notes, applied)


class _Started(NamedTuple):
    """A template started from a cached one: its janitor (the database created), the
    steps it holds, and the ownership statements their schema files skipped."""

    janitor: DatabaseJanitor
    database: Database
    steps: List[AppliedStep]
    skipped: int


def _start_from_cache(server: Server, name: str, steps: Sequence[Step], setup_hook: bool,
                      lock_timeout: Optional[str], admin: Any) -> Optional[_Started]:
    """``name`` cloned from the cached template the template cache offers
    (:func:`pytest_pggit.template_cache.offered`: one whose steps are a strict prefix of
    ``steps``, their commits and tags made); None when none is offered, it does not fit
    (its steps' tags are not the first of ``steps``, a setup hook runs after the steps),
    or it was pruned meanwhile: the build then starts from the SQL layer."""
    import psycopg

    from .template_cache import offered

    offer = offered()
    if offer is None or setup_hook:
        return None
    done = offer.entry.steps
    if len(done) >= len(steps) or \
            [t for t, _ in done] != [safe_ref_name(s.tag) for s in steps[:len(done)]]:
        return None
    janitor = DatabaseJanitor(server, name, template=offer.database, lock_timeout=lock_timeout,
                              private=True)
    try:
        db = janitor.create(admin)
    except PggitError as exc:
        if isinstance(exc.__cause__, psycopg.errors.InvalidCatalogName):
            return None   # pruned by a concurrent run a moment ago
        raise
    reused = []
    for step, (tag, sha) in zip(steps, done):
        step.executed[:] = offer.entry.executed.get(tag, [])   # (the gate's data check)
        reused.append(AppliedStep(step, tag, sha))
    offer.used, offer.applied = True, len(steps) - len(done)
    return _Started(janitor, db, reused, _skipped_in(offer.entry.notes))


def _skipped_in(notes: Sequence[str]) -> int:
    """The ownership statements a build's notes say --pggit-no-owner skipped."""
    import re

    for note in notes:
        m = re.match(r"--pggit-no-owner: (\d+) ownership statement", note)
        if m:
            return int(m.group(1))
    return 0


def _commit_setup(conn: Any, names: Sequence[str], notes: List[str]) -> None:
    """Commit what the pytest_pggit_setup hook changed (nothing when it changed nothing)."""
    import psycopg

    try:
        pending = (conn.execute("SELECT count(*) FROM pggit_v0.status()").fetchone()[0]
                   if has_baseline_function(conn, "status") else 1)
        if pending:
            conn.execute("SELECT pggit_v0.create_basic_commit(%s)",
                         ("pytest-pggit baseline: " + ", ".join(f"hook {n}" for n in names),))
    except psycopg.Error as exc:
        raise SchemaApplyError.from_psycopg(exc, context="recording the baseline commit failed") from exc
    notes.append(f"baseline commit on main of {len(names)} pytest_pggit_setup hook(s)" if pending
                 else f"{len(names)} pytest_pggit_setup hook(s) changed no schema: no baseline commit")


def _run_schema_file(db: Database, path: Path, no_owner: bool, rootdir: Optional[Path] = None) -> int:
    """Run one schema file on a new connection (a session of its own, like ``psql -f``);
    returns the number of statements skipped by ``no_owner``.  Each statement first sets
    ``pggit.source`` to its ``file:line`` (file relative to ``rootdir``): provenance."""
    from . import sqlfiles
    from .ownership import is_ownership_statement

    from .untrusted import as_untrusted, refuse_lookalikes

    script = sqlfiles.expand_script(path, confine=rootdir)   # (Z1: no include from elsewhere)
    _refuse_down_section(script, path, rootdir)
    with as_untrusted(db).connect(autocommit=True) as conn:   # (--pggit-untrusted: Z19, Z23)
        ran = sqlfiles.execute_statements(conn, script, f"schema file {path}",
                                          skip=is_ownership_statement if no_owner else None,
                                          label=lambda o: f"{display_path(o[0], rootdir)}:{o[1]}")
    refuse_lookalikes(db, display_path(path, rootdir))
    return ran.skipped


#: the line that starts the down section of a dbmate or goose migration file
DOWN_SECTION = re.compile(r"^[ \t]*--[ \t]*(migrate:down|\+goose[ \t]+down)\b", re.IGNORECASE | re.MULTILINE)


def _refuse_down_section(script: Any, path: Path, rootdir: Optional[Path]) -> None:
    """A schema file holding a dbmate (``-- migrate:down``) or goose (``-- +goose Down``)
    down section would run it right after its up section (U9): an error naming the line."""
    m = DOWN_SECTION.search(script.text)
    if m is None:
        return
    line = script.text.count("\n", 0, m.start())
    origin = script.origins[line] if line < len(script.origins) else None
    where = (f"{display_path(origin[0], rootdir)}:{origin[1]}" if origin is not None
             else f"{display_path(path, rootdir)}:{line + 1}")
    raise SchemaApplyError(
        f"schema file {display_path(path, rootdir)} is a migration with a down section "
        f"({m.group(1).strip()} at {where}): run as a schema file, its down part would run too",
        hint="give such files to a pytest_pggit_migration_steps hook that runs the up part as the step "
             "and the down part as its downgrade (docs/steps.md); golang-migrate's "
             "<version>_<title>.up.sql / .down.sql files work as --pggit-schema as they are")


def _run_setup_hook(conn, db: Database, hook: Callable[..., Any], names: Sequence[str]) -> None:
    import psycopg
    from psycopg import pq

    try:
        hook(connection=conn, database=db)
    except Exception as exc:
        if not conn.closed and conn.info.transaction_status != pq.TransactionStatus.IDLE:
            conn.rollback()
        where = user_frame(exc)
        if isinstance(exc, psycopg.Error):
            err = SchemaApplyError.from_psycopg(
                exc, context=f"the pytest_pggit_setup hook failed at {where}"
            )
        else:
            err = SchemaApplyError(
                f"the pytest_pggit_setup hook failed at {where}: {type(exc).__name__}: {exc}",
                hint=f"fix the hook implementation ({', '.join(names)})",
            )
        err.location = where
        raise err from exc


def user_frame(exc: BaseException) -> str:
    """``file:line`` of the innermost traceback frame in the user's code: outside
    pytest-pggit, pluggy, psycopg and pytest, and preferably outside installed libraries
    and the standard library too (a migration tool's internals, e.g. SQLAlchemy's, are
    not where the user looks first); else the innermost frame outside the plugin."""
    import sysconfig
    import traceback

    here = str(Path(__file__).resolve().parent)
    frames = traceback.extract_tb(exc.__traceback__)
    stdlib = {sysconfig.get_paths().get(k, "") for k in ("stdlib", "platstdlib")} - {""}

    def ours(name: str) -> bool:
        return here in name or any(p in name for p in ("/pluggy/", "/psycopg/", "/_pytest/"))

    def library(name: str) -> bool:
        return (not name.startswith("/") or "/site-packages/" in name or "/dist-packages/" in name
                or any(name.startswith(p + "/") for p in stdlib))

    for wanted in (lambda n: not ours(n) and not library(n), lambda n: not ours(n)):
        for frame in reversed(frames):
            if wanted(frame.filename):
                return f"{frame.filename}:{frame.lineno}"
    return f"{frames[-1].filename}:{frames[-1].lineno}" if frames else "?"


__all__ = ["AppliedStep", "BuiltTemplate", "apply_steps", "build_template",
           "file_steps", "schema_files", "step_error", "user_frame"]
