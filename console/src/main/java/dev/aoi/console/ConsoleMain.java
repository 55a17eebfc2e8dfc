package dev.aoi.console;

import java.util.concurrent.Callable;
import org.springframework.boot.SpringApplication;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The console's entry ({@code ./aoi console}): runs the service; {@code --help} says how to configure it. */
@Command(name = "./aoi console", mixinStandardHelpOptions = true,
        description = "Runs the console: the JSON API (/api/v1, OpenAPI at /v3/api-docs) and the web UI, by default"
                + " on http://127.0.0.1:8083/ with probes and metrics on 127.0.0.1:9083.",
        footer = {"", "Environment:",
            "  DATABASE_URL              host and database (credentials in it are ignored)",
            "  AOI_CONSOLE_DB_USER       a login user in the group role aoi_console (reads; writes users, verdicts)",
            "  AOI_CONSOLE_DB_PASSWORD   its password (there is no default)",
            "  AOI_CONSOLE_FILE_ROOTS    folders frames and result images may be read from (comma-separated)",
            "  AOI_CONSOLE_HTTP_PORT (8083), AOI_CONSOLE_MANAGEMENT_PORT (9083), AOI_CONSOLE_BIND_ADDRESS (127.0.0.1)",
            "  AOI_CONSOLE_ADMIN_PASSWORD  the first admin's password, used only while there is no user",
            "See docs/console.md, docs/security.md and docs/review.md."})
public final class ConsoleMain implements Callable<Integer> {

    /** {@code --setting.name=value} arguments, handed to Spring Boot like every service's. */
    @CommandLine.Unmatched
    java.util.List<String> settings = new java.util.ArrayList<>();

    public static void main(String[] args) {
        if (args.length > 0 && (args[0].equals("users") || args[0].equals("export"))) {
            // the console's own command-line tools (docs/security.md, docs/review.md), without Spring
            dev.aoi.common.CliLogging.toStderr();
            String[] rest = java.util.Arrays.copyOfRange(args, 1, args.length);
            System.exit(args[0].equals("users") ? dev.aoi.console.users.UsersCommand.run(rest, System.getenv())
                    : dev.aoi.console.review.ExportCommand.run(rest, System.getenv()));
        }
        CommandLine command = new CommandLine(new ConsoleMain());
        CommandLine.ParseResult parsed;
        try {
            parsed = command.parseArgs(args);
        } catch (CommandLine.ParameterException e) {
            System.err.println("./aoi console: " + e.getMessage() + " (see --help)");
            System.exit(2);
            return;
        }
        if (CommandLine.printHelpIfRequested(parsed)) {
            System.exit(0);
        }
        ConsoleMain main = command.getCommand();
        for (String setting : main.settings) {
            if (!setting.matches("--[^=\\s]+=.*")) {
                System.err.println("./aoi console: unknown option '" + setting + "' (see --help)");
                System.exit(2);
            }
        }
        SpringApplication.run(ConsoleApplication.class, main.settings.toArray(String[]::new));
    }

    @Override
    public Integer call() {
        return 0;
    }
}
