"""The gate runs the history fsck (``_integrity_checks()``, every sha recomputed) once:
its rows make both the integrity cases and the integrity alert, which must stay exactly
what ``validate_data_integrity()`` and ``check_for_alerts()`` report, tampered or not."""
from __future__ import annotations

from typing import Any

import pytest

from pytest_pggit.gate import _alerts, _integrity, _integrity_rows
from pytest_pggit.repo import Repo


def fsck_calls(repo: Repo) -> int:
    """Calls of _integrity_checks() in this transaction so far (track_functions = all)."""
    rows = repo.execute("SELECT coalesce(sum(calls), 0) FROM pg_stat_xact_user_functions "
                        "WHERE schemaname = 'pggit_v0' AND funcname = '_integrity_checks'")
    return int(rows[0][0])


@pytest.mark.parametrize("tampered", [False, True])
def test_gate_integrity_and_alerts_match_the_public_calls_with_one_fsck(pggit: Repo, tampered: bool) -> None:
    pggit.execute("CREATE TABLE t (id int PRIMARY KEY)")
    pggit.commit("t")
    if tampered:   # history changed behind pgGit's back: integrity FAILED, alert CRITICAL
        pggit.execute("SET LOCAL pggit.allow_history_rewrite = on")
        pggit.execute("UPDATE pggit_v0.commit_graph SET message = 'tampered'")
        pggit.execute("SET LOCAL pggit.allow_history_rewrite = off")
    pggit.execute("SET LOCAL track_functions = 'all'")
    clean: Any = pggit.status()
    assert not clean and clean is not None

    before = fsck_calls(pggit)
    integrity, stored = _integrity_rows(pggit, clean)
    alerts = _alerts(pggit, clean, stored)
    assert fsck_calls(pggit) - before == 1   # (was 2: once more inside _alerts)

    assert stored is not None
    assert integrity == pggit.integrity() == _integrity(pggit, clean)
    assert alerts == pggit.alerts()
    row = next(a for a in alerts if a.check == "integrity")
    if tampered:
        assert any(not c.ok for c in integrity)
        assert str(row.severity) == "CRITICAL" and "integrity checks failed" in row.message
    else:
        assert all(c.ok for c in integrity)
        assert str(row.severity) == "OK" and row.message.startswith("all ")


def test_alerts_without_stored_rows_run_the_fsck_themselves(pggit: Repo) -> None:
    """A status that is not known clean (or no rows read): ``_alerts`` as before."""
    pggit.execute("SET LOCAL track_functions = 'all'")
    before = fsck_calls(pggit)
    alerts = _alerts(pggit, pggit.status(), None)
    assert fsck_calls(pggit) - before == 1
    assert alerts == pggit.alerts()
