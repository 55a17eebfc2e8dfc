package dev.aoi.console.query;

import java.util.Map;

/** One statement as a repository runs it: SQL with {@code :named} parameters and their values (for EXPLAIN). */
public record Sql(String text, Map<String, Object> params) {
}
