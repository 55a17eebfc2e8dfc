package dev.aoi.infra.postgres;

import dev.aoi.common.DatabaseUrl;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/** Where a PostgreSQL database is and how to log in. */
public record JdbcDatabase(String url, String user, String password) {

    public static JdbcDatabase of(DatabaseUrl url) {
        return new JdbcDatabase(url.jdbcUrl(), url.user(), url.password());
    }

    /** A fresh connection (the caller closes it). */
    public Connection connect() throws SQLException {
        Properties props = new Properties();
        if (user != null) {
            props.setProperty("user", user);
        }
        if (password != null) {
            props.setProperty("password", password);
        }
        return DriverManager.getConnection(url, props);
    }

    /** An unpooled data source, enough for tests and tools. */
    public DataSource dataSource() {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(url);
        if (user != null) {
            ds.setUser(user);
        }
        if (password != null) {
            ds.setPassword(password);
        }
        return ds;
    }

    /** The same server, another database. */
    public JdbcDatabase withDatabase(String name) {
        int slash = url.indexOf('/', "jdbc:postgresql://".length());
        int query = url.indexOf('?');
        String tail = query < 0 ? "" : url.substring(query);
        return new JdbcDatabase(url.substring(0, slash + 1) + name + tail, user, password);
    }

    /** {@code DATABASE_URL} form with credentials, for child processes and printing to the owner of the stack. */
    public String urlWithCredentials() {
        return new DatabaseUrl(url, user, password).jdbcUrlWithCredentials();
    }

    @Override
    public String toString() {
        return "JdbcDatabase[" + url + ", user=" + user + "]";
    }
}
