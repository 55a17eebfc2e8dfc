-- Undoes V2: back to the seed schema. Refuses (and changes nothing) when a derived id is longer than the
-- seed's 255 characters, because narrowing would lose it: delete those images first if you really mean it.
ALTER TABLE regions
    DROP CONSTRAINT regions_class_fkey,
    ADD CONSTRAINT regions_class_unique_id_fkey FOREIGN KEY (class_unique_id)
        REFERENCES classes (class_unique_id) ON DELETE CASCADE,
    ADD CONSTRAINT regions_img_unique_id_fkey FOREIGN KEY (img_unique_id)
        REFERENCES images (img_unique_id) ON DELETE CASCADE;
CREATE INDEX ix_classes_img ON classes (img_unique_id);
ALTER TABLE classes DROP CONSTRAINT uq_classes_img_class;

CREATE INDEX ix_classes_class_id ON classes (class_id);
CREATE INDEX ix_classes_img_class ON classes (img_unique_id, class_id);
CREATE INDEX ix_regions_region_id ON regions (region_id);
CREATE INDEX ix_regions_img_class ON regions (img_unique_id, class_unique_id);
CREATE INDEX ix_regions_class_region ON regions (class_unique_id, region_id);

ALTER TABLE images
    DROP COLUMN captured_at,
    DROP COLUMN processed_at,
    DROP COLUMN model_name,
    DROP COLUMN model_sha256,
    DROP COLUMN worker_id,
    DROP COLUMN camera_id,
    DROP COLUMN attributes;

ALTER TABLE regions ALTER COLUMN region_unique_id TYPE VARCHAR(255);
ALTER TABLE regions ALTER COLUMN class_unique_id TYPE VARCHAR(255);
ALTER TABLE classes ALTER COLUMN class_unique_id TYPE VARCHAR(255);
