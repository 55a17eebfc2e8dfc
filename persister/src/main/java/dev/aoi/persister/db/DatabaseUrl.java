package dev.aoi.persister.db;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A PostgreSQL address split into a JDBC URL without credentials, a user and a password, so that the URL can
 * be logged. Accepts {@code postgresql://user:pass@host:port/db?opts} (also {@code postgres://}, as Heroku and
 * libpq write it) and {@code jdbc:postgresql://host:port/db?user=…&password=…}.
 */
public record DatabaseUrl(String jdbcUrl, String user, String password) {

    public DatabaseUrl {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
    }

    /** Parses either form; credentials in the JDBC form's query stay there (the driver reads them). */
    public static DatabaseUrl parse(String url) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("DATABASE_URL is empty: set it to postgresql://user:password@host:port/db");
        }
        String trimmed = url.trim();
        if (trimmed.startsWith("jdbc:postgresql:")) {
            return new DatabaseUrl(trimmed, null, null);
        }
        if (!trimmed.startsWith("postgresql://") && !trimmed.startsWith("postgres://")) {
            throw new IllegalArgumentException("DATABASE_URL must start with postgresql://, postgres:// or "
                    + "jdbc:postgresql:// — got a URL with scheme " + scheme(trimmed));
        }
        URI uri;
        try {
            uri = new URI(trimmed);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("DATABASE_URL is not a valid URL (" + e.getReason()
                    + "); percent-encode special characters in the password", e);
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("DATABASE_URL names no host: use postgresql://user:password@host:port/db");
        }
        String user = null;
        String password = null;
        String userInfo = uri.getRawUserInfo();
        if (userInfo != null) {
            int colon = userInfo.indexOf(':');
            user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
            password = colon < 0 ? null : decode(userInfo.substring(colon + 1));
        }
        StringBuilder jdbc = new StringBuilder("jdbc:postgresql://").append(uri.getHost());
        if (uri.getPort() > 0) {
            jdbc.append(':').append(uri.getPort());
        }
        String path = uri.getRawPath();
        jdbc.append(path == null || path.isEmpty() ? "/" : path);
        if (uri.getRawQuery() != null) {
            jdbc.append('?').append(uri.getRawQuery());
        }
        return new DatabaseUrl(jdbc.toString(), user, password);
    }

    /** The JDBC URL with {@code name=value} added unless the URL already sets {@code name}. */
    public DatabaseUrl withDefaultParameter(String name, String value) {
        if (jdbcUrl.matches("(?s).*[?&]" + name + "=.*")) {
            return this;
        }
        return new DatabaseUrl(jdbcUrl + (jdbcUrl.contains("?") ? "&" : "?") + name + "=" + value, user, password);
    }

    /** The URL with any {@code password=} parameter masked: safe to log. */
    public String redacted() {
        return jdbcUrl.replaceAll("(?i)(password=)[^&]*", "$1***");
    }

    @Override
    public String toString() {
        return "DatabaseUrl[" + redacted() + ", user=" + user + ", password=" + (password == null ? "none" : "***") + "]";
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static String scheme(String url) {
        int colon = url.indexOf(':');
        return colon < 0 ? "(none)" : url.substring(0, colon);
    }
}
