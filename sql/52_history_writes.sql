-- History writes.  Every call that writes history (commit, branch, tag, checkout, merge)
-- first takes one transaction-level advisory lock and only then reads HEAD and refs, so
-- writers serialize and each one builds on what the previous one committed.
-- The writes themselves go through the few SECURITY DEFINER functions of this file and
-- of 50_commits.sql (_commit_snapshot), 61_merge.sql (_merge_commit) and
-- 57_migration.sql (_settle_live):
-- roles need no write grants on the layer's tables, only EXECUTE on these functions
-- (grant_access() in 92_privileges.sql).  None of them takes content to store: commits
-- are snapshots of the live catalog or merges of stored trees, refs only move forward
-- to commits that exist, and every ref and HEAD move is recorded in ref_log.

-- The role that called: SET ROLE's role, else the session user.  Inside SECURITY
-- DEFINER functions current_user is the layer's owner, so the log uses this instead.
CREATE OR REPLACE FUNCTION pggit_v0._caller() RETURNS text
LANGUAGE sql STABLE
SET search_path = pg_catalog, pggit_v0, pg_temp
AS $$ SELECT CASE WHEN current_setting('role') = 'none' THEN session_user::text ELSE current_setting('role') END $$;
COMMENT ON FUNCTION pggit_v0._caller() IS
    'The calling role (SET ROLE in effect, else the session user), also inside SECURITY DEFINER functions';

-- Serialize history writers: one advisory lock per database, held until the
-- transaction ends.  Under READ COMMITTED every later statement then sees what the
-- previous writer committed.  Under REPEATABLE READ or SERIALIZABLE the transaction's
-- snapshot may predate the lock: locking HEAD and the refs then raises 40001 when
-- another writer moved them since, instead of building on stale history.
-- The lock is an EXCLUSIVE lock on the view history_lock, not an advisory lock: any
-- role may take an advisory lock on a key it reads in this source, and one without any
-- access to the layer held every commit, branch and checkout waiting (S1).  LOCK ...
-- IN EXCLUSIVE MODE needs UPDATE, DELETE or TRUNCATE on the view, which only the owner
-- has (readers' SELECT takes ACCESS SHARE, which does not conflict); the function runs
-- with the owner's rights, and only writers (developers) may execute it.
CREATE OR REPLACE VIEW pggit_v0.history_lock AS SELECT NULL::boolean AS unused WHERE false;
COMMENT ON VIEW pggit_v0.history_lock IS
    'Lock target of _lock_history (LOCK ... IN EXCLUSIVE MODE serializes history writers); never holds rows';

CREATE OR REPLACE FUNCTION pggit_v0._lock_history() RETURNS void
LANGUAGE plpgsql VOLATILE SECURITY DEFINER
SET search_path = pg_catalog, pggit_v0, pg_temp
AS $$
BEGIN
    LOCK TABLE pggit_v0.history_lock IN EXCLUSIVE MODE;   -- the history of this database
    IF current_setting('transaction_isolation') <> 'read committed' THEN
        PERFORM 1 FROM pggit_v0.head FOR UPDATE;
        PERFORM 1 FROM pggit_v0.refs FOR UPDATE;
    END IF;
END
$$;
COMMENT ON FUNCTION pggit_v0._lock_history() IS
    'Takes the history writers'' lock (until the transaction ends; owner-only target); 40001 when a REPEATABLE READ snapshot is stale';

-- History writers that may wait on a lock a user's transaction holds (a commit reading a
-- table an ALTER TABLE has not committed yet, a checkout or merge altering it) run in
-- attempts (E6): waiting with the history lock held deadlocks with that transaction's
-- own create_basic_commit, or, that one retrying, waits forever.  An attempt cuts lock
-- waits at 200 ms (transaction-local, undone when its subtransaction rolls back, which
-- also gives the history lock back); the caller's lock_timeout bounds all attempts.
CREATE OR REPLACE FUNCTION pggit_v0._attempt_begin() RETURNS void
LANGUAGE sql VOLATILE
SET search_path = pg_catalog, pggit_v0, pg_temp
AS $$
SELECT set_config('lock_timeout', '200ms', true)
WHERE current_setting('lock_timeout') IN ('0', '0ms')
   OR current_setting('lock_timeout')::interval > interval '200 ms'
