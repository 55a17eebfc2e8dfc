package dev.aoi.console;

import org.springframework.boot.SpringApplication;

/** The console's entry: no arguments run the service; {@code --help} prints how to configure it. */
public final class ConsoleMain {

    static final String USAGE = """
            usage: ./aoi console          run the console (JSON API and web UI, http://127.0.0.1:8083/)
            environment: DATABASE_URL (host and database), AOI_CONSOLE_DB_USER and AOI_CONSOLE_DB_PASSWORD
            (a login user in the group role aoi_console: reads, and writes only users and verdicts), AOI_CONSOLE_FILE_ROOTS (folders the frames
            and result images may be read from), AOI_CONSOLE_HTTP_PORT (8083), AOI_CONSOLE_MANAGEMENT_PORT (9083),
            AOI_CONSOLE_BIND_ADDRESS (127.0.0.1)""";

    private ConsoleMain() {
    }

    public static void main(String[] args) {
        if (args.length > 0 && (args[0].equals("users") || args[0].equals("export"))) {
            dev.aoi.common.CliLogging.toStderr();
            String[] rest = java.util.Arrays.copyOfRange(args, 1, args.length);
            System.exit(args[0].equals("users") ? dev.aoi.console.users.UsersCommand.run(rest, System.getenv())
                    : dev.aoi.console.review.ExportCommand.run(rest, System.getenv()));
        }
        if (args.length > 0) {
            boolean help = args[0].equals("--help") || args[0].equals("-h") || args[0].equals("help");
            (help ? System.out : System.err).println(help ? USAGE : "unknown argument '" + args[0] + "'; " + USAGE);
            System.exit(help ? 0 : 2);
        }
        SpringApplication.run(ConsoleApplication.class, args);
    }
}
