-- extension: schema A
CREATE SCHEMA app;
