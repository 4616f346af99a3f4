"""Escalation and forged history (issue 11): no role reaches the layer owner's rights
through temporary objects, views or internal functions, and nobody but the API writes
history, so a forged commit can never be run by an administrator's checkout or merge."""
from __future__ import annotations

import re
from pathlib import Path

from errors import raises_sql
from roles import as_role, make_role
from sql_conftest import SqlDb

ROOT = Path(__file__).resolve().parents[2]


def canary(d: SqlDb, owner: str) -> None:
    """public.canary() records who ran it: if the layer ever runs it, it ran someone's code."""
    d.exec("CREATE TABLE public.canary_log (ran_as text); GRANT INSERT, SELECT ON public.canary_log TO PUBLIC")
    d.exec("""CREATE FUNCTION public.canary() RETURNS SETOF text LANGUAGE plpgsql AS $$
              BEGIN INSERT INTO public.canary_log VALUES (current_user); RETURN; END $$""")
    d.exec(f"ALTER FUNCTION public.canary() OWNER TO {owner}")


def canary_runs(d: SqlDb) -> list:
    return [r["ran_as"] for r in d.rows("SELECT ran_as FROM public.canary_log")]


def test_public_may_execute_no_internal_function(db: SqlDb) -> None:
    nobody = make_role(db)
    callable_ = [r["f"] for r in db.rows(
        "SELECT p.oid::regprocedure::text AS f FROM pg_proc p "
        "WHERE p.pronamespace = 'pggit_v0'::regnamespace AND p.proname LIKE '\\_%%' "
        "AND has_function_privilege(%s, p.oid, 'EXECUTE') ORDER BY 1", [nobody])]
    assert callable_ == ["pggit_v0._require_rights(text)"]
    with as_role(db, nobody):
        with raises_sql("42501", "permission denied for function _data_at_risk"):
            db.exec("SELECT pggit_v0._data_at_risk('HEAD', 'HEAD')")
        with raises_sql("42501", "permission denied for function _write_commit"):
            db.exec("SELECT pggit_v0._write_commit('x', ARRAY[]::text[], 'a', 'm', 'main')")


def test_every_security_definer_function_pins_pg_temp_last_and_is_documented(db: SqlDb) -> None:
    rows = db.rows("SELECT p.proname, p.proconfig FROM pg_proc p "
                   "WHERE p.pronamespace = 'pggit_v0'::regnamespace AND p.prosecdef ORDER BY 1")
    for r in rows:
        assert "search_path=pg_catalog, pggit_v0, pg_temp" in (r["proconfig"] or []), r
    # the short list, each with its reason, in SECURITY.md
    security = (ROOT / "SECURITY.md").read_text()
    documented = set(re.findall(r"^\| `(_[a-z_]+)` \|", security, re.M))
    assert {r["proname"] for r in rows} == documented
    assert len(rows) <= 13   # (the short list: a new one is a decision, said in SECURITY.md)


def test_temp_tables_and_views_do_not_reach_layer_code(db: SqlDb) -> None:
    """A role shadows the layer's tables with temporary ones, one a view over its own
    function; every call, its own and an administrator's afterwards, uses the real tables."""
    dev = make_role(db, "developer")
    canary(db, dev)
    db.exec("CREATE TABLE public.t (id int)")
    main0 = db.val("SELECT pggit_v0.create_basic_commit('t')")
    db.exec("SELECT pggit_v0.create_branch('feature/x', checkout => false)")
    with as_role(db, dev):
        for t in ("objects", "tree_entries", "commit_graph", "commit_parents", "refs", "head", "ddl_log",
                  "ddl_log_commits", "meta", "capture_faults", "ref_log"):
            db.exec(f"CREATE TEMP VIEW {t} AS SELECT * FROM public.canary() AS c(x)")
        db.exec("CREATE TABLE public.mine (id int)")
        sha = db.val("SELECT pggit_v0.create_basic_commit('by dev, shadowed')")
        db.rows("SELECT * FROM pggit_v0.diff_commits(%s, %s)", [main0, sha])
        db.val("SELECT pggit_v0.generate_migration(%s, %s)", [sha, main0])
        db.exec("SELECT pggit_v0.checkout_branch('feature/x', apply => true, force => true)")
        db.exec("SELECT pggit_v0.checkout_branch('main', apply => true)")
        db.rows("SELECT * FROM pggit_v0.validate_data_integrity()")
        db.rows("SELECT * FROM pggit_v0.check_for_alerts()")
    assert db.val("SELECT target_sha FROM pggit_v0.refs WHERE name = 'main'") == sha
    assert db.val("SELECT role_name FROM pggit_v0.ddl_log WHERE object_identity = 'public.mine' "
                  "AND command_tag = 'CREATE TABLE' ORDER BY id LIMIT 1") == dev
    db.exec("SELECT pggit_v0.merge_branch('feature/x')")
    assert canary_runs(db) == []


