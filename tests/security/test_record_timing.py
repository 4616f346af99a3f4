"""V18 of the December security round (an S9 variant): _record_timing, a SECURITY DEFINER
function readers may call, refused the writers' operations by exact name only: a reader
recorded 'Commit', ' commit' and 'status\\n-- fake', and nothing bounded how many rows it
appended.  Operations are now the API's names (compared without case after trimming,
stored as listed), control characters are refused, and a reader's rows per operation and
transaction are capped."""
from __future__ import annotations

from errors import raises_sql
from roles import as_role, make_role
from sql_conftest import SqlDb


def timings(d: SqlDb) -> list:
    return [(r["operation"], r["detail"]) for r in d.rows(
        "SELECT operation, detail FROM pggit_v0.op_timings WHERE detail LIKE 'v18%%' ORDER BY id")]


def test_a_reader_cannot_record_writers_operations_under_other_spellings(db: SqlDb) -> None:
    reader = make_role(db, "reader")
    with as_role(db, reader):
        for name in ("Commit", " commit", "MERGE ", " Checkout"):
            db.exec("SELECT pggit_v0._record_timing(%s, now(), 'v18 writer')", [name])
        for name in ("status\n-- fake", "Commit\n", "diff\t", "anything", "", None):
            with raises_sql("22023", "not a pgGit operation to time", hint="commit, checkout, merge, status"):
                db.exec("SELECT pggit_v0._record_timing(%s, now(), 'v18 bad')", [name])
        with raises_sql("22023", "the detail of a timing holds a control character"):
            db.exec("SELECT pggit_v0._record_timing('status', now(), E'v18 a\\n-- fake line')")
        db.exec("SELECT pggit_v0._record_timing(' Status ', now(), 'v18 ok')")
    assert timings(db) == [("status", "v18 ok")]
    # a writer records its own operations, by their listed names
    db.exec("SELECT pggit_v0._record_timing('Commit', now(), 'v18 by the owner')")
    assert timings(db)[-1] == ("commit", "v18 by the owner")


def test_a_readers_rows_per_transaction_are_capped(db: SqlDb) -> None:
    reader = make_role(db, "reader")
    with as_role(db, reader):
        db.exec("BEGIN")
        db.exec("SELECT pggit_v0._record_timing('diff', now(), 'v18 loop') FROM generate_series(1, 500)")
        db.exec("COMMIT")
    assert db.val("SELECT count(*) FROM pggit_v0.op_timings WHERE detail = 'v18 loop'") == 100
    with as_role(db, reader):   # a new transaction may record again; the API's calls still time themselves
        db.rows("SELECT * FROM pggit_v0.status()")
    assert db.val("SELECT count(*) FROM pggit_v0.op_timings WHERE operation = 'status'") >= 1


def test_a_readers_autocommit_calls_are_capped_per_minute(db: SqlDb) -> None:
    """Z16: the cap was per transaction, so each autocommit call was a transaction of its
    own and a loop of them appended without bound (3,000 rows in 4.4 s)."""
    reader = make_role(db, "reader")
    with as_role(db, reader):
        for _ in range(250):
            db.exec("SELECT pggit_v0._record_timing('diff', now(), 'v18 autocommit')")
    assert db.val("SELECT count(*) FROM pggit_v0.op_timings WHERE detail = 'v18 autocommit'") == 100
