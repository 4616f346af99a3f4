"""The documentation is checked against the product.

* docs/course.md: every ```sql block runs, in order, through the real psql on a fresh
  database with the layer installed; the ```bash blocks (the CI recipe) run in a
  scratch directory with libpq's environment pointing at that database.
* the example tests (```python blocks with a test function) pass under `pytest --pggit`.
* docs/reference.md names every public pggit_v0 function of the installed layer, every
  option, ini key, fixture, marker and hook the plugin registers, and every public
  method of the Repo API, so the reference cannot silently fall behind.
"""
from __future__ import annotations

import inspect
import os
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import SqlDb, install
from course import blocks as course_blocks

DOCS = Path(__file__).resolve().parents[2] / "docs"
COURSE = DOCS / "course.md"
REFERENCE = DOCS / "reference.md"

RUNNABLE = {"sql", "bash"}
NOT_RUN = {"text", "python", "ini", "console"}


@dataclass
class Block:
    heading: str
    lang: str
    code: str


def doc_blocks(path: Path) -> list[Block]:
    """Every fenced block of a markdown file, with the heading it sits under."""
    out: list[Block] = []
    heading = ""
    pattern = re.compile(r"(?m)^(#{1,4} [^\n]*)$|^```(\w*)\n(.*?)^```", re.DOTALL)
    for m in pattern.finditer(path.read_text()):
        if m.group(1):
            heading = m.group(1).lstrip("#").strip()
        else:
            out.append(Block(heading, m.group(2), m.group(3)))
    return out


def libpq_env(d: SqlDb) -> dict[str, str]:
    info = d.conn.info
    env = {"PGHOST": info.host, "PGPORT": str(info.port), "PGUSER": info.user, "PGDATABASE": d.name}
    if info.password:
        env["PGPASSWORD"] = info.password
    return env


def test_every_block_says_whether_it_runs() -> None:
    langs = {b.lang for b in doc_blocks(COURSE)}
    assert langs <= RUNNABLE | NOT_RUN, f"untagged or unknown fences in course.md: {langs - RUNNABLE - NOT_RUN}"


def test_course_keeps_every_exercise_of_the_original() -> None:
    original = {b.heading for b in course_blocks()}
    exercises = sorted(h.split(":")[0] for h in original if h.startswith("Exercise"))
    assert len(exercises) == 10
    text = COURSE.read_text()
    for exercise in exercises:
        assert re.search(rf"(?m)^#### {exercise}:", text), f"{exercise} is missing from docs/course.md"
    for session in ("Session 1", "Session 2", "Session 3", "Session 4"):
        assert re.search(rf"(?m)^## {session}:", text), f"{session} is missing"


def test_course_sql_runs_in_order(empty_db: SqlDb, tmp_path: Path) -> None:
    d = empty_db
    install(d)
    env = dict(os.environ, **libpq_env(d))
    ran = 0
    for n, b in enumerate(doc_blocks(COURSE), 1):
        if b.lang == "sql":
            proc = d.psql(sql=b.code, check=False)
        elif b.lang == "bash":
            proc = subprocess.run(["bash", "-euo", "pipefail", "-c", b.code], cwd=tmp_path, env=env,
                                  capture_output=True, text=True, check=False)
        else:
            continue
        ran += 1
        assert proc.returncode == 0 and "ERROR:" not in proc.stderr, (
            f"docs/course.md block {n} ({b.lang}) under '{b.heading}' failed:\n{b.code}\n"
            f"--- stdout\n{proc.stdout[-3000:]}\n--- stderr\n{proc.stderr[-3000:]}")
    assert ran >= 20

    # What the text says the lab ends with.
    assert d.rows("SELECT * FROM pggit_v0.status()") == []
    assert all(r["status"] == "OK" for r in d.rows("SELECT * FROM pggit_v0.validate_data_integrity()"))
    script = (tmp_path / "migration.sql").read_text()
    assert script.startswith("-- pgGit migration production") and "COMMENT ON TABLE training.api_logs" in script
    assert "|" not in script  # a script, not psql's table output
    branches = {r["name"] for r in d.rows("SELECT name FROM pggit_v0.list_branches()")}
    assert not any(b.startswith("feature/") and b != "feature/new-name" for b in branches)
    columns = [r["column_name"] for r in d.rows(
        "SELECT column_name FROM information_schema.columns WHERE table_schema = 'training' "
        "AND table_name = 'customers' ORDER BY ordinal_position")]
    assert columns == ["id", "name", "email", "phone", "address", "status", "account_type", "loyalty_points"]
    assert d.val("SELECT column_default FROM information_schema.columns WHERE table_schema = 'training' "
                 "AND table_name = 'customers' AND column_name = 'status'") == "'active'::character varying"


