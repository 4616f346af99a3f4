SELECT array_agg(m::text || l::text ORDER BY id) = ARRAY['happyx', 'sady'] AS ok FROM app.t;
