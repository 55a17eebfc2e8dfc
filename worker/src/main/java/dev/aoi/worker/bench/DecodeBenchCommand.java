package dev.aoi.worker.bench;

import dev.aoi.common.cli.Commands;
import dev.aoi.common.event.ClassResult;
import dev.aoi.common.event.ImageRef;
import dev.aoi.imaging.ClassMap;
import dev.aoi.imaging.Frame;
import dev.aoi.imaging.FrameDecoder;
import dev.aoi.imaging.OpenCvLoader;
import dev.aoi.worker.render.ResultImage;
import dev.aoi.worker.render.ResultImageWriter;
import dev.aoi.worker.vision.RegionMeasurer;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import javax.imageio.ImageIO;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.MatOfInt;
import org.opencv.imgcodecs.Imgcodecs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./aoi bench decode}: medians, on one thread, of decoding a photo-like frame with {@link FrameDecoder}
 * (header via ImageIO, pixels via OpenCV) against the baseline of {@code ImageIO.read} plus conversion to RGB, and of
 * writing each result image.
 */
@Command(name = "./aoi bench decode", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Image decoding on one thread: the worker's FrameDecoder against ImageIO.read plus conversion "
                + "to RGB on the same PNG and JPEG frame, and the time to write each result image; medians, as JSON "
                + "on stdout."})
public final class DecodeBenchCommand implements Callable<Integer> {

    @Option(names = "--size", paramLabel = "PX", description = "the frame's width and height (default: ${DEFAULT-VALUE})")
    int size = 1792;

    @Option(names = "--runs", paramLabel = "N", description = "timed runs of each, after one warm-up (default: ${DEFAULT-VALUE})")
    int runs = 10;

    @Option(names = "--json", paramLabel = "FILE", description = "also write the figures to FILE")
    Path json;

    public static int run(String... args) {
        return Commands.run(new DecodeBenchCommand(), args);
    }

    @Override
    public Integer call() {
        if (size < 16 || runs < 1) {
            throw new IllegalArgumentException("--size must be at least 16 and --runs at least 1");
        }
        try {
            OpenCvLoader.ensureLoaded();
            ImageIO.setUseCache(false);
            byte[] png = photoLike(size, ".png");
            byte[] jpeg = photoLike(size, ".jpg");
            FrameDecoder decoder = new FrameDecoder(FrameDecoder.DEFAULT_MAX_PIXELS);
            Map<String, Double> ms = new LinkedHashMap<>();
            ms.put("png_framedecoder_ms", median(runs, () -> decoder.decode(png, "png")));
            ms.put("png_imageio_ms", median(runs, () -> imageIo(png)));
            ms.put("jpeg_framedecoder_ms", median(runs, () -> decoder.decode(jpeg, "jpeg")));
            ms.put("jpeg_imageio_ms", median(runs, () -> imageIo(jpeg)));
            Frame frame = decoder.decode(jpeg, "jpeg");
            ClassMap map = blobs(size);
            List<ClassResult> classes = new RegionMeasurer(List.of("a", "b", "c", "d"), 1).measure(map);
            Path out = Files.createTempDirectory("aoi-bench");
            try {
                for (ResultImage kind : ResultImage.values()) {
                    ResultImageWriter w = new ResultImageWriter(out, EnumSet.of(kind));
                    ImageRef ref = ImageRef.of("bench", "/x", Instant.now());
                    ms.put("write_" + kind.name().toLowerCase(Locale.ROOT) + "_ms",
                            median(runs, () -> w.write(ref, frame, map, classes)));
                }
            } finally {
                try (var walk = Files.walk(out)) {
                    walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
            StringBuilder report = new StringBuilder("{\"bench\":\"decode\",\"size\":" + size + ",\"runs\":" + runs
                    + ",\"png_bytes\":" + png.length + ",\"jpeg_bytes\":" + jpeg.length);
            ms.forEach((k, v) -> report.append(String.format(Locale.ROOT, ",\"%s\":%.1f", k, v)));
            report.append('}');
            System.out.println(report);
            if (json != null) {
                Files.writeString(json, report + "\n");
            }
            return 0;
        } catch (IOException e) {
            System.err.println("./aoi bench decode: " + e);
            return 1;
        }
    }

    private static double median(int runs, Supplier<?> task) {
        task.get(); // warm-up
        double[] t = new double[runs];
        for (int i = 0; i < runs; i++) {
            long s = System.nanoTime();
            task.get();
            t[i] = (System.nanoTime() - s) / 1e6;
        }
        Arrays.sort(t);
        return t[runs / 2];
    }

    /** The baseline: ImageIO decodes, then its pixels are copied out as RGB bytes. */
    private static Frame imageIo(byte[] bytes) {
        try {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(bytes));
            int w = image.getWidth();
            int h = image.getHeight();
            int[] argb = image.getRGB(0, 0, w, h, null, 0, w);
            byte[] rgb = new byte[3 * w * h];
            for (int i = 0; i < argb.length; i++) {
                rgb[3 * i] = (byte) (argb[i] >> 16);
                rgb[3 * i + 1] = (byte) (argb[i] >> 8);
                rgb[3 * i + 2] = (byte) argb[i];
            }
            return new Frame(w, h, rgb);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The benchmarks' synthetic frame, encoded as {@code ext}. */
    private static byte[] photoLike(int size, String ext) {
        Mat img = BenchFrames.pcb(size, 1, false);
        MatOfByte buf = new MatOfByte();
        MatOfInt params = ext.equals(".jpg") ? new MatOfInt(Imgcodecs.IMWRITE_JPEG_QUALITY, 90) : new MatOfInt();
        try {
            Imgcodecs.imencode(ext, img, buf, params);
            return buf.toArray();
        } finally {
            img.release();
            buf.release();
            params.release();
        }
    }

    /** A class map with about 50 blobs of the four classes. */
    private static ClassMap blobs(int size) {
        return SyntheticDefects.generate(2, size, size, 4, 50, 2, Math.max(3, size / 70.0));
    }
}
