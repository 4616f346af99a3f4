INSERT INTO app.person VALUES (1, ROW('main st', 12345), ARRAY[ROW('x', 1)::app.addr]);
