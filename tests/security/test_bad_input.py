"""Bad input (issue 11): the layer's own errors, naming the argument, for empty or
whitespace-only text, refs named like commit shas, and ref names that skip the API."""
from __future__ import annotations

from typing import Optional

import pytest

from errors import raises_sql
from sql_conftest import SqlDb, install

# every kind of whitespace and invisible character a "blank" text may be made of
BLANKS = {
    "space": " ", "tab": "\t", "newline": "\n", "cr": "\r", "vt": "\x0b", "ff": "\x0c", "nel": "\x85",
    "nbsp": "\u00a0", "ogham": "\u1680", "mongolian": "\u180e", "en-quad": "\u2000", "em-space": "\u2003",
    "hair": "\u200a", "zwsp": "\u200b", "zwnj": "\u200c", "zwj": "\u200d", "line-sep": "\u2028",
    "para-sep": "\u2029", "narrow-nbsp": "\u202f", "math-space": "\u205f", "word-joiner": "\u2060",
    "ideographic": "\u3000", "bom": "\ufeff",
}


@pytest.mark.parametrize("value", [None, ""] + list(BLANKS.values()) + [" \t\n\u00a0\u200b\u3000\ufeff "],
                         ids=["null", "empty"] + list(BLANKS) + ["mixed"])
def test_require_text_refuses_blank_text(db: SqlDb, value: Optional[str]) -> None:
    with raises_sql("22023", "commit message must not be empty", hint="commit message"):
        db.exec("SELECT pggit_v0._require_text(%s, 'commit message')", [value])
    if value:  # the same characters around a visible one are fine
        assert db.val("SELECT pggit_v0._require_text(%s, 'x')", [value + "x" + value]) == value + "x" + value


def test_require_text_returns_the_value_and_takes_a_hint(db: SqlDb) -> None:
    assert db.val("SELECT pggit_v0._require_text(' Add t ', 'commit message')") == " Add t "
    assert db.val("SELECT pggit_v0._require_text('ü', 'author')") == "ü"
    with raises_sql("22023", "author must not be empty", hint="Omit author"):
        db.exec("SELECT pggit_v0._require_text(' ', 'author', 'Omit author to use current_user.')")


@pytest.mark.parametrize("call", ["get_object_metadata({s}, {o})", "get_object_definition({s}, {o})",
                                  "get_object_definition({s}, {o}, 'HEAD')", "get_object_history({s}, {o})"])
@pytest.mark.parametrize("schema, obj, what", [
    ("''", "'t'", "schema_name"), ("NULL", "'t'", "schema_name"), ("E' \\t\\n'", "'t'", "schema_name"),
    ("U&'\\3000\\200B'", "'t'", "schema_name"),
    ("'public'", "''", "object_name"), ("'public'", "NULL", "object_name"), ("'public'", "U&'\\00A0'", "object_name"),
])
def test_introspection_refuses_empty_names(db: SqlDb, call: str, schema: str, obj: str, what: str) -> None:
    db.exec("CREATE TABLE public.t (id int)")
    with raises_sql("22023", f"{what} must not be empty", hint="Pass both schema_name and object_name"):
        db.exec("SELECT * FROM pggit_v0." + call.format(s=schema, o=obj))


@pytest.mark.parametrize("name", ["abcd", "BEEF", "dead", "1234", "2024", "cafe1234", "a" * 40, "F" * 64])
@pytest.mark.parametrize("kind", ["branch", "tag"])
def test_refs_named_like_a_commit_sha_are_refused(db: SqlDb, name: str, kind: str) -> None:
    call = f"create_branch(%s, checkout => false)" if kind == "branch" else "create_tag(%s)"
    with raises_sql("42602", f'invalid {kind} name "{name}": it looks like a commit sha'):
        db.exec(f"SELECT pggit_v0.{call}", [name])


def test_refs_that_only_contain_hex_are_fine(db: SqlDb) -> None:
    for name in ("abc", "feature/beef", "beef-1", "v1234", "deadbeef.x", "a" * 65, "cafébabe"):
        db.exec("SELECT pggit_v0.create_branch(%s, checkout => false)", [name])


def test_a_sha_prefix_is_never_hidden_by_a_ref(db: SqlDb) -> None:
    base = db.val("SELECT pggit_v0.get_head_sha()")
    db.exec("CREATE TABLE public.t (id int)")
    db.val("SELECT pggit_v0.create_basic_commit('t')")
    with raises_sql("42602", "looks like a commit sha"):
        db.exec("SELECT pggit_v0.create_branch(%s, from_ref => 'HEAD')", [base[:7]])
    assert db.val("SELECT pggit_v0._resolve_ref(%s)", [base[:7]]) == base


@pytest.mark.parametrize("name", ["x\nALTER ROLE bob SUPERUSER;--", "a b", "a..b", "HEAD", "", "-x", "x.lock",
                                  "abcd1234", "ls\u2028ps", "nel\x85", "back\\slash", "a*/b/*"])
