"""Schema files behave as ``psql -f`` per file: a session each, COPY data, BEGIN ATOMIC,
and ``--pggit-no-owner``.

The real input is pagila's pg_dump (tests/data/pagila/: its schema split in two files and
a slice of its data file; source, license and changes at the top of each file).
"""
from __future__ import annotations

import shutil
from pathlib import Path
from typing import List

import psycopg
import pytest

from pytest_pggit.backends import Server
from pytest_pggit.sqlfiles import split_statements

PAGILA = Path(__file__).parent / "data" / "pagila"
SCHEMA_FILES = ["01-schema-types-functions.sql", "02-schema-tables.sql"]
DATA_FILE = "03-data-slice.sql"


def dsn_args(server: Server) -> List[str]:
    args = ["--pggit", "--pggit-backend", "dsn", "--pggit-dsn", server.dsn(), "-p", "no:randomly"]
    with psycopg.connect(server.dsn(), autocommit=True) as conn:  # the dump's owner role
        if not conn.execute("SELECT 1 FROM pg_roles WHERE rolname = 'postgres'").fetchone():
            args.append("--pggit-no-owner")
    return args


def copy_pagila(pytester: pytest.Pytester, *names: str) -> Path:
    folder = pytester.path / "schema"
    folder.mkdir(exist_ok=True)
    for name in names:
        shutil.copy(PAGILA / name, folder / name)
    return folder


def assert_stopped_with(result: pytest.RunResult, *patterns: str) -> None:
    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines(list(patterns))


TWO_TESTS = """
def test_first(pggit_db):
    pass

def test_second(pggit_conn):
    pass
"""


# ------------------------------------------------------------- a session per file
def test_search_path_of_a_dump_does_not_reach_the_next_file(pytester: pytest.Pytester,
                                                            pggit_server: Server) -> None:
    """pagila's preamble runs set_config('search_path', '', false): the project's own next
    file still sees the default search_path."""
    folder = copy_pagila(pytester, *SCHEMA_FILES)
    (folder / "04-project.sql").write_text(
        "CREATE VIEW public.actor_names AS SELECT first_name, last_name FROM actor;\n"
        "SELECT current_setting('search_path') AS search_path;\n")
    pytester.makepyfile(
        """
        def test_view(pggit_conn):
            assert pggit_conn.execute("SELECT count(*) FROM actor_names").fetchone() == (0,)
        """
    )
    result = pytester.runpytest(*dsn_args(pggit_server), "--pggit-schema", "schema")
    result.assert_outcomes(passed=1)


def test_check_function_bodies_off_in_a_dump_does_not_hide_a_typo_in_the_next_file(
        pytester: pytest.Pytester, pggit_server: Server) -> None:
    folder = copy_pagila(pytester, SCHEMA_FILES[0])
    mine = folder / "02-mine.sql"
    mine.write_text(
        "-- the project's own function, with a typo\n"
        "CREATE FUNCTION public.film_count() RETURNS bigint LANGUAGE plpgsql AS $$\n"
        "BEGIN\n"
        "    RETRUN (SELECT count(*) FROM public.customer);\n"
        "END $$;\n")
    pytester.makepyfile(TWO_TESTS)
    result = pytester.runpytest(*dsn_args(pggit_server), "--pggit-schema", "schema")
    assert_stopped_with(result, f"*[[]42601[]] applying schema file {mine} failed at {mine}:4: "
                                'syntax error at or near "RETRUN"*')


