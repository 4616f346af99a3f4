"""The up/down check of the gate: does each step's ``downgrade`` undo its ``upgrade``?

In a clone of the template (never the template itself), newest step first:

1. the live schema is brought to the newest checked step's commit (checked out with
   ``apply`` on a branch at its tag, unless HEAD is that commit and the schema is clean);
2. the step's ``downgrade(database)`` runs (in its own sessions, like the upgrade);
3. a branch at the commit before the step is checked out *without* apply, so
   ``status()`` compares the live schema with that commit: each path that differs
   (less ``--pggit-ignore``) fails the case ``pggit.updown::<step tag>``; a column order
   difference is a note unless ``--pggit-strict-column-order``;
4. when the downgrade failed or left differences, the live schema is committed and the
   commit before the step checked out with apply, so the next older step starts right.

A step without a downgrade gets no case: the layer's own migration (``checkout`` with
apply) sets the schema back to the commit before it, so older steps are still checked;
the next case's message names it.  Only steps made since the base are checked.
"""
from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any, Collection, Dict, List, Sequence

from .exceptions import PggitError
from .formatting import explain_diff
from .ignore import is_column_order, without_ignored

if TYPE_CHECKING:  # pragma: no cover
    from .config import GateOptions
    from .gate import Check
    from .template import AppliedStep

BRANCH = "pytest-pggit/updown"


def steps_to_check(applied: Sequence["AppliedStep"], base_history: Collection[str],
                   base_tags: Collection[str] = ()) -> List["AppliedStep"]:
    """The steps made since the base, newest first: back to the first one whose commit is
    in ``base_history`` (the base's ancestors) or whose tag is in ``base_tags`` (the steps
    a ``git:`` base was built from)."""
    out: List["AppliedStep"] = []
    for a in reversed(applied):
        if a.sha in base_history or a.tag in base_tags:
            break
        out.append(a)
    return out


def wants_updown(run: Any) -> bool:
    """Whether any applied step has a downgrade (else the check never needs a clone)."""
    return any(a.step.downgrade is not None for a in getattr(run, "steps", None) or ())


def run_updown(run: Any, options: "GateOptions", base_history: Collection[str],
               base_tags: Collection[str] = (), clone: Any = None) -> List["Check"]:
    """The ``updown`` checks (an empty list when no step since the base has a downgrade).

    ``clone``: a clone of the template made beforehand (the gate makes it before it opens
    its own connection to the template, so that both run at the same time); dropped here."""
    from .gate import Check

    since = steps_to_check(getattr(run, "steps", None) or (), base_history, base_tags)
    # up to the oldest step that has a downgrade; newer ones without are stepped over
    with_down = [i for i, a in enumerate(since) if a.step.downgrade is not None]
    if not with_down:
        if clone is not None:
            run.drop_clone(clone)
        return []
    todo = list(since[:with_down[-1] + 1])
    checks: List[Check] = []
    try:
        if clone is None:
            clone = run.clone()
        with clone.connect(autocommit=True) as conn:
            _walk(conn, clone, todo, options, checks)
    except PggitError as exc:
        checks.append(Check("updown", "updown", True, "ERROR", f"the up/down check could not run: {exc}"))
    finally:
        if clone is not None:
            run.drop_clone(clone)
    return checks


