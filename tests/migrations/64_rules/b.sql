CREATE SCHEMA app;
CREATE TABLE app.items (id int PRIMARY KEY, name text, qty bigint);
CREATE TABLE app.audit (item_id int, what text);
CREATE VIEW app.item_names AS SELECT id, name FROM app.items;
CREATE RULE item_names_insert AS ON INSERT TO app.item_names
    DO INSTEAD INSERT INTO app.items (id, name, qty) VALUES (NEW.id, NEW.name, 0);
CREATE RULE items_audit AS ON UPDATE TO app.items WHERE NEW.qty <> OLD.qty
    DO ALSO INSERT INTO app.audit VALUES (NEW.id, 'qty');
ALTER TABLE app.items DISABLE RULE items_audit;
CREATE RULE item_names_delete AS ON DELETE TO app.item_names
    DO INSTEAD DELETE FROM app.items WHERE id = OLD.id;
COMMENT ON RULE item_names_delete ON app.item_names IS 'deletes go to the table';
