-- sequences: schema A
CREATE SCHEMA app;
CREATE SEQUENCE app.s;
