package dev.aoi.worker.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Point;
import org.opencv.core.Scalar;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;

/** The frames the worker bench inspects: the user's folder, or synthetic ones like the line's. */
final class BenchFrames {

    private BenchFrames() {
    }

    /** Up to {@code limit} image files of {@code dir} (masks left out), sorted by name. */
    static List<Path> list(Path dir, int limit) throws IOException {
        try (var s = Files.list(dir)) {
            List<Path> files = s.filter(p -> p.toString().matches("(?i).*\\.(png|jpe?g|bmp|tiff?)$"))
                    .filter(p -> !p.getFileName().toString().contains("mask")).sorted().limit(limit).toList();
            if (files.isEmpty()) {
                throw new IllegalArgumentException("no images in " + dir);
            }
            return files;
        }
    }

    /**
     * 1792² PNG frames (see {@link #pcb}); a {@code cleanShare} of them, spread evenly, have no defects: a line's
     * good boards.
     */
    static List<Path> synthesise(Path dir, int n, double cleanShare) throws IOException {
        Files.createDirectories(dir);
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            boolean clean = Math.floor((i + 1) * cleanShare) > Math.floor(i * cleanShare);
            Mat img = pcb(SIZE, 42 + i, clean);
            try {
                Path file = dir.resolve(String.format(Locale.ROOT, "frame-%04d.png", i));
                Imgcodecs.imwrite(file.toString(), img);
                files.add(file);
            } finally {
                img.release();
            }
        }
        return files;
    }

    /** The side of the bench's frames, the demo model's input. */
    static final int SIZE = 1792;

    /**
     * The one synthetic frame of the worker's benchmarks, BGR {@code size}²: amber substrate with sensor noise,
     * copper-coloured tracks, and unless {@code clean} 50 dark and bright specks (the demo model's defects). It
     * compresses like a camera frame, not like a flat test card. The caller releases it.
     */
    static Mat pcb(int size, long seed, boolean clean) {
        Random random = new Random(seed);
        double scale = size / (double) SIZE;
        Mat img = new Mat(size, size, CvType.CV_8UC3, new Scalar(40, 120, 200));
        Mat noise = new Mat(size, size, CvType.CV_8UC3);
        try {
            Core.randn(noise, 0, 12);
            Core.add(img, noise, img);
            for (int t = 0; t < 30; t++) {
                int y = random.nextInt(size);
                Imgproc.line(img, new Point(0, y), new Point(size - 1, y + (random.nextInt(200) - 100) * scale),
                        new Scalar(60, 140, 210), Math.max(1, (int) Math.round((8 + random.nextInt(20)) * scale)));
            }
            for (int d = 0; d < (clean ? 0 : 50); d++) {
                Imgproc.circle(img, new Point(random.nextInt(size), random.nextInt(size)),
                        Math.max(1, (int) Math.round((3 + random.nextInt(25)) * scale)),
                        d % 2 == 0 ? new Scalar(20, 20, 20) : new Scalar(230, 230, 230), -1);
            }
            return img;
        } catch (RuntimeException e) {
            img.release();
            throw e;
        } finally {
            noise.release();
        }
    }
}
