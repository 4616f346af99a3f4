-- pytest-pggit test data: Coder's (remote development environments) PostgreSQL migrations, every
-- coderd/database/migrations/*.up.sql in order, as golang-migrate runs them on an empty database
-- (362 migrations: enums rebuilt by the create-new/convert/drop/rename swap, columns renamed and
-- re-added under the old name, uuid -> bigserial and text[] -> jsonb retypes with a view over the
-- column, tables renamed, triggers and plpgsql functions replaced, a domain over jsonb, many
-- data-only migrations (notification templates) that change no schema)
-- Source: https://github.com/coder/coder, coderd/database/migrations/*.up.sql, as in the fork
--   snapshot https://github.com/DanielRondonGarcia/coder (commit f80a7ca04fe0f107b41d25349486c5f674660367,
--   2025-09-01; migrations 000001..000362)
-- License:
--   AGPL-3.0 (the repository's LICENSE: GNU Affero General Public License, version 3).
-- Changes:
--   * each file starts with a "-- ===== <path>" line and ends with a lone ";"

-- ===== coderd/database/migrations/000001_base.up.sql
-- This migration creates tables and types for v1 if they do not exist.
-- This allows v2 to operate independently of v1, but share data if it exists.
-- 
-- All tables and types are stolen from:
-- https://github.com/coder/m/blob/47b6fc383347b9f9fab424d829c482defd3e1fe2/product/coder/pkg/database/dump.sql

CREATE TYPE login_type AS ENUM (
    'password',
    'github'
);

CREATE TABLE IF NOT EXISTS users (
    id uuid NOT NULL,
    email text NOT NULL,
    username text DEFAULT ''::text NOT NULL,
    hashed_password bytea NOT NULL,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    PRIMARY KEY (id)
);

CREATE UNIQUE INDEX IF NOT EXISTS idx_users_email ON users USING btree (email);
CREATE UNIQUE INDEX IF NOT EXISTS idx_users_username ON users USING btree (username);
CREATE UNIQUE INDEX IF NOT EXISTS users_username_lower_idx ON users USING btree (lower(username));

CREATE TABLE IF NOT EXISTS organizations (
    id uuid NOT NULL,
    name text NOT NULL,
    description text NOT NULL,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    PRIMARY KEY (id)
);

CREATE UNIQUE INDEX IF NOT EXISTS idx_organization_name ON organizations USING btree (name);
CREATE UNIQUE INDEX IF NOT EXISTS idx_organization_name_lower ON organizations USING btree (lower(name));

CREATE TABLE IF NOT EXISTS organization_members (
    user_id uuid NOT NULL,
    organization_id uuid NOT NULL,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    roles text [] DEFAULT '{organization-member}' :: text [] NOT NULL,
    PRIMARY KEY (organization_id, user_id)
);

CREATE INDEX idx_organization_member_organization_id_uuid ON organization_members USING btree (organization_id);
CREATE INDEX idx_organization_member_user_id_uuid ON organization_members USING btree (user_id);

ALTER TABLE ONLY organization_members
    ADD CONSTRAINT organization_members_organization_id_uuid_fkey FOREIGN KEY (organization_id) REFERENCES organizations(id) ON DELETE CASCADE;
ALTER TABLE ONLY organization_members
    ADD CONSTRAINT organization_members_user_id_uuid_fkey FOREIGN KEY (user_id) REFERENCES users(id) ON DELETE CASCADE;

CREATE TABLE IF NOT EXISTS api_keys (
    id text NOT NULL,
    hashed_secret bytea NOT NULL,
    user_id uuid NOT NULL,
    last_used timestamp with time zone NOT NULL,
    expires_at timestamp with time zone NOT NULL,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    login_type login_type NOT NULL,
    oauth_access_token text DEFAULT ''::text NOT NULL,
    oauth_refresh_token text DEFAULT ''::text NOT NULL,
    oauth_id_token text DEFAULT ''::text NOT NULL,
    oauth_expiry timestamp with time zone DEFAULT '0001-01-01 00:00:00+00'::timestamp with time zone NOT NULL,
    PRIMARY KEY (id)
);

CREATE INDEX IF NOT EXISTS idx_api_keys_user ON api_keys USING btree (user_id);

ALTER TABLE ONLY api_keys
    ADD CONSTRAINT api_keys_user_id_uuid_fkey FOREIGN KEY (user_id) REFERENCES users(id) ON DELETE CASCADE;

CREATE TABLE IF NOT EXISTS licenses (
    id serial,
    license jsonb NOT NULL,
    created_at timestamptz NOT NULL,
    PRIMARY KEY (id)
);

;

-- ===== coderd/database/migrations/000002_templates.up.sql
-- Store arbitrary data like template source code or avatars.
CREATE TABLE files (
    hash varchar(64) NOT NULL,
    created_at timestamptz NOT NULL,
    -- foreign key?
    created_by uuid NOT NULL,
    mimetype varchar(64) NOT NULL,
    data bytea NOT NULL,
    PRIMARY KEY (hash)
);

CREATE TYPE provisioner_type AS ENUM ('echo', 'terraform');

-- Template defines infrastructure that your software template
-- requires for development.
CREATE TABLE templates (
    id uuid NOT NULL,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL,
    -- Templates must be scoped to an organization.
    organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    deleted boolean NOT NULL DEFAULT FALSE,
    name varchar(64) NOT NULL,
    provisioner provisioner_type NOT NULL,
    -- Target's a Template Version to use for Workspaces.
    -- If a Workspace doesn't match this version, it will be prompted to rebuild.
    active_version_id uuid NOT NULL,
    PRIMARY KEY (id),
    -- Disallow templates to have the same name under
    -- the same organization.
    UNIQUE(organization_id, name)
);

-- Enforces no active templates have the same name.
CREATE UNIQUE INDEX ON templates (organization_id, name) WHERE deleted = FALSE;
CREATE UNIQUE INDEX idx_templates_name_lower ON templates USING btree (lower(name));

-- Template Versions store historical template data. When a Template Version is imported,
-- an "import" job is queued to parse parameters. A Template Version
-- can only be used if the import job succeeds.
CREATE TABLE template_versions (
    id uuid NOT NULL,
    -- This should be indexed. It is intentionally nullable.
    template_id uuid REFERENCES templates (id) ON DELETE CASCADE,
    organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL,
    -- Name is generated for ease of differentiation.
    -- eg. TheCozyRabbit16
    name varchar(64) NOT NULL,
    -- Extracted from a README.md on import.
    -- Maximum of 1MB.
    description varchar(1048576) NOT NULL,
    -- The job ID for building the template version.
    job_id uuid NOT NULL,
    PRIMARY KEY (id),
    -- Disallow templates to have the same build name
    -- multiple times.
    UNIQUE(template_id, name)
);

;

-- ===== coderd/database/migrations/000003_workspaces.up.sql
CREATE TABLE workspaces (
    id uuid NOT NULL,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL,
    -- Use ON DELETE RESTRICT so that we can cleanup external workspace
    -- resources first.
    owner_id uuid NOT NULL REFERENCES users (id) ON DELETE RESTRICT,
    organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE RESTRICT,
    template_id uuid NOT NULL REFERENCES templates (id) ON DELETE RESTRICT,
    deleted boolean NOT NULL DEFAULT FALSE,
    name varchar(64) NOT NULL,
    PRIMARY KEY (id)
);

-- Enforces no active workspaces have the same name.
CREATE UNIQUE INDEX ON workspaces USING btree (owner_id, lower(name)) WHERE deleted = FALSE;

CREATE TYPE workspace_transition AS ENUM (
    'start',
    'stop',
    'delete'
);


;

-- ===== coderd/database/migrations/000004_jobs.up.sql
CREATE TABLE IF NOT EXISTS provisioner_daemons (
    id uuid NOT NULL,
    created_at timestamptz NOT NULL,
    updated_at timestamptz,
    organization_id uuid,
    -- Name is generated for ease of differentiation.
    -- eg. WowBananas16
    name varchar(64) NOT NULL UNIQUE,
    provisioners provisioner_type [ ] NOT NULL,
    PRIMARY KEY (id)
);

CREATE TYPE provisioner_job_type AS ENUM (
    'template_version_import',
    'workspace_build'
);

CREATE TYPE provisioner_storage_method AS ENUM ('file');

CREATE TABLE IF NOT EXISTS provisioner_jobs (
    id uuid NOT NULL,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL,
    started_at timestamptz,
    canceled_at timestamptz,
    completed_at timestamptz,
    error text,
    organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    -- foreign key?
    initiator_id uuid NOT NULL,
    provisioner provisioner_type NOT NULL,
    storage_method provisioner_storage_method NOT NULL,
    storage_source text NOT NULL,
    type provisioner_job_type NOT NULL,
    input jsonb NOT NULL,
    worker_id uuid,
    PRIMARY KEY (id)
);

CREATE TYPE log_level AS ENUM (
    'trace',
    'debug',
    'info',
    'warn',
    'error'
);

CREATE TYPE log_source AS ENUM (
    'provisioner_daemon',
    'provisioner'
);

CREATE TABLE IF NOT EXISTS provisioner_job_logs (
    id uuid NOT NULL,
    job_id uuid NOT NULL REFERENCES provisioner_jobs (id) ON DELETE CASCADE,
    created_at timestamptz NOT NULL,
    source log_source NOT NULL,
    level log_level NOT NULL,
    stage varchar(128) NOT NULL,
    output varchar(1024) NOT NULL,
    PRIMARY KEY (id)
);

CREATE TABLE workspace_resources (
    id uuid NOT NULL,
    created_at timestamptz NOT NULL,
    job_id uuid NOT NULL REFERENCES provisioner_jobs (id) ON DELETE CASCADE,
    transition workspace_transition NOT NULL,
    type varchar(192) NOT NULL,
    name varchar(64) NOT NULL,
    PRIMARY KEY (id)
);

CREATE TABLE workspace_agents (
    id uuid NOT NULL,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL,
    name varchar(64) NOT NULL,
    first_connected_at timestamptz,
    last_connected_at timestamptz,
    disconnected_at timestamptz,
    resource_id uuid NOT NULL REFERENCES workspace_resources (id) ON DELETE CASCADE,
    auth_token uuid NOT NULL,
    auth_instance_id varchar(64),
    architecture varchar(64) NOT NULL,
    environment_variables jsonb,
    operating_system varchar(64) NOT NULL,
    startup_script varchar(65534),
    instance_metadata jsonb,
    resource_metadata jsonb,
    PRIMARY KEY (id)
);

CREATE TYPE parameter_scope AS ENUM (
     'organization',
     'template',
     'import_job',
     'user',
     'workspace'
);

-- Types of parameters the automator supports.
CREATE TYPE parameter_type_system AS ENUM ('none', 'hcl');

-- Supported schemes for a parameter source.
CREATE TYPE parameter_source_scheme AS ENUM('none', 'data');

-- Supported schemes for a parameter destination.
CREATE TYPE parameter_destination_scheme AS ENUM('none', 'environment_variable', 'provisioner_variable');

-- Stores template version parameters parsed on import.
-- No secrets are stored here.
-- 
-- All parameter validation occurs server-side to process
-- complex validations.
-- 
-- Parameter types, description, and validation will produce
-- a UI for users to enter values.
-- Needs to be made consistent with the examples below.
CREATE TABLE parameter_schemas (
    id uuid NOT NULL,
    created_at timestamptz NOT NULL,
    job_id uuid NOT NULL REFERENCES provisioner_jobs (id) ON DELETE CASCADE,
    name varchar(64) NOT NULL,
    description varchar(8192) NOT NULL DEFAULT '',
    default_source_scheme parameter_source_scheme,
    default_source_value text NOT NULL,
    -- Allows the user to override the source.
    allow_override_source boolean NOT null,
    default_destination_scheme parameter_destination_scheme,
    -- Allows the user to override the destination.
    allow_override_destination boolean NOT null,
    default_refresh text NOT NULL,
    -- Whether the consumer can view the source and destinations.
    redisplay_value boolean NOT null,
    -- This error would appear in the UI if the condition is not met.
    validation_error varchar(256) NOT NULL,
    validation_condition varchar(512) NOT NULL,
    validation_type_system parameter_type_system NOT NULL,
    validation_value_type varchar(64) NOT NULL,
    PRIMARY KEY (id),
    UNIQUE(job_id, name)
);

-- Parameters are provided to jobs for provisioning and to workspaces.
CREATE TABLE parameter_values (
    id uuid NOT NULL,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL,
    scope parameter_scope NOT NULL,
    scope_id uuid NOT NULL,
    name varchar(64) NOT NULL,
    source_scheme parameter_source_scheme NOT NULL,
    source_value text NOT NULL,
    destination_scheme parameter_destination_scheme NOT NULL,
    PRIMARY KEY (id),
    -- Prevents duplicates for parameters in the same scope.
    UNIQUE(scope_id, name)
);

CREATE TABLE workspace_builds (
    id uuid NOT NULL,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL,
    workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    template_version_id uuid NOT NULL REFERENCES template_versions (id) ON DELETE CASCADE,
    name varchar(64) NOT NULL,
    build_number integer NOT NULL,
    transition workspace_transition NOT NULL,
    initiator_id uuid NOT NULL,
    -- State stored by the provisioner
    provisioner_state bytea,
    -- Job ID of the action
    job_id uuid NOT NULL UNIQUE REFERENCES provisioner_jobs (id) ON DELETE CASCADE,
    PRIMARY KEY (id),
    UNIQUE(workspace_id, name),
    UNIQUE(workspace_id, build_number)
);

;

-- ===== coderd/database/migrations/000005_gitsshkey.up.sql
CREATE TABLE IF NOT EXISTS gitsshkeys (
    user_id uuid PRIMARY KEY NOT NULL REFERENCES users (id),
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL,
    private_key text NOT NULL,
    public_key text NOT NULL
);

;

-- ===== coderd/database/migrations/000006_workspace_autostartstop.up.sql
ALTER TABLE ONLY workspaces
    ADD COLUMN IF NOT EXISTS autostart_schedule text DEFAULT NULL,
    ADD COLUMN IF NOT EXISTS autostop_schedule text DEFAULT NULL;

;

-- ===== coderd/database/migrations/000007_user_status.up.sql
CREATE TYPE user_status AS ENUM ('active', 'suspended');

ALTER TABLE ONLY users
    ADD COLUMN IF NOT EXISTS status user_status NOT NULL DEFAULT 'active';

;

-- ===== coderd/database/migrations/000008_rbac_roles.up.sql
ALTER TABLE ONLY users
	ADD COLUMN IF NOT EXISTS rbac_roles text[] DEFAULT '{}' NOT NULL;

-- All users are site members. So give them the standard role.
-- Also give them membership to the first org we retrieve. We should only have
-- 1 organization at this point in the product.
UPDATE
    users
SET
    rbac_roles = ARRAY ['member', 'organization-member:' || (SELECT id FROM organizations LIMIT 1)];

-- Give the first user created the admin role
UPDATE
	users
SET
	rbac_roles = rbac_roles || ARRAY ['admin']
WHERE
	id = (SELECT id FROM users ORDER BY created_at ASC LIMIT 1)

;

-- ===== coderd/database/migrations/000009_agent_directory.up.sql
ALTER TABLE ONLY workspace_agents
    -- UNIX paths are a maximum length of 4096.
    ADD COLUMN IF NOT EXISTS directory varchar(4096) DEFAULT '' NOT NULL;

;

-- ===== coderd/database/migrations/000010_audit_logs.up.sql
CREATE TYPE resource_type AS ENUM (
    'organization',
    'template',
    'template_version',
    'user',
    'workspace'
);

CREATE TYPE audit_action AS ENUM (
    'create',
    -- We intentionally do not track reads. They're way too spammy.
    'write',
    'delete'
);

CREATE TABLE audit_logs (
    id uuid NOT NULL,
    "time" timestamp with time zone NOT NULL,
    user_id uuid NOT NULL,
    organization_id uuid NOT NULL,
    ip inet NOT NULL,
    user_agent varchar(256) NOT NULL,
    resource_type resource_type NOT NULL,
    resource_id uuid NOT NULL,
    -- resource_target is the name of the resource that `resource_id` points to.
    -- it's stored here because resources we point to can be deleted.
    resource_target text NOT NULL,
    action audit_action NOT NULL,
    diff jsonb NOT NULL,
    status_code integer NOT NULL,
    PRIMARY KEY (id)
);

CREATE INDEX idx_audit_logs_time_desc ON audit_logs USING btree ("time" DESC);
CREATE INDEX idx_audit_log_user_id ON audit_logs USING btree (user_id);
CREATE INDEX idx_audit_log_organization_id ON audit_logs USING btree (organization_id);
CREATE INDEX idx_audit_log_resource_id ON audit_logs USING btree (resource_id);

;

-- ===== coderd/database/migrations/000011_template_description.up.sql
ALTER TABLE templates ADD COLUMN description VARCHAR(128) NOT NULL DEFAULT '';

;

-- ===== coderd/database/migrations/000012_template_version_readme.up.sql
ALTER TABLE template_versions RENAME description TO readme;

;

-- ===== coderd/database/migrations/000013_autostop_ttl.up.sql
ALTER TABLE ONLY workspaces DROP COLUMN autostop_schedule;
ALTER TABLE ONLY workspaces ADD COLUMN ttl BIGINT DEFAULT NULL;

;

-- ===== coderd/database/migrations/000014_provisioner_daemons_organization_id.up.sql
ALTER TABLE provisioner_daemons DROP COLUMN organization_id;
;

-- ===== coderd/database/migrations/000015_workspacebuild_deadline.up.sql
ALTER TABLE ONLY workspace_builds ADD COLUMN deadline TIMESTAMPTZ NOT NULL DEFAULT TIMESTAMPTZ '0001-01-01 00:00:00+00:00';

;

-- ===== coderd/database/migrations/000016_api_key_lifetime.up.sql
-- Default lifetime is 24hours.
ALTER TABLE api_keys ADD COLUMN lifetime_seconds bigint default 86400 NOT NULL;

;

-- ===== coderd/database/migrations/000017_drop_member_roles.up.sql
--- Remove the now implied 'member' role.
UPDATE
	users
SET
	rbac_roles = array_remove(rbac_roles, 'member');

--- Remove the now implied 'organization-member' role.
UPDATE
	organization_members
SET
	roles = array_remove(roles, 'organization-member:'||organization_id::text);

;

-- ===== coderd/database/migrations/000018_provisioner_job_type_dry_run.up.sql
CREATE TYPE new_provisioner_job_type AS ENUM (
    'template_version_import',
    'workspace_build',
    'template_version_dry_run'
);

ALTER TABLE provisioner_jobs
	ALTER COLUMN "type" TYPE new_provisioner_job_type USING ("type"::text::new_provisioner_job_type);

DROP TYPE provisioner_job_type;
ALTER TYPE new_provisioner_job_type RENAME TO provisioner_job_type;

;

-- ===== coderd/database/migrations/000019_drop_org_user_parameter_scope.up.sql
-- We no longer support org or user scoped values, so delete them
DELETE FROM parameter_values WHERE scope IN ('organization', 'user');

CREATE TYPE new_parameter_scope AS ENUM (
     'template',
     'import_job',
     'workspace'
);
ALTER TABLE parameter_values ALTER COLUMN scope TYPE new_parameter_scope USING (scope::text::new_parameter_scope);
DROP TYPE parameter_scope;
ALTER TYPE new_parameter_scope RENAME TO parameter_scope;

;

-- ===== coderd/database/migrations/000020_workspace_apps.up.sql
CREATE TABLE workspace_apps (
    id uuid NOT NULL,
    created_at timestamp with time zone NOT NULL,
    agent_id uuid NOT NULL REFERENCES workspace_agents (id) ON DELETE CASCADE,
    name varchar(64) NOT NULL,
    icon varchar(256) NOT NULL,
    command varchar(65534),
    url varchar(65534),
    relative_path boolean NOT NULL DEFAULT false,
    PRIMARY KEY (id),
    UNIQUE(agent_id, name)
);

;

-- ===== coderd/database/migrations/000021_template_autobuild_constraints.up.sql
ALTER TABLE ONLY templates ADD COLUMN IF NOT EXISTS max_ttl BIGINT NOT NULL DEFAULT 604800000000000; -- 168 hours
ALTER TABLE ONLY templates ADD COLUMN IF NOT EXISTS min_autostart_interval BIGINT NOT NULL DEFAULT 3600000000000; -- 1 hour

;

-- ===== coderd/database/migrations/000022_template_created_by.up.sql
ALTER TABLE ONLY templates ADD COLUMN IF NOT EXISTS created_by uuid REFERENCES users (id) ON DELETE RESTRICT;

;

-- ===== coderd/database/migrations/000023_template_created_by_not_null.up.sql
UPDATE
    templates
SET
    created_by = (
        SELECT user_id FROM organization_members
        WHERE organization_members.organization_id = templates.organization_id
        ORDER BY created_at
        LIMIT 1
    )
WHERE
    created_by IS NULL;


ALTER TABLE ONLY templates ALTER COLUMN created_by SET NOT NULL;

;

-- ===== coderd/database/migrations/000024_site_config.up.sql
CREATE TABLE IF NOT EXISTS site_configs (
    key varchar(256) NOT NULL UNIQUE,
    value varchar(8192) NOT NULL
);

;

-- ===== coderd/database/migrations/000025_workspace_build_reason.up.sql
CREATE TYPE build_reason AS ENUM ('initiator', 'autostart', 'autostop');

ALTER TABLE ONLY workspace_builds
    ADD COLUMN IF NOT EXISTS reason build_reason NOT NULL DEFAULT 'initiator';

;

-- ===== coderd/database/migrations/000026_allow_template_name_re_use.up.sql
DROP INDEX idx_templates_name_lower;
DROP INDEX templates_organization_id_name_idx;
CREATE UNIQUE INDEX templates_organization_id_name_idx ON templates (organization_id, lower(name)) WHERE deleted = false;

ALTER TABLE ONLY templates DROP CONSTRAINT templates_organization_id_name_key;

;

-- ===== coderd/database/migrations/000027_apikey_ip.up.sql
ALTER TABLE ONLY api_keys
    ADD COLUMN IF NOT EXISTS ip_address inet NOT NULL DEFAULT '0.0.0.0';

;

-- ===== coderd/database/migrations/000028_wireguard.up.sql
ALTER TABLE workspace_agents
    ADD COLUMN wireguard_node_ipv6 inet NOT NULL DEFAULT '::/128',
    ADD COLUMN wireguard_node_public_key varchar(128) NOT NULL DEFAULT 'nodekey:0000000000000000000000000000000000000000000000000000000000000000',
    ADD COLUMN wireguard_disco_public_key varchar(128) NOT NULL DEFAULT 'discokey:0000000000000000000000000000000000000000000000000000000000000000';

;

-- ===== coderd/database/migrations/000029_variable_order.up.sql
-- temporarily create index column as nullable
ALTER TABLE parameter_schemas ADD COLUMN index integer;

-- initialize ordering for existing parameters
WITH tmp AS (
	SELECT id, row_number() OVER (PARTITION BY job_id ORDER BY name) AS index
	FROM parameter_schemas
)
UPDATE parameter_schemas
SET index = tmp.index
FROM tmp
WHERE parameter_schemas.id = tmp.id;

-- all rows should now be initialized
ALTER TABLE parameter_schemas ALTER COLUMN index SET NOT NULL;

;

-- ===== coderd/database/migrations/000030_template_version_created_by.up.sql

ALTER TABLE ONLY template_versions ADD COLUMN IF NOT EXISTS created_by uuid REFERENCES users (id) ON DELETE RESTRICT;

UPDATE
    template_versions
SET
    created_by = (
        SELECT created_by FROM templates
        WHERE template_versions.template_id = templates.id
        LIMIT 1
    )
WHERE
    created_by IS NULL;

;

-- ===== coderd/database/migrations/000031_agent_auth_instance_id.up.sql
ALTER TABLE workspace_agents ALTER COLUMN auth_instance_id TYPE character varying;

;

-- ===== coderd/database/migrations/000032_oidc.up.sql
CREATE TYPE new_login_type AS ENUM (
    'password',
    'github',
    'oidc'
);
ALTER TABLE api_keys ALTER COLUMN login_type TYPE new_login_type USING (login_type::text::new_login_type);
DROP TYPE login_type;
ALTER TYPE new_login_type RENAME TO login_type;

;

-- ===== coderd/database/migrations/000033_resource_metadata.up.sql
CREATE TABLE IF NOT EXISTS workspace_resource_metadata (
	workspace_resource_id uuid NOT NULL,
	key varchar(1024) NOT NULL,
	value varchar(65536),
	sensitive boolean NOT NULL,
	PRIMARY KEY (workspace_resource_id, key),
	FOREIGN KEY (workspace_resource_id) REFERENCES workspace_resources (id) ON DELETE CASCADE
);

;

-- ===== coderd/database/migrations/000034_remove_admin_role.up.sql
UPDATE
    users
SET
    -- Replace the role 'admin' with the role 'owner'
    rbac_roles = array_replace(rbac_roles, 'admin', 'owner')
WHERE
    -- Update the first user with the role 'admin'. This should be the first
    -- user ever, but if that user was demoted from an admin, then choose
    -- the next best user.
    id = (SELECT id FROM users WHERE 'admin' = ANY(rbac_roles) ORDER BY created_at ASC LIMIT 1);


UPDATE
    users
SET
    -- Replace 'admin' role with 'template-admin' and 'user-admin'
    rbac_roles = array_cat(array_remove(rbac_roles, 'admin'), ARRAY ['template-admin', 'user-admin'])
WHERE
    -- Only on existing admins
    'admin' = ANY(rbac_roles);

;

-- ===== coderd/database/migrations/000035_linked_user_id.up.sql
CREATE TABLE IF NOT EXISTS user_links (
	user_id uuid NOT NULL,
	login_type login_type NOT NULL,
	linked_id text DEFAULT ''::text NOT NULL,
	oauth_access_token text DEFAULT ''::text NOT NULL,
	oauth_refresh_token text DEFAULT ''::text NOT NULL,
	oauth_expiry timestamp with time zone DEFAULT '0001-01-01 00:00:00+00'::timestamp with time zone NOT NULL,
	PRIMARY KEY(user_id, login_type),
	FOREIGN KEY (user_id) REFERENCES users(id) ON DELETE CASCADE
);

-- This migrates columns on api_keys to the new user_links table.
-- It does this by finding all the API keys for each user, choosing
-- the most recently updated for each one and then assigning its relevant
-- values to the user_links table.
-- A user should at most have a row for an OIDC account and a Github account.
-- 'password' login types are ignored.

INSERT INTO user_links
	(
		user_id,
		login_type,
		linked_id,
		oauth_access_token,
		oauth_refresh_token,
		oauth_expiry
	)
SELECT
	keys.user_id,
	keys.login_type,
	'',
	keys.oauth_access_token,
	keys.oauth_refresh_token,
	keys.oauth_expiry
FROM
	(
		SELECT
			row_number() OVER (partition by user_id, login_type ORDER BY last_used DESC) AS x,
			api_keys.* FROM api_keys
	) as keys
WHERE x=1 AND keys.login_type != 'password';

-- Drop columns that have been migrated to user_links.
-- It appears the 'oauth_id_token' was unused and so it has
-- been dropped here as well to avoid future confusion.
ALTER TABLE api_keys
	DROP COLUMN oauth_access_token,
	DROP COLUMN oauth_refresh_token,
	DROP COLUMN oauth_id_token,
	DROP COLUMN oauth_expiry;

ALTER TABLE users ADD COLUMN login_type login_type NOT NULL DEFAULT 'password';

UPDATE
	users
SET
	login_type =  (
		SELECT
			login_type
		FROM
			user_links
		WHERE
			user_links.user_id = users.id
		ORDER BY oauth_expiry DESC
		LIMIT 1
	)
FROM
	user_links
WHERE
	user_links.user_id = users.id;

;

-- ===== coderd/database/migrations/000036_template_icon.up.sql
ALTER TABLE templates ADD COLUMN icon VARCHAR(256) NOT NULL DEFAULT '';

;

-- ===== coderd/database/migrations/000037_jwt_licenses.up.sql
-- No valid licenses should exist, but to be sure, drop all rows
DELETE FROM licenses;
ALTER TABLE licenses DROP COLUMN license;
ALTER TABLE licenses RENAME COLUMN created_at to uploaded_at;
ALTER TABLE licenses ADD COLUMN jwt text NOT NULL;
-- prevent adding the same license more than once
ALTER TABLE licenses ADD CONSTRAINT licenses_jwt_key UNIQUE (jwt);
ALTER TABLE licenses ADD COLUMN exp timestamp with time zone NOT NULL;
COMMENT ON COLUMN licenses.exp IS 'exp tracks the claim of the same name in the JWT, and we include it here so that we can easily query for licenses that have not yet expired.';


;

-- ===== coderd/database/migrations/000038_template_max_ttl_cap_7_days.up.sql
-- Set a cap of 7 days on template max_ttl
--
-- NOTE: this migration was added in August 2022, but the cap has been changed
--       to 30 days in July 2023.
UPDATE templates SET max_ttl = 604800000000000 WHERE max_ttl > 604800000000000;

;

-- ===== coderd/database/migrations/000039_add_workspace_agent_version.up.sql
ALTER TABLE ONLY workspace_agents ADD COLUMN version text DEFAULT ''::text NOT NULL;
COMMENT ON COLUMN workspace_agents.version IS 'Version tracks the version of the currently running workspace agent. Workspace agents register their version upon start.';

;

-- ===== coderd/database/migrations/000040_audit_addtl_fields.up.sql
ALTER TABLE audit_logs
    ADD COLUMN additional_fields jsonb NOT NULL DEFAULT '{}'::jsonb,
    ADD COLUMN request_id uuid NOT NULL DEFAULT '00000000-0000-0000-0000-000000000000'::uuid,
    ADD COLUMN resource_icon text NOT NULL DEFAULT '';

ALTER TABLE audit_logs
    ALTER COLUMN additional_fields DROP DEFAULT,
    ALTER COLUMN request_id DROP DEFAULT,
    ALTER COLUMN resource_icon DROP DEFAULT;

;

-- ===== coderd/database/migrations/000041_tailnet.up.sql
ALTER TABLE workspace_agents DROP COLUMN wireguard_node_ipv6;
ALTER TABLE workspace_agents DROP COLUMN wireguard_node_public_key;
ALTER TABLE workspace_agents DROP COLUMN wireguard_disco_public_key;

;

-- ===== coderd/database/migrations/000042_agent_stats.up.sql
CREATE TABLE agent_stats (
    id uuid NOT NULL,
    PRIMARY KEY (id),
    created_at timestamptz NOT NULL,
    user_id uuid NOT NULL,
    agent_id uuid NOT NULL,
    workspace_id uuid NOT NULL,
    template_id uuid NOT NULL,
    payload jsonb NOT NULL
);

-- We use created_at for DAU analysis and pruning.
CREATE INDEX idx_agent_stats_created_at ON agent_stats USING btree (created_at);

-- We perform user grouping to analyze DAUs.
CREATE INDEX idx_agent_stats_user_id ON agent_stats USING btree (user_id);

;

-- ===== coderd/database/migrations/000043_workspace_last_used.up.sql
ALTER TABLE workspaces
    ADD COLUMN last_used_at timestamp NOT NULL DEFAULT '0001-01-01 00:00:00+00:00';

;

-- ===== coderd/database/migrations/000044_user_avatars.up.sql
ALTER TABLE users
    ADD COLUMN avatar_url text;

;

-- ===== coderd/database/migrations/000045_workspacebuildname.up.sql
ALTER TABLE workspace_builds
    DROP COLUMN name;

;

-- ===== coderd/database/migrations/000046_more_resource_types.up.sql
CREATE TYPE new_resource_type AS ENUM (
    'organization',
    'template',
    'template_version',
    'user',
    'workspace',
    'git_ssh_key',
    'api_key'
);

ALTER TABLE audit_logs
	ALTER COLUMN resource_type TYPE new_resource_type USING(resource_type::text::new_resource_type);

DROP TYPE resource_type;
ALTER TYPE new_resource_type RENAME TO resource_type;

;

-- ===== coderd/database/migrations/000047_workspace_resource_hide.up.sql
ALTER TABLE workspace_resources
    ADD COLUMN hide boolean DEFAULT false NOT NULL;

;

-- ===== coderd/database/migrations/000048_userdelete.up.sql
ALTER TABLE users
    ADD COLUMN deleted boolean DEFAULT false NOT NULL;

DROP INDEX idx_users_email;
DROP INDEX idx_users_username;
DROP INDEX users_username_lower_idx;
CREATE UNIQUE INDEX idx_users_email ON users USING btree (email) WHERE deleted = false;
CREATE UNIQUE INDEX idx_users_username ON users USING btree (username) WHERE deleted = false;
CREATE UNIQUE INDEX users_username_lower_idx ON users USING btree (lower(username)) WHERE deleted = false;

;

-- ===== coderd/database/migrations/000049_workspace_resource_icon.up.sql
ALTER TABLE workspace_resources
    ADD COLUMN icon VARCHAR(256) NOT NULL DEFAULT ''

;

-- ===== coderd/database/migrations/000050_apikey_scope.up.sql
CREATE TYPE api_key_scope AS ENUM (
    'all',
    'application_connect'
);

ALTER TABLE api_keys ADD COLUMN scope api_key_scope NOT NULL DEFAULT 'all';

;

-- ===== coderd/database/migrations/000051_comment_on_api_key_secret.up.sql
COMMENT ON COLUMN api_keys.hashed_secret
IS 'hashed_secret contains a SHA256 hash of the key secret. This is considered a secret and MUST NOT be returned from the API as it is used for API key encryption in app proxying code.';

;

-- ===== coderd/database/migrations/000052_workspace_app_health.up.sql
CREATE TYPE workspace_app_health AS ENUM ('disabled', 'initializing', 'healthy', 'unhealthy');

ALTER TABLE ONLY workspace_apps
	ADD COLUMN IF NOT EXISTS healthcheck_url text NOT NULL DEFAULT '',
	ADD COLUMN IF NOT EXISTS healthcheck_interval int NOT NULL DEFAULT 0,
	ADD COLUMN IF NOT EXISTS healthcheck_threshold int NOT NULL DEFAULT 0,
    ADD COLUMN IF NOT EXISTS health workspace_app_health NOT NULL DEFAULT 'disabled';

;

-- ===== coderd/database/migrations/000053_last_seen_at.up.sql
ALTER TABLE ONLY users
	ADD COLUMN last_seen_at timestamp NOT NULL DEFAULT '0001-01-01 00:00:00+00:00';

;

-- ===== coderd/database/migrations/000054_email_case.up.sql
CREATE UNIQUE INDEX IF NOT EXISTS users_email_lower_idx ON users USING btree (lower(email)) WHERE (deleted = false);

;

-- ===== coderd/database/migrations/000055_relative_path_to_subdomain.up.sql
-- Add column subdomain of type bool to workspace_apps
ALTER TABLE "workspace_apps" ADD COLUMN "subdomain" bool NOT NULL DEFAULT false;

-- Set column subdomain to the opposite of relative_path
UPDATE "workspace_apps" SET "subdomain" = NOT "relative_path";

-- Drop column relative_path
ALTER TABLE "workspace_apps" DROP COLUMN "relative_path";

;

-- ===== coderd/database/migrations/000056_app_subdomain_fix.up.sql
-- There was a mistake in the last migration which set "subdomain" to be the
-- opposite of the deprecated value "relative_path", however the "relative_path"
-- value may not have been correct as it was not consumed anywhere prior to this
-- point.
--
-- Force all workspace apps to use path based routing until rebuild. This should
-- not impact any existing workspaces as the only supported routing method has
-- been path based routing prior to this point.
--
-- On rebuild the value from the Terraform template will be used instead
-- (defaulting to false if unspecified).
UPDATE "workspace_apps" SET "subdomain" = false;

;

-- ===== coderd/database/migrations/000057_api_key_token.up.sql
CREATE TYPE new_logintype AS ENUM (
	'password',
	'github',
	'oidc',
	'token'
);

ALTER TABLE users
	ALTER COLUMN login_type DROP DEFAULT,
	ALTER COLUMN login_type TYPE new_logintype USING (login_type::text::new_logintype),
	ALTER COLUMN login_type SET DEFAULT 'password'::new_logintype;

ALTER TABLE user_links
	ALTER COLUMN login_type TYPE new_logintype USING (login_type::text::new_logintype);

ALTER TABLE api_keys
	ALTER COLUMN login_type TYPE new_logintype USING (login_type::text::new_logintype);

DROP TYPE login_type;
ALTER TYPE new_logintype RENAME TO login_type;

;

-- ===== coderd/database/migrations/000058_template_acl.up.sql
ALTER TABLE templates ADD COLUMN user_acl jsonb NOT NULL default '{}';
ALTER TABLE templates ADD COLUMN group_acl jsonb NOT NULL default '{}';

CREATE TABLE groups (
	id uuid NOT NULL,
	name text NOT NULL,
	organization_id uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
	PRIMARY KEY(id),
	UNIQUE(name, organization_id)
);

CREATE TABLE group_members (
	user_id uuid NOT NULL,
	group_id uuid NOT NULL,
	FOREIGN KEY(user_id) REFERENCES users(id) ON DELETE CASCADE,
	FOREIGN KEY(group_id) REFERENCES groups(id) ON DELETE CASCADE,
	UNIQUE(user_id, group_id)
);

-- Insert a group for every organization (which should just be 1).
INSERT INTO groups (
	id,
	name,
	organization_id
) SELECT
	id, 'Everyone' as name, id
FROM
	organizations;

-- Insert allUsers groups into every existing template to avoid breaking
-- existing deployments.
UPDATE
	templates
SET
	group_acl = (
		SELECT
			json_build_object(
				organizations.id, array_to_json('{"read"}'::text[])
			)
		FROM
			organizations
		WHERE
			templates.organization_id = organizations.id
	);

;

-- ===== coderd/database/migrations/000059_file_id.up.sql
-- This migration updates the files table to move the unique
-- constraint to be hash + created_by. This is necessary to
-- allow regular users who have been granted admin to a specific
-- template to be able to push and read files used for template
-- versions they create.
-- Prior to this collisions on file.hash were not an issue
-- since users who could push files could also read all files.
--
-- This migration also adds a 'files.id' column as the primary
-- key. As a side effect the provisioner_jobs must now reference
-- the files.id column since the 'hash' column is now ambiguous.
-- Drop the primary key on hash.
ALTER TABLE files DROP CONSTRAINT files_pkey;

-- Add an 'id' column and designate it the primary key.
ALTER TABLE files ADD COLUMN
	id uuid NOT NULL PRIMARY KEY DEFAULT gen_random_uuid ();

-- Update the constraint to include the user who created it.
ALTER TABLE files ADD UNIQUE(hash, created_by);

-- Update provisioner_jobs to include a file_id column.
-- This must be temporarily nullable.
ALTER TABLE provisioner_jobs ADD COLUMN file_id uuid;

-- Update all the rows to point to key in the files table.
UPDATE provisioner_jobs
SET
	file_id = files.id
FROM
	files
WHERE
	provisioner_jobs.storage_source = files.hash;

-- Enforce NOT NULL on file_id now.
ALTER TABLE provisioner_jobs ALTER COLUMN file_id SET NOT NULL;
-- Drop storage_source since it is no longer useful for anything.
ALTER TABLE provisioner_jobs DROP COLUMN storage_source;

;

-- ===== coderd/database/migrations/000060_app_sharing_level.up.sql
-- Add enum app_sharing_level
CREATE TYPE app_sharing_level AS ENUM (
	-- only the workspace owner can access the app
	'owner',
	-- any authenticated user on the site can access the app
	'authenticated',
	-- any user can access the app even if they are not authenticated
	'public'
);

-- Add sharing_level column to workspace_apps table
ALTER TABLE workspace_apps ADD COLUMN sharing_level app_sharing_level NOT NULL DEFAULT 'owner'::app_sharing_level;

;

-- ===== coderd/database/migrations/000061_replicas.up.sql
CREATE TABLE IF NOT EXISTS replicas (
    -- A unique identifier for the replica that is stored on disk.
    -- For persistent replicas, this will be reused.
    -- For ephemeral replicas, this will be a new UUID for each one.
    id uuid NOT NULL,
    created_at timestamp with time zone NOT NULL,
    -- The time the replica was created.
    started_at timestamp with time zone NOT NULL,
    -- The time the replica was last seen.
    stopped_at timestamp with time zone,
    -- Updated periodically to ensure the replica is still alive.
    updated_at timestamp with time zone NOT NULL,
    -- Hostname is the hostname of the replica.
    hostname text NOT NULL,
    -- Region is the region the replica is in.
    -- We only DERP mesh to the same region ID of a running replica.
    region_id integer NOT NULL,
    -- An address that should be accessible to other replicas.
    relay_address text NOT NULL,
    -- The latency of the replica to the database in microseconds.
    database_latency int NOT NULL,
    -- Version is the Coder version of the replica.
    version text NOT NULL,
    error text NOT NULL DEFAULT ''
);

-- Associates a provisioner daemon with a replica.
ALTER TABLE provisioner_daemons ADD COLUMN replica_id uuid;

;

-- ===== coderd/database/migrations/000062_group_avatars.up.sql
ALTER TABLE groups ADD COLUMN avatar_url text NOT NULL DEFAULT '';

;

-- ===== coderd/database/migrations/000063_resource_type_group.up.sql
ALTER TYPE resource_type ADD VALUE IF NOT EXISTS 'group';

;

-- ===== coderd/database/migrations/000064_gitauth.up.sql
CREATE TABLE IF NOT EXISTS git_auth_links (
  provider_id text NOT NULL,
  user_id uuid NOT NULL,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  oauth_access_token text NOT NULL,
  oauth_refresh_token text NOT NULL,
  oauth_expiry timestamptz NOT NULL,
  UNIQUE(provider_id, user_id)
);

;

-- ===== coderd/database/migrations/000065_add_audit_enums.up.sql
CREATE TYPE new_audit_action AS ENUM (
    'create',
    'write',
    'delete',
    'start',
    'stop'
);

CREATE TYPE new_resource_type AS ENUM (
    'organization',
    'template',
    'template_version',
    'user',
    'workspace',
    'git_ssh_key',
    'api_key',
    'group',
    'workspace_build'
);

ALTER TABLE audit_logs
	ALTER COLUMN action TYPE new_audit_action USING (action::text::new_audit_action),
	ALTER COLUMN resource_type TYPE new_resource_type USING (resource_type::text::new_resource_type);

DROP TYPE audit_action;
ALTER TYPE new_audit_action RENAME TO audit_action;
DROP TYPE resource_type;
ALTER TYPE new_resource_type RENAME TO resource_type;

;

-- ===== coderd/database/migrations/000066_app_slug.up.sql
-- add "slug" column to "workspace_apps" table
ALTER TABLE "workspace_apps" ADD COLUMN "slug" text DEFAULT '';

-- copy the "name" column for each workspace app to the "slug" column
UPDATE "workspace_apps" SET "slug" = "name";

-- make "slug" column not nullable and remove default
ALTER TABLE "workspace_apps" ALTER COLUMN "slug" SET NOT NULL;
ALTER TABLE "workspace_apps" ALTER COLUMN "slug" DROP DEFAULT;

-- add unique index on "slug" column
ALTER TABLE "workspace_apps" ADD CONSTRAINT "workspace_apps_agent_id_slug_idx" UNIQUE ("agent_id", "slug");

;

-- ===== coderd/database/migrations/000067_app_display_name.up.sql
-- rename column "name" to "display_name" on "workspace_apps"
ALTER TABLE "workspace_apps" RENAME COLUMN "name" TO "display_name";

-- drop constraint "workspace_apps_agent_id_name_key" on "workspace_apps".
ALTER TABLE ONLY workspace_apps DROP CONSTRAINT IF EXISTS workspace_apps_agent_id_name_key;

;

-- ===== coderd/database/migrations/000068_update_template_version_created_by.up.sql
UPDATE
    template_versions
SET
    created_by = COALESCE(
        -- Best effort to convert all unowned template versions to the first owner.
        (SELECT id FROM users WHERE rbac_roles @> '{owner}' AND deleted = 'f' ORDER BY created_at ASC LIMIT 1),
        -- If there are no owners, assign to the first user.
        (SELECT id FROM users WHERE deleted = 'f' ORDER BY created_at ASC LIMIT 1)
        -- If you have no users I'm not sure what else to tell you.
    )
WHERE
    created_by IS NULL;

ALTER TABLE template_versions ALTER COLUMN created_by SET NOT NULL;

;

-- ===== coderd/database/migrations/000069_resource_instance_type.up.sql
ALTER TABLE workspace_resources
    ADD COLUMN instance_type varchar(256);

;

-- ===== coderd/database/migrations/000070_deployment_graph.up.sql
ALTER TABLE workspace_agents
    ADD COLUMN last_connected_replica_id uuid;

;

-- ===== coderd/database/migrations/000071_provisioner_log_lines.up.sql
ALTER TABLE provisioner_job_logs DROP COLUMN id;

ALTER TABLE provisioner_job_logs ADD COLUMN id BIGSERIAL PRIMARY KEY; 

;

-- ===== coderd/database/migrations/000072_add_agent_connection_timeout_and_troubleshooting_url.up.sql
ALTER TABLE workspace_agents
	ADD COLUMN connection_timeout_seconds integer NOT NULL DEFAULT 0;

COMMENT ON COLUMN workspace_agents.connection_timeout_seconds IS 'Connection timeout in seconds, 0 means disabled.';

ALTER TABLE workspace_agents
	ADD COLUMN troubleshooting_url text NOT NULL DEFAULT '';

COMMENT ON COLUMN workspace_agents.troubleshooting_url IS 'URL for troubleshooting the agent.';

;

-- ===== coderd/database/migrations/000073_remove_min_autostart.up.sql
-- drop "min_autostart_interval" column from "templates" table
ALTER TABLE "templates" DROP COLUMN "min_autostart_interval";

-- rename "max_ttl" to "default_ttl" on "templates" table
ALTER TABLE "templates" RENAME COLUMN "max_ttl" TO "default_ttl";
COMMENT ON COLUMN templates.default_ttl IS 'The default duration for autostop for workspaces created from this template.';

;

-- ===== coderd/database/migrations/000074_workspace_resources_job_id_idx.up.sql
CREATE INDEX workspace_resources_job_id_idx ON workspace_resources USING btree (job_id);

;

-- ===== coderd/database/migrations/000075_template_display_name.up.sql
ALTER TABLE templates ADD COLUMN display_name VARCHAR(64) NOT NULL DEFAULT '';

COMMENT ON COLUMN templates.display_name
IS 'Display name is a custom, human-friendly template name that user can set.';

;

-- ===== coderd/database/migrations/000076_cost.up.sql
ALTER TABLE workspace_builds ADD COLUMN daily_cost int NOT NULL DEFAULT 0;
ALTER TABLE workspace_resources ADD COLUMN daily_cost int NOT NULL DEFAULT 0;
ALTER TABLE groups ADD COLUMN quota_allowance int NOT NULL DEFAULT 0;

;

-- ===== coderd/database/migrations/000077_job_logs_job_id_id_index.up.sql
CREATE INDEX provisioner_job_logs_id_job_id_idx ON provisioner_job_logs USING btree (job_id, id ASC);

;

-- ===== coderd/database/migrations/000078_workspace_agents_resource_id_idx.up.sql
CREATE INDEX workspace_agents_resource_id_idx ON workspace_agents USING btree (resource_id);

;

-- ===== coderd/database/migrations/000079_provisioner_daemon_tags.up.sql
ALTER TABLE provisioner_daemons ADD COLUMN tags jsonb NOT NULL DEFAULT '{}';

-- We must add the organization scope by default, otherwise pending jobs
-- could be provisioned on new daemons that don't match the tags.
ALTER TABLE provisioner_jobs ADD COLUMN tags jsonb NOT NULL DEFAULT '{"scope":"organization"}';

;

-- ===== coderd/database/migrations/000080_license_ids.up.sql
ALTER TABLE licenses ADD COLUMN uuid uuid;

;

-- ===== coderd/database/migrations/000081_template_allow_user_cancel_workspace_jobs.up.sql
ALTER TABLE templates ADD COLUMN allow_user_cancel_workspace_jobs boolean NOT NULL DEFAULT true;

COMMENT ON COLUMN templates.allow_user_cancel_workspace_jobs
IS 'Allow users to cancel in-progress workspace jobs.';

;

-- ===== coderd/database/migrations/000082_add_audit_log_nullable_fields.up.sql
ALTER TABLE audit_logs ALTER COLUMN ip DROP NOT NULL;
ALTER TABLE audit_logs ALTER COLUMN user_agent DROP NOT NULL;

;

-- ===== coderd/database/migrations/000083_add_motd_file_to_coder_agents.up.sql
ALTER TABLE workspace_agents
	ADD COLUMN motd_file text NOT NULL DEFAULT '';

COMMENT ON COLUMN workspace_agents.motd_file IS 'Path to file inside workspace containing the message of the day (MOTD) to show to the user when logging in via SSH.';

;

-- ===== coderd/database/migrations/000084_workspace_agents_auth_token_index.up.sql
CREATE INDEX workspace_agents_auth_token_idx ON workspace_agents USING btree (auth_token);

;

-- ===== coderd/database/migrations/000085_acquire_job_index.up.sql
CREATE INDEX provisioner_jobs_started_at_idx ON provisioner_jobs USING btree (started_at)
    WHERE started_at IS NULL;

;

-- ===== coderd/database/migrations/000086_no_org_admins.up.sql
UPDATE 
  organization_members
SET 
  roles = ARRAY [] :: text[]
WHERE 
  'organization-admin:'||organization_id = ANY(roles);

;

-- ===== coderd/database/migrations/000087_resource_metadata_order.up.sql
ALTER TABLE workspace_resource_metadata DROP CONSTRAINT workspace_resource_metadata_pkey;

ALTER TABLE workspace_resource_metadata ADD COLUMN id BIGSERIAL PRIMARY KEY; 

ALTER TABLE workspace_resource_metadata ADD CONSTRAINT workspace_resource_metadata_name UNIQUE(workspace_resource_id, key);

;

-- ===== coderd/database/migrations/000088_external_app_url.up.sql
ALTER TABLE workspace_apps ADD COLUMN external boolean NOT NULL DEFAULT false;

;

-- ===== coderd/database/migrations/000089_rich_parameters.up.sql
CREATE TABLE IF NOT EXISTS template_version_parameters (
    template_version_id uuid not null references template_versions (id) on delete cascade,
    name text not null,
    description text not null,
    type text not null,
    mutable boolean not null,
    default_value text not null,
    icon text not null,
    options jsonb not null default '[]'::jsonb,
    validation_regex text not null,
    validation_min integer not null,
    validation_max integer not null,
    unique (template_version_id, name)
);

COMMENT ON COLUMN template_version_parameters.name IS 'Parameter name';
COMMENT ON COLUMN template_version_parameters.description IS 'Parameter description';
COMMENT ON COLUMN template_version_parameters.type IS 'Parameter type';
COMMENT ON COLUMN template_version_parameters.mutable IS 'Is parameter mutable?';
COMMENT ON COLUMN template_version_parameters.default_value IS 'Default value';
COMMENT ON COLUMN template_version_parameters.icon IS 'Icon';
COMMENT ON COLUMN template_version_parameters.options IS 'Additional options';
COMMENT ON COLUMN template_version_parameters.validation_regex IS 'Validation: regex pattern';
COMMENT ON COLUMN template_version_parameters.validation_min IS 'Validation: minimum length of value';
COMMENT ON COLUMN template_version_parameters.validation_max IS 'Validation: maximum length of value';

CREATE TABLE IF NOT EXISTS workspace_build_parameters (
    workspace_build_id uuid not null references workspace_builds (id) on delete cascade,
    name text not null,
    value text not null,
    unique (workspace_build_id, name)
);

COMMENT ON COLUMN workspace_build_parameters.name IS 'Parameter name';
COMMENT ON COLUMN workspace_build_parameters.value IS 'Parameter value';

;

-- ===== coderd/database/migrations/000090_sqlc_upgrade_fix_nullable_values.up.sql
UPDATE parameter_schemas SET default_source_scheme = 'none' WHERE default_source_scheme IS NULL;
ALTER TABLE parameter_schemas ALTER COLUMN default_source_scheme SET NOT NULL;

UPDATE parameter_schemas SET default_destination_scheme = 'none' WHERE default_destination_scheme IS NULL;
ALTER TABLE parameter_schemas ALTER COLUMN default_destination_scheme SET NOT NULL;

;

-- ===== coderd/database/migrations/000091_add_workspace_agent_state.up.sql
CREATE TYPE workspace_agent_lifecycle_state AS ENUM ('created', 'starting', 'start_timeout', 'start_error', 'ready');

-- Set all existing workspace agents to 'ready' so that only newly created agents will be in the 'created' state.
ALTER TABLE workspace_agents ADD COLUMN lifecycle_state workspace_agent_lifecycle_state NOT NULL DEFAULT 'ready';
-- Change the default for newly created agents.
ALTER TABLE workspace_agents ALTER COLUMN lifecycle_state SET DEFAULT 'created';

COMMENT ON COLUMN workspace_agents.lifecycle_state IS 'The current lifecycle state reported by the workspace agent.';

-- Set default values that conform to current behavior.
-- Allow logins immediately after agent connect.
ALTER TABLE workspace_agents ADD COLUMN delay_login_until_ready boolean NOT NULL DEFAULT false;

COMMENT ON COLUMN workspace_agents.delay_login_until_ready IS 'If true, the agent will delay logins until it is ready (e.g. executing startup script has ended).';

-- Disable startup script timeouts by default.
ALTER TABLE workspace_agents ADD COLUMN startup_script_timeout_seconds int4 NOT NULL DEFAULT 0;

COMMENT ON COLUMN workspace_agents.startup_script_timeout_seconds IS 'The number of seconds to wait for the startup script to complete. If the script does not complete within this time, the agent lifecycle will be marked as start_timeout.';

;

-- ===== coderd/database/migrations/000092_rich_parameters_validation_error.up.sql
ALTER TABLE template_version_parameters ADD COLUMN validation_error text NOT NULL DEFAULT '';

COMMENT ON COLUMN template_version_parameters.validation_error
IS 'Validation: error displayed when the regex does not match.';

;

-- ===== coderd/database/migrations/000093_add_workspace_agent_invert_delay_login_until_ready_to_login_before_ready.up.sql
ALTER TABLE workspace_agents RENAME COLUMN delay_login_until_ready TO login_before_ready;
ALTER TABLE workspace_agents ALTER COLUMN login_before_ready SET DEFAULT true;

UPDATE workspace_agents SET login_before_ready = NOT login_before_ready;

COMMENT ON COLUMN workspace_agents.login_before_ready IS 'If true, the agent will not prevent login before it is ready (e.g. startup script is still executing).';

;

-- ===== coderd/database/migrations/000094_add_resource_type_api_key.up.sql
ALTER TYPE audit_action
  ADD VALUE IF NOT EXISTS 'login';

ALTER TYPE audit_action
  ADD VALUE IF NOT EXISTS 'logout';

ALTER TYPE resource_type
  ADD VALUE IF NOT EXISTS 'api_key';


;

-- ===== coderd/database/migrations/000095_rich_parameters_validation_monotonic.up.sql
ALTER TABLE template_version_parameters ADD COLUMN validation_monotonic text NOT NULL DEFAULT '';

ALTER TABLE template_version_parameters ADD CONSTRAINT validation_monotonic_order CHECK (validation_monotonic IN ('increasing', 'decreasing', ''));

COMMENT ON COLUMN template_version_parameters.validation_monotonic
IS 'Validation: consecutive values preserve the monotonic order';

;

-- ===== coderd/database/migrations/000096_agent_resolved_directory.up.sql
ALTER TABLE ONLY workspace_agents
	ADD COLUMN IF NOT EXISTS expanded_directory varchar(4096) DEFAULT '' NOT NULL;

COMMENT ON COLUMN workspace_agents.expanded_directory
IS 'The resolved path of a user-specified directory. e.g. ~/coder -> /home/coder/coder';

;

-- ===== coderd/database/migrations/000097_license_not_null_uuid.up.sql
-- We need to assign uuids to any existing licenses that don't have them.
UPDATE licenses SET uuid = gen_random_uuid() WHERE uuid IS NULL;
-- Assert no licenses have null uuids.
ALTER TABLE ONLY licenses ALTER COLUMN uuid SET NOT NULL;

;

-- ===== coderd/database/migrations/000098_add_resource_type_license.up.sql
ALTER TYPE resource_type
  ADD VALUE IF NOT EXISTS 'license';


;

-- ===== coderd/database/migrations/000099_template_version_variables.up.sql
CREATE TABLE IF NOT EXISTS template_version_variables (
    template_version_id uuid not null references template_versions (id) on delete cascade,
    name text not null,
    description text not null,
    type text not null,
    value text not null,
    default_value text not null,
    required boolean not null,
    sensitive boolean not null,
    unique (template_version_id, name)
);

COMMENT ON COLUMN template_version_variables.name IS 'Variable name';
COMMENT ON COLUMN template_version_variables.description IS 'Variable description';
COMMENT ON COLUMN template_version_variables.type IS 'Variable type';
COMMENT ON COLUMN template_version_variables.value IS 'Variable value';
COMMENT ON COLUMN template_version_variables.default_value IS 'Variable default value';
COMMENT ON COLUMN template_version_variables.required IS 'Required variables needs a default value or a value provided by template admin';
COMMENT ON COLUMN template_version_variables.sensitive IS 'Sensitive variables have their values redacted in logs or site UI';

;

-- ===== coderd/database/migrations/000100_template_version_gitauth.up.sql
ALTER TABLE template_versions
	ADD COLUMN git_auth_providers text[];

COMMENT ON COLUMN template_versions.git_auth_providers IS 'IDs of Git auth providers for a specific template version';

;

-- ===== coderd/database/migrations/000101_workspace_agent_stats_tableify.up.sql
ALTER TABLE agent_stats	RENAME TO workspace_agent_stats;

ALTER TABLE	workspace_agent_stats ADD COLUMN connections_by_proto jsonb NOT NULL DEFAULT '{}'::jsonb;
ALTER TABLE	workspace_agent_stats ADD COLUMN connection_count bigint DEFAULT 0 NOT NULL;
ALTER TABLE	workspace_agent_stats ADD COLUMN rx_packets bigint DEFAULT 0 NOT NULL;
ALTER TABLE workspace_agent_stats ADD COLUMN rx_bytes bigint DEFAULT 0 NOT NULL;
ALTER TABLE workspace_agent_stats ADD COLUMN tx_packets bigint DEFAULT 0 NOT NULL;
ALTER TABLE workspace_agent_stats ADD COLUMN tx_bytes bigint DEFAULT 0 NOT NULL;

UPDATE workspace_agent_stats SET
	connections_by_proto = coalesce((payload ->> 'conns_by_proto')::jsonb, '{}'::jsonb),
	connection_count = coalesce((payload ->> 'num_conns')::bigint, 0),
	rx_packets = coalesce((payload ->> 'rx_packets')::bigint, 0),
	rx_bytes = coalesce((payload ->> 'rx_bytes')::bigint, 0),
	tx_packets = coalesce((payload ->> 'tx_packets')::bigint, 0),
	tx_bytes = coalesce((payload ->> 'tx_bytes')::bigint, 0);

ALTER TABLE workspace_agent_stats DROP COLUMN payload;

;

-- ===== coderd/database/migrations/000102_workspace_agent_stats_types.up.sql
ALTER TABLE	workspace_agent_stats ADD COLUMN connection_median_latency_ms bigint DEFAULT -1 NOT NULL;
ALTER TABLE	workspace_agent_stats ADD COLUMN session_count_vscode bigint DEFAULT 0 NOT NULL;
ALTER TABLE	workspace_agent_stats ADD COLUMN session_count_jetbrains bigint DEFAULT 0 NOT NULL;
ALTER TABLE	workspace_agent_stats ADD COLUMN session_count_reconnecting_pty bigint DEFAULT 0 NOT NULL;
ALTER TABLE	workspace_agent_stats ADD COLUMN session_count_ssh bigint DEFAULT 0 NOT NULL;

;

-- ===== coderd/database/migrations/000103_add_apikey_name.up.sql
ALTER TABLE ONLY api_keys
  ADD COLUMN IF NOT EXISTS token_name text NOT NULL DEFAULT '';

UPDATE
  api_keys
SET
  token_name = gen_random_uuid ()::text
WHERE
  login_type = 'token';

CREATE UNIQUE INDEX idx_api_key_name ON api_keys USING btree (user_id, token_name)
WHERE
  (login_type = 'token');

;

-- ===== coderd/database/migrations/000104_add_shutdown_script_to_coder_agents.up.sql
ALTER TABLE workspace_agents ADD COLUMN shutdown_script varchar(65534);

COMMENT ON COLUMN workspace_agents.shutdown_script IS 'Script that is executed before the agent is stopped.';

-- Disable shutdown script timeouts by default.
ALTER TABLE workspace_agents ADD COLUMN shutdown_script_timeout_seconds int4 NOT NULL DEFAULT 0;

COMMENT ON COLUMN workspace_agents.shutdown_script_timeout_seconds IS 'The number of seconds to wait for the shutdown script to complete. If the script does not complete within this time, the agent lifecycle will be marked as shutdown_timeout.';

-- Add enum fields
ALTER TYPE workspace_agent_lifecycle_state ADD VALUE 'shutting_down';
ALTER TYPE workspace_agent_lifecycle_state ADD VALUE 'shutdown_timeout';
ALTER TYPE workspace_agent_lifecycle_state ADD VALUE 'shutdown_error';
ALTER TYPE workspace_agent_lifecycle_state ADD VALUE 'off';

;

-- ===== coderd/database/migrations/000105_rich_parameter_required.up.sql
ALTER TABLE template_version_parameters ADD COLUMN required boolean NOT NULL DEFAULT true; -- default: true, as so far every parameter should be marked as required

COMMENT ON COLUMN template_version_parameters.required IS 'Is parameter required?';

;

-- ===== coderd/database/migrations/000106_workspace_build_max_deadline.up.sql
ALTER TABLE "templates" ADD COLUMN "max_ttl" bigint DEFAULT '0'::bigint NOT NULL;

ALTER TABLE "workspace_builds" ADD COLUMN "max_deadline" timestamp with time zone DEFAULT '0001-01-01 00:00:00+00'::timestamp with time zone NOT NULL;

;

-- ===== coderd/database/migrations/000107_provisioner_jobs_error_code.up.sql
ALTER TABLE provisioner_jobs ADD COLUMN error_code text DEFAULT NULL;

;

-- ===== coderd/database/migrations/000108_workspace_agent_stats_connection_latency.up.sql
ALTER TABLE	workspace_agent_stats ALTER COLUMN connection_median_latency_ms TYPE FLOAT;

;

-- ===== coderd/database/migrations/000109_rich_parameter_legacy_variable.up.sql
ALTER TABLE template_version_parameters ADD COLUMN legacy_variable_name text NOT NULL DEFAULT '';

COMMENT ON COLUMN template_version_parameters.legacy_variable_name IS 'Name of the legacy variable for migration purposes';

;

-- ===== coderd/database/migrations/000110_add_startup_logs.up.sql
CREATE TABLE IF NOT EXISTS workspace_agent_startup_logs (
    agent_id uuid NOT NULL REFERENCES workspace_agents (id) ON DELETE CASCADE,
    created_at timestamptz NOT NULL,
    output varchar(1024) NOT NULL,
	id BIGSERIAL PRIMARY KEY
);
CREATE INDEX workspace_agent_startup_logs_id_agent_id_idx ON workspace_agent_startup_logs USING btree (agent_id, id ASC);

-- The maximum length of startup logs is 1MB per workspace agent.
ALTER TABLE workspace_agents ADD COLUMN startup_logs_length integer NOT NULL DEFAULT 0 CONSTRAINT max_startup_logs_length CHECK (startup_logs_length <= 1048576);
ALTER TABLE workspace_agents ADD COLUMN startup_logs_overflowed boolean NOT NULL DEFAULT false;

COMMENT ON COLUMN workspace_agents.startup_logs_length IS 'Total length of startup logs';
COMMENT ON COLUMN workspace_agents.startup_logs_overflowed IS 'Whether the startup logs overflowed in length';

;

-- ===== coderd/database/migrations/000111_workspace_agent_metadata.up.sql
-- This table is UNLOGGED because it is very update-heavy and the the data 
-- is not valuable enough to justify the overhead of WAL logging. This should
-- give us a ~70% improvement in write throughput.
CREATE UNLOGGED TABLE workspace_agent_metadata (
    workspace_agent_id uuid NOT NULL,
    display_name varchar(127) NOT NULL,
    key varchar(127) NOT NULL,
    script varchar(65535) NOT NULL,
    value varchar(65535) NOT NULL DEFAULT '',
    error varchar(65535) NOT NULL DEFAULT '',
    timeout bigint NOT NULL,
    interval bigint NOT NULL,
    collected_at timestamp with time zone NOT NULL DEFAULT '0001-01-01 00:00:00+00',
    PRIMARY KEY (workspace_agent_id, key),
    FOREIGN KEY (workspace_agent_id) REFERENCES workspace_agents(id) ON DELETE CASCADE
);

;

-- ===== coderd/database/migrations/000112_rich_parameter_display_name.up.sql
ALTER TABLE template_version_parameters ADD COLUMN display_name text NOT NULL DEFAULT '';

COMMENT ON COLUMN template_version_parameters.display_name
IS 'Display name of the rich parameter';

;

-- ===== coderd/database/migrations/000113_template_disable_user_scheduling.up.sql
ALTER TABLE "templates"
	ADD COLUMN "allow_user_autostart" boolean DEFAULT true NOT NULL,
	ADD COLUMN "allow_user_autostop" boolean DEFAULT true NOT NULL;

COMMENT ON COLUMN "templates"."allow_user_autostart"
	IS 'Allow users to specify an autostart schedule for workspaces (enterprise).';

COMMENT ON COLUMN "templates"."allow_user_autostop"
	IS 'Allow users to specify custom autostop values for workspaces (enterprise).';

;

-- ===== coderd/database/migrations/000114_workspace_proxy.up.sql
CREATE TABLE workspace_proxies (
    id uuid NOT NULL,
    name text NOT NULL,
    display_name text NOT NULL,
    icon text NOT NULL,
    url text NOT NULL,
	wildcard_hostname text NOT NULL,
	created_at timestamp with time zone NOT NULL,
	updated_at timestamp with time zone NOT NULL,
	deleted boolean NOT NULL,

    PRIMARY KEY (id)
);

COMMENT ON COLUMN workspace_proxies.url IS 'Full url including scheme of the proxy api url: https://us.example.com';
COMMENT ON COLUMN workspace_proxies.wildcard_hostname IS 'Hostname with the wildcard for subdomain based app hosting: *.us.example.com';


-- Enforces no active proxies have the same name.
CREATE UNIQUE INDEX ON workspace_proxies (name) WHERE deleted = FALSE;

;

-- ===== coderd/database/migrations/000115_workspace_proxy_resource.up.sql
ALTER TYPE resource_type ADD VALUE IF NOT EXISTS 'workspace_proxy';

;

-- ===== coderd/database/migrations/000116_startup_logs_level.up.sql
ALTER TABLE workspace_agent_startup_logs
	ADD COLUMN level log_level NOT NULL DEFAULT 'info'::log_level;

;

-- ===== coderd/database/migrations/000117_add_audit_action_register.up.sql
ALTER TYPE audit_action
  ADD VALUE IF NOT EXISTS 'register';

;

-- ===== coderd/database/migrations/000118_workspace_proxy_token.up.sql
-- It's difficult to generate tokens for existing proxies, so we'll just delete
-- them if they exist.
--
-- No one is using this feature yet as of writing this migration, so this is
-- fine.
DELETE FROM workspace_proxies;

ALTER TABLE workspace_proxies
	ADD COLUMN token_hashed_secret bytea NOT NULL;

COMMENT ON COLUMN workspace_proxies.token_hashed_secret
	IS 'Hashed secret is used to authenticate the workspace proxy using a session token.';

COMMENT ON COLUMN workspace_proxies.deleted
	IS 'Boolean indicator of a deleted workspace proxy. Proxies are soft-deleted.';

COMMENT ON COLUMN workspace_proxies.icon
	IS 'Expects an emoji character. (/emojis/1f1fa-1f1f8.png)';

;

-- ===== coderd/database/migrations/000119_workspace_proxy_name_idx.up.sql
-- No one is using this feature yet as of writing this migration, so this is
-- fine. Just delete all workspace proxies to prevent the new index from having
-- conflicts.
DELETE FROM workspace_proxies;

DROP INDEX IF EXISTS workspace_proxies_name_idx;
CREATE UNIQUE INDEX workspace_proxies_lower_name_idx ON workspace_proxies USING btree (lower(name)) WHERE deleted = FALSE;

;

-- ===== coderd/database/migrations/000120_trigger_delete_user_apikey.up.sql
-- We need to delete all existing API keys for soft-deleted users.
DELETE FROM
	api_keys
WHERE
	user_id
IN (
	SELECT id FROM users WHERE deleted
);


-- When we soft-delete a user, we also want to delete their API key.
CREATE FUNCTION delete_deleted_user_api_keys() RETURNS trigger
	LANGUAGE plpgsql
	AS $$
DECLARE
BEGIN
	IF (NEW.deleted) THEN
		DELETE FROM api_keys
		WHERE user_id = OLD.id;
	END IF;
	RETURN NEW;
END;
$$;


CREATE TRIGGER trigger_update_users
AFTER INSERT OR UPDATE ON users
FOR EACH ROW
WHEN (NEW.deleted = true)
EXECUTE PROCEDURE delete_deleted_user_api_keys();

-- When we insert a new api key, we want to fail if the user is soft-deleted.
CREATE FUNCTION insert_apikey_fail_if_user_deleted() RETURNS trigger
	LANGUAGE plpgsql
	AS $$

DECLARE
BEGIN
	IF (NEW.user_id IS NOT NULL) THEN
		IF (SELECT deleted FROM users WHERE id = NEW.user_id LIMIT 1) THEN
			RAISE EXCEPTION 'Cannot create API key for deleted user';
		END IF;
	END IF;
	RETURN NEW;
END;
$$;

CREATE TRIGGER trigger_insert_apikeys
BEFORE INSERT ON api_keys
FOR EACH ROW
EXECUTE PROCEDURE insert_apikey_fail_if_user_deleted();

;

-- ===== coderd/database/migrations/000121_provisioner_job_tracing.up.sql
ALTER TABLE provisioner_jobs ADD COLUMN trace_metadata jsonb;

;

-- ===== coderd/database/migrations/000122_add_template_cleanup_ttls.up.sql
ALTER TABLE ONLY templates ADD COLUMN IF NOT EXISTS failure_ttl BIGINT NOT NULL DEFAULT 0;
ALTER TABLE ONLY templates ADD COLUMN IF NOT EXISTS inactivity_ttl BIGINT NOT NULL DEFAULT 0;

;

-- ===== coderd/database/migrations/000123_workspace_agent_subsystem.up.sql
CREATE TYPE workspace_agent_subsystem AS ENUM ('envbuilder', 'envbox', 'none');
ALTER TABLE workspace_agents ADD COLUMN subsystem workspace_agent_subsystem NOT NULL default 'none';

;

-- ===== coderd/database/migrations/000124_validation_min_max_nullable.up.sql
ALTER TABLE template_version_parameters ALTER COLUMN validation_min DROP NOT NULL;
ALTER TABLE template_version_parameters ALTER COLUMN validation_max DROP NOT NULL;
UPDATE template_version_parameters SET validation_min = NULL WHERE validation_min = 0;
UPDATE template_version_parameters SET validation_max = NULL WHERE validation_max = 0;

;

-- ===== coderd/database/migrations/000125_rename_login_before_ready_to_startup_script_behavior.up.sql
CREATE TYPE startup_script_behavior AS ENUM ('blocking', 'non-blocking');
ALTER TABLE workspace_agents ADD COLUMN startup_script_behavior startup_script_behavior NOT NULL DEFAULT 'non-blocking';

UPDATE workspace_agents SET startup_script_behavior = (CASE WHEN login_before_ready THEN 'non-blocking' ELSE 'blocking' END)::startup_script_behavior;

ALTER TABLE workspace_agents DROP COLUMN login_before_ready;

COMMENT ON COLUMN workspace_agents.startup_script_behavior IS 'When startup script behavior is non-blocking, the workspace will be ready and accessible upon agent connection, when it is blocking, workspace will wait for the startup script to complete before becoming ready and accessible.';

;

-- ===== coderd/database/migrations/000126_login_type_none.up.sql
-- This migration has been modified after its initial commit.
-- The new implementation makes the same changes as the original, but
-- takes into account the message in create_migration.sh. This is done
-- to allow the insertion of a user with the "none" login type in later migrations.

CREATE TYPE new_logintype AS ENUM (
  'password',
  'github',
  'oidc',
  'token',
  'none'
);
COMMENT ON TYPE new_logintype IS 'Specifies the method of authentication. "none" is a special case in which no authentication method is allowed.';

ALTER TABLE users
	ALTER COLUMN login_type DROP DEFAULT,
	ALTER COLUMN login_type TYPE new_logintype USING (login_type::text::new_logintype),
	ALTER COLUMN login_type SET DEFAULT 'password'::new_logintype;

DROP INDEX IF EXISTS idx_api_key_name;
ALTER TABLE api_keys
	ALTER COLUMN login_type TYPE new_logintype USING (login_type::text::new_logintype);
CREATE UNIQUE INDEX idx_api_key_name
ON api_keys (user_id, token_name)
WHERE (login_type = 'token'::new_logintype);

ALTER TABLE user_links
	ALTER COLUMN login_type TYPE new_logintype USING (login_type::text::new_logintype);

DROP TYPE login_type;
ALTER TYPE new_logintype RENAME TO login_type;

;

-- ===== coderd/database/migrations/000127_add_startup_logs_eof.up.sql
ALTER TABLE workspace_agent_startup_logs ADD COLUMN eof boolean NOT NULL DEFAULT false;

COMMENT ON COLUMN workspace_agent_startup_logs.eof IS 'End of file reached';

;

-- ===== coderd/database/migrations/000128_template_locked_ttl.up.sql
ALTER TABLE templates ADD COLUMN locked_ttl BIGINT NOT NULL DEFAULT 0;

;

-- ===== coderd/database/migrations/000129_drop_startup_logs_eof_and_add_completion.up.sql
DELETE FROM workspace_agent_startup_logs WHERE eof IS TRUE;

ALTER TABLE workspace_agent_startup_logs DROP COLUMN eof;

ALTER TABLE workspace_agents
	ADD COLUMN started_at TIMESTAMP WITH TIME ZONE DEFAULT NULL,
	ADD COLUMN ready_at TIMESTAMP WITH TIME ZONE DEFAULT NULL;

COMMENT ON COLUMN workspace_agents.started_at IS 'The time the agent entered the starting lifecycle state';
COMMENT ON COLUMN workspace_agents.ready_at IS 'The time the agent entered the ready or start_error lifecycle state';

;

-- ===== coderd/database/migrations/000130_ha_coordinator.up.sql
CREATE TABLE tailnet_coordinators (
	id uuid NOT NULL PRIMARY KEY,
	heartbeat_at timestamp with time zone NOT NULL
);

COMMENT ON TABLE tailnet_coordinators IS 'We keep this separate from replicas in case we need to break the coordinator out into its own service';

CREATE TABLE tailnet_clients (
	id uuid NOT NULL,
	coordinator_id uuid NOT NULL,
	agent_id uuid NOT NULL,
	updated_at timestamp with time zone NOT NULL,
	node jsonb NOT NULL,
	PRIMARY KEY (id, coordinator_id),
    FOREIGN KEY (coordinator_id) REFERENCES tailnet_coordinators(id) ON DELETE CASCADE
);


-- For querying/deleting mappings
CREATE INDEX idx_tailnet_clients_agent ON tailnet_clients (agent_id);

-- For shutting down / GC a coordinator
CREATE INDEX idx_tailnet_clients_coordinator ON tailnet_clients (coordinator_id);

CREATE TABLE tailnet_agents (
	id uuid NOT NULL,
	coordinator_id uuid NOT NULL,
	updated_at timestamp with time zone NOT NULL,
	node jsonb NOT NULL,
    PRIMARY KEY (id, coordinator_id),
    FOREIGN KEY (coordinator_id) REFERENCES tailnet_coordinators(id) ON DELETE CASCADE
);


-- For shutting down / GC a coordinator
CREATE INDEX idx_tailnet_agents_coordinator ON tailnet_agents (coordinator_id);

-- Any time the tailnet_clients table changes, send an update with the affected client and agent IDs
CREATE FUNCTION tailnet_notify_client_change() RETURNS trigger
	LANGUAGE plpgsql
	AS $$
BEGIN
	IF (OLD IS NOT NULL) THEN
		PERFORM pg_notify('tailnet_client_update', OLD.id || ',' || OLD.agent_id);
		RETURN NULL;
	END IF;
	IF (NEW IS NOT NULL) THEN
		PERFORM pg_notify('tailnet_client_update', NEW.id || ',' || NEW.agent_id);
		RETURN NULL;
	END IF;
END;
$$;

CREATE TRIGGER tailnet_notify_client_change
	AFTER INSERT OR UPDATE OR DELETE ON tailnet_clients
	FOR EACH ROW
EXECUTE PROCEDURE tailnet_notify_client_change();

-- Any time tailnet_agents table changes, send an update with the affected agent ID.
CREATE FUNCTION tailnet_notify_agent_change() RETURNS trigger
	LANGUAGE plpgsql
	AS $$
BEGIN
	IF (OLD IS NOT NULL) THEN
		PERFORM pg_notify('tailnet_agent_update', OLD.id::text);
		RETURN NULL;
	END IF;
	IF (NEW IS NOT NULL) THEN
		PERFORM pg_notify('tailnet_agent_update', NEW.id::text);
		RETURN NULL;
	END IF;
END;
$$;

CREATE TRIGGER tailnet_notify_agent_change
	AFTER INSERT OR UPDATE OR DELETE ON tailnet_agents
	FOR EACH ROW
EXECUTE PROCEDURE tailnet_notify_agent_change();

-- Send coordinator heartbeats
CREATE FUNCTION tailnet_notify_coordinator_heartbeat() RETURNS trigger
	LANGUAGE plpgsql
AS $$
BEGIN
	PERFORM pg_notify('tailnet_coordinator_heartbeat', NEW.id::text);
	RETURN NULL;
END;
$$;

CREATE TRIGGER tailnet_notify_coordinator_heartbeat
	AFTER INSERT OR UPDATE ON tailnet_coordinators
	FOR EACH ROW
EXECUTE PROCEDURE tailnet_notify_coordinator_heartbeat();

;

-- ===== coderd/database/migrations/000131_workspace_locked.up.sql
ALTER TABLE workspaces ADD COLUMN locked_at timestamptz NULL;

;

-- ===== coderd/database/migrations/000132_parameters_order.up.sql
ALTER TABLE template_version_parameters ADD COLUMN display_order integer NOT NULL DEFAULT 0;

COMMENT ON COLUMN template_version_parameters.display_order
IS 'Specifies the order in which to display parameters in user interfaces.';

;

-- ===== coderd/database/migrations/000133_oauth_convert_audit.up.sql
-- This has to be outside a transaction
ALTER TYPE resource_type ADD VALUE IF NOT EXISTS 'convert_login';

;

-- ===== coderd/database/migrations/000134_workspace_build_reason.up.sql
ALTER TYPE build_reason ADD VALUE IF NOT EXISTS 'autolock';
ALTER TYPE build_reason ADD VALUE IF NOT EXISTS 'failedstop';
ALTER TYPE build_reason ADD VALUE IF NOT EXISTS 'autodelete';

;

-- ===== coderd/database/migrations/000135_drop_rich_parameter_legacy_variable.up.sql
ALTER TABLE template_version_parameters DROP COLUMN legacy_variable_name;

;

-- ===== coderd/database/migrations/000136_ephemeral_parameters.up.sql
ALTER TABLE template_version_parameters ADD COLUMN ephemeral boolean NOT NULL DEFAULT false;

COMMENT ON COLUMN template_version_parameters.ephemeral
IS 'The value of an ephemeral parameter will not be preserved between consecutive workspace builds.';

;

-- ===== coderd/database/migrations/000137_add_template_version_message.up.sql
ALTER TABLE template_versions ADD COLUMN message varchar(1048576) NOT NULL DEFAULT '';

COMMENT ON COLUMN template_versions.message IS 'Message describing the changes in this version of the template, similar to a Git commit message. Like a commit message, this should be a short, high-level description of the changes in this version of the template. This message is immutable and should not be updated after the fact.';

;

-- ===== coderd/database/migrations/000138_join_users.up.sql
CREATE VIEW
	visible_users
AS
SELECT
	id, username, avatar_url
FROM
	users;

COMMENT ON VIEW visible_users IS 'Visible fields of users are allowed to be joined with other tables for including context of other resources.';

-- If you need to update this view, put 'DROP VIEW template_with_users;' before this.
CREATE VIEW
    template_with_users
AS
    SELECT
        templates.*,
		coalesce(visible_users.avatar_url, '') AS created_by_avatar_url,
		coalesce(visible_users.username, '') AS created_by_username
    FROM
        templates
    LEFT JOIN
		visible_users
	ON
	    templates.created_by = visible_users.id;

COMMENT ON VIEW template_with_users IS 'Joins in the username + avatar url of the created by user.';

;

-- ===== coderd/database/migrations/000139_template_restart_requirement.up.sql
ALTER TABLE templates
	-- The max_ttl column will be dropped eventually when the new "restart
	-- requirement" feature flag is fully rolled out.
	-- DROP COLUMN max_ttl,
	ADD COLUMN restart_requirement_days_of_week smallint NOT NULL DEFAULT 0,
	ADD COLUMN restart_requirement_weeks bigint NOT NULL DEFAULT 0;

COMMENT ON COLUMN templates.restart_requirement_days_of_week IS 'A bitmap of days of week to restart the workspace on, starting with Monday as the 0th bit, and Sunday as the 6th bit. The 7th bit is unused.';
COMMENT ON COLUMN templates.restart_requirement_weeks IS 'The number of weeks between restarts. 0 or 1 weeks means "every week", 2 week means "every second week", etc. Weeks are counted from January 2, 2023, which is the first Monday of 2023. This is to ensure workspaces are started consistently for all customers on the same n-week cycles.';

ALTER TABLE users
	ADD COLUMN quiet_hours_schedule text NOT NULL DEFAULT '';

COMMENT ON COLUMN users.quiet_hours_schedule IS 'Daily (!) cron schedule (with optional CRON_TZ) signifying the start of the user''s quiet hours. If empty, the default quiet hours on the instance is used instead.';

-- Update the template_with_users view by recreating it.
DROP VIEW template_with_users;
CREATE VIEW
    template_with_users
AS
    SELECT
        templates.*,
		coalesce(visible_users.avatar_url, '') AS created_by_avatar_url,
		coalesce(visible_users.username, '') AS created_by_username
    FROM
        templates
    LEFT JOIN
		visible_users
	ON
	    templates.created_by = visible_users.id;
COMMENT ON VIEW template_with_users IS 'Joins in the username + avatar url of the created by user.';

;

-- ===== coderd/database/migrations/000140_workspace_deleting_at.up.sql
ALTER TABLE workspaces ADD COLUMN deleting_at timestamptz NULL;

;

-- ===== coderd/database/migrations/000141_join_users_build_version.up.sql
-- If you need to update this view, put 'DROP VIEW workspace_build_with_user;' before this.
CREATE VIEW
	workspace_build_with_user
AS
SELECT
	workspace_builds.*,
	coalesce(visible_users.avatar_url, '') AS initiator_by_avatar_url,
	coalesce(visible_users.username, '') AS initiator_by_username
FROM
	workspace_builds
	LEFT JOIN
		visible_users
	ON
		workspace_builds.initiator_id = visible_users.id;

COMMENT ON VIEW workspace_build_with_user IS 'Joins in the username + avatar url of the initiated by user.';


-- If you need to update this view, put 'DROP VIEW template_version_with_user;' before this.
CREATE VIEW
	template_version_with_user
AS
SELECT
	template_versions.*,
	coalesce(visible_users.avatar_url, '') AS created_by_avatar_url,
	coalesce(visible_users.username, '') AS created_by_username
FROM
	template_versions
	LEFT JOIN
		visible_users
	ON
		template_versions.created_by = visible_users.id;

COMMENT ON VIEW template_version_with_user IS 'Joins in the username + avatar url of the created by user.';

;

-- ===== coderd/database/migrations/000142_proxy_derp.up.sql
ALTER TABLE replicas
	ADD COLUMN "primary" boolean NOT NULL DEFAULT true;

ALTER TABLE workspace_proxies
	-- Adding a serial to a table without a default value will be filled as you
	-- would expect on versions of Postgres >= 9 AFAIK (which we require).
	ADD COLUMN region_id serial NOT NULL,
	ADD COLUMN derp_enabled boolean NOT NULL DEFAULT true,
	ADD CONSTRAINT workspace_proxies_region_id_unique UNIQUE (region_id);

;

-- ===== coderd/database/migrations/000143_workspace_agent_logs.up.sql
CREATE TYPE workspace_agent_log_source AS ENUM ('startup_script', 'shutdown_script', 'kubernetes_logs', 'envbox', 'envbuilder', 'external');
ALTER TABLE workspace_agent_startup_logs RENAME TO workspace_agent_logs;
ALTER TABLE workspace_agent_logs ADD COLUMN source workspace_agent_log_source NOT NULL DEFAULT 'startup_script';
ALTER TABLE workspace_agents RENAME COLUMN startup_logs_overflowed TO logs_overflowed;
ALTER TABLE workspace_agents RENAME COLUMN startup_logs_length TO logs_length;
ALTER TABLE workspace_agents RENAME CONSTRAINT max_startup_logs_length TO max_logs_length;

;

-- ===== coderd/database/migrations/000144_user_status_dormant.up.sql
CREATE TYPE new_user_status AS ENUM (
	'active',
	'suspended',
	'dormant'
);
COMMENT ON TYPE new_user_status IS 'Defines the users status: active, dormant, or suspended.';

ALTER TABLE users
	ALTER COLUMN status DROP DEFAULT,
	ALTER COLUMN status TYPE new_user_status USING (status::text::new_user_status),
	ALTER COLUMN status SET DEFAULT 'active'::new_user_status;

DROP TYPE user_status;
ALTER TYPE new_user_status RENAME TO user_status;

;

-- ===== coderd/database/migrations/000145_user_status_default_dormant.up.sql
ALTER TABLE users ALTER COLUMN status SET DEFAULT 'dormant'::user_status;

;

-- ===== coderd/database/migrations/000146_proxy_derp_only.up.sql
ALTER TABLE workspace_proxies
	ADD COLUMN "derp_only" BOOLEAN NOT NULL DEFAULT false;

COMMENT ON COLUMN workspace_proxies.derp_only IS 'Disables app/terminal proxying for this proxy and only acts as a DERP relay.';

;

-- ===== coderd/database/migrations/000147_group_display_name.up.sql
ALTER TABLE groups
	ADD COLUMN display_name TEXT NOT NULL DEFAULT '';

COMMENT ON COLUMN groups.display_name IS 'Display name is a custom, human-friendly group name that user can set. This is not required to be unique and can be the empty string.';

;

-- ===== coderd/database/migrations/000148_group_source.up.sql
CREATE TYPE group_source AS ENUM (
    -- User created groups
	'user',
    -- Groups created by the system through oidc sync
	'oidc'
);

ALTER TABLE groups
	ADD COLUMN source group_source NOT NULL DEFAULT 'user';

COMMENT ON COLUMN groups.source IS 'Source indicates how the group was created. It can be created by a user manually, or through some system process like OIDC group sync.';

;

-- ===== coderd/database/migrations/000149_agent_multiple_subsystems.up.sql
-- Add "exectrace" to workspace_agent_subsystem type.
ALTER TYPE workspace_agent_subsystem ADD VALUE 'exectrace';

-- Create column subsystems in workspace_agents table, with default value being
-- an empty array.
ALTER TABLE workspace_agents ADD COLUMN subsystems workspace_agent_subsystem[] DEFAULT '{}';

-- Add a constraint that the subsystems cannot contain the deprecated value
-- 'none'.
ALTER TABLE workspace_agents ADD CONSTRAINT subsystems_not_none CHECK (NOT ('none' = ANY (subsystems)));

-- Update all existing workspace_agents to have subsystems = [subsystem] unless
-- the subsystem is 'none'.
UPDATE workspace_agents SET subsystems = ARRAY[subsystem] WHERE subsystem != 'none';

-- Drop the subsystem column from workspace_agents.
ALTER TABLE workspace_agents DROP COLUMN subsystem;

;

-- ===== coderd/database/migrations/000150_workspace_app_stats.up.sql
CREATE TABLE workspace_app_stats (
	id BIGSERIAL PRIMARY KEY,
	user_id uuid NOT NULL REFERENCES users (id),
	workspace_id uuid NOT NULL REFERENCES workspaces (id),
	agent_id uuid NOT NULL REFERENCES workspace_agents (id),
	access_method text NOT NULL,
	slug_or_port text NOT NULL,
	session_id uuid NOT NULL,
	session_started_at timestamptz NOT NULL,
	session_ended_at timestamptz NOT NULL,
	requests integer NOT NULL,

	-- Set a unique constraint to allow upserting the session_ended_at
	-- and requests fields without risk of collisions.
	UNIQUE(user_id, agent_id, session_id)
);

COMMENT ON TABLE workspace_app_stats IS 'A record of workspace app usage statistics';

COMMENT ON COLUMN workspace_app_stats.id IS 'The ID of the record';
COMMENT ON COLUMN workspace_app_stats.user_id IS 'The user who used the workspace app';
COMMENT ON COLUMN workspace_app_stats.workspace_id IS 'The workspace that the workspace app was used in';
COMMENT ON COLUMN workspace_app_stats.agent_id IS 'The workspace agent that was used';
COMMENT ON COLUMN workspace_app_stats.access_method IS 'The method used to access the workspace app';
COMMENT ON COLUMN workspace_app_stats.slug_or_port IS 'The slug or port used to to identify the app';
COMMENT ON COLUMN workspace_app_stats.session_id IS 'The unique identifier for the session';
COMMENT ON COLUMN workspace_app_stats.session_started_at IS 'The time the session started';
COMMENT ON COLUMN workspace_app_stats.session_ended_at IS 'The time the session ended';
COMMENT ON COLUMN workspace_app_stats.requests IS 'The number of requests made during the session, a number larger than 1 indicates that multiple sessions were rolled up into one';

-- Create index on workspace_id for joining/filtering by templates.
CREATE INDEX workspace_app_stats_workspace_id_idx ON workspace_app_stats (workspace_id);

;

-- ===== coderd/database/migrations/000151_rename_locked.up.sql
ALTER TABLE templates RENAME COLUMN inactivity_ttl TO time_til_dormant;
ALTER TABLE templates RENAME COLUMN locked_ttl TO time_til_dormant_autodelete;
ALTER TABLE workspaces RENAME COLUMN locked_at TO dormant_at;

-- Update the template_with_users view;a
DROP VIEW template_with_users;
-- If you need to update this view, put 'DROP VIEW template_with_users;' before this.
CREATE VIEW
    template_with_users
AS
    SELECT
        templates.*,
		coalesce(visible_users.avatar_url, '') AS created_by_avatar_url,
		coalesce(visible_users.username, '') AS created_by_username
    FROM
        templates
    LEFT JOIN
		visible_users
	ON
	    templates.created_by = visible_users.id;

COMMENT ON VIEW template_with_users IS 'Joins in the username + avatar url of the created by user.';

;

-- ===== coderd/database/migrations/000152_rename_template_restart_requirement.up.sql
DROP VIEW template_with_users;

ALTER TABLE templates RENAME COLUMN restart_requirement_days_of_week TO autostop_requirement_days_of_week;

ALTER TABLE templates RENAME COLUMN restart_requirement_weeks TO autostop_requirement_weeks;

CREATE VIEW
    template_with_users
AS
    SELECT
        templates.*,
		coalesce(visible_users.avatar_url, '') AS created_by_avatar_url,
		coalesce(visible_users.username, '') AS created_by_username
    FROM
        templates
    LEFT JOIN
		visible_users
	ON
	    templates.created_by = visible_users.id;

COMMENT ON VIEW template_with_users IS 'Joins in the username + avatar url of the created by user.';

;

-- ===== coderd/database/migrations/000153_agent_default_apps.up.sql
CREATE TYPE display_app AS ENUM ('vscode', 'vscode_insiders', 'web_terminal', 'ssh_helper', 'port_forwarding_helper');
ALTER TABLE workspace_agents ADD column display_apps display_app[] DEFAULT '{vscode, vscode_insiders, web_terminal, ssh_helper, port_forwarding_helper}';

;

-- ===== coderd/database/migrations/000154_dbcrypt_key_ids.up.sql
CREATE TABLE IF NOT EXISTS dbcrypt_keys (
	number int NOT NULL PRIMARY KEY,
	active_key_digest text UNIQUE,
	revoked_key_digest text UNIQUE,
	created_at TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP,
	revoked_at TIMESTAMP WITH TIME ZONE DEFAULT NULL,
	test TEXT NOT NULL
);

COMMENT ON TABLE dbcrypt_keys IS 'A table used to store the keys used to encrypt the database.';
COMMENT ON COLUMN dbcrypt_keys.number IS 'An integer used to identify the key.';
COMMENT ON COLUMN dbcrypt_keys.active_key_digest IS 'If the key is active, the digest of the active key.';
COMMENT ON COLUMN dbcrypt_keys.revoked_key_digest IS 'If the key has been revoked, the digest of the revoked key.';
COMMENT ON COLUMN dbcrypt_keys.created_at IS 'The time at which the key was created.';
COMMENT ON COLUMN dbcrypt_keys.revoked_at IS 'The time at which the key was revoked.';
COMMENT ON COLUMN dbcrypt_keys.test IS 'A column used to test the encryption.';

ALTER TABLE git_auth_links
ADD COLUMN IF NOT EXISTS oauth_access_token_key_id text REFERENCES dbcrypt_keys(active_key_digest),
ADD COLUMN IF NOT EXISTS oauth_refresh_token_key_id text REFERENCES dbcrypt_keys(active_key_digest);

COMMENT ON COLUMN git_auth_links.oauth_access_token_key_id IS 'The ID of the key used to encrypt the OAuth access token. If this is NULL, the access token is not encrypted';
COMMENT ON COLUMN git_auth_links.oauth_refresh_token_key_id IS 'The ID of the key used to encrypt the OAuth refresh token. If this is NULL, the refresh token is not encrypted';

ALTER TABLE user_links
ADD COLUMN IF NOT EXISTS oauth_access_token_key_id text REFERENCES dbcrypt_keys(active_key_digest),
ADD COLUMN IF NOT EXISTS oauth_refresh_token_key_id text REFERENCES dbcrypt_keys(active_key_digest);

COMMENT ON COLUMN user_links.oauth_access_token_key_id IS 'The ID of the key used to encrypt the OAuth access token. If this is NULL, the access token is not encrypted';
COMMENT ON COLUMN user_links.oauth_refresh_token_key_id IS 'The ID of the key used to encrypt the OAuth refresh token. If this is NULL, the refresh token is not encrypted';

;

-- ===== coderd/database/migrations/000155_workspaces_last_used_at_timestamptz.up.sql
ALTER TABLE ONLY workspaces
ALTER COLUMN last_used_at
	SET DATA TYPE timestamptz
	USING last_used_at::timestamp AT TIME ZONE 'UTC',
ALTER COLUMN last_used_at
	SET DEFAULT '0001-01-01 00:00:00+00:00'::timestamptz;

;

-- ===== coderd/database/migrations/000156_pg_coordinator_single_tailnet.up.sql
CREATE TABLE tailnet_client_subscriptions (
	client_id uuid NOT NULL,
	coordinator_id uuid NOT NULL,
	-- this isn't a foreign key since it's more of a list of agents the client
	-- *wants* to connect to, and they don't necessarily have to currently
	-- exist in the db.
	agent_id uuid NOT NULL,
	updated_at timestamp with time zone NOT NULL,
	PRIMARY KEY (client_id, coordinator_id, agent_id),
	FOREIGN KEY (coordinator_id)  REFERENCES tailnet_coordinators (id) ON DELETE CASCADE
	-- we don't keep a foreign key to the tailnet_clients table since there's
	-- not a great way to guarantee that a subscription is always added after
	-- the client is inserted. clients are only created after the client sends
	-- its first node update, which can take an undetermined amount of time.
);

CREATE FUNCTION tailnet_notify_client_subscription_change() RETURNS trigger
	LANGUAGE plpgsql
	AS $$
BEGIN
	IF (NEW IS NOT NULL) THEN
		PERFORM pg_notify('tailnet_client_update', NEW.client_id || ',' || NEW.agent_id);
		RETURN NULL;
	ELSIF (OLD IS NOT NULL) THEN
		PERFORM pg_notify('tailnet_client_update', OLD.client_id || ',' || OLD.agent_id);
		RETURN NULL;
	END IF;
END;
$$;

CREATE TRIGGER tailnet_notify_client_subscription_change
	AFTER INSERT OR UPDATE OR DELETE ON tailnet_client_subscriptions
	FOR EACH ROW
EXECUTE PROCEDURE tailnet_notify_client_subscription_change();

CREATE OR REPLACE FUNCTION tailnet_notify_client_change() RETURNS trigger
	LANGUAGE plpgsql
	AS $$
DECLARE
	var_client_id uuid;
	var_coordinator_id uuid;
	var_agent_ids uuid[];
	var_agent_id uuid;
BEGIN
	IF (NEW.id IS NOT NULL) THEN
		var_client_id = NEW.id;
		var_coordinator_id = NEW.coordinator_id;
	ELSIF (OLD.id IS NOT NULL) THEN
		var_client_id = OLD.id;
		var_coordinator_id = OLD.coordinator_id;
	END IF;

	-- Read all agents the client is subscribed to, so we can notify them.
	SELECT
		array_agg(agent_id)
	INTO
		var_agent_ids
	FROM
		tailnet_client_subscriptions subs
	WHERE
		subs.client_id = NEW.id AND
		subs.coordinator_id = NEW.coordinator_id;

	-- No agents to notify
	if (var_agent_ids IS NULL) THEN
		return NULL;
	END IF;

	-- pg_notify is limited to 8k bytes, which is approximately 221 UUIDs.
	-- Instead of sending all agent ids in a single update, send one for each
	-- agent id to prevent overflow.
	FOREACH var_agent_id IN ARRAY var_agent_ids
	LOOP
		PERFORM pg_notify('tailnet_client_update', var_client_id || ',' || var_agent_id);
	END LOOP;

	return NULL;
END;
$$;

ALTER TABLE
	tailnet_clients
DROP COLUMN
	agent_id;

;

-- ===== coderd/database/migrations/000157_workspace_agent_script.up.sql
CREATE TABLE workspace_agent_log_sources (
	workspace_agent_id uuid NOT NULL REFERENCES workspace_agents(id) ON DELETE CASCADE,
	id uuid NOT NULL,
	created_at timestamptz NOT NULL,
	display_name varchar(127) NOT NULL,
	icon text NOT NULL,
	PRIMARY KEY (workspace_agent_id, id)
);

CREATE TABLE workspace_agent_scripts (
	workspace_agent_id uuid NOT NULL REFERENCES workspace_agents(id) ON DELETE CASCADE,
	log_source_id uuid NOT NULL,
	log_path text NOT NULL,
	created_at timestamptz NOT NULL,
	script text NOT NULL,
	cron text NOT NULL,
	start_blocks_login boolean NOT NULL,
	run_on_start boolean NOT NULL,
	run_on_stop boolean NOT NULL,
	timeout_seconds integer NOT NULL
);

ALTER TABLE workspace_agent_logs ADD COLUMN log_source_id uuid NOT NULL DEFAULT '00000000-0000-0000-0000-000000000000'::uuid;
ALTER TABLE workspace_agent_logs DROP COLUMN source;
DROP TYPE workspace_agent_log_source;

ALTER TABLE workspace_agents DROP COLUMN startup_script_timeout_seconds;
ALTER TABLE workspace_agents DROP COLUMN shutdown_script;
ALTER TABLE workspace_agents DROP COLUMN shutdown_script_timeout_seconds;
ALTER TABLE workspace_agents DROP COLUMN startup_script_behavior;
ALTER TABLE workspace_agents DROP COLUMN startup_script;

-- Set the table to unlogged to speed up the inserts
ALTER TABLE workspace_agent_logs SET UNLOGGED;

;

-- ===== coderd/database/migrations/000158_external_auth.up.sql
ALTER TABLE template_versions RENAME COLUMN git_auth_providers TO external_auth_providers;

ALTER TABLE git_auth_links RENAME TO external_auth_links;

DROP VIEW template_version_with_user;
-- If you need to update this view, put 'DROP VIEW template_version_with_user;' before this.
CREATE VIEW
	template_version_with_user
AS
SELECT
	template_versions.*,
	coalesce(visible_users.avatar_url, '') AS created_by_avatar_url,
	coalesce(visible_users.username, '') AS created_by_username
FROM
	template_versions
	LEFT JOIN
		visible_users
	ON
		template_versions.created_by = visible_users.id;

COMMENT ON VIEW template_version_with_user IS 'Joins in the username + avatar url of the created by user.';

COMMENT ON COLUMN template_versions.external_auth_providers IS 'IDs of External auth providers for a specific template version';

;

-- ===== coderd/database/migrations/000159_workspace_agent_stats_template_id_created_at_user_id_idx.up.sql
CREATE INDEX workspace_agent_stats_template_id_created_at_user_id_idx ON workspace_agent_stats USING btree (template_id, created_at DESC, user_id) WHERE connection_count > 0;

COMMENT ON INDEX workspace_agent_stats_template_id_created_at_user_id_idx IS 'Support index for template insights endpoint to build interval reports faster.';

;

-- ===== coderd/database/migrations/000160_provisioner_job_status.up.sql
CREATE TYPE provisioner_job_status AS ENUM ('pending', 'running', 'succeeded', 'canceling', 'canceled', 'failed', 'unknown');
COMMENT ON TYPE provisioner_job_status IS 'Computed status of a provisioner job. Jobs could be stuck in a hung state, these states do not guarantee any transition to another state.';

ALTER TABLE provisioner_jobs ADD COLUMN
    job_status provisioner_job_status NOT NULL GENERATED ALWAYS AS (
        CASE
            -- Completed means it is not in an "-ing" state
            WHEN completed_at IS NOT NULL THEN
                CASE
                    -- The order of these checks are important.
                    -- Check the error first, then cancelled, then completed.
                    WHEN error != '' THEN 'failed'::provisioner_job_status
                    WHEN canceled_at IS NOT NULL THEN 'canceled'::provisioner_job_status
                    ELSE 'succeeded'::provisioner_job_status
                END
            -- Not completed means it is in some "-ing" state
            ELSE
                CASE
                    -- This should never happen because all errors set
                    -- should also set a completed_at timestamp.
                    -- But if there is an error, we should always return
                    -- a failed state.
                    WHEN error != '' THEN 'failed'::provisioner_job_status
                    WHEN canceled_at IS NOT NULL THEN 'canceling'::provisioner_job_status
                    -- Not done and not started means it is pending
                    WHEN started_at IS NULL THEN 'pending'::provisioner_job_status
                    ELSE 'running'::provisioner_job_status
                END
        END
        -- Stored so we do not have to recompute it every time.
        ) STORED;


COMMENT ON COLUMN provisioner_jobs.job_status IS 'Computed column to track the status of the job.';

;

-- ===== coderd/database/migrations/000161_workspace_agent_stats_template_id_created_at_user_id_include_sessions.up.sql
DROP INDEX workspace_agent_stats_template_id_created_at_user_id_idx;

CREATE INDEX workspace_agent_stats_template_id_created_at_user_id_idx ON workspace_agent_stats (template_id, created_at, user_id) INCLUDE (session_count_vscode, session_count_jetbrains, session_count_reconnecting_pty, session_count_ssh, connection_median_latency_ms) WHERE connection_count > 0;

COMMENT ON INDEX workspace_agent_stats_template_id_created_at_user_id_idx IS 'Support index for template insights endpoint to build interval reports faster.';

;

-- ===== coderd/database/migrations/000162_workspace_automatic_updates.up.sql
-- making this an enum in case we want to later add other options, like 'if_compatible_vars'
CREATE TYPE automatic_updates AS ENUM (
    'always',
    'never'
);
ALTER TABLE workspaces ADD COLUMN IF NOT EXISTS automatic_updates automatic_updates NOT NULL DEFAULT 'never'::automatic_updates;

;

-- ===== coderd/database/migrations/000163_external_auth_extra.up.sql
ALTER TABLE external_auth_links ADD COLUMN "oauth_extra" jsonb;

;

-- ===== coderd/database/migrations/000164_archive_template_versions.up.sql
-- The view will be rebuilt with the new column
DROP VIEW template_version_with_user;

-- Archived template versions are not visible or usable by default.
ALTER TABLE template_versions
	ADD COLUMN archived BOOLEAN NOT NULL DEFAULT FALSE;

-- Restore the old version of the template_version_with_user view.
CREATE VIEW
	template_version_with_user
AS
SELECT
	template_versions.*,
	coalesce(visible_users.avatar_url, '') AS created_by_avatar_url,
	coalesce(visible_users.username, '') AS created_by_username
FROM
	template_versions
		LEFT JOIN
	visible_users
	ON
			template_versions.created_by = visible_users.id;

COMMENT ON VIEW template_version_with_user IS 'Joins in the username + avatar url of the created by user.';

;

-- ===== coderd/database/migrations/000165_prevent_autostart_days.up.sql
DROP VIEW template_with_users;

ALTER TABLE templates
	ADD COLUMN autostart_block_days_of_week smallint NOT NULL DEFAULT 0;

COMMENT ON COLUMN templates.autostart_block_days_of_week IS 'A bitmap of days of week that autostart of a workspace is not allowed. Default allows all days. This is intended as a cost savings measure to prevent auto start on weekends (for example).';

-- Recreate view
CREATE VIEW
	template_with_users
AS
SELECT
	templates.*,
	coalesce(visible_users.avatar_url, '') AS created_by_avatar_url,
	coalesce(visible_users.username, '') AS created_by_username
FROM
	templates
		LEFT JOIN
	visible_users
	ON
			templates.created_by = visible_users.id;

COMMENT ON VIEW template_with_users IS 'Joins in the username + avatar url of the created by user.';

;

-- ===== coderd/database/migrations/000166_template_active_version.up.sql
DROP VIEW template_with_users;

ALTER TABLE templates ADD COLUMN require_active_version boolean NOT NULL DEFAULT 'f';

CREATE VIEW
    template_with_users
AS
    SELECT
        templates.*,
		coalesce(visible_users.avatar_url, '') AS created_by_avatar_url,
		coalesce(visible_users.username, '') AS created_by_username
    FROM
        templates
    LEFT JOIN
		visible_users
	ON
	    templates.created_by = visible_users.id;

COMMENT ON VIEW template_with_users IS 'Joins in the username + avatar url of the created by user.';

;

-- ===== coderd/database/migrations/000167_workspace_agent_api_version.up.sql
ALTER TABLE workspace_agents ADD COLUMN api_version TEXT DEFAULT '' NOT NULL;

;

-- ===== coderd/database/migrations/000168_pg_coord_tailnet_v2_api.up.sql
CREATE TYPE tailnet_status AS ENUM (
	'ok',
	'lost'
);

CREATE TABLE tailnet_peers (
	id uuid NOT NULL,
	coordinator_id uuid NOT NULL,
	updated_at timestamp with time zone NOT NULL,
	node bytea NOT NULL,
	status tailnet_status DEFAULT 'ok'::tailnet_status NOT NULL,
	PRIMARY KEY (id, coordinator_id),
	FOREIGN KEY (coordinator_id) REFERENCES tailnet_coordinators(id) ON DELETE CASCADE
);

-- For shutting down / GC a coordinator
CREATE INDEX idx_tailnet_peers_coordinator ON tailnet_peers (coordinator_id);

-- Any time tailnet_peers table changes, send an update with the affected peer ID.
CREATE FUNCTION tailnet_notify_peer_change() RETURNS trigger
	LANGUAGE plpgsql
AS $$
BEGIN
	IF (OLD IS NOT NULL) THEN
		PERFORM pg_notify('tailnet_peer_update', OLD.id::text);
		RETURN NULL;
	END IF;
	IF (NEW IS NOT NULL) THEN
		PERFORM pg_notify('tailnet_peer_update', NEW.id::text);
		RETURN NULL;
	END IF;
END;
$$;

CREATE TRIGGER tailnet_notify_peer_change
	AFTER INSERT OR UPDATE OR DELETE ON tailnet_peers
	FOR EACH ROW
EXECUTE PROCEDURE tailnet_notify_peer_change();

CREATE TABLE tailnet_tunnels (
	coordinator_id uuid NOT NULL,
	-- we don't keep foreign keys for src_id and dst_id because the coordinator doesn't
	-- strictly order creating the peers and creating the tunnels
	src_id uuid NOT NULL,
	dst_id uuid NOT NULL,
	updated_at timestamp with time zone NOT NULL,
	PRIMARY KEY (coordinator_id, src_id, dst_id),
	FOREIGN KEY (coordinator_id)  REFERENCES tailnet_coordinators (id) ON DELETE CASCADE
);

CREATE FUNCTION tailnet_notify_tunnel_change() RETURNS trigger
	LANGUAGE plpgsql
AS $$
BEGIN
	IF (NEW IS NOT NULL) THEN
		PERFORM pg_notify('tailnet_tunnel_update', NEW.src_id || ',' || NEW.dst_id);
		RETURN NULL;
	ELSIF (OLD IS NOT NULL) THEN
		PERFORM pg_notify('tailnet_tunnel_update', OLD.src_id || ',' || OLD.dst_id);
		RETURN NULL;
	END IF;
END;
$$;

CREATE TRIGGER tailnet_notify_tunnel_change
	AFTER INSERT OR UPDATE OR DELETE ON tailnet_tunnels
	FOR EACH ROW
EXECUTE PROCEDURE tailnet_notify_tunnel_change();

;

-- ===== coderd/database/migrations/000169_deprecate_template.up.sql
-- The view will be rebuilt with the new column
DROP VIEW template_with_users;

ALTER TABLE templates
	ADD COLUMN deprecated TEXT NOT NULL DEFAULT '';

COMMENT ON COLUMN templates.deprecated IS 'If set to a non empty string, the template will no longer be able to be used. The message will be displayed to the user.';

-- Restore the old version of the template_with_users view.
CREATE VIEW
	template_with_users
AS
SELECT
	templates.*,
	coalesce(visible_users.avatar_url, '') AS created_by_avatar_url,
	coalesce(visible_users.username, '') AS created_by_username
FROM
	templates
		LEFT JOIN
	visible_users
	ON
			templates.created_by = visible_users.id;

COMMENT ON VIEW template_with_users IS 'Joins in the username + avatar url of the created by user.';

;

-- ===== coderd/database/migrations/000170_workspaceproxy_version.up.sql
ALTER TABLE workspace_proxies ADD COLUMN version TEXT DEFAULT ''::TEXT NOT NULL;

;

-- ===== coderd/database/migrations/000171_oidc_debug_claims.up.sql
ALTER TABLE user_links ADD COLUMN debug_context jsonb DEFAULT '{}' NOT NULL;
COMMENT ON COLUMN user_links.debug_context IS 'Debug information includes information like id_token and userinfo claims.';

;

-- ===== coderd/database/migrations/000172_health_settings_audit.up.sql
-- This has to be outside a transaction
ALTER TYPE resource_type ADD VALUE IF NOT EXISTS 'health_settings';

;

-- ===== coderd/database/migrations/000173_provisioner_last_seen_at.up.sql
ALTER TABLE provisioner_daemons
	ADD COLUMN last_seen_at TIMESTAMP WITH TIME ZONE NULL,
	ADD COLUMN version TEXT NOT NULL DEFAULT ''::TEXT;

;

-- ===== coderd/database/migrations/000174_rename_autolock.up.sql
ALTER TYPE build_reason RENAME VALUE 'autolock' TO 'dormancy';

;

-- ===== coderd/database/migrations/000175_add_user_theme_preference.up.sql
ALTER TABLE users ADD COLUMN "theme_preference" text NOT NULL DEFAULT '';

COMMENT ON COLUMN "users"."theme_preference" IS '"" can be interpreted as "the user does not care", falling back to the default theme';

;

-- ===== coderd/database/migrations/000176_not_null_users_avatar_url.up.sql
UPDATE "users"
	SET "avatar_url" = ''
	WHERE "avatar_url" IS NULL;

ALTER TABLE "users"
	ALTER COLUMN "avatar_url" SET NOT NULL,
	ALTER COLUMN "avatar_url" SET DEFAULT '';

;

-- ===== coderd/database/migrations/000177_drop_provisioner_updated_at.up.sql
ALTER TABLE provisioner_daemons DROP COLUMN updated_at;

;

-- ===== coderd/database/migrations/000178_provisioner_daemon_idx_owner.up.sql
ALTER TABLE ONLY provisioner_daemons
	DROP CONSTRAINT IF EXISTS provisioner_daemons_name_key;

CREATE UNIQUE INDEX IF NOT EXISTS idx_provisioner_daemons_name_owner_key
	ON provisioner_daemons
	USING btree (name, lower((tags->>'owner')::text));

COMMENT ON INDEX idx_provisioner_daemons_name_owner_key
	IS 'Relax uniqueness constraint for provisioner daemon names';


;

-- ===== coderd/database/migrations/000179_provisionerdaemon_add_apiversion.up.sql
ALTER TABLE ONLY provisioner_daemons
    ADD COLUMN api_version text NOT NULL DEFAULT '1.0';
COMMENT ON COLUMN provisioner_daemons.api_version IS 'The API version of the provisioner daemon';

;

-- ===== coderd/database/migrations/000180_template_use_max_ttl.up.sql
-- Add column with default true, so existing templates will function as usual
ALTER TABLE templates ADD COLUMN use_max_ttl boolean NOT NULL DEFAULT true;

-- Find any templates with autostop_requirement_days_of_week set and set them to
-- use_max_ttl = false
UPDATE templates SET use_max_ttl = false WHERE autostop_requirement_days_of_week != 0;

-- Alter column to default false, because we want autostop_requirement to be the
-- default from now on
ALTER TABLE templates ALTER COLUMN use_max_ttl SET DEFAULT false;

DROP VIEW template_with_users;

CREATE VIEW
    template_with_users
AS
    SELECT
        templates.*,
		coalesce(visible_users.avatar_url, '') AS created_by_avatar_url,
		coalesce(visible_users.username, '') AS created_by_username
    FROM
        templates
    LEFT JOIN
		visible_users
	ON
	    templates.created_by = visible_users.id;

COMMENT ON VIEW template_with_users IS 'Joins in the username + avatar url of the created by user.';

;

-- ===== coderd/database/migrations/000181_coalesce_provisioner_daemon_idx_owner.up.sql
DROP INDEX IF EXISTS idx_provisioner_daemons_name_owner_key;

CREATE UNIQUE INDEX IF NOT EXISTS idx_provisioner_daemons_name_owner_key
	ON provisioner_daemons
	USING btree (name, LOWER(COALESCE(tags->>'owner', '')::text));

COMMENT ON INDEX idx_provisioner_daemons_name_owner_key
	IS 'Allow unique provisioner daemon names by user';

;

-- ===== coderd/database/migrations/000182_oauth2_provider.up.sql
CREATE TABLE oauth2_provider_apps (
    id uuid NOT NULL,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    name varchar(64) NOT NULL,
    icon varchar(256) NOT NULL,
    callback_url text NOT NULL,
    PRIMARY KEY (id),
    UNIQUE(name)
);

COMMENT ON TABLE oauth2_provider_apps IS 'A table used to configure apps that can use Coder as an OAuth2 provider, the reverse of what we are calling external authentication.';

CREATE TABLE oauth2_provider_app_secrets (
    id uuid NOT NULL,
    created_at timestamp with time zone NOT NULL,
    last_used_at timestamp with time zone NULL,
    hashed_secret bytea NOT NULL,
    display_secret text NOT NULL,
    app_id uuid NOT NULL REFERENCES oauth2_provider_apps (id) ON DELETE CASCADE,
    PRIMARY KEY (id),
    UNIQUE(app_id, hashed_secret)
);

COMMENT ON COLUMN oauth2_provider_app_secrets.display_secret IS 'The tail end of the original secret so secrets can be differentiated.';

;

-- ===== coderd/database/migrations/000183_provisionerd_api_version_prefix.up.sql
ALTER TABLE ONLY provisioner_daemons
	ALTER COLUMN api_version SET DEFAULT 'v1.0'::text;
UPDATE provisioner_daemons
	SET api_version = 'v1.0'
	WHERE api_version = '1.0';

;

-- ===== coderd/database/migrations/000184_provisionerd_api_version_rm_prefix.up.sql
ALTER TABLE ONLY provisioner_daemons
	ALTER COLUMN api_version SET DEFAULT '1.0'::text;
UPDATE provisioner_daemons
	SET api_version = '1.0'
	WHERE api_version = 'v1.0';

;

-- ===== coderd/database/migrations/000185_add_user_name.up.sql
ALTER TABLE users ADD COLUMN name text NOT NULL DEFAULT '';

COMMENT ON COLUMN users.name IS 'Name of the Coder user';


;

-- ===== coderd/database/migrations/000186_user_favorite_workspaces.up.sql
ALTER TABLE ONLY workspaces
ADD COLUMN favorite boolean NOT NULL DEFAULT false;
COMMENT ON COLUMN workspaces.favorite IS 'Favorite is true if the workspace owner has favorited the workspace.';

;

-- ===== coderd/database/migrations/000187_jfrog_xray.up.sql
CREATE TABLE jfrog_xray_scans (
	agent_id uuid NOT NULL REFERENCES workspace_agents(id) ON DELETE CASCADE,
	workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
	critical integer NOT NULL DEFAULT 0,
	high integer NOT NULL DEFAULT 0,
	medium integer NOT NULL DEFAULT 0,
	results_url text NOT NULL DEFAULT '',
	PRIMARY KEY (agent_id, workspace_id)
);

;

-- ===== coderd/database/migrations/000188_workspace_agent_metadata_order.up.sql
ALTER TABLE workspace_agent_metadata ADD COLUMN display_order integer NOT NULL DEFAULT 0;

COMMENT ON COLUMN workspace_agent_metadata.display_order
IS 'Specifies the order in which to display agent metadata in user interfaces.';

;

-- ===== coderd/database/migrations/000189_workspace_app_order.up.sql
ALTER TABLE workspace_apps ADD COLUMN display_order integer NOT NULL DEFAULT 0;

COMMENT ON COLUMN workspace_apps.display_order
IS 'Specifies the order in which to display agent app in user interfaces.';

;

-- ===== coderd/database/migrations/000190_template_activity_bump_duration.up.sql
ALTER TABLE templates ADD COLUMN activity_bump bigint DEFAULT '3600000000000'::bigint NOT NULL; -- 1 hour

DROP VIEW template_with_users;

CREATE VIEW
    template_with_users
AS
    SELECT
        templates.*,
		coalesce(visible_users.avatar_url, '') AS created_by_avatar_url,
		coalesce(visible_users.username, '') AS created_by_username
    FROM
        templates
    LEFT JOIN
		visible_users
	ON
	    templates.created_by = visible_users.id;

COMMENT ON VIEW template_with_users IS 'Joins in the username + avatar url of the created by user.';

;

-- ===== coderd/database/migrations/000191_workspace_agent_port_sharing.up.sql
CREATE TABLE workspace_agent_port_share (
	workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
	agent_name text NOT NULL,
	port integer NOT NULL,
	share_level app_sharing_level NOT NULL
);

ALTER TABLE workspace_agent_port_share ADD PRIMARY KEY (workspace_id, agent_name, port);

ALTER TABLE templates ADD COLUMN max_port_sharing_level app_sharing_level NOT NULL DEFAULT 'owner'::app_sharing_level;

-- Update the template_with_users view by recreating it.
DROP VIEW template_with_users;
CREATE VIEW
    template_with_users
AS
    SELECT
        templates.*,
		coalesce(visible_users.avatar_url, '') AS created_by_avatar_url,
		coalesce(visible_users.username, '') AS created_by_username
    FROM
        templates
    LEFT JOIN
		visible_users
	ON
	    templates.created_by = visible_users.id;
COMMENT ON VIEW template_with_users IS 'Joins in the username + avatar url of the created by user.';

;

-- ===== coderd/database/migrations/000192_workspace_agent_order.up.sql
ALTER TABLE workspace_agents ADD COLUMN display_order integer NOT NULL DEFAULT 0;

COMMENT ON COLUMN workspace_agents.display_order
IS 'Specifies the order in which to display agents in user interfaces.';

;

-- ===== coderd/database/migrations/000193_default_organization.up.sql
-- This migration is intended to maintain the existing behavior of single org
-- deployments, while allowing for multi-org deployments. By default, this organization
-- will be used when no organization is specified.
ALTER TABLE organizations ADD COLUMN is_default BOOLEAN NOT NULL DEFAULT FALSE;

-- Only 1 org should ever be set to is_default.
create unique index organizations_single_default_org on organizations (is_default)
	where is_default = true;

UPDATE
	organizations
SET
	is_default = true
WHERE
	-- The first organization created will be the default.
	id = (SELECT id FROM organizations ORDER BY organizations.created_at ASC LIMIT 1 );

;

-- ===== coderd/database/migrations/000194_trigger_delete_user_user_link.up.sql
-- We need to delete all existing user_links for soft-deleted users
DELETE FROM
	user_links
WHERE
	user_id
		IN (
		SELECT id FROM users WHERE deleted
	);

-- Drop the old trigger
DROP TRIGGER trigger_update_users ON users;
-- Drop the old function
DROP FUNCTION delete_deleted_user_api_keys;

-- When we soft-delete a user, we also want to delete their API key.
-- The previous function deleted all api keys. This extends that with user_links.
CREATE FUNCTION delete_deleted_user_resources() RETURNS trigger
	LANGUAGE plpgsql
AS $$
DECLARE
BEGIN
	IF (NEW.deleted) THEN
		-- Remove their api_keys
		DELETE FROM api_keys
		WHERE user_id = OLD.id;

		-- Remove their user_links
		-- Their login_type is preserved in the users table.
		-- Matching this user back to the link can still be done by their
		-- email if the account is undeleted. Although that is not a guarantee.
		DELETE FROM user_links
		WHERE user_id = OLD.id;
	END IF;
	RETURN NEW;
END;
$$;


-- Update it to the new trigger
CREATE TRIGGER trigger_update_users
	AFTER INSERT OR UPDATE ON users
	FOR EACH ROW
	WHEN (NEW.deleted = true)
EXECUTE PROCEDURE delete_deleted_user_resources();


-- Prevent adding new user_links for soft-deleted users
CREATE FUNCTION insert_user_links_fail_if_user_deleted() RETURNS trigger
	LANGUAGE plpgsql
AS $$

DECLARE
BEGIN
	IF (NEW.user_id IS NOT NULL) THEN
		IF (SELECT deleted FROM users WHERE id = NEW.user_id LIMIT 1) THEN
			RAISE EXCEPTION 'Cannot create user_link for deleted user';
		END IF;
	END IF;
	RETURN NEW;
END;
$$;

CREATE TRIGGER trigger_upsert_user_links
	BEFORE INSERT OR UPDATE ON user_links
	FOR EACH ROW
EXECUTE PROCEDURE insert_user_links_fail_if_user_deleted();

;

-- ===== coderd/database/migrations/000195_oauth2_provider_codes.up.sql
CREATE TABLE oauth2_provider_app_codes (
    id uuid NOT NULL,
    created_at timestamp with time zone NOT NULL,
    expires_at timestamp with time zone NOT NULL,
    secret_prefix bytea NOT NULL,
    hashed_secret bytea NOT NULL,
    user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    app_id uuid NOT NULL REFERENCES oauth2_provider_apps (id) ON DELETE CASCADE,
    PRIMARY KEY (id),
    UNIQUE(secret_prefix)
);

COMMENT ON TABLE oauth2_provider_app_codes IS 'Codes are meant to be exchanged for access tokens.';

CREATE TABLE oauth2_provider_app_tokens (
    id uuid NOT NULL,
    created_at timestamp with time zone NOT NULL,
    expires_at timestamp with time zone NOT NULL,
    hash_prefix bytea NOT NULL,
    refresh_hash bytea NOT NULL,
    app_secret_id uuid NOT NULL REFERENCES oauth2_provider_app_secrets (id) ON DELETE CASCADE,
    api_key_id text NOT NULL REFERENCES api_keys (id) ON DELETE CASCADE,
    PRIMARY KEY (id),
    UNIQUE(hash_prefix)
);

COMMENT ON COLUMN oauth2_provider_app_tokens.refresh_hash IS 'Refresh tokens provide a way to refresh an access token (API key). An expired API key can be refreshed if this token is not yet expired, meaning this expiry can outlive an API key.';

-- When we delete a token, delete the API key associated with it.
CREATE FUNCTION delete_deleted_oauth2_provider_app_token_api_key() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
DECLARE
BEGIN
    DELETE FROM api_keys
    WHERE id = OLD.api_key_id;
    RETURN OLD;
END;
$$;

CREATE TRIGGER trigger_delete_oauth2_provider_app_token
AFTER DELETE ON oauth2_provider_app_tokens
FOR EACH ROW
EXECUTE PROCEDURE delete_deleted_oauth2_provider_app_token_api_key();

-- This migration has been modified after its initial commit.
-- The new implementation makes the same changes as the original, but
-- takes into account the message in create_migration.sh. This is done
-- to allow the insertion of a user with the "none" login type in later migrations.
CREATE TYPE new_logintype AS ENUM (
  'password',
  'github',
  'oidc',
  'token',
  'none',
  'oauth2_provider_app'
);
COMMENT ON TYPE new_logintype IS 'Specifies the method of authentication. "none" is a special case in which no authentication method is allowed.';

ALTER TABLE users
	ALTER COLUMN login_type DROP DEFAULT,
	ALTER COLUMN login_type TYPE new_logintype USING (login_type::text::new_logintype),
	ALTER COLUMN login_type SET DEFAULT 'password'::new_logintype;

DROP INDEX IF EXISTS idx_api_key_name;
ALTER TABLE api_keys
	ALTER COLUMN login_type TYPE new_logintype USING (login_type::text::new_logintype);
CREATE UNIQUE INDEX idx_api_key_name
ON api_keys (user_id, token_name)
WHERE (login_type = 'token'::new_logintype);

ALTER TABLE user_links
	ALTER COLUMN login_type TYPE new_logintype USING (login_type::text::new_logintype);

DROP TYPE login_type;
ALTER TYPE new_logintype RENAME TO login_type;

-- Switch to an ID we will prefix to the raw secret that we give to the user
-- (instead of matching on the entire secret as the ID, since they will be
-- salted and we can no longer do that).  OAuth2 is blocked outside of
-- development mode so there should be no production secrets unless they
-- previously upgraded, in which case they keep their original prefixes and will
-- be fine.  Add a random ID for the development mode case so the upgrade does
-- not fail, at least.
ALTER TABLE ONLY oauth2_provider_app_secrets
    ADD COLUMN IF NOT EXISTS secret_prefix bytea NULL;

UPDATE oauth2_provider_app_secrets
    SET secret_prefix = substr(md5(random()::text), 0, 10)::bytea
    WHERE secret_prefix IS NULL;

ALTER TABLE ONLY oauth2_provider_app_secrets
    ALTER COLUMN secret_prefix SET NOT NULL,
    ADD CONSTRAINT oauth2_provider_app_secrets_secret_prefix_key UNIQUE (secret_prefix),
    DROP CONSTRAINT IF EXISTS oauth2_provider_app_secrets_app_id_hashed_secret_key;

;

-- ===== coderd/database/migrations/000196_external_auth_providers_jsonb.up.sql
-- We cannot alter the column type while a view depends on it, so we drop it and recreate it.
DROP VIEW template_version_with_user;


-- Turns the list of provider names into JSONB with the type `Array<{ id: string; optional?: boolean }>`
-- eg. `'{github,gitlab}'::text[]` would become `'[{"id": "github"}, {"id": "gitlab"}]'::jsonb`
CREATE OR REPLACE FUNCTION migrate_external_auth_providers_to_jsonb(text[])
  RETURNS jsonb
  LANGUAGE plpgsql
  AS $$
DECLARE
  result jsonb;
BEGIN
  SELECT
    jsonb_agg(jsonb_build_object('id', value::text)) INTO result
  FROM
    unnest($1) AS value;
  RETURN result;
END;
$$;


-- Update the column type and migrate the values
ALTER TABLE template_versions
  ALTER COLUMN external_auth_providers TYPE jsonb
  USING migrate_external_auth_providers_to_jsonb(external_auth_providers);


-- Make the column non-nullable to make the types nicer on the Go side
UPDATE template_versions
  SET external_auth_providers = '[]'::jsonb
  WHERE external_auth_providers IS NULL;
ALTER TABLE template_versions
  ALTER COLUMN external_auth_providers SET DEFAULT '[]'::jsonb;
ALTER TABLE template_versions
  ALTER COLUMN external_auth_providers SET NOT NULL;


-- Recreate `template_version_with_user` as described in dump.sql
CREATE VIEW template_version_with_user AS
SELECT
  template_versions.id,
  template_versions.template_id,
  template_versions.organization_id,
  template_versions.created_at,
  template_versions.updated_at,
  template_versions.name,
  template_versions.readme,
  template_versions.job_id,
  template_versions.created_by,
  template_versions.external_auth_providers,
  template_versions.message,
  template_versions.archived,
  COALESCE(visible_users.avatar_url, ''::text) AS created_by_avatar_url,
  COALESCE(visible_users.username, ''::text) AS created_by_username
FROM (template_versions
  LEFT JOIN visible_users ON (template_versions.created_by = visible_users.id));

COMMENT ON VIEW template_version_with_user IS 'Joins in the username + avatar url of the created by user.';


-- Cleanup
DROP FUNCTION migrate_external_auth_providers_to_jsonb;

;

-- ===== coderd/database/migrations/000197_oauth2_provider_app_audit.up.sql
ALTER TYPE resource_type ADD VALUE IF NOT EXISTS 'oauth2_provider_app';
ALTER TYPE resource_type ADD VALUE IF NOT EXISTS 'oauth2_provider_app_secret';

;

-- ===== coderd/database/migrations/000198_ensure_default_org.up.sql
-- This ensures a default organization always exists.
INSERT INTO
	organizations(id, name, description, created_at, updated_at, is_default)
SELECT
	-- Avoid calling it "default" as we are reserving that word as a keyword to fetch
	-- the default org regardless of the name.
	gen_random_uuid(),
	'first-organization',
	'Builtin default organization.',
	now(),
	now(),
	true
WHERE
	-- Only insert if no organizations exist.
	NOT EXISTS (SELECT * FROM organizations);


;

-- ===== coderd/database/migrations/000199_port_share_protocol.up.sql
CREATE TYPE port_share_protocol AS ENUM ('http', 'https');

ALTER TABLE workspace_agent_port_share
	ADD COLUMN protocol port_share_protocol NOT NULL DEFAULT 'http'::port_share_protocol;

;

-- ===== coderd/database/migrations/000200_org_provisioners.up.sql
-- At the time of this migration, only 1 org is expected in a deployment.
-- In the future when multi-org is more common, there might be a use case
-- to allow a provisioner to be associated with multiple orgs.
ALTER TABLE provisioner_daemons
	ADD COLUMN organization_id UUID REFERENCES organizations(id) ON DELETE CASCADE;

UPDATE
	provisioner_daemons
SET
	-- Default to the first org
	organization_id = (SELECT id FROM organizations WHERE is_default = true LIMIT 1 );

ALTER TABLE provisioner_daemons
	ALTER COLUMN organization_id SET NOT NULL;

;

-- ===== coderd/database/migrations/000201_ensure_default_everyone_group.up.sql
-- This ensures a default everyone group exists for default org.
INSERT INTO
	groups(name, id, organization_id)
SELECT
	-- This is a special keyword that must be exactly this.
	'Everyone',
	-- Org ID and group ID must match.
	(SELECT id FROM organizations WHERE is_default = true LIMIT 1),
	(SELECT id FROM organizations WHERE is_default = true LIMIT 1)
-- It might already exist
ON CONFLICT DO NOTHING;

;

-- ===== coderd/database/migrations/000202_remove_max_ttl.up.sql
-- Update the template_with_users view by recreating it.
DROP VIEW template_with_users;

ALTER TABLE templates DROP COLUMN "max_ttl";
ALTER TABLE templates DROP COLUMN "use_max_ttl";

CREATE VIEW
	template_with_users
AS
SELECT
	templates.*,
	coalesce(visible_users.avatar_url, '') AS created_by_avatar_url,
	coalesce(visible_users.username, '') AS created_by_username
FROM
	templates
		LEFT JOIN
	visible_users
	ON
		templates.created_by = visible_users.id;
COMMENT ON VIEW template_with_users IS 'Joins in the username + avatar url of the created by user.';

;

-- ===== coderd/database/migrations/000203_template_usage_stats.up.sql
CREATE TABLE template_usage_stats (
  start_time timestamptz NOT NULL,
  end_time timestamptz NOT NULL,
  template_id uuid NOT NULL,
  user_id uuid NOT NULL,
  median_latency_ms real NULL,
  usage_mins smallint NOT NULL,
  ssh_mins smallint NOT NULL,
  sftp_mins smallint NOT NULL,
  reconnecting_pty_mins smallint NOT NULL,
  vscode_mins smallint NOT NULL,
  jetbrains_mins smallint NOT NULL,
  app_usage_mins jsonb NULL,

  PRIMARY KEY (start_time, template_id, user_id)
);

COMMENT ON TABLE template_usage_stats IS 'Records aggregated usage statistics for templates/users. All usage is rounded up to the nearest minute.';
COMMENT ON COLUMN template_usage_stats.start_time IS 'Start time of the usage period.';
COMMENT ON COLUMN template_usage_stats.end_time IS 'End time of the usage period.';
COMMENT ON COLUMN template_usage_stats.template_id IS 'ID of the template being used.';
COMMENT ON COLUMN template_usage_stats.user_id IS 'ID of the user using the template.';
COMMENT ON COLUMN template_usage_stats.median_latency_ms IS 'Median latency the user is experiencing, in milliseconds. Null means no value was recorded.';
COMMENT ON COLUMN template_usage_stats.usage_mins IS 'Total minutes the user has been using the template.';
COMMENT ON COLUMN template_usage_stats.ssh_mins IS 'Total minutes the user has been using SSH.';
COMMENT ON COLUMN template_usage_stats.sftp_mins IS 'Total minutes the user has been using SFTP.';
COMMENT ON COLUMN template_usage_stats.reconnecting_pty_mins IS 'Total minutes the user has been using the reconnecting PTY.';
COMMENT ON COLUMN template_usage_stats.vscode_mins IS 'Total minutes the user has been using VSCode.';
COMMENT ON COLUMN template_usage_stats.jetbrains_mins IS 'Total minutes the user has been using JetBrains.';
COMMENT ON COLUMN template_usage_stats.app_usage_mins IS 'Object with app names as keys and total minutes used as values. Null means no app usage was recorded.';

CREATE UNIQUE INDEX ON template_usage_stats (start_time, template_id, user_id);
CREATE INDEX ON template_usage_stats (start_time DESC);

COMMENT ON INDEX template_usage_stats_start_time_template_id_user_id_idx IS 'Index for primary key.';
COMMENT ON INDEX template_usage_stats_start_time_idx IS 'Index for querying MAX(start_time).';

;

-- ===== coderd/database/migrations/000204_add_workspace_agent_scripts_fk_index.up.sql
CREATE INDEX workspace_agent_scripts_workspace_agent_id_idx ON workspace_agent_scripts (workspace_agent_id);

COMMENT ON INDEX workspace_agent_scripts_workspace_agent_id_idx IS 'Foreign key support index for faster lookups';

;

-- ===== coderd/database/migrations/000205_unique_linked_id.up.sql
-- Remove the linked_id if two user_links share the same value.
-- This will affect the user if they attempt to change their settings on
-- the oauth/oidc provider. However, if two users exist with the same
-- linked_value, there is no way to determine correctly which user should
-- be updated. Since the linked_id is empty, this value will be linked
-- by email.
UPDATE ONLY user_links AS out
SET
	linked_id =
		CASE WHEN (
			  -- When the count of linked_id is greater than 1, set the linked_id to empty
			  SELECT
			      COUNT(*)
			  FROM
			      user_links inn
			  WHERE
			      out.linked_id = inn.linked_id AND out.login_type = inn.login_type
		  ) > 1 THEN '' ELSE out.linked_id END;

-- Enforce unique linked_id constraint on non-empty linked_id
CREATE UNIQUE INDEX user_links_linked_id_login_type_idx ON user_links USING btree (linked_id, login_type) WHERE (linked_id != '');

;

-- ===== coderd/database/migrations/000206_add_tailnet_tunnels_indexes.up.sql
-- Since src_id and dst_id are UUIDs, we only ever compare them with equality, so hash is better
CREATE INDEX idx_tailnet_tunnels_src_id ON tailnet_tunnels USING hash (src_id);
CREATE INDEX idx_tailnet_tunnels_dst_id ON tailnet_tunnels USING hash (dst_id);

;

-- ===== coderd/database/migrations/000207_site_configs_text.up.sql
ALTER TABLE "site_configs" ALTER COLUMN "value" TYPE text;

;

-- ===== coderd/database/migrations/000208_notification_banners.up.sql
update site_configs SET
	key = 'notification_banners',
	value = concat('[', value, ']')
where key = 'service_banner';

;

-- ===== coderd/database/migrations/000209_custom_roles.up.sql
CREATE TABLE custom_roles (
	-- name is globally unique. Org scoped roles have their orgid appended
	-- like:  "name":"organization-admin:bbe8c156-c61e-4d36-b91e-697c6b1477e8"
	name text primary key,
	-- display_name is the actual name of the role displayed to the user.
	display_name text NOT NULL,

	-- Unfortunately these values are schemaless json documents.
	-- If there was a permission table for these, that would involve
	-- many necessary joins to accomplish this simple json.

	-- site_permissions is '[]Permission'
	site_permissions jsonb NOT NULL default '[]',
	-- org_permissions is 'map[<org_id>][]Permission'
	org_permissions jsonb NOT NULL default '{}',
	-- user_permissions is '[]Permission'
	user_permissions jsonb NOT NULL default '[]',

	-- extra convenience meta data.
	created_at timestamp with time zone NOT NULL DEFAULT CURRENT_TIMESTAMP,
	updated_at timestamp with time zone NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- Ensure no case variants of the same roles
CREATE UNIQUE INDEX idx_custom_roles_name_lower ON custom_roles USING btree (lower(name));
COMMENT ON TABLE  custom_roles IS 'Custom roles allow dynamic roles expanded at runtime';

;

-- ===== coderd/database/migrations/000210_unique_org_name.up.sql
ALTER TABLE ONLY organizations
	ADD CONSTRAINT organizations_name UNIQUE (name);

;

-- ===== coderd/database/migrations/000211_workspace_tags.up.sql
CREATE TABLE IF NOT EXISTS template_version_workspace_tags (
    template_version_id uuid not null references template_versions (id) on delete cascade,
    key text not null,
    value text not null,
    unique (template_version_id, key)
);

;

-- ===== coderd/database/migrations/000212_custom_role_orgs.up.sql
ALTER TABLE custom_roles
	-- This column is nullable, meaning no organization scope
	ADD COLUMN organization_id uuid;

COMMENT ON COLUMN custom_roles.organization_id IS 'Roles can optionally be scoped to an organization'

;

-- ===== coderd/database/migrations/000213_announcement_banners.up.sql
update site_configs SET
	key = 'announcement_banners'
	where key = 'notification_banners';

;

-- ===== coderd/database/migrations/000214_org_custom_role_array.up.sql
-- Previous custom roles are now invalid, as the json changed. Since this is an
-- experimental feature, there is no point in trying to save the perms.
-- This does not elevate any permissions, so it is not a security issue.
UPDATE custom_roles SET org_permissions = '[]';

;

-- ===== coderd/database/migrations/000215_scoped_org_db_roles.up.sql
-- The default was 'organization-member', but we imply that in the
-- 'GetAuthorizationUserRoles' query.
ALTER TABLE ONLY organization_members ALTER COLUMN roles SET DEFAULT '{}';

-- No one should be using organization roles yet. If they are, the names in the
-- database are now incorrect. Just remove them all.
UPDATE organization_members SET roles = '{}';

;

-- ===== coderd/database/migrations/000216_organization_display_name.up.sql
-- This default is just a temporary thing to avoid null errors when first creating the column.
alter table organizations
	add column display_name text not null default '';

update organizations
	set display_name = name;

-- We can remove the default now that everything has been copied.
alter table organizations
	alter column display_name drop default;

;

-- ===== coderd/database/migrations/000217_custom_role_pair_parameter.up.sql
CREATE TYPE name_organization_pair AS (name text, organization_id uuid);

;

-- ===== coderd/database/migrations/000218_org_custom_role_audit.up.sql
-- (name) is the primary key, this column is almost exclusively for auditing.
-- Audit logs require a uuid as the unique identifier for a resource.
ALTER TABLE custom_roles ADD COLUMN id uuid DEFAULT gen_random_uuid() NOT NULL;
COMMENT ON COLUMN custom_roles.id IS 'Custom roles ID is used purely for auditing purposes. Name is a better unique identifier.';

-- Ensure unique uuids.
CREATE INDEX idx_custom_roles_id ON custom_roles (id);
ALTER TYPE resource_type ADD VALUE IF NOT EXISTS 'custom_role';

;

-- ===== coderd/database/migrations/000219_organization_icon.up.sql
alter table organizations
	add column icon text not null default '';

;

-- ===== coderd/database/migrations/000220_audit_org_member.up.sql
ALTER TYPE resource_type ADD VALUE IF NOT EXISTS 'organization_member';

;

-- ===== coderd/database/migrations/000221_notifications.up.sql
CREATE TYPE notification_message_status AS ENUM (
    'pending',
    'leased',
    'sent',
    'permanent_failure',
    'temporary_failure',
    'unknown'
    );

CREATE TYPE notification_method AS ENUM (
    'smtp',
    'webhook'
    );

CREATE TABLE notification_templates
(
    id             uuid                 NOT NULL,
    name           text                 NOT NULL,
    title_template text                 NOT NULL,
    body_template  text                 NOT NULL,
    actions        jsonb,
    "group"        text,
    PRIMARY KEY (id),
    UNIQUE (name)
);

COMMENT ON TABLE notification_templates IS 'Templates from which to create notification messages.';

CREATE TABLE notification_messages
(
    id                       uuid                        NOT NULL,
    notification_template_id uuid                        NOT NULL,
    user_id                  uuid                        NOT NULL,
    method                   notification_method         NOT NULL,
    status                   notification_message_status NOT NULL DEFAULT 'pending'::notification_message_status,
    status_reason            text,
    created_by               text                        NOT NULL,
    payload                  jsonb                       NOT NULL,
    attempt_count            int                                  DEFAULT 0,
    targets                  uuid[],
    created_at               timestamp with time zone    NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at               timestamp with time zone,
    leased_until             timestamp with time zone,
    next_retry_after         timestamp with time zone,
    PRIMARY KEY (id),
    FOREIGN KEY (notification_template_id) REFERENCES notification_templates (id) ON DELETE CASCADE,
    FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
);

CREATE INDEX idx_notification_messages_status ON notification_messages (status);

-- TODO: autogenerate constants which reference the UUIDs
INSERT INTO notification_templates (id, name, title_template, body_template, "group", actions)
VALUES ('f517da0b-cdc9-410f-ab89-a86107c420ed', 'Workspace Deleted', E'Workspace "{{.Labels.name}}" deleted',
        E'Hi {{.UserName}}\n\nYour workspace **{{.Labels.name}}** was deleted.\nThe specified reason was "**{{.Labels.reason}}{{ if .Labels.initiator }} ({{ .Labels.initiator }}){{end}}**".',
        'Workspace Events', '[
        {
            "label": "View workspaces",
            "url": "{{ base_url }}/workspaces"
        },
        {
            "label": "View templates",
            "url": "{{ base_url }}/templates"
        }
    ]'::jsonb);

;

-- ===== coderd/database/migrations/000222_template_organization_name.up.sql
-- Update the template_with_users view by recreating it.
DROP VIEW template_with_users;

-- Renaming template_with_users -> template_with_names
CREATE VIEW
	template_with_names
AS
SELECT
	templates.*,
	coalesce(visible_users.avatar_url, '') AS created_by_avatar_url,
	coalesce(visible_users.username, '') AS created_by_username,
	coalesce(organizations.name, '') AS organization_name
FROM
	templates
	LEFT JOIN
		visible_users
		ON
			templates.created_by = visible_users.id
	LEFT JOIN
		organizations
		ON templates.organization_id = organizations.id
;

COMMENT ON VIEW template_with_names IS 'Joins in the display name information such as username, avatar, and organization name.';

;

-- ===== coderd/database/migrations/000223_notifications_settings_audit.up.sql
-- This has to be outside a transaction
ALTER TYPE resource_type ADD VALUE IF NOT EXISTS 'notifications_settings';

;

-- ===== coderd/database/migrations/000224_template_display_name.up.sql
-- Update the template_with_names view by recreating it.
DROP VIEW template_with_names;
CREATE VIEW
	template_with_names
AS
SELECT
	templates.*,
	coalesce(visible_users.avatar_url, '') AS created_by_avatar_url,
	coalesce(visible_users.username, '') AS created_by_username,
	coalesce(organizations.name, '') AS organization_name,
	coalesce(organizations.display_name, '') AS organization_display_name,
	coalesce(organizations.icon, '') AS organization_icon
FROM
	templates
		LEFT JOIN
	visible_users
	ON
		templates.created_by = visible_users.id
		LEFT JOIN
	organizations
	ON templates.organization_id = organizations.id
;

COMMENT ON VIEW template_with_names IS 'Joins in the display name information such as username, avatar, and organization name.';

;

-- ===== coderd/database/migrations/000225_notifications_metrics.up.sql
ALTER TABLE notification_messages
ADD COLUMN queued_seconds FLOAT NULL;
;

-- ===== coderd/database/migrations/000226_notifications_autobuild_failed.up.sql
INSERT INTO notification_templates (id, name, title_template, body_template, "group", actions)
VALUES ('381df2a9-c0c0-4749-420f-80a9280c66f9', 'Workspace Autobuild Failed', E'Workspace "{{.Labels.name}}" autobuild failed',
        E'Hi {{.UserName}}\n\Automatic build of your workspace **{{.Labels.name}}** failed.\nThe specified reason was "**{{.Labels.reason}}**".',
        'Workspace Events', '[
        {
            "label": "View workspace",
            "url": "{{ base_url }}/@{{.UserName}}/{{.Labels.name}}"
        }
    ]'::jsonb);

;

-- ===== coderd/database/migrations/000227_provisioner_keys.up.sql
CREATE TABLE provisioner_keys (
    id uuid PRIMARY KEY,
    created_at timestamptz NOT NULL,
    organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    name varchar(64) NOT NULL,
    hashed_secret bytea NOT NULL
);

CREATE UNIQUE INDEX provisioner_keys_organization_id_name_idx ON provisioner_keys USING btree (organization_id, lower(name));

;

-- ===== coderd/database/migrations/000228_notifications_workspace_autoupdated.up.sql
INSERT INTO notification_templates (id, name, title_template, body_template, "group", actions)
VALUES ('c34a0c09-0704-4cac-bd1c-0c0146811c2b', 'Workspace updated automatically', E'Workspace "{{.Labels.name}}" updated automatically',
        E'Hi {{.UserName}}\n\Your workspace **{{.Labels.name}}** has been updated automatically to the latest template version ({{.Labels.template_version_name}}).',
        'Workspace Events', '[
        {
            "label": "View workspace",
            "url": "{{ base_url }}/@{{.UserName}}/{{.Labels.name}}"
        }
    ]'::jsonb);

;

-- ===== coderd/database/migrations/000229_dormancy_notification_template.up.sql
INSERT INTO
    notification_templates (
        id,
        name,
        title_template,
        body_template,
        "group",
        actions
    )
VALUES (
        '0ea69165-ec14-4314-91f1-69566ac3c5a0',
        'Workspace Marked as Dormant',
        E'Workspace "{{.Labels.name}}" marked as dormant',
        E'Hi {{.UserName}}\n\n' || E'Your workspace **{{.Labels.name}}** has been marked as **dormant**.\n' || E'The specified reason was "**{{.Labels.reason}} (initiated by: {{ .Labels.initiator }}){{end}}**\n\n' || E'Dormancy refers to a workspace being unused for a defined length of time, and after it exceeds {{.Labels.dormancyHours}} hours of dormancy might be deleted.\n' || E'To activate your workspace again, simply use it as normal.',
        'Workspace Events',
        '[
        {
			"label": "View workspace",
			"url": "{{ base_url }}/@{{.UserName}}/{{.Labels.name}}"
		}
    ]'::jsonb
    ),
    (
        '51ce2fdf-c9ca-4be1-8d70-628674f9bc42',
        'Workspace Marked for Deletion',
        E'Workspace "{{.Labels.name}}" marked for deletion',
        E'Hi {{.UserName}}\n\n' || E'Your workspace **{{.Labels.name}}** has been marked for **deletion** after {{.Labels.dormancyHours}} hours of dormancy.\n' || E'The specified reason was "**{{.Labels.reason}}{{end}}**\n\n' || E'Dormancy refers to a workspace being unused for a defined length of time, and after it exceeds {{.Labels.dormancyHours}} hours of dormancy it will be deleted.\n' || E'To prevent your workspace from being deleted, simply use it as normal.',
        'Workspace Events',
        '[
        {
			"label": "View workspace",
			"url": "{{ base_url }}/@{{.UserName}}/{{.Labels.name}}"
		}
    ]'::jsonb
    );

;

-- ===== coderd/database/migrations/000230_notifications_fix_username.up.sql
UPDATE notification_templates
SET
    actions = REPLACE(actions::text, '@{{.UserName}}', '@{{.UserUsername}}')::jsonb;

;

-- ===== coderd/database/migrations/000231_provisioner_key_tags.up.sql
ALTER TABLE provisioner_keys ADD COLUMN tags jsonb DEFAULT '{}'::jsonb NOT NULL;
ALTER TABLE provisioner_keys ALTER COLUMN tags DROP DEFAULT;

;

-- ===== coderd/database/migrations/000232_update_dormancy_notification_template.up.sql
UPDATE notification_templates
SET
	body_template = E'Hi {{.UserName}}\n\n' ||
		E'Your workspace **{{.Labels.name}}** has been marked as [**dormant**](https://coder.com/docs/templates/schedule#dormancy-threshold-enterprise) because of {{.Labels.reason}}.\n' ||
		E'Dormant workspaces are [automatically deleted](https://coder.com/docs/templates/schedule#dormancy-auto-deletion-enterprise) after {{.Labels.timeTilDormant}} of inactivity.\n' ||
		E'To prevent deletion, use your workspace with the link below.'
WHERE
	id = '0ea69165-ec14-4314-91f1-69566ac3c5a0';

UPDATE notification_templates
SET
	body_template = E'Hi {{.UserName}}\n\n' ||
		E'Your workspace **{{.Labels.name}}** has been marked for **deletion** after {{.Labels.timeTilDormant}} of [dormancy](https://coder.com/docs/templates/schedule#dormancy-auto-deletion-enterprise) because of {{.Labels.reason}}.\n' || 
		E'To prevent deletion, use your workspace with the link below.'
WHERE
	id = '51ce2fdf-c9ca-4be1-8d70-628674f9bc42';

;

-- ===== coderd/database/migrations/000233_notifications_user_created.up.sql
INSERT INTO notification_templates (id, name, title_template, body_template, "group", actions)
VALUES ('4e19c0ac-94e1-4532-9515-d1801aa283b2', 'User account created', E'User account "{{.Labels.created_account_name}}" created',
        E'Hi {{.UserName}},\n\New user account **{{.Labels.created_account_name}}** has been created.',
        'Workspace Events', '[
        {
            "label": "View accounts",
            "url": "{{ base_url }}/deployment/users?filter=status%3Aactive"
        }
    ]'::jsonb);

;

-- ===== coderd/database/migrations/000234_fix_notifications_user_created.up.sql
UPDATE notification_templates
SET
    body_template = E'Hi {{.UserName}},\n\nNew user account **{{.Labels.created_account_name}}** has been created.'
WHERE
    id = '4e19c0ac-94e1-4532-9515-d1801aa283b2';

;

-- ===== coderd/database/migrations/000235_fix_notifications_group.up.sql
UPDATE notification_templates
SET
    "group" = E'User Events'
WHERE
    id = '4e19c0ac-94e1-4532-9515-d1801aa283b2';

;

-- ===== coderd/database/migrations/000236_notifications_user_deleted.up.sql
INSERT INTO notification_templates (id, name, title_template, body_template, "group", actions)
VALUES ('f44d9314-ad03-4bc8-95d0-5cad491da6b6', 'User account deleted', E'User account "{{.Labels.deleted_account_name}}" deleted',
        E'Hi {{.UserName}},\n\nUser account **{{.Labels.deleted_account_name}}** has been deleted.',
        'User Events', '[
        {
            "label": "View accounts",
            "url": "{{ base_url }}/deployment/users?filter=status%3Aactive"
        }
    ]'::jsonb);

;

-- ===== coderd/database/migrations/000237_github_com_user_id.up.sql
ALTER TABLE users ADD COLUMN github_com_user_id BIGINT;

COMMENT ON COLUMN users.github_com_user_id IS 'The GitHub.com numerical user ID. At time of implementation, this is used to check if the user has starred the Coder repository.';

;

-- ===== coderd/database/migrations/000238_notification_preferences.up.sql
CREATE TABLE notification_preferences
(
	user_id                  uuid REFERENCES users ON DELETE CASCADE                  NOT NULL,
	notification_template_id uuid REFERENCES notification_templates ON DELETE CASCADE NOT NULL,
	disabled                 bool                                                     NOT NULL DEFAULT FALSE,
	created_at               TIMESTAMP WITH TIME ZONE                                 NOT NULL DEFAULT CURRENT_TIMESTAMP,
	updated_at               TIMESTAMP WITH TIME ZONE                                 NOT NULL DEFAULT CURRENT_TIMESTAMP,
	PRIMARY KEY (user_id, notification_template_id)
);

-- Add a new type (to be expanded upon later) which specifies the kind of notification template.
CREATE TYPE notification_template_kind AS ENUM (
	'system'
	);

ALTER TABLE notification_templates
	-- Allow per-template notification method (enterprise only).
	ADD COLUMN method notification_method,
	-- Update all existing notification templates to be system templates.
	ADD COLUMN kind   notification_template_kind DEFAULT 'system'::notification_template_kind NOT NULL;
COMMENT ON COLUMN notification_templates.method IS 'NULL defers to the deployment-level method';

-- No equivalent in down migration because ENUM values cannot be deleted.
ALTER TYPE notification_message_status ADD VALUE IF NOT EXISTS 'inhibited';

-- Function to prevent enqueuing notifications unnecessarily.
CREATE OR REPLACE FUNCTION inhibit_enqueue_if_disabled()
	RETURNS TRIGGER AS
$$
BEGIN
	-- Fail the insertion if the user has disabled this notification.
	IF EXISTS (SELECT 1
			   FROM notification_preferences
			   WHERE disabled = TRUE
				 AND user_id = NEW.user_id
				 AND notification_template_id = NEW.notification_template_id) THEN
		RAISE EXCEPTION 'cannot enqueue message: user has disabled this notification';
	END IF;

	RETURN NEW;
END;
$$ LANGUAGE plpgsql;

-- Trigger to execute above function on insertion.
CREATE TRIGGER inhibit_enqueue_if_disabled
	BEFORE INSERT
	ON notification_messages
	FOR EACH ROW
EXECUTE FUNCTION inhibit_enqueue_if_disabled();

-- Allow modifications to notification templates to be audited.
ALTER TYPE resource_type ADD VALUE IF NOT EXISTS 'notification_template';

;

-- ===== coderd/database/migrations/000239_provisioner_daemon_org_constraint.up.sql
CREATE UNIQUE INDEX idx_provisioner_daemons_org_name_owner_key ON provisioner_daemons USING btree (organization_id, name, lower(COALESCE((tags ->> 'owner'::text), ''::text)));

COMMENT ON INDEX idx_provisioner_daemons_org_name_owner_key IS 'Allow unique provisioner daemon names by organization and user';

DROP INDEX idx_provisioner_daemons_name_owner_key;

;

-- ===== coderd/database/migrations/000240_notification_workspace_updated_version_message.up.sql
UPDATE notification_templates
SET name          = 'Workspace Updated Automatically', -- drive-by fix for capitalization to match other templates
    body_template = E'Hi {{.UserName}}\n' ||
                    E'Your workspace **{{.Labels.name}}** has been updated automatically to the latest template version ({{.Labels.template_version_name}}).\n' ||
                    E'Reason for update: **{{.Labels.template_version_message}}**' -- include template version message
WHERE id = 'c34a0c09-0704-4cac-bd1c-0c0146811c2b';
;

-- ===== coderd/database/migrations/000241_delete_user_roles.up.sql
-- When a custom role is deleted, we need to remove the assigned role
-- from all organization members that have it.
-- This action cannot be reverted, so deleting a custom role should be
-- done with caution.
CREATE OR REPLACE FUNCTION remove_organization_member_role()
	RETURNS TRIGGER AS
$$
BEGIN
	-- Delete the role from all organization members that have it.
	-- TODO: When site wide custom roles are supported, if the
	--	organization_id is null, we should remove the role from the 'users'
	--	table instead.
	IF OLD.organization_id IS NOT NULL THEN
		UPDATE organization_members
		-- this is a noop if the role is not assigned to the member
		SET roles = array_remove(roles, OLD.name)
		WHERE
			-- Scope to the correct organization
			organization_members.organization_id = OLD.organization_id;
	END IF;
	RETURN OLD;
END;
$$ LANGUAGE plpgsql;


-- Attach the function to deleting the custom role
CREATE TRIGGER remove_organization_member_custom_role
	BEFORE DELETE ON custom_roles FOR EACH ROW
	EXECUTE PROCEDURE remove_organization_member_role();


COMMENT ON TRIGGER
	remove_organization_member_custom_role
	ON custom_roles IS
		'When a custom_role is deleted, this trigger removes the role from all organization members.';

;

-- ===== coderd/database/migrations/000242_group_members_view.up.sql
CREATE VIEW
    group_members_expanded
AS
-- If the group is a user made group, then we need to check the group_members table.
-- If it is the "Everyone" group, then we need to check the organization_members table.
WITH all_members AS (
    SELECT user_id, group_id FROM group_members
    UNION
    SELECT user_id, organization_id AS group_id FROM organization_members
)
SELECT
    users.id AS user_id,
    users.email AS user_email,
    users.username AS user_username,
    users.hashed_password AS user_hashed_password,
    users.created_at AS user_created_at,
    users.updated_at AS user_updated_at,
    users.status AS user_status,
    users.rbac_roles AS user_rbac_roles,
    users.login_type AS user_login_type,
    users.avatar_url AS user_avatar_url,
    users.deleted AS user_deleted,
    users.last_seen_at AS user_last_seen_at,
    users.quiet_hours_schedule AS user_quiet_hours_schedule,
    users.theme_preference AS user_theme_preference,
    users.name AS user_name,
    users.github_com_user_id AS user_github_com_user_id,
    groups.organization_id AS organization_id,
    groups.name AS group_name,
    all_members.group_id AS group_id
FROM
    all_members
JOIN
    users ON users.id = all_members.user_id
JOIN
    groups ON groups.id = all_members.group_id
WHERE
    users.deleted = 'false';

COMMENT ON VIEW group_members_expanded IS 'Joins group members with user information, organization ID, group name. Includes both regular group members and organization members (as part of the "Everyone" group).';

;

-- ===== coderd/database/migrations/000243_custom_role_pkey_fix.up.sql
ALTER TABLE custom_roles
	DROP CONSTRAINT custom_roles_pkey;

-- Roles are unique to the organization.
ALTER TABLE custom_roles
	ADD CONSTRAINT custom_roles_unique_key UNIQUE (name, organization_id);

;

-- ===== coderd/database/migrations/000244_notifications_delete_template.up.sql
INSERT INTO
    notification_templates (
        id,
        name,
        title_template,
        body_template,
        "group",
        actions
    )
VALUES (
        '29a09665-2a4c-403f-9648-54301670e7be',
        'Template Deleted',
        E'Template "{{.Labels.name}}" deleted',
        E'Hi {{.UserName}}\n\nThe template **{{.Labels.name}}** was deleted by **{{ .Labels.initiator }}**.',
        'Template Events',
        '[
        {
            "label": "View templates",
            "url": "{{ base_url }}/templates"
        }
    ]'::jsonb
    );

;

-- ===== coderd/database/migrations/000245_notifications_dedupe.up.sql
-- Add a column to store the hash.
ALTER TABLE IF EXISTS notification_messages
    ADD COLUMN IF NOT EXISTS dedupe_hash TEXT NULL;

COMMENT ON COLUMN notification_messages.dedupe_hash IS 'Auto-generated by insert/update trigger, used to prevent duplicate notifications from being enqueued on the same day';

-- Ensure that multiple notifications with identical hashes cannot be inserted into the table.
CREATE UNIQUE INDEX ON notification_messages (dedupe_hash);

-- Computes a hash from all unique messages fields and the current day; this will help prevent duplicate messages from being sent within the same day.
-- It is possible that a message could be sent at 23:59:59 and again at 00:00:00, but this should be good enough for now.
-- This could have been a unique index, but we cannot immutably create an index on a timestamp with a timezone.
CREATE OR REPLACE FUNCTION compute_notification_message_dedupe_hash() RETURNS TRIGGER AS
$$
BEGIN
    NEW.dedupe_hash := MD5(CONCAT_WS(':',
                                     NEW.notification_template_id,
                                     NEW.user_id,
                                     NEW.method,
                                     NEW.payload::text,
                                     ARRAY_TO_STRING(NEW.targets, ','),
                                     DATE_TRUNC('day', NEW.created_at AT TIME ZONE 'UTC')::text
                           ));
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;

COMMENT ON FUNCTION compute_notification_message_dedupe_hash IS 'Computes a unique hash which will be used to prevent duplicate messages from being enqueued on the same day';
CREATE TRIGGER update_notification_message_dedupe_hash
    BEFORE INSERT OR UPDATE
    ON notification_messages
    FOR EACH ROW
EXECUTE FUNCTION compute_notification_message_dedupe_hash();
;

-- ===== coderd/database/migrations/000246_provisioner_job_timings.up.sql
CREATE TYPE provisioner_job_timing_stage AS ENUM (
    'init',
    'plan',
    'graph',
    'apply'
    );

CREATE TABLE provisioner_job_timings
(
    job_id     uuid                         NOT NULL REFERENCES provisioner_jobs (id) ON DELETE CASCADE,
    started_at timestamp with time zone     not null,
    ended_at   timestamp with time zone     not null,
    stage      provisioner_job_timing_stage not null,
    source     text                         not null,
    action     text                         not null,
    resource   text                         not null
);

CREATE VIEW provisioner_job_stats AS
SELECT pj.id                                                                                              AS job_id,
       pj.job_status,
       wb.workspace_id,
       pj.worker_id,
       pj.error,
       pj.error_code,
       pj.updated_at,
       GREATEST(EXTRACT(EPOCH FROM (pj.started_at - pj.created_at)), 0)                                   AS queued_secs,
       GREATEST(EXTRACT(EPOCH FROM (pj.completed_at - pj.started_at)), 0)                                 AS completion_secs,
       GREATEST(EXTRACT(EPOCH FROM (pj.canceled_at - pj.started_at)), 0)                                  AS canceled_secs,
       GREATEST(EXTRACT(EPOCH FROM (
           MAX(CASE WHEN pjt.stage = 'init'::provisioner_job_timing_stage THEN pjt.ended_at END) -
           MIN(CASE WHEN pjt.stage = 'init'::provisioner_job_timing_stage THEN pjt.started_at END))), 0)  AS init_secs,
       GREATEST(EXTRACT(EPOCH FROM (
           MAX(CASE WHEN pjt.stage = 'plan'::provisioner_job_timing_stage THEN pjt.ended_at END) -
           MIN(CASE WHEN pjt.stage = 'plan'::provisioner_job_timing_stage THEN pjt.started_at END))), 0)  AS plan_secs,
       GREATEST(EXTRACT(EPOCH FROM (
           MAX(CASE WHEN pjt.stage = 'graph'::provisioner_job_timing_stage THEN pjt.ended_at END) -
           MIN(CASE WHEN pjt.stage = 'graph'::provisioner_job_timing_stage THEN pjt.started_at END))), 0) AS graph_secs,
       GREATEST(EXTRACT(EPOCH FROM (
           MAX(CASE WHEN pjt.stage = 'apply'::provisioner_job_timing_stage THEN pjt.ended_at END) -
           MIN(CASE WHEN pjt.stage = 'apply'::provisioner_job_timing_stage THEN pjt.started_at END))), 0) AS apply_secs
FROM provisioner_jobs pj
         JOIN workspace_builds wb ON wb.job_id = pj.id
         LEFT JOIN provisioner_job_timings pjt ON pjt.job_id = pj.id
GROUP BY pj.id, wb.workspace_id;

;

-- ===== coderd/database/migrations/000247_notifications_user_suspended.up.sql
INSERT INTO notification_templates (id, name, title_template, body_template, "group", actions)
VALUES ('b02ddd82-4733-4d02-a2d7-c36f3598997d', 'User account suspended', E'User account "{{.Labels.suspended_account_name}}" suspended',
        E'Hi {{.UserName}},\nUser account **{{.Labels.suspended_account_name}}** has been suspended.',
        'User Events', '[
        {
            "label": "View suspended accounts",
            "url": "{{ base_url }}/deployment/users?filter=status%3Asuspended"
        }
    ]'::jsonb);
INSERT INTO notification_templates (id, name, title_template, body_template, "group", actions)
VALUES ('6a2f0609-9b69-4d36-a989-9f5925b6cbff', 'Your account has been suspended', E'Your account "{{.Labels.suspended_account_name}}" has been suspended',
        E'Hi {{.UserName}},\nYour account **{{.Labels.suspended_account_name}}** has been suspended.',
        'User Events', '[]'::jsonb);
INSERT INTO notification_templates (id, name, title_template, body_template, "group", actions)
VALUES ('9f5af851-8408-4e73-a7a1-c6502ba46689', 'User account activated', E'User account "{{.Labels.activated_account_name}}" activated',
        E'Hi {{.UserName}},\nUser account **{{.Labels.activated_account_name}}** has been activated.',
        'User Events', '[
        {
            "label": "View accounts",
            "url": "{{ base_url }}/deployment/users?filter=status%3Aactive"
        }
    ]'::jsonb);
INSERT INTO notification_templates (id, name, title_template, body_template, "group", actions)
VALUES ('1a6a6bea-ee0a-43e2-9e7c-eabdb53730e4', 'Your account has been activated', E'Your account "{{.Labels.activated_account_name}}" has been activated',
        E'Hi {{.UserName}},\nYour account **{{.Labels.activated_account_name}}** has been activated.',
        'User Events', '[
        {
            "label": "Open Coder",
            "url": "{{ base_url }}"
        }
    ]'::jsonb);

;

-- ===== coderd/database/migrations/000248_notifications_manual_build_failed.up.sql
INSERT INTO notification_templates (id, name, title_template, body_template, "group", actions)
VALUES ('2faeee0f-26cb-4e96-821c-85ccb9f71513', 'Workspace Manual Build Failed', E'Workspace "{{.Labels.name}}" manual build failed',
        E'Hi {{.UserName}},\n\nA manual build of the workspace **{{.Labels.name}}** using the template **{{.Labels.template_name}}** failed (version: **{{.Labels.template_version_name}}**).\nThe workspace build was initiated by **{{.Labels.initiator}}**.',
        'Workspace Events', '[
        {
            "label": "View build",
            "url": "{{ base_url }}/@{{.Labels.workspace_owner_username}}/{{.Labels.name}}/builds/{{.Labels.workspace_build_number}}"
        }
    ]'::jsonb);

;

-- ===== coderd/database/migrations/000249_workspace_app_hidden.up.sql
ALTER TABLE workspace_apps ADD COLUMN hidden boolean NOT NULL DEFAULT false;

COMMENT ON COLUMN workspace_apps.hidden
IS 'Determines if the app is not shown in user interfaces.'

;

-- ===== coderd/database/migrations/000250_built_in_psk_provisioner_keys.up.sql
INSERT INTO provisioner_keys (id, created_at, organization_id, name, hashed_secret, tags) VALUES ('00000000-0000-0000-0000-000000000001'::uuid, NOW(), (SELECT id FROM organizations WHERE is_default = true), 'built-in', ''::bytea, '{}');
INSERT INTO provisioner_keys (id, created_at, organization_id, name, hashed_secret, tags) VALUES ('00000000-0000-0000-0000-000000000002'::uuid, NOW(), (SELECT id FROM organizations WHERE is_default = true), 'user-auth', ''::bytea, '{}');
INSERT INTO provisioner_keys (id, created_at, organization_id, name, hashed_secret, tags) VALUES ('00000000-0000-0000-0000-000000000003'::uuid, NOW(), (SELECT id FROM organizations WHERE is_default = true), 'psk', ''::bytea, '{}');

ALTER TABLE provisioner_daemons ADD COLUMN key_id UUID REFERENCES provisioner_keys(id) ON DELETE CASCADE DEFAULT '00000000-0000-0000-0000-000000000001'::uuid NOT NULL;
ALTER TABLE provisioner_daemons ALTER COLUMN key_id DROP DEFAULT;

;

-- ===== coderd/database/migrations/000251_crypto_keys.up.sql
CREATE TYPE crypto_key_feature AS ENUM (
    'workspace_apps',
    'oidc_convert',
    'tailnet_resume'
);

CREATE TABLE crypto_keys (
    feature crypto_key_feature NOT NULL,
    sequence integer NOT NULL,
    secret text NULL,
    secret_key_id text NULL REFERENCES dbcrypt_keys(active_key_digest),
    starts_at timestamptz NOT NULL,
    deletes_at timestamptz NULL,
    PRIMARY KEY (feature, sequence)
);


;

-- ===== coderd/database/migrations/000252_group_member_trigger.up.sql
CREATE FUNCTION delete_group_members_on_org_member_delete() RETURNS TRIGGER
	LANGUAGE plpgsql
AS $$
DECLARE
BEGIN
	-- Remove the user from all groups associated with the same
	-- organization as the organization_member being deleted.
	DELETE FROM group_members
	WHERE
		user_id = OLD.user_id
		AND group_id IN (
			SELECT id
			FROM groups
			WHERE organization_id = OLD.organization_id
		);
	RETURN OLD;
END;
$$;

CREATE TRIGGER trigger_delete_group_members_on_org_member_delete
	BEFORE DELETE ON organization_members
	FOR EACH ROW
EXECUTE PROCEDURE delete_group_members_on_org_member_delete();

;

-- ===== coderd/database/migrations/000253_email_reports.up.sql
INSERT INTO notification_templates (id, name, title_template, body_template, "group", actions)
VALUES ('34a20db2-e9cc-4a93-b0e4-8569699d7a00', 'Report: Workspace Builds Failed For Template', E'Workspace builds failed for template "{{.Labels.template_display_name}}"',
        E'Hi {{.UserName}},

Template **{{.Labels.template_display_name}}** has failed to build {{.Data.failed_builds}}/{{.Data.total_builds}} times over the last {{.Data.report_frequency}}.

**Report:**
{{range $version := .Data.template_versions}}
**{{$version.template_version_name}}** failed {{$version.failed_count}} time{{if gt $version.failed_count 1}}s{{end}}:
{{range $build := $version.failed_builds}}
* [{{$build.workspace_owner_username}} / {{$build.workspace_name}} / #{{$build.build_number}}]({{base_url}}/@{{$build.workspace_owner_username}}/{{$build.workspace_name}}/builds/{{$build.build_number}})
{{- end}}
{{end}}
We recommend reviewing these issues to ensure future builds are successful.',
        'Template Events', '[
        {
            "label": "View workspaces",
            "url": "{{ base_url }}/workspaces?filter=template%3A{{.Labels.template_name}}"
        }
    ]'::jsonb);

CREATE TABLE notification_report_generator_logs
(
    notification_template_id uuid NOT NULL,
    last_generated_at timestamp with time zone NOT NULL,

    PRIMARY KEY (notification_template_id)
);

COMMENT ON TABLE notification_report_generator_logs IS 'Log of generated reports for users.';

;

-- ===== coderd/database/migrations/000254_fix_report_float.up.sql
UPDATE notification_templates
SET
    body_template = REPLACE(body_template::text, '{{if gt $version.failed_count 1}}', '{{if gt $version.failed_count 1.0}}')::text
WHERE
    id = '34a20db2-e9cc-4a93-b0e4-8569699d7a00';

;

-- ===== coderd/database/migrations/000255_agent_stats_usage.up.sql
ALTER TABLE workspace_agent_stats ADD COLUMN usage boolean NOT NULL DEFAULT false;

;

-- ===== coderd/database/migrations/000256_add_display_name_to_workspace_agent_scripts.up.sql
ALTER TABLE workspace_agent_scripts ADD COLUMN display_name text;

UPDATE workspace_agent_scripts
	SET display_name = workspace_agent_log_sources.display_name
FROM workspace_agent_log_sources
	WHERE workspace_agent_scripts.log_source_id = workspace_agent_log_sources.id;

ALTER TABLE workspace_agent_scripts ALTER COLUMN display_name SET NOT NULL;

;

-- ===== coderd/database/migrations/000257_workspace_agent_script_timings.up.sql
ALTER TABLE workspace_agent_scripts ADD COLUMN id uuid UNIQUE NOT NULL DEFAULT gen_random_uuid();

CREATE TYPE workspace_agent_script_timing_stage AS ENUM (
    'start',
    'stop',
    'cron'
);

COMMENT ON TYPE workspace_agent_script_timing_stage IS 'What stage the script was ran in.';

CREATE TYPE workspace_agent_script_timing_status AS ENUM (
    'ok',
    'exit_failure',
    'timed_out',
    'pipes_left_open'
);

COMMENT ON TYPE workspace_agent_script_timing_status IS 'What the exit status of the script is.';

CREATE TABLE workspace_agent_script_timings
(
    script_id     uuid                                 NOT NULL REFERENCES workspace_agent_scripts (id) ON DELETE CASCADE,
    started_at    timestamp with time zone             NOT NULL,
    ended_at      timestamp with time zone             NOT NULL,
    exit_code     int                                  NOT NULL,
    stage         workspace_agent_script_timing_stage  NOT NULL,
    status        workspace_agent_script_timing_status NOT NULL,
    UNIQUE (script_id, started_at)
);

COMMENT ON TYPE workspace_agent_script_timings IS 'Timing and execution information about a script run.';

;

-- ===== coderd/database/migrations/000258_add_otp_reset_to_user.up.sql
ALTER TABLE users ADD COLUMN hashed_one_time_passcode bytea;
COMMENT ON COLUMN users.hashed_one_time_passcode IS 'A hash of the one-time-passcode given to the user.';

ALTER TABLE users ADD COLUMN one_time_passcode_expires_at timestamp with time zone;
COMMENT ON COLUMN users.one_time_passcode_expires_at IS 'The time when the one-time-passcode expires.';

ALTER TABLE users ADD CONSTRAINT one_time_passcode_set CHECK (
    (hashed_one_time_passcode IS NULL AND one_time_passcode_expires_at IS NULL)
    OR (hashed_one_time_passcode IS NOT NULL AND one_time_passcode_expires_at IS NOT NULL)
);

ALTER TABLE users ADD COLUMN must_reset_password bool NOT NULL DEFAULT false;
COMMENT ON COLUMN users.must_reset_password IS 'Determines if the user should be forced to change their password.';

;

-- ===== coderd/database/migrations/000259_rename_first_organization.up.sql
UPDATE
	organizations
SET
	name = 'coder',
	display_name = 'Coder'
WHERE
	-- The old name was too long.
	name = 'first-organization'
	AND is_default = true
;

;

-- ===== coderd/database/migrations/000260_remove_dark_blue_theme.up.sql
UPDATE users SET theme_preference = '' WHERE theme_preference = 'darkBlue';

;

-- ===== coderd/database/migrations/000261_notifications_forgot_password.up.sql
INSERT INTO notification_templates (id, name, title_template, body_template, "group", actions)
VALUES ('62f86a30-2330-4b61-a26d-311ff3b608cf', 'One-Time Passcode', E'Your One-Time Passcode for Coder.',
        E'Hi {{.UserName}},\n\nA request to reset the password for your Coder account has been made. Your one-time passcode is:\n\n**{{.Labels.one_time_passcode}}**\n\nIf you did not request to reset your password, you can ignore this message.',
        'User Events', '[]'::jsonb);

;

-- ===== coderd/database/migrations/000262_improve_notification_templates.up.sql
-- https://github.com/coder/coder/issues/14893

-- UserAccountSuspended
UPDATE notification_templates
SET
	body_template = E'Hi {{.UserName}},\n\n' || -- Add a \n
					E'User account **{{.Labels.suspended_account_name}}** has been suspended.\n\n' ||
					-- Mention the real name of the user who suspended the account:
  					E'The newly suspended account belongs to **{{.Labels.suspended_account_user_name}}** and was suspended by **{{.Labels.account_suspender_user_name}}**.'
WHERE
	id = 'b02ddd82-4733-4d02-a2d7-c36f3598997d';

-- YourAccountSuspended
UPDATE notification_templates
SET
	body_template = E'Hi {{.UserName}},\n\n' || -- Add a \n
					-- Mention who suspended the account:
					E'Your account **{{.Labels.suspended_account_name}}** has been suspended by **{{.Labels.account_suspender_user_name}}**.'
WHERE
	id = '6a2f0609-9b69-4d36-a989-9f5925b6cbff';

-- UserAccountActivated
UPDATE notification_templates
SET
	body_template = E'Hi {{.UserName}},\n\n' || -- Add a \n
					E'User account **{{.Labels.activated_account_name}}** has been activated.\n\n' ||
					-- Mention the real name of the user who activated the account:
					E'The newly activated account belongs to **{{.Labels.activated_account_user_name}}** and was activated by **{{.Labels.account_activator_user_name}}**.'
WHERE
	id = '9f5af851-8408-4e73-a7a1-c6502ba46689';

-- YourAccountActivated
UPDATE notification_templates
SET
	body_template = E'Hi {{.UserName}},\n\n' || -- Add a \n
					-- Mention who activated the account:
					E'Your account **{{.Labels.activated_account_name}}** has been activated by **{{.Labels.account_activator_user_name}}**.'
WHERE
	id = '1a6a6bea-ee0a-43e2-9e7c-eabdb53730e4';

-- UserAccountCreated
UPDATE notification_templates
SET
	body_template = E'Hi {{.UserName}},\n\n' ||
					E'New user account **{{.Labels.created_account_name}}** has been created.\n\n' ||
					-- Mention the real name of the user who created the account:
					E'This new user account was created for **{{.Labels.created_account_user_name}}** by **{{.Labels.account_creator}}**.'
WHERE
	id = '4e19c0ac-94e1-4532-9515-d1801aa283b2';

-- UserAccountDeleted
UPDATE notification_templates
SET
	body_template = E'Hi {{.UserName}},\n\n' ||
					E'User account **{{.Labels.deleted_account_name}}** has been deleted.\n\n' ||
					-- Mention the real name of the user who deleted the account:
					E'The deleted account belonged to **{{.Labels.deleted_account_user_name}}** and was deleted by **{{.Labels.account_deleter_user_name}}**.'
WHERE
	id = 'f44d9314-ad03-4bc8-95d0-5cad491da6b6';

-- TemplateDeleted
UPDATE notification_templates
SET
	body_template = E'Hi {{.UserName}},\n\n' || -- Add a comma
					E'The template **{{.Labels.name}}** was deleted by **{{ .Labels.initiator }}**.\n\n' ||
					-- Mention template display name:
					E'The template''s display name was **{{.Labels.display_name}}**.'
WHERE
	id = '29a09665-2a4c-403f-9648-54301670e7be';

-- WorkspaceAutoUpdated
UPDATE notification_templates
SET body_template = E'Hi {{.UserName}},\n\n' || -- Add a comma and a \n
					-- Add a \n:
					E'Your workspace **{{.Labels.name}}** has been updated automatically to the latest template version ({{.Labels.template_version_name}}).\n\n' ||
					E'Reason for update: **{{.Labels.template_version_message}}**.'
WHERE
	id = 'c34a0c09-0704-4cac-bd1c-0c0146811c2b';

-- WorkspaceAutoBuildFailed
UPDATE notification_templates
SET
	body_template = E'Hi {{.UserName}},\n\n' || -- Add a comma
					-- Add a \n after:
					E'Automatic build of your workspace **{{.Labels.name}}** failed.\n\n' ||
					E'The specified reason was "**{{.Labels.reason}}**".'
WHERE
	id = '381df2a9-c0c0-4749-420f-80a9280c66f9';

-- WorkspaceDeleted
UPDATE notification_templates
SET
	body_template = E'Hi {{.UserName}},\n\n' || -- Add a comma
					-- Add a \n after:
					E'Your workspace **{{.Labels.name}}** was deleted.\n\n' ||
					E'The specified reason was "**{{.Labels.reason}}{{ if .Labels.initiator }} ({{ .Labels.initiator }}){{end}}**".'
WHERE
	id = 'f517da0b-cdc9-410f-ab89-a86107c420ed';

-- WorkspaceDormant
UPDATE notification_templates
SET
	body_template = E'Hi {{.UserName}},\n\n' || -- add comma
		E'Your workspace **{{.Labels.name}}** has been marked as [**dormant**](https://coder.com/docs/templates/schedule#dormancy-threshold-enterprise) because of {{.Labels.reason}}.\n' ||
		E'Dormant workspaces are [automatically deleted](https://coder.com/docs/templates/schedule#dormancy-auto-deletion-enterprise) after {{.Labels.timeTilDormant}} of inactivity.\n' ||
		E'To prevent deletion, use your workspace with the link below.'
WHERE
	id = '0ea69165-ec14-4314-91f1-69566ac3c5a0';

-- WorkspaceMarkedForDeletion
UPDATE notification_templates
SET
	body_template = E'Hi {{.UserName}},\n\n' || -- add comma
		E'Your workspace **{{.Labels.name}}** has been marked for **deletion** after {{.Labels.timeTilDormant}} of [dormancy](https://coder.com/docs/templates/schedule#dormancy-auto-deletion-enterprise) because of {{.Labels.reason}}.\n' ||
		E'To prevent deletion, use your workspace with the link below.'
WHERE
	id = '51ce2fdf-c9ca-4be1-8d70-628674f9bc42';

-- WorkspaceManualBuildFailed
UPDATE notification_templates
SET
	body_template = E'Hi {{.UserName}},\n\n' ||
					E'A manual build of the workspace **{{.Labels.name}}** using the template **{{.Labels.template_name}}** failed (version: **{{.Labels.template_version_name}}**).\n\n' ||
					-- Mention template display name:
					E'The template''s display name was **{{.Labels.template_display_name}}**. ' ||
					E'The workspace build was initiated by **{{.Labels.initiator}}**.'
WHERE
	id = '2faeee0f-26cb-4e96-821c-85ccb9f71513';

;

-- ===== coderd/database/migrations/000263_consistent_notification_initiator_naming.up.sql
-- UserAccountCreated
UPDATE notification_templates
SET
	body_template = E'Hi {{.UserName}},\n\n' ||
					E'New user account **{{.Labels.created_account_name}}** has been created.\n\n' ||
					-- Use the conventional initiator label:
					E'This new user account was created for **{{.Labels.created_account_user_name}}** by **{{.Labels.initiator}}**.'
WHERE
	id = '4e19c0ac-94e1-4532-9515-d1801aa283b2';

-- UserAccountDeleted
UPDATE notification_templates
SET
	body_template = E'Hi {{.UserName}},\n\n' ||
					E'User account **{{.Labels.deleted_account_name}}** has been deleted.\n\n' ||
					-- Use the conventional initiator label:
					E'The deleted account belonged to **{{.Labels.deleted_account_user_name}}** and was deleted by **{{.Labels.initiator}}**.'
WHERE
	id = 'f44d9314-ad03-4bc8-95d0-5cad491da6b6';

-- UserAccountSuspended
UPDATE notification_templates
SET
	body_template = E'Hi {{.UserName}},\n\n' || -- Add a \n
					E'User account **{{.Labels.suspended_account_name}}** has been suspended.\n\n' ||
					-- Use the conventional initiator label:
  					E'The newly suspended account belongs to **{{.Labels.suspended_account_user_name}}** and was suspended by **{{.Labels.initiator}}**.'
WHERE
	id = 'b02ddd82-4733-4d02-a2d7-c36f3598997d';

-- YourAccountSuspended
UPDATE notification_templates
SET
	body_template = E'Hi {{.UserName}},\n\n' || -- Add a \n
					-- Use the conventional initiator label:
					E'Your account **{{.Labels.suspended_account_name}}** has been suspended by **{{.Labels.initiator}}**.'
WHERE
	id = '6a2f0609-9b69-4d36-a989-9f5925b6cbff';

-- UserAccountActivated
UPDATE notification_templates
SET
	body_template = E'Hi {{.UserName}},\n\n' || -- Add a \n
					E'User account **{{.Labels.activated_account_name}}** has been activated.\n\n' ||
					-- Use the conventional initiator label:
					E'The newly activated account belongs to **{{.Labels.activated_account_user_name}}** and was activated by **{{.Labels.initiator}}**.'
WHERE
	id = '9f5af851-8408-4e73-a7a1-c6502ba46689';

-- YourAccountActivated
UPDATE notification_templates
SET
	body_template = E'Hi {{.UserName}},\n\n' || -- Add a \n
					-- Use the conventional initiator label:
					E'Your account **{{.Labels.activated_account_name}}** has been activated by **{{.Labels.initiator}}**.'
WHERE
	id = '1a6a6bea-ee0a-43e2-9e7c-eabdb53730e4';

;

-- ===== coderd/database/migrations/000264_manual_build_failed_notification_template.up.sql
UPDATE notification_templates
SET
	body_template = E'Hi {{.UserName}},\n\n' ||
					-- Revert to a single label for the template name:
					E'A manual build of the workspace **{{.Labels.name}}** using the template **{{.Labels.template_name}}** failed (version: **{{.Labels.template_version_name}}**).\n\n' ||
					E'The workspace build was initiated by **{{.Labels.initiator}}**.'
WHERE
	id = '2faeee0f-26cb-4e96-821c-85ccb9f71513';

UPDATE notification_templates
SET
	body_template = E'Hi {{.UserName}},\n\n' ||
					-- Revert to a single label for the template name:
					E'The template **{{.Labels.name}}** was deleted by **{{ .Labels.initiator }}**.\n\n'
WHERE
	id = '29a09665-2a4c-403f-9648-54301670e7be';

;

-- ===== coderd/database/migrations/000265_default_values_for_notifications.up.sql

-- https://github.com/coder/coder/issues/14893

-- UserAccountSuspended
UPDATE notification_templates
SET
	body_template = E'Hi {{.UserName}},\n\n' ||
					E'User account **{{.Labels.suspended_account_name}}** has been suspended.\n\n' ||
  					E'The account {{if .Labels.suspended_account_user_name}}belongs to **{{.Labels.suspended_account_user_name}}** and it {{end}}was suspended by **{{.Labels.initiator}}**.'

WHERE
	id = 'b02ddd82-4733-4d02-a2d7-c36f3598997d';

-- UserAccountActivated
UPDATE notification_templates
SET
	body_template = E'Hi {{.UserName}},\n\n' || -- Add a \n
					E'User account **{{.Labels.activated_account_name}}** has been activated.\n\n' ||
					E'The account {{if .Labels.activated_account_user_name}}belongs to **{{.Labels.activated_account_user_name}}** and it {{ end }}was activated by **{{.Labels.initiator}}**.'
WHERE
	id = '9f5af851-8408-4e73-a7a1-c6502ba46689';

-- UserAccountCreated
UPDATE notification_templates
SET
	body_template = E'Hi {{.UserName}},\n\n' ||
					E'New user account **{{.Labels.created_account_name}}** has been created.\n\n' ||
					E'This new user account was created {{if .Labels.created_account_user_name}}for **{{.Labels.created_account_user_name}}** {{end}}by **{{.Labels.initiator}}**.'
WHERE
	id = '4e19c0ac-94e1-4532-9515-d1801aa283b2';

-- UserAccountDeleted
UPDATE notification_templates
SET
	body_template = E'Hi {{.UserName}},\n\n' ||
					E'User account **{{.Labels.deleted_account_name}}** has been deleted.\n\n' ||
					E'The deleted account {{if .Labels.deleted_account_user_name}}belonged to **{{.Labels.deleted_account_user_name}}** and {{end}}was deleted by **{{.Labels.initiator}}**.'
WHERE
	id = 'f44d9314-ad03-4bc8-95d0-5cad491da6b6';

;

-- ===== coderd/database/migrations/000266_update_forgot_password_notification.up.sql
UPDATE notification_templates
SET
    title_template = E'Reset your password for Coder',
    body_template = E'Hi {{.UserName}},\n\nUse the link below to reset your password.\n\nIf you did not make this request, you can ignore this message.',
    actions = '[{
		"label": "Reset password",
		"url": "{{ base_url }}/reset-password/change?otp={{.Labels.one_time_passcode}}&email={{ .UserEmail }}"
	}]'::jsonb
WHERE
    id = '62f86a30-2330-4b61-a26d-311ff3b608cf'

;

-- ===== coderd/database/migrations/000267_fix_password_reset_notification_link.up.sql
UPDATE notification_templates
SET
    title_template = E'Reset your password for Coder',
    body_template = E'Hi {{.UserName}},\n\nUse the link below to reset your password.\n\nIf you did not make this request, you can ignore this message.',
    actions = '[{
		"label": "Reset password",
		"url": "{{base_url}}/reset-password/change?otp={{.Labels.one_time_passcode}}&email={{.UserEmail | urlquery}}"
	}]'::jsonb
WHERE
    id = '62f86a30-2330-4b61-a26d-311ff3b608cf'

;

-- ===== coderd/database/migrations/000268_add_audit_action_request_password_reset.up.sql
ALTER TYPE audit_action
  ADD VALUE IF NOT EXISTS 'request_password_reset';

;

-- ===== coderd/database/migrations/000269_workspace_with_names.up.sql
CREATE VIEW
	workspaces_expanded
AS
SELECT
	workspaces.*,
	-- Owner
	visible_users.avatar_url AS owner_avatar_url,
	visible_users.username AS owner_username,
	-- Organization
	organizations.name AS organization_name,
	organizations.display_name AS organization_display_name,
	organizations.icon AS organization_icon,
	organizations.description AS organization_description,
    -- Template
	templates.name AS template_name,
	templates.display_name AS template_display_name,
	templates.icon AS template_icon,
	templates.description AS template_description
FROM
	workspaces
	INNER JOIN
		visible_users
	ON
		workspaces.owner_id = visible_users.id
	INNER JOIN
		organizations
	ON workspaces.organization_id = organizations.id
	INNER JOIN
		templates
	ON workspaces.template_id = templates.id
;

COMMENT ON VIEW workspaces_expanded IS 'Joins in the display name information such as username, avatar, and organization name.';

;

-- ===== coderd/database/migrations/000270_template_deprecation_notification.up.sql
INSERT INTO notification_templates
	(id, name, title_template, body_template, "group", actions)
VALUES (
	'f40fae84-55a2-42cd-99fa-b41c1ca64894',
	'Template Deprecated',
	E'Template ''{{.Labels.template}}'' has been deprecated',
    E'Hello {{.UserName}},\n\n'||
		E'The template **{{.Labels.template}}** has been deprecated with the following message:\n\n' ||
		E'**{{.Labels.message}}**\n\n' ||
		E'New workspaces may not be created from this template. Existing workspaces will continue to function normally.',
    'Template Events',
	'[
		{
			"label": "See affected workspaces",
			"url": "{{base_url}}/workspaces?filter=owner%3Ame+template%3A{{.Labels.template}}"
		},
		{
			"label": "View template",
			"url": "{{base_url}}/templates/{{.Labels.organization}}/{{.Labels.template}}"
		}
	]'::jsonb
);

;

-- ===== coderd/database/migrations/000271_cryptokey_features.up.sql
-- Create a new enum type with the desired values
CREATE TYPE new_crypto_key_feature AS ENUM (
    'workspace_apps_token',
    'workspace_apps_api_key',
    'oidc_convert',
    'tailnet_resume'
);

DELETE FROM crypto_keys WHERE feature = 'workspace_apps';

-- Drop the old type and rename the new one
ALTER TABLE crypto_keys
    ALTER COLUMN feature TYPE new_crypto_key_feature
    USING (feature::text::new_crypto_key_feature);

DROP TYPE crypto_key_feature;

ALTER TYPE new_crypto_key_feature RENAME TO crypto_key_feature;

;

-- ===== coderd/database/migrations/000272_remove_must_reset_password.up.sql
ALTER TABLE users DROP COLUMN must_reset_password;

;

-- ===== coderd/database/migrations/000273_workspace_updates.up.sql
CREATE TYPE agent_id_name_pair AS (
	id uuid,
	name text
);

;

-- ===== coderd/database/migrations/000274_rename_user_link_claims.up.sql
ALTER TABLE user_links RENAME COLUMN debug_context TO claims;

COMMENT ON COLUMN user_links.claims IS 'Claims from the IDP for the linked user. Includes both id_token and userinfo claims. ';

;

-- ===== coderd/database/migrations/000275_check_tags.up.sql
CREATE DOMAIN tagset AS jsonb;

COMMENT ON DOMAIN tagset IS 'A set of tags that match provisioner daemons to provisioner jobs, which can originate from workspaces or templates. tagset is a narrowed type over jsonb. It is expected to be the JSON representation of map[string]string. That is, {"key1": "value1", "key2": "value2"}. We need the narrowed type instead of just using jsonb so that we can give sqlc a type hint, otherwise it defaults to json.RawMessage. json.RawMessage is a suboptimal type to use in the context that we need tagset for.';

CREATE OR REPLACE FUNCTION provisioner_tagset_contains(provisioner_tags tagset, job_tags tagset)
RETURNS boolean AS $$
BEGIN
	RETURN CASE
		-- Special case for untagged provisioners, where only an exact match should count
		WHEN job_tags::jsonb = '{"scope": "organization", "owner": ""}'::jsonb THEN job_tags::jsonb = provisioner_tags::jsonb
		-- General case
		ELSE job_tags::jsonb <@ provisioner_tags::jsonb
	END;
END;
$$ LANGUAGE plpgsql;

COMMENT ON FUNCTION provisioner_tagset_contains(tagset, tagset) IS 'Returns true if the provisioner_tags contains the job_tags, or if the job_tags represents an untagged provisioner and the superset is exactly equal to the subset.';

;

-- ===== coderd/database/migrations/000276_workspace_modules.up.sql
ALTER TABLE
    workspace_resources
ADD
    COLUMN module_path TEXT;

CREATE TABLE workspace_modules (
    id uuid NOT NULL,
    job_id uuid NOT NULL REFERENCES provisioner_jobs (id) ON DELETE CASCADE,
    transition workspace_transition NOT NULL,
    source TEXT NOT NULL,
    version TEXT NOT NULL,
    key TEXT NOT NULL,
    created_at timestamp with time zone NOT NULL
);

CREATE INDEX workspace_modules_created_at_idx ON workspace_modules (created_at);

;

-- ===== coderd/database/migrations/000277_template_version_example_ids.up.sql
-- We cannot alter the column type while a view depends on it, so we drop it and recreate it.
DROP VIEW template_version_with_user;

ALTER TABLE
    template_versions
ADD
    COLUMN source_example_id TEXT;

-- Recreate `template_version_with_user` as described in dump.sql
CREATE VIEW template_version_with_user AS
SELECT
  template_versions.id,
  template_versions.template_id,
  template_versions.organization_id,
  template_versions.created_at,
  template_versions.updated_at,
  template_versions.name,
  template_versions.readme,
  template_versions.job_id,
  template_versions.created_by,
  template_versions.external_auth_providers,
  template_versions.message,
  template_versions.archived,
  template_versions.source_example_id,
  COALESCE(visible_users.avatar_url, ''::text) AS created_by_avatar_url,
  COALESCE(visible_users.username, ''::text) AS created_by_username
FROM (template_versions
  LEFT JOIN visible_users ON (template_versions.created_by = visible_users.id));

COMMENT ON VIEW template_version_with_user IS 'Joins in the username + avatar url of the created by user.';

;

-- ===== coderd/database/migrations/000278_workspace_next_start_at.up.sql
ALTER TABLE ONLY workspaces ADD COLUMN IF NOT EXISTS next_start_at TIMESTAMPTZ DEFAULT NULL;

CREATE INDEX workspace_next_start_at_idx ON workspaces USING btree (next_start_at) WHERE (deleted=false);
CREATE INDEX workspace_template_id_idx   ON workspaces USING btree (template_id)   WHERE (deleted=false);

CREATE FUNCTION nullify_next_start_at_on_workspace_autostart_modification() RETURNS trigger
	LANGUAGE plpgsql
AS $$
DECLARE
BEGIN
	-- A workspace's next_start_at might be invalidated by the following:
	--   * The autostart schedule has changed independent to next_start_at
	--   * The workspace has been marked as dormant
	IF (NEW.autostart_schedule <> OLD.autostart_schedule AND NEW.next_start_at = OLD.next_start_at)
		OR (NEW.dormant_at IS NOT NULL AND NEW.next_start_at IS NOT NULL)
	THEN
		UPDATE workspaces
		SET next_start_at = NULL
		WHERE id = NEW.id;
	END IF;
	RETURN NEW;
END;
$$;

CREATE TRIGGER trigger_nullify_next_start_at_on_workspace_autostart_modification
	AFTER UPDATE ON workspaces
	FOR EACH ROW
EXECUTE PROCEDURE nullify_next_start_at_on_workspace_autostart_modification();

-- Recreate view
DROP VIEW workspaces_expanded;

CREATE VIEW
	workspaces_expanded
AS
SELECT
	workspaces.*,
	-- Owner
	visible_users.avatar_url AS owner_avatar_url,
	visible_users.username AS owner_username,
	-- Organization
	organizations.name AS organization_name,
	organizations.display_name AS organization_display_name,
	organizations.icon AS organization_icon,
	organizations.description AS organization_description,
    -- Template
	templates.name AS template_name,
	templates.display_name AS template_display_name,
	templates.icon AS template_icon,
	templates.description AS template_description
FROM
	workspaces
	INNER JOIN
		visible_users
	ON
		workspaces.owner_id = visible_users.id
	INNER JOIN
		organizations
	ON workspaces.organization_id = organizations.id
	INNER JOIN
		templates
	ON workspaces.template_id = templates.id
;

COMMENT ON VIEW workspaces_expanded IS 'Joins in the display name information such as username, avatar, and organization name.';

;

-- ===== coderd/database/migrations/000279_workspace_create_notification.up.sql
INSERT INTO notification_templates
	(id, name, title_template, body_template, "group", actions)
VALUES (
	'281fdf73-c6d6-4cbb-8ff5-888baf8a2fff',
	'Workspace Created',
	E'Workspace ''{{.Labels.workspace}}'' has been created',
    E'Hello {{.UserName}},\n\n'||
		E'The workspace **{{.Labels.workspace}}** has been created from the template **{{.Labels.template}}** using version **{{.Labels.version}}**.',
    'Workspace Events',
	'[
		{
			"label": "See workspace",
			"url": "{{base_url}}/@{{.UserUsername}}/{{.Labels.workspace}}"
		}
	]'::jsonb
);

;

-- ===== coderd/database/migrations/000280_workspace_update_notification.up.sql
INSERT INTO notification_templates
	(id, name, title_template, body_template, "group", actions)
VALUES (
	'd089fe7b-d5c5-4c0c-aaf5-689859f7d392',
	'Workspace Manually Updated',
	E'Workspace ''{{.Labels.workspace}}'' has been manually updated',
	E'Hello {{.UserName}},\n\n'||
		E'A new workspace build has been manually created for your workspace **{{.Labels.workspace}}** by **{{.Labels.initiator}}** to update it to version **{{.Labels.version}}** of template **{{.Labels.template}}**.',
    'Workspace Events',
	'[
		{
			"label": "View workspace",
			"url": "{{base_url}}/@{{.UserUsername}}/{{.Labels.workspace}}"
		},
		{
			"label": "View template version",
			"url": "{{base_url}}/templates/{{.Labels.organization}}/{{.Labels.template}}/versions/{{.Labels.version}}"
		}
	]'::jsonb
);

UPDATE notification_templates
SET
	actions = '[
		{
			"label": "View workspace",
			"url": "{{base_url}}/@{{.UserUsername}}/{{.Labels.workspace}}"
		}
	]'::jsonb
WHERE id = '281fdf73-c6d6-4cbb-8ff5-888baf8a2fff';

;

-- ===== coderd/database/migrations/000281_idpsync_settings.up.sql
-- Allow modifications to notification templates to be audited.
ALTER TYPE resource_type ADD VALUE IF NOT EXISTS 'idp_sync_settings_organization';
ALTER TYPE resource_type ADD VALUE IF NOT EXISTS 'idp_sync_settings_group';
ALTER TYPE resource_type ADD VALUE IF NOT EXISTS 'idp_sync_settings_role';

;

-- ===== coderd/database/migrations/000282_workspace_app_add_open_in.up.sql
CREATE TYPE workspace_app_open_in AS ENUM ('tab', 'window', 'slim-window');

ALTER TABLE workspace_apps ADD COLUMN open_in workspace_app_open_in NOT NULL DEFAULT 'slim-window'::workspace_app_open_in;

;

-- ===== coderd/database/migrations/000283_user_status_changes.up.sql
CREATE TABLE user_status_changes (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id uuid NOT NULL REFERENCES users(id),
    new_status user_status NOT NULL,
    changed_at timestamptz NOT NULL DEFAULT CURRENT_TIMESTAMP
);

COMMENT ON TABLE user_status_changes IS 'Tracks the history of user status changes';

CREATE INDEX idx_user_status_changes_changed_at ON user_status_changes(changed_at);

INSERT INTO user_status_changes (
    user_id,
    new_status,
    changed_at
)
SELECT
    id,
    status,
    created_at
FROM users
WHERE NOT deleted;

CREATE TABLE user_deleted (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id uuid NOT NULL REFERENCES users(id),
    deleted_at timestamptz NOT NULL DEFAULT CURRENT_TIMESTAMP
);

COMMENT ON TABLE user_deleted IS 'Tracks when users were deleted';

CREATE INDEX idx_user_deleted_deleted_at ON user_deleted(deleted_at);

INSERT INTO user_deleted (
	user_id,
	deleted_at
)
SELECT
	id,
	updated_at
FROM users
WHERE deleted;

CREATE OR REPLACE FUNCTION record_user_status_change() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'INSERT' OR OLD.status IS DISTINCT FROM NEW.status THEN
        INSERT INTO user_status_changes (
            user_id,
            new_status,
            changed_at
        ) VALUES (
            NEW.id,
            NEW.status,
            NEW.updated_at
        );
    END IF;

    IF OLD.deleted = FALSE AND NEW.deleted = TRUE THEN
        INSERT INTO user_deleted (
            user_id,
            deleted_at
        ) VALUES (
            NEW.id,
            NEW.updated_at
        );
    END IF;

    RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER user_status_change_trigger
    AFTER INSERT OR UPDATE ON users
    FOR EACH ROW
    EXECUTE FUNCTION record_user_status_change();

;

-- ===== coderd/database/migrations/000284_allow_disabling_notification_templates_by_default.up.sql
ALTER TABLE notification_templates ADD COLUMN enabled_by_default boolean DEFAULT TRUE NOT NULL;

CREATE OR REPLACE FUNCTION inhibit_enqueue_if_disabled()
	RETURNS TRIGGER AS
$$
BEGIN
	-- Fail the insertion if one of the following:
	--  * the user has disabled this notification.
	--  * the notification template is disabled by default and hasn't
	--    been explicitly enabled by the user.
	IF EXISTS (
		SELECT 1 FROM notification_templates
		LEFT JOIN notification_preferences
			ON  notification_preferences.notification_template_id = notification_templates.id
			AND notification_preferences.user_id = NEW.user_id
		WHERE notification_templates.id = NEW.notification_template_id AND (
			-- Case 1: The user has explicitly disabled this template
			notification_preferences.disabled = TRUE
			OR
			-- Case 2: The template is disabled by default AND the user hasn't enabled it
			(notification_templates.enabled_by_default = FALSE AND notification_preferences.notification_template_id IS NULL)
		)
	) THEN
		RAISE EXCEPTION 'cannot enqueue message: notification is not enabled';
	END IF;

	RETURN NEW;
END;
$$ LANGUAGE plpgsql;

;

-- ===== coderd/database/migrations/000285_disable_workspace_created_and_manually_updated_notifications_by_default.up.sql
-- Disable 'workspace created' notification by default
UPDATE notification_templates
SET enabled_by_default = FALSE
WHERE id = '281fdf73-c6d6-4cbb-8ff5-888baf8a2fff';

-- Disable 'workspace manually updated' notification by default
UPDATE notification_templates
SET enabled_by_default = FALSE
WHERE id = 'd089fe7b-d5c5-4c0c-aaf5-689859f7d392';

;

-- ===== coderd/database/migrations/000286_provisioner_daemon_status.up.sql
CREATE TYPE provisioner_daemon_status AS ENUM ('offline', 'idle', 'busy');

COMMENT ON TYPE provisioner_daemon_status IS 'The status of a provisioner daemon.';

;

-- ===== coderd/database/migrations/000287_template_read_to_use.up.sql
-- With the "use" verb now existing for templates, we need to update the acl's to
-- include "use" where the permissions set ["read"] is present.
-- The other permission set is ["*"] which is unaffected.

UPDATE
	templates
SET
	-- Instead of trying to write a complicated SQL query to update the JSONB
	-- object, a string replace is much simpler and easier to understand.
	-- Both pieces of text are JSON arrays, so this safe to do.
	group_acl = replace(group_acl::text, '["read"]', '["read", "use"]')::jsonb,
	user_acl = replace(user_acl::text, '["read"]', '["read", "use"]')::jsonb

;

-- ===== coderd/database/migrations/000288_telemetry_items.up.sql
CREATE TABLE telemetry_items (
    key TEXT NOT NULL PRIMARY KEY,
    value TEXT NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT NOW(),
    updated_at TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT NOW()
);

;

-- ===== coderd/database/migrations/000289_agent_resource_monitors.up.sql
CREATE TABLE workspace_agent_memory_resource_monitors (
	agent_id 	uuid NOT NULL REFERENCES workspace_agents(id) ON DELETE CASCADE,
	enabled 	boolean 					NOT NULL,
	threshold 	integer 					NOT NULL,
	created_at 	timestamp with time zone 	NOT NULL,
	PRIMARY KEY (agent_id)
);

CREATE TABLE workspace_agent_volume_resource_monitors (
	agent_id 	uuid NOT NULL REFERENCES workspace_agents(id) ON DELETE CASCADE,
	enabled 	boolean 					NOT NULL,
	threshold 	integer 					NOT NULL,
	path 		text 						NOT NULL,
	created_at 	timestamp with time zone 	NOT NULL,
	PRIMARY KEY (agent_id, path)
);

;

-- ===== coderd/database/migrations/000290_oom_and_ood_notification.up.sql
INSERT INTO notification_templates
	(id, name, title_template, body_template, "group", actions)
VALUES (
	'a9d027b4-ac49-4fb1-9f6d-45af15f64e7a',
	'Workspace Out Of Memory',
	E'Your workspace "{{.Labels.workspace}}" is low on memory',
	E'Hi {{.UserName}},\n\n'||
		E'Your workspace **{{.Labels.workspace}}** has reached the memory usage threshold set at **{{.Labels.threshold}}**.',
	'Workspace Events',
	'[
		{
			"label": "View workspace",
			"url": "{{base_url}}/@{{.UserUsername}}/{{.Labels.workspace}}"
		}
	]'::jsonb
);

INSERT INTO notification_templates
	(id, name, title_template, body_template, "group", actions)
VALUES (
	'f047f6a3-5713-40f7-85aa-0394cce9fa3a',
	'Workspace Out Of Disk',
	E'Your workspace "{{.Labels.workspace}}" is low on volume space',
	E'Hi {{.UserName}},\n\n'||
		E'{{ if eq (len .Data.volumes) 1 }}{{ $volume := index .Data.volumes 0 }}'||
			E'Volume **`{{$volume.path}}`** is over {{$volume.threshold}} full in workspace **{{.Labels.workspace}}**.'||
		E'{{ else }}'||
			E'The following volumes are nearly full in workspace **{{.Labels.workspace}}**\n\n'||
			E'{{ range $volume := .Data.volumes }}'||
				E'- **`{{$volume.path}}`** is over {{$volume.threshold}} full\n'||
			E'{{ end }}'||
		E'{{ end }}',
	'Workspace Events',
	'[
		{
			"label": "View workspace",
			"url": "{{base_url}}/@{{.UserUsername}}/{{.Labels.workspace}}"
		}
	]'::jsonb
);

;

-- ===== coderd/database/migrations/000291_workspace_parameter_presets.up.sql
CREATE TABLE template_version_presets
(
	id UUID PRIMARY KEY NOT NULL,
	template_version_id UUID NOT NULL,
	name TEXT NOT NULL,
	created_at TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT CURRENT_TIMESTAMP,
	FOREIGN KEY (template_version_id) REFERENCES template_versions (id) ON DELETE CASCADE
);

CREATE TABLE template_version_preset_parameters
(
	id UUID PRIMARY KEY NOT NULL,
	template_version_preset_id UUID NOT NULL,
	name TEXT NOT NULL,
	value TEXT NOT NULL,
	FOREIGN KEY (template_version_preset_id) REFERENCES template_version_presets (id) ON DELETE CASCADE
);

ALTER TABLE workspace_builds
ADD COLUMN template_version_preset_id UUID NULL;

ALTER TABLE workspace_builds
ADD CONSTRAINT workspace_builds_template_version_preset_id_fkey
FOREIGN KEY (template_version_preset_id)
REFERENCES template_version_presets (id)
ON DELETE SET NULL;

-- Recreate the view to include the new column.
DROP VIEW workspace_build_with_user;
CREATE VIEW
	workspace_build_with_user
AS
SELECT
	workspace_builds.*,
	coalesce(visible_users.avatar_url, '') AS initiator_by_avatar_url,
	coalesce(visible_users.username, '') AS initiator_by_username
FROM
	workspace_builds
	LEFT JOIN
		visible_users
	ON
		workspace_builds.initiator_id = visible_users.id;

COMMENT ON VIEW workspace_build_with_user IS 'Joins in the username + avatar url of the initiated by user.';

;

-- ===== coderd/database/migrations/000292_generate_default_preset_parameter_ids.up.sql
ALTER TABLE template_version_presets
ALTER COLUMN id SET DEFAULT gen_random_uuid();

ALTER TABLE template_version_preset_parameters
ALTER COLUMN id SET DEFAULT gen_random_uuid();

;

-- ===== coderd/database/migrations/000293_add_audit_types_for_connect_and_open.up.sql
-- Add new audit types for connect and open actions.
ALTER TYPE audit_action
	ADD VALUE IF NOT EXISTS 'connect';
ALTER TYPE audit_action
	ADD VALUE IF NOT EXISTS 'disconnect';
ALTER TYPE resource_type
	ADD VALUE IF NOT EXISTS 'workspace_agent';
ALTER TYPE audit_action
	ADD VALUE IF NOT EXISTS 'open';
ALTER TYPE audit_action
	ADD VALUE IF NOT EXISTS 'close';
ALTER TYPE resource_type
	ADD VALUE IF NOT EXISTS 'workspace_app';

;

-- ===== coderd/database/migrations/000294_workspace_monitors_state.up.sql
CREATE TYPE workspace_agent_monitor_state AS ENUM (
	'OK',
	'NOK'
);

ALTER TABLE workspace_agent_memory_resource_monitors
	ADD COLUMN updated_at      timestamp with time zone      NOT NULL DEFAULT CURRENT_TIMESTAMP,
	ADD COLUMN state           workspace_agent_monitor_state NOT NULL DEFAULT 'OK',
	ADD COLUMN debounced_until timestamp with time zone      NOT NULL DEFAULT '0001-01-01 00:00:00'::timestamptz;

ALTER TABLE workspace_agent_volume_resource_monitors
	ADD COLUMN updated_at      timestamp with time zone      NOT NULL DEFAULT CURRENT_TIMESTAMP,
	ADD COLUMN state           workspace_agent_monitor_state NOT NULL DEFAULT 'OK',
	ADD COLUMN debounced_until timestamp with time zone      NOT NULL DEFAULT '0001-01-01 00:00:00'::timestamptz;

;

-- ===== coderd/database/migrations/000295_test_notification.up.sql
INSERT INTO notification_templates
	(id, name, title_template, body_template, "group", actions)
VALUES (
	'c425f63e-716a-4bf4-ae24-78348f706c3f',
	'Test Notification',
	E'A test notification',
	E'Hi {{.UserName}},\n\n'||
		E'This is a test notification.',
	'Notification Events',
	'[
		{
			"label": "View notification settings",
			"url": "{{base_url}}/deployment/notifications?tab=settings"
		}
	]'::jsonb
);

;

-- ===== coderd/database/migrations/000296_organization_soft_delete.up.sql
ALTER TABLE organizations ADD COLUMN deleted boolean DEFAULT FALSE NOT NULL;

DROP INDEX IF EXISTS idx_organization_name;
DROP INDEX IF EXISTS idx_organization_name_lower;

CREATE UNIQUE INDEX IF NOT EXISTS idx_organization_name_lower ON organizations USING btree (lower(name))
	where deleted = false;

ALTER TABLE ONLY organizations
	DROP CONSTRAINT IF EXISTS organizations_name;

CREATE FUNCTION protect_deleting_organizations()
	RETURNS TRIGGER AS
$$
DECLARE
    workspace_count int;
	template_count int;
	group_count int;
	member_count int;
	provisioner_keys_count int;
BEGIN
    workspace_count := (
        SELECT count(*) as count FROM workspaces
        WHERE
            workspaces.organization_id = OLD.id
            AND workspaces.deleted = false
    );

	template_count := (
        SELECT count(*) as count FROM templates
        WHERE
            templates.organization_id = OLD.id
            AND templates.deleted = false
    );

	group_count := (
        SELECT count(*) as count FROM groups
        WHERE
            groups.organization_id = OLD.id
    );

	member_count := (
        SELECT count(*) as count FROM organization_members
        WHERE
            organization_members.organization_id = OLD.id
    );

	provisioner_keys_count := (
		Select count(*) as count FROM provisioner_keys
		WHERE
			provisioner_keys.organization_id = OLD.id
	);

    -- Fail the deletion if one of the following:
    -- * the organization has 1 or more workspaces
	-- * the organization has 1 or more templates
	-- * the organization has 1 or more groups other than "Everyone" group
	-- * the organization has 1 or more members other than the organization owner
	-- * the organization has 1 or more provisioner keys

    IF (workspace_count + template_count + provisioner_keys_count) > 0 THEN
            RAISE EXCEPTION 'cannot delete organization: organization has % workspaces, % templates, and % provisioner keys that must be deleted first', workspace_count, template_count, provisioner_keys_count;
    END IF;

	IF (group_count) > 1 THEN
            RAISE EXCEPTION 'cannot delete organization: organization has % groups that must be deleted first', group_count - 1;
    END IF;

    -- Allow 1 member to exist, because you cannot remove yourself. You can
    -- remove everyone else. Ideally, we only omit the member that matches
    -- the user_id of the caller, however in a trigger, the caller is unknown.
	IF (member_count) > 1 THEN
            RAISE EXCEPTION 'cannot delete organization: organization has % members that must be deleted first', member_count - 1;
    END IF;

    RETURN NEW;
END;
$$ LANGUAGE plpgsql;

-- Trigger to protect organizations from being soft deleted with existing resources
CREATE TRIGGER protect_deleting_organizations
    BEFORE UPDATE ON organizations
    FOR EACH ROW
	WHEN (NEW.deleted = true AND OLD.deleted = false)
    EXECUTE FUNCTION protect_deleting_organizations();

;

-- ===== coderd/database/migrations/000297_notifications_inbox.up.sql
CREATE TYPE inbox_notification_read_status AS ENUM ('all', 'unread', 'read');

CREATE TABLE inbox_notifications (
	id			UUID						PRIMARY KEY,
	user_id			UUID						NOT NULL REFERENCES users(id) ON DELETE CASCADE,
	template_id		UUID						NOT NULL REFERENCES notification_templates(id) ON DELETE CASCADE,
	targets			UUID[],
	title			TEXT						NOT NULL,
	content			TEXT						NOT NULL,
	icon			TEXT						NOT NULL,
	actions			JSONB						NOT NULL,
	read_at			TIMESTAMP WITH TIME ZONE,
	created_at		TIMESTAMP WITH TIME ZONE			NOT NULL DEFAULT NOW()
);

CREATE INDEX idx_inbox_notifications_user_id_read_at ON inbox_notifications(user_id, read_at);
CREATE INDEX idx_inbox_notifications_user_id_template_id_targets ON inbox_notifications(user_id, template_id, targets);

;

-- ===== coderd/database/migrations/000298_provisioner_jobs_status_idx.up.sql
CREATE INDEX idx_provisioner_jobs_status ON provisioner_jobs USING btree (job_status);

;

-- ===== coderd/database/migrations/000299_user_configs.up.sql
CREATE TABLE IF NOT EXISTS user_configs (
	user_id uuid NOT NULL,
	key varchar(256) NOT NULL,
	value text NOT NULL,

	PRIMARY KEY (user_id, key),
	FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
);


-- Copy "theme_preference" from "users" table
INSERT INTO user_configs (user_id, key, value)
  SELECT id, 'theme_preference', theme_preference
    FROM users
    WHERE users.theme_preference IS NOT NULL;


-- Replace "group_members_expanded" without "theme_preference"
DROP VIEW group_members_expanded;
-- Taken from 000242_group_members_view.up.sql
CREATE VIEW
    group_members_expanded
AS
-- If the group is a user made group, then we need to check the group_members table.
-- If it is the "Everyone" group, then we need to check the organization_members table.
WITH all_members AS (
    SELECT user_id, group_id FROM group_members
    UNION
    SELECT user_id, organization_id AS group_id FROM organization_members
)
SELECT
    users.id AS user_id,
    users.email AS user_email,
    users.username AS user_username,
    users.hashed_password AS user_hashed_password,
    users.created_at AS user_created_at,
    users.updated_at AS user_updated_at,
    users.status AS user_status,
    users.rbac_roles AS user_rbac_roles,
    users.login_type AS user_login_type,
    users.avatar_url AS user_avatar_url,
    users.deleted AS user_deleted,
    users.last_seen_at AS user_last_seen_at,
    users.quiet_hours_schedule AS user_quiet_hours_schedule,
    users.name AS user_name,
    users.github_com_user_id AS user_github_com_user_id,
    groups.organization_id AS organization_id,
    groups.name AS group_name,
    all_members.group_id AS group_id
FROM
    all_members
JOIN
    users ON users.id = all_members.user_id
JOIN
    groups ON groups.id = all_members.group_id
WHERE
    users.deleted = 'false';

COMMENT ON VIEW group_members_expanded IS 'Joins group members with user information, organization ID, group name. Includes both regular group members and organization members (as part of the "Everyone" group).';

-- Drop the "theme_preference" column now that the view no longer depends on it.
ALTER TABLE users DROP COLUMN theme_preference;

;

-- ===== coderd/database/migrations/000300_notifications_method_inbox.up.sql
ALTER TYPE notification_method ADD VALUE IF NOT EXISTS 'inbox';

;

-- ===== coderd/database/migrations/000301_add_workspace_app_audit_sessions.up.sql
-- Keep all unique fields as non-null because `UNIQUE NULLS NOT DISTINCT`
-- requires PostgreSQL 15+.
CREATE UNLOGGED TABLE workspace_app_audit_sessions (
	agent_id UUID NOT NULL,
	app_id UUID NOT NULL, -- Can be NULL, but must be uuid.Nil.
	user_id UUID NOT NULL, -- Can be NULL, but must be uuid.Nil.
	ip TEXT NOT NULL,
	user_agent TEXT NOT NULL,
	slug_or_port TEXT NOT NULL,
	status_code int4 NOT NULL,
	started_at TIMESTAMP WITH TIME ZONE NOT NULL,
	updated_at TIMESTAMP WITH TIME ZONE NOT NULL,
	FOREIGN KEY (agent_id) REFERENCES workspace_agents (id) ON DELETE CASCADE,
	-- Skip foreign keys that we can't enforce due to NOT NULL constraints.
	-- FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE,
	-- FOREIGN KEY (app_id) REFERENCES workspace_apps (id) ON DELETE CASCADE,
	UNIQUE (agent_id, app_id, user_id, ip, user_agent, slug_or_port, status_code)
);

COMMENT ON TABLE workspace_app_audit_sessions IS 'Audit sessions for workspace apps, the data in this table is ephemeral and is used to deduplicate audit log entries for workspace apps. While a session is active, the same data will not be logged again. This table does not store historical data.';
COMMENT ON COLUMN workspace_app_audit_sessions.agent_id IS 'The agent that the workspace app or port forward belongs to.';
COMMENT ON COLUMN workspace_app_audit_sessions.app_id IS 'The app that is currently in the workspace app. This is may be uuid.Nil because ports are not associated with an app.';
COMMENT ON COLUMN workspace_app_audit_sessions.user_id IS 'The user that is currently using the workspace app. This is may be uuid.Nil if we cannot determine the user.';
COMMENT ON COLUMN workspace_app_audit_sessions.ip IS 'The IP address of the user that is currently using the workspace app.';
COMMENT ON COLUMN workspace_app_audit_sessions.user_agent IS 'The user agent of the user that is currently using the workspace app.';
COMMENT ON COLUMN workspace_app_audit_sessions.slug_or_port IS 'The slug or port of the workspace app that the user is currently using.';
COMMENT ON COLUMN workspace_app_audit_sessions.status_code IS 'The HTTP status produced by the token authorization. Defaults to 200 if no status is provided.';
COMMENT ON COLUMN workspace_app_audit_sessions.started_at IS 'The time the user started the session.';
COMMENT ON COLUMN workspace_app_audit_sessions.updated_at IS 'The time the session was last updated.';

CREATE UNIQUE INDEX workspace_app_audit_sessions_unique_index ON workspace_app_audit_sessions (agent_id, app_id, user_id, ip, user_agent, slug_or_port, status_code);

COMMENT ON INDEX workspace_app_audit_sessions_unique_index IS 'Unique index to ensure that we do not allow duplicate entries from multiple transactions.';

;

-- ===== coderd/database/migrations/000302_fix_app_audit_session_race.up.sql
-- Add column with default to fix existing rows.
ALTER TABLE workspace_app_audit_sessions
	ADD COLUMN id UUID PRIMARY KEY DEFAULT gen_random_uuid();
ALTER TABLE workspace_app_audit_sessions
	ALTER COLUMN id DROP DEFAULT;

;

-- ===== coderd/database/migrations/000303_add_workspace_agent_devcontainers.up.sql
CREATE TABLE workspace_agent_devcontainers (
	id UUID PRIMARY KEY,
	workspace_agent_id UUID NOT NULL,
	created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
	workspace_folder TEXT NOT NULL,
	config_path TEXT NOT NULL,
	FOREIGN KEY (workspace_agent_id) REFERENCES workspace_agents(id) ON DELETE CASCADE
);

COMMENT ON TABLE workspace_agent_devcontainers IS 'Workspace agent devcontainer configuration';
COMMENT ON COLUMN workspace_agent_devcontainers.id IS 'Unique identifier';
COMMENT ON COLUMN workspace_agent_devcontainers.workspace_agent_id IS 'Workspace agent foreign key';
COMMENT ON COLUMN workspace_agent_devcontainers.created_at IS 'Creation timestamp';
COMMENT ON COLUMN workspace_agent_devcontainers.workspace_folder IS 'Workspace folder';
COMMENT ON COLUMN workspace_agent_devcontainers.config_path IS 'Path to devcontainer.json.';

CREATE INDEX workspace_agent_devcontainers_workspace_agent_id ON workspace_agent_devcontainers (workspace_agent_id);

COMMENT ON INDEX workspace_agent_devcontainers_workspace_agent_id IS 'Workspace agent foreign key and query index';

;

-- ===== coderd/database/migrations/000304_github_com_user_id_comment.up.sql
COMMENT ON COLUMN users.github_com_user_id IS 'The GitHub.com numerical user ID. It is used to check if the user has starred the Coder repository. It is also used for filtering users in the users list CLI command, and may become more widely used in the future.';

;

-- ===== coderd/database/migrations/000305_remove_greetings_notifications_templates.up.sql
UPDATE notification_templates SET body_template = E'Your workspace **{{.Labels.name}}** was deleted.\n\n' ||
					E'The specified reason was "**{{.Labels.reason}}{{ if .Labels.initiator }} ({{ .Labels.initiator }}){{end}}**".' WHERE id = 'f517da0b-cdc9-410f-ab89-a86107c420ed';
UPDATE notification_templates SET body_template = E'Automatic build of your workspace **{{.Labels.name}}** failed.\n\n' ||
					E'The specified reason was "**{{.Labels.reason}}**".' WHERE id = '381df2a9-c0c0-4749-420f-80a9280c66f9';
UPDATE notification_templates SET body_template = E'Your workspace **{{.Labels.name}}** has been updated automatically to the latest template version ({{.Labels.template_version_name}}).\n\n' ||
					E'Reason for update: **{{.Labels.template_version_message}}**.' WHERE id = 'c34a0c09-0704-4cac-bd1c-0c0146811c2b';
UPDATE notification_templates SET body_template = E'New user account **{{.Labels.created_account_name}}** has been created.\n\n' ||
					E'This new user account was created {{if .Labels.created_account_user_name}}for **{{.Labels.created_account_user_name}}** {{end}}by **{{.Labels.initiator}}**.' WHERE id = '4e19c0ac-94e1-4532-9515-d1801aa283b2';
UPDATE notification_templates SET body_template = E'User account **{{.Labels.deleted_account_name}}** has been deleted.\n\n' ||
					E'The deleted account {{if .Labels.deleted_account_user_name}}belonged to **{{.Labels.deleted_account_user_name}}** and {{end}}was deleted by **{{.Labels.initiator}}**.' WHERE id = 'f44d9314-ad03-4bc8-95d0-5cad491da6b6';
UPDATE notification_templates SET body_template = E'User account **{{.Labels.suspended_account_name}}** has been suspended.\n\n' ||
  					E'The account {{if .Labels.suspended_account_user_name}}belongs to **{{.Labels.suspended_account_user_name}}** and it {{end}}was suspended by **{{.Labels.initiator}}**.' WHERE id = 'b02ddd82-4733-4d02-a2d7-c36f3598997d';
UPDATE notification_templates SET body_template = E'Your account **{{.Labels.suspended_account_name}}** has been suspended by **{{.Labels.initiator}}**.' WHERE id = '6a2f0609-9b69-4d36-a989-9f5925b6cbff';
UPDATE notification_templates SET body_template = E'User account **{{.Labels.activated_account_name}}** has been activated.\n\n' ||
					E'The account {{if .Labels.activated_account_user_name}}belongs to **{{.Labels.activated_account_user_name}}** and it {{ end }}was activated by **{{.Labels.initiator}}**.' WHERE id = '9f5af851-8408-4e73-a7a1-c6502ba46689';
UPDATE notification_templates SET body_template = E'Your account **{{.Labels.activated_account_name}}** has been activated by **{{.Labels.initiator}}**.' WHERE id = '1a6a6bea-ee0a-43e2-9e7c-eabdb53730e4';
UPDATE notification_templates SET body_template = E'A manual build of the workspace **{{.Labels.name}}** using the template **{{.Labels.template_name}}** failed (version: **{{.Labels.template_version_name}}**).\nThe workspace build was initiated by **{{.Labels.initiator}}**.' WHERE id = '2faeee0f-26cb-4e96-821c-85ccb9f71513';
UPDATE notification_templates SET body_template = E'Template **{{.Labels.template_display_name}}** has failed to build {{.Data.failed_builds}}/{{.Data.total_builds}} times over the last {{.Data.report_frequency}}.

**Report:**
{{range $version := .Data.template_versions}}
**{{$version.template_version_name}}** failed {{$version.failed_count}} time{{if gt $version.failed_count 1.0}}s{{end}}:
{{range $build := $version.failed_builds}}
* [{{$build.workspace_owner_username}} / {{$build.workspace_name}} / #{{$build.build_number}}]({{base_url}}/@{{$build.workspace_owner_username}}/{{$build.workspace_name}}/builds/{{$build.build_number}})
{{- end}}
{{end}}
We recommend reviewing these issues to ensure future builds are successful.' WHERE id = '34a20db2-e9cc-4a93-b0e4-8569699d7a00';
UPDATE notification_templates SET body_template = E'Use the link below to reset your password.\n\nIf you did not make this request, you can ignore this message.' WHERE id = '62f86a30-2330-4b61-a26d-311ff3b608cf';
UPDATE notification_templates SET body_template = E'The template **{{.Labels.template}}** has been deprecated with the following message:\n\n' ||
		E'**{{.Labels.message}}**\n\n' ||
		E'New workspaces may not be created from this template. Existing workspaces will continue to function normally.' WHERE id = 'f40fae84-55a2-42cd-99fa-b41c1ca64894';
UPDATE notification_templates SET body_template = E'The workspace **{{.Labels.workspace}}** has been created from the template **{{.Labels.template}}** using version **{{.Labels.version}}**.' WHERE id = '281fdf73-c6d6-4cbb-8ff5-888baf8a2fff';
UPDATE notification_templates SET body_template = E'A new workspace build has been manually created for your workspace **{{.Labels.workspace}}** by **{{.Labels.initiator}}** to update it to version **{{.Labels.version}}** of template **{{.Labels.template}}**.' WHERE id = 'd089fe7b-d5c5-4c0c-aaf5-689859f7d392';
UPDATE notification_templates SET body_template = E'Your workspace **{{.Labels.workspace}}** has reached the memory usage threshold set at **{{.Labels.threshold}}**.' WHERE id = 'a9d027b4-ac49-4fb1-9f6d-45af15f64e7a';
UPDATE notification_templates SET body_template = E'{{ if eq (len .Data.volumes) 1 }}{{ $volume := index .Data.volumes 0 }}'||
			E'Volume **`{{$volume.path}}`** is over {{$volume.threshold}} full in workspace **{{.Labels.workspace}}**.'||
		E'{{ else }}'||
			E'The following volumes are nearly full in workspace **{{.Labels.workspace}}**\n\n'||
			E'{{ range $volume := .Data.volumes }}'||
				E'- **`{{$volume.path}}`** is over {{$volume.threshold}} full\n'||
			E'{{ end }}'||
		E'{{ end }}' WHERE id = 'f047f6a3-5713-40f7-85aa-0394cce9fa3a';
UPDATE notification_templates SET body_template = E'This is a test notification.' WHERE id = 'c425f63e-716a-4bf4-ae24-78348f706c3f';
UPDATE notification_templates SET body_template = E'The template **{{.Labels.name}}** was deleted by **{{ .Labels.initiator }}**.\n\n' WHERE id = '29a09665-2a4c-403f-9648-54301670e7be';
UPDATE notification_templates SET body_template = E'Your workspace **{{.Labels.name}}** has been marked as [**dormant**](https://coder.com/docs/templates/schedule#dormancy-threshold-enterprise) because of {{.Labels.reason}}.\n' ||
		E'Dormant workspaces are [automatically deleted](https://coder.com/docs/templates/schedule#dormancy-auto-deletion-enterprise) after {{.Labels.timeTilDormant}} of inactivity.\n' ||
		E'To prevent deletion, use your workspace with the link below.' WHERE id = '0ea69165-ec14-4314-91f1-69566ac3c5a0';
UPDATE notification_templates SET body_template = E'Your workspace **{{.Labels.name}}** has been marked for **deletion** after {{.Labels.timeTilDormant}} of [dormancy](https://coder.com/docs/templates/schedule#dormancy-auto-deletion-enterprise) because of {{.Labels.reason}}.\n' ||
		E'To prevent deletion, use your workspace with the link below.' WHERE id = '51ce2fdf-c9ca-4be1-8d70-628674f9bc42';

;

-- ===== coderd/database/migrations/000306_template_version_terraform_values.up.sql
create table template_version_terraform_values (
	template_version_id uuid not null unique references template_versions(id) on delete cascade,
	updated_at timestamptz not null default now(),
	cached_plan jsonb not null
);

;

-- ===== coderd/database/migrations/000307_fix_notifications_actions_url.up.sql
UPDATE notification_templates
SET
	actions = '[
		{
			"label": "View workspace",
			"url": "{{base_url}}/@{{.Labels.workspace_owner_username}}/{{.Labels.workspace}}"
		}
	]'::jsonb
WHERE id = '281fdf73-c6d6-4cbb-8ff5-888baf8a2fff';

UPDATE notification_templates
SET
	actions = '[
		{
			"label": "View workspace",
			"url": "{{base_url}}/@{{.Labels.workspace_owner_username}}/{{.Labels.workspace}}"
		},
		{
			"label": "View template version",
			"url": "{{base_url}}/templates/{{.Labels.organization}}/{{.Labels.template}}/versions/{{.Labels.version}}"
		}
	]'::jsonb
WHERE id = 'd089fe7b-d5c5-4c0c-aaf5-689859f7d392';

;

-- ===== coderd/database/migrations/000308_system_user.up.sql
ALTER TABLE users
	ADD COLUMN is_system bool DEFAULT false NOT NULL;

COMMENT ON COLUMN users.is_system IS 'Determines if a user is a system user, and therefore cannot login or perform normal actions';

INSERT INTO users (id, email, username, name, created_at, updated_at, status, rbac_roles, hashed_password, is_system, login_type)
VALUES ('c42fdf75-3097-471c-8c33-fb52454d81c0', 'prebuilds@system', 'prebuilds', 'Prebuilds Owner', now(), now(),
		'active', '{}', 'none', true, 'none'::login_type);

DROP VIEW IF EXISTS group_members_expanded;
CREATE VIEW group_members_expanded AS
 WITH all_members AS (
         SELECT group_members.user_id,
            group_members.group_id
           FROM group_members
        UNION
         SELECT organization_members.user_id,
            organization_members.organization_id AS group_id
           FROM organization_members
        )
 SELECT users.id AS user_id,
    users.email AS user_email,
    users.username AS user_username,
    users.hashed_password AS user_hashed_password,
    users.created_at AS user_created_at,
    users.updated_at AS user_updated_at,
    users.status AS user_status,
    users.rbac_roles AS user_rbac_roles,
    users.login_type AS user_login_type,
    users.avatar_url AS user_avatar_url,
    users.deleted AS user_deleted,
    users.last_seen_at AS user_last_seen_at,
    users.quiet_hours_schedule AS user_quiet_hours_schedule,
    users.name AS user_name,
    users.github_com_user_id AS user_github_com_user_id,
    users.is_system AS user_is_system,
    groups.organization_id,
    groups.name AS group_name,
    all_members.group_id
   FROM ((all_members
     JOIN users ON ((users.id = all_members.user_id)))
     JOIN groups ON ((groups.id = all_members.group_id)))
  WHERE (users.deleted = false);

COMMENT ON VIEW group_members_expanded IS 'Joins group members with user information, organization ID, group name. Includes both regular group members and organization members (as part of the "Everyone" group).';
-- TODO: do we *want* to use the default org here? how do we handle multi-org?
WITH default_org AS (SELECT id
					 FROM organizations
					 WHERE is_default = true
					 LIMIT 1)
INSERT
INTO organization_members (organization_id, user_id, created_at, updated_at)
SELECT default_org.id,
	   'c42fdf75-3097-471c-8c33-fb52454d81c0', -- The system user responsible for prebuilds.
	   NOW(),
	   NOW()
FROM default_org;

;

-- ===== coderd/database/migrations/000309_add_devcontainer_name.up.sql
ALTER TABLE workspace_agent_devcontainers ADD COLUMN name TEXT NOT NULL DEFAULT '';
ALTER TABLE workspace_agent_devcontainers ALTER COLUMN name DROP DEFAULT;

COMMENT ON COLUMN workspace_agent_devcontainers.name IS 'The name of the Dev Container.';

;

-- ===== coderd/database/migrations/000310_update_protect_deleting_organization_function.up.sql
DROP TRIGGER IF EXISTS protect_deleting_organizations ON organizations;

-- Replace the function with the new implementation
CREATE OR REPLACE FUNCTION protect_deleting_organizations()
    RETURNS TRIGGER AS
$$
DECLARE
    workspace_count int;
    template_count int;
    group_count int;
    member_count int;
    provisioner_keys_count int;
BEGIN
    workspace_count := (
        SELECT count(*) as count FROM workspaces
        WHERE
            workspaces.organization_id = OLD.id
            AND workspaces.deleted = false
    );

    template_count := (
        SELECT count(*) as count FROM templates
        WHERE
            templates.organization_id = OLD.id
            AND templates.deleted = false
    );

    group_count := (
        SELECT count(*) as count FROM groups
        WHERE
            groups.organization_id = OLD.id
    );

    member_count := (
        SELECT count(*) as count FROM organization_members
        WHERE
            organization_members.organization_id = OLD.id
    );

    provisioner_keys_count := (
        Select count(*) as count FROM provisioner_keys
        WHERE
            provisioner_keys.organization_id = OLD.id
    );

    -- Fail the deletion if one of the following:
    -- * the organization has 1 or more workspaces
    -- * the organization has 1 or more templates
    -- * the organization has 1 or more groups other than "Everyone" group
    -- * the organization has 1 or more members other than the organization owner
    -- * the organization has 1 or more provisioner keys

    -- Only create error message for resources that actually exist
    IF (workspace_count + template_count + provisioner_keys_count) > 0 THEN
        DECLARE
            error_message text := 'cannot delete organization: organization has ';
            error_parts text[] := '{}';
        BEGIN
            IF workspace_count > 0 THEN
                error_parts := array_append(error_parts, workspace_count || ' workspaces');
            END IF;
            
            IF template_count > 0 THEN
                error_parts := array_append(error_parts, template_count || ' templates');
            END IF;
            
            IF provisioner_keys_count > 0 THEN
                error_parts := array_append(error_parts, provisioner_keys_count || ' provisioner keys');
            END IF;
            
            error_message := error_message || array_to_string(error_parts, ', ') || ' that must be deleted first';
            RAISE EXCEPTION '%', error_message;
        END;
    END IF;

    IF (group_count) > 1 THEN
            RAISE EXCEPTION 'cannot delete organization: organization has % groups that must be deleted first', group_count - 1;
    END IF;

    -- Allow 1 member to exist, because you cannot remove yourself. You can
    -- remove everyone else. Ideally, we only omit the member that matches
    -- the user_id of the caller, however in a trigger, the caller is unknown.
    IF (member_count) > 1 THEN
            RAISE EXCEPTION 'cannot delete organization: organization has % members that must be deleted first', member_count - 1;
    END IF;

    RETURN NEW;
END;
$$ LANGUAGE plpgsql;

-- Trigger to protect organizations from being soft deleted with existing resources
CREATE TRIGGER protect_deleting_organizations
    BEFORE UPDATE ON organizations
    FOR EACH ROW
    WHEN (NEW.deleted = true AND OLD.deleted = false)
    EXECUTE FUNCTION protect_deleting_organizations();

;

-- ===== coderd/database/migrations/000311_improve_dormant_workspace_notification.up.sql
UPDATE notification_templates SET body_template = E'Your workspace **{{.Labels.name}}** has been marked as [**dormant**](https://coder.com/docs/templates/schedule#dormancy-threshold-enterprise) due to inactivity exceeding the dormancy threshold.\n\n' ||
	E'This workspace will be automatically deleted in {{.Labels.timeTilDormant}} if it remains inactive.\n\n' ||
	E'To prevent deletion, activate your workspace using the link below.' WHERE id = '0ea69165-ec14-4314-91f1-69566ac3c5a0';

;

-- ===== coderd/database/migrations/000312_webpush_subscriptions.up.sql
-- webpush_subscriptions is a table that stores push notification
-- subscriptions for users. These are acquired via the Push API in the browser.
CREATE TABLE IF NOT EXISTS webpush_subscriptions (
    id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id UUID NOT NULL REFERENCES users ON DELETE CASCADE,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT CURRENT_TIMESTAMP,
    -- endpoint is called by coderd to send a push notification to the user.
    endpoint TEXT NOT NULL,
    -- endpoint_p256dh_key is the public key for the endpoint.
    endpoint_p256dh_key TEXT NOT NULL,
    -- endpoint_auth_key is the authentication key for the endpoint.
    endpoint_auth_key TEXT NOT NULL
);

;

-- ===== coderd/database/migrations/000313_workspace_app_statuses.up.sql
CREATE TYPE workspace_app_status_state AS ENUM ('working', 'complete', 'failure');

-- Workspace app statuses allow agents to report statuses per-app in the UI.
CREATE TABLE workspace_app_statuses (
    id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    created_at TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT CURRENT_TIMESTAMP,
    -- The agent that the status is for.
    agent_id UUID NOT NULL REFERENCES workspace_agents(id),
    -- The slug of the app that the status is for. This will be used
    -- to reference the app in the UI - with an icon.
    app_id UUID NOT NULL REFERENCES workspace_apps(id),
	-- workspace_id is the workspace that the status is for.
	workspace_id UUID NOT NULL REFERENCES workspaces(id),
    -- The status determines how the status is displayed in the UI.
    state workspace_app_status_state NOT NULL,
    -- Whether the status needs user attention.
    needs_user_attention BOOLEAN NOT NULL,
    -- The message is the main text that will be displayed in the UI.
    message TEXT NOT NULL,
    -- The URI of the resource that the status is for.
    -- e.g. https://github.com/org/repo/pull/123
    -- e.g. file:///path/to/file
    uri TEXT,
    -- Icon is an external URL to an icon that will be rendered in the UI.
    icon TEXT
);

CREATE INDEX idx_workspace_app_statuses_workspace_id_created_at ON workspace_app_statuses(workspace_id, created_at DESC);

;

-- ===== coderd/database/migrations/000314_prebuilds.up.sql
-- workspace_latest_builds contains latest build for every workspace
CREATE VIEW workspace_latest_builds AS
SELECT DISTINCT ON (workspace_id)
	wb.id,
	wb.workspace_id,
	wb.template_version_id,
	wb.job_id,
	wb.template_version_preset_id,
	wb.transition,
	wb.created_at,
	pj.job_status
FROM workspace_builds wb
	INNER JOIN provisioner_jobs pj ON wb.job_id = pj.id
ORDER BY wb.workspace_id, wb.build_number DESC;

-- workspace_prebuilds contains all prebuilt workspaces with corresponding agent information
-- (including lifecycle_state which indicates is agent ready or not) and corresponding preset_id for prebuild
CREATE VIEW workspace_prebuilds AS
WITH
	-- All workspaces owned by the "prebuilds" user.
	all_prebuilds AS (
		SELECT w.id, w.name, w.template_id, w.created_at
		FROM workspaces w
		WHERE w.owner_id = 'c42fdf75-3097-471c-8c33-fb52454d81c0' -- The system user responsible for prebuilds.
	),
	-- We can't rely on the template_version_preset_id in the workspace_builds table because this value is only set on the
	-- initial workspace creation. Subsequent stop/start transitions will not have a value for template_version_preset_id,
	-- and therefore we can't rely on (say) the latest build's chosen template_version_preset_id.
	--
	-- See https://github.com/coder/internal/issues/398
	workspaces_with_latest_presets AS (
		SELECT DISTINCT ON (workspace_id) workspace_id, template_version_preset_id
		FROM workspace_builds
		WHERE template_version_preset_id IS NOT NULL
		ORDER BY workspace_id, build_number DESC
	),
	-- workspaces_with_agents_status contains workspaces owned by the "prebuilds" user,
	-- along with the readiness status of their agents.
	-- A workspace is marked as 'ready' only if ALL of its agents are ready.
	workspaces_with_agents_status AS (
		SELECT w.id AS workspace_id,
			BOOL_AND(wa.lifecycle_state = 'ready'::workspace_agent_lifecycle_state) AS ready
		FROM workspaces w
			INNER JOIN workspace_latest_builds wlb ON wlb.workspace_id = w.id
			INNER JOIN workspace_resources wr ON wr.job_id = wlb.job_id
			INNER JOIN workspace_agents wa ON wa.resource_id = wr.id
		WHERE w.owner_id = 'c42fdf75-3097-471c-8c33-fb52454d81c0' -- The system user responsible for prebuilds.
		GROUP BY w.id
	),
	current_presets AS (SELECT w.id AS prebuild_id, wlp.template_version_preset_id
						FROM workspaces w
							INNER JOIN workspaces_with_latest_presets wlp ON wlp.workspace_id = w.id
						WHERE w.owner_id = 'c42fdf75-3097-471c-8c33-fb52454d81c0') -- The system user responsible for prebuilds.
SELECT p.id, p.name, p.template_id, p.created_at, COALESCE(a.ready, false) AS ready, cp.template_version_preset_id AS current_preset_id
FROM all_prebuilds p
		LEFT JOIN workspaces_with_agents_status a ON a.workspace_id = p.id
		INNER JOIN current_presets cp ON cp.prebuild_id = p.id;

CREATE VIEW workspace_prebuild_builds AS
SELECT id, workspace_id, template_version_id, transition, job_id, template_version_preset_id, build_number
FROM workspace_builds
WHERE initiator_id = 'c42fdf75-3097-471c-8c33-fb52454d81c0'; -- The system user responsible for prebuilds.

;

-- ===== coderd/database/migrations/000315_preset_prebuilds.up.sql
ALTER TABLE template_version_presets
	ADD COLUMN desired_instances     INT NULL,
	ADD COLUMN invalidate_after_secs INT NULL DEFAULT 0;

-- Ensure that the idx_unique_preset_name index creation won't fail.
-- This is necessary because presets were released before the index was introduced,
-- so existing data might violate the uniqueness constraint.
WITH ranked AS (
    SELECT id, name, template_version_id,
           ROW_NUMBER() OVER (PARTITION BY name, template_version_id ORDER BY id) AS row_num
    FROM template_version_presets
)
UPDATE template_version_presets
SET name = ranked.name || '_auto_' || row_num
FROM ranked
WHERE template_version_presets.id = ranked.id AND row_num > 1;

-- We should not be able to have presets with the same name for a particular template version.
CREATE UNIQUE INDEX idx_unique_preset_name ON template_version_presets (name, template_version_id);

;

-- ===== coderd/database/migrations/000316_group_build_failure_notifications.up.sql
UPDATE notification_templates
SET
	name = 'Report: Workspace Builds Failed',
	title_template = 'Failed workspace builds report',
	body_template =
E'The following templates have had build failures over the last {{.Data.report_frequency}}:
{{range $template := .Data.templates}}
- **{{$template.display_name}}** failed to build {{$template.failed_builds}}/{{$template.total_builds}} times
{{end}}

**Report:**
{{range $template := .Data.templates}}
**{{$template.display_name}}**
{{range $version := $template.versions}}
- **{{$version.template_version_name}}** failed {{$version.failed_count}} time{{if gt $version.failed_count 1.0}}s{{end}}:
{{range $build := $version.failed_builds}}
   - [{{$build.workspace_owner_username}} / {{$build.workspace_name}} / #{{$build.build_number}}]({{base_url}}/@{{$build.workspace_owner_username}}/{{$build.workspace_name}}/builds/{{$build.build_number}})
{{end}}
{{end}}
{{end}}

We recommend reviewing these issues to ensure future builds are successful.',
	actions = '[
        {
            "label": "View workspaces",
            "url": "{{ base_url }}/workspaces?filter={{$first := true}}{{range $template := .Data.templates}}{{range $version := $template.versions}}{{range $build := $version.failed_builds}}{{if not $first}}+{{else}}{{$first = false}}{{end}}id%3A{{$build.workspace_id}}{{end}}{{end}}{{end}}"
        }
    ]'::jsonb
WHERE id = '34a20db2-e9cc-4a93-b0e4-8569699d7a00';

;

-- ===== coderd/database/migrations/000317_workspace_app_status_drop_fields.up.sql
ALTER TABLE ONLY workspace_app_statuses
	DROP COLUMN IF EXISTS needs_user_attention,
	DROP COLUMN IF EXISTS icon;

;

-- ===== coderd/database/migrations/000318_update_protect_deleting_orgs_to_filter_deleted_users.up.sql
DROP TRIGGER IF EXISTS protect_deleting_organizations ON organizations;

-- Replace the function with the new implementation
CREATE OR REPLACE FUNCTION protect_deleting_organizations()
    RETURNS TRIGGER AS
$$
DECLARE
    workspace_count int;
    template_count int;
    group_count int;
    member_count int;
    provisioner_keys_count int;
BEGIN
    workspace_count := (
        SELECT count(*) as count FROM workspaces
        WHERE
            workspaces.organization_id = OLD.id
            AND workspaces.deleted = false
    );

    template_count := (
        SELECT count(*) as count FROM templates
        WHERE
            templates.organization_id = OLD.id
            AND templates.deleted = false
    );

    group_count := (
        SELECT count(*) as count FROM groups
        WHERE
            groups.organization_id = OLD.id
    );

    member_count := (
        SELECT
            count(*) AS count
        FROM
            organization_members
        LEFT JOIN users ON users.id = organization_members.user_id
        WHERE
            organization_members.organization_id = OLD.id
            AND users.deleted = FALSE
    );

    provisioner_keys_count := (
        Select count(*) as count FROM provisioner_keys
        WHERE
            provisioner_keys.organization_id = OLD.id
    );

    -- Fail the deletion if one of the following:
    -- * the organization has 1 or more workspaces
    -- * the organization has 1 or more templates
    -- * the organization has 1 or more groups other than "Everyone" group
    -- * the organization has 1 or more members other than the organization owner
    -- * the organization has 1 or more provisioner keys

    -- Only create error message for resources that actually exist
    IF (workspace_count + template_count + provisioner_keys_count) > 0 THEN
        DECLARE
            error_message text := 'cannot delete organization: organization has ';
            error_parts text[] := '{}';
        BEGIN
            IF workspace_count > 0 THEN
                error_parts := array_append(error_parts, workspace_count || ' workspaces');
            END IF;
            
            IF template_count > 0 THEN
                error_parts := array_append(error_parts, template_count || ' templates');
            END IF;
            
            IF provisioner_keys_count > 0 THEN
                error_parts := array_append(error_parts, provisioner_keys_count || ' provisioner keys');
            END IF;
            
            error_message := error_message || array_to_string(error_parts, ', ') || ' that must be deleted first';
            RAISE EXCEPTION '%', error_message;
        END;
    END IF;

    IF (group_count) > 1 THEN
            RAISE EXCEPTION 'cannot delete organization: organization has % groups that must be deleted first', group_count - 1;
    END IF;

    -- Allow 1 member to exist, because you cannot remove yourself. You can
    -- remove everyone else. Ideally, we only omit the member that matches
    -- the user_id of the caller, however in a trigger, the caller is unknown.
    IF (member_count) > 1 THEN
            RAISE EXCEPTION 'cannot delete organization: organization has % members that must be deleted first', member_count - 1;
    END IF;

    RETURN NEW;
END;
$$ LANGUAGE plpgsql;

-- Trigger to protect organizations from being soft deleted with existing resources
CREATE TRIGGER protect_deleting_organizations
    BEFORE UPDATE ON organizations
    FOR EACH ROW
    WHEN (NEW.deleted = true AND OLD.deleted = false)
    EXECUTE FUNCTION protect_deleting_organizations();

;

-- ===== coderd/database/migrations/000319_chat.up.sql
CREATE TABLE IF NOT EXISTS chats (
    id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    owner_id UUID NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at TIMESTAMPTZ NOT NULL DEFAULT NOW(),
    updated_at TIMESTAMPTZ NOT NULL DEFAULT NOW(),
    title TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS chat_messages (
    -- BIGSERIAL is auto-incrementing so we know the exact order of messages.
    id BIGSERIAL PRIMARY KEY,
    chat_id UUID NOT NULL REFERENCES chats(id) ON DELETE CASCADE,
    created_at TIMESTAMPTZ NOT NULL DEFAULT NOW(),
    model TEXT NOT NULL,
    provider TEXT NOT NULL,
    content JSONB NOT NULL
);

;

-- ===== coderd/database/migrations/000320_terraform_cached_modules.up.sql
ALTER TABLE template_version_terraform_values ADD COLUMN cached_module_files uuid references files(id);

;

-- ===== coderd/database/migrations/000321_add_parent_id_to_workspace_agents.up.sql
ALTER TABLE workspace_agents
ADD COLUMN parent_id UUID REFERENCES workspace_agents (id) ON DELETE CASCADE;

;

-- ===== coderd/database/migrations/000322_rename_test_notification.up.sql
UPDATE notification_templates
SET name = 'Troubleshooting Notification'
WHERE id = 'c425f63e-716a-4bf4-ae24-78348f706c3f';

;

-- ===== coderd/database/migrations/000323_workspace_latest_builds_optimization.up.sql
-- Drop the dependent views
DROP VIEW workspace_prebuilds;
-- Previously created in 000314_prebuilds.up.sql
DROP VIEW workspace_latest_builds;

-- The previous version of this view had two sequential scans on two very large
-- tables. This version optimized it by using index scans (via a lateral join)
-- AND avoiding selecting builds from deleted workspaces.
CREATE VIEW workspace_latest_builds AS
SELECT
	latest_build.id,
	latest_build.workspace_id,
	latest_build.template_version_id,
	latest_build.job_id,
	latest_build.template_version_preset_id,
	latest_build.transition,
	latest_build.created_at,
	latest_build.job_status
FROM workspaces
LEFT JOIN LATERAL (
	SELECT
		workspace_builds.id AS id,
		workspace_builds.workspace_id AS workspace_id,
		workspace_builds.template_version_id AS template_version_id,
		workspace_builds.job_id AS job_id,
		workspace_builds.template_version_preset_id AS template_version_preset_id,
		workspace_builds.transition AS transition,
		workspace_builds.created_at AS created_at,
		provisioner_jobs.job_status AS job_status
	FROM
		workspace_builds
	JOIN
		provisioner_jobs
	ON
		provisioner_jobs.id = workspace_builds.job_id
	WHERE
		workspace_builds.workspace_id = workspaces.id
	ORDER BY
		build_number DESC
	LIMIT
		1
) latest_build ON TRUE
WHERE workspaces.deleted = false
ORDER BY workspaces.id ASC;

-- Recreate the dependent views
CREATE VIEW workspace_prebuilds AS
 WITH all_prebuilds AS (
         SELECT w.id,
            w.name,
            w.template_id,
            w.created_at
           FROM workspaces w
          WHERE (w.owner_id = 'c42fdf75-3097-471c-8c33-fb52454d81c0'::uuid)
        ), workspaces_with_latest_presets AS (
         SELECT DISTINCT ON (workspace_builds.workspace_id) workspace_builds.workspace_id,
            workspace_builds.template_version_preset_id
           FROM workspace_builds
          WHERE (workspace_builds.template_version_preset_id IS NOT NULL)
          ORDER BY workspace_builds.workspace_id, workspace_builds.build_number DESC
        ), workspaces_with_agents_status AS (
         SELECT w.id AS workspace_id,
            bool_and((wa.lifecycle_state = 'ready'::workspace_agent_lifecycle_state)) AS ready
           FROM (((workspaces w
             JOIN workspace_latest_builds wlb ON ((wlb.workspace_id = w.id)))
             JOIN workspace_resources wr ON ((wr.job_id = wlb.job_id)))
             JOIN workspace_agents wa ON ((wa.resource_id = wr.id)))
          WHERE (w.owner_id = 'c42fdf75-3097-471c-8c33-fb52454d81c0'::uuid)
          GROUP BY w.id
        ), current_presets AS (
         SELECT w.id AS prebuild_id,
            wlp.template_version_preset_id
           FROM (workspaces w
             JOIN workspaces_with_latest_presets wlp ON ((wlp.workspace_id = w.id)))
          WHERE (w.owner_id = 'c42fdf75-3097-471c-8c33-fb52454d81c0'::uuid)
        )
 SELECT p.id,
    p.name,
    p.template_id,
    p.created_at,
    COALESCE(a.ready, false) AS ready,
    cp.template_version_preset_id AS current_preset_id
   FROM ((all_prebuilds p
     LEFT JOIN workspaces_with_agents_status a ON ((a.workspace_id = p.id)))
     JOIN current_presets cp ON ((cp.prebuild_id = p.id)));

;

-- ===== coderd/database/migrations/000324_resource_replacements_notification.up.sql
INSERT INTO notification_templates
	(id, name, title_template, body_template, "group", actions)
VALUES ('89d9745a-816e-4695-a17f-3d0a229e2b8d',
		'Prebuilt Workspace Resource Replaced',
		E'There might be a problem with a recently claimed prebuilt workspace',
		$$
Workspace **{{.Labels.workspace}}** was claimed from a prebuilt workspace by **{{.Labels.claimant}}**.

During the claim, Terraform destroyed and recreated the following resources
because one or more immutable attributes changed:

{{range $resource, $paths := .Data.replacements -}}
- _{{ $resource }}_  was replaced due to changes to _{{ $paths }}_
{{end}}

When Terraform must change an immutable attribute, it replaces the entire resource.
If you’re using prebuilds to speed up provisioning, unexpected replacements will slow down
workspace startup—even when claiming a prebuilt environment.

For tips on preventing replacements and improving claim performance, see [this guide](https://coder.com/docs/admin/templates/extending-templates/prebuilt-workspaces#preventing-resource-replacement).

NOTE: this prebuilt workspace used the **{{.Labels.preset}}** preset.
$$,
		'Template Events',
		'[
		{
			"label": "View workspace build",
			"url": "{{base_url}}/@{{.Labels.claimant}}/{{.Labels.workspace}}/builds/{{.Labels.workspace_build_num}}"
		},
		{
			"label": "View template version",
			"url": "{{base_url}}/templates/{{.Labels.org}}/{{.Labels.template}}/versions/{{.Labels.template_version}}"
		}
	]'::jsonb);

;

-- ===== coderd/database/migrations/000325_dynamic_parameters_metadata.up.sql
ALTER TABLE template_version_terraform_values ADD COLUMN IF NOT EXISTS provisionerd_version TEXT NOT NULL DEFAULT '';

COMMENT ON COLUMN template_version_terraform_values.provisionerd_version IS
	'What version of the provisioning engine was used to generate the cached plan and module files.';

;

-- ===== coderd/database/migrations/000326_add_api_key_scope_to_workspace_agents.up.sql
-- Create the enum type for API key scope
CREATE TYPE agent_key_scope_enum AS ENUM ('all', 'no_user_data');

-- Add the api_key_scope column to the workspace_agents table
-- It defaults to 'all' to maintain existing behavior for current agents.
ALTER TABLE workspace_agents
ADD COLUMN api_key_scope agent_key_scope_enum NOT NULL DEFAULT 'all';

-- Add a comment explaining the purpose of the column
COMMENT ON COLUMN workspace_agents.api_key_scope IS 'Defines the scope of the API key associated with the agent. ''all'' allows access to everything, ''no_user_data'' restricts it to exclude user data.';

;

-- ===== coderd/database/migrations/000327_version_dynamic_parameter_flow.up.sql
-- Default to `false`. Users will have to manually opt back into the classic parameter flow.
-- We want the new experience to be tried first.
ALTER TABLE templates ADD COLUMN use_classic_parameter_flow BOOL NOT NULL DEFAULT false;

COMMENT ON COLUMN templates.use_classic_parameter_flow IS
	'Determines whether to default to the dynamic parameter creation flow for this template '
	'or continue using the legacy classic parameter creation flow.'
	'This is a template wide setting, the template admin can revert to the classic flow if there are any issues. '
	'An escape hatch is required, as workspace creation is a core workflow and cannot break. '
	'This column will be removed when the dynamic parameter creation flow is stable.';


-- Update the template_with_names view by recreating it.
DROP VIEW template_with_names;
CREATE VIEW
	template_with_names
AS
SELECT
	templates.*,
	coalesce(visible_users.avatar_url, '') AS created_by_avatar_url,
	coalesce(visible_users.username, '') AS created_by_username,
	coalesce(organizations.name, '') AS organization_name,
	coalesce(organizations.display_name, '') AS organization_display_name,
	coalesce(organizations.icon, '') AS organization_icon
FROM
	templates
		LEFT JOIN
	visible_users
	ON
		templates.created_by = visible_users.id
		LEFT JOIN
	organizations
	ON templates.organization_id = organizations.id
;

COMMENT ON VIEW template_with_names IS 'Joins in the display name information such as username, avatar, and organization name.';

;

-- ===== coderd/database/migrations/000328_prebuild_failure_limit_notification.up.sql
INSERT INTO notification_templates
(id, name, title_template, body_template, "group", actions)
VALUES ('414d9331-c1fc-4761-b40c-d1f4702279eb',
		'Prebuild Failure Limit Reached',
		E'There is a problem creating prebuilt workspaces',
		$$
The number of failed prebuild attempts has reached the hard limit for template **{{ .Labels.template }}** and preset **{{ .Labels.preset }}**.

To resume prebuilds, fix the underlying issue and upload a new template version.

Refer to the documentation for more details:
- [Troubleshooting templates](https://coder.com/docs/admin/templates/troubleshooting)
- [Troubleshooting of prebuilt workspaces](https://coder.com/docs/admin/templates/extending-templates/prebuilt-workspaces#administration-and-troubleshooting)
$$,
		'Template Events',
		'[
		{
			"label": "View failed prebuilt workspaces",
			"url": "{{base_url}}/workspaces?filter=owner:prebuilds+status:failed+template:{{.Labels.template}}"
		},
		{
			"label": "View template version",
			"url": "{{base_url}}/templates/{{.Labels.org}}/{{.Labels.template}}/versions/{{.Labels.template_version}}"
		}
	]'::jsonb);

;

-- ===== coderd/database/migrations/000329_add_status_to_template_presets.up.sql
CREATE TYPE prebuild_status AS ENUM (
  'healthy',          -- Prebuilds are working as expected; this is the default, healthy state.
  'hard_limited',     -- Prebuilds have failed repeatedly and hit the configured hard failure limit; won't be retried anymore.
  'validation_failed' -- Prebuilds failed due to a non-retryable validation error (e.g. template misconfiguration); won't be retried.
);

ALTER TABLE template_version_presets ADD COLUMN prebuild_status prebuild_status NOT NULL DEFAULT 'healthy'::prebuild_status;

;

-- ===== coderd/database/migrations/000330_workspace_with_correct_owner_names.up.sql
DROP VIEW template_version_with_user;

DROP VIEW workspace_build_with_user;

DROP VIEW template_with_names;

DROP VIEW workspaces_expanded;

DROP VIEW visible_users;

-- Adds users.name
CREATE VIEW visible_users AS
SELECT users.id, users.username, users.name, users.avatar_url
FROM users;

COMMENT ON VIEW visible_users IS 'Visible fields of users are allowed to be joined with other tables for including context of other resources.';

-- Recreate `workspace_build_with_user` as described in dump.sql
CREATE VIEW workspace_build_with_user AS
SELECT
    workspace_builds.id,
    workspace_builds.created_at,
    workspace_builds.updated_at,
    workspace_builds.workspace_id,
    workspace_builds.template_version_id,
    workspace_builds.build_number,
    workspace_builds.transition,
    workspace_builds.initiator_id,
    workspace_builds.provisioner_state,
    workspace_builds.job_id,
    workspace_builds.deadline,
    workspace_builds.reason,
    workspace_builds.daily_cost,
    workspace_builds.max_deadline,
    workspace_builds.template_version_preset_id,
    COALESCE(
        visible_users.avatar_url,
        ''::text
    ) AS initiator_by_avatar_url,
    COALESCE(
        visible_users.username,
        ''::text
    ) AS initiator_by_username,
    COALESCE(visible_users.name, ''::text) AS initiator_by_name
FROM (
        workspace_builds
        LEFT JOIN visible_users ON (
            (
                workspace_builds.initiator_id = visible_users.id
            )
        )
    );

COMMENT ON VIEW workspace_build_with_user IS 'Joins in the username + avatar url of the initiated by user.';

-- Recreate `template_with_names` as described in dump.sql
CREATE VIEW template_with_names AS
SELECT
    templates.id,
    templates.created_at,
    templates.updated_at,
    templates.organization_id,
    templates.deleted,
    templates.name,
    templates.provisioner,
    templates.active_version_id,
    templates.description,
    templates.default_ttl,
    templates.created_by,
    templates.icon,
    templates.user_acl,
    templates.group_acl,
    templates.display_name,
    templates.allow_user_cancel_workspace_jobs,
    templates.allow_user_autostart,
    templates.allow_user_autostop,
    templates.failure_ttl,
    templates.time_til_dormant,
    templates.time_til_dormant_autodelete,
    templates.autostop_requirement_days_of_week,
    templates.autostop_requirement_weeks,
    templates.autostart_block_days_of_week,
    templates.require_active_version,
    templates.deprecated,
    templates.activity_bump,
    templates.max_port_sharing_level,
    templates.use_classic_parameter_flow,
    COALESCE(
        visible_users.avatar_url,
        ''::text
    ) AS created_by_avatar_url,
    COALESCE(
        visible_users.username,
        ''::text
    ) AS created_by_username,
    COALESCE(visible_users.name, ''::text) AS created_by_name,
    COALESCE(organizations.name, ''::text) AS organization_name,
    COALESCE(
        organizations.display_name,
        ''::text
    ) AS organization_display_name,
    COALESCE(organizations.icon, ''::text) AS organization_icon
FROM (
        (
            templates
            LEFT JOIN visible_users ON (
                (
                    templates.created_by = visible_users.id
                )
            )
        )
        LEFT JOIN organizations ON (
            (
                templates.organization_id = organizations.id
            )
        )
    );

COMMENT ON VIEW template_with_names IS 'Joins in the display name information such as username, avatar, and organization name.';

-- Recreate `template_version_with_user` as described in dump.sql
CREATE VIEW template_version_with_user AS
SELECT
    template_versions.id,
    template_versions.template_id,
    template_versions.organization_id,
    template_versions.created_at,
    template_versions.updated_at,
    template_versions.name,
    template_versions.readme,
    template_versions.job_id,
    template_versions.created_by,
    template_versions.external_auth_providers,
    template_versions.message,
    template_versions.archived,
    template_versions.source_example_id,
    COALESCE(
        visible_users.avatar_url,
        ''::text
    ) AS created_by_avatar_url,
    COALESCE(
        visible_users.username,
        ''::text
    ) AS created_by_username,
    COALESCE(visible_users.name, ''::text) AS created_by_name
FROM (
        template_versions
        LEFT JOIN visible_users ON (
            template_versions.created_by = visible_users.id
        )
    );

COMMENT ON VIEW template_version_with_user IS 'Joins in the username + avatar url of the created by user.';

-- Recreate `workspaces_expanded` as described in dump.sql

CREATE VIEW workspaces_expanded AS
SELECT
    workspaces.id,
    workspaces.created_at,
    workspaces.updated_at,
    workspaces.owner_id,
    workspaces.organization_id,
    workspaces.template_id,
    workspaces.deleted,
    workspaces.name,
    workspaces.autostart_schedule,
    workspaces.ttl,
    workspaces.last_used_at,
    workspaces.dormant_at,
    workspaces.deleting_at,
    workspaces.automatic_updates,
    workspaces.favorite,
    workspaces.next_start_at,
    visible_users.avatar_url AS owner_avatar_url,
    visible_users.username AS owner_username,
    visible_users.name AS owner_name,
    organizations.name AS organization_name,
    organizations.display_name AS organization_display_name,
    organizations.icon AS organization_icon,
    organizations.description AS organization_description,
    templates.name AS template_name,
    templates.display_name AS template_display_name,
    templates.icon AS template_icon,
    templates.description AS template_description
FROM (
        (
            (
                workspaces
                JOIN visible_users ON (
                    (
                        workspaces.owner_id = visible_users.id
                    )
                )
            )
            JOIN organizations ON (
                (
                    workspaces.organization_id = organizations.id
                )
            )
        )
        JOIN templates ON (
            (
                workspaces.template_id = templates.id
            )
        )
    );

COMMENT ON VIEW workspaces_expanded IS 'Joins in the display name information such as username, avatar, and organization name.';

;

-- ===== coderd/database/migrations/000331_app_group.up.sql
alter table workspace_apps add column display_group text;

;

-- ===== coderd/database/migrations/000332_workspace_agent_name_unique_trigger.up.sql
CREATE OR REPLACE FUNCTION check_workspace_agent_name_unique()
RETURNS TRIGGER AS $$
DECLARE
	workspace_build_id uuid;
	agents_with_name int;
BEGIN
	-- Find the workspace build the workspace agent is being inserted into.
	SELECT workspace_builds.id INTO workspace_build_id
	FROM workspace_resources
	JOIN workspace_builds ON workspace_builds.job_id = workspace_resources.job_id
	WHERE workspace_resources.id = NEW.resource_id;

	-- If the agent doesn't have a workspace build, we'll allow the insert.
	IF workspace_build_id IS NULL THEN
		RETURN NEW;
	END IF;

	-- Count how many agents in this workspace build already have the given agent name.
	SELECT COUNT(*) INTO agents_with_name
	FROM workspace_agents
	JOIN workspace_resources ON workspace_resources.id = workspace_agents.resource_id
	JOIN workspace_builds ON workspace_builds.job_id = workspace_resources.job_id
	WHERE workspace_builds.id = workspace_build_id
		AND workspace_agents.name = NEW.name
		AND workspace_agents.id != NEW.id;

	-- If there's already an agent with this name, raise an error
	IF agents_with_name > 0 THEN
		RAISE EXCEPTION 'workspace agent name "%" already exists in this workspace build', NEW.name
			USING ERRCODE = 'unique_violation';
	END IF;

	RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER workspace_agent_name_unique_trigger
	BEFORE INSERT OR UPDATE OF name, resource_id ON workspace_agents
	FOR EACH ROW
	EXECUTE FUNCTION check_workspace_agent_name_unique();

COMMENT ON TRIGGER workspace_agent_name_unique_trigger ON workspace_agents IS
'Use a trigger instead of a unique constraint because existing data may violate
the uniqueness requirement. A trigger allows us to enforce uniqueness going
forward without requiring a migration to clean up historical data.';

;

-- ===== coderd/database/migrations/000333_parameter_form_type.up.sql
CREATE TYPE parameter_form_type AS ENUM ('', 'error', 'radio', 'dropdown', 'input', 'textarea', 'slider', 'checkbox', 'switch', 'tag-select', 'multi-select');
COMMENT ON TYPE parameter_form_type
	IS 'Enum set should match the terraform provider set. This is defined as future form_types are not supported, and should be rejected. '
	'Always include the empty string for using the default form type.';

-- Intentionally leaving the default blank. The provisioner will not re-run any
-- imports to backfill these values. Missing values just have to be handled.
ALTER TABLE template_version_parameters ADD COLUMN form_type parameter_form_type NOT NULL DEFAULT '';

COMMENT ON COLUMN template_version_parameters.form_type
	IS 'Specify what form_type should be used to render the parameter in the UI. Unsupported values are rejected.';

;

-- ===== coderd/database/migrations/000334_dynamic_parameters_opt_out.up.sql
-- All templates should opt out of dynamic parameters by default.
ALTER TABLE templates ALTER COLUMN use_classic_parameter_flow SET DEFAULT true;

UPDATE templates SET use_classic_parameter_flow = true

;

-- ===== coderd/database/migrations/000335_ai_tasks.up.sql
-- Determines if a coder_ai_task resource was included in a
-- workspace build.
ALTER TABLE
    workspace_builds
ADD
    COLUMN has_ai_task BOOLEAN NOT NULL DEFAULT FALSE;

-- The app that is displayed in the ai tasks sidebar.
ALTER TABLE
    workspace_builds
ADD
    COLUMN ai_tasks_sidebar_app_id UUID DEFAULT NULL;

ALTER TABLE
    workspace_builds
ADD
    CONSTRAINT workspace_builds_ai_tasks_sidebar_app_id_fkey FOREIGN KEY (ai_tasks_sidebar_app_id) REFERENCES workspace_apps(id);

-- Determines if a coder_ai_task resource is defined in a template version.
ALTER TABLE
    template_versions
ADD
    COLUMN has_ai_task BOOLEAN NOT NULL DEFAULT FALSE;

-- The Tasks tab will be rendered in the UI only if there's at least one template version with has_ai_task set to true.
-- The query to determine this will be run on every UI render, and this index speeds it up.
-- SELECT EXISTS (SELECT 1 FROM template_versions WHERE has_ai_task = TRUE);
CREATE INDEX idx_template_versions_has_ai_task ON template_versions USING btree (has_ai_task);

DROP VIEW workspace_build_with_user;

-- We're adding the has_ai_task and ai_tasks_sidebar_app_id columns.
CREATE VIEW workspace_build_with_user AS
SELECT
    workspace_builds.id,
    workspace_builds.created_at,
    workspace_builds.updated_at,
    workspace_builds.workspace_id,
    workspace_builds.template_version_id,
    workspace_builds.build_number,
    workspace_builds.transition,
    workspace_builds.initiator_id,
    workspace_builds.provisioner_state,
    workspace_builds.job_id,
    workspace_builds.deadline,
    workspace_builds.reason,
    workspace_builds.daily_cost,
    workspace_builds.max_deadline,
    workspace_builds.template_version_preset_id,
    workspace_builds.has_ai_task,
    workspace_builds.ai_tasks_sidebar_app_id,
    COALESCE(
        visible_users.avatar_url,
        '' :: text
    ) AS initiator_by_avatar_url,
    COALESCE(
        visible_users.username,
        '' :: text
    ) AS initiator_by_username,
    COALESCE(visible_users.name, '' :: text) AS initiator_by_name
FROM
    (
        workspace_builds
        LEFT JOIN visible_users ON (
            (
                workspace_builds.initiator_id = visible_users.id
            )
        )
    );

COMMENT ON VIEW workspace_build_with_user IS 'Joins in the username + avatar url of the initiated by user.';

DROP VIEW template_version_with_user;

-- We're adding the has_ai_task column.
CREATE VIEW template_version_with_user AS
SELECT
    template_versions.id,
    template_versions.template_id,
    template_versions.organization_id,
    template_versions.created_at,
    template_versions.updated_at,
    template_versions.name,
    template_versions.readme,
    template_versions.job_id,
    template_versions.created_by,
    template_versions.external_auth_providers,
    template_versions.message,
    template_versions.archived,
    template_versions.source_example_id,
    template_versions.has_ai_task,
    COALESCE(visible_users.avatar_url, '' :: text) AS created_by_avatar_url,
    COALESCE(visible_users.username, '' :: text) AS created_by_username,
    COALESCE(visible_users.name, '' :: text) AS created_by_name
FROM
    (
        template_versions
        LEFT JOIN visible_users ON (
            (template_versions.created_by = visible_users.id)
        )
    );

COMMENT ON VIEW template_version_with_user IS 'Joins in the username + avatar url of the created by user.';

;

-- ===== coderd/database/migrations/000336_add_organization_port_sharing_level.up.sql
-- Drop the view that depends on the templates table
DROP VIEW template_with_names;

-- Add 'organization' to the app_sharing_level enum
CREATE TYPE new_app_sharing_level AS ENUM (
	'owner',
	'authenticated',
	'organization',
	'public'
);

-- Update workspace_agent_port_share table to use new enum
ALTER TABLE workspace_agent_port_share
	ALTER COLUMN share_level TYPE new_app_sharing_level USING (share_level::text::new_app_sharing_level);

-- Update workspace_apps table to use new enum
ALTER TABLE workspace_apps
	ALTER COLUMN sharing_level DROP DEFAULT,
	ALTER COLUMN sharing_level TYPE new_app_sharing_level USING (sharing_level::text::new_app_sharing_level),
	ALTER COLUMN sharing_level SET DEFAULT 'owner'::new_app_sharing_level;

-- Update templates table to use new enum
ALTER TABLE templates
	ALTER COLUMN max_port_sharing_level DROP DEFAULT,
	ALTER COLUMN max_port_sharing_level TYPE new_app_sharing_level USING (max_port_sharing_level::text::new_app_sharing_level),
	ALTER COLUMN max_port_sharing_level SET DEFAULT 'owner'::new_app_sharing_level;

-- Drop old enum and rename new one
DROP TYPE app_sharing_level;
ALTER TYPE new_app_sharing_level RENAME TO app_sharing_level;

-- Recreate the template_with_names view
CREATE VIEW template_with_names AS
	SELECT templates.id,
		templates.created_at,
		templates.updated_at,
		templates.organization_id,
		templates.deleted,
		templates.name,
		templates.provisioner,
		templates.active_version_id,
		templates.description,
		templates.default_ttl,
		templates.created_by,
		templates.icon,
		templates.user_acl,
		templates.group_acl,
		templates.display_name,
		templates.allow_user_cancel_workspace_jobs,
		templates.allow_user_autostart,
		templates.allow_user_autostop,
		templates.failure_ttl,
		templates.time_til_dormant,
		templates.time_til_dormant_autodelete,
		templates.autostop_requirement_days_of_week,
		templates.autostop_requirement_weeks,
		templates.autostart_block_days_of_week,
		templates.require_active_version,
		templates.deprecated,
		templates.activity_bump,
		templates.max_port_sharing_level,
		templates.use_classic_parameter_flow,
		COALESCE(visible_users.avatar_url, ''::text) AS created_by_avatar_url,
		COALESCE(visible_users.username, ''::text) AS created_by_username,
		COALESCE(visible_users.name, ''::text) AS created_by_name,
		COALESCE(organizations.name, ''::text) AS organization_name,
		COALESCE(organizations.display_name, ''::text) AS organization_display_name,
		COALESCE(organizations.icon, ''::text) AS organization_icon
	FROM ((templates
	  LEFT JOIN visible_users ON ((templates.created_by = visible_users.id)))
	  LEFT JOIN organizations ON ((templates.organization_id = organizations.id)));

COMMENT ON VIEW template_with_names IS 'Joins in the display name information such as username, avatar, and organization name.';

;

-- ===== coderd/database/migrations/000337_nullable_has_ai_task.up.sql
-- The fields must be nullable because there's a period of time between
-- inserting a row into the database and finishing the "plan" provisioner job
-- when the final value of the field is unknown.
ALTER TABLE template_versions ALTER COLUMN has_ai_task DROP DEFAULT;
ALTER TABLE template_versions ALTER COLUMN has_ai_task DROP NOT NULL;
ALTER TABLE workspace_builds ALTER COLUMN has_ai_task DROP DEFAULT;
ALTER TABLE workspace_builds ALTER COLUMN has_ai_task DROP NOT NULL;

;

-- ===== coderd/database/migrations/000338_use_deleted_boolean_for_subagents.up.sql
ALTER TABLE workspace_agents
  ADD COLUMN deleted BOOLEAN NOT NULL DEFAULT FALSE;

COMMENT ON COLUMN workspace_agents.deleted IS 'Indicates whether or not the agent has been deleted. This is currently only applicable to sub agents.';

-- Recreate the trigger with deleted check.
DROP TRIGGER IF EXISTS workspace_agent_name_unique_trigger ON workspace_agents;
DROP FUNCTION IF EXISTS check_workspace_agent_name_unique();

CREATE OR REPLACE FUNCTION check_workspace_agent_name_unique()
RETURNS TRIGGER AS $$
DECLARE
	workspace_build_id uuid;
	agents_with_name int;
BEGIN
	-- Find the workspace build the workspace agent is being inserted into.
	SELECT workspace_builds.id INTO workspace_build_id
	FROM workspace_resources
	JOIN workspace_builds ON workspace_builds.job_id = workspace_resources.job_id
	WHERE workspace_resources.id = NEW.resource_id;

	-- If the agent doesn't have a workspace build, we'll allow the insert.
	IF workspace_build_id IS NULL THEN
		RETURN NEW;
	END IF;

	-- Count how many agents in this workspace build already have the given agent name.
	SELECT COUNT(*) INTO agents_with_name
	FROM workspace_agents
	JOIN workspace_resources ON workspace_resources.id = workspace_agents.resource_id
	JOIN workspace_builds ON workspace_builds.job_id = workspace_resources.job_id
	WHERE workspace_builds.id = workspace_build_id
		AND workspace_agents.name = NEW.name
		AND workspace_agents.id != NEW.id
		AND workspace_agents.deleted = FALSE;  -- Ensure we only count non-deleted agents.

	-- If there's already an agent with this name, raise an error
	IF agents_with_name > 0 THEN
		RAISE EXCEPTION 'workspace agent name "%" already exists in this workspace build', NEW.name
			USING ERRCODE = 'unique_violation';
	END IF;

	RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER workspace_agent_name_unique_trigger
	BEFORE INSERT OR UPDATE OF name, resource_id ON workspace_agents
	FOR EACH ROW
	EXECUTE FUNCTION check_workspace_agent_name_unique();

COMMENT ON TRIGGER workspace_agent_name_unique_trigger ON workspace_agents IS
'Use a trigger instead of a unique constraint because existing data may violate
the uniqueness requirement. A trigger allows us to enforce uniqueness going
forward without requiring a migration to clean up historical data.';

-- Handle agent deletion in prebuilds, previously modified in 000323_workspace_latest_builds_optimization.up.sql.
DROP VIEW workspace_prebuilds;

CREATE VIEW workspace_prebuilds AS
 WITH all_prebuilds AS (
         SELECT w.id,
            w.name,
            w.template_id,
            w.created_at
           FROM workspaces w
          WHERE (w.owner_id = 'c42fdf75-3097-471c-8c33-fb52454d81c0'::uuid)
        ), workspaces_with_latest_presets AS (
         SELECT DISTINCT ON (workspace_builds.workspace_id) workspace_builds.workspace_id,
            workspace_builds.template_version_preset_id
           FROM workspace_builds
          WHERE (workspace_builds.template_version_preset_id IS NOT NULL)
          ORDER BY workspace_builds.workspace_id, workspace_builds.build_number DESC
        ), workspaces_with_agents_status AS (
         SELECT w.id AS workspace_id,
            bool_and((wa.lifecycle_state = 'ready'::workspace_agent_lifecycle_state)) AS ready
           FROM (((workspaces w
             JOIN workspace_latest_builds wlb ON ((wlb.workspace_id = w.id)))
             JOIN workspace_resources wr ON ((wr.job_id = wlb.job_id)))
			 -- ADD: deleted check for sub agents.
             JOIN workspace_agents wa ON ((wa.resource_id = wr.id AND wa.deleted = FALSE)))
          WHERE (w.owner_id = 'c42fdf75-3097-471c-8c33-fb52454d81c0'::uuid)
          GROUP BY w.id
        ), current_presets AS (
         SELECT w.id AS prebuild_id,
            wlp.template_version_preset_id
           FROM (workspaces w
             JOIN workspaces_with_latest_presets wlp ON ((wlp.workspace_id = w.id)))
          WHERE (w.owner_id = 'c42fdf75-3097-471c-8c33-fb52454d81c0'::uuid)
        )
 SELECT p.id,
    p.name,
    p.template_id,
    p.created_at,
    COALESCE(a.ready, false) AS ready,
    cp.template_version_preset_id AS current_preset_id
   FROM ((all_prebuilds p
     LEFT JOIN workspaces_with_agents_status a ON ((a.workspace_id = p.id)))
     JOIN current_presets cp ON ((cp.prebuild_id = p.id)));

;

-- ===== coderd/database/migrations/000339_add_scheduling_to_presets.up.sql
-- Add scheduling_timezone column to template_version_presets table
ALTER TABLE template_version_presets
ADD COLUMN scheduling_timezone TEXT DEFAULT '' NOT NULL;

-- Add table for prebuild schedules
CREATE TABLE template_version_preset_prebuild_schedules (
    id UUID PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
    preset_id UUID NOT NULL,
    cron_expression TEXT NOT NULL,
    desired_instances INTEGER NOT NULL,
    FOREIGN KEY (preset_id) REFERENCES template_version_presets (id) ON DELETE CASCADE
);

;

-- ===== coderd/database/migrations/000340_workspace_app_status_idle.up.sql
ALTER TYPE workspace_app_status_state ADD VALUE IF NOT EXISTS 'idle';

;

-- ===== coderd/database/migrations/000341_template_version_preset_default.up.sql
ALTER TABLE template_version_presets ADD COLUMN is_default BOOLEAN NOT NULL DEFAULT FALSE;

-- Add a unique constraint to ensure only one default preset per template version
CREATE UNIQUE INDEX idx_template_version_presets_default 
ON template_version_presets (template_version_id) 
WHERE is_default = TRUE;
;

-- ===== coderd/database/migrations/000342_ai_task_sidebar_app_id_column_and_constraint.up.sql
-- Rename ai_tasks_sidebar_app_id to ai_task_sidebar_app_id in workspace_builds table
ALTER TABLE workspace_builds DROP CONSTRAINT workspace_builds_ai_tasks_sidebar_app_id_fkey;

ALTER TABLE workspace_builds RENAME COLUMN ai_tasks_sidebar_app_id TO ai_task_sidebar_app_id;

ALTER TABLE workspace_builds ADD CONSTRAINT workspace_builds_ai_task_sidebar_app_id_fkey FOREIGN KEY (ai_task_sidebar_app_id) REFERENCES workspace_apps(id);

-- if has_ai_task is true, ai_task_sidebar_app_id MUST be set
-- ai_task_sidebar_app_id can ONLY be set if has_ai_task is true
--
--   has_ai_task | ai_task_sidebar_app_id | Result
--   ------------|------------------------|---------------
--   NULL        | NULL                   | TRUE (passes)
--   NULL        | NOT NULL               | FALSE (fails)
--   FALSE       | NULL                   | TRUE (passes)
--   FALSE       | NOT NULL               | FALSE (fails)
--   TRUE        | NULL                   | FALSE (fails)
--   TRUE        | NOT NULL               | TRUE (passes)
ALTER TABLE workspace_builds
	ADD CONSTRAINT workspace_builds_ai_task_sidebar_app_id_required CHECK (
		((has_ai_task IS NULL OR has_ai_task = false) AND ai_task_sidebar_app_id IS NULL)
			OR (has_ai_task = true AND ai_task_sidebar_app_id IS NOT NULL)
		);

-- Update the workspace_build_with_user view to use the new column name
DROP VIEW workspace_build_with_user;

CREATE VIEW workspace_build_with_user AS
SELECT
    workspace_builds.id,
    workspace_builds.created_at,
    workspace_builds.updated_at,
    workspace_builds.workspace_id,
    workspace_builds.template_version_id,
    workspace_builds.build_number,
    workspace_builds.transition,
    workspace_builds.initiator_id,
    workspace_builds.provisioner_state,
    workspace_builds.job_id,
    workspace_builds.deadline,
    workspace_builds.reason,
    workspace_builds.daily_cost,
    workspace_builds.max_deadline,
    workspace_builds.template_version_preset_id,
    workspace_builds.has_ai_task,
    workspace_builds.ai_task_sidebar_app_id,
    COALESCE(
        visible_users.avatar_url,
        '' :: text
    ) AS initiator_by_avatar_url,
    COALESCE(
        visible_users.username,
        '' :: text
    ) AS initiator_by_username,
    COALESCE(visible_users.name, '' :: text) AS initiator_by_name
FROM
    (
        workspace_builds
        LEFT JOIN visible_users ON (
            (
                workspace_builds.initiator_id = visible_users.id
            )
        )
    );

COMMENT ON VIEW workspace_build_with_user IS 'Joins in the username + avatar url of the initiated by user.';

;

-- ===== coderd/database/migrations/000343_delete_chats.up.sql
DROP TABLE IF EXISTS chat_messages;
DROP TABLE IF EXISTS chats;

;

-- ===== coderd/database/migrations/000344_oauth2_extensions.up.sql
-- Add OAuth2 extension fields for RFC 8707 resource indicators, PKCE, and dynamic client registration

-- Add resource_uri field to oauth2_provider_app_codes for RFC 8707 resource parameter
ALTER TABLE oauth2_provider_app_codes
    ADD COLUMN resource_uri text;

COMMENT ON COLUMN oauth2_provider_app_codes.resource_uri IS 'RFC 8707 resource parameter for audience restriction';

-- Add PKCE fields to oauth2_provider_app_codes
ALTER TABLE oauth2_provider_app_codes
    ADD COLUMN code_challenge text,
    ADD COLUMN code_challenge_method text;

COMMENT ON COLUMN oauth2_provider_app_codes.code_challenge IS 'PKCE code challenge for public clients';
COMMENT ON COLUMN oauth2_provider_app_codes.code_challenge_method IS 'PKCE challenge method (S256)';

-- Add audience field to oauth2_provider_app_tokens for token binding
ALTER TABLE oauth2_provider_app_tokens
    ADD COLUMN audience text;

COMMENT ON COLUMN oauth2_provider_app_tokens.audience IS 'Token audience binding from resource parameter';

-- Add fields to oauth2_provider_apps for future dynamic registration and redirect URI management
ALTER TABLE oauth2_provider_apps
    ADD COLUMN redirect_uris text[], -- Store multiple URIs for future use
    ADD COLUMN client_type text DEFAULT 'confidential', -- 'confidential' or 'public'
    ADD COLUMN dynamically_registered boolean DEFAULT false;

-- Backfill existing records with default values
UPDATE oauth2_provider_apps SET
    redirect_uris = COALESCE(redirect_uris, '{}'),
    client_type = COALESCE(client_type, 'confidential'),
    dynamically_registered = COALESCE(dynamically_registered, false)
WHERE redirect_uris IS NULL OR client_type IS NULL OR dynamically_registered IS NULL;

COMMENT ON COLUMN oauth2_provider_apps.redirect_uris IS 'List of valid redirect URIs for the application';
COMMENT ON COLUMN oauth2_provider_apps.client_type IS 'OAuth2 client type: confidential or public';
COMMENT ON COLUMN oauth2_provider_apps.dynamically_registered IS 'Whether this app was created via dynamic client registration';

;

-- ===== coderd/database/migrations/000345_audit_prebuilds_settings.up.sql
ALTER TYPE resource_type
	ADD VALUE IF NOT EXISTS 'prebuilds_settings';

;

-- ===== coderd/database/migrations/000346_oauth2_provider_app_tokens_denormalize_user_id.up.sql
-- Add user_id column to oauth2_provider_app_tokens for performance optimization
-- This eliminates the need to join with api_keys table for authorization checks
ALTER TABLE oauth2_provider_app_tokens
    ADD COLUMN user_id uuid;

-- Backfill existing records with user_id from the associated api_key
UPDATE oauth2_provider_app_tokens
SET user_id = api_keys.user_id
FROM api_keys
WHERE oauth2_provider_app_tokens.api_key_id = api_keys.id;

-- Make user_id NOT NULL after backfilling
ALTER TABLE oauth2_provider_app_tokens
    ALTER COLUMN user_id SET NOT NULL;

-- Add foreign key constraint to maintain referential integrity
ALTER TABLE oauth2_provider_app_tokens
    ADD CONSTRAINT fk_oauth2_provider_app_tokens_user_id
    FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE;

COMMENT ON COLUMN oauth2_provider_app_tokens.user_id IS 'Denormalized user ID for performance optimization in authorization checks';
;

-- ===== coderd/database/migrations/000347_oauth2_dynamic_registration.up.sql
-- Add RFC 7591 Dynamic Client Registration fields to oauth2_provider_apps

-- RFC 7591 Core Fields
ALTER TABLE oauth2_provider_apps
    ADD COLUMN client_id_issued_at timestamptz DEFAULT NOW(),
    ADD COLUMN client_secret_expires_at timestamptz,
    ADD COLUMN grant_types text[] DEFAULT '{"authorization_code", "refresh_token"}',
    ADD COLUMN response_types text[] DEFAULT '{"code"}',
    ADD COLUMN token_endpoint_auth_method text DEFAULT 'client_secret_basic',
    ADD COLUMN scope text DEFAULT '',
    ADD COLUMN contacts text[];

-- RFC 7591 Optional Metadata Fields
ALTER TABLE oauth2_provider_apps
    ADD COLUMN client_uri text,
    ADD COLUMN logo_uri text,
    ADD COLUMN tos_uri text,
    ADD COLUMN policy_uri text;

-- RFC 7591 Advanced Fields
ALTER TABLE oauth2_provider_apps
    ADD COLUMN jwks_uri text,
    ADD COLUMN jwks jsonb,
    ADD COLUMN software_id text,
    ADD COLUMN software_version text;

-- RFC 7592 Management Fields
ALTER TABLE oauth2_provider_apps
    ADD COLUMN registration_access_token text,
    ADD COLUMN registration_client_uri text;

-- Backfill existing records with proper defaults
UPDATE oauth2_provider_apps SET
    client_id_issued_at = COALESCE(client_id_issued_at, created_at),
    grant_types = COALESCE(grant_types, '{"authorization_code", "refresh_token"}'),
    response_types = COALESCE(response_types, '{"code"}'),
    token_endpoint_auth_method = COALESCE(token_endpoint_auth_method, 'client_secret_basic'),
    scope = COALESCE(scope, ''),
    contacts = COALESCE(contacts, '{}')
WHERE client_id_issued_at IS NULL
   OR grant_types IS NULL
   OR response_types IS NULL
   OR token_endpoint_auth_method IS NULL
   OR scope IS NULL
   OR contacts IS NULL;

-- Add comments for documentation
COMMENT ON COLUMN oauth2_provider_apps.client_id_issued_at IS 'RFC 7591: Timestamp when client_id was issued';
COMMENT ON COLUMN oauth2_provider_apps.client_secret_expires_at IS 'RFC 7591: Timestamp when client_secret expires (null for non-expiring)';
COMMENT ON COLUMN oauth2_provider_apps.grant_types IS 'RFC 7591: Array of grant types the client is allowed to use';
COMMENT ON COLUMN oauth2_provider_apps.response_types IS 'RFC 7591: Array of response types the client supports';
COMMENT ON COLUMN oauth2_provider_apps.token_endpoint_auth_method IS 'RFC 7591: Authentication method for token endpoint';
COMMENT ON COLUMN oauth2_provider_apps.scope IS 'RFC 7591: Space-delimited scope values the client can request';
COMMENT ON COLUMN oauth2_provider_apps.contacts IS 'RFC 7591: Array of email addresses for responsible parties';
COMMENT ON COLUMN oauth2_provider_apps.client_uri IS 'RFC 7591: URL of the client home page';
COMMENT ON COLUMN oauth2_provider_apps.logo_uri IS 'RFC 7591: URL of the client logo image';
COMMENT ON COLUMN oauth2_provider_apps.tos_uri IS 'RFC 7591: URL of the client terms of service';
COMMENT ON COLUMN oauth2_provider_apps.policy_uri IS 'RFC 7591: URL of the client privacy policy';
COMMENT ON COLUMN oauth2_provider_apps.jwks_uri IS 'RFC 7591: URL of the client JSON Web Key Set';
COMMENT ON COLUMN oauth2_provider_apps.jwks IS 'RFC 7591: JSON Web Key Set document value';
COMMENT ON COLUMN oauth2_provider_apps.software_id IS 'RFC 7591: Identifier for the client software';
COMMENT ON COLUMN oauth2_provider_apps.software_version IS 'RFC 7591: Version of the client software';
COMMENT ON COLUMN oauth2_provider_apps.registration_access_token IS 'RFC 7592: Hashed registration access token for client management';
COMMENT ON COLUMN oauth2_provider_apps.registration_client_uri IS 'RFC 7592: URI for client configuration endpoint';

;

-- ===== coderd/database/migrations/000348_remove_oauth2_app_name_unique_constraint.up.sql
-- Remove unique constraint on oauth2_provider_apps.name to comply with RFC 7591
-- RFC 7591 does not require unique client names, only unique client IDs
ALTER TABLE oauth2_provider_apps DROP CONSTRAINT oauth2_provider_apps_name_key;
;

-- ===== coderd/database/migrations/000349_connection_logs.up.sql
CREATE TYPE connection_status AS ENUM (
	'connected',
	'disconnected'
);

CREATE TYPE connection_type AS ENUM (
	-- SSH events
	'ssh',
	'vscode',
	'jetbrains',
	'reconnecting_pty',
	-- Web events
	'workspace_app',
	'port_forwarding'
);

CREATE TABLE connection_logs (
	id uuid NOT NULL,
	connect_time timestamp with time zone NOT NULL,
	organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
	workspace_owner_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
	workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
	workspace_name text NOT NULL,
	agent_name text NOT NULL,
	type connection_type NOT NULL,
	ip inet NOT NULL,
	code integer,

	-- Only set for web events
	user_agent text,
	user_id uuid,
	slug_or_port text,

	-- Null for web events
	connection_id uuid,
	disconnect_time timestamp with time zone, -- Null until we upsert a disconnect log for the same connection_id.
	disconnect_reason text,

	PRIMARY KEY (id)
);


COMMENT ON COLUMN connection_logs.code IS 'Either the HTTP status code of the web request, or the exit code of an SSH connection. For non-web connections, this is Null until we receive a disconnect event for the same connection_id.';

COMMENT ON COLUMN connection_logs.user_agent IS 'Null for SSH events. For web connections, this is the User-Agent header from the request.';

COMMENT ON COLUMN connection_logs.user_id IS 'Null for SSH events. For web connections, this is the ID of the user that made the request.';

COMMENT ON COLUMN connection_logs.slug_or_port IS 'Null for SSH events. For web connections, this is the slug of the app or the port number being forwarded.';

COMMENT ON COLUMN connection_logs.connection_id IS 'The SSH connection ID. Used to correlate connections and disconnections. As it originates from the agent, it is not guaranteed to be unique.';

COMMENT ON COLUMN connection_logs.disconnect_time IS 'The time the connection was closed. Null for web connections. For other connections, this is null until we receive a disconnect event for the same connection_id.';

COMMENT ON COLUMN connection_logs.disconnect_reason IS 'The reason the connection was closed. Null for web connections. For other connections, this is null until we receive a disconnect event for the same connection_id.';

COMMENT ON TYPE audit_action IS 'NOTE: `connect`, `disconnect`, `open`, and `close` are deprecated and no longer used - these events are now tracked in the connection_logs table.';

-- To associate connection closure events with the connection start events.
CREATE UNIQUE INDEX idx_connection_logs_connection_id_workspace_id_agent_name
ON connection_logs (connection_id, workspace_id, agent_name);

COMMENT ON INDEX idx_connection_logs_connection_id_workspace_id_agent_name IS 'Connection ID is NULL for web events, but present for SSH events. Therefore, this index allows multiple web events for the same workspace & agent. For SSH events, the upsertion query handles duplicates on this index by upserting the disconnect_time and disconnect_reason for the same connection_id when the connection is closed.';

CREATE INDEX idx_connection_logs_connect_time_desc ON connection_logs USING btree (connect_time DESC);
CREATE INDEX idx_connection_logs_organization_id ON connection_logs USING btree (organization_id);
CREATE INDEX idx_connection_logs_workspace_owner_id ON connection_logs USING btree (workspace_owner_id);
CREATE INDEX idx_connection_logs_workspace_id ON connection_logs USING btree (workspace_id);

;

-- ===== coderd/database/migrations/000350_extend_workspace_build_reason.up.sql
ALTER TYPE build_reason ADD VALUE IF NOT EXISTS 'dashboard';
ALTER TYPE build_reason ADD VALUE IF NOT EXISTS 'cli';
ALTER TYPE build_reason ADD VALUE IF NOT EXISTS 'ssh_connection';
ALTER TYPE build_reason ADD VALUE IF NOT EXISTS 'vscode_connection';
ALTER TYPE build_reason ADD VALUE IF NOT EXISTS 'jetbrains_connection';

;

-- ===== coderd/database/migrations/000351_add_icon_and_description_template_version_presets.up.sql
ALTER TABLE template_version_presets
	ADD COLUMN IF NOT EXISTS description VARCHAR(128) NOT NULL DEFAULT '',
	ADD COLUMN IF NOT EXISTS icon VARCHAR(256) NOT NULL DEFAULT '';

COMMENT ON COLUMN template_version_presets.description IS 'Short text describing the preset (max 128 characters).';
COMMENT ON COLUMN template_version_presets.icon IS 'URL or path to an icon representing the preset (max 256 characters).';

;

-- ===== coderd/database/migrations/000352_default_dynamic_templates.up.sql
ALTER TABLE templates ALTER COLUMN use_classic_parameter_flow SET DEFAULT false;

;

-- ===== coderd/database/migrations/000353_template_level_cors.up.sql
CREATE TYPE cors_behavior AS ENUM (
    'simple',
    'passthru'
);

ALTER TABLE templates
ADD COLUMN cors_behavior cors_behavior NOT NULL DEFAULT 'simple'::cors_behavior;

-- Update the template_with_users view by recreating it.
DROP VIEW IF EXISTS template_with_names;
CREATE VIEW template_with_names AS
 SELECT templates.id,
    templates.created_at,
    templates.updated_at,
    templates.organization_id,
    templates.deleted,
    templates.name,
    templates.provisioner,
    templates.active_version_id,
    templates.description,
    templates.default_ttl,
    templates.created_by,
    templates.icon,
    templates.user_acl,
    templates.group_acl,
    templates.display_name,
    templates.allow_user_cancel_workspace_jobs,
    templates.allow_user_autostart,
    templates.allow_user_autostop,
    templates.failure_ttl,
    templates.time_til_dormant,
    templates.time_til_dormant_autodelete,
    templates.autostop_requirement_days_of_week,
    templates.autostop_requirement_weeks,
    templates.autostart_block_days_of_week,
    templates.require_active_version,
    templates.deprecated,
    templates.activity_bump,
    templates.max_port_sharing_level,
	templates.use_classic_parameter_flow,
    templates.cors_behavior,          -- <--- adding this column
    COALESCE(visible_users.avatar_url, ''::text) AS created_by_avatar_url,
    COALESCE(visible_users.username, ''::text) AS created_by_username,
	COALESCE(visible_users.name, ''::text) AS created_by_name,
    COALESCE(organizations.name, ''::text) AS organization_name,
    COALESCE(organizations.display_name, ''::text) AS organization_display_name,
    COALESCE(organizations.icon, ''::text) AS organization_icon
   FROM ((templates
     LEFT JOIN visible_users ON ((templates.created_by = visible_users.id)))
     LEFT JOIN organizations ON ((templates.organization_id = organizations.id)));

COMMENT ON VIEW template_with_names IS 'Joins in the display name information such as username, avatar, and organization name.';

;

-- ===== coderd/database/migrations/000354_workspace_acl.up.sql
DROP VIEW workspaces_expanded;

ALTER TABLE workspaces
	ADD COLUMN group_acl jsonb not null default '{}'::jsonb,
	ADD COLUMN user_acl  jsonb not null default '{}'::jsonb;

-- Recreate the view, now including the new columns
CREATE VIEW workspaces_expanded AS
	SELECT workspaces.id,
		workspaces.created_at,
		workspaces.updated_at,
		workspaces.owner_id,
		workspaces.organization_id,
		workspaces.template_id,
		workspaces.deleted,
		workspaces.name,
		workspaces.autostart_schedule,
		workspaces.ttl,
		workspaces.last_used_at,
		workspaces.dormant_at,
		workspaces.deleting_at,
		workspaces.automatic_updates,
		workspaces.favorite,
		workspaces.next_start_at,
		workspaces.group_acl,
		workspaces.user_acl,
		visible_users.avatar_url AS owner_avatar_url,
		visible_users.username AS owner_username,
		visible_users.name AS owner_name,
		organizations.name AS organization_name,
		organizations.display_name AS organization_display_name,
		organizations.icon AS organization_icon,
		organizations.description AS organization_description,
		templates.name AS template_name,
		templates.display_name AS template_display_name,
		templates.icon AS template_icon,
		templates.description AS template_description
	FROM (((workspaces
		JOIN visible_users ON ((workspaces.owner_id = visible_users.id)))
		JOIN organizations ON ((workspaces.organization_id = organizations.id)))
		JOIN templates ON ((workspaces.template_id = templates.id)));

COMMENT ON VIEW workspaces_expanded IS 'Joins in the display name information such as username, avatar, and organization name.';

;

-- ===== coderd/database/migrations/000355_add_provisioner_logs_overflowed.up.sql
 -- Add logs length tracking and overflow flag, similar to workspace agents
  ALTER TABLE provisioner_jobs ADD COLUMN logs_length integer NOT NULL DEFAULT 0 CONSTRAINT max_provisioner_logs_length CHECK (logs_length <= 1048576);
  ALTER TABLE provisioner_jobs ADD COLUMN logs_overflowed boolean NOT NULL DEFAULT false;

  COMMENT ON COLUMN provisioner_jobs.logs_length IS 'Total length of provisioner logs';
  COMMENT ON COLUMN provisioner_jobs.logs_overflowed IS 'Whether the provisioner logs overflowed in length';

;

-- ===== coderd/database/migrations/000356_enforce_deadline_below_max_deadline.up.sql
-- New constraint: (deadline IS NOT zero AND deadline <= max_deadline) UNLESS max_deadline is zero.
-- Unfortunately, "zero" here means `time.Time{}`...

-- Update previous builds that would fail this new constraint. This matches the
-- intended behaviour of the autostop algorithm.
UPDATE
    workspace_builds
SET
    deadline = max_deadline
WHERE
    (deadline = '0001-01-01 00:00:00+00'::timestamptz OR deadline > max_deadline)
    AND max_deadline != '0001-01-01 00:00:00+00'::timestamptz;

-- Add the new constraint.
ALTER TABLE workspace_builds
    ADD CONSTRAINT workspace_builds_deadline_below_max_deadline
        CHECK (
            -- (deadline is not zero AND deadline <= max_deadline)...
            (deadline != '0001-01-01 00:00:00+00'::timestamptz AND deadline <= max_deadline)
            -- UNLESS max_deadline is zero.
            OR max_deadline = '0001-01-01 00:00:00+00'::timestamptz
        );

;

-- ===== coderd/database/migrations/000357_add_user_secrets.up.sql
-- Stores encrypted user secrets (global, available across all organizations)
CREATE TABLE user_secrets (
    id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id UUID NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    description TEXT NOT NULL,

    -- The encrypted secret value (base64-encoded encrypted data)
    value TEXT NOT NULL,

    -- Auto-injection settings
    -- Environment variable name (e.g., "DATABASE_PASSWORD", "API_KEY")
    -- Empty string means don't inject as env var
    env_name TEXT NOT NULL DEFAULT '',

    -- File path where secret should be written (e.g., "/home/coder/.ssh/id_rsa")
    -- Empty string means don't inject as file
    file_path TEXT NOT NULL DEFAULT '',

    -- Timestamps
    created_at TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL,
    updated_at TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL
);

-- Unique constraint: user can't have duplicate secret names
CREATE UNIQUE INDEX user_secrets_user_name_idx ON user_secrets(user_id, name);

-- Unique constraint: user can't have duplicate env names
CREATE UNIQUE INDEX user_secrets_user_env_name_idx ON user_secrets(user_id, env_name)
WHERE env_name != '';

-- Unique constraint: user can't have duplicate file paths
CREATE UNIQUE INDEX user_secrets_user_file_path_idx ON user_secrets(user_id, file_path)
WHERE file_path != '';

;

-- ===== coderd/database/migrations/000358_failed_ext_auth_error.up.sql
ALTER TABLE external_auth_links
	ADD COLUMN oauth_refresh_failure_reason TEXT NOT NULL DEFAULT ''
;

COMMENT ON COLUMN external_auth_links.oauth_refresh_failure_reason IS
	'This error means the refresh token is invalid. Cached so we can avoid calling the external provider again for the same error.'
;

;

-- ===== coderd/database/migrations/000359_create_usage_events_table.up.sql
CREATE TABLE usage_events (
  id TEXT PRIMARY KEY,
  -- We use a TEXT column with a CHECK constraint rather than an enum because of
  -- the limitations with adding new values to an enum and using them in the
  -- same transaction.
  event_type TEXT NOT NULL CONSTRAINT usage_event_type_check CHECK (event_type IN ('dc_managed_agents_v1')),
  event_data JSONB NOT NULL,
  created_at TIMESTAMP WITH TIME ZONE NOT NULL,
  publish_started_at TIMESTAMP WITH TIME ZONE DEFAULT NULL,
  published_at TIMESTAMP WITH TIME ZONE DEFAULT NULL,
  failure_message TEXT DEFAULT NULL
);

COMMENT ON TABLE usage_events IS 'usage_events contains usage data that is collected from the product and potentially shipped to the usage collector service.';
COMMENT ON COLUMN usage_events.id IS 'For "discrete" event types, this is a random UUID. For "heartbeat" event types, this is a combination of the event type and a truncated timestamp.';
COMMENT ON COLUMN usage_events.event_type IS 'The usage event type with version. "dc" means "discrete" (e.g. a single event, for counters), "hb" means "heartbeat" (e.g. a recurring event that contains a total count of usage generated from the database, for gauges).';
COMMENT ON COLUMN usage_events.event_data IS 'Event payload. Determined by the matching usage struct for this event type.';
COMMENT ON COLUMN usage_events.publish_started_at IS 'Set to a timestamp while the event is being published by a Coder replica to the usage collector service. Used to avoid duplicate publishes by multiple replicas. Timestamps older than 1 hour are considered expired.';
COMMENT ON COLUMN usage_events.published_at IS 'Set to a timestamp when the event is successfully (or permanently unsuccessfully) published to the usage collector service. If set, the event should never be attempted to be published again.';
COMMENT ON COLUMN usage_events.failure_message IS 'Set to an error message when the event is temporarily or permanently unsuccessfully published to the usage collector service.';

-- Create an index with all three fields used by the
-- SelectUsageEventsForPublishing query.
CREATE INDEX idx_usage_events_select_for_publishing
  ON usage_events (published_at, publish_started_at, created_at);

;

-- ===== coderd/database/migrations/000360_external_agents.up.sql
-- Determines if a coder_external_agent resource is defined in a template version.
ALTER TABLE
    template_versions
ADD
    COLUMN has_external_agent BOOLEAN;

DROP VIEW template_version_with_user;

-- We're adding the external_agents column.
CREATE VIEW template_version_with_user AS
SELECT
    template_versions.id,
    template_versions.template_id,
    template_versions.organization_id,
    template_versions.created_at,
    template_versions.updated_at,
    template_versions.name,
    template_versions.readme,
    template_versions.job_id,
    template_versions.created_by,
    template_versions.external_auth_providers,
    template_versions.message,
    template_versions.archived,
    template_versions.source_example_id,
    template_versions.has_ai_task,
    template_versions.has_external_agent,
    COALESCE(visible_users.avatar_url, '' :: text) AS created_by_avatar_url,
    COALESCE(visible_users.username, '' :: text) AS created_by_username,
    COALESCE(visible_users.name, '' :: text) AS created_by_name
FROM
    (
        template_versions
        LEFT JOIN visible_users ON (
            (template_versions.created_by = visible_users.id)
        )
    );

COMMENT ON VIEW template_version_with_user IS 'Joins in the username + avatar url of the created by user.';

-- Determines if a coder_external_agent resource was included in a
-- workspace build.
ALTER TABLE
    workspace_builds
ADD
    COLUMN has_external_agent BOOLEAN;

DROP VIEW workspace_build_with_user;

-- We're adding the has_external_agent column.
CREATE VIEW workspace_build_with_user AS
SELECT
    workspace_builds.id,
    workspace_builds.created_at,
    workspace_builds.updated_at,
    workspace_builds.workspace_id,
    workspace_builds.template_version_id,
    workspace_builds.build_number,
    workspace_builds.transition,
    workspace_builds.initiator_id,
    workspace_builds.provisioner_state,
    workspace_builds.job_id,
    workspace_builds.deadline,
    workspace_builds.reason,
    workspace_builds.daily_cost,
    workspace_builds.max_deadline,
    workspace_builds.template_version_preset_id,
    workspace_builds.has_ai_task,
    workspace_builds.ai_task_sidebar_app_id,
    workspace_builds.has_external_agent,
    COALESCE(
        visible_users.avatar_url,
        '' :: text
    ) AS initiator_by_avatar_url,
    COALESCE(
        visible_users.username,
        '' :: text
    ) AS initiator_by_username,
    COALESCE(visible_users.name, '' :: text) AS initiator_by_name
FROM
    (
        workspace_builds
        LEFT JOIN visible_users ON (
            (
                workspace_builds.initiator_id = visible_users.id
            )
        )
    );

COMMENT ON VIEW workspace_build_with_user IS 'Joins in the username + avatar url of the initiated by user.';

;

-- ===== coderd/database/migrations/000361_username_length_constraint.up.sql
ALTER TABLE users
ADD CONSTRAINT users_username_min_length
CHECK (length(username) >= 1);

;

-- ===== coderd/database/migrations/000362_aggregate_usage_events.up.sql
CREATE TABLE usage_events_daily (
  day date NOT NULL, -- always grouped by day in UTC
  event_type text NOT NULL,
  usage_data jsonb NOT NULL,
  PRIMARY KEY (day, event_type)
);

COMMENT ON TABLE usage_events_daily IS 'usage_events_daily is a daily rollup of usage events. It stores the total usage for each event type by day.';
COMMENT ON COLUMN usage_events_daily.day IS 'The date of the summed usage events, always in UTC.';

-- Function to handle usage event aggregation
CREATE OR REPLACE FUNCTION aggregate_usage_event()
RETURNS TRIGGER AS $$
BEGIN
    -- Check for supported event types and throw error for unknown types
    IF NEW.event_type NOT IN ('dc_managed_agents_v1') THEN
        RAISE EXCEPTION 'Unhandled usage event type in aggregate_usage_event: %', NEW.event_type;
    END IF;

    INSERT INTO usage_events_daily (day, event_type, usage_data)
    VALUES (
        -- Extract the date from the created_at timestamp, always using UTC for
        -- consistency
        date_trunc('day', NEW.created_at AT TIME ZONE 'UTC')::date,
        NEW.event_type,
        NEW.event_data
    )
    ON CONFLICT (day, event_type) DO UPDATE SET
        usage_data = CASE
            -- Handle simple counter events by summing the count
            WHEN NEW.event_type IN ('dc_managed_agents_v1') THEN
                jsonb_build_object(
                    'count',
                    COALESCE((usage_events_daily.usage_data->>'count')::bigint, 0) +
                    COALESCE((NEW.event_data->>'count')::bigint, 0)
                )
        END;

    RETURN NEW;
END;
$$ LANGUAGE plpgsql;

-- Create trigger to automatically aggregate usage events
CREATE TRIGGER trigger_aggregate_usage_event
    AFTER INSERT ON usage_events
    FOR EACH ROW
    EXECUTE FUNCTION aggregate_usage_event();

-- Populate usage_events_daily with existing data
INSERT INTO
    usage_events_daily (day, event_type, usage_data)
SELECT
    date_trunc('day', created_at AT TIME ZONE 'UTC')::date AS day,
    event_type,
    jsonb_build_object('count', SUM((event_data->>'count')::bigint)) AS usage_data
FROM
    usage_events
WHERE
    -- The only event type we currently support is dc_managed_agents_v1
    event_type = 'dc_managed_agents_v1'
GROUP BY
    date_trunc('day', created_at AT TIME ZONE 'UTC')::date,
    event_type
ON CONFLICT (day, event_type) DO UPDATE SET
    usage_data = EXCLUDED.usage_data;

;
