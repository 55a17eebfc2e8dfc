package dev.aoi.worker.pipeline;

import dev.aoi.common.DeadLetters.Reason;
import dev.aoi.common.event.ClassResult;
import dev.aoi.common.event.ImageRef;
import dev.aoi.common.event.InspectionResult;
import dev.aoi.common.event.ModelInfo;
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
 * rejected as unreadable images, ids containing {@code flaky} throw a transient fault (the whole batch fails) and
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
            } else if (ref.imgUniqueId().contains("bad")) {
                out.add(new FrameOutcome.Rejected(ref, Reason.UNREADABLE_IMAGE, "fake: cannot decode " + ref.imageUri()));
            } else {
                out.add(new FrameOutcome.Inspected(InspectionResult.of(ref, 64, 48, Instant.now(), 0.001, workerId,
                        MODEL, List.of(), List.of(ClassResult.of(1, "PI_Particle", List.of())))));
            }
        }
        return out;
    }

    @Override
    public void close() {
    }
}
