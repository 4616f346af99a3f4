"""``--pggit-untrusted`` (ini ``pggit_untrusted``): the project's SQL schema files run as a
role that is not a superuser (security round 3, Z19 and Z23).

Without it the schema files run as the server's superuser (local backend) or the DSN's
role, the owner of the ``pggit_v0`` layer that judges them: a pull request's SQL could
replace a layer function the gate calls (Z19) or, as a superuser, run programs as the
server's OS user and change the machine's cached clusters (``COPY ... TO PROGRAM``, Z23).

With it, every schema file (tool ``sql``) runs in a session of the role
``pggit_untrusted_<run id>``: LOGIN, no superuser, CREATEDB, CREATEROLE, REPLICATION or
BYPASSRLS; it may connect to and create schemas in the database the file runs in, owns
its ``public`` schema, and has pgGit reader access (a default may call
``pggit_v0.get_head_sha()``).  The layer stays the installing role's; the database's
event triggers (the layer's, owned by that role) still capture the files' DDL; the
commits, tags and the gate's checks run as the installing role, afterwards.  The layer
and template caches are not used, so nothing a pull request's SQL made outlives the run
in a cache.

What it does not confine (see SECURITY.md): Python (conftest, tests, the
``pytest_pggit_setup`` hook, Alembic and Django migrations) still runs in pytest as the
CI user and connects as the installing role; the installing role's later sessions
(tests, the gate) use the default ``search_path``, on which ``public`` is now the
untrusted role's schema.

``PYTEST_DONT_REWRITE`` (see :mod:`pytest_pggit.plugin`).
"""
from __future__ import annotations

import contextlib
import dataclasses
import hashlib
from typing import TYPE_CHECKING, Any, Iterator, Optional, Tuple

if TYPE_CHECKING:  # pragma: no cover
    from .janitor import Database

ROLE_PREFIX = "pggit_untrusted_"

#: (role, password) while the mode is on in this process
_state: Optional[Tuple[str, str]] = None


def enable(run_id: str, secret: str) -> str:
    """Turn the mode on for this process: the role's name (from the run id, the same in
    xdist workers) and its password (from ``secret``, which the controller hands its
    workers).  Returns the role's name."""
    global _state
    role = ROLE_PREFIX + run_id
    password = hashlib.sha256(f"{run_id}:{secret}".encode()).hexdigest()[:32]
    _state = (role, password)
    return role


def disable() -> None:
    global _state
    _state = None


def role() -> Optional[str]:
    """The untrusted role's name while the mode is on."""
    return _state[0] if _state is not None else None


#: Run as the installing role in the database a schema file runs in: the untrusted role
#: (made once per run), what it needs there, and nothing more.
_PREPARE = """
DO $pggit_untrusted$
DECLARE
    v_role text := {role};
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_roles r WHERE r.rolname = v_role) THEN
        BEGIN
            EXECUTE format('CREATE ROLE %I LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS'
                           ' NOINHERIT PASSWORD %L', v_role, {password});
        EXCEPTION WHEN duplicate_object OR unique_violation THEN
            NULL;   -- (an xdist worker made it first)
        END;
    END IF;
    -- (a non-superuser installing role with CREATEROLE: ALTER ... OWNER TO needs membership)
    IF NOT (SELECT r.rolsuper FROM pg_catalog.pg_roles r WHERE r.rolname = current_user)
       AND NOT pg_catalog.pg_has_role(current_user, v_role, 'MEMBER') THEN
        EXECUTE format('GRANT %I TO %I', v_role, current_user);
    END IF;
    EXECUTE format('GRANT CONNECT, CREATE, TEMPORARY ON DATABASE %I TO %I', current_database(), v_role);
    IF EXISTS (SELECT 1 FROM pg_catalog.pg_namespace n WHERE n.nspname = 'public'
               AND n.nspowner <> (SELECT r.oid FROM pg_catalog.pg_roles r WHERE r.rolname = v_role)) THEN
        EXECUTE format('ALTER SCHEMA public OWNER TO %I', v_role);
    END IF;
    IF pg_catalog.to_regprocedure('pggit_v0.grant_access(text, text, boolean)') IS NOT NULL
       AND NOT EXISTS (SELECT 1 FROM pggit_v0.role_access a WHERE a.role_name = v_role
                       AND (a.level = {level} OR {level} = 'reader')) THEN
        PERFORM pggit_v0.grant_access(v_role, {level});
    END IF;
END
$pggit_untrusted$
"""


def as_untrusted(db: "Database", developer: bool = False) -> "Database":
    """``db`` as the untrusted role (made ready in it) while the mode is on, else ``db``.
    ``developer``: with pgGit developer access in ``db`` (to check out and verify
    migrations there: :func:`replaying`), else reader access."""
    if _state is None:
        return db
    import psycopg
    from psycopg import sql
    from psycopg.conninfo import conninfo_to_dict, make_conninfo

    from .exceptions import PggitError

    name, password = _state
    try:
        with db.connect(autocommit=True) as conn:
            conn.execute(sql.SQL(_PREPARE).format(role=sql.Literal(name), password=sql.Literal(password),
                                                  level=sql.Literal("developer" if developer else "reader")))
    except psycopg.Error as exc:
        raise PggitError(
            f"--pggit-untrusted: could not prepare role {name} in database {db.name}: "
            f"{str(exc).strip().splitlines()[0]}",
            hint="the role pytest-pggit connects as needs superuser or CREATEROLE (and to own the "
                 "run's databases) to make the untrusted role",
        ) from exc
    params = conninfo_to_dict(db.dsn)
    params.update(user=name, password=password)
    return dataclasses.replace(db, dsn=make_conninfo(**params))


