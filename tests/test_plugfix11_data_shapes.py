"""Shapes the data check did not read (sec11's T5-2, T5-3, T5-4, T5-9): comments inside a
statement, a statement run by EXPLAIN ANALYZE, PREPARE, COPY or dblink, a change through a
view or a parent the step makes, an Alembic op.execute outside upgrade()."""
from __future__ import annotations

from pathlib import Path

import pytest

from gate_project import make_project, run_gate
from pytest_pggit.backends import Server
from pytest_pggit.datachanges import StepData, alembic_data

INIT = "CREATE TABLE public.users (id int PRIMARY KEY, email text);\n"


def changes(sql: str) -> list:
    return [(s.verb, s.table, s.every_row, s.unseen) for s in StepData(sql=[("f.sql:1", sql)]).statements()]


@pytest.mark.parametrize("sql, want", [
    ("DELETE/**/FROM public.users;", [("DELETE", "public.users", True, False)]),
    ("DELETE FROM/* all */public.users;", [("DELETE", "public.users", True, False)]),
    ("TRUNCATE/**/public.users;", [("TRUNCATE", "public.users", True, False)]),
    ("/* a /* b */ c */ DELETE FROM public.users;", [("DELETE", "public.users", True, False)]),
    ("SELECT '--' AS x; DELETE FROM public.users WHERE id = 1;", [("DELETE", "public.users", False, False)]),
    ("EXPLAIN ANALYZE DELETE FROM public.users;", [("DELETE", "public.users", True, False)]),
    ("EXPLAIN DELETE FROM public.users;", []),
    ("PREPARE p AS DELETE FROM public.users; EXECUTE p;", [("DELETE", "public.users", True, False)]),
    ("COPY (DELETE FROM public.users RETURNING 1) TO '/dev/null';", [("DELETE", "public.users", True, False)]),
    ("SELECT dblink_exec('dbname=x', 'DELETE FROM public.users');", [("DELETE", "public.users", True, False)]),
    ("SELECT dblink_exec('dbname=x', q) FROM cfg;", [("DBLINK", "(SQL sent through dblink)", False, True)]),
    ("INSERT INTO public.users SELECT id, NULL FROM public.users ON CONFLICT (id) DO UPDATE SET email = EXCLUDED.email;",
     [("UPSERT", "public.users", False, True)]),
    ("INSERT INTO public.users VALUES (1, 'a') ON CONFLICT (id) DO UPDATE SET email = EXCLUDED.email;",
     [("UPSERT", "public.users", False, False)]),
    ("INSERT INTO public.users VALUES (1, 'a') ON CONFLICT DO NOTHING;", []),
    ("CREATE TABLE public.tmp (id int);\nALTER TABLE public.users INHERIT public.tmp;\nDELETE FROM public.tmp;",
     [("DELETE", "public.tmp, public.users", True, False)]),
    ("CREATE VIEW public.v AS SELECT * FROM public.users;\nDELETE FROM public.v;",
     [("DELETE", "public.v, public.users", True, False)]),
])
def test_shapes_are_read(sql: str, want: list) -> None:
    assert changes(sql) == want


@pytest.mark.parametrize("src", [
    'from alembic import op\ndef downgrade_tidy():\n    op.execute("DELETE FROM authors")\n'
    'def upgrade():\n    downgrade_tidy()\ndef downgrade():\n    pass\n',
    'from alembic import op\nclass M:\n    def run(self):\n        op.execute("DELETE FROM authors")\n'
    'def upgrade():\n    M().run()\ndef downgrade():\n    pass\n',
    'from alembic import op\nupgrade = lambda: op.execute("DELETE FROM authors")\ndef downgrade():\n    pass\n',
])
def test_alembic_executes_outside_upgrade_are_read(tmp_path: Path, src: str) -> None:
    path = tmp_path / "r.py"
    path.write_text(src)
    assert [t for _w, t in alembic_data(path, "alembic/r").sql] == ["DELETE FROM authors"]
    path.write_text('from alembic import op\ndef upgrade():\n    pass\n'
                    'def downgrade():\n    op.execute("DELETE FROM authors")\n')
    assert alembic_data(path, "alembic/r").sql == []


@pytest.mark.parametrize("second", [
    "DELETE/**/FROM public.users;\n",
    "CREATE VIEW public.v AS SELECT * FROM public.users;\nDELETE FROM public.v;\n",
    "INSERT INTO public.users SELECT id, NULL FROM public.users ON CONFLICT (id) DO UPDATE SET email = EXCLUDED.email;\n",
])
def test_the_gate_fails_them(pytester: pytest.Pytester, pggit_server: Server, second: str) -> None:
    make_project(pytester, INIT, second)
    result = run_gate(pytester, pggit_server)
    assert result.ret == 1, result.stdout.str()
    result.stdout.fnmatch_lines(["*sql/schema/002_change.sql*public.users*"])
    assert "data-loss" in result.stdout.str() or "NOT JUDGED" in result.stdout.str()
