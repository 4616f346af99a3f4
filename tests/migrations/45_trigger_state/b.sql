-- trigger firing state: schema B (one disabled, one firing always, also under replication)
CREATE SCHEMA app;
CREATE TABLE app.t (v int, at timestamptz);
CREATE FUNCTION app.stamp() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.at := now(); RETURN NEW; END $$;
CREATE TRIGGER t_stamp BEFORE INSERT ON app.t FOR EACH ROW EXECUTE FUNCTION app.stamp();
CREATE TRIGGER t_audit BEFORE UPDATE ON app.t FOR EACH ROW EXECUTE FUNCTION app.stamp();
ALTER TABLE app.t DISABLE TRIGGER t_stamp;
ALTER TABLE app.t ENABLE ALWAYS TRIGGER t_audit;
