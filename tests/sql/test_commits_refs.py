"""Commits, branches, tags, HEAD and history: behaviour and errors."""
from __future__ import annotations

import re

import pytest

from conftest import SqlDb
from errors import raises_sql

SHA = re.compile(r"^[0-9a-f]{64}$")


def head(d: SqlDb) -> str:
    return d.val("SELECT pggit_v0.get_head_sha()")


def commit(d: SqlDb, message: str) -> str:
    return d.val("SELECT pggit_v0.create_basic_commit(%s)", [message])


def test_commit_records_parent_tree_branch_and_moves_branch(db: SqlDb) -> None:
    base = head(db)
    db.exec("CREATE TABLE public.t (id int)")
    sha = commit(db, "Add t")
    assert SHA.match(sha) and head(db) == sha
    row = db.one("SELECT * FROM pggit_v0.commit_graph WHERE commit_sha = %s", [sha])
    assert row["branch"] == "main" and row["author"] == db.val("SELECT current_user")
    assert row["changes"] == 3  # table shell, column id, column order
    assert db.val("SELECT parent_sha FROM pggit_v0.commit_parents WHERE commit_sha = %s", [sha]) == base
    assert db.val("SELECT target_sha FROM pggit_v0.refs WHERE name = 'main'") == sha
    # the commit object is content-addressed over its canonical text
    obj = db.one("SELECT * FROM pggit_v0.objects WHERE sha = %s", [sha])
    assert obj["type"] == "commit" and obj["content"].startswith(f"tree {row['tree_sha']}\nparent {base}\n")
    assert db.val("SELECT pggit_v0._sha('commit', %s)", [obj["content"]]) == sha


def test_commit_links_pending_ddl_log_entries(db: SqlDb) -> None:
    db.exec("CREATE TABLE public.t (id int)")
    db.exec("ALTER TABLE public.t ADD COLUMN v text")
    pending = db.val("SELECT count(*) FROM pggit_v0.ddl_log l WHERE NOT EXISTS "
                     "(SELECT 1 FROM pggit_v0.ddl_log_commits c WHERE c.log_id = l.id)")
    assert pending == 2
    sha = commit(db, "Add t")
    assert db.val("SELECT count(*) FROM pggit_v0.ddl_log_commits WHERE commit_sha = %s", [sha]) == 2
    assert db.val("SELECT count(*) FROM pggit_v0.ddl_log l WHERE NOT EXISTS "
                  "(SELECT 1 FROM pggit_v0.ddl_log_commits c WHERE c.log_id = l.id)") == 0


def test_commit_without_changes_is_allowed_with_notice(db: SqlDb) -> None:
    before = head(db)
    sha = commit(db, "Nothing")
    assert sha != before
    assert any("nothing changed" in n for n in db.notices)
    assert db.val("SELECT changes FROM pggit_v0.commit_graph WHERE commit_sha = %s", [sha]) == 0
    trees = db.rows("SELECT tree_sha FROM pggit_v0.commit_graph WHERE commit_sha IN (%s, %s)", [sha, before])
    assert trees[0] == trees[1]


@pytest.mark.parametrize("message", [None, "", "   "])
def test_commit_message_must_not_be_empty(db: SqlDb, message: object) -> None:
    before = db.val("SELECT count(*) FROM pggit_v0.commit_graph")
    with raises_sql("22023", "commit message must not be empty", hint="Say what changed"):
        db.exec("SELECT pggit_v0.create_basic_commit(%s)", [message])
    assert db.val("SELECT count(*) FROM pggit_v0.commit_graph") == before


def test_commit_author_argument(db: SqlDb) -> None:
    sha = db.val("SELECT pggit_v0.create_basic_commit('Msg', 'alice@example.com')")
    assert db.val("SELECT author FROM pggit_v0.commit_graph WHERE commit_sha = %s", [sha]) == "alice@example.com"
    with raises_sql("22023", "author must not be empty"):
        db.exec("SELECT pggit_v0.create_basic_commit('Msg', '')")


def test_create_branch_checks_out_and_next_commit_lands_on_it(db: SqlDb) -> None:
    base = head(db)
    assert db.val("SELECT pggit_v0.create_branch('feature/x', 'X work')") == base
    db.exec("CREATE TABLE public.x (id int)")
    sha = commit(db, "x")
    b = {r["name"]: r for r in db.rows("SELECT * FROM pggit_v0.list_branches()")}
    assert b["feature/x"]["head_sha"] == sha and b["feature/x"]["is_current"]
    assert b["main"]["head_sha"] == base and not b["main"]["is_current"]
    assert (b["feature/x"]["ahead"], b["feature/x"]["behind"]) == (1, 0)
    assert b["feature/x"]["commit_count"] == 2 and b["feature/x"]["branch_name"] == "feature/x"
    assert b["feature/x"]["description"] == "X work" and b["feature/x"]["last_message"] == "x"


