package dev.aoi.infra.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The verdict of {@code ./aoi bench decoupling}: no slowdown beyond 5 %; a speed-up is not a miss. */
class DecouplingReportTest {

    @Test
    void a_slowdown_up_to_five_percent_meets_the_goal_and_beyond_it_misses() {
        assertThat(DecouplingReport.meetsGoal(0.0)).isTrue();
        assertThat(DecouplingReport.meetsGoal(-0.023)).isTrue();
        assertThat(DecouplingReport.meetsGoal(-0.05)).isTrue();
        assertThat(DecouplingReport.meetsGoal(-0.0501)).isFalse();
        assertThat(DecouplingReport.meetsGoal(-0.30)).isFalse();
    }

    @Test
    void a_speed_up_is_not_a_miss() {
        assertThat(DecouplingReport.meetsGoal(0.050)).as("the run that was reported as a miss").isTrue();
        assertThat(DecouplingReport.meetsGoal(0.25)).isTrue();
    }

    @Test
    void a_change_that_could_not_be_measured_misses() {
        assertThat(DecouplingReport.meetsGoal(Double.NaN)).isFalse();
        assertThat(DecouplingReport.meetsGoal(Double.NEGATIVE_INFINITY)).isFalse();
    }

    @Test
    void the_report_judges_its_own_change_by_that_rule() {
        DecouplingReport faster = report(10.0, 10.5);
        assertThat(faster.throughputChange()).isCloseTo(0.05, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(faster.withinGoal()).isTrue();
        assertThat(faster.table()).contains("+5.0 %").contains("meets the goal").doesNotContain("MISSES");
        assertThat(faster.toJson()).contains("\"meets_goal_no_slowdown_beyond_5_percent\": true");
        DecouplingReport slower = report(10.0, 9.4);
        assertThat(slower.withinGoal()).isFalse();
        assertThat(slower.table()).contains("-6.0 %").contains("MISSES the goal");
    }

    private static DecouplingReport report(double baselineFps, double delayedFps) {
        DecouplingSettings settings = new DecouplingSettings(2000, 200, 1, 512, 4, 7,
                java.nio.file.Path.of("models/aoi-demo.onnx"), null, 300);
        return new DecouplingReport(settings, condition(0, baselineFps), condition(200, delayedFps),
                java.util.List.of(), new long[0], settings.frames(), 0.5, 10, 2);
    }

    private static ConditionResult condition(long delayMs, double fps) {
        return new ConditionResult(delayMs, 2, 8, Math.round(8 * fps), fps, 10, 2, 4, 5, 3, 1, 0.2, 0.1);
    }
}
