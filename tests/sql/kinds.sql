-- One of every object kind pgGit versions (used by test_snapshot.py).
CREATE SCHEMA app;
COMMENT ON SCHEMA app IS 'application schema';
CREATE EXTENSION hstore WITH SCHEMA app;
CREATE TYPE app.mood AS ENUM ('sad', 'ok', 'happy');
CREATE COLLATION app.bytes (locale = 'C');
COMMENT ON COLLATION app.bytes IS 'byte order';
CREATE TYPE app.pair AS (a integer, b text COLLATE "C");
CREATE TYPE app.floatrange AS RANGE (subtype = float8, subtype_diff = float8mi);
CREATE DOMAIN app.posint AS integer NOT NULL DEFAULT 1 CONSTRAINT posint_positive CHECK (VALUE > 0);
CREATE SEQUENCE app.counter AS bigint INCREMENT BY 5 START WITH 100 CACHE 10;
CREATE TABLE app.accounts (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email text COLLATE "C" NOT NULL UNIQUE,
    mood app.mood DEFAULT 'ok',
    score numeric(10, 2) DEFAULT 0 CHECK (score >= 0),
    score2 numeric GENERATED ALWAYS AS (score * 2) STORED,
    tags app.hstore,
    created timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE app.events (
    id serial,
    account_id bigint REFERENCES app.accounts (id) ON DELETE CASCADE,
    at timestamptz NOT NULL,
    payload jsonb
) PARTITION BY RANGE (at);
CREATE TABLE app.events_2024 PARTITION OF app.events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE INDEX events_at_idx ON app.events (at);
CREATE TABLE app.base (id int, note text);
CREATE TABLE app.child (extra int) INHERITS (app.base);
CREATE UNLOGGED TABLE app.scratch (k text PRIMARY KEY, v text) WITH (fillfactor = 70);
CREATE INDEX accounts_lower_email_idx ON app.accounts (lower(email)) WHERE mood <> 'sad';
COMMENT ON TABLE app.accounts IS 'customer accounts';
COMMENT ON COLUMN app.accounts.email IS 'login';
CREATE VIEW app.happy_accounts AS SELECT id, email FROM app.accounts WHERE mood = 'happy';
CREATE MATERIALIZED VIEW app.account_counts AS SELECT mood, count(*) AS n FROM app.accounts GROUP BY mood WITH NO DATA;
CREATE INDEX account_counts_mood_idx ON app.account_counts (mood);
CREATE FUNCTION app.touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.created := now(); RETURN NEW; END $$;
CREATE TRIGGER accounts_touch BEFORE UPDATE ON app.accounts FOR EACH ROW EXECUTE FUNCTION app.touch();
CREATE FUNCTION app.add(a integer, b integer DEFAULT 1) RETURNS integer LANGUAGE sql IMMUTABLE AS 'SELECT a + b';
CREATE PROCEDURE app.reset_scores() LANGUAGE sql AS $$ UPDATE app.accounts SET score = 0 $$;
CREATE AGGREGATE app.total(integer) (SFUNC = int4pl, STYPE = integer, INITCOND = '0');
ALTER TABLE app.accounts ENABLE ROW LEVEL SECURITY;
CREATE POLICY own_rows ON app.accounts FOR SELECT TO PUBLIC USING (email = current_user);
GRANT SELECT ON app.accounts TO PUBLIC;
GRANT UPDATE (mood) ON app.accounts TO PUBLIC;
REVOKE EXECUTE ON FUNCTION app.add(integer, integer) FROM PUBLIC;
GRANT USAGE ON SCHEMA app TO PUBLIC;
-- the kinds recorded last (tests/sql/test_kinds_more.py migrates each of them)
CREATE FUNCTION app.int_lt(integer, integer) RETURNS boolean LANGUAGE sql IMMUTABLE AS 'SELECT $1 < $2';
CREATE OPERATOR app.<< (LEFTARG = integer, RIGHTARG = integer, FUNCTION = app.int_lt);
CREATE OPERATOR CLASS app.int_ops FOR TYPE integer USING btree AS OPERATOR 1 app.<<, FUNCTION 1 btint4cmp(integer, integer);
CREATE FUNCTION app.mood_rank(app.mood) RETURNS integer LANGUAGE sql IMMUTABLE AS 'SELECT 1';
CREATE CAST (app.mood AS integer) WITH FUNCTION app.mood_rank(app.mood);
CREATE CONVERSION app.latin1_utf8 FOR 'LATIN1' TO 'UTF8' FROM iso8859_1_to_utf8;
CREATE TEXT SEARCH TEMPLATE app.simple_again (INIT = dsimple_init, LEXIZE = dsimple_lexize);
CREATE FOREIGN DATA WRAPPER app_fdw;
CREATE SERVER app_server FOREIGN DATA WRAPPER app_fdw OPTIONS (host 'remote');
CREATE USER MAPPING FOR PUBLIC SERVER app_server;
CREATE FOREIGN TABLE app.remote_rows (id integer NOT NULL) SERVER app_server;
CREATE PUBLICATION app_pub FOR TABLE app.accounts;
ALTER DEFAULT PRIVILEGES IN SCHEMA app GRANT SELECT ON TABLES TO PUBLIC;
CREATE FUNCTION app.on_ddl() RETURNS event_trigger LANGUAGE plpgsql AS $$ BEGIN END $$;
CREATE EVENT TRIGGER app_on_ddl ON ddl_command_end EXECUTE FUNCTION app.on_ddl();
