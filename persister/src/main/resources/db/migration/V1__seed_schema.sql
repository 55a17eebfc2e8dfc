-- The schema of the original design (DESIGN.md, "Schema of the original design"), unchanged, so that a database
-- created by the first version upgrades through the same path as a fresh one. V2 widens and extends it.
CREATE TABLE images (
    img_unique_id           VARCHAR(255) PRIMARY KEY,
    image_height            INT,
    image_width             INT,
    processing_time_seconds FLOAT,
    "timestamp"             TIMESTAMP,
    input_image_path        VARCHAR(500),
    result_image_1_path     VARCHAR(500),
    result_image_2_path     VARCHAR(500),
    result_image_3_path     VARCHAR(500),
    created_at              TIMESTAMP NOT NULL DEFAULT now()
);
CREATE INDEX ix_images_timestamp ON images ("timestamp");

CREATE TABLE classes (
    class_unique_id   VARCHAR(255) PRIMARY KEY,
    img_unique_id     VARCHAR(255) NOT NULL REFERENCES images (img_unique_id) ON DELETE CASCADE,
    class_id          INT NOT NULL,
    class_name        VARCHAR(100),
    total_regions     INT,
    total_area_pixels INT,
    created_at        TIMESTAMP NOT NULL DEFAULT now()
);
CREATE INDEX ix_classes_img ON classes (img_unique_id);
CREATE INDEX ix_classes_class_id ON classes (class_id);
CREATE INDEX ix_classes_img_class ON classes (img_unique_id, class_id);

CREATE TABLE regions (
    region_unique_id VARCHAR(255) PRIMARY KEY,
    class_unique_id  VARCHAR(255) NOT NULL REFERENCES classes (class_unique_id) ON DELETE CASCADE,
    img_unique_id    VARCHAR(255) NOT NULL REFERENCES images (img_unique_id) ON DELETE CASCADE,
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
CREATE INDEX ix_regions_class ON regions (class_unique_id);
CREATE INDEX ix_regions_img ON regions (img_unique_id);
CREATE INDEX ix_regions_region_id ON regions (region_id);
CREATE INDEX ix_regions_img_class ON regions (img_unique_id, class_unique_id);
CREATE INDEX ix_regions_class_region ON regions (class_unique_id, region_id);
