INSERT INTO app.t SELECT g FROM generate_series(1, 10) g;
