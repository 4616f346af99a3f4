SELECT count(*) = 1 AS ok FROM app.t WHERE x = 10 AND code = 'A';
