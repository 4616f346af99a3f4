-- column type widen: schema B
CREATE SCHEMA app;
CREATE TABLE app.t (id bigint, name varchar(200), amount numeric(12,2));
