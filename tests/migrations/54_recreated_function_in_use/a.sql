-- a function whose result type changes while a CHECK, an index and a default call it: schema A
CREATE SCHEMA app;
CREATE FUNCTION app.score(x int) RETURNS int LANGUAGE sql IMMUTABLE AS 'SELECT x * 2';
CREATE FUNCTION app.mk_code() RETURNS text LANGUAGE sql AS $$ SELECT 'A' $$;
CREATE TABLE app.t (id int, x int CHECK (app.score(x) < 100), code text DEFAULT app.mk_code());
CREATE INDEX t_score ON app.t (app.score(x));
