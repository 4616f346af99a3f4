"""Tests of the shop's schema with pytest-pggit: each runs in a transaction rolled
back afterwards (pggit / pggit_conn) or on a private clone (pggit_isolated_db)."""
import psycopg
import pytest

from pytest_pggit.assertions import (assert_diff, assert_integrity, assert_migration_applies,
                                     assert_no_alerts, assert_no_diff)


def test_schema_is_committed_and_healthy(pggit):
    assert not pggit.status(), "the schema files and the hook are all in the baseline commit"
    assert_integrity(pggit)
    assert_no_alerts(pggit, min_severity="WARNING")
    assert pggit.current_branch().name == "main"


def test_seed_rows_from_the_hook(pggit):
    assert pggit.execute("SELECT sku FROM products ORDER BY sku") == [("CAP-1",), ("MUG-1",), ("TEE-1",)]


def test_an_additive_change_is_reviewed_and_migrates(pggit, pggit_branch):
    pggit.execute("ALTER TABLE orders ADD COLUMN note text")
    pggit.execute("CREATE INDEX orders_placed_idx ON orders (placed_at)")
    pggit.commit("Orders: note, index on placed_at")

    diff = assert_diff(pggit, "main", pggit_branch.name, added=[
        "public/table/orders/column/note",
        "public/table/orders/index/orders_placed_idx",
    ], removed=[], modified=[])
    assert "index_build" in diff.hazards or diff.hazards == []  # hazards as the layer rates them
    check = assert_migration_applies(pggit, "main", pggit_branch.name)
    assert "ADD COLUMN note" in check.script


def test_diff_compares_to_a_list_of_paths(pggit):
    pggit.branch("feature/drop-cap")
    pggit.execute("ALTER TABLE products ALTER COLUMN title TYPE varchar(200)")
    pggit.commit("Bound product titles")
    diff = pggit.diff("main", "feature/drop-cap")
    assert diff == ["public/table/products/column/title"]
    assert diff.modified[0].old_definition == "title text NOT NULL"
    assert_no_diff(pggit, "main", "main")


@pytest.mark.pggit_branch("feature/loyalty")
def test_on_a_marked_branch(pggit):
    assert pggit.current_branch().name == "feature/loyalty"
    pggit.execute("CREATE TABLE loyalty_points (customer_id bigint PRIMARY KEY "
                  "REFERENCES customers (id), points integer NOT NULL DEFAULT 0)")
    pggit.commit("Loyalty points")
    assert "public/table/loyalty_points" in pggit.diff("main", "HEAD")


def test_code_that_commits_gets_a_clone(pggit_isolated_db):
    with psycopg.connect(pggit_isolated_db.dsn, autocommit=True) as conn:
        conn.execute("INSERT INTO customers (email, name) VALUES ('ann@example.com', 'Ann')")
        (n,) = conn.execute("SELECT count(*) FROM customers").fetchone()
    assert n == 1
