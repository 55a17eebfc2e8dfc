-- People and their verdicts (docs/review.md, docs/security.md): the console's users with hashed passwords and a
-- role, and the reviewers' verdicts on defect regions with optimistic locking, soft delete and an audit trail.
-- Undone by db/rollback/U15__users_and_region_reviews.sql.

-- password_hash is Spring Security's DelegatingPasswordEncoder format ({bcrypt}... or {argon2}...): never plain.
CREATE TABLE users (
    id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    username      VARCHAR(100) NOT NULL,
    password_hash VARCHAR(500) NOT NULL,
    role          VARCHAR(20)  NOT NULL,
    created_at    TIMESTAMPTZ  NOT NULL DEFAULT now(),
    last_login    TIMESTAMPTZ,
    disabled      BOOLEAN      NOT NULL DEFAULT false,
    CONSTRAINT uq_users_username UNIQUE (username),
    CONSTRAINT ck_users_role CHECK (role IN ('viewer', 'reviewer', 'admin')),
    CONSTRAINT ck_users_username CHECK (username ~ '^[A-Za-z0-9._@-]{1,100}$'),
    CONSTRAINT ck_users_hash_encoded CHECK (password_hash ~ '^\{(bcrypt|argon2@SpringSecurity_v5_8)\}')
);

-- A verdict on one region. The region is named by its ids (no foreign key: a reprocess replaces the frame's
-- regions wholly, and retention drops whole partitions; neither may take a verdict with it), and the region as it
-- was reviewed (class, box, area, model) is copied, so the verdict keeps its meaning after the region is gone.
CREATE TABLE region_reviews (
    id               BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    region_unique_id VARCHAR(300) NOT NULL,
    img_unique_id    VARCHAR(255) NOT NULL,
    class_id         INT          NOT NULL,
    class_name       VARCHAR(100),
    region_id        INT          NOT NULL,
    bbox_x           INT,
    bbox_y           INT,
    bbox_width       INT,
    bbox_height      INT,
    area_pixels      INT,
    model_sha256     CHAR(64),
    verdict          VARCHAR(12)  NOT NULL,
    comment          VARCHAR(2000),
    reviewed_by      BIGINT       NOT NULL REFERENCES users (id),
    reviewed_at      TIMESTAMPTZ  NOT NULL DEFAULT now(),
    version          INT          NOT NULL DEFAULT 1,
    is_deleted       BOOLEAN      NOT NULL DEFAULT false,
    deleted_at       TIMESTAMPTZ,
    deleted_by       BIGINT REFERENCES users (id),
    CONSTRAINT ck_region_reviews_verdict CHECK (verdict IN ('defect', 'false_call', 'unsure')),
    CONSTRAINT ck_region_reviews_deleted CHECK (is_deleted = (deleted_at IS NOT NULL))
);
-- One live verdict per region as a model reported it (a verdict for a region an older model reported stays, and
-- the region a newer model reports gets its own); soft-deleted rows do not count. Every read filters
-- is_deleted = false, and these partial indexes serve exactly that filter.
CREATE UNIQUE INDEX uq_region_reviews_live ON region_reviews (region_unique_id, coalesce(model_sha256, ''))
    WHERE NOT is_deleted;
CREATE INDEX ix_region_reviews_image_live ON region_reviews (img_unique_id) WHERE NOT is_deleted;
CREATE INDEX ix_region_reviews_reviewed_live ON region_reviews (reviewed_at, id) WHERE NOT is_deleted;

-- Audit: every change of a review (its creation, a verdict or comment change, a delete, a restore) keeps the row
-- as it was before and after, with who did it and when. Rows are only ever inserted.
CREATE TABLE region_review_history (
    id               BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    review_id        BIGINT       NOT NULL REFERENCES region_reviews (id),
    action           VARCHAR(10)  NOT NULL,
    version          INT          NOT NULL,
    previous_verdict VARCHAR(12),
    previous_comment VARCHAR(2000),
    verdict          VARCHAR(12)  NOT NULL,
    comment          VARCHAR(2000),
    changed_by       BIGINT       NOT NULL REFERENCES users (id),
    changed_at       TIMESTAMPTZ  NOT NULL DEFAULT now(),
    CONSTRAINT ck_review_history_action CHECK (action IN ('create', 'update', 'delete', 'restore'))
);
CREATE INDEX ix_region_review_history_review ON region_review_history (review_id, id);

-- The console's group role: everything aoi_reader reads, plus its own tables. Reviews are never deleted (soft
-- delete), history is append-only, so those grants stop short of DELETE and UPDATE.
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'aoi_console') THEN
        CREATE ROLE aoi_console NOLOGIN IN ROLE aoi_reader;
    ELSE
        GRANT aoi_reader TO aoi_console;
    END IF;
    EXECUTE format('GRANT USAGE ON SCHEMA %I TO aoi_console', current_schema());
END
$$;
GRANT SELECT, INSERT, UPDATE, DELETE ON users TO aoi_console;
GRANT SELECT, INSERT, UPDATE ON region_reviews TO aoi_console;
GRANT SELECT, INSERT ON region_review_history TO aoi_console;

-- The readers (Grafana, ad-hoc SQL) got SELECT on every new table from V3's default privileges: take the
-- password hashes back, keep the rest of a user's row readable so that verdicts can be joined to names.
REVOKE SELECT ON users FROM aoi_reader;
GRANT SELECT (id, username, role, created_at, last_login, disabled) ON users TO aoi_reader;
