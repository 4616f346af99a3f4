-- view on view: schema B
CREATE SCHEMA app;
CREATE TABLE app.t (a int, z int);
CREATE VIEW app.v1 AS SELECT a, z FROM app.t;
CREATE VIEW app.v2 AS SELECT a, z FROM app.v1;
CREATE VIEW app.v3 AS SELECT count(*) AS n FROM app.v2;