def test_a_view_in_place_of_a_committed_table_is_never_read_as_the_owner(db: SqlDb) -> None:
    """The data-loss check reads rows with the caller's rights, and never reads a view."""
    dev = make_role(db, "developer")
    canary(db, dev)
    db.exec("CREATE TABLE public.t (id int)")
    main0 = db.val("SELECT pggit_v0.create_basic_commit('t')")
    db.exec("SELECT pggit_v0.create_branch('drop-t')")
    db.exec("DROP TABLE public.t")
    gone = db.val("SELECT pggit_v0.create_basic_commit('drop t')")
    db.exec("SELECT pggit_v0.checkout_branch('main', apply => true)")
    # the table swapped for a view over the role's function (as its owner could)
    db.exec("DROP TABLE public.t; CREATE VIEW public.t AS SELECT 1 AS id FROM public.canary()")
    db.exec(f"ALTER VIEW public.t OWNER TO {dev}")
    risk = db.val("SELECT pggit_v0._data_at_risk(%s, %s)", [main0, gone])
    assert risk and "public.t holds rows" in risk[0]   # cannot tell: counted as data, not read
    with raises_sql("55000", "uncommitted change"):
        db.exec("SELECT pggit_v0.checkout_branch('drop-t', apply => true, force => true)")
    assert canary_runs(db) == []


def test_rows_hidden_from_the_caller_count_as_data(db: SqlDb) -> None:
    """With the caller's rights a table it may not read is assumed to hold rows."""
    dev = make_role(db, "developer")
    db.exec("CREATE TABLE public.private (v text); INSERT INTO public.private VALUES ('x')")
    db.exec("SELECT pggit_v0.create_basic_commit('private')")
    db.exec("SELECT pggit_v0.create_branch('drop-private')")
    db.exec("DROP TABLE public.private")
    db.exec("SELECT pggit_v0.create_basic_commit('drop')")
    db.exec("SELECT pggit_v0.checkout_branch('main', apply => true, force => true)")
    db.exec("INSERT INTO public.private VALUES ('kept')")
    with as_role(db, dev):
        with raises_sql("55000", "would lose data") as info:
            db.exec("SELECT pggit_v0.checkout_branch('drop-private', apply => true)")
    assert "public.private holds rows" in info.value.diag.message_detail


def test_no_role_can_write_history_tables_directly(db: SqlDb) -> None:
    dev = make_role(db, "developer")
    head = db.val("SELECT pggit_v0.get_head_sha()")
    tree = db.val("SELECT tree_sha FROM pggit_v0.commit_graph WHERE commit_sha = %s", [head])
    with as_role(db, dev):
        for sql in ("INSERT INTO pggit_v0.objects (sha, type, size, content) VALUES (repeat('a', 64), 'blob', 1, 'x')",
                    "INSERT INTO pggit_v0.tree_entries VALUES ('t', 'n', 'blob', 'x')",
                    f"INSERT INTO pggit_v0.commit_graph (commit_sha, tree_sha, author, message, committed_at) "
                    f"VALUES (repeat('b', 64), '{tree}', 'a', 'm', now())",
                    "INSERT INTO pggit_v0.commit_parents VALUES ('x', 1, 'y')",
                    "INSERT INTO pggit_v0.refs (name, type, target_sha) VALUES ('forged', 'branch', repeat('b', 64))",
                    "UPDATE pggit_v0.head SET branch = 'main'",
                    "INSERT INTO pggit_v0.ddl_log_commits (log_id, commit_sha) VALUES (1, 'x')",
                    "INSERT INTO pggit_v0.capture_faults (event) VALUES ('forged')",
                    "INSERT INTO pggit_v0.ref_log (id, ref, role_name, call) VALUES (999, 'main', 'x', 'x')"):
            with raises_sql("42501", "permission denied"):
                db.exec(sql)
        # the write functions take no content; refs move only forward, to commits
        with raises_sql("42704", "not found"):
            db.exec("SELECT pggit_v0._ref_update('x', 'forged', 'branch', repeat('c', 64))")
        db.exec("CREATE TABLE public.t (id int)")
        db.exec("SELECT pggit_v0.create_basic_commit('t')")
        with raises_sql("55000", "not a fast-forward"):
            db.exec("SELECT pggit_v0._ref_update('rewind', 'main', 'branch', %s)", [head])


