-- grants: schema A
CREATE SCHEMA app;
CREATE TABLE app.t (a int, b int);
CREATE FUNCTION app.f() RETURNS int LANGUAGE sql AS 'SELECT 1';
