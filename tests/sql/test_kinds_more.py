"""The object kinds recorded last: operator families and classes, casts, conversions, text
search parsers and templates, foreign-data wrappers, servers, user mappings, foreign
tables, event triggers, publications, subscriptions, default privileges and security
labels.

Each kind is created in a fresh database with the layer and committed (its path and
definition checked), then migrated with real psql ``-v ON_ERROR_STOP=1``: from the empty
baseline to it, through a change, and back to empty, judged by ``pg_dump --schema-only``
as sets of statements (as test_real_schemas.py judges whole schemas).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Dict, List, Optional

import pytest

from conftest import SqlDb, install, require_extensions
from test_real_schemas import dump, pg_dump_binary

#: drops every subscription of a database without touching a publisher (a database
#: holding one cannot be dropped)
DROP_SUBSCRIPTIONS = """
DO $$
DECLARE s text;
BEGIN
    FOR s IN SELECT subname FROM pg_subscription
             WHERE subdbid = (SELECT oid FROM pg_database WHERE datname = current_database()) LOOP
        EXECUTE format('ALTER SUBSCRIPTION %I DISABLE', s);
        EXECUTE format('ALTER SUBSCRIPTION %I SET (slot_name = NONE)', s);
        EXECUTE format('DROP SUBSCRIPTION %I', s);
    END LOOP;
END $$;
"""


@dataclass
class Case:
    sql: str                                   #: the schema to record
    paths: Dict[str, Optional[str]]           #: path -> definition (None: only present)
    change: str                                #: SQL changing it
    in_script: List[str] = field(default_factory=list)       #: the change's script holds these
    not_in_script: List[str] = field(default_factory=list)   #: ... and not these
    extensions: List[str] = field(default_factory=list)


CASES: Dict[str, Case] = {
    # Immich's smart_search.embedding SET STORAGE EXTERNAL: pg_dump writes it, the layer
    # left it out (tester A's walks: every step after it differed by pg_dump)
    "column_storage_and_compression": Case(
        sql="""
CREATE SCHEMA app;
CREATE TABLE app.t (id int, e text, "Big" bytea);
ALTER TABLE app.t ALTER COLUMN e SET STORAGE EXTERNAL;
ALTER TABLE app.t ALTER COLUMN "Big" SET COMPRESSION pglz, ALTER COLUMN "Big" SET STORAGE MAIN;
""",
        paths={"app/table/t/column_settings/e": "ALTER TABLE ONLY app.t ALTER COLUMN e SET STORAGE EXTERNAL;",
               "app/table/t/column_settings/Big": 'ALTER TABLE ONLY app.t ALTER COLUMN "Big" SET STORAGE MAIN;\n'
                                                  'ALTER TABLE ONLY app.t ALTER COLUMN "Big" SET COMPRESSION pglz;'},
        change='ALTER TABLE app.t ALTER COLUMN e SET STORAGE EXTENDED, ALTER COLUMN "Big" SET COMPRESSION DEFAULT',
        in_script=['ALTER TABLE ONLY app.t ALTER COLUMN "Big" SET COMPRESSION DEFAULT;']),
    "operator_family_and_class": Case(
        sql="""
CREATE SCHEMA app;
CREATE FUNCTION app.cmp(integer, integer) RETURNS integer LANGUAGE sql IMMUTABLE AS 'SELECT btint4cmp($1, $2)';
CREATE FUNCTION app.lt(integer, integer) RETURNS boolean LANGUAGE sql IMMUTABLE AS 'SELECT $1 < $2';
CREATE FUNCTION app.le(integer, integer) RETURNS boolean LANGUAGE sql IMMUTABLE AS 'SELECT $1 <= $2';
CREATE OPERATOR app.<< (LEFTARG = integer, RIGHTARG = integer, FUNCTION = app.lt);
CREATE OPERATOR app.<<= (LEFTARG = integer, RIGHTARG = integer, FUNCTION = app.le);
CREATE OPERATOR FAMILY app.fam USING btree;
ALTER OPERATOR FAMILY app.fam USING btree ADD OPERATOR 1 app.<< (integer, integer),
    FUNCTION 1 (integer, integer) app.cmp(integer, integer);
CREATE OPERATOR CLASS app.cls FOR TYPE integer USING btree AS
    OPERATOR 1 app.<<, FUNCTION 1 app.cmp(integer, integer);
