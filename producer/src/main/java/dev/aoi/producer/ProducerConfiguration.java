package dev.aoi.producer;

import dev.aoi.common.event.EventCodec;
import dev.aoi.common.kafka.BrokerProbe;
import dev.aoi.producer.http.BearerTokenFilter;
import dev.aoi.producer.http.IngestExposure;
import dev.aoi.producer.http.UploadStore;
import dev.aoi.producer.publish.ImageRefPublisher;
import dev.aoi.producer.publish.PublishMetrics;
import dev.aoi.producer.watch.WatchFolderGateway;
import dev.aoi.producer.watch.WatchFolderSettings;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.web.server.autoconfigure.ServerProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.beans.factory.annotation.Qualifier;

/** Builds the producer's plain objects as beans: one publisher for HTTP and one for the watch folder. */
@Configuration(proxyBeanMethods = false)
class ProducerConfiguration {

    @Bean
    EventCodec eventCodec() {
        return new EventCodec();
    }

    @Bean
    PublishMetrics publishMetrics(MeterRegistry registry) {
        return new PublishMetrics(registry);
    }

    @Bean(destroyMethod = "close")
    @Primary
    ImageRefPublisher httpPublisher(ProducerProperties properties, PublishMetrics metrics, KafkaProperties kafka) {
        Map<String, Object> client = clientSecurity(kafka);
        client.putAll(ImageRefPublisher.boundedWait(properties.http().publishTimeout()));
        return ImageRefPublisher.connect(properties.bootstrapServers(), properties.topic(), metrics, "http", client);
    }

    @Bean(destroyMethod = "close")
    BrokerProbe brokerProbe(ProducerProperties properties, KafkaProperties kafka) {
        Map<String, Object> admin = clientSecurity(kafka);
        admin.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, properties.bootstrapServers());
        return new BrokerProbe(admin, Duration.ofSeconds(3));
    }

    /** Readiness: UP when the broker the frames go to answers (health contributor "broker"). */
    @Bean
    HealthIndicator brokerHealthIndicator(BrokerProbe probe) {
        return () -> {
            BrokerProbe.Answer answer = probe.cluster();
            return (answer.up() ? Health.up() : Health.down()).withDetails(answer.details()).build();
        };
    }

    /**
     * TLS and SASL as the deployment sets them ({@code spring.kafka.security.*}, {@code spring.kafka.ssl.*},
     * {@code spring.kafka.properties.sasl.*}); only those: the publisher's own safety settings and serializers stay.
     */
    static Map<String, Object> clientSecurity(KafkaProperties kafka) {
        Map<String, Object> security = new HashMap<>();
        kafka.buildProducerProperties().forEach((key, value) -> {
            if (key.startsWith("security.") || key.startsWith("ssl.") || key.startsWith("sasl.")) {
                security.put(key, value);
            }
        });
        return security;
    }

    /** Loopback only without a token; a token of 32+ characters anywhere else (docs/security.md). */
    @Bean
    IngestExposure ingestExposure(ProducerProperties properties, ServerProperties server) {
        return new IngestExposure(properties.http().token(), server.getAddress());
    }

    @Bean
    UploadStore uploadStore(ProducerProperties properties) {
        return new UploadStore(properties.http().imageRoot());
    }

    @Bean
    FilterRegistrationBean<BearerTokenFilter> bearerTokenFilter(ProducerProperties properties,
            PublishMetrics metrics) {
        FilterRegistrationBean<BearerTokenFilter> registration = new FilterRegistrationBean<>(
                new BearerTokenFilter(properties.http().token(), metrics));
        registration.addUrlPatterns("/v1/*");
        registration.setOrder(0);
        return registration;
    }

    /** Its own producer, so the meters tell the watch folder's frames from the HTTP ones. */
    @Bean(destroyMethod = "close")
    @ConditionalOnProperty(prefix = "aoi.producer.watch", name = "dir")
    ImageRefPublisher watchPublisher(ProducerProperties properties, PublishMetrics metrics, KafkaProperties kafka) {
        return ImageRefPublisher.connect(properties.bootstrapServers(), properties.topic(), metrics, "watch",
                clientSecurity(kafka));
    }

    @Bean(initMethod = "start", destroyMethod = "close")
    @ConditionalOnProperty(prefix = "aoi.producer.watch", name = "dir")
    WatchFolderGateway watchFolderGateway(ProducerProperties properties, PublishMetrics metrics,
            @Qualifier("watchPublisher") ImageRefPublisher publisher) {
        ProducerProperties.Watch w = properties.watch();
        return new WatchFolderGateway(new WatchFolderSettings(w.dir(), w.stateDir(), w.stableFor(),
                w.pollInterval(), w.since(), w.cameraId(), w.idPrefix(), null), publisher, metrics,
                Clock.systemUTC());
    }
}
