-- partition key change: schema A
CREATE SCHEMA app;
CREATE TABLE app.e (id int, at date, region text) PARTITION BY RANGE (at);
