"""Generated scripts cannot be broken out of (issue 11, "Generated scripts can be broken out of").

Every name, path, ref and message the layer writes into a script's comments goes
through ``_comment_text``: hostile names with line breaks, ``*/``, ``/*``, ``--``,
quotes, backslashes and psql meta-commands go through every script the layer
generates, and each script is run by the real ``psql -X -v ON_ERROR_STOP=1 -f`` with
two canaries: a table ``public.canary`` (an SQL statement that broke out of its
comment) and a file in psql's working directory (a ``\\!`` shell command that did).
The scripts must still migrate what they should.
"""
from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any, Dict, List, Optional

import pytest

from sql_conftest import SqlDb, psql_binary

CANARY_SQL = ";CREATE TABLE public.canary();--"


def hostile(tag: str, sep: str = "\n") -> str:
    """A name that, written raw into a comment, ends it and runs a shell and an SQL canary."""
    name = f"{tag}{sep}{CANARY_SQL}{sep}\\! touch K{sep}*/ /*'\"\\"
    assert len(name.encode()) <= 63, name  # a whole identifier, not truncated
    return name


SCHEMA = hostile("s")
TABLE = hostile("t")  # in SCHEMA
COLUMN = hostile("d")  # of TABLE
CR_TABLE = hostile("u", "\r")  # in public, renamed to RENAMED in the next commit
CR_COLUMN = hostile("c", "\r")  # of public.keep, dropped in the next commit
RENAMED = hostile("w")
VIEW = hostile("v")
FUNCTION = hostile("f")
MESSAGE = "msg\n\\! touch K\n" + CANARY_SQL + "\r*/ /* -- ' \" \\ \u2028\u0085\x0b\x0c"
AUTHOR = "auth\n\\! touch K\n" + CANARY_SQL + "\r*/ /* ' \" \\"
REF = hostile("r")  # only a direct INSERT (and an upgrade keeping such a ref) can make it


def ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


B_DDL = f"""
CREATE SCHEMA {ident(SCHEMA)};
CREATE TABLE {ident(SCHEMA)}.{ident(TABLE)} (id int PRIMARY KEY, {ident(COLUMN)} text DEFAULT 'x');
COMMENT ON TABLE {ident(SCHEMA)}.{ident(TABLE)} IS {"'" + MESSAGE.replace("'", "''") + "'"};
CREATE TABLE public.{ident(CR_TABLE)} (id int);
CREATE TABLE public.keep (id int, {ident(CR_COLUMN)} int);
CREATE VIEW public.{ident(VIEW)} AS SELECT id, {ident(COLUMN)} FROM {ident(SCHEMA)}.{ident(TABLE)};
CREATE FUNCTION public.{ident(FUNCTION)}(int) RETURNS int LANGUAGE sql AS 'SELECT $1 + 1';
"""
C_DDL = f"""
ALTER TABLE public.keep DROP COLUMN {ident(CR_COLUMN)};
ALTER TABLE public.{ident(CR_TABLE)} RENAME TO {ident(RENAMED)};
"""


def run_script(d: SqlDb, script: str, tmp_path: Path, label: str, check: bool = True) -> subprocess.CompletedProcess:
    """psql -X -v ON_ERROR_STOP=1 -f FILE in an empty working directory; no canary may fire."""
    work = tmp_path / f"cwd-{label}"
    work.mkdir()
    path = tmp_path / f"{label}.sql"
    path.write_text(script, encoding="utf-8")
    proc = subprocess.run([psql_binary(), "-X", "-v", "ON_ERROR_STOP=1", "-d", d.dsn, "-f", str(path)],
                          cwd=work, capture_output=True, text=True)
    assert list(work.iterdir()) == [], f"{label}: a shell command broke out of the script:\n{script}"
    assert d.val("SELECT to_regclass('public.canary')") is None, \
        f"{label}: an SQL statement broke out of a comment:\n{script}"
    if check:
        assert proc.returncode == 0, f"{label}: psql failed:\n{proc.stderr}\n{script}"
    if script.startswith("-- pgGit migration "):
        assert_header_safe(script, label)
    return proc


def assert_header_safe(script: str, label: str) -> None:
    """The script's header (everything before BEGIN;) is whole comment lines only."""
    header = script.split("\nBEGIN;\n", 1)[0]
    assert header.startswith("-- pgGit migration "), f"{label}: {header!r}"
    for line in header.split("\n"):
        assert line.startswith("-- ") and "\r" not in line, f"{label}: header line is not one comment: {line!r}"


def tables(d: SqlDb) -> Dict[str, List[str]]:
    """{schema.table: [columns]} of the user's tables."""
    out: Dict[str, List[str]] = {}
    for r in d.rows("""SELECT n.nspname, c.relname, a.attname FROM pg_class c
                       JOIN pg_namespace n ON n.oid = c.relnamespace
                       JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
                       WHERE c.relkind IN ('r', 'v') AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'pggit_v0')
                       ORDER BY 1, 2, a.attnum"""):
        out.setdefault(f"{r['nspname']}.{r['relname']}", []).append(r["attname"])
    return out


