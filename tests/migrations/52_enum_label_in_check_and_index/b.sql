-- an enum rebuilt (a label removed) while a CHECK, an index predicate and a trigger WHEN compare labels: schema B
CREATE SCHEMA app;
CREATE TYPE app.status AS ENUM ('new', 'active', 'retired');
CREATE TABLE app.t (id int PRIMARY KEY, s app.status CHECK (s <> 'retired'));
CREATE INDEX t_active ON app.t (id) WHERE s = 'active';
CREATE FUNCTION app.noop() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
CREATE TRIGGER t_on_active BEFORE UPDATE ON app.t FOR EACH ROW WHEN (NEW.s = 'active') EXECUTE FUNCTION app.noop();
