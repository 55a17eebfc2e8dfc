package dev.aoi.worker.pipeline;

import dev.aoi.common.DeadLetters.Reason;
import dev.aoi.common.event.ImageRef;
import dev.aoi.worker.admission.CrashGuard;
import dev.aoi.worker.admission.FrameSize;
import dev.aoi.worker.admission.MemoryBudget;
import dev.aoi.worker.inspect.FrameOutcome;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sizes the work to the worker's memory before the model sees it (docs/security.md, "Memory"). Each frame is
 * sized from its header; one that could never fit the {@link MemoryBudget} is refused as {@code IMAGE_TOO_LARGE}
 * with the budget in the detail; the others run in groups whose cost fits the budget together, so a large frame
 * runs alone. An {@link OutOfMemoryError} on the way is never a transient fault: a group is retried frame by
 * frame, and a frame that runs out of memory alone is refused. The {@link CrashGuard} counts frames that were in
 * hand when the worker died: such a frame runs alone, and after {@code maxKills} deaths it is refused
 * ({@code WORKER_CRASHED}) instead of killing another worker.
 */
final class AdmittingInspector implements BatchInspector {

    private static final Logger log = LoggerFactory.getLogger(AdmittingInspector.class);

    private final BatchInspector delegate;
    private final MemoryBudget budget;
    private final Function<ImageRef, FrameSize> sizer;
    private final CrashGuard guard;

    AdmittingInspector(BatchInspector delegate, MemoryBudget budget, Function<ImageRef, FrameSize> sizer,
            CrashGuard guard) {
        this.delegate = delegate;
        this.budget = budget;
        this.sizer = sizer;
        this.guard = guard;
    }

    @Override
    public List<FrameOutcome> inspect(List<ImageRef> refs) {
        FrameOutcome[] outcomes = new FrameOutcome[refs.size()];
        List<Integer> group = new ArrayList<>();
        long groupCost = 0;
        for (int i = 0; i < refs.size(); i++) {
            ImageRef ref = refs.get(i);
            int kills = guard.kills(ref);
            if (kills >= guard.maxKills()) {
                guard.forget(ref);
                log.error("{} was in hand each time a worker died ({} times); dead-lettering it", ref.imgUniqueId(), kills);
                outcomes[i] = new FrameOutcome.Rejected(ref, Reason.WORKER_CRASHED, ref.imageUri() + " was being"
                        + " inspected each of the " + kills + " times a worker died (killed, out of memory or a crash"
                        + " in native code); it is not tried again");
                continue;
            }
            FrameSize size = sizer.apply(ref);
            long cost = size.known() ? budget.costOf(size.pixels(), size.fileBytes()) : 0;
            if (!budget.admits(cost)) {
                outcomes[i] = new FrameOutcome.Rejected(ref, Reason.IMAGE_TOO_LARGE, ref.imageUri() + " is "
                        + size.width() + "x" + size.height() + " (" + size.fileBytes() + " bytes): inspecting it needs"
                        + " about " + (cost >> 20) + " MiB, more than this worker's memory budget of " + budget
                        + "; frames up to about " + budget.maxPixels() + " pixels fit");
                continue;
            }
            boolean alone = kills > 0; // a suspect must not take innocent frames down with it
            if (!group.isEmpty() && (alone || groupCost + cost > budget.bytes())) {
                run(refs, group, outcomes);
                group.clear();
                groupCost = 0;
            }
            group.add(i);
            groupCost += cost;
            if (alone) {
                run(refs, group, outcomes);
                group.clear();
                groupCost = 0;
            }
        }
        if (!group.isEmpty()) {
            run(refs, group, outcomes);
        }
        return Arrays.asList(outcomes);
    }

    /** Runs these frames together; an out-of-memory group is retried frame by frame. */
    private void run(List<ImageRef> refs, List<Integer> indexes, FrameOutcome[] outcomes) {
        List<ImageRef> batch = indexes.stream().map(refs::get).toList();
        List<FrameOutcome> result;
        guard.enter(batch);
        try {
            result = delegate.inspect(batch);
        } catch (Throwable t) {
            OutOfMemoryError oom = outOfMemory(t);
            if (oom == null) {
                throw t; // transient: the loop retries the batch with backoff
            }
            if (batch.size() == 1) {
                ImageRef ref = batch.get(0);
                log.warn("{} ran out of memory alone ({}); dead-lettering it", ref.imgUniqueId(), oom.toString());
                outcomes[indexes.get(0)] = new FrameOutcome.Rejected(ref, Reason.IMAGE_TOO_LARGE, ref.imageUri()
                        + " ran out of memory while inspected alone (" + oom.getMessage() + "); memory budget "
                        + budget);
                return;
            }
            log.warn("A group of {} frames ran out of memory ({}); inspecting them one at a time", batch.size(),
                    oom.toString());
            for (Integer index : indexes) {
                run(refs, List.of(index), outcomes);
            }
            return;
        } finally {
            guard.leave(batch);
        }
        if (result == null || result.size() != batch.size()) {
            throw new IllegalStateException("the inspector returned " + (result == null ? "null" : result.size())
                    + " outcomes for " + batch.size() + " frames");
        }
        for (int k = 0; k < indexes.size(); k++) {
            outcomes[indexes.get(k)] = result.get(k);
        }
    }

    /** The OutOfMemoryError behind {@code t} (thrown directly or wrapped by a pool or future), or null. */
    static OutOfMemoryError outOfMemory(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof OutOfMemoryError oom) {
                return oom;
            }
        }
        return null;
    }

    @Override
    public void close() throws Exception {
        delegate.close();
    }

    @Override
    public String toString() {
        return delegate.toString();
    }
}