@contextlib.contextmanager
def replaying(db: "Database", repo: Any) -> Iterator[Any]:
    """The :class:`~pytest_pggit.repo.Repo` to replay recorded history with in ``db``
    (checkouts with apply, ``check_migration``): ``repo`` itself, or, while the mode is
    on, one on a new connection of the untrusted role, given developer access in ``db``
    (S13, sec10: the gate replayed the pull request's schema as the installing role, and a
    STABLE default calling its function ran ``COPY ... TO PROGRAM`` as the superuser).  A
    session of that role, not ``SET ROLE``: code that runs after ``SET ROLE`` may
    ``RESET ROLE``.  It sees only what ``repo``'s connection committed."""
    if _state is None:
        yield repo
        return
    from .exceptions import PggitError
    from .repo import Repo

    # T5-6 (sec11): the developer access lets the code the replay evaluates move refs
    # (delete and make again the branch the gate compares with); the replay's own
    # checkout moves HEAD only.  Any other ref the untrusted role moved meanwhile, read
    # by the installing role afterwards, fails the replay.
    name = _state[0]
    mark = repo.conn.execute("SELECT coalesce(max(id), 0) FROM pggit_v0.ref_log").fetchone()[0]
    with as_untrusted(db, developer=True).connect(autocommit=True) as conn:
        yield Repo(conn)
    moved = [f"{r[0]} by {r[1]}" for r in repo.conn.execute(
        "SELECT DISTINCT ref, role_name FROM pggit_v0.ref_log WHERE id > %s AND ref <> 'HEAD' "
        "ORDER BY 1, 2", (mark,)).fetchall()]
    if moved:
        raise PggitError(
            f"--pggit-untrusted: the project's code moved pgGit refs while its recorded schema was "
            f"replayed as role {name}: {', '.join(moved[:5])}; the gate's comparison cannot be trusted",
            hint="a default, check, view or trigger of the project's schema calls pgGit's ref "
                 "functions (create_branch, delete_branch, create_basic_commit ...): remove that call",
        )


def drop_role(server: Any) -> None:
    """Drop the untrusted role once the run's databases are gone (the DSN backend: the
    server outlives the run; a local cluster goes with it)."""
    name = role()
    if name is None:
        return
    import psycopg
    from psycopg import sql

    with psycopg.connect(server.dsn(), autocommit=True, connect_timeout=10) as conn:
        conn.execute(sql.SQL("DROP ROLE IF EXISTS {}").format(sql.Identifier(name)))


#: Functions and operators of the untrusted role named like a built-in one (as the apply
#: path's check, V2): in the installing role's later sessions (tests, the gate), whose
#: default search_path has the role's ``public``, one matching a call's argument types
#: better than the built-in would run as the installing role (CVE-2018-1058).
_LOOKALIKES = """
SELECT string_agg(x.what, ', ' ORDER BY x.what) FROM (
    SELECT format('function %%s', p.oid::regprocedure) AS what
    FROM pg_catalog.pg_proc p JOIN pg_catalog.pg_roles r ON r.oid = p.proowner
    WHERE r.rolname = %(role)s
      AND EXISTS (SELECT 1 FROM pg_catalog.pg_proc b
                  WHERE b.pronamespace = 'pg_catalog'::regnamespace AND b.proname = p.proname)
    UNION ALL
    SELECT format('operator %%s', o.oid::regoperator)
    FROM pg_catalog.pg_operator o JOIN pg_catalog.pg_roles r ON r.oid = o.oprowner
    WHERE r.rolname = %(role)s
      AND EXISTS (SELECT 1 FROM pg_catalog.pg_operator b
                  WHERE b.oprnamespace = 'pg_catalog'::regnamespace AND b.oprname = o.oprname)) x
"""


def refuse_lookalikes(db: "Database", path: Any) -> None:
    """After a schema file ran as the untrusted role: refuse its functions or operators
    named like a built-in (they could run as the installing role in its later sessions)."""
    name = role()
    if name is None:
        return
    from .exceptions import SchemaApplyError

    with db.connect(autocommit=True) as conn:
        conn.execute("SET search_path = pg_catalog")   # (names with their schema)
        row = conn.execute(_LOOKALIKES, {"role": name}).fetchone()
    if row and row[0]:
        raise SchemaApplyError(
            f"--pggit-untrusted: schema file {path} made {row[0]}, named like a built-in: in the "
            "installing role's later sessions (the tests, the gate) it could be called instead of "
            "the built-in, with that role's rights",
            hint="rename it, or run without --pggit-untrusted if the pull request is trusted")
