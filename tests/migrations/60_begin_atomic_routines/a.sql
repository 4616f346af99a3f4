-- SQL routines with BEGIN ATOMIC bodies, bound to what they read: schema A
CREATE SCHEMA app;
CREATE TABLE app.base (id int PRIMARY KEY, v numeric(8,2));
CREATE FUNCTION app.total() RETURNS numeric LANGUAGE sql BEGIN ATOMIC SELECT sum(v) FROM app.base; END;
