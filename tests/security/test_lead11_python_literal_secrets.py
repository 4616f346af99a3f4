"""sec10 S9's residual: an option value written as a Python literal,
``{'user': 'app', 'password': 'x'}`` (multicorn and other Python-based wrappers take
their options so), kept its password in the blobs every reader reads and in the DDL log,
where JSON's ``"password": "x"`` was already redacted."""
from __future__ import annotations

from sql_conftest import SqlDb


def test_python_literal_passwords_are_redacted_in_blobs_and_the_ddl_log(db: SqlDb) -> None:
    db.exec("CREATE FOREIGN DATA WRAPPER s9p_w")
    db.exec("CREATE SERVER s9p_srv FOREIGN DATA WRAPPER s9p_w")
    db.exec("CREATE USER MAPPING FOR CURRENT_USER SERVER s9p_srv OPTIONS ("
            " cfg '{''user'': ''app'', ''password'': ''PyLitPw1'', ''partition_key'': ''id''}')")
    db.exec("SELECT pggit_v0.create_basic_commit('s9 python literal')")
    stored = "\n".join(r["content"] for r in db.rows(
        "SELECT content FROM pggit_v0.objects WHERE type = 'blob'"))
    assert "PyLitPw1" not in stored, stored
    assert "partition_key" in stored and "''user'': ''app''" in stored, stored
    logged = db.val("SELECT string_agg(statement, E'\\n') FROM pggit_v0.ddl_log"
                    " WHERE command_tag = 'CREATE USER MAPPING'")
    assert "PyLitPw1" not in logged, logged
    # (the log redacts more when unsure: any member named like "key" too, as its JSON rule)
    assert "''password'': ''[redacted]''" in logged and "''user'': ''app''" in logged, logged


def test_python_literal_members_not_named_like_secrets_are_kept(db: SqlDb) -> None:
    got = db.val("SELECT pggit_v0._redact_option_value(%s)",
                 ["{'partition_key': 'id', 'api_key': 's3', 'password': 'p'}"])
    assert got == """{'partition_key': 'id', 'api_key': "[redacted]", 'password': "[redacted]"}""", got


def test_the_ddl_log_and_blobs_redact_every_quoting_of_a_literal(db: SqlDb) -> None:
    """sec11 T5-12: in the DDL log a dollar-quoted literal keeps its single quotes (the
    doubled-quote rule missed it), a nested member's value may be double-quoted, and a
    Python ``dict(password=...)`` was redacted in the log but kept in the blob."""
    db.exec("CREATE FOREIGN DATA WRAPPER t512_w")
    db.exec("CREATE SERVER t512_srv FOREIGN DATA WRAPPER t512_w")
    db.exec("CREATE USER MAPPING FOR CURRENT_USER SERVER t512_srv OPTIONS ("
            " a $${'password': 'DolLit1'}$$, b $${'db': {'pwd': \"DolLit2\"}}$$,"
            " c $$dict(password='DolLit3')$$, d $${'password' : 'Py\\'Lit\\'4'}$$,"
            " e $${'user': 'app'}$$)")
    db.exec("SELECT pggit_v0.create_basic_commit('t5-12')")
    stored = "\n".join(r["content"] for r in db.rows(
        "SELECT content FROM pggit_v0.objects WHERE type = 'blob'"))
    logged = db.val("SELECT string_agg(statement, E'\\n') FROM pggit_v0.ddl_log"
                    " WHERE command_tag = 'CREATE USER MAPPING'")
    for where, text in (("blob", stored), ("ddl_log", logged)):
        leaked = [s for s in ("DolLit1", "DolLit2", "DolLit3", "Lit", "4'") if s in text]
        assert not leaked, (where, leaked, text)
        assert "'user': 'app'" in text.replace("''", "'"), (where, text)


def test_the_ddl_log_redacts_a_literal_written_with_backslash_escapes(db: SqlDb) -> None:
    """The review's R11-9: E'{\\'password\\': \\'x\\'}' kept its password in the log, and a
    backslash-escaped quote inside a doubled-quote value let the value's tail through."""
    db.exec("CREATE FOREIGN DATA WRAPPER r119_w")
    db.exec("CREATE SERVER r119_srv FOREIGN DATA WRAPPER r119_w")
    db.exec("CREATE USER MAPPING FOR CURRENT_USER SERVER r119_srv OPTIONS ("
            r" esc E'{\'user\': \'app\', \'password\': \'EscPw3\'}',"
            r" bs '{''password'': ''ab\''cdLeak4''}')")
    logged = db.val("SELECT string_agg(statement, E'\\n') FROM pggit_v0.ddl_log"
                    " WHERE command_tag = 'CREATE USER MAPPING'")
    assert "EscPw3" not in logged and "cdLeak4" not in logged, logged
    assert r"\'user\': \'app\'" in logged, logged
