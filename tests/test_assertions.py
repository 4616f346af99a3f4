"""pytest_pggit.assertions: each assertion's failure text, checked on its content, and
pytest_assertrepr_compare for SchemaDiff comparisons.

Inner pytest runs (pytester) against the outer run's server (--pggit-backend dsn).
"""
from __future__ import annotations

from typing import List

import pytest

from pytest_pggit.backends import Server


def dsn_args(server: Server) -> List[str]:
    return ["--pggit", "--pggit-backend", "dsn", "--pggit-dsn", server.dsn(), "-p", "no:randomly"]


SCHEMA = """
CREATE TABLE products (id int PRIMARY KEY, title text NOT NULL);
CREATE TABLE legacy (id int PRIMARY KEY, note text);
INSERT INTO products VALUES (1, 'Mug');
"""


@pytest.fixture
def outcome(pytester: pytest.Pytester, pggit_server: Server):
    (pytester.path / "schema.sql").write_text(SCHEMA)

    def run(source: str, *args: str) -> pytest.RunResult:
        pytester.makepyfile(source)
        return pytester.runpytest(*dsn_args(pggit_server), "--pggit-schema", "schema.sql", *args)

    return run


TESTS = '''
import pytest
from pytest_pggit.assertions import (assert_diff, assert_integrity, assert_migration_applies,
                                     assert_no_alerts, assert_no_diff)

def change(pggit):
    pggit.branch("feature/x")
    pggit.execute("ALTER TABLE products ALTER COLUMN title TYPE varchar(200)")
    pggit.execute("ALTER TABLE products ADD COLUMN price int")
    pggit.execute("DROP TABLE legacy")
    pggit.commit("x")

def test_no_diff(pggit):
    change(pggit)
    assert_no_diff(pggit, "main", "feature/x")

def test_no_diff_method(pggit):
    change(pggit)
    pggit.assert_no_diff("main", "feature/x")

def test_diff(pggit):
    change(pggit)
    assert_diff(pggit, "main", "feature/x", added=["public/table/products/column/price",
                                                 "public/table/products/column/sku"],
                removed=["public/table/legacy"], exact=False)

def test_diff_exact(pggit):
    change(pggit)
    assert_diff(pggit, "main", "feature/x", added=["public/table/products/column/price"],
                modified=[])

def test_diff_passes(pggit):
    change(pggit)
    d = pggit.assert_diff("main", "feature/x", added=["public/table/products/column/price"],
                          modified=["public/table/products/column/title"], exact=False)
    assert "data_deletion" in d.hazards

def test_integrity(pggit):
    assert_integrity(pggit)
    pggit.execute("SET LOCAL pggit.allow_history_rewrite = on")
    pggit.execute("UPDATE pggit_v0.commit_graph SET message = 'tampered'")
    assert_integrity(pggit)

def test_alerts(pggit):
    assert_no_alerts(pggit)
    pggit.execute("ALTER EVENT TRIGGER pggit_v0_capture_ddl DISABLE")
    assert_no_alerts(pggit, min_severity="CRITICAL")  # the capture alert is a WARNING
    assert_no_alerts(pggit)

def test_migration_applies(pggit):
    change(pggit)
    check = assert_migration_applies(pggit, "main", "feature/x")
    assert check.ok and "DROP TABLE" in check.script
    assert pggit.current_branch().name == "feature/x"  # verification left nothing behind
    assert pggit.execute("SELECT to_regclass('legacy')") == [(None,)]

def test_migration_fails(pggit):
    pggit.branch("feature/nn")
    pggit.execute("DELETE FROM products")
    pggit.execute("ALTER TABLE products ADD COLUMN sku text NOT NULL")
    pggit.commit("sku required")
    pggit.execute("INSERT INTO products VALUES (1, 'Mug', 'MUG-1')")
    pggit.checkout("main", apply=True, force=True)  # main's schema, its row back in place
    pggit.assert_migration_applies("main", "feature/nn")

def test_compare_list(pggit):
    change(pggit)
    diff = pggit.diff("main", "feature/x")
    assert diff == ["public/table/products/column/price"]

def test_compare_diffs(pggit):
    change(pggit)
    assert pggit.diff("main", "feature/x") == pggit.diff("main", "main")

def test_not_diff(pggit):
    change(pggit)
    diff = pggit.diff("main", "feature/x")
    assert not diff
'''


def test_failure_texts(outcome) -> None:
    result = outcome(TESTS, "-vv")  # -vv: pytest does not truncate assertrepr_compare text
    result.assert_outcomes(passed=2, failed=10)
    text = result.stdout.str()
    sections = {}
    for name in ("test_no_diff", "test_no_diff_method", "test_diff", "test_diff_exact",
                 "test_integrity", "test_alerts", "test_migration_fails", "test_compare_list",
                 "test_compare_diffs", "test_not_diff"):
        start = text.index(f"_ {name} _")
        end = text.find("\n___", start + 10)
        sections[name] = text[start:end if end > 0 else None]

    for name in ("test_no_diff", "test_no_diff_method"):
        s = sections[name]
        assert "expected no schema changes from main to feature/x, found" in s
        # the table of paths, with hazards
        assert "change" in s and "path" in s and "hazards" in s
        assert "REMOVED   public/table/legacy" in s
        assert "ADDED     public/table/products/column/price" in s
        assert "data_deletion" in s
        # the unified diff of the modified column
        assert "--- main/public/table/products/column/title" in s
        assert "+++ feature/x/public/table/products/column/title" in s
        assert "-title text NOT NULL" in s
        assert "+title character varying(200) NOT NULL" in s

    s = sections["test_diff"]
    assert "expected ADDED but not found: public/table/products/column/sku" in s
    assert "expected REMOVED" not in s  # legacy is removed as expected
    s = sections["test_diff_exact"]
    assert "MODIFIED but not expected:      public/table/products/column/title" in s
    assert "-title text NOT NULL" in s

    s = sections["test_integrity"]
    assert "integrity check(s) failed" in s and "commit_content" in s and "FAILED" in s
    assert "object_hashes" not in s  # only the failing checks are listed

    s = sections["test_alerts"]
    assert "1 alert(s) at or above WARNING" in s
    assert "WARNING     capture" in s and "ENABLE" in s  # the hint says how to fix it

    s = sections["test_migration_fails"]
    assert "the migration main..feature/nn (" in s and "does not reproduce feature/nn" in s
    assert "it failed: 23502" in s  # not_null_violation
    assert "ADD COLUMN sku text NOT NULL" in s

    s = sections["test_compare_list"]
    assert "in the diff but not expected:" in s
    assert "public/table/legacy" in s and "public/table/products/column/title" in s
    assert "-title text NOT NULL" in s

    s = sections["test_compare_diffs"]
    assert "expected but not in the diff:" not in s
    assert "in the diff but not expected:" in s and "REMOVED public/table/legacy" in s

    # `assert not diff`: pytest shows the one-line repr (no assertrepr_compare for `not`)
    s = sections["test_not_diff"]
    assert "assert not SchemaDiff main..feature/x([-public/table/legacy, " in s
    assert "+public/table/products/column/price, ~public/table/products/column/title])" in s
