"""T5-7 of the fifth security round (S8 residual): the default base's "where this line of
work left its target" needed ``origin/HEAD`` or a pull-request target variable.  A push
build checked out as actions/checkout does (``git init``, ``remote add``, a fetch of every
branch: no ``origin/HEAD``) fell back to the newest step: a destructive step followed by
a harmless one passed.  The default branch is found from ``CI_DEFAULT_BRANCH``, the
GitHub event's ``repository.default_branch``, or ``origin/main``/``origin/master``."""
from __future__ import annotations

import pytest

from gate_project import git
from pytest_pggit.backends import Server
from pytest_pggit.freshness import TARGET_BRANCH_VARS


def test_a_push_build_without_origin_head_judges_every_step_of_the_branch(
        pytester: pytest.Pytester, pggit_server: Server, monkeypatch: pytest.MonkeyPatch) -> None:
    for var in (*TARGET_BRANCH_VARS, "CI_DEFAULT_BRANCH", "GITHUB_EVENT_PATH"):
        monkeypatch.delenv(var, raising=False)
    origin = pytester.path.parent / f"{pytester.path.name}_origin"
    (origin / "schema").mkdir(parents=True)
    (origin / "schema" / "0001_users.sql").write_text("CREATE TABLE public.users (id int PRIMARY KEY, email text);\n")
    (origin / "test_ok.py").write_text("def test_ok(pggit_db):\n    assert True\n")
    git(origin, "init", "-q")
    git(origin, "add", "schema", "test_ok.py")
    git(origin, "commit", "-qm", "base")
    git(origin, "checkout", "-qb", "pr")
    (origin / "schema" / "0002_cleanup.sql").write_text("ALTER TABLE public.users DROP COLUMN email;\n")
    git(origin, "add", "schema")
    git(origin, "commit", "-qm", "cleanup")
    (origin / "schema" / "0003_audit.sql").write_text("CREATE TABLE public.audit (id int);\n")
    git(origin, "add", "schema")
    git(origin, "commit", "-qm", "audit")
    ci = pytester.path   # as actions/checkout: init, remote add, fetch every branch, no set-head
    git(ci, "init", "-q")
    git(ci, "remote", "add", "origin", f"file://{origin}")
    git(ci, "fetch", "-q", "origin", "+refs/heads/*:refs/remotes/origin/*")
    git(ci, "checkout", "-q", "-b", "pr", "origin/pr")
    assert not git(ci, "branch", "-r", "--list", "origin/HEAD")
    result = pytester.runpytest_subprocess(
        "--pggit", "--pggit-backend", "dsn", "--pggit-dsn", pggit_server.dsn(), "-p", "no:cacheprovider",
        "-p", "no:randomly", "--pggit-schema", "schema", "--pggit-gate")
    out = result.stdout.str() + result.stderr.str()
    assert "pggit gate: PASSED" not in out, out
    assert "0002_cleanup.sql" in out and "hazards" in out, out
