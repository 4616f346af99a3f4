"""The up/down check of the gate: does each step's ``downgrade`` undo its ``upgrade``?

In a clone of the template (never the template itself), newest step first:

1. the live schema is brought to the newest checked step's commit, on the walk's branch
   (checked out with ``apply``, unless the live schema already has that commit's tree);
2. the step's ``downgrade(database)`` runs (in its own sessions, like the upgrade; the
   steps of one :class:`~pytest_pggit.steps.StepBatch`, e.g. an Alembic project's linear
   revisions, in one command on one connection, the check between two of them);
3. the live schema is committed on the walk's branch (an incremental commit: only the
   objects the downgrade touched are read again) and its tree sha compared with the
   commit before the step; only when they differ does ``diff_commits`` say how: each path
   that differs (less ``--pggit-ignore``) fails the case ``pggit.updown::<step tag>``; a
   column order difference is a note unless ``--pggit-strict-column-order``;
4. when the downgrade failed or left differences, the commit before the step is checked
   out with apply, so the next older step starts right.

A step without a downgrade gets no case: the layer's own migration (``checkout`` with
apply) sets the schema back to the commit before it, so older steps are still checked;
the next case's message names it.  Only steps made since the base are checked.
``PYTEST_DONT_REWRITE`` (see :mod:`pytest_pggit.plugin`).
"""
from __future__ import annotations

import re
import time
from typing import TYPE_CHECKING, Any, Collection, Dict, List, Optional, Sequence, Tuple

from .exceptions import PggitError
from .formatting import explain_diff
from .ignore import is_column_order, renamed_parts, without_ignored
from .repo import Repo
from .template import GENERIC_PLANS, step_error

if TYPE_CHECKING:  # pragma: no cover
    from .config import GateOptions
    from .gate import Check
    from .template import AppliedStep

BRANCH = "pytest-pggit/updown"


def steps_to_check(applied: Sequence["AppliedStep"], base_history: Collection[str],
                   base_tags: Collection[str] = ()) -> List["AppliedStep"]:
    """The steps to walk down, newest first: back to the oldest one the base does not
    have (its commit not in ``base_history``, the base's ancestors, and its tag not in
    ``base_tags``, the steps a ``git:`` base was built from).  Steps the base has can sit
    between new ones (a Django migration of one app among other apps' older ones, an
    Alembic branch revision before an old head): they are walked over too, not judged
    (:func:`in_base`)."""
    new = [i for i, a in enumerate(applied) if not in_base(a, base_history, base_tags)]
    return list(reversed(applied[min(new):])) if new else []


def in_base(a: "AppliedStep", base_history: Collection[str], base_tags: Collection[str]) -> bool:
    """Whether the base already has step ``a``."""
    return a.sha in base_history or a.tag in base_tags


def _file_line(location: Optional[str], rootdir: Any = None) -> Tuple[Optional[str], Optional[int]]:
    """``(file, line)`` of a step error's ``file:line`` location (the user's frame), the
    file relative to ``rootdir``, for the case's JUnit ``file``/``line`` and annotation;
    ``(None, None)`` without a line or outside the rootdir (the gate then names the
    step's file alone)."""
    from pathlib import Path

    file, _, line = (location or "").rpartition(":")
    if not file or not line.isdigit():
        return None, None
    path = Path(file)
    if path.is_absolute():
        try:
            file = path.resolve().relative_to(Path(rootdir or ".").resolve()).as_posix()
        except ValueError:
            return None, None
    return file, int(line)


def wants_updown(run: Any) -> bool:
    """Whether any applied step has a downgrade (else the check never needs a clone)."""
    return any(a.step.downgrade is not None for a in getattr(run, "steps", None) or ())


