"""``--pggit-base git:<ref>``: the gate's base is the project's schema as of a git ref.

The files of the ref are read with ``git archive`` (in Python: nothing is checked out,
the working tree is not touched) into a temporary directory; the ``--pggit-schema``
paths below it and the ``pytest_pggit_migration_steps`` hooks called with
``root=<that directory>`` give the base's steps.

They are built in a clone of the template, so that one history holds both sides: a
branch ``pytest-pggit/git-base`` from ``root`` is checked out with apply (the live
schema becomes the database before the project's schema), the base's steps run and are
committed on it, then ``main`` is checked out with apply again.  The gate then runs on
that clone, with the branch as its base; every commit goes through the SQL layer's API,
so ``validate_data_integrity()`` stays clean.
``PYTEST_DONT_REWRITE`` (see :mod:`pytest_pggit.plugin`).
"""
from __future__ import annotations

import io
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, List, Optional

from .exceptions import PggitError

PREFIX = "git:"
BRANCH = "pytest-pggit/git-base"


@dataclass
class GitBase:
    """The base built from a git ref, in ``database`` (a clone of the template)."""

    ref: str                  # as given, e.g. origin/main
    commit: str               # the git commit sha
    database: Any             # janitor.Database of the clone
    branch: str = BRANCH
    steps: List[str] = field(default_factory=list)   # tags of the base's steps
    head_committed: bool = False
    notes: List[str] = field(default_factory=list)

    @property
    def reason(self) -> str:
        return (f"the schema at git {self.ref} = {self.commit[:12]}: {len(self.steps)} step(s) "
                f"built on branch {self.branch} of a clone of the template"
                + "".join(f"; {n}" for n in self.notes))


def _git(cwd: Path, *args: str, binary: bool = False) -> Any:
    try:
        proc = subprocess.run(["git", "-C", str(cwd), *args], capture_output=True, check=False)
    except FileNotFoundError:
        raise PggitError("--pggit-base git:...: the git command was not found",
                         hint="install git, or give a ref of pggit_db as --pggit-base") from None
    if proc.returncode != 0:
        return None
    return proc.stdout if binary else proc.stdout.decode("utf-8", "replace").strip()


def resolve(rootdir: Path, ref: str) -> "tuple[Path, str]":
    """The repository's top directory and the commit sha of ``ref``; clear errors for
    "not a git repository" and "unknown ref"."""
    if not ref:
        raise PggitError("--pggit-base git: needs a ref, e.g. git:origin/main or git:HEAD~1",
                         hint="--pggit-base git:<branch, tag or commit of the project's git repository>")
    top = _git(rootdir, "rev-parse", "--show-toplevel")
    if not top:
        raise PggitError(f"--pggit-base git:{ref}: {rootdir} is not inside a git repository",
                         hint="run pytest in a git checkout (CI: fetch the history, e.g. "
                              "actions/checkout with fetch-depth: 0), or give a ref of pggit_db")
    sha = _git(rootdir, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}")
    if not sha:
        raise PggitError(f"--pggit-base git:{ref}: the git repository at {top} has no commit {ref!r}",
                         hint="check the name (git branch -a, git tag); in CI fetch it first, e.g. "
                              "git fetch origin main, or use fetch-depth: 0")
    return Path(top), sha


def extract(top: Path, sha: str, into: Path) -> None:
    """The files of commit ``sha`` below ``into`` (``git archive``, read in Python)."""
    data = _git(top, "archive", "--format=tar", sha, binary=True)
    if data is None:
        raise PggitError(f"git archive {sha[:12]} failed in {top}")
    def safe(member: Any, dest: str) -> Any:
        """tarfile's "data" filter, but a member it refuses (a symlink to an absolute path
        or out of the tree, committed by mistake) is left out instead of failing the base."""
        try:
            return tarfile.data_filter(member, dest)   # type: ignore[attr-defined]
        except tarfile.FilterError:   # type: ignore[attr-defined]
            return None

    with tarfile.open(fileobj=io.BytesIO(data)) as tar:
        try:
            tar.extractall(into, filter=safe)      # type: ignore[call-arg]
        except TypeError:   # pragma: no cover - Python < 3.11.4 has no filter
            tar.extractall(into)


def base_steps(run: Any, top: Path, tree: Path) -> "tuple[list, list]":
    """The base's steps: its schema files (named as at head: relative to the rootdir)
    and the hooks' steps for ``root=<tree's rootdir>``; and notes."""
    from .steps import collect_steps
    from .template import file_steps, schema_files

    rootdir = Path(run.rootdir).resolve()
    tree_root = tree / rootdir.relative_to(top.resolve())
    notes: List[str] = []
    present: List[Path] = []
    for path in run.cfg.schema:
        try:
            rel = Path(path).resolve().relative_to(top.resolve())
        except ValueError:
            raise PggitError(f"--pggit-base git:...: the schema path {path} is outside the git "
                             f"repository {top}", hint="keep the schema files in the repository") from None
        there = tree / rel
        if there.exists():
            present.append(there)
        else:
            notes.append(f"schema path {rel.as_posix()} does not exist at the git base")
    files = schema_files(present)
    names = [f.relative_to(tree_root).as_posix() if f.is_relative_to(tree_root) else f.as_posix()
             for f in files]
    steps = file_steps(files, tree_root, run.cfg.no_owner, names=names)
    hooked, hook_notes = collect_steps(run.config, tree_root, need_root=True)
    return steps + hooked, notes + hook_notes


def build(run: Any, ref: str) -> GitBase:
    """Clone the template and build the base of ``git:<ref>`` on a branch of the clone.
    The caller drops ``.database`` with ``run.drop_clone``."""
    from .repo import Repo
    from .template import apply_steps

    top, sha = resolve(Path(run.rootdir), ref)
    with tempfile.TemporaryDirectory(prefix="pytest-pggit-git-base-") as tmp:
        tree = Path(tmp)
        extract(top, sha, tree)
        steps, notes = base_steps(run, top, tree)
        clone = run.clone()
        try:
            base = GitBase(ref, sha, clone, notes=notes)
            with clone.connect(autocommit=True) as conn:
                repo = Repo(conn)
                if repo.status():
                    repo.commit("pytest-pggit gate: live schema at session end")
                    base.head_committed = True
                current = repo.current_branch()
                back = current.name if current is not None else "main"
                repo.branch(BRANCH, f"the schema at git {ref} ({sha[:12]})", checkout=False,
                            from_ref="root")
                repo.checkout(BRANCH, apply=True, force=True)
                applied = apply_steps(conn, clone, steps, tag=False, prefix=f"git {ref}: ")
                base.steps = [a.tag for a in applied]
                hook, names = run._setup_hook()
                if hook is not None and names:
                    from .template import _run_setup_hook

                    try:   # a seeding hook may need tables the base does not have yet
                        _run_setup_hook(conn, clone, hook, names)
                    except PggitError as exc:
                        base.notes.append("the pytest_pggit_setup hook failed on it, the base is its "
                                          f"steps alone ({exc.message.splitlines()[0]})")
                    if repo.status():
                        repo.commit(f"git {ref}: pytest-pggit baseline: "
                                    + ", ".join(f"hook {n}" for n in names))
                repo.checkout(back, apply=True, force=True)
                repo.close()
        except BaseException:
            run.drop_clone(clone)
            raise
    return base


def is_git_ref(base: Optional[str]) -> bool:
    return bool(base) and str(base).startswith(PREFIX)


__all__ = ["BRANCH", "GitBase", "build", "is_git_ref", "resolve"]
