-- SQL routines with BEGIN ATOMIC bodies, bound to what they read: schema B (a new table and
-- view read by new routines; the base column's type changes under app.total)
CREATE SCHEMA app;
CREATE TABLE app.base (id int PRIMARY KEY, v numeric(12,2));
CREATE FUNCTION app.total() RETURNS numeric LANGUAGE sql BEGIN ATOMIC SELECT sum(v) FROM app.base; END;
CREATE TABLE app.newt (id int PRIMARY KEY);
CREATE VIEW app.newv AS SELECT id FROM app.newt;
CREATE FUNCTION app.cnt_newt() RETURNS bigint LANGUAGE sql BEGIN ATOMIC SELECT count(*) FROM app.newv; END;
CREATE FUNCTION app.a_twice() RETURNS bigint LANGUAGE sql BEGIN ATOMIC SELECT app.cnt_newt() * 2; END;
