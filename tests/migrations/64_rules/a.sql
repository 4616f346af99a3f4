-- rules on tables and views: added, changed, removed, disabled, commented; a rule
-- reading a column whose type changes
CREATE SCHEMA app;
CREATE TABLE app.items (id int PRIMARY KEY, name text, qty int);
CREATE TABLE app.audit (item_id int, what text);
CREATE VIEW app.item_names AS SELECT id, name FROM app.items;
CREATE RULE items_no_delete AS ON DELETE TO app.items DO INSTEAD NOTHING;
CREATE RULE item_names_insert AS ON INSERT TO app.item_names
    DO INSTEAD INSERT INTO app.items (id, name) VALUES (NEW.id, NEW.name);
CREATE RULE items_audit AS ON UPDATE TO app.items WHERE NEW.qty <> OLD.qty
    DO ALSO INSERT INTO app.audit VALUES (NEW.id, 'qty');
COMMENT ON RULE items_no_delete ON app.items IS 'rows are archived, never deleted';
