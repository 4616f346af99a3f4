#!/usr/bin/env python3
"""checkout_branch(apply) against psql running the same migration script (issue 15).

    .venv/bin/python bench/checkout.py                      # lemmy + 1,000 synthetic tables, 3 runs
    .venv/bin/python bench/checkout.py --schemas synapse,musicbrainz --runs 5
    .venv/bin/python bench/checkout.py --schemas synthetic --tables 2000
    .venv/bin/python bench/checkout.py --profile            # also where checkout's time goes
    .venv/bin/python bench/checkout.py --host /dev/shm/x --port 5433   # an existing server

For each schema (a whole real one from tests/data, or the synthetic one of
bench/whole_schema.py) it builds, on one server:

* L, a database with the layer: the schema loaded with psql (owners left out, as
  tests/sql/test_real_schemas.py does) and committed on main; a branch ``empty`` at the
  install baseline.
* P, a plain database (no layer) with the same schema loaded.

``generate_migration`` gives the two scripts (main -> empty, "down", and empty -> main,
"up").  Each run then, alternating which goes first, times

* ``checkout_branch('empty', apply => true, force => true)`` and then
  ``checkout_branch('main', apply => true)`` on L, each the first call in a new session
  (cold: as a user or CI step calls it), server-side time (clock_timestamp around the call)
  and client time;
* ``psql -X -q -v ON_ERROR_STOP=1 -f down.sql`` and then ``up.sql`` on P (wall time, psql
  start included: a few ms).

and prints the medians and the ratio checkout / psql each way.  ``--warm`` adds a second
checkout pair in the same session.  ``--profile`` times the parts of one checkout each way
inside a rolled-back transaction: the clean check (status), the data-loss check, blob
verification, computing the steps, running them, the settle proof, HEAD.

Target (issue 15): checkout <= ~1.3 x psql running the same script plus the commit-side work
(the proof that the result equals the target tree and the log/HEAD bookkeeping).
"""
from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Callable, Dict, List, Optional, Tuple

import psycopg

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))
from whole_schema import generate_schema  # noqa: E402

INSTALL_SQL = ROOT / "sql" / "install.sql"
DATA = ROOT / "tests" / "data"
REAL = {
    "lemmy": ["lemmy/schema.sql"],
    "gisia": ["gisia/structure.sql"],
    "synapse": ["synapse/full_schema.sql"],
    "musicbrainz": ["musicbrainz/schema.sql"],
    "temporal": ["temporal/schema.sql"],
    "lago": ["lago/structure.sql"],
    "danbooru": ["danbooru/structure.sql"],
}


class Server:
    """An existing server (--host/--port) or a throwaway one (the project's local backend)."""

    def __init__(self, host: Optional[str], port: Optional[int], user: str) -> None:
        self.backend = None
        if host is None:
            from pytest_pggit.backends.local import LocalBackend
            self.backend = LocalBackend()
            s = self.backend.start()
            self.host, self.port, self.user = s.host, s.port, s.user
            self._dsn = s.dsn
        else:
            self.host, self.port, self.user = host, port or 5432, user
            self._dsn = lambda db: f"host={self.host} port={self.port} user={self.user} dbname={db}"
        bindir = subprocess.run(["pg_config", "--bindir"], capture_output=True, text=True).stdout.strip()
        self.psql = str(Path(bindir) / "psql")
        self.env = {k: v for k, v in os.environ.items() if not k.startswith("PG")}
        self.env["PGOPTIONS"] = "-c client_min_messages=warning"

    def stop(self) -> None:
        if self.backend is not None:
            self.backend.stop()

    def connect(self, db: str) -> psycopg.Connection:
        return psycopg.connect(self._dsn(db), autocommit=True)

    def admin(self, sql: str) -> None:
        with self.connect("postgres") as c:
            c.execute(sql)

    def psql_file(self, db: str, path: Path) -> float:
        cmd = [self.psql, "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", self.host, "-p", str(self.port),
               "-U", self.user, "-d", db, "-f", str(path)]
        t0 = time.perf_counter()
        p = subprocess.run(cmd, env=self.env, capture_output=True, text=True, cwd=str(ROOT))
        dt = time.perf_counter() - t0
        if p.returncode != 0:
            raise RuntimeError(f"psql -f {path} failed:\n{p.stderr[-3000:]}")
        return dt


