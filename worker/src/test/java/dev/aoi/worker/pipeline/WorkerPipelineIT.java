package dev.aoi.worker.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aoi.common.DeadLetters;
import dev.aoi.common.DeadLetters.Reason;
import dev.aoi.common.Topics;
import dev.aoi.common.event.EventCodec;
import dev.aoi.common.event.ImageRef;
import dev.aoi.common.event.InspectionResult;
import dev.aoi.infra.kafka.LocalKafka;
import dev.aoi.infra.testing.TestInfrastructure;
import dev.aoi.worker.WorkerApplication;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;

/**
 * The worker service on a real broker, with a fake model ({@link FakeFrameInspector}): refs in, results and dead
 * letters out, workers stopped and started mid-stream and the group rebalanced, and every input accounted for.
 */
class WorkerPipelineIT {

    private static final int PARTITIONS = 3;
    private static final Duration PATIENCE = Duration.ofSeconds(90);

    private static TestInfrastructure infra;

    private final EventCodec codec = new EventCodec();
    private final Set<String> flakySeen = ConcurrentHashMap.newKeySet();
    private final Set<String> goneSeen = ConcurrentHashMap.newKeySet();
    private final List<ConfigurableApplicationContext> workers = new ArrayList<>();
    private String images;
    private String results;
    private String dlt;
    private String group;

    @BeforeAll
    static void infrastructure() {
        infra = TestInfrastructure.shared();
    }

    @BeforeEach
    void topics() {
        images = TestInfrastructure.uniqueName("images");
        results = TestInfrastructure.uniqueName("results");
        dlt = images + Topics.DLT_SUFFIX;
        group = TestInfrastructure.uniqueName("workers");
        infra.createTopic(images, PARTITIONS);
        infra.createTopic(results, PARTITIONS);
        infra.createTopic(dlt, 1);
    }

    @AfterEach
    void stopWorkers() {
        workers.forEach(ConfigurableApplicationContext::close);
    }

    @Test
    void atLeastOnceEveryRefYieldsItsResultOrDeadLetterAcrossStopsAndRebalances() throws Exception {
        List<Input> inputs = publish(90);
        try (Outputs outputs = new Outputs(false)) {
            ConfigurableApplicationContext a = startWorker("w-a", false, 40);
            await(() -> outputs.covered(inputs) >= 25, "the first worker handles a third of the refs");
            a.close();

            // the offsets a stopped worker leaves behind cover only records whose output is on the broker
            Map<TopicPartition, Long> committed = committedOffsets();
            outputs.poll(Duration.ofSeconds(1));
            long committedTotal = 0;
            for (Input in : inputs) {
                long position = committed.getOrDefault(new TopicPartition(images, in.partition), 0L);
                if (in.offset < position) {
                    committedTotal++;
                    assertThat(outputs.of(in)).as("output of committed %s", in).isNotEmpty();
                }
            }
            assertThat(committedTotal).as("the stop committed what was acknowledged").isGreaterThanOrEqualTo(20);
            assertThat(committedTotal).as("and the stop came mid-stream").isLessThan(inputs.size());

            // two workers share the rest; one of them leaves mid-stream, the other takes over its partitions
            ConfigurableApplicationContext b = startWorker("w-b", false, 150);
            ConfigurableApplicationContext c = startWorker("w-c", false, 150);
            await(() -> outputs.covered(inputs) > 0 && outputs.instances().containsAll(Set.of("w-b", "w-c")),
                    "both workers publish: the partitions were shared");
            assertThat(outputs.covered(inputs)).as("and the stream is not over yet").isLessThan(inputs.size());
            b.close();
            await(() -> outputs.covered(inputs) == inputs.size(), "the last worker finishes");

            assertReadyAndMetered(c);
            c.close();
            outputs.poll(Duration.ofSeconds(1));

            assertEveryInputHasTheRightOutput(inputs, outputs);
            assertThat(committedOffsets()).as("everything is committed").isEqualTo(endOffsets());
            int duplicates = outputs.duplicates(inputs);
            System.out.printf("at-least-once: %d inputs, %d re-delivered duplicates%n", inputs.size(), duplicates);
        }
    }

