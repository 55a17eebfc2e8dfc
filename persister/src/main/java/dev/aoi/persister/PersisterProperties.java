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
 * @param lifecycle partitions ahead, the retention job and the result images it moves (docs/lifecycle.md)
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
        @DefaultValue Retry retry,
        @DefaultValue Lifecycle lifecycle) {

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
     * {@code DB_MAX_OVERFLOW}: HikariCP keeps {@code poolSize} idle and opens up to their sum; {@code echo}
     * ({@code DB_ECHO=true}) logs every SQL statement.
     */
    public record Database(
            @DefaultValue(Endpoints.DATABASE_URL) String url,
            @DefaultValue("5") int poolSize,
            @DefaultValue("10") int maxOverflow,
            @DefaultValue("5s") Duration connectionTimeout,
            @DefaultValue("false") boolean echo) {
    }

    /**
     * The data lifecycle: {@code monthsAhead} month partitions kept ahead of the current one (at start and every
     * {@code interval}); the retention job first {@code firstRetentionRun} after start, then every
     * {@code interval} (one persister at a time; {@code retention=false} leaves it to another instance or to
     * {@code ./aoi db archive run}); {@code resultImagesRoot}: the workers' output root, under which the result
     * images of archived or dropped months are moved or deleted (blank: never touched).
     */
    public record Lifecycle(
            @DefaultValue("3") int monthsAhead,
            @DefaultValue("24h") Duration interval,
            @DefaultValue("5m") Duration firstRetentionRun,
            @DefaultValue("true") boolean retention,
            @DefaultValue("") String resultImagesRoot) {
    }

    /** Backoff while the database or the broker is unavailable: exponential from {@code initial}, capped at {@code max}. */
    public record Retry(
            @DefaultValue("500ms") Duration initial,
            @DefaultValue("2.0") double multiplier,
            @DefaultValue("30s") Duration max) {
    }
}
