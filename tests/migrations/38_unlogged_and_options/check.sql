SELECT count(*) = 10 AS ok FROM app.t;