def run_updown(run: Any, options: "GateOptions", base_history: Collection[str],
               base_tags: Collection[str] = (), clone: Any = None,
               head_history: Optional[Collection[str]] = None) -> List["Check"]:
    """The ``updown`` checks (an empty list when no step since the base has a downgrade).

    ``clone``: a clone of the template made beforehand (the gate makes it before it opens
    its own connection to the template, so that both run at the same time); dropped here.
    ``head_history`` (``--pggit-head``: head's commit and its ancestors): only the steps
    up to head are judged; the walk starts from head's step, checked out (D8)."""
    from .gate import Check

    applied = list(getattr(run, "steps", None) or ())
    if head_history is not None:
        applied = [a for a in applied if a.sha in head_history]
    since = steps_to_check(applied, base_history, base_tags)
    carried = {a.tag for a in since if in_base(a, base_history, base_tags)}
    # up to the oldest step that has a downgrade; newer ones without are stepped over
    with_down = [i for i, a in enumerate(since) if a.step.downgrade is not None and a.tag not in carried]
    if not with_down:
        if clone is not None:
            run.drop_clone(clone)
        return []
    todo = list(since[:with_down[-1] + 1])
    checks: List[Check] = []
    try:
        if clone is None:
            clone = run.clone()
        from .untrusted import as_untrusted

        # (--pggit-untrusted: the walk's checkouts replay the project's schema, S13)
        with as_untrusted(clone, developer=True).connect(autocommit=True) as conn:
            conn.execute(GENERIC_PLANS.replace(" LOCAL", ""))   # the walk's own session only
            _walk(conn, clone, todo, options, checks, carried, rootdir=getattr(run, "rootdir", None))
    except PggitError as exc:
        checks.append(Check("updown", "updown", True, "ERROR", f"the up/down check could not run: {exc}"))
    finally:
        if clone is not None:
            run.drop_clone(clone)
    return checks


def irreversible(a: "AppliedStep", options: "GateOptions", rootdir: Any = None) -> Optional[str]:
    """Where and why step ``a`` is accepted as irreversible (its downgrade may fail or
    leave another schema): its module's ``pggit_allow = {"irreversible": "why"}``, or
    ``--pggit-allow '<tag or file glob>:irreversible -- why'``; None when it is not."""
    import fnmatch

    from .allow import parse_option

    allow = {str(k).lower(): str(v) for k, v in (getattr(a.step, "allow", None) or {}).items()}
    if allow.get("irreversible", "").strip():
        return f"pggit_allow of {a.tag}: {allow['irreversible'].strip()}"
    source = str(getattr(a.step, "source", None) or "")
    if getattr(a.step, "tool", "") == "sql" and source.endswith(".sql"):   # (a directive in the file: W4)
        from pathlib import Path

        from .allow import directives_in

        path = Path(source)
        if not path.is_absolute():
            path = Path(rootdir or ".") / source
        try:
            found = directives_in(path.read_text(encoding="utf-8"), source)
        except (OSError, UnicodeDecodeError):
            found = []
        for _line, d in found:
            if "irreversible" in d.kinds and d.reason:
                return f"{d.where}: {d.reason}"
    for value in getattr(options, "allow", None) or ():
        glob, kind, reason = parse_option(value, "--pggit-allow")
        if kind == "irreversible" and (fnmatch.fnmatchcase(a.tag, glob) or source and fnmatch.fnmatchcase(source, glob)):
            return f"--pggit-allow {glob}:{kind}" + (f": {reason}" if reason else "")
    return None


def _accept_irreversible(a: "AppliedStep") -> str:
    """How to accept step ``a``'s downgrade as irreversible, in the step's own words."""
    tool = getattr(a.step, "tool", "")
    if tool in ("alembic", "django"):
        return 'pggit_allow = {"irreversible": "<why>"} at the top level of the migration' + (
            f" in {a.step.source}" if getattr(a.step, "source", None) else "")
    return f"--pggit-allow '{a.tag}:irreversible -- <why>'"


