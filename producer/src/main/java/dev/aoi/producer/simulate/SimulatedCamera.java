package dev.aoi.producer.simulate;

import dev.aoi.common.event.ImageRef;
import dev.aoi.common.synthetic.PcbFrameRenderer;
import dev.aoi.common.synthetic.SyntheticFrame;
import dev.aoi.producer.publish.ImageRefPublisher;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.locks.LockSupport;

/**
 * A synthetic camera: renders frames into an image root and publishes an {@link ImageRef} for each at a steady rate,
 * as a load generator or demo source. Rendering runs ahead on a few threads; publishing keeps the pace.
 */
public final class SimulatedCamera {

    private final PcbFrameRenderer renderer;
    private final ImageRefPublisher publisher;
    private final Path imageRoot;
    private final FrameFiles.Format format;
    private final String cameraId;
    private final String idPrefix;

    public SimulatedCamera(PcbFrameRenderer renderer, ImageRefPublisher publisher, Path imageRoot,
            FrameFiles.Format format, String cameraId, String idPrefix) {
        this.renderer = renderer;
        this.publisher = publisher;
        this.imageRoot = imageRoot.toAbsolutePath().normalize();
        this.format = format;
        this.cameraId = cameraId;
        this.idPrefix = idPrefix;
    }

    /** The id of frame {@code index} of {@code seed}: deterministic, so re-running a seed overwrites downstream. */
    public String imageId(long seed, long index) {
        return String.format(Locale.ROOT, "%s-s%d-f%06d", idPrefix, seed, index);
    }

    /**
     * Renders and publishes {@code frames} frames (0 = until interrupted) at {@code rate} frames/s (0 = as fast as
     * possible); returns the number published.
     */
    public long run(long seed, long frames, double rate, int threads, PrintStream log) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads), r -> {
            Thread t = new Thread(r, "aoi-sim-render");
            t.setDaemon(true);
            return t;
        });
        Deque<Future<Path>> ahead = new ArrayDeque<>();
        List<CompletableFuture<?>> pending = new ArrayList<>();
        long next = 0;
        long published = 0;
        long start = System.nanoTime();
        try {
            for (long i = 0; frames == 0 || i < frames; i++) {
                while (ahead.size() < Math.max(2, threads * 2) && (frames == 0 || next < frames)) {
                    long index = next++;
                    ahead.add(pool.submit(() -> writeFrame(seed, index)));
                }
                Path file = ahead.poll().get();
                if (rate > 0) {
                    long due = start + (long) (i * 1e9 / rate);
                    long wait;
                    while ((wait = due - System.nanoTime()) > 0) {
                        LockSupport.parkNanos(wait);
                        if (Thread.interrupted()) {
                            throw new InterruptedException();
                        }
                    }
                }
                ImageRef ref = new ImageRef(ImageRef.SCHEMA_VERSION, imageId(seed, i), file.toUri().toString(),
                        cameraId, Instant.now(), Map.of("source", "simulator", "seed", Long.toString(seed)));
                pending.add(publisher.publishAsync(ref));
                published++;
                if (pending.size() >= 1000) {
                    CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).join();
                    pending.clear();
                }
                if (published % 100 == 0) {
                    log.printf(Locale.ROOT, "published %d frames (%.1f frames/s)%n", published,
                            published / ((System.nanoTime() - start) / 1e9));
                }
            }
            CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).join();
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("rendering a frame failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        log.printf(Locale.ROOT, "published %d frames in %.1f s (%.2f frames/s) to %s%n", published, seconds,
                published / seconds, publisher.topic());
        return published;
    }

    private Path writeFrame(long seed, long index) {
        SyntheticFrame frame = renderer.render(PcbFrameRenderer.frameSeed(seed, index));
        try {
            return FrameFiles.writeFrame(frame, imageRoot, imageId(seed, index), format);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write frame " + index + " under " + imageRoot
                    + " (check the directory exists and is writable)", e);
        }
    }
}