COMMENT ON OPERATOR FAMILY app.fam USING btree IS 'loose members';
COMMENT ON OPERATOR CLASS app.cls USING btree IS 'a class';
CREATE TABLE app.t (x integer);
CREATE INDEX t_x_cls ON app.t (x app.cls);
""",
        paths={
            "app/operator_family/fam USING btree":
                "CREATE OPERATOR FAMILY app.fam USING btree;\n"
                "ALTER OPERATOR FAMILY app.fam USING btree ADD OPERATOR 1 app.<<(integer,integer);\n"
                "ALTER OPERATOR FAMILY app.fam USING btree ADD FUNCTION 1 (integer, integer) app.cmp(integer,integer);",
            "app/operator_family/fam USING btree/comment":
                "COMMENT ON OPERATOR FAMILY app.fam USING btree IS 'loose members';",
            # the family a class made for itself is recorded, and the class names it
            "app/operator_family/cls USING btree": "CREATE OPERATOR FAMILY app.cls USING btree;",
            "app/operator_class/cls USING btree":
                "CREATE OPERATOR CLASS app.cls FOR TYPE integer USING btree FAMILY app.cls AS\n"
                "    OPERATOR 1 app.<<(integer,integer),\n"
                "    FUNCTION 1 (integer, integer) app.cmp(integer,integer);",
        },
        # an operator added to the family, another dropped: altered in place
        change="ALTER OPERATOR FAMILY app.fam USING btree ADD OPERATOR 2 app.<<= (integer, integer);"
               "ALTER OPERATOR FAMILY app.fam USING btree DROP FUNCTION 1 (integer, integer);",
        in_script=["ALTER OPERATOR FAMILY app.fam USING btree ADD OPERATOR 2 app.<<=(integer,integer);",
                   "ALTER OPERATOR FAMILY app.fam USING btree DROP FUNCTION 1 (integer, integer);"],
        not_in_script=["DROP OPERATOR FAMILY", "DROP OPERATOR CLASS"]),
    "cast": Case(
        sql="""
CREATE SCHEMA app;
CREATE TYPE app.mood AS ENUM ('sad', 'happy');
CREATE FUNCTION app.mood_int(app.mood) RETURNS integer LANGUAGE sql IMMUTABLE
    AS $$ SELECT CASE $1 WHEN 'sad' THEN 0 ELSE 1 END $$;
CREATE CAST (app.mood AS integer) WITH FUNCTION app.mood_int(app.mood) AS ASSIGNMENT;
CREATE CAST (app.mood AS text) WITH INOUT;
COMMENT ON CAST (app.mood AS integer) IS 'moods count';
""",
        paths={
            "pg_database/cast/(app.mood AS integer)":
                "CREATE CAST (app.mood AS integer) WITH FUNCTION app.mood_int(app.mood) AS ASSIGNMENT;",
            "pg_database/cast/(app.mood AS integer)/comment": "COMMENT ON CAST (app.mood AS integer) IS 'moods count';",
            "pg_database/cast/(app.mood AS text)": "CREATE CAST (app.mood AS text) WITH INOUT;",
        },
        change="DROP CAST (app.mood AS integer);"
               "CREATE CAST (app.mood AS integer) WITH FUNCTION app.mood_int(app.mood) AS IMPLICIT;",
        in_script=["DROP CAST IF EXISTS (app.mood AS integer);",
                   "CREATE CAST (app.mood AS integer) WITH FUNCTION app.mood_int(app.mood) AS IMPLICIT;"]),
    "conversion_and_text_search_parser_template": Case(
        sql="""
CREATE SCHEMA app;
CREATE CONVERSION app.latin1_utf8 FOR 'LATIN1' TO 'UTF8' FROM iso8859_1_to_utf8;
COMMENT ON CONVERSION app.latin1_utf8 IS 'conv';
CREATE TEXT SEARCH PARSER app.prs (START = prsd_start, GETTOKEN = prsd_nexttoken, END = prsd_end,
                                   LEXTYPES = prsd_lextype, HEADLINE = prsd_headline);
