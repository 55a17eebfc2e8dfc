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
    void aSubcommandWhoseClassIsNotInTheBuildSaysSoInsteadOfCrashing() throws Exception {
        // inspect and bench come from other parts of the worker; without them the jar still runs the service
        boolean present;
        try {
            Class.forName("dev.aoi.worker.bench.BenchCommand");
            present = true;
        } catch (ClassNotFoundException e) {
            present = false;
        }
        if (!present) {
            assertThat(WorkerMain.runSubcommand(new String[] {"bench", "worker"})).isEqualTo(2);
        }
    }
}
