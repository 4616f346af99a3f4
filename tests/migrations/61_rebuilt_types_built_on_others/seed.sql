INSERT INTO app.t VALUES (1, 5, 7, ROW(1, 'red'), 'green');
