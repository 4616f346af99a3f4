"""A cascade, trigger or rule a step sets up counts only when a statement after it sets
it off (the review's R10-6: the textbook "DELETE the orphans, then ADD FOREIGN KEY ...
ON DELETE CASCADE" step failed NOT JUDGED since the S10 rules read the step unordered)."""
from __future__ import annotations

import pytest

from pytest_pggit.datachanges import StepData

ORPHANS = "DELETE FROM public.orders WHERE user_id NOT IN (SELECT id FROM public.users);"
FK = ("ALTER TABLE public.orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) "
      "REFERENCES public.users (id) ON DELETE CASCADE;")


def unseen(*stmts: str) -> list:
    data = StepData(sql=[(f"f.sql:{i + 1}", s) for i, s in enumerate(stmts)])
    return [(s.verb, s.where) for s in data.statements() if s.unseen]


def test_orphans_deleted_before_the_cascading_key_are_no_unseen_change() -> None:
    assert unseen(ORPHANS, FK) == []


def test_a_delete_after_the_cascading_key_is_one() -> None:
    assert unseen(FK, "DELETE FROM public.users WHERE id < 10;") == [("CASCADE", "f.sql:1")]


@pytest.mark.parametrize("writes_first", [True, False])
def test_a_lossy_trigger_counts_only_with_a_write_after_it(writes_first: bool) -> None:
    fn = ("CREATE FUNCTION public.purge() RETURNS trigger LANGUAGE plpgsql AS "
          "$$ BEGIN DELETE FROM public.users; RETURN NEW; END $$;")
    trg = "CREATE TRIGGER t AFTER INSERT ON public.orders FOR EACH ROW EXECUTE FUNCTION public.purge();"
    ins = "INSERT INTO public.orders VALUES (1, 1);"
    got = unseen(ins, fn, trg) if writes_first else unseen(fn, trg, ins)
    assert got == ([] if writes_first else [("TRIGGER", "f.sql:2")])


@pytest.mark.parametrize("merge, every_row", [
    ("MERGE INTO public.users u USING public.src s ON true WHEN MATCHED THEN DELETE;", True),
    ("MERGE INTO public.users u USING public.src s ON true WHEN NOT MATCHED THEN INSERT VALUES (s.id) "
     "WHEN MATCHED THEN DELETE;", True),
    ("MERGE INTO public.users u USING public.src s ON true WHEN MATCHED AND u.id > 3 THEN DELETE;", False),
])
def test_a_merge_on_true_deleting_when_matched_loses_every_row(merge: str, every_row: bool) -> None:
    """The review's R10-3: a WHEN NOT MATCHED clause first hid it."""
    got = StepData(sql=[("f.sql:1", merge)]).statements()
    assert [(s.verb, s.every_row) for s in got] == [("MERGE", every_row)]


def test_an_on_update_cascade_with_an_update_after_it_is_unseen() -> None:
    """The review's R10-2: ON UPDATE SET NULL plus an UPDATE of the referenced key passed."""
    fk = ("ALTER TABLE public.users ADD CONSTRAINT users_src FOREIGN KEY (email) "
          "REFERENCES public.src (email) ON UPDATE SET NULL;")
    assert unseen(fk, "UPDATE public.src SET email = email || 'x';") == [("CASCADE", "f.sql:1")]
    assert unseen("UPDATE public.src SET email = email || 'x';", fk) == []


def test_a_trigger_enabled_then_fired_is_unseen() -> None:
    """The review's R10-2: a disabled trigger of the base (its body unread) enabled, then fired."""
    assert unseen("ALTER TABLE public.audit ENABLE TRIGGER purge_users;",
                  "INSERT INTO public.audit VALUES (1);") == [("ENABLE TRIGGER", "f.sql:1")]
