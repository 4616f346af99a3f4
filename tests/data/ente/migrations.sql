-- pytest-pggit test data: Ente's (end-to-end encrypted photos) server PostgreSQL migrations, every
-- server/migrations/*.up.sql in order, as golang-migrate runs them on an empty database
-- (a migration history: 15 enum values added, 22 columns retyped, columns renamed and dropped, 38 triggers
-- and the functions they call, constraints dropped and added again, tables dropped)
-- Source: https://github.com/ente-io/ente (commit a621d733154a834f23754e7e874de769be532d9d),
--   server/migrations/*.up.sql
-- License:
--   AGPL-3.0 (the repository's LICENSE: GNU Affero General Public License, version 3).
-- Changes:
--   * each file starts with a "-- ===== <path>" line and ends with a lone ";"; golang-migrate orders the
--     files by their number (1, 2, ... 124), which is the order here

-- ===== server/migrations/1_create_tables.up.sql
CREATE TABLE IF NOT EXISTS users (
	user_id SERIAL PRIMARY KEY,
	email TEXT UNIQUE NOT NULL,
	name TEXT,
	creation_time BIGINT NOT NULL
);

CREATE TABLE IF NOT EXISTS files (
	file_id BIGSERIAL PRIMARY KEY,
	owner_id INTEGER NOT NULL,
	file_decryption_header TEXT NOT NULL,
	thumbnail_decryption_header TEXT NOT NULL,
	metadata_decryption_header TEXT NOT NULL,
	encrypted_metadata TEXT NOT NULL,
	updation_time BIGINT NOT NULL,
	CONSTRAINT fk_files_owner_id 
		FOREIGN KEY(owner_id) 
			REFERENCES users(user_id)
			ON DELETE CASCADE
);

CREATE TABLE IF NOT EXISTS file_object_keys (
	file_id BIGINT PRIMARY KEY,
	object_key TEXT UNIQUE NOT NULL,
	size INTEGER NOT NULL,
	CONSTRAINT fk_file_object_keys_file_id 
		FOREIGN KEY(file_id) 
			REFERENCES files(file_id)
			ON DELETE CASCADE
);

CREATE TABLE IF NOT EXISTS thumbnail_object_keys (
	file_id BIGINT PRIMARY KEY,
	object_key TEXT UNIQUE NOT NULL,
	size INTEGER NOT NULL,
	CONSTRAINT fk_thumbnail_object_keys_file_id 
		FOREIGN KEY(file_id) 
			REFERENCES files(file_id)
			ON DELETE CASCADE
);

CREATE TABLE IF NOT EXISTS temp_object_keys (
	object_key TEXT PRIMARY KEY NOT NULL,
	expiration_time BIGINT NOT NULL
);

CREATE TABLE IF NOT EXISTS otts (
	user_id INTEGER NOT NULL,
	ott TEXT UNIQUE NOT NULL,
	creation_time BIGINT NOT NULL,
	expiration_time BIGINT NOT NULL,
	CONSTRAINT fk_otts_user_id 
		FOREIGN KEY(user_id) 
			REFERENCES users(user_id)
			ON DELETE CASCADE
);

CREATE TABLE IF NOT EXISTS tokens (
	user_id INTEGER NOT NULL,
	token TEXT UNIQUE NOT NULL,
	creation_time BIGINT NOT NULL,
	CONSTRAINT fk_tokens_user_id 
		FOREIGN KEY(user_id) 
			REFERENCES users(user_id)
			ON DELETE CASCADE
);

CREATE TABLE IF NOT EXISTS key_attributes (
	user_id INTEGER PRIMARY KEY,
	kek_salt TEXT NOT NULL,
	kek_hash_bytes BYTEA NOT NULL,
	encrypted_key TEXT NOT NULL,
	key_decryption_nonce TEXT NOT NULL,
	public_key TEXT NOT NULL,
	encrypted_secret_key TEXT NOT NULL,
	secret_key_decryption_nonce TEXT NOT NULL,
	CONSTRAINT fk_key_attributes_user_id 
		FOREIGN KEY(user_id) 
			REFERENCES users(user_id)
			ON DELETE CASCADE
);

CREATE TABLE IF NOT EXISTS collections (
	collection_id SERIAL PRIMARY KEY,
	owner_id INTEGER NOT NULL,
	encrypted_key TEXT NOT NULL,
	key_decryption_nonce TEXT NOT NULL,
	name TEXT NOT NULL,
	type TEXT NOT NULL,
	attributes JSONB NOT NULL,
	updation_time BIGINT NOT NULL,
	is_deleted BOOLEAN DEFAULT FALSE,
	CONSTRAINT fk_collections_owner_id 
		FOREIGN KEY(owner_id) 
			REFERENCES users(user_id)
			ON DELETE CASCADE
);

CREATE TABLE IF NOT EXISTS collection_shares (
	collection_id INTEGER NOT NULL,
	from_user_id INTEGER NOT NULL,
	to_user_id INTEGER NOT NULL,
	encrypted_key TEXT NOT NULL,
	updation_time BIGINT NOT NULL,
	is_deleted BOOLEAN DEFAULT FALSE,
	UNIQUE(collection_id, from_user_id, to_user_id),
	CONSTRAINT fk_collection_shares_collection_id 
		FOREIGN KEY(collection_id) 
			REFERENCES collections(collection_id)
			ON DELETE CASCADE,
	CONSTRAINT fk_collection_shares_from_user_id 
		FOREIGN KEY(from_user_id) 
			REFERENCES users(user_id)
			ON DELETE CASCADE,
	CONSTRAINT fk_collection_shares_to_user_id 
		FOREIGN KEY(to_user_id) 
			REFERENCES users(user_id)
			ON DELETE CASCADE
);

CREATE TABLE IF NOT EXISTS collection_files (
	file_id BIGINT NOT NULL,
	collection_id INTEGER NOT NULL,
	encrypted_key TEXT NOT NULL,
	key_decryption_nonce TEXT NOT NULL,
	is_deleted BOOLEAN DEFAULT FALSE,
	updation_time BIGINT NOT NULL,
	CONSTRAINT unique_collection_files_cid_fid UNIQUE(collection_id, file_id),
	CONSTRAINT fk_collection_files_collection_id 
		FOREIGN KEY(collection_id)
			REFERENCES collections(collection_id)
			ON DELETE CASCADE,
	CONSTRAINT fk_collection_files_file_id 
		FOREIGN KEY(file_id) 
			REFERENCES files(file_id)
			ON DELETE CASCADE
);

CREATE INDEX IF NOT EXISTS users_email_index ON users(email);

CREATE INDEX IF NOT EXISTS files_owner_id_index ON files (owner_id);

CREATE INDEX IF NOT EXISTS files_updation_time_index ON files (updation_time);

CREATE INDEX IF NOT EXISTS otts_user_id_index ON otts (user_id);

CREATE INDEX IF NOT EXISTS tokens_user_id_index ON tokens (user_id);

CREATE INDEX IF NOT EXISTS collections_owner_id_index ON collections (owner_id);

CREATE INDEX IF NOT EXISTS collection_shares_to_user_id_index ON collection_shares (to_user_id);

CREATE INDEX IF NOT EXISTS collection_files_collection_id_index ON collection_files (collection_id);

CREATE UNIQUE INDEX IF NOT EXISTS collections_favorites_constraint_index ON collections (owner_id) WHERE (type = 'favorites');
;

-- ===== server/migrations/2_create_subscriptions.up.sql
CREATE TABLE IF NOT EXISTS subscriptions (
    subscription_id SERIAL PRIMARY KEY,
    user_id INTEGER NOT NULL,
    storage_in_mbs BIGINT NOT NULL,
    original_transaction_id TEXT NOT NULL,
    expiry_time BIGINT NOT NULL,
    created_at TIMESTAMP NOT NULL DEFAULT NOW(),

	CONSTRAINT fk_subscriptions_user_id 
		FOREIGN KEY(user_id) 
			REFERENCES users(user_id)
			ON DELETE CASCADE
);

CREATE TABLE IF NOT EXISTS subscription_logs (
    log_id SERIAL PRIMARY KEY,
    user_id INTEGER NOT NULL,
    payment_provider TEXT NOT NULL,
    notification JSONB NOT NULL,
    verification_response JSONB NOT NULL,
    created_at TIMESTAMP NOT NULL DEFAULT NOW(),

    CONSTRAINT fk_subscription_logs_user_id 
		FOREIGN KEY(user_id) 
			REFERENCES users(user_id)
			ON DELETE CASCADE
);

CREATE INDEX IF NOT EXISTS subscriptions_user_id_index ON subscriptions(user_id);
;

-- ===== server/migrations/3_add_encypted_collection_name.up.sql
ALTER TABLE collections
    ADD COLUMN encrypted_name TEXT,
    ADD COLUMN name_decryption_nonce TEXT,
    ALTER COLUMN name DROP NOT NULL;
;

-- ===== server/migrations/4_update_subscriptions_schema.up.sql
ALTER TABLE subscriptions
    ADD COLUMN product_id TEXT NOT NULL,
    ADD COLUMN payment_provider TEXT NOT NULL,
    ADD COLUMN latest_verification_data TEXT NOT NULL;

CREATE INDEX IF NOT EXISTS subscriptions_expiry_time_index ON subscriptions (expiry_time);
;

-- ===== server/migrations/5_rename_storage_in_mbs_to_storage.up.sql
ALTER TABLE subscriptions RENAME storage_in_mbs TO storage;
;

-- ===== server/migrations/6_create_usage.up.sql
CREATE TABLE IF NOT EXISTS usage(
    user_id INTEGER NOT NULL,
    storage_consumed BIGINT NOT NULL,

    CONSTRAINT fk_usage_user_id
        FOREIGN KEY(user_id)
            REFERENCES users(user_id)
            ON DELETE CASCADE
);

CREATE INDEX IF NOT EXISTS usage_user_id_index ON usage(user_id);

INSERT INTO usage(user_id,storage_consumed)
    SELECT user_id, COALESCE(total_file_size+total_thumbnail_size,0) FROM 
        users,
        LATERAL (
            SELECT SUM(size) AS total_thumbnail_size
            FROM thumbnail_object_keys
            LEFT JOIN files ON files.file_id = thumbnail_object_keys.file_id
            WHERE
                owner_id = users.user_id
        )  query_1,
        LATERAL (
            SELECT SUM(size) AS total_file_size
            FROM file_object_keys
            LEFT JOIN files ON files.file_id = file_object_keys.file_id
            WHERE
                owner_id = users.user_id 
        ) query_2
;

-- ===== server/migrations/7_add_unique_usage_user_id.up.sql
ALTER TABLE usage ADD CONSTRAINT usage_user_id_unique_constraint_index UNIQUE (user_id);
;

-- ===== server/migrations/8_update_otts_schema_link_with_email.up.sql
ALTER TABLE otts
    ADD COLUMN email TEXT;

UPDATE otts
    SET email = (SELECT email 
                 FROM users 
                 WHERE users.user_id=otts.user_id);

ALTER TABLE otts
    DROP COLUMN user_id,
    ALTER COLUMN email SET NOT NULL;
;

-- ===== server/migrations/9_create_datacenter.up.sql
CREATE TYPE s3region AS ENUM ('b2-eu-cen','scw-eu-fr');

ALTER TABLE thumbnail_object_keys
    ADD COLUMN datacenters s3region[] DEFAULT '{}';

UPDATE thumbnail_object_keys SET datacenters = '{b2-eu-cen}';

ALTER TABLE file_object_keys
    ADD COLUMN datacenters s3region[] DEFAULT '{}';

UPDATE file_object_keys SET datacenters = '{b2-eu-cen}';

CREATE TABLE IF NOT EXISTS task_lock (
    task_name TEXT PRIMARY KEY,
    lock_until BIGINT NOT NULL,
    locked_at BIGINT NOT NULL,
    locked_by TEXT NOT NULL
);

CREATE INDEX IF NOT EXISTS task_lock_locked_until ON task_lock(lock_until);

CREATE TABLE IF NOT EXISTS queue (
    queue_id SERIAL PRIMARY KEY,
    queue_name TEXT NOT NULL,
    item TEXT NOT NULL
);
;

-- ===== server/migrations/10_update_temp_object_keys.up.sql
ALTER TABLE temp_object_keys  
    RENAME TO temp_objects;

ALTER TABLE temp_objects
    ADD COLUMN is_multipart  BOOLEAN,
    ADD COLUMN upload_id TEXT;

UPDATE temp_objects SET is_multipart ='f';

ALTER TABLE temp_objects 
    ALTER COLUMN is_multipart SET NOT NULL,
    ALTER COLUMN is_multipart SET DEFAULT FALSE;
    
;

-- ===== server/migrations/11_remove_kek_hash_constraint.up.sql
ALTER TABLE key_attributes ALTER COLUMN kek_hash_bytes DROP NOT NULL;
;

-- ===== server/migrations/12_add_hash_limits.up.sql
ALTER TABLE key_attributes ADD COLUMN mem_limit INTEGER DEFAULT 67108864;

UPDATE key_attributes SET mem_limit = 67108864; -- crypto_pwhash_MEMLIMIT_INTERACTIVE

ALTER TABLE key_attributes ADD COLUMN ops_limit INTEGER DEFAULT 2;

UPDATE key_attributes SET ops_limit = 2;  -- crypto_pwhash_OPSLIMIT_INTERACTIVE
;

-- ===== server/migrations/13_add_recovery_key.up.sql
ALTER TABLE key_attributes 
    ADD COLUMN master_key_encrypted_with_recovery_key TEXT,
    ADD COLUMN master_key_decryption_nonce TEXT,
    ADD COLUMN recovery_key_encrypted_with_master_key TEXT,
    ADD COLUMN recovery_key_decryption_nonce TEXT;
;

-- ===== server/migrations/14_add_user_agent.up.sql
ALTER TABLE tokens
    ADD COLUMN ip TEXT,
    ADD COLUMN user_agent TEXT;
;

-- ===== server/migrations/15_update_subscriptions.up.sql
ALTER TABLE subscriptions
    ADD CONSTRAINT subscription_user_id_unique_constraint_index UNIQUE (user_id),
    ADD COLUMN attributes JSONB;

UPDATE subscriptions 
        SET attributes = 
            CAST('{"latest_verification_data":"' || latest_verification_data ||'"}'
            AS json);

ALTER TABLE subscriptions
    ALTER COLUMN attributes SET NOT NULL,
    ALTER COLUMN latest_verification_data DROP NOT NULL;
    
;

-- ===== server/migrations/16_remove_deleted_file_objects.up.sql
DELETE FROM file_object_keys
WHERE file_id NOT IN (
    SELECT DISTINCT file_id FROM collection_files 
    WHERE is_deleted=false
    );

DELETE FROM thumbnail_object_keys
WHERE file_id NOT IN (
    SELECT DISTINCT file_id FROM collection_files 
    WHERE is_deleted=false
);
;

-- ===== server/migrations/17_add_notification_history_table.up.sql
CREATE TABLE IF NOT EXISTS notification_history (
    user_id INTEGER NOT NULL,
    template_id TEXT NOT NULL,
    sent_time BIGINT NOT NULL,

	CONSTRAINT fk_notification_history_user_id 
		FOREIGN KEY(user_id) 
			REFERENCES users(user_id)
			ON DELETE CASCADE
);
;

-- ===== server/migrations/18_update_size_column.up.sql
ALTER TABLE file_object_keys 
    ALTER COLUMN size TYPE BIGINT;

ALTER TABLE thumbnail_object_keys 
    ALTER COLUMN size TYPE BIGINT;
;

-- ===== server/migrations/19_add_encrypted_email_columns.up.sql
ALTER TABLE users 
    ADD COLUMN encrypted_email BYTEA,
    ADD COLUMN email_decryption_nonce BYTEA,
    ADD COLUMN email_hash TEXT UNIQUE;

CREATE INDEX IF NOT EXISTS users_email_hash_index ON users(email_hash);

ALTER TABLE users ALTER COLUMN email DROP NOT NULL;

ALTER TABLE otts
    ADD COLUMN email_hash TEXT;

ALTER TABLE otts ALTER COLUMN email DROP NOT NULL;

CREATE INDEX IF NOT EXISTS otts_email_hash_index ON otts(email_hash);
;

-- ===== server/migrations/20_recompute_usage.up.sql
INSERT INTO usage(user_id,storage_consumed)
    SELECT user_id, COALESCE(total_file_size+total_thumbnail_size,0) as storage_consumed FROM 
        users,
        LATERAL (
            SELECT SUM(size) AS total_thumbnail_size
            FROM thumbnail_object_keys
            LEFT JOIN files ON files.file_id = thumbnail_object_keys.file_id
            WHERE
                owner_id = users.user_id
        )  query_1,
        LATERAL (
            SELECT SUM(size) AS total_file_size
            FROM file_object_keys
            LEFT JOIN files ON files.file_id = file_object_keys.file_id
            WHERE
                owner_id = users.user_id 
        ) query_2
    ON CONFLICT (user_id) 
    DO UPDATE SET storage_consumed =EXCLUDED.storage_consumed;
;

-- ===== server/migrations/21_add_two_factor.up.sql
ALTER TABLE users ADD COLUMN is_two_factor_enabled boolean;
    
UPDATE users SET is_two_factor_enabled = 'f';

ALTER TABLE users ALTER COLUMN is_two_factor_enabled SET NOT NULL;
ALTER TABLE users ALTER COLUMN is_two_factor_enabled SET DEFAULT FALSE;

CREATE TABLE IF NOT EXISTS two_factor(
    user_id INTEGER NOT NULL UNIQUE,
    two_factor_secret_hash TEXT UNIQUE,
    encrypted_two_factor_secret BYTEA,
    two_factor_secret_decryption_nonce BYTEA,
    recovery_encrypted_two_factor_secret TEXT,
    recovery_two_factor_secret_decryption_nonce TEXT,
    CONSTRAINT fk_two_factor_user_id 
		FOREIGN KEY(user_id) 
			REFERENCES users(user_id)
			ON DELETE CASCADE
);

CREATE TABLE IF NOT EXISTS temp_two_factor(
    user_id INTEGER NOT NULL,
    two_factor_secret_hash TEXT UNIQUE,
    encrypted_two_factor_secret BYTEA,
    two_factor_secret_decryption_nonce BYTEA,
    creation_time BIGINT NOT NULL,
    expiration_time BIGINT NOT NULL,
    CONSTRAINT fk_two_factor_user_id 
		FOREIGN KEY(user_id) 
			REFERENCES users(user_id)
			ON DELETE CASCADE
);

CREATE TABLE IF NOT EXISTS two_factor_sessions(
    user_id INTEGER NOT NULL,
    session_id TEXT UNIQUE NOT NULL,
    creation_time BIGINT NOT NULL,
    expiration_time BIGINT NOT NULL,
    CONSTRAINT fk_sessions_user_id 
		FOREIGN KEY(user_id) 
			REFERENCES users(user_id)
			ON DELETE CASCADE
);
;

-- ===== server/migrations/22_add_location_tag_table.up.sql
CREATE OR REPLACE FUNCTION now_utc_micro_seconds() RETURNS BIGINT AS
$$
SELECT CAST(extract(EPOCH from now() at time zone 'utc') * 1000000 as BIGINT) ;
$$ language sql;

-- We can reuse this func to create triggers in other tables.
CREATE OR REPLACE FUNCTION trigger_updated_at_microseconds_column()
    RETURNS TRIGGER AS
$$
BEGIN
    NEW.updated_at = now_utc_micro_seconds();
    RETURN NEW;
END;
$$ language 'plpgsql';

CREATE TABLE IF NOT EXISTS location_tag
(
    id                   uuid PRIMARY KEY NOT NULL,
    user_id              INTEGER          NOT NULL,
    provider             TEXT             NOT NULL DEFAULT 'USER',
    is_deleted           BOOLEAN          NOT NULL DEFAULT FALSE,
    created_at           bigint           NOT NULL DEFAULT now_utc_micro_seconds(),
    updated_at           bigint           NOT NULL DEFAULT now_utc_micro_seconds(),
    encrypted_key        TEXT             NOT NULL,
    key_decryption_nonce TEXT             NOT NULL,
    attributes           JSONB            NOT NULL,
    CONSTRAINT fk_location_tag_user_id
        FOREIGN KEY (user_id)
            REFERENCES users (user_id)
            ON DELETE CASCADE
);

CREATE TRIGGER update_location_tag_updated_at
    BEFORE UPDATE
    ON location_tag
    FOR EACH ROW
EXECUTE PROCEDURE
    trigger_updated_at_microseconds_column();
;

-- ===== server/migrations/23_update_mem_limit_column.up.sql
ALTER TABLE key_attributes
    ALTER COLUMN mem_limit TYPE BIGINT;
;

-- ===== server/migrations/24_bump_ids.up.sql
ALTER SEQUENCE files_file_id_seq RESTART WITH 10000000;
ALTER SEQUENCE collections_collection_id_seq RESTART WITH 10000000;
ALTER SEQUENCE users_user_id_seq RESTART WITH 10000000;
;

-- ===== server/migrations/25_alter_ids_to_bigint.up.sql
ALTER TABLE collection_files ALTER COLUMN collection_id TYPE BIGINT;

ALTER TABLE collection_shares ALTER COLUMN collection_id TYPE BIGINT;
ALTER TABLE collection_shares ALTER COLUMN from_user_id TYPE BIGINT;
ALTER TABLE collection_shares ALTER COLUMN to_user_id TYPE BIGINT;

ALTER TABLE collections ALTER COLUMN collection_id TYPE BIGINT;
ALTER TABLE collections ALTER COLUMN owner_id TYPE BIGINT;

ALTER TABLE files ALTER COLUMN owner_id TYPE BIGINT;

ALTER TABLE key_attributes ALTER COLUMN user_id TYPE BIGINT;

ALTER TABLE location_tag ALTER COLUMN user_id TYPE BIGINT;

ALTER TABLE notification_history ALTER COLUMN user_id TYPE BIGINT;

ALTER TABLE subscription_logs ALTER COLUMN user_id TYPE BIGINT;

ALTER TABLE subscriptions ALTER COLUMN user_id TYPE BIGINT;

ALTER TABLE temp_two_factor ALTER COLUMN user_id TYPE BIGINT;

ALTER TABLE tokens ALTER COLUMN user_id TYPE BIGINT;

ALTER TABLE two_factor ALTER COLUMN user_id TYPE BIGINT;

ALTER TABLE two_factor_sessions ALTER COLUMN user_id TYPE BIGINT;

ALTER TABLE usage ALTER COLUMN user_id TYPE BIGINT;

ALTER TABLE users ALTER COLUMN user_id TYPE BIGINT;

BEGIN;
ALTER TABLE collections ALTER collection_id DROP DEFAULT;
DROP SEQUENCE collections_collection_id_seq;
ALTER TABLE collections
    ALTER collection_id ADD GENERATED ALWAYS AS IDENTITY (RESTART 1580559962386438);
COMMIT;

BEGIN;
ALTER TABLE users ALTER user_id DROP DEFAULT;
DROP SEQUENCE users_user_id_seq;
ALTER TABLE users
    ALTER user_id ADD GENERATED ALWAYS AS IDENTITY (RESTART 1580559962386438);
COMMIT;
;

-- ===== server/migrations/26_update_ott_and_twofactor.up.sql
ALTER TABLE otts
    ADD COLUMN wrong_attempt INTEGER DEFAULT 0;

ALTER TABLE two_factor_sessions
    ADD COLUMN wrong_attempt INTEGER DEFAULT 0;

BEGIN;
UPDATE otts set wrong_attempt = 0 where wrong_attempt is null;

ALTER TABLE otts
    ALTER COLUMN wrong_attempt SET NOT NULL;
COMMIT;

BEGIN;
UPDATE two_factor_sessions set wrong_attempt = 0 where wrong_attempt is null;

ALTER TABLE two_factor_sessions
    ALTER COLUMN wrong_attempt SET NOT NULL;
COMMIT;
;

-- ===== server/migrations/27_consolidate_files_table.up.sql
CREATE TYPE OBJECT_TYPE as ENUM ('file', 'thumbnail');

CREATE TABLE IF NOT EXISTS object_keys
(
    file_id     BIGINT      NOT NULL,
    o_type      OBJECT_TYPE NOT NULL,
    object_key  TEXT UNIQUE NOT NULL,
    size        bigint     NOT NULL,
    datacenters s3region[]  NOT NULL,
    is_deleted   bool   DEFAULT false,
    created_at  bigint DEFAULT now_utc_micro_seconds(),
    updated_at  bigint DEFAULT now_utc_micro_seconds(),
    PRIMARY KEY (file_id, o_type),
    CONSTRAINT fk_object_keys_file_id
        FOREIGN KEY (file_id)
            REFERENCES files (file_id)
            ON DELETE CASCADE
);

CREATE TRIGGER update_object_keys_updated_at
    BEFORE UPDATE
    ON object_keys
    FOR EACH ROW
EXECUTE PROCEDURE
    trigger_updated_at_microseconds_column();

-- copy data from existing tables to this new table.
BEGIN;
INSERT INTO object_keys(file_id, o_type, object_key, size, datacenters)
SELECT file_id, 'file', object_key,size, datacenters FROM file_object_keys;

INSERT INTO object_keys(file_id, o_type, object_key, size, datacenters)
SELECT file_id, 'thumbnail', object_key,size, datacenters FROM thumbnail_object_keys;
COMMIT;
;

-- ===== server/migrations/28_queue_time_stamp.up.sql
ALTER TABLE queue
    ADD COLUMN created_at bigint DEFAULT now_utc_micro_seconds(),
    ADD COLUMN updated_at bigint DEFAULT now_utc_micro_seconds(),
    ADD COLUMN is_deleted bool   DEFAULT false;

CREATE UNIQUE INDEX IF NOT EXISTS name_and_item_unique_index ON queue (queue_name, item);
CREATE INDEX IF NOT EXISTS q_name_create_and_is_deleted_index on queue (queue_name, created_at, is_deleted);

CREATE TRIGGER update_queue_updated_at
    BEFORE UPDATE
    ON queue
    FOR EACH ROW
EXECUTE PROCEDURE
    trigger_updated_at_microseconds_column();
;

-- ===== server/migrations/29_drop_unencrypted_email.up.sql
ALTER TABLE users
    DROP COLUMN email;
;

-- ===== server/migrations/30_add_magic_metadata.up.sql
ALTER TABLE files
    ADD COLUMN magic_metadata JSONB;
;

-- ===== server/migrations/31_add_pub_magic_metadata.up.sql
ALTER TABLE files
    ADD COLUMN pub_magic_metadata JSONB;
;

-- ===== server/migrations/32_add_trash_table.up.sql
CREATE TABLE IF NOT EXISTS trash
(
    file_id       BIGINT NOT NULL,
    user_id       BIGINT NOT NULL,
    collection_id BIGINT NOT NULL,
    --  is_deleted true indicates file has been deleted and cannot be restored.
    is_deleted    bool   NOT NULL DEFAULT false,
    --  true indicates file was moved to trash but user restored it before deletion.
    is_restored   bool   NOT NULL default false,
    created_at    bigint NOT NULL DEFAULT now_utc_micro_seconds(),
    updated_at    bigint NOT NULL DEFAULT now_utc_micro_seconds(),
    delete_by     bigint NOT NULL,
    PRIMARY KEY (file_id),
    CONSTRAINT fk_trash_keys_collection_files
        FOREIGN KEY (file_id, collection_id)
            REFERENCES collection_files (file_id, collection_id)
            ON DELETE NO ACTION
);

CREATE INDEX IF NOT EXISTS trash_updated_at_time_index ON trash (updated_at);

ALTER TABLE trash
    ADD CONSTRAINT trash_state_constraint CHECK (is_deleted is FALSE or is_restored is FALSE);

CREATE TRIGGER update_trash_updated_at
    BEFORE UPDATE
    ON trash
    FOR EACH ROW
EXECUTE PROCEDURE
    trigger_updated_at_microseconds_column();
;

-- ===== server/migrations/33_change_update_at_column_trigger.up.sql
-- Replace existing trigger to honor new value of update_at if it's greater than old updated_at
-- The equals check handles the case where the application is only modifying certain property of a row (not updateAt) like file restored or deleted flag. In such cases, the old row's and new row's timestamp will be same, so we are incrementing it.

-- The greater than case handles the case where if application is setting updateAt timestamp lower than currentTimestamp. Ideally, the version should always increase otherwise the diff on client will fail.

create or replace function trigger_updated_at_microseconds_column() returns trigger
    language plpgsql
as
$$
BEGIN
    IF OLD.updated_at >= NEW.updated_at THEN
        NEW.updated_at = now_utc_micro_seconds();
    END IF;
    RETURN NEW;
END;
$$;
;

-- ===== server/migrations/34_trash_delete_by_idx.up.sql
CREATE INDEX trash_delete_by_idx ON trash (delete_by)
    WHERE (trash.is_deleted is FALSE AND trash.is_restored is FALSE);
;

-- ===== server/migrations/35_add_push_tokens_table.up.sql
CREATE TABLE IF NOT EXISTS push_tokens
(
    user_id          BIGINT NOT NULL,
    fcm_token        TEXT   NOT NULL,
    apns_token       TEXT,
    created_at       bigint NOT NULL DEFAULT now_utc_micro_seconds(),
    updated_at       bigint NOT NULL DEFAULT now_utc_micro_seconds(),
    last_notified_at bigint NOT NULL DEFAULT now_utc_micro_seconds(),
    PRIMARY KEY (fcm_token),
    CONSTRAINT fk_push_tokens_user_id
        FOREIGN KEY (user_id)
            REFERENCES users (user_id)
            ON DELETE CASCADE
);

CREATE INDEX IF NOT EXISTS push_tokens_last_notified_at_index ON push_tokens (last_notified_at);

CREATE TRIGGER update_push_tokens_updated_at
    BEFORE UPDATE
    ON push_tokens
    FOR EACH ROW
EXECUTE PROCEDURE
    trigger_updated_at_microseconds_column();
;

-- ===== server/migrations/36_update_key_attr_and_tokens.up.sql
BEGIN;
ALTER TABLE key_attributes
    ADD COLUMN IF NOT EXISTS created_at bigint DEFAULT now_utc_micro_seconds();
UPDATE key_attributes k
SET created_at = u.creation_time
FROM users u
where k.user_id = u.user_id;

ALTER TABLE key_attributes
    ALTER COLUMN created_at SET NOT NULL;
COMMIT;

BEGIN;
ALTER table tokens
    ADD COLUMN IF NOT EXISTS is_deleted   bool   DEFAULT FALSE,
    ADD COLUMN IF NOT EXISTS last_used_at bigint DEFAULT now_utc_micro_seconds();

UPDATE tokens
SET last_used_at = creation_time,
    is_deleted   = FALSE;

ALTER TABLE tokens
    ALTER COLUMN is_deleted SET NOT NULL,
    ALTER COLUMN last_used_at SET NOT NULL;
COMMIT;
;

-- ===== server/migrations/37_public_collection.up.sql
CREATE TABLE IF NOT EXISTS public_collection_tokens
(
    id            bigint primary key generated always as identity,
    collection_id BIGINT NOT NULL,
    access_token  TEXT   NOT NULL,
    is_disabled   bool   not null DEFAULT FALSE,
    --     0 value for valid_till indicates that the link never expires.
    valid_till    bigint not null DEFAULT 0,
    -- 0 device limit indicates no limit
    device_limit  int    not null DEFAULT 0,
    created_at    bigint NOT NULL DEFAULT now_utc_micro_seconds(),
    updated_at    bigint NOT NULL DEFAULT now_utc_micro_seconds(),
    CONSTRAINT fk_public_tokens_collection_id
        FOREIGN KEY (collection_id)
            REFERENCES collections (collection_id)
            ON DELETE CASCADE
);

CREATE UNIQUE INDEX IF NOT EXISTS public_active_collection_unique_idx ON public_collection_tokens (collection_id, is_disabled) WHERE is_disabled = FALSE;
CREATE UNIQUE INDEX IF NOT EXISTS public_access_tokens_unique_idx ON public_collection_tokens (access_token);

CREATE TABLE IF NOT EXISTS public_collection_access_history
(
    share_id   bigint,
    ip         text   not null,
    user_agent text   not null,
    created_at bigint NOT NULL DEFAULT now_utc_micro_seconds(),
    CONSTRAINT unique_access_sid_ip_ua UNIQUE (share_id, ip, user_agent),
    CONSTRAINT fk_public_history_token_id
        FOREIGN KEY (share_id)
            REFERENCES public_collection_tokens (id)
            ON DELETE CASCADE
);

CREATE INDEX IF NOT EXISTS public_access_share_id_idx ON public_collection_access_history (share_id);

CREATE TABLE IF NOT EXISTS public_abuse_report
(
    share_id   bigint,
    ip         text           not null,
    user_agent text           not null,
    url        text           not null,
    reason     text           not null,
    u_comment  varchar(10000) not null DEFAULT '',
    created_at bigint         NOT NULL DEFAULT now_utc_micro_seconds(),
    CONSTRAINT unique_report_sid_ip_ua UNIQUE (share_id, ip, user_agent),
    CONSTRAINT fk_public_abuse_report_token_id
        FOREIGN KEY (share_id)
            REFERENCES public_collection_tokens (id)
            ON DELETE CASCADE
);

CREATE INDEX IF NOT EXISTS public_abuse_share_id_idx ON public_abuse_report (share_id);

CREATE TRIGGER update_public_collection_tokens_updated_at
    BEFORE UPDATE
    ON public_collection_tokens
    FOR EACH ROW
EXECUTE PROCEDURE
    trigger_updated_at_microseconds_column();

CREATE OR REPLACE FUNCTION fn_update_collections_updation_time_using_update_at() RETURNS TRIGGER AS $$
BEGIN
    --
    IF  (TG_OP = 'UPDATE' OR TG_OP = 'INSERT') THEN
        UPDATE collections SET updation_time = NEW.updated_at where collection_id = new.collection_id and
                updation_time < New.updated_at;
        RETURN NEW;
    END IF;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER trigger_collection_updation_time_on_collection_tokens_updated
    AFTER INSERT OR UPDATE
    ON public_collection_tokens
    FOR EACH ROW
EXECUTE PROCEDURE
    fn_update_collections_updation_time_using_update_at();
;

-- ===== server/migrations/38_add_abuse_report_detail_json.up.sql
ALTER TABLE public_abuse_report
    ADD COLUMN details JSONB,
    DROP COLUMN u_comment;
;

-- ===== server/migrations/39_drop_file_and_thumbnail_object_keys.up.sql
DROP TABLE IF EXISTS  file_object_keys;

DROP TABLE IF EXISTS  thumbnail_object_keys;
;

-- ===== server/migrations/40_advance_url_settings.up.sql
BEGIN;
ALTER table public_collection_tokens
    ADD COLUMN IF NOT EXISTS pw_hash         TEXT,
    ADD COLUMN IF NOT EXISTS pw_nonce        TEXT,
    ADD COLUMN IF NOT EXISTS mem_limit       BIGINT,
    ADD COLUMN IF NOT EXISTS ops_limit       BIGINT,
    ADD COLUMN IF NOT EXISTS enable_download bool DEFAULT TRUE,
    ADD COLUMN IF NOT EXISTS enable_comment  bool DEFAULT FALSE;

UPDATE public_collection_tokens
SET enable_download = TRUE,
    enable_comment  = FALSE;

ALTER TABLE public_collection_tokens
    ALTER COLUMN enable_download SET NOT NULL,
    ALTER COLUMN enable_comment SET NOT NULL;

ALTER TABLE public_collection_tokens
    ADD CONSTRAINT pct_pw_state_constraint CHECK ( (pw_hash is NULL and pw_nonce is NULL) or
                                                   (pw_hash is NOT NULL and pw_nonce is NOT NULL));
COMMIT;
;

-- ===== server/migrations/41_add_file_info.up.sql
ALTER TABLE files
    ADD COLUMN info  JSONB;
;

-- ===== server/migrations/42_collection_add_magic_metadata.up.sql
ALTER TABLE collections
    ADD COLUMN magic_metadata JSONB;
;

-- ===== server/migrations/43_family_plan.up.sql
ALTER TABLE users
    ADD COLUMN family_admin_id BIGINT;

CREATE TABLE IF NOT EXISTS families
(
    id         uuid PRIMARY KEY NOT NULL,
    admin_id   BIGINT           NOT NULL,
    member_id  BIGINT           NOT NULL,
--  status indicates the member status
-- SELF/CLOSED are the state of the admin member when they create a family group or close it.

    status     TEXT             NOT NULL CHECK (status IN
                                                ('SELF', 'CLOSED', 'INVITED', 'ACCEPTED', 'DECLINED', 'REVOKED', 'REMOVED',
                                                 'LEFT')),
    token      TEXT             UNIQUE,
    percentage INTEGER          NOT NULL DEFAULT -1,
    created_at bigint           NOT NULL DEFAULT now_utc_micro_seconds(),
    updated_at bigint           NOT NULL DEFAULT now_utc_micro_seconds(),
    CONSTRAINT fk_family_admin_id
        FOREIGN KEY (admin_id)
            REFERENCES users (user_id)
            ON DELETE CASCADE
);

CREATE INDEX IF NOT EXISTS fk_families_admin_id ON families (admin_id);

--  check to ensure that the member is not part of or is admin of another family group
CREATE UNIQUE INDEX uidx_one_family_check on families (member_id, status) where status in ('ACCEPTED', 'SELF');

-- index to ensure that there's only one entry for admin and member.
CREATE UNIQUE INDEX uidx_families_member_mapping on families (admin_id, member_id);

ALTER TABLE families
    ADD CONSTRAINT families_member_state_constraint CHECK (
        (admin_id != member_id and status not in ('SELF','CLOSED') or (admin_id = member_id and status in ('SELF', 'CLOSED'))));


CREATE TRIGGER update_families_updated_at
    BEFORE UPDATE
    ON families
    FOR EACH ROW
EXECUTE PROCEDURE
    trigger_updated_at_microseconds_column();
;

-- ===== server/migrations/44_trash_add_index.up.sql
CREATE INDEX IF NOT EXISTS trash_user_id_and_updated_at_index ON trash (user_id, updated_at);
;

-- ===== server/migrations/45_collection_files_file_id_idx.up.sql
CREATE INDEX CONCURRENTLY IF NOT EXISTS collection_files_file_id_index ON collection_files (file_id);
;

-- ===== server/migrations/46_replication_v2.up.sql
ALTER TYPE s3region ADD VALUE 'scw-eu-fr-locked';
;

-- ===== server/migrations/47_wasabi_integration.up.sql
ALTER TYPE s3region ADD VALUE 'wasabi-eu-central-2';
;

-- ===== server/migrations/48_add_stripe_account.up.sql
UPDATE
    subscriptions
SET
    attributes = jsonb_set(
        attributes,
        '{stripeAccountCountry}',
        '"IN"'
    )
WHERE
    payment_provider = 'stripe';
;

-- ===== server/migrations/49_add_unique_idx_txn_id.up.sql
CREATE UNIQUE INDEX IF NOT EXISTS sub_original_txn_id_index 
ON subscriptions (original_transaction_id) 
WHERE original_transaction_id is not null and original_transaction_id != 'none';
;

-- ===== server/migrations/50_remote_store.up.sql
CREATE TABLE IF NOT EXISTS remote_store
(
    user_id    BIGINT         NOT NULL,
    key_name   TEXT           NOT NULL,
    key_value  TEXT           NOT NULL,
    created_at bigint         NOT NULL DEFAULT now_utc_micro_seconds(),
    updated_at bigint         NOT NULL DEFAULT now_utc_micro_seconds(),
    PRIMARY KEY (user_id, key_name),
    CONSTRAINT fk_remote_store_user_id
        FOREIGN KEY (user_id)
            REFERENCES users (user_id)
            ON DELETE CASCADE
);


CREATE TRIGGER update_remote_store_updated_at
    BEFORE UPDATE
    ON remote_store
    FOR EACH ROW
EXECUTE PROCEDURE
    trigger_updated_at_microseconds_column();
;

-- ===== server/migrations/51_th_time_human.up.sql
create or replace function th(epochTimeinMircoSeconds bigint)
returns TIMESTAMP WITH TIME ZONE
language plpgsql
as
$$
begin
   return to_timestamp(cast(epochTimeinMircoSeconds/1000000 as bigint));
end;
$$;
;

-- ===== server/migrations/52_authenticator.up.sql

 CREATE TABLE IF NOT EXISTS authenticator_key (
    user_id       BIGINT  PRIMARY KEY  NOT NULL,
    encrypted_key TEXT NOT NULL,
    header        TEXT NOT NULL,
    created_at    BIGINT NOT NULL DEFAULT now_utc_micro_seconds(),
    updated_at    BIGINT NOT NULL DEFAULT now_utc_micro_seconds(),
    CONSTRAINT fk_authenticator_key_user_id FOREIGN KEY (user_id) REFERENCES users (
         user_id) ON DELETE CASCADE
 );


 CREATE TABLE IF NOT EXISTS authenticator_entity
 (
     id                 uuid PRIMARY KEY NOT NULL,
     user_id            BIGINT NOT NULL,
     encrypted_data     TEXT,
     header             TEXT,
     created_at         BIGINT NOT NULL DEFAULT now_utc_micro_seconds(),
     updated_at         BIGINT NOT NULL DEFAULT now_utc_micro_seconds(),
	 is_deleted         BOOLEAN DEFAULT FALSE,
     CONSTRAINT fk_authenticator_key_user_id FOREIGN KEY (user_id) REFERENCES authenticator_key (
     user_id) ON DELETE CASCADE
 );

CREATE INDEX IF NOT EXISTS authenticator_entity_updated_at_time_index ON authenticator_entity (user_id, updated_at);

ALTER TABLE authenticator_entity
    ADD CONSTRAINT authenticator_entity_state_constraint CHECK ((is_deleted is TRUE AND encrypted_data IS NULL) or (is_deleted is FALSE AND encrypted_data IS NOT NULL));

CREATE TRIGGER update_authenticator_entity_updated_at
    BEFORE UPDATE
    ON authenticator_entity
    FOR EACH ROW
EXECUTE PROCEDURE
    trigger_updated_at_microseconds_column();


-- This function updates the authenticator_key updated_at if the relevant authenticator entry is changed
CREATE OR REPLACE FUNCTION fn_update_authenticator_key_updated_at_via_updated_at() RETURNS TRIGGER AS $$
BEGIN
    --
    IF  (TG_OP = 'UPDATE' OR TG_OP = 'INSERT') THEN
        UPDATE authenticator_key SET updated_at = NEW.updated_at where user_id = new.user_id and
                updated_at < New.updated_at;
        RETURN NEW;
    END IF;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER trigger_authenticator_key_updated_time_on_authenticator_entity_updation
    AFTER INSERT OR UPDATE
    ON authenticator_entity
    FOR EACH ROW
EXECUTE PROCEDURE
    fn_update_authenticator_key_updated_at_via_updated_at();
;

-- ===== server/migrations/53_add_apps.up.sql
CREATE TYPE app AS ENUM ('photos','auth');

ALTER TABLE tokens ADD COLUMN app app NOT NULL DEFAULT 'photos';

ALTER TABLE otts ADD COLUMN app app NOT NULL DEFAULT 'photos';
;

-- ===== server/migrations/54_update_public_tokens.up.sql
ALTER TABLE public_collection_tokens ADD COLUMN enable_collect bool NOT NULL DEFAULT FALSE;
;

-- ===== server/migrations/55_extend_subs.up.sql
update subscriptions
	set expiry_time = 1704067200000000 -- 01.01.2024
		where 
			product_id = 'free' and 
            storage = 1073741824 and -- ignore those whose plans we upgraded manually
			expiry_time < 1672531200000000; -- 01.01.2023
;

-- ===== server/migrations/56_add_uncategorized_type_constraint.up.sql
-- Migration script for collections with bad type due to bug on mobile client & missing validation on server
update collections set type='album' where type='CollectionType.album';
CREATE UNIQUE INDEX IF NOT EXISTS collections_uncategorized_constraint_index ON collections (owner_id) WHERE (type = 'uncategorized');
;

-- ===== server/migrations/57_object_copies.up.sql
CREATE TABLE IF NOT EXISTS object_copies (
    object_key   TEXT PRIMARY KEY,
    b2           BIGINT,
    want_b2      BOOLEAN,
    wasabi       BIGINT,
    want_wasabi  BOOLEAN,
    scw          BIGINT,
    want_scw     BOOLEAN,
    last_attempt BIGINT NOT NULL DEFAULT 0,
    CONSTRAINT fk_object_copies_object_key FOREIGN KEY (object_key)
        REFERENCES object_keys (object_key) ON DELETE CASCADE
);

CREATE INDEX IF NOT EXISTS object_copies_wasabi_null_index
ON object_copies (wasabi) WHERE wasabi IS NULL AND want_wasabi = true;

CREATE INDEX IF NOT EXISTS object_copies_scw_null_index
ON object_copies (scw) WHERE scw IS NULL AND want_scw = true;

-- object_copies serves a queue for which all objects still need to be
-- replicated. However, the canonical source of truth for an object is still
-- maintained in the original object_keys table.
--
-- Add types for the new dcs that are introduced as part of replication v3.
ALTER TYPE s3region ADD VALUE 'wasabi-eu-central-2-v3';
ALTER TYPE s3region ADD VALUE 'scw-eu-fr-v3';
;

-- ===== server/migrations/58_update_ott_unique_constraint.up.sql
ALTER TABLE
    otts DROP CONSTRAINT otts_ott_key;

ALTER TABLE
    otts
ADD
    CONSTRAINT unique_otts_emailhash_ott UNIQUE (ott, email_hash);
    
;

-- ===== server/migrations/59_delete_data.up.sql
CREATE TYPE stage_enum AS ENUM ('scheduled', 'collection', 'trash', 'storage', 'completed');

CREATE TABLE IF NOT EXISTS data_cleanup
(
    user_id             BIGINT PRIMARY KEY,
    stage               stage_enum NOT NULL DEFAULT 'scheduled',
    stage_schedule_time BIGINT     NOT NULL DEFAULT now_utc_micro_seconds() + (7 * 24::BIGINT * 60 * 60 * 1000 * 1000),
    stage_attempt_count int        NOT NULL DEFAULT 0,
    status              TEXT       NOT NULL DEFAULT '',
    created_at          bigint     NOT NULL DEFAULT now_utc_micro_seconds(),
    updated_at          bigint     NOT NULL DEFAULT now_utc_micro_seconds()
);

insert into data_cleanup(user_id, stage_schedule_time) (select u.user_id,
                                                          GREATEST(max(t.last_used_at) +
                                                                (7::BIGINT * 24 * 60 * 60 * 1000 * 1000),
                                                                now_utc_micro_seconds())
                                                   from users u
                                                            left join tokens t
                                                                      on t.user_id = u.user_id
                                                   where u.encrypted_email is NULL
                                                     and u.email_hash like '%deleted%'
                                                   group by u.user_id);
;

-- ===== server/migrations/60_add_columns_cf.up.sql
ALTER TABLE collection_files
    ADD COLUMN IF NOT EXISTS c_owner_id bigint,
    ADD COLUMN IF NOT EXISTS f_owner_id bigint,
    ADD COLUMN IF NOT EXISTS created_at bigint;
-- set default after adding a colum otherwise for all existing rows we will end up setting wrong created_at time
ALTER TABLE collection_files
    ALTER created_at SET DEFAULT now_utc_micro_seconds();

CREATE TYPE role_enum AS ENUM ('VIEWER', 'COLLABORATOR', 'OWNER');

ALTER TABLE collection_shares
    ADD COLUMN IF NOT EXISTS role_type role_enum DEFAULT 'VIEWER';
;

-- ===== server/migrations/61_storage_bonus.up.sql
CREATE TABLE IF NOT EXISTS referral_codes
(
    code       VARCHAR(255) NOT NULL,
    user_id    BIGINT       NOT NULL,
    is_active  BOOLEAN      NOT NULL DEFAULT TRUE,
    created_at bigint       NOT NULL DEFAULT now_utc_micro_seconds(),
    PRIMARY KEY (code)
);
--- Ensure that only one active referral code is allowed per user
CREATE UNIQUE INDEX ON referral_codes (user_id, is_active) WHERE (referral_codes.is_active = TRUE);

CREATE TABLE IF NOT EXISTS referral_tracking
(
    invitor_id           bigint NOT NULL,
    invitee_id           bigint NOT NULL,
    plan_type            text   NOT NULL check ( plan_type in ('10_GB_ON_UPGRADE')),
    invitee_on_paid_plan bool            default false,
    created_at           bigint NOT NULL DEFAULT now_utc_micro_seconds()
);
--- Add unique index on invitor_id and invitee_id column in referral_tracking table to ensure only
-- one entry per invitee is allowed
CREATE UNIQUE INDEX IF NOT EXISTS referral_tracking_invitee_id_idx ON referral_tracking (invitee_id);


CREATE TABLE IF NOT EXISTS storage_bonus
(
    --- bonus_id is a unique identifier for each storage bonus. It is generated by the application layer.
    --- The format of the bonus_id will depend on the type of bonus.
    --- For example, if the type is 'REFERRAL', the bonus_id can be (REFERRAL-inviteeId). This will ensure that there's
    --  only one bonus for a given invitee. Similarly for other types, the application layer decide bonus_id format.\
    bonus_id    text primary key NOT NULL,
    type          text    NOT NULL CHECK (type IN
                                          ('REFERRAL', 'SIGN_UP', 'ANNIVERSARY')),
    user_id       bigint  NOT NULL,
    storage       bigint  NOT NULL,
    valid_till    bigint  NOT NULL DEFAULT 0,
    revoke_reason text,
    is_revoked    boolean NOT NULL DEFAULT FALSE,
    created_at    bigint  NOT NULL DEFAULT now_utc_micro_seconds(),
    updated_at    bigint  NOT NULL DEFAULT now_utc_micro_seconds()
);

CREATE INDEX IF NOT EXISTS storage_bonus_user_id_idx ON storage_bonus (user_id);
;

-- ===== server/migrations/62_entity_store.up.sql
CREATE TABLE IF NOT EXISTS entity_key
(
    user_id       BIGINT             NOT NULL,
    type          TEXT               NOT NULL,
    encrypted_key TEXT               NOT NULL,
    header        TEXT               NOT NULL,
    created_at    BIGINT             NOT NULL DEFAULT now_utc_micro_seconds(),
    updated_at    BIGINT             NOT NULL DEFAULT now_utc_micro_seconds(),
    PRIMARY KEY (user_id, type),
    CONSTRAINT fk_entity_key_user_id FOREIGN KEY (user_id) REFERENCES users (
                                                                             user_id) ON DELETE CASCADE
);


CREATE TABLE IF NOT EXISTS entity_data
(
    id             uuid PRIMARY KEY NOT NULL,
    user_id        BIGINT           NOT NULL,
    type           TEXT             NOT NULL,
    encrypted_data TEXT,
    header         TEXT,
    created_at     BIGINT           NOT NULL DEFAULT now_utc_micro_seconds(),
    updated_at     BIGINT           NOT NULL DEFAULT now_utc_micro_seconds(),
    is_deleted     BOOLEAN                   DEFAULT FALSE,
    CONSTRAINT fk_entity_key_user_id_and_type FOREIGN KEY (user_id, type) REFERENCES entity_key (user_id, type) ON DELETE CASCADE
);

CREATE INDEX IF NOT EXISTS entity_data_updated_at_time_index ON entity_data (user_id, updated_at);

ALTER TABLE entity_data
    ADD CONSTRAINT entity_data_state_constraint CHECK ((is_deleted is TRUE AND encrypted_data IS NULL) or
                                                       (is_deleted is FALSE AND encrypted_data IS NOT NULL));

CREATE TRIGGER update_entity_data_updated_at
    BEFORE UPDATE
    ON entity_data
    FOR EACH ROW
EXECUTE PROCEDURE
    trigger_updated_at_microseconds_column();


-- This function updates the entity_key updated_at if the relevant entity_data is changed
CREATE OR REPLACE FUNCTION fn_update_entity_key_updated_at_via_updated_at() RETURNS TRIGGER AS
$$
BEGIN
    --
    IF (TG_OP = 'UPDATE' OR TG_OP = 'INSERT') THEN
        UPDATE entity_key
        SET updated_at = NEW.updated_at
        where user_id = new.user_id
          and type = new.type
          and updated_at < New.updated_at;
        RETURN NEW;
    END IF;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER trigger_entity_key_on_entity_data_updation
    AFTER INSERT OR UPDATE
    ON entity_data
    FOR EACH ROW
EXECUTE PROCEDURE
    fn_update_entity_key_updated_at_via_updated_at();
;

-- ===== server/migrations/63_add_kex_store.up.sql
CREATE TABLE IF NOT EXISTS kex_store (
    id TEXT UNIQUE PRIMARY KEY NOT NULL,
    user_id BIGINT NOT NULL,
    wrapped_key TEXT NOT NULL,
    added_at BIGINT NOT NULL,
    CONSTRAINT fk_kex_store_user_id FOREIGN KEY(user_id) REFERENCES users(user_id) ON DELETE CASCADE
);
;

-- ===== server/migrations/64_collection_pub_magic_metadata.up.sql
ALTER TABLE collections
    ADD COLUMN pub_magic_metadata JSONB;
;

-- ===== server/migrations/65_shared_collection_magic_metadata.up.sql
ALTER TABLE collection_shares
    ADD COLUMN magic_metadata JSONB;
;

-- ===== server/migrations/66_add_srp_attributes.up.sql
-- This temporary table is used to store the SRP salt and verifier during
-- the SRP registration process or when the user changes their password.
-- Once the user has verified their email address, the salt and verifier
-- are copied to the srp_auth table.
CREATE TABLE IF NOT EXISTS srp_auth (
    user_id BIGINT PRIMARY KEY  NOT NULL,
    srp_user_id uuid NOT NULL UNIQUE,
    salt TEXT NOT NULL,
    verifier TEXT NOT NULL,
    created_at BIGINT NOT NULL DEFAULT now_utc_micro_seconds(),
    updated_at BIGINT NOT NULL DEFAULT now_utc_micro_seconds(),
    CONSTRAINT fk_srp_auth_user_id
        FOREIGN KEY (user_id)
            REFERENCES users (user_id)
            ON DELETE CASCADE
);

CREATE TABLE IF NOT EXISTS temp_srp_setup (
    id uuid PRIMARY KEY  NOT NULL,
    session_id uuid NOT NULL,
    srp_user_id uuid NOT NULL,
    user_id BIGINT NOT NULL,
    salt TEXT NOT NULL,
    verifier TEXT NOT NULL,
    created_at BIGINT NOT NULL DEFAULT now_utc_micro_seconds(),
    CONSTRAINT fk_temp_srp_setup_user_id
        FOREIGN KEY (user_id)
            REFERENCES users (user_id)
            ON DELETE CASCADE
);

CREATE TABLE IF NOT EXISTS srp_sessions (
    id uuid PRIMARY KEY NOT NULL,
    srp_user_id uuid NOT NULL,
    server_key TEXT NOT NULL,
    srp_a TEXT NOT NULL,
    has_verified BOOLEAN NOT NULL DEFAULT false,
    attempt_count INT NOT NULL DEFAULT 0,
    created_at bigint NOT NULL DEFAULT now_utc_micro_seconds(),
    updated_at BIGINT NOT NULL DEFAULT now_utc_micro_seconds()
);
;

-- ===== server/migrations/67_add_email_mfa_column.up.sql
--- Add email_mfa bool column to users table with default value same as is_two_factor_enabled
--- Alter the column to not null after back-filling data

ALTER TABLE users
    ADD COLUMN IF NOT EXISTS email_mfa boolean DEFAULT false;
UPDATE users
SET email_mfa = NOT is_two_factor_enabled;
ALTER TABLE users
    ALTER COLUMN email_mfa SET NOT NULL;
;

-- ===== server/migrations/68_add_locker_changes.up.sql
ALTER TYPE app ADD VALUE 'locker';

-- Alter the column to make it non-null

ALTER TABLE collections ADD COLUMN app app DEFAULT 'photos';

-- Update the existing app that are null to default ("photos") and make it non null.

UPDATE collections SET app = 'photos' WHERE app IS NULL;

-- Alter the column to make it non-null

ALTER TABLE collections ALTER COLUMN app SET NOT NULL;

-- Create a new unique index for uncategorized collections

CREATE UNIQUE INDEX IF NOT EXISTS collections_uncategorized_constraint_index_v2 ON collections (owner_id, app)
WHERE (type = 'uncategorized');

-- Drop the older index if it exists

DROP INDEX IF EXISTS collections_uncategorized_constraint_index;
;

-- ===== server/migrations/69_add_srp_updated_at_trigger.up.sql
CREATE TRIGGER update_srp_auth_updated_at
    BEFORE UPDATE
    ON srp_auth
    FOR EACH ROW
EXECUTE PROCEDURE
    trigger_updated_at_microseconds_column();

CREATE TRIGGER update_srp_sessions_updated_at
    BEFORE UPDATE
    ON srp_sessions
    FOR EACH ROW
EXECUTE PROCEDURE
    trigger_updated_at_microseconds_column();
;

-- ===== server/migrations/70_add_embeddings.up.sql
CREATE TYPE model AS ENUM ('ggml-clip');

CREATE TABLE IF NOT EXISTS embeddings(
    file_id BIGINT NOT NULL,
    owner_id BIGINT NOT NULL,
    model model NOT NULL,
    encrypted_embedding TEXT NOT NULL,
    decryption_header TEXT NOT NULL,
    updated_at BIGINT NOT NULL DEFAULT now_utc_micro_seconds(),
    CONSTRAINT unique_embeddings_file_id_model
        UNIQUE (file_id, model),
    CONSTRAINT fk_embeddings_file_id
        FOREIGN KEY (file_id)
            REFERENCES files (file_id)
            ON DELETE CASCADE
);

CREATE INDEX IF NOT EXISTS embeddings_owner_id_updated_at_index ON embeddings (owner_id, updated_at);

CREATE TRIGGER update_embeddings_updated_at
    BEFORE UPDATE
    ON embeddings
    FOR EACH ROW
EXECUTE PROCEDURE
    trigger_updated_at_microseconds_column();
;

-- ===== server/migrations/71_user_source_attr.up.sql
ALTER TABLE users
    ADD COLUMN IF NOT EXISTS source text;
-- Add JSON column to capture delete feedback
ALTER TABLE users
    ADD COLUMN IF NOT EXISTS delete_feedback jsonb;
;

-- ===== server/migrations/72_add_on_storage.up.sql
ALTER TABLE storage_bonus
    DROP CONSTRAINT IF EXISTS storage_bonus_type_check;

ALTER TABLE storage_bonus
    ADD CONSTRAINT storage_bonus_type_check
        CHECK (type IN ('REFERRAL', 'SIGN_UP', 'ANNIVERSARY', 'ADD_ON_BF_2023', 'ADD_ON_SUPPORT'));
;

-- ===== server/migrations/73_remove_kex_user_id_fk.up.sql
ALTER TABLE kex_store DROP CONSTRAINT IF EXISTS fk_kex_store_user_id;

ALTER TABLE kex_store DROP COLUMN IF EXISTS user_id;
;

-- ===== server/migrations/74_add_onnx.up.sql
ALTER TYPE model ADD VALUE 'onnx-clip';
;

-- ===== server/migrations/75_add_passkeys.up.sql
CREATE TABLE
    IF NOT EXISTS passkeys(
        id uuid PRIMARY KEY NOT NULL,
        user_id BIGINT NOT NULL,
        friendly_name TEXT NOT NULL,
        deleted_at BIGINT,
        created_at bigint NOT NULL DEFAULT now_utc_micro_seconds(),

CONSTRAINT fk_passkeys_user_id FOREIGN KEY(user_id) REFERENCES users(user_id) ON DELETE CASCADE
);

CREATE TABLE
    IF NOT EXISTS passkey_credentials(
        passkey_id uuid PRIMARY KEY NOT NULL,

        credential_id TEXT NOT NULL UNIQUE,

-- credential info

-- []byte data will be encoded in b64 before being inserted into the DB

-- fields that are are arrays will be comma separated strings

-- structs will be encoded into JSON before being inserted into DB (they don't need to be queried anyway)

public_key TEXT NOT NULL,
-- binary data
attestation_type TEXT NOT NULL,
authenticator_transports TEXT NOT NULL,
-- array
credential_flags TEXT NOT NULL,
-- struct
authenticator TEXT NOT NULL,
-- struct

created_at bigint NOT NULL DEFAULT now_utc_micro_seconds(),

CONSTRAINT fk_passkey_credentials_passkey_id FOREIGN KEY(passkey_id) REFERENCES passkeys(id) ON DELETE CASCADE
);

CREATE TABLE
    IF NOT EXISTS webauthn_sessions(
        id uuid PRIMARY KEY NOT NULL,

challenge TEXT NOT NULL UNIQUE,

user_id BIGINT NOT NULL,
-- this is meant to be []byte but we'll store it normally for us
allowed_credential_ids TEXT NOT NULL,
-- this is [][]byte, but we'll encode it to b64 to store in db
expires_at bigint NOT NULL,
-- this is time.Time but we'll encode it into unix

user_verification_requirement TEXT NOT NULL,
extensions TEXT NOT NULL,
-- this is a map[string]interface{} but we'll just store it as json

created_at bigint NOT NULL DEFAULT now_utc_micro_seconds(),

CONSTRAINT fk_webauthn_sessions_user_id FOREIGN KEY(user_id) REFERENCES users(user_id) ON DELETE CASCADE
);
;

-- ===== server/migrations/76_add_passkey_login_sessions.up.sql
CREATE TABLE IF NOT EXISTS passkey_login_sessions(
    user_id BIGINT NOT NULL,
    session_id TEXT UNIQUE NOT NULL,
    creation_time BIGINT NOT NULL,
    expiration_time BIGINT NOT NULL,
    CONSTRAINT fk_passkey_login_sessions_user_id
        FOREIGN KEY(user_id)
            REFERENCES users(user_id)
            ON DELETE CASCADE
);
;

-- ===== server/migrations/77_embeddings_table_update.up.sql
ALTER TABLE embeddings
 ALTER COLUMN encrypted_embedding DROP NOT NULL,
 ALTER COLUMN decryption_header DROP NOT NULL;
;

-- ===== server/migrations/78_cast.up.sql
-- note: using casting as table name because cast is a reserved word in postgres
CREATE  TABLE IF NOT EXISTS casting
(
    id uuid not null primary key,
    code VARCHAR(16) NOT NULL,
    public_key VARCHAR(512) NOT NULL,
    collection_id BIGINT,
    cast_user BIGINT,
    encrypted_payload text,
    token VARCHAR(512),
    is_deleted BOOLEAN DEFAULT FALSE,
    created_at BIGINT NOT NULL DEFAULT now_utc_micro_seconds(),
    last_used_at BIGINT NOT NULL DEFAULT now_utc_micro_seconds()
);
-- create unique constraint on not deleted code
CREATE UNIQUE INDEX IF NOT EXISTS casting_code_unique_idx ON casting (code) WHERE is_deleted = FALSE;
;

-- ===== server/migrations/79_queue_index.up.sql
-- create partial index on non-deleted queue items as we always query for non-deleted entries
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_queue_created_at_non_deleted ON queue (queue_name, created_at)
    WHERE is_deleted = false;
;

-- ===== server/migrations/80_two_factor_recovery.up.sql
CREATE TABLE IF NOT EXISTS two_factor_recovery (
    user_id bigint NOT NULL PRIMARY KEY,
    -- if false, the support team team will not be able to reset the MFA for the user
    enable_admin_mfa_reset boolean NOT NULL DEFAULT true,
    server_passkey_secret_data bytea,
    server_passkey_secret_nonce bytea,
    user_passkey_secret_data text,
    user_passkey_secret_nonce text,
    created_at    bigint NOT NULL DEFAULT now_utc_micro_seconds(),
    updated_at    bigint NOT NULL DEFAULT now_utc_micro_seconds()
);

CREATE TRIGGER update_two_factor_recovery_updated_at
    BEFORE UPDATE
    ON two_factor_recovery
    FOR EACH ROW
    EXECUTE PROCEDURE
        trigger_updated_at_microseconds_column();
;

-- ===== server/migrations/81_embeddings_type_and_size.up.sql
ALTER TYPE model ADD VALUE IF NOT EXISTS 'file-ml-clip-face';
ALTER TABLE embeddings
    ADD COLUMN size int DEFAULT NULL,
    ADD COLUMN version int DEFAULT 1;
;

-- ===== server/migrations/82_drop_location_tag_table.up.sql
DROP TRIGGER IF EXISTS update_location_tag_updated_at ON location_tag;
DROP TABLE location_tag;
;

-- ===== server/migrations/83_fix_ott_index.up.sql
BEGIN;
ALTER TABLE
    otts DROP CONSTRAINT IF EXISTS unique_otts_emailhash_ott;

ALTER TABLE
    otts
    ADD
        CONSTRAINT  unique_otts_emailhash_app_ott UNIQUE (ott,app, email_hash);
COMMIT;
;

-- ===== server/migrations/84_add_cast_column.up.sql
--- Delete all rows from casting table and add a non-nullable column called ip
BEGIN;
DELETE FROM casting;
ALTER TABLE casting ADD COLUMN ip text NOT NULL;
COMMIT;
;

-- ===== server/migrations/85_increase_free_storage.up.sql
UPDATE subscriptions SET storage = 5368709120, expiry_time = 1749355117000000 where storage = 1073741824 and product_id = 'free';
;

-- ===== server/migrations/86_add_dc_embedding.up.sql
-- Add types for the new dcs that are introduced for the derived data
ALTER TYPE s3region ADD VALUE 'wasabi-eu-central-2-derived';
DROP TRIGGER IF EXISTS update_embeddings_updated_at ON embeddings;
ALTER TABLE embeddings ADD COLUMN IF NOT EXISTS datacenters s3region[] default '{b2-eu-cen}';
;

-- ===== server/migrations/87_passkey_login_token.up.sql
-- Add columns to passkey_login_sessions table for facilitating token fetch in case of passkey redirect
-- not working.
ALTER TABLE passkey_login_sessions
    ADD COLUMN IF NOT EXISTS token_fetch_cnt int default 0,
    ADD COLUMN IF NOT EXISTS verified_at BIGINT,
    ADD COLUMN IF NOT EXISTS token_data jsonb;
;

-- ===== server/migrations/88_embedding_derived_type.up.sql
ALTER TYPE model ADD VALUE IF NOT EXISTS 'derived';
;

-- ===== server/migrations/89_file_data_table.up.sql
ALTER TABLE temp_objects ADD COLUMN IF NOT EXISTS bucket_id s3region;
ALTER TYPE OBJECT_TYPE ADD VALUE 'mldata';
ALTER TYPE s3region ADD VALUE 'b5';
ALTER TYPE s3region ADD VALUE 'b6';
-- Create the file_data table
CREATE TABLE IF NOT EXISTS file_data
(
    file_id              BIGINT      NOT NULL,
    user_id              BIGINT      NOT NULL,
    data_type            OBJECT_TYPE NOT NULL,
    size                 BIGINT      NOT NULL,
    latest_bucket        s3region    NOT NULL,
    replicated_buckets   s3region[]  NOT NULL DEFAULT '{}',
--  following field contains list of buckets from where we need to delete the data as the given data_type will not longer be persisted in that dc
    delete_from_buckets  s3region[]  NOT NULL DEFAULT '{}',
    inflight_rep_buckets s3region[]  NOT NULL DEFAULT '{}',
    is_deleted           BOOLEAN     NOT NULL DEFAULT false,
    pending_sync         BOOLEAN     NOT NULL DEFAULT true,
    sync_locked_till     BIGINT      NOT NULL DEFAULT 0,
    created_at           BIGINT      NOT NULL DEFAULT now_utc_micro_seconds(),
    updated_at           BIGINT      NOT NULL DEFAULT now_utc_micro_seconds(),
    PRIMARY KEY (file_id, data_type)
);

-- Add index for user_id and data_type for efficient querying for size calculation
CREATE INDEX idx_file_data_user_type_deleted ON file_data (user_id, data_type, is_deleted) INCLUDE (size);
CREATE INDEX idx_file_data_pending_sync_locked_till ON file_data (is_deleted, sync_locked_till) where pending_sync = true;

CREATE OR REPLACE FUNCTION ensure_no_common_entries()
    RETURNS TRIGGER AS
$$
DECLARE
    all_buckets       s3region[];
    duplicate_buckets s3region[];
BEGIN
    -- Combine all bucket IDs into a single array
    all_buckets := ARRAY [NEW.latest_bucket] || NEW.replicated_buckets || NEW.delete_from_buckets ||
                   NEW.inflight_rep_buckets;

    -- Find duplicate bucket IDs
    SELECT ARRAY_AGG(DISTINCT bucket)
    INTO duplicate_buckets
    FROM unnest(all_buckets) bucket
    GROUP BY bucket
    HAVING COUNT(*) > 1;

    -- If duplicates exist, raise an exception with details
    IF ARRAY_LENGTH(duplicate_buckets, 1) > 0 THEN
        RAISE EXCEPTION 'Duplicate bucket IDs found: %. Latest: %, Replicated: %, To Delete: %, Inflight: %',
            duplicate_buckets, NEW.latest_bucket, NEW.replicated_buckets, NEW.delete_from_buckets, NEW.inflight_rep_buckets;
    END IF;

    RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER check_no_common_entries
    BEFORE INSERT OR UPDATE
    ON file_data
    FOR EACH ROW
EXECUTE FUNCTION ensure_no_common_entries();
;

-- ===== server/migrations/90_use_string_id_entity.up.sql
BEGIN;
ALTER TABLE entity_data ADD COLUMN id_text TEXT;
UPDATE entity_data SET id_text = id::TEXT;
ALTER TABLE entity_data ALTER COLUMN id_text SET NOT NULL;
ALTER TABLE entity_data DROP CONSTRAINT entity_data_pkey;
ALTER TABLE entity_data DROP COLUMN IF EXISTS id;
ALTER TABLE entity_data RENAME COLUMN id_text TO id;
ALTER TABLE entity_data ADD PRIMARY KEY (id);
END;
;

-- ===== server/migrations/91_increase_free_validity.up.sql
UPDATE subscriptions SET expiry_time = 4749355117000000 where storage = 5368709120 and product_id = 'free' and original_transaction_id ='none';
;

-- ===== server/migrations/92_update_storage_bonus_check.up.sql
ALTER TABLE storage_bonus
    DROP CONSTRAINT IF EXISTS storage_bonus_type_check;

ALTER TABLE storage_bonus
    ADD CONSTRAINT storage_bonus_type_check
        CHECK (type IN ('REFERRAL', 'SIGN_UP', 'ANNIVERSARY', 'ADD_ON_BF_2023', 'ADD_ON_SUPPORT', 'ADD_ON_BF_2024'));
;

-- ===== server/migrations/93_emergency_contact.up.sql
CREATE TABLE IF NOT EXISTS emergency_contact (
                                                 user_id BIGINT NOT NULL,
                                                 emergency_contact_id BIGINT NOT NULL,
                                                 state TEXT NOT NULL CHECK (state IN ('INVITED', 'ACCEPTED', 'REVOKED', 'DELETED', 'CONTACT_LEFT', 'CONTACT_DENIED')),
                                                 created_at BIGINT NOT NULL DEFAULT now_utc_micro_seconds(),
                                                 updated_at BIGINT NOT NULL DEFAULT now_utc_micro_seconds(),
                                                 notice_period_in_hrs INT NOT NULL,
                                                 encrypted_key TEXT,
                                                 CONSTRAINT fk_emergency_contact_user_id
                                                     FOREIGN KEY (user_id)
                                                         REFERENCES users (user_id)
                                                         ON DELETE CASCADE,
                                                 CONSTRAINT fk_emergency_contact_emergency_contact_id
                                                     FOREIGN KEY (emergency_contact_id)
                                                         REFERENCES users (user_id)
                                                         ON DELETE CASCADE,
                                                 CONSTRAINT chk_user_id_not_equal_emergency_contact_id
                                                     CHECK (user_id != emergency_contact_id),
                                                 CONSTRAINT chk_encrypted_key_null
                                                     CHECK ((state IN ('REVOKED', 'DELETED', 'CONTACT_LEFT', 'CONTACT_DENIED') AND encrypted_key IS NULL) OR
                                                            (state NOT IN ('REVOKED', 'DELETED', 'CONTACT_LEFT', 'CONTACT_DENIED') AND encrypted_key IS NOT NULL)),
                                                 CONSTRAINT unique_user_emergency_contact
                                                     UNIQUE (user_id, emergency_contact_id)
);

CREATE INDEX idx_emergency_contact_id ON emergency_contact(emergency_contact_id);


CREATE TRIGGER update_emergency_conctact_updated_at
    BEFORE UPDATE
    ON families
    FOR EACH ROW
EXECUTE PROCEDURE
    trigger_updated_at_microseconds_column();


CREATE TABLE IF NOT EXISTS emergency_recovery (
                                                  id uuid PRIMARY KEY NOT NULL,
                                                  user_id BIGINT NOT NULL,
                                                  emergency_contact_id BIGINT NOT NULL,
                                                  status TEXT NOT NULL CHECK (status IN ('WAITING', 'REJECTED', 'RECOVERED', 'STOPPED', 'READY')),
                                                  wait_till BIGINT,
                                                  next_reminder_at BIGINT,
                                                  created_at BIGINT NOT NULL DEFAULT now_utc_micro_seconds(),
                                                  updated_at BIGINT NOT NULL DEFAULT now_utc_micro_seconds(),
                                                  CONSTRAINT fk_emergency_recovery_user_id
                                                      FOREIGN KEY (user_id)
                                                          REFERENCES users (user_id)
                                                          ON DELETE CASCADE,
                                                  CONSTRAINT fk_emergency_recovery_emergency_contact_id
                                                      FOREIGN KEY (emergency_contact_id)
                                                          REFERENCES users (user_id)
                                                          ON DELETE CASCADE
);

-- unique constraint on user_id, emergency_contact_id and status where status is WAITING or READY
CREATE UNIQUE INDEX idx_emergency_recovery_limit_active_recovery ON emergency_recovery(user_id, emergency_contact_id, status)
    WHERE status IN ('WAITING', 'READY');

CREATE INDEX idx_emergency_recovery_user_id ON emergency_recovery(user_id);
CREATE INDEX idx_emergency_recovery_next_reminder_at ON emergency_recovery(next_reminder_at);

CREATE TRIGGER update_emergency_recovery_updated_at
    BEFORE UPDATE
    ON families
    FOR EACH ROW
EXECUTE PROCEDURE
    trigger_updated_at_microseconds_column();
;

-- ===== server/migrations/94_file_data_preview.up.sql
ALTER TYPE OBJECT_TYPE ADD VALUE 'vid_preview';
ALTER TYPE OBJECT_TYPE ADD VALUE 'img_preview';
ALTER TABLE file_data
    ADD COLUMN obj_id TEXT,
    ADD COLUMN obj_nonce TEXT,
    ADD COLUMN obj_size INTEGER;
;

-- ===== server/migrations/95_public_collection_join_album.up.sql
BEGIN;
ALTER table public_collection_tokens
    ADD COLUMN IF NOT EXISTS enable_join  bool DEFAULT TRUE;

UPDATE public_collection_tokens SET enable_join = FALSE;

ALTER TABLE public_collection_tokens ALTER COLUMN enable_join SET NOT NULL;

COMMIT;
;

-- ===== server/migrations/96_storage_table_families.up.sql
ALTER TABLE families
ADD COLUMN storage_limit BIGINT;
;

-- ===== server/migrations/97_file_data_user_update_idx.up.sql
CREATE INDEX CONCURRENTLY idx_file_data_user_updated
    ON file_data (user_id, updated_at);
;

-- ===== server/migrations/98_increase_free_storage.up.sql
UPDATE subscriptions SET storage = 10737418240, expiry_time = 1749355117000000 where storage = 5368709120 and product_id = 'free';
;

-- ===== server/migrations/99_alter_file_data_column_type.up.sql
ALTER TABLE file_data
    ALTER COLUMN obj_size TYPE bigint USING obj_size::bigint;
;

-- ===== server/migrations/100_add_upgraded_at.up.sql
ALTER TABLE subscriptions ADD COLUMN upgraded_at BIGINT DEFAULT 0;
;

-- ===== server/migrations/101_fix_free_storage_expiry.up.sql
UPDATE subscriptions SET expiry_time = 4749355117000000 where storage = 10737418240 and product_id = 'free';
;

-- ===== server/migrations/102_trash_vaccume_and_analyze_threshold.up.sql
ALTER TABLE trash SET (
    autovacuum_analyze_scale_factor = 0.01,  -- Trigger ANALYZE after 1% of rows change
    autovacuum_vacuum_scale_factor = 0.02,   -- Trigger VACUUM after 2% of rows change
    autovacuum_analyze_threshold = 1000,
    autovacuum_vacuum_threshold = 1000
);
;

-- ===== server/migrations/103_single_file_url.up.sql


CREATE TABLE IF NOT EXISTS public_file_tokens
(
    id           text primary key,
    file_id bigint NOT NULL,
    owner_id bigint NOT NULL,
    app text NOT NULL,
    access_token  text   not null,
    valid_till    bigint not null DEFAULT 0,
    device_limit  int    not null DEFAULT 0,
    is_disabled   bool   not null DEFAULT FALSE,
    enable_download bool  not null DEFAULT TRUE,
    pw_hash         TEXT,
    pw_nonce        TEXT,
    mem_limit       BIGINT,
    ops_limit       BIGINT,
    created_at    bigint NOT NULL DEFAULT now_utc_micro_seconds(),
    updated_at    bigint NOT NULL DEFAULT now_utc_micro_seconds()
);


CREATE OR REPLACE TRIGGER  update_public_file_tokens_updated_at
    BEFORE UPDATE
    ON public_file_tokens
    FOR EACH ROW
EXECUTE PROCEDURE
    trigger_updated_at_microseconds_column();


CREATE TABLE IF NOT EXISTS public_file_tokens_access_history
(
    id   text NOT NULL,
    ip         text   not null,
    user_agent text   not null,
    created_at bigint NOT NULL DEFAULT now_utc_micro_seconds(),
    CONSTRAINT unique_access_id_ip_ua UNIQUE (id, ip, user_agent),
    CONSTRAINT fk_public_file_history_token_id
        FOREIGN KEY (id)
            REFERENCES public_file_tokens (id)
            ON DELETE CASCADE
);

CREATE UNIQUE INDEX IF NOT EXISTS public_file_token_unique_idx ON public_file_tokens (access_token) WHERE is_disabled = FALSE;
CREATE INDEX IF NOT EXISTS public_file_tokens_owner_id_updated_at_idx ON public_file_tokens (owner_id, updated_at);
CREATE UNIQUE INDEX IF NOT EXISTS public_active_file_link_unique_idx ON public_file_tokens (file_id, is_disabled) WHERE is_disabled = FALSE;
;

-- ===== server/migrations/104_rs_custom_domain.up.sql
CREATE UNIQUE INDEX IF NOT EXISTS remote_store_custom_domain_unique_idx
    ON remote_store (key_value)
    WHERE key_name = 'customDomain';
;

-- ===== server/migrations/105_add_discount_coupons.up.sql
CREATE TABLE discount_coupons (
    provider_name TEXT NOT NULL,
    code TEXT NOT NULL,
    claimed_by_user_id BIGINT DEFAULT NULL,
    claimed_at BIGINT DEFAULT NULL,
    sent_count INTEGER DEFAULT 0,
    created_at BIGINT NOT NULL DEFAULT now_utc_micro_seconds(),
    updated_at BIGINT NOT NULL DEFAULT now_utc_micro_seconds(),
    CONSTRAINT discount_coupons_provider_code_unique UNIQUE (provider_name, code)
);

CREATE UNIQUE INDEX discount_coupons_provider_user_unique 
ON discount_coupons (provider_name, claimed_by_user_id) 
WHERE claimed_by_user_id IS NOT NULL;

CREATE TRIGGER update_discount_coupons_updated_at
    BEFORE UPDATE
    ON discount_coupons
    FOR EACH ROW
EXECUTE PROCEDURE
    trigger_updated_at_microseconds_column();
;

-- ===== server/migrations/106_add_two_factor_used_codes.up.sql
-- Track used OTP codes to prevent replay attacks
CREATE TABLE IF NOT EXISTS two_factor_used_codes(
    user_id BIGINT NOT NULL,
    code_hash TEXT NOT NULL,
    used_at BIGINT NOT NULL,
    PRIMARY KEY (user_id, code_hash),
    CONSTRAINT fk_two_factor_used_codes_user_id
        FOREIGN KEY(user_id)
            REFERENCES users(user_id)
            ON DELETE CASCADE
);

CREATE INDEX idx_two_factor_used_codes_used_at ON two_factor_used_codes(used_at);
CREATE INDEX idx_two_factor_used_codes_user_id ON two_factor_used_codes(user_id);
;

-- ===== server/migrations/107_add_srp_fake_session_tracking.up.sql
-- Add is_fake column to track fake sessions for user enumeration protection
ALTER TABLE srp_sessions
ADD COLUMN IF NOT EXISTS is_fake BOOLEAN NOT NULL DEFAULT false;

-- Create an index to help with cleanup of fake sessions
CREATE INDEX IF NOT EXISTS idx_srp_sessions_fake_created
ON srp_sessions(is_fake, created_at)
WHERE is_fake = true;
;

-- ===== server/migrations/108_file_link_secret_fields.up.sql
ALTER TABLE public_file_tokens
    ADD COLUMN IF NOT EXISTS encrypted_file_key TEXT,
    ADD COLUMN IF NOT EXISTS encrypted_file_key_nonce TEXT,
    ADD COLUMN IF NOT EXISTS kdf_nonce TEXT,
    ADD COLUMN IF NOT EXISTS kdf_mem_limit BIGINT,
    ADD COLUMN IF NOT EXISTS kdf_ops_limit BIGINT,
    ADD COLUMN IF NOT EXISTS encrypted_share_key TEXT;
;

-- ===== server/migrations/109_add_admin_role_enum.up.sql
-- Add ADMIN role to collection share role enum
ALTER TYPE role_enum ADD VALUE IF NOT EXISTS 'ADMIN';
;

-- ===== server/migrations/110_public_collection_min_role.up.sql
ALTER TABLE public_collection_tokens
    ADD COLUMN IF NOT EXISTS min_role role_enum;
;

-- ===== server/migrations/111_update_favorites_constraint.up.sql
-- Make favorites unique per (owner_id, app), similar to uncategorized

CREATE UNIQUE INDEX IF NOT EXISTS collections_favorites_constraint_index_v2 ON collections (owner_id, app)
WHERE (type = 'favorites');

-- Drop the older index if it exists

DROP INDEX IF EXISTS collections_favorites_constraint_index;
;

-- ===== server/migrations/112_add_action_columns_cf.up.sql
-- Add action markers to collection_files to drive client behavior during diffs
-- action_user: user who initiated the action
-- action: opaque text value, initially expected to be 'REMOVE' or 'DELETE'
ALTER TABLE collection_files
    ADD COLUMN IF NOT EXISTS action_user bigint,
    ADD COLUMN IF NOT EXISTS action text;
;

-- ===== server/migrations/113_create_collection_actions.up.sql
CREATE TABLE IF NOT EXISTS collection_actions (
    id TEXT PRIMARY KEY,
    user_id BIGINT NOT NULL,
    actor_user_id BIGINT NOT NULL,
    collection_id BIGINT NOT NULL,
    file_id BIGINT,
    data JSONB,
    action TEXT NOT NULL,
    is_pending BOOLEAN NOT NULL DEFAULT TRUE,
    created_at BIGINT NOT NULL DEFAULT now_utc_micro_seconds(),
    updated_at BIGINT NOT NULL DEFAULT now_utc_micro_seconds(),
    CONSTRAINT collection_actions_file_required CHECK (
        (action IN ('REMOVE','DELETE_SUGGESTED') AND file_id IS NOT NULL)
        OR (action NOT IN ('REMOVE','DELETE_SUGGESTED'))
    )
);

CREATE INDEX IF NOT EXISTS collection_actions_user_id_idx ON collection_actions (user_id);
CREATE INDEX IF NOT EXISTS collection_actions_collection_id_idx ON collection_actions (collection_id);
CREATE INDEX IF NOT EXISTS collection_actions_pending_remove_delete_user_time_idx
    ON collection_actions (user_id, updated_at)
    WHERE action IN ('REMOVE', 'DELETE_SUGGESTED') AND is_pending = true;

CREATE TRIGGER update_collection_actions_updated_at
    BEFORE UPDATE ON collection_actions
    FOR EACH ROW
EXECUTE PROCEDURE trigger_updated_at_microseconds_column();
;

-- ===== server/migrations/114_comments_reactions.up.sql
-- Create comments and reactions tables with E2EE payloads, tombstones, and delta-sync indexes
-- Uses BIGINT microsecond timestamps via now_utc_micro_seconds()

-- App supplies nanoid strings for primary keys; no pgcrypto dependency.

-- Helper: null cipher when tombstoned
CREATE OR REPLACE FUNCTION tg_null_cipher_on_delete() RETURNS trigger AS $$
BEGIN
  IF NEW.is_deleted THEN
    NEW.cipher := NULL;
    NEW.nonce := NULL;
  END IF;
  RETURN NEW;
END; $$ LANGUAGE plpgsql;

-- Enforce replies stay within parent scope
CREATE OR REPLACE FUNCTION tg_check_reply_scope() RETURNS trigger AS $$
BEGIN
  IF NEW.parent_comment_id IS NULL THEN
    RETURN NEW;
  END IF;
  PERFORM 1 FROM comments p
   WHERE p.id = NEW.parent_comment_id
     AND p.collection_id = NEW.collection_id
     AND (p.file_id IS NOT DISTINCT FROM NEW.file_id);
  IF NOT FOUND THEN
    RAISE EXCEPTION 'Reply must match parent scope';
  END IF;
  RETURN NEW;
END; $$ LANGUAGE plpgsql;

-- Enforce reaction target integrity (if comment reaction, collection must match)
CREATE OR REPLACE FUNCTION tg_check_reaction_target() RETURNS trigger AS $$
DECLARE
  c_rec RECORD;
BEGIN
  IF NEW.comment_id IS NULL THEN
    RETURN NEW;
  END IF;
  SELECT id, collection_id INTO c_rec FROM comments WHERE id = NEW.comment_id;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'Reaction must reference an existing comment';
  END IF;
  IF c_rec.collection_id <> NEW.collection_id THEN
    RAISE EXCEPTION 'Reaction collection_id must match comment collection_id';
  END IF;
  RETURN NEW;
END; $$ LANGUAGE plpgsql;

-- Anonymous users table storing encrypted profile metadata for public commenters
CREATE TABLE IF NOT EXISTS anon_users (
  id TEXT PRIMARY KEY,
  collection_id BIGINT NOT NULL,
  cipher TEXT NOT NULL,
  nonce TEXT NOT NULL,
  created_at BIGINT NOT NULL DEFAULT now_utc_micro_seconds(),
  updated_at BIGINT NOT NULL DEFAULT now_utc_micro_seconds()
);

CREATE INDEX IF NOT EXISTS idx_anon_users_collection
  ON anon_users (collection_id);

CREATE TRIGGER update_anon_users_updated_at
  BEFORE UPDATE ON anon_users
  FOR EACH ROW EXECUTE PROCEDURE trigger_updated_at_microseconds_column();

-- Soft-delete all reactions for a comment when the comment is tombstoned
CREATE OR REPLACE FUNCTION tg_soft_delete_reactions_on_comment_delete() RETURNS trigger AS $$
BEGIN
  IF NEW.is_deleted AND (OLD.is_deleted IS DISTINCT FROM NEW.is_deleted) THEN
    UPDATE reactions
       SET is_deleted = TRUE,
           cipher = NULL,
           nonce = NULL,
           updated_at = now_utc_micro_seconds()
     WHERE comment_id = NEW.id
       AND is_deleted = FALSE;
  END IF;
  RETURN NEW;
END; $$ LANGUAGE plpgsql;

-- Comments table
CREATE TABLE IF NOT EXISTS comments (
  id TEXT PRIMARY KEY,

  collection_id BIGINT NOT NULL,
  file_id BIGINT NULL, -- null => collection-level comment

  parent_comment_id TEXT NULL, -- reply-to (same collection_id/file_id)
  user_id BIGINT NOT NULL,
  anon_user_id TEXT NULL,

  cipher TEXT,
  nonce TEXT,

  is_deleted BOOLEAN NOT NULL DEFAULT FALSE,

  created_at BIGINT NOT NULL DEFAULT now_utc_micro_seconds(),
  updated_at BIGINT NOT NULL DEFAULT now_utc_micro_seconds(),

  CONSTRAINT comments_cipher_on_delete CHECK (
    (is_deleted = FALSE AND cipher IS NOT NULL AND nonce IS NOT NULL) OR
    (is_deleted = TRUE  AND cipher IS NULL AND nonce IS NULL)
  ),
  CONSTRAINT comments_user_or_anon_chk CHECK (
    (user_id = -1 AND anon_user_id IS NOT NULL) OR
    (user_id > 0  AND anon_user_id IS NULL)
  ),
  CONSTRAINT fk_comments_anon_user FOREIGN KEY (anon_user_id) REFERENCES anon_users (id)
);

-- Indexes for comments
CREATE INDEX IF NOT EXISTS idx_comments_scope
  ON comments (collection_id, file_id)
  WHERE is_deleted = FALSE;

CREATE INDEX IF NOT EXISTS idx_comments_parent
  ON comments (parent_comment_id)
  WHERE is_deleted = FALSE;

CREATE INDEX IF NOT EXISTS idx_comments_user
  ON comments (user_id)
  WHERE is_deleted = FALSE;

CREATE INDEX IF NOT EXISTS idx_comments_anon
  ON comments (anon_user_id)
  WHERE is_deleted = FALSE;

-- Delta sync by collection and updated_at
CREATE INDEX IF NOT EXISTS idx_comments_collection_updated_at
  ON comments (collection_id, updated_at);

-- Triggers for comments
CREATE TRIGGER comments_null_cipher_on_delete
  BEFORE INSERT OR UPDATE ON comments
  FOR EACH ROW EXECUTE PROCEDURE tg_null_cipher_on_delete();

CREATE TRIGGER update_comments_updated_at
  BEFORE UPDATE ON comments
  FOR EACH ROW EXECUTE PROCEDURE trigger_updated_at_microseconds_column();

CREATE TRIGGER check_reply_scope
  BEFORE INSERT OR UPDATE ON comments
  FOR EACH ROW EXECUTE PROCEDURE tg_check_reply_scope();

CREATE TRIGGER soft_delete_reactions_on_comment_delete
  AFTER UPDATE ON comments
  FOR EACH ROW WHEN (NEW.is_deleted)
  EXECUTE PROCEDURE tg_soft_delete_reactions_on_comment_delete();

-- Reactions table (multi-scope: collection, file, or comment)
CREATE TABLE IF NOT EXISTS reactions (
  id TEXT PRIMARY KEY,

  collection_id BIGINT NOT NULL,
  file_id BIGINT NULL,     -- present when reacting to a file in a collection
  comment_id TEXT NULL,    -- present when reacting to a specific comment

  user_id BIGINT NOT NULL, -- reactor
  anon_user_id TEXT NULL,

  actor_key TEXT GENERATED ALWAYS AS (
    CASE
      WHEN user_id = -1 AND anon_user_id IS NOT NULL THEN 'A:' || anon_user_id
      ELSE 'U:' || user_id::TEXT
    END
  ) STORED,

  cipher TEXT,
  nonce TEXT,

  is_deleted BOOLEAN NOT NULL DEFAULT FALSE,

  created_at BIGINT NOT NULL DEFAULT now_utc_micro_seconds(),
  updated_at BIGINT NOT NULL DEFAULT now_utc_micro_seconds(),

  -- Only one of: comment OR (collection[/file])
  CONSTRAINT reactions_target_shape CHECK (
    (comment_id IS NOT NULL AND file_id IS NULL)
    OR
    (comment_id IS NULL)
  ),

  -- Enforce payload nulling on tombstone
  CONSTRAINT reactions_cipher_on_delete CHECK (
    (is_deleted = FALSE AND cipher IS NOT NULL AND nonce IS NOT NULL) OR
    (is_deleted = TRUE  AND cipher IS NULL AND nonce IS NULL)
  ),

  -- Unified identity for target to enforce one-per-user-per-target
  unique_key TEXT GENERATED ALWAYS AS (
    CASE
      WHEN comment_id IS NOT NULL THEN 'M:' || comment_id::TEXT
      WHEN file_id    IS NOT NULL THEN 'F:' || collection_id::TEXT || '/' || file_id::TEXT
      ELSE                             'C:' || collection_id::TEXT
    END
  ) STORED,

  CONSTRAINT uq_reactions_actor_target UNIQUE (actor_key, unique_key),
  CONSTRAINT reactions_user_or_anon_chk CHECK (
    (user_id = -1 AND anon_user_id IS NOT NULL) OR
    (user_id > 0  AND anon_user_id IS NULL)
  ),
  CONSTRAINT fk_reactions_anon_user FOREIGN KEY (anon_user_id) REFERENCES anon_users (id)
);

-- Indexes for reactions
CREATE INDEX IF NOT EXISTS idx_reactions_scope
  ON reactions (collection_id, file_id, comment_id)
  WHERE is_deleted = FALSE;
 
-- Delta sync by collection and updated_at
CREATE INDEX IF NOT EXISTS idx_reactions_collection_updated_at
  ON reactions (collection_id, updated_at);

-- Per-comment lookups
CREATE INDEX IF NOT EXISTS idx_reactions_comment
  ON reactions (comment_id)
  WHERE is_deleted = FALSE;

CREATE INDEX IF NOT EXISTS idx_reactions_user
  ON reactions (user_id)
  WHERE is_deleted = FALSE;

CREATE INDEX IF NOT EXISTS idx_reactions_anon
  ON reactions (anon_user_id)
  WHERE is_deleted = FALSE;

-- Triggers for reactions
CREATE TRIGGER reactions_null_cipher_on_delete
  BEFORE INSERT OR UPDATE ON reactions
  FOR EACH ROW EXECUTE PROCEDURE tg_null_cipher_on_delete();

CREATE TRIGGER update_reactions_updated_at
  BEFORE UPDATE ON reactions
  FOR EACH ROW EXECUTE PROCEDURE trigger_updated_at_microseconds_column();

CREATE TRIGGER check_reaction_target
  BEFORE INSERT OR UPDATE ON reactions
  FOR EACH ROW EXECUTE PROCEDURE tg_check_reaction_target();
;

-- ===== server/migrations/115_add_shared_at_collection_shares.up.sql
ALTER TABLE collection_shares
    ADD COLUMN IF NOT EXISTS shared_at BIGINT;
;

-- ===== server/migrations/116_public_paste_tokens.up.sql
CREATE TABLE IF NOT EXISTS public_paste_tokens
(
    id                text PRIMARY KEY,
    access_token      text   NOT NULL UNIQUE,
    encrypted_data    text   NOT NULL,
    decryption_header text   NOT NULL,
    encrypted_paste_key text NOT NULL,
    encrypted_paste_key_nonce text NOT NULL,
    kdf_nonce         text   NOT NULL,
    kdf_mem_limit     bigint NOT NULL,
    kdf_ops_limit     bigint NOT NULL,
    expires_at        bigint NOT NULL,
    created_at        bigint NOT NULL DEFAULT now_utc_micro_seconds()
);

CREATE INDEX IF NOT EXISTS public_paste_tokens_expires_at_idx
    ON public_paste_tokens (expires_at);
;

-- ===== server/migrations/117_add_non_profit_storage_bonus_type.up.sql
ALTER TABLE storage_bonus
    DROP CONSTRAINT IF EXISTS storage_bonus_type_check;

ALTER TABLE storage_bonus
    ADD CONSTRAINT storage_bonus_type_check
        CHECK (type IN ('REFERRAL', 'SIGN_UP', 'ANNIVERSARY', 'ADD_ON_BF_2023', 'ADD_ON_SUPPORT', 'ADD_ON_BF_2024', 'ADD_ON_NON_PROFIT'));
;

-- ===== server/migrations/118_add_notification_history_group.up.sql
ALTER TABLE notification_history
    ADD COLUMN IF NOT EXISTS notification_group TEXT;

CREATE INDEX IF NOT EXISTS notification_history_user_template_sent_time_idx
    ON notification_history(user_id, template_id, sent_time DESC);

CREATE INDEX IF NOT EXISTS notification_history_group_user_id_idx
    ON notification_history(notification_group, user_id);
;

-- ===== server/migrations/119_create_memory_shares.up.sql
-- Memory share table - stores shared memory metadata
CREATE TABLE IF NOT EXISTS memory_shares (
    id BIGSERIAL PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users(user_id),
    type TEXT NOT NULL CHECK (type IN ('share', 'lane')),
    memory_hash TEXT,
    metadata_cipher TEXT,
    metadata_nonce TEXT,
    mem_enc_key TEXT NOT NULL,
    mem_key_decryption_nonce TEXT NOT NULL,
    access_token TEXT NOT NULL UNIQUE,
    is_deleted BOOLEAN DEFAULT false,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);

-- Memory share files - tracks files in each memory share with their owners
CREATE TABLE IF NOT EXISTS memory_share_files (
    id BIGSERIAL PRIMARY KEY,
    memory_share_id BIGINT NOT NULL REFERENCES memory_shares(id) ON DELETE CASCADE,
    file_id BIGINT NOT NULL,
    file_owner_id BIGINT NOT NULL,
    position BIGINT NOT NULL,
    file_enc_key TEXT NOT NULL,
    file_key_decryption_nonce TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    UNIQUE(memory_share_id, position)
);
;

-- ===== server/migrations/120_contacts.up.sql
CREATE TABLE IF NOT EXISTS contact_entity
(
    id                            TEXT    PRIMARY KEY NOT NULL,
    user_id                       BIGINT  NOT NULL,
    contact_user_id               BIGINT  NOT NULL,
    profile_picture_attachment_id TEXT,
    encrypted_key                 BYTEA   NOT NULL,
    encrypted_data                BYTEA,
    is_deleted                    BOOLEAN NOT NULL DEFAULT FALSE,
    created_at                    BIGINT  NOT NULL DEFAULT now_utc_micro_seconds(),
    updated_at                    BIGINT  NOT NULL DEFAULT now_utc_micro_seconds(),
    CONSTRAINT fk_contact_entity_user_id FOREIGN KEY (user_id) REFERENCES users (user_id) ON DELETE CASCADE,
    CONSTRAINT contact_entity_state_constraint CHECK (
        (is_deleted = FALSE AND encrypted_data IS NOT NULL) OR
        (is_deleted = TRUE AND encrypted_data IS NULL AND profile_picture_attachment_id IS NULL)
    )
);

CREATE INDEX IF NOT EXISTS idx_contact_entity_user_updated_at
    ON contact_entity (user_id, updated_at);

CREATE UNIQUE INDEX IF NOT EXISTS idx_contact_entity_user_contact_user_id
    ON contact_entity (user_id, contact_user_id);

CREATE OR REPLACE FUNCTION fn_reject_contact_key_update()
RETURNS TRIGGER AS
$$
BEGIN
    IF NEW.encrypted_key IS DISTINCT FROM OLD.encrypted_key THEN
        RAISE EXCEPTION 'contact_entity.encrypted_key is immutable';
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER trigger_reject_contact_key_update
    BEFORE UPDATE
    ON contact_entity
    FOR EACH ROW
EXECUTE FUNCTION fn_reject_contact_key_update();

CREATE TRIGGER update_contact_entity_updated_at
    BEFORE UPDATE
    ON contact_entity
    FOR EACH ROW
EXECUTE PROCEDURE trigger_updated_at_microseconds_column();

CREATE TABLE IF NOT EXISTS user_attachments
(
    attachment_id         TEXT       PRIMARY KEY NOT NULL,
    user_id               BIGINT     NOT NULL,
    attachment_type       TEXT       NOT NULL,
    size                  BIGINT     NOT NULL,
    latest_bucket         s3region   NOT NULL,
    replicated_buckets    s3region[] NOT NULL DEFAULT '{}',
    delete_from_buckets   s3region[] NOT NULL DEFAULT '{}',
    inflight_rep_buckets  s3region[] NOT NULL DEFAULT '{}',
    is_deleted            BOOLEAN    NOT NULL DEFAULT FALSE,
    pending_sync          BOOLEAN    NOT NULL DEFAULT TRUE,
    sync_locked_till      BIGINT     NOT NULL DEFAULT 0,
    created_at            BIGINT     NOT NULL DEFAULT now_utc_micro_seconds(),
    updated_at            BIGINT     NOT NULL DEFAULT now_utc_micro_seconds(),
    CONSTRAINT fk_user_attachments_user_id FOREIGN KEY (user_id) REFERENCES users (user_id) ON DELETE CASCADE
);

CREATE INDEX IF NOT EXISTS idx_user_attachments_pending_sync_locked_till
    ON user_attachments (is_deleted, sync_locked_till)
    WHERE pending_sync = TRUE;

CREATE INDEX IF NOT EXISTS idx_user_attachments_lookup
    ON user_attachments (user_id, attachment_type, is_deleted);

CREATE OR REPLACE FUNCTION ensure_no_common_attachment_buckets()
RETURNS TRIGGER AS
$$
DECLARE
    all_buckets       s3region[];
    duplicate_buckets s3region[];
BEGIN
    all_buckets := ARRAY [NEW.latest_bucket]
                   || NEW.replicated_buckets
                   || NEW.delete_from_buckets
                   || NEW.inflight_rep_buckets;

    SELECT ARRAY_AGG(DISTINCT bucket)
      INTO duplicate_buckets
      FROM unnest(all_buckets) bucket
     GROUP BY bucket
    HAVING COUNT(*) > 1;

    IF ARRAY_LENGTH(duplicate_buckets, 1) > 0 THEN
        RAISE EXCEPTION 'Duplicate bucket IDs found in attachment row: %', duplicate_buckets;
    END IF;

    RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER check_no_common_attachment_buckets
    BEFORE INSERT OR UPDATE
    ON user_attachments
    FOR EACH ROW
EXECUTE FUNCTION ensure_no_common_attachment_buckets();

CREATE TRIGGER update_user_attachments_updated_at
    BEFORE UPDATE
    ON user_attachments
    FOR EACH ROW
EXECUTE PROCEDURE trigger_updated_at_microseconds_column();
;

-- ===== server/migrations/121_create_legacy_kits.up.sql
CREATE TABLE IF NOT EXISTS legacy_kit (
    id UUID PRIMARY KEY NOT NULL,
    user_id BIGINT NOT NULL REFERENCES users(user_id) ON DELETE CASCADE,
    -- Closed numeric scheme identifier. 1 = 2-of-3 shares.
    variant INT NOT NULL CHECK (variant IN (1)),
    notice_period_in_hrs INT NOT NULL,
    -- Base64(secretbox nonce || MAC || ciphertext) of the user's recovery key.
    encrypted_recovery_blob TEXT NOT NULL,
    -- Base64(X25519 public key) derived deterministically from the kit secret.
    auth_public_key TEXT NOT NULL,
    -- Base64(secretbox nonce || MAC || ciphertext) of owner-only part names and
    -- stored share payloads used for listing and downloading cards again.
    encrypted_owner_blob TEXT NOT NULL,
    is_deleted BOOLEAN NOT NULL DEFAULT FALSE,
    created_at BIGINT NOT NULL DEFAULT now_utc_micro_seconds(),
    updated_at BIGINT NOT NULL DEFAULT now_utc_micro_seconds(),
    deleted_at BIGINT
);

CREATE INDEX IF NOT EXISTS idx_legacy_kit_user_id ON legacy_kit(user_id);
CREATE INDEX IF NOT EXISTS idx_legacy_kit_active_user_id ON legacy_kit(user_id) WHERE is_deleted = FALSE;

CREATE TRIGGER update_legacy_kit_updated_at
    BEFORE UPDATE
    ON legacy_kit
    FOR EACH ROW
EXECUTE PROCEDURE
    trigger_updated_at_microseconds_column();

CREATE TABLE IF NOT EXISTS legacy_kit_challenge (
    id UUID PRIMARY KEY NOT NULL,
    -- Multiple in-flight challenges can exist for the same kit so one client
    -- requesting a fresh challenge does not invalidate another client's pending
    -- proof-of-possession attempt.
    kit_id UUID NOT NULL REFERENCES legacy_kit(id) ON DELETE CASCADE,
    -- Base64url(SHA-256(challenge)). The server never needs to persist the
    -- plaintext challenge because recovery-open can compare against the hash.
    challenge_hash TEXT NOT NULL,
    expires_at BIGINT NOT NULL,
    created_at BIGINT NOT NULL DEFAULT now_utc_micro_seconds()
);

CREATE INDEX IF NOT EXISTS idx_legacy_kit_challenge_kit_id ON legacy_kit_challenge(kit_id);
CREATE INDEX IF NOT EXISTS idx_legacy_kit_challenge_expires_at ON legacy_kit_challenge(expires_at);

CREATE TABLE IF NOT EXISTS legacy_kit_recovery_session (
    id UUID PRIMARY KEY NOT NULL,
    kit_id UUID NOT NULL REFERENCES legacy_kit(id) ON DELETE CASCADE,
    user_id BIGINT NOT NULL REFERENCES users(user_id) ON DELETE CASCADE,
    status TEXT NOT NULL CHECK (status IN ('WAITING', 'READY', 'BLOCKED', 'CANCELLED', 'RECOVERED')),
    effective_notice_period_in_hrs INT NOT NULL,
    wait_till BIGINT NOT NULL,
    next_reminder_at BIGINT,
    -- Append-only audit hints for successful recovery-open calls. Each entry is
    -- a JSON object with client-reported usedPartIndexes and server-captured
    -- ip/userAgent for that browser or tab.
    initiators JSONB NOT NULL DEFAULT '[]'::jsonb,
    created_at BIGINT NOT NULL DEFAULT now_utc_micro_seconds(),
    updated_at BIGINT NOT NULL DEFAULT now_utc_micro_seconds()
);

CREATE UNIQUE INDEX IF NOT EXISTS idx_legacy_kit_recovery_active_per_kit
    ON legacy_kit_recovery_session(kit_id)
    WHERE status IN ('WAITING', 'READY');

CREATE INDEX IF NOT EXISTS idx_legacy_kit_recovery_user_id ON legacy_kit_recovery_session(user_id);
CREATE INDEX IF NOT EXISTS idx_legacy_kit_recovery_kit_id ON legacy_kit_recovery_session(kit_id);

CREATE TRIGGER update_legacy_kit_recovery_session_updated_at
    BEFORE UPDATE
    ON legacy_kit_recovery_session
    FOR EACH ROW
EXECUTE PROCEDURE
    trigger_updated_at_microseconds_column();

CREATE TABLE IF NOT EXISTS legacy_kit_recovery_session_token (
    id UUID PRIMARY KEY NOT NULL,
    session_id UUID NOT NULL REFERENCES legacy_kit_recovery_session(id) ON DELETE CASCADE,
    -- Base64url(SHA-256(raw session token)). Each browser/tab gets its own raw
    -- token while the server stores only hashed token material.
    token_hash TEXT NOT NULL UNIQUE,
    created_at BIGINT NOT NULL DEFAULT now_utc_micro_seconds()
);

CREATE INDEX IF NOT EXISTS idx_legacy_kit_recovery_session_token_session_id
    ON legacy_kit_recovery_session_token(session_id);
;

-- ===== server/migrations/122_passkey_rp_ids.up.sql
ALTER TABLE passkey_credentials
    ADD COLUMN IF NOT EXISTS rp_id TEXT;

ALTER TABLE webauthn_sessions
    ADD COLUMN IF NOT EXISTS rp_id TEXT;
;

-- ===== server/migrations/123_temp_objects_expiration_time_idx.up.sql
CREATE INDEX CONCURRENTLY IF NOT EXISTS temp_objects_expiration_time_idx
    ON temp_objects (expiration_time);
;

-- ===== server/migrations/124_events.up.sql
CREATE TABLE IF NOT EXISTS events (
    id TEXT NOT NULL,
    event TEXT NOT NULL,
    app TEXT NOT NULL,
    platform TEXT NOT NULL,
    data JSONB NOT NULL DEFAULT '{}'::jsonb CHECK (jsonb_typeof(data) = 'object'),
    user_id BIGINT,
    created_at BIGINT NOT NULL DEFAULT now_utc_micro_seconds(),
    updated_at BIGINT NOT NULL DEFAULT now_utc_micro_seconds()
);

CREATE UNIQUE INDEX IF NOT EXISTS events_id_event_idx ON events(id, event);
CREATE INDEX IF NOT EXISTS events_user_id_idx ON events(user_id);

CREATE TRIGGER update_events_updated_at
    BEFORE UPDATE
    ON events
    FOR EACH ROW
EXECUTE PROCEDURE
    trigger_updated_at_microseconds_column();
;
