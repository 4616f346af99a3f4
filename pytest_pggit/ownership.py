"""Which schema-file statements set ownership or the session's role (``--pggit-no-owner``).

Like ``pg_restore --no-owner``: on a server where the user is not a superuser (or the
dump's roles do not exist), the objects are then owned by the user running the files.
``PYTEST_DONT_REWRITE`` (see :mod:`pytest_pggit.plugin`).
"""
from __future__ import annotations

import re

# The statement must end with the OWNER TO clause: ALTER <any object> ... OWNER TO role.
_OWNER_TO_RE = re.compile(
    r'^ALTER\s.*\sOWNER\s+TO\s+(?:"(?:[^"]|"")+"|[^\s;"]+)\s*;?\s*$', re.IGNORECASE | re.DOTALL)
# SET [SESSION|LOCAL] ROLE ..., SET [SESSION|LOCAL] SESSION AUTHORIZATION ..., and RESET of both.
_ROLE_RE = re.compile(
    r"^(?:SET\s+(?:(?:SESSION|LOCAL)\s+)?|RESET\s+)(?:ROLE|SESSION\s+AUTHORIZATION)\b",
    re.IGNORECASE)


def is_ownership_statement(statement: str) -> bool:
    """Whether ``statement`` (from its first code character, comments stripped before it)
    is ``ALTER ... OWNER TO role`` or sets/resets the session's role or authorization."""
    return bool(_OWNER_TO_RE.match(statement) or _ROLE_RE.match(statement))


__all__ = ["is_ownership_statement"]
