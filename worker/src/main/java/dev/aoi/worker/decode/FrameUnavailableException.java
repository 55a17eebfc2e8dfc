package dev.aoi.worker.decode;

/**
 * The image could not be read for a reason that may pass (an I/O error from the disk or a network mount, a
 * result folder that cannot be written): retry later with backoff, do not dead-letter.
 */
public class FrameUnavailableException extends RuntimeException {

    public FrameUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
