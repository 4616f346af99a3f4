-- view over retyped column: schema A
CREATE SCHEMA app;
CREATE TABLE app.t (a int, b varchar(10));
CREATE VIEW app.v AS SELECT a, b FROM app.t;
