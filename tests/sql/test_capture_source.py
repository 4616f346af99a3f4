"""Provenance in the DDL log: capture records the setting pggit.source of each command."""
from __future__ import annotations

from conftest import SqlDb, install


def test_capture_records_the_source_setting(db: SqlDb) -> None:
    db.exec("SET pggit.source = 'schema/02_orders.sql:14'")
    db.exec("CREATE TABLE public.orders (id int)")
    db.exec("ALTER TABLE public.orders ADD COLUMN total numeric")
    db.exec("SET pggit.source = 'alembic/ae1027a6acf'")
    db.exec("DROP TABLE public.orders")
    db.exec("RESET pggit.source")
    db.exec("CREATE TABLE public.plain (id int)")
    rows = db.rows("SELECT event, command_tag, object_identity, source FROM pggit_v0.ddl_log "
                   "WHERE object_identity IN ('public.orders', 'public.plain') ORDER BY id")
    assert [(r["command_tag"], r["source"]) for r in rows] == [
        ("CREATE TABLE", "schema/02_orders.sql:14"),
        ("ALTER TABLE", "schema/02_orders.sql:14"),
        ("DROP TABLE", "alembic/ae1027a6acf"),
        ("CREATE TABLE", None),
    ]
    # a long label is cut, never fails the DDL
    db.exec("SELECT set_config('pggit.source', repeat('x', 5000), false)")
    db.exec("CREATE TABLE public.long_label (id int)")
    assert db.val("SELECT length(source) FROM pggit_v0.ddl_log "
                  "WHERE object_identity = 'public.long_label'") == 1000
    assert db.val("SELECT count(*) FROM pggit_v0.capture_faults") == 0
    # the DDL log chain still verifies with the new column filled
    db.exec("SELECT pggit_v0.create_basic_commit('with sources')")
    bad = [r for r in db.rows("SELECT * FROM pggit_v0.validate_data_integrity()")
           if r["status"] != "OK"]
    assert bad == []


def test_reinstall_over_a_log_without_the_column_adds_it(empty_db: SqlDb) -> None:
    d = empty_db
    install(d)
    d.exec("CREATE TABLE public.t (id int)")
    d.exec("SELECT pggit_v0.create_basic_commit('t')")
    d.exec("ALTER TABLE pggit_v0.ddl_log DROP COLUMN source")   # as an older layer left it
    install(d)
    install(d)   # and again: idempotent
    assert d.val("SELECT count(*) FROM pggit_v0.ddl_log WHERE object_identity = 'public.t'") == 1
    d.exec("SET pggit.source = 'x.sql:1'")
    d.exec("CREATE TABLE public.u (id int)")
    assert d.val("SELECT source FROM pggit_v0.ddl_log WHERE object_identity = 'public.u'") == "x.sql:1"
    assert all(r["status"] == "OK" for r in d.rows("SELECT * FROM pggit_v0.validate_data_integrity()"))


def test_an_edited_source_breaks_the_ddl_log_chain(db: SqlDb) -> None:
    from test_monitoring import rewrite

    db.exec("SET pggit.source = 'schema/01.sql:3'")
    db.exec("CREATE TABLE public.a (id int)")
    db.exec("RESET pggit.source")
    db.exec("SELECT pggit_v0.create_basic_commit('a')")
    a_id = db.val("SELECT id FROM pggit_v0.ddl_log WHERE object_identity = 'public.a'")
    rewrite(db, "UPDATE pggit_v0.ddl_log SET source = 'schema/09.sql:1' WHERE id = %s", [a_id])
    bad = {r["check_name"]: r["details"] for r in
           db.rows("SELECT * FROM pggit_v0.validate_data_integrity() WHERE status = 'FAILED'")}
    assert set(bad) == {"ddl_log_chain"} and f"ddl_log entry {a_id}" in bad["ddl_log_chain"]
    rewrite(db, "UPDATE pggit_v0.ddl_log SET source = 'schema/01.sql:3' WHERE id = %s", [a_id])
    assert db.val("SELECT count(*) FROM pggit_v0.validate_data_integrity() WHERE status = 'FAILED'") == 0


# -- the redaction test capture asks for every statement with a string ------------------

# _may_hold_secrets before it looked for "key" alone: one regular expression for all six words.
OLD_MAY_HOLD_SECRETS = (
    "(strpos({T}, '''') > 0 OR strpos({T}, '$') > 0) "
    "AND lower({T} COLLATE \"C\") LIKE ANY ('{%%pass%%,%%pwd%%,%%secret%%,%%key%%,%%token%%,%%credential%%,%%://%%}') "
    "AND {T} ~* '(?:pass|pwd|secret|key|token|credential)(?:[^\\s=:]*|[^\"]*\")"
    "(?:\\s*[=:]|\\s+(?:to\\s+)?(?:[eu]&?)?[''$])|://[^\\s/@]*:[^\\s/@]*@'")

