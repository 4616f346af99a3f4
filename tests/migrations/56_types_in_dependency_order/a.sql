-- domains and types created in dependency order, not by name: schema A
CREATE SCHEMA app;
