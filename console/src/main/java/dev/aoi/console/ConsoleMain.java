package dev.aoi.console;

import dev.aoi.common.cli.Commands;
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
        int code = Commands.run(new ConsoleMain(), args); // --help and mistakes return; call() starts the service
        if (code != 0) {
            System.exit(code);
        }
    }

    @Override
    public Integer call() {
        for (String setting : settings) {
            if (!setting.matches("--[^=\\s]+=.*")) {
                throw new IllegalArgumentException("unknown option '" + setting + "'");
            }
        }
        try {
            SpringApplication.run(ConsoleApplication.class, settings.toArray(String[]::new));
        } catch (IllegalArgumentException e) {
            // a failed start, not a usage error: Spring has logged why; exit 1 with the cause, not a usage line
            throw new IllegalStateException(e);
        }
        return 0;
    }
}