@pytest.fixture
def history(db: SqlDb) -> Dict[str, Any]:
    """Commits a (baseline), b (the hostile objects), c (a column dropped, a table renamed)."""
    a = db.val("SELECT pggit_v0.get_head_sha()")
    db.exec(B_DDL)
    b = db.val("SELECT pggit_v0.create_basic_commit(%s, %s)", [MESSAGE, AUTHOR])
    db.exec(C_DDL)
    c = db.val("SELECT pggit_v0.create_basic_commit(%s, %s)", [MESSAGE, AUTHOR])
    db.exec("SELECT pggit_v0.create_tag('at-b', %s, %s)", [b, MESSAGE])
    db.exec("SELECT pggit_v0.create_branch('feature/b', %s, %s, checkout => false)", [MESSAGE, b])
    return {"a": a, "b": b, "c": c}


def test_migrations_both_ways_with_data_loss_headers(db: SqlDb, history: Dict[str, Any], make_empty_db: Any,
                                                     tmp_path: Path) -> None:
    a, b, c = history["a"], history["b"], history["c"]
    gen = {k: db.val("SELECT pggit_v0.generate_migration(%s, %s)", v)
           for k, v in {"a-b": [a, b], "b-c": [b, c], "c-a": [c, a], "b-a": [b, a],
                        "main-b": ["main", "at-b"], "b-main": ["feature/b", "main"]}.items()}
    scratch = make_empty_db()
    run_script(scratch, gen["a-b"], tmp_path, "a-b")
    got = tables(scratch)
    assert got[f"{SCHEMA}.{TABLE}"] == ["id", COLUMN]
    assert got[f"public.{CR_TABLE}"] == ["id"] and got["public.keep"] == ["id", CR_COLUMN]
    assert got[f"public.{VIEW}"] == ["id", COLUMN]
    assert scratch.val("SELECT count(*) FROM pg_proc WHERE proname = %s", [FUNCTION]) == 1
    assert scratch.val("SELECT obj_description(%s::regclass)", [ident(SCHEMA) + "." + ident(TABLE)]) == MESSAGE

    scratch.exec("INSERT INTO public.keep VALUES (1, 2)")
    scratch.exec(f"INSERT INTO public.{ident(CR_TABLE)} VALUES (7)")
    run_script(scratch, gen["b-c"], tmp_path, "b-c")
    got = tables(scratch)
    assert got["public.keep"] == ["id"] and f"public.{CR_TABLE}" not in got
    assert scratch.val(f"SELECT id FROM public.{ident(RENAMED)}") == 7  # renamed, rows kept

    run_script(scratch, gen["c-a"], tmp_path, "c-a")
    # the data-loss header names the dropped schema, tables and column, escaped
    for label in ("c-a", "b-c"):
        assert "\n-- DATA LOSS (" in gen[label]
    assert "/column/c\\r;CREATE TABLE public.canary();--\\r\\\\! touch K\\r*\\/ /\\*'\"\\\\): " in gen["b-c"]
    assert tables(scratch) == {}
    assert scratch.val("SELECT count(*) FROM pg_namespace WHERE nspname = %s", [SCHEMA]) == 0

    scratch2 = make_empty_db()
    run_script(scratch2, gen["a-b"], tmp_path, "2-a-b")
    run_script(scratch2, gen["b-a"], tmp_path, "2-b-a")  # drops the hostile schema and tables
    assert tables(scratch2) == {}
    run_script(scratch2, gen["a-b"], tmp_path, "2-a-b-again")
    run_script(scratch2, gen["b-main"], tmp_path, "2-b-main")  # refs named in the header
    got = tables(scratch2)
    assert got["public.keep"] == ["id"] and f"public.{RENAMED}" in got
    run_script(scratch2, gen["main-b"], tmp_path, "2-main-b")
    got = tables(scratch2)
    assert got["public.keep"] == ["id", CR_COLUMN] and f"public.{CR_TABLE}" in got


def test_diff_status_and_definition_scripts(db: SqlDb, history: Dict[str, Any], make_empty_db: Any,
                                            tmp_path: Path) -> None:
    a, b, c = history["a"], history["b"], history["c"]
    for fn, x, y in (("diff_commits", a, b), ("diff_branches", "main", "feature/b"),
                     ("diff_commits", b, c), ("diff_branches", "at-b", "main")):
        rows = db.rows(f"SELECT path, migration_sql FROM pggit_v0.{fn}(%s, %s)", [x, y])
        assert any(r["migration_sql"] for r in rows), (fn, x, y)
        for i, r in enumerate(rows):
            if r["migration_sql"]:
                # one path's statements alone may depend on others: run each, watch the canaries
                run_script(make_empty_db(), r["migration_sql"], tmp_path, f"{fn}-{x[:6]}-{y[:6]}-{i}", check=False)

    db.exec(f"ALTER TABLE public.keep ADD COLUMN {ident(CR_COLUMN)} int")
    for r in db.rows("SELECT path, migration_sql FROM pggit_v0.status()"):
        assert r["path"].startswith("public/table/keep/")
        if r["migration_sql"]:
            run_script(make_empty_db(), r["migration_sql"], tmp_path, "status", check=False)
    db.exec(f"ALTER TABLE public.keep DROP COLUMN {ident(CR_COLUMN)}")

    ddl = db.val("SELECT pggit_v0.get_object_definition(%s, %s, %s)", [SCHEMA, TABLE, b])
    scratch = make_empty_db()
    run_script(scratch, ddl, tmp_path, "definition")
    assert tables(scratch) == {f"{SCHEMA}.{TABLE}": ["id", COLUMN]}


