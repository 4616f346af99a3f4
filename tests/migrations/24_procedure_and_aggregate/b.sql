-- procedure and aggregate: schema B
CREATE SCHEMA app;
CREATE PROCEDURE app.p(n int) LANGUAGE plpgsql AS $$ BEGIN RAISE NOTICE '%', n; END $$;
CREATE AGGREGATE app.mysum(int) (SFUNC = int4pl, STYPE = int, INITCOND = '0');
