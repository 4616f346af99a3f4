"""A committed ``git revert`` of a released Alembic head revision fails ``history`` as the
uncommitted deletion does (tester B11's BC4: with origin/master holding the revision,
the push and pull request builds passed; every database at that head then fails
``alembic upgrade``, "Can't locate revision")."""
from __future__ import annotations

from pathlib import Path

import pytest

from gate_project import git
from pytest_pggit.backends import Server
from test_tool_alembic import gate_run, write_project


@pytest.fixture(autouse=True)
def _no_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("GITHUB_REF_NAME", "CI_COMMIT_BRANCH", "BRANCH_NAME", "GITHUB_BASE_REF",
                 "CI_MERGE_REQUEST_TARGET_BRANCH_NAME", "CHANGE_TARGET", "CI_DEFAULT_BRANCH", "GITHUB_EVENT_PATH"):
        monkeypatch.delenv(name, raising=False)


@pytest.mark.parametrize("target", [True, False], ids=["origin-master", "no-remote"])
def test_a_committed_revert_of_a_released_head_fails_history(
        tmp_path: Path, pytester: pytest.Pytester, pggit_server: Server, target: bool) -> None:
    released = {"r1": (None, 'op.execute("CREATE TABLE t (id int)")', 'op.execute("DROP TABLE t")', "")}
    write_project(pytester.path, released)
    pytester.makepyfile(test_it="def test_nothing():\n    pass\n")
    git(pytester.path, "init", "-q")
    git(pytester.path, "add", "-A")
    git(pytester.path, "commit", "-qm", "r1")
    write_project(pytester.path, {"r2": ("r1", 'op.execute("ALTER TABLE t ADD COLUMN note text")',
                                         'op.execute("ALTER TABLE t DROP COLUMN note")', "")})
    git(pytester.path, "add", "-A")
    git(pytester.path, "commit", "-qm", "r2 (released)")
    if target:
        git(pytester.path, "update-ref", "refs/remotes/origin/master", "HEAD")
        git(pytester.path, "checkout", "-qb", "w_pr")
    git(pytester.path, "revert", "--no-edit", "HEAD")
    assert not (pytester.path / "migrations" / "versions" / "r2.py").exists()
    result, cases = gate_run(pytester, pggit_server, pytester.path)
    out = result.stdout.str()
    assert result.ret == 1, out
    assert cases.get("pggit.history::alembic/r2") == "failure", cases
    assert "alembic/r2 (migrations/versions/r2.py) is gone" in out, out


def test_the_deleted_text_of_a_project_below_the_top_of_its_repository(tmp_path: Path) -> None:
    """BC4's cause: the FastAPI template's project is backend/ of its repository, and the
    text of a revision a commit deleted was not found (git read the path from backend/)."""
    from pytest_pggit.freshness import deleted_text, removed_files

    project = tmp_path / "backend"
    versions = project / "versions"
    versions.mkdir(parents=True)
    (versions / "r1.py").write_text('revision = "r1"\n')
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-qm", "r1")
    (versions / "r2.py").write_text('revision = "r2"\n')
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-qm", "r2")
    git(tmp_path, "revert", "--no-edit", "HEAD")
    gone = versions / "r2.py"
    assert removed_files([versions], project) == [gone.resolve()]
    assert deleted_text(gone, project) == 'revision = "r2"\n'
