"""What a snapshot records: every object kind, one path per sub-object, canonical text."""
from __future__ import annotations

from pathlib import Path
from typing import Dict, Set

from conftest import SqlDb, install, require_extensions

KINDS_SQL = (Path(__file__).parent / "kinds.sql").read_text()


def paths(d: SqlDb, ref: str = "HEAD") -> Dict[str, str]:
    """path -> definition of every blob in ref's tree (via a diff from the empty baseline)."""
    rows = d.rows("SELECT * FROM pggit_v0.diff_commits(%s, %s)",
                  [d.val("SELECT commit_sha FROM pggit_v0.get_commit_history(1000) ORDER BY committed_at LIMIT 1"),
                   ref])
    return {r["path"]: r["new_definition"] for r in rows if r["change_type"] == "ADDED"}


def test_every_kind_is_versioned_at_its_own_path(db: SqlDb) -> None:
    require_extensions(db, "hstore")
    db.exec(KINDS_SQL)
    db.exec("SELECT pggit_v0.create_basic_commit('kinds')")
    p = paths(db)
    expected = {
        "app/schema/app": "CREATE SCHEMA app;",
        "app/schema/app/comment": "COMMENT ON SCHEMA app IS 'application schema';",
        "app/schema/app/grants": "GRANT USAGE ON SCHEMA app TO PUBLIC;",
        "app/extension/hstore": "CREATE EXTENSION IF NOT EXISTS hstore WITH SCHEMA app VERSION '1.8';",
        "app/type/mood": "CREATE TYPE app.mood AS ENUM ('sad', 'ok', 'happy');",
        "app/collation/bytes": "CREATE COLLATION app.bytes (provider = libc, locale = 'C');",
        "app/collation/bytes/comment": "COMMENT ON COLLATION app.bytes IS 'byte order';",
        "app/type/pair": 'CREATE TYPE app.pair AS (a integer, b text COLLATE "C");',
        "app/domain/posint": "CREATE DOMAIN app.posint AS integer DEFAULT 1 NOT NULL "
                             "CONSTRAINT posint_positive CHECK ((VALUE > 0));",
        "app/sequence/counter": "CREATE SEQUENCE app.counter AS bigint INCREMENT BY 5 MINVALUE 1 "
                                "MAXVALUE 9223372036854775807 START WITH 100 CACHE 10 NO CYCLE;",
        "app/table/accounts/column/id": "id bigint GENERATED ALWAYS AS IDENTITY NOT NULL",
        "app/table/accounts/column/email": 'email text COLLATE "C" NOT NULL',
        "app/table/accounts/column/score2": "score2 numeric GENERATED ALWAYS AS ((score * (2)::numeric)) STORED",
        "app/table/accounts/column/mood": "mood app.mood DEFAULT 'ok'::app.mood",
        "app/table/accounts/columns": "id\nemail\nmood\nscore\nscore2\ntags\ncreated",
        "app/table/accounts/constraint/accounts_pkey":
            "ALTER TABLE app.accounts ADD CONSTRAINT accounts_pkey PRIMARY KEY (id);",
        "app/table/accounts/constraint/accounts_score_check":
            "ALTER TABLE app.accounts ADD CONSTRAINT accounts_score_check CHECK ((score >= (0)::numeric));",
        "app/table/accounts/index/accounts_lower_email_idx":
            "CREATE INDEX accounts_lower_email_idx ON app.accounts USING btree (lower(email)) "
            "WHERE (mood <> 'sad'::app.mood);",
        "app/table/accounts/trigger/accounts_touch":
            "CREATE TRIGGER accounts_touch BEFORE UPDATE ON app.accounts FOR EACH ROW EXECUTE FUNCTION app.touch();",
        "app/table/accounts/policy/own_rows":
            "CREATE POLICY own_rows ON app.accounts AS PERMISSIVE FOR SELECT TO PUBLIC "
            "USING ((email = CURRENT_USER));",
        "app/table/accounts/rls": "ALTER TABLE app.accounts ENABLE ROW LEVEL SECURITY;",
        "app/table/accounts/comment": "COMMENT ON TABLE app.accounts IS 'customer accounts';",
        "app/table/accounts/column_comment/email": "COMMENT ON COLUMN app.accounts.email IS 'login';",
        "app/table/accounts/grants": "GRANT SELECT ON TABLE app.accounts TO PUBLIC;",
        "app/table/accounts/column_grants/mood": "GRANT UPDATE (mood) ON TABLE app.accounts TO PUBLIC;",
        "app/table/events": "CREATE TABLE app.events () PARTITION BY RANGE (at);",
        "app/table/events/constraint/events_account_id_fkey":
            "ALTER TABLE app.events ADD CONSTRAINT events_account_id_fkey FOREIGN KEY (account_id) "
            "REFERENCES app.accounts(id) ON DELETE CASCADE;",
        "app/table/events/index/events_at_idx": "CREATE INDEX events_at_idx ON ONLY app.events USING btree (at);",
        "app/table/events_2024": "CREATE TABLE app.events_2024 PARTITION OF app.events FOR VALUES FROM "
                                 "('2024-01-01 00:00:00+00') TO ('2025-01-01 00:00:00+00');",
        "app/sequence/events_id_seq/owned_by": "ALTER SEQUENCE app.events_id_seq OWNED BY app.events.id;",
        "app/table/child": "CREATE TABLE app.child () INHERITS (app.base);",
        "app/table/child/column/extra": "extra integer",
        "app/table/scratch": "CREATE UNLOGGED TABLE app.scratch () WITH (fillfactor=70);",
        # (PostgreSQL 16 and later leave out the table name of a view over a single table)
        "app/view/happy_accounts": "CREATE VIEW app.happy_accounts AS\n SELECT accounts.id,\n    accounts.email\n"
                                   "   FROM app.accounts\n  WHERE accounts.mood = 'happy'::app.mood;"
                                   if int(db.val("SHOW server_version_num")) < 160000 else
                                   "CREATE VIEW app.happy_accounts AS\n SELECT id,\n    email\n"
                                   "   FROM app.accounts\n  WHERE mood = 'happy'::app.mood;",
        "app/function/add(a integer, b integer)/grants":
            "REVOKE EXECUTE ON FUNCTION app.add(a integer, b integer) FROM PUBLIC;",
        "app/aggregate/total(integer)":
            "CREATE AGGREGATE app.total(integer) (SFUNC = int4pl, STYPE = integer, INITCOND = '0');",
        # objects of no schema are recorded under the pseudo-schema pg_database
        "app/operator_class/int_ops USING btree":
            "CREATE OPERATOR CLASS app.int_ops FOR TYPE integer USING btree FAMILY app.int_ops AS\n"
            "    OPERATOR 1 app.<<(integer,integer),\n    FUNCTION 1 (integer, integer) btint4cmp(integer,integer);",
        "app/operator_family/int_ops USING btree": "CREATE OPERATOR FAMILY app.int_ops USING btree;",
        "pg_database/cast/(app.mood AS integer)":
            "CREATE CAST (app.mood AS integer) WITH FUNCTION app.mood_rank(app.mood);",
        "app/conversion/latin1_utf8":
            "CREATE CONVERSION app.latin1_utf8 FOR 'LATIN1' TO 'UTF8' FROM pg_catalog.iso8859_1_to_utf8;",
        "app/text_search_template/simple_again":
            "CREATE TEXT SEARCH TEMPLATE app.simple_again (INIT = pg_catalog.dsimple_init, LEXIZE = pg_catalog.dsimple_lexize);",
        "pg_database/foreign_data_wrapper/app_fdw": "CREATE FOREIGN DATA WRAPPER app_fdw;",
        "pg_database/server/app_server": "CREATE SERVER app_server FOREIGN DATA WRAPPER app_fdw OPTIONS (host 'remote');",
        "pg_database/user_mapping/PUBLIC@app_server": "CREATE USER MAPPING FOR PUBLIC SERVER app_server;",
        "app/foreign_table/remote_rows":
            "CREATE FOREIGN TABLE app.remote_rows (\n    id integer NOT NULL\n) SERVER app_server;",
        "pg_database/publication/app_pub":
            "CREATE PUBLICATION app_pub WITH (publish = 'insert, update, delete, truncate');\n"
            "ALTER PUBLICATION app_pub ADD TABLE ONLY app.accounts;",
        "pg_database/event_trigger/app_on_ddl":
            "CREATE EVENT TRIGGER app_on_ddl ON ddl_command_end EXECUTE FUNCTION app.on_ddl();",
    }
    wrong = {path: p.get(path) for path, definition in expected.items() if p.get(path) != definition}
    assert not wrong, wrong
    me = db.val("SELECT quote_ident(current_user)")
    assert p[f"app/default_privileges/{me} tables"] == \
        f"ALTER DEFAULT PRIVILEGES FOR ROLE {me} IN SCHEMA app GRANT SELECT ON TABLES TO PUBLIC;"
    assert p["app/materialized_view/account_counts"].startswith("CREATE MATERIALIZED VIEW app.account_counts AS")
    assert "app/materialized_view/account_counts/index/account_counts_mood_idx" in p
    assert p["app/type/floatrange"].startswith("CREATE TYPE app.floatrange AS RANGE (SUBTYPE = double precision")
    assert "CREATE OR REPLACE FUNCTION app.add(a integer, b integer DEFAULT 1)" in p["app/function/add(a integer, b integer)"]
    assert "CREATE OR REPLACE PROCEDURE app.reset_scores()" in p["app/procedure/reset_scores()"]
    assert "app/function/touch()" in p
    # left out: extension members, identity sequences, internal triggers, pggit_v0 itself,
    # constraints and indexes cloned onto partitions, inherited columns
    assert not any("hstore_in" in k or "akeys" in k for k in p)
    assert not any(k.startswith("app/sequence/accounts_id_seq") for k in p)
    assert not any(k.startswith("pggit_v0") for k in p)
    assert not any(k.startswith("app/table/events_2024/") for k in p)
    assert "app/table/child/column/id" not in p


