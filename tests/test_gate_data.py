"""The gate's ``data`` check (pytest_pggit/datachanges.py): rows a step since the base
deletes or changes, read without running it (M1: a data migration emptying a table
passed every check, since capture sees DDL only)."""
from __future__ import annotations

import textwrap
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Dict

import pytest

from pytest_pggit.backends import Server
from pytest_pggit.datachanges import alembic_data, classify

from gate_project import make_project, run_gate, git as git_in

INIT = "CREATE TABLE legacy (id bigint PRIMARY KEY, note text);\n"


def cases(pytester: pytest.Pytester) -> Dict[str, ET.Element]:
    root = ET.parse(pytester.path / "gate.xml").getroot()
    return {f"{c.get('classname')}::{c.get('name')}": c for c in root.iter("testcase")}


@pytest.mark.parametrize("stmt, want", [
    ("TRUNCATE legacy", ("TRUNCATE", "legacy", True)),
    ("truncate table only a, s.b CASCADE", ("TRUNCATE", "a, s.b", True)),
    ("-- purge\nDELETE FROM \"Legacy\"", ("DELETE", '"Legacy"', True)),
    ("DELETE FROM legacy WHERE id < 10", ("DELETE", "legacy", False)),
    ("WITH old AS (SELECT 1) DELETE FROM legacy", ("DELETE", "legacy", True)),
    ("UPDATE legacy SET note = ''", ("UPDATE", "legacy", False)),
    ("INSERT INTO legacy VALUES (1)", None),
    # reported, never failing: which rows is not read
    ("WITH gone AS (DELETE FROM legacy RETURNING id) SELECT count(*) FROM gone", ("DELETE", "legacy", False)),
    ("DO $$ BEGIN TRUNCATE legacy; END $$", ("DO", "legacy", False)),
    # a WHERE in a comment or a string is none (R1); psql's \\set lines lead (R11)
    ("DELETE FROM legacy -- WHERE id = 1", ("DELETE", "legacy", True)),
    ("DELETE FROM legacy WHERE note = 'x'", ("DELETE", "legacy", False)),
    ("\\set ON_ERROR_STOP on\nTRUNCATE legacy", ("TRUNCATE", "legacy", True)),
    ("CALL app.purge_sessions(30)", ("CALL", "app.purge_sessions", False)),
    # a routine's body is no row change of the step
    ("CREATE FUNCTION purge() RETURNS void LANGUAGE sql AS $$ DELETE FROM legacy $$", None),
    ("ALTER TABLE legacy DROP COLUMN note", None),
    # a condition true for every row is none (U16); one inside a subquery is no top-level one
    ("DELETE FROM legacy WHERE 1 = 1", ("DELETE", "legacy", True)),
    ("DELETE FROM legacy WHERE (true);", ("DELETE", "legacy", True)),
    ("DELETE FROM legacy WHERE 1 = 2", ("DELETE", "legacy", False)),
    ("DELETE FROM legacy WHERE id IN (SELECT 1 WHERE true)", ("DELETE", "legacy", False)),
    ("DELETE FROM legacy WHERE true AND id = 2", ("DELETE", "legacy", False)),
])
def test_statements_that_change_rows(stmt: str, want: object) -> None:
    assert classify(stmt) == want


def test_an_alembic_revisions_executed_sql_is_read(tmp_path: Path) -> None:
    rev = tmp_path / "ae1027a6acf_purge.py"
    rev.write_text(textwrap.dedent('''
        import sqlalchemy as sa
        from alembic import op

        def upgrade():
            op.execute("TRUNCATE audit")
            op.get_bind().execute(sa.text("DELETE FROM sessions WHERE expired"))
            op.execute(f"DELETE FROM {TABLE}")

        def downgrade():
            op.execute("DELETE FROM other")

        def _purge_helper():   # (called by upgrade_main in the multidb template: R4)
            op.execute("DELETE FROM cache_entries")
        '''))
    data = alembic_data(rev, "alembic/ae1027a6acf")
    found = [(s.verb, s.table, s.every_row) for s in data.statements()]
    assert found == [("TRUNCATE", "audit", True), ("DELETE", "sessions", False), ("DELETE", "cache_entries", True)]
    assert len(data.code) == 1 and "at line 8" in data.code[0], data.code


