-- not valid constraint: schema B
CREATE SCHEMA app;
CREATE TABLE app.t (v int);
ALTER TABLE app.t ADD CONSTRAINT v_pos CHECK (v > 0) NOT VALID;
