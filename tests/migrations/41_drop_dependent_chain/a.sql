-- drop dependent chain: schema A
CREATE SCHEMA app;
CREATE TABLE app.p (id int PRIMARY KEY);
CREATE TABLE app.c (p_id int REFERENCES app.p);
CREATE VIEW app.v AS SELECT p_id FROM app.c;
