package dev.aoi.common;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A PostgreSQL location read from {@code DATABASE_URL}: either {@code postgresql://user:pass@host:port/db?opts}
 * (the form most platforms hand out) or a JDBC URL. Credentials are kept apart so that the URL can be logged.
 */
public record DatabaseUrl(String jdbcUrl, String user, String password) {

    public DatabaseUrl {
        if (jdbcUrl == null || !jdbcUrl.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("not a PostgreSQL JDBC URL: " + redact(jdbcUrl));
        }
    }

    /** Parses either form; user and password in the query of a JDBC URL are moved out of it. */
    public static DatabaseUrl parse(String url) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("DATABASE_URL is empty");
        }
        String trimmed = url.trim();
        String jdbc;
        String user = null;
        String password = null;
        if (trimmed.startsWith("postgres://") || trimmed.startsWith("postgresql://")) {
            URI uri = URI.create(trimmed);
            if (uri.getRawUserInfo() != null) {
                String[] parts = uri.getRawUserInfo().split(":", 2);
                user = decode(parts[0]);
                password = parts.length > 1 ? decode(parts[1]) : null;
            }
            String host = uri.getHost() == null ? "localhost" : uri.getHost();
            int port = uri.getPort() < 0 ? 5432 : uri.getPort();
            String db = uri.getRawPath() == null || uri.getRawPath().length() <= 1 ? "postgres"
                    : uri.getRawPath().substring(1);
            jdbc = "jdbc:postgresql://" + host + ":" + port + "/" + db
                    + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        } else if (trimmed.startsWith("jdbc:postgresql:")) {
            jdbc = trimmed;
        } else {
            throw new IllegalArgumentException("DATABASE_URL must start with postgresql:// or jdbc:postgresql:, got "
                    + redact(trimmed));
        }
        int q = jdbc.indexOf('?');
        if (q >= 0) {
            Map<String, String> params = new LinkedHashMap<>();
            for (String kv : jdbc.substring(q + 1).split("&")) {
                if (kv.isEmpty()) {
                    continue;
                }
                String[] pair = kv.split("=", 2);
                params.put(pair[0], pair.length > 1 ? pair[1] : "");
            }
            String u = params.remove("user");
            String p = params.remove("password");
            user = u != null ? decode(u) : user;
            password = p != null ? decode(p) : password;
            StringBuilder rest = new StringBuilder(jdbc.substring(0, q));
            String sep = "?";
            for (Map.Entry<String, String> e : params.entrySet()) {
                rest.append(sep).append(e.getKey()).append('=').append(e.getValue());
                sep = "&";
            }
            jdbc = rest.toString();
        }
        return new DatabaseUrl(jdbc, user, password);
    }

    /** The JDBC URL with user and password as parameters, for tools that take a single string. */
    public String jdbcUrlWithCredentials() {
        StringBuilder sb = new StringBuilder(jdbcUrl);
        char sep = jdbcUrl.contains("?") ? '&' : '?';
        if (user != null) {
            sb.append(sep).append("user=").append(java.net.URLEncoder.encode(user, StandardCharsets.UTF_8));
            sep = '&';
        }
        if (password != null) {
            sb.append(sep).append("password=").append(java.net.URLEncoder.encode(password, StandardCharsets.UTF_8));
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return "DatabaseUrl[" + jdbcUrl + ", user=" + user + ", password=" + (password == null ? "none" : "***") + "]";
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    private static String redact(String url) {
        return url == null ? "null" : url.replaceAll("//[^@/]*@", "//***@").replaceAll("password=[^&]*", "password=***");
    }
}
