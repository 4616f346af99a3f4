-- objects in use by columns, removed together with that use: schema A
CREATE SCHEMA app;
CREATE SEQUENCE app.ticket_no;
CREATE TYPE app.state AS ENUM ('new', 'done');
CREATE DOMAIN app.label AS text CHECK (VALUE <> '');
CREATE TABLE app.tickets (
    no bigint DEFAULT nextval('app.ticket_no'),
    state app.state DEFAULT 'new',
    label app.label
);
