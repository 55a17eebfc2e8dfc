package dev.aoi.worker.admission;

import dev.aoi.common.event.ImageRef;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last guard against a frame that kills its worker (the kernel's OOM killer, a crash in native code): before
 * a frame goes to the model a small marker file is written for it, counting the tries; it is removed when the try
 * ends, however it ends. A marker left behind means the worker died with that frame in hand. A frame found with
 * {@code maxKills} markers' worth of tries is refused instead of tried again; one with fewer is tried alone.
 *
 * <p>Why files: they survive the process (and, on the shared frames volume of compose and Kubernetes, the pod), cost
 * two small writes per frame, and need no broker round trip or commit before each model run. The marker is keyed by
 * the image id (hashed), so any worker that picks the record up after a rebalance sees it. A marker directory that
 * cannot be written only disables the guard (logged), it never stops inspection.
 */
public final class CrashGuard {

    private static final Logger log = LoggerFactory.getLogger(CrashGuard.class);

    private final Path dir;
    private final int maxKills;
    private volatile boolean warned;

    /**
     * @param dir      where markers live; shared by the workers of one group where possible
     * @param maxKills how many deaths with a frame in hand refuse it (2: the third worker is spared)
     */
    public CrashGuard(Path dir, int maxKills) {
        if (maxKills < 1) {
            throw new IllegalArgumentException("aoi.worker.crash-guard.max-kills must be >= 1, got " + maxKills);
        }
        this.dir = dir;
        this.maxKills = maxKills;
    }

    public int maxKills() {
        return maxKills;
    }

    public Path dir() {
        return dir;
    }

    /** How many earlier tries of this frame ended with the worker dead (markers left behind). */
    public int kills(ImageRef ref) {
        try {
            return Integer.parseInt(Files.readString(marker(ref), StandardCharsets.US_ASCII).trim());
        } catch (NoSuchFileException e) {
            return 0;
        } catch (IOException | NumberFormatException e) {
            warn("reading", e);
            return 0;
        }
    }

    /** Marks these frames as in the model's hands: one more try each. */
    public void enter(List<ImageRef> refs) {
        for (ImageRef ref : refs) {
            Path marker = marker(ref);
            try {
                Files.createDirectories(dir);
                Path temp = Files.createTempFile(dir, ".marker", ".tmp");
                Files.writeString(temp, Integer.toString(kills(ref) + 1), StandardCharsets.US_ASCII);
                try {
                    Files.move(temp, marker, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temp, marker, StandardCopyOption.REPLACE_EXISTING);
                }
            } catch (IOException e) {
                warn("writing", e);
            }
        }
    }

    /** The try of these frames ended (with an outcome or an exception): the worker survived them. */
    public void leave(List<ImageRef> refs) {
        for (ImageRef ref : refs) {
            forget(ref);
        }
    }

    /** Removes the frame's marker: after it is refused, a frame sent again starts from zero. */
    public void forget(ImageRef ref) {
        try {
            Files.deleteIfExists(marker(ref));
        } catch (IOException e) {
            warn("removing", e);
        }
    }

    private Path marker(ImageRef ref) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(ref.imgUniqueId().getBytes(StandardCharsets.UTF_8));
            return dir.resolve(HexFormat.of().formatHex(hash, 0, 20) + ".inflight");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private void warn(String doing, Exception e) {
        if (!warned) {
            warned = true;
            log.warn("Crash guard: {} a marker under {} failed ({}); frames that kill the worker are not counted until"
                    + " it works (aoi.worker.crash-guard.dir)", doing, dir, e.toString());
        }
    }
}
