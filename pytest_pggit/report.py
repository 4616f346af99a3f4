"""The gate's reports: the terminal section, Markdown (--pggit-report,
GITHUB_STEP_SUMMARY) and JUnit XML (--pggit-junit).

``PYTEST_DONT_REWRITE`` (see :mod:`pytest_pggit.plugin`)."""
from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any, List, Optional

from .config import alert_rank, hazard_rank
from .formatting import definition_diffs, table
from .gate import Check, GateResult

GROUPS = ("integrity", "alerts", "hazards", "migration", "snapshot", "lint", "updown", "allow", "gate")


def _groups(result: GateResult) -> List[str]:
    """The groups of the result's checks: the known ones in :data:`GROUPS` order, then others."""
    seen = list(dict.fromkeys(c.group for c in result.checks))
    return sorted(seen, key=lambda g: (GROUPS.index(g) if g in GROUPS else len(GROUPS), seen.index(g)))


def _shown(result: GateResult) -> List[Any]:
    """The diff's entries less the parts implied by their object's row: the columns,
    constraints ... of an added (removed) table are left out when the table itself is
    added (removed) and they carry no hazard of their own."""
    objects = {e.path: e.change for e in result.diff if e.path.count("/") == 2}
    out = []
    for e in result.diff:
        parent = "/".join(e.path.split("/")[:3])
        if (e.path != parent and objects.get(parent) == e.change and e.change != "MODIFIED"
                and not e.hazards):
            continue
        out.append(e)
    return out


def _made_by(result: GateResult, path: str) -> str:
    """The step or file:line of the statement that changed ``path``, and its first line."""
    from .provenance import describe

    return describe(result.sources.get(path))


def _hazard_cell(result: GateResult, e: Any) -> str:
    done = {a.kind for a in result.accepted.get(e.path, ())}
    return ", ".join(h + (" (accepted)" if h in done else "") for h in e.hazards or ())


def _diff_headers(result: GateResult) -> List[str]:
    return ["change", "path", "type", "hazards", "severity"] + (["made by"] if result.sources else [])


def _diff_rows(result: GateResult, entries: Optional[List[Any]] = None) -> List[List[Any]]:
    return [[e.change, e.path, e.object_type, _hazard_cell(result, e),
             result.path_severity(e) if e.hazards else ""]
            + ([_made_by(result, e.path)] if result.sources else [])
            for e in (_shown(result) if entries is None else entries)]


def _diff_title(result: GateResult) -> str:
    hidden = len(result.diff) - len(_shown(result))
    return (f"{len(result.diff)} path(s), {len(result.hazardous)} with hazards"
            + (f" ({hidden} parts of added/removed objects not listed)" if hidden else ""))


def _headline(result: GateResult) -> str:
    failed = result.failed
    if result.error and not any(c.group != "gate" for c in result.checks):
        return f"pggit gate: ERROR: {result.error}"
    if not failed:
        return f"pggit gate: PASSED ({len(result.checks)} checks)"
    groups = [g for g in _groups(result) if any(c.group == g for c in failed)]
    return (f"pggit gate: FAILED: {len(failed)} of {len(result.checks)} checks failed "
            f"({', '.join(groups)})")


def _options_line(result: GateResult) -> str:
    o = result.options
    return (f"fail on alerts >= {o.fail_on}, hazards >= {result.fail_on_hazard or o.fail_on_hazard}"
            + (f", lint {o.fail_on_lint}" if o.lint is not False else "")
            + (f", snapshot {result.drift.path}" if result.drift else ""))


