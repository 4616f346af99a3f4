SELECT count(*) = 3 AND count(*) FILTER (WHERE m::text = 'ok') = 2 AS ok FROM app.t;
