-- column type widen: schema A
CREATE SCHEMA app;
CREATE TABLE app.t (id int, name varchar(20), amount int);
