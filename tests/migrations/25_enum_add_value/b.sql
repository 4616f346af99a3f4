-- enum add value: schema B
CREATE SCHEMA app;
CREATE TYPE app.mood AS ENUM ('sad', 'ok', 'happy', 'ecstatic');
CREATE TABLE app.t (m app.mood);
