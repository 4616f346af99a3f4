-- composite type: schema B
CREATE SCHEMA app;
CREATE TYPE app.pair AS (a int, b text, c date);
