-- pytest-pggit test data: Lemmy's (federated link aggregator, Rust/Diesel) schema: every
-- migrations/*/up.sql in order, then the replaceable schema "r" (utils.sql, triggers.sql) as
-- lemmy_server creates it (statement triggers with transition tables, SQL-standard function bodies,
-- ltree, pg_trgm, enums, a custom migration runner's tables)
-- Source: https://github.com/LemmyNet/lemmy (commit 439734dd638a2c06a2f907beab7dcf4646e88f86),
--   migrations/*/up.sql and crates/diesel_utils/replaceable_schema/{utils,triggers}.sql
-- License:
--   AGPL-3.0 (the repository's LICENSE: GNU Affero General Public License, version 3).
--   Copyright (c) Lemmy contributors.
-- Changes:
--   * a first statement creates __diesel_schema_migrations, as Diesel itself does before migrating;
--   * each file starts with a "-- ===== <path>" line and ends with a lone ";";
--   * "CREATE SCHEMA r;" before the replaceable schema, as lemmy_server runs it;
--   * PostgreSQL 15: four subqueries in FROM get an alias ") AS pg15_alias" (2025-08-01-000016_smoosh-
--     tables-together; PostgreSQL 16 made the alias optional)

CREATE TABLE __diesel_schema_migrations (version VARCHAR(50) PRIMARY KEY NOT NULL, run_on TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP); -- created by diesel itself
-- ===== migrations/00000000000000_diesel_initial_setup/up.sql
-- This file was automatically created by Diesel to setup helper functions
-- and other internal bookkeeping. This file is safe to edit, any future
-- changes will be added to existing projects as new migrations.
-- Sets up a trigger for the given table to automatically set a column called
-- `updated_at` whenever the row is modified (unless `updated_at` was included
-- in the modified columns)
--
-- # Example
--
-- ```sql
-- CREATE TABLE users (id SERIAL PRIMARY KEY, updated_at TIMESTAMP NOT NULL DEFAULT NOW());
--
-- SELECT diesel_manage_updated_at('users');
-- ```
CREATE OR REPLACE FUNCTION diesel_manage_updated_at (_tbl regclass)
    RETURNS VOID
    AS $$
BEGIN
    EXECUTE format('CREATE TRIGGER set_updated_at BEFORE UPDATE ON %s
                    FOR EACH ROW EXECUTE PROCEDURE diesel_set_updated_at()', _tbl);
END;
$$
LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION diesel_set_updated_at ()
    RETURNS TRIGGER
    AS $$
BEGIN
    IF (NEW IS DISTINCT FROM OLD AND NEW.updated_at IS NOT DISTINCT FROM OLD.updated_at) THEN
        NEW.updated_at := CURRENT_TIMESTAMP;
    END IF;
    RETURN NEW;
END;
$$
LANGUAGE plpgsql;

;
-- ===== migrations/2019-02-26-002946_create_user/up.sql
CREATE TABLE user_ (
    id serial PRIMARY KEY,
    name varchar(20) NOT NULL,
    fedi_name varchar(40) NOT NULL,
    preferred_username varchar(20),
    password_encrypted text NOT NULL,
    email text UNIQUE,
    icon bytea,
    admin boolean DEFAULT FALSE NOT NULL,
    banned boolean DEFAULT FALSE NOT NULL,
    published timestamp NOT NULL DEFAULT now(),
    updated timestamp,
    UNIQUE (name, fedi_name)
);

CREATE TABLE user_ban (
    id serial PRIMARY KEY,
    user_id int REFERENCES user_ ON UPDATE CASCADE ON DELETE CASCADE NOT NULL,
    published timestamp NOT NULL DEFAULT now(),
    UNIQUE (user_id)
);

INSERT INTO user_ (name, fedi_name, password_encrypted)
    VALUES ('admin', 'TBD', 'TBD');

;
-- ===== migrations/2019-02-27-170003_create_community/up.sql
CREATE TABLE category (
    id serial PRIMARY KEY,
    name varchar(100) NOT NULL UNIQUE
);

INSERT INTO category (name)
VALUES
    ('Discussion'),
    ('Humor/Memes'),
    ('Gaming'),
    ('Movies'),
    ('TV'),
    ('Music'),
    ('Literature'),
    ('Comics'),
    ('Photography'),
    ('Art'),
    ('Learning'),
    ('DIY'),
    ('Lifestyle'),
    ('News'),
    ('Politics'),
    ('Society'),
    ('Gender/Identity/Sexuality'),
    ('Race/Colonisation'),
    ('Religion'),
    ('Science/Technology'),
    ('Programming/Software'),
    ('Health/Sports/Fitness'),
    ('Porn'),
    ('Places'),
    ('Meta'),
    ('Other');

CREATE TABLE community (
    id serial PRIMARY KEY,
    name varchar(20) NOT NULL UNIQUE,
    title varchar(100) NOT NULL,
    description text,
    category_id int REFERENCES category ON UPDATE CASCADE ON DELETE CASCADE NOT NULL,
    creator_id int REFERENCES user_ ON UPDATE CASCADE ON DELETE CASCADE NOT NULL,
    removed boolean DEFAULT FALSE NOT NULL,
    published timestamp NOT NULL DEFAULT now(),
    updated timestamp
);

CREATE TABLE community_moderator (
    id serial PRIMARY KEY,
    community_id int REFERENCES community ON UPDATE CASCADE ON DELETE CASCADE NOT NULL,
    user_id int REFERENCES user_ ON UPDATE CASCADE ON DELETE CASCADE NOT NULL,
    published timestamp NOT NULL DEFAULT now(),
    UNIQUE (community_id, user_id)
);

CREATE TABLE community_follower (
    id serial PRIMARY KEY,
    community_id int REFERENCES community ON UPDATE CASCADE ON DELETE CASCADE NOT NULL,
    user_id int REFERENCES user_ ON UPDATE CASCADE ON DELETE CASCADE NOT NULL,
    published timestamp NOT NULL DEFAULT now(),
    UNIQUE (community_id, user_id)
);

CREATE TABLE community_user_ban (
    id serial PRIMARY KEY,
    community_id int REFERENCES community ON UPDATE CASCADE ON DELETE CASCADE NOT NULL,
    user_id int REFERENCES user_ ON UPDATE CASCADE ON DELETE CASCADE NOT NULL,
    published timestamp NOT NULL DEFAULT now(),
    UNIQUE (community_id, user_id)
);

INSERT INTO community (name, title, category_id, creator_id)
    VALUES ('main', 'The Default Community', 1, 1);

CREATE TABLE site (
    id serial PRIMARY KEY,
    name varchar(20) NOT NULL UNIQUE,
    description text,
    creator_id int REFERENCES user_ ON UPDATE CASCADE ON DELETE CASCADE NOT NULL,
    published timestamp NOT NULL DEFAULT now(),
    updated timestamp
);

;
-- ===== migrations/2019-03-03-163336_create_post/up.sql
CREATE TABLE post (
    id serial PRIMARY KEY,
    name varchar(100) NOT NULL,
    url text, -- These are both optional, a post can just have a title
    body text,
    creator_id int REFERENCES user_ ON UPDATE CASCADE ON DELETE CASCADE NOT NULL,
    community_id int REFERENCES community ON UPDATE CASCADE ON DELETE CASCADE NOT NULL,
    removed boolean DEFAULT FALSE NOT NULL,
    locked boolean DEFAULT FALSE NOT NULL,
    published timestamp NOT NULL DEFAULT now(),
    updated timestamp
);

CREATE TABLE post_like (
    id serial PRIMARY KEY,
    post_id int REFERENCES post ON UPDATE CASCADE ON DELETE CASCADE NOT NULL,
    user_id int REFERENCES user_ ON UPDATE CASCADE ON DELETE CASCADE NOT NULL,
    score smallint NOT NULL, -- -1, or 1 for dislike, like, no row for no opinion
    published timestamp NOT NULL DEFAULT now(),
    UNIQUE (post_id, user_id)
);

CREATE TABLE post_saved (
    id serial PRIMARY KEY,
    post_id int REFERENCES post ON UPDATE CASCADE ON DELETE CASCADE NOT NULL,
    user_id int REFERENCES user_ ON UPDATE CASCADE ON DELETE CASCADE NOT NULL,
    published timestamp NOT NULL DEFAULT now(),
    UNIQUE (post_id, user_id)
);

CREATE TABLE post_read (
    id serial PRIMARY KEY,
    post_id int REFERENCES post ON UPDATE CASCADE ON DELETE CASCADE NOT NULL,
    user_id int REFERENCES user_ ON UPDATE CASCADE ON DELETE CASCADE NOT NULL,
    published timestamp NOT NULL DEFAULT now(),
    UNIQUE (post_id, user_id)
);

;
-- ===== migrations/2019-03-05-233828_create_comment/up.sql
CREATE TABLE comment (
    id serial PRIMARY KEY,
    creator_id int REFERENCES user_ ON UPDATE CASCADE ON DELETE CASCADE NOT NULL,
    post_id int REFERENCES post ON UPDATE CASCADE ON DELETE CASCADE NOT NULL,
    parent_id int REFERENCES COMMENT ON UPDATE CASCADE ON DELETE CASCADE,
    content text NOT NULL,
    removed boolean DEFAULT FALSE NOT NULL,
    read boolean DEFAULT FALSE NOT NULL,
    published timestamp NOT NULL DEFAULT now(),
    updated timestamp
);

CREATE TABLE comment_like (
    id serial PRIMARY KEY,
    user_id int REFERENCES user_ ON UPDATE CASCADE ON DELETE CASCADE NOT NULL,
    comment_id int REFERENCES COMMENT ON UPDATE CASCADE ON DELETE CASCADE NOT NULL,
    post_id int REFERENCES post ON UPDATE CASCADE ON DELETE CASCADE NOT NULL,
    score smallint NOT NULL, -- -1, or 1 for dislike, like, no row for no opinion
    published timestamp NOT NULL DEFAULT now(),
    UNIQUE (comment_id, user_id)
);

CREATE TABLE comment_saved (
    id serial PRIMARY KEY,
    comment_id int REFERENCES COMMENT ON UPDATE CASCADE ON DELETE CASCADE NOT NULL,
    user_id int REFERENCES user_ ON UPDATE CASCADE ON DELETE CASCADE NOT NULL,
    published timestamp NOT NULL DEFAULT now(),
    UNIQUE (comment_id, user_id)
);

;
-- ===== migrations/2019-03-30-212058_create_post_view/up.sql
-- Rank = ScaleFactor * sign(Score) * log(1 + abs(Score)) / (Time + 2)^Gravity
CREATE OR REPLACE FUNCTION hot_rank (score numeric, published timestamp without time zone)
    RETURNS integer
    AS $$
BEGIN
    -- hours_diff:=EXTRACT(EPOCH FROM (timezone('utc',now()) - published))/3600
    RETURN floor(10000 * log(greatest (1, score + 3)) / power(((EXTRACT(EPOCH FROM (timezone('utc', now()) - published)) / 3600) + 2), 1.8))::integer;
END;
$$
LANGUAGE plpgsql;

CREATE VIEW post_view AS
with all_post AS (
    SELECT
        p.*,
        (
            SELECT
                name
            FROM
                user_
            WHERE
                p.creator_id = user_.id) AS creator_name,
        (
            SELECT
                name
            FROM
                community
            WHERE
                p.community_id = community.id) AS community_name,
        (
            SELECT
                removed
            FROM
                community c
            WHERE
                p.community_id = c.id) AS community_removed,
        (
            SELECT
                count(*)
            FROM
                comment
            WHERE
                comment.post_id = p.id) AS number_of_comments,
        coalesce(sum(pl.score), 0) AS score,
        count(
            CASE WHEN pl.score = 1 THEN
                1
            ELSE
                NULL
            END) AS upvotes,
        count(
            CASE WHEN pl.score = -1 THEN
                1
            ELSE
                NULL
            END) AS downvotes,
        hot_rank (coalesce(sum(pl.score), 0), p.published) AS hot_rank
    FROM
        post p
        LEFT JOIN post_like pl ON p.id = pl.post_id
    GROUP BY
        p.id
)
SELECT
    ap.*,
    u.id AS user_id,
    coalesce(pl.score, 0) AS my_vote,
(
    SELECT
        cf.id::bool
    FROM
        community_follower cf
    WHERE
        u.id = cf.user_id
        AND cf.community_id = ap.community_id) AS subscribed,
(
    SELECT
        pr.id::bool
    FROM
        post_read pr
    WHERE
        u.id = pr.user_id
        AND pr.post_id = ap.id) AS read,
(
    SELECT
        ps.id::bool
    FROM
        post_saved ps
    WHERE
        u.id = ps.user_id
        AND ps.post_id = ap.id) AS saved
FROM
    user_ u
    CROSS JOIN all_post ap
    LEFT JOIN post_like pl ON u.id = pl.user_id
        AND ap.id = pl.post_id
    UNION ALL
    SELECT
        ap.*,
        NULL AS user_id,
        NULL AS my_vote,
        NULL AS subscribed,
        NULL AS read,
        NULL AS saved
    FROM
        all_post ap;

;
-- ===== migrations/2019-04-03-155205_create_community_view/up.sql
CREATE VIEW community_view AS
with all_community AS (
    SELECT
        *,
        (
            SELECT
                name
            FROM
                user_ u
            WHERE
                c.creator_id = u.id) AS creator_name,
        (
            SELECT
                name
            FROM
                category ct
            WHERE
                c.category_id = ct.id) AS category_name,
        (
            SELECT
                count(*)
            FROM
                community_follower cf
            WHERE
                cf.community_id = c.id) AS number_of_subscribers,
        (
            SELECT
                count(*)
            FROM
                post p
            WHERE
                p.community_id = c.id) AS number_of_posts,
        (
            SELECT
                count(*)
            FROM
                comment co,
                post p
            WHERE
                c.id = p.community_id
                AND p.id = co.post_id) AS number_of_comments
    FROM
        community c
)
SELECT
    ac.*,
    u.id AS user_id,
    (
        SELECT
            cf.id::boolean
        FROM
            community_follower cf
        WHERE
            u.id = cf.user_id
            AND ac.id = cf.community_id) AS subscribed
FROM
    user_ u
    CROSS JOIN all_community ac
UNION ALL
SELECT
    ac.*,
    NULL AS user_id,
    NULL AS subscribed
FROM
    all_community ac;

CREATE VIEW community_moderator_view AS
SELECT
    *,
    (
        SELECT
            name
        FROM
            user_ u
        WHERE
            cm.user_id = u.id) AS user_name,
    (
        SELECT
            name
        FROM
            community c
        WHERE
            cm.community_id = c.id) AS community_name
FROM
    community_moderator cm;

CREATE VIEW community_follower_view AS
SELECT
    *,
    (
        SELECT
            name
        FROM
            user_ u
        WHERE
            cf.user_id = u.id) AS user_name,
    (
        SELECT
            name
        FROM
            community c
        WHERE
            cf.community_id = c.id) AS community_name
FROM
    community_follower cf;

CREATE VIEW community_user_ban_view AS
SELECT
    *,
    (
        SELECT
            name
        FROM
            user_ u
        WHERE
            cm.user_id = u.id) AS user_name,
    (
        SELECT
            name
        FROM
            community c
        WHERE
            cm.community_id = c.id) AS community_name
FROM
    community_user_ban cm;

CREATE VIEW site_view AS
SELECT
    *,
    (
        SELECT
            name
        FROM
            user_ u
        WHERE
            s.creator_id = u.id) AS creator_name,
    (
        SELECT
            count(*)
        FROM
            user_) AS number_of_users,
    (
        SELECT
            count(*)
        FROM
            post) AS number_of_posts,
    (
        SELECT
            count(*)
        FROM
            comment) AS number_of_comments
FROM
    site s;

;
-- ===== migrations/2019-04-03-155309_create_comment_view/up.sql
CREATE VIEW comment_view AS
with all_comment AS (
    SELECT
        c.*,
        (
            SELECT
                community_id
            FROM
                post p
            WHERE
                p.id = c.post_id),
            (
                SELECT
                    u.banned
                FROM
                    user_ u
                WHERE
                    c.creator_id = u.id) AS banned,
                (
                    SELECT
                        cb.id::bool
                    FROM
                        community_user_ban cb,
                        post p
                    WHERE
                        c.creator_id = cb.user_id
                        AND p.id = c.post_id
                        AND p.community_id = cb.community_id) AS banned_from_community,
                    (
                        SELECT
                            name
                        FROM
                            user_
                        WHERE
                            c.creator_id = user_.id) AS creator_name,
                        coalesce(sum(cl.score), 0) AS score,
                        count(
                            CASE WHEN cl.score = 1 THEN
                                1
                            ELSE
                                NULL
                            END) AS upvotes,
                        count(
                            CASE WHEN cl.score = -1 THEN
                                1
                            ELSE
                                NULL
                            END) AS downvotes
                    FROM
                        comment c
                    LEFT JOIN comment_like cl ON c.id = cl.comment_id
                GROUP BY
                    c.id
)
        SELECT
            ac.*,
            u.id AS user_id,
            coalesce(cl.score, 0) AS my_vote,
        (
            SELECT
                cs.id::bool
            FROM
                comment_saved cs
            WHERE
                u.id = cs.user_id
                AND cs.comment_id = ac.id) AS saved
    FROM
        user_ u
    CROSS JOIN all_comment ac
    LEFT JOIN comment_like cl ON u.id = cl.user_id
        AND ac.id = cl.comment_id
    UNION ALL
    SELECT
        ac.*,
        NULL AS user_id,
        NULL AS my_vote,
        NULL AS saved
    FROM
        all_comment ac;

CREATE VIEW reply_view AS
with closereply AS (
    SELECT
        c2.id,
        c2.creator_id AS sender_id,
        c.creator_id AS recipient_id
    FROM
        comment c
        INNER JOIN comment c2 ON c.id = c2.parent_id
    WHERE
        c2.creator_id != c.creator_id
        -- Do union where post is null
    UNION
    SELECT
        c.id,
        c.creator_id AS sender_id,
        p.creator_id AS recipient_id
    FROM
        comment c,
        post p
    WHERE
        c.post_id = p.id
        AND c.parent_id IS NULL
        AND c.creator_id != p.creator_id
)
SELECT
    cv.*,
    closereply.recipient_id
FROM
    comment_view cv,
    closereply
WHERE
    closereply.id = cv.id;

;
-- ===== migrations/2019-04-07-003142_create_moderation_logs/up.sql
CREATE TABLE mod_remove_post (
    id serial PRIMARY KEY,
    mod_user_id int REFERENCES user_ ON UPDATE CASCADE ON DELETE CASCADE NOT NULL,
    post_id int REFERENCES post ON UPDATE CASCADE ON DELETE CASCADE NOT NULL,
    reason text,
    removed boolean DEFAULT TRUE,
    when_ timestamp NOT NULL DEFAULT now()
);

CREATE TABLE mod_lock_post (
    id serial PRIMARY KEY,
    mod_user_id int REFERENCES user_ ON UPDATE CASCADE ON DELETE CASCADE NOT NULL,
    post_id int REFERENCES post ON UPDATE CASCADE ON DELETE CASCADE NOT NULL,
    locked boolean DEFAULT TRUE,
    when_ timestamp NOT NULL DEFAULT now()
);

CREATE TABLE mod_remove_comment (
    id serial PRIMARY KEY,
    mod_user_id int REFERENCES user_ ON UPDATE CASCADE ON DELETE CASCADE NOT NULL,
    comment_id int REFERENCES COMMENT ON UPDATE CASCADE ON DELETE CASCADE NOT NULL,
    reason text,
    removed boolean DEFAULT TRUE,
    when_ timestamp NOT NULL DEFAULT now()
);

CREATE TABLE mod_remove_community (
    id serial PRIMARY KEY,
    mod_user_id int REFERENCES user_ ON UPDATE CASCADE ON DELETE CASCADE NOT NULL,
    community_id int REFERENCES community ON UPDATE CASCADE ON DELETE CASCADE NOT NULL,
    reason text,
    removed boolean DEFAULT TRUE,
    expires timestamp,
    when_ timestamp NOT NULL DEFAULT now()
);

-- TODO make sure you can't ban other mods
CREATE TABLE mod_ban_from_community (
    id serial PRIMARY KEY,
    mod_user_id int REFERENCES user_ ON UPDATE CASCADE ON DELETE CASCADE NOT NULL,
    other_user_id int REFERENCES user_ ON UPDATE CASCADE ON DELETE CASCADE NOT NULL,
    community_id int REFERENCES community ON UPDATE CASCADE ON DELETE CASCADE NOT NULL,
    reason text,
    banned boolean DEFAULT TRUE,
    expires timestamp,
    when_ timestamp NOT NULL DEFAULT now()
);

CREATE TABLE mod_ban (
    id serial PRIMARY KEY,
    mod_user_id int REFERENCES user_ ON UPDATE CASCADE ON DELETE CASCADE NOT NULL,
    other_user_id int REFERENCES user_ ON UPDATE CASCADE ON DELETE CASCADE NOT NULL,
    reason text,
    banned boolean DEFAULT TRUE,
    expires timestamp,
    when_ timestamp NOT NULL DEFAULT now()
);

CREATE TABLE mod_add_community (
    id serial PRIMARY KEY,
    mod_user_id int REFERENCES user_ ON UPDATE CASCADE ON DELETE CASCADE NOT NULL,
    other_user_id int REFERENCES user_ ON UPDATE CASCADE ON DELETE CASCADE NOT NULL,
    community_id int REFERENCES community ON UPDATE CASCADE ON DELETE CASCADE NOT NULL,
    removed boolean DEFAULT FALSE,
    when_ timestamp NOT NULL DEFAULT now()
);

-- When removed is false that means kicked
CREATE TABLE mod_add (
    id serial PRIMARY KEY,
    mod_user_id int REFERENCES user_ ON UPDATE CASCADE ON DELETE CASCADE NOT NULL,
    other_user_id int REFERENCES user_ ON UPDATE CASCADE ON DELETE CASCADE NOT NULL,
    removed boolean DEFAULT FALSE,
    when_ timestamp NOT NULL DEFAULT now()
);

;
-- ===== migrations/2019-04-08-015947_create_user_view/up.sql
CREATE VIEW user_view AS
SELECT
    id,
    name,
    fedi_name,
    admin,
    banned,
    published,
    (
        SELECT
            count(*)
        FROM
            post p
        WHERE
            p.creator_id = u.id) AS number_of_posts,
    (
        SELECT
            coalesce(sum(score), 0)
        FROM
            post p,
            post_like pl
        WHERE
            u.id = p.creator_id
            AND p.id = pl.post_id) AS post_score,
    (
        SELECT
            count(*)
        FROM
            comment c
        WHERE
            c.creator_id = u.id) AS number_of_comments,
    (
        SELECT
            coalesce(sum(score), 0)
        FROM
            comment c,
            comment_like cl
        WHERE
            u.id = c.creator_id
            AND c.id = cl.comment_id) AS comment_score
FROM
    user_ u;

;
-- ===== migrations/2019-04-11-144915_create_mod_views/up.sql
CREATE VIEW mod_remove_post_view AS
SELECT
    mrp.*,
    (
        SELECT
            name
        FROM
            user_ u
        WHERE
            mrp.mod_user_id = u.id) AS mod_user_name,
    (
        SELECT
            name
        FROM
            post p
        WHERE
            mrp.post_id = p.id) AS post_name,
    (
        SELECT
            c.id
        FROM
            post p,
            community c
        WHERE
            mrp.post_id = p.id
            AND p.community_id = c.id) AS community_id,
    (
        SELECT
            c.name
        FROM
            post p,
            community c
        WHERE
            mrp.post_id = p.id
            AND p.community_id = c.id) AS community_name
FROM
    mod_remove_post mrp;

CREATE VIEW mod_lock_post_view AS
SELECT
    mlp.*,
    (
        SELECT
            name
        FROM
            user_ u
        WHERE
            mlp.mod_user_id = u.id) AS mod_user_name,
    (
        SELECT
            name
        FROM
            post p
        WHERE
            mlp.post_id = p.id) AS post_name,
    (
        SELECT
            c.id
        FROM
            post p,
            community c
        WHERE
            mlp.post_id = p.id
            AND p.community_id = c.id) AS community_id,
    (
        SELECT
            c.name
        FROM
            post p,
            community c
        WHERE
            mlp.post_id = p.id
            AND p.community_id = c.id) AS community_name
FROM
    mod_lock_post mlp;

CREATE VIEW mod_remove_comment_view AS
SELECT
    mrc.*,
    (
        SELECT
            name
        FROM
            user_ u
        WHERE
            mrc.mod_user_id = u.id) AS mod_user_name,
    (
        SELECT
            c.id
        FROM
            comment c
        WHERE
            mrc.comment_id = c.id) AS comment_user_id,
    (
        SELECT
            name
        FROM
            user_ u,
            comment c
        WHERE
            mrc.comment_id = c.id
            AND u.id = c.creator_id) AS comment_user_name,
    (
        SELECT
            content
        FROM
            comment c
        WHERE
            mrc.comment_id = c.id) AS comment_content,
    (
        SELECT
            p.id
        FROM
            post p,
            comment c
        WHERE
            mrc.comment_id = c.id
            AND c.post_id = p.id) AS post_id,
    (
        SELECT
            p.name
        FROM
            post p,
            comment c
        WHERE
            mrc.comment_id = c.id
            AND c.post_id = p.id) AS post_name,
    (
        SELECT
            co.id
        FROM
            comment c,
            post p,
            community co
        WHERE
            mrc.comment_id = c.id
            AND c.post_id = p.id
            AND p.community_id = co.id) AS community_id,
    (
        SELECT
            co.name
        FROM
            comment c,
            post p,
            community co
        WHERE
            mrc.comment_id = c.id
            AND c.post_id = p.id
            AND p.community_id = co.id) AS community_name
FROM
    mod_remove_comment mrc;

CREATE VIEW mod_remove_community_view AS
SELECT
    mrc.*,
    (
        SELECT
            name
        FROM
            user_ u
        WHERE
            mrc.mod_user_id = u.id) AS mod_user_name,
    (
        SELECT
            c.name
        FROM
            community c
        WHERE
            mrc.community_id = c.id) AS community_name
FROM
    mod_remove_community mrc;

CREATE VIEW mod_ban_from_community_view AS
SELECT
    mb.*,
    (
        SELECT
            name
        FROM
            user_ u
        WHERE
            mb.mod_user_id = u.id) AS mod_user_name,
    (
        SELECT
            name
        FROM
            user_ u
        WHERE
            mb.other_user_id = u.id) AS other_user_name,
    (
        SELECT
            name
        FROM
            community c
        WHERE
            mb.community_id = c.id) AS community_name
FROM
    mod_ban_from_community mb;

CREATE VIEW mod_ban_view AS
SELECT
    mb.*,
    (
        SELECT
            name
        FROM
            user_ u
        WHERE
            mb.mod_user_id = u.id) AS mod_user_name,
    (
        SELECT
            name
        FROM
            user_ u
        WHERE
            mb.other_user_id = u.id) AS other_user_name
FROM
    mod_ban mb;

CREATE VIEW mod_add_community_view AS
SELECT
    ma.*,
    (
        SELECT
            name
        FROM
            user_ u
        WHERE
            ma.mod_user_id = u.id) AS mod_user_name,
    (
        SELECT
            name
        FROM
            user_ u
        WHERE
            ma.other_user_id = u.id) AS other_user_name,
    (
        SELECT
            name
        FROM
            community c
        WHERE
            ma.community_id = c.id) AS community_name
FROM
    mod_add_community ma;

CREATE VIEW mod_add_view AS
SELECT
    ma.*,
    (
        SELECT
            name
        FROM
            user_ u
        WHERE
            ma.mod_user_id = u.id) AS mod_user_name,
    (
        SELECT
            name
        FROM
            user_ u
        WHERE
            ma.other_user_id = u.id) AS other_user_name
FROM
    mod_add ma;

;
-- ===== migrations/2019-04-29-175834_add_delete_columns/up.sql
ALTER TABLE community
    ADD COLUMN deleted boolean DEFAULT FALSE NOT NULL;

ALTER TABLE post
    ADD COLUMN deleted boolean DEFAULT FALSE NOT NULL;

ALTER TABLE comment
    ADD COLUMN deleted boolean DEFAULT FALSE NOT NULL;

-- The views
DROP VIEW community_view;

CREATE VIEW community_view AS
with all_community AS (
    SELECT
        *,
        (
            SELECT
                name
            FROM
                user_ u
            WHERE
                c.creator_id = u.id) AS creator_name,
        (
            SELECT
                name
            FROM
                category ct
            WHERE
                c.category_id = ct.id) AS category_name,
        (
            SELECT
                count(*)
            FROM
                community_follower cf
            WHERE
                cf.community_id = c.id) AS number_of_subscribers,
        (
            SELECT
                count(*)
            FROM
                post p
            WHERE
                p.community_id = c.id) AS number_of_posts,
        (
            SELECT
                count(*)
            FROM
                comment co,
                post p
            WHERE
                c.id = p.community_id
                AND p.id = co.post_id) AS number_of_comments
    FROM
        community c
)
SELECT
    ac.*,
    u.id AS user_id,
    (
        SELECT
            cf.id::boolean
        FROM
            community_follower cf
        WHERE
            u.id = cf.user_id
            AND ac.id = cf.community_id) AS subscribed
FROM
    user_ u
    CROSS JOIN all_community ac
UNION ALL
SELECT
    ac.*,
    NULL AS user_id,
    NULL AS subscribed
FROM
    all_community ac;

DROP VIEW post_view;

CREATE VIEW post_view AS
with all_post AS (
    SELECT
        p.*,
        (
            SELECT
                name
            FROM
                user_
            WHERE
                p.creator_id = user_.id) AS creator_name,
        (
            SELECT
                name
            FROM
                community
            WHERE
                p.community_id = community.id) AS community_name,
        (
            SELECT
                removed
            FROM
                community c
            WHERE
                p.community_id = c.id) AS community_removed,
        (
            SELECT
                deleted
            FROM
                community c
            WHERE
                p.community_id = c.id) AS community_deleted,
        (
            SELECT
                count(*)
            FROM
                comment
            WHERE
                comment.post_id = p.id) AS number_of_comments,
        coalesce(sum(pl.score), 0) AS score,
        count(
            CASE WHEN pl.score = 1 THEN
                1
            ELSE
                NULL
            END) AS upvotes,
        count(
            CASE WHEN pl.score = -1 THEN
                1
            ELSE
                NULL
            END) AS downvotes,
        hot_rank (coalesce(sum(pl.score), 0), p.published) AS hot_rank
    FROM
        post p
        LEFT JOIN post_like pl ON p.id = pl.post_id
    GROUP BY
        p.id
)
SELECT
    ap.*,
    u.id AS user_id,
    coalesce(pl.score, 0) AS my_vote,
(
    SELECT
        cf.id::bool
    FROM
        community_follower cf
    WHERE
        u.id = cf.user_id
        AND cf.community_id = ap.community_id) AS subscribed,
(
    SELECT
        pr.id::bool
    FROM
        post_read pr
    WHERE
        u.id = pr.user_id
        AND pr.post_id = ap.id) AS read,
(
    SELECT
        ps.id::bool
    FROM
        post_saved ps
    WHERE
        u.id = ps.user_id
        AND ps.post_id = ap.id) AS saved
FROM
    user_ u
    CROSS JOIN all_post ap
    LEFT JOIN post_like pl ON u.id = pl.user_id
        AND ap.id = pl.post_id
    UNION ALL
    SELECT
        ap.*,
        NULL AS user_id,
        NULL AS my_vote,
        NULL AS subscribed,
        NULL AS read,
        NULL AS saved
    FROM
        all_post ap;

DROP VIEW reply_view;

DROP VIEW comment_view;

CREATE VIEW comment_view AS
with all_comment AS (
    SELECT
        c.*,
        (
            SELECT
                community_id
            FROM
                post p
            WHERE
                p.id = c.post_id),
            (
                SELECT
                    u.banned
                FROM
                    user_ u
                WHERE
                    c.creator_id = u.id) AS banned,
                (
                    SELECT
                        cb.id::bool
                    FROM
                        community_user_ban cb,
                        post p
                    WHERE
                        c.creator_id = cb.user_id
                        AND p.id = c.post_id
                        AND p.community_id = cb.community_id) AS banned_from_community,
                    (
                        SELECT
                            name
                        FROM
                            user_
                        WHERE
                            c.creator_id = user_.id) AS creator_name,
                        coalesce(sum(cl.score), 0) AS score,
                        count(
                            CASE WHEN cl.score = 1 THEN
                                1
                            ELSE
                                NULL
                            END) AS upvotes,
                        count(
                            CASE WHEN cl.score = -1 THEN
                                1
                            ELSE
                                NULL
                            END) AS downvotes
                    FROM
                        comment c
                    LEFT JOIN comment_like cl ON c.id = cl.comment_id
                GROUP BY
                    c.id
)
        SELECT
            ac.*,
            u.id AS user_id,
            coalesce(cl.score, 0) AS my_vote,
        (
            SELECT
                cs.id::bool
            FROM
                comment_saved cs
            WHERE
                u.id = cs.user_id
                AND cs.comment_id = ac.id) AS saved
    FROM
        user_ u
    CROSS JOIN all_comment ac
    LEFT JOIN comment_like cl ON u.id = cl.user_id
        AND ac.id = cl.comment_id
    UNION ALL
    SELECT
        ac.*,
        NULL AS user_id,
        NULL AS my_vote,
        NULL AS saved
    FROM
        all_comment ac;

CREATE VIEW reply_view AS
with closereply AS (
    SELECT
        c2.id,
        c2.creator_id AS sender_id,
        c.creator_id AS recipient_id
    FROM
        comment c
        INNER JOIN comment c2 ON c.id = c2.parent_id
    WHERE
        c2.creator_id != c.creator_id
        -- Do union where post is null
    UNION
    SELECT
        c.id,
        c.creator_id AS sender_id,
        p.creator_id AS recipient_id
    FROM
        comment c,
        post p
    WHERE
        c.post_id = p.id
        AND c.parent_id IS NULL
        AND c.creator_id != p.creator_id
)
SELECT
    cv.*,
    closereply.recipient_id
FROM
    comment_view cv,
    closereply
WHERE
    closereply.id = cv.id;

;
-- ===== migrations/2019-05-02-051656_community_view_hot_rank/up.sql
DROP VIEW community_view;

CREATE VIEW community_view AS
with all_community AS (
    SELECT
        *,
        (
            SELECT
                name
            FROM
                user_ u
            WHERE
                c.creator_id = u.id) AS creator_name,
        (
            SELECT
                name
            FROM
                category ct
            WHERE
                c.category_id = ct.id) AS category_name,
        (
            SELECT
                count(*)
            FROM
                community_follower cf
            WHERE
                cf.community_id = c.id) AS number_of_subscribers,
        (
            SELECT
                count(*)
            FROM
                post p
            WHERE
                p.community_id = c.id) AS number_of_posts,
        (
            SELECT
                count(*)
            FROM
                comment co,
                post p
            WHERE
                c.id = p.community_id
                AND p.id = co.post_id) AS number_of_comments,
        hot_rank ((
            SELECT
                count(*)
            FROM community_follower cf
            WHERE
                cf.community_id = c.id), c.published) AS hot_rank
    FROM
        community c
)
SELECT
    ac.*,
    u.id AS user_id,
    (
        SELECT
            cf.id::boolean
        FROM
            community_follower cf
        WHERE
            u.id = cf.user_id
            AND ac.id = cf.community_id) AS subscribed
FROM
    user_ u
    CROSS JOIN all_community ac
UNION ALL
SELECT
    ac.*,
    NULL AS user_id,
    NULL AS subscribed
FROM
    all_community ac;

;
-- ===== migrations/2019-06-01-222649_remove_admin/up.sql
DELETE FROM user_
WHERE name LIKE 'admin';

;
-- ===== migrations/2019-08-11-000918_add_nsfw_columns/up.sql
ALTER TABLE community
    ADD COLUMN nsfw boolean DEFAULT FALSE NOT NULL;

ALTER TABLE post
    ADD COLUMN nsfw boolean DEFAULT FALSE NOT NULL;

ALTER TABLE user_
    ADD COLUMN show_nsfw boolean DEFAULT FALSE NOT NULL;

-- The views
DROP VIEW community_view;

CREATE VIEW community_view AS
with all_community AS (
    SELECT
        *,
        (
            SELECT
                name
            FROM
                user_ u
            WHERE
                c.creator_id = u.id) AS creator_name,
        (
            SELECT
                name
            FROM
                category ct
            WHERE
                c.category_id = ct.id) AS category_name,
        (
            SELECT
                count(*)
            FROM
                community_follower cf
            WHERE
                cf.community_id = c.id) AS number_of_subscribers,
        (
            SELECT
                count(*)
            FROM
                post p
            WHERE
                p.community_id = c.id) AS number_of_posts,
        (
            SELECT
                count(*)
            FROM
                comment co,
                post p
            WHERE
                c.id = p.community_id
                AND p.id = co.post_id) AS number_of_comments,
        hot_rank ((
            SELECT
                count(*)
            FROM community_follower cf
            WHERE
                cf.community_id = c.id), c.published) AS hot_rank
    FROM
        community c
)
SELECT
    ac.*,
    u.id AS user_id,
    (
        SELECT
            cf.id::boolean
        FROM
            community_follower cf
        WHERE
            u.id = cf.user_id
            AND ac.id = cf.community_id) AS subscribed
FROM
    user_ u
    CROSS JOIN all_community ac
UNION ALL
SELECT
    ac.*,
    NULL AS user_id,
    NULL AS subscribed
FROM
    all_community ac;

-- Post view
DROP VIEW post_view;

CREATE VIEW post_view AS
with all_post AS (
    SELECT
        p.*,
        (
            SELECT
                name
            FROM
                user_
            WHERE
                p.creator_id = user_.id) AS creator_name,
        (
            SELECT
                name
            FROM
                community
            WHERE
                p.community_id = community.id) AS community_name,
        (
            SELECT
                removed
            FROM
                community c
            WHERE
                p.community_id = c.id) AS community_removed,
        (
            SELECT
                deleted
            FROM
                community c
            WHERE
                p.community_id = c.id) AS community_deleted,
        (
            SELECT
                nsfw
            FROM
                community c
            WHERE
                p.community_id = c.id) AS community_nsfw,
        (
            SELECT
                count(*)
            FROM
                comment
            WHERE
                comment.post_id = p.id) AS number_of_comments,
        coalesce(sum(pl.score), 0) AS score,
        count(
            CASE WHEN pl.score = 1 THEN
                1
            ELSE
                NULL
            END) AS upvotes,
        count(
            CASE WHEN pl.score = -1 THEN
                1
            ELSE
                NULL
            END) AS downvotes,
        hot_rank (coalesce(sum(pl.score), 0), p.published) AS hot_rank
    FROM
        post p
        LEFT JOIN post_like pl ON p.id = pl.post_id
    GROUP BY
        p.id
)
SELECT
    ap.*,
    u.id AS user_id,
    coalesce(pl.score, 0) AS my_vote,
(
    SELECT
        cf.id::bool
    FROM
        community_follower cf
    WHERE
        u.id = cf.user_id
        AND cf.community_id = ap.community_id) AS subscribed,
(
    SELECT
        pr.id::bool
    FROM
        post_read pr
    WHERE
        u.id = pr.user_id
        AND pr.post_id = ap.id) AS read,
(
    SELECT
        ps.id::bool
    FROM
        post_saved ps
    WHERE
        u.id = ps.user_id
        AND ps.post_id = ap.id) AS saved
FROM
    user_ u
    CROSS JOIN all_post ap
    LEFT JOIN post_like pl ON u.id = pl.user_id
        AND ap.id = pl.post_id
    UNION ALL
    SELECT
        ap.*,
        NULL AS user_id,
        NULL AS my_vote,
        NULL AS subscribed,
        NULL AS read,
        NULL AS saved
    FROM
        all_post ap;

;
-- ===== migrations/2019-08-29-040006_add_community_count/up.sql
DROP VIEW site_view;

CREATE VIEW site_view AS
SELECT
    *,
    (
        SELECT
            name
        FROM
            user_ u
        WHERE
            s.creator_id = u.id) AS creator_name,
    (
        SELECT
            count(*)
        FROM
            user_) AS number_of_users,
    (
        SELECT
            count(*)
        FROM
            post) AS number_of_posts,
    (
        SELECT
            count(*)
        FROM
            comment) AS number_of_comments,
    (
        SELECT
            count(*)
        FROM
            community) AS number_of_communities
FROM
    site s;

;
-- ===== migrations/2019-09-05-230317_add_mod_ban_views/up.sql
-- Create post view, adding banned_from_community
DROP VIEW post_view;

CREATE VIEW post_view AS
with all_post AS (
    SELECT
        p.*,
        (
            SELECT
                u.banned
            FROM
                user_ u
            WHERE
                p.creator_id = u.id) AS banned,
        (
            SELECT
                cb.id::bool
            FROM
                community_user_ban cb
            WHERE
                p.creator_id = cb.user_id
                AND p.community_id = cb.community_id) AS banned_from_community,
        (
            SELECT
                name
            FROM
                user_
            WHERE
                p.creator_id = user_.id) AS creator_name,
        (
            SELECT
                name
            FROM
                community
            WHERE
                p.community_id = community.id) AS community_name,
        (
            SELECT
                removed
            FROM
                community c
            WHERE
                p.community_id = c.id) AS community_removed,
        (
            SELECT
                deleted
            FROM
                community c
            WHERE
                p.community_id = c.id) AS community_deleted,
        (
            SELECT
                nsfw
            FROM
                community c
            WHERE
                p.community_id = c.id) AS community_nsfw,
        (
            SELECT
                count(*)
            FROM
                comment
            WHERE
                comment.post_id = p.id) AS number_of_comments,
        coalesce(sum(pl.score), 0) AS score,
        count(
            CASE WHEN pl.score = 1 THEN
                1
            ELSE
                NULL
            END) AS upvotes,
        count(
            CASE WHEN pl.score = -1 THEN
                1
            ELSE
                NULL
            END) AS downvotes,
        hot_rank (coalesce(sum(pl.score), 0), p.published) AS hot_rank
    FROM
        post p
        LEFT JOIN post_like pl ON p.id = pl.post_id
    GROUP BY
        p.id
)
SELECT
    ap.*,
    u.id AS user_id,
    coalesce(pl.score, 0) AS my_vote,
(
    SELECT
        cf.id::bool
    FROM
        community_follower cf
    WHERE
        u.id = cf.user_id
        AND cf.community_id = ap.community_id) AS subscribed,
(
    SELECT
        pr.id::bool
    FROM
        post_read pr
    WHERE
        u.id = pr.user_id
        AND pr.post_id = ap.id) AS read,
(
    SELECT
        ps.id::bool
    FROM
        post_saved ps
    WHERE
        u.id = ps.user_id
        AND ps.post_id = ap.id) AS saved
FROM
    user_ u
    CROSS JOIN all_post ap
    LEFT JOIN post_like pl ON u.id = pl.user_id
        AND ap.id = pl.post_id
    UNION ALL
    SELECT
        ap.*,
        NULL AS user_id,
        NULL AS my_vote,
        NULL AS subscribed,
        NULL AS read,
        NULL AS saved
    FROM
        all_post ap;

;
-- ===== migrations/2019-09-09-042010_add_stickied_posts/up.sql
-- Add the column
ALTER TABLE post
    ADD COLUMN stickied boolean DEFAULT FALSE NOT NULL;

-- Add the mod table
CREATE TABLE mod_sticky_post (
    id serial PRIMARY KEY,
    mod_user_id int REFERENCES user_ ON UPDATE CASCADE ON DELETE CASCADE NOT NULL,
    post_id int REFERENCES post ON UPDATE CASCADE ON DELETE CASCADE NOT NULL,
    stickied boolean DEFAULT TRUE,
    when_ timestamp NOT NULL DEFAULT now()
);

-- Add mod view
CREATE VIEW mod_sticky_post_view AS
SELECT
    msp.*,
    (
        SELECT
            name
        FROM
            user_ u
        WHERE
            msp.mod_user_id = u.id) AS mod_user_name,
    (
        SELECT
            name
        FROM
            post p
        WHERE
            msp.post_id = p.id) AS post_name,
    (
        SELECT
            c.id
        FROM
            post p,
            community c
        WHERE
            msp.post_id = p.id
            AND p.community_id = c.id) AS community_id,
    (
        SELECT
            c.name
        FROM
            post p,
            community c
        WHERE
            msp.post_id = p.id
            AND p.community_id = c.id) AS community_name
FROM
    mod_sticky_post msp;

-- Recreate the view
DROP VIEW post_view;

CREATE VIEW post_view AS
with all_post AS (
    SELECT
        p.*,
        (
            SELECT
                u.banned
            FROM
                user_ u
            WHERE
                p.creator_id = u.id) AS banned,
        (
            SELECT
                cb.id::bool
            FROM
                community_user_ban cb
            WHERE
                p.creator_id = cb.user_id
                AND p.community_id = cb.community_id) AS banned_from_community,
        (
            SELECT
                name
            FROM
                user_
            WHERE
                p.creator_id = user_.id) AS creator_name,
        (
            SELECT
                name
            FROM
                community
            WHERE
                p.community_id = community.id) AS community_name,
        (
            SELECT
                removed
            FROM
                community c
            WHERE
                p.community_id = c.id) AS community_removed,
        (
            SELECT
                deleted
            FROM
                community c
            WHERE
                p.community_id = c.id) AS community_deleted,
        (
            SELECT
                nsfw
            FROM
                community c
            WHERE
                p.community_id = c.id) AS community_nsfw,
        (
            SELECT
                count(*)
            FROM
                comment
            WHERE
                comment.post_id = p.id) AS number_of_comments,
        coalesce(sum(pl.score), 0) AS score,
        count(
            CASE WHEN pl.score = 1 THEN
                1
            ELSE
                NULL
            END) AS upvotes,
        count(
            CASE WHEN pl.score = -1 THEN
                1
            ELSE
                NULL
            END) AS downvotes,
        hot_rank (coalesce(sum(pl.score), 0), p.published) AS hot_rank
    FROM
        post p
        LEFT JOIN post_like pl ON p.id = pl.post_id
    GROUP BY
        p.id
)
SELECT
    ap.*,
    u.id AS user_id,
    coalesce(pl.score, 0) AS my_vote,
(
    SELECT
        cf.id::bool
    FROM
        community_follower cf
    WHERE
        u.id = cf.user_id
        AND cf.community_id = ap.community_id) AS subscribed,
(
    SELECT
        pr.id::bool
    FROM
        post_read pr
    WHERE
        u.id = pr.user_id
        AND pr.post_id = ap.id) AS read,
(
    SELECT
        ps.id::bool
    FROM
        post_saved ps
    WHERE
        u.id = ps.user_id
        AND ps.post_id = ap.id) AS saved
FROM
    user_ u
    CROSS JOIN all_post ap
    LEFT JOIN post_like pl ON u.id = pl.user_id
        AND ap.id = pl.post_id
    UNION ALL
    SELECT
        ap.*,
        NULL AS user_id,
        NULL AS my_vote,
        NULL AS subscribed,
        NULL AS read,
        NULL AS saved
    FROM
        all_post ap;

;
-- ===== migrations/2019-10-15-181630_add_themes/up.sql
ALTER TABLE user_
    ADD COLUMN theme varchar(20) DEFAULT 'darkly' NOT NULL;

;
-- ===== migrations/2019-10-19-052737_create_user_mention/up.sql
CREATE TABLE user_mention (
    id serial PRIMARY KEY,
    recipient_id int REFERENCES user_ ON UPDATE CASCADE ON DELETE CASCADE NOT NULL,
    comment_id int REFERENCES COMMENT ON UPDATE CASCADE ON DELETE CASCADE NOT NULL,
    read boolean DEFAULT FALSE NOT NULL,
    published timestamp NOT NULL DEFAULT now(),
    UNIQUE (recipient_id, comment_id)
);

CREATE VIEW user_mention_view AS
SELECT
    c.id,
    um.id AS user_mention_id,
    c.creator_id,
    c.post_id,
    c.parent_id,
    c.content,
    c.removed,
    um.read,
    c.published,
    c.updated,
    c.deleted,
    c.community_id,
    c.banned,
    c.banned_from_community,
    c.creator_name,
    c.score,
    c.upvotes,
    c.downvotes,
    c.user_id,
    c.my_vote,
    c.saved,
    um.recipient_id
FROM
    user_mention um,
    comment_view c
WHERE
    um.comment_id = c.id;

;
-- ===== migrations/2019-10-21-011237_add_default_sorts/up.sql
ALTER TABLE user_
    ADD COLUMN default_sort_type smallint DEFAULT 0 NOT NULL;

ALTER TABLE user_
    ADD COLUMN default_listing_type smallint DEFAULT 1 NOT NULL;

;
-- ===== migrations/2019-10-24-002614_create_password_reset_request/up.sql
CREATE TABLE password_reset_request (
    id serial PRIMARY KEY,
    user_id int REFERENCES user_ ON UPDATE CASCADE ON DELETE CASCADE NOT NULL,
    token_encrypted text NOT NULL,
    published timestamp NOT NULL DEFAULT now()
);

;
-- ===== migrations/2019-12-09-060754_add_lang/up.sql
ALTER TABLE user_
    ADD COLUMN lang varchar(20) DEFAULT 'browser' NOT NULL;

;
-- ===== migrations/2019-12-11-181820_add_site_fields/up.sql
-- Add the column
ALTER TABLE site
    ADD COLUMN enable_downvotes boolean DEFAULT TRUE NOT NULL;

ALTER TABLE site
    ADD COLUMN open_registration boolean DEFAULT TRUE NOT NULL;

ALTER TABLE site
    ADD COLUMN enable_nsfw boolean DEFAULT TRUE NOT NULL;

-- Reload the view
DROP VIEW site_view;

CREATE VIEW site_view AS
SELECT
    *,
    (
        SELECT
            name
        FROM
            user_ u
        WHERE
            s.creator_id = u.id) AS creator_name,
    (
        SELECT
            count(*)
        FROM
            user_) AS number_of_users,
    (
        SELECT
            count(*)
        FROM
            post) AS number_of_posts,
    (
        SELECT
            count(*)
        FROM
            comment) AS number_of_comments,
    (
        SELECT
            count(*)
        FROM
            community) AS number_of_communities
FROM
    site s;

;
-- ===== migrations/2019-12-29-164820_add_avatar/up.sql
-- Rename to avatar
ALTER TABLE user_ RENAME COLUMN icon TO avatar;

ALTER TABLE user_
    ALTER COLUMN avatar TYPE text;

-- Rebuild nearly all the views, to include the creator avatars
-- user
DROP VIEW user_view;

CREATE VIEW user_view AS
SELECT
    id,
    name,
    avatar,
    fedi_name,
    admin,
    banned,
    published,
    (
        SELECT
            count(*)
        FROM
            post p
        WHERE
            p.creator_id = u.id) AS number_of_posts,
    (
        SELECT
            coalesce(sum(score), 0)
        FROM
            post p,
            post_like pl
        WHERE
            u.id = p.creator_id
            AND p.id = pl.post_id) AS post_score,
    (
        SELECT
            count(*)
        FROM
            comment c
        WHERE
            c.creator_id = u.id) AS number_of_comments,
    (
        SELECT
            coalesce(sum(score), 0)
        FROM
            comment c,
            comment_like cl
        WHERE
            u.id = c.creator_id
            AND c.id = cl.comment_id) AS comment_score
FROM
    user_ u;

-- post
-- Recreate the view
DROP VIEW post_view;

CREATE VIEW post_view AS
with all_post AS (
    SELECT
        p.*,
        (
            SELECT
                u.banned
            FROM
                user_ u
            WHERE
                p.creator_id = u.id) AS banned,
        (
            SELECT
                cb.id::bool
            FROM
                community_user_ban cb
            WHERE
                p.creator_id = cb.user_id
                AND p.community_id = cb.community_id) AS banned_from_community,
        (
            SELECT
                name
            FROM
                user_
            WHERE
                p.creator_id = user_.id) AS creator_name,
        (
            SELECT
                avatar
            FROM
                user_
            WHERE
                p.creator_id = user_.id) AS creator_avatar,
        (
            SELECT
                name
            FROM
                community
            WHERE
                p.community_id = community.id) AS community_name,
        (
            SELECT
                removed
            FROM
                community c
            WHERE
                p.community_id = c.id) AS community_removed,
        (
            SELECT
                deleted
            FROM
                community c
            WHERE
                p.community_id = c.id) AS community_deleted,
        (
            SELECT
                nsfw
            FROM
                community c
            WHERE
                p.community_id = c.id) AS community_nsfw,
        (
            SELECT
                count(*)
            FROM
                comment
            WHERE
                comment.post_id = p.id) AS number_of_comments,
        coalesce(sum(pl.score), 0) AS score,
        count(
            CASE WHEN pl.score = 1 THEN
                1
            ELSE
                NULL
            END) AS upvotes,
        count(
            CASE WHEN pl.score = -1 THEN
                1
            ELSE
                NULL
            END) AS downvotes,
        hot_rank (coalesce(sum(pl.score), 0), p.published) AS hot_rank
    FROM
        post p
        LEFT JOIN post_like pl ON p.id = pl.post_id
    GROUP BY
        p.id
)
SELECT
    ap.*,
    u.id AS user_id,
    coalesce(pl.score, 0) AS my_vote,
(
    SELECT
        cf.id::bool
    FROM
        community_follower cf
    WHERE
        u.id = cf.user_id
        AND cf.community_id = ap.community_id) AS subscribed,
(
    SELECT
        pr.id::bool
    FROM
        post_read pr
    WHERE
        u.id = pr.user_id
        AND pr.post_id = ap.id) AS read,
(
    SELECT
        ps.id::bool
    FROM
        post_saved ps
    WHERE
        u.id = ps.user_id
        AND ps.post_id = ap.id) AS saved
FROM
    user_ u
    CROSS JOIN all_post ap
    LEFT JOIN post_like pl ON u.id = pl.user_id
        AND ap.id = pl.post_id
    UNION ALL
    SELECT
        ap.*,
        NULL AS user_id,
        NULL AS my_vote,
        NULL AS subscribed,
        NULL AS read,
        NULL AS saved
    FROM
        all_post ap;

-- community
DROP VIEW community_view;

CREATE VIEW community_view AS
with all_community AS (
    SELECT
        *,
        (
            SELECT
                name
            FROM
                user_ u
            WHERE
                c.creator_id = u.id) AS creator_name,
        (
            SELECT
                avatar
            FROM
                user_ u
            WHERE
                c.creator_id = u.id) AS creator_avatar,
        (
            SELECT
                name
            FROM
                category ct
            WHERE
                c.category_id = ct.id) AS category_name,
        (
            SELECT
                count(*)
            FROM
                community_follower cf
            WHERE
                cf.community_id = c.id) AS number_of_subscribers,
        (
            SELECT
                count(*)
            FROM
                post p
            WHERE
                p.community_id = c.id) AS number_of_posts,
        (
            SELECT
                count(*)
            FROM
                comment co,
                post p
            WHERE
                c.id = p.community_id
                AND p.id = co.post_id) AS number_of_comments,
        hot_rank ((
            SELECT
                count(*)
            FROM community_follower cf
            WHERE
                cf.community_id = c.id), c.published) AS hot_rank
    FROM
        community c
)
SELECT
    ac.*,
    u.id AS user_id,
    (
        SELECT
            cf.id::boolean
        FROM
            community_follower cf
        WHERE
            u.id = cf.user_id
            AND ac.id = cf.community_id) AS subscribed
FROM
    user_ u
    CROSS JOIN all_community ac
UNION ALL
SELECT
    ac.*,
    NULL AS user_id,
    NULL AS subscribed
FROM
    all_community ac;

-- reply and comment view
DROP VIEW reply_view;

DROP VIEW user_mention_view;

DROP VIEW comment_view;

CREATE VIEW comment_view AS
with all_comment AS (
    SELECT
        c.*,
        (
            SELECT
                community_id
            FROM
                post p
            WHERE
                p.id = c.post_id),
            (
                SELECT
                    u.banned
                FROM
                    user_ u
                WHERE
                    c.creator_id = u.id) AS banned,
                (
                    SELECT
                        cb.id::bool
                    FROM
                        community_user_ban cb,
                        post p
                    WHERE
                        c.creator_id = cb.user_id
                        AND p.id = c.post_id
                        AND p.community_id = cb.community_id) AS banned_from_community,
                    (
                        SELECT
                            name
                        FROM
                            user_
                        WHERE
                            c.creator_id = user_.id) AS creator_name,
                        (
                            SELECT
                                avatar
                            FROM
                                user_
                            WHERE
                                c.creator_id = user_.id) AS creator_avatar,
                            coalesce(sum(cl.score), 0) AS score,
                            count(
                                CASE WHEN cl.score = 1 THEN
                                    1
                                ELSE
                                    NULL
                                END) AS upvotes,
                            count(
                                CASE WHEN cl.score = -1 THEN
                                    1
                                ELSE
                                    NULL
                                END) AS downvotes
                        FROM
                            comment c
                        LEFT JOIN comment_like cl ON c.id = cl.comment_id
                    GROUP BY
                        c.id
)
            SELECT
                ac.*,
                u.id AS user_id,
                coalesce(cl.score, 0) AS my_vote,
            (
                SELECT
                    cs.id::bool
                FROM
                    comment_saved cs
                WHERE
                    u.id = cs.user_id
                    AND cs.comment_id = ac.id) AS saved
        FROM
            user_ u
        CROSS JOIN all_comment ac
        LEFT JOIN comment_like cl ON u.id = cl.user_id
            AND ac.id = cl.comment_id
        UNION ALL
        SELECT
            ac.*,
            NULL AS user_id,
            NULL AS my_vote,
            NULL AS saved
        FROM
            all_comment ac;

CREATE VIEW reply_view AS
with closereply AS (
    SELECT
        c2.id,
        c2.creator_id AS sender_id,
        c.creator_id AS recipient_id
    FROM
        comment c
        INNER JOIN comment c2 ON c.id = c2.parent_id
    WHERE
        c2.creator_id != c.creator_id
        -- Do union where post is null
    UNION
    SELECT
        c.id,
        c.creator_id AS sender_id,
        p.creator_id AS recipient_id
    FROM
        comment c,
        post p
    WHERE
        c.post_id = p.id
        AND c.parent_id IS NULL
        AND c.creator_id != p.creator_id
)
SELECT
    cv.*,
    closereply.recipient_id
FROM
    comment_view cv,
    closereply
WHERE
    closereply.id = cv.id;

-- user mention
CREATE VIEW user_mention_view AS
SELECT
    c.id,
    um.id AS user_mention_id,
    c.creator_id,
    c.post_id,
    c.parent_id,
    c.content,
    c.removed,
    um.read,
    c.published,
    c.updated,
    c.deleted,
    c.community_id,
    c.banned,
    c.banned_from_community,
    c.creator_name,
    c.creator_avatar,
    c.score,
    c.upvotes,
    c.downvotes,
    c.user_id,
    c.my_vote,
    c.saved,
    um.recipient_id
FROM
    user_mention um,
    comment_view c
WHERE
    um.comment_id = c.id;

-- community views
DROP VIEW community_moderator_view;

DROP VIEW community_follower_view;

DROP VIEW community_user_ban_view;

DROP VIEW site_view;

CREATE VIEW community_moderator_view AS
SELECT
    *,
    (
        SELECT
            name
        FROM
            user_ u
        WHERE
            cm.user_id = u.id) AS user_name,
    (
        SELECT
            avatar
        FROM
            user_ u
        WHERE
            cm.user_id = u.id), (
        SELECT
            name
        FROM
            community c
        WHERE
            cm.community_id = c.id) AS community_name
FROM
    community_moderator cm;

CREATE VIEW community_follower_view AS
SELECT
    *,
    (
        SELECT
            name
        FROM
            user_ u
        WHERE
            cf.user_id = u.id) AS user_name,
    (
        SELECT
            avatar
        FROM
            user_ u
        WHERE
            cf.user_id = u.id), (
        SELECT
            name
        FROM
            community c
        WHERE
            cf.community_id = c.id) AS community_name
FROM
    community_follower cf;

CREATE VIEW community_user_ban_view AS
SELECT
    *,
    (
        SELECT
            name
        FROM
            user_ u
        WHERE
            cm.user_id = u.id) AS user_name,
    (
        SELECT
            avatar
        FROM
            user_ u
        WHERE
            cm.user_id = u.id), (
        SELECT
            name
        FROM
            community c
        WHERE
            cm.community_id = c.id) AS community_name
FROM
    community_user_ban cm;

CREATE VIEW site_view AS
SELECT
    *,
    (
        SELECT
            name
        FROM
            user_ u
        WHERE
            s.creator_id = u.id) AS creator_name,
    (
        SELECT
            avatar
        FROM
            user_ u
        WHERE
            s.creator_id = u.id) AS creator_avatar,
    (
        SELECT
            count(*)
        FROM
            user_) AS number_of_users,
    (
        SELECT
            count(*)
        FROM
            post) AS number_of_posts,
    (
        SELECT
            count(*)
        FROM
            comment) AS number_of_comments,
    (
        SELECT
            count(*)
        FROM
            community) AS number_of_communities
FROM
    site s;

;
-- ===== migrations/2020-01-01-200418_add_email_to_user_view/up.sql
-- user
DROP VIEW user_view;

CREATE VIEW user_view AS
SELECT
    id,
    name,
    avatar,
    email,
    fedi_name,
    admin,
    banned,
    published,
    (
        SELECT
            count(*)
        FROM
            post p
        WHERE
            p.creator_id = u.id) AS number_of_posts,
    (
        SELECT
            coalesce(sum(score), 0)
        FROM
            post p,
            post_like pl
        WHERE
            u.id = p.creator_id
            AND p.id = pl.post_id) AS post_score,
    (
        SELECT
            count(*)
        FROM
            comment c
        WHERE
            c.creator_id = u.id) AS number_of_comments,
    (
        SELECT
            coalesce(sum(score), 0)
        FROM
            comment c,
            comment_like cl
        WHERE
            u.id = c.creator_id
            AND c.id = cl.comment_id) AS comment_score
FROM
    user_ u;

;
-- ===== migrations/2020-01-02-172755_add_show_avatar_and_email_notifications_to_user/up.sql
-- Add columns
ALTER TABLE user_
    ADD COLUMN show_avatars boolean DEFAULT TRUE NOT NULL;

ALTER TABLE user_
    ADD COLUMN send_notifications_to_email boolean DEFAULT FALSE NOT NULL;

-- Rebuild the user_view
DROP VIEW user_view;

CREATE VIEW user_view AS
SELECT
    id,
    name,
    avatar,
    email,
    fedi_name,
    admin,
    banned,
    show_avatars,
    send_notifications_to_email,
    published,
    (
        SELECT
            count(*)
        FROM
            post p
        WHERE
            p.creator_id = u.id) AS number_of_posts,
    (
        SELECT
            coalesce(sum(score), 0)
        FROM
            post p,
            post_like pl
        WHERE
            u.id = p.creator_id
            AND p.id = pl.post_id) AS post_score,
    (
        SELECT
            count(*)
        FROM
            comment c
        WHERE
            c.creator_id = u.id) AS number_of_comments,
    (
        SELECT
            coalesce(sum(score), 0)
        FROM
            comment c,
            comment_like cl
        WHERE
            u.id = c.creator_id
            AND c.id = cl.comment_id) AS comment_score
FROM
    user_ u;

;
-- ===== migrations/2020-01-11-012452_add_indexes/up.sql
-- Go through all the tables joins, optimize every view, CTE, etc.
CREATE INDEX idx_post_creator ON post (creator_id);

CREATE INDEX idx_post_community ON post (community_id);

CREATE INDEX idx_post_like_post ON post_like (post_id);

CREATE INDEX idx_post_like_user ON post_like (user_id);

CREATE INDEX idx_comment_creator ON comment (creator_id);

CREATE INDEX idx_comment_parent ON comment (parent_id);

CREATE INDEX idx_comment_post ON comment (post_id);

CREATE INDEX idx_comment_like_comment ON comment_like (comment_id);

CREATE INDEX idx_comment_like_user ON comment_like (user_id);

CREATE INDEX idx_comment_like_post ON comment_like (post_id);

CREATE INDEX idx_community_creator ON community (creator_id);

CREATE INDEX idx_community_category ON community (category_id);

;
-- ===== migrations/2020-01-13-025151_create_materialized_views/up.sql
-- post
CREATE VIEW post_aggregates_view AS
SELECT
    p.*,
    (
        SELECT
            u.banned
        FROM
            user_ u
        WHERE
            p.creator_id = u.id) AS banned,
    (
        SELECT
            cb.id::bool
        FROM
            community_user_ban cb
        WHERE
            p.creator_id = cb.user_id
            AND p.community_id = cb.community_id) AS banned_from_community,
    (
        SELECT
            name
        FROM
            user_
        WHERE
            p.creator_id = user_.id) AS creator_name,
    (
        SELECT
            avatar
        FROM
            user_
        WHERE
            p.creator_id = user_.id) AS creator_avatar,
    (
        SELECT
            name
        FROM
            community
        WHERE
            p.community_id = community.id) AS community_name,
    (
        SELECT
            removed
        FROM
            community c
        WHERE
            p.community_id = c.id) AS community_removed,
    (
        SELECT
            deleted
        FROM
            community c
        WHERE
            p.community_id = c.id) AS community_deleted,
    (
        SELECT
            nsfw
        FROM
            community c
        WHERE
            p.community_id = c.id) AS community_nsfw,
    (
        SELECT
            count(*)
        FROM
            comment
        WHERE
            comment.post_id = p.id) AS number_of_comments,
    coalesce(sum(pl.score), 0) AS score,
    count(
        CASE WHEN pl.score = 1 THEN
            1
        ELSE
            NULL
        END) AS upvotes,
    count(
        CASE WHEN pl.score = -1 THEN
            1
        ELSE
            NULL
        END) AS downvotes,
    hot_rank (coalesce(sum(pl.score), 0), p.published) AS hot_rank
FROM
    post p
    LEFT JOIN post_like pl ON p.id = pl.post_id
GROUP BY
    p.id;

CREATE MATERIALIZED VIEW post_aggregates_mview AS
SELECT
    *
FROM
    post_aggregates_view;

CREATE UNIQUE INDEX idx_post_aggregates_mview_id ON post_aggregates_mview (id);

DROP VIEW post_view;

CREATE VIEW post_view AS
with all_post AS (
    SELECT
        pa.*
    FROM
        post_aggregates_view pa
)
SELECT
    ap.*,
    u.id AS user_id,
    coalesce(pl.score, 0) AS my_vote,
    (
        SELECT
            cf.id::bool
        FROM
            community_follower cf
        WHERE
            u.id = cf.user_id
            AND cf.community_id = ap.community_id) AS subscribed,
    (
        SELECT
            pr.id::bool
        FROM
            post_read pr
        WHERE
            u.id = pr.user_id
            AND pr.post_id = ap.id) AS read,
    (
        SELECT
            ps.id::bool
        FROM
            post_saved ps
        WHERE
            u.id = ps.user_id
            AND ps.post_id = ap.id) AS saved
FROM
    user_ u
    CROSS JOIN all_post ap
    LEFT JOIN post_like pl ON u.id = pl.user_id
        AND ap.id = pl.post_id
    UNION ALL
    SELECT
        ap.*,
        NULL AS user_id,
        NULL AS my_vote,
        NULL AS subscribed,
        NULL AS read,
        NULL AS saved
    FROM
        all_post ap;

CREATE VIEW post_mview AS
with all_post AS (
    SELECT
        pa.*
    FROM
        post_aggregates_mview pa
)
SELECT
    ap.*,
    u.id AS user_id,
    coalesce(pl.score, 0) AS my_vote,
    (
        SELECT
            cf.id::bool
        FROM
            community_follower cf
        WHERE
            u.id = cf.user_id
            AND cf.community_id = ap.community_id) AS subscribed,
    (
        SELECT
            pr.id::bool
        FROM
            post_read pr
        WHERE
            u.id = pr.user_id
            AND pr.post_id = ap.id) AS read,
    (
        SELECT
            ps.id::bool
        FROM
            post_saved ps
        WHERE
            u.id = ps.user_id
            AND ps.post_id = ap.id) AS saved
FROM
    user_ u
    CROSS JOIN all_post ap
    LEFT JOIN post_like pl ON u.id = pl.user_id
        AND ap.id = pl.post_id
    UNION ALL
    SELECT
        ap.*,
        NULL AS user_id,
        NULL AS my_vote,
        NULL AS subscribed,
        NULL AS read,
        NULL AS saved
    FROM
        all_post ap;

-- user_view
DROP VIEW user_view;

CREATE VIEW user_view AS
SELECT
    u.id,
    u.name,
    u.avatar,
    u.email,
    u.fedi_name,
    u.admin,
    u.banned,
    u.show_avatars,
    u.send_notifications_to_email,
    u.published,
    (
        SELECT
            count(*)
        FROM
            post p
        WHERE
            p.creator_id = u.id) AS number_of_posts,
    (
        SELECT
            coalesce(sum(score), 0)
        FROM
            post p,
            post_like pl
        WHERE
            u.id = p.creator_id
            AND p.id = pl.post_id) AS post_score,
    (
        SELECT
            count(*)
        FROM
            comment c
        WHERE
            c.creator_id = u.id) AS number_of_comments,
    (
        SELECT
            coalesce(sum(score), 0)
        FROM
            comment c,
            comment_like cl
        WHERE
            u.id = c.creator_id
            AND c.id = cl.comment_id) AS comment_score
FROM
    user_ u;

CREATE MATERIALIZED VIEW user_mview AS
SELECT
    *
FROM
    user_view;

CREATE UNIQUE INDEX idx_user_mview_id ON user_mview (id);

-- community
CREATE VIEW community_aggregates_view AS
SELECT
    c.*,
    (
        SELECT
            name
        FROM
            user_ u
        WHERE
            c.creator_id = u.id) AS creator_name,
    (
        SELECT
            avatar
        FROM
            user_ u
        WHERE
            c.creator_id = u.id) AS creator_avatar,
    (
        SELECT
            name
        FROM
            category ct
        WHERE
            c.category_id = ct.id) AS category_name,
    (
        SELECT
            count(*)
        FROM
            community_follower cf
        WHERE
            cf.community_id = c.id) AS number_of_subscribers,
    (
        SELECT
            count(*)
        FROM
            post p
        WHERE
            p.community_id = c.id) AS number_of_posts,
    (
        SELECT
            count(*)
        FROM
            comment co,
            post p
        WHERE
            c.id = p.community_id
            AND p.id = co.post_id) AS number_of_comments,
    hot_rank ((
        SELECT
            count(*)
        FROM community_follower cf
        WHERE
            cf.community_id = c.id), c.published) AS hot_rank
FROM
    community c;

CREATE MATERIALIZED VIEW community_aggregates_mview AS
SELECT
    *
FROM
    community_aggregates_view;

CREATE UNIQUE INDEX idx_community_aggregates_mview_id ON community_aggregates_mview (id);

DROP VIEW community_view;

CREATE VIEW community_view AS
with all_community AS (
    SELECT
        ca.*
    FROM
        community_aggregates_view ca
)
SELECT
    ac.*,
    u.id AS user_id,
    (
        SELECT
            cf.id::boolean
        FROM
            community_follower cf
        WHERE
            u.id = cf.user_id
            AND ac.id = cf.community_id) AS subscribed
FROM
    user_ u
    CROSS JOIN all_community ac
UNION ALL
SELECT
    ac.*,
    NULL AS user_id,
    NULL AS subscribed
FROM
    all_community ac;

CREATE VIEW community_mview AS
with all_community AS (
    SELECT
        ca.*
    FROM
        community_aggregates_mview ca
)
SELECT
    ac.*,
    u.id AS user_id,
    (
        SELECT
            cf.id::boolean
        FROM
            community_follower cf
        WHERE
            u.id = cf.user_id
            AND ac.id = cf.community_id) AS subscribed
FROM
    user_ u
    CROSS JOIN all_community ac
UNION ALL
SELECT
    ac.*,
    NULL AS user_id,
    NULL AS subscribed
FROM
    all_community ac;

-- reply and comment view
CREATE VIEW comment_aggregates_view AS
SELECT
    c.*,
    (
        SELECT
            community_id
        FROM
            post p
        WHERE
            p.id = c.post_id), (
        SELECT
            u.banned
        FROM
            user_ u
        WHERE
            c.creator_id = u.id) AS banned,
    (
        SELECT
            cb.id::bool
        FROM
            community_user_ban cb,
            post p
        WHERE
            c.creator_id = cb.user_id
            AND p.id = c.post_id
            AND p.community_id = cb.community_id) AS banned_from_community,
    (
        SELECT
            name
        FROM
            user_
        WHERE
            c.creator_id = user_.id) AS creator_name,
    (
        SELECT
            avatar
        FROM
            user_
        WHERE
            c.creator_id = user_.id) AS creator_avatar,
    coalesce(sum(cl.score), 0) AS score,
    count(
        CASE WHEN cl.score = 1 THEN
            1
        ELSE
            NULL
        END) AS upvotes,
    count(
        CASE WHEN cl.score = -1 THEN
            1
        ELSE
            NULL
        END) AS downvotes
FROM
    comment c
    LEFT JOIN comment_like cl ON c.id = cl.comment_id
GROUP BY
    c.id;

CREATE MATERIALIZED VIEW comment_aggregates_mview AS
SELECT
    *
FROM
    comment_aggregates_view;

CREATE UNIQUE INDEX idx_comment_aggregates_mview_id ON comment_aggregates_mview (id);

DROP VIEW reply_view;

DROP VIEW user_mention_view;

DROP VIEW comment_view;

CREATE VIEW comment_view AS
with all_comment AS (
    SELECT
        ca.*
    FROM
        comment_aggregates_view ca
)
SELECT
    ac.*,
    u.id AS user_id,
    coalesce(cl.score, 0) AS my_vote,
    (
        SELECT
            cs.id::bool
        FROM
            comment_saved cs
        WHERE
            u.id = cs.user_id
            AND cs.comment_id = ac.id) AS saved
FROM
    user_ u
    CROSS JOIN all_comment ac
    LEFT JOIN comment_like cl ON u.id = cl.user_id
        AND ac.id = cl.comment_id
    UNION ALL
    SELECT
        ac.*,
        NULL AS user_id,
        NULL AS my_vote,
        NULL AS saved
    FROM
        all_comment ac;

CREATE VIEW comment_mview AS
with all_comment AS (
    SELECT
        ca.*
    FROM
        comment_aggregates_mview ca
)
SELECT
    ac.*,
    u.id AS user_id,
    coalesce(cl.score, 0) AS my_vote,
    (
        SELECT
            cs.id::bool
        FROM
            comment_saved cs
        WHERE
            u.id = cs.user_id
            AND cs.comment_id = ac.id) AS saved
FROM
    user_ u
    CROSS JOIN all_comment ac
    LEFT JOIN comment_like cl ON u.id = cl.user_id
        AND ac.id = cl.comment_id
    UNION ALL
    SELECT
        ac.*,
        NULL AS user_id,
        NULL AS my_vote,
        NULL AS saved
    FROM
        all_comment ac;

CREATE VIEW reply_view AS
with closereply AS (
    SELECT
        c2.id,
        c2.creator_id AS sender_id,
        c.creator_id AS recipient_id
    FROM
        comment c
        INNER JOIN comment c2 ON c.id = c2.parent_id
    WHERE
        c2.creator_id != c.creator_id
        -- Do union where post is null
    UNION
    SELECT
        c.id,
        c.creator_id AS sender_id,
        p.creator_id AS recipient_id
    FROM
        comment c,
        post p
    WHERE
        c.post_id = p.id
        AND c.parent_id IS NULL
        AND c.creator_id != p.creator_id
)
SELECT
    cv.*,
    closereply.recipient_id
FROM
    comment_view cv,
    closereply
WHERE
    closereply.id = cv.id;

-- user mention
CREATE VIEW user_mention_view AS
SELECT
    c.id,
    um.id AS user_mention_id,
    c.creator_id,
    c.post_id,
    c.parent_id,
    c.content,
    c.removed,
    um.read,
    c.published,
    c.updated,
    c.deleted,
    c.community_id,
    c.banned,
    c.banned_from_community,
    c.creator_name,
    c.creator_avatar,
    c.score,
    c.upvotes,
    c.downvotes,
    c.user_id,
    c.my_vote,
    c.saved,
    um.recipient_id
FROM
    user_mention um,
    comment_view c
WHERE
    um.comment_id = c.id;

-- user
CREATE OR REPLACE FUNCTION refresh_user ()
    RETURNS TRIGGER
    LANGUAGE plpgsql
    AS $$
BEGIN
    REFRESH MATERIALIZED VIEW CONCURRENTLY user_mview;
    REFRESH MATERIALIZED VIEW CONCURRENTLY comment_aggregates_mview;
    -- cause of bans
    REFRESH MATERIALIZED VIEW CONCURRENTLY post_aggregates_mview;
    RETURN NULL;
END
$$;

CREATE TRIGGER refresh_user
    AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON user_
    FOR EACH statement
    EXECUTE PROCEDURE refresh_user ();

-- post
CREATE OR REPLACE FUNCTION refresh_post ()
    RETURNS TRIGGER
    LANGUAGE plpgsql
    AS $$
BEGIN
    REFRESH MATERIALIZED VIEW CONCURRENTLY post_aggregates_mview;
    REFRESH MATERIALIZED VIEW CONCURRENTLY user_mview;
    RETURN NULL;
END
$$;

CREATE TRIGGER refresh_post
    AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON post
    FOR EACH statement
    EXECUTE PROCEDURE refresh_post ();

-- post_like
CREATE OR REPLACE FUNCTION refresh_post_like ()
    RETURNS TRIGGER
    LANGUAGE plpgsql
    AS $$
BEGIN
    REFRESH MATERIALIZED VIEW CONCURRENTLY post_aggregates_mview;
    REFRESH MATERIALIZED VIEW CONCURRENTLY user_mview;
    RETURN NULL;
END
$$;

CREATE TRIGGER refresh_post_like
    AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON post_like
    FOR EACH statement
    EXECUTE PROCEDURE refresh_post_like ();

-- community
CREATE OR REPLACE FUNCTION refresh_community ()
    RETURNS TRIGGER
    LANGUAGE plpgsql
    AS $$
BEGIN
    REFRESH MATERIALIZED VIEW CONCURRENTLY post_aggregates_mview;
    REFRESH MATERIALIZED VIEW CONCURRENTLY community_aggregates_mview;
    REFRESH MATERIALIZED VIEW CONCURRENTLY user_mview;
    RETURN NULL;
END
$$;

CREATE TRIGGER refresh_community
    AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON community
    FOR EACH statement
    EXECUTE PROCEDURE refresh_community ();

-- community_follower
CREATE OR REPLACE FUNCTION refresh_community_follower ()
    RETURNS TRIGGER
    LANGUAGE plpgsql
    AS $$
BEGIN
    REFRESH MATERIALIZED VIEW CONCURRENTLY community_aggregates_mview;
    REFRESH MATERIALIZED VIEW CONCURRENTLY post_aggregates_mview;
    RETURN NULL;
END
$$;

CREATE TRIGGER refresh_community_follower
    AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON community_follower
    FOR EACH statement
    EXECUTE PROCEDURE refresh_community_follower ();

-- community_user_ban
CREATE OR REPLACE FUNCTION refresh_community_user_ban ()
    RETURNS TRIGGER
    LANGUAGE plpgsql
    AS $$
BEGIN
    REFRESH MATERIALIZED VIEW CONCURRENTLY comment_aggregates_mview;
    REFRESH MATERIALIZED VIEW CONCURRENTLY post_aggregates_mview;
    RETURN NULL;
END
$$;

CREATE TRIGGER refresh_community_user_ban
    AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON community_user_ban
    FOR EACH statement
    EXECUTE PROCEDURE refresh_community_user_ban ();

-- comment
CREATE OR REPLACE FUNCTION refresh_comment ()
    RETURNS TRIGGER
    LANGUAGE plpgsql
    AS $$
BEGIN
    REFRESH MATERIALIZED VIEW CONCURRENTLY post_aggregates_mview;
    REFRESH MATERIALIZED VIEW CONCURRENTLY comment_aggregates_mview;
    REFRESH MATERIALIZED VIEW CONCURRENTLY community_aggregates_mview;
    REFRESH MATERIALIZED VIEW CONCURRENTLY user_mview;
    RETURN NULL;
END
$$;

CREATE TRIGGER refresh_comment
    AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON comment
    FOR EACH statement
    EXECUTE PROCEDURE refresh_comment ();

-- comment_like
CREATE OR REPLACE FUNCTION refresh_comment_like ()
    RETURNS TRIGGER
    LANGUAGE plpgsql
    AS $$
BEGIN
    REFRESH MATERIALIZED VIEW CONCURRENTLY comment_aggregates_mview;
    REFRESH MATERIALIZED VIEW CONCURRENTLY user_mview;
    RETURN NULL;
END
$$;

CREATE TRIGGER refresh_comment_like
    AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON comment_like
    FOR EACH statement
    EXECUTE PROCEDURE refresh_comment_like ();

;
-- ===== migrations/2020-01-21-001001_create_private_message/up.sql
-- Creating private message
CREATE TABLE private_message (
    id serial PRIMARY KEY,
    creator_id int REFERENCES user_ ON UPDATE CASCADE ON DELETE CASCADE NOT NULL,
    recipient_id int REFERENCES user_ ON UPDATE CASCADE ON DELETE CASCADE NOT NULL,
    content text NOT NULL,
    deleted boolean DEFAULT FALSE NOT NULL,
    read boolean DEFAULT FALSE NOT NULL,
    published timestamp NOT NULL DEFAULT now(),
    updated timestamp
);

-- Create the view and materialized view which has the avatar and creator name
CREATE VIEW private_message_view AS
SELECT
    pm.*,
    u.name AS creator_name,
    u.avatar AS creator_avatar,
    u2.name AS recipient_name,
    u2.avatar AS recipient_avatar
FROM
    private_message pm
    INNER JOIN user_ u ON u.id = pm.creator_id
    INNER JOIN user_ u2 ON u2.id = pm.recipient_id;

CREATE MATERIALIZED VIEW private_message_mview AS
SELECT
    *
FROM
    private_message_view;

CREATE UNIQUE INDEX idx_private_message_mview_id ON private_message_mview (id);

-- Create the triggers
CREATE OR REPLACE FUNCTION refresh_private_message ()
    RETURNS TRIGGER
    LANGUAGE plpgsql
    AS $$
BEGIN
    REFRESH MATERIALIZED VIEW CONCURRENTLY private_message_mview;
    RETURN NULL;
END
$$;

CREATE TRIGGER refresh_private_message
    AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON private_message
    FOR EACH statement
    EXECUTE PROCEDURE refresh_private_message ();

-- Update user to include matrix id
ALTER TABLE user_
    ADD COLUMN matrix_user_id text UNIQUE;

DROP VIEW user_view CASCADE;

CREATE VIEW user_view AS
SELECT
    u.id,
    u.name,
    u.avatar,
    u.email,
    u.matrix_user_id,
    u.fedi_name,
    u.admin,
    u.banned,
    u.show_avatars,
    u.send_notifications_to_email,
    u.published,
    (
        SELECT
            count(*)
        FROM
            post p
        WHERE
            p.creator_id = u.id) AS number_of_posts,
    (
        SELECT
            coalesce(sum(score), 0)
        FROM
            post p,
            post_like pl
        WHERE
            u.id = p.creator_id
            AND p.id = pl.post_id) AS post_score,
    (
        SELECT
            count(*)
        FROM
            comment c
        WHERE
            c.creator_id = u.id) AS number_of_comments,
    (
        SELECT
            coalesce(sum(score), 0)
        FROM
            comment c,
            comment_like cl
        WHERE
            u.id = c.creator_id
            AND c.id = cl.comment_id) AS comment_score
FROM
    user_ u;

CREATE MATERIALIZED VIEW user_mview AS
SELECT
    *
FROM
    user_view;

CREATE UNIQUE INDEX idx_user_mview_id ON user_mview (id);

-- This is what a group pm table would look like
-- Not going to do it now because of the complications
--
-- create table private_message (
--   id serial primary key,
--   creator_id int references user_ on update cascade on delete cascade not null,
--   content text not null,
--   deleted boolean default false not null,
--   published timestamp not null default now(),
--   updated timestamp
-- );
--
-- create table private_message_recipient (
--   id serial primary key,
--   private_message_id int references private_message on update cascade on delete cascade not null,
--   recipient_id int references user_ on update cascade on delete cascade not null,
--   read boolean default false not null,
--   published timestamp not null default now(),
--   unique(private_message_id, recipient_id)
-- )
;
-- ===== migrations/2020-01-29-011901_create_reply_materialized_view/up.sql
-- https://github.com/dessalines/lemmy/issues/197
DROP VIEW reply_view;

-- Do the reply_view referencing the comment_mview
CREATE VIEW reply_view AS
with closereply AS (
    SELECT
        c2.id,
        c2.creator_id AS sender_id,
        c.creator_id AS recipient_id
    FROM
        comment c
        INNER JOIN comment c2 ON c.id = c2.parent_id
    WHERE
        c2.creator_id != c.creator_id
        -- Do union where post is null
    UNION
    SELECT
        c.id,
        c.creator_id AS sender_id,
        p.creator_id AS recipient_id
    FROM
        comment c,
        post p
    WHERE
        c.post_id = p.id
        AND c.parent_id IS NULL
        AND c.creator_id != p.creator_id
)
SELECT
    cv.*,
    closereply.recipient_id
FROM
    comment_mview cv,
    closereply
WHERE
    closereply.id = cv.id;

;
-- ===== migrations/2020-01-29-030825_create_user_mention_materialized_view/up.sql
CREATE VIEW user_mention_mview AS
with all_comment AS (
    SELECT
        ca.*
    FROM
        comment_aggregates_mview ca
)
SELECT
    ac.id,
    um.id AS user_mention_id,
    ac.creator_id,
    ac.post_id,
    ac.parent_id,
    ac.content,
    ac.removed,
    um.read,
    ac.published,
    ac.updated,
    ac.deleted,
    ac.community_id,
    ac.banned,
    ac.banned_from_community,
    ac.creator_name,
    ac.creator_avatar,
    ac.score,
    ac.upvotes,
    ac.downvotes,
    u.id AS user_id,
    coalesce(cl.score, 0) AS my_vote,
    (
        SELECT
            cs.id::bool
        FROM
            comment_saved cs
        WHERE
            u.id = cs.user_id
            AND cs.comment_id = ac.id) AS saved,
    um.recipient_id
FROM
    user_ u
    CROSS JOIN all_comment ac
    LEFT JOIN comment_like cl ON u.id = cl.user_id
        AND ac.id = cl.comment_id
    LEFT JOIN user_mention um ON um.comment_id = ac.id
UNION ALL
SELECT
    ac.id,
    um.id AS user_mention_id,
    ac.creator_id,
    ac.post_id,
    ac.parent_id,
    ac.content,
    ac.removed,
    um.read,
    ac.published,
    ac.updated,
    ac.deleted,
    ac.community_id,
    ac.banned,
    ac.banned_from_community,
    ac.creator_name,
    ac.creator_avatar,
    ac.score,
    ac.upvotes,
    ac.downvotes,
    NULL AS user_id,
    NULL AS my_vote,
    NULL AS saved,
    um.recipient_id
FROM
    all_comment ac
    LEFT JOIN user_mention um ON um.comment_id = ac.id;

;
-- ===== migrations/2020-02-02-004806_add_case_insensitive_usernames/up.sql
-- Add case insensitive username and email uniqueness
-- An example of showing the dupes:
-- select
--   max(id) as id,
--   lower(name) as lname,
--   count(*)
-- from user_
-- group by lower(name)
-- having count(*) > 1;
-- Delete username dupes, keeping the first one
DELETE FROM user_
WHERE id NOT IN (
        SELECT
            min(id)
        FROM
            user_
        GROUP BY
            lower(name),
            lower(fedi_name));

-- The user index
CREATE UNIQUE INDEX idx_user_name_lower ON user_ (lower(name));

-- Email lower
CREATE UNIQUE INDEX idx_user_email_lower ON user_ (lower(email));

-- Set empty emails properly to null
UPDATE
    user_
SET
    email = NULL
WHERE
    email = '';

;
-- ===== migrations/2020-02-06-165953_change_post_title_length/up.sql
-- Drop the dependent views
DROP VIEW post_view;

DROP VIEW post_mview;

DROP MATERIALIZED VIEW post_aggregates_mview;

DROP VIEW post_aggregates_view;

DROP VIEW mod_remove_post_view;

DROP VIEW mod_sticky_post_view;

DROP VIEW mod_lock_post_view;

DROP VIEW mod_remove_comment_view;

-- Add the extra post limit
ALTER TABLE post
    ALTER COLUMN name TYPE varchar(200);

-- regen post view
CREATE VIEW post_aggregates_view AS
SELECT
    p.*,
    (
        SELECT
            u.banned
        FROM
            user_ u
        WHERE
            p.creator_id = u.id) AS banned,
    (
        SELECT
            cb.id::bool
        FROM
            community_user_ban cb
        WHERE
            p.creator_id = cb.user_id
            AND p.community_id = cb.community_id) AS banned_from_community,
    (
        SELECT
            name
        FROM
            user_
        WHERE
            p.creator_id = user_.id) AS creator_name,
    (
        SELECT
            avatar
        FROM
            user_
        WHERE
            p.creator_id = user_.id) AS creator_avatar,
    (
        SELECT
            name
        FROM
            community
        WHERE
            p.community_id = community.id) AS community_name,
    (
        SELECT
            removed
        FROM
            community c
        WHERE
            p.community_id = c.id) AS community_removed,
    (
        SELECT
            deleted
        FROM
            community c
        WHERE
            p.community_id = c.id) AS community_deleted,
    (
        SELECT
            nsfw
        FROM
            community c
        WHERE
            p.community_id = c.id) AS community_nsfw,
    (
        SELECT
            count(*)
        FROM
            comment
        WHERE
            comment.post_id = p.id) AS number_of_comments,
    coalesce(sum(pl.score), 0) AS score,
    count(
        CASE WHEN pl.score = 1 THEN
            1
        ELSE
            NULL
        END) AS upvotes,
    count(
        CASE WHEN pl.score = -1 THEN
            1
        ELSE
            NULL
        END) AS downvotes,
    hot_rank (coalesce(sum(pl.score), 0), p.published) AS hot_rank
FROM
    post p
    LEFT JOIN post_like pl ON p.id = pl.post_id
GROUP BY
    p.id;

CREATE MATERIALIZED VIEW post_aggregates_mview AS
SELECT
    *
FROM
    post_aggregates_view;

CREATE UNIQUE INDEX idx_post_aggregates_mview_id ON post_aggregates_mview (id);

CREATE VIEW post_view AS
with all_post AS (
    SELECT
        pa.*
    FROM
        post_aggregates_view pa
)
SELECT
    ap.*,
    u.id AS user_id,
    coalesce(pl.score, 0) AS my_vote,
    (
        SELECT
            cf.id::bool
        FROM
            community_follower cf
        WHERE
            u.id = cf.user_id
            AND cf.community_id = ap.community_id) AS subscribed,
    (
        SELECT
            pr.id::bool
        FROM
            post_read pr
        WHERE
            u.id = pr.user_id
            AND pr.post_id = ap.id) AS read,
    (
        SELECT
            ps.id::bool
        FROM
            post_saved ps
        WHERE
            u.id = ps.user_id
            AND ps.post_id = ap.id) AS saved
FROM
    user_ u
    CROSS JOIN all_post ap
    LEFT JOIN post_like pl ON u.id = pl.user_id
        AND ap.id = pl.post_id
    UNION ALL
    SELECT
        ap.*,
        NULL AS user_id,
        NULL AS my_vote,
        NULL AS subscribed,
        NULL AS read,
        NULL AS saved
    FROM
        all_post ap;

CREATE VIEW post_mview AS
with all_post AS (
    SELECT
        pa.*
    FROM
        post_aggregates_mview pa
)
SELECT
    ap.*,
    u.id AS user_id,
    coalesce(pl.score, 0) AS my_vote,
    (
        SELECT
            cf.id::bool
        FROM
            community_follower cf
        WHERE
            u.id = cf.user_id
            AND cf.community_id = ap.community_id) AS subscribed,
    (
        SELECT
            pr.id::bool
        FROM
            post_read pr
        WHERE
            u.id = pr.user_id
            AND pr.post_id = ap.id) AS read,
    (
        SELECT
            ps.id::bool
        FROM
            post_saved ps
        WHERE
            u.id = ps.user_id
            AND ps.post_id = ap.id) AS saved
FROM
    user_ u
    CROSS JOIN all_post ap
    LEFT JOIN post_like pl ON u.id = pl.user_id
        AND ap.id = pl.post_id
    UNION ALL
    SELECT
        ap.*,
        NULL AS user_id,
        NULL AS my_vote,
        NULL AS subscribed,
        NULL AS read,
        NULL AS saved
    FROM
        all_post ap;

-- The mod views
CREATE VIEW mod_remove_post_view AS
SELECT
    mrp.*,
    (
        SELECT
            name
        FROM
            user_ u
        WHERE
            mrp.mod_user_id = u.id) AS mod_user_name,
    (
        SELECT
            name
        FROM
            post p
        WHERE
            mrp.post_id = p.id) AS post_name,
    (
        SELECT
            c.id
        FROM
            post p,
            community c
        WHERE
            mrp.post_id = p.id
            AND p.community_id = c.id) AS community_id,
    (
        SELECT
            c.name
        FROM
            post p,
            community c
        WHERE
            mrp.post_id = p.id
            AND p.community_id = c.id) AS community_name
FROM
    mod_remove_post mrp;

CREATE VIEW mod_lock_post_view AS
SELECT
    mlp.*,
    (
        SELECT
            name
        FROM
            user_ u
        WHERE
            mlp.mod_user_id = u.id) AS mod_user_name,
    (
        SELECT
            name
        FROM
            post p
        WHERE
            mlp.post_id = p.id) AS post_name,
    (
        SELECT
            c.id
        FROM
            post p,
            community c
        WHERE
            mlp.post_id = p.id
            AND p.community_id = c.id) AS community_id,
    (
        SELECT
            c.name
        FROM
            post p,
            community c
        WHERE
            mlp.post_id = p.id
            AND p.community_id = c.id) AS community_name
FROM
    mod_lock_post mlp;

CREATE VIEW mod_remove_comment_view AS
SELECT
    mrc.*,
    (
        SELECT
            name
        FROM
            user_ u
        WHERE
            mrc.mod_user_id = u.id) AS mod_user_name,
    (
        SELECT
            c.id
        FROM
            comment c
        WHERE
            mrc.comment_id = c.id) AS comment_user_id,
    (
        SELECT
            name
        FROM
            user_ u,
            comment c
        WHERE
            mrc.comment_id = c.id
            AND u.id = c.creator_id) AS comment_user_name,
    (
        SELECT
            content
        FROM
            comment c
        WHERE
            mrc.comment_id = c.id) AS comment_content,
    (
        SELECT
            p.id
        FROM
            post p,
            comment c
        WHERE
            mrc.comment_id = c.id
            AND c.post_id = p.id) AS post_id,
    (
        SELECT
            p.name
        FROM
            post p,
            comment c
        WHERE
            mrc.comment_id = c.id
            AND c.post_id = p.id) AS post_name,
    (
        SELECT
            co.id
        FROM
            comment c,
            post p,
            community co
        WHERE
            mrc.comment_id = c.id
            AND c.post_id = p.id
            AND p.community_id = co.id) AS community_id,
    (
        SELECT
            co.name
        FROM
            comment c,
            post p,
            community co
        WHERE
            mrc.comment_id = c.id
            AND c.post_id = p.id
            AND p.community_id = co.id) AS community_name
FROM
    mod_remove_comment mrc;

CREATE VIEW mod_sticky_post_view AS
SELECT
    msp.*,
    (
        SELECT
            name
        FROM
            user_ u
        WHERE
            msp.mod_user_id = u.id) AS mod_user_name,
    (
        SELECT
            name
        FROM
            post p
        WHERE
            msp.post_id = p.id) AS post_name,
    (
        SELECT
            c.id
        FROM
            post p,
            community c
        WHERE
            msp.post_id = p.id
            AND p.community_id = c.id) AS community_id,
    (
        SELECT
            c.name
        FROM
            post p,
            community c
        WHERE
            msp.post_id = p.id
            AND p.community_id = c.id) AS community_name
FROM
    mod_sticky_post msp;

;
-- ===== migrations/2020-02-07-210055_add_comment_subscribed/up.sql
-- Adding community name, hot_rank, to comment_view, user_mention_view, and subscribed to comment_view
-- Rebuild the comment view
DROP VIEW reply_view;

DROP VIEW user_mention_view;

DROP VIEW user_mention_mview;

DROP VIEW comment_view;

DROP VIEW comment_mview;

DROP MATERIALIZED VIEW comment_aggregates_mview;

DROP VIEW comment_aggregates_view;

-- reply and comment view
CREATE VIEW comment_aggregates_view AS
SELECT
    c.*,
    (
        SELECT
            community_id
        FROM
            post p
        WHERE
            p.id = c.post_id), (
        SELECT
            co.name
        FROM
            post p,
            community co
        WHERE
            p.id = c.post_id
            AND p.community_id = co.id) AS community_name,
    (
        SELECT
            u.banned
        FROM
            user_ u
        WHERE
            c.creator_id = u.id) AS banned,
    (
        SELECT
            cb.id::bool
        FROM
            community_user_ban cb,
            post p
        WHERE
            c.creator_id = cb.user_id
            AND p.id = c.post_id
            AND p.community_id = cb.community_id) AS banned_from_community,
    (
        SELECT
            name
        FROM
            user_
        WHERE
            c.creator_id = user_.id) AS creator_name,
    (
        SELECT
            avatar
        FROM
            user_
        WHERE
            c.creator_id = user_.id) AS creator_avatar,
    coalesce(sum(cl.score), 0) AS score,
    count(
        CASE WHEN cl.score = 1 THEN
            1
        ELSE
            NULL
        END) AS upvotes,
    count(
        CASE WHEN cl.score = -1 THEN
            1
        ELSE
            NULL
        END) AS downvotes,
    hot_rank (coalesce(sum(cl.score), 0), c.published) AS hot_rank
FROM
    comment c
    LEFT JOIN comment_like cl ON c.id = cl.comment_id
GROUP BY
    c.id;

CREATE MATERIALIZED VIEW comment_aggregates_mview AS
SELECT
    *
FROM
    comment_aggregates_view;

CREATE UNIQUE INDEX idx_comment_aggregates_mview_id ON comment_aggregates_mview (id);

CREATE VIEW comment_view AS
with all_comment AS (
    SELECT
        ca.*
    FROM
        comment_aggregates_view ca
)
SELECT
    ac.*,
    u.id AS user_id,
    coalesce(cl.score, 0) AS my_vote,
    (
        SELECT
            cf.id::boolean
        FROM
            community_follower cf
        WHERE
            u.id = cf.user_id
            AND ac.community_id = cf.community_id) AS subscribed,
    (
        SELECT
            cs.id::bool
        FROM
            comment_saved cs
        WHERE
            u.id = cs.user_id
            AND cs.comment_id = ac.id) AS saved
FROM
    user_ u
    CROSS JOIN all_comment ac
    LEFT JOIN comment_like cl ON u.id = cl.user_id
        AND ac.id = cl.comment_id
    UNION ALL
    SELECT
        ac.*,
        NULL AS user_id,
        NULL AS my_vote,
        NULL AS subscribed,
        NULL AS saved
    FROM
        all_comment ac;

CREATE VIEW comment_mview AS
with all_comment AS (
    SELECT
        ca.*
    FROM
        comment_aggregates_mview ca
)
SELECT
    ac.*,
    u.id AS user_id,
    coalesce(cl.score, 0) AS my_vote,
    (
        SELECT
            cf.id::boolean
        FROM
            community_follower cf
        WHERE
            u.id = cf.user_id
            AND ac.community_id = cf.community_id) AS subscribed,
    (
        SELECT
            cs.id::bool
        FROM
            comment_saved cs
        WHERE
            u.id = cs.user_id
            AND cs.comment_id = ac.id) AS saved
FROM
    user_ u
    CROSS JOIN all_comment ac
    LEFT JOIN comment_like cl ON u.id = cl.user_id
        AND ac.id = cl.comment_id
    UNION ALL
    SELECT
        ac.*,
        NULL AS user_id,
        NULL AS my_vote,
        NULL AS subscribed,
        NULL AS saved
    FROM
        all_comment ac;

-- Do the reply_view referencing the comment_mview
CREATE VIEW reply_view AS
with closereply AS (
    SELECT
        c2.id,
        c2.creator_id AS sender_id,
        c.creator_id AS recipient_id
    FROM
        comment c
        INNER JOIN comment c2 ON c.id = c2.parent_id
    WHERE
        c2.creator_id != c.creator_id
        -- Do union where post is null
    UNION
    SELECT
        c.id,
        c.creator_id AS sender_id,
        p.creator_id AS recipient_id
    FROM
        comment c,
        post p
    WHERE
        c.post_id = p.id
        AND c.parent_id IS NULL
        AND c.creator_id != p.creator_id
)
SELECT
    cv.*,
    closereply.recipient_id
FROM
    comment_mview cv,
    closereply
WHERE
    closereply.id = cv.id;

-- user mention
CREATE VIEW user_mention_view AS
SELECT
    c.id,
    um.id AS user_mention_id,
    c.creator_id,
    c.post_id,
    c.parent_id,
    c.content,
    c.removed,
    um.read,
    c.published,
    c.updated,
    c.deleted,
    c.community_id,
    c.community_name,
    c.banned,
    c.banned_from_community,
    c.creator_name,
    c.creator_avatar,
    c.score,
    c.upvotes,
    c.downvotes,
    c.hot_rank,
    c.user_id,
    c.my_vote,
    c.saved,
    um.recipient_id
FROM
    user_mention um,
    comment_view c
WHERE
    um.comment_id = c.id;

CREATE VIEW user_mention_mview AS
with all_comment AS (
    SELECT
        ca.*
    FROM
        comment_aggregates_mview ca
)
SELECT
    ac.id,
    um.id AS user_mention_id,
    ac.creator_id,
    ac.post_id,
    ac.parent_id,
    ac.content,
    ac.removed,
    um.read,
    ac.published,
    ac.updated,
    ac.deleted,
    ac.community_id,
    ac.community_name,
    ac.banned,
    ac.banned_from_community,
    ac.creator_name,
    ac.creator_avatar,
    ac.score,
    ac.upvotes,
    ac.downvotes,
    ac.hot_rank,
    u.id AS user_id,
    coalesce(cl.score, 0) AS my_vote,
    (
        SELECT
            cs.id::bool
        FROM
            comment_saved cs
        WHERE
            u.id = cs.user_id
            AND cs.comment_id = ac.id) AS saved,
    um.recipient_id
FROM
    user_ u
    CROSS JOIN all_comment ac
    LEFT JOIN comment_like cl ON u.id = cl.user_id
        AND ac.id = cl.comment_id
    LEFT JOIN user_mention um ON um.comment_id = ac.id
UNION ALL
SELECT
    ac.id,
    um.id AS user_mention_id,
    ac.creator_id,
    ac.post_id,
    ac.parent_id,
    ac.content,
    ac.removed,
    um.read,
    ac.published,
    ac.updated,
    ac.deleted,
    ac.community_id,
    ac.community_name,
    ac.banned,
    ac.banned_from_community,
    ac.creator_name,
    ac.creator_avatar,
    ac.score,
    ac.upvotes,
    ac.downvotes,
    ac.hot_rank,
    NULL AS user_id,
    NULL AS my_vote,
    NULL AS saved,
    um.recipient_id
FROM
    all_comment ac
    LEFT JOIN user_mention um ON um.comment_id = ac.id;

;
-- ===== migrations/2020-02-08-145624_add_post_newest_activity_time/up.sql
-- Adds a newest_activity_time for the post_views, in order to sort by newest comment
DROP VIEW post_view;

DROP VIEW post_mview;

DROP MATERIALIZED VIEW post_aggregates_mview;

DROP VIEW post_aggregates_view;

-- regen post view
CREATE VIEW post_aggregates_view AS
SELECT
    p.*,
    (
        SELECT
            u.banned
        FROM
            user_ u
        WHERE
            p.creator_id = u.id) AS banned,
    (
        SELECT
            cb.id::bool
        FROM
            community_user_ban cb
        WHERE
            p.creator_id = cb.user_id
            AND p.community_id = cb.community_id) AS banned_from_community,
    (
        SELECT
            name
        FROM
            user_
        WHERE
            p.creator_id = user_.id) AS creator_name,
    (
        SELECT
            avatar
        FROM
            user_
        WHERE
            p.creator_id = user_.id) AS creator_avatar,
    (
        SELECT
            name
        FROM
            community
        WHERE
            p.community_id = community.id) AS community_name,
    (
        SELECT
            removed
        FROM
            community c
        WHERE
            p.community_id = c.id) AS community_removed,
    (
        SELECT
            deleted
        FROM
            community c
        WHERE
            p.community_id = c.id) AS community_deleted,
    (
        SELECT
            nsfw
        FROM
            community c
        WHERE
            p.community_id = c.id) AS community_nsfw,
    (
        SELECT
            count(*)
        FROM
            comment
        WHERE
            comment.post_id = p.id) AS number_of_comments,
    coalesce(sum(pl.score), 0) AS score,
    count(
        CASE WHEN pl.score = 1 THEN
            1
        ELSE
            NULL
        END) AS upvotes,
    count(
        CASE WHEN pl.score = -1 THEN
            1
        ELSE
            NULL
        END) AS downvotes,
    hot_rank (coalesce(sum(pl.score), 0), (
            CASE WHEN (p.published < ('now'::timestamp - '1 month'::interval)) THEN
                p.published -- Prevents necro-bumps
            ELSE
                greatest (c.recent_comment_time, p.published)
            END)) AS hot_rank,
    (
        CASE WHEN (p.published < ('now'::timestamp - '1 month'::interval)) THEN
            p.published -- Prevents necro-bumps
        ELSE
            greatest (c.recent_comment_time, p.published)
        END) AS newest_activity_time
FROM
    post p
    LEFT JOIN post_like pl ON p.id = pl.post_id
    LEFT JOIN (
        SELECT
            post_id,
            max(published) AS recent_comment_time
        FROM
            comment
        GROUP BY
            1) c ON p.id = c.post_id
GROUP BY
    p.id,
    c.recent_comment_time;

CREATE MATERIALIZED VIEW post_aggregates_mview AS
SELECT
    *
FROM
    post_aggregates_view;

CREATE UNIQUE INDEX idx_post_aggregates_mview_id ON post_aggregates_mview (id);

CREATE VIEW post_view AS
with all_post AS (
    SELECT
        pa.*
    FROM
        post_aggregates_view pa
)
SELECT
    ap.*,
    u.id AS user_id,
    coalesce(pl.score, 0) AS my_vote,
    (
        SELECT
            cf.id::bool
        FROM
            community_follower cf
        WHERE
            u.id = cf.user_id
            AND cf.community_id = ap.community_id) AS subscribed,
    (
        SELECT
            pr.id::bool
        FROM
            post_read pr
        WHERE
            u.id = pr.user_id
            AND pr.post_id = ap.id) AS read,
    (
        SELECT
            ps.id::bool
        FROM
            post_saved ps
        WHERE
            u.id = ps.user_id
            AND ps.post_id = ap.id) AS saved
FROM
    user_ u
    CROSS JOIN all_post ap
    LEFT JOIN post_like pl ON u.id = pl.user_id
        AND ap.id = pl.post_id
    UNION ALL
    SELECT
        ap.*,
        NULL AS user_id,
        NULL AS my_vote,
        NULL AS subscribed,
        NULL AS read,
        NULL AS saved
    FROM
        all_post ap;

CREATE VIEW post_mview AS
with all_post AS (
    SELECT
        pa.*
    FROM
        post_aggregates_mview pa
)
SELECT
    ap.*,
    u.id AS user_id,
    coalesce(pl.score, 0) AS my_vote,
    (
        SELECT
            cf.id::bool
        FROM
            community_follower cf
        WHERE
            u.id = cf.user_id
            AND cf.community_id = ap.community_id) AS subscribed,
    (
        SELECT
            pr.id::bool
        FROM
            post_read pr
        WHERE
            u.id = pr.user_id
            AND pr.post_id = ap.id) AS read,
    (
        SELECT
            ps.id::bool
        FROM
            post_saved ps
        WHERE
            u.id = ps.user_id
            AND ps.post_id = ap.id) AS saved
FROM
    user_ u
    CROSS JOIN all_post ap
    LEFT JOIN post_like pl ON u.id = pl.user_id
        AND ap.id = pl.post_id
    UNION ALL
    SELECT
        ap.*,
        NULL AS user_id,
        NULL AS my_vote,
        NULL AS subscribed,
        NULL AS read,
        NULL AS saved
    FROM
        all_post ap;

;
-- ===== migrations/2020-03-06-202329_add_post_iframely_data/up.sql
-- Add the columns
ALTER TABLE post
    ADD COLUMN embed_title text;

ALTER TABLE post
    ADD COLUMN embed_description text;

ALTER TABLE post
    ADD COLUMN embed_html text;

ALTER TABLE post
    ADD COLUMN thumbnail_url text;

-- Regenerate the views
-- Adds a newest_activity_time for the post_views, in order to sort by newest comment
DROP VIEW post_view;

DROP VIEW post_mview;

DROP MATERIALIZED VIEW post_aggregates_mview;

DROP VIEW post_aggregates_view;

-- regen post view
CREATE VIEW post_aggregates_view AS
SELECT
    p.*,
    (
        SELECT
            u.banned
        FROM
            user_ u
        WHERE
            p.creator_id = u.id) AS banned,
    (
        SELECT
            cb.id::bool
        FROM
            community_user_ban cb
        WHERE
            p.creator_id = cb.user_id
            AND p.community_id = cb.community_id) AS banned_from_community,
    (
        SELECT
            name
        FROM
            user_
        WHERE
            p.creator_id = user_.id) AS creator_name,
    (
        SELECT
            avatar
        FROM
            user_
        WHERE
            p.creator_id = user_.id) AS creator_avatar,
    (
        SELECT
            name
        FROM
            community
        WHERE
            p.community_id = community.id) AS community_name,
    (
        SELECT
            removed
        FROM
            community c
        WHERE
            p.community_id = c.id) AS community_removed,
    (
        SELECT
            deleted
        FROM
            community c
        WHERE
            p.community_id = c.id) AS community_deleted,
    (
        SELECT
            nsfw
        FROM
            community c
        WHERE
            p.community_id = c.id) AS community_nsfw,
    (
        SELECT
            count(*)
        FROM
            comment
        WHERE
            comment.post_id = p.id) AS number_of_comments,
    coalesce(sum(pl.score), 0) AS score,
    count(
        CASE WHEN pl.score = 1 THEN
            1
        ELSE
            NULL
        END) AS upvotes,
    count(
        CASE WHEN pl.score = -1 THEN
            1
        ELSE
            NULL
        END) AS downvotes,
    hot_rank (coalesce(sum(pl.score), 0), (
            CASE WHEN (p.published < ('now'::timestamp - '1 month'::interval)) THEN
                p.published -- Prevents necro-bumps
            ELSE
                greatest (c.recent_comment_time, p.published)
            END)) AS hot_rank,
    (
        CASE WHEN (p.published < ('now'::timestamp - '1 month'::interval)) THEN
            p.published -- Prevents necro-bumps
        ELSE
            greatest (c.recent_comment_time, p.published)
        END) AS newest_activity_time
FROM
    post p
    LEFT JOIN post_like pl ON p.id = pl.post_id
    LEFT JOIN (
        SELECT
            post_id,
            max(published) AS recent_comment_time
        FROM
            comment
        GROUP BY
            1) c ON p.id = c.post_id
GROUP BY
    p.id,
    c.recent_comment_time;

CREATE MATERIALIZED VIEW post_aggregates_mview AS
SELECT
    *
FROM
    post_aggregates_view;

CREATE UNIQUE INDEX idx_post_aggregates_mview_id ON post_aggregates_mview (id);

CREATE VIEW post_view AS
with all_post AS (
    SELECT
        pa.*
    FROM
        post_aggregates_view pa
)
SELECT
    ap.*,
    u.id AS user_id,
    coalesce(pl.score, 0) AS my_vote,
    (
        SELECT
            cf.id::bool
        FROM
            community_follower cf
        WHERE
            u.id = cf.user_id
            AND cf.community_id = ap.community_id) AS subscribed,
    (
        SELECT
            pr.id::bool
        FROM
            post_read pr
        WHERE
            u.id = pr.user_id
            AND pr.post_id = ap.id) AS read,
    (
        SELECT
            ps.id::bool
        FROM
            post_saved ps
        WHERE
            u.id = ps.user_id
            AND ps.post_id = ap.id) AS saved
FROM
    user_ u
    CROSS JOIN all_post ap
    LEFT JOIN post_like pl ON u.id = pl.user_id
        AND ap.id = pl.post_id
    UNION ALL
    SELECT
        ap.*,
        NULL AS user_id,
        NULL AS my_vote,
        NULL AS subscribed,
        NULL AS read,
        NULL AS saved
    FROM
        all_post ap;

CREATE VIEW post_mview AS
with all_post AS (
    SELECT
        pa.*
    FROM
        post_aggregates_mview pa
)
SELECT
    ap.*,
    u.id AS user_id,
    coalesce(pl.score, 0) AS my_vote,
    (
        SELECT
            cf.id::bool
        FROM
            community_follower cf
        WHERE
            u.id = cf.user_id
            AND cf.community_id = ap.community_id) AS subscribed,
    (
        SELECT
            pr.id::bool
        FROM
            post_read pr
        WHERE
            u.id = pr.user_id
            AND pr.post_id = ap.id) AS read,
    (
        SELECT
            ps.id::bool
        FROM
            post_saved ps
        WHERE
            u.id = ps.user_id
            AND ps.post_id = ap.id) AS saved
FROM
    user_ u
    CROSS JOIN all_post ap
    LEFT JOIN post_like pl ON u.id = pl.user_id
        AND ap.id = pl.post_id
    UNION ALL
    SELECT
        ap.*,
        NULL AS user_id,
        NULL AS my_vote,
        NULL AS subscribed,
        NULL AS read,
        NULL AS saved
    FROM
        all_post ap;

;
-- ===== migrations/2020-03-26-192410_add_activitypub_tables/up.sql
-- The Activitypub activity table
-- All user actions must create a row here.
CREATE TABLE activity (
    id serial PRIMARY KEY,
    user_id int REFERENCES user_ ON UPDATE CASCADE ON DELETE CASCADE NOT NULL, -- Ensures that the user is set up here.
    data jsonb NOT NULL,
    local boolean NOT NULL DEFAULT TRUE,
    published timestamp NOT NULL DEFAULT now(),
    updated timestamp
);

-- Making sure that id is unique
CREATE UNIQUE INDEX idx_activity_unique_apid ON activity ((data ->> 'id'::text));

-- Add federation columns to the two actor tables
ALTER TABLE user_
-- TODO uniqueness constraints should be added on these 3 columns later
    ADD COLUMN actor_id character varying(255) NOT NULL DEFAULT 'http://fake.com', -- This needs to be checked and updated in code, building from the site url if local
    ADD COLUMN bio text, -- not on community, already has description
    ADD COLUMN local boolean NOT NULL DEFAULT TRUE,
    ADD COLUMN private_key text, -- These need to be generated from code
    ADD COLUMN public_key text,
    ADD COLUMN last_refreshed_at timestamp NOT NULL DEFAULT now() -- Used to re-fetch federated actor periodically
;

-- Community
ALTER TABLE community
    ADD COLUMN actor_id character varying(255) NOT NULL DEFAULT 'http://fake.com', -- This needs to be checked and updated in code, building from the site url if local
    ADD COLUMN local boolean NOT NULL DEFAULT TRUE,
    ADD COLUMN private_key text, -- These need to be generated from code
    ADD COLUMN public_key text,
    ADD COLUMN last_refreshed_at timestamp NOT NULL DEFAULT now() -- Used to re-fetch federated actor periodically
;

-- Don't worry about rebuilding the views right now.
;
-- ===== migrations/2020-04-03-194936_add_activitypub_for_posts_and_comments/up.sql
-- Add federation columns to post, comment
ALTER TABLE post
-- TODO uniqueness constraints should be added on these 3 columns later
    ADD COLUMN ap_id character varying(255) NOT NULL DEFAULT 'http://fake.com', -- This needs to be checked and updated in code, building from the site url if local
    ADD COLUMN local boolean NOT NULL DEFAULT TRUE;

ALTER TABLE comment
-- TODO uniqueness constraints should be added on these 3 columns later
    ADD COLUMN ap_id character varying(255) NOT NULL DEFAULT 'http://fake.com', -- This needs to be checked and updated in code, building from the site url if local
    ADD COLUMN local boolean NOT NULL DEFAULT TRUE;

;
-- ===== migrations/2020-04-07-135912_add_user_community_apub_constraints/up.sql
-- User table
-- Need to regenerate user_view, user_mview
DROP VIEW user_view CASCADE;

-- Remove the fedi_name constraint, drop that useless column
ALTER TABLE user_
    DROP CONSTRAINT user__name_fedi_name_key;

ALTER TABLE user_
    DROP COLUMN fedi_name;

-- Community
ALTER TABLE community
    DROP CONSTRAINT community_name_key;

CREATE VIEW user_view AS
SELECT
    u.id,
    u.name,
    u.avatar,
    u.email,
    u.matrix_user_id,
    u.admin,
    u.banned,
    u.show_avatars,
    u.send_notifications_to_email,
    u.published,
    (
        SELECT
            count(*)
        FROM
            post p
        WHERE
            p.creator_id = u.id) AS number_of_posts,
    (
        SELECT
            coalesce(sum(score), 0)
        FROM
            post p,
            post_like pl
        WHERE
            u.id = p.creator_id
            AND p.id = pl.post_id) AS post_score,
    (
        SELECT
            count(*)
        FROM
            comment c
        WHERE
            c.creator_id = u.id) AS number_of_comments,
    (
        SELECT
            coalesce(sum(score), 0)
        FROM
            comment c,
            comment_like cl
        WHERE
            u.id = c.creator_id
            AND c.id = cl.comment_id) AS comment_score
FROM
    user_ u;

CREATE MATERIALIZED VIEW user_mview AS
SELECT
    *
FROM
    user_view;

CREATE UNIQUE INDEX idx_user_mview_id ON user_mview (id);

;
-- ===== migrations/2020-04-14-163701_update_views_for_activitypub/up.sql
-- user_view
DROP VIEW user_view CASCADE;

CREATE VIEW user_view AS
SELECT
    u.id,
    u.actor_id,
    u.name,
    u.avatar,
    u.email,
    u.matrix_user_id,
    u.bio,
    u.local,
    u.admin,
    u.banned,
    u.show_avatars,
    u.send_notifications_to_email,
    u.published,
    (
        SELECT
            count(*)
        FROM
            post p
        WHERE
            p.creator_id = u.id) AS number_of_posts,
    (
        SELECT
            coalesce(sum(score), 0)
        FROM
            post p,
            post_like pl
        WHERE
            u.id = p.creator_id
            AND p.id = pl.post_id) AS post_score,
    (
        SELECT
            count(*)
        FROM
            comment c
        WHERE
            c.creator_id = u.id) AS number_of_comments,
    (
        SELECT
            coalesce(sum(score), 0)
        FROM
            comment c,
            comment_like cl
        WHERE
            u.id = c.creator_id
            AND c.id = cl.comment_id) AS comment_score
FROM
    user_ u;

CREATE MATERIALIZED VIEW user_mview AS
SELECT
    *
FROM
    user_view;

CREATE UNIQUE INDEX idx_user_mview_id ON user_mview (id);

-- community_view
DROP VIEW community_aggregates_view CASCADE;

CREATE VIEW community_aggregates_view AS
-- Now that there's public and private keys, you have to be explicit here
SELECT
    c.id,
    c.name,
    c.title,
    c.description,
    c.category_id,
    c.creator_id,
    c.removed,
    c.published,
    c.updated,
    c.deleted,
    c.nsfw,
    c.actor_id,
    c.local,
    c.last_refreshed_at,
    (
        SELECT
            actor_id
        FROM
            user_ u
        WHERE
            c.creator_id = u.id) AS creator_actor_id,
    (
        SELECT
            local
        FROM
            user_ u
        WHERE
            c.creator_id = u.id) AS creator_local,
    (
        SELECT
            name
        FROM
            user_ u
        WHERE
            c.creator_id = u.id) AS creator_name,
    (
        SELECT
            avatar
        FROM
            user_ u
        WHERE
            c.creator_id = u.id) AS creator_avatar,
    (
        SELECT
            name
        FROM
            category ct
        WHERE
            c.category_id = ct.id) AS category_name,
    (
        SELECT
            count(*)
        FROM
            community_follower cf
        WHERE
            cf.community_id = c.id) AS number_of_subscribers,
    (
        SELECT
            count(*)
        FROM
            post p
        WHERE
            p.community_id = c.id) AS number_of_posts,
    (
        SELECT
            count(*)
        FROM
            comment co,
            post p
        WHERE
            c.id = p.community_id
            AND p.id = co.post_id) AS number_of_comments,
    hot_rank ((
        SELECT
            count(*)
        FROM community_follower cf
        WHERE
            cf.community_id = c.id), c.published) AS hot_rank
FROM
    community c;

CREATE MATERIALIZED VIEW community_aggregates_mview AS
SELECT
    *
FROM
    community_aggregates_view;

CREATE UNIQUE INDEX idx_community_aggregates_mview_id ON community_aggregates_mview (id);

CREATE VIEW community_view AS
with all_community AS (
    SELECT
        ca.*
    FROM
        community_aggregates_view ca
)
SELECT
    ac.*,
    u.id AS user_id,
    (
        SELECT
            cf.id::boolean
        FROM
            community_follower cf
        WHERE
            u.id = cf.user_id
            AND ac.id = cf.community_id) AS subscribed
FROM
    user_ u
    CROSS JOIN all_community ac
UNION ALL
SELECT
    ac.*,
    NULL AS user_id,
    NULL AS subscribed
FROM
    all_community ac;

CREATE VIEW community_mview AS
with all_community AS (
    SELECT
        ca.*
    FROM
        community_aggregates_mview ca
)
SELECT
    ac.*,
    u.id AS user_id,
    (
        SELECT
            cf.id::boolean
        FROM
            community_follower cf
        WHERE
            u.id = cf.user_id
            AND ac.id = cf.community_id) AS subscribed
FROM
    user_ u
    CROSS JOIN all_community ac
UNION ALL
SELECT
    ac.*,
    NULL AS user_id,
    NULL AS subscribed
FROM
    all_community ac;

-- community views
DROP VIEW community_moderator_view;

DROP VIEW community_follower_view;

DROP VIEW community_user_ban_view;

CREATE VIEW community_moderator_view AS
SELECT
    *,
    (
        SELECT
            actor_id
        FROM
            user_ u
        WHERE
            cm.user_id = u.id) AS user_actor_id,
    (
        SELECT
            local
        FROM
            user_ u
        WHERE
            cm.user_id = u.id) AS user_local,
    (
        SELECT
            name
        FROM
            user_ u
        WHERE
            cm.user_id = u.id) AS user_name,
    (
        SELECT
            avatar
        FROM
            user_ u
        WHERE
            cm.user_id = u.id), (
        SELECT
            actor_id
        FROM
            community c
        WHERE
            cm.community_id = c.id) AS community_actor_id,
    (
        SELECT
            local
        FROM
            community c
        WHERE
            cm.community_id = c.id) AS community_local,
    (
        SELECT
            name
        FROM
            community c
        WHERE
            cm.community_id = c.id) AS community_name
FROM
    community_moderator cm;

CREATE VIEW community_follower_view AS
SELECT
    *,
    (
        SELECT
            actor_id
        FROM
            user_ u
        WHERE
            cf.user_id = u.id) AS user_actor_id,
    (
        SELECT
            local
        FROM
            user_ u
        WHERE
            cf.user_id = u.id) AS user_local,
    (
        SELECT
            name
        FROM
            user_ u
        WHERE
            cf.user_id = u.id) AS user_name,
    (
        SELECT
            avatar
        FROM
            user_ u
        WHERE
            cf.user_id = u.id), (
        SELECT
            actor_id
        FROM
            community c
        WHERE
            cf.community_id = c.id) AS community_actor_id,
    (
        SELECT
            local
        FROM
            community c
        WHERE
            cf.community_id = c.id) AS community_local,
    (
        SELECT
            name
        FROM
            community c
        WHERE
            cf.community_id = c.id) AS community_name
FROM
    community_follower cf;

CREATE VIEW community_user_ban_view AS
SELECT
    *,
    (
        SELECT
            actor_id
        FROM
            user_ u
        WHERE
            cm.user_id = u.id) AS user_actor_id,
    (
        SELECT
            local
        FROM
            user_ u
        WHERE
            cm.user_id = u.id) AS user_local,
    (
        SELECT
            name
        FROM
            user_ u
        WHERE
            cm.user_id = u.id) AS user_name,
    (
        SELECT
            avatar
        FROM
            user_ u
        WHERE
            cm.user_id = u.id), (
        SELECT
            actor_id
        FROM
            community c
        WHERE
            cm.community_id = c.id) AS community_actor_id,
    (
        SELECT
            local
        FROM
            community c
        WHERE
            cm.community_id = c.id) AS community_local,
    (
        SELECT
            name
        FROM
            community c
        WHERE
            cm.community_id = c.id) AS community_name
FROM
    community_user_ban cm;

-- post_view
DROP VIEW post_view;

DROP VIEW post_mview;

DROP MATERIALIZED VIEW post_aggregates_mview;

DROP VIEW post_aggregates_view;

-- regen post view
CREATE VIEW post_aggregates_view AS
SELECT
    p.*,
    (
        SELECT
            u.banned
        FROM
            user_ u
        WHERE
            p.creator_id = u.id) AS banned,
    (
        SELECT
            cb.id::bool
        FROM
            community_user_ban cb
        WHERE
            p.creator_id = cb.user_id
            AND p.community_id = cb.community_id) AS banned_from_community,
    (
        SELECT
            actor_id
        FROM
            user_
        WHERE
            p.creator_id = user_.id) AS creator_actor_id,
    (
        SELECT
            local
        FROM
            user_
        WHERE
            p.creator_id = user_.id) AS creator_local,
    (
        SELECT
            name
        FROM
            user_
        WHERE
            p.creator_id = user_.id) AS creator_name,
    (
        SELECT
            avatar
        FROM
            user_
        WHERE
            p.creator_id = user_.id) AS creator_avatar,
    (
        SELECT
            actor_id
        FROM
            community
        WHERE
            p.community_id = community.id) AS community_actor_id,
    (
        SELECT
            local
        FROM
            community
        WHERE
            p.community_id = community.id) AS community_local,
    (
        SELECT
            name
        FROM
            community
        WHERE
            p.community_id = community.id) AS community_name,
    (
        SELECT
            removed
        FROM
            community c
        WHERE
            p.community_id = c.id) AS community_removed,
    (
        SELECT
            deleted
        FROM
            community c
        WHERE
            p.community_id = c.id) AS community_deleted,
    (
        SELECT
            nsfw
        FROM
            community c
        WHERE
            p.community_id = c.id) AS community_nsfw,
    (
        SELECT
            count(*)
        FROM
            comment
        WHERE
            comment.post_id = p.id) AS number_of_comments,
    coalesce(sum(pl.score), 0) AS score,
    count(
        CASE WHEN pl.score = 1 THEN
            1
        ELSE
            NULL
        END) AS upvotes,
    count(
        CASE WHEN pl.score = -1 THEN
            1
        ELSE
            NULL
        END) AS downvotes,
    hot_rank (coalesce(sum(pl.score), 0), (
            CASE WHEN (p.published < ('now'::timestamp - '1 month'::interval)) THEN
                p.published -- Prevents necro-bumps
            ELSE
                greatest (c.recent_comment_time, p.published)
            END)) AS hot_rank,
    (
        CASE WHEN (p.published < ('now'::timestamp - '1 month'::interval)) THEN
            p.published -- Prevents necro-bumps
        ELSE
            greatest (c.recent_comment_time, p.published)
        END) AS newest_activity_time
FROM
    post p
    LEFT JOIN post_like pl ON p.id = pl.post_id
    LEFT JOIN (
        SELECT
            post_id,
            max(published) AS recent_comment_time
        FROM
            comment
        GROUP BY
            1) c ON p.id = c.post_id
GROUP BY
    p.id,
    c.recent_comment_time;

CREATE MATERIALIZED VIEW post_aggregates_mview AS
SELECT
    *
FROM
    post_aggregates_view;

CREATE UNIQUE INDEX idx_post_aggregates_mview_id ON post_aggregates_mview (id);

CREATE VIEW post_view AS
with all_post AS (
    SELECT
        pa.*
    FROM
        post_aggregates_view pa
)
SELECT
    ap.*,
    u.id AS user_id,
    coalesce(pl.score, 0) AS my_vote,
    (
        SELECT
            cf.id::bool
        FROM
            community_follower cf
        WHERE
            u.id = cf.user_id
            AND cf.community_id = ap.community_id) AS subscribed,
    (
        SELECT
            pr.id::bool
        FROM
            post_read pr
        WHERE
            u.id = pr.user_id
            AND pr.post_id = ap.id) AS read,
    (
        SELECT
            ps.id::bool
        FROM
            post_saved ps
        WHERE
            u.id = ps.user_id
            AND ps.post_id = ap.id) AS saved
FROM
    user_ u
    CROSS JOIN all_post ap
    LEFT JOIN post_like pl ON u.id = pl.user_id
        AND ap.id = pl.post_id
    UNION ALL
    SELECT
        ap.*,
        NULL AS user_id,
        NULL AS my_vote,
        NULL AS subscribed,
        NULL AS read,
        NULL AS saved
    FROM
        all_post ap;

CREATE VIEW post_mview AS
with all_post AS (
    SELECT
        pa.*
    FROM
        post_aggregates_mview pa
)
SELECT
    ap.*,
    u.id AS user_id,
    coalesce(pl.score, 0) AS my_vote,
    (
        SELECT
            cf.id::bool
        FROM
            community_follower cf
        WHERE
            u.id = cf.user_id
            AND cf.community_id = ap.community_id) AS subscribed,
    (
        SELECT
            pr.id::bool
        FROM
            post_read pr
        WHERE
            u.id = pr.user_id
            AND pr.post_id = ap.id) AS read,
    (
        SELECT
            ps.id::bool
        FROM
            post_saved ps
        WHERE
            u.id = ps.user_id
            AND ps.post_id = ap.id) AS saved
FROM
    user_ u
    CROSS JOIN all_post ap
    LEFT JOIN post_like pl ON u.id = pl.user_id
        AND ap.id = pl.post_id
    UNION ALL
    SELECT
        ap.*,
        NULL AS user_id,
        NULL AS my_vote,
        NULL AS subscribed,
        NULL AS read,
        NULL AS saved
    FROM
        all_post ap;

-- reply_view, comment_view, user_mention
DROP VIEW reply_view;

DROP VIEW user_mention_view;

DROP VIEW user_mention_mview;

DROP VIEW comment_view;

DROP VIEW comment_mview;

DROP MATERIALIZED VIEW comment_aggregates_mview;

DROP VIEW comment_aggregates_view;

-- reply and comment view
CREATE VIEW comment_aggregates_view AS
SELECT
    c.*,
    (
        SELECT
            community_id
        FROM
            post p
        WHERE
            p.id = c.post_id), (
        SELECT
            co.actor_id
        FROM
            post p,
            community co
        WHERE
            p.id = c.post_id
            AND p.community_id = co.id) AS community_actor_id,
    (
        SELECT
            co.local
        FROM
            post p,
            community co
        WHERE
            p.id = c.post_id
            AND p.community_id = co.id) AS community_local,
    (
        SELECT
            co.name
        FROM
            post p,
            community co
        WHERE
            p.id = c.post_id
            AND p.community_id = co.id) AS community_name,
    (
        SELECT
            u.banned
        FROM
            user_ u
        WHERE
            c.creator_id = u.id) AS banned,
    (
        SELECT
            cb.id::bool
        FROM
            community_user_ban cb,
            post p
        WHERE
            c.creator_id = cb.user_id
            AND p.id = c.post_id
            AND p.community_id = cb.community_id) AS banned_from_community,
    (
        SELECT
            actor_id
        FROM
            user_
        WHERE
            c.creator_id = user_.id) AS creator_actor_id,
    (
        SELECT
            local
        FROM
            user_
        WHERE
            c.creator_id = user_.id) AS creator_local,
    (
        SELECT
            name
        FROM
            user_
        WHERE
            c.creator_id = user_.id) AS creator_name,
    (
        SELECT
            avatar
        FROM
            user_
        WHERE
            c.creator_id = user_.id) AS creator_avatar,
    coalesce(sum(cl.score), 0) AS score,
    count(
        CASE WHEN cl.score = 1 THEN
            1
        ELSE
            NULL
        END) AS upvotes,
    count(
        CASE WHEN cl.score = -1 THEN
            1
        ELSE
            NULL
        END) AS downvotes,
    hot_rank (coalesce(sum(cl.score), 0), c.published) AS hot_rank
FROM
    comment c
    LEFT JOIN comment_like cl ON c.id = cl.comment_id
GROUP BY
    c.id;

CREATE MATERIALIZED VIEW comment_aggregates_mview AS
SELECT
    *
FROM
    comment_aggregates_view;

CREATE UNIQUE INDEX idx_comment_aggregates_mview_id ON comment_aggregates_mview (id);

CREATE VIEW comment_view AS
with all_comment AS (
    SELECT
        ca.*
    FROM
        comment_aggregates_view ca
)
SELECT
    ac.*,
    u.id AS user_id,
    coalesce(cl.score, 0) AS my_vote,
    (
        SELECT
            cf.id::boolean
        FROM
            community_follower cf
        WHERE
            u.id = cf.user_id
            AND ac.community_id = cf.community_id) AS subscribed,
    (
        SELECT
            cs.id::bool
        FROM
            comment_saved cs
        WHERE
            u.id = cs.user_id
            AND cs.comment_id = ac.id) AS saved
FROM
    user_ u
    CROSS JOIN all_comment ac
    LEFT JOIN comment_like cl ON u.id = cl.user_id
        AND ac.id = cl.comment_id
    UNION ALL
    SELECT
        ac.*,
        NULL AS user_id,
        NULL AS my_vote,
        NULL AS subscribed,
        NULL AS saved
    FROM
        all_comment ac;

CREATE VIEW comment_mview AS
with all_comment AS (
    SELECT
        ca.*
    FROM
        comment_aggregates_mview ca
)
SELECT
    ac.*,
    u.id AS user_id,
    coalesce(cl.score, 0) AS my_vote,
    (
        SELECT
            cf.id::boolean
        FROM
            community_follower cf
        WHERE
            u.id = cf.user_id
            AND ac.community_id = cf.community_id) AS subscribed,
    (
        SELECT
            cs.id::bool
        FROM
            comment_saved cs
        WHERE
            u.id = cs.user_id
            AND cs.comment_id = ac.id) AS saved
FROM
    user_ u
    CROSS JOIN all_comment ac
    LEFT JOIN comment_like cl ON u.id = cl.user_id
        AND ac.id = cl.comment_id
    UNION ALL
    SELECT
        ac.*,
        NULL AS user_id,
        NULL AS my_vote,
        NULL AS subscribed,
        NULL AS saved
    FROM
        all_comment ac;

-- Do the reply_view referencing the comment_mview
CREATE VIEW reply_view AS
with closereply AS (
    SELECT
        c2.id,
        c2.creator_id AS sender_id,
        c.creator_id AS recipient_id
    FROM
        comment c
        INNER JOIN comment c2 ON c.id = c2.parent_id
    WHERE
        c2.creator_id != c.creator_id
        -- Do union where post is null
    UNION
    SELECT
        c.id,
        c.creator_id AS sender_id,
        p.creator_id AS recipient_id
    FROM
        comment c,
        post p
    WHERE
        c.post_id = p.id
        AND c.parent_id IS NULL
        AND c.creator_id != p.creator_id
)
SELECT
    cv.*,
    closereply.recipient_id
FROM
    comment_mview cv,
    closereply
WHERE
    closereply.id = cv.id;

-- user mention
CREATE VIEW user_mention_view AS
SELECT
    c.id,
    um.id AS user_mention_id,
    c.creator_id,
    c.creator_actor_id,
    c.creator_local,
    c.post_id,
    c.parent_id,
    c.content,
    c.removed,
    um.read,
    c.published,
    c.updated,
    c.deleted,
    c.community_id,
    c.community_actor_id,
    c.community_local,
    c.community_name,
    c.banned,
    c.banned_from_community,
    c.creator_name,
    c.creator_avatar,
    c.score,
    c.upvotes,
    c.downvotes,
    c.hot_rank,
    c.user_id,
    c.my_vote,
    c.saved,
    um.recipient_id,
    (
        SELECT
            actor_id
        FROM
            user_ u
        WHERE
            u.id = um.recipient_id) AS recipient_actor_id,
    (
        SELECT
            local
        FROM
            user_ u
        WHERE
            u.id = um.recipient_id) AS recipient_local
FROM
    user_mention um,
    comment_view c
WHERE
    um.comment_id = c.id;

CREATE VIEW user_mention_mview AS
with all_comment AS (
    SELECT
        ca.*
    FROM
        comment_aggregates_mview ca
)
SELECT
    ac.id,
    um.id AS user_mention_id,
    ac.creator_id,
    ac.creator_actor_id,
    ac.creator_local,
    ac.post_id,
    ac.parent_id,
    ac.content,
    ac.removed,
    um.read,
    ac.published,
    ac.updated,
    ac.deleted,
    ac.community_id,
    ac.community_actor_id,
    ac.community_local,
    ac.community_name,
    ac.banned,
    ac.banned_from_community,
    ac.creator_name,
    ac.creator_avatar,
    ac.score,
    ac.upvotes,
    ac.downvotes,
    ac.hot_rank,
    u.id AS user_id,
    coalesce(cl.score, 0) AS my_vote,
    (
        SELECT
            cs.id::bool
        FROM
            comment_saved cs
        WHERE
            u.id = cs.user_id
            AND cs.comment_id = ac.id) AS saved,
    um.recipient_id,
    (
        SELECT
            actor_id
        FROM
            user_ u
        WHERE
            u.id = um.recipient_id) AS recipient_actor_id,
    (
        SELECT
            local
        FROM
            user_ u
        WHERE
            u.id = um.recipient_id) AS recipient_local
FROM
    user_ u
    CROSS JOIN all_comment ac
    LEFT JOIN comment_like cl ON u.id = cl.user_id
        AND ac.id = cl.comment_id
    LEFT JOIN user_mention um ON um.comment_id = ac.id
UNION ALL
SELECT
    ac.id,
    um.id AS user_mention_id,
    ac.creator_id,
    ac.creator_actor_id,
    ac.creator_local,
    ac.post_id,
    ac.parent_id,
    ac.content,
    ac.removed,
    um.read,
    ac.published,
    ac.updated,
    ac.deleted,
    ac.community_id,
    ac.community_actor_id,
    ac.community_local,
    ac.community_name,
    ac.banned,
    ac.banned_from_community,
    ac.creator_name,
    ac.creator_avatar,
    ac.score,
    ac.upvotes,
    ac.downvotes,
    ac.hot_rank,
    NULL AS user_id,
    NULL AS my_vote,
    NULL AS saved,
    um.recipient_id,
    (
        SELECT
            actor_id
        FROM
            user_ u
        WHERE
            u.id = um.recipient_id) AS recipient_actor_id,
    (
        SELECT
            local
        FROM
            user_ u
        WHERE
            u.id = um.recipient_id) AS recipient_local
FROM
    all_comment ac
    LEFT JOIN user_mention um ON um.comment_id = ac.id;

;
-- ===== migrations/2020-04-21-123957_remove_unique_user_constraints/up.sql
DROP INDEX idx_user_name_lower;

CREATE UNIQUE INDEX idx_user_name_lower_actor_id ON user_ (lower(name), lower(actor_id));

;
-- ===== migrations/2020-05-05-210233_add_activitypub_for_private_messages/up.sql
ALTER TABLE private_message
    ADD COLUMN ap_id character varying(255) NOT NULL DEFAULT 'http://fake.com', -- This needs to be checked and updated in code, building from the site url if local
    ADD COLUMN local boolean NOT NULL DEFAULT TRUE;

DROP MATERIALIZED VIEW private_message_mview;

DROP VIEW private_message_view;

CREATE VIEW private_message_view AS
SELECT
    pm.*,
    u.name AS creator_name,
    u.avatar AS creator_avatar,
    u.actor_id AS creator_actor_id,
    u.local AS creator_local,
    u2.name AS recipient_name,
    u2.avatar AS recipient_avatar,
    u2.actor_id AS recipient_actor_id,
    u2.local AS recipient_local
FROM
    private_message pm
    INNER JOIN user_ u ON u.id = pm.creator_id
    INNER JOIN user_ u2 ON u2.id = pm.recipient_id;

CREATE MATERIALIZED VIEW private_message_mview AS
SELECT
    *
FROM
    private_message_view;

CREATE UNIQUE INDEX idx_private_message_mview_id ON private_message_mview (id);

;
-- ===== migrations/2020-06-30-135809_remove_mat_views/up.sql
-- Drop the mviews
DROP VIEW post_mview;

DROP MATERIALIZED VIEW user_mview;

DROP VIEW community_mview;

DROP MATERIALIZED VIEW private_message_mview;

DROP VIEW user_mention_mview;

DROP VIEW reply_view;

DROP VIEW comment_mview;

DROP MATERIALIZED VIEW post_aggregates_mview;

DROP MATERIALIZED VIEW community_aggregates_mview;

DROP MATERIALIZED VIEW comment_aggregates_mview;

DROP TRIGGER refresh_private_message ON private_message;

-- User
DROP VIEW user_view;

CREATE VIEW user_view AS
SELECT
    u.id,
    u.actor_id,
    u.name,
    u.avatar,
    u.email,
    u.matrix_user_id,
    u.bio,
    u.local,
    u.admin,
    u.banned,
    u.show_avatars,
    u.send_notifications_to_email,
    u.published,
    coalesce(pd.posts, 0) AS number_of_posts,
    coalesce(pd.score, 0) AS post_score,
    coalesce(cd.comments, 0) AS number_of_comments,
    coalesce(cd.score, 0) AS comment_score
FROM
    user_ u
    LEFT JOIN (
        SELECT
            p.creator_id AS creator_id,
            count(DISTINCT p.id) AS posts,
            sum(pl.score) AS score
        FROM
            post p
            JOIN post_like pl ON p.id = pl.post_id
        GROUP BY
            p.creator_id) pd ON u.id = pd.creator_id
    LEFT JOIN (
        SELECT
            c.creator_id,
            count(DISTINCT c.id) AS comments,
            sum(cl.score) AS score
        FROM
            comment c
            JOIN comment_like cl ON c.id = cl.comment_id
        GROUP BY
            c.creator_id) cd ON u.id = cd.creator_id;

CREATE TABLE user_fast AS
SELECT
    *
FROM
    user_view;

ALTER TABLE user_fast
    ADD PRIMARY KEY (id);

DROP TRIGGER refresh_user ON user_;

CREATE TRIGGER refresh_user
    AFTER INSERT OR UPDATE OR DELETE ON user_
    FOR EACH ROW
    EXECUTE PROCEDURE refresh_user ();

-- Sample insert
-- insert into user_(name, password_encrypted) values ('test_name', 'bleh');
-- Sample delete
-- delete from user_ where name like 'test_name';
-- Sample update
-- update user_ set avatar = 'hai'  where name like 'test_name';
CREATE OR REPLACE FUNCTION refresh_user ()
    RETURNS TRIGGER
    LANGUAGE plpgsql
    AS $$
BEGIN
    IF (TG_OP = 'DELETE') THEN
        DELETE FROM user_fast
        WHERE id = OLD.id;
    ELSIF (TG_OP = 'UPDATE') THEN
        DELETE FROM user_fast
        WHERE id = OLD.id;
        INSERT INTO user_fast
        SELECT
            *
        FROM
            user_view
        WHERE
            id = NEW.id;
        -- Refresh post_fast, cause of user info changes
        DELETE FROM post_aggregates_fast
        WHERE creator_id = NEW.id;
        INSERT INTO post_aggregates_fast
        SELECT
            *
        FROM
            post_aggregates_view
        WHERE
            creator_id = NEW.id;
        DELETE FROM comment_aggregates_fast
        WHERE creator_id = NEW.id;
        INSERT INTO comment_aggregates_fast
        SELECT
            *
        FROM
            comment_aggregates_view
        WHERE
            creator_id = NEW.id;
    ELSIF (TG_OP = 'INSERT') THEN
        INSERT INTO user_fast
        SELECT
            *
        FROM
            user_view
        WHERE
            id = NEW.id;
    END IF;
    RETURN NULL;
END
$$;

-- Post
-- Redoing the views : Credit eiknat
DROP VIEW post_view;

DROP VIEW post_aggregates_view;

CREATE VIEW post_aggregates_view AS
SELECT
    p.*,
    -- creator details
    u.actor_id AS creator_actor_id,
    u."local" AS creator_local,
    u."name" AS creator_name,
    u.avatar AS creator_avatar,
    u.banned AS banned,
    cb.id::bool AS banned_from_community,
    -- community details
    c.actor_id AS community_actor_id,
    c."local" AS community_local,
    c."name" AS community_name,
    c.removed AS community_removed,
    c.deleted AS community_deleted,
    c.nsfw AS community_nsfw,
    -- post score data/comment count
    coalesce(ct.comments, 0) AS number_of_comments,
    coalesce(pl.score, 0) AS score,
    coalesce(pl.upvotes, 0) AS upvotes,
    coalesce(pl.downvotes, 0) AS downvotes,
    hot_rank (coalesce(pl.score, 0), (
            CASE WHEN (p.published < ('now'::timestamp - '1 month'::interval)) THEN
                p.published
            ELSE
                greatest (ct.recent_comment_time, p.published)
            END)) AS hot_rank,
    (
        CASE WHEN (p.published < ('now'::timestamp - '1 month'::interval)) THEN
            p.published
        ELSE
            greatest (ct.recent_comment_time, p.published)
        END) AS newest_activity_time
FROM
    post p
    LEFT JOIN user_ u ON p.creator_id = u.id
    LEFT JOIN community_user_ban cb ON p.creator_id = cb.user_id
        AND p.community_id = cb.community_id
    LEFT JOIN community c ON p.community_id = c.id
    LEFT JOIN (
        SELECT
            post_id,
            count(*) AS comments,
            max(published) AS recent_comment_time
        FROM
            comment
        GROUP BY
            post_id) ct ON ct.post_id = p.id
    LEFT JOIN (
        SELECT
            post_id,
            sum(score) AS score,
            sum(score) FILTER (WHERE score = 1) AS upvotes,
            - sum(score) FILTER (WHERE score = -1) AS downvotes
        FROM
            post_like
        GROUP BY
            post_id) pl ON pl.post_id = p.id
ORDER BY
    p.id;

CREATE VIEW post_view AS
SELECT
    pav.*,
    us.id AS user_id,
    us.user_vote AS my_vote,
    us.is_subbed::bool AS subscribed,
    us.is_read::bool AS read,
    us.is_saved::bool AS saved
FROM
    post_aggregates_view pav
    CROSS JOIN LATERAL (
        SELECT
            u.id,
            coalesce(cf.community_id, 0) AS is_subbed,
            coalesce(pr.post_id, 0) AS is_read,
            coalesce(ps.post_id, 0) AS is_saved,
            coalesce(pl.score, 0) AS user_vote
        FROM
            user_ u
            LEFT JOIN community_user_ban cb ON u.id = cb.user_id
                AND cb.community_id = pav.community_id
        LEFT JOIN community_follower cf ON u.id = cf.user_id
            AND cf.community_id = pav.community_id
    LEFT JOIN post_read pr ON u.id = pr.user_id
        AND pr.post_id = pav.id
    LEFT JOIN post_saved ps ON u.id = ps.user_id
        AND ps.post_id = pav.id
    LEFT JOIN post_like pl ON u.id = pl.user_id
        AND pav.id = pl.post_id) AS us
UNION ALL
SELECT
    pav.*,
    NULL AS user_id,
    NULL AS my_vote,
    NULL AS subscribed,
    NULL AS read,
    NULL AS saved
FROM
    post_aggregates_view pav;

-- The post fast table
CREATE TABLE post_aggregates_fast AS
SELECT
    *
FROM
    post_aggregates_view;

ALTER TABLE post_aggregates_fast
    ADD PRIMARY KEY (id);

-- For the hot rank resorting
CREATE INDEX idx_post_aggregates_fast_hot_rank_published ON post_aggregates_fast (hot_rank DESC, published DESC);

CREATE VIEW post_fast_view AS
SELECT
    pav.*,
    us.id AS user_id,
    us.user_vote AS my_vote,
    us.is_subbed::bool AS subscribed,
    us.is_read::bool AS read,
    us.is_saved::bool AS saved
FROM
    post_aggregates_fast pav
    CROSS JOIN LATERAL (
        SELECT
            u.id,
            coalesce(cf.community_id, 0) AS is_subbed,
            coalesce(pr.post_id, 0) AS is_read,
            coalesce(ps.post_id, 0) AS is_saved,
            coalesce(pl.score, 0) AS user_vote
        FROM
            user_ u
            LEFT JOIN community_user_ban cb ON u.id = cb.user_id
                AND cb.community_id = pav.community_id
        LEFT JOIN community_follower cf ON u.id = cf.user_id
            AND cf.community_id = pav.community_id
    LEFT JOIN post_read pr ON u.id = pr.user_id
        AND pr.post_id = pav.id
    LEFT JOIN post_saved ps ON u.id = ps.user_id
        AND ps.post_id = pav.id
    LEFT JOIN post_like pl ON u.id = pl.user_id
        AND pav.id = pl.post_id) AS us
UNION ALL
SELECT
    pav.*,
    NULL AS user_id,
    NULL AS my_vote,
    NULL AS subscribed,
    NULL AS read,
    NULL AS saved
FROM
    post_aggregates_fast pav;

DROP TRIGGER refresh_post ON post;

CREATE TRIGGER refresh_post
    AFTER INSERT OR UPDATE OR DELETE ON post
    FOR EACH ROW
    EXECUTE PROCEDURE refresh_post ();

-- Sample select
-- select id, name from post_fast_view where name like 'test_post' and user_id is null;
-- Sample insert
-- insert into post(name, creator_id, community_id) values ('test_post', 2, 2);
-- Sample delete
-- delete from post where name like 'test_post';
-- Sample update
-- update post set community_id = 4  where name like 'test_post';
CREATE OR REPLACE FUNCTION refresh_post ()
    RETURNS TRIGGER
    LANGUAGE plpgsql
    AS $$
BEGIN
    IF (TG_OP = 'DELETE') THEN
        DELETE FROM post_aggregates_fast
        WHERE id = OLD.id;
        -- Update community number of posts
        UPDATE
            community_aggregates_fast
        SET
            number_of_posts = number_of_posts - 1
        WHERE
            id = OLD.community_id;
    ELSIF (TG_OP = 'UPDATE') THEN
        DELETE FROM post_aggregates_fast
        WHERE id = OLD.id;
        INSERT INTO post_aggregates_fast
        SELECT
            *
        FROM
            post_aggregates_view
        WHERE
            id = NEW.id;
    ELSIF (TG_OP = 'INSERT') THEN
        INSERT INTO post_aggregates_fast
        SELECT
            *
        FROM
            post_aggregates_view
        WHERE
            id = NEW.id;
        -- Update that users number of posts, post score
        DELETE FROM user_fast
        WHERE id = NEW.creator_id;
        INSERT INTO user_fast
        SELECT
            *
        FROM
            user_view
        WHERE
            id = NEW.creator_id;
        -- Update community number of posts
        UPDATE
            community_aggregates_fast
        SET
            number_of_posts = number_of_posts + 1
        WHERE
            id = NEW.community_id;
        -- Update the hot rank on the post table
        -- TODO this might not correctly update it, using a 1 week interval
        UPDATE
            post_aggregates_fast AS paf
        SET
            hot_rank = pav.hot_rank
        FROM
            post_aggregates_view AS pav
        WHERE
            paf.id = pav.id
            AND (pav.published > ('now'::timestamp - '1 week'::interval));
    END IF;
    RETURN NULL;
END
$$;

-- Community
-- Redoing the views : Credit eiknat
DROP VIEW community_moderator_view;

DROP VIEW community_follower_view;

DROP VIEW community_user_ban_view;

DROP VIEW community_view;

DROP VIEW community_aggregates_view;

CREATE VIEW community_aggregates_view AS
SELECT
    c.id,
    c.name,
    c.title,
    c.description,
    c.category_id,
    c.creator_id,
    c.removed,
    c.published,
    c.updated,
    c.deleted,
    c.nsfw,
    c.actor_id,
    c.local,
    c.last_refreshed_at,
    u.actor_id AS creator_actor_id,
    u.local AS creator_local,
    u.name AS creator_name,
    u.avatar AS creator_avatar,
    cat.name AS category_name,
    coalesce(cf.subs, 0) AS number_of_subscribers,
    coalesce(cd.posts, 0) AS number_of_posts,
    coalesce(cd.comments, 0) AS number_of_comments,
    hot_rank (cf.subs, c.published) AS hot_rank
FROM
    community c
    LEFT JOIN user_ u ON c.creator_id = u.id
    LEFT JOIN category cat ON c.category_id = cat.id
    LEFT JOIN (
        SELECT
            p.community_id,
            count(DISTINCT p.id) AS posts,
            count(DISTINCT ct.id) AS comments
        FROM
            post p
            JOIN comment ct ON p.id = ct.post_id
        GROUP BY
            p.community_id) cd ON cd.community_id = c.id
    LEFT JOIN (
        SELECT
            community_id,
            count(*) AS subs
        FROM
            community_follower
        GROUP BY
            community_id) cf ON cf.community_id = c.id;

CREATE VIEW community_view AS
SELECT
    cv.*,
    us.user AS user_id,
    us.is_subbed::bool AS subscribed
FROM
    community_aggregates_view cv
    CROSS JOIN LATERAL (
        SELECT
            u.id AS user,
            coalesce(cf.community_id, 0) AS is_subbed
        FROM
            user_ u
            LEFT JOIN community_follower cf ON u.id = cf.user_id
                AND cf.community_id = cv.id) AS us
    UNION ALL
    SELECT
        cv.*,
        NULL AS user_id,
        NULL AS subscribed
    FROM
        community_aggregates_view cv;

CREATE VIEW community_moderator_view AS
SELECT
    cm.*,
    u.actor_id AS user_actor_id,
    u.local AS user_local,
    u.name AS user_name,
    u.avatar AS avatar,
    c.actor_id AS community_actor_id,
    c.local AS community_local,
    c.name AS community_name
FROM
    community_moderator cm
    LEFT JOIN user_ u ON cm.user_id = u.id
    LEFT JOIN community c ON cm.community_id = c.id;

CREATE VIEW community_follower_view AS
SELECT
    cf.*,
    u.actor_id AS user_actor_id,
    u.local AS user_local,
    u.name AS user_name,
    u.avatar AS avatar,
    c.actor_id AS community_actor_id,
    c.local AS community_local,
    c.name AS community_name
FROM
    community_follower cf
    LEFT JOIN user_ u ON cf.user_id = u.id
    LEFT JOIN community c ON cf.community_id = c.id;

CREATE VIEW community_user_ban_view AS
SELECT
    cb.*,
    u.actor_id AS user_actor_id,
    u.local AS user_local,
    u.name AS user_name,
    u.avatar AS avatar,
    c.actor_id AS community_actor_id,
    c.local AS community_local,
    c.name AS community_name
FROM
    community_user_ban cb
    LEFT JOIN user_ u ON cb.user_id = u.id
    LEFT JOIN community c ON cb.community_id = c.id;

-- The community fast table
CREATE TABLE community_aggregates_fast AS
SELECT
    *
FROM
    community_aggregates_view;

ALTER TABLE community_aggregates_fast
    ADD PRIMARY KEY (id);

CREATE VIEW community_fast_view AS
SELECT
    ac.*,
    u.id AS user_id,
    (
        SELECT
            cf.id::boolean
        FROM
            community_follower cf
        WHERE
            u.id = cf.user_id
            AND ac.id = cf.community_id) AS subscribed
FROM
    user_ u
    CROSS JOIN (
        SELECT
            ca.*
        FROM
            community_aggregates_fast ca) ac
UNION ALL
SELECT
    caf.*,
    NULL AS user_id,
    NULL AS subscribed
FROM
    community_aggregates_fast caf;

DROP TRIGGER refresh_community ON community;

CREATE TRIGGER refresh_community
    AFTER INSERT OR UPDATE OR DELETE ON community
    FOR EACH ROW
    EXECUTE PROCEDURE refresh_community ();

-- Sample select
-- select * from community_fast_view where name like 'test_community_name' and user_id is null;
-- Sample insert
-- insert into community(name, title, category_id, creator_id) values ('test_community_name', 'test_community_title', 1, 2);
-- Sample delete
-- delete from community where name like 'test_community_name';
-- Sample update
-- update community set title = 'test_community_title_2'  where name like 'test_community_name';
CREATE OR REPLACE FUNCTION refresh_community ()
    RETURNS TRIGGER
    LANGUAGE plpgsql
    AS $$
BEGIN
    IF (TG_OP = 'DELETE') THEN
        DELETE FROM community_aggregates_fast
        WHERE id = OLD.id;
    ELSIF (TG_OP = 'UPDATE') THEN
        DELETE FROM community_aggregates_fast
        WHERE id = OLD.id;
        INSERT INTO community_aggregates_fast
        SELECT
            *
        FROM
            community_aggregates_view
        WHERE
            id = NEW.id;
        -- Update user view due to owner changes
        DELETE FROM user_fast
        WHERE id = NEW.creator_id;
        INSERT INTO user_fast
        SELECT
            *
        FROM
            user_view
        WHERE
            id = NEW.creator_id;
        -- Update post view due to community changes
        DELETE FROM post_aggregates_fast
        WHERE community_id = NEW.id;
        INSERT INTO post_aggregates_fast
        SELECT
            *
        FROM
            post_aggregates_view
        WHERE
            community_id = NEW.id;
        -- TODO make sure this shows up in the users page ?
    ELSIF (TG_OP = 'INSERT') THEN
        INSERT INTO community_aggregates_fast
        SELECT
            *
        FROM
            community_aggregates_view
        WHERE
            id = NEW.id;
    END IF;
    RETURN NULL;
END
$$;

-- Comment
DROP VIEW user_mention_view;

DROP VIEW comment_view;

DROP VIEW comment_aggregates_view;

CREATE VIEW comment_aggregates_view AS
SELECT
    ct.*,
    -- community details
    p.community_id,
    c.actor_id AS community_actor_id,
    c."local" AS community_local,
    c."name" AS community_name,
    -- creator details
    u.banned AS banned,
    coalesce(cb.id, 0)::bool AS banned_from_community,
    u.actor_id AS creator_actor_id,
    u.local AS creator_local,
    u.name AS creator_name,
    u.avatar AS creator_avatar,
    -- score details
    coalesce(cl.total, 0) AS score,
    coalesce(cl.up, 0) AS upvotes,
    coalesce(cl.down, 0) AS downvotes,
    hot_rank (coalesce(cl.total, 0), ct.published) AS hot_rank
FROM
    comment ct
    LEFT JOIN post p ON ct.post_id = p.id
    LEFT JOIN community c ON p.community_id = c.id
    LEFT JOIN user_ u ON ct.creator_id = u.id
    LEFT JOIN community_user_ban cb ON ct.creator_id = cb.user_id
        AND p.id = ct.post_id
        AND p.community_id = cb.community_id
    LEFT JOIN (
        SELECT
            l.comment_id AS id,
            sum(l.score) AS total,
            count(
                CASE WHEN l.score = 1 THEN
                    1
                ELSE
                    NULL
                END) AS up,
            count(
                CASE WHEN l.score = -1 THEN
                    1
                ELSE
                    NULL
                END) AS down
        FROM
            comment_like l
        GROUP BY
            comment_id) AS cl ON cl.id = ct.id;

CREATE OR REPLACE VIEW comment_view AS (
    SELECT
        cav.*,
        us.user_id AS user_id,
        us.my_vote AS my_vote,
        us.is_subbed::bool AS subscribed,
        us.is_saved::bool AS saved
    FROM
        comment_aggregates_view cav
    CROSS JOIN LATERAL (
        SELECT
            u.id AS user_id,
            coalesce(cl.score, 0) AS my_vote,
            coalesce(cf.id, 0) AS is_subbed,
            coalesce(cs.id, 0) AS is_saved
        FROM
            user_ u
            LEFT JOIN comment_like cl ON u.id = cl.user_id
                AND cav.id = cl.comment_id
        LEFT JOIN comment_saved cs ON u.id = cs.user_id
            AND cs.comment_id = cav.id
    LEFT JOIN community_follower cf ON u.id = cf.user_id
        AND cav.community_id = cf.community_id) AS us
UNION ALL
SELECT
    cav.*,
    NULL AS user_id,
    NULL AS my_vote,
    NULL AS subscribed,
    NULL AS saved
FROM
    comment_aggregates_view cav);

-- The fast view
CREATE TABLE comment_aggregates_fast AS
SELECT
    *
FROM
    comment_aggregates_view;

ALTER TABLE comment_aggregates_fast
    ADD PRIMARY KEY (id);

CREATE VIEW comment_fast_view AS
SELECT
    cav.*,
    us.user_id AS user_id,
    us.my_vote AS my_vote,
    us.is_subbed::bool AS subscribed,
    us.is_saved::bool AS saved
FROM
    comment_aggregates_fast cav
    CROSS JOIN LATERAL (
        SELECT
            u.id AS user_id,
            coalesce(cl.score, 0) AS my_vote,
            coalesce(cf.id, 0) AS is_subbed,
            coalesce(cs.id, 0) AS is_saved
        FROM
            user_ u
            LEFT JOIN comment_like cl ON u.id = cl.user_id
                AND cav.id = cl.comment_id
        LEFT JOIN comment_saved cs ON u.id = cs.user_id
            AND cs.comment_id = cav.id
    LEFT JOIN community_follower cf ON u.id = cf.user_id
        AND cav.community_id = cf.community_id) AS us
UNION ALL
SELECT
    cav.*,
    NULL AS user_id,
    NULL AS my_vote,
    NULL AS subscribed,
    NULL AS saved
FROM
    comment_aggregates_fast cav;

-- Do the reply_view referencing the comment_fast_view
CREATE VIEW reply_fast_view AS
with closereply AS (
    SELECT
        c2.id,
        c2.creator_id AS sender_id,
        c.creator_id AS recipient_id
    FROM
        comment c
        INNER JOIN comment c2 ON c.id = c2.parent_id
    WHERE
        c2.creator_id != c.creator_id
        -- Do union where post is null
    UNION
    SELECT
        c.id,
        c.creator_id AS sender_id,
        p.creator_id AS recipient_id
    FROM
        comment c,
        post p
    WHERE
        c.post_id = p.id
        AND c.parent_id IS NULL
        AND c.creator_id != p.creator_id
)
SELECT
    cv.*,
    closereply.recipient_id
FROM
    comment_fast_view cv,
    closereply
WHERE
    closereply.id = cv.id;

-- user mention
CREATE VIEW user_mention_view AS
SELECT
    c.id,
    um.id AS user_mention_id,
    c.creator_id,
    c.creator_actor_id,
    c.creator_local,
    c.post_id,
    c.parent_id,
    c.content,
    c.removed,
    um.read,
    c.published,
    c.updated,
    c.deleted,
    c.community_id,
    c.community_actor_id,
    c.community_local,
    c.community_name,
    c.banned,
    c.banned_from_community,
    c.creator_name,
    c.creator_avatar,
    c.score,
    c.upvotes,
    c.downvotes,
    c.hot_rank,
    c.user_id,
    c.my_vote,
    c.saved,
    um.recipient_id,
    (
        SELECT
            actor_id
        FROM
            user_ u
        WHERE
            u.id = um.recipient_id) AS recipient_actor_id,
    (
        SELECT
            local
        FROM
            user_ u
        WHERE
            u.id = um.recipient_id) AS recipient_local
FROM
    user_mention um,
    comment_view c
WHERE
    um.comment_id = c.id;

CREATE VIEW user_mention_fast_view AS
SELECT
    ac.id,
    um.id AS user_mention_id,
    ac.creator_id,
    ac.creator_actor_id,
    ac.creator_local,
    ac.post_id,
    ac.parent_id,
    ac.content,
    ac.removed,
    um.read,
    ac.published,
    ac.updated,
    ac.deleted,
    ac.community_id,
    ac.community_actor_id,
    ac.community_local,
    ac.community_name,
    ac.banned,
    ac.banned_from_community,
    ac.creator_name,
    ac.creator_avatar,
    ac.score,
    ac.upvotes,
    ac.downvotes,
    ac.hot_rank,
    u.id AS user_id,
    coalesce(cl.score, 0) AS my_vote,
    (
        SELECT
            cs.id::bool
        FROM
            comment_saved cs
        WHERE
            u.id = cs.user_id
            AND cs.comment_id = ac.id) AS saved,
    um.recipient_id,
    (
        SELECT
            actor_id
        FROM
            user_ u
        WHERE
            u.id = um.recipient_id) AS recipient_actor_id,
    (
        SELECT
            local
        FROM
            user_ u
        WHERE
            u.id = um.recipient_id) AS recipient_local
FROM
    user_ u
    CROSS JOIN (
        SELECT
            ca.*
        FROM
            comment_aggregates_fast ca) ac
    LEFT JOIN comment_like cl ON u.id = cl.user_id
        AND ac.id = cl.comment_id
    LEFT JOIN user_mention um ON um.comment_id = ac.id
UNION ALL
SELECT
    ac.id,
    um.id AS user_mention_id,
    ac.creator_id,
    ac.creator_actor_id,
    ac.creator_local,
    ac.post_id,
    ac.parent_id,
    ac.content,
    ac.removed,
    um.read,
    ac.published,
    ac.updated,
    ac.deleted,
    ac.community_id,
    ac.community_actor_id,
    ac.community_local,
    ac.community_name,
    ac.banned,
    ac.banned_from_community,
    ac.creator_name,
    ac.creator_avatar,
    ac.score,
    ac.upvotes,
    ac.downvotes,
    ac.hot_rank,
    NULL AS user_id,
    NULL AS my_vote,
    NULL AS saved,
    um.recipient_id,
    (
        SELECT
            actor_id
        FROM
            user_ u
        WHERE
            u.id = um.recipient_id) AS recipient_actor_id,
    (
        SELECT
            local
        FROM
            user_ u
        WHERE
            u.id = um.recipient_id) AS recipient_local
FROM
    comment_aggregates_fast ac
    LEFT JOIN user_mention um ON um.comment_id = ac.id;

DROP TRIGGER refresh_comment ON comment;

CREATE TRIGGER refresh_comment
    AFTER INSERT OR UPDATE OR DELETE ON comment
    FOR EACH ROW
    EXECUTE PROCEDURE refresh_comment ();

-- Sample select
-- select * from comment_fast_view where content = 'test_comment' and user_id is null;
-- Sample insert
-- insert into comment(creator_id, post_id, content) values (2, 2, 'test_comment');
-- Sample delete
-- delete from comment where content like 'test_comment';
-- Sample update
-- update comment set removed = true where content like 'test_comment';
CREATE OR REPLACE FUNCTION refresh_comment ()
    RETURNS TRIGGER
    LANGUAGE plpgsql
    AS $$
BEGIN
    IF (TG_OP = 'DELETE') THEN
        DELETE FROM comment_aggregates_fast
        WHERE id = OLD.id;
        -- Update community number of comments
        UPDATE
            community_aggregates_fast AS caf
        SET
            number_of_comments = number_of_comments - 1
        FROM
            post AS p
        WHERE
            caf.id = p.community_id
            AND p.id = OLD.post_id;
    ELSIF (TG_OP = 'UPDATE') THEN
        DELETE FROM comment_aggregates_fast
        WHERE id = OLD.id;
        INSERT INTO comment_aggregates_fast
        SELECT
            *
        FROM
            comment_aggregates_view
        WHERE
            id = NEW.id;
    ELSIF (TG_OP = 'INSERT') THEN
        INSERT INTO comment_aggregates_fast
        SELECT
            *
        FROM
            comment_aggregates_view
        WHERE
            id = NEW.id;
        -- Update user view due to comment count
        UPDATE
            user_fast
        SET
            number_of_comments = number_of_comments + 1
        WHERE
            id = NEW.creator_id;
        -- Update post view due to comment count, new comment activity time, but only on new posts
        -- TODO this could be done more efficiently
        DELETE FROM post_aggregates_fast
        WHERE id = NEW.post_id;
        INSERT INTO post_aggregates_fast
        SELECT
            *
        FROM
            post_aggregates_view
        WHERE
            id = NEW.post_id;
        -- Force the hot rank as zero on week-older posts
        UPDATE
            post_aggregates_fast AS paf
        SET
            hot_rank = 0
        WHERE
            paf.id = NEW.post_id
            AND (paf.published < ('now'::timestamp - '1 week'::interval));
        -- Update community number of comments
        UPDATE
            community_aggregates_fast AS caf
        SET
            number_of_comments = number_of_comments + 1
        FROM
            post AS p
        WHERE
            caf.id = p.community_id
            AND p.id = NEW.post_id;
    END IF;
    RETURN NULL;
END
$$;

-- post_like
-- select id, score, my_vote from post_fast_view where id = 29 and user_id = 4;
-- Sample insert
-- insert into post_like(user_id, post_id, score) values (4, 29, 1);
-- Sample delete
-- delete from post_like where user_id = 4 and post_id = 29;
-- Sample update
-- update post_like set score = -1 where user_id = 4 and post_id = 29;
-- TODO test this a LOT
CREATE OR REPLACE FUNCTION refresh_post_like ()
    RETURNS TRIGGER
    LANGUAGE plpgsql
    AS $$
BEGIN
    IF (TG_OP = 'DELETE') THEN
        UPDATE
            post_aggregates_fast
        SET
            score = CASE WHEN (OLD.score = 1) THEN
                score - 1
            ELSE
                score + 1
            END,
            upvotes = CASE WHEN (OLD.score = 1) THEN
                upvotes - 1
            ELSE
                upvotes
            END,
            downvotes = CASE WHEN (OLD.score = -1) THEN
                downvotes - 1
            ELSE
                downvotes
            END
        WHERE
            id = OLD.post_id;
    ELSIF (TG_OP = 'INSERT') THEN
        UPDATE
            post_aggregates_fast
        SET
            score = CASE WHEN (NEW.score = 1) THEN
                score + 1
            ELSE
                score - 1
            END,
            upvotes = CASE WHEN (NEW.score = 1) THEN
                upvotes + 1
            ELSE
                upvotes
            END,
            downvotes = CASE WHEN (NEW.score = -1) THEN
                downvotes + 1
            ELSE
                downvotes
            END
        WHERE
            id = NEW.post_id;
    END IF;
    RETURN NULL;
END
$$;

DROP TRIGGER refresh_post_like ON post_like;

CREATE TRIGGER refresh_post_like
    AFTER INSERT OR DELETE ON post_like
    FOR EACH ROW
    EXECUTE PROCEDURE refresh_post_like ();

-- comment_like
-- select id, score, my_vote from comment_fast_view where id = 29 and user_id = 4;
-- Sample insert
-- insert into comment_like(user_id, comment_id, post_id, score) values (4, 29, 51, 1);
-- Sample delete
-- delete from comment_like where user_id = 4 and comment_id = 29;
-- Sample update
-- update comment_like set score = -1 where user_id = 4 and comment_id = 29;
CREATE OR REPLACE FUNCTION refresh_comment_like ()
    RETURNS TRIGGER
    LANGUAGE plpgsql
    AS $$
BEGIN
    -- TODO possibly select from comment_fast to get previous scores, instead of re-fetching the views?
    IF (TG_OP = 'DELETE') THEN
        UPDATE
            comment_aggregates_fast
        SET
            score = CASE WHEN (OLD.score = 1) THEN
                score - 1
            ELSE
                score + 1
            END,
            upvotes = CASE WHEN (OLD.score = 1) THEN
                upvotes - 1
            ELSE
                upvotes
            END,
            downvotes = CASE WHEN (OLD.score = -1) THEN
                downvotes - 1
            ELSE
                downvotes
            END
        WHERE
            id = OLD.comment_id;
    ELSIF (TG_OP = 'INSERT') THEN
        UPDATE
            comment_aggregates_fast
        SET
            score = CASE WHEN (NEW.score = 1) THEN
                score + 1
            ELSE
                score - 1
            END,
            upvotes = CASE WHEN (NEW.score = 1) THEN
                upvotes + 1
            ELSE
                upvotes
            END,
            downvotes = CASE WHEN (NEW.score = -1) THEN
                downvotes + 1
            ELSE
                downvotes
            END
        WHERE
            id = NEW.comment_id;
    END IF;
    RETURN NULL;
END
$$;

DROP TRIGGER refresh_comment_like ON comment_like;

CREATE TRIGGER refresh_comment_like
    AFTER INSERT OR DELETE ON comment_like
    FOR EACH ROW
    EXECUTE PROCEDURE refresh_comment_like ();

-- Community user ban
DROP TRIGGER refresh_community_user_ban ON community_user_ban;

CREATE TRIGGER refresh_community_user_ban
    AFTER INSERT OR DELETE -- Note this is missing after update
    ON community_user_ban
    FOR EACH ROW
    EXECUTE PROCEDURE refresh_community_user_ban ();

-- select creator_name, banned_from_community from comment_fast_view where user_id = 4 and content = 'test_before_ban';
-- select creator_name, banned_from_community, community_id from comment_aggregates_fast where content = 'test_before_ban';
-- Sample insert
-- insert into comment(creator_id, post_id, content) values (1198, 341, 'test_before_ban');
-- insert into community_user_ban(community_id, user_id) values (2, 1198);
-- Sample delete
-- delete from community_user_ban where user_id = 1198 and community_id = 2;
-- delete from comment where content = 'test_before_ban';
-- update comment_aggregates_fast set banned_from_community = false where creator_id = 1198 and community_id = 2;
CREATE OR REPLACE FUNCTION refresh_community_user_ban ()
    RETURNS TRIGGER
    LANGUAGE plpgsql
    AS $$
BEGIN
    -- TODO possibly select from comment_fast to get previous scores, instead of re-fetching the views?
    IF (TG_OP = 'DELETE') THEN
        UPDATE
            comment_aggregates_fast
        SET
            banned_from_community = FALSE
        WHERE
            creator_id = OLD.user_id
            AND community_id = OLD.community_id;
        UPDATE
            post_aggregates_fast
        SET
            banned_from_community = FALSE
        WHERE
            creator_id = OLD.user_id
            AND community_id = OLD.community_id;
    ELSIF (TG_OP = 'INSERT') THEN
        UPDATE
            comment_aggregates_fast
        SET
            banned_from_community = TRUE
        WHERE
            creator_id = NEW.user_id
            AND community_id = NEW.community_id;
        UPDATE
            post_aggregates_fast
        SET
            banned_from_community = TRUE
        WHERE
            creator_id = NEW.user_id
            AND community_id = NEW.community_id;
    END IF;
    RETURN NULL;
END
$$;

-- Community follower
DROP TRIGGER refresh_community_follower ON community_follower;

CREATE TRIGGER refresh_community_follower
    AFTER INSERT OR DELETE -- Note this is missing after update
    ON community_follower
    FOR EACH ROW
    EXECUTE PROCEDURE refresh_community_follower ();

CREATE OR REPLACE FUNCTION refresh_community_follower ()
    RETURNS TRIGGER
    LANGUAGE plpgsql
    AS $$
BEGIN
    IF (TG_OP = 'DELETE') THEN
        UPDATE
            community_aggregates_fast
        SET
            number_of_subscribers = number_of_subscribers - 1
        WHERE
            id = OLD.community_id;
    ELSIF (TG_OP = 'INSERT') THEN
        UPDATE
            community_aggregates_fast
        SET
            number_of_subscribers = number_of_subscribers + 1
        WHERE
            id = NEW.community_id;
    END IF;
    RETURN NULL;
END
$$;

;
-- ===== migrations/2020-07-08-202609_add_creator_published/up.sql
DROP VIEW user_mention_view;

DROP VIEW reply_fast_view;

DROP VIEW comment_fast_view;

DROP VIEW comment_view;

DROP VIEW user_mention_fast_view;

DROP TABLE comment_aggregates_fast;

DROP VIEW comment_aggregates_view;

CREATE VIEW comment_aggregates_view AS
SELECT
    ct.*,
    -- community details
    p.community_id,
    c.actor_id AS community_actor_id,
    c."local" AS community_local,
    c."name" AS community_name,
    -- creator details
    u.banned AS banned,
    coalesce(cb.id, 0)::bool AS banned_from_community,
    u.actor_id AS creator_actor_id,
    u.local AS creator_local,
    u.name AS creator_name,
    u.published AS creator_published,
    u.avatar AS creator_avatar,
    -- score details
    coalesce(cl.total, 0) AS score,
    coalesce(cl.up, 0) AS upvotes,
    coalesce(cl.down, 0) AS downvotes,
    hot_rank (coalesce(cl.total, 0), ct.published) AS hot_rank
FROM
    comment ct
    LEFT JOIN post p ON ct.post_id = p.id
    LEFT JOIN community c ON p.community_id = c.id
    LEFT JOIN user_ u ON ct.creator_id = u.id
    LEFT JOIN community_user_ban cb ON ct.creator_id = cb.user_id
        AND p.id = ct.post_id
        AND p.community_id = cb.community_id
    LEFT JOIN (
        SELECT
            l.comment_id AS id,
            sum(l.score) AS total,
            count(
                CASE WHEN l.score = 1 THEN
                    1
                ELSE
                    NULL
                END) AS up,
            count(
                CASE WHEN l.score = -1 THEN
                    1
                ELSE
                    NULL
                END) AS down
        FROM
            comment_like l
        GROUP BY
            comment_id) AS cl ON cl.id = ct.id;

CREATE OR REPLACE VIEW comment_view AS (
    SELECT
        cav.*,
        us.user_id AS user_id,
        us.my_vote AS my_vote,
        us.is_subbed::bool AS subscribed,
        us.is_saved::bool AS saved
    FROM
        comment_aggregates_view cav
    CROSS JOIN LATERAL (
        SELECT
            u.id AS user_id,
            coalesce(cl.score, 0) AS my_vote,
            coalesce(cf.id, 0) AS is_subbed,
            coalesce(cs.id, 0) AS is_saved
        FROM
            user_ u
            LEFT JOIN comment_like cl ON u.id = cl.user_id
                AND cav.id = cl.comment_id
        LEFT JOIN comment_saved cs ON u.id = cs.user_id
            AND cs.comment_id = cav.id
    LEFT JOIN community_follower cf ON u.id = cf.user_id
        AND cav.community_id = cf.community_id) AS us
UNION ALL
SELECT
    cav.*,
    NULL AS user_id,
    NULL AS my_vote,
    NULL AS subscribed,
    NULL AS saved
FROM
    comment_aggregates_view cav);

CREATE TABLE comment_aggregates_fast AS
SELECT
    *
FROM
    comment_aggregates_view;

ALTER TABLE comment_aggregates_fast
    ADD PRIMARY KEY (id);

CREATE VIEW comment_fast_view AS
SELECT
    cav.*,
    us.user_id AS user_id,
    us.my_vote AS my_vote,
    us.is_subbed::bool AS subscribed,
    us.is_saved::bool AS saved
FROM
    comment_aggregates_fast cav
    CROSS JOIN LATERAL (
        SELECT
            u.id AS user_id,
            coalesce(cl.score, 0) AS my_vote,
            coalesce(cf.id, 0) AS is_subbed,
            coalesce(cs.id, 0) AS is_saved
        FROM
            user_ u
            LEFT JOIN comment_like cl ON u.id = cl.user_id
                AND cav.id = cl.comment_id
        LEFT JOIN comment_saved cs ON u.id = cs.user_id
            AND cs.comment_id = cav.id
    LEFT JOIN community_follower cf ON u.id = cf.user_id
        AND cav.community_id = cf.community_id) AS us
UNION ALL
SELECT
    cav.*,
    NULL AS user_id,
    NULL AS my_vote,
    NULL AS subscribed,
    NULL AS saved
FROM
    comment_aggregates_fast cav;

CREATE VIEW user_mention_view AS
SELECT
    c.id,
    um.id AS user_mention_id,
    c.creator_id,
    c.creator_actor_id,
    c.creator_local,
    c.post_id,
    c.parent_id,
    c.content,
    c.removed,
    um.read,
    c.published,
    c.updated,
    c.deleted,
    c.community_id,
    c.community_actor_id,
    c.community_local,
    c.community_name,
    c.banned,
    c.banned_from_community,
    c.creator_name,
    c.creator_avatar,
    c.score,
    c.upvotes,
    c.downvotes,
    c.hot_rank,
    c.user_id,
    c.my_vote,
    c.saved,
    um.recipient_id,
    (
        SELECT
            actor_id
        FROM
            user_ u
        WHERE
            u.id = um.recipient_id) AS recipient_actor_id,
    (
        SELECT
            local
        FROM
            user_ u
        WHERE
            u.id = um.recipient_id) AS recipient_local
FROM
    user_mention um,
    comment_view c
WHERE
    um.comment_id = c.id;

CREATE VIEW user_mention_fast_view AS
SELECT
    ac.id,
    um.id AS user_mention_id,
    ac.creator_id,
    ac.creator_actor_id,
    ac.creator_local,
    ac.post_id,
    ac.parent_id,
    ac.content,
    ac.removed,
    um.read,
    ac.published,
    ac.updated,
    ac.deleted,
    ac.community_id,
    ac.community_actor_id,
    ac.community_local,
    ac.community_name,
    ac.banned,
    ac.banned_from_community,
    ac.creator_name,
    ac.creator_avatar,
    ac.score,
    ac.upvotes,
    ac.downvotes,
    ac.hot_rank,
    u.id AS user_id,
    coalesce(cl.score, 0) AS my_vote,
    (
        SELECT
            cs.id::bool
        FROM
            comment_saved cs
        WHERE
            u.id = cs.user_id
            AND cs.comment_id = ac.id) AS saved,
    um.recipient_id,
    (
        SELECT
            actor_id
        FROM
            user_ u
        WHERE
            u.id = um.recipient_id) AS recipient_actor_id,
    (
        SELECT
            local
        FROM
            user_ u
        WHERE
            u.id = um.recipient_id) AS recipient_local
FROM
    user_ u
    CROSS JOIN (
        SELECT
            ca.*
        FROM
            comment_aggregates_fast ca) ac
    LEFT JOIN comment_like cl ON u.id = cl.user_id
        AND ac.id = cl.comment_id
    LEFT JOIN user_mention um ON um.comment_id = ac.id
UNION ALL
SELECT
    ac.id,
    um.id AS user_mention_id,
    ac.creator_id,
    ac.creator_actor_id,
    ac.creator_local,
    ac.post_id,
    ac.parent_id,
    ac.content,
    ac.removed,
    um.read,
    ac.published,
    ac.updated,
    ac.deleted,
    ac.community_id,
    ac.community_actor_id,
    ac.community_local,
    ac.community_name,
    ac.banned,
    ac.banned_from_community,
    ac.creator_name,
    ac.creator_avatar,
    ac.score,
    ac.upvotes,
    ac.downvotes,
    ac.hot_rank,
    NULL AS user_id,
    NULL AS my_vote,
    NULL AS saved,
    um.recipient_id,
    (
        SELECT
            actor_id
        FROM
            user_ u
        WHERE
            u.id = um.recipient_id) AS recipient_actor_id,
    (
        SELECT
            local
        FROM
            user_ u
        WHERE
            u.id = um.recipient_id) AS recipient_local
FROM
    comment_aggregates_fast ac
    LEFT JOIN user_mention um ON um.comment_id = ac.id;

-- Do the reply_view referencing the comment_fast_view
CREATE VIEW reply_fast_view AS
with closereply AS (
    SELECT
        c2.id,
        c2.creator_id AS sender_id,
        c.creator_id AS recipient_id
    FROM
        comment c
        INNER JOIN comment c2 ON c.id = c2.parent_id
    WHERE
        c2.creator_id != c.creator_id
        -- Do union where post is null
    UNION
    SELECT
        c.id,
        c.creator_id AS sender_id,
        p.creator_id AS recipient_id
    FROM
        comment c,
        post p
    WHERE
        c.post_id = p.id
        AND c.parent_id IS NULL
        AND c.creator_id != p.creator_id
)
SELECT
    cv.*,
    closereply.recipient_id
FROM
    comment_fast_view cv,
    closereply
WHERE
    closereply.id = cv.id;

-- add creator_published to the post view
DROP VIEW post_fast_view;

DROP TABLE post_aggregates_fast;

DROP VIEW post_view;

DROP VIEW post_aggregates_view;

CREATE VIEW post_aggregates_view AS
SELECT
    p.*,
    -- creator details
    u.actor_id AS creator_actor_id,
    u."local" AS creator_local,
    u."name" AS creator_name,
    u.published AS creator_published,
    u.avatar AS creator_avatar,
    u.banned AS banned,
    cb.id::bool AS banned_from_community,
    -- community details
    c.actor_id AS community_actor_id,
    c."local" AS community_local,
    c."name" AS community_name,
    c.removed AS community_removed,
    c.deleted AS community_deleted,
    c.nsfw AS community_nsfw,
    -- post score data/comment count
    coalesce(ct.comments, 0) AS number_of_comments,
    coalesce(pl.score, 0) AS score,
    coalesce(pl.upvotes, 0) AS upvotes,
    coalesce(pl.downvotes, 0) AS downvotes,
    hot_rank (coalesce(pl.score, 0), (
            CASE WHEN (p.published < ('now'::timestamp - '1 month'::interval)) THEN
                p.published
            ELSE
                greatest (ct.recent_comment_time, p.published)
            END)) AS hot_rank,
    (
        CASE WHEN (p.published < ('now'::timestamp - '1 month'::interval)) THEN
            p.published
        ELSE
            greatest (ct.recent_comment_time, p.published)
        END) AS newest_activity_time
FROM
    post p
    LEFT JOIN user_ u ON p.creator_id = u.id
    LEFT JOIN community_user_ban cb ON p.creator_id = cb.user_id
        AND p.community_id = cb.community_id
    LEFT JOIN community c ON p.community_id = c.id
    LEFT JOIN (
        SELECT
            post_id,
            count(*) AS comments,
            max(published) AS recent_comment_time
        FROM
            comment
        GROUP BY
            post_id) ct ON ct.post_id = p.id
    LEFT JOIN (
        SELECT
            post_id,
            sum(score) AS score,
            sum(score) FILTER (WHERE score = 1) AS upvotes,
            - sum(score) FILTER (WHERE score = -1) AS downvotes
        FROM
            post_like
        GROUP BY
            post_id) pl ON pl.post_id = p.id
ORDER BY
    p.id;

CREATE VIEW post_view AS
SELECT
    pav.*,
    us.id AS user_id,
    us.user_vote AS my_vote,
    us.is_subbed::bool AS subscribed,
    us.is_read::bool AS read,
    us.is_saved::bool AS saved
FROM
    post_aggregates_view pav
    CROSS JOIN LATERAL (
        SELECT
            u.id,
            coalesce(cf.community_id, 0) AS is_subbed,
            coalesce(pr.post_id, 0) AS is_read,
            coalesce(ps.post_id, 0) AS is_saved,
            coalesce(pl.score, 0) AS user_vote
        FROM
            user_ u
            LEFT JOIN community_user_ban cb ON u.id = cb.user_id
                AND cb.community_id = pav.community_id
        LEFT JOIN community_follower cf ON u.id = cf.user_id
            AND cf.community_id = pav.community_id
    LEFT JOIN post_read pr ON u.id = pr.user_id
        AND pr.post_id = pav.id
    LEFT JOIN post_saved ps ON u.id = ps.user_id
        AND ps.post_id = pav.id
    LEFT JOIN post_like pl ON u.id = pl.user_id
        AND pav.id = pl.post_id) AS us
UNION ALL
SELECT
    pav.*,
    NULL AS user_id,
    NULL AS my_vote,
    NULL AS subscribed,
    NULL AS read,
    NULL AS saved
FROM
    post_aggregates_view pav;

CREATE TABLE post_aggregates_fast AS
SELECT
    *
FROM
    post_aggregates_view;

ALTER TABLE post_aggregates_fast
    ADD PRIMARY KEY (id);

CREATE VIEW post_fast_view AS
SELECT
    pav.*,
    us.id AS user_id,
    us.user_vote AS my_vote,
    us.is_subbed::bool AS subscribed,
    us.is_read::bool AS read,
    us.is_saved::bool AS saved
FROM
    post_aggregates_fast pav
    CROSS JOIN LATERAL (
        SELECT
            u.id,
            coalesce(cf.community_id, 0) AS is_subbed,
            coalesce(pr.post_id, 0) AS is_read,
            coalesce(ps.post_id, 0) AS is_saved,
            coalesce(pl.score, 0) AS user_vote
        FROM
            user_ u
            LEFT JOIN community_user_ban cb ON u.id = cb.user_id
                AND cb.community_id = pav.community_id
        LEFT JOIN community_follower cf ON u.id = cf.user_id
            AND cf.community_id = pav.community_id
    LEFT JOIN post_read pr ON u.id = pr.user_id
        AND pr.post_id = pav.id
    LEFT JOIN post_saved ps ON u.id = ps.user_id
        AND ps.post_id = pav.id
    LEFT JOIN post_like pl ON u.id = pl.user_id
        AND pav.id = pl.post_id) AS us
UNION ALL
SELECT
    pav.*,
    NULL AS user_id,
    NULL AS my_vote,
    NULL AS subscribed,
    NULL AS read,
    NULL AS saved
FROM
    post_aggregates_fast pav;

;
-- ===== migrations/2020-07-12-100442_add_post_title_to_comments_view/up.sql
DROP VIEW user_mention_view;

DROP VIEW reply_fast_view;

DROP VIEW comment_fast_view;

DROP VIEW comment_view;

DROP VIEW user_mention_fast_view;

DROP TABLE comment_aggregates_fast;

DROP VIEW comment_aggregates_view;

CREATE VIEW comment_aggregates_view AS
SELECT
    ct.*,
    -- post details
    p."name" AS post_name,
    p.community_id,
    -- community details
    c.actor_id AS community_actor_id,
    c."local" AS community_local,
    c."name" AS community_name,
    -- creator details
    u.banned AS banned,
    coalesce(cb.id, 0)::bool AS banned_from_community,
    u.actor_id AS creator_actor_id,
    u.local AS creator_local,
    u.name AS creator_name,
    u.published AS creator_published,
    u.avatar AS creator_avatar,
    -- score details
    coalesce(cl.total, 0) AS score,
    coalesce(cl.up, 0) AS upvotes,
    coalesce(cl.down, 0) AS downvotes,
    hot_rank (coalesce(cl.total, 0), ct.published) AS hot_rank
FROM
    comment ct
    LEFT JOIN post p ON ct.post_id = p.id
    LEFT JOIN community c ON p.community_id = c.id
    LEFT JOIN user_ u ON ct.creator_id = u.id
    LEFT JOIN community_user_ban cb ON ct.creator_id = cb.user_id
        AND p.id = ct.post_id
        AND p.community_id = cb.community_id
    LEFT JOIN (
        SELECT
            l.comment_id AS id,
            sum(l.score) AS total,
            count(
                CASE WHEN l.score = 1 THEN
                    1
                ELSE
                    NULL
                END) AS up,
            count(
                CASE WHEN l.score = -1 THEN
                    1
                ELSE
                    NULL
                END) AS down
        FROM
            comment_like l
        GROUP BY
            comment_id) AS cl ON cl.id = ct.id;

CREATE OR REPLACE VIEW comment_view AS (
    SELECT
        cav.*,
        us.user_id AS user_id,
        us.my_vote AS my_vote,
        us.is_subbed::bool AS subscribed,
        us.is_saved::bool AS saved
    FROM
        comment_aggregates_view cav
    CROSS JOIN LATERAL (
        SELECT
            u.id AS user_id,
            coalesce(cl.score, 0) AS my_vote,
            coalesce(cf.id, 0) AS is_subbed,
            coalesce(cs.id, 0) AS is_saved
        FROM
            user_ u
            LEFT JOIN comment_like cl ON u.id = cl.user_id
                AND cav.id = cl.comment_id
        LEFT JOIN comment_saved cs ON u.id = cs.user_id
            AND cs.comment_id = cav.id
    LEFT JOIN community_follower cf ON u.id = cf.user_id
        AND cav.community_id = cf.community_id) AS us
UNION ALL
SELECT
    cav.*,
    NULL AS user_id,
    NULL AS my_vote,
    NULL AS subscribed,
    NULL AS saved
FROM
    comment_aggregates_view cav);

CREATE TABLE comment_aggregates_fast AS
SELECT
    *
FROM
    comment_aggregates_view;

ALTER TABLE comment_aggregates_fast
    ADD PRIMARY KEY (id);

CREATE VIEW comment_fast_view AS
SELECT
    cav.*,
    us.user_id AS user_id,
    us.my_vote AS my_vote,
    us.is_subbed::bool AS subscribed,
    us.is_saved::bool AS saved
FROM
    comment_aggregates_fast cav
    CROSS JOIN LATERAL (
        SELECT
            u.id AS user_id,
            coalesce(cl.score, 0) AS my_vote,
            coalesce(cf.id, 0) AS is_subbed,
            coalesce(cs.id, 0) AS is_saved
        FROM
            user_ u
            LEFT JOIN comment_like cl ON u.id = cl.user_id
                AND cav.id = cl.comment_id
        LEFT JOIN comment_saved cs ON u.id = cs.user_id
            AND cs.comment_id = cav.id
    LEFT JOIN community_follower cf ON u.id = cf.user_id
        AND cav.community_id = cf.community_id) AS us
UNION ALL
SELECT
    cav.*,
    NULL AS user_id,
    NULL AS my_vote,
    NULL AS subscribed,
    NULL AS saved
FROM
    comment_aggregates_fast cav;

CREATE VIEW user_mention_view AS
SELECT
    c.id,
    um.id AS user_mention_id,
    c.creator_id,
    c.creator_actor_id,
    c.creator_local,
    c.post_id,
    c.post_name,
    c.parent_id,
    c.content,
    c.removed,
    um.read,
    c.published,
    c.updated,
    c.deleted,
    c.community_id,
    c.community_actor_id,
    c.community_local,
    c.community_name,
    c.banned,
    c.banned_from_community,
    c.creator_name,
    c.creator_avatar,
    c.score,
    c.upvotes,
    c.downvotes,
    c.hot_rank,
    c.user_id,
    c.my_vote,
    c.saved,
    um.recipient_id,
    (
        SELECT
            actor_id
        FROM
            user_ u
        WHERE
            u.id = um.recipient_id) AS recipient_actor_id,
    (
        SELECT
            local
        FROM
            user_ u
        WHERE
            u.id = um.recipient_id) AS recipient_local
FROM
    user_mention um,
    comment_view c
WHERE
    um.comment_id = c.id;

CREATE VIEW user_mention_fast_view AS
SELECT
    ac.id,
    um.id AS user_mention_id,
    ac.creator_id,
    ac.creator_actor_id,
    ac.creator_local,
    ac.post_id,
    ac.post_name,
    ac.parent_id,
    ac.content,
    ac.removed,
    um.read,
    ac.published,
    ac.updated,
    ac.deleted,
    ac.community_id,
    ac.community_actor_id,
    ac.community_local,
    ac.community_name,
    ac.banned,
    ac.banned_from_community,
    ac.creator_name,
    ac.creator_avatar,
    ac.score,
    ac.upvotes,
    ac.downvotes,
    ac.hot_rank,
    u.id AS user_id,
    coalesce(cl.score, 0) AS my_vote,
    (
        SELECT
            cs.id::bool
        FROM
            comment_saved cs
        WHERE
            u.id = cs.user_id
            AND cs.comment_id = ac.id) AS saved,
    um.recipient_id,
    (
        SELECT
            actor_id
        FROM
            user_ u
        WHERE
            u.id = um.recipient_id) AS recipient_actor_id,
    (
        SELECT
            local
        FROM
            user_ u
        WHERE
            u.id = um.recipient_id) AS recipient_local
FROM
    user_ u
    CROSS JOIN (
        SELECT
            ca.*
        FROM
            comment_aggregates_fast ca) ac
    LEFT JOIN comment_like cl ON u.id = cl.user_id
        AND ac.id = cl.comment_id
    LEFT JOIN user_mention um ON um.comment_id = ac.id
UNION ALL
SELECT
    ac.id,
    um.id AS user_mention_id,
    ac.creator_id,
    ac.creator_actor_id,
    ac.creator_local,
    ac.post_id,
    ac.post_name,
    ac.parent_id,
    ac.content,
    ac.removed,
    um.read,
    ac.published,
    ac.updated,
    ac.deleted,
    ac.community_id,
    ac.community_actor_id,
    ac.community_local,
    ac.community_name,
    ac.banned,
    ac.banned_from_community,
    ac.creator_name,
    ac.creator_avatar,
    ac.score,
    ac.upvotes,
    ac.downvotes,
    ac.hot_rank,
    NULL AS user_id,
    NULL AS my_vote,
    NULL AS saved,
    um.recipient_id,
    (
        SELECT
            actor_id
        FROM
            user_ u
        WHERE
            u.id = um.recipient_id) AS recipient_actor_id,
    (
        SELECT
            local
        FROM
            user_ u
        WHERE
            u.id = um.recipient_id) AS recipient_local
FROM
    comment_aggregates_fast ac
    LEFT JOIN user_mention um ON um.comment_id = ac.id;

-- Do the reply_view referencing the comment_fast_view
CREATE VIEW reply_fast_view AS
with closereply AS (
    SELECT
        c2.id,
        c2.creator_id AS sender_id,
        c.creator_id AS recipient_id
    FROM
        comment c
        INNER JOIN comment c2 ON c.id = c2.parent_id
    WHERE
        c2.creator_id != c.creator_id
        -- Do union where post is null
    UNION
    SELECT
        c.id,
        c.creator_id AS sender_id,
        p.creator_id AS recipient_id
    FROM
        comment c,
        post p
    WHERE
        c.post_id = p.id
        AND c.parent_id IS NULL
        AND c.creator_id != p.creator_id
)
SELECT
    cv.*,
    closereply.recipient_id
FROM
    comment_fast_view cv,
    closereply
WHERE
    closereply.id = cv.id;

;
-- ===== migrations/2020-07-18-234519_add_unique_community_user_actor_ids/up.sql
-- Following this issue : https://github.com/LemmyNet/lemmy/issues/957
-- Creating a unique changeme actor_id
CREATE OR REPLACE FUNCTION generate_unique_changeme ()
    RETURNS text
    LANGUAGE sql
    AS $$
    SELECT
        'changeme_' || string_agg(substr('abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz0123456789', ceil(random() * 62)::integer, 1), '')
    FROM
        generate_series(1, 20)
$$;

-- Need to delete the possible community and user dupes for ones that don't start with the fake one
-- A few test inserts, to make sure this removes later dupes
-- insert into community (name, title, category_id, creator_id) values ('testcom', 'another testcom', 1, 2);
DELETE FROM community a USING (
    SELECT
        min(id) AS id,
        actor_id
    FROM
        community
    GROUP BY
        actor_id
    HAVING
        count(*) > 1) b
WHERE
    a.actor_id = b.actor_id
    AND a.id <> b.id;

DELETE FROM user_ a USING (
    SELECT
        min(id) AS id,
        actor_id
    FROM
        user_
    GROUP BY
        actor_id
    HAVING
        count(*) > 1) b
WHERE
    a.actor_id = b.actor_id
    AND a.id <> b.id;

-- Replacing the current default on the columns, to the unique one
UPDATE
    community
SET
    actor_id = generate_unique_changeme ()
WHERE
    actor_id = 'http://fake.com';

UPDATE
    user_
SET
    actor_id = generate_unique_changeme ()
WHERE
    actor_id = 'http://fake.com';

-- Add the unique indexes
ALTER TABLE community
    ALTER COLUMN actor_id SET NOT NULL;

ALTER TABLE community
    ALTER COLUMN actor_id SET DEFAULT generate_unique_changeme ();

ALTER TABLE user_
    ALTER COLUMN actor_id SET NOT NULL;

ALTER TABLE user_
    ALTER COLUMN actor_id SET DEFAULT generate_unique_changeme ();

-- Add lowercase uniqueness too
DROP INDEX idx_user_name_lower_actor_id;

CREATE UNIQUE INDEX idx_user_lower_actor_id ON user_ (lower(actor_id));

CREATE UNIQUE INDEX idx_community_lower_actor_id ON community (lower(actor_id));

;
-- ===== migrations/2020-08-03-000110_add_preferred_usernames_banners_and_icons/up.sql
-- This adds the following columns, as well as updates the views:
--  Site icon
--  Site banner
--  Community icon
--  Community Banner
--  User Banner (User avatar is already there)
--  User preferred name (already in table, needs to be added to view)
-- It also adds hot_rank_active to post_view
ALTER TABLE site
    ADD COLUMN icon text,
    ADD COLUMN banner text;

ALTER TABLE community
    ADD COLUMN icon text,
    ADD COLUMN banner text;

ALTER TABLE user_
    ADD COLUMN banner text;

DROP VIEW site_view;

CREATE VIEW site_view AS
SELECT
    s.*,
    u.name AS creator_name,
    u.preferred_username AS creator_preferred_username,
    u.avatar AS creator_avatar,
    (
        SELECT
            count(*)
        FROM
            user_) AS number_of_users,
    (
        SELECT
            count(*)
        FROM
            post) AS number_of_posts,
    (
        SELECT
            count(*)
        FROM
            comment) AS number_of_comments,
    (
        SELECT
            count(*)
        FROM
            community) AS number_of_communities
FROM
    site s
    LEFT JOIN user_ u ON s.creator_id = u.id;

-- User
DROP TABLE user_fast;

DROP VIEW user_view;

CREATE VIEW user_view AS
SELECT
    u.id,
    u.actor_id,
    u.name,
    u.preferred_username,
    u.avatar,
    u.banner,
    u.email,
    u.matrix_user_id,
    u.bio,
    u.local,
    u.admin,
    u.banned,
    u.show_avatars,
    u.send_notifications_to_email,
    u.published,
    coalesce(pd.posts, 0) AS number_of_posts,
    coalesce(pd.score, 0) AS post_score,
    coalesce(cd.comments, 0) AS number_of_comments,
    coalesce(cd.score, 0) AS comment_score
FROM
    user_ u
    LEFT JOIN (
        SELECT
            p.creator_id AS creator_id,
            count(DISTINCT p.id) AS posts,
            sum(pl.score) AS score
        FROM
            post p
            JOIN post_like pl ON p.id = pl.post_id
        GROUP BY
            p.creator_id) pd ON u.id = pd.creator_id
    LEFT JOIN (
        SELECT
            c.creator_id,
            count(DISTINCT c.id) AS comments,
            sum(cl.score) AS score
        FROM
            comment c
            JOIN comment_like cl ON c.id = cl.comment_id
        GROUP BY
            c.creator_id) cd ON u.id = cd.creator_id;

CREATE TABLE user_fast AS
SELECT
    *
FROM
    user_view;

ALTER TABLE user_fast
    ADD PRIMARY KEY (id);

-- private message
DROP VIEW private_message_view;

CREATE VIEW private_message_view AS
SELECT
    pm.*,
    u.name AS creator_name,
    u.preferred_username AS creator_preferred_username,
    u.avatar AS creator_avatar,
    u.actor_id AS creator_actor_id,
    u.local AS creator_local,
    u2.name AS recipient_name,
    u2.preferred_username AS recipient_preferred_username,
    u2.avatar AS recipient_avatar,
    u2.actor_id AS recipient_actor_id,
    u2.local AS recipient_local
FROM
    private_message pm
    INNER JOIN user_ u ON u.id = pm.creator_id
    INNER JOIN user_ u2 ON u2.id = pm.recipient_id;

-- Post fast
DROP VIEW post_fast_view;

DROP TABLE post_aggregates_fast;

DROP VIEW post_view;

DROP VIEW post_aggregates_view;

CREATE VIEW post_aggregates_view AS
SELECT
    p.*,
    -- creator details
    u.actor_id AS creator_actor_id,
    u."local" AS creator_local,
    u."name" AS creator_name,
    u."preferred_username" AS creator_preferred_username,
    u.published AS creator_published,
    u.avatar AS creator_avatar,
    u.banned AS banned,
    cb.id::bool AS banned_from_community,
    -- community details
    c.actor_id AS community_actor_id,
    c."local" AS community_local,
    c."name" AS community_name,
    c.icon AS community_icon,
    c.removed AS community_removed,
    c.deleted AS community_deleted,
    c.nsfw AS community_nsfw,
    -- post score data/comment count
    coalesce(ct.comments, 0) AS number_of_comments,
    coalesce(pl.score, 0) AS score,
    coalesce(pl.upvotes, 0) AS upvotes,
    coalesce(pl.downvotes, 0) AS downvotes,
    hot_rank (coalesce(pl.score, 1), p.published) AS hot_rank,
    hot_rank (coalesce(pl.score, 1), greatest (ct.recent_comment_time, p.published)) AS hot_rank_active,
    greatest (ct.recent_comment_time, p.published) AS newest_activity_time
FROM
    post p
    LEFT JOIN user_ u ON p.creator_id = u.id
    LEFT JOIN community_user_ban cb ON p.creator_id = cb.user_id
        AND p.community_id = cb.community_id
    LEFT JOIN community c ON p.community_id = c.id
    LEFT JOIN (
        SELECT
            post_id,
            count(*) AS comments,
            max(published) AS recent_comment_time
        FROM
            comment
        GROUP BY
            post_id) ct ON ct.post_id = p.id
    LEFT JOIN (
        SELECT
            post_id,
            sum(score) AS score,
            sum(score) FILTER (WHERE score = 1) AS upvotes,
            - sum(score) FILTER (WHERE score = -1) AS downvotes
        FROM
            post_like
        GROUP BY
            post_id) pl ON pl.post_id = p.id
ORDER BY
    p.id;

CREATE VIEW post_view AS
SELECT
    pav.*,
    us.id AS user_id,
    us.user_vote AS my_vote,
    us.is_subbed::bool AS subscribed,
    us.is_read::bool AS read,
    us.is_saved::bool AS saved
FROM
    post_aggregates_view pav
    CROSS JOIN LATERAL (
        SELECT
            u.id,
            coalesce(cf.community_id, 0) AS is_subbed,
            coalesce(pr.post_id, 0) AS is_read,
            coalesce(ps.post_id, 0) AS is_saved,
            coalesce(pl.score, 0) AS user_vote
        FROM
            user_ u
            LEFT JOIN community_user_ban cb ON u.id = cb.user_id
                AND cb.community_id = pav.community_id
        LEFT JOIN community_follower cf ON u.id = cf.user_id
            AND cf.community_id = pav.community_id
    LEFT JOIN post_read pr ON u.id = pr.user_id
        AND pr.post_id = pav.id
    LEFT JOIN post_saved ps ON u.id = ps.user_id
        AND ps.post_id = pav.id
    LEFT JOIN post_like pl ON u.id = pl.user_id
        AND pav.id = pl.post_id) AS us
UNION ALL
SELECT
    pav.*,
    NULL AS user_id,
    NULL AS my_vote,
    NULL AS subscribed,
    NULL AS read,
    NULL AS saved
FROM
    post_aggregates_view pav;

CREATE TABLE post_aggregates_fast AS
SELECT
    *
FROM
    post_aggregates_view;

ALTER TABLE post_aggregates_fast
    ADD PRIMARY KEY (id);

-- For the hot rank resorting
CREATE INDEX idx_post_aggregates_fast_hot_rank_published ON post_aggregates_fast (hot_rank DESC, published DESC);

CREATE INDEX idx_post_aggregates_fast_hot_rank_active_published ON post_aggregates_fast (hot_rank_active DESC, published DESC);

CREATE VIEW post_fast_view AS
SELECT
    pav.*,
    us.id AS user_id,
    us.user_vote AS my_vote,
    us.is_subbed::bool AS subscribed,
    us.is_read::bool AS read,
    us.is_saved::bool AS saved
FROM
    post_aggregates_fast pav
    CROSS JOIN LATERAL (
        SELECT
            u.id,
            coalesce(cf.community_id, 0) AS is_subbed,
            coalesce(pr.post_id, 0) AS is_read,
            coalesce(ps.post_id, 0) AS is_saved,
            coalesce(pl.score, 0) AS user_vote
        FROM
            user_ u
            LEFT JOIN community_user_ban cb ON u.id = cb.user_id
                AND cb.community_id = pav.community_id
        LEFT JOIN community_follower cf ON u.id = cf.user_id
            AND cf.community_id = pav.community_id
    LEFT JOIN post_read pr ON u.id = pr.user_id
        AND pr.post_id = pav.id
    LEFT JOIN post_saved ps ON u.id = ps.user_id
        AND ps.post_id = pav.id
    LEFT JOIN post_like pl ON u.id = pl.user_id
        AND pav.id = pl.post_id) AS us
UNION ALL
SELECT
    pav.*,
    NULL AS user_id,
    NULL AS my_vote,
    NULL AS subscribed,
    NULL AS read,
    NULL AS saved
FROM
    post_aggregates_fast pav;

-- Community
DROP VIEW community_moderator_view;

DROP VIEW community_follower_view;

DROP VIEW community_user_ban_view;

DROP VIEW community_view;

DROP VIEW community_aggregates_view;

DROP VIEW community_fast_view;

DROP TABLE community_aggregates_fast;

CREATE VIEW community_aggregates_view AS
SELECT
    c.id,
    c.name,
    c.title,
    c.icon,
    c.banner,
    c.description,
    c.category_id,
    c.creator_id,
    c.removed,
    c.published,
    c.updated,
    c.deleted,
    c.nsfw,
    c.actor_id,
    c.local,
    c.last_refreshed_at,
    u.actor_id AS creator_actor_id,
    u.local AS creator_local,
    u.name AS creator_name,
    u.preferred_username AS creator_preferred_username,
    u.avatar AS creator_avatar,
    cat.name AS category_name,
    coalesce(cf.subs, 0) AS number_of_subscribers,
    coalesce(cd.posts, 0) AS number_of_posts,
    coalesce(cd.comments, 0) AS number_of_comments,
    hot_rank (cf.subs, c.published) AS hot_rank
FROM
    community c
    LEFT JOIN user_ u ON c.creator_id = u.id
    LEFT JOIN category cat ON c.category_id = cat.id
    LEFT JOIN (
        SELECT
            p.community_id,
            count(DISTINCT p.id) AS posts,
            count(DISTINCT ct.id) AS comments
        FROM
            post p
            JOIN comment ct ON p.id = ct.post_id
        GROUP BY
            p.community_id) cd ON cd.community_id = c.id
    LEFT JOIN (
        SELECT
            community_id,
            count(*) AS subs
        FROM
            community_follower
        GROUP BY
            community_id) cf ON cf.community_id = c.id;

CREATE VIEW community_view AS
SELECT
    cv.*,
    us.user AS user_id,
    us.is_subbed::bool AS subscribed
FROM
    community_aggregates_view cv
    CROSS JOIN LATERAL (
        SELECT
            u.id AS user,
            coalesce(cf.community_id, 0) AS is_subbed
        FROM
            user_ u
            LEFT JOIN community_follower cf ON u.id = cf.user_id
                AND cf.community_id = cv.id) AS us
    UNION ALL
    SELECT
        cv.*,
        NULL AS user_id,
        NULL AS subscribed
    FROM
        community_aggregates_view cv;

CREATE VIEW community_moderator_view AS
SELECT
    cm.*,
    u.actor_id AS user_actor_id,
    u.local AS user_local,
    u.name AS user_name,
    u.preferred_username AS user_preferred_username,
    u.avatar AS avatar,
    c.actor_id AS community_actor_id,
    c.local AS community_local,
    c.name AS community_name,
    c.icon AS community_icon
FROM
    community_moderator cm
    LEFT JOIN user_ u ON cm.user_id = u.id
    LEFT JOIN community c ON cm.community_id = c.id;

CREATE VIEW community_follower_view AS
SELECT
    cf.*,
    u.actor_id AS user_actor_id,
    u.local AS user_local,
    u.name AS user_name,
    u.preferred_username AS user_preferred_username,
    u.avatar AS avatar,
    c.actor_id AS community_actor_id,
    c.local AS community_local,
    c.name AS community_name,
    c.icon AS community_icon
FROM
    community_follower cf
    LEFT JOIN user_ u ON cf.user_id = u.id
    LEFT JOIN community c ON cf.community_id = c.id;

CREATE VIEW community_user_ban_view AS
SELECT
    cb.*,
    u.actor_id AS user_actor_id,
    u.local AS user_local,
    u.name AS user_name,
    u.preferred_username AS user_preferred_username,
    u.avatar AS avatar,
    c.actor_id AS community_actor_id,
    c.local AS community_local,
    c.name AS community_name,
    c.icon AS community_icon
FROM
    community_user_ban cb
    LEFT JOIN user_ u ON cb.user_id = u.id
    LEFT JOIN community c ON cb.community_id = c.id;

-- The community fast table
CREATE TABLE community_aggregates_fast AS
SELECT
    *
FROM
    community_aggregates_view;

ALTER TABLE community_aggregates_fast
    ADD PRIMARY KEY (id);

CREATE VIEW community_fast_view AS
SELECT
    ac.*,
    u.id AS user_id,
    (
        SELECT
            cf.id::boolean
        FROM
            community_follower cf
        WHERE
            u.id = cf.user_id
            AND ac.id = cf.community_id) AS subscribed
FROM
    user_ u
    CROSS JOIN (
        SELECT
            ca.*
        FROM
            community_aggregates_fast ca) ac
UNION ALL
SELECT
    caf.*,
    NULL AS user_id,
    NULL AS subscribed
FROM
    community_aggregates_fast caf;

-- Comments, mentions, replies
DROP VIEW user_mention_view;

DROP VIEW reply_fast_view;

DROP VIEW comment_fast_view;

DROP VIEW comment_view;

DROP VIEW user_mention_fast_view;

DROP TABLE comment_aggregates_fast;

DROP VIEW comment_aggregates_view;

CREATE VIEW comment_aggregates_view AS
SELECT
    ct.*,
    -- post details
    p."name" AS post_name,
    p.community_id,
    -- community details
    c.actor_id AS community_actor_id,
    c."local" AS community_local,
    c."name" AS community_name,
    c.icon AS community_icon,
    -- creator details
    u.banned AS banned,
    coalesce(cb.id, 0)::bool AS banned_from_community,
    u.actor_id AS creator_actor_id,
    u.local AS creator_local,
    u.name AS creator_name,
    u.preferred_username AS creator_preferred_username,
    u.published AS creator_published,
    u.avatar AS creator_avatar,
    -- score details
    coalesce(cl.total, 0) AS score,
    coalesce(cl.up, 0) AS upvotes,
    coalesce(cl.down, 0) AS downvotes,
    hot_rank (coalesce(cl.total, 1), p.published) AS hot_rank,
    hot_rank (coalesce(cl.total, 1), ct.published) AS hot_rank_active
FROM
    comment ct
    LEFT JOIN post p ON ct.post_id = p.id
    LEFT JOIN community c ON p.community_id = c.id
    LEFT JOIN user_ u ON ct.creator_id = u.id
    LEFT JOIN community_user_ban cb ON ct.creator_id = cb.user_id
        AND p.id = ct.post_id
        AND p.community_id = cb.community_id
    LEFT JOIN (
        SELECT
            l.comment_id AS id,
            sum(l.score) AS total,
            count(
                CASE WHEN l.score = 1 THEN
                    1
                ELSE
                    NULL
                END) AS up,
            count(
                CASE WHEN l.score = -1 THEN
                    1
                ELSE
                    NULL
                END) AS down
        FROM
            comment_like l
        GROUP BY
            comment_id) AS cl ON cl.id = ct.id;

CREATE OR REPLACE VIEW comment_view AS (
    SELECT
        cav.*,
        us.user_id AS user_id,
        us.my_vote AS my_vote,
        us.is_subbed::bool AS subscribed,
        us.is_saved::bool AS saved
    FROM
        comment_aggregates_view cav
    CROSS JOIN LATERAL (
        SELECT
            u.id AS user_id,
            coalesce(cl.score, 0) AS my_vote,
            coalesce(cf.id, 0) AS is_subbed,
            coalesce(cs.id, 0) AS is_saved
        FROM
            user_ u
            LEFT JOIN comment_like cl ON u.id = cl.user_id
                AND cav.id = cl.comment_id
        LEFT JOIN comment_saved cs ON u.id = cs.user_id
            AND cs.comment_id = cav.id
    LEFT JOIN community_follower cf ON u.id = cf.user_id
        AND cav.community_id = cf.community_id) AS us
UNION ALL
SELECT
    cav.*,
    NULL AS user_id,
    NULL AS my_vote,
    NULL AS subscribed,
    NULL AS saved
FROM
    comment_aggregates_view cav);

CREATE TABLE comment_aggregates_fast AS
SELECT
    *
FROM
    comment_aggregates_view;

ALTER TABLE comment_aggregates_fast
    ADD PRIMARY KEY (id);

CREATE VIEW comment_fast_view AS
SELECT
    cav.*,
    us.user_id AS user_id,
    us.my_vote AS my_vote,
    us.is_subbed::bool AS subscribed,
    us.is_saved::bool AS saved
FROM
    comment_aggregates_fast cav
    CROSS JOIN LATERAL (
        SELECT
            u.id AS user_id,
            coalesce(cl.score, 0) AS my_vote,
            coalesce(cf.id, 0) AS is_subbed,
            coalesce(cs.id, 0) AS is_saved
        FROM
            user_ u
            LEFT JOIN comment_like cl ON u.id = cl.user_id
                AND cav.id = cl.comment_id
        LEFT JOIN comment_saved cs ON u.id = cs.user_id
            AND cs.comment_id = cav.id
    LEFT JOIN community_follower cf ON u.id = cf.user_id
        AND cav.community_id = cf.community_id) AS us
UNION ALL
SELECT
    cav.*,
    NULL AS user_id,
    NULL AS my_vote,
    NULL AS subscribed,
    NULL AS saved
FROM
    comment_aggregates_fast cav;

CREATE VIEW user_mention_view AS
SELECT
    c.id,
    um.id AS user_mention_id,
    c.creator_id,
    c.creator_actor_id,
    c.creator_local,
    c.post_id,
    c.post_name,
    c.parent_id,
    c.content,
    c.removed,
    um.read,
    c.published,
    c.updated,
    c.deleted,
    c.community_id,
    c.community_actor_id,
    c.community_local,
    c.community_name,
    c.community_icon,
    c.banned,
    c.banned_from_community,
    c.creator_name,
    c.creator_preferred_username,
    c.creator_avatar,
    c.score,
    c.upvotes,
    c.downvotes,
    c.hot_rank,
    c.hot_rank_active,
    c.user_id,
    c.my_vote,
    c.saved,
    um.recipient_id,
    (
        SELECT
            actor_id
        FROM
            user_ u
        WHERE
            u.id = um.recipient_id) AS recipient_actor_id,
    (
        SELECT
            local
        FROM
            user_ u
        WHERE
            u.id = um.recipient_id) AS recipient_local
FROM
    user_mention um,
    comment_view c
WHERE
    um.comment_id = c.id;

CREATE VIEW user_mention_fast_view AS
SELECT
    ac.id,
    um.id AS user_mention_id,
    ac.creator_id,
    ac.creator_actor_id,
    ac.creator_local,
    ac.post_id,
    ac.post_name,
    ac.parent_id,
    ac.content,
    ac.removed,
    um.read,
    ac.published,
    ac.updated,
    ac.deleted,
    ac.community_id,
    ac.community_actor_id,
    ac.community_local,
    ac.community_name,
    ac.community_icon,
    ac.banned,
    ac.banned_from_community,
    ac.creator_name,
    ac.creator_preferred_username,
    ac.creator_avatar,
    ac.score,
    ac.upvotes,
    ac.downvotes,
    ac.hot_rank,
    ac.hot_rank_active,
    u.id AS user_id,
    coalesce(cl.score, 0) AS my_vote,
    (
        SELECT
            cs.id::bool
        FROM
            comment_saved cs
        WHERE
            u.id = cs.user_id
            AND cs.comment_id = ac.id) AS saved,
    um.recipient_id,
    (
        SELECT
            actor_id
        FROM
            user_ u
        WHERE
            u.id = um.recipient_id) AS recipient_actor_id,
    (
        SELECT
            local
        FROM
            user_ u
        WHERE
            u.id = um.recipient_id) AS recipient_local
FROM
    user_ u
    CROSS JOIN (
        SELECT
            ca.*
        FROM
            comment_aggregates_fast ca) ac
    LEFT JOIN comment_like cl ON u.id = cl.user_id
        AND ac.id = cl.comment_id
    LEFT JOIN user_mention um ON um.comment_id = ac.id
UNION ALL
SELECT
    ac.id,
    um.id AS user_mention_id,
    ac.creator_id,
    ac.creator_actor_id,
    ac.creator_local,
    ac.post_id,
    ac.post_name,
    ac.parent_id,
    ac.content,
    ac.removed,
    um.read,
    ac.published,
    ac.updated,
    ac.deleted,
    ac.community_id,
    ac.community_actor_id,
    ac.community_local,
    ac.community_name,
    ac.community_icon,
    ac.banned,
    ac.banned_from_community,
    ac.creator_name,
    ac.creator_preferred_username,
    ac.creator_avatar,
    ac.score,
    ac.upvotes,
    ac.downvotes,
    ac.hot_rank,
    ac.hot_rank_active,
    NULL AS user_id,
    NULL AS my_vote,
    NULL AS saved,
    um.recipient_id,
    (
        SELECT
            actor_id
        FROM
            user_ u
        WHERE
            u.id = um.recipient_id) AS recipient_actor_id,
    (
        SELECT
            local
        FROM
            user_ u
        WHERE
            u.id = um.recipient_id) AS recipient_local
FROM
    comment_aggregates_fast ac
    LEFT JOIN user_mention um ON um.comment_id = ac.id;

-- Do the reply_view referencing the comment_fast_view
CREATE VIEW reply_fast_view AS
with closereply AS (
    SELECT
        c2.id,
        c2.creator_id AS sender_id,
        c.creator_id AS recipient_id
    FROM
        comment c
        INNER JOIN comment c2 ON c.id = c2.parent_id
    WHERE
        c2.creator_id != c.creator_id
        -- Do union where post is null
    UNION
    SELECT
        c.id,
        c.creator_id AS sender_id,
        p.creator_id AS recipient_id
    FROM
        comment c,
        post p
    WHERE
        c.post_id = p.id
        AND c.parent_id IS NULL
        AND c.creator_id != p.creator_id
)
SELECT
    cv.*,
    closereply.recipient_id
FROM
    comment_fast_view cv,
    closereply
WHERE
    closereply.id = cv.id;

-- Adding hot rank active to the triggers
CREATE OR REPLACE FUNCTION refresh_post ()
    RETURNS TRIGGER
    LANGUAGE plpgsql
    AS $$
BEGIN
    IF (TG_OP = 'DELETE') THEN
        DELETE FROM post_aggregates_fast
        WHERE id = OLD.id;
        -- Update community number of posts
        UPDATE
            community_aggregates_fast
        SET
            number_of_posts = number_of_posts - 1
        WHERE
            id = OLD.community_id;
    ELSIF (TG_OP = 'UPDATE') THEN
        DELETE FROM post_aggregates_fast
        WHERE id = OLD.id;
        INSERT INTO post_aggregates_fast
        SELECT
            *
        FROM
            post_aggregates_view
        WHERE
            id = NEW.id;
    ELSIF (TG_OP = 'INSERT') THEN
        INSERT INTO post_aggregates_fast
        SELECT
            *
        FROM
            post_aggregates_view
        WHERE
            id = NEW.id;
        -- Update that users number of posts, post score
        DELETE FROM user_fast
        WHERE id = NEW.creator_id;
        INSERT INTO user_fast
        SELECT
            *
        FROM
            user_view
        WHERE
            id = NEW.creator_id;
        -- Update community number of posts
        UPDATE
            community_aggregates_fast
        SET
            number_of_posts = number_of_posts + 1
        WHERE
            id = NEW.community_id;
        -- Update the hot rank on the post table
        -- TODO this might not correctly update it, using a 1 week interval
        UPDATE
            post_aggregates_fast AS paf
        SET
            hot_rank = pav.hot_rank,
            hot_rank_active = pav.hot_rank_active
        FROM
            post_aggregates_view AS pav
        WHERE
            paf.id = pav.id
            AND (pav.published > ('now'::timestamp - '1 week'::interval));
    END IF;
    RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION refresh_comment ()
    RETURNS TRIGGER
    LANGUAGE plpgsql
    AS $$
BEGIN
    IF (TG_OP = 'DELETE') THEN
        DELETE FROM comment_aggregates_fast
        WHERE id = OLD.id;
        -- Update community number of comments
        UPDATE
            community_aggregates_fast AS caf
        SET
            number_of_comments = number_of_comments - 1
        FROM
            post AS p
        WHERE
            caf.id = p.community_id
            AND p.id = OLD.post_id;
    ELSIF (TG_OP = 'UPDATE') THEN
        DELETE FROM comment_aggregates_fast
        WHERE id = OLD.id;
        INSERT INTO comment_aggregates_fast
        SELECT
            *
        FROM
            comment_aggregates_view
        WHERE
            id = NEW.id;
    ELSIF (TG_OP = 'INSERT') THEN
        INSERT INTO comment_aggregates_fast
        SELECT
            *
        FROM
            comment_aggregates_view
        WHERE
            id = NEW.id;
        -- Update user view due to comment count
        UPDATE
            user_fast
        SET
            number_of_comments = number_of_comments + 1
        WHERE
            id = NEW.creator_id;
        -- Update post view due to comment count, new comment activity time, but only on new posts
        -- TODO this could be done more efficiently
        DELETE FROM post_aggregates_fast
        WHERE id = NEW.post_id;
        INSERT INTO post_aggregates_fast
        SELECT
            *
        FROM
            post_aggregates_view
        WHERE
            id = NEW.post_id;
        -- Update the comment hot_ranks as of last week
        UPDATE
            comment_aggregates_fast AS caf
        SET
            hot_rank = cav.hot_rank,
            hot_rank_active = cav.hot_rank_active
        FROM
            comment_aggregates_view AS cav
        WHERE
            caf.id = cav.id
            AND (cav.published > ('now'::timestamp - '1 week'::interval));
        -- Update the post ranks
        UPDATE
            post_aggregates_fast AS paf
        SET
            hot_rank = pav.hot_rank,
            hot_rank_active = pav.hot_rank_active
        FROM
            post_aggregates_view AS pav
        WHERE
            paf.id = pav.id
            AND (pav.published > ('now'::timestamp - '1 week'::interval));
        -- Force the hot rank active as zero on 2 day-older posts (necro-bump)
        UPDATE
            post_aggregates_fast AS paf
        SET
            hot_rank_active = 0
        WHERE
            paf.id = NEW.post_id
            AND (paf.published < ('now'::timestamp - '2 days'::interval));
        -- Update community number of comments
        UPDATE
            community_aggregates_fast AS caf
        SET
            number_of_comments = number_of_comments + 1
        FROM
            post AS p
        WHERE
            caf.id = p.community_id
            AND p.id = NEW.post_id;
    END IF;
    RETURN NULL;
END
$$;

;
-- ===== migrations/2020-08-06-205355_update_community_post_count/up.sql
-- Drop first
DROP VIEW community_view;

DROP VIEW community_aggregates_view;

DROP VIEW community_fast_view;

DROP TABLE community_aggregates_fast;

CREATE VIEW community_aggregates_view AS
SELECT
    c.id,
    c.name,
    c.title,
    c.icon,
    c.banner,
    c.description,
    c.category_id,
    c.creator_id,
    c.removed,
    c.published,
    c.updated,
    c.deleted,
    c.nsfw,
    c.actor_id,
    c.local,
    c.last_refreshed_at,
    u.actor_id AS creator_actor_id,
    u.local AS creator_local,
    u.name AS creator_name,
    u.preferred_username AS creator_preferred_username,
    u.avatar AS creator_avatar,
    cat.name AS category_name,
    coalesce(cf.subs, 0) AS number_of_subscribers,
    coalesce(cd.posts, 0) AS number_of_posts,
    coalesce(cd.comments, 0) AS number_of_comments,
    hot_rank (cf.subs, c.published) AS hot_rank
FROM
    community c
    LEFT JOIN user_ u ON c.creator_id = u.id
    LEFT JOIN category cat ON c.category_id = cat.id
    LEFT JOIN (
        SELECT
            p.community_id,
            count(DISTINCT p.id) AS posts,
            count(DISTINCT ct.id) AS comments
        FROM
            post p
            LEFT JOIN comment ct ON p.id = ct.post_id
        GROUP BY
            p.community_id) cd ON cd.community_id = c.id
    LEFT JOIN (
        SELECT
            community_id,
            count(*) AS subs
        FROM
            community_follower
        GROUP BY
            community_id) cf ON cf.community_id = c.id;

CREATE VIEW community_view AS
SELECT
    cv.*,
    us.user AS user_id,
    us.is_subbed::bool AS subscribed
FROM
    community_aggregates_view cv
    CROSS JOIN LATERAL (
        SELECT
            u.id AS user,
            coalesce(cf.community_id, 0) AS is_subbed
        FROM
            user_ u
            LEFT JOIN community_follower cf ON u.id = cf.user_id
                AND cf.community_id = cv.id) AS us
    UNION ALL
    SELECT
        cv.*,
        NULL AS user_id,
        NULL AS subscribed
    FROM
        community_aggregates_view cv;

-- The community fast table
CREATE TABLE community_aggregates_fast AS
SELECT
    *
FROM
    community_aggregates_view;

ALTER TABLE community_aggregates_fast
    ADD PRIMARY KEY (id);

CREATE VIEW community_fast_view AS
SELECT
    ac.*,
    u.id AS user_id,
    (
        SELECT
            cf.id::boolean
        FROM
            community_follower cf
        WHERE
            u.id = cf.user_id
            AND ac.id = cf.community_id) AS subscribed
FROM
    user_ u
    CROSS JOIN (
        SELECT
            ca.*
        FROM
            community_aggregates_fast ca) ac
UNION ALL
SELECT
    caf.*,
    NULL AS user_id,
    NULL AS subscribed
FROM
    community_aggregates_fast caf;

;
-- ===== migrations/2020-08-25-132005_add_unique_ap_ids/up.sql
-- Add unique ap_id for private_message, comment, and post
-- Need to delete the possible dupes for ones that don't start with the fake one
DELETE FROM private_message a USING (
    SELECT
        min(id) AS id,
        ap_id
    FROM
        private_message
    GROUP BY
        ap_id
    HAVING
        count(*) > 1) b
WHERE
    a.ap_id = b.ap_id
    AND a.id <> b.id;

DELETE FROM post a USING (
    SELECT
        min(id) AS id,
        ap_id
    FROM
        post
    GROUP BY
        ap_id
    HAVING
        count(*) > 1) b
WHERE
    a.ap_id = b.ap_id
    AND a.id <> b.id;

DELETE FROM comment a USING (
    SELECT
        min(id) AS id,
        ap_id
    FROM
        comment
    GROUP BY
        ap_id
    HAVING
        count(*) > 1) b
WHERE
    a.ap_id = b.ap_id
    AND a.id <> b.id;

-- Replacing the current default on the columns, to the unique one
UPDATE
    private_message
SET
    ap_id = generate_unique_changeme ()
WHERE
    ap_id = 'http://fake.com';

UPDATE
    post
SET
    ap_id = generate_unique_changeme ()
WHERE
    ap_id = 'http://fake.com';

UPDATE
    comment
SET
    ap_id = generate_unique_changeme ()
WHERE
    ap_id = 'http://fake.com';

-- Add the unique indexes
ALTER TABLE private_message
    ALTER COLUMN ap_id SET NOT NULL;

ALTER TABLE private_message
    ALTER COLUMN ap_id SET DEFAULT generate_unique_changeme ();

ALTER TABLE post
    ALTER COLUMN ap_id SET NOT NULL;

ALTER TABLE post
    ALTER COLUMN ap_id SET DEFAULT generate_unique_changeme ();

ALTER TABLE comment
    ALTER COLUMN ap_id SET NOT NULL;

ALTER TABLE comment
    ALTER COLUMN ap_id SET DEFAULT generate_unique_changeme ();

-- Add the uniques, for user_ and community too
ALTER TABLE private_message
    ADD CONSTRAINT idx_private_message_ap_id UNIQUE (ap_id);

ALTER TABLE post
    ADD CONSTRAINT idx_post_ap_id UNIQUE (ap_id);

ALTER TABLE comment
    ADD CONSTRAINT idx_comment_ap_id UNIQUE (ap_id);

ALTER TABLE user_
    ADD CONSTRAINT idx_user_actor_id UNIQUE (actor_id);

ALTER TABLE community
    ADD CONSTRAINT idx_community_actor_id UNIQUE (actor_id);

;
-- ===== migrations/2020-09-07-231141_add_migration_utils/up.sql
CREATE SCHEMA utils;

CREATE TABLE utils.deps_saved_ddl (
    id serial NOT NULL,
    view_schema character varying(255),
    view_name character varying(255),
    ddl_to_run text,
    CONSTRAINT deps_saved_ddl_pkey PRIMARY KEY (id)
);

CREATE OR REPLACE FUNCTION utils.save_and_drop_views (p_view_schema name, p_view_name name)
    RETURNS void
    LANGUAGE plpgsql
    COST 100
    AS $BODY$
DECLARE
    v_curr record;
BEGIN
    FOR v_curr IN (
        SELECT
            obj_schema,
            obj_name,
            obj_type
        FROM ( WITH RECURSIVE recursive_deps (
                obj_schema,
                obj_name,
                obj_type,
                depth
) AS (
                SELECT
                    p_view_schema::name,
                    p_view_name,
                    NULL::varchar,
                    0
                UNION
                SELECT
                    dep_schema::varchar,
                    dep_name::varchar,
                    dep_type::varchar,
                    recursive_deps.depth + 1
                FROM (
                    SELECT
                        ref_nsp.nspname ref_schema,
                        ref_cl.relname ref_name,
                        rwr_cl.relkind dep_type,
                        rwr_nsp.nspname dep_schema,
                        rwr_cl.relname dep_name
                    FROM
                        pg_depend dep
                        JOIN pg_class ref_cl ON dep.refobjid = ref_cl.oid
                        JOIN pg_namespace ref_nsp ON ref_cl.relnamespace = ref_nsp.oid
                        JOIN pg_rewrite rwr ON dep.objid = rwr.oid
                        JOIN pg_class rwr_cl ON rwr.ev_class = rwr_cl.oid
                        JOIN pg_namespace rwr_nsp ON rwr_cl.relnamespace = rwr_nsp.oid
                    WHERE
                        dep.deptype = 'n'
                        AND dep.classid = 'pg_rewrite'::regclass) deps
                    JOIN recursive_deps ON deps.ref_schema = recursive_deps.obj_schema
                        AND deps.ref_name = recursive_deps.obj_name
                WHERE (deps.ref_schema != deps.dep_schema
                    OR deps.ref_name != deps.dep_name))
            SELECT
                obj_schema,
                obj_name,
                obj_type,
                depth
            FROM
                recursive_deps
            WHERE
                depth > 0) t
        GROUP BY
            obj_schema,
            obj_name,
            obj_type
        ORDER BY
            max(depth) DESC)
            LOOP
                IF v_curr.obj_type = 'v' THEN
                    INSERT INTO utils.deps_saved_ddl (view_schema, view_name, ddl_to_run)
                    SELECT
                        p_view_schema,
                        p_view_name,
                        'CREATE VIEW ' || v_curr.obj_schema || '.' || v_curr.obj_name || ' AS ' || view_definition
                    FROM
                        information_schema.views
                    WHERE
                        table_schema = v_curr.obj_schema
                        AND table_name = v_curr.obj_name;
                    EXECUTE 'DROP VIEW' || ' ' || v_curr.obj_schema || '.' || v_curr.obj_name;
                END IF;
            END LOOP;
END;
$BODY$;

CREATE OR REPLACE FUNCTION utils.restore_views (p_view_schema character varying, p_view_name character varying)
    RETURNS void
    LANGUAGE plpgsql
    COST 100
    AS $BODY$
DECLARE
    v_curr record;
BEGIN
    FOR v_curr IN (
        SELECT
            ddl_to_run,
            id
        FROM
            utils.deps_saved_ddl
        WHERE
            view_schema = p_view_schema
            AND view_name = p_view_name
        ORDER BY
            id DESC)
            LOOP
                BEGIN
                    EXECUTE v_curr.ddl_to_run;
                    DELETE FROM utils.deps_saved_ddl
                    WHERE id = v_curr.id;
                EXCEPTION
                    WHEN OTHERS THEN
                        -- keep looping, but please check for errors or remove left overs to handle manually
                END;
    END LOOP;
END;

$BODY$;

;
-- ===== migrations/2020-10-07-234221_fix_fast_triggers/up.sql
-- This adds on conflict do nothing triggers to all the insert_intos
-- Github issue: https://github.com/LemmyNet/lemmy/issues/1179
CREATE OR REPLACE FUNCTION refresh_community ()
    RETURNS TRIGGER
    LANGUAGE plpgsql
    AS $$
BEGIN
    IF (TG_OP = 'DELETE') THEN
        DELETE FROM community_aggregates_fast
        WHERE id = OLD.id;
    ELSIF (TG_OP = 'UPDATE') THEN
        DELETE FROM community_aggregates_fast
        WHERE id = OLD.id;
        INSERT INTO community_aggregates_fast
        SELECT
            *
        FROM
            community_aggregates_view
        WHERE
            id = NEW.id
        ON CONFLICT (id)
            DO NOTHING;
        -- Update user view due to owner changes
        DELETE FROM user_fast
        WHERE id = NEW.creator_id;
        INSERT INTO user_fast
        SELECT
            *
        FROM
            user_view
        WHERE
            id = NEW.creator_id
        ON CONFLICT (id)
            DO NOTHING;
        -- Update post view due to community changes
        DELETE FROM post_aggregates_fast
        WHERE community_id = NEW.id;
        INSERT INTO post_aggregates_fast
        SELECT
            *
        FROM
            post_aggregates_view
        WHERE
            community_id = NEW.id
        ON CONFLICT (id)
            DO NOTHING;
        -- TODO make sure this shows up in the users page ?
    ELSIF (TG_OP = 'INSERT') THEN
        INSERT INTO community_aggregates_fast
        SELECT
            *
        FROM
            community_aggregates_view
        WHERE
            id = NEW.id;
    END IF;
    RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION refresh_user ()
    RETURNS TRIGGER
    LANGUAGE plpgsql
    AS $$
BEGIN
    IF (TG_OP = 'DELETE') THEN
        DELETE FROM user_fast
        WHERE id = OLD.id;
    ELSIF (TG_OP = 'UPDATE') THEN
        DELETE FROM user_fast
        WHERE id = OLD.id;
        INSERT INTO user_fast
        SELECT
            *
        FROM
            user_view
        WHERE
            id = NEW.id
        ON CONFLICT (id)
            DO NOTHING;
        -- Refresh post_fast, cause of user info changes
        DELETE FROM post_aggregates_fast
        WHERE creator_id = NEW.id;
        INSERT INTO post_aggregates_fast
        SELECT
            *
        FROM
            post_aggregates_view
        WHERE
            creator_id = NEW.id
        ON CONFLICT (id)
            DO NOTHING;
        DELETE FROM comment_aggregates_fast
        WHERE creator_id = NEW.id;
        INSERT INTO comment_aggregates_fast
        SELECT
            *
        FROM
            comment_aggregates_view
        WHERE
            creator_id = NEW.id
        ON CONFLICT (id)
            DO NOTHING;
    ELSIF (TG_OP = 'INSERT') THEN
        INSERT INTO user_fast
        SELECT
            *
        FROM
            user_view
        WHERE
            id = NEW.id;
    END IF;
    RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION refresh_post ()
    RETURNS TRIGGER
    LANGUAGE plpgsql
    AS $$
BEGIN
    IF (TG_OP = 'DELETE') THEN
        DELETE FROM post_aggregates_fast
        WHERE id = OLD.id;
        -- Update community number of posts
        UPDATE
            community_aggregates_fast
        SET
            number_of_posts = number_of_posts - 1
        WHERE
            id = OLD.community_id;
    ELSIF (TG_OP = 'UPDATE') THEN
        DELETE FROM post_aggregates_fast
        WHERE id = OLD.id;
        INSERT INTO post_aggregates_fast
        SELECT
            *
        FROM
            post_aggregates_view
        WHERE
            id = NEW.id
        ON CONFLICT (id)
            DO NOTHING;
    ELSIF (TG_OP = 'INSERT') THEN
        INSERT INTO post_aggregates_fast
        SELECT
            *
        FROM
            post_aggregates_view
        WHERE
            id = NEW.id;
        -- Update that users number of posts, post score
        DELETE FROM user_fast
        WHERE id = NEW.creator_id;
        INSERT INTO user_fast
        SELECT
            *
        FROM
            user_view
        WHERE
            id = NEW.creator_id
        ON CONFLICT (id)
            DO NOTHING;
        -- Update community number of posts
        UPDATE
            community_aggregates_fast
        SET
            number_of_posts = number_of_posts + 1
        WHERE
            id = NEW.community_id;
        -- Update the hot rank on the post table
        -- TODO this might not correctly update it, using a 1 week interval
        UPDATE
            post_aggregates_fast AS paf
        SET
            hot_rank = pav.hot_rank
        FROM
            post_aggregates_view AS pav
        WHERE
            paf.id = pav.id
            AND (pav.published > ('now'::timestamp - '1 week'::interval));
    END IF;
    RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION refresh_comment ()
    RETURNS TRIGGER
    LANGUAGE plpgsql
    AS $$
BEGIN
    IF (TG_OP = 'DELETE') THEN
        DELETE FROM comment_aggregates_fast
        WHERE id = OLD.id;
        -- Update community number of comments
        UPDATE
            community_aggregates_fast AS caf
        SET
            number_of_comments = number_of_comments - 1
        FROM
            post AS p
        WHERE
            caf.id = p.community_id
            AND p.id = OLD.post_id;
    ELSIF (TG_OP = 'UPDATE') THEN
        DELETE FROM comment_aggregates_fast
        WHERE id = OLD.id;
        INSERT INTO comment_aggregates_fast
        SELECT
            *
        FROM
            comment_aggregates_view
        WHERE
            id = NEW.id
        ON CONFLICT (id)
            DO NOTHING;
    ELSIF (TG_OP = 'INSERT') THEN
        INSERT INTO comment_aggregates_fast
        SELECT
            *
        FROM
            comment_aggregates_view
        WHERE
            id = NEW.id;
        -- Update user view due to comment count
        UPDATE
            user_fast
        SET
            number_of_comments = number_of_comments + 1
        WHERE
            id = NEW.creator_id;
        -- Update post view due to comment count, new comment activity time, but only on new posts
        -- TODO this could be done more efficiently
        DELETE FROM post_aggregates_fast
        WHERE id = NEW.post_id;
        INSERT INTO post_aggregates_fast
        SELECT
            *
        FROM
            post_aggregates_view
        WHERE
            id = NEW.post_id
        ON CONFLICT (id)
            DO NOTHING;
        -- Force the hot rank as zero on week-older posts
        UPDATE
            post_aggregates_fast AS paf
        SET
            hot_rank = 0
        WHERE
            paf.id = NEW.post_id
            AND (paf.published < ('now'::timestamp - '1 week'::interval));
        -- Update community number of comments
        UPDATE
            community_aggregates_fast AS caf
        SET
            number_of_comments = number_of_comments + 1
        FROM
            post AS p
        WHERE
            caf.id = p.community_id
            AND p.id = NEW.post_id;
    END IF;
    RETURN NULL;
END
$$;

;
-- ===== migrations/2020-10-10-035723_fix_fast_triggers_2/up.sql
-- Forgot to add hot rank active to these two triggers
CREATE OR REPLACE FUNCTION refresh_post ()
    RETURNS TRIGGER
    LANGUAGE plpgsql
    AS $$
BEGIN
    IF (TG_OP = 'DELETE') THEN
        DELETE FROM post_aggregates_fast
        WHERE id = OLD.id;
        -- Update community number of posts
        UPDATE
            community_aggregates_fast
        SET
            number_of_posts = number_of_posts - 1
        WHERE
            id = OLD.community_id;
    ELSIF (TG_OP = 'UPDATE') THEN
        DELETE FROM post_aggregates_fast
        WHERE id = OLD.id;
        INSERT INTO post_aggregates_fast
        SELECT
            *
        FROM
            post_aggregates_view
        WHERE
            id = NEW.id
        ON CONFLICT (id)
            DO NOTHING;
    ELSIF (TG_OP = 'INSERT') THEN
        INSERT INTO post_aggregates_fast
        SELECT
            *
        FROM
            post_aggregates_view
        WHERE
            id = NEW.id;
        -- Update that users number of posts, post score
        DELETE FROM user_fast
        WHERE id = NEW.creator_id;
        INSERT INTO user_fast
        SELECT
            *
        FROM
            user_view
        WHERE
            id = NEW.creator_id
        ON CONFLICT (id)
            DO NOTHING;
        -- Update community number of posts
        UPDATE
            community_aggregates_fast
        SET
            number_of_posts = number_of_posts + 1
        WHERE
            id = NEW.community_id;
        -- Update the hot rank on the post table
        -- TODO this might not correctly update it, using a 1 week interval
        UPDATE
            post_aggregates_fast AS paf
        SET
            hot_rank = pav.hot_rank,
            hot_rank_active = pav.hot_rank_active
        FROM
            post_aggregates_view AS pav
        WHERE
            paf.id = pav.id
            AND (pav.published > ('now'::timestamp - '1 week'::interval));
    END IF;
    RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION refresh_comment ()
    RETURNS TRIGGER
    LANGUAGE plpgsql
    AS $$
BEGIN
    IF (TG_OP = 'DELETE') THEN
        DELETE FROM comment_aggregates_fast
        WHERE id = OLD.id;
        -- Update community number of comments
        UPDATE
            community_aggregates_fast AS caf
        SET
            number_of_comments = number_of_comments - 1
        FROM
            post AS p
        WHERE
            caf.id = p.community_id
            AND p.id = OLD.post_id;
    ELSIF (TG_OP = 'UPDATE') THEN
        DELETE FROM comment_aggregates_fast
        WHERE id = OLD.id;
        INSERT INTO comment_aggregates_fast
        SELECT
            *
        FROM
            comment_aggregates_view
        WHERE
            id = NEW.id
        ON CONFLICT (id)
            DO NOTHING;
    ELSIF (TG_OP = 'INSERT') THEN
        INSERT INTO comment_aggregates_fast
        SELECT
            *
        FROM
            comment_aggregates_view
        WHERE
            id = NEW.id;
        -- Update user view due to comment count
        UPDATE
            user_fast
        SET
            number_of_comments = number_of_comments + 1
        WHERE
            id = NEW.creator_id;
        -- Update post view due to comment count, new comment activity time, but only on new posts
        -- TODO this could be done more efficiently
        DELETE FROM post_aggregates_fast
        WHERE id = NEW.post_id;
        INSERT INTO post_aggregates_fast
        SELECT
            *
        FROM
            post_aggregates_view
        WHERE
            id = NEW.post_id
        ON CONFLICT (id)
            DO NOTHING;
        -- Update the comment hot_ranks as of last week
        UPDATE
            comment_aggregates_fast AS caf
        SET
            hot_rank = cav.hot_rank,
            hot_rank_active = cav.hot_rank_active
        FROM
            comment_aggregates_view AS cav
        WHERE
            caf.id = cav.id
            AND (cav.published > ('now'::timestamp - '1 week'::interval));
        -- Update the post ranks
        UPDATE
            post_aggregates_fast AS paf
        SET
            hot_rank = pav.hot_rank,
            hot_rank_active = pav.hot_rank_active
        FROM
            post_aggregates_view AS pav
        WHERE
            paf.id = pav.id
            AND (pav.published > ('now'::timestamp - '1 week'::interval));
        -- Force the hot rank active as zero on 2 day-older posts (necro-bump)
        UPDATE
            post_aggregates_fast AS paf
        SET
            hot_rank_active = 0
        WHERE
            paf.id = NEW.post_id
            AND (paf.published < ('now'::timestamp - '2 days'::interval));
        -- Update community number of comments
        UPDATE
            community_aggregates_fast AS caf
        SET
            number_of_comments = number_of_comments + 1
        FROM
            post AS p
        WHERE
            caf.id = p.community_id
            AND p.id = NEW.post_id;
    END IF;
    RETURN NULL;
END
$$;

;
-- ===== migrations/2020-10-13-212240_create_report_tables/up.sql
CREATE TABLE comment_report (
    id serial PRIMARY KEY,
    creator_id int REFERENCES user_ ON UPDATE CASCADE ON DELETE CASCADE NOT NULL, -- user reporting comment
    comment_id int REFERENCES COMMENT ON UPDATE CASCADE ON DELETE CASCADE NOT NULL, -- comment being reported
    original_comment_text text NOT NULL,
    reason text NOT NULL,
    resolved bool NOT NULL DEFAULT FALSE,
    resolver_id int REFERENCES user_ ON UPDATE CASCADE ON DELETE CASCADE, -- user resolving report
    published timestamp NOT NULL DEFAULT now(),
    updated timestamp NULL,
    UNIQUE (comment_id, creator_id) -- users should only be able to report a comment once
);

CREATE TABLE post_report (
    id serial PRIMARY KEY,
    creator_id int REFERENCES user_ ON UPDATE CASCADE ON DELETE CASCADE NOT NULL, -- user reporting post
    post_id int REFERENCES post ON UPDATE CASCADE ON DELETE CASCADE NOT NULL, -- post being reported
    original_post_name varchar(100) NOT NULL,
    original_post_url text,
    original_post_body text,
    reason text NOT NULL,
    resolved bool NOT NULL DEFAULT FALSE,
    resolver_id int REFERENCES user_ ON UPDATE CASCADE ON DELETE CASCADE, -- user resolving report
    published timestamp NOT NULL DEFAULT now(),
    updated timestamp NULL,
    UNIQUE (post_id, creator_id) -- users should only be able to report a post once
);

CREATE OR REPLACE VIEW comment_report_view AS
SELECT
    cr.*,
    c.post_id,
    c.content AS current_comment_text,
    p.community_id,
    -- report creator details
    f.actor_id AS creator_actor_id,
    f.name AS creator_name,
    f.preferred_username AS creator_preferred_username,
    f.avatar AS creator_avatar,
    f.local AS creator_local,
    -- comment creator details
    u.id AS comment_creator_id,
    u.actor_id AS comment_creator_actor_id,
    u.name AS comment_creator_name,
    u.preferred_username AS comment_creator_preferred_username,
    u.avatar AS comment_creator_avatar,
    u.local AS comment_creator_local,
    -- resolver details
    r.actor_id AS resolver_actor_id,
    r.name AS resolver_name,
    r.preferred_username AS resolver_preferred_username,
    r.avatar AS resolver_avatar,
    r.local AS resolver_local
FROM
    comment_report cr
    LEFT JOIN comment c ON c.id = cr.comment_id
    LEFT JOIN post p ON p.id = c.post_id
    LEFT JOIN user_ u ON u.id = c.creator_id
    LEFT JOIN user_ f ON f.id = cr.creator_id
    LEFT JOIN user_ r ON r.id = cr.resolver_id;

CREATE OR REPLACE VIEW post_report_view AS
SELECT
    pr.*,
    p.name AS current_post_name,
    p.url AS current_post_url,
    p.body AS current_post_body,
    p.community_id,
    -- report creator details
    f.actor_id AS creator_actor_id,
    f.name AS creator_name,
    f.preferred_username AS creator_preferred_username,
    f.avatar AS creator_avatar,
    f.local AS creator_local,
    -- post creator details
    u.id AS post_creator_id,
    u.actor_id AS post_creator_actor_id,
    u.name AS post_creator_name,
    u.preferred_username AS post_creator_preferred_username,
    u.avatar AS post_creator_avatar,
    u.local AS post_creator_local,
    -- resolver details
    r.actor_id AS resolver_actor_id,
    r.name AS resolver_name,
    r.preferred_username AS resolver_preferred_username,
    r.avatar AS resolver_avatar,
    r.local AS resolver_local
FROM
    post_report pr
    LEFT JOIN post p ON p.id = pr.post_id
    LEFT JOIN user_ u ON u.id = p.creator_id
    LEFT JOIN user_ f ON f.id = pr.creator_id
    LEFT JOIN user_ r ON r.id = pr.resolver_id;

;
-- ===== migrations/2020-10-23-115011_activity_ap_id_column/up.sql
ALTER TABLE activity
    ADD COLUMN ap_id text;

;
-- ===== migrations/2020-11-05-152724_activity_remove_user_id/up.sql
ALTER TABLE activity
    DROP COLUMN user_id;

ALTER TABLE activity
    ADD COLUMN sensitive boolean DEFAULT TRUE;

;
-- ===== migrations/2020-11-10-150835_community_follower_pending/up.sql
ALTER TABLE community_follower
    ADD COLUMN pending boolean DEFAULT FALSE;

;
-- ===== migrations/2020-11-26-134531_delete_user/up.sql
ALTER TABLE user_
    ADD COLUMN deleted boolean DEFAULT FALSE NOT NULL;

;
-- ===== migrations/2020-12-02-152437_create_site_aggregates/up.sql
-- Add site aggregates
CREATE TABLE site_aggregates (
    id serial PRIMARY KEY,
    site_id int REFERENCES site ON UPDATE CASCADE ON DELETE CASCADE NOT NULL,
    users bigint NOT NULL DEFAULT 1,
    posts bigint NOT NULL DEFAULT 0,
    comments bigint NOT NULL DEFAULT 0,
    communities bigint NOT NULL DEFAULT 0
);

INSERT INTO site_aggregates (site_id, users, posts, comments, communities)
SELECT
    id AS site_id,
    (
        SELECT
            coalesce(count(*), 0)
        FROM
            user_
        WHERE
            local = TRUE) AS users,
    (
        SELECT
            coalesce(count(*), 0)
        FROM
            post
        WHERE
            local = TRUE) AS posts,
    (
        SELECT
            coalesce(count(*), 0)
        FROM
            comment
        WHERE
            local = TRUE) AS comments,
    (
        SELECT
            coalesce(count(*), 0)
        FROM
            community
        WHERE
            local = TRUE) AS communities
FROM
    site;

-- initial site add
CREATE FUNCTION site_aggregates_site ()
    RETURNS TRIGGER
    LANGUAGE plpgsql
    AS $$
BEGIN
    IF (TG_OP = 'INSERT') THEN
        INSERT INTO site_aggregates (site_id)
            VALUES (NEW.id);
    ELSIF (TG_OP = 'DELETE') THEN
        DELETE FROM site_aggregates
        WHERE site_id = OLD.id;
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER site_aggregates_site
    AFTER INSERT OR DELETE ON site
    FOR EACH ROW
    EXECUTE PROCEDURE site_aggregates_site ();

-- Add site aggregate triggers
-- user
CREATE FUNCTION site_aggregates_user_insert ()
    RETURNS TRIGGER
    LANGUAGE plpgsql
    AS $$
BEGIN
    UPDATE
        site_aggregates
    SET
        users = users + 1;
    RETURN NULL;
END
$$;

CREATE FUNCTION site_aggregates_user_delete ()
    RETURNS TRIGGER
    LANGUAGE plpgsql
    AS $$
BEGIN
    -- Join to site since the creator might not be there anymore
    UPDATE
        site_aggregates sa
    SET
        users = users - 1
    FROM
        site s
    WHERE
        sa.site_id = s.id;
    RETURN NULL;
END
$$;

CREATE TRIGGER site_aggregates_user_insert
    AFTER INSERT ON user_
    FOR EACH ROW
    WHEN (NEW.local = TRUE)
    EXECUTE PROCEDURE site_aggregates_user_insert ();

CREATE TRIGGER site_aggregates_user_delete
    AFTER DELETE ON user_
    FOR EACH ROW
    WHEN (OLD.local = TRUE)
    EXECUTE PROCEDURE site_aggregates_user_delete ();

-- post
CREATE FUNCTION site_aggregates_post_insert ()
    RETURNS TRIGGER
    LANGUAGE plpgsql
    AS $$
BEGIN
    UPDATE
        site_aggregates
    SET
        posts = posts + 1;
    RETURN NULL;
END
$$;

CREATE FUNCTION site_aggregates_post_delete ()
    RETURNS TRIGGER
    LANGUAGE plpgsql
    AS $$
BEGIN
    UPDATE
        site_aggregates sa
    SET
        posts = posts - 1
    FROM
        site s
    WHERE
        sa.site_id = s.id;
    RETURN NULL;
END
$$;

CREATE TRIGGER site_aggregates_post_insert
    AFTER INSERT ON post
    FOR EACH ROW
    WHEN (NEW.local = TRUE)
    EXECUTE PROCEDURE site_aggregates_post_insert ();

CREATE TRIGGER site_aggregates_post_delete
    AFTER DELETE ON post
    FOR EACH ROW
    WHEN (OLD.local = TRUE)
    EXECUTE PROCEDURE site_aggregates_post_delete ();

-- comment
CREATE FUNCTION site_aggregates_comment_insert ()
    RETURNS TRIGGER
    LANGUAGE plpgsql
    AS $$
BEGIN
    UPDATE
        site_aggregates
    SET
        comments = comments + 1;
    RETURN NULL;
END
$$;

CREATE FUNCTION site_aggregates_comment_delete ()
    RETURNS TRIGGER
    LANGUAGE plpgsql
    AS $$
BEGIN
    UPDATE
        site_aggregates sa
    SET
        comments = comments - 1
    FROM
        site s
    WHERE
        sa.site_id = s.id;
    RETURN NULL;
END
$$;

CREATE TRIGGER site_aggregates_comment_insert
    AFTER INSERT ON comment
    FOR EACH ROW
    WHEN (NEW.local = TRUE)
    EXECUTE PROCEDURE site_aggregates_comment_insert ();

CREATE TRIGGER site_aggregates_comment_delete
    AFTER DELETE ON comment
    FOR EACH ROW
    WHEN (OLD.local = TRUE)
    EXECUTE PROCEDURE site_aggregates_comment_delete ();

-- community
CREATE FUNCTION site_aggregates_community_insert ()
    RETURNS TRIGGER
    LANGUAGE plpgsql
    AS $$
BEGIN
    UPDATE
        site_aggregates
    SET
        communities = communities + 1;
    RETURN NULL;
END
$$;

CREATE FUNCTION site_aggregates_community_delete ()
    RETURNS TRIGGER
    LANGUAGE plpgsql
    AS $$
BEGIN
    UPDATE
        site_aggregates sa
    SET
        communities = communities - 1
    FROM
        site s
    WHERE
        sa.site_id = s.id;
    RETURN NULL;
END
$$;

CREATE TRIGGER site_aggregates_community_insert
    AFTER INSERT ON community
    FOR EACH ROW
    WHEN (NEW.local = TRUE)
    EXECUTE PROCEDURE site_aggregates_community_insert ();

CREATE TRIGGER site_aggregates_community_delete
    AFTER DELETE ON community
    FOR EACH ROW
    WHEN (OLD.local = TRUE)
    EXECUTE PROCEDURE site_aggregates_community_delete ();

;
-- ===== migrations/2020-12-03-035643_create_user_aggregates/up.sql
-- Add user aggregates
CREATE TABLE user_aggregates (
    id serial PRIMARY KEY,
    user_id int REFERENCES user_ ON UPDATE CASCADE ON DELETE CASCADE NOT NULL,
    post_count bigint NOT NULL DEFAULT 0,
    post_score bigint NOT NULL DEFAULT 0,
    comment_count bigint NOT NULL DEFAULT 0,
    comment_score bigint NOT NULL DEFAULT 0,
    UNIQUE (user_id)
);

INSERT INTO user_aggregates (user_id, post_count, post_score, comment_count, comment_score)
SELECT
    u.id,
    coalesce(pd.posts, 0),
    coalesce(pd.score, 0),
    coalesce(cd.comments, 0),
    coalesce(cd.score, 0)
FROM
    user_ u
    LEFT JOIN (
        SELECT
            p.creator_id,
            count(DISTINCT p.id) AS posts,
            sum(pl.score) AS score
        FROM
            post p
            LEFT JOIN post_like pl ON p.id = pl.post_id
        GROUP BY
            p.creator_id) pd ON u.id = pd.creator_id
    LEFT JOIN (
        SELECT
            c.creator_id,
            count(DISTINCT c.id) AS comments,
            sum(cl.score) AS score
        FROM
            comment c
            LEFT JOIN comment_like cl ON c.id = cl.comment_id
        GROUP BY
            c.creator_id) cd ON u.id = cd.creator_id;

-- Add user aggregate triggers
-- initial user add
CREATE FUNCTION user_aggregates_user ()
    RETURNS TRIGGER
    LANGUAGE plpgsql
    AS $$
BEGIN
    IF (TG_OP = 'INSERT') THEN
        INSERT INTO user_aggregates (user_id)
            VALUES (NEW.id);
    ELSIF (TG_OP = 'DELETE') THEN
        DELETE FROM user_aggregates
        WHERE user_id = OLD.id;
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER user_aggregates_user
    AFTER INSERT OR DELETE ON user_
    FOR EACH ROW
    EXECUTE PROCEDURE user_aggregates_user ();

-- post count
CREATE FUNCTION user_aggregates_post_count ()
    RETURNS TRIGGER
    LANGUAGE plpgsql
    AS $$
BEGIN
    IF (TG_OP = 'INSERT') THEN
        UPDATE
            user_aggregates
        SET
            post_count = post_count + 1
        WHERE
            user_id = NEW.creator_id;
    ELSIF (TG_OP = 'DELETE') THEN
        UPDATE
            user_aggregates
        SET
            post_count = post_count - 1
        WHERE
            user_id = OLD.creator_id;
        -- If the post gets deleted, the score calculation trigger won't fire,
        -- so you need to re-calculate
        UPDATE
            user_aggregates ua
        SET
            post_score = pd.score
        FROM (
            SELECT
                u.id,
                coalesce(0, sum(pl.score)) AS score
                -- User join because posts could be empty
            FROM
                user_ u
            LEFT JOIN post p ON u.id = p.creator_id
            LEFT JOIN post_like pl ON p.id = pl.post_id
        GROUP BY
            u.id) pd
    WHERE
        ua.user_id = OLD.creator_id;
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER user_aggregates_post_count
    AFTER INSERT OR DELETE ON post
    FOR EACH ROW
    EXECUTE PROCEDURE user_aggregates_post_count ();

-- post score
CREATE FUNCTION user_aggregates_post_score ()
    RETURNS TRIGGER
    LANGUAGE plpgsql
    AS $$
BEGIN
    IF (TG_OP = 'INSERT') THEN
        -- Need to get the post creator, not the voter
        UPDATE
            user_aggregates ua
        SET
            post_score = post_score + NEW.score
        FROM
            post p
        WHERE
            ua.user_id = p.creator_id
            AND p.id = NEW.post_id;
    ELSIF (TG_OP = 'DELETE') THEN
        UPDATE
            user_aggregates ua
        SET
            post_score = post_score - OLD.score
        FROM
            post p
        WHERE
            ua.user_id = p.creator_id
            AND p.id = OLD.post_id;
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER user_aggregates_post_score
    AFTER INSERT OR DELETE ON post_like
    FOR EACH ROW
    EXECUTE PROCEDURE user_aggregates_post_score ();

-- comment count
CREATE FUNCTION user_aggregates_comment_count ()
    RETURNS TRIGGER
    LANGUAGE plpgsql
    AS $$
BEGIN
    IF (TG_OP = 'INSERT') THEN
        UPDATE
            user_aggregates
        SET
            comment_count = comment_count + 1
        WHERE
            user_id = NEW.creator_id;
    ELSIF (TG_OP = 'DELETE') THEN
        UPDATE
            user_aggregates
        SET
            comment_count = comment_count - 1
        WHERE
            user_id = OLD.creator_id;
        -- If the comment gets deleted, the score calculation trigger won't fire,
        -- so you need to re-calculate
        UPDATE
            user_aggregates ua
        SET
            comment_score = cd.score
        FROM (
            SELECT
                u.id,
                coalesce(0, sum(cl.score)) AS score
                -- User join because comments could be empty
            FROM
                user_ u
            LEFT JOIN comment c ON u.id = c.creator_id
            LEFT JOIN comment_like cl ON c.id = cl.comment_id
        GROUP BY
            u.id) cd
    WHERE
        ua.user_id = OLD.creator_id;
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER user_aggregates_comment_count
    AFTER INSERT OR DELETE ON comment
    FOR EACH ROW
    EXECUTE PROCEDURE user_aggregates_comment_count ();

-- comment score
CREATE FUNCTION user_aggregates_comment_score ()
    RETURNS TRIGGER
    LANGUAGE plpgsql
    AS $$
BEGIN
    IF (TG_OP = 'INSERT') THEN
        -- Need to get the post creator, not the voter
        UPDATE
            user_aggregates ua
        SET
            comment_score = comment_score + NEW.score
        FROM
            comment c
        WHERE
            ua.user_id = c.creator_id
            AND c.id = NEW.comment_id;
    ELSIF (TG_OP = 'DELETE') THEN
        UPDATE
            user_aggregates ua
        SET
            comment_score = comment_score - OLD.score
        FROM
            comment c
        WHERE
            ua.user_id = c.creator_id
            AND c.id = OLD.comment_id;
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER user_aggregates_comment_score
    AFTER INSERT OR DELETE ON comment_like
    FOR EACH ROW
    EXECUTE PROCEDURE user_aggregates_comment_score ();

;
-- ===== migrations/2020-12-04-183345_create_community_aggregates/up.sql
-- Add community aggregates
CREATE TABLE community_aggregates (
    id serial PRIMARY KEY,
    community_id int REFERENCES community ON UPDATE CASCADE ON DELETE CASCADE NOT NULL,
    subscribers bigint NOT NULL DEFAULT 0,
    posts bigint NOT NULL DEFAULT 0,
    comments bigint NOT NULL DEFAULT 0,
    published timestamp NOT NULL DEFAULT now(),
    UNIQUE (community_id)
);

INSERT INTO community_aggregates (community_id, subscribers, posts, comments, published)
SELECT
    c.id,
    coalesce(cf.subs, 0) AS subscribers,
    coalesce(cd.posts, 0) AS posts,
    coalesce(cd.comments, 0) AS comments,
    c.published
FROM
    community c
    LEFT JOIN (
        SELECT
            p.community_id,
            count(DISTINCT p.id) AS posts,
            count(DISTINCT ct.id) AS comments
        FROM
            post p
            LEFT JOIN comment ct ON p.id = ct.post_id
        GROUP BY
            p.community_id) cd ON cd.community_id = c.id
    LEFT JOIN (
        SELECT
            community_follower.community_id,
            count(*) AS subs
        FROM
            community_follower
        GROUP BY
            community_follower.community_id) cf ON cf.community_id = c.id;

-- Add community aggregate triggers
-- initial community add
CREATE FUNCTION community_aggregates_community ()
    RETURNS TRIGGER
    LANGUAGE plpgsql
    AS $$
BEGIN
    IF (TG_OP = 'INSERT') THEN
        INSERT INTO community_aggregates (community_id)
            VALUES (NEW.id);
    ELSIF (TG_OP = 'DELETE') THEN
        DELETE FROM community_aggregates
        WHERE community_id = OLD.id;
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER community_aggregates_community
    AFTER INSERT OR DELETE ON community
    FOR EACH ROW
    EXECUTE PROCEDURE community_aggregates_community ();

-- post count
CREATE FUNCTION community_aggregates_post_count ()
    RETURNS TRIGGER
    LANGUAGE plpgsql
    AS $$
BEGIN
    IF (TG_OP = 'INSERT') THEN
        UPDATE
            community_aggregates
        SET
            posts = posts + 1
        WHERE
            community_id = NEW.community_id;
    ELSIF (TG_OP = 'DELETE') THEN
        UPDATE
            community_aggregates
        SET
            posts = posts - 1
        WHERE
            community_id = OLD.community_id;
        -- Update the counts if the post got deleted
        UPDATE
            community_aggregates ca
        SET
            posts = coalesce(cd.posts, 0),
            comments = coalesce(cd.comments, 0)
        FROM (
            SELECT
                c.id,
                count(DISTINCT p.id) AS posts,
                count(DISTINCT ct.id) AS comments
            FROM
                community c
            LEFT JOIN post p ON c.id = p.community_id
            LEFT JOIN comment ct ON p.id = ct.post_id
        GROUP BY
            c.id) cd
    WHERE
        ca.community_id = OLD.community_id;
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER community_aggregates_post_count
    AFTER INSERT OR DELETE ON post
    FOR EACH ROW
    EXECUTE PROCEDURE community_aggregates_post_count ();

-- comment count
CREATE FUNCTION community_aggregates_comment_count ()
    RETURNS TRIGGER
    LANGUAGE plpgsql
    AS $$
BEGIN
    IF (TG_OP = 'INSERT') THEN
        UPDATE
            community_aggregates ca
        SET
            comments = comments + 1
        FROM
            comment c,
            post p
        WHERE
            p.id = c.post_id
            AND p.id = NEW.post_id
            AND ca.community_id = p.community_id;
    ELSIF (TG_OP = 'DELETE') THEN
        UPDATE
            community_aggregates ca
        SET
            comments = comments - 1
        FROM
            comment c,
            post p
        WHERE
            p.id = c.post_id
            AND p.id = OLD.post_id
            AND ca.community_id = p.community_id;
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER community_aggregates_comment_count
    AFTER INSERT OR DELETE ON comment
    FOR EACH ROW
    EXECUTE PROCEDURE community_aggregates_comment_count ();

-- subscriber count
CREATE FUNCTION community_aggregates_subscriber_count ()
    RETURNS TRIGGER
    LANGUAGE plpgsql
    AS $$
BEGIN
    IF (TG_OP = 'INSERT') THEN
        UPDATE
            community_aggregates
        SET
            subscribers = subscribers + 1
        WHERE
            community_id = NEW.community_id;
    ELSIF (TG_OP = 'DELETE') THEN
        UPDATE
            community_aggregates
        SET
            subscribers = subscribers - 1
        WHERE
            community_id = OLD.community_id;
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER community_aggregates_subscriber_count
    AFTER INSERT OR DELETE ON community_follower
    FOR EACH ROW
    EXECUTE PROCEDURE community_aggregates_subscriber_count ();

;
-- ===== migrations/2020-12-10-152350_create_post_aggregates/up.sql
-- Add post aggregates
CREATE TABLE post_aggregates (
    id serial PRIMARY KEY,
    post_id int REFERENCES post ON UPDATE CASCADE ON DELETE CASCADE NOT NULL,
    comments bigint NOT NULL DEFAULT 0,
    score bigint NOT NULL DEFAULT 0,
    upvotes bigint NOT NULL DEFAULT 0,
    downvotes bigint NOT NULL DEFAULT 0,
    stickied boolean NOT NULL DEFAULT FALSE,
    published timestamp NOT NULL DEFAULT now(),
    newest_comment_time timestamp NOT NULL DEFAULT now(),
    UNIQUE (post_id)
);

INSERT INTO post_aggregates (post_id, comments, score, upvotes, downvotes, stickied, published, newest_comment_time)
SELECT
    p.id,
    coalesce(ct.comments, 0::bigint) AS comments,
    coalesce(pl.score, 0::bigint) AS score,
    coalesce(pl.upvotes, 0::bigint) AS upvotes,
    coalesce(pl.downvotes, 0::bigint) AS downvotes,
    p.stickied,
    p.published,
    greatest (ct.recent_comment_time, p.published) AS newest_activity_time
FROM
    post p
    LEFT JOIN (
        SELECT
            comment.post_id,
            count(*) AS comments,
            max(comment.published) AS recent_comment_time
        FROM
            comment
        GROUP BY
            comment.post_id) ct ON ct.post_id = p.id
    LEFT JOIN (
        SELECT
            post_like.post_id,
            sum(post_like.score) AS score,
            sum(post_like.score) FILTER (WHERE post_like.score = 1) AS upvotes,
            - sum(post_like.score) FILTER (WHERE post_like.score = '-1'::integer) AS downvotes
        FROM
            post_like
        GROUP BY
            post_like.post_id) pl ON pl.post_id = p.id;

-- Add community aggregate triggers
-- initial post add
CREATE FUNCTION post_aggregates_post ()
    RETURNS TRIGGER
    LANGUAGE plpgsql
    AS $$
BEGIN
    IF (TG_OP = 'INSERT') THEN
        INSERT INTO post_aggregates (post_id)
            VALUES (NEW.id);
    ELSIF (TG_OP = 'DELETE') THEN
        DELETE FROM post_aggregates
        WHERE post_id = OLD.id;
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER post_aggregates_post
    AFTER INSERT OR DELETE ON post
    FOR EACH ROW
    EXECUTE PROCEDURE post_aggregates_post ();

-- comment count
CREATE FUNCTION post_aggregates_comment_count ()
    RETURNS TRIGGER
    LANGUAGE plpgsql
    AS $$
BEGIN
    IF (TG_OP = 'INSERT') THEN
        UPDATE
            post_aggregates pa
        SET
            comments = comments + 1
        WHERE
            pa.post_id = NEW.post_id;
        -- A 2 day necro-bump limit
        UPDATE
            post_aggregates pa
        SET
            newest_comment_time = NEW.published
        WHERE
            pa.post_id = NEW.post_id
            AND published > ('now'::timestamp - '2 days'::interval);
    ELSIF (TG_OP = 'DELETE') THEN
        -- Join to post because that post may not exist anymore
        UPDATE
            post_aggregates pa
        SET
            comments = comments - 1
        FROM
            post p
        WHERE
            pa.post_id = p.id
            AND pa.post_id = OLD.post_id;
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER post_aggregates_comment_count
    AFTER INSERT OR DELETE ON comment
    FOR EACH ROW
    EXECUTE PROCEDURE post_aggregates_comment_count ();

-- post score
CREATE FUNCTION post_aggregates_score ()
    RETURNS TRIGGER
    LANGUAGE plpgsql
    AS $$
BEGIN
    IF (TG_OP = 'INSERT') THEN
        UPDATE
            post_aggregates pa
        SET
            score = score + NEW.score,
            upvotes = CASE WHEN NEW.score = 1 THEN
                upvotes + 1
            ELSE
                upvotes
            END,
            downvotes = CASE WHEN NEW.score = -1 THEN
                downvotes + 1
            ELSE
                downvotes
            END
        WHERE
            pa.post_id = NEW.post_id;
    ELSIF (TG_OP = 'DELETE') THEN
        -- Join to post because that post may not exist anymore
        UPDATE
            post_aggregates pa
        SET
            score = score - OLD.score,
            upvotes = CASE WHEN OLD.score = 1 THEN
                upvotes - 1
            ELSE
                upvotes
            END,
            downvotes = CASE WHEN OLD.score = -1 THEN
                downvotes - 1
            ELSE
                downvotes
            END
        FROM
            post p
        WHERE
            pa.post_id = p.id
            AND pa.post_id = OLD.post_id;
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER post_aggregates_score
    AFTER INSERT OR DELETE ON post_like
    FOR EACH ROW
    EXECUTE PROCEDURE post_aggregates_score ();

-- post stickied
CREATE FUNCTION post_aggregates_stickied ()
    RETURNS TRIGGER
    LANGUAGE plpgsql
    AS $$
BEGIN
    UPDATE
        post_aggregates pa
    SET
        stickied = NEW.stickied
    WHERE
        pa.post_id = NEW.id;
    RETURN NULL;
END
$$;

CREATE TRIGGER post_aggregates_stickied
    AFTER UPDATE ON post
    FOR EACH ROW
    WHEN (OLD.stickied IS DISTINCT FROM NEW.stickied)
    EXECUTE PROCEDURE post_aggregates_stickied ();

;
-- ===== migrations/2020-12-14-020038_create_comment_aggregates/up.sql
-- Add comment aggregates
CREATE TABLE comment_aggregates (
    id serial PRIMARY KEY,
    comment_id int REFERENCES COMMENT ON UPDATE CASCADE ON DELETE CASCADE NOT NULL,
    score bigint NOT NULL DEFAULT 0,
    upvotes bigint NOT NULL DEFAULT 0,
    downvotes bigint NOT NULL DEFAULT 0,
    published timestamp NOT NULL DEFAULT now(),
    UNIQUE (comment_id)
);

INSERT INTO comment_aggregates (comment_id, score, upvotes, downvotes, published)
SELECT
    c.id,
    COALESCE(cl.total, 0::bigint) AS score,
    COALESCE(cl.up, 0::bigint) AS upvotes,
    COALESCE(cl.down, 0::bigint) AS downvotes,
    c.published
FROM
    comment c
    LEFT JOIN (
        SELECT
            l.comment_id AS id,
            sum(l.score) AS total,
            count(
                CASE WHEN l.score = 1 THEN
                    1
                ELSE
                    NULL::integer
                END) AS up,
            count(
                CASE WHEN l.score = '-1'::integer THEN
                    1
                ELSE
                    NULL::integer
                END) AS down
        FROM
            comment_like l
        GROUP BY
            l.comment_id) cl ON cl.id = c.id;

-- Add comment aggregate triggers
-- initial comment add
CREATE FUNCTION comment_aggregates_comment ()
    RETURNS TRIGGER
    LANGUAGE plpgsql
    AS $$
BEGIN
    IF (TG_OP = 'INSERT') THEN
        INSERT INTO comment_aggregates (comment_id)
            VALUES (NEW.id);
    ELSIF (TG_OP = 'DELETE') THEN
        DELETE FROM comment_aggregates
        WHERE comment_id = OLD.id;
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER comment_aggregates_comment
    AFTER INSERT OR DELETE ON comment
    FOR EACH ROW
    EXECUTE PROCEDURE comment_aggregates_comment ();

-- comment score
CREATE FUNCTION comment_aggregates_score ()
    RETURNS TRIGGER
    LANGUAGE plpgsql
    AS $$
BEGIN
    IF (TG_OP = 'INSERT') THEN
        UPDATE
            comment_aggregates ca
        SET
            score = score + NEW.score,
            upvotes = CASE WHEN NEW.score = 1 THEN
                upvotes + 1
            ELSE
                upvotes
            END,
            downvotes = CASE WHEN NEW.score = -1 THEN
                downvotes + 1
            ELSE
                downvotes
            END
        WHERE
            ca.comment_id = NEW.comment_id;
    ELSIF (TG_OP = 'DELETE') THEN
        -- Join to comment because that comment may not exist anymore
        UPDATE
            comment_aggregates ca
        SET
            score = score - OLD.score,
            upvotes = CASE WHEN OLD.score = 1 THEN
                upvotes - 1
            ELSE
                upvotes
            END,
            downvotes = CASE WHEN OLD.score = -1 THEN
                downvotes - 1
            ELSE
                downvotes
            END
        FROM
            comment c
        WHERE
            ca.comment_id = c.id
            AND ca.comment_id = OLD.comment_id;
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER comment_aggregates_score
    AFTER INSERT OR DELETE ON comment_like
    FOR EACH ROW
    EXECUTE PROCEDURE comment_aggregates_score ();

;
-- ===== migrations/2020-12-17-030456_create_alias_views/up.sql
-- Some view that act as aliases
-- unfortunately necessary, since diesel doesn't have self joins
-- or alias support yet
CREATE VIEW user_alias_1 AS
SELECT
    *
FROM
    user_;

CREATE VIEW user_alias_2 AS
SELECT
    *
FROM
    user_;

CREATE VIEW comment_alias_1 AS
SELECT
    *
FROM
    comment;

;
-- ===== migrations/2020-12-17-031053_remove_fast_tables_and_views/up.sql
-- Drop triggers
DROP TRIGGER IF EXISTS refresh_comment ON comment;

DROP TRIGGER IF EXISTS refresh_comment_like ON comment_like;

DROP TRIGGER IF EXISTS refresh_community ON community;

DROP TRIGGER IF EXISTS refresh_community_follower ON community_follower;

DROP TRIGGER IF EXISTS refresh_community_user_ban ON community_user_ban;

DROP TRIGGER IF EXISTS refresh_post ON post;

DROP TRIGGER IF EXISTS refresh_post_like ON post_like;

DROP TRIGGER IF EXISTS refresh_user ON user_;

-- Drop functions
DROP FUNCTION IF EXISTS refresh_comment, refresh_comment_like, refresh_community, refresh_community_follower, refresh_community_user_ban, refresh_post, refresh_post_like, refresh_private_message, refresh_user CASCADE;

-- Drop views
DROP VIEW IF EXISTS comment_aggregates_view, comment_fast_view, comment_report_view, comment_view, community_aggregates_view, community_fast_view, community_follower_view, community_moderator_view, community_user_ban_view, community_view, mod_add_community_view, mod_add_view, mod_ban_from_community_view, mod_ban_view, mod_lock_post_view, mod_remove_comment_view, mod_remove_community_view, mod_remove_post_view, mod_sticky_post_view, post_aggregates_view, post_fast_view, post_report_view, post_view, private_message_view, reply_fast_view, site_view, user_mention_fast_view, user_mention_view, user_view CASCADE;

-- Drop fast tables
DROP TABLE IF EXISTS comment_aggregates_fast, community_aggregates_fast, post_aggregates_fast, user_fast CASCADE;

;
-- ===== migrations/2021-01-05-200932_add_hot_rank_indexes/up.sql
-- Need to add immutable to the hot_rank function in order to index by it
-- Rank = ScaleFactor * sign(Score) * log(1 + abs(Score)) / (Time + 2)^Gravity
CREATE OR REPLACE FUNCTION hot_rank (score numeric, published timestamp without time zone)
    RETURNS integer
    AS $$
BEGIN
    -- hours_diff:=EXTRACT(EPOCH FROM (timezone('utc',now()) - published))/3600
    RETURN floor(10000 * log(greatest (1, score + 3)) / power(((EXTRACT(EPOCH FROM (timezone('utc', now()) - published)) / 3600) + 2), 1.8))::integer;
END;
$$
LANGUAGE plpgsql
IMMUTABLE;

-- Post_aggregates
CREATE INDEX idx_post_aggregates_stickied_hot ON post_aggregates (stickied DESC, hot_rank (score, published) DESC, published DESC);

CREATE INDEX idx_post_aggregates_hot ON post_aggregates (hot_rank (score, published) DESC, published DESC);

CREATE INDEX idx_post_aggregates_stickied_active ON post_aggregates (stickied DESC, hot_rank (score, newest_comment_time) DESC, newest_comment_time DESC);

CREATE INDEX idx_post_aggregates_active ON post_aggregates (hot_rank (score, newest_comment_time) DESC, newest_comment_time DESC);

CREATE INDEX idx_post_aggregates_stickied_score ON post_aggregates (stickied DESC, score DESC);

CREATE INDEX idx_post_aggregates_score ON post_aggregates (score DESC);

CREATE INDEX idx_post_aggregates_stickied_published ON post_aggregates (stickied DESC, published DESC);

CREATE INDEX idx_post_aggregates_published ON post_aggregates (published DESC);

-- Comment
CREATE INDEX idx_comment_published ON comment (published DESC);

-- Comment_aggregates
CREATE INDEX idx_comment_aggregates_hot ON comment_aggregates (hot_rank (score, published) DESC, published DESC);

CREATE INDEX idx_comment_aggregates_score ON comment_aggregates (score DESC);

-- User
CREATE INDEX idx_user_published ON user_ (published DESC);

-- User_aggregates
CREATE INDEX idx_user_aggregates_comment_score ON user_aggregates (comment_score DESC);

-- Community
CREATE INDEX idx_community_published ON community (published DESC);

-- Community_aggregates
CREATE INDEX idx_community_aggregates_hot ON community_aggregates (hot_rank (subscribers, published) DESC, published DESC);

CREATE INDEX idx_community_aggregates_subscribers ON community_aggregates (subscribers DESC);

;
-- ===== migrations/2021-01-26-173850_default_actor_id/up.sql
CREATE OR REPLACE FUNCTION generate_unique_changeme ()
    RETURNS text
    LANGUAGE sql
    AS $$
    SELECT
        'http://changeme_' || string_agg(substr('abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz0123456789', ceil(random() * 62)::integer, 1), '')
    FROM
        generate_series(1, 20)
$$;

;
-- ===== migrations/2021-01-27-202728_active_users_monthly/up.sql
-- Add monthly and half yearly active columns for site and community aggregates
-- These columns don't need to be updated with a trigger, so they're saved daily via queries
ALTER TABLE site_aggregates
    ADD COLUMN users_active_day bigint NOT NULL DEFAULT 0;

ALTER TABLE site_aggregates
    ADD COLUMN users_active_week bigint NOT NULL DEFAULT 0;

ALTER TABLE site_aggregates
    ADD COLUMN users_active_month bigint NOT NULL DEFAULT 0;

ALTER TABLE site_aggregates
    ADD COLUMN users_active_half_year bigint NOT NULL DEFAULT 0;

ALTER TABLE community_aggregates
    ADD COLUMN users_active_day bigint NOT NULL DEFAULT 0;

ALTER TABLE community_aggregates
    ADD COLUMN users_active_week bigint NOT NULL DEFAULT 0;

ALTER TABLE community_aggregates
    ADD COLUMN users_active_month bigint NOT NULL DEFAULT 0;

ALTER TABLE community_aggregates
    ADD COLUMN users_active_half_year bigint NOT NULL DEFAULT 0;

CREATE OR REPLACE FUNCTION site_aggregates_activity (i text)
    RETURNS int
    LANGUAGE plpgsql
    AS $$
DECLARE
    count_ integer;
BEGIN
    SELECT
        count(*) INTO count_
    FROM (
        SELECT
            c.creator_id
        FROM
            comment c
            INNER JOIN user_ u ON c.creator_id = u.id
        WHERE
            c.published > ('now'::timestamp - i::interval)
            AND u.local = TRUE
        UNION
        SELECT
            p.creator_id
        FROM
            post p
            INNER JOIN user_ u ON p.creator_id = u.id
        WHERE
            p.published > ('now'::timestamp - i::interval)
            AND u.local = TRUE) a;
    RETURN count_;
END;
$$;

UPDATE
    site_aggregates
SET
    users_active_day = (
        SELECT
            *
        FROM
            site_aggregates_activity ('1 day'));

UPDATE
    site_aggregates
SET
    users_active_week = (
        SELECT
            *
        FROM
            site_aggregates_activity ('1 week'));

UPDATE
    site_aggregates
SET
    users_active_month = (
        SELECT
            *
        FROM
            site_aggregates_activity ('1 month'));

UPDATE
    site_aggregates
SET
    users_active_half_year = (
        SELECT
            *
        FROM
            site_aggregates_activity ('6 months'));

CREATE OR REPLACE FUNCTION community_aggregates_activity (i text)
    RETURNS TABLE (
        count_ bigint,
        community_id_ integer)
    LANGUAGE plpgsql
    AS $$
BEGIN
    RETURN QUERY
    SELECT
        count(*),
        community_id
    FROM (
        SELECT
            c.creator_id,
            p.community_id
        FROM
            comment c
            INNER JOIN post p ON c.post_id = p.id
        WHERE
            c.published > ('now'::timestamp - i::interval)
    UNION
    SELECT
        p.creator_id,
        p.community_id
    FROM
        post p
    WHERE
        p.published > ('now'::timestamp - i::interval)) a
GROUP BY
    community_id;
END;
$$;

UPDATE
    community_aggregates ca
SET
    users_active_day = mv.count_
FROM
    community_aggregates_activity ('1 day') mv
WHERE
    ca.community_id = mv.community_id_;

UPDATE
    community_aggregates ca
SET
    users_active_week = mv.count_
FROM
    community_aggregates_activity ('1 week') mv
WHERE
    ca.community_id = mv.community_id_;

UPDATE
    community_aggregates ca
SET
    users_active_month = mv.count_
FROM
    community_aggregates_activity ('1 month') mv
WHERE
    ca.community_id = mv.community_id_;

UPDATE
    community_aggregates ca
SET
    users_active_half_year = mv.count_
FROM
    community_aggregates_activity ('6 months') mv
WHERE
    ca.community_id = mv.community_id_;

;
-- ===== migrations/2021-01-31-050334_add_forum_sort_index/up.sql
CREATE INDEX idx_post_aggregates_comments ON post_aggregates (comments DESC);

;
-- ===== migrations/2021-02-02-153240_apub_columns/up.sql
ALTER TABLE community
    ADD COLUMN followers_url varchar(255) NOT NULL DEFAULT generate_unique_changeme ();

ALTER TABLE community
    ADD COLUMN inbox_url varchar(255) NOT NULL DEFAULT generate_unique_changeme ();

ALTER TABLE community
    ADD COLUMN shared_inbox_url varchar(255);

ALTER TABLE user_
    ADD COLUMN inbox_url varchar(255) NOT NULL DEFAULT generate_unique_changeme ();

ALTER TABLE user_
    ADD COLUMN shared_inbox_url varchar(255);

ALTER TABLE community
    ADD CONSTRAINT idx_community_followers_url UNIQUE (followers_url);

ALTER TABLE community
    ADD CONSTRAINT idx_community_inbox_url UNIQUE (inbox_url);

ALTER TABLE user_
    ADD CONSTRAINT idx_user_inbox_url UNIQUE (inbox_url);

;
-- ===== migrations/2021-02-10-164051_add_new_comments_sort_index/up.sql
-- First rename current newest comment time to newest_comment_time_necro
-- necro means that time is limited to 2 days, whereas newest_comment_time ignores that.
ALTER TABLE post_aggregates RENAME COLUMN newest_comment_time TO newest_comment_time_necro;

-- Add the newest_comment_time column
ALTER TABLE post_aggregates
    ADD COLUMN newest_comment_time timestamp NOT NULL DEFAULT now();

-- Set the current newest_comment_time based on the old ones
UPDATE
    post_aggregates
SET
    newest_comment_time = newest_comment_time_necro;

-- Add the indexes for this new column
CREATE INDEX idx_post_aggregates_newest_comment_time ON post_aggregates (newest_comment_time DESC);

CREATE INDEX idx_post_aggregates_stickied_newest_comment_time ON post_aggregates (stickied DESC, newest_comment_time DESC);

-- Forgot to add index w/ stickied first for most comments:
CREATE INDEX idx_post_aggregates_stickied_comments ON post_aggregates (stickied DESC, comments DESC);

-- Alter the comment trigger to set the newest_comment_time, and newest_comment_time_necro
CREATE OR REPLACE FUNCTION post_aggregates_comment_count ()
    RETURNS TRIGGER
    LANGUAGE plpgsql
    AS $$
BEGIN
    IF (TG_OP = 'INSERT') THEN
        UPDATE
            post_aggregates pa
        SET
            comments = comments + 1,
            newest_comment_time = NEW.published
        WHERE
            pa.post_id = NEW.post_id;
        -- A 2 day necro-bump limit
        UPDATE
            post_aggregates pa
        SET
            newest_comment_time_necro = NEW.published
        WHERE
            pa.post_id = NEW.post_id
            AND published > ('now'::timestamp - '2 days'::interval);
    ELSIF (TG_OP = 'DELETE') THEN
        -- Join to post because that post may not exist anymore
        UPDATE
            post_aggregates pa
        SET
            comments = comments - 1
        FROM
            post p
        WHERE
            pa.post_id = p.id
            AND pa.post_id = OLD.post_id;
    END IF;
    RETURN NULL;
END
$$;

;
-- ===== migrations/2021-02-13-210612_set_correct_aggregates_time_columns/up.sql
-- The published and updated columns on the aggregates tables are using now(),
-- when they should use the correct published or updated columns
-- This is mainly a problem with federated posts being fetched
CREATE OR REPLACE FUNCTION comment_aggregates_comment ()
    RETURNS TRIGGER
    LANGUAGE plpgsql
    AS $$
BEGIN
    IF (TG_OP = 'INSERT') THEN
        INSERT INTO comment_aggregates (comment_id, published)
            VALUES (NEW.id, NEW.published);
    ELSIF (TG_OP = 'DELETE') THEN
        DELETE FROM comment_aggregates
        WHERE comment_id = OLD.id;
    END IF;
    RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION post_aggregates_post ()
    RETURNS TRIGGER
    LANGUAGE plpgsql
    AS $$
BEGIN
    IF (TG_OP = 'INSERT') THEN
        INSERT INTO post_aggregates (post_id, published, newest_comment_time, newest_comment_time_necro)
            VALUES (NEW.id, NEW.published, NEW.published, NEW.published);
    ELSIF (TG_OP = 'DELETE') THEN
        DELETE FROM post_aggregates
        WHERE post_id = OLD.id;
    END IF;
    RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION community_aggregates_community ()
    RETURNS TRIGGER
    LANGUAGE plpgsql
    AS $$
BEGIN
    IF (TG_OP = 'INSERT') THEN
        INSERT INTO community_aggregates (community_id, published)
            VALUES (NEW.id, NEW.published);
    ELSIF (TG_OP = 'DELETE') THEN
        DELETE FROM community_aggregates
        WHERE community_id = OLD.id;
    END IF;
    RETURN NULL;
END
$$;

;
-- ===== migrations/2021-02-25-112959_remove-categories/up.sql
ALTER TABLE community
    DROP COLUMN category_id;

DROP TABLE category;

;
-- ===== migrations/2021-02-28-162616_clean_empty_post_urls/up.sql
UPDATE
    post
SET
    url = NULL
WHERE
    url = '';

;
-- ===== migrations/2021-03-04-040229_clean_icon_urls/up.sql
-- If these are not urls, it will crash the server
UPDATE
    user_
SET
    avatar = NULL
WHERE
    avatar NOT LIKE 'http%';

UPDATE
    user_
SET
    banner = NULL
WHERE
    banner NOT LIKE 'http%';

UPDATE
    community
SET
    icon = NULL
WHERE
    icon NOT LIKE 'http%';

UPDATE
    community
SET
    banner = NULL
WHERE
    banner NOT LIKE 'http%';

;
-- ===== migrations/2021-03-09-171136_split_user_table_2/up.sql
-- Person
-- Drop the 2 views user_alias_1, user_alias_2
DROP VIEW user_alias_1, user_alias_2;

-- rename the user_ table to person
ALTER TABLE user_ RENAME TO person;

ALTER SEQUENCE user__id_seq
    RENAME TO person_id_seq;

-- create a new table local_user
CREATE TABLE local_user (
    id serial PRIMARY KEY,
    person_id int REFERENCES person ON UPDATE CASCADE ON DELETE CASCADE NOT NULL,
    password_encrypted text NOT NULL,
    email text UNIQUE,
    admin boolean DEFAULT FALSE NOT NULL,
    show_nsfw boolean DEFAULT FALSE NOT NULL,
    theme character varying(20) DEFAULT 'darkly'::character varying NOT NULL,
    default_sort_type smallint DEFAULT 0 NOT NULL,
    default_listing_type smallint DEFAULT 1 NOT NULL,
    lang character varying(20) DEFAULT 'browser'::character varying NOT NULL,
    show_avatars boolean DEFAULT TRUE NOT NULL,
    send_notifications_to_email boolean DEFAULT FALSE NOT NULL,
    matrix_user_id text,
    UNIQUE (person_id)
);

-- Copy the local users over to the new table
INSERT INTO local_user (person_id, password_encrypted, email, admin, show_nsfw, theme, default_sort_type, default_listing_type, lang, show_avatars, send_notifications_to_email, matrix_user_id)
SELECT
    id,
    password_encrypted,
    email,
    admin,
    show_nsfw,
    theme,
    default_sort_type,
    default_listing_type,
    lang,
    show_avatars,
    send_notifications_to_email,
    matrix_user_id
FROM
    person
WHERE
    local = TRUE;

-- Drop those columns from person
ALTER TABLE person
    DROP COLUMN password_encrypted,
    DROP COLUMN email,
    DROP COLUMN admin,
    DROP COLUMN show_nsfw,
    DROP COLUMN theme,
    DROP COLUMN default_sort_type,
    DROP COLUMN default_listing_type,
    DROP COLUMN lang,
    DROP COLUMN show_avatars,
    DROP COLUMN send_notifications_to_email,
    DROP COLUMN matrix_user_id;

-- Rename indexes
ALTER INDEX user__pkey RENAME TO person__pkey;

ALTER INDEX idx_user_actor_id RENAME TO idx_person_actor_id;

ALTER INDEX idx_user_inbox_url RENAME TO idx_person_inbox_url;

ALTER INDEX idx_user_lower_actor_id RENAME TO idx_person_lower_actor_id;

ALTER INDEX idx_user_published RENAME TO idx_person_published;

-- Rename triggers
ALTER TRIGGER site_aggregates_user_delete ON person RENAME TO site_aggregates_person_delete;

ALTER TRIGGER site_aggregates_user_insert ON person RENAME TO site_aggregates_person_insert;

-- Rename the trigger functions
ALTER FUNCTION site_aggregates_user_delete () RENAME TO site_aggregates_person_delete;

ALTER FUNCTION site_aggregates_user_insert () RENAME TO site_aggregates_person_insert;

-- Create views
CREATE VIEW person_alias_1 AS
SELECT
    *
FROM
    person;

CREATE VIEW person_alias_2 AS
SELECT
    *
FROM
    person;

-- Redo user aggregates into person_aggregates
ALTER TABLE user_aggregates RENAME TO person_aggregates;

ALTER SEQUENCE user_aggregates_id_seq
    RENAME TO person_aggregates_id_seq;

ALTER TABLE person_aggregates RENAME COLUMN user_id TO person_id;

-- index
ALTER INDEX user_aggregates_pkey RENAME TO person_aggregates_pkey;

ALTER INDEX idx_user_aggregates_comment_score RENAME TO idx_person_aggregates_comment_score;

ALTER INDEX user_aggregates_user_id_key RENAME TO person_aggregates_person_id_key;

ALTER TABLE person_aggregates RENAME CONSTRAINT user_aggregates_user_id_fkey TO person_aggregates_person_id_fkey;

-- Drop all the old triggers and functions
DROP TRIGGER user_aggregates_user ON person;

DROP TRIGGER user_aggregates_post_count ON post;

DROP TRIGGER user_aggregates_post_score ON post_like;

DROP TRIGGER user_aggregates_comment_count ON comment;

DROP TRIGGER user_aggregates_comment_score ON comment_like;

DROP FUNCTION user_aggregates_user, user_aggregates_post_count, user_aggregates_post_score, user_aggregates_comment_count, user_aggregates_comment_score;

-- initial user add
CREATE FUNCTION person_aggregates_person ()
    RETURNS TRIGGER
    LANGUAGE plpgsql
    AS $$
BEGIN
    IF (TG_OP = 'INSERT') THEN
        INSERT INTO person_aggregates (person_id)
            VALUES (NEW.id);
    ELSIF (TG_OP = 'DELETE') THEN
        DELETE FROM person_aggregates
        WHERE person_id = OLD.id;
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER person_aggregates_person
    AFTER INSERT OR DELETE ON person
    FOR EACH ROW
    EXECUTE PROCEDURE person_aggregates_person ();

-- post count
CREATE FUNCTION person_aggregates_post_count ()
    RETURNS TRIGGER
    LANGUAGE plpgsql
    AS $$
BEGIN
    IF (TG_OP = 'INSERT') THEN
        UPDATE
            person_aggregates
        SET
            post_count = post_count + 1
        WHERE
            person_id = NEW.creator_id;
    ELSIF (TG_OP = 'DELETE') THEN
        UPDATE
            person_aggregates
        SET
            post_count = post_count - 1
        WHERE
            person_id = OLD.creator_id;
        -- If the post gets deleted, the score calculation trigger won't fire,
        -- so you need to re-calculate
        UPDATE
            person_aggregates ua
        SET
            post_score = pd.score
        FROM (
            SELECT
                u.id,
                coalesce(0, sum(pl.score)) AS score
                -- User join because posts could be empty
            FROM
                person u
            LEFT JOIN post p ON u.id = p.creator_id
            LEFT JOIN post_like pl ON p.id = pl.post_id
        GROUP BY
            u.id) pd
    WHERE
        ua.person_id = OLD.creator_id;
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER person_aggregates_post_count
    AFTER INSERT OR DELETE ON post
    FOR EACH ROW
    EXECUTE PROCEDURE person_aggregates_post_count ();

-- post score
CREATE FUNCTION person_aggregates_post_score ()
    RETURNS TRIGGER
    LANGUAGE plpgsql
    AS $$
BEGIN
    IF (TG_OP = 'INSERT') THEN
        -- Need to get the post creator, not the voter
        UPDATE
            person_aggregates ua
        SET
            post_score = post_score + NEW.score
        FROM
            post p
        WHERE
            ua.person_id = p.creator_id
            AND p.id = NEW.post_id;
    ELSIF (TG_OP = 'DELETE') THEN
        UPDATE
            person_aggregates ua
        SET
            post_score = post_score - OLD.score
        FROM
            post p
        WHERE
            ua.person_id = p.creator_id
            AND p.id = OLD.post_id;
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER person_aggregates_post_score
    AFTER INSERT OR DELETE ON post_like
    FOR EACH ROW
    EXECUTE PROCEDURE person_aggregates_post_score ();

-- comment count
CREATE FUNCTION person_aggregates_comment_count ()
    RETURNS TRIGGER
    LANGUAGE plpgsql
    AS $$
BEGIN
    IF (TG_OP = 'INSERT') THEN
        UPDATE
            person_aggregates
        SET
            comment_count = comment_count + 1
        WHERE
            person_id = NEW.creator_id;
    ELSIF (TG_OP = 'DELETE') THEN
        UPDATE
            person_aggregates
        SET
            comment_count = comment_count - 1
        WHERE
            person_id = OLD.creator_id;
        -- If the comment gets deleted, the score calculation trigger won't fire,
        -- so you need to re-calculate
        UPDATE
            person_aggregates ua
        SET
            comment_score = cd.score
        FROM (
            SELECT
                u.id,
                coalesce(0, sum(cl.score)) AS score
                -- User join because comments could be empty
            FROM
                person u
            LEFT JOIN comment c ON u.id = c.creator_id
            LEFT JOIN comment_like cl ON c.id = cl.comment_id
        GROUP BY
            u.id) cd
    WHERE
        ua.person_id = OLD.creator_id;
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER person_aggregates_comment_count
    AFTER INSERT OR DELETE ON comment
    FOR EACH ROW
    EXECUTE PROCEDURE person_aggregates_comment_count ();

-- comment score
CREATE FUNCTION person_aggregates_comment_score ()
    RETURNS TRIGGER
    LANGUAGE plpgsql
    AS $$
BEGIN
    IF (TG_OP = 'INSERT') THEN
        -- Need to get the post creator, not the voter
        UPDATE
            person_aggregates ua
        SET
            comment_score = comment_score + NEW.score
        FROM
            comment c
        WHERE
            ua.person_id = c.creator_id
            AND c.id = NEW.comment_id;
    ELSIF (TG_OP = 'DELETE') THEN
        UPDATE
            person_aggregates ua
        SET
            comment_score = comment_score - OLD.score
        FROM
            comment c
        WHERE
            ua.person_id = c.creator_id
            AND c.id = OLD.comment_id;
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER person_aggregates_comment_score
    AFTER INSERT OR DELETE ON comment_like
    FOR EACH ROW
    EXECUTE PROCEDURE person_aggregates_comment_score ();

-- person_mention
ALTER TABLE user_mention RENAME TO person_mention;

ALTER SEQUENCE user_mention_id_seq
    RENAME TO person_mention_id_seq;

ALTER INDEX user_mention_pkey RENAME TO person_mention_pkey;

ALTER INDEX user_mention_recipient_id_comment_id_key RENAME TO person_mention_recipient_id_comment_id_key;

ALTER TABLE person_mention RENAME CONSTRAINT user_mention_comment_id_fkey TO person_mention_comment_id_fkey;

ALTER TABLE person_mention RENAME CONSTRAINT user_mention_recipient_id_fkey TO person_mention_recipient_id_fkey;

-- user_ban
ALTER TABLE user_ban RENAME TO person_ban;

ALTER SEQUENCE user_ban_id_seq
    RENAME TO person_ban_id_seq;

ALTER INDEX user_ban_pkey RENAME TO person_ban_pkey;

ALTER INDEX user_ban_user_id_key RENAME TO person_ban_person_id_key;

ALTER TABLE person_ban RENAME COLUMN user_id TO person_id;

ALTER TABLE person_ban RENAME CONSTRAINT user_ban_user_id_fkey TO person_ban_person_id_fkey;

-- comment_like
ALTER TABLE comment_like RENAME COLUMN user_id TO person_id;

ALTER INDEX idx_comment_like_user RENAME TO idx_comment_like_person;

ALTER TABLE comment_like RENAME CONSTRAINT comment_like_comment_id_user_id_key TO comment_like_comment_id_person_id_key;

ALTER TABLE comment_like RENAME CONSTRAINT comment_like_user_id_fkey TO comment_like_person_id_fkey;

-- comment_saved
ALTER TABLE comment_saved RENAME COLUMN user_id TO person_id;

ALTER TABLE comment_saved RENAME CONSTRAINT comment_saved_comment_id_user_id_key TO comment_saved_comment_id_person_id_key;

ALTER TABLE comment_saved RENAME CONSTRAINT comment_saved_user_id_fkey TO comment_saved_person_id_fkey;

-- community_follower
ALTER TABLE community_follower RENAME COLUMN user_id TO person_id;

ALTER TABLE community_follower RENAME CONSTRAINT community_follower_community_id_user_id_key TO community_follower_community_id_person_id_key;

ALTER TABLE community_follower RENAME CONSTRAINT community_follower_user_id_fkey TO community_follower_person_id_fkey;

-- community_moderator
ALTER TABLE community_moderator RENAME COLUMN user_id TO person_id;

ALTER TABLE community_moderator RENAME CONSTRAINT community_moderator_community_id_user_id_key TO community_moderator_community_id_person_id_key;

ALTER TABLE community_moderator RENAME CONSTRAINT community_moderator_user_id_fkey TO community_moderator_person_id_fkey;

-- community_user_ban
ALTER TABLE community_user_ban RENAME TO community_person_ban;

ALTER SEQUENCE community_user_ban_id_seq
    RENAME TO community_person_ban_id_seq;

ALTER TABLE community_person_ban RENAME COLUMN user_id TO person_id;

ALTER TABLE community_person_ban RENAME CONSTRAINT community_user_ban_pkey TO community_person_ban_pkey;

ALTER TABLE community_person_ban RENAME CONSTRAINT community_user_ban_community_id_fkey TO community_person_ban_community_id_fkey;

ALTER TABLE community_person_ban RENAME CONSTRAINT community_user_ban_community_id_user_id_key TO community_person_ban_community_id_person_id_key;

ALTER TABLE community_person_ban RENAME CONSTRAINT community_user_ban_user_id_fkey TO community_person_ban_person_id_fkey;

-- mod_add
ALTER TABLE mod_add RENAME COLUMN mod_user_id TO mod_person_id;

ALTER TABLE mod_add RENAME COLUMN other_user_id TO other_person_id;

ALTER TABLE mod_add RENAME CONSTRAINT mod_add_mod_user_id_fkey TO mod_add_mod_person_id_fkey;

ALTER TABLE mod_add RENAME CONSTRAINT mod_add_other_user_id_fkey TO mod_add_other_person_id_fkey;

-- mod_add_community
ALTER TABLE mod_add_community RENAME COLUMN mod_user_id TO mod_person_id;

ALTER TABLE mod_add_community RENAME COLUMN other_user_id TO other_person_id;

ALTER TABLE mod_add_community RENAME CONSTRAINT mod_add_community_mod_user_id_fkey TO mod_add_community_mod_person_id_fkey;

ALTER TABLE mod_add_community RENAME CONSTRAINT mod_add_community_other_user_id_fkey TO mod_add_community_other_person_id_fkey;

-- mod_ban
ALTER TABLE mod_ban RENAME COLUMN mod_user_id TO mod_person_id;

ALTER TABLE mod_ban RENAME COLUMN other_user_id TO other_person_id;

ALTER TABLE mod_ban RENAME CONSTRAINT mod_ban_mod_user_id_fkey TO mod_ban_mod_person_id_fkey;

ALTER TABLE mod_ban RENAME CONSTRAINT mod_ban_other_user_id_fkey TO mod_ban_other_person_id_fkey;

-- mod_ban_community
ALTER TABLE mod_ban_from_community RENAME COLUMN mod_user_id TO mod_person_id;

ALTER TABLE mod_ban_from_community RENAME COLUMN other_user_id TO other_person_id;

ALTER TABLE mod_ban_from_community RENAME CONSTRAINT mod_ban_from_community_mod_user_id_fkey TO mod_ban_from_community_mod_person_id_fkey;

ALTER TABLE mod_ban_from_community RENAME CONSTRAINT mod_ban_from_community_other_user_id_fkey TO mod_ban_from_community_other_person_id_fkey;

-- mod_lock_post
ALTER TABLE mod_lock_post RENAME COLUMN mod_user_id TO mod_person_id;

ALTER TABLE mod_lock_post RENAME CONSTRAINT mod_lock_post_mod_user_id_fkey TO mod_lock_post_mod_person_id_fkey;

-- mod_remove_comment
ALTER TABLE mod_remove_comment RENAME COLUMN mod_user_id TO mod_person_id;

ALTER TABLE mod_remove_comment RENAME CONSTRAINT mod_remove_comment_mod_user_id_fkey TO mod_remove_comment_mod_person_id_fkey;

-- mod_remove_community
ALTER TABLE mod_remove_community RENAME COLUMN mod_user_id TO mod_person_id;

ALTER TABLE mod_remove_community RENAME CONSTRAINT mod_remove_community_mod_user_id_fkey TO mod_remove_community_mod_person_id_fkey;

-- mod_remove_post
ALTER TABLE mod_remove_post RENAME COLUMN mod_user_id TO mod_person_id;

ALTER TABLE mod_remove_post RENAME CONSTRAINT mod_remove_post_mod_user_id_fkey TO mod_remove_post_mod_person_id_fkey;

-- mod_sticky_post
ALTER TABLE mod_sticky_post RENAME COLUMN mod_user_id TO mod_person_id;

ALTER TABLE mod_sticky_post RENAME CONSTRAINT mod_sticky_post_mod_user_id_fkey TO mod_sticky_post_mod_person_id_fkey;

-- password_reset_request
DELETE FROM password_reset_request;

ALTER TABLE password_reset_request
    DROP COLUMN user_id;

ALTER TABLE password_reset_request
    ADD COLUMN local_user_id integer NOT NULL REFERENCES local_user (id) ON UPDATE CASCADE ON DELETE CASCADE;

-- post_like
ALTER TABLE post_like RENAME COLUMN user_id TO person_id;

ALTER INDEX idx_post_like_user RENAME TO idx_post_like_person;

ALTER TABLE post_like RENAME CONSTRAINT post_like_post_id_user_id_key TO post_like_post_id_person_id_key;

ALTER TABLE post_like RENAME CONSTRAINT post_like_user_id_fkey TO post_like_person_id_fkey;

-- post_read
ALTER TABLE post_read RENAME COLUMN user_id TO person_id;

ALTER TABLE post_read RENAME CONSTRAINT post_read_post_id_user_id_key TO post_read_post_id_person_id_key;

ALTER TABLE post_read RENAME CONSTRAINT post_read_user_id_fkey TO post_read_person_id_fkey;

-- post_saved
ALTER TABLE post_saved RENAME COLUMN user_id TO person_id;

ALTER TABLE post_saved RENAME CONSTRAINT post_saved_post_id_user_id_key TO post_saved_post_id_person_id_key;

ALTER TABLE post_saved RENAME CONSTRAINT post_saved_user_id_fkey TO post_saved_person_id_fkey;

-- redo site aggregates trigger
CREATE OR REPLACE FUNCTION site_aggregates_activity (i text)
    RETURNS integer
    LANGUAGE plpgsql
    AS $$
DECLARE
    count_ integer;
BEGIN
    SELECT
        count(*) INTO count_
    FROM (
        SELECT
            c.creator_id
        FROM
            comment c
            INNER JOIN person u ON c.creator_id = u.id
        WHERE
            c.published > ('now'::timestamp - i::interval)
            AND u.local = TRUE
        UNION
        SELECT
            p.creator_id
        FROM
            post p
            INNER JOIN person u ON p.creator_id = u.id
        WHERE
            p.published > ('now'::timestamp - i::interval)
            AND u.local = TRUE) a;
    RETURN count_;
END;
$$;

;
-- ===== migrations/2021-03-19-014144_add_col_local_user_validator_time/up.sql
ALTER TABLE local_user
    ADD COLUMN validator_time timestamp NOT NULL DEFAULT now();

;
-- ===== migrations/2021-03-20-185321_move_matrix_id_to_person/up.sql
ALTER TABLE person
    ADD COLUMN matrix_user_id text;

ALTER TABLE person
    ADD COLUMN admin boolean DEFAULT FALSE NOT NULL;

UPDATE
    person p
SET
    matrix_user_id = lu.matrix_user_id,
    admin = lu.admin
FROM
    local_user lu
WHERE
    p.id = lu.person_id;

ALTER TABLE local_user
    DROP COLUMN matrix_user_id;

ALTER TABLE local_user
    DROP COLUMN admin;

-- Regenerate the person_alias views
DROP VIEW person_alias_1, person_alias_2;

CREATE VIEW person_alias_1 AS
SELECT
    *
FROM
    person;

CREATE VIEW person_alias_2 AS
SELECT
    *
FROM
    person;

;
-- ===== migrations/2021-03-31-103917_add_show_score_setting/up.sql
ALTER TABLE local_user
    ADD COLUMN show_scores boolean DEFAULT TRUE NOT NULL;

;
-- ===== migrations/2021-03-31-105915_add_bot_account/up.sql
-- Add the bot_account column to the person table
DROP VIEW person_alias_1, person_alias_2;

ALTER TABLE person
    ADD COLUMN bot_account boolean NOT NULL DEFAULT FALSE;

CREATE VIEW person_alias_1 AS
SELECT
    *
FROM
    person;

CREATE VIEW person_alias_2 AS
SELECT
    *
FROM
    person;

-- Add the show_bot_accounts to the local user table as a setting
ALTER TABLE local_user
    ADD COLUMN show_bot_accounts boolean NOT NULL DEFAULT TRUE;

;
-- ===== migrations/2021-03-31-144349_add_site_short_description/up.sql
-- Renaming description to sidebar
ALTER TABLE site RENAME COLUMN description TO sidebar;

-- Adding a short description column
ALTER TABLE site
    ADD COLUMN description varchar(150);

;
-- ===== migrations/2021-04-01-173552_rename_preferred_username_to_display_name/up.sql
ALTER TABLE person RENAME preferred_username TO display_name;

-- Regenerate the person_alias views
DROP VIEW person_alias_1, person_alias_2;

CREATE VIEW person_alias_1 AS
SELECT
    *
FROM
    person;

CREATE VIEW person_alias_2 AS
SELECT
    *
FROM
    person;

;
-- ===== migrations/2021-04-01-181826_add_community_agg_active_monthly_index/up.sql
CREATE INDEX idx_community_aggregates_users_active_month ON community_aggregates (users_active_month DESC);

;
-- ===== migrations/2021-04-02-021422_remove_community_creator/up.sql
-- Drop the column
ALTER TABLE community
    DROP COLUMN creator_id;

;
-- ===== migrations/2021-04-20-155001_limit-admins-create-community/up.sql
ALTER TABLE site
    ADD COLUMN community_creation_admin_only bool NOT NULL DEFAULT FALSE;

;
-- ===== migrations/2021-04-24-174047_add_show_read_post_setting/up.sql
ALTER TABLE local_user
    ADD COLUMN show_read_posts boolean DEFAULT TRUE NOT NULL;

;
-- ===== migrations/2021-07-19-130929_add_show_new_post_notifs_setting/up.sql
ALTER TABLE local_user
    ADD COLUMN show_new_post_notifs boolean DEFAULT FALSE NOT NULL;

;
-- ===== migrations/2021-07-20-102033_actor_name_length/up.sql
DROP VIEW person_alias_1;

DROP VIEW person_alias_2;

ALTER TABLE community
    ALTER COLUMN name TYPE varchar(255);

ALTER TABLE community
    ALTER COLUMN title TYPE varchar(255);

ALTER TABLE person
    ALTER COLUMN name TYPE varchar(255);

ALTER TABLE person
    ALTER COLUMN display_name TYPE varchar(255);

CREATE VIEW person_alias_1 AS
SELECT
    *
FROM
    person;

CREATE VIEW person_alias_2 AS
SELECT
    *
FROM
    person;

;
-- ===== migrations/2021-08-02-002342_comment_count_fixes/up.sql
-- Creating a new trigger for when comment.deleted is updated
CREATE OR REPLACE FUNCTION post_aggregates_comment_deleted ()
    RETURNS TRIGGER
    LANGUAGE plpgsql
    AS $$
BEGIN
    IF NEW.deleted = TRUE THEN
        UPDATE
            post_aggregates pa
        SET
            comments = comments - 1
        WHERE
            pa.post_id = NEW.post_id;
    ELSE
        UPDATE
            post_aggregates pa
        SET
            comments = comments + 1
        WHERE
            pa.post_id = NEW.post_id;
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER post_aggregates_comment_set_deleted
    AFTER UPDATE OF deleted ON comment
    FOR EACH ROW
    EXECUTE PROCEDURE post_aggregates_comment_deleted ();

-- Fix issue with being able to necro-bump your own post
CREATE OR REPLACE FUNCTION post_aggregates_comment_count ()
    RETURNS TRIGGER
    LANGUAGE plpgsql
    AS $$
BEGIN
    IF (TG_OP = 'INSERT') THEN
        UPDATE
            post_aggregates pa
        SET
            comments = comments + 1,
            newest_comment_time = NEW.published
        WHERE
            pa.post_id = NEW.post_id;
        -- A 2 day necro-bump limit
        UPDATE
            post_aggregates pa
        SET
            newest_comment_time_necro = NEW.published
        FROM
            post p
        WHERE
            pa.post_id = p.id
            AND pa.post_id = NEW.post_id
            -- Fix issue with being able to necro-bump your own post
            AND NEW.creator_id != p.creator_id
            AND pa.published > ('now'::timestamp - '2 days'::interval);
    ELSIF (TG_OP = 'DELETE') THEN
        -- Join to post because that post may not exist anymore
        UPDATE
            post_aggregates pa
        SET
            comments = comments - 1
        FROM
            post p
        WHERE
            pa.post_id = p.id
            AND pa.post_id = OLD.post_id;
    ELSIF (TG_OP = 'UPDATE') THEN
        -- Join to post because that post may not exist anymore
        UPDATE
            post_aggregates pa
        SET
            comments = comments - 1
        FROM
            post p
        WHERE
            pa.post_id = p.id
            AND pa.post_id = OLD.post_id;
    END IF;
    RETURN NULL;
END
$$;

;
-- ===== migrations/2021-08-04-223559_create_user_community_block/up.sql
CREATE TABLE person_block (
    id serial PRIMARY KEY,
    person_id int REFERENCES person ON UPDATE CASCADE ON DELETE CASCADE NOT NULL,
    target_id int REFERENCES person ON UPDATE CASCADE ON DELETE CASCADE NOT NULL,
    published timestamp NOT NULL DEFAULT now(),
    UNIQUE (person_id, target_id)
);

CREATE TABLE community_block (
    id serial PRIMARY KEY,
    person_id int REFERENCES person ON UPDATE CASCADE ON DELETE CASCADE NOT NULL,
    community_id int REFERENCES community ON UPDATE CASCADE ON DELETE CASCADE NOT NULL,
    published timestamp NOT NULL DEFAULT now(),
    UNIQUE (person_id, community_id)
);

;
-- ===== migrations/2021-08-16-004209_fix_remove_bots_from_aggregates/up.sql
-- Make sure bots aren't included in aggregate counts
CREATE OR REPLACE FUNCTION community_aggregates_activity (i text)
    RETURNS TABLE (
        count_ bigint,
        community_id_ integer)
    LANGUAGE plpgsql
    AS $$
BEGIN
    RETURN QUERY
    SELECT
        count(*),
        community_id
    FROM (
        SELECT
            c.creator_id,
            p.community_id
        FROM
            comment c
            INNER JOIN post p ON c.post_id = p.id
            INNER JOIN person pe ON c.creator_id = pe.id
        WHERE
            c.published > ('now'::timestamp - i::interval)
            AND pe.bot_account = FALSE
    UNION
    SELECT
        p.creator_id,
        p.community_id
    FROM
        post p
            INNER JOIN person pe ON p.creator_id = pe.id
        WHERE
            p.published > ('now'::timestamp - i::interval)
            AND pe.bot_account = FALSE) a
GROUP BY
    community_id;
END;
$$;

CREATE OR REPLACE FUNCTION site_aggregates_activity (i text)
    RETURNS integer
    LANGUAGE plpgsql
    AS $$
DECLARE
    count_ integer;
BEGIN
    SELECT
        count(*) INTO count_
    FROM (
        SELECT
            c.creator_id
        FROM
            comment c
            INNER JOIN person u ON c.creator_id = u.id
            INNER JOIN person pe ON c.creator_id = pe.id
        WHERE
            c.published > ('now'::timestamp - i::interval)
            AND u.local = TRUE
            AND pe.bot_account = FALSE
        UNION
        SELECT
            p.creator_id
        FROM
            post p
            INNER JOIN person u ON p.creator_id = u.id
            INNER JOIN person pe ON p.creator_id = pe.id
        WHERE
            p.published > ('now'::timestamp - i::interval)
            AND u.local = TRUE
            AND pe.bot_account = FALSE) a;
    RETURN count_;
END;
$$;

;
-- ===== migrations/2021-08-17-210508_create_mod_transfer_community/up.sql
-- Add the mod_transfer_community log table
CREATE TABLE mod_transfer_community (
    id serial PRIMARY KEY,
    mod_person_id int REFERENCES person ON UPDATE CASCADE ON DELETE CASCADE NOT NULL,
    other_person_id int REFERENCES person ON UPDATE CASCADE ON DELETE CASCADE NOT NULL,
    community_id int REFERENCES community ON UPDATE CASCADE ON DELETE CASCADE NOT NULL,
    removed boolean DEFAULT FALSE,
    when_ timestamp NOT NULL DEFAULT now()
);

;
-- ===== migrations/2021-09-20-112945_jwt-secret/up.sql
-- generate a jwt secret
CREATE EXTENSION IF NOT EXISTS pgcrypto;

CREATE TABLE secret (
    id serial PRIMARY KEY,
    jwt_secret varchar NOT NULL DEFAULT gen_random_uuid ()
);

INSERT INTO secret DEFAULT VALUES;
;
-- ===== migrations/2021-10-01-141650_create_admin_purge/up.sql
-- Add the admin_purge tables
CREATE TABLE admin_purge_person (
    id serial PRIMARY KEY,
    admin_person_id int REFERENCES person ON UPDATE CASCADE ON DELETE CASCADE NOT NULL,
    reason text,
    when_ timestamp NOT NULL DEFAULT now()
);

CREATE TABLE admin_purge_community (
    id serial PRIMARY KEY,
    admin_person_id int REFERENCES person ON UPDATE CASCADE ON DELETE CASCADE NOT NULL,
    reason text,
    when_ timestamp NOT NULL DEFAULT now()
);

CREATE TABLE admin_purge_post (
    id serial PRIMARY KEY,
    admin_person_id int REFERENCES person ON UPDATE CASCADE ON DELETE CASCADE NOT NULL,
    community_id int REFERENCES community ON UPDATE CASCADE ON DELETE CASCADE NOT NULL,
    reason text,
    when_ timestamp NOT NULL DEFAULT now()
);

CREATE TABLE admin_purge_comment (
    id serial PRIMARY KEY,
    admin_person_id int REFERENCES person ON UPDATE CASCADE ON DELETE CASCADE NOT NULL,
    post_id int REFERENCES post ON UPDATE CASCADE ON DELETE CASCADE NOT NULL,
    reason text,
    when_ timestamp NOT NULL DEFAULT now()
);

;
-- ===== migrations/2021-11-22-135324_add_activity_ap_id_index/up.sql
-- Delete the empty ap_ids
DELETE FROM activity
WHERE ap_id IS NULL;

-- Make it required
ALTER TABLE activity
    ALTER COLUMN ap_id SET NOT NULL;

-- Delete dupes, keeping the first one
DELETE FROM activity a USING (
    SELECT
        min(id) AS id,
        ap_id
    FROM
        activity
    GROUP BY
        ap_id
    HAVING
        count(*) > 1) b
WHERE
    a.ap_id = b.ap_id
    AND a.id <> b.id;

-- The index
CREATE UNIQUE INDEX idx_activity_ap_id ON activity (ap_id);

-- Drop the old index
DROP INDEX idx_activity_unique_apid;

;
-- ===== migrations/2021-11-22-143904_add_required_public_key/up.sql
-- Delete the empty public keys
DELETE FROM community
WHERE public_key IS NULL;

DELETE FROM person
WHERE public_key IS NULL;

-- Make it required
ALTER TABLE community
    ALTER COLUMN public_key SET NOT NULL;

ALTER TABLE person
    ALTER COLUMN public_key SET NOT NULL;

;
-- ===== migrations/2021-11-23-031528_add_report_published_index/up.sql
CREATE INDEX idx_comment_report_published ON comment_report (published DESC);

CREATE INDEX idx_post_report_published ON post_report (published DESC);

;
-- ===== migrations/2021-11-23-132840_email_verification/up.sql
-- use defaults from db for local user init
ALTER TABLE local_user
    ALTER COLUMN theme SET DEFAULT 'browser';

ALTER TABLE local_user
    ALTER COLUMN default_listing_type SET DEFAULT 2;

-- add tables and columns for optional email verification
ALTER TABLE site
    ADD COLUMN require_email_verification boolean NOT NULL DEFAULT FALSE;

ALTER TABLE local_user
    ADD COLUMN email_verified boolean NOT NULL DEFAULT FALSE;

CREATE TABLE email_verification (
    id serial PRIMARY KEY,
    local_user_id int REFERENCES local_user (id) ON UPDATE CASCADE ON DELETE CASCADE NOT NULL,
    email text NOT NULL,
    verification_token text NOT NULL
);

;
-- ===== migrations/2021-11-23-153753_add_invite_only_columns/up.sql
-- Add columns to site table
ALTER TABLE site
    ADD COLUMN require_application boolean NOT NULL DEFAULT FALSE;

ALTER TABLE site
    ADD COLUMN application_question text;

ALTER TABLE site
    ADD COLUMN private_instance boolean NOT NULL DEFAULT FALSE;

-- Add pending to local_user
ALTER TABLE local_user
    ADD COLUMN accepted_application boolean NOT NULL DEFAULT FALSE;

CREATE TABLE registration_application (
    id serial PRIMARY KEY,
    local_user_id int REFERENCES local_user ON UPDATE CASCADE ON DELETE CASCADE NOT NULL,
    answer text NOT NULL,
    admin_id int REFERENCES person ON UPDATE CASCADE ON DELETE CASCADE,
    deny_reason text,
    published timestamp NOT NULL DEFAULT now(),
    UNIQUE (local_user_id)
);

CREATE INDEX idx_registration_application_published ON registration_application (published DESC);

;
-- ===== migrations/2021-12-09-225529_add_published_to_email_verification/up.sql
ALTER TABLE email_verification
    ADD COLUMN published timestamp NOT NULL DEFAULT now();

;
-- ===== migrations/2021-12-14-181537_add_temporary_bans/up.sql
-- Add ban_expires to person, community_person_ban
ALTER TABLE person
    ADD COLUMN ban_expires timestamp;

ALTER TABLE community_person_ban
    ADD COLUMN expires timestamp;

DROP VIEW person_alias_1, person_alias_2;

CREATE VIEW person_alias_1 AS
SELECT
    *
FROM
    person;

CREATE VIEW person_alias_2 AS
SELECT
    *
FROM
    person;

;
-- ===== migrations/2022-01-04-034553_add_hidden_column/up.sql
ALTER TABLE community
    ADD COLUMN hidden boolean DEFAULT FALSE;

CREATE TABLE mod_hide_community (
    id serial PRIMARY KEY,
    community_id int REFERENCES community ON UPDATE CASCADE ON DELETE CASCADE NOT NULL,
    mod_person_id int REFERENCES person ON UPDATE CASCADE ON DELETE CASCADE NOT NULL,
    when_ timestamp NOT NULL DEFAULT now(),
    reason text,
    hidden boolean DEFAULT FALSE
);

;
-- ===== migrations/2022-01-20-160328_remove_site_creator/up.sql
-- Drop the column
ALTER TABLE site
    DROP COLUMN creator_id;

;
-- ===== migrations/2022-01-28-104106_instance-actor/up.sql
ALTER TABLE site
    ADD COLUMN actor_id varchar(255) NOT NULL UNIQUE DEFAULT generate_unique_changeme (),
    ADD COLUMN last_refreshed_at timestamp NOT NULL DEFAULT now(),
    ADD COLUMN inbox_url varchar(255) NOT NULL DEFAULT generate_unique_changeme (),
    ADD COLUMN private_key text,
    ADD COLUMN public_key text NOT NULL DEFAULT generate_unique_changeme ();

;
-- ===== migrations/2022-02-01-154240_add_community_title_index/up.sql
CREATE INDEX idx_community_title ON community (title);

;
-- ===== migrations/2022-02-18-210946_default_theme/up.sql
ALTER TABLE site
    ADD COLUMN default_theme text NOT NULL DEFAULT 'browser';

;
-- ===== migrations/2022-04-04-183652_update_community_aggregates_on_soft_delete/up.sql
DROP TRIGGER IF EXISTS community_aggregates_post_count ON post;

DROP TRIGGER IF EXISTS community_aggregates_comment_count ON comment;

DROP TRIGGER IF EXISTS site_aggregates_comment_insert ON comment;

DROP TRIGGER IF EXISTS site_aggregates_comment_delete ON comment;

DROP TRIGGER IF EXISTS site_aggregates_post_insert ON post;

DROP TRIGGER IF EXISTS site_aggregates_post_delete ON post;

DROP TRIGGER IF EXISTS site_aggregates_community_insert ON community;

DROP TRIGGER IF EXISTS site_aggregates_community_delete ON community;

DROP TRIGGER IF EXISTS person_aggregates_post_count ON post;

DROP TRIGGER IF EXISTS person_aggregates_comment_count ON comment;

CREATE OR REPLACE FUNCTION was_removed_or_deleted (TG_OP text, OLD record, NEW record)
    RETURNS boolean
    LANGUAGE plpgsql
    AS $$
BEGIN
    IF (TG_OP = 'INSERT') THEN
        RETURN FALSE;
    END IF;
    IF (TG_OP = 'DELETE') THEN
        RETURN TRUE;
    END IF;
    RETURN TG_OP = 'UPDATE'
        AND ((OLD.deleted = 'f'
                AND NEW.deleted = 't')
            OR (OLD.removed = 'f'
                AND NEW.removed = 't'));
END
$$;

CREATE OR REPLACE FUNCTION was_restored_or_created (TG_OP text, OLD record, NEW record)
    RETURNS boolean
    LANGUAGE plpgsql
    AS $$
BEGIN
    IF (TG_OP = 'DELETE') THEN
        RETURN FALSE;
    END IF;
    IF (TG_OP = 'INSERT') THEN
        RETURN TRUE;
    END IF;
    RETURN TG_OP = 'UPDATE'
        AND ((OLD.deleted = 't'
                AND NEW.deleted = 'f')
            OR (OLD.removed = 't'
                AND NEW.removed = 'f'));
END
$$;

-- Community aggregate functions
CREATE OR REPLACE FUNCTION community_aggregates_post_count ()
    RETURNS TRIGGER
    LANGUAGE plpgsql
    AS $$
BEGIN
    IF (was_restored_or_created (TG_OP, OLD, NEW)) THEN
        UPDATE
            community_aggregates
        SET
            posts = posts + 1
        WHERE
            community_id = NEW.community_id;
        IF (TG_OP = 'UPDATE') THEN
            -- Post was restored, so restore comment counts as well
            UPDATE
                community_aggregates ca
            SET
                posts = coalesce(cd.posts, 0),
                comments = coalesce(cd.comments, 0)
            FROM (
                SELECT
                    c.id,
                    count(DISTINCT p.id) AS posts,
                    count(DISTINCT ct.id) AS comments
                FROM
                    community c
                LEFT JOIN post p ON c.id = p.community_id
                    AND p.deleted = 'f'
                    AND p.removed = 'f'
            LEFT JOIN comment ct ON p.id = ct.post_id
                AND ct.deleted = 'f'
                AND ct.removed = 'f'
        WHERE
            c.id = NEW.community_id
        GROUP BY
            c.id) cd
        WHERE
            ca.community_id = NEW.community_id;
        END IF;
    ELSIF (was_removed_or_deleted (TG_OP, OLD, NEW)) THEN
        UPDATE
            community_aggregates
        SET
            posts = posts - 1
        WHERE
            community_id = OLD.community_id;
        -- Update the counts if the post got deleted
        UPDATE
            community_aggregates ca
        SET
            posts = coalesce(cd.posts, 0),
            comments = coalesce(cd.comments, 0)
        FROM (
            SELECT
                c.id,
                count(DISTINCT p.id) AS posts,
                count(DISTINCT ct.id) AS comments
            FROM
                community c
            LEFT JOIN post p ON c.id = p.community_id
                AND p.deleted = 'f'
                AND p.removed = 'f'
        LEFT JOIN comment ct ON p.id = ct.post_id
            AND ct.deleted = 'f'
            AND ct.removed = 'f'
    WHERE
        c.id = OLD.community_id
    GROUP BY
        c.id) cd
    WHERE
        ca.community_id = OLD.community_id;
    END IF;
    RETURN NULL;
END
$$;

-- comment count
CREATE OR REPLACE FUNCTION community_aggregates_comment_count ()
    RETURNS TRIGGER
    LANGUAGE plpgsql
    AS $$
BEGIN
    IF (was_restored_or_created (TG_OP, OLD, NEW)) THEN
        UPDATE
            community_aggregates ca
        SET
            comments = comments + 1
        FROM
            comment c,
            post p
        WHERE
            p.id = c.post_id
            AND p.id = NEW.post_id
            AND ca.community_id = p.community_id;
    ELSIF (was_removed_or_deleted (TG_OP, OLD, NEW)) THEN
        UPDATE
            community_aggregates ca
        SET
            comments = comments - 1
        FROM
            comment c,
            post p
        WHERE
            p.id = c.post_id
            AND p.id = OLD.post_id
            AND ca.community_id = p.community_id;
    END IF;
    RETURN NULL;
END
$$;

-- Community aggregate triggers
CREATE TRIGGER community_aggregates_post_count
    AFTER INSERT OR DELETE OR UPDATE OF removed,
    deleted ON post
    FOR EACH ROW
    EXECUTE PROCEDURE community_aggregates_post_count ();

CREATE TRIGGER community_aggregates_comment_count
    AFTER INSERT OR DELETE OR UPDATE OF removed,
    deleted ON comment
    FOR EACH ROW
    EXECUTE PROCEDURE community_aggregates_comment_count ();

-- Site aggregate functions
CREATE OR REPLACE FUNCTION site_aggregates_post_insert ()
    RETURNS TRIGGER
    LANGUAGE plpgsql
    AS $$
BEGIN
    IF (was_restored_or_created (TG_OP, OLD, NEW)) THEN
        UPDATE
            site_aggregates sa
        SET
            posts = posts + 1
        FROM
            site s
        WHERE
            sa.site_id = s.id;
    END IF;
    RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION site_aggregates_post_delete ()
    RETURNS TRIGGER
    LANGUAGE plpgsql
    AS $$
BEGIN
    IF (was_removed_or_deleted (TG_OP, OLD, NEW)) THEN
        UPDATE
            site_aggregates sa
        SET
            posts = posts - 1
        FROM
            site s
        WHERE
            sa.site_id = s.id;
    END IF;
    RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION site_aggregates_comment_insert ()
    RETURNS TRIGGER
    LANGUAGE plpgsql
    AS $$
BEGIN
    IF (was_restored_or_created (TG_OP, OLD, NEW)) THEN
        UPDATE
            site_aggregates sa
        SET
            comments = comments + 1
        FROM
            site s
        WHERE
            sa.site_id = s.id;
    END IF;
    RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION site_aggregates_comment_delete ()
    RETURNS TRIGGER
    LANGUAGE plpgsql
    AS $$
BEGIN
    IF (was_removed_or_deleted (TG_OP, OLD, NEW)) THEN
        UPDATE
            site_aggregates sa
        SET
            comments = comments - 1
        FROM
            site s
        WHERE
            sa.site_id = s.id;
    END IF;
    RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION site_aggregates_community_insert ()
    RETURNS TRIGGER
    LANGUAGE plpgsql
    AS $$
BEGIN
    IF (was_restored_or_created (TG_OP, OLD, NEW)) THEN
        UPDATE
            site_aggregates sa
        SET
            communities = communities + 1
        FROM
            site s
        WHERE
            sa.site_id = s.id;
    END IF;
    RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION site_aggregates_community_delete ()
    RETURNS TRIGGER
    LANGUAGE plpgsql
    AS $$
BEGIN
    IF (was_removed_or_deleted (TG_OP, OLD, NEW)) THEN
        UPDATE
            site_aggregates sa
        SET
            communities = communities - 1
        FROM
            site s
        WHERE
            sa.site_id = s.id;
    END IF;
    RETURN NULL;
END
$$;

-- Site aggregate triggers
CREATE TRIGGER site_aggregates_post_insert
    AFTER INSERT OR UPDATE OF removed,
    deleted ON post
    FOR EACH ROW
    WHEN (NEW.local = TRUE)
    EXECUTE PROCEDURE site_aggregates_post_insert ();

CREATE TRIGGER site_aggregates_post_delete
    AFTER DELETE OR UPDATE OF removed,
    deleted ON post
    FOR EACH ROW
    WHEN (OLD.local = TRUE)
    EXECUTE PROCEDURE site_aggregates_post_delete ();

CREATE TRIGGER site_aggregates_comment_insert
    AFTER INSERT OR UPDATE OF removed,
    deleted ON comment
    FOR EACH ROW
    WHEN (NEW.local = TRUE)
    EXECUTE PROCEDURE site_aggregates_comment_insert ();

CREATE TRIGGER site_aggregates_comment_delete
    AFTER DELETE OR UPDATE OF removed,
    deleted ON comment
    FOR EACH ROW
    WHEN (OLD.local = TRUE)
    EXECUTE PROCEDURE site_aggregates_comment_delete ();

CREATE TRIGGER site_aggregates_community_insert
    AFTER INSERT OR UPDATE OF removed,
    deleted ON community
    FOR EACH ROW
    WHEN (NEW.local = TRUE)
    EXECUTE PROCEDURE site_aggregates_community_insert ();

CREATE TRIGGER site_aggregates_community_delete
    AFTER DELETE OR UPDATE OF removed,
    deleted ON community
    FOR EACH ROW
    WHEN (OLD.local = TRUE)
    EXECUTE PROCEDURE site_aggregates_community_delete ();

-- Person aggregate functions
CREATE OR REPLACE FUNCTION person_aggregates_post_count ()
    RETURNS TRIGGER
    LANGUAGE plpgsql
    AS $$
BEGIN
    IF (was_restored_or_created (TG_OP, OLD, NEW)) THEN
        UPDATE
            person_aggregates
        SET
            post_count = post_count + 1
        WHERE
            person_id = NEW.creator_id;
    ELSIF (was_removed_or_deleted (TG_OP, OLD, NEW)) THEN
        UPDATE
            person_aggregates
        SET
            post_count = post_count - 1
        WHERE
            person_id = OLD.creator_id;
        -- If the post gets deleted, the score calculation trigger won't fire,
        -- so you need to re-calculate
        UPDATE
            person_aggregates ua
        SET
            post_score = pd.score
        FROM (
            SELECT
                u.id,
                coalesce(0, sum(pl.score)) AS score
                -- User join because posts could be empty
            FROM
                person u
            LEFT JOIN post p ON u.id = p.creator_id
                AND p.deleted = 'f'
                AND p.removed = 'f'
        LEFT JOIN post_like pl ON p.id = pl.post_id
    GROUP BY
        u.id) pd
    WHERE
        ua.person_id = OLD.creator_id;
    END IF;
    RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION person_aggregates_comment_count ()
    RETURNS TRIGGER
    LANGUAGE plpgsql
    AS $$
BEGIN
    IF (was_restored_or_created (TG_OP, OLD, NEW)) THEN
        UPDATE
            person_aggregates
        SET
            comment_count = comment_count + 1
        WHERE
            person_id = NEW.creator_id;
    ELSIF (was_removed_or_deleted (TG_OP, OLD, NEW)) THEN
        UPDATE
            person_aggregates
        SET
            comment_count = comment_count - 1
        WHERE
            person_id = OLD.creator_id;
        -- If the comment gets deleted, the score calculation trigger won't fire,
        -- so you need to re-calculate
        UPDATE
            person_aggregates ua
        SET
            comment_score = cd.score
        FROM (
            SELECT
                u.id,
                coalesce(0, sum(cl.score)) AS score
                -- User join because comments could be empty
            FROM
                person u
            LEFT JOIN comment c ON u.id = c.creator_id
                AND c.deleted = 'f'
                AND c.removed = 'f'
        LEFT JOIN comment_like cl ON c.id = cl.comment_id
    GROUP BY
        u.id) cd
    WHERE
        ua.person_id = OLD.creator_id;
    END IF;
    RETURN NULL;
END
$$;

-- Person aggregate triggers
CREATE TRIGGER person_aggregates_post_count
    AFTER INSERT OR DELETE OR UPDATE OF removed,
    deleted ON post
    FOR EACH ROW
    EXECUTE PROCEDURE person_aggregates_post_count ();

CREATE TRIGGER person_aggregates_comment_count
    AFTER INSERT OR DELETE OR UPDATE OF removed,
    deleted ON comment
    FOR EACH ROW
    EXECUTE PROCEDURE person_aggregates_comment_count ();

;
-- ===== migrations/2022-04-11-210137_fix_unique_changeme/up.sql
CREATE OR REPLACE FUNCTION generate_unique_changeme ()
    RETURNS text
    LANGUAGE sql
    AS $$
    SELECT
        'http://changeme.invalid/' || substr(md5(random()::text), 0, 25);
$$;

;
-- ===== migrations/2022-04-12-114352_default_post_listing_type/up.sql
ALTER TABLE site
    ADD COLUMN default_post_listing_type text NOT NULL DEFAULT 'Local';

;
-- ===== migrations/2022-04-12-185205_change_default_listing_type_to_local/up.sql
-- 0 is All, 1 is Local, 2 is Subscribed
ALTER TABLE ONLY local_user
    ALTER COLUMN default_listing_type SET DEFAULT 1;

;
-- ===== migrations/2022-04-19-111004_default_require_application/up.sql
ALTER TABLE site
    ALTER COLUMN require_application SET DEFAULT TRUE;

ALTER TABLE site
    ALTER COLUMN application_question SET DEFAULT 'To verify that you are human, please explain why you want to create an account on this site';

;
-- ===== migrations/2022-04-26-105145_only_mod_can_post/up.sql
ALTER TABLE community
    ADD COLUMN posting_restricted_to_mods boolean DEFAULT FALSE;

;
-- ===== migrations/2022-05-19-153931_legal-information/up.sql
ALTER TABLE site
    ADD COLUMN legal_information text;

;
-- ===== migrations/2022-05-20-135341_embed-url/up.sql
ALTER TABLE post
    DROP COLUMN embed_html;

ALTER TABLE post
    ADD COLUMN embed_video_url text;

;
-- ===== migrations/2022-06-12-012121_add_site_hide_modlog_names/up.sql
ALTER TABLE site
    ADD COLUMN hide_modlog_mod_names boolean DEFAULT TRUE NOT NULL;

;
-- ===== migrations/2022-06-13-124806_post_report_name_length/up.sql
-- adjust length limit to match post.name
ALTER TABLE post_report
    ALTER COLUMN original_post_name TYPE varchar(200);

;
-- ===== migrations/2022-06-21-123144_language-tags/up.sql
CREATE TABLE
LANGUAGE (
    id serial PRIMARY KEY,
    code varchar(3),
    name text
);

CREATE TABLE local_user_language (
    id serial PRIMARY KEY,
    local_user_id int REFERENCES local_user ON UPDATE CASCADE ON DELETE CASCADE NOT NULL,
    language_id int REFERENCES
    LANGUAGE ON
    UPDATE CASCADE ON DELETE CASCADE NOT NULL,
    UNIQUE (local_user_id, language_id)
);

ALTER TABLE local_user RENAME COLUMN lang TO interface_language;

INSERT INTO
LANGUAGE (id, code, name)
    VALUES (0, 'und', 'Undetermined');

ALTER TABLE post
    ADD COLUMN language_id integer REFERENCES LANGUAGE NOT
    NULL DEFAULT 0;

INSERT INTO
LANGUAGE (code, name)
    VALUES ('aa', 'Afaraf');

INSERT INTO
LANGUAGE (code, name)
    VALUES ('ab', 'аҧсуа бызшәа');

INSERT INTO
LANGUAGE (code, name)
    VALUES ('ae', 'avesta');

INSERT INTO
LANGUAGE (code, name)
    VALUES ('af', 'Afrikaans');

INSERT INTO
LANGUAGE (code, name)
    VALUES ('ak', 'Akan');

INSERT INTO
LANGUAGE (code, name)
    VALUES ('am', 'አማርኛ');

INSERT INTO
LANGUAGE (code, name)
    VALUES ('an', 'aragonés');

INSERT INTO
LANGUAGE (code, name)
    VALUES ('ar', 'اَلْعَرَبِيَّةُ');

INSERT INTO
LANGUAGE (code, name)
    VALUES ('as', 'অসমীয়া');

INSERT INTO
LANGUAGE (code, name)
    VALUES ('av', 'авар мацӀ');

INSERT INTO
LANGUAGE (code, name)
    VALUES ('ay', 'aymar aru');

INSERT INTO
LANGUAGE (code, name)
    VALUES ('az', 'azərbaycan dili');

INSERT INTO
LANGUAGE (code, name)
    VALUES ('ba', 'башҡорт теле');

INSERT INTO
LANGUAGE (code, name)
    VALUES ('be', 'беларуская мова');

INSERT INTO
LANGUAGE (code, name)
    VALUES ('bg', 'български език');

INSERT INTO
LANGUAGE (code, name)
    VALUES ('bi', 'Bislama');

INSERT INTO
LANGUAGE (code, name)
    VALUES ('bm', 'bamanankan');

INSERT INTO
LANGUAGE (code, name)
    VALUES ('bn', 'বাংলা');

INSERT INTO
LANGUAGE (code, name)
    VALUES ('bo', 'བོད་ཡིག');

INSERT INTO
LANGUAGE (code, name)
    VALUES ('br', 'brezhoneg');

INSERT INTO
LANGUAGE (code, name)
    VALUES ('bs', 'bosanski jezik');

INSERT INTO
LANGUAGE (code, name)
    VALUES ('ca', 'Català');

INSERT INTO
LANGUAGE (code, name)
    VALUES ('ce', 'нохчийн мотт');

INSERT INTO
LANGUAGE (code, name)
    VALUES ('ch', 'Chamoru');

INSERT INTO
LANGUAGE (code, name)
    VALUES ('co', 'corsu');

INSERT INTO
LANGUAGE (code, name)
    VALUES ('cr', 'ᓀᐦᐃᔭᐍᐏᐣ');

INSERT INTO
LANGUAGE (code, name)
    VALUES ('cs', 'čeština');

INSERT INTO
LANGUAGE (code, name)
    VALUES ('cu', 'ѩзыкъ словѣньскъ');

INSERT INTO
LANGUAGE (code, name)
    VALUES ('cv', 'чӑваш чӗлхи');

INSERT INTO
LANGUAGE (code, name)
    VALUES ('cy', 'Cymraeg');

INSERT INTO
LANGUAGE (code, name)
    VALUES ('da', 'dansk');

INSERT INTO
LANGUAGE (code, name)
    VALUES ('de', 'Deutsch');

INSERT INTO
LANGUAGE (code, name)
    VALUES ('dv', 'ދިވެހި');

INSERT INTO
LANGUAGE (code, name)
    VALUES ('dz', 'རྫོང་ཁ');

INSERT INTO
LANGUAGE (code, name)
    VALUES ('ee', 'Eʋegbe');

INSERT INTO
LANGUAGE (code, name)
    VALUES ('el', 'Ελληνικά');

INSERT INTO
LANGUAGE (code, name)
    VALUES ('en', 'English');

INSERT INTO
LANGUAGE (code, name)
    VALUES ('eo', 'Esperanto');

INSERT INTO
LANGUAGE (code, name)
    VALUES ('es', 'Español');

INSERT INTO
LANGUAGE (code, name)
    VALUES ('et', 'eesti');

INSERT INTO
LANGUAGE (code, name)
    VALUES ('eu', 'euskara');

INSERT INTO
LANGUAGE (code, name)
    VALUES ('fa', 'فارسی');

INSERT INTO
LANGUAGE (code, name)
    VALUES ('ff', 'Fulfulde');

INSERT INTO
LANGUAGE (code, name)
    VALUES ('fi', 'suomi');

INSERT INTO
LANGUAGE (code, name)
    VALUES ('fj', 'vosa Vakaviti');

INSERT INTO
LANGUAGE (code, name)
    VALUES ('fo', 'føroyskt');

INSERT INTO
LANGUAGE (code, name)
    VALUES ('fr', 'Français');

INSERT INTO
LANGUAGE (code, name)
    VALUES ('fy', 'Frysk');

INSERT INTO
LANGUAGE (code, name)
    VALUES ('ga', 'Gaeilge');

INSERT INTO
LANGUAGE (code, name)
    VALUES ('gd', 'Gàidhlig');

INSERT INTO
LANGUAGE (code, name)
    VALUES ('gl', 'galego');

INSERT INTO
LANGUAGE (code, name)
    VALUES ('gn', E'Avañe\'ẽ');

INSERT INTO
LANGUAGE (code, name)
    VALUES ('gu', 'ગુજરાતી');

INSERT INTO
LANGUAGE (code, name)
    VALUES ('gv', 'Gaelg');

INSERT INTO
LANGUAGE (code, name)
    VALUES ('ha', 'هَوُسَ');

INSERT INTO
LANGUAGE (code, name)
    VALUES ('he', 'עברית');

INSERT INTO
LANGUAGE (code, name)
    VALUES ('hi', 'हिन्दी');

INSERT INTO
LANGUAGE (code, name)
    VALUES ('ho', 'Hiri Motu');

INSERT INTO
LANGUAGE (code, name)
    VALUES ('hr', 'Hrvatski');

INSERT INTO
LANGUAGE (code, name)
    VALUES ('ht', 'Kreyòl ayisyen');

INSERT INTO
LANGUAGE (code, name)
    VALUES ('hu', 'magyar');

INSERT INTO
LANGUAGE (code, name)
    VALUES ('hy', 'Հայերեն');

INSERT INTO
LANGUAGE (code, name)
    VALUES ('hz', 'Otjiherero');

INSERT INTO
LANGUAGE (code, name)
    VALUES ('ia', 'Interlingua');

INSERT INTO
LANGUAGE (code, name)
    VALUES ('id', 'Bahasa Indonesia');

INSERT INTO
LANGUAGE (code, name)
    VALUES ('ie', 'Interlingue');

INSERT INTO
LANGUAGE (code, name)
    VALUES ('ig', 'Asụsụ Igbo');

INSERT INTO
LANGUAGE (code, name)
    VALUES ('ii', 'ꆈꌠ꒿ Nuosuhxop');

INSERT INTO
LANGUAGE (code, name)
    VALUES ('ik', 'Iñupiaq');

INSERT INTO
LANGUAGE (code, name)
    VALUES ('io', 'Ido');

INSERT INTO
LANGUAGE (code, name)
    VALUES ('is', 'Íslenska');

INSERT INTO
LANGUAGE (code, name)
    VALUES ('it', 'Italiano');

INSERT INTO
LANGUAGE (code, name)
    VALUES ('iu', 'ᐃᓄᒃᑎᑐᑦ');

INSERT INTO
LANGUAGE (code, name)
    VALUES ('ja', '日本語');

INSERT INTO
LANGUAGE (code, name)
    VALUES ('jv', 'basa Jawa');

INSERT INTO
LANGUAGE (code, name)
    VALUES ('ka', 'ქართული');

INSERT INTO
LANGUAGE (code, name)
    VALUES ('kg', 'Kikongo');

INSERT INTO
LANGUAGE (code, name)
    VALUES ('ki', 'Gĩkũyũ');

INSERT INTO
LANGUAGE (code, name)
    VALUES ('kj', 'Kuanyama');

INSERT INTO
LANGUAGE (code, name)
    VALUES ('kk', 'қазақ тілі');

INSERT INTO
LANGUAGE (code, name)
    VALUES ('kl', 'kalaallisut');

INSERT INTO
LANGUAGE (code, name)
    VALUES ('km', 'ខេមរភាសា');

INSERT INTO
LANGUAGE (code, name)
    VALUES ('kn', 'ಕನ್ನಡ');

INSERT INTO
LANGUAGE (code, name)
    VALUES ('ko', '한국어');

INSERT INTO
LANGUAGE (code, name)
    VALUES ('kr', 'Kanuri');

INSERT INTO
LANGUAGE (code, name)
    VALUES ('ks', 'कश्मीरी');

INSERT INTO
LANGUAGE (code, name)
    VALUES ('ku', 'Kurdî');

INSERT INTO
LANGUAGE (code, name)
    VALUES ('kv', 'коми кыв');

INSERT INTO
LANGUAGE (code, name)
    VALUES ('kw', 'Kernewek');

INSERT INTO
LANGUAGE (code, name)
    VALUES ('ky', 'Кыргызча');

INSERT INTO
LANGUAGE (code, name)
    VALUES ('la', 'latine');

INSERT INTO
LANGUAGE (code, name)
    VALUES ('lb', 'Lëtzebuergesch');

INSERT INTO
LANGUAGE (code, name)
    VALUES ('lg', 'Luganda');

INSERT INTO
LANGUAGE (code, name)
    VALUES ('li', 'Limburgs');

INSERT INTO
LANGUAGE (code, name)
    VALUES ('ln', 'Lingála');

INSERT INTO
LANGUAGE (code, name)
    VALUES ('lo', 'ພາສາລາວ');

INSERT INTO
LANGUAGE (code, name)
    VALUES ('lt', 'lietuvių kalba');

INSERT INTO
LANGUAGE (code, name)
    VALUES ('lu', 'Kiluba');

INSERT INTO
LANGUAGE (code, name)
    VALUES ('lv', 'latviešu valoda');

INSERT INTO
LANGUAGE (code, name)
    VALUES ('mg', 'fiteny malagasy');

INSERT INTO
LANGUAGE (code, name)
    VALUES ('mh', 'Kajin M̧ajeļ');

INSERT INTO
LANGUAGE (code, name)
    VALUES ('mi', 'te reo Māori');

INSERT INTO
LANGUAGE (code, name)
    VALUES ('mk', 'македонски јазик');

INSERT INTO
LANGUAGE (code, name)
    VALUES ('ml', 'മലയാളം');

INSERT INTO
LANGUAGE (code, name)
    VALUES ('mn', 'Монгол хэл');

INSERT INTO
LANGUAGE (code, name)
    VALUES ('mr', 'मराठी');

INSERT INTO
LANGUAGE (code, name)
    VALUES ('ms', 'Bahasa Melayu');

INSERT INTO
LANGUAGE (code, name)
    VALUES ('mt', 'Malti');

INSERT INTO
LANGUAGE (code, name)
    VALUES ('my', 'ဗမာစာ');

INSERT INTO
LANGUAGE (code, name)
    VALUES ('na', 'Dorerin Naoero');

INSERT INTO
LANGUAGE (code, name)
    VALUES ('nb', 'Norsk bokmål');

INSERT INTO
LANGUAGE (code, name)
    VALUES ('nd', 'isiNdebele');

INSERT INTO
LANGUAGE (code, name)
    VALUES ('ne', 'नेपाली');

INSERT INTO
LANGUAGE (code, name)
    VALUES ('ng', 'Owambo');

INSERT INTO
LANGUAGE (code, name)
    VALUES ('nl', 'Nederlands');

INSERT INTO
LANGUAGE (code, name)
    VALUES ('nn', 'Norsk nynorsk');

INSERT INTO
LANGUAGE (code, name)
    VALUES ('no', 'Norsk');

INSERT INTO
LANGUAGE (code, name)
    VALUES ('nr', 'isiNdebele');

INSERT INTO
LANGUAGE (code, name)
    VALUES ('nv', 'Diné bizaad');

INSERT INTO
LANGUAGE (code, name)
    VALUES ('ny', 'chiCheŵa');

INSERT INTO
LANGUAGE (code, name)
    VALUES ('oc', 'occitan');

INSERT INTO
LANGUAGE (code, name)
    VALUES ('oj', 'ᐊᓂᔑᓈᐯᒧᐎᓐ');

INSERT INTO
LANGUAGE (code, name)
    VALUES ('om', 'Afaan Oromoo');

INSERT INTO
LANGUAGE (code, name)
    VALUES ('or', 'ଓଡ଼ିଆ');

INSERT INTO
LANGUAGE (code, name)
    VALUES ('os', 'ирон æвзаг');

INSERT INTO
LANGUAGE (code, name)
    VALUES ('pa', 'ਪੰਜਾਬੀ');

INSERT INTO
LANGUAGE (code, name)
    VALUES ('pi', 'पाऴि');

INSERT INTO
LANGUAGE (code, name)
    VALUES ('pl', 'Polski');

INSERT INTO
LANGUAGE (code, name)
    VALUES ('ps', 'پښتو');

INSERT INTO
LANGUAGE (code, name)
    VALUES ('pt', 'Português');

INSERT INTO
LANGUAGE (code, name)
    VALUES ('qu', 'Runa Simi');

INSERT INTO
LANGUAGE (code, name)
    VALUES ('rm', 'rumantsch grischun');

INSERT INTO
LANGUAGE (code, name)
    VALUES ('rn', 'Ikirundi');

INSERT INTO
LANGUAGE (code, name)
    VALUES ('ro', 'Română');

INSERT INTO
LANGUAGE (code, name)
    VALUES ('ru', 'Русский');

INSERT INTO
LANGUAGE (code, name)
    VALUES ('rw', 'Ikinyarwanda');

INSERT INTO
LANGUAGE (code, name)
    VALUES ('sa', 'संस्कृतम्');

INSERT INTO
LANGUAGE (code, name)
    VALUES ('sc', 'sardu');

INSERT INTO
LANGUAGE (code, name)
    VALUES ('sd', 'सिन्धी');

INSERT INTO
LANGUAGE (code, name)
    VALUES ('se', 'Davvisámegiella');

INSERT INTO
LANGUAGE (code, name)
    VALUES ('sg', 'yângâ tî sängö');

INSERT INTO
LANGUAGE (code, name)
    VALUES ('si', 'සිංහල');

INSERT INTO
LANGUAGE (code, name)
    VALUES ('sk', 'slovenčina');

INSERT INTO
LANGUAGE (code, name)
    VALUES ('sl', 'slovenščina');

INSERT INTO
LANGUAGE (code, name)
    VALUES ('sm', E'gagana fa\'a Samoa');

INSERT INTO
LANGUAGE (code, name)
    VALUES ('sn', 'chiShona');

INSERT INTO
LANGUAGE (code, name)
    VALUES ('so', 'Soomaaliga');

INSERT INTO
LANGUAGE (code, name)
    VALUES ('sq', 'Shqip');

INSERT INTO
LANGUAGE (code, name)
    VALUES ('sr', 'српски језик');

INSERT INTO
LANGUAGE (code, name)
    VALUES ('ss', 'SiSwati');

INSERT INTO
LANGUAGE (code, name)
    VALUES ('st', 'Sesotho');

INSERT INTO
LANGUAGE (code, name)
    VALUES ('su', 'Basa Sunda');

INSERT INTO
LANGUAGE (code, name)
    VALUES ('sv', 'Svenska');

INSERT INTO
LANGUAGE (code, name)
    VALUES ('sw', 'Kiswahili');

INSERT INTO
LANGUAGE (code, name)
    VALUES ('ta', 'தமிழ்');

INSERT INTO
LANGUAGE (code, name)
    VALUES ('te', 'తెలుగు');

INSERT INTO
LANGUAGE (code, name)
    VALUES ('tg', 'тоҷикӣ');

INSERT INTO
LANGUAGE (code, name)
    VALUES ('th', 'ไทย');

INSERT INTO
LANGUAGE (code, name)
    VALUES ('ti', 'ትግርኛ');

INSERT INTO
LANGUAGE (code, name)
    VALUES ('tk', 'Türkmençe');

INSERT INTO
LANGUAGE (code, name)
    VALUES ('tl', 'Wikang Tagalog');

INSERT INTO
LANGUAGE (code, name)
    VALUES ('tn', 'Setswana');

INSERT INTO
LANGUAGE (code, name)
    VALUES ('to', 'faka Tonga');

INSERT INTO
LANGUAGE (code, name)
    VALUES ('tr', 'Türkçe');

INSERT INTO
LANGUAGE (code, name)
    VALUES ('ts', 'Xitsonga');

INSERT INTO
LANGUAGE (code, name)
    VALUES ('tt', 'татар теле');

INSERT INTO
LANGUAGE (code, name)
    VALUES ('tw', 'Twi');

INSERT INTO
LANGUAGE (code, name)
    VALUES ('ty', 'Reo Tahiti');

INSERT INTO
LANGUAGE (code, name)
    VALUES ('ug', 'ئۇيغۇرچە‎');

INSERT INTO
LANGUAGE (code, name)
    VALUES ('uk', 'Українська');

INSERT INTO
LANGUAGE (code, name)
    VALUES ('ur', 'اردو');

INSERT INTO
LANGUAGE (code, name)
    VALUES ('uz', 'Ўзбек');

INSERT INTO
LANGUAGE (code, name)
    VALUES ('ve', 'Tshivenḓa');

INSERT INTO
LANGUAGE (code, name)
    VALUES ('vi', 'Tiếng Việt');

INSERT INTO
LANGUAGE (code, name)
    VALUES ('vo', 'Volapük');

INSERT INTO
LANGUAGE (code, name)
    VALUES ('wa', 'walon');

INSERT INTO
LANGUAGE (code, name)
    VALUES ('wo', 'Wollof');

INSERT INTO
LANGUAGE (code, name)
    VALUES ('xh', 'isiXhosa');

INSERT INTO
LANGUAGE (code, name)
    VALUES ('yi', 'ייִדיש');

INSERT INTO
LANGUAGE (code, name)
    VALUES ('yo', 'Yorùbá');

INSERT INTO
LANGUAGE (code, name)
    VALUES ('za', 'Saɯ cueŋƅ');

INSERT INTO
LANGUAGE (code, name)
    VALUES ('zh', '中文');

INSERT INTO
LANGUAGE (code, name)
    VALUES ('zu', 'isiZulu');

;
-- ===== migrations/2022-07-07-182650_comment_ltrees/up.sql
-- Remove the comment.read column, and create a new comment_reply table,
-- similar to the person_mention table.
--
-- This is necessary because self-joins using ltrees would be too tough with SQL views
--
-- Every comment should have a row here, because all comments have a recipient,
-- either the post creator, or the parent commenter.
CREATE TABLE comment_reply (
    id serial PRIMARY KEY,
    recipient_id int REFERENCES person ON UPDATE CASCADE ON DELETE CASCADE NOT NULL,
    comment_id int REFERENCES COMMENT ON UPDATE CASCADE ON DELETE CASCADE NOT NULL,
    read boolean DEFAULT FALSE NOT NULL,
    published timestamp NOT NULL DEFAULT now(),
    UNIQUE (recipient_id, comment_id)
);

-- Ones where parent_id is null, use the post creator recipient
INSERT INTO comment_reply (recipient_id, comment_id, read)
SELECT
    p.creator_id,
    c.id,
    c.read
FROM
    comment c
    INNER JOIN post p ON c.post_id = p.id
WHERE
    c.parent_id IS NULL;

--  Ones where there is a parent_id, self join to comment to get the parent comment creator
INSERT INTO comment_reply (recipient_id, comment_id, read)
SELECT
    c2.creator_id,
    c.id,
    c.read
FROM
    comment c
    INNER JOIN comment c2 ON c.parent_id = c2.id;

-- Drop comment_alias view
DROP VIEW comment_alias_1;

ALTER TABLE comment
    DROP COLUMN read;

CREATE EXTENSION IF NOT EXISTS ltree;

ALTER TABLE comment
    ADD COLUMN path ltree NOT NULL DEFAULT '0';

ALTER TABLE comment_aggregates
    ADD COLUMN child_count integer NOT NULL DEFAULT 0;

-- The ltree path column should be the comment_id parent paths, separated by dots.
-- Stackoverflow: building an ltree from a parent_id hierarchical tree:
-- https://stackoverflow.com/a/1144848/1655478
CREATE TEMPORARY TABLE comment_temp AS
WITH RECURSIVE q AS (
    SELECT
        h,
        1 AS level,
        ARRAY[id] AS breadcrumb
    FROM
        comment h
    WHERE
        parent_id IS NULL
    UNION ALL
    SELECT
        hi,
        q.level + 1 AS level,
        breadcrumb || id
    FROM
        q
        JOIN comment hi ON hi.parent_id = (q.h).id
)
SELECT
    (q.h).id,
    (q.h).parent_id,
    level,
    breadcrumb::varchar AS path,
    text2ltree ('0.' || array_to_string(breadcrumb, '.')) AS ltree_path
FROM
    q
ORDER BY
    breadcrumb;

-- Remove indexes and foreign key constraints, and disable triggers for faster updates
ALTER TABLE comment DISABLE TRIGGER USER;

ALTER TABLE comment
    DROP CONSTRAINT IF EXISTS comment_creator_id_fkey;

ALTER TABLE comment
    DROP CONSTRAINT IF EXISTS comment_parent_id_fkey;

ALTER TABLE comment
    DROP CONSTRAINT IF EXISTS comment_post_id_fkey;

ALTER TABLE comment
    DROP CONSTRAINT IF EXISTS idx_comment_ap_id;

DROP INDEX IF EXISTS idx_comment_creator;

DROP INDEX IF EXISTS idx_comment_parent;

DROP INDEX IF EXISTS idx_comment_post;

DROP INDEX IF EXISTS idx_comment_published;

-- Add the ltree column
UPDATE
    comment c
SET
    path = ct.ltree_path
FROM
    comment_temp ct
WHERE
    c.id = ct.id;

-- Without this, `DROP EXTENSION` in down.sql throws an object dependency error if up.sql and down.sql
-- are run in the same database connection
DROP TABLE comment_temp;

-- Update the child counts
UPDATE
    comment_aggregates ca
SET
    child_count = c2.child_count
FROM (
    SELECT
        c.id,
        c.path,
        count(c2.id) AS child_count
    FROM
        comment c
    LEFT JOIN comment c2 ON c2.path <@ c.path
        AND c2.path != c.path
GROUP BY
    c.id) AS c2
WHERE
    ca.comment_id = c2.id;

-- Delete comments at a depth of > 150, otherwise the index creation below will fail
DELETE FROM comment
WHERE nlevel (path) > 150;

-- Delete from comment where there is a missing post
DELETE FROM comment c
WHERE NOT EXISTS (
        SELECT
        FROM
            post p
        WHERE
            p.id = c.post_id);

-- Delete from comment where there is a missing creator_id
DELETE FROM comment c
WHERE NOT EXISTS (
        SELECT
        FROM
            person p
        WHERE
            p.id = c.creator_id);

-- Re-enable old constraints and indexes
ALTER TABLE comment
    ADD CONSTRAINT "comment_creator_id_fkey" FOREIGN KEY (creator_id) REFERENCES person (id) ON UPDATE CASCADE ON DELETE CASCADE;

ALTER TABLE comment
    ADD CONSTRAINT "comment_post_id_fkey" FOREIGN KEY (post_id) REFERENCES post (id) ON UPDATE CASCADE ON DELETE CASCADE;

ALTER TABLE comment
    ADD CONSTRAINT "idx_comment_ap_id" UNIQUE (ap_id);

CREATE INDEX idx_comment_creator ON comment (creator_id);

CREATE INDEX idx_comment_post ON comment (post_id);

CREATE INDEX idx_comment_published ON comment (published DESC);

-- Create the index
CREATE INDEX idx_path_gist ON comment USING gist (path);

-- Drop the parent_id column
ALTER TABLE comment
    DROP COLUMN parent_id CASCADE;

ALTER TABLE comment ENABLE TRIGGER USER;

;
-- ===== migrations/2022-08-04-150644_add_application_email_admins/up.sql
-- Adding a field to email admins for new applications
ALTER TABLE site
    ADD COLUMN application_email_admins boolean NOT NULL DEFAULT FALSE;

;
-- ===== migrations/2022-08-04-214722_add_distinguished_comment/up.sql
ALTER TABLE comment
    ADD COLUMN distinguished boolean NOT NULL DEFAULT FALSE;

;
-- ===== migrations/2022-08-05-203502_add_person_post_aggregates/up.sql
-- This table stores the # of read comments for a person, on a post
-- It can then be joined to post_aggregates to get an unread count:
-- unread = post_aggregates.comments - person_post_aggregates.read_comments
CREATE TABLE person_post_aggregates (
    id serial PRIMARY KEY,
    person_id int REFERENCES person ON UPDATE CASCADE ON DELETE CASCADE NOT NULL,
    post_id int REFERENCES post ON UPDATE CASCADE ON DELETE CASCADE NOT NULL,
    read_comments bigint NOT NULL DEFAULT 0,
    published timestamp NOT NULL DEFAULT now(),
    UNIQUE (person_id, post_id)
);

;
-- ===== migrations/2022-08-22-193848_comment-language-tags/up.sql
ALTER TABLE comment
    ADD COLUMN language_id integer REFERENCES LANGUAGE NOT
    NULL DEFAULT 0;

;
-- ===== migrations/2022-09-07-113813_drop_ccnew_indexes_function/up.sql
CREATE OR REPLACE FUNCTION drop_ccnew_indexes ()
    RETURNS integer
    AS $$
DECLARE
    i RECORD;
BEGIN
    FOR i IN (
        SELECT
            relname
        FROM
            pg_class
        WHERE
            relname LIKE '%ccnew%')
        LOOP
            EXECUTE 'DROP INDEX ' || i.relname;
        END LOOP;
    RETURN 1;
END;
$$
LANGUAGE plpgsql;

;
-- ===== migrations/2022-09-07-114618_pm-reports/up.sql
CREATE TABLE private_message_report (
    id serial PRIMARY KEY,
    creator_id int REFERENCES person ON UPDATE CASCADE ON DELETE CASCADE NOT NULL, -- user reporting comment
    private_message_id int REFERENCES private_message ON UPDATE CASCADE ON DELETE CASCADE NOT NULL, -- comment being reported
    original_pm_text text NOT NULL,
    reason text NOT NULL,
    resolved bool NOT NULL DEFAULT FALSE,
    resolver_id int REFERENCES person ON UPDATE CASCADE ON DELETE CASCADE, -- user resolving report
    published timestamp NOT NULL DEFAULT now(),
    updated timestamp NULL,
    UNIQUE (private_message_id, creator_id) -- users should only be able to report a pm once
);

;
-- ===== migrations/2022-09-08-102358_site-and-community-languages/up.sql
CREATE TABLE site_language (
    id serial PRIMARY KEY,
    site_id int REFERENCES site ON UPDATE CASCADE ON DELETE CASCADE NOT NULL,
    language_id int REFERENCES
    LANGUAGE ON
    UPDATE CASCADE ON DELETE CASCADE NOT NULL,
    UNIQUE (site_id, language_id)
);

CREATE TABLE community_language (
    id serial PRIMARY KEY,
    community_id int REFERENCES community ON UPDATE CASCADE ON DELETE CASCADE NOT NULL,
    language_id int REFERENCES
    LANGUAGE ON
    UPDATE CASCADE ON DELETE CASCADE NOT NULL,
    UNIQUE (community_id, language_id)
);

-- update existing users, sites and communities to have all languages enabled
DO $$
DECLARE
    xid integer;
BEGIN
    FOR xid IN
    SELECT
        id
    FROM
        local_user LOOP
            INSERT INTO local_user_language (local_user_id, language_id) (
                SELECT
                    xid,
                    language.id AS lid
                FROM
                    LANGUAGE);
        END LOOP;
    FOR xid IN
    SELECT
        id
    FROM
        site LOOP
            INSERT INTO site_language (site_id, language_id) (
                SELECT
                    xid,
                    language.id AS lid
                FROM
                    LANGUAGE);
        END LOOP;
    FOR xid IN
    SELECT
        id
    FROM
        community LOOP
            INSERT INTO community_language (community_id, language_id) (
                SELECT
                    xid,
                    language.id AS lid
                FROM
                    LANGUAGE);
        END LOOP;
END;
$$;

;
-- ===== migrations/2022-09-24-161829_remove_table_aliases/up.sql
-- Drop the alias views
DROP VIEW person_alias_1, person_alias_2;

;
-- ===== migrations/2022-10-06-183632_move_blocklist_to_db/up.sql
-- Create an instance table
-- Holds any connected or unconnected domain
CREATE TABLE instance (
    id serial PRIMARY KEY,
    domain varchar(255) NOT NULL UNIQUE,
    published timestamp NOT NULL DEFAULT now(),
    updated timestamp NULL
);

-- Insert all the domains to the instance table
INSERT INTO instance (DOMAIN)
SELECT DISTINCT
    substring(p.actor_id FROM '(?:.*://)?(?:www\.)?([^/?]*)')
FROM (
    SELECT
        actor_id
    FROM
        site
    UNION
    SELECT
        actor_id
    FROM
        person
    UNION
    SELECT
        actor_id
    FROM
        community) AS p;

-- Alter site, person, and community tables to reference the instance table.
ALTER TABLE site
    ADD COLUMN instance_id int REFERENCES instance ON UPDATE CASCADE ON DELETE CASCADE;

ALTER TABLE person
    ADD COLUMN instance_id int REFERENCES instance ON UPDATE CASCADE ON DELETE CASCADE;

ALTER TABLE community
    ADD COLUMN instance_id int REFERENCES instance ON UPDATE CASCADE ON DELETE CASCADE;

-- Add those columns
UPDATE
    site
SET
    instance_id = i.id
FROM
    instance i
WHERE
    substring(actor_id FROM '(?:.*://)?(?:www\.)?([^/?]*)') = i.domain;

UPDATE
    person
SET
    instance_id = i.id
FROM
    instance i
WHERE
    substring(actor_id FROM '(?:.*://)?(?:www\.)?([^/?]*)') = i.domain;

UPDATE
    community
SET
    instance_id = i.id
FROM
    instance i
WHERE
    substring(actor_id FROM '(?:.*://)?(?:www\.)?([^/?]*)') = i.domain;

-- Make those columns unique not null now
ALTER TABLE site
    ALTER COLUMN instance_id SET NOT NULL;

ALTER TABLE site
    ADD CONSTRAINT idx_site_instance_unique UNIQUE (instance_id);

ALTER TABLE person
    ALTER COLUMN instance_id SET NOT NULL;

ALTER TABLE community
    ALTER COLUMN instance_id SET NOT NULL;

-- Create allowlist and blocklist tables
CREATE TABLE federation_allowlist (
    id serial PRIMARY KEY,
    instance_id int REFERENCES instance ON UPDATE CASCADE ON DELETE CASCADE NOT NULL UNIQUE,
    published timestamp NOT NULL DEFAULT now(),
    updated timestamp NULL
);

CREATE TABLE federation_blocklist (
    id serial PRIMARY KEY,
    instance_id int REFERENCES instance ON UPDATE CASCADE ON DELETE CASCADE NOT NULL UNIQUE,
    published timestamp NOT NULL DEFAULT now(),
    updated timestamp NULL
);

-- Move all the extra site settings-type columns to a local_site table
-- Add a lot of other fields currently in the lemmy.hjson
CREATE TABLE local_site (
    id serial PRIMARY KEY,
    site_id int REFERENCES site ON UPDATE CASCADE ON DELETE CASCADE NOT NULL UNIQUE,
    -- Site table fields
    site_setup boolean DEFAULT FALSE NOT NULL,
    enable_downvotes boolean DEFAULT TRUE NOT NULL,
    open_registration boolean DEFAULT TRUE NOT NULL,
    enable_nsfw boolean DEFAULT TRUE NOT NULL,
    community_creation_admin_only boolean DEFAULT FALSE NOT NULL,
    require_email_verification boolean DEFAULT FALSE NOT NULL,
    require_application boolean DEFAULT TRUE NOT NULL,
    application_question text DEFAULT 'to verify that you are human, please explain why you want to create an account on this site'::text,
    private_instance boolean DEFAULT FALSE NOT NULL,
    default_theme text DEFAULT 'browser'::text NOT NULL,
    default_post_listing_type text DEFAULT 'Local'::text NOT NULL,
    legal_information text,
    hide_modlog_mod_names boolean DEFAULT TRUE NOT NULL,
    application_email_admins boolean DEFAULT FALSE NOT NULL,
    -- Fields from lemmy.hjson
    slur_filter_regex text,
    actor_name_max_length int DEFAULT 20 NOT NULL,
    federation_enabled boolean DEFAULT TRUE NOT NULL,
    federation_debug boolean DEFAULT FALSE NOT NULL,
    federation_strict_allowlist boolean DEFAULT TRUE NOT NULL,
    federation_http_fetch_retry_limit int DEFAULT 25 NOT NULL,
    federation_worker_count int DEFAULT 64 NOT NULL,
    captcha_enabled boolean DEFAULT FALSE NOT NULL,
    captcha_difficulty varchar(255) DEFAULT 'medium' NOT NULL,
    -- Time fields
    published timestamp without time zone DEFAULT now() NOT NULL,
    updated timestamp without time zone
);

-- local_site_rate_limit is its own table, so as to not go over 32 columns, and force diesel to use the 64-column-tables feature
CREATE TABLE local_site_rate_limit (
    id serial PRIMARY KEY,
    local_site_id int REFERENCES local_site ON UPDATE CASCADE ON DELETE CASCADE NOT NULL UNIQUE,
    message int DEFAULT 180 NOT NULL,
    message_per_second int DEFAULT 60 NOT NULL,
    post int DEFAULT 6 NOT NULL,
    post_per_second int DEFAULT 600 NOT NULL,
    register int DEFAULT 3 NOT NULL,
    register_per_second int DEFAULT 3600 NOT NULL,
    image int DEFAULT 6 NOT NULL,
    image_per_second int DEFAULT 3600 NOT NULL,
    comment int DEFAULT 6 NOT NULL,
    comment_per_second int DEFAULT 600 NOT NULL,
    search int DEFAULT 60 NOT NULL,
    search_per_second int DEFAULT 600 NOT NULL,
    published timestamp without time zone DEFAULT now() NOT NULL,
    updated timestamp without time zone
);

-- Insert the data into local_site
INSERT INTO local_site (site_id, site_setup, enable_downvotes, open_registration, enable_nsfw, community_creation_admin_only, require_email_verification, require_application, application_question, private_instance, default_theme, default_post_listing_type, legal_information, hide_modlog_mod_names, application_email_admins, published, updated)
SELECT
    id,
    TRUE, -- Assume site if setup if there's already a site row
    enable_downvotes,
    open_registration,
    enable_nsfw,
    community_creation_admin_only,
    require_email_verification,
    require_application,
    application_question,
    private_instance,
    default_theme,
    default_post_listing_type,
    legal_information,
    hide_modlog_mod_names,
    application_email_admins,
    published,
    updated
FROM
    site
ORDER BY
    id
LIMIT 1;

-- Default here
INSERT INTO local_site_rate_limit (local_site_id)
SELECT
    id
FROM
    local_site
ORDER BY
    id
LIMIT 1;

-- Drop all those columns from site
ALTER TABLE site
    DROP COLUMN enable_downvotes,
    DROP COLUMN open_registration,
    DROP COLUMN enable_nsfw,
    DROP COLUMN community_creation_admin_only,
    DROP COLUMN require_email_verification,
    DROP COLUMN require_application,
    DROP COLUMN application_question,
    DROP COLUMN private_instance,
    DROP COLUMN default_theme,
    DROP COLUMN default_post_listing_type,
    DROP COLUMN legal_information,
    DROP COLUMN hide_modlog_mod_names,
    DROP COLUMN application_email_admins;

;
-- ===== migrations/2022-11-13-181529_create_taglines/up.sql
CREATE TABLE tagline (
    id serial PRIMARY KEY,
    local_site_id int REFERENCES local_site ON UPDATE CASCADE ON DELETE CASCADE NOT NULL,
    content text NOT NULL,
    published timestamp without time zone DEFAULT now() NOT NULL,
    updated timestamp without time zone
);

;
-- ===== migrations/2022-11-20-032430_sticky_local/up.sql
DROP TRIGGER IF EXISTS post_aggregates_stickied ON post;

DROP FUNCTION post_aggregates_stickied;

ALTER TABLE post
    ADD featured_community boolean NOT NULL DEFAULT FALSE;

ALTER TABLE post
    ADD featured_local boolean NOT NULL DEFAULT FALSE;

UPDATE
    post
SET
    featured_community = stickied;

ALTER TABLE post
    DROP COLUMN stickied;

ALTER TABLE post_aggregates
    ADD featured_community boolean NOT NULL DEFAULT FALSE;

ALTER TABLE post_aggregates
    ADD featured_local boolean NOT NULL DEFAULT FALSE;

UPDATE
    post_aggregates
SET
    featured_community = stickied;

ALTER TABLE post_aggregates
    DROP COLUMN stickied;

ALTER TABLE mod_sticky_post RENAME COLUMN stickied TO featured;

ALTER TABLE mod_sticky_post
    ALTER COLUMN featured SET NOT NULL;

ALTER TABLE mod_sticky_post
    ADD is_featured_community boolean NOT NULL DEFAULT TRUE;

ALTER TABLE mod_sticky_post RENAME TO mod_feature_post;

CREATE FUNCTION post_aggregates_featured_community ()
    RETURNS TRIGGER
    LANGUAGE plpgsql
    AS $$
BEGIN
    UPDATE
        post_aggregates pa
    SET
        featured_community = NEW.featured_community
    WHERE
        pa.post_id = NEW.id;
    RETURN NULL;
END
$$;

CREATE FUNCTION post_aggregates_featured_local ()
    RETURNS TRIGGER
    LANGUAGE plpgsql
    AS $$
BEGIN
    UPDATE
        post_aggregates pa
    SET
        featured_local = NEW.featured_local
    WHERE
        pa.post_id = NEW.id;
    RETURN NULL;
END
$$;

CREATE TRIGGER post_aggregates_featured_community
    AFTER UPDATE ON public.post
    FOR EACH ROW
    WHEN (old.featured_community IS DISTINCT FROM new.featured_community)
    EXECUTE FUNCTION public.post_aggregates_featured_community ();

CREATE TRIGGER post_aggregates_featured_local
    AFTER UPDATE ON public.post
    FOR EACH ROW
    WHEN (old.featured_local IS DISTINCT FROM new.featured_local)
    EXECUTE FUNCTION public.post_aggregates_featured_local ();

;
-- ===== migrations/2022-11-21-143249_remove-federation-settings/up.sql
ALTER TABLE local_site
    DROP COLUMN federation_strict_allowlist;

ALTER TABLE local_site
    DROP COLUMN federation_http_fetch_retry_limit;

;
-- ===== migrations/2022-11-21-204256_user-following/up.sql
-- create user follower table with two references to persons
CREATE TABLE person_follower (
    id serial PRIMARY KEY,
    person_id int REFERENCES person ON UPDATE CASCADE ON DELETE CASCADE NOT NULL,
    follower_id int REFERENCES person ON UPDATE CASCADE ON DELETE CASCADE NOT NULL,
    published timestamp NOT NULL DEFAULT now(),
    pending boolean NOT NULL,
    UNIQUE (follower_id, person_id)
);

UPDATE
    community_follower
SET
    pending = FALSE
WHERE
    pending IS NULL;

ALTER TABLE community_follower
    ALTER COLUMN pending SET NOT NULL;

;
-- ===== migrations/2022-12-05-110642_registration_mode/up.sql
-- create enum for registration modes
CREATE TYPE registration_mode_enum AS enum (
    'closed',
    'require_application',
    'open'
);

-- use this enum for registration mode setting
ALTER TABLE local_site
    ADD COLUMN registration_mode registration_mode_enum NOT NULL DEFAULT 'require_application';

-- generate registration mode value from previous settings
WITH subquery AS (
    SELECT
        open_registration,
        require_application,
        CASE WHEN open_registration = FALSE THEN
            'closed'::registration_mode_enum
        WHEN open_registration = TRUE
            AND require_application = TRUE THEN
            'require_application'
        ELSE
            'open'
        END
    FROM
        local_site)
UPDATE
    local_site
SET
    registration_mode = subquery.case
FROM
    subquery;

-- drop old registration settings
ALTER TABLE local_site
    DROP COLUMN open_registration;

ALTER TABLE local_site
    DROP COLUMN require_application;

;
-- ===== migrations/2023-01-17-165819_cleanup_post_aggregates_indexes/up.sql
-- Drop the old indexes
DROP INDEX idx_post_aggregates_newest_comment_time, idx_post_aggregates_comments, idx_post_aggregates_hot, idx_post_aggregates_active, idx_post_aggregates_score, idx_post_aggregates_published;

-- All of the post fetching queries now start with either
-- featured_local desc, or featured_community desc, then the other sorts.
-- So you now need to double these indexes
CREATE INDEX idx_post_aggregates_featured_local_newest_comment_time ON post_aggregates (featured_local DESC, newest_comment_time DESC);

CREATE INDEX idx_post_aggregates_featured_community_newest_comment_time ON post_aggregates (featured_community DESC, newest_comment_time DESC);

CREATE INDEX idx_post_aggregates_featured_local_comments ON post_aggregates (featured_local DESC, comments DESC);

CREATE INDEX idx_post_aggregates_featured_community_comments ON post_aggregates (featured_community DESC, comments DESC);

CREATE INDEX idx_post_aggregates_featured_local_hot ON post_aggregates (featured_local DESC, hot_rank (score, published) DESC, published DESC);

CREATE INDEX idx_post_aggregates_featured_community_hot ON post_aggregates (featured_community DESC, hot_rank (score, published) DESC, published DESC);

CREATE INDEX idx_post_aggregates_featured_local_active ON post_aggregates (featured_local DESC, hot_rank (score, newest_comment_time) DESC, newest_comment_time DESC);

CREATE INDEX idx_post_aggregates_featured_community_active ON post_aggregates (featured_community DESC, hot_rank (score, newest_comment_time) DESC, newest_comment_time DESC);

CREATE INDEX idx_post_aggregates_featured_local_score ON post_aggregates (featured_local DESC, score DESC);

CREATE INDEX idx_post_aggregates_featured_community_score ON post_aggregates (featured_community DESC, score DESC);

CREATE INDEX idx_post_aggregates_featured_local_published ON post_aggregates (featured_local DESC, published DESC);

CREATE INDEX idx_post_aggregates_featured_community_published ON post_aggregates (featured_community DESC, published DESC);

;
-- ===== migrations/2023-02-01-012747_fix_active_index/up.sql
-- This should use the newest_comment_time_necro, not the newest_comment_time for the hot_rank
DROP INDEX idx_post_aggregates_featured_local_active, idx_post_aggregates_featured_community_active;

CREATE INDEX idx_post_aggregates_featured_local_active ON post_aggregates (featured_local DESC, hot_rank (score, newest_comment_time_necro) DESC, newest_comment_time_necro DESC);

CREATE INDEX idx_post_aggregates_featured_community_active ON post_aggregates (featured_community DESC, hot_rank (score, newest_comment_time_necro) DESC, newest_comment_time_necro DESC);

;
-- ===== migrations/2023-02-05-102549_drop-site-federation-debug/up.sql
ALTER TABLE local_site
    DROP COLUMN federation_debug;

;
-- ===== migrations/2023-02-07-030958_community-collections/up.sql
ALTER TABLE community
    ADD COLUMN moderators_url varchar(255) UNIQUE;

ALTER TABLE community
    ADD COLUMN featured_url varchar(255) UNIQUE;

;
-- ===== migrations/2023-02-11-173347_custom_emojis/up.sql
CREATE TABLE custom_emoji (
    id serial PRIMARY KEY,
    local_site_id int REFERENCES local_site ON UPDATE CASCADE ON DELETE CASCADE NOT NULL,
    shortcode varchar(128) NOT NULL UNIQUE,
    image_url text NOT NULL UNIQUE,
    alt_text text NOT NULL,
    category text NOT NULL,
    published timestamp without time zone DEFAULT now() NOT NULL,
    updated timestamp without time zone
);

CREATE TABLE custom_emoji_keyword (
    id serial PRIMARY KEY,
    custom_emoji_id int REFERENCES custom_emoji ON UPDATE CASCADE ON DELETE CASCADE NOT NULL,
    keyword varchar(128) NOT NULL,
    UNIQUE (custom_emoji_id, keyword)
);

CREATE INDEX idx_custom_emoji_category ON custom_emoji (id, category);

;
-- ===== migrations/2023-02-13-172528_add_report_email_admins/up.sql
-- Adding a field to email admins for new reports
ALTER TABLE local_site
    ADD COLUMN reports_email_admins boolean NOT NULL DEFAULT FALSE;

;
-- ===== migrations/2023-02-13-221303_add_instance_software_and_version/up.sql
-- Add Software and Version columns from nodeinfo to the instance table
ALTER TABLE instance
    ADD COLUMN software varchar(255);

ALTER TABLE instance
    ADD COLUMN version varchar(255);

;
-- ===== migrations/2023-02-15-212546_add_post_comment_saved_indexes/up.sql
CREATE INDEX idx_post_saved_person_id ON post_saved (person_id);

CREATE INDEX idx_comment_saved_person_id ON comment_saved (person_id);

;
-- ===== migrations/2023-02-16-194139_add_totp_secret/up.sql
ALTER TABLE local_user
    ADD COLUMN totp_2fa_secret text;

ALTER TABLE local_user
    ADD COLUMN totp_2fa_url text;

;
-- ===== migrations/2023-04-14-175955_add_listingtype_sorttype_enums/up.sql
-- A few DB fixes
ALTER TABLE community
    ALTER COLUMN hidden SET NOT NULL;

ALTER TABLE community
    ALTER COLUMN posting_restricted_to_mods SET NOT NULL;

ALTER TABLE activity
    ALTER COLUMN sensitive SET NOT NULL;

ALTER TABLE mod_add
    ALTER COLUMN removed SET NOT NULL;

ALTER TABLE mod_add_community
    ALTER COLUMN removed SET NOT NULL;

ALTER TABLE mod_ban
    ALTER COLUMN banned SET NOT NULL;

ALTER TABLE mod_ban_from_community
    ALTER COLUMN banned SET NOT NULL;

ALTER TABLE mod_hide_community
    ALTER COLUMN hidden SET NOT NULL;

ALTER TABLE mod_lock_post
    ALTER COLUMN LOCKED SET NOT NULL;

ALTER TABLE mod_remove_comment
    ALTER COLUMN removed SET NOT NULL;

ALTER TABLE mod_remove_community
    ALTER COLUMN removed SET NOT NULL;

ALTER TABLE mod_remove_post
    ALTER COLUMN removed SET NOT NULL;

ALTER TABLE mod_transfer_community
    DROP COLUMN removed;

ALTER TABLE LANGUAGE
    ALTER COLUMN code SET NOT NULL;

ALTER TABLE LANGUAGE
    ALTER COLUMN name SET NOT NULL;

-- Fix the registration mode enums
ALTER TYPE registration_mode_enum RENAME VALUE 'closed' TO 'Closed';

ALTER TYPE registration_mode_enum RENAME VALUE 'require_application' TO 'RequireApplication';

ALTER TYPE registration_mode_enum RENAME VALUE 'open' TO 'Open';

-- Create the enums
CREATE TYPE sort_type_enum AS ENUM (
    'Active',
    'Hot',
    'New',
    'Old',
    'TopDay',
    'TopWeek',
    'TopMonth',
    'TopYear',
    'TopAll',
    'MostComments',
    'NewComments'
);

CREATE TYPE listing_type_enum AS ENUM (
    'All',
    'Local',
    'Subscribed'
);

-- Alter the local_user table
ALTER TABLE local_user
    ALTER COLUMN default_sort_type DROP DEFAULT;

ALTER TABLE local_user
    ALTER COLUMN default_sort_type TYPE sort_type_enum
    USING
        CASE default_sort_type
        WHEN 0 THEN
            'Active'
        WHEN 1 THEN
            'Hot'
        WHEN 2 THEN
            'New'
        WHEN 3 THEN
            'Old'
        WHEN 4 THEN
            'TopDay'
        WHEN 5 THEN
            'TopWeek'
        WHEN 6 THEN
            'TopMonth'
        WHEN 7 THEN
            'TopYear'
        WHEN 8 THEN
            'TopAll'
        WHEN 9 THEN
            'MostComments'
        WHEN 10 THEN
            'NewComments'
        ELSE
            'Active'
        END::sort_type_enum;

ALTER TABLE local_user
    ALTER COLUMN default_sort_type SET DEFAULT 'Active';

ALTER TABLE local_user
    ALTER COLUMN default_listing_type DROP DEFAULT;

ALTER TABLE local_user
    ALTER COLUMN default_listing_type TYPE listing_type_enum
    USING
        CASE default_listing_type
        WHEN 0 THEN
            'All'
        WHEN 1 THEN
            'Local'
        WHEN 2 THEN
            'Subscribed'
        ELSE
            'Local'
        END::listing_type_enum;

ALTER TABLE local_user
    ALTER COLUMN default_listing_type SET DEFAULT 'Local';

-- Alter the local site column
ALTER TABLE local_site
    ALTER COLUMN default_post_listing_type DROP DEFAULT;

ALTER TABLE local_site
    ALTER COLUMN default_post_listing_type TYPE listing_type_enum
    USING default_post_listing_type::listing_type_enum;

ALTER TABLE local_site
    ALTER COLUMN default_post_listing_type SET DEFAULT 'Local';

;
-- ===== migrations/2023-04-23-164732_add_person_details_indexes/up.sql
-- Add a few indexes to speed up person details queries
CREATE INDEX idx_person_lower_name ON person (lower(name));

CREATE INDEX idx_community_lower_name ON community (lower(name));

CREATE INDEX idx_community_moderator_published ON community_moderator (published);

CREATE INDEX idx_community_moderator_community ON community_moderator (community_id);

CREATE INDEX idx_community_moderator_person ON community_moderator (person_id);

CREATE INDEX idx_comment_saved_comment ON comment_saved (comment_id);

CREATE INDEX idx_comment_saved_person ON comment_saved (person_id);

CREATE INDEX idx_community_block_community ON community_block (community_id);

CREATE INDEX idx_community_block_person ON community_block (person_id);

CREATE INDEX idx_community_follower_community ON community_follower (community_id);

CREATE INDEX idx_community_follower_person ON community_follower (person_id);

CREATE INDEX idx_person_block_person ON person_block (person_id);

CREATE INDEX idx_person_block_target ON person_block (target_id);

CREATE INDEX idx_post_language ON post (language_id);

CREATE INDEX idx_comment_language ON comment (language_id);

CREATE INDEX idx_person_aggregates_person ON person_aggregates (person_id);

CREATE INDEX idx_person_post_aggregates_post ON person_post_aggregates (post_id);

CREATE INDEX idx_person_post_aggregates_person ON person_post_aggregates (person_id);

CREATE INDEX idx_comment_reply_comment ON comment_reply (comment_id);

CREATE INDEX idx_comment_reply_recipient ON comment_reply (recipient_id);

CREATE INDEX idx_comment_reply_published ON comment_reply (published DESC);

;
-- ===== migrations/2023-05-10-095739_force_enable_undetermined_language/up.sql
-- force enable undetermined language for all users
INSERT INTO local_user_language (local_user_id, language_id)
SELECT
    id,
    0
FROM
    local_user
ON CONFLICT (local_user_id,
    language_id)
    DO NOTHING;

;
-- ===== migrations/2023-06-06-104440_index_post_url/up.sql
-- Make a hard limit of 512 for the post.url column
-- Truncate existing long rows.
UPDATE
    post
SET
    url =
    LEFT (url,
        512)
WHERE
    length(url) > 512;

-- Enforce the limit
ALTER TABLE post
    ALTER COLUMN url TYPE varchar(512);

-- Add the index
CREATE INDEX idx_post_url ON post (url);

;
-- ===== migrations/2023-06-07-105918_add_hot_rank_columns/up.sql
-- This converts the old hot_rank functions, to columns
-- Remove the old compound indexes
DROP INDEX idx_post_aggregates_featured_local_newest_comment_time;

DROP INDEX idx_post_aggregates_featured_community_newest_comment_time;

DROP INDEX idx_post_aggregates_featured_local_comments;

DROP INDEX idx_post_aggregates_featured_community_comments;

DROP INDEX idx_post_aggregates_featured_local_hot;

DROP INDEX idx_post_aggregates_featured_community_hot;

DROP INDEX idx_post_aggregates_featured_local_score;

DROP INDEX idx_post_aggregates_featured_community_score;

DROP INDEX idx_post_aggregates_featured_local_published;

DROP INDEX idx_post_aggregates_featured_community_published;

DROP INDEX idx_post_aggregates_featured_local_active;

DROP INDEX idx_post_aggregates_featured_community_active;

DROP INDEX idx_comment_aggregates_hot;

DROP INDEX idx_community_aggregates_hot;

-- Add the new hot rank columns for post and comment aggregates
-- Note: 1728 is the result of the hot_rank function, with a score of 1, posted now
-- hot_rank = 10000*log10(1 + 3)/Power(2, 1.8)
ALTER TABLE post_aggregates
    ADD COLUMN hot_rank integer NOT NULL DEFAULT 1728;

ALTER TABLE post_aggregates
    ADD COLUMN hot_rank_active integer NOT NULL DEFAULT 1728;

ALTER TABLE comment_aggregates
    ADD COLUMN hot_rank integer NOT NULL DEFAULT 1728;

ALTER TABLE community_aggregates
    ADD COLUMN hot_rank integer NOT NULL DEFAULT 1728;

-- Populate them initially
-- Note: After initial population, these are updated in a periodic scheduled job,
-- with only the last week being updated.
UPDATE
    post_aggregates
SET
    hot_rank_active = hot_rank (score::numeric, newest_comment_time_necro);

UPDATE
    post_aggregates
SET
    hot_rank = hot_rank (score::numeric, published);

UPDATE
    comment_aggregates
SET
    hot_rank = hot_rank (score::numeric, published);

UPDATE
    community_aggregates
SET
    hot_rank = hot_rank (subscribers::numeric, published);

-- Create single column indexes
CREATE INDEX idx_post_aggregates_score ON post_aggregates (score DESC);

CREATE INDEX idx_post_aggregates_published ON post_aggregates (published DESC);

CREATE INDEX idx_post_aggregates_newest_comment_time ON post_aggregates (newest_comment_time DESC);

CREATE INDEX idx_post_aggregates_newest_comment_time_necro ON post_aggregates (newest_comment_time_necro DESC);

CREATE INDEX idx_post_aggregates_featured_community ON post_aggregates (featured_community DESC);

CREATE INDEX idx_post_aggregates_featured_local ON post_aggregates (featured_local DESC);

CREATE INDEX idx_post_aggregates_hot ON post_aggregates (hot_rank DESC);

CREATE INDEX idx_post_aggregates_active ON post_aggregates (hot_rank_active DESC);

CREATE INDEX idx_comment_aggregates_hot ON comment_aggregates (hot_rank DESC);

CREATE INDEX idx_community_aggregates_hot ON community_aggregates (hot_rank DESC);

;
-- ===== migrations/2023-06-17-175955_add_listingtype_sorttype_hour_enums/up.sql
-- Update the enums
ALTER TYPE sort_type_enum
    ADD VALUE 'TopHour';

ALTER TYPE sort_type_enum
    ADD VALUE 'TopSixHour';

ALTER TYPE sort_type_enum
    ADD VALUE 'TopTwelveHour';

;
-- ===== migrations/2023-06-19-055530_add_retry_worker_setting/up.sql
ALTER TABLE local_site
    DROP COLUMN federation_worker_count;

;
-- ===== migrations/2023-06-19-120700_no_double_deletion/up.sql
-- Deleting after removing should not decrement the count twice.
CREATE OR REPLACE FUNCTION was_removed_or_deleted (TG_OP text, OLD record, NEW record)
    RETURNS boolean
    LANGUAGE plpgsql
    AS $$
BEGIN
    IF (TG_OP = 'INSERT') THEN
        RETURN FALSE;
    END IF;
    IF (TG_OP = 'DELETE' AND OLD.deleted = 'f' AND OLD.removed = 'f') THEN
        RETURN TRUE;
    END IF;
    RETURN TG_OP = 'UPDATE'
        AND ((OLD.deleted = 'f'
                AND NEW.deleted = 't')
            OR (OLD.removed = 'f'
                AND NEW.removed = 't'));
END
$$;

-- Recalculate proper comment count.
UPDATE
    person_aggregates
SET
    comment_count = cnt.count
FROM (
    SELECT
        creator_id,
        count(*) AS count
    FROM
        comment
    WHERE
        deleted = 'f'
        AND removed = 'f'
    GROUP BY
        creator_id) cnt
WHERE
    person_aggregates.person_id = cnt.creator_id;

-- Recalculate proper comment score.
UPDATE
    person_aggregates ua
SET
    comment_score = cd.score
FROM (
    SELECT
        u.id AS creator_id,
        coalesce(0, sum(cl.score)) AS score
        -- User join because comments could be empty
    FROM
        person u
    LEFT JOIN comment c ON u.id = c.creator_id
        AND c.deleted = 'f'
        AND c.removed = 'f'
    LEFT JOIN comment_like cl ON c.id = cl.comment_id
GROUP BY
    u.id) cd
WHERE
    ua.person_id = cd.creator_id;

-- Recalculate proper post count.
UPDATE
    person_aggregates
SET
    post_count = cnt.count
FROM (
    SELECT
        creator_id,
        count(*) AS count
    FROM
        post
    WHERE
        deleted = 'f'
        AND removed = 'f'
    GROUP BY
        creator_id) cnt
WHERE
    person_aggregates.person_id = cnt.creator_id;

-- Recalculate proper post score.
UPDATE
    person_aggregates ua
SET
    post_score = pd.score
FROM (
    SELECT
        u.id AS creator_id,
        coalesce(0, sum(pl.score)) AS score
        -- User join because posts could be empty
    FROM
        person u
    LEFT JOIN post p ON u.id = p.creator_id
        AND p.deleted = 'f'
        AND p.removed = 'f'
    LEFT JOIN post_like pl ON p.id = pl.post_id
GROUP BY
    u.id) pd
WHERE
    ua.person_id = pd.creator_id;

;
-- ===== migrations/2023-06-20-191145_add_listingtype_sorttype_3_6_9_months_enums/up.sql
-- Update the enums
ALTER TYPE sort_type_enum
    ADD VALUE 'TopThreeMonths';

ALTER TYPE sort_type_enum
    ADD VALUE 'TopSixMonths';

ALTER TYPE sort_type_enum
    ADD VALUE 'TopNineMonths';

;
-- ===== migrations/2023-06-21-153242_add_captcha/up.sql
CREATE TABLE captcha_answer (
    id serial PRIMARY KEY,
    uuid uuid NOT NULL UNIQUE DEFAULT gen_random_uuid (),
    answer text NOT NULL,
    published timestamp NOT NULL DEFAULT now()
);

;
-- ===== migrations/2023-06-22-051755_fix_local_communities_marked_non_local/up.sql
UPDATE
    community c
SET
    local = TRUE
FROM
    local_site ls
    JOIN site s ON ls.site_id = s.id
WHERE
    c.instance_id = s.instance_id
    AND NOT c.local;

;
-- ===== migrations/2023-06-22-101245_increase_user_theme_column_size/up.sql
ALTER TABLE ONLY local_user
    ALTER COLUMN theme TYPE text;

ALTER TABLE ONLY local_user
    ALTER COLUMN theme SET DEFAULT 'browser'::text;

;
-- ===== migrations/2023-06-24-072904_add_open_links_in_new_tab_setting/up.sql
ALTER TABLE local_user
    ADD COLUMN open_links_in_new_tab boolean DEFAULT FALSE NOT NULL;

;
-- ===== migrations/2023-06-24-185942_aggegates_published_indexes/up.sql
-- Add indexes on published column (needed for hot_rank updates)
CREATE INDEX idx_community_aggregates_published ON community_aggregates (published DESC);

CREATE INDEX idx_comment_aggregates_published ON comment_aggregates (published DESC);

;
-- ===== migrations/2023-06-27-065106_add_ui_settings/up.sql
-- Add the blur_nsfw to the local user table as a setting
ALTER TABLE local_user
    ADD COLUMN blur_nsfw boolean NOT NULL DEFAULT TRUE;

-- Add the auto_expand to the local user table as a setting
ALTER TABLE local_user
    ADD COLUMN auto_expand boolean NOT NULL DEFAULT FALSE;

;
-- ===== migrations/2023-07-04-153335_add_optimized_indexes/up.sql
-- Create an admin person index
CREATE INDEX IF NOT EXISTS idx_person_admin ON person (admin);

-- Compound indexes, using featured_, then the other sorts, proved to be much faster
-- Drop the old indexes
DROP INDEX idx_post_aggregates_score;

DROP INDEX idx_post_aggregates_published;

DROP INDEX idx_post_aggregates_newest_comment_time;

DROP INDEX idx_post_aggregates_newest_comment_time_necro;

DROP INDEX idx_post_aggregates_featured_community;

DROP INDEX idx_post_aggregates_featured_local;

DROP INDEX idx_post_aggregates_hot;

DROP INDEX idx_post_aggregates_active;

-- featured_local
CREATE INDEX idx_post_aggregates_featured_local_score ON post_aggregates (featured_local DESC, score DESC);

CREATE INDEX idx_post_aggregates_featured_local_newest_comment_time ON post_aggregates (featured_local DESC, newest_comment_time DESC);

CREATE INDEX idx_post_aggregates_featured_local_newest_comment_time_necro ON post_aggregates (featured_local DESC, newest_comment_time_necro DESC);

CREATE INDEX idx_post_aggregates_featured_local_hot ON post_aggregates (featured_local DESC, hot_rank DESC);

CREATE INDEX idx_post_aggregates_featured_local_active ON post_aggregates (featured_local DESC, hot_rank_active DESC);

CREATE INDEX idx_post_aggregates_featured_local_published ON post_aggregates (featured_local DESC, published DESC);

CREATE INDEX idx_post_aggregates_published ON post_aggregates (published DESC);

-- featured_community
CREATE INDEX idx_post_aggregates_featured_community_score ON post_aggregates (featured_community DESC, score DESC);

CREATE INDEX idx_post_aggregates_featured_community_newest_comment_time ON post_aggregates (featured_community DESC, newest_comment_time DESC);

CREATE INDEX idx_post_aggregates_featured_community_newest_comment_time_necro ON post_aggregates (featured_community DESC, newest_comment_time_necro DESC);

CREATE INDEX idx_post_aggregates_featured_community_hot ON post_aggregates (featured_community DESC, hot_rank DESC);

CREATE INDEX idx_post_aggregates_featured_community_active ON post_aggregates (featured_community DESC, hot_rank_active DESC);

CREATE INDEX idx_post_aggregates_featured_community_published ON post_aggregates (featured_community DESC, published DESC);

;
-- ===== migrations/2023-07-05-000058_person-admin/up.sql
DROP INDEX IF EXISTS idx_person_admin;

CREATE INDEX idx_person_admin ON person (admin)
WHERE
    admin;

-- allow quickly finding all admins (PersonView::admins)
;
-- ===== migrations/2023-07-06-151124_hot-rank-future/up.sql
CREATE OR REPLACE FUNCTION hot_rank (score numeric, published timestamp without time zone)
    RETURNS integer
    AS $$
DECLARE
    hours_diff numeric := EXTRACT(EPOCH FROM (timezone('utc', now()) - published)) / 3600;
BEGIN
    IF (hours_diff > 0) THEN
        RETURN floor(10000 * log(greatest (1, score + 3)) / power((hours_diff + 2), 1.8))::integer;
    ELSE
        RETURN 0;
    END IF;
END;
$$
LANGUAGE plpgsql
IMMUTABLE PARALLEL SAFE;

;
-- ===== migrations/2023-07-08-101154_fix_soft_delete_aggregates/up.sql
-- Fix for duplicated decrementations when both `deleted` and `removed` fields are set subsequently
CREATE OR REPLACE FUNCTION was_removed_or_deleted (TG_OP text, OLD record, NEW record)
    RETURNS boolean
    LANGUAGE plpgsql
    AS $$
BEGIN
    IF (TG_OP = 'INSERT') THEN
        RETURN FALSE;
    END IF;
    IF (TG_OP = 'DELETE' AND OLD.deleted = 'f' AND OLD.removed = 'f') THEN
        RETURN TRUE;
    END IF;
    RETURN TG_OP = 'UPDATE'
        AND OLD.deleted = 'f'
        AND OLD.removed = 'f'
        AND (NEW.deleted = 't'
            OR NEW.removed = 't');
END
$$;

CREATE OR REPLACE FUNCTION was_restored_or_created (TG_OP text, OLD record, NEW record)
    RETURNS boolean
    LANGUAGE plpgsql
    AS $$
BEGIN
    IF (TG_OP = 'DELETE') THEN
        RETURN FALSE;
    END IF;
    IF (TG_OP = 'INSERT') THEN
        RETURN TRUE;
    END IF;
    RETURN TG_OP = 'UPDATE'
        AND NEW.deleted = 'f'
        AND NEW.removed = 'f'
        AND (OLD.deleted = 't'
            OR OLD.removed = 't');
END
$$;

-- Fix for post's comment count not updating after setting `removed` to 't'
DROP TRIGGER IF EXISTS post_aggregates_comment_set_deleted ON comment;

DROP FUNCTION post_aggregates_comment_deleted ();

CREATE OR REPLACE FUNCTION post_aggregates_comment_count ()
    RETURNS TRIGGER
    LANGUAGE plpgsql
    AS $$
BEGIN
    -- Check for post existence - it may not exist anymore
    IF TG_OP = 'INSERT' OR EXISTS (
        SELECT
            1
        FROM
            post p
        WHERE
            p.id = OLD.post_id) THEN
        IF (was_restored_or_created (TG_OP, OLD, NEW)) THEN
            UPDATE
                post_aggregates pa
            SET
                comments = comments + 1
            WHERE
                pa.post_id = NEW.post_id;
        ELSIF (was_removed_or_deleted (TG_OP, OLD, NEW)) THEN
            UPDATE
                post_aggregates pa
            SET
                comments = comments - 1
            WHERE
                pa.post_id = OLD.post_id;
        END IF;
    END IF;
    IF TG_OP = 'INSERT' THEN
        UPDATE
            post_aggregates pa
        SET
            newest_comment_time = NEW.published
        WHERE
            pa.post_id = NEW.post_id;
        -- A 2 day necro-bump limit
        UPDATE
            post_aggregates pa
        SET
            newest_comment_time_necro = NEW.published
        FROM
            post p
        WHERE
            pa.post_id = p.id
            AND pa.post_id = NEW.post_id
            -- Fix issue with being able to necro-bump your own post
            AND NEW.creator_id != p.creator_id
            AND pa.published > ('now'::timestamp - '2 days'::interval);
    END IF;
    RETURN NULL;
END
$$;

CREATE OR REPLACE TRIGGER post_aggregates_comment_count
    AFTER INSERT OR DELETE OR UPDATE OF removed,
    deleted ON comment
    FOR EACH ROW
    EXECUTE PROCEDURE post_aggregates_comment_count ();

;
-- ===== migrations/2023-07-10-075550_add-infinite-scroll-setting/up.sql
ALTER TABLE local_user
    ADD COLUMN infinite_scroll_enabled boolean DEFAULT FALSE NOT NULL;

;
-- ===== migrations/2023-07-11-084714_receive_activity_table/up.sql
-- outgoing activities, need to be stored to be later server over http
-- we change data column from jsonb to json for decreased size
-- https://stackoverflow.com/a/22910602
CREATE TABLE sent_activity (
    id bigserial PRIMARY KEY,
    ap_id text UNIQUE NOT NULL,
    data json NOT NULL,
    sensitive boolean NOT NULL,
    published timestamp NOT NULL DEFAULT now()
);

-- incoming activities, we only need the id to avoid processing the same activity multiple times
CREATE TABLE received_activity (
    id bigserial PRIMARY KEY,
    ap_id text UNIQUE NOT NULL,
    published timestamp NOT NULL DEFAULT now()
);

-- copy sent activities to new table. only copy last 100k for faster migration
INSERT INTO sent_activity (ap_id, data, sensitive, published)
SELECT
    ap_id,
    data,
    sensitive,
    published
FROM
    activity
WHERE
    local = TRUE
ORDER BY
    id DESC
LIMIT 100000;

-- copy received activities to new table. only last 1m for faster migration
INSERT INTO received_activity (ap_id, published)
SELECT
    ap_id,
    published
FROM
    activity
WHERE
    local = FALSE
ORDER BY
    id DESC
LIMIT 1000000;

DROP TABLE activity;

;
-- ===== migrations/2023-07-14-154840_add_optimized_indexes_published/up.sql
-- Drop the old indexes
DROP INDEX idx_post_aggregates_featured_local_hot;

DROP INDEX idx_post_aggregates_featured_local_active;

DROP INDEX idx_post_aggregates_featured_local_score;

DROP INDEX idx_post_aggregates_featured_community_hot;

DROP INDEX idx_post_aggregates_featured_community_active;

DROP INDEX idx_post_aggregates_featured_community_score;

DROP INDEX idx_comment_aggregates_hot;

DROP INDEX idx_comment_aggregates_score;

-- Add a published desc, to the end of the hot and active ranks
-- Add missing most comments index
CREATE INDEX idx_post_aggregates_featured_local_most_comments ON post_aggregates (featured_local DESC, comments DESC, published DESC);

CREATE INDEX idx_post_aggregates_featured_community_most_comments ON post_aggregates (featured_community DESC, comments DESC, published DESC);

-- featured_local
CREATE INDEX idx_post_aggregates_featured_local_hot ON post_aggregates (featured_local DESC, hot_rank DESC, published DESC);

CREATE INDEX idx_post_aggregates_featured_local_active ON post_aggregates (featured_local DESC, hot_rank_active DESC, published DESC);

CREATE INDEX idx_post_aggregates_featured_local_score ON post_aggregates (featured_local DESC, score DESC, published DESC);

-- featured_community
CREATE INDEX idx_post_aggregates_featured_community_hot ON post_aggregates (featured_community DESC, hot_rank DESC, published DESC);

CREATE INDEX idx_post_aggregates_featured_community_active ON post_aggregates (featured_community DESC, hot_rank_active DESC, published DESC);

CREATE INDEX idx_post_aggregates_featured_community_score ON post_aggregates (featured_community DESC, score DESC, published DESC);

-- Fixing some comment aggregates ones
CREATE INDEX idx_comment_aggregates_hot ON comment_aggregates (hot_rank DESC, published DESC);

CREATE INDEX idx_comment_aggregates_score ON comment_aggregates (score DESC, published DESC);

;
-- ===== migrations/2023-07-14-215339_aggregates_nonzero_indexes/up.sql
-- Your SQL goes here
CREATE INDEX idx_community_aggregates_nonzero_hotrank ON community_aggregates (published)
WHERE
    hot_rank != 0;

CREATE INDEX idx_comment_aggregates_nonzero_hotrank ON comment_aggregates (published)
WHERE
    hot_rank != 0;

CREATE INDEX idx_post_aggregates_nonzero_hotrank ON post_aggregates (published DESC)
WHERE
    hot_rank != 0 OR hot_rank_active != 0;

;
-- ===== migrations/2023-07-18-082614_post_aggregates_community_id/up.sql
-- Your SQL goes here
ALTER TABLE post_aggregates
    ADD COLUMN community_id integer REFERENCES community ON UPDATE CASCADE ON DELETE CASCADE,
    ADD COLUMN creator_id integer REFERENCES person ON UPDATE CASCADE ON DELETE CASCADE;

CREATE OR REPLACE FUNCTION post_aggregates_post ()
    RETURNS TRIGGER
    LANGUAGE plpgsql
    AS $$
BEGIN
    IF (TG_OP = 'INSERT') THEN
        INSERT INTO post_aggregates (post_id, published, newest_comment_time, newest_comment_time_necro, community_id, creator_id)
            VALUES (NEW.id, NEW.published, NEW.published, NEW.published, NEW.community_id, NEW.creator_id);
    ELSIF (TG_OP = 'DELETE') THEN
        DELETE FROM post_aggregates
        WHERE post_id = OLD.id;
    END IF;
    RETURN NULL;
END
$$;

UPDATE
    post_aggregates
SET
    community_id = post.community_id,
    creator_id = post.creator_id
FROM
    post
WHERE
    post.id = post_aggregates.post_id;

ALTER TABLE post_aggregates
    ALTER COLUMN community_id SET NOT NULL,
    ALTER COLUMN creator_id SET NOT NULL;

;
-- ===== migrations/2023-07-19-163511_comment_sort_hot_rank_then_score/up.sql
-- Alter the comment_aggregates hot sort to sort by score after hot_rank.
-- Reason being, is that hot_ranks go to zero after a few days,
-- and then comments should be sorted by score, not published.
DROP INDEX idx_comment_aggregates_hot, idx_comment_aggregates_score;

CREATE INDEX idx_comment_aggregates_hot ON comment_aggregates (hot_rank DESC, score DESC);

-- Remove published from this sort, its pointless
CREATE INDEX idx_comment_aggregates_score ON comment_aggregates (score DESC);

;
-- ===== migrations/2023-07-24-232635_trigram-index/up.sql
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE INDEX IF NOT EXISTS idx_comment_content_trigram ON comment USING gin (content gin_trgm_ops);

CREATE INDEX IF NOT EXISTS idx_post_trigram ON post USING gin (name gin_trgm_ops, body gin_trgm_ops);

CREATE INDEX IF NOT EXISTS idx_person_trigram ON person USING gin (name gin_trgm_ops, display_name gin_trgm_ops);

CREATE INDEX IF NOT EXISTS idx_community_trigram ON community USING gin (name gin_trgm_ops, title gin_trgm_ops);

;
-- ===== migrations/2023-07-26-000217_create_controversial_indexes/up.sql
-- Need to add immutable to the controversy_rank function in order to index by it
-- Controversy Rank:
--      if downvotes <= 0 or upvotes <= 0:
--          0
--      else:
--          (upvotes + downvotes) * min(upvotes, downvotes) / max(upvotes, downvotes)
CREATE OR REPLACE FUNCTION controversy_rank (upvotes numeric, downvotes numeric)
    RETURNS float
    AS $$
BEGIN
    IF downvotes <= 0 OR upvotes <= 0 THEN
        RETURN 0;
    ELSE
        RETURN (upvotes + downvotes) * CASE WHEN upvotes > downvotes THEN
            downvotes::float / upvotes::float
        ELSE
            upvotes::float / downvotes::float
        END;
    END IF;
END;
$$
LANGUAGE plpgsql
IMMUTABLE;

-- Aggregates
ALTER TABLE post_aggregates
    ADD COLUMN controversy_rank float NOT NULL DEFAULT 0;

ALTER TABLE comment_aggregates
    ADD COLUMN controversy_rank float NOT NULL DEFAULT 0;

-- Populate them initially
-- Note: After initial population, these are updated with vote triggers
UPDATE
    post_aggregates
SET
    controversy_rank = controversy_rank (upvotes::numeric, downvotes::numeric);

UPDATE
    comment_aggregates
SET
    controversy_rank = controversy_rank (upvotes::numeric, downvotes::numeric);

-- Create single column indexes
CREATE INDEX idx_post_aggregates_featured_local_controversy ON post_aggregates (featured_local DESC, controversy_rank DESC);

CREATE INDEX idx_post_aggregates_featured_community_controversy ON post_aggregates (featured_community DESC, controversy_rank DESC);

CREATE INDEX idx_comment_aggregates_controversy ON comment_aggregates (controversy_rank DESC);

-- Update post_aggregates_score trigger function to include controversy_rank update
CREATE OR REPLACE FUNCTION post_aggregates_score ()
    RETURNS TRIGGER
    LANGUAGE plpgsql
    AS $$
BEGIN
    IF (TG_OP = 'INSERT') THEN
        UPDATE
            post_aggregates pa
        SET
            score = score + NEW.score,
            upvotes = CASE WHEN NEW.score = 1 THEN
                upvotes + 1
            ELSE
                upvotes
            END,
            downvotes = CASE WHEN NEW.score = -1 THEN
                downvotes + 1
            ELSE
                downvotes
            END,
            controversy_rank = controversy_rank (pa.upvotes + CASE WHEN NEW.score = 1 THEN
                    1
                ELSE
                    0
                END::numeric, pa.downvotes + CASE WHEN NEW.score = -1 THEN
                    1
                ELSE
                    0
                END::numeric)
        WHERE
            pa.post_id = NEW.post_id;
    ELSIF (TG_OP = 'DELETE') THEN
        -- Join to post because that post may not exist anymore
        UPDATE
            post_aggregates pa
        SET
            score = score - OLD.score,
            upvotes = CASE WHEN OLD.score = 1 THEN
                upvotes - 1
            ELSE
                upvotes
            END,
            downvotes = CASE WHEN OLD.score = -1 THEN
                downvotes - 1
            ELSE
                downvotes
            END,
            controversy_rank = controversy_rank (pa.upvotes + CASE WHEN NEW.score = 1 THEN
                    1
                ELSE
                    0
                END::numeric, pa.downvotes + CASE WHEN NEW.score = -1 THEN
                    1
                ELSE
                    0
                END::numeric)
        FROM
            post p
        WHERE
            pa.post_id = p.id
            AND pa.post_id = OLD.post_id;
    END IF;
    RETURN NULL;
END
$$;

-- Update comment_aggregates_score trigger function to include controversy_rank update
CREATE OR REPLACE FUNCTION comment_aggregates_score ()
    RETURNS TRIGGER
    LANGUAGE plpgsql
    AS $$
BEGIN
    IF (TG_OP = 'INSERT') THEN
        UPDATE
            comment_aggregates ca
        SET
            score = score + NEW.score,
            upvotes = CASE WHEN NEW.score = 1 THEN
                upvotes + 1
            ELSE
                upvotes
            END,
            downvotes = CASE WHEN NEW.score = -1 THEN
                downvotes + 1
            ELSE
                downvotes
            END,
            controversy_rank = controversy_rank (ca.upvotes + CASE WHEN NEW.score = 1 THEN
                    1
                ELSE
                    0
                END::numeric, ca.downvotes + CASE WHEN NEW.score = -1 THEN
                    1
                ELSE
                    0
                END::numeric)
        WHERE
            ca.comment_id = NEW.comment_id;
    ELSIF (TG_OP = 'DELETE') THEN
        -- Join to comment because that comment may not exist anymore
        UPDATE
            comment_aggregates ca
        SET
            score = score - OLD.score,
            upvotes = CASE WHEN OLD.score = 1 THEN
                upvotes - 1
            ELSE
                upvotes
            END,
            downvotes = CASE WHEN OLD.score = -1 THEN
                downvotes - 1
            ELSE
                downvotes
            END,
            controversy_rank = controversy_rank (ca.upvotes + CASE WHEN NEW.score = 1 THEN
                    1
                ELSE
                    0
                END::numeric, ca.downvotes + CASE WHEN NEW.score = -1 THEN
                    1
                ELSE
                    0
                END::numeric)
        FROM
            comment c
        WHERE
            ca.comment_id = c.id
            AND ca.comment_id = OLD.comment_id;
    END IF;
    RETURN NULL;
END
$$;

;
-- ===== migrations/2023-07-26-222023_site-aggregates-one/up.sql
CREATE OR REPLACE FUNCTION site_aggregates_site ()
    RETURNS TRIGGER
    LANGUAGE plpgsql
    AS $$
BEGIN
    -- we only ever want to have a single value in site_aggregate because the site_aggregate triggers update all rows in that table.
    -- a cleaner check would be to insert it for the local_site but that would break assumptions at least in the tests
    IF (TG_OP = 'INSERT') AND NOT EXISTS (
    SELECT
        id
    FROM
        site_aggregates
    LIMIT 1) THEN
        INSERT INTO site_aggregates (site_id)
            VALUES (NEW.id);
    ELSIF (TG_OP = 'DELETE') THEN
        DELETE FROM site_aggregates
        WHERE site_id = OLD.id;
    END IF;
    RETURN NULL;
END
$$;

DELETE FROM site_aggregates a
WHERE NOT EXISTS (
        SELECT
            id
        FROM
            local_site s
        WHERE
            s.site_id = a.site_id);

;
-- ===== migrations/2023-07-27-134652_remove-expensive-broken-trigger/up.sql
CREATE OR REPLACE FUNCTION person_aggregates_comment_count ()
    RETURNS TRIGGER
    LANGUAGE plpgsql
    AS $$
BEGIN
    IF (was_restored_or_created (TG_OP, OLD, NEW)) THEN
        UPDATE
            person_aggregates
        SET
            comment_count = comment_count + 1
        WHERE
            person_id = NEW.creator_id;
    ELSIF (was_removed_or_deleted (TG_OP, OLD, NEW)) THEN
        UPDATE
            person_aggregates
        SET
            comment_count = comment_count - 1
        WHERE
            person_id = OLD.creator_id;
    END IF;
    RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION person_aggregates_post_count ()
    RETURNS TRIGGER
    LANGUAGE plpgsql
    AS $$
BEGIN
    IF (was_restored_or_created (TG_OP, OLD, NEW)) THEN
        UPDATE
            person_aggregates
        SET
            post_count = post_count + 1
        WHERE
            person_id = NEW.creator_id;
    ELSIF (was_removed_or_deleted (TG_OP, OLD, NEW)) THEN
        UPDATE
            person_aggregates
        SET
            post_count = post_count - 1
        WHERE
            person_id = OLD.creator_id;
    END IF;
    RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION community_aggregates_comment_count ()
    RETURNS TRIGGER
    LANGUAGE plpgsql
    AS $$
BEGIN
    IF (was_restored_or_created (TG_OP, OLD, NEW)) THEN
        UPDATE
            community_aggregates ca
        SET
            comments = comments + 1
        FROM
            post p
        WHERE
            p.id = NEW.post_id
            AND ca.community_id = p.community_id;
    ELSIF (was_removed_or_deleted (TG_OP, OLD, NEW)) THEN
        UPDATE
            community_aggregates ca
        SET
            comments = comments - 1
        FROM
            post p
        WHERE
            p.id = OLD.post_id
            AND ca.community_id = p.community_id;
    END IF;
    RETURN NULL;
END
$$;

;
-- ===== migrations/2023-08-01-101826_admin_flag_local_user/up.sql
ALTER TABLE local_user
    ADD COLUMN admin boolean DEFAULT FALSE NOT NULL;

UPDATE
    local_user
SET
    admin = TRUE
FROM
    person
WHERE
    local_user.person_id = person.id
    AND person.admin;

ALTER TABLE person
    DROP COLUMN admin;

;
-- ===== migrations/2023-08-01-115243_persistent-activity-queue/up.sql
CREATE TYPE actor_type_enum AS enum (
    'site',
    'community',
    'person'
);

-- actor_apub_id only null for old entries before this migration
ALTER TABLE sent_activity
    ADD COLUMN send_inboxes text[] NOT NULL DEFAULT '{}', -- list of specific inbox urls
    ADD COLUMN send_community_followers_of integer DEFAULT NULL,
    ADD COLUMN send_all_instances boolean NOT NULL DEFAULT FALSE,
    ADD COLUMN actor_type actor_type_enum NOT NULL DEFAULT 'person',
    ADD COLUMN actor_apub_id text DEFAULT NULL;

ALTER TABLE sent_activity
    ALTER COLUMN send_inboxes DROP DEFAULT,
    ALTER COLUMN send_community_followers_of DROP DEFAULT,
    ALTER COLUMN send_all_instances DROP DEFAULT,
    ALTER COLUMN actor_type DROP DEFAULT,
    ALTER COLUMN actor_apub_id DROP DEFAULT;

CREATE TABLE federation_queue_state (
    id serial PRIMARY KEY,
    instance_id integer NOT NULL UNIQUE REFERENCES instance (id),
    last_successful_id bigint NOT NULL,
    fail_count integer NOT NULL,
    last_retry timestamptz NOT NULL
);

-- for incremental fetches of followers
CREATE INDEX idx_community_follower_published ON community_follower (published);

;
-- ===== migrations/2023-08-02-144930_password-reset-token/up.sql
ALTER TABLE password_reset_request RENAME COLUMN token_encrypted TO token;

;
-- ===== migrations/2023-08-02-174444_fix-timezones/up.sql
DROP FUNCTION IF EXISTS hot_rank CASCADE;

SET timezone = 'UTC';

--  Allow ALTER TABLE ... SET DATA TYPE changing between timestamp and timestamptz to avoid a table rewrite when the session time zone is UTC (Noah Misch)
-- In the UTC time zone, these two data types are binary compatible.
ALTER TABLE community_moderator
    ALTER COLUMN published TYPE timestamptz
    USING published;

ALTER TABLE community_follower
    ALTER COLUMN published TYPE timestamptz
    USING published;

ALTER TABLE person_ban
    ALTER COLUMN published TYPE timestamptz
    USING published;

ALTER TABLE community_person_ban
    ALTER COLUMN published TYPE timestamptz
    USING published;

ALTER TABLE community_person_ban
    ALTER COLUMN expires TYPE timestamptz
    USING expires;

ALTER TABLE person
    ALTER COLUMN published TYPE timestamptz
    USING published;

ALTER TABLE person
    ALTER COLUMN updated TYPE timestamptz
    USING updated;

ALTER TABLE person
    ALTER COLUMN last_refreshed_at TYPE timestamptz
    USING last_refreshed_at;

ALTER TABLE person
    ALTER COLUMN ban_expires TYPE timestamptz
    USING ban_expires;

ALTER TABLE post_like
    ALTER COLUMN published TYPE timestamptz
    USING published;

ALTER TABLE post_saved
    ALTER COLUMN published TYPE timestamptz
    USING published;

ALTER TABLE post_read
    ALTER COLUMN published TYPE timestamptz
    USING published;

ALTER TABLE comment_like
    ALTER COLUMN published TYPE timestamptz
    USING published;

ALTER TABLE comment_saved
    ALTER COLUMN published TYPE timestamptz
    USING published;

ALTER TABLE comment
    ALTER COLUMN published TYPE timestamptz
    USING published;

ALTER TABLE comment
    ALTER COLUMN updated TYPE timestamptz
    USING updated;

ALTER TABLE mod_remove_post
    ALTER COLUMN when_ TYPE timestamptz
    USING when_;

ALTER TABLE mod_lock_post
    ALTER COLUMN when_ TYPE timestamptz
    USING when_;

ALTER TABLE mod_remove_comment
    ALTER COLUMN when_ TYPE timestamptz
    USING when_;

ALTER TABLE mod_remove_community
    ALTER COLUMN expires TYPE timestamptz
    USING expires;

ALTER TABLE mod_remove_community
    ALTER COLUMN when_ TYPE timestamptz
    USING when_;

ALTER TABLE mod_ban_from_community
    ALTER COLUMN expires TYPE timestamptz
    USING expires;

ALTER TABLE mod_ban_from_community
    ALTER COLUMN when_ TYPE timestamptz
    USING when_;

ALTER TABLE mod_ban
    ALTER COLUMN expires TYPE timestamptz
    USING expires;

ALTER TABLE mod_ban
    ALTER COLUMN when_ TYPE timestamptz
    USING when_;

ALTER TABLE mod_add_community
    ALTER COLUMN when_ TYPE timestamptz
    USING when_;

ALTER TABLE mod_add
    ALTER COLUMN when_ TYPE timestamptz
    USING when_;

ALTER TABLE person_mention
    ALTER COLUMN published TYPE timestamptz
    USING published;

ALTER TABLE mod_feature_post
    ALTER COLUMN when_ TYPE timestamptz
    USING when_;

ALTER TABLE password_reset_request
    ALTER COLUMN published TYPE timestamptz
    USING published;

ALTER TABLE private_message
    ALTER COLUMN published TYPE timestamptz
    USING published;

ALTER TABLE private_message
    ALTER COLUMN updated TYPE timestamptz
    USING updated;

ALTER TABLE sent_activity
    ALTER COLUMN published TYPE timestamptz
    USING published;

ALTER TABLE received_activity
    ALTER COLUMN published TYPE timestamptz
    USING published;

ALTER TABLE community
    ALTER COLUMN published TYPE timestamptz
    USING published;

ALTER TABLE community
    ALTER COLUMN updated TYPE timestamptz
    USING updated;

ALTER TABLE community
    ALTER COLUMN last_refreshed_at TYPE timestamptz
    USING last_refreshed_at;

ALTER TABLE post
    ALTER COLUMN published TYPE timestamptz
    USING published;

ALTER TABLE post
    ALTER COLUMN updated TYPE timestamptz
    USING updated;

ALTER TABLE comment_report
    ALTER COLUMN published TYPE timestamptz
    USING published;

ALTER TABLE comment_report
    ALTER COLUMN updated TYPE timestamptz
    USING updated;

ALTER TABLE post_report
    ALTER COLUMN published TYPE timestamptz
    USING published;

ALTER TABLE post_report
    ALTER COLUMN updated TYPE timestamptz
    USING updated;

ALTER TABLE post_aggregates
    ALTER COLUMN published TYPE timestamptz
    USING published;

ALTER TABLE post_aggregates
    ALTER COLUMN newest_comment_time_necro TYPE timestamptz
    USING newest_comment_time_necro;

ALTER TABLE post_aggregates
    ALTER COLUMN newest_comment_time TYPE timestamptz
    USING newest_comment_time;

ALTER TABLE comment_aggregates
    ALTER COLUMN published TYPE timestamptz
    USING published;

ALTER TABLE community_block
    ALTER COLUMN published TYPE timestamptz
    USING published;

ALTER TABLE community_aggregates
    ALTER COLUMN published TYPE timestamptz
    USING published;

ALTER TABLE mod_transfer_community
    ALTER COLUMN when_ TYPE timestamptz
    USING when_;

ALTER TABLE person_block
    ALTER COLUMN published TYPE timestamptz
    USING published;

ALTER TABLE local_user
    ALTER COLUMN validator_time TYPE timestamptz
    USING validator_time;

ALTER TABLE admin_purge_person
    ALTER COLUMN when_ TYPE timestamptz
    USING when_;

ALTER TABLE email_verification
    ALTER COLUMN published TYPE timestamptz
    USING published;

ALTER TABLE admin_purge_community
    ALTER COLUMN when_ TYPE timestamptz
    USING when_;

ALTER TABLE admin_purge_post
    ALTER COLUMN when_ TYPE timestamptz
    USING when_;

ALTER TABLE admin_purge_comment
    ALTER COLUMN when_ TYPE timestamptz
    USING when_;

ALTER TABLE registration_application
    ALTER COLUMN published TYPE timestamptz
    USING published;

ALTER TABLE mod_hide_community
    ALTER COLUMN when_ TYPE timestamptz
    USING when_;

ALTER TABLE site
    ALTER COLUMN published TYPE timestamptz
    USING published;

ALTER TABLE site
    ALTER COLUMN updated TYPE timestamptz
    USING updated;

ALTER TABLE site
    ALTER COLUMN last_refreshed_at TYPE timestamptz
    USING last_refreshed_at;

ALTER TABLE comment_reply
    ALTER COLUMN published TYPE timestamptz
    USING published;

ALTER TABLE person_post_aggregates
    ALTER COLUMN published TYPE timestamptz
    USING published;

ALTER TABLE private_message_report
    ALTER COLUMN published TYPE timestamptz
    USING published;

ALTER TABLE private_message_report
    ALTER COLUMN updated TYPE timestamptz
    USING updated;

ALTER TABLE local_site
    ALTER COLUMN published TYPE timestamptz
    USING published;

ALTER TABLE local_site
    ALTER COLUMN updated TYPE timestamptz
    USING updated;

ALTER TABLE federation_allowlist
    ALTER COLUMN published TYPE timestamptz
    USING published;

ALTER TABLE federation_allowlist
    ALTER COLUMN updated TYPE timestamptz
    USING updated;

ALTER TABLE federation_blocklist
    ALTER COLUMN published TYPE timestamptz
    USING published;

ALTER TABLE federation_blocklist
    ALTER COLUMN updated TYPE timestamptz
    USING updated;

ALTER TABLE local_site_rate_limit
    ALTER COLUMN published TYPE timestamptz
    USING published;

ALTER TABLE local_site_rate_limit
    ALTER COLUMN updated TYPE timestamptz
    USING updated;

ALTER TABLE person_follower
    ALTER COLUMN published TYPE timestamptz
    USING published;

ALTER TABLE tagline
    ALTER COLUMN published TYPE timestamptz
    USING published;

ALTER TABLE tagline
    ALTER COLUMN updated TYPE timestamptz
    USING updated;

ALTER TABLE custom_emoji
    ALTER COLUMN published TYPE timestamptz
    USING published;

ALTER TABLE custom_emoji
    ALTER COLUMN updated TYPE timestamptz
    USING updated;

ALTER TABLE instance
    ALTER COLUMN published TYPE timestamptz
    USING published;

ALTER TABLE instance
    ALTER COLUMN updated TYPE timestamptz
    USING updated;

ALTER TABLE captcha_answer
    ALTER COLUMN published TYPE timestamptz
    USING published;

-- same as before just with time zone argument
CREATE OR REPLACE FUNCTION hot_rank (score numeric, published timestamp with time zone)
    RETURNS integer
    AS $$
DECLARE
    hours_diff numeric := EXTRACT(EPOCH FROM (now() - published)) / 3600;
BEGIN
    IF (hours_diff > 0) THEN
        RETURN floor(10000 * log(greatest (1, score + 3)) / power((hours_diff + 2), 1.8))::integer;
    ELSE
        -- if the post is from the future, set hot score to 0. otherwise you can game the post to
        -- always be on top even with only 1 vote by setting it to the future
        RETURN 0;
    END IF;
END;
$$
LANGUAGE plpgsql
IMMUTABLE PARALLEL SAFE;

;
-- ===== migrations/2023-08-08-163911_add_post_listing_mode_setting/up.sql
CREATE TYPE post_listing_mode_enum AS enum (
    'List',
    'Card',
    'SmallCard'
);

ALTER TABLE local_user
    ADD COLUMN post_listing_mode post_listing_mode_enum DEFAULT 'List' NOT NULL;

;
-- ===== migrations/2023-08-09-101305_user_instance_block/up.sql
CREATE TABLE instance_block (
    id serial PRIMARY KEY,
    person_id int REFERENCES person ON UPDATE CASCADE ON DELETE CASCADE NOT NULL,
    instance_id int REFERENCES instance ON UPDATE CASCADE ON DELETE CASCADE NOT NULL,
    published timestamptz NOT NULL DEFAULT now(),
    UNIQUE (person_id, instance_id)
);

ALTER TABLE post_aggregates
    ADD COLUMN instance_id integer REFERENCES instance ON UPDATE CASCADE ON DELETE CASCADE;

CREATE OR REPLACE FUNCTION post_aggregates_post ()
    RETURNS TRIGGER
    LANGUAGE plpgsql
    AS $$
BEGIN
    IF (TG_OP = 'INSERT') THEN
        INSERT INTO post_aggregates (post_id, published, newest_comment_time, newest_comment_time_necro, community_id, creator_id, instance_id)
        SELECT
            NEW.id,
            NEW.published,
            NEW.published,
            NEW.published,
            NEW.community_id,
            NEW.creator_id,
            community.instance_id
        FROM
            community
        WHERE
            NEW.community_id = community.id;
    ELSIF (TG_OP = 'DELETE') THEN
        DELETE FROM post_aggregates
        WHERE post_id = OLD.id;
    END IF;
    RETURN NULL;
END
$$;

UPDATE
    post_aggregates
SET
    instance_id = community.instance_id
FROM
    post
    JOIN community ON post.community_id = community.id
WHERE
    post.id = post_aggregates.post_id;

ALTER TABLE post_aggregates
    ALTER COLUMN instance_id SET NOT NULL;

;
-- ===== migrations/2023-08-23-182533_scaled_rank/up.sql
-- Change hot ranks and functions from an int to a float
ALTER TABLE community_aggregates
    ALTER COLUMN hot_rank TYPE float,
    ALTER COLUMN hot_rank SET DEFAULT 0.1728;

ALTER TABLE comment_aggregates
    ALTER COLUMN hot_rank TYPE float,
    ALTER COLUMN hot_rank SET DEFAULT 0.1728;

ALTER TABLE post_aggregates
    ALTER COLUMN hot_rank TYPE float,
    ALTER COLUMN hot_rank SET DEFAULT 0.1728,
    ALTER COLUMN hot_rank_active TYPE float,
    ALTER COLUMN hot_rank_active SET DEFAULT 0.1728;

DROP FUNCTION hot_rank (numeric, published timestamp with time zone);

CREATE OR REPLACE FUNCTION hot_rank (score numeric, published timestamp with time zone)
    RETURNS float
    AS $$
DECLARE
    hours_diff numeric := EXTRACT(EPOCH FROM (now() - published)) / 3600;
BEGIN
    -- 24 * 7 = 168, so after a week, it will default to 0.
    IF (hours_diff > 0 AND hours_diff < 168) THEN
        RETURN log(greatest (1, score + 3)) / power((hours_diff + 2), 1.8);
    ELSE
        -- if the post is from the future, set hot score to 0. otherwise you can game the post to
        -- always be on top even with only 1 vote by setting it to the future
        RETURN 0.0;
    END IF;
END;
$$
LANGUAGE plpgsql
IMMUTABLE PARALLEL SAFE;

-- The new scaled rank function
CREATE OR REPLACE FUNCTION scaled_rank (score numeric, published timestamp with time zone, users_active_month numeric)
    RETURNS float
    AS $$
BEGIN
    -- Add 2 to avoid divide by zero errors
    -- Default for score = 1, active users = 1, and now, is (0.1728 / log(2 + 1)) = 0.3621
    -- There may need to be a scale factor multiplied to users_active_month, to make
    -- the log curve less pronounced. This can be tuned in the future.
    RETURN (hot_rank (score, published) / log(2 + users_active_month));
END;
$$
LANGUAGE plpgsql
IMMUTABLE PARALLEL SAFE;

ALTER TABLE post_aggregates
    ADD COLUMN scaled_rank float NOT NULL DEFAULT 0.3621;

UPDATE
    post_aggregates
SET
    scaled_rank = 0
WHERE
    hot_rank = 0
    OR hot_rank_active = 0;

CREATE INDEX idx_post_aggregates_featured_community_scaled ON post_aggregates (featured_community DESC, scaled_rank DESC, published DESC);

CREATE INDEX idx_post_aggregates_featured_local_scaled ON post_aggregates (featured_local DESC, scaled_rank DESC, published DESC);

-- We forgot to add the controversial sort type
ALTER TYPE sort_type_enum
    ADD VALUE 'Controversial';

-- Add the Scaled enum
ALTER TYPE sort_type_enum
    ADD VALUE 'Scaled';

;
-- ===== migrations/2023-08-29-183053_add_listing_type_moderator_view/up.sql
-- Update the listing_type_enum
ALTER TYPE listing_type_enum
    ADD VALUE 'ModeratorView';

;
-- ===== migrations/2023-08-31-205559_add_image_upload/up.sql
CREATE TABLE image_upload (
    id serial PRIMARY KEY,
    local_user_id int REFERENCES local_user ON UPDATE CASCADE ON DELETE CASCADE NOT NULL,
    pictrs_alias text NOT NULL UNIQUE,
    pictrs_delete_token text NOT NULL,
    published timestamptz DEFAULT now() NOT NULL
);

CREATE INDEX idx_image_upload_local_user_id ON image_upload (local_user_id);

;
-- ===== migrations/2023-09-01-112158_auto_resolve_report/up.sql
-- Automatically resolve all reports for a given post once it is marked as removed
CREATE OR REPLACE FUNCTION post_removed_resolve_reports ()
    RETURNS TRIGGER
    LANGUAGE plpgsql
    AS $$
BEGIN
    UPDATE
        post_report
    SET
        resolved = TRUE,
        resolver_id = NEW.mod_person_id,
        updated = now()
    WHERE
        post_report.post_id = NEW.post_id;
    RETURN NULL;
END
$$;

CREATE OR REPLACE TRIGGER post_removed_resolve_reports
    AFTER INSERT ON mod_remove_post
    FOR EACH ROW
    WHEN (NEW.removed)
    EXECUTE PROCEDURE post_removed_resolve_reports ();

-- Same when comment is marked as removed
CREATE OR REPLACE FUNCTION comment_removed_resolve_reports ()
    RETURNS TRIGGER
    LANGUAGE plpgsql
    AS $$
BEGIN
    UPDATE
        comment_report
    SET
        resolved = TRUE,
        resolver_id = NEW.mod_person_id,
        updated = now()
    WHERE
        comment_report.comment_id = NEW.comment_id;
    RETURN NULL;
END
$$;

CREATE OR REPLACE TRIGGER comment_removed_resolve_reports
    AFTER INSERT ON mod_remove_comment
    FOR EACH ROW
    WHEN (NEW.removed)
    EXECUTE PROCEDURE comment_removed_resolve_reports ();

;
-- ===== migrations/2023-09-07-215546_post-queries-efficient/up.sql
-- these indices are used for single-community filtering and for the followed-communities (front-page) query
-- basically one index per Sort
-- index name is truncated to 63 chars so abbreviate a bit
CREATE INDEX idx_post_aggregates_community_active ON post_aggregates (community_id, featured_local DESC, hot_rank_active DESC, published DESC);

CREATE INDEX idx_post_aggregates_community_controversy ON post_aggregates (community_id, featured_local DESC, controversy_rank DESC);

CREATE INDEX idx_post_aggregates_community_hot ON post_aggregates (community_id, featured_local DESC, hot_rank DESC, published DESC);

CREATE INDEX idx_post_aggregates_community_scaled ON post_aggregates (community_id, featured_local DESC, scaled_rank DESC, published DESC);

CREATE INDEX idx_post_aggregates_community_most_comments ON post_aggregates (community_id, featured_local DESC, comments DESC, published DESC);

CREATE INDEX idx_post_aggregates_community_newest_comment_time ON post_aggregates (community_id, featured_local DESC, newest_comment_time DESC);

CREATE INDEX idx_post_aggregates_community_newest_comment_time_necro ON post_aggregates (community_id, featured_local DESC, newest_comment_time_necro DESC);

CREATE INDEX idx_post_aggregates_community_published ON post_aggregates (community_id, featured_local DESC, published DESC);

CREATE INDEX idx_post_aggregates_community_score ON post_aggregates (community_id, featured_local DESC, score DESC, published DESC);

-- these indices are used for "per-community" filtering
-- these indices weren't really useful because whenever the query filters by featured_community it also filters by community_id, so prepend that to all these indexes
DROP INDEX idx_post_aggregates_featured_community_active;

DROP INDEX idx_post_aggregates_featured_community_controversy;

DROP INDEX idx_post_aggregates_featured_community_hot;

DROP INDEX idx_post_aggregates_featured_community_scaled;

DROP INDEX idx_post_aggregates_featured_community_most_comments;

DROP INDEX idx_post_aggregates_featured_community_newest_comment_time;

DROP INDEX idx_post_aggregates_featured_community_newest_comment_time_necro;

DROP INDEX idx_post_aggregates_featured_community_published;

DROP INDEX idx_post_aggregates_featured_community_score;

CREATE INDEX idx_post_aggregates_featured_community_active ON post_aggregates (community_id, featured_community DESC, hot_rank_active DESC, published DESC);

CREATE INDEX idx_post_aggregates_featured_community_controversy ON post_aggregates (community_id, featured_community DESC, controversy_rank DESC);

CREATE INDEX idx_post_aggregates_featured_community_hot ON post_aggregates (community_id, featured_community DESC, hot_rank DESC, published DESC);

CREATE INDEX idx_post_aggregates_featured_community_scaled ON post_aggregates (community_id, featured_community DESC, scaled_rank DESC, published DESC);

CREATE INDEX idx_post_aggregates_featured_community_most_comments ON post_aggregates (community_id, featured_community DESC, comments DESC, published DESC);

CREATE INDEX idx_post_aggregates_featured_community_newest_comment_time ON post_aggregates (community_id, featured_community DESC, newest_comment_time DESC);

CREATE INDEX idx_post_aggregates_featured_community_newest_comment_time_necro ON post_aggregates (community_id, featured_community DESC, newest_comment_time_necro DESC);

CREATE INDEX idx_post_aggregates_featured_community_published ON post_aggregates (community_id, featured_community DESC, published DESC);

CREATE INDEX idx_post_aggregates_featured_community_score ON post_aggregates (community_id, featured_community DESC, score DESC, published DESC);

;
-- ===== migrations/2023-09-11-110040_rework-2fa-setup/up.sql
ALTER TABLE local_user
    DROP COLUMN totp_2fa_url;

ALTER TABLE local_user
    ADD COLUMN totp_2fa_enabled boolean NOT NULL DEFAULT FALSE;

;
-- ===== migrations/2023-09-12-194850_add_federation_worker_index/up.sql
CREATE INDEX idx_person_local_instance ON person (local DESC, instance_id);

;
-- ===== migrations/2023-09-18-141700_login-token/up.sql
CREATE TABLE login_token (
    id serial PRIMARY KEY,
    token text NOT NULL UNIQUE,
    user_id int REFERENCES local_user ON UPDATE CASCADE ON DELETE CASCADE NOT NULL,
    published timestamptz NOT NULL DEFAULT now(),
    ip text,
    user_agent text
);

CREATE INDEX idx_login_token_user_token ON login_token (user_id, token);

-- not needed anymore as we invalidate login tokens on password change
ALTER TABLE local_user
    DROP COLUMN validator_time;

;
-- ===== migrations/2023-09-20-110614_drop-show-new-post-notifs/up.sql
-- this setting is unused with websocket gone
ALTER TABLE local_user
    DROP COLUMN show_new_post_notifs;

;
-- ===== migrations/2023-09-28-084231_import_user_settings_rate_limit/up.sql
ALTER TABLE local_site_rate_limit
    ADD COLUMN import_user_settings int NOT NULL DEFAULT 1;

ALTER TABLE local_site_rate_limit
    ADD COLUMN import_user_settings_per_second int NOT NULL DEFAULT 86400;

;
-- ===== migrations/2023-10-02-145002_community_followers_count_federated/up.sql
-- The subscriber count should only be updated for local communities. For remote
-- communities it is read over federation from the origin instance.
CREATE OR REPLACE FUNCTION community_aggregates_subscriber_count ()
    RETURNS TRIGGER
    LANGUAGE plpgsql
    AS $$
BEGIN
    IF (TG_OP = 'INSERT') THEN
        UPDATE
            community_aggregates
        SET
            subscribers = subscribers + 1
        FROM
            community
        WHERE
            community.id = community_id
            AND community.local
            AND community_id = NEW.community_id;
    ELSIF (TG_OP = 'DELETE') THEN
        UPDATE
            community_aggregates
        SET
            subscribers = subscribers - 1
        FROM
            community
        WHERE
            community.id = community_id
            AND community.local
            AND community_id = OLD.community_id;
    END IF;
    RETURN NULL;
END
$$;

;
-- ===== migrations/2023-10-06-133405_add_keyboard_navigation_setting/up.sql
ALTER TABLE local_user
    ADD COLUMN enable_keyboard_navigation boolean DEFAULT FALSE NOT NULL;

;
-- ===== migrations/2023-10-13-175712_allow_animated_avatars/up.sql
ALTER TABLE local_user
    ADD COLUMN enable_animated_images boolean DEFAULT TRUE NOT NULL;

;
-- ===== migrations/2023-10-17-181800_drop_remove_community_expires/up.sql
ALTER TABLE mod_remove_community
    DROP COLUMN expires;

;
-- ===== migrations/2023-10-23-184941_hot_rank_greatest_fix/up.sql
-- The hot_rank algorithm currently uses greatest(1, score + 3)
-- This greatest of 1 incorrect because log10(1) is zero,
-- so it will push negative-voted comments / posts to the bottom, IE hot_rank = 0
-- The update_scheduled_ranks will never recalculate them, because it ignores content
-- with hot_rank = 0
CREATE OR REPLACE FUNCTION hot_rank (score numeric, published timestamp with time zone)
    RETURNS float
    AS $$
DECLARE
    hours_diff numeric := EXTRACT(EPOCH FROM (now() - published)) / 3600;
BEGIN
    -- 24 * 7 = 168, so after a week, it will default to 0.
    IF (hours_diff > 0 AND hours_diff < 168) THEN
        -- Use greatest(2,score), so that the hot_rank will be positive and not ignored.
        RETURN log(greatest (2, score + 2)) / power((hours_diff + 2), 1.8);
    ELSE
        -- if the post is from the future, set hot score to 0. otherwise you can game the post to
        -- always be on top even with only 1 vote by setting it to the future
        RETURN 0.0;
    END IF;
END;
$$
LANGUAGE plpgsql
IMMUTABLE PARALLEL SAFE;

;
-- ===== migrations/2023-10-24-030352_change_primary_keys_and_remove_some_id_columns/up.sql
ALTER TABLE captcha_answer
    DROP COLUMN id,
    ADD PRIMARY KEY (uuid),
    DROP CONSTRAINT captcha_answer_uuid_key;

ALTER TABLE comment_aggregates
    DROP COLUMN id,
    ADD PRIMARY KEY (comment_id),
    DROP CONSTRAINT comment_aggregates_comment_id_key;

ALTER TABLE comment_like
    DROP COLUMN id,
    ADD PRIMARY KEY (person_id, comment_id),
    DROP CONSTRAINT comment_like_comment_id_person_id_key;

DROP INDEX idx_comment_like_person;

ALTER TABLE comment_saved
    DROP COLUMN id,
    ADD PRIMARY KEY (person_id, comment_id),
    DROP CONSTRAINT comment_saved_comment_id_person_id_key;

DROP INDEX idx_comment_saved_person_id;

ALTER TABLE community_aggregates
    DROP COLUMN id,
    ADD PRIMARY KEY (community_id),
    DROP CONSTRAINT community_aggregates_community_id_key;

ALTER TABLE community_block
    DROP COLUMN id,
    ADD PRIMARY KEY (person_id, community_id),
    DROP CONSTRAINT community_block_person_id_community_id_key;

DROP INDEX idx_community_block_person;

ALTER TABLE community_follower
    DROP COLUMN id,
    ADD PRIMARY KEY (person_id, community_id),
    DROP CONSTRAINT community_follower_community_id_person_id_key;

DROP INDEX idx_community_follower_person;

ALTER TABLE community_language
    DROP COLUMN id,
    ADD PRIMARY KEY (community_id, language_id),
    DROP CONSTRAINT community_language_community_id_language_id_key;

ALTER TABLE community_moderator
    DROP COLUMN id,
    ADD PRIMARY KEY (person_id, community_id),
    DROP CONSTRAINT community_moderator_community_id_person_id_key;

DROP INDEX idx_community_moderator_person;

ALTER TABLE community_person_ban
    DROP COLUMN id,
    ADD PRIMARY KEY (person_id, community_id),
    DROP CONSTRAINT community_person_ban_community_id_person_id_key;

ALTER TABLE custom_emoji_keyword
    DROP COLUMN id,
    ADD PRIMARY KEY (custom_emoji_id, keyword),
    DROP CONSTRAINT custom_emoji_keyword_custom_emoji_id_keyword_key;

ALTER TABLE federation_allowlist
    DROP COLUMN id,
    ADD PRIMARY KEY (instance_id),
    DROP CONSTRAINT federation_allowlist_instance_id_key;

ALTER TABLE federation_blocklist
    DROP COLUMN id,
    ADD PRIMARY KEY (instance_id),
    DROP CONSTRAINT federation_blocklist_instance_id_key;

ALTER TABLE federation_queue_state
    DROP COLUMN id,
    ADD PRIMARY KEY (instance_id),
    DROP CONSTRAINT federation_queue_state_instance_id_key;

ALTER TABLE image_upload
    DROP COLUMN id,
    ADD PRIMARY KEY (pictrs_alias),
    DROP CONSTRAINT image_upload_pictrs_alias_key;

ALTER TABLE instance_block
    DROP COLUMN id,
    ADD PRIMARY KEY (person_id, instance_id),
    DROP CONSTRAINT instance_block_person_id_instance_id_key;

ALTER TABLE local_site_rate_limit
    DROP COLUMN id,
    ADD PRIMARY KEY (local_site_id),
    DROP CONSTRAINT local_site_rate_limit_local_site_id_key;

ALTER TABLE local_user_language
    DROP COLUMN id,
    ADD PRIMARY KEY (local_user_id, language_id),
    DROP CONSTRAINT local_user_language_local_user_id_language_id_key;

ALTER TABLE login_token
    DROP COLUMN id,
    ADD PRIMARY KEY (token),
    DROP CONSTRAINT login_token_token_key;

-- Delete duplicates which can exist because of missing `UNIQUE` constraint
DELETE FROM person_aggregates AS a USING (
    SELECT
        min(id) AS id,
        person_id
    FROM
        person_aggregates
    GROUP BY
        person_id
    HAVING
        count(*) > 1) AS b
WHERE
    a.person_id = b.person_id
    AND a.id != b.id;

ALTER TABLE person_aggregates
    DROP CONSTRAINT IF EXISTS person_aggregates_person_id_key;

ALTER TABLE person_aggregates
    ADD UNIQUE (person_id);

ALTER TABLE person_aggregates
    DROP COLUMN id,
    ADD PRIMARY KEY (person_id),
    DROP CONSTRAINT person_aggregates_person_id_key;

ALTER TABLE person_ban
    DROP COLUMN id,
    ADD PRIMARY KEY (person_id),
    DROP CONSTRAINT person_ban_person_id_key;

ALTER TABLE person_block
    DROP COLUMN id,
    ADD PRIMARY KEY (person_id, target_id),
    DROP CONSTRAINT person_block_person_id_target_id_key;

ALTER TABLE person_follower
    DROP COLUMN id,
    ADD PRIMARY KEY (follower_id, person_id),
    DROP CONSTRAINT person_follower_follower_id_person_id_key;

ALTER TABLE person_post_aggregates
    DROP COLUMN id,
    ADD PRIMARY KEY (person_id, post_id),
    DROP CONSTRAINT person_post_aggregates_person_id_post_id_key;

ALTER TABLE post_aggregates
    DROP COLUMN id,
    ADD PRIMARY KEY (post_id),
    DROP CONSTRAINT post_aggregates_post_id_key;

ALTER TABLE post_like
    DROP COLUMN id,
    ADD PRIMARY KEY (person_id, post_id),
    DROP CONSTRAINT post_like_post_id_person_id_key;

DROP INDEX idx_post_like_person;

ALTER TABLE post_read
    DROP COLUMN id,
    ADD PRIMARY KEY (person_id, post_id),
    DROP CONSTRAINT post_read_post_id_person_id_key;

ALTER TABLE post_saved
    DROP COLUMN id,
    ADD PRIMARY KEY (person_id, post_id),
    DROP CONSTRAINT post_saved_post_id_person_id_key;

DROP INDEX idx_post_saved_person_id;

ALTER TABLE received_activity
    DROP COLUMN id,
    ADD PRIMARY KEY (ap_id),
    DROP CONSTRAINT received_activity_ap_id_key;

-- Delete duplicates which can exist because of missing `UNIQUE` constraint
DELETE FROM site_aggregates AS a USING (
    SELECT
        min(id) AS id,
        site_id
    FROM
        site_aggregates
    GROUP BY
        site_id
    HAVING
        count(*) > 1) AS b
WHERE
    a.site_id = b.site_id
    AND a.id != b.id;

ALTER TABLE site_aggregates
    DROP COLUMN id,
    ADD PRIMARY KEY (site_id);

ALTER TABLE site_language
    DROP COLUMN id,
    ADD PRIMARY KEY (site_id, language_id),
    DROP CONSTRAINT site_language_site_id_language_id_key;

-- Change functions to not use the removed columns
CREATE OR REPLACE FUNCTION site_aggregates_site ()
    RETURNS TRIGGER
    LANGUAGE plpgsql
    AS $$
BEGIN
    -- we only ever want to have a single value in site_aggregate because the site_aggregate triggers update all rows in that table.
    -- a cleaner check would be to insert it for the local_site but that would break assumptions at least in the tests
    IF (TG_OP = 'INSERT') AND NOT EXISTS (
    SELECT
        *
    FROM
        site_aggregates
    LIMIT 1) THEN
        INSERT INTO site_aggregates (site_id)
            VALUES (NEW.id);
    ELSIF (TG_OP = 'DELETE') THEN
        DELETE FROM site_aggregates
        WHERE site_id = OLD.id;
    END IF;
    RETURN NULL;
END
$$;

;
-- ===== migrations/2023-10-24-131607_proxy_links/up.sql
CREATE TABLE remote_image (
    id serial PRIMARY KEY,
    link text NOT NULL UNIQUE,
    published timestamptz DEFAULT now() NOT NULL
);

ALTER TABLE image_upload RENAME TO local_image;

;
-- ===== migrations/2023-10-24-183747_autocollapse_bot_comments/up.sql
ALTER TABLE local_user
    ADD COLUMN collapse_bot_comments boolean DEFAULT FALSE NOT NULL;

;
-- ===== migrations/2023-10-27-142514_post_url_content_type/up.sql
ALTER TABLE post
    ADD COLUMN url_content_type text;

;
-- ===== migrations/2023-11-01-223740_federation-published/up.sql
ALTER TABLE federation_queue_state
    ADD COLUMN last_successful_published_time timestamptz NULL,
    ALTER COLUMN last_successful_id DROP NOT NULL,
    ALTER COLUMN last_retry DROP NOT NULL;

;
-- ===== migrations/2023-11-02-120140_apub-signed-fetch/up.sql
ALTER TABLE local_site
    ADD COLUMN federation_signed_fetch boolean NOT NULL DEFAULT FALSE;

;
-- ===== migrations/2023-11-07-135409_inbox_unique/up.sql
-- drop unique constraints for inbox columns
ALTER TABLE person
    DROP CONSTRAINT idx_person_inbox_url;

ALTER TABLE community
    DROP CONSTRAINT idx_community_inbox_url;

-- change site inbox path from /inbox to /site_inbox
-- we dont have any way here to set the correct protocol (http or https) according to tls_enabled, or set
-- the correct port in case of debugging
UPDATE
    site
SET
    inbox_url = inbox_query.inbox
FROM (
    SELECT
        format('https://%s/inbox', DOMAIN) AS inbox
    FROM
        instance,
        site,
        local_site
    WHERE
        instance.id = site.instance_id
        AND local_site.id = site.id) AS inbox_query,
    instance,
    local_site
WHERE
    instance.id = site.instance_id
    AND local_site.id = site.id;

;
-- ===== migrations/2023-11-22-194806_low_rank_defaults/up.sql
-- Change the hot_ranks to a miniscule number, so that new / fetched content
-- won't crowd out existing content.
--
-- They must be non-zero, in order for them to be picked up by the hot_ranks updater.
-- See https://github.com/LemmyNet/lemmy/issues/4178
ALTER TABLE community_aggregates
    ALTER COLUMN hot_rank SET DEFAULT 0.0001;

ALTER TABLE comment_aggregates
    ALTER COLUMN hot_rank SET DEFAULT 0.0001;

ALTER TABLE post_aggregates
    ALTER COLUMN hot_rank SET DEFAULT 0.0001,
    ALTER COLUMN hot_rank_active SET DEFAULT 0.0001,
    ALTER COLUMN scaled_rank SET DEFAULT 0.0001;

;
-- ===== migrations/2023-12-06-180359_edit_active_users/up.sql
-- Edit community aggregates to include voters as active users
CREATE OR REPLACE FUNCTION community_aggregates_activity (i text)
    RETURNS TABLE (
        count_ bigint,
        community_id_ integer)
    LANGUAGE plpgsql
    AS $$
BEGIN
    RETURN QUERY
    SELECT
        count(*),
        community_id
    FROM (
        SELECT
            c.creator_id,
            p.community_id
        FROM
            comment c
            INNER JOIN post p ON c.post_id = p.id
            INNER JOIN person pe ON c.creator_id = pe.id
        WHERE
            c.published > ('now'::timestamp - i::interval)
            AND pe.bot_account = FALSE
    UNION
    SELECT
        p.creator_id,
        p.community_id
    FROM
        post p
            INNER JOIN person pe ON p.creator_id = pe.id
        WHERE
            p.published > ('now'::timestamp - i::interval)
            AND pe.bot_account = FALSE
    UNION
    SELECT
        pl.person_id,
        p.community_id
    FROM
        post_like pl
            INNER JOIN post p ON pl.post_id = p.id
            INNER JOIN person pe ON pl.person_id = pe.id
        WHERE
            pl.published > ('now'::timestamp - i::interval)
            AND pe.bot_account = FALSE
    UNION
    SELECT
        cl.person_id,
        p.community_id
    FROM
        comment_like cl
            INNER JOIN post p ON cl.post_id = p.id
            INNER JOIN person pe ON cl.person_id = pe.id
        WHERE
            cl.published > ('now'::timestamp - i::interval)
            AND pe.bot_account = FALSE) a
GROUP BY
    community_id;
END;
$$;

-- Edit site aggregates to include voters and people who have read posts as active users
CREATE OR REPLACE FUNCTION site_aggregates_activity (i text)
    RETURNS integer
    LANGUAGE plpgsql
    AS $$
DECLARE
    count_ integer;
BEGIN
    SELECT
        count(*) INTO count_
    FROM (
        SELECT
            c.creator_id
        FROM
            comment c
            INNER JOIN person pe ON c.creator_id = pe.id
        WHERE
            c.published > ('now'::timestamp - i::interval)
            AND pe.local = TRUE
            AND pe.bot_account = FALSE
        UNION
        SELECT
            p.creator_id
        FROM
            post p
            INNER JOIN person pe ON p.creator_id = pe.id
        WHERE
            p.published > ('now'::timestamp - i::interval)
            AND pe.local = TRUE
            AND pe.bot_account = FALSE
        UNION
        SELECT
            pl.person_id
        FROM
            post_like pl
            INNER JOIN person pe ON pl.person_id = pe.id
        WHERE
            pl.published > ('now'::timestamp - i::interval)
            AND pe.local = TRUE
            AND pe.bot_account = FALSE
        UNION
        SELECT
            cl.person_id
        FROM
            comment_like cl
            INNER JOIN person pe ON cl.person_id = pe.id
        WHERE
            cl.published > ('now'::timestamp - i::interval)
            AND pe.local = TRUE
            AND pe.bot_account = FALSE) a;
    RETURN count_;
END;
$$;

;
-- ===== migrations/2023-12-19-210053_tolerable-batch-insert-speed/up.sql
-- Change triggers to run once per statement instead of once per row
-- post_aggregates_post trigger doesn't need to handle deletion because the post_id column has ON DELETE CASCADE
CREATE OR REPLACE FUNCTION post_aggregates_post ()
    RETURNS TRIGGER
    LANGUAGE plpgsql
    AS $$
BEGIN
    INSERT INTO post_aggregates (post_id, published, newest_comment_time, newest_comment_time_necro, community_id, creator_id, instance_id)
    SELECT
        id,
        published,
        published,
        published,
        community_id,
        creator_id,
        (
            SELECT
                community.instance_id
            FROM
                community
            WHERE
                community.id = community_id
            LIMIT 1)
FROM
    new_post;
    RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION community_aggregates_post_count_insert ()
    RETURNS TRIGGER
    LANGUAGE plpgsql
    AS $$
BEGIN
    UPDATE
        community_aggregates
    SET
        posts = posts + post_group.count
    FROM (
        SELECT
            community_id,
            count(*)
        FROM
            new_post
        GROUP BY
            community_id) post_group
WHERE
    community_aggregates.community_id = post_group.community_id;
    RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION person_aggregates_post_insert ()
    RETURNS TRIGGER
    LANGUAGE plpgsql
    AS $$
BEGIN
    UPDATE
        person_aggregates
    SET
        post_count = post_count + post_group.count
    FROM (
        SELECT
            creator_id,
            count(*)
        FROM
            new_post
        GROUP BY
            creator_id) post_group
WHERE
    person_aggregates.person_id = post_group.creator_id;
    RETURN NULL;
END
$$;

CREATE OR REPLACE TRIGGER post_aggregates_post
    AFTER INSERT ON post REFERENCING NEW TABLE AS new_post
    FOR EACH STATEMENT
    EXECUTE PROCEDURE post_aggregates_post ();

-- Don't run old trigger for insert
CREATE OR REPLACE TRIGGER community_aggregates_post_count
    AFTER DELETE OR UPDATE OF removed,
    deleted ON post
    FOR EACH ROW
    EXECUTE PROCEDURE community_aggregates_post_count ();

CREATE OR REPLACE TRIGGER community_aggregates_post_count_insert
    AFTER INSERT ON post REFERENCING NEW TABLE AS new_post
    FOR EACH STATEMENT
    EXECUTE PROCEDURE community_aggregates_post_count_insert ();

CREATE OR REPLACE FUNCTION site_aggregates_post_update ()
    RETURNS TRIGGER
    LANGUAGE plpgsql
    AS $$
BEGIN
    IF (was_restored_or_created (TG_OP, OLD, NEW)) THEN
        UPDATE
            site_aggregates sa
        SET
            posts = posts + 1
        FROM
            site s
        WHERE
            sa.site_id = s.id;
    END IF;
    RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION site_aggregates_post_insert ()
    RETURNS TRIGGER
    LANGUAGE plpgsql
    AS $$
BEGIN
    UPDATE
        site_aggregates sa
    SET
        posts = posts + (
            SELECT
                count(*)
            FROM
                new_post)
    FROM
        site s
    WHERE
        sa.site_id = s.id;
    RETURN NULL;
END
$$;

CREATE OR REPLACE TRIGGER site_aggregates_post_update
    AFTER UPDATE OF removed,
    deleted ON post
    FOR EACH ROW
    WHEN (NEW.local = TRUE)
    EXECUTE PROCEDURE site_aggregates_post_update ();

CREATE OR REPLACE TRIGGER site_aggregates_post_insert
    AFTER INSERT ON post REFERENCING NEW TABLE AS new_post
    FOR EACH STATEMENT
    EXECUTE PROCEDURE site_aggregates_post_insert ();

CREATE OR REPLACE TRIGGER person_aggregates_post_count
    AFTER DELETE OR UPDATE OF removed,
    deleted ON post
    FOR EACH ROW
    EXECUTE PROCEDURE person_aggregates_post_count ();

CREATE OR REPLACE TRIGGER person_aggregates_post_insert
    AFTER INSERT ON post REFERENCING NEW TABLE AS new_post
    FOR EACH STATEMENT
    EXECUTE PROCEDURE person_aggregates_post_insert ();

-- Avoid running hash function and random number generation for default ap_id
CREATE SEQUENCE IF NOT EXISTS changeme_seq AS bigint CYCLE;

CREATE OR REPLACE FUNCTION generate_unique_changeme ()
    RETURNS text
    LANGUAGE sql
    AS $$
    SELECT
        'http://changeme.invalid/seq/' || nextval('changeme_seq')::text;
$$;

;
-- ===== migrations/2023-12-22-040137_make-mixed-sorting-directions-work-with-tuple-comparison/up.sql
CREATE FUNCTION reverse_timestamp_sort (t timestamp with time zone)
    RETURNS bigint
    AS $$
BEGIN
    RETURN (-1000000 * EXTRACT(EPOCH FROM t))::bigint;
END;
$$
LANGUAGE plpgsql
IMMUTABLE PARALLEL SAFE;

CREATE INDEX idx_post_aggregates_community_published_asc ON public.post_aggregates USING btree (community_id, featured_local DESC, reverse_timestamp_sort (published) DESC);

CREATE INDEX idx_post_aggregates_featured_community_published_asc ON public.post_aggregates USING btree (community_id, featured_community DESC, reverse_timestamp_sort (published) DESC);

CREATE INDEX idx_post_aggregates_featured_local_published_asc ON public.post_aggregates USING btree (featured_local DESC, reverse_timestamp_sort (published) DESC);

CREATE INDEX idx_post_aggregates_published_asc ON public.post_aggregates USING btree (reverse_timestamp_sort (published) DESC);

;
-- ===== migrations/2024-01-02-094916_site-name-not-unique/up.sql
ALTER TABLE site
    DROP CONSTRAINT site_name_key;

;
-- ===== migrations/2024-01-05-213000_community_aggregates_add_local_subscribers/up.sql
-- Couldn't find a way to put subscribers_local right after subscribers except recreating the table.
ALTER TABLE community_aggregates
    ADD COLUMN subscribers_local bigint NOT NULL DEFAULT 0;

-- update initial value
-- update by counting local persons who follow communities.
WITH follower_counts AS (
    SELECT
        community_id,
        count(*) AS local_sub_count
    FROM
        community_follower cf
        JOIN person p ON p.id = cf.person_id
    WHERE
        p.local = TRUE
    GROUP BY
        community_id)
UPDATE
    community_aggregates ca
SET
    subscribers_local = local_sub_count
FROM
    follower_counts
WHERE
    ca.community_id = follower_counts.community_id;

-- subscribers should be updated only when a local community is followed by a local or remote person
-- subscribers_local should be updated only when a local person follows a local or remote community
CREATE OR REPLACE FUNCTION community_aggregates_subscriber_count ()
    RETURNS TRIGGER
    LANGUAGE plpgsql
    AS $$
BEGIN
    IF (TG_OP = 'INSERT') THEN
        UPDATE
            community_aggregates ca
        SET
            subscribers = subscribers + community.local::int,
            subscribers_local = subscribers_local + person.local::int
        FROM
            community
            LEFT JOIN person ON person.id = NEW.person_id
        WHERE
            community.id = NEW.community_id
            AND community.id = ca.community_id
            AND person.local IS NOT NULL;
    ELSIF (TG_OP = 'DELETE') THEN
        UPDATE
            community_aggregates ca
        SET
            subscribers = subscribers - community.local::int,
            subscribers_local = subscribers_local - person.local::int
        FROM
            community
            LEFT JOIN person ON person.id = OLD.person_id
        WHERE
            community.id = OLD.community_id
            AND community.id = ca.community_id
            AND person.local IS NOT NULL;
    END IF;
    RETURN NULL;
END
$$;

-- to be able to join person on the trigger above, we need to run it before the person is deleted: https://github.com/LemmyNet/lemmy/pull/4166#issuecomment-1874095856
CREATE FUNCTION delete_follow_before_person ()
    RETURNS TRIGGER
    LANGUAGE plpgsql
    AS $$
BEGIN
    DELETE FROM community_follower AS c
    WHERE c.person_id = OLD.id;
    RETURN OLD;
END;
$$;

CREATE TRIGGER delete_follow_before_person
    BEFORE DELETE ON person
    FOR EACH ROW
    EXECUTE FUNCTION delete_follow_before_person ();

;
-- ===== migrations/2024-01-15-100133_local-only-community/up.sql
CREATE TYPE community_visibility AS enum (
    'Public',
    'LocalOnly'
);

ALTER TABLE community
    ADD COLUMN visibility community_visibility NOT NULL DEFAULT 'Public';

;
-- ===== migrations/2024-01-22-105746_lemmynsfw-changes/up.sql
ALTER TABLE site
    ADD COLUMN content_warning text;

ALTER TABLE local_site
    ADD COLUMN default_post_listing_mode post_listing_mode_enum NOT NULL DEFAULT 'List';

;
-- ===== migrations/2024-01-25-151400_remove_auto_resolve_report_trigger/up.sql
DROP TRIGGER IF EXISTS post_removed_resolve_reports ON mod_remove_post;

DROP FUNCTION IF EXISTS post_removed_resolve_reports;

DROP TRIGGER IF EXISTS comment_removed_resolve_reports ON mod_remove_comment;

DROP FUNCTION IF EXISTS comment_removed_resolve_reports;

;
-- ===== migrations/2024-02-12-211114_add_vote_display_mode_setting/up.sql
-- Create an extra table to hold local user vote display settings
-- Score and Upvote percentage are turned on by default.
CREATE TABLE local_user_vote_display_mode (
    local_user_id int REFERENCES local_user ON UPDATE CASCADE ON DELETE CASCADE NOT NULL,
    score boolean DEFAULT TRUE NOT NULL,
    upvotes boolean DEFAULT FALSE NOT NULL,
    downvotes boolean DEFAULT FALSE NOT NULL,
    upvote_percentage boolean DEFAULT TRUE NOT NULL,
    PRIMARY KEY (local_user_id)
);

-- Insert rows for every local user
INSERT INTO local_user_vote_display_mode (local_user_id)
SELECT
    id
FROM
    local_user;

;
-- ===== migrations/2024-02-15-171358_default_instance_sort_type/up.sql
ALTER TABLE local_site
    ADD COLUMN default_sort_type sort_type_enum DEFAULT 'Active' NOT NULL;

;
-- ===== migrations/2024-02-24-034523_replaceable-schema/up.sql
CREATE UNIQUE INDEX idx_site_aggregates_1_row_only ON site_aggregates ((TRUE));

-- Drop functions and use `CASCADE` to drop the triggers that use them
DROP FUNCTION comment_aggregates_comment, comment_aggregates_score, community_aggregates_comment_count, community_aggregates_community, community_aggregates_post_count, community_aggregates_post_count_insert, community_aggregates_subscriber_count, delete_follow_before_person, person_aggregates_comment_count, person_aggregates_comment_score, person_aggregates_person, person_aggregates_post_count, person_aggregates_post_insert, person_aggregates_post_score, post_aggregates_comment_count, post_aggregates_featured_community, post_aggregates_featured_local, post_aggregates_post, post_aggregates_score, site_aggregates_comment_delete, site_aggregates_comment_insert, site_aggregates_community_delete, site_aggregates_community_insert, site_aggregates_person_delete, site_aggregates_person_insert, site_aggregates_post_delete, site_aggregates_post_insert, site_aggregates_post_update, site_aggregates_site, was_removed_or_deleted, was_restored_or_created CASCADE;

-- Drop rank functions
DROP FUNCTION controversy_rank, scaled_rank, hot_rank;

-- Defer constraints
ALTER TABLE comment_aggregates
    ALTER CONSTRAINT comment_aggregates_comment_id_fkey INITIALLY DEFERRED;

ALTER TABLE community_aggregates
    ALTER CONSTRAINT community_aggregates_community_id_fkey INITIALLY DEFERRED;

ALTER TABLE person_aggregates
    ALTER CONSTRAINT person_aggregates_person_id_fkey INITIALLY DEFERRED;

ALTER TABLE post_aggregates
    ALTER CONSTRAINT post_aggregates_community_id_fkey INITIALLY DEFERRED,
    ALTER CONSTRAINT post_aggregates_creator_id_fkey INITIALLY DEFERRED,
    ALTER CONSTRAINT post_aggregates_instance_id_fkey INITIALLY DEFERRED,
    ALTER CONSTRAINT post_aggregates_post_id_fkey INITIALLY DEFERRED;

ALTER TABLE site_aggregates
    ALTER CONSTRAINT site_aggregates_site_id_fkey INITIALLY DEFERRED;

-- Fix values that might be incorrect because of the old triggers
UPDATE
    post_aggregates
SET
    featured_local = post.featured_local,
    featured_community = post.featured_community
FROM
    post
WHERE
    post_aggregates.post_id = post.id
    AND (post_aggregates.featured_local,
        post_aggregates.featured_community) != (post.featured_local,
        post.featured_community);

UPDATE
    community_aggregates
SET
    comments = counted.comments
FROM (
    SELECT
        community_id,
        count(*) AS comments
    FROM
        comment,
        LATERAL (
            SELECT
                *
            FROM
                post
            WHERE
                post.id = comment.post_id
            LIMIT 1) AS post
    WHERE
        NOT (comment.deleted
            OR comment.removed
            OR post.deleted
            OR post.removed)
    GROUP BY
        community_id) AS counted
WHERE
    community_aggregates.community_id = counted.community_id
    AND community_aggregates.comments != counted.comments;

UPDATE
    site_aggregates
SET
    communities = (
        SELECT
            count(*)
        FROM
            community
        WHERE
            local);

;
-- ===== migrations/2024-02-27-204628_add_post_alt_text/up.sql
ALTER TABLE post
    ADD COLUMN alt_text text;

;
-- ===== migrations/2024-02-28-144211_hide_posts/up.sql
CREATE TABLE post_hide (
    post_id int REFERENCES post ON UPDATE CASCADE ON DELETE CASCADE NOT NULL,
    person_id int REFERENCES person ON UPDATE CASCADE ON DELETE CASCADE NOT NULL,
    published timestamp with time zone NOT NULL DEFAULT now(),
    PRIMARY KEY (person_id, post_id)
);

;
-- ===== migrations/2024-03-06-104706_local_image_user_opt/up.sql
ALTER TABLE local_image
    ALTER COLUMN local_user_id DROP NOT NULL;

;
-- ===== migrations/2024-03-06-201637_url_blocklist/up.sql
CREATE TABLE local_site_url_blocklist (
    id serial NOT NULL PRIMARY KEY,
    url text NOT NULL UNIQUE,
    published timestamp with time zone NOT NULL DEFAULT now(),
    updated timestamp with time zone
);

;
-- ===== migrations/2024-04-05-153647_alter_vote_display_mode_defaults/up.sql
-- Based on a poll, update the local_user_vote_display_mode defaults to:
-- Upvotes + Downvotes
-- Rather than
-- Score + upvote_percentage
ALTER TABLE local_user_vote_display_mode
    DROP COLUMN score,
    ADD COLUMN score boolean DEFAULT FALSE NOT NULL,
    DROP COLUMN upvotes,
    ADD COLUMN upvotes boolean DEFAULT TRUE NOT NULL,
    DROP COLUMN downvotes,
    ADD COLUMN downvotes boolean DEFAULT TRUE NOT NULL,
    DROP COLUMN upvote_percentage,
    ADD COLUMN upvote_percentage boolean DEFAULT FALSE NOT NULL;

;
-- ===== migrations/2024-04-15-105932_community_followers_url_optional/up.sql
ALTER TABLE community
    ALTER COLUMN followers_url DROP NOT NULL;

;
-- ===== migrations/2024-04-23-020604_add_post_id_index/up.sql
-- Add , post_id DESC to all these
DROP INDEX idx_post_aggregates_community_active;

DROP INDEX idx_post_aggregates_community_controversy;

DROP INDEX idx_post_aggregates_community_hot;

DROP INDEX idx_post_aggregates_community_most_comments;

DROP INDEX idx_post_aggregates_community_newest_comment_time;

DROP INDEX idx_post_aggregates_community_newest_comment_time_necro;

DROP INDEX idx_post_aggregates_community_published;

DROP INDEX idx_post_aggregates_community_published_asc;

DROP INDEX idx_post_aggregates_community_scaled;

DROP INDEX idx_post_aggregates_community_score;

DROP INDEX idx_post_aggregates_featured_community_active;

DROP INDEX idx_post_aggregates_featured_community_controversy;

DROP INDEX idx_post_aggregates_featured_community_hot;

DROP INDEX idx_post_aggregates_featured_community_most_comments;

DROP INDEX idx_post_aggregates_featured_community_newest_comment_time;

DROP INDEX idx_post_aggregates_featured_community_newest_comment_time_necr;

DROP INDEX idx_post_aggregates_featured_community_published;

DROP INDEX idx_post_aggregates_featured_community_published_asc;

DROP INDEX idx_post_aggregates_featured_community_scaled;

DROP INDEX idx_post_aggregates_featured_community_score;

DROP INDEX idx_post_aggregates_featured_local_active;

DROP INDEX idx_post_aggregates_featured_local_controversy;

DROP INDEX idx_post_aggregates_featured_local_hot;

DROP INDEX idx_post_aggregates_featured_local_most_comments;

DROP INDEX idx_post_aggregates_featured_local_newest_comment_time;

DROP INDEX idx_post_aggregates_featured_local_newest_comment_time_necro;

DROP INDEX idx_post_aggregates_featured_local_published;

DROP INDEX idx_post_aggregates_featured_local_published_asc;

DROP INDEX idx_post_aggregates_featured_local_scaled;

DROP INDEX idx_post_aggregates_featured_local_score;

CREATE INDEX idx_post_aggregates_community_active ON public.post_aggregates USING btree (community_id, featured_local DESC, hot_rank_active DESC, published DESC, post_id DESC);

CREATE INDEX idx_post_aggregates_community_controversy ON public.post_aggregates USING btree (community_id, featured_local DESC, controversy_rank DESC, post_id DESC);

CREATE INDEX idx_post_aggregates_community_hot ON public.post_aggregates USING btree (community_id, featured_local DESC, hot_rank DESC, published DESC, post_id DESC);

CREATE INDEX idx_post_aggregates_community_most_comments ON public.post_aggregates USING btree (community_id, featured_local DESC, comments DESC, published DESC, post_id DESC);

CREATE INDEX idx_post_aggregates_community_newest_comment_time ON public.post_aggregates USING btree (community_id, featured_local DESC, newest_comment_time DESC, post_id DESC);

CREATE INDEX idx_post_aggregates_community_newest_comment_time_necro ON public.post_aggregates USING btree (community_id, featured_local DESC, newest_comment_time_necro DESC, post_id DESC);

CREATE INDEX idx_post_aggregates_community_published ON public.post_aggregates USING btree (community_id, featured_local DESC, published DESC, post_id DESC);

CREATE INDEX idx_post_aggregates_community_published_asc ON public.post_aggregates USING btree (community_id, featured_local DESC, public.reverse_timestamp_sort (published) DESC, post_id DESC);

CREATE INDEX idx_post_aggregates_community_scaled ON public.post_aggregates USING btree (community_id, featured_local DESC, scaled_rank DESC, published DESC, post_id DESC);

CREATE INDEX idx_post_aggregates_community_score ON public.post_aggregates USING btree (community_id, featured_local DESC, score DESC, published DESC, post_id DESC);

CREATE INDEX idx_post_aggregates_featured_community_active ON public.post_aggregates USING btree (community_id, featured_community DESC, hot_rank_active DESC, published DESC, post_id DESC);

CREATE INDEX idx_post_aggregates_featured_community_controversy ON public.post_aggregates USING btree (community_id, featured_community DESC, controversy_rank DESC, post_id DESC);

CREATE INDEX idx_post_aggregates_featured_community_hot ON public.post_aggregates USING btree (community_id, featured_community DESC, hot_rank DESC, published DESC, post_id DESC);

CREATE INDEX idx_post_aggregates_featured_community_most_comments ON public.post_aggregates USING btree (community_id, featured_community DESC, comments DESC, published DESC, post_id DESC);

CREATE INDEX idx_post_aggregates_featured_community_newest_comment_time ON public.post_aggregates USING btree (community_id, featured_community DESC, newest_comment_time DESC, post_id DESC);

CREATE INDEX idx_post_aggregates_featured_community_newest_comment_time_necr ON public.post_aggregates USING btree (community_id, featured_community DESC, newest_comment_time_necro DESC, post_id DESC);

CREATE INDEX idx_post_aggregates_featured_community_published ON public.post_aggregates USING btree (community_id, featured_community DESC, published DESC, post_id DESC);

CREATE INDEX idx_post_aggregates_featured_community_published_asc ON public.post_aggregates USING btree (community_id, featured_community DESC, public.reverse_timestamp_sort (published) DESC, post_id DESC);

CREATE INDEX idx_post_aggregates_featured_community_scaled ON public.post_aggregates USING btree (community_id, featured_community DESC, scaled_rank DESC, published DESC, post_id DESC);

CREATE INDEX idx_post_aggregates_featured_community_score ON public.post_aggregates USING btree (community_id, featured_community DESC, score DESC, published DESC, post_id DESC);

CREATE INDEX idx_post_aggregates_featured_local_active ON public.post_aggregates USING btree (featured_local DESC, hot_rank_active DESC, published DESC, post_id DESC);

CREATE INDEX idx_post_aggregates_featured_local_controversy ON public.post_aggregates USING btree (featured_local DESC, controversy_rank DESC, post_id DESC);

CREATE INDEX idx_post_aggregates_featured_local_hot ON public.post_aggregates USING btree (featured_local DESC, hot_rank DESC, published DESC, post_id DESC);

CREATE INDEX idx_post_aggregates_featured_local_most_comments ON public.post_aggregates USING btree (featured_local DESC, comments DESC, published DESC, post_id DESC);

CREATE INDEX idx_post_aggregates_featured_local_newest_comment_time ON public.post_aggregates USING btree (featured_local DESC, newest_comment_time DESC, post_id DESC);

CREATE INDEX idx_post_aggregates_featured_local_newest_comment_time_necro ON public.post_aggregates USING btree (featured_local DESC, newest_comment_time_necro DESC, post_id DESC);

CREATE INDEX idx_post_aggregates_featured_local_published ON public.post_aggregates USING btree (featured_local DESC, published DESC, post_id DESC);

CREATE INDEX idx_post_aggregates_featured_local_published_asc ON public.post_aggregates USING btree (featured_local DESC, public.reverse_timestamp_sort (published) DESC, post_id DESC);

CREATE INDEX idx_post_aggregates_featured_local_scaled ON public.post_aggregates USING btree (featured_local DESC, scaled_rank DESC, published DESC, post_id DESC);

CREATE INDEX idx_post_aggregates_featured_local_score ON public.post_aggregates USING btree (featured_local DESC, score DESC, published DESC, post_id DESC);

;
-- ===== migrations/2024-05-04-140749_separate_triggers/up.sql
-- This migration exists to trigger re-execution of replaceable_schema
SELECT
    1;

;
-- ===== migrations/2024-05-05-162540_add_image_detail_table/up.sql
-- Drop the id column from the remote_image table, just use link
ALTER TABLE remote_image
    DROP COLUMN id,
    ADD PRIMARY KEY (link),
    DROP CONSTRAINT remote_image_link_key;

-- No good way to do references here unfortunately, unless we combine the images tables
-- The link should be the URL, not the pictrs_alias, to allow joining from post.thumbnail_url
CREATE TABLE image_details (
    link text PRIMARY KEY,
    width integer NOT NULL,
    height integer NOT NULL,
    content_type text NOT NULL
);

;
-- ===== migrations/2024-06-17-160323_fix_post_aggregates_featured_local/up.sql
-- Fix rows that were not updated because of the old incorrect trigger
UPDATE
    post_aggregates
SET
    featured_local = post.featured_local
FROM
    post
WHERE
    post.id = post_aggregates.post_id
    AND post.featured_local != post_aggregates.featured_local;

;
-- ===== migrations/2024-06-24-000000_ap_id_triggers/up.sql
ALTER TABLE comment
    ALTER COLUMN ap_id DROP DEFAULT;

ALTER TABLE post
    ALTER COLUMN ap_id DROP DEFAULT;

ALTER TABLE private_message
    ALTER COLUMN ap_id DROP DEFAULT;

;
-- ===== migrations/2024-07-01-014711_exponential_controversy/up.sql
UPDATE
    post_aggregates
SET
    controversy_rank = (upvotes + downvotes) ^ CASE WHEN upvotes > downvotes THEN
        downvotes::float / upvotes::float
    ELSE
        upvotes::float / downvotes::float
    END
WHERE
    upvotes > 0
    AND downvotes > 0
    -- a number divided by itself is 1, and `* 1` does the same thing as `^ 1`
    AND upvotes != downvotes;

;
-- ===== migrations/2024-08-03-155932_increase_post_url_max_length/up.sql
-- Change the post url max limit to 2000
-- From here: https://stackoverflow.com/questions/417142/what-is-the-maximum-length-of-a-url-in-different-browsers#417184
ALTER TABLE post
    ALTER COLUMN url TYPE varchar(2000);

ANALYZE post (url);

;
-- ===== migrations/2024-11-12-090437_move-triggers/up.sql
DROP FUNCTION community_aggregates_activity, site_aggregates_activity CASCADE;

;
-- ===== migrations/2025-01-10-135505_donation-dialog/up.sql
-- Generate new column last_donation_notification with default value at random time in the
-- past year (so that users dont see it all at the same time after instance upgrade).
ALTER TABLE local_user
    ADD COLUMN last_donation_notification timestamptz NOT NULL DEFAULT (now() - (random() * (interval '12 months')));

;
-- ===== migrations/2025-02-11-131045_ban-remove-content-pm/up.sql
ALTER TABLE private_message
    ADD COLUMN removed bool NOT NULL DEFAULT FALSE;

;
-- ===== migrations/2025-02-24-173152_search-alt-text-of-posts/up.sql
DROP INDEX idx_post_trigram;

CREATE INDEX IF NOT EXISTS idx_post_trigram ON post USING gin (name gin_trgm_ops, body gin_trgm_ops, alt_text gin_trgm_ops);

;
-- ===== migrations/2025-03-07-094522_enable_english_for_all/up.sql
-- enable english for all users on instances with all languages enabled.
-- Fix for https://github.com/LemmyNet/lemmy/pull/5485
DO $$
BEGIN
    IF (
        SELECT
            count(*)
        FROM
            site_language
                INNER JOIN local_site ON site_language.site_id = local_site.site_id) = 184 THEN
        INSERT INTO local_user_language (local_user_id, language_id)
        SELECT
            local_user_id,
            37
        FROM
            local_user_language
        GROUP BY
            local_user_id
        HAVING
            NOT (37 = ANY (array_agg(language_id)));
    END IF;
END
$$
;
-- ===== migrations/2025-04-07-100344_registration-rate-limit/up.sql
ALTER TABLE local_site_rate_limit
    ALTER register SET DEFAULT 10;

UPDATE
    local_site_rate_limit
SET
    register = 10
WHERE
    register = 3;

;
-- ===== migrations/2025-05-15-154113_missing_post_indexes/up.sql
CREATE INDEX idx_post_read_post ON post_read (post_id);

CREATE INDEX idx_post_hide_post ON post_hide (post_id);

CREATE INDEX idx_post_saved_post ON post_saved (post_id);

;
-- ===== migrations/2025-07-29-152742_add_indexes_for_aggregates_activity/up.sql
-- These actually increased query time, but they prevent more postgres workers from being launched, and so should free up locks.
CREATE INDEX idx_post_published ON post (published);

CREATE INDEX idx_post_like_published ON post_like (published);

CREATE INDEX idx_comment_like_published ON comment_like (published);

;
-- ===== migrations/2025-07-29-152743_post-aggregates-creator-community-indexes/up.sql
CREATE INDEX idx_post_aggregates_creator ON post_aggregates (creator_id);

CREATE INDEX idx_post_aggregates_community ON post_aggregates (community_id);

;
-- ===== migrations/2025-08-01-000000_enable_private_messages/up.sql
ALTER TABLE local_user
    ADD COLUMN enable_private_messages boolean DEFAULT TRUE NOT NULL;

;
-- ===== migrations/2025-08-01-000002_error_if_code_migrations_needed/up.sql
-- https://github.com/LemmyNet/lemmy/pull/5710
-- Uncomment to test:
-- ALTER TABLE site DROP COLUMN instance_id; INSERT INTO site (name, public_key) VALUES ('', '');
DO $$
BEGIN
    IF EXISTS (
        SELECT
        FROM ((
                SELECT
                    id
                FROM
                    person
                WHERE
                    actor_id LIKE 'http://changeme%'
                    OR (local
                        AND public_key = ''))
            UNION ALL (
                SELECT
                    id
                FROM
                    community
                WHERE
                    actor_id LIKE 'http://changeme%'
                    OR (local
                        AND public_key = ''))
            UNION ALL (
                SELECT
                    id
                FROM
                    post
                WHERE
                    thumbnail_url NOT LIKE 'http%'
                    OR (local
                        AND ap_id LIKE 'http://changeme%'))
            UNION ALL (
                SELECT
                    id
                FROM
                    comment
                WHERE
                    ap_id LIKE 'http://changeme%'
                    AND local)
            UNION ALL (
                SELECT
                    id
                FROM
                    private_message
                WHERE
                    ap_id LIKE 'http://changeme%'
                    AND local)
            UNION ALL (
                SELECT
                    id
                FROM
                    site
                WHERE
                    public_key = '')) AS broken_rows) THEN
    RAISE 'Unstable upgrade: Youre on too old a version of lemmy. Upgrade to 0.19.0 first.';
END IF;
END
$$;

;
-- ===== migrations/2025-08-01-000003_remove_show_scores_column/up.sql
ALTER TABLE local_user
    DROP COLUMN show_scores;

;
-- ===== migrations/2025-08-01-000004_custom_emoji_tagline_changes/up.sql
ALTER TABLE custom_emoji
    DROP COLUMN local_site_id;

ALTER TABLE tagline
    DROP COLUMN local_site_id;

;
-- ===== migrations/2025-08-01-000005_drop-enable-nsfw/up.sql
-- if site has enable_nsfw, set a default content warning
UPDATE
    site
SET
    content_warning = CASE WHEN local_site.enable_nsfw THEN
        'NSFW'
    ELSE
        NULL
    END
FROM
    local_site
    -- only local site has private key
WHERE
    private_key IS NOT NULL
    -- dont overwrite existing content warning
    AND content_warning IS NOT NULL;

ALTER TABLE local_site
    DROP enable_nsfw;

;
-- ===== migrations/2025-08-01-000006_default_comment_sort_type/up.sql
-- Rename the post sort enum
ALTER TYPE sort_type_enum RENAME TO post_sort_type_enum;

-- Rename the default post sort columns
ALTER TABLE local_user RENAME COLUMN default_sort_type TO default_post_sort_type;

ALTER TABLE local_site RENAME COLUMN default_sort_type TO default_post_sort_type;

-- Create the comment sort type enum
CREATE TYPE comment_sort_type_enum AS ENUM (
    'Hot',
    'Top',
    'New',
    'Old',
    'Controversial'
);

-- Add the new default comment sort columns to local_user and local_site
ALTER TABLE local_user
    ADD COLUMN default_comment_sort_type comment_sort_type_enum NOT NULL DEFAULT 'Hot';

ALTER TABLE local_site
    ADD COLUMN default_comment_sort_type comment_sort_type_enum NOT NULL DEFAULT 'Hot';

;
-- ===== migrations/2025-08-01-000007_schedule-post/up.sql
ALTER TABLE post
    ADD COLUMN scheduled_publish_time timestamptz;

CREATE INDEX idx_post_scheduled_publish_time ON post (scheduled_publish_time);

;
-- ===== migrations/2025-08-01-000008_create_oauth_provider/up.sql
ALTER TABLE local_user
    ALTER COLUMN password_encrypted DROP NOT NULL;

CREATE TABLE oauth_provider (
    id serial PRIMARY KEY,
    display_name text NOT NULL,
    issuer text NOT NULL,
    authorization_endpoint text NOT NULL,
    token_endpoint text NOT NULL,
    userinfo_endpoint text NOT NULL,
    id_claim text NOT NULL,
    client_id text NOT NULL UNIQUE,
    client_secret text NOT NULL,
    scopes text NOT NULL,
    auto_verify_email boolean DEFAULT TRUE NOT NULL,
    account_linking_enabled boolean DEFAULT FALSE NOT NULL,
    enabled boolean DEFAULT TRUE NOT NULL,
    published timestamp with time zone DEFAULT now() NOT NULL,
    updated timestamp with time zone
);

ALTER TABLE local_site
    ADD COLUMN oauth_registration boolean DEFAULT TRUE NOT NULL;

CREATE TABLE oauth_account (
    local_user_id int REFERENCES local_user ON UPDATE CASCADE ON DELETE CASCADE NOT NULL,
    oauth_provider_id int REFERENCES oauth_provider ON UPDATE CASCADE ON DELETE RESTRICT NOT NULL,
    oauth_user_id text NOT NULL,
    published timestamp with time zone DEFAULT now() NOT NULL,
    updated timestamp with time zone,
    UNIQUE (oauth_provider_id, oauth_user_id),
    PRIMARY KEY (oauth_provider_id, local_user_id)
);

;
-- ===== migrations/2025-08-01-000009_add_federation_vote_rejection/up.sql
-- This removes the simple enable_downvotes setting, in favor of an
-- expanded federation mode type for post/comment up/downvotes.
-- Create the federation mode enum
CREATE TYPE federation_mode_enum AS ENUM (
    'All',
    'Local',
    'Disable'
);

-- Add the new columns
ALTER TABLE local_site
    ADD COLUMN post_upvotes federation_mode_enum DEFAULT 'All'::federation_mode_enum NOT NULL,
    ADD COLUMN post_downvotes federation_mode_enum DEFAULT 'All'::federation_mode_enum NOT NULL,
    ADD COLUMN comment_upvotes federation_mode_enum DEFAULT 'All'::federation_mode_enum NOT NULL,
    ADD COLUMN comment_downvotes federation_mode_enum DEFAULT 'All'::federation_mode_enum NOT NULL;

-- Copy over the enable_downvotes into the post and comment downvote settings
WITH subquery AS (
    SELECT
        enable_downvotes,
        CASE WHEN enable_downvotes = TRUE THEN
            'All'::federation_mode_enum
        ELSE
            'Disable'::federation_mode_enum
        END
    FROM
        local_site)
UPDATE
    local_site
SET
    post_downvotes = subquery.case,
    comment_downvotes = subquery.case
FROM
    subquery;

-- Drop the enable_downvotes column
ALTER TABLE local_site
    DROP COLUMN enable_downvotes;

;
-- ===== migrations/2025-08-01-000010_remove_auto_expand/up.sql
ALTER TABLE local_user
    DROP COLUMN auto_expand;

;
-- ===== migrations/2025-08-01-000011_add_short_community_description/up.sql
-- Renaming description to sidebar
ALTER TABLE community RENAME COLUMN description TO sidebar;

-- Adding a short description column
ALTER TABLE community
    ADD COLUMN description varchar(150);

;
-- ===== migrations/2025-08-01-000012_no-individual-inboxes/up.sql
-- replace value of inbox_url with shared_inbox_url and the drop shared inbox
UPDATE
    person
SET
    shared_inbox_url = inbox_url
WHERE
    shared_inbox_url IS NULL;

ALTER TABLE person
    DROP COLUMN inbox_url,
    ALTER COLUMN shared_inbox_url SET NOT NULL,
    ALTER COLUMN shared_inbox_url SET DEFAULT generate_unique_changeme ();

ALTER TABLE person RENAME COLUMN shared_inbox_url TO inbox_url;

UPDATE
    community
SET
    shared_inbox_url = inbox_url
WHERE
    shared_inbox_url IS NULL;

ALTER TABLE community
    DROP COLUMN inbox_url,
    ALTER COLUMN shared_inbox_url SET NOT NULL,
    ALTER COLUMN shared_inbox_url SET DEFAULT generate_unique_changeme ();

ALTER TABLE community RENAME COLUMN shared_inbox_url TO inbox_url;

;
-- ===== migrations/2025-08-01-000013_comment-vote-remote-postid/up.sql
ALTER TABLE comment_like
    DROP post_id;

;
-- ===== migrations/2025-08-01-000014_private-community/up.sql
ALTER TYPE community_visibility
    ADD value 'Private';

-- Change `community_follower.pending` to `state` enum
CREATE TYPE community_follower_state AS enum (
    'Accepted',
    'Pending',
    'ApprovalRequired'
);

ALTER TABLE community_follower
    ALTER COLUMN pending DROP DEFAULT;

CREATE OR REPLACE FUNCTION convert_follower_state (b bool)
    RETURNS community_follower_state
    LANGUAGE sql
    IMMUTABLE PARALLEL SAFE
    AS $$
    SELECT
        CASE WHEN b = TRUE THEN
            'Pending'::community_follower_state
        ELSE
            'Accepted'::community_follower_state
        END
$$;

ALTER TABLE community_follower
    ALTER COLUMN pending TYPE community_follower_state
    USING convert_follower_state (pending);

DROP FUNCTION convert_follower_state;

ALTER TABLE community_follower RENAME COLUMN pending TO state;

-- Add column for mod who approved the private community follower
-- Dont use foreign key here, otherwise joining to person table doesnt work easily
ALTER TABLE community_follower
    ADD COLUMN approver_id int REFERENCES person ON UPDATE CASCADE ON DELETE CASCADE;

-- Enable signed fetch, necessary to fetch content in private communities
ALTER TABLE ONLY local_site
    ALTER COLUMN federation_signed_fetch SET DEFAULT TRUE;

UPDATE
    local_site
SET
    federation_signed_fetch = TRUE;

;
-- ===== migrations/2025-08-01-000015_add_mark_fetched_posts_as_read/up.sql
ALTER TABLE local_user
    ADD COLUMN auto_mark_fetched_posts_as_read boolean DEFAULT FALSE NOT NULL;

;
-- ===== migrations/2025-08-01-000016_smoosh-tables-together/up.sql
-- Consolidates  all the old tables like post_read, post_like, into post_actions, to reduce joins and increase performance.
-- This creates the tables:
-- post_actions, comment_actions, community_actions, instance_actions, and person_actions.
--
-- comment_actions
CREATE TABLE comment_actions AS
SELECT
    max(liked) AS liked,
    max(saved) AS saved,
    person_id,
    comment_id,
    max(like_score) = 1 AS vote_is_upvote -- `null = 1` returns null
FROM (
    SELECT
        person_id,
        comment_id,
        score AS like_score,
        published AS liked,
        NULL::timestamptz AS saved
    FROM
        comment_like
    UNION ALL
    SELECT
        person_id,
        comment_id,
        NULL::int,
        NULL::timestamptz,
        published
    FROM
        comment_saved) AS pg15_alias
GROUP BY
    person_id,
    comment_id;

-- Drop the tables
DROP TABLE comment_saved, comment_like;

-- Add the constraints
ALTER TABLE comment_actions
    ALTER COLUMN person_id SET NOT NULL,
    ALTER COLUMN comment_id SET NOT NULL,
    ADD PRIMARY KEY (person_id, comment_id),
    ADD CONSTRAINT comment_actions_person_id_fkey FOREIGN KEY (person_id) REFERENCES person ON UPDATE CASCADE ON DELETE CASCADE,
    ADD CONSTRAINT comment_actions_comment_id_fkey FOREIGN KEY (comment_id) REFERENCES COMMENT ON UPDATE CASCADE ON DELETE CASCADE,
    ADD CONSTRAINT comment_actions_check_liked CHECK (((liked IS NULL) = (vote_is_upvote IS NULL)));

-- Create new indexes, with `OR` being used to allow `IS NOT NULL` filters in queries to use either column in
-- a group (e.g. `liked IS NOT NULL` and `vote_is_upvote IS NOT NULL` both work)
CREATE INDEX idx_comment_actions_person ON comment_actions (person_id);

CREATE INDEX idx_comment_actions_comment ON comment_actions (comment_id);

CREATE INDEX idx_comment_actions_liked_not_null ON comment_actions (person_id, comment_id)
WHERE
    liked IS NOT NULL OR vote_is_upvote IS NOT NULL;

CREATE INDEX idx_comment_actions_saved_not_null ON comment_actions (person_id, comment_id)
WHERE
    saved IS NOT NULL;

-- Here's an SO link on merges, but this turned out to be slower than a
-- disabled triggers + disabled primary key + full union select + insert with group by
-- SO link on merges: https://stackoverflow.com/a/74066614/1655478
CREATE TABLE post_actions AS
SELECT
    max(read) AS read,
    max(read_comments) AS read_comments,
    max(saved) AS saved,
    max(liked) AS liked,
    max(hidden) AS hidden,
    person_id,
    post_id,
    cast(max(read_comments_amount) AS int) AS read_comments_amount,
    max(like_score) = 1 AS vote_is_upvote -- `null = 1` returns null
FROM (
    SELECT
        person_id,
        post_id,
        published AS read,
        NULL::timestamptz AS read_comments,
        NULL::int AS read_comments_amount,
        NULL::timestamptz AS saved,
        NULL::timestamptz AS liked,
        NULL::int AS like_score,
        NULL::timestamptz AS hidden
    FROM
        post_read
    UNION ALL
    SELECT
        person_id,
        post_id,
        NULL::timestamptz,
        published,
        read_comments,
        NULL::timestamptz,
        NULL::timestamptz,
        NULL::int,
        NULL::timestamptz
    FROM
        person_post_aggregates
    UNION ALL
    SELECT
        person_id,
        post_id,
        NULL::timestamptz,
        NULL::timestamptz,
        NULL::int,
        published,
        NULL::timestamptz,
        NULL::int,
        NULL::timestamptz
    FROM
        post_saved
    UNION ALL
    SELECT
        person_id,
        post_id,
        NULL::timestamptz,
        NULL::timestamptz,
        NULL::int,
        NULL::timestamptz,
        published,
        score,
        NULL::timestamptz
    FROM
        post_like
    UNION ALL
    SELECT
        person_id,
        post_id,
        NULL::timestamptz,
        NULL::timestamptz,
        NULL::int,
        NULL::timestamptz,
        NULL::timestamptz,
        NULL::int,
        published
    FROM
        post_hide) AS pg15_alias
GROUP BY
    person_id,
    post_id;

-- Drop the tables
DROP TABLE post_read, person_post_aggregates, post_like, post_saved, post_hide;

-- Add the constraints
ALTER TABLE post_actions
    ALTER COLUMN person_id SET NOT NULL,
    ALTER COLUMN post_id SET NOT NULL,
    ADD PRIMARY KEY (person_id, post_id),
    ADD CONSTRAINT post_actions_person_id_fkey FOREIGN KEY (person_id) REFERENCES person ON UPDATE CASCADE ON DELETE CASCADE,
    ADD CONSTRAINT post_actions_post_id_fkey FOREIGN KEY (post_id) REFERENCES post ON UPDATE CASCADE ON DELETE CASCADE,
    ADD CONSTRAINT post_actions_check_liked CHECK (((liked IS NULL) = (vote_is_upvote IS NULL))),
    ADD CONSTRAINT post_actions_check_read_comments CHECK (((read_comments IS NULL) = (read_comments_amount IS NULL)));

-- Create indexes
CREATE INDEX idx_post_actions_person ON post_actions (person_id);

CREATE INDEX idx_post_actions_post ON post_actions (post_id);

CREATE INDEX idx_post_actions_read_not_null ON post_actions (person_id, post_id)
WHERE
    read IS NOT NULL;

CREATE INDEX idx_post_actions_read_comments_not_null ON post_actions (person_id, post_id)
WHERE
    read_comments IS NOT NULL OR read_comments_amount IS NOT NULL;

CREATE INDEX idx_post_actions_saved_not_null ON post_actions (person_id, post_id)
WHERE
    saved IS NOT NULL;

CREATE INDEX idx_post_actions_liked_not_null ON post_actions (person_id, post_id)
WHERE
    liked IS NOT NULL OR vote_is_upvote IS NOT NULL;

CREATE INDEX idx_post_actions_hidden_not_null ON post_actions (person_id, post_id)
WHERE
    hidden IS NOT NULL;

-- community_actions
CREATE TABLE community_actions AS
SELECT
    max(followed) AS followed,
    max(blocked) AS blocked,
    max(became_moderator) AS became_moderator,
    max(received_ban) AS received_ban,
    max(ban_expires) AS ban_expires,
    person_id,
    community_id,
    max(follow_state) AS follow_state,
    max(follow_approver_id) AS follow_approver_id
FROM (
    SELECT
        person_id,
        community_id,
        published AS followed,
        state AS follow_state,
        approver_id AS follow_approver_id,
        NULL::timestamptz AS blocked,
        NULL::timestamptz AS became_moderator,
        NULL::timestamptz AS received_ban,
        NULL::timestamptz AS ban_expires
    FROM
        community_follower
    UNION ALL
    SELECT
        person_id,
        community_id,
        NULL::timestamptz,
        NULL::community_follower_state,
        NULL::int,
        published,
        NULL::timestamptz,
        NULL::timestamptz,
        NULL::timestamptz
    FROM
        community_block
    UNION ALL
    SELECT
        person_id,
        community_id,
        NULL::timestamptz,
        NULL::community_follower_state,
        NULL::int,
        NULL::timestamptz,
        published,
        NULL::timestamptz,
        NULL::timestamptz
    FROM
        community_moderator
    UNION ALL
    SELECT
        person_id,
        community_id,
        NULL::timestamptz,
        NULL::community_follower_state,
        NULL::int,
        NULL::timestamptz,
        NULL::timestamptz,
        published,
        expires
    FROM
        community_person_ban) AS pg15_alias
GROUP BY
    person_id,
    community_id;

-- Drop the old tables
DROP TABLE community_follower, community_block, community_moderator, community_person_ban;

-- Add the constraints
ALTER TABLE community_actions
    ALTER COLUMN person_id SET NOT NULL,
    ALTER COLUMN community_id SET NOT NULL,
    ADD PRIMARY KEY (person_id, community_id),
    ADD CONSTRAINT community_actions_person_id_fkey FOREIGN KEY (person_id) REFERENCES person ON UPDATE CASCADE ON DELETE CASCADE,
    ADD CONSTRAINT community_actions_follow_approver_id_fkey FOREIGN KEY (follow_approver_id) REFERENCES person ON UPDATE CASCADE ON DELETE CASCADE,
    ADD CONSTRAINT community_actions_community_id_fkey FOREIGN KEY (community_id) REFERENCES community ON UPDATE CASCADE ON DELETE CASCADE,
    ADD CONSTRAINT community_actions_check_followed CHECK ((((followed IS NULL) = (follow_state IS NULL)) AND (NOT ((followed IS NULL) AND (follow_approver_id IS NOT NULL))))),
    ADD CONSTRAINT community_actions_check_received_ban CHECK ((NOT ((received_ban IS NULL) AND (ban_expires IS NOT NULL))));

-- Create indexes
CREATE INDEX idx_community_actions_person ON community_actions (person_id);

CREATE INDEX idx_community_actions_community ON community_actions (community_id);

CREATE INDEX idx_community_actions_followed ON community_actions (followed)
WHERE
    followed IS NOT NULL;

CREATE INDEX idx_community_actions_followed_not_null ON community_actions (person_id, community_id)
WHERE
    followed IS NOT NULL OR follow_state IS NOT NULL;

CREATE INDEX idx_community_actions_became_moderator ON community_actions (became_moderator)
WHERE
    became_moderator IS NOT NULL;

CREATE INDEX idx_community_actions_became_moderator_not_null ON community_actions (person_id, community_id)
WHERE
    became_moderator IS NOT NULL;

CREATE INDEX idx_community_actions_blocked_not_null ON community_actions (person_id, community_id)
WHERE
    blocked IS NOT NULL;

CREATE INDEX idx_community_actions_received_ban_not_null ON community_actions (person_id, community_id)
WHERE
    received_ban IS NOT NULL;

-- instance_actions
CREATE TABLE instance_actions AS
SELECT
    published AS blocked,
    person_id,
    instance_id
FROM
    instance_block;

DROP TABLE instance_block;

-- Add the constraints
ALTER TABLE instance_actions
    ALTER COLUMN person_id SET NOT NULL,
    ALTER COLUMN instance_id SET NOT NULL,
    ADD PRIMARY KEY (person_id, instance_id),
    ADD CONSTRAINT instance_actions_person_id_fkey FOREIGN KEY (person_id) REFERENCES person ON UPDATE CASCADE ON DELETE CASCADE,
    ADD CONSTRAINT instance_actions_instance_id_fkey FOREIGN KEY (instance_id) REFERENCES instance ON UPDATE CASCADE ON DELETE CASCADE;

-- This index is currently redundant because instance_actions only has 1 action type, but inconsistency
-- with other tables would make it harder to do everything correctly when adding another action type
CREATE INDEX idx_instance_actions_person ON instance_actions (person_id);

CREATE INDEX idx_instance_actions_instance ON instance_actions (instance_id);

CREATE INDEX idx_instance_actions_blocked_not_null ON instance_actions (person_id, instance_id)
WHERE
    blocked IS NOT NULL;

-- person_actions
CREATE TABLE person_actions AS
SELECT
    max(followed) AS followed,
    max(blocked) AS blocked,
    person_id,
    target_id,
    cast(max(follow_pending) AS boolean) AS follow_pending
FROM (
    SELECT
        follower_id AS person_id,
        person_id AS target_id,
        published AS followed,
        pending::int AS follow_pending,
        NULL::timestamptz AS blocked
    FROM
        person_follower
    UNION ALL
    SELECT
        person_id,
        target_id,
        NULL::timestamptz,
        NULL::int,
        published
    FROM
        person_block) AS pg15_alias
GROUP BY
    person_id,
    target_id;

-- add primary key, foreign keys, and not nulls
ALTER TABLE person_actions
    ALTER COLUMN person_id SET NOT NULL,
    ALTER COLUMN target_id SET NOT NULL,
    ADD PRIMARY KEY (person_id, target_id),
    ADD CONSTRAINT person_actions_person_id_fkey FOREIGN KEY (person_id) REFERENCES person ON UPDATE CASCADE ON DELETE CASCADE,
    ADD CONSTRAINT person_actions_target_id_fkey FOREIGN KEY (target_id) REFERENCES person ON UPDATE CASCADE ON DELETE CASCADE,
    ADD CONSTRAINT person_actions_check_followed CHECK (((followed IS NULL) = (follow_pending IS NULL)));

DROP TABLE person_block, person_follower;

CREATE INDEX idx_person_actions_person ON person_actions (person_id);

CREATE INDEX idx_person_actions_target ON person_actions (target_id);

CREATE INDEX idx_person_actions_followed_not_null ON person_actions (person_id, target_id)
WHERE
    followed IS NOT NULL OR follow_pending IS NOT NULL;

CREATE INDEX idx_person_actions_blocked_not_null ON person_actions (person_id, target_id)
WHERE
    blocked IS NOT NULL;

-- Create new statistics for more accurate estimations of how much of an index will be read (e.g. for
-- `(liked, like_score)`, the query planner might othewise assume that `(TRUE, FALSE)` and `(TRUE, TRUE)`
-- are equally likely when only `(TRUE, TRUE)` is possible, which would make it severely underestimate
-- the efficiency of using the index)
CREATE statistics comment_actions_liked_stat ON (liked IS NULL), (vote_is_upvote IS NULL)
FROM comment_actions;

CREATE statistics community_actions_followed_stat ON (followed IS NULL), (follow_state IS NULL)
FROM community_actions;

CREATE statistics person_actions_followed_stat ON (followed IS NULL), (follow_pending IS NULL)
FROM person_actions;

CREATE statistics post_actions_read_comments_stat ON (read_comments IS NULL), (read_comments_amount IS NULL)
FROM post_actions;

CREATE statistics post_actions_liked_stat ON (liked IS NULL), (vote_is_upvote IS NULL), (post_id IS NULL)
FROM post_actions;

;
-- ===== migrations/2025-08-01-000017_forbid_diesel_cli/up.sql
-- This trigger prevents using the Diesel CLI to run or revert migrations, so the custom migration runner
-- can drop and recreate the `r` schema for new migrations.
--
-- This migration being seperate from the next migration (created in the same PR) guarantees that the
-- Diesel CLI will fail to bring the number of pending migrations to 0, which is one of the conditions
-- required to skip running replaceable_schema.
--
-- If the Diesel CLI could run or revert migrations, this scenario would be possible:
--
-- Run `diesel migration redo` when the newest migration has a new table with triggers. End up with triggers
-- being dropped and not replaced because triggers are created outside of up.sql. The custom migration runner
-- sees that there are no pending migrations and the value in the `previously_run_sql` trigger is correct, so
-- it doesn't rebuild the `r` schema. There is now incorrect behavior but no error messages.
CREATE FUNCTION forbid_diesel_cli ()
    RETURNS TRIGGER
    LANGUAGE plpgsql
    AS $$
BEGIN
    IF NOT EXISTS (
        SELECT
        FROM
            pg_locks
        WHERE (locktype, pid, objid) = ('advisory', pg_backend_pid(), 0)) THEN
RAISE 'migrations must be managed using lemmy_server instead of diesel CLI';
END IF;
    RETURN NULL;
END;
$$;

CREATE TRIGGER forbid_diesel_cli
    BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON __diesel_schema_migrations
    EXECUTE FUNCTION forbid_diesel_cli ();

;
-- ===== migrations/2025-08-01-000018_custom_migration_runner/up.sql
DROP SCHEMA IF EXISTS r CASCADE;

CREATE TABLE previously_run_sql (
    -- For compatibility with Diesel
    id boolean PRIMARY KEY,
    -- Too big to be used as primary key
    content text NOT NULL
);

INSERT INTO previously_run_sql (id, content)
    VALUES (TRUE, '');

;
-- ===== migrations/2025-08-01-000019_add_report_count/up.sql
-- Adding report_count and unresolved_report_count
-- to the post and comment aggregate tables
ALTER TABLE post_aggregates
    ADD COLUMN report_count smallint NOT NULL DEFAULT 0,
    ADD COLUMN unresolved_report_count smallint NOT NULL DEFAULT 0;

-- Disable the triggers temporarily
ALTER TABLE post_aggregates DISABLE TRIGGER ALL;

-- disable all table indexes
UPDATE
    pg_index
SET
    indisready = FALSE
WHERE
    indrelid = (
        SELECT
            oid
        FROM
            pg_class
        WHERE
            relname = 'post_aggregates');

-- Update the historical counts
-- Posts
UPDATE
    post_aggregates AS a
SET
    report_count = cnt.count
FROM (
    SELECT
        post_id,
        count(*) AS count
    FROM
        post_report
    GROUP BY
        post_id) cnt
WHERE
    a.post_id = cnt.post_id;

-- The unresolved
UPDATE
    post_aggregates AS a
SET
    unresolved_report_count = cnt.count
FROM (
    SELECT
        post_id,
        count(*) AS count
    FROM
        post_report
    WHERE
        resolved = 'f'
    GROUP BY
        post_id) cnt
WHERE
    a.post_id = cnt.post_id;

-- Re-enable triggers after upserts
ALTER TABLE post_aggregates ENABLE TRIGGER ALL;

-- Re-enable indexes
UPDATE
    pg_index
SET
    indisready = TRUE
WHERE
    indrelid = (
        SELECT
            oid
        FROM
            pg_class
        WHERE
            relname = 'post_aggregates');

-- reindex
REINDEX TABLE post_aggregates;

ALTER TABLE comment_aggregates
    ADD COLUMN report_count smallint NOT NULL DEFAULT 0,
    ADD COLUMN unresolved_report_count smallint NOT NULL DEFAULT 0;

-- Disable the triggers temporarily
ALTER TABLE comment_aggregates DISABLE TRIGGER ALL;

-- disable all table indexes
UPDATE
    pg_index
SET
    indisready = FALSE
WHERE
    indrelid = (
        SELECT
            oid
        FROM
            pg_class
        WHERE
            relname = 'comment_aggregates');

-- Comments
UPDATE
    comment_aggregates AS a
SET
    report_count = cnt.count
FROM (
    SELECT
        comment_id,
        count(*) AS count
    FROM
        comment_report
    GROUP BY
        comment_id) cnt
WHERE
    a.comment_id = cnt.comment_id;

-- The unresolved
UPDATE
    comment_aggregates AS a
SET
    unresolved_report_count = cnt.count
FROM (
    SELECT
        comment_id,
        count(*) AS count
    FROM
        comment_report
    WHERE
        resolved = 'f'
    GROUP BY
        comment_id) cnt
WHERE
    a.comment_id = cnt.comment_id;

-- Re-enable triggers after upserts
ALTER TABLE comment_aggregates ENABLE TRIGGER ALL;

-- Re-enable indexes
UPDATE
    pg_index
SET
    indisready = TRUE
WHERE
    indrelid = (
        SELECT
            oid
        FROM
            pg_class
        WHERE
            relname = 'comment_aggregates');

-- reindex
REINDEX TABLE comment_aggregates;

;
-- ===== migrations/2025-08-01-000020_oauth_pkce/up.sql
ALTER TABLE oauth_provider
    ADD COLUMN use_pkce boolean DEFAULT FALSE NOT NULL;

;
-- ===== migrations/2025-08-01-000021_add_blurhash_to_image_details/up.sql
-- Add a blurhash column for image_details
ALTER TABLE image_details
-- Supposed to be 20-30 chars, use 50 to be safe
    ADD COLUMN blurhash varchar(50);

;
-- ===== migrations/2025-08-01-000022_instance-block-mod-log/up.sql
ALTER TABLE federation_blocklist
    ADD COLUMN expires timestamptz;

CREATE TABLE admin_block_instance (
    id serial PRIMARY KEY,
    instance_id int NOT NULL REFERENCES instance (id) ON UPDATE CASCADE ON DELETE CASCADE,
    admin_person_id int NOT NULL REFERENCES person (id) ON UPDATE CASCADE ON DELETE CASCADE,
    blocked bool NOT NULL,
    reason text,
    expires timestamptz,
    when_ timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE admin_allow_instance (
    id serial PRIMARY KEY,
    instance_id int NOT NULL REFERENCES instance (id) ON UPDATE CASCADE ON DELETE CASCADE,
    admin_person_id int NOT NULL REFERENCES person (id) ON UPDATE CASCADE ON DELETE CASCADE,
    allowed bool NOT NULL,
    reason text,
    when_ timestamptz NOT NULL DEFAULT now()
);

;
-- ===== migrations/2025-08-01-000023_add_report_combined_table/up.sql
-- Creates combined tables for
-- Reports: (comment, post, and private_message)
CREATE TABLE report_combined (
    id serial PRIMARY KEY,
    published timestamptz NOT NULL,
    post_report_id int UNIQUE REFERENCES post_report ON UPDATE CASCADE ON DELETE CASCADE DEFERRABLE,
    comment_report_id int UNIQUE REFERENCES comment_report ON UPDATE CASCADE ON DELETE CASCADE DEFERRABLE,
    private_message_report_id int UNIQUE REFERENCES private_message_report ON UPDATE CASCADE ON DELETE CASCADE DEFERRABLE,
    -- Make sure only one of the columns is not null
    CHECK (num_nonnulls (post_report_id, comment_report_id, private_message_report_id) = 1)
);

CREATE INDEX idx_report_combined_published ON report_combined (published DESC, id DESC);

CREATE INDEX idx_report_combined_published_asc ON report_combined (reverse_timestamp_sort (published) DESC, id DESC);

-- Updating the history
INSERT INTO report_combined (published, post_report_id, comment_report_id, private_message_report_id)
SELECT
    published,
    id,
    NULL::int,
    NULL::int
FROM
    post_report
UNION ALL
SELECT
    published,
    NULL::int,
    id,
    NULL::int
FROM
    comment_report
UNION ALL
SELECT
    published,
    NULL::int,
    NULL::int,
    id
FROM
    private_message_report;

ALTER TABLE report_combined
    ALTER CONSTRAINT report_combined_post_report_id_fkey NOT DEFERRABLE,
    ALTER CONSTRAINT report_combined_comment_report_id_fkey NOT DEFERRABLE,
    ALTER CONSTRAINT report_combined_private_message_report_id_fkey NOT DEFERRABLE;

;
-- ===== migrations/2025-08-01-000024_add_person_content_combined_table/up.sql
-- Creates combined tables for
-- person_content: (comment, post)
-- person_saved: (comment, post)
CREATE TABLE person_content_combined AS
SELECT
    published,
    creator_id,
    id AS post_id,
    NULL::int AS comment_id
FROM
    post
UNION ALL
SELECT
    published,
    creator_id,
    NULL::int,
    id
FROM
    comment;

-- Add the constraints
ALTER TABLE person_content_combined
    ADD COLUMN id int PRIMARY KEY GENERATED ALWAYS AS IDENTITY,
    ALTER COLUMN published SET NOT NULL,
    ALTER COLUMN creator_id SET NOT NULL,
    ADD CONSTRAINT person_content_combined_post_id_fkey FOREIGN KEY (post_id) REFERENCES post ON UPDATE CASCADE ON DELETE CASCADE,
    ADD CONSTRAINT person_content_combined_comment_id_fkey FOREIGN KEY (comment_id) REFERENCES COMMENT ON UPDATE CASCADE ON DELETE CASCADE,
    ADD CONSTRAINT person_content_combined_creator_id_fkey FOREIGN KEY (creator_id) REFERENCES person ON UPDATE CASCADE ON DELETE CASCADE,
    ADD UNIQUE (post_id),
    ADD UNIQUE (comment_id),
    ADD CONSTRAINT person_content_combined_check CHECK (num_nonnulls (post_id, comment_id) = 1);

CREATE INDEX idx_person_content_combined_creator_published ON person_content_combined (creator_id, published DESC, id DESC);

-- This is for local_users only
CREATE TABLE person_saved_combined AS
SELECT
    pa.saved AS saved,
    pa.person_id AS person_id,
    p.creator_id AS creator_id,
    pa.post_id AS post_id,
    NULL::int AS comment_id
FROM
    post_actions pa,
    local_user lu,
    post p
WHERE
    pa.person_id = lu.person_id
    AND pa.saved IS NOT NULL
    AND pa.post_id = p.id
UNION ALL
SELECT
    ca.saved,
    ca.person_id,
    c.creator_id AS creator_id,
    NULL::int,
    ca.comment_id
FROM
    comment_actions ca,
    local_user lu,
    comment c
WHERE
    ca.person_id = lu.person_id
    AND ca.saved IS NOT NULL
    AND ca.comment_id = c.id;

-- Add the constraints
ALTER TABLE person_saved_combined
    ADD COLUMN id int PRIMARY KEY GENERATED ALWAYS AS IDENTITY,
    ALTER COLUMN saved SET NOT NULL,
    ALTER COLUMN person_id SET NOT NULL,
    ALTER COLUMN creator_id SET NOT NULL,
    ADD CONSTRAINT person_saved_combined_person_id_fkey FOREIGN KEY (person_id) REFERENCES person ON UPDATE CASCADE ON DELETE CASCADE,
    ADD CONSTRAINT person_saved_combined_creator_id_fkey FOREIGN KEY (creator_id) REFERENCES person ON UPDATE CASCADE ON DELETE CASCADE,
    ADD CONSTRAINT person_saved_combined_post_id_fkey FOREIGN KEY (post_id) REFERENCES post ON UPDATE CASCADE ON DELETE CASCADE,
    ADD CONSTRAINT person_saved_combined_comment_id_fkey FOREIGN KEY (comment_id) REFERENCES COMMENT ON UPDATE CASCADE ON DELETE CASCADE,
    ADD CONSTRAINT person_saved_combined_check CHECK (num_nonnulls (post_id, comment_id) = 1),
    ADD UNIQUE (person_id, post_id),
    ADD UNIQUE (person_id, comment_id);

CREATE INDEX idx_person_saved_combined_person_saved ON person_saved_combined (person_id, saved DESC, id DESC);

CREATE INDEX idx_person_saved_combined_person ON person_saved_combined (person_id);

CREATE INDEX idx_person_saved_combined_creator ON person_saved_combined (creator_id);

;
-- ===== migrations/2025-08-01-000025_add_modlog_combined_table/up.sql
-- First, rename all the when_ columns on the modlog to published
ALTER TABLE admin_allow_instance RENAME COLUMN when_ TO published;

ALTER TABLE admin_block_instance RENAME COLUMN when_ TO published;

ALTER TABLE admin_purge_comment RENAME COLUMN when_ TO published;

ALTER TABLE admin_purge_community RENAME COLUMN when_ TO published;

ALTER TABLE admin_purge_person RENAME COLUMN when_ TO published;

ALTER TABLE admin_purge_post RENAME COLUMN when_ TO published;

ALTER TABLE mod_add RENAME COLUMN when_ TO published;

ALTER TABLE mod_add_community RENAME COLUMN when_ TO published;

ALTER TABLE mod_ban RENAME COLUMN when_ TO published;

ALTER TABLE mod_ban_from_community RENAME COLUMN when_ TO published;

ALTER TABLE mod_feature_post RENAME COLUMN when_ TO published;

ALTER TABLE mod_hide_community RENAME COLUMN when_ TO published;

ALTER TABLE mod_lock_post RENAME COLUMN when_ TO published;

ALTER TABLE mod_remove_comment RENAME COLUMN when_ TO published;

ALTER TABLE mod_remove_community RENAME COLUMN when_ TO published;

ALTER TABLE mod_remove_post RENAME COLUMN when_ TO published;

ALTER TABLE mod_transfer_community RENAME COLUMN when_ TO published;

-- Creates combined tables for
-- modlog: (17 tables)
-- admin_allow_instance
-- admin_block_instance
-- admin_purge_comment
-- admin_purge_community
-- admin_purge_person
-- admin_purge_post
-- mod_add
-- mod_add_community
-- mod_ban
-- mod_ban_from_community
-- mod_feature_post
-- mod_hide_community
-- mod_lock_post
-- mod_remove_comment
-- mod_remove_community
-- mod_remove_post
-- mod_transfer_community
CREATE TABLE modlog_combined (
    id serial PRIMARY KEY,
    published timestamptz NOT NULL,
    admin_allow_instance_id int UNIQUE REFERENCES admin_allow_instance ON UPDATE CASCADE ON DELETE CASCADE DEFERRABLE,
    admin_block_instance_id int UNIQUE REFERENCES admin_block_instance ON UPDATE CASCADE ON DELETE CASCADE DEFERRABLE,
    admin_purge_comment_id int UNIQUE REFERENCES admin_purge_comment ON UPDATE CASCADE ON DELETE CASCADE DEFERRABLE,
    admin_purge_community_id int UNIQUE REFERENCES admin_purge_community ON UPDATE CASCADE ON DELETE CASCADE DEFERRABLE,
    admin_purge_person_id int UNIQUE REFERENCES admin_purge_person ON UPDATE CASCADE ON DELETE CASCADE DEFERRABLE,
    admin_purge_post_id int UNIQUE REFERENCES admin_purge_post ON UPDATE CASCADE ON DELETE CASCADE DEFERRABLE,
    mod_add_id int UNIQUE REFERENCES mod_add ON UPDATE CASCADE ON DELETE CASCADE DEFERRABLE,
    mod_add_community_id int UNIQUE REFERENCES mod_add_community ON UPDATE CASCADE ON DELETE CASCADE DEFERRABLE,
    mod_ban_id int UNIQUE REFERENCES mod_ban ON UPDATE CASCADE ON DELETE CASCADE DEFERRABLE,
    mod_ban_from_community_id int UNIQUE REFERENCES mod_ban_from_community ON UPDATE CASCADE ON DELETE CASCADE DEFERRABLE,
    mod_feature_post_id int UNIQUE REFERENCES mod_feature_post ON UPDATE CASCADE ON DELETE CASCADE DEFERRABLE,
    mod_hide_community_id int UNIQUE REFERENCES mod_hide_community ON UPDATE CASCADE ON DELETE CASCADE DEFERRABLE,
    mod_lock_post_id int UNIQUE REFERENCES mod_lock_post ON UPDATE CASCADE ON DELETE CASCADE DEFERRABLE,
    mod_remove_comment_id int UNIQUE REFERENCES mod_remove_comment ON UPDATE CASCADE ON DELETE CASCADE DEFERRABLE,
    mod_remove_community_id int UNIQUE REFERENCES mod_remove_community ON UPDATE CASCADE ON DELETE CASCADE DEFERRABLE,
    mod_remove_post_id int UNIQUE REFERENCES mod_remove_post ON UPDATE CASCADE ON DELETE CASCADE DEFERRABLE,
    mod_transfer_community_id int UNIQUE REFERENCES mod_transfer_community ON UPDATE CASCADE ON DELETE CASCADE DEFERRABLE
);

-- Updating the history
-- Not doing a union all here, because there's way too many null columns
INSERT INTO modlog_combined (published, admin_allow_instance_id)
SELECT
    published,
    id
FROM
    admin_allow_instance;

INSERT INTO modlog_combined (published, admin_block_instance_id)
SELECT
    published,
    id
FROM
    admin_block_instance;

INSERT INTO modlog_combined (published, admin_purge_comment_id)
SELECT
    published,
    id
FROM
    admin_purge_comment;

INSERT INTO modlog_combined (published, admin_purge_community_id)
SELECT
    published,
    id
FROM
    admin_purge_community;

INSERT INTO modlog_combined (published, admin_purge_person_id)
SELECT
    published,
    id
FROM
    admin_purge_person;

INSERT INTO modlog_combined (published, admin_purge_post_id)
SELECT
    published,
    id
FROM
    admin_purge_post;

INSERT INTO modlog_combined (published, mod_add_id)
SELECT
    published,
    id
FROM
    mod_add;

INSERT INTO modlog_combined (published, mod_add_community_id)
SELECT
    published,
    id
FROM
    mod_add_community;

INSERT INTO modlog_combined (published, mod_ban_id)
SELECT
    published,
    id
FROM
    mod_ban;

INSERT INTO modlog_combined (published, mod_ban_from_community_id)
SELECT
    published,
    id
FROM
    mod_ban_from_community;

INSERT INTO modlog_combined (published, mod_feature_post_id)
SELECT
    published,
    id
FROM
    mod_feature_post;

INSERT INTO modlog_combined (published, mod_hide_community_id)
SELECT
    published,
    id
FROM
    mod_hide_community;

INSERT INTO modlog_combined (published, mod_lock_post_id)
SELECT
    published,
    id
FROM
    mod_lock_post;

INSERT INTO modlog_combined (published, mod_remove_comment_id)
SELECT
    published,
    id
FROM
    mod_remove_comment;

INSERT INTO modlog_combined (published, mod_remove_community_id)
SELECT
    published,
    id
FROM
    mod_remove_community;

INSERT INTO modlog_combined (published, mod_remove_post_id)
SELECT
    published,
    id
FROM
    mod_remove_post;

INSERT INTO modlog_combined (published, mod_transfer_community_id)
SELECT
    published,
    id
FROM
    mod_transfer_community;

CREATE INDEX idx_modlog_combined_published ON modlog_combined (published DESC, id DESC);

-- Make sure only one of the columns is not null
ALTER TABLE modlog_combined
    ADD CONSTRAINT modlog_combined_check CHECK (num_nonnulls (admin_allow_instance_id, admin_block_instance_id, admin_purge_comment_id, admin_purge_community_id, admin_purge_person_id, admin_purge_post_id, mod_add_id, mod_add_community_id, mod_ban_id, mod_ban_from_community_id, mod_feature_post_id, mod_hide_community_id, mod_lock_post_id, mod_remove_comment_id, mod_remove_community_id, mod_remove_post_id, mod_transfer_community_id) = 1),
    ALTER CONSTRAINT modlog_combined_admin_allow_instance_id_fkey NOT DEFERRABLE,
    ALTER CONSTRAINT modlog_combined_admin_block_instance_id_fkey NOT DEFERRABLE,
    ALTER CONSTRAINT modlog_combined_admin_purge_comment_id_fkey NOT DEFERRABLE,
    ALTER CONSTRAINT modlog_combined_admin_purge_post_id_fkey NOT DEFERRABLE,
    ALTER CONSTRAINT modlog_combined_admin_purge_community_id_fkey NOT DEFERRABLE,
    ALTER CONSTRAINT modlog_combined_admin_purge_person_id_fkey NOT DEFERRABLE,
    ALTER CONSTRAINT modlog_combined_mod_add_id_fkey NOT DEFERRABLE,
    ALTER CONSTRAINT modlog_combined_mod_add_community_id_fkey NOT DEFERRABLE,
    ALTER CONSTRAINT modlog_combined_mod_ban_id_fkey NOT DEFERRABLE,
    ALTER CONSTRAINT modlog_combined_mod_ban_from_community_id_fkey NOT DEFERRABLE,
    ALTER CONSTRAINT modlog_combined_mod_feature_post_id_fkey NOT DEFERRABLE,
    ALTER CONSTRAINT modlog_combined_mod_hide_community_id_fkey NOT DEFERRABLE,
    ALTER CONSTRAINT modlog_combined_mod_lock_post_id_fkey NOT DEFERRABLE,
    ALTER CONSTRAINT modlog_combined_mod_remove_comment_id_fkey NOT DEFERRABLE,
    ALTER CONSTRAINT modlog_combined_mod_remove_community_id_fkey NOT DEFERRABLE,
    ALTER CONSTRAINT modlog_combined_mod_remove_post_id_fkey NOT DEFERRABLE,
    ALTER CONSTRAINT modlog_combined_mod_transfer_community_id_fkey NOT DEFERRABLE;

;
-- ===== migrations/2025-08-01-000026_add_inbox_combined_table/up.sql
-- Creates combined tables for
-- Inbox: (replies, comment mentions, post mentions, and private_messages)
-- Also add post mentions, since these didn't exist before.
-- Rename the person_mention table to person_comment_mention
ALTER TABLE person_mention RENAME TO person_comment_mention;

-- Create the new post_mention table
CREATE TABLE person_post_mention (
    id int GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    recipient_id int REFERENCES person ON UPDATE CASCADE ON DELETE CASCADE NOT NULL,
    post_id int REFERENCES post ON UPDATE CASCADE ON DELETE CASCADE NOT NULL,
    read boolean DEFAULT FALSE NOT NULL,
    published timestamptz NOT NULL DEFAULT now(),
    UNIQUE (recipient_id, post_id)
);

-- Updating the history
CREATE TABLE inbox_combined AS
SELECT
    published,
    id AS comment_reply_id,
    NULL::int AS person_comment_mention_id,
    NULL::int AS person_post_mention_id,
    NULL::int AS private_message_id
FROM
    comment_reply
UNION ALL
SELECT
    published,
    NULL::int,
    id,
    NULL::int,
    NULL::int
FROM
    person_comment_mention
UNION ALL
SELECT
    published,
    NULL::int,
    NULL::int,
    id,
    NULL::int
FROM
    person_post_mention
UNION ALL
SELECT
    published,
    NULL::int,
    NULL::int,
    NULL::int,
    id
FROM
    private_message;

ALTER TABLE inbox_combined
    ADD COLUMN id int PRIMARY KEY GENERATED ALWAYS AS IDENTITY,
    ALTER COLUMN published SET NOT NULL,
    ADD CONSTRAINT inbox_combined_comment_reply_id_fkey FOREIGN KEY (comment_reply_id) REFERENCES comment_reply ON UPDATE CASCADE ON DELETE CASCADE,
    ADD CONSTRAINT inbox_combined_person_comment_mention_id_fkey FOREIGN KEY (person_comment_mention_id) REFERENCES person_comment_mention ON UPDATE CASCADE ON DELETE CASCADE,
    ADD CONSTRAINT inbox_combined_person_post_mention_id_fkey FOREIGN KEY (person_post_mention_id) REFERENCES person_post_mention ON UPDATE CASCADE ON DELETE CASCADE,
    ADD CONSTRAINT inbox_combined_private_message_id_fkey FOREIGN KEY (private_message_id) REFERENCES private_message ON UPDATE CASCADE ON DELETE CASCADE,
    ADD UNIQUE (comment_reply_id),
    ADD UNIQUE (person_comment_mention_id),
    ADD UNIQUE (person_post_mention_id),
    ADD UNIQUE (private_message_id),
    ADD CONSTRAINT inbox_combined_check CHECK (num_nonnulls (comment_reply_id, person_comment_mention_id, person_post_mention_id, private_message_id) = 1);

CREATE INDEX idx_inbox_combined_published ON inbox_combined (published DESC, id DESC);

CREATE INDEX idx_inbox_combined_published_asc ON inbox_combined (reverse_timestamp_sort (published) DESC, id DESC);

;
-- ===== migrations/2025-08-01-000027_add_missing_person_aggs_column/up.sql
-- Creates combined tables for
-- Search: (post, comment, community, person)
-- Add published to person_aggregates (it was missing for some reason)
ALTER TABLE person_aggregates
    ADD COLUMN published timestamptz NOT NULL DEFAULT now();

UPDATE
    person_aggregates pa
SET
    published = p.published
FROM
    person p
WHERE
    pa.person_id = p.id;

;
-- ===== migrations/2025-08-01-000028_add_index_on_person_id_read_for_read_only_post_actions/up.sql
CREATE INDEX idx_post_actions_on_read_read_not_null ON post_actions (person_id, read, post_id)
WHERE
    read IS NOT NULL;

;
-- ===== migrations/2025-08-01-000029_community-post-tags/up.sql
-- a tag is a federatable object that gives additional context to another object, which can be displayed and filtered on
-- currently, we only have community post tags, which is a tag that is created by post authors as well as mods  of a community,
-- to categorize a post. in the future we may add more tag types, depending on the requirements,
-- this will lead to either expansion of this table (community_id optional, addition of tag_type enum)
-- or split of this table / creation of new tables.
CREATE TABLE tag (
    id serial PRIMARY KEY,
    ap_id text NOT NULL UNIQUE,
    name varchar(255) NOT NULL,
    display_name varchar(255),
    description text,
    community_id int NOT NULL REFERENCES community (id) ON UPDATE CASCADE ON DELETE CASCADE,
    published timestamptz NOT NULL DEFAULT now(),
    updated timestamptz,
    deleted boolean NOT NULL DEFAULT FALSE
);

-- an association between a post and a tag. created/updated by the post author or mods of a community
CREATE TABLE post_tag (
    post_id int NOT NULL REFERENCES post (id) ON UPDATE CASCADE ON DELETE CASCADE,
    tag_id int NOT NULL REFERENCES tag (id) ON UPDATE CASCADE ON DELETE CASCADE,
    published timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (post_id, tag_id)
);

;
-- ===== migrations/2025-08-01-000030_optimize_get_random_community/up.sql
-- * inclusive bounds of `smallint` range from https://www.postgresql.org/docs/17/datatype-numeric.html
-- * built-in `random` function has `VOLATILE` and `PARALLEL RESTRICTED` according to:
--   * https://www.postgresql.org/docs/current/parallel-safety.html#PARALLEL-LABELING
--   * https://www.postgresql.org/docs/17/xfunc-volatility.html
CREATE FUNCTION random_smallint ()
    RETURNS smallint
    LANGUAGE sql
    VOLATILE PARALLEL RESTRICTED RETURN
    -- https://stackoverflow.com/questions/1400505/generate-a-random-number-in-the-range-1-10/1400752#1400752
    -- (65536 = exclusive upper bound - inclusive lower bound)
    trunc ((random() * (65536)) - 32768
);

ALTER TABLE community
    ADD COLUMN random_number smallint NOT NULL DEFAULT random_smallint ();

CREATE INDEX idx_community_random_number ON community (random_number) INCLUDE (local, nsfw)
WHERE
    NOT (deleted OR removed OR visibility = 'Private');

;
-- ===== migrations/2025-08-01-000031_update-replaceable-schema/up.sql
SELECT
    1;

;
-- ===== migrations/2025-08-01-000032_community_report/up.sql
CREATE TABLE community_report (
    id serial PRIMARY KEY,
    creator_id int REFERENCES person ON UPDATE CASCADE ON DELETE CASCADE NOT NULL,
    community_id int REFERENCES community ON UPDATE CASCADE ON DELETE CASCADE NOT NULL,
    original_community_name text NOT NULL,
    original_community_title text NOT NULL,
    original_community_description text,
    original_community_sidebar text,
    original_community_icon text,
    original_community_banner text,
    reason text NOT NULL,
    resolved bool NOT NULL DEFAULT FALSE,
    resolver_id int REFERENCES person ON UPDATE CASCADE ON DELETE CASCADE,
    published timestamptz NOT NULL DEFAULT now(),
    updated timestamptz NULL,
    UNIQUE (community_id, creator_id)
);

CREATE INDEX idx_community_report_published ON community_report (published DESC);

ALTER TABLE report_combined
    ADD COLUMN community_report_id int UNIQUE REFERENCES community_report ON UPDATE CASCADE ON DELETE CASCADE,
    DROP CONSTRAINT report_combined_check,
    ADD CHECK (num_nonnulls (post_report_id, comment_report_id, private_message_report_id, community_report_id) = 1);

ALTER TABLE community_aggregates
    ADD COLUMN report_count smallint NOT NULL DEFAULT 0,
    ADD COLUMN unresolved_report_count smallint NOT NULL DEFAULT 0;

;
-- ===== migrations/2025-08-01-000033_add_post_keyword_block_table/up.sql
CREATE TABLE local_user_keyword_block (
    local_user_id int REFERENCES local_user (id) ON UPDATE CASCADE ON DELETE CASCADE NOT NULL,
    keyword varchar(50) NOT NULL,
    PRIMARY KEY (local_user_id, keyword)
);

;
-- ===== migrations/2025-08-01-000034_no-image-token/up.sql
ALTER TABLE local_image
    DROP COLUMN pictrs_delete_token;

;
-- ===== migrations/2025-08-01-000035_media_filter/up.sql
ALTER TABLE local_user
    ADD COLUMN hide_media boolean DEFAULT FALSE NOT NULL;

CREATE INDEX idx_post_url_content_type ON post USING gin (url_content_type gin_trgm_ops);

;
-- ===== migrations/2025-08-01-000036_interactions_per_month_schema/up.sql
-- Add the interactions_month column
ALTER TABLE community_aggregates
    ADD COLUMN interactions_month bigint NOT NULL DEFAULT 0;

;
-- ===== migrations/2025-08-01-000037_report_to_admins/up.sql
ALTER TABLE post_report
    ADD COLUMN violates_instance_rules bool NOT NULL DEFAULT FALSE;

ALTER TABLE comment_report
    ADD COLUMN violates_instance_rules bool NOT NULL DEFAULT FALSE;

;
-- ===== migrations/2025-08-01-000038_ap_id/up.sql
ALTER TABLE person RENAME actor_id TO ap_id;

ALTER TABLE community RENAME actor_id TO ap_id;

ALTER TABLE site RENAME actor_id TO ap_id;

;
-- ===== migrations/2025-08-01-000039_remove_post_sort_type_enums/up.sql
-- This removes all the extra post_sort_type_enums,
-- and adds a default_post_time_range_seconds field.
-- Change all the top variants to top in the two tables that use the enum
-- Because of a postgres bug, you can't assign this to a new enum value,
-- unless you run an unsafe commit first. So just use active.
-- https://dba.stackexchange.com/questions/280371/postgres-unsafe-use-of-new-value-of-enum-type
--
-- Disable the triggers temporarily
ALTER TABLE local_user DISABLE TRIGGER ALL;

ALTER TABLE local_site DISABLE TRIGGER ALL;

-- disable all table indexes
UPDATE
    pg_index
SET
    indisready = FALSE
WHERE
    indrelid = (
        SELECT
            oid
        FROM
            pg_class
        WHERE
            relname = 'local_user');

UPDATE
    pg_index
SET
    indisready = FALSE
WHERE
    indrelid = (
        SELECT
            oid
        FROM
            pg_class
        WHERE
            relname = 'local_site');

UPDATE
    local_user
SET
    default_post_sort_type = 'Active'
WHERE
    default_post_sort_type IN ('TopDay', 'TopWeek', 'TopMonth', 'TopYear', 'TopAll', 'TopHour', 'TopSixHour', 'TopTwelveHour', 'TopThreeMonths', 'TopSixMonths', 'TopNineMonths');

UPDATE
    local_site
SET
    default_post_sort_type = 'Active'
WHERE
    default_post_sort_type IN ('TopDay', 'TopWeek', 'TopMonth', 'TopYear', 'TopAll', 'TopHour', 'TopSixHour', 'TopTwelveHour', 'TopThreeMonths', 'TopSixMonths', 'TopNineMonths');

-- Drop the defaults because of a postgres bug
ALTER TABLE local_user
    ALTER default_post_sort_type DROP DEFAULT;

ALTER TABLE local_site
    ALTER default_post_sort_type DROP DEFAULT;

-- rename the old enum to a tmp name
ALTER TYPE post_sort_type_enum RENAME TO post_sort_type_enum__;

-- create the new enum
CREATE TYPE post_sort_type_enum AS ENUM (
    'Active',
    'Hot',
    'New',
    'Old',
    'Top',
    'MostComments',
    'NewComments',
    'Controversial',
    'Scaled'
);

-- alter all you enum columns
ALTER TABLE local_user
    ALTER COLUMN default_post_sort_type TYPE post_sort_type_enum
    USING default_post_sort_type::text::post_sort_type_enum;

ALTER TABLE local_site
    ALTER COLUMN default_post_sort_type TYPE post_sort_type_enum
    USING default_post_sort_type::text::post_sort_type_enum;

-- drop the old enum
DROP TYPE post_sort_type_enum__;

-- Add back in the default
ALTER TABLE local_user
    ALTER default_post_sort_type SET DEFAULT 'Active';

ALTER TABLE local_site
    ALTER default_post_sort_type SET DEFAULT 'Active';

-- Add the new column to both tables (null means no limit)
ALTER TABLE local_user
    ADD COLUMN default_post_time_range_seconds integer;

ALTER TABLE local_site
    ADD COLUMN default_post_time_range_seconds integer;

-- Re-enable the triggers
ALTER TABLE local_user ENABLE TRIGGER ALL;

ALTER TABLE local_site ENABLE TRIGGER ALL;

-- re-enable indexes
UPDATE
    pg_index
SET
    indisready = TRUE
WHERE
    indrelid = (
        SELECT
            oid
        FROM
            pg_class
        WHERE
            relname = 'local_user');

UPDATE
    pg_index
SET
    indisready = TRUE
WHERE
    indrelid = (
        SELECT
            oid
        FROM
            pg_class
        WHERE
            relname = 'local_site');

-- reindex
REINDEX TABLE local_user;

REINDEX TABLE local_site;

;
-- ===== migrations/2025-08-01-000040_block_nsfw/up.sql
ALTER TABLE local_site
    ADD COLUMN disallow_nsfw_content boolean DEFAULT FALSE NOT NULL;

;
-- ===== migrations/2025-08-01-000041_remove-aggregate-tables/up.sql
-- Merge comment_aggregates into comment table
ALTER TABLE comment
    ADD COLUMN score int NOT NULL DEFAULT 1, -- Default value only for previous rows, to match the similar thing done with `upvotes`
    ADD COLUMN upvotes int NOT NULL DEFAULT 1, -- Default value only for previous rows, so the update below can filter out more rows by using `upvotes != 1` instead of `upvotes != 0`
    ADD COLUMN downvotes int NOT NULL DEFAULT 0,
    ADD COLUMN child_count int NOT NULL DEFAULT 0,
    ADD COLUMN hot_rank real NOT NULL DEFAULT 0, -- Default value only for previous rows, so the update below can filter out more rows by using `hot_rank != 0` instead of `hot_rank != 0.0001`
    ADD COLUMN controversy_rank real NOT NULL DEFAULT 0,
    ADD COLUMN report_count smallint NOT NULL DEFAULT 0,
    ADD COLUMN unresolved_report_count smallint NOT NULL DEFAULT 0;

-- Default values only for future rows
ALTER TABLE comment
    ALTER COLUMN score SET DEFAULT 0,
    ALTER COLUMN upvotes SET DEFAULT 0,
    ALTER COLUMN hot_rank SET DEFAULT 0.0001;

-- Disable the triggers temporarily
ALTER TABLE comment DISABLE TRIGGER ALL;

-- disable all table indexes
UPDATE
    pg_index
SET
    indisready = FALSE
WHERE
    indrelid = (
        SELECT
            oid
        FROM
            pg_class
        WHERE
            relname = 'comment');

UPDATE
    comment
SET
    score = ca.score,
    upvotes = ca.upvotes,
    downvotes = ca.downvotes,
    child_count = ca.child_count,
    hot_rank = ca.hot_rank,
    controversy_rank = ca.controversy_rank,
    report_count = ca.report_count,
    unresolved_report_count = ca.unresolved_report_count
FROM
    comment_aggregates AS ca
WHERE
    comment.id = ca.comment_id
    -- If `(upvotes, downvotes) = (1, 0)`, then `(score, controversy_rank) = (1, 0)`, so it would be redundant to check `score` and `controversy_rank` in this filter.
    AND (ca.upvotes != 1
        OR ca.downvotes != 0
        OR ca.child_count != 0
        OR ca.hot_rank != 0
        OR ca.report_count != 0
        OR ca.unresolved_report_count != 0);

DROP TABLE comment_aggregates;

-- Re-enable triggers after upserts
ALTER TABLE comment ENABLE TRIGGER ALL;

-- Re-enable indexes
UPDATE
    pg_index
SET
    indisready = TRUE
WHERE
    indrelid = (
        SELECT
            oid
        FROM
            pg_class
        WHERE
            relname = 'comment');

-- reindex
REINDEX TABLE comment;

-- 30s-2m each
CREATE INDEX idx_comment_controversy ON comment USING btree (controversy_rank DESC);

CREATE INDEX idx_comment_hot ON comment USING btree (hot_rank DESC, score DESC);

CREATE INDEX idx_comment_nonzero_hotrank ON comment USING btree (published)
WHERE (hot_rank <> (0)::double precision);

--CREATE INDEX idx_comment_published on comment USING btree (published DESC);
CREATE INDEX idx_comment_score ON comment USING btree (score DESC);

-- merge post_aggregates into post table
ALTER TABLE post
    ADD COLUMN newest_comment_time_necro timestamp with time zone,
    ADD COLUMN newest_comment_time timestamp with time zone,
    ADD COLUMN comments int NOT NULL DEFAULT 0,
    ADD COLUMN score int NOT NULL DEFAULT 1, -- Default value only for previous rows, to match the similar thing done with `upvotes`
    ADD COLUMN upvotes int NOT NULL DEFAULT 1, -- Default value only for previous rows, so the update below can filter out more rows by using `upvotes != 1` instead of `upvotes != 0`
    ADD COLUMN downvotes int NOT NULL DEFAULT 0,
    ADD COLUMN hot_rank real NOT NULL DEFAULT 0, -- Default value only for previous rows, so the update below can filter out more rows by using `hot_rank != 0` instead of `hot_rank != 0.0001`
    ADD COLUMN hot_rank_active real NOT NULL DEFAULT 0, -- Default value only for previous rows, so the update below can filter out more rows by using `hot_rank_active != 0` instead of `hot_rank_active != 0.0001`
    ADD COLUMN controversy_rank real NOT NULL DEFAULT 0,
    ADD COLUMN scaled_rank real NOT NULL DEFAULT 0, -- Default value only for previous rows, so the update below can filter out more rows by using `scaled_rank != 0` instead of `scaled_rank != 0.0001`
    ADD COLUMN report_count smallint NOT NULL DEFAULT 0,
    ADD COLUMN unresolved_report_count smallint NOT NULL DEFAULT 0;

-- Default values only for future rows
ALTER TABLE post
    ALTER COLUMN score SET DEFAULT 0,
    ALTER COLUMN upvotes SET DEFAULT 0,
    ALTER COLUMN hot_rank SET DEFAULT 0.0001,
    ALTER COLUMN hot_rank_active SET DEFAULT 0.0001,
    ALTER COLUMN scaled_rank SET DEFAULT 0.0001;

-- Disable the triggers temporarily
ALTER TABLE post DISABLE TRIGGER ALL;

-- disable all table indexes
UPDATE
    pg_index
SET
    indisready = FALSE
WHERE
    indrelid = (
        SELECT
            oid
        FROM
            pg_class
        WHERE
            relname = 'post');

UPDATE
    post
SET
    newest_comment_time_necro = nullif (pa.newest_comment_time_necro, pa.published),
    newest_comment_time = nullif (pa.newest_comment_time, pa.published),
    comments = pa.comments,
    score = pa.score,
    upvotes = pa.upvotes,
    downvotes = pa.downvotes,
    hot_rank = pa.hot_rank,
    hot_rank_active = pa.hot_rank_active,
    controversy_rank = pa.controversy_rank,
    scaled_rank = pa.scaled_rank,
    report_count = pa.report_count,
    unresolved_report_count = pa.unresolved_report_count
FROM
    post_aggregates AS pa
WHERE
    post.id = pa.post_id
    -- If `(upvotes, downvotes) = (1, 0)`, then `(score, controversy_rank) = (1, 0)`, so it would be redundant to check `score` and `controversy_rank` in this filter.
    AND (pa.newest_comment_time_necro != pa.published
        OR pa.newest_comment_time != pa.published
        OR pa.comments != 0
        OR pa.upvotes != 1
        OR pa.downvotes != 0
        OR pa.hot_rank != 0
        OR pa.hot_rank_active != 0
        OR pa.scaled_rank != 0
        OR pa.report_count != 0
        OR pa.unresolved_report_count != 0);

-- Delete that data
DROP TABLE post_aggregates;

-- Re-enable triggers after upserts
ALTER TABLE post ENABLE TRIGGER ALL;

-- Re-enable indexes
UPDATE
    pg_index
SET
    indisready = TRUE
WHERE
    indrelid = (
        SELECT
            oid
        FROM
            pg_class
        WHERE
            relname = 'post');

-- reindex
REINDEX TABLE post;

CREATE INDEX idx_post_community_active ON post USING btree (community_id, featured_local DESC, hot_rank_active DESC, published DESC, id DESC);

CREATE INDEX idx_post_community_controversy ON post USING btree (community_id, featured_local DESC, controversy_rank DESC, id DESC);

CREATE INDEX idx_post_community_hot ON post USING btree (community_id, featured_local DESC, hot_rank DESC, published DESC, id DESC);

CREATE INDEX idx_post_community_most_comments ON post USING btree (community_id, featured_local DESC, comments DESC, published DESC, id DESC);

CREATE INDEX idx_post_community_newest_comment_time ON post USING btree (community_id, featured_local DESC, coalesce(newest_comment_time, published) DESC, id DESC);

CREATE INDEX idx_post_community_newest_comment_time_necro ON post USING btree (community_id, featured_local DESC, coalesce(newest_comment_time_necro, published) DESC, id DESC);

-- INDEX idx_post_community_published ON post USING btree (community_id, featured_local DESC, published DESC);
--CREATE INDEX idx_post_community_published_asc ON post USING btree (community_id, featured_local DESC, reverse_timestamp_sort (published) DESC);
CREATE INDEX idx_post_community_scaled ON post USING btree (community_id, featured_local DESC, scaled_rank DESC, published DESC, id DESC);

CREATE INDEX idx_post_community_score ON post USING btree (community_id, featured_local DESC, score DESC, published DESC, id DESC);

CREATE INDEX idx_post_featured_community_active ON post USING btree (community_id, featured_community DESC, hot_rank_active DESC, published DESC, id DESC);

CREATE INDEX idx_post_featured_community_controversy ON post USING btree (community_id, featured_community DESC, controversy_rank DESC, id DESC);

CREATE INDEX idx_post_featured_community_hot ON post USING btree (community_id, featured_community DESC, hot_rank DESC, published DESC, id DESC);

CREATE INDEX idx_post_featured_community_most_comments ON post USING btree (community_id, featured_community DESC, comments DESC, published DESC, id DESC);

CREATE INDEX idx_post_featured_community_newest_comment_time ON post USING btree (community_id, featured_community DESC, coalesce(newest_comment_time, published) DESC, id DESC);

CREATE INDEX idx_post_featured_community_newest_comment_time_necr ON post USING btree (community_id, featured_community DESC, coalesce(newest_comment_time_necro, published) DESC, id DESC);

--CREATE INDEX idx_post_featured_community_published ON post USING btree (community_id, featured_community DESC, published DESC);
CREATE INDEX idx_post_featured_community_published_asc ON post USING btree (community_id, featured_community DESC, reverse_timestamp_sort (published) DESC, id DESC);

CREATE INDEX idx_post_featured_community_scaled ON post USING btree (community_id, featured_community DESC, scaled_rank DESC, published DESC, id DESC);

CREATE INDEX idx_post_featured_community_score ON post USING btree (community_id, featured_community DESC, score DESC, published DESC, id DESC);

CREATE INDEX idx_post_featured_local_active ON post USING btree (featured_local DESC, hot_rank_active DESC, published DESC, id DESC);

CREATE INDEX idx_post_featured_local_controversy ON post USING btree (featured_local DESC, controversy_rank DESC, id DESC);

CREATE INDEX idx_post_featured_local_hot ON post USING btree (featured_local DESC, hot_rank DESC, published DESC, id DESC);

CREATE INDEX idx_post_featured_local_most_comments ON post USING btree (featured_local DESC, comments DESC, published DESC, id DESC);

CREATE INDEX idx_post_featured_local_newest_comment_time ON post USING btree (featured_local DESC, coalesce(newest_comment_time, published) DESC, id DESC);

CREATE INDEX idx_post_featured_local_newest_comment_time_necro ON post USING btree (featured_local DESC, coalesce(newest_comment_time_necro, published) DESC, id DESC);

CREATE INDEX idx_post_featured_local_published ON post USING btree (featured_local DESC, published DESC, id DESC);

CREATE INDEX idx_post_featured_local_published_asc ON post USING btree (featured_local DESC, reverse_timestamp_sort (published) DESC, id DESC);

CREATE INDEX idx_post_featured_local_scaled ON post USING btree (featured_local DESC, scaled_rank DESC, published DESC, id DESC);

CREATE INDEX idx_post_featured_local_score ON post USING btree (featured_local DESC, score DESC, published DESC, id DESC);

CREATE INDEX idx_post_nonzero_hotrank ON post USING btree (published DESC)
WHERE ((hot_rank <> (0)::double precision) OR (hot_rank_active <> (0)::double precision));

CREATE INDEX idx_post_published_asc ON post USING btree (reverse_timestamp_sort (published) DESC);

-- merge community_aggregates into community table
ALTER TABLE community
    ADD COLUMN subscribers int NOT NULL DEFAULT 1, -- Default value only for previous rows, so the update below can filter out more rows by using `subscribers != 1` instead of `subscribers != 0`
    ADD COLUMN posts int NOT NULL DEFAULT 0,
    ADD COLUMN comments int NOT NULL DEFAULT 0,
    ADD COLUMN users_active_day int NOT NULL DEFAULT 0,
    ADD COLUMN users_active_week int NOT NULL DEFAULT 0,
    ADD COLUMN users_active_month int NOT NULL DEFAULT 0,
    ADD COLUMN users_active_half_year int NOT NULL DEFAULT 0,
    ADD COLUMN hot_rank real NOT NULL DEFAULT 0, -- Default value only for previous rows, so the update below can filter out more rows by using `hot_rank != 0` instead of `hot_rank != 0.0001`
    ADD COLUMN subscribers_local int NOT NULL DEFAULT 0,
    ADD COLUMN interactions_month int NOT NULL DEFAULT 0,
    ADD COLUMN report_count smallint NOT NULL DEFAULT 0,
    ADD COLUMN unresolved_report_count smallint NOT NULL DEFAULT 0;

-- Default values only for future rows
ALTER TABLE community
    ALTER COLUMN subscribers SET DEFAULT 0,
    ALTER COLUMN hot_rank SET DEFAULT 0.0001;

-- Disable the triggers temporarily
ALTER TABLE community DISABLE TRIGGER ALL;

-- disable all table indexes
UPDATE
    pg_index
SET
    indisready = FALSE
WHERE
    indrelid = (
        SELECT
            oid
        FROM
            pg_class
        WHERE
            relname = 'community');

UPDATE
    community
SET
    subscribers = ca.subscribers,
    posts = ca.posts,
    comments = ca.comments,
    users_active_day = ca.users_active_day,
    users_active_week = ca.users_active_week,
    users_active_month = ca.users_active_month,
    users_active_half_year = ca.users_active_half_year,
    hot_rank = ca.hot_rank,
    subscribers_local = ca.subscribers_local,
    interactions_month = ca.interactions_month,
    report_count = ca.report_count,
    unresolved_report_count = ca.unresolved_report_count
FROM
    community_aggregates AS ca
WHERE
    community.id = ca.community_id
    AND (ca.subscribers != 1
        OR ca.posts != 0
        OR ca.comments != 0
        OR ca.users_active_day != 0
        OR ca.users_active_week != 0
        OR ca.users_active_month != 0
        OR ca.users_active_half_year != 0
        OR ca.hot_rank != 0
        OR ca.subscribers_local != 0
        OR ca.interactions_month != 0
        OR ca.report_count != 0
        OR ca.unresolved_report_count != 0);

DROP TABLE community_aggregates;

-- Re-enable triggers after upserts
ALTER TABLE community ENABLE TRIGGER ALL;

-- Re-enable indexes
UPDATE
    pg_index
SET
    indisready = TRUE
WHERE
    indrelid = (
        SELECT
            oid
        FROM
            pg_class
        WHERE
            relname = 'community');

-- reindex
REINDEX TABLE community;

CREATE INDEX idx_community_hot ON public.community USING btree (hot_rank DESC);

CREATE INDEX idx_community_nonzero_hotrank ON community USING btree (published)
WHERE (hot_rank <> (0)::double precision);

CREATE INDEX idx_community_subscribers ON public.community USING btree (subscribers DESC);

CREATE INDEX idx_community_users_active_month ON public.community USING btree (users_active_month DESC);

-- merge person_aggregates into person table
ALTER TABLE person
    ADD COLUMN post_count int NOT NULL DEFAULT 0,
    ADD COLUMN post_score int NOT NULL DEFAULT 0,
    ADD COLUMN comment_count int NOT NULL DEFAULT 0,
    ADD COLUMN comment_score int NOT NULL DEFAULT 0;

-- Disable the triggers temporarily
ALTER TABLE person DISABLE TRIGGER ALL;

-- disable all table indexes
UPDATE
    pg_index
SET
    indisready = FALSE
WHERE
    indrelid = (
        SELECT
            oid
        FROM
            pg_class
        WHERE
            relname = 'person');

UPDATE
    person
SET
    post_count = pa.post_count,
    post_score = pa.post_score,
    comment_count = pa.comment_count,
    comment_score = pa.comment_score
FROM
    person_aggregates AS pa
WHERE
    person.id = pa.person_id
    AND (pa.post_count != 0
        OR pa.post_score != 0
        OR pa.comment_count != 0
        OR pa.comment_score != 0);

DROP TABLE person_aggregates;

-- Re-enable triggers after upserts
ALTER TABLE person ENABLE TRIGGER ALL;

-- Re-enable indexes
UPDATE
    pg_index
SET
    indisready = TRUE
WHERE
    indrelid = (
        SELECT
            oid
        FROM
            pg_class
        WHERE
            relname = 'person');

-- reindex
REINDEX TABLE person;

-- merge site_aggregates into local_site table
ALTER TABLE local_site
    ADD COLUMN users int NOT NULL DEFAULT 1,
    ADD COLUMN posts int NOT NULL DEFAULT 0,
    ADD COLUMN comments int NOT NULL DEFAULT 0,
    ADD COLUMN communities int NOT NULL DEFAULT 0,
    ADD COLUMN users_active_day int NOT NULL DEFAULT 0,
    ADD COLUMN users_active_week int NOT NULL DEFAULT 0,
    ADD COLUMN users_active_month int NOT NULL DEFAULT 0,
    ADD COLUMN users_active_half_year int NOT NULL DEFAULT 0;

-- Disable the triggers temporarily
ALTER TABLE local_site DISABLE TRIGGER ALL;

-- disable all table indexes
UPDATE
    pg_index
SET
    indisready = FALSE
WHERE
    indrelid = (
        SELECT
            oid
        FROM
            pg_class
        WHERE
            relname = 'local_site');

UPDATE
    local_site
SET
    users = sa.users,
    posts = sa.posts,
    comments = sa.comments,
    communities = sa.communities,
    users_active_day = sa.users_active_day,
    users_active_week = sa.users_active_week,
    users_active_month = sa.users_active_month,
    users_active_half_year = sa.users_active_half_year
FROM
    site_aggregates AS sa
WHERE
    local_site.site_id = sa.site_id;

DROP TABLE site_aggregates;

-- Re-enable triggers after upserts
ALTER TABLE local_site ENABLE TRIGGER ALL;

-- Re-enable indexes
UPDATE
    pg_index
SET
    indisready = TRUE
WHERE
    indrelid = (
        SELECT
            oid
        FROM
            pg_class
        WHERE
            relname = 'local_site');

-- reindex
REINDEX TABLE local_site;

-- merge local_user_vote_display_mode into local_user table
ALTER TABLE local_user
    ADD COLUMN show_score boolean NOT NULL DEFAULT FALSE,
    ADD COLUMN show_upvotes boolean NOT NULL DEFAULT TRUE,
    ADD COLUMN show_downvotes boolean NOT NULL DEFAULT TRUE,
    ADD COLUMN show_upvote_percentage boolean NOT NULL DEFAULT FALSE;

-- Disable the triggers temporarily
ALTER TABLE local_user DISABLE TRIGGER ALL;

-- disable all table indexes
UPDATE
    pg_index
SET
    indisready = FALSE
WHERE
    indrelid = (
        SELECT
            oid
        FROM
            pg_class
        WHERE
            relname = 'local_user');

UPDATE
    local_user
SET
    show_score = v.score,
    show_upvotes = v.upvotes,
    show_downvotes = v.downvotes,
    show_upvote_percentage = v.upvote_percentage
FROM
    local_user_vote_display_mode AS v
WHERE
    local_user.id = v.local_user_id
    AND (v.score
        OR NOT v.upvotes
        OR NOT v.downvotes
        OR v.upvote_percentage);

DROP TABLE local_user_vote_display_mode;

-- Re-enable triggers after upserts
ALTER TABLE local_user ENABLE TRIGGER ALL;

-- Re-enable indexes
UPDATE
    pg_index
SET
    indisready = TRUE
WHERE
    indrelid = (
        SELECT
            oid
        FROM
            pg_class
        WHERE
            relname = 'local_user');

-- reindex
REINDEX TABLE local_user;

;
-- ===== migrations/2025-08-01-000042_community-hidden-visibility/up.sql
-- Change community.visibility to allow values:
-- ('Public', 'LocalOnlyPublic', 'LocalOnlyPrivate','Private', 'Hidden')
-- rename old enum and add new one
ALTER TYPE community_visibility RENAME TO community_visibility__;

CREATE TYPE community_visibility AS enum (
    'Public',
    'LocalOnlyPublic',
    'LocalOnly',
    'Private',
    'Unlisted'
);

-- drop default value and index which reference old enum
ALTER TABLE community
    ALTER COLUMN visibility DROP DEFAULT;

DROP INDEX idx_community_random_number;

-- change the column type
ALTER TABLE community
    ALTER COLUMN visibility TYPE community_visibility
    USING visibility::text::community_visibility;

-- add default and index back in
ALTER TABLE community
    ALTER COLUMN visibility SET DEFAULT 'Public';

CREATE INDEX idx_community_random_number ON community (random_number) INCLUDE (local, nsfw)
WHERE
    NOT (deleted OR removed OR visibility = 'Private' OR visibility = 'Unlisted');

DROP TYPE community_visibility__ CASCADE;

ALTER TYPE community_visibility RENAME VALUE 'LocalOnly' TO 'LocalOnlyPrivate';

-- write hidden value to visibility column
UPDATE
    community
SET
    visibility = 'Unlisted'
WHERE
    hidden;

-- drop the old hidden column
ALTER TABLE community
    DROP COLUMN hidden;

-- change modlog tables
ALTER TABLE modlog_combined
    DROP COLUMN mod_hide_community_id;

DROP TABLE mod_hide_community;

CREATE TABLE mod_change_community_visibility (
    id serial PRIMARY KEY,
    community_id int REFERENCES community ON UPDATE CASCADE ON DELETE CASCADE NOT NULL,
    mod_person_id int REFERENCES person ON UPDATE CASCADE ON DELETE CASCADE NOT NULL,
    published timestamptz NOT NULL DEFAULT now(),
    reason text,
    visibility community_visibility NOT NULL
);

ALTER TABLE modlog_combined
    ADD COLUMN mod_change_community_visibility_id int REFERENCES mod_change_community_visibility (id) ON UPDATE CASCADE ON DELETE CASCADE,
    ADD CONSTRAINT modlog_combined_check CHECK ((num_nonnulls (admin_allow_instance_id, admin_block_instance_id, admin_purge_comment_id, admin_purge_community_id, admin_purge_person_id, admin_purge_post_id, mod_add_id, mod_add_community_id, mod_ban_id, mod_ban_from_community_id, mod_feature_post_id, mod_change_community_visibility_id, mod_lock_post_id, mod_remove_comment_id, mod_remove_community_id, mod_remove_post_id, mod_transfer_community_id) = 1));

;
-- ===== migrations/2025-08-01-000043_community-local-removed/up.sql
-- Same for remote community, local removal should not be overwritten by
-- remove+restore on home instance
ALTER TABLE community
    ADD COLUMN local_removed boolean NOT NULL DEFAULT FALSE;

;
-- ===== migrations/2025-08-01-000044_post_comment_pending/up.sql
-- When posting to a remote community mark it as pending until it gets announced back to us.
-- This way the posts of banned users wont appear in the community on other instances.
ALTER TABLE post
    ADD COLUMN federation_pending boolean NOT NULL DEFAULT FALSE;

ALTER TABLE comment
    ADD COLUMN federation_pending boolean NOT NULL DEFAULT FALSE;

;
-- ===== migrations/2025-08-01-000045_site_person_ban/up.sql
ALTER TABLE instance_actions
    ADD COLUMN received_ban timestamptz;

ALTER TABLE instance_actions
    ADD COLUMN ban_expires timestamptz;

ALTER TABLE mod_ban
    ADD COLUMN instance_id int REFERENCES instance ON UPDATE CASCADE ON DELETE CASCADE DEFERRABLE;

UPDATE
    mod_ban
SET
    instance_id = person.instance_id
FROM
    person
WHERE
    mod_ban.instance_id IS NULL
    AND mod_ban.mod_person_id = person.id;

ALTER TABLE mod_ban
    ALTER COLUMN instance_id SET NOT NULL,
    ALTER CONSTRAINT mod_ban_instance_id_fkey NOT DEFERRABLE;

-- insert existing bans into instance_actions table, assuming they were all banned from home instance
INSERT INTO instance_actions (person_id, instance_id, received_ban, ban_expires)
SELECT
    id,
    instance_id,
    now(),
    ban_expires
FROM
    person
WHERE
    banned;

ALTER TABLE person
    DROP COLUMN banned;

ALTER TABLE person
    DROP COLUMN ban_expires;

;
-- ===== migrations/2025-08-01-000047_disable-email-notifications/up.sql
ALTER TABLE local_site
    ADD COLUMN disable_email_notifications bool NOT NULL DEFAULT FALSE;

;
-- ===== migrations/2025-08-01-000048_cursor_pagination_indexes/up.sql
-- Taglines
CREATE INDEX idx_tagline_published_id ON tagline (published DESC, id DESC);

-- Some for the vote views
CREATE INDEX idx_comment_actions_like_score ON comment_actions (comment_id, vote_is_upvote, person_id)
WHERE
    vote_is_upvote IS NOT NULL;

CREATE INDEX idx_post_actions_like_score ON post_actions (post_id, vote_is_upvote, person_id)
WHERE
    vote_is_upvote IS NOT NULL;

-- Fixing the community sorts for an id tie-breaker
DROP INDEX idx_community_lower_name;

DROP INDEX idx_community_hot;

DROP INDEX idx_community_published;

DROP INDEX idx_community_subscribers;

DROP INDEX idx_community_title;

DROP INDEX idx_community_users_active_month;

CREATE INDEX idx_community_lower_name ON community USING btree (lower((name)::text) DESC, id DESC);

CREATE INDEX idx_community_hot ON community USING btree (hot_rank DESC, id DESC);

CREATE INDEX idx_community_published ON community USING btree (published DESC, id DESC);

CREATE INDEX idx_community_subscribers ON community USING btree (subscribers DESC, id DESC);

CREATE INDEX idx_community_title ON community USING btree (title DESC, id DESC);

CREATE INDEX idx_community_users_active_month ON community USING btree (users_active_month DESC, id DESC);

-- Create a few missing ones
CREATE INDEX idx_community_users_active_half_year ON community USING btree (users_active_half_year DESC, id DESC);

CREATE INDEX idx_community_users_active_week ON community USING btree (users_active_week DESC, id DESC);

CREATE INDEX idx_community_users_active_day ON community USING btree (users_active_day DESC, id DESC);

CREATE INDEX idx_community_subscribers_local ON community USING btree (subscribers_local DESC, id DESC);

CREATE INDEX idx_community_comments ON community USING btree (comments DESC, id DESC);

CREATE INDEX idx_community_posts ON community USING btree (posts DESC, id DESC);

-- Fix the post reverse_timestamp key sorts.
DROP INDEX idx_post_featured_community_published_asc;

DROP INDEX idx_post_featured_local_published_asc;

DROP INDEX idx_post_published_asc;

CREATE INDEX idx_post_featured_community_published ON post USING btree (community_id, featured_community DESC, published DESC, id DESC);

CREATE INDEX idx_post_community_published ON post USING btree (community_id, published DESC, id DESC);

;
-- ===== migrations/2025-08-01-000049_add_liked_combined/up.sql
-- Creates combined tables for
-- person_liked: (comment, post)
-- This one is special, because you use the liked date, not the ordinary published
-- Updating the history
CREATE SEQUENCE person_liked_combined_id_seq
    AS integer START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

CREATE TABLE person_liked_combined AS
SELECT
    pa.liked,
    -- `ADD COLUMN id serial` is not used for this because it would require either putting the column at the end (might increase the amount of padding bytes) or using an `INSERT` statement (not parallelizable).
    nextval('person_liked_combined_id_seq'::regclass)::int AS id,
    pa.person_id,
    po.creator_id,
    pa.post_id,
    NULL::int AS comment_id,
    pa.vote_is_upvote
FROM
    post_actions pa,
    person p,
    post po
WHERE
    pa.liked IS NOT NULL
    AND p.local = TRUE
    AND pa.person_id = p.id
    AND pa.post_id = po.id
UNION ALL
SELECT
    ca.liked,
    nextval('person_liked_combined_id_seq'::regclass)::int,
    ca.person_id,
    co.creator_id,
    NULL::int,
    ca.comment_id,
    ca.vote_is_upvote
FROM
    comment_actions ca,
    person p,
    comment co
WHERE
    liked IS NOT NULL
    AND p.local = TRUE
    AND ca.person_id = p.id
    AND ca.comment_id = co.id;

ALTER TABLE person_liked_combined
    ALTER COLUMN id SET DEFAULT nextval('person_liked_combined_id_seq'::regclass),
    ALTER COLUMN liked SET NOT NULL,
    ALTER COLUMN vote_is_upvote SET NOT NULL,
    ALTER COLUMN person_id SET NOT NULL,
    ALTER COLUMN creator_id SET NOT NULL,
    ADD CONSTRAINT person_liked_combined_person_id_fkey FOREIGN KEY (person_id) REFERENCES person ON UPDATE CASCADE ON DELETE CASCADE,
    ADD CONSTRAINT person_liked_combined_creator_id_fkey FOREIGN KEY (creator_id) REFERENCES person ON UPDATE CASCADE ON DELETE CASCADE,
    ADD CONSTRAINT person_liked_combined_post_id_fkey FOREIGN KEY (post_id) REFERENCES post ON UPDATE CASCADE ON DELETE CASCADE,
    ADD CONSTRAINT person_liked_combined_comment_id_fkey FOREIGN KEY (comment_id) REFERENCES COMMENT ON UPDATE CASCADE ON DELETE CASCADE,
    ADD UNIQUE (person_id, post_id),
    ADD UNIQUE (person_id, comment_id),
    ADD PRIMARY KEY (id),
    ADD CONSTRAINT person_liked_combined_check CHECK (num_nonnulls (post_id, comment_id) = 1);

ALTER SEQUENCE person_liked_combined_id_seq OWNED BY person_liked_combined.id;

CREATE INDEX idx_person_liked_combined_person ON person_liked_combined (person_id);

CREATE INDEX idx_person_liked_combined_creator ON person_liked_combined (creator_id);

CREATE INDEX idx_person_liked_combined_person_voted_at ON person_liked_combined (person_id, liked DESC, id DESC);

;
-- ===== migrations/2025-08-01-000050_show_downvotes_for_others_only/up.sql
-- This changes the local_user.show_downvotes column to an enum,
-- which by default shows all downvotes.
CREATE TYPE vote_show_enum AS ENUM (
    'Show',
    'ShowForOthers',
    'Hide'
);

ALTER TABLE local_user
    ALTER COLUMN show_downvotes DROP DEFAULT;

ALTER TABLE local_user
    ALTER COLUMN show_downvotes TYPE vote_show_enum
    USING
        CASE show_downvotes
        WHEN FALSE THEN
            'Hide'
        ELSE
            'Show'
        END::vote_show_enum;

-- Make ShowForOthers the default
ALTER TABLE local_user
    ALTER COLUMN show_downvotes SET DEFAULT 'Show';

;
-- ===== migrations/2025-08-01-000051_local_image_person/up.sql
-- Since local thumbnails could be generated from posts of external users,
-- use the person_id instead of local_user_id for the LocalImage table.
--
-- Also connect the thumbnail to a post id.
--
-- See https://github.com/LemmyNet/lemmy/issues/5564
ALTER TABLE local_image
    ADD COLUMN person_id int REFERENCES person (id) ON UPDATE CASCADE ON DELETE CASCADE DEFERRABLE,
    ADD COLUMN thumbnail_for_post_id int REFERENCES post (id) ON UPDATE CASCADE ON DELETE CASCADE DEFERRABLE;

-- Update historical person_id columns
-- Note: The local_user_id rows are null for thumbnails, so there's nothing you can do there.
UPDATE
    local_image AS li
SET
    person_id = lu.person_id
FROM
    local_user AS lu
WHERE
    li.local_user_id = lu.id;

-- Remove the local_user_id column
ALTER TABLE local_image
    DROP COLUMN local_user_id;

CREATE INDEX idx_image_upload_person_id ON local_image (person_id);

ALTER TABLE local_image
    ALTER CONSTRAINT local_image_person_id_fkey NOT DEFERRABLE,
    ALTER CONSTRAINT local_image_thumbnail_for_post_id_fkey NOT DEFERRABLE;

;
-- ===== migrations/2025-08-01-000052_lock_reason/up.sql
-- Adding a lock reason field to mod_lock_post
ALTER TABLE mod_lock_post
    ADD COLUMN reason text;

;
-- ===== migrations/2025-08-01-000053_remove_hide_modlog_names/up.sql
ALTER TABLE local_site
    DROP COLUMN hide_modlog_mod_names;

;
-- ===== migrations/2025-08-01-000054_mod-change-community-vis/up.sql
ALTER TABLE mod_change_community_visibility
    DROP COLUMN reason;

;
-- ===== migrations/2025-08-01-000055_rename_timestamp_add_at/up.sql
ALTER TABLE admin_allow_instance RENAME COLUMN published TO published_at;

ALTER TABLE admin_block_instance RENAME COLUMN expires TO expires_at;

ALTER TABLE admin_block_instance RENAME COLUMN published TO published_at;

ALTER TABLE admin_purge_comment RENAME COLUMN published TO published_at;

ALTER TABLE admin_purge_community RENAME COLUMN published TO published_at;

ALTER TABLE admin_purge_person RENAME COLUMN published TO published_at;

ALTER TABLE admin_purge_post RENAME COLUMN published TO published_at;

ALTER TABLE captcha_answer RENAME COLUMN published TO published_at;

ALTER TABLE comment RENAME COLUMN published TO published_at;

ALTER TABLE comment RENAME COLUMN updated TO updated_at;

ALTER TABLE comment_actions RENAME COLUMN liked TO voted_at;

ALTER TABLE comment_actions RENAME COLUMN saved TO saved_at;

ALTER TABLE comment_reply RENAME COLUMN published TO published_at;

ALTER TABLE comment_report RENAME COLUMN published TO published_at;

ALTER TABLE comment_report RENAME COLUMN updated TO updated_at;

ALTER TABLE community RENAME COLUMN published TO published_at;

ALTER TABLE community RENAME COLUMN updated TO updated_at;

ALTER TABLE community_actions RENAME COLUMN followed TO followed_at;

ALTER TABLE community_actions RENAME COLUMN blocked TO blocked_at;

ALTER TABLE community_actions RENAME COLUMN became_moderator TO became_moderator_at;

ALTER TABLE community_actions RENAME COLUMN received_ban TO received_ban_at;

ALTER TABLE community_actions RENAME COLUMN ban_expires TO ban_expires_at;

ALTER TABLE community_report RENAME COLUMN published TO published_at;

ALTER TABLE community_report RENAME COLUMN updated TO updated_at;

ALTER TABLE custom_emoji RENAME COLUMN published TO published_at;

ALTER TABLE custom_emoji RENAME COLUMN updated TO updated_at;

ALTER TABLE email_verification RENAME COLUMN published TO published_at;

ALTER TABLE federation_allowlist RENAME COLUMN published TO published_at;

ALTER TABLE federation_allowlist RENAME COLUMN updated TO updated_at;

ALTER TABLE federation_blocklist RENAME COLUMN published TO published_at;

ALTER TABLE federation_blocklist RENAME COLUMN updated TO updated_at;

ALTER TABLE federation_blocklist RENAME COLUMN expires TO expires_at;

ALTER TABLE federation_queue_state RENAME COLUMN last_retry TO last_retry_at;

ALTER TABLE federation_queue_state RENAME COLUMN last_successful_published_time TO last_successful_published_time_at;

ALTER TABLE inbox_combined RENAME COLUMN published TO published_at;

ALTER TABLE instance RENAME COLUMN published TO published_at;

ALTER TABLE instance RENAME COLUMN updated TO updated_at;

ALTER TABLE instance_actions RENAME COLUMN blocked TO blocked_at;

ALTER TABLE instance_actions RENAME COLUMN received_ban TO received_ban_at;

ALTER TABLE instance_actions RENAME COLUMN ban_expires TO ban_expires_at;

ALTER TABLE local_image RENAME COLUMN published TO published_at;

ALTER TABLE local_site RENAME COLUMN published TO published_at;

ALTER TABLE local_site RENAME COLUMN updated TO updated_at;

ALTER TABLE local_site_rate_limit RENAME COLUMN published TO published_at;

ALTER TABLE local_site_rate_limit RENAME COLUMN updated TO updated_at;

ALTER TABLE local_site_url_blocklist RENAME COLUMN published TO published_at;

ALTER TABLE local_site_url_blocklist RENAME COLUMN updated TO updated_at;

ALTER TABLE local_user RENAME COLUMN last_donation_notification TO last_donation_notification_at;

ALTER TABLE login_token RENAME COLUMN published TO published_at;

ALTER TABLE mod_add RENAME COLUMN published TO published_at;

ALTER TABLE mod_add_community RENAME COLUMN published TO published_at;

ALTER TABLE mod_ban RENAME COLUMN published TO published_at;

ALTER TABLE mod_ban RENAME COLUMN expires TO expires_at;

ALTER TABLE mod_ban_from_community RENAME COLUMN published TO published_at;

ALTER TABLE mod_ban_from_community RENAME COLUMN expires TO expires_at;

ALTER TABLE mod_change_community_visibility RENAME COLUMN published TO published_at;

ALTER TABLE mod_feature_post RENAME COLUMN published TO published_at;

ALTER TABLE mod_lock_post RENAME COLUMN published TO published_at;

ALTER TABLE mod_remove_comment RENAME COLUMN published TO published_at;

ALTER TABLE mod_remove_community RENAME COLUMN published TO published_at;

ALTER TABLE mod_remove_post RENAME COLUMN published TO published_at;

ALTER TABLE mod_transfer_community RENAME COLUMN published TO published_at;

ALTER TABLE modlog_combined RENAME COLUMN published TO published_at;

ALTER TABLE oauth_account RENAME COLUMN published TO published_at;

ALTER TABLE oauth_account RENAME COLUMN updated TO updated_at;

ALTER TABLE oauth_provider RENAME COLUMN published TO published_at;

ALTER TABLE oauth_provider RENAME COLUMN updated TO updated_at;

ALTER TABLE password_reset_request RENAME COLUMN published TO published_at;

ALTER TABLE person RENAME COLUMN published TO published_at;

ALTER TABLE person RENAME COLUMN updated TO updated_at;

ALTER TABLE person_actions RENAME COLUMN followed TO followed_at;

ALTER TABLE person_actions RENAME COLUMN blocked TO blocked_at;

ALTER TABLE person_ban RENAME COLUMN published TO published_at;

ALTER TABLE person_comment_mention RENAME COLUMN published TO published_at;

ALTER TABLE person_content_combined RENAME COLUMN published TO published_at;

ALTER TABLE person_liked_combined RENAME COLUMN liked TO voted_at;

ALTER TABLE person_post_mention RENAME COLUMN published TO published_at;

ALTER TABLE person_saved_combined RENAME COLUMN saved TO saved_at;

ALTER TABLE post RENAME COLUMN published TO published_at;

ALTER TABLE post RENAME COLUMN updated TO updated_at;

ALTER TABLE post RENAME COLUMN scheduled_publish_time TO scheduled_publish_time_at;

ALTER TABLE post RENAME COLUMN newest_comment_time TO newest_comment_time_at;

ALTER TABLE post RENAME COLUMN newest_comment_time_necro TO newest_comment_time_necro_at;

ALTER TABLE post_actions RENAME COLUMN read TO read_at;

ALTER TABLE post_actions RENAME COLUMN read_comments TO read_comments_at;

ALTER TABLE post_actions RENAME COLUMN saved TO saved_at;

ALTER TABLE post_actions RENAME COLUMN liked TO voted_at;

ALTER TABLE post_actions RENAME COLUMN hidden TO hidden_at;

ALTER TABLE post_report RENAME COLUMN published TO published_at;

ALTER TABLE post_report RENAME COLUMN updated TO updated_at;

ALTER TABLE post_tag RENAME COLUMN published TO published_at;

ALTER TABLE private_message RENAME COLUMN published TO published_at;

ALTER TABLE private_message RENAME COLUMN updated TO updated_at;

ALTER TABLE private_message_report RENAME COLUMN published TO published_at;

ALTER TABLE private_message_report RENAME COLUMN updated TO updated_at;

ALTER TABLE received_activity RENAME COLUMN published TO published_at;

ALTER TABLE registration_application RENAME COLUMN published TO published_at;

ALTER TABLE remote_image RENAME COLUMN published TO published_at;

ALTER TABLE report_combined RENAME COLUMN published TO published_at;

ALTER TABLE sent_activity RENAME COLUMN published TO published_at;

ALTER TABLE site RENAME COLUMN published TO published_at;

ALTER TABLE site RENAME COLUMN updated TO updated_at;

ALTER TABLE tag RENAME COLUMN published TO published_at;

ALTER TABLE tag RENAME COLUMN updated TO updated_at;

ALTER TABLE tagline RENAME COLUMN published TO published_at;

ALTER TABLE tagline RENAME COLUMN updated TO updated_at;

;
-- ===== migrations/2025-08-01-000056_person_note/up.sql
ALTER TABLE person_actions
    ADD COLUMN noted_at timestamptz,
    ADD COLUMN note text;

;
-- ===== migrations/2025-08-01-000057_multi-community/up.sql
CREATE TABLE multi_community (
    id serial PRIMARY KEY,
    creator_id int NOT NULL REFERENCES person ON UPDATE CASCADE ON DELETE CASCADE,
    instance_id int NOT NULL REFERENCES instance ON UPDATE CASCADE ON DELETE CASCADE,
    name varchar(255) NOT NULL,
    title varchar(255),
    description varchar(255),
    local bool NOT NULL DEFAULT TRUE,
    deleted bool NOT NULL DEFAULT FALSE,
    ap_id text UNIQUE NOT NULL DEFAULT generate_unique_changeme (),
    public_key text NOT NULL,
    private_key text,
    inbox_url text NOT NULL DEFAULT generate_unique_changeme (),
    last_refreshed_at timestamptz NOT NULL DEFAULT now(),
    following_url text NOT NULL DEFAULT generate_unique_changeme (),
    published_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz
);

CREATE TABLE multi_community_entry (
    multi_community_id int NOT NULL REFERENCES multi_community ON UPDATE CASCADE ON DELETE CASCADE,
    community_id int NOT NULL REFERENCES community ON UPDATE CASCADE ON DELETE CASCADE,
    PRIMARY KEY (multi_community_id, community_id)
);

CREATE TABLE multi_community_follow (
    multi_community_id int NOT NULL REFERENCES multi_community ON UPDATE CASCADE ON DELETE CASCADE,
    person_id int NOT NULL REFERENCES person ON UPDATE CASCADE ON DELETE CASCADE,
    follow_state community_follower_state NOT NULL,
    PRIMARY KEY (person_id, multi_community_id)
);

ALTER TABLE local_site
    ADD COLUMN suggested_communities int REFERENCES multi_community ON UPDATE CASCADE ON DELETE CASCADE,
    ADD COLUMN system_account int REFERENCES person ON UPDATE CASCADE ON DELETE CASCADE;

-- generate new account with randomized name (max 20 chars) and set it
-- as local_site.system_account
WITH x AS (
INSERT INTO person (name, public_key, private_key, instance_id, inbox_url, bot_account)
    SELECT
        'lemmy_' || substr(gen_random_uuid ()::text, 0, 14),
        public_key,
        private_key,
        instance_id,
        inbox_url,
        TRUE
    FROM
        site,
        local_site
    WHERE
        site.id = local_site.id
    RETURNING
        person.id)
UPDATE
    local_site
SET
    system_account = x.id
FROM
    x;

ALTER TABLE local_site
    ALTER COLUMN system_account SET NOT NULL;

-- set ap_id for system_account (should use r.local_url but thats not defined here)
UPDATE
    person
SET
    ap_id = current_setting('lemmy.protocol_and_hostname') || '/u/' || person.name
FROM
    local_site
WHERE
    person.id = local_site.system_account;

ALTER TYPE listing_type_enum
    ADD VALUE 'Suggested';

CREATE INDEX idx_multi_community_read_from_name ON multi_community (local)
WHERE
    local AND NOT deleted;

CREATE INDEX idx_multi_community_ap_id ON multi_community (ap_id);

CREATE INDEX idx_multi_creator_id ON multi_community (creator_id);

CREATE INDEX idx_multi_community_follow_multi_id ON multi_community_follow (multi_community_id);

CREATE INDEX idx_multi_community_entry_community_id ON multi_community_entry (community_id);

;
-- ===== migrations/2025-08-01-000058_instance_block_communities_persons/up.sql
-- Currently, the instance.blocked_at columns only blocks communities from the given instance.
--
-- This creates a new block type, to also be able to block persons.
-- Also changes the name of blocked_at to blocked_communities_at
ALTER TABLE instance_actions RENAME COLUMN blocked_at TO blocked_communities_at;

ALTER TABLE instance_actions
    ADD COLUMN blocked_persons_at timestamptz;

;
-- ===== migrations/2025-08-01-000059_person_votes/up.sql
ALTER TABLE person_actions
    ADD COLUMN voted_at timestamptz,
    ADD COLUMN upvotes int,
    ADD COLUMN downvotes int;

ALTER TABLE local_user
    ADD COLUMN show_person_votes boolean NOT NULL DEFAULT TRUE;

-- Disable the triggers temporarily
ALTER TABLE person_actions DISABLE TRIGGER ALL;

-- Adding vote history
-- This union alls the comment and post actions tables,
-- inner joins to local_user for the above to filter out non-locals
-- separates the like_score into upvote and downvote columns,
-- groups and sums the upvotes and downvotes,
-- handles conflicts using the `excluded` magic column.
INSERT INTO person_actions (person_id, target_id, voted_at, upvotes, downvotes)
SELECT
    votes.person_id,
    votes.creator_id,
    now(),
    count(*) FILTER (WHERE votes.vote_is_upvote) AS upvotes,
    count(*) FILTER (WHERE NOT votes.vote_is_upvote) AS downvotes
FROM (
    SELECT
        pa.person_id,
        p.creator_id,
        vote_is_upvote
    FROM
        post_actions pa
        INNER JOIN post p ON pa.post_id = p.id
            AND p.local
        UNION ALL
        SELECT
            ca.person_id,
            c.creator_id,
            vote_is_upvote
        FROM
            comment_actions ca
        INNER JOIN comment c ON ca.comment_id = c.id
            AND c.local) AS votes
GROUP BY
    votes.person_id,
    votes.creator_id
ON CONFLICT (person_id,
    target_id)
    DO UPDATE SET
        voted_at = now(),
        upvotes = excluded.upvotes,
        downvotes = excluded.downvotes;

-- Re-enable the triggers
ALTER TABLE person_actions ENABLE TRIGGER ALL;

;
-- ===== migrations/2025-08-01-000060_rename-rate-limit-columns/up.sql
ALTER TABLE local_site_rate_limit RENAME COLUMN message TO message_max_requests;

ALTER TABLE local_site_rate_limit RENAME COLUMN message_per_second TO message_interval_seconds;

ALTER TABLE local_site_rate_limit RENAME COLUMN post TO post_max_requests;

ALTER TABLE local_site_rate_limit RENAME COLUMN post_per_second TO post_interval_seconds;

ALTER TABLE local_site_rate_limit RENAME COLUMN comment TO comment_max_requests;

ALTER TABLE local_site_rate_limit RENAME COLUMN comment_per_second TO comment_interval_seconds;

ALTER TABLE local_site_rate_limit RENAME COLUMN register TO register_max_requests;

ALTER TABLE local_site_rate_limit RENAME COLUMN register_per_second TO register_interval_seconds;

ALTER TABLE local_site_rate_limit RENAME COLUMN image TO image_max_requests;

ALTER TABLE local_site_rate_limit RENAME COLUMN image_per_second TO image_interval_seconds;

ALTER TABLE local_site_rate_limit RENAME COLUMN search TO search_max_requests;

ALTER TABLE local_site_rate_limit RENAME COLUMN search_per_second TO search_interval_seconds;

ALTER TABLE local_site_rate_limit RENAME COLUMN import_user_settings TO import_user_settings_max_requests;

ALTER TABLE local_site_rate_limit RENAME COLUMN import_user_settings_per_second TO import_user_settings_interval_seconds;

;
-- ===== migrations/2025-08-01-000061_drop-person-ban/up.sql
DROP TABLE person_ban;

;
-- ===== migrations/2025-08-01-000062_username-instance-unique/up.sql
-- lemmy requires (username + instance_id) to be unique
-- delete any existing duplicates
DELETE FROM person p1 USING (
    SELECT
        min(id) AS id,
        name,
        instance_id
    FROM
        person
    GROUP BY
        name,
        instance_id
    HAVING
        count(*) > 1) p2
WHERE
    p1.name = p2.name
    AND p1.instance_id = p2.instance_id
    AND p1.id <> p2.id;

ALTER TABLE person
    ADD CONSTRAINT person_name_instance_unique UNIQUE (name, instance_id);

;
-- ===== migrations/2025-08-01-000063_post-or-comment-notification/up.sql
-- create new data types
CREATE TYPE notification_type_enum AS enum (
    'Mention',
    'Reply',
    'Subscribed',
    'PrivateMessage'
);

-- create notification table by renaming comment_reply, to avoid copying lots of data around
ALTER TABLE comment_reply RENAME TO notification;

ALTER INDEX idx_comment_reply_comment RENAME TO idx_notification_comment;

ALTER INDEX idx_comment_reply_recipient RENAME TO idx_notification_recipient;

ALTER INDEX idx_comment_reply_published RENAME TO idx_notification_published;

ALTER SEQUENCE comment_reply_id_seq
    RENAME TO notification_id_seq;

ALTER TABLE notification RENAME CONSTRAINT comment_reply_comment_id_fkey TO notification_comment_id_fkey;

ALTER TABLE notification RENAME CONSTRAINT comment_reply_pkey TO notification_pkey;

ALTER TABLE notification
    DROP CONSTRAINT comment_reply_recipient_id_comment_id_key;

ALTER TABLE notification RENAME CONSTRAINT comment_reply_recipient_id_fkey TO notification_recipient_id_fkey;

ALTER TABLE notification
    ADD COLUMN kind notification_type_enum NOT NULL DEFAULT 'Reply',
    ALTER COLUMN comment_id DROP NOT NULL,
    ADD COLUMN post_id int REFERENCES post (id) ON UPDATE CASCADE ON DELETE CASCADE,
    ADD COLUMN private_message_id int REFERENCES private_message (id) ON UPDATE CASCADE ON DELETE CASCADE;

ALTER TABLE notification
    ALTER COLUMN kind DROP DEFAULT;

-- copy data from person_post_mention table
INSERT INTO notification (post_id, recipient_id, kind, read, published_at)
SELECT
    post_id,
    recipient_id,
    'Mention',
    read,
    published_at
FROM
    person_post_mention;

-- copy data from person_comment_mention table
INSERT INTO notification (comment_id, recipient_id, kind, read, published_at)
SELECT
    comment_id,
    recipient_id,
    'Mention',
    read,
    published_at
FROM
    person_comment_mention;

-- copy data from private_message table
INSERT INTO notification (private_message_id, recipient_id, kind, read, published_at)
SELECT
    id,
    recipient_id,
    'PrivateMessage',
    read,
    published_at
FROM
    private_message;

ALTER TABLE private_message
    DROP COLUMN read;

ALTER TABLE notification
    ADD CONSTRAINT notification_check CHECK (num_nonnulls (post_id, comment_id, private_message_id) = 1);

CREATE INDEX idx_notification_recipient_published ON notification (recipient_id, published_at);

CREATE INDEX idx_notification_post ON notification (post_id)
WHERE
    post_id IS NOT NULL;

CREATE INDEX idx_notification_private_message ON notification (private_message_id)
WHERE
    private_message_id IS NOT NULL;

DROP TABLE inbox_combined, person_post_mention, person_comment_mention;

CREATE TYPE post_notifications_mode_enum AS enum (
    'AllComments',
    'RepliesAndMentions',
    'Mute'
);

ALTER TABLE post_actions
    ADD COLUMN notifications post_notifications_mode_enum;

CREATE TYPE community_notifications_mode_enum AS enum (
    'AllPostsAndComments',
    'AllPosts',
    'RepliesAndMentions',
    'Mute'
);

ALTER TABLE community_actions
    ADD COLUMN notifications community_notifications_mode_enum;

;
-- ===== migrations/2025-08-01-000064_add_missing_foreign_key_indexes/up.sql
CREATE INDEX idx_registration_application_admin ON registration_application (admin_id);

CREATE INDEX idx_admin_allow_instance_admin ON admin_allow_instance (admin_person_id);

CREATE INDEX idx_admin_block_instance_admin ON admin_block_instance (admin_person_id);

CREATE INDEX idx_admin_purge_comment_admin ON admin_purge_comment (admin_person_id);

CREATE INDEX idx_admin_purge_community_admin ON admin_purge_community (admin_person_id);

CREATE INDEX idx_admin_purge_person_admin ON admin_purge_person (admin_person_id);

CREATE INDEX idx_admin_purge_post_admin ON admin_purge_post (admin_person_id);

CREATE INDEX idx_mod_remove_comment_comment ON mod_remove_comment (comment_id);

CREATE INDEX idx_person_liked_combined_comment ON person_liked_combined (comment_id)
WHERE
    comment_id IS NOT NULL;

CREATE INDEX idx_person_saved_combined_comment ON person_saved_combined (comment_id)
WHERE
    comment_id IS NOT NULL;

CREATE INDEX idx_comment_report_creator ON comment_report (creator_id);

CREATE INDEX idx_community_report_creator ON community_report (creator_id);

CREATE INDEX idx_post_report_creator ON post_report (creator_id);

CREATE INDEX idx_private_message_creator ON private_message (creator_id);

CREATE INDEX idx_private_message_report_creator ON private_message_report (creator_id);

CREATE INDEX idx_admin_purge_post_community ON admin_purge_post (community_id);

CREATE INDEX idx_mod_add_community_community ON mod_add_community (community_id);

CREATE INDEX idx_mod_ban_from_community_community ON mod_ban_from_community (community_id);

CREATE INDEX idx_mod_change_community_visibility_community ON mod_change_community_visibility (community_id);

CREATE INDEX idx_mod_remove_community_community ON mod_remove_community (community_id);

CREATE INDEX idx_mod_transfer_community_community ON mod_transfer_community (community_id);

CREATE INDEX idx_tag_community ON tag (community_id);

CREATE INDEX idx_community_actions_follow_approver ON community_actions (follow_approver_id);

CREATE INDEX idx_admin_allow_instance_instance ON admin_allow_instance (instance_id);

CREATE INDEX idx_admin_block_instance_instance ON admin_block_instance (instance_id);

CREATE INDEX idx_community_instance ON community (instance_id);

CREATE INDEX idx_mod_ban_instance ON mod_ban (instance_id);

CREATE INDEX idx_multi_community_instance ON multi_community (instance_id);

CREATE INDEX idx_person_instance ON person (instance_id);

CREATE INDEX idx_community_language_language ON community_language (language_id);

CREATE INDEX idx_local_user_language_language ON local_user_language (language_id);

CREATE INDEX idx_site_language_language ON site_language (language_id);

CREATE INDEX idx_email_verification_user ON email_verification (local_user_id);

CREATE INDEX idx_oauth_account_user ON oauth_account (local_user_id);

CREATE INDEX idx_password_reset_request_user ON password_reset_request (local_user_id);

CREATE INDEX idx_modlog_combined_mod_change_community_visibility_id ON modlog_combined (mod_change_community_visibility_id)
WHERE
    mod_change_community_visibility_id IS NOT NULL;

CREATE INDEX idx_mod_add_community_mod ON mod_add_community (mod_person_id);

CREATE INDEX idx_mod_add_mod ON mod_add (mod_person_id);

CREATE INDEX idx_mod_ban_from_community_mod ON mod_ban_from_community (mod_person_id);

CREATE INDEX idx_mod_ban_mod ON mod_ban (mod_person_id);

CREATE INDEX idx_mod_change_community_visibility_mod ON mod_change_community_visibility (mod_person_id);

CREATE INDEX idx_mod_feature_post_mod ON mod_feature_post (mod_person_id);

CREATE INDEX idx_mod_lock_post_mod ON mod_lock_post (mod_person_id);

CREATE INDEX idx_mod_remove_comment_mod ON mod_remove_comment (mod_person_id);

CREATE INDEX idx_mod_remove_community_mod ON mod_remove_community (mod_person_id);

CREATE INDEX idx_mod_remove_post_mod ON mod_remove_post (mod_person_id);

CREATE INDEX idx_mod_transfer_community_mod ON mod_transfer_community (mod_person_id);

CREATE INDEX idx_local_site_system_account ON local_site (system_account);

CREATE INDEX idx_mod_add_community_other_person ON mod_add_community (other_person_id);

CREATE INDEX idx_mod_add_other_person ON mod_add (other_person_id);

CREATE INDEX idx_mod_ban_from_community_other_person ON mod_ban_from_community (other_person_id);

CREATE INDEX idx_mod_other_person ON mod_ban (other_person_id);

CREATE INDEX idx_mod_transfer_community_other_person ON mod_transfer_community (other_person_id);

CREATE INDEX idx_admin_purge_comment_post ON admin_purge_comment (post_id);

CREATE INDEX idx_mod_feature_post_post ON mod_feature_post (post_id);

CREATE INDEX idx_mod_lock_post_post ON mod_lock_post (post_id);

CREATE INDEX idx_mod_remove_post_post ON mod_remove_post (post_id);

CREATE INDEX idx_person_liked_combined_post ON person_liked_combined (post_id)
WHERE
    post_id IS NOT NULL;

CREATE INDEX idx_person_saved_combined_post ON person_saved_combined (post_id)
WHERE
    post_id IS NOT NULL;

CREATE INDEX idx_private_message_recipient ON private_message (recipient_id);

CREATE INDEX idx_comment_report_resolver ON comment_report (resolver_id);

CREATE INDEX idx_community_report_resolver ON community_report (resolver_id);

CREATE INDEX idx_post_report_resolver ON post_report (resolver_id);

CREATE INDEX idx_private_message_report_resolver ON private_message_report (resolver_id);

CREATE INDEX idx_local_site_suggested_communities ON local_site (suggested_communities);

CREATE INDEX idx_post_tag_tag ON post_tag (tag_id);

CREATE INDEX idx_local_image_thumbnail_post ON local_image (thumbnail_for_post_id);

;
-- ===== migrations/2025-08-01-000065_group-follow/up.sql
CREATE TABLE community_community_follow (
    target_id int REFERENCES community (id) ON UPDATE CASCADE ON DELETE CASCADE NOT NULL,
    community_id int REFERENCES community (id) ON UPDATE CASCADE ON DELETE CASCADE NOT NULL,
    published_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (community_id, target_id)
);

CREATE INDEX idx_community_community_follow_target ON community_community_follow (target_id);

;
-- ===== migrations/2025-08-01-000066_modlog-rename/up.sql
ALTER TABLE mod_ban RENAME TO admin_ban;

ALTER TABLE mod_add RENAME TO admin_add;

ALTER TABLE mod_remove_community RENAME TO admin_remove_community;

ALTER TABLE mod_add_community RENAME TO mod_add_to_community;

ALTER TABLE modlog_combined RENAME COLUMN mod_ban_id TO admin_ban_id;

ALTER TABLE modlog_combined RENAME COLUMN mod_add_id TO admin_add_id;

ALTER TABLE modlog_combined RENAME COLUMN mod_remove_community_id TO admin_remove_community_id;

ALTER TABLE modlog_combined RENAME COLUMN mod_add_community_id TO mod_add_to_community_id;

;
-- ===== migrations/2025-08-01-000067_add_default_items_per_page/up.sql
-- Adds an optional default fetch limit (IE fetch a certain number of posts) to local_user and local_site
ALTER TABLE local_user
    ADD COLUMN default_items_per_page integer NOT NULL DEFAULT 20;

ALTER TABLE local_site
    ADD COLUMN default_items_per_page integer NOT NULL DEFAULT 20;

;
-- ===== migrations/2025-08-01-000068_local_user_trigger/up.sql
UPDATE
    local_site
SET
    users = (
        SELECT
            count(*)
        FROM
            local_user
        WHERE
            accepted_application);

;
-- ===== migrations/2025-08-06-170325_add_indexes_for_aggregates_activity_new/up.sql
CREATE INDEX idx_post_actions_voted_at ON post_actions (voted_at)
WHERE
    voted_at IS NOT NULL;

CREATE INDEX idx_comment_actions_voted_at ON comment_actions (voted_at)
WHERE
    voted_at IS NOT NULL;

;
-- ===== migrations/2025-08-20-000000_comment-lock/up.sql
ALTER TABLE comment
    ADD COLUMN "locked" bool NOT NULL DEFAULT FALSE;

CREATE TABLE mod_lock_comment (
    id serial PRIMARY KEY,
    mod_person_id integer NOT NULL REFERENCES person ON UPDATE CASCADE ON DELETE CASCADE,
    comment_id integer NOT NULL REFERENCES COMMENT ON UPDATE CASCADE ON DELETE CASCADE,
    locked boolean NOT NULL DEFAULT TRUE,
    reason text,
    published_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX idx_mod_lock_comment_mod ON mod_lock_comment (mod_person_id);

CREATE INDEX idx_mod_lock_comment_comment ON mod_lock_comment (comment_id);

ALTER TABLE modlog_combined
    ADD COLUMN mod_lock_comment_id integer UNIQUE REFERENCES mod_lock_comment ON UPDATE CASCADE ON DELETE CASCADE;

ALTER TABLE modlog_combined
    DROP CONSTRAINT modlog_combined_check,
    ADD CONSTRAINT modlog_combined_check CHECK (num_nonnulls (admin_allow_instance_id, admin_block_instance_id, admin_purge_comment_id, admin_purge_community_id, admin_purge_person_id, admin_purge_post_id, admin_add_id, mod_add_to_community_id, admin_ban_id, mod_ban_from_community_id, mod_feature_post_id, mod_change_community_visibility_id, mod_lock_post_id, mod_remove_comment_id, admin_remove_community_id, mod_remove_post_id, mod_transfer_community_id, mod_lock_comment_id) = 1),
    ALTER CONSTRAINT modlog_combined_mod_lock_comment_id_fkey NOT DEFERRABLE;

;
-- ===== migrations/2025-09-01-141127_local-community-collections/up.sql
UPDATE
    community c1
SET
    moderators_url = trim(TRAILING '/' FROM c2.ap_id) || '/moderators',
    featured_url = trim(TRAILING '/' FROM c2.ap_id) || '/featured'
FROM
    community c2
WHERE
    c1.local
    AND c1.id = c2.id;

;
-- ===== migrations/2025-09-08-000001_add-video-dimensions/up.sql
ALTER TABLE post
    ADD COLUMN embed_video_width integer,
    ADD COLUMN embed_video_height integer;

;
-- ===== migrations/2025-09-08-140711_remove-actor-name-max-length/up.sql
-- get rid of max name length setting
ALTER TABLE local_site
    DROP COLUMN actor_name_max_length;

-- truncate existing strings
UPDATE
    person
SET
    display_name = substring(display_name FROM 1 FOR 50)
WHERE
    length(display_name) > 50;

UPDATE
    community
SET
    title = substring(title FROM 1 FOR 50)
WHERE
    length(title) > 50;

-- reduce max length of db columns
ALTER TABLE person
    ALTER COLUMN display_name TYPE varchar(50);

ALTER TABLE community
    ALTER COLUMN title TYPE varchar(50);

;
-- ===== migrations/2025-09-12-093537_mod-reason-mandatory/up.sql
-- provide default value for null rows
UPDATE
    admin_allow_instance
SET
    reason = 'No reason given'
WHERE
    reason IS NULL;

UPDATE
    admin_ban
SET
    reason = 'No reason given'
WHERE
    reason IS NULL;

UPDATE
    admin_block_instance
SET
    reason = 'No reason given'
WHERE
    reason IS NULL;

UPDATE
    admin_purge_comment
SET
    reason = 'No reason given'
WHERE
    reason IS NULL;

UPDATE
    admin_purge_community
SET
    reason = 'No reason given'
WHERE
    reason IS NULL;

UPDATE
    admin_purge_person
SET
    reason = 'No reason given'
WHERE
    reason IS NULL;

UPDATE
    admin_purge_post
SET
    reason = 'No reason given'
WHERE
    reason IS NULL;

UPDATE
    admin_remove_community
SET
    reason = 'No reason given'
WHERE
    reason IS NULL;

UPDATE
    mod_ban_from_community
SET
    reason = 'No reason given'
WHERE
    reason IS NULL;

UPDATE
    mod_lock_comment
SET
    reason = 'No reason given'
WHERE
    reason IS NULL;

UPDATE
    mod_lock_post
SET
    reason = 'No reason given'
WHERE
    reason IS NULL;

UPDATE
    mod_remove_comment
SET
    reason = 'No reason given'
WHERE
    reason IS NULL;

UPDATE
    mod_remove_post
SET
    reason = 'No reason given'
WHERE
    reason IS NULL;

-- set not null
ALTER TABLE admin_allow_instance
    ALTER COLUMN reason SET NOT NULL;

ALTER TABLE admin_ban
    ALTER COLUMN reason SET NOT NULL;

ALTER TABLE admin_block_instance
    ALTER COLUMN reason SET NOT NULL;

ALTER TABLE admin_purge_comment
    ALTER COLUMN reason SET NOT NULL;

ALTER TABLE admin_purge_community
    ALTER COLUMN reason SET NOT NULL;

ALTER TABLE admin_purge_person
    ALTER COLUMN reason SET NOT NULL;

ALTER TABLE admin_purge_post
    ALTER COLUMN reason SET NOT NULL;

ALTER TABLE admin_remove_community
    ALTER COLUMN reason SET NOT NULL;

ALTER TABLE mod_ban_from_community
    ALTER COLUMN reason SET NOT NULL;

ALTER TABLE mod_lock_comment
    ALTER COLUMN reason SET NOT NULL;

ALTER TABLE mod_lock_post
    ALTER COLUMN reason SET NOT NULL;

ALTER TABLE mod_remove_comment
    ALTER COLUMN reason SET NOT NULL;

ALTER TABLE mod_remove_post
    ALTER COLUMN reason SET NOT NULL;

;
-- ===== migrations/2025-09-15-090401_remove-keyboard-nav/up.sql
ALTER TABLE local_user
    DROP COLUMN enable_keyboard_navigation;

;
-- ===== migrations/2025-09-19-090047_notify-mod-action/up.sql
-- new foreign keys
ALTER TABLE notification
    ADD COLUMN admin_add_id int REFERENCES admin_add ON UPDATE CASCADE ON DELETE CASCADE,
    ADD COLUMN mod_add_to_community_id int REFERENCES mod_add_to_community ON UPDATE CASCADE ON DELETE CASCADE,
    ADD COLUMN admin_ban_id int REFERENCES admin_ban ON UPDATE CASCADE ON DELETE CASCADE,
    ADD COLUMN mod_ban_from_community_id int REFERENCES mod_ban_from_community ON UPDATE CASCADE ON DELETE CASCADE,
    ADD COLUMN mod_lock_post_id int REFERENCES mod_lock_post ON UPDATE CASCADE ON DELETE CASCADE,
    ADD COLUMN mod_remove_comment_id int REFERENCES mod_remove_comment ON UPDATE CASCADE ON DELETE CASCADE,
    ADD COLUMN admin_remove_community_id int REFERENCES admin_remove_community ON UPDATE CASCADE ON DELETE CASCADE,
    ADD COLUMN mod_remove_post_id int REFERENCES mod_remove_post ON UPDATE CASCADE ON DELETE CASCADE,
    ADD COLUMN mod_lock_comment_id int REFERENCES mod_lock_comment ON UPDATE CASCADE ON DELETE CASCADE,
    ADD COLUMN mod_transfer_community_id int REFERENCES mod_transfer_community ON UPDATE CASCADE ON DELETE CASCADE;

-- new types for mod actions
ALTER TYPE notification_type_enum
    ADD value 'ModAction';

-- update constraint with new columns
ALTER TABLE notification
    DROP CONSTRAINT IF EXISTS notification_check;

ALTER TABLE notification
    ADD CONSTRAINT notification_check CHECK (num_nonnulls (post_id, comment_id, private_message_id, admin_add_id, mod_add_to_community_id, admin_ban_id, mod_ban_from_community_id, mod_lock_post_id, mod_remove_post_id, mod_lock_comment_id, mod_remove_comment_id, admin_remove_community_id, mod_transfer_community_id) = 1);

-- add indexes
CREATE INDEX idx_notification_unread ON notification (read);

CREATE INDEX idx_notification_admin_add_id ON notification (admin_add_id)
WHERE
    admin_add_id IS NOT NULL;

CREATE INDEX idx_notification_mod_add_to_community_id ON notification (mod_add_to_community_id)
WHERE
    mod_add_to_community_id IS NOT NULL;

CREATE INDEX idx_notification_admin_ban_id ON notification (admin_ban_id)
WHERE
    admin_ban_id IS NOT NULL;

CREATE INDEX idx_notification_mod_ban_from_community_id ON notification (mod_ban_from_community_id)
WHERE
    mod_ban_from_community_id IS NOT NULL;

CREATE INDEX idx_notification_mod_lock_post_id ON notification (mod_lock_post_id)
WHERE
    mod_lock_post_id IS NOT NULL;

CREATE INDEX idx_notification_mod_remove_comment_id ON notification (mod_remove_comment_id)
WHERE
    mod_remove_comment_id IS NOT NULL;

CREATE INDEX idx_notification_admin_remove_community_id ON notification (admin_remove_community_id)
WHERE
    admin_remove_community_id IS NOT NULL;

CREATE INDEX idx_notification_mod_remove_post_id ON notification (mod_remove_post_id)
WHERE
    mod_remove_post_id IS NOT NULL;

CREATE INDEX idx_notification_mod_lock_comment_id ON notification (mod_lock_comment_id)
WHERE
    mod_lock_comment_id IS NOT NULL;

CREATE INDEX idx_notification_mod_transfer_community_id ON notification (mod_transfer_community_id)
WHERE
    mod_transfer_community_id IS NOT NULL;

;
-- ===== migrations/2025-09-19-132648-0000_theme-instance-default/up.sql
UPDATE
    local_user
SET
    theme = 'instance'
WHERE
    theme = 'browser';

UPDATE
    local_user
SET
    theme = 'instance-compact'
WHERE
    theme = 'browser-compact';

;
-- ===== migrations/2025-10-08-084508-0000_multi-comm-index-lower/up.sql
CREATE UNIQUE INDEX idx_multi_community_lower_actor_id ON multi_community (lower(ap_id));

;
-- ===== migrations/2025-10-09-101527-0000_community-follower-denied/up.sql
-- add follow state denied for private communities
ALTER TYPE community_follower_state
    ADD value 'Denied';

;
-- ===== migrations/2025-10-15-114811-0000_merge-modlog-tables/up.sql
-- New enum with all possible mod actions
-- TODO: We could also remove the Admin/Mod prefix
CREATE TYPE modlog_kind AS enum (
    'AdminAdd',
    'AdminBan',
    'AdminAllowInstance',
    'AdminBlockInstance',
    'AdminPurgeComment',
    'AdminPurgeCommunity',
    'AdminPurgePerson',
    'AdminPurgePost',
    'ModAddToCommunity',
    'ModBanFromCommunity',
    'ModFeaturePostCommunity',
    'AdminFeaturePostSite',
    'ModChangeCommunityVisibility',
    'ModLockPost',
    'ModRemoveComment',
    'AdminRemoveCommunity',
    'ModRemovePost',
    'ModTransferCommunity',
    'ModLockComment'
);

-- New table with data for all mod actions
CREATE TABLE modlog (
    id serial PRIMARY KEY,
    kind modlog_kind NOT NULL,
    -- Used to be `revert`, but that makes little sense for things like feature post or
    -- transfer community. Instead we use this which means values have to be inverted.
    is_revert boolean NOT NULL,
    -- Not using `references person` for any of the foreign keys to avoid modlog entries
    -- disappearing if the mod or any target gets purged.
    mod_id int NOT NULL,
    -- For some actions reason is quite pointless so leave it optional (eg add admin, feature post)
    reason text,
    target_person_id int,
    target_community_id int,
    target_post_id int,
    target_comment_id int,
    target_instance_id int,
    expires_at timestamptz,
    published_at timestamptz NOT NULL DEFAULT now()
);

-- Most mod actions can have only one target. We could make this much more specific and state
-- which exact column must be set for each kind but that would be excessive.
ALTER TABLE modlog
    ADD CHECK ((kind = 'AdminAdd'
        AND num_nonnulls (target_person_id) = 1
        AND num_nonnulls (target_community_id, target_post_id, target_comment_id, target_instance_id) = 0)
        OR (kind = 'AdminBan'
        AND num_nonnulls (target_person_id, target_instance_id) = 2
        AND num_nonnulls (target_community_id, target_post_id, target_comment_id) = 0)
        OR (kind = 'ModRemovePost'
        AND num_nonnulls (target_post_id, target_person_id) = 2
        AND num_nonnulls (target_community_id, target_instance_id, target_comment_id) = 0)
        OR (kind = 'ModRemoveComment'
        AND num_nonnulls (target_comment_id, target_person_id, target_post_id) = 3
        AND num_nonnulls (target_community_id, target_instance_id) = 0)
        OR (kind = 'ModLockComment'
        AND num_nonnulls (target_comment_id, target_person_id) = 2
        AND num_nonnulls (target_community_id, target_instance_id, target_post_id) = 0)
        OR (kind = 'ModLockPost'
        AND num_nonnulls (target_post_id, target_person_id, target_community_id) = 3
        AND num_nonnulls (target_instance_id, target_comment_id) = 0)
        OR (kind = 'AdminRemoveCommunity'
        AND num_nonnulls (target_community_id) = 1
        -- target_person_id (community owner) can be either null or not null here
        AND num_nonnulls (target_post_id, target_instance_id, target_comment_id) = 0)
        OR (kind = 'ModChangeCommunityVisibility'
        AND num_nonnulls (target_community_id) = 1
        AND num_nonnulls (target_post_id, target_instance_id, target_person_id, target_comment_id) = 0)
        OR (kind = 'ModBanFromCommunity'
        AND num_nonnulls (target_community_id, target_person_id) = 2
        AND num_nonnulls (target_post_id, target_instance_id, target_comment_id) = 0)
        OR (kind = 'ModAddToCommunity'
        AND num_nonnulls (target_community_id, target_person_id) = 2
        AND num_nonnulls (target_post_id, target_instance_id, target_comment_id) = 0)
        OR (kind = 'ModTransferCommunity'
        AND num_nonnulls (target_community_id, target_person_id) = 2
        AND num_nonnulls (target_post_id, target_instance_id, target_comment_id) = 0)
        OR (kind = 'AdminAllowInstance'
        AND num_nonnulls (target_instance_id) = 1
        AND num_nonnulls (target_post_id, target_person_id, target_community_id, target_comment_id) = 0)
        OR (kind = 'AdminBlockInstance'
        AND num_nonnulls (target_instance_id) = 1
        AND num_nonnulls (target_post_id, target_person_id, target_community_id, target_comment_id) = 0)
        OR (kind = 'AdminPurgeComment'
        AND num_nonnulls (target_post_id, target_person_id, target_community_id) = 3
        AND num_nonnulls (target_instance_id, target_comment_id) = 0)
        OR (kind = 'AdminPurgePost'
        AND num_nonnulls (target_community_id) = 1
        AND num_nonnulls (target_post_id, target_person_id, target_instance_id, target_comment_id) = 0)
        OR (kind = 'AdminPurgeCommunity'
        AND num_nonnulls (target_post_id, target_person_id, target_community_id, target_instance_id, target_comment_id) = 0)
        OR (kind = 'AdminPurgePerson'
        AND num_nonnulls (target_post_id, target_person_id, target_community_id, target_instance_id, target_comment_id) = 0)
        OR (kind = 'ModFeaturePostCommunity'
        AND num_nonnulls (target_post_id, target_community_id) = 2
        AND num_nonnulls (target_instance_id, target_person_id, target_comment_id) = 0)
        OR (kind = 'AdminFeaturePostSite'
        AND num_nonnulls (target_post_id) = 1
        AND num_nonnulls (target_instance_id, target_person_id, target_comment_id, target_community_id) = 0));

-- copy old data to new table
INSERT INTO modlog (kind, is_revert, mod_id, target_person_id, published_at)
SELECT
    'AdminAdd',
    NOT removed,
    mod_person_id,
    other_person_id,
    published_at
FROM
    admin_add;

INSERT INTO modlog (kind, reason, is_revert, mod_id, target_person_id, target_instance_id, published_at)
SELECT
    'AdminBan',
    reason,
    NOT banned,
    mod_person_id,
    other_person_id,
    p.instance_id,
    a. published_at
FROM
    admin_ban a
    INNER JOIN person p ON p.id = mod_person_id;

INSERT INTO modlog (kind, reason, is_revert, mod_id, target_post_id, target_person_id, published_at)
SELECT
    'ModRemovePost',
    reason,
    NOT m.removed,
    mod_person_id,
    post_id,
    p.creator_id,
    m.published_at
FROM
    mod_remove_post m
    INNER JOIN post p ON p.id = post_id;

INSERT INTO modlog (kind, reason, is_revert, mod_id, target_comment_id, target_person_id, target_post_id, published_at)
SELECT
    'ModRemoveComment',
    reason,
    NOT m.removed,
    mod_person_id,
    comment_id,
    c.creator_id,
    c.post_id,
    m.published_at
FROM
    mod_remove_comment m
    INNER JOIN comment c ON c.id = comment_id;

INSERT INTO modlog (kind, reason, is_revert, mod_id, target_comment_id, target_person_id, published_at)
SELECT
    'ModLockComment',
    reason,
    NOT m.LOCKED,
    mod_person_id,
    comment_id,
    c.creator_id,
    m.published_at
FROM
    mod_lock_comment m
    INNER JOIN comment c ON c.id = comment_id;

INSERT INTO modlog (kind, reason, is_revert, mod_id, target_post_id, target_person_id, target_community_id, published_at)
SELECT
    'ModLockPost',
    reason,
    NOT m.LOCKED,
    mod_person_id,
    post_id,
    p.creator_id,
    p.community_id,
    m.published_at
FROM
    mod_lock_post m
    INNER JOIN post p ON p.id = post_id;

INSERT INTO modlog (kind, reason, is_revert, mod_id, target_community_id, published_at)
SELECT
    'AdminRemoveCommunity',
    reason,
    NOT removed,
    mod_person_id,
    community_id,
    published_at
FROM
    admin_remove_community;

INSERT INTO modlog (kind, is_revert, mod_id, target_community_id, published_at)
SELECT
    'ModChangeCommunityVisibility',
    FALSE,
    mod_person_id,
    community_id,
    published_at
FROM
    mod_change_community_visibility;

INSERT INTO modlog (kind, reason, is_revert, mod_id, target_community_id, target_person_id, expires_at, published_at)
SELECT
    'ModBanFromCommunity',
    reason,
    NOT banned,
    mod_person_id,
    community_id,
    other_person_id,
    expires_at,
    published_at
FROM
    mod_ban_from_community;

INSERT INTO modlog (kind, is_revert, mod_id, target_community_id, target_person_id, published_at)
SELECT
    'ModAddToCommunity',
    NOT removed,
    mod_person_id,
    community_id,
    other_person_id,
    published_at
FROM
    mod_add_to_community;

INSERT INTO modlog (kind, is_revert, mod_id, target_community_id, target_person_id, published_at)
SELECT
    'ModTransferCommunity',
    FALSE,
    mod_person_id,
    community_id,
    other_person_id,
    published_at
FROM
    mod_transfer_community;

INSERT INTO modlog (kind, reason, is_revert, mod_id, target_instance_id, published_at)
SELECT
    'AdminAllowInstance',
    reason,
    NOT allowed,
    admin_person_id,
    instance_id,
    published_at
FROM
    admin_allow_instance;

INSERT INTO modlog (kind, reason, is_revert, mod_id, target_instance_id, published_at)
SELECT
    'AdminBlockInstance',
    reason,
    NOT blocked,
    admin_person_id,
    instance_id,
    published_at
FROM
    admin_block_instance;

INSERT INTO modlog (kind, reason, is_revert, mod_id, target_post_id, target_person_id, target_community_id, published_at)
SELECT
    'AdminPurgeComment',
    reason,
    FALSE,
    admin_person_id,
    post_id,
    p.creator_id,
    p.community_id,
    a.published_at
FROM
    admin_purge_comment a
    INNER JOIN post p ON p.id = post_id;

INSERT INTO modlog (kind, reason, is_revert, mod_id, target_community_id, published_at)
SELECT
    'AdminPurgePost',
    reason,
    FALSE,
    admin_person_id,
    community_id,
    published_at
FROM
    admin_purge_post;

INSERT INTO modlog (kind, reason, is_revert, mod_id, published_at)
SELECT
    'AdminPurgeCommunity',
    reason,
    FALSE,
    admin_person_id,
    published_at
FROM
    admin_purge_community;

INSERT INTO modlog (kind, reason, is_revert, mod_id, published_at)
SELECT
    'AdminPurgePerson',
    reason,
    FALSE,
    admin_person_id,
    published_at
FROM
    admin_purge_person;

INSERT INTO modlog (kind, is_revert, mod_id, target_post_id, target_community_id, published_at)
SELECT
    'ModFeaturePostCommunity',
    NOT featured,
    mod_person_id,
    post_id,
    post.community_id,
    m.published_at
FROM
    mod_feature_post m
    INNER JOIN post ON post.id = m.post_id
WHERE
    is_featured_community;

INSERT INTO modlog (kind, is_revert, mod_id, target_post_id, published_at)
SELECT
    'AdminFeaturePostSite',
    NOT featured,
    mod_person_id,
    post_id,
    published_at
FROM
    mod_feature_post
WHERE
    NOT is_featured_community;

ALTER TABLE notification
    DROP CONSTRAINT IF EXISTS notification_check;

-- Rewrite notifications to reference new modlog table. This is not used in production yet
-- so no need to copy over data.
ALTER TABLE notification
    DROP COLUMN admin_add_id,
    DROP COLUMN mod_add_to_community_id,
    DROP COLUMN admin_ban_id,
    DROP COLUMN mod_ban_from_community_id,
    DROP COLUMN mod_lock_post_id,
    DROP COLUMN mod_remove_comment_id,
    DROP COLUMN admin_remove_community_id,
    DROP COLUMN mod_remove_post_id,
    DROP COLUMN mod_lock_comment_id,
    DROP COLUMN mod_transfer_community_id,
    ADD COLUMN modlog_id int REFERENCES modlog ON UPDATE CASCADE ON DELETE CASCADE;

DELETE FROM notification
WHERE post_id IS NULL
    AND comment_id IS NULL
    AND private_message_id IS NULL
    AND modlog_id IS NULL;

ALTER TABLE notification
    ADD CONSTRAINT notification_check CHECK (num_nonnulls (post_id, comment_id, private_message_id, modlog_id) = 1);

CREATE INDEX idx_notification_modlog_id ON notification USING btree (modlog_id)
WHERE (modlog_id IS NOT NULL);

DROP TABLE modlog_combined, admin_add, admin_allow_instance, admin_ban, admin_block_instance, admin_remove_community, admin_purge_comment, admin_purge_community, admin_purge_person, admin_purge_post, mod_add_to_community, mod_ban_from_community, mod_change_community_visibility, mod_feature_post, mod_lock_comment, mod_lock_post, mod_remove_comment, mod_remove_post, mod_transfer_community;

;
-- ===== migrations/2025-11-05-181519-0000_add_registration_application_updated_at/up.sql
ALTER TABLE registration_application
    ADD COLUMN updated_at timestamptz;

CREATE INDEX idx_registration_application_updated ON registration_application (updated_at DESC);

;
-- ===== migrations/2025-11-08-123111-0000_add_multi_community_subscribers_community_count/up.sql
ALTER TABLE multi_community
    ADD COLUMN subscribers int NOT NULL DEFAULT 0,
    ADD COLUMN subscribers_local int NOT NULL DEFAULT 0,
    ADD COLUMN communities int NOT NULL DEFAULT 0;

-- Add indexes for all the sorts, to somewhat match the ones on community
CREATE INDEX idx_multi_community_lower_name ON multi_community (lower(name::text) DESC, id DESC);

CREATE INDEX idx_multi_community_subscribers ON multi_community (subscribers DESC, id DESC);

CREATE INDEX idx_multi_community_subscribers_local ON multi_community (subscribers_local DESC, id DESC);

CREATE INDEX idx_multi_community_communities ON multi_community (communities DESC, id DESC);

CREATE INDEX idx_multi_community_published ON multi_community (published_at DESC, id DESC);

;
-- ===== migrations/2026-01-08-132525-0000_community-sidebar-summary/up.sql
ALTER TABLE community RENAME description TO summary;

ALTER TABLE community RENAME COLUMN sidebar TO description;

ALTER TABLE community_report RENAME original_community_description TO original_community_summary;

ALTER TABLE community_report RENAME original_community_sidebar TO original_community_description;

ALTER TABLE site RENAME description TO summary;

ALTER TABLE site RENAME COLUMN sidebar TO description;

;
-- ===== migrations/2026-01-19-122321-0000_add_community_tag_color/up.sql
-- creates a new tag color enum
CREATE TYPE tag_color_enum AS ENUM (
    'color01',
    'color02',
    'color03',
    'color04',
    'color05',
    'color06',
    'color07',
    'color08',
    'color09',
    'color10'
);

ALTER TABLE tag
    ADD COLUMN color tag_color_enum DEFAULT 'color01' NOT NULL;

;
-- ===== migrations/2026-01-23-094410-0000_rename-sidebar-again/up.sql
ALTER TABLE community RENAME description TO sidebar;

ALTER TABLE community_report RENAME original_community_description TO original_community_sidebar;

ALTER TABLE site RENAME description TO sidebar;

-- using summary for this because it has 150 char limit
ALTER TABLE multi_community RENAME description TO summary;

ALTER TABLE tag RENAME description TO summary;

ALTER TABLE tag
    ALTER summary TYPE varchar(150);

;
-- ===== migrations/2026-01-23-140244-0000_rename-tag-to-community-tag/up.sql
ALTER TABLE tag RENAME TO community_tag;

ALTER TABLE post_tag RENAME tag_id TO community_tag_id;

ALTER TABLE post_tag RENAME TO post_community_tag;

;
-- ===== migrations/2026-01-28-115414-0000_captcha-plugin/up.sql
DROP TABLE captcha_answer;

ALTER TABLE local_site
    DROP COLUMN captcha_enabled;

ALTER TABLE local_site
    DROP COLUMN captcha_difficulty;

;
-- ===== migrations/2026-02-01-205644-0000_add_moderator_warn_modlog_kind/up.sql
ALTER TYPE modlog_kind
    ADD VALUE 'ModWarnComment';

ALTER TYPE modlog_kind
    ADD VALUE 'ModWarnPost';

;
-- ===== migrations/2026-02-03-235249-0000_add_moderator_warn_constraint_check/up.sql
-- add ModWarn to constraint checks
ALTER TABLE modlog
    DROP CONSTRAINT IF EXISTS modlog_check;

ALTER TABLE modlog
    ADD CHECK ((kind = 'AdminAdd'
        AND num_nonnulls (target_person_id) = 1
        AND num_nonnulls (target_community_id, target_post_id, target_comment_id, target_instance_id) = 0)
        OR (kind = 'AdminBan'
        AND num_nonnulls (target_person_id, target_instance_id) = 2
        AND num_nonnulls (target_community_id, target_post_id, target_comment_id) = 0)
        OR (kind = 'ModRemovePost'
        AND num_nonnulls (target_post_id, target_person_id) = 2
        AND num_nonnulls (target_community_id, target_instance_id, target_comment_id) = 0)
        OR (kind = 'ModRemoveComment'
        AND num_nonnulls (target_comment_id, target_person_id, target_post_id) = 3
        AND num_nonnulls (target_community_id, target_instance_id) = 0)
        OR (kind = 'ModLockComment'
        AND num_nonnulls (target_comment_id, target_person_id) = 2
        AND num_nonnulls (target_community_id, target_instance_id, target_post_id) = 0)
        OR (kind = 'ModWarnComment'
        AND num_nonnulls (target_comment_id, target_person_id, target_post_id, target_community_id) = 4
        AND num_nonnulls (target_instance_id) = 0)
        OR (kind = 'ModLockPost'
        AND num_nonnulls (target_post_id, target_person_id, target_community_id) = 3
        AND num_nonnulls (target_instance_id, target_comment_id) = 0)
        OR (kind = 'ModWarnPost'
        AND num_nonnulls (target_post_id, target_person_id, target_community_id) = 3
        AND num_nonnulls (target_instance_id, target_comment_id) = 0)
        OR (kind = 'AdminRemoveCommunity'
        AND num_nonnulls (target_community_id) = 1
        AND num_nonnulls (target_post_id, target_instance_id, target_comment_id) = 0)
        OR (kind = 'ModChangeCommunityVisibility'
        AND num_nonnulls (target_community_id) = 1
        AND num_nonnulls (target_post_id, target_instance_id, target_person_id, target_comment_id) = 0)
        OR (kind = 'ModBanFromCommunity'
        AND num_nonnulls (target_community_id, target_person_id) = 2
        AND num_nonnulls (target_post_id, target_instance_id, target_comment_id) = 0)
        OR (kind = 'ModAddToCommunity'
        AND num_nonnulls (target_community_id, target_person_id) = 2
        AND num_nonnulls (target_post_id, target_instance_id, target_comment_id) = 0)
        OR (kind = 'ModTransferCommunity'
        AND num_nonnulls (target_community_id, target_person_id) = 2
        AND num_nonnulls (target_post_id, target_instance_id, target_comment_id) = 0)
        OR (kind = 'AdminAllowInstance'
        AND num_nonnulls (target_instance_id) = 1
        AND num_nonnulls (target_post_id, target_person_id, target_community_id, target_comment_id) = 0)
        OR (kind = 'AdminBlockInstance'
        AND num_nonnulls (target_instance_id) = 1
        AND num_nonnulls (target_post_id, target_person_id, target_community_id, target_comment_id) = 0)
        OR (kind = 'AdminPurgeComment'
        AND num_nonnulls (target_post_id, target_person_id, target_community_id) = 3
        AND num_nonnulls (target_instance_id, target_comment_id) = 0)
        OR (kind = 'AdminPurgePost'
        AND num_nonnulls (target_community_id) = 1
        AND num_nonnulls (target_post_id, target_person_id, target_instance_id, target_comment_id) = 0)
        OR (kind = 'AdminPurgeCommunity'
        AND num_nonnulls (target_post_id, target_person_id, target_community_id, target_instance_id, target_comment_id) = 0)
        OR (kind = 'AdminPurgePerson'
        AND num_nonnulls (target_post_id, target_person_id, target_community_id, target_instance_id, target_comment_id) = 0)
        OR (kind = 'ModFeaturePostCommunity'
        AND num_nonnulls (target_post_id, target_community_id) = 2
        AND num_nonnulls (target_instance_id, target_person_id, target_comment_id) = 0)
        OR (kind = 'AdminFeaturePostSite'
        AND num_nonnulls (target_post_id) = 1
        AND num_nonnulls (target_instance_id, target_person_id, target_comment_id, target_community_id) = 0));

;
-- ===== migrations/2026-02-19-120000-0000_add_bulk_to_modlog/up.sql
ALTER TABLE modlog
    ADD COLUMN bulk_action_parent_id int REFERENCES modlog (id) ON UPDATE CASCADE ON DELETE CASCADE;

CREATE INDEX idx_modlog_bulk_action_parent_id ON modlog (bulk_action_parent_id);

;
-- ===== migrations/2026-02-19-192014-0000_rename_suggested_communities/up.sql
ALTER TABLE local_site RENAME COLUMN suggested_communities TO suggested_multi_community_id;

;
-- ===== migrations/2026-02-24-205759-0000_add_notification_creator_id/up.sql
-- Add a creator_id column to notifications.
ALTER TABLE notification
    ADD COLUMN creator_id int REFERENCES person ON UPDATE CASCADE ON DELETE CASCADE;

-- Update the data
-- Private messages
UPDATE
    notification n
SET
    creator_id = p.creator_id
FROM
    private_message p
WHERE
    n.private_message_id = p.id;

-- Posts
UPDATE
    notification n
SET
    creator_id = p.creator_id
FROM
    post p
WHERE
    n.post_id = p.id;

-- Comments
UPDATE
    notification n
SET
    creator_id = c.creator_id
FROM
    comment c
WHERE
    n.comment_id = c.id;

-- Mod actions
UPDATE
    notification n
SET
    creator_id = m.mod_id
FROM
    modlog m
WHERE
    n.modlog_id = m.id;

-- Make column not null
ALTER TABLE notification
    ALTER COLUMN creator_id SET NOT NULL;

-- Create an index
CREATE INDEX idx_notification_creator ON notification (creator_id);

;
-- ===== migrations/2026-03-02-231448-0000_add_multi_community_sidebar/up.sql
ALTER TABLE multi_community
    ADD COLUMN sidebar text;

;
-- ===== migrations/2026-03-03-211442-0000_move_config_pictrs_to_db/up.sql
-- This moves a few pictrs related settings in the config, to the database
CREATE TYPE image_mode_enum AS enum (
    'None',
    'StoreLinkPreviews',
    'ProxyAllImages'
);

ALTER TABLE local_site
    ADD COLUMN image_mode image_mode_enum NOT NULL DEFAULT 'ProxyAllImages',
    ADD COLUMN image_proxy_bypass_domains text,
    ADD COLUMN image_upload_timeout_seconds int NOT NULL DEFAULT 30,
    ADD COLUMN image_max_thumbnail_size int NOT NULL DEFAULT 512,
    ADD COLUMN image_max_avatar_size int NOT NULL DEFAULT 512,
    ADD COLUMN image_max_banner_size int NOT NULL DEFAULT 1024,
    ADD COLUMN image_max_upload_size int NOT NULL DEFAULT 1024,
    ADD COLUMN image_allow_video_uploads boolean NOT NULL DEFAULT TRUE,
    ADD COLUMN image_upload_disabled boolean NOT NULL DEFAULT FALSE;

;
-- ===== migrations/2026-03-04-143123-0000_add_deleted_by_recip_to_pm/up.sql
ALTER TABLE private_message
    ADD COLUMN deleted_by_recipient boolean NOT NULL DEFAULT FALSE;

;
-- ===== migrations/2026-03-08-021022-0000_fixup_post_action_indexes/up.sql
-- Remove a pointless hidden index, and add a better one.
DROP INDEX idx_post_actions_hidden_not_null;

CREATE INDEX idx_post_actions_person_hidden ON post_actions (person_id, hidden_at DESC, post_id DESC)
WHERE
    hidden_at IS NOT NULL;

-- Remove 2 pointless read_at indexes, create a better one.
DROP INDEX idx_post_actions_read_not_null, idx_post_actions_on_read_read_not_null;

CREATE INDEX idx_post_actions_person_read ON post_actions (person_id, read_at DESC, post_id DESC)
WHERE
    read_at IS NOT NULL;

;
-- ===== migrations/2026-03-08-202630-0000_add_modlog_foreign_keys/up.sql
-- Use on delete set null for all these (except require mod_id), so that if an item is purged, the modlog rows will still remain.
ALTER TABLE modlog
    ADD CONSTRAINT modlog_mod_fkey FOREIGN KEY (mod_id) REFERENCES person ON UPDATE CASCADE ON DELETE CASCADE,
    ADD CONSTRAINT modlog_target_person_fkey FOREIGN KEY (target_person_id) REFERENCES person ON UPDATE CASCADE ON DELETE CASCADE,
    ADD CONSTRAINT modlog_target_community_fkey FOREIGN KEY (target_community_id) REFERENCES community ON UPDATE CASCADE ON DELETE CASCADE,
    ADD CONSTRAINT modlog_target_post_fkey FOREIGN KEY (target_post_id) REFERENCES post ON UPDATE CASCADE ON DELETE CASCADE,
    ADD CONSTRAINT modlog_target_comment_fkey FOREIGN KEY (target_comment_id) REFERENCES COMMENT ON UPDATE CASCADE ON DELETE CASCADE,
    ADD CONSTRAINT modlog_target_instance_fkey FOREIGN KEY (target_instance_id) REFERENCES instance ON UPDATE CASCADE ON DELETE CASCADE;

CREATE INDEX idx_modlog_kind ON modlog (kind);

CREATE INDEX idx_modlog_mod ON modlog (mod_id);

CREATE INDEX idx_modlog_target_person ON modlog (target_person_id)
WHERE
    target_person_id IS NOT NULL;

CREATE INDEX idx_modlog_target_community ON modlog (target_community_id)
WHERE
    target_community_id IS NOT NULL;

CREATE INDEX idx_modlog_target_post ON modlog (target_post_id)
WHERE
    target_post_id IS NOT NULL;

CREATE INDEX idx_modlog_target_comment ON modlog (target_comment_id)
WHERE
    target_comment_id IS NOT NULL;

CREATE INDEX idx_modlog_target_instance ON modlog (target_instance_id)
WHERE
    target_instance_id IS NOT NULL;

CREATE INDEX idx_modlog_published_id ON modlog (published_at DESC, id DESC);

;
-- ===== migrations/2026-03-09-014616-0000_add_resolved_report_combined/up.sql
-- Adds resolved to the report combined table to speed up queries.
ALTER TABLE report_combined
    ADD COLUMN resolved boolean NOT NULL DEFAULT FALSE;

-- post
UPDATE
    report_combined AS rc
SET
    resolved = r.resolved
FROM
    post_report r
WHERE
    rc.post_report_id = r.id;

-- comment
UPDATE
    report_combined AS rc
SET
    resolved = r.resolved
FROM
    comment_report r
WHERE
    rc.comment_report_id = r.id;

-- community
UPDATE
    report_combined AS rc
SET
    resolved = r.resolved
FROM
    community_report r
WHERE
    rc.community_report_id = r.id;

-- private message
UPDATE
    report_combined AS rc
SET
    resolved = r.resolved
FROM
    private_message_report r
WHERE
    rc.private_message_report_id = r.id;

-- For unresolved, its an asc query
DROP INDEX idx_report_combined_published_asc;

CREATE INDEX idx_report_combined_published_asc ON report_combined (resolved, published_at, id);

;
-- ===== migrations/2026-03-12-181649-0000_add_person_search_indexes/up.sql
-- Adds some missing indexes to the person and multi_community tables, used for searching
CREATE INDEX idx_person_post_score ON person (post_score DESC);

CREATE INDEX idx_person_comment_score ON person (comment_score DESC);

DROP INDEX idx_person_trigram;

CREATE INDEX idx_person_trigram ON person USING gin (name gin_trgm_ops, display_name gin_trgm_ops, bio gin_trgm_ops);

CREATE INDEX idx_multi_community_trigram ON multi_community USING gin (name gin_trgm_ops, title gin_trgm_ops, summary gin_trgm_ops, sidebar gin_trgm_ops);

-- The community one used some wrong terms.
DROP INDEX idx_community_trigram;

CREATE INDEX idx_community_trigram ON community USING gin (name gin_trgm_ops, title gin_trgm_ops, summary gin_trgm_ops, sidebar gin_trgm_ops);

;
-- ===== migrations/2026-03-13-123650-0000_fix_post_community_indexes/up.sql
-- These were found to be faster when community_id comes after the sorts
DROP INDEX idx_post_featured_community_published;

DROP INDEX idx_post_community_published;

DROP INDEX idx_post_community_active;

DROP INDEX idx_post_community_controversy;

DROP INDEX idx_post_community_hot;

DROP INDEX idx_post_community_most_comments;

DROP INDEX idx_post_community_newest_comment_time;

DROP INDEX idx_post_community_newest_comment_time_necro;

DROP INDEX idx_post_community_scaled;

DROP INDEX idx_post_community_score;

DROP INDEX idx_post_featured_community_active;

DROP INDEX idx_post_featured_community_controversy;

DROP INDEX idx_post_featured_community_hot;

DROP INDEX idx_post_featured_community_most_comments;

DROP INDEX idx_post_featured_community_newest_comment_time;

DROP INDEX idx_post_featured_community_newest_comment_time_necr;

DROP INDEX idx_post_featured_community_scaled;

DROP INDEX idx_post_featured_community_score;

CREATE INDEX idx_post_featured_community_published ON post (featured_community DESC, published_at DESC, id DESC, community_id);

CREATE INDEX idx_post_community_published ON post (published_at DESC, id DESC, community_id);

CREATE INDEX idx_post_community_active ON post (featured_local DESC, hot_rank_active DESC, published_at DESC, id DESC, community_id);

CREATE INDEX idx_post_community_controversy ON post (featured_local DESC, controversy_rank DESC, id DESC, community_id);

CREATE INDEX idx_post_community_hot ON post (featured_local DESC, hot_rank DESC, published_at DESC, id DESC, community_id);

CREATE INDEX idx_post_community_most_comments ON post (featured_local DESC, comments DESC, published_at DESC, id DESC, community_id);

CREATE INDEX idx_post_community_newest_comment_time ON post (featured_local DESC, coalesce(newest_comment_time_at, published_at) DESC, id DESC, community_id);

CREATE INDEX idx_post_community_newest_comment_time_necro ON post (featured_local DESC, coalesce(newest_comment_time_necro_at, published_at) DESC, id DESC, community_id);

CREATE INDEX idx_post_community_scaled ON post (featured_local DESC, scaled_rank DESC, published_at DESC, id DESC, community_id);

CREATE INDEX idx_post_community_score ON post (featured_local DESC, score DESC, published_at DESC, id DESC, community_id);

CREATE INDEX idx_post_featured_community_active ON post (featured_community DESC, hot_rank_active DESC, published_at DESC, id DESC, community_id);

CREATE INDEX idx_post_featured_community_controversy ON post (featured_community DESC, controversy_rank DESC, id DESC, community_id);

CREATE INDEX idx_post_featured_community_hot ON post (featured_community DESC, hot_rank DESC, published_at DESC, id DESC, community_id);

CREATE INDEX idx_post_featured_community_most_comments ON post (featured_community DESC, comments DESC, published_at DESC, id DESC, community_id);

CREATE INDEX idx_post_featured_community_newest_comment_time ON post (featured_community DESC, coalesce(newest_comment_time_at, published_at) DESC, id DESC, community_id);

CREATE INDEX idx_post_featured_community_newest_comment_time_necr ON post (featured_community DESC, coalesce(newest_comment_time_necro_at, published_at) DESC, id DESC, community_id);

-- Needed to recreate this one
CREATE INDEX idx_post_featured_community_published_asc ON post (featured_community DESC, reverse_timestamp_sort (published_at) DESC, id DESC, community_id);

CREATE INDEX idx_post_featured_community_scaled ON post (featured_community DESC, scaled_rank DESC, published_at DESC, id DESC, community_id);

CREATE INDEX idx_post_featured_community_score ON post (featured_community DESC, score DESC, published_at DESC, id DESC, community_id);

;
-- ===== migrations/2026-03-19-234307-0000_same_table_joins/up.sql
-- This adds (sometimes redundant) id columns to source tables, so that views can be built without needing to cascade joins to multiple tables.
-- Add a redundant community_id back to the comment table
ALTER TABLE comment
    ADD COLUMN community_id int REFERENCES community (id) ON UPDATE CASCADE ON DELETE CASCADE;

-- Disable the triggers temporarily
ALTER TABLE comment DISABLE TRIGGER ALL;

-- disable all table indexes
UPDATE
    pg_index
SET
    indisready = FALSE
WHERE
    indrelid = (
        SELECT
            oid
        FROM
            pg_class
        WHERE
            relname = 'comment');

-- Fill the rows
UPDATE
    comment AS c
SET
    community_id = p.community_id
FROM
    post AS p
WHERE
    c.post_id = p.id;

-- Set it to not null
ALTER TABLE comment
    ALTER COLUMN community_id SET NOT NULL;

-- Re-enable triggers after update
ALTER TABLE comment ENABLE TRIGGER ALL;

-- Re-enable indexes
UPDATE
    pg_index
SET
    indisready = TRUE
WHERE
    indrelid = (
        SELECT
            oid
        FROM
            pg_class
        WHERE
            relname = 'comment');

-- reindex
REINDEX TABLE comment;

CREATE INDEX idx_comment_community ON comment (community_id);

-- Notification
-- Add an optional instance_id (for modlog view)
ALTER TABLE notification
    ADD COLUMN instance_id int REFERENCES instance (id) ON UPDATE CASCADE ON DELETE CASCADE,
    ADD COLUMN community_id int REFERENCES community (id) ON UPDATE CASCADE ON DELETE CASCADE,
    -- drop the check constraint
    DROP CONSTRAINT notification_check;

-- Currently the notification _id columns are only referenced by that item (ie a comment_id and not a post_id).
-- Change this so that the post_id column is also filled for comments.
UPDATE
    notification AS n
SET
    post_id = c.post_id,
    community_id = c.community_id
FROM
    comment AS c
WHERE
    n.comment_id = c.id;

-- Update post community id
UPDATE
    notification AS n
SET
    community_id = p.community_id
FROM
    post AS p
WHERE
    n.post_id = p.id;

-- Update all the modlog-related columns also
UPDATE
    notification AS n
SET
    post_id = m.target_post_id,
    comment_id = m.target_comment_id,
    community_id = m.target_community_id,
    instance_id = m.target_instance_id
    -- person_id is already handled by recipient id
FROM
    modlog AS m
WHERE
    n.modlog_id = m.id;

-- Add back in a constraint check
ALTER TABLE notification
    ADD CHECK (((kind = 'Mention'
        OR kind = 'Reply')
        AND num_nonnulls (post_id, comment_id, community_id) >= 2)
        OR (kind = 'PrivateMessage'
        AND num_nonnulls (private_message_id) = 1)
        OR (kind = 'Subscribed'
        AND num_nonnulls (post_id) = 1)
        OR (kind = 'ModAction'
        AND num_nonnulls (modlog_id, post_id, comment_id, community_id, instance_id) >= 2));

CREATE INDEX idx_notification_community ON notification (community_id);

CREATE INDEX idx_notification_instance ON notification (instance_id);

-- Report combined needs all the items added, item_creator, report_creator (required), resolver, post, comment, community, private message
ALTER TABLE report_combined
    ADD COLUMN item_creator_id int REFERENCES person (id) ON UPDATE CASCADE ON DELETE CASCADE,
    ADD COLUMN report_creator_id int REFERENCES person (id) ON UPDATE CASCADE ON DELETE CASCADE,
    ADD COLUMN resolver_id int REFERENCES person (id) ON UPDATE CASCADE ON DELETE CASCADE,
    ADD COLUMN post_id int REFERENCES post (id) ON UPDATE CASCADE ON DELETE CASCADE,
    ADD COLUMN comment_id int REFERENCES comment (id) ON UPDATE CASCADE ON DELETE CASCADE,
    ADD COLUMN community_id int REFERENCES community (id) ON UPDATE CASCADE ON DELETE CASCADE,
    ADD COLUMN private_message_id int REFERENCES private_message (id) ON UPDATE CASCADE ON DELETE CASCADE;

-- Comment report
UPDATE
    report_combined AS rc
SET
    item_creator_id = c.creator_id,
    report_creator_id = cr.creator_id,
    resolver_id = cr.resolver_id,
    comment_id = c.id,
    post_id = c.post_id,
    community_id = c.community_id
FROM
    comment_report AS cr,
    comment AS c
WHERE
    rc.comment_report_id = cr.id
    AND cr.comment_id = c.id;

-- Post report
UPDATE
    report_combined AS rc
SET
    item_creator_id = p.creator_id,
    report_creator_id = pr.creator_id,
    resolver_id = pr.resolver_id,
    post_id = p.id,
    community_id = p.community_id
FROM
    post_report AS pr,
    post AS p
WHERE
    rc.post_report_id = pr.id
    AND pr.post_id = p.id;

-- Community report
UPDATE
    report_combined AS rc
SET
    report_creator_id = cr.creator_id,
    resolver_id = cr.resolver_id,
    community_id = cr.community_id
FROM
    community_report AS cr
WHERE
    rc.community_report_id = cr.id;

-- Private message report
UPDATE
    report_combined AS rc
SET
    item_creator_id = p.creator_id,
    report_creator_id = pr.creator_id,
    resolver_id = pr.resolver_id,
    private_message_id = pr.private_message_id
FROM
    private_message_report AS pr,
    private_message p
WHERE
    rc.private_message_report_id = pr.id
    AND pr.private_message_id = p.id;

ALTER TABLE report_combined
    ALTER COLUMN report_creator_id SET NOT NULL;

CREATE INDEX idx_report_combined_item_creator ON report_combined (item_creator_id);

CREATE INDEX idx_report_combined_report_creator ON report_combined (report_creator_id);

CREATE INDEX idx_report_combined_resolver ON report_combined (resolver_id);

CREATE INDEX idx_report_combined_post ON report_combined (post_id);

CREATE INDEX idx_report_combined_comment ON report_combined (comment_id);

CREATE INDEX idx_report_combined_community ON report_combined (community_id);

CREATE INDEX idx_report_combined_private_message ON report_combined (private_message_id);

-- Add the post_id for person_saved, person_liked, and person_content combined comments
-- drop the check and unique constraint
ALTER TABLE person_saved_combined
    ADD COLUMN community_id int REFERENCES community (id) ON UPDATE CASCADE ON DELETE CASCADE,
    DROP CONSTRAINT person_saved_combined_check,
    DROP CONSTRAINT person_saved_combined_person_id_comment_id_key,
    DROP CONSTRAINT person_saved_combined_person_id_post_id_key;

UPDATE
    person_saved_combined AS psc
SET
    community_id = p.community_id
FROM
    post p
WHERE
    psc.post_id = p.id;

UPDATE
    person_saved_combined AS psc
SET
    post_id = c.post_id,
    community_id = c.community_id
FROM
    comment c
WHERE
    psc.comment_id = c.id;

-- Set it to not null
ALTER TABLE person_saved_combined
    ALTER COLUMN post_id SET NOT NULL,
    ALTER COLUMN community_id SET NOT NULL;

CREATE INDEX idx_person_saved_combined_community ON person_saved_combined (community_id);

-- drop the check constraint
ALTER TABLE person_liked_combined
    ADD COLUMN community_id int REFERENCES community (id) ON UPDATE CASCADE ON DELETE CASCADE,
    DROP CONSTRAINT person_liked_combined_check,
    DROP CONSTRAINT person_liked_combined_person_id_comment_id_key,
    DROP CONSTRAINT person_liked_combined_person_id_post_id_key,
    ADD CONSTRAINT person_liked_combined_unique UNIQUE nulls NOT DISTINCT (person_id, comment_id, post_id);

UPDATE
    person_liked_combined AS psc
SET
    community_id = p.community_id
FROM
    post p
WHERE
    psc.post_id = p.id;

UPDATE
    person_liked_combined AS psc
SET
    post_id = c.post_id,
    community_id = c.community_id
FROM
    comment c
WHERE
    psc.comment_id = c.id;

-- Set it to not null
ALTER TABLE person_liked_combined
    ALTER COLUMN post_id SET NOT NULL,
    ALTER COLUMN community_id SET NOT NULL;

CREATE INDEX idx_person_liked_combined_community ON person_liked_combined (community_id);

-- drop the check constraint
ALTER TABLE person_content_combined
    ADD COLUMN community_id int REFERENCES community (id) ON UPDATE CASCADE ON DELETE CASCADE,
    DROP CONSTRAINT person_content_combined_check,
    DROP CONSTRAINT person_content_combined_post_id_key,
    DROP CONSTRAINT person_content_combined_comment_id_key;

UPDATE
    person_content_combined AS psc
SET
    community_id = p.community_id
FROM
    post p
WHERE
    psc.post_id = p.id;

UPDATE
    person_content_combined AS psc
SET
    post_id = c.post_id,
    community_id = c.community_id
FROM
    comment c
WHERE
    psc.comment_id = c.id;

-- Set it to not null
ALTER TABLE person_content_combined
    ALTER COLUMN post_id SET NOT NULL,
    ALTER COLUMN community_id SET NOT NULL;

CREATE INDEX idx_person_content_combined_post ON person_content_combined (post_id);

CREATE INDEX idx_person_content_combined_comment ON person_content_combined (comment_id);

CREATE INDEX idx_person_content_combined_community ON person_content_combined (community_id);

-- Adding a faster index on notification
CREATE INDEX idx_notification_published_id_recipient ON notification (published_at DESC, id DESC, recipient_id);

-- Adding a faster modlog index (needs the bulk_action parent for the most common query)
CREATE INDEX idx_modlog_published_id_bulk_action_parent ON modlog (published_at DESC, id DESC, bulk_action_parent_id);

;
-- ===== migrations/2026-03-24-023609-0000_rename_disable_type_columns/up.sql
ALTER TABLE local_site RENAME COLUMN disable_email_notifications TO email_notifications_disabled;

ALTER TABLE local_site RENAME COLUMN require_email_verification TO email_verification_required;

ALTER TABLE local_site RENAME COLUMN disallow_nsfw_content TO nsfw_content_disallowed;

ALTER TABLE local_user RENAME COLUMN enable_animated_images TO animated_images_enabled;

ALTER TABLE local_user RENAME COLUMN enable_private_messages TO private_messages_enabled;

;
-- ===== migrations/2026-04-16-000000-0000_add_invitation_table/up.sql
ALTER TYPE registration_mode_enum
    ADD VALUE 'RequireInvitation';

CREATE TABLE local_user_invite (
    id serial PRIMARY KEY,
    token text NOT NULL UNIQUE,
    local_user_id int NOT NULL REFERENCES local_user (id) ON DELETE CASCADE,
    max_uses int,
    uses_count int NOT NULL DEFAULT 0,
    expires_at timestamptz,
    published_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX idx_local_user_invite_local_user_id ON local_user_invite (local_user_id);

ALTER TABLE local_user
    ADD COLUMN invited_by_local_user_id int REFERENCES local_user (id) ON DELETE SET NULL;

CREATE INDEX idx_local_user_invited_by_local_user_id ON local_user (invited_by_local_user_id);

ALTER TABLE local_site
    ADD COLUMN max_invites_per_user_allowed int NOT NULL DEFAULT 10;

;
-- ===== migrations/2026-04-22-005541-0000_update_modlog_check_constraint/up.sql
-- This adds historical data for existing modlog rows
ALTER TABLE modlog
    DROP CONSTRAINT IF EXISTS modlog_check;

-- AdminAdd
UPDATE
    modlog
SET
    target_instance_id = p.instance_id
FROM
    person p
WHERE
    kind = 'AdminAdd'
    AND target_person_id = p.id;

-- AdminFeaturePostSite
UPDATE
    modlog
SET
    target_community_id = p.community_id,
    target_instance_id = co.instance_id
FROM
    post p,
    community co
WHERE
    kind = 'AdminFeaturePostSite'
    AND target_post_id = p.id
    AND p.community_id = co.id;

-- AdminRemoveCommunity
UPDATE
    modlog
SET
    target_instance_id = co.instance_id
FROM
    community co
WHERE
    kind = 'AdminRemoveCommunity'
    AND target_community_id = co.id;

-- target_comment_id
UPDATE
    modlog
SET
    target_community_id = c.community_id,
    target_post_id = c.post_id
FROM
    comment c
WHERE
    target_comment_id = c.id;

-- target_post_id
UPDATE
    modlog
SET
    target_community_id = p.community_id
FROM
    post p
WHERE
    target_post_id = p.id;

ALTER TABLE modlog
    ADD CHECK ((kind = 'AdminAdd'
        AND num_nonnulls (target_person_id, target_instance_id) = 2
        AND num_nonnulls (target_community_id, target_post_id, target_comment_id) = 0)
        OR (kind = 'AdminBan'
        AND num_nonnulls (target_person_id, target_instance_id) = 2
        AND num_nonnulls (target_community_id, target_post_id, target_comment_id) = 0)
        OR (kind = 'ModRemovePost'
        AND num_nonnulls (target_post_id, target_community_id, target_person_id) = 3
        AND num_nonnulls (target_instance_id, target_comment_id) = 0)
        OR (kind = 'ModRemoveComment'
        AND num_nonnulls (target_comment_id, target_person_id, target_post_id, target_community_id) = 4
        AND num_nonnulls (target_instance_id) = 0)
        OR (kind = 'ModLockComment'
        AND num_nonnulls (target_comment_id, target_person_id, target_post_id, target_community_id) = 4
        AND num_nonnulls (target_instance_id) = 0)
        OR (kind = 'ModWarnComment'
        AND num_nonnulls (target_comment_id, target_person_id, target_post_id, target_community_id) = 4
        AND num_nonnulls (target_instance_id) = 0)
        OR (kind = 'ModLockPost'
        AND num_nonnulls (target_post_id, target_person_id, target_community_id) = 3
        AND num_nonnulls (target_instance_id, target_comment_id) = 0)
        OR (kind = 'ModWarnPost'
        AND num_nonnulls (target_post_id, target_person_id, target_community_id) = 3
        AND num_nonnulls (target_instance_id, target_comment_id) = 0)
        OR (kind = 'AdminRemoveCommunity'
        AND num_nonnulls (target_community_id, target_instance_id) = 2
        AND num_nonnulls (target_post_id, target_comment_id) = 0)
        OR (kind = 'ModChangeCommunityVisibility'
        AND num_nonnulls (target_community_id) = 1
        AND num_nonnulls (target_post_id, target_instance_id, target_person_id, target_comment_id) = 0)
        OR (kind = 'ModBanFromCommunity'
        AND num_nonnulls (target_community_id, target_person_id) = 2
        AND num_nonnulls (target_post_id, target_instance_id, target_comment_id) = 0)
        OR (kind = 'ModAddToCommunity'
        AND num_nonnulls (target_community_id, target_person_id) = 2
        AND num_nonnulls (target_post_id, target_instance_id, target_comment_id) = 0)
        OR (kind = 'ModTransferCommunity'
        AND num_nonnulls (target_community_id, target_person_id) = 2
        AND num_nonnulls (target_post_id, target_instance_id, target_comment_id) = 0)
        OR (kind = 'AdminAllowInstance'
        AND num_nonnulls (target_instance_id) = 1
        AND num_nonnulls (target_post_id, target_person_id, target_community_id, target_comment_id) = 0)
        OR (kind = 'AdminBlockInstance'
        AND num_nonnulls (target_instance_id) = 1
        AND num_nonnulls (target_post_id, target_person_id, target_community_id, target_comment_id) = 0)
        OR (kind = 'AdminPurgeComment'
        AND num_nonnulls (target_post_id, target_person_id, target_community_id) = 3
        AND num_nonnulls (target_instance_id, target_comment_id) = 0)
        OR (kind = 'AdminPurgePost'
        AND num_nonnulls (target_community_id) = 1
        AND num_nonnulls (target_post_id, target_person_id, target_instance_id, target_comment_id) = 0)
        OR (kind = 'AdminPurgeCommunity'
        AND num_nonnulls (target_post_id, target_person_id, target_community_id, target_instance_id, target_comment_id) = 0)
        OR (kind = 'AdminPurgePerson'
        AND num_nonnulls (target_post_id, target_person_id, target_community_id, target_instance_id, target_comment_id) = 0)
        OR (kind = 'ModFeaturePostCommunity'
        AND num_nonnulls (target_post_id, target_community_id) = 2
        AND num_nonnulls (target_instance_id, target_person_id, target_comment_id) = 0)
        OR (kind = 'AdminFeaturePostSite'
        AND num_nonnulls (target_post_id, target_community_id, target_instance_id) = 3
        AND num_nonnulls (target_person_id, target_comment_id) = 0));

;
-- ===== migrations/2026-05-22-124436-0000_import-settings-ratelimit/up.sql
ALTER TABLE local_site_rate_limit
    ALTER COLUMN import_user_settings_max_requests SET DEFAULT 3;

UPDATE
    local_site_rate_limit
SET
    import_user_settings_max_requests = 3
WHERE
    import_user_settings_max_requests = 1;

;
-- ===== migrations/2026-06-01-130125-0000_community-title-optional/up.sql
ALTER TABLE community
    ALTER COLUMN title DROP NOT NULL;

ALTER TABLE community_report
    ALTER COLUMN original_community_title DROP NOT NULL;

;
-- ===== migrations/2026-06-02-122008-0000_follow-accept-id/up.sql
ALTER TABLE community_actions
    ADD COLUMN follow_activity_id text;

;
-- ===== migrations/2026-06-03-120211-0000_split_hide_media_settings/up.sql
-- Splits hide all media (in the UI), and hide_posts_with_media (IE filter out meme posts from fetch results) as two different settings
-- See https://github.com/LemmyNet/lemmy/issues/6564 for context
ALTER TABLE local_user RENAME COLUMN hide_media TO hide_posts_with_media;

ALTER TABLE local_user
    ADD COLUMN show_media boolean DEFAULT TRUE NOT NULL;

;
-- ===== migrations/2026-06-03-220228-0000_add_modlog_child_count/up.sql
ALTER TABLE modlog
    ADD COLUMN child_count integer NOT NULL DEFAULT 0;

;
-- ===== migrations/2026-07-08-184840-0000_add_report_resolve_reason/up.sql
ALTER TABLE post_report
    ADD COLUMN resolve_reason text;

ALTER TABLE comment_report
    ADD COLUMN resolve_reason text;

ALTER TABLE community_report
    ADD COLUMN resolve_reason text;

ALTER TABLE private_message_report
    ADD COLUMN resolve_reason text;

;
-- ===== migrations/2026-07-27-143313-0000_rename_resolve_reason_to_conclusion/up.sql
ALTER TABLE post_report RENAME COLUMN resolve_reason TO conclusion;

ALTER TABLE comment_report RENAME COLUMN resolve_reason TO conclusion;

ALTER TABLE community_report RENAME COLUMN resolve_reason TO conclusion;

ALTER TABLE private_message_report RENAME COLUMN resolve_reason TO conclusion;

;
-- ===== replaceable schema
CREATE SCHEMA r;
-- Each calculation used in triggers should be a single SQL language
-- expression so it can be inlined in migrations.
CREATE FUNCTION r.controversy_rank (upvotes numeric, downvotes numeric)
    RETURNS real
    LANGUAGE sql
    IMMUTABLE PARALLEL SAFE RETURN CASE WHEN downvotes <= 0
        OR upvotes <= 0 THEN
        0
    ELSE
        (
            upvotes + downvotes) ^ CASE WHEN upvotes > downvotes THEN
            downvotes::float / upvotes::float
        ELSE
            upvotes::float / downvotes::float
    END
    END;

CREATE FUNCTION r.hot_rank (score numeric, published_at timestamp with time zone)
    RETURNS real
    LANGUAGE sql
    IMMUTABLE PARALLEL SAFE RETURN
    -- after a week, it will default to 0.
    CASE WHEN (
now() - published_at) > '0 days'
        AND (
now() - published_at) < '7 days' THEN
        -- Use greatest(2,score), so that the hot_rank will be positive and not ignored.
        log (
            greatest (2, score + 2)) / power (((EXTRACT(EPOCH FROM (now() - published_at)) / 3600) + 2), 1.8)
    ELSE
        -- if the post is from the future, set hot score to 0. otherwise you can game the post to
        -- always be on top even with only 1 vote by setting it to the future
        0.0
    END;

CREATE FUNCTION r.scaled_rank (score numeric, published_at timestamp with time zone, interactions_month numeric)
    RETURNS real
    LANGUAGE sql
    IMMUTABLE PARALLEL SAFE
    -- Add 2 to avoid divide by zero errors
    -- Default for score = 1, active users = 1, and now, is (0.1728 / log(2 + 1)) = 0.3621
    -- There may need to be a scale factor multiplied to interactions_month, to make
    -- the log curve less pronounced. This can be tuned in the future.
    RETURN (
        r.hot_rank (score, published_at) / log(2 + interactions_month)
);

-- For tables with `deleted` and `removed` columns, this function determines which rows to include in a count.
CREATE FUNCTION r.is_counted (item record)
    RETURNS bool
    LANGUAGE plpgsql
    IMMUTABLE PARALLEL SAFE
    AS $$
BEGIN
    RETURN COALESCE(NOT (item.deleted
            OR item.removed), FALSE);
END;
$$;

CREATE FUNCTION r.local_url (url_path text)
    RETURNS text
    LANGUAGE sql
    STABLE PARALLEL SAFE RETURN (
current_setting('lemmy.protocol_and_hostname') || url_path
);

-- This function creates statement-level triggers for all operation types. It's designed this way
-- because of these limitations:
--   * A trigger that uses transition tables can only handle 1 operation type.
--   * Transition tables must be relevant for the operation type (for example, `NEW TABLE` is
--     not allowed for a `DELETE` trigger)
--   * Transition tables are only provided to the trigger function, not to functions that it calls.
--
-- This function can only be called once per table. The trigger function body is given as the 2nd argument
-- and can contain these names, which are replaced with a `SELECT` statement in parenthesis if needed:
--   * `select_old_rows`
--   * `select_new_rows`
--   * `select_old_and_new_rows` with 2 columns:
--       1. `count_diff`: `-1` for old rows and `1` for new rows, which can be used with `sum` to get the number
--          to add to a count
--       2. (same name as the trigger's table): the old or new row as a composite value
CREATE PROCEDURE r.create_triggers (table_name text, function_body text)
LANGUAGE plpgsql
AS $a$
DECLARE
    defs text := $$
    -- Delete
    CREATE FUNCTION r.thing_delete_statement ()
        RETURNS TRIGGER
        LANGUAGE plpgsql
        AS function_body_delete;
    CREATE TRIGGER delete_statement
        AFTER DELETE ON thing REFERENCING OLD TABLE AS select_old_rows
        FOR EACH STATEMENT
        EXECUTE FUNCTION r.thing_delete_statement ( );
    -- Insert
    CREATE FUNCTION r.thing_insert_statement ( )
        RETURNS TRIGGER
        LANGUAGE plpgsql
        AS function_body_insert;
    CREATE TRIGGER insert_statement
        AFTER INSERT ON thing REFERENCING NEW TABLE AS select_new_rows
        FOR EACH STATEMENT
        EXECUTE FUNCTION r.thing_insert_statement ( );
    -- Update
    CREATE FUNCTION r.thing_update_statement ( )
        RETURNS TRIGGER
        LANGUAGE plpgsql
        AS function_body_update;
    CREATE TRIGGER update_statement
        AFTER UPDATE ON thing REFERENCING OLD TABLE AS select_old_rows NEW TABLE AS select_new_rows
        FOR EACH STATEMENT
        EXECUTE FUNCTION r.thing_update_statement ( );
    $$;
    select_old_and_new_rows text := $$ (
        SELECT
            -1 AS count_diff,
            old_table::thing AS thing
        FROM
            select_old_rows AS old_table
        UNION ALL
        SELECT
            1 AS count_diff,
            new_table::thing AS thing
        FROM
            select_new_rows AS new_table) $$;
    empty_select_new_rows text := $$ (
        SELECT
            *
        FROM
            -- Real transition table
            select_old_rows
        WHERE
            FALSE) $$;
    empty_select_old_rows text := $$ (
        SELECT
            *
        FROM
            -- Real transition table
            select_new_rows
        WHERE
            FALSE) $$;
    BEGIN
        function_body := replace(function_body, 'select_old_and_new_rows', select_old_and_new_rows);
        -- `select_old_rows` and `select_new_rows` are made available as empty tables if they don't already exist
        defs := replace(defs, 'function_body_delete', quote_literal(replace(function_body, 'select_new_rows', empty_select_new_rows)));
        defs := replace(defs, 'function_body_insert', quote_literal(replace(function_body, 'select_old_rows', empty_select_old_rows)));
        defs := replace(defs, 'function_body_update', quote_literal(function_body));
        defs := replace(defs, 'thing', table_name);
        EXECUTE defs;
END;
$a$;

-- Edit community aggregates to include voters as active users
CREATE OR REPLACE FUNCTION r.community_aggregates_activity (i text)
    RETURNS TABLE (
        count_ integer,
        community_id_ integer)
    LANGUAGE plpgsql
    AS $$
BEGIN
    RETURN QUERY
    SELECT
        count(*)::integer,
        community_id
    FROM (
        SELECT
            c.creator_id,
            p.community_id
        FROM
            comment c
            INNER JOIN post p ON c.post_id = p.id
            INNER JOIN person pe ON c.creator_id = pe.id
        WHERE
            c.published_at > ('now'::timestamp - i::interval)
            AND pe.bot_account = FALSE
    UNION
    SELECT
        p.creator_id,
        p.community_id
    FROM
        post p
            INNER JOIN person pe ON p.creator_id = pe.id
        WHERE
            p.published_at > ('now'::timestamp - i::interval)
            AND pe.bot_account = FALSE
    UNION
    SELECT
        pa.person_id,
        p.community_id
    FROM
        post_actions pa
            INNER JOIN post p ON pa.post_id = p.id
            INNER JOIN person pe ON pa.person_id = pe.id
        WHERE
            pa.voted_at > ('now'::timestamp - i::interval)
            AND pe.bot_account = FALSE
    UNION
    SELECT
        ca.person_id,
        p.community_id
    FROM
        comment_actions ca
            INNER JOIN comment c ON ca.comment_id = c.id
            INNER JOIN post p ON c.post_id = p.id
            INNER JOIN person pe ON ca.person_id = pe.id
        WHERE
            ca.voted_at > ('now'::timestamp - i::interval)
            AND pe.bot_account = FALSE) a
GROUP BY
    community_id;
END;
$$;

-- Community aggregate function for adding up total number of interactions
CREATE OR REPLACE FUNCTION r.community_aggregates_interactions (i text)
    RETURNS TABLE (
        count_ integer,
        community_id_ integer)
    LANGUAGE plpgsql
    AS $$
BEGIN
    RETURN QUERY
    SELECT
        COALESCE(sum(comments + upvotes + downvotes)::integer, 0) AS count_,
        community_id AS community_id_
    FROM
        post
    WHERE
        published_at >= (CURRENT_TIMESTAMP - i::interval)
    GROUP BY
        community_id;
END;
$$;

-- Edit site aggregates to include voters and people who have read posts as active users
CREATE OR REPLACE FUNCTION r.site_aggregates_activity (i text)
    RETURNS integer
    LANGUAGE plpgsql
    AS $$
DECLARE
    count_ integer;
BEGIN
    SELECT
        count(*) INTO count_
    FROM (
        SELECT
            c.creator_id
        FROM
            comment c
            INNER JOIN person pe ON c.creator_id = pe.id
        WHERE
            c.published_at > ('now'::timestamp - i::interval)
            AND pe.local = TRUE
            AND pe.bot_account = FALSE
        UNION
        SELECT
            p.creator_id
        FROM
            post p
            INNER JOIN person pe ON p.creator_id = pe.id
        WHERE
            p.published_at > ('now'::timestamp - i::interval)
            AND pe.local = TRUE
            AND pe.bot_account = FALSE
        UNION
        SELECT
            pa.person_id
        FROM
            post_actions pa
            INNER JOIN person pe ON pa.person_id = pe.id
        WHERE
            pa.voted_at > ('now'::timestamp - i::interval)
            AND pe.local = TRUE
            AND pe.bot_account = FALSE
        UNION
        SELECT
            ca.person_id
        FROM
            comment_actions ca
            INNER JOIN person pe ON ca.person_id = pe.id
        WHERE
            ca.voted_at > ('now'::timestamp - i::interval)
            AND pe.local = TRUE
            AND pe.bot_account = FALSE) a;
    RETURN count_;
END;
$$;


-- A trigger is associated with a table instead of a schema, so they can't be in the `r` schema. This is
-- okay if the function specified after `EXECUTE FUNCTION` is in `r`, since dropping the function drops the trigger.
--
-- Triggers that update multiple tables should use this order: person_aggregates, comment_aggregates,
-- post, community_aggregates, site_aggregates
--   * The order matters because the updated rows are locked until the end of the transaction, and statements
--     in a trigger don't use separate transactions. This means that updates closer to the beginning cause
--     longer locks because the duration of each update extends the durations of the locks caused by previous
--     updates. Long locks are worse on rows that have more concurrent transactions trying to update them. The
--     listed order starts with tables that are less likely to have such rows.
--     https://www.postgresql.org/docs/16/transaction-iso.html#XACT-READ-COMMITTED
--   * Using the same order in every trigger matters because a deadlock is possible if multiple transactions
--     update the same rows in a different order.
--     https://www.postgresql.org/docs/current/explicit-locking.html#LOCKING-DEADLOCKS
--
--
-- Create triggers for both post and comments
CREATE PROCEDURE r.post_or_comment (table_name text)
LANGUAGE plpgsql
AS $a$
BEGIN
    EXECUTE replace($b$
        -- When a thing gets a vote, update its aggregates and its creator's aggregates
        CALL r.create_triggers ('thing_actions', $$
            BEGIN
                WITH thing_diff AS ( UPDATE
                        thing AS a
                    SET
                        score = a.score + diff.upvotes - diff.downvotes, upvotes = a.upvotes + diff.upvotes, downvotes = a.downvotes + diff.downvotes, controversy_rank = r.controversy_rank ((a.upvotes + diff.upvotes)::numeric, (a.downvotes + diff.downvotes)::numeric)
                    FROM (
                        SELECT
                            (thing_actions).thing_id, coalesce(sum(count_diff) FILTER (WHERE (thing_actions).vote_is_upvote), 0) AS upvotes, coalesce(sum(count_diff) FILTER (WHERE NOT (thing_actions).vote_is_upvote), 0) AS downvotes FROM select_old_and_new_rows AS old_and_new_rows
                WHERE (thing_actions).vote_is_upvote IS NOT NULL GROUP BY (thing_actions).thing_id) AS diff
            WHERE
                a.id = diff.thing_id
                    AND (diff.upvotes, diff.downvotes) != (0, 0)
                RETURNING
                    a.creator_id AS creator_id, diff.upvotes - diff.downvotes AS score)
                UPDATE
                    person AS a
                SET
                    thing_score = a.thing_score + diff.score FROM (
                        SELECT
                            creator_id, sum(score) AS score FROM thing_diff GROUP BY creator_id) AS diff
                    WHERE
                        a.id = diff.creator_id
                        AND diff.score != 0;
                RETURN NULL;
            END;
    $$);
    $b$,
    'thing',
    table_name);
END;
$a$;

CALL r.post_or_comment ('post');

CALL r.post_or_comment ('comment');

-- Create triggers that update counts in parent aggregates
CREATE FUNCTION r.parent_comment_ids (path ltree)
    RETURNS SETOF int
    LANGUAGE sql
    IMMUTABLE parallel safe
BEGIN ATOMIC
    SELECT
        comment_id::int
    FROM
        string_to_table (ltree2text (path), '.') AS comment_id
    -- Skip first and last
LIMIT (nlevel (path) - 2)
    OFFSET 1;
END;
CALL r.create_triggers ('comment', $$
BEGIN
    -- Prevent infinite recursion
    IF (
        SELECT
            count(*)
    FROM select_old_and_new_rows AS old_and_new_rows) = 0 THEN
        RETURN NULL;
END IF;
UPDATE
    person AS a
SET
    comment_count = a.comment_count + diff.comment_count
FROM (
    SELECT
        (comment).creator_id,
        coalesce(sum(count_diff), 0) AS comment_count
    FROM
        select_old_and_new_rows AS old_and_new_rows
    WHERE
        r.is_counted (comment)
    GROUP BY
        (comment).creator_id) AS diff
WHERE
    a.id = diff.creator_id
    AND diff.comment_count != 0;
UPDATE
    comment AS a
SET
    child_count = a.child_count + diff.child_count
FROM (
    SELECT
        parent_id,
        coalesce(sum(count_diff), 0) AS child_count
    FROM (
        -- For each inserted or deleted comment, this outputs 1 row for each parent comment.
        -- For example, this:
        --
        --  count_diff | (comment).path
        -- ------------+----------------
        --  1          | 0.5.6.7
        --  1          | 0.5.6.7.8
        --
        -- becomes this:
        --
        --  count_diff | parent_id
        -- ------------+-----------
        --  1          | 5
        --  1          | 6
        --  1          | 5
        --  1          | 6
        --  1          | 7
        SELECT
            count_diff,
            parent_id
        FROM
            select_old_and_new_rows AS old_and_new_rows,
            LATERAL r.parent_comment_ids ((comment).path) AS parent_id) AS expanded_old_and_new_rows
    GROUP BY
        parent_id) AS diff
WHERE
    a.id = diff.parent_id
    AND diff.child_count != 0;
UPDATE
    post AS a
SET
    comments = a.comments + diff.comments,
    newest_comment_time_at = GREATEST (a.newest_comment_time_at, diff.newest_comment_time_at),
    newest_comment_time_necro_at = GREATEST (a.newest_comment_time_necro_at, diff.newest_comment_time_necro_at)
FROM (
    SELECT
        post.id AS post_id,
        coalesce(sum(count_diff), 0) AS comments,
        -- Old rows are excluded using `count_diff = 1`
        max((comment).published_at) FILTER (WHERE count_diff = 1) AS newest_comment_time_at,
        max((comment).published_at) FILTER (WHERE count_diff = 1
            -- Ignore comments from the post's creator
            AND post.creator_id != (comment).creator_id
        -- Ignore comments on old posts
        AND post.published_at > ((comment).published_at - '2 days'::interval)) AS newest_comment_time_necro_at
FROM
    select_old_and_new_rows AS old_and_new_rows
    LEFT JOIN post ON post.id = (comment).post_id
WHERE
    r.is_counted (comment)
GROUP BY
    post.id) AS diff
WHERE
    a.id = diff.post_id
    AND (diff.comments,
        GREATEST (a.newest_comment_time_at, diff.newest_comment_time_at),
        GREATEST (a.newest_comment_time_necro_at, diff.newest_comment_time_necro_at)) != (0,
        a.newest_comment_time_at,
        a.newest_comment_time_necro_at);
UPDATE
    local_site AS a
SET
    comments = a.comments + diff.comments
FROM (
    SELECT
        coalesce(sum(count_diff), 0) AS comments
    FROM
        select_old_and_new_rows AS old_and_new_rows
    WHERE
        r.is_counted (comment)
        AND (comment).local) AS diff
WHERE
    diff.comments != 0;
RETURN NULL;
END;
$$);
CALL r.create_triggers ('post', $$
BEGIN
    UPDATE
        person AS a
    SET
        post_count = a.post_count + diff.post_count
    FROM (
        SELECT
            (post).creator_id, coalesce(sum(count_diff), 0) AS post_count
        FROM select_old_and_new_rows AS old_and_new_rows
        WHERE
            r.is_counted (post)
        GROUP BY (post).creator_id) AS diff
WHERE
    a.id = diff.creator_id
        AND diff.post_count != 0;
UPDATE
    community AS a
SET
    posts = a.posts + diff.posts,
    comments = a.comments + diff.comments
FROM (
    SELECT
        (post).community_id,
        coalesce(sum(count_diff), 0) AS posts,
        coalesce(sum(count_diff * (post).comments), 0) AS comments
    FROM
        select_old_and_new_rows AS old_and_new_rows
    WHERE
        r.is_counted (post)
    GROUP BY
        (post).community_id) AS diff
WHERE
    a.id = diff.community_id
    AND (diff.posts,
        diff.comments) != (0,
        0);
UPDATE
    local_site AS a
SET
    posts = a.posts + diff.posts
FROM (
    SELECT
        coalesce(sum(count_diff), 0) AS posts
    FROM
        select_old_and_new_rows AS old_and_new_rows
    WHERE
        r.is_counted (post)
        AND (post).local) AS diff
WHERE
    diff.posts != 0;
RETURN NULL;
END;
$$);
CALL r.create_triggers ('community', $$
BEGIN
    UPDATE
        local_site AS a
    SET
        communities = a.communities + diff.communities
    FROM (
        SELECT
            coalesce(sum(count_diff), 0) AS communities
        FROM select_old_and_new_rows AS old_and_new_rows
        WHERE
            r.is_counted (community)
            AND (community).local) AS diff
WHERE
    diff.communities != 0;
RETURN NULL;
END;
$$);
-- Count subscribers for communities.
-- subscribers should be updated only when a local community is followed by a local or remote person.
-- subscribers_local should be updated only when a local person follows a local or remote community.
CALL r.create_triggers ('community_actions', $$
BEGIN
    UPDATE
        community AS a
    SET
        subscribers = a.subscribers + diff.subscribers, subscribers_local = a.subscribers_local + diff.subscribers_local
    FROM (
        SELECT
            (community_actions).community_id, coalesce(sum(count_diff) FILTER (WHERE community.local), 0) AS subscribers, coalesce(sum(count_diff) FILTER (WHERE person.local), 0) AS subscribers_local
        FROM select_old_and_new_rows AS old_and_new_rows
        LEFT JOIN community ON community.id = (community_actions).community_id
        LEFT JOIN person ON person.id = (community_actions).person_id
        WHERE (community_actions).followed_at IS NOT NULL GROUP BY (community_actions).community_id) AS diff
WHERE
    a.id = diff.community_id
        AND (diff.subscribers, diff.subscribers_local) != (0, 0);
RETURN NULL;
END;
$$);
CALL r.create_triggers ('post_report', $$
BEGIN
    UPDATE
        post AS a
    SET
        report_count = a.report_count + diff.report_count, unresolved_report_count = a.unresolved_report_count + diff.unresolved_report_count
    FROM (
        SELECT
            (post_report).post_id, coalesce(sum(count_diff), 0) AS report_count, coalesce(sum(count_diff) FILTER (WHERE NOT (post_report).resolved
                AND NOT (post_report).violates_instance_rules), 0) AS unresolved_report_count
FROM select_old_and_new_rows AS old_and_new_rows GROUP BY (post_report).post_id) AS diff
WHERE (diff.report_count, diff.unresolved_report_count) != (0, 0)
AND a.id = diff.post_id;
RETURN NULL;
END;
$$);
CALL r.create_triggers ('comment_report', $$
BEGIN
    UPDATE
        comment AS a
    SET
        report_count = a.report_count + diff.report_count, unresolved_report_count = a.unresolved_report_count + diff.unresolved_report_count
    FROM (
        SELECT
            (comment_report).comment_id, coalesce(sum(count_diff), 0) AS report_count, coalesce(sum(count_diff) FILTER (WHERE NOT (comment_report).resolved
                AND NOT (comment_report).violates_instance_rules), 0) AS unresolved_report_count
FROM select_old_and_new_rows AS old_and_new_rows GROUP BY (comment_report).comment_id) AS diff
WHERE (diff.report_count, diff.unresolved_report_count) != (0, 0)
AND a.id = diff.comment_id;
RETURN NULL;
END;
$$);
CALL r.create_triggers ('community_report', $$
BEGIN
    UPDATE
        community AS a
    SET
        report_count = a.report_count + diff.report_count, unresolved_report_count = a.unresolved_report_count + diff.unresolved_report_count
    FROM (
        SELECT
            (community_report).community_id, coalesce(sum(count_diff), 0) AS report_count, coalesce(sum(count_diff) FILTER (WHERE NOT (community_report).resolved), 0) AS unresolved_report_count
    FROM select_old_and_new_rows AS old_and_new_rows GROUP BY (community_report).community_id) AS diff
WHERE (diff.report_count, diff.unresolved_report_count) != (0, 0)
    AND a.id = diff.community_id;
RETURN NULL;
END;
$$);
-- Change the order of some cascading deletions to make deletion triggers run before the deletion of rows that the triggers need to read
CREATE FUNCTION r.delete_follow_before_person ()
    RETURNS TRIGGER
    LANGUAGE plpgsql
    AS $$
BEGIN
    DELETE FROM community_actions AS c
    WHERE c.person_id = OLD.id;
    RETURN OLD;
END;
$$;
CREATE TRIGGER delete_follow
    BEFORE DELETE ON person
    FOR EACH ROW
    EXECUTE FUNCTION r.delete_follow_before_person ();
-- Triggers that change values before insert or update
CREATE FUNCTION r.comment_change_values ()
    RETURNS TRIGGER
    LANGUAGE plpgsql
    AS $$
DECLARE
    id text = NEW.id::text;
BEGIN
    -- Make `path` end with `id` if it doesn't already
    IF NOT (NEW.path ~ ('*.' || id)::lquery) THEN
        NEW.path = NEW.path || id;
    END IF;
    -- Set local ap_id
    IF NEW.local THEN
        NEW.ap_id = coalesce(NEW.ap_id, r.local_url ('/comment/' || id));
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER change_values
    BEFORE INSERT OR UPDATE ON comment
    FOR EACH ROW
    EXECUTE FUNCTION r.comment_change_values ();
CREATE FUNCTION r.post_change_values ()
    RETURNS TRIGGER
    LANGUAGE plpgsql
    AS $$
BEGIN
    -- Set local ap_id
    IF NEW.local THEN
        NEW.ap_id = coalesce(NEW.ap_id, r.local_url ('/post/' || NEW.id::text));
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER change_values
    BEFORE INSERT ON post
    FOR EACH ROW
    EXECUTE FUNCTION r.post_change_values ();
CREATE FUNCTION r.private_message_change_values ()
    RETURNS TRIGGER
    LANGUAGE plpgsql
    AS $$
BEGIN
    -- Set local ap_id
    IF NEW.local THEN
        NEW.ap_id = coalesce(NEW.ap_id, r.local_url ('/private_message/' || NEW.id::text));
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER change_values
    BEFORE INSERT ON private_message
    FOR EACH ROW
    EXECUTE FUNCTION r.private_message_change_values ();
-- Combined tables triggers
-- These insert (published_at, item_id) into X_combined tables
-- Reports (comment_report, post_report, private_message_report)
-- report_combined_post_insert
CREATE FUNCTION r.report_combined_post_insert ()
    RETURNS TRIGGER
    LANGUAGE plpgsql
    AS $$
BEGIN
    INSERT INTO report_combined (published_at, post_report_id, report_creator_id, item_creator_id, post_id, community_id)
    SELECT
        NEW.published_at,
        NEW.id,
        NEW.creator_id,
        p.creator_id,
        p.id,
        p.community_id
    FROM
        post p
    WHERE
        NEW.post_id = p.id;
    RETURN NEW;
END
$$;
CREATE TRIGGER report_combined_post_insert
    AFTER INSERT ON post_report
    FOR EACH ROW
    EXECUTE FUNCTION r.report_combined_post_insert ();
-- report_combined_post_update
CREATE FUNCTION r.report_combined_post_update ()
    RETURNS TRIGGER
    LANGUAGE plpgsql
    AS $$
BEGIN
    UPDATE
        report_combined
    SET
        resolved = NEW.resolved,
        resolver_id = NEW.resolver_id
    WHERE
        post_report_id = NEW.id;
    RETURN NULL;
END
$$;
CREATE TRIGGER report_combined_post_update
    AFTER UPDATE OF resolved,
    resolver_id ON post_report
    FOR EACH ROW
    EXECUTE FUNCTION r.report_combined_post_update ();
-- report_combined_comment_insert
CREATE FUNCTION r.report_combined_comment_insert ()
    RETURNS TRIGGER
    LANGUAGE plpgsql
    AS $$
BEGIN
    INSERT INTO report_combined (published_at, comment_report_id, report_creator_id, item_creator_id, comment_id, post_id, community_id)
    SELECT
        NEW.published_at,
        NEW.id,
        NEW.creator_id,
        c.creator_id,
        c.id,
        c.post_id,
        c.community_id
    FROM
        comment c
    WHERE
        NEW.comment_id = c.id;
    RETURN NEW;
END
$$;
CREATE TRIGGER report_combined_comment_insert
    AFTER INSERT ON comment_report
    FOR EACH ROW
    EXECUTE FUNCTION r.report_combined_comment_insert ();
-- report_combined_comment_update
CREATE FUNCTION r.report_combined_comment_update ()
    RETURNS TRIGGER
    LANGUAGE plpgsql
    AS $$
BEGIN
    UPDATE
        report_combined
    SET
        resolved = NEW.resolved,
        resolver_id = NEW.resolver_id
    WHERE
        comment_report_id = NEW.id;
    RETURN NULL;
END
$$;
CREATE TRIGGER report_combined_comment_update
    AFTER UPDATE OF resolved,
    resolver_id ON comment_report
    FOR EACH ROW
    EXECUTE FUNCTION r.report_combined_comment_update ();
-- report_combined_community_insert
CREATE FUNCTION r.report_combined_community_insert ()
    RETURNS TRIGGER
    LANGUAGE plpgsql
    AS $$
BEGIN
    INSERT INTO report_combined (published_at, community_report_id, report_creator_id, community_id)
        VALUES (NEW.published_at, NEW.id, NEW.creator_id, NEW.community_id);
    RETURN NEW;
END
$$;
CREATE TRIGGER report_combined_community_insert
    AFTER INSERT ON community_report
    FOR EACH ROW
    EXECUTE FUNCTION r.report_combined_community_insert ();
-- report_combined_community_update
CREATE FUNCTION r.report_combined_community_update ()
    RETURNS TRIGGER
    LANGUAGE plpgsql
    AS $$
BEGIN
    UPDATE
        report_combined
    SET
        resolved = NEW.resolved,
        resolver_id = NEW.resolver_id
    WHERE
        community_report_id = NEW.id;
    RETURN NULL;
END
$$;
CREATE TRIGGER report_combined_community_update
    AFTER UPDATE OF resolved,
    resolver_id ON community_report
    FOR EACH ROW
    EXECUTE FUNCTION r.report_combined_community_update ();
-- report_combined_private_message_insert
CREATE FUNCTION r.report_combined_private_message_insert ()
    RETURNS TRIGGER
    LANGUAGE plpgsql
    AS $$
BEGIN
    INSERT INTO report_combined (published_at, private_message_report_id, report_creator_id, item_creator_id, private_message_id)
    SELECT
        NEW.published_at,
        NEW.id,
        NEW.creator_id,
        p.creator_id,
        p.id
    FROM
        private_message p
    WHERE
        NEW.private_message_id = p.id;
    RETURN NEW;
END
$$;
CREATE TRIGGER report_combined_private_message_insert
    AFTER INSERT ON private_message_report
    FOR EACH ROW
    EXECUTE FUNCTION r.report_combined_private_message_insert ();
-- report_combined_private_message_update
CREATE FUNCTION r.report_combined_private_message_update ()
    RETURNS TRIGGER
    LANGUAGE plpgsql
    AS $$
BEGIN
    UPDATE
        report_combined
    SET
        resolved = NEW.resolved,
        resolver_id = NEW.resolver_id
    WHERE
        private_message_report_id = NEW.id;
    RETURN NULL;
END
$$;
CREATE TRIGGER report_combined_private_message_update
    AFTER UPDATE OF resolved,
    resolver_id ON private_message_report
    FOR EACH ROW
    EXECUTE FUNCTION r.report_combined_private_message_update ();
-- person_content_combined_post
CREATE FUNCTION r.person_content_combined_post_insert ()
    RETURNS TRIGGER
    LANGUAGE plpgsql
    AS $$
BEGIN
    INSERT INTO person_content_combined (published_at, creator_id, post_id, community_id)
        VALUES (NEW.published_at, NEW.creator_id, NEW.id, NEW.community_id);
    RETURN NEW;
END
$$;
CREATE TRIGGER person_content_combined_post
    AFTER INSERT ON post
    FOR EACH ROW
    EXECUTE FUNCTION r.person_content_combined_post_insert ();
-- person_content_combined_comment
CREATE FUNCTION r.person_content_combined_comment_insert ()
    RETURNS TRIGGER
    LANGUAGE plpgsql
    AS $$
BEGIN
    INSERT INTO person_content_combined (published_at, creator_id, comment_id, post_id, community_id)
        VALUES (NEW.published_at, NEW.creator_id, NEW.id, NEW.post_id, NEW.community_id);
    RETURN NEW;
END
$$;
CREATE TRIGGER person_content_combined_comment
    AFTER INSERT ON comment
    FOR EACH ROW
    EXECUTE FUNCTION r.person_content_combined_comment_insert ();
-- person_saved (comment_actions, post)
-- This one is a little different, because it triggers using x_actions.saved,
-- Rather than any row insert
-- TODO a hack because local is not currently on the post_view table
-- https://github.com/LemmyNet/lemmy/pull/5616#discussion_r2064219628
-- person_saved_combined_post_delete
CREATE FUNCTION r.person_saved_combined_post_delete ()
    RETURNS TRIGGER
    LANGUAGE plpgsql
    AS $$
BEGIN
    DELETE FROM person_saved_combined AS p
    WHERE p.person_id = OLD.person_id
        AND p.post_id = OLD.post_id;
    RETURN NULL;
END
$$;
CREATE TRIGGER person_saved_combined_post_delete
    AFTER DELETE ON post_actions
    FOR EACH ROW
    EXECUTE FUNCTION r.person_saved_combined_post_delete ();
-- person_saved_combined_post_insert
CREATE FUNCTION r.person_saved_combined_post_insert ()
    RETURNS TRIGGER
    LANGUAGE plpgsql
    AS $$
BEGIN
    IF NEW.saved_at IS NOT NULL THEN
        INSERT INTO person_saved_combined (saved_at, person_id, creator_id, post_id, community_id)
        SELECT
            NEW.saved_at,
            NEW.person_id,
            p.creator_id,
            NEW.post_id,
            p.community_id
        FROM
            post AS p
        WHERE
            p.id = NEW.post_id;
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER person_saved_combined_post_insert
    AFTER INSERT ON post_actions
    FOR EACH ROW
    EXECUTE FUNCTION r.person_saved_combined_post_insert ();
-- person_saved_combined_post_update
CREATE FUNCTION r.person_saved_combined_post_update ()
    RETURNS TRIGGER
    LANGUAGE plpgsql
    AS $$
BEGIN
    IF NEW.saved_at IS NOT NULL THEN
        INSERT INTO person_saved_combined (saved_at, person_id, creator_id, post_id, community_id)
        SELECT
            NEW.saved_at,
            NEW.person_id,
            p.creator_id,
            NEW.post_id,
            p.community_id
        FROM
            post AS p
        WHERE
            p.id = NEW.post_id;
        -- If saved gets set as null, delete the row
    ELSE
        DELETE FROM person_saved_combined AS p
        WHERE p.person_id = NEW.person_id
            AND p.post_id = NEW.post_id;
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER person_saved_combined_post_update
    AFTER UPDATE OF saved_at ON post_actions
    FOR EACH ROW
    EXECUTE FUNCTION r.person_saved_combined_post_update ();
-- person_saved_combined_comment_delete
CREATE FUNCTION r.person_saved_combined_comment_delete ()
    RETURNS TRIGGER
    LANGUAGE plpgsql
    AS $$
BEGIN
    DELETE FROM person_saved_combined AS p
    WHERE p.person_id = OLD.person_id
        AND p.comment_id = OLD.comment_id;
    RETURN NULL;
END
$$;
CREATE TRIGGER person_saved_combined_comment_delete
    AFTER DELETE ON comment_actions
    FOR EACH ROW
    EXECUTE FUNCTION r.person_saved_combined_comment_delete ();
-- person_saved_combined_comment_insert
CREATE FUNCTION r.person_saved_combined_comment_insert ()
    RETURNS TRIGGER
    LANGUAGE plpgsql
    AS $$
BEGIN
    IF NEW.saved_at IS NOT NULL THEN
        INSERT INTO person_saved_combined (saved_at, person_id, creator_id, comment_id, post_id, community_id)
        SELECT
            NEW.saved_at,
            NEW.person_id,
            c.creator_id,
            NEW.comment_id,
            c.post_id,
            c.community_id
        FROM
            comment AS c
        WHERE
            c.id = NEW.comment_id;
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER person_saved_combined_comment_insert
    AFTER INSERT ON comment_actions
    FOR EACH ROW
    EXECUTE FUNCTION r.person_saved_combined_comment_insert ();
-- person_saved_combined_comment_update
CREATE FUNCTION r.person_saved_combined_comment_update ()
    RETURNS TRIGGER
    LANGUAGE plpgsql
    AS $$
BEGIN
    IF NEW.saved_at IS NOT NULL THEN
        INSERT INTO person_saved_combined (saved_at, person_id, creator_id, comment_id, post_id, community_id)
        SELECT
            NEW.saved_at,
            NEW.person_id,
            c.creator_id,
            NEW.comment_id,
            c.post_id,
            c.community_id
        FROM
            comment AS c
        WHERE
            c.id = NEW.comment_id;
        -- If saved gets set as null, delete the row
    ELSE
        DELETE FROM person_saved_combined AS p
        WHERE p.person_id = NEW.person_id
            AND p.comment_id = NEW.comment_id;
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER person_saved_combined_comment_update
    AFTER UPDATE OF saved_at ON comment_actions
    FOR EACH ROW
    EXECUTE FUNCTION r.person_saved_combined_comment_update ();
-- person_liked (comment, post)
-- This one is a little different, because it triggers using x_actions.liked,
-- Rather than any row insert
-- TODO a hack because local is not currently on the post_view table
-- https://github.com/LemmyNet/lemmy/pull/5616#discussion_r2064219628
-- person_saved_combined_post_delete
CREATE FUNCTION r.person_liked_combined_post_delete ()
    RETURNS TRIGGER
    LANGUAGE plpgsql
    AS $$
BEGIN
    DELETE FROM person_liked_combined AS p
    WHERE p.person_id = OLD.person_id
        AND p.post_id = OLD.post_id;
    RETURN NULL;
END
$$;
CREATE TRIGGER person_liked_combined_post_delete
    AFTER DELETE ON post_actions
    FOR EACH ROW
    EXECUTE FUNCTION r.person_liked_combined_post_delete ();
-- person_liked_combined_post_insert
CREATE FUNCTION r.person_liked_combined_post_insert ()
    RETURNS TRIGGER
    LANGUAGE plpgsql
    AS $$
BEGIN
    IF NEW.voted_at IS NOT NULL AND (
        SELECT
            local
        FROM
            person
        WHERE
            id = NEW.person_id) = TRUE THEN
        INSERT INTO person_liked_combined (person_id, creator_id, post_id, community_id, voted_at, vote_is_upvote)
        SELECT
            NEW.person_id,
            p.creator_id,
            NEW.post_id,
            p.community_id,
            NEW.voted_at,
            NEW.vote_is_upvote
        FROM
            post AS p
        WHERE
            p.id = NEW.post_id;
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER person_liked_combined_post_insert
    AFTER INSERT ON post_actions
    FOR EACH ROW
    EXECUTE FUNCTION r.person_liked_combined_post_insert ();
-- person_liked_combined_post_update
CREATE FUNCTION r.person_liked_combined_post_update ()
    RETURNS TRIGGER
    LANGUAGE plpgsql
    AS $$
BEGIN
    IF NEW.voted_at IS NOT NULL AND (
        SELECT
            local
        FROM
            person
        WHERE
            id = NEW.person_id) = TRUE THEN
        INSERT INTO person_liked_combined (person_id, creator_id, post_id, community_id, voted_at, vote_is_upvote)
        SELECT
            NEW.person_id,
            p.creator_id,
            NEW.post_id,
            p.community_id,
            NEW.voted_at,
            NEW.vote_is_upvote
        FROM
            post AS p
        WHERE
            p.id = NEW.post_id
        ON CONFLICT (person_id,
            comment_id,
            post_id)
            DO UPDATE SET
                voted_at = NEW.voted_at,
                vote_is_upvote = NEW.vote_is_upvote;
        -- If liked gets set as null, delete the row
    ELSE
        DELETE FROM person_liked_combined AS p
        WHERE p.person_id = NEW.person_id
            AND p.post_id = NEW.post_id;
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER person_liked_combined_post_update
    AFTER UPDATE OF voted_at ON post_actions
    FOR EACH ROW
    EXECUTE FUNCTION r.person_liked_combined_post_update ();
-- person_saved_combined_comment_delete
CREATE FUNCTION r.person_liked_combined_comment_delete ()
    RETURNS TRIGGER
    LANGUAGE plpgsql
    AS $$
BEGIN
    DELETE FROM person_liked_combined AS p
    WHERE p.person_id = OLD.person_id
        AND p.comment_id = OLD.comment_id;
    RETURN NULL;
END
$$;
CREATE TRIGGER person_liked_combined_comment_delete
    AFTER DELETE ON comment_actions
    FOR EACH ROW
    EXECUTE FUNCTION r.person_liked_combined_comment_delete ();
-- person_liked_combined_comment_insert
CREATE FUNCTION r.person_liked_combined_comment_insert ()
    RETURNS TRIGGER
    LANGUAGE plpgsql
    AS $$
BEGIN
    IF NEW.voted_at IS NOT NULL AND (
        SELECT
            local
        FROM
            person
        WHERE
            id = NEW.person_id) = TRUE THEN
        INSERT INTO person_liked_combined (person_id, creator_id, comment_id, post_id, community_id, voted_at, vote_is_upvote)
        SELECT
            NEW.person_id,
            c.creator_id,
            NEW.comment_id,
            c.post_id,
            c.community_id,
            NEW.voted_at,
            NEW.vote_is_upvote
        FROM
            comment AS c
        WHERE
            c.id = NEW.comment_id;
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER person_liked_combined_comment_insert
    AFTER INSERT ON comment_actions
    FOR EACH ROW
    EXECUTE FUNCTION r.person_liked_combined_comment_insert ();
-- person_liked_combined_comment_update
CREATE FUNCTION r.person_liked_combined_comment_update ()
    RETURNS TRIGGER
    LANGUAGE plpgsql
    AS $$
BEGIN
    IF NEW.voted_at IS NOT NULL AND (
        SELECT
            local
        FROM
            person
        WHERE
            id = NEW.person_id) = TRUE THEN
        INSERT INTO person_liked_combined (person_id, creator_id, comment_id, post_id, community_id, voted_at, vote_is_upvote)
        SELECT
            NEW.person_id,
            c.creator_id,
            NEW.comment_id,
            c.post_id,
            c.community_id,
            NEW.voted_at,
            NEW.vote_is_upvote
        FROM
            comment AS c
        WHERE
            c.id = NEW.comment_id
        ON CONFLICT (person_id,
            comment_id,
            post_id)
            DO UPDATE SET
                voted_at = NEW.voted_at,
                vote_is_upvote = NEW.vote_is_upvote;
        -- If liked gets set as null, delete the row
    ELSE
        DELETE FROM person_liked_combined AS p
        WHERE p.person_id = NEW.person_id
            AND p.comment_id = NEW.comment_id;
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER person_liked_combined_comment_update
    AFTER UPDATE OF voted_at ON comment_actions
    FOR EACH ROW
    EXECUTE FUNCTION r.person_liked_combined_comment_update ();
-- Prevent using delete instead of uplete on action tables
CREATE FUNCTION r.require_uplete ()
    RETURNS TRIGGER
    LANGUAGE plpgsql
    AS $$
BEGIN
    IF pg_trigger_depth() = 1 AND NOT starts_with (current_query(), '/**/') THEN
        RAISE 'using delete instead of uplete is not allowed for this table';
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER require_uplete
    BEFORE DELETE ON comment_actions
    FOR EACH STATEMENT
    EXECUTE FUNCTION r.require_uplete ();
CREATE TRIGGER require_uplete
    BEFORE DELETE ON community_actions
    FOR EACH STATEMENT
    EXECUTE FUNCTION r.require_uplete ();
CREATE TRIGGER require_uplete
    BEFORE DELETE ON instance_actions
    FOR EACH STATEMENT
    EXECUTE FUNCTION r.require_uplete ();
CREATE TRIGGER require_uplete
    BEFORE DELETE ON person_actions
    FOR EACH STATEMENT
    EXECUTE FUNCTION r.require_uplete ();
CREATE TRIGGER require_uplete
    BEFORE DELETE ON post_actions
    FOR EACH STATEMENT
    EXECUTE FUNCTION r.require_uplete ();
-- Increment / decrement multi_community counts
CREATE FUNCTION r.multicommunity_community_increment ()
    RETURNS TRIGGER
    LANGUAGE plpgsql
    AS $$
BEGIN
    UPDATE
        multi_community
    SET
        communities = communities + 1
    WHERE
        id = NEW.multi_community_id;
    RETURN NULL;
END
$$;
CREATE FUNCTION r.multicommunity_community_decrement ()
    RETURNS TRIGGER
    LANGUAGE plpgsql
    AS $$
BEGIN
    UPDATE
        multi_community
    SET
        communities = communities - 1
    WHERE
        id = OLD.multi_community_id;
    RETURN NULL;
END
$$;
CREATE TRIGGER multi_community_add_community
    AFTER INSERT ON multi_community_entry
    FOR EACH ROW
    EXECUTE FUNCTION r.multicommunity_community_increment ();
CREATE TRIGGER multi_community_remove_community
    AFTER DELETE ON multi_community_entry
    FOR EACH ROW
    EXECUTE FUNCTION r.multicommunity_community_decrement ();
-- Increment / decrement multi_community subscriber counts
CREATE FUNCTION r.multicommunity_subscribers_increment ()
    RETURNS TRIGGER
    LANGUAGE plpgsql
    AS $$
BEGIN
    UPDATE
        multi_community AS m
    SET
        subscribers = subscribers + 1,
        subscribers_local = CASE WHEN p.local THEN
            subscribers_local + 1
        ELSE
            subscribers_local
        END
    FROM
        person AS p
    WHERE
        m.id = NEW.multi_community_id
        AND p.id = NEW.person_id;
    RETURN NULL;
END
$$;
CREATE FUNCTION r.multicommunity_subscribers_decrement ()
    RETURNS TRIGGER
    LANGUAGE plpgsql
    AS $$
BEGIN
    UPDATE
        multi_community AS m
    SET
        subscribers = subscribers - 1,
        subscribers_local = CASE WHEN p.local THEN
            subscribers_local - 1
        ELSE
            subscribers_local
        END
    FROM
        person AS p
    WHERE
        m.id = OLD.multi_community_id
        AND p.id = OLD.person_id;
    RETURN NULL;
END
$$;
CREATE TRIGGER multi_community_update_add_subscribers
    AFTER UPDATE OF follow_state ON multi_community_follow
    FOR EACH ROW
    WHEN (OLD.follow_state != 'Accepted' AND NEW.follow_state = 'Accepted')
    EXECUTE FUNCTION r.multicommunity_subscribers_increment ();
CREATE TRIGGER multi_community_update_remove_subscribers
    AFTER UPDATE OF follow_state ON multi_community_follow
    FOR EACH ROW
    WHEN (OLD.follow_state = 'Accepted' AND NEW.follow_state != 'Accepted')
    EXECUTE FUNCTION r.multicommunity_subscribers_decrement ();
CREATE TRIGGER multi_community_add_subscribers
    AFTER INSERT ON multi_community_follow
    FOR EACH ROW
    WHEN (NEW.follow_state = 'Accepted')
    EXECUTE FUNCTION r.multicommunity_subscribers_increment ();
CREATE TRIGGER multi_community_remove_subscribers
    AFTER DELETE ON multi_community_follow
    FOR EACH ROW
    WHEN (OLD.follow_state = 'Accepted')
    EXECUTE FUNCTION r.multicommunity_subscribers_decrement ();
-- Increment modlog.child_count for bulk_action_parents
CREATE FUNCTION r.modlog_child_count_increment ()
    RETURNS TRIGGER
    LANGUAGE plpgsql
    AS $$
BEGIN
    UPDATE
        modlog
    SET
        child_count = child_count + 1
    WHERE
        id = NEW.bulk_action_parent_id;
    RETURN NULL;
END
$$;
CREATE TRIGGER modlog_bulk_action_parent_insert
    AFTER INSERT ON modlog
    FOR EACH ROW
    WHEN (NEW.bulk_action_parent_id IS NOT NULL)
    EXECUTE FUNCTION r.modlog_child_count_increment ();
-- Decrement modlog.child_count for bulk_action_parents on delete
CREATE FUNCTION r.modlog_child_count_decrement ()
    RETURNS TRIGGER
    LANGUAGE plpgsql
    AS $$
BEGIN
    UPDATE
        modlog
    SET
        child_count = child_count - 1
    WHERE
        id = OLD.bulk_action_parent_id;
    RETURN NULL;
END
$$;
CREATE TRIGGER modlog_bulk_action_parent_delete
    AFTER DELETE ON modlog
    FOR EACH ROW
    WHEN (OLD.bulk_action_parent_id IS NOT NULL)
    EXECUTE FUNCTION r.modlog_child_count_decrement ();
