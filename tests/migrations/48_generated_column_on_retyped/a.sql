-- a generated column added over a column whose type changes: schema A
CREATE SCHEMA app;
CREATE TABLE app.t (name text);
