"""Accepted hazards and lint findings: intended changes the gate lets pass, with a reason.

Three ways to accept one, each naming hazards of ``hazard_kinds()`` (``data_deletion``)
or squawk rules (``require-concurrent-index-creation``):

* a comment on the statement, in a schema file or in the SQL a migration executes
  (capture keeps the statement's comments)::

      -- pggit: allow data_deletion, table_rewrite -- phone moved to contacts in 4.2
      ALTER TABLE customers DROP COLUMN phone;

  on the line(s) before the statement, inside it, or after its ``;`` on its last line.
  The reason (after the second ``--``) is required: a directive without one is an error
  naming its ``file:line``;
* a migration module's ``pggit_allow = {"data_deletion": "reason"}`` (``Step.allow``);
* ``--pggit-allow GLOB:HAZARD`` (repeatable; ini ``pggit_allow``, one a line, optionally
  followed by `` -- reason``): GLOB (``fnmatch``) over the diff's object paths, and for
  lint findings over their ``file:line`` too.

Nothing is accepted silently: every accepted hazard or finding is reported with where
it was accepted and why.
``PYTEST_DONT_REWRITE`` (see :mod:`pytest_pggit.plugin`).
"""
from __future__ import annotations

import fnmatch
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Dict, Iterable, List, Optional, Sequence, Tuple

from .exceptions import PggitError

if TYPE_CHECKING:  # pragma: no cover
    from .provenance import Provenance

#: ``-- pggit: allow a, b -- reason`` (the reason may be missing: an error).
DIRECTIVE_RE = re.compile(
    r"--\s*pggit:\s*allow\b\s*(?P<kinds>[\w-]+(?:\s*,\s*[\w-]+)*)?\s*(?:--\s*(?P<reason>.*?))?\s*$",
    re.IGNORECASE)


@dataclass(frozen=True)
class Directive:
    """One ``-- pggit: allow`` comment: where it is, what it accepts and why."""

    where: str            # file:line (or step:line)
    kinds: Tuple[str, ...]
    reason: Optional[str]

    @property
    def problem(self) -> Optional[str]:
        if not self.kinds:
            return "names no hazard or lint rule"
        if not self.reason:
            return "gives no reason (write `-- pggit: allow KIND -- why it is intended`)"
        return None


@dataclass(frozen=True)
class Acceptance:
    """Why one hazard or finding passes."""

    kind: str
    reason: str
    by: str  # where: file:line of the directive, the step, --pggit-allow

    def __str__(self) -> str:
        return f"{self.kind} accepted by {self.by}: {self.reason}"


def directives_in(text: str, where: str, first_line: int = 1) -> List[Tuple[int, Directive]]:
    """Every directive in ``text`` as (line, Directive); lines count from ``first_line``."""
    out: List[Tuple[int, Directive]] = []
    for i, line in enumerate(text.splitlines()):
        pos = line.find("--")
        if pos < 0 or "pggit" not in line.lower():
            continue
        m = DIRECTIVE_RE.search(line, pos)
        if not m:
            continue
        kinds = tuple(k.strip().lower() for k in (m.group("kinds") or "").split(",") if k.strip())
        lineno = first_line + i
        out.append((lineno, Directive(f"{where}:{lineno}", kinds, (m.group("reason") or "").strip() or None)))
    return out


def file_directives(path: Path, display: str) -> Dict[int, List[Directive]]:
    """A schema file's directives by the line of the first code of the statement each
    belongs to (the line provenance records for it): a directive on the line where a
    statement ends belongs to that statement, one elsewhere to the next statement."""
    from .lint import _spans

    text = path.read_text(encoding="utf-8")
    found = directives_in(text, display)
    if not found:
        return {}
    # (code start line, first line, last line) of each statement
    spans = [(code, start, last) for start, last, code in _spans(text)]
    out: Dict[int, List[Directive]] = {}
    for lineno, d in found:
        target = None
        for code, start, last in spans:
            if lineno == last or (code <= lineno <= last):
                target = code
                break
        if target is None:   # before a statement's code: the next statement
            target = next((code for code, start, last in spans if code > lineno), None)
        if target is None:   # after the last statement, on lines of its own
            target = spans[-1][0] if spans else lineno
        out.setdefault(target, []).append(d)
    return out


