package dev.aoi.infra.bench;

import dev.aoi.common.Topics;
import dev.aoi.common.cli.Commands;
import dev.aoi.infra.kafka.TopicProvisioner;
import dev.aoi.infra.kafka.TopicProvisioner.TopicSpec;
import dev.aoi.infra.postgres.JdbcDatabase;
import dev.aoi.infra.postgres.LocalPostgres;
import dev.aoi.infra.process.PipelineProcesses;
import dev.aoi.infra.process.RunFolders;
import dev.aoi.infra.process.ServiceProcess;
import dev.aoi.infra.stack.LocalStack;
import dev.aoi.infra.stack.StackSettings;
import dev.aoi.infra.net.TcpProxy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * {@code ./aoi bench decoupling}: shows that a slow database does not slow the workers. One local stack, one
 * persister and the workers as child JVMs; the persister reaches PostgreSQL through a proxy that can add
 * {@code --delay-ms} to every transaction ({@link TransactionEndDelay}). The frames are published before the
 * workers start, so the workers are never starved and the camera does not compete with them for the CPU. After
 * a warm-up tenth, the run is cut into segments of {@code --segment-s} with the delay off and on in ABBA order,
 * the same processes throughout: separate runs per condition differed by ±10 % with no delay at all on a shared
 * two-core machine (JVM-to-JVM and machine-load variation), more than the effect to be shown. Worker throughput
 * comes from the results topic's record timestamps; the persister's batches and transactions from its
 * {@code /actuator/prometheus} and the database. Exit code 1 only if not every frame was stored; missing the 5 %
 * goal is reported, not failed.
 */
public final class DecouplingBench {

    private static final int PARTITIONS = 12;
    private static final List<String> JVM = List.of("-Xmx1g", "-XX:+UseG1GC", "-Xss16m");
    private static final String IMAGES = "bench.images";
    private static final String RESULTS = "bench.results";
    private static final String DATABASE = "bench";
    private static final String WORKER_GROUP = "bench-workers";
    private static final String PERSISTER_GROUP = "bench-persister";

    private final Path root;
    private final DecouplingSettings settings;
    private final LocalStack stack;
    private final int postgresPort;
    private final Path home;
    private final AtomicLong delayNanos = new AtomicLong();
    private final PipelineProcesses processes;

    private DecouplingBench(Path root, DecouplingSettings settings, LocalStack stack, int postgresPort, Path home) {
        this.root = root;
        this.settings = settings;
        this.stack = stack;
        this.postgresPort = postgresPort;
        this.home = home;
        this.processes = new PipelineProcesses(root, stack.bootstrapServers(),
                new Topics(IMAGES, RESULTS, WORKER_GROUP, PERSISTER_GROUP), JVM, home.resolve("logs"));
    }

    public static void main(String[] args) {
        System.exit(Commands.run(new DecouplingCommand(), args));
    }

    static int run(Path root, DecouplingSettings settings) throws Exception {
        Path home = RunFolders.fresh(root, "bench-decoupling").home();
        StackSettings stackSettings = StackSettings.ownStack(home, System.getenv());
        long t0 = System.nanoTime();
        System.out.println("[bench] starting a real Kafka broker (KRaft) and PostgreSQL…");
        LocalStack stack = LocalStack.start(stackSettings);
        System.out.printf("[bench] stack up in %.1f s%n", (System.nanoTime() - t0) / 1e9);
        DecouplingBench bench = new DecouplingBench(root, settings, stack, stackSettings.postgresPort(), home);
        AtomicBoolean stopped = new AtomicBoolean();
        Runnable stopAll = () -> {
            if (stopped.compareAndSet(false, true)) {
                bench.processes.close();
                stack.close();
            }
        };
        // Ctrl-C or a timeout: no child JVM, broker or database outlives the bench
        Thread hook = new Thread(stopAll, "aoi-bench-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        DecouplingReport report;
        try {
            report = bench.measure();
        } finally {
            stopAll.run();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running already
            }
        }
        System.out.println();
        System.out.println(report.table());
        if (settings.json() != null) {
            Files.createDirectories(settings.json().toAbsolutePath().getParent());
            Files.writeString(settings.json(), report.toJson());
            System.out.println("[bench] wrote " + settings.json());
        }
        System.out.printf("[bench] done in %.0f s%n", (System.nanoTime() - t0) / 1e9);
        if (!report.complete()) {
            System.err.println("[bench] FAILED: not every frame was stored; logs and data in " + home);
            return 1;
        }
        // the frames, result images, topics and database take most of a gigabyte; the logs stay
        for (String dir : List.of("images", "results", "kafka", "postgres")) {
            ServiceProcess.deleteTree(home.resolve(dir));
        }
        return 0;
    }

