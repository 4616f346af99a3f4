INSERT INTO app.t VALUES (1, 'x'), (2, NULL);
