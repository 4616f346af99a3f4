"""Tests of the library schema, built by the project's Alembic revisions (one commit and
tag per revision on main). pggit / pggit_conn roll back; pggit_isolated_db is a clone."""
import psycopg
import pytest
import sqlalchemy as sa

from pytest_pggit.assertions import assert_diff, assert_integrity, assert_no_alerts

REVISIONS = ["0001", "0002", "0003", "0004"]


def test_each_revision_is_a_tagged_commit(pggit):
    tags = [t for (t,) in pggit.execute(
        "SELECT name FROM pggit_v0.list_tags() WHERE name LIKE 'alembic/%' ORDER BY 1")]
    assert tags == [f"alembic/{r}" for r in REVISIONS]
    assert "alembic 0003: ISBN on books, unique" in [c.message for c in pggit.history()]
    assert not pggit.status(), "the schema after the revisions is committed"
    assert_integrity(pggit)
    assert_no_alerts(pggit, min_severity="WARNING")


def test_what_the_newest_revision_does(pggit):
    diff = assert_diff(pggit, "alembic/0003", "alembic/0004",
                       removed=["public/table/authors/column/notes"], added=[], modified=[])
    assert "data_deletion" in diff.hazards   # accepted by the comment in 0004_drop_author_notes.py


def test_a_book_needs_an_author(pggit_conn):
    with pytest.raises(psycopg.errors.ForeignKeyViolation):
        with pggit_conn.transaction():
            pggit_conn.execute("INSERT INTO books (author_id, title) VALUES (42, 'Orphan')")


def test_isbn_is_unique(pggit_conn):
    (author,) = pggit_conn.execute("INSERT INTO authors (name) VALUES ('Ann') RETURNING id").fetchone()
    pggit_conn.execute("INSERT INTO books (author_id, title, isbn) VALUES (%s, 'A', '978-1')", (author,))
    with pytest.raises(psycopg.errors.UniqueViolation):
        with pggit_conn.transaction():
            pggit_conn.execute("INSERT INTO books (author_id, title, isbn) VALUES (%s, 'B', '978-1')",
                               (author,))


def test_sqlalchemy_code_that_commits_gets_a_clone(pggit_isolated_db):
    engine = sa.create_engine(pggit_isolated_db.url)   # postgresql+psycopg://...
    try:
        with engine.begin() as conn:
            conn.execute(sa.text("INSERT INTO authors (name) VALUES ('Bo')"))
        with engine.connect() as conn:
            assert conn.execute(sa.text("SELECT count(*) FROM authors")).scalar() == 1
    finally:
        engine.dispose()