def test_a_forged_blob_is_refused_before_anything_runs(db: SqlDb) -> None:
    """A view blob edited in place (as a superuser lifting the guard could) carries an
    extra statement: checkout and merge re-hash every blob and refuse the tree."""
    db.exec("CREATE TABLE public.t (id int)")
    db.exec("SELECT pggit_v0.create_basic_commit('t')")
    db.exec("SELECT pggit_v0.create_branch('feature/v')")
    db.exec("CREATE VIEW public.v AS SELECT id FROM public.t")
    db.exec("SELECT pggit_v0.create_basic_commit('v')")
    db.exec("SELECT pggit_v0.checkout_branch('main', apply => true)")
    blob = db.val("SELECT o.sha FROM pggit_v0.objects o WHERE o.type = 'blob' AND o.content LIKE 'CREATE VIEW public.v%%'")
    db.exec("SET pggit.allow_history_rewrite = on")
    db.exec("UPDATE pggit_v0.objects SET content = content || ' CREATE TABLE public.forged_canary ();' "
            "WHERE sha = %s", [blob])
    db.exec("RESET pggit.allow_history_rewrite")
    for call in ("checkout_branch('feature/v', apply => true)", "merge_branch('feature/v')",
                 "verify_migration('feature/v')"):
        with raises_sql("XX001", "do not match their sha") as info:
            db.exec(f"SELECT * FROM pggit_v0.{call}")
        assert info.value.diag.message_primary.endswith("public/view/v")
    assert db.val("SELECT to_regclass('public.forged_canary')") is None
    assert db.val("SELECT to_regclass('public.v')") is None
    assert db.val("SELECT target_sha FROM pggit_v0.refs WHERE name = 'main'") != db.val(
        "SELECT target_sha FROM pggit_v0.refs WHERE name = 'feature/v'")


def test_grant_access_is_for_the_owner_and_levels_differ(db: SqlDb) -> None:
    reader = make_role(db, "reader")
    dev = make_role(db, "developer")
    db.exec("CREATE TABLE public.t (id int)")
    db.exec("SELECT pggit_v0.create_basic_commit('t')")
    with as_role(db, reader):
        assert db.rows("SELECT * FROM pggit_v0.get_commit_history(5)")
        assert db.rows("SELECT * FROM pggit_v0.status()") == []
        assert db.rows("SELECT * FROM pggit_v0.validate_data_integrity() WHERE status <> 'OK'") == []
        with raises_sql("42501", "may not do", hint=f"grant_access('{reader}')"):
            db.exec("SELECT pggit_v0.create_branch('x')")
        with raises_sql("42501", "permission denied for table ddl_log"):
            db.exec("SELECT statement FROM pggit_v0.ddl_log")
        assert db.val("SELECT count(object_identity) FROM pggit_v0.ddl_log") >= 1
        hist = db.rows("SELECT * FROM pggit_v0.get_object_history('public', 't')")
        assert [(h["change_type"], h["ddl"]) for h in hist] == [("CREATE", None)]   # no statement texts
        with raises_sql("42501", "needs the owner of schema pggit_v0"):
            db.exec("SELECT pggit_v0.grant_access(%s)", [reader])
    with as_role(db, dev):
        with raises_sql("42501", "needs the owner of schema pggit_v0"):
            db.exec("SELECT pggit_v0.grant_access(%s, 'developer')", [reader])
        db.exec("SELECT pggit_v0.create_branch('feature/dev')")
    db.exec("SELECT pggit_v0.grant_access(%s, 'reader', statements => true)", [reader])
    with as_role(db, reader):
        assert db.val("SELECT count(statement) FROM pggit_v0.ddl_log") >= 1
        assert db.val("SELECT ddl FROM pggit_v0.get_object_history('public', 't')") == "CREATE TABLE public.t (id int)"
    assert db.val("SELECT pggit_v0.revoke_access(%s)", [dev]) is True
    with as_role(db, dev):
        with raises_sql("42501", "may not do"):
            db.exec("SELECT pggit_v0.create_basic_commit('no longer')")
    with raises_sql("42704", "does not exist"):
        db.exec("SELECT pggit_v0.grant_access('pggit_no_such_role')")
    with raises_sql("22023", "unknown access level"):
        db.exec("SELECT pggit_v0.grant_access(%s, 'admin')", [dev])


