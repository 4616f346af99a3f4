"""Lint in the gate: squawk's findings on the steps since the base, as gate cases
``pggit.lint::<file>:<line>`` (real squawk from PyPI, real pytest runs through pytester)."""
from __future__ import annotations

import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import List

import pytest

from pytest_pggit.backends import Server

from gate_project import make_project, run_gate
from pytest_pggit.lint import find_squawk

INIT = "CREATE TABLE customers (id bigint PRIMARY KEY, email text NOT NULL, phone text);\n"
INDEX = """-- the phone lookup of the support screen
SELECT 1;

CREATE INDEX customers_phone_idx
    ON customers (phone);
"""

needs_squawk = pytest.mark.skipif(find_squawk() is None,
                                  reason="squawk-cli is not installed (pip install 'pytest-pggit[lint]')")


def project(pytester: pytest.Pytester, second: str) -> None:
    make_project(pytester, INIT, second)


def run(pytester: pytest.Pytester, server: Server, *args: str) -> pytest.RunResult:
    return run_gate(pytester, server, *args)


def cases(pytester: pytest.Pytester, classname: str) -> List[ET.Element]:
    root = ET.parse(pytester.path / "gate.xml").getroot()
    return [c for c in root.iter("testcase") if c.get("classname") == classname]


@needs_squawk
def test_index_without_concurrently_is_a_finding_at_its_file_and_line(
        pytester: pytest.Pytester, pggit_server: Server) -> None:
    project(pytester, INDEX)
    result = run(pytester, pggit_server)   # default --pggit-fail-on-lint high: reported, passes
    assert result.ret == 0, result.stdout.str()
    lint = {c.get("name"): c for c in cases(pytester, "pggit.lint")}
    assert set(lint) == {"schema/002_change.sql:4", "squawk"}
    case = lint["schema/002_change.sql:4"]
    assert case.find("failure") is None
    text = case.find("system-out").text
    assert "require-concurrent-index-creation (low): During normal index creation" in text
    assert "CREATE INDEX customers_phone_idx\n    ON customers (phone);" in text
    result = run(pytester, pggit_server, "--pggit-fail-on-lint", "low")
    assert result.ret == pytest.ExitCode.TESTS_FAILED
    result.stdout.fnmatch_lines([
        "pggit gate: FAILED: * checks failed (lint)",
        "lint: FAILED (1 of *): squawk * --pg-version *: 2 statement(s) of 1 file(s)/step(s) since *",
        "FAIL*schema/002_change.sql:4*require-concurrent-index-creation (low)*",
        "lint / schema/002_change.sql:4:",
        "CREATE INDEX customers_phone_idx",
        "    ON customers (phone);",
        "line 4: require-concurrent-index-creation (warning, low): During normal index creation*",
    ])
    lint = {c.get("name"): c for c in cases(pytester, "pggit.lint")}
    assert lint["schema/002_change.sql:4"].find("failure") is not None
    assert lint["squawk"].find("failure") is None
    # CONCURRENTLY: no finding of that rule, the gate passes
    (pytester.path / "schema" / "002_change.sql").write_text(
        INDEX.replace("CREATE INDEX", "CREATE INDEX CONCURRENTLY IF NOT EXISTS"))
    result = run(pytester, pggit_server, "--pggit-fail-on-lint", "low")
    assert result.ret == 0, result.stdout.str()
    assert "require-concurrent-index-creation" not in (pytester.path / "gate.xml").read_text()


@needs_squawk
def test_a_breaking_change_fails_by_default(pytester: pytest.Pytester, pggit_server: Server) -> None:
    project(pytester, "ALTER TABLE customers RENAME COLUMN phone TO mobile;\n")
    result = run(pytester, pggit_server)
    assert result.ret == pytest.ExitCode.TESTS_FAILED
    result.stdout.fnmatch_lines(["pggit gate: FAILED: * checks failed (lint)",
                                 "FAIL*schema/002_change.sql:1*renaming-column (high)*"])
    assert run(pytester, pggit_server, "--pggit-fail-on-lint", "data-loss").ret == 0


