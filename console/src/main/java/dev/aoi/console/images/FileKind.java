package dev.aoi.console.images;

import java.util.Locale;

/** What a frame's stored file shows, from the worker's fixed result-image names. */
public enum FileKind {
    FRAME, CLASS_MAP, OVERLAY, DEFECT_SHEET, RESULT;

    /** The kind of the file stored as {@code name} ({@code input}, {@code result_1..3}) at {@code location}. */
    public static FileKind of(String name, String location) {
        if (name.equals("input")) {
            return FRAME;
        }
        String lower = location == null ? "" : location.toLowerCase(Locale.ROOT);
        if (lower.endsWith("classmap.png") || lower.endsWith("_classes.png")) {
            return CLASS_MAP;
        }
        if (lower.endsWith("overlay.jpg") || lower.endsWith("overlay.png")) {
            return OVERLAY;
        }
        if (lower.endsWith("defects.jpg")) {
            return DEFECT_SHEET;
        }
        return RESULT;
    }

    /** The kind as the API writes it. */
    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
