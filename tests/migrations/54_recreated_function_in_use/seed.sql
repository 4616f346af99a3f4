INSERT INTO app.t (id, x) VALUES (1, 10);
