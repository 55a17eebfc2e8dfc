package dev.aoi.worker.pipeline;

import java.time.Duration;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.Producer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The loop's producer, made on first use and made again after one had to be thrown away (a transactional producer
 * that could not abort is fenced or broken for good). Owned by the poll thread.
 */
final class ProducerSlot {

    private static final Logger log = LoggerFactory.getLogger(ProducerSlot.class);

    private final Supplier<Producer<byte[], byte[]>> producers;
    private final boolean transactional;
    private Producer<byte[], byte[]> producer;

    ProducerSlot(Supplier<Producer<byte[], byte[]>> producers, boolean transactional) {
        this.producers = producers;
        this.transactional = transactional;
    }

    /** The producer, made (and its transactions initialised) if there is none; throws if that fails. */
    Producer<byte[], byte[]> get() {
        if (producer != null) {
            return producer;
        }
        Producer<byte[], byte[]> created = producers.get();
        try {
            if (transactional) {
                created.initTransactions();
            }
        } catch (RuntimeException e) {
            created.close(Duration.ZERO);
            throw e;
        }
        producer = created;
        return producer;
    }

    /** True when a producer exists (something may be on its way to the broker). */
    boolean isOpen() {
        return producer != null;
    }

    /** Aborts the open transaction; a producer that cannot abort (fenced, fatal) is closed, to be made anew. */
    void abortOrReplace() {
        if (producer == null) {
            return;
        }
        try {
            producer.abortTransaction();
        } catch (RuntimeException e) {
            log.warn("Could not abort the transaction ({}); starting a new producer", e.toString());
            producer.close(Duration.ZERO);
            producer = null;
        }
    }

    /** Closes the producer, waiting up to {@code timeout} for outstanding acknowledgements. */
    void close(Duration timeout) {
        if (producer != null) {
            Producer<byte[], byte[]> closing = producer;
            closing.close(timeout);
            producer = null;
        }
    }
}
