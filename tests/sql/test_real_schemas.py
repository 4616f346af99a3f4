"""Whole real schemas nobody here wrote (tests/data, each file says where it comes from
and its license): loaded with the layer and committed, migrated from the empty baseline
and back with real psql, judged by pg_dump as the schema-diff tools judge themselves,
and checked out both ways."""
from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path
from typing import Any, Set

import pytest

from conftest import SqlDb, require_extensions

DATA = Path(__file__).resolve().parents[1] / "data"
#: name -> the files of its unmodified pg_dump, in order
SCHEMAS = {
    "pagila": ["pagila/01-schema-types-functions.sql", "pagila/02-schema-tables.sql"],
    "openstreetmap": ["openstreetmap/structure.sql"],
    "lago": ["lago/structure.sql"],
    "danbooru": ["danbooru/structure.sql"],
    "adventureworks": ["adventureworks/install.sql"],
    "graphile-starter": ["graphile-starter/schema.sql"],
    "postgrest": ["postgrest/fixtures.sql"],
    "supabase-slack-clone": ["supabase-slack-clone/full-schema.sql"],
    "synapse": ["synapse/full_schema.sql"],
    "gisia": ["gisia/structure.sql"],
    "musicbrainz": ["musicbrainz/schema.sql"],
    "lemmy": ["lemmy/schema.sql"],
    "temporal": ["temporal/schema.sql"],
    "harbor": ["harbor/migrations.sql"],
    "concourse": ["concourse/migrations.sql"],
    "listmonk": ["listmonk/schema.sql"],
    "logto": ["logto/schema.sql"],
    "supabase-storage": ["supabase-storage/migrations.sql"],
    "supabase-postgres": ["supabase-postgres/schema.sql"],
    "kratos": ["kratos/migrations.sql"],
    "graphile-worker": ["graphile-worker/migrations.sql"],
    "documenso": ["documenso/migrations.sql"],
}


def pg_dump_binary(config: pytest.Config, server: Any) -> str:
    """pg_dump beside the server under test (--pggit-pg-bin), else pg_config's, else PATH;
    skips when it is older than the server (pg_dump refuses newer servers)."""
    candidates = []
    pg_bin = config.getoption("pggit_pg_bin", None)
    if pg_bin:
        candidates.append(Path(pg_bin) / "pg_dump")
    bindir = subprocess.run(["pg_config", "--bindir"], capture_output=True, text=True).stdout.strip()
    if bindir:
        candidates.append(Path(bindir) / "pg_dump")
    found = shutil.which("pg_dump")
    if found:
        candidates.append(Path(found))
    for c in candidates:
        if c.exists():
            out = subprocess.run([str(c), "--version"], capture_output=True, text=True).stdout
            major = int(re.search(r"\(PostgreSQL\) (\d+)", out).group(1))
            if major * 10000 >= server.server_version_num // 10000 * 10000:
                return str(c)
    pytest.skip("no pg_dump as new as the server under test")


def dump(pg_dump: str, d: SqlDb) -> Set[str]:
    """pg_dump --schema-only of the user's schema as a set of statements (comments,
    blank lines and the layer's own objects, its schema and event triggers, left out)."""
    out = subprocess.run([pg_dump, "--schema-only", "--no-owner", "-N", "pggit_v0", "-d", d.dsn],
                         capture_output=True, text=True, check=True).stdout
    # (newer pg_dumps wrap the script in \restrict KEY ... \unrestrict KEY, a random key)
    text = "\n".join(l for l in out.splitlines() if l.strip() and not l.startswith(("--", "\\")))
    # PostgreSQL 18 names NOT NULL constraints, and pg_dump prints a name that is not the
    # default one; the layer does not record those names yet (docs/reference.md, Known
    # limits): a partition made with PARTITION OF carries its parent's names
    text = re.sub(r" CONSTRAINT \S+ NOT NULL", " NOT NULL", text)
    return {s.strip().rstrip(";") for s in re.split(r";\n", text + "\n") if s.strip() and "pggit_v0" not in s}


def dumped_and_restored(pg_dump: str, d: SqlDb, into: SqlDb, tmp_path: Path) -> Set[str]:
    """dump() of ``d``'s schema after a pg_dump and restore into the empty database ``into``:
    each definition as PostgreSQL prints back what it printed (the layer's event triggers,
    which the dump names, left out)."""
    out = subprocess.run([pg_dump, "--schema-only", "--no-owner", "-N", "pggit_v0", "-d", d.dsn],
                         capture_output=True, text=True, check=True).stdout
    # (pg_dump opens each object's statements with a "--\n-- Name: ..." header)
    parts = re.split(r"(?m)^(?=--\n-- Name: )", out)
    script = tmp_path / "restore.sql"
    script.write_text("".join(p for p in parts if "pggit_v0" not in p))
    into.psql("-q", "-f", str(script))
    return dump(pg_dump, into)