    private DecouplingReport measure() throws Exception {
        TopicProvisioner.ensureTopics(stack.bootstrapServers(), List.of(
                new TopicSpec(IMAGES, PARTITIONS),
                new TopicSpec(IMAGES + Topics.DLT_SUFFIX, 1),
                new TopicSpec(RESULTS, PARTITIONS, TopicProvisioner.RESULT_TOPIC_CONFIGS),
                new TopicSpec(RESULTS + Topics.DLT_SUFFIX, 1, TopicProvisioner.RESULT_TOPIC_CONFIGS)));
        publishFrames();
        JdbcDatabase direct = LocalPostgres.createDatabase(stack.database().withDatabase("postgres"), DATABASE, false);
        Path logs = home.resolve("logs");
        int persisterPort = ServiceProcess.freePort();
        LongAdder transactionEnds = new LongAdder();
        Run run;
        try (TcpProxy proxy = new TcpProxy("127.0.0.1", postgresPort,
                () -> new TransactionEndDelay(delayNanos::get, transactionEnds))) {
            JdbcDatabase proxied = new JdbcDatabase("jdbc:postgresql://127.0.0.1:" + proxy.port() + "/" + DATABASE,
                    direct.user(), direct.password());
            System.out.println("[bench] the persister starts (its database behind the delaying proxy)…");
            processes.startPersister("persister", proxied.urlWithCredentials(),
                    Map.of("SERVER_PORT", Integer.toString(persisterPort)));
            processes.awaitMembers(0, 1, Duration.ofSeconds(120));
            for (int i = 1; i <= settings.workers(); i++) {
                processes.startWorker("bench-worker-" + i, settings.model(), imageRoot(), home.resolve("results"),
                        Map.of());
            }
            System.out.printf("[bench] persister ready; %d worker(s) starting on the %d published frames; after the "
                    + "first tenth, %d s segments with %d ms added to every database transaction or not (ABBA)…%n",
                    settings.workers(), settings.frames(), settings.segmentSeconds(), settings.delayMs());
            run = interleave(direct, persisterPort, processes.services());
        } finally {
            processes.close();
        }
        ResultTimeline timeline = ResultTimeline.read(stack.bootstrapServers(), RESULTS, PARTITIONS,
                settings.frames(), Duration.ofSeconds(60));
        long last = timeline.size() == 0 ? Long.MIN_VALUE : timeline.lastMillis();
        // only segments the workers were busy all through: the one in which they ran out of frames is left out
        List<Segment> complete = run.segments().stream().filter(s -> s.endMillis() <= last).toList();
        Map<Integer, Long> largestBatch = largestBatchPerSegment(direct, complete);
        ConditionResult off = ConditionResult.of(0, complete.stream().filter(s -> !s.delayed()).toList(),
                timeline.emittedAtMillis(), largestBatch);
        ConditionResult on = ConditionResult.of(settings.delayMs(), complete.stream().filter(Segment::delayed).toList(),
                timeline.emittedAtMillis(), largestBatch);
        double catchUp = run.storedAtMillis() > 0 && timeline.size() > 0
                ? (run.storedAtMillis() - last) / 1000.0 : Double.NaN;
        return new DecouplingReport(settings, off, on, complete, timeline.emittedAtMillis(), run.stored(), catchUp,
                transactionEnds.sum(), Runtime.getRuntime().availableProcessors());
    }

    private Path imageRoot() {
        return home.resolve("images");
    }

    /** The camera renders and publishes every frame before any worker runs. */
    private void publishFrames() {
        long start = System.nanoTime();
        System.out.printf("[bench] the camera renders and publishes %d frames of %dx%d…%n", settings.frames(),
                settings.frameSize(), settings.frameSize());
        ServiceProcess camera = processes.startCamera("camera", imageRoot(), List.of(
                "--frames", Integer.toString(settings.frames()), "--seed", Long.toString(settings.seed()),
                "--rate", "0", "--width", Integer.toString(settings.frameSize()),
                "--height", Integer.toString(settings.frameSize())));
        try {
            if (camera.waitFor(Duration.ofSeconds(settings.timeoutSeconds())) != 0) {
                throw new IllegalStateException("the camera failed:\n" + camera.logTail(30));
            }
        } finally {
            processes.stop(camera, Duration.ofSeconds(5));
        }
        System.out.printf("[bench] %d frames published in %.1f s%n", settings.frames(), (System.nanoTime() - start) / 1e9);
    }

