"""Assert on the SQL errors the layer raises: SQLSTATE, message and hint."""
from __future__ import annotations

import contextlib
from typing import Any, Iterator, Optional

import psycopg
import pytest


@contextlib.contextmanager
def raises_sql(sqlstate: str, match: Optional[str] = None, hint: Optional[str] = None) -> Iterator[Any]:
    """Expect a psycopg error with this SQLSTATE whose message contains ``match``."""
    with pytest.raises(psycopg.Error) as info:
        yield info
    err = info.value
    assert err.sqlstate == sqlstate, f"expected SQLSTATE {sqlstate}, got {err.sqlstate}: {err}"
    if match is not None:
        assert match in (err.diag.message_primary or ""), err.diag.message_primary
    if hint is not None:
        assert hint in (err.diag.message_hint or ""), err.diag.message_hint
