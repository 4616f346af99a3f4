-- partitions: schema A
CREATE SCHEMA app;
CREATE TABLE app.e (id int, at date) PARTITION BY RANGE (at);
CREATE TABLE app.e_2024 PARTITION OF app.e FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
