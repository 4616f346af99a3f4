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
