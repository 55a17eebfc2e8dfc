package dev.aoi.console.query;

/**
 * Lookups of one frame by id on the partitioned tables: {@code image_keys} holds each frame's capture time (the
 * partition key), so a lookup by id reads one monthly partition instead of probing every partition's index.
 */
public final class ImageKeys {

    /** The capture time of the frame bound as {@code :id}. */
    public static final String CAPTURED_AT_OF_ID =
            "(SELECT k.captured_at FROM image_keys k WHERE k.img_unique_id = :id)";

    private ImageKeys() {
    }
}
