package dev.aoi.producer.publish;

import dev.aoi.common.event.EventCodec;
import dev.aoi.common.event.FieldRules;
import dev.aoi.common.event.ImageRef;
import dev.aoi.common.kafka.KafkaClientSettings;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The Java API for camera gateways: validates an {@link ImageRef} and publishes it to the images topic keyed by
 * {@code img_unique_id}, over an idempotent producer with {@code acks=all}. Thread-safe; close it once.
 */
public final class ImageRefPublisher implements AutoCloseable {

    private final Producer<String, byte[]> producer;
    private final String topic;
    private final EventCodec codec;
    private final PublishMetrics metrics;
    private final String source;

    /** Wraps an existing producer (which this publisher then owns and closes). */
    public ImageRefPublisher(Producer<String, byte[]> producer, String topic, EventCodec codec, PublishMetrics metrics,
            String source) {
        this.producer = Objects.requireNonNull(producer, "producer");
        this.topic = Objects.requireNonNull(topic, "topic");
        this.codec = Objects.requireNonNull(codec, "codec");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.source = Objects.requireNonNull(source, "source");
    }

    /**
     * A publisher with its own idempotent {@link KafkaProducer}; {@code extra} adds client settings (TLS, SASL,
     * tuning) but never changes the ones that make publishing safe.
     */
    public static ImageRefPublisher connect(String bootstrapServers, String topic, PublishMetrics metrics,
            String source, Map<String, Object> extra) {
        // extra (TLS, SASL, tuning) never changes the settings that make publishing safe
        Map<String, Object> config = KafkaClientSettings.under(extra, producerConfig(bootstrapServers, source));
        return new ImageRefPublisher(new KafkaProducer<>(config), topic, new EventCodec(), metrics, source);
    }

    /** The client settings that make publishing safe: idempotence, acks from all in-sync replicas, ordered retries. */
    public static Map<String, Object> producerConfig(String bootstrapServers, String clientIdPrefix) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "aoi-producer-" + clientIdPrefix);
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        return config;
    }

    /**
     * Client settings that bound how long a publish can take when the broker is away: sending blocks at most half of
     * {@code timeout} for metadata, and a record not acknowledged within {@code timeout} fails (it is then never
     * delivered later, so whatever the caller cleans up after a failure is not needed by a late delivery).
     */
    public static Map<String, Object> boundedWait(Duration timeout) {
        long ms = Math.max(2000, timeout.toMillis());
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, ms / 2);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(Integer.MAX_VALUE, ms - 100));
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) Math.min(Integer.MAX_VALUE, ms));
        return config;
    }

    public String topic() {
        return topic;
    }

    /**
     * Validates {@code ref} and sends it; the future completes when the broker has acknowledged the record.
     *
     * @throws IllegalArgumentException when the ref breaks the contract (nothing is sent)
     */
    public CompletableFuture<RecordMetadata> publishAsync(ImageRef ref) {
        byte[] json = validate(ref);
        CompletableFuture<RecordMetadata> done = new CompletableFuture<>();
        long start = System.nanoTime();
        try {
            producer.send(new ProducerRecord<>(topic, ref.imgUniqueId(), json), (metadata, error) -> {
                if (error != null) {
                    metrics.rejected(source, "broker_error");
                    done.completeExceptionally(new PublishException("broker did not acknowledge image "
                            + ref.imgUniqueId() + " on " + topic + ": " + error.getMessage()
                            + " (check that the broker at the bootstrap servers is up, then publish again)", error));
                } else {
                    metrics.published(source, Duration.ofNanos(System.nanoTime() - start));
                    done.complete(metadata);
                }
            });
        } catch (RuntimeException e) {
            metrics.rejected(source, "broker_error");
            done.completeExceptionally(new PublishException("could not send image " + ref.imgUniqueId() + " to "
                    + topic + ": " + e.getMessage(), e));
        }
        return done;
    }

    /** Validates and sends {@code ref}, returning once the broker has it. */
    public RecordMetadata publish(ImageRef ref) {
        return publish(ref, null);
    }

    /**
     * As {@link #publish(ImageRef)}, waiting at most {@code wait} (null: as long as the client's own timeouts);
     * a {@link PublishException} after it says the broker did not acknowledge in time.
     */
    public RecordMetadata publish(ImageRef ref, Duration wait) {
        try {
            CompletableFuture<RecordMetadata> sent = publishAsync(ref);
            return wait == null ? sent.get() : sent.get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new PublishException("the broker did not acknowledge image " + ref.imgUniqueId() + " within "
                    + wait + " (is it up?); publish again later", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PublishException("interrupted while waiting for the broker to acknowledge image "
                    + ref.imgUniqueId(), e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof PublishException p) {
                throw p;
            }
            throw new PublishException("publishing image " + ref.imgUniqueId() + " failed: " + e.getCause(),
                    e.getCause());
        }
    }

    /** The checks a ref must pass before it is sent; returns its JSON. Counts a rejection when it fails. */
    private byte[] validate(ImageRef ref) {
        if (ref == null) {
            metrics.rejected(source, "bad_field");
            throw new IllegalArgumentException("ImageRef must not be null");
        }
        try {
            requireLocatable(ref.imageUri());
            byte[] json = codec.encode(ref);
            codec.decodeImageRef(json); // the strict reader the workers use must accept what we write
            return json;
        } catch (RuntimeException e) {
            metrics.rejected(source, "bad_field");
            throw e instanceof IllegalArgumentException ? e
                    : new IllegalArgumentException("ImageRef " + ref.imgUniqueId() + ": " + e.getMessage(), e);
        }
    }

    /** docs/events.md: an absolute path or a URI that names one file (the rule in common: {@link FieldRules}). */
    static void requireLocatable(String imageUri) {
        FieldRules.requireLocatableImageUri(imageUri);
    }

    /** Sends what is buffered and waits for it. */
    public void flush() {
        producer.flush();
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
    }
}
