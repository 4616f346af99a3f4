SELECT count(*) = 2 AND count(status) = 1 AS ok FROM app.t;
