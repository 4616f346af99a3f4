-- primary key change: schema A
CREATE SCHEMA app;
CREATE TABLE app.t (a int NOT NULL, b int NOT NULL, PRIMARY KEY (a));
