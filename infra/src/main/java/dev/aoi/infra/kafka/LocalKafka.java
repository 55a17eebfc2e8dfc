package dev.aoi.infra.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Apache Kafka broker in KRaft mode, run as a child JVM from the jars that
 * {@code infra/kafka-broker} copies from Maven Central. Bound to 127.0.0.1; data in a folder it owns; keeps its
 * ports across {@link #stop()} / {@link #start()} so that clients can ride out a broker restart.
 */
public final class LocalKafka implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LocalKafka.class);
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);

    private final Path dataDir;
    private final Path brokerHome;
    private final int port;
    private final int controllerPort;
    private final String heap;
    private Process process;

    /** A broker keeping its data in {@code dataDir}, on free ports chosen now. */
    public LocalKafka(Path dataDir) {
        this(dataDir, freePort(), freePort(), "768m");
    }

    public LocalKafka(Path dataDir, int port, int controllerPort, String heap) {
        this.dataDir = dataDir.toAbsolutePath();
        this.brokerHome = locateBrokerHome();
        this.port = port;
        this.controllerPort = controllerPort;
        this.heap = heap;
    }

    /** {@code 127.0.0.1:port}. */
    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public Path dataDir() {
        return dataDir;
    }

    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** Formats the storage on first use, starts the broker and waits until it answers. */
    public synchronized LocalKafka start() {
        if (isRunning()) {
            return this;
        }
        try {
            Files.createDirectories(dataDir);
            Path config = writeConfig();
            Path logDir = dataDir.resolve("logs");
            if (!Files.exists(logDir.resolve("meta.properties"))) {
                format(config);
            }
            long started = System.nanoTime();
            process = launch("kafka.Kafka", List.of(config.toString()), dataDir.resolve("broker.out"));
            awaitReady();
            log.info("Kafka broker ready on {} in {} ms (data in {})", bootstrapServers(),
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), dataDir);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the Kafka broker in " + dataDir, e);
        }
    }

    /** Stops the broker cleanly (SIGTERM, then SIGKILL after 30 s); its data stays for a later {@link #start()}. */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    /** Kills the broker at once, as a crash would. */
    public synchronized void kill() {
        if (process != null) {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            process = null;
        }
    }

    @Override
    public void close() {
        stop();
    }

    private void format(Path config) throws IOException {
        String clusterId = uuidBase64();
        Process format = launch("kafka.tools.StorageTool",
                List.of("format", "-t", clusterId, "-c", config.toString(), "--ignore-formatted"),
                dataDir.resolve("format.out"));
        try {
            if (!format.waitFor(60, TimeUnit.SECONDS) || format.exitValue() != 0) {
                format.destroyForcibly();
                throw new IllegalStateException("formatting Kafka storage failed:\n"
                        + tail(dataDir.resolve("format.out")));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while formatting Kafka storage", e);
        }
    }

    private Process launch(String mainClass, List<String> args, Path output) throws IOException {
        String javaBin = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        String classpath = brokerHome.resolve("classes") + java.io.File.pathSeparator + brokerHome.resolve("lib") + "/*";
        List<String> command = new ArrayList<>(List.of(javaBin, "-Xms128m", "-Xmx" + heap, "-XX:+UseG1GC",
                "-XX:TieredStopAtLevel=1", "-Djava.awt.headless=true",
                "-Dlog4j2.configurationFile=classpath:aoi-broker-log4j2.properties",
                "-Daoi.broker.log=" + dataDir.resolve("broker.log"),
                "-cp", classpath, "dev.aoi.infra.broker.BrokerLauncher",
                Long.toString(ProcessHandle.current().pid()), mainClass));
        command.addAll(args);
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()))
                .start();
    }

    private Path writeConfig() throws IOException {
        Properties p = new Properties();
        p.putAll(Map.ofEntries(
                Map.entry("process.roles", "broker,controller"),
                Map.entry("node.id", "1"),
                Map.entry("controller.quorum.voters", "1@127.0.0.1:" + controllerPort),
                Map.entry("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort),
                Map.entry("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port),
                Map.entry("controller.listener.names", "CONTROLLER"),
                Map.entry("inter.broker.listener.name", "PLAINTEXT"),
                Map.entry("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT"),
                Map.entry("log.dirs", dataDir.resolve("logs").toString()),
                Map.entry("num.partitions", "1"),
                Map.entry("offsets.topic.replication.factor", "1"),
                Map.entry("offsets.topic.num.partitions", "4"),
                Map.entry("transaction.state.log.replication.factor", "1"),
                Map.entry("transaction.state.log.min.isr", "1"),
                Map.entry("transaction.state.log.num.partitions", "4"),
                Map.entry("share.coordinator.state.topic.replication.factor", "1"),
                Map.entry("share.coordinator.state.topic.min.isr", "1"),
                Map.entry("group.initial.rebalance.delay.ms", "0"),
                Map.entry("auto.create.topics.enable", "false"),
                Map.entry("log.flush.interval.messages", "9223372036854775807"),
                Map.entry("num.network.threads", "2"),
                Map.entry("num.io.threads", "4")));
        Path config = dataDir.resolve("server.properties");
        try (var out = Files.newBufferedWriter(config, StandardCharsets.UTF_8)) {
            p.store(out, "written by LocalKafka");
        }
        return config;
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        Exception last = null;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the Kafka broker exited with code " + process.exitValue()
                        + " during start-up; its output:\n" + tail(dataDir.resolve("broker.out"))
                        + "\nits log:\n" + tail(dataDir.resolve("broker.log")));
            }
            if (portOpen()) {
                try (Admin admin = Admin.create(Map.of(
                        AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                        AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000,
                        AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000))) {
                    admin.describeCluster().nodes().get(5, TimeUnit.SECONDS);
                    return;
                } catch (Exception e) {
                    last = e;
                }
            }
            sleep(200);
        }
        throw new IllegalStateException("the Kafka broker did not answer on " + bootstrapServers() + " within "
                + READY_TIMEOUT.toSeconds() + " s; its log:\n" + tail(dataDir.resolve("broker.log")), last);
    }

    private boolean portOpen() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Where the broker's jars are: {@code -Daoi.kafka.lib}, {@code AOI_KAFKA_LIB}, or found from the working directory. */
    static Path locateBrokerHome() {
        String configured = System.getProperty("aoi.kafka.lib", System.getenv("AOI_KAFKA_LIB"));
        if (configured != null && !configured.isBlank()) {
            Path lib = Paths.get(configured).toAbsolutePath();
            return requireBrokerHome(lib.getParent(), configured);
        }
        for (Path dir = Paths.get("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path home = dir.resolve("infra/kafka-broker/target");
            if (Files.isDirectory(home.resolve("lib"))) {
                return requireBrokerHome(home, home.toString());
            }
        }
        throw new IllegalStateException("cannot find the Kafka broker's jars: build them with "
                + "'./mvnw -q -pl infra/kafka-broker package' or set -Daoi.kafka.lib / AOI_KAFKA_LIB");
    }

    private static Path requireBrokerHome(Path home, String from) {
        if (!Files.isDirectory(home.resolve("lib")) || !Files.isDirectory(home.resolve("classes"))) {
            throw new IllegalStateException("no Kafka broker jars at " + from
                    + ": build them with './mvnw -q -pl infra/kafka-broker package'");
        }
        return home;
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on 127.0.0.1", e);
        }
    }

    /** A cluster id as Kafka writes them; never starting with '-', which the storage tool would read as an option. */
    private static String uuidBase64() {
        while (true) {
            UUID u = UUID.randomUUID();
            java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(16);
            b.putLong(u.getMostSignificantBits()).putLong(u.getLeastSignificantBits());
            String id = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(b.array());
            if (Character.isLetterOrDigit(id.charAt(0))) {
                return id;
            }
        }
    }

    private static String tail(Path file) {
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no " + file.getFileName() + ")";
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the Kafka broker", e);
        }
    }
}
