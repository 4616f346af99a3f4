-- comments: schema A
CREATE SCHEMA app;
CREATE TABLE app.t (a int);
COMMENT ON TABLE app.t IS 'old';
