"""Secret-looking options are never stored in history (V19).

Servers, user mappings and subscriptions already leave them out; foreign-data wrappers,
foreign tables and foreign-table columns follow the same rule: the option is left out of
the blob and a comment line names it (never its value).
"""
from __future__ import annotations

from typing import Any, Dict

from conftest import SqlDb, install

NOTE = "-- pgGit left out secret option(s) (not versioned, set them by hand): "
SECRETS = "(FdwPW|FtApiKey|ColSecret|FtPass|ColTok)"


def tree_paths(d: SqlDb, ref: str = "HEAD") -> Dict[str, str]:
    return {r["path"]: r["new_definition"] for r in d.rows(
        "SELECT path, new_definition FROM pggit_v0.diff_commits('root', %s)", [ref])}


def test_secret_options_of_wrappers_foreign_tables_and_their_columns_are_never_stored(
        db: SqlDb, make_empty_db: Any) -> None:
    db.exec("""CREATE FOREIGN DATA WRAPPER w OPTIONS (password 'FdwPW', mode 'x');
               CREATE SERVER s FOREIGN DATA WRAPPER w;
               CREATE FOREIGN TABLE public.ft (a int OPTIONS (secret 'ColSecret', n 'keep'), b text)
                   SERVER s OPTIONS (table_name 't', api_key 'FtApiKey')""")
    db.exec("SELECT pggit_v0.create_basic_commit('fdw')")
    assert db.val(f"SELECT count(*) FROM pggit_v0.objects WHERE content ~ '{SECRETS}'") == 0
    got = tree_paths(db)
    assert got["pg_database/foreign_data_wrapper/w"] == (
        "CREATE FOREIGN DATA WRAPPER w OPTIONS (mode 'x');\n" + NOTE + "password")
    assert got["public/foreign_table/ft"] == (
        "CREATE FOREIGN TABLE public.ft (\n"
        "    a integer OPTIONS (n 'keep'),\n"
        "    b text\n"
        ") SERVER s OPTIONS (table_name 't');\n" + NOTE + "api_key, secret (column a)")

    # the incremental path (a commit of the logged changes) reads them the same way
    db.exec("""ALTER FOREIGN TABLE public.ft OPTIONS (ADD password 'FtPass');
               ALTER FOREIGN TABLE public.ft ALTER COLUMN b OPTIONS (ADD token 'ColTok')""")
    db.exec("SET pggit.verify_incremental = on")
    db.exec("SELECT pggit_v0.create_basic_commit('more secrets')")
    assert db.val(f"SELECT count(*) FROM pggit_v0.objects WHERE content ~ '{SECRETS}'") == 0
    assert tree_paths(db)["public/foreign_table/ft"].endswith(
        ") SERVER s OPTIONS (table_name 't');\n" + NOTE + "api_key, password, secret (column a), token (column b)")

    # the migration script names them and runs
    script = db.val("SELECT pggit_v0.generate_migration('root', 'HEAD')")
    assert not any(s in script for s in SECRETS.strip("()").split("|"))
    assert NOTE + "api_key" in script
    other = make_empty_db()
    install(other)
    proc = other.psql(sql=script, check=False)
    assert proc.returncode == 0, proc.stderr
    assert other.val("SELECT ftoptions::text FROM pg_foreign_table") == "{table_name=t}"
