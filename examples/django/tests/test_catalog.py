"""Tests of the catalog app: Django's ORM on pytest-django's test database (a clone of the
migrated template) and the pggit fixtures on the template itself, in one run."""
import psycopg
import pytest

from pytest_pggit.assertions import assert_diff, assert_integrity

MIGRATIONS = ["0001_initial", "0002_book", "0003_book_isbn", "0004_remove_author_bio"]


@pytest.mark.django_db
def test_books_through_the_orm():
    from django.db import IntegrityError, transaction

    from catalog.models import Author, Book

    ann = Author.objects.create(name="Ann")
    Book.objects.create(author=ann, title="Tables", isbn="978-1")
    with pytest.raises(IntegrityError), transaction.atomic():
        Book.objects.create(author=ann, title="Copy", isbn="978-1")
    assert list(ann.books.values_list("title", flat=True)) == ["Tables"]


@pytest.mark.django_db
def test_the_orm_uses_a_clone_of_the_template(pggit_db):
    from django.db import connection

    assert connection.settings_dict["NAME"] != pggit_db.name
    assert connection.settings_dict["TEST"]["TEMPLATE"] == pggit_db.name


def test_each_migration_is_a_tagged_commit(pggit):
    tags = [t for (t,) in pggit.execute(
        "SELECT name FROM pggit_v0.list_tags() WHERE name LIKE 'django/%' ORDER BY 1")]
    assert tags == [f"django/catalog/{m}" for m in MIGRATIONS]
    assert not pggit.status()
    assert_integrity(pggit)


def test_what_the_newest_migration_does(pggit):
    diff = assert_diff(pggit, "django/catalog/0003_book_isbn", "django/catalog/0004_remove_author_bio",
                       removed=["public/table/catalog_author/column/bio"], added=[], modified=[])
    assert "data_deletion" in diff.hazards   # accepted by pggit_allow in the migration module


def test_raw_sql_on_a_private_clone(pggit_isolated_db):
    with psycopg.connect(pggit_isolated_db.dsn, autocommit=True) as conn:
        conn.execute("INSERT INTO catalog_author (name) VALUES ('Bo')")
        assert conn.execute("SELECT count(*) FROM catalog_author").fetchone() == (1,)
