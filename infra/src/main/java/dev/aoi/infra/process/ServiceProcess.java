package dev.aoi.infra.process;

import java.io.IOException;
import java.net.ServerSocket;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One of the pipeline's services (a module's Boot jar) run as a child process, as it runs in production:
 * its own JVM, configured by environment variables, logging to a file. The demo and the fault tests start,
 * stop and kill them.
 */
public final class ServiceProcess implements AutoCloseable {

    private final String name;
    private final Process process;
    private final Path log;

    private ServiceProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    /**
     * Starts {@code java -jar <repo>/<module>/target/aoi-<module>-<version>.jar args} with {@code env} added to
     * this process's environment.
     */
    public static ServiceProcess start(String name, Path jar, List<String> jvmOptions, List<String> args,
            Map<String, String> env, Path logFile) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no jar at " + jar + ": build it first with './mvnw -DskipTests package'");
        }
        List<String> command = new ArrayList<>();
        command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(jar.toString());
        command.addAll(args);
        try {
            Files.createDirectories(logFile.getParent());
            ProcessBuilder pb = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
            pb.environment().putAll(env);
            return new ServiceProcess(name, pb.start(), logFile);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + name, e);
        }
    }

    /** {@code <root>/<module>/target/aoi-<module>-<version>-exec.jar}, the runnable jar. */
    public static Path moduleJar(Path repositoryRoot, String module) {
        Path target = repositoryRoot.resolve(module).resolve("target");
        try (var files = Files.list(target)) {
            return files.filter(p -> p.getFileName().toString().matches("aoi-" + module + "-.*-exec\\.jar"))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("no aoi-" + module + " jar in " + target));
        } catch (IOException e) {
            throw new IllegalStateException("no build output in " + target + ": run './mvnw -DskipTests package'", e);
        }
    }

    /** The repository root: {@code -Daoi.root}, or the nearest folder upwards that holds {@code ./aoi}. */
    public static Path repositoryRoot() {
        String configured = System.getProperty("aoi.root");
        if (configured != null) {
            return Paths.get(configured).toAbsolutePath();
        }
        for (Path dir = Paths.get("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("aoi")) && Files.isRegularFile(dir.resolve("pom.xml"))) {
                return dir;
            }
        }
        throw new IllegalStateException("cannot find the repository root (a folder with ./aoi); set -Daoi.root");
    }

    public String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public Path log() {
        return log;
    }

    /** Waits for the process to end; its exit code, or -1 on timeout. */
    public int waitFor(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) ? process.exitValue() : -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** SIGTERM, then SIGKILL after {@code grace}. */
    public void stop(Duration grace) {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        if (waitFor(grace) == -1 && process.isAlive()) {
            kill();
        }
    }

    /** SIGKILL, as a crash would: no shutdown hook runs. */
    public void kill() {
        process.destroyForcibly();
        waitFor(Duration.ofSeconds(10));
    }

    /** The last lines of the log, for error messages. */
    public String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log at " + log + ")";
        }
    }

    /** True once the log holds {@code marker}. */
    public boolean logContains(String marker) {
        try {
            return Files.exists(log) && Files.readString(log, StandardCharsets.UTF_8).contains(marker);
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() {
        stop(Duration.ofSeconds(20));
    }

    /** {@code base} with {@code extra} on top: a child's environment. */
    public static Map<String, String> merged(Map<String, String> base, Map<String, String> extra) {
        Map<String, String> m = new HashMap<>(base);
        m.putAll(extra);
        return m;
    }

    /** A TCP port free on this machine now (for a child that cannot take port 0 and report it). */
    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** Deletes {@code dir} and everything under it; nothing when it does not exist. */
    public static void deleteTree(Path dir) throws IOException {
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
