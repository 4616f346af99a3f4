"""The ``data`` check reads what a step sets off that earlier work made (tester B10's BB2,
sec10's S10 residual): a routine of the base or of an earlier step the step calls
(``SELECT f()``), a trigger made before the step that its writes fire, and the statements
of a data-modifying ``WITH``; a cascading foreign key of a table the step creates loses
no deployed row (BB10)."""
from __future__ import annotations

import pytest

from gate_project import git, make_project, run_gate
from pytest_pggit.backends import Server
from pytest_pggit.datachanges import Known, StepData

INIT = ("CREATE TABLE public.users (id int PRIMARY KEY, email text);\n"
        "CREATE TABLE public.orders (id int PRIMARY KEY, user_id int REFERENCES public.users);\n"
        "CREATE FUNCTION public.purge_users() RETURNS void LANGUAGE sql AS "
        "$$ DELETE FROM public.orders; DELETE FROM public.users $$;\n")
TRIGGER = ("CREATE TABLE public.audit (id int);\n"
           "CREATE FUNCTION public.audit_trg() RETURNS trigger LANGUAGE plpgsql AS "
           "$$ BEGIN DELETE FROM public.users; RETURN NEW; END $$;\n"
           "CREATE TRIGGER audit_ins AFTER INSERT ON public.audit FOR EACH ROW EXECUTE FUNCTION public.audit_trg();\n")


def changes(sql: str, known: Known = None) -> list:
    return [(s.verb, s.table, s.every_row) for s in StepData(sql=[("f.sql:1", sql)]).statements(known)]


@pytest.mark.parametrize("sql, want", [
    ("WITH d AS (DELETE FROM public.orders RETURNING 1) SELECT count(*) FROM d;",
     [("DELETE", "public.orders", True)]),
    ("WITH d AS (DELETE FROM public.orders WHERE id < 3 RETURNING *) INSERT INTO public.old SELECT * FROM d;",
     [("DELETE", "public.orders", False)]),
    ("WITH a AS (SELECT 1), b AS MATERIALIZED (UPDATE public.users SET email = '' RETURNING 1) SELECT * FROM b;",
     [("UPDATE", "public.users", False)]),
    ("WITH d AS (SELECT id FROM public.users) DELETE FROM public.orders WHERE user_id IN (SELECT id FROM d);",
     [("DELETE", "public.orders", False)]),
])
def test_a_data_modifying_with_is_read_as_its_statements(sql: str, want: list) -> None:
    assert changes(sql) == want


def test_calls_and_triggers_of_what_was_made_before_are_read() -> None:
    known = Known({"purge_users": "DELETE FROM public.orders; DELETE FROM public.users"}, [])
    want = [("DELETE", "public.orders", True), ("DELETE", "public.users", True)]
    assert changes("SELECT public.purge_users();", known) == want
    assert changes("DO $$ BEGIN PERFORM purge_users(); END $$;", known) == want
    assert changes("SELECT public.purge_users();") == []
    known = Known({"audit_trg": "BEGIN DELETE FROM public.users; RETURN NEW; END"},
                  [("audit", ("INSERT",), "audit_trg", "audit_ins")])
    assert changes("INSERT INTO public.audit VALUES (1);", known) == [("DELETE", "public.users", True)]
    assert changes("UPDATE public.audit SET id = 2 WHERE id = 1;", known) == [("UPDATE", "public.audit", False)]
    # an updated_at trigger changes no other rows
    known = Known({"touch": "BEGIN NEW.updated_at = now(); RETURN NEW; END"},
                  [("items", ("UPDATE",), "touch", "items_touch")])
    assert changes("UPDATE public.items SET name = lower(name);", known) == [("UPDATE", "public.items", False)]


def test_known_follows_the_steps() -> None:
    known = Known()
    known.after([("a", TRIGGER.split(";\n")[1] + ";"), ("b", TRIGGER.split(";\n")[2] + ";")])
    assert known.triggers == [("audit", ("INSERT",), "audit_trg", "audit_ins")]
    assert "audit_trg" in known.routines
    known.after([("c", "DROP TRIGGER IF EXISTS audit_ins ON public.audit;")])
    assert known.triggers == []


@pytest.mark.parametrize("second", [
    "SELECT public.purge_users();\n",
    "WITH d AS (DELETE FROM public.orders RETURNING 1) SELECT count(*) FROM d;\n",
])
def test_the_gate_fails_a_step_emptying_tables_through_earlier_code(pytester: pytest.Pytester,
                                                                    pggit_server: Server, second: str) -> None:
    make_project(pytester, INIT, second)
    result = run_gate(pytester, pggit_server)
    assert result.ret == 1, result.stdout.str()
    result.stdout.fnmatch_lines(["*sql/schema/002_change.sql*data-loss*every row of public.orders*"])


@pytest.mark.parametrize("committed", [True, False])
def test_a_trigger_made_by_one_step_and_fired_by_the_next(pytester: pytest.Pytester, pggit_server: Server,
                                                          committed: bool) -> None:
    """sec10's split_trigger: 002 makes the trigger, 003 fires it; the trigger in the base
    (002 committed: only 003 is new) or made by a step since the base (both new)."""
    make_project(pytester, INIT, TRIGGER)
    git(pytester.path, "init", "-q")
    git(pytester.path, "add", "-A", *(() if committed else (":!schema/002_change.sql",)))
    git(pytester.path, "commit", "-qm", "base")
    (pytester.path / "schema" / "003_seed.sql").write_text("INSERT INTO public.audit VALUES (1);\n")
    result = run_gate(pytester, pggit_server)
    assert result.ret == 1, result.stdout.str()
    result.stdout.fnmatch_lines(["*sql/schema/003_seed.sql*data-loss*every row of public.users*"])


