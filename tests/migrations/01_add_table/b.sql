-- add table: schema B
CREATE SCHEMA app;
CREATE TABLE app.t (id int PRIMARY KEY, name text NOT NULL);