@needs_squawk
def test_a_file_that_only_deletes_rows_is_linted(pytester: pytest.Pytester, pggit_server: Server) -> None:
    """K3: lint read the files the DDL log names; one whose statements change no schema
    (TRUNCATE ... CASCADE empties the table and every table referencing it) ran no DDL,
    was never linted, and the gate passed with "0 statement(s) of 0 file(s)"."""
    project(pytester, "-- the yearly clean-up\nTRUNCATE customers CASCADE;\n")
    result = run(pytester, pggit_server)
    out = result.stdout.str()
    assert result.ret == pytest.ExitCode.TESTS_FAILED, out
    result.stdout.fnmatch_lines(["pggit gate: FAILED: * checks failed (lint, data)",
                                 "FAIL*schema/002_change.sql:2*ban-truncate-cascade*"])


@needs_squawk
def test_excluded_rules_and_levels(pytester: pytest.Pytester, pggit_server: Server) -> None:
    project(pytester, INDEX)
    result = run(pytester, pggit_server, "--pggit-fail-on-lint", "low",
                 "--pggit-lint-exclude", "require-concurrent-index-creation")
    assert result.ret == 0, result.stdout.str()
    result.stdout.fnmatch_lines(["lint: ok: *excluded: require-concurrent-index-creation*"])
    text = (pytester.path / "gate.xml").read_text()
    assert "require-concurrent-index-creation (" not in text
    assert "prefer-robust-stmts (style)" in text          # reported, not failing
    # report only
    assert run(pytester, pggit_server, "--pggit-fail-on-lint", "none").ret == 0
    # all: the style findings fail too
    result = run(pytester, pggit_server, "--pggit-fail-on-lint", "all",
                 "--pggit-lint-exclude", "require-concurrent-index-creation")
    assert result.ret == pytest.ExitCode.TESTS_FAILED
    result.stdout.fnmatch_lines(["FAIL*schema/002_change.sql:4*prefer-robust-stmts (style)*"])
    # off
    result = run(pytester, pggit_server, "--no-pggit-lint")
    assert result.ret == 0
    assert not cases(pytester, "pggit.lint")
    result = run(pytester, pggit_server, "--pggit-fail-on-lint", "loud")
    assert result.ret == pytest.ExitCode.USAGE_ERROR


@needs_squawk
def test_an_index_on_a_table_the_change_creates_does_not_fail(
        pytester: pytest.Pytester, pggit_server: Server) -> None:
    project(pytester, "CREATE TABLE orders (id bigint PRIMARY KEY, customer bigint);\n"
                      "CREATE INDEX orders_customer_idx ON orders (customer);\n")
    result = run(pytester, pggit_server, "--pggit-fail-on-lint", "low")
    assert result.ret == 0, result.stdout.str()
    case = {c.get("name"): c for c in cases(pytester, "pggit.lint")}["schema/002_change.sql:2"]
    assert "require-concurrent-index-creation (low, new object)" in case.find("system-out").text


@needs_squawk
def test_a_type_change_of_a_new_tables_identity_column_does_not_fail(
        pytester: pytest.Pytester, pggit_server: Server) -> None:
    """D3 (healthchecks' api_ping.id int -> bigint): capture logs the identity's sequence
    too, which is not an object of its own in the diff, so the statement did not count as
    touching only new objects and failed the gate."""
    project(pytester, "CREATE TABLE pings (id int GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY);\n"
                      "ALTER TABLE pings ALTER COLUMN id TYPE bigint;\n")
    result = run(pytester, pggit_server)
    assert result.ret == 0, result.stdout.str()
    case = {c.get("name"): c for c in cases(pytester, "pggit.lint")}["schema/002_change.sql:2"]
    assert "changing-column-type (high, new object)" in case.find("system-out").text


