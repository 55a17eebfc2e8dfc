package dev.aoi.common.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaClientSettingsTest {

    @TempDir
    Path tmp;

    @Test
    void readsAClientPropertiesFileAndNeverLetsItOverrideTheToolsOwnSettings() throws IOException {
        Path file = Files.writeString(tmp.resolve("client.properties"), """
                security.protocol=SASL_SSL
                sasl.mechanism=SCRAM-SHA-512
                sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="aoi" password="p";
                acks=0
                """);
        Map<String, Object> read = KafkaClientSettings.read(file);
        assertThat(read).containsEntry("security.protocol", "SASL_SSL").containsEntry("acks", "0")
                .containsKey("sasl.jaas.config");

        Map<String, Object> merged = KafkaClientSettings.under(read, Map.of("acks", "all", "enable.idempotence", true));
        assertThat(merged).containsEntry("acks", "all").containsEntry("enable.idempotence", true)
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512");
    }

    @Test
    void aMissingFileIsAClearError() {
        assertThatThrownBy(() -> KafkaClientSettings.read(tmp.resolve("nope.properties")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("AOI_KAFKA_CLIENT_CONFIG").hasMessageContaining("nope.properties");
    }
}
