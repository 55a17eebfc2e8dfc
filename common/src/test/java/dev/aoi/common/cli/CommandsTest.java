package dev.aoi.common.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

class CommandsTest {

    @Command(name = "./aoi sample", mixinStandardHelpOptions = true, description = "a sample command")
    static final class Sample implements Callable<Integer> {
        @Mixin
        KafkaOptions kafka;
        @Mixin
        ReplayOptions replay;
        @Option(names = "--frames")
        int frames = 1;

        @Override
        public Integer call() {
            if (frames < 1) {
                throw new IllegalArgumentException("--frames must be at least 1");
            }
            return 0;
        }
    }

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(Object command, String... args) {
        CommandLine line = Commands.commandLine(command);
        line.setOut(new PrintWriter(out, true));
        line.setErr(new PrintWriter(err, true));
        return line.execute(args);
    }

    @Test
    void helpExitsZeroWithAUsageThatNamesTheScript() {
        assertThat(run(new Sample(), "--help")).isZero();
        assertThat(out.toString()).startsWith("Usage: ./aoi sample").contains("--bootstrap-servers", "--from");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void anUnknownOptionExitsTwoWithOneLine() {
        assertThat(run(new Sample(), "--from", "2026-11-01", "--bogus")).isEqualTo(2);
        assertThat(err.toString().lines()).singleElement().asString()
                .startsWith("./aoi sample: Unknown option: '--bogus'");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void aMissingRequiredOptionOrABadValueExitsTwoWithOneLine() {
        assertThat(run(new Sample())).isEqualTo(2);
        assertThat(run(new Sample(), "--from", "yesterday")).isEqualTo(2);
        assertThat(run(new Sample(), "--from", "2026-11-01", "--frames", "0")).isEqualTo(2);
        assertThat(err.toString().lines()).hasSize(3).allSatisfy(line -> assertThat(line).startsWith("./aoi sample: "));
        assertThat(err.toString()).contains("--from", "not a date or ISO-8601 instant: yesterday",
                "--frames must be at least 1");
    }

    @Test
    void optionsTakeTheirDefaultsFromTheOnePlace() {
        Sample sample = new Sample();
        assertThat(run(sample, "--from", "2026-11-01T06:00:00+01:00", "--to", "2026-11-02")).isZero();
        String expected = System.getenv().getOrDefault(Endpoints.BOOTSTRAP_SERVERS_ENV, Endpoints.BOOTSTRAP_SERVERS);
        assertThat(sample.kafka.bootstrapServers()).isEqualTo(expected);
        assertThat(sample.replay.from()).hasToString("2026-11-01T05:00:00Z");
        assertThat(sample.replay.to()).hasToString("2026-11-02T00:00:00Z");
        assertThat(Endpoints.bootstrapServers(Map.of())).isEqualTo("127.0.0.1:" + Endpoints.KAFKA_PORT);
        assertThat(Endpoints.databaseUrl(Map.of("DATABASE_URL", " postgresql://db/x ")))
                .isEqualTo("postgresql://db/x");
    }
}
