-- pytest-pggit test data: Concourse's (CI system) database migrations, every
-- atc/db/migration/migrations/*.up.sql in order (a migration history: tables inheriting from
-- build_events made by trigger functions, materialized views, partial and expression indexes, columns
-- retyped to bigint, enums, functions replaced)
-- Source: https://github.com/concourse/concourse (commit 95872ce1a3af6fc0c4ab7f23658ec81f3e778d7c),
--   atc/db/migration/migrations/*.up.sql
-- License:
--   Apache-2.0 (the repository's LICENSE.md: Apache License, Version 2.0).
--   Copyright (c) Concourse contributors.
-- Changes:
--   * each file starts with a "-- ===== <name>" line and ends with a lone ";";
--   * four migrations are Go code (*.up.go); their DDL statements are written out in place of them
--     (1516643303_update_auth_providers, 1528470872_add_global_users, 1561558376_add_type_to_resources,
--     1589991895_add_config_pinned_version_to_resource_pins); the rows they move are left out

-- ===== 1510262030_initial_schema.up.sql


CREATE TYPE build_status AS ENUM (
      'pending',
    'started',
    'aborted',
    'succeeded',
    'failed',
    'errored'
);



CREATE TYPE container_stage AS ENUM (
    'check',
    'get',
    'run'
);



CREATE TYPE container_state AS ENUM (
    'creating',
    'created',
    'destroying',
    'failed'
);



CREATE TYPE container_state_old AS ENUM (
    'creating',
    'created',
    'destroying'
);



CREATE TYPE volume_state AS ENUM (
    'creating',
    'created',
    'destroying',
    'failed'
);



CREATE TYPE volume_state_old AS ENUM (
    'creating',
    'created',
    'destroying'
);



CREATE TYPE worker_state AS ENUM (
    'running',
    'stalled',
    'landing',
    'landed',
    'retiring'
);


CREATE TABLE base_resource_types (
    id integer NOT NULL,
    name text NOT NULL
);



CREATE SEQUENCE base_resource_types_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;



ALTER SEQUENCE base_resource_types_id_seq OWNED BY base_resource_types.id;



CREATE TABLE build_events (
    build_id integer,
    type character varying(32) NOT NULL,
    payload text NOT NULL,
    event_id integer NOT NULL,
    version text NOT NULL
);



CREATE TABLE build_image_resource_caches (
    resource_cache_id integer,
    build_id integer NOT NULL
);



CREATE TABLE build_inputs (
    build_id integer,
    versioned_resource_id integer,
    name text NOT NULL,
    modified_time timestamp without time zone DEFAULT now() NOT NULL
);



CREATE TABLE build_outputs (
    build_id integer,
    versioned_resource_id integer,
    explicit boolean DEFAULT false NOT NULL,
    modified_time timestamp without time zone DEFAULT now() NOT NULL
);



CREATE TABLE builds (
    id integer NOT NULL,
    name text NOT NULL,
    status build_status NOT NULL,
    scheduled boolean DEFAULT false NOT NULL,
    start_time timestamp with time zone,
    end_time timestamp with time zone,
    engine character varying(16),
    engine_metadata text,
    completed boolean DEFAULT false NOT NULL,
    job_id integer,
    reap_time timestamp with time zone,
    team_id integer NOT NULL,
    manually_triggered boolean DEFAULT false,
    interceptible boolean DEFAULT true,
    nonce text,
    public_plan json DEFAULT '{}'::json,
    pipeline_id integer
);



CREATE SEQUENCE builds_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;



ALTER SEQUENCE builds_id_seq OWNED BY builds.id;



CREATE TABLE cache_invalidator (
    last_invalidated timestamp without time zone DEFAULT '1970-01-01 00:00:00'::timestamp without time zone NOT NULL
);



CREATE SEQUENCE config_version_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;



CREATE TABLE containers (
    handle text NOT NULL,
    build_id integer,
    plan_id text,
    pipeline_id integer,
    resource_id integer,
    worker_name text,
    best_if_used_by timestamp without time zone,
    id integer NOT NULL,
    team_id integer,
    state container_state DEFAULT 'creating'::container_state NOT NULL,
    hijacked boolean DEFAULT false NOT NULL,
    discontinued boolean DEFAULT false NOT NULL,
    meta_type text DEFAULT ''::text NOT NULL,
    meta_step_name text DEFAULT ''::text NOT NULL,
    meta_attempt text DEFAULT ''::text NOT NULL,
    meta_working_directory text DEFAULT ''::text NOT NULL,
    meta_process_user text DEFAULT ''::text NOT NULL,
    meta_pipeline_id integer DEFAULT 0 NOT NULL,
    meta_job_id integer DEFAULT 0 NOT NULL,
    meta_build_id integer DEFAULT 0 NOT NULL,
    meta_pipeline_name text DEFAULT ''::text NOT NULL,
    meta_job_name text DEFAULT ''::text NOT NULL,
    meta_build_name text DEFAULT ''::text NOT NULL,
    image_check_container_id integer,
    image_get_container_id integer,
    worker_resource_config_check_session_id integer
);



CREATE SEQUENCE containers_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;



ALTER SEQUENCE containers_id_seq OWNED BY containers.id;



CREATE TABLE independent_build_inputs (
    id integer NOT NULL,
    job_id integer NOT NULL,
    input_name text NOT NULL,
    version_id integer NOT NULL,
    first_occurrence boolean NOT NULL
);



CREATE SEQUENCE independent_build_inputs_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;



ALTER SEQUENCE independent_build_inputs_id_seq OWNED BY independent_build_inputs.id;



CREATE TABLE jobs (
    name text NOT NULL,
    build_number_seq integer DEFAULT 0 NOT NULL,
    paused boolean DEFAULT false,
    id integer NOT NULL,
    pipeline_id integer NOT NULL,
    first_logged_build_id integer DEFAULT 0 NOT NULL,
    inputs_determined boolean DEFAULT false NOT NULL,
    max_in_flight_reached boolean DEFAULT false NOT NULL,
    config text NOT NULL,
    active boolean DEFAULT false NOT NULL,
    interruptible boolean DEFAULT false NOT NULL,
    nonce text
);



CREATE SEQUENCE jobs_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;



ALTER SEQUENCE jobs_id_seq OWNED BY jobs.id;



CREATE TABLE jobs_serial_groups (
    id integer NOT NULL,
    serial_group text NOT NULL,
    job_id integer
);



CREATE SEQUENCE jobs_serial_groups_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;



ALTER SEQUENCE jobs_serial_groups_id_seq OWNED BY jobs_serial_groups.id;



CREATE MATERIALIZED VIEW latest_completed_builds_per_job AS
 WITH latest_build_ids_per_job AS (
         SELECT max(b_1.id) AS build_id
           FROM (builds b_1
             JOIN jobs j ON ((j.id = b_1.job_id)))
          WHERE (b_1.status <> ALL (ARRAY['pending'::build_status, 'started'::build_status]))
          GROUP BY b_1.job_id
        )
 SELECT b.id,
    b.name,
    b.status,
    b.scheduled,
    b.start_time,
    b.end_time,
    b.engine,
    b.engine_metadata,
    b.completed,
    b.job_id,
    b.reap_time,
    b.team_id,
    b.manually_triggered,
    b.interceptible,
    b.nonce,
    b.public_plan,
    b.pipeline_id
   FROM (builds b
     JOIN latest_build_ids_per_job l ON ((l.build_id = b.id)))
  WITH NO DATA;

REFRESH MATERIALIZED VIEW latest_completed_builds_per_job;


CREATE TABLE next_build_inputs (
    id integer NOT NULL,
    job_id integer NOT NULL,
    input_name text NOT NULL,
    version_id integer NOT NULL,
    first_occurrence boolean NOT NULL
);



CREATE SEQUENCE next_build_inputs_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;



ALTER SEQUENCE next_build_inputs_id_seq OWNED BY next_build_inputs.id;



CREATE MATERIALIZED VIEW next_builds_per_job AS
 WITH latest_build_ids_per_job AS (
         SELECT min(b_1.id) AS build_id
           FROM (builds b_1
             JOIN jobs j ON ((j.id = b_1.job_id)))
          WHERE (b_1.status = ANY (ARRAY['pending'::build_status, 'started'::build_status]))
          GROUP BY b_1.job_id
        )
 SELECT b.id,
    b.name,
    b.status,
    b.scheduled,
    b.start_time,
    b.end_time,
    b.engine,
    b.engine_metadata,
    b.completed,
    b.job_id,
    b.reap_time,
    b.team_id,
    b.manually_triggered,
    b.interceptible,
    b.nonce,
    b.public_plan,
    b.pipeline_id
   FROM (builds b
     JOIN latest_build_ids_per_job l ON ((l.build_id = b.id)))
  WITH NO DATA;

REFRESH MATERIALIZED VIEW next_builds_per_job;


CREATE SEQUENCE one_off_name
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;



CREATE TABLE pipelines (
    version integer DEFAULT 0 NOT NULL,
    id integer NOT NULL,
    name text NOT NULL,
    paused boolean DEFAULT false,
    ordering integer DEFAULT 0 NOT NULL,
    last_scheduled timestamp without time zone DEFAULT '1970-01-01 00:00:00'::timestamp without time zone NOT NULL,
    team_id integer NOT NULL,
    public boolean DEFAULT false NOT NULL,
    groups json
);



CREATE SEQUENCE pipelines_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;



ALTER SEQUENCE pipelines_id_seq OWNED BY pipelines.id;



CREATE TABLE pipes (
    id text NOT NULL,
    url text,
    team_id integer NOT NULL
);



CREATE TABLE resource_cache_uses (
    resource_cache_id integer,
    build_id integer,
    container_id integer
);



CREATE TABLE resource_caches (
    id integer NOT NULL,
    resource_config_id integer,
    version text NOT NULL,
    params_hash text NOT NULL,
    metadata text
);



CREATE SEQUENCE resource_caches_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;



ALTER SEQUENCE resource_caches_id_seq OWNED BY resource_caches.id;



CREATE TABLE resource_config_check_sessions (
    id integer NOT NULL,
    resource_config_id integer,
    expires_at timestamp with time zone
);



CREATE SEQUENCE resource_config_check_sessions_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;



ALTER SEQUENCE resource_config_check_sessions_id_seq OWNED BY resource_config_check_sessions.id;



CREATE TABLE resource_configs (
    id integer NOT NULL,
    base_resource_type_id integer,
    source_hash text NOT NULL,
    resource_cache_id integer
);



CREATE SEQUENCE resource_configs_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;



ALTER SEQUENCE resource_configs_id_seq OWNED BY resource_configs.id;



CREATE TABLE resource_types (
    id integer NOT NULL,
    pipeline_id integer,
    name text NOT NULL,
    type text NOT NULL,
    version text,
    last_checked timestamp without time zone DEFAULT '1970-01-01 00:00:00'::timestamp without time zone NOT NULL,
    config text NOT NULL,
    active boolean DEFAULT false NOT NULL,
    nonce text,
    resource_config_id integer
);



CREATE SEQUENCE resource_types_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;



ALTER SEQUENCE resource_types_id_seq OWNED BY resource_types.id;



CREATE TABLE resources (
    name text NOT NULL,
    check_error text,
    paused boolean DEFAULT false,
    id integer NOT NULL,
    pipeline_id integer NOT NULL,
    last_checked timestamp without time zone DEFAULT '1970-01-01 00:00:00'::timestamp without time zone NOT NULL,
    config text NOT NULL,
    active boolean DEFAULT false NOT NULL,
    nonce text,
    resource_config_id integer
);



CREATE SEQUENCE resources_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;



ALTER SEQUENCE resources_id_seq OWNED BY resources.id;



CREATE TABLE teams (
    id integer NOT NULL,
    name text NOT NULL,
    basic_auth json,
    admin boolean DEFAULT false,
    auth text,
    nonce text,
    CONSTRAINT constraint_teams_name_not_empty CHECK ((length(name) > 0))
);



CREATE SEQUENCE teams_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;



ALTER SEQUENCE teams_id_seq OWNED BY teams.id;



CREATE MATERIALIZED VIEW transition_builds_per_job AS
 WITH builds_before_transition AS (
         SELECT b_1.job_id,
            max(b_1.id) AS max
           FROM ((builds b_1
             LEFT JOIN jobs j ON ((b_1.job_id = j.id)))
             LEFT JOIN latest_completed_builds_per_job s ON ((b_1.job_id = s.job_id)))
          WHERE ((b_1.status <> s.status) AND (b_1.status <> ALL (ARRAY['pending'::build_status, 'started'::build_status])))
          GROUP BY b_1.job_id
        )
 SELECT DISTINCT ON (b.job_id) b.id,
    b.name,
    b.status,
    b.scheduled,
    b.start_time,
    b.end_time,
    b.engine,
    b.engine_metadata,
    b.completed,
    b.job_id,
    b.reap_time,
    b.team_id,
    b.manually_triggered,
    b.interceptible,
    b.nonce,
    b.public_plan,
    b.pipeline_id
   FROM (builds b
     LEFT JOIN builds_before_transition ON ((b.job_id = builds_before_transition.job_id)))
  WHERE (((builds_before_transition.max IS NULL) AND (b.status <> ALL (ARRAY['pending'::build_status, 'started'::build_status]))) OR (b.id > builds_before_transition.max))
  ORDER BY b.job_id, b.id
  WITH NO DATA;


REFRESH MATERIALIZED VIEW transition_builds_per_job;


CREATE TABLE versioned_resources (
    id integer NOT NULL,
    version text NOT NULL,
    metadata text NOT NULL,
    type text NOT NULL,
    enabled boolean DEFAULT true NOT NULL,
    resource_id integer,
    modified_time timestamp without time zone DEFAULT now() NOT NULL,
    check_order integer DEFAULT 0 NOT NULL
);



CREATE SEQUENCE versioned_resources_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;



ALTER SEQUENCE versioned_resources_id_seq OWNED BY versioned_resources.id;



CREATE TABLE volumes (
    id integer NOT NULL,
    handle text NOT NULL,
    resource_version text,
    resource_hash text,
    worker_name text NOT NULL,
    original_volume_handle text,
    output_name text,
    path text,
    host_path_version text,
    replicated_from text,
    container_id integer,
    team_id integer,
    state volume_state DEFAULT 'creating'::volume_state NOT NULL,
    parent_id integer,
    parent_state volume_state,
    worker_base_resource_type_id integer,
    worker_resource_cache_id integer,
    worker_task_cache_id integer,
    CONSTRAINT cannot_invalidate_during_initialization CHECK ((((state = ANY (ARRAY['created'::volume_state, 'destroying'::volume_state, 'failed'::volume_state])) AND ((worker_resource_cache_id IS NULL) AND (worker_base_resource_type_id IS NULL) AND (worker_task_cache_id IS NULL) AND (container_id IS NULL))) OR ((worker_resource_cache_id IS NOT NULL) OR (worker_base_resource_type_id IS NOT NULL) OR (worker_task_cache_id IS NOT NULL) OR (container_id IS NOT NULL))))
);



CREATE SEQUENCE volumes_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;



ALTER SEQUENCE volumes_id_seq OWNED BY volumes.id;



CREATE TABLE worker_base_resource_types (
    worker_name text,
    base_resource_type_id integer,
    image text NOT NULL,
    version text NOT NULL,
    id integer NOT NULL
);



CREATE SEQUENCE worker_base_resource_types_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;



ALTER SEQUENCE worker_base_resource_types_id_seq OWNED BY worker_base_resource_types.id;



CREATE TABLE worker_resource_caches (
    id integer NOT NULL,
    worker_base_resource_type_id integer,
    resource_cache_id integer
);



CREATE SEQUENCE worker_resource_caches_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;



ALTER SEQUENCE worker_resource_caches_id_seq OWNED BY worker_resource_caches.id;



CREATE TABLE worker_resource_config_check_sessions (
    id integer NOT NULL,
    worker_base_resource_type_id integer,
    resource_config_check_session_id integer,
    team_id integer
);



CREATE SEQUENCE worker_resource_config_check_sessions_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;



ALTER SEQUENCE worker_resource_config_check_sessions_id_seq OWNED BY worker_resource_config_check_sessions.id;



CREATE TABLE worker_task_caches (
    id integer NOT NULL,
    worker_name text,
    job_id integer,
    step_name text NOT NULL,
    path text NOT NULL
);



CREATE SEQUENCE worker_task_caches_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;



ALTER SEQUENCE worker_task_caches_id_seq OWNED BY worker_task_caches.id;



CREATE TABLE workers (
    addr text,
    expires timestamp with time zone,
    active_containers integer DEFAULT 0,
    resource_types text,
    platform text,
    tags text,
    baggageclaim_url text DEFAULT ''::text,
    name text NOT NULL,
    http_proxy_url text,
    https_proxy_url text,
    no_proxy text,
    start_time integer,
    team_id integer,
    state worker_state DEFAULT 'running'::worker_state NOT NULL,
    version text,
    CONSTRAINT addr_when_running CHECK ((((state <> 'stalled'::worker_state) AND (state <> 'landed'::worker_state) AND ((addr IS NOT NULL) OR (baggageclaim_url IS NOT NULL))) OR (((state = 'stalled'::worker_state) OR (state = 'landed'::worker_state)) AND (addr IS NULL) AND (baggageclaim_url IS NULL))))
);



ALTER TABLE ONLY base_resource_types ALTER COLUMN id SET DEFAULT nextval('base_resource_types_id_seq'::regclass);



ALTER TABLE ONLY builds ALTER COLUMN id SET DEFAULT nextval('builds_id_seq'::regclass);



ALTER TABLE ONLY containers ALTER COLUMN id SET DEFAULT nextval('containers_id_seq'::regclass);



ALTER TABLE ONLY independent_build_inputs ALTER COLUMN id SET DEFAULT nextval('independent_build_inputs_id_seq'::regclass);



ALTER TABLE ONLY jobs ALTER COLUMN id SET DEFAULT nextval('jobs_id_seq'::regclass);



ALTER TABLE ONLY jobs_serial_groups ALTER COLUMN id SET DEFAULT nextval('jobs_serial_groups_id_seq'::regclass);



ALTER TABLE ONLY next_build_inputs ALTER COLUMN id SET DEFAULT nextval('next_build_inputs_id_seq'::regclass);



ALTER TABLE ONLY pipelines ALTER COLUMN id SET DEFAULT nextval('pipelines_id_seq'::regclass);



ALTER TABLE ONLY resource_caches ALTER COLUMN id SET DEFAULT nextval('resource_caches_id_seq'::regclass);



ALTER TABLE ONLY resource_config_check_sessions ALTER COLUMN id SET DEFAULT nextval('resource_config_check_sessions_id_seq'::regclass);



ALTER TABLE ONLY resource_configs ALTER COLUMN id SET DEFAULT nextval('resource_configs_id_seq'::regclass);



ALTER TABLE ONLY resource_types ALTER COLUMN id SET DEFAULT nextval('resource_types_id_seq'::regclass);



ALTER TABLE ONLY resources ALTER COLUMN id SET DEFAULT nextval('resources_id_seq'::regclass);



ALTER TABLE ONLY teams ALTER COLUMN id SET DEFAULT nextval('teams_id_seq'::regclass);



ALTER TABLE ONLY versioned_resources ALTER COLUMN id SET DEFAULT nextval('versioned_resources_id_seq'::regclass);



ALTER TABLE ONLY volumes ALTER COLUMN id SET DEFAULT nextval('volumes_id_seq'::regclass);



ALTER TABLE ONLY worker_base_resource_types ALTER COLUMN id SET DEFAULT nextval('worker_base_resource_types_id_seq'::regclass);



ALTER TABLE ONLY worker_resource_caches ALTER COLUMN id SET DEFAULT nextval('worker_resource_caches_id_seq'::regclass);



ALTER TABLE ONLY worker_resource_config_check_sessions ALTER COLUMN id SET DEFAULT nextval('worker_resource_config_check_sessions_id_seq'::regclass);



ALTER TABLE ONLY worker_task_caches ALTER COLUMN id SET DEFAULT nextval('worker_task_caches_id_seq'::regclass);



ALTER TABLE ONLY base_resource_types
    ADD CONSTRAINT base_resource_types_name_key UNIQUE (name);



ALTER TABLE ONLY base_resource_types
    ADD CONSTRAINT base_resource_types_pkey PRIMARY KEY (id);



ALTER TABLE ONLY builds
    ADD CONSTRAINT builds_pkey PRIMARY KEY (id);



ALTER TABLE ONLY workers
    ADD CONSTRAINT constraint_workers_name_unique UNIQUE (name);



ALTER TABLE ONLY containers
    ADD CONSTRAINT containers_handle_key UNIQUE (handle);



ALTER TABLE ONLY containers
    ADD CONSTRAINT containers_pkey PRIMARY KEY (id);



ALTER TABLE ONLY independent_build_inputs
    ADD CONSTRAINT independent_build_inputs_pkey PRIMARY KEY (id);



ALTER TABLE ONLY independent_build_inputs
    ADD CONSTRAINT independent_build_inputs_unique_job_id_input_name UNIQUE (job_id, input_name);



ALTER TABLE ONLY jobs
    ADD CONSTRAINT jobs_pkey PRIMARY KEY (id);



ALTER TABLE ONLY jobs_serial_groups
    ADD CONSTRAINT jobs_serial_groups_pkey PRIMARY KEY (id);



ALTER TABLE ONLY jobs
    ADD CONSTRAINT jobs_unique_pipeline_id_name UNIQUE (pipeline_id, name);



ALTER TABLE ONLY next_build_inputs
    ADD CONSTRAINT next_build_inputs_pkey PRIMARY KEY (id);



ALTER TABLE ONLY next_build_inputs
    ADD CONSTRAINT next_build_inputs_unique_job_id_input_name UNIQUE (job_id, input_name);



ALTER TABLE ONLY pipelines
    ADD CONSTRAINT pipelines_name_team_id UNIQUE (name, team_id);



ALTER TABLE ONLY pipelines
    ADD CONSTRAINT pipelines_pkey PRIMARY KEY (id);



ALTER TABLE ONLY pipes
    ADD CONSTRAINT pipes_pkey PRIMARY KEY (id);



ALTER TABLE ONLY resource_caches
    ADD CONSTRAINT resource_caches_pkey PRIMARY KEY (id);



ALTER TABLE ONLY resource_caches
    ADD CONSTRAINT resource_caches_resource_config_id_version_params_hash_key UNIQUE (resource_config_id, version, params_hash);



ALTER TABLE ONLY resource_config_check_sessions
    ADD CONSTRAINT resource_config_check_sessions_pkey PRIMARY KEY (id);



ALTER TABLE ONLY resource_configs
    ADD CONSTRAINT resource_configs_pkey PRIMARY KEY (id);



ALTER TABLE ONLY resource_configs
    ADD CONSTRAINT resource_configs_resource_cache_id_base_resource_type_id_so_key UNIQUE (resource_cache_id, base_resource_type_id, source_hash);



ALTER TABLE ONLY resource_types
    ADD CONSTRAINT resource_types_pipeline_id_name_key UNIQUE (pipeline_id, name);



ALTER TABLE ONLY resource_types
    ADD CONSTRAINT resource_types_pkey PRIMARY KEY (id);



ALTER TABLE ONLY resources
    ADD CONSTRAINT resources_pkey PRIMARY KEY (id);



ALTER TABLE ONLY teams
    ADD CONSTRAINT teams_pkey PRIMARY KEY (id);



ALTER TABLE ONLY resources
    ADD CONSTRAINT unique_pipeline_id_name UNIQUE (pipeline_id, name);



ALTER TABLE ONLY versioned_resources
    ADD CONSTRAINT versioned_resources_pkey PRIMARY KEY (id);



ALTER TABLE ONLY volumes
    ADD CONSTRAINT volumes_id_state_key UNIQUE (id, state);



ALTER TABLE ONLY volumes
    ADD CONSTRAINT volumes_pkey PRIMARY KEY (id);



ALTER TABLE ONLY volumes
    ADD CONSTRAINT volumes_worker_name_handle_key UNIQUE (worker_name, handle);



ALTER TABLE ONLY worker_base_resource_types
    ADD CONSTRAINT worker_base_resource_types_pkey PRIMARY KEY (id);



ALTER TABLE ONLY worker_base_resource_types
    ADD CONSTRAINT worker_base_resource_types_worker_name_base_resource_type_i_key UNIQUE (worker_name, base_resource_type_id);



ALTER TABLE ONLY worker_resource_caches
    ADD CONSTRAINT worker_resource_caches_pkey PRIMARY KEY (id);



ALTER TABLE ONLY worker_resource_config_check_sessions
    ADD CONSTRAINT worker_resource_config_check_sessions_pkey PRIMARY KEY (id);



ALTER TABLE ONLY worker_task_caches
    ADD CONSTRAINT worker_task_caches_pkey PRIMARY KEY (id);



ALTER TABLE ONLY workers
    ADD CONSTRAINT workers_addr_key UNIQUE (addr);



ALTER TABLE ONLY workers
    ADD CONSTRAINT workers_pkey PRIMARY KEY (name);



CREATE UNIQUE INDEX build_events_build_id_event_id ON build_events USING btree (build_id, event_id);



CREATE INDEX build_events_build_id_idx ON build_events USING btree (build_id);



CREATE INDEX build_image_resource_caches_build_id ON build_image_resource_caches USING btree (build_id);



CREATE INDEX build_image_resource_caches_resource_cache_id ON build_image_resource_caches USING btree (resource_cache_id);



CREATE INDEX build_inputs_build_id_idx ON build_inputs USING btree (build_id);



CREATE INDEX build_inputs_build_id_versioned_resource_id ON build_inputs USING btree (build_id, versioned_resource_id);



CREATE INDEX build_inputs_versioned_resource_id_idx ON build_inputs USING btree (versioned_resource_id);



CREATE INDEX build_outputs_build_id_idx ON build_outputs USING btree (build_id);



CREATE INDEX build_outputs_build_id_versioned_resource_id ON build_outputs USING btree (build_id, versioned_resource_id);



CREATE INDEX build_outputs_versioned_resource_id_idx ON build_outputs USING btree (versioned_resource_id);



CREATE INDEX builds_interceptible_completed ON builds USING btree (interceptible, completed);



CREATE INDEX builds_job_id ON builds USING btree (job_id);



CREATE INDEX builds_pipeline_id ON builds USING btree (pipeline_id);



CREATE INDEX builds_status ON builds USING btree (status);



CREATE INDEX builds_team_id ON builds USING btree (team_id);



CREATE INDEX containers_build_id ON containers USING btree (build_id);



CREATE INDEX containers_image_check_container_id ON containers USING btree (image_check_container_id);



CREATE INDEX containers_image_get_container_id ON containers USING btree (image_get_container_id);



CREATE INDEX containers_plan_id ON containers USING btree (plan_id);



CREATE INDEX containers_team_id ON containers USING btree (team_id);



CREATE INDEX containers_worker_name ON containers USING btree (worker_name);



CREATE INDEX containers_worker_resource_config_check_session_id ON containers USING btree (worker_resource_config_check_session_id);



CREATE INDEX independent_build_inputs_job_id ON independent_build_inputs USING btree (job_id);



CREATE INDEX independent_build_inputs_version_id ON independent_build_inputs USING btree (version_id);



CREATE UNIQUE INDEX index_teams_name_unique_case_insensitive ON teams USING btree (lower(name));



CREATE INDEX jobs_pipeline_id ON jobs USING btree (pipeline_id);



CREATE INDEX jobs_serial_groups_job_id_idx ON jobs_serial_groups USING btree (job_id);



CREATE UNIQUE INDEX latest_completed_builds_per_job_id ON latest_completed_builds_per_job USING btree (id);



CREATE INDEX next_build_inputs_job_id ON next_build_inputs USING btree (job_id);



CREATE INDEX next_build_inputs_version_id ON next_build_inputs USING btree (version_id);



CREATE UNIQUE INDEX next_builds_per_job_id ON next_builds_per_job USING btree (id);



CREATE INDEX pipelines_team_id ON pipelines USING btree (team_id);



CREATE INDEX pipes_team_id ON pipes USING btree (team_id);



CREATE INDEX resource_cache_uses_build_id ON resource_cache_uses USING btree (build_id);



CREATE INDEX resource_cache_uses_container_id ON resource_cache_uses USING btree (container_id);



CREATE INDEX resource_cache_uses_resource_cache_id ON resource_cache_uses USING btree (resource_cache_id);



CREATE INDEX resource_caches_resource_config_id ON resource_caches USING btree (resource_config_id);



CREATE INDEX resource_config_check_sessions_resource_config_id ON resource_config_check_sessions USING btree (resource_config_id);



CREATE INDEX resource_configs_base_resource_type_id ON resource_configs USING btree (base_resource_type_id);



CREATE INDEX resource_configs_resource_cache_id ON resource_configs USING btree (resource_cache_id);



CREATE INDEX resource_types_pipeline_id ON resource_types USING btree (pipeline_id);



CREATE INDEX resource_types_resource_config_id ON resource_types USING btree (resource_config_id);



CREATE INDEX resources_pipeline_id ON resources USING btree (pipeline_id);



CREATE INDEX resources_resource_config_id ON resources USING btree (resource_config_id);



CREATE UNIQUE INDEX transition_builds_per_job_id ON transition_builds_per_job USING btree (id);



CREATE INDEX versioned_resources_resource_id_idx ON versioned_resources USING btree (resource_id);



CREATE UNIQUE INDEX versioned_resources_resource_id_type_version ON versioned_resources USING btree (resource_id, type, md5(version));



CREATE INDEX volumes_container_id ON volumes USING btree (container_id);



CREATE UNIQUE INDEX volumes_handle ON volumes USING btree (handle);



CREATE INDEX volumes_parent_id ON volumes USING btree (parent_id);



CREATE INDEX volumes_team_id ON volumes USING btree (team_id);



CREATE INDEX volumes_worker_base_resource_type_id ON volumes USING btree (worker_base_resource_type_id);



CREATE INDEX volumes_worker_name ON volumes USING btree (worker_name);



CREATE INDEX volumes_worker_resource_cache_id ON volumes USING btree (worker_resource_cache_id);



CREATE UNIQUE INDEX volumes_worker_resource_cache_unique ON volumes USING btree (worker_resource_cache_id);



CREATE INDEX volumes_worker_task_cache_id ON volumes USING btree (worker_task_cache_id);



CREATE INDEX worker_base_resource_types_base_resource_type_id ON worker_base_resource_types USING btree (base_resource_type_id);



CREATE INDEX worker_base_resource_types_worker_name ON worker_base_resource_types USING btree (worker_name);



CREATE INDEX worker_resource_caches_resource_cache_id ON worker_resource_caches USING btree (resource_cache_id);



CREATE INDEX worker_resource_caches_worker_base_resource_type_id ON worker_resource_caches USING btree (worker_base_resource_type_id);



CREATE INDEX worker_resource_config_check_sessions_resource_config_check_ses ON worker_resource_config_check_sessions USING btree (resource_config_check_session_id);



CREATE INDEX worker_resource_config_check_sessions_worker_base_resource_type ON worker_resource_config_check_sessions USING btree (worker_base_resource_type_id);



CREATE INDEX worker_task_caches_job_id ON worker_task_caches USING btree (job_id);



CREATE INDEX worker_task_caches_worker_name ON worker_task_caches USING btree (worker_name);



CREATE INDEX workers_team_id ON workers USING btree (team_id);



ALTER TABLE ONLY build_image_resource_caches
    ADD CONSTRAINT build_image_resource_caches_build_id_fkey FOREIGN KEY (build_id) REFERENCES builds(id) ON DELETE CASCADE;



ALTER TABLE ONLY build_image_resource_caches
    ADD CONSTRAINT build_image_resource_caches_resource_cache_id_fkey FOREIGN KEY (resource_cache_id) REFERENCES resource_caches(id) ON DELETE RESTRICT;



ALTER TABLE ONLY build_inputs
    ADD CONSTRAINT build_inputs_build_id_fkey FOREIGN KEY (build_id) REFERENCES builds(id) ON DELETE CASCADE;



ALTER TABLE ONLY build_inputs
    ADD CONSTRAINT build_inputs_versioned_resource_id_fkey FOREIGN KEY (versioned_resource_id) REFERENCES versioned_resources(id) ON DELETE CASCADE;



ALTER TABLE ONLY build_outputs
    ADD CONSTRAINT build_outputs_build_id_fkey FOREIGN KEY (build_id) REFERENCES builds(id) ON DELETE CASCADE;



ALTER TABLE ONLY build_outputs
    ADD CONSTRAINT build_outputs_versioned_resource_id_fkey FOREIGN KEY (versioned_resource_id) REFERENCES versioned_resources(id) ON DELETE CASCADE;



ALTER TABLE ONLY builds
    ADD CONSTRAINT builds_pipeline_id_fkey FOREIGN KEY (pipeline_id) REFERENCES pipelines(id) ON DELETE CASCADE;



ALTER TABLE ONLY builds
    ADD CONSTRAINT builds_team_id_fkey FOREIGN KEY (team_id) REFERENCES teams(id) ON DELETE CASCADE;



ALTER TABLE ONLY containers
    ADD CONSTRAINT containers_build_id_fkey FOREIGN KEY (build_id) REFERENCES builds(id) ON DELETE SET NULL;



ALTER TABLE ONLY containers
    ADD CONSTRAINT containers_image_check_container_id_fkey FOREIGN KEY (image_check_container_id) REFERENCES containers(id) ON DELETE SET NULL;



ALTER TABLE ONLY containers
    ADD CONSTRAINT containers_image_get_container_id_fkey FOREIGN KEY (image_get_container_id) REFERENCES containers(id) ON DELETE SET NULL;



ALTER TABLE ONLY containers
    ADD CONSTRAINT containers_team_id_fkey FOREIGN KEY (team_id) REFERENCES teams(id) ON DELETE SET NULL;



ALTER TABLE ONLY containers
    ADD CONSTRAINT containers_worker_name_fkey FOREIGN KEY (worker_name) REFERENCES workers(name) ON DELETE CASCADE;



ALTER TABLE ONLY containers
    ADD CONSTRAINT containers_worker_resource_config_check_session_id_fkey FOREIGN KEY (worker_resource_config_check_session_id) REFERENCES worker_resource_config_check_sessions(id) ON DELETE SET NULL;



ALTER TABLE ONLY volumes
    ADD CONSTRAINT fkey_container_id FOREIGN KEY (container_id) REFERENCES containers(id) ON DELETE SET NULL;



ALTER TABLE ONLY jobs_serial_groups
    ADD CONSTRAINT fkey_job_id FOREIGN KEY (job_id) REFERENCES jobs(id) ON DELETE CASCADE;



ALTER TABLE ONLY builds
    ADD CONSTRAINT fkey_job_id FOREIGN KEY (job_id) REFERENCES jobs(id) ON DELETE CASCADE;



ALTER TABLE ONLY versioned_resources
    ADD CONSTRAINT fkey_resource_id FOREIGN KEY (resource_id) REFERENCES resources(id) ON DELETE CASCADE;



ALTER TABLE ONLY independent_build_inputs
    ADD CONSTRAINT independent_build_inputs_job_id_fkey FOREIGN KEY (job_id) REFERENCES jobs(id) ON DELETE CASCADE;



ALTER TABLE ONLY independent_build_inputs
    ADD CONSTRAINT independent_build_inputs_version_id_fkey FOREIGN KEY (version_id) REFERENCES versioned_resources(id) ON DELETE CASCADE;



ALTER TABLE ONLY jobs
    ADD CONSTRAINT jobs_pipeline_id_fkey FOREIGN KEY (pipeline_id) REFERENCES pipelines(id) ON DELETE CASCADE;



ALTER TABLE ONLY next_build_inputs
    ADD CONSTRAINT next_build_inputs_job_id_fkey FOREIGN KEY (job_id) REFERENCES jobs(id) ON DELETE CASCADE;



ALTER TABLE ONLY next_build_inputs
    ADD CONSTRAINT next_build_inputs_version_id_fkey FOREIGN KEY (version_id) REFERENCES versioned_resources(id) ON DELETE CASCADE;



ALTER TABLE ONLY pipelines
    ADD CONSTRAINT pipelines_team_id_fkey FOREIGN KEY (team_id) REFERENCES teams(id) ON DELETE CASCADE;



ALTER TABLE ONLY pipes
    ADD CONSTRAINT pipes_team_id_fkey FOREIGN KEY (team_id) REFERENCES teams(id) ON DELETE CASCADE;



ALTER TABLE ONLY resource_cache_uses
    ADD CONSTRAINT resource_cache_uses_build_id_fkey FOREIGN KEY (build_id) REFERENCES builds(id) ON DELETE CASCADE;



ALTER TABLE ONLY resource_cache_uses
    ADD CONSTRAINT resource_cache_uses_container_id_fkey FOREIGN KEY (container_id) REFERENCES containers(id) ON DELETE CASCADE;



ALTER TABLE ONLY resource_cache_uses
    ADD CONSTRAINT resource_cache_uses_resource_cache_id_fkey FOREIGN KEY (resource_cache_id) REFERENCES resource_caches(id) ON DELETE RESTRICT;



ALTER TABLE ONLY resource_caches
    ADD CONSTRAINT resource_caches_resource_config_id_fkey FOREIGN KEY (resource_config_id) REFERENCES resource_configs(id) ON DELETE RESTRICT;



ALTER TABLE ONLY resource_config_check_sessions
    ADD CONSTRAINT resource_config_check_sessions_resource_config_id_fkey FOREIGN KEY (resource_config_id) REFERENCES resource_configs(id) ON DELETE RESTRICT;



ALTER TABLE ONLY resource_configs
    ADD CONSTRAINT resource_configs_base_resource_type_id_fkey FOREIGN KEY (base_resource_type_id) REFERENCES base_resource_types(id) ON DELETE CASCADE;



ALTER TABLE ONLY resource_configs
    ADD CONSTRAINT resource_configs_resource_cache_id_fkey FOREIGN KEY (resource_cache_id) REFERENCES resource_caches(id) ON DELETE RESTRICT;



ALTER TABLE ONLY resource_types
    ADD CONSTRAINT resource_types_pipeline_id_fkey FOREIGN KEY (pipeline_id) REFERENCES pipelines(id) ON DELETE CASCADE;



ALTER TABLE ONLY resource_types
    ADD CONSTRAINT resource_types_resource_config_id_fkey FOREIGN KEY (resource_config_id) REFERENCES resource_configs(id) ON DELETE SET NULL;



ALTER TABLE ONLY resources
    ADD CONSTRAINT resources_pipeline_id_fkey FOREIGN KEY (pipeline_id) REFERENCES pipelines(id) ON DELETE CASCADE;



ALTER TABLE ONLY resources
    ADD CONSTRAINT resources_resource_config_id_fkey FOREIGN KEY (resource_config_id) REFERENCES resource_configs(id) ON DELETE SET NULL;



ALTER TABLE ONLY volumes
    ADD CONSTRAINT volumes_parent_id_fkey FOREIGN KEY (parent_id, parent_state) REFERENCES volumes(id, state) ON DELETE RESTRICT;



ALTER TABLE ONLY volumes
    ADD CONSTRAINT volumes_team_id_fkey FOREIGN KEY (team_id) REFERENCES teams(id) ON DELETE SET NULL;



ALTER TABLE ONLY volumes
    ADD CONSTRAINT volumes_worker_base_resource_type_id_fkey FOREIGN KEY (worker_base_resource_type_id) REFERENCES worker_base_resource_types(id) ON DELETE SET NULL;



ALTER TABLE ONLY volumes
    ADD CONSTRAINT volumes_worker_name_fkey FOREIGN KEY (worker_name) REFERENCES workers(name) ON DELETE CASCADE;



ALTER TABLE ONLY volumes
    ADD CONSTRAINT volumes_worker_resource_cache_id_fkey FOREIGN KEY (worker_resource_cache_id) REFERENCES worker_resource_caches(id) ON DELETE SET NULL;



ALTER TABLE ONLY volumes
    ADD CONSTRAINT volumes_worker_task_cache_id_fkey FOREIGN KEY (worker_task_cache_id) REFERENCES worker_task_caches(id) ON DELETE SET NULL;



ALTER TABLE ONLY worker_base_resource_types
    ADD CONSTRAINT worker_base_resource_types_base_resource_type_id_fkey FOREIGN KEY (base_resource_type_id) REFERENCES base_resource_types(id) ON DELETE RESTRICT;



ALTER TABLE ONLY worker_base_resource_types
    ADD CONSTRAINT worker_base_resource_types_worker_name_fkey FOREIGN KEY (worker_name) REFERENCES workers(name) ON DELETE CASCADE;



ALTER TABLE ONLY worker_resource_caches
    ADD CONSTRAINT worker_resource_caches_resource_cache_id_fkey FOREIGN KEY (resource_cache_id) REFERENCES resource_caches(id) ON DELETE CASCADE;



ALTER TABLE ONLY worker_resource_caches
    ADD CONSTRAINT worker_resource_caches_worker_base_resource_type_id_fkey FOREIGN KEY (worker_base_resource_type_id) REFERENCES worker_base_resource_types(id) ON DELETE CASCADE;



ALTER TABLE ONLY worker_resource_config_check_sessions
    ADD CONSTRAINT worker_resource_config_check__resource_config_check_sessio_fkey FOREIGN KEY (resource_config_check_session_id) REFERENCES resource_config_check_sessions(id) ON DELETE CASCADE;



ALTER TABLE ONLY worker_resource_config_check_sessions
    ADD CONSTRAINT worker_resource_config_check__worker_base_resource_type_id_fkey FOREIGN KEY (worker_base_resource_type_id) REFERENCES worker_base_resource_types(id) ON DELETE CASCADE;



ALTER TABLE ONLY worker_resource_config_check_sessions
    ADD CONSTRAINT worker_resource_config_check_sessions_team_id_fkey FOREIGN KEY (team_id) REFERENCES teams(id) ON DELETE CASCADE;



ALTER TABLE ONLY worker_task_caches
    ADD CONSTRAINT worker_task_caches_job_id_fkey FOREIGN KEY (job_id) REFERENCES jobs(id) ON DELETE CASCADE;



ALTER TABLE ONLY worker_task_caches
    ADD CONSTRAINT worker_task_caches_worker_name_fkey FOREIGN KEY (worker_name) REFERENCES workers(name) ON DELETE CASCADE;



ALTER TABLE ONLY workers
    ADD CONSTRAINT workers_team_id_fkey FOREIGN KEY (team_id) REFERENCES teams(id) ON DELETE CASCADE;




;
-- ===== 1510670987_update_unique_constraint_for_resource_caches.up.sql

ALTER TABLE resource_caches DROP CONSTRAINT resource_caches_resource_config_id_version_params_hash_key;

CREATE UNIQUE INDEX resource_caches_resource_config_id_version_params_hash_key ON resource_caches (resource_config_id, md5(version), params_hash);


;
-- ===== 1513895878_update_timestamp_with_timezone.up.sql

  ALTER TABLE build_inputs
    ALTER COLUMN modified_time TYPE timestamp with time zone;




  ALTER TABLE build_outputs
    ALTER COLUMN modified_time TYPE timestamp with time zone;



  ALTER TABLE cache_invalidator
    ALTER COLUMN last_invalidated TYPE timestamp with time zone;
  ALTER TABLE cache_invalidator
    ALTER COLUMN last_invalidated SET DEFAULT '1970-01-01 00:00:00'::timestamp with time zone;



  ALTER TABLE containers
    ALTER COLUMN best_if_used_by TYPE timestamp with time zone;



  ALTER TABLE pipelines
    ALTER COLUMN last_scheduled TYPE timestamp with time zone;
  ALTER TABLE pipelines
    ALTER COLUMN last_scheduled SET DEFAULT '1970-01-01 00:00:00'::timestamp with time zone;



  ALTER TABLE resource_types
    ALTER COLUMN last_checked TYPE timestamp with time zone;
  ALTER TABLE resource_types
    ALTER COLUMN last_checked SET DEFAULT '1970-01-01 00:00:00'::timestamp with time zone;



  ALTER TABLE resources
    ALTER COLUMN last_checked TYPE timestamp with time zone;
  ALTER TABLE resources
    ALTER COLUMN last_checked DROP DEFAULT;
  ALTER TABLE resources
    ALTER COLUMN last_checked DROP NOT NULL;



  ALTER TABLE versioned_resources
    ALTER COLUMN modified_time TYPE timestamp with time zone;


;
-- ===== 1516643303_update_auth_providers.up.sql
ALTER TABLE teams DROP COLUMN IF EXISTS basic_auth;

;
-- ===== 1517330648_add_worker_resource_certs.up.sql

ALTER TABLE "workers" ADD COLUMN "certs_path" text;
CREATE TABLE "worker_resource_certs" (
    "id" serial,
    "worker_name" text,
    "certs_path" text,
    PRIMARY KEY ("id"),
    CONSTRAINT "worker_resource_certs_worker_name_fkey" FOREIGN KEY ("worker_name") REFERENCES "workers"("name") ON DELETE CASCADE ON UPDATE SET NULL
);
ALTER TABLE "volumes"
ADD COLUMN "worker_resource_certs_id" integer,
ADD CONSTRAINT "worker_resource_certs_id_fkey" FOREIGN KEY ("worker_resource_certs_id") REFERENCES "worker_resource_certs"("id") ON DELETE SET NULL,
DROP CONSTRAINT "cannot_invalidate_during_initialization",
ADD CONSTRAINT "cannot_invalidate_during_initialization" CHECK ((state = ANY (ARRAY['created'::volume_state, 'destroying'::volume_state, 'failed'::volume_state])) AND worker_resource_cache_id IS NULL AND worker_base_resource_type_id IS NULL AND worker_task_cache_id IS NULL AND container_id IS NULL OR worker_resource_cache_id IS NOT NULL OR worker_base_resource_type_id IS NOT NULL OR worker_task_cache_id IS NOT NULL OR container_id IS NOT NULL OR worker_resource_certs_id IS NOT NULL);



;
-- ===== 1517585875_add_name_index_to_builds.up.sql

CREATE INDEX builds_name ON builds USING btree (name);


;
-- ===== 1520369727_drop_constraint_cannot_invalidate_during_initialization_from_volumes.up.sql

ALTER TABLE "volumes"
DROP CONSTRAINT "cannot_invalidate_during_initialization";


;
-- ===== 1520796340_drop_explicit_from_build_outputs.up.sql

DELETE FROM "build_outputs" WHERE NOT "explicit";
ALTER TABLE "build_outputs" DROP COLUMN "explicit";


;
-- ===== 1520950708_add_tracked_by_to_builds.up.sql

ALTER TABLE builds ADD COLUMN tracked_by text;

DROP MATERIALIZED VIEW transition_builds_per_job;
DROP MATERIALIZED VIEW next_builds_per_job;
DROP MATERIALIZED VIEW latest_completed_builds_per_job;

CREATE MATERIALIZED VIEW latest_completed_builds_per_job AS
 WITH latest_build_ids_per_job AS (
         SELECT max(b_1.id) AS build_id
           FROM (builds b_1
             JOIN jobs j ON ((j.id = b_1.job_id)))
          WHERE (b_1.status <> ALL (ARRAY['pending'::build_status, 'started'::build_status]))
          GROUP BY b_1.job_id
        )
 SELECT b.id,
    b.name,
    b.status,
    b.scheduled,
    b.start_time,
    b.end_time,
    b.engine,
    b.engine_metadata,
    b.completed,
    b.job_id,
    b.reap_time,
    b.team_id,
    b.manually_triggered,
    b.interceptible,
    b.nonce,
    b.public_plan,
    b.pipeline_id,
    b.tracked_by
   FROM (builds b
     JOIN latest_build_ids_per_job l ON ((l.build_id = b.id)))
  WITH NO DATA;
CREATE UNIQUE INDEX latest_completed_builds_per_job_id ON latest_completed_builds_per_job USING btree (id);
REFRESH MATERIALIZED VIEW latest_completed_builds_per_job;

CREATE MATERIALIZED VIEW next_builds_per_job AS
 WITH latest_build_ids_per_job AS (
         SELECT min(b_1.id) AS build_id
           FROM (builds b_1
             JOIN jobs j ON ((j.id = b_1.job_id)))
          WHERE (b_1.status = ANY (ARRAY['pending'::build_status, 'started'::build_status]))
          GROUP BY b_1.job_id
        )
 SELECT b.id,
    b.name,
    b.status,
    b.scheduled,
    b.start_time,
    b.end_time,
    b.engine,
    b.engine_metadata,
    b.completed,
    b.job_id,
    b.reap_time,
    b.team_id,
    b.manually_triggered,
    b.interceptible,
    b.nonce,
    b.public_plan,
    b.pipeline_id,
    b.tracked_by
   FROM (builds b
     JOIN latest_build_ids_per_job l ON ((l.build_id = b.id)))
  WITH NO DATA;
CREATE UNIQUE INDEX next_builds_per_job_id ON next_builds_per_job USING btree (id);
REFRESH MATERIALIZED VIEW next_builds_per_job;

CREATE MATERIALIZED VIEW transition_builds_per_job AS
 WITH builds_before_transition AS (
         SELECT b_1.job_id,
            max(b_1.id) AS max
           FROM ((builds b_1
             LEFT JOIN jobs j ON ((b_1.job_id = j.id)))
             LEFT JOIN latest_completed_builds_per_job s ON ((b_1.job_id = s.job_id)))
          WHERE ((b_1.status <> s.status) AND (b_1.status <> ALL (ARRAY['pending'::build_status, 'started'::build_status])))
          GROUP BY b_1.job_id
        )
 SELECT DISTINCT ON (b.job_id) b.id,
    b.name,
    b.status,
    b.scheduled,
    b.start_time,
    b.end_time,
    b.engine,
    b.engine_metadata,
    b.completed,
    b.job_id,
    b.reap_time,
    b.team_id,
    b.manually_triggered,
    b.interceptible,
    b.nonce,
    b.public_plan,
    b.pipeline_id,
    b.tracked_by
   FROM (builds b
     LEFT JOIN builds_before_transition ON ((b.job_id = builds_before_transition.job_id)))
  WHERE (((builds_before_transition.max IS NULL) AND (b.status <> ALL (ARRAY['pending'::build_status, 'started'::build_status]))) OR (b.id > builds_before_transition.max))
  ORDER BY b.job_id, b.id
  WITH NO DATA;
CREATE UNIQUE INDEX transition_builds_per_job_id ON transition_builds_per_job USING btree (id);
REFRESH MATERIALIZED VIEW transition_builds_per_job;


;
-- ===== 1521209088_drop_pipes.up.sql

DROP TABLE pipes;


;
-- ===== 1522176230_add_tags_to_jobs.up.sql


ALTER TABLE jobs ADD COLUMN tags text[];



;
-- ===== 1523974520_add_worker_reaper_addr.up.sql


ALTER TABLE workers ADD COLUMN reaper_addr text;



;
-- ===== 1524079655_update_reaper_addr_with_default_value.up.sql


ALTER TABLE workers ALTER COLUMN reaper_addr SET DEFAULT ''::text;



;
-- ===== 1525442981_create_version_resources_check_order_index.up.sql

CREATE INDEX versioned_resources_check_order ON versioned_resources (check_order DESC);


;
-- ===== 1525724789_drop_reaper_addr_from_workers.up.sql


ALTER TABLE workers DROP COLUMN reaper_addr;



;
-- ===== 1528314953_drop_versioned_resources_check_order_index.up.sql

DROP INDEX IF EXISTS versioned_resources_check_order;


;
-- ===== 1528470872_add_global_users.up.sql
ALTER TABLE teams RENAME COLUMN auth TO legacy_auth;
ALTER TABLE teams ADD COLUMN auth text;

;
-- ===== 1529692120_add_cache_index_to_pipelines.up.sql

ALTER TABLE pipelines ADD COLUMN cache_index integer NOT NULL DEFAULT 1;
ALTER TABLE versioned_resources DROP COLUMN modified_time;
ALTER TABLE build_inputs DROP COLUMN modified_time;
ALTER TABLE build_outputs DROP COLUMN modified_time;


;
-- ===== 1530037770_replace_materialized_views_with_joins.up.sql

ALTER TABLE jobs
ADD COLUMN latest_completed_build_id integer REFERENCES builds (id) ON DELETE SET NULL,
ADD COLUMN next_build_id integer REFERENCES builds (id) ON DELETE SET NULL,
ADD COLUMN transition_build_id integer REFERENCES builds (id) ON DELETE SET NULL;

CREATE INDEX jobs_latest_completed_build_id ON jobs (latest_completed_build_id);
CREATE INDEX jobs_next_build_id ON jobs (next_build_id);
CREATE INDEX jobs_transition_build_id ON jobs (transition_build_id);

UPDATE jobs j SET latest_completed_build_id = v.id FROM latest_completed_builds_per_job v WHERE v.job_id = j.id;
UPDATE jobs j SET next_build_id = v.id FROM next_builds_per_job v WHERE v.job_id = j.id;
UPDATE jobs j SET transition_build_id = v.id FROM transition_builds_per_job v WHERE v.job_id = j.id;

-- these are to be done in a later release
-- DROP MATERIALIZED VIEW transition_builds_per_job;
-- DROP MATERIALIZED VIEW next_builds_per_job;
-- DROP MATERIALIZED VIEW latest_completed_builds_per_job;


;
-- ===== 1530823998_create_teams_trigger.up.sql

CREATE OR REPLACE FUNCTION on_team_delete() RETURNS TRIGGER AS $$
BEGIN
        EXECUTE format('DROP TABLE IF EXISTS team_build_events_%s', OLD.id);
        RETURN NULL;
END;
$$ LANGUAGE plpgsql;


CREATE OR REPLACE FUNCTION on_team_insert() RETURNS TRIGGER AS $$
BEGIN
        EXECUTE format('CREATE TABLE IF NOT EXISTS team_build_events_%s () INHERITS (build_events)', NEW.id);
        RETURN NULL;
END;
$$ LANGUAGE plpgsql;


DROP TRIGGER IF EXISTS team_build_events_delete_trigger ON teams;
CREATE TRIGGER team_build_events_delete_trigger AFTER DELETE on teams FOR EACH ROW EXECUTE PROCEDURE on_team_delete();

DROP TRIGGER IF EXISTS team_build_events_insert_trigger ON teams;
CREATE TRIGGER team_build_events_insert_trigger AFTER INSERT on teams FOR EACH ROW EXECUTE PROCEDURE on_team_insert();



;
-- ===== 1530824006_create_pipelines_trigger.up.sql

CREATE OR REPLACE FUNCTION on_pipeline_delete() RETURNS TRIGGER AS $$
BEGIN
        EXECUTE format('DROP TABLE IF EXISTS pipeline_build_events_%s', OLD.id);
        RETURN NULL;
END;
$$ LANGUAGE plpgsql;


CREATE OR REPLACE FUNCTION on_pipeline_insert() RETURNS TRIGGER AS $$
BEGIN
        EXECUTE format('CREATE TABLE IF NOT EXISTS pipeline_build_events_%s () INHERITS (build_events)', NEW.id);
        EXECUTE format('CREATE INDEX IF NOT EXISTS pipeline_build_events_%s_build_id ON pipeline_build_events_%s (build_id)', NEW.id, NEW.id);
        EXECUTE format('CREATE UNIQUE INDEX IF NOT EXISTS pipeline_build_events_%s_build_id_event_id ON pipeline_build_events_%s (build_id, event_id)', NEW.id, NEW.id);
        RETURN NULL;
END;
$$ LANGUAGE plpgsql;


DROP TRIGGER IF EXISTS pipeline_build_events_delete_trigger ON pipelines;
CREATE TRIGGER pipeline_build_events_delete_trigger AFTER DELETE on pipelines FOR EACH ROW EXECUTE PROCEDURE on_pipeline_delete();

DROP TRIGGER IF EXISTS pipeline_build_events_insert_trigger ON pipelines;
CREATE TRIGGER pipeline_build_events_insert_trigger AFTER INSERT on pipelines FOR EACH ROW EXECUTE PROCEDURE on_pipeline_insert();


;
-- ===== 1532706545_add_ephemeral_workers.up.sql

ALTER TABLE "workers" ADD COLUMN "ephemeral" boolean;



;
-- ===== 1533136021_upsert_uniqueness.up.sql

CREATE UNIQUE INDEX worker_resource_caches_uniq
ON worker_resource_caches (resource_cache_id, worker_base_resource_type_id);

CREATE UNIQUE INDEX worker_task_caches_uniq
ON worker_task_caches (job_id, step_name, worker_name, path);

DELETE FROM worker_resource_config_check_sessions r1
USING worker_resource_config_check_sessions r2
WHERE r1.id < r2.id
AND r1.resource_config_check_session_id = r2.resource_config_check_session_id
AND r1.worker_base_resource_type_id = r2.worker_base_resource_type_id
AND r1.team_id = r2.team_id;

CREATE UNIQUE INDEX worker_resource_config_check_sessions_uniq
ON worker_resource_config_check_sessions (resource_config_check_session_id, worker_base_resource_type_id, team_id);


;
-- ===== 1533739478_drop_unused_volume_columns.up.sql

ALTER TABLE volumes
DROP COLUMN resource_version,
DROP COLUMN resource_hash,
DROP COLUMN original_volume_handle,
DROP COLUMN output_name,
DROP COLUMN host_path_version,
DROP COLUMN replicated_from;


;
-- ===== 1533934775_add_drained_to_builds.up.sql

ALTER TABLE builds ADD COLUMN drained boolean NOT NULL DEFAULT TRUE;
ALTER TABLE builds ALTER COLUMN drained SET DEFAULT FALSE;


;
-- ===== 1537196857_add_team_roles.up.sql

UPDATE teams SET auth=json_build_object('owner', auth::json);


;
-- ===== 1537197729_change_addr_when_running_constraint.up.sql

ALTER TABLE "workers"
DROP CONSTRAINT IF EXISTS "addr_when_running",
ADD CONSTRAINT "addr_when_running" CHECK (((state <> 'stalled'::worker_state) AND (state <> 'landed'::worker_state) AND ((addr IS NOT NULL) OR (baggageclaim_url IS NOT NULL))) OR (state = 'stalled'::worker_state) OR (state = 'landed'::worker_state)) ;


;
-- ===== 1537467395_add_missing_since_to_containers_and_volumes.up.sql

ALTER TABLE containers ADD COLUMN missing_since timestamp without time zone;
ALTER TABLE volumes ADD COLUMN missing_since timestamp without time zone;


;
-- ===== 1537546150_global_resource_version_history.up.sql


CREATE TABLE resource_config_versions (
    "id" serial NOT NULL PRIMARY KEY,
    "resource_config_id" integer NOT NULL REFERENCES resource_configs (id) ON DELETE CASCADE,
    "version" jsonb NOT NULL,
    "version_md5" text NOT NULL,
    "metadata" jsonb NOT NULL DEFAULT 'null',
    "check_order" integer NOT NULL DEFAULT 0
);

ALTER TABLE resource_config_versions
  ADD CONSTRAINT "resource_config_id_and_version_md5_unique" UNIQUE ("resource_config_id", "version_md5");

CREATE TABLE resource_disabled_versions (
  "resource_id" integer NOT NULL REFERENCES resources (id) ON DELETE CASCADE,
  "version_md5" text NOT NULL
);

CREATE UNIQUE INDEX resource_disabled_versions_resource_id_version_md5_uniq
ON resource_disabled_versions (resource_id, version_md5);

INSERT INTO resource_disabled_versions (resource_id, version_md5)
SELECT vr.resource_id, md5(vr.version)
FROM versioned_resources vr
WHERE NOT enabled
ON CONFLICT DO NOTHING;

ALTER TABLE resource_configs
  ADD COLUMN last_checked timestamp with time zone NOT NULL DEFAULT '1970-01-01 00:00:00',
  ADD COLUMN check_error text;

ALTER TABLE resource_types
  ADD COLUMN check_error text;

CREATE TABLE build_resource_config_version_inputs (
    "build_id" integer NOT NULL REFERENCES builds (id) ON DELETE CASCADE,
    "resource_id" integer NOT NULL REFERENCES resources (id) ON DELETE CASCADE,
    "version_md5" text NOT NULL,
    "name" text NOT NULL
);

CREATE UNIQUE INDEX build_resource_config_version_inputs_uniq
ON build_resource_config_version_inputs (build_id, resource_id, version_md5, name);

INSERT INTO build_resource_config_version_inputs (build_id, resource_id, version_md5, name)
SELECT bi.build_id, vr.resource_id, md5(vr.version), bi.name
FROM build_inputs bi, versioned_resources vr
WHERE bi.versioned_resource_id = vr.id
ON CONFLICT DO NOTHING;

CREATE TABLE build_resource_config_version_outputs (
    "build_id" integer NOT NULL REFERENCES builds (id) ON DELETE CASCADE,
    "resource_id" integer NOT NULL REFERENCES resources (id) ON DELETE CASCADE,
    "version_md5" text NOT NULL,
    "name" text NOT NULL
);

CREATE UNIQUE INDEX build_resource_config_version_outputs_uniq
ON build_resource_config_version_outputs (build_id, resource_id, version_md5, name);

INSERT INTO build_resource_config_version_outputs (build_id, resource_id, version_md5, name)
SELECT bo.build_id, vr.resource_id, md5(vr.version), r.name
FROM build_outputs bo, versioned_resources vr, resources r
WHERE bo.versioned_resource_id = vr.id AND vr.resource_id = r.id
ON CONFLICT DO NOTHING;

TRUNCATE TABLE next_build_inputs;

ALTER TABLE next_build_inputs
  ADD COLUMN resource_config_version_id integer NOT NULL REFERENCES resource_config_versions (id) ON DELETE CASCADE,
  ADD COLUMN resource_id integer NOT NULL REFERENCES resources (id) ON DELETE CASCADE,
  DROP COLUMN version_id;

CREATE INDEX next_build_inputs_resource_config_version_id ON next_build_inputs (resource_config_version_id);

TRUNCATE TABLE independent_build_inputs;

ALTER TABLE independent_build_inputs
  ADD COLUMN resource_config_version_id integer NOT NULL REFERENCES resource_config_versions (id) ON DELETE CASCADE,
  ADD COLUMN resource_id integer NOT NULL REFERENCES resources (id) ON DELETE CASCADE,
  DROP COLUMN version_id;

CREATE INDEX independent_build_inputs_resource_config_version_id ON independent_build_inputs (resource_config_version_id);

DROP INDEX resource_caches_resource_config_id_version_params_hash_key;

ALTER TABLE resource_caches ALTER COLUMN version TYPE jsonb USING version::jsonb;

CREATE UNIQUE INDEX resource_caches_resource_config_id_version_params_hash_uniq
ON resource_caches (resource_config_id, md5(version::text), params_hash);

ALTER TABLE worker_resource_config_check_sessions
  DROP COLUMN team_id;

DELETE FROM worker_resource_config_check_sessions;

CREATE UNIQUE INDEX worker_resource_config_check_sessions_uniq
ON worker_resource_config_check_sessions (resource_config_check_session_id, worker_base_resource_type_id);

ALTER TABLE resources
  DROP COLUMN last_checked,
  DROP CONSTRAINT resources_resource_config_id_fkey,
  ADD CONSTRAINT resources_resource_config_id_fkey FOREIGN KEY (resource_config_id) REFERENCES resource_configs(id) ON DELETE RESTRICT;

ALTER TABLE resource_types
  DROP COLUMN last_checked,
  DROP COLUMN version;



;
-- ===== 1538408345_add_api_pinned_version_to_resources.up.sql

ALTER TABLE resources
  ADD COLUMN api_pinned_version jsonb;

WITH latest_resource_versions AS (
  SELECT DISTINCT ON (resource_id)
    resource_id, version
  FROM versioned_resources
  ORDER BY resource_id, check_order DESC
) UPDATE resources r
  SET api_pinned_version = v.version::jsonb
  FROM latest_resource_versions v
  WHERE r.id = v.resource_id
  AND r.paused = TRUE;


;
-- ===== 1538493253_split_resource_config_unique_constraint.up.sql

ALTER TABLE ONLY resource_configs
    DROP CONSTRAINT resource_configs_resource_cache_id_base_resource_type_id_so_key,
    ADD CONSTRAINT resource_configs_resource_cache_id_so_key UNIQUE (resource_cache_id, source_hash),
    ADD CONSTRAINT resource_configs_base_resource_type_id_so_key UNIQUE (base_resource_type_id, source_hash);


;
-- ===== 1543420137_remove_worker_resource_config_check_sessions.up.sql

ALTER TABLE containers
    DROP COLUMN worker_resource_config_check_session_id;

DROP TABLE worker_resource_config_check_sessions;

TRUNCATE TABLE resource_config_check_sessions;

ALTER TABLE resource_config_check_sessions
    ADD COLUMN worker_base_resource_type_id integer,
    ADD CONSTRAINT resource_config_check_sessions_worker_base_resource_type_id_fkey FOREIGN KEY (worker_base_resource_type_id) REFERENCES worker_base_resource_types(id) ON DELETE CASCADE;

CREATE UNIQUE INDEX resource_config_check_sessions_uniq
ON resource_config_check_sessions (resource_config_id, worker_base_resource_type_id);

ALTER TABLE containers
    ADD COLUMN resource_config_check_session_id integer,
    ADD CONSTRAINT containers_resource_config_check_session_id_fkey FOREIGN KEY (resource_config_check_session_id) REFERENCES resource_config_check_sessions(id) ON DELETE SET NULL;

CREATE INDEX containers_resource_config_check_session_id ON containers USING btree (resource_config_check_session_id);


;
-- ===== 1543523136_add_active_volume_to_workers.up.sql

ALTER TABLE workers ADD COLUMN active_volumes integer DEFAULT 0;


;
-- ===== 1544632261_add_constraint_on_resource_config_id_to_resource_types.up.sql

ALTER TABLE resource_types
  DROP CONSTRAINT resource_types_resource_config_id_fkey,
  ADD CONSTRAINT resource_types_resource_config_id_fkey FOREIGN KEY (resource_config_id) REFERENCES resource_configs(id) ON DELETE RESTRICT;


;
-- ===== 1547650558_add_pin_comment_to_resources.up.sql

ALTER TABLE resources
  ADD COLUMN pin_comment text;

UPDATE resources
SET pin_comment = 'This resource is now pinned as a result of upgrading your Concourse. View the v5.0.0 release notes for more information.'
WHERE api_pinned_version IS NOT NULL;


;
-- ===== 1548260637_cleanup_unused_objects.up.sql

DROP TYPE volume_state_old;
DROP TYPE container_state_old;
ALTER TABLE containers DROP COLUMN best_if_used_by;


;
-- ===== 1548261622_add_unique_version_history.up.sql

ALTER TABLE resource_configs
  ADD COLUMN unique_versions_resource_id integer,
  ADD CONSTRAINT resource_configs_unique_versions_resource_id_fkey FOREIGN KEY (unique_versions_resource_id) REFERENCES resources(id) ON DELETE CASCADE,
  DROP CONSTRAINT resource_configs_resource_cache_id_so_key,
  DROP CONSTRAINT resource_configs_base_resource_type_id_so_key,
  ADD CONSTRAINT resource_configs_resource_cache_id_so_unique_versions_resource_id_key UNIQUE (resource_cache_id, source_hash, unique_versions_resource_id),
  ADD CONSTRAINT resource_configs_base_resource_type_id_so_unique_versions_resource_id_key UNIQUE (base_resource_type_id, source_hash, unique_versions_resource_id);

ALTER TABLE base_resource_types
  ADD COLUMN unique_version_history boolean NOT NULL DEFAULT false;


;
-- ===== 1548261635_create_table_resource_config_scopes.up.sql


CREATE TABLE resource_config_scopes (
  "id" serial NOT NULL PRIMARY KEY,
  "resource_config_id" integer NOT NULL REFERENCES resource_configs (id) ON DELETE CASCADE,
  "resource_id" integer REFERENCES resources (id) ON DELETE CASCADE,
  "last_checked" timestamp with time zone NOT NULL DEFAULT '1970-01-01 00:00:00',
  "check_error" text
);

CREATE UNIQUE INDEX resource_config_scopes_resource_id_resource_config_id_uniq
ON resource_config_scopes (resource_id, resource_config_id)
WHERE resource_id IS NOT NULL;

CREATE UNIQUE INDEX resource_config_scopes_resource_config_id_uniq
ON resource_config_scopes (resource_config_id)
WHERE resource_id IS NULL;

ALTER TABLE resource_configs
  DROP COLUMN unique_versions_resource_id,
  DROP COLUMN last_checked,
  DROP COLUMN check_error;

CREATE UNIQUE INDEX resource_configs_resource_cache_id_so_key
ON resource_configs (resource_cache_id, source_hash);

CREATE UNIQUE INDEX resource_configs_base_resource_type_id_so_key
ON resource_configs (base_resource_type_id, source_hash);

TRUNCATE TABLE resource_config_versions CASCADE;

ALTER TABLE resource_config_versions
  DROP COLUMN resource_config_id,
  ADD COLUMN resource_config_scope_id integer NOT NULL REFERENCES resource_config_scopes (id) ON DELETE CASCADE,
  ADD CONSTRAINT "resource_config_scope_id_and_version_md5_unique" UNIQUE ("resource_config_scope_id", "version_md5");

ALTER TABLE resources
  ADD COLUMN resource_config_scope_id integer REFERENCES resource_config_scopes (id) ON DELETE SET NULL;



;
-- ===== 1548349925_separate_pins_from_resources.up.sql

CREATE TABLE resource_pins (
  resource_id INTEGER NOT NULL PRIMARY KEY
    REFERENCES resources(id) ON DELETE CASCADE,
  version jsonb NOT NULL,
  comment_text text NOT NULL
);

INSERT INTO resource_pins (
  SELECT
    id AS resource_id,
    api_pinned_version AS version,
    COALESCE (pin_comment, '') AS comment_text
  FROM resources
  WHERE api_pinned_version IS NOT NULL
);

ALTER TABLE resources
  DROP COLUMN api_pinned_version,
  DROP COLUMN pin_comment;


;
-- ===== 1551110547_add_indexes_for_versions_db.up.sql

CREATE INDEX build_resource_config_version_inputs_resource_id_idx ON build_resource_config_version_inputs (resource_id);
CREATE INDEX build_resource_config_version_inputs_build_id_idx ON build_resource_config_version_inputs (build_id);

CREATE INDEX build_resource_config_version_outputs_resource_id_idx ON build_resource_config_version_outputs (resource_id);
CREATE INDEX build_resource_config_version_outputs_build_id_idx ON build_resource_config_version_outputs (build_id);


;
-- ===== 1551383253_create_worker_artifacts.up.sql

CREATE TABLE worker_artifacts (
  id SERIAL PRIMARY KEY,
  name TEXT NOT NULL,
  build_id INTEGER NULL,
  created_at TIMESTAMP WITH TIME ZONE DEFAULT NOW() NOT NULL
);

ALTER TABLE worker_artifacts
  ADD CONSTRAINT worker_artifacts_build_id_fkey FOREIGN KEY (build_id) REFERENCES builds(id) ON DELETE SET NULL;

ALTER TABLE volumes
  ADD COLUMN worker_artifact_id INTEGER;

ALTER TABLE volumes
  ADD CONSTRAINT volumes_worker_artifact_id_fkey FOREIGN KEY (worker_artifact_id) REFERENCES worker_artifacts(id) ON DELETE SET NULL;



;
-- ===== 1551384519_rename_build_engine_metadata.up.sql

DROP MATERIALIZED VIEW transition_builds_per_job;
DROP MATERIALIZED VIEW next_builds_per_job;
DROP MATERIALIZED VIEW latest_completed_builds_per_job;

ALTER TABLE builds RENAME COLUMN engine TO schema;
ALTER TABLE builds RENAME COLUMN engine_metadata TO private_plan;


;
-- ===== 1552406171_add_last_check_finished_to_resource_config_scopes.up.sql


ALTER TABLE resource_config_scopes
  ADD COLUMN last_check_finished timestamp with time zone NOT NULL DEFAULT '1970-01-01 00:00:00';



;
-- ===== 1552492007_add_create_time_to_builds.up.sql


ALTER TABLE builds
  ADD COLUMN create_time timestamp with time zone NOT NULL DEFAULT NOW();



;
-- ===== 1552943209_drop_tracked_by_from_builds.up.sql

ALTER TABLE builds DROP COLUMN tracked_by;


;
-- ===== 1554128419_rename_resource_config_scope_last_checked.up.sql

ALTER TABLE resource_config_scopes RENAME COLUMN last_checked TO last_check_start_time;
ALTER TABLE resource_config_scopes RENAME COLUMN last_check_finished TO last_check_end_time;


;
-- ===== 1554133547_drop_cache_invalidator.up.sql

DROP TABLE cache_invalidator;


;
-- ===== 1554469235_add_new_inputs_to_jobs.up.sql

ALTER TABLE jobs ADD COLUMN has_new_inputs BOOLEAN DEFAULT FALSE;

;
-- ===== 1556724983_add_aborted_to_builds.up.sql


ALTER TABLE builds ADD COLUMN aborted boolean DEFAULT false NOT NULL;

UPDATE builds SET aborted = true, completed = true WHERE status = 'aborted';



;
-- ===== 1557152441_separate_worker_task_cache.up.sql

CREATE TABLE task_caches (
  id serial,
  worker_name text,
  job_id integer,
  step_name text NOT NULL,
  path text NOT NULL,
  PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX task_caches_job_id_step_name_path_uniq
  ON task_caches (job_id, step_name, path);

CREATE INDEX task_caches_job_id ON task_caches USING btree (job_id);

ALTER TABLE ONLY task_caches
  ADD CONSTRAINT task_caches_job_id_fkey FOREIGN KEY (job_id) REFERENCES jobs(id) ON DELETE CASCADE;

ALTER TABLE worker_task_caches
  ADD COLUMN task_cache_id INTEGER;

ALTER TABLE worker_task_caches
  ADD CONSTRAINT worker_task_caches_task_cache_fkey FOREIGN KEY (task_cache_id) REFERENCES task_caches (id) ON DELETE CASCADE;
CREATE INDEX worker_task_caches_task_cache_id ON worker_task_caches (task_cache_id);

WITH ins AS (
  INSERT INTO task_caches (worker_name, job_id, step_name, path)
  SELECT DISTINCT wtc.worker_name, wtc.job_id, wtc.step_name, wtc.path
  FROM worker_task_caches wtc
  ON CONFLICT DO NOTHING
  RETURNING *
)
UPDATE worker_task_caches wtc
SET task_cache_id = ins.id
FROM ins
WHERE ins.job_id = wtc.job_id
  AND ins.step_name = wtc.step_name
  AND ins.path = wtc.path;

DROP INDEX worker_task_caches_uniq;
CREATE UNIQUE INDEX worker_task_caches_worker_name_task_cache_id_uniq
  ON worker_task_caches (worker_name, task_cache_id);


ALTER TABLE worker_task_caches
  DROP COLUMN job_id,
  DROP COLUMN step_name,
  DROP COLUMN path;

ALTER TABLE task_caches
  DROP COLUMN worker_name;



;
-- ===== 1557237784_create_auto_cert_cache.up.sql

CREATE TABLE cert_cache (
  "domain" text PRIMARY KEY,
  "cert" text NOT NULL,
  "nonce" text
);


;
-- ===== 1561558376_add_type_to_resources.up.sql
ALTER TABLE resources ADD COLUMN type text;
ALTER TABLE resources ALTER COLUMN type SET NOT NULL;

;
-- ===== 1563983375_add_active_tasks_to_workers.up.sql

ALTER TABLE workers ADD COLUMN active_tasks integer DEFAULT 0 CHECK (active_tasks >= 0);


;
-- ===== 1563997651_users_table.up.sql

CREATE TABLE users (
  "id" serial NOT NULL PRIMARY KEY,
  "sub" text NOT NULL,
  "username" text NOT NULL,
  "connector" text NOT NULL,
  "last_login" timestamp with time zone DEFAULT now() NOT NULL
);
ALTER TABLE ONLY users ADD CONSTRAINT user_unique UNIQUE (sub);


;
-- ===== 1565366737_update_timestamp_type_containers_volumes_workers.up.sql

ALTER TABLE containers
  ALTER COLUMN missing_since TYPE timestamp with time zone;

ALTER TABLE volumes
  ALTER COLUMN missing_since TYPE timestamp with time zone;

ALTER TABLE workers
  ALTER COLUMN start_time TYPE timestamp with time zone USING to_timestamp(start_time);


;
-- ===== 1565800062_create_checks.up.sql


CREATE TABLE checks (
    id bigserial PRIMARY KEY,
    resource_config_scope_id integer REFERENCES resource_config_scopes(id) ON DELETE CASCADE,
    schema text NOT NULL,
    status text NOT NULL,
    manually_triggered boolean DEFAULT false,
    plan text,
    nonce text,
    check_error text,
    metadata jsonb,
    create_time timestamp WITH TIME ZONE DEFAULT now() NOT NULL,
    start_time timestamp WITH TIME ZONE,
    end_time timestamp WITH TIME ZONE
);

CREATE UNIQUE INDEX resource_config_scope_id_key ON checks (resource_config_scope_id) WHERE status = 'started' AND manually_triggered = false;



;
-- ===== 1568056691_create_resource_config_versions_version_index.up.sql


CREATE INDEX resource_config_versions_version ON resource_config_versions USING gin(version jsonb_path_ops) WITH (FASTUPDATE = false);



;
-- ===== 1569945021_add_components.up.sql


CREATE TABLE components (
    id serial PRIMARY KEY,
    name text NOT NULL,
    interval text NOT NULL,
    last_ran timestamp WITH TIME ZONE,
    paused boolean DEFAULT FALSE
);

CREATE UNIQUE INDEX components_name_key ON components (name);



;
-- ===== 1572899256_update_cf_auth.up.sql

UPDATE teams SET auth = regexp_replace(auth, '"cf:([^"]*):([^"]*)"', '"cf:\1:\2:developer"', 'g');


;
-- ===== 1573113142_add_varsources_to_pipelines.up.sql

ALTER TABLE pipelines ADD COLUMN var_sources text,
                      ADD COLUMN nonce text;


;
-- ===== 1575661358_add_wall_table.up.sql


CREATE TABLE wall (
    message text NOT NULL,
    expires_at timestamp with time zone
);


;
-- ===== 1579713176_version_md5_resource_cache.up.sql

ALTER TABLE resource_caches ADD COLUMN version_md5 text;

UPDATE resource_caches SET version_md5 = md5(version::text);

ALTER TABLE resource_caches ALTER COLUMN version_md5 SET NOT NULL;

DROP INDEX resource_caches_resource_config_id_version_params_hash_uniq;

CREATE UNIQUE INDEX resource_caches_resource_config_id_version_md5_params_hash_uniq
ON resource_caches (resource_config_id, version_md5, params_hash);


;
-- ===== 1579713177_create_table_build_pipes.up.sql

CREATE TABLE build_pipes (
  "from_build_id" integer NOT NULL REFERENCES builds (id) ON DELETE CASCADE,
  "to_build_id" integer NOT NULL REFERENCES builds (id) ON DELETE CASCADE
);

CREATE UNIQUE INDEX build_pipes_from_build_id_to_build_id_uniq
ON build_pipes (from_build_id, to_build_id);

CREATE TABLE next_build_pipes (
  "from_build_id" integer NOT NULL REFERENCES builds (id) ON DELETE CASCADE,
  "to_job_id" integer NOT NULL REFERENCES jobs (id) ON DELETE CASCADE
);

CREATE UNIQUE INDEX next_build_pipes_from_build_id_to_job_id_uniq
ON next_build_pipes (from_build_id, to_job_id);


;
-- ===== 1579713178_add_first_occurrence_to_build_resource_config_version_inputs.up.sql

ALTER TABLE build_resource_config_version_inputs ADD COLUMN first_occurrence boolean;


;
-- ===== 1579713179_add_resolve_error_to_next_build_inputs.up.sql

ALTER TABLE next_build_inputs
  ADD COLUMN resolve_error text,
  ALTER COLUMN resource_config_version_id DROP NOT NULL,
  ALTER COLUMN resource_id DROP NOT NULL,
  ALTER COLUMN first_occurrence DROP NOT NULL;


;
-- ===== 1579713180_drop_independent_build_inputs_table.up.sql

DROP TABLE independent_build_inputs;


;
-- ===== 1579713181_add_to_build_id_index_to_build_pipes.up.sql

CREATE INDEX build_pipes_to_build_id_idx ON build_pipes (to_build_id);

-- Removed due to the index no longer being used
-- CREATE INDEX build_resource_config_version_inputs_version_md5_idx ON build_resource_config_version_inputs (version_md5);


;
-- ===== 1579713182_add_builds_status_index.up.sql

CREATE INDEX builds_job_id_succeeded_idx ON builds (job_id, id DESC) where status = 'succeeded';


;
-- ===== 1579713184_add_successful_build_outputs.up.sql

CREATE TABLE successful_build_outputs (
    "build_id" integer NOT NULL REFERENCES builds (id) ON DELETE CASCADE,
    "job_id" integer NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
    "outputs" jsonb NOT NULL
);

CREATE UNIQUE INDEX successful_build_outputs_build_id_idx ON successful_build_outputs (build_id);

CREATE INDEX on successful_build_outputs USING GIN (outputs jsonb_path_ops) WITH (FASTUPDATE = false);

CREATE INDEX successful_build_outputs_job_id_idx ON successful_build_outputs (job_id);


;
-- ===== 1579713185_add_indexes_to_builds_and_versions_tables.up.sql

CREATE INDEX builds_ordered_by_job_id_idx ON builds (job_id, id DESC);

CREATE INDEX resource_config_versions_check_order_idx ON resource_config_versions (resource_config_scope_id, check_order DESC);

CREATE INDEX next_build_id_idx ON builds (job_id) where status = 'pending' or status = 'started';


;
-- ===== 1579713186_add_version_md5_to_next_build_inputs.up.sql

TRUNCATE TABLE next_build_inputs;

ALTER TABLE next_build_inputs
  ADD COLUMN "version_md5" text,
  DROP COLUMN "id",
  DROP COLUMN "resource_config_version_id";


;
-- ===== 1579713187_add_serial_groups_index_to_builds.up.sql

CREATE INDEX builds_running_builds_by_serial_groups_idx ON builds (job_id) WHERE completed = false AND scheduled = true;

CREATE INDEX worker_resource_cert_volumes_idx ON volumes (worker_name, worker_resource_certs_id);

CREATE INDEX pending_builds_idx ON builds (job_id, id ASC) WHERE status = 'pending';

CREATE INDEX next_build_pipes_job_id_idx ON next_build_pipes (to_job_id);


;
-- ===== 1579713188_add_rerun_of_builds.up.sql

ALTER TABLE builds
  ADD COLUMN "rerun_of" integer REFERENCES builds (id) ON DELETE CASCADE,
  ADD COLUMN "rerun_number" integer DEFAULT 0 NOT NULL;

ALTER TABLE successful_build_outputs
  ADD COLUMN "rerun_of" integer REFERENCES builds (id) ON DELETE CASCADE;


;
-- ===== 1579713189_add_inputs_determined_to_builds.up.sql

ALTER TABLE builds
  ADD COLUMN inputs_ready boolean NOT NULL DEFAULT false;

UPDATE builds
SET inputs_ready = scheduled;


;
-- ===== 1579713190_add_container_build_id_not_null_index.up.sql

CREATE INDEX containers_build_id_not_null ON containers (worker_name) WHERE build_id IS NOT NULL;


;
-- ===== 1579713191_add_indexes_for_rerun_builds.up.sql

CREATE INDEX ready_and_scheduled_ordering_with_rerun_builds_idx ON builds (job_id, COALESCE(rerun_of, id) DESC, id DESC) WHERE inputs_ready AND scheduled;

CREATE INDEX succeeded_builds_ordering_with_rerun_builds_idx ON builds (job_id, rerun_of, COALESCE(rerun_of, id) DESC, id DESC) WHERE status = 'succeeded';

CREATE INDEX successful_build_outputs_ordering_with_rerun_builds_idx ON successful_build_outputs (job_id, rerun_of, COALESCE(rerun_of, build_id) DESC, build_id DESC);

CREATE INDEX rerun_of_builds_idx ON builds (rerun_of);


;
-- ===== 1579713192_add_needs_v6_migration_to_builds.up.sql

ALTER TABLE builds
  ADD COLUMN needs_v6_migration boolean NOT NULL DEFAULT true;

CREATE INDEX needs_v6_migration_idx ON builds (job_id, COALESCE(rerun_of, id) DESC, id DESC) WHERE status = 'succeeded' AND needs_v6_migration;


;
-- ===== 1579713193_add_schedule_requested_to_pipelines.up.sql

ALTER TABLE pipelines
  ADD COLUMN schedule_requested timestamp with time zone DEFAULT '1970-01-01 00:00:00'::timestamp with time zone NOT NULL;


;
-- ===== 1579713194_drop_versioned_resources.up.sql

 DROP TABLE build_inputs;

 DROP TABLE build_outputs;

 DROP TABLE versioned_resources;

 ALTER TABLE resources
   DROP COLUMN paused;


;
-- ===== 1579713195_create_job_inputs_and_outputs_tables.up.sql

CREATE TABLE job_inputs (
    name text NOT NULL,
    job_id integer REFERENCES jobs(id) ON DELETE CASCADE NOT NULL,
    resource_id integer REFERENCES resources(id) ON DELETE CASCADE NOT NULL,
    passed_job_id integer REFERENCES jobs(id) ON DELETE CASCADE,
    trigger bool NOT NULL DEFAULT false,
    version text
);

CREATE INDEX job_inputs_resource_id_idx ON job_inputs (resource_id);
CREATE INDEX job_inputs_passed_job_id_idx ON job_inputs (passed_job_id);
CREATE INDEX job_inputs_job_id_idx ON job_inputs (job_id);

CREATE TABLE job_outputs (
    name text NOT NULL,
    job_id integer REFERENCES jobs(id) ON DELETE CASCADE NOT NULL,
    resource_id integer REFERENCES resources(id) ON DELETE CASCADE NOT NULL
);

CREATE INDEX job_outputs_job_id_idx ON job_outputs (job_id);
CREATE INDEX job_outputs_resource_id_idx ON job_outputs (resource_id);


;
-- ===== 1579713196_move_schedule_requested_to_jobs.up.sql

ALTER TABLE jobs
  ADD COLUMN schedule_requested timestamp with time zone DEFAULT '1970-01-01 00:00:00'::timestamp with time zone NOT NULL,
  ADD COLUMN last_scheduled timestamp with time zone DEFAULT '1970-01-01 00:00:00'::timestamp with time zone NOT NULL;

ALTER TABLE pipelines
  DROP COLUMN schedule_requested,
  DROP COLUMN last_scheduled;


;
-- ===== 1579713198_separate_job_config_fields.up.sql

ALTER TABLE jobs
  ADD COLUMN public boolean NOT NULL DEFAULT FALSE,
  ADD COLUMN max_in_flight int NOT NULL DEFAULT 0,
  ADD COLUMN disable_manual_trigger boolean NOT NULL DEFAULT FALSE;


;
-- ===== 1579713200_alter_parent_id_constraint_on_volumes.up.sql

ALTER TABLE volumes DROP CONSTRAINT volumes_parent_id_fkey;

ALTER TABLE volumes ADD CONSTRAINT volumes_parent_id_fkey
  FOREIGN KEY (parent_id, parent_state)
  REFERENCES volumes (id, state) ON DELETE NO ACTION DEFERRABLE;

CREATE INDEX missing_volumes_idx ON volumes (state) WHERE missing_since IS NOT NULL;


;
-- ===== 1580135204_add_pipelines_last_update.up.sql

ALTER TABLE pipelines
  ADD COLUMN "last_updated" timestamp with time zone NOT NULL DEFAULT '1970-01-01 00:00:00';


;
-- ===== 1581350441_remove_unused_idx_and_add_checks_idx.up.sql


DROP INDEX builds_job_id_succeeded_idx;

CREATE INDEX started_checks_idx ON checks (id) WHERE status = 'started';



;
-- ===== 1581447344_drop_build_inputs_indexes_and_create_index_for_algorithm.up.sql

DROP INDEX IF EXISTS build_resource_config_version_inputs_version_md5_idx;
DROP INDEX build_resource_config_version_inputs_resource_id_idx;
DROP INDEX build_resource_config_version_inputs_build_id_idx;

CREATE INDEX build_inputs_resource_versions_idx ON build_resource_config_version_inputs (resource_id, version_md5);


;
-- ===== 1581621620_add_unique_index_on_build_names.up.sql


CREATE UNIQUE INDEX build_names_uniq_idx ON builds (job_id, name);

DROP INDEX builds_job_id;
DROP INDEX builds_name;



;
-- ===== 1583868323_add_pipelines_last_update.up.sql



;
-- ===== 1584109185_add_last_hijack_to_containers.up.sql

ALTER TABLE containers DROP COLUMN hijacked;
ALTER TABLE containers DROP COLUMN discontinued;

ALTER TABLE containers ADD COLUMN last_hijack timestamp with time zone;


;
-- ===== 1584564140_add_archived_to_pipelines.up.sql

ALTER TABLE pipelines
  ADD COLUMN "archived" boolean NOT NULL DEFAULT FALSE;


;
-- ===== 1588860260_add_span_context_to_checks.up.sql

ALTER TABLE checks ADD COLUMN span_context jsonb;


;
-- ===== 1589991895_add_config_pinned_version_to_resource_pins.up.sql
ALTER TABLE resource_pins ADD COLUMN config boolean NOT NULL DEFAULT false;

;
-- ===== 1590417946_add_span_context_to_resource_config_versions.up.sql

ALTER TABLE resource_config_versions ADD COLUMN span_context jsonb;


;
-- ===== 1590517222_add_span_context_to_builds.up.sql

ALTER TABLE builds ADD COLUMN span_context jsonb;


;
-- ===== 1591025749_nullable_jobs_resources_resource_types_config.up.sql

  ALTER TABLE jobs ALTER COLUMN config DROP NOT NULL;
  ALTER TABLE resources ALTER COLUMN config DROP NOT NULL;
  ALTER TABLE resource_types ALTER COLUMN config DROP NOT NULL;

;
-- ===== 1591737494_add_parent_job_id.up.sql

  ALTER TABLE pipelines ADD COLUMN parent_job_id integer, ADD COLUMN parent_build_id integer;


;
-- ===== 1595261696_add_parent_job_id_index.up.sql

CREATE INDEX parent_job_id ON pipelines USING btree (parent_job_id);


;
-- ===== 1595347367_add_index_for_unencrypted_private_plans_to_builds.up.sql

CREATE INDEX unencrypted_private_plans_build_idx ON builds (id) WHERE nonce IS NULL AND private_plan IS NOT NULL;


;
-- ===== 1595347368_add_access_token_and_claims.up.sql

  CREATE TABLE access_tokens (
      token text NOT NULL PRIMARY KEY,
      sub text NOT NULL,
      claims jsonb,
      expires_at timestamp with time zone
  );


;
-- ===== 1597342429_add_deleted_pipelines_table.up.sql

  DROP TRIGGER IF EXISTS pipeline_build_events_delete_trigger ON pipelines;
  DROP FUNCTION IF EXISTS on_pipeline_delete();

	CREATE TABLE deleted_pipelines (
      id integer NOT NULL,
      deleted_at timestamp without time zone DEFAULT now() NOT NULL
	);


;
-- ===== 1598284990_alter_id_on_resource_config_versions_bigint.up.sql

ALTER TABLE resource_config_versions ALTER COLUMN id TYPE bigint;


;
-- ===== 1599738693_add_pipeline_display_info.up.sql

  ALTER TABLE pipelines ADD COLUMN display jsonb;

;
-- ===== 1601993582_add_successful_build_outputs_rerun_of_index.up.sql

CREATE INDEX successful_build_outputs_rerun_of_idx ON successful_build_outputs (rerun_of);


;
-- ===== 1601993583_add_instancevars_to_pipelines.up.sql


ALTER TABLE pipelines ADD COLUMN instance_vars jsonb;

ALTER TABLE pipelines DROP CONSTRAINT pipelines_name_team_id;

CREATE UNIQUE INDEX pipelines_name_team_id
ON pipelines (name, team_id)
WHERE instance_vars IS NULL;

CREATE UNIQUE INDEX pipelines_name_team_id_instance_vars
ON pipelines (name, team_id, instance_vars)
WHERE instance_vars IS NOT NULL;

ALTER TABLE containers ADD COLUMN meta_pipeline_instance_vars text DEFAULT ''::text NOT NULL;



;
-- ===== 1601993584_add_resource_id_to_builds.up.sql

ALTER TABLE builds
ADD COLUMN resource_id integer UNIQUE REFERENCES resources (id) ON DELETE CASCADE;


;
-- ===== 1601993585_drop_checks.up.sql

DROP TABLE checks;


;
-- ===== 1601993586_add_last_referenced_to_resource_configs.up.sql

ALTER TABLE resource_configs
ADD COLUMN last_referenced timestamp with time zone NOT NULL DEFAULT '1970-01-01 00:00:00'::timestamp with time zone;


;
-- ===== 1601993587_alter_id_on_builds_bigint.up.sql

ALTER TABLE builds ALTER COLUMN id TYPE bigint;


;
-- ===== 1602860419_drop_builds_resource_id_unique.up.sql

ALTER TABLE builds DROP CONSTRAINT builds_resource_id_key;
CREATE INDEX builds_resource_id_idx ON builds (resource_id);

ALTER TABLE resources ADD COLUMN build_id bigint REFERENCES builds (id) ON DELETE SET NULL;


;
-- ===== 1602860420_drop_check_error_from_resources_and_scopes.up.sql

ALTER TABLE resources DROP COLUMN check_error;
ALTER TABLE resource_types DROP COLUMN check_error;
ALTER TABLE resource_config_scopes DROP COLUMN check_error;


;
-- ===== 1602860421_add_resource_type_id_to_builds.up.sql

ALTER TABLE builds
ADD COLUMN resource_type_id integer REFERENCES resource_types (id) ON DELETE CASCADE;


;
-- ===== 1603401316_alter_build_integers_to_bigints.up.sql

ALTER TABLE jobs
    ALTER COLUMN next_build_id TYPE bigint,
    ALTER COLUMN latest_completed_build_id TYPE bigint,
    ALTER COLUMN transition_build_id TYPE bigint;

ALTER TABLE build_pipes
    ALTER COLUMN from_build_id TYPE bigint,
    ALTER COLUMN to_build_id TYPE bigint;

ALTER TABLE build_image_resource_caches
    ALTER COLUMN build_id TYPE bigint;

ALTER TABLE build_resource_config_version_inputs
    ALTER COLUMN build_id TYPE bigint;

ALTER TABLE build_resource_config_version_outputs
    ALTER COLUMN build_id TYPE bigint;

ALTER TABLE containers
    ALTER COLUMN build_id TYPE bigint;

ALTER TABLE next_build_pipes
    ALTER COLUMN from_build_id TYPE bigint;

ALTER TABLE pipelines
    ALTER COLUMN parent_build_id TYPE bigint;

ALTER TABLE resource_cache_uses
    ALTER COLUMN build_id TYPE bigint;

ALTER TABLE successful_build_outputs
    ALTER COLUMN build_id TYPE bigint;

ALTER TABLE worker_artifacts
    ALTER COLUMN build_id TYPE bigint;


;
-- ===== 1603405319_prepare_build_events_for_bigint_migration.up.sql

-- rename old column and indexes
ALTER TABLE build_events RENAME COLUMN build_id TO build_id_old;
DROP INDEX build_events_build_id_idx;
ALTER INDEX build_events_build_id_event_id RENAME TO build_events_build_id_old_event_id;

-- add new bigint column which will be populated gradually at runtime
ALTER TABLE build_events ADD COLUMN build_id bigint;

-- create a replacement index along with what will become the new primary key
CREATE UNIQUE INDEX build_events_build_id_event_id ON build_events (build_id, event_id);


;
-- ===== 1606068653_build_events_partitions_bigint.up.sql

-- migrate each pipeline partition
DO $$
DECLARE
  pipeline record;
BEGIN
FOR pipeline IN
  SELECT id, name FROM pipelines
LOOP
  RAISE NOTICE 'renaming old indexes for pipeline % (%)', pipeline.id, pipeline.name;
  EXECUTE format('DROP INDEX IF EXISTS pipeline_build_events_%s_build_id', pipeline.id);
  EXECUTE format('ALTER INDEX IF EXISTS pipeline_build_events_%s_build_id_event_id RENAME TO pipeline_build_events_%s_build_id_old_event_id', pipeline.id, pipeline.id);

  RAISE NOTICE 'creating new indexes for pipeline % (%)', pipeline.id, pipeline.name;
  BEGIN
    EXECUTE format('CREATE UNIQUE INDEX IF NOT EXISTS pipeline_build_events_%s_build_id_event_id ON pipeline_build_events_%s (build_id, event_id)', pipeline.id, pipeline.id);
  EXCEPTION
  WHEN undefined_table then
    RAISE NOTICE '%', SQLERRM;
  END;
END LOOP;
END;
$$ LANGUAGE plpgsql;

-- backfill indexes for each team partition (these are for one-off builds)
DO $$
DECLARE
  team record;
BEGIN
FOR team IN
  SELECT id, name FROM teams
LOOP
  RAISE NOTICE 'creating new indexes for team % (%)', team.id, team.name;
  EXECUTE format('CREATE UNIQUE INDEX team_build_events_%s_build_id_event_id ON team_build_events_%s (build_id, event_id)', team.id, team.id);
END LOOP;
END;
$$ LANGUAGE plpgsql;

-- set up both old and new indexes on pipeline creation
--
-- this is really just to maintain consistency with old and new pipelines
CREATE OR REPLACE FUNCTION on_pipeline_insert() RETURNS TRIGGER AS $$
BEGIN
  EXECUTE format('CREATE TABLE IF NOT EXISTS pipeline_build_events_%s () INHERITS (build_events)', NEW.id);
  EXECUTE format('CREATE UNIQUE INDEX pipeline_build_events_%s_build_id_event_id ON pipeline_build_events_%s (build_id, event_id)', NEW.id, NEW.id);
  EXECUTE format('CREATE UNIQUE INDEX pipeline_build_events_%s_build_id_old_event_id ON pipeline_build_events_%s (build_id_old, event_id)', NEW.id, NEW.id);
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;

-- set up indexes on team creation
--
-- don't bother setting up old indexes since this never existed before
CREATE OR REPLACE FUNCTION on_team_insert() RETURNS TRIGGER AS $$
BEGIN
  EXECUTE format('CREATE TABLE IF NOT EXISTS team_build_events_%s () INHERITS (build_events)', NEW.id);
  EXECUTE format('CREATE UNIQUE INDEX team_build_events_%s_build_id_event_id ON team_build_events_%s (build_id, event_id)', NEW.id, NEW.id);
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;

;
-- ===== 1606489231_remove_versions_with_check_order_of_0.up.sql


DELETE FROM resource_config_versions WHERE check_order = 0;



;
-- ===== 1609958557_add_index_for_ordering_builds.up.sql

DROP INDEX IF EXISTS ready_and_scheduled_ordering_with_rerun_builds_idx;
CREATE INDEX order_builds_by_rerun_of_or_id_idx ON builds((COALESCE(rerun_of, id)) DESC, id DESC);


;
-- ===== 1609958558_add_job_id_to_build_image_resource_caches.up.sql

ALTER TABLE build_image_resource_caches
  ADD COLUMN job_id integer REFERENCES jobs(id);

UPDATE build_image_resource_caches
SET job_id = builds.job_id
FROM builds
WHERE builds.id = build_id;

CREATE INDEX build_image_resource_caches_job_build_idx ON build_image_resource_caches(job_id, build_id);


;
-- ===== 1609959123_add_created_by_to_builds.up.sql

ALTER TABLE builds
  ADD COLUMN created_by text;

;
-- ===== 1612453794_add_builds_resource_type_id_idx.up.sql

CREATE INDEX builds_resource_type_id_idx ON builds (resource_type_id);


;
-- ===== 1612457776_add_check_build_events_partition.up.sql

CREATE TABLE check_build_events () INHERITS (build_events);
CREATE UNIQUE INDEX check_build_events_build_id_event_id ON check_build_events (build_id, event_id);


;
-- ===== 1612565824_add_index_on_build_ids_to_resources.up.sql

CREATE INDEX resources_build_id_idx ON resources (build_id);


;
-- ===== 1616768782_add_job_id_on_delete_cascade_to_build_image_caches.up.sql
  ALTER TABLE build_image_resource_caches
    DROP CONSTRAINT build_image_resource_caches_job_id_fkey,
    ADD CONSTRAINT build_image_resource_caches_job_id_fkey FOREIGN KEY (job_id) REFERENCES jobs(id) ON DELETE CASCADE;

;
-- ===== 1618262692_add_order_job_builds_index.up.sql
CREATE INDEX order_job_builds_by_rerun_of_or_id_idx
  ON builds (job_id, COALESCE(rerun_of, id) DESC, id DESC)
  WHERE job_id IS NOT NULL;

;
-- ===== 1618347806_add_pipeline_on_delete_trigger.up.sql
CREATE OR REPLACE FUNCTION on_pipeline_delete() RETURNS TRIGGER AS $$
BEGIN
        EXECUTE format('INSERT INTO deleted_pipelines VALUES (%s)', OLD.id);
        RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER deleted_pipelines_insert_trigger AFTER DELETE on pipelines FOR EACH ROW EXECUTE PROCEDURE on_pipeline_delete();

;
-- ===== 1619180097_add_last_check_succeeded_to_resource_config_scopes.up.sql

ALTER TABLE resource_config_scopes
    ADD COLUMN last_check_succeeded boolean DEFAULT false NOT NULL;
;
-- ===== 1619180098_add_secondary_order_to_pipelines.up.sql
ALTER TABLE pipelines ADD COLUMN secondary_ordering integer;

WITH s AS (
  SELECT id, row_number() OVER (PARTITION BY team_id, name ORDER BY id) as secondary_ordering
  FROM pipelines
)
UPDATE pipelines p
SET secondary_ordering = s.secondary_ordering
FROM s
WHERE p.id = s.id;

ALTER TABLE pipelines ALTER COLUMN secondary_ordering SET NOT NULL;

;
-- ===== 1619180099_add_worker_name_to_worker_resource_caches.up.sql
ALTER TABLE worker_resource_caches
    ADD COLUMN worker_name text REFERENCES workers(name) ON DELETE CASCADE;

DROP INDEX worker_resource_caches_uniq;

-- populate worker-name for existing caches with current worker name
UPDATE worker_resource_caches wrc
    SET worker_name = (SELECT worker_name FROM worker_base_resource_types wbrt WHERE wbrt.id = wrc.worker_base_resource_type_id)
    WHERE worker_name is null;

-- There can be only one resource cache per worker, regardless of its origin
CREATE UNIQUE INDEX worker_resource_caches_uniq
    ON worker_resource_caches (worker_name, resource_cache_id);

;
-- ===== 1621273969_add_prototypes.up.sql
CREATE TABLE prototypes (
    id serial PRIMARY KEY,
    pipeline_id integer NOT NULL REFERENCES pipelines (id) ON DELETE CASCADE,
    name text NOT NULL,
    type text NOT NULL,
    config text,
    active boolean DEFAULT false NOT NULL,
    nonce text,
    resource_config_id integer REFERENCES resource_configs (id)
);

CREATE UNIQUE INDEX prototypes_pipeline_id_name_uniq
    ON prototypes (pipeline_id, name);

CREATE INDEX prototypes_pipeline_id
    ON prototypes (pipeline_id);

CREATE INDEX prototypes_resource_config_id
    ON prototypes (resource_config_id);

;
-- ===== 1622031307_add_build_comment.up.sql
CREATE TABLE build_comments (
    build_id INTEGER PRIMARY KEY,
    comment TEXT NOT NULL DEFAULT ''
);

ALTER TABLE build_comments
  ADD CONSTRAINT build_comments_build_id_fkey FOREIGN KEY (build_id) REFERENCES builds(id) ON DELETE CASCADE;

;
-- ===== 1625844436_add_worker_cache_triggers.up.sql
CREATE OR REPLACE FUNCTION notify_trigger() RETURNS trigger AS $trigger$
DECLARE
  rec RECORD;
  payload TEXT;
  column_name TEXT;
  column_value TEXT;
  payload_items JSONB;
BEGIN
  CASE TG_OP
  WHEN 'INSERT', 'UPDATE' THEN
     rec := NEW;
  WHEN 'DELETE' THEN
     rec := OLD;
  ELSE
     RAISE EXCEPTION 'Unknown TG_OP: "%". Should not occur!', TG_OP;
  END CASE;

  -- Add each requested fields to a data payload.
  FOR i IN 1 .. (TG_NARGS - 1) LOOP
    column_name := TG_ARGV[i];
    EXECUTE format('SELECT $1.%I::TEXT', column_name)
    INTO column_value
    USING rec;
    payload_items := coalesce(payload_items,'{}')::jsonb || json_build_object(column_name,column_value)::jsonb;
  END LOOP;
  -- Build the payload
  payload := json_build_object(
    'operation',TG_OP,
    'data',payload_items
  );
  -- Notify the channel
  PERFORM pg_notify(TG_ARGV[0], payload);

  RETURN rec;
END;
$trigger$ LANGUAGE plpgsql;

CREATE TRIGGER workers_upsert_or_delete_trigger AFTER INSERT OR UPDATE OR DELETE ON workers
  FOR EACH ROW EXECUTE PROCEDURE notify_trigger(worker_events_channel, name);

CREATE TRIGGER containers_insert_or_delete_trigger AFTER INSERT OR DELETE ON containers
  FOR EACH ROW EXECUTE PROCEDURE notify_trigger(container_events_channel, id, worker_name, build_id);

;
-- ===== 1626194317_add_job_pauses_table.up.sql
ALTER TABLE jobs
  ADD COLUMN paused_by text,
  ADD COLUMN paused_at timestamptz;

;
-- ===== 1626194317_add_pipeline_pauses_table.up.sql
ALTER TABLE pipelines
  ADD COLUMN paused_by text,
  ADD COLUMN paused_at timestamptz;

;
-- ===== 1626279692_remove_container_id_from_resource_cache_uses.up.sql
ALTER TABLE resource_cache_uses DROP COLUMN IF EXISTS container_id;

;
-- ===== 1627322243_remove_image_check_get_from_containers.up.sql
DROP INDEX IF EXISTS containers_image_check_container_id;
DROP INDEX IF EXISTS containers_image_get_container_id;

ALTER TABLE resource_cache_uses DROP COLUMN IF EXISTS image_check_container_id;
ALTER TABLE resource_cache_uses DROP COLUMN IF EXISTS image_get_container_id;

;
-- ===== 1630515495_drop_build_id_from_resources.up.sql
DROP INDEX resources_build_id_idx;
ALTER TABLE resources
    DROP COLUMN build_id,
    ADD COLUMN in_memory_build_id bigint,
    ADD COLUMN in_memory_build_start_time timestamp with time zone,
    ADD COLUMN in_memory_build_plan json NULL;
CREATE INDEX resources_in_memory_build_id_idx ON resources (in_memory_build_id);

;
-- ===== 1630515496_add_last_check_id_and_plan_to_resource_config_scopes.up.sql
ALTER TABLE resource_config_scopes
    ADD COLUMN last_check_build_id bigint,
    ADD COLUMN last_check_build_plan json NULL DEFAULT '{}'::json;

-- This index should not be unique, because a build may check multiple resources and resource types.
CREATE INDEX resource_config_scopes_last_check_build_id_idx ON resource_config_scopes (last_check_build_id);

;
-- ===== 1630515497_add_in_memory_build_id_to_containers.up.sql
ALTER TABLE containers
    ADD COLUMN in_memory_build_id bigint,
    ADD COLUMN in_memory_build_create_time timestamp with time zone;

CREATE INDEX containers_in_memory_build_id_idx ON containers (in_memory_build_id, in_memory_build_create_time);

;
-- ===== 1630515498_add_in_memory_build_id_to_resource_cache_uses.up.sql
ALTER TABLE resource_cache_uses
    ADD COLUMN in_memory_build_id bigint,
    ADD COLUMN in_memory_build_create_time timestamp with time zone;

CREATE INDEX resource_cache_uses_in_memory_build_id_idx ON resource_cache_uses (in_memory_build_id, in_memory_build_create_time);

;
-- ===== 1630515499_drop_build_event_id_seq.up.sql
do $$
declare
    b record;
begin
    for b in
        select id from builds where status = 'started'
    loop
        raise notice 'dropping sequence build_event_id_seq_% ...', b.id;
        execute 'drop sequence if exists build_event_id_seq_' || b.id;
    end loop;
end; $$

;
-- ===== 1645735232_add_in_memory_build_status_to_resources.up.sql
ALTER TABLE resources
    ADD COLUMN in_memory_build_status build_status;

;
-- ===== 1645736232_change_worker_resource_caches_worker_base_resource_type_id_fkey.up.sql
ALTER TABLE worker_resource_caches
    DROP CONSTRAINT worker_resource_caches_worker_base_resource_type_id_fkey;

ALTER TABLE worker_resource_caches
    ADD CONSTRAINT worker_resource_caches_worker_base_resource_type_id_fkey
        FOREIGN KEY (worker_base_resource_type_id) REFERENCES worker_base_resource_types(id)
            ON DELETE SET NULL;

;
-- ===== 1653924132_int_to_bigint.up.sql
ALTER SEQUENCE resource_config_versions_id_seq AS bigint;

ALTER TABLE build_comments
    ALTER COLUMN build_id TYPE bigint;

ALTER TABLE successful_build_outputs
    ALTER COLUMN rerun_of TYPE bigint;

ALTER TABLE jobs
    ALTER COLUMN first_logged_build_id TYPE bigint;

ALTER TABLE containers
    ALTER COLUMN meta_build_id TYPE bigint;

;
-- ===== 1666743327_alter_id_on_resource_config_scopes_bigint.up.sql
ALTER TABLE resource_config_scopes ALTER COLUMN id TYPE bigint;

ALTER TABLE resource_config_versions ALTER COLUMN resource_config_scope_id TYPE bigint;

ALTER TABLE resources ALTER COLUMN resource_config_scope_id TYPE bigint;

;
-- ===== 1666754000_add_invalid_since_to_worker_resource_caches.up.sql
-- Add invalid_since timestamp that will be set to when worker_base_resource_type_id is to null,
-- so that the cache can be GC-ed after certain period.
ALTER TABLE worker_resource_caches
    ADD COLUMN invalid_since timestamp with time zone NULL;

UPDATE worker_resource_caches
    SET invalid_since = now()
    WHERE worker_base_resource_type_id IS NULL;

DROP INDEX worker_resource_caches_uniq;
-- The unique index should be only applied on valid caches.
CREATE UNIQUE INDEX worker_resource_caches_uniq ON worker_resource_caches USING btree (worker_name, resource_cache_id) WHERE worker_base_resource_type_id IS NOT NULL;

-- This function will be called by trigger to set invalid_since to current time.
CREATE FUNCTION worker_resource_caches_fkey_trigger_function() RETURNS TRIGGER LANGUAGE plpgsql AS
$$
begin
    UPDATE worker_resource_caches
    SET invalid_since = now()
    WHERE id = NEW.id;
    RETURN NULL;
end;
$$;

-- This triggered will fired when set worker_base_resource_type_id to null.
CREATE TRIGGER worker_resource_caches_fkey_trigger
    AFTER UPDATE ON worker_resource_caches
    FOR EACH ROW
    WHEN (OLD.worker_base_resource_type_id IS NOT NULL AND NEW.worker_base_resource_type_id IS NULL)
EXECUTE PROCEDURE worker_resource_caches_fkey_trigger_function();

;
-- ===== 1746768931_add_signing_keys.up.sql
CREATE TABLE signing_keys (
    kid text PRIMARY KEY,
    kty text NOT NULL,
    jwk json NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL
);
;
-- ===== 1747084615_switch_md5_to_sha256.up.sql
-- Ensure the pgcrypto extension is available for hashing
CREATE EXTENSION IF NOT EXISTS pgcrypto;

-- Keep version_md5 so the scheduler/algorithm planning keeps working with
-- historical data
ALTER TABLE resource_config_versions
ADD COLUMN version_sha256 TEXT;

-- Temporary check constraint to avoid full table scan when we add NOT NULL later
ALTER TABLE resource_config_versions
ADD CONSTRAINT temporary_digest_not_null
CHECK (version_sha256 IS NOT NULL) NOT VALID;

-- Rename columns from version_md5 to version_digest for all other tables. Other
-- tables will now have a mix of md5 and sha256 digests
ALTER TABLE build_resource_config_version_inputs
RENAME COLUMN version_md5 TO version_digest;

ALTER TABLE build_resource_config_version_outputs
RENAME COLUMN version_md5 TO version_digest;

ALTER TABLE next_build_inputs
RENAME COLUMN version_md5 TO version_digest;

ALTER TABLE resource_caches
RENAME COLUMN version_md5 TO version_digest;

ALTER TABLE resource_disabled_versions
RENAME COLUMN version_md5 TO version_digest;

-- Drop Indexes

-- ensure lookups on md5 digests are still fast by preseving the index
CREATE INDEX resource_config_versions_version_md5
ON resource_config_versions (version_md5);

ALTER TABLE resource_config_versions
DROP CONSTRAINT IF EXISTS resource_config_scope_id_and_version_md5_unique;

DROP INDEX IF EXISTS resource_config_versions_check_order_idx;
DROP INDEX IF EXISTS resource_config_versions_version;

-- Rename Indexes
-- resource_disabled_versions
ALTER INDEX IF EXISTS resource_disabled_versions_resource_id_version_md5_uniq
RENAME TO resource_disabled_versions_resource_id_version_digest_uniq;

-- resource_caches
ALTER INDEX IF EXISTS resource_caches_resource_config_id_version_md5_params_hash_uniq
RENAME to resource_caches_rsc_config_id_version_digest_params_hash_uniq;

CREATE OR REPLACE FUNCTION jsonb_coalesce_empty(value jsonb)
RETURNS jsonb AS $$
  SELECT
      CASE WHEN jsonb_typeof($1) != 'object'
          THEN '{}'::jsonb
          ELSE $1
  END
$$ LANGUAGE sql;

-- Convert all rows to their new sha256 values
WITH json_string_cte AS (
    SELECT
        rcv.id,
        rcv.version_sha256 AS old_version_sha256,
        COALESCE(
            '{' || string_agg('"' || kv.key || '":"' || kv.value || '"', ',' ORDER BY kv.key) || '}',
            '{}'
        ) AS json_string
    FROM resource_config_versions rcv
    LEFT JOIN jsonb_each_text(jsonb_coalesce_empty(rcv.version::jsonb)) AS kv ON true
    GROUP BY rcv.id, rcv.version_sha256
),
hashed_json_string_cte AS (
    SELECT
        json_string_cte.id,
        json_string_cte.old_version_sha256,
        encode(digest(json_string_cte.json_string, 'sha256'), 'hex') AS new_version_sha256
    FROM json_string_cte
)
UPDATE resource_config_versions rcv
SET version_sha256 = hjs.new_version_sha256
FROM hashed_json_string_cte hjs
WHERE rcv.id = hjs.id;

--- Recreate indexes
-- resource_config_versions
ALTER TABLE resource_config_versions
ADD CONSTRAINT resource_config_scope_id_and_version_sha256_unique
UNIQUE (resource_config_scope_id, version_sha256);

-- ensure lookups using version_md5 are still fast
CREATE INDEX resource_config_scope_id_and_version_md5_idx ON resource_config_versions(resource_config_scope_id, version_md5);

CREATE INDEX resource_config_versions_check_order_idx
ON resource_config_versions (resource_config_scope_id, check_order DESC);

CREATE INDEX resource_config_versions_version
ON resource_config_versions
USING gin(version jsonb_path_ops)
WITH (FASTUPDATE = false);

-- New records will not have md5 digests
ALTER TABLE resource_config_versions
ALTER COLUMN version_md5 DROP NOT NULL;

-- With digests regenerated, all records should have sha256 digests
ALTER TABLE resource_config_versions
ALTER COLUMN version_sha256 SET NOT NULL;

ALTER TABLE resource_config_versions
DROP CONSTRAINT temporary_digest_not_null;

;
-- ===== 1765921815_rerun_of_bigint.up.sql

ALTER TABLE builds RENAME COLUMN "rerun_of" TO "rerun_of_old";

ALTER TABLE builds ADD COLUMN "rerun_of" bigint REFERENCES builds (id) ON DELETE CASCADE;

ALTER INDEX rerun_of_builds_idx RENAME TO rerun_of_old_builds_idx;
CREATE INDEX rerun_of_builds_idx ON builds (rerun_of);

DROP INDEX succeeded_builds_ordering_with_rerun_builds_idx;
CREATE INDEX succeeded_builds_ordering_with_rerun_builds_idx ON builds (job_id)
    INCLUDE (id, rerun_of, rerun_of_old)
    WHERE status = 'succeeded';

DROP INDEX order_builds_by_rerun_of_or_id_idx;
CREATE INDEX order_builds_by_rerun_of_or_id_idx ON builds(
    COALESCE(rerun_of, rerun_of_old, id) DESC,
    id DESC);

DROP INDEX order_job_builds_by_rerun_of_or_id_idx;
CREATE INDEX order_job_builds_by_rerun_of_or_id_idx ON builds (
    job_id,
    COALESCE(rerun_of, rerun_of_old, id) DESC,
    id DESC
) WHERE job_id IS NOT NULL;

-- Table stats are outdated after creating the above indexes. After testing,
-- found that we needed to force postgres to update stats on builds, otherwise
-- query plans were severly inefficient when querying the new run_of column.
ANALYZE builds;

;
-- ===== 1771492499_add_disable_reruns.up.sql
ALTER TABLE jobs
  ADD COLUMN disable_reruns boolean NOT NULL DEFAULT FALSE;

;
-- ===== 1772140118_next_check_time.up.sql
ALTER TABLE resource_config_scopes
  ADD COLUMN next_check_time timestamp with time zone NOT NULL DEFAULT '1970-01-01 00:00:00';

;
-- ===== 1773181582_add_user_data_to_pipelines.up.sql
ALTER TABLE pipelines ADD COLUMN user_data text;

;
-- ===== 1776182280_add_ttl_to_task_caches.up.sql
ALTER TABLE task_caches ADD COLUMN last_used timestamp with time zone NOT NULL DEFAULT now();
ALTER TABLE task_caches ADD COLUMN ttl bigint NOT NULL DEFAULT 0;

;
-- ===== 1781568000_add_stalled_since_to_workers.up.sql
ALTER TABLE workers ADD COLUMN stalled_since timestamp with time zone;

-- Backfill existing stalled workers so they are subject to the stall timeout
-- starting from the moment this migration runs, rather than being immortal due
-- to a NULL stalled_since.
UPDATE workers SET stalled_since = now() WHERE state = 'stalled';

;
-- ===== 1783024587_workers_max_active_tasks.up.sql
ALTER TABLE workers ADD COLUMN max_active_tasks int default 0;

;