def schema_text(name: str, tables: int) -> str:
    if name == "synthetic":
        return generate_schema(tables)
    text = "\n".join((DATA / f).read_text() for f in REAL[name])
    return re.sub(r"(?m)^ALTER [A-Z ]+ OWNER TO [^;]+;$", "", text)


def server_time(conn: psycopg.Connection, sql: str) -> Tuple[float, float]:
    t0 = time.perf_counter()
    row = conn.execute(f"SELECT clock_timestamp(), ({sql}) IS NULL, clock_timestamp()").fetchone()
    return (row[2] - row[0]).total_seconds(), time.perf_counter() - t0


PARTS = [   # (name, SQL run in order inside one transaction, as checkout_branch runs them)
    ("require_clean (status)", "SELECT pggit_v0._require_clean('bench')"),
    ("steps (generate, once)", "CREATE TEMP TABLE bench_steps AS"
                               " SELECT pggit_v0._steps(pggit_v0._head_commit(), %(sha)s) AS s"),
    ("data at risk", "SELECT pggit_v0._data_at_risk_steps(s) FROM bench_steps"),
    ("apply_steps (run them)", "SELECT pggit_v0._apply_steps(pggit_v0._head_commit(), pggit_v0._commit_tree(%(sha)s), s)"
                               " FROM bench_steps"),
    ("settle_live (proof, log)", "SELECT pggit_v0._settle_live(%(sha)s, txid_current_snapshot())"),
    ("head_update", "SELECT pggit_v0._head_update('checkout_branch', %(branch)s)"),
]

CPU = "SELECT split_part(pg_read_file('/proc/self/schedstat'), ' ', 1)::bigint"   # the backend's CPU ns


def profile(srv: Server, db: str, branch: str) -> Dict[str, Tuple[float, float]]:
    """Each part of one checkout to branch, in one transaction rolled back: server seconds, backend CPU s."""
    out: Dict[str, Tuple[float, float]] = {}
    with srv.connect(db) as conn:
        sha = conn.execute("SELECT target_sha FROM pggit_v0.refs WHERE name = %s", (branch,)).fetchone()[0]
        conn.execute("BEGIN")
        try:
            for name, sql in PARTS:
                c0 = conn.execute(CPU).fetchone()[0]
                t, _ = server_time(conn, sql % {"sha": f"'{sha}'", "branch": f"'{branch}'"}) if sql.startswith("SELECT") \
                    else (timed_exec(conn, sql % {"sha": f"'{sha}'", "branch": f"'{branch}'"}), 0)
                out[name] = (t, (conn.execute(CPU).fetchone()[0] - c0) / 1e9)
        finally:
            conn.execute("ROLLBACK")
    return out


def timed_exec(conn: psycopg.Connection, sql: str) -> float:
    t0 = time.perf_counter()
    conn.execute(sql)
    return time.perf_counter() - t0


