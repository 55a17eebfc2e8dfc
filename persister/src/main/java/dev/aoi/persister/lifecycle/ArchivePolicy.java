package dev.aoi.persister.lifecycle;

import java.time.Instant;

/**
 * One row of {@code archive_policies}: how long a kind of data stays in the database ({@code null}: forever), and
 * whether it is archived to {@code archiveLocation} before it is dropped. {@code downsampleAfterDays}: from that
 * age on, statistics are read from the daily rollups rather than the raw rows (docs/lifecycle.md).
 */
public record ArchivePolicy(String dataKind, Integer retentionDays, boolean archiveEnabled, String archiveLocation,
        Integer downsampleAfterDays, Instant lastArchiveRun) {

    /** The kind that covers images, classes, regions and the result images on disk. */
    public static final String RESULTS = "results";

    /** True when months past retention are to be removed at all. */
    public boolean hasRetention() {
        return retentionDays != null;
    }
}
