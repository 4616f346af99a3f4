"""A migration deleted by a committed revert counts as removed without an origin ref or a
merge commit (tester B10's BB1: the diff of the line of work, which began with the commit
adding the migration, netted the deletion out, and the default gate passed)."""
from __future__ import annotations

from pathlib import Path

import pytest

from gate_project import git


@pytest.fixture(autouse=True)
def _no_ci_target(monkeypatch: pytest.MonkeyPatch) -> None:
    for var in ("GITHUB_BASE_REF", "CI_MERGE_REQUEST_TARGET_BRANCH_NAME", "CHANGE_TARGET",
                "BITBUCKET_PR_DESTINATION_BRANCH", "SYSTEM_PULLREQUEST_TARGETBRANCH"):
        monkeypatch.delenv(var, raising=False)


def _released_then_reverted(repo: Path) -> Path:
    (repo / "0001_a.py").write_text("a\n")
    git(repo, "init", "-q")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "A")
    gone = repo / "0002_b.py"
    gone.write_text("b\n")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "B: 0002 (released)")
    git(repo, "revert", "--no-edit", "HEAD")
    return gone


def test_a_committed_revert_of_a_migration_counts_as_removed(tmp_path: Path) -> None:
    from pytest_pggit.freshness import deleted_text, removed_files

    gone = _released_then_reverted(tmp_path)
    assert removed_files([tmp_path], tmp_path) == [gone.resolve()]
    assert deleted_text(gone, tmp_path) == "b\n"
    # a later commit on top: still
    (tmp_path / "0003_c.py").write_text("c\n")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-qm", "C")
    assert removed_files([tmp_path], tmp_path) == [gone.resolve()]


def test_with_the_target_known_a_branch_adding_and_deleting_removes_nothing(tmp_path: Path) -> None:
    from pytest_pggit.freshness import removed_files

    upstream = tmp_path / "up"
    upstream.mkdir()
    (upstream / "0001_a.py").write_text("a\n")
    git(upstream, "init", "-q")
    git(upstream, "add", "-A")
    git(upstream, "commit", "-qm", "A")
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", str(upstream), str(clone))
    _ = (clone / "0002_b.py").write_text("b\n")
    git(clone, "add", "-A")
    git(clone, "commit", "-qm", "B")
    git(clone, "revert", "--no-edit", "HEAD")
    assert removed_files([clone], clone) == []
