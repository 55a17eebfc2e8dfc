package dev.aoi.infra.bench;

import dev.aoi.infra.net.TcpProxy;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * Adds a fixed delay to the end of every PostgreSQL transaction on one proxied connection: the server's reply
 * that closes a transaction is held back, so {@code commit()} (or a rollback) returns that much later.
 *
 * <p>Why the reply and not the client's {@code COMMIT}: pgjdbc server-prepares its COMMIT after
 * {@code prepareThreshold} uses and from then on sends only a Bind of the named statement, so the text "COMMIT"
 * stops appearing on the wire. The end of a transaction is visible in the server's ReadyForQuery message
 * ({@code 'Z'}, length 5, status byte): the status goes from {@code T} (in a transaction) or {@code E} (failed
 * transaction) back to {@code I} (idle). The scan looks for those six bytes in the raw stream, with the last
 * bytes of the previous chunk carried over so that a message split across reads is still seen; a DataRow
 * containing the same six bytes while a transaction is open would be a false positive, which the
 * persister's writes (no queries returning such rows) do not produce.
 */
final class TransactionEndDelay implements TcpProxy.DelayRule {

    private static final int MESSAGE_LENGTH = 6; // 'Z', int32 5, status

    private final LongSupplier delayNanos;
    private final LongAdder delayedTransactions;
    private final byte[] carry = new byte[MESSAGE_LENGTH - 1];
    private int carried;
    private byte status = 'I';

    /**
     * @param delayNanos          the delay now, asked at each transaction end (a benchmark switches it on and off)
     * @param delayedTransactions counts the transaction ends seen, delayed or not
     */
    TransactionEndDelay(LongSupplier delayNanos, LongAdder delayedTransactions) {
        this.delayNanos = delayNanos;
        this.delayedTransactions = delayedTransactions;
    }

    @Override
    public long delayNanos(byte[] chunk, int length) {
        byte[] window = new byte[carried + length];
        System.arraycopy(carry, 0, window, 0, carried);
        System.arraycopy(chunk, 0, window, carried, length);
        int ended = 0;
        for (int i = 0; i + MESSAGE_LENGTH <= window.length; i++) {
            if (isReadyForQuery(window, i)) {
                byte next = window[i + MESSAGE_LENGTH - 1];
                if (next == 'I' && (status == 'T' || status == 'E')) {
                    ended++;
                }
                status = next;
                i += MESSAGE_LENGTH - 1;
            }
        }
        carried = Math.min(carry.length, window.length);
        System.arraycopy(window, window.length - carried, carry, 0, carried);
        if (ended == 0) {
            return 0;
        }
        delayedTransactions.add(ended);
        return ended * Math.max(0, delayNanos.getAsLong());
    }

    private static boolean isReadyForQuery(byte[] b, int i) {
        byte s = b[i + 5];
        return b[i] == 'Z' && b[i + 1] == 0 && b[i + 2] == 0 && b[i + 3] == 0 && b[i + 4] == 5
                && (s == 'I' || s == 'T' || s == 'E');
    }
}
