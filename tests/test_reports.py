"""The gate's reports: JUnit XML (parsed case by case, also under -n 2), Markdown
(--pggit-report) and the GitHub step summary."""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Dict, List

import pytest

from pytest_pggit.backends import Server

SCHEMA = """
CREATE TABLE customers (id int PRIMARY KEY, email text NOT NULL);
CREATE TABLE legacy (id int PRIMARY KEY, note text);
INSERT INTO legacy VALUES (1, 'keep me');
"""

HOOK = """
def pytest_pggit_setup(connection):
    connection.execute("SELECT pggit_v0.create_basic_commit('release 1')")
    connection.execute("SELECT pggit_v0.create_tag('v1')")
    connection.execute("DROP TABLE legacy")
    connection.execute("ALTER TABLE customers ALTER COLUMN email TYPE varchar(100)")
"""

TESTS = """
import pytest

@pytest.mark.parametrize("i", range(4))
def test_app(i, pggit):
    assert pggit.head()
"""


def args(server: Server, *extra: str) -> List[str]:
    return ["--pggit", "--pggit-backend", "dsn", "--pggit-dsn", server.dsn(), "-p", "no:randomly",
            "--pggit-schema", "schema.sql", "--pggit-gate", "--pggit-base", "v1",
            "--pggit-snapshot", "schema.snapshot", "--pggit-junit", "out/pggit.xml",
            "--no-pggit-lint",   # the hook's DROP TABLE would be a lint finding too: not this file's topic
            *extra]


@pytest.fixture
def project(pytester: pytest.Pytester) -> pytest.Pytester:
    (pytester.path / "schema.sql").write_text(SCHEMA)
    pytester.makeconftest(HOOK)
    pytester.makepyfile(test_app=TESTS)
    return pytester


def cases(path: Path) -> Dict[str, ET.Element]:
    root = ET.parse(path).getroot()
    assert root.tag == "testsuites"
    (suite,) = root.findall("testsuite")
    assert suite.get("name") == "pggit-gate"
    found = {f"{c.get('classname')}::{c.get('name')}": c for c in suite.findall("testcase")}
    assert int(suite.get("tests")) == len(found)
    assert int(suite.get("failures")) == sum(c.find("failure") is not None for c in found.values())
    return found


def check_junit(path: Path) -> None:
    found = cases(path)
    integrity = {k: c for k, c in found.items() if k.startswith("pggit.integrity::")}
    alerts = {k: c for k, c in found.items() if k.startswith("pggit.alerts::")}
    assert "pggit.integrity::commit_content" in integrity and len(integrity) >= 12
    assert {"pggit.alerts::integrity", "pggit.alerts::capture", "pggit.alerts::head"} <= set(alerts)
    for c in list(integrity.values()) + list(alerts.values()):
        assert c.find("failure") is None and c.find("error") is None
        assert c.find("system-out").text.startswith("OK: ")
    # one case per hazardous path: the dropped table (data loss) and the narrowed column
    legacy = found["pggit.hazards::public/table/legacy"]
    fail = legacy.find("failure")
    assert fail.get("type") == "hazards"
    assert fail.get("message").startswith(
        "data-loss: REMOVED public/table/legacy: access_exclusive_lock "
        "(medium), data_deletion (data-loss); made by setup hook conftest.py:1; hint: ")
    assert "accept it: --pggit-allow 'public/table/legacy:data_deletion'" in fail.get("message")
    assert "DROP TABLE IF EXISTS public.legacy;" in fail.text
    email = found["pggit.hazards::public/table/customers/column/email"].find("failure")
    assert email is not None and "data_deletion" in email.get("message")
    assert "ALTER COLUMN email TYPE character varying(100)" in email.text
    migration = found["pggit.migration::v1..HEAD"]
    assert migration.find("failure") is None
    # the snapshot does not exist yet: that case fails, saying how to create it
    snap = found["pggit.snapshot::schema.snapshot"].find("failure")
    assert "does not exist: run with --pggit-snapshot-update" in snap.get("message")
    props = {p.get("name"): p.get("value") for p in ET.parse(path).getroot().iter("property")}
    assert props["verdict"] == "FAILED" and len(props["head"]) == 64


def test_junit_one_case_per_check(project: pytest.Pytester, pggit_server: Server) -> None:
    result = project.runpytest(*args(pggit_server))
    result.assert_outcomes(passed=4)
    assert result.ret == 1
    check_junit(project.path / "out" / "pggit.xml")
    result.stdout.fnmatch_lines(["pggit: JUnit XML written to */out/pggit.xml"])