def group_line(result: GateResult, group: str) -> str:
    """One line saying how a check group went: what a passing run prints per group."""
    checks = [c for c in result.checks if c.group == group]
    failed = [c for c in checks if c.failed]
    verdict = f"FAILED ({len(failed)} of {len(checks)})" if failed else "ok"
    if group == "integrity":
        return f"integrity: {verdict}: {len(checks) - len(failed)} of {len(checks)} checks OK"
    if group == "alerts":
        worst = max((c.status for c in checks), key=lambda s: alert_rank(s), default="OK")
        return (f"alerts: {verdict}: {len(checks)} checks, highest {worst} "
                f"(fails at {result.options.fail_on})")
    if group == "hazards":
        if not result.hazardous:
            return f"hazards: ok: no statement of {result.base}..{result.head} carries a hazard"
        by_sev: dict = {}
        for e in result.hazardous:
            sev = result.path_severity(e)
            by_sev[sev] = by_sev.get(sev, 0) + 1
        sevs = ", ".join(f"{n} {sev}" for sev, n in sorted(by_sev.items(), key=lambda x: -hazard_rank(x[0])))
        accepted = sum(1 for c in checks if c.status == "ACCEPTED")
        return (f"hazards: {verdict}: {len(result.hazardous)} path(s) with hazards ({sevs}), "
                f"fails at {result.fail_on_hazard or result.options.fail_on_hazard}"
                + (f" ({result.fail_on_hazard_why})" if result.fail_on_hazard_why else "")
                + (f", {accepted} accepted" if accepted else ""))
    if group == "lint":
        summary = next((c for c in checks if c.name == "squawk"), None)
        text = summary.message if summary is not None else f"{len(checks)} statement(s)"
        return f"lint: {verdict}: {text}"
    if group == "allow":
        return f"allow: {verdict}: {len(failed)} directive(s) without a reason"
    if len(checks) == 1:
        return f"{group}: {verdict}: {checks[0].name}: {checks[0].message}"
    return f"{group}: {verdict}: {len(checks)} checks"


# ------------------------------------------------------------------ terminal
def terminal_lines(result: GateResult, verbose: bool = False) -> List[str]:
    """The pggit section's body (after its separator line).

    Quiet (the default): a passing gate is its verdict and one line per check group;
    a failing one adds the refs and options, the tables of the failed groups (the diff
    when hazards failed) and each failed check's details.  ``verbose`` (``-v``): every
    table and diff, also when everything passed."""
    out: List[str] = [_headline(result)]
    failed = result.failed
    groups = _groups(result)
    if not verbose and not failed:
        out += _base_lines(result)
        out += [group_line(result, g) for g in groups if g != "gate"]
        return out + accepted_lines(result)
    if result.server:
        out.append(f"server: {result.server}, database {result.database}")
    out += _base_lines(result)
    out.append(_options_line(result))
    out += [group_line(result, g) for g in groups if g != "gate"]
    out += accepted_lines(result)
    failed_groups = {c.group for c in failed}
    if verbose and result.commits:
        out += ["", "commits (HEAD first):",
                table([[c.short, c.branch or "", c.changes, c.message] for c in result.commits],
                      ["commit", "branch", "paths", "message"])]
    if verbose and result.branches:
        out += ["", "branches:",
                table([[("* " if b.current else "  ") + b.name, b.head[:12], b.commit_count]
                       for b in result.branches], ["branch", "head", "commits"])]
    if result.head_sha and result.base_sha and (verbose or "hazards" in failed_groups):
        out += ["", f"diff {result.base}..{result.head}: {_diff_title(result)}"]
        if result.diff and verbose:
            out.append(table(_diff_rows(result), _diff_headers(result)))
            for text in definition_diffs(result.diff, "base", "head", max_diffs=10):
                out += ["", text]
        elif result.diff:   # quiet: the paths with hazards, and where each change came from
            shown = [e for e in _shown(result) if e.hazards]
            out.append(table(_diff_rows(result, shown), _diff_headers(result)))
            if len(shown) < len(_shown(result)):
                out.append(f"({len(_shown(result)) - len(shown)} path(s) without hazards: -v lists them)")
    tables = [g for g in ("hazards", "alerts", "integrity", "migration", "snapshot") if g in groups]
    for group in tables + [g for g in groups if g not in tables]:
        if not (verbose or group in failed_groups):
            continue
        checks = [c for c in result.checks if c.group == group]
        if group == "hazards" and not result.hazardous:
            continue
        if not verbose:   # a failed group: its failing and accepted rows
            checks = [c for c in checks if c.failed or c.status == "ACCEPTED"]
        out += ["", _TITLES.get(group, group) + ":",
                table([["FAIL" if c.failed else "ok", c.name, c.status, c.message] for c in checks],
                      ["", "check", "status", "message"])]
    for c in failed:
        if c.details:
            out += ["", f"{c.group} / {c.name}:", c.details]
    return out


def _base_lines(result: GateResult) -> List[str]:
    """``base: <ref> = <sha> (<why>); head: ...``, when the gate got that far."""
    if not (result.head_sha and result.base_sha):
        return []
    why = f" ({result.base_reason})" if result.base_reason else ""
    return [f"base: {result.base} = {result.base_sha[:12]}{why}; head: {result.head} = "
            f"{result.head_sha[:12]}" + (" (committed by the gate)" if result.head_committed else "")]


