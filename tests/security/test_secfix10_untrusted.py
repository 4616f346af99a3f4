"""Z19/Z23 of the third security round: the project's SQL ran as the superuser (local
backend) or the DSN's role, the owner of the pgGit layer that judges it: a pull
request's schema file could replace pggit_v0.diff_commits (the gate then passed a DROP
COLUMN) or, as a superuser, COPY ... TO PROGRAM into the machine's cached clusters.
With --pggit-untrusted the schema files run as a role that is not a superuser and does
not own the layer; capture still logs their DDL, the commits and the gate run as the
installing role afterwards, and no cache keeps what they made."""
from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

OWNER_TEST = """
def test_owner(pggit_conn):
    owner, me = pggit_conn.execute(
        "SELECT pg_get_userbyid(relowner), current_user FROM pg_class WHERE oid = 'public.users'::regclass").fetchone()
    assert owner.startswith("pggit_untrusted_") and owner != me
    assert pggit_conn.execute("SELECT rolsuper FROM pg_roles WHERE rolname = %s", [owner]).fetchone()[0] is False
    # captured, committed, tagged as usual
    assert pggit_conn.execute(
        "SELECT count(*) FROM pggit_v0.ddl_log WHERE object_identity = 'public.users'").fetchone()[0] >= 1
    assert pggit_conn.execute("SELECT count(*) FROM pggit_v0.list_tags()").fetchone()[0] >= 1
"""


@pytest.fixture
def cache(monkeypatch: pytest.MonkeyPatch):
    folder = Path(tempfile.mkdtemp(prefix="pytest-pggit-testcache-",
                                   dir="/dev/shm" if os.access("/dev/shm", os.W_OK) else None))
    os.chmod(folder, 0o1777)
    monkeypatch.setenv("PGGIT_CACHE_DIR", str(folder))
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


def run(pytester: pytest.Pytester, *files: str, untrusted: bool = True) -> pytest.RunResult:
    schema = pytester.mkdir("schema")
    for i, text in enumerate(files, 1):
        (schema / f"{i:04d}_step.sql").write_text(text)
    pytester.makepyfile(test_owner=OWNER_TEST)
    args = ["--pggit", "-p", "no:cacheprovider", "--pggit-schema", "schema", "--pggit-backend", "local"]
    return pytester.runpytest_subprocess(*args, *(["--pggit-untrusted"] if untrusted else []))


USERS = "CREATE TABLE public.users (id int PRIMARY KEY, email text, v text DEFAULT pggit_v0.get_head_sha());\n"


def test_an_honest_project_runs_as_the_untrusted_role_and_nothing_is_cached(
        pytester: pytest.Pytester, cache: Path) -> None:
    result = run(pytester, USERS)
    result.assert_outcomes(passed=1)
    result.stdout.fnmatch_lines(["*template cache: off (--pggit-untrusted*"])
    assert not list(cache.glob("*-layer-*")) and not list(cache.glob("*-tpl-*")), list(cache.iterdir())


def test_a_schema_file_cannot_run_programs_as_the_server(pytester: pytest.Pytester, cache: Path) -> None:
    marker = Path(tempfile.gettempdir()) / f"pggit_z23_{os.getpid()}"
    marker.unlink(missing_ok=True)
    result = run(pytester, USERS, f"COPY (SELECT 1) TO PROGRAM 'id > {marker}';\n")
    out = result.stdout.str() + result.stderr.str()
    assert "permission denied" in out or "must be superuser" in out or "pg_execute_server_program" in out, out
    assert not marker.exists()


def test_a_schema_file_cannot_replace_the_judge(pytester: pytest.Pytester, cache: Path) -> None:
    result = run(pytester, USERS, "ALTER FUNCTION pggit_v0.diff_commits(text, text) RENAME TO diff_commits_real;\n")
    out = result.stdout.str() + result.stderr.str()
    assert "must be owner of function diff_commits" in out or "permission denied" in out, out


def test_a_schema_file_cannot_plant_a_builtin_lookalike_for_the_installing_role(
        pytester: pytest.Pytester, cache: Path) -> None:
    """public is the untrusted role's schema: a public.lower(varchar) would be called
    instead of pg_catalog.lower(text) by the installing role's later sessions."""
    result = run(pytester, USERS, "CREATE FUNCTION public.lower(varchar) RETURNS text LANGUAGE sql"
                                  " AS $$ SELECT 'spy' $$;\n")
    out = result.stdout.str() + result.stderr.str()
    assert "made function public.lower(character varying), named like a built-in" in out, out
