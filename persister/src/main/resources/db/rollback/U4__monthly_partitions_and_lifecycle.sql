-- Undoes V4: back to V3's unpartitioned tables, every row kept (archived months that were dropped stay in their
-- archives; restore them before downgrading if they should come back). Lost: the rollups, the policies, the archive
-- log, source_offset and updated_at. "timestamp" and created_at go back to zone-less (UTC and the server's zone).
CREATE TABLE images_v3 (
    img_unique_id           VARCHAR(255) PRIMARY KEY,
    image_height            INT,
    image_width             INT,
    processing_time_seconds FLOAT,
    "timestamp"             TIMESTAMP,
    input_image_path        VARCHAR(500),
    result_image_1_path     VARCHAR(500),
    result_image_2_path     VARCHAR(500),
    result_image_3_path     VARCHAR(500),
    created_at              TIMESTAMP NOT NULL DEFAULT now(),
    captured_at             TIMESTAMPTZ,
    processed_at            TIMESTAMPTZ,
    model_name              VARCHAR(200),
    model_sha256            CHAR(64),
    worker_id               VARCHAR(200),
    camera_id               VARCHAR(200),
    attributes              JSONB NOT NULL DEFAULT '{}'::jsonb
);
INSERT INTO images_v3 SELECT img_unique_id, image_height, image_width, processing_time_seconds,
       "timestamp" AT TIME ZONE 'UTC', input_image_path, result_image_1_path, result_image_2_path, result_image_3_path,
       created_at::timestamp, captured_at, processed_at, model_name, model_sha256, worker_id, camera_id, attributes
FROM images;

CREATE TABLE classes_v3 (
    class_unique_id   VARCHAR(300) PRIMARY KEY,
    img_unique_id     VARCHAR(255) NOT NULL REFERENCES images_v3 (img_unique_id) ON DELETE CASCADE,
    class_id          INT NOT NULL,
    class_name        VARCHAR(100),
    total_regions     INT,
    total_area_pixels INT,
    created_at        TIMESTAMP NOT NULL DEFAULT now()
);
INSERT INTO classes_v3 SELECT class_unique_id, img_unique_id, class_id, class_name, total_regions, total_area_pixels,
       created_at::timestamp
FROM classes;

CREATE TABLE regions_v3 (
    region_unique_id VARCHAR(300) PRIMARY KEY,
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
    created_at       TIMESTAMP NOT NULL DEFAULT now()
);
INSERT INTO regions_v3 SELECT region_unique_id, class_unique_id, img_unique_id, region_id, centroid_x, centroid_y,
       bbox_x, bbox_y, bbox_width, bbox_height, area_pixels, perimeter, major_axis, minor_axis, circularity,
       aspect_ratio, created_at::timestamp
FROM regions;

DROP TABLE regions, classes, images, image_keys, daily_rollups, partition_archives, archive_policies;
DROP FUNCTION aoi_drop_month_partitions(date);
DROP FUNCTION aoi_ensure_partitions(int);
DROP FUNCTION aoi_create_month_partitions(date);
DROP FUNCTION aoi_link_partitions(text);
DROP FUNCTION aoi_month_suffix(date);
DROP FUNCTION aoi_touch_updated_at();

ALTER TABLE images_v3 RENAME TO images;
ALTER TABLE classes_v3 RENAME TO classes;
ALTER TABLE regions_v3 RENAME TO regions;
ALTER INDEX images_v3_pkey RENAME TO images_pkey;
ALTER INDEX classes_v3_pkey RENAME TO classes_pkey;
ALTER INDEX regions_v3_pkey RENAME TO regions_pkey;
ALTER TABLE classes RENAME CONSTRAINT classes_v3_img_unique_id_fkey TO classes_img_unique_id_fkey;
CREATE INDEX ix_images_timestamp ON images ("timestamp");
ALTER TABLE classes ADD CONSTRAINT uq_classes_img_class UNIQUE (img_unique_id, class_unique_id);
CREATE INDEX ix_regions_class ON regions (class_unique_id);
CREATE INDEX ix_regions_img ON regions (img_unique_id);
ALTER TABLE regions ADD CONSTRAINT regions_class_fkey FOREIGN KEY (img_unique_id, class_unique_id)
    REFERENCES classes (img_unique_id, class_unique_id) ON DELETE CASCADE;

GRANT SELECT, INSERT, UPDATE, DELETE ON images, classes, regions TO aoi_persister;
GRANT SELECT ON images, classes, regions TO aoi_reader;