def test_temp_objects_and_layer_objects_are_not_versioned(db: SqlDb) -> None:
    db.exec("CREATE TEMP TABLE tmp_x (id int)")
    db.exec("CREATE TABLE pggit_v0.scratch_inside_layer (id int)")
    assert db.rows("SELECT * FROM pggit_v0.status()") == []
    assert db.val("SELECT count(*) FROM pggit_v0.ddl_log") == 0


def commit_tree(d: SqlDb, message: str) -> str:
    sha = d.val("SELECT pggit_v0.create_basic_commit(%s)", [message])
    return d.val("SELECT tree_sha FROM pggit_v0.commit_graph WHERE commit_sha = %s", [sha])


def test_same_schema_in_two_databases_gives_the_same_tree(make_empty_db) -> None:
    a, b = make_empty_db(), make_empty_db()
    require_extensions(a, "hstore")
    install(a)
    install(b)
    a.exec(KINDS_SQL)
    # b: other OIDs (objects created and dropped first), and the commit is made under other
    # session settings that change how constants print (the partition bound's timestamptz)
    b.exec("CREATE TABLE junk (id int); DROP TABLE junk; CREATE TYPE junk AS ENUM ('x'); DROP TYPE junk")
    b.exec(KINDS_SQL)
    b.exec("SET TimeZone = 'America/New_York'; SET DateStyle = 'SQL, DMY'; SET extra_float_digits = 0")
    ta, tb = commit_tree(a, "a"), commit_tree(b, "b")
    assert ta == tb
    # and a one-character difference gives another tree
    b.exec("COMMENT ON TABLE app.accounts IS 'customer accountS'")
    tb2 = commit_tree(b, "b2")
    assert tb2 != ta


