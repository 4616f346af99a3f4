-- a function whose result type changes while a CHECK, an index and a default call it: schema B
CREATE SCHEMA app;
CREATE FUNCTION app.score(x int) RETURNS bigint LANGUAGE sql IMMUTABLE AS 'SELECT x::bigint * 2';
CREATE FUNCTION app.mk_code() RETURNS varchar LANGUAGE sql AS $$ SELECT 'A'::varchar $$;
CREATE TABLE app.t (id int, x int CHECK (app.score(x) < 100), code text DEFAULT app.mk_code());
CREATE INDEX t_score ON app.t (app.score(x));
