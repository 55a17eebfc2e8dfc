package dev.aoi.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aoi.common.cli.Commands;
import dev.aoi.common.cli.Commands.Outcome;
import org.junit.jupiter.api.Test;

/** {@code ./aoi console}'s own answers, which never start the service: its help and its mistakes. */
class ConsoleMainTest {

    @Test
    void helpExitsZeroAndNamesTheScript() {
        Outcome run = Commands.capture(new ConsoleMain(), "--help");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("Usage: ./aoi console").contains("AOI_CONSOLE_DB_USER");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void anythingButASettingIsOneLineAndExitTwo() {
        for (String bad : new String[] {"--bogus", "extra", "--server.port"}) {
            Outcome run = Commands.capture(new ConsoleMain(), "--spring.main.banner-mode=off", bad);
            assertThat(run.exitCode()).as(bad).isEqualTo(2);
            assertThat(run.err().lines()).as(bad).singleElement().asString()
                    .startsWith("./aoi console: ").contains("'" + bad + "'");
            assertThat(run.out()).as(bad).isEmpty();
        }
    }
}
