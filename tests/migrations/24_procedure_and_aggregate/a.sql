-- procedure and aggregate: schema A
CREATE SCHEMA app;
