package dev.aoi.common.kafka;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Kafka client settings for the command-line tools, which run without Spring (replay, the synthetic camera): TLS,
 * SASL and any other client property from the properties file named by {@code AOI_KAFKA_CLIENT_CONFIG}, as Kafka's
 * own tools take {@code --command-config}. The services read the same settings from {@code spring.kafka.*}.
 */
public final class KafkaClientSettings {

    /** The environment variable naming the file. */
    public static final String ENV = "AOI_KAFKA_CLIENT_CONFIG";

    private KafkaClientSettings() {
    }

    /** The file's settings, or none when {@code AOI_KAFKA_CLIENT_CONFIG} is not set. */
    public static Map<String, Object> fromEnvironment() {
        String file = System.getenv(ENV);
        return file == null || file.isBlank() ? Map.of() : read(Path.of(file));
    }

    /** The settings in a Kafka client properties file. */
    public static Map<String, Object> read(Path file) {
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(file)) {
            properties.load(in);
        } catch (IOException e) {
            throw new IllegalArgumentException(ENV + " names " + file.toAbsolutePath() + ", which cannot be read ("
                    + e + "): point it at a Kafka client properties file, or unset it", e);
        }
        Map<String, Object> settings = new HashMap<>();
        properties.stringPropertyNames().forEach(key -> settings.put(key, properties.getProperty(key).trim()));
        return settings;
    }

    /**
     * {@code tool}'s settings over {@code file}'s: the file adds TLS, SASL and tuning, but never changes what the
     * tool fixes for safety (acks, idempotence, its group, offset commits, serializers).
     */
    public static Map<String, Object> under(Map<String, Object> file, Map<String, Object> tool) {
        Map<String, Object> merged = new HashMap<>(file);
        merged.putAll(tool);
        return merged;
    }
}