def accepted_lines(result: GateResult) -> List[str]:
    """One line per accepted hazard and lint finding, with where and why it was accepted:
    shown even by a quiet section (nothing is accepted silently)."""
    out = [f"accepted: {path}: {a}" for path, accepted in result.accepted.items() for a in accepted]
    if result.lint is not None:
        out += [f"accepted: {st.name} {f.rule}: {f.accepted}" for st in result.lint.statements
                for f in st.findings if f.accepted is not None]
    return out


_TITLES = {"alerts": "alerts (check_for_alerts)", "integrity": "integrity (validate_data_integrity)",
           "lint": "lint (squawk)", "allow": "allow directives", "updown": "up/down (downgrades)"}


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


#: what a CI runner reads as a workflow command: ``::`` first on a line after blanks
#: (GitHub trims them), and the legacy ``##[`` anywhere in a line
_COMMAND = re.compile(r"(?m)^([ \t\f\v]*):(?=:)|#(?=#\[)")


def printable(text: str) -> str:
    """``text`` with control characters (but newline and tab) shown as ``\\xNN``: an object
    name holding terminal escapes must not rewrite what the CI log shows (V4); and nothing
    in it a CI runner would take for a workflow command: a line's first ``::`` after blanks
    (a name holding a newline then ``::stop-commands::``, the review's W1; a schema file's
    ``RAISE`` text, Z6) and ``##[`` anywhere show their first character as ``\\x3a``/``\\x23``."""
    text = _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)
    return _COMMAND.sub(lambda m: (m.group(1) or "") + ("\\x3a" if m.group(0).endswith(":") else "\\x23"), text)


def write_terminal(terminalreporter: Any, result: GateResult, notes: List[str]) -> None:
    """The ``pggit`` section; quiet unless the gate failed or ``-v`` (see :func:`terminal_lines`):
    a quiet section leaves out the run's notes except the outputs written."""
    tr = terminalreporter
    verbose = (getattr(tr, "verbosity", 0) or 0) > 0
    markup = {"green": True} if result.passed else {"red": True, "bold": True}
    tr.write_sep("=", "pggit", **markup)
    lines = [printable(line) for line in terminal_lines(result, verbose)]
    tr.write_line(lines[0], **markup)
    shown = notes if verbose or not result.passed else [n for n in notes if n in result.outputs]
    for note in shown:
        tr.write_line(printable(f"pggit: {note}"))
    for line in lines[1:]:
        tr.write_line(line)
    if os.environ.get("GITHUB_ACTIONS") == "true":
        rootdir = getattr(getattr(tr, "config", None), "rootpath", None)
        for line in github_annotations(result, rootdir, os.environ.get("GITHUB_WORKSPACE")):
            tr.write_line(line)


# ------------------------------------------------------------------ GitHub annotations
def _gh_escape(text: str, prop: bool = False) -> str:
    """A workflow command's data (or, with ``prop``, property value), escaped as the
    runner expects; other control characters are dropped."""
    text = "".join(ch for ch in text if ch in "\n\r" or ch >= " " and ch != "\x7f")
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if prop else text


def github_annotations(result: GateResult, rootdir: Any = None, workspace: Optional[str] = None) -> List[str]:
    """One ``::error file=F,line=L,title=T::message`` workflow command per failing check:
    GitHub Actions shows it on the file's line in the pull request (printed only when
    ``GITHUB_ACTIONS=true``).  ``file`` is relative to the repository (``workspace``,
    ``$GITHUB_WORKSPACE``), not to pytest's rootdir: a monorepo's project is a folder of
    it (the review's W5)."""
    from pathlib import Path

    def repo_path(file: str) -> str:
        if rootdir is None or not workspace:
            return file
        try:
            return (Path(rootdir) / file).resolve().relative_to(Path(workspace).resolve()).as_posix()
        except ValueError:
            return file

    out = []
    for c in result.failed:
        props = ([f"file={_gh_escape(repo_path(c.file), True)}"] if c.file else []) + (
            [f"line={int(c.line)}"] if c.file and c.line else []) + [
            f"title={_gh_escape(f'pggit {c.group}: {c.name}', True)}"]
        out.append(f"::error {','.join(props)}::{_gh_escape(f'{c.status}: {c.message}')}")
    return out


