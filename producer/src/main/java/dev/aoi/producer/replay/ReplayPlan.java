package dev.aoi.producer.replay;

import java.time.Instant;

/**
 * Which frames to send through the workers again: captured in {@code [from, to)}, optionally from one camera.
 * The replay's own consumer group (derived from the plan, so a restart of the same plan continues where it
 * stopped) never touches the live workers' offsets.
 */
public record ReplayPlan(Instant from, Instant to, String camera, boolean dryRun, String topic) {

    public ReplayPlan {
        if (from == null) {
            throw new IllegalArgumentException("--from is required");
        }
        if (to != null && !to.isAfter(from)) {
            throw new IllegalArgumentException("--to (" + to + ") must be after --from (" + from + ")");
        }
        if (topic == null || topic.isBlank()) {
            throw new IllegalArgumentException("the images topic must be named");
        }
    }

    /** True when a frame captured at {@code capturedAt} by {@code cameraId} belongs to the replay. */
    public boolean matches(Instant capturedAt, String cameraId) {
        return !capturedAt.isBefore(from)
                && (to == null || capturedAt.isBefore(to))
                && (camera == null || camera.equals(cameraId));
    }

    /** The replay's consumer group: the same plan always maps to the same group, so it can be resumed. */
    public String groupId() {
        return "aoi-replay-images-" + from.toEpochMilli() + "-" + (to == null ? "open" : to.toEpochMilli())
                + (camera == null ? "" : "-" + camera.replaceAll("[^A-Za-z0-9._-]", "_"));
    }
}
