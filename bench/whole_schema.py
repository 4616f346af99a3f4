#!/usr/bin/env python3
"""Whole-schema migrations: generate_migration from the empty baseline to N tables and
back, at several sizes, with the growth exponent between them.

    .venv/bin/python bench/whole_schema.py [--sizes 1000,10000] [--checkout]

Starts its own throwaway server (the project's local backend, stopped in a finally).
For each size N it generates a schema: N tables in foreign-key chains (each table
references the previous one), an index each; every 10th table a view, every 20th a
view over that view, every 10th a SQL function returning the table's row type; and
partitioned tables (one per 50 tables, 4 partitions each).  It loads the schema with
psql into a database holding the layer, commits it, then measures (server side, one
statement each):

* ``generate_migration(baseline, commit)`` (forward) and the reverse (backward);
* as the peer measured in the same run, ``pg_dump --schema-only`` of the same database
  (wall time of the subprocess);
* with ``--checkout``, ``checkout_branch(apply)`` to an empty branch and back (needs a
  ``max_locks_per_transaction`` large enough for the whole schema in one transaction:
  a checkout is one transaction, like ``pg_restore --single-transaction``).

Targets (issue 13): 1,000 tables under 1 s each way, 10,000 under 10 s, growth about
linear.  Exit status 0 when every measured target is met.
"""
from __future__ import annotations

import argparse
import math
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Dict, List

sys.path.insert(0, str(Path(__file__).resolve().parent))
from core import INSTALL_SQL, Bench  # noqa: E402  (the same server helpers as bench/core.py)

from pytest_pggit.backends.local import LocalBackend, find_binaries  # noqa: E402
from tabulate import tabulate  # noqa: E402

TARGETS = {1000: 1.0, 10000: 10.0}   # seconds, each way


def generate_schema(n: int) -> str:
    out = ["CREATE SCHEMA ws;"]
    for i in range(n):
        t = f"ws.t{i:05d}"
        fk = f",\n    prev_id bigint REFERENCES ws.t{i - 1:05d} (id)" if i % 100 else ""
        out.append(f"CREATE TABLE {t} (\n    id bigint PRIMARY KEY,\n    code text NOT NULL DEFAULT 'c{i}',\n"
                   f"    qty integer NOT NULL DEFAULT 1{fk}\n);")
        out.append(f"CREATE INDEX t{i:05d}_code_idx ON {t} (code);")
        if i % 10 == 9:
            out.append(f"CREATE VIEW ws.v{i:05d} AS SELECT id, code, qty FROM {t} WHERE qty > 0;")
            out.append(f"CREATE FUNCTION ws.rows{i:05d}(p_min integer) RETURNS SETOF {t}\n"
                       f"LANGUAGE sql STABLE AS $$ SELECT * FROM {t} WHERE qty >= p_min $$;")
        if i % 20 == 19:
            out.append(f"CREATE VIEW ws.vv{i:05d} AS SELECT id, code FROM ws.v{i:05d} WHERE code <> '';")
        if i % 50 == 49:
            p = f"ws.p{i:05d}"
            out.append(f"CREATE TABLE {p} (id bigint NOT NULL, at date NOT NULL, t_id bigint REFERENCES {t} (id))"
                       f" PARTITION BY RANGE (at);")
            for q in range(4):
                out.append(f"CREATE TABLE {p}_q{q} PARTITION OF {p} "
                           f"FOR VALUES FROM ('2026-{3 * q + 1:02d}-01') TO ('{2026 + (q == 3)}-{(3 * q + 4 - 1) % 12 + 1:02d}-01');")
    return "\n".join(out) + "\n"


