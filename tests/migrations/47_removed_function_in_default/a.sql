-- a function used by a column default, removed with that default: schema A
CREATE SCHEMA app;
CREATE FUNCTION app.next_code() RETURNS text LANGUAGE sql AS $$ SELECT 'c' || floor(random() * 1000)::int $$;
CREATE TABLE app.t (id int, code text DEFAULT app.next_code());
