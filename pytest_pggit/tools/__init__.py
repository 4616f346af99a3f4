"""Built-in migration step providers: Alembic revisions (``--pggit-alembic``) and Django
migrations (``--pggit-django``).

Each is a small plugin object implementing ``pytest_pggit_migration_steps``; the plugin
registers one only when its option is given (:func:`register`), so a run without them
imports neither Alembic nor Django.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any, Dict, List

from ..exceptions import PggitError

if TYPE_CHECKING:  # pragma: no cover
    import pytest

    from ..config import PggitConfig
    from ..janitor import Database


def register(config: "pytest.Config", cfg: "PggitConfig") -> List[str]:
    """Register the providers ``cfg`` asks for; returns their plugin names."""
    names: List[str] = []
    if cfg.alembic is not None:
        from .alembic import AlembicSteps

        config.pluginmanager.register(AlembicSteps(cfg.alembic, config.rootpath), "pggit-alembic")
        names.append("pggit-alembic")
    if cfg.django:
        from . import django_db
        from .django import DjangoSteps

        config.pluginmanager.register(DjangoSteps(config, cfg.django_database), "pggit-django")
        names.append("pggit-django")
        # pytest-django's entry point is named "django": its test database becomes a clone
        # of the template (fixtures registered after pytest-django's override them)
        if config.pluginmanager.has_plugin("django"):
            config.pluginmanager.register(django_db, "pggit-django-db")
            names.append("pggit-django-db")
    return names


def sqlalchemy_driver() -> str:
    """The PostgreSQL driver of SQLAlchemy URLs here: psycopg 3 (``psycopg``) on
    SQLAlchemy 2; on SQLAlchemy 1.x, which has no dialect for it (Flask-Migrate projects
    pin 1.4), ``psycopg2`` when installed, else a clear error before any step runs (F3)."""
    import sqlalchemy

    major = int(str(getattr(sqlalchemy, "__version__", "2")).split(".")[0] or 2)
    if major >= 2:
        return "psycopg"
    try:
        import psycopg2  # noqa: F401
    except ImportError:
        from ..exceptions import PggitError

        raise PggitError(
            f"SQLAlchemy {sqlalchemy.__version__} has no dialect for psycopg 3, which pytest-pggit "
            "connects with, and psycopg2 is not installed",
            hint="pip install psycopg2-binary (SQLAlchemy 1.x then connects through it), "
                 "or use SQLAlchemy 2") from None
    return "psycopg2"


def sqlalchemy_url(database: "Database") -> str:
    """The database as a SQLAlchemy URL (``postgresql+psycopg://...``; ``+psycopg2`` on
    SQLAlchemy 1.x, :func:`sqlalchemy_driver`)."""
    driver = sqlalchemy_driver()
    url = getattr(database, "url", None)
    if url:
        return str(url).replace("postgresql+psycopg://", f"postgresql+{driver}://", 1)
    from urllib.parse import quote, urlencode

    from psycopg.conninfo import conninfo_to_dict

    params = {k: str(v) for k, v in conninfo_to_dict(database.dsn).items() if v is not None}
    user = quote(params.pop("user", ""), safe="")
    password = params.pop("password", None)
    auth = (user + (":" + quote(password, safe="") if password is not None else "") + "@") if user else ""
    host, port = params.pop("host", ""), params.pop("port", "")
    dbname = quote(params.pop("dbname", ""), safe="")
    query = "?" + urlencode(params, quote_via=quote) if params else ""
    return f"postgresql+{driver}://{auth}{host}{':' + port if port else ''}/{dbname}{query}"


def read_allow(module: Any, where: str) -> Dict[str, str]:
    """A migration module's ``pggit_allow = {"data_deletion": "reason", ...}`` (``{}``
    without one); anything but a dict of non-empty strings is an error naming ``where``."""
    allow = getattr(module, "pggit_allow", None)
    if allow is None:
        return {}
    if isinstance(allow, dict):
        empty = [k for k, v in allow.items() if isinstance(k, str) and k.strip() and isinstance(v, str)
                 and not v.strip()]
        if empty:
            raise PggitError(f"{where}: pggit_allow: the reason for {', '.join(empty)} is empty",
                             hint=f'say why the change is intended, e.g. pggit_allow = {{"{empty[0]}": '
                                  '"the legacy column is unused since 2023"}')
    if not isinstance(allow, dict) or not all(
            isinstance(k, str) and isinstance(v, str) and k.strip() and v.strip()
            for k, v in allow.items()):
        raise PggitError(
            f"pggit_allow in {where} must be a dict of hazard or rule name to reason, got {allow!r}",
            hint='e.g. pggit_allow = {"data_deletion": "the legacy column is unused since 2023"}')
    return {k.strip(): v.strip() for k, v in allow.items()}


__all__ = ["read_allow", "register", "sqlalchemy_driver", "sqlalchemy_url"]
