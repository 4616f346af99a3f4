-- domain: schema B
CREATE SCHEMA app;
CREATE DOMAIN app.pos AS int NOT NULL DEFAULT 1 CHECK (VALUE > 0) CHECK (VALUE < 1000);
CREATE TABLE app.t (v app.pos);
