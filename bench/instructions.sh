#!/bin/bash
# Instructions a query costs, cold (a session's first call) and warm, counted by
# callgrind in a single-user backend: deterministic, so two layers compare at any load
# (bench/README.md, stop 22).  DATADIR must be a stopped cluster (a copy: single-user
# mode writes to it; event triggers do not fire there, so no capture).
#   bench/instructions.sh DATADIR DB "SELECT root_sha FROM pggit_v0._write_tree()" [OPTIONS...]
# prints: cold <instructions of the first call> warm <instructions of a later call>
set -euo pipefail
data=$1; db=$2; query=$3; shift 3
bindir=$(pg_config --bindir)
count() {   # $1: how many times the query runs; prints the instructions of the session
    local n=$1 f; shift
    f=$(mktemp /tmp/instructions.XXXXXX.sql); chmod 644 "$f"
    { echo "SET client_min_messages = warning;"; echo "SET search_path = pg_catalog, pggit_v0, pg_temp;"
      for _ in $(seq "$n"); do echo "$query;"; done; } > "$f"
    local cmd="valgrind --tool=callgrind --callgrind-out-file=/dev/null $bindir/postgres --single -D $data $* $db < $f"
    if [ "$(id -u)" = 0 ]; then cmd="su postgres -c \"$cmd\""; fi
    eval "$cmd" 2>&1 | awk '/Collected/ {print $4}'
    rm -f "$f"
}
opts="-c max_locks_per_transaction=1024 $*"
base=$(query="SELECT 1" count 1 $opts)
one=$(count 1 $opts)
three=$(count 3 $opts)
echo "cold $((one - base)) warm $(( (three - one) / 2 ))"
