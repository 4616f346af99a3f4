"""The gate's reports: the terminal section, Markdown (--pggit-report,
GITHUB_STEP_SUMMARY) and JUnit XML (--pggit-junit)."""
from __future__ import annotations

import os
from pathlib import Path
from typing import Any, List, Optional

from .formatting import definition_diffs, table
from .gate import Check, GateResult

GROUPS = ("integrity", "alerts", "hazards", "migration", "snapshot", "updown", "gate")


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


def _diff_rows(result: GateResult) -> List[List[Any]]:
    return [[e.change, e.path, e.object_type, ", ".join(e.hazards or ()) or "",
             result.path_severity(e) if e.hazards else ""] for e in _shown(result)]


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
    groups = sorted({c.group for c in failed}, key=GROUPS.index)
    return (f"pggit gate: FAILED: {len(failed)} of {len(result.checks)} checks failed "
            f"({', '.join(groups)})")


def _options_line(result: GateResult) -> str:
    o = result.options
    return (f"fail on alerts >= {o.fail_on}, hazards >= {o.fail_on_hazard}"
            + (f", snapshot {result.drift.path}" if result.drift else ""))


# ------------------------------------------------------------------ terminal
def terminal_lines(result: GateResult) -> List[str]:
    """The pggit section's body (after its separator line)."""
    out: List[str] = [_headline(result)]
    if result.server:
        out.append(f"server: {result.server}, database {result.database}")
    out += _base_lines(result)
    out.append(_options_line(result))
    if result.commits:
        out += ["", "commits (HEAD first):",
                table([[c.short, c.branch or "", c.changes, c.message] for c in result.commits],
                      ["commit", "branch", "paths", "message"])]
    if result.branches:
        out += ["", "branches:",
                table([[("* " if b.current else "  ") + b.name, b.head[:12], b.commit_count]
                       for b in result.branches], ["branch", "head", "commits"])]
    if result.head_sha and result.base_sha:
        out += ["", f"diff {result.base}..{result.head}: {_diff_title(result)}"]
        if result.diff:
            out.append(table(_diff_rows(result), ["change", "path", "type", "hazards", "severity"]))
            for text in definition_diffs(result.diff, "base", "head", max_diffs=10):
                out += ["", text]
    for group, title in (("hazards", "hazards"), ("alerts", "alerts (check_for_alerts)"),
                         ("integrity", "integrity (validate_data_integrity)"),
                         ("migration", "migration"), ("snapshot", "snapshot"),
                         ("updown", "up/down (downgrades)"), ("gate", "gate")):
        checks = [c for c in result.checks if c.group == group]
        if not checks or (group == "hazards" and not result.hazardous):
            continue
        out += ["", title + ":",
                table([["FAIL" if c.failed else "ok", c.name, c.status, c.message] for c in checks],
                      ["", "check", "status", "message"])]
    for c in result.failed:
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


def write_terminal(terminalreporter: Any, result: GateResult, notes: List[str]) -> None:
    tr = terminalreporter
    markup = {"green": True} if result.passed else {"red": True, "bold": True}
    tr.write_sep("=", "pggit", **markup)
    lines = terminal_lines(result)
    tr.write_line(lines[0], **markup)
    for note in notes:
        tr.write_line(f"pggit: {note}")
    for line in lines[1:]:
        tr.write_line(line)


# ------------------------------------------------------------------ markdown
def _md_escape(text: Any) -> str:
    return str(text if text is not None else "").replace("|", "\\|").replace("\n", " ")


def markdown(result: GateResult) -> str:
    icon = "✅" if result.passed else "❌"
    out: List[str] = [f"## {icon} {_headline(result)}", ""]
    if result.server:
        out.append(f"Server: {result.server}, database `{result.database}`  ")
    if result.head_sha and result.base_sha:
        why = f" ({_md_escape(result.base_reason)})" if result.base_reason else ""
        out.append(f"Base: {result.base} `{result.base_sha[:12]}`{why} → head: {result.head} "
                   f"`{result.head_sha[:12]}`  ")
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
                out += [f"<details><summary>{_md_escape(c.group)} / {_md_escape(c.name)}</summary>", "",
                        "```diff" if c.group == "snapshot" else "```", c.details.rstrip(), "```",
                        "", "</details>", ""]
    if result.head_sha and result.base_sha:
        out += [f"### Diff {result.base} → {result.head}: {_diff_title(result)}", ""]
        if result.diff:
            md_table(_diff_rows(result), ["change", "path", "type", "hazards", "severity"])
            diffs = definition_diffs(result.diff, "base", "head", max_diffs=10)
            if diffs:
                out += ["<details><summary>modified definitions</summary>", "", "```diff",
                        "\n\n".join(diffs), "```", "", "</details>", ""]
    for group, title in (("hazards", "Hazards"), ("alerts", "Alerts"), ("integrity", "Integrity"),
                         ("migration", "Migration"), ("snapshot", "Snapshot"),
                         ("updown", "Up/down (downgrades)")):
        checks = [c for c in result.checks if c.group == group]
        if not checks:
            continue
        out += [f"### {title}", ""]
        md_table([["❌" if c.failed else "✅", c.name, c.status, c.message] for c in checks],
                 ["", "check", "status", "message"])
    if result.commits:
        out += ["### Commits", ""]
        md_table([[f"`{c.short}`", c.branch or "", c.changes, c.message] for c in result.commits],
                 ["commit", "branch", "paths", "message"])
    if result.branches:
        out += ["### Branches", ""]
        md_table([[b.name + (" (current)" if b.current else ""), f"`{b.head[:12]}`", b.commit_count]
                  for b in result.branches], ["branch", "head", "commits"])
    return "\n".join(out).rstrip() + "\n"


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
                        stdout=_check_text(c))
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
                                             c.seconds) for c in result.checks])


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
    return notes
