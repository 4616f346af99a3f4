-- foreign key: schema A
CREATE SCHEMA app;
CREATE TABLE app.p (id int PRIMARY KEY);
CREATE TABLE app.c (id int, p_id int);
