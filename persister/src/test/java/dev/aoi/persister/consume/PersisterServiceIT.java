package dev.aoi.persister.consume;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aoi.common.DeadLetters;
import dev.aoi.common.event.ClassResult;
import dev.aoi.common.event.EventCodec;
import dev.aoi.common.event.InspectionResult;
import dev.aoi.common.event.RegionResult;
import dev.aoi.infra.postgres.JdbcDatabase;
import dev.aoi.infra.net.TcpProxy;
import dev.aoi.infra.testing.TestInfrastructure;
import dev.aoi.persister.PersisterApplication;
import dev.aoi.persister.bench.SyntheticResults;
import dev.aoi.persister.testing.MigratedDatabase;
import dev.aoi.persister.write.ResultBatchWriter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** The service end to end on a real broker and a real PostgreSQL: docs/database.md, docs/bad-input.md as the stream sees them. */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class PersisterServiceIT {

    private static final Instant T0 = Instant.parse("2026-11-23T08:00:00Z");
    private final TestInfrastructure infra = TestInfrastructure.shared();
    private final SyntheticResults synthetic = new SyntheticResults(11);
    private final EventCodec codec = new EventCodec();

    @Test
    void storesTheStreamDeadLettersPoisonWithReasonsAndCommitsOffsetsAfterTheRows() throws Exception {
        String topic = TestInfrastructure.uniqueName("results");
        String group = TestInfrastructure.uniqueName("persister");
        infra.createTopic(topic, 3);
        infra.createTopic(topic + ".DLT", 1);
        List<InspectionResult> valid = new ArrayList<>(synthetic.results(400, 6, T0));
        valid.add(synthetic.result(SyntheticResults.imageId(5), 99, 9, T0.minusSeconds(60)));   // older: ignored
        valid.add(synthetic.result(SyntheticResults.imageId(6), 98, 2, T0.plusSeconds(60)));    // newer: replaces
        InspectionResult poison = duplicateRegionIds(synthetic.result("poison-1", 7, 4, T0));

        try (MigratedDatabase db = MigratedDatabase.create(); MigratedDatabase expected = MigratedDatabase.create();
                KafkaProducer<byte[], byte[]> producer = producer()) {
            new ResultBatchWriter(expected.dataSource()).write(valid);
            for (int i = 0; i < valid.size(); i++) {
                send(producer, topic, valid.get(i));
                if (i == 150) {
                    producer.send(new ProducerRecord<>(topic, bytes("bad-json"), bytes("{\"schema_version\": 1, ")));
                    producer.send(new ProducerRecord<>(topic, bytes("no-classes"), bytes(codec.encodeToString(valid.get(0))
                            .replaceFirst(",\"classes\":\\[.*]}$", "}"))));
                    send(producer, topic, poison);
                }
            }
            producer.flush();

            try (ConfigurableApplicationContext app = start(db.database(), topic, group)) {
                List<ConsumerRecord<byte[], byte[]>> dead = awaitDeadLetters(topic + ".DLT", 3);
                awaitTrue(() -> db.checksum().equals(expected.checksum()), "rows equal to the expected rows");
                awaitTrue(() -> committedEqualsEnd(topic, group), "offsets committed up to the end");

                Map<String, ConsumerRecord<byte[], byte[]>> byKey = dead.stream()
                        .collect(Collectors.toMap(r -> new String(r.key(), StandardCharsets.UTF_8), r -> r));
                assertThat(header(byKey.get("bad-json"), DeadLetters.REASON)).isEqualTo("MALFORMED_RECORD");
                assertThat(header(byKey.get("no-classes"), DeadLetters.REASON)).isEqualTo("MISSING_FIELD");
                ConsumerRecord<byte[], byte[]> refused = byKey.get("poison-1");
                assertThat(header(refused, DeadLetters.REASON)).isEqualTo("CONSTRAINT_VIOLATION");
                assertThat(header(refused, DeadLetters.DETAIL)).contains("23505");
                assertThat(header(refused, DeadLetters.SOURCE_TOPIC)).isEqualTo(topic);
                assertThat(header(refused, DeadLetters.SOURCE_PARTITION)).isNotBlank();
                assertThat(header(refused, DeadLetters.SOURCE_OFFSET)).isNotBlank();
                assertThat(header(refused, DeadLetters.SERVICE_INSTANCE)).isEqualTo("it-persister");
                assertThat(codec.decodeResult(refused.value())).isEqualTo(poison);
                assertThat(db.query("SELECT count(*) FROM images WHERE img_unique_id = 'poison-1'")).isEqualTo("0");

                MeterRegistry meters = app.getBean(MeterRegistry.class);
                assertThat(meters.counter("aoi.persister.dead.letters", "reason", "CONSTRAINT_VIOLATION").count())
                        .isEqualTo(1.0);
                assertThat(meters.find("aoi.persister.batch.size").summary().count()).isPositive();
                assertThat(meters.find("aoi.persister.rows.written").tag("table", "regions").counter().count())
                        .isPositive();
                assertThat(meters.find("aoi.persister.capture.to.stored").timer().count()).isPositive();
                // the Kafka client's own meters (Spring Boot binds them to the listener's consumer; the per-partition
                // records.lag of the lag panel joins them at Micrometer's next refresh, within a minute)
                assertThat(meters.find("kafka.consumer.fetch.manager.records.lag.max").gauges()).isNotEmpty();
                assertThat(app.getBean(ResultsConsumerHealthIndicator.class).health().getStatus().getCode())
                        .isEqualTo("UP");
            }
        }
    }

    @Test
    void theDatabaseGoingAwayMidStreamLosesAndDuplicatesNothing() throws Exception {
        String topic = TestInfrastructure.uniqueName("results");
        String group = TestInfrastructure.uniqueName("persister");
        infra.createTopic(topic, 3);
        infra.createTopic(topic + ".DLT", 1);
        List<InspectionResult> valid = new ArrayList<>(synthetic.results(1500, 8, T0));
        for (int n = 0; n < 300; n += 3) {
            valid.add(synthetic.result(SyntheticResults.imageId(n), n + 5000, 3, T0.plusSeconds(30)));
        }
        try (MigratedDatabase db = MigratedDatabase.create(); MigratedDatabase expected = MigratedDatabase.create();
                KafkaProducer<byte[], byte[]> producer = producer()) {
            new ResultBatchWriter(expected.dataSource()).write(valid);
            JdbcDatabase direct = db.database();
            int port = Integer.parseInt(direct.url().replaceAll("^jdbc:postgresql://[^:/]+:(\\d+)/.*$", "$1"));
            try (TcpProxy proxy = new TcpProxy("127.0.0.1", port)) {
                JdbcDatabase viaProxy = new JdbcDatabase(direct.url().replace(":" + port + "/", ":" + proxy.port() + "/"),
                        direct.user(), direct.password());
                try (ConfigurableApplicationContext app = start(viaProxy, topic, group)) {
                    int sent = 0;
                    for (int round = 0; round < 5; round++) {
                        int until = Math.min(valid.size(), sent + valid.size() / 5 + 1);
                        for (; sent < until; sent++) {
                            send(producer, topic, valid.get(sent));
                        }
                        producer.flush();
                        Thread.sleep(300 + 200L * round);
                        proxy.cut();            // mid-stream: open connections drop, new ones are refused
                        Thread.sleep(1500);
                        proxy.restore();
                    }
                    awaitTrue(() -> db.checksum().equals(expected.checksum()), "rows equal to the expected rows");
                    awaitTrue(() -> committedEqualsEnd(topic, group), "offsets committed up to the end");
                    assertThat(db.count("images")).isEqualTo(1500);
                    assertThat(deadLetterCount(topic + ".DLT")).isZero();
                    MeterRegistry meters = app.getBean(MeterRegistry.class);
                    assertThat(meters.find("aoi.persister.retries").counters()).isNotEmpty();
                }
            }
        }
    }

    private ConfigurableApplicationContext start(JdbcDatabase database, String topic, String group) {
        String url = database.url() + (database.user() == null ? "" : (database.url().contains("?") ? "&" : "?")
                + "user=" + database.user()) + (database.password() == null ? "" : "&password=" + database.password());
        // Command-line arguments, not builder properties: those are defaults that application.yml would override.
        return new SpringApplicationBuilder(PersisterApplication.class)
                .web(WebApplicationType.NONE)
                .run(
                        "--spring.kafka.bootstrap-servers=" + infra.kafkaBootstrapServers(),
                        "--spring.kafka.consumer.max-poll-records=120",
                        "--aoi.persister.results-topic=" + topic,
                        "--aoi.persister.group-id=" + group,
                        "--aoi.persister.instance-id=it-persister",
                        "--aoi.persister.database.url=" + url,
                        "--aoi.persister.database.pool-size=1",
                        "--aoi.persister.database.max-overflow=1",
                        "--aoi.persister.database.connection-timeout=2s",
                        "--aoi.persister.retry.initial=100ms",
                        "--aoi.persister.retry.max=1s");
    }

    private KafkaProducer<byte[], byte[]> producer() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafkaBootstrapServers());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        return new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
    }

    private void send(KafkaProducer<byte[], byte[]> producer, String topic, InspectionResult r) {
        producer.send(new ProducerRecord<>(topic, bytes(r.imgUniqueId()), codec.encode(r)));
    }

    private List<ConsumerRecord<byte[], byte[]>> awaitDeadLetters(String dlt, int expected) throws Exception {
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = dltConsumer(dlt)) {
            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            while (out.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(out::add);
            }
        }
        assertThat(out).hasSize(expected);
        return out;
    }

    private int deadLetterCount(String dlt) {
        try (KafkaConsumer<byte[], byte[]> consumer = dltConsumer(dlt)) {
            int n = 0;
            for (int i = 0; i < 4; i++) {
                n += consumer.poll(Duration.ofMillis(500)).count();
            }
            return n;
        }
    }

    private KafkaConsumer<byte[], byte[]> dltConsumer(String dlt) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafkaBootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, TestInfrastructure.uniqueName("dlt-reader"));
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(List.of(dlt));
        return consumer;
    }

    private boolean committedEqualsEnd(String topic, String group) throws Exception {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafkaBootstrapServers());
        try (Admin admin = Admin.create(p)) {
            Map<TopicPartition, OffsetAndMetadata> committed =
                    admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (int partition = 0; partition < 3; partition++) {
                latest.put(new TopicPartition(topic, partition), OffsetSpec.latest());
            }
            var ends = admin.listOffsets(latest).all().get();
            for (var e : ends.entrySet()) {
                OffsetAndMetadata c = committed.get(e.getKey());
                long end = e.getValue().offset();
                if (end > 0 && (c == null || c.offset() != end)) {
                    return false;
                }
            }
            return true;
        }
    }

    private static void awaitTrue(Callable<Boolean> condition, String what) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (condition.call()) {
                    return;
                }
            } catch (Exception e) {
                // not yet
            }
            Thread.sleep(250);
        }
        assertThat(condition.call()).as(what).isTrue();
    }

    private static InspectionResult duplicateRegionIds(InspectionResult r) {
        ClassResult first = r.classes().get(0);
        RegionResult region = first.regions().get(0);
        List<ClassResult> classes = new ArrayList<>(r.classes());
        classes.set(0, ClassResult.of(first.classId(), first.className(), List.of(region, region)));
        return new InspectionResult(r.schemaVersion(), r.imgUniqueId(), r.imageUri(), r.cameraId(), r.capturedAt(),
                r.attributes(), r.imageWidth(), r.imageHeight(), r.processedAt(), r.processingTimeSeconds(),
                r.workerId(), r.model(), r.resultImages(), classes);
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        var h = record.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
