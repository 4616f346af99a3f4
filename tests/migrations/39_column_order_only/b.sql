-- column order only: schema B
CREATE SCHEMA app;
CREATE TABLE app.t (b text, a int);
