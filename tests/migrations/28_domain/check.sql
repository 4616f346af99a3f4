SELECT sum(v) = 12 AS ok FROM app.t;
