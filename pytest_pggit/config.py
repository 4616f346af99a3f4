"""All pytest-pggit settings, resolved in one place.

Precedence for each setting: command line > ini file > environment > default.
``PYTEST_DONT_REWRITE`` (see :mod:`pytest_pggit.plugin`).
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, List, Optional, Tuple

from .exceptions import PggitError

if TYPE_CHECKING:  # pragma: no cover
    import pytest

BACKENDS = ("auto", "local", "embedded", "dsn", "docker")
DEFAULT_IMAGE = "postgres:17-alpine"
#: --pggit-alembic without a path: this file in the rootdir
ALEMBIC_INI = "alembic.ini"

# ------------------------------------------------------------------ severity ladders
# Each ladder is defined once, here, least severe first.  The SQL layer orders the same
# alert severities in pggit_v0._mon_rank() (sql/80_monitoring.sql, shared by the
# monitoring files 81-84) for its own sorting: keep the two in step.

#: Alert severities: ``check_for_alerts().severity`` lower-cased, its ``OK`` being ``none``
#: (--pggit-fail-on, ``assert_no_alerts(min_severity=)``).
ALERT_LEVELS: Tuple[str, ...] = ("none", "info", "warning", "critical")
#: Hazard severities: ``hazard_kinds().severity``, whose ``rank`` column orders them the
#: same way (--pggit-fail-on-hazard).
HAZARD_LEVELS: Tuple[str, ...] = ("none", "low", "medium", "high", "data-loss", "breaking")


def level_rank(levels: Tuple[str, ...], severity: Optional[str]) -> Optional[int]:
    """Position of ``severity`` (any case; None and the SQL's ``OK`` are ``none``) on a
    ladder; None when it is not on it."""
    s = (severity or "none").strip().lower()
    s = "none" if s == "ok" else s
    return levels.index(s) if s in levels else None


def alert_rank(severity: Optional[str]) -> int:
    """Rank of an alert severity on :data:`ALERT_LEVELS` (0 when unknown)."""
    return level_rank(ALERT_LEVELS, severity) or 0


def hazard_rank(severity: Optional[str]) -> int:
    """Rank of a hazard severity on :data:`HAZARD_LEVELS` (0 when unknown)."""
    return level_rank(HAZARD_LEVELS, severity) or 0


def check_level(value: str, levels: Tuple[str, ...], option: str) -> str:
    """``value`` as a level of ``levels``, or a usage error naming ``option``."""
    v = str(value).strip().lower()
    if v not in levels:
        raise PggitError(f"{option} must be one of {', '.join(levels)}, got {value!r}",
                         hint=f"e.g. {option} {levels[-1]}")
    return v


def check_lock_timeout(value: Any) -> Optional[str]:
    """``--pggit-lock-timeout`` as a PostgreSQL duration (``10s``, ``500ms``, ``2min``; a
    bare number is milliseconds); None for ``0`` (no timeout); a usage error otherwise."""
    import re

    text = str(value if value is not None else "").strip().lower().replace(" ", "")
    m = re.fullmatch(r"(\d+(?:\.\d+)?)(ms|s|min|h)?", text)
    if not m:
        raise PggitError(f"--pggit-lock-timeout must be a duration like 10s or 500ms, got {value!r}",
                         hint="e.g. --pggit-lock-timeout 30s (0: wait for locks forever)")
    return None if float(m.group(1)) == 0 else text


@dataclass
class GateOptions:
    """The gate's settings (--pggit-gate and the report options)."""

    gate: bool = False
    fail_on: str = "critical"
    fail_on_hazard: str = "data-loss"
    #: whether --pggit-fail-on-hazard was given (command line, ini or environment): when
    #: not, and squawk is not installed, hazards stand in for lint (gate.py, H2)
    fail_on_hazard_given: bool = False
    snapshot: Optional[Path] = None
    snapshot_update: bool = False
    base: Optional[str] = None
    head: Optional[str] = None
    junit: Optional[Path] = None
    report: Optional[Path] = None
    #: object paths (globs) the up/down and snapshot checks leave out (--pggit-ignore)
    ignore: Tuple[str, ...] = ()
    #: a column order difference fails the up/down check instead of being a note
    strict_column_order: bool = False
    #: lint the steps since the base with squawk (--pggit-lint / --no-pggit-lint); None:
    #: on when squawk is installed, a note when not (explicit True: missing squawk fails)
    lint: Optional[bool] = None
    #: squawk rules left out (--pggit-lint-exclude)
    lint_exclude: Tuple[str, ...] = ()
    #: lint findings at or above this severity fail: none, low, medium, high, data-loss,
    #: all (--pggit-fail-on-lint; see lint.py)
    fail_on_lint: str = "high"
    #: GLOB:HAZARD[ -- reason] values of --pggit-allow / ini pggit_allow
    allow: Tuple[str, ...] = ()

    @property
    def wanted(self) -> bool:
        """Whether the checks run at all (any gate or report option given)."""
        return bool(self.gate or self.snapshot or self.junit or self.report)


@dataclass
class Setting:
    """One setting: its option, ini key and environment variable."""

    name: str  # ini key, e.g. "pggit_dsn"
    help: str
    ini_type: Optional[str] = None  # None = string; "bool", "linelist"
    env: Optional[str] = None
    default: Any = None
    #: the value of the flag given without an argument (``--pggit-alembic``); None: it needs one
    const: Any = None
    option: Optional[str] = None  # the command-line flag when not --<name with dashes>

    @property
    def flag(self) -> str:
        return self.option or "--" + self.name.replace("_", "-")


SETTINGS: List[Setting] = [
    Setting("pggit", "enable pytest-pggit (off by default: the plugin then touches nothing)", "bool",
            default=False),
    Setting("pggit_backend", "where the server comes from: auto|local|embedded|dsn|docker "
            "(default auto: dsn if a DSN is set, else local binaries if found, else the "
            "pgserver wheel's (pytest-pggit[server]) if installed, else docker)",
            env="PGGIT_BACKEND", default="auto"),
    Setting("pggit_dsn", "connection string of an existing server (dsn backend)", env="PGGIT_DSN"),
    Setting("pggit_pg_bin", "directory holding initdb and postgres (local backend)",
            env="PGGIT_PG_BIN"),
    Setting("pggit_embedded_path", "directory holding the pgserver wheel's package (a pip "
            "--target dir) for the embedded backend (default: where `import pgserver` finds it)",
            env="PGGIT_EMBEDDED_PATH"),
    Setting("pggit_port", "TCP port of the local server on 127.0.0.1 (default: a free one)",
            env="PGGIT_PORT"),
    Setting("pggit_image", f"Docker image of the docker backend (default {DEFAULT_IMAGE})",
            env="PGGIT_IMAGE", default=None),
    Setting("pggit_os_user", "OS user that runs initdb/postgres when pytest runs as root "
            "(default: postgres)", env="PGGIT_OS_USER"),
    Setting("pggit_start_timeout", "seconds to wait for the server to accept connections "
            "(default 30)", env="PGGIT_START_TIMEOUT", default=30.0),
    Setting("pggit_schema", "project schema file or folder applied to pggit_db after the SQL "
            "layer (repeatable; folders in lexical order)", "linelist", env="PGGIT_SCHEMA",
            default=()),
    Setting("pggit_no_owner", "skip the schema files' ALTER ... OWNER TO and SET/RESET ROLE or "
            "SESSION AUTHORIZATION statements, like pg_restore --no-owner", "bool", default=False),
    Setting("pggit_untrusted", "run the project's SQL schema files as a role that is not a "
            "superuser and does not own the pgGit layer (for untrusted pull requests; no caches; "
            "see SECURITY.md)", "bool", default=False),
    Setting("pggit_sql_dir", "directory holding the SQL layer's install.sql (default: the one "
            "shipped with pytest-pggit)", env="PGGIT_SQL_DIR"),
    Setting("pggit_lock_timeout", "lock_timeout of pytest-pggit's own connections, e.g. 10s, "
            "500ms; 0 waits forever (default 10s)", env="PGGIT_LOCK_TIMEOUT", default="10s"),
    # -- templates cached across runs (pytest_pggit.template_cache)
    Setting("pggit_no_cache", "build the template from scratch: neither clone a cached one nor "
            "keep it for the next run", "bool", default=False),
    Setting("pggit_cache_key", "an extra input of the template cache's key (e.g. a hash of the "
            "code your migrations import); another value builds another template",
            env="PGGIT_CACHE_KEY"),
    # -- the CI gate and its reports (pytest_pggit.gate, pytest_pggit.report)
    Setting("pggit_gate", "after the tests, check pggit_db (integrity, alerts, migration hazards "
            "base..head, snapshot drift) and fail the session when a check fails", "bool",
            default=False),
    Setting("pggit_fail_on", "alert severity that fails the gate: none|info|warning|critical "
            "(default critical)", env="PGGIT_FAIL_ON", default="critical"),
    Setting("pggit_fail_on_hazard", "migration hazard severity that fails the gate: "
            "none|low|medium|high|data-loss|breaking (default data-loss: breaking changes fail too)", env="PGGIT_FAIL_ON_HAZARD",
            default="data-loss"),
    Setting("pggit_snapshot", "the expected schema as a text file (one entry per path); the gate "
            "fails when the schema differs", env="PGGIT_SNAPSHOT"),
    Setting("pggit_snapshot_update", "rewrite the --pggit-snapshot file with this run's schema",
            "bool", default=False),
    Setting("pggit_base", "ref the gate's diff and migration start from (default: the root "
            "commit, the database before the project's schema)", env="PGGIT_BASE"),
    Setting("pggit_head", "ref the gate's diff and migration end at (default: HEAD of pggit_db, "
            "the baseline commit of the schema after setup)", env="PGGIT_HEAD"),
    Setting("pggit_ignore", "object path glob (e.g. public/table/audit_*) the up/down and snapshot "
            "checks leave out; repeatable", "linelist", default=()),
    Setting("pggit_strict_column_order", "a column order difference fails the up/down check "
            "(default: reported as a note)", "bool", default=False),
    Setting("pggit_lint", "lint the migration steps since the base with squawk (default: when "
            "squawk is installed; with this flag a missing squawk fails the gate)", "bool",
            default=False),
    Setting("pggit_no_lint", "do not lint the migration steps with squawk", "bool", default=False,
            option="--no-pggit-lint"),
    Setting("pggit_lint_exclude", "squawk rule the lint leaves out, e.g. prefer-robust-stmts "
            "(repeatable, or comma-separated)", "linelist", env="PGGIT_LINT_EXCLUDE", default=()),
    Setting("pggit_fail_on_lint", "lint finding severity that fails the gate: "
            "none|low|medium|high|data-loss|all (default high: breaking, rewriting or destructive "
            "statements on objects that existed at the base; all: every finding)",
            env="PGGIT_FAIL_ON_LINT", default="high"),
    Setting("pggit_allow", "accept a hazard or lint rule on matching object paths: "
            "GLOB:HAZARD[ -- reason] (repeatable)", "linelist", default=()),
    Setting("pggit_junit", "write the gate's checks as JUnit XML to this file",
            env="PGGIT_JUNIT"),
    Setting("pggit_report", "write the gate's report as Markdown to this file (also appended to "
            "$GITHUB_STEP_SUMMARY when that is set)", env="PGGIT_REPORT"),
    # -- built-in migration step providers (pytest_pggit.tools)
    Setting("pggit_alembic", "migration steps from an Alembic project: its alembic.ini (default "
            "alembic.ini in the rootdir), one step per revision", const=ALEMBIC_INI),
    Setting("pggit_django", "migration steps from Django's migration graph (settings from "
            "DJANGO_SETTINGS_MODULE), one step per migration", "bool", default=False),
    Setting("pggit_django_database", "with --pggit-django: the DATABASES alias the template "
            "stands for (default: default); its migrations run as `migrate --database ALIAS` "
            "runs them, DATABASE_ROUTERS deciding what runs there", env="PGGIT_DJANGO_DATABASE"),
]


@dataclass
class PggitConfig:
    """The resolved settings: plain data (which backend ``auto`` means, and whether the
    binaries exist, is :func:`pytest_pggit.backends.select`'s business)."""

    enabled: bool = False
    backend: str = "auto"
    dsn: Optional[str] = None
    pg_bin: Optional[str] = None
    #: --pggit-embedded-path: where the pgserver wheel is (None: ``import pgserver``'s)
    embedded_path: Optional[str] = None
    os_user: Optional[str] = None
    port: Optional[int] = None
    image: str = DEFAULT_IMAGE
    start_timeout: float = 30.0
    schema: List[Path] = field(default_factory=list)
    no_owner: bool = False
    #: --pggit-untrusted: schema files run as a non-superuser role (pytest_pggit/untrusted.py)
    untrusted: bool = False
    sql_dir: Optional[Path] = None
    #: ``lock_timeout`` of the plugin's connections (None: the server's default)
    lock_timeout: Optional[str] = "10s"
    gate: GateOptions = field(default_factory=GateOptions)
    #: the alembic.ini of --pggit-alembic (None: off)
    alembic: Optional[Path] = None
    #: --pggit-django: steps from Django's migrations
    django: bool = False
    #: --pggit-django-database: the alias the template stands for (None: not given, "default")
    django_database: Optional[str] = None
    #: --pggit-no-cache: build the template from scratch, keep nothing
    no_cache: bool = False
    #: --pggit-cache-key: an extra input of the template cache's key
    cache_key: Optional[str] = None

    @classmethod
    def from_pytest(cls, config: "pytest.Config") -> "PggitConfig":
        values = {}
        sources = {}
        for s in SETTINGS:
            value, source = _resolve(config, s)
            values[s.name] = value
            sources[s.name] = source
        backend = str(values["pggit_backend"]).strip().lower()
        if backend not in BACKENDS:
            raise PggitError(
                f"unknown pytest-pggit backend {backend!r}",
                hint="use one of: " + ", ".join(BACKENDS),
            )
        try:
            timeout = float(values["pggit_start_timeout"])
            if not timeout > 0:
                raise ValueError
        except (TypeError, ValueError):
            raise PggitError(
                f"--pggit-start-timeout must be a positive number of seconds, got {values['pggit_start_timeout']!r}",
                hint="e.g. --pggit-start-timeout 60",
            ) from None
        port = values["pggit_port"]
        if port not in (None, ""):
            try:
                port = int(port)
                if not 0 < port < 65536:
                    raise ValueError
            except (TypeError, ValueError):
                raise PggitError(
                    f"--pggit-port must be a TCP port number, got {values['pggit_port']!r}",
                    hint="e.g. --pggit-port 55432, or leave it out for a free port",
                ) from None
        else:
            port = None
        def one_path(name: str) -> Optional[Path]:
            if not values[name]:
                return None
            return _paths(config, [values[name]], sources[name])[0]

        gate = GateOptions(
            gate=bool(values["pggit_gate"]),
            fail_on=check_level(values["pggit_fail_on"], ALERT_LEVELS, "--pggit-fail-on"),
            fail_on_hazard=check_level(values["pggit_fail_on_hazard"], HAZARD_LEVELS,
                                       "--pggit-fail-on-hazard"),
            fail_on_hazard_given=sources["pggit_fail_on_hazard"] != "default",
            snapshot=one_path("pggit_snapshot"),
            snapshot_update=bool(values["pggit_snapshot_update"]),
            base=values["pggit_base"] or None,
            head=values["pggit_head"] or None,
            junit=one_path("pggit_junit"),
            report=one_path("pggit_report"),
            ignore=tuple(str(g).strip() for g in values["pggit_ignore"] or () if str(g).strip()),
            strict_column_order=bool(values["pggit_strict_column_order"]),
            lint=False if values["pggit_no_lint"] else (True if values["pggit_lint"] else None),
            lint_exclude=tuple(r.strip() for v in values["pggit_lint_exclude"] or ()
                               for r in str(v).split(",") if r.strip()),
            fail_on_lint=check_level(values["pggit_fail_on_lint"], HAZARD_LEVELS + ("all",),
                                     "--pggit-fail-on-lint"),
            allow=tuple(str(v).strip() for v in values["pggit_allow"] or () if str(v).strip()),
        )
        if gate.lint is not None and values["pggit_lint"] and values["pggit_no_lint"]:
            raise PggitError("--pggit-lint and --no-pggit-lint contradict each other",
                             hint="give one of them")
        for value in gate.allow:
            from .allow import parse_option

            parse_option(value, "--pggit-allow")
        if gate.snapshot_update and gate.snapshot is None:
            raise PggitError("--pggit-snapshot-update needs --pggit-snapshot PATH",
                             hint="e.g. --pggit-snapshot schema.snapshot --pggit-snapshot-update")
        return cls(
            no_cache=bool(values["pggit_no_cache"]),
            cache_key=str(values["pggit_cache_key"]) if values["pggit_cache_key"] else None,
            alembic=_alembic_ini(config, values["pggit_alembic"], sources["pggit_alembic"]),
            django=bool(values["pggit_django"]),
            django_database=str(values["pggit_django_database"]) if values["pggit_django_database"] else None,
            gate=gate,
            lock_timeout=check_lock_timeout(values["pggit_lock_timeout"]),
            enabled=bool(values["pggit"]),
            port=port,
            image=str(values["pggit_image"] or DEFAULT_IMAGE),
            backend=backend,
            dsn=values["pggit_dsn"] or None,
            # relative like the other paths (the server runs in another directory)
            pg_bin=str(one_path("pggit_pg_bin")) if values["pggit_pg_bin"] else None,
            embedded_path=(str(one_path("pggit_embedded_path"))
                           if values["pggit_embedded_path"] else None),
            os_user=values["pggit_os_user"] or None,
            start_timeout=timeout,
            schema=_paths(config, values["pggit_schema"], sources["pggit_schema"]),
            no_owner=bool(values["pggit_no_owner"]),
            untrusted=bool(values["pggit_untrusted"]),
            sql_dir=(
                _paths(config, [values["pggit_sql_dir"]], sources["pggit_sql_dir"])[0]
                if values["pggit_sql_dir"] else None
            ),
        )


def enabled(config: "pytest.Config") -> bool:
    """Whether the run asked for pytest-pggit (``--pggit``, ini ``pggit = true``)."""
    value, _ = _resolve(config, SETTINGS[0])
    return bool(value)


#: settings that ask for a verdict or a file: given while the plugin is off, the run
#: would pass without either (connection settings in addopts are fine while off)
VERDICTS = ("pggit_gate", "pggit_junit", "pggit_report", "pggit_snapshot", "pggit_snapshot_update",
            "pggit_alembic", "pggit_django")


def asked_without_enabling(config: "pytest.Config") -> List[str]:
    """The ``--pggit-*`` flags asking for a verdict or a file (:data:`VERDICTS`) given on
    the command line while pytest-pggit is off: a ``--pggit-gate`` run without
    ``--pggit`` would otherwise pass, silently, with no gate and no JUnit file (D10)."""
    given = []
    for s in (s for s in SETTINGS if s.name in VERDICTS):
        cli = config.getoption(s.name, default=None)
        if _is_set(cli) and cli is not False and cli != s.default:
            given.append(s.flag)
    return given


def _is_set(value: Any) -> bool:
    return value is not None and value != "" and value != [] and value != ()


def _resolve(config: "pytest.Config", s: Setting):
    cli = config.getoption(s.name, default=None)
    if _is_set(cli) and not (s.ini_type == "bool" and cli is False):
        return cli, "cli"
    try:
        ini = config.getini(s.name)
    except ValueError:
        ini = None
    if _is_set(ini) and ini is not False:  # an unset bool ini reads as False: fall through
        return ini, "ini"
    if s.env and _is_set(os.environ.get(s.env)):
        raw = os.environ[s.env]
        if s.ini_type == "linelist":
            return [p for p in raw.split(os.pathsep) if p], "env"
        return raw, "env"
    return s.default, "default"


def _paths(config: "pytest.Config", raw: Any, source: str) -> List[Path]:
    """Command-line and env paths are relative to the invocation dir, ini paths to the ini file."""
    if not raw:
        return []
    if isinstance(raw, (str, Path)):
        raw = [raw]
    if source == "ini" and config.inipath is not None:
        base = Path(config.inipath).parent
    else:
        base = Path(config.invocation_params.dir)
    return [(base / Path(str(p)).expanduser()).resolve() for p in raw]


def _alembic_ini(config: "pytest.Config", value: Any, source: str) -> Optional[Path]:
    """--pggit-alembic's file: bare flag -> ``alembic.ini`` in the rootdir, else as a path."""
    if not _is_set(value):
        return None
    if value == ALEMBIC_INI and source == "cli":
        return (Path(config.rootpath) / ALEMBIC_INI).resolve()
    path = _paths(config, [value], source)[0]
    return path / ALEMBIC_INI if path.is_dir() else path


_METAVARS = {"pggit_ignore": "GLOB", "pggit_lint_exclude": "RULE", "pggit_allow": "GLOB:HAZARD"}


def addoption(parser: "pytest.Parser") -> None:
    group = parser.getgroup("pggit", "pytest-pggit: version-controlled PostgreSQL schemas")
    for s in SETTINGS:
        env = f" [env {s.env}]" if s.env else ""
        if s.ini_type == "bool":
            group.addoption(s.flag, action="store_true", default=None, dest=s.name, help=s.help)
        elif s.ini_type == "linelist":
            group.addoption(s.flag, action="append", default=None, dest=s.name,
                            metavar=_METAVARS.get(s.name, "PATH"),
                            help=s.help + env)
        elif s.const is not None:
            group.addoption(s.flag, action="store", nargs="?", const=s.const, default=None,
                            dest=s.name, metavar="PATH", help=s.help + env)
        else:
            group.addoption(s.flag, action="store", default=None, dest=s.name, help=s.help + env)
        if s.ini_type == "bool":
            parser.addini(s.name, s.help, type="bool", default=False)
        elif s.ini_type == "linelist":
            parser.addini(s.name, s.help, type="linelist", default=[])
        else:
            parser.addini(s.name, s.help + env, default=None)
