package dev.aoi.common.event;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Validation shared by the event records' constructors; messages name the JSON field. */
final class Fields {

    private Fields() {
    }

    static void requirePresent(Object value, String field) {
        if (value == null) {
            throw new IllegalArgumentException(field + " is missing");
        }
    }

    static void requireText(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " is missing or blank");
        }
    }

    static void requireNonNegative(long value, String field) {
        if (value < 0) {
            throw new IllegalArgumentException(field + " must be >= 0, got " + value);
        }
    }

    static void requirePositive(long value, String field) {
        if (value <= 0) {
            throw new IllegalArgumentException(field + " must be > 0, got " + value);
        }
    }

    static void requireFinite(double value, String field) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(field + " must be a finite number, got " + value);
        }
    }

    static Map<String, String> copyAttributes(Map<String, String> attributes) {
        if (attributes == null || attributes.isEmpty()) {
            return Map.of();
        }
        Map<String, String> copy = new LinkedHashMap<>();
        attributes.forEach((k, v) -> {
            if (k == null || v == null) {
                throw new IllegalArgumentException("attributes must map names to strings, got " + k + "=" + v);
            }
            copy.put(k, v);
        });
        return Collections.unmodifiableMap(copy);
    }

    static <T> List<T> copyList(List<T> list, String field) {
        if (list == null) {
            return List.of();
        }
        for (T item : list) {
            if (item == null) {
                throw new IllegalArgumentException(field + " must not contain null");
            }
        }
        return List.copyOf(list);
    }
}
