"""A two-file schema project run through the gate with pytester (the lint and allow
tests share it): ``001_init.sql`` then the change under test in ``002_change.sql``."""
from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from pytest_pggit.backends import Server


def make_project(pytester: pytest.Pytester, init: str, second: str) -> None:
    schema = pytester.path / "schema"
    schema.mkdir(exist_ok=True)
    (schema / "001_init.sql").write_text(init)
    (schema / "002_change.sql").write_text(second)
    pytester.makepyfile(test_ok="def test_ok(pggit):\n    assert pggit.head()\n")


def run_gate(pytester: pytest.Pytester, server: Server, *args: str) -> pytest.RunResult:
    """``pytest --pggit --pggit-gate`` on the project against ``server``, writing gate.xml."""
    return pytester.runpytest("--pggit", "--pggit-backend", "dsn", "--pggit-dsn", server.dsn(),
                              "-p", "no:randomly", "--pggit-schema", "schema", "--pggit-gate",
                              "--pggit-junit", "gate.xml", *args)


def git(cwd: Path, *args: str, when: str = "") -> str:
    """``git args`` in ``cwd`` with a fixed identity and ``main`` as the first branch;
    ``when``: the commit's author and committer date (ISO 8601)."""
    import os

    env = {**os.environ, "GIT_COMMITTER_DATE": when, "GIT_AUTHOR_DATE": when} if when else None
    return subprocess.run(["git", "-c", "user.email=t@example.com", "-c", "user.name=t",
                           "-c", "init.defaultBranch=main", *args], cwd=cwd, check=True,
                          capture_output=True, text=True, env=env).stdout.strip()


def commit_file(repo: Path, name: str, text: str, message: str) -> None:
    """Write ``repo/name`` and commit it alone with ``message``."""
    (repo / name).write_text(text)
    git(repo, "add", name)
    git(repo, "commit", "-qm", message)


def users_repo(origin: Path) -> None:
    """A git repo at ``origin`` (branch main) whose one commit, "base", holds
    ``schema/0001_users.sql`` (users: id, email) and a test using ``pggit_db``: the start
    of the line-of-work tests' histories."""
    (origin / "schema").mkdir()
    (origin / "test_ok.py").write_text("def test_ok(pggit_db):\n    pass\n")
    git(origin, "init", "-q")
    git(origin, "add", "test_ok.py")
    commit_file(origin, "schema/0001_users.sql",
                "CREATE TABLE public.users (id int PRIMARY KEY, email text);\n", "base")
