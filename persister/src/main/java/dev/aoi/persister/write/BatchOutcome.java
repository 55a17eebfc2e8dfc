package dev.aoi.persister.write;

import java.util.List;

/**
 * What one batch did. {@code superseded}: results dropped because a newer one for the same image was in the
 * batch; {@code unchanged}: images whose stored result was as new or newer (replays and late arrivals);
 * {@code rejected}: the results the database refused, each with its reason; everything else was committed.
 */
public record BatchOutcome(int received, int superseded, int imagesStored, int unchanged, long classRows,
        long regionRows, List<Rejection> rejected) {

    public BatchOutcome {
        rejected = List.copyOf(rejected);
    }

    /** Rows inserted or replaced in all three tables. */
    public long rowsWritten() {
        return imagesStored + classRows + regionRows;
    }
}
