INSERT INTO app.tickets (label) VALUES ('first'), ('second');
UPDATE app.tickets SET state = 'done' WHERE label = 'second';
