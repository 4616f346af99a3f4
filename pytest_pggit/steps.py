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
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Callable, Dict, Optional

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

    @property
    def tag(self) -> str:
        """The tag of the step's commit on main: ``<tool>/<name>``."""
        return f"{self.tool}/{self.name}"

    @property
    def message(self) -> str:
        """The step's commit message: ``<tool> <name>: <description>``."""
        return f"{self.tool} {self.name}: {self.description}"


__all__ = ["Step", "StepAction"]
