package dev.aoi.infra.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aoi.common.cli.Endpoints;
import dev.aoi.infra.process.ServiceProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The default endpoints have one home, {@link Endpoints}: the services' application.yml fall back to the same values
 * (Spring reads them before any of our code runs), and no main source spells them out again.
 */
class EndpointDefaultsTest {

    private static final Pattern FALLBACK = Pattern.compile("\\$\\{(KAFKA_BOOTSTRAP_SERVERS|DATABASE_URL):([^}]*)}");

    private final Path root = ServiceProcess.repositoryRoot();

    @Test
    void everyServiceFallsBackToTheSameEndpoints() throws IOException {
        int seen = 0;
        for (String module : List.of("producer", "worker", "persister")) {
            String yml = Files.readString(root.resolve(module).resolve("src/main/resources/application.yml"));
            Matcher m = FALLBACK.matcher(yml);
            while (m.find()) {
                seen++;
                String expected = m.group(1).equals("DATABASE_URL") ? Endpoints.DATABASE_URL : Endpoints.BOOTSTRAP_SERVERS;
                assertThat(m.group(2)).as(module + " application.yml: " + m.group()).isEqualTo(expected);
            }
        }
        assertThat(seen).as("fallbacks found").isGreaterThanOrEqualTo(4);
    }

    @Test
    void noMainSourceRestatesThem() throws IOException {
        Path endpoints = root.resolve("common/src/main/java/dev/aoi/common/cli/Endpoints.java");
        try (Stream<Path> files = Files.walk(root)) {
            List<Path> restating = files
                    .filter(p -> p.toString().endsWith(".java") && p.toString().contains("/src/main/"))
                    .filter(p -> !p.equals(endpoints))
                    .filter(p -> {
                        try {
                            String text = Files.readString(p);
                            return text.contains("\"" + Endpoints.BOOTSTRAP_SERVERS + "\"")
                                    || text.contains(Endpoints.DATABASE_URL + "\"");
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    })
                    .toList();
            assertThat(restating).as("main sources with the default endpoints written out").isEmpty();
        }
    }
}