def test_create_branch_without_checkout_and_from_ref(db: SqlDb) -> None:
    base = head(db)
    db.exec("CREATE TABLE public.t (id int)")
    c1 = commit(db, "t")
    assert db.val("SELECT pggit_v0.create_branch('old', from_ref => %s, checkout => false)", [base[:10]]) == base
    cur = db.val("SELECT name FROM pggit_v0.list_branches() WHERE is_current")
    assert cur == "main"
    b = {r["name"]: r for r in db.rows("SELECT * FROM pggit_v0.list_branches()")}
    assert (b["old"]["ahead"], b["old"]["behind"]) == (0, 1)
    assert db.val("SELECT pggit_v0.create_branch('prev', from_ref => 'HEAD~1', checkout => false)") == base
    assert db.val("SELECT pggit_v0.create_branch('same', from_ref => 'main', checkout => false)") == c1


def test_duplicate_branch_fails_naming_it(db: SqlDb) -> None:
    db.exec("SELECT pggit_v0.create_branch('feature/dup')")
    with raises_sql("42710", 'branch "feature/dup" already exists', hint="delete_branch"):
        db.exec("SELECT pggit_v0.create_branch('feature/dup')")
    with raises_sql("42710", 'branch "main" already exists'):
        db.exec("SELECT pggit_v0.create_branch('main')")


@pytest.mark.parametrize("name,reason", [
    ("", "it is empty"),
    ("has space", "contains a space"),
    ("a..b", 'contains ".."'),
    ("a~1", "contains one of"),
    ("a^", "contains one of"),
    ("a:b", "contains one of"),
    ("a?", "contains one of"),
    ("a*", "contains one of"),
    ("a[", "contains one of"),
    ("a\\b", "contains one of"),
    ("-lead", 'starts with "-"'),
    ("trail/", 'ends with "/"'),
    ("x.lock", '".lock"'),
    ("a//b", '"//"'),
    ("tab\there", "control character"),
    (".hidden", 'starts with "."'),
    ("x" * 256, "255 bytes"),
    ("HEAD", "reserved"),
])
def test_invalid_branch_names_are_refused(db: SqlDb, name: str, reason: str) -> None:
    with raises_sql("42602", "invalid branch name") as info:
        db.exec("SELECT pggit_v0.create_branch(%s)", [name])
    assert reason in info.value.diag.message_primary
    assert db.val("SELECT count(*) FROM pggit_v0.refs") == 1


def test_valid_branch_names(db: SqlDb) -> None:
    for name in ("feature/user-registration", "bugfix/login-validation", "hotfix/security-patch",
                 "release/v2.1.0", "x" * 255, "ünïcode/ok"):
        db.exec("SELECT pggit_v0.create_branch(%s, checkout => false)", [name])


def test_unknown_from_ref(db: SqlDb) -> None:
    with raises_sql("42704", 'ref "nope" not found', hint="list_branches"):
        db.exec("SELECT pggit_v0.create_branch('x', from_ref => 'nope')")


def test_checkout_branch(db: SqlDb) -> None:
    db.exec("SELECT pggit_v0.create_branch('b1', checkout => false)")
    db.exec("SELECT pggit_v0.checkout_branch('b1')")
    assert db.val("SELECT branch FROM pggit_v0.head") == "b1"
    with raises_sql("42704", 'branch "nope" not found'):
        db.exec("SELECT pggit_v0.checkout_branch('nope')")
    db.exec("SELECT pggit_v0.create_tag('v1')")
    with raises_sql("42704", 'branch "v1" not found (it is a tag)'):
        db.exec("SELECT pggit_v0.checkout_branch('v1')")


def test_delete_branch(db: SqlDb) -> None:
    db.exec("SELECT pggit_v0.create_branch('gone')")
    db.exec("CREATE TABLE public.g (id int)")
    sha = commit(db, "on gone")
    assert db.val("SELECT pggit_v0.delete_branch('gone')") is True
    assert any('deleted the current branch "gone"; HEAD is now on main' in n for n in db.notices)
    assert db.val("SELECT branch FROM pggit_v0.head") == "main"
    assert db.val("SELECT count(*) FROM pggit_v0.commit_graph WHERE commit_sha = %s", [sha]) == 1
    assert db.val("SELECT count(*) FROM pggit_v0.objects WHERE sha = %s", [sha]) == 1
    with raises_sql("55000", 'cannot delete branch "main"'):
        db.exec("SELECT pggit_v0.delete_branch('main')")
    with raises_sql("42704", 'branch "gone" not found'):
        db.exec("SELECT pggit_v0.delete_branch('gone')")


def test_commit_history_first_parent_limit_offset_ref(db: SqlDb) -> None:
    shas = [head(db)]
    for i in range(4):
        db.exec(f"CREATE TABLE public.t{i} (id int)")
        shas.append(commit(db, f"c{i}"))
    hist = db.rows("SELECT * FROM pggit_v0.get_commit_history(20)")
    assert [h["commit_sha"] for h in hist] == shas[::-1]
    assert hist[0]["parent_shas"] == [shas[-2]] and hist[-1]["parent_shas"] == []
    assert [h["message"] for h in db.rows("SELECT * FROM pggit_v0.get_commit_history(2, 1)")] == ["c2", "c1"]
    assert [h["commit_sha"] for h in db.rows("SELECT * FROM pggit_v0.get_commit_history(1, 0, 'HEAD~2')")] == [shas[2]]
    assert db.rows("SELECT * FROM pggit_v0.get_commit_history(0)") == []
    for args in ("-1", "5, -2"):
        with raises_sql("22023", "must not be negative", hint="Pass 0 or more"):
            db.exec(f"SELECT * FROM pggit_v0.get_commit_history({args})")
    assert [h["changes"] for h in hist[:4]] == [3, 3, 3, 3]
    with raises_sql("42704", 'ref "HEAD~9" goes back past the root commit'):
        db.exec("SELECT * FROM pggit_v0.get_commit_history(1, 0, 'HEAD~9')")


