-- objects in use by columns, removed together with that use: schema B
CREATE SCHEMA app;
CREATE TABLE app.tickets (
    no bigint,
    state text,
    label text
);
