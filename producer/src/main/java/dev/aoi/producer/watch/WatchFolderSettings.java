package dev.aoi.producer.watch;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * How the watch-folder gateway behaves.
 *
 * @param root            the directory tree to watch
 * @param stateDir        where the ledger of published files lives (must survive restarts)
 * @param stableFor       a file is complete once its size and mtime have not changed for this long
 * @param pollInterval    how often the tree is scanned
 * @param since           on the very first start, files modified before this are recorded as skipped, not published
 *                        ({@code null}: the moment of the first start)
 * @param cameraId        camera id of every frame; {@code null}: the first directory level under the root, if any
 * @param idPrefix        prepended to every image id (may be empty)
 * @param incompleteAfter a PNG/JPEG whose trailer is still missing this long after it became stable is published
 *                        anyway, so that the worker dead-letters it with a reason instead of it being dropped silently
 */
public record WatchFolderSettings(Path root, Path stateDir, Duration stableFor, Duration pollInterval, Instant since,
        String cameraId, String idPrefix, Duration incompleteAfter) {

    public WatchFolderSettings {
        Objects.requireNonNull(root, "watch root");
        Objects.requireNonNull(stateDir, "watch state dir");
        stableFor = stableFor == null ? Duration.ofSeconds(2) : stableFor;
        pollInterval = pollInterval == null ? Duration.ofMillis(500) : pollInterval;
        idPrefix = idPrefix == null ? "" : idPrefix;
        incompleteAfter = incompleteAfter == null ? Duration.ofSeconds(60) : incompleteAfter;
        cameraId = cameraId == null || cameraId.isBlank() ? null : cameraId;
        if (stableFor.isNegative() || pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalArgumentException("watch stable-for must be >= 0 and poll-interval > 0");
        }
    }

    /** Defaults for everything but the two directories. */
    public static WatchFolderSettings of(Path root, Path stateDir) {
        return new WatchFolderSettings(root, stateDir, null, null, null, null, null, null);
    }

    public WatchFolderSettings withStableFor(Duration value) {
        return new WatchFolderSettings(root, stateDir, value, pollInterval, since, cameraId, idPrefix, incompleteAfter);
    }

    public WatchFolderSettings withPollInterval(Duration value) {
        return new WatchFolderSettings(root, stateDir, stableFor, value, since, cameraId, idPrefix, incompleteAfter);
    }

    public WatchFolderSettings withSince(Instant value) {
        return new WatchFolderSettings(root, stateDir, stableFor, pollInterval, value, cameraId, idPrefix, incompleteAfter);
    }
}