def bench_schema(srv: Server, name: str, tables: int, runs: int, warm: bool, prof: bool,
                 tmp: Path, log: Callable[[str], None]) -> Dict[str, Any]:
    small = name == "synthetic-small"   # a branch changing 10 tables of the synthetic schema
    label = f"synthetic {tables}" if name == "synthetic" else f"small {tables}" if small else name
    other = "feature" if small else "empty"   # "down" goes main -> other, "up" other -> main
    L, P = "co_layer", "co_plain"
    for db in (L, P):
        srv.admin(f"DROP DATABASE IF EXISTS {db} WITH (FORCE)")
        srv.admin(f"CREATE DATABASE {db} TEMPLATE template0")
    schema = tmp / "schema.sql"
    schema.write_text(schema_text("synthetic" if small else name, tables))
    srv.psql_file(L, INSTALL_SQL)
    with srv.connect(L) as c:
        base = c.execute("SELECT pggit_v0.get_head_sha()").fetchone()[0]
    srv.psql_file(L, schema)
    srv.psql_file(P, schema)
    with srv.connect(L) as c:
        c.execute("SET search_path = public")
        head = c.execute("SELECT pggit_v0.create_basic_commit('whole schema')").fetchone()[0]
        if small:   # 10 tables spread over the schema: a column and an index each
            c.execute("SELECT pggit_v0.create_branch('feature')")
            for i in range(5, tables, max(tables // 10, 1)):
                c.execute(f"ALTER TABLE ws.t{i:05d} ADD COLUMN note text")
                c.execute(f"CREATE INDEX t{i:05d}_qty_idx ON ws.t{i:05d} (qty)")
            base = c.execute("SELECT pggit_v0.create_basic_commit('ten tables')").fetchone()[0]
            c.execute("SELECT pggit_v0.checkout_branch('main', apply => true)")
        else:
            c.execute("SELECT pggit_v0.create_branch('empty', from_ref => %s, checkout => false)", (base,))
        down, up = tmp / "down.sql", tmp / "up.sql"
        # (each script then writes its backend's CPU time, for the CPU ratio)
        cpu_file = tmp / "cpu"
        tail = f"\n{CPU} AS cpu_ns \\gset\n\\o {cpu_file}\n\\qecho :cpu_ns\n\\o\n"
        down.write_text(c.execute("SELECT pggit_v0.generate_migration(%s, %s)", (head, base)).fetchone()[0] + tail)
        up.write_text(c.execute("SELECT pggit_v0.generate_migration(%s, %s)", (base, head)).fetchone()[0] + tail)
        n_down = c.execute("SELECT count(*) FROM pggit_v0._commit_steps(%s, %s)", (head, base)).fetchone()[0]
        n_up = c.execute("SELECT count(*) FROM pggit_v0._commit_steps(%s, %s)", (base, head)).fetchone()[0]
    log(f"{label}: {n_down} statements down, {n_up} up")
    res: Dict[str, List[float]] = {k: [] for k in ("co_down", "co_up", "co_down_client", "co_up_client",
                                                   "co_down_cpu", "co_up_cpu", "psql_down_cpu", "psql_up_cpu",
                                                   "psql_down", "psql_up", "warm_down", "warm_up")}
    profiles: List[Tuple[str, Dict[str, float]]] = []

    def checkout_pair() -> None:
        for way, br, force in (("down", other, "true"), ("up", "main", "false")):
            with srv.connect(L) as c:
                c0 = c.execute(CPU).fetchone()[0]
                s, cl = server_time(c, f"SELECT pggit_v0.checkout_branch('{br}', apply => true, force => {force})")
                res[f"co_{way}_cpu"].append((c.execute(CPU).fetchone()[0] - c0) / 1e9)
            res[f"co_{way}"].append(s)
            res[f"co_{way}_client"].append(cl)
        if warm:
            with srv.connect(L) as c:
                for way, br, force in (("down", other, "true"), ("up", "main", "false")):
                    server_time(c, f"SELECT pggit_v0.checkout_branch('{br}', apply => true, force => {force})")
                for way, br, force in (("down", other, "true"), ("up", "main", "false")):
                    s, _ = server_time(c, f"SELECT pggit_v0.checkout_branch('{br}', apply => true, force => {force})")
                    res[f"warm_{way}"].append(s)

    def psql_pair() -> None:
        for way, script in (("down", down), ("up", up)):
            res[f"psql_{way}"].append(srv.psql_file(P, script))
            res[f"psql_{way}_cpu"].append(int(cpu_file.read_text().split()[-1]) / 1e9)

    for r in range(runs):
        for f in ((checkout_pair, psql_pair) if r % 2 == 0 else (psql_pair, checkout_pair)):
            f()
        log(f"  run {r + 1}: checkout {res['co_down'][-1]:.3f} / {res['co_up'][-1]:.3f} s "
            f"(CPU {res['co_down_cpu'][-1]:.3f} / {res['co_up_cpu'][-1]:.3f}), "
            f"psql {res['psql_down'][-1]:.3f} / {res['psql_up'][-1]:.3f} s "
            f"(CPU {res['psql_down_cpu'][-1]:.3f} / {res['psql_up_cpu'][-1]:.3f}) (down / up)")
    if prof:
        with srv.connect(L) as c:
            c.execute("VACUUM ANALYZE")
        profiles.append((f"down (main -> {other})", profile(srv, L, other)))
        with srv.connect(L) as c:   # go down for real, then profile the way up
            c.execute(f"SELECT pggit_v0.checkout_branch('{other}', apply => true, force => true)")
        profiles.append((f"up ({other} -> main)", profile(srv, L, "main")))
        with srv.connect(L) as c:
            c.execute("SELECT pggit_v0.checkout_branch('main', apply => true)")
    with srv.connect(L) as c:   # the guarantees the bench relies on
        assert c.execute("SELECT count(*) FROM pggit_v0.status()").fetchone()[0] == 0
    for db in (L, P):
        srv.admin(f"DROP DATABASE IF EXISTS {db} WITH (FORCE)")
    med = {k: statistics.median(v) for k, v in res.items() if v}
    return {"schema": label, "n_down": n_down, "n_up": n_up, "median": med, "runs": res, "profiles": profiles}


def main(argv: Optional[List[str]] = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--schemas", default="lemmy,synthetic",
                    help=f"comma-separated: synthetic, synthetic-small (10 tables changed), {', '.join(REAL)}"
                         " (default lemmy,synthetic)")
    ap.add_argument("--tables", type=int, default=1000, help="synthetic schema size (default 1000)")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--warm", action="store_true", help="also a second checkout pair in one session")
    ap.add_argument("--profile", action="store_true", help="time checkout's parts each way")
    ap.add_argument("--sql-ref", help="install the layer from this git ref's sql/ (e.g. HEAD~1) instead of the work tree;"
                                      " --profile needs the current layer")
    ap.add_argument("--host", help="an existing server's host or socket directory (default: a throwaway server)")
    ap.add_argument("--port", type=int)
    ap.add_argument("--user", default="postgres")
    args = ap.parse_args(argv)
    srv = Server(args.host, args.port, args.user)
    log = lambda m: print(m, flush=True)  # noqa: E731
    results = []
    try:
        log(f"server {srv.host}:{srv.port}; load average {os.getloadavg()[0]:.1f}")
        with tempfile.TemporaryDirectory(prefix="pggit-co-") as tmp, \
                tempfile.TemporaryDirectory(prefix="pggit-co-sql-") as sqltmp:
            os.chmod(tmp, 0o755)
            global INSTALL_SQL
            if args.sql_ref:
                tar = subprocess.run(["git", "archive", args.sql_ref, "sql"], cwd=ROOT, capture_output=True, check=True)
                subprocess.run(["tar", "-x", "-C", sqltmp], input=tar.stdout, check=True)
                INSTALL_SQL = Path(sqltmp) / "sql" / "install.sql"
                log(f"layer from {args.sql_ref}")
            for s in args.schemas.split(","):
                for tf in Path(tmp).iterdir():
                    tf.unlink()
                results.append(bench_schema(srv, s.strip(), args.tables, args.runs, args.warm, args.profile,
                                            Path(tmp), log))
    finally:
        srv.stop()
    print()
    print(f"load average at the end {os.getloadavg()[0]:.1f}; medians of {args.runs} runs, cold sessions")
    print(f"{'schema':<16} {'way':<5} {'stmts':>6} {'checkout s':>11} {'psql s':>8} {'ratio':>6}"
          f" {'checkout CPU':>13} {'psql CPU':>9} {'CPU ratio':>9}" + (f" {'warm s':>7} {'warm ratio':>10}" if args.warm else ""))
    worst = 0.0
    for r in results:
        m = r["median"]
        for way, n in (("down", r["n_down"]), ("up", r["n_up"])):
            ratio = m[f"co_{way}"] / m[f"psql_{way}"]
            cratio = m[f"co_{way}_cpu"] / m[f"psql_{way}_cpu"]
            worst = max(worst, ratio)
            line = (f"{r['schema']:<16} {way:<5} {n:>6} {m[f'co_{way}']:>11.3f} {m[f'psql_{way}']:>8.3f} {ratio:>6.2f}"
                    f" {m[f'co_{way}_cpu']:>13.3f} {m[f'psql_{way}_cpu']:>9.3f} {cratio:>9.2f}")
            if args.warm:
                line += f" {m[f'warm_{way}']:>7.3f} {m[f'warm_{way}'] / m[f'psql_{way}']:>10.2f}"
            print(line)
    for r in results:
        for way, parts in r["profiles"]:
            print(f"\nwhere {r['schema']} checkout {way} goes (parts run separately in one transaction, rolled back):")
            print(f"  {'part':<26} {'server s':>8} {'CPU s':>7}")
            for k, (t, c) in parts.items():
                print(f"  {k:<26} {t:8.3f} {c:7.3f}")
    print(f"\nworst ratio {worst:.2f} (target <= ~1.3 plus the commit-side proof)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
