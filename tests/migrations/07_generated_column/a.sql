-- generated column: schema A
CREATE SCHEMA app;
CREATE TABLE app.t (a int, b int);
