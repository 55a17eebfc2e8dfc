package dev.aoi.producer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;

class ClientSecurityTest {

    @Test
    void takesTlsAndSaslFromSpringKafkaAndNothingElse() {
        KafkaProperties kafka = new KafkaProperties();
        kafka.getSecurity().setProtocol("SASL_SSL");
        kafka.getProperties().put("sasl.mechanism", "SCRAM-SHA-512");
        kafka.getProperties().put("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required;");
        kafka.getSsl().setTrustStoreType("PEM");
        kafka.getProducer().setAcks("1");

        Map<String, Object> security = ProducerConfiguration.clientSecurity(kafka);

        assertThat(security).containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                .containsKey("sasl.jaas.config")
                .containsEntry("ssl.truststore.type", "PEM")
                // the publisher's own settings (acks=all, idempotence, serializers) are never overridden
                .doesNotContainKeys("acks", "value.serializer", "key.serializer", "bootstrap.servers");
    }
}
