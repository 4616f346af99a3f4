SELECT app.total() = 10.5 AND app.a_twice() = 0 AS ok;
