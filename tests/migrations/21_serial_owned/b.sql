-- serial owned: schema B
CREATE SCHEMA app;
CREATE TABLE app.t (id serial PRIMARY KEY, v text);