def test_without_squawk_lint_is_skipped_and_says_how_to_enable_it(
        pytester: pytest.Pytester, pggit_server: Server, monkeypatch: pytest.MonkeyPatch,
        tmp_path: Path) -> None:
    # a Python without squawk beside it, and a PATH without it
    bindir = tmp_path / "bin"
    bindir.mkdir()
    (bindir / "python").symlink_to(sys.executable)
    monkeypatch.setenv("PATH", "/usr/bin:/bin")
    project(pytester, INDEX)
    monkeypatch.setattr(sys, "executable", str(bindir / "python"))
    if find_squawk() is not None:
        pytest.skip("squawk installed system-wide")
    result = run(pytester, pggit_server)
    assert result.ret == 0
    result.stdout.fnmatch_lines(["lint: ok: lint skipped: squawk is not installed: "
                                 "pip install 'pytest-pggit[lint]' (squawk-cli), or --no-pggit-lint"])
    result = run(pytester, pggit_server, "--pggit-lint")   # asked for: a failure
    assert result.ret == pytest.ExitCode.TESTS_FAILED
    result.stdout.fnmatch_lines(["FAIL*squawk*SKIPPED*lint skipped: squawk is not installed*"])
    # H2: a column rename (squawk's renaming-column, high) passed the default gate here:
    # without squawk the hazards stand in for lint at its threshold
    (pytester.path / "schema" / "002_change.sql").write_text(
        "ALTER TABLE customers RENAME COLUMN email TO email_address;\n")
    result = run(pytester, pggit_server)
    assert result.ret == pytest.ExitCode.TESTS_FAILED, result.stdout.str()
    result.stdout.fnmatch_lines([
        "fail on alerts >= critical, hazards >= high, lint high",
        "hazards: FAILED (1 of 1): 1 path(s) with hazards (1 high), fails at high (squawk is not "
        "installed: the hazards of what its lint fails at --pggit-fail-on-lint high stand in for it "
        "(breaks_clients, fails_with_rows, table_rewrite; pip install 'pytest-pggit[lint]' (squawk-cli), "
        "or --pggit-fail-on-hazard data-loss to fail at data-loss only))",
        "FAIL*public/table/customers/column/email_address*breaks_clients (high)*"])
    result = run(pytester, pggit_server, "--pggit-fail-on-hazard", "data-loss")   # said so: as said
    assert result.ret == 0, result.stdout.str()
    # a unique constraint on an existing table (fails_on_violations, high) is no finding
    # squawk's lint fails at high: it does not fail in its stead either
    (pytester.path / "schema" / "002_change.sql").write_text(
        "ALTER TABLE customers ADD CONSTRAINT customers_email_key UNIQUE (email);\n")
    result = run(pytester, pggit_server)
    assert result.ret == 0, result.stdout.str()
    assert "fails_on_violations (high)" in result.stdout.str() or "1 high" in result.stdout.str()
    (pytester.path / "schema" / "002_change.sql").write_text(   # accepted, with its reason
        "-- pggit: allow breaks_clients -- the app reads email_address since 4.1\n"
        "ALTER TABLE customers RENAME COLUMN email TO email_address;\n")
    result = run(pytester, pggit_server)
    assert result.ret == 0, result.stdout.str()


@needs_squawk
def test_a_statement_that_changed_nothing_does_not_fail(pytester: pytest.Pytester,
                                                        pggit_server: Server) -> None:
    """pg_dump --clean writes DROP ... IF EXISTS first: on a fresh database they drop nothing."""
    project(pytester, "DROP TABLE IF EXISTS public.not_there;\nDROP TABLE customers;\n")
    result = run(pytester, pggit_server, "--pggit-fail-on-hazard", "none")
    assert result.ret == pytest.ExitCode.TESTS_FAILED
    lint = {c.get("name"): c for c in cases(pytester, "pggit.lint")}
    assert lint["schema/002_change.sql:1"].find("failure") is None
    assert "ban-drop-table (data-loss, changed nothing)" in lint["schema/002_change.sql:1"].find("system-out").text
    assert lint["schema/002_change.sql:2"].find("failure") is not None


@needs_squawk
def test_the_projects_squawk_toml_applies(pytester: pytest.Pytester, pggit_server: Server) -> None:
    project(pytester, INDEX)
    (pytester.path / ".squawk.toml").write_text('excluded_rules = ["require-concurrent-index-creation"]\n')
    result = run(pytester, pggit_server, "--pggit-fail-on-lint", "low")
    assert result.ret == 0, result.stdout.str()
    assert "require-concurrent-index-creation" not in (pytester.path / "gate.xml").read_text()


