SELECT count(*) = 100 AND sum(qty) = 0 AS ok FROM app.t;
