-- What the pipeline's results carry beyond the seed schema, and only the indexes that a query users run needs
-- (measurements and plans: persister/README-schema.md). Undone by db/rollback/U2__results_of_the_pipeline.sql.

-- {img}_c{class}_r{region} exceeds 255 characters when the image id is 255 long (SPEC §2 allows that):
-- 255 + "_c" + 10 digits + "_r" + 10 digits = 279. Widening a VARCHAR rewrites neither table nor index.
ALTER TABLE classes ALTER COLUMN class_unique_id TYPE VARCHAR(300);
ALTER TABLE regions ALTER COLUMN class_unique_id TYPE VARCHAR(300);
ALTER TABLE regions ALTER COLUMN region_unique_id TYPE VARCHAR(300);

-- Per image: when it was taken and when and by what it was processed (processed_at orders reprocessing, SPEC §5).
ALTER TABLE images
    ADD COLUMN captured_at  TIMESTAMPTZ,
    ADD COLUMN processed_at TIMESTAMPTZ,
    ADD COLUMN model_name   VARCHAR(200),
    ADD COLUMN model_sha256 CHAR(64),
    ADD COLUMN worker_id    VARCHAR(200),
    ADD COLUMN camera_id    VARCHAR(200),
    ADD COLUMN attributes   JSONB NOT NULL DEFAULT '{}'::jsonb;

-- One referential check per region instead of two, with a stronger rule: a region's image must be its class's
-- image. Image -> classes -> regions still cascades. The pair's unique index leads with img_unique_id, so it also
-- serves "the classes of an image" and the cascade from images, and replaces ix_classes_img.
-- (Measured: 400,000 region inserts 13.9 s with the two seed FKs, 9.8 s with this one; README-schema.md.)
ALTER TABLE classes ADD CONSTRAINT uq_classes_img_class UNIQUE (img_unique_id, class_unique_id);
DROP INDEX ix_classes_img;
ALTER TABLE regions
    DROP CONSTRAINT regions_class_unique_id_fkey,
    DROP CONSTRAINT regions_img_unique_id_fkey,
    ADD CONSTRAINT regions_class_fkey FOREIGN KEY (img_unique_id, class_unique_id)
        REFERENCES classes (img_unique_id, class_unique_id) ON DELETE CASCADE;

-- Indexes no query needs; each one cost every insert (README-schema.md has the numbers and the plans):
--  classes(class_id): 4 distinct values, never selective; per-class queries start from images by time.
--  classes(img_unique_id, class_id): the unique (img_unique_id, class_unique_id) finds the <= C rows of an image.
--  regions(region_id): region numbers repeat in every class of every image; nobody asks "all regions #3".
--  regions(img_unique_id, class_unique_id): the prefix regions(img_unique_id) serves the same lookups.
--  regions(class_unique_id, region_id): regions(class_unique_id) finds the rows; region_id is in the PK.
DROP INDEX ix_classes_class_id;
DROP INDEX ix_classes_img_class;
DROP INDEX ix_regions_region_id;
DROP INDEX ix_regions_img_class;
DROP INDEX ix_regions_class_region;
