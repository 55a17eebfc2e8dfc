package dev.aoi.persister.write;

/** A result the database refused on its own account (constraint or data error): stored nowhere, to dead-letter. */
public record Rejection(int index, String sqlState, String detail) {
}
