package dev.aoi.console.query;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * A keyset position, opaque to clients: which way to read ({@link #backward()}) and the sort key of the row the
 * page continues from, as text values (a capture time and one or two ids). Encoded as URL-safe Base64 of a small
 * versioned text, so a client cannot build one by accident and a changed format is refused rather than misread.
 */
public record Cursor(boolean backward, List<String> key) {

    private static final String VERSION = "k1";
    private static final char SEP = '\u001f';

    public Cursor {
        key = List.copyOf(key);
    }

    /** A cursor that continues after (forward) or before (backward) the row with this key. */
    public static Cursor at(boolean backward, String... key) {
        return new Cursor(backward, List.of(key));
    }

    /** The same position, read the other way. */
    public Cursor reversed() {
        return new Cursor(!backward, key);
    }

    /** The key's {@code i}th value as a capture time (written by {@link #instant(Instant)}). */
    public Instant instantAt(int i) {
        String[] parts = key.get(i).split("\\.", 2);
        return Instant.ofEpochSecond(Long.parseLong(parts[0]), Long.parseLong(parts[1]));
    }

    /** A capture time as a key value, exact to the nanosecond. */
    public static String instant(Instant at) {
        return at.getEpochSecond() + "." + at.getNano();
    }

    /** The opaque form handed to clients. */
    public String encode() {
        StringBuilder text = new StringBuilder(VERSION).append(SEP).append(backward ? 'b' : 'f');
        key.forEach(v -> text.append(SEP).append(v));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.toString().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Decodes a client's cursor whose key has {@code size} values, the first {@code instants} of them capture
     * times; anything else is a 400 naming {@code cursor}.
     */
    public static Cursor decode(String encoded, int size, int instants) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(encoded), StandardCharsets.UTF_8);
            List<String> parts = split(text);
            if (parts.size() != 2 + size || !parts.get(0).equals(VERSION)
                    || !(parts.get(1).equals("f") || parts.get(1).equals("b"))) {
                throw new IllegalArgumentException("unexpected layout");
            }
            Cursor cursor = new Cursor(parts.get(1).equals("b"), parts.subList(2, parts.size()));
            for (int i = 0; i < instants; i++) {
                cursor.instantAt(i);
            }
            return cursor;
        } catch (RuntimeException e) {
            throw new BadFilterException("cursor", "cursor is not one this endpoint handed out: pass next_cursor or"
                    + " prev_cursor of an earlier answer unchanged");
        }
    }

    private static List<String> split(String text) {
        List<String> parts = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= text.length(); i++) {
            if (i == text.length() || text.charAt(i) == SEP) {
                parts.add(text.substring(start, i));
                start = i + 1;
            }
        }
        return parts;
    }
}