CREATE TEXT SEARCH TEMPLATE app.tmpl (INIT = dsimple_init, LEXIZE = dsimple_lexize);
COMMENT ON TEXT SEARCH TEMPLATE app.tmpl IS 'simple again';
CREATE TEXT SEARCH DICTIONARY app.dict (TEMPLATE = app.tmpl, STOPWORDS = english);
CREATE TEXT SEARCH CONFIGURATION app.cfg (PARSER = app.prs);
ALTER TEXT SEARCH CONFIGURATION app.cfg ADD MAPPING FOR word WITH app.dict;
CREATE TABLE app.docs (body text);
CREATE INDEX docs_fts ON app.docs USING gin (to_tsvector('app.cfg'::regconfig, body));
""",
        paths={
            "app/conversion/latin1_utf8":
                "CREATE CONVERSION app.latin1_utf8 FOR 'LATIN1' TO 'UTF8' FROM pg_catalog.iso8859_1_to_utf8;",
            "app/conversion/latin1_utf8/comment": "COMMENT ON CONVERSION app.latin1_utf8 IS 'conv';",
            "app/text_search_parser/prs":
                "CREATE TEXT SEARCH PARSER app.prs (START = pg_catalog.prsd_start, GETTOKEN = pg_catalog.prsd_nexttoken, "
                "END = pg_catalog.prsd_end, LEXTYPES = pg_catalog.prsd_lextype, HEADLINE = pg_catalog.prsd_headline);",
            "app/text_search_template/tmpl":
                "CREATE TEXT SEARCH TEMPLATE app.tmpl (INIT = pg_catalog.dsimple_init, LEXIZE = pg_catalog.dsimple_lexize);",
            "app/text_search_template/tmpl/comment": "COMMENT ON TEXT SEARCH TEMPLATE app.tmpl IS 'simple again';",
        },
        change="DROP CONVERSION app.latin1_utf8;"
               "CREATE DEFAULT CONVERSION app.latin1_utf8 FOR 'LATIN1' TO 'UTF8' FROM iso8859_1_to_utf8;"
               "COMMENT ON TEXT SEARCH PARSER app.prs IS 'default parser again';",
        in_script=["DROP CONVERSION IF EXISTS app.latin1_utf8;",
                   "COMMENT ON TEXT SEARCH PARSER app.prs IS 'default parser again';"],
        not_in_script=["DROP TEXT SEARCH"]),
    "foreign_data": Case(
        sql="""
CREATE SCHEMA app;
CREATE FOREIGN DATA WRAPPER w OPTIONS (debug 'true');
COMMENT ON FOREIGN DATA WRAPPER w IS 'a wrapper';
CREATE SERVER s TYPE 'files' VERSION '1' FOREIGN DATA WRAPPER w OPTIONS (host 'h1', port '1');
GRANT USAGE ON FOREIGN SERVER s TO PUBLIC;
CREATE USER MAPPING FOR PUBLIC SERVER s OPTIONS (remote_user 'bob');
CREATE USER MAPPING FOR CURRENT_USER SERVER s;
CREATE TABLE app.parent (a integer NOT NULL, b text) PARTITION BY LIST (a);
CREATE FOREIGN TABLE app.part1 PARTITION OF app.parent FOR VALUES IN (1) SERVER s OPTIONS (file 'p1');
CREATE FOREIGN TABLE app.ft (
    a integer OPTIONS (column_name 'x') NOT NULL,
    b text COLLATE "C" DEFAULT 'z',
    CONSTRAINT ft_a CHECK (a > 0)
) SERVER s OPTIONS (file 'remote');
COMMENT ON FOREIGN TABLE app.ft IS 'remote rows';
COMMENT ON COLUMN app.ft.a IS 'the key';
GRANT SELECT ON app.ft TO PUBLIC;
CREATE FUNCTION app.ft_guard() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
CREATE TRIGGER ft_guard BEFORE INSERT ON app.ft FOR EACH ROW EXECUTE FUNCTION app.ft_guard();
ALTER FOREIGN TABLE app.ft DISABLE TRIGGER ft_guard;
CREATE VIEW app.v AS SELECT a, b FROM app.ft;
""",
        paths={
            "pg_database/foreign_data_wrapper/w": "CREATE FOREIGN DATA WRAPPER w OPTIONS (debug 'true');",
            "pg_database/foreign_data_wrapper/w/comment": "COMMENT ON FOREIGN DATA WRAPPER w IS 'a wrapper';",
            "pg_database/server/s":
                "CREATE SERVER s TYPE 'files' VERSION '1' FOREIGN DATA WRAPPER w OPTIONS (host 'h1', port '1');",
            "pg_database/server/s/grants": "GRANT USAGE ON FOREIGN SERVER s TO PUBLIC;",
            "pg_database/user_mapping/PUBLIC@s": "CREATE USER MAPPING FOR PUBLIC SERVER s OPTIONS (remote_user 'bob');",
            "app/foreign_table/part1":
                "CREATE FOREIGN TABLE app.part1 PARTITION OF app.parent FOR VALUES IN (1) SERVER s OPTIONS (file 'p1');",
            "app/foreign_table/ft":
                "CREATE FOREIGN TABLE app.ft (\n"
                "    a integer OPTIONS (column_name 'x') NOT NULL,\n"
                "    b text COLLATE \"C\" DEFAULT 'z'::text,\n"
                "    CONSTRAINT ft_a CHECK ((a > 0))\n"
                ") SERVER s OPTIONS (file 'remote');\n"
                "CREATE TRIGGER ft_guard BEFORE INSERT ON app.ft FOR EACH ROW EXECUTE FUNCTION app.ft_guard();\n"
                "ALTER FOREIGN TABLE app.ft DISABLE TRIGGER ft_guard;\n"
                "COMMENT ON COLUMN app.ft.a IS 'the key';",
            "app/foreign_table/ft/comment": "COMMENT ON FOREIGN TABLE app.ft IS 'remote rows';",
            "app/foreign_table/ft/grants": "GRANT SELECT ON TABLE app.ft TO PUBLIC;",
        },
        # server options and version and a user mapping's options change in place; a
        # column added to a foreign table drops and creates it, with the view on it
        change="ALTER SERVER s VERSION '2' OPTIONS (SET host 'h2', DROP port, ADD dbname 'd');"
               "ALTER USER MAPPING FOR PUBLIC SERVER s OPTIONS (SET remote_user 'carol');"
               "ALTER FOREIGN DATA WRAPPER w OPTIONS (DROP debug);"
               "ALTER FOREIGN TABLE app.ft ADD COLUMN c date;",
        in_script=["ALTER SERVER s VERSION '2' OPTIONS (DROP port, SET host 'h2', ADD dbname 'd');",
                   "ALTER USER MAPPING FOR PUBLIC SERVER s OPTIONS (SET remote_user 'carol');",
                   "ALTER FOREIGN DATA WRAPPER w OPTIONS (DROP debug);",
                   "DROP FOREIGN TABLE IF EXISTS app.ft;", "DROP VIEW IF EXISTS app.v;"],
        not_in_script=["DROP SERVER", "DROP USER MAPPING", "DROP FOREIGN DATA WRAPPER"]),
    # a server changing its wrapper (or type) is dropped and created again: its user
    # mappings and foreign tables (and the views reading them) go and come back with it
    "server_changes_wrapper": Case(
        sql="""