def parse_option(value: str, origin: str) -> Tuple[str, str, Optional[str]]:
    """``GLOB:HAZARD[ -- reason]`` as (glob, hazard, reason)."""
    text, _, reason = value.partition(" -- ")
    glob, sep, kind = text.strip().rpartition(":")
    if not sep or not glob or not kind.strip():
        raise PggitError(f"{origin} must be GLOB:HAZARD, got {value!r}",
                         hint="e.g. --pggit-allow 'public/table/legacy*:data_deletion'")
    return glob, kind.strip().lower(), reason.strip() or None


@dataclass
class Allowances:
    """Everything the run accepts: directives by statement, steps' ``allow``, globs."""

    #: source (``file:line`` or a step's tag) -> directives of that statement
    by_source: Dict[str, List[Directive]] = field(default_factory=dict)
    #: a step's tag or source file -> (kind -> reason)
    steps: Dict[str, Dict[str, str]] = field(default_factory=dict)
    #: (glob, kind, reason, origin)
    globs: List[Tuple[str, str, Optional[str], str]] = field(default_factory=list)
    #: directives with a problem (no reason): each a failed gate case
    errors: List[Directive] = field(default_factory=list)

    def add_directives(self, source: str, directives: Iterable[Directive]) -> None:
        for d in directives:
            if d.problem:
                if d not in self.errors:
                    self.errors.append(d)
                continue
            have = self.by_source.setdefault(source, [])
            if d not in have:
                have.append(d)

    def add_file(self, display: str, by_line: Dict[int, List[Directive]]) -> None:
        """A schema file's directives (:func:`file_directives`), keyed ``file:line``."""
        for line, ds in by_line.items():
            self.add_directives(f"{display}:{line}", ds)

    def collect(self, prov: "Provenance", rootdir: Optional[Path]) -> None:
        """The directives of every statement the changes since the base came from: each
        schema file named by the log is read (once), a step's captured statements are
        searched as they were executed."""
        seen: Dict[str, bool] = {}
        for e in prov.entries:
            if not e.source or e.key in seen:
                continue
            seen[e.key] = True
            fl = e.file_line
            if fl is not None:
                if fl[0] in seen:
                    continue
                seen[fl[0]] = True
                path = Path(fl[0]) if Path(fl[0]).is_absolute() else Path(rootdir or ".") / fl[0]
                if path.is_file():
                    self.add_file(fl[0], file_directives(path, fl[0]))
            else:
                self.add_directives(e.key, [d for _, d in directives_in(e.statement or "", e.source)])

    def accept(self, kind: str, sources: Sequence[Optional[str]], targets: Sequence[str]
               ) -> Optional[Acceptance]:
        """Why ``kind`` (a hazard or rule) is accepted for a change made by ``sources``
        (statement sources, newest first) of ``targets`` (paths or ``file:line``s)."""
        kind = kind.lower()
        for source in sources:
            if not source:
                continue
            for d in self.by_source.get(source, ()):
                if kind in d.kinds:
                    return Acceptance(kind, d.reason or "", d.where)
            step = source.split("\n", 1)[0]
            for key in (step, step.rsplit(":", 1)[0]):
                reason = self.steps.get(key, {}).get(kind)
                if reason:
                    return Acceptance(kind, reason, f"pggit_allow of {key}")
        for glob, k, reason, origin in self.globs:
            if k == kind and any(fnmatch.fnmatchcase(t, glob) for t in targets):
                return Acceptance(kind, reason or f"{origin} {glob}:{k}", origin)
        return None


def build(options_allow: Sequence[str], origin: str, steps: Sequence[object] = ()) -> Allowances:
    """The run's allowances from ``--pggit-allow`` values and the steps' ``allow``."""
    out = Allowances()
    for value in options_allow:
        glob, kind, reason = parse_option(value, origin)
        out.globs.append((glob, kind, reason, origin))
    for step in steps:
        allow = {str(k).lower(): str(v) for k, v in (getattr(step, "allow", None) or {}).items()}
        missing = [k for k, v in allow.items() if not v.strip()]
        for k in missing:
            out.errors.append(Directive(f"{getattr(step, 'tag', '?')} pggit_allow", (k,), None))
        allow = {k: v for k, v in allow.items() if v.strip()}
        if allow:
            out.steps[str(getattr(step, "tag"))] = allow
            if getattr(step, "source", None):
                out.steps[str(getattr(step, "source"))] = allow
    return out


__all__ = ["Acceptance", "Allowances", "Directive", "build", "directives_in", "file_directives",
           "parse_option"]
