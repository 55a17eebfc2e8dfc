package dev.aoi.common.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aoi.common.cli.Commands.Outcome;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
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

    @Test
    void helpExitsZeroWithAUsageThatNamesTheScript() {
        Outcome run = Commands.capture(new Sample(), "--help");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("Usage: ./aoi sample").contains("--bootstrap-servers", "--from");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void anUnknownOptionExitsTwoWithOneLineEvenWhenARequiredOneIsMissingToo() {
        for (String[] args : new String[][] {{"--from", "2026-11-01", "--bogus"}, {"--bogus"}}) {
            Outcome run = Commands.capture(new Sample(), args);
            assertThat(run.exitCode()).isEqualTo(2);
            assertThat(run.err().lines()).singleElement().asString()
                    .startsWith("./aoi sample: Unknown option: '--bogus'");
            assertThat(run.out()).isEmpty();
        }
    }

    @Test
    void aMissingRequiredOptionOrABadValueExitsTwoWithOneLine() {
        Map<String[], String> cases = Map.of(
                new String[0], "Missing required option: '--from=T1'",
                new String[] {"--from", "yesterday"}, "not a date or ISO-8601 instant: yesterday",
                new String[] {"--from", "2026-11-01", "--frames", "0"}, "--frames must be at least 1");
        cases.forEach((args, message) -> {
            Outcome run = Commands.capture(new Sample(), args);
            assertThat(run.exitCode()).isEqualTo(2);
            assertThat(run.err().lines()).singleElement().asString().startsWith("./aoi sample: ").contains(message);
        });
    }

    @Test
    void optionsTakeTheirDefaultsFromTheOnePlace() {
        Sample sample = new Sample();
        assertThat(Commands.capture(sample, "--from", "2026-11-01T06:00:00+01:00", "--to", "2026-11-02").exitCode())
                .isZero();
        String expected = System.getenv().getOrDefault(Endpoints.BOOTSTRAP_SERVERS_ENV, Endpoints.BOOTSTRAP_SERVERS);
        assertThat(sample.kafka.bootstrapServers()).isEqualTo(expected);
        assertThat(sample.replay.from()).hasToString("2026-11-01T05:00:00Z");
        assertThat(sample.replay.to()).hasToString("2026-11-02T00:00:00Z");
        assertThat(Endpoints.bootstrapServers(Map.of())).isEqualTo("127.0.0.1:" + Endpoints.KAFKA_PORT);
        assertThat(Endpoints.databaseUrl(Map.of("DATABASE_URL", " postgresql://db/x ")))
                .isEqualTo("postgresql://db/x");
    }
}
