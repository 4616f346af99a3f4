"""The review's R11-15: 1be3829 put a helper between ``@pytest.hookimpl(tryfirst=True)``
and ``pytest_configure``, so the plugin's configure (which starts the server at its end)
lost its place before other plugins' configure hooks (3a9612e's cold-start overlap)."""
from __future__ import annotations

import pytest


def test_the_plugins_configure_runs_before_other_plugins(pytestconfig: pytest.Config) -> None:
    impls = pytestconfig.pluginmanager.hook.pytest_configure.get_hookimpls()
    ours = [i for i in impls if getattr(i.plugin, "__name__", "") == "pytest_pggit.plugin"]
    assert len(ours) == 1, impls
    assert ours[0].tryfirst, "pytest_pggit.plugin.pytest_configure must be tryfirst"
    # tryfirst impls are called first: among the impls pluggy calls, ours precedes every
    # impl that is not itself tryfirst
    order = list(reversed(impls))  # pluggy calls the list from its end
    first_plain = next((n for n, i in enumerate(order) if not i.tryfirst), len(order))
    assert order.index(ours[0]) < first_plain
