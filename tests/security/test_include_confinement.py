"""A schema file reads only the project's SQL files (security round 3, Z1, Z9).

A pull request's SQL file ran ``\\ir ../.git/config`` inside a dollar-quoted string and
raised it (reversed, past GitHub's log masking): the job's token from
``actions/checkout`` was in the CI log.  Includes (and symlinked schema files) now
resolve inside the project's rootdir or the named file's own folder, never in ``.git``.
"""
from __future__ import annotations

import uuid
from pathlib import Path
from typing import List

import pytest

from pytest_pggit.backends import Server

TOKEN = "x-access-token-" + uuid.uuid4().hex   # what must not reach the output

# (an include psql follows: on a line of its own, outside quotes; the file's text then
# runs as SQL, and its error message would show it)
LEAK = """SELECT 1;
\\ir {target}
"""

# Z1's original shape: inside a dollar quote.  psql reads that line as the string's text
# and so does the plugin since 6700abe's psql-command rules: nothing is included.
LEAK_IN_STRING = """DO $d$ BEGIN RAISE EXCEPTION 'leak: %', reverse($l$
\\ir {target}
$l$); END $d$;
"""

TESTS = "def test_one(pggit_db):\n    pass\n"


def run(pytester: pytest.Pytester, server: Server, schema: str = "schema") -> pytest.RunResult:
    pytester.makepyfile(test_app=TESTS)
    return pytester.runpytest("--pggit", "--pggit-backend", "dsn", "--pggit-dsn", server.dsn(),
                              "--pggit-schema", schema, "-p", "no:randomly", "-p", "no:cacheprovider")


def output(result: pytest.RunResult) -> str:
    return result.stdout.str() + result.stderr.str()


def assert_refused(result: pytest.RunResult, *patterns: str) -> None:
    out = output(result)
    assert result.ret != 0, out
    assert TOKEN not in out and TOKEN[::-1] not in out, out
    result.stdout.fnmatch_lines(list(patterns))


@pytest.fixture
def outside(pytester: pytest.Pytester) -> Path:
    """A file of the runner outside the project."""
    path = pytester.path.parent / f"outside-{uuid.uuid4().hex[:8]}.sql"
    path.write_text(f"-- {TOKEN}\n")
    yield path
    path.unlink()


def test_an_include_of_git_config_is_refused(pytester: pytest.Pytester, pggit_server: Server) -> None:
    git = pytester.path / ".git"
    git.mkdir()
    (git / "config").write_text(f"[http]\n\textraheader = AUTHORIZATION: basic {TOKEN}\n")
    schema = pytester.path / "schema"
    schema.mkdir()
    (schema / "001_leak.sql").write_text(LEAK.format(target="../.git/config"))
    assert_refused(run(pytester, pggit_server),
                   "*SQL include refused: */schema/001_leak.sql:2 includes */.git/config, which is in a hidden "
                   "file or folder (.git)*")


@pytest.mark.parametrize("name, why", [(".env", "in a hidden file or folder (.env)"),
                                       ("config/secrets.yml", "not a .sql file")])
def test_an_include_of_a_project_file_that_is_no_sql_is_refused(pytester: pytest.Pytester, pggit_server: Server,
                                                                name: str, why: str) -> None:
    """Z9: ``\\ir ../.env`` (a CI step's secrets, written into the checkout) read in a
    string; an include is a ``*.sql`` file outside hidden folders now."""
    secret = pytester.path / name
    secret.parent.mkdir(exist_ok=True)
    secret.write_text(f"DATABASE_URL=postgres://app:{TOKEN}@db/app\n")
    schema = pytester.path / "schema"
    schema.mkdir()
    (schema / "001_leak.sql").write_text(LEAK.format(target=f"../{name}"))
    assert_refused(run(pytester, pggit_server),
                   f"*SQL include refused: */schema/001_leak.sql:2 includes */{name}, which is {why}*")


def test_an_include_outside_the_project_is_refused(pytester: pytest.Pytester, pggit_server: Server,
                                                   outside: Path) -> None:
    schema = pytester.path / "schema"
    schema.mkdir()
    (schema / "001_leak.sql").write_text(LEAK.format(target=f"../../{outside.name}"))
    assert_refused(run(pytester, pggit_server),
                   f"*SQL include refused: */schema/001_leak.sql:2 includes */{outside.name}, "
                   "which is outside the project*")


def test_a_symlinked_schema_file_pointing_outside_is_refused(pytester: pytest.Pytester,
                                                             pggit_server: Server, outside: Path) -> None:
    schema = pytester.path / "schema"
    schema.mkdir()
    (schema / "000_ok.sql").write_text("CREATE TABLE ok (id int);\n")
    (schema / "001_link.sql").symlink_to(outside)
    assert_refused(run(pytester, pggit_server),
                   f"*SQL include refused: the schema file is */{outside.name}, which is outside the project*")


def test_includes_inside_the_project_and_a_named_file_elsewhere_still_work(
        pytester: pytest.Pytester, pggit_server: Server) -> None:
    """A monorepo's pytest rootdir (backend/) names ../db/schema.sql: the named file and
    what it includes from its own folder or the rootdir are the project's, and run."""
    db = pytester.path.parent / f".db-{uuid.uuid4().hex[:8]}"   # (hidden: .github/db, say)
    (db / "parts").mkdir(parents=True)
    (db / "schema.sql").write_text("CREATE TABLE a (id int);\n\\ir parts/b.sql\n")
    (db / "parts" / "b.sql").write_text(f"CREATE TABLE b (id int);\n\\i {pytester.path / 'common.sql'}\n")
    (pytester.path / "common.sql").write_text("CREATE TABLE c (id int);\n")
    pytester.makepyfile(test_app="""
def test_tables(pggit_conn):
    rows = pggit_conn.execute("SELECT string_agg(relname, ',' ORDER BY relname) FROM pg_class "
                              "WHERE relname IN ('a', 'b', 'c') AND relkind = 'r'").fetchone()
    assert rows[0] == 'a,b,c'
""")
    try:
        result = pytester.runpytest("--pggit", "--pggit-backend", "dsn", "--pggit-dsn", pggit_server.dsn(),
                                    "--pggit-schema", str(db / "schema.sql"), "-p", "no:randomly",
                                    "-p", "no:cacheprovider")
        assert result.ret == 0, output(result)
        result.assert_outcomes(passed=1)
    finally:
        for f in sorted(db.rglob("*"), reverse=True):
            f.rmdir() if f.is_dir() else f.unlink()
        db.rmdir()


def test_an_include_line_inside_a_dollar_quote_is_text_as_psql_reads_it(pytester: pytest.Pytester,
                                                                       pggit_server: Server) -> None:
    """Z1's shape: the ``\\ir`` line inside ``$l$ ... $l$`` is the string's text for psql,
    so the file is not read at all: the exception carries the line itself, no token."""
    git = pytester.path / ".git"
    git.mkdir()
    (git / "config").write_text(f"[http]\n\textraheader = AUTHORIZATION: basic {TOKEN}\n")
    schema = pytester.path / "schema"
    schema.mkdir()
    (schema / "001_leak.sql").write_text(LEAK_IN_STRING.format(target="../.git/config"))
    result = run(pytester, pggit_server)
    out = output(result)
    assert result.ret != 0, out
    assert TOKEN not in out and TOKEN[::-1] not in out, out
    assert "leak: " in out and "gifnoc/tig./.. ri\\" in out, out