def test_access_survives_a_reinstall(db: SqlDb) -> None:
    from sql_conftest import install

    dev = make_role(db, "developer")
    db.exec("DROP FUNCTION pggit_v0._commit_snapshot(text, text)")   # an upgrade that recreates it
    install(db)
    with as_role(db, dev):
        db.exec("CREATE TABLE public.after (id int)")
        db.exec("SELECT pggit_v0.create_basic_commit('after reinstall')")


def test_install_refuses_a_schema_another_role_made_first(empty_db: SqlDb) -> None:
    """S10: a role that may create schemas made ``pggit_v0`` before the install; install.sql
    (``CREATE SCHEMA IF NOT EXISTS``) installed into it, and as the schema's owner the role
    replaced a function the capture event trigger calls, so its code ran as the superuser
    (or its own ``capture_faults`` with a trigger fired during the install).  Now the
    install refuses with 42501 naming the owner, and changes nothing."""
    from sql_conftest import SQL_DIR

    d = empty_db
    eve = make_role(d)
    d.exec(f"GRANT CREATE ON DATABASE {d.name} TO {eve}")
    with as_role(d, eve):
        d.exec("CREATE SCHEMA pggit_v0")
        d.exec("CREATE TABLE pggit_v0.capture_faults (id bigint PRIMARY KEY, event text, command_tag text, "
               "message text)")
        # (R6) functions that match the refusal's own calls better than pg_catalog's
        for args in ("text, name, regrole", "text, text, text, regrole", "text, text, text, oid",
                     "text, text, oid", "text, text"):
            d.exec(f"CREATE FUNCTION pggit_v0.format({args}) RETURNS text LANGUAGE sql "
                   "AS $$ SELECT 'EVE RAN AS ' || current_user $$")
    proc = d.psql("-q", "-f", str(SQL_DIR / "install.sql"), check=False)
    assert proc.returncode != 0
    assert f"schema pggit_v0 is owned by role {eve}, not by the installing role" in proc.stderr, proc.stderr
    assert "EVE RAN" not in proc.stderr and "Install as its owner" in proc.stderr, proc.stderr
    assert d.val("SELECT count(*) FROM pg_proc WHERE pronamespace = 'pggit_v0'::regnamespace "
                 "AND proname <> 'format'") == 0   # nothing of the layer
    # the schema handed to the installer, but a table of the role's left in it: refused too
    d.exec(f"ALTER SCHEMA pggit_v0 OWNER TO {d.val('SELECT current_user')}")
    proc = d.psql("-q", "-f", str(SQL_DIR / "install.sql"), check=False)
    assert proc.returncode != 0
    assert "holds objects of other roles than its owner" in proc.stderr, proc.stderr
    assert "EVE RAN" not in proc.stderr, proc.stderr
    assert f"relation pggit_v0.capture_faults (owner {eve})" in proc.stderr, proc.stderr
    d.exec("DROP SCHEMA pggit_v0 CASCADE")
    d.psql("-q", "-f", str(SQL_DIR / "install.sql"))   # a clean install, and a reinstall, as before
    d.psql("-q", "-f", str(SQL_DIR / "install.sql"))
    assert d.val("SELECT count(*) FROM pggit_v0.get_commit_history(1)") >= 0


