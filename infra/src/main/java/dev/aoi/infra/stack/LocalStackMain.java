package dev.aoi.infra.stack;

import dev.aoi.common.cli.Commands;
import dev.aoi.common.cli.Endpoints;
import dev.aoi.infra.postgres.ReaderLogin;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./aoi stack}: runs the local stack in the foreground, prints the connection settings, writes them to
 * {@code $AOI_HOME/stack.env} for the other commands, and stops everything on Ctrl-C or SIGTERM.
 */
@Command(name = "./aoi stack", mixinStandardHelpOptions = true,
        description = {"A real Kafka broker (KRaft, a child JVM on 127.0.0.1) and PostgreSQL in the foreground, with",
                "the topics created. Prints KAFKA_BOOTSTRAP_SERVERS and DATABASE_URL and writes them to",
                "$AOI_HOME/stack.env for the other commands; Ctrl-C stops everything.",
                "Environment: AOI_HOME (.aoi), AOI_KAFKA_PORT (" + Endpoints.KAFKA_PORT + "), AOI_PG_PORT ("
                        + Endpoints.POSTGRES_PORT + "), DATABASE_URL (an external PostgreSQL instead),",
                "AOI_IMAGES_PARTITIONS, AOI_RESULTS_PARTITIONS (12)."})
public final class LocalStackMain implements Callable<Integer> {

    /** The console's read-only database login on the local stack. */
    public static final String CONSOLE_LOGIN = "aoi_console_user";

    @Option(names = "--exit-after-start", description = "stop again as soon as the stack is up and the settings are printed (a smoke check)")
    boolean exitAfterStart;

    public static void main(String[] args) {
        System.exit(Commands.run(new LocalStackMain(), args));
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        StackSettings settings = StackSettings.fromEnvironment(System.getenv());
        long started = System.nanoTime();
        LocalStack stack = LocalStack.start(settings);
        CountDownLatch stopped = new CountDownLatch(1);
        Path envFile = settings.home().resolve("stack.env");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("stopping the local stack…");
            try {
                Files.deleteIfExists(envFile);
            } catch (IOException ignored) {
                // the file only helps other commands find a running stack
            }
            stack.close();
            System.out.println("local stack stopped");
            stopped.countDown();
        }, "aoi-stack-shutdown"));

        // the console's own login (aoi_console: reads, writes only users and verdicts), a password for this run
        String consoleLogin = "";
        try {
            consoleLogin = "AOI_CONSOLE_DB_USER=" + CONSOLE_LOGIN + "\n" + "AOI_CONSOLE_DB_PASSWORD="
                    + ReaderLogin.ensure(stack.database(), CONSOLE_LOGIN) + "\n";
        } catch (IllegalStateException e) {
            // an external database whose user may not create roles: the console then needs a login made by a DBA
            System.err.println("no console login created (" + e.getMessage() + "); see docs/console.md");
        }
        String env = "KAFKA_BOOTSTRAP_SERVERS=" + stack.bootstrapServers() + "\n"
                + "DATABASE_URL=" + stack.database().urlWithCredentials() + "\n";
        Files.deleteIfExists(envFile);
        Files.createFile(envFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(envFile, env + consoleLogin, StandardCharsets.UTF_8);
        System.out.printf("%nAOI local stack is up (%.1f s).%n%n%s%n", (System.nanoTime() - started) / 1e9, env);
        System.out.println("topics: " + settings.imagesTopic() + " (" + settings.imagesPartitions() + " partitions), "
                + settings.resultsTopic() + " (" + settings.resultsPartitions() + "), and their .DLT topics");
        System.out.println("data:   " + settings.home());
        System.out.println("console login: " + CONSOLE_LOGIN + " (reads; writes only users and verdicts;"
                + " its password is in " + envFile
                + " for ./aoi console)");
        System.out.println("These settings are also in " + envFile + ". Press Ctrl-C to stop.");
        System.out.flush();
        if (exitAfterStart) {
            return 0;
        }
        stopped.await();
        return 0;
    }
}