def test_ref_resolution_prefix_and_errors(db: SqlDb) -> None:
    sha = head(db)
    assert db.val("SELECT pggit_v0._resolve_ref(%s)", [sha[:7]]) == sha
    assert db.val("SELECT pggit_v0._resolve_ref(%s)", [sha.upper()[:12]]) == sha
    with raises_sql("42704", 'ref "deadbeef" not found'):
        db.exec("SELECT pggit_v0._resolve_ref('deadbeef')")
    with raises_sql("22023", "ref must not be empty"):
        db.exec("SELECT pggit_v0._resolve_ref('')")


def test_ref_suffixes_chain(db: SqlDb) -> None:
    shas = [head(db)]
    for i in range(2):
        db.exec(f"CREATE TABLE public.s{i} (id int)")
        shas.append(commit(db, f"s{i}"))
    for ref in ("HEAD^^", "main~~", "main^~", "HEAD~1^", "HEAD~2", "HEAD~1~1", "main~0~2"):
        assert db.val("SELECT pggit_v0._resolve_ref(%s)", [ref]) == shas[0], ref
    assert db.val("SELECT pggit_v0._resolve_ref('HEAD^')") == shas[1]
    for ref in ("HEAD^^^", "HEAD~99999999999", "HEAD~3000000000"):
        with raises_sql("42704", f'ref "{ref}" goes back past the root commit'):
            db.exec("SELECT pggit_v0._resolve_ref(%s)", [ref])
    for ref in ("~", "^", "~~1"):
        with raises_sql("42704", f'ref "{ref}" not found'):
            db.exec("SELECT pggit_v0._resolve_ref(%s)", [ref])


def test_tags(db: SqlDb) -> None:
    base = head(db)
    assert db.val("SELECT pggit_v0.create_tag('v1.0', message => 'first')") == base
    db.exec("CREATE TABLE public.t (id int)")
    commit(db, "t")
    assert [r["path"] for r in db.rows("SELECT * FROM pggit_v0.diff_commits('v1.0', 'main')")] == [
        "public/table/t", "public/table/t/column/id", "public/table/t/columns"]
    with raises_sql("42710", 'tag "v1.0" already exists'):
        db.exec("SELECT pggit_v0.create_tag('v1.0')")
    with raises_sql("42710", 'tag "v1.0" already exists', hint="tags are permanent: pick another name"):
        db.exec("SELECT pggit_v0.create_branch('v1.0')")
    with raises_sql("42602", "invalid tag name"):
        db.exec("SELECT pggit_v0.create_tag('bad name')")
    assert db.one("SELECT * FROM pggit_v0.list_tags()")["message"] == "first"


def test_history_tables_are_append_only(db: SqlDb) -> None:
    for table in ("objects", "tree_entries", "commit_graph", "commit_parents", "ddl_log", "ddl_log_commits"):
        with raises_sql("55000", f"pggit_v0.{table} is append-only history: DELETE refused",
                        hint="allow_history_rewrite"):
            db.exec(f"DELETE FROM pggit_v0.{table}")
    with raises_sql("55000", "pggit_v0.commit_graph is append-only history: UPDATE refused"):
        db.exec("UPDATE pggit_v0.commit_graph SET message = 'x'")
    with raises_sql("55000", "TRUNCATE refused"):
        db.exec("TRUNCATE pggit_v0.objects CASCADE")


def test_root_names_the_first_commit_of_heads_history(db: SqlDb) -> None:
    """``root`` is accepted wherever a ref is (the plugin's reports print it), and a branch
    or tag named ``root`` wins over it."""
    first = db.val("SELECT pggit_v0._resolve_ref('HEAD')")
    while db.val("SELECT count(*) FROM pggit_v0.commit_parents WHERE commit_sha = %s", [first]):
        first = db.val("SELECT parent_sha FROM pggit_v0.commit_parents WHERE commit_sha = %s AND position = 1", [first])
    db.exec("CREATE TABLE public.t (id int)")
    head = db.val("SELECT pggit_v0.create_basic_commit('t')")
    assert db.val("SELECT pggit_v0._resolve_ref('root')") == first
    assert "public/table/t" in [r["path"] for r in db.rows("SELECT path FROM pggit_v0.diff_commits('root', 'HEAD')")]
    assert db.val("SELECT pggit_v0._resolve_ref('root~0')") == first
    db.exec("SELECT pggit_v0.create_tag('root', %s)", [head])
    assert db.val("SELECT pggit_v0._resolve_ref('root')") == head
