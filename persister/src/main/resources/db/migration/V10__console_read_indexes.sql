-- What the console's read queries need (docs/console.md shows each query's plan). Every list is ordered newest
-- capture first and paged by keyset on (captured_at, img_unique_id), so these indexes serve both the filter and
-- the order, at any depth. Created on the parent table, they also cover every partition of a partitioned
-- images table (and each new partition gets them). Undone by db/rollback/U10__console_read_indexes.sql.

-- the frames list, the regions search and every stats range: newest first, keyset by (captured_at, id)
CREATE INDEX ix_images_captured ON images (captured_at, img_unique_id);
-- the same, one camera (the filter engineers use most; a camera's frames are ~1/N of the line's)
CREATE INDEX ix_images_camera_captured ON images (camera_id, captured_at, img_unique_id);
-- attr.KEY=VALUE filters (lot, panel, recipe...): attributes @> '{"lot":"L7"}'
CREATE INDEX ix_images_attributes ON images USING gin (attributes jsonb_path_ops);

-- ix_images_captured above leads with captured_at, so the one-column index of the partitioned layout (V4) is
-- a prefix of it and only costs every insert.
DROP INDEX IF EXISTS ix_images_captured_at;
