SELECT a = 5 AND b = 7 AND (p).c::text = 'red' AND cd::text = 'green' AS ok FROM app.t;
