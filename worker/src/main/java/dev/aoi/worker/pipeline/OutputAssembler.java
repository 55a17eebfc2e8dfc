package dev.aoi.worker.pipeline;

import dev.aoi.common.DeadLetters.Reason;
import dev.aoi.common.event.EventCodec;
import dev.aoi.common.event.InspectionResult;
import dev.aoi.common.kafka.DeadLetterRecords;
import dev.aoi.worker.inspect.FrameOutcome;
import dev.aoi.worker.pipeline.ImageRefReader.Poison;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * What to publish for each settled input record: its result on the results topic, or its dead letter (poison input,
 * a rejected frame, or a result too large for the broker). Plain and the same for both publishing modes.
 */
final class OutputAssembler {

    private final EventCodec codec;
    private final DeadLetterRecords deadLetters;
    private final String resultsTopic;
    private final int maxResultBytes;
    /** Records whose result the broker refused as too large in a transaction: dead-lettered when read again. */
    private final Set<String> refusedAsTooLarge = new HashSet<>();

    OutputAssembler(EventCodec codec, DeadLetterRecords deadLetters, String resultsTopic, int maxResultBytes) {
        this.codec = codec;
        this.deadLetters = deadLetters;
        this.resultsTopic = resultsTopic;
        this.maxResultBytes = maxResultBytes;
    }

    /** One output per record, in order; every valid record must have a settled outcome. */
    List<Output> outputsOf(List<FetchedRecord> records, Map<FetchedRecord, FrameOutcome> outcomes) {
        List<Output> outputs = new ArrayList<>(records.size());
        for (FetchedRecord record : records) {
            if (record.read() instanceof Poison poison) {
                outputs.add(deadLetter(record, poison.reason(), poison.detail()));
            } else if (outcomes.get(record) instanceof FrameOutcome.Inspected inspected) {
                outputs.add(result(record, inspected.result()));
            } else if (outcomes.get(record) instanceof FrameOutcome.Rejected rejected) {
                outputs.add(deadLetter(record, rejected.reason(), rejected.detail()));
            } else {
                throw new IllegalStateException("publishing " + record.record() + " before it is settled");
            }
        }
        return outputs;
    }

    private Output result(FetchedRecord source, InspectionResult inspected) {
        // the source offset orders reprocessings of one frame in the database, not the worker's clock
        InspectionResult result = inspected.withSourceOffset(source.offset());
        byte[] key = result.imgUniqueId().getBytes(StandardCharsets.UTF_8);
        byte[] value = codec.encode(result);
        if (refusedAsTooLarge.remove(keyOf(source))) {
            return deadLetter(source, Reason.RESULT_TOO_LARGE, tooLargeDetail(result.imgUniqueId(), value.length));
        }
        if (value.length > maxResultBytes) {
            int regions = result.classes().stream().mapToInt(c -> c.totalRegions()).sum();
            return deadLetter(source, Reason.RESULT_TOO_LARGE, "the result of " + result.imgUniqueId() + " is "
                    + value.length + " bytes (" + regions + " regions), more than aoi.worker.max-result-bytes="
                    + maxResultBytes + "; raise it with the results topic's max.message.bytes, or raise"
                    + " aoi.worker.min-area-pixels");
        }
        return new Output(source, new ProducerRecord<>(resultsTopic, key, value), null);
    }

    Output deadLetter(FetchedRecord source, Reason reason, String detail) {
        return new Output(source, deadLetters.of(source.record(), reason, detail), reason);
    }

    /** The dead letter for a result the broker refused as too large: refused every time, so never retried. */
    Output refusedAsTooLarge(Output result) {
        return deadLetter(result.source(), Reason.RESULT_TOO_LARGE, tooLargeDetail(
                new String(result.record().key(), StandardCharsets.UTF_8), result.record().value().length));
    }

    /**
     * A transaction failed because the broker refused this record's result as too large: the transaction is
     * aborted and the record read again, and then it is dead-lettered instead of being refused forever.
     */
    void rememberRefusedAsTooLarge(FetchedRecord source) {
        refusedAsTooLarge.add(keyOf(source));
    }

    private static String keyOf(FetchedRecord source) {
        return source.tp() + "@" + source.offset();
    }

    private String tooLargeDetail(String imgUniqueId, int bytes) {
        return "the broker refused the result of " + imgUniqueId + " (" + bytes + " bytes) as larger than the topic "
                + resultsTopic + " accepts: raise its max.message.bytes to aoi.worker.max-result-bytes ("
                + maxResultBytes + ") plus 64 KiB, or lower aoi.worker.max-result-bytes";
    }
}
