-- collations: schema B (libc collations, so every build can run it)
CREATE SCHEMA app;
CREATE COLLATION app.c_sort (locale = 'C');
CREATE COLLATION app.posix_ctype (lc_collate = 'C', lc_ctype = 'POSIX');
COMMENT ON COLLATION app.c_sort IS 'byte order';
CREATE DOMAIN app.code AS text COLLATE app.posix_ctype;
CREATE TABLE app.t (k text COLLATE app.c_sort, v app.code);
CREATE INDEX t_k_idx ON app.t (k COLLATE app.posix_ctype);
