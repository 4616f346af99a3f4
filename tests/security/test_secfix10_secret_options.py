"""Z2 of the third security round (V19 re-test): secret options were found by name
only, ``(password|passwd|secret|key|token)``: odbc_fdw's ``odbc_PWD``, ``credentials``
and passwords inside connection strings or URLs (``db_url 'mysql://app:PW@db/shop'``,
``conninfo 'host=db password=PW'``) of servers, user mappings and foreign tables were
stored in blobs every reader reads.  Names with pass/pwd/secret/key/token/credential are
left out now (with the note, as V19's), and passwords inside the other values are
replaced by [redacted], the rest of the value kept."""
from __future__ import annotations

from sql_conftest import SqlDb

SECRETS = ("SrvConnPw", "SrvUrlPw", "UmOdbcPwd", "UmCred", "FtUrlPw", "SrvPassword", "OdbcStr")


def blobs(db: SqlDb) -> str:
    return "\n".join(r["content"] for r in db.rows("SELECT content FROM pggit_v0.objects WHERE type = 'blob'"))


def test_secret_options_by_name_and_inside_values_are_not_stored(db: SqlDb) -> None:
    db.exec("CREATE FOREIGN DATA WRAPPER z2_w")
    db.exec("CREATE SERVER z2_srv FOREIGN DATA WRAPPER z2_w OPTIONS ("
            " conninfo 'host=db user=app password=SrvConnPw', db_url 'postgresql://app:SrvUrlPw@db/x',"
            " password 'SrvPassword', dsn 'Driver={x};Server=db;UID=app;PWD=OdbcStr;')")
    db.exec("CREATE USER MAPPING FOR CURRENT_USER SERVER z2_srv"
            " OPTIONS (odbc_UID 'app', odbc_PWD 'UmOdbcPwd', credentials 'UmCred')")
    db.exec("CREATE FOREIGN TABLE public.z2_ft (a int) SERVER z2_srv"
            " OPTIONS (db_url 'mysql://app:FtUrlPw@db/shop', tablename 't')")
    db.exec("SELECT pggit_v0.create_basic_commit('fdw setup')")
    stored = blobs(db)
    assert not [s for s in SECRETS if s in stored], stored
    # the rest of each value is kept, the password marked
    assert "conninfo 'host=db user=app password=[redacted]'" in stored
    assert "db_url 'postgresql://app:[redacted]@db/x'" in stored
    assert "dsn 'Driver={x};Server=db;UID=app;PWD=[redacted];'" in stored
    assert "db_url 'mysql://app:[redacted]@db/shop', tablename 't'" in stored
    assert "odbc_uid 'app'" in stored.lower()
    # left out by name, and named in the note (V19's behaviour)
    assert "pgGit left out secret option(s)" in stored
    for name in ("password", "odbc_pwd", "credentials"):
        assert name in stored, name
    # the redaction is stable: nothing to commit again
    assert db.val("SELECT count(*) FROM pggit_v0.status()") == 0


def test_passwords_with_slashes_in_json_or_under_percent_encoded_keys_are_redacted(db: SqlDb) -> None:
    """sec10 S9: a URL password holding "/" (base64), JSON members and a query key written
    percent-encoded (?pass%77ord=, libpq decodes keys) passed the first patterns."""
    db.exec("CREATE FOREIGN DATA WRAPPER s9_w")
    db.exec("CREATE SERVER s9_srv FOREIGN DATA WRAPPER s9_w")
    db.exec("CREATE USER MAPPING FOR CURRENT_USER SERVER s9_srv OPTIONS ("
            " db_url 'mysql://app:ab/c+Slash==@db/shop', cfg '{\"user\": \"a\", \"password\": \"JsonPw\"}',"
            " dsn 'postgresql://h/x?user=a&pass%77ord=PctPw&x=1')")
    db.exec("SELECT pggit_v0.create_basic_commit('s9')")
    stored = blobs(db)
    assert not [s for s in ("Slash", "JsonPw", "PctPw") if s in stored], stored
    assert "mysql://app:[redacted]@db/shop" in stored
    assert '"password": "[redacted]"' in stored


def test_subscription_conninfo_cleaning_handles_question_marks_and_encoded_keys(db: SqlDb) -> None:
    """sec10 S5: libpq ends a URI's userinfo at "@" or "/" only, and decodes query keys."""
    row = db.one("SELECT * FROM pggit_v0._conninfo_without_secrets('postgresql://app:Pa?ssW0rd1@db/x')")
    assert row["conninfo"] == "postgresql://app@db/x" and row["removed"] == ["password"]
    row = db.one("SELECT * FROM pggit_v0._conninfo_without_secrets("
                 "'postgresql://db/x?user=a&pass%77ord=Q&sslmode=require')")
    assert "Q" not in row["conninfo"].replace("require", ""), row
    assert row["conninfo"] == "postgresql://db/x?user=a&sslmode=require"
