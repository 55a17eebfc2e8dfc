package dev.aoi.console.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** A browser's session without the browser: cookies, the login form, the CSRF token of a page; no redirects followed. */
public final class WebSession {

    private static final Pattern HIDDEN_TOKEN = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"");
    private static final Pattern DATA_TOKEN = Pattern.compile("data-csrf-token=\"([^\"]+)\"");

    private final HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private final String base;
    private String csrf;

    public WebSession(String base) {
        this.base = base;
        HttpResponse<String> login = get("/login");
        csrf = token(login.body(), HIDDEN_TOKEN);
    }

    /** Logs in with the form; returns the answer (302 to the start page when it worked). */
    public HttpResponse<String> logIn(String user, String password) {
        return post("/login", Map.of("username", user, "password", password));
    }

    /** Takes the CSRF token a page of this session carries (the session's token changes at login). */
    public WebSession tokenFrom(String page) {
        HttpResponse<String> response = get(page);
        csrf = token(response.body(), DATA_TOKEN);
        return this;
    }

    public HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    /** A form POST carrying the session's CSRF token. */
    public HttpResponse<String> post(String path, Map<String, String> form) {
        String body = form.entrySet().stream().map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                .collect(Collectors.joining("&"));
        if (csrf != null) {
            body += (body.isEmpty() ? "" : "&") + "_csrf=" + enc(csrf);
        }
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String token(String html, Pattern pattern) {
        Matcher m = pattern.matcher(html);
        if (!m.find()) {
            throw new AssertionError("no CSRF token in the page: " + html.substring(0, Math.min(300, html.length())));
        }
        return m.group(1);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
