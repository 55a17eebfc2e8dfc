package dev.aoi.persister.write;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;

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
}
