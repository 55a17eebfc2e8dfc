package dev.aoi.persister.lifecycle;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** A calendar month in UTC: the unit of partitions, retention and archives ({@code images_p2026_11}). */
public record Month(YearMonth value) implements Comparable<Month> {

    /** {@code 2026-11}. */
    public static Month parse(String text) {
        try {
            return new Month(YearMonth.parse(text));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("a month is written YYYY-MM, got '" + text + "'");
        }
    }

    /** The month of partition {@code images_p2026_11} (any table prefix), or null for other names. */
    static Month ofPartition(String name) {
        int p = name.lastIndexOf("_p");
        if (p < 0 || name.length() - p != 9) {
            return null;
        }
        String digits = name.substring(p + 2);
        try {
            return new Month(YearMonth.of(Integer.parseInt(digits.substring(0, 4)), Integer.parseInt(digits.substring(5))));
        } catch (RuntimeException e) {
            return null;
        }
    }

    public LocalDate firstDay() {
        return value.atDay(1);
    }

    public Instant start() {
        return firstDay().atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    public Instant end() {
        return value.plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    @Override
    public int compareTo(Month o) {
        return value.compareTo(o.value);
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
