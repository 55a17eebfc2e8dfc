package dev.aoi.producer.watch;

import dev.aoi.common.event.ImageRef;
import dev.aoi.producer.publish.ImageRefPublisher;
import dev.aoi.producer.publish.PublishMetrics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes every new image file under a directory tree once it is completely written: its size and mtime have
 * been stable for {@code stableFor}, its name is not a dot-file, {@code *.part} or {@code *.tmp}, and (PNG/JPEG) its
 * end marker is there. The tree is polled rather than watched with inotify: polling also finds what arrived while
 * the gateway was down, works on network shares, and is one code path. A durable {@link PublishedLedger} remembers
 * what was published (after the broker's ack), so a restart neither misses nor re-floods files.
 */
public final class WatchFolderGateway implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(WatchFolderGateway.class);

    private final WatchFolderSettings settings;
    private final ImageRefPublisher publisher;
    private final PublishMetrics metrics;
    private final Clock clock;
    private final Path root;
    private final PublishedLedger ledger;
    /** Files seen but not yet published: what they looked like and since when. */
    private final Map<String, Observation> pending = new HashMap<>();
    private ScheduledExecutorService scheduler;

    private record Observation(long size, long mtimeMillis, Instant unchangedSince) {
    }

    public WatchFolderGateway(WatchFolderSettings settings, ImageRefPublisher publisher, PublishMetrics metrics,
            Clock clock) {
        this.settings = settings;
        this.publisher = publisher;
        this.metrics = metrics;
        this.clock = clock;
        this.root = settings.root().toAbsolutePath().normalize();
        if (!Files.isDirectory(root)) {
            throw new IllegalArgumentException("watch folder " + root + " is not a directory: create it or fix "
                    + "aoi.producer.watch.dir");
        }
        this.ledger = new PublishedLedger(settings.stateDir());
        if (!ledger.existed()) {
            skipExistingOnFirstStart();
        }
    }

    /** Scans every {@code pollInterval} on a background thread until {@link #close()}. */
    public synchronized void start() {
        if (scheduler != null) {
            return;
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "aoi-watch-folder");
            t.setDaemon(true);
            return t;
        });
        long period = settings.pollInterval().toMillis();
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                scanOnce();
            } catch (RuntimeException e) {
                // a broken scan must not stop the gateway: the next one retries everything not yet in the ledger
                log.warn("watch-folder scan of {} failed, retrying in {} ms: {}", root, period, e.toString());
            }
        }, 0, period, TimeUnit.MILLISECONDS);
        log.info("watching {} (stable for {}, poll every {}, ledger {} entries)", root, settings.stableFor(),
                settings.pollInterval(), ledger.size());
    }

    /**
     * One pass: notes new and changed files, publishes those that have become stable, records them. Returns the
     * number published in this pass.
     */
    public synchronized int scanOnce() {
        Instant now = clock.instant();
        Map<String, BasicFileAttributes> present = listFrames();
        pending.keySet().retainAll(present.keySet());
        List<String> ready = new ArrayList<>();
        for (Map.Entry<String, BasicFileAttributes> e : present.entrySet()) {
            String rel = e.getKey();
            long size = e.getValue().size();
            long mtime = e.getValue().lastModifiedTime().toMillis();
            PublishedLedger.Entry known = ledger.get(rel);
            if (known != null && known.size() == size && known.mtimeMillis() == mtime) {
                pending.remove(rel);
                continue;
            }
            Observation seen = pending.get(rel);
            if (seen == null || seen.size() != size || seen.mtimeMillis() != mtime) {
                pending.put(rel, new Observation(size, mtime, now));
                if (!settings.stableFor().isZero()) {
                    continue;
                }
                seen = pending.get(rel);
            }
            if (!now.isBefore(seen.unchangedSince().plus(settings.stableFor())) && looksComplete(rel, seen, now)) {
                ready.add(rel);
            }
        }
        return publish(ready);
    }

    private boolean looksComplete(String rel, Observation seen, Instant now) {
        try {
            if (ImageFiles.hasCompleteTrailer(root.resolve(rel), seen.size())) {
                return true;
            }
        } catch (IOException e) {
            return false; // vanished or unreadable for now; looked at again next scan
        }
        if (!now.isBefore(seen.unchangedSince().plus(settings.stableFor()).plus(settings.incompleteAfter()))) {
            log.warn("{} has no image end marker but has not changed for {}; publishing it anyway so the worker "
                    + "can dead-letter it with a reason", rel, settings.incompleteAfter());
            return true;
        }
        return false;
    }

    private int publish(List<String> ready) {
        if (ready.isEmpty()) {
            return 0;
        }
        Map<String, CompletableFuture<?>> sent = new LinkedHashMap<>();
        for (String rel : ready) {
            Observation o = pending.get(rel);
            try {
                sent.put(rel, publisher.publishAsync(toRef(rel, o)));
            } catch (IllegalArgumentException e) {
                metrics.rejected("watch", "bad_field");
                log.warn("not publishing {}: {}", rel, e.getMessage());
            }
        }
        List<Map.Entry<String, PublishedLedger.Entry>> done = new ArrayList<>();
        for (Map.Entry<String, CompletableFuture<?>> e : sent.entrySet()) {
            try {
                e.getValue().join();
                Observation o = pending.remove(e.getKey());
                done.add(Map.entry(e.getKey(), new PublishedLedger.Entry('P', o.size(), o.mtimeMillis())));
            } catch (RuntimeException failure) {
                // stays pending: retried on the next scan; the ledger only ever holds acknowledged files
                log.warn("publishing {} failed, will retry: {}", e.getKey(), failure.getMessage());
            }
        }
        ledger.append(done);
        return done.size();
    }

    ImageRef toRef(String rel, Observation o) {
        Path file = root.resolve(rel);
        String camera = settings.cameraId();
        int slash = rel.indexOf('/');
        if (camera == null && slash > 0) {
            camera = rel.substring(0, slash);
        }
        return new ImageRef(ImageRef.SCHEMA_VERSION, PathIds.fromRelativePath(settings.idPrefix(), rel),
                file.toUri().toString(), camera, Instant.ofEpochMilli(o.mtimeMillis()),
                Map.of("source", "watch-folder", "path", rel));
    }

    /** On the first start, records the files older than the cutoff as skipped, so they are never published. */
    private void skipExistingOnFirstStart() {
        Instant cutoff = settings.since() != null ? settings.since() : clock.instant();
        List<Map.Entry<String, PublishedLedger.Entry>> skipped = new ArrayList<>();
        for (Map.Entry<String, BasicFileAttributes> e : listFrames().entrySet()) {
            long mtime = e.getValue().lastModifiedTime().toMillis();
            if (mtime < cutoff.toEpochMilli()) {
                skipped.add(Map.entry(e.getKey(), new PublishedLedger.Entry('S', e.getValue().size(), mtime)));
            }
        }
        ledger.append(skipped);
        log.info("first start of the watch folder {}: {} existing files older than {} skipped", root,
                skipped.size(), cutoff);
    }

    /** Frame files under the root by relative path ({@code /}-separated), skipping hidden directories. */
    private Map<String, BasicFileAttributes> listFrames() {
        Map<String, BasicFileAttributes> found = new HashMap<>();
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    return !dir.equals(root) && dir.getFileName().toString().startsWith(".")
                            ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (attrs.isRegularFile() && ImageFiles.isFrameName(file.getFileName().toString())) {
                        found.put(relative(file), attrs);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException exc) {
                    return FileVisitResult.CONTINUE; // renamed or deleted between listing and reading: next scan
                }
            });
        } catch (NoSuchFileException e) {
            throw new UncheckedIOException("watch folder " + root + " disappeared", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the watch folder " + root, e);
        }
        return found;
    }

    private String relative(Path file) {
        StringBuilder sb = new StringBuilder();
        for (Iterator<Path> it = root.relativize(file).iterator(); it.hasNext(); ) {
            sb.append(it.next());
            if (it.hasNext()) {
                sb.append('/');
            }
        }
        return sb.toString();
    }

    /** Number of files waiting to become stable (for tests and metrics). */
    public synchronized int pendingCount() {
        return pending.size();
    }

    @Override
    public void close() {
        ScheduledExecutorService s;
        synchronized (this) {
            s = scheduler;
            scheduler = null;
        }
        if (s != null) {
            s.shutdown();
            try {
                s.awaitTermination(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        synchronized (this) {
            ledger.close();
        }
    }
}
