package dev.aoi.persister.write;

import dev.aoi.common.event.InspectionResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Stores a batch of results in one transaction, keeping the invariants of docs/lifecycle.md and docs/database.md:
 * the transaction, the choice of what to write and the isolation of poison are here; what a chunk of results
 * changes is {@link ChunkWriter}'s and the statements are {@link ResultRowsSql}'s, all through one
 * {@link JdbcTemplate} in a {@link TransactionTemplate} (spring-jdbc's plain objects over the DataSource, no
 * container).
 *
 * <p>Per batch: the newest result of each image is chosen ({@link NewestPerImage}, order of {@link ResultOrder}).
 * Each image's key row in {@code image_keys} is registered or locked — one images row per {@code img_unique_id}
 * across the monthly partitions, and one writer per image at a time. A result wins when it is newer than the
 * stored one; only for winners are the old classes and regions deleted (an image re-sent with another
 * {@code captured_at} also leaves its old month), the image row upserted and the new rows streamed in with COPY,
 * and the daily rollups changed by the difference. A replay (the same result again) and a late, older result
 * write nothing.
 *
 * <p>A result the database refuses for its own data ({@link SqlFaults#isPoison}: SQLState 22/23/54) is isolated by
 * bisection under savepoints and reported in {@link BatchOutcome#rejected()}; the rest of the batch commits. Any
 * other failure rolls the whole batch back and is thrown — a {@link DataAccessException}, or a
 * {@link TransactionException} when no transaction could be begun or ended — and the caller retries the batch.
 */
public final class ResultBatchWriter {

    private final ChunkWriter chunks;
    private final TransactionTemplate transaction;
    private final TransactionTemplate savepoint;

    public ResultBatchWriter(DataSource dataSource) {
        Objects.requireNonNull(dataSource, "dataSource");
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        jdbc.setExceptionTranslator(SqlFaults.TRANSLATOR);
        // JdbcTransactionManager (a DataSourceTransactionManager) translates a failed commit or rollback with the
        // same translator, so that a connection lost at commit is classified like one lost during a statement.
        JdbcTransactionManager transactions = new JdbcTransactionManager(dataSource);
        transactions.setExceptionTranslator(SqlFaults.TRANSLATOR);
        this.chunks = new ChunkWriter(jdbc);
        this.transaction = new TransactionTemplate(transactions);
        // inside the batch's transaction: a savepoint, rolled back (and released) when the chunk fails
        this.savepoint = new TransactionTemplate(transactions);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    }

    /** Stores {@code results} in one transaction and commits; throws (having rolled back) on a non-poison fault. */
    public BatchOutcome write(List<InspectionResult> results) {
        List<InspectionResult> newest = NewestPerImage.select(results).stream().map(results::get).toList();
        Isolation done;
        try {
            // The common case without savepoints (each one is a subtransaction that every row of the batch would
            // carry); only when a record poisons the batch is it rolled back and stored again, bisected under them.
            done = new Isolation(transaction.execute(status -> chunks.store(newest)));
        } catch (DataAccessException e) {
            if (!SqlFaults.isPoison(e)) {
                throw e;
            }
            done = transaction.execute(status -> {
                Isolation isolation = new Isolation(ChunkWriter.Counts.NONE);
                isolation.store(newest);
                return isolation;
            });
        }
        ChunkWriter.Counts counts = done.counts;
        return new BatchOutcome(results.size(), results.size() - newest.size(), counts.images(), counts.unchanged(),
                counts.classes(), counts.regions(), done.rejected);
    }

    /** The bisection of a poisoned batch in its transaction: what was stored and what was refused. */
    private final class Isolation {
        private ChunkWriter.Counts counts;
        private final List<Rejection> rejected = new ArrayList<>();

        Isolation(ChunkWriter.Counts counts) {
            this.counts = counts;
        }

        void store(List<InspectionResult> chunk) {
            if (chunk.isEmpty()) {
                return;
            }
            try {
                counts = counts.plus(savepoint.execute(status -> chunks.store(chunk)));
            } catch (DataAccessException e) {
                if (!SqlFaults.isPoison(e)) {
                    throw e;
                }
                // rolled back to the savepoint: the chunks stored before it stay
                if (chunk.size() == 1) {
                    rejected.add(new Rejection(chunk.get(0), SqlFaults.sqlState(e), firstLine(e)));
                    return;
                }
                int half = chunk.size() / 2;
                store(chunk.subList(0, half));
                store(chunk.subList(half, chunk.size()));
            }
        }
    }

    /** The first line of the database's message. */
    private static String firstLine(DataAccessException e) {
        String message = SqlFaults.message(e);
        if (message == null) {
            return "no message";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
