-- function signature: schema A
CREATE SCHEMA app;
CREATE FUNCTION app.f(x int) RETURNS int LANGUAGE sql AS 'SELECT x';
