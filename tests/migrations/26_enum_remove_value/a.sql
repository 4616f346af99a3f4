-- enum remove value: schema A
CREATE SCHEMA app;
CREATE TYPE app.mood AS ENUM ('sad', 'ok', 'happy');
CREATE TABLE app.t (m app.mood DEFAULT 'ok');
CREATE VIEW app.v AS SELECT m FROM app.t WHERE m <> 'sad';
