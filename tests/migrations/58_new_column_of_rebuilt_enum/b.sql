-- an enum rebuilt (its new label is used at once) while a new column of that type appears: schema B
CREATE SCHEMA app;
CREATE TYPE app.st AS ENUM ('x', 'y', 'z');
CREATE TABLE app.t (id int PRIMARY KEY, old_s app.st, s app.st DEFAULT 'z');
