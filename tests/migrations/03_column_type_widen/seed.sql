INSERT INTO app.t SELECT g, 'name ' || g, g * 10 FROM generate_series(1, 50) g;
