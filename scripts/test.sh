#!/usr/bin/env bash
# Run the test suite: bash scripts/test.sh [pytest args...]
# Creates .venv on first use and installs the project (editable) with its test extras.
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
# pytest's own exit code goes through: 0 all passed, 1 failures, 5 no tests collected.
exec .venv/bin/python -m pytest -n 2 -q "$@"
