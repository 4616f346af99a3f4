"""The CI gate (``--pggit-gate``): after the tests, is the schema safe to merge?

It inspects the template database ``pggit_db`` (SQL layer, ``--pggit-schema`` files,
``pytest_pggit_setup`` hook, baseline commit on main): the project's schema, not what
single tests did (``pggit_conn`` rolls back, ``pggit_isolated_db`` clones are dropped).
Everything runs in one transaction that is rolled back at the end.

Checks, each a :class:`Check` (one JUnit test case each):

* ``integrity``: every row of ``validate_data_integrity()`` (fails when not OK);
* ``alerts``: every row of ``check_for_alerts()`` (fails at or above ``--pggit-fail-on``);
* ``hazards``: every path of ``diff_commits(base, head)`` whose migration statements
  carry hazards (fails at or above ``--pggit-fail-on-hazard``);
* ``migration``: ``generate_migration(base, head)`` applied to base's schema yields head's;
* ``snapshot``: the schema of head against the ``--pggit-snapshot`` file;
* ``lint``: squawk's findings on the steps since the base (:mod:`.lint`), one case per
  statement ``file:line``, failing per ``--pggit-fail-on-lint``;
* ``allow``: a ``-- pggit: allow`` directive without a reason (an error at its file:line).

Every path's change is traced to the step and statement that made it (:mod:`.provenance`);
hazards and lint findings accepted by an allow (:mod:`.allow`) pass, with their reason.

* ``updown``: each migration step since the base that has a ``downgrade`` gives back the
  schema of the commit before it (:mod:`.updown`), one case per step tag.

``base`` defaults to the commit before the newest migration step (its tag, e.g.
``sql/schema/001_init.sql`` or ``alembic/ae1027a6acf``), with one step or none to
``root`` (the database as the SQL layer found it, before the project's schema: so the
report shows the migration that builds the whole schema); ``git:<ref>`` builds the base
from the project's files at a git ref (:mod:`.gitbase`).  ``result.base_reason`` says
which and why.  ``head`` defaults to HEAD, after the plugin commits whatever the live
schema has beyond it.
``PYTEST_DONT_REWRITE`` (see :mod:`pytest_pggit.plugin`).
"""
from __future__ import annotations

import re
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Dict, List, Optional, Sequence, Set, Tuple

from .config import GateOptions, alert_rank, hazard_rank
from .exceptions import PggitError
from .formatting import display_path
from .gitbase import GitBase
from .lint import INSTALL_HINT
from .gitbase import build as build_git_base
from .gitbase import is_git_ref
from .ignore import ignored
from .repo import Repo

if TYPE_CHECKING:  # pragma: no cover
    from .allow import Acceptance, Allowances
    from .lint import LintResult
    from .provenance import LogEntry, Provenance
    from .results import Alert, Branch, Commit, DiffEntry, IntegrityCheck, MigrationCheck, SchemaDiff
    from .snapshot import Drift

@dataclass
class Check:
    """One gate check: a JUnit test case, a row of the reports."""

    group: str  # integrity, alerts, hazards, migration, snapshot, gate
    name: str
    failed: bool
    status: str  # OK/FAILED, the alert's severity, the hazard severity, ...
    message: str = ""
    details: str = ""  # long text: tables, diffs, scripts
    seconds: float = 0.0
    #: the file the case is about (a step's file, a schema file), relative to rootdir,
    #: and its 1-based line when known: JUnit ``file``/``line``, GitHub annotations
    file: Optional[str] = None
    line: Optional[int] = None


@dataclass
class GateResult:
    options: GateOptions
    database: str = ""
    server: str = ""
    base: str = ""
    head: str = ""
    base_sha: str = ""
    head_sha: str = ""
    head_committed: bool = False  # the gate committed uncommitted live changes as head
    commits: List["Commit"] = field(default_factory=list)
    branches: List["Branch"] = field(default_factory=list)
    diff: List["DiffEntry"] = field(default_factory=list)
    hazard_kinds: Dict[str, Tuple[str, int, str]] = field(default_factory=dict)
    #: the hazard severity that fails the gate (--pggit-fail-on-hazard, or the lint
    #: threshold hazards stand in for: :func:`hazard_threshold`) and why, when not given
    fail_on_hazard: str = ""
    fail_on_hazard_why: str = ""
    alerts: List["Alert"] = field(default_factory=list)
    integrity: List["IntegrityCheck"] = field(default_factory=list)
    migration: Optional["MigrationCheck"] = None
    drift: Optional["Drift"] = None
    checks: List[Check] = field(default_factory=list)
    error: Optional[str] = None
    seconds: float = 0.0
    #: why the base is what it is: "--pggit-base", "the step before the newest, <tag>", ...
    base_reason: str = ""
    #: why the default base is not K4's git base, when that could not be built
    base_note: str = ""
    #: ``(tag, n)``: the git base's steps are the head's first ``n``, unchanged (Y6)
    prefix_base: Optional[Tuple[str, int]] = None
    #: databases the gate made and drops (the clone holding a git base)
    scratch: List[Any] = field(default_factory=list)
    #: the git ref of committed steps edited since, and their tags (K4's base; R17)
    edited: Tuple[Optional[str], List[str]] = (None, [])
    #: why the base of those edits (K4's) could not be built, when it could not (BB6)
    edit_unbuilt: Optional[str] = None
    #: the DDL log since the base (None: the layer records no provenance)
    provenance: Optional["Provenance"] = None
    #: path -> the newest log entry that changed it
    sources: Dict[str, "LogEntry"] = field(default_factory=dict)
    #: path -> its hazards accepted by an allow
    accepted: Dict[str, List["Acceptance"]] = field(default_factory=dict)
    lint: Optional["LintResult"] = None
    #: what report.publish wrote (shown by a quiet terminal section too)
    outputs: List[str] = field(default_factory=list)

    @property
    def failed(self) -> List[Check]:
        return [c for c in self.checks if c.failed]

    @property
    def passed(self) -> bool:
        return not self.failed

    def path_severity(self, entry: "DiffEntry") -> str:
        """The most severe hazard severity of a diff entry ('none' without hazards)."""
        best = "none"
        for h in entry.hazards or ():
            sev = self.hazard_kinds.get(h, ("high", 0, ""))[0]
            if hazard_rank(sev) > hazard_rank(best):
                best = sev
        return best

    @property
    def hazardous(self) -> List["DiffEntry"]:
        return [e for e in self.diff if e.hazards]

    def verdict(self) -> str:
        if self.error and not self.checks:
            return "ERROR"
        return "PASSED" if self.passed else "FAILED"


def run_gate(run: Any, options: GateOptions) -> GateResult:
    """Run every check against the run's template database; never raises."""
    t0 = time.perf_counter()
    result = GateResult(options=options)
    try:
        try:
            _run(run, options, result)
        finally:
            _drop_scratch(run, result)
    except PggitError as exc:
        result.error = str(exc)
        result.checks.append(Check("gate", "gate", True, "ERROR", f"the gate could not run: {exc}"))
    except Exception as exc:  # a bug or a server problem: the gate must say so, not pass
        result.error = f"{type(exc).__name__}: {exc}"
        result.checks.append(Check("gate", "gate", True, "ERROR",
                                   f"the gate could not run: {result.error}"))
    _locate(run, result)
    result.seconds = time.perf_counter() - t0
    return result


def _step_files(run: Any) -> Dict[str, str]:
    """Each step's tag -> the file that defines it (relative to rootdir where possible)."""
    return {s.tag: str(s.source) for s in _steps(run) if getattr(s, "source", None)}


def _locate(run: Any, result: GateResult) -> None:
    """Give every check named for a step (``updown``, ``data``, ``history``, ``squash``,
    ``routed`` cases) the step's file, for JUnit ``file`` and annotations (Q7)."""
    try:
        files = _step_files(run)
    except Exception:   # pragma: no cover - a hook's odd step objects: no files, no harm
        return
    for c in result.checks:
        if c.file is None and c.name in files:
            c.file = files[c.name]


#: what to do about a failing hazard, beside accepting it (the layer's description
#: says it for the others)
HAZARD_ADVICE = {
    "data_deletion": "when the values are still wanted, keep them: stop using the column or table "
                     "in one release and drop it in a later one",
    "table_rewrite": "run it when the table may be locked for the rewrite, or change in steps: add a "
                     "new column, backfill it in batches, switch, drop the old one",
    "correctness_risk": "check the data converts as intended (USING), or change in steps",
    "access_exclusive_lock": "set a lock_timeout and retry, or run it at a quiet time",
    "share_lock": "build the index CONCURRENTLY (outside a transaction)",
    "index_dropped": "check no query still relies on the index",
}


def accept_hint(kind: str, tool: Optional[str], file: Optional[str], line: Optional[int],
                path: str) -> str:
    """How to accept hazard or rule ``kind`` where the change was made."""
    if tool in ("alembic", "django"):
        where = f" in {file}" if file else ""
        return f'pggit_allow = {{"{kind}": "<why>"}} at the top level of the migration{where}'
    if file and line:
        return f"-- pggit: allow {kind} -- <why>  on the statement at {file}:{line}"
    # (a glob of this path alone, quoted for a shell: a table named * or a quote in a name
    # must not make the pasted hint accept every table or run a command, the review's W9)
    import shlex

    glob = re.sub(r"([*?\[])", r"[\1]", path)
    quoted = shlex.quote(f"{glob}:{kind}")
    return "--pggit-allow " + (quoted if quoted.startswith("'") else f"'{quoted}'")


def hazard_hint(kinds: Sequence[str], descriptions: Dict[str, Tuple[str, int, str]],
                tool: Optional[str], file: Optional[str], line: Optional[int], path: str) -> str:
    """The hint of a failing hazard case: what to do, and how to accept it when intended."""
    first = kinds[0]
    advice = HAZARD_ADVICE.get(first)
    if advice is None:
        text = descriptions.get(first, ("", 0, ""))[2]
        advice = text.split(". ", 1)[1] if ". " in text else ""
    accept = accept_hint(first, tool, file, line, path)
    return (f"hint: {advice[0].lower() + advice[1:]}; " if advice else "hint: ") + \
        f"when intended, accept it: {accept}"


def _timed(fn: Any) -> Tuple[Any, float]:
    t = time.perf_counter()
    value = fn()
    return value, time.perf_counter() - t


