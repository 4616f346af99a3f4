"""``--pggit-base git:<ref>``: the gate's base is the project's schema as of a git ref.

The files of the ref are read with ``git archive`` (in Python: nothing is checked out,
the working tree is not touched) into a temporary directory; the ``--pggit-schema``
paths below it and the ``pytest_pggit_migration_steps`` hooks called with
``root=<that directory>`` give the base's steps.

They are built in a clone of the template, so that one history holds both sides: a
branch ``pytest-pggit/git-base`` from ``root`` is checked out with apply (the live
schema becomes the database before the project's schema), the base's steps run and are
committed on it, then ``main`` is checked out with apply again.

With the template cache on, the base's steps are not run in the clone: the base is a
template of its own, found in the cache under the key its files give (the template a
run of that git commit built: a pull request's target branch, or the same commit) or
built there once and kept.  Its schema reaches the branch as one migration,
``generate_migration(root, last step)`` of that template, and the branch's tree must be
the template's tree, sha for sha; when it is not, the steps run in the clone after all
and the report says why.  The gate then runs on
that clone, with the branch as its base; every commit goes through the SQL layer's API,
so ``validate_data_integrity()`` stays clean.
``PYTEST_DONT_REWRITE`` (see :mod:`pytest_pggit.plugin`).
"""
from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, List, Optional

