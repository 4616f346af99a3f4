-- schemas: schema B
CREATE SCHEMA app;
CREATE TABLE app.t (a int);
CREATE SCHEMA reporting;
CREATE VIEW reporting.v AS SELECT a FROM app.t;
