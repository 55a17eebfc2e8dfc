package dev.aoi.infra.bench;

import dev.aoi.common.Topics;
import dev.aoi.infra.kafka.TopicProvisioner;
import dev.aoi.infra.kafka.TopicProvisioner.TopicSpec;
import dev.aoi.infra.postgres.JdbcDatabase;
import dev.aoi.infra.postgres.LocalPostgres;
import dev.aoi.infra.process.ServiceProcess;
import dev.aoi.infra.stack.LocalStack;
import dev.aoi.infra.stack.StackSettings;
import dev.aoi.infra.testing.TcpProxy;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;

/**
 * {@code ./aoi bench decoupling}: shows that a slow database does not slow the workers. Two phases on one local
 * stack, each with fresh topics, a fresh database, one persister and the workers as child JVMs: a baseline where
 * the persister reaches PostgreSQL through a proxy that adds nothing, then the same run with the proxy adding
 * {@code --delay-ms} to every transaction ({@link TransactionEndDelay}). The frames are published before the
 * workers start, so the workers are never starved and the camera does not compete with them for the CPU.
 * Worker throughput comes from the results topic; the persister's batches and transactions from its
 * {@code /actuator/prometheus}. Exit code 1 only if a phase did not store every frame; missing the 5 % goal is
 * reported, not failed.
 */
public final class DecouplingBench {

    private static final int PARTITIONS = 12;
    private static final List<String> JVM = List.of("-Xmx1g", "-XX:+UseG1GC", "-Xss16m");

    private final Path root;
    private final DecouplingSettings settings;
    private final LocalStack stack;
    private final int postgresPort;
    private final Path home;

    private DecouplingBench(Path root, DecouplingSettings settings, LocalStack stack, int postgresPort, Path home) {
        this.root = root;
        this.settings = settings;
        this.stack = stack;
        this.postgresPort = postgresPort;
        this.home = home;
    }

    public static void main(String[] args) throws Exception {
        Path root = ServiceProcess.repositoryRoot();
        DecouplingSettings settings;
        try {
            settings = DecouplingSettings.parse(args, root);
        } catch (IllegalArgumentException e) {
            System.err.println("aoi bench decoupling: " + e.getMessage() + "\n" + DecouplingSettings.USAGE);
            System.exit(2);
            return;
        }
        if (!Files.isRegularFile(settings.model())) {
            System.err.println("aoi bench decoupling: no model at " + settings.model());
            System.exit(2);
        }
        System.exit(run(root, settings));
    }

    static int run(Path root, DecouplingSettings settings) throws Exception {
        Path home = Path.of(System.getenv().getOrDefault("AOI_HOME", root.resolve(".aoi").toString()))
                .resolve("bench-decoupling");
        deleteTree(home);
        Map<String, String> stackEnv = new HashMap<>(System.getenv());
        stackEnv.put("AOI_HOME", home.toString());
        stackEnv.put("AOI_KAFKA_PORT", Integer.toString(freePort()));
        stackEnv.put("AOI_KAFKA_CONTROLLER_PORT", Integer.toString(freePort()));
        stackEnv.put("AOI_PG_PORT", Integer.toString(freePort()));
        stackEnv.remove("DATABASE_URL");
        StackSettings stackSettings = StackSettings.fromEnvironment(stackEnv);
        long t0 = System.nanoTime();
        System.out.println("[bench] starting a real Kafka broker (KRaft) and PostgreSQL…");
        try (LocalStack stack = LocalStack.start(stackSettings)) {
            System.out.printf("[bench] stack up in %.1f s%n", (System.nanoTime() - t0) / 1e9);
            DecouplingBench bench = new DecouplingBench(root, settings, stack, stackSettings.postgresPort(), home);
            bench.publishFrames();
            PhaseResult baseline = bench.phase("a", "baseline", 0);
            PhaseResult delayed = bench.phase("b", "delayed", settings.delayMs());
            DecouplingReport report = new DecouplingReport(settings, baseline, delayed,
                    Runtime.getRuntime().availableProcessors());
            System.out.println();
            System.out.println(report.table());
            if (settings.json() != null) {
                Files.createDirectories(settings.json().toAbsolutePath().getParent());
                Files.writeString(settings.json(), report.toJson());
                System.out.println("[bench] wrote " + settings.json());
            }
            System.out.printf("[bench] done in %.0f s%n", (System.nanoTime() - t0) / 1e9);
            if (!report.complete()) {
                System.err.println("[bench] FAILED: not every frame was stored; logs in " + home.resolve("logs"));
                return 1;
            }
            return 0;
        }
    }

