-- partition key change: schema B
CREATE SCHEMA app;
CREATE TABLE app.e (id int, at date, region text) PARTITION BY LIST (region);
CREATE TABLE app.e_eu PARTITION OF app.e FOR VALUES IN ('eu');
