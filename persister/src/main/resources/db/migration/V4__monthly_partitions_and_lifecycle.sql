-- Data lifecycle (docs/lifecycle.md): images, classes and regions become monthly range partitions of their capture
-- time, so that retention drops whole months instead of deleting rows; every timestamp is timestamptz; the policy,
-- archive log and daily rollups that outlive the raw rows. Converts a database that holds data, keeping every row.
-- Undone by db/rollback/U4__monthly_partitions_and_lifecycle.sql.

-- 1. The unpartitioned tables step aside (their index names are needed for the new ones).
ALTER TABLE regions RENAME TO regions_v3;
ALTER TABLE classes RENAME TO classes_v3;
ALTER TABLE images RENAME TO images_v3;
ALTER INDEX images_pkey RENAME TO images_v3_pkey;
ALTER INDEX ix_images_timestamp RENAME TO images_v3_timestamp;
ALTER INDEX classes_pkey RENAME TO classes_v3_pkey;
ALTER INDEX uq_classes_img_class RENAME TO classes_v3_img_class;
ALTER INDEX regions_pkey RENAME TO regions_v3_pkey;
ALTER INDEX ix_regions_class RENAME TO regions_v3_class;
ALTER INDEX ix_regions_img RENAME TO regions_v3_img;

-- 2. The partitioned tables. The partition key captured_at (when the camera took the frame, never changed by a
-- reprocess of the same capture) is in every table and in every primary and foreign key, as PostgreSQL requires.
-- Keys, indexes and foreign keys are added after the rows are loaded (cheaper than maintaining them row by row).
CREATE TABLE images (
    img_unique_id           VARCHAR(255) NOT NULL,
    image_height            INT,
    image_width             INT,
    processing_time_seconds FLOAT,
    "timestamp"             TIMESTAMPTZ,
    input_image_path        VARCHAR(500),
    result_image_1_path     VARCHAR(500),
    result_image_2_path     VARCHAR(500),
    result_image_3_path     VARCHAR(500),
    created_at              TIMESTAMPTZ NOT NULL DEFAULT now(),
    captured_at             TIMESTAMPTZ NOT NULL,
    processed_at            TIMESTAMPTZ,
    model_name              VARCHAR(200),
    model_sha256            CHAR(64),
    worker_id               VARCHAR(200),
    camera_id               VARCHAR(200),
    attributes              JSONB NOT NULL DEFAULT '{}'::jsonb,
    -- offset of the ImageRef record in aoi.images the result was computed from: orders reprocessings of one frame
    -- without trusting the workers' clocks (docs/lifecycle.md, "Which result wins")
    source_offset           BIGINT,
    updated_at              TIMESTAMPTZ NOT NULL DEFAULT now()
) PARTITION BY RANGE (captured_at);

CREATE TABLE classes (
    class_unique_id   VARCHAR(300) NOT NULL,
    img_unique_id     VARCHAR(255) NOT NULL,
    class_id          INT NOT NULL,
    class_name        VARCHAR(100),
    total_regions     INT,
    total_area_pixels INT,
    created_at        TIMESTAMPTZ NOT NULL DEFAULT now(),
    captured_at       TIMESTAMPTZ NOT NULL
) PARTITION BY RANGE (captured_at);

CREATE TABLE regions (
    region_unique_id VARCHAR(300) NOT NULL,
    class_unique_id  VARCHAR(300) NOT NULL,
    img_unique_id    VARCHAR(255) NOT NULL,
    region_id        INT NOT NULL,
    centroid_x       FLOAT,
    centroid_y       FLOAT,
    bbox_x           INT,
    bbox_y           INT,
    bbox_width       INT,
    bbox_height      INT,
    area_pixels      INT,
    perimeter        FLOAT,
    major_axis       FLOAT,
    minor_axis       FLOAT,
    circularity      FLOAT,
    aspect_ratio     FLOAT,
    created_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
    captured_at      TIMESTAMPTZ NOT NULL
) PARTITION BY RANGE (captured_at);

-- Capture times outside every month partition (a camera clock years off) land here and are reported.
CREATE TABLE images_default PARTITION OF images DEFAULT;
CREATE TABLE classes_default PARTITION OF classes DEFAULT;
CREATE TABLE regions_default PARTITION OF regions DEFAULT;

-- One images row per img_unique_id across all partitions: PostgreSQL has no global unique index on a partitioned
-- table, so this narrow table holds each image's id and the capture time its rows are stored under. The writer
-- locks an image's key row before it decides anything about the image (docs/lifecycle.md).
CREATE TABLE image_keys (
    img_unique_id VARCHAR(255) PRIMARY KEY,
    captured_at   TIMESTAMPTZ NOT NULL
);

