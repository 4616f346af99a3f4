SELECT (home).street = 'main st' AND (home).zip = 12345 AND (others[1]).street = 'x' AS ok FROM app.person;
