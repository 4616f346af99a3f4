-- types built on a rebuilt type (a domain over a domain, an enum inside a composite and a domain): schema B
CREATE SCHEMA app;
CREATE DOMAIN app.posint AS int CHECK (VALUE > 0) CONSTRAINT not13 CHECK (VALUE <> 13);
CREATE DOMAIN app.smallpos AS app.posint CHECK (VALUE < 1000);
CREATE TYPE app.color AS ENUM ('red', 'green');
CREATE TYPE app.pixel AS (x int, c app.color);
CREATE DOMAIN app.color_d AS app.color NOT NULL;
CREATE TABLE app.t (id int PRIMARY KEY, a app.smallpos, b app.posint, p app.pixel, cd app.color_d);
