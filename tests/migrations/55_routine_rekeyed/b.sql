-- routines whose key changes while their input types stay (VARIADIC, argument names, OUT): schema B
CREATE SCHEMA app;
CREATE FUNCTION app.f_var(xs int[]) RETURNS int LANGUAGE sql AS 'SELECT sum(x)::int FROM unnest(xs) x';
CREATE FUNCTION app.f_named(new_name int) RETURNS int LANGUAGE sql AS 'SELECT new_name';
CREATE FUNCTION app.f_out(a int, OUT b int, OUT c int) LANGUAGE sql AS 'SELECT a, a';
