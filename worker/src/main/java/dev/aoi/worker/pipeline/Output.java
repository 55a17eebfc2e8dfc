package dev.aoi.worker.pipeline;

import dev.aoi.common.DeadLetters.Reason;
import org.apache.kafka.clients.producer.ProducerRecord;

/** One output to publish for one input record: its result, or its dead letter ({@code reason} set). */
record Output(FetchedRecord source, ProducerRecord<byte[], byte[]> record, Reason reason) {

    boolean isResult() {
        return reason == null;
    }

    /** Counts an output once the broker has acknowledged it (counted earlier, a retried publish would count twice). */
    void countAcknowledged(WorkerMetrics metrics) {
        if (reason == null) {
            metrics.frameOut();
        } else {
            metrics.deadLetter(reason);
        }
    }
}
