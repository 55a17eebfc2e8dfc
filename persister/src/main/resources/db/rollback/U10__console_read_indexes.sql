-- Undoes V10: the console's read indexes (no data is lost; the console's queries become scans).
DROP INDEX ix_images_attributes;
DROP INDEX ix_images_camera_captured;
DROP INDEX ix_images_captured;