-- 3. Partition maintenance, run by the persister's DML-only role through SECURITY DEFINER functions owned by the
-- migrator: the role can create the next months and drop months past the retention policy, nothing else.
CREATE FUNCTION aoi_month_suffix(p_month date) RETURNS text
    LANGUAGE sql IMMUTABLE AS $$ SELECT to_char(p_month, '"p"YYYY_MM') $$;

-- The foreign keys join partitions of the same month (classes_pX -> images_pX, regions_pX -> classes_pX): a row and
-- its parent share the capture time, so this is the same rule as a key between the parents, but each check probes
-- one plain table. A key that references a partitioned parent costs a check through every partition: 200,000
-- class rows took 27-30 s that way against 7-10 s with these, at 12 months (PostgreSQL 15; docs/lifecycle.md).
CREATE FUNCTION aoi_link_partitions(p_suffix text) RETURNS void
    LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
BEGIN
    EXECUTE format('ALTER TABLE %I ADD CONSTRAINT %I FOREIGN KEY (img_unique_id, captured_at)'
        || ' REFERENCES %I (img_unique_id, captured_at) ON DELETE CASCADE',
        'classes_' || p_suffix, 'classes_' || p_suffix || '_img_fkey', 'images_' || p_suffix);
    EXECUTE format('ALTER TABLE %I ADD CONSTRAINT %I FOREIGN KEY (img_unique_id, class_unique_id, captured_at)'
        || ' REFERENCES %I (img_unique_id, class_unique_id, captured_at) ON DELETE CASCADE',
        'regions_' || p_suffix, 'regions_' || p_suffix || '_class_fkey', 'classes_' || p_suffix);
END
$$;

CREATE FUNCTION aoi_create_month_partitions(p_month date) RETURNS int
    LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
DECLARE
    first_day date := date_trunc('month', p_month)::date;
    lo timestamptz := first_day::timestamp AT TIME ZONE 'UTC';
    hi timestamptz := (first_day + interval '1 month')::timestamp AT TIME ZONE 'UTC';
    suffix text := aoi_month_suffix(first_day);
    strays bigint;
    t text;