CREATE SCHEMA app;
CREATE FOREIGN DATA WRAPPER w;
CREATE FOREIGN DATA WRAPPER w2;
CREATE SERVER "my srv" TYPE 'files' FOREIGN DATA WRAPPER w OPTIONS (host 'h1');
CREATE SERVER other FOREIGN DATA WRAPPER w;
CREATE USER MAPPING FOR PUBLIC SERVER "my srv" OPTIONS (remote_user 'bob');
CREATE USER MAPPING FOR PUBLIC SERVER other;
CREATE FOREIGN TABLE app.ft (a integer) SERVER "my srv" OPTIONS (file 'remote');
CREATE FOREIGN TABLE app.stays (a integer) SERVER other;
CREATE VIEW app.v AS SELECT a FROM app.ft;
""",
        paths={"pg_database/server/my srv":
               "CREATE SERVER \"my srv\" TYPE 'files' FOREIGN DATA WRAPPER w OPTIONS (host 'h1');"},
        change='DROP SERVER "my srv" CASCADE;'
               "CREATE SERVER \"my srv\" TYPE 'web' FOREIGN DATA WRAPPER w2 OPTIONS (host 'h1');"
               'CREATE USER MAPPING FOR PUBLIC SERVER "my srv" OPTIONS (remote_user \'bob\');'
               'CREATE FOREIGN TABLE app.ft (a integer) SERVER "my srv" OPTIONS (file \'remote\');'
               "CREATE VIEW app.v AS SELECT a FROM app.ft;",
        in_script=['DROP USER MAPPING IF EXISTS FOR PUBLIC SERVER "my srv";', 'DROP SERVER IF EXISTS "my srv";',
                   "DROP FOREIGN TABLE IF EXISTS app.ft;", "DROP VIEW IF EXISTS app.v;",
                   "CREATE SERVER \"my srv\" TYPE 'web' FOREIGN DATA WRAPPER w2 OPTIONS (host 'h1');"],
        not_in_script=["app.stays", "SERVER other"]),
    "event_trigger": Case(
        sql="""
CREATE SCHEMA app;
CREATE FUNCTION app.on_ddl() RETURNS event_trigger LANGUAGE plpgsql AS $$ BEGIN END $$;
CREATE EVENT TRIGGER app_ddl ON ddl_command_end WHEN TAG IN ('CREATE TABLE', 'ALTER TABLE')
    EXECUTE FUNCTION app.on_ddl();