def _walk(conn: Any, clone: Any, todo: Sequence["AppliedStep"], options: "GateOptions",
          checks: List["Check"]) -> None:
    """The walk, in as few round trips as the checks allow: per step its downgrade, one
    ``create_branch`` (checked out, no apply) and one ``status()``; the parents and the
    labels of every step are read once, up front (no ``list_branches`` per step)."""
    from .gate import Check
    from .repo import Repo
    from .template import step_error

    repo = Repo(conn)
    dirty = bool(repo.status())
    if dirty:   # the live schema beyond HEAD (a setup hook's data-only changes don't count)
        repo.commit("pytest-pggit up/down: live schema at session end")
    parents = dict(repo.execute(
        "SELECT commit_sha, parent_sha FROM pggit_v0.commit_parents "
        "WHERE position = 1 AND commit_sha = ANY(%s)", ([a.sha for a in todo],)) or ())
    labels = _labels(repo)

    def branch(name: str, description: str, sha: str, checkout: bool) -> None:
        repo._call("create_branch", name, description, sha, checkout)

    if not dirty and repo.head() == todo[0].sha:   # already there: no checkout (a migration and a snapshot)
        branch(BRANCH, "pytest-pggit up/down check", todo[0].sha, True)
    else:
        branch(BRANCH, "pytest-pggit up/down check", todo[0].sha, False)
        repo.checkout(BRANCH, apply=True, force=True)
    skipped: List[str] = []
    for i, a in enumerate(todo):
        t0 = time.perf_counter()
        prev_sha = parents.get(a.sha) or repo.resolve(f"{a.sha}~1")
        prev = labels.get(prev_sha) or prev_sha[:12]
        here = f"{BRANCH}/{i + 1}"
        if a.step.downgrade is None:   # no case: the layer's migration steps over it
            branch(here, f"up/down: {prev}, {a.tag} has no downgrade", prev_sha, False)
            repo.checkout(here, apply=True, force=True)
            skipped.append(a.tag)
            continue
        error = None
        try:
            a.step.downgrade(clone)   # type: ignore[misc]
        except Exception as exc:
            error = step_error(a.step, "downgrade", exc)
        branch(here, f"up/down: before {a.tag}", prev_sha, True)
        live = list(repo.status())
        kept, left_out = without_ignored(live, options.ignore)
        order = [e for e in kept if is_column_order(e)]
        failing = [e for e in kept if not is_column_order(e) or options.strict_column_order]
        notes = []
        if skipped:
            notes.append(f"newer step(s) without a downgrade set back by pggit's migration: {', '.join(skipped)}")
            skipped = []
        if left_out:
            tops = _tops([e.path for e in left_out])
            notes.append(f"{len(tops)} ignored path(s) differ ({', '.join(tops[:3])}"
                         + (", ..." if len(tops) > 3 else "") + ")")
        if order and not options.strict_column_order:
            notes.append("note: column order differs on " + ", ".join(
                e.path[:-len("/columns")] for e in order) + " (--pggit-strict-column-order fails on it)")
        secs = time.perf_counter() - t0
        if error is not None:
            checks.append(Check("updown", a.tag, True, "ERROR", str(error).splitlines()[0],
                                str(error), seconds=secs))
        elif failing:
            checks.append(Check(
                "updown", a.tag, True, "FAILED",
                f"the downgrade of {a.tag} does not give the schema of {prev}: "
                f"{len(failing)} path(s) differ" + "".join(f"; {n}" for n in notes),
                explain_diff(failing, prev, f"after downgrade of {a.tag}"), seconds=secs))
        else:
            checks.append(Check("updown", a.tag, False, "OK",
                                f"the downgrade of {a.tag} gives the schema of {prev}"
                                + "".join(f"; {n}" for n in notes), seconds=secs))
        if live and (error is not None or failing):   # put the schema right for the next step
            repo.commit(f"pytest-pggit up/down: the schema after the downgrade of {a.tag}")
            branch(f"{here}-fixed", f"up/down: {prev} again", prev_sha, False)
            repo.checkout(f"{here}-fixed", apply=True, force=True)
    repo.close()


def _tops(paths: Sequence[str]) -> List[str]:
    """``paths`` less those below another one of them (a table's columns below the table)."""
    given = set(paths)
    return [p for p in paths
            if not any("/".join(p.split("/")[:i]) in given for i in range(1, p.count("/") + 1))]


def _labels(repo: Any) -> Dict[str, str]:
    """sha -> the first tag (by name) of that commit (a step's); the root commit -> ``root``."""
    out: Dict[str, str] = {}
    for name, sha in repo.execute("SELECT name, target_sha FROM pggit_v0.list_tags() ORDER BY name") or ():
        out.setdefault(sha, name)
    out.setdefault(repo.resolve("root"), "root")
    return out


__all__ = ["BRANCH", "run_updown", "steps_to_check", "wants_updown"]
