-- an enum moved to another schema, and a rebuilt enum with a 63-byte name: schema A
CREATE SCHEMA app;
CREATE SCHEMA reporting;
CREATE TYPE app.mood AS ENUM ('happy', 'sad');
CREATE TYPE app.eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee AS ENUM ('x', 'y', 'z');
CREATE TABLE app.t (id int, m app.mood, l app.eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee);
