package dev.aoi.persister;

import dev.aoi.common.Topics;
import dev.aoi.common.cli.Endpoints;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the persister ({@code aoi.persister.*} in application.yml; environment variables override).
 *
 * @param resultsTopic topic of {@code InspectionResult}s
 * @param deadLetterTopic where refused records go; blank means {@code resultsTopic + ".DLT"}
 * @param groupId consumer group
 * @param instanceId names this instance in dead-letter headers; blank means host and process id
 * @param concurrency consumers in this process (at most the topic's partitions are busy)
 * @param migrateOnStart apply the Flyway migrations before consuming
 */
@ConfigurationProperties("aoi.persister")
public record PersisterProperties(
        @DefaultValue(Topics.DEFAULT_RESULTS) String resultsTopic,
        @DefaultValue("") String deadLetterTopic,
        @DefaultValue(Topics.DEFAULT_PERSISTER_GROUP) String groupId,
        @DefaultValue("") String instanceId,
        @DefaultValue("1") int concurrency,
        @DefaultValue("true") boolean migrateOnStart,
        @DefaultValue Database database,
        @DefaultValue Retry retry) {

    /** The results' dead-letter topic. */
    public String effectiveDeadLetterTopic() {
        return deadLetterTopic == null || deadLetterTopic.isBlank() ? resultsTopic + Topics.DLT_SUFFIX : deadLetterTopic;
    }

    /** This instance's name in dead-letter headers. */
    public String effectiveInstanceId() {
        if (instanceId != null && !instanceId.isBlank()) {
            return instanceId;
        }
        String host = System.getenv("HOSTNAME");
        return "persister-" + (host == null || host.isBlank() ? "local" : host) + "-" + ProcessHandle.current().pid();
    }

    /**
     * Connection settings: {@code url} from {@code DATABASE_URL} ({@code postgresql://user:pass@host:port/db} or
     * {@code jdbc:postgresql://…}); {@code poolSize}/{@code maxOverflow} from {@code DB_POOL_SIZE} and
     * {@code DB_MAX_OVERFLOW}: HikariCP keeps {@code poolSize} idle and opens up to their sum.
     */
    public record Database(
            @DefaultValue(Endpoints.DATABASE_URL) String url,
            @DefaultValue("5") int poolSize,
            @DefaultValue("5") int maxOverflow,
            @DefaultValue("5s") Duration connectionTimeout) {
    }

    /** Backoff while the database or the broker is unavailable: exponential from {@code initial}, capped at {@code max}. */
    public record Retry(
            @DefaultValue("500ms") Duration initial,
            @DefaultValue("2.0") double multiplier,
            @DefaultValue("30s") Duration max) {
    }
}