ALTER EVENT TRIGGER app_ddl DISABLE;
COMMENT ON EVENT TRIGGER app_ddl IS 'watches tables';
CREATE TABLE app.t (a int);
""",
        paths={
            "pg_database/event_trigger/app_ddl":
                "CREATE EVENT TRIGGER app_ddl ON ddl_command_end WHEN TAG IN ('CREATE TABLE', 'ALTER TABLE') "
                "EXECUTE FUNCTION app.on_ddl();\nALTER EVENT TRIGGER app_ddl DISABLE;",
            "pg_database/event_trigger/app_ddl/comment": "COMMENT ON EVENT TRIGGER app_ddl IS 'watches tables';",
        },
        change="ALTER EVENT TRIGGER app_ddl ENABLE ALWAYS;",
        in_script=["DROP EVENT TRIGGER IF EXISTS app_ddl;", "ALTER EVENT TRIGGER app_ddl ENABLE ALWAYS;"]),
    "publications": Case(
        sql="""
CREATE SCHEMA app;
CREATE SCHEMA other;
CREATE TABLE app.t (id int PRIMARY KEY, x text, secret text);
CREATE TABLE app.u (id int PRIMARY KEY);
CREATE TABLE other.w (id int PRIMARY KEY);
CREATE PUBLICATION pub_rows FOR TABLE app.t (id, x) WHERE (id > 0) WITH (publish = 'insert, update');
COMMENT ON PUBLICATION pub_rows IS 'some rows';
CREATE PUBLICATION pub_all FOR ALL TABLES WITH (publish_via_partition_root = true);
CREATE PUBLICATION pub_schema FOR TABLES IN SCHEMA other;
""",
        paths={
            "pg_database/publication/pub_rows":
                "CREATE PUBLICATION pub_rows WITH (publish = 'insert, update');\n"
                "ALTER PUBLICATION pub_rows ADD TABLE ONLY app.t (id, x) WHERE ((id > 0));",
            "pg_database/publication/pub_rows/comment": "COMMENT ON PUBLICATION pub_rows IS 'some rows';",
            "pg_database/publication/pub_all":
                "CREATE PUBLICATION pub_all FOR ALL TABLES WITH (publish = 'insert, update, delete, truncate', "
                "publish_via_partition_root = true);",
            "pg_database/publication/pub_schema":
                "CREATE PUBLICATION pub_schema WITH (publish = 'insert, update, delete, truncate');\n"
                "ALTER PUBLICATION pub_schema ADD TABLES IN SCHEMA other;",
        },
        change="ALTER PUBLICATION pub_rows ADD TABLE app.u;",
        in_script=["DROP PUBLICATION IF EXISTS pub_rows;", "ALTER PUBLICATION pub_rows ADD TABLE ONLY app.u;"],
        not_in_script=["DROP TABLE"]),
    "subscription": Case(
        sql="""
CREATE SUBSCRIPTION sub CONNECTION 'host=publisher.invalid dbname=app user=replicator'
    PUBLICATION pub_b, pub_a WITH (connect = false, binary = true);
COMMENT ON SUBSCRIPTION sub IS 'from the publisher';
""",
        paths={
            "pg_database/subscription/sub": None,
            "pg_database/subscription/sub/comment": "COMMENT ON SUBSCRIPTION sub IS 'from the publisher';",
        },
        change="ALTER SUBSCRIPTION sub SET PUBLICATION pub_a WITH (refresh = false);",
        in_script=["ALTER SUBSCRIPTION sub SET (slot_name = NONE);",
                   "CREATE SUBSCRIPTION sub CONNECTION 'host=publisher.invalid dbname=app user=replicator' "
                   "PUBLICATION pub_a WITH (connect = false, slot_name = 'sub', binary = true"]),
    "default_privileges": Case(
        sql="""
CREATE SCHEMA app;
ALTER DEFAULT PRIVILEGES IN SCHEMA app GRANT SELECT ON TABLES TO PUBLIC;
ALTER DEFAULT PRIVILEGES IN SCHEMA app GRANT USAGE ON SEQUENCES TO PUBLIC;
ALTER DEFAULT PRIVILEGES REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC;
CREATE TABLE app.made_before (a int);
""",
        paths={
            "app/default_privileges/{me} tables":
                "ALTER DEFAULT PRIVILEGES FOR ROLE {me} IN SCHEMA app GRANT SELECT ON TABLES TO PUBLIC;",
            "app/default_privileges/{me} sequences":
                "ALTER DEFAULT PRIVILEGES FOR ROLE {me} IN SCHEMA app GRANT USAGE ON SEQUENCES TO PUBLIC;",
            "pg_database/default_privileges/{me} functions":
                "ALTER DEFAULT PRIVILEGES FOR ROLE {me} REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC;",
        },
        change="ALTER DEFAULT PRIVILEGES IN SCHEMA app GRANT INSERT ON TABLES TO PUBLIC;"
               "ALTER DEFAULT PRIVILEGES GRANT EXECUTE ON FUNCTIONS TO PUBLIC;",
        in_script=["ALTER DEFAULT PRIVILEGES FOR ROLE {me} IN SCHEMA app REVOKE SELECT ON TABLES FROM PUBLIC;",
                   "ALTER DEFAULT PRIVILEGES FOR ROLE {me} IN SCHEMA app GRANT INSERT, SELECT ON TABLES TO PUBLIC;",
                   "ALTER DEFAULT PRIVILEGES FOR ROLE {me} GRANT EXECUTE ON FUNCTIONS TO PUBLIC;"]),
    "file_fdw": Case(
        extensions=["file_fdw"],
        sql="""
