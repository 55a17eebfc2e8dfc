package dev.aoi.persister.write;

import java.sql.SQLException;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.jdbc.support.SQLExceptionSubclassTranslator;
import org.springframework.jdbc.support.SQLExceptionTranslator;

/**
 * Tells a database fault that will pass (retry the batch) from one that a record causes (isolate the record), on
 * Spring's translation of the {@link SQLException} ({@link #TRANSLATOR}, the one the writer's {@code JdbcTemplate}
 * and transaction manager use): the record's fault is a {@link DataIntegrityViolationException} of SQLState class
 * 22 (data) or 23 (constraint), or class 54 (a value too big for an index); everything else, including unknown
 * states, is retried — a bug or a missing migration must stop the stream loudly, never dead-letter good results.
 * Where Spring's categories say something else than these rules, the rule and its reason are written below.
 */
public final class SqlFaults {

    /**
     * Spring's default translator without a {@code sql-error-codes.xml}: the JDBC 4 exception subclass, else the
     * SQLState class. Set explicitly, so that a such file on the classpath cannot change what counts as poison.
     */
    static final SQLExceptionTranslator TRANSLATOR = new SQLExceptionSubclassTranslator();

    private SqlFaults() {
    }

    /** True when {@code failure} was caused by the data of the statement, so that retrying cannot help. */
    public static boolean isPoison(Throwable failure) {
        DataAccessException translated = translate(failure);
        if (translated == null || isTransientCategory(translated)) {
            return false;
        }
        String stateClass = stateClass(failure);
        if (translated instanceof DataIntegrityViolationException) {
            // Spring also files classes 01, 02, 27 and 44 here. PostgreSQL raises 01 and 02 only as warnings, and
            // 27 (a trigger changed the row being changed) or 44 (a view's check option) only for a fault of the
            // statement or the schema, which must stop the stream rather than dead-letter every result.
            return "22".equals(stateClass) || "23".equals(stateClass);
        }
        // Spring files class 54 (program limit exceeded) as a resource failure; in PostgreSQL it is a value of the
        // record too big for an index row (54000) or too many values in one statement: retrying cannot help.
        return "54".equals(stateClass);
    }

    /** True for a lost or refused connection, a restarting server, a serialisation failure or deadlock. */
    public static boolean isTransient(Throwable failure) {
        DataAccessException translated = translate(failure);
        String state = sqlState(failure);
        if (translated != null && isTransientCategory(translated)) {
            // Spring calls a cancelled statement (57014: statement_timeout, an operator's cancel) a transient
            // QueryTimeoutException; the same statement would be cancelled again, so it stops the start as before.
            return !(translated instanceof QueryTimeoutException && "57014".equals(state));
        }
        if (state == null) {
            return false;
        }
        // Spring files these as DataAccessResourceFailureException, a non-transient fault (the statement cannot
        // succeed on this connection), or leaves them uncategorised (55P03); for a service that waits for its
        // database they pass: the server comes back, a connection frees up, the lock is released.
        return state.startsWith("08") // connection exception
                || state.startsWith("57P") // admin/crash shutdown, cannot connect now
                || state.startsWith("53") // insufficient resources (too many connections, disk full)
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

    /**
     * The database's own words: the message of the first {@link SQLException} along the cause chain (Spring's
     * exceptions add the statement, which says nothing about the fault), else {@code failure}'s message.
     */
    public static String message(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException) {
                return t.getMessage();
            }
        }
        return failure.getMessage();
    }

    /** The first {@link DataAccessException} along the cause chain, else Spring's translation of the first
     * {@link SQLException} (so Flyway's and the driver's own exceptions are read the same way), else null. */
    private static DataAccessException translate(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof DataAccessException translated) {
                return translated;
            }
            if (t instanceof SQLException sql) {
                return TRANSLATOR.translate("classify", null, sql);
            }
        }
        return null;
    }

    /** Spring's "may succeed when retried": the driver or the pool said so (JDBC's transient and recoverable
     * exception types), or the server reported a serialisation failure or deadlock (SQLState class 40). */
    private static boolean isTransientCategory(DataAccessException e) {
        return e instanceof TransientDataAccessException || e instanceof RecoverableDataAccessException;
    }

    private static String stateClass(Throwable failure) {
        String state = sqlState(failure);
        return state == null || state.length() < 2 ? null : state.substring(0, 2);
    }
}
