"""Z20 of the third security round: in the shared sticky cache folder another user
cannot rename this user's entries, but may create names.  Entries were checked with
``os.stat``, which follows symlinks: a symlink named like this user's next layer entry
(the key is the digest of the public layer files) pointing at this user's old-layer
entry was a "layer cache hit", and the run used an old layer.  Entries are now read with
``lstat``: a symlink (or a folder of another user, or not private) is no entry, and the
run says so, with what to do."""
from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

from pytest_pggit.backends.local.binaries import RunAs
from pytest_pggit.backends.local.cache import entry_refused, entry_valid

LAYER_TEST = """
def test_layer(pggit_conn):
    assert pggit_conn.execute("SELECT to_regnamespace('pggit_v0') IS NOT NULL").fetchone()[0]
"""


def test_a_symlink_named_like_the_next_layer_entry_is_no_cache_hit(
        pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch) -> None:
    cache = Path(tempfile.mkdtemp(prefix="pytest-pggit-testcache-",
                                  dir="/dev/shm" if os.access("/dev/shm", os.W_OK) else None))
    os.chmod(cache, 0o1777)
    monkeypatch.setenv("PGGIT_CACHE_DIR", str(cache))
    try:
        pytester.makepyfile(test_layer=LAYER_TEST)
        first = pytester.runpytest_subprocess("--pggit", "-p", "no:cacheprovider")
        first.assert_outcomes(passed=1)
        [entry] = cache.glob("*-layer-*")
        # the entry becomes "an old layer's" and a symlink takes the current layer's name
        old = entry.with_name(entry.name.rpartition("-layer-")[0] + "-layer-0123456789abcdef")
        os.rename(entry, old)
        os.symlink(old, entry)
        second = pytester.runpytest_subprocess("--pggit", "-p", "no:cacheprovider")
        second.assert_outcomes(passed=1)
        out = second.stdout.str()
        assert "layer cache hit" not in out, out
        second.stdout.fnmatch_lines([f"*cache entry {entry} not used: it is a symlink*remove it (rm {entry})*"])
        assert entry.is_symlink()   # left alone: not ours to remove
    finally:
        shutil.rmtree(cache, ignore_errors=True)


def test_entries_are_read_without_following_symlinks(tmp_path: Path) -> None:
    runas = _runas_me()
    real = tmp_path / "15.1-0-abc-w1-layer-1"
    (real / "data").mkdir(parents=True)
    (real / "data" / "PG_VERSION").write_text("15\n")
    os.chmod(real, 0o700)
    assert entry_valid(real, runas) and entry_refused(real, runas) is None
    link = tmp_path / "15.1-0-abc-w1-layer-2"
    link.symlink_to(real)
    assert not entry_valid(link, runas)
    assert entry_refused(link, runas) == "a symlink"
    os.chmod(real, 0o755)
    assert not entry_valid(real, runas)
    assert entry_refused(real, runas) == "not private to its owner (mode 755)"
    assert entry_refused(tmp_path / "missing", runas) is None


def _runas_me() -> RunAs:
    return RunAs(name="me", uid=os.geteuid(), gid=os.getegid(), switch=False)
