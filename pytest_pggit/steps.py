"""Migration steps: the ordered changes that bring a template database to the project's
schema, one commit (and one tag) each.

A step is a schema file, an Alembic revision, a Django migration, or anything a
``pytest_pggit_migration_steps(config)`` hook implementation returns.  The plugin applies
them to the template one at a time; after each, it commits on main with the message
``<tool> <name>: <description>`` and tags the commit ``<tool>/<name>``.  The gate's default
base is the commit before the newest step; the up/down check downgrades each step that
has a ``downgrade`` and compares the result with the previous step's commit.

This module holds only the shared vocabulary; applying steps lives in
:mod:`pytest_pggit.template`, the built-in providers in :mod:`pytest_pggit.tools`.
``PYTEST_DONT_REWRITE`` (see :mod:`pytest_pggit.plugin`).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Callable, Dict, List, Optional, Tuple

if TYPE_CHECKING:  # pragma: no cover
    from .janitor import Database

#: ``upgrade(database)`` / ``downgrade(database)``: bring ``database`` (``.dsn``, ``.url``,
#: ``.connect()``) one step forward / back.  They connect themselves, in their own sessions.
StepAction = Callable[["Database"], None]


@dataclass
class Step:
    """One migration step."""

    #: who made it: ``sql`` (schema files), ``alembic``, ``django``, or a hook's own word.
    tool: str
    #: unique within ``tool``: a file path relative to rootdir, a revision id, ``app/0002_x``.
    name: str
    #: one line for the commit message and the report.
    description: str
    upgrade: StepAction
    downgrade: Optional[StepAction] = None
    #: the file that defines the step (a schema file, a revision script, a migration
    #: module), for provenance and lint output; relative to rootdir where possible.
    source: Optional[str] = None
    #: accepted hazards and lint rules of this step: ``{"data_deletion": "reason"}``
    #: (an Alembic revision's or Django migration's module-level ``pggit_allow``).
    allow: Dict[str, str] = field(default_factory=dict)
    #: optional: runs consecutive steps that share it in one session (:class:`StepBatch`);
    #: without it (or when it declines), each step runs on its own.
    batch: Optional["StepBatch"] = field(default=None, repr=False, compare=False)
    #: optional: why the step changes nothing in this database although it may change
    #: another (a Django migration DATABASE_ROUTERS send elsewhere); the gate cannot judge
    #: it here and says so (the ``routed`` check).
    elsewhere: Optional[str] = None
    #: optional, a squashed migration's: the steps it stands for, in order (databases
    #: migrated before the squash ran them instead).  The gate's ``squash`` check runs
    #: them where the squash ran and compares the two schemas.
    replaced: Tuple["Step", ...] = field(default=(), repr=False, compare=False)
    #: optional: reads what the step changes in rows without running it (the SQL it runs
    #: as text, the code the gate cannot read), for the gate's ``data`` check
    #: (:mod:`pytest_pggit.datachanges`); a hook's step without it is not in that check.
    data: Optional[Callable[[], Any]] = field(default=None, repr=False, compare=False)
    #: the row-changing statements (DELETE, TRUNCATE, UPDATE, MERGE) the step sent when it
    #: ran, as far as its provider records them (Django: through the connection's
    #: ``execute_wrapper``, so a RunPython's ORM ``.delete()`` shows); kept with the
    #: cached template, read by :attr:`data`
    executed: List[str] = field(default_factory=list, repr=False, compare=False)
    #: optional: the tags of the steps this one comes after by its tool's own graph (a
    #: Django migration's dependencies and ``run_before``, an Alembic ``down_revision``),
    #: for the gate's ``history`` check: a step deployed databases ran must not come
    #: after a new one
    after: Tuple[str, ...] = field(default=(), repr=False, compare=False)
    #: optional: the tags of the steps this one stands for by its tool's declaration
    #: (a Django migration's ``replaces``: a squash, or a renamed migration): databases
    #: that ran those count it as run
    replaces: Tuple[str, ...] = field(default=(), repr=False, compare=False)
    #: optional: whether a database runs the step once (a migration: an edit made after it
    #: was committed never reaches the databases that ran it, so the gate's ``history``
    #: check fails an edit that changes the schema) or runs it again when it changes
    #: (``False``: a declarative schema file, a repeatable script: an edit in place is how
    #: it changes, judged as any change).  None: by its tool (:func:`runs_once`).
    once: Optional[bool] = field(default=None, compare=False)

    @property
    def tag(self) -> str:
        """The tag of the step's commit on main: ``<tool>/<name>``."""
        return f"{self.tool}/{self.name}"

    @property
    def message(self) -> str:
        """The step's commit message: ``<tool> <name>: <description>``."""
        return f"{self.tool} {self.name}: {self.description}"


