"""--pggit-untrusted is the run's, not the process's (the review's R10-8): the mode was a
module global nothing turned off, so a later pytest session in the same process ran its
schema files as the first run's untrusted role, which it then left on the server."""
from __future__ import annotations

import pytest

from pytest_pggit import untrusted
from pytest_pggit.backends import Server


def test_the_mode_ends_with_its_run(pytester: pytest.Pytester, pggit_server: Server) -> None:
    pytester.mkdir("schema")
    (pytester.path / "schema" / "0001_users.sql").write_text("CREATE TABLE public.users (id int);\n")
    pytester.makepyfile("def test_ok(pggit_db):\n    pass\n")
    args = ["--pggit", "-p", "no:cacheprovider", "--pggit-schema", "schema",
            "--pggit-backend", "dsn", "--pggit-dsn", pggit_server.dsn()]
    result = pytester.runpytest(*args, "--pggit-untrusted")   # in this process
    result.assert_outcomes(passed=1)
    assert untrusted.role() is None
