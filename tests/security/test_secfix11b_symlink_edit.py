"""T5-1 of the fifth security round: a committed step file replaced by a symlink to a
file the base already holds (a maintenance script run by hand, deleting rows) is a git
*type change* (``T``), which the gate's edit detection (``M`` only) did not see; the
step, identified by the path it resolves to, was not new either: nothing of it was
judged and the default gate passed.  Such a change is an edit of the step now."""
from __future__ import annotations

import os

import pytest

from gate_project import git
from pytest_pggit.backends import Server


def test_a_step_file_made_a_symlink_to_an_old_script_is_judged_as_an_edit(
        pytester: pytest.Pytester, pggit_server: Server) -> None:
    schema, lib = pytester.path / "schema", pytester.path / "lib"
    schema.mkdir()
    lib.mkdir()
    (schema / "0001_users.sql").write_text("CREATE TABLE public.users (id int PRIMARY KEY, email text);\n")
    (schema / "0002_orders.sql").write_text("CREATE TABLE public.orders (id int PRIMARY KEY);\n")
    (lib / "orders.sql").write_text("-- run by hand, not a step\nCREATE TABLE public.orders (id int PRIMARY KEY);\n"
                                    "DELETE FROM public.users;\n")
    pytester.makepyfile(test_ok="def test_ok(pggit_db):\n    assert True\n")
    git(pytester.path, "init", "-q")
    git(pytester.path, "add", "schema", "lib", "test_ok.py")
    git(pytester.path, "commit", "-qm", "base")
    (schema / "0002_orders.sql").unlink()
    os.symlink("../lib/orders.sql", schema / "0002_orders.sql")
    (schema / "0003_audit.sql").write_text("CREATE TABLE public.audit (id int);\n")
    git(pytester.path, "add", "-A", "schema")
    git(pytester.path, "commit", "-qm", "pr")
    assert "T\tschema/0002_orders.sql" in git(pytester.path, "diff", "--name-status", "HEAD~1", "HEAD")
    result = pytester.runpytest_subprocess(
        "--pggit", "--pggit-backend", "dsn", "--pggit-dsn", pggit_server.dsn(), "-p", "no:cacheprovider",
        "-p", "no:randomly", "--pggit-schema", "schema", "--pggit-gate")
    out = result.stdout.str() + result.stderr.str()
    assert "pggit gate: PASSED" not in out, out
    assert "loses every row of public.users" in out, out