def test_two_branches_adding_columns_touch_different_paths(db: SqlDb) -> None:
    db.exec("CREATE TABLE public.c (id int)")
    db.exec("SELECT pggit_v0.create_basic_commit('c')")
    db.exec("SELECT pggit_v0.create_branch('one')")
    db.exec("ALTER TABLE public.c ADD COLUMN status text")
    db.exec("SELECT pggit_v0.create_basic_commit('status')")
    db.exec("ALTER TABLE public.c DROP COLUMN status")
    db.exec("SELECT pggit_v0.create_branch('two', from_ref => 'main')")
    db.exec("ALTER TABLE public.c ADD COLUMN account_type text")
    db.exec("SELECT pggit_v0.create_basic_commit('account_type')")
    one = {r["path"] for r in db.rows("SELECT * FROM pggit_v0.diff_branches('main', 'one')")}
    two = {r["path"] for r in db.rows("SELECT * FROM pggit_v0.diff_branches('main', 'two')")}
    assert one == {"public/table/c/column/status"} and two == {"public/table/c/column/account_type"}


def test_column_reorder_is_one_change(db: SqlDb) -> None:
    db.exec("CREATE TABLE public.r (a int, b text, c date)")
    db.exec("SELECT pggit_v0.create_basic_commit('r')")
    db.exec("DROP TABLE public.r; CREATE TABLE public.r (c date, a int, b text)")
    rows = db.rows("SELECT * FROM pggit_v0.status()")
    assert [(r["path"], r["change_type"]) for r in rows] == [("public/table/r/columns", "MODIFIED")]
    assert rows[0]["old_definition"] == "a\nb\nc" and rows[0]["new_definition"] == "c\na\nb"


