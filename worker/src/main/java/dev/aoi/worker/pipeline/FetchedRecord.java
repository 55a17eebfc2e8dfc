package dev.aoi.worker.pipeline;

import dev.aoi.common.event.ImageRef;
import dev.aoi.worker.pipeline.ImageRefReader.Valid;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * A fetched input record, what it was read as, and the epoch its partition had in the {@link OffsetLedger} when it
 * was fetched: an answer about a record of an older epoch is ignored, because the record will be read again.
 */
record FetchedRecord(ConsumerRecord<byte[], byte[]> record, TopicPartition tp, int epoch, ImageRefReader.Read read) {

    long offset() {
        return record.offset();
    }

    /** True for a well-formed ref, which goes to the model; false for poison, which is dead-lettered as it is. */
    boolean isValid() {
        return read instanceof Valid;
    }

    /** The ref of a valid record. */
    ImageRef ref() {
        return ((Valid) read).ref();
    }
}
