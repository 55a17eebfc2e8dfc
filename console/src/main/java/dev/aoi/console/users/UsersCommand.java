package dev.aoi.console.users;

import dev.aoi.console.db.CommandLineDatabase;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.springframework.jdbc.core.simple.JdbcClient;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ./aoi users add|passwd|disable|enable|role|list}: the console's users from the command line. A password
 * is never an argument (it would sit in the shell history and the process list): it comes from
 * {@code AOI_USER_PASSWORD} or standard input (asked twice on a terminal).
 */
@Command(name = "./aoi users", mixinStandardHelpOptions = true,
        description = "Manage the console's users (docs/security.md). Database: DATABASE_URL (as"
                + " AOI_CONSOLE_DB_USER/AOI_CONSOLE_DB_PASSWORD when set).")
public final class UsersCommand implements Callable<Integer> {

    private final Supplier<UserStore> store;
    private final PasswordSource passwords;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    UsersCommand(Supplier<UserStore> store, PasswordSource passwords) {
        this.store = store;
        this.passwords = passwords;
    }

    /** Where a new password comes from. */
    @FunctionalInterface
    public interface PasswordSource {
        String read(String forUser) throws IOException;
    }

    /** Runs {@code ./aoi users ARGS} against the environment's database; returns the exit code. */
    public static int run(String[] args, Map<String, String> env) {
        Supplier<UserStore> store = () -> new UserStore(JdbcClient.create(CommandLineDatabase.from(env)));
        return commandLine(store, user -> readPassword(env, user)).execute(args);
    }

    /** The command line over {@code store}, for tests too. */
    public static CommandLine commandLine(Supplier<UserStore> store, PasswordSource passwords) {
        CommandLine cli = new CommandLine(new UsersCommand(store, passwords));
        cli.setExecutionExceptionHandler((e, command, parsed) -> {
            command.getErr().println("./aoi users: " + e.getMessage());
            return 1;
        });
        cli.setParameterExceptionHandler((e, args) -> {
            e.getCommandLine().getErr().println("./aoi users: " + e.getMessage() + " (see ./aoi users --help)");
            return 2;
        });
        return cli;
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return 2;
    }

    private PrintWriter out() {
        return spec.commandLine().getOut();
    }

    // The subcommands are methods: picocli makes each @Command method of a command class one of its subcommands.

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = "Create a user; the password from AOI_USER_PASSWORD or standard input.")
    int add(@Parameters(paramLabel = "NAME", description = "1..100 characters of A-Z a-z 0-9 . _ @ -") String name,
            @Option(names = "--role", required = true, paramLabel = "ROLE", description = "viewer, reviewer or admin")
            String role) throws IOException {
        Role r = Role.parse(role);
        UserStore.requireName(name);
        User user = store.get().add(name, r, passwords.read(name));
        out().println("added " + user.role().dbName() + " '" + user.username() + "'");
        return 0;
    }

    @Command(name = "passwd", mixinStandardHelpOptions = true,
            description = "Set a user's password (from AOI_USER_PASSWORD or standard input).")
    int passwd(@Parameters(paramLabel = "NAME") String name) throws IOException {
        UserStore users = store.get();
        users.find(name).orElseThrow(() -> new IllegalArgumentException("no user '" + name + "'"));
        users.changePassword(name, passwords.read(name));
        out().println("password of '" + name + "' changed");
        return 0;
    }

    @Command(name = "disable", mixinStandardHelpOptions = true, description = "Stop a user from logging in.")
    int disable(@Parameters(paramLabel = "NAME") String name) {
        store.get().setDisabled(name, true);
        out().println("'" + name + "' disabled (its verdicts stay)");
        return 0;
    }

    @Command(name = "enable", mixinStandardHelpOptions = true, description = "Let a disabled user log in again.")
    int enable(@Parameters(paramLabel = "NAME") String name) {
        store.get().setDisabled(name, false);
        out().println("'" + name + "' enabled");
        return 0;
    }

    @Command(name = "role", mixinStandardHelpOptions = true, description = "Change a user's role.")
    int role(@Parameters(index = "0", paramLabel = "NAME") String name,
            @Parameters(index = "1", paramLabel = "ROLE", description = "viewer, reviewer or admin") String role) {
        Role r = Role.parse(role);
        store.get().setRole(name, r);
        out().println("'" + name + "' is now " + r.dbName());
        return 0;
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Every user with role and last login.")
    int list() {
        PrintWriter out = out();
        out.printf("%-24s %-9s %-8s %-25s %s%n", "user", "role", "disabled", "created", "last login");
        for (User u : store.get().list()) {
            out.printf("%-24s %-9s %-8s %-25s %s%n", u.username(), u.role().dbName(), u.disabled() ? "yes" : "no",
                    u.createdAt(), u.lastLogin() == null ? "never" : u.lastLogin());
        }
        return 0;
    }

    /** AOI_USER_PASSWORD, else asked twice on a terminal, else the first line of standard input. */
    static String readPassword(Map<String, String> env, String user) throws IOException {
        String fromEnv = env.get("AOI_USER_PASSWORD");
        if (fromEnv != null && !fromEnv.isEmpty()) {
            return fromEnv;
        }
        Console console = System.console();
        if (console != null) {
            char[] first = console.readPassword("password for %s: ", user);
            char[] again = console.readPassword("again: ");
            if (first == null || !Arrays.equals(first, again)) {
                throw new IllegalArgumentException("the two passwords differ");
            }
            return new String(first);
        }
        String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        if (line == null || line.isEmpty()) {
            throw new IllegalArgumentException("no password: set AOI_USER_PASSWORD or pipe it on standard input");
        }
        return line;
    }
}
