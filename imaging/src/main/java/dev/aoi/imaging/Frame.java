package dev.aoi.imaging;

/** A decoded frame: 8-bit RGB, interleaved, row-major ({@code rgb[3*(y*width+x)+c]}), on the Java heap. */
public record Frame(int width, int height, byte[] rgb) {

    public Frame {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("frame size must be positive, got " + width + "x" + height);
        }
        if (rgb == null || rgb.length != 3L * width * height) {
            throw new IllegalArgumentException("a " + width + "x" + height + " RGB frame needs " + 3L * width * height
                    + " bytes, got " + (rgb == null ? "null" : rgb.length));
        }
    }

    public long pixels() {
        return (long) width * height;
    }
}
