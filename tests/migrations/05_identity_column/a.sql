-- identity column: schema A
CREATE SCHEMA app;
CREATE TABLE app.t (id int NOT NULL, v text);