def test_gate_checks_also_land_in_pytests_junitxml(project: pytest.Pytester, pggit_server: Server) -> None:
    result = project.runpytest(*args(pggit_server, "--junitxml", "pytest.xml"))
    assert result.ret == 1
    root = ET.parse(project.path / "pytest.xml").getroot()
    found = {f"{c.get('classname')}::{c.get('name')}": c for c in root.iter("testcase")}
    assert sum(k.startswith("test_app::test_app[") for k in found) == 4
    legacy = found["pggit.hazards::public/table/legacy"]
    assert "data_deletion (data-loss)" in legacy.find("failure").get("message")
    assert found["pggit.integrity::commit_content"].find("failure") is None
    (suite,) = root.iter("testsuite")
    gate_failures = sum(1 for k, c in found.items() if k.startswith("pggit.") and c.find("failure") is not None)
    assert gate_failures == 3 and int(suite.get("failures")) == 3
    result.stdout.fnmatch_lines(["pggit: gate checks added to --junitxml (* test cases, classname pggit.<group>)"])


def test_junit_under_xdist_written_by_the_controller(project: pytest.Pytester,
                                                     pggit_server: Server) -> None:
    result = project.runpytest_subprocess(*args(pggit_server, "-n", "2"))
    result.assert_outcomes(passed=4)
    assert result.ret == 1
    text = result.stdout.str()
    assert text.count("= pggit =") == 1  # one report, from the controller
    check_junit(project.path / "out" / "pggit.xml")
    assert list((project.path / "out").iterdir()) == [project.path / "out" / "pggit.xml"]


def test_junit_all_passing(project: pytest.Pytester, pggit_server: Server) -> None:
    project.runpytest(*args(pggit_server, "--pggit-snapshot-update"))
    result = project.runpytest(*args(pggit_server, "--pggit-fail-on-hazard", "none"))
    assert result.ret == 0
    found = cases(project.path / "out" / "pggit.xml")
    assert all(c.find("failure") is None for c in found.values())
    assert found["pggit.hazards::public/table/legacy"].find("system-out").text.startswith("data-loss")