# ------------------------------------------------------------------ markdown
def _md_escape(text: Any) -> str:
    """Text for a Markdown table cell or summary: no cell breaks, no HTML, no controls, no
    link or image (a table named ``u [Re-run with approval](https://...)`` made a live link
    in the job summary, Z12)."""
    return printable(str(text if text is not None else "")).replace("|", "\\|").replace(
        "\n", " ").replace("<", "&lt;").replace(">", "&gt;").replace("[", "\\[").replace("]", "\\]")


def _fence(text: str, info: str = "") -> "tuple[str, str]":
    """The opening and closing fence of a code block holding ``text``: longer than any run
    of backticks in it, so a name holding ``` cannot close the block early."""
    runs = [len(m) for m in re.findall(r"`+", text)]
    ticks = "`" * max(3, max(runs, default=0) + 1)
    return ticks + info, ticks


def markdown(result: GateResult) -> str:
    icon = "✅" if result.passed else "❌"
    out: List[str] = [f"## {icon} {_md_escape(_headline(result))}", ""]
    if result.server:   # (names and refs escaped like table cells: the review's W6)
        out.append(f"Server: {_md_escape(result.server)}, database `{_md_escape(result.database)}`  ")
    if result.head_sha and result.base_sha:
        why = f" ({_md_escape(result.base_reason)})" if result.base_reason else ""
        out.append(f"Base: {_md_escape(result.base)} `{result.base_sha[:12]}`{why} → head: "
                   f"{_md_escape(result.head)} `{result.head_sha[:12]}`  ")
    out += [_options_line(result), ""]

    def md_table(rows: List[List[Any]], headers: List[str]) -> None:
        out.append(table([[_md_escape(v) for v in r] for r in rows], headers, fmt="github",
                         max_rows=200))
        out.append("")

    failed = result.failed
    if failed:
        out += ["### Failed checks", ""]
        md_table([[c.group, c.name, c.status, c.message] for c in failed],
                 ["group", "check", "status", "message"])
        for c in failed:
            if c.details:
                details = printable(c.details.rstrip())
                opening, closing = _fence(details, "diff" if c.group == "snapshot" else "")
                out += [f"<details><summary>{_md_escape(c.group)} / {_md_escape(c.name)}</summary>", "",
                        opening, details, closing, "", "</details>", ""]
    if result.head_sha and result.base_sha:
        out += [f"### Diff {_md_escape(result.base)} → {_md_escape(result.head)}: {_diff_title(result)}", ""]
        if result.diff:
            md_table(_diff_rows(result), _diff_headers(result))
            diffs = definition_diffs(result.diff, "base", "head", max_diffs=10)
            if diffs:
                text = printable("\n\n".join(diffs))
                opening, closing = _fence(text, "diff")
                out += ["<details><summary>modified definitions</summary>", "", opening,
                        text, closing, "", "</details>", ""]
    titles = {"hazards": "Hazards", "alerts": "Alerts", "integrity": "Integrity",
              "migration": "Migration", "snapshot": "Snapshot", "lint": "Lint (squawk)",
              "allow": "Allow directives", "updown": "Up/down (downgrades)"}
    groups = _groups(result)
    # What the change's author acts on comes first (U12); pgGit's own store (integrity,
    # alerts) and the history tables follow, folded into one block while all is well.
    store = [g for g in ("integrity", "alerts") if g in groups]
    change = ([g for g in ("hazards", "migration", "snapshot", "lint", "updown", "allow") if g in groups]
              + [g for g in groups if g not in titles and g != "gate"])

    def group_table(group: str) -> None:
        checks = [c for c in result.checks if c.group == group]
        if checks:
            out.extend([f"### {titles.get(group, group)}", ""])
            md_table([["❌" if c.failed else "✅", c.name, c.status, c.message] for c in checks],
                     ["", "check", "status", "message"])

    for group in change:
        group_table(group)
    store_checks = [c for c in result.checks if c.group in store]
    fold = not any(c.failed for c in store_checks)
    if fold and (store_checks or result.commits or result.branches):
        parts = [f"{len(store_checks)} store checks OK"] if store_checks else []
        parts += [f"{len(result.commits)} commits"] if result.commits else []
        parts += [f"{len(result.branches)} branches"] if result.branches else []
        out += [f"<details><summary>pgGit store and history: {', '.join(parts)}</summary>", ""]
    for group in store:
        group_table(group)
    if result.commits:
        out += ["### Commits", ""]
        md_table([[f"`{c.short}`", c.branch or "", c.changes, c.message] for c in result.commits],
                 ["commit", "branch", "paths", "message"])
    if result.branches:
        out += ["### Branches", ""]
        md_table([[b.name + (" (current)" if b.current else ""), f"`{b.head[:12]}`", b.commit_count]
                  for b in result.branches], ["branch", "head", "commits"])
    if fold and (store_checks or result.commits or result.branches):
        out += ["</details>", ""]
    return printable("\n".join(out)).rstrip() + "\n"


