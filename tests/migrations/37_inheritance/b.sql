-- inheritance: schema B
CREATE SCHEMA app;
CREATE TABLE app.base (id int, note text);
CREATE TABLE app.child (extra int) INHERITS (app.base);
