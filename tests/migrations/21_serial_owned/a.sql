-- serial owned: schema A
CREATE SCHEMA app;
CREATE TABLE app.t (v text);
