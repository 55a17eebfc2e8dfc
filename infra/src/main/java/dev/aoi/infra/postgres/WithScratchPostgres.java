package dev.aoi.infra.postgres;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Runs a command against a PostgreSQL of its own: starts a durable one (fsync and synchronous_commit on) in a
 * temporary folder, runs {@code args} as a child process with {@code DATABASE_URL} pointing at it, then stops the
 * server and deletes the folder. How {@code ./aoi bench persister} gets a server when it is given none, so that the
 * persister's jar needs no embedded PostgreSQL of its own. Exits with the child's exit code.
 */
public final class WithScratchPostgres {

    private WithScratchPostgres() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        if (args.length == 0) {
            System.err.println("usage: WithScratchPostgres COMMAND [ARG...]");
            System.exit(2);
        }
        Path dir = Files.createTempDirectory("aoi-scratch-pg-");
        int code;
        try (LocalPostgres server = LocalPostgres.start(dir.resolve("data"), 0, true, true)) {
            ProcessBuilder child = new ProcessBuilder(Arrays.asList(args)).inheritIO();
            String url = server.admin().url().replace("jdbc:postgresql://", "postgresql://postgres@");
            child.environment().put("DATABASE_URL", url);
            System.err.println("a scratch PostgreSQL (durable: fsync on, synchronous_commit on) for this run: " + url);
            Process process = child.start();
            // Ctrl-C reaches the child too (same process group); this hook only makes sure it is gone first
            Thread stopChild = new Thread(process::destroy, "aoi-scratch-pg-child");
            Runtime.getRuntime().addShutdownHook(stopChild);
            code = process.waitFor();
            Runtime.getRuntime().removeShutdownHook(stopChild);
        } finally {
            deleteRecursively(dir);
        }
        System.exit(code);
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
