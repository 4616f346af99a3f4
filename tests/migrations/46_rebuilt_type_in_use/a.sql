-- types rebuilt while views and functions use them: schema A
CREATE SCHEMA app;
CREATE DOMAIN app.qty AS integer CHECK (VALUE >= 0);
CREATE TYPE app.status AS ENUM ('new', 'old');
CREATE TABLE app.item (id int PRIMARY KEY, q app.qty, s app.status DEFAULT 'new');
CREATE VIEW app.item_v AS SELECT id, q, s FROM app.item;
CREATE VIEW app.item_vv AS SELECT id, q FROM app.item_v;
CREATE FUNCTION app.is_new(app.status) RETURNS boolean LANGUAGE sql AS $$ SELECT $1 = 'new' $$;