def runs_once(step: Step) -> bool:
    """Whether databases run ``step`` once (:attr:`Step.once`; unset: every tool's step
    but a plain schema file's, tool ``sql``: Django migrations, Alembic revisions and a
    hook's steps, golang-migrate, dbmate, goose or Flyway versions, run once; U10)."""
    return step.once if step.once is not None else step.tool != "sql"


class BatchNotPossible(Exception):
    """A :class:`StepBatch` declines to run these steps together (nothing was run): the
    caller runs them one at a time."""


class BatchStepError(Exception):
    """A step of a batch failed: ``step`` (which ran on its own transaction, rolled back;
    the steps before it are committed), ``error`` the exception it raised."""

    def __init__(self, step: "Step", error: BaseException) -> None:
        super().__init__(f"{step.tag}: {error}")
        self.step = step
        self.error = error


class StepBatch:
    """Runs several steps of one tool in one session (one connection, one command):
    a migration tool's per-command cost (loading its environment, connecting, reading
    its version table) is paid once, not once per step.

    :meth:`run` runs ``action`` (``"upgrade"`` or ``"downgrade"``) of ``steps`` in the
    order given, and calls ``before(step, conn)`` right before each step and
    ``after(step, conn)`` right after it, with ``conn`` the psycopg connection the step
    ran on, inside the step's transaction (what they do commits with the step); each
    step's transaction is committed after ``after``.  It raises
    :class:`BatchNotPossible` before running anything when it cannot run these steps
    together (the caller then runs them one at a time), :class:`BatchStepError` when a
    step fails, and what ``before``/``after`` raise, unchanged."""

    def run(self, database: "Database", steps: List["Step"], action: str,
            before: Callable[["Step", Any], None], after: Callable[["Step", Any], None]) -> None:
        raise BatchNotPossible("not implemented")


def batch_groups(steps: List["Step"], action: str) -> List[List["Step"]]:
    """``steps`` cut into runs of consecutive steps with the same ``batch`` (and, for
    ``downgrade``, a downgrade each); every other step alone."""
    out: List[List[Step]] = []
    for step in steps:
        ok = step.batch is not None and (action != "downgrade" or step.downgrade is not None)
        if ok and out and out[-1][-1].batch is step.batch and (
                action != "downgrade" or out[-1][-1].downgrade is not None):
            out[-1].append(step)
        else:
            out.append([step])
    return out


def ref_name_problem(name: str) -> Optional[str]:
    """Why ``name`` is not a valid branch or tag name of the SQL layer, None when it is.

    The same rules as ``pggit_v0._ref_name_problem`` (``sql/20_util.sql``, git's
    ``check-ref-format --branch``); ``tests/test_steps.py`` checks the two agree."""
    if not name:
        return "it is empty"
    if len(name.encode()) > 255:
        return "it is longer than 255 bytes"
    if re.search(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]", name):
        return "it contains a control character or line break"
    if re.fullmatch("[0-9a-fA-F]{4,64}", name):
        return "it looks like a commit sha"
    if " " in name:
        return "it contains a space"
    if re.search(r"[~^:?*[\\]", name):
        return "it contains one of ~ ^ : ? * [ \\"
    if ".." in name:
        return 'it contains ".."'
    if "@{" in name or name == "@":
        return 'it contains "@{" or is "@"'
    if name.startswith("-"):
        return 'it starts with "-"'
    if name.startswith("/") or name.endswith("/") or "//" in name:
        return 'it starts or ends with "/" or contains "//"'
    if name.endswith("."):
        return 'it ends with "."'
    if name.endswith(".lock") or ".lock/" in name:
        return 'a component ends with ".lock"'
    if re.search(r"(^|/)\.", name):
        return 'a component starts with "."'
    if name == "HEAD":
        return '"HEAD" is reserved'
    return None