$$;
COMMENT ON FUNCTION pggit_v0._attempt_begin() IS
    'Starts an attempt of a history writer: lock waits cut at 200 ms for the rest of the attempt (E6)';

-- How long a pgGit call may wait for locks other sessions hold, as lock_timeout's text:
-- the caller's lock_timeout when set, else the setting pggit.lock_wait (a duration as
-- lock_timeout takes it: '30s', '2min', '500ms'; a bare number is milliseconds; '0'
-- waits without bound), 30 s when unset.  Without a bound, a role with no access to
-- pgGit made every commit and status() wait for ever: it locked its own table under its
-- own view in a transaction left idle, and the next commit read the view (V7).  22023
-- for a value lock_timeout would refuse.
CREATE OR REPLACE FUNCTION pggit_v0._lock_wait() RETURNS text
LANGUAGE plpgsql VOLATILE
SET search_path = pg_catalog, pggit_v0, pg_temp
AS $$
DECLARE
    v_own  text := current_setting('lock_timeout');
    v_want text := coalesce(nullif(btrim(current_setting('pggit.lock_wait', true)), ''), '30s');
    v_out  text;
BEGIN
    IF v_own NOT IN ('0', '0ms') THEN
        RETURN v_own;
    END IF;
    BEGIN   -- lock_timeout's own parser and form ('5000' -> '5s'), rolled back
        PERFORM set_config('lock_timeout', v_want, true);
        v_out := current_setting('lock_timeout');
        RAISE SQLSTATE 'PGGIT';
    EXCEPTION WHEN SQLSTATE 'PGGIT' THEN
        RETURN v_out;
    WHEN invalid_parameter_value OR invalid_text_representation OR numeric_value_out_of_range THEN
        RAISE EXCEPTION 'pggit.lock_wait is not a duration: %', v_want
              USING ERRCODE = '22023',
                    HINT = 'Set it as lock_timeout takes it, e.g. SET pggit.lock_wait = ''30s'' (''0'': wait without bound), or RESET pggit.lock_wait for 30 s.';
    END;
END
$$;
COMMENT ON FUNCTION pggit_v0._lock_wait() IS
    'How long a pgGit call waits for other sessions'' locks: the caller''s lock_timeout, else pggit.lock_wait (default 30s; 0: no bound), as lock_timeout''s text (V7)';

-- Raises 55P03 for a call (p_what) that gave up on a lock after p_start: the message names
-- the sessions that likely hold it (pid, role, state, what they hold, since when): those
-- holding an ACCESS EXCLUSIVE lock on a relation (a pgGit read of a table or view
-- waits only for that) or the history writers' lock, else those holding any lock on a
-- user's relation (a checkout's DDL waits for any); at most 5, oldest transaction first.  The wait
-- itself is over when this runs (pg_blocking_pids of this session is empty), so these
-- are the sessions holding such locks now.
CREATE OR REPLACE FUNCTION pggit_v0._lock_wait_failed(p_what text, p_start timestamptz) RETURNS void
LANGUAGE plpgsql VOLATILE
SET search_path = pg_catalog, pggit_v0, pg_temp
AS $$
DECLARE
    v_who text;
