-- a composite type used by columns with rows gains an attribute: schema B
CREATE SCHEMA app;
CREATE TYPE app.addr AS (street text, zip numeric(5,0), "City, Town" text COLLATE "C");
CREATE TABLE app.person (id int PRIMARY KEY, home app.addr, others app.addr[]);
