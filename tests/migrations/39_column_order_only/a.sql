-- column order only: schema A
CREATE SCHEMA app;
CREATE TABLE app.t (a int, b text);
