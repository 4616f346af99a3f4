-- collations: schema A
CREATE SCHEMA app;
CREATE TABLE app.t (k text, v text);