def test_markdown_report_and_github_step_summary(project: pytest.Pytester, pggit_server: Server,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    summary = project.path / "step_summary.md"
    summary.write_text("earlier step\n")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    result = project.runpytest(*args(pggit_server, "--pggit-report", "report.md"))
    assert result.ret == 1
    result.stdout.fnmatch_lines([
        "pggit: Markdown report written to */report.md",
        f"pggit: Markdown summary appended to $GITHUB_STEP_SUMMARY ({summary})",
    ])
    md = (project.path / "report.md").read_text()
    assert md.startswith("## ❌ pggit gate: FAILED: 3 of ")
    assert "checks failed (hazards, snapshot)" in md.splitlines()[0]
    assert "### Failed checks" in md
    assert "| hazards | public/table/legacy | data-loss |" in re.sub(" +", " ", md)
    assert "### Diff v1 → HEAD: " in md
    assert "<summary>modified definitions</summary>" in md
    assert "-email text NOT NULL" in md and "+email character varying(100) NOT NULL" in md
    # what the author acts on first; pgGit's own store and the history folded after it (U12)
    order = ["### Hazards", "### Migration", "### Snapshot", "<details><summary>pgGit store and history: ",
             "### Integrity", "### Alerts", "### Commits", "### Branches", "</details>"]
    at = [md.find(order[0])]
    for title in order[1:]:   # each after the one before
        at.append(md.find(title, at[-1] + 1) if at[-1] >= 0 else -1)
    assert -1 not in at, list(zip(order, at))
    assert re.search(r"<summary>pgGit store and history: \d+ store checks OK, \d+ commits, "
                     r"\d+ branches</summary>", md), md
    # tables are GitHub Markdown
    assert "|----" in md.replace(":", "-")
    # appended, not overwritten
    assert summary.read_text() == "earlier step\n" + md + "\n"


def test_reports_without_gate_do_not_fail(project: pytest.Pytester, pggit_server: Server) -> None:
    a = [x for x in args(pggit_server) if x != "--pggit-gate"]
    result = project.runpytest(*a, "--pggit-report", "report.md")
    assert result.ret == 0  # reported, not enforced
    assert (project.path / "report.md").read_text().startswith("## ❌ pggit gate: FAILED")
    assert cases(project.path / "out" / "pggit.xml")


def test_control_characters_in_names_do_not_reach_the_terminal_or_markdown(
        pytester: pytest.Pytester, pggit_server: Server, monkeypatch: pytest.MonkeyPatch) -> None:
    """V4 (security round 2): a migration's table name holding terminal escapes (window
    title, clear screen) was printed raw in the pggit section: a change could repaint
    the CI log above.  They show as ``\\x1b`` now; Markdown gets no raw HTML either."""
    name = "x\x1b]0;owned\x07\x1b[2J\x1b[Hfake <b>"
    (pytester.path / "schema.sql").write_text(SCHEMA + f'CREATE TABLE "{name}" (id int);\n')
    pytester.makeconftest(HOOK.replace('connection.execute("DROP TABLE legacy")',
                                       f'connection.execute(\'DROP TABLE "{name}"\')'))
    pytester.makepyfile(test_app=TESTS)
    summary = pytester.path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    result = pytester.runpytest(*args(pggit_server, "-v"))
    out = result.stdout.str()
    assert result.ret == 1, out
    assert "\x1b]0;" not in out and "\x1b[2J" not in out and "\x07" not in out
    assert "x\\x1b]0;owned\\x07\\x1b[2J\\x1b[Hfake <b>" in out, out
    md = summary.read_text()
    assert "\x1b" not in md and "fake &lt;b&gt;" in md, md
    assert not [line for line in md.splitlines() if line.startswith("|") and "<b>" in line], md


def test_names_cannot_start_workflow_commands_or_break_out_of_hints() -> None:
    """The review (W1, W9, W3): a name holding a newline then ``::stop-commands::`` made
    a line GitHub's runner takes for a workflow command; a hint pasted into a shell ran
    a command from a table's name, and a table named ``*`` gave an allow of every table;
    ``data-deletion`` (hyphen) was taken for a squawk rule and never reported."""
    import shlex

    from pytest_pggit.gate import accept_hint
    from pytest_pggit.report import printable

    text = printable("REMOVED public/table/x\n::stop-commands::tok\n  \t::warning::y ##[error]z a::b")
    assert not [line for line in text.splitlines() if line.lstrip(" \t").startswith("::")], text
    assert "##[" not in text, text
    assert text == "REMOVED public/table/x\n\\x3a:stop-commands::tok\n  \t\\x3a:warning::y \\x23#[error]z a::b"
    evil = "public/table/a'; touch /tmp/pwned; echo '"
    hint = accept_hint("data_deletion", None, None, None, evil)
    assert shlex.split(hint) == ["--pggit-allow", f"{evil}:data_deletion"], hint
    assert accept_hint("data_deletion", None, None, None, "public/table/*") == \
        "--pggit-allow 'public/table/[*]:data_deletion'"


@pytest.mark.parametrize("schema", [
    "DO $d$ BEGIN RAISE EXCEPTION E'boom\\n::error file=app.py,line=1::injected\\n  ::add-mask::x'; END $d$;\n",
    'CREATE TABLE public."t ##[error]spoofed" (id int);\nCREATE TABLE public."u\n ::warning::w" (id int);\n',
])
def test_a_schema_files_text_starts_no_workflow_command(pytester: pytest.Pytester, pggit_server: Server,
                                                        monkeypatch: pytest.MonkeyPatch, schema: str) -> None:
    """Security round 3 (Z6): a schema file's RAISE text reached the fixture error and the
    stop line as is, and a line's ``::`` after blanks, or ``##[`` anywhere, is a workflow
    command to GitHub's runner (annotations, ``::add-mask::``, ``::stop-commands::``)."""
    (pytester.path / "schema.sql").write_text(schema)
    pytester.makepyfile(test_app="def test_one(pggit_db):\n    pass\n")
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    result = pytester.runpytest("--pggit", "--pggit-backend", "dsn", "--pggit-dsn", pggit_server.dsn(),
                                "--pggit-schema", "schema.sql", "--pggit-gate", "--pggit-base", "root",
                                "-p", "no:randomly", "-v")
    lines = (result.stdout.str() + "\n" + result.stderr.str()).splitlines()
    ours = [line for line in lines if line.startswith("::error ") and "title=pggit gate" in line]
    assert all("\n" not in line and "%0A" in line for line in ours), ours   # its data escaped
    assert not [line for line in lines if line not in ours
                and (line.lstrip().startswith("::") or "##[" in line)], "\n".join(lines)
    out = "\n".join(lines)
    assert ("\\x3a:error file=app.py" in out) if "RAISE" in schema else ("t \\x23#[error]spoofed" in out), out


def test_markdown_cells_make_no_links_or_images() -> None:
    """Security round 3 (Z12): a table named ``u [Re-run with approval](https://...)``
    was a live link in the job summary's diff table, an image too with ``![](...)``."""
    from pytest_pggit.report import _md_escape

    cell = _md_escape("public/table/u [Re-run with approval](https://evil.example/login) ![](https://e/px.png)")
    assert re.search(r"(?<!\\)[\[\]]", cell) is None, cell
    assert cell == ("public/table/u \\[Re-run with approval\\](https://evil.example/login) "
                    "!\\[\\](https://e/px.png)")