def _run(run: Any, options: GateOptions, result: GateResult) -> None:
    if run.startup_error is not None:
        raise run.startup_error
    server = run.get_server()
    db = run.template()
    result.database = db.name
    git = None
    git_ref = str(options.base)[len("git:"):] if is_git_ref(options.base) else None
    edit_ref, changed, uncommitted = _edited_steps(run) if options.base is None else (None, [], False)
    if git_ref is not None:   # (steps the base ref ran, edited since: history cases too, Y11)
        result.edited = (git_ref, _edited_since(run, git_ref))
    if git_ref is not None and not changed and not result.edited[1]:
        # the ref's steps the head's first ones, unchanged: when the base rebuilt from
        # them differs from the head's own commit of the last of them, that commit is
        # the base (Y6, :func:`_prefix_instead`)
        from .gitbase import prefix_base

        result.prefix_base = prefix_base(run, git_ref)
    what = "uncommitted edit" if uncommitted else "committed edit"
    if changed:   # (H10, H12, K4) a committed step edited: its committed version is the base
        git_ref = edit_ref
        result.edited = (edit_ref, list(changed))
    if changed and edit_ref != "HEAD":
        # (K4's base, chosen by the plugin: one that cannot be built leaves the default)
        try:
            git = build_git_base(run, str(edit_ref))
        except PggitError as exc:
            result.base_note = (f"; the {what} of {', '.join(changed[:3])} was not judged from git "
                                f"{str(edit_ref)[:12]}: {str(exc).splitlines()[0]}")
            # (a judgement the gate could not make fails it, as other checks that cannot run: Q5)
            result.checks.append(Check(
                "gate", f"{what}s", True, "NOT JUDGED",
                f"the {what} of {', '.join(changed[:3])}" + (
                    f" and {len(changed) - 3} more" if len(changed) > 3 else "")
                + f" could not be judged: the base at git {str(edit_ref)[:12]} (its committed version) "
                  f"could not be built: {str(exc).splitlines()[0]}",
                "databases that ran the committed version never run the edit; the gate judged the "
                "steps from the default base instead.\nhint: fix the reason above (a shallow clone: "
                "fetch with fetch-depth: 0), or choose the base yourself: --pggit-base "
                "git:<ref of the deployed schema> (or a step tag)", file=_step_files(run).get(changed[0])))
            result.edit_unbuilt = (f"the base at git {str(edit_ref)[:12]} could not be built: "
                                   f"{str(exc).splitlines()[0]}")
            git_ref, changed = None, []
    if git_ref is not None and git is None:
        git = build_git_base(run, git_ref)
        if not changed and result.prefix_base is not None and not _head_reproduced(git):
            # the ref's steps are the head's first ones, unchanged, but going back from the
            # base's branch did not give the head's schema (a column renamed over a dropped
            # one came back as another column, the base..head migration dropped it, "DATA
            # LOSS", added it again and failed: Y6): judged from the head's own commit of
            # the last of them, in the template
            import dataclasses

            run.drop_clone(git.database)
            tag, n = result.prefix_base
            result.base_note = (f" git:{git_ref} (its {n} step(s) are the head's first {n}, unchanged: judged "
                                f"from the head's own commit of {tag}; the base rebuilt apart did not give the "
                                "head's schema back)")
            git, git_ref = None, None
            options = dataclasses.replace(options, base=tag)
    if git_ref is not None and git is not None:   # the base built from a git ref, in a clone of the template
        if changed:
            # (a new step sharing an edited step's file is new, not edited: not named)
            changed = [t for t in changed if t in set(git.steps)] or changed
            since = ("since git HEAD" if edit_ref == "HEAD"
                     else f"since git HEAD, judged from git {str(edit_ref)[:12]} (before the newer "
                          "committed step(s), which are judged too)" if uncommitted
                     else f"by git commit {str(edit_ref)[:12]} or later (committed edits of the steps)")
            git.notes.append(f"the default base, as {', '.join(changed[:3])}"
                             + (f" and {len(changed) - 3} more" if len(changed) > 3 else "")
                             + f" changed {since} ("
                             + ("a committed migration edited: databases that ran it keep its "
                                "committed version" if _runs_once(run, changed)
                                else "a schema file edited in place: judged as a change to it")
                             + ")")
        result.scratch.append(git.database)
        result.database = f"{db.name} (the gate ran on {git.database.name}, a clone holding the git base)"
        result.head_committed = git.head_committed
        db = git.database
    result.server = f"{server.backend} backend, PostgreSQL {server.version} at {server.host}:{server.port}"
    # The up/down walk (the steps' own downgrades, in a clone of the template) runs in this
    # thread while the SQL checks run in a worker thread on their own connection: the two
    # wait on the server, not on each other.  The clone is made first: cloning needs the
    # template idle.  The walk starts once the worker has resolved the base.
    import threading
    from concurrent.futures import Future

    from .updown import run_updown, wants_updown

    clone = None
    updown: List[Check] = []
    if wants_updown(run):
        try:
            clone = run.clone()
        except PggitError as exc:   # the other checks still run
            updown.append(Check("updown", "updown", True, "ERROR", f"the up/down check could not run: {exc}"))
    base_ready: "Future[Tuple[set, Optional[set]]]" = Future()
    failure: List[BaseException] = []

    def sql_checks() -> None:
        try:
            _sql_checks(run, options, result, db, git, base_ready)
        except BaseException as exc:   # re-raised in the calling thread below
            failure.append(exc)
            if not base_ready.done():
                base_ready.set_exception(exc)

    worker = threading.Thread(target=sql_checks, name="pggit-gate-sql", daemon=True)
    base_history: Optional[set] = None
    worker.start()
    try:
        try:
            base_history, head_history = base_ready.result()
        except BaseException:
            if clone is not None:
                run.drop_clone(clone)
        else:
            result.checks.extend(_routed_checks(run, base_history, git.steps if git is not None else ()))
            result.checks.extend(_unloaded_checks(run))
            result.checks.extend(_history_checks(run, base_history, git.steps if git is not None else (),
                                                 positional=options.base is None and git is None))
            # -- each step's downgrade since the base undoes its upgrade
            if clone is not None:
                updown = run_updown(run, options, base_history, git.steps if git is not None else (),
                                    clone=clone, head_history=head_history)
    finally:
        worker.join()
    if failure:
        raise failure[0]
    result.checks.extend(updown)
    # -- the rows each step since the base deletes or overwrites (needs the diff and the
    # DDL log the SQL checks read)
    if base_history is not None:
        result.checks.extend(_data_checks(run, options, result, base_history,
                                          git.steps if git is not None else (), head_history))
    # -- committed tool migrations edited so that they change the schema (Q1)
    result.checks.extend(_edited_checks(run, result, git.steps if git is not None else None))
    # -- squashed migrations since the base: clones of the template, made once the SQL
    # checks' connection to it is gone (cloning needs it idle)
    if base_history is not None:
        result.checks.extend(_squash_checks(run, base_history, git.steps if git is not None else (),
                                            options.strict_column_order))
    # -- checks of plugins (pytest_pggit_gate_checks), e.g. the Alembic provider's single head
    for checks in run.config.hook.pytest_pggit_gate_checks(config=run.config):
        result.checks.extend(checks or ())


def hazard_threshold(options: GateOptions) -> Tuple[str, str]:
    """The hazard severity that fails the gate, and why when it is not the option's.

    Lint (squawk) fails the default gate on findings at ``--pggit-fail-on-lint`` (high), a
    column rename among them; the hazards fail at data-loss, since lint covers the rest.
    Without squawk (not installed, lint not asked for either way) and without an explicit
    ``--pggit-fail-on-hazard``, the hazards stand in for lint at its threshold, so the
    verdict does not weaken because an optional tool is missing (H2: a RENAME COLUMN
    passed the default gate of a machine without squawk)."""
    from .lint import find_squawk

    level = options.fail_on_hazard
    if options.fail_on_hazard_given or options.lint is not None:
        return level, ""
    stand_in = {"all": "low"}.get(options.fail_on_lint, options.fail_on_lint)
    if stand_in in ("none", level) or hazard_rank(stand_in) >= hazard_rank(level):
        return level, ""
    if find_squawk() is not None:
        return level, ""
    return stand_in, (f"squawk is not installed: the hazards of what its lint fails at --pggit-fail-on-lint "
                      f"{options.fail_on_lint} stand in for it ({', '.join(sorted(STAND_IN))}; "
                      f"{INSTALL_HINT.split(',')[0]}, or --pggit-fail-on-hazard {level} to fail at {level} only)")


#: The hazards whose statements squawk's lint fails at its default threshold (high):
#: renames (renaming-column, renaming-table), rewriting type changes (changing-column-type),
#: a required column added (adding-required-field).  Without squawk these alone fail at
#: that threshold; adding a constraint, which lint rates low or medium, does not (H2).
STAND_IN = frozenset({"breaks_clients", "table_rewrite", "fails_with_rows"})


def _squash_checks(run: Any, base_history: Any, base_tags: Any,
                   strict_column_order: bool = False) -> List[Check]:
    """``squash``: each squashed migration since the base (a step with
    :attr:`~pytest_pggit.steps.Step.replaced`) makes the schema the migrations it
    replaces make.  Databases migrated before the squash existed ran those instead; a
    squash edited by hand (a column left out) passed the gate, which saw it create its
    app from nothing (H6).  In a clone: the commit before the squash checked out, the
    replaced migrations run and committed, the result compared with the squash's commit;
    any path that differs fails the case."""
    from .repo import Repo
    from .template import apply_steps
    from .untrusted import replaying
    from .updown import in_base

    out: List[Check] = []
    for a in getattr(run, "steps", None) or ():
        replaced = getattr(a.step, "replaced", ())
        if not replaced or in_base(a, base_history, base_tags):
            continue
        t0 = time.perf_counter()
        try:
            clone = run.clone()
        except PggitError as exc:
            out.append(Check("squash", a.tag, True, "ERROR", f"the squash check could not run: {exc}"))
            continue
        rebuilt = ""
        try:
            with clone.connect(autocommit=True) as conn:
                repo = Repo(conn)
                parent = repo.resolve(f"{a.sha}~1")
                repo.branch("pytest-pggit/squash-check", f"the migrations {a.tag} replaces",
                            checkout=False, from_ref=parent)
                with replaying(clone, repo) as r:   # (--pggit-untrusted: S13)
                    r.checkout("pytest-pggit/squash-check", apply=True, force=True)
                apply_steps(conn, clone, list(replaced), tag=False, prefix="squash check: ")
                lines = [f"{e.change} {e.path}" for e in repo.diff(repo.head(), a.sha)]
        except PggitError as exc:
            # the clone holds the rows every later step wrote (a data migration's fixed
            # rows, inserted again by the replaced one: a duplicate key, M4): once more on
            # databases built up to the step before the squash
            try:
                lines = _squash_on_prefix(run, a, replaced)
                rebuilt = " (on databases rebuilt up to the step before it: the rows later steps wrote got in the way)"
            except PggitError as again:
                out.append(Check("squash", a.tag, True, "ERROR",
                                 f"the squash check could not run its {len(replaced)} replaced migration(s): {again}",
                                 details=f"first, on the template's rows: {exc}",
                                 seconds=time.perf_counter() - t0))
                continue
        finally:
            run.drop_clone(clone)
        names = f"{len(replaced)} migration(s) it replaces ({replaced[0].tag} ... {replaced[-1].tag})"
        # a column order difference alone is a note, as for the up/down check (M17:
        # wagtailimages' own squash creates a table with its columns in another order)
        order = [line for line in lines if line.endswith("/columns")]
        if order and not strict_column_order:
            lines = [line for line in lines if not line.endswith("/columns")]
            rebuilt += ("; note: column order differs on " + ", ".join(
                line.split(" ", 1)[1][:-len("/columns")] for line in order)
                + " (--pggit-strict-column-order fails on it)")
        if not lines:
            out.append(Check("squash", a.tag, False, "OK", f"the same schema as the {names}{rebuilt}",
                             seconds=time.perf_counter() - t0))
            continue
        out.append(Check(
            "squash", a.tag, True, "FAILED",
            f"the squash makes another schema than the {names}: {len(lines)} path(s) differ "
            f"({'; '.join(lines[:5])}{'; ...' if len(lines) > 5 else ''})",
            details="\n".join(["old: after the replaced migrations, new: after the squash"] + lines)
                    + "\nhint: databases migrated before the squash keep the replaced migrations' "
                      "schema: make the squash's operations match them",
            seconds=time.perf_counter() - t0))
    return out


