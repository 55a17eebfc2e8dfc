-- Undoes V10: the console's read indexes (no data is lost; the console's queries become scans).
DROP INDEX ix_images_attributes;
DROP INDEX ix_images_camera_captured;
DROP INDEX ix_images_captured;
-- the partitioned layout's own time index, which V10 replaced (absent before V4: then nothing to restore)
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM information_schema.columns WHERE table_schema = current_schema()
               AND table_name = 'images' AND column_name = 'captured_at')
       AND EXISTS (SELECT 1 FROM pg_partitioned_table p JOIN pg_class c ON c.oid = p.partrelid
                   WHERE c.relname = 'images' AND c.relnamespace = current_schema()::regnamespace) THEN
        CREATE INDEX IF NOT EXISTS ix_images_captured_at ON images (captured_at);
    END IF;
END
$$;