def test_a_schema_file_emptying_a_table_fails_unless_accepted(pytester: pytest.Pytester,
                                                              pggit_server: Server) -> None:
    make_project(pytester, INIT, "-- the notes moved to the archive\nDELETE FROM legacy;\n")
    result = run_gate(pytester, pggit_server, "--no-pggit-lint")
    out = result.stdout.str()
    assert result.ret == pytest.ExitCode.TESTS_FAILED, out
    case = cases(pytester)["pggit.data::sql/schema/002_change.sql"]
    failure = case.find("failure")
    assert failure is not None and "loses every row of legacy" in failure.get("message", ""), out
    assert "schema/002_change.sql:2: DELETE legacy (every row)" in out, out
    # accepted with a reason on the statement: passes, and says why
    make_project(pytester, INIT, "-- pggit: allow data_deletion -- archived in 4.2\nDELETE FROM legacy;\n")
    result = run_gate(pytester, pggit_server, "--no-pggit-lint")
    out = result.stdout.str()
    assert result.ret == 0, out
    assert cases(pytester)["pggit.data::sql/schema/002_change.sql"].find("failure") is None
    assert "archived in 4.2" in out, out
    # some rows, by a condition: reported, not failing
    make_project(pytester, INIT, "DELETE FROM legacy WHERE note IS NULL;\n")
    result = run_gate(pytester, pggit_server, "--no-pggit-lint")
    assert result.ret == 0, result.stdout.str()
    assert "changes rows: DELETE legacy" in result.stdout.str()
    # nothing of rows changed: no data case
    make_project(pytester, INIT, "ALTER TABLE legacy ADD COLUMN kept boolean;\n")
    result = run_gate(pytester, pggit_server, "--no-pggit-lint")
    assert result.ret == 0, result.stdout.str()
    assert not [k for k in cases(pytester) if k.startswith("pggit.data::")]


def test_overwriting_every_value_of_a_column_fails_unless_it_is_new(pytester: pytest.Pytester,
                                                                    pggit_server: Server) -> None:
    """M8, M9 (healthchecks): ``ALTER COLUMN c TYPE text USING NULL::text`` on a text column
    changes no definition (no diff path, no hazard) and ``UPDATE t SET c = ''`` is DML:
    both wiped every value and passed.  A column added since the base filled so is a
    backfill; a USING computed from the column is reported only."""
    make_project(pytester, INIT, "ALTER TABLE legacy ALTER COLUMN note TYPE text USING NULL::text;\n")
    result = run_gate(pytester, pggit_server, "--no-pggit-lint")
    out = result.stdout.str()
    assert result.ret == pytest.ExitCode.TESTS_FAILED, out
    assert "loses every value of legacy.note (data_deletion)" in out, out
    make_project(pytester, INIT, "UPDATE legacy SET note = '';\n")
    result = run_gate(pytester, pggit_server, "--no-pggit-lint")
    out = result.stdout.str()
    assert result.ret == pytest.ExitCode.TESTS_FAILED, out
    assert "loses every value of legacy.note (data_deletion)" in out, out
    # a backfill of a column the change adds, a value computed from the column: pass
    make_project(pytester, INIT, "ALTER TABLE legacy ADD COLUMN kind text;\nUPDATE legacy SET kind = 'note';\n"
                                 "UPDATE legacy SET note = lower(note);\n"
                                 "ALTER TABLE legacy ALTER COLUMN note TYPE text USING (note)::text;\n")
    result = run_gate(pytester, pggit_server, "--no-pggit-lint")
    assert result.ret == 0, result.stdout.str()


