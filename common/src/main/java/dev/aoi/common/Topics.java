package dev.aoi.common;

/** Topic and consumer-group names of docs/events.md, with their defaults; every service reads them from its configuration. */
public record Topics(String images, String results, String workerGroup, String persisterGroup) {

    /** Suffix of a topic's dead-letter topic (set explicitly: spring-kafka's own default is "-dlt"). */
    public static final String DLT_SUFFIX = ".DLT";

    public static final String DEFAULT_IMAGES = "aoi.images";
    public static final String DEFAULT_RESULTS = "aoi.results";
    public static final String DEFAULT_WORKER_GROUP = "aoi-workers";
    public static final String DEFAULT_PERSISTER_GROUP = "aoi-persister";

    public Topics {
        requireName(images, "images");
        requireName(results, "results");
        requireName(workerGroup, "workerGroup");
        requireName(persisterGroup, "persisterGroup");
    }

    /** The defaults of docs/events.md. */
    public static Topics defaults() {
        return new Topics(DEFAULT_IMAGES, DEFAULT_RESULTS, DEFAULT_WORKER_GROUP, DEFAULT_PERSISTER_GROUP);
    }

    public String imagesDlt() {
        return images + DLT_SUFFIX;
    }

    public String resultsDlt() {
        return results + DLT_SUFFIX;
    }

    private static void requireName(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("topic setting '" + what + "' must not be blank");
        }
    }
}
