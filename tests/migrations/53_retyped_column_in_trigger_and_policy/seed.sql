INSERT INTO app.t VALUES (1, 'open', 42);
