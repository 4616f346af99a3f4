#!/usr/bin/env python3
"""Migration engine, before and after: every recorded case's script with a git ref's layer
and with the working tree's, compared byte for byte, and the time each took.

    .venv/bin/python bench/engine_compare.py                 # HEAD's sql/ vs the working tree
    .venv/bin/python bench/engine_compare.py --ref 7b6cf99~1 --show 3

For refactoring the engine (54-59 in sql/): a change that should not change any script
is proven by this run printing "0 of N scripts differ".  Starts its own throwaway server
(the project's local backend, stopped in a finally).  In one database holding the ref's
layer it commits, for every case, its old schema (A) and its new schema (B):

* each pair of tests/migrations (a.sql, b.sql);
* each case of the peer's acceptance suite (tests/data/pg-schema-diff/cases.json), with
  the roles it names;
* each real schema of tests/data (its schema files; the data slice left out), B being
  the whole schema and A the empty one.

Then ``generate_migration(A, B)`` and ``(B, A)`` are taken with the ref's layer, the
working tree's layer is installed over it (an upgrade in place, as users upgrade), and
both are taken again.  Cases that cannot load here (an extension the server lacks) are
listed and left out.  Exit status 1 when a script differs.
"""
from __future__ import annotations

import argparse
import difflib
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Dict, List, Tuple

sys.path.insert(0, str(Path(__file__).resolve().parent))
from core import ROOT, Bench  # noqa: E402  (the same server helpers as bench/core.py)

from psycopg import sql  # noqa: E402

from pytest_pggit.backends.local import LocalBackend, find_binaries  # noqa: E402

#: every schema the cases create is dropped between them (the layer's own is kept)
RESET = r"""
DO $$ DECLARE r record; BEGIN
 FOR r IN SELECT evtname FROM pg_event_trigger WHERE evtname NOT LIKE 'pggit%' LOOP
   EXECUTE format('DROP EVENT TRIGGER %I', r.evtname); END LOOP;
 FOR r IN SELECT subname FROM pg_subscription LOOP
   EXECUTE format('ALTER SUBSCRIPTION %I DISABLE', r.subname);
   EXECUTE format('ALTER SUBSCRIPTION %I SET (slot_name = NONE)', r.subname);
   EXECUTE format('DROP SUBSCRIPTION %I', r.subname); END LOOP;
 FOR r IN SELECT pubname FROM pg_publication LOOP EXECUTE format('DROP PUBLICATION %I', r.pubname); END LOOP;
 FOR r IN SELECT extname FROM pg_extension WHERE extname <> 'plpgsql' LOOP
   EXECUTE format('DROP EXTENSION IF EXISTS %I CASCADE', r.extname); END LOOP;
 FOR r IN SELECT fdwname FROM pg_foreign_data_wrapper LOOP
   EXECUTE format('DROP FOREIGN DATA WRAPPER %I CASCADE', r.fdwname); END LOOP;
 FOR r IN SELECT nspname FROM pg_namespace
          WHERE nspname NOT IN ('pg_catalog', 'information_schema', 'pggit_v0', 'pg_toast')
            AND nspname NOT LIKE 'pg\_temp%' AND nspname NOT LIKE 'pg\_toast\_temp%' LOOP
   EXECUTE format('DROP SCHEMA %I CASCADE', r.nspname); END LOOP;
 FOR r IN SELECT DISTINCT pg_get_userbyid(d.defaclrole) AS role FROM pg_default_acl d LOOP
   EXECUTE format('DROP OWNED BY %I', r.role); END LOOP;
 CREATE SCHEMA public;
END $$;
"""

Case = Tuple[str, List[str], List[str], List[str]]   # id, A's scripts, B's scripts, roles


def cases() -> List[Case]:
    out: List[Case] = []
    for p in sorted((ROOT / "tests" / "migrations").iterdir()):
        if p.is_dir():
            out.append((f"pair {p.name}", [(p / "a.sql").read_text()], [(p / "b.sql").read_text()], []))
    peer = json.loads((ROOT / "tests" / "data" / "pg-schema-diff" / "cases.json").read_text())
    for c in peer["cases"]:
        out.append((f"peer {Path(c['file']).stem}::{c['name']}", c["old"], c["new"], c.get("roles") or []))
    for p in sorted((ROOT / "tests" / "data").iterdir()):
        if p.is_dir() and p.name != "pg-schema-diff":
            files = [f.read_text() for f in sorted(p.glob("*.sql")) if "data" not in f.name]
            out.append((f"schema {p.name}", [], files, []))
    return out


