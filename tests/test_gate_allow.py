"""Accepted hazards and lint findings (``-- pggit: allow``, ``--pggit-allow``), provenance
of every reported path, and the quiet terminal section."""
from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Dict

import pytest

from pytest_pggit.backends import Server

from gate_project import make_project, run_gate

INIT = """CREATE TABLE customers (id bigint PRIMARY KEY, email text NOT NULL, phone text);
CREATE TABLE legacy (id bigint PRIMARY KEY, note text);
INSERT INTO legacy VALUES (1, 'keep me');
"""
DROP = """-- retire the old notes
DROP TABLE legacy;
"""
ALLOWED = """-- pggit: allow data_deletion -- legacy notes were moved to the archive in 4.2
DROP TABLE legacy;
"""


def project(pytester: pytest.Pytester, second: str) -> None:
    make_project(pytester, INIT, second)


def run(pytester: pytest.Pytester, server: Server, *args: str) -> pytest.RunResult:
    return run_gate(pytester, server, "--pggit-report", "gate.md", *args)


def junit(pytester: pytest.Pytester, classname: str) -> Dict[str, ET.Element]:
    root = ET.parse(pytester.path / "gate.xml").getroot()
    return {c.get("name"): c for c in root.iter("testcase") if c.get("classname") == classname}


def test_a_hazard_names_its_file_line_and_statement(pytester: pytest.Pytester,
                                                    pggit_server: Server) -> None:
    project(pytester, DROP)
    result = run(pytester, pggit_server, "--no-pggit-lint")
    assert result.ret == pytest.ExitCode.TESTS_FAILED
    result.stdout.fnmatch_lines([
        "pggit gate: FAILED: 1 of * checks failed (hazards)",
        "REMOVED*public/table/legacy*table*access_exclusive_lock, data_deletion*data-loss*"
        "schema/002_change.sql:2: DROP TABLE legacy;",
        "FAIL*public/table/legacy*data-loss*REMOVED public/table/legacy: *; made by schema/002_change.sql:2; hint: *",
        "hazards / public/table/legacy:",
        "made by schema/002_change.sql:2:",
        "DROP TABLE legacy;",
    ])
    case = junit(pytester, "pggit.hazards")["public/table/legacy"]
    assert "made by schema/002_change.sql:2" in case.find("system-out").text
    assert "schema/002_change.sql:2: DROP TABLE legacy;" in (pytester.path / "gate.md").read_text()


def test_an_allow_comment_with_a_reason_passes_and_says_why(pytester: pytest.Pytester,
                                                            pggit_server: Server) -> None:
    project(pytester, ALLOWED)
    result = run(pytester, pggit_server, "--pggit-snapshot", "schema.snapshot", "--pggit-snapshot-update")
    assert result.ret == 0, result.stdout.str()
    reason = "legacy notes were moved to the archive in 4.2"
    result.stdout.fnmatch_lines(["pggit gate: PASSED*", "hazards: ok: 1 path(s) with hazards *, 1 accepted",
                                 f"accepted: public/table/legacy: data_deletion accepted by "
                                 f"schema/002_change.sql:1: {reason}"])
    case = junit(pytester, "pggit.hazards")["public/table/legacy"]
    assert case.find("failure") is None
    out = case.find("system-out").text
    assert out.startswith("ACCEPTED: ")
    assert f"data_deletion accepted by schema/002_change.sql:1: {reason}" in out
    assert reason in (pytester.path / "gate.md").read_text()
    # the lint finding of the same statement (ban-drop-table) is accepted by the same directive
    lint = junit(pytester, "pggit.lint")
    if lint:
        assert lint["schema/002_change.sql:2"].find("failure") is None
        assert reason in lint["schema/002_change.sql:2"].find("system-out").text
        # and in the Markdown report's lint table, with its reason
        md = (pytester.path / "gate.md").read_text().splitlines()
        assert any("schema/002_change.sql:2" in line and reason in line for line in md), md
    # the same run without the directive fails: nothing is accepted silently
    (pytester.path / "schema" / "002_change.sql").write_text(DROP)
    assert run(pytester, pggit_server, "--pggit-snapshot", "schema.snapshot").ret == 1


