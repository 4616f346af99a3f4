"""The ``data`` check reads DO blocks, the routines a step creates and calls, and the
``EXECUTE`` of their dynamic SQL (sec9's Z17: a step emptying a table inside a DO block,
through ``EXECUTE``, or in a function it created and called passed the gate, unnamed)."""
from __future__ import annotations

import pytest

from gate_project import make_project, run_gate
from pytest_pggit.backends import Server
from pytest_pggit.datachanges import StepData

INIT = "CREATE TABLE public.users (id int PRIMARY KEY, email text);\n"


@pytest.mark.parametrize("sql, want", [
    ("DO $$ BEGIN DELETE FROM public.users; END $$;", [("DELETE", "public.users", True, False)]),
    ("DO $$ BEGIN EXECUTE 'TRUNCATE public.users'; END $$;", [("TRUNCATE", "public.users", True, False)]),
    ("DO $$ BEGIN EXECUTE 'TRUNCATE ' || 'public.users'; END $$;",
     [("TRUNCATE", "(a table named at run time)", True, False)]),
    ("DO $$ DECLARE q text := 'x'; BEGIN EXECUTE q; END $$;",
     [("EXECUTE", "(SQL built at run time)", False, True)]),
    ("CREATE FUNCTION public.tidy() RETURNS void LANGUAGE sql AS $$ DELETE FROM public.users $$;\n"
     "SELECT public.tidy();\nDROP FUNCTION public.tidy();", [("DELETE", "public.users", True, False)]),
    ("CREATE PROCEDURE p() LANGUAGE sql BEGIN ATOMIC DELETE FROM public.users; END;\nCALL p();",
     [("CALL", "p", False, False), ("DELETE", "public.users", True, False)]),
    # nothing: DDL in a DO block, dynamic DDL, a routine created but not run, a trigger's
    ("DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_type WHERE typname = 'm') THEN "
     "CREATE TYPE m AS ENUM ('a'); END IF; END $$;", []),
    ("DO $$ BEGIN EXECUTE format('ALTER TABLE %I ADD COLUMN x int', 'users'); END $$;", []),
    ("CREATE FUNCTION public.tidy() RETURNS void LANGUAGE sql AS $$ DELETE FROM public.users $$;", []),
    ("CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN DELETE FROM log; RETURN NEW; END $$;\n"
     "CREATE TRIGGER t AFTER INSERT ON x FOR EACH ROW EXECUTE FUNCTION f();", []),
    ("DO $$ BEGIN UPDATE public.users SET email = lower(email) WHERE id > 3; END $$;",
     [("UPDATE", "public.users", False, False)]),
])
def test_bodies_are_read(sql: str, want: object) -> None:
    got = StepData(sql=[("f.sql:1", sql)]).statements()
    assert [(s.verb, s.table, s.every_row, s.unseen) for s in got] == want


@pytest.mark.parametrize("second, status", [
    ("DO $$ BEGIN DELETE FROM public.users; END $$;\n", "data-loss"),
    ("DO $$ BEGIN EXECUTE 'TRUNCATE public.users'; END $$;\n", "data-loss"),
    ("CREATE FUNCTION public.tidy() RETURNS void LANGUAGE sql AS $$ DELETE FROM public.users $$;\n"
     "SELECT public.tidy();\nDROP FUNCTION public.tidy();\n", "data-loss"),
    ("DO $$ DECLARE t text := 'public.users'; BEGIN EXECUTE 'TRUNCATE ' || t; END $$;\n", "data-loss"),
    ("DO $$ DECLARE q text := 'TRUNCATE public.users'; BEGIN EXECUTE q; END $$;\n", "NOT JUDGED"),
])
def test_the_gate_fails_a_step_emptying_a_table_in_code(pytester: pytest.Pytester, pggit_server: Server,
                                                        second: str, status: str) -> None:
    make_project(pytester, INIT, second)
    result = run_gate(pytester, pggit_server)
    out = result.stdout.str()
    assert result.ret == 1, out
    result.stdout.fnmatch_lines([f"*sql/schema/002_change.sql*{status}*"])


def test_an_allow_accepts_dynamic_sql(pytester: pytest.Pytester, pggit_server: Server) -> None:
    make_project(pytester, INIT, "-- pggit: allow data_deletion -- builds the audit views, deletes nothing\n"
                                 "DO $$ DECLARE q text := 'SELECT 1'; BEGIN EXECUTE q; END $$;\n")
    result = run_gate(pytester, pggit_server)
    assert result.ret == 0, result.stdout.str()


def test_a_data_case_names_its_file_and_line(pytester: pytest.Pytester, pggit_server: Server) -> None:
    import xml.etree.ElementTree as ET

    make_project(pytester, INIT, "-- tidy\nCREATE TABLE public.audit (id int);\nDELETE FROM public.users;\n")
    result = run_gate(pytester, pggit_server)
    assert result.ret == 1, result.stdout.str()
    root = ET.parse(pytester.path / "gate.xml").getroot()
    data = [c for c in root.iter("testcase") if c.get("classname") == "pggit.data"]
    assert [(c.get("file"), c.get("line")) for c in data] == [("schema/002_change.sql", "3")]


