-- materialized view: schema B
CREATE SCHEMA app;
CREATE TABLE app.t (a int);
CREATE MATERIALIZED VIEW app.m AS SELECT a, count(*) AS n FROM app.t GROUP BY a;
CREATE INDEX m_a ON app.m (a);
