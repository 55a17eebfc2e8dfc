package dev.aoi.console.query;

import java.util.List;
import java.util.function.Consumer;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionOperations;

/**
 * How the repositories run a list statement: one page held in memory, or every row handed on as it arrives (CSV).
 * PostgreSQL's driver streams with the fetch size only inside a transaction, hence the read transaction around it.
 */
public final class ListStatements {

    private final JdbcClient jdbc;
    private final NamedParameterJdbcTemplate streaming;
    private final TransactionOperations readTransaction;

    /** {@code streaming} must have a fetch size; {@code readTransaction} opens the transaction it needs to stream. */
    public ListStatements(NamedParameterJdbcTemplate streaming, TransactionOperations readTransaction) {
        this.jdbc = JdbcClient.create(streaming);
        this.streaming = streaming;
        this.readTransaction = readTransaction;
    }

    /** For the repositories' single-row statements. */
    public JdbcClient jdbc() {
        return jdbc;
    }

    /** The statement's rows, in memory: a page. */
    public <T> List<T> list(Sql statement, RowMapper<T> mapper) {
        return jdbc.sql(statement.text()).params(statement.params()).query(mapper).list();
    }

    /** The statement's rows to {@code sink} one by one, without holding them. */
    public <T> void stream(Sql statement, RowMapper<T> mapper, Consumer<T> sink) {
        readTransaction.executeWithoutResult(tx -> streaming.query(statement.text(), statement.params(),
                (RowCallbackHandler) rs -> sink.accept(mapper.mapRow(rs, 0))));
    }
}