def test_reference_names_every_public_function(empty_db: SqlDb) -> None:
    install(empty_db)
    functions = [r["proname"] for r in empty_db.rows(
        "SELECT DISTINCT p.proname FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace "
        r"WHERE n.nspname = 'pggit_v0' AND p.proname NOT LIKE '\_%' "
        r"AND p.proname NOT LIKE 'pggit\_v0.%' ORDER BY 1")]
    assert len(functions) > 20
    text = REFERENCE.read_text()
    missing = [f for f in functions if not re.search(rf"(?m)^### `{re.escape(f)}\(", text)]
    assert not missing, f"docs/reference.md has no '### `name(...)`' section for: {missing}"
    # and nothing documented that the layer does not have
    documented = set(re.findall(r"(?m)^### `(\w+)\(", text))
    assert documented - set(functions) == set(), f"documented but not installed: {documented - set(functions)}"
    # the quoted line under each function heading is its COMMENT, word for word
    comments = {r["proname"]: r["c"] for r in empty_db.rows(
        "SELECT p.proname, obj_description(p.oid, 'pg_proc') AS c FROM pg_proc p "
        r"WHERE p.pronamespace = 'pggit_v0'::regnamespace AND p.proname NOT LIKE '\_%'")}
    quotes = re.findall(r"(?ms)^### `(\w+)\(.*?^> (.*?)$", text)
    assert len({name for name, _ in quotes}) == len(functions)
    for name, quoted in quotes:
        assert quoted == comments.get(name), f"reference.md quotes for {name}: {quoted!r}; COMMENT: {comments.get(name)!r}"
    # every hazard of the vocabulary, with its severity
    for h in empty_db.rows("SELECT hazard, severity FROM pggit_v0.hazard_kinds()"):
        assert re.search(rf"`{h['hazard']}`\s*\|\s*{re.escape(h['severity'])}\s*\|", text), h


def test_reference_names_every_option_ini_key_fixture_marker_and_hook(pytester: pytest.Pytester) -> None:
    text = REFERENCE.read_text()
    help_out = pytester.runpytest("--help").stdout.str()
    options = set(re.findall(r"(--pggit[-a-z]*)", help_out))
    ini_keys = set(re.findall(r"(?m)^\s+(pggit[_a-z]*) \(", help_out))
    assert "--pggit-dsn" in options and "pggit_dsn" in ini_keys
    for name in sorted(options | ini_keys):
        assert f"`{name}`" in text, f"docs/reference.md does not mention {name}"

    fixtures_out = pytester.runpytest("--fixtures").stdout.str()
    fixtures = set(re.findall(r"(?m)^(pggit\w*)\b", fixtures_out))
    assert {"pggit", "pggit_conn", "pggit_isolated_db"} <= fixtures
    for name in sorted(fixtures):
        assert re.search(rf"`{name}`", text), f"docs/reference.md does not mention fixture {name}"

    markers_out = pytester.runpytest("--markers").stdout.str()
    for name in re.findall(r"@pytest\.mark\.(pggit\w*)", markers_out):
        assert "pggit_branch" in text and f"`@pytest.mark.{name}" in text, name

    from pytest_pggit import hookspecs as hooks

    for name in (n for n in dir(hooks) if n.startswith("pytest_pggit")):
        assert f"`{name}" in text, f"docs/reference.md does not mention hook {name}"


def test_reference_names_every_repo_method() -> None:
    import pytest_pggit
    from pytest_pggit.repo import Repo

    text = REFERENCE.read_text()
    methods = [n for n, _ in inspect.getmembers(Repo, inspect.isfunction) if not n.startswith("_")]
    missing = [m for m in methods if f"`{m}(" not in text]
    assert not missing, f"docs/reference.md does not describe Repo methods: {missing}"
    for name in pytest_pggit.__all__:
        assert f"`{name}`" in text, f"docs/reference.md does not mention pytest_pggit.{name}"


def test_course_python_tests_pass(pytester: pytest.Pytester, pggit_server) -> None:
    """The plugin section's example tests run, as written, in a real pytest session."""
    examples = [b.code for b in doc_blocks(COURSE) if b.lang == "python" and "def test_" in b.code]
    assert len(examples) >= 2
    pytester.makepyfile(**{f"test_example_{i}": code for i, code in enumerate(examples)})
    result = pytester.runpytest("--pggit", "--pggit-backend", "dsn", "--pggit-dsn", pggit_server.dsn(),
                                "-p", "no:randomly")
    result.assert_outcomes(passed=len(examples))
