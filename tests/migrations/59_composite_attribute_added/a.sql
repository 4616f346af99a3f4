-- a composite type used by columns with rows gains an attribute: schema A
CREATE SCHEMA app;
CREATE TYPE app.addr AS (street text, zip numeric(5,0));
CREATE TABLE app.person (id int PRIMARY KEY, home app.addr, others app.addr[]);
