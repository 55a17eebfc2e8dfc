package dev.aoi.common.cli;

import java.util.Map;

/**
 * Where every command and service looks for the broker, the database and each other when the environment names
 * nothing: the local stack of {@code ./aoi stack} on this machine. The one place for these defaults: the services'
 * application.yml fall back to the same values, which {@code EndpointDefaultsTest} (infra) holds to these.
 */
public final class Endpoints {

    /** The local stack's Kafka listener port ({@code AOI_KAFKA_PORT}). */
    public static final int KAFKA_PORT = 19092;
    /** The local stack's KRaft controller port ({@code AOI_KAFKA_CONTROLLER_PORT}). */
    public static final int KAFKA_CONTROLLER_PORT = 19093;
    /** The local stack's PostgreSQL port ({@code AOI_PG_PORT}). */
    public static final int POSTGRES_PORT = 15432;

    /** {@code KAFKA_BOOTSTRAP_SERVERS} when unset. */
    public static final String BOOTSTRAP_SERVERS = "127.0.0.1:" + KAFKA_PORT;
    /** {@code DATABASE_URL} when unset: the local stack's database (no password: it listens on loopback only). */
    public static final String DATABASE_URL = "postgresql://postgres@127.0.0.1:" + POSTGRES_PORT + "/aoi";

    /** Environment variable naming the broker. */
    public static final String BOOTSTRAP_SERVERS_ENV = "KAFKA_BOOTSTRAP_SERVERS";
    /** Environment variable naming the database. */
    public static final String DATABASE_URL_ENV = "DATABASE_URL";

    private Endpoints() {
    }

    /** {@code KAFKA_BOOTSTRAP_SERVERS} from {@code env}, or the local stack's broker. */
    public static String bootstrapServers(Map<String, String> env) {
        return orDefault(env.get(BOOTSTRAP_SERVERS_ENV), BOOTSTRAP_SERVERS);
    }

    /** {@code DATABASE_URL} from {@code env}, or the local stack's database. */
    public static String databaseUrl(Map<String, String> env) {
        return orDefault(env.get(DATABASE_URL_ENV), DATABASE_URL);
    }

    private static String orDefault(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value.strip();
    }
}