def _rows_written_for_one_table_change(d: SqlDb, tables: int) -> int:
    d.exec("".join(f"CREATE TABLE public.t{i} (id int PRIMARY KEY, v text, w int);" for i in range(tables)))
    d.exec("SELECT pggit_v0.create_basic_commit('many')")
    d.exec("ALTER TABLE public.t7 ADD COLUMN extra int")
    sha = d.val("SELECT pggit_v0.create_basic_commit('one more column')")
    return d.val("SELECT rows_written FROM pggit_v0.commit_graph WHERE commit_sha = %s", [sha])


def test_merkle_commit_cost_does_not_grow_with_schema_size(make_empty_db) -> None:
    small, large = make_empty_db(), make_empty_db()
    install(small)
    install(large)
    n_small = _rows_written_for_one_table_change(small, 20)
    n_large = _rows_written_for_one_table_change(large, 400)
    # object tree + 2 bucket trees + schema tree + root, their entries, the changed blobs, the commit
    assert n_small <= 60 and n_large <= 80, (n_small, n_large)


def _tree_entry_reads(d: SqlDb, query: str) -> int:
    """Rows of tree_entries read (index and sequential) while running query, in one transaction."""
    stat = ("SELECT coalesce(idx_tup_fetch, 0) + coalesce(seq_tup_read, 0) FROM pg_stat_xact_user_tables "
            "WHERE relid = 'pggit_v0.tree_entries'::regclass")
    with d.conn.transaction():
        before = d.val(stat)
        d.rows(query)
        return d.val(stat) - before


def test_diff_descends_only_into_changed_subtrees(make_empty_db) -> None:
    d = make_empty_db()
    install(d)
    d.exec("".join(f"CREATE TABLE public.t{i} (id int);" for i in range(300)))
    d.exec("SELECT pggit_v0.create_basic_commit('a')")
    d.exec("ALTER TABLE public.t1 ADD COLUMN x int")
    d.exec("SELECT pggit_v0.create_basic_commit('b')")
    trees = ("pggit_v0._commit_tree(pggit_v0._resolve_ref('HEAD~1')), "
             "pggit_v0._commit_tree(pggit_v0._resolve_ref('HEAD'))")
    diff_reads = _tree_entry_reads(d, f"SELECT * FROM pggit_v0._diff_trees({trees})")
    full_reads = _tree_entry_reads(d, "SELECT * FROM pggit_v0._tree_blobs("
                                      "pggit_v0._commit_tree(pggit_v0._resolve_ref('HEAD')))")
    # both sides of root, schema, two bucket levels and the changed object: a few dozen
    # entries, against the ~1,200 a full walk of the 300-table tree reads
    assert diff_reads <= 120, (diff_reads, full_reads)   # 69 when written
    assert full_reads > 900, (diff_reads, full_reads)
    assert [r["path"] for r in d.rows("SELECT * FROM pggit_v0.diff_commits('HEAD~1', 'HEAD')")] == [
        "public/table/t1/column/x"]


