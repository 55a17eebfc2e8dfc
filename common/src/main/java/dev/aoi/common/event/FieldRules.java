package dev.aoi.common.event;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;

/**
 * What an ingested frame's fields may hold, derived from what the database stores (docs/security.md, "Input
 * limits"): a frame that breaks one is refused where it enters (the producer answers 400, the worker dead-letters
 * the record before inspecting it) instead of failing in the persister after the model ran. The event records'
 * constructors apply these rules, so the producer, the worker and the persister read the same ones.
 */
public final class FieldRules {

    /** The only {@code schema_version} this code understands; any other is refused, never read as this one. */
    public static final int SCHEMA_VERSION = 1;
    /** {@code images.input_image_path} is VARCHAR(500). */
    public static final int MAX_IMAGE_URI_CHARS = 500;
    /** {@code images.camera_id} is VARCHAR(200). */
    public static final int MAX_CAMERA_ID_CHARS = 200;
    /** Attributes are kept as JSONB; these bound one frame's share of a row. */
    public static final int MAX_ATTRIBUTES = 64;
    public static final int MAX_ATTRIBUTE_KEY_CHARS = 100;
    public static final int MAX_ATTRIBUTE_VALUE_CHARS = 1000;
    /** Start of the message of a refused version; {@link EventFormatException#isUnsupportedVersion()} looks for it. */
    static final String UNSUPPORTED_VERSION = "unsupported schema_version";

    private FieldRules() {
    }

    /** Refuses every version but {@link #SCHEMA_VERSION}: a newer writer's record is not guessed at. */
    public static void requireKnownSchemaVersion(int version) {
        if (version != SCHEMA_VERSION) {
            throw new IllegalArgumentException(UNSUPPORTED_VERSION + " " + version + ": this version reads "
                    + SCHEMA_VERSION + " only");
        }
    }

    /** Text the database can store: at most {@code maxChars} characters, no NUL, no broken surrogate pair. */
    public static String requireStorable(String value, String field, int maxChars) {
        if (value == null) {
            return null;
        }
        if (value.length() > maxChars) {
            throw new IllegalArgumentException(field + " is " + value.length() + " characters, more than the "
                    + maxChars + " stored");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == 0) {
                throw new IllegalArgumentException(field + " contains a NUL character (at " + i + "), which the"
                        + " database cannot store");
            }
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new IllegalArgumentException(field + " contains an unpaired UTF-16 surrogate (at " + i
                        + "): not valid Unicode text");
            }
        }
        return value;
    }

    /** An identifier-like field (camera id, attribute name): storable and without control characters. */
    public static String requireName(String value, String field, int maxChars) {
        requireStorable(value, field, maxChars);
        if (value != null && value.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException(field + " contains a control character");
        }
        return value;
    }

    /** The attributes a frame may carry: {@link #MAX_ATTRIBUTES} names and values of bounded, storable text. */
    public static void requireStorableAttributes(Map<String, String> attributes) {
        if (attributes.size() > MAX_ATTRIBUTES) {
            throw new IllegalArgumentException("attributes has " + attributes.size() + " entries, more than the "
                    + MAX_ATTRIBUTES + " allowed");
        }
        attributes.forEach((k, v) -> {
            if (k.isEmpty()) {
                throw new IllegalArgumentException("attributes must not have an empty name");
            }
            requireName(k, "attributes name '" + shorten(k) + "'", MAX_ATTRIBUTE_KEY_CHARS);
            requireStorable(v, "attributes." + shorten(k), MAX_ATTRIBUTE_VALUE_CHARS);
        });
    }

    /**
     * An {@code image_uri} that names one file: an absolute path, or a URI with a scheme; a {@code file:} URI must
     * be hierarchical with an absolute path ({@code file:///data/a.png}, {@code file:/data/a.png}). An opaque or
     * relative one such as {@code file:foo} names no file, so it is refused where it enters rather than guessed at.
     */
    public static String requireLocatableImageUri(String uri) {
        requireStorable(uri, "image_uri", MAX_IMAGE_URI_CHARS);
        if (uri.startsWith("/")) {
            return uri;
        }
        URI parsed;
        try {
            parsed = new URI(uri);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("image_uri must be an absolute path or a URI such as"
                    + " file:///data/frame.png, got '" + shorten(uri) + "' (" + e.getReason() + ")");
        }
        if (parsed.getScheme() == null || parsed.getScheme().length() < 2) { // "C:" is a drive, not a scheme
            throw new IllegalArgumentException("image_uri must be an absolute path or a URI such as"
                    + " file:///data/frame.png, got '" + shorten(uri) + "'");
        }
        if (parsed.getScheme().equalsIgnoreCase("file")
                && (parsed.isOpaque() || parsed.getPath() == null || !parsed.getPath().startsWith("/"))) {
            throw new IllegalArgumentException("image_uri '" + shorten(uri) + "' is an opaque or relative file: URI;"
                    + " write file:///absolute/path or an absolute path");
        }
        return uri;
    }

    private static String shorten(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }
}
