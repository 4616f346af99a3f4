-- unique and check: schema B
CREATE SCHEMA app;
CREATE TABLE app.t (email text UNIQUE, age int CHECK (age >= 0));
