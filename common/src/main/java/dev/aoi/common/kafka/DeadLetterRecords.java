package dev.aoi.common.kafka;

import dev.aoi.common.DeadLetters;
import dev.aoi.common.DeadLetters.Reason;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * The one way a dead letter is made, by the worker and the persister alike (docs/bad-input.md): the original key and
 * value bytes, untouched, on the source topic's {@code .DLT}, with the original headers minus any {@code aoi-dlt-*}
 * ones it carried from an earlier dead-lettering, plus the {@link DeadLetters} headers saying why, from where, by
 * whom and when. A detail longer than {@link #MAX_DETAIL_CHARS} is cut.
 */
public final class DeadLetterRecords {

    /** Longest detail kept in a header; longer ones are cut (a header is not a log file). */
    public static final int MAX_DETAIL_CHARS = 2000;

    private final String dltTopic;
    private final String instanceId;
    private final Clock clock;

    public DeadLetterRecords(String dltTopic, String instanceId, Clock clock) {
        this.dltTopic = dltTopic;
        this.instanceId = instanceId;
        this.clock = clock;
    }

    public String topic() {
        return dltTopic;
    }

    public ProducerRecord<byte[], byte[]> of(ConsumerRecord<byte[], byte[]> source, Reason reason, String detail) {
        Headers headers = new RecordHeaders();
        for (Header h : source.headers()) {
            if (!h.key().startsWith(DeadLetters.PREFIX)) {
                headers.add(h);
            }
        }
        String cut = detail == null ? "" : detail.length() > MAX_DETAIL_CHARS
                ? detail.substring(0, MAX_DETAIL_CHARS) + "…" : detail;
        add(headers, DeadLetters.REASON, reason.name());
        add(headers, DeadLetters.DETAIL, cut);
        add(headers, DeadLetters.SOURCE_TOPIC, source.topic());
        add(headers, DeadLetters.SOURCE_PARTITION, Integer.toString(source.partition()));
        add(headers, DeadLetters.SOURCE_OFFSET, Long.toString(source.offset()));
        add(headers, DeadLetters.SERVICE_INSTANCE, instanceId);
        add(headers, DeadLetters.TIMESTAMP, DateTimeFormatter.ISO_INSTANT.format(clock.instant()));
        // partition chosen by the key, like the source: dead letters of one image stay in order
        return new ProducerRecord<>(dltTopic, null, source.key(), source.value(), headers);
    }

    private static void add(Headers headers, String key, String value) {
        headers.add(key, value.getBytes(StandardCharsets.UTF_8));
    }
}
