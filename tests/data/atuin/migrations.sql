-- pytest-pggit test data: Atuin's (shell history sync) server PostgreSQL migrations, every
-- crates/atuin-server-postgres/migrations/*.sql in order, as sqlx runs them on an empty database
-- (a migration history: columns retyped and dropped, triggers and their functions replaced, tables
-- dropped, indexes added)
-- Source: https://github.com/atuinsh/atuin (commit 824c8716d82bed774ee6a83c683087ae77715814),
--   crates/atuin-server-postgres/migrations/*.sql
-- License:
--   MIT (the repository's LICENSE), reproduced here:
--     MIT License
--
--     Copyright (c) 2021 Ellie Huxtable
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
--   * each file starts with a "-- ===== <path>" line and ends with a lone ";"

-- ===== crates/atuin-server-postgres/migrations/20210425153745_create_history.sql
create table history (
	id bigserial primary key,
	client_id text not null unique, -- the client-generated ID
	user_id bigserial not null,     -- allow multiple users
	hostname text not null,         -- a unique identifier from the client (can be hashed, random, whatever)
	timestamp timestamp not null,   -- one of the few non-encrypted metadatas

	data varchar(8192) not null,    -- store the actual history data, encrypted. I don't wanna know!

	created_at timestamp not null default current_timestamp
);
;

-- ===== crates/atuin-server-postgres/migrations/20210425153757_create_users.sql
create table users (
	id bigserial primary key,               -- also store our own ID
	username varchar(32) not null unique,   -- being able to contact users is useful
	email varchar(128) not null unique,     -- being able to contact users is useful
	password varchar(128) not null unique
);

-- the prior index is case sensitive :(
CREATE UNIQUE INDEX email_unique_idx on users (LOWER(email));
CREATE UNIQUE INDEX username_unique_idx on users (LOWER(username));
;

-- ===== crates/atuin-server-postgres/migrations/20210425153800_create_sessions.sql
-- Add migration script here
create table sessions (
	id bigserial primary key,
	user_id bigserial,
	token varchar(128) unique not null
);
;

-- ===== crates/atuin-server-postgres/migrations/20220419082412_add_count_trigger.sql
-- Prior to this, the count endpoint was super naive and just ran COUNT(1). 
-- This is slow asf. Now that we have an amount of actual traffic, 
-- stop doing that!
-- This basically maintains a count, so we can read ONE row, instead of ALL the
-- rows. Much better.
-- Future optimisation could use some sort of cache so we don't even need to hit
-- postgres at all.

create table total_history_count_user(
	id bigserial primary key, 
	user_id bigserial,
	total integer -- try and avoid using keywords - hence total, not count
);

create or replace function user_history_count()
returns trigger as 
$func$
begin
	if (TG_OP='INSERT') then
		update total_history_count_user set total = total + 1 where user_id = new.user_id;

		if not found then
			insert into total_history_count_user(user_id, total) 
			values (
				new.user_id, 
				(select count(1) from history where user_id = new.user_id)
			);
		end if;
		
	elsif (TG_OP='DELETE') then
		update total_history_count_user set total = total - 1 where user_id = new.user_id;

		if not found then
			insert into total_history_count_user(user_id, total) 
			values (
				new.user_id, 
				(select count(1) from history where user_id = new.user_id)
			);
		end if;
	end if;

	return NEW; -- this is actually ignored for an after trigger, but oh well
end;
$func$
language plpgsql volatile -- pldfplplpflh
cost 100; -- default value

create trigger tg_user_history_count 
	after insert or delete on history 
	for each row 
	execute procedure user_history_count();
;

-- ===== crates/atuin-server-postgres/migrations/20220421073605_fix_count_trigger_delete.sql
-- the old version of this function used NEW in the delete part when it should
-- use OLD

create or replace function user_history_count()
returns trigger as 
$func$
begin
	if (TG_OP='INSERT') then
		update total_history_count_user set total = total + 1 where user_id = new.user_id;

		if not found then
			insert into total_history_count_user(user_id, total) 
			values (
				new.user_id, 
				(select count(1) from history where user_id = new.user_id)
			);
		end if;
		
	elsif (TG_OP='DELETE') then
		update total_history_count_user set total = total - 1 where user_id = old.user_id;

		if not found then
			insert into total_history_count_user(user_id, total) 
			values (
				old.user_id, 
				(select count(1) from history where user_id = old.user_id)
			);
		end if;
	end if;

	return NEW; -- this is actually ignored for an after trigger, but oh well
end;
$func$
language plpgsql volatile -- pldfplplpflh
cost 100; -- default value
;

-- ===== crates/atuin-server-postgres/migrations/20220421174016_larger-commands.sql
-- Make it 4x larger. Most commands are less than this, but as it's base64
-- SOME are more than 8192. Should be enough for now.
ALTER TABLE history ALTER COLUMN data TYPE varchar(32768);
;

-- ===== crates/atuin-server-postgres/migrations/20220426172813_user-created-at.sql
alter table users add column created_at timestamp not null default now();
;

-- ===== crates/atuin-server-postgres/migrations/20220505082442_create-events.sql
create type event_type as enum ('create', 'delete');
 
create table events (
	id bigserial primary key,
	client_id text not null unique, -- the client-generated ID
	user_id bigserial not null,     -- allow multiple users
	hostname text not null,         -- a unique identifier from the client (can be hashed, random, whatever)
	timestamp timestamp not null,   -- one of the few non-encrypted metadatas

	event_type event_type,
	data text not null,    -- store the actual history data, encrypted. I don't wanna know!

	created_at timestamp not null default current_timestamp
);
;

-- ===== crates/atuin-server-postgres/migrations/20220610074049_history-length.sql
-- Add migration script here
alter table history alter column data type text;
;

-- ===== crates/atuin-server-postgres/migrations/20230315220537_drop-events.sql
-- Add migration script here
drop table events;
;

-- ===== crates/atuin-server-postgres/migrations/20230315224203_create-deleted.sql
-- Add migration script here
alter table history add column if not exists deleted_at timestamp;

-- queries will all be selecting the ids of history for a user, that has been deleted
create index if not exists history_deleted_index on history(client_id, user_id, deleted_at);
;

-- ===== crates/atuin-server-postgres/migrations/20230515221038_trigger-delete-only.sql
-- We do not need to run the trigger on deletes, as the only time we are deleting history is when the user
-- has already been deleted
-- This actually slows down deleting all the history a good bit!

create or replace function user_history_count()
returns trigger as 
$func$
begin
	if (TG_OP='INSERT') then
		update total_history_count_user set total = total + 1 where user_id = new.user_id;

		if not found then
			insert into total_history_count_user(user_id, total) 
			values (
				new.user_id, 
				(select count(1) from history where user_id = new.user_id)
			);
		end if;
	end if;

	return NEW; -- this is actually ignored for an after trigger, but oh well
end;
$func$
language plpgsql volatile -- pldfplplpflh
cost 100; -- default value

create or replace trigger tg_user_history_count 
	after insert on history 
	for each row 
	execute procedure user_history_count();
;

-- ===== crates/atuin-server-postgres/migrations/20230623070418_records.sql
-- Add migration script here
create table records (
	id uuid primary key,            -- remember to use uuidv7 for happy indices <3
    client_id uuid not null,        -- I am too uncomfortable with the idea of a client-generated primary key
	host uuid not null,             -- a unique identifier for the host
	parent uuid default null,       -- the ID of the parent record, bearing in mind this is a linked list
	timestamp bigint not null,      -- not a timestamp type, as those do not have nanosecond precision
	version text not null,
	tag text not null,              -- what is this? history, kv, whatever. Remember clients get a log per tag per host
	data text not null,            -- store the actual history data, encrypted. I don't wanna know!
	cek text not null,            

	user_id bigint not null,        -- allow multiple users
	created_at timestamp not null default current_timestamp
);
;

-- ===== crates/atuin-server-postgres/migrations/20231202170508_create-store.sql
-- Add migration script here
create table store (
	id uuid primary key,            -- remember to use uuidv7 for happy indices <3
  client_id uuid not null,        -- I am too uncomfortable with the idea of a client-generated primary key, even though it's fine mathematically
	host uuid not null,             -- a unique identifier for the host
	idx bigint not null,       -- the index of the record in this store, identified by (host, tag)
	timestamp bigint not null,      -- not a timestamp type, as those do not have nanosecond precision
	version text not null,
	tag text not null,              -- what is this? history, kv, whatever. Remember clients get a log per tag per host
	data text not null,            -- store the actual history data, encrypted. I don't wanna know!
	cek text not null,            

	user_id bigint not null,        -- allow multiple users
	created_at timestamp not null default current_timestamp
);
;

-- ===== crates/atuin-server-postgres/migrations/20231203124112_create-store-idx.sql
-- Add migration script here
create unique index record_uniq ON store(user_id, host, tag, idx);
;

-- ===== crates/atuin-server-postgres/migrations/20240108124837_drop-some-defaults.sql
-- Add migration script here
alter table history alter column user_id drop default;
alter table sessions alter column user_id drop default;
alter table total_history_count_user alter column user_id drop default;
;

-- ===== crates/atuin-server-postgres/migrations/20240614104159_idx-cache.sql
create table store_idx_cache(
  id bigserial primary key, 
  user_id bigint,

  host uuid,
  tag text,
  idx bigint
);
;

-- ===== crates/atuin-server-postgres/migrations/20240621110731_user-verified.sql
alter table users add verified_at timestamp with time zone default null;

create table user_verification_token(
  id bigserial primary key, 
  user_id bigint unique references users(id), 
  token text, 
  valid_until timestamp with time zone
);
;

-- ===== crates/atuin-server-postgres/migrations/20240702094825_idx_cache_index.sql
create unique index store_idx_cache_uniq on store_idx_cache(user_id, host, tag);
;

-- ===== crates/atuin-server-postgres/migrations/20260127000000_remove-email-verification.sql
drop table if exists user_verification_token;
alter table users drop column if exists verified_at;
;
