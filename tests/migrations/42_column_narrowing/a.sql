-- column narrowing: schema A
CREATE SCHEMA app;
CREATE TABLE app.t (name text, n bigint);
