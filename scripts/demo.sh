#!/usr/bin/env bash
# The main job: run the shop example's tests with the pgGit CI gate and show its report,
# then the Alembic and Django examples (migration steps from their own tools) with the gate.
#   bash scripts/demo.sh [extra pytest args...]
# Creates .venv on first use (as scripts/test.sh does). Exits with pytest's status:
# 0 when the tests pass and the gate passes (the example's schema is clean).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -x .venv/bin/python ]; then
    python3 -m venv .venv
fi
stamp=.venv/.pytest-pggit-installed
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
    .venv/bin/python -m pip install -q --disable-pip-version-check -e '.[test]'
    touch "$stamp"
fi
out=$(mktemp -d "${TMPDIR:-/tmp}/pggit-demo.XXXXXX")
trap 'rm -rf "$out"' EXIT
echo "+ pytest --pggit --pggit-gate --pggit-junit $out/pggit-junit.xml --pggit-report $out/pggit-report.md examples/shop"
status=0
.venv/bin/python -m pytest -p no:randomly -q --pggit --pggit-gate \
    --pggit-junit "$out/pggit-junit.xml" --pggit-report "$out/pggit-report.md" \
    examples/shop "$@" || status=$?
echo
echo "--- JUnit XML ($out/pggit-junit.xml): one test case per gate check"
.venv/bin/python - "$out/pggit-junit.xml" <<'PY'
import sys
import xml.etree.ElementTree as ET
suite = ET.parse(sys.argv[1]).getroot().find("testsuite")
print(f"testsuite {suite.get('name')}: {suite.get('tests')} tests, {suite.get('failures')} failures, "
      f"{suite.get('errors')} errors")
for case in suite.iter("testcase"):
    bad = case.find("failure") if case.find("failure") is not None else case.find("error")
    print(f"  {'FAIL' if bad is not None else 'ok  '} {case.get('classname')}: {case.get('name')}")
PY
echo
echo "--- Markdown report ($out/pggit-report.md), first lines"
head -n 12 "$out/pggit-report.md"
echo
echo "--- What the gate catches: the same project plus a migration 004 that drops customers.phone"
cp -r examples/shop "$out/shop"
printf -- '-- 004: phone numbers are gone\nALTER TABLE customers DROP COLUMN phone;\n' \
    > "$out/shop/schema/004_drop_phone.sql"
bad=0
.venv/bin/python -m pytest -p no:randomly -q --pggit --pggit-gate "$out/shop" > "$out/bad.txt" 2>&1 || bad=$?
grep -E '^pggit gate: ' "$out/bad.txt" || true
sed -n '/^snapshot \/ /,/^if the change is intended/p' "$out/bad.txt"
tail -n 1 "$out/bad.txt"
if [ "$bad" -ne 1 ]; then
    echo "demo: expected the gate to fail that run with exit 1, got $bad"
    status=1
fi
tools=0
for tool in alembic django; do
    echo
    case "$tool" in
        alembic) echo "--- Alembic: examples/alembic, a commit tagged alembic/<revision> per revision (pggit_alembic in its pytest.ini)" ;;
        django) echo "--- Django: examples/django, a commit tagged django/<app>/<migration> per migration; django_db tests on pytest-django's copy of the template" ;;
    esac
    echo "+ pytest --pggit --pggit-gate examples/$tool"
    rc=0
    .venv/bin/python -m pytest -p no:randomly -q --pggit --pggit-gate "examples/$tool" > "$out/$tool.txt" 2>&1 || rc=$?
    sed -n '/^pggit gate: /,$p' "$out/$tool.txt"
    if [ "$rc" -ne 0 ]; then
        [ -s "$out/$tool.txt" ] && ! grep -q '^pggit gate: ' "$out/$tool.txt" && tail -n 30 "$out/$tool.txt"
        echo "demo: examples/$tool: pytest exited $rc"
        tools=$rc
    fi
done
echo
if [ "$status" -eq 0 ]; then
    echo "demo: the shop example passed its tests and the gate (exit 0); the variant dropping a column was caught"
else
    echo "demo: pytest exited $status"
fi
if [ "$tools" -eq 0 ]; then
    echo "demo: the Alembic and Django examples passed their tests and the gate, their dropped columns accepted in the migrations (a comment on the statement in Alembic's, pggit_allow in Django's)"
elif [ "$status" -eq 0 ]; then
    status=$tools
fi
exit "$status"