BEGIN
    -- one creator at a time across persisters; the loser of the race finds the partitions there
    PERFORM pg_advisory_xact_lock(7318964501);
    IF to_regclass('images_' || suffix) IS NOT NULL THEN
        RETURN 0;
    END IF;
    -- rows the default partitions took for this month move into it (else creating it would fail)
    SELECT count(*) INTO strays FROM images_default WHERE captured_at >= lo AND captured_at < hi;
    IF strays > 0 THEN
        CREATE TEMP TABLE aoi_moving_images ON COMMIT DROP AS
            SELECT * FROM images_default WHERE captured_at >= lo AND captured_at < hi;
        CREATE TEMP TABLE aoi_moving_classes ON COMMIT DROP AS
            SELECT * FROM classes_default WHERE captured_at >= lo AND captured_at < hi;
        CREATE TEMP TABLE aoi_moving_regions ON COMMIT DROP AS
            SELECT * FROM regions_default WHERE captured_at >= lo AND captured_at < hi;
        DELETE FROM regions_default WHERE captured_at >= lo AND captured_at < hi;
        DELETE FROM classes_default WHERE captured_at >= lo AND captured_at < hi;
        DELETE FROM images_default WHERE captured_at >= lo AND captured_at < hi;
    END IF;
    FOREACH t IN ARRAY ARRAY['images', 'classes', 'regions'] LOOP
        EXECUTE format('CREATE TABLE %I PARTITION OF %I FOR VALUES FROM (%L) TO (%L)', t || '_' || suffix, t, lo, hi);
    END LOOP;
    -- keys once the parents have their unique indexes (during V4's conversion they come after the rows)
    IF strays = 0 AND to_regclass('uq_classes_img_class') IS NOT NULL THEN
        PERFORM aoi_link_partitions(suffix);
    END IF;
    IF strays > 0 THEN
        INSERT INTO images SELECT * FROM aoi_moving_images;
        INSERT INTO classes SELECT * FROM aoi_moving_classes;
        INSERT INTO regions SELECT * FROM aoi_moving_regions;
        DROP TABLE aoi_moving_images, aoi_moving_classes, aoi_moving_regions;
        IF to_regclass('uq_classes_img_class') IS NOT NULL THEN
            PERFORM aoi_link_partitions(suffix);
        END IF;
    END IF;
    RETURN 1;
END
$$;

-- The current month (UTC) and p_months_ahead after it; returns how many months were created now.
CREATE FUNCTION aoi_ensure_partitions(p_months_ahead int) RETURNS int
    LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
DECLARE
    this_month date := date_trunc('month', now() AT TIME ZONE 'UTC')::date;
    created int := 0;
BEGIN
    IF p_months_ahead < 0 OR p_months_ahead > 120 THEN
        RAISE EXCEPTION 'months ahead must be between 0 and 120, got %', p_months_ahead;
    END IF;
    FOR i IN 0..p_months_ahead LOOP
        created := created + aoi_create_month_partitions((this_month + make_interval(months => i))::date);
    END LOOP;
    RETURN created;
END
$$;

-- 4. Retention and archive policy, set with ./aoi db policy (one row per kind of data), and the archive log.
CREATE TABLE archive_policies (
    data_kind             VARCHAR(40) PRIMARY KEY CHECK (data_kind IN ('results', 'rollups')),
    retention_days        INT CHECK (retention_days IS NULL OR retention_days >= 1),
    archive_enabled       BOOLEAN NOT NULL DEFAULT false,
    archive_location      VARCHAR(1000),
    downsample_after_days INT CHECK (downsample_after_days IS NULL OR downsample_after_days >= 1),
    last_archive_run      TIMESTAMPTZ,
    created_at            TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at            TIMESTAMPTZ NOT NULL DEFAULT now(),
    CHECK (NOT archive_enabled OR archive_location IS NOT NULL)
);
-- Nothing is ever removed until someone sets a retention (NULL = keep forever).
INSERT INTO archive_policies (data_kind) VALUES ('results'), ('rollups');

CREATE TABLE partition_archives (
    month           DATE PRIMARY KEY,
    location        VARCHAR(1000),
    images          BIGINT NOT NULL,
    classes         BIGINT NOT NULL,
    regions         BIGINT NOT NULL,
    result_files    BIGINT NOT NULL DEFAULT 0,
    manifest_sha256 CHAR(64),
    archived_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    dropped_at      TIMESTAMPTZ,
    restored_at     TIMESTAMPTZ,
    updated_at      TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Drops one month of images, classes and regions (and its image keys) when the policy says it is past retention;
-- with archiving on, only after an archive of it was recorded. Returns the number of images dropped, -1 when the
-- month has no partitions.
CREATE FUNCTION aoi_drop_month_partitions(p_month date) RETURNS bigint
    LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
DECLARE
    first_day date := date_trunc('month', p_month)::date;
    suffix text := aoi_month_suffix(first_day);
    policy archive_policies%ROWTYPE;
    archived partition_archives%ROWTYPE;
    dropped bigint;
    class_rows bigint;
    region_rows bigint;
    t text;
BEGIN
    SELECT * INTO policy FROM archive_policies WHERE data_kind = 'results';
    IF policy.retention_days IS NULL THEN
        RAISE EXCEPTION 'the results policy keeps data forever (retention_days is not set): % is not dropped', first_day;
    END IF;
    IF (first_day + interval '1 month')::timestamp AT TIME ZONE 'UTC' > now() - make_interval(days => policy.retention_days) THEN
        RAISE EXCEPTION 'month % is not yet past the retention of % days', first_day, policy.retention_days;
    END IF;
    PERFORM pg_advisory_xact_lock(7318964501);
    IF to_regclass('images_' || suffix) IS NULL THEN
        RETURN -1;
    END IF;
    -- no writer adds a late row to the month between the count and the drop
    EXECUTE format('LOCK TABLE %I, %I, %I IN ACCESS EXCLUSIVE MODE', 'regions_' || suffix, 'classes_' || suffix,
        'images_' || suffix);
    EXECUTE format('SELECT count(*) FROM %I', 'images_' || suffix) INTO dropped;
    IF policy.archive_enabled THEN
        SELECT * INTO archived FROM partition_archives a WHERE a.month = first_day;
        IF NOT FOUND THEN
            RAISE EXCEPTION 'archiving is on and month % has no recorded archive', first_day;
        END IF;
        EXECUTE format('SELECT count(*) FROM %I', 'classes_' || suffix) INTO class_rows;
        EXECUTE format('SELECT count(*) FROM %I', 'regions_' || suffix) INTO region_rows;
        IF (dropped, class_rows, region_rows) <> (archived.images, archived.classes, archived.regions) THEN
            RAISE EXCEPTION 'month % holds % images, % classes, % regions but its archive % (archive it again)',
                first_day, dropped, class_rows, region_rows, concat_ws(' / ', archived.images, archived.classes,
                archived.regions);
        END IF;
    END IF;
    EXECUTE format('DELETE FROM image_keys k USING %I p WHERE k.img_unique_id = p.img_unique_id'
        || ' AND k.captured_at = p.captured_at', 'images_' || suffix);
    -- children first (their keys reference the month's parents); dropping a partition detaches it
    FOREACH t IN ARRAY ARRAY['regions', 'classes', 'images'] LOOP
        EXECUTE format('DROP TABLE %I', t || '_' || suffix);
    END LOOP;
    UPDATE partition_archives SET dropped_at = now() WHERE month = first_day;
    RETURN dropped;
END
$$;

-- 5. Daily rollups per camera, model and class (class 0: all classes of a frame): kept up to date by the writer in the same transaction as the rows
-- (docs/lifecycle.md); they stay when the raw months are dropped. No camera / no model is stored as ''.
CREATE TABLE daily_rollups (
    day                DATE NOT NULL,
    camera_id          VARCHAR(200) NOT NULL,
    model_sha256       VARCHAR(64) NOT NULL,
    class_id           INT NOT NULL,
    class_name         VARCHAR(100),
    frames             BIGINT NOT NULL,
    frames_with_defect BIGINT NOT NULL,
    regions            BIGINT NOT NULL,
    total_area_pixels  BIGINT NOT NULL,
    updated_at         TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (day, camera_id, model_sha256, class_id)
);

-- 6. Month partitions for every month that holds data (within ten years back and one ahead; the rest stays in the
-- default partition, reported), then the rows, keyed as stored before: "timestamp" (UTC without zone) and
-- created_at (the server's zone) become timestamptz; rows of the seed schema without captured_at take "timestamp",
-- or else created_at, as their capture time.
CREATE TEMP TABLE aoi_v4_captured ON COMMIT DROP AS
    SELECT img_unique_id,
           coalesce(captured_at, "timestamp" AT TIME ZONE 'UTC', created_at::timestamptz) AS captured_at
    FROM images_v3;
DO $$
DECLARE
    m date;
BEGIN
    FOR m IN SELECT DISTINCT date_trunc('month', captured_at AT TIME ZONE 'UTC')::date FROM aoi_v4_captured
             WHERE captured_at >= now() - interval '10 years' AND captured_at < now() + interval '1 year' LOOP
        PERFORM aoi_create_month_partitions(m);
    END LOOP;
    PERFORM aoi_ensure_partitions(3);
END
$$;

INSERT INTO images (img_unique_id, image_height, image_width, processing_time_seconds, "timestamp", input_image_path,
        result_image_1_path, result_image_2_path, result_image_3_path, created_at, captured_at, processed_at,
        model_name, model_sha256, worker_id, camera_id, attributes, source_offset, updated_at)
SELECT i.img_unique_id, i.image_height, i.image_width, i.processing_time_seconds,
       coalesce(i."timestamp" AT TIME ZONE 'UTC', k.captured_at), i.input_image_path,
       i.result_image_1_path, i.result_image_2_path, i.result_image_3_path, i.created_at::timestamptz, k.captured_at,
       i.processed_at, i.model_name, i.model_sha256, i.worker_id, i.camera_id, i.attributes, NULL,
       i.created_at::timestamptz
FROM images_v3 i JOIN aoi_v4_captured k USING (img_unique_id);

INSERT INTO classes (class_unique_id, img_unique_id, class_id, class_name, total_regions, total_area_pixels,
        created_at, captured_at)
SELECT c.class_unique_id, c.img_unique_id, c.class_id, c.class_name, c.total_regions, c.total_area_pixels,
       c.created_at::timestamptz, k.captured_at
FROM classes_v3 c JOIN aoi_v4_captured k USING (img_unique_id);

INSERT INTO regions (region_unique_id, class_unique_id, img_unique_id, region_id, centroid_x, centroid_y, bbox_x,
        bbox_y, bbox_width, bbox_height, area_pixels, perimeter, major_axis, minor_axis, circularity, aspect_ratio,
        created_at, captured_at)
SELECT r.region_unique_id, r.class_unique_id, r.img_unique_id, r.region_id, r.centroid_x, r.centroid_y, r.bbox_x,
       r.bbox_y, r.bbox_width, r.bbox_height, r.area_pixels, r.perimeter, r.major_axis, r.minor_axis, r.circularity,
       r.aspect_ratio, r.created_at::timestamptz, k.captured_at
FROM regions_v3 r JOIN aoi_v4_captured k USING (img_unique_id);

INSERT INTO image_keys (img_unique_id, captured_at) SELECT img_unique_id, captured_at FROM aoi_v4_captured;

DROP TABLE regions_v3;
DROP TABLE classes_v3;
DROP TABLE images_v3;

-- 7. Keys and indexes on the parents (each partition gets its own), the same set as V2 plus the partition key;
-- foreign keys between the partitions of each month (aoi_link_partitions).
-- Time-range queries use captured_at (the partition key: they then scan only the months they need).
ALTER TABLE images ADD CONSTRAINT images_pkey PRIMARY KEY (img_unique_id, captured_at);
CREATE INDEX ix_images_captured_at ON images (captured_at);
ALTER TABLE classes ADD CONSTRAINT classes_pkey PRIMARY KEY (class_unique_id, captured_at);
ALTER TABLE classes ADD CONSTRAINT uq_classes_img_class UNIQUE (img_unique_id, class_unique_id, captured_at);
ALTER TABLE regions ADD CONSTRAINT regions_pkey PRIMARY KEY (region_unique_id, captured_at);
CREATE INDEX ix_regions_img ON regions (img_unique_id);
CREATE INDEX ix_regions_class ON regions (class_unique_id);
SELECT aoi_link_partitions(substr(c.relname, length('images_') + 1))
FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = 'images'::regclass;

-- Rollups of what is stored now, the same aggregation the writer maintains incrementally.
INSERT INTO daily_rollups (day, camera_id, model_sha256, class_id, class_name, frames, frames_with_defect, regions,
        total_area_pixels)
SELECT (i.captured_at AT TIME ZONE 'UTC')::date, coalesce(i.camera_id, ''), coalesce(i.model_sha256, ''), c.class_id,
       max(c.class_name), count(*), count(*) FILTER (WHERE c.total_regions > 0), coalesce(sum(c.total_regions), 0),
       coalesce(sum(c.total_area_pixels), 0)
FROM images i JOIN classes c ON c.img_unique_id = i.img_unique_id AND c.captured_at = i.captured_at
GROUP BY 1, 2, 3, 4;
-- class 0: each frame once, with all its classes together (frames with a defect of any class)
INSERT INTO daily_rollups (day, camera_id, model_sha256, class_id, class_name, frames, frames_with_defect, regions,
        total_area_pixels)
SELECT day, camera_id, model_sha256, 0, NULL, count(*), count(*) FILTER (WHERE regions > 0), sum(regions), sum(area)
FROM (SELECT (i.captured_at AT TIME ZONE 'UTC')::date AS day, coalesce(i.camera_id, '') AS camera_id,
             coalesce(i.model_sha256, '') AS model_sha256, coalesce(sum(c.total_regions), 0) AS regions,
             coalesce(sum(c.total_area_pixels), 0) AS area
      FROM images i LEFT JOIN classes c ON c.img_unique_id = i.img_unique_id AND c.captured_at = i.captured_at
      GROUP BY i.img_unique_id, i.captured_at, i.camera_id, i.model_sha256) per_image
GROUP BY 1, 2, 3;

-- 8. updated_at follows every update, whoever makes it.
CREATE FUNCTION aoi_touch_updated_at() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.updated_at := now();
    RETURN NEW;
END
$$;
CREATE TRIGGER images_updated_at BEFORE UPDATE ON images FOR EACH ROW EXECUTE FUNCTION aoi_touch_updated_at();
CREATE TRIGGER archive_policies_updated_at BEFORE UPDATE ON archive_policies
    FOR EACH ROW EXECUTE FUNCTION aoi_touch_updated_at();
CREATE TRIGGER partition_archives_updated_at BEFORE UPDATE ON partition_archives
    FOR EACH ROW EXECUTE FUNCTION aoi_touch_updated_at();
CREATE TRIGGER daily_rollups_updated_at BEFORE UPDATE ON daily_rollups
    FOR EACH ROW EXECUTE FUNCTION aoi_touch_updated_at();

-- 9. Least privilege (V3): the persister writes rows, reads policies and records archive runs; partition DDL only
-- through the functions above. The reader gets SELECT on these tables from V3's default privileges.
GRANT SELECT, INSERT, UPDATE, DELETE ON images, classes, regions, image_keys, daily_rollups, partition_archives
    TO aoi_persister;
GRANT SELECT ON archive_policies, images_default, classes_default, regions_default TO aoi_persister;
GRANT UPDATE (last_archive_run) ON archive_policies TO aoi_persister;
GRANT SELECT ON images, classes, regions TO aoi_reader;
REVOKE ALL ON FUNCTION aoi_create_month_partitions(date), aoi_ensure_partitions(int),
    aoi_drop_month_partitions(date), aoi_link_partitions(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION aoi_create_month_partitions(date), aoi_ensure_partitions(int),
    aoi_drop_month_partitions(date) TO aoi_persister;
