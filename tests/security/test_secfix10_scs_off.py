"""S6 (sec10): capture's LIKE patterns and the secret redaction are string literals
parsed with the session's standard_conforming_strings: with it off, 'pg\\_temp%' meant
'pg_temp%' (DDL in a schema pgxtemp went unlogged, commits missed it) and the
redaction's regular expressions lost their backslashes ('password ''hunter2''' kept)."""
from __future__ import annotations

from sql_conftest import SqlDb


def test_capture_and_redaction_hold_with_standard_conforming_strings_off(db: SqlDb) -> None:
    db.exec("SET standard_conforming_strings = off")
    db.exec("CREATE SCHEMA pgxtemp")
    db.exec("CREATE TABLE pgxtemp.t (id int)")
    assert db.val("SELECT count(*) FROM pggit_v0.ddl_log WHERE object_identity = 'pgxtemp.t'") >= 1
    assert db.val("SELECT count(*) FROM pggit_v0.status() WHERE path LIKE 'pgxtemp/%%'") >= 1
    db.exec("CREATE FOREIGN DATA WRAPPER s6_w; CREATE SERVER s6_s FOREIGN DATA WRAPPER s6_w")
    db.exec("CREATE USER MAPPING FOR CURRENT_USER SERVER s6_s OPTIONS (password 'hunter2')")
    logged = [r["statement"] for r in
              db.rows("SELECT statement FROM pggit_v0.ddl_log WHERE statement LIKE '%%MAPPING%%'")]
    assert logged and not [t for t in logged if "hunter2" in t], logged
    assert "hunter2" not in db.val("SELECT pggit_v0._redact_secrets($$ALTER ROLE x PASSWORD 'hunter2'$$)")
    assert db.val("SELECT (pggit_v0._conninfo_without_secrets('host=db password=pw1')).conninfo") == "host=db"
    assert "pw2" not in db.val("SELECT pggit_v0._redact_option_value('postgresql://a:pw2@db/x')")
