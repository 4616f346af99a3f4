SELECT count(*) FILTER (WHERE m = 'happy') = 2 AND count(*) = 3 AS ok FROM app.t;