@pytest.mark.parametrize("stmt, overwrites", [
    ("UPDATE legacy SET note = ''", ("note",)),
    ("UPDATE legacy SET note = 'redacted-note@example.com'", ("note",)),   # (R14)
    ("UPDATE legacy SET note = NULL::text, id = id + 1", ("note",)),
    ("UPDATE legacy SET note = kind || ':' || note", ()),                 # computed (R8)
    ("UPDATE legacy SET note = (SELECT max(n) FROM other)", ()),
    ("UPDATE legacy SET note = '' WHERE note IS NULL", ()),
    ("ALTER TABLE legacy ALTER COLUMN note TYPE text USING NULL::text", ("note",)),
    ("ALTER TABLE legacy ALTER COLUMN note TYPE varchar(10) USING left(note, 10)", ()),
    ("ALTER TABLE legacy ALTER COLUMN note TYPE int USING note::integer", ()),
])
def test_columns_whose_every_value_is_replaced(stmt: str, overwrites: tuple) -> None:
    from pytest_pggit.datachanges import statement_changes

    assert [d.overwrites for d in statement_changes("w", stmt)] in ([overwrites], [] if not overwrites else None)


def test_emptying_a_table_the_base_does_not_have_loses_nothing(pytester: pytest.Pytester,
                                                               pggit_server: Server) -> None:
    """The review (R3): a staging table made by the change and emptied (or dropped) in it,
    and a temporary one, held nothing any deployed database has."""
    make_project(pytester, INIT, "CREATE TABLE staging (id int);\nINSERT INTO staging VALUES (1);\n"
                                 "TRUNCATE staging;\nCREATE TEMP TABLE tmp_ids (id int);\nDELETE FROM tmp_ids;\n")
    result = run_gate(pytester, pggit_server, "--no-pggit-lint")
    out = result.stdout.str()
    assert result.ret == 0, out
    assert "changes rows: TRUNCATE staging; DELETE tmp_ids" in out, out
    assert cases(pytester)["pggit.data::sql/schema/002_change.sql"].find("failure") is None


def test_what_an_edit_of_a_committed_step_adds_is_judged(pytester: pytest.Pytester,
                                                        pggit_server: Server) -> None:
    """R17: an edited committed step makes the base git's version of it (K4), so the step
    counted as the base's and the data check never read it: a ``DELETE`` the edit added
    passed.  What the edit adds is judged; what the committed file held is not again."""
    def git(*args: str) -> None:
        git_in(pytester.path, *args)

    make_project(pytester, INIT, "-- pggit: allow data_deletion -- archived in 4.2\nTRUNCATE legacy;\n"
                                 "ALTER TABLE legacy ADD COLUMN phone text;\n")
    git("init", "-q")
    git("add", "-A")
    git("commit", "-qm", "released")
    change = pytester.path / "schema" / "002_change.sql"
    change.write_text(change.read_text() + "DELETE FROM legacy;\n")
    result = run_gate(pytester, pggit_server, "--no-pggit-lint")
    out = result.stdout.str()
    assert result.ret == pytest.ExitCode.TESTS_FAILED, out
    case = cases(pytester)["pggit.data::sql/schema/002_change.sql"]
    text = ET.tostring(case, encoding="unicode")
    assert case.find("failure") is not None, text
    assert "the edit of this committed step: loses every row of legacy" in text
    assert "schema/002_change.sql:4: DELETE legacy" in text and "TRUNCATE" not in text, text
    # an edit adding no row change: the committed TRUNCATE (accepted then) is not judged again
    change.write_text(change.read_text().replace("DELETE FROM legacy;\n", "-- reviewed\n"))
    result = run_gate(pytester, pggit_server, "--no-pggit-lint")
    assert result.ret == 0, result.stdout.str()
    assert "pggit.data::sql/schema/002_change.sql" not in cases(pytester)
    # R5 of the review: a statement of the edit is held only by an equal committed
    # statement, not by a longer one it is part of (a WHERE dropped)
    change.write_text(change.read_text() + "DELETE FROM legacy WHERE id < 0;\n")
    git("commit", "-qam", "purge nothing yet")
    change.write_text(change.read_text().replace(" WHERE id < 0", ""))
    result = run_gate(pytester, pggit_server, "--no-pggit-lint")
    assert result.ret == pytest.ExitCode.TESTS_FAILED, result.stdout.str()
    assert "the edit of this committed step: loses every row of legacy" in result.stdout.str()


