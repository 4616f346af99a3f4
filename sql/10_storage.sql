-- Storage, like git: content-addressed objects (blob, tree, commit), tree entries,
-- the commit graph with ordered parents, refs (branches and tags) and HEAD, plus the
-- DDL capture log.  Every statement is idempotent: running install.sql again upgrades
-- in place and keeps every commit, branch and log row.

CREATE TABLE IF NOT EXISTS pggit_v0.meta (
    key        text PRIMARY KEY,
    value      text NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE pggit_v0.meta IS 'Layer settings: layer_version, capture mode';

-- sha = sha256 hex of (type || E'\n' || content), content in UTF-8.
CREATE TABLE IF NOT EXISTS pggit_v0.objects (
    sha        text PRIMARY KEY CHECK (sha ~ '^[0-9a-f]{64}$'),
    type       text NOT NULL CHECK (type IN ('blob', 'tree', 'commit')),
    size       integer NOT NULL,
    content    text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE pggit_v0.objects IS
    'Content-addressed store: sha256 over type and canonical content (blob, tree, commit)';

-- The entries of each tree object (the tree''s content lists the same, canonically).
CREATE TABLE IF NOT EXISTS pggit_v0.tree_entries (
    tree_sha   text NOT NULL,
    name       text NOT NULL,
    entry_type text NOT NULL CHECK (entry_type IN ('blob', 'tree')),
    entry_sha  text NOT NULL,
    PRIMARY KEY (tree_sha, name)
);
COMMENT ON TABLE pggit_v0.tree_entries IS
    'Tree entries: root -> schema -> two levels of fan-out buckets -> object -> sub-object blobs';

-- Reverse index of the recorded dependencies: for each object a "depends" blob names
-- (schema, "<kind> <name>"), the blobs naming it; with the index on the trees holding
-- "depends" blobs, the migration engine finds what depends on a changed object without
-- reading every object of a tree.  Derived from the blobs, not history of its own (no
-- sha covers it): written with each new blob (_write_tree_rows) and rebuilt for blobs
-- missing from it by every install (40_trees.sql).
CREATE TABLE IF NOT EXISTS pggit_v0.dep_refs (
    blob_sha   text NOT NULL,
    ref_schema text NOT NULL,
    ref_key    text NOT NULL,
    PRIMARY KEY (blob_sha, ref_schema, ref_key)
);
CREATE INDEX IF NOT EXISTS dep_refs_ref_idx ON pggit_v0.dep_refs (ref_schema, ref_key);
COMMENT ON TABLE pggit_v0.dep_refs IS
    'Which "depends" blobs name which object (schema, key): the reverse index of recorded dependencies';
CREATE INDEX IF NOT EXISTS tree_entries_depends_idx ON pggit_v0.tree_entries (entry_sha) WHERE name = 'depends';

CREATE TABLE IF NOT EXISTS pggit_v0.commit_graph (
    commit_sha   text PRIMARY KEY,
    tree_sha     text NOT NULL,
    author       text NOT NULL,
    message      text NOT NULL,
    committed_at timestamptz NOT NULL,
    branch       text,
    changes      integer NOT NULL DEFAULT 0,
    rows_written integer NOT NULL DEFAULT 0
);
-- The state of DDL capture when the commit was made (see _capture_epoch): incremental
-- commits trust the DDL log only while it is unchanged.
ALTER TABLE pggit_v0.commit_graph ADD COLUMN IF NOT EXISTS capture_epoch text;
COMMENT ON TABLE pggit_v0.commit_graph IS
    'One row per commit: its tree, author, message, time, the branch it was made on, paths changed against the first parent and storage rows it wrote';

CREATE TABLE IF NOT EXISTS pggit_v0.commit_parents (
    commit_sha text NOT NULL,
    position   smallint NOT NULL,
    parent_sha text NOT NULL,
    PRIMARY KEY (commit_sha, position)
);
CREATE INDEX IF NOT EXISTS commit_parents_parent_idx ON pggit_v0.commit_parents (parent_sha);
COMMENT ON TABLE pggit_v0.commit_parents IS 'Ordered parents of each commit (position 1 = first parent)';

CREATE TABLE IF NOT EXISTS pggit_v0.refs (
    name        text PRIMARY KEY,
    type        text NOT NULL CHECK (type IN ('branch', 'tag')),
    target_sha  text NOT NULL,
    description text,
    created_by  text NOT NULL DEFAULT current_user,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE pggit_v0.refs IS 'Branches and tags: names pointing at commits';

-- HEAD: exactly one row; either a current branch or a detached commit.
CREATE TABLE IF NOT EXISTS pggit_v0.head (
    singleton    boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    branch       text REFERENCES pggit_v0.refs (name) ON UPDATE CASCADE,
    detached_sha text,
    CHECK ((branch IS NULL) <> (detached_sha IS NULL))
);
COMMENT ON TABLE pggit_v0.head IS 'HEAD: the current branch, or a detached commit';

-- Every move of a ref or of HEAD made through the API: the value before and after, the
-- role, the call and the time.  Written only by _ref_update/_head_update under the
-- history lock, so ids are dense and need no sequence; validate_data_integrity() flags
-- a ref or HEAD whose value is not its last entry's (a write that bypassed the API).
-- Values: a commit sha for refs; for HEAD 'ref: <branch>' or a detached sha; NULL when
-- the ref did not exist (before) or was deleted (after).
CREATE TABLE IF NOT EXISTS pggit_v0.ref_log (
    id        bigint PRIMARY KEY,
    ref       text NOT NULL,
    old_value text,
    new_value text,
    role_name text NOT NULL,
    call      text NOT NULL,
    logged_at timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX IF NOT EXISTS ref_log_ref_idx ON pggit_v0.ref_log (ref, id);
COMMENT ON TABLE pggit_v0.ref_log IS
    'Append-only record of every ref and HEAD move: old and new value, role, call, time';

-- Every DDL command seen by the event triggers.  Linked to the commit that includes
-- it through ddl_log_commits, so the log itself is never updated.
-- Ids come from _capture_ids (70_capture.sql), never nextval: capture must leave the
-- session's lastval() alone.  (Installs before that had identity ids; 70 drops them.)
CREATE TABLE IF NOT EXISTS pggit_v0.ddl_log (
    id              bigint PRIMARY KEY,
    logged_at       timestamptz NOT NULL DEFAULT clock_timestamp(),
    event           text NOT NULL,
    command_tag     text NOT NULL,
    object_type     text,
    object_identity text,
    schema_name     text,
    statement       text,
    role_name       text NOT NULL,
    txid            bigint NOT NULL,
    branch          text
);
-- How long capture took for the entry (timings of capture live here, not in
-- op_timings: one insert per DDL instead of two keeps DDL overhead down).
ALTER TABLE pggit_v0.ddl_log ADD COLUMN IF NOT EXISTS capture_duration interval;
-- For a table renamed or moved (ALTER TABLE ... RENAME / SET SCHEMA) or a column
-- renamed by the user: its identity before the command (object_identity is after).
-- Migrations between commits use these to rename instead of dropping and adding.
ALTER TABLE pggit_v0.ddl_log ADD COLUMN IF NOT EXISTS renamed_from text;
CREATE INDEX IF NOT EXISTS ddl_log_renames_idx ON pggit_v0.ddl_log (id) WHERE renamed_from IS NOT NULL;
-- For an enum label renamed (ALTER TYPE ... RENAME VALUE): the label before and after,
-- so that migrations between commits rename it too (keeping the rows that hold it).
ALTER TABLE pggit_v0.ddl_log ADD COLUMN IF NOT EXISTS renamed_label text[];
CREATE INDEX IF NOT EXISTS ddl_log_label_renames_idx ON pggit_v0.ddl_log (id) WHERE renamed_label IS NOT NULL;
-- Provenance: the setting pggit.source when the command ran (which migration step and
-- statement: 'schema/02.sql:14', 'alembic/ae1027a6acf'); see _capture, 70_capture.sql.
ALTER TABLE pggit_v0.ddl_log ADD COLUMN IF NOT EXISTS source text;
-- pending entries are found above the log horizon a commit leaves (_pending_log_ids)
CREATE INDEX IF NOT EXISTS ddl_log_txid_idx ON pggit_v0.ddl_log (txid);
COMMENT ON TABLE pggit_v0.ddl_log IS 'Captured DDL: statement, tag, object, schema, role, transaction, time, branch';

CREATE TABLE IF NOT EXISTS pggit_v0.ddl_log_commits (
    log_id     bigint PRIMARY KEY,
    commit_sha text NOT NULL
);
CREATE INDEX IF NOT EXISTS ddl_log_commits_commit_idx ON pggit_v0.ddl_log_commits (commit_sha);
-- Tamper evidence for the DDL log: when an entry is linked to a commit, entry_sha is the
-- sha256 of the entry's row (_ddl_log_shas) and chain_sha chains it to the previous
-- link (link order = seq, assigned under the history lock).  Editing a logged row, or
-- a link, breaks the chain for validate_data_integrity().  Links made before the
-- chain existed have NULLs and are not checked.
ALTER TABLE pggit_v0.ddl_log_commits ADD COLUMN IF NOT EXISTS seq bigint;
ALTER TABLE pggit_v0.ddl_log_commits ADD COLUMN IF NOT EXISTS entry_sha text;
ALTER TABLE pggit_v0.ddl_log_commits ADD COLUMN IF NOT EXISTS chain_sha text;
CREATE INDEX IF NOT EXISTS ddl_log_commits_seq_idx ON pggit_v0.ddl_log_commits (seq);
COMMENT ON TABLE pggit_v0.ddl_log_commits IS 'Which commit includes each captured DDL entry';

-- Faults met by capture.  Capture never makes a user's DDL fail: it records here instead.
CREATE TABLE IF NOT EXISTS pggit_v0.capture_faults (
    id          bigint PRIMARY KEY,   -- from _capture_ids, like ddl_log's
    occurred_at timestamptz NOT NULL DEFAULT clock_timestamp(),
    event       text NOT NULL,
    command_tag text,
    sqlstate    text,
    message     text,
    statement   text
);
COMMENT ON TABLE pggit_v0.capture_faults IS 'Errors trapped by DDL capture (the DDL itself went through)';

-- The names _capture_names keeps before a rename, for _capture at the end of the same
-- statement (one row per backend, for its transaction).  Written and read only by those
-- two (SECURITY DEFINER): a session setting anyone can set carried them before, and a
-- role with no access forged renames of other roles' tables with it (S3).
CREATE UNLOGGED TABLE IF NOT EXISTS pggit_v0.capture_names (
    backend int PRIMARY KEY,      -- pg_backend_pid()
    xid     bigint NOT NULL,      -- txid_current() of the statement's transaction
    names   jsonb NOT NULL
);
COMMENT ON TABLE pggit_v0.capture_names IS
    'Names before a rename, kept by _capture_names for _capture within one transaction of one backend';

-- Timings of the layer's own operations, measured when they run.
CREATE TABLE IF NOT EXISTS pggit_v0.op_timings (
    id         bigint PRIMARY KEY,   -- from _capture_ids: API calls leave lastval() alone too
    operation  text NOT NULL,
    started_at timestamptz NOT NULL,
    duration   interval NOT NULL,
    detail     text
);
CREATE INDEX IF NOT EXISTS op_timings_operation_idx ON pggit_v0.op_timings (operation, started_at);
COMMENT ON TABLE pggit_v0.op_timings IS 'Durations of commit, diff, migration, merge and capture operations';

-- History is append-only.  The guard can be lifted for repairs (and tamper tests) with
--   SET pggit.allow_history_rewrite = on
CREATE OR REPLACE FUNCTION pggit_v0._guard_history() RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pggit_v0, pg_temp
SET jit = off
AS $$
BEGIN
    IF coalesce(current_setting('pggit.allow_history_rewrite', true), '') = 'on' THEN
        RETURN NULL;
    END IF;
    RAISE EXCEPTION 'pggit_v0.% is append-only history: % refused', TG_TABLE_NAME, TG_OP
          USING ERRCODE = '55000',
                HINT = 'Commits, objects and the DDL log are never rewritten. For a deliberate repair, SET pggit.allow_history_rewrite = on in that session.';
END
$$;
COMMENT ON FUNCTION pggit_v0._guard_history() IS
    'Refuses UPDATE, DELETE and TRUNCATE on history tables unless pggit.allow_history_rewrite = on';

DO $guards$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['objects', 'tree_entries', 'dep_refs', 'commit_graph', 'commit_parents',
                             'ddl_log', 'ddl_log_commits', 'ref_log']
    LOOP
        EXECUTE format('CREATE OR REPLACE TRIGGER pggit_append_only BEFORE UPDATE OR DELETE ON pggit_v0.%I
                        FOR EACH STATEMENT EXECUTE FUNCTION pggit_v0._guard_history()', t);
        EXECUTE format('CREATE OR REPLACE TRIGGER pggit_append_only_truncate BEFORE TRUNCATE ON pggit_v0.%I
                        FOR EACH STATEMENT EXECUTE FUNCTION pggit_v0._guard_history()', t);
    END LOOP;
END
$guards$;

INSERT INTO pggit_v0.meta (key, value) VALUES ('layer_version', '0.1.0')
ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = now();
