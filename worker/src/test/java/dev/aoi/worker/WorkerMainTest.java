package dev.aoi.worker;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WorkerMainTest {

    @Test
    void anUnknownSubcommandIsAUsageError() throws Exception {
        assertThat(WorkerMain.runSubcommand(new String[] {"frobnicate"})).isEqualTo(2);
    }

    @Test
    void helpIsNotAnError() throws Exception {
        assertThat(WorkerMain.runSubcommand(new String[] {"help"})).isZero();
    }

    @Test
    void anUnknownBenchmarkIsAUsageError() throws Exception {
        assertThat(WorkerMain.runSubcommand(new String[] {"bench", "nonsense"})).isEqualTo(2);
    }
}