    private static String imagesTopic(String phase) {
        return "bench." + phase + ".images";
    }

    private static String resultsTopic(String phase) {
        return "bench." + phase + ".results";
    }

    /**
     * The camera renders and publishes the frames once, to phase a's topic, before any worker runs; phase b's topic
     * gets a copy of the same references.
     */
    private void publishFrames() {
        for (String phase : List.of("a", "b")) {
            String images = imagesTopic(phase);
            String results = resultsTopic(phase);
            TopicProvisioner.ensureTopics(stack.bootstrapServers(), List.of(
                    new TopicSpec(images, PARTITIONS),
                    new TopicSpec(images + Topics.DLT_SUFFIX, 1),
                    new TopicSpec(results, PARTITIONS, TopicProvisioner.RESULT_TOPIC_CONFIGS),
                    new TopicSpec(results + Topics.DLT_SUFFIX, 1, TopicProvisioner.RESULT_TOPIC_CONFIGS)));
        }
        long start = System.nanoTime();
        System.out.printf("[bench] the camera renders and publishes %d frames of %dx%d…%n", settings.frames(),
                settings.frameSize(), settings.frameSize());
        ServiceProcess camera = ServiceProcess.start("camera", ServiceProcess.moduleJar(root, "producer"), JVM,
                List.of("simulate", "--publish", "--frames", Integer.toString(settings.frames()),
                        "--seed", Long.toString(settings.seed()), "--image-root", imageRoot().toString(),
                        "--bootstrap-servers", stack.bootstrapServers(), "--topic", imagesTopic("a"), "--rate", "0",
                        "--width", Integer.toString(settings.frameSize()),
                        "--height", Integer.toString(settings.frameSize())),
                Map.of("KAFKA_BOOTSTRAP_SERVERS", stack.bootstrapServers()), home.resolve("logs/camera.log"));
        try {
            if (camera.waitFor(Duration.ofSeconds(settings.timeoutSeconds())) != 0) {
                throw new IllegalStateException("the camera failed:\n" + camera.logTail(30));
            }
        } finally {
            camera.stop(Duration.ofSeconds(5));
        }
        long copied = TopicCopy.copy(stack.bootstrapServers(), imagesTopic("a"), imagesTopic("b"), PARTITIONS,
                settings.frames(), Duration.ofSeconds(60));
        if (copied != settings.frames()) {
            throw new IllegalStateException("copied " + copied + " of " + settings.frames() + " frame references to "
                    + imagesTopic("b"));
        }
        System.out.printf("[bench] %d frames published in %.1f s%n", settings.frames(), (System.nanoTime() - start) / 1e9);
    }

    private Path imageRoot() {
        return home.resolve("images");
    }

