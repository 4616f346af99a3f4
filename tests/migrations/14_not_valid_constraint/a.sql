-- not valid constraint: schema A
CREATE SCHEMA app;
CREATE TABLE app.t (v int);
