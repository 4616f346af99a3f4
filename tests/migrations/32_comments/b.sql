-- comments: schema B
CREATE SCHEMA app;
CREATE TABLE app.t (a int);
COMMENT ON TABLE app.t IS 'new ''quoted'' text';
COMMENT ON COLUMN app.t.a IS 'the a';
COMMENT ON SCHEMA app IS 'application';
