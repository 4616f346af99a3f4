-- parts that carry comments or column grants, removed: schema A
CREATE SCHEMA app;
CREATE TABLE app.t (id int PRIMARY KEY, a int, b int CONSTRAINT b_pos CHECK (b > 0));
CREATE INDEX t_a ON app.t (a);
COMMENT ON INDEX app.t_a IS 'lookup by a';
COMMENT ON CONSTRAINT b_pos ON app.t IS 'b is positive';
COMMENT ON COLUMN app.t.b IS 'the b value';
GRANT UPDATE (b) ON app.t TO PUBLIC;
CREATE FUNCTION app.noop() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
CREATE TRIGGER t_noop BEFORE INSERT ON app.t FOR EACH ROW EXECUTE FUNCTION app.noop();
COMMENT ON TRIGGER t_noop ON app.t IS 'does nothing';
ALTER TABLE app.t ENABLE ROW LEVEL SECURITY;
CREATE POLICY t_read ON app.t FOR SELECT USING (true);
COMMENT ON POLICY t_read ON app.t IS 'everyone reads';