def test_a_commit_warns_about_objects_it_does_not_record(db: SqlDb) -> None:
    """Kinds snapshots do not record are named in a WARNING, never left out silently: shell
    operators (pg_dump leaves them out too) and casts joining only types and functions
    outside tracked schemas.  Extension members are not (the extension is recorded), nor
    are the kinds recorded since (text search objects, operators, statistics objects,
    rules, foreign-data wrappers, casts of tracked types, ...)."""
    db.exec("""CREATE TABLE public.t (a int, b int);
               CREATE TEXT SEARCH CONFIGURATION public.my_cfg (COPY = pg_catalog.english);
               CREATE TEXT SEARCH DICTIONARY public.my_dict (TEMPLATE = pg_catalog.simple);
               CREATE FUNCTION public.add3(int, int) RETURNS int LANGUAGE sql IMMUTABLE AS 'SELECT $1 + $2 + 3';
               CREATE OPERATOR public.=== (LEFTARG = int, RIGHTARG = int, FUNCTION = public.add3,
                                           COMMUTATOR = OPERATOR(public.=#=));
               CREATE STATISTICS public.t_ab ON a, b FROM public.t;
               CREATE RULE t_nothing AS ON DELETE TO public.t DO INSTEAD NOTHING;
               CREATE FOREIGN DATA WRAPPER my_fdw;
               CREATE CAST (bytea AS bit varying) WITHOUT FUNCTION""")
    db.notices.clear()
    db.exec("SELECT pggit_v0.create_basic_commit('with untracked kinds')")
    warnings = [n for n in db.notices if n.startswith("pgGit does not record")]
    assert len(warnings) == 1, db.notices
    for named in ("operator public.=#=(integer,integer)",   # a shell: pg_dump leaves it out too
                  "cast (pg_catalog.bytea AS bit varying)"):
        assert named in warnings[0], (named, warnings[0])
    assert "2 object(s)" in warnings[0]
    recorded = {(r["kind"], r["name"]) for r in db.rows(
        "SELECT DISTINCT kind, name FROM pggit_v0._snapshot('public')")}
    assert {("text_search_configuration", "my_cfg"), ("text_search_dictionary", "my_dict"),
            ("operator", "===(integer,integer)"), ("statistics", "t_ab")} <= recorded
    assert ("foreign_data_wrapper", "my_fdw") in {(r["kind"], r["name"]) for r in db.rows(
        "SELECT DISTINCT kind, name FROM pggit_v0._snapshot('pg_database')")}
    assert db.val("SELECT definition FROM pggit_v0._snapshot('public', 't') WHERE sub_key = 'rule t_nothing'") == \
        "CREATE RULE t_nothing AS\n    ON DELETE TO public.t DO INSTEAD NOTHING;"
    db.exec("DROP RULE t_nothing ON public.t; DROP OPERATOR public.=#= (int, int);"
            "DROP CAST (bytea AS bit varying)")
    db.notices.clear()
    db.exec("SELECT pggit_v0.create_basic_commit('none left')")
    assert not [n for n in db.notices if n.startswith("pgGit does not record")]


def test_extension_members_are_not_reported_as_untracked(db: SqlDb) -> None:
    require_extensions(db, "citext")
    db.exec("CREATE EXTENSION citext")   # brings operators, casts, operator classes
    db.notices.clear()
    db.exec("SELECT pggit_v0.create_basic_commit('citext')")
    assert not [n for n in db.notices if n.startswith("pgGit does not record")], db.notices


