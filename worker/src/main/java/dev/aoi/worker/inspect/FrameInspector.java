package dev.aoi.worker.inspect;

import dev.aoi.common.DeadLetters.Reason;
import dev.aoi.common.event.ClassResult;
import dev.aoi.common.event.ImageRef;
import dev.aoi.common.event.InspectionResult;
import dev.aoi.common.event.ModelInfo;
import dev.aoi.imaging.ClassMap;
import dev.aoi.imaging.Frame;
import dev.aoi.imaging.FrameDecoder;
import dev.aoi.imaging.FrameRejectedException;
import dev.aoi.worker.decode.FrameUnavailableException;
import dev.aoi.worker.decode.ImageSource;
import dev.aoi.worker.inference.OnnxSegmenter;
import dev.aoi.worker.inference.Segmenter;
import dev.aoi.worker.inspect.FrameOutcome.Inspected;
import dev.aoi.worker.inspect.FrameOutcome.Rejected;
import dev.aoi.worker.inspect.FrameOutcome.Unavailable;
import dev.aoi.worker.inspect.StageTimer.Stage;
import dev.aoi.worker.render.ResultImageWriter;
import dev.aoi.worker.vision.RegionMeasurer;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The worker's core, shared by the Kafka pipeline and the offline CLI: image references in, one outcome per
 * reference out, in the same order. Frames are decoded on a small pool while the calling thread runs batched
 * inference; each batch's regions are measured and its result images rendered on a second pool of the same size
 * while the next batch is inferred, so that rendering never queues in front of the decoding the model waits for. A model failure on a batch is retried frame by frame, so only the frame that fails is rejected.
 * Thread-safe; model runs are serialised.
 */
public final class FrameInspector implements AutoCloseable {

    private final InspectorSettings settings;
    private final Segmenter segmenter;
    private final boolean ownsSegmenter;
    private final ImageSource source;
    private final FrameDecoder decoder;
    private final ResultImageWriter writer;
    private final ThreadLocal<RegionMeasurer> measurer;
    private final ExecutorService pool;
    private final ExecutorService renderPool;
    private final StageTimer timer;

    /** Uses {@code segmenter} without taking it over: the caller closes it. */
    public FrameInspector(InspectorSettings settings, Segmenter segmenter) {
        this(settings, segmenter, StageTimer.NONE);
    }

    /** As {@link #FrameInspector(InspectorSettings, Segmenter)}, telling {@code timer} how long each stage took. */
    public FrameInspector(InspectorSettings settings, Segmenter segmenter, StageTimer timer) {
        this(settings, segmenter, false, timer);
    }

    private FrameInspector(InspectorSettings settings, Segmenter segmenter, boolean ownsSegmenter,
            StageTimer timer) {
        this.settings = settings;
        this.timer = timer;
        this.segmenter = segmenter;
        this.ownsSegmenter = ownsSegmenter;
        this.decoder = new FrameDecoder(settings.maxPixels());
        this.source = new ImageSource(settings.allowedRoots(), decoder.maxFileBytes());
        this.writer = new ResultImageWriter(settings.outputRoot(),
                ResultImageWriter.select(settings.classMapPng(), settings.overlay(), settings.defectSheet()));
        List<String> names = segmenter.classNames();
        this.measurer = ThreadLocal.withInitial(() -> new RegionMeasurer(names, settings.minAreaPixels()));
        int cpuSide = CoreSplit.cpuSideThreads(settings.decodeThreads(), segmenter.device().startsWith("cuda"),
                CoreSplit.cores());
        this.pool = threads("aoi-decode-", cpuSide);
        this.renderPool = threads("aoi-render-", cpuSide);
    }

