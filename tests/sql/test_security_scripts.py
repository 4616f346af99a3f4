"""What reaches a generated script from text a role sent, not from the catalog (the
security review's findings in the engine's files): a migration an owner runs must not
run what a developer wrote into a statement's text."""
from __future__ import annotations

import pytest

from conftest import SqlDb

#: S2: the default an added column got, replayed for a column added with a default then
#: dropped (G2), was parsed from the whole query string: a nested block comment
#: (PostgreSQL nests them) or a temporary table of the same name in the same string made
#: the parser read a default the catalog never had, run by whoever runs the script
SMUGGLED = {
    "nested_comment": "ALTER TABLE app.t ADD COLUMN c int /* /* */ DEFAULT app.evil() NOT NULL --\n*/ DEFAULT 5 NOT NULL;"
                      " ALTER TABLE app.t ALTER COLUMN c DROP DEFAULT;",
    "temporary_table": "CREATE TEMP TABLE t (id int); SET search_path = pg_temp, app;"
                       " ALTER TABLE t ADD COLUMN c int DEFAULT app.evil() NOT NULL;"
                       " ALTER TABLE app.t ADD COLUMN c int DEFAULT 5 NOT NULL; ALTER TABLE app.t ALTER COLUMN c DROP DEFAULT;",
    # ... or one made in the temporary schema by name, without the word TEMP (R11)
    "temporary_schema": "CREATE TABLE pg_temp.t (id int);"
                        " ALTER TABLE t ADD COLUMN c int DEFAULT 7 NOT NULL;"
                        " ALTER TABLE app.t ADD COLUMN c int DEFAULT 5 NOT NULL; ALTER TABLE app.t ALTER COLUMN c DROP DEFAULT;",
    # a default that is no constant: not replayed (the rows' values come from the target)
    "not_a_constant": "ALTER TABLE app.t ADD COLUMN c int DEFAULT app.evil() + 5 NOT NULL;"
                      " ALTER TABLE app.t ALTER COLUMN c DROP DEFAULT;",
}


@pytest.mark.parametrize("case", sorted(SMUGGLED))
def test_a_replayed_first_default_is_never_code_from_the_statement_text(case: str, db: SqlDb) -> None:
    """S2: the replayed default is a plain constant the statement gave the versioned table
    (5 here), or none: never a routine call read from the text."""
    db.exec("""
CREATE SCHEMA app;
CREATE TABLE app.t (id int PRIMARY KEY);
INSERT INTO app.t VALUES (1);
CREATE FUNCTION app.evil() RETURNS int LANGUAGE sql AS 'SELECT 42';
""")
    c1 = db.val("SELECT pggit_v0.create_basic_commit('c1')")
    db.exec(SMUGGLED[case])
    c2 = db.val("SELECT pggit_v0.create_basic_commit('c2')")
    script = db.val("SELECT pggit_v0.generate_migration(%s, %s)", [c1, c2])
    assert "evil" not in script and "DEFAULT 7" not in script
    if case != "not_a_constant":
        assert "ADD COLUMN c integer DEFAULT 5 NOT NULL" in script
