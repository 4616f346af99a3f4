"""Assertions about a schema's history, with failures that read like a code review.

    from pytest_pggit.assertions import assert_diff, assert_no_alerts

    def test_phone_column(pggit):
        pggit.execute("ALTER TABLE customers ADD COLUMN phone text")
        pggit.commit("Add phone")
        assert_diff(pggit, "HEAD~1", "HEAD", added=["public/table/customers/column/phone"])
        assert_no_alerts(pggit)

Each is also a method of :class:`~pytest_pggit.repo.Repo` (``pggit.assert_diff(...)``).
A failure raises ``AssertionError`` whose text has a table of the changed paths and,
for modified objects, a unified diff of the old and new definitions.

``assert diff == [...]`` and ``assert diff1 == diff2`` on a
:class:`~pytest_pggit.repo.SchemaDiff` get the same text through
:func:`pytest_assertrepr_compare` (registered by the plugin).  pytest calls that hook
only for comparisons, not for ``assert not diff``: there the message shows the diff's
one-line ``repr`` (its signed paths, ``+added ~modified -removed``).  Write
``assert diff == []`` or ``assert_no_diff(...)`` to get the full review text.
"""
from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING, Any, Iterable, List, Optional

from .config import ALERT_LEVELS, level_rank
from .formatting import explain_diff, table
from .results import MigrationCheck, SchemaDiff

if TYPE_CHECKING:  # pragma: no cover
    from .repo import Repo

__all__ = [
    "assert_diff", "assert_integrity", "assert_migration_applies", "assert_no_alerts",
    "assert_no_diff", "explain_comparison",
]



def _fail(text: str) -> None:
    __tracebackhide__ = True
    raise AssertionError(text)


def _without(diff: "SchemaDiff", ignore: Optional[Iterable[str]]) -> "SchemaDiff":
    """``diff`` less the paths ``ignore`` globs match (see :mod:`pytest_pggit.ignore`)."""
    if not ignore:
        return diff
    from .ignore import without_ignored

    kept, _ = without_ignored(diff.entries, [ignore] if isinstance(ignore, str) else ignore)
    return SchemaDiff(kept, diff.a, diff.b)


def assert_no_diff(repo: "Repo", a: str, b: str = "HEAD", *,
                   ignore: Optional[Iterable[str]] = None) -> None:
    """Refs ``a`` and ``b`` record the same schema (paths matching an ``ignore`` glob, or
    below one, left out: ``ignore=["public/table/audit_*"]``)."""
    __tracebackhide__ = True
    diff = _without(repo.diff(a, b), ignore)
    if diff:
        _fail(f"expected no schema changes from {a} to {b}, found {len(diff)}:\n\n"
              + explain_diff(diff.entries, a, b))


def assert_diff(repo: "Repo", a: str, b: str = "HEAD", *,
                added: Optional[Iterable[str]] = None,
                removed: Optional[Iterable[str]] = None,
                modified: Optional[Iterable[str]] = None,
                exact: bool = True,
                ignore: Optional[Iterable[str]] = None) -> "SchemaDiff":
    """The diff from ``a`` to ``b`` adds, removes and modifies exactly these paths.

    A category left as ``None`` is not checked.  With ``exact=False`` the listed
    paths must be there but others may be too.  Paths matching an ``ignore`` glob (or
    below one) are left out first.  Returns the diff (without them).
    """
    __tracebackhide__ = True
    diff = _without(repo.diff(a, b), ignore)
    problems: List[str] = []
    for change, expected in (("ADDED", added), ("REMOVED", removed), ("MODIFIED", modified)):
        if expected is None:
            continue
        want = list(expected) if not isinstance(expected, str) else [expected]
        got = [e.path for e in diff if e.change == change]
        missing = [p for p in want if p not in got]
        extra = [p for p in got if p not in want] if exact else []
        for p in missing:
            other = next((e.change for e in diff if e.path == p), None)
            why = f" (it is {other})" if other else ""
            problems.append(f"  expected {change} but not found: {p}{why}")
        for p in extra:
            problems.append(f"  {change} but not expected:      {p}")
    if problems:
        _fail(f"schema diff {a}..{b} is not what was expected:\n" + "\n".join(problems)
              + f"\n\nthe diff {a}..{b} ({len(diff)} path(s)):\n\n"
              + explain_diff(diff.entries, a, b))
    return diff


