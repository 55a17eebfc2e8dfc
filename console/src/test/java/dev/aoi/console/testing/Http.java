package dev.aoi.console.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A small HTTP client for the console's API in tests. */
public final class Http {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final HttpClient client = HttpClient.newHttpClient();
    private final String base;
    private final String authorization;

    public Http(String base) {
        this(base, null);
    }

    private Http(String base, String authorization) {
        this.base = base;
        this.authorization = authorization;
    }

    /** The same client logging in with HTTP Basic as {@code user}. */
    public Http as(String user, String password) {
        String token = java.util.Base64.getEncoder().encodeToString((user + ":" + password)
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return new Http(base, "Basic " + token);
    }

    /** Any method with an optional JSON body; the answer as text whatever its status. */
    public HttpResponse<String> send(String method, String pathAndQuery, String json) {
        try {
            HttpRequest.Builder request = authorized(HttpRequest.newBuilder(URI.create(base + pathAndQuery)))
                    .header("Accept", "application/json")
                    .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(json));
            if (json != null) {
                request.header("Content-Type", "application/json");
            }
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private HttpRequest.Builder authorized(HttpRequest.Builder request) {
        return authorization == null ? request : request.header("Authorization", authorization);
    }

    public HttpResponse<String> get(String pathAndQuery, String accept) {
        try {
            HttpRequest.Builder request = authorized(HttpRequest.newBuilder(URI.create(base + pathAndQuery))).GET();
            if (accept != null) {
                request.header("Accept", accept);
            }
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public HttpResponse<byte[]> bytes(String pathAndQuery) {
        try {
            return client.send(authorized(HttpRequest.newBuilder(URI.create(base + pathAndQuery))).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** GET as JSON, failing unless 200. */
    public JsonNode json(String pathAndQuery) {
        HttpResponse<String> response = get(pathAndQuery, "application/json");
        if (response.statusCode() != 200) {
            throw new AssertionError("GET " + pathAndQuery + " answered " + response.statusCode() + ": "
                    + response.body());
        }
        return JSON.readTree(response.body());
    }

    public static JsonNode parse(String body) {
        return JSON.readTree(body);
    }

    public static String q(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
