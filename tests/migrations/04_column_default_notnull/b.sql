-- column default notnull: schema B
CREATE SCHEMA app;
CREATE TABLE app.t (id int NOT NULL, status text DEFAULT 'active');