    @Test
    void withTransactionsReadCommittedConsumersSeeEachOutputExactlyOnce() throws Exception {
        List<Input> inputs = publish(60);
        try (Outputs outputs = new Outputs(true)) {
            ConfigurableApplicationContext a = startWorker("w-ta", true, 150);
            await(() -> outputs.covered(inputs) >= 15, "the first worker handles a quarter of the refs");
            ConfigurableApplicationContext b = startWorker("w-tb", true, 150);
            await(() -> outputs.covered(inputs) > 0 && outputs.instances().containsAll(Set.of("w-ta", "w-tb")),
                    "both workers publish: the partitions were shared");
            assertThat(outputs.covered(inputs)).as("and the stream is not over yet").isLessThan(inputs.size());
            a.close();
            await(() -> outputs.covered(inputs) == inputs.size(), "the last worker finishes");
            b.close();
            outputs.poll(Duration.ofSeconds(1));

            assertEveryInputHasTheRightOutput(inputs, outputs);
            assertThat(outputs.duplicates(inputs)).as("no duplicates among read_committed outputs").isZero();
            assertThat(committedOffsets()).isEqualTo(endOffsets());
        }
    }

    @Test
    void aBrokerRestartMidStreamIsRiddenOutWithoutLossOrDeadLetters() throws Exception {
        LocalKafka broker = localBroker();
        List<Input> inputs = publish(40);
        try (Outputs outputs = new Outputs(false)) {
            ConfigurableApplicationContext worker = startWorker("w-r", false, 40);
            await(() -> outputs.covered(inputs) >= 10, "the worker is under way");
            broker.stop();
            Thread.sleep(2_000); // the worker keeps polling and its producer keeps its records meanwhile
            broker.start();
            await(() -> outputs.covered(inputs) == inputs.size(), "the worker finishes after the restart");
            worker.close();

            // the group may still have been settling after the restart when the worker left, so its last commit
            // can have been refused: a worker started again re-reads whatever was left uncommitted
            ConfigurableApplicationContext again = startWorker("w-r2", false, 40);
            Map<TopicPartition, Long> end = endOffsets();
            await(() -> uncheckedCommittedOffsets().equals(end), "everything is committed");
            again.close();
            outputs.poll(Duration.ofSeconds(1));

            assertEveryInputHasTheRightOutput(inputs, outputs);
            System.out.printf("broker restart: %d inputs, %d re-delivered duplicates%n", inputs.size(),
                    outputs.duplicates(inputs));
        }
    }

