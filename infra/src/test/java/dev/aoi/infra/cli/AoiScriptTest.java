package dev.aoi.infra.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aoi.infra.process.ServiceProcess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the {@code ./aoi} script answers itself, without building or starting anything: the command groups and the
 * services. The commands inside the jars are checked through picocli by each module's commands test.
 */
class AoiScriptTest {

    @TempDir
    Path home;

    private record Run(int code, String out, String err) {
    }

    private Run aoi(String... args) throws IOException, InterruptedException {
        Path root = ServiceProcess.repositoryRoot();
        List<String> command = new ArrayList<>(List.of("bash", root.resolve("aoi").toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().put("AOI_HOME", home.toString());
        Process p = pb.start();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("./aoi %s finished", String.join(" ", args)).isTrue();
        return new Run(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
                new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    @Test
    void groupsAndServicesAnswerHelpWithZero() throws Exception {
        for (String[] args : List.of(new String[] {"--help"}, new String[] {"help"}, new String[] {"replay", "--help"},
                new String[] {"bench", "--help"}, new String[] {"worker", "--help"}, new String[] {"persister", "-h"},
                new String[] {"producer", "--help"}, new String[] {"build", "--help"})) {
            Run run = aoi(args);
            String name = String.join(" ", args);
            assertThat(run.code()).as(name).isZero();
            assertThat(run.out()).as(name).startsWith("Usage: ./aoi");
            assertThat(run.err()).as(name).isEmpty();
        }
        assertThat(aoi("--help").out()).contains("demo", "stack", "inspect", "simulate", "evaluate-model", "replay",
                "db", "bench");
    }

    @Test
    void mistakesExitTwoWithOneLine() throws Exception {
        for (String[] args : List.of(new String[] {"no-such-command"}, new String[] {"replay"},
                new String[] {"replay", "everything"}, new String[] {"bench", "nothing"},
                new String[] {"worker", "--bogus"}, new String[] {"persister", "extra"},
                new String[] {"build", "--bogus"})) {
            Run run = aoi(args);
            String name = String.join(" ", args);
            assertThat(run.code()).as(name).isEqualTo(2);
            assertThat(run.err().lines()).as(name).singleElement().asString().startsWith("./aoi");
            assertThat(run.out()).as(name).isEmpty();
        }
    }
}
