package dev.aoi.common;

import java.util.regex.Pattern;

/** The id rules of docs/events.md, docs/database.md: what an image id may be, and the ids derived from it. */
public final class ImageIds {

    /** Longest image id the contract allows. */
    public static final int MAX_LENGTH = 255;

    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._:-]{1," + MAX_LENGTH + "}");

    private ImageIds() {
    }

    /** True when {@code id} is a valid image id. */
    public static boolean isValid(String id) {
        return id != null && VALID.matcher(id).matches();
    }

    /** Returns {@code id} when it is valid, otherwise throws with the reason. */
    public static String requireValid(String id) {
        if (id == null) {
            throw new IllegalArgumentException("img_unique_id is missing");
        }
        if (!isValid(id)) {
            throw new IllegalArgumentException("img_unique_id must be 1.." + MAX_LENGTH
                    + " characters of [A-Za-z0-9._:-], got " + describe(id));
        }
        return id;
    }

    /** {@code {img}_c{class_id}}. */
    public static String classUniqueId(String imgUniqueId, int classId) {
        return imgUniqueId + "_c" + classId;
    }

    /** {@code {img}_c{class_id}_r{region_id}}. */
    public static String regionUniqueId(String imgUniqueId, int classId, int regionId) {
        return imgUniqueId + "_c" + classId + "_r" + regionId;
    }

    private static String describe(String id) {
        String shown = id.length() > 40 ? id.substring(0, 40) + "…" : id;
        return "\"" + shown + "\" (" + id.length() + " chars)";
    }
}
