-- foreign key: schema B
CREATE SCHEMA app;
CREATE TABLE app.p (id int PRIMARY KEY);
CREATE TABLE app.c (id int, p_id int REFERENCES app.p (id) ON DELETE CASCADE);
