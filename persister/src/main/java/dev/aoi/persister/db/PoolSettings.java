package dev.aoi.persister.db;

/**
 * Pool size in the terms of {@code DB_POOL_SIZE}/{@code DB_MAX_OVERFLOW} (SQLAlchemy's words): {@code size}
 * connections kept open, up to {@code maxOverflow} more under load. On HikariCP: minimumIdle = size,
 * maximumPoolSize = size + maxOverflow.
 */
public record PoolSettings(int size, int maxOverflow) {

    public static final int DEFAULT_SIZE = 5;
    public static final int DEFAULT_MAX_OVERFLOW = 10;

    public PoolSettings {
        if (size < 1) {
            throw new IllegalArgumentException("DB_POOL_SIZE must be >= 1, got " + size);
        }
        if (maxOverflow < 0) {
            throw new IllegalArgumentException("DB_MAX_OVERFLOW must be >= 0, got " + maxOverflow);
        }
    }

    public int maximumPoolSize() {
        return size + maxOverflow;
    }
}