def test_set_role_in_one_file_does_not_reach_the_next(pytester: pytest.Pytester,
                                                      pggit_server: Server) -> None:
    (pytester.path / "01.sql").write_text(
        "CREATE TABLE owned_by_me (id int);\nSET ROLE pg_read_all_data;\n")
    (pytester.path / "02.sql").write_text("CREATE TABLE second (id int);\n")
    pytester.makepyfile(
        """
        def test_owner(pggit_conn):
            owners = pggit_conn.execute(
                "SELECT DISTINCT tableowner = current_user FROM pg_tables "
                "WHERE tablename IN ('owned_by_me', 'second')").fetchall()
            assert owners == [(True,)]
        """
    )
    result = pytester.runpytest(*dsn_args(pggit_server), "--pggit-schema", "01.sql",
                                "--pggit-schema", "02.sql")
    result.assert_outcomes(passed=1)


# ------------------------------------------------------------------- COPY FROM stdin
def test_copy_data_of_a_dump_is_in_the_template(pytester: pytest.Pytester, pggit_server: Server) -> None:
    copy_pagila(pytester, *SCHEMA_FILES, DATA_FILE)
    pytester.makepyfile(
        """
        import psycopg

        def test_data(pggit_db):
            with psycopg.connect(pggit_db.dsn) as conn:
                counts = conn.execute(
                    "SELECT (SELECT count(*) FROM actor), (SELECT count(*) FROM country), "
                    "(SELECT count(*) FROM category), (SELECT count(*) FROM language)").fetchone()
                assert counts == (200, 109, 16, 6)
                assert conn.execute("SELECT first_name, last_name FROM actor WHERE actor_id = 200"
                                    ).fetchone() == ("THORA", "TEMPLE")
                assert conn.execute("SELECT last_value FROM actor_actor_id_seq").fetchone() == (200,)
        """
    )
    result = pytester.runpytest(*dsn_args(pggit_server), "--pggit-schema", "schema")
    result.assert_outcomes(passed=1)


def test_copy_keeps_backslash_rows_and_continues_after_the_block(pytester: pytest.Pytester,
                                                                  pggit_server: Server) -> None:
    (pytester.path / "s.sql").write_text(
        "CREATE TABLE t (a text, b text);\n"
        "COPY public.t (a, b) FROM stdin;\n"
        "\\N\tfirst is null\n"
        "x;y\t\\\\backslash\n"
        "\\.\n"
        "INSERT INTO t VALUES ('after', 'copy');\n")
    pytester.makepyfile(
        """
        def test_rows(pggit_conn):
            rows = pggit_conn.execute("SELECT a, b FROM t ORDER BY b").fetchall()
            assert rows == [("x;y", "\\\\backslash"), ("after", "copy"), (None, "first is null")]
        """
    )
    result = pytester.runpytest(*dsn_args(pggit_server), "--pggit-schema", "s.sql")
    result.assert_outcomes(passed=1)


def test_copy_bad_row_names_the_rows_file_and_line(pytester: pytest.Pytester, pggit_server: Server) -> None:
    bad = pytester.path / "data.sql"
    bad.write_text(
        "CREATE TABLE n (id int, name text);\n"
        "COPY n (id, name) FROM stdin;\n"
        "1\tone\n"
        "2\ttwo\n"
        "three\tthree\n"
        "\\.\n")
    pytester.makepyfile(TWO_TESTS)
    result = pytester.runpytest(*dsn_args(pggit_server), "--pggit-schema", "data.sql")
    assert_stopped_with(result, f"*[[]22P02[]] applying schema file {bad} failed at {bad}:5: "
                                "invalid input syntax for type integer*")


# ------------------------------------------------------------------------ BEGIN ATOMIC
ATOMIC = """\
--
-- Name: rating_label(public.mpaa); Type: FUNCTION; Schema: public; Owner: -
--

CREATE TYPE public.mpaa AS ENUM ('G', 'PG', 'R');

CREATE FUNCTION public.rating_label(r public.mpaa) RETURNS text
    LANGUAGE sql IMMUTABLE
    BEGIN ATOMIC
 SELECT CASE
             WHEN (r = 'G'::public.mpaa) THEN 'general'::text
             ELSE 'restricted'::text
         END AS "case";
END;

CREATE PROCEDURE public.log_label(IN r public.mpaa)
    LANGUAGE sql
    BEGIN ATOMIC
 INSERT INTO public.labels (label)
   VALUES (public.rating_label(r));
 INSERT INTO public.labels (label)
   VALUES ('done'::text);
END;
"""


