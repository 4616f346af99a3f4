"""testerB11's BC1: an env.py with a URL of its own whose server is not there (CI, the
FastAPI full-stack template) failed with a bare "connection refused"; it now gets the
hint of the guard that refuses an env.py reaching another database (D4)."""
from __future__ import annotations

from pathlib import Path

import pytest
from test_tool_alembic import ENV_PY, REVISIONS, gate_run, write_project

from pytest_pggit.backends import Server


def test_an_env_py_that_cannot_reach_its_own_url_gets_the_guards_hint(
        tmp_path: Path, pytester: pytest.Pytester, pggit_server: Server) -> None:
    write_project(tmp_path, {k: v for k, v in REVISIONS.items() if k == "base1"})
    (tmp_path / "migrations" / "env.py").write_text(ENV_PY.replace(
        'connection = config.attributes.get("connection")',
        'config.set_main_option("sqlalchemy.url", "postgresql+psycopg://app@127.0.0.1:9/app"); '
        'connection = None'))
    result, _cases = gate_run(pytester, pggit_server, tmp_path)
    out = result.stdout.str() + result.stderr.str()
    assert result.ret != 0, out
    assert "Alembic's env.py failed to connect before any revision ran, while pytest-pggit's database" in out, out
    assert "does env.py connect to a URL of its own? env.py must use config.get_main_option('sqlalchemy.url')" \
        in out, out
