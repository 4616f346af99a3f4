-- exclusion constraint: schema B
CREATE SCHEMA app;
CREATE EXTENSION btree_gist WITH SCHEMA app;
CREATE TABLE app.r (room int, during tstzrange, EXCLUDE USING gist (room WITH =, during WITH &&));
