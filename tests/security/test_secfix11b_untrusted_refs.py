"""T5-6 of the fifth security round: with --pggit-untrusted the gate's replays run as the
untrusted role with pgGit developer access (S13's fix).  The pull request's STABLE
default, evaluated when the git base's clone checks out the head again, deleted the
branch ``pytest-pggit/git-base`` and made it again at the head's commit; the gate
resolved its base by that name: base = head, and a ``DROP COLUMN`` passed.  The gate now
compares the sha the installing role read before that replay, and a replay in which any
ref but HEAD moved fails."""
from __future__ import annotations

import pytest

from gate_project import git
from pytest_pggit.backends import Server

USERS = "CREATE TABLE public.users (id int PRIMARY KEY, email text);\n"

MOVE_BASE = """ALTER TABLE public.users DROP COLUMN email;
CREATE FUNCTION public.mv() RETURNS void LANGUAGE plpgsql VOLATILE AS $f$
DECLARE h text;
BEGIN
  IF current_query() ~* ('checkout' || '_branch')
     AND EXISTS (SELECT 1 FROM pggit_v0.refs WHERE name = 'pytest-pggit/git-base') THEN
    SELECT r.target_sha INTO h FROM pggit_v0.refs r WHERE r.name = 'main';
    PERFORM pggit_v0.delete_branch('pytest-pggit/git-base');
    PERFORM pggit_v0.create_branch('pytest-pggit/git-base', NULL, h, false);
  END IF;
EXCEPTION WHEN OTHERS THEN RAISE WARNING 'mv: %', SQLERRM;
END $f$;
CREATE FUNCTION public.stamp() RETURNS text LANGUAGE plpgsql STABLE AS $f$
BEGIN PERFORM public.mv(); RETURN 'v1'; END $f$;
ALTER TABLE public.users ADD COLUMN stamp text DEFAULT public.stamp();
"""


def test_the_prs_code_cannot_move_the_git_base_the_gate_compares_with(
        pytester: pytest.Pytester, pggit_server: Server) -> None:
    schema = pytester.path / "schema"
    schema.mkdir()
    (schema / "0001_users.sql").write_text(USERS)
    pytester.makepyfile(test_ok="def test_ok(pggit_db):\n    assert True\n")
    git(pytester.path, "init", "-q")
    git(pytester.path, "add", "schema", "test_ok.py")
    git(pytester.path, "commit", "-qm", "base")
    (schema / "0002_pr.sql").write_text(MOVE_BASE)
    git(pytester.path, "add", "schema")
    git(pytester.path, "commit", "-qm", "pr")
    result = pytester.runpytest_subprocess(
        "--pggit", "--pggit-backend", "dsn", "--pggit-dsn", pggit_server.dsn(), "-p", "no:cacheprovider",
        "-p", "no:randomly", "--pggit-schema", "schema", "--pggit-untrusted", "--pggit-gate",
        "--pggit-base", "git:HEAD~1")
    out = result.stdout.str() + result.stderr.str()
    assert "pggit gate: PASSED" not in out, out
    assert "moved pgGit refs" in out and "pytest-pggit/git-base" in out, out
