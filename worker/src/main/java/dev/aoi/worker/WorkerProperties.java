package dev.aoi.worker;

import dev.aoi.common.Topics;
import dev.aoi.worker.inspect.InspectorSettings;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The worker's settings ({@code aoi.worker.*}); every one can be set from the environment by Spring's relaxed
 * binding, e.g. {@code AOI_WORKER_MODEL}, {@code AOI_WORKER_BATCH_SIZE}, {@code AOI_WORKER_TRANSACTIONS_ENABLED}.
 *
 * @param model          the ONNX model file (docs/model.md)
 * @param device         where inference runs: auto (CUDA when usable, else CPU), cuda, or cpu
 * @param allowedRoots   image paths must lie under one of these (docs/bad-input.md: outside is poison)
 * @param outputRoot     where result images are written
 * @param maxPixels      images declaring more pixels are refused before decoding
 * @param batchSize      frames per inspector call (and per inference run)
 * @param minAreaPixels  regions smaller than this are dropped (docs/measurement.md)
 * @param decodeThreads  threads decoding images ahead of inference (and as many measuring and rendering); 0 =
 *                       automatic: half the cores with the model on the CPU, all of them on a GPU ({@code CoreSplit})
 * @param intraOpThreads ONNX Runtime's intra-op threads; 0 = automatic: the cores the decoding leaves, at least one
 * @param workerId       this instance's id in results and dead letters; default {@code hostname-pid}
 * @param imagesTopic    input topic
 * @param resultsTopic   output topic
 * @param groupId        consumer group shared by all workers
 * @param groupProtocol  {@code classic} (with the cooperative-sticky assignor) or {@code consumer} (KIP-848)
 * @param maxBuffered    fetched records that may wait for the model before the partitions are paused;
 *                       0 means twice the batch size
 * @param pollTimeout    longest single poll of the consumer
 * @param retry          backoff for transient faults
 * @param transactions   exactly-once read-process-write
 * @param resultImages   which result images to write
 * @param maxResultBytes largest InspectionResult JSON the worker publishes; a larger one (a frame of noise with
 *                       hundreds of thousands of regions) is dead-lettered as RESULT_TOO_LARGE instead of
 *                       blocking its partition. The results topic's max.message.bytes must allow it.
 */
