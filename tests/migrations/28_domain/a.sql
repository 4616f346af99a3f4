-- domain: schema A
CREATE SCHEMA app;
CREATE DOMAIN app.pos AS int CHECK (VALUE > 0);
CREATE TABLE app.t (v app.pos);
