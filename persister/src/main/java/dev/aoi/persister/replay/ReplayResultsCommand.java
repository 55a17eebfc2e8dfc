package dev.aoi.persister.replay;

import static dev.aoi.common.kafka.ReplayCommands.eta;
import static dev.aoi.common.kafka.ReplayCommands.parseTime;

import com.zaxxer.hikari.HikariDataSource;
import dev.aoi.common.DatabaseUrl;
import dev.aoi.common.Topics;
import dev.aoi.common.cli.Endpoints;
import dev.aoi.common.kafka.KafkaClientSettings;
import dev.aoi.common.kafka.ReplayCommands;
import dev.aoi.persister.db.CommandLines;
import dev.aoi.persister.db.DatabaseMigrations;
import dev.aoi.persister.db.DbCommand;
import dev.aoi.persister.db.PoolSettings;
import dev.aoi.persister.db.PooledDataSources;
import dev.aoi.persister.write.ResultBatchWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code ./aoi replay results --from T1 [--to T2] [--dry-run] [--bootstrap-servers B] [--topic T]}: rebuilds
 * database rows from the results topic (DATABASE_URL, migrated first). Times are ISO-8601 instants or dates.
 */
@Command(name = "./aoi replay results", mixinStandardHelpOptions = true,
        description = "Rebuild database rows (DATABASE_URL) from the results topic, with a consumer group of its own;"
                + " resumable: run the same command again after an interruption.")
public final class ReplayResultsCommand implements Callable<Integer> {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--from", required = true, paramLabel = "T1", converter = TimeConverter.class,
            description = "first capture time (ISO-8601 instant or date, UTC midnight)")
    Instant from;

    @Option(names = "--to", paramLabel = "T2", converter = TimeConverter.class,
            description = "end of the range, exclusive (default: now)")
    Instant to;

    @Option(names = "--dry-run", description = "scan and count, write nothing")
    boolean dryRun;

    @Option(names = "--bootstrap-servers", paramLabel = "B",
            defaultValue = "${env:" + Endpoints.BOOTSTRAP_SERVERS_ENV + ":-" + Endpoints.BOOTSTRAP_SERVERS + "}", description = "default: ${DEFAULT-VALUE}")
    String bootstrap;

    @Option(names = "--topic", paramLabel = "T", defaultValue = "${env:AOI_RESULTS_TOPIC:-" + Topics.DEFAULT_RESULTS
            + "}", description = "default: ${DEFAULT-VALUE}")
    String topic;

    /** Entry of {@code ./aoi replay results ...}; returns the exit code. */
    public static int run(String[] args) {
        return CommandLines.of(new ReplayResultsCommand()).execute(args);
    }

    @Override
    public Integer call() throws Exception {
        if (to != null && !to.isAfter(from)) {
            throw new ParameterException(spec.commandLine(), "--to must be after --from");
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

    /** ISO-8601 instants or dates, as the replay commands take them. */
    static final class TimeConverter implements CommandLine.ITypeConverter<Instant> {
        @Override
        public Instant convert(String value) {
            try {
                return parseTime(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
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
