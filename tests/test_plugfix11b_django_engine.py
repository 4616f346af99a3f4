"""testerB11's BC8: ``ENGINE: django.db.backends.postgresql_psycopg2`` (linkding), Django's
old name that its load_backend still maps to ``postgresql``, was refused as "not
PostgreSQL"; a non-PostgreSQL ENGINE still is."""
from __future__ import annotations

import pytest
from test_tool_django import INITIAL, _one_app, dsn_args

from pytest_pggit.backends import Server

pytest.importorskip("django")


def _engine(pytester: pytest.Pytester, engine: str) -> None:
    _one_app(pytester, "appk", {"0001_initial": INITIAL})
    settings = pytester.path / "site_cfg/settings.py"
    text = settings.read_text()
    assert '"django.db.backends.postgresql"' in text
    settings.write_text(text.replace('"django.db.backends.postgresql"', f'"{engine}"'))


def test_djangos_old_postgresql_psycopg2_engine_name_is_postgresql(pytester: pytest.Pytester,
                                                                   pggit_server: Server) -> None:
    _engine(pytester, "django.db.backends.postgresql_psycopg2")
    result = pytester.runpytest_subprocess(*dsn_args(pggit_server))
    out = result.stdout.str()
    assert result.ret == 0, out
    result.assert_outcomes(passed=1)


def test_a_sqlite_engine_is_still_refused(pytester: pytest.Pytester, pggit_server: Server) -> None:
    _engine(pytester, "django.db.backends.sqlite3")
    result = pytester.runpytest_subprocess(*dsn_args(pggit_server))
    out = result.stdout.str()
    assert result.ret != 0, out
    assert "uses 'django.db.backends.sqlite3', not PostgreSQL" in out, out