def write_markdown(result: GateResult, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(markdown(result), encoding="utf-8")


def append_github_summary(result: GateResult) -> str:
    """Append the Markdown to ``$GITHUB_STEP_SUMMARY`` when it is set; returns the path or ''."""
    target = os.environ.get("GITHUB_STEP_SUMMARY")
    if not target:
        return ""
    with open(target, "a", encoding="utf-8") as fh:
        fh.write(markdown(result) + "\n")
    return target


# ------------------------------------------------------------------ junit
def _check_text(c: Check) -> str:
    """A check's status, message and details, as both JUnit reports show it."""
    return f"{c.status}: {c.message}" + (f"\n\n{c.details}" if c.details else "")


def junit_xml(result: GateResult) -> str:
    """One JUnit test case per check, in one test suite ``pggit-gate``."""
    from junit_xml import TestCase, TestSuite, to_xml_report_string

    cases = []
    for c in result.checks:
        case = TestCase(name=c.name, classname=f"pggit.{c.group}", elapsed_sec=round(c.seconds, 6),
                        stdout=_check_text(c), file=c.file, line=c.line)
        if c.failed:
            kind = "error" if c.status == "ERROR" else "failure"
            if kind == "error":
                case.add_error_info(message=c.message[:500], output=c.details or c.message,
                                    error_type=c.group)
            else:
                case.add_failure_info(message=f"{c.status}: {c.message}"[:500],
                                      output=c.details or c.message, failure_type=c.group)
        cases.append(case)
    suite = TestSuite("pggit-gate", cases, hostname=None, timestamp=None,
                      properties={"base": result.base_sha, "base_ref": result.base,
                                  "base_reason": result.base_reason, "head": result.head_sha,
                                  "server": result.server, "verdict": result.verdict()})
    return to_xml_report_string([suite], prettyprint=True, encoding="utf-8")


def write_junit(result: GateResult, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(junit_xml(result), encoding="utf-8")


def add_to_pytest_junitxml(config: Any, result: GateResult) -> Optional[int]:
    """Add the gate's checks to pytest's own ``--junitxml`` file, one test case each
    (classname ``pggit.<group>``, as in ``--pggit-junit``), so a merge gate reading that
    one file sees a failing check as a failing test.  Returns how many were added (0
    without ``--junitxml``, None when pytest's junitxml plugin cannot be reached).  Must
    run before the junitxml plugin's sessionfinish writes the file."""
    from .junitxml_adapter import ExtraCase, add_test_cases

    return add_test_cases(config, [ExtraCase(f"pggit.{c.group}", c.name, c.failed, _check_text(c),
                                             c.seconds, c.file, c.line) for c in result.checks])


# ------------------------------------------------------------------ all of them
def publish(result: GateResult, config: Any) -> List[str]:
    """Every output the options ask for, written once the gate has run: ``--pggit-junit``,
    ``--pggit-report``, the checks in pytest's ``--junitxml`` (with ``--pggit-gate``) and
    ``$GITHUB_STEP_SUMMARY``.  Returns a note per output, for the terminal summary."""
    options = result.options
    notes: List[str] = []
    if options.junit is not None:
        write_junit(result, options.junit)
        notes.append(f"JUnit XML written to {options.junit}")
    if options.report is not None:
        write_markdown(result, options.report)
        notes.append(f"Markdown report written to {options.report}")
    if options.gate:
        added = add_to_pytest_junitxml(config, result)
        if added:
            notes.append(f"gate checks added to --junitxml ({added} test cases, "
                         "classname pggit.<group>)")
        elif added is None and config.getoption("xmlpath", None):
            notes.append("gate checks not added to --junitxml: this pytest's junitxml plugin "
                         "has no xml_key (see pytest_pggit/junitxml_adapter.py)")
    summary = append_github_summary(result)
    if summary:
        notes.append(f"Markdown summary appended to $GITHUB_STEP_SUMMARY ({summary})")
    result.outputs = list(notes)
    return notes
