-- add column: schema B
CREATE SCHEMA app;
CREATE TABLE app.t (id int PRIMARY KEY, note text, qty int NOT NULL DEFAULT 0);
