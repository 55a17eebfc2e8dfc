package dev.aoi.console.query;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;

/**
 * Keyset pagination over a list ordered by {@code columns} (newest first, or ascending): the condition that
 * continues from a cursor, the ORDER BY for the direction read, and the page (with its cursors) from the rows
 * fetched. One more row than the page is fetched to know whether another page follows. Never OFFSET: a page
 * 150,000 rows deep costs what the first page costs, and rows inserted meanwhile move no other row.
 */
public final class Keyset {

    private final List<String> columns;
    private final boolean descending;

    /** A list ordered by {@code columns}, newest (largest) first when {@code descending}. */
    public Keyset(List<String> columns, boolean descending) {
        this.columns = List.copyOf(columns);
        this.descending = descending;
    }

    /** Adds the continuation condition for {@code request}'s cursor (keys bound as {@code :k0, :k1, ...}). */
    public void addTo(SqlParts sql, PageRequest request, List<Object> boundKey) {
        if (request.cursor() == null) {
            return;
        }
        List<String> names = new ArrayList<>();
        for (int i = 0; i < boundKey.size(); i++) {
            names.add(":k" + i);
            sql.bind("k" + i, boundKey.get(i));
        }
        String op = request.forward() == descending ? "<" : ">";
        sql.where("(" + String.join(", ", columns) + ") " + op + " (" + String.join(", ", names) + ")");
    }

    /** {@code ORDER BY a DESC, b DESC} for a descending list read forward; the other way when read backward. */
    public String orderBy(PageRequest request) {
        String dir = request.forward() == descending ? " DESC" : " ASC";
        return "ORDER BY " + String.join(dir + ", ", columns) + dir;
    }

    /** {@code LIMIT n+1}, or nothing for an unlimited stream. */
    public static String limit(PageRequest request) {
        return request.limit() == null ? "" : "LIMIT " + (request.limit() + 1);
    }

    /** The page from {@code rows} as fetched (in the direction read), with its cursors from {@code keyOf}. */
    public static <T> Page<T> page(List<T> rows, PageRequest request, Function<T, List<String>> keyOf) {
        int limit = request.limit();
        boolean more = rows.size() > limit;
        List<T> items = new ArrayList<>(more ? rows.subList(0, limit) : rows);
        if (!request.forward()) {
            Collections.reverse(items);
        }
        if (items.isEmpty()) {
            Cursor back = request.cursor() == null ? null : new Cursor(true, request.cursor().key());
            Cursor ahead = request.cursor() == null || request.forward() ? null
                    : new Cursor(false, request.cursor().key());
            return new Page<>(items, encode(ahead), encode(back));
        }
        Cursor next = new Cursor(false, keyOf.apply(items.get(items.size() - 1)));
        Cursor prev = new Cursor(true, keyOf.apply(items.get(0)));
        boolean hasNext = request.forward() ? more : true;
        boolean hasPrev = request.forward() ? request.cursor() != null : more;
        return new Page<>(items, hasNext ? next.encode() : null, hasPrev ? prev.encode() : null);
    }

    private static String encode(Cursor cursor) {
        return cursor == null ? null : cursor.encode();
    }
}
