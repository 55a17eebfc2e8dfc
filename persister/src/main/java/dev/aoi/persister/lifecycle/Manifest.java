package dev.aoi.persister.lifecycle;

import java.util.List;
import java.util.Map;

/**
 * {@code manifest.json} of one month's archive: per table the gzip file, its columns (restore names them), its row
 * count and the sha256 of the uncompressed COPY text; and the result image files moved into the archive (path
 * relative to the results root, as stored). Written last, so a folder without it is not an archive.
 */
public record Manifest(int formatVersion, String month, String createdAt, String schemaVersion,
        Map<String, TableFile> tables, List<String> resultImages) {

    public static final int FORMAT_VERSION = 1;
    public static final String FILE = "manifest.json";

    /** One table's archive file. */
    public record TableFile(String file, List<String> columns, long rows, String sha256) {
    }
}
