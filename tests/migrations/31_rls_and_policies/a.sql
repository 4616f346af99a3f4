-- rls and policies: schema A
CREATE SCHEMA app;
CREATE TABLE app.t (owner text, v int);
