-- mutual foreign keys: schema A
CREATE SCHEMA app;
