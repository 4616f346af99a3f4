-- a function used by a column default, removed with that default: schema B
CREATE SCHEMA app;
CREATE TABLE app.t (id int, code text);
