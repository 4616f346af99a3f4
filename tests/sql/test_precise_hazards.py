"""Hazards as PostgreSQL behaves, not as a rule of thumb: each column type change is
applied by the generated migration to a table holding a row, and ``table_rewrite`` is
reported exactly when the table's relfilenode changes (PostgreSQL wrote a new file).
Changes that fail once a table has a row carry ``fails_with_rows`` (severity ``breaking``),
those that fail when rows break a new rule ``fails_on_violations`` (high),
and the constraints a migration adds to existing tables validate in a second step."""
from __future__ import annotations

from typing import Set

import pytest

from conftest import SqlDb
from errors import raises_sql

TYPE_CHANGES = [
    # (from, to, PostgreSQL rewrites the table)
    ("varchar(10)", "varchar(20)", False),
    ("varchar(10)", "varchar", False),
    ("varchar(10)", "text", False),
    ("text", "varchar", False),
    ("numeric(10,2)", "numeric(12,2)", False),
    ("numeric(10,2)", "numeric", False),
    ("timestamp(2)", "timestamp(4)", False),
    ("bit varying(5)", "bit varying(9)", False),
    ("cidr", "inet", False),
    ("varchar(20)", "varchar(10)", True),
    ("text", "varchar(10)", True),
    ("numeric(10,2)", "numeric(12,3)", True),
    ("numeric(12,2)", "numeric(10,2)", True),
    ("integer", "bigint", True),
    # (timestamp <-> timestamptz: rewritten unless the session's TimeZone is UTC, which
    # a migration cannot know: reported as a rewrite, and not checked here)
    ("char(5)", "char(10)", True),
    ("json", "jsonb", True),
]
VALUES = {"cidr": "'10.0.0.0/8'", "json": "'{}'", "bit varying(5)": "B'101'", "timestamp(2)": "now()"}


def relfilenode(db: SqlDb) -> int:
    return db.val("SELECT relfilenode FROM pg_class WHERE oid = 'public.t'::regclass")


def hazards(db: SqlDb, a: str, b: str, path: str) -> Set[str]:
    rows = {r["path"]: set(r["hazards"]) for r in db.rows("SELECT * FROM pggit_v0.diff_commits(%s, %s)", [a, b])}
    return rows[path]


@pytest.mark.parametrize("old,new,rewrites", TYPE_CHANGES, ids=[f"{o}->{n}" for o, n, _ in TYPE_CHANGES])
def test_table_rewrite_is_reported_exactly_when_the_table_is_rewritten(db: SqlDb, old: str, new: str,
                                                                      rewrites: bool) -> None:
    db.exec(f"CREATE TABLE public.t (id int, c {old})")
    a = db.val("SELECT pggit_v0.create_basic_commit('A')")
    db.exec(f"ALTER TABLE public.t ALTER COLUMN c TYPE {new}")
    b = db.val("SELECT pggit_v0.create_basic_commit('B')")
    db.psql(sql=db.val("SELECT pggit_v0.generate_migration(%s, %s)", [b, a]))   # back to A ...
    value = VALUES.get(old, "'1'")
    db.exec(f"INSERT INTO public.t VALUES (1, {value})")    # ... with a row
    before = relfilenode(db)
    db.psql(sql=db.val("SELECT pggit_v0.generate_migration(%s, %s)", [a, b]))   # then A -> B
    assert (relfilenode(db) != before) is rewrites, "PostgreSQL's behaviour changed: fix TYPE_CHANGES"
    found = hazards(db, a, b, "public/table/t/column/c")
    assert ("table_rewrite" in found) is rewrites, found
    # a change made in place can neither fail on a value nor lose one
    assert ("correctness_risk" in found) is rewrites, found
    assert "access_exclusive_lock" in found


