-- a table with a serial column recreated (its partitioning changes): schema B
CREATE SCHEMA app;
CREATE TABLE app.t (id serial, d date NOT NULL, PRIMARY KEY (id, d)) PARTITION BY RANGE (d);
CREATE TABLE app.t_2024 PARTITION OF app.t FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
