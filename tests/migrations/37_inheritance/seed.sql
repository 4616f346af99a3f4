INSERT INTO app.base VALUES (1); 
