"""The gate judges what ``psql -f`` runs (sec11's T5-10 and T5-11).

* T5-10: a psql meta-command the plugin does not run (``\\gexec`` runs each value of the
  query's result as a statement) made the gate pass a file that empties a table under
  psql: such a file is now refused, naming the command and ``file:line``.
* T5-11: a function *named* ``begin`` opened psql's ``BEGIN ... END`` body heuristic, so
  the ``DELETE`` after it was glued to the ``CREATE FUNCTION`` and the data check read the
  whole chunk as a routine definition; only ``BEGIN ATOMIC`` opens a body now.
"""
from __future__ import annotations

from pathlib import Path

import pytest
from gate_project import make_project, run_gate

from pytest_pggit.backends import Server
from pytest_pggit.exceptions import PggitError
from pytest_pggit.sqlfiles import expand_script, split_statements

INIT = "CREATE TABLE users (id int PRIMARY KEY);\nINSERT INTO users VALUES (1), (2);\n"


@pytest.mark.parametrize("line", [
    "\\gexec", "\\g", "\\gset", "\\g /tmp/out", "\\copy users from program 'true'", "\\! rm -rf x",
    "\\o | sh", "\\if :x", "\\elif true", "\\else", "\\endif", "\\connect other", "\\c other",
    "\\q", "\\r", "\\set cmd 'DELETE FROM users'", "\\setenv PGOPTIONS x", "\\cd /tmp",
    "\\echo hi \\\\ \\gexec", "  \\gexec",
])
def test_a_meta_command_psql_would_run_is_refused(tmp_path: Path, line: str) -> None:
    f = tmp_path / "0002.sql"
    f.write_text(f"SELECT 'DELETE FROM users'\n{line}\n")
    with pytest.raises(PggitError) as info:
        expand_script(f)
    assert f"psql command refused at {f.resolve()}:2: {line.strip()}" in str(info.value)
    assert "plain SQL" in (info.value.hint or "")


@pytest.mark.parametrize("line", [
    "\\set ON_ERROR_STOP on", "\\unset ON_ERROR_STOP", "\\set", "\\echo building", "\\pset tuples_only on",
    "\\timing on", "\\dt (a|b).*", "\\d+ users", "\\restrict abc123", "\\unrestrict abc123", "\\qecho x",
])
def test_a_harmless_meta_command_is_skipped(tmp_path: Path, line: str) -> None:
    f = tmp_path / "0002.sql"
    f.write_text(f"{line}\nSELECT 1;\n")
    text = expand_script(f).text
    assert f"-- pytest-pggit: dropped psql command: {line}" in text
    assert "SELECT 1;" in text


def test_a_backslash_line_inside_a_string_or_body_is_sql(tmp_path: Path) -> None:
    """psql reads no meta-command inside quotes or a comment: the line is kept."""
    f = tmp_path / "0002.sql"
    f.write_text("CREATE FUNCTION f() RETURNS text LANGUAGE sql AS $body$\nSELECT '\n\\gexec\n'::text\n$body$;\n"
                 "/*\n\\q\n*/\nSELECT 'a\n\\i nowhere.sql\n';\n")
    text = expand_script(f).text
    assert "\n\\gexec\n" in text and "\n\\q\n" in text and "\n\\i nowhere.sql\n" in text
    assert "dropped psql command" not in text


def test_a_function_named_begin_does_not_swallow_the_next_statement() -> None:
    text = ("CREATE FUNCTION public.begin() RETURNS int LANGUAGE sql AS $$ SELECT 1 $$;\n"
            "DELETE FROM public.users;\n")
    assert [s.strip() for _o, s in split_statements(text)] == [
        "CREATE FUNCTION public.begin() RETURNS int LANGUAGE sql AS $$ SELECT 1 $$;",
        "DELETE FROM public.users;"]
    # a BEGIN ATOMIC body still holds its semicolons (and a CASE ... END inside it)
    body = ("CREATE FUNCTION f() RETURNS int LANGUAGE sql BEGIN /* c */ ATOMIC SELECT 1; "
            "SELECT CASE WHEN true THEN 1 END; END;\nDELETE FROM t;")
    assert [s.strip() for _o, s in split_statements(body)] == [body.split("\n")[0], "DELETE FROM t;"]


def test_gexec_fails_the_run_instead_of_passing_the_gate(pytester: pytest.Pytester,
                                                         pggit_server: Server) -> None:
    make_project(pytester, INIT, "SELECT 'DELETE FROM public.users'\n\\gexec\n")
    result = run_gate(pytester, pggit_server, "--no-pggit-lint")
    out = result.stdout.str() + result.stderr.str()
    assert result.ret != 0, out
    assert "gate: PASSED" not in out, out
    assert "psql command refused at" in out and "002_change.sql:2: \\gexec" in out, out


def test_a_delete_after_a_function_named_begin_fails_the_gate(pytester: pytest.Pytester,
                                                              pggit_server: Server) -> None:
    make_project(pytester, INIT, "CREATE FUNCTION public.begin() RETURNS int LANGUAGE sql AS $$ SELECT 1 $$;\n"
                                 "DELETE FROM public.users;\n")
    result = run_gate(pytester, pggit_server, "--no-pggit-lint")
    out = result.stdout.str()
    assert result.ret == pytest.ExitCode.TESTS_FAILED, out
    assert "schema/002_change.sql:2: DELETE public.users (every row)" in out, out
