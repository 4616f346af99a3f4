"""``--pggit-base git:<ref>`` whose steps are the head's first ones, unchanged, when the
base rebuilt apart does not give the head's schema back: judged from the head's own
commit of the last of them (tester B9's Y6: a column renamed over a dropped one, as
Lemmy's migrations do, was dropped and added again by the base..head migration, "DATA
LOSS", which then failed: every Lemmy pull request gated so failed)."""
from __future__ import annotations

import pytest

from gate_project import git
from pytest_pggit.backends import Server

INIT = """CREATE SEQUENCE changeme_seq;
CREATE FUNCTION generate_unique_changeme() RETURNS text LANGUAGE sql
    AS $$ SELECT 'http://changeme.invalid/' || nextval('changeme_seq') $$;
CREATE TABLE community (id int PRIMARY KEY, inbox_url text, name text NOT NULL,
                        shared_inbox_url varchar(255), title text);
INSERT INTO community (id, inbox_url, name, shared_inbox_url) VALUES (1, 'a', 'main', 'b');
ALTER TABLE community DROP COLUMN inbox_url, ALTER COLUMN shared_inbox_url SET NOT NULL,
    ALTER COLUMN shared_inbox_url SET DEFAULT generate_unique_changeme();
ALTER TABLE community RENAME COLUMN shared_inbox_url TO inbox_url;
"""


def test_a_git_base_of_the_heads_first_steps_judges_only_the_new_one(pytester: pytest.Pytester,
                                                                      pggit_server: Server) -> None:
    schema = pytester.path / "schema"
    schema.mkdir()
    (schema / "001_init.sql").write_text(INIT)
    pytester.makepyfile(test_x="def test_x(pggit_conn):\n    pass\n")
    git(pytester.path, "init", "-q")
    git(pytester.path, "add", ".")
    git(pytester.path, "commit", "-qm", "base")
    (schema / "002_summary.sql").write_text("ALTER TABLE community ADD COLUMN summary text;\n")
    result = pytester.runpytest("--pggit", "--pggit-backend", "dsn", "--pggit-dsn", pggit_server.dsn(),
                                "-p", "no:randomly", "--pggit-schema", "schema", "--pggit-gate",
                                "--pggit-base", "git:HEAD")
    out = result.stdout.str()
    assert result.ret == 0, out
    assert "DATA LOSS" not in out, out
    result.stdout.fnmatch_lines(["migration: ok: *1 statement(s) reproduce head*"])
