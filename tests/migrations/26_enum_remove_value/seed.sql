INSERT INTO app.t VALUES ('ok'), ('happy'), (DEFAULT);
