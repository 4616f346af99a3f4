"""The DDL log redacts what the blobs redact (the review's R10-1): 67210e7 taught the
blobs' redaction URL passwords holding "/" (base64) and URL query keys written
percent-encoded (libpq decodes ?pass%77ord=), but capture stored those statements whole
in ddl_log.statement, which auditors and the owner read."""
from __future__ import annotations

from sql_conftest import SqlDb

SECRETS = "(Ab/Cd|PctSecret8|Xy/Zz|Pct9)"


def test_the_ddl_log_keeps_no_url_password_nor_encoded_key(db: SqlDb) -> None:
    db.exec("CREATE FOREIGN DATA WRAPPER r1_fdw")
    db.exec("CREATE SERVER r1_srv FOREIGN DATA WRAPPER r1_fdw")
    db.exec("CREATE USER MAPPING FOR CURRENT_USER SERVER r1_srv OPTIONS ("
            "url_slash 'mysql://app:Ab/Cd+Ef9==@db.example/shop', "
            "url_query 'mysql://db.example/shop?pass%77ord=PctSecret8')")
    db.exec("ALTER USER MAPPING FOR CURRENT_USER SERVER r1_srv OPTIONS "
            "(SET url_slash 'mysql://app:Xy/Zz+99==@db.example/shop')")
    logged = db.rows("SELECT statement FROM pggit_v0.ddl_log WHERE command_tag ~ 'USER MAPPING' ORDER BY id")
    assert len(logged) == 2
    assert not [r for r in logged if db.val("SELECT %s ~ %s", [r["statement"], SECRETS])], logged
    assert "mysql://app:[redacted]@db.example/shop" in logged[0]["statement"]
    sub = db.val("SELECT pggit_v0._redact_secrets(%s)",
                 ["CREATE SUBSCRIPTION x CONNECTION 'postgresql://app@db/x?pass%77ord=Pct9' PUBLICATION p"])
    assert "Pct9" not in sub and "?pass%77ord=[redacted]" in sub, sub


def test_json_members_named_like_a_key_but_no_secret_are_kept(db: SqlDb) -> None:
    """The review's R10-7: 67210e7's JSON rule redacted every member whose name holds "key"."""
    got = db.val("SELECT pggit_v0._redact_option_value(%s)",
                 ['{"partition_key": "id", "keyspace": "ks", "api_key": "s3cr3t", "password": "p"}'])
    assert got == '{"partition_key": "id", "keyspace": "ks", "api_key": "[redacted]", "password": "[redacted]"}'
