#!/usr/bin/env python3
"""Extract stripe/pg-schema-diff's migration acceptance cases into JSON test data.

The peer (MIT, https://github.com/stripe/pg-schema-diff) keeps ~350 single-direction
cases as Go struct literals in internal/migration_acceptance_tests/*_cases_test.go.
This script reads them from a git checkout or a bare mirror (no Go toolchain needed):
it tokenizes the Go source (raw `backtick` and "double-quoted" string literals, comments,
brackets), walks the brace depth of each ``[]acceptanceTestCase{...}`` literal and keeps
each case's fields.  Output: tests/data/pg-schema-diff/cases.json (see its README.md).

    scripts/extract_pg_schema_diff_cases.py --git-dir /work/.mirror/stripe+pg-schema-diff/repo \
        --commit 6208f8f3ceccae8ca634055dc47907a6a864cb76
"""
from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any, Dict, List, Optional, Tuple

FOLDER = "internal/migration_acceptance_tests"
OUT = Path(__file__).resolve().parents[1] / "tests" / "data" / "pg-schema-diff" / "cases.json"

Token = Tuple[str, str]   # (kind, text): kind in str, ident, punct

_GO_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "\\": "\\", '"': '"', "'": "'", "a": "\a",
               "b": "\b", "f": "\f", "v": "\v"}


def tokenize(src: str) -> List[Token]:
    out: List[Token] = []
    i, n = 0, len(src)
    while i < n:
        c = src[i]
        if c.isspace():
            i += 1
        elif src.startswith("//", i):
            i = src.find("\n", i)
            i = n if i < 0 else i
        elif src.startswith("/*", i):
            i = src.index("*/", i) + 2
        elif c == "`":
            j = src.index("`", i + 1)
            out.append(("str", src[i + 1:j].replace("\r", "")))
            i = j + 1
        elif c == '"':
            buf, j = [], i + 1
            while src[j] != '"':
                if src[j] == "\\":
                    e = src[j + 1]
                    if e in _GO_ESCAPES:
                        buf.append(_GO_ESCAPES[e])
                        j += 2
                    elif e == "x":
                        buf.append(chr(int(src[j + 2:j + 4], 16)))
                        j += 4
                    elif e == "u":
                        buf.append(chr(int(src[j + 2:j + 6], 16)))
                        j += 6
                    else:
                        raise ValueError(f"unsupported Go escape \\{e}")
                else:
                    buf.append(src[j])
                    j += 1
            out.append(("str", "".join(buf)))
            i = j + 1
        elif c.isalnum() or c == "_":
            m = re.compile(r"[A-Za-z0-9_]+").match(src, i)
            out.append(("ident", m.group(0)))
            i = m.end()
        else:
            out.append(("punct", c))
            i += 1
    return out


def split_top(tokens: List[Token], sep: str = ",") -> List[List[Token]]:
    """Split a token list on ``sep`` at bracket depth 0."""
    parts: List[List[Token]] = [[]]
    depth = 0
    for t in tokens:
        if t[0] == "punct" and t[1] in "{([":
            depth += 1
        elif t[0] == "punct" and t[1] in "})]":
            depth -= 1
        if depth == 0 and t == ("punct", sep):
            parts.append([])
        else:
            parts[-1].append(t)
    return [p for p in parts if p]


def matching(tokens: List[Token], start: int) -> int:
    """Index of the bracket closing the one at ``start``."""
    depth = 0
    for k in range(start, len(tokens)):
        kind, text = tokens[k]
        if kind == "punct" and text in "{([":
            depth += 1
        elif kind == "punct" and text in "})]":
            depth -= 1
            if depth == 0:
                return k
    raise ValueError("unbalanced brackets")


def strings_of(value: List[Token]) -> List[str]:
    """``[]string{`a`, "b" + "c"}`` -> ["a", "bc"]; ``nil`` -> []."""
    if value == [("ident", "nil")]:
        return []
    body = value[value.index(("punct", "{")) + 1:-1]
    result = []
    for elem in split_top(body):
        pieces = [t for t in elem if t != ("punct", "+")]
        if not pieces or any(k != "str" for k, _ in pieces):
            raise ValueError(f"not a string literal: {elem}")
        result.append("".join(s for _, s in pieces))
    return result


def text_of(value: List[Token]) -> str:
    """Go source of a value, roughly re-spaced (for fields kept verbatim)."""
    out = ""
    for kind, s in value:
        out += json.dumps(s) if kind == "str" else s
    return out


def case_literals(tokens: List[Token]) -> List[Tuple[str, List[Token]]]:
    """(variable name, body tokens) of every ``[]acceptanceTestCase{ {...}, ... }`` element."""
    found = []
    for k in range(len(tokens) - 3):
        if tokens[k:k + 4] == [("punct", "["), ("punct", "]"), ("ident", "acceptanceTestCase"), ("punct", "{")]:
            var = next((tokens[j][1] for j in range(k - 1, max(k - 4, -1), -1)
                        if tokens[j][0] == "ident"), "?")
            end = matching(tokens, k + 3)
            for elem in split_top(tokens[k + 4:end]):
                if elem[0] == ("punct", "{"):
                    found.append((var, elem[1:-1]))
    return found


