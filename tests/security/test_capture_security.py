"""DDL capture in a hostile or shared database (issue 11): capture leaves the session's
lastval()/currval() as they were, cannot be blinded by temporary tables, offers no
function through which a role could write capture_faults, and stores statements with
their secrets redacted."""
from __future__ import annotations

import re
import threading
import uuid
from pathlib import Path
from typing import List

import pytest

from errors import raises_sql
from roles import as_role, make_role
from sql_conftest import SqlDb, install

ROOT = Path(__file__).resolve().parents[2]
# What the capture functions read or write, and the functions themselves.
LAYER_TABLES = ("ddl_log", "capture_faults", "dropped_table_stats", "head", "meta",
                "capture_ids", "capture_ids_lock")
CAPTURE_FUNCTIONS = ("_capture", "_capture_names", "_capture_fault", "_capture_ids",
                     "_redact_secrets", "_may_hold_secrets", "capture_status")


def session(d: SqlDb) -> SqlDb:
    """Another connection to the same database (another backend: its own lastval())."""
    return SqlDb(d.dsn, d.name)


def logged(d: SqlDb, identity: str) -> List[dict]:
    return d.rows("SELECT * FROM pggit_v0.ddl_log WHERE object_identity = %s ORDER BY id", [identity])


# -- lastval() and currval() ---------------------------------------------------------

def test_capture_leaves_lastval_and_currval_as_they_were(db: SqlDb) -> None:
    """PostgreSQL's regression script `sequence` failed three times with the layer
    installed: after a captured DDL lastval() named ddl_log's sequence."""
    s = session(db)
    try:
        s.exec("CREATE SEQUENCE public.s")
        assert s.val("SELECT nextval('public.s')") == 1
        s.exec("CREATE TABLE public.t ()")
        assert s.val("SELECT lastval()") == 1
        assert s.val("SELECT currval('public.s')") == 1
        # a drop (ddl_log and dropped_table_stats rows) and a command with several log rows
        s.exec("CREATE TABLE public.u (id serial PRIMARY KEY, v text UNIQUE)")
        s.exec("DROP TABLE public.t, public.u")
        assert s.val("SELECT lastval()") == 1 and s.val("SELECT currval('public.s')") == 1
        assert logged(s, "public.t") and logged(s, "public.u")
        assert s.val("SELECT count(*) FROM pggit_v0.dropped_table_stats "
                     "WHERE object_identity IN ('public.t', 'public.u')") == 2
        # a capture fault (its capture_faults row) leaves them alone too
        s.exec("ALTER TABLE pggit_v0.ddl_log ADD CONSTRAINT break_capture CHECK (false) NOT VALID")
        s.exec("CREATE TABLE public.w ()")
        assert s.val("SELECT count(*) FROM pggit_v0.capture_faults") == 1
        assert s.val("SELECT lastval()") == 1 and s.val("SELECT currval('public.s')") == 1
    finally:
        s.close()


def test_a_role_without_rights_on_the_layer_keeps_its_lastval(db: SqlDb) -> None:
    """Was: permission denied for sequence ddl_log_id_seq."""
    dev = make_role(db, own_schema=True)
    s = session(db)
    try:
        with as_role(s, dev):
            s.exec(f"CREATE SEQUENCE {dev}.s")
            assert s.val(f"SELECT nextval('{dev}.s')") == 1
            s.exec(f"CREATE TABLE {dev}.t ()")
            assert s.val("SELECT lastval()") == 1
            assert s.val(f"SELECT currval('{dev}.s')") == 1
            s.exec(f"DROP TABLE {dev}.t")
            assert s.val("SELECT lastval()") == 1
        assert [r["role_name"] for r in logged(db, f"{dev}.t")] == [dev, dev]
    finally:
        s.close()


def test_lastval_stays_undefined_when_the_session_never_called_nextval(db: SqlDb) -> None:
    dev = make_role(db, own_schema=True)
    for role in (None, dev):
        s = session(db)
        try:
            if role:
                s.exec(f"SET ROLE {role}")
            schema = role or "public"
            s.exec(f"CREATE TABLE {schema}.never_{uuid.uuid4().hex[:6]} (id int)")
            with raises_sql("55000", "lastval is not yet defined in this session"):
                s.exec("SELECT lastval()")
        finally:
            s.close()


