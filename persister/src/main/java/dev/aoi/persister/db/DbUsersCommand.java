package dev.aoi.persister.db;

import com.zaxxer.hikari.HikariDataSource;
import dev.aoi.common.DatabaseUrl;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./aoi db users}: creates or updates the login users the services connect as, from passwords in the
 * environment (or secret files under /run/secrets of the same name), as the migrator ({@code DATABASE_URL}).
 */
@Command(name = "users", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Create or update the services' database logins (least privilege, docs/security.md).",
            "Passwords: AOI_DB_PERSISTER_PASSWORD and AOI_DB_READER_PASSWORD, from the environment or files of that"
                + " name under /run/secrets; a login without a password is left alone. Runs as DATABASE_URL (the"
                + " migrator, with CREATEROLE)."})
public final class DbUsersCommand implements Callable<Integer> {

    static final String PERSISTER_PASSWORD = "AOI_DB_PERSISTER_PASSWORD";
    static final String READER_PASSWORD = "AOI_DB_READER_PASSWORD";

    @Option(names = "--persister-user", defaultValue = "aoi_persister_user", paramLabel = "NAME",
            description = "login of the persister, member of aoi_persister (default: ${DEFAULT-VALUE})")
    String persisterUser;

    @Option(names = "--reader-user", defaultValue = "aoi_reader_user", paramLabel = "NAME",
            description = "read-only login of Grafana and the console, member of aoi_reader (default: ${DEFAULT-VALUE})")
    String readerUser;

    private final Function<String, String> secrets;

    public DbUsersCommand() {
        this(DbUsersCommand::secret);
    }

    DbUsersCommand(Function<String, String> secrets) {
        this.secrets = secrets;
    }

    @Override
    public Integer call() {
        List<LoginUsers.Login> logins = new ArrayList<>();
        try {
            add(logins, persisterUser, "aoi_persister", PERSISTER_PASSWORD);
            add(logins, readerUser, "aoi_reader", READER_PASSWORD);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            return 2;
        }
        if (logins.isEmpty()) {
            System.err.println("no password given: set " + PERSISTER_PASSWORD + " and/or " + READER_PASSWORD
                    + " (at least " + LoginUsers.MIN_PASSWORD_CHARS + " characters); there is no default password");
            return 2;
        }
        DatabaseUrl url = DbCommand.url();
        try (HikariDataSource ds = DbCommand.open(url)) {
            new LoginUsers(ds).apply(logins).forEach(line -> System.out.println("database " + url.jdbcUrl() + ": "
                    + line));
        }
        return 0;
    }

    private void add(List<LoginUsers.Login> logins, String user, String group, String passwordName) {
        String password = secrets.apply(passwordName);
        if (password == null || password.isBlank()) {
            System.err.println(user + ": no " + passwordName + ", left alone");
            return;
        }
        logins.add(new LoginUsers.Login(user, group, password.strip()));
    }

    /** {@code name} from the environment, else the file /run/secrets/{@code name} (compose and Kubernetes secrets). */
    static String secret(String name) {
        String value = System.getenv(name);
        if (value != null && !value.isBlank()) {
            return value;
        }
        Path file = Path.of(System.getenv().getOrDefault("AOI_SECRETS_DIR", "/run/secrets"), name);
        try {
            return Files.isRegularFile(file) ? Files.readString(file, StandardCharsets.UTF_8).strip() : null;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the secret file " + file + ": " + e.getMessage(), e);
        }
    }
}
