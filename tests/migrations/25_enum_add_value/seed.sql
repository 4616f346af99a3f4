INSERT INTO app.t VALUES ('sad'), ('happy'), ('happy');
