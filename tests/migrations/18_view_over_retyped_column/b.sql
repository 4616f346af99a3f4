-- view over retyped column: schema B
CREATE SCHEMA app;
CREATE TABLE app.t (a bigint, b text);
CREATE VIEW app.v AS SELECT a, b FROM app.t;
