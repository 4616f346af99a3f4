INSERT INTO app.t VALUES (1, 'happy', 'x'), (2, 'sad', 'y');