def measure(b: Bench, n: int, tmp: Path, checkout: bool, log: Any) -> Dict[str, Any]:
    db = f"ws_{n}"
    b.admin(f"DROP DATABASE IF EXISTS {db}")
    b.admin(f"CREATE DATABASE {db} TEMPLATE template0")
    schema = tmp / f"schema_{n}.sql"
    schema.write_text(generate_schema(n))
    b.psql_file(db, INSTALL_SQL)
    load_s = b.psql_file(db, schema)
    r: Dict[str, Any] = {"tables": n, "load_s": load_s}
    with b.connect(db) as conn:
        base = conn.execute("SELECT sha FROM (SELECT pggit_v0.get_head_sha() AS sha) s").fetchone()[0]
        head = conn.execute("SELECT pggit_v0.create_basic_commit('whole schema')").fetchone()[0]

        def server_time(sql: str, params: tuple) -> float:
            row = conn.execute(f"SELECT clock_timestamp() AS t0, ({sql}) AS x, clock_timestamp() AS t1", params).fetchone()
            return (row[2] - row[0]).total_seconds()

        r["forward_s"] = server_time("SELECT length(pggit_v0.generate_migration(%s, %s))", (base, head))
        r["backward_s"] = server_time("SELECT length(pggit_v0.generate_migration(%s, %s))", (head, base))
        t0 = time.perf_counter()
        dump = subprocess.run([b.pg_dump, "--schema-only", "-N", "pggit_v0", *b.conn_args(db)], env=b.env,
                              capture_output=True, text=True)
        if dump.returncode == 0:
            r["pg_dump_s"] = time.perf_counter() - t0
        else:   # e.g. more tables than the lock table holds: pg_dump locks them all at once
            errs = [l for l in dump.stderr.splitlines() if "error" in l] or dump.stderr.splitlines() or ["failed"]
            r["pg_dump_error"] = errs[0].strip()
        if checkout:
            conn.execute("SELECT pggit_v0.create_branch('empty', from_ref => %s, checkout => false)", (base,))
            try:
                r["checkout_empty_s"] = server_time(
                    "SELECT pggit_v0.checkout_branch('empty', apply => true, force => true)", ())
                r["checkout_back_s"] = server_time("SELECT pggit_v0.checkout_branch('main', apply => true)", ())
            except Exception as exc:  # a limit of the server (locks), reported, not fatal
                r["checkout_error"] = str(exc).splitlines()[0]
    peer = f"{r['pg_dump_s']:.3f} s" if "pg_dump_s" in r else r["pg_dump_error"]
    log(f"  {n} tables: forward {r['forward_s']:.3f} s, backward {r['backward_s']:.3f} s, "
        f"pg_dump {peer} (load {load_s:.1f} s)")
    b.admin(f"DROP DATABASE IF EXISTS {db}")
    return r


def main(argv: List[str] = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="1000,10000", help="comma-separated table counts (default 1000,10000)")
    ap.add_argument("--checkout", action="store_true", help="also checkout_branch(apply) both ways")
    args = ap.parse_args(argv)
    sizes = sorted(int(s) for s in args.sizes.split(","))
    bindir = find_binaries()
    backend = LocalBackend()
    results: List[Dict[str, Any]] = []
    with tempfile.TemporaryDirectory(prefix="pggit-ws-") as tmp:
        os.chmod(tmp, 0o755)
        try:
            server = backend.start()
            print(f"server: PostgreSQL {server.version} on {server.host}:{server.port}", flush=True)
            b = Bench(server, bindir)
            for n in sizes:
                results.append(measure(b, n, Path(tmp), args.checkout, lambda m: print(m, flush=True)))
        finally:
            backend.stop()
    rows = []
    ok = True
    for r in results:
        target = TARGETS.get(r["tables"])
        met = target is None or (r["forward_s"] < target and r["backward_s"] < target)
        ok = ok and met
        rows.append({"tables": r["tables"], "forward s": f"{r['forward_s']:.3f}", "backward s": f"{r['backward_s']:.3f}",
                     "pg_dump s (peer)": f"{r['pg_dump_s']:.3f}" if "pg_dump_s" in r else r["pg_dump_error"][:60],
                     "forward / pg_dump": f"{r['forward_s'] / r['pg_dump_s']:.2f}" if "pg_dump_s" in r else "-",
                     "checkout to empty / back s": (f"{r['checkout_empty_s']:.2f} / {r['checkout_back_s']:.2f}"
                                                    if "checkout_empty_s" in r else r.get("checkout_error", "-")),
                     "target each way": f"< {target:.0f} s {'PASS' if met else 'MISS'}" if target else "-"})
    print()
    print(tabulate(rows, headers="keys", tablefmt="github"))
    for a, z in zip(results, results[1:]):
        k = math.log(z["tables"] / a["tables"])
        for way in ("forward_s", "backward_s"):
            e = math.log(z[way] / a[way]) / k
            linear = e < 1.3
            ok = ok and linear
            print(f"growth {a['tables']} -> {z['tables']} tables, {way[:-2]}: exponent {e:.2f} "
                  f"({'about linear' if linear else 'super-linear: MISS'})")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
