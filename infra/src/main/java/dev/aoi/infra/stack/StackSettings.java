package dev.aoi.infra.stack;

import dev.aoi.common.cli.Endpoints;
import dev.aoi.infra.process.ServiceProcess;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Settings of the local stack, read from the environment with defaults that work on a fresh machine. */
public record StackSettings(
        Path home,
        int kafkaPort,
        int kafkaControllerPort,
        int postgresPort,
        String databaseUrl,
        String imagesTopic,
        int imagesPartitions,
        String resultsTopic,
        int resultsPartitions) {

    /**
     * Environment variables: {@code AOI_HOME} (default {@code .aoi}), {@code AOI_KAFKA_PORT} (19092),
     * {@code AOI_KAFKA_CONTROLLER_PORT} (19093), {@code AOI_PG_PORT} (15432), {@code DATABASE_URL} (an external
     * PostgreSQL instead of the embedded one), {@code AOI_IMAGES_TOPIC}, {@code AOI_IMAGES_PARTITIONS} (12),
     * {@code AOI_RESULTS_TOPIC}, {@code AOI_RESULTS_PARTITIONS} (12).
     */
    public static StackSettings fromEnvironment(Map<String, String> env) {
        return new StackSettings(
                Path.of(env.getOrDefault("AOI_HOME", ".aoi")).toAbsolutePath(),
                intValue(env, "AOI_KAFKA_PORT", Endpoints.KAFKA_PORT),
                intValue(env, "AOI_KAFKA_CONTROLLER_PORT", Endpoints.KAFKA_CONTROLLER_PORT),
                intValue(env, "AOI_PG_PORT", Endpoints.POSTGRES_PORT),
                blankToNull(env.get("DATABASE_URL")),
                env.getOrDefault("AOI_IMAGES_TOPIC", dev.aoi.common.Topics.DEFAULT_IMAGES),
                intValue(env, "AOI_IMAGES_PARTITIONS", 12),
                env.getOrDefault("AOI_RESULTS_TOPIC", dev.aoi.common.Topics.DEFAULT_RESULTS),
                intValue(env, "AOI_RESULTS_PARTITIONS", 12));
    }

    /**
     * A stack of its own, for the demo and the benchmarks: data under {@code home}, broker and database on ports
     * free now (so it runs beside a {@code ./aoi stack}), the embedded PostgreSQL whatever {@code DATABASE_URL}
     * says; topic names and partitions from {@code env} as in {@link #fromEnvironment}.
     */
    public static StackSettings ownStack(Path home, Map<String, String> env) throws IOException {
        Map<String, String> own = new HashMap<>(env);
        own.put("AOI_HOME", home.toString());
        own.put("AOI_KAFKA_PORT", Integer.toString(ServiceProcess.freePort()));
        own.put("AOI_KAFKA_CONTROLLER_PORT", Integer.toString(ServiceProcess.freePort()));
        own.put("AOI_PG_PORT", Integer.toString(ServiceProcess.freePort()));
        own.remove("DATABASE_URL");
        return fromEnvironment(own);
    }

    private static int intValue(Map<String, String> env, String name, int fallback) {
        String v = env.get(name);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, got '" + v + "'");
        }
    }

    private static String blankToNull(String v) {
        return v == null || v.isBlank() ? null : v;
    }
}