def test_an_allow_accepts_only_what_its_own_statement_made(pytester: pytest.Pytester,
                                                          pggit_server: Server) -> None:
    """K7: a directive accepted a hazard of any path of the table its statement touched:
    a reviewed drop of one column accepted another file's unreviewed drop of another
    column, with the first one's reason."""
    make_project(pytester, "CREATE TABLE item (id int PRIMARY KEY, note text, qty int);\n",
                 "-- pggit: allow data_deletion -- note moved to the CMS\nALTER TABLE item DROP COLUMN note;\n")
    (pytester.path / "schema" / "003_more.sql").write_text("ALTER TABLE item DROP COLUMN qty;\n")
    result = run(pytester, pggit_server, "--no-pggit-lint", "--pggit-base", "sql/schema/001_init.sql")
    out = result.stdout.str()
    assert result.ret == pytest.ExitCode.TESTS_FAILED, out
    cases = junit(pytester, "pggit.hazards")
    assert cases["public/table/item/column/note"].find("failure") is None
    assert cases["public/table/item/column/qty"].find("failure") is not None, out
    assert "qty: data_deletion accepted" not in out


def test_a_directive_without_a_reason_is_an_error_at_its_line(pytester: pytest.Pytester,
                                                              pggit_server: Server) -> None:
    project(pytester, "DROP TABLE legacy; -- pggit: allow data_deletion\n")
    result = run(pytester, pggit_server)
    assert result.ret == pytest.ExitCode.TESTS_FAILED
    result.stdout.fnmatch_lines([
        "pggit gate: FAILED: * checks failed (hazards*allow)",
        "FAIL*schema/002_change.sql:1*ERROR*pggit allow directive at schema/002_change.sql:1 "
        "gives no reason*",
    ])
    assert junit(pytester, "pggit.allow")["schema/002_change.sql:1"].find("error") is not None


def test_allow_option_globs_over_paths(pytester: pytest.Pytester, pggit_server: Server) -> None:
    project(pytester, DROP)
    result = run(pytester, pggit_server, "--pggit-allow", "public/table/leg*:data_deletion",
                 "--pggit-allow", "public/table/legacy:ban-drop-table -- archived in 4.2")
    assert result.ret == 0, result.stdout.str()
    out = junit(pytester, "pggit.hazards")["public/table/legacy"].find("system-out").text
    assert "data_deletion accepted by --pggit-allow: --pggit-allow public/table/leg*:data_deletion" in out
    lint = junit(pytester, "pggit.lint")
    if lint:   # the glob over the path the statement made accepts its lint finding too
        text = lint["schema/002_change.sql:2"].find("system-out").text
        assert "ban-drop-table accepted by --pggit-allow: archived in 4.2" in text
    # a glob that matches another path accepts nothing
    assert run(pytester, pggit_server, "--pggit-allow", "public/table/customers:data_deletion",
               "--no-pggit-lint").ret == 1
    result = run(pytester, pggit_server, "--pggit-allow", "no-colon")
    assert result.ret == pytest.ExitCode.USAGE_ERROR


def test_quiet_passing_output_and_verbose_tables(pytester: pytest.Pytester, pggit_server: Server) -> None:
    project(pytester, "ALTER TABLE customers ADD COLUMN note text;\n")
    result = run(pytester, pggit_server, "--pggit-lint-exclude", "prefer-robust-stmts")
    assert result.ret == 0, result.stdout.str()
    lines = result.stdout.lines
    section = lines[next(i for i, l in enumerate(lines) if "= pggit =" in l) + 1:-1]
    # the verdict, a line per group (integrity, alerts, hazards, migration, lint) and the outputs
    assert len(section) <= 9, "\n".join(section)
    result.stdout.fnmatch_lines(["pggit gate: PASSED*", "integrity: ok: * checks OK", "alerts: ok: *",
                                 "hazards: ok: *", "migration: ok: *", "lint: ok: *"])
    assert "commits (HEAD first):" not in result.stdout.str()
    result = run(pytester, pggit_server, "-v")
    assert result.ret == 0
    result.stdout.fnmatch_lines(["commits (HEAD first):", "diff *..HEAD: *",
                                 "ADDED     public/table/customers/column/note*schema/002_change.sql:1: ALTER TABLE*"])


STEP_CONFTEST = '''
import psycopg
from pytest_pggit.steps import Step


def upgrade(database):
    with psycopg.connect(database.dsn, autocommit=True) as conn:   # the tool's own session
        conn.execute("-- pggit: allow data_deletion -- phone numbers live in contacts since 4.1\\n"
                     "ALTER TABLE customers DROP COLUMN phone")


def pytest_pggit_migration_steps(config, root):
    return [Step("app", "0002_drop_phone", "drop phone", upgrade,
                 allow={"ban-drop-column": "the API stopped returning phone in 4.0"})]
'''


