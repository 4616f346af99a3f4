-- generated column: schema B
CREATE SCHEMA app;
CREATE TABLE app.t (a int, b int GENERATED ALWAYS AS (a * 2) STORED);
