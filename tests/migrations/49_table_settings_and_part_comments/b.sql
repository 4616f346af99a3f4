-- replica identity, CLUSTER ON, comments on triggers and policies: schema B
-- (the trigger and the policy change, their comments do not)
CREATE SCHEMA app;
CREATE TABLE app.t (id int NOT NULL, v text);
CREATE UNIQUE INDEX t_id ON app.t (id);
CREATE TABLE app.u (id int PRIMARY KEY);
ALTER TABLE app.t REPLICA IDENTITY USING INDEX t_id;
ALTER TABLE app.u REPLICA IDENTITY FULL;
ALTER TABLE app.t CLUSTER ON t_id;
CREATE FUNCTION app.noop() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
CREATE TRIGGER t_noop BEFORE INSERT OR UPDATE ON app.t FOR EACH ROW EXECUTE FUNCTION app.noop();
COMMENT ON TRIGGER t_noop ON app.t IS 'does nothing';
ALTER TABLE app.t ENABLE ROW LEVEL SECURITY;
CREATE POLICY t_read ON app.t FOR SELECT USING (v IS NOT NULL);
COMMENT ON POLICY t_read ON app.t IS 'everyone reads';