def test_a_migration_steps_sql_carries_provenance_and_allows(pytester: pytest.Pytester,
                                                             pggit_server: Server) -> None:
    schema = pytester.path / "schema"
    schema.mkdir()
    (schema / "001_init.sql").write_text(INIT)
    pytester.makepyfile(test_ok="def test_ok(pggit):\n    assert pggit.head()\n")
    pytester.makeconftest(STEP_CONFTEST)
    result = run(pytester, pggit_server, "-v")
    assert result.ret == 0, result.stdout.str()
    result.stdout.fnmatch_lines(["base: sql/schema/001_init.sql = *",
                                 "*public/table/customers/column/phone*app/0002_drop_phone: "
                                 "ALTER TABLE customers DROP COLUMN phone"])
    out = junit(pytester, "pggit.hazards")["public/table/customers/column/phone"].find("system-out").text
    assert ("data_deletion accepted by app/0002_drop_phone:1: phone numbers live in contacts since 4.1"
            in out)
    assert "made by app/0002_drop_phone" in out
    lint = junit(pytester, "pggit.lint")
    if lint:   # squawk installed: the step's captured SQL is linted, at its own lines
        case = lint["app/0002_drop_phone:2"]
        assert case.find("failure") is None
        text = case.find("system-out").text
        assert "ban-drop-column (accepted)" in text
        assert "pggit_allow of app/0002_drop_phone: the API stopped returning phone in 4.0" in text


HOOK = '''
def pytest_pggit_setup(connection):
    connection.execute("ALTER TABLE customers ADD COLUMN note text")
'''


def test_a_change_no_step_made_is_not_given_to_a_step(pytester: pytest.Pytester,
                                                    pggit_server: Server) -> None:
    """The pytest_pggit_setup hook is no migration step: its DDL is the hook's, named by
    the hook's file:line, not given to the step before it."""
    project(pytester, "ALTER TABLE customers ADD COLUMN city text;\n")
    pytester.makeconftest(HOOK)
    result = run(pytester, pggit_server, "-v")
    assert result.ret == 0, result.stdout.str()
    result.stdout.fnmatch_lines([
        "*public/table/customers/column/city*schema/002_change.sql:1: ALTER TABLE customers ADD COLUMN city text;",
        "*public/table/customers/column/note*setup hook conftest.py:1: ALTER TABLE customers ADD COLUMN note text"])


def test_a_unique_key_every_existing_row_shares_fails_with_rows(pytester: pytest.Pytester,
                                                                pggit_server: Server) -> None:
    """K8 (Django's AddField(unique=True, default="x"), preserve_default=False): every
    existing row gets 'x', so the UNIQUE fails as soon as the table has two rows; the
    gate passed it as the fails_on_violations any unique constraint has, and named the
    later DROP DEFAULT as the statement that made the column and the constraint."""
    make_project(pytester, "CREATE TABLE item (id int PRIMARY KEY);\n",
                 "ALTER TABLE item ADD COLUMN code varchar(10) DEFAULT 'x' NOT NULL UNIQUE;\n"
                 "ALTER TABLE item ALTER COLUMN code DROP DEFAULT;\n")
    result = run(pytester, pggit_server, "--no-pggit-lint")
    out = result.stdout.str()
    assert result.ret == pytest.ExitCode.TESTS_FAILED, out
    case = junit(pytester, "pggit.hazards")["public/table/item/constraint/item_code_key"]
    assert case.find("failure") is not None and "fails_with_rows" in case.find("failure").get("message", ""), out
    assert "made by schema/002_change.sql:1" in case.find("system-out").text
    # a default giving each row its own value: no such failure
    (pytester.path / "schema" / "002_change.sql").write_text(
        "ALTER TABLE item ADD COLUMN code uuid DEFAULT gen_random_uuid() NOT NULL UNIQUE;\n")
    result = run(pytester, pggit_server, "--no-pggit-lint")
    assert result.ret == 0, result.stdout.str()


