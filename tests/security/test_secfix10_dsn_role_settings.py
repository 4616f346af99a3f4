"""Z22 of the third security round: on a shared DSN server a pull request's SQL runs as
the team's role and may ALTER ROLE CURRENT_USER SET ...; every later run of that role
inherits it.  The DSN backend now says, at start, which settings the role carries."""
from __future__ import annotations

import uuid
from typing import Any

from pytest_pggit.backends.dsn import DsnBackend
from sql_conftest import SqlDb


def test_the_dsn_backend_warns_about_the_roles_own_settings(db: SqlDb, pggit_server: Any) -> None:
    role = f"pggit_z22_{uuid.uuid4().hex[:8]}"
    db.exec(f"CREATE ROLE {role} LOGIN CREATEDB")
    try:
        dsn = pggit_server.dsn(db.name).replace(f"user={pggit_server.user}", f"user={role}")
        assert f"user={role}" in dsn, dsn
        clean = DsnBackend(dsn).start()
        assert not [n for n in clean.notes if "carries settings" in n], clean.notes
        db.exec(f"ALTER ROLE {role} SET statement_timeout = '3s'")
        db.exec(f"ALTER ROLE {role} IN DATABASE {db.name} SET search_path = evil, public")
        notes = DsnBackend(dsn).start().notes
        [warning] = [n for n in notes if "carries settings" in n]
        assert f"role '{role}' carries settings of its own" in warning
        assert "search_path, statement_timeout; values not shown" in warning
        assert "3s" not in warning and "evil" not in warning   # (S12: values may be secrets)
        assert f'ALTER ROLE "{role}" RESET ALL' in warning
    finally:
        db.exec(f"DROP ROLE {role}")
