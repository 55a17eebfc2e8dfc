package dev.aoi.worker.pipeline;

import dev.aoi.common.event.ClassResult;
import dev.aoi.common.event.EventCodec;
import dev.aoi.common.event.ImageRef;
import dev.aoi.common.event.InspectionResult;
import dev.aoi.common.kafka.DeadLetterRecords;
import dev.aoi.worker.inspect.FrameOutcome;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.OffsetCommitCallback;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The loop's parts wired as {@link InspectionLoop} wires them, over Kafka's {@link MockConsumer} and
 * {@link MockProducer}, for the unit tests of each part. Backoffs are a millisecond, so a retry never waits long.
 */
final class LoopParts {

    static final String IMAGES = "aoi.images";
    static final String RESULTS = "aoi.results";
    static final String DLT = IMAGES + ".DLT";
    static final TopicPartition P0 = new TopicPartition(IMAGES, 0);
    static final TopicPartition P1 = new TopicPartition(IMAGES, 1);

    final EventCodec codec = new EventCodec();
    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final WorkerMetrics metrics = new WorkerMetrics(registry);
    final LoopSettings settings;
    final RecordingConsumer consumer = new RecordingConsumer();
    /** Every producer the loop asked for, in order; a new one after a producer was thrown away. */
    final List<MockProducer<byte[], byte[]>> producers = new CopyOnWriteArrayList<>();
    final OffsetLedger ledger = new OffsetLedger();
    final ImageRefReader reader = new ImageRefReader(codec);
    final FetchBuffer fetched;
    final OutputAssembler outputs;
    final ProducerSlot slot;
    /** Every rewind a publisher asked for: the partitions and the wait. */
    final List<Map.Entry<Collection<TopicPartition>, Duration>> rewinds = new ArrayList<>();
    final OutputPublisher publisher;
    private final boolean autoComplete;
    private final AtomicInteger nextOffset = new AtomicInteger();

    LoopParts(boolean transactions, boolean autoComplete, int batchSize, int maxBuffered) {
        this.autoComplete = autoComplete;
        this.settings = new LoopSettings(IMAGES, RESULTS, batchSize, maxBuffered, Duration.ofMillis(5),
                Duration.ofMillis(1), Duration.ofMillis(4), transactions, Duration.ofSeconds(2), 1_000_000);
        fetched = new FetchBuffer(consumer, ledger, reader, metrics, batchSize, maxBuffered);
        outputs = new OutputAssembler(codec, new DeadLetterRecords(DLT, "test-worker",
                Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC)), RESULTS, 1_000_000);
        slot = new ProducerSlot(producerFactory(), transactions);
        OutputPublisher.Rewind rewind = (partitions, wait) -> {
            rewinds.add(Map.entry(List.copyOf(partitions), wait));
            fetched.rewind(partitions);
        };
        publisher = transactions
                ? new TransactionalPublisher(consumer, ledger, slot, outputs, metrics, rewind, settings)
                : new AtLeastOncePublisher(consumer, ledger, slot, outputs, metrics, rewind, settings);
    }

    /** Makes MockProducers (transactional ones when the settings say so) and remembers each. */
    Supplier<Producer<byte[], byte[]>> producerFactory() {
        return () -> {
            MockProducer<byte[], byte[]> producer = new MockProducer<>(autoComplete, null,
                    new ByteArraySerializer(), new ByteArraySerializer());
            producers.add(producer);
            return producer;
        };
    }

    /** The producer in use (the last one made). */
    MockProducer<byte[], byte[]> producer() {
        return producers.get(producers.size() - 1);
    }

    /** An input record holding a valid ref. */
    ConsumerRecord<byte[], byte[]> refRecord(TopicPartition tp, long offset, String id) {
        ImageRef ref = ImageRef.of(id, "file:///frames/" + id + ".png", Instant.parse("2026-01-01T00:00:00Z"));
        return new ConsumerRecord<>(tp.topic(), tp.partition(), offset, id.getBytes(StandardCharsets.UTF_8),
                codec.encode(ref));
    }

    /** An input record that is not JSON: poison. */
    static ConsumerRecord<byte[], byte[]> poisonRecord(TopicPartition tp, long offset) {
        return new ConsumerRecord<>(tp.topic(), tp.partition(), offset, null,
                "not json".getBytes(StandardCharsets.UTF_8));
    }

    /** A record as the loop holds it after a poll: tracked in the ledger, read. */
    FetchedRecord fetch(ConsumerRecord<byte[], byte[]> record) {
        TopicPartition tp = new TopicPartition(record.topic(), record.partition());
        int epoch = ledger.track(tp, record.offset());
        return new FetchedRecord(record, tp, epoch, reader.read(record.value()));
    }

    /** A fetched valid record of this partition, at the next offset. */
    FetchedRecord fetchRef(TopicPartition tp, long offset) {
        return fetch(refRecord(tp, offset, "frame-" + tp.partition() + "-" + offset + "-" + nextOffset.getAndIncrement()));
    }

    /** The result output of an inspected record. */
    Output resultOf(FetchedRecord record) {
        return outputs.outputsOf(List.of(record), Map.of(record, inspected(record.ref()))).get(0);
    }

    static FrameOutcome inspected(ImageRef ref) {
        return new FrameOutcome.Inspected(InspectionResult.of(ref, 64, 48, Instant.parse("2026-01-01T00:00:01Z"),
                0.001, "test-worker", FakeFrameInspector.MODEL, List.of(), List.of(ClassResult.of(1, "PI_Particle",
                        List.of()))));
    }

    /** The last position the consumer itself committed for a partition, or -1 when none. */
    long committed(TopicPartition tp) {
        return consumer.commits.getOrDefault(tp, -1L);
    }

    double count(String meter) {
        return registry.get(meter).counter().count();
    }

    /**
     * A MockConsumer that remembers every position committed through it, also for partitions it no longer holds
     * (MockConsumer's own {@code committed} answers 0 for those) and after it was closed.
     */
    static final class RecordingConsumer extends MockConsumer<byte[], byte[]> {

        final Map<TopicPartition, Long> commits = new java.util.concurrent.ConcurrentHashMap<>();

        RecordingConsumer() {
            super("earliest");
        }

        @Override
        public synchronized void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets) {
            super.commitSync(offsets);
            offsets.forEach((tp, o) -> commits.put(tp, o.offset()));
        }

        @Override
        public synchronized void commitAsync(Map<TopicPartition, OffsetAndMetadata> offsets,
                OffsetCommitCallback callback) {
            super.commitAsync(offsets, callback);
            offsets.forEach((tp, o) -> commits.put(tp, o.offset()));
        }
    }
}