def test_what_fails_on_existing_rows_carries_its_own_hazards(db: SqlDb) -> None:
    db.exec("CREATE TABLE public.t (id int, a int, b int, c int)")
    a = db.val("SELECT pggit_v0.create_basic_commit('A')")
    db.exec("""ALTER TABLE public.t ADD COLUMN must int NOT NULL;          -- no default
               ALTER TABLE public.t ADD COLUMN fine int NOT NULL DEFAULT 0;
               ALTER TABLE public.t ALTER COLUMN a SET NOT NULL;
               ALTER TABLE public.t ADD CONSTRAINT t_id_key UNIQUE (id);
               ALTER TABLE public.t ADD CONSTRAINT t_b_check CHECK (b > 0);
               ALTER TABLE public.t ADD CONSTRAINT t_c_check CHECK (c > 0) NOT VALID;
               CREATE UNIQUE INDEX t_c_key ON public.t (c);
               CREATE INDEX t_b ON public.t (b)""")
    b = db.val("SELECT pggit_v0.create_basic_commit('B')")
    rows = {r["path"]: set(r["hazards"]) for r in db.rows("SELECT * FROM pggit_v0.diff_commits(%s, %s)", [a, b])}
    # fails once the table has any row: breaking (the default gate fails on it)
    assert {p for p, h in rows.items() if "fails_with_rows" in h} == {"public/table/t/column/must"}
    # fails only when rows break the new rule
    assert {p for p, h in rows.items() if "fails_on_violations" in h} == {
        "public/table/t/column/a", "public/table/t/constraint/t_id_key", "public/table/t/constraint/t_b_check",
        "public/table/t/index/t_c_key"}
    kinds = {r["hazard"]: r["severity"] for r in db.rows("SELECT * FROM pggit_v0.hazard_kinds()")}
    assert (kinds["fails_with_rows"], kinds["fails_on_violations"]) == ("breaking", "high")
    # and it does fail: the table has a row
    db.psql(sql=db.val("SELECT pggit_v0.generate_migration(%s, %s)", [b, a]))
    db.exec("INSERT INTO public.t VALUES (1, NULL, -1, -1)")
    proc = db.psql(sql=db.val("SELECT pggit_v0.generate_migration(%s, %s)", [a, b]), check=False)
    assert proc.returncode != 0 and "contains null values" in proc.stderr, proc.stderr
    # a new table's constraints are not: it has no rows
    c = db.val("SELECT pggit_v0.get_head_sha()")
    db.exec("CREATE TABLE public.n (id int NOT NULL UNIQUE, CHECK (id > 0))")
    d = db.val("SELECT pggit_v0.create_basic_commit('D')")
    assert not any({"fails_with_rows", "fails_on_violations"} & set(r["hazards"])
                   for r in db.rows("SELECT * FROM pggit_v0.diff_commits(%s, %s)", [c, d]))


def test_foreign_keys_added_back_validate_in_a_second_step(db: SqlDb) -> None:
    """A column type change on a referenced key drops the foreign keys pointing at it; they
    come back NOT VALID, then VALIDATE (a plain ADD holds its lock while it scans)."""
    db.exec("""CREATE TABLE public.p (id int PRIMARY KEY);
               CREATE TABLE public.c (id int PRIMARY KEY, p_id int REFERENCES public.p (id))""")
    a = db.val("SELECT pggit_v0.create_basic_commit('A')")
    db.exec("""ALTER TABLE public.c DROP CONSTRAINT c_p_id_fkey;
               ALTER TABLE public.p ALTER COLUMN id TYPE bigint;
               ALTER TABLE public.c ALTER COLUMN p_id TYPE bigint;
               ALTER TABLE public.c ADD CONSTRAINT c_p_id_fkey FOREIGN KEY (p_id) REFERENCES public.p (id)""")
    b = db.val("SELECT pggit_v0.create_basic_commit('B')")
    script = db.val("SELECT pggit_v0.generate_migration(%s, %s)", [a, b])
    assert ("FOREIGN KEY (p_id) REFERENCES public.p(id) NOT VALID;\n"
            "ALTER TABLE public.c VALIDATE CONSTRAINT c_p_id_fkey;") in script, script


