package dev.aoi.console.query;

import java.util.List;
import java.util.function.Function;

/**
 * One page of a keyset-paged list: {@code nextCursor} continues after the last item (null at the end),
 * {@code prevCursor} reads the page before the first item (null on the first page).
 */
public record Page<T>(List<T> items, String nextCursor, String prevCursor) {

    public Page {
        items = List.copyOf(items);
    }

    /** The same page with each item mapped. */
    public <R> Page<R> map(Function<T, R> f) {
        return new Page<>(items.stream().map(f).toList(), nextCursor, prevCursor);
    }
}