@ConfigurationProperties("aoi.worker")
public record WorkerProperties(
        Path model,
        @DefaultValue("auto") Device device,
        @DefaultValue("data") List<Path> allowedRoots,
        @DefaultValue("data/results") Path outputRoot,
        @DefaultValue("64000000") long maxPixels,
        @DefaultValue("4") int batchSize,
        @DefaultValue("1") int minAreaPixels,
        @DefaultValue("0") int decodeThreads,
        @DefaultValue("0") int intraOpThreads,
        String workerId,
        @DefaultValue(Topics.DEFAULT_IMAGES) String imagesTopic,
        @DefaultValue(Topics.DEFAULT_RESULTS) String resultsTopic,
        @DefaultValue(Topics.DEFAULT_WORKER_GROUP) String groupId,
        @DefaultValue("classic") GroupProtocol groupProtocol,
        @DefaultValue("0") int maxBuffered,
        @DefaultValue("100ms") Duration pollTimeout,
        @DefaultValue Retry retry,
        @DefaultValue Transactions transactions,
        @DefaultValue ResultImages resultImages,
        @DefaultValue("8388608") int maxResultBytes,
        @DefaultValue Memory memory,
        @DefaultValue CrashGuard crashGuard) {

    /**
     * Checks every setting once, when it is bound: the inspector's through {@link InspectorSettings} (its rules
     * live there, shared with the command-line tools), the rest here; a message names the setting.
     */
    public WorkerProperties {
        if (maxBuffered != 0 && maxBuffered < batchSize) {
            throw new IllegalArgumentException("aoi.worker.max-buffered (" + maxBuffered
                    + ") must be 0 (twice the batch size) or at least aoi.worker.batch-size (" + batchSize + ")");
        }
        if (maxResultBytes < 1024) {
            throw new IllegalArgumentException("aoi.worker.max-result-bytes must be >= 1024, got " + maxResultBytes);
        }
        allowedRoots = List.copyOf(allowedRoots);
        if (workerId == null || workerId.isBlank()) {
            workerId = defaultWorkerId();
        }
        if (intraOpThreads < 0) {
            throw new IllegalArgumentException("aoi.worker.intra-op-threads must be >= 0 (0 = automatic), got "
                    + intraOpThreads);
        }
        try {
            inspectorSettings(allowedRoots, maxPixels, outputRoot, resultImages, minAreaPixels, batchSize, workerId,
                    device, decodeThreads);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("aoi.worker." + e.getMessage()); // the message is all there is to say
        }
    }

    /** The inspector's settings, derived here and nowhere else. */
    public InspectorSettings inspectorSettings() {
        return inspectorSettings(allowedRoots, maxPixels, outputRoot, resultImages, minAreaPixels, batchSize, workerId,
                device, decodeThreads);
    }

    private static InspectorSettings inspectorSettings(List<Path> allowedRoots, long maxPixels, Path outputRoot,
            ResultImages resultImages, int minAreaPixels, int batchSize, String workerId, Device device,
            int decodeThreads) {
        return new InspectorSettings(allowedRoots, maxPixels, outputRoot, resultImages.classMapPng(),
                resultImages.overlay(), resultImages.defectSheet(), minAreaPixels, batchSize, workerId,
                device.name().toLowerCase(Locale.ROOT), decodeThreads);
    }

    /** Records that may wait for the model before the consumer pauses. */
    public int effectiveMaxBuffered() {
        return maxBuffered == 0 ? 2 * batchSize : maxBuffered;
    }

    /** Where inference runs. */
    public enum Device { AUTO, CUDA, CPU }

    /** Consumer-group protocol. */
    public enum GroupProtocol { CLASSIC, CONSUMER }

    /** Backoff after a transient fault: starts at {@code initial}, doubles up to {@code max}. */
    public record Retry(@DefaultValue("1s") Duration initial, @DefaultValue("30s") Duration max) {
    }

    /**
     * Exactly-once read-process-write: results, dead letters and input offsets commit in one Kafka transaction.
     * Consumers of the results must then read with {@code isolation.level=read_committed}.
     *
     * @param idPrefix the transactional id is this prefix followed by the worker id
     */
    public record Transactions(@DefaultValue("false") boolean enabled, @DefaultValue("aoi-worker-") String idPrefix) {
    }

    /**
     * Result images written per frame (docs/events.md: at most three): class-map PNG, overlay JPEG, defect crop
     * sheet. By default the class map only: the console draws a frame's overlay and defect sheet from it when
     * someone opens the frame (docs/worker-throughput.md), so the worker's CPU goes to frames, not to pictures
     * nobody looks at; turn them on where something reads them from the output folder directly.
     */
    public record ResultImages(@DefaultValue("true") boolean classMapPng, @DefaultValue("false") boolean overlay,
            @DefaultValue("false") boolean defectSheet) {
    }

    /**
     * What frames may cost together in one model run.
     *
     * @param budget        0 = derived from the JVM: heap max + direct max - reserve
     * @param bytesPerPixel what one declared pixel costs on its way through decode, inference, measuring, rendering
     * @param reserve       kept aside for the model, the clients and the JVM when the budget is derived
     */
    public record Memory(@DefaultValue("0") DataSize budget, @DefaultValue("64") int bytesPerPixel,
            @DefaultValue("256MB") DataSize reserve) {
    }

    /**
     * @param dir      marker files of frames in the model's hands; on a volume shared by the workers where possible
     * @param maxKills worker deaths with a frame in hand after which the frame is dead-lettered
     */
    public record CrashGuard(@DefaultValue(".aoi/worker-inflight") Path dir, @DefaultValue("2") int maxKills) {
    }

    static String defaultWorkerId() {
        String host = System.getenv("HOSTNAME");
        if (host == null || host.isBlank()) {
            try {
                host = InetAddress.getLocalHost().getHostName();
            } catch (UnknownHostException e) {
                host = "worker";
            }
        }
        return host + "-" + ProcessHandle.current().pid();
    }
}
