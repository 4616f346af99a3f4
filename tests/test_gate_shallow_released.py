"""A deeper shallow clone whose boundary commit lies in the released line is judged as a
complete one (the review's R10-4): after 28ec818 (S8) every push build cloned with depth
> 1 failed ``new steps`` NOT JUDGED, GitLab's default ``GIT_DEPTH`` of 20 included."""
from __future__ import annotations

from pathlib import Path

import pytest

from gate_project import git, run_gate
from pytest_pggit.backends import Server


def _main_of_eight_steps(origin: Path) -> None:
    schema = origin / "schema"
    schema.mkdir()
    (origin / "test_ok.py").write_text("def test_ok(pggit_db):\n    pass\n")
    git(origin, "init", "-q")
    for i in range(1, 9):
        (schema / f"000{i}_t{i}.sql").write_text(f"CREATE TABLE public.t{i} (id int);\n")
        git(origin, "add", ".")
        git(origin, "commit", "-qm", f"step {i}")


def test_a_depth_3_clone_of_the_released_line_is_judged(pytester: pytest.Pytester, pggit_server: Server,
                                                         tmp_path_factory: pytest.TempPathFactory) -> None:
    origin = tmp_path_factory.mktemp("origin")
    _main_of_eight_steps(origin)
    git(pytester.path, "clone", "-q", "--depth", "3", f"file://{origin}", ".")
    result = run_gate(pytester, pggit_server, "-v")
    out = result.stdout.str()
    assert result.ret == 0, out
    assert "NOT JUDGED" not in out, out
    assert "base: sql/schema/0007_t7.sql" in out, out


def test_a_gitlab_build_of_the_default_branch_is_judged(pytester: pytest.Pytester, pggit_server: Server,
                                                         tmp_path_factory: pytest.TempPathFactory,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """GitLab fetches the built branch alone (no origin/HEAD); its variables say which it is."""
    origin = tmp_path_factory.mktemp("origin")
    _main_of_eight_steps(origin)
    git(pytester.path, "init", "-q")
    git(pytester.path, "fetch", "-q", "--depth", "3", f"file://{origin}", "HEAD")
    git(pytester.path, "checkout", "-q", "FETCH_HEAD")
    result = run_gate(pytester, pggit_server)
    assert result.ret == 1 and "NOT JUDGED" in result.stdout.str()   # nothing says it is released
    monkeypatch.setenv("CI_COMMIT_BRANCH", "main")
    monkeypatch.setenv("CI_DEFAULT_BRANCH", "main")
    result = run_gate(pytester, pggit_server)
    out = result.stdout.str()
    assert result.ret == 0, out
    assert "NOT JUDGED" not in out, out
