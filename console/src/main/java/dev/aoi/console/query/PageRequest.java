package dev.aoi.console.query;

/**
 * Where a page starts and how long it is. {@code limit} null means "every remaining row" and is allowed only
 * for streamed (CSV) answers; a null cursor starts at the newest row.
 */
public record PageRequest(Integer limit, Cursor cursor) {

    /** The first page of {@code limit} rows. */
    public static PageRequest first(int limit) {
        return new PageRequest(limit, null);
    }

    /** Reading towards older rows (the list's order); false for a "previous page" cursor. */
    public boolean forward() {
        return cursor == null || !cursor.backward();
    }
}