def test_ids_are_unique_and_follow_the_order_of_logging_across_sessions(db: SqlDb) -> None:
    """Two sessions take turns: each entry gets a larger id than every entry logged
    before it (renames are replayed in id order), and neither session's lastval() moves."""
    a, b = session(db), session(db)
    try:
        for s in (a, b):
            s.exec("CREATE SEQUENCE IF NOT EXISTS public.s")
        a.val("SELECT nextval('public.s')")
        b.val("SELECT nextval('public.s')")
        order = []
        for i in range(3):
            for name, s in (("a", a), ("b", b)):
                s.exec(f"CREATE TABLE public.{name}{i} (id int)")
                order.append(f"public.{name}{i}")
        # a session that owns the latest block, then loses it, then runs DDL after the other's commit
        a.exec("ALTER TABLE public.a0 RENAME TO a0_renamed")
        b.exec("ALTER TABLE public.a0_renamed RENAME TO a0_final")
        a.exec("ALTER TABLE public.a0_final ADD COLUMN v int")
        order += ["public.a0_renamed", "public.a0_final", "public.a0_final"]
        ids = db.rows("SELECT id, object_identity FROM pggit_v0.ddl_log "
                      "WHERE object_identity LIKE 'public.a%' OR object_identity LIKE 'public.b%' ORDER BY id")
        assert [r["object_identity"] for r in ids] == order
        assert a.val("SELECT lastval()") == 1 and b.val("SELECT lastval()") == 2
    finally:
        a.close()
        b.close()


