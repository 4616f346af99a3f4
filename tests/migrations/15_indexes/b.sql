-- indexes: schema B
CREATE SCHEMA app;
CREATE TABLE app.t (a int, b text);
CREATE INDEX t_a ON app.t (a DESC);
CREATE UNIQUE INDEX t_lower_b ON app.t (lower(b)) WHERE a > 0;