# PRIMARY KEY / FOREIGN KEY with a string elsewhere: no secret
KEY_NOT_SECRET = [
    "CREATE TABLE app.t (\n    id bigserial PRIMARY KEY,\n    code varchar(32) NOT NULL DEFAULT 'c1',\n"
    "    payload jsonb DEFAULT '{}'::jsonb\n)",
    "CREATE TABLE t (a int, b text DEFAULT 'x', PRIMARY KEY (a), FOREIGN KEY (a) REFERENCES u (id))",
    "CREATE TABLE \"Order\" (\"id\" serial PRIMARY KEY, \"note\" text DEFAULT 'n', \"to\" text)",
    "CREATE TABLE t (id int PRIMARY KEY, email text DEFAULT 'e', title text, upd text DEFAULT 'u')",
    "CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $$ SELECT 1 $$; CREATE TABLE k (id int PRIMARY KEY)",
]
# "key" the only word, and a secret after it: still redacted
KEY_SECRET = [
    "CREATE SERVER s FOREIGN DATA WRAPPER w OPTIONS (\"primary key\" 'hunter2')",
    "ALTER SERVER s OPTIONS (ADD api_key 'hunter2')",
    "ALTER SERVER s OPTIONS (ADD KEY E'hunter2')",
    "ALTER SERVER s OPTIONS (SET signing_key U&'hunter2')",
    "ALTER ROLE x SET app.key TO 'hunter2'",
    "SET app.signing_key = 'hunter2'",
    "CREATE TABLE t (id int PRIMARY KEY, c text DEFAULT 'a'); ALTER SERVER s OPTIONS (ADD \"Api Key\" $k$hunter2$k$)",
    "CREATE SERVER s FOREIGN DATA WRAPPER w OPTIONS (config '{\"key\": \"hunter2\"}')",
    "CREATE TABLE t (id int PRIMARY KEY\t'hunter2')",
    # other words with PRIMARY KEY: the whole test
    "CREATE TABLE t (id int PRIMARY KEY, c text DEFAULT 'a'); ALTER ROLE x PASSWORD 'hunter2'",
    "CREATE SUBSCRIPTION s CONNECTION 'postgresql://u:hunter2@h/d' PUBLICATION p",
    "ALTER ROLE x PASSWORD 'hunter2'",
]
# true or false as before, whatever it is
KEY_OTHER = [
    "CREATE TABLE t (id int PRIMARY KEY:x, c text DEFAULT 'a')",
    "CREATE TABLE t (id int PRIMARY KEY, token text DEFAULT 'a')",
    "CREATE TABLE t (id int, c text DEFAULT 'postgresql://h/d')",
    "CREATE TABLE t (id int PRIMARY KEY); SET x.credent\u0130al = 'hunter2'",
    "CREATE TABLE t (id int PRIMARY KEY, c text DEFAULT 'key: x')",
    "ALTER TABLE t ADD FOREIGN KEY (a) REFERENCES u",
]


def test_primary_key_is_not_a_secret_but_a_password_still_is(db: SqlDb) -> None:
    """The shortcut for texts whose only secret-looking word is "key" answers as the
    one regular expression did, and PASSWORD/api_key strings are still redacted."""
    for text in KEY_NOT_SECRET + KEY_SECRET + KEY_OTHER:
        old = db.val("SELECT " + OLD_MAY_HOLD_SECRETS.replace("{T}", "%(x)s"), {"x": text})
        new = db.val("SELECT pggit_v0._may_hold_secrets(%s)", [text])
        assert new is old, (text, old, new)
    for text in KEY_NOT_SECRET:
        assert db.val("SELECT pggit_v0._may_hold_secrets(%s)", [text]) is False, text
        assert db.val("SELECT pggit_v0._redact_secrets(%s)", [text]) == text
    for text in KEY_SECRET:
        out = db.val("SELECT pggit_v0._redact_secrets(%s)", [text])
        assert "hunter2" not in out and "[redacted]" in out, (text, out)
    # captured DDL: the PRIMARY KEY table kept as sent, the secret not stored
    db.exec("CREATE TABLE public.pk_only (id bigserial PRIMARY KEY, code text DEFAULT 'key: x')")
    db.exec("CREATE TABLE public.pk_and_secret (id int PRIMARY KEY, k text DEFAULT 'a'); "
            "SET app.api_key = 'hunter2'")
    stmts = {r["object_identity"]: r["statement"] for r in db.rows(
        "SELECT object_identity, statement FROM pggit_v0.ddl_log "
        "WHERE object_identity IN ('public.pk_only', 'public.pk_and_secret')")}
    assert stmts["public.pk_only"] == ("CREATE TABLE public.pk_only (id bigserial PRIMARY KEY, "
                                       "code text DEFAULT 'key: x')")
    assert "hunter2" not in stmts["public.pk_and_secret"] and "[redacted]" in stmts["public.pk_and_secret"]
