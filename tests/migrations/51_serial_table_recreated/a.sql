-- a table with a serial column recreated (its partitioning changes): schema A
CREATE SCHEMA app;
CREATE TABLE app.t (id serial, d date NOT NULL, PRIMARY KEY (id, d));
