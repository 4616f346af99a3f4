"""T2 of the December engine round (a hostile name): an enum whose name holds a double
quote.  Capture keeps an enum's labels before an ALTER TYPE only for the types the
statement names, looked for by their name, which the statement holds with its quotes
doubled: the RENAME VALUE was not followed, the labels were migrated as a rebuild
through text, and a checkout back failed (22P02) on rows holding a renamed label."""
from __future__ import annotations

from sql_conftest import SqlDb

MOOD = 'public."mood ""q"""'   # the type mood "q"


def test_a_label_renamed_in_an_enum_whose_name_holds_a_quote_is_followed(db: SqlDb) -> None:
    db.exec(f"CREATE TYPE {MOOD} AS ENUM ('a b', 'c''d', 'plain');"
            f"CREATE TABLE public.r (id int PRIMARY KEY, m {MOOD} DEFAULT 'c''d');"
            "INSERT INTO public.r VALUES (1, 'c''d'), (2, 'plain')")
    c1 = db.val("SELECT pggit_v0.create_basic_commit('c1')")
    db.exec(f"ALTER TYPE {MOOD} RENAME VALUE 'c''d' TO 'c\"d'")
    db.exec(f"ALTER TYPE {MOOD.split('.', 1)[1]} RENAME VALUE 'plain' TO 'plain2'")   # unqualified too
    assert [r["renamed_label"] for r in db.rows(
        "SELECT renamed_label FROM pggit_v0.ddl_log WHERE command_tag = 'ALTER TYPE' ORDER BY id")] == [
        ["c'd", 'c"d'], ["plain", "plain2"]]
    c2 = db.val("SELECT pggit_v0.create_basic_commit('c2')")
    back = db.val("SELECT pggit_v0.generate_migration(%s, %s)", [c2, c1])
    assert f"ALTER TYPE {MOOD} RENAME VALUE 'c\"d' TO 'c''d';" in back, back
    assert "__pggit_old" not in back, back
    db.exec("SELECT pggit_v0.create_branch('b1', from_ref => %s, checkout => false)", [c1])
    db.exec("SELECT pggit_v0.checkout_branch('b1', apply => true)")
    assert db.rows("SELECT id, m::text AS m FROM public.r ORDER BY id") == [
        {"id": 1, "m": "c'd"}, {"id": 2, "m": "plain"}]
