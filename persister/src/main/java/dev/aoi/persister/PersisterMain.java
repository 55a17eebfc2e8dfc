package dev.aoi.persister;

import dev.aoi.persister.bench.PersisterBench;
import dev.aoi.persister.db.DbCommand;
import java.util.Arrays;
import org.springframework.boot.SpringApplication;

/**
 * The persister's one entry: no arguments run the service (Spring Boot); {@code db …} and {@code bench …} are
 * subcommands that run without Spring.
 */
public final class PersisterMain {

    private static final String USAGE = """
            usage: PersisterMain                 run the persister service (aoi.results -> PostgreSQL)
                   PersisterMain db migrate      apply the migrations (DATABASE_URL)
                   PersisterMain db info         list the migrations and their state
                   PersisterMain db downgrade --to VERSION
                                                 undo migrations down to VERSION (0 = drop the schema)
                   PersisterMain bench [--images 20000] [--json FILE] [--jdbc-url URL] [--help]""";

    private PersisterMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            SpringApplication.run(PersisterApplication.class, args);
            return;
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        int code = switch (args[0]) {
            case "db" -> DbCommand.run(rest);
            case "bench" -> PersisterBench.run(rest);
            case "-h", "--help", "help" -> {
                System.out.println(USAGE);
                yield 0;
            }
            default -> {
                System.err.println("unknown command '" + args[0] + "'");
                System.err.println(USAGE);
                yield 2;
            }
        };
        System.exit(code);
    }
}
