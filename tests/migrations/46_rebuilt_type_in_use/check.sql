SELECT count(*) = 2 AND sum(q) = 12 AND bool_and(app.is_new(s)) AS ok FROM app.item_v;
