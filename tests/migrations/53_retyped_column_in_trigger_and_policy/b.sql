-- a column whose type changes while a trigger WHEN and a policy use it: schema B
CREATE SCHEMA app;
CREATE TABLE app.t (id int PRIMARY KEY, status varchar(50), owner_id bigint);
CREATE FUNCTION app.noop() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
CREATE TRIGGER t_status BEFORE UPDATE ON app.t FOR EACH ROW
    WHEN (OLD.status IS DISTINCT FROM NEW.status) EXECUTE FUNCTION app.noop();
ALTER TABLE app.t ENABLE ROW LEVEL SECURITY;
CREATE POLICY t_own ON app.t USING (owner_id = 42);