def test_a_reader_cannot_forge_timings_nor_hold_the_lock_targets(db: SqlDb) -> None:
    """S9: _record_timing (a definer readers may call) took operation, start and detail
    from the caller: a reader recorded a ten-year 'commit' with 10 MB of detail.  S15:
    readers could SELECT the lock views, and one idle in a transaction holding ACCESS
    SHARE on one made a reinstall (and every DDL behind it) wait."""
    reader = make_role(db, "reader")
    with as_role(db, reader):
        db.exec("SELECT pggit_v0._record_timing('commit', now() - interval '10 years', 'forged')")
        db.exec("SELECT pggit_v0._record_timing('diff', now() - interval '10 years', repeat('x', 100000))")
        for view in ("capture_ids_lock", "history_lock"):
            with raises_sql("42501", f"permission denied for view {view}"):
                db.exec(f"SELECT * FROM pggit_v0.{view}")
    rows = db.rows("SELECT operation, duration, length(detail) AS n FROM pggit_v0.op_timings "
                   "WHERE detail = 'forged' OR length(detail) > 10000 OR operation = 'diff' ORDER BY id")
    assert [r["operation"] for r in rows] == ["diff"], rows
    assert rows[0]["n"] == 1000 and rows[0]["duration"].total_seconds() < 60, rows


def test_a_role_made_anew_under_a_dropped_ones_name_gets_no_access_at_reinstall(db: SqlDb) -> None:
    """S14: role_access remembered roles by name; a role dropped without revoke_access,
    and a new one later created under its name, got developer access at the next
    reinstall.  The OID is kept: the new role gets nothing, and the install warns."""
    from sql_conftest import install

    dev = make_role(db, "developer")
    db.exec(f"DROP OWNED BY {dev}")
    db.exec(f"DROP ROLE {dev}")
    db.exec(f"CREATE ROLE {dev} NOSUPERUSER")
    proc = install(db)
    assert f"access not given again to role(s) {dev}" in proc.stderr, proc.stderr
    assert not db.val("SELECT has_function_privilege(%s, 'pggit_v0._ref_update(text, text, text, text, text)', "
                      "'EXECUTE')", [dev])
    db.exec("SELECT pggit_v0.grant_access(%s)", [dev])   # given again on purpose: kept from then on
    proc = install(db)
    assert "access not given again" not in proc.stderr, proc.stderr
    assert db.val("SELECT has_function_privilege(%s, 'pggit_v0._ref_update(text, text, text, text, text)', "
                  "'EXECUTE')", [dev])
    db.exec("SELECT pggit_v0.revoke_access(%s)", [dev])


def test_the_install_checks_the_schema_after_making_it_in_its_transaction() -> None:
    """R1: the owner check ran before ``CREATE SCHEMA IF NOT EXISTS``; at READ COMMITTED
    a role making the schema between the two statements passed it (the reviewer won the
    race 7 times in 30 tries).  The schema is made first, in the install's transaction,
    and the check reads who owns it then.  R6: until then pggit_v0 is not on the path."""
    pre = (ROOT / "sql" / "00_preflight.sql").read_text()
    block = pre[pre.index("DO $owner$"):pre.index("$owner$;")]
    # made or found, locked (COMMENT ON SCHEMA), and only then its owner read
    assert block.index("CREATE SCHEMA pggit_v0;") < block.index("COMMENT ON SCHEMA pggit_v0") \
        < block.index("v_owner := (SELECT n.nspowner")
    assert "IF NOT EXISTS pggit_v0" not in pre
    install = (ROOT / "sql" / "install.sql").read_text()
    before = install[:install.index("\\ir 00_preflight.sql")]
    assert before.rstrip().splitlines()[-1] == "SET LOCAL search_path = pg_catalog, pg_temp;"
    assert "BEGIN;" in before


def test_a_reinstall_behind_an_idle_reader_gives_up_instead_of_stalling_ddl(db: SqlDb) -> None:
    """R7: a reader idle in a transaction that read ddl_log made a reinstall wait for its
    ACCESS EXCLUSIVE lock, and every role's DDL queued behind the reinstall.  Without a
    lock_timeout of the caller's, the install gives up after 10 s with a lock timeout."""
    from sql_conftest import SQL_DIR

    reader = make_role(db, "reader")
    other = SqlDb(db.dsn, db.name)
    try:
        other.exec(f"SET ROLE {reader}")
        other.exec("BEGIN")
        other.rows("SELECT id FROM pggit_v0.ddl_log LIMIT 1")
        proc = db.psql("-q", "-f", str(SQL_DIR / "install.sql"), check=False)
        assert proc.returncode != 0, proc.stderr
        assert "could not lock its tables for the reinstall within lock_timeout" in proc.stderr, proc.stderr
    finally:
        other.close()
    proc = db.psql("-q", "-f", str(SQL_DIR / "install.sql"))   # the reader gone: it goes through
    assert proc.stdout.strip() == "", proc.stdout