@pytest.mark.parametrize("sql, verbs", [
    # sec10's S10: what PostgreSQL changes because of a statement
    ("CREATE TABLE public.tmp (id int PRIMARY KEY);\nINSERT INTO public.tmp SELECT id FROM public.users;\n"
     "ALTER TABLE public.users ADD CONSTRAINT users_tmp FOREIGN KEY (id) REFERENCES public.tmp (id) "
     "ON DELETE CASCADE;\nDELETE FROM public.tmp;", ["CASCADE"]),
    ("CREATE FUNCTION public.trg() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN DELETE FROM public.users; "
     "RETURN NEW; END $$;\nCREATE TABLE public.audit (id int);\nCREATE TRIGGER t AFTER INSERT ON public.audit "
     "FOR EACH ROW EXECUTE FUNCTION public.trg();\nINSERT INTO public.audit VALUES (1);", ["TRIGGER"]),
    ("CREATE TABLE public.audit (id int);\nCREATE RULE r AS ON INSERT TO public.audit DO ALSO "
     "DELETE FROM public.users;\nINSERT INTO public.audit VALUES (1);", ["RULE"]),
    ("CREATE FUNCTION public.on_ddl() RETURNS event_trigger LANGUAGE plpgsql AS $$ BEGIN "
     "DELETE FROM public.users; END $$;\n"
     "CREATE EVENT TRIGGER e ON ddl_command_end EXECUTE FUNCTION public.on_ddl();", ["EVENT TRIGGER"]),
    # none: an event trigger or a trigger whose routine deletes and updates nothing (real
    # schemas: supabase's, synapse's checks)
    ("CREATE FUNCTION public.on_ddl() RETURNS event_trigger LANGUAGE plpgsql AS $$ BEGIN "
     "RAISE NOTICE 'x'; END $$;\n"
     "CREATE EVENT TRIGGER e ON ddl_command_end EXECUTE FUNCTION public.on_ddl();", []),
    ("CREATE FUNCTION public.chk() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
     "IF NEW.id < 0 THEN RAISE EXCEPTION 'no'; END IF; RETURN NEW; END $$;\n"
     "CREATE TRIGGER c BEFORE INSERT ON public.users FOR EACH ROW EXECUTE FUNCTION public.chk();\n"
     "INSERT INTO public.users VALUES (1);", []),
    ("DO $$ BEGIN EXECUTE 'CREATE FUNCTION public.t() RETURNS void LANGUAGE sql AS ''DELETE FROM public.users''';"
     " PERFORM public.t(); END $$;", ["EXECUTE"]),
    ("TRUNCATE public.tmp CASCADE;", ["TRUNCATE", "CASCADE"]),
    # none: a cascading key with no delete, a trigger with no row written
    ("CREATE TABLE public.orders (id int, user_id int REFERENCES public.users ON DELETE CASCADE);", []),
    ("CREATE TRIGGER t BEFORE UPDATE ON public.users FOR EACH ROW EXECUTE FUNCTION public.touch();", []),
])
def test_what_a_step_sets_off_is_not_judged(sql: str, verbs: list) -> None:
    from pytest_pggit.datachanges import sql_file_data

    got = StepData(sql=[("f.sql:1", sql)]).statements()
    assert [s.verb for s in got if s.unseen or s.verb == "TRUNCATE"] == verbs


def test_the_gate_fails_a_rule_deleting_rows(pytester: pytest.Pytester, pggit_server: Server) -> None:
    make_project(pytester, INIT, "CREATE TABLE public.audit (id int);\nCREATE RULE r AS ON INSERT TO public.audit "
                                 "DO ALSO DELETE FROM public.users;\nINSERT INTO public.audit VALUES (1);\n")
    result = run_gate(pytester, pggit_server)
    assert result.ret == 1, result.stdout.str()
    result.stdout.fnmatch_lines(["*sql/schema/002_change.sql*NOT JUDGED*may lose rows the gate cannot read*RULE*"])


@pytest.mark.parametrize("sql, every", [
    ("MERGE INTO public.users u USING public.users s ON true WHEN MATCHED THEN DELETE;", True),
    ("MERGE INTO public.users u USING src s ON u.id = s.id WHEN MATCHED THEN DELETE;", False),
])
def test_a_merge_deleting_every_row(sql: str, every: bool) -> None:
    """sec9's Z17 (w_merge): a MERGE with an always-true join deleting when matched."""
    got = StepData(sql=[("f.sql:1", sql)]).statements()
    assert [(s.verb, s.every_row) for s in got] == [("MERGE", every)]


def test_a_first_schema_file_with_triggers_and_seed_rows_passes(pytester: pytest.Pytester,
                                                                pggit_server: Server) -> None:
    """What a trigger or a cascade changes fails only where the base has tables to lose rows
    of: the project's first schema file (base root) creating tables, a trigger and seed rows
    passes, as real schemas do."""
    schema = pytester.path / "schema"
    schema.mkdir()
    (schema / "001_init.sql").write_text(
        "CREATE TABLE public.t (id int PRIMARY KEY, at timestamptz);\n"
        "CREATE FUNCTION public.stamp() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.at := now(); "
        "RETURN NEW; END $$;\n"
        "CREATE TRIGGER stamp BEFORE INSERT ON public.t FOR EACH ROW EXECUTE FUNCTION public.stamp();\n"
        "INSERT INTO public.t (id) VALUES (1);\n")
    pytester.makepyfile(test_ok="def test_ok(pggit):\n    assert pggit.head()\n")
    result = run_gate(pytester, pggit_server)
    assert result.ret == 0, result.stdout.str()
