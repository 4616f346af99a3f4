-- column default notnull: schema A
CREATE SCHEMA app;
CREATE TABLE app.t (id int, status text);
