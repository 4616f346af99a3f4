-- inheritance: schema A
CREATE SCHEMA app;
CREATE TABLE app.base (id int);
