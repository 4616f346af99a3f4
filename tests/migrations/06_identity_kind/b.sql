-- identity kind: schema B
CREATE SCHEMA app;
CREATE TABLE app.t (id int GENERATED ALWAYS AS IDENTITY, v text);
