SELECT count(*) = 2 AND bool_and(upper_name = upper(name)) AS ok FROM app.t;
