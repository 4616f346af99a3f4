"""``Repo``: the SQL layer's version control as a Python API (the ``pggit`` fixture).

Every call runs inside a savepoint (``conn.transaction()``) on the connection it is
given, so a failing call raises :class:`~pytest_pggit.exceptions.PggitError`
(with the SQLSTATE and HINT of the server's error) and leaves the test's
transaction usable.  Results are plain dataclasses.

    def test_add_column(pggit):
        pggit.execute("ALTER TABLE customers ADD COLUMN phone text")
        pggit.commit("Add phone")
        diff = pggit.diff("HEAD~1", "HEAD")
        assert diff.paths == ["public/table/customers/column/phone"]
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any, Dict, List, Optional, Sequence, Tuple, Union

from . import assertions as _assertions
from .exceptions import PggitError
from .results import (Alert, Branch, Commit, Conflict, DiffEntry, IntegrityCheck, MergeResult,
                      MigrationCheck, ObjectChange, SchemaDiff, _deprecated)

if TYPE_CHECKING:  # pragma: no cover
    import psycopg

SCHEMA = "pggit_v0"


# ------------------------------------------------------------------ the API
class Repo:
    """Version control of the schema behind ``conn`` (psycopg 3)."""

    def __init__(self, conn: "psycopg.Connection") -> None:
        self.conn = conn
        #: NOTICE texts the layer sent while this Repo was in use.
        self.notices: List[str] = []
        self._handler = self._on_notice
        conn.add_notice_handler(self._handler)

    def _on_notice(self, diag: Any) -> None:
        self.notices.append(diag.message_primary or "")

    def close(self) -> None:
        """Stop collecting notices (the connection stays open)."""
        try:
            self.conn.remove_notice_handler(self._handler)
        except ValueError:
            pass

    # -- plumbing ----------------------------------------------------------
    def _rows(self, sql: str, params: Sequence[Any] = ()) -> List[Dict[str, Any]]:
        import psycopg
        from psycopg.rows import dict_row

        try:
            with self.conn.transaction():
                with self.conn.cursor(row_factory=dict_row) as cur:
                    cur.execute(sql, params)  # type: ignore[arg-type]
                    return cur.fetchall() if cur.description is not None else []
        except psycopg.Error as exc:
            raise PggitError.from_psycopg(exc) from exc

    def _call(self, function: str, *args: Any, rows: bool = False) -> Any:
        """``pggit_v0.function(args)``: its rows as dicts with ``rows``, else its value."""
        placeholders = ", ".join(["%s"] * len(args))
        if rows:
            return self._rows(f"SELECT * FROM {SCHEMA}.{function}({placeholders})", args)
        result = self._rows(f"SELECT {SCHEMA}.{function}({placeholders}) AS r", args)
        return result[0]["r"] if result else None

    def _ref(self, ref: str) -> str:
        """``ref`` as the layer takes it: ``root`` (the first commit of HEAD's history, the
        database before the project's schema) becomes its sha when no ref of that name
        exists (the plugin's templates tag it ``root``)."""
        if ref != "root" or self._rows("SELECT 1 FROM pggit_v0.refs WHERE name = 'root'"):
            return ref
        rows = self._rows(
            "WITH RECURSIVE h(sha, n) AS (SELECT pggit_v0.get_head_sha(), 0 UNION ALL "
            "SELECT cp.parent_sha, h.n + 1 FROM h JOIN pggit_v0.commit_parents cp "
            "ON cp.commit_sha = h.sha AND cp.position = 1) SELECT sha FROM h ORDER BY n DESC LIMIT 1")
        return rows[0]["sha"] if rows and rows[0]["sha"] else ref

    # -- commits -------------------------------------------------------------
    def commit(self, message: str, author: Optional[str] = None) -> Commit:
        """Commit the live schema on the current branch."""
        sha = (self._call("create_basic_commit", message, author) if author
               else self._call("create_basic_commit", message))
        return self.history(1, ref=sha)[0]

    def head(self) -> str:
        """The commit sha HEAD resolves to."""
        return self._call("get_head_sha")

    def history(self, limit: int = 20, ref: str = "HEAD", skip: int = 0) -> List[Commit]:
        """First-parent history of ``ref``, newest first."""
        return [
            Commit(r["commit_sha"], tuple(r["parent_shas"] or ()), r["author"], r["message"],
                   r["committed_at"], r["branch"], r["changes"])
            for r in self._call("get_commit_history", limit, skip, self._ref(ref), rows=True)
        ]

    def object_history(self, schema: str, name: str, limit: int = 10) -> List[ObjectChange]:
        return [
            ObjectChange(r["commit_sha"], r["change_type"], r["object_type"], r["author"],
                         r["committed_at"], r["message"], r["ddl"])
            for r in self._call("get_object_history", schema, name, limit, rows=True)
        ]

    def definition(self, schema: str, name: str, ref: Optional[str] = None) -> str:
        """DDL that recreates ``schema.name`` (live, or as of ``ref``)."""
        return self._call("get_object_definition", schema, name, ref)

    # -- branches ------------------------------------------------------------
    def branch(self, name: str, description: Optional[str] = None, checkout: bool = True,
               from_ref: str = "HEAD") -> Branch:
        """Create a branch at ``from_ref``; checked out unless ``checkout=False``."""
        self._call("create_branch", name, description, self._ref(from_ref), checkout)
        return self.get_branch(name)

    def checkout(self, name: str, apply: bool = False, force: bool = False) -> str:
        """Make ``name`` current; with ``apply`` also change the live schema to it."""
        return self._call("checkout_branch", name, apply, force)

    def delete_branch(self, name: str) -> None:
        self._call("delete_branch", name)

    def branches(self) -> List[Branch]:
        return [
            Branch(name=r["name"], head=r["head_sha"], description=r["description"],
                   current=bool(r["is_current"]), commit_count=int(r["commit_count"] or 0),
                   ahead=int(r["ahead"] or 0), behind=int(r["behind"] or 0),
                   last_commit=r["last_commit"], last_message=r["last_message"],
                   last_author=r["last_author"], created_at=r["created_at"])
            for r in self._call("list_branches", rows=True)
        ]

    def get_branch(self, name: str) -> Branch:
        for b in self.branches():
            if b.name == name:
                return b
        raise PggitError(f'branch "{name}" not found', sqlstate="42704",
                         hint="Repo.branches() lists the branches")

    def current_branch(self) -> Optional[Branch]:
        """The checked-out branch (None with a detached HEAD)."""
        return next((b for b in self.branches() if b.current), None)

    def tag(self, name: str, ref: str = "HEAD", message: Optional[str] = None) -> str:
        return self._call("create_tag", name, self._ref(ref), message)

    # -- diffs ----------------------------------------------------------------
    @staticmethod
    def _diff(rows: List[Dict[str, Any]], a: Optional[str] = None,
              b: Optional[str] = None) -> SchemaDiff:
        return SchemaDiff([
            DiffEntry(r["object_type"], r["schema_name"], r["object_name"], r["sub_name"],
                      r["path"], r["change_type"], r["old_definition"], r["new_definition"],
                      r["migration_sql"], tuple(r["hazards"] or ()))
            for r in rows
        ], a, b)

    def diff(self, a: str, b: str = "HEAD") -> SchemaDiff:
        """What changed from ref ``a`` to ref ``b`` (with migration statements and hazards)."""
        return self._diff(self._call("diff_commits", self._ref(a), self._ref(b), rows=True), a, b)

    def status(self) -> SchemaDiff:
        """Uncommitted changes: the live schema against HEAD."""
        return self._diff(self._call("status", rows=True), "HEAD", "live")

    def hazard_kinds(self) -> Dict[str, Tuple[str, int, str]]:
        """``{hazard: (severity, rank, description)}`` from ``hazard_kinds()``."""
        return {r["hazard"]: (r["severity"], int(r["rank"]), r["description"])
                for r in self._call("hazard_kinds", rows=True)}

    def resolve(self, ref: str) -> str:
        """The commit sha ``ref`` names (branch, tag, HEAD, sha prefix, ``~N``, ``root``)."""
        commits = self.history(1, ref=ref)
        if not commits:  # pragma: no cover - get_commit_history raises on unknown refs
            raise PggitError(f"ref {ref!r} does not resolve to a commit", sqlstate="42704")
        return commits[0].sha

    def check_migration(self, a: str, b: str) -> MigrationCheck:
        """Apply ``generate_migration(a, b)`` to the schema of ``a`` and compare with ``b``.

        Runs in a savepoint that is always rolled back: when ``a`` is not HEAD, a
        temporary branch at ``a`` is checked out with ``apply`` (the live schema
        becomes ``a``'s), then ``verify_migration(b)`` runs the script and lists the
        paths where the result differs from ``b``.  Needs a clean working schema
        (no uncommitted changes).  Nothing of it survives.
        """
        import secrets

        import psycopg
        from psycopg.rows import dict_row

        pending = self.status()
        if pending:
            raise PggitError(
                f"cannot verify the migration {a}..{b}: the live schema has "
                f"{len(pending)} uncommitted change(s): {', '.join(pending.paths[:5])}",
                hint="commit them first (Repo.commit), or compare committed refs only",
                sqlstate="55000")
        a_sha, b_sha, head = self.resolve(a), self.resolve(b), self.head()
        try:
            with self.conn.transaction(force_rollback=True):
                with self.conn.cursor(row_factory=dict_row) as cur:
                    if a_sha != head:
                        tmp = f"pggit-verify/{secrets.token_hex(4)}"
                        cur.execute(f"SELECT {SCHEMA}.create_branch(%s, %s, %s, false)",
                                    (tmp, "verify_migration", a_sha))
                        cur.execute(f"SELECT {SCHEMA}.checkout_branch(%s, true, true)", (tmp,))
                    cur.execute(f"SELECT * FROM {SCHEMA}.verify_migration(%s)", (b_sha,))
                    row = cur.fetchone()
        except psycopg.Error as exc:
            raise PggitError.from_psycopg(exc, context=f"verifying the migration {a}..{b}") from exc
        assert row is not None
        return MigrationCheck(a, b, bool(row["ok"]), int(row["statements"] or 0),
                              tuple(row["differing_paths"] or ()), row["error"], row["script"] or "")

    def verify_migration(self, a: str, b: str) -> MigrationCheck:
        """Deprecated name of :meth:`check_migration` (the SQL layer's ``verify_migration(to_ref)``
        is something else: it checks the migration from HEAD)."""
        _deprecated("Repo.verify_migration(a, b)", "Repo.check_migration(a, b)")
        return self.check_migration(a, b)

    # -- assertions as methods (see pytest_pggit.assertions) --------------------
    def assert_no_diff(self, a: str, b: str = "HEAD", *, ignore: Optional[Sequence[str]] = None) -> None:
        __tracebackhide__ = True
        _assertions.assert_no_diff(self, a, b, ignore=ignore)

    def assert_diff(self, a: str, b: str = "HEAD", **expected: Any) -> SchemaDiff:
        __tracebackhide__ = True
        return _assertions.assert_diff(self, a, b, **expected)

    def assert_integrity(self) -> None:
        __tracebackhide__ = True
        _assertions.assert_integrity(self)

    def assert_no_alerts(self, min_severity: str = "WARNING") -> None:
        __tracebackhide__ = True
        _assertions.assert_no_alerts(self, min_severity)

    def assert_migration_applies(self, a: str, b: str = "HEAD") -> "MigrationCheck":
        __tracebackhide__ = True
        return _assertions.assert_migration_applies(self, a, b)

    # -- migration and merge -----------------------------------------------------
    def migration(self, a: str, b: str) -> str:
        """SQL that takes a database from ref ``a`` to ref ``b`` (``generate_migration``)."""
        return self._call("generate_migration", self._ref(a), self._ref(b)) or ""

    def merge(self, source: str, target: Optional[str] = None, strategy: str = "abort",
              message: Optional[str] = None, *, into: Optional[str] = None) -> MergeResult:
        """Merge ``source`` into ``target`` (default: the current branch, whose live schema is
        migrated too).  ``strategy``: ``abort`` on conflicts, ``ours`` or ``theirs``.

        ``into=`` is the deprecated name of ``target``."""
        if into is not None:
            if target is not None:
                raise TypeError("Repo.merge() got both target and into (the deprecated name of target)")
            _deprecated("Repo.merge(into=...)", "Repo.merge(target=...)")
            target = into
        return MergeResult(self._call("merge_branch", source, target, message, strategy), target)

    def conflicts(self, source: str, target: Optional[str] = None) -> List[Conflict]:
        """Conflicts a merge of ``source`` into ``target`` (default: current branch) would meet."""
        rows = self._call("detect_merge_conflicts", source, target, rows=True)
        return [Conflict(r["path"], r["kind"], r["object_type"], r["schema_name"], r["object_name"],
                         r["base_definition"], r["source_definition"], r["target_definition"])
                for r in rows]

    # -- monitoring ------------------------------------------------------------
    def alerts(self) -> List[Alert]:
        return [Alert(r["check_name"], r["severity"], r["message"], r["hint"])
                for r in self._call("check_for_alerts", rows=True)]

    def integrity(self) -> List[IntegrityCheck]:
        return [IntegrityCheck(r["check_name"], r["status"], r["details"])
                for r in self._call("validate_data_integrity", rows=True)]

    # -- anything else ----------------------------------------------------------
    def execute(self, sql: str, params: Optional[Union[Sequence[Any], Dict[str, Any]]] = None
                ) -> Optional[List[Tuple[Any, ...]]]:
        """Run SQL in a savepoint; returns the rows when it returns any, else None."""
        import psycopg

        try:
            with self.conn.transaction():
                with self.conn.cursor() as cur:
                    cur.execute(sql if params is not None else sql.encode("utf-8"), params)  # type: ignore[arg-type]
                    return cur.fetchall() if cur.description is not None else None
        except psycopg.Error as exc:
            raise PggitError.from_psycopg(exc) from exc

    def __repr__(self) -> str:
        return f"Repo({self.conn.info.dbname!r})"
