-- range type: schema A
CREATE SCHEMA app;
