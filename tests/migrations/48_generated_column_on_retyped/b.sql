-- a generated column added over a column whose type changes: schema B
CREATE SCHEMA app;
CREATE TABLE app.t (name varchar(50), upper_name text GENERATED ALWAYS AS (upper(name)) STORED);