def safe_ref_name(name: str) -> str:
    """``name`` made a valid ref name: each character the rules refuse becomes ``-``,
    empty components go, ``..`` becomes ``.``, a component's leading ``.`` or ``-`` and a
    ``.lock`` ending are replaced.  Valid names come back unchanged."""
    if ref_name_problem(name) is None:
        return name
    text = re.sub(r"[\x00-\x20\x7f-\x9f\u2028\u2029~^:?*[\\]", "-", name)
    text = text.replace("@{", "-{")
    while ".." in text:
        text = text.replace("..", ".")
    parts = []
    for part in text.split("/"):
        if not part:
            continue
        if part[0] in ".-":
            part = "_" + part[1:]
        if part.endswith(".lock"):
            part = part[:-5] + "_lock"
        parts.append(part.rstrip(".") or "_")
    text = "/".join(parts) or "step"
    if ref_name_problem(text) is not None:   # only a sha-looking or reserved name is left
        text = f"step-{text}"
    return text[:255]


#: the plugin's own step providers (tools/), by plugin name
BUILT_IN = {"pggit-alembic": "Alembic", "pggit-django": "Django"}


def _causes(exc: BaseException) -> str:
    """'; caused by: Type: message' for each exception behind ``exc`` (``__cause__`` or
    ``__context__``, up to three): a ValueError of a logging handler says little without
    the ModuleNotFoundError behind it."""
    out = []
    seen = {id(exc)}
    cur = exc.__cause__ or exc.__context__
    while cur is not None and id(cur) not in seen and len(out) < 3:
        seen.add(id(cur))
        out.append(f"; caused by: {type(cur).__name__}: {cur}")
        cur = cur.__cause__ or cur.__context__
    return "".join(out)


def collect_steps(config: Any, root: Any, need_root: bool = False) -> Tuple[List[Step], List[str]]:
    """The steps of every ``pytest_pggit_migration_steps`` implementation, in plugin
    registration order (tryfirst/trylast aside), and notes.

    With ``need_root`` (building the ``git:`` base), an implementation that takes no
    ``root`` argument cannot build steps from another tree: when it returns steps, a
    :class:`PggitError` names it (one that returns none is no problem)."""
    from .exceptions import PggitError

    caller = config.hook.pytest_pggit_migration_steps
    out: List[Step] = []
    for impl in caller.get_hookimpls():   # registration order (pluggy calls them newest first)
        where = getattr(impl.plugin, "__file__", None) or impl.plugin_name
        takes = set(impl.argnames) | set(getattr(impl, "kwargnames", ()) or ())   # root=None too
        kwargs = {name: value for name, value in (("config", config), ("root", root)) if name in takes}
        try:
            got = impl.function(**kwargs)
        except PggitError:
            raise   # (ours, naming the file already: a bad pggit_allow, H8)
        except Exception as exc:
            from .template import user_frame

            causes = _causes(exc)
            if impl.plugin_name in BUILT_IN:   # the project's migrations failed to load
                raise PggitError(
                    f"reading the project's {BUILT_IN[impl.plugin_name]} migrations failed at "
                    f"{user_frame(exc)}: {type(exc).__name__}: {exc}{causes}",
                    hint="a migration file, or a module it imports, raised while it was read: "
                         "install what it needs, or set the settings or environment it reads "
                         "for the test run") from exc
            raise PggitError(
                f"the pytest_pggit_migration_steps hook failed at {user_frame(exc)}: "
                f"{type(exc).__name__}: {exc}{causes}", hint=f"fix the hook implementation in {where}") from exc
        if need_root and got and "root" not in takes:
            raise PggitError(
                f"the pytest_pggit_migration_steps hook in {where} takes no `root` argument, so "
                "it cannot build the migration steps of another git ref",
                hint="add a `root` parameter and read the migrations below it, or use a ref of "
                     "pggit_db as --pggit-base")
        for step in got or ():
            if not isinstance(step, Step):
                raise PggitError(
                    f"the pytest_pggit_migration_steps hook in {where} returned {step!r}, not a Step",
                    hint="return a list of pytest_pggit.steps.Step(tool, name, description, upgrade, ...)")
            out.append(step)
    tags: Dict[str, Step] = {}
    for step in out:
        if step.tag in tags:
            raise PggitError(f"two migration steps have the tag {step.tag!r}",
                             hint="a step's (tool, name) must be unique")
        tags[step.tag] = step
    return out, []


__all__ = ["BatchNotPossible", "BatchStepError", "Step", "StepAction", "StepBatch", "batch_groups", "collect_steps", "ref_name_problem", "runs_once", "safe_ref_name"]
