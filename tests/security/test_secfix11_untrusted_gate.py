"""S13 of the fourth security round (sec10): with --pggit-untrusted the schema files ran
as the untrusted role, but the gate replayed the recorded schema (its migration check's
checkouts and verify_migration, the git base's, the up/down walk's) as the installing
role.  PostgreSQL evaluates a non-volatile default once in ADD COLUMN, even on an empty
table: the pull request's STABLE default, calling its own function, ran ``COPY ... TO
PROGRAM`` as the superuser.  Those replays now run in sessions of the untrusted role."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

from gate_project import git
from pytest_pggit.backends import Server

USERS = "CREATE TABLE public.users (id int PRIMARY KEY, email text);\n"

#: sec10's shape: run as the untrusted role it does nothing (COPY TO PROGRAM refused, the
#: error swallowed); replayed by a superuser it runs the program
SWALLOWED = """
CREATE FUNCTION public.doit() RETURNS void LANGUAGE plpgsql VOLATILE AS $f$
BEGIN
  EXECUTE 'COPY (SELECT current_user) TO PROGRAM ''cat >> {marker}''';
EXCEPTION WHEN OTHERS THEN NULL;
END $f$;
CREATE FUNCTION public.stamp() RETURNS text LANGUAGE plpgsql STABLE AS $f$
BEGIN PERFORM public.doit(); RETURN 'v1'; END $f$;
ALTER TABLE public.users ADD COLUMN stamp text DEFAULT public.stamp();
"""

#: the same, trying the program only in a pgGit replay (pggit.applying is set), unswallowed
REPLAY_ONLY = """
CREATE FUNCTION public.doit() RETURNS void LANGUAGE plpgsql VOLATILE AS $f$
BEGIN
  IF coalesce(current_setting('pggit.applying', true), '') NOT IN ('', 'off') THEN
    EXECUTE 'COPY (SELECT current_user) TO PROGRAM ''cat >> {marker}''';
  END IF;
END $f$;
CREATE FUNCTION public.stamp() RETURNS text LANGUAGE plpgsql STABLE AS $f$
BEGIN PERFORM public.doit(); RETURN 'v1'; END $f$;
ALTER TABLE public.users ADD COLUMN stamp text DEFAULT public.stamp();
"""


def _marker() -> Path:
    path = Path(tempfile.gettempdir()) / f"pggit_secfix11_s13_{os.getpid()}"
    path.unlink(missing_ok=True)
    return path


def _project(pytester: pytest.Pytester, second: str) -> None:
    schema = pytester.path / "schema"
    schema.mkdir(exist_ok=True)
    (schema / "0001_users.sql").write_text(USERS)
    pytester.makepyfile(test_ok="def test_ok(pggit_db):\n    assert True\n")
    git(pytester.path, "init", "-q")
    git(pytester.path, "add", "schema", "test_ok.py")
    git(pytester.path, "commit", "-qm", "base")
    (schema / "0002_pr.sql").write_text(second)
    git(pytester.path, "add", "schema")
    git(pytester.path, "commit", "-qm", "pr")


def _gate(pytester: pytest.Pytester, server: Server, *args: str) -> str:
    result = pytester.runpytest_subprocess(
        "--pggit", "--pggit-backend", "dsn", "--pggit-dsn", server.dsn(), "-p", "no:cacheprovider",
        "-p", "no:randomly", "--pggit-schema", "schema", "--pggit-untrusted", "--pggit-gate", *args)
    return result.stdout.str() + result.stderr.str()


def test_the_gates_migration_check_does_not_run_the_prs_code_as_the_installing_role(
        pytester: pytest.Pytester, pggit_server: Server) -> None:
    marker = _marker()
    _project(pytester, SWALLOWED.format(marker=marker))
    out = _gate(pytester, pggit_server)
    assert "migration" in out and "reproduce head" in out, out   # (the check ran)
    assert not marker.exists(), f"{marker.read_text()!r}\n{out}"


def test_a_replay_only_program_fails_the_gate_with_42501(
        pytester: pytest.Pytester, pggit_server: Server) -> None:
    marker = _marker()
    _project(pytester, REPLAY_ONLY.format(marker=marker))
    out = _gate(pytester, pggit_server, "--pggit-base", "git:HEAD~1")
    assert not marker.exists(), f"{marker.read_text()!r}\n{out}"
    assert "pggit gate: FAILED" in out or "pggit gate: ERROR" in out, out
    assert "42501" in out, out


def test_an_honest_project_passes_the_replays_as_the_untrusted_role(
        pytester: pytest.Pytester, pggit_server: Server) -> None:
    """The git base's checkouts, the up/down walk and the migration check, all as the
    untrusted role (developer access in the gate's databases)."""
    schema = pytester.path / "schema"
    schema.mkdir()
    (schema / "0001_users.up.sql").write_text(USERS)
    (schema / "0001_users.down.sql").write_text("DROP TABLE public.users;\n")
    pytester.makepyfile(test_ok="def test_ok(pggit_db):\n    assert True\n")
    git(pytester.path, "init", "-q")
    git(pytester.path, "add", "schema", "test_ok.py")
    git(pytester.path, "commit", "-qm", "base")
    (schema / "0002_nick.up.sql").write_text("ALTER TABLE public.users ADD COLUMN nick text DEFAULT lower('X');\n")
    (schema / "0002_nick.down.sql").write_text("ALTER TABLE public.users DROP COLUMN nick;\n")
    git(pytester.path, "add", "schema")
    git(pytester.path, "commit", "-qm", "pr")
    out = _gate(pytester, pggit_server, "--pggit-base", "git:HEAD~1")
    assert "statement(s) reproduce head" in out, out
    assert "updown" in out and "could not run" not in out and "NOT JUDGED" not in out, out
