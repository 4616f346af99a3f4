INSERT INTO app.t VALUES (1, 'new'), (2, 'active');
