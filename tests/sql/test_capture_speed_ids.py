"""Capture numbers an event's rows by their place in its command list (issue 15): ids
stay unique and increasing when an event has more rows than the session's block has
ids left, when some of its rows are not logged, across blocks, after a rename, and when
the block state is one an older layer left."""
from __future__ import annotations

from conftest import SqlDb


def session(d: SqlDb) -> SqlDb:
    return SqlDb(d.dsn, d.name)


def log(d: SqlDb) -> list:
    return d.rows("SELECT id, event, object_type, object_identity FROM pggit_v0.ddl_log ORDER BY id")


def assert_clean(d: SqlDb) -> None:
    assert d.rows("SELECT * FROM pggit_v0.capture_faults") == []


def test_an_event_with_more_rows_than_a_block_logs_them_all_in_order(db: SqlDb) -> None:
    s = session(db)
    try:
        s.exec("CREATE TABLE public.before (id int)")                  # the session has a block now
        cols = ", ".join(f"c{i} serial" for i in range(130))            # 130 sequences, owned: 261 rows
        s.exec(f"CREATE TABLE public.wide ({cols})")
        s.exec("CREATE TABLE public.after (id int)")
        rows = log(s)
        assert_clean(s)
        wide = [r for r in rows if r["object_identity"] == "public.wide"
                or (r["object_identity"] or "").startswith("public.wide_c")]
        assert len(wide) == 261
        ids = [r["id"] for r in rows]
        assert ids == sorted(set(ids))
        order = [r["object_identity"] for r in rows]
        assert order[0] == "public.before" and order[-1] == "public.after"
        # the command list's order: each sequence is created before the table, owned after it
        assert order.index("public.wide") == 131 and order[1] == "public.wide_c0_seq"
    finally:
        s.close()


def test_rows_not_logged_use_up_their_ids_and_blocks_roll_over(db: SqlDb) -> None:
    s = session(db)
    try:
        for i in range(60):   # temp objects (not logged) between logged ones, across several blocks
            s.exec(f"CREATE TABLE public.t{i} (id serial PRIMARY KEY)")
            s.exec(f"CREATE TEMP TABLE tmp{i} (id serial PRIMARY KEY)")
            s.exec(f"DROP TABLE tmp{i}")
        s.exec("DROP TABLE public.t0, public.t1")
        assert_clean(s)
        rows = log(s)
        ids = [r["id"] for r in rows]
        assert ids == sorted(set(ids))
        assert sum(r["object_identity"] == "public.t59" for r in rows) == 1
        assert not [r for r in rows if "tmp" in (r["object_identity"] or "")]
        drops = [r["object_identity"] for r in rows if r["event"] == "sql_drop"]
        assert sorted(drops) == ["public.t0", "public.t1"]
        assert s.val("SELECT count(*) FROM pggit_v0.dropped_table_stats "
                     "WHERE object_identity IN ('public.t0', 'public.t1')") == 2
        assert s.val("SELECT min(id) FROM pggit_v0.dropped_table_stats") > max(ids[:-2])
    finally:
        s.close()


def test_a_block_state_an_older_layer_left_is_not_trusted(db: SqlDb) -> None:
    s = session(db)
    try:
        s.exec("CREATE TABLE public.a (id int)")
        state = s.val("SELECT current_setting('pggit.capture_block')")
        counter = state.split(":")[1]
        first = s.val("SELECT id FROM pggit_v0.ddl_log WHERE object_identity = 'public.a'")
        # 'next id:counter', as the layer before wrote it: a number, not a count of 'x'
        s.exec("SELECT set_config('pggit.capture_block', %s, false)", [f"{first}:{counter}"])
        s.exec("CREATE TABLE public.b (id int)")
        for bad in ("xyz:" + counter, "x" * 257 + ":" + counter, ":", "", "x:12:34"):
            s.exec("SELECT set_config('pggit.capture_block', %s, false)", [bad])
            s.exec(f"CREATE TABLE public.c{len(bad)} (id int)")
        assert_clean(s)
        ids = [r["id"] for r in log(s)]
        assert ids == sorted(set(ids)) and len(ids) == 7
    finally:
        s.close()


def test_a_rename_in_a_long_event_keeps_ids_unique(db: SqlDb) -> None:
    s = session(db)
    try:
        s.exec("CREATE TABLE public.r (id int)")
        s.exec("ALTER TABLE public.r RENAME TO r2")
        s.exec("CREATE TABLE public.after_rename (id serial PRIMARY KEY)")
        assert_clean(s)
        rows = log(s)
        ids = [r["id"] for r in rows]
        assert ids == sorted(set(ids))
        renamed = s.one("SELECT renamed_from FROM pggit_v0.ddl_log WHERE object_identity = 'public.r2'")
        assert renamed["renamed_from"] == "public.r"
    finally:
        s.close()


def test_the_layer_commits_and_verifies_after_capture(db: SqlDb) -> None:
    db.exec("CREATE TABLE public.x (id serial PRIMARY KEY, v text DEFAULT 'k')")
    db.exec("CREATE TEMP TABLE y (id int)")
    db.exec("SELECT pggit_v0.create_basic_commit('x')")
    db.exec("ALTER TABLE public.x ADD COLUMN w int")
    db.exec("SELECT pggit_v0.create_basic_commit('w')")
    assert db.rows("SELECT path FROM pggit_v0.status()") == []
    assert all(r["status"] == "OK" for r in db.rows("SELECT status FROM pggit_v0.validate_data_integrity()"))


def test_the_new_capture_functions_name_every_layer_table_with_its_schema(db: SqlDb) -> None:
    """As test_capture_security checks for the others: a temporary table of the same name
    is never read or written."""
    import re

    tables = ("ddl_log", "capture_faults", "dropped_table_stats", "head", "meta", "capture_ids", "capture_ids_lock")
    found = {r["proname"]: r["src"] for r in db.rows(
        "SELECT p.proname, p.prosrc AS src FROM pg_proc p WHERE p.pronamespace = 'pggit_v0'::regnamespace "
        "AND p.proname IN ('_capture_drop', '_capture_other', '_capture_keeps')")}
    assert set(found) == {"_capture_drop", "_capture_other", "_capture_keeps"}
    as_relation = re.compile(r"\b(?:FROM|JOIN|INTO|UPDATE|TABLE)\s+(%s)\b" % "|".join(tables), re.I)
    assert {k: as_relation.findall(re.sub(r"--[^\n]*", "", v)) for k, v in found.items()} == \
        {k: [] for k in found}
