-- function signature: schema B
CREATE SCHEMA app;
CREATE FUNCTION app.f(x int) RETURNS bigint LANGUAGE sql AS 'SELECT x::bigint';
CREATE FUNCTION app.g(x text, y text DEFAULT 'z') RETURNS text LANGUAGE sql AS 'SELECT x || y';
