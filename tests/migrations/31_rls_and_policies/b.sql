-- rls and policies: schema B
CREATE SCHEMA app;
CREATE TABLE app.t (owner text, v int);
ALTER TABLE app.t ENABLE ROW LEVEL SECURITY;
ALTER TABLE app.t FORCE ROW LEVEL SECURITY;
CREATE POLICY mine ON app.t USING (owner = current_user) WITH CHECK (v >= 0);
