-- enum remove value: schema B
CREATE SCHEMA app;
CREATE TYPE app.mood AS ENUM ('happy', 'ok');
CREATE TABLE app.t (m app.mood DEFAULT 'ok');
CREATE VIEW app.v AS SELECT m FROM app.t WHERE m <> 'happy';