@pytest.mark.parametrize("second", [
    # BB10: a cascading key of a table the step creates; an updated_at trigger with seed rows
    "CREATE TABLE public.sessions (id int PRIMARY KEY, user_id int REFERENCES public.users ON DELETE CASCADE);\n"
    "DELETE FROM public.users WHERE email IS NULL AND id < 0;\n",
    "CREATE FUNCTION public.touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.updated_at = now(); "
    "RETURN NEW; END $$;\nCREATE TABLE public.items (id int PRIMARY KEY, updated_at timestamptz);\n"
    "CREATE TRIGGER items_touch BEFORE UPDATE ON public.items FOR EACH ROW EXECUTE FUNCTION public.touch();\n"
    "INSERT INTO public.items VALUES (1, now());\nUPDATE public.items SET id = 2 WHERE id = 1;\n",
])
def test_harmless_cascades_and_triggers_pass(pytester: pytest.Pytester, pggit_server: Server, second: str) -> None:
    make_project(pytester, INIT, second)
    result = run_gate(pytester, pggit_server)
    assert result.ret == 0, result.stdout.str()


@pytest.mark.parametrize("second", [
    # the review's R11-1: called, then dropped or replaced by a harmless body in the same step
    "SELECT public.purge_users();\nDROP FUNCTION public.purge_users();\n",
    "SELECT public.purge_users();\nCREATE OR REPLACE FUNCTION public.purge_users() RETURNS void LANGUAGE sql "
    "AS $$ SELECT 1 $$;\n",
])
def test_a_released_routine_called_then_dropped_or_replaced(pytester: pytest.Pytester, pggit_server: Server,
                                                            second: str) -> None:
    make_project(pytester, INIT, second)
    result = run_gate(pytester, pggit_server)
    assert result.ret == 1, result.stdout.str()
    result.stdout.fnmatch_lines(["*sql/schema/002_change.sql*data-loss*every row of public.orders*"])


def test_a_released_trigger_fired_then_dropped(pytester: pytest.Pytester, pggit_server: Server) -> None:
    make_project(pytester, INIT + TRIGGER, "INSERT INTO public.audit VALUES (1);\n"
                                           "DROP TRIGGER audit_ins ON public.audit;\n")
    result = run_gate(pytester, pggit_server)
    assert result.ret == 1, result.stdout.str()
    result.stdout.fnmatch_lines(["*sql/schema/002_change.sql*data-loss*every row of public.users*"])


def test_a_quoted_routine_name_is_matched(pytester: pytest.Pytester, pggit_server: Server) -> None:
    """The review's R11-2: ``SELECT public."PurgeUsers"()`` (ORM-made camelCase names)."""
    assert changes('CREATE FUNCTION public."PurgeUsers"() RETURNS void LANGUAGE sql AS $$ DELETE FROM public.users $$;'
                   '\nSELECT public."PurgeUsers"();') == [("DELETE", "public.users", True)]
    make_project(pytester, INIT + 'CREATE FUNCTION public."PurgeUsers"() RETURNS void LANGUAGE sql AS '
                                  '$$ DELETE FROM public.users $$;\n', 'SELECT public."PurgeUsers"();\n')
    result = run_gate(pytester, pggit_server)
    assert result.ret == 1, result.stdout.str()
    result.stdout.fnmatch_lines(["*sql/schema/002_change.sql*data-loss*every row of public.users*"])


def test_only_the_routines_a_step_calls_are_read(monkeypatch: pytest.MonkeyPatch) -> None:
    """The review's R11-3: every known routine's body was read for every step."""
    from pytest_pggit import datachanges

    read = []
    real = datachanges.body_changes
    monkeypatch.setattr(datachanges, "body_changes", lambda *a, **k: read.append(a[1]) or real(*a, **k))
    known = Known({f"f{i}": f"BEGIN DELETE FROM t{i}; END" for i in range(200)}, [])
    assert changes("SELECT f7(); INSERT INTO x VALUES (1);", known) == [("DELETE", "t7", True)]
    assert read == ["BEGIN DELETE FROM t7; END"]


@pytest.mark.parametrize("sql", [
    "SELECT public.log_it();",
    "CREATE FUNCTION public.seed() RETURNS void LANGUAGE plpgsql AS $$ BEGIN INSERT INTO public.audit VALUES (1); "
    "END $$;\nSELECT public.seed();",
])
def test_a_trigger_fired_by_a_write_in_a_called_routine(sql: str) -> None:
    """The review's R11-7: the INSERT firing a released trigger sat in a routine the step calls."""
    known = Known({"audit_trg": "BEGIN DELETE FROM public.orders; RETURN NEW; END",
                   "log_it": "INSERT INTO public.audit VALUES (2)"},
                  [("audit", ("INSERT",), "audit_trg", "audit_ins")])
    assert ("DELETE", "public.orders", True) in changes(sql, known)


def test_the_gate_fails_a_released_trigger_fired_through_a_routine(pytester: pytest.Pytester,
                                                                   pggit_server: Server) -> None:
    make_project(pytester, INIT + TRIGGER + "CREATE FUNCTION public.log_it() RETURNS void LANGUAGE sql AS "
                                            "$$ INSERT INTO public.audit VALUES (2) $$;\n",
                 "SELECT public.log_it();\n")
    result = run_gate(pytester, pggit_server)
    assert result.ret == 1, result.stdout.str()
    result.stdout.fnmatch_lines(["*sql/schema/002_change.sql*data-loss*every row of public.users*"])