def parse_case(body: List[Token]) -> Dict[str, Any]:
    fields: Dict[str, List[Token]] = {}
    for field in split_top(body):
        assert field[0][0] == "ident" and field[1] == ("punct", ":"), field[:3]
        fields[field[0][1]] = field[2:]
    return fields


def extension_available(name: str) -> bool:
    sharedir = subprocess.run(["pg_config", "--sharedir"], capture_output=True, text=True).stdout.strip()
    return (Path(sharedir) / "extension" / f"{name.lower()}.control").exists()


def convert(file: str, fields: Dict[str, List[Token]], file_skip: Optional[str]) -> Dict[str, Any]:
    name = fields["name"][0][1]
    case: Dict[str, Any] = {
        "file": file,
        "name": name,
        "roles": strings_of(fields["roles"]) if "roles" in fields else [],
        "old": strings_of(fields["oldSchemaDDL"]) if "oldSchemaDDL" in fields else [],
        "new": strings_of(fields["newSchemaDDL"]) if "newSchemaDDL" in fields else [],
        "expected_hazards": [t[1] for t in fields.get("expectedHazardTypes", [])
                             if t[0] == "ident" and t[1].startswith("MigrationHazardType")
                             and t[1] != "MigrationHazardType"],
        "expect_empty_plan": text_of(fields.get("expectEmptyPlan", [])) == "true",
    }
    if "expectedDBSchemaDDL" in fields:
        case["expected_db_schema"] = strings_of(fields["expectedDBSchemaDDL"])
    if "planOpts" in fields:
        case["plan_opts"] = text_of(fields["planOpts"])
    if "planFactory" in fields:
        case["plan_factory"] = text_of(fields["planFactory"])
    extensions = sorted({m.lower() for s in case["old"] + case["new"] + case.get("expected_db_schema", [])
                         for m in re.findall(r"(?i)CREATE\s+EXTENSION\s+(?:IF\s+NOT\s+EXISTS\s+)?\"?(\w+)", s)})
    if extensions:
        case["extensions"] = extensions

    reason = None
    if "expectedPlanErrorIs" in fields or "expectedPlanErrorContains" in fields:
        err = text_of(fields.get("expectedPlanErrorIs", []) or fields.get("expectedPlanErrorContains", []))
        reason = f"peer expects a plan error ({err}): nothing to migrate or compare"
    elif file_skip:
        reason = file_skip
    elif "planFactory" in fields and "dirSchemaSourcePlanFactory" in case["plan_factory"]:
        reason = "planFactory reads the new schema from the peer's testdata directories (no new DDL)"
    elif "planOpts" in fields and not re.fullmatch(
            r"\[\]diff\.PlanOpt\{(diff\.(WithNoConcurrentIndexOps|WithDoNotValidatePlan)\(\),?)+\}",
            case["plan_opts"]):
        reason = f"planOpts change what is judged: {case['plan_opts']}"
    else:
        missing = [e for e in extensions if not extension_available(e)]
        if missing:
            reason = f"needs extension(s) not installed here: {', '.join(missing)}"
    if reason:
        case["skip_reason"] = reason
    return case


#: files whose Test function changes every case (runTestCases is called on altered copies)
FILE_SKIPS = {
    "data_packing_cases_test.go": "data packing (diff.WithDataPackNewTables, added by TestDataPackingTestCases) "
                                  "reorders new tables' columns; we never reorder columns",
}


def main(argv: Optional[List[str]] = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--git-dir", default="/work/.mirror/stripe+pg-schema-diff/repo")
    ap.add_argument("--commit", default="6208f8f3ceccae8ca634055dc47907a6a864cb76")
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args(argv)

    def git(*a: str) -> str:
        return subprocess.run(["git", "--git-dir", args.git_dir, *a], capture_output=True,
                              text=True, check=True).stdout

    files = sorted(f for f in git("ls-tree", "--name-only", f"{args.commit}:{FOLDER}").split()
                   if f.endswith("_cases_test.go"))
    cases: List[Dict[str, Any]] = []
    for f in files:
        src = git("show", f"{args.commit}:{FOLDER}/{f}")
        for _var, body in case_literals(tokenize(src)):
            cases.append(convert(f, parse_case(body), FILE_SKIPS.get(f)))
    ids = [f"{Path(c['file']).stem}::{c['name']}" for c in cases]
    dupes = {i for i in ids if ids.count(i) > 1}
    if dupes:
        print(f"duplicate case ids: {sorted(dupes)}", file=sys.stderr)
        return 1
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps({
        "source": "https://github.com/stripe/pg-schema-diff",
        "commit": args.commit,
        "folder": FOLDER,
        "license": "MIT, Copyright (c) 2023- Stripe, Inc. (see README.md)",
        "cases": cases,
    }, indent=1, ensure_ascii=False) + "\n")
    skipped: Dict[str, int] = {}
    for c in cases:
        if "skip_reason" in c:
            key = c["skip_reason"].split(":")[0].split(" (")[0]
            skipped[key] = skipped.get(key, 0) + 1
    print(f"{len(cases)} cases from {len(files)} files -> {args.out}; skipped: {skipped}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
