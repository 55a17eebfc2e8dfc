package dev.aoi.common;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * A container health check for images without a shell or curl (the services' images carry a JRE and nothing
 * else): {@code java -cp @/app/jib-classpath-file dev.aoi.common.HealthProbe URL} exits 0 when {@code URL}
 * answers 200 within 3 seconds, 1 otherwise.
 */
public final class HealthProbe {

    private HealthProbe() {
    }

    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: HealthProbe http://127.0.0.1:PORT/actuator/health/readiness");
            System.exit(2);
        }
        System.exit(check(args[0]) ? 0 : 1);
    }

    static boolean check(String url) {
        try {
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
            HttpResponse<Void> answer = client.send(HttpRequest.newBuilder(URI.create(url))
                    .timeout(Duration.ofSeconds(3)).build(), HttpResponse.BodyHandlers.discarding());
            return answer.statusCode() == 200;
        } catch (Exception e) {
            System.err.println(url + ": " + e);
            return false;
        }
    }
}
