-- function body: schema B
CREATE SCHEMA app;
CREATE FUNCTION app.f(x int) RETURNS int LANGUAGE sql IMMUTABLE AS 'SELECT x + 2';