    /** One phase: its own topics, database and consumer groups, so nothing carries over from the other. */
    private PhaseResult phase(String id, String name, long delayMs) throws Exception {
        String results = resultsTopic(id);
        JdbcDatabase direct = LocalPostgres.createDatabase(stack.database().withDatabase("postgres"),
                "bench_" + id, false);
        Path logs = home.resolve("logs");
        String workerGroup = "bench-" + id + "-workers";
        String persisterGroup = "bench-" + id + "-persister";
        int persisterPort = freePort();
        String tag = "[" + name + "]";

        LongAdder transactionEnds = new LongAdder();
        long delayNanos = TimeUnit.MILLISECONDS.toNanos(delayMs);
        List<ServiceProcess> services = new ArrayList<>();
        try (TcpProxy proxy = new TcpProxy("127.0.0.1", postgresPort,
                () -> new TransactionEndDelay(delayNanos, transactionEnds))) {
            JdbcDatabase proxied = new JdbcDatabase("jdbc:postgresql://127.0.0.1:" + proxy.port() + "/bench_" + id,
                    direct.user(), direct.password());
            Map<String, String> kafka = Map.of("KAFKA_BOOTSTRAP_SERVERS", stack.bootstrapServers());
            System.out.printf("%s %d ms added to every database transaction; the persister starts…%n", tag, delayMs);
            services.add(ServiceProcess.start(id + "-persister", ServiceProcess.moduleJar(root, "persister"), JVM,
                    List.of(), with(kafka, Map.of(
                            "DATABASE_URL", proxied.urlWithCredentials(),
                            "AOI_RESULTS_TOPIC", results,
                            "AOI_PERSISTER_GROUP_ID", persisterGroup,
                            "SERVER_PORT", Integer.toString(persisterPort))),
                    logs.resolve(id + "-persister.log")));
            awaitMembers(persisterGroup, 1, services);
            for (int i = 1; i <= settings.workers(); i++) {
                services.add(ServiceProcess.start(id + "-worker-" + i, ServiceProcess.moduleJar(root, "worker"), JVM,
                        List.of(), with(kafka, Map.of(
                                "AOI_WORKER_MODEL", settings.model().toString(),
                                "AOI_WORKER_ALLOWED_ROOTS", imageRoot().toString(),
                                "AOI_WORKER_OUTPUT_ROOT", home.resolve("results").resolve(id).toString(),
                                "AOI_WORKER_WORKER_ID", "bench-" + id + "-worker-" + i,
                                "AOI_WORKER_IMAGES_TOPIC", imagesTopic(id),
                                "AOI_WORKER_RESULTS_TOPIC", results,
                                "AOI_WORKER_GROUP_ID", workerGroup,
                                "AOI_WORKER_HTTP_PORT", "0",
                                "SERVER_PORT", "0")),
                        logs.resolve(id + "-worker-" + i + ".log")));
            }
            System.out.printf("%s persister ready; %d worker(s) starting on the %d published frames…%n", tag,
                    settings.workers(), settings.frames());
            Progress progress = watch(tag, results, direct, persisterPort, services);
            ResultTimeline timeline = ResultTimeline.read(stack.bootstrapServers(), results, PARTITIONS,
                    settings.frames(), Duration.ofSeconds(60));
            PrometheusScrape last = progress.lastScrape();
            double batches = last.value("aoi_persister_batch_size_records_count");
            double transactions = last.value("aoi_persister_transaction_seconds_count");
            PhaseResult result = new PhaseResult(name, delayMs, settings.frames(), progress.stored(),
                    timeline.size() < 2 ? 0 : timeline.steadyFramesPerSecond(),
                    timeline.size() < 2 ? 0 : timeline.steadySeconds(),
                    (long) transactions, transactionEnds.sum(),
                    batches == 0 ? 0 : last.value("aoi_persister_batch_size_records_sum") / batches,
                    Math.max(progress.batchMax(), last.value("aoi_persister_batch_size_records_max")),
                    transactions == 0 ? 0 : 1000 * last.value("aoi_persister_transaction_seconds_sum") / transactions,
                    progress.storedAtMillis() > 0 && timeline.size() > 0
                            ? (progress.storedAtMillis() - timeline.lastMillis()) / 1000.0 : Double.NaN,
                    progress.maxBacklog(), progress.steadyCores());
            System.out.printf(Locale.ROOT, "%s workers %.2f frames/s; persister %d transactions, mean batch %.1f, "
                    + "caught up %.1f s after the last result%n", tag, result.workerFramesPerSecond(),
                    result.transactions(), result.batchSizeMean(), result.catchUpSeconds());
            return result;
        } finally {
            for (ServiceProcess s : services) {
                s.stop(Duration.ofSeconds(30));
            }
        }
    }

    /** What the bench saw while the phase ran. */
    private record Progress(long stored, long storedAtMillis, long maxBacklog, double batchMax,
            PrometheusScrape lastScrape, CpuUse steadyCores) {
    }

