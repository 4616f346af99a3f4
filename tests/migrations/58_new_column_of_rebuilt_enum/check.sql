SELECT old_s = 'y' AND s = 'z' AS ok FROM app.t;