from .exceptions import PggitError
from .untrusted import as_untrusted, replaying

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
    cached: Optional[str] = None   # "<cache database>, hit" when the steps came from it
    #: ``(file or step, statement)`` the base's steps ran, when they ran elsewhere (the
    #: cached template; else the clone's log holds them: provenance.base_statements)
    statements: Optional[set] = None
    #: the base branch's commit in the clone, read by the installing role before any
    #: replay of the head ran there (T5-6: the pull request's code a replay evaluates
    #: could move the branch; the gate compares this sha, not the branch's name)
    sha: Optional[str] = None

    @property
    def reason(self) -> str:
        how = (f"from the template cache ({self.cached}) as one migration onto branch "
               if self.cached else "built on branch ")
        return (f"the schema at git {self.ref} = {self.commit[:12]}: {len(self.steps)} step(s) "
                f"{how}{self.branch} of a clone of the template"
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
    if data is None:   # (again, for git's reason: Q5, a partial clone missing blobs)
        proc = subprocess.run(["git", "-C", str(top), "archive", "--format=tar", sha, "-o", os.devnull],
                              capture_output=True, text=True, check=False)
        why = (proc.stderr or "").strip().splitlines()
        raise PggitError(f"git archive {sha[:12]} failed in {top}" + (f": {why[-1]}" if why else ""),
                         hint="a shallow or partial clone may lack that commit's files: fetch them "
                              "(git fetch --unshallow, or --filter=blob:none off), or give another base")
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
    files, hooked, notes = _base_parts(run, top, tree)
    from .template import file_steps

    tree_root = _tree_root(run, top, tree)
    names = [f.relative_to(tree_root).as_posix() if f.is_relative_to(tree_root) else f.as_posix()
             for f in files]
    return file_steps(files, tree_root, run.cfg.no_owner, names=names) + hooked, notes


def _tree_root(run: Any, top: Path, tree: Path) -> Path:
    """Where the rootdir is in the extracted tree."""
    return tree / Path(run.rootdir).resolve().relative_to(top.resolve())


def _base_parts(run: Any, top: Path, tree: Path) -> "tuple[list, list, list]":
    """The base's schema files (paths in ``tree``), the hooks' steps for ``root=<tree's
    rootdir>``, and notes."""
    from .steps import collect_steps
    from .template import schema_files

    tree_root = _tree_root(run, top, tree)
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
    hooked, hook_notes = collect_steps(run.config, tree_root, need_root=True)
    return schema_files(present), hooked, notes + hook_notes


def build(run: Any, ref: str) -> GitBase:
    """Clone the template and build the base of ``git:<ref>`` on a branch of the clone
    (from the template cache when it is on, see the module's docstring).  The caller
    drops ``.database`` with ``run.drop_clone``.

    An Alembic env.py of the ref that connects elsewhere (a ref older than the project's
    adoption of pytest-pggit: its env.py used the application's own URL) is replaced by
    the work tree's, and the base built again: the revisions are the ref's, the
    environment today's (U5: the edit of a deployed revision could never be judged)."""
    try:
        return _build(run, ref, with_env=False)
    except PggitError as exc:
        elsewhere = "env.py did not connect to pytest-pggit's database" in str(exc)
        # (BB9: the ref's env.py failing in itself, e.g. the stock Flask-Migrate env.py
        # before the change alembic.md asks for, names the temporary copy to fix)
        failed = _REF_ENV.search(f"{exc.message}\n{exc.hint or ''}\n{exc.location or ''}") is not None
        if not (elsewhere or failed) or not _env_pys(run):
            raise _named_in_ref(exc, ref) from None
        first = _named_in_ref(exc, ref)
    try:
        base = _build(run, ref, with_env=True)
    except PggitError as exc:
        raise _named_in_ref(exc, ref) from None
    base.notes.append("built with the work tree's Alembic env.py: the ref's "
                      + ("connects elsewhere" if elsewhere else f"fails ({first.message.splitlines()[0]})")
                      + " (its revisions are the ref's)")
    return base


#: a file of the temporary extract of a git ref's tree: its env.py
_TMP_TREE = re.compile(r"\S*?pytest-pggit-git-base-[^/\\\s]+[/\\]")
_REF_ENV = re.compile(_TMP_TREE.pattern + r"\S*env\.py")


def _named_in_ref(exc: PggitError, ref: str) -> PggitError:
    """``exc`` with the paths of the temporary extract of ``ref``'s tree written as
    ``git <ref>:<path>`` (BB9: a hint told to fix the temporary copy of the ref's env.py)."""
    name = f"git {ref}:"
    if not _TMP_TREE.search(f"{exc.message}\n{exc.hint or ''}\n{exc.location or ''}"):
        return exc
    exc.message = _TMP_TREE.sub(name, exc.message)
    exc.args = (exc.message,)
    if exc.location:
        exc.location = _TMP_TREE.sub(name, exc.location)
    if exc.hint:
        exc.hint = (_TMP_TREE.sub(name, exc.hint)
                    + f" (the base runs the files of git {ref}, its env.py included: a change made since, such as "
                      "the env.py change alembic.md asks for, is not there; land it first, or choose another base)")
    return exc


def _env_pys(run: Any) -> List[Path]:
    """The env.py of each Alembic project of the run, in the work tree."""
    from .tools.alembic import AlembicSteps, script_directory

    out = []
    for plugin in run.config.pluginmanager.get_plugins():
        if isinstance(plugin, AlembicSteps):
            try:
                env = Path(script_directory(plugin.ini).dir) / "env.py"
            except PggitError:
                continue
            if env.is_file():
                out.append(env.resolve())
    return out


def _build(run: Any, ref: str, with_env: bool) -> GitBase:
    top, sha = resolve(Path(run.rootdir), ref)
    with tempfile.TemporaryDirectory(prefix="pytest-pggit-git-base-") as tmp:
        tree = Path(tmp)
        extract(top, sha, tree)
        if with_env:
            for env in _env_pys(run):
                try:
                    target = tree / env.relative_to(top.resolve())
                except ValueError:
                    continue
                if target.parent.is_dir():
                    shutil.copyfile(env, target)
        files, hooked, notes = _base_parts(run, top, tree)
        why_not = None
        if run.cache_off_reason(run.get_server().backend) is None:
            try:
                return _from_cache(run, ref, sha, top, tree, files, hooked, notes)
            except _NotExact as exc:
                why_not = str(exc)
            except Exception as exc:   # the steps path may still work: it says what fails
                why_not = (f"the template cache's base could not be used ({type(exc).__name__}: "
                           f"{str(exc).splitlines()[0] if str(exc) else ''}): built step by step")
        steps, notes = base_steps(run, top, tree)
        if why_not:
            notes.append(why_not)
        return _by_steps(run, ref, sha, steps, notes)


class _NotExact(Exception):
    """The template cache's base could not be used (the message says why)."""


def _from_cache(run: Any, ref: str, sha: str, top: Path, tree: Path, files: List[Path],
                hooked: list, notes: List[str]) -> GitBase:
    """The base from the template cache (found, or built and kept): one migration from
    ``root`` to its last step on the branch, then the setup hook; its tree checked
    against the cached template's.  Raises :class:`_NotExact` to fall back to the steps."""
    from .provenance import base_statements
    from .repo import Repo
    from .template import build_template, file_steps
    from .template_cache import Entry, TemplateCache, cache_inputs

    server = run.get_server()
    tree_root = _tree_root(run, top, tree)
    # the key holds the work tree's Alembic env.py; a ref's own env.py that differs may
    # build another database (objects it makes itself): its digest goes into the key, so
    # the entry is no prefix of the work tree's templates (the review's W8)
    import hashlib

    differs = []
    for env in _env_pys(run):
        try:
            theirs = (tree / env.relative_to(top.resolve())).read_bytes()
        except (ValueError, OSError):
            continue
        if theirs != env.read_bytes():
            differs.append(hashlib.sha256(theirs).hexdigest()[:16])
    cache_key = run.cfg.cache_key if not differs else f"{run.cfg.cache_key or ''}|ref env.py {','.join(differs)}"
    key = cache_inputs(rootdir=Path(run.rootdir), sql_dir=run.cfg.sql_dir, schema_files=files,
                       steps=hooked, config=run.config, no_owner=run.cfg.no_owner,
                       server_version_num=server.server_version_num, cache_key=cache_key,
                       files_root=tree_root,
                       django_database=run.cfg.django_database if run.cfg.django else None)
    hook, names = run._setup_hook()
    failed: List[str] = []

    def build_entry() -> "tuple[Any, Entry]":
        try:
            b = build_template(server, run.database_name("gitbasetpl"), run.cfg.sql_dir, files,
                               tree_root, setup_hook=hook, setup_hook_names=names,
                               layer_template=run._layer_source(server), no_owner=run.cfg.no_owner,
                               steps=hooked, lock_timeout=run.cfg.lock_timeout, admin=run.admin())
        except PggitError as exc:   # the steps path says it again, with the base's context
            failed.append(exc.message.splitlines()[0])
            raise _NotExact(f"the template cache could not build the base ({failed[0]}): "
                            "built step by step") from None
        return b.janitor, Entry(key="", inputs={}, steps=[[a.tag, a.sha] for a in b.steps],
                                notes=list(b.notes))

    cache = TemplateCache(server, key, run.cfg.lock_timeout)
    janitor, outcome = cache.obtain(run.database_name("gitbasesrc"), build_entry,
                                    run.database_name("cachenew"), conn=run.admin())
    try:
        tags = [t for t, _ in outcome.entry.steps]
        expected = len(file_steps(files, tree_root, run.cfg.no_owner)) + len(hooked)
        if not tags or len(tags) != expected:
            raise _NotExact(f"the template cache's base has {len(tags)} step(s), not {expected}: "
                            "built step by step")
        with janitor.database.connect(autocommit=True) as src:
            cached = Repo(src)
            root, last, head = cached.resolve("root"), outcome.entry.steps[-1][1], cached.head()
            script = cached.migration(root, last)
            want = _tree_of(src, head)
            ran = base_statements(src, head)
    finally:
        janitor.drop()
    clone = run.clone()
    try:
        base = GitBase(ref, sha, clone, notes=list(notes),
                       cached=f"{cache.name}, " + ("hit" if outcome.hit else "built now and kept"))
        base.steps = tags
        base.statements = ran
        with clone.connect(autocommit=True) as conn:
            repo = Repo(conn)
            back = _start_branch(repo, base, ref, sha, clone)
            with as_untrusted(clone, developer=True).connect(autocommit=True) as apply:   # (S13)
                apply.execute(script)
            repo.commit(f"git {ref}: {len(tags)} step(s) ({tags[0]} ... {tags[-1]}), "
                        f"from the template cache {cache.name}")
            _hook(conn, clone, repo, base, ref, hook, names)
            got = _tree_of(conn, repo.resolve(BRANCH))
            if got != want:
                raise _NotExact(f"the template cache's base migrated to tree {got[:12]}, not "
                                f"{want[:12]} (the cached template's): built step by step")
            base.sha = repo.resolve(BRANCH)   # (T5-6: before the head's replay)
            with replaying(clone, repo) as r:   # (--pggit-untrusted: S13)
                r.checkout(back, apply=True, force=True)
            repo.close()
    except BaseException:
        run.drop_clone(clone)
        raise
    return base


def _tree_of(conn: Any, commit: str) -> str:
    row = conn.execute("SELECT tree_sha FROM pggit_v0.commit_graph WHERE commit_sha = %s",
                       (commit,)).fetchone()
    return row[0] if row else ""


def _start_branch(repo: Any, base: GitBase, ref: str, sha: str, db: Any) -> str:
    """Commit what the clone ``db`` has uncommitted, make the base's branch from ``root``
    and check it out with apply; the branch to go back to."""
    if repo.status():
        repo.commit("pytest-pggit gate: live schema at session end")
        base.head_committed = True
    current = repo.current_branch()
    back = current.name if current is not None else "main"
    repo.branch(BRANCH, f"the schema at git {ref} ({sha[:12]})", checkout=False, from_ref="root")
    with replaying(db, repo) as r:   # (--pggit-untrusted: S13)
        r.checkout(BRANCH, apply=True, force=True)
    return back


def _hook(conn: Any, clone: Any, repo: Any, base: GitBase, ref: str,
          hook: Any, names: List[str]) -> None:
    """Run the setup hook on the base (it seeds the rows the base's checks see) and
    commit what it changed; a hook that fails there leaves the base its steps alone."""
    if hook is None or not names:
        return
    from .template import _run_setup_hook

    try:   # a seeding hook may need tables the base does not have yet
        _run_setup_hook(conn, clone, hook, names)
    except PggitError as exc:
        base.notes.append("the pytest_pggit_setup hook failed on it, the base is its "
                          f"steps alone ({exc.message.splitlines()[0]})")
    if repo.status():
        repo.commit(f"git {ref}: pytest-pggit baseline: " + ", ".join(f"hook {n}" for n in names))


def _by_steps(run: Any, ref: str, sha: str, steps: list, notes: List[str]) -> GitBase:
    """The base's steps run and committed one by one on the branch of a clone."""
    from .repo import Repo
    from .template import apply_steps

    clone = run.clone()
    try:
        base = GitBase(ref, sha, clone, notes=notes)
        with clone.connect(autocommit=True) as conn:
            repo = Repo(conn)
            back = _start_branch(repo, base, ref, sha, clone)
            applied = apply_steps(conn, clone, steps, tag=False, prefix=f"git {ref}: ")
            base.steps = [a.tag for a in applied]
            hook, names = run._setup_hook()
            _hook(conn, clone, repo, base, ref, hook, names)
            base.sha = repo.resolve(BRANCH)   # (T5-6: before the head's replay)
            with replaying(clone, repo) as r:   # (--pggit-untrusted: S13)
                r.checkout(back, apply=True, force=True)
            repo.close()
    except BaseException:
        run.drop_clone(clone)
        raise
    return base


def prefix_base(run: Any, ref: str) -> "Optional[tuple[str, int]]":
    """``(tag, n)`` when the steps of ``git:<ref>`` are the head's first ``n`` steps,
    unchanged (same tags, same files): the base is then the head's own commit of its
    ``n``-th step, ``tag``, and nothing is rebuilt (Y6: the base rebuilt apart from the
    head's history held a column renamed over a dropped one as another column, dropped
    and added again by the base..head migration, which then failed).  None otherwise:
    another step, an edited one, a step without a file to compare, or a ref that cannot
    be read (the build says why)."""
    from .template_cache import step_digest

    head = list(getattr(run, "steps", None) or ())
    if not head:
        return None
    try:
        top, sha = resolve(Path(run.rootdir), ref)
    except PggitError:
        return None
    with tempfile.TemporaryDirectory(prefix="pytest-pggit-git-base-") as tmp:
        tree = Path(tmp)
        try:
            extract(top, sha, tree)
            steps, _notes = base_steps(run, top, tree)
        except Exception:   # (the build reports it)
            return None
        tree_root = _tree_root(run, top, tree)
        if not steps or len(steps) >= len(head):   # (the same steps: the rebuilt base is the head's)
            return None
        for step, a in zip(steps, head):
            if (not step.source or not a.step.source or step.tag != a.tag
                    or step_digest(step, tree_root) != step_digest(a.step, Path(run.rootdir))):
                return None
    return head[len(steps) - 1].tag, len(steps)


def is_git_ref(base: Optional[str]) -> bool:
    return bool(base) and str(base).startswith(PREFIX)


__all__ = ["BRANCH", "GitBase", "build", "is_git_ref", "prefix_base", "resolve"]
