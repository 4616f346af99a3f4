-- triggers: schema A
CREATE SCHEMA app;
CREATE TABLE app.t (v int, at timestamptz);
CREATE FUNCTION app.stamp() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.at := now(); RETURN NEW; END $$;
