package dev.aoi.persister.write;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.PessimisticLockingFailureException;

class SqlFaultsTest {

    @Test
    void constraintAndDataErrorsArePoison() {
        assertThat(SqlFaults.isPoison(new SQLException("dup", "23505"))).isTrue();
        assertThat(SqlFaults.isPoison(new SQLException("too long", "22001"))).isTrue();
        assertThat(SqlFaults.isPoison(new SQLException("index row too big", "54000"))).isTrue();
        assertThat(SqlFaults.isTransient(new SQLException("dup", "23505"))).isFalse();
    }

    @Test
    void lostConnectionsRestartsAndConflictsAreTransient() {
        assertThat(SqlFaults.isTransient(new SQLException("io", "08006"))).isTrue();
        assertThat(SqlFaults.isTransient(new SQLException("admin shutdown", "57P01"))).isTrue();
        assertThat(SqlFaults.isTransient(new SQLException("serialization", "40001"))).isTrue();
        assertThat(SqlFaults.isTransient(new SQLException("deadlock", "40P01"))).isTrue();
        assertThat(SqlFaults.isTransient(new SQLTransientConnectionException("pool timeout"))).isTrue();
        assertThat(SqlFaults.isPoison(new SQLTransientConnectionException("pool timeout"))).isFalse();
    }

    @Test
    void unknownStatesAreNeitherSoTheyAreRetriedNotDeadLettered() {
        SQLException missingTable = new SQLException("relation does not exist", "42P01");
        assertThat(SqlFaults.isPoison(missingTable)).isFalse();
        assertThat(SqlFaults.isPoison(new SQLException("no state"))).isFalse();
    }

    @Test
    void theStateIsFoundInChainedAndWrappedExceptions() {
        BatchUpdateException batch = new BatchUpdateException("batch failed", null, 0, new int[0]);
        batch.setNextException(new SQLException("fk", "23503"));
        assertThat(SqlFaults.isPoison(batch)).isTrue();
        assertThat(SqlFaults.isTransient(new RuntimeException(new SQLException("io", "08001")))).isTrue();
    }

    @Test
    void springsTranslationDecidesExceptWhereItsCategoriesSaySomethingElse() {
        // what JdbcTemplate throws is read by its type: a duplicate key is the record's fault, a deadlock passes
        assertThat(SqlFaults.isPoison(new DuplicateKeyException("dup", new SQLException("dup", "23505")))).isTrue();
        assertThat(SqlFaults.isTransient(new PessimisticLockingFailureException("deadlock",
                new SQLException("deadlock", "40P01")))).isTrue();
        // Spring: data integrity; here: a fault of the statement (a trigger), retried rather than dead-lettered
        assertThat(SqlFaults.isPoison(new SQLException("triggered data change", "27000"))).isFalse();
        // Spring: a non-transient resource failure; here: the server is away for now
        assertThat(SqlFaults.isTransient(new DataAccessResourceFailureException("io",
                new SQLException("io", "08006")))).isTrue();
        // Spring: a transient query timeout; here: the same statement would be cancelled again
        assertThat(SqlFaults.isTransient(new SQLException("canceling statement due to statement timeout", "57014")))
                .isFalse();
    }
}