def test_a_column_change_rebuilds_only_what_reads_that_column(db: SqlDb) -> None:
    """Views reading the changed column (or whole rows) are recreated, with the views on
    them; views on other columns of the same table stay, and so do foreign keys that
    reference other columns."""
    db.exec("""CREATE TABLE public.t (id int PRIMARY KEY, code varchar(10) UNIQUE, note text);
               CREATE TABLE public.r (id int, t_id int REFERENCES public.t (id), t_code varchar(10) REFERENCES public.t (code));
               CREATE VIEW public.v_code AS SELECT id, code FROM public.t;
               CREATE VIEW public.v_on_code AS SELECT code FROM public.v_code;
               CREATE VIEW public.v_note AS SELECT id, note FROM public.t;
               CREATE VIEW public.v_rows AS SELECT t FROM public.t;
               CREATE MATERIALIZED VIEW public.m_note AS SELECT note FROM public.t""")
    a = db.val("SELECT pggit_v0.create_basic_commit('A')")
    db.exec("""DROP VIEW public.v_on_code, public.v_code, public.v_rows;
               ALTER TABLE public.r DROP CONSTRAINT r_t_code_fkey;
               ALTER TABLE public.t ALTER COLUMN code TYPE varchar(20);
               ALTER TABLE public.r ALTER COLUMN t_code TYPE varchar(20);
               ALTER TABLE public.r ADD CONSTRAINT r_t_code_fkey FOREIGN KEY (t_code) REFERENCES public.t (code);
               CREATE VIEW public.v_code AS SELECT id, code FROM public.t;
               CREATE VIEW public.v_on_code AS SELECT code FROM public.v_code;
               CREATE VIEW public.v_rows AS SELECT t FROM public.t""")
    b = db.val("SELECT pggit_v0.create_basic_commit('B')")
    touched = {r["path"] for r in db.rows("SELECT path FROM pggit_v0._migration_steps("
                                          "pggit_v0._commit_tree(%s), pggit_v0._commit_tree(%s))", [a, b])}
    assert {"public/view/v_code", "public/view/v_on_code", "public/view/v_rows",
            "public/table/r/constraint/r_t_code_fkey"} <= touched
    assert not touched & {"public/view/v_note", "public/materialized_view/m_note",
                          "public/table/r/constraint/r_t_id_fkey"}, touched
    # and the script runs: back to A and forward again
    db.psql(sql=db.val("SELECT pggit_v0.generate_migration(%s, %s)", [b, a]))
    db.psql(sql=db.val("SELECT pggit_v0.generate_migration(%s, %s)", [a, b]))
    assert db.rows("SELECT path FROM pggit_v0.status()") == []


def test_dropping_a_sequence_that_handed_out_values_is_data_loss(db: SqlDb) -> None:
    """DROP SEQUENCE carries data_deletion (its position is lost: a new one starts over);
    checkout refuses it once the sequence has handed out a value, not before."""
    base = db.val("SELECT pggit_v0.get_head_sha()")
    db.exec("SELECT pggit_v0.create_branch('empty', checkout => false)")
    db.exec("CREATE SEQUENCE public.ticket_no")
    db.val("SELECT pggit_v0.create_basic_commit('a sequence')")
    rows = {r["path"]: set(r["hazards"]) for r in db.rows(
        "SELECT * FROM pggit_v0.diff_commits('HEAD', %s)", [base])}
    assert "data_deletion" in rows["public/sequence/ticket_no"]
    db.val("SELECT nextval('public.ticket_no')")
    with raises_sql("55000", 'checkout of "empty" would lose data') as info:
        db.exec("SELECT pggit_v0.checkout_branch('empty', apply => true)")
    assert "public.ticket_no holds its position" in info.value.diag.message_detail
    db.exec("SELECT setval('public.ticket_no', 1, false)")   # as if it never handed out a value
    db.exec("SELECT pggit_v0.checkout_branch('empty', apply => true)")
    assert db.val("SELECT to_regclass('public.ticket_no')") is None
