"""The default base judges every step a branch added since it left its target, whatever
the depth of its history and the merges of the target into it (sec10's S8 residual: an
"Update branch" merge after the destructive step, or 21 commits between it and the
harmless one, left the destructive step unjudged on a push build)."""
from __future__ import annotations

from pathlib import Path

import pytest

from gate_project import commit_file, git, run_gate, users_repo
from pytest_pggit.backends import Server


def _origin(origin: Path, between: str) -> None:
    """main: 0001; branch pr: 0002 (drops a column), then ``between``, then 0003."""
    users_repo(origin)
    git(origin, "checkout", "-qb", "pr")
    commit_file(origin, "schema/0002_cleanup.sql", "ALTER TABLE public.users DROP COLUMN email;\n", "cleanup")
    if between == "update branch":
        git(origin, "checkout", "-q", "main")
        commit_file(origin, "README", "main moves on\n", "main moves on")
        git(origin, "checkout", "-q", "pr")
        git(origin, "merge", "-q", "--no-ff", "main", "-m", "Merge branch 'main' into pr")
    else:
        for i in range(21):
            commit_file(origin, "notes.txt", f"{i}\n", f"note {i}")
    commit_file(origin, "schema/0003_audit.sql", "CREATE TABLE public.audit (id int);\n", "audit")
    git(origin, "checkout", "-q", "main")


@pytest.mark.parametrize("between", ["update branch", "21 commits"])
def test_every_step_the_branch_added_is_judged(pytester: pytest.Pytester, pggit_server: Server,
                                               tmp_path_factory: pytest.TempPathFactory, between: str) -> None:
    origin = tmp_path_factory.mktemp("origin")
    _origin(origin, between)
    git(pytester.path, "clone", "-q", f"file://{origin}", ".")
    git(pytester.path, "checkout", "-q", "pr")
    result = run_gate(pytester, pggit_server, "-v")
    out = result.stdout.str()
    assert result.ret == 1, out
    assert "base: sql/schema/0001_users.sql" in out, out
    assert "public/table/users/column/email" in out, out


def test_a_shallow_clone_without_the_merge_base_is_not_judged(tmp_path_factory: pytest.TempPathFactory) -> None:
    """When origin/<target> is known but the clone does not reach where HEAD left it, the
    gate cannot tell the branch's steps (a case fails NOT JUDGED, see gate._shallow_case)."""
    from pytest_pggit.freshness import fork_unknown, line_added

    origin = tmp_path_factory.mktemp("origin")
    _origin(origin, "21 commits")
    clone = tmp_path_factory.mktemp("clone")
    git(clone, "clone", "-q", "--depth", "3", "--no-single-branch", f"file://{origin}", ".")
    git(clone, "checkout", "-q", "pr")
    assert fork_unknown(clone) == "origin/HEAD"
    git(clone, "fetch", "-q", "--unshallow")
    assert fork_unknown(clone) is None
    files = sorted((clone / "schema").iterdir())
    assert [p.name for p in line_added(files, clone)] == ["0002_cleanup.sql", "0003_audit.sql"]


def test_a_project_of_one_step_passes(pytester: pytest.Pytester, pggit_server: Server) -> None:
    """The review's R11-8: 83f6a7f put the shallow-clone case into the one-step branch of
    _newest_steps, and every gate of a one-step project failed ERROR (UnboundLocalError)."""
    schema = pytester.path / "schema"
    schema.mkdir()
    (schema / "0001_base.sql").write_text("CREATE TABLE public.users (id int PRIMARY KEY);\n")
    (pytester.path / "test_ok.py").write_text("def test_ok(pggit_db):\n    pass\n")
    git(pytester.path, "init", "-q")
    git(pytester.path, "add", ".")
    git(pytester.path, "commit", "-qm", "base")
    result = run_gate(pytester, pggit_server)
    out = result.stdout.str()
    assert result.ret == 0, out
    assert "pggit gate: PASSED" in out, out
    from pytest_pggit.gate import _newest_steps

    assert _newest_steps([], None) is None