def _squash_on_prefix(run: Any, squash: Any, replaced: Sequence[Any]) -> List[str]:
    """The squash check on databases holding exactly what the steps before the squash
    made, rows included: one is built (schema files, then the steps before it), cloned,
    the replaced migrations run on the one and the squash on the other; the two diffs
    from that commit are compared.  Returns the lines of what differs (``CHANGE path``)."""
    from .repo import Repo
    from .janitor import DatabaseJanitor
    from .template import apply_steps, build_template

    steps = list(getattr(run, "steps", None) or ())
    at = next(i for i, x in enumerate(steps) if x.tag == squash.tag)
    before = [x.step for x in steps[:at] if x.step.tool != "sql"]
    server = run.get_server()
    built = build_template(server, run.next_database_name(), run.cfg.sql_dir, run.cfg.schema, run.rootdir,
                           layer_template=run._layer_source(server), no_owner=run.cfg.no_owner,
                           steps=before, lock_timeout=run.cfg.lock_timeout, admin=run.admin())
    other = None
    try:
        other = DatabaseJanitor(server, run.next_database_name(), template=built.database.name,
                                lock_timeout=run.cfg.lock_timeout)
        second = other.create(conn=run.admin())
        diffs = []
        for db, todo in ((built.database, list(replaced)), (second, [squash.step])):
            with db.connect(autocommit=True) as conn:
                repo = Repo(conn)
                start = repo.head()
                apply_steps(conn, db, todo, tag=False, prefix="squash check: ")
                diffs.append({(e.change, e.path, e.new_definition) for e in repo.diff(start, repo.head())})
    finally:
        if other is not None:
            other.drop()
        built.janitor.drop()
    # old: after the replaced migrations, new: after the squash
    old = {path for _, path, _ in diffs[0]}
    new = {path for _, path, _ in diffs[1]}
    differ = sorted({path for _, path, _ in diffs[0] ^ diffs[1]})
    return [("MODIFIED" if path in old and path in new else "REMOVED" if path in old else "ADDED") + " " + path
            for path in differ]


def _history_checks(run: Any, base_history: Any, base_tags: Any, positional: bool = False) -> List[Check]:
    """``history``: no step deployed databases already ran comes after a new one by its
    tool's graph (:attr:`~pytest_pggit.steps.Step.after`).  A Django migration with
    ``run_before`` an old one (or an old one edited to depend on a new one) makes
    ``migrate`` refuse every such database (InconsistentMigrationHistory); an Alembic
    revision inserted below the deployed head is never run there (M12, M13): the
    template, built from nothing, showed neither.  Deployed: the base's steps, and the
    steps git says are older than the newest, when the base is the default one (the step
    before the oldest newest: committed migrations that follow a new one in the plan are
    re-judged, but deployed databases ran them)."""
    from .updown import in_base

    steps = list(getattr(run, "steps", None) or ())
    checks = _removed_steps(run, steps)
    if not any(getattr(a.step, "after", ()) for a in steps):
        return checks
    since = {a.tag for a in steps if not in_base(a, base_history, base_tags)}
    new = since
    if positional:
        new_at = _newest_steps(steps, getattr(run, "rootdir", None))
        newest = {steps[i].tag for i in new_at} if new_at is not None else ({steps[-1].tag} if steps else set())
        new = since & newest or since
    # (a squash, or a migration renamed with ``replaces``: databases that ran what it
    # replaces count it as run, and the old ones after it wait for it no more, R19)
    old = [a for a in steps if a.tag not in new]
    new = {t for t in new if not getattr(next(a for a in steps if a.tag == t).step, "replaces", ())}
    # the old steps that come after a new one through steps that are not new: walked
    # from each new step along reverse edges (linear per new step; from every old step
    # it was quadratic in the history's length)
    before: Dict[str, List[str]] = {}
    for a in steps:
        for t in getattr(a.step, "after", ()):
            before.setdefault(t, []).append(a.tag)
    position = {a.tag: i for i, a in enumerate(steps)}
    olds_at = {a.tag for a in old}
    out: Dict[str, List[str]] = {}
    for tag in new:
        seen, todo, found = {tag}, list(before.get(tag, ())), set()
        while todo:
            t = todo.pop()
            if t in seen or t in new:
                continue
            seen.add(t)
            if t in olds_at:
                found.add(t)
            todo.extend(before.get(t, ()))
        if found:
            out[tag] = sorted(found, key=position.__getitem__)
    for tag in [a.tag for a in steps if a.tag in new]:
        if tag not in out:
            continue
        olds = out[tag]
        consequence = {"django": "`manage.py migrate` refuses them (InconsistentMigrationHistory)",
                       "alembic": f"`alembic upgrade head` never runs {tag} there",
                       "sql": f"golang-migrate runs only versions above theirs: {tag} never runs there"}.get(
            tag.split("/", 1)[0], f"{tag} never runs there")
        checks.append(Check(
            "history", tag, True, "FAILED",
            f"{', '.join(olds[:3])}{f' and {len(olds) - 3} more' if len(olds) > 3 else ''} "
            f"{'come' if len(olds) > 1 else 'comes'} after {tag} now, but databases migrated before it have "
            f"applied {'them' if len(olds) > 1 else 'it'} already: {consequence}",
            details="hint: make the new step come after the deployed ones (Django: depend on the app's latest "
                    "migration, no run_before of an applied one; Alembic: down_revision = the current head; "
                    "a numbered file or version: number it above the deployed ones)"))
    return checks


def _removed_steps(run: Any, steps: List[Any]) -> List[Check]:
    """``history`` cases of Django migrations git had and that are gone (deleted or renamed
    in the work tree or the current line of work) that no migration ``replaces``: every
    database that ran one keeps it recorded and runs the renamed one again, which fails
    ("relation ... already exists", M18)."""
    from pathlib import Path

    from .freshness import removed_files

    rootdir = getattr(run, "rootdir", None)
    if rootdir is None:
        return []
    out = _removed_revisions(run, steps, Path(rootdir))
    apps: Dict[Path, str] = {}
    for a in steps:
        source = getattr(a.step, "source", None)
        if a.step.tool == "django" and source and a.tag.count("/") == 2:
            apps[(Path(rootdir) / source).resolve().parent] = a.tag.split("/")[1]
    if not apps:
        return out
    tags = {a.tag for a in steps}
    standing = {t for a in steps for t in getattr(a.step, "replaces", ())}
    squashed: Optional[Dict[str, str]] = None
    for path in removed_files(sorted(apps), Path(rootdir)):
        app = apps.get(path.parent)
        if app is None or path.suffix != ".py" or path.name == "__init__.py":
            continue
        tag = f"django/{app}/{path.stem}"
        if tag in tags or tag in standing:
            continue
        if squashed is None:
            squashed = _committed_replaces(steps, Path(rootdir))
        if tag in squashed:   # (U13: Django's squash, second stage)
            out.append(Check(
                "history", tag, False, "OK",
                f"{tag} is gone, replaced by {squashed[tag]}, whose committed version says so: databases "
                "that migrated with that squash have it recorded (a database older than the squash runs "
                "the squash again)"))
            continue
        copy = _renamed_to(path, Path(rootdir))
        if copy is not None:   # (Y8: "deleted or renamed" said both, whichever it was)
            new_tag = f"django/{app}/{copy.stem}"
            message = (f"{tag} was renamed to {new_tag} and no migration replaces it: databases that ran it "
                       f"keep it recorded under its old name, and `manage.py migrate` runs {new_tag} there "
                       "again (what it makes exists there already: it fails)")
            hint = (f"hint: keep the old name, or say replaces = [(\"{app}\", \"{path.stem}\")] in the renamed "
                    "migration; one that ran nowhere yet needs nothing (then say so with --pggit-base)")
        else:
            message = (f"{tag} was deleted and no migration replaces it: databases that ran it keep what it "
                       "made (and its record), new databases do not get it: the two drift apart")
            hint = ("hint: to undo a released migration, keep it and add a new one that reverses it; one that "
                    "ran nowhere yet needs nothing (then say so with --pggit-base)")
        out.append(Check("history", tag, True, "FAILED", message, details=hint))
    return out


def _renamed_to(path: "Path", rootdir: "Path") -> "Optional[Path]":
    """The file of ``path``'s folder that holds what ``path`` (a file gone from the work
    tree) held as last committed, whitespace aside: its renamed copy; else None."""
    from .freshness import deleted_text

    text = deleted_text(path, rootdir)
    if not text or not path.parent.is_dir():
        return None
    flat = " ".join(text.split())
    for other in sorted(path.parent.glob("*.py")):
        try:
            if other != path and " ".join(other.read_text().split()) == flat:
                return other
        except (OSError, UnicodeDecodeError):
            continue
    return None


def _committed_replaces(steps: List[Any], rootdir: "Path") -> Dict[str, str]:
    """Tag of a migration -> the tag of the present Django migration whose committed
    version ``replaces`` it (git HEAD's, else before the newest commit touching its file):
    the second stage of a squash removes the replaced files and the ``replaces`` list."""
    from .freshness import _git, committed_text

    out: Dict[str, str] = {}
    for a in steps:
        source = getattr(a.step, "source", None)
        if a.step.tool != "django" or not source:
            continue
        path = rootdir / source
        texts = [committed_text(path, rootdir, "HEAD") or ""]
        sha = (_git(rootdir, "log", "-n", "1", "--format=%H", "--", str(path)) or "").strip()
        if sha:
            texts.append(committed_text(path, rootdir, f"{sha}~1") or "")
        for text in texts:
            m = re.search(r"^\s*replaces\s*=\s*\[(.*?)\]", text, re.M | re.S)
            for app, name in re.findall(r"""\(\s*['"](\w+)['"]\s*,\s*['"](\w+)['"]\s*\)""",
                                        m.group(1) if m else ""):
                out.setdefault(f"django/{app}/{name}", a.tag)
    return out


