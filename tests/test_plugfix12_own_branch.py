"""The default base never takes the branch being built for the branch it merges into
(BC3): ``git clone --branch X`` with ``--depth`` or ``--single-branch`` points
``origin/HEAD`` at ``origin/X``, HEAD itself, so every commit of the branch looked merged
and a pull request's first commit dropping a column was never judged (PASSED)."""
from __future__ import annotations

from pathlib import Path

import pytest

from gate_project import commit_file, git, run_gate, users_repo
from pytest_pggit.backends import Server


@pytest.fixture(autouse=True)
def _no_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("GITHUB_REF_NAME", "CI_COMMIT_BRANCH", "BRANCH_NAME", "BUILDKITE_BRANCH", "DRONE_BRANCH",
                 "GIT_BRANCH", "GITHUB_BASE_REF", "CI_MERGE_REQUEST_TARGET_BRANCH_NAME", "CHANGE_TARGET",
                 "BITBUCKET_PR_DESTINATION_BRANCH", "SYSTEM_PULLREQUEST_TARGETBRANCH", "CI_DEFAULT_BRANCH",
                 "GITHUB_EVENT_PATH"):
        monkeypatch.delenv(name, raising=False)


def _origin(origin: Path, head: str = "main") -> None:
    """main: 0001, 0002 (adds a column); branch pr: 0003 (drops a column), then 0004."""
    users_repo(origin)
    commit_file(origin, "schema/0002_name.sql", "ALTER TABLE public.users ADD COLUMN name text;\n", "name")
    git(origin, "checkout", "-qb", "pr")
    commit_file(origin, "schema/0003_cleanup.sql", "ALTER TABLE public.users DROP COLUMN email;\n", "cleanup")
    commit_file(origin, "schema/0004_audit.sql", "CREATE TABLE public.audit (id int);\n", "audit")
    git(origin, "checkout", "-q", head)   # (pr: a clone of pr alone gets origin/HEAD -> origin/pr)


@pytest.mark.parametrize("head", ["pr", "main"])
@pytest.mark.parametrize("how", [["--single-branch"], ["--depth", "2"]])
def test_a_clone_of_the_branch_alone_is_not_judged(pytester: pytest.Pytester, pggit_server: Server,
                                                   tmp_path_factory: pytest.TempPathFactory, how: list,
                                                   head: str) -> None:
    origin = tmp_path_factory.mktemp("origin")
    _origin(origin, head)
    git(pytester.path, "clone", "-q", *how, "--branch", "pr", f"file://{origin}", ".")
    result = run_gate(pytester, pggit_server, "-v")
    out = result.stdout.str()
    assert result.ret == 1, out
    assert "NOT JUDGED" in out and "new steps" in out, out


def test_with_the_target_fetched_the_branch_is_judged(pytester: pytest.Pytester, pggit_server: Server,
                                                      tmp_path_factory: pytest.TempPathFactory) -> None:
    origin = tmp_path_factory.mktemp("origin")
    _origin(origin, "pr")
    git(pytester.path, "clone", "-q", "--single-branch", "--branch", "pr", f"file://{origin}", ".")
    git(pytester.path, "fetch", "-q", "origin", "main:refs/remotes/origin/main")
    result = run_gate(pytester, pggit_server, "-v")
    out = result.stdout.str()
    assert result.ret == 1, out
    assert "base: sql/schema/0002_name.sql" in out, out
    assert "public/table/users/column/email" in out, out
    assert "NOT JUDGED" not in out, out


def test_a_clone_of_main_alone_passes(pytester: pytest.Pytester, pggit_server: Server,
                                      tmp_path_factory: pytest.TempPathFactory) -> None:
    origin = tmp_path_factory.mktemp("origin")
    _origin(origin)
    git(pytester.path, "clone", "-q", "--single-branch", "--branch", "main", f"file://{origin}", ".")
    result = run_gate(pytester, pggit_server, "-v")
    out = result.stdout.str()
    assert result.ret == 0, out
    assert "NOT JUDGED" not in out, out


def test_the_target_refs_leave_out_the_built_branch(tmp_path_factory: pytest.TempPathFactory) -> None:
    from pytest_pggit.freshness import fork_unknown, line_added, target_unknown

    origin = tmp_path_factory.mktemp("origin")
    _origin(origin, "pr")
    clone = tmp_path_factory.mktemp("clone")
    git(clone, "clone", "-q", "--single-branch", "--branch", "pr", f"file://{origin}", ".")
    assert target_unknown(clone) == "origin/HEAD (pr)"
    git(clone, "remote", "set-head", "origin", "-d")   # (no origin/HEAD: T5-7's residual)
    assert target_unknown(clone) == "origin/pr"
    assert fork_unknown(clone) is None and line_added(sorted((clone / "schema").iterdir()), clone) == []
    full = tmp_path_factory.mktemp("full")
    git(full, "clone", "-q", f"file://{origin}", ".")
    git(full, "checkout", "-q", "pr")
    assert target_unknown(full) is None
    assert [p.name for p in line_added(sorted((full / "schema").iterdir()), full)] == [
        "0003_cleanup.sql", "0004_audit.sql"]