def test_concurrent_sessions_log_every_command_once(db: SqlDb) -> None:
    """Four sessions run DDL at the same time: no id is taken twice (that would be a
    capture fault, or one session waiting on another's transaction), nothing is lost."""
    sessions = [session(db) for _ in range(4)]
    errors: List[BaseException] = []

    def work(k: int, s: SqlDb) -> None:
        try:
            s.exec(f"CREATE SEQUENCE public.s{k} START {100 * (k + 1)}")
            s.val(f"SELECT nextval('public.s{k}')")
            for i in range(40):
                if i % 10 == 9:   # a transaction with several commands, rolled back
                    s.exec(f"BEGIN; CREATE TABLE public.gone_{k}_{i} (id int); "
                           f"CREATE INDEX ON public.gone_{k}_{i} (id); ROLLBACK")
                else:
                    s.exec(f"CREATE TABLE public.t_{k}_{i} (id serial PRIMARY KEY)")
                assert s.val("SELECT lastval()") == 100 * (k + 1)
        except BaseException as e:   # noqa: BLE001  (reported by the main thread)
            errors.append(e)

    threads = [threading.Thread(target=work, args=(k, s)) for k, s in enumerate(sessions)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    for s in sessions:
        s.close()
    assert not errors, errors
    assert db.rows("SELECT * FROM pggit_v0.capture_faults") == []
    assert db.val("SELECT count(*) FROM pggit_v0.ddl_log WHERE command_tag = 'CREATE TABLE' "
                  "AND object_identity LIKE 'public.t\\_%'") == 4 * 36
    assert db.val("SELECT count(*) FROM pggit_v0.ddl_log WHERE object_identity LIKE 'public.gone%'") == 0


def test_reinstall_over_identity_ids_keeps_every_row_and_continues_after_them(db: SqlDb) -> None:
    """An install from before: ids from identity columns (nextval), rows in all three tables."""
    db.exec("CREATE TABLE public.kept (id int); DROP TABLE public.kept")
    db.exec("ALTER TABLE pggit_v0.ddl_log ADD CONSTRAINT break_capture CHECK (false) NOT VALID")
    db.exec("CREATE TABLE public.faulty (id int)")
    db.exec("ALTER TABLE pggit_v0.ddl_log DROP CONSTRAINT break_capture")
    rows = {"ddl_log": "(event, command_tag, role_name, txid) VALUES ('ddl_command_end', 'CREATE TABLE', 'old', 1)",
            "capture_faults": "(event) VALUES ('ddl_command_end')",
            "dropped_table_stats": "(txid, object_identity, schema_name, table_name, original) "
                                   "VALUES (1, 'public.old', 'public', 'old', true)"}
    for table, values in rows.items():   # the identity hands out ids far ahead of the counter
        top = db.val(f"SELECT max(id) FROM pggit_v0.{table}")
        db.exec(f"ALTER TABLE pggit_v0.{table} ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (START {top + 1000})")
        db.exec(f"INSERT INTO pggit_v0.{table} {values}")
    before = {t: db.rows(f"SELECT * FROM pggit_v0.{t} ORDER BY id") for t in rows}
    install(db)
    for t, kept in before.items():
        assert db.rows(f"SELECT * FROM pggit_v0.{t} ORDER BY id") == kept, t
        assert db.val("SELECT attidentity FROM pg_attribute WHERE attrelid = %s::regclass AND attname = 'id'",
                      [f"pggit_v0.{t}"]) == ""
    s = session(db)
    try:
        s.exec("CREATE SEQUENCE public.s")
        s.val("SELECT nextval('public.s')")
        s.exec("CREATE TABLE public.after (id int); DROP TABLE public.after")
        assert s.val("SELECT lastval()") == 1
    finally:
        s.close()
    assert db.val("SELECT min(id) FROM pggit_v0.ddl_log WHERE object_identity = 'public.after'") > \
        max(r["id"] for r in before["ddl_log"])
    assert db.val("SELECT id FROM pggit_v0.dropped_table_stats WHERE object_identity = 'public.after'") > \
        max(r["id"] for r in before["dropped_table_stats"])


# -- blinding --------------------------------------------------------------------------

def test_temporary_tables_named_like_the_log_do_not_blind_capture(db: SqlDb) -> None:
    dev = make_role(db, own_schema=True)
    with as_role(db, dev):
        # the layer's columns, no constraints: any insert meant for the real tables would fit
        db.exec("CREATE TEMP TABLE ddl_log (id bigint, logged_at timestamptz DEFAULT now(), event text, "
                "command_tag text, object_type text, object_identity text, schema_name text, statement text, "
                "role_name text, txid bigint, branch text, capture_duration interval, renamed_from text)")
        db.exec("CREATE TEMP TABLE capture_faults (id bigint, occurred_at timestamptz DEFAULT now(), event text, "
                "command_tag text, sqlstate text, message text, statement text)")
        db.exec("CREATE TEMP TABLE dropped_table_stats (id bigint, dropped_at timestamptz DEFAULT now(), "
                "txid bigint, object_identity text, schema_name text, table_name text, live_tuples bigint, "
                "original boolean)")
        db.exec("CREATE TEMP TABLE head (singleton boolean, branch text, detached_sha text)")
        db.exec("INSERT INTO pg_temp.head VALUES (true, 'decoy', NULL)")
        db.exec("CREATE TEMP SEQUENCE capture_ids")
        db.exec("SET search_path = pg_temp, public")
        db.exec(f"CREATE TABLE {dev}.seen (id int)")
        db.exec(f"DROP TABLE {dev}.seen")
        assert db.val("SELECT count(*) FROM pg_temp.ddl_log") == 0
        assert db.val("SELECT count(*) FROM pg_temp.dropped_table_stats") == 0
        assert db.val("SELECT count(*) FROM pg_temp.capture_faults") == 0
        db.exec("RESET search_path")
    rows = logged(db, f"{dev}.seen")
    assert [(r["command_tag"], r["branch"]) for r in rows] == [("CREATE TABLE", "main"), ("DROP TABLE", "main")]
    assert db.val("SELECT count(*) FROM pggit_v0.dropped_table_stats WHERE object_identity = %s",
                  [f"{dev}.seen"]) == 1


def test_capture_code_names_every_layer_table_with_its_schema(db: SqlDb) -> None:
    """Whatever the search_path, capture reads and writes only the layer's own tables."""
    found = {r["proname"]: r["src"] for r in db.rows(
        "SELECT p.proname, p.prosrc AS src FROM pg_proc p "
        "WHERE p.pronamespace = 'pggit_v0'::regnamespace AND p.proname = ANY(%s)", [list(CAPTURE_FUNCTIONS)])}
    assert set(found) == set(CAPTURE_FUNCTIONS)
    as_relation = re.compile(r"\b(?:FROM|JOIN|INTO|UPDATE|TABLE)\s+(%s)\b" % "|".join(LAYER_TABLES), re.I)
    unqualified = {name: sorted(set(as_relation.findall(re.sub(r"--[^\n]*", "", src))))
                   for name, src in found.items()}
    assert {k: v for k, v in unqualified.items() if v} == {}


# -- who may write capture_faults -------------------------------------------------------

def test_one_sql_drop_trigger_and_no_function_a_role_could_forge_faults_with(db: SqlDb) -> None:
    assert db.rows("SELECT evtname FROM pg_event_trigger WHERE evtevent = 'sql_drop' "
                   "AND evtname LIKE 'pggit\\_v0\\_%'") == [{"evtname": "pggit_v0_capture_drop"}]
    # no SECURITY DEFINER function but an event trigger's writes capture_faults, except
    # the unlogged-migration marker (_unlogged_begin writes one row of fixed text naming
    # the caller, _settle_live deletes it after its proof: test_unlogged_ddl.py)
    writers = db.rows(
        "SELECT p.proname FROM pg_proc p WHERE p.pronamespace = 'pggit_v0'::regnamespace "
        "AND p.prosecdef AND p.prorettype <> 'event_trigger'::regtype AND p.prosrc ~* 'capture_faults' "
        "ORDER BY 1")
    assert [r["proname"] for r in writers] == ["_settle_live", "_unlogged_begin"]
    dev = make_role(db, own_schema=True)
    before = db.val("SELECT count(*) FROM pggit_v0.capture_faults")
    with as_role(db, dev):
        with raises_sql("42883"):
            db.exec("SELECT pggit_v0._monitor_record_drops('DROP TABLE')")
        for call in ("SELECT pggit_v0._capture_fault('sql_drop', 'DROP TABLE', 'XX000', 'forged', 'x', 'y')",
                     "SELECT pggit_v0._capture_ids(1000)"):
            try:
                db.exec(call)
            except Exception as e:   # noqa: BLE001  (42501: not executable by PUBLIC)
                assert getattr(e, "sqlstate", None) == "42501", e
    assert db.val("SELECT count(*) FROM pggit_v0.capture_faults") == before
    # the counter did not move for the role: the next id follows the last one
    last = db.val("SELECT max(id) FROM pggit_v0.ddl_log")
    db.exec("CREATE TABLE public.next_one (id int)")
    assert db.val("SELECT id FROM pggit_v0.ddl_log WHERE object_identity = 'public.next_one'") < last + 1000


def test_a_role_setting_the_block_state_itself_cannot_take_anothers_ids(db: SqlDb) -> None:
    """pggit.capture_block is an ordinary setting, so a role can set it. It is trusted only
    for ids of the block the counter says this very backend reserved last."""
    dev = make_role(db, own_schema=True)
    a, b = session(db), session(db)
    try:
        a.exec("CREATE TABLE public.first (id int)")              # a reserves a block, uses its first id
        first = a.val("SELECT id FROM pggit_v0.ddl_log WHERE object_identity = 'public.first'")
        state = a.val("SELECT current_setting('pggit.capture_block')")
        with as_role(b, dev):
            b.exec("SELECT set_config('pggit.capture_block', %s, false)", [state])   # a's next id
            b.exec(f"CREATE TABLE {dev}.thief (id int)")
            own = b.val("SELECT current_setting('pggit.capture_block')").split(":")[1]
            b.exec("SELECT set_config('pggit.capture_block', %s, false)", [f"{first}:{own}"])   # a's used id
            b.exec(f"CREATE TABLE {dev}.thief2 (id int)")
        a.exec("CREATE TABLE public.second (id int)")
        assert db.rows("SELECT * FROM pggit_v0.capture_faults") == []
        ids = {r["object_identity"]: r["id"] for r in db.rows(
            "SELECT object_identity, id FROM pggit_v0.ddl_log WHERE object_identity = ANY(%s)",
            [["public.first", f"{dev}.thief", f"{dev}.thief2", "public.second"]])}
        assert len(ids) == 4 and len(set(ids.values())) == 4
        assert ids["public.first"] < ids[f"{dev}.thief"] < ids[f"{dev}.thief2"] < ids["public.second"]
    finally:
        a.close()
        b.close()


def test_a_role_cannot_forge_a_rename_through_a_setting(db: SqlDb) -> None:
    """S3: capture read renamed_from from the session setting pggit.names_before, which
    any role may set: one with no access logged ``ALTER TABLE public.loot ...`` as the
    rename of another role's ``public.victim``, and the migration then renamed the
    victim's table, rows and all, to the attacker's name (and its grants).  The names are
    kept in capture_names, which only the capture functions write."""
    nobody = make_role(db)
    db.exec("CREATE TABLE public.victim (id int, secret text)")
    db.exec("SELECT pggit_v0.create_basic_commit('victim')")
    with as_role(db, nobody):
        db.exec("CREATE TABLE public.loot (id int, secret text)")
        oid = db.val("SELECT 'public.loot'::regclass::oid::text")
        forged = '{"%s": ["public", "victim", {"1": "id", "2": "secret"}]}' % oid
        db.exec("BEGIN")
        db.exec("SELECT set_config('pggit.names_before', %s, true)", [forged])
        db.exec("ALTER TABLE public.loot SET (fillfactor = 100)")
        db.exec("COMMIT")
        db.exec("SELECT set_config('pggit.names_before', %s, false)", [forged])
        db.exec("ALTER TABLE public.loot ADD COLUMN note text")
        with raises_sql("42501", "permission denied for table capture_names"):
            db.exec("INSERT INTO pggit_v0.capture_names VALUES (pg_backend_pid(), txid_current(), '{}')")
    rows = db.rows("SELECT object_identity, renamed_from FROM pggit_v0.ddl_log "
                   "WHERE object_identity LIKE 'public.loot%%' ORDER BY id")
    assert rows and all(r["renamed_from"] is None for r in rows), rows
    a = db.val("SELECT commit_sha FROM pggit_v0.commit_graph WHERE message = 'victim'")
    b = db.val("SELECT pggit_v0.create_basic_commit('loot')")
    script = db.val("SELECT pggit_v0.generate_migration(%s, %s)", [a, b])
    assert "RENAME" not in script and "victim" not in script, script
    # a real rename is still recorded as one
    db.exec("ALTER TABLE public.loot RENAME TO loot2")
    assert db.val("SELECT renamed_from FROM pggit_v0.ddl_log WHERE object_identity = 'public.loot2'") == "public.loot"
    assert db.val("SELECT count(*) FROM pggit_v0.capture_names") == 0


# -- secrets ---------------------------------------------------------------------------

REDACTED = [
    ("ALTER ROLE x PASSWORD 'hunter2'", "ALTER ROLE x PASSWORD '[redacted]'"),
    ("CREATE ROLE x LOGIN ENCRYPTED PASSWORD 'hunter2' VALID UNTIL 'infinity'",
     "CREATE ROLE x LOGIN ENCRYPTED PASSWORD '[redacted]' VALID UNTIL 'infinity'"),
    ("create user x with password 'it''s hunter2'", "create user x with password '[redacted]'"),
    ("CREATE USER x WITH PASSWORD E'hun\\'ter2\\\\'", "CREATE USER x WITH PASSWORD E'[redacted]'"),
    ("ALTER USER x PASSWORD U&'hunter\\0032'", "ALTER USER x PASSWORD '[redacted]'"),
    ("ALTER ROLE x PASSWORD $pw$hunter2$pw$; CREATE FUNCTION f() RETURNS int AS $$ SELECT 1 $$ LANGUAGE sql",
     "ALTER ROLE x PASSWORD '[redacted]'; CREATE FUNCTION f() RETURNS int AS $$ SELECT 1 $$ LANGUAGE sql"),
    ("CREATE USER MAPPING FOR bob SERVER s OPTIONS (user 'bob', password 'hunter2')",
     "CREATE USER MAPPING FOR bob SERVER s OPTIONS (user 'bob', password '[redacted]')"),
    ("ALTER USER MAPPING FOR bob SERVER s OPTIONS (SET password 'hunter2', ADD \"Api_Key\" 'hunter2', DROP passfile)",
     "ALTER USER MAPPING FOR bob SERVER s OPTIONS (SET password '[redacted]', ADD \"Api_Key\" '[redacted]', DROP passfile)"),
    ("CREATE SERVER s FOREIGN DATA WRAPPER w OPTIONS (host 'h', sslpassword 'hunter2', token 'hunter2', dbname 'd')",
     "CREATE SERVER s FOREIGN DATA WRAPPER w OPTIONS (host 'h', sslpassword '[redacted]', token '[redacted]', dbname 'd')"),
    ("ALTER SERVER s OPTIONS (ADD secret_access_key 'hunter2', SET \"client credential\" 'hunter2')",
     "ALTER SERVER s OPTIONS (ADD secret_access_key '[redacted]', SET \"client credential\" '[redacted]')"),
    ("DO $$ BEGIN EXECUTE 'ALTER ROLE x PASSWORD ''hun''''ter2'''; END $$",
     "DO $$ BEGIN EXECUTE 'ALTER ROLE x PASSWORD ''[redacted]'''; END $$"),
    ("CREATE SUBSCRIPTION sub CONNECTION 'host=h password=hunter2 dbname=d' PUBLICATION p",
     "CREATE SUBSCRIPTION sub CONNECTION 'host=h password=[redacted] dbname=d' PUBLICATION p"),
    ("CREATE SERVER s FOREIGN DATA WRAPPER odbc OPTIONS (dsn 'DRIVER=x;UID=u;PWD=hunter2;')",
     "CREATE SERVER s FOREIGN DATA WRAPPER odbc OPTIONS (dsn 'DRIVER=x;UID=u;PWD=[redacted];')"),
    ("SELECT dblink_connect('postgresql://u:hunter2@h/d')", "SELECT dblink_connect('postgresql://u:[redacted]@h/d')"),
    ("SET app.api_token = 'hunter2'; ALTER ROLE x SET app.secret TO 'hunter2'",
     "SET app.api_token = '[redacted]'; ALTER ROLE x SET app.secret TO '[redacted]'"),
    ("CREATE SERVER s FOREIGN DATA WRAPPER w OPTIONS (config '{\"token\": \"hunter2\", \"host\": \"h\"}')",
     "CREATE SERVER s FOREIGN DATA WRAPPER w OPTIONS (config '{\"token\": \"[redacted]\", \"host\": \"h\"}')"),
    # cut off inside the password (a statement truncated at 20,000 characters)
    ("ALTER ROLE x PASSWORD 'hunt", "ALTER ROLE x PASSWORD '[redacted]'"),
]

KEPT = [
    "CREATE TABLE t (id int PRIMARY KEY, key text DEFAULT 'k' CHECK (key <> ''), token text)",
    "COMMENT ON COLUMN t.key IS 'the primary key'; CREATE TABLE keys (k int REFERENCES t)",
    "ALTER ROLE x PASSWORD NULL",
    "CREATE TABLE t (a int)",
    "CREATE FUNCTION f() RETURNS text LANGUAGE sql AS $$ SELECT 'password' $$",
]


@pytest.mark.parametrize("text, expected", REDACTED, ids=[r[0][:40] for r in REDACTED])
def test_redact_secrets(db: SqlDb, text: str, expected: str) -> None:
    out = db.val("SELECT pggit_v0._redact_secrets(%s)", [text])
    assert out == expected
    assert "hunter" not in out and "hun'" not in out


def test_redact_secrets_keeps_statements_without_secrets_as_they_are(db: SqlDb) -> None:
    for text in KEPT:
        assert db.val("SELECT pggit_v0._redact_secrets(%s)", [text]) == text
    assert db.val("SELECT pggit_v0._redact_secrets(NULL)") is None
    assert db.val("SELECT provolatile FROM pg_proc WHERE oid = 'pggit_v0._redact_secrets(text)'::regprocedure") == "i"


def test_real_statements_are_stored_without_their_secrets(db: SqlDb) -> None:
    db.exec("CREATE FOREIGN DATA WRAPPER pggit_test_fdw")
    db.exec("CREATE SERVER pggit_test_srv FOREIGN DATA WRAPPER pggit_test_fdw "
            "OPTIONS (host 'db.example', password 'hunter2')")
    db.exec("ALTER SERVER pggit_test_srv OPTIONS (ADD api_token 'hunter3', SET password 'hunter4')")
    db.exec("CREATE USER MAPPING FOR CURRENT_USER SERVER pggit_test_srv "
            "OPTIONS (user 'bob', password E'hunter5\\'s')")
    db.exec("ALTER USER MAPPING FOR CURRENT_USER SERVER pggit_test_srv OPTIONS (SET password $$hunter6$$)")
    rows = db.rows("SELECT command_tag, statement FROM pggit_v0.ddl_log "
                   "WHERE command_tag IN ('CREATE SERVER', 'ALTER SERVER', 'CREATE USER MAPPING', 'ALTER USER MAPPING') "
                   "ORDER BY id")
    assert [r["command_tag"] for r in rows] == ["CREATE SERVER", "ALTER SERVER", "CREATE USER MAPPING",
                                                "ALTER USER MAPPING"]
    assert all("hunter" not in r["statement"] and "[redacted]" in r["statement"] for r in rows), rows
    assert "host 'db.example'" in rows[0]["statement"] and "user 'bob'" in rows[2]["statement"]


def test_a_password_sent_in_the_same_query_string_as_captured_ddl_is_not_stored(db: SqlDb) -> None:
    role = make_role(db, own_schema=True)
    # one query string (simple query protocol): both commands see the same current_query()
    db.exec(f"CREATE TABLE public.with_secret (id int); ALTER ROLE {role} PASSWORD 'hunter2'")
    stored = db.val("SELECT statement FROM pggit_v0.ddl_log WHERE object_identity = 'public.with_secret'")
    assert "hunter2" not in stored and f"ALTER ROLE {role} PASSWORD '[redacted]'" in stored
    assert stored.startswith("CREATE TABLE public.with_secret (id int);")
    # the same when capture fails: the fault keeps the statement, redacted
    db.exec("ALTER TABLE pggit_v0.ddl_log ADD CONSTRAINT break_capture CHECK (false) NOT VALID")
    db.exec(f"CREATE TABLE public.faulty (id int); ALTER USER {role} WITH ENCRYPTED PASSWORD 'hunter2'")
    fault = db.one("SELECT * FROM pggit_v0.capture_faults")
    assert "hunter2" not in fault["statement"] and "PASSWORD '[redacted]'" in fault["statement"]
    # and a statement cut at 20,000 characters inside the password
    db.exec("ALTER TABLE pggit_v0.ddl_log DROP CONSTRAINT break_capture")
    head, tail = "CREATE TABLE public.long (id int); --", f"\nALTER ROLE {role} PASSWORD 'hunter2'"
    cut = tail.index("hunter2") + 3                           # 20,000 characters end in 'hun
    db.exec(head + "-" * (20000 - len(head) - cut) + tail)
    stored = db.val("SELECT statement FROM pggit_v0.ddl_log WHERE object_identity = 'public.long'")
    assert "[truncated by pgGit" in stored and "PASSWORD '[redacted]'" in stored and "'hun" not in stored


def test_the_regression_script_sequence_no_longer_fails_because_of_capture(db: SqlDb, tmp_path: Path) -> None:
    """The statements of PostgreSQL's src/test/regress/sql/sequence.sql that failed: lastval()
    and currval() right after DDL in the same session."""
    script = tmp_path / "seq.sql"
    script.write_text("""
CREATE TABLE public.serialtest1 (f1 text, f2 serial);
INSERT INTO public.serialtest1 VALUES ('foo');
SELECT lastval() AS after_insert;
CREATE SEQUENCE public.foo_seq;
SELECT nextval('public.foo_seq');
CREATE TEMP SEQUENCE seq2;
CREATE SEQUENCE public.seq3;
SELECT lastval() AS after_create;
ALTER SEQUENCE public.foo_seq RENAME TO foo_seq_new;
SELECT currval('public.foo_seq_new') AS currval_after_rename, lastval() AS lastval_after_rename;
DROP SEQUENCE public.seq3;
SELECT lastval() AS after_drop;
""")
    out = db.psql("-q", "-A", "-t", "-f", str(script)).stdout.split()
    assert out == ["1", "1", "1", "1|1", "1"], out
    # "DROP SEQUENCE seq2; -- should fail: SELECT lastval();" (the sequence lastval named is gone)
    s = session(db)
    try:
        s.exec("CREATE SEQUENCE public.seq2")
        s.val("SELECT nextval('public.seq2')")
        s.exec("DROP SEQUENCE public.seq2")
        with raises_sql("55000", "lastval is not yet defined in this session"):
            s.exec("SELECT lastval()")
    finally:
        s.close()


def test_api_calls_leave_lastval_as_it_was(db: SqlDb) -> None:
    """The layer's own timing rows take no nextval either: commits, diffs and status
    calls (each records a timing) leave the session's lastval() alone."""
    db.exec("CREATE SEQUENCE public.s; SELECT nextval('public.s'); SELECT nextval('public.s')")
    db.exec("CREATE TABLE public.t (id int)")
    db.exec("SELECT pggit_v0.create_basic_commit('t')")
    db.rows("SELECT * FROM pggit_v0.status()")
    db.rows("SELECT * FROM pggit_v0.diff_commits('HEAD~1', 'HEAD')")
    assert db.val("SELECT lastval()") == 2
    assert db.val("SELECT count(*) FROM pggit_v0.op_timings WHERE operation IN ('commit', 'status', 'diff')") >= 3


def test_a_comment_between_set_and_schema_hides_no_move(db: SqlDb) -> None:
    """S12: PostgreSQL takes a comment wherever whitespace goes; capture found moves with
    a regular expression over the text, so ``SET/**/SCHEMA`` was no move: no renamed_from,
    the commit kept public.mv beside s2.mv, and the migration created an empty s2.mv."""
    db.exec("CREATE SCHEMA s2; CREATE TABLE public.mv (id int)")
    a = db.val("SELECT pggit_v0.create_basic_commit('before')")
    db.exec("ALTER TABLE public.mv SET/**/SCHEMA s2")
    db.exec("ALTER TABLE s2.mv RENAME -- a comment\n TO mv2")
    assert db.val("SELECT renamed_from FROM pggit_v0.ddl_log WHERE object_identity = 's2.mv'") == "public.mv"
    assert db.val("SELECT renamed_from FROM pggit_v0.ddl_log WHERE object_identity = 's2.mv2'") == "s2.mv"
    b = db.val("SELECT pggit_v0.create_basic_commit('moved')")
    paths = {r["path"] for r in db.rows("SELECT path FROM pggit_v0.diff_commits(%s, %s)", [a, b])}
    assert "public/table/mv" in paths and "s2/table/mv2" in paths, paths
    script = db.val("SELECT pggit_v0.generate_migration(%s, %s)", [a, b])
    assert "SET SCHEMA s2" in script and "RENAME TO mv2" in script and "CREATE TABLE" not in script, script


def test_a_rename_a_routine_runs_beside_an_alter_of_the_query_string_is_recorded(db: SqlDb) -> None:
    """R4 of the review: ``ALTER TABLE a ADD COLUMN z int; SELECT migrate();`` in one query
    string, migrate() renaming b to c: the text has an ALTER and no RENAME, so no names
    were kept; the log had no renamed_from, the commit kept b beside c, and the migration
    created an empty c."""
    db.exec("""CREATE TABLE public.a (id int); CREATE TABLE public.b (id int);
               CREATE FUNCTION public.migrate() RETURNS void LANGUAGE plpgsql
               AS $$ BEGIN ALTER TABLE public.b RENAME TO c; END $$""")
    a = db.val("SELECT pggit_v0.create_basic_commit('before')")
    db.psql("-q", "-c", "ALTER TABLE public.a ADD COLUMN z int; SELECT public.migrate();")
    assert db.val("SELECT renamed_from FROM pggit_v0.ddl_log WHERE object_identity = 'public.c'") == "public.b"
    b = db.val("SELECT pggit_v0.create_basic_commit('renamed')")
    script = db.val("SELECT pggit_v0.generate_migration(%s, %s)", [a, b])
    assert "RENAME TO c" in script and "CREATE TABLE" not in script, script