def _walk(conn: Any, clone: Any, todo: Sequence["AppliedStep"], options: "GateOptions",
          checks: List["Check"], carried: Collection[str] = (), rootdir: Any = None) -> None:
    """The walk, in as few round trips as the checks allow.

    Every step's parent, the trees of those parents and the labels are read once, up
    front.  After each downgrade the live schema is committed on the walk's branch: an
    incremental commit (it reads only the objects the downgrade's DDL touched), so its
    tree sha says whether the schema is the previous commit's, without a snapshot of the
    whole schema (``status()``); only when the two trees differ does a diff say how.
    Consecutive steps of one :class:`~pytest_pggit.steps.StepBatch` (an Alembic project's
    revisions) are downgraded in one command on one connection, each checked between
    two revisions; a batch that fails or declines leaves the rest to one step at a time.
    Steps in ``carried`` (the base has them) are set back by pggit's migration, not judged."""
    from .gate import Check
    from .steps import BatchNotPossible, BatchStepError, batch_groups

    repo = Repo(conn)
    parents = dict(repo.execute(
        "SELECT commit_sha, parent_sha FROM pggit_v0.commit_parents "
        "WHERE position = 1 AND commit_sha = ANY(%s)", ([a.sha for a in todo],)) or ())
    prev_shas = {a.tag: parents.get(a.sha) or repo.resolve(f"{a.sha}~1") for a in todo}
    trees = dict(repo.execute(
        "SELECT commit_sha, tree_sha FROM pggit_v0.commit_graph WHERE commit_sha = ANY(%s)",
        (list(prev_shas.values()) + [todo[0].sha],)) or ())
    labels = _labels(repo)
    index = {a.tag: i for i, a in enumerate(todo)}
    skipped: List[str] = []

    def branch(r: Any, name: str, description: str, sha: str, checkout: bool) -> None:
        r._call("create_branch", name, description, sha, checkout)

    def start(r: Any) -> None:
        """Bring the live schema to the newest step's commit, on the walk's branch: on the
        session of the first downgrade (a batch's own: its plans are then made once)."""
        if started:
            return
        started.append(True)
        # the live schema beyond HEAD (a setup hook's data-only changes don't count)?  A
        # commit says it: with nothing logged since HEAD it reuses HEAD's tree, no catalog read
        _, tree = _commit(r, "pytest-pggit up/down: live schema at session end")
        if tree == trees.get(todo[0].sha):   # already there: no checkout (a migration and a snapshot)
            branch(r, BRANCH, "pytest-pggit up/down check", todo[0].sha, True)
        else:
            branch(r, BRANCH, "pytest-pggit up/down check", todo[0].sha, False)
            r.checkout(BRANCH, apply=True, force=True)

    started: List[bool] = []

    def judge(r: Any, a: "AppliedStep", error: Optional[PggitError], t0: float) -> None:
        """The case of ``a`` after its downgrade: the live schema committed on the walk's
        branch and compared with the commit before ``a``; put right when it differs."""
        nonlocal skipped
        i = index[a.tag]
        prev_sha = prev_shas[a.tag]
        prev = labels.get(prev_sha) or prev_sha[:12]
        sha, tree = _commit(r, f"pytest-pggit up/down: the schema after the downgrade of {a.tag}")
        live = [] if tree is not None and tree == trees.get(prev_sha) else list(r.diff(prev_sha, sha))
        kept, left_out = without_ignored(live, options.ignore)
        order = [e for e in kept if is_column_order(e)]
        # (Django's own reverse names constraints its way; another tool's downgrade that
        # re-adds one under another name is a real difference: the review, R9)
        renamed = ([] if options.strict_column_order or getattr(a.step, "tool", None) != "django"
                   else renamed_parts(kept))
        only_named = {id(e) for pair in renamed for e in pair}
        failing = [e for e in kept if (not is_column_order(e) or options.strict_column_order)
                   and id(e) not in only_named]
        notes = []
        if skipped:
            notes.append(f"newer step(s) without a downgrade set back by pggit's migration: {', '.join(skipped)}")
            skipped = []
        if left_out:
            tops = _tops([e.path for e in left_out])
            notes.append(f"{len(tops)} ignored path(s) differ ({', '.join(tops[:3])}"
                         + (", ..." if len(tops) > 3 else "") + ")")
        if renamed:
            notes.append("note: " + ", ".join(f"{r.path} came back as {a.path.rsplit('/', 1)[1]}"
                                              for r, a in renamed)
                         + " (same definition; --pggit-strict-column-order fails on it)")
        if order and not options.strict_column_order:
            notes.append("note: column order differs on " + ", ".join(
                e.path[:-len("/columns")] for e in order) + " (--pggit-strict-column-order fails on it)")
        secs = time.perf_counter() - t0
        accepted = irreversible(a, options, rootdir) if (error is not None or failing) else None
        if accepted is not None:   # (U4: a step that cannot be undone on purpose, and says why)
            what = (f"failed: {str(error).splitlines()[0]}" if error is not None
                    else f"does not give the schema of {prev}: {len(failing)} path(s) differ")
            checks.append(Check("updown", a.tag, False, "ACCEPTED",
                                f"the downgrade of {a.tag} {what}; irreversible, accepted by {accepted}",
                                str(error) if error is not None else
                                explain_diff(failing, prev, f"after downgrade of {a.tag}"), seconds=secs))
        elif error is not None:
            file, line = _file_line(getattr(error, "location", None), rootdir)
            checks.append(Check("updown", a.tag, True, "ERROR", str(error).splitlines()[0],
                                f"{error}\nor, when the step cannot be undone on purpose, say why: "
                                f"{_accept_irreversible(a)}", seconds=secs, file=file, line=line))
        elif failing:   # (U15: what ADDED and REMOVED mean here, and what to do)
            source = getattr(a.step, "source", None)
            checks.append(Check(
                "updown", a.tag, True, "FAILED",
                f"the downgrade of {a.tag} does not give the schema of {prev}: "
                f"{len(failing)} path(s) differ" + "".join(f"; {n}" for n in notes),
                "ADDED: left behind by the downgrade; REMOVED: missing after it; MODIFIED: not as "
                f"before the step\n\n{explain_diff(failing, prev, f'after downgrade of {a.tag}')}\n\n"
                f"hint: fix the step's downgrade{f' ({source})' if source else ''} so it undoes what "
                f"the upgrade did; or, when the step cannot be undone on purpose, say why: "
                f"{_accept_irreversible(a)}", seconds=secs))
        else:
            checks.append(Check("updown", a.tag, False, "OK",
                                f"the downgrade of {a.tag} gives the schema of {prev}"
                                + "".join(f"; {n}" for n in notes), seconds=secs))
        if live and (error is not None or failing):   # put the schema right for the next step
            here = f"{BRANCH}/{i + 1}-fixed"
            branch(r, here, f"up/down: {prev} again", prev_sha, False)
            emptied = put_back(r, here)
            if emptied:
                checks[-1].details = ((checks[-1].details or "") + "\n(put back to " + prev + ": the walk emptied "
                                      + ", ".join(emptied) + " in its scratch clone, whose rows did not fit)").lstrip()

    def put_back(r: Any, here: str) -> List[str]:
        """Check out ``here`` after a failed step; a table whose rows the migration cannot
        carry (a column coming back NOT NULL without a default, K11) is emptied and the
        checkout tried again: the walk compares schemas, in its own clone, and stopped
        there, leaving the older steps unchecked.  The tables emptied."""
        emptied: List[str] = []
        while True:
            try:
                r.checkout(here, apply=True, force=True)
                return emptied
            except PggitError as exc:
                m = re.search(r"migration step for (.+?)/(?:table|materialized_view)/(.+?)(?:/[a-z_]+/.*?)? failed: ",
                              str(exc))
                if (m is None or not str(exc.sqlstate or "").startswith(("22", "23")) or len(emptied) >= 50
                        or f"{m[1]}.{m[2]}" in emptied):
                    raise
                try:
                    r.execute(f"TRUNCATE {_ident(m[1])}.{_ident(m[2])} CASCADE")
                except PggitError:
                    raise exc from None   # (the step's own error, not the clean-up's: R4)
                emptied.append(f"{m[1]}.{m[2]}")

    def one(a: "AppliedStep") -> None:
        start(repo)
        t0 = time.perf_counter()
        if a.step.downgrade is None or a.tag in carried:   # no case: the layer's migration steps over it
            prev_sha = prev_shas[a.tag]
            here = f"{BRANCH}/{index[a.tag] + 1}"
            branch(repo, here, f"up/down: {labels.get(prev_sha) or prev_sha[:12]}, "
                               f"{a.tag} " + ("is in the base" if a.tag in carried else "has no downgrade"),
                   prev_sha, False)
            repo.checkout(here, apply=True, force=True)
            if a.tag not in carried:
                skipped.append(a.tag)
            return
        error = None
        try:
            a.step.downgrade(clone)   # type: ignore[misc]
        except Exception as exc:
            error = step_error(a.step, "downgrade", exc)
        judge(repo, a, error, t0)

    by_step = {id(a.step): a for a in todo}
    groups: List[List[Any]] = []
    for group in batch_groups([a.step for a in todo], "downgrade"):
        run_: List[Any] = []
        for s in group:   # (a step the base has is never in a batch: it is not judged)
            if by_step[id(s)].tag in carried:
                groups.extend([run_, [s]] if run_ else [[s]])
                run_ = []
            else:
                run_.append(s)
        if run_:
            groups.append(run_)
    for group in groups:
        rest = [by_step[id(s)] for s in group]
        while len(rest) > 1:   # in one command, until it declines or all are checked
            t0: Dict[str, float] = {}

            def before(step: Any, c: Any) -> None:
                if not started:
                    c.execute(GENERIC_PLANS)
                    r = Repo(c)
                    try:
                        start(r)
                    finally:
                        r.close()
                    c.commit()   # kept when the first downgrade fails
                t0["t0"] = time.perf_counter()

            def after(step: Any, c: Any) -> None:
                # (no SET LOCAL plan_cache_mode here: the commit sets it on itself)
                r = Repo(c)
                try:
                    judge(r, by_step[id(step)], None, t0["t0"])
                finally:
                    r.close()
                rest.pop(0)

            try:
                rest[0].step.batch.run(clone, [a.step for a in rest], "downgrade",   # type: ignore[union-attr]
                                       before, after)
            except BatchNotPossible:
                break
            except BatchStepError as exc:   # that step failed: its case, then on with the rest
                a = rest.pop(0)
                start(repo)   # (when the batch failed before its first step)
                judge(repo, a, step_error(a.step, "downgrade", exc.error), t0.get("t0", time.perf_counter()))
        for a in rest:
            one(a)
    repo.close()


