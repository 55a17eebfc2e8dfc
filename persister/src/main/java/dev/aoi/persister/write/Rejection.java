package dev.aoi.persister.write;

import dev.aoi.common.event.InspectionResult;

/**
 * A result the database refused on its own account (constraint or data error): stored nowhere, to dead-letter.
 * {@code sqlState} and {@code detail} are PostgreSQL's (the first line of its message).
 */
public record Rejection(InspectionResult result, String sqlState, String detail) {
}
