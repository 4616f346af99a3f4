SELECT count(*) = 1 AS ok FROM app.t WHERE status = 'open' AND owner_id = 42;