def test_ref_names_in_headers_and_verify_migration(db: SqlDb, history: Dict[str, Any], make_empty_db: Any,
                                                   tmp_path: Path) -> None:
    """A ref the name rules refuse (kept by an upgrade, see test_bad_input) cannot break out of a header."""
    b = history["b"]
    db.exec("ALTER TABLE pggit_v0.refs DROP CONSTRAINT IF EXISTS refs_name_valid")
    db.exec("INSERT INTO pggit_v0.refs (name, type, target_sha) VALUES (%s, 'branch', %s)", [REF, b])
    there = db.val("SELECT pggit_v0.generate_migration(%s, 'HEAD')", [REF])
    back = db.val("SELECT pggit_v0.generate_migration('HEAD', %s)", [REF])
    verify = db.one("SELECT * FROM pggit_v0.verify_migration(%s)", [REF])
    assert verify["ok"], verify
    scratch = make_empty_db()
    run_script(scratch, db.val("SELECT pggit_v0.generate_migration(%s, %s)", [history["a"], REF]), tmp_path, "to-ref")
    run_script(scratch, there, tmp_path, "ref-there")
    assert "public.keep" in tables(scratch) and tables(scratch)["public.keep"] == ["id"]
    run_script(scratch, verify["script"], tmp_path, "verify")
    assert tables(scratch)["public.keep"] == ["id", CR_COLUMN]
    assert back == verify["script"]
    run_script(scratch, there, tmp_path, "ref-there-again")
    assert tables(scratch)["public.keep"] == ["id"]
    for script in (there, back):  # the ref is named, escaped
        assert "\\n;CREATE TABLE public.canary();--\\n\\\\! touch K\\n" in script.split("\n", 1)[0], script


@pytest.mark.parametrize("text, want", [
    ("plain name", "plain name"),
    ("a\nb", "a\\nb"),
    ("a\rb", "a\\rb"),
    ("a\r\nb", "a\\r\\nb"),
    ("tab\there", "tab\\there"),
    ("vt\x0bff\x0cnel\x85", "vt\\x0bff\\x0cnel\\x85"),
    ("ls\u2028ps\u2029", "ls\\u2028ps\\u2029"),
    ("rlo\u202eltr\u200e", "rlo\\u202eltr\\u200e"),
    ("del\x7f", "del\\x7f"),
    ("x*/y", "x*\\/y"),
    ("x/*y", "x/\\*y"),
    ("/*/", "/\\*\\/"),
    ("*/*", "*\\/\\*"),
    ("back\\slash", "back\\\\slash"),
    ("back\\n", "back\\\\n"),  # a real backslash-n reads back differently from a newline
    ("-- ' \" ; \\! x", "-- ' \" ; \\\\! x"),
    ("ünïcode ✓", "ünïcode ✓"),
    ("", ""),
    (None, None),
])
def test_comment_text(db: SqlDb, text: Optional[str], want: Optional[str]) -> None:
    got = db.val("SELECT pggit_v0._comment_text(%s)", [text])
    assert got == want
    if got is not None:
        assert "/*" not in got and "*/" not in got
        assert not any(ch in got for ch in "\n\r\x0b\x0c\x85\u2028\u2029")


def test_comment_text_never_ends_or_opens_a_comment(db: SqlDb) -> None:
    """Every character from U+0001 to U+3000, alone and between * and /: no line break, no /* or */."""
    row = db.one("""
        WITH t(s) AS (SELECT chr(i) || x FROM generate_series(1, 12288) i, unnest(ARRAY['', '*/', '/*', '/', '*']) x
                      UNION ALL SELECT '*' || chr(i) || '/' FROM generate_series(1, 12288) i),
             e AS (SELECT s, pggit_v0._comment_text(s) AS c FROM t)
        SELECT count(*) AS n,
               count(*) FILTER (WHERE c ~ '[\\u0001-\\u001f\\u007f-\\u009f\\u2028\\u2029]'
                                   OR strpos(c, '/*') > 0 OR strpos(c, '*/') > 0) AS bad,
               count(DISTINCT c) AS distinct_out, count(DISTINCT s) AS distinct_in
        FROM e""")
    assert row["bad"] == 0, row
    assert row["distinct_out"] == row["distinct_in"], row  # the escaping is one to one
