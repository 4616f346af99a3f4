SELECT array_agg(s::text ORDER BY id) = ARRAY['new', 'active'] AS ok FROM app.t;
