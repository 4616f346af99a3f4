-- view add change: schema B
CREATE SCHEMA app;
CREATE TABLE app.t (a int, b int);
CREATE VIEW app.v AS SELECT a, b FROM app.t WHERE a > 1;