def test_partition_indexes_are_recorded_only_when_no_clone_would_be_so(db: SqlDb) -> None:
    """An index PostgreSQL makes on a partition for its parent's is left to the parent; one
    attached under a name of its own, or a partition's key attached to a plain index, is
    the partition's, with its ATTACH PARTITION line."""
    db.exec("""CREATE TABLE parted (id int, k text) PARTITION BY LIST (k);
               CREATE TABLE parted_a PARTITION OF parted FOR VALUES IN ('a');
               CREATE TABLE parted_b PARTITION OF parted (PRIMARY KEY (k, id)) FOR VALUES IN ('b');
               CREATE INDEX parted_a_mine ON parted_a (k);
               CREATE INDEX parted_k ON parted (k);
               CREATE UNIQUE INDEX parted_k_id ON parted (k, id)""")
    db.exec("SELECT pggit_v0.create_basic_commit('parted')")
    p = {k: v for k, v in paths(db).items() if "/index/" in k or "/constraint/" in k}
    assert p == {
        "public/table/parted/index/parted_k": "CREATE INDEX parted_k ON ONLY public.parted USING btree (k);",
        "public/table/parted/index/parted_k_id":
            "CREATE UNIQUE INDEX parted_k_id ON ONLY public.parted USING btree (k, id);",
        "public/table/parted_a/index/parted_a_mine": "CREATE INDEX parted_a_mine ON public.parted_a USING btree (k);\n"
                                                     "ALTER INDEX public.parted_k ATTACH PARTITION public.parted_a_mine;",
        "public/table/parted_b/constraint/parted_b_pkey":
            "ALTER TABLE public.parted_b ADD CONSTRAINT parted_b_pkey PRIMARY KEY (k, id);\n"
            "ALTER INDEX public.parted_k_id ATTACH PARTITION public.parted_b_pkey;",
    }


#: one object of each kind _snapshot_rare_kinds() stands for (the kinds a whole snapshot
#: leaves out of its plan when the database has none of them), made on an empty database
RARE_KINDS = {
    "trigger": "CREATE TABLE public.t (a int); "
               "CREATE FUNCTION public.tf() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN RETURN NEW; END$$; "
               "CREATE TRIGGER tg BEFORE INSERT ON public.t FOR EACH ROW EXECUTE FUNCTION public.tf()",
    "policy": "CREATE TABLE public.t (a int); CREATE POLICY p ON public.t USING (true)",
    "rule": "CREATE TABLE public.t (a int); CREATE RULE r AS ON INSERT TO public.t DO INSTEAD NOTHING",
    "enum": "CREATE TYPE public.e AS ENUM ('a')",
    "composite": "CREATE TYPE public.c AS (a int)",
    "range": "CREATE TYPE public.rg AS RANGE (subtype = int4)",
    "domain": "CREATE DOMAIN public.d AS int",
    "collation": "CREATE COLLATION public.co (provider = libc, locale = 'C')",
    "operator": "CREATE FUNCTION public.f2(int, int) RETURNS bool LANGUAGE sql AS 'SELECT true'; "
                "CREATE OPERATOR public.=== (leftarg = int, rightarg = int, function = public.f2)",
    "text search dictionary": "CREATE TEXT SEARCH DICTIONARY public.dict (TEMPLATE = simple)",
    "text search configuration": "CREATE TEXT SEARCH CONFIGURATION public.cfg (COPY = simple)",
    "statistics": "CREATE TABLE public.t (a int, b int); CREATE STATISTICS public.st ON a, b FROM public.t",
    "operator family": "CREATE OPERATOR FAMILY public.fam USING btree",
    "conversion": "CREATE CONVERSION public.conv FOR 'LATIN1' TO 'UTF8' FROM iso8859_1_to_utf8",
    "foreign data wrapper": "CREATE FOREIGN DATA WRAPPER w",
    "server and user mapping": "CREATE FOREIGN DATA WRAPPER w; CREATE SERVER s FOREIGN DATA WRAPPER w; "
                               "CREATE USER MAPPING FOR PUBLIC SERVER s",
    "event trigger": "CREATE FUNCTION public.et() RETURNS event_trigger LANGUAGE plpgsql AS $$BEGIN END$$; "
                     "CREATE EVENT TRIGGER et ON ddl_command_start EXECUTE FUNCTION public.et()",
    "publication": "CREATE PUBLICATION pub",
    "default privileges": "ALTER DEFAULT PRIVILEGES GRANT SELECT ON TABLES TO PUBLIC",
}
RARE_FUNCTIONS = ("_snap_triggers_policies", "_snap_types", "_snap_collations", "_snap_catalog_objects",
                  "_snap_more_objects")


