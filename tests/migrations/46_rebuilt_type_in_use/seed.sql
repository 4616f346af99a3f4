INSERT INTO app.item VALUES (1, 5, 'new'), (2, 7, 'new');
