"""The binaries' lookup on the way to initdb: ``pg_config`` runs once per process (the
early initdb's lookup and the server's start share it) and ``initdb --help`` not at all
when pg_config told the version.  Real binaries; only subprocess.run is watched."""
from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any, List

import pytest

from pytest_pggit.backends.local import binaries
from pytest_pggit.exceptions import PggitError


@pytest.fixture
def commands(monkeypatch: pytest.MonkeyPatch) -> List[str]:
    """The programs binaries.py runs from now on (their names)."""
    ran: List[str] = []
    real = subprocess.run

    def watch(cmd: Any, *args: Any, **kwargs: Any) -> Any:
        ran.append(Path(cmd[0]).name)
        return real(cmd, *args, **kwargs)

    monkeypatch.setattr(binaries.subprocess, "run", watch)
    return ran


@pytest.fixture
def fresh_memo(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(binaries, "_VERSIONS", {})
    monkeypatch.setattr(binaries, "_BINDIRS", {})


def test_pg_config_is_asked_once(fresh_memo: None, commands: List[str]) -> None:
    try:
        first = binaries.find_binaries()
    except PggitError:
        pytest.skip("no local PostgreSQL binaries")
    if commands != ["pg_config"]:
        pytest.skip("binaries found without pg_config on PATH")
    assert binaries.find_binaries() == first
    assert commands == ["pg_config"]
    # and the version comes with it
    assert binaries.server_version(first)[:2].isdigit()
    assert commands == ["pg_config"]


def test_initdb_command_needs_no_help_when_the_version_is_known(
        fresh_memo: None, commands: List[str]) -> None:
    try:
        bindir = binaries.find_binaries()
    except PggitError:
        pytest.skip("no local PostgreSQL binaries")
    if "pg_config" not in commands:
        pytest.skip("binaries found without pg_config on PATH")
    commands.clear()
    told = binaries.initdb_command(bindir, Path("/nonexistent/data"))
    assert commands == []
    binaries._VERSIONS.clear()      # unknown version: initdb --help decides, the same way
    asked = binaries.initdb_command(bindir, Path("/nonexistent/data"))
    assert commands == ["initdb"]
    assert told == asked
    assert ("--no-instructions" in told) is (int(binaries.server_version(bindir).split(".")[0]) >= 14)
