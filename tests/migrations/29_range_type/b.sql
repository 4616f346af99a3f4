-- range type: schema B
CREATE SCHEMA app;
CREATE TYPE app.floatrange AS RANGE (subtype = float8, subtype_diff = float8mi);
