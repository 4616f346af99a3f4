-- triggers: schema B
CREATE SCHEMA app;
CREATE TABLE app.t (v int, at timestamptz);
CREATE FUNCTION app.stamp() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.at := now(); RETURN NEW; END $$;
CREATE TRIGGER t_stamp BEFORE INSERT OR UPDATE ON app.t FOR EACH ROW EXECUTE FUNCTION app.stamp();
