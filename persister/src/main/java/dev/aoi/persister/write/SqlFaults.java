package dev.aoi.persister.write;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;

/**
 * Tells a database fault that will pass (retry the batch) from one that a record causes (isolate the record).
 * Decided by SQLState: classes 22 (data) and 23 (constraint) and 54 (a value too big for an index) are the
 * record's fault; everything else, including unknown states, is retried — a bug or a missing migration must
 * stop the stream loudly, never dead-letter good results.
 */
public final class SqlFaults {

    private SqlFaults() {
    }

    /** True when {@code failure} was caused by the data of the statement, so that retrying cannot help. */
    public static boolean isPoison(Throwable failure) {
        if (isTransientType(failure)) {
            return false;
        }
        String state = sqlState(failure);
        return state != null && (state.startsWith("22") || state.startsWith("23") || state.startsWith("54"));
    }

    /** True for a lost or refused connection, a restarting server, a serialisation failure or deadlock. */
    public static boolean isTransient(Throwable failure) {
        if (isTransientType(failure)) {
            return true;
        }
        String state = sqlState(failure);
        if (state == null) {
            return false;
        }
        return state.startsWith("08") // connection exception
                || state.startsWith("57P") // admin/crash shutdown, cannot connect now
                || state.startsWith("53") // insufficient resources (too many connections, disk full)
                || state.equals("40001") || state.equals("40P01") // serialisation failure, deadlock
                || state.equals("55P03"); // lock not available
    }

    /** The first SQLState found along the cause chain and the chained SQL exceptions, or null. */
    public static String sqlState(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql) {
                for (SQLException e = sql; e != null; e = e.getNextException()) {
                    if (e.getSQLState() != null) {
                        return e.getSQLState();
                    }
                }
            }
        }
        return null;
    }

    private static boolean isTransientType(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLTransientException || t instanceof SQLRecoverableException) {
                return true;
            }
        }
        return false;
    }
}