    /** What the bench saw while the workers ran. */
    private record Run(List<Segment> segments, long stored, long storedAtMillis) {
    }

    /**
     * Polls the results topic, the database and the persister; switches the delay at segment boundaries; once the
     * workers have emitted every result, leaves the delay on and waits for the persister to store the rest.
     */
    private Run interleave(JdbcDatabase direct, int persisterPort, List<ServiceProcess> services) throws Exception {
        long start = System.nanoTime();
        long deadline = start + TimeUnit.SECONDS.toNanos(settings.timeoutSeconds());
        long segmentMillis = TimeUnit.SECONDS.toMillis(settings.segmentSeconds());
        ProcessHandle persister = ProcessHandle.of(services.get(0).pid()).orElseThrow();
        List<ProcessHandle> workers = services.subList(1, services.size()).stream()
                .map(s -> ProcessHandle.of(s.pid()).orElseThrow()).toList();
        Path postgresData = home.resolve("postgres");
        List<Segment> segments = new ArrayList<>();
        long stored = 0;
        long storedAt = 0;
        boolean workersDone = false;
        long segmentStart = 0;
        PrometheusScrape metricsAtStart = null;
        CpuUse cpuAtStart = null;
        long backlogMax = 0;
        long nextPrint = 0;
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()));
                Connection db = direct.connect()) {
            while (System.nanoTime() < deadline) {
                processes.requireAlive();
                long emitted = ResultTimeline.count(admin, RESULTS, PARTITIONS);
                stored = storedFrames(db);
                backlogMax = Math.max(backlogMax, emitted - stored);
                long now = System.currentTimeMillis();
                boolean boundary = metricsAtStart == null ? emitted >= settings.frames() / 10
                        : !workersDone && (emitted >= settings.frames() || now - segmentStart >= segmentMillis);
                if (boundary) {
                    PrometheusScrape metrics = scrape(persisterPort);
                    CpuUse cpu = CpuUse.sample(workers, persister, postgresData);
                    if (metricsAtStart != null) {
                        int index = segments.size();
                        segments.add(new Segment(index, Segment.delayedAt(index), segmentStart, now, metricsAtStart,
                                metrics, cpuAtStart, cpu, backlogMax));
                    }
                    workersDone = emitted >= settings.frames();
                    boolean delayed = workersDone || Segment.delayedAt(segments.size());
                    delayNanos.set(delayed ? TimeUnit.MILLISECONDS.toNanos(settings.delayMs()) : 0);
                    segmentStart = now;
                    metricsAtStart = metrics;
                    cpuAtStart = cpu;
                    backlogMax = emitted - stored;
                }
                if (workersDone && stored >= settings.frames()) {
                    storedAt = System.currentTimeMillis();
                    break;
                }
                if (System.nanoTime() >= nextPrint) {
                    System.out.printf(Locale.ROOT, "[bench] %5.1f s  results %d/%d  stored %d  backlog %d  delay %s%n",
                            (System.nanoTime() - start) / 1e9, emitted, settings.frames(), stored, emitted - stored,
                            delayNanos.get() > 0 ? "on" : "off");
                    nextPrint = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
                }
                Thread.sleep(250);
            }
        }
        return new Run(segments, stored, storedAt);
    }

    private static PrometheusScrape scrape(int port) throws InterruptedException {
        IOException last = null;
        for (int attempt = 0; attempt < 5; attempt++) {
            try {
                return PrometheusScrape.of(port);
            } catch (IOException e) {
                last = e;
                Thread.sleep(200);
            }
        }
        throw new IllegalStateException("the persister's /actuator/prometheus on port " + port + " did not answer",
                last);
    }

    /** The most images one transaction stored, per segment: rows of one transaction share its start time. */
    private static Map<Integer, Long> largestBatchPerSegment(JdbcDatabase db, List<Segment> segments)
            throws SQLException {
        Map<Integer, Long> largest = new HashMap<>();
        try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("""
                SELECT (extract(epoch FROM created_at::timestamptz) * 1000)::bigint, count(*)
                FROM images GROUP BY created_at""")) {
            while (rs.next()) {
                long at = rs.getLong(1);
                long n = rs.getLong(2);
                for (Segment seg : segments) {
                    if (at >= seg.startMillis() && at < seg.endMillis()) {
                        largest.merge(seg.index(), n, Math::max);
                    }
                }
            }
        }
        return largest;
    }

    private static long storedFrames(Connection db) {
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM images")) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            return 0; // the schema does not exist until the persister has migrated
        }
    }
}