def test_begin_atomic_bodies_load_whole(pytester: pytest.Pytester, pggit_server: Server) -> None:
    (pytester.path / "atomic.sql").write_text(
        "CREATE TABLE public.labels (label text);\n" + ATOMIC + "CALL public.log_label('G');\n")
    pytester.makepyfile(
        """
        def test_atomic(pggit_conn):
            assert pggit_conn.execute("SELECT public.rating_label('R')").fetchone() == ("restricted",)
            assert pggit_conn.execute("SELECT label FROM labels ORDER BY label").fetchall() == [
                ("done",), ("general",)]
        """
    )
    result = pytester.runpytest(*dsn_args(pggit_server), "--pggit-schema", "atomic.sql")
    result.assert_outcomes(passed=1)


@pytest.mark.parametrize("text,expected", [
    (ATOMIC, 3),
    ("CREATE OR REPLACE FUNCTION f() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; SELECT 2; END;"
     " SELECT 3;", 2),
    # plain bodies: BEGIN/END inside dollar quotes, a column named begin, a transaction
    ("CREATE FUNCTION g() RETURNS int LANGUAGE plpgsql AS $$ BEGIN RETURN 1; END $$; SELECT 1;", 2),
    ("CREATE TABLE t (begin int, \"end\" int); BEGIN; SELECT 1; END; SELECT 2;", 5),
    ("SELECT CASE WHEN true THEN 1 END; CREATE FUNCTION h() RETURNS int RETURN 1; SELECT 3;", 3),
    # psql: a semicolon inside parentheses does not end a statement
    ("SELECT (1;\n2); SELECT 3;", 2),
])
def test_splitter_keeps_begin_atomic_bodies_like_psql(text: str, expected: int) -> None:
    statements = [s for _, s in split_statements(text) if s.strip(" \n;")]
    assert len(statements) == expected, statements


# ------------------------------------------------------------------- --pggit-no-owner
@pytest.mark.parametrize("flag", [[], ["--pggit-no-owner"]], ids=["default", "no-owner"])
def test_no_owner_skips_owner_to_a_missing_role(pytester: pytest.Pytester, pggit_server: Server,
                                                flag: List[str]) -> None:
    folder = pytester.path / "schema"
    folder.mkdir()
    for name in SCHEMA_FILES:
        text = (PAGILA / name).read_text(encoding="utf-8")
        (folder / name).write_text(text.replace("OWNER TO postgres;", "OWNER TO pggit_no_such_owner;"),
                                   encoding="utf-8")
    (folder / "03-session.sql").write_text("SET SESSION AUTHORIZATION pggit_no_such_owner;\n"
                                           "CREATE TABLE public.mine (id int);\nRESET ROLE;\n")
    pytester.makepyfile(
        """
        def test_owner(pggit_conn):
            owners = pggit_conn.execute(
                "SELECT DISTINCT tableowner = current_user FROM pg_tables "
                "WHERE schemaname = 'public' AND tablename IN ('actor', 'film', 'mine')").fetchall()
            assert owners == [(True,)]
        """
    )
    args = [a for a in dsn_args(pggit_server) if a != "--pggit-no-owner"]
    result = pytester.runpytest(*args, "--pggit-schema", "schema", *flag)
    first = folder / SCHEMA_FILES[0]
    if flag:
        result.assert_outcomes(passed=1)
        result.stdout.fnmatch_lines(["*--pggit-no-owner: 59 ownership statement(s) of the schema "
                                     "files skipped*"])
    else:
        assert_stopped_with(result, f"*[[]42704[]] applying schema file {first} failed at {first}:*: "
                                    'role "pggit_no_such_owner" does not exist*')
