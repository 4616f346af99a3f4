-- unlogged and options: schema B
CREATE SCHEMA app;
CREATE UNLOGGED TABLE app.t (a int) WITH (fillfactor = 80, autovacuum_enabled = false);
