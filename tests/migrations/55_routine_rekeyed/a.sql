-- routines whose key changes while their input types stay (VARIADIC, argument names, OUT): schema A
CREATE SCHEMA app;
CREATE FUNCTION app.f_var(VARIADIC xs int[]) RETURNS int LANGUAGE sql AS 'SELECT sum(x)::int FROM unnest(xs) x';
CREATE FUNCTION app.f_named(old_name int) RETURNS int LANGUAGE sql AS 'SELECT old_name';
CREATE FUNCTION app.f_out(a int, OUT b int) LANGUAGE sql AS 'SELECT a';
