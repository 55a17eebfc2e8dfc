package dev.aoi.persister.replay;

import static dev.aoi.common.kafka.ReplayCommands.eta;
import static dev.aoi.common.kafka.ReplayCommands.parseTime;
import static dev.aoi.common.kafka.ReplayCommands.value;

import com.zaxxer.hikari.HikariDataSource;
import dev.aoi.common.DatabaseUrl;
import dev.aoi.common.Topics;
import dev.aoi.common.cli.Endpoints;
import dev.aoi.common.kafka.KafkaClientSettings;
import dev.aoi.common.kafka.ReplayCommands;
import dev.aoi.persister.db.DatabaseMigrations;
import dev.aoi.persister.db.DbCommand;
import dev.aoi.persister.db.PoolSettings;
import dev.aoi.persister.db.PooledDataSources;
import dev.aoi.persister.write.ResultBatchWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * {@code ./aoi replay results --from T1 [--to T2] [--dry-run] [--bootstrap-servers B] [--topic T]}: rebuilds
 * database rows from the results topic (DATABASE_URL, migrated first). Times are ISO-8601 instants or dates.
 */
public final class ReplayResultsCommand {

    private ReplayResultsCommand() {
    }

    public static int run(String[] args) throws Exception {
        Instant from = null;
        Instant to = null;
        boolean dryRun = false;
        String bootstrap = Endpoints.bootstrapServers(System.getenv());
        String topic = System.getenv().getOrDefault("AOI_RESULTS_TOPIC", Topics.DEFAULT_RESULTS);
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--from" -> from = parseTime(value(args, ++i, "--from"));
                    case "--to" -> to = parseTime(value(args, ++i, "--to"));
                    case "--dry-run" -> dryRun = true;
                    case "--bootstrap-servers" -> bootstrap = value(args, ++i, "--bootstrap-servers");
                    case "--topic" -> topic = value(args, ++i, "--topic");
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
            }
            if (from == null) {
                throw new IllegalArgumentException("--from is required");
            }
            if (to != null && !to.isAfter(from)) {
                throw new IllegalArgumentException("--to must be after --from");
            }
        } catch (IllegalArgumentException e) {
            System.err.println("aoi replay results: " + e.getMessage());
            System.err.println("usage: ./aoi replay results --from T1 [--to T2] [--dry-run]");
            return 2;
        }
        String env = System.getenv("DATABASE_URL");
        DatabaseUrl url = DatabaseUrl.parse(env == null || env.isBlank() ? DbCommand.DEFAULT_URL : env);
        String group = ResultsReplay.groupId(from, to);
        try (HikariDataSource ds = PooledDataSources.create(url, new PoolSettings(1, 2), "replay-results",
                Duration.ofSeconds(10));
                KafkaConsumer<byte[], byte[]> consumer = consumer(bootstrap, group)) {
            new DatabaseMigrations(ds).migrate();
            ResultsReplay replay = new ResultsReplay(consumer, new ResultBatchWriter(ds));
            ReplayCommands.StopOnShutdown stopOnCtrlC = ReplayCommands.stopOnShutdown(replay::requestStop);
            System.out.printf("rebuilding rows of frames captured from %s to %s from %s into %s (group %s)%s%n", from,
                    to == null ? "now" : to, topic, url.jdbcUrl(), group, dryRun ? " — dry run, nothing is written" : "");
            ResultsReplay.Progress done = replay.run(topic, from, to, dryRun, p -> System.out.printf(
                    "scanned %d, in range %d, images written %d, %d records left, %.0f records/s, ETA %s%n",
                    p.scanned(), p.matched(), p.imagesStored(), p.remaining(), p.perSecond(),
                    eta(p.remaining(), p.perSecond())));
            System.out.printf("%s: %d results in range, %d images written (the rest were already as new), "
                    + "%d malformed skipped, %d refused by the database, %d records left%n",
                    done.remaining() == 0 ? "done" : "interrupted — run the same command to resume", done.matched(),
                    done.imagesStored(), done.skippedMalformed(), done.rejected(), done.remaining());
            stopOnCtrlC.close();
            return 0;
        }
    }

    static KafkaConsumer<byte[], byte[]> consumer(String bootstrap, String group) {
        return new KafkaConsumer<>(KafkaClientSettings.under(KafkaClientSettings.fromEnvironment(), Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, group,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500)),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }


}
