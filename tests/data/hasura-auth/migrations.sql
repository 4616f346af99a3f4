-- pytest-pggit test data: Nhost hasura-auth's PostgreSQL migrations, every go/migrations/postgres/*.up.sql
-- in order, as golang-migrate runs them on a database with an empty auth schema
-- (a migration history: a table renamed, columns renamed, retyped and dropped, rows inserted and updated,
-- constraints dropped and added, triggers, comments on every table)
-- Source: https://github.com/nhost/hasura-auth (commit 838f397d0cf53d41fdc474486fdcc554b05ec5b3),
--   go/migrations/postgres/*.up.sql
-- License:
--   MIT (the repository's LICENSE), reproduced here:
--     MIT License
--
--     Copyright (c) Nhost
--
--     Permission is hereby granted, free of charge, to any person obtaining a copy
--     of this software and associated documentation files (the "Software"), to deal
--     in the Software without restriction, including without limitation the rights
--     to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
--     copies of the Software, and to permit persons to whom the Software is
--     furnished to do so, subject to the following conditions:
--
--     The above copyright notice and this permission notice shall be included in all
--     copies or substantial portions of the Software.
--
--     THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
--     IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
--     FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
--     AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
--     LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
--     OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE
--     SOFTWARE.
-- Changes:
--   * first statements create the auth schema (Hasura makes it before) and auth.schema_migrations, as
--     golang-migrate itself does before migrating (00005 comments on it);
--   * each file starts with a "-- ===== <path>" line and ends with a lone ";"

CREATE SCHEMA IF NOT EXISTS auth;
CREATE TABLE IF NOT EXISTS auth.schema_migrations (version bigint NOT NULL, dirty boolean NOT NULL, PRIMARY KEY (version));

-- ===== go/migrations/postgres/00001_create-initial-tables.up.sql
-- start a transaction
BEGIN;

-- extensions
CREATE EXTENSION IF NOT EXISTS citext WITH SCHEMA public;
CREATE EXTENSION IF NOT EXISTS pgcrypto WITH SCHEMA public;


-- functions
CREATE FUNCTION auth.set_current_timestamp_updated_at ()
  RETURNS TRIGGER
  LANGUAGE plpgsql
  AS $$
DECLARE
  _new record;
BEGIN
  _new := new;
  _new. "updated_at" = now();
  RETURN _new;
END;
$$;

-- domains
CREATE DOMAIN auth.email AS public.citext CHECK (value ~ '^[a-zA-Z0-9.!#$%&''*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$');

-- tables
CREATE TABLE auth.user_providers (
  id uuid DEFAULT public.gen_random_uuid () NOT NULL PRIMARY KEY,
  created_at timestamp with time zone DEFAULT now() NOT NULL,
  updated_at timestamp with time zone DEFAULT now() NOT NULL,
  user_id uuid NOT NULL,
  access_token text NOT NULL,
  refresh_token text,
  provider_id text NOT NULL,
  provider_user_id text NOT NULL,
  UNIQUE (user_id, provider_id),
  UNIQUE (provider_id, provider_user_id)
);

CREATE TABLE auth.user_roles (
  id uuid DEFAULT public.gen_random_uuid () NOT NULL PRIMARY KEY,
  created_at timestamp with time zone DEFAULT now() NOT NULL,
  user_id uuid NOT NULL,
  role text NOT NULL,
  UNIQUE (user_id, ROLE)
);

CREATE TABLE auth.users (
  id uuid DEFAULT public.gen_random_uuid () NOT NULL PRIMARY KEY,
  created_at timestamp with time zone DEFAULT now() NOT NULL,
  updated_at timestamp with time zone DEFAULT now() NOT NULL,
  last_seen timestamp with time zone,
  disabled boolean DEFAULT false NOT NULL,
  display_name text DEFAULT '' NOT NULl,
  avatar_url text DEFAULT '' NOT NULL,
  locale varchar(2) NOT NULL,
  email auth.email UNIQUE,
  phone_number text UNIQUE,
  password_hash text,
  email_verified boolean DEFAULT FALSE NOT NULL,
  phone_number_verified boolean DEFAULT FALSE NOT NULL,
  new_email auth.email,
  otp_method_last_used text, -- used to verify the method (sms or email)
  otp_hash text,
  otp_hash_expires_at timestamp with time zone DEFAULT now() NOT NULL,
  default_role text DEFAULT 'user' NOT NULL,
  is_anonymous boolean DEFAULT FALSE NOT NULL,
  totp_secret text,
  active_mfa_type text, -- sms or totp
  ticket text,
  ticket_expires_at timestamp with time zone DEFAULT now() NOT NULL
);

CREATE TABLE auth.providers (
  id text NOT NULL PRIMARY KEY
);

CREATE TABLE auth.refresh_tokens (
  refresh_token uuid NOT NULL PRIMARY KEY,
  created_at timestamp with time zone DEFAULT now() NOT NULL,
  expires_at timestamp with time zone NOT NULL,
  user_id uuid NOT NULL
);

CREATE TABLE auth.roles (
  role text NOT NULL PRIMARY KEY
);

CREATE TABLE auth.provider_requests (
  id uuid NOT NULL PRIMARY KEY,
  redirect_url text NOT NULL
);

-- FKs
ALTER TABLE auth.user_providers
  ADD CONSTRAINT fk_user FOREIGN KEY (user_id) REFERENCES auth.users (id) ON UPDATE CASCADE ON DELETE CASCADE;

ALTER TABLE auth.user_providers
  ADD CONSTRAINT fk_provider FOREIGN KEY (provider_id) REFERENCES auth.providers (id) ON UPDATE CASCADE ON DELETE RESTRICT;

ALTER TABLE auth.user_roles
  ADD CONSTRAINT fk_user FOREIGN KEY (user_id) REFERENCES auth.users (id) ON UPDATE CASCADE ON DELETE CASCADE;

ALTER TABLE auth.user_roles
  ADD CONSTRAINT fk_role FOREIGN KEY (ROLE) REFERENCES auth.roles (ROLE) ON UPDATE CASCADE ON DELETE RESTRICT;

ALTER TABLE auth.users
  ADD CONSTRAINT fk_default_role FOREIGN KEY (default_role) REFERENCES auth.roles (ROLE) ON UPDATE CASCADE ON DELETE RESTRICT;

ALTER TABLE auth.refresh_tokens
  ADD CONSTRAINT fk_user FOREIGN KEY (user_id) REFERENCES auth.users (id) ON UPDATE CASCADE ON DELETE CASCADE;

-- triggers

CREATE TRIGGER set_auth_user_providers_updated_at
  BEFORE UPDATE ON auth.user_providers
  FOR EACH ROW
  EXECUTE FUNCTION auth.set_current_timestamp_updated_at ();

CREATE TRIGGER set_auth_users_updated_at
  BEFORE UPDATE ON auth.users
  FOR EACH ROW
  EXECUTE FUNCTION auth.set_current_timestamp_updated_at ();

-- checks

ALTER TABLE auth.users
ADD CONSTRAINT active_mfa_types_check
CHECK (
	active_mfa_type = 'totp'
	OR active_mfa_type = 'sms'
);

-- data

INSERT INTO auth.roles (ROLE)
  VALUES ('user'), ('anonymous'), ('me');

INSERT INTO auth.providers (id)
  VALUES
    ('github'),
    ('facebook'),
    ('twitter'),
    ('google'),
    ('apple'),
    ('linkedin'),
    ('windowslive'),
    ('spotify'),
    ('strava'),
    ('gitlab'),
    ('bitbucket');

-- commit the change (or roll it back later)
COMMIT;
;

-- ===== go/migrations/postgres/00002_custom-user-fields.up.sql
-- start a transaction
BEGIN;
ALTER TABLE auth.users
ADD COLUMN metadata JSONB;
COMMIT;
;

-- ===== go/migrations/postgres/00003_discord-twitch-providers.up.sql
-- start a transaction
BEGIN;
INSERT INTO auth.providers (id) VALUES ('discord'), ('twitch') ON CONFLICT DO NOTHING;
COMMIT;
;

-- ===== go/migrations/postgres/00004_provider-request-options.up.sql
-- start a transaction
BEGIN;

ALTER TABLE
  auth.provider_requests
DROP COLUMN redirect_url;

ALTER TABLE
  auth.provider_requests
ADD
  COLUMN options JSONB;

COMMIT;
;

-- ===== go/migrations/postgres/00005_table-comments.up.sql
-- Do not add a comment on the auth schema as the postgresql user is not necessarily the owner of the schema
-- comment on schema auth is 'Schema required by Hasura Auth to work. Don''t modify its structure as Hasura Auth relies on it to function properly.';
comment on table auth.schema_migrations is 'Internal table for tracking migrations. Don''t modify its structure as Hasura Auth relies on it to function properly.';
comment on table auth.provider_requests is 'Oauth requests, inserted before redirecting to the provider''s site. Don''t modify its structure as Hasura Auth relies on it to function properly.';
comment on table auth.providers is 'List of available Oauth providers. Don''t modify its structure as Hasura Auth relies on it to function properly.';
comment on table auth.roles is 'Persistent Hasura roles for users. Don''t modify its structure as Hasura Auth relies on it to function properly.';
comment on table auth.users is 'User account information. Don''t modify its structure as Hasura Auth relies on it to function properly.';
comment on table auth.refresh_tokens is 'User refresh tokens. Hasura auth uses them to rotate new access tokens as long as the refresh token is not expired. Don''t modify its structure as Hasura Auth relies on it to function properly.';
comment on table auth.user_providers is 'Active providers for a given user. Don''t modify its structure as Hasura Auth relies on it to function properly.';
comment on table auth.user_roles is 'Roles of users. Don''t modify its structure as Hasura Auth relies on it to function properly.';
;

-- ===== go/migrations/postgres/00006_setup-webauthn.up.sql
-- start a transaction
BEGIN;

ALTER TABLE auth.users
    ADD COLUMN webauthn_current_challenge text;

CREATE TABLE auth.user_authenticators(
    id uuid DEFAULT public.gen_random_uuid () NOT NULL PRIMARY KEY,
    user_id uuid NOT NULL,
    credential_id text UNIQUE NOT NULL,
    credential_public_key bytea,
    counter bigint DEFAULT 0 NOT NULL,
    transports varchar(255) DEFAULT '' NOT NULL
);

COMMENT ON TABLE auth.user_authenticators IS 'User webauthn authenticators. Don''t modify its structure as Hasura Auth relies on it to function properly.';


-- FKs
ALTER TABLE auth.user_authenticators
  ADD CONSTRAINT fk_user FOREIGN KEY (user_id) REFERENCES auth.users (id) ON UPDATE CASCADE ON DELETE CASCADE;

COMMIT;
;

-- ===== go/migrations/postgres/00007_add_authenticator_nickname.up.sql
BEGIN;
ALTER TABLE auth.user_authenticators
  ADD COLUMN nickname text;
COMMIT;
;

-- ===== go/migrations/postgres/00008_workos-provider.up.sql
-- start a transaction
BEGIN;
INSERT INTO auth.providers (id)
    VALUES ('workos')
ON CONFLICT
    DO NOTHING;
COMMIT;
;

-- ===== go/migrations/postgres/00009_rename-authenticator-to-security-key.up.sql
-- start a transaction
BEGIN;
ALTER TABLE auth.user_authenticators RENAME TO user_security_keys;
ALTER TABLE auth.user_security_keys RENAME CONSTRAINT user_authenticators_credential_id_key TO user_security_key_credential_id_key;
ALTER TABLE auth.user_security_keys RENAME CONSTRAINT user_authenticators_pkey TO user_security_keys_pkey;
COMMENT ON TABLE auth.user_security_keys IS 'User webauthn security keys. Don''t modify its structure as Hasura Auth relies on it to function properly.';
COMMIT;
;

-- ===== go/migrations/postgres/00010_azuread-provider.up.sql
-- start a transaction
BEGIN;
INSERT INTO auth.providers (id)
    VALUES ('azuread')
ON CONFLICT
    DO NOTHING;
COMMIT;
;

-- ===== go/migrations/postgres/00011_add_refresh_token_hash_column.up.sql
BEGIN;
ALTER TABLE "auth"."refresh_tokens"
    ADD COLUMN "refresh_token_hash" VARCHAR(255) GENERATED ALWAYS AS (sha256 (refresh_token::text::bytea)) STORED;
COMMENT ON COLUMN "auth"."refresh_tokens"."refresh_token" IS 'DEPRECATED: auto-generated refresh token id. Will be replaced by a genereric id column that will be used as a primary key, not the refresh token itself. Use refresh_token_hash instead.';
COMMIT;
;

-- ===== go/migrations/postgres/00012_add_refresh_token_metadata.up.sql
BEGIN;
ALTER TABLE auth.refresh_tokens
ADD COLUMN metadata JSONB;
COMMIT;
;

-- ===== go/migrations/postgres/00013_add_refresh_token_type.up.sql
BEGIN;
CREATE TYPE auth.refresh_token_type AS ENUM ('regular', 'pat');
ALTER TABLE auth.refresh_tokens
ADD COLUMN type auth.refresh_token_type NOT NULL DEFAULT 'regular';
END;
;

-- ===== go/migrations/postgres/00014_alter_refresh_token_type.up.sql
BEGIN;
ALTER TABLE auth.refresh_tokens ALTER COLUMN type TYPE text;
ALTER TABLE auth.refresh_tokens ALTER COLUMN type DROP DEFAULT;
DROP TYPE IF EXISTS refresh_token_type;
DROP TYPE IF EXISTS auth.refresh_token_type;

CREATE TABLE auth.refresh_token_types (
  value text PRIMARY KEY,
  comment text
);

INSERT INTO auth.refresh_token_types (value, comment) VALUES
  ('regular', 'Regular refresh token'),
  ('pat', 'Personal access token');
ALTER TABLE auth.refresh_tokens ADD CONSTRAINT refresh_tokens_types_fkey FOREIGN KEY (type) REFERENCES auth.refresh_token_types (value) ON DELETE RESTRICT ON UPDATE RESTRICT;
ALTER TABLE auth.refresh_tokens ALTER COLUMN type SET DEFAULT 'regular';
COMMIT;
;

-- ===== go/migrations/postgres/00015_rename_refresh_token_column.up.sql
BEGIN;
ALTER TABLE auth.refresh_tokens
RENAME COLUMN refresh_token TO id;
COMMENT ON COLUMN auth.refresh_tokens.id IS NULL;
ALTER TABLE auth.refresh_tokens ALTER COLUMN id SET DEFAULT gen_random_uuid();
ALTER TABLE auth.refresh_tokens RENAME COLUMN refresh_token_hash TO refresh_token_hash_old;
ALTER TABLE auth.refresh_tokens ADD COLUMN refresh_token_hash VARCHAR(255);
UPDATE auth.refresh_tokens SET refresh_token_hash = refresh_token_hash_old;
ALTER TABLE auth.refresh_tokens DROP COLUMN refresh_token_hash_old;
COMMIT;
;

-- ===== go/migrations/postgres/00016_index_on_refresh_tokens.up.sql
CREATE INDEX IF NOT EXISTS refresh_tokens_refresh_token_hash_expires_at_user_id_idx ON
  auth.refresh_tokens (refresh_token_hash, expires_at, user_id);
;

-- ===== go/migrations/postgres/00017_drop_user_providers_user_id_provider_id_key.up.sql
ALTER TABLE ONLY auth.user_providers
    DROP CONSTRAINT IF EXISTS user_providers_user_id_provider_id_key;
;

-- ===== go/migrations/postgres/00018_entraid-provider.up.sql
-- start a transaction
BEGIN;
INSERT INTO auth.providers (id)
    VALUES ('entraid')
ON CONFLICT
    DO NOTHING;
COMMIT;
;
