-- composite type: schema A
CREATE SCHEMA app;
CREATE TYPE app.pair AS (a int, b text);