CREATE SCHEMA app;
CREATE EXTENSION file_fdw WITH SCHEMA app;
CREATE SERVER files FOREIGN DATA WRAPPER file_fdw;
CREATE FOREIGN TABLE app.passwd (line text) SERVER files OPTIONS (filename '/etc/passwd', format 'text');
""",
        paths={
            "pg_database/server/files": "CREATE SERVER files FOREIGN DATA WRAPPER file_fdw;",
            "app/foreign_table/passwd":
                "CREATE FOREIGN TABLE app.passwd (\n    line text\n) SERVER files OPTIONS (filename '/etc/passwd', format 'text');",
        },
        change="ALTER FOREIGN TABLE app.passwd OPTIONS (SET filename '/etc/group');",
        in_script=["DROP FOREIGN TABLE IF EXISTS app.passwd;"]),
}


TREE = "SELECT tree_sha FROM pggit_v0.commit_graph WHERE commit_sha = pggit_v0.get_head_sha()"


def tree_paths(d: SqlDb, ref: str = "HEAD") -> Dict[str, str]:
    return {r["path"]: r["new_definition"] for r in d.rows(
        "SELECT path, new_definition FROM pggit_v0.diff_commits('root', %s)", [ref])}


def run(d: SqlDb, script: str) -> None:
    proc = d.psql(sql=script, check=False)
    assert proc.returncode == 0, f"migration failed:\n{script}\n{proc.stderr}"


@pytest.mark.parametrize("name", sorted(CASES))
def test_kind_is_recorded_and_migrates_both_ways(name: str, make_empty_db: Any, pggit_server: Any,
                                                 pytestconfig: pytest.Config) -> None:
    case = CASES[name]
    pg_dump = pg_dump_binary(pytestconfig, pggit_server)
    src, dst = make_empty_db(), make_empty_db()
    if case.extensions:
        require_extensions(src, *case.extensions)
    try:
        install(src)
        install(dst)
        me = src.val("SELECT quote_ident(current_user)")
        empty = dump(pg_dump, dst)
        src.exec(case.sql)
        src.notices.clear()
        b = src.val("SELECT pggit_v0.create_basic_commit('B')")
        assert not [n for n in src.notices if n.startswith("pgGit does not record")], src.notices
        got = tree_paths(src)
        for path, definition in case.paths.items():
            path = path.format(me=me)
            assert path in got, (path, sorted(got))
            if definition is not None:
                assert got[path] == definition.format(me=me)

        # from the empty baseline to it, with real psql
        run(dst, src.val("SELECT pggit_v0.generate_migration('root', %s)", [b]))
        assert dump(pg_dump, dst) == dump(pg_dump, src)
        # and the migrated database commits to the same tree (keys and definitions hold no OIDs)
        dst.exec("SELECT pggit_v0.create_basic_commit('migrated')")
        assert dst.val(TREE) == src.val(TREE)

        # a change, in place or by drop and create
        src.exec(case.change)
        c = src.val("SELECT pggit_v0.create_basic_commit('C')")
        script = src.val("SELECT pggit_v0.generate_migration(%s, %s)", [b, c])
        for s in case.in_script:
            assert s.format(me=me) in script, (s, script)
        for s in case.not_in_script:
            assert s not in script, (s, script)
        run(dst, script)
        assert dump(pg_dump, dst) == dump(pg_dump, src)

        # and back to the empty baseline
        run(dst, src.val("SELECT pggit_v0.generate_migration(%s, 'root')", [c]))
        assert dump(pg_dump, dst) == empty
    finally:
        for d in (src, dst):
            try:
                d.exec(DROP_SUBSCRIPTIONS)
            except Exception:   # (a database the test never got to install into)
                pass


def test_the_snapshot_commits_each_new_kind_with_the_same_sha_in_two_databases(make_empty_db: Any) -> None:
    """Keys hold no OIDs: the same objects built in two databases give the same tree."""
    trees = []
    for _ in range(2):
        d = make_empty_db()
        install(d)
        d.exec(CASES["operator_family_and_class"].sql + CASES["foreign_data"].sql.replace("CREATE SCHEMA app;", "")
               + CASES["cast"].sql.replace("CREATE SCHEMA app;", ""))
        d.exec("SELECT pggit_v0.create_basic_commit('same')")
        trees.append(d.val(TREE))
    assert trees[0] == trees[1]


def test_secrets_of_servers_user_mappings_and_subscriptions_are_never_stored(db: SqlDb) -> None:
    db.exec("""CREATE FOREIGN DATA WRAPPER w;
               CREATE SERVER s FOREIGN DATA WRAPPER w OPTIONS (host 'h', password 'server-sekrit');
               CREATE USER MAPPING FOR PUBLIC SERVER s OPTIONS (user 'bob', password 'hunter2', api_token 'tok-1');
               CREATE SUBSCRIPTION sub CONNECTION 'host=nowhere user=u password=sub-pw dbname=x'
                   PUBLICATION p WITH (connect = false)""")
    try:
        db.exec("SELECT pggit_v0.create_basic_commit('secrets')")
        stored = db.val("SELECT count(*) FROM pggit_v0.objects WHERE content ~ '(server-sekrit|hunter2|tok-1|sub-pw)'")
        assert stored == 0
        got = tree_paths(db)
        assert got["pg_database/user_mapping/PUBLIC@s"] == (
            "CREATE USER MAPPING FOR PUBLIC SERVER s OPTIONS (\"user\" 'bob');\n"
            "-- pgGit left out secret option(s) (not versioned, set them by hand): api_token, password")
        assert got["pg_database/server/s"].startswith("CREATE SERVER s FOREIGN DATA WRAPPER w OPTIONS (host 'h');\n-- ")
        assert got["pg_database/subscription/sub"] == (
            "CREATE SUBSCRIPTION sub CONNECTION 'host=nowhere user=u dbname=x' PUBLICATION p "
            f"WITH (connect = false, slot_name = 'sub', "
            f"streaming = {db.val('SELECT CASE WHEN current_setting(%s)::int >= 180000 THEN %s ELSE %s END', ['server_version_num', 'parallel', 'off'])});\n"
            "-- pgGit left out secret option(s) (not versioned, set them by hand): password")
        # the migration says so in the script it writes, and runs
        script = db.val("SELECT pggit_v0.generate_migration('root', 'HEAD')")
        assert "-- pgGit left out secret option(s)" in script
        assert db.val("SELECT password FROM pggit_v0._conninfo_without_secrets("
                      "'postgresql://u:pw@h:5/db?sslpassword=x&sslmode=require') AS x(password, removed)") \
            == "postgresql://u@h:5/db?sslmode=require"
    finally:
        db.exec(DROP_SUBSCRIPTIONS)


def test_the_layers_own_event_triggers_are_not_recorded(db: SqlDb) -> None:
    assert db.val("SELECT count(*) FROM pg_event_trigger WHERE evtname LIKE 'pggit%%'") > 0
    assert db.rows("SELECT * FROM pggit_v0._snapshot() WHERE kind = 'event_trigger'") == []


def test_extension_members_of_the_new_kinds_are_left_out(db: SqlDb) -> None:
    require_extensions(db, "citext", "file_fdw")
    db.exec("CREATE EXTENSION citext; CREATE EXTENSION file_fdw")   # casts, operator classes, a wrapper
    kinds = {r["kind"] for r in db.rows("SELECT DISTINCT kind FROM pggit_v0._snapshot()")}
    assert not kinds & {"cast", "operator_class", "operator_family", "foreign_data_wrapper"}, kinds


def test_security_labels_are_recorded_and_migrated_by_statement(db: SqlDb) -> None:
    """No label provider is loaded here: an empty catalog gives no rows, and rows written
    into pg_seclabel by hand (as a provider would) are recorded and emitted."""
    assert db.rows("SELECT * FROM pggit_v0._snapshot() WHERE kind = 'security_label'") == []
    db.exec("CREATE TABLE public.t (a int)")
    db.exec("SET allow_system_table_mods = on")
    db.exec("""INSERT INTO pg_seclabel VALUES ('public.t'::regclass, 'pg_class'::regclass, 0, 'dummy', 'classified'),
                                              ('public.t'::regclass, 'pg_class'::regclass, 1, 'dummy', 'unclassified')""")
    db.exec("RESET allow_system_table_mods")
    db.exec("SELECT pggit_v0.create_basic_commit('labels')")
    got = tree_paths(db)
    assert got["public/security_label/dummy table public.t"] == \
        "SECURITY LABEL FOR dummy ON TABLE public.t IS 'classified';"
    assert got["public/security_label/dummy table column public.t.a"] == \
        "SECURITY LABEL FOR dummy ON COLUMN public.t.a IS 'unclassified';"
    fwd = db.val("SELECT pggit_v0.generate_migration('root', 'HEAD')")
    assert fwd.index("CREATE TABLE public.t") < fwd.index("SECURITY LABEL FOR dummy ON TABLE public.t IS 'classified';")
    back = db.val("SELECT pggit_v0.generate_migration('HEAD', 'root')")
    assert back.index("SECURITY LABEL FOR dummy ON TABLE public.t IS NULL;") < back.rindex("DROP TABLE IF EXISTS public.t;")
    db.exec("SET allow_system_table_mods = on")
    db.exec("DELETE FROM pg_seclabel WHERE provider = 'dummy'")


def test_event_triggers_are_created_last_and_dropped_first(db: SqlDb) -> None:
    db.exec(CASES["event_trigger"].sql)
    db.exec("ALTER EVENT TRIGGER app_ddl ENABLE")
    db.exec("SELECT pggit_v0.create_basic_commit('evt')")
    fwd = [l for l in db.val("SELECT pggit_v0.generate_migration('root', 'HEAD')").splitlines()
           if l and not l.startswith(("--", "COMMIT"))]
    assert fwd[-2:] == ["CREATE EVENT TRIGGER app_ddl ON ddl_command_end WHEN TAG IN ('CREATE TABLE', 'ALTER TABLE') "
                        "EXECUTE FUNCTION app.on_ddl();",
                        "COMMENT ON EVENT TRIGGER app_ddl IS 'watches tables';"]
    back = [l for l in db.val("SELECT pggit_v0.generate_migration('HEAD', 'root')").splitlines()
            if l and not l.startswith(("--", "BEGIN", "SET LOCAL"))]
    assert back[0] == "DROP EVENT TRIGGER IF EXISTS app_ddl;"


def test_checkout_applies_every_new_kind_both_ways(db: SqlDb, pggit_server: Any,
                                                   pytestconfig: pytest.Config) -> None:
    pg_dump = pg_dump_binary(pytestconfig, pggit_server)
    baseline = db.val("SELECT pggit_v0.get_head_sha()")
    empty = dump(pg_dump, db)
    names = ["operator_family_and_class", "cast", "conversion_and_text_search_parser_template", "foreign_data",
             "event_trigger", "default_privileges", "subscription"]
    sql = "CREATE SCHEMA app;" + "".join(
        CASES[n].sql.replace("CREATE SCHEMA app;", "").replace("CREATE TABLE app.t (a int);", "") for n in names)
    try:
        db.exec(sql)
        db.exec("SELECT pggit_v0.create_basic_commit('every new kind')")
        original = dump(pg_dump, db)
        db.exec("SELECT pggit_v0.create_branch('empty', from_ref => %s, checkout => false)", [baseline])
        db.exec("SELECT pggit_v0.checkout_branch('empty', apply => true, force => true)")
        assert dump(pg_dump, db) == empty
        db.exec("SELECT pggit_v0.checkout_branch('main', apply => true)")
        assert dump(pg_dump, db) == original
        assert db.rows("SELECT path FROM pggit_v0.status()") == []
    finally:
        db.exec(DROP_SUBSCRIPTIONS)


def test_a_table_dropped_and_created_again_stays_in_its_publications(make_empty_db: Any, pggit_server: Any,
                                                                     pytestconfig: pytest.Config) -> None:
    """DROP TABLE takes a table out of its publications: a publication naming a table the
    migration recreates (here: it becomes partitioned) is created again after it."""
    pg_dump = pg_dump_binary(pytestconfig, pggit_server)
    a_sql = ("CREATE SCHEMA app; CREATE TABLE app.t (id int, v text); CREATE TABLE app.u (id int);"
             "CREATE PUBLICATION pub FOR TABLE app.t, app.u")
    src, dst = make_empty_db(), make_empty_db()
    install(src)
    install(dst)
    src.exec(a_sql)
    a = src.val("SELECT pggit_v0.create_basic_commit('A')")
    src.exec("DROP PUBLICATION pub; DROP TABLE app.t; CREATE TABLE app.t (id int, v text) PARTITION BY RANGE (id);"
             "CREATE PUBLICATION pub FOR TABLE app.t, app.u")
    b = src.val("SELECT pggit_v0.create_basic_commit('B')")
    script = src.val("SELECT pggit_v0.generate_migration(%s, %s)", [a, b])
    assert script.index("DROP PUBLICATION IF EXISTS pub;") < script.rindex("DROP TABLE IF EXISTS app.t;")
    dst.exec(a_sql)
    run(dst, script)
    assert dump(pg_dump, dst) == dump(pg_dump, src)