def load(b: Bench, db: str, text: str) -> None:
    proc = subprocess.run([b.psql, "-X", "-q", "-v", "ON_ERROR_STOP=1", *b.conn_args(db)], input=text,
                          env=b.env, capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        raise RuntimeError(proc.stderr.strip().splitlines()[-1] if proc.stderr.strip() else "psql failed")


def record(b: Bench, db: str, log) -> Dict[str, Tuple[str, str]]:
    """Commit A and B of every case; {case id: (sha A, sha B)}."""
    shas: Dict[str, Tuple[str, str]] = {}
    with b.connect(db) as conn:
        for cid, old, new, roles in cases():
            for role in roles:
                if not conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (role,)).fetchone():
                    conn.execute(sql.SQL("CREATE ROLE {}").format(sql.Identifier(role)))
            try:
                conn.execute(RESET)
                for text in old:
                    load(b, db, text)
                a = conn.execute("SELECT pggit_v0.create_basic_commit(%s)", (cid + " (A)",)).fetchone()[0]
                conn.execute(RESET)
                for text in new:
                    load(b, db, text)
                z = conn.execute("SELECT pggit_v0.create_basic_commit(%s)", (cid + " (B)",)).fetchone()[0]
                shas[cid] = (a, z)
            except Exception as exc:   # a case this server cannot load: listed, left out
                log(f"  left out: {cid}: {str(exc).splitlines()[0][:160]}")
        conn.execute(RESET)
    return shas


def scripts(b: Bench, db: str, shas: Dict[str, Tuple[str, str]]) -> Tuple[Dict[str, str], float]:
    """Every case's script both ways (an error is kept as its text) and the seconds taken."""
    out: Dict[str, str] = {}
    total = 0.0
    with b.connect(db) as conn:
        for cid, (a, z) in shas.items():
            for way, (x, y) in (("A->B", (a, z)), ("B->A", (z, a))):
                t0 = time.perf_counter()
                try:
                    out[f"{cid} {way}"] = conn.execute("SELECT pggit_v0.generate_migration(%s, %s)", (x, y)).fetchone()[0]
                except Exception as exc:
                    out[f"{cid} {way}"] = f"ERROR {exc}"
                total += time.perf_counter() - t0
    return out, total


def main(argv: List[str] = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--ref", default="HEAD", help="git ref whose sql/ is the 'before' (default HEAD)")
    ap.add_argument("--show", type=int, default=5, help="how many differing scripts to print as diffs")
    args = ap.parse_args(argv)
    bindir = find_binaries()
    backend = LocalBackend()
    with tempfile.TemporaryDirectory(prefix="pggit-engine-") as tmp:
        os.chmod(tmp, 0o755)
        archive = subprocess.run(["git", "archive", args.ref, "sql"], cwd=str(ROOT), capture_output=True,
                                 check=True).stdout
        subprocess.run(["tar", "-x", "-C", tmp], input=archive, check=True)
        try:
            server = backend.start()
            print(f"server: PostgreSQL {server.version}; before: sql/ of {args.ref}; after: the working tree", flush=True)
            b = Bench(server, bindir)
            b.create_db("engine_compare")
            b.psql_file("engine_compare", Path(tmp) / "sql" / "install.sql")
            shas = record(b, "engine_compare", lambda m: print(m, flush=True))
            before, t_before = scripts(b, "engine_compare", shas)
            b.psql_file("engine_compare", ROOT / "sql" / "install.sql")
            scripts(b, "engine_compare", dict(list(shas.items())[:5]))   # (warm the new layer's plans, as the old's were)
            after, t_after = scripts(b, "engine_compare", shas)
        finally:
            backend.stop()
    differ = [k for k in before if before[k] != after.get(k)]
    for k in differ[:args.show]:
        print(f"== {k}")
        print("\n".join(difflib.unified_diff(before[k].splitlines(), after[k].splitlines(), "before", "after",
                                             lineterm="", n=1)))
    errors = sum(1 for v in after.values() if v.startswith("ERROR "))
    print(f"{len(shas)} cases, {len(differ)} of {len(before)} scripts differ; {errors} scripts are errors after")
    print(f"time: before {t_before:.2f} s, after {t_after:.2f} s (ratio {t_after / t_before:.2f})")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