    private Map<TopicPartition, Long> uncheckedCommittedOffsets() {
        try {
            return committedOffsets();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The shared broker when this JVM runs it; a restart test never needs a container it cannot restart. */
    private static LocalKafka localBroker() {
        if (!"local".equals(infra.mode())) {
            throw new IllegalStateException("the broker-restart test needs the local child-JVM broker; run with"
                    + " AOI_TEST_INFRA=local (mode now: " + infra.mode() + ")");
        }
        return infra.kafka();
    }

    // --- the worker ---------------------------------------------------------------------------------------

    private ConfigurableApplicationContext startWorker(String id, boolean transactions, long millisPerFrame) {
        FakeFrameInspector fake = new FakeFrameInspector(id, millisPerFrame, flakySeen, goneSeen);
        ConfigurableApplicationContext ctx = new SpringApplicationBuilder(WorkerApplication.class)
                .initializers(c -> ((GenericApplicationContext) c).registerBean("fakeInspector",
                        BatchInspector.class, () -> fake))
                .run("--spring.kafka.bootstrap-servers=" + infra.kafkaBootstrapServers(),
                        "--server.port=0",
                        "--aoi.worker.worker-id=" + id,
                        "--aoi.worker.images-topic=" + images,
                        "--aoi.worker.results-topic=" + results,
                        "--aoi.worker.group-id=" + group,
                        "--aoi.worker.batch-size=4",
                        "--aoi.worker.max-result-bytes=200000",
                        "--aoi.worker.retry.initial=100ms",
                        "--aoi.worker.retry.max=1s",
                        "--aoi.worker.transactions.enabled=" + transactions);
        workers.add(ctx);
        return ctx;
    }

    private void assertReadyAndMetered(ConfigurableApplicationContext worker) throws Exception {
        String base = "http://127.0.0.1:" + worker.getEnvironment().getProperty("local.server.port");
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> ready = http.send(HttpRequest.newBuilder(URI.create(base + "/actuator/health/readiness"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
        assertThat(ready.body()).contains("\"status\":\"UP\"").contains("broker").contains("inspection");
        HttpResponse<String> prometheus = http.send(HttpRequest.newBuilder(URI.create(base + "/actuator/prometheus"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(prometheus.statusCode()).isEqualTo(200);
        assertThat(prometheus.body())
                .contains("aoi_worker_frames_in_total")
                .contains("aoi_worker_frames_out_total")
                .contains("aoi_worker_dead_letters_total{reason=\"UNREADABLE_IMAGE\"}")
                .contains("aoi_worker_batch_size_count")
                .contains("aoi_worker_inspect_time_seconds_bucket")
                .contains("aoi_worker_consumer_lag_records");
    }

    // --- inputs -------------------------------------------------------------------------------------------

    /** One input record and what must come of it: a result (reason null) or a dead letter with this reason. */
    record Input(String id, int partition, long offset, Reason expected) {
    }

    /**
     * Good refs, refs the model rejects, refs that fail transiently once (two ways), refs whose result is too large
     * to publish, and records that are not refs.
     */
    private List<Input> publish(int count) throws Exception {
        List<Input> inputs = new ArrayList<>();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(infra.bytesProducerConfig())) {
            for (int i = 0; i < count; i++) {
                String id;
                byte[] value;
                Reason expected = null;
                switch (i % 10) {
                    case 6 -> {
                        id = "img-" + i + "-bad";
                        expected = Reason.UNREADABLE_IMAGE;
                        value = ref(id);
                    }
                    case 7 -> {
                        id = "img-" + i + "-flaky";
                        value = ref(id);
                    }
                    case 3 -> {
                        id = "img-" + i + "-gone";
                        value = ref(id);
                    }
                    case 9 -> {
                        id = "img-" + i + "-huge";
                        expected = Reason.RESULT_TOO_LARGE;
                        value = ref(id);
                    }
                    case 8 -> {
                        id = "poison-" + i;
                        int kind = (i / 10) % 3;
                        expected = List.of(Reason.MALFORMED_RECORD, Reason.MISSING_FIELD, Reason.BAD_ID).get(kind);
                        value = (switch (kind) {
                            case 0 -> "this is not json {";
                            case 1 -> "{\"schema_version\":1,\"img_unique_id\":\"" + id + "\"}";
                            default -> "{\"schema_version\":1,\"img_unique_id\":\"bad id/" + i
                                    + "\",\"image_uri\":\"/a.png\",\"captured_at\":\"2026-11-23T10:00:00Z\"}";
                        }).getBytes(StandardCharsets.UTF_8);
                    }
                    default -> {
                        id = "img-" + i;
                        value = ref(id);
                    }
                }
                RecordMetadata md = producer.send(new ProducerRecord<>(images,
                        id.getBytes(StandardCharsets.UTF_8), value)).get();
                inputs.add(new Input(id, md.partition(), md.offset(), expected));
            }
        }
        return inputs;
    }

    private byte[] ref(String id) {
        return codec.encode(ImageRef.of(id, "/data/frames/" + id + ".png", Instant.parse("2026-11-23T10:00:00Z"))
                .withCamera("cam-1"));
    }

    // --- outputs ------------------------------------------------------------------------------------------

    /** One record seen on the results or dead-letter topic. */
    record Output(Reason reason, String instance, Map<String, String> headers) {
    }

    /** Everything on the results and dead-letter topics, read from the beginning, mapped back to its input. */
    private final class Outputs implements AutoCloseable {

        private final KafkaConsumer<byte[], byte[]> consumer;
        private final Map<String, List<Output>> byId = new ConcurrentHashMap<>();
        private final Map<String, List<Output>> byPosition = new ConcurrentHashMap<>();

        Outputs(boolean readCommitted) {
            Properties config = infra.bytesConsumerConfig();
            config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, readCommitted ? "read_committed" : "read_uncommitted");
            consumer = new KafkaConsumer<>(config);
            List<TopicPartition> all = new ArrayList<>();
            for (int p = 0; p < PARTITIONS; p++) {
                all.add(new TopicPartition(results, p));
            }
            all.add(new TopicPartition(dlt, 0));
            consumer.assign(all);
            consumer.seekToBeginning(all);
        }

        void poll(Duration duration) {
            long end = System.nanoTime() + duration.toNanos();
            do {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                    if (r.topic().equals(results)) {
                        InspectionResult result = codec.decodeResult(r.value());
                        assertThat(new String(r.key(), StandardCharsets.UTF_8)).isEqualTo(result.imgUniqueId());
                        byId.computeIfAbsent(result.imgUniqueId(), k -> new ArrayList<>())
                                .add(new Output(null, result.workerId(), Map.of()));
                    } else {
                        Map<String, String> headers = new HashMap<>();
                        r.headers().forEach(h -> headers.put(h.key(), new String(h.value(), StandardCharsets.UTF_8)));
                        String position = headers.get(DeadLetters.SOURCE_PARTITION) + "@"
                                + headers.get(DeadLetters.SOURCE_OFFSET);
                        byPosition.computeIfAbsent(position, k -> new ArrayList<>()).add(new Output(
                                Reason.valueOf(headers.get(DeadLetters.REASON)),
                                headers.get(DeadLetters.SERVICE_INSTANCE), headers));
                    }
                }
            } while (System.nanoTime() < end);
        }

        List<Output> of(Input in) {
            List<Output> out = new ArrayList<>(byId.getOrDefault(in.id, List.of()));
            out.addAll(byPosition.getOrDefault(in.partition + "@" + in.offset, List.of()));
            return out;
        }

        int covered(List<Input> inputs) {
            poll(Duration.ofMillis(200));
            return (int) inputs.stream().filter(in -> !of(in).isEmpty()).count();
        }

        /** Workers that published anything: results carry the worker id, dead letters the instance header. */
        Set<String> instances() {
            Set<String> ids = new java.util.HashSet<>();
            byId.values().forEach(list -> list.forEach(o -> ids.add(o.instance)));
            byPosition.values().forEach(list -> list.forEach(o -> ids.add(o.instance)));
            return ids;
        }

        int duplicates(List<Input> inputs) {
            return inputs.stream().mapToInt(in -> Math.max(0, of(in).size() - 1)).sum();
        }

        @Override
        public void close() {
            consumer.close();
        }
    }

    private void assertEveryInputHasTheRightOutput(List<Input> inputs, Outputs outputs) {
        List<String> problems = new ArrayList<>();
        for (Input in : inputs) {
            List<Output> out = outputs.of(in);
            if (out.isEmpty()) {
                problems.add(in + ": lost, no output");
            }
            for (Output o : out) {
                if (o.reason != in.expected) {
                    problems.add(in + ": got " + (o.reason == null ? "a result" : "dead letter " + o.reason));
                }
                if (o.reason != null) {
                    assertThat(o.headers).containsEntry(DeadLetters.SOURCE_TOPIC, images)
                            .containsKeys(DeadLetters.DETAIL, DeadLetters.TIMESTAMP);
                    assertThat(o.instance).startsWith("w-");
                }
            }
        }
        assertThat(problems).as("inputs without exactly the expected output").isEmpty();
        long flaky = inputs.stream().filter(in -> in.id.contains("flaky")).count();
        assertThat(flakySeen).as("every flaky ref failed once and was retried, not dead-lettered").hasSize((int) flaky);
        long gone = inputs.stream().filter(in -> in.id.contains("gone")).count();
        assertThat(goneSeen).as("every unavailable frame was retried, not dead-lettered").hasSize((int) gone);
    }

    // --- offsets ------------------------------------------------------------------------------------------

    private Map<TopicPartition, Long> committedOffsets() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                infra.kafkaBootstrapServers()))) {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get();
            return offsets.entrySet().stream().filter(e -> e.getValue() != null)
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
        }
    }

    private Map<TopicPartition, Long> endOffsets() {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafkaBootstrapServers());
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config)) {
            List<TopicPartition> all = new ArrayList<>();
            for (int p = 0; p < PARTITIONS; p++) {
                all.add(new TopicPartition(images, p));
            }
            return consumer.endOffsets(all).entrySet().stream().filter(e -> e.getValue() > 0)
                    .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        }
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + PATIENCE + " waiting until " + what);
            }
            Thread.sleep(100);
        }
    }
}
