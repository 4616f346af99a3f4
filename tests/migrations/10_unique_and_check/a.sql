-- unique and check: schema A
CREATE SCHEMA app;
CREATE TABLE app.t (email text, age int);