    private static ExecutorService threads(String prefix, int count) {
        AtomicInteger n = new AtomicInteger();
        return Executors.newFixedThreadPool(count, r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** Loads the model on {@code settings.device()} (intra-op threads as {@link CoreSplit} decides) and owns it. */
    public static FrameInspector open(Path model, InspectorSettings settings) {
        return open(model, settings, 0);
    }

    /** As {@link #open(Path, InspectorSettings)} with {@code intraOpThreads} for ONNX Runtime (0 = automatic). */
    public static FrameInspector open(Path model, InspectorSettings settings, int intraOpThreads) {
        return open(model, settings, intraOpThreads, StageTimer.NONE);
    }

    /** As {@link #open(Path, InspectorSettings, int)}, telling {@code timer} how long each stage took. */
    public static FrameInspector open(Path model, InspectorSettings settings, int intraOpThreads, StageTimer timer) {
        int intraOp = CoreSplit.intraOpThreads(intraOpThreads, settings.decodeThreads(), CoreSplit.cores());
        OnnxSegmenter segmenter = OnnxSegmenter.open(model, new OnnxSegmenter.Options(settings.device(), intraOp));
        try {
            return new FrameInspector(settings, segmenter, true, timer);
        } catch (RuntimeException e) {
            segmenter.close();
            throw e;
        }
    }

    public ModelInfo model() {
        return segmenter.modelInfo();
    }

    public List<String> classNames() {
        return segmenter.classNames();
    }

    public InspectorSettings settings() {
        return settings;
    }

    /** One outcome per reference, in order. */
    public List<FrameOutcome> inspect(List<ImageRef> refs) {
        int n = refs.size();
        FrameOutcome[] outcomes = new FrameOutcome[n];
        List<CompletableFuture<Decoded>> decodes = new ArrayList<>(n);
        List<CompletableFuture<Void>> finishing = new ArrayList<>();
        int batch = settings.batchSize();
        try {
            for (int start = 0; start < n; start += batch) {
                // decode at most one batch ahead of the one being inferred: bounded memory, overlapped work
                while (decodes.size() < Math.min(n, start + 2 * batch)) {
                    ImageRef ref = refs.get(decodes.size());
                    decodes.add(CompletableFuture.supplyAsync(() -> decode(ref), pool));
                }
                List<Integer> ready = new ArrayList<>();
                List<Decoded> frames = new ArrayList<>();
                for (int i = start; i < Math.min(n, start + batch); i++) {
                    Decoded d = decodes.get(i).join();
                    decodes.set(i, null);
                    if (d.frame() == null) {
                        outcomes[i] = d.failure();
                    } else {
                        ready.add(i);
                        frames.add(d);
                    }
                }
                ClassMap[] maps = segment(refs, ready, frames, outcomes);
                for (int k = 0; k < ready.size(); k++) {
                    if (maps[k] != null) {
                        int i = ready.get(k);
                        Decoded d = frames.get(k);
                        ClassMap map = maps[k];
                        finishing.add(CompletableFuture.runAsync(() -> outcomes[i] = finish(refs.get(i), d, map),
                                renderPool));
                    }
                }
            }
            finishing.forEach(CompletableFuture::join);
        } finally {
            decodes.forEach(f -> {
                if (f != null) {
                    f.cancel(false);
                }
            });
        }
        return Arrays.asList(outcomes);
    }

    /** A decoded frame and when its work began, or why it could not be decoded. */
    private record Decoded(Frame frame, long startNanos, FrameOutcome failure) {
    }

    private Decoded decode(ImageRef ref) {
        long start = System.nanoTime();
        try {
            byte[] bytes = source.read(ref.imageUri());
            Frame frame = decoder.decode(bytes, ref.imageUri());
            timer.record(Stage.DECODE, System.nanoTime() - start);
            return new Decoded(frame, start, null);
        } catch (FrameRejectedException e) {
            return new Decoded(null, start, new Rejected(ref, e.reason(), e.detail()));
        } catch (FrameUnavailableException e) {
            return new Decoded(null, start, new Unavailable(ref, e.getMessage(), e));
        } catch (RuntimeException e) {
            return new Decoded(null, start, new Rejected(ref, Reason.UNREADABLE_IMAGE,
                    ref.imageUri() + " could not be decoded: " + e));
        }
    }

    /** Class maps for the decoded frames of one batch; a failed batch is retried frame by frame. */
    private ClassMap[] segment(List<ImageRef> refs, List<Integer> ready, List<Decoded> decoded, FrameOutcome[] outcomes) {
        ClassMap[] maps = new ClassMap[decoded.size()];
        if (decoded.isEmpty()) {
            return maps;
        }
        List<Frame> frames = decoded.stream().map(Decoded::frame).toList();
        try {
            long start = System.nanoTime();
            segmenter.segment(frames).toArray(maps);
            timer.record(Stage.INFERENCE, System.nanoTime() - start);
            return maps;
        } catch (RuntimeException batchFailure) {
            for (int k = 0; k < frames.size(); k++) {
                RuntimeException failure = batchFailure;
                if (frames.size() > 1) {
                    try {
                        maps[k] = segmenter.segment(frames.get(k));
                        continue;
                    } catch (RuntimeException e) {
                        failure = e;
                    }
                }
                ImageRef ref = refs.get(ready.get(k));
                outcomes[ready.get(k)] = new Rejected(ref, Reason.INFERENCE_FAILURE, "model "
                        + segmenter.modelInfo().name() + " failed on " + ref.imageUri() + ": " + failure.getMessage());
            }
            return maps;
        }
    }

    private FrameOutcome finish(ImageRef ref, Decoded decoded, ClassMap map) {
        Frame frame = decoded.frame();
        try {
            long start = System.nanoTime();
            List<ClassResult> classes = measurer.get().measure(map);
            long measured = System.nanoTime();
            timer.record(Stage.MEASURE, measured - start);
            List<String> images = writer.write(ref, frame, map, classes);
            timer.record(Stage.RENDER, System.nanoTime() - measured);
            double seconds = (System.nanoTime() - decoded.startNanos()) / 1e9;
            return new Inspected(InspectionResult.of(ref, frame.width(), frame.height(), Instant.now(), seconds,
                    settings.workerId(), segmenter.modelInfo(), images, classes));
        } catch (UncheckedIOException e) {
            return new Unavailable(ref, e.getMessage(), e);
        } catch (RuntimeException e) {
            return new Rejected(ref, Reason.INFERENCE_FAILURE, "measuring the regions of " + ref.imageUri()
                    + " failed: " + e);
        }
    }

    @Override
    public void close() {
        try {
            stop(pool);
            stop(renderPool);
        } finally {
            if (ownsSegmenter) {
                segmenter.close();
            }
        }
    }

    private static void stop(ExecutorService threads) {
        threads.shutdown();
        try {
            if (!threads.awaitTermination(30, TimeUnit.SECONDS)) {
                threads.shutdownNow();
            }
        } catch (InterruptedException e) {
            threads.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