SETUP_CONFTEST = """
import pytest

def pytest_pggit_setup(connection):
    connection.execute("CREATE INDEX customers_email_idx ON customers (email)")
    connection.execute("ALTER TABLE customers DROP COLUMN phone")
"""
#: the line of the hook's def in conftest.py (pytester strips the leading blank line)
SETUP_LINE = SETUP_CONFTEST.strip().splitlines().index("def pytest_pggit_setup(connection):") + 1


@needs_squawk
def test_a_setup_hooks_changes_have_provenance_and_lint(pytester: pytest.Pytester,
                                                       pggit_server: Server) -> None:
    """What a pytest_pggit_setup hook changes is made by ``setup hook conftest.py:<line>``
    in the hazards and lint output (the line of its ``def``), and its statements are
    linted like a step's."""
    project(pytester, "SELECT 1;\n")
    pytester.makeconftest(SETUP_CONFTEST)
    result = run(pytester, pggit_server)
    text = result.stdout.str()
    assert result.ret == 1, text   # the hook drops a column: data_deletion fails the gate
    hazards = {c.get("name"): c for c in cases(pytester, "pggit.hazards")}
    hazard = hazards["public/table/customers/column/phone"]
    assert f"made by setup hook conftest.py:{SETUP_LINE}" in hazard.find("failure").get("message"), text
    assert "ALTER TABLE customers DROP COLUMN phone" in hazard.find("failure").text
    assert f"setup hook conftest.py:{SETUP_LINE}: CREATE INDEX customers_email_idx" in text   # diff table
    lint = {c.get("name"): c for c in cases(pytester, "pggit.lint")}
    names = {f"setup hook conftest.py:{SETUP_LINE}:{n}" for n in (1, 2)}
    assert names <= set(lint), sorted(lint)
    out = lint[f"setup hook conftest.py:{SETUP_LINE}:1"].find("system-out").text
    assert "require-concurrent-index-creation" in out and "CREATE INDEX customers_email_idx" in out
    assert lint[f"setup hook conftest.py:{SETUP_LINE}:2"].find("failure") is not None   # ban-drop-column