def _commit(repo: Any, message: str) -> Tuple[str, Optional[str]]:
    """Commit the live schema on HEAD's branch: ``(commit sha, tree sha)``.

    One round trip, once per step of the walk: two statements in one simple query (one
    statement's snapshot does not see the commit its function wrote; the second one,
    with a snapshot of its own, reads HEAD's commit and tree), in one transaction (the
    step's own, or an implicit one on an autocommit connection).  Before: a savepoint
    around each of two calls, six round trips."""
    import psycopg
    from psycopg import sql

    query = sql.SQL(
        "SELECT pggit_v0.create_basic_commit({}); "
        "SELECT c.commit_sha, c.tree_sha FROM pggit_v0.commit_graph c "
        "WHERE c.commit_sha = pggit_v0.get_head_sha()").format(sql.Literal(message))
    try:
        with repo.conn.cursor() as cur:
            cur.execute(query)
            sha = cur.fetchone()[0]   # type: ignore[index]
            cur.nextset()
            row = cur.fetchone()
    except psycopg.Error as exc:
        raise PggitError.from_psycopg(exc) from exc
    return sha, (row[1] if row and row[0] == sha else None)


def _tops(paths: Sequence[str]) -> List[str]:
    """``paths`` less those below another one of them (a table's columns below the table)."""
    given = set(paths)
    return [p for p in paths
            if not any("/".join(p.split("/")[:i]) in given for i in range(1, p.count("/") + 1))]


def _ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _labels(repo: Any) -> Dict[str, str]:
    """sha -> the first tag (by name) of that commit (a step's); the root commit -> ``root``."""
    out: Dict[str, str] = {}
    for name, sha in repo.execute("SELECT name, target_sha FROM pggit_v0.list_tags() ORDER BY name") or ():
        out.setdefault(sha, name)
    out.setdefault(repo.resolve("root"), "root")
    return out


__all__ = ["BRANCH", "in_base", "run_updown", "steps_to_check", "wants_updown"]