    /** Polls the database, the results topic and the persister until every frame is stored or time runs out. */
    private Progress watch(String tag, String results, JdbcDatabase direct, int persisterPort,
            List<ServiceProcess> services) throws Exception {
        long start = System.nanoTime();
        long deadline = start + TimeUnit.SECONDS.toNanos(settings.timeoutSeconds());
        long stored = 0;
        long storedAt = 0;
        long maxBacklog = 0;
        double batchMax = 0;
        PrometheusScrape scrape = new PrometheusScrape(Map.of());
        long nextScrape = 0;
        long nextPrint = 0;
        ServiceProcess persister = services.get(0);
        List<ProcessHandle> workers = services.subList(1, services.size()).stream()
                .map(s -> ProcessHandle.of(s.pid()).orElseThrow()).toList();
        Path postgresData = home.resolve("postgres");
        CpuUse steadyStart = null;
        CpuUse steadyCores = null;
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()));
                Connection db = direct.connect()) {
            while (System.nanoTime() < deadline) {
                for (ServiceProcess s : services) {
                    if (!s.isAlive()) {
                        throw new IllegalStateException(s.name() + " exited:\n" + s.logTail(40));
                    }
                }
                long emitted = ResultTimeline.count(admin, results, PARTITIONS);
                // CPU over about the window the throughput is measured on: after the first tenth, to the last result
                if (steadyStart == null && emitted >= settings.frames() / 10) {
                    steadyStart = CpuUse.sample(workers, ProcessHandle.of(persister.pid()).orElseThrow(), postgresData);
                } else if (steadyStart != null && steadyCores == null && emitted >= settings.frames()) {
                    steadyCores = CpuUse.sample(workers, ProcessHandle.of(persister.pid()).orElseThrow(), postgresData)
                            .coresSince(steadyStart);
                }
                stored = storedFrames(db);
                maxBacklog = Math.max(maxBacklog, emitted - stored);
                if (stored >= settings.frames()) {
                    storedAt = System.currentTimeMillis();
                }
                if (System.nanoTime() >= nextScrape || storedAt > 0) {
                    try {
                        scrape = PrometheusScrape.of(persisterPort);
                        batchMax = Math.max(batchMax, scrape.value("aoi_persister_batch_size_records_max"));
                    } catch (IOException e) {
                        // not fatal: the final numbers come from a later scrape
                    }
                    nextScrape = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
                }
                if (storedAt > 0) {
                    break;
                }
                if (System.nanoTime() >= nextPrint) {
                    System.out.printf(Locale.ROOT, "%s %5.1f s  results %d/%d  stored %d  backlog %d%n", tag,
                            (System.nanoTime() - start) / 1e9, emitted, settings.frames(), stored, emitted - stored);
                    nextPrint = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
                }
                Thread.sleep(250);
            }
        }
        return new Progress(stored, storedAt, maxBacklog, batchMax, scrape, steadyCores);
    }

    private void awaitMembers(String group, int members, List<ServiceProcess> services) throws InterruptedException {
        Duration timeout = Duration.ofSeconds(120);
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()))) {
            while (System.nanoTime() < deadline) {
                for (ServiceProcess s : services) {
                    if (!s.isAlive()) {
                        throw new IllegalStateException(s.name() + " exited during start-up:\n" + s.logTail(40));
                    }
                }
                try {
                    ConsumerGroupDescription d = admin.describeConsumerGroups(List.of(group)).all()
                            .get(10, TimeUnit.SECONDS).get(group);
                    if (d.members().size() >= members) {
                        return;
                    }
                } catch (Exception e) {
                    // the group appears once a member has joined
                }
                Thread.sleep(500);
            }
        }
        throw new IllegalStateException("consumer group " + group + " had no " + members + " member(s) within "
                + timeout);
    }

    private static long storedFrames(Connection db) {
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM images")) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            return 0; // the schema does not exist until the persister has migrated
        }
    }

    private static Map<String, String> with(Map<String, String> a, Map<String, String> b) {
        Map<String, String> m = new HashMap<>(a);
        m.putAll(b);
        return m;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