@needs_squawk
def test_one_squawk_run_for_every_file_and_step(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Two files and a step's captured SQL: one squawk run for all three, and one more for
    the file with a statement squawk cannot parse (reported once, left out, the rest of
    that file linted); every finding lands at its own unit's line."""
    from pytest_pggit import lint

    (tmp_path / "a.sql").write_text("SELECT 1;\n\nCREATE INDEX a_idx ON t (x);\n")
    (tmp_path / "b.sql").write_text("CREATE TABL oops (id int);\nALTER TABLE t DROP COLUMN y;\n")
    units = [lint.file_unit(tmp_path / "a.sql", "a.sql", tmp_path),
             lint.file_unit(tmp_path / "b.sql", "b.sql", tmp_path),
             lint.step_unit("alembic/0002", ["ALTER TABLE t ADD CONSTRAINT t_fk FOREIGN KEY (x) REFERENCES u"])]
    runs: List[int] = []
    real = lint._run_squawk

    def counted(*args, **kwargs):
        runs.append(len(kwargs.get("files", ())) or 1)
        return real(*args, **kwargs)

    monkeypatch.setattr(lint, "_run_squawk", counted)
    notes: List[str] = []
    found = lint.lint_units(lint.find_squawk(), units, "15", [], notes, tmp_path)
    assert runs == [3, 1], runs   # all three units, then b.sql again
    rules = {(st.name, f.rule) for st in found for f in st.findings}
    assert ("a.sql:3", "require-concurrent-index-creation") in rules
    assert ("b.sql:1", "syntax-error") in rules and ("b.sql:2", "ban-drop-column") in rules
    assert ("alembic/0002:1", "adding-foreign-key-constraint") in rules
    assert not any(name.startswith("a.sql") and rule == "ban-drop-column" for name, rule in rules)
    assert [st.findings[0].status() for st in found if st.name == "b.sql:1"] == ["not parsed"]
    assert not notes


@needs_squawk
def test_a_table_made_and_dropped_since_the_base_is_a_new_object(
        pytester: pytest.Pytester, pggit_server: Server) -> None:
    """D3 (mealie's users_to_favorites, with --pggit-base root): a table the span made and
    later dropped is in no diff, so its DROP TABLE failed lint (ban-drop-table, high)."""
    project(pytester, "CREATE TABLE scratch (id int);\nDROP TABLE scratch;\n")
    result = run(pytester, pggit_server)
    assert result.ret == 0, result.stdout.str()
    case = {c.get("name"): c for c in cases(pytester, "pggit.lint")}["schema/002_change.sql:2"]
    assert "ban-drop-table (data-loss, new object)" in case.find("system-out").text


@needs_squawk
def test_a_type_change_without_a_rewrite_does_not_fail(pytester: pytest.Pytester, pggit_server: Server) -> None:
    """F7 (Django's AlterField max_length 200 -> 400, netbox): squawk's changing-column-type
    is high for every type change, so widening a varchar failed the default gate, though
    PostgreSQL neither rewrites the table nor breaks anything (pgGit's hazards say so).
    A type change that rewrites still fails."""
    make_project(pytester, "CREATE TABLE t (id int PRIMARY KEY, d varchar(200), n int);\n",
                 "ALTER TABLE t ALTER COLUMN d TYPE varchar(400);\nALTER TABLE t ALTER COLUMN n TYPE bigint;\n")
    result = run(pytester, pggit_server, "--pggit-fail-on-hazard", "none")
    lint = {c.get("name"): c for c in cases(pytester, "pggit.lint")}
    assert lint["schema/002_change.sql:1"].find("failure") is None, result.stdout.str()
    assert "no rewrite" in lint["schema/002_change.sql:1"].find("system-out").text
    assert lint["schema/002_change.sql:2"].find("failure") is not None
    assert result.ret == pytest.ExitCode.TESTS_FAILED


@needs_squawk
def test_one_allow_accepts_a_rename_in_hazards_and_lint(pytester: pytest.Pytester,
                                                         pggit_server: Server) -> None:
    """H2: a column rename carries the hazard breaks_clients, and squawk's renaming-column
    maps to it: one `allow breaks_clients` accepts both; without it lint fails the gate."""
    project(pytester, "ALTER TABLE customers RENAME COLUMN email TO email_address;\n")
    result = run(pytester, pggit_server)
    assert result.ret == pytest.ExitCode.TESTS_FAILED, result.stdout.str()
    result.stdout.fnmatch_lines(["*renaming-column (high)*"])
    hz = {c.get("name"): c for c in cases(pytester, "pggit.hazards")}
    case = hz["public/table/customers/column/email_address"]
    assert case.find("failure") is None   # high: below the hazards' data-loss, lint fails it
    assert "breaks_clients (high)" in ET.tostring(case, encoding="unicode")
    project(pytester, "-- pggit: allow breaks_clients -- clients read email_address since 4.1\n"
                      "ALTER TABLE customers RENAME COLUMN email TO email_address;\n")
    result = run(pytester, pggit_server)
    assert result.ret == 0, result.stdout.str()
    assert "clients read email_address since 4.1" in result.stdout.str()


@needs_squawk
def test_a_renamed_table_is_no_new_object_for_lint(pytester: pytest.Pytester, pggit_server: Server) -> None:
    """H14: a table rename passed the default gate with squawk: the table is ADDED under
    its new name in the diff, and lint took it for a new object."""
    project(pytester, "ALTER TABLE customers RENAME TO clients;\n")
    result = run(pytester, pggit_server)
    assert result.ret == pytest.ExitCode.TESTS_FAILED, result.stdout.str()
    result.stdout.fnmatch_lines(["*renaming-table (high)*"])
    assert "renaming-table (high, new object)" not in result.stdout.str()


SWAP = """CREATE TABLE customers_new (id bigint PRIMARY KEY, email text NOT NULL, phone text, note text);
{copy}DROP TABLE customers;
ALTER TABLE customers_new RENAME TO customers;
"""


@needs_squawk
def test_a_table_swapped_for_a_filled_copy_is_no_drop_but_an_empty_one_is(
        pytester: pytest.Pytester, pggit_server: Server) -> None:
    """M15: a copy-and-swap (create a copy, fill it from the table, drop the table, rename
    the copy) loses no row; squawk's drop and rename findings failed it at the default
    level.  Without the ``INSERT`` it does lose every row, and still fails."""
    project(pytester, SWAP.format(copy="INSERT INTO customers_new (id, email, phone) "
                                       "SELECT id, email, phone FROM customers;\n"))
    result = run(pytester, pggit_server)
    out = result.stdout.str()
    assert result.ret == 0, out
    assert "recreated by copy (DROP TABLE, then a copy renamed to its name): customers" in out
    lint = {c.get("name"): c for c in cases(pytester, "pggit.lint")}
    assert "recreated by copy" in ET.tostring(lint["schema/002_change.sql:3"], encoding="unicode")
    project(pytester, SWAP.format(copy=""))
    result = run(pytester, pggit_server)
    out = result.stdout.str()
    assert result.ret == pytest.ExitCode.TESTS_FAILED, out
    assert "recreated by copy" not in out
    result.stdout.fnmatch_lines(["FAIL*schema/002_change.sql:2*ban-drop-table*"])


@needs_squawk
@pytest.mark.parametrize("copy", [
    # phone's values not copied: every row loses its phone, and the diff shows nothing lost
    "INSERT INTO customers_new (id, email) SELECT id, email FROM customers;\n",
    # a filtered copy, and a copy of nothing
    "INSERT INTO customers_new SELECT id, email, phone FROM customers WHERE id = 1;\n",
    "INSERT INTO customers_new SELECT id, email, phone FROM customers LIMIT 0;\n",
    # lists that do not match
    "INSERT INTO customers_new (id, email, phone) SELECT id, phone, email FROM customers;\n",
])
def test_a_swap_for_a_copy_that_loses_rows_or_values_is_a_drop(
        pytester: pytest.Pytester, pggit_server: Server, copy: str) -> None:
    """R3 of the review: any ``INSERT INTO copy ... FROM t`` made the swap "recreated by
    copy", however little it copied, and the default gate passed the loss.  Only a whole
    copy (every row, every column the base has, the lists alike) counts."""
    project(pytester, SWAP.format(copy=copy))
    result = run(pytester, pggit_server)
    out = result.stdout.str()
    assert result.ret == pytest.ExitCode.TESTS_FAILED, out
    assert "recreated by copy" not in out
    result.stdout.fnmatch_lines(["FAIL*schema/002_change.sql:3*ban-drop-table*"])


@needs_squawk
def test_failing_cases_of_a_schema_file_carry_its_file_and_line_and_how_to_accept(
        pytester: pytest.Pytester, pggit_server: Server) -> None:
    """Q7: the hazard and lint cases of a schema file's statement name its file and line
    (JUnit ``file``/``line``), and say how to accept them: the directive they name does."""
    project(pytester, "-- a comment\nALTER TABLE customers DROP COLUMN phone;\n")
    result = run(pytester, pggit_server)
    assert result.ret == pytest.ExitCode.TESTS_FAILED, result.stdout.str()
    hazard = {c.get("name"): c for c in cases(pytester, "pggit.hazards")}["public/table/customers/column/phone"]
    assert (hazard.get("file"), hazard.get("line")) == ("schema/002_change.sql", "2")
    message = hazard.find("failure").get("message")
    assert "hint: when the values are still wanted, keep them" in message, message
    assert "accept it: -- pggit: allow data_deletion -- <why>  on the statement at schema/002_change.sql:2" \
        in hazard.find("system-out").text
    lint = {c.get("name"): c for c in cases(pytester, "pggit.lint")}["schema/002_change.sql:2"]
    assert (lint.get("file"), lint.get("line")) == ("schema/002_change.sql", "2")
    assert lint.find("failure").get("message").startswith("data-loss, style: ban-drop-column (data-loss)")
    # the directive the hint names accepts both
    (pytester.path / "schema" / "002_change.sql").write_text(
        "-- a comment\nALTER TABLE customers DROP COLUMN phone;  -- pggit: allow data_deletion -- unused since 2023\n")
    result = run(pytester, pggit_server)
    assert result.ret == 0, result.stdout.str()