_REVISION_ID = re.compile(r"""^revision\s*(?::[^=\n]+)?=\s*['"]([^'"]+)['"]""", re.M)
_DOWN_REVISION = re.compile(r"""^down_revision\s*(?::[^=\n]+)?=(.*)$""", re.M)


def _removed_revisions(run: Any, steps: List[Any], rootdir: "Path") -> List[Check]:
    """``history`` cases of Alembic head revisions git had whose ids no revision has now
    (their files deleted: a squash into a new base revision under a new id): every
    database at that head fails ``alembic upgrade`` ("Can't locate revision identified
    by ...", U14).  A squash that keeps the head's id is how it is done: no case."""
    from .freshness import deleted_text, removed_files

    folders = sorted({(rootdir / a.step.source).resolve().parent for a in steps
                      if a.step.tool == "alembic" and getattr(a.step, "source", None)})
    if not folders:
        return []
    ids = {a.tag.split("/", 1)[1] for a in steps if a.step.tool == "alembic"}
    gone: Dict[str, str] = {}        # removed revision id -> its file
    parents: Set[str] = set()        # ids some removed or present revision comes after
    for a in steps:
        parents.update(t.split("/", 1)[1] for t in getattr(a.step, "after", ()) if t.startswith("alembic/"))
    for path in removed_files(folders, rootdir):
        text = deleted_text(path, rootdir) or "" if path.suffix == ".py" else ""
        m = _REVISION_ID.search(text)
        if m is None:
            continue
        down = _DOWN_REVISION.search(text)
        parents.update(re.findall(r"""['"]([^'"]+)['"]""", down.group(1)) if down else ())
        if m.group(1) not in ids:
            root = rootdir.resolve()
            gone[m.group(1)] = path.relative_to(root).as_posix() if root in path.parents else path.name
    if gone:   # the present files' committed parents too (a squash kept r2's id over r2's file)
        from .freshness import committed_text

        for a in steps:
            if a.step.tool == "alembic" and getattr(a.step, "source", None):
                down = _DOWN_REVISION.search(committed_text(rootdir / a.step.source, rootdir, "HEAD") or "")
                parents.update(re.findall(r"""['"]([^'"]+)['"]""", down.group(1)) if down else ())
    out = []
    for rev, file in sorted(gone.items()):
        if rev in parents:   # (not a head: no database stops there unless stamped by hand)
            continue
        out.append(Check(
            "history", f"alembic/{rev}", True, "FAILED",
            f"alembic/{rev} ({file}) is gone and no revision has its id now: databases at that head "
            f"fail `alembic upgrade` (\"Can't locate revision identified by '{rev}'\")",
            details=f"hint: a squash keeps the id of the head it replaces (revision = {rev!r} in the new "
                    "file); or stamp those databases first (alembic stamp --purge <new head>); a revision "
                    "that ran nowhere yet needs nothing (then say so with --pggit-base)"))
    return out


def _routed_checks(run: Any, base_history: Any, base_tags: Any) -> List[Check]:
    """``routed``: each step since the base that changes nothing here because it changes
    another database (:attr:`~pytest_pggit.steps.Step.elsewhere`, a Django router): the
    gate cannot judge it in this template.  Failed unless the run chose the database it
    stands for (``--pggit-django-database``: the user gates each database in a run of
    its own, and this step in the other one)."""
    from .updown import in_base

    chosen = getattr(run.cfg, "django_database", None)
    out: List[Check] = []
    for a in getattr(run, "steps", None) or ():
        why = getattr(a.step, "elsewhere", None)
        if not why or in_base(a, base_history, base_tags):
            continue
        if chosen:
            out.append(Check("routed", a.tag, False, "ELSEWHERE",
                             f"{why}: judged by the gate run for that database"))
        else:
            out.append(Check("routed", a.tag, True, "NOT JUDGED",
                             f"{why}: the gate cannot see what it changes",
                             details="hint: run the gate for that database too, e.g. "
                                     "--pggit-django-database <alias> (and this run with "
                                     "--pggit-django-database default to say the split is known)"))
    return out


def _data_checks(run: Any, options: GateOptions, result: GateResult, base_history: Any,
                 base_tags: Any, head_history: Any = None) -> List[Check]:
    """``data``: the rows each step since the base deletes or changes, as far as the gate
    can read them without running it (:mod:`.datachanges`): emptying a table fails at
    the hazard threshold unless accepted (M1)."""
    from pathlib import Path

    from . import allow
    from .datachanges import data_checks
    from .updown import in_base

    since = [a for a in getattr(run, "steps", None) or () if not in_base(a, base_history, base_tags)
             and (head_history is None or a.sha in head_history)]   # (not after --pggit-head, R20)
    # a committed step edited since (K4's git base holds its committed version): what the
    # edit adds is judged too (R17), against the text of the committed file
    ref, tags = result.edited
    rootdir = getattr(run, "rootdir", None)
    before: Dict[str, str] = {}
    if ref is not None and tags and rootdir is not None:
        from .freshness import committed_text

        for a in getattr(run, "steps", None) or ():
            source = getattr(a.step, "source", None)
            if a.tag in tags and a not in since and source and (head_history is None or a.sha in head_history):
                text = committed_text(Path(rootdir) / source, Path(rootdir), ref)
                if text is not None:
                    before[a.tag] = text
                    since.append(a)
    if not since:
        return []
    allowances = allow.build(options.allow, "--pggit-allow", _steps(run))
    for a in since:
        source = getattr(a.step, "source", None)
        if a.step.tool == "sql" and source:
            path = Path(source) if Path(source).is_absolute() else Path(rootdir or ".") / source
            if path.is_file():
                try:
                    allowances.add_file(source, allow.file_directives(path, source))
                except (OSError, UnicodeDecodeError):
                    pass
    # each step's captured DDL (a schema editor's ALTER ... TYPE ... USING), and the
    # columns added since the base (an UPDATE filling one is a backfill)
    by_file = {str(getattr(a.step, "source", "")): a.tag for a in since if a.step.tool == "sql"}
    captured: Dict[str, List[Tuple[str, str]]] = {}
    for e in (result.provenance.entries if result.provenance is not None else ()):
        fl = e.file_line
        tag = by_file.get(fl[0]) if fl is not None else (e.source or "").split("\n", 1)[0]
        item = (e.source if fl is not None else tag, e.statement or "")
        if tag and e.statement and item not in captured.setdefault(tag, []):
            captured[tag].append(item)
    added = {(p[2], p[4]) for p in (e.path.split("/") for e in result.diff if e.change == "ADDED")
             if len(p) == 5 and p[1] == "table" and p[3] == "column"}
    return data_checks(since, hazard_threshold(options)[0], allowances, captured, added,
                       _base_tables(run, result), before, _known_code(run),
                       [a for a in getattr(run, "steps", None) or () if in_base(a, base_history, base_tags)])


def _known_code(run: Any) -> Any:
    """The routines and triggers of the template's catalog (the head's schema), for the
    data check (BB2, S10); None when they cannot be read."""
    from .datachanges import known_in_catalog

    try:
        with run.template().connect(autocommit=True) as conn:
            return known_in_catalog(conn)
    except Exception:   # (the check reads the steps' own code alone then)
        return None


def _runs_once(run: Any, tags: List[str]) -> bool:
    """Whether any of the steps ``tags`` runs once (a migration, not a declarative file)."""
    from .steps import runs_once

    return any(runs_once(a.step) for a in getattr(run, "steps", None) or () if a.tag in tags)


def _edited_checks(run: Any, result: GateResult, base_tags: Optional[Any] = None) -> List[Check]:
    """``history`` cases of committed migrations edited since (K4's base holds their
    committed version) whose edit changes the schema: databases that ran a migration
    never run it again, so what the edit adds or changes never reaches them (Q1: an edit
    adding a column passed, and the report even named the edit).  Migrations: the steps
    that run once (:func:`~pytest_pggit.steps.runs_once`: Django's, Alembic's, a hook's,
    golang-migrate's up files, U10).  A plain SQL file edited in place is how a
    declarative schema file changes: judged as any change, not here.  Only steps the
    base (``base_tags``, the git base's) has: a new step whose file an old one shares (a
    hook's steps defined in one module) is new, not edited."""
    from .steps import runs_once

    _ref, tags = result.edited
    once = {a.tag for a in getattr(run, "steps", None) or () if runs_once(a.step)}
    edited = {t for t in tags if t in once and (base_tags is None or t in set(base_tags))}
    if not edited:
        return []
    if result.edit_unbuilt is not None:
        # (BB6: judged from the default base, the whole step's paths, released edits of its
        # file long ago among them, were blamed on this edit: what it changes is not known)
        return [Check("history", tag, True, "NOT JUDGED",
                      f"{tag} was edited after it was committed; what the edit changes could not be told: "
                      f"{result.edit_unbuilt}",
                      details="hint: databases that ran the committed version never run the edit: revert it and "
                              "make the change in a new migration; or choose the base yourself: --pggit-base "
                              "git:<ref of the deployed schema>", file=_step_files(run).get(tag))
                for tag in sorted(edited)]
    made: Dict[str, List[str]] = {}
    # (a schema file's statements name their file:line, not the step's tag)
    files = {str(a.step.source): a.tag for a in getattr(run, "steps", None) or ()
             if a.tag in edited and a.step.tool == "sql" and a.step.source}
    for path, entry in result.sources.items():
        tag = (entry.source or "").split("\n", 1)[0]
        tag = tag if tag in edited else files.get(tag.rsplit(":", 1)[0], "")
        if tag in edited:
            made.setdefault(tag, []).append(path)
    out = []
    for tag in sorted(made):
        paths = sorted(made[tag])
        tool = {"django": "`manage.py migrate`", "alembic": "`alembic upgrade`",
                "sql": "golang-migrate's `migrate up`"}.get(tag.split("/", 1)[0], "its migration tool")
        out.append(Check(
            "history", tag, True, "FAILED",
            f"{tag} was edited after it was committed, and the edit changes the schema ({len(paths)} path(s): "
            f"{', '.join(paths[:3])}{', ...' if len(paths) > 3 else ''}): databases that ran it keep its "
            f"committed version, since {tool} never runs an applied migration again",
            details="hint: revert the edit and make the change in a new migration"))
    return out


