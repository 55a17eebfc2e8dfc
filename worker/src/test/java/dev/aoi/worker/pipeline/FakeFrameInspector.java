package dev.aoi.worker.pipeline;

import dev.aoi.common.DeadLetters.Reason;
import dev.aoi.common.event.ClassResult;
import dev.aoi.common.event.ImageRef;
import dev.aoi.common.event.InspectionResult;
import dev.aoi.common.event.ModelInfo;
import dev.aoi.common.event.RegionResult;
import dev.aoi.worker.inspect.FrameOutcome;
import java.io.UncheckedIOException;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stands in for the model in the pipeline's integration tests, deterministically: ids containing {@code bad} are
 * rejected as unreadable images, ids containing {@code huge} get a result with 2,000 regions (too large to
 * publish in these tests), ids containing {@code flaky} throw a transient fault (the whole batch fails) and
 * ids containing {@code gone} come back {@link FrameOutcome.Unavailable} (that frame alone), each the first time
 * any worker sees them (the sets of ids seen are shared by the test's workers); everything else gets a result.
 */
final class FakeFrameInspector implements BatchInspector {

    static final ModelInfo MODEL = new ModelInfo("fake", "0".repeat(64));

    private final String workerId;
    private final long millisPerFrame;
    private final Set<String> flakySeen;
    private final Set<String> goneSeen;
    final AtomicInteger transientFaults = new AtomicInteger();

    FakeFrameInspector(String workerId, long millisPerFrame, Set<String> flakySeen, Set<String> goneSeen) {
        this.workerId = workerId;
        this.millisPerFrame = millisPerFrame;
        this.flakySeen = flakySeen;
        this.goneSeen = goneSeen;
    }

    @Override
    public List<FrameOutcome> inspect(List<ImageRef> refs) {
        for (ImageRef ref : refs) {
            if (ref.imgUniqueId().contains("flaky") && flakySeen.add(ref.imgUniqueId())) {
                transientFaults.incrementAndGet();
                throw new UncheckedIOException(new IOException("network mount not reachable for "
                        + ref.imageUri() + " (fake transient fault)"));
            }
        }
        try {
            Thread.sleep(millisPerFrame * refs.size());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        List<FrameOutcome> out = new ArrayList<>();
        for (ImageRef ref : refs) {
            if (ref.imgUniqueId().contains("gone") && goneSeen.add(ref.imgUniqueId())) {
                out.add(new FrameOutcome.Unavailable(ref, "fake: the mount of " + ref.imageUri() + " is gone", null));
            } else if (ref.imgUniqueId().contains("huge")) {
                out.add(new FrameOutcome.Inspected(InspectionResult.of(ref, 4000, 4000, Instant.now(), 0.001, workerId,
                        MODEL, List.of(), List.of(ClassResult.of(1, "PI_Particle", noise(2000))))));
            } else if (ref.imgUniqueId().contains("bad")) {
                out.add(new FrameOutcome.Rejected(ref, Reason.UNREADABLE_IMAGE, "fake: cannot decode " + ref.imageUri()));
            } else {
                out.add(new FrameOutcome.Inspected(InspectionResult.of(ref, 64, 48, Instant.now(), 0.001, workerId,
                        MODEL, List.of(), List.of(ClassResult.of(1, "PI_Particle", List.of())))));
            }
        }
        return out;
    }

    /** A frame of noise: thousands of one-pixel regions, a result larger than the worker may publish. */
    private static List<RegionResult> noise(int regions) {
        List<RegionResult> list = new ArrayList<>(regions);
        for (int i = 0; i < regions; i++) {
            int x = (i * 2) % 4000;
            int y = (i * 2) / 4000 * 2;
            list.add(new RegionResult(i + 1, x, y, x, y, 1, 1, 1, 0, 1.1547, 1.1547, 1, 1));
        }
        return list;
    }

    @Override
    public void close() {
    }
}
