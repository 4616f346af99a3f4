-- pytest-pggit test data: Fider's (customer feedback board) PostgreSQL migrations, every
-- migrations/*.sql in order, as Fider's migrator runs them on an empty database (a history of
-- 95 migrations: tables renamed, columns retyped, a STORED generated tsvector column re-made over a
-- column retyped from regconfig to text and a function of another signature, pg_trgm indexes)
-- Source: https://github.com/getfider/fider (commit 67c52826cca176724a59dd58b9795e1bc8d67bc8),
--   migrations/*.sql
-- License:
--   AGPL-3.0 (the repository's LICENSE: GNU Affero General Public License, version 3).
-- Changes:
--   * each file starts with a "-- ===== <path>" line and ends with a lone ";"

-- ===== migrations/201701261850_create_tenants.up.sql
create table if not exists tenants (
     id           serial primary key,
     name         varchar(60) not null,
     domain       varchar(40) not null,
     created_on   timestamptz not null default now(),
     modified_on  timestamptz not null default now()
);
;

-- ===== migrations/201701281131_rename_domain.up.sql
ALTER TABLE tenants RENAME COLUMN domain TO subdomain;
;

-- ===== migrations/201702072040_create_ideas.up.sql
create table if not exists ideas (
     id           serial primary key,
     title        varchar(100) not null,
     description  text null,
     tenant_id    int not null,
     created_on   timestamptz not null default now(),
     modified_on  timestamptz not null default now(),
     foreign key (tenant_id) references tenants(id)
);
;

-- ===== migrations/201702251213_create_users.up.sql
create table if not exists users (
     id           serial primary key,
     name         varchar(100) null,
     email        varchar(200) not null,
     created_on   timestamptz not null default now(),
     modified_on  timestamptz not null default now()
);

create table if not exists user_providers (
     user_id      int not null,
     provider     varchar(40) not null,
     provider_uid varchar(100) not null,
     created_on   timestamptz not null default now(),
     modified_on  timestamptz not null default now(),
     primary key (user_id, provider),
     foreign key (user_id) references users(id)
);
;

-- ===== migrations/201702251620_add_tenant_cname.up.sql
alter table tenants add cname varchar(100) null
;

-- ===== migrations/201703172030_add_ideas_userid.up.sql
alter table ideas add user_id int REFERENCES users (id)
;

-- ===== migrations/201703172115_remove_col_defaults.up.sql
alter table ideas drop column modified_on;
alter table ideas alter column created_on drop default;

alter table users drop column modified_on;
alter table users alter column created_on drop default;
;

-- ===== migrations/201703240709_remove_col_tenants.up.sql
alter table tenants drop column modified_on;
alter table tenants alter column created_on drop default;
;

-- ===== migrations/201703240710_create_comments.up.sql
create table if not exists comments (
     id          serial primary key,
     content     text null,
     idea_id     int not null,
     user_id     int not null,
     created_on  timestamptz not null,
     foreign key (idea_id) references ideas(id),
     foreign key (user_id) references users(id)
);
;

-- ===== migrations/201703310824_remove_col_user_providers.up.sql
alter table user_providers drop column modified_on;
alter table user_providers alter column created_on drop default;
;

-- ===== migrations/201703310857_add_tenant_to_users.up.sql
ALTER TABLE users ADD tenant_id INT REFERENCES tenants(id);

UPDATE users
SET tenant_id = ideas.tenant_id
FROM ideas
WHERE ideas.user_id = users.id;

UPDATE users
SET tenant_id = (SELECT id FROM tenants LIMIT 1)
WHERE tenant_id IS NULL
;

-- ===== migrations/201704101854_add_ideas_number.up.sql
ALTER TABLE ideas ADD NUMBER INT;

UPDATE ideas i
SET NUMBER = i2.seqnum
FROM (SELECT i2.*, row_number() OVER (PARTITION BY tenant_id ORDER BY created_on) AS seqnum FROM ideas i2) i2
WHERE i2.id = i.id;

ALTER TABLE ideas ALTER COLUMN NUMBER SET NOT NULL;
;

-- ===== migrations/201704112003_add_role_users.up.sql
ALTER TABLE users ADD role INT;

UPDATE users SET role = 1;

ALTER TABLE users ALTER COLUMN role SET NOT NULL;
;

-- ===== migrations/201704181821_add_supporters.up.sql
ALTER TABLE ideas ADD supporters INT;

UPDATE ideas SET supporters = 0;

ALTER TABLE ideas ALTER COLUMN supporters SET NOT NULL;

CREATE TABLE IF NOT EXISTS idea_supporters (
     user_id     int not null,
     idea_id     int not null,
     created_on  timestamptz not null,
     primary key (user_id, idea_id),
     foreign key (idea_id) references ideas(id),
     foreign key (user_id) references users(id)
);
;

-- ===== migrations/201705132054_add_idea_status.up.sql
ALTER TABLE ideas ADD status INT;

UPDATE ideas SET status = 0;

ALTER TABLE ideas ALTER COLUMN status SET NOT NULL;
;

-- ===== migrations/201705191854_add_idea_slug.up.sql
ALTER TABLE ideas ADD slug varchar(100);

UPDATE ideas SET slug = '';

ALTER TABLE ideas ALTER COLUMN slug SET NOT NULL;
;

-- ===== migrations/201705202300_add_idea_response.up.sql
ALTER TABLE ideas ADD response text null;
ALTER TABLE ideas ADD response_user_id int null;
ALTER TABLE ideas ADD response_date timestamptz null;
;

-- ===== migrations/201707081055_set_cname_null.up.sql
UPDATE tenants SET cname = null WHERE cname = '';
;

-- ===== migrations/201707261949_set_cname_empty.up.sql
UPDATE tenants SET cname = '' WHERE cname IS NULL;
;

-- ===== migrations/201707271826_new_tenant_settings.up.sql
alter table tenants add invitation varchar(100) null;
alter table tenants add welcome_message text null;

update tenants set invitation = '', welcome_message = '';
;

-- ===== migrations/201709081837_create_email_verifications.up.sql
create table if not exists email_verifications (
     id             serial primary key,
     tenant_id      int not null,
     email          varchar(200) not null,
     created_on     timestamptz not null,
     key            varchar(32) not null,
     verified_on    timestamptz null,
     foreign key (tenant_id) references tenants(id)
);
;

-- ===== migrations/201709091228_create_email_verification_key_index.up.sql
CREATE UNIQUE INDEX email_verification_key_idx ON email_verifications (tenant_id, key);
;

-- ===== migrations/201709141944_rename_email_verification.up.sql
ALTER TABLE email_verifications RENAME TO signin_requests;
ALTER INDEX email_verifications_pkey RENAME TO signin_requests_pkey;
ALTER INDEX email_verification_key_idx RENAME TO signin_requests_key_idx;
;

-- ===== migrations/201709241236_add_tenant_status.up.sql
ALTER TABLE tenants ADD status INT NOT NULL DEFAULT 1;
ALTER TABLE tenants ALTER COLUMN status DROP DEFAULT;
;

-- ===== migrations/201709241254_add_signin_request_name_expires_on.up.sql
ALTER TABLE signin_requests ADD name VARCHAR(200) NULL;
ALTER TABLE signin_requests ADD expires_on TIMESTAMPTZ NOT NULL DEFAULT now();

UPDATE signin_requests SET expires_on = created_on + interval '15 minute';

ALTER TABLE signin_requests ALTER COLUMN expires_on DROP DEFAULT;
;

-- ===== migrations/201711152138_create_tags.up.sql
create table if not exists tags (
     id             serial primary key,
     tenant_id      int not null,
     name           varchar(30) not null,
     slug           varchar(30) not null,
     color          varchar(6) not null,
     is_public      boolean not null,
     created_on     timestamptz not null,
     foreign key (tenant_id) references tenants(id)
);

create table if not exists idea_tags (
     tag_id         int not null,
     idea_id        int not null,
     created_on     timestamptz not null,
     created_by_id  int not null,
     primary key (tag_id, idea_id),
     foreign key (idea_id) references ideas(id),
     foreign key (tag_id) references tags(id),
     foreign key (created_by_id) references users(id)
);
;

-- ===== migrations/201711181740_create_uniq_indexes.up.sql
CREATE UNIQUE INDEX idea_number_tenant_key ON ideas (tenant_id, number);
CREATE UNIQUE INDEX tag_slug_tenant_key ON tags (tenant_id, slug);
;

-- ===== migrations/201712061924_unique_email.up.sql
CREATE UNIQUE INDEX user_email_unique_idx ON users (tenant_id, email) WHERE email != '';
CREATE UNIQUE INDEX user_provider_unique_idx ON user_providers (user_id, provider);
CREATE UNIQUE INDEX tenant_subdomain_unique_idx ON tenants (subdomain);
CREATE UNIQUE INDEX tenant_cname_unique_idx ON tenants (cname) WHERE cname != '';
;

-- ===== migrations/201712131842_unique_slug.up.sql
CREATE UNIQUE INDEX idea_slug_tenant_key ON ideas (tenant_id, slug);

;

-- ===== migrations/201801031643_original_id.up.sql
ALTER TABLE ideas ADD original_id INT NULL REFERENCES ideas(id);

;

-- ===== migrations/201801152006_rename_signin_requests.up.sql
ALTER TABLE signin_requests RENAME TO email_verifications;
ALTER INDEX signin_requests_pkey RENAME TO email_verifications_pkey;
ALTER INDEX signin_requests_key_idx RENAME TO email_verifications_key_idx;
;

-- ===== migrations/201801152017_add_kind_email_verification.up.sql
ALTER TABLE email_verifications ADD kind smallint NULL;

UPDATE email_verifications SET kind = 1 WHERE name IS NULL OR name = '';
UPDATE email_verifications SET kind = 2 WHERE name IS NOT NULL AND name != '';

ALTER TABLE email_verifications ALTER COLUMN kind SET NOT NULL;

ALTER TABLE email_verifications ADD user_id INT NULL REFERENCES users (id)
;

-- ===== migrations/201802061858_create_notification_tables.up.sql
create table if not exists idea_subscribers (
  user_id     int not null,
  idea_id     int not null,
  created_on  timestamptz not null default now(),
  updated_on  timestamptz not null default now(),
  status      smallint not null,
  primary key (user_id, idea_id),
  foreign key (idea_id) references ideas(id),
  foreign key (user_id) references users(id)
);

create table if not exists user_settings (
  id          serial primary key,
  user_id     int not null,
  key         varchar(100) not null,
  value       varchar(100) null,
  foreign key (user_id) references users(id)
);

create unique index user_settings_uq_key on user_settings (user_id, key);
;

-- ===== migrations/201802071816_seed_subscribers_table.up.sql
INSERT INTO idea_subscribers (user_id, idea_id, created_on, updated_on, status) 
SELECT user_id, idea_id, created_on, created_on, 1 FROM idea_supporters  ON CONFLICT DO NOTHING;

INSERT INTO idea_subscribers (user_id, idea_id, created_on, updated_on, status) 
SELECT user_id, id, created_on, created_on, 1 FROM ideas ON CONFLICT DO NOTHING;

INSERT INTO idea_subscribers (user_id, idea_id, created_on, updated_on, status) 
SELECT user_id, idea_id, created_on, created_on, 1 FROM comments ON CONFLICT DO NOTHING;
;

-- ===== migrations/201802231910_add_pg_trgm.up.sql
CREATE EXTENSION IF NOT EXISTS pg_trgm;
;

-- ===== migrations/201802241348_create_webnotification_tables.up.sql
create table if not exists notifications (
  id          serial not null, 
  tenant_id   int not null,
  user_id     int not null,
  title       varchar(160) not null,
  link        varchar(2048) null,
  read        boolean not null, 
  idea_id     int not null,
  author_id   int not null,
  created_on  timestamptz not null default now(),
  updated_on  timestamptz not null default now(),
  primary key (id),
  foreign key (tenant_id) references tenants(id),
  foreign key (user_id) references users(id),
  foreign key (author_id) references users(id),
  foreign key (idea_id) references ideas(id)
);
;

-- ===== migrations/201803011831_add_tenant_id_everywhere.up.sql
CREATE UNIQUE INDEX idea_id_tenant_id_key ON ideas (tenant_id, id);
CREATE UNIQUE INDEX user_id_tenant_id_key ON users (tenant_id, id);
CREATE UNIQUE INDEX tag_id_tenant_id_key ON tags (tenant_id, id);



---- TABLE: comments

-- add tenant_id
ALTER TABLE comments ADD tenant_id INT NULL;
UPDATE comments SET tenant_id = (SELECT tenant_id FROM ideas WHERE ideas.id = comments.idea_id);
ALTER TABLE comments ALTER COLUMN tenant_id SET NOT NULL;

ALTER TABLE comments
   ADD CONSTRAINT comments_tenant_id_fkey
   FOREIGN KEY (tenant_id) 
   REFERENCES tenants(id);
   
-- comments <-> ideas
ALTER TABLE comments
    DROP CONSTRAINT comments_idea_id_fkey RESTRICT;

ALTER TABLE comments
   ADD CONSTRAINT comments_idea_id_fkey
   FOREIGN KEY (idea_id, tenant_id) 
   REFERENCES ideas(id, tenant_id);
   
-- comments <-> users
ALTER TABLE comments
    DROP CONSTRAINT comments_user_id_fkey RESTRICT;

ALTER TABLE comments
   ADD CONSTRAINT comments_user_id_fkey
   FOREIGN KEY (user_id, tenant_id) 
   REFERENCES users(id, tenant_id);



---- TABLE: email_verifications

-- email_verifications <-> users
ALTER TABLE email_verifications
    DROP CONSTRAINT email_verifications_user_id_fkey RESTRICT;
    
ALTER TABLE email_verifications
   ADD CONSTRAINT email_verifications_user_id_fkey
   FOREIGN KEY (user_id, tenant_id) 
   REFERENCES users(id, tenant_id);



---- TABLE: user_providers

-- add tenant_id
ALTER TABLE user_providers ADD tenant_id INT NULL;
UPDATE user_providers SET tenant_id = (SELECT tenant_id FROM users WHERE users.id = user_providers.user_id);
ALTER TABLE user_providers ALTER COLUMN tenant_id SET NOT NULL;

ALTER TABLE user_providers
   ADD CONSTRAINT user_providers_tenant_id_fkey
   FOREIGN KEY (tenant_id) 
   REFERENCES tenants(id);

-- user_providers <-> users
ALTER TABLE user_providers
    DROP CONSTRAINT user_providers_user_id_fkey RESTRICT;
    
ALTER TABLE user_providers
   ADD CONSTRAINT user_providers_user_id_fkey
   FOREIGN KEY (user_id, tenant_id) 
   REFERENCES users(id, tenant_id);



---- TABLE: user_settings

-- add tenant_id
ALTER TABLE user_settings ADD tenant_id INT NULL;
UPDATE user_settings SET tenant_id = (SELECT tenant_id FROM users WHERE users.id = user_settings.user_id);
ALTER TABLE user_settings ALTER COLUMN tenant_id SET NOT NULL;

ALTER TABLE user_settings
   ADD CONSTRAINT user_settings_tenant_id_fkey
   FOREIGN KEY (tenant_id) 
   REFERENCES tenants(id);

-- user_settings <-> users
ALTER TABLE user_settings
    DROP CONSTRAINT user_settings_user_id_fkey RESTRICT;
    
ALTER TABLE user_settings
   ADD CONSTRAINT user_settings_user_id_fkey
   FOREIGN KEY (user_id, tenant_id) 
   REFERENCES users(id, tenant_id);



---- TABLE: idea_subscribers

-- add tenant_id
ALTER TABLE idea_subscribers ADD tenant_id INT NULL;
UPDATE idea_subscribers SET tenant_id = (SELECT tenant_id FROM users WHERE users.id = idea_subscribers.user_id);
ALTER TABLE idea_subscribers ALTER COLUMN tenant_id SET NOT NULL;

ALTER TABLE idea_subscribers
   ADD CONSTRAINT idea_subscribers_tenant_id_fkey
   FOREIGN KEY (tenant_id) 
   REFERENCES tenants(id);
   
-- idea_subscribers <-> ideas
ALTER TABLE idea_subscribers
    DROP CONSTRAINT idea_subscribers_idea_id_fkey RESTRICT;

ALTER TABLE idea_subscribers
   ADD CONSTRAINT idea_subscribers_idea_id_fkey
   FOREIGN KEY (idea_id, tenant_id) 
   REFERENCES ideas(id, tenant_id);
   
-- idea_subscribers <-> users
ALTER TABLE idea_subscribers
    DROP CONSTRAINT idea_subscribers_user_id_fkey RESTRICT;

ALTER TABLE idea_subscribers
   ADD CONSTRAINT idea_subscribers_user_id_fkey
   FOREIGN KEY (user_id, tenant_id) 
   REFERENCES users(id, tenant_id);



---- TABLE: idea_supporters

-- add tenant_id
ALTER TABLE idea_supporters ADD tenant_id INT NULL;
UPDATE idea_supporters SET tenant_id = (SELECT tenant_id FROM users WHERE users.id = idea_supporters.user_id);
ALTER TABLE idea_supporters ALTER COLUMN tenant_id SET NOT NULL;

ALTER TABLE idea_supporters
   ADD CONSTRAINT idea_supporters_tenant_id_fkey
   FOREIGN KEY (tenant_id) 
   REFERENCES tenants(id);
   
-- idea_supporters <-> ideas
ALTER TABLE idea_supporters
    DROP CONSTRAINT idea_supporters_idea_id_fkey RESTRICT;

ALTER TABLE idea_supporters
   ADD CONSTRAINT idea_supporters_idea_id_fkey
   FOREIGN KEY (idea_id, tenant_id) 
   REFERENCES ideas(id, tenant_id);
   
-- idea_supporters <-> users
ALTER TABLE idea_supporters
    DROP CONSTRAINT idea_supporters_user_id_fkey RESTRICT;

ALTER TABLE idea_supporters
   ADD CONSTRAINT idea_supporters_user_id_fkey
   FOREIGN KEY (user_id, tenant_id) 
   REFERENCES users(id, tenant_id);

---- TABLE: idea_tags

-- add tenant_id
ALTER TABLE idea_tags ADD tenant_id INT NULL;
UPDATE idea_tags SET tenant_id = (SELECT tenant_id FROM tags WHERE tags.id = idea_tags.tag_id);
ALTER TABLE idea_tags ALTER COLUMN tenant_id SET NOT NULL;

ALTER TABLE idea_tags
   ADD CONSTRAINT idea_tags_tenant_id_fkey
   FOREIGN KEY (tenant_id) 
   REFERENCES tenants(id);
   
-- idea_tags <-> ideas
ALTER TABLE idea_tags
    DROP CONSTRAINT idea_tags_idea_id_fkey RESTRICT;

ALTER TABLE idea_tags
   ADD CONSTRAINT idea_tags_idea_id_fkey
   FOREIGN KEY (idea_id, tenant_id) 
   REFERENCES ideas(id, tenant_id);
   
-- idea_tags <-> users
ALTER TABLE idea_tags
    DROP CONSTRAINT idea_tags_created_by_id_fkey RESTRICT;

ALTER TABLE idea_tags
   ADD CONSTRAINT idea_tags_created_by_id_fkey
   FOREIGN KEY (created_by_id, tenant_id) 
   REFERENCES users(id, tenant_id);
   
-- idea_tags <-> tags
ALTER TABLE idea_tags
    DROP CONSTRAINT idea_tags_tag_id_fkey RESTRICT;

ALTER TABLE idea_tags
   ADD CONSTRAINT idea_tags_tag_id_fkey
   FOREIGN KEY (tag_id, tenant_id) 
   REFERENCES tags(id, tenant_id);

---- TABLE: notifications
   
-- notifications <-> ideas
ALTER TABLE notifications
    DROP CONSTRAINT notifications_idea_id_fkey RESTRICT;

ALTER TABLE notifications
   ADD CONSTRAINT notifications_idea_id_fkey
   FOREIGN KEY (idea_id, tenant_id) 
   REFERENCES ideas(id, tenant_id);
   
-- notifications <-> users
ALTER TABLE notifications
    DROP CONSTRAINT notifications_user_id_fkey RESTRICT;

ALTER TABLE notifications
   ADD CONSTRAINT notifications_user_id_fkey
   FOREIGN KEY (user_id, tenant_id) 
   REFERENCES users(id, tenant_id);
   
-- notifications <-> users (author)
ALTER TABLE notifications
    DROP CONSTRAINT notifications_author_id_fkey RESTRICT;

ALTER TABLE notifications
   ADD CONSTRAINT notifications_author_id_fkey
   FOREIGN KEY (author_id, tenant_id) 
   REFERENCES users(id, tenant_id);
;

-- ===== migrations/201803110836_edit_comment_columns.up.sql
-- add tenant_id
ALTER TABLE comments ADD edited_on TIMESTAMPTZ NULL;
ALTER TABLE comments ADD edited_by_id INT NULL;

ALTER TABLE comments
   ADD CONSTRAINT comments_edited_by_id_fkey
   FOREIGN KEY (edited_by_id, tenant_id) 
   REFERENCES users(id, tenant_id);
;

-- ===== migrations/201804091842_add_is_private.up.sql
ALTER TABLE tenants ADD is_private BOOLEAN NULL;

UPDATE tenants SET is_private = false;

ALTER TABLE tenants ALTER COLUMN is_private SET NOT NULL;
;

-- ===== migrations/201805061319_create_uploads.up.sql
create table if not exists uploads (
  id            serial not null, 
  tenant_id     int not null,
  size          int not null,
  content_type  varchar(200) not null,
  file          bytea not null,
  created_on    timestamptz not null default now(),
  primary key (id),
  foreign key (tenant_id) references tenants(id)
);
;

-- ===== migrations/201805070759_add_logo_id.up.sql
CREATE UNIQUE INDEX upload_tenant_key ON uploads (id, tenant_id);

ALTER TABLE tenants ADD logo_id INT NULL;

ALTER TABLE tenants
   ADD CONSTRAINT tenants_logo_id_fkey
   FOREIGN KEY (logo_id, id) 
   REFERENCES uploads(id, tenant_id);

;

-- ===== migrations/201805162034_add_custom_css.up.sql
ALTER TABLE tenants ADD custom_css TEXT NULL;

UPDATE tenants SET custom_css = '';

ALTER TABLE tenants ALTER COLUMN custom_css SET NOT NULL;
;

-- ===== migrations/201805230000_drop_supporters_column.up.sql
ALTER TABLE ideas DROP COLUMN supporters;
;

-- ===== migrations/201805261834_add_user_status.up.sql
ALTER TABLE users ADD status INT NULL;

UPDATE users SET status = 1;

ALTER TABLE users ALTER COLUMN status SET NOT NULL;
;

-- ===== migrations/201806191904_create_logs.sql
create table if not exists logs (
  id            serial not null, 
  tag           varchar(50) not null,
  level         varchar(50) not null,
  text          text not null,
  properties    jsonb null,
  created_on    timestamptz not null default now(),
  primary key (id)
);
;

-- ===== migrations/201807122132_create_oauth_providers.sql
create table if not exists oauth_providers (
  id                   serial not null, 
  tenant_id            int not null,
  logo_id              int null,
  provider             varchar(30) not null,
  display_name         varchar(50) not null,
  status               int not null,
  client_id            varchar(100) not null,
  client_secret        varchar(500) not null,
  authorize_url        varchar(300) not null,
  token_url            varchar(300) not null,
  profile_url          varchar(300) not null,
  scope                varchar(100) not null,
  json_user_id_path    varchar(100) not null,
  json_user_name_path  varchar(100) not null,
  json_user_email_path varchar(100) not null,
  created_on           timestamptz not null default now(),
  primary key (id),
  foreign key (tenant_id) references tenants(id),
  foreign key (logo_id, tenant_id) references uploads(id, tenant_id)
);

CREATE UNIQUE INDEX tenant_id_provider_key ON oauth_providers (tenant_id, provider);
;

-- ===== migrations/201808152020_rename_idea_post.sql
UPDATE user_settings
SET key = 'event_notification_new_post'
WHERE key = 'event_notification_new_idea';

ALTER TABLE idea_subscribers RENAME COLUMN idea_id TO post_id;
ALTER TABLE idea_supporters RENAME COLUMN idea_id TO post_id;
ALTER TABLE idea_tags RENAME COLUMN idea_id TO post_id;
ALTER TABLE comments RENAME COLUMN idea_id TO post_id;
ALTER TABLE notifications RENAME COLUMN idea_id TO post_id;

ALTER TABLE ideas RENAME TO posts;
ALTER TABLE idea_subscribers RENAME TO post_subscribers;
ALTER TABLE idea_supporters RENAME TO post_supporters;
ALTER TABLE idea_tags RENAME TO post_tags;

ALTER INDEX idea_id_tenant_id_key RENAME TO post_id_tenant_id_key;
ALTER INDEX idea_number_tenant_key RENAME TO post_number_tenant_key;
ALTER INDEX idea_slug_tenant_key RENAME TO post_slug_tenant_key;
ALTER INDEX idea_subscribers_pkey RENAME TO post_subscribers_pkey;
ALTER INDEX idea_supporters_pkey RENAME TO post_supporters_pkey;
ALTER INDEX idea_tags_pkey RENAME TO post_tags_pkey;
ALTER INDEX ideas_pkey RENAME TO posts_pkey;

ALTER TABLE comments RENAME CONSTRAINT comments_idea_id_fkey TO comments_post_id_fkey;
ALTER TABLE post_subscribers RENAME CONSTRAINT idea_subscribers_idea_id_fkey TO post_subscribers_post_id_fkey;
ALTER TABLE post_subscribers RENAME CONSTRAINT idea_subscribers_tenant_id_fkey TO post_subscribers_tenant_id_fkey;
ALTER TABLE post_subscribers RENAME CONSTRAINT idea_subscribers_user_id_fkey TO post_subscribers_user_id_fkey;
ALTER TABLE post_supporters RENAME CONSTRAINT idea_supporters_idea_id_fkey TO post_supporters_post_id_fkey;
ALTER TABLE post_supporters RENAME CONSTRAINT idea_supporters_tenant_id_fkey TO post_supporters_tenant_id_fkey;
ALTER TABLE post_supporters RENAME CONSTRAINT idea_supporters_user_id_fkey TO post_supporters_user_id_fkey;
ALTER TABLE post_tags RENAME CONSTRAINT idea_tags_created_by_id_fkey TO post_tags_created_by_id_fkey;
ALTER TABLE post_tags RENAME CONSTRAINT idea_tags_idea_id_fkey TO post_tags_post_id_fkey;
ALTER TABLE post_tags RENAME CONSTRAINT idea_tags_tag_id_fkey TO post_tags_tag_id_fkey;
ALTER TABLE post_tags RENAME CONSTRAINT idea_tags_tenant_id_fkey TO post_tags_tenant_id_fkey;
ALTER TABLE posts RENAME CONSTRAINT ideas_original_id_fkey TO posts_original_id_fkey;
ALTER TABLE posts RENAME CONSTRAINT ideas_tenant_id_fkey TO posts_tenant_id_fkey;
ALTER TABLE posts RENAME CONSTRAINT ideas_user_id_fkey TO posts_user_id_fkey;
ALTER TABLE notifications RENAME CONSTRAINT notifications_idea_id_fkey TO notifications_post_id_fkey;

ALTER SEQUENCE ideas_id_seq RENAME TO posts_id_seq;
;

-- ===== migrations/201808181931_add_api_key_users.sql
ALTER TABLE users ADD api_key VARCHAR(32) NULL;
ALTER TABLE users ADD api_key_date TIMESTAMPTZ NULL;

CREATE UNIQUE INDEX users_api_key ON users (tenant_id, api_key);
;

-- ===== migrations/201808192103_increase_key_size.sql
ALTER TABLE users ALTER COLUMN api_key TYPE VARCHAR(64);
ALTER TABLE email_verifications ALTER COLUMN key TYPE VARCHAR(64);

;

-- ===== migrations/201808291958_rename_support_vote.sql
ALTER TABLE post_supporters RENAME TO post_votes;
ALTER INDEX post_supporters_pkey RENAME TO post_votes_pkey;
ALTER TABLE post_votes RENAME CONSTRAINT post_supporters_post_id_fkey TO post_votes_post_id_fkey;
ALTER TABLE post_votes RENAME CONSTRAINT post_supporters_tenant_id_fkey TO post_votes_tenant_id_fkey;
ALTER TABLE post_votes RENAME CONSTRAINT post_supporters_user_id_fkey TO post_votes_user_id_fkey;

UPDATE tenants 
SET custom_css = replace(custom_css, '.c-support-counter', '.c-vote-counter')
WHERE custom_css LIKE '%.c-support-counter%';

UPDATE tenants 
SET custom_css = replace(custom_css, '.m-supported', '.m-voted')
WHERE custom_css LIKE '%.m-supported%';
;

-- ===== migrations/201809262108_rename_datetime_fields.sql
ALTER TABLE logs RENAME COLUMN created_on TO created_at;
ALTER TABLE post_subscribers RENAME COLUMN created_on TO created_at;
ALTER TABLE post_subscribers RENAME COLUMN updated_on TO updated_at;
ALTER TABLE user_providers RENAME COLUMN created_on TO created_at;
ALTER TABLE post_votes RENAME COLUMN created_on TO created_at;
ALTER TABLE oauth_providers RENAME COLUMN created_on TO created_at;
ALTER TABLE posts RENAME COLUMN created_on TO created_at;
ALTER TABLE uploads RENAME COLUMN created_on TO created_at;
ALTER TABLE tenants RENAME COLUMN created_on TO created_at;
ALTER TABLE post_tags RENAME COLUMN created_on TO created_at;
ALTER TABLE tags RENAME COLUMN created_on TO created_at;
ALTER TABLE notifications RENAME COLUMN created_on TO created_at;
ALTER TABLE notifications RENAME COLUMN updated_on TO updated_at;
ALTER TABLE users RENAME COLUMN created_on TO created_at;
ALTER TABLE comments RENAME COLUMN created_on TO created_at;
ALTER TABLE comments RENAME COLUMN edited_on TO edited_at;
ALTER TABLE email_verifications RENAME COLUMN created_on TO created_at;
ALTER TABLE email_verifications RENAME COLUMN verified_on TO verified_at;
ALTER TABLE email_verifications RENAME COLUMN expires_on TO expires_at;

;

-- ===== migrations/201810022329_add_events.sql
CREATE TABLE IF NOT EXISTS events (
    id SERIAL NOT NULL,
    tenant_id INT NOT NULL,
    client_ip INET,
    name VARCHAR(64) NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT NOW(),
    PRIMARY KEY (id),
    FOREIGN KEY (tenant_id) REFERENCES tenants(id)
);
;

-- ===== migrations/201810152035_add_comment_deleted.sql
ALTER TABLE comments ADD deleted_at TIMESTAMPTZ NULL;
ALTER TABLE comments ADD deleted_by_id INT NULL;

ALTER TABLE comments
   ADD CONSTRAINT comments_deleted_by_id_fkey
   FOREIGN KEY (deleted_by_id, tenant_id) 
   REFERENCES users(id, tenant_id);
;

-- ===== migrations/201811071547_increase_link_size.sql
ALTER TABLE notifications ALTER COLUMN title TYPE VARCHAR(400);

;

-- ===== migrations/201812102208_create_blob_table.sql
create table if not exists blobs (
  id            serial not null,
  key           varchar(512) not null, 
  tenant_id     int null,
  size          bigint not null,
  content_type  varchar(200) not null,
  file          bytea not null,
  created_at    timestamptz not null default now(),
  modified_at   timestamptz not null default now(),
  primary key (id),
  unique (tenant_id, key),
  foreign key (tenant_id) references tenants(id)
);
;

-- ===== migrations/201812171813_migrate_to_blobs.sql
insert into blobs (key, tenant_id, size, content_type, file, created_at, modified_at)
select 
    'logos/'||md5(cast(id as varchar)) || '.' ||  split_part(content_type, '/', 2) as key,
    tenant_id,
    size,
    content_type,
    file,
    created_at,
    created_at as modified_at
from uploads;

alter table tenants add column logo_bkey varchar(512) null;
alter table oauth_providers add column logo_bkey varchar(512) null;

update tenants
set logo_bkey = 'logos/'||md5(cast(u.id as varchar)) || '.' ||  split_part(u.content_type, '/', 2)
from  uploads u
where u.id = tenants.logo_id;

update oauth_providers
set logo_bkey = 'logos/'||md5(cast(u.id as varchar)) || '.' ||  split_part(u.content_type, '/', 2)
from  uploads u
where u.id = oauth_providers.logo_id;

alter table tenants drop column logo_id;
alter table oauth_providers drop column logo_id;

update tenants set logo_bkey = '' where logo_bkey is null;
update oauth_providers set logo_bkey = '' where logo_bkey is null;

alter table tenants alter column logo_bkey SET NOT NULL;
alter table oauth_providers alter column logo_bkey SET NOT NULL;

drop table uploads;
;

-- ===== migrations/201812201644_migrate_autocert_to_blobs.sql
CREATE UNIQUE INDEX blobs_unique_global_key ON blobs (key, tenant_id) WHERE tenant_id IS NOT NULL;
CREATE UNIQUE INDEX blobs_unique_tenant_key ON blobs (key) WHERE tenant_id IS NULL;
;

-- ===== migrations/201812230904_user_avatar_type.sql
alter table users add column avatar_type smallint null;
alter table users add column avatar_bkey varchar(512) null;

update users set avatar_type = 2; -- gravatar
update users set avatar_bkey = '';

alter table users alter column avatar_type set not null;
alter table users alter column avatar_bkey set not null;
;

-- ===== migrations/201901042021_create_tenants_billing.sql
create table if not exists tenants_billing (
  tenant_id              int not null,
  trial_ends_at          timestamptz not null,
  subscription_ends_at   timestamptz null,
  stripe_customer_id     varchar(255) null,
  stripe_subscription_id varchar(255) null,
  stripe_plan_id         varchar(255) null,
  primary key (tenant_id),
  foreign key (tenant_id) references tenants(id)
);
;

-- ===== migrations/201901072106_recreate_post_slug_index.sql
DROP INDEX post_slug_tenant_key;
CREATE UNIQUE INDEX post_slug_tenant_key ON posts (tenant_id, slug) WHERE status <> 6;
;

-- ===== migrations/201901130830_attachments.sql
create table if not exists attachments (
  id              serial not null,
  tenant_id       int not null,
  post_id         int not null,
  comment_id      int null,
  user_id         int not null,
  attachment_bkey varchar(512) not null,
  primary key (id),
  foreign key (tenant_id) references tenants(id),
  foreign key (post_id) references posts(id),
  foreign key (user_id) references users(id),
  foreign key (comment_id) references comments(id)
);
;

-- ===== migrations/201904022134_lowercase_emails.sql
update users set email = lower(email) where email != lower(email)
;

-- ===== migrations/201904091921_fix_api_users_role.sql
UPDATE users SET role = 1 WHERE role = 0
;

-- ===== migrations/202105161823_create_indexes.sql
CREATE INDEX IF NOT EXISTS post_tags_post_id_fkey ON post_tags (tenant_id,post_id);
CREATE INDEX IF NOT EXISTS comments_post_id_fkey ON comments (tenant_id,post_id);
CREATE INDEX IF NOT EXISTS post_votes_post_id_fkey ON post_votes (tenant_id,post_id);
CREATE INDEX IF NOT EXISTS post_subscribers_post_id_fkey ON post_subscribers (tenant_id,post_id);
;

-- ===== migrations/202107031320_add_locale_field.sql
ALTER TABLE tenants ADD locale VARCHAR(10) NULL;
UPDATE tenants SET locale = 'en';
ALTER TABLE tenants ALTER COLUMN locale SET NOT NULL;
;

-- ===== migrations/202107211126_added_allowing_email_auth.sql
ALTER TABLE tenants ADD COLUMN is_email_auth_allowed BOOLEAN;
UPDATE tenants SET is_email_auth_allowed = TRUE;
ALTER TABLE tenants ALTER COLUMN is_email_auth_allowed SET NOT NULL;
;

-- ===== migrations/202108092243_create_webhooks.sql
CREATE TABLE IF NOT EXISTS webhooks (
  id SERIAL PRIMARY KEY,
  name VARCHAR(60) NOT NULL,
  type SMALLINT NOT NULL,
  status SMALLINT NOT NULL,
  url TEXT NOT NULL,
  content TEXT NULL,
  http_method VARCHAR(50) NOT NULL,
  http_headers JSONB NULL,
  tenant_id INT NOT NULL,
  FOREIGN KEY (tenant_id) REFERENCES tenants (id)
);
;

-- ===== migrations/202109052023_email_supressed_at.sql
ALTER TABLE users ADD email_supressed_at TIMESTAMPTZ NULL;
;

-- ===== migrations/202109072130_paddle_fields.sql
alter table tenants_billing drop column stripe_customer_id;
alter table tenants_billing drop column stripe_subscription_id;
alter table tenants_billing drop column stripe_plan_id;

alter table tenants_billing add paddle_subscription_id varchar(255) not null;
alter table tenants_billing add paddle_plan_id varchar(255) not null;
alter table tenants_billing add status smallint not null;
;

-- ===== migrations/202109272130_system_settings.sql
create table if not exists system_settings (
  key   varchar(100) primary key,
  value text not null
);
;

-- ===== migrations/202205082055_trusted_provider.sql
ALTER TABLE oauth_providers ADD is_trusted BOOLEAN default false;

CREATE UNIQUE INDEX oauth_provider_uq ON oauth_providers (provider);
;

-- ===== migrations/202406111146_add_posts_user_id_index.sql
CREATE INDEX post_user_key ON posts (user_id);

;

-- ===== migrations/202410122105_create_reactions_up.sql
create table if not exists reactions (
     id          serial primary key,
     emoji       varchar(8) not null,
     comment_id  int not null,
     user_id     int not null,
     created_on  timestamptz not null,
     foreign key (comment_id) references comments(id),
     foreign key (user_id) references users(id)
);

ALTER TABLE reactions ADD CONSTRAINT unique_reaction UNIQUE (comment_id, user_id, emoji);

;

-- ===== migrations/202503202000_mentions_notifications.sql
create table
     if not exists mention_notifications (
          id serial not null,
          tenant_id int not null,
          user_id int not null,
          comment_id int null,
          created_on timestamptz not null default now (),
          primary key (id),
          foreign key (tenant_id) references tenants (id),
          foreign key (user_id) references users (id),
          foreign key (comment_id) references comments (id),
          constraint unique_mention_notification unique (tenant_id, user_id, comment_id)
     );

create index idx_mention_notifications_tenant_user on mention_notifications (tenant_id, user_id);

UPDATE comments
SET
     content = regexp_replace (
          content,
          '@{"id":([0-9]+),"name":"([^"]+)"(,"isNew":(true|false))?}',
          '@[\2]',
          'g'
     )
WHERE
     content LIKE '%@{"id":%'
;

-- ===== migrations/202504252031_add_is_feed_enabled.sql
ALTER TABLE tenants ADD is_feed_enabled BOOLEAN NULL;

UPDATE tenants
SET is_feed_enabled = CASE
    WHEN is_private = true THEN false
    ELSE true
END;

ALTER TABLE tenants ALTER COLUMN is_feed_enabled SET NOT NULL;
;

-- ===== migrations/202507010800_inline_images.up.sql
-- Update comments with all attachment images
UPDATE comments 
SET content = CASE
    WHEN content IS NULL OR content = '' THEN image_markdown
    ELSE content || E'\n\n' || image_markdown
END
FROM (
    SELECT 
        comment_id,
        string_agg('![](fider-image:' || attachment_bkey || ')', E'\n') as image_markdown
    FROM attachments 
    WHERE comment_id IS NOT NULL
    GROUP BY comment_id
) a
WHERE comments.id = a.comment_id;

-- Update posts with all attachment images  
UPDATE posts
SET description = CASE
    WHEN description IS NULL OR description = '' THEN image_markdown
    ELSE description || E'\n\n' || image_markdown
END
FROM (
    SELECT 
        post_id,
        string_agg('![](fider-image:' || attachment_bkey || ')', E'\n') as image_markdown
    FROM attachments 
    WHERE comment_id IS NULL
    GROUP BY post_id
) a
WHERE posts.id = a.post_id;
;

-- ===== migrations/202507071815_add_post_id_to_mention_notifications.up.sql
-- Add post_id to mention_notifications table
ALTER TABLE mention_notifications
ADD COLUMN post_id INTEGER;

-- Add foreign key constraint on post_id that allows null values
ALTER TABLE mention_notifications ADD CONSTRAINT mention_notifications_post_id_fkey FOREIGN KEY (post_id) REFERENCES posts (id);

ALTER TABLE mention_notifications
DROP CONSTRAINT IF EXISTS mention_notifications_comment_id_fkey;

ALTER TABLE mention_notifications
DROP CONSTRAINT IF EXISTS unique_mention_notification;

-- Add a new foreign key constraint that allows null values
ALTER TABLE mention_notifications ADD CONSTRAINT mention_notifications_comment_id_fkey FOREIGN KEY (comment_id) REFERENCES comments (id);

-- Update the unique constraint to include post_id
ALTER TABLE mention_notifications
DROP CONSTRAINT IF EXISTS mention_notifications_tenant_id_user_id_comment_id_key;

-- Add a check constraint to ensure at least one of comment_id or post_id is not null
ALTER TABLE mention_notifications ADD CONSTRAINT mention_notifications_comment_or_post_check CHECK (
    (comment_id IS NOT NULL)
    OR (post_id IS NOT NULL)
);
;

-- ===== migrations/202507091200_add_prevent_indexing.sql
ALTER TABLE tenants ADD prevent_indexing BOOLEAN NULL;

UPDATE tenants
SET
    prevent_indexing = false;

ALTER TABLE tenants
ALTER COLUMN prevent_indexing
SET
    NOT NULL;

ALTER TABLE tenants
ALTER COLUMN prevent_indexing
SET DEFAULT true;
;

-- ===== migrations/202507161200_add_allowed_schemes.sql
ALTER TABLE tenants ADD allowed_schemes TEXT NOT NULL DEFAULT '';

;

-- ===== migrations/202510211300_add_search_column_to_posts.sql
-- 1. Add language column
ALTER TABLE posts ADD COLUMN language regconfig;

-- 2. Create language mapping function
CREATE OR REPLACE FUNCTION map_language_to_tsvector(lang TEXT)
RETURNS regconfig AS $$
BEGIN
	RETURN CASE lang
        WHEN 'ar' THEN 'arabic'::regconfig
        WHEN 'cs' THEN 'simple'::regconfig   -- Czech not supported, fallback to simple
        WHEN 'de' THEN 'german'::regconfig
        WHEN 'el' THEN 'simple'::regconfig   -- Greek not supported, fallback to simple
        WHEN 'en' THEN 'english'::regconfig
        WHEN 'es-ES' THEN 'spanish'::regconfig
        WHEN 'fa' THEN 'simple'::regconfig    -- Farsi not supported, fallback to simple
        WHEN 'fr' THEN 'french'::regconfig
        WHEN 'it' THEN 'italian'::regconfig
        WHEN 'ja' THEN 'simple'::regconfig    -- Japanese not supported, fallback to simple
        WHEN 'ko' THEN 'simple'::regconfig    -- Korean not supported, fallback to simple
        WHEN 'nl' THEN 'dutch'::regconfig
        WHEN 'pl' THEN 'simple'::regconfig    -- Polish not supported, fallback to simple
        WHEN 'pt-BR' THEN 'portuguese'::regconfig
        WHEN 'ru' THEN 'russian'::regconfig
        WHEN 'sk' THEN 'simple'::regconfig    -- Slovak not supported, fallback to simple
        WHEN 'si-LK' THEN 'simple'::regconfig   -- Sinhala not supported, fallback to simple
        WHEN 'sv-SE' THEN 'swedish'::regconfig
        WHEN 'tr' THEN 'turkish'::regconfig
        WHEN 'zh-CN' THEN 'simple'::regconfig -- Chinese not supported, fallback to simple
		ELSE 'simple'::regconfig
	END;
END;
$$ LANGUAGE plpgsql IMMUTABLE;

-- 3. Update language column using tenant's language (assuming you have a way to join or fetch it)
UPDATE posts
SET language = map_language_to_tsvector(
        (SELECT locale::TEXT FROM tenants WHERE tenants.id = posts.tenant_id)
);

-- 4. Add search as a generated column
ALTER TABLE posts ADD search tsvector GENERATED ALWAYS AS (
    CASE WHEN language <> 'simple'::regconfig THEN
        setweight(to_tsvector(language, title::TEXT), 'A') ||
        setweight(to_tsvector(language, description), 'B') ||
        setweight(to_tsvector('simple'::regconfig, title::TEXT), 'C') ||
        setweight(to_tsvector('simple'::regconfig, description), 'D')::tsvector
    ELSE
        setweight(to_tsvector('simple'::regconfig, title::TEXT), 'A') ||
        setweight(to_tsvector('simple'::regconfig, description), 'B')::tsvector
    END
) STORED;

-- 5. Create GIN index
CREATE INDEX idx_posts_search_gin ON posts USING GIN (search);

;

-- ===== migrations/202510241300_add_tenant_providers.sql
CREATE TABLE tenant_providers (
    id           SERIAL PRIMARY KEY,
    tenant_id    INT NOT NULL,
    provider     VARCHAR(40) NOT NULL,
    is_enabled   BOOLEAN NOT NULL DEFAULT true,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT NOW(),
    UNIQUE (tenant_id, provider),
    FOREIGN KEY (tenant_id) REFERENCES tenants(id) ON DELETE CASCADE
);

CREATE INDEX idx_tenant_providers_tenant_id ON tenant_providers(tenant_id);

;

-- ===== migrations/202511041300_content_moderation.sql
-- Add is_moderation_enabled column to tenants table
ALTER TABLE tenants ADD COLUMN IF NOT EXISTS is_moderation_enabled BOOLEAN NULL;

UPDATE tenants SET is_moderation_enabled = false WHERE is_moderation_enabled IS NULL;

DO $$
BEGIN
    IF EXISTS (
        SELECT 1 FROM information_schema.columns
        WHERE table_name = 'tenants'
        AND column_name = 'is_moderation_enabled'
        AND is_nullable = 'YES'
    ) THEN
        ALTER TABLE tenants ALTER COLUMN is_moderation_enabled SET NOT NULL;
    END IF;
END $$;

-- Add is_approved column to posts table
ALTER TABLE posts ADD COLUMN IF NOT EXISTS is_approved BOOLEAN NULL;

UPDATE posts SET is_approved = true WHERE is_approved IS NULL;

DO $$
BEGIN
    IF EXISTS (
        SELECT 1 FROM information_schema.columns
        WHERE table_name = 'posts'
        AND column_name = 'is_approved'
        AND is_nullable = 'YES'
    ) THEN
        ALTER TABLE posts ALTER COLUMN is_approved SET NOT NULL;
    END IF;
END $$;

-- Add is_approved column to comments table
ALTER TABLE comments ADD COLUMN IF NOT EXISTS is_approved BOOLEAN NULL;

UPDATE comments SET is_approved = true WHERE is_approved IS NULL;

DO $$
BEGIN
    IF EXISTS (
        SELECT 1 FROM information_schema.columns
        WHERE table_name = 'comments'
        AND column_name = 'is_approved'
        AND is_nullable = 'YES'
    ) THEN
        ALTER TABLE comments ALTER COLUMN is_approved SET NOT NULL;
    END IF;
END $$;

-- Add user trust column to users table
-- This allows users to be trusted for automatic approval of their content
ALTER TABLE users ADD COLUMN IF NOT EXISTS is_trusted boolean NOT NULL DEFAULT false;

-- Add index for performance
CREATE INDEX IF NOT EXISTS idx_users_trust ON users(tenant_id, is_trusted) WHERE is_trusted = true;
;

-- ===== migrations/202511211400_add_stripe_fields.sql
ALTER TABLE tenants_billing ADD COLUMN stripe_customer_id VARCHAR(255) NULL;
ALTER TABLE tenants_billing ADD COLUMN stripe_subscription_id VARCHAR(255) NULL;

;

-- ===== migrations/202511251500_remove_paddle_trial_columns.sql
-- Remove Paddle and trial-related columns from tenants_billing
-- Keep paddle_subscription_id to identify customers who need to migrate to Stripe
-- Make paddle_subscription_id nullable (was NOT NULL from 202109072130 migration)

ALTER TABLE tenants_billing DROP COLUMN IF EXISTS paddle_plan_id;
ALTER TABLE tenants_billing DROP COLUMN IF EXISTS trial_ends_at;

-- Make paddle_subscription_id nullable so new Stripe subscriptions don't fail
ALTER TABLE tenants_billing ALTER COLUMN paddle_subscription_id DROP NOT NULL;

-- NOTE: paddle_subscription_id is intentionally kept for migration tracking

;

-- ===== migrations/202511251600_migrate_to_plan_system.sql
-- Migrate from billing status to simple plan system
-- Active status (2) becomes Pro plan, all others become Free plan

-- Add is_pro column to tenants table
ALTER TABLE tenants ADD COLUMN is_pro BOOLEAN NOT NULL DEFAULT false;

-- Migrate existing data: Active billing status (2) -> Pro plan
UPDATE tenants t
SET is_pro = true
FROM tenants_billing tb
WHERE t.id = tb.tenant_id
AND tb.status = 2;

-- Drop unused columns from tenants_billing
ALTER TABLE tenants_billing DROP COLUMN IF EXISTS status;
ALTER TABLE tenants_billing DROP COLUMN IF EXISTS subscription_ends_at;

;

-- ===== migrations/202511282000_add_license_key_to_billing.sql
-- Add license key storage to tenants_billing table
ALTER TABLE tenants_billing ADD COLUMN license_key TEXT;

;

-- ===== migrations/202512071400_add_welcome_header.sql
-- Add welcome_header column to tenants table
ALTER TABLE tenants ADD COLUMN welcome_header TEXT NULL DEFAULT '';

;

-- ===== migrations/202601191200_fix_regconfig_column.sql
-- Fix: Change language column from regconfig to TEXT to allow pg_upgrade
-- The regconfig type stores OIDs that change between PostgreSQL versions,
-- breaking pg_upgrade. Store as TEXT and convert at query time instead.

-- 1. Drop the generated column that depends on language
ALTER TABLE posts DROP COLUMN search;

-- 2. Change language column from regconfig to TEXT
-- The regconfig values like 'english'::regconfig convert to their name when cast to TEXT
ALTER TABLE posts ALTER COLUMN language TYPE TEXT USING language::TEXT;

-- 3. Drop and recreate the mapping function to accept config names directly
-- Must be IMMUTABLE for use in generated columns
DROP FUNCTION IF EXISTS map_language_to_tsvector(TEXT);
CREATE FUNCTION map_language_to_tsvector(config_name TEXT)
RETURNS regconfig AS $$
BEGIN
    RETURN CASE config_name
        WHEN 'arabic' THEN 'arabic'::regconfig
        WHEN 'dutch' THEN 'dutch'::regconfig
        WHEN 'english' THEN 'english'::regconfig
        WHEN 'french' THEN 'french'::regconfig
        WHEN 'german' THEN 'german'::regconfig
        WHEN 'italian' THEN 'italian'::regconfig
        WHEN 'portuguese' THEN 'portuguese'::regconfig
        WHEN 'russian' THEN 'russian'::regconfig
        WHEN 'spanish' THEN 'spanish'::regconfig
        WHEN 'swedish' THEN 'swedish'::regconfig
        WHEN 'turkish' THEN 'turkish'::regconfig
        -- Unsupported languages fall back to 'simple':
        -- Chinese, Czech, Greek, Japanese, Korean, Persian, Polish, Sinhala, Slovak
        ELSE 'simple'::regconfig
    END;
END;
$$ LANGUAGE plpgsql IMMUTABLE;

-- 4. Recreate the search column using the IMMUTABLE function
ALTER TABLE posts ADD search tsvector GENERATED ALWAYS AS (
    CASE WHEN language <> 'simple' THEN
        setweight(to_tsvector(map_language_to_tsvector(language), title::TEXT), 'A') ||
        setweight(to_tsvector(map_language_to_tsvector(language), description), 'B') ||
        setweight(to_tsvector('simple'::regconfig, title::TEXT), 'C') ||
        setweight(to_tsvector('simple'::regconfig, description), 'D')::tsvector
    ELSE
        setweight(to_tsvector('simple'::regconfig, title::TEXT), 'A') ||
        setweight(to_tsvector('simple'::regconfig, description), 'B')::tsvector
    END
) STORED;

-- 5. Recreate the GIN index
CREATE INDEX idx_posts_search_gin ON posts USING GIN (search);

;

-- ===== migrations/202602041200_enable_indexing_for_pro.sql
-- Enable search engine indexing for all existing pro accounts
UPDATE tenants
SET prevent_indexing = false
WHERE is_pro = true;

;

-- ===== migrations/202602250001_add_verification_code_column.sql
ALTER TABLE email_verifications ADD COLUMN code VARCHAR(6) NULL;

;

-- ===== migrations/202603061000_add_oauth_allowed_roles.sql
ALTER TABLE oauth_providers ADD COLUMN json_user_roles_path TEXT;
ALTER TABLE oauth_providers ADD COLUMN allowed_roles TEXT;

;

-- ===== migrations/202603201300_add_security_stamp.sql
ALTER TABLE users ADD COLUMN security_stamp VARCHAR(64) NOT NULL DEFAULT '';
UPDATE users SET security_stamp = md5(random()::text || id::text || tenant_id::text);

;

-- ===== migrations/202605011200_add_verification_attempts.sql
ALTER TABLE email_verifications ADD COLUMN attempts SMALLINT NOT NULL DEFAULT 0;

;

-- ===== migrations/202606101200_add_tenant_deletion_schedule.sql
ALTER TABLE tenants ADD COLUMN scheduled_deletion_at TIMESTAMPTZ NULL;
ALTER TABLE tenants ADD COLUMN deletion_requested_by INT NULL;
ALTER TABLE tenants ADD COLUMN deletion_cancel_key   VARCHAR(64) NULL;

;

-- ===== migrations/202606121200_add_tenant_description_template.sql
ALTER TABLE tenants ADD COLUMN description_template TEXT NOT NULL DEFAULT '';

;

