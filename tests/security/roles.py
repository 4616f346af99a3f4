"""Roles for the security tests: fresh ones (roles are cluster-wide, so each gets a
unique name) and a context manager that acts as one."""
from __future__ import annotations

import contextlib
import uuid
from typing import Iterator

from sql_conftest import SqlDb


def make_role(d: SqlDb, access: str = "", own_schema: bool = False) -> str:
    """A new NOSUPERUSER role that may create in public; with access, grant_access(role,
    access); with own_schema, a schema of its own named like it."""
    name = f"pggit_sec_{uuid.uuid4().hex[:10]}"
    d.exec(f"CREATE ROLE {name} NOSUPERUSER")
    d.exec(f"GRANT CREATE ON SCHEMA public TO {name}")
    if own_schema:
        d.exec(f"CREATE SCHEMA {name} AUTHORIZATION {name}")
    if access:
        d.exec("SELECT pggit_v0.grant_access(%s, %s)", [name, access])
    return name


@contextlib.contextmanager
def as_role(d: SqlDb, role: str) -> Iterator[None]:
    d.exec(f"SET ROLE {role}")
    try:
        yield
    finally:
        d.exec("RESET ROLE")
