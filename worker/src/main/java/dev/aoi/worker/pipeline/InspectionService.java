package dev.aoi.worker.pipeline;

import java.time.Duration;
import java.util.function.Supplier;
import org.springframework.context.SmartLifecycle;

/** Runs the {@link InspectionLoop} on its own thread between the application's start and stop. */
public final class InspectionService implements SmartLifecycle {

    private final Supplier<InspectionLoop> loops;
    private final Duration stopTimeout;
    private volatile InspectionLoop loop;
    private volatile Thread thread;

    public InspectionService(Supplier<InspectionLoop> loops, Duration stopTimeout) {
        this.loops = loops;
        this.stopTimeout = stopTimeout;
    }

    @Override
    public synchronized void start() {
        if (thread != null && thread.isAlive()) {
            return;
        }
        loop = loops.get();
        thread = new Thread(loop, "aoi-poll");
        thread.start();
    }

    @Override
    public synchronized void stop() {
        InspectionLoop current = loop;
        Thread running = thread;
        if (current == null || running == null) {
            return;
        }
        current.stop();
        try {
            running.join(stopTimeout.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        Thread t = thread;
        return t != null && t.isAlive();
    }

    /** The loop's state, {@link InspectionLoop.State#STARTING} before the first start. */
    public InspectionLoop.State state() {
        InspectionLoop current = loop;
        return current == null ? InspectionLoop.State.STARTING : current.state();
    }

    /** Why the loop failed, or null. */
    public Throwable failure() {
        InspectionLoop current = loop;
        return current == null ? null : current.failure();
    }
}
