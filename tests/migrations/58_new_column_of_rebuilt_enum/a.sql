-- an enum rebuilt (its new label is used at once) while a new column of that type appears: schema A
CREATE SCHEMA app;
CREATE TYPE app.st AS ENUM ('x', 'y');
CREATE TABLE app.t (id int PRIMARY KEY, old_s app.st);