def test_an_allow_still_accepts_when_a_later_file_names_the_column(pytester: pytest.Pytester,
                                                                   pggit_server: Server) -> None:
    """The review of K7 (R3): the statement naming the column last (a later SET DEFAULT)
    was taken as the maker, and the narrowing's own directive no longer counted."""
    make_project(pytester, "CREATE TABLE item (id int PRIMARY KEY, code text);\n",
                 "-- pggit: allow data_deletion -- codes are 10 characters since 4.2\n"
                 "ALTER TABLE item ALTER COLUMN code TYPE varchar(10);\n")
    (pytester.path / "schema" / "003_default.sql").write_text("ALTER TABLE item ALTER COLUMN code SET DEFAULT 'none';\n")
    result = run(pytester, pggit_server, "--no-pggit-lint", "--pggit-base", "sql/schema/001_init.sql")
    assert result.ret == 0, result.stdout.str()


def test_a_unique_key_added_after_a_backfill_does_not_fail_with_rows(pytester: pytest.Pytester,
                                                                     pggit_server: Server) -> None:
    """The review of K8 (R5): Django's recipe for a new unique field adds it with a
    one-off default, backfills distinct values in another step, then adds the UNIQUE:
    no row shares a key then."""
    make_project(pytester, "CREATE TABLE item (id int PRIMARY KEY);\n",
                 "ALTER TABLE item ADD COLUMN code varchar(40) DEFAULT 'x' NOT NULL;\n")
    (pytester.path / "schema" / "003_unique.sql").write_text(
        "UPDATE item SET code = id::text;\nALTER TABLE item ADD CONSTRAINT item_code_key UNIQUE (code);\n")
    result = run(pytester, pggit_server, "--no-pggit-lint", "--pggit-base", "sql/schema/001_init.sql")
    assert result.ret == 0, result.stdout.str()


def test_a_constraint_added_inline_is_made_by_its_column_statement(pytester: pytest.Pytester,
                                                                   pggit_server: Server) -> None:
    """M3 (healthchecks, Django's AddField(unique=True)): a constraint PostgreSQL names
    after a column added with it inline (``ADD COLUMN ext uuid UNIQUE``: item_ext_key)
    was given to the newest statement adding anything to the table, and that later
    file's allow accepted it."""
    make_project(pytester, "CREATE TABLE item (id int PRIMARY KEY);\n",
                 "ALTER TABLE item ADD COLUMN ext uuid UNIQUE;\n")
    (pytester.path / "schema" / "003_note.sql").write_text(
        "-- pggit: allow fails_on_violations -- note is new, no rows violate it\n"
        "ALTER TABLE item ADD COLUMN note text;\n")
    result = run(pytester, pggit_server, "--no-pggit-lint", "--pggit-base", "sql/schema/001_init.sql",
                 "--pggit-fail-on-hazard", "high")
    out = result.stdout.str()
    assert result.ret == pytest.ExitCode.TESTS_FAILED, out
    case = junit(pytester, "pggit.hazards")["public/table/item/constraint/item_ext_key"]
    assert case.find("failure") is not None, out
    assert "made by schema/002_change.sql:1" in case.find("system-out").text


def test_allow_names_are_checked_and_a_file_directive_accepts_irreversible(tmp_path: Path) -> None:
    """The review (W3, W4): ``data-deletion`` (a hyphen) was taken for a squawk rule and
    never reported; ``-- pggit: allow irreversible -- why`` in a SQL step passed the name
    check but accepted nothing."""
    from types import SimpleNamespace

    from pytest_pggit.allow import Allowances
    from pytest_pggit.config import GateOptions
    from pytest_pggit.gate import GateResult, _unknown_kinds
    from pytest_pggit.steps import Step
    from pytest_pggit.updown import irreversible

    step = Step("alembic", "r2", "r2", upgrade=lambda db: None, source="versions/r2.py",
                allow={"data-deletion": "x", "ban-drop-column": "y", "irreversible": "z"})
    run = SimpleNamespace(steps=[SimpleNamespace(step=step, tag=step.tag)])
    result = GateResult(options=GateOptions())
    result.hazard_kinds = {"data_deletion": ("data-loss", 1, "")}
    found = _unknown_kinds(run, result, Allowances())
    assert [c.message for c in found] == [
        "alembic/r2 pggit_allow names 'data-deletion', which is no hazard kind, squawk rule or "
        "'irreversible': it accepts nothing; did you mean 'data_deletion'?"]
    (tmp_path / "002.sql").write_text("-- pggit: allow irreversible -- the archive is gone for good\n"
                                      "DROP TABLE archive;\n")
    sql = Step("sql", "002.sql", "002", upgrade=lambda db: None, downgrade=lambda db: None, source="002.sql")
    assert irreversible(SimpleNamespace(step=sql, tag=sql.tag), GateOptions(), tmp_path) == \
        "002.sql:1: the archive is gone for good"
