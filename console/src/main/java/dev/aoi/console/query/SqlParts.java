package dev.aoi.console.query;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The WHERE conditions of one query and their named parameters, collected filter by filter. */
public final class SqlParts {

    private final List<String> conditions = new ArrayList<>();
    private final Map<String, Object> params = new LinkedHashMap<>();

    /** Adds {@code condition} (with {@code :name} placeholders) and binds its parameters, name/value pairs. */
    public SqlParts where(String condition, Object... nameValues) {
        conditions.add(condition);
        for (int i = 0; i < nameValues.length; i += 2) {
            params.put((String) nameValues[i], nameValues[i + 1]);
        }
        return this;
    }

    public SqlParts bind(String name, Object value) {
        params.put(name, value);
        return this;
    }

    /** {@code WHERE a AND b} or an empty string. */
    public String whereClause() {
        return conditions.isEmpty() ? "" : "WHERE " + String.join(" AND ", conditions);
    }

    /** {@code AND a AND b} or an empty string, for a query that has a WHERE of its own. */
    public String andClause() {
        return conditions.isEmpty() ? "" : "AND " + String.join(" AND ", conditions);
    }

    public Map<String, Object> params() {
        return params;
    }
}
