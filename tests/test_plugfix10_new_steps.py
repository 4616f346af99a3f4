"""The default base judges every step a change adds, whatever git's dates say, and fails
(``NOT JUDGED``) in a shallow clone that hides which steps are new (sec9's Z15: a
destructive step followed by a harmless one passed, only the last being judged)."""
from __future__ import annotations

from pathlib import Path

import pytest

from gate_project import commit_file, git, run_gate, users_repo
from pytest_pggit.backends import Server


def _project(root: Path, when: str) -> None:
    """0001 committed on 2026-12-01; 0002 (drops a column) and 0003 committed at ``when``."""
    schema = root / "schema"
    schema.mkdir()
    (schema / "0001_users.sql").write_text("CREATE TABLE public.users (id int PRIMARY KEY, email text);\n")
    (root / "test_ok.py").write_text("def test_ok(pggit_db):\n    pass\n")
    git(root, "init", "-q")
    git(root, "add", ".")
    git(root, "commit", "-qm", "base", when="2026-12-01T10:00:00Z")
    (schema / "0002_cleanup.sql").write_text("ALTER TABLE public.users DROP COLUMN email;\n")
    (schema / "0003_audit.sql").write_text("CREATE TABLE public.audit (id int);\n")
    git(root, "add", ".")
    git(root, "commit", "-qm", "cleanup + audit", when=when)


def assert_judged_from_0001(result: pytest.RunResult) -> None:
    """The gate failed, judging every step after 0001: 0002's DROP COLUMN is named."""
    out = result.stdout.str()
    assert result.ret == 1, out
    assert "base: sql/schema/0001_users.sql" in out, out
    assert "public/table/users/column/email" in out, out


def test_a_backdated_commit_of_two_steps_is_judged_whole(pytester: pytest.Pytester,
                                                          pggit_server: Server) -> None:
    # dated as the last commit before it: by commit time every step file ties
    _project(pytester.path, "2026-12-01T10:00:00Z")
    result = run_gate(pytester, pggit_server, "-v")
    assert_judged_from_0001(result)


def test_a_depth_1_clone_fails_not_judged(pytester: pytest.Pytester, pggit_server: Server,
                                          tmp_path_factory: pytest.TempPathFactory) -> None:
    origin = tmp_path_factory.mktemp("origin")
    _project(origin, "2026-12-05T10:00:00Z")
    git(pytester.path, "clone", "-q", "--depth", "1", f"file://{origin}", ".")
    result = run_gate(pytester, pggit_server)
    out = result.stdout.str()
    assert result.ret == 1, out
    result.stdout.fnmatch_lines(["*new steps*NOT JUDGED*the git clone is shallow*adds 3 step files*",
                                 "*fetch-depth: 0*"])
    # the complete history: judged whole, no such case
    origin_result = pytester.run("git", "-C", str(pytester.path), "fetch", "-q", "--unshallow")
    assert origin_result.ret == 0
    result = run_gate(pytester, pggit_server)
    out = result.stdout.str()
    assert result.ret == 1, out
    assert "NOT JUDGED" not in out, out
    assert "public/table/users/column/email" in out, out


def _branch_of_two_commits(origin: Path) -> None:
    """main: 0001; branch pr: commit A adds 0002 (drops a column), commit B adds 0003."""
    users_repo(origin)
    git(origin, "checkout", "-qb", "pr")
    commit_file(origin, "schema/0002_cleanup.sql", "ALTER TABLE public.users DROP COLUMN email;\n", "cleanup")
    commit_file(origin, "schema/0003_audit.sql", "CREATE TABLE public.audit (id int);\n", "audit")
    git(origin, "checkout", "-q", "main")


def test_every_step_a_branch_of_two_commits_adds_is_judged(pytester: pytest.Pytester, pggit_server: Server,
                                                            tmp_path_factory: pytest.TempPathFactory) -> None:
    """sec10's S8: a push build of a branch (origin/HEAD = main) judged only its last commit's step."""
    origin = tmp_path_factory.mktemp("origin")
    _branch_of_two_commits(origin)
    git(pytester.path, "clone", "-q", f"file://{origin}", ".")
    git(pytester.path, "checkout", "-q", "pr")
    result = run_gate(pytester, pggit_server, "-v")
    assert_judged_from_0001(result)


def test_a_depth_2_clone_of_a_branch_fails_not_judged(pytester: pytest.Pytester, pggit_server: Server,
                                                      tmp_path_factory: pytest.TempPathFactory) -> None:
    origin = tmp_path_factory.mktemp("origin")
    _branch_of_two_commits(origin)
    git(pytester.path, "clone", "-q", "--depth", "2", "--branch", "pr", f"file://{origin}", ".")
    result = run_gate(pytester, pggit_server)
    out = result.stdout.str()
    assert result.ret == 1, out
    result.stdout.fnmatch_lines(["*new steps*NOT JUDGED*the git clone is shallow*adds 2 step files*"
                                 "the steps after them*"])
