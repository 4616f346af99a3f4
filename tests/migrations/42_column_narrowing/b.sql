-- column narrowing: schema B
CREATE SCHEMA app;
CREATE TABLE app.t (name varchar(50), n int);
