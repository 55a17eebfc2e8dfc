package dev.aoi.common;

/** Logging of the command-line tools (every service jar's subcommands), as opposed to the services' own. */
public final class CliLogging {

    private CliLogging() {
    }

    /**
     * Results go to stdout, so log lines go to stderr, and the Kafka and pool clients speak only to warn
     * ({@code aoi-cli-logback.xml}); call before the first logger exists. An explicit
     * {@code -Dlogback.configurationFile} wins.
     */
    public static void toStderr() {
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "aoi-cli-logback.xml");
        }
    }
}
