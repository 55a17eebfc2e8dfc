package dev.aoi.worker.admission;

import dev.aoi.common.event.ImageRef;
import dev.aoi.imaging.FrameDecoder;
import dev.aoi.imaging.ImageHeader;
import dev.aoi.worker.decode.ImageSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Sizes a frame from its file's header without decoding it, under the same root rules as the inspector. */
public final class FrameSizer {

    private final ImageSource source;

    public FrameSizer(ImageSource source) {
        this.source = source;
    }

    /** The frame's declared size and file size, or {@link FrameSize#UNKNOWN} when it cannot be sized. */
    public FrameSize size(ImageRef ref) {
        try {
            Path file = source.resolve(ref.imageUri());
            long bytes = Files.size(file);
            ImageHeader header = FrameDecoder.readHeader(file);
            return new FrameSize(header.width(), header.height(), bytes);
        } catch (IOException | RuntimeException e) {
            return FrameSize.UNKNOWN; // the inspector refuses (or retries) it for the true reason
        }
    }
}
