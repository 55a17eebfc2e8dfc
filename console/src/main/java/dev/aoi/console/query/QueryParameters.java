package dev.aoi.console.query;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * A request's query parameters, read strictly: each value parsed with an error that names the parameter, an
 * unknown parameter (a typo such as {@code camra_id}) refused instead of silently ignored, a parameter given
 * twice refused instead of guessed.
 */
public final class QueryParameters {

    /** Prefix of the event-attribute filters, e.g. {@code attr.lot=L7}. */
    public static final String ATTRIBUTE_PREFIX = "attr.";
    private static final Pattern ATTRIBUTE_KEY = Pattern.compile("[A-Za-z0-9_.:-]{1,100}");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    private final Map<String, String[]> raw;

    public QueryParameters(Map<String, String[]> raw) {
        this.raw = raw;
    }

    /** Refuses any parameter outside {@code known} (and {@code attr.*} when {@code attributes}). */
    public QueryParameters allow(Set<String> known, boolean attributes) {
        for (String name : raw.keySet()) {
            if (!known.contains(name) && !(attributes && name.startsWith(ATTRIBUTE_PREFIX))) {
                throw new BadFilterException(name, "unknown parameter '" + name + "'; this endpoint takes "
                        + String.join(", ", new TreeSet<>(known)) + (attributes ? " and attr.KEY=VALUE" : ""));
            }
        }
        return this;
    }

    /** The value of {@code name}, or null when absent or blank. */
    public String string(String name) {
        String[] values = raw.get(name);
        if (values == null || values.length == 0) {
            return null;
        }
        if (values.length > 1) {
            throw new BadFilterException(name, name + " is given " + values.length + " times; give it once");
        }
        String value = values[0].trim();
        return value.isEmpty() ? null : value;
    }

    /** An integer in {@code [min, max]}, or null. */
    public Integer integer(String name, int min, int max) {
        String value = string(name);
        if (value == null) {
            return null;
        }
        try {
            int n = Integer.parseInt(value);
            if (n < min || n > max) {
                throw new BadFilterException(name, name + " must be " + min + ".." + max + ", got " + n);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new BadFilterException(name, name + " must be an integer, got '" + value + "'");
        }
    }

    /** An ISO-8601 instant ({@code 2026-11-01T06:00:00Z}, an offset, or a date meaning its start in UTC). */
    public Instant instant(String name) {
        String value = string(name);
        if (value == null) {
            return null;
        }
        try {
            if (value.length() == 10) {
                return LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw new BadFilterException(name, name + " must be an ISO-8601 time such as 2026-11-01T06:00:00Z"
                    + " or a date such as 2026-11-01, got '" + value + "'");
        }
    }

    /** A lower-case hex SHA-256, or null. */
    public String sha256(String name) {
        String value = string(name);
        if (value != null && !SHA256.matcher(value).matches()) {
            throw new BadFilterException(name, name + " must be 64 lower-case hex digits, got '" + value + "'");
        }
        return value;
    }

    /** One of {@code choices}, or {@code fallback} when absent. */
    public String choice(String name, Set<String> choices, String fallback) {
        String value = string(name);
        if (value == null) {
            return fallback;
        }
        if (!choices.contains(value)) {
            throw new BadFilterException(name, name + " must be one of " + new TreeSet<>(choices) + ", got '"
                    + value + "'");
        }
        return value;
    }

    /** The capture-time range of {@code from} and {@code to}. */
    public TimeRange range() {
        return new TimeRange(instant("from"), instant("to"));
    }

    /** Every {@code attr.KEY=VALUE} filter, key to value. */
    public Map<String, String> attributes() {
        Map<String, String> out = new LinkedHashMap<>();
        for (String name : raw.keySet()) {
            if (name.startsWith(ATTRIBUTE_PREFIX)) {
                String key = name.substring(ATTRIBUTE_PREFIX.length());
                if (!ATTRIBUTE_KEY.matcher(key).matches()) {
                    throw new BadFilterException(name, "attribute filter '" + name + "' needs a key of 1..100"
                            + " characters of [A-Za-z0-9_.:-], as in attr.lot=L7");
                }
                String value = string(name);
                if (value == null) {
                    throw new BadFilterException(name, name + " needs a value, as in attr.lot=L7");
                }
                out.put(key, value);
            }
        }
        return out;
    }

    /** The page asked for: {@code limit} (default {@code defaultLimit}, at most {@code max}) and {@code cursor}. */
    public PageRequest page(int defaultLimit, int max, int keySize, int instants, boolean unlimited) {
        Integer limit = integer("limit", 1, max);
        Integer effective = limit != null ? limit : unlimited ? null : defaultLimit;
        String cursor = string("cursor");
        return new PageRequest(effective, cursor == null ? null : Cursor.decode(cursor, keySize, instants));
    }
}
