SELECT array_agg(no || ':' || state || ':' || label ORDER BY no) = ARRAY['1:new:first', '2:done:second'] AS ok
FROM app.tickets;
