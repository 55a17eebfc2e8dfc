package dev.aoi.persister;

import dev.aoi.common.CliLogging;
import dev.aoi.persister.bench.PersisterBench;
import dev.aoi.persister.db.DbCommand;
import dev.aoi.persister.replay.ReplayResultsCommand;
import java.util.Arrays;
import org.springframework.boot.SpringApplication;

/**
 * The persister's one entry: no arguments run the service (Spring Boot); {@code db …} and {@code bench …} are
 * subcommands that run without Spring.
 */
public final class PersisterMain {

    private static final String USAGE = """
            Usage: ./aoi persister          run the persister service (aoi.results -> PostgreSQL)
                   ./aoi db ...             migrations, partitions, retention policy, archives, service logins (--help)
                   ./aoi bench persister    the writer against COPY, and the retention job (--help)
                   ./aoi replay results     rebuild rows from aoi.results (--help)""";

    private PersisterMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            SpringApplication.run(PersisterApplication.class, args);
            return;
        }
        CliLogging.toStderr();
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        int code = switch (args[0]) {
            case "db" -> DbCommand.commandLine().execute(rest);
            case "bench" -> PersisterBench.run(rest);
            case "replay" -> rest.length > 0 && rest[0].equals("results")
                    ? ReplayResultsCommand.run(Arrays.copyOfRange(rest, 1, rest.length))
                    : usage("./aoi replay: only 'replay results' belongs to the persister");
            case "-h", "--help", "help" -> {
                System.out.println(USAGE);
                yield 0;
            }
            default -> usage("./aoi persister: unknown command '" + args[0] + "' (db, bench, replay results)");
        };
        System.exit(code);
    }

    private static int usage(String message) {
        System.err.println(message);
        return 2;
    }
}
