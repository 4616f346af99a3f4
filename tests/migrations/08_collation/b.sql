-- collation: schema B
CREATE SCHEMA app;
CREATE TABLE app.t (k text COLLATE "C");
