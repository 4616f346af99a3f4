"""AB2 (tester A11): generate_migration's script pins search_path = pg_catalog, pg_temp
(V2), where checkout_branch(apply) runs under the session's path: a routine a column
default calls that names a sequence without its schema (Lemmy's nextval('changeme_seq'))
fails in the script only.  The path stays pinned; the script's header names such a
routine and the fix (its own SET search_path)."""
from __future__ import annotations

from conftest import SqlDb

_NOTE = "-- NOTE (public.generate_unique_changeme): called by a default or generated column below"


def _back_over_a_default(db: SqlDb, pinned: bool) -> str:
    """The script from c1 (column dropped) back to c0 (column with the default)."""
    db.exec("CREATE SEQUENCE changeme_seq AS bigint CYCLE")
    db.exec("CREATE FUNCTION generate_unique_changeme() RETURNS text LANGUAGE sql"
            + (" SET search_path = public" if pinned else "")
            + " AS $$ SELECT 'http://changeme.invalid/seq/' || nextval('changeme_seq')::text $$")
    db.exec("CREATE TABLE person (id int PRIMARY KEY,"
            " inbox_url varchar(255) NOT NULL DEFAULT generate_unique_changeme())")
    c0 = db.val("SELECT pggit_v0.create_basic_commit('c0')")
    db.exec("ALTER TABLE person DROP COLUMN inbox_url")
    c1 = db.val("SELECT pggit_v0.create_basic_commit('c1')")
    db.exec("INSERT INTO person VALUES (1)")
    return db.val("SELECT pggit_v0.generate_migration(%s, %s)", (c1, c0))


def test_a_routine_a_default_calls_without_its_own_search_path_is_named(db: SqlDb) -> None:
    script = _back_over_a_default(db, pinned=False)
    header = script.split("BEGIN;")[0]
    assert _NOTE in header, script
    assert "ALTER FUNCTION public.generate_unique_changeme() SET search_path = ..." in header, script
    assert "SET LOCAL search_path = pg_catalog, pg_temp;" in script   # (still pinned: V2)
    # the script fails as the note says (the nextval's sequence not found) ...
    r = db.psql("-v", "ON_ERROR_STOP=1", sql=script, check=False)
    assert r.returncode != 0 and 'relation "changeme_seq" does not exist' in r.stderr, r.stderr
    # ... and runs once the routine has the path the note asks for
    db.exec("ALTER FUNCTION public.generate_unique_changeme() SET search_path = public")
    r = db.psql("-v", "ON_ERROR_STOP=1", sql=script, check=False)
    assert r.returncode == 0, r.stderr
    assert db.val("SELECT inbox_url FROM person") == "http://changeme.invalid/seq/1"


def test_no_note_for_a_routine_with_its_own_search_path_or_without_a_default(db: SqlDb) -> None:
    script = _back_over_a_default(db, pinned=True)
    assert "-- NOTE" not in script, script
    c1 = db.val("SELECT pggit_v0.get_head_sha()")
    db.exec("CREATE TABLE other (id int)")
    c2 = db.val("SELECT pggit_v0.create_basic_commit('c2')")
    assert "-- NOTE" not in db.val("SELECT pggit_v0.generate_migration(%s, %s)", (c1, c2))
