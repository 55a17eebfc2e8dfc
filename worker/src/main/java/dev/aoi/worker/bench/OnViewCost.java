package dev.aoi.worker.bench;

import dev.aoi.common.event.InspectionResult;
import dev.aoi.imaging.ClassMap;
import dev.aoi.imaging.Frame;
import dev.aoi.imaging.FrameDecoder;
import dev.aoi.imaging.ResultPictures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the console spends, on one thread, to draw a frame's overlay and defect sheet the first time someone opens
 * it (the worker writes only the class map by default): read and decode the frame, read the class map, paint and
 * encode. Database and HTTP are left out; the console's cache serves later views.
 */
record OnViewCost(int frames, double decodeMs, double overlayMs, double sheetMs) {

    private static final int SAMPLE = 8;

    /** Measured on up to 8 of {@code results} that have regions and a class map; null when none has. */
    static OnViewCost measure(List<InspectionResult> results) throws IOException {
        List<InspectionResult> drawable = results.stream()
                .filter(r -> !r.resultImages().isEmpty() && ResultPictures.hasRegions(r.classes()))
                .limit(SAMPLE + 1L).toList();
        if (drawable.size() < 2) {
            return null;
        }
        draw(drawable.get(0), new long[3]); // warm-up: the JIT and the encoders' first images
        long[] nanos = new long[3];
        List<InspectionResult> timed = drawable.subList(1, drawable.size());
        for (InspectionResult r : timed) {
            draw(r, nanos);
        }
        double n = timed.size();
        return new OnViewCost(timed.size(), nanos[0] / 1e6 / n, nanos[1] / 1e6 / n, nanos[2] / 1e6 / n);
    }

    private static void draw(InspectionResult r, long[] nanos) throws IOException {
        long t0 = System.nanoTime();
        Frame frame = new FrameDecoder(FrameDecoder.DEFAULT_MAX_PIXELS).decode(Files.readAllBytes(Path.of(r.imageUri())),
                r.imgUniqueId());
        ClassMap map = ResultPictures.readClassMap(Files.readAllBytes(Path.of(r.resultImages().get(0))));
        long t1 = System.nanoTime();
        byte[] overlay = ResultPictures.overlayJpeg(frame, map, r.classes());
        long t2 = System.nanoTime();
        byte[] sheet = ResultPictures.defectSheetJpeg(frame, r.classes());
        long t3 = System.nanoTime();
        if (overlay.length == 0 || sheet == null || sheet.length == 0) {
            throw new IllegalStateException("no picture drawn for " + r.imgUniqueId());
        }
        long[] add = {t1 - t0, t2 - t1, t3 - t2};
        Arrays.setAll(nanos, i -> nanos[i] + add[i]);
    }

    Map<String, Object> json() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("frames", frames);
        out.put("decode_frame_and_class_map_ms", decodeMs);
        out.put("overlay_ms", overlayMs);
        out.put("defect_sheet_ms", sheetMs);
        out.put("first_view_ms", decodeMs + overlayMs + sheetMs);
        out.put("how", "one thread, per frame with regions: what the console spends to draw both pictures the first "
                + "time the frame is opened (database and HTTP left out; later views come from its cache)");
        return out;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "drawn on view by the console (one thread, %d frames): decode %.1f ms + "
                + "overlay %.1f ms + defect sheet %.1f ms = %.1f ms per frame opened the first time", frames, decodeMs,
                overlayMs, sheetMs, decodeMs + overlayMs + sheetMs);
    }
}
