"""The default gate on whole real schemas nobody here wrote (tests/data: source, license
and changes at the top of each file), as a user gives them: the unmodified file as the
only schema file, and the same statements split into several files (each file starting
with the dump's preamble of settings, as a user splitting a dump would keep it)."""
from __future__ import annotations

import re
from pathlib import Path
from typing import Dict, List, Tuple

import pytest

from pytest_pggit.backends import Server
from pytest_pggit.sqlfiles import split_statements

from test_schema_files_psql import dsn_args

DATA = Path(__file__).parent / "data"
SCHEMAS: Dict[str, List[str]] = {
    "pagila": ["pagila/01-schema-types-functions.sql", "pagila/02-schema-tables.sql"],
    "openstreetmap": ["openstreetmap/structure.sql"],
    "lago": ["lago/structure.sql"],
    "danbooru": ["danbooru/structure.sql"],
    "adventureworks": ["adventureworks/install.sql"],
    "graphile-starter": ["graphile-starter/schema.sql"],
    "supabase-slack-clone": ["supabase-slack-clone/full-schema.sql"],
    "synapse": ["synapse/full_schema.sql"],
    "gisia": ["gisia/structure.sql"],
    "musicbrainz": ["musicbrainz/schema.sql"],
    "temporal": ["temporal/schema.sql"],
    "listmonk": ["listmonk/schema.sql"],
    "logto": ["logto/schema.sql"],
    "supabase-postgres": ["supabase-postgres/schema.sql"],
}
# (tests/data/lemmy, harbor, concourse, kratos, graphile-worker, documenso, supabase-storage, river,
# umami, svix, atuin, authelia, ente, supabase-auth, hatchet, hydra, hasura-auth and openfga are
# histories of migrations, renames and drops included, not schemas: the gate's lint rightly fails
# them at "high", so they are tried by tests/sql/test_real_schemas.py only; the gate passes on a
# pg_dump of each one's final schema)
#: (schema, layout) -> why the gate does not pass yet (docs/reference.md, Known limits; the causes
#: fixed are cases of tests/sql/test_user_patterns.py)
NOT_YET: Dict[Tuple[str, str], str] = {
}
#: the split cuts a file's BEGIN ... COMMIT blocks apart (a part opening a transaction it never
#: commits is refused, as it should be): such schemas are given as one file only
ONE_FILE_ONLY = {"musicbrainz"}
PASSING_TEST = "def test_schema_is_there(pggit_conn):\n    pass\n"
_PREAMBLE = re.compile(r"^\s*(SET\s|SELECT\s+pg_catalog\.set_config\()", re.I)


def split_in(text: str, parts: int) -> List[str]:
    """The script's statements in ``parts`` files of about equal statement counts, in
    order; each starts with the script's leading settings."""
    stmts = [s for _, s in split_statements(text)]
    head = 0
    while head < len(stmts) and _PREAMBLE.match(re.sub(r"(?m)^\s*--.*$", "", stmts[head]).strip()):
        head += 1
    preamble, body = stmts[:head], stmts[head:]
    size = -(-len(body) // parts)
    return ["\n".join(s.rstrip().rstrip(";") + ";" for s in preamble + body[i:i + size]) + "\n"
            for i in range(0, len(body), size)]


def run_gate(pytester: pytest.Pytester, server: Server, files: Dict[str, str]) -> pytest.RunResult:
    folder = pytester.path / "schema"
    folder.mkdir()
    for name, text in files.items():
        (folder / name).write_text(text)
    pytester.makepyfile(test_it=PASSING_TEST)
    return pytester.runpytest_subprocess(*dsn_args(server), "--pggit-schema", str(folder), "--pggit-gate")


@pytest.mark.parametrize("layout,schema", [
    pytest.param(layout, s, marks=[pytest.mark.xfail(strict=True, reason=NOT_YET[s, layout])]
                 if (s, layout) in NOT_YET else [])
    for layout in ["one file", "split"] for s in sorted(SCHEMAS)
    if layout == "one file" or s not in ONE_FILE_ONLY])
def test_the_default_gate_passes_on_a_real_schema(pytester: pytest.Pytester, pggit_server: Server,
                                                  schema: str, layout: str) -> None:
    text = "\n".join((DATA / f).read_text() for f in SCHEMAS[schema])
    if layout == "one file":
        files = {f"{schema}.sql": text}
    else:
        files = {f"{i:02d}-{schema}.sql": part for i, part in enumerate(split_in(text, 3), 1)}
        assert len(files) == 3
    result = run_gate(pytester, pggit_server, files)
    assert result.ret == 0, "\n".join(result.outlines[-80:])
    result.assert_outcomes(passed=1)
    result.stdout.re_match_lines([r".*gate.*PASS.*"])