def _base_tables(run: Any, result: GateResult) -> Optional[Set[str]]:
    """The names of the tables the base has: head's (the template's catalog) less those
    added since the base, plus those removed since; None when they cannot be read."""
    paths = [e.path.split("/") for e in result.diff]
    added = {p[2] for p, e in zip(paths, result.diff) if len(p) == 3 and p[1] == "table" and e.change == "ADDED"}
    removed = {p[2] for p, e in zip(paths, result.diff) if len(p) == 3 and p[1] == "table" and e.change == "REMOVED"}
    try:
        with run.template().connect(autocommit=True) as conn:
            names = {r[0] for r in conn.execute(
                "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                "WHERE c.relkind IN ('r', 'p', 'f') AND n.nspname NOT IN ('pg_catalog', 'information_schema', "
                "'pggit_v0') AND n.nspname NOT LIKE 'pg\\_%'")}
    except Exception:   # (the check judges every table as the base's then)
        return None
    return (names - added) | removed


def _sql_checks(run: Any, options: GateOptions, result: GateResult, db: Any, git: Any,
                base_ready: Any) -> None:
    """Every check but up/down and the plugins': one transaction on ``db``, rolled back.
    ``base_ready`` gets the base's history (its commit shas) as soon as it is known, with
    head's when ``--pggit-head`` names it (else None)."""
    with db.connect() as conn:   # with --pggit-lock-timeout
        with conn.transaction(force_rollback=True):
            repo = _GateRepo(conn)
            # -- head: HEAD, after committing what the live schema has beyond it; when
            # nothing is pending, head and base are resolved first, so that the up/down walk
            # (waiting for the base) starts at once, beside integrity and alerts
            pending = repo.status() if options.head is None else None

            def resolve_base() -> None:
                result.head = "HEAD" if options.head is None else options.head
                result.head_sha = repo.resolve(result.head)
                if git is not None:
                    # (T5-6: the sha the git base recorded before any replay of head)
                    result.base, result.base_sha = git.branch, (getattr(git, "sha", None)
                                                                or repo.resolve(git.branch))
                    result.base_reason = git.reason
                elif options.base is None:
                    result.base, result.base_sha, result.base_reason = _default_base(run, repo, result.head_sha,
                                                                                      result.checks)
                    result.base_reason += result.base_note
                else:
                    result.base, result.base_sha = options.base, repo.resolve(options.base)
                    result.base_reason = "--pggit-base" + result.base_note
                # (with --pggit-head, the steps after it are not judged either: D8)
                head_history = (None if options.head is None
                                else {c.sha for c in repo.history(100_000, ref=result.head_sha)})
                base_ready.set_result(({c.sha for c in repo.history(100_000, ref=result.base_sha)}, head_history))

            unresolved: Optional[PggitError] = None
            if not pending:
                try:
                    resolve_base()
                except PggitError as exc:   # raised after integrity and alerts, as before
                    unresolved = exc
            # -- integrity and alerts, as the template is (before the gate commits anything)
            (integrity, stored), secs = _timed(lambda: _integrity_rows(repo, pending))
            result.integrity = integrity
            for c in integrity:
                result.checks.append(Check("integrity", c.name, not c.ok, str(c.status),
                                           c.details or "", seconds=secs / max(len(integrity), 1)))
            alerts, secs = _timed(lambda: _alerts(repo, pending, stored))
            result.alerts = alerts
            threshold = alert_rank(options.fail_on)
            for a in alerts:
                fails = threshold > 0 and alert_rank(a.severity) >= threshold
                result.checks.append(Check("alerts", a.check, fails, str(a.severity), a.message,
                                           f"hint: {a.hint}" if a.hint else "",
                                           seconds=secs / max(len(alerts), 1)))
            if unresolved is not None:
                raise unresolved
            if pending:
                repo.commit(f"pytest-pggit gate: live schema at session end ({len(pending)} path(s))")
                result.head_committed = True
                resolve_base()
            result.commits = repo.history(50, ref="HEAD")
            result.branches = repo.branches()
            # -- the migration base -> head and its hazards
            result.hazard_kinds = repo.hazard_kinds()
            diff, secs = _timed(lambda: repo.diff(result.base_sha, result.head_sha))
            result.diff = list(diff)
            allowances = _provenance(conn, run, options, result, git_base=git)
            result.fail_on_hazard, result.fail_on_hazard_why = hazard_threshold(options)
            threshold = hazard_rank(options.fail_on_hazard)
            stand_in = hazard_rank(result.fail_on_hazard) if result.fail_on_hazard_why else 0
            hazardous = result.hazardous
            step_files = _step_files(run)
            for e in hazardous:
                accepted = result.accepted.get(e.path, [])
                done = {a.kind for a in accepted}
                sev = result.path_severity(e)
                open_sev = max((result.hazard_kinds.get(h, ("high",))[0] for h in e.hazards if h not in done),
                               key=hazard_rank, default="none")
                fails = threshold > 0 and hazard_rank(open_sev) >= threshold or stand_in > 0 and any(
                    h in STAND_IN and hazard_rank(result.hazard_kinds.get(h, ("high",))[0]) >= stand_in
                    for h in e.hazards if h not in done)
                names = ", ".join(f"{h} ({result.hazard_kinds.get(h, ('?',))[0]}"
                                  + (", accepted" if h in done else "") + ")" for h in e.hazards)
                status = "ACCEPTED" if accepted and threshold > 0 and hazard_rank(sev) >= threshold \
                    and not fails else sev
                src = result.sources.get(e.path)
                message = f"{e.change} {e.path}: {names}"
                file, line, tool = _where(src, step_files)
                if src is not None and src.source:
                    made = src.source.split("\n", 1)[0]
                    message += f"; made by {made}" + (
                        f" ({file})" if file and not made.startswith(file) else "")
                message += "".join(f"; {a}" for a in accepted)
                if fails:
                    open_kinds = sorted((h for h in e.hazards if h not in done),
                                        key=lambda h: result.hazard_kinds.get(h, ("high", 99))[1])
                    message += "; " + hazard_hint(open_kinds or list(e.hazards), result.hazard_kinds,
                                                  tool, file, line, e.path)
                details = (e.migration_sql or "").strip()
                if src is not None:
                    from .provenance import excerpt

                    details = (f"made by {src.source or '(no step)'}:\n{excerpt(src.statement)}\n\n"
                               f"migration:\n{details}")
                result.checks.append(Check(
                    "hazards", e.path, fails, status, message, details,
                    seconds=secs / max(len(hazardous), 1), file=file, line=line))
            if not hazardous:
                result.checks.append(Check("hazards", "no hazardous statements", False, "none",
                                           f"no statement of the migration {result.base}..{result.head} "
                                           "carries a hazard", seconds=secs))
            # -- lint of the steps since the base, and directives without a reason
            _lint(conn, run, options, result, allowances)
            # -- the snapshot of head
            if options.snapshot is not None:
                from . import snapshot as _snapshot

                snapshot_file = options.snapshot

                def snap() -> "Drift":
                    full = repo.diff(_root_of(repo, result.head_sha), result.head_sha)
                    entries = {e.path: e.new_definition for e in full
                               if e.change != "REMOVED" and not ignored(e.path, options.ignore)}
                    return _snapshot.compare(snapshot_file, entries, options.snapshot_update,
                                             display=display_path(snapshot_file, run.rootdir))

                drift, secs = _timed(snap)
                result.drift = drift
                fails = drift.drifted and not drift.written
                result.checks.append(Check("snapshot", str(drift.path), fails,
                                           "WRITTEN" if drift.written else ("DRIFT" if fails else "OK"),
                                           drift.summary(), drift.explain() if fails else "",
                                           seconds=secs))
            # -- the migration really reproduces head (last: it checks out base, rolled back)
            if result.base_sha != result.head_sha:
                try:
                    check, secs = _timed(lambda: _check_migration(db, repo, result, len(pending or ())))
                except PggitError as exc:
                    result.checks.append(Check("migration", f"{result.base}..{result.head}", True,
                                               "ERROR", str(exc)))
                else:
                    result.migration = check
                    details = ""
                    if not check.ok:
                        details = "\n".join(
                            ([f"error: {check.error}"] if check.error else [])
                            + [f"differs: {p}" for p in check.differing_paths]
                            + ["", check.script])
                    result.checks.append(Check(
                        "migration", f"{result.base}..{result.head}", not check.ok,
                        "OK" if check.ok else "FAILED",
                        f"{check.statements} statement(s) "
                        + ("reproduce head" if check.ok else "do not reproduce head"),
                        details, seconds=secs))
            repo.close()


def _check_migration(db: Any, repo: Repo, result: GateResult, committed_here: int) -> Any:
    """``repo.check_migration(base, head)``; with --pggit-untrusted, in a session of the
    untrusted role (S13: the replay evaluates the pull request's defaults, checks and
    views), which sees only committed history: refused when this transaction committed
    the live schema (the gate's commit of what was pending)."""
    from .untrusted import replaying, role

    if role() is not None and committed_here:
        raise PggitError("--pggit-untrusted: the migration check replays committed history as the "
                         f"untrusted role; the live schema had {committed_here} uncommitted change(s), which "
                         "the gate committed in its own transaction only")
    with replaying(db, repo) as r:
        return r.check_migration(result.base_sha, result.head_sha)


class _GateRepo(Repo):
    """The gate's :class:`~pytest_pggit.repo.Repo`: ``status()`` first asks the DDL log
    (``_live_is_head()``, ~1 ms), and only when the log cannot prove that nothing changed
    since HEAD takes the snapshot of the whole schema (0.1-1 s).  The gate asks for the
    status once itself, and ``check_migration`` asks again (after the gate committed
    what was pending): both are answered by the log on a template that is clean, as the
    plugin leaves it."""

    def status(self) -> "SchemaDiff":
        if self.live_is_head():
            return self._diff([], "HEAD", "live")
        return super().status()

    def live_is_head(self) -> bool:
        """Whether the DDL log proves the live schema is HEAD's tree (False: not known)."""
        try:
            rows = self.execute("SELECT pggit_v0._live_is_head()")
        except PggitError:   # a layer without it, or a role that may not call it
            return False
        return bool(rows and rows[0][0])


def _integrity(repo: Repo, pending: Optional["SchemaDiff"]) -> List["IntegrityCheck"]:
    """``validate_data_integrity()``'s rows.  With the status known to be clean, its stored
    history checks (``_integrity_checks()``) and the ``live_schema`` row it would add, so
    that the status is not taken again; the same rows."""
    return _integrity_rows(repo, pending)[0]


def _integrity_rows(repo: Repo, pending: Optional["SchemaDiff"]
                    ) -> Tuple[List["IntegrityCheck"], Optional[List[Tuple[str, str, Optional[str]]]]]:
    """:func:`_integrity`'s rows, and the rows of ``_integrity_checks()`` when it read them
    on their own (else None), for :func:`_alerts`."""
    from .results import IntegrityCheck

    if pending is None or pending:
        return repo.integrity(), None
    try:
        rows = repo.execute("SELECT check_name, status, details FROM pggit_v0._integrity_checks()") or []
    except PggitError:
        return repo.integrity(), None
    return ([IntegrityCheck(name, status, details) for name, status, details in rows]
            + [IntegrityCheck("live_schema", "OK", "the live schema is what HEAD recorded")]), list(rows)


def _alerts(repo: Repo, pending: Optional["SchemaDiff"],
            stored: Optional[List[Tuple[str, str, Optional[str]]]] = None) -> List["Alert"]:
    """``check_for_alerts()``'s rows; with the status known, ``_alerts(<its path count>)``,
    the rows check_for_alerts() gives after taking the status again itself.  ``stored``:
    the rows ``_integrity_checks()`` gave in this transaction (nothing was written since),
    handed to ``_alerts`` so that the fsck (every sha recomputed) runs once, not twice;
    a layer without that parameter runs it again."""
    from .results import Alert

    if pending is None:
        return repo.alerts()
    rows = None
    if stored is not None:
        try:
            rows = repo.execute(
                "SELECT check_name, severity, message, hint "
                "FROM pggit_v0._alerts(%s, %s::text[], %s::text[], %s::text[])",
                (len(pending), [r[0] for r in stored], [r[1] for r in stored], [r[2] for r in stored])) or []
        except PggitError:
            rows = None
    if rows is None:
        try:
            rows = repo.execute("SELECT check_name, severity, message, hint FROM pggit_v0._alerts(%s)",
                                (len(pending),)) or []
        except PggitError:
            return repo.alerts()
    return [Alert(*r) for r in rows]


def _where(src: Optional["LogEntry"], step_files: Dict[str, str]
           ) -> Tuple[Optional[str], Optional[int], Optional[str]]:
    """The file, line and tool of the statement that made a path: a schema file's
    ``file:line``, or the file of the step whose captured SQL it is (no line)."""
    if src is None or not src.source:
        return None, None, None
    fl = src.file_line
    if fl is not None:
        return fl[0], fl[1], "sql"
    tag = src.source.split("\n", 1)[0]
    return step_files.get(tag), None, tag.split("/", 1)[0] if "/" in tag else None


def _steps(run: Any) -> List[Any]:
    """The run's migration steps (``Step``), oldest first, when the session knows them."""
    return [getattr(a, "step", a) for a in getattr(run, "steps", None) or ()]


def _provenance(conn: Any, run: Any, options: GateOptions, result: GateResult,
                git_base: Optional["GitBase"] = None) -> "Allowances":
    """The DDL log since the base, each diff path's newest entry, the allowances and the
    hazards they accept (``result.sources``, ``result.accepted``).  With a ``git:`` base
    (its steps built on a branch of their own, beside head's), head's statements that the
    base ran too (same file or step, same text) are left out."""
    from . import allow, provenance

    allowances = allow.build(options.allow, "--pggit-allow", _steps(run))
    if not provenance.has_source_column(conn):
        return allowances
    prov = provenance.since_base(conn, result.base_sha,
                                 head_sha=result.head_sha if options.head is not None else None)
    if git_base is not None:
        known = provenance.base_statements(conn, result.base_sha) | (git_base.statements or set())
        prov = provenance.without_statements(prov, known)
        # the checkouts that built the base beside head's steps are the plugin's, not the
        # project's: a path no step of head made is "(no step)", not "made by pgGit
        # migration: SELECT pggit_v0.checkout_branch(...)" (H7)
        prov = provenance.Provenance([e for e in prov.entries if e.source != provenance.MIGRATION_SOURCE],
                                     has_sources=prov.has_sources)
    result.provenance = prov
    allowances.collect(prov, getattr(run, "rootdir", None))
    result.diff = _unique_over_one_value([_judged_on_statements(e, prov) for e in result.diff], prov)
    for e in result.diff:
        src = prov.for_path(e.path, e.change)
        if src is not None:
            result.sources[e.path] = src
        if not e.hazards:
            continue
        keys = [x.key for x in sorted(prov.related(e.path), key=lambda x: -x.id)]
        if src is not None:
            # only the step or file that made the path: a reviewed drop of one column
            # accepted another step's drop of another column of the table (K7)
            # (and those of statements naming the part: a later file's SET DEFAULT on a
            # narrowed column left the narrowing's own directive out, the review's R3)
            sub = e.path.split("/")[4].lower() if e.path.count("/") >= 4 else None
            units = {_unit(src.key)} | {_unit(x.key) for x in prov.related(e.path)
                                        if sub is not None and sub in (x.statement or "").lower()}
            keys = [src.key] + [k for k in keys if _unit(k) in units]
        got = [a for a in (allowances.accept(h, keys, [e.path]) for h in e.hazards) if a is not None]
        if got:
            result.accepted[e.path] = got
    return allowances


def _steps_since(conn: Any, run: Any, base_sha: Optional[str]) -> List[Tuple[str, Optional[Any]]]:
    """``(tag, source file)`` of the steps whose commits the base does not hold."""
    from pathlib import Path

    steps = list(getattr(run, "steps", None) or ())
    if not base_sha or not steps or conn is None:
        return []
    with conn.cursor() as cur:
        cur.execute("WITH RECURSIVE a(sha) AS (SELECT %s::text UNION SELECT cp.parent_sha "
                    "FROM pggit_v0.commit_parents cp JOIN a ON cp.commit_sha = a.sha) SELECT sha FROM a",
                    (base_sha,))
        held = {r[0] for r in cur.fetchall()}
    if base_sha not in {a.sha for a in steps} and len(held) > 1:
        # a git base, on a branch of its own: no step is its ancestor, and every file
        # would count as new (the review, R2); the log names the files that changed
        return []
    rootdir = getattr(run, "rootdir", None)
    out: List[Tuple[str, Optional[Any]]] = []
    for a in steps:
        if a.sha in held:
            continue
        source = getattr(a.step, "source", None)
        out.append((a.tag, Path(rootdir) / source if source and rootdir is not None else None))
    return out


def _unit(key: Optional[str]) -> str:
    """The step or file a statement's provenance key belongs to (``file:line`` or
    ``tag:n`` without the number)."""
    return (key or "").split("\n", 1)[0].rsplit(":", 1)[0]


def _judged_on_statements(e: Any, prov: Any) -> Any:
    """``e`` without ``fails_with_rows`` when the project's own statements did not add
    its column NOT NULL without a default (D9: Django's AddField with a default adds the
    column with it, then drops it; the expand-backfill-SET NOT NULL pattern the hazard
    itself recommends).  pggit's migration of the final schema adds such a column NOT
    NULL in one statement, which fails on rows; what production runs is the step's own
    statements, so that is what the gate judges.  Kept when no statement names the
    column (capture off, schema files without provenance)."""
    import dataclasses

    if "fails_with_rows" not in (e.hazards or ()) or "/column/" not in e.path:
        return e
    column = e.path.rsplit("/", 1)[1]
    verdict = None
    for x in prov.related(e.path):
        got = adds_not_null_without_default(x.statement or "", column)
        if got is not None:
            verdict = got if verdict is None else verdict or got
    if verdict is not False:
        return e
    return dataclasses.replace(e, hazards=tuple(h for h in e.hazards if h != "fails_with_rows"))


def _add_clauses(text: str, column: str) -> List[str]:
    """The clauses of ``text`` adding column ``column`` (``ADD [COLUMN] name ...``, up to
    the next comma or semicolon outside parentheses and quotes), string literals blanked."""
    import re

    out: List[str] = []
    for m in re.finditer(r'\bADD\s+(?:COLUMN\s+)?(?:IF\s+NOT\s+EXISTS\s+)?("(?:[^"]|"")+"|[A-Za-z_][\w$]*)',
                         text, re.IGNORECASE):
        name = m.group(1)
        name = name[1:-1].replace('""', '"') if name.startswith('"') else name.lower()
        if name != column or name.upper() in ("CONSTRAINT", "PRIMARY", "UNIQUE", "CHECK", "FOREIGN"):
            continue
        depth, quote, end = 0, "", len(text)
        for i in range(m.end(), len(text)):
            ch = text[i]
            if quote:
                quote = "" if ch == quote else quote
            elif ch in "'\"":
                quote = ch
            elif ch == "(":
                depth += 1
            elif ch == ")":
                if depth == 0:
                    end = i
                    break
                depth -= 1
            elif ch in ",;" and depth == 0:
                end = i
                break
        out.append(re.sub(r"'(?:[^']|'')*'", "''", text[m.end():end]))
    return out


def adds_not_null_without_default(text: str, column: str) -> Optional[bool]:
    """Whether ``text`` adds column ``column`` NOT NULL without a DEFAULT (or identity or
    generated expression): True; adds it otherwise: False; does not add it: None."""
    import re

    found: Optional[bool] = None
    for bare in _add_clauses(text, column):
        not_null = re.search(r"\bNOT\s+NULL\b", bare, re.IGNORECASE) is not None
        filled = re.search(r"\b(DEFAULT|GENERATED|IDENTITY)\b", bare, re.IGNORECASE) is not None
        here = not_null and not filled
        found = here if found is None else found or here
    return found


def adds_with_constant_default(text: str, column: str) -> bool:
    """Whether ``text`` adds column ``column`` with a DEFAULT that gives every existing row
    one value: not NULL, no function call (nextval, gen_random_uuid, now: casts aside)."""
    import re

    for bare in _add_clauses(text, column):
        m = re.search(r"\bDEFAULT\s+(.*?)(?:\s+(?:NOT\s+NULL|NULL|UNIQUE|PRIMARY|CHECK|REFERENCES|CONSTRAINT|"
                      r"COLLATE|GENERATED)\b|$)", bare, re.IGNORECASE | re.DOTALL)
        if m is None:
            continue
        expr = re.sub(r'::\s*(?:"[^"]*"|[\w.]+)(?:\s+(?:varying|precision|with(?:out)?\s+time\s+zone))*'
                      r"(?:\s*\(\s*\d+(?:\s*,\s*\d+)?\s*\))?(?:\[\])*", "", m.group(1).strip(), flags=re.IGNORECASE)
        if expr and expr.upper() != "NULL" and not re.search(r"[\w\"]\s*\(", expr):
            return True
    return False


def _unique_over_one_value(diff: List[Any], prov: Any) -> List[Any]:
    """A unique constraint or index added to a table the base has, over columns the span
    added with one constant DEFAULT each (Django's AddField(unique=True, default="x"),
    preserve_default=False): every existing row gets the same key, so it fails as soon as
    the table has two rows: ``fails_with_rows`` (K8; it had only the ``fails_on_violations``
    of any unique constraint)."""
    import dataclasses
    import re

    added = {e.path for e in diff if e.change == "ADDED"}
    out = []
    for e in diff:
        parts = e.path.split("/")
        if (e.change == "ADDED" and len(parts) == 5 and parts[1] == "table" and parts[3] in ("constraint", "index")
                and "/".join(parts[:3]) not in added and "fails_with_rows" not in (e.hazards or ())):
            m = re.search(r"\b(?:UNIQUE|PRIMARY KEY)\b[^(]*\(([^)]*)\)", e.new_definition or "", re.IGNORECASE)
            cols = [c.strip() for c in m.group(1).split(",")] if m else []
            cols = [c[1:-1].replace('""', '"') if c.startswith('"') else c for c in cols]
            maker = prov.for_path(e.path, "ADDED")
            partial = re.search(r"\)\s+WHERE\s", e.new_definition or "", re.IGNORECASE) is not None
            # (made with the column, in its step or file: a later step may have backfilled
            # distinct values first, Django's recipe for a new unique field, the review R5)
            if cols and maker is not None and not partial and all(
                    f"{'/'.join(parts[:3])}/column/{c}" in added
                    and any(adds_with_constant_default(x.statement or "", c) and _unit(x.key) == _unit(maker.key)
                            for x in prov.related(f"{'/'.join(parts[:3])}/column/{c}")) for c in cols):
                e = dataclasses.replace(e, hazards=tuple(e.hazards or ()) + ("fails_with_rows",))
        out.append(e)
    return out


def _paths_by_source(result: GateResult) -> Dict[str, List[str]]:
    """The diff paths each statement made (provenance key -> paths), for --pggit-allow globs
    on lint findings."""
    out: Dict[str, List[str]] = {}
    for path, entry in result.sources.items():
        out.setdefault(entry.key, []).append(path)
    return out


def _lint(conn: Any, run: Any, options: GateOptions, result: GateResult, allowances: "Allowances") -> None:
    """The ``lint`` checks: one per statement with findings, and one for the run of squawk;
    the ``allow`` checks: one per directive without a reason."""
    from . import lint
    from .provenance import Provenance

    for d in allowances.errors:
        result.checks.append(Check("allow", d.where, True, "ERROR",
                                   f"pggit allow directive at {d.where} {d.problem}",
                                   "a directive accepts a hazard or lint rule only with a reason:\n"
                                   "-- pggit: allow data_deletion -- why the change is intended"))
    result.checks.extend(_unknown_kinds(run, result, allowances))
    if options.lint is False:
        return
    # (a table renamed is ADDED under its new name, but no new object: H14, a renamed
    # table's lint findings were "new object" and passed)
    new_objects = {f"{e.schema_name}.{e.object_name}".replace('"', "") for e in result.diff
                   if e.change == "ADDED" and e.path.count("/") == 2 and "breaks_clients" not in (e.hazards or ())}
    # and what a statement since the base created, even when a later one dropped it (a
    # table made and dropped within the span is no object production holds: D3)
    if result.provenance is not None:
        new_objects |= {(x.object_identity or "").replace('"', "") for x in result.provenance.entries
                        if (x.command_tag or "").startswith("CREATE ") and x.object_identity
                        and x.object_type in ("table", "sequence", "view", "materialized view", "index",
                                              "type", "foreign table")}
    cfg = getattr(run, "cfg", None)
    server = run.get_server()
    t0 = time.perf_counter()
    try:
        found = lint.run_lint(conn, result.provenance or Provenance(has_sources=False), allowances,
                              rootdir=getattr(run, "rootdir", None), server_version=server.version,
                              exclude=options.lint_exclude, new_objects=new_objects,
                              rewriting={e.path for e in result.diff if "table_rewrite" in (e.hazards or ())},
                              paths_by_source=_paths_by_source(result),
                              fallback_files=list(getattr(cfg, "schema", None) or ()),
                              steps_since=_steps_since(conn, run, result.base_sha),
                              added_columns={(p[2], p[4]) for p in (e.path.split("/") for e in result.diff
                                                                     if e.change == "ADDED")
                                             if len(p) == 5 and p[1] == "table" and p[3] == "column"})
    except Exception as exc:   # squawk crashed or printed garbage: say so, fail only if asked for
        result.checks.append(Check("lint", "squawk", bool(options.lint), "ERROR",
                                   f"lint failed: {type(exc).__name__}: {exc}",
                                   seconds=time.perf_counter() - t0))
        return
    result.lint = found
    if not found.ran:
        result.checks.append(Check("lint", "squawk", bool(options.lint), "SKIPPED",
                                   f"lint skipped: {found.skipped_reason}"))
        return
    policy = options.fail_on_lint
    count = sum(len(st.findings) for st in found.statements)
    failing = 0
    step_files = _step_files(run)
    tools = {s.tag: s.tool for s in _steps(run)}
    for st in found.statements:
        fails = any(f.fails(policy) for f in st.findings)
        failing += fails
        # the findings that fail first: a narrow CI view shows them (Q7)
        findings = sorted(st.findings, key=lambda f: not f.fails(policy))
        statuses = sorted({f.status(policy) for f in findings})
        if st.location in step_files:      # a step's captured SQL: the step's file, no line
            file, line, tool = step_files[st.location], None, tools.get(st.location)
        else:
            file, line, tool = st.location, st.line, "sql"
        failing_here = [f for f in findings if f.fails(policy)]
        message = "; ".join(f"{f.rule} ({f.status(policy)}): {f.message}"
                            + (f" [{f.accepted}]" if f.accepted else "") for f in failing_here or findings)
        if st.location in step_files:
            message += f"; in {file}"
        if failing_here:   # (one allow of the rule's hazard accepts the diff's case too)
            first = failing_here[0]
            kind = lint.RULE_HAZARDS.get(first.rule, first.rule)
            advice = first.help.rstrip(".") or HAZARD_ADVICE.get(kind, "")
            message += "; hint: " + (f"{advice}; " if advice else "") + \
                f"when intended, accept it: {accept_hint(kind, tool, file, line, st.name)}"
            others = [f for f in findings if not f.fails(policy)]
            if others:   # the rest by name: the details hold their text
                message += "; also: " + ", ".join(f"{f.rule} ({f.status(policy)})" for f in others)
        from .provenance import excerpt

        details = "\n".join([excerpt(st.text, 12), ""] + [
            f"line {f.line}: {f.rule} ({f.level.lower()}, {f.status(policy)}): {f.message}"
            + (f"\n  help: {f.help}" if f.help else "")
            + (f"\n  {f.accepted}" if f.accepted else "") for f in findings])
        result.checks.append(Check("lint", st.name, fails, ", ".join(statuses), message, details,
                                   seconds=found.seconds / max(len(found.statements), 1),
                                   file=file, line=line))
    excluded = f", excluded: {', '.join(options.lint_exclude)}" if options.lint_exclude else ""
    result.checks.append(Check(
        "lint", "squawk", False, "OK",
        f"{found.version} --pg-version {found.pg_version or '?'}: {found.statement_count} statement(s) "
        f"of {len(found.units)} file(s)/step(s) since {result.base}, {count} finding(s) on "
        f"{len(found.statements)} statement(s), {failing} failing (--pggit-fail-on-lint {policy}"
        f"{excluded}); {found.seconds:.2f} s" + "".join(f"; {n}" for n in found.notes),
        seconds=found.seconds))


#: what an allow may name besides hazard kinds and squawk rules: a step whose downgrade
#: does not give back the schema before it, on purpose (:mod:`.updown`)
EXTRA_KINDS = ("irreversible",)


def _unknown_kinds(run: Any, result: GateResult, allowances: "Allowances") -> List[Check]:
    """``allow`` errors for what an allow names that is no hazard kind, squawk rule or
    ``irreversible``: a typo (``data_deleton``) accepted nothing and said nothing (U4).
    squawk's rules are not listed here: a hyphenated name counts as one."""
    import difflib

    from .lint import RULE_HAZARDS, RULE_LEVELS

    known = set(result.hazard_kinds) | set(EXTRA_KINDS) | set(RULE_LEVELS) | set(RULE_HAZARDS)
    if not result.hazard_kinds:   # (a layer that could not say: judge nothing)
        return []
    named: List[Tuple[str, str, Optional[str]]] = []   # (where, kind, file)
    for step in _steps(run):
        for k in getattr(step, "allow", None) or {}:
            named.append((f"{step.tag} pggit_allow", str(k).lower(), getattr(step, "source", None)))
    for source, ds in allowances.by_source.items():
        named += [(d.where, k, d.where.rsplit(":", 1)[0]) for d in ds for k in d.kinds]
    named += [(f"{origin} {glob}:{k}", k, None) for glob, k, _r, origin in allowances.globs]
    out: List[Check] = []
    for where, kind, file in dict.fromkeys(named):
        if kind in known or ("-" in kind and "_" not in kind and kind.replace("-", "_") not in known):
            continue
        close = difflib.get_close_matches(kind.replace("-", "_") if kind.replace("-", "_") in known else kind,
                                          sorted(known), n=1)
        out.append(Check("allow", where, True, "ERROR",
                         f"{where} names {kind!r}, which is no hazard kind, squawk rule or "
                         "'irreversible': it accepts nothing"
                         + (f"; did you mean {close[0]!r}?" if close else ""),
                         "hazard kinds: " + ", ".join(sorted(result.hazard_kinds)), file=file))
    return out


def _edited_steps(run: Any) -> Tuple[Optional[str], List[str], bool]:
    """The git ref to judge from and the tags of the steps whose committed files were
    edited: those that differ from HEAD (uncommitted: ``HEAD``), else those the newest
    commit touching the steps modified (in CI, where the work tree is clean: its parent,
    K4).  The default base judged such a file as new (the step before it), so a narrowed
    column passed (H10, a pg_dump as the one schema file: H12)."""
    rootdir = getattr(run, "rootdir", None)
    if rootdir is None:
        return None, [], False
    from pathlib import Path

    from .freshness import committed_edits, edit_base, edited, uncommitted_new

    files = _tags_by_file(run, Path(rootdir))
    ref: Optional[str] = "HEAD"
    changed = set(edited(sorted(files), Path(rootdir)))
    uncommitted = bool(changed)
    if changed:   # (a step committed after them: from before it, U6)
        ref = edit_base(sorted(files), Path(rootdir), sorted(changed))
    if not changed:   # (new step files not committed yet stand for the newest commit: Q8)
        ref, found = committed_edits(sorted(files), Path(rootdir),
                                     pending_new=bool(uncommitted_new(sorted(files), Path(rootdir))))
        changed = set(found)
    return ref, [tag for path, tags in files.items() if path in changed for tag in tags], uncommitted


def _tags_by_file(run: Any, rootdir: "Path") -> "Dict[Path, List[str]]":
    """The steps' files (resolved) and the tags of the steps each defines."""
    files: "Dict[Path, List[str]]" = {}
    for a in getattr(run, "steps", None) or ():
        source = getattr(a.step, "source", None)
        path = rootdir / source if source else None
        if path is not None and path.is_file():
            files.setdefault(path.resolve(), []).append(a.tag)
    return files


def _edited_since(run: Any, ref: str) -> List[str]:
    """The tags of the steps whose files ``ref`` holds and the work tree changed (see
    :func:`~pytest_pggit.freshness.edited_since`)."""
    rootdir = getattr(run, "rootdir", None)
    if rootdir is None:
        return []
    from pathlib import Path

    from .freshness import edited_since

    files = _tags_by_file(run, Path(rootdir))
    changed = set(edited_since(sorted(files), Path(rootdir), ref))
    return [tag for path, tags in files.items() if path in changed for tag in tags]


def _default_base(run: Any, repo: Any, head_sha: str, checks: Optional[List[Check]] = None
                  ) -> Tuple[str, str, str]:
    """The base without --pggit-base: the commit before the newest migration step (so a
    change adding a step is judged by what the step does), else root.  Returns (ref, sha,
    why); appends to ``checks`` a failing ``NOT JUDGED`` case when a shallow clone hides
    which steps are new (:func:`_shallow_case`)."""
    history = {c.sha for c in repo.history(100_000, ref=head_sha)}
    steps = [a for a in getattr(run, "steps", None) or () if a.sha in history]
    shallow = _shallow_case(run, steps)
    if shallow is not None and checks is not None:
        checks.append(shallow)
    new = _newest_steps(steps, getattr(run, "rootdir", None))
    if new is not None:   # the newest files are more than the last step (see _newest_steps)
        first = min(new)
        # (BB8: every judged step named, not "the oldest of the 1 newest")
        names = ", ".join(steps[i].tag for i in new[:5]) + (", ..." if len(new) > 5 else "")
        judged = ", ".join(a.tag for a in steps[first:first + 5]) + (", ..." if len(steps) - first > 5 else "")
        why = (f"the step before {steps[first].tag}, "
               + (f"the oldest of the {len(new)} new steps ({names})" if len(new) > 1 else "the oldest new step")
               + f"; {len(steps) - first} step(s) judged: {judged}")
        if first == 0:
            return "root", repo.resolve("root"), why
        return steps[first - 1].tag, steps[first - 1].sha, why
    if len(steps) >= 2:
        return steps[-2].tag, steps[-2].sha, f"the step before the newest, {steps[-1].tag}"
    why = (f"the commit before the only step, {steps[0].tag}" if steps
           else "no migration steps: the database before the project's schema")
    return "root", repo.resolve("root"), why


def _head_reproduced(git: Any) -> bool:
    """Whether the clone holding the git base is back at the head's schema: the DDL log
    proves it, or a full snapshot finds nothing pending."""
    try:
        with git.database.connect(autocommit=True) as conn:
            repo = _GateRepo(conn)
            try:
                return not repo.status()
            finally:
                repo.close()
    except PggitError:
        return True


def _unloaded_checks(run: Any) -> List[Check]:
    """A failing ``NOT JUDGED`` case for each new migration file (git says it is new:
    uncommitted, or added by the current line of work) that the tool never loads, so the
    gate never ran nor judged it (Y2): a Django ``<app>/migrations/NNNN_*.py`` no step
    comes from (its app not in ``INSTALLED_APPS`` of the settings the gate uses,
    ``MIGRATION_MODULES`` pointing elsewhere, a folder without ``__init__.py``), an
    Alembic ``.py`` file below a versions folder that is no revision (a subfolder,
    read only with ``recursive_version_locations``)."""
    import re
    from pathlib import Path

    rootdir = getattr(run, "rootdir", None)
    steps = list(getattr(run, "steps", None) or ())
    if rootdir is None or not steps:
        return []
    from .freshness import new_files

    root = Path(rootdir).resolve()
    tools = {getattr(a.step, "tool", None) for a in steps}
    loaded = set(_tags_by_file(run, root))
    versions = {(root / str(a.step.source)).resolve().parent for a in steps
                if a.step.tool == "alembic" and getattr(a.step, "source", None)}
    out: List[Check] = []
    for path in new_files(root):
        if path in loaded or path.suffix != ".py" or path.name.startswith("_"):
            continue
        try:
            rel = path.relative_to(root).as_posix()
        except ValueError:
            continue
        if "django" in tools and path.parent.name == "migrations" and re.match(r"\d{4}_\w*\.py$", path.name):
            why = ("Django's migration loader does not load it: its app is not in INSTALLED_APPS of the "
                   "settings the gate uses, MIGRATION_MODULES points elsewhere, or its folder has no "
                   "__init__.py")
            hint = ("hint: run the gate with settings that install the app (DJANGO_SETTINGS_MODULE, "
                    "pytest-django's --ds), or move the migration where they load it")
        elif any(v in path.parents and path.parent != v for v in versions):
            why = ("Alembic does not read it: it is in a subfolder of the versions folder, read only with "
                   "recursive_version_locations = true")
            hint = ("hint: move it into the versions folder, or set recursive_version_locations = true in "
                    "alembic.ini (or name the folder in version_locations)")
        else:
            continue
        out.append(Check("gate", f"unloaded {rel}", True, "NOT JUDGED",
                         f"{rel} is a new migration file, but {why}: the gate neither ran nor judged it "
                         "(and the tool will not run it where it deploys either)", hint, file=rel))
    return out


def _shallow_case(run: Any, steps: List[Any]) -> Optional[Check]:
    """A failing ``NOT JUDGED`` case when the clone is shallow and its boundary commit
    (whose parents were not fetched) is the newest adding step files, two or more: git
    says it added them all, so which steps are new cannot be told, and judging the last
    alone passed a pull request's destructive step followed by a harmless one
    (actions/checkout's default ``fetch-depth: 1``, Z15); else None."""
    rootdir = getattr(run, "rootdir", None)
    if rootdir is None or len(steps) < 2:
        return None
    from pathlib import Path

    from .freshness import shallow_added

    files = _tags_by_file(run, Path(rootdir))
    wanted = {a.tag for a in steps}
    files = {p: [t for t in tags if t in wanted] for p, tags in files.items()}
    files = {p: tags for p, tags in files.items() if tags}
    if not files:
        return None
    sha, added = shallow_added(sorted(files), Path(rootdir))
    tags = [t for p in added for t in files.get(p, ())]
    if sha is None or len(tags) < 2:
        from .freshness import fork_unknown

        ref = fork_unknown(Path(rootdir))
        if ref is None:
            from .freshness import target_unknown

            own = target_unknown(Path(rootdir))
            if own is None:
                return None
            # (BC3: `git clone --branch X --single-branch` points origin/HEAD at X itself)
            return Check(
                "gate", "new steps", True, "NOT JUDGED",
                f"the only target ref, {own}, is the branch being built (a `git clone --branch` with "
                "--depth or --single-branch points origin/HEAD at it): the gate cannot tell which steps "
                "this line of work added; it judged only the newest",
                "hint: fetch the branch it merges into (git fetch origin main:refs/remotes/origin/main), "
                "or name the base: --pggit-base git:origin/<target branch>, or --pggit-base <tag of the "
                "deployed step>", file=_step_files(run).get(steps[-1].tag))
        # (S8: the steps the branch added since it left the target are judged; a clone
        # not deep enough to hold where it left it cannot tell them)
        return Check(
            "gate", "new steps", True, "NOT JUDGED",
            f"the git clone is shallow and does not reach where HEAD left {ref} (no merge base): the gate "
            "cannot tell which steps this line of work added; it judged only the newest",
            "hint: fetch the history (actions/checkout: fetch-depth: 0; GitLab: GIT_DEPTH: 0), or deepen it "
            f"until `git merge-base HEAD {ref}` answers; or name the base: --pggit-base <tag of the deployed step>",
            file=_step_files(run).get(steps[-1].tag))
    return Check(
        "gate", "new steps", True, "NOT JUDGED",
        f"the git clone is shallow: its first commit {sha[:12]} adds {len(tags)} step files "
        "(their history was not fetched), so the gate cannot tell which steps are new; it judged "
        f"only {'the last, ' + steps[-1].tag if len(tags) >= len(steps) else 'the steps after them'}: "
        "a step among them that the change adds would go unjudged",
        "hint: fetch the history (actions/checkout: fetch-depth: 0), or name the base: "
        "--pggit-base git:origin/<target branch> (a pull request), or --pggit-base <tag of the "
        "deployed step>", file=_step_files(run).get(steps[-1].tag))


def _newest_steps(steps: List[Any], rootdir: Any) -> Optional[List[int]]:
    """The indexes of the project's newest steps, when they are more than the last one;
    else None (the last step alone is the newest).

    The newest steps are those whose files git says are uncommitted, else those of the
    last commit touching any of them (:mod:`.freshness`): an Alembic branch revision
    and the merge revision made with it, applied before an old head and after it, or
    new migrations of several Django apps.  When every step ties (a shallow clone: one
    commit), without git, or without files, the last step alone is the newest."""
    if len(steps) < 2 or rootdir is None:
        return None
    from pathlib import Path

    from .freshness import freshness

    files = {}
    for i, a in enumerate(steps):
        source = getattr(a.step, "source", None)
        path = Path(rootdir) / source if source else None
        if path is not None and path.is_file():
            files[i] = path.resolve()
    if not files:
        return None
    fresh = freshness(sorted(set(files.values())), Path(rootdir))

    def rank(i: int) -> Any:   # (uncommitted files all count as the newest)
        f = fresh[files[i]]
        return (2,) if f[0] == 2 else f
    top = max(rank(i) for i in files)
    if top[0] == 0:   # no git: modification times (a copy keeps them) say too little
        return None
    new = [i for i in files if rank(i) == top]
    # (and every step the current line of work added, in however many commits: S8)
    from .freshness import line_added

    branch = set(line_added(sorted(set(files.values())), Path(rootdir)))
    new = sorted(set(new) | {i for i in files if files[i] in branch})
    tracked = [i for i in files if fresh[files[i]][0] >= 1]   # (not installed packages')
    if len(new) == len(tracked) or min(new) >= len(steps) - 1:
        return None
    return sorted(new)


def _drop_scratch(run: Any, result: GateResult) -> None:
    """Drop the clones the gate made (the git base)."""
    for db in result.scratch:
        try:
            run.drop_clone(db)
        except Exception:   # pragma: no cover - the session's sweep drops it at the end
            pass
    result.scratch.clear()


def _root_of(repo: Any, sha: str) -> str:
    return repo.history(10_000, ref=sha)[-1].sha
