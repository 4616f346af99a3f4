INSERT INTO app.t VALUES ('ada'), ('grace');
