package dev.aoi.persister.lifecycle;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The monthly partitions of images, classes and regions: created ahead through the migrator's SECURITY DEFINER
 * function {@code aoi_ensure_partitions} (the persister's role has no DDL of its own), listed from the catalog, and
 * the rows the default partitions caught.
 */
public final class Partitions {

    /** The tables partitioned by month, parents before children. */
    public static final List<String> TABLES = List.of("images", "classes", "regions");

    private final JdbcClient jdbc;

    public Partitions(DataSource dataSource) {
        this.jdbc = JdbcClient.create(Objects.requireNonNull(dataSource, "dataSource"));
    }

    /** Creates the current month and {@code monthsAhead} after it where missing; returns how many months were new. */
    public int ensureAhead(int monthsAhead) {
        return jdbc.sql("SELECT aoi_ensure_partitions(?)").param(monthsAhead).query(Integer.class).single();
    }

    /** Creates the partitions of {@code month} (moving rows the default partition holds for it); true when new. */
    public boolean create(Month month) {
        return jdbc.sql("SELECT aoi_create_month_partitions(?)").param(month.firstDay()).query(Integer.class).single() > 0;
    }

    /** The months that have partitions, oldest first. */
    public List<Month> months() {
        List<String> names = jdbc.sql("""
                SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
                WHERE i.inhparent = 'images'::regclass ORDER BY c.relname""").query(String.class).list();
        List<Month> months = new ArrayList<>();
        for (String name : names) {
            Month m = Month.ofPartition(name);
            if (m != null) {
                months.add(m);
            }
        }
        return months;
    }

    /** Rows in each table's default partition (capture times outside every month partition). */
    public Map<String, Long> defaultRows() {
        Map<String, Long> rows = new LinkedHashMap<>();
        for (String table : TABLES) {
            rows.put(table, jdbc.sql("SELECT count(*) FROM " + table + "_default").query(Long.class).single());
        }
        return rows;
    }

    /** Rows of {@code table} captured in {@code month} (through the parent: only that month's partition is read). */
    public long rows(String table, Month month) {
        requireTable(table);
        return jdbc.sql("SELECT count(*) FROM " + table + " WHERE captured_at >= ? AND captured_at < ?")
                .param(java.sql.Timestamp.from(month.start())).param(java.sql.Timestamp.from(month.end()))
                .query(Long.class).single();
    }

    static void requireTable(String table) {
        if (!TABLES.contains(table)) {
            throw new IllegalArgumentException("not a partitioned table: " + table);
        }
    }
}
