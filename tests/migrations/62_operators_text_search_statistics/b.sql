-- changed: one operator gone, one gains HASHES/commutator; the dictionary's options, a
-- mapping and the comment change; settings move between columns; a statistics object
-- changes its kinds and target, another is added
CREATE SCHEMA app;
CREATE FUNCTION app.text_rev_eq(a text, b text) RETURNS boolean
    LANGUAGE sql IMMUTABLE AS $$ SELECT reverse(a) = b $$;
CREATE FUNCTION app.text_rev_ne(a text, b text) RETURNS boolean
    LANGUAGE sql IMMUTABLE AS $$ SELECT reverse(a) <> b $$;
CREATE OPERATOR app.~<> (FUNCTION = app.text_rev_ne, LEFTARG = text, RIGHTARG = text);
CREATE OPERATOR app.~= (FUNCTION = app.text_rev_eq, LEFTARG = text, RIGHTARG = text,
                        NEGATOR = OPERATOR(app.~<>), RESTRICT = eqsel, JOIN = eqjoinsel, MERGES);
CREATE FUNCTION app.neg(integer) RETURNS integer LANGUAGE sql IMMUTABLE AS $$ SELECT -$1 $$;
COMMENT ON OPERATOR app.~= (text, text) IS 'reversed equality (mergeable)';

CREATE TEXT SEARCH DICTIONARY app.english_simple (TEMPLATE = pg_catalog.simple, stopwords = 'english', accept = false);
CREATE TEXT SEARCH CONFIGURATION app.docs (PARSER = pg_catalog."default");
ALTER TEXT SEARCH CONFIGURATION app.docs ADD MAPPING FOR asciiword, word, hword WITH app.english_simple, english_stem;
COMMENT ON TEXT SEARCH CONFIGURATION app.docs IS 'documents and hyphenated words';

CREATE TABLE app.posts (
    id bigint PRIMARY KEY,
    title text NOT NULL,
    body text,
    score integer,
    tags text[]
);
ALTER TABLE app.posts ALTER COLUMN title SET STATISTICS 1000;
ALTER TABLE app.posts ALTER COLUMN body SET (n_distinct = 100, n_distinct_inherited = 200);
CREATE INDEX posts_fts ON app.posts USING gin (to_tsvector('app.docs'::regconfig, body));
CREATE INDEX posts_tag_count ON app.posts ((cardinality(tags)));
ALTER INDEX app.posts_tag_count ALTER COLUMN 1 SET STATISTICS 100;
CREATE STATISTICS app.posts_title_score (mcv) ON title, score FROM app.posts;
ALTER STATISTICS app.posts_title_score SET STATISTICS 250;
CREATE STATISTICS app.posts_expr ON (lower(title)), score FROM app.posts;
