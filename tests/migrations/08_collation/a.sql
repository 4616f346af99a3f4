-- collation: schema A
CREATE SCHEMA app;
CREATE TABLE app.t (k text);
