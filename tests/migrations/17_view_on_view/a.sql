-- view on view: schema A
CREATE SCHEMA app;
CREATE TABLE app.t (a int);
CREATE VIEW app.v1 AS SELECT a FROM app.t;
CREATE VIEW app.v2 AS SELECT a FROM app.v1;
