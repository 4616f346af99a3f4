SELECT (SELECT count(*) FROM app.c) = 2 AND (SELECT count(*) FROM app.p) = 2 AS ok;