def assert_integrity(repo: "Repo") -> None:
    """Every check of ``validate_data_integrity()`` passes."""
    __tracebackhide__ = True
    checks = repo.integrity()
    failed = [c for c in checks if not c.ok]
    if failed:
        _fail(f"{len(failed)} of {len(checks)} integrity check(s) failed:\n\n"
              + table([[c.name, c.status, c.details] for c in failed],
                      ["check", "status", "details"])
              + "\n\nhint: history was changed outside pgGit; restore those rows from a backup")


def assert_no_alerts(repo: "Repo", min_severity: str = "WARNING") -> None:
    """``check_for_alerts()`` reports nothing at or above ``min_severity``.

    ``min_severity`` is ``INFO``, ``WARNING`` (default) or ``CRITICAL``.
    """
    __tracebackhide__ = True
    level = alert_rank(min_severity)
    alerts = repo.alerts()
    hits = [a for a in alerts if alert_rank(a.severity) >= level]
    if hits:
        _fail(f"{len(hits)} alert(s) at or above {min_severity.upper()}:\n\n"
              + table([[a.severity, a.check, a.message, a.hint] for a in hits],
                      ["severity", "check", "message", "hint"]))


def assert_migration_applies(repo: "Repo", a: str, b: str = "HEAD") -> "MigrationCheck":
    """``generate_migration(a, b)`` runs on ``a``'s schema and yields exactly ``b``'s.

    Checked with :meth:`Repo.check_migration` (in a savepoint that is always rolled
    back).  Returns the check (``.script``, ``.statements``).
    """
    __tracebackhide__ = True
    check = repo.check_migration(a, b)
    if not check.ok:
        lines = [f"the migration {a}..{b} ({check.statements} statement(s)) does not reproduce {b}:"]
        if check.error:
            lines.append(f"  it failed: {check.error}")
        if check.differing_paths:
            lines.append(f"  after it, {len(check.differing_paths)} path(s) differ from {b}:")
            lines.extend(f"    {p}" for p in check.differing_paths[:50])
        lines.append("\nthe script:\n" + textwrap.indent(check.script.rstrip(), "    "))
        _fail("\n".join(lines))
    return check


def alert_rank(severity: str) -> int:
    """Rank of an alert severity on :data:`~pytest_pggit.config.ALERT_LEVELS`; ValueError when
    it is not one."""
    rank = level_rank(ALERT_LEVELS, str(severity))
    if rank is None:
        raise ValueError(f"unknown alert severity {severity!r}: use one of "
                         + ", ".join(level.upper() for level in ALERT_LEVELS[1:]))
    return rank


# --------------------------------------------------- pytest_assertrepr_compare
def explain_comparison(op: str, left: Any, right: Any) -> Optional[List[str]]:
    """Lines for ``pytest_assertrepr_compare`` when a SchemaDiff is compared, else None."""
    if op not in ("==", "!=") or not (isinstance(left, SchemaDiff) or isinstance(right, SchemaDiff)):
        return None
    if op == "!=":
        return [f"{left!r} != {right!r}", "both sides are equal"]
    diff, other = (left, right) if isinstance(left, SchemaDiff) else (right, left)
    label = f"{diff.a}..{diff.b}" if diff.a and diff.b else "the diff"
    lines = [f"SchemaDiff {label} == {_short(other)}"]
    if isinstance(other, SchemaDiff):
        want = [f"{o.change} {o.path}" for o in other]
        got = [f"{e.change} {e.path}" for e in diff]
    elif isinstance(other, (list, tuple)):
        want, got = list(other), diff.paths
    else:
        return None
    missing = [p for p in want if p not in got]
    extra = [p for p in got if p not in want]
    if missing:
        lines.append("expected but not in the diff:")
        lines.extend(f"  {p}" for p in missing)
    if extra:
        lines.append("in the diff but not expected:")
        lines.extend(f"  {p}" for p in extra)
    if not missing and not extra:
        lines.append("same paths in a different order" if want != got
                     else "same paths, different definitions")
    lines.append("")
    lines.append(f"{label} ({len(diff)} path(s)):")
    lines.extend(explain_diff(diff.entries, diff.a or "a", diff.b or "b").splitlines())
    return lines


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) < 80 else text[:77] + "..."
