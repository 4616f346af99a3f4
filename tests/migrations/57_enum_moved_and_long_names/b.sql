-- an enum moved to another schema, and a rebuilt enum with a 63-byte name: schema B
CREATE SCHEMA app;
CREATE SCHEMA reporting;
CREATE TYPE reporting.mood AS ENUM ('happy', 'sad');
CREATE TYPE app.eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee AS ENUM ('x', 'y');
CREATE TABLE app.t (id int, m reporting.mood, l app.eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee);
