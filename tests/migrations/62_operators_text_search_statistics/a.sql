-- operators, text search dictionaries and configurations, extended statistics objects,
-- per-column statistics targets and options, and index column statistics
CREATE SCHEMA app;
CREATE FUNCTION app.text_rev_eq(a text, b text) RETURNS boolean
    LANGUAGE sql IMMUTABLE AS $$ SELECT reverse(a) = b $$;
CREATE FUNCTION app.text_rev_ne(a text, b text) RETURNS boolean
    LANGUAGE sql IMMUTABLE AS $$ SELECT reverse(a) <> b $$;
CREATE OPERATOR app.~<> (FUNCTION = app.text_rev_ne, LEFTARG = text, RIGHTARG = text);
CREATE OPERATOR app.~= (FUNCTION = app.text_rev_eq, LEFTARG = text, RIGHTARG = text,
                        NEGATOR = OPERATOR(app.~<>), RESTRICT = eqsel, JOIN = eqjoinsel);
CREATE FUNCTION app.neg(integer) RETURNS integer LANGUAGE sql IMMUTABLE AS $$ SELECT -$1 $$;
CREATE OPERATOR app.!- (FUNCTION = app.neg, RIGHTARG = integer);
COMMENT ON OPERATOR app.~= (text, text) IS 'reversed equality';

CREATE TEXT SEARCH DICTIONARY app.english_simple (TEMPLATE = pg_catalog.simple, stopwords = 'english');
CREATE TEXT SEARCH CONFIGURATION app.docs (PARSER = pg_catalog."default");
ALTER TEXT SEARCH CONFIGURATION app.docs ADD MAPPING FOR asciiword, word WITH app.english_simple, english_stem;
ALTER TEXT SEARCH CONFIGURATION app.docs ADD MAPPING FOR int, uint WITH simple;
COMMENT ON TEXT SEARCH CONFIGURATION app.docs IS 'documents';

CREATE TABLE app.posts (
    id bigint PRIMARY KEY,
    title text NOT NULL,
    body text,
    score integer,
    tags text[]
);
ALTER TABLE app.posts ALTER COLUMN score SET STATISTICS 500;
ALTER TABLE app.posts ALTER COLUMN title SET (n_distinct = -0.5);
CREATE INDEX posts_fts ON app.posts USING gin (to_tsvector('app.docs'::regconfig, body));
CREATE INDEX posts_tag_count ON app.posts ((cardinality(tags)));
ALTER INDEX app.posts_tag_count ALTER COLUMN 1 SET STATISTICS 300;
CREATE STATISTICS app.posts_title_score (ndistinct, dependencies) ON title, score FROM app.posts;