def test_a_reader_without_statements_reads_no_default_through_renamed_tree(db: SqlDb) -> None:
    """S4: _renamed_tree (owner's rights, callable by readers) wrote the DEFAULT clause a
    logged ADD COLUMN gave into a blob readers may SELECT, for any caller: a reader
    without statements => true read other roles' statement texts that way."""
    reader = make_role(db, "reader")
    db.exec("CREATE TABLE public.victim (id int)")
    db.exec("SELECT pggit_v0.create_basic_commit('victim')")
    db.exec("ALTER TABLE public.victim ADD COLUMN note text DEFAULT 'private note only in the statement'")
    db.exec("ALTER TABLE public.victim ALTER COLUMN note DROP DEFAULT")
    db.exec("SELECT pggit_v0.create_basic_commit('note')")
    log_id = db.val("SELECT max(id) FROM pggit_v0.ddl_log WHERE command_tag = 'ALTER TABLE' "
                    "AND statement LIKE '%%private note%%'")
    blob = db.val("SELECT e.entry_sha FROM pggit_v0.tree_entries e WHERE e.name = 'column note' LIMIT 1")
    tree = db.val("SELECT tree_sha FROM pggit_v0.commit_graph ORDER BY committed_at DESC LIMIT 1")
    with as_role(db, reader):
        # (since Z3 a reader may not call it at all)
        with raises_sql("42501", "may not write pgGit history"):
            db.val("SELECT pggit_v0._renamed_tree(%s, jsonb_build_array(jsonb_build_object("
                   "'kind', 'then_default', 'old_schema', 'public', 'old_table', 'table victim', "
                   "'old_column', 'column note', 'new_table', %s::text, 'new_column', %s::text)))", [tree, blob, str(log_id)])
        assert db.val("SELECT count(*) FROM pggit_v0.objects WHERE content LIKE '%%private note%%'") == 0


def test_a_view_on_an_internal_function_cannot_stop_a_reinstall(db: SqlDb) -> None:
    """V8 (security round 2): a role with no pgGit access made a view calling an internal
    function (CREATE VIEW checks no EXECUTE right); the install kept the function for the
    view's sake and then failed on it: no reinstall, no security fix could be installed.
    Internal functions go with such views now, with a WARNING naming them; a view on the
    API is kept as before."""
    from sql_conftest import install

    nobody = make_role(db)
    db.exec(f"GRANT CREATE ON SCHEMA public TO {nobody}")
    with as_role(db, nobody):
        db.exec("CREATE VIEW public.pin AS SELECT * FROM pggit_v0._ddl_log_shas(true)")
    db.exec("CREATE VIEW public.alerts_view AS SELECT * FROM pggit_v0.check_for_alerts()")
    proc = install(db)
    assert f"dropping public.pin (view, owner {nobody}): they use internal functions of pgGit" in proc.stderr, \
        proc.stderr
    assert db.val("SELECT to_regclass('public.pin')") is None
    assert db.val("SELECT to_regclass('public.alerts_view')") is not None
    db.exec("SELECT * FROM public.alerts_view")
    db.exec("SELECT pggit_v0.create_basic_commit('after the reinstall')")
    db.exec("DROP VIEW public.alerts_view")


def test_a_view_on_an_internal_type_cannot_stop_a_reinstall(db: SqlDb) -> None:
    """The review (W2): V8's fix covered functions; a view on ``NULL::pggit_v0._rename``
    made the reinstall fail at ``DROP TYPE pggit_v0._rename``."""
    from sql_conftest import install

    nobody = make_role(db)
    db.exec(f"GRANT CREATE ON SCHEMA public TO {nobody}")
    with as_role(db, nobody):
        db.exec("CREATE VIEW public.pin_type AS SELECT NULL::pggit_v0._rename AS x")
    proc = install(db)
    assert f"dropping public.pin_type (view, owner {nobody}): they use internal types of pgGit" in proc.stderr, \
        proc.stderr
    assert db.val("SELECT to_regclass('public.pin_type')") is None
    db.exec("SELECT pggit_v0.create_basic_commit('after the reinstall')")