def test_direct_insert_into_refs_is_checked(db: SqlDb, name: str) -> None:
    head = db.val("SELECT pggit_v0.get_head_sha()")
    with raises_sql("23514", 'violates check constraint "refs_name_valid"'):
        db.exec("INSERT INTO pggit_v0.refs (name, type, target_sha) VALUES (%s, 'branch', %s)", [name, head])
    with raises_sql("23514", 'violates check constraint "refs_name_valid"'):
        db.exec("UPDATE pggit_v0.refs SET name = %s WHERE name = 'main'", [name])
    assert db.val("SELECT count(*) FROM pggit_v0.refs") == 1


def test_reinstall_keeps_a_ref_the_rules_now_refuse_and_warns(db: SqlDb) -> None:
    """An install that already holds such a ref (e.g. a branch "beef" made before the sha
    rule) upgrades: the ref and its history stay, the constraint is NOT VALID, a WARNING
    names the ref; once renamed through the API, the next install validates the constraint."""
    head = db.val("SELECT pggit_v0.get_head_sha()")
    db.exec("ALTER TABLE pggit_v0.refs DROP CONSTRAINT refs_name_valid")
    db.exec("INSERT INTO pggit_v0.refs (name, type, target_sha) VALUES ('beef', 'branch', %s), "
            "(E'bad\\nname', 'tag', %s)", [head, head])
    proc = install(db)
    assert "WARNING:  pgGit: refs with names the ref-name rules now refuse: " in proc.stderr, proc.stderr
    assert "branch 'beef' (it looks like a commit sha)" in proc.stderr
    assert "tag 'bad\nname' (it contains a control character or line break)" in proc.stderr
    assert "HINT:  Rename a branch through the API" in proc.stderr
    assert db.val("SELECT convalidated FROM pg_constraint WHERE conname = 'refs_name_valid' "
                  "AND conrelid = 'pggit_v0.refs'::regclass") is False
    assert db.val("SELECT count(*) FROM pggit_v0.refs") == 3
    assert db.val("SELECT pggit_v0._resolve_ref('beef')") == head
    with raises_sql("23514", "refs_name_valid"):  # a new bad ref is still refused
        db.exec("INSERT INTO pggit_v0.refs (name, type, target_sha) VALUES ('f00d', 'branch', %s)", [head])
    db.exec("SELECT pggit_v0.checkout_branch('beef')")
    db.exec("CREATE TABLE public.t (id int)")
    with raises_sql("23514", "refs_name_valid"):  # ... and the kept one cannot move
        db.exec("SELECT pggit_v0.create_basic_commit('t')")
    db.exec("DROP TABLE public.t")
    db.exec("SELECT pggit_v0.checkout_branch('main')")

    db.exec("SELECT pggit_v0.create_branch('beef-2', from_ref => 'beef', checkout => false)")
    db.exec("SELECT pggit_v0.delete_branch('beef')")
    db.exec("DELETE FROM pggit_v0.refs WHERE type = 'tag'")  # (no API deletes a tag)
    proc = install(db)
    assert "refs_name_valid" not in proc.stderr and "WARNING" not in proc.stderr, proc.stderr
    assert db.val("SELECT convalidated FROM pg_constraint WHERE conname = 'refs_name_valid' "
                  "AND conrelid = 'pggit_v0.refs'::regclass") is True
    assert db.val("SELECT pggit_v0._resolve_ref('beef-2')") == head


@pytest.mark.parametrize("blank", [" ", "\t", "\n", "\u00a0", "\u200b", "\u3000", " \t\u00a0\u200b\u3000"],
                         ids=["space", "tab", "newline", "nbsp", "zwsp", "ideographic", "mixed"])
def test_commit_and_merge_refuse_blank_messages_and_authors(db: SqlDb, blank: str) -> None:
    with raises_sql("22023", "commit message must not be empty"):
        db.exec("SELECT pggit_v0.create_basic_commit(%s)", [blank])
    with raises_sql("22023", "commit author must not be empty", hint="Omit author"):
        db.exec("SELECT pggit_v0.create_basic_commit('ok', %s)", [blank])
    db.exec("SELECT pggit_v0.create_branch('feature/m', checkout => false)")
    db.exec("CREATE TABLE public.t (id int)")
    db.exec("SELECT pggit_v0.create_basic_commit('t')")
    db.exec("SELECT pggit_v0.checkout_branch('feature/m')")
    db.exec("SELECT pggit_v0.create_basic_commit('on feature')")
    db.exec("SELECT pggit_v0.checkout_branch('main')")
    with raises_sql("22023", "merge message must not be empty"):
        db.exec("SELECT pggit_v0.merge_branch('feature/m', message => %s)", [blank])
    # no message: the default one, never an empty one
    sha = db.val("SELECT pggit_v0.merge_branch('feature/m')")
    assert db.val("SELECT message FROM pggit_v0.commit_graph WHERE commit_sha = %s", [sha]) == \
        "Merge branch 'feature/m' into main"


def test_history_bounds_at_the_int_limit(db: SqlDb) -> None:
    rows = db.rows("SELECT * FROM pggit_v0.get_commit_history(2147483647, 2147483647)")
    assert rows == []
    assert len(db.rows("SELECT * FROM pggit_v0.get_commit_history(2147483647, 0)")) == 1
