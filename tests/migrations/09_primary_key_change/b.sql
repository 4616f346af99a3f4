-- primary key change: schema B
CREATE SCHEMA app;
CREATE TABLE app.t (a int NOT NULL, b int NOT NULL, PRIMARY KEY (a, b));
