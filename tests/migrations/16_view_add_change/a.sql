-- view add change: schema A
CREATE SCHEMA app;
CREATE TABLE app.t (a int, b int);
CREATE VIEW app.v AS SELECT a FROM app.t;