def test_whole_snapshots_leave_out_only_kinds_the_database_has_none_of(db: SqlDb) -> None:
    """A whole snapshot plans and reads the kinds of _snapshot_rare_kinds() only when
    that test says the database may hold one: it must say so whenever their snapshot
    functions give a row (each kind alone on an empty database), and not for the layer's
    own triggers and event triggers."""
    def rare_rows() -> int:
        return sum(db.val(f"SELECT count(*) FROM pggit_v0.{f}(NULL, NULL, true)") for f in RARE_FUNCTIONS)

    db.exec("SET search_path = pg_catalog, pggit_v0, pg_temp")   # (the _snap_* functions' callers pin it)
    try:
        assert (rare_rows(), db.val("SELECT pggit_v0._snapshot_rare_kinds()")) == (0, False)
        for kind, ddl in RARE_KINDS.items():
            db.exec("BEGIN")
            try:
                db.exec(ddl)
                n = rare_rows()
                assert n > 0 and db.val("SELECT pggit_v0._snapshot_rare_kinds()"), (kind, n)
                # and the whole snapshot holds them
                whole = db.val("SELECT count(*) FROM pggit_v0._snapshot()")
                common = db.val("SELECT count(*) FROM pggit_v0._snapshot_q(NULL, NULL, true, false)")
                assert whole > common, kind
            finally:
                db.exec("ROLLBACK")
    finally:
        db.exec("RESET search_path")


def recorded_as_by_a_plain_session(db: SqlDb, sha: str) -> None:
    """Commit ``sha`` (made with odd session settings, now reset) is what a plain session
    sees and records: status() is clean and a full snapshot commits the same tree."""
    assert db.rows("SELECT change_type, path FROM pggit_v0.status()") == []
    db.exec("SET pggit.full_snapshot = on")
    again = db.val("SELECT pggit_v0.create_basic_commit('plain session')")
    assert db.rows("SELECT path FROM pggit_v0.diff_commits(%s, %s)", [sha, again]) == []


def test_a_sessions_quoting_and_bytea_output_do_not_change_what_is_recorded(db: SqlDb) -> None:
    """S8: the snapshot pinned DateStyle and IntervalStyle, not quote_all_identifiers
    (every pg_get_*def, format('%I') and regclass text) nor bytea_output (bytea constants
    in defaults): a session that set them committed text no other session produces, and
    every other session's status() then showed those objects modified."""
    db.exec("SET quote_all_identifiers = on")
    db.exec("SET bytea_output = 'escape'")
    db.exec("CREATE TABLE public.extra (id int PRIMARY KEY, b bytea DEFAULT '\\x00ff'::bytea)")
    db.exec("CREATE VIEW public.v AS SELECT id, b FROM public.extra")
    sha = db.val("SELECT pggit_v0.create_basic_commit('quoted session')")
    db.exec("RESET quote_all_identifiers")
    db.exec("RESET bytea_output")
    recorded_as_by_a_plain_session(db, sha)
    content = " ".join(r["content"] for r in db.rows(
        "SELECT o.content FROM pggit_v0.objects o WHERE o.content LIKE '%%extra%%'"))
    assert '"public"' not in content and "\\\\000" not in content, content


def test_a_session_without_standard_conforming_strings_commits_as_any_other(db: SqlDb) -> None:
    """R2 of the review: with standard_conforming_strings off (old ODBC/JDBC settings)
    the layer's literals were compiled with backslash escapes (create_basic_commit failed
    with a syntax error in _ref_name_problem) and defaults deparsed with doubled
    backslashes.  The API runs with it on."""
    db.exec("SET standard_conforming_strings = off")
    db.exec("CREATE TABLE public.esc (id int, p text DEFAULT E'a\\\\b')")
    sha = db.val("SELECT pggit_v0.create_basic_commit('scs off')")
    db.exec("SELECT pggit_v0.create_branch('scs-off-branch', checkout => false)")
    db.exec("RESET standard_conforming_strings")
    recorded_as_by_a_plain_session(db, sha)
