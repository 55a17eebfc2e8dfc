package dev.aoi.producer.replay;

import static dev.aoi.common.kafka.ReplayCommands.eta;
import static dev.aoi.common.kafka.ReplayCommands.parseTime;
import static dev.aoi.common.kafka.ReplayCommands.value;

import dev.aoi.common.Topics;
import dev.aoi.common.kafka.KafkaClientSettings;
import dev.aoi.common.kafka.ReplayCommands;
import java.io.PrintStream;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * {@code ./aoi replay images --from T1 [--to T2] [--camera C] [--dry-run] [--bootstrap-servers B] [--topic T]}.
 * Times are ISO-8601 instants or dates (a date means its start, UTC).
 */
public final class ReplayImagesCommand {

    private ReplayImagesCommand() {
    }

    /** Runs the command; returns the process exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        Instant from = null;
        Instant to = null;
        String camera = null;
        boolean dryRun = false;
        String bootstrap = System.getenv().getOrDefault("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:19092");
        String topic = System.getenv().getOrDefault("AOI_IMAGES_TOPIC", Topics.DEFAULT_IMAGES);
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--from" -> from = parseTime(value(args, ++i, "--from"));
                    case "--to" -> to = parseTime(value(args, ++i, "--to"));
                    case "--camera" -> camera = value(args, ++i, "--camera");
                    case "--dry-run" -> dryRun = true;
                    case "--bootstrap-servers" -> bootstrap = value(args, ++i, "--bootstrap-servers");
                    case "--topic" -> topic = value(args, ++i, "--topic");
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
            }
            ReplayPlan plan = new ReplayPlan(from, to, camera, dryRun, topic);
            try (KafkaConsumer<String, byte[]> consumer = consumer(bootstrap, plan.groupId());
                    KafkaProducer<String, byte[]> producer = producer(bootstrap)) {
                ImageReplay replay = new ImageReplay(consumer, producer);
                ReplayCommands.StopOnShutdown stopOnCtrlC = ReplayCommands.stopOnShutdown(replay::requestStop);
                out.printf("replaying frames captured from %s to %s%s on %s (group %s)%s%n", plan.from(),
                        plan.to() == null ? "now" : plan.to(), camera == null ? "" : " by camera " + camera, topic,
                        plan.groupId(), dryRun ? " — dry run, nothing is published" : "");
                ImageReplay.Progress done = replay.run(plan, p -> out.printf(
                        "scanned %d, matched %d, re-published %d, %d records left, %.0f records/s, ETA %s%n",
                        p.scanned(), p.matched(), p.published(), p.remaining(), p.perSecond(),
                        eta(p.remaining(), p.perSecond())));
                out.printf("%s: %d frames %s (%d records scanned, %d malformed skipped, %d left)%n",
                        done.remaining() == 0 ? "done" : "interrupted — run the same command to resume",
                        dryRun ? done.matched() : done.published(), dryRun ? "would be re-published" : "re-published",
                        done.scanned(), done.skippedMalformed(), done.remaining());
                stopOnCtrlC.close();
                return 0;
            }
        } catch (IllegalArgumentException e) {
            err.println("aoi replay images: " + e.getMessage());
            err.println("usage: ./aoi replay images --from T1 [--to T2] [--camera C] [--dry-run]");
            return 2;
        }
    }



    static KafkaConsumer<String, byte[]> consumer(String bootstrap, String group) {
        return new KafkaConsumer<>(KafkaClientSettings.under(KafkaClientSettings.fromEnvironment(), Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, group,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500)),
                new StringDeserializer(), new ByteArrayDeserializer());
    }

    static KafkaProducer<String, byte[]> producer(String bootstrap) {
        return new KafkaProducer<>(KafkaClientSettings.under(KafkaClientSettings.fromEnvironment(), Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 5)),
                new StringSerializer(), new ByteArraySerializer());
    }
}
