-- extension: schema B
CREATE SCHEMA app;
CREATE EXTENSION hstore WITH SCHEMA app;
CREATE TABLE app.t (h app.hstore);
