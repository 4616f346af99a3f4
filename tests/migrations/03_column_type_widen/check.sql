SELECT count(*) = 50 AND sum(amount) = 12750 AND min(name) = 'name 1' AS ok FROM app.t;
