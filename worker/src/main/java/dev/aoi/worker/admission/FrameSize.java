package dev.aoi.worker.admission;

/**
 * What a frame will cost before it is decoded: its declared pixels and its file's size, or {@link #UNKNOWN} when
 * the file could not be sized (missing, outside the roots, not an image): the inspector then refuses it with the
 * right reason without decoding it, so it costs nothing worth budgeting.
 */
public record FrameSize(int width, int height, long fileBytes) {

    public static final FrameSize UNKNOWN = new FrameSize(0, 0, 0);

    public long pixels() {
        return (long) width * height;
    }

    public boolean known() {
        return this != UNKNOWN && width > 0 && height > 0;
    }
}
