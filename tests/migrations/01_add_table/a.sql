-- add table: schema A
CREATE SCHEMA app;
