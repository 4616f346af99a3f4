-- exclusion constraint: schema A
CREATE SCHEMA app;
CREATE EXTENSION btree_gist WITH SCHEMA app;
CREATE TABLE app.r (room int, during tstzrange);
