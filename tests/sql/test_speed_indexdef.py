"""Snapshots write plain btree indexes themselves instead of calling pg_get_indexdef
(_snap_indexes: its GetDefaultOpClass scan per key column was a tenth of a full
commit).  Every index, written either way, must read exactly as pg_get_indexdef
writes it (then settled, see _settled): on a whole snapshot and on one by names."""
from __future__ import annotations

from conftest import SqlDb

INDEXES_SQL = r"""
CREATE SCHEMA ix;
CREATE DOMAIN ix.dvc AS varchar(20);
CREATE DOMAIN ix.dint AS int;
CREATE TYPE ix.mood AS ENUM ('a', 'b');
CREATE TYPE ix.pair AS (a int, b int);
CREATE TABLE ix."Mixed Case" (
    id int, "Odd Col" text, v varchar(10), c char(4), t text COLLATE "C", n numeric, b bool,
    ts timestamptz, d date, u uuid, j jsonb, by bytea, arr int[], m ix.mood, p ix.pair,
    r int4range, dv ix.dvc, di ix.dint, ci cidr, ip inet, bits varbit, nm name, oi oid,
    rc regclass, f8 float8, f4 float4, i2 int2, i8 bigint, tv tsvector, iv interval,
    tm time, mo money, ch "char", tstz timestamp, vcs varchar[], "select" int);
CREATE INDEX ON ix."Mixed Case" (id);
CREATE INDEX ON ix."Mixed Case" (id DESC);
CREATE INDEX ON ix."Mixed Case" (id NULLS FIRST);
CREATE INDEX ON ix."Mixed Case" (id DESC NULLS LAST);
CREATE INDEX ON ix."Mixed Case" (id ASC NULLS LAST);
CREATE INDEX ON ix."Mixed Case" (id DESC NULLS FIRST, "select" NULLS FIRST, i8 DESC);
CREATE INDEX ON ix."Mixed Case" ("Odd Col", v, c);
CREATE INDEX ON ix."Mixed Case" (t);
CREATE INDEX ON ix."Mixed Case" (t COLLATE "default");
CREATE INDEX ON ix."Mixed Case" ("Odd Col" COLLATE "C");
CREATE INDEX ON ix."Mixed Case" (v COLLATE "C");
CREATE INDEX ON ix."Mixed Case" (v text_pattern_ops);
CREATE INDEX ON ix."Mixed Case" (v varchar_pattern_ops);
CREATE INDEX ON ix."Mixed Case" ("Odd Col" text_pattern_ops);
CREATE INDEX ON ix."Mixed Case" (c bpchar_pattern_ops);
CREATE INDEX ON ix."Mixed Case" (c);
CREATE INDEX ON ix."Mixed Case" (n, b, ts, d, u, j, by);
CREATE INDEX ON ix."Mixed Case" (arr);
CREATE INDEX ON ix."Mixed Case" (vcs);
CREATE INDEX ON ix."Mixed Case" (m);
CREATE INDEX ON ix."Mixed Case" (p);
CREATE INDEX ON ix."Mixed Case" (r);
CREATE INDEX ON ix."Mixed Case" (dv);
CREATE INDEX ON ix."Mixed Case" (di);
CREATE INDEX ON ix."Mixed Case" (ci);
CREATE INDEX ON ix."Mixed Case" (ci inet_ops);
CREATE INDEX ON ix."Mixed Case" (ip);
CREATE INDEX ON ix."Mixed Case" (bits);
CREATE INDEX ON ix."Mixed Case" (nm);
CREATE INDEX ON ix."Mixed Case" (oi);
CREATE INDEX ON ix."Mixed Case" (rc);
CREATE INDEX ON ix."Mixed Case" (f8, f4, i2, i8);
CREATE INDEX ON ix."Mixed Case" (tv);
CREATE INDEX ON ix."Mixed Case" (iv, tm, mo, ch, tstz);
CREATE INDEX ON ix."Mixed Case" (i8) WHERE b AND id > 3;
CREATE INDEX ON ix."Mixed Case" (v DESC) WHERE v IN ('a', 'b') AND "Odd Col" ~ 'x';
CREATE INDEX ON ix."Mixed Case" USING hash (id);
CREATE INDEX ON ix."Mixed Case" USING brin (ts);
CREATE INDEX ON ix."Mixed Case" USING gin (j);
CREATE INDEX ON ix."Mixed Case" (id) INCLUDE (v);
CREATE INDEX ON ix."Mixed Case" (id) WITH (fillfactor = 70);
CREATE UNIQUE INDEX ON ix."Mixed Case" (u);
CREATE INDEX ON ix."Mixed Case" (lower(v));
CREATE INDEX ON ix."Mixed Case" (id, (i8 + 1));
CREATE INDEX "weird ""name"" here" ON ix."Mixed Case" (id);
CREATE INDEX "select" ON ix."Mixed Case" ("select");
CREATE TABLE ix.parted (k int, v text) PARTITION BY RANGE (k);
CREATE TABLE ix.parted_1 PARTITION OF ix.parted FOR VALUES FROM (0) TO (10);
CREATE TABLE ix.parted_2 PARTITION OF ix.parted FOR VALUES FROM (10) TO (20);
CREATE INDEX ON ix.parted (v DESC);
CREATE INDEX ON ONLY ix.parted (k);
CREATE INDEX parted_2_own ON ix.parted_2 (k);
ALTER INDEX ix.parted_k_idx ATTACH PARTITION ix.parted_2_own;
CREATE MATERIALIZED VIEW ix.mv AS SELECT id, v FROM ix."Mixed Case";
CREATE INDEX ON ix.mv (v, id DESC);
"""

COMPARE_SQL = """
SELECT s.sub_key, s.definition, pggit_v0._settled(pg_get_indexdef(c.oid)) AS indexdef
FROM pggit_v0._snapshot('ix', %s) s
JOIN pg_class c ON c.relname = substr(s.sub_key, 7) AND c.relnamespace = 'ix'::regnamespace AND c.relkind IN ('i', 'I')
WHERE s.sub_key LIKE 'index %%'
"""


def test_snapshots_write_every_index_as_pg_get_indexdef_does(db: SqlDb) -> None:
    db.exec(INDEXES_SQL)
    n_indexes = db.val("""SELECT count(*) FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
                          WHERE c.relnamespace = 'ix'::regnamespace AND NOT c.relispartition""")
    whole = db.rows(COMPARE_SQL, [None])
    assert len(whole) >= n_indexes >= 45, (n_indexes, sorted(r["sub_key"] for r in whole))
    by_names = db.rows(COMPARE_SQL, ["Mixed Case"])
    assert len(by_names) >= 40
    for rows in (whole, by_names):
        wrong = [r for r in rows if not r["definition"].startswith(r["indexdef"] + ";")]
        assert wrong == []
    # the partitioned index ON ONLY its table, attached on one partition only, and the
    # partition's own attached under a name no clone would have
    defs = {r["sub_key"]: r["definition"] for r in whole}
    assert defs["index parted_k_idx"].startswith("CREATE INDEX parted_k_idx ON ONLY ix.parted USING btree (k);")
    assert "ATTACH PARTITION ix.parted_2_own" in defs["index parted_2_own"]