#: hand-written schemas whose definitions PostgreSQL prints back differently from their source
#: text (docs/reference.md, Known limits, "Definitions PostgreSQL prints back differently":
#: a varchar column compared with a list, `c IN ('a', 'b')`): the snapshots record them as
#: printed back, so the migrated schema is compared with the source dumped and restored once
PRINTED_BACK = {"musicbrainz", "logto"}

#: schemas holding what the layer does not record yet (docs/reference.md, Known limits)
NOT_YET: dict = {
    # (tests/sql/test_found_patterns.py holds each cause reduced to a few statements)
    "supabase-storage": "G3 (/tmp/schema_findings3.md): a grant to the role that owns the re-created table "
                        "(`GRANT ALL ... TO postgres WITH GRANT OPTION` on a table owned by another role): the "
                        "migrated ACL differs and checking out main again fails",
    "graphile-worker": "G6 (/tmp/schema_findings3.md): an identity column's sequence keeps its name when its "
                       "table is renamed (job_queues_id_seq on _private_job_queues); a migration from empty names it "
                       "after the new table name",
}


@pytest.mark.parametrize("schema", [
    pytest.param(s, marks=pytest.mark.xfail(strict=True, reason=NOT_YET[s])) if s in NOT_YET else s
    for s in sorted(SCHEMAS)])
def test_a_real_schema_migrates_from_empty_and_back(db: SqlDb, make_empty_db: Any, pggit_server: Any,
                                                     pytestconfig: pytest.Config, tmp_path: Path,
                                                     schema: str) -> None:
    pg_dump = pg_dump_binary(pytestconfig, pggit_server)
    baseline = db.val("SELECT pggit_v0.get_head_sha()")
    # like pg_restore --no-owner: owners are not versioned, and the dump's role need not exist
    text = "\n".join((DATA / f).read_text() for f in SCHEMAS[schema])
    # (a server without contrib, e.g. a pgserver wheel's: scripts/test-versions.sh offline)
    require_extensions(db, *{m.strip('"').lower() for m in re.findall(
        r'(?im)^\s*CREATE EXTENSION (?:IF NOT EXISTS )?("[^"]+"|\w+)', text)})
    no_owner = tmp_path / f"{schema}.sql"
    no_owner.write_text(re.sub(r"(?m)^ALTER [A-Z ]+ OWNER TO [^;]+;$", "", text))
    db.psql("-q", "-f", str(no_owner))
    db.exec("SET search_path = public")   # (the dump's set_config leaves it empty)
    head = db.val("SELECT pggit_v0.create_basic_commit('the whole schema')")
    assert [r for r in db.rows("SELECT * FROM pggit_v0.validate_data_integrity()") if r["status"] != "OK"] == []

    forward = tmp_path / "forward.sql"
    backward = tmp_path / "backward.sql"
    forward.write_text(db.val("SELECT pggit_v0.generate_migration(%s, %s)", [baseline, head]))
    backward.write_text(db.val("SELECT pggit_v0.generate_migration(%s, %s)", [head, baseline]))

    target = make_empty_db()
    empty = dump(pg_dump, target)
    target.psql("-q", "-f", str(forward))
    original = dump(pg_dump, db)
    if schema in PRINTED_BACK:
        original = dumped_and_restored(pg_dump, db, make_empty_db(), tmp_path)
    migrated = dump(pg_dump, target)
    assert (sorted(original - migrated), sorted(migrated - original)) == ([], [])
    target.psql("-q", "-f", str(backward))
    assert dump(pg_dump, target) == empty

    # the same both ways on the live database, through checkout
    db.exec("SELECT pggit_v0.create_branch('empty', from_ref => %s, checkout => false)", [baseline])
    db.exec("SELECT pggit_v0.checkout_branch('empty', apply => true, force => true)")
    assert dump(pg_dump, db) == empty
    db.exec("SELECT pggit_v0.checkout_branch('main', apply => true)")
    assert dump(pg_dump, db) == original
    assert db.rows("SELECT path FROM pggit_v0.status()") == []
