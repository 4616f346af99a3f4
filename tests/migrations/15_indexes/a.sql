-- indexes: schema A
CREATE SCHEMA app;
CREATE TABLE app.t (a int, b text);
CREATE INDEX t_a ON app.t (a);
