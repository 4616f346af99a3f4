INSERT INTO app.t (id) SELECT g FROM generate_series(1, 100) g;
