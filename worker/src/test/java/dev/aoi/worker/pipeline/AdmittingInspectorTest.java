package dev.aoi.worker.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aoi.common.DeadLetters.Reason;
import dev.aoi.common.event.ClassResult;
import dev.aoi.common.event.ImageRef;
import dev.aoi.common.event.InspectionResult;
import dev.aoi.worker.admission.CrashGuard;
import dev.aoi.worker.admission.FrameSize;
import dev.aoi.worker.admission.MemoryBudget;
import dev.aoi.worker.inspect.FrameOutcome;
import java.io.UncheckedIOException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdmittingInspectorTest {

    private static final long MIB = 1L << 20;

    @TempDir
    Path markers;

    /** Sizes by id: "...-w{width}" frames are width x width; anything else is unknown. */
    private static FrameSize size(ImageRef ref) {
        String id = ref.imgUniqueId();
        int at = id.indexOf("-w");
        if (at < 0) {
            return FrameSize.UNKNOWN;
        }
        int side = Integer.parseInt(id.substring(at + 2));
        return new FrameSize(side, side, 1000);
    }

    private static ImageRef ref(String id) {
        return ImageRef.of(id, "/data/" + id + ".png", Instant.parse("2026-11-23T10:00:00Z"));
    }

    /** Records the groups it is given; ids containing "oom" run out of memory (wrapped, as a pool reports it). */
    private static final class Recording implements BatchInspector {
        final List<List<String>> calls = new ArrayList<>();

        @Override
        public List<FrameOutcome> inspect(List<ImageRef> refs) {
            calls.add(refs.stream().map(ImageRef::imgUniqueId).toList());
            if (refs.stream().anyMatch(r -> r.imgUniqueId().contains("oom"))) {
                throw new CompletionException(new OutOfMemoryError("Java heap space"));
            }
            if (refs.stream().anyMatch(r -> r.imgUniqueId().contains("flaky"))) {
                throw new UncheckedIOException(new IOException("mount gone"));
            }
            return refs.stream().<FrameOutcome>map(r -> new FrameOutcome.Inspected(InspectionResult.of(r, 8, 8,
                    Instant.now(), 0.01, "w", FakeFrameInspector.MODEL, List.of(),
                    List.of(ClassResult.of(1, "PI_Particle", List.of()))))).toList();
        }

        @Override
        public void close() {
        }
    }

    private AdmittingInspector admitting(Recording delegate, long budgetBytes) {
        return new AdmittingInspector(delegate, MemoryBudget.of(budgetBytes, 64),
                AdmittingInspectorTest::size, new CrashGuard(markers, 2));
    }

    @Test
    void aFrameThatCanNeverFitIsRefusedWithTheBudgetAndNeverReachesTheModel() {
        Recording model = new Recording();
        // 8000 x 8000 x 64 B = 3.8 GiB > 3 GiB
        List<FrameOutcome> out = admitting(model, 3072 * MIB).inspect(List.of(ref("a-w100"), ref("big-w8000")));
        assertThat(out.get(0)).isInstanceOf(FrameOutcome.Inspected.class);
        assertThat(out.get(1)).isInstanceOfSatisfying(FrameOutcome.Rejected.class, r -> {
            assertThat(r.reason()).isEqualTo(Reason.IMAGE_TOO_LARGE);
            assertThat(r.detail()).contains("8000x8000").contains("memory budget of 3072 MiB");
        });
        assertThat(model.calls).containsExactly(List.of("a-w100"));
    }

    @Test
    void framesRunInGroupsThatFitTheBudgetSoALargeOneRunsAlone() {
        Recording model = new Recording();
        // budget 80 MiB; w1000 costs ~61 MiB, w500 ~15 MiB
        List<FrameOutcome> out = admitting(model, 80 * MIB).inspect(List.of(ref("a-w500"), ref("b-w500"),
                ref("c-w1000"), ref("d-w500"), ref("e-w500"), ref("f-unknown")));
        assertThat(out).hasSize(6).allMatch(o -> o instanceof FrameOutcome.Inspected);
        assertThat(model.calls).containsExactly(List.of("a-w500", "b-w500"), List.of("c-w1000", "d-w500"),
                List.of("e-w500", "f-unknown"));
        Recording second = new Recording();
        admitting(second, 70 * MIB).inspect(List.of(ref("a-w500"), ref("c-w1000"), ref("d-w500")));
        assertThat(second.calls).containsExactly(List.of("a-w500"), List.of("c-w1000"), List.of("d-w500"));
    }

    @Test
    void anOutOfMemoryErrorIsNeverATransientFault() {
        Recording model = new Recording();
        List<FrameOutcome> out = admitting(model, 3072 * MIB).inspect(List.of(ref("a-w100"), ref("oom-w100"),
                ref("c-w100")));
        assertThat(out.get(0)).isInstanceOf(FrameOutcome.Inspected.class);
        assertThat(out.get(2)).isInstanceOf(FrameOutcome.Inspected.class);
        assertThat(out.get(1)).isInstanceOfSatisfying(FrameOutcome.Rejected.class, r -> {
            assertThat(r.reason()).isEqualTo(Reason.IMAGE_TOO_LARGE);
            assertThat(r.detail()).contains("ran out of memory").contains("Java heap space");
        });
        assertThat(model.calls).containsExactly(List.of("a-w100", "oom-w100", "c-w100"), List.of("a-w100"),
                List.of("oom-w100"), List.of("c-w100"));
        // any other fault stays transient: the loop retries the batch
        assertThatThrownBy(() -> admitting(new Recording(), 3072 * MIB).inspect(List.of(ref("flaky-w10"))))
                .isInstanceOf(UncheckedIOException.class);
        assertThat(new CrashGuard(markers, 2).kills(ref("flaky-w10"))).as("the worker survived it").isZero();
    }

    @Test
    void aFrameInHandWhenTheWorkerDiedTwiceIsDeadLetteredAndOnceRunsAlone() {
        CrashGuard guard = new CrashGuard(markers, 2);
        ImageRef killer = ref("killer-w100");
        ImageRef suspect = ref("suspect-w100");
        guard.enter(List.of(killer, suspect)); // the worker died with both in hand...
        guard.enter(List.of(killer));          // ...and the next one with the killer again
        assertThat(guard.kills(killer)).isEqualTo(2);

        Recording model = new Recording();
        List<FrameOutcome> out = admitting(model, 3072 * MIB).inspect(List.of(ref("a-w100"), killer, suspect,
                ref("b-w100")));
        assertThat(out.get(1)).isInstanceOfSatisfying(FrameOutcome.Rejected.class, r -> {
            assertThat(r.reason()).isEqualTo(Reason.WORKER_CRASHED);
            assertThat(r.detail()).contains("2 times");
        });
        assertThat(out.get(2)).isInstanceOf(FrameOutcome.Inspected.class);
        assertThat(model.calls).as("the killer never reaches the model; the suspect runs alone")
                .containsExactly(List.of("a-w100"), List.of("suspect-w100"), List.of("b-w100"));
        assertThat(Map.of("killer", guard.kills(killer), "suspect", guard.kills(suspect)))
                .as("markers are gone once the frames are settled").containsOnly(Map.entry("killer", 0),
                        Map.entry("suspect", 0));
    }

    @Test
    void theBudgetDerivedFromTheJvmLimitsOfThe3GiBPod() {
        // the Kubernetes worker: 3 GiB limit, -XX:MaxRAMPercentage=40 (heap 1.2 GiB), -XX:MaxDirectMemorySize=256m
        MemoryBudget pod = MemoryBudget.derive(1229 * MIB, 256 * MIB, MemoryBudget.DEFAULT_RESERVE, 64);
        assertThat(pod.bytes()).isEqualTo(1229 * MIB);
        assertThat(pod.admits(pod.costOf(8000L * 8000, 210_000))).as("the 8000x8000 frame of the issue").isFalse();
        assertThat(pod.admits(pod.costOf(4L * 1792 * 1792, 4 * 2_000_000))).as("a batch of four 1792x1792 frames")
                .isTrue();
        assertThat(pod.toString()).contains("heap max 1229 MiB").contains("direct max 256 MiB");
    }
}
