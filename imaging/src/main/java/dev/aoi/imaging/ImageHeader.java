package dev.aoi.imaging;

/** What an image file declares about itself before any pixel is decoded. */
public record ImageHeader(String format, int width, int height) {

    public long pixels() {
        return (long) width * height;
    }
}
