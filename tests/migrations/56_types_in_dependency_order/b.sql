-- domains and types created in dependency order, not by name: schema B
CREATE SCHEMA app;
CREATE DOMAIN app.zz AS int CHECK (VALUE > 0);
CREATE DOMAIN app.aa AS app.zz CHECK (VALUE < 100);
CREATE TYPE app.zcolor AS ENUM ('red', 'blue');
CREATE TYPE app.apixel AS (x int, c app.zcolor);
CREATE TABLE app.t (id int, a app.aa, p app.apixel);
