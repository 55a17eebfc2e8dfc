package dev.aoi.infra.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** One read of a service's {@code /actuator/prometheus}: sample name (labels dropped, summed) to value. */
record PrometheusScrape(Map<String, Double> samples) {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** Scrapes {@code http://127.0.0.1:port/actuator/prometheus}; throws if the service does not answer 200. */
    static PrometheusScrape of(int port) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/prometheus"))
                .timeout(Duration.ofSeconds(5)).GET().build();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("/actuator/prometheus on port " + port + " answered " + response.statusCode());
        }
        return parse(response.body());
    }

    /** Parses the text exposition format; series of one name with different labels are added up. */
    static PrometheusScrape parse(String text) {
        Map<String, Double> samples = new HashMap<>();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int brace = line.indexOf('{');
            int space = line.indexOf(' ');
            int end = brace >= 0 && brace < space ? brace : space;
            int valueStart = line.lastIndexOf(' ');
            if (end <= 0 || valueStart <= 0) {
                continue;
            }
            try {
                samples.merge(line.substring(0, end), Double.parseDouble(line.substring(valueStart + 1)), Double::sum);
            } catch (NumberFormatException ignored) {
                // a line with a timestamp or an exotic value: not one of ours
            }
        }
        return new PrometheusScrape(Map.copyOf(samples));
    }

    /** The sample's value, or 0 when the service has not registered it yet. */
    double value(String name) {
        return samples.getOrDefault(name, 0.0);
    }
}
