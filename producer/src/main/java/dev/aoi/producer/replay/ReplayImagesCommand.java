package dev.aoi.producer.replay;

import static dev.aoi.common.kafka.ReplayCommands.eta;

import dev.aoi.common.Topics;
import dev.aoi.common.cli.KafkaOptions;
import dev.aoi.common.cli.ReplayOptions;
import dev.aoi.common.kafka.KafkaClientSettings;
import dev.aoi.common.kafka.ReplayCommands;
import java.io.PrintStream;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ./aoi replay images}: send the frames captured in a time range through the workers again. */
@Command(name = "images", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Re-publish the ImageRefs of the frames captured in [T1, T2) so that the workers inspect them",
                "again (e.g. with a new model); keys are unchanged. Resumable: Ctrl-C, then the same command."})
public final class ReplayImagesCommand implements Callable<Integer> {

    @Mixin
    ReplayOptions range;

    @Option(names = "--camera", paramLabel = "C", description = "only the frames of this camera_id")
    String camera;

    @Mixin
    KafkaOptions kafka;

    @Option(names = "--topic", paramLabel = "TOPIC", defaultValue = "${env:AOI_IMAGES_TOPIC:-" + Topics.DEFAULT_IMAGES + "}",
            description = "the images topic (default: $AOI_IMAGES_TOPIC, else " + Topics.DEFAULT_IMAGES + ")")
    String topic;

    @Override
    public Integer call() {
        PrintStream out = System.out;
        boolean dryRun = range.dryRun();
        ReplayPlan plan = new ReplayPlan(range.from(), range.to(), camera, dryRun, topic);
        String bootstrap = kafka.bootstrapServers();
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
