"""A committed edit of the released head step fails ``history`` with the default base, in
a branch build and in a pull request's merge build (tester B9's Y4: the commit adding the
step, which the target branch has, was taken for the change's own, and the edit was
judged as part of a new step)."""
from __future__ import annotations

from pathlib import Path

import pytest

from gate_project import git, run_gate
from pytest_pggit.backends import Server


def _released(origin: Path) -> None:
    schema = origin / "schema"
    schema.mkdir()
    (schema / "001_books.up.sql").write_text("CREATE TABLE books (id int PRIMARY KEY);\n")
    (schema / "001_books.down.sql").write_text("DROP TABLE books;\n")
    (origin / "test_ok.py").write_text("def test_ok(pggit_db):\n    pass\n")
    git(origin, "init", "-q")
    git(origin, "add", ".")
    git(origin, "commit", "-qm", "A: 001")
    (schema / "002_isbn.up.sql").write_text("ALTER TABLE books ADD COLUMN isbn text;\n")
    (schema / "002_isbn.down.sql").write_text("ALTER TABLE books DROP COLUMN isbn;\n")
    git(origin, "add", ".")
    git(origin, "commit", "-qm", "B: 002 (released)")


def _edit(root: Path) -> None:
    git(root, "checkout", "-qb", "pr")
    (root / "schema" / "002_isbn.up.sql").write_text(
        "ALTER TABLE books ADD COLUMN isbn text;\nALTER TABLE books ADD COLUMN subtitle text;\n")
    (root / "schema" / "002_isbn.down.sql").write_text(
        "ALTER TABLE books DROP COLUMN subtitle;\nALTER TABLE books DROP COLUMN isbn;\n")
    git(root, "commit", "-qam", "C (PR): 002 also adds books.subtitle")


@pytest.mark.parametrize("build", ["branch", "merge"])
def test_a_committed_edit_of_the_released_head_step_fails(pytester: pytest.Pytester, pggit_server: Server,
                                                          tmp_path_factory: pytest.TempPathFactory,
                                                          build: str) -> None:
    origin = tmp_path_factory.mktemp("origin")
    _released(origin)
    git(pytester.path, "clone", "-q", str(origin), ".")
    _edit(pytester.path)
    if build == "merge":   # as GitHub builds a pull request: a merge commit of it into main
        git(pytester.path, "checkout", "-q", "main")
        git(pytester.path, "merge", "-q", "--no-ff", "pr", "-m", "Merge pr")
    result = run_gate(pytester, pggit_server)
    out = result.stdout.str()
    assert result.ret == 1, out
    result.stdout.fnmatch_lines(["pggit gate: FAILED: * (history)*",
                                 "*sql/schema/002_isbn.up.sql was edited after it was committed*"])


def test_a_new_step_tidied_in_a_second_commit_is_still_new(pytester: pytest.Pytester, pggit_server: Server,
                                                           tmp_path_factory: pytest.TempPathFactory) -> None:
    origin = tmp_path_factory.mktemp("origin")
    _released(origin)
    git(pytester.path, "clone", "-q", str(origin), ".")
    git(pytester.path, "checkout", "-qb", "pr")
    schema = pytester.path / "schema"
    (schema / "003_pages.up.sql").write_text("ALTER TABLE books ADD COLUMN pages int;\n")
    (schema / "003_pages.down.sql").write_text("ALTER TABLE books DROP COLUMN pages;\n")
    git(pytester.path, "add", ".")
    git(pytester.path, "commit", "-qm", "003")
    (schema / "003_pages.up.sql").write_text("-- pages\nALTER TABLE books ADD COLUMN pages int;\n")
    git(pytester.path, "commit", "-qam", "003: a comment")
    result = run_gate(pytester, pggit_server)
    out = result.stdout.str()
    assert result.ret == 0, out
    assert "history" not in out.split("pggit gate:")[-1], out
