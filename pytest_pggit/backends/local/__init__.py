"""The local backend: a throwaway PostgreSQL server from the machine's binaries.

* :mod:`.binaries`: which ``initdb``/``postgres``, their version, the OS user running them;
* :mod:`.cache`: cached data directories (a pristine initdb; clusters holding the layer);
* :mod:`.server`: :class:`LocalBackend`, which starts, waits for and stops the server;
* ``_watchdog.py``: a detached process that removes the server if pytest is killed.

``PYTEST_DONT_REWRITE`` (see :mod:`pytest_pggit.plugin`).
"""
from .binaries import RunAs, find_binaries, resolve_os_user, server_version
from .cache import LAYER_DB, InitdbCache, LayerCache, prune_layer_entries
from .server import LocalBackend

__all__ = [
    "LAYER_DB", "InitdbCache", "LayerCache", "LocalBackend", "RunAs", "find_binaries",
    "prune_layer_entries", "resolve_os_user", "server_version",
]
