-- pytest-pggit test data: Flipt's (feature flag server, v1) PostgreSQL migrations, every
-- config/migrations/postgres/*.up.sql in order, as golang-migrate runs them on an empty database
-- (17 migrations: composite keys re-made with a namespace column, foreign keys dropped and added
-- again over them, a column made NOT NULL after a backfill, seed rows inserted)
-- Source: https://github.com/flipt-io/flipt (tag v1.61.1, commit 8a86e9e2a6d06305e8b8865b27781db1f455a522),
--   config/migrations/postgres/*.up.sql (Flipt v2 dropped SQL storage)
-- License:
--   GPL-3.0 (the repository's LICENSE: GNU General Public License, version 3).
-- Changes:
--   * files ordered by their number (the source names them 0_..16_ without padding)
--   * each file starts with a "-- ===== <path>" line and ends with a lone ";"

-- ===== config/migrations/postgres/0_initial.up.sql
CREATE TABLE IF NOT EXISTS flags (
  key VARCHAR(255) PRIMARY KEY UNIQUE NOT NULL,
  name VARCHAR(255) NOT NULL,
  description TEXT NOT NULL,
  enabled BOOLEAN DEFAULT FALSE NOT NULL,
  created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP NOT NULL,
  updated_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP NOT NULL
);

CREATE TABLE IF NOT EXISTS segments (
  key VARCHAR(255) PRIMARY KEY UNIQUE NOT NULL,
  name VARCHAR(255) NOT NULL,
  description TEXT NOT NULL,
  created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP NOT NULL,
  updated_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP NOT NULL
);

CREATE TABLE IF NOT EXISTS variants (
  id VARCHAR(255) PRIMARY KEY UNIQUE NOT NULL,
  flag_key VARCHAR(255) NOT NULL REFERENCES flags ON DELETE CASCADE,
  key VARCHAR(255) UNIQUE NOT NULL,
  name VARCHAR(255) NOT NULL,
  description TEXT NOT NULL,
  created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP NOT NULL,
  updated_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP NOT NULL
);

CREATE TABLE IF NOT EXISTS constraints (
  id VARCHAR(255) PRIMARY KEY UNIQUE NOT NULL,
  segment_key VARCHAR(255) NOT NULL REFERENCES segments ON DELETE CASCADE,
  type INTEGER DEFAULT 0 NOT NULL,
  property VARCHAR(255) NOT NULL,
  operator VARCHAR(255) NOT NULL,
  value TEXT NOT NULL,
  created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP NOT NULL,
  updated_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP NOT NULL
);

CREATE TABLE IF NOT EXISTS rules (
  id VARCHAR(255) PRIMARY KEY UNIQUE NOT NULL,
  flag_key VARCHAR(255) NOT NULL REFERENCES flags ON DELETE CASCADE,
  segment_key VARCHAR(255) NOT NULL REFERENCES segments ON DELETE CASCADE,
  rank INTEGER DEFAULT 1 NOT NULL,
  created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP NOT NULL,
  updated_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP NOT NULL
);

CREATE TABLE IF NOT EXISTS distributions (
  id VARCHAR(255) PRIMARY KEY UNIQUE NOT NULL,
  rule_id VARCHAR(255) NOT NULL REFERENCES rules ON DELETE CASCADE,
  variant_id VARCHAR(255) NOT NULL REFERENCES variants ON DELETE CASCADE,
  rollout float DEFAULT 0 NOT NULL,
  created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP NOT NULL,
  updated_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP NOT NULL
);

;

-- ===== config/migrations/postgres/1_variants_unique_per_flag.up.sql
ALTER TABLE variants DROP CONSTRAINT IF EXISTS variants_key_key;
ALTER TABLE variants ADD UNIQUE(flag_key, key);

;

-- ===== config/migrations/postgres/2_segments_match_type.up.sql
ALTER TABLE segments ADD COLUMN match_type INTEGER DEFAULT 0 NOT NULL;

;

-- ===== config/migrations/postgres/3_variants_attachment.up.sql
ALTER TABLE variants ADD attachment JSONB;

;

-- ===== config/migrations/postgres/4_create_table_authentications.up.sql
CREATE TABLE IF NOT EXISTS authentications (
  id VARCHAR(255) PRIMARY KEY UNIQUE NOT NULL,
  hashed_client_token VARCHAR(255) UNIQUE NOT NULL,
  method INTEGER DEFAULT 0 NOT NULL,
  metadata TEXT,
  expires_at TIMESTAMP,
  created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP NOT NULL,
  updated_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP NOT NULL
);

CREATE UNIQUE INDEX hashed_client_token_authentications_index ON authentications (hashed_client_token);

;

-- ===== config/migrations/postgres/5_create_table_operation_lock.up.sql
CREATE TABLE IF NOT EXISTS operation_lock (
  operation VARCHAR(255) PRIMARY KEY UNIQUE NOT NULL,
  version INTEGER DEFAULT 0 NOT NULL,
  last_acquired_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
  acquired_until TIMESTAMP DEFAULT CURRENT_TIMESTAMP
);

;

-- ===== config/migrations/postgres/6_create_namespaces.up.sql
-- Create namespaces table
CREATE TABLE IF NOT EXISTS namespaces (
  key VARCHAR(255) PRIMARY KEY UNIQUE NOT NULL,
  name VARCHAR(255) NOT NULL,
  description TEXT NOT NULL,
  protected BOOLEAN DEFAULT FALSE NOT NULL,
  created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP NOT NULL,
  updated_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP NOT NULL
);

-- Create default namespace
INSERT INTO namespaces (key, name, description, protected) VALUES ('default', 'Default', 'Default namespace', true);

;

-- ===== config/migrations/postgres/7_namespaces_relationships.up.sql
-- Flags 
----------------

-- Add column namespace_key with a default value
ALTER TABLE flags ADD COLUMN namespace_key VARCHAR(255) NOT NULL DEFAULT 'default';

-- Add foreign key constraint on namespace_key column referencing key column of namespaces table
ALTER TABLE flags ADD FOREIGN KEY (namespace_key) REFERENCES namespaces(key) ON DELETE CASCADE;

-- Drop primary key constraint and add a new composite primary key on namespace_key and key columns
ALTER TABLE flags DROP CONSTRAINT IF EXISTS flags_pkey CASCADE;
ALTER TABLE flags ADD CONSTRAINT flags_pkey PRIMARY KEY (namespace_key, key);

-- Variants
----------------

-- Add column namespace_key with a default value
ALTER TABLE variants ADD COLUMN namespace_key VARCHAR(255) NOT NULL DEFAULT 'default';

-- Drop previously created unique index
ALTER TABLE variants DROP CONSTRAINT IF EXISTS variants_flag_key_key_key CASCADE;

-- Add unique index on namespace_key, flag_key and key columns
ALTER TABLE variants ADD CONSTRAINT variants_namespace_flag_key UNIQUE (namespace_key, flag_key, key);

-- Add foreign key constraint on namespace_key column referencing key column of namespaces table
ALTER TABLE variants ADD FOREIGN KEY (namespace_key) REFERENCES namespaces(key) ON DELETE CASCADE;

-- Add foreign key constraint on namespace_key and flag_key columns referencing namespace_key and key columns of flags table
ALTER TABLE variants ADD FOREIGN KEY (namespace_key, flag_key) REFERENCES flags(namespace_key, key) ON DELETE CASCADE;

-- Segments
----------------

-- Add column namespace_key with a default value
ALTER TABLE segments ADD COLUMN namespace_key VARCHAR(255) NOT NULL DEFAULT 'default';

-- Add foreign key constraint on namespace_key column referencing key column of namespaces table
ALTER TABLE segments ADD FOREIGN KEY (namespace_key) REFERENCES namespaces(key) ON DELETE CASCADE;

-- Drop primary key constraint and add a new composite primary key on namespace_key and key columns
ALTER TABLE segments DROP CONSTRAINT IF EXISTS segments_pkey CASCADE;
ALTER TABLE segments ADD CONSTRAINT segments_pkey PRIMARY KEY (namespace_key, key);

-- Constraints
----------------

-- Add column namespace_key with a default value
ALTER TABLE constraints ADD COLUMN namespace_key VARCHAR(255) NOT NULL DEFAULT 'default';

-- Add foreign key constraint on namespace_key column referencing key column of namespaces table
ALTER TABLE constraints ADD FOREIGN KEY (namespace_key) REFERENCES namespaces(key) ON DELETE CASCADE;

-- Add foreign key constraint on namespace_key and segment_key columns referencing namespace_key and key columns of segments table
ALTER TABLE constraints ADD FOREIGN KEY (namespace_key, segment_key) REFERENCES segments(namespace_key, key) ON DELETE CASCADE;

-- Rules
----------------

-- Add column namespace_key with a default value
ALTER TABLE rules ADD COLUMN namespace_key VARCHAR(255) NOT NULL DEFAULT 'default';

-- Add foreign key constraint on namespace_key column referencing key column of namespaces table
ALTER TABLE rules ADD FOREIGN KEY (namespace_key) REFERENCES namespaces(key) ON DELETE CASCADE;

-- Add foreign key constraint on namespace_key and flag_key columns referencing namespace_key and key columns of flags table
ALTER TABLE rules ADD FOREIGN KEY (namespace_key, flag_key) REFERENCES flags(namespace_key, key) ON DELETE CASCADE;

-- Add foreign key constraint on namespace_key and segment_key columns referencing namespace_key and key columns of segments table
ALTER TABLE rules ADD FOREIGN KEY (namespace_key, segment_key) REFERENCES segments(namespace_key, key) ON DELETE CASCADE;
;

-- ===== config/migrations/postgres/8_constraints_with_description.up.sql
-- Add description column to constraints
ALTER TABLE constraints ADD COLUMN description TEXT;
;

-- ===== config/migrations/postgres/9_flag_type.up.sql
ALTER TABLE flags ADD COLUMN type INTEGER DEFAULT 0 NOT NULL;
;

-- ===== config/migrations/postgres/10_rollouts.up.sql
CREATE TABLE IF NOT EXISTS rollouts (
  id VARCHAR(255) PRIMARY KEY UNIQUE NOT NULL,
  namespace_key VARCHAR(255) NOT NULL REFERENCES namespaces ON DELETE CASCADE,
  flag_key VARCHAR(255) NOT NULL,
  type INTEGER DEFAULT 0 NOT NULL,
  description TEXT NOT NULL,
  rank INTEGER DEFAULT 1 NOT NULL,
  created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP NOT NULL,
  updated_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP NOT NULL,
  FOREIGN KEY (namespace_key, flag_key) REFERENCES flags (namespace_key, key) ON DELETE CASCADE
);

CREATE TABLE IF NOT EXISTS rollout_thresholds (
  id VARCHAR(255) PRIMARY KEY UNIQUE NOT NULL,
  namespace_key VARCHAR(255) NOT NULL REFERENCES namespaces ON DELETE CASCADE,
  rollout_id VARCHAR(255) UNIQUE NOT NULL REFERENCES rollouts ON DELETE CASCADE,
  percentage float DEFAULT 0 NOT NULL,
  value BOOLEAN DEFAULT FALSE NOT NULL
);

CREATE TABLE IF NOT EXISTS rollout_segments (
  id VARCHAR(255) PRIMARY KEY UNIQUE NOT NULL,
  namespace_key VARCHAR(255) NOT NULL REFERENCES namespaces ON DELETE CASCADE,
  rollout_id VARCHAR(255) NOT NULL REFERENCES rollouts ON DELETE CASCADE,
  segment_key VARCHAR(255) NOT NULL,
  value BOOLEAN DEFAULT FALSE NOT NULL,
  FOREIGN KEY (namespace_key, segment_key) REFERENCES segments (namespace_key, key) ON DELETE CASCADE
);

;

-- ===== config/migrations/postgres/11_segment_anding_tables.up.sql
-- Rules
CREATE TABLE IF NOT EXISTS rule_segments (
  rule_id VARCHAR(255) NOT NULL REFERENCES rules ON DELETE CASCADE,
  namespace_key VARCHAR(255) NOT NULL,
  segment_key VARCHAR(255) NOT NULL,
  UNIQUE (rule_id, namespace_key, segment_key),
  FOREIGN KEY (namespace_key, segment_key) REFERENCES segments (namespace_key, key) ON DELETE CASCADE
);

INSERT INTO rule_segments (rule_id, namespace_key, segment_key) SELECT id AS rule_id, namespace_key, segment_key FROM rules;

-- Rollouts
CREATE TABLE IF NOT EXISTS rollout_segment_references (
  rollout_segment_id VARCHAR(255) NOT NULL REFERENCES rollout_segments ON DELETE CASCADE,
  namespace_key VARCHAR(255) NOT NULL,
  segment_key VARCHAR(255) NOT NULL,
  UNIQUE (rollout_segment_id, namespace_key, segment_key),
  FOREIGN KEY (namespace_key, segment_key) REFERENCES segments (namespace_key, key) ON DELETE CASCADE
);

INSERT INTO rollout_segment_references (rollout_segment_id, namespace_key, segment_key) SELECT id AS rollout_segment_id, namespace_key, segment_key FROM rollout_segments;
;

-- ===== config/migrations/postgres/12_alter_rules_rollout_segments.up.sql
-- Rules
ALTER TABLE rules DROP CONSTRAINT IF EXISTS rules_namespace_key_segment_key_fkey CASCADE;

ALTER TABLE rules DROP COLUMN segment_key;

ALTER TABLE rules ADD COLUMN segment_operator INTEGER NOT NULL DEFAULT 0;

-- Rollouts
ALTER TABLE rollout_segments DROP CONSTRAINT IF EXISTS rollout_segments_namespace_key_fkey CASCADE;
ALTER TABLE rollout_segments DROP CONSTRAINT IF EXISTS rollout_segments_namespace_key_segment_key_fkey CASCADE;

ALTER TABLE rollout_segments DROP COLUMN segment_key;
ALTER TABLE rollout_segments DROP COLUMN namespace_key;

ALTER TABLE rollout_segments ADD COLUMN segment_operator INTEGER NOT NULL DEFAULT 0;
;

-- ===== config/migrations/postgres/13_namespaces_add_state_modified_at.up.sql
ALTER TABLE namespaces ADD COLUMN state_modified_at TIMESTAMP;

;

-- ===== config/migrations/postgres/14_default_variant.up.sql
ALTER TABLE flags ADD COLUMN default_variant_id VARCHAR(255) REFERENCES variants(id) ON DELETE SET NULL;
;

-- ===== config/migrations/postgres/15_flag_metadata.up.sql
ALTER TABLE flags ADD COLUMN metadata JSON;

;

-- ===== config/migrations/postgres/16_segment_foreign_keys.up.sql
ALTER TABLE rule_segments DROP CONSTRAINT rule_segments_namespace_key_segment_key_fkey;
ALTER TABLE rule_segments ADD CONSTRAINT rule_segments_namespace_key_segment_key_fkey FOREIGN KEY (namespace_key, segment_key) REFERENCES segments (namespace_key, key) ON DELETE RESTRICT;

ALTER TABLE rollout_segment_references DROP CONSTRAINT rollout_segment_references_namespace_key_segment_key_fkey;  
ALTER TABLE rollout_segment_references
 ADD CONSTRAINT rollout_segment_references_namespace_key_segment_key_fkey FOREIGN KEY (namespace_key, segment_key) REFERENCES segments (namespace_key, key) ON DELETE RESTRICT; 

;