BEGIN
    WITH held AS (
        SELECT l.pid,
               bool_or(l.mode = 'AccessExclusiveLock'
                       OR (l.relation = 'pggit_v0.history_lock'::regclass AND l.mode = 'ExclusiveLock')) AS strong,
               string_agg(DISTINCT format('%s (%s)', l.relation::regclass, l.mode), ', ') AS what
        FROM pg_locks l
        WHERE l.locktype = 'relation' AND l.granted AND l.pid <> pg_backend_pid()
          AND l.database = (SELECT d.oid FROM pg_database d WHERE d.datname = current_database())
          AND l.relation >= 16384                                    -- (not the catalog's)
          AND (l.relation = 'pggit_v0.history_lock'::regclass
               OR NOT EXISTS (SELECT 1 FROM pg_class c WHERE c.oid = l.relation
                              AND c.relnamespace = 'pggit_v0'::regnamespace))
        GROUP BY l.pid
    ),
    pick AS (
        SELECT h.*, a.usename, a.state, a.xact_start
        FROM held h LEFT JOIN pg_stat_activity a ON a.pid = h.pid
        WHERE h.strong OR NOT EXISTS (SELECT 1 FROM held x WHERE x.strong)
        ORDER BY a.xact_start NULLS LAST, h.pid
        LIMIT 5
    )
    SELECT string_agg(format('pid %s (login role %s%s%s, holding %s)', p.pid, coalesce(p.usename::text, '?'),
                             CASE WHEN p.state IS NOT NULL THEN ', ' || p.state ELSE '' END,
                             CASE WHEN p.xact_start IS NOT NULL
                                  THEN ', transaction open for ' || justify_interval(date_trunc('second', clock_timestamp() - p.xact_start))::text
                                  ELSE '' END,
                             p.what), '; ' ORDER BY p.xact_start NULLS LAST, p.pid)
    INTO v_who
    FROM pick p;
    RAISE EXCEPTION '% gave up after waiting % s for locks other sessions hold: %', p_what,
                    round(extract(epoch FROM clock_timestamp() - p_start)::numeric, 1),
                    coalesce(v_who, 'no session holds such a lock now (it was given back meanwhile)')
          USING ERRCODE = '55P03',
                HINT = 'Those sessions must end their transactions (an administrator may SELECT pg_terminate_backend(pid)); then retry.  SET pggit.lock_wait = ''2min'' (or lock_timeout) waits longer, ''0'' without bound.';
END
$$;
COMMENT ON FUNCTION pggit_v0._lock_wait_failed(text, timestamptz) IS
    'Raises 55P03 for a call that gave up on a lock, naming the sessions (pid, role, state, locks) that likely hold it (V7)';

-- After an attempt gave up on a lock: false when the bound (p_limit, lock_timeout's
-- text from _lock_wait; 0: none) has run out since p_start, else a pause (longer each round, at most
-- 200 ms) and true.  A transaction that holds an ACCESS EXCLUSIVE lock on a relation of
-- its own (a user's DDL, not committed yet), that another session's pgGit call waits
-- for, and that has tried for 3 s raises 40P01 instead: two such transactions whose
-- commits each need the table the other altered wait for each other for ever, and
-- PostgreSQL's deadlock detector never sees waits this short (G1).  Only the one with
-- the higher backend pid gives up; the other then goes on.
CREATE OR REPLACE FUNCTION pggit_v0._attempt_again(p_start timestamptz, p_limit text, p_round int)
RETURNS boolean
LANGUAGE plpgsql VOLATILE
SET search_path = pg_catalog, pggit_v0, pg_temp
AS $$
DECLARE
    v_held text;
BEGIN
    IF p_limit NOT IN ('0', '0ms') AND clock_timestamp() - p_start >= p_limit::interval THEN
        RETURN false;
    END IF;
    -- (the pause first: the check then sees the other session in its wait, not between
    -- its attempts as it is right after this one's)
    PERFORM pg_sleep(least(0.01 * 2 ^ least(p_round, 5), 0.2));
    IF clock_timestamp() - p_start >= interval '3 s' THEN
        SELECT string_agg(l.relation::regclass::text, ', ' ORDER BY l.relation::regclass::text) INTO v_held
        FROM pg_locks l JOIN pg_class c ON c.oid = l.relation
        WHERE l.pid = pg_backend_pid() AND l.granted AND l.mode = 'AccessExclusiveLock'
          AND l.locktype = 'relation' AND c.relnamespace <> 'pggit_v0'::regnamespace
          AND c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S');
        -- (and a session in a pgGit call of its own, one this call waits for in turn,
        -- waits for this one now: a cycle; not a plain query on the table, nor a long
        -- call of another session that needs nothing of this one.  Of the two, the one
        -- with the higher pid gives up)
        IF v_held IS NOT NULL AND EXISTS (
               SELECT 1 FROM pg_stat_activity a
               WHERE a.pid < pg_backend_pid() AND a.wait_event_type = 'Lock'
                 AND pg_backend_pid() = ANY (pg_blocking_pids(a.pid))
                 AND a.query ~ 'pggit_v0\.(create_basic_commit|checkout_branch|merge_branch)\M') THEN
            RAISE EXCEPTION 'pgGit could not take the locks it needs for % s: this transaction holds % while another session''s transaction holds what this call needs (and, likely, waits for this one)',
                            round(extract(epoch FROM clock_timestamp() - p_start)::numeric, 1), v_held
                  USING ERRCODE = '40P01',
                        HINT = 'Retry the transaction.  Sessions that each alter a table and commit to pgGit in one transaction wait for each other; run such migrations one after another.';
        END IF;
    END IF;
    RETURN true;
END
$$;
COMMENT ON FUNCTION pggit_v0._attempt_again(timestamptz, text, int) IS
    'After an attempt met a lock: false when the caller''s lock_timeout ran out, else pauses and returns true (E6)';

-- Runs p_call (a query returning one text value: a history writer's one attempt) in
-- attempts (_attempt_begin, _attempt_again) and returns its value; the caller's
-- lock_timeout is its own again afterwards.  create_basic_commit, checkout_branch and
-- merge_branch run through it (E6).  The attempts end when the caller's lock_timeout,
-- else pggit.lock_wait (30 s), has run out (_lock_wait): 55P03 naming the sessions that
-- hold the locks (V7: without a lock_timeout they went on for ever).
CREATE OR REPLACE FUNCTION pggit_v0._in_attempts(p_call text) RETURNS text
LANGUAGE plpgsql VOLATILE
SET search_path = pg_catalog, pggit_v0, pg_temp
AS $$
DECLARE
    v_orig  text := current_setting('lock_timeout');   -- the caller's (0: none)
    v_limit text := _lock_wait();
    v_start timestamptz := clock_timestamp();
    v_round int := 0;
    v_out   text;
BEGIN
    LOOP
        BEGIN
            PERFORM _attempt_begin();
            EXECUTE p_call INTO v_out;
            PERFORM set_config('lock_timeout', v_orig, true);
            RETURN v_out;
        EXCEPTION WHEN lock_not_available THEN
            IF NOT _attempt_again(v_start, v_limit, v_round) THEN
                PERFORM _lock_wait_failed(CASE substring(p_call FROM 'pggit_v0\.(\w+)\(')
                                              WHEN '_commit_snapshot' THEN 'create_basic_commit'
                                              WHEN '_checkout_once' THEN 'checkout_branch'
                                              WHEN '_merge_once' THEN 'merge_branch'
                                              ELSE 'pgGit' END, v_start);
            END IF;
        END;
        v_round := v_round + 1;
    END LOOP;
END
$$;
COMMENT ON FUNCTION pggit_v0._in_attempts(text) IS
    'Runs one history writer''s call in attempts (E6) and returns its value';

-- Refuse (42501) a call that writes history when the role may not: the right to write
-- is EXECUTE on the write functions, which grant_access(role) gives.  The owner and
-- superusers always pass.  Executable by PUBLIC, so the refusal is this message.
CREATE OR REPLACE FUNCTION pggit_v0._require_rights(p_action text) RETURNS void
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pggit_v0, pg_temp
AS $$
BEGIN
    IF NOT has_function_privilege('pggit_v0._ref_update(text, text, text, text, text)', 'EXECUTE') THEN
        RAISE EXCEPTION '% writes pgGit history, which role % may not do', p_action, current_user
              USING ERRCODE = '42501',
                    HINT = format('As the owner of schema pggit_v0: SELECT pggit_v0.grant_access(%L);', current_user);
    END IF;
END
$$;
COMMENT ON FUNCTION pggit_v0._require_rights(text) IS
    'Raises 42501 naming the call and the role, with the grant_access() call as the hint, when the role may not write history';

-- Append one move to ref_log: the next id (writers hold the history lock, so ids are
-- dense without a sequence, and the caller's lastval() is left alone), the calling role.
-- (PL/pgSQL: its plan is kept for the session; a SQL function is planned per call, and
-- every commit and tag calls this.)
CREATE OR REPLACE FUNCTION pggit_v0._log_ref_move(p_call text, p_ref text, p_old text, p_new text) RETURNS void
LANGUAGE plpgsql VOLATILE
SET search_path = pg_catalog, pggit_v0, pg_temp
AS $$
BEGIN
    INSERT INTO pggit_v0.ref_log (id, ref, old_value, new_value, role_name, call)
    SELECT coalesce(max(l.id), 0) + 1, p_ref, p_old, p_new, pggit_v0._caller(), p_call
    FROM pggit_v0.ref_log l;
END
$$;
COMMENT ON FUNCTION pggit_v0._log_ref_move(text, text, text, text) IS
    'Appends a ref or HEAD move (old and new value, calling role, call) to ref_log';

-- Create (p_new and no such ref), move (forward only) or delete (p_new NULL) a ref, and
-- record it in ref_log.  Refuses: a commit that does not exist (42704), a move that is
-- not a fast-forward (55000: history is never rewound), moving or deleting a tag, and
-- deleting main (55000).  Name rules are the refs table's CHECK constraint.
CREATE OR REPLACE FUNCTION pggit_v0._ref_update(p_call text, p_name text, p_type text, p_new text,
                                               p_description text DEFAULT NULL)
RETURNS void
LANGUAGE plpgsql VOLATILE SECURITY DEFINER
SET search_path = pg_catalog, pggit_v0, pg_temp
SET jit = off
AS $$
DECLARE
    v_old  text;
    v_type text;
BEGIN
    PERFORM pggit_v0._lock_history();
    SELECT r.target_sha, r.type INTO v_old, v_type FROM pggit_v0.refs r WHERE r.name = p_name FOR UPDATE;
    IF p_new IS NOT NULL AND NOT EXISTS (SELECT 1 FROM pggit_v0.commit_graph c WHERE c.commit_sha = p_new) THEN
        RAISE EXCEPTION 'commit % not found', p_new USING ERRCODE = '42704',
              HINT = 'Refs point at commits made by create_basic_commit or merge_branch.';
    END IF;
    IF v_type IS NULL THEN
        IF p_new IS NULL THEN
            RAISE EXCEPTION '% "%" not found', coalesce(p_type, 'ref'), p_name USING ERRCODE = '42704',
                  HINT = 'SELECT name FROM pggit_v0.list_branches() lists the branches.';
        END IF;
        INSERT INTO pggit_v0.refs (name, type, target_sha, description, created_by)
        VALUES (p_name, p_type, p_new, p_description, pggit_v0._caller());
    ELSIF v_type IS DISTINCT FROM p_type THEN
        RAISE EXCEPTION '% "%" already exists', v_type, p_name USING ERRCODE = '42710',
              HINT = 'Branches and tags share one namespace: pick another name.';
    ELSIF v_type = 'tag' THEN
        RAISE EXCEPTION 'tag "%" cannot be moved or deleted', p_name USING ERRCODE = '55000',
              HINT = 'Tags are permanent: create a new tag.';
    ELSIF p_new IS NULL THEN
        IF p_name = 'main' THEN
            RAISE EXCEPTION 'cannot delete branch "main"'
                  USING ERRCODE = '55000', HINT = 'main is the trunk every other branch is compared with.';
        END IF;
        DELETE FROM pggit_v0.refs r WHERE r.name = p_name;
    ELSIF v_old IS DISTINCT FROM p_new THEN
        IF NOT EXISTS (SELECT 1 FROM pggit_v0.commit_parents p WHERE p.commit_sha = p_new AND p.parent_sha = v_old)
           AND pggit_v0.merge_base(v_old, p_new) IS DISTINCT FROM v_old THEN
            RAISE EXCEPTION 'moving branch "%" from % to % is not a fast-forward', p_name, left(v_old, 12), left(p_new, 12)
                  USING ERRCODE = '55000',
                        HINT = 'History is never rewound: commit on the branch or merge into it.';
        END IF;
        UPDATE pggit_v0.refs r SET target_sha = p_new, updated_at = now() WHERE r.name = p_name;
    ELSE
        RETURN;   -- already there: nothing to log
    END IF;
    PERFORM pggit_v0._log_ref_move(p_call, p_name, v_old, p_new);
END
$$;
COMMENT ON FUNCTION pggit_v0._ref_update(text, text, text, text, text) IS
    'Creates, fast-forwards or deletes a ref and logs it in ref_log; refuses unknown commits, rewinds, tag moves and deleting main';

-- Point HEAD at a branch (p_branch) or a commit (p_detached), and record the move in
-- ref_log as 'ref: <branch>' or the sha.  Raises 42704 for an unknown branch or commit.
CREATE OR REPLACE FUNCTION pggit_v0._head_update(p_call text, p_branch text, p_detached text DEFAULT NULL)
RETURNS void
LANGUAGE plpgsql VOLATILE SECURITY DEFINER
SET search_path = pg_catalog, pggit_v0, pg_temp
SET jit = off
AS $$
DECLARE
    v_old text;
    v_new text := CASE WHEN p_branch IS NOT NULL THEN 'ref: ' || p_branch ELSE p_detached END;
BEGIN
    PERFORM pggit_v0._lock_history();
    IF (p_branch IS NULL) = (p_detached IS NULL) THEN
        RAISE EXCEPTION 'HEAD needs exactly one of a branch or a commit' USING ERRCODE = '22023';
    END IF;
    IF p_branch IS NOT NULL AND NOT EXISTS (SELECT 1 FROM pggit_v0.refs r WHERE r.name = p_branch AND r.type = 'branch') THEN
        RAISE EXCEPTION 'branch "%" not found', p_branch USING ERRCODE = '42704',
              HINT = 'SELECT name FROM pggit_v0.list_branches() lists the branches.';
    END IF;
    IF p_detached IS NOT NULL AND NOT EXISTS (SELECT 1 FROM pggit_v0.commit_graph c WHERE c.commit_sha = p_detached) THEN
        RAISE EXCEPTION 'commit % not found', p_detached USING ERRCODE = '42704';
    END IF;
    SELECT CASE WHEN h.branch IS NOT NULL THEN 'ref: ' || h.branch ELSE h.detached_sha END INTO v_old
    FROM pggit_v0.head h FOR UPDATE;
    IF NOT FOUND THEN
        INSERT INTO pggit_v0.head (branch, detached_sha) VALUES (p_branch, p_detached);
    ELSIF v_old IS NOT DISTINCT FROM v_new THEN
        RETURN;
    ELSE
        UPDATE pggit_v0.head SET branch = p_branch, detached_sha = p_detached;
    END IF;
    PERFORM pggit_v0._log_ref_move(p_call, 'HEAD', v_old, v_new);
END
$$;
COMMENT ON FUNCTION pggit_v0._head_update(text, text, text) IS
    'Points HEAD at a branch or a commit and logs the move in ref_log; 42704 when the branch or commit does not exist';

-- Whether the DDL log proves, without reading the catalog, that the live schema is what
-- HEAD recorded: the proof create_basic_commit accepts to reuse its parent's tree (capture
-- on and unchanged since HEAD's commit, the live schema known to be HEAD's, no capture
-- fault since, no DDL logged and not yet in a commit; see _incremental_base).
-- false means "not known", not "different": status() then compares the whole schema.
-- About 1 ms where status() takes a snapshot of the whole schema (0.1-1 s); the gate
-- asks it before status().  Writes nothing.
CREATE OR REPLACE FUNCTION pggit_v0._live_is_head() RETURNS boolean
LANGUAGE plpgsql VOLATILE
SET search_path = pg_catalog, pggit_v0, pg_temp
SET jit = off
AS $$
DECLARE
    v_head text := _head_commit();
    v_ids  bigint[];
BEGIN
    IF v_head IS NULL THEN
        RETURN false;
    END IF;
    v_ids := _pending_log_ids();
    IF cardinality(v_ids) > 0 THEN
        RETURN false;
    END IF;
    -- with nothing pending, the log proves it when it can be trusted since HEAD's commit
    RETURN _incremental_base(v_head, _capture_epoch()) IS NOT NULL;
END
$$;
COMMENT ON FUNCTION pggit_v0._live_is_head() IS
    'true when the DDL log proves the live schema is HEAD''s tree (nothing logged since, capture unchanged); false: not known, ask status()';
