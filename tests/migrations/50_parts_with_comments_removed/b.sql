-- parts that carry comments or column grants, removed: schema B
CREATE SCHEMA app;
CREATE TABLE app.t (id int PRIMARY KEY, a int);
CREATE FUNCTION app.noop() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
ALTER TABLE app.t ENABLE ROW LEVEL SECURITY;