def test_orm_deletes_kept_in_variables_or_without_a_condition_are_every_row(tmp_path: Path) -> None:
    """R10 of the review: a queryset or manager kept in a variable was not read, and
    ``filter()`` with no condition counted as "some rows": the gate passed such deletes."""
    import importlib.util

    from pytest_pggit.datachanges import orm_deletes

    (tmp_path / "orm_shapes.py").write_text(textwrap.dedent('''
        def qs_variable(apps, schema_editor):
            qs = apps.get_model("shop", "Item").objects.all()
            qs.delete()

        def manager_variable(apps, schema_editor):
            m = apps.get_model("shop", "Item").objects
            m.all().delete()

        def no_condition(apps, schema_editor):
            apps.get_model("shop", "Item").objects.filter().delete()

        def some(apps, schema_editor):
            apps.get_model("shop", "Item").objects.filter(id__lt=3).delete()
        '''))
    spec = importlib.util.spec_from_file_location("orm_shapes", tmp_path / "orm_shapes.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    got = {name: [(d.table, d.every_row) for d in orm_deletes(getattr(module, name), name)]
           for name in ("qs_variable", "manager_variable", "no_condition", "some")}
    assert got == {"qs_variable": [("shop_item", True)], "manager_variable": [("shop_item", True)],
                   "no_condition": [("shop_item", True)], "some": [("shop_item", False)]}, got


def test_a_committed_edit_the_gate_cannot_judge_fails_it(pytester: pytest.Pytester,
                                                         pggit_server: Server) -> None:
    """Q5 (zou, a clone missing blobs): the committed version of an edited step could not
    be read, the gate judged the steps from the default base, said "was not judged" in
    the base line, and passed.  A judgement the gate cannot make fails it now, naming the
    reason and the way out."""
    def git(*args: str) -> str:
        return git_in(pytester.path, *args)

    make_project(pytester, INIT, "ALTER TABLE legacy ADD COLUMN phone text;\n")
    git("init", "-q")
    git("add", "-A")
    git("commit", "-qm", "released")
    old_blob = git("rev-parse", "HEAD:schema/002_change.sql")
    (pytester.path / "schema" / "003_more.sql").write_text("CREATE TABLE more (id int);\n")
    git("add", "-A")
    git("commit", "-qm", "released too")
    change = pytester.path / "schema" / "002_change.sql"
    change.write_text(change.read_text() + "ALTER TABLE legacy ADD COLUMN fax text;\n")
    git("commit", "-qam", "edit the released step")
    (pytester.path / ".git" / "objects" / old_blob[:2] / old_blob[2:]).unlink()   # a partial clone
    result = run_gate(pytester, pggit_server, "--no-pggit-lint")
    out = result.stdout.str()
    assert result.ret == pytest.ExitCode.TESTS_FAILED, out
    case = cases(pytester)["pggit.gate::committed edits"]
    text = ET.tostring(case, encoding="unicode")
    assert case.find("failure") is not None, text
    assert "the committed edit of sql/schema/002_change.sql could not be judged" in text, text
    assert old_blob[:7] in text and "--pggit-base" in text, text
    assert case.get("file") == "schema/002_change.sql", text


def test_an_update_under_a_condition_true_for_every_row_overwrites_the_column() -> None:
    """U16: ``UPDATE person SET weight = 1 WHERE 'a' = 'a'`` replaces every value."""
    from pytest_pggit.datachanges import statement_changes

    assert [d.overwrites for d in statement_changes("x", "UPDATE person SET weight = 1 WHERE 'a' = 'a'")] \
        == [("weight",)]
    assert [d.overwrites for d in statement_changes("x", "UPDATE person SET weight = 1 WHERE id = 3")] == [()]
