-- drop dependent chain: schema B
CREATE SCHEMA app;
CREATE TABLE app.p (id int PRIMARY KEY);
