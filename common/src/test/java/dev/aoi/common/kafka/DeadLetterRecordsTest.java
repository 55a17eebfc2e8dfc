package dev.aoi.common.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aoi.common.DeadLetters;
import dev.aoi.common.DeadLetters.Reason;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.junit.jupiter.api.Test;

class DeadLetterRecordsTest {

    private final DeadLetterRecords records = new DeadLetterRecords("aoi.images.DLT", "w-1",
            Clock.fixed(Instant.parse("2026-11-23T12:00:00Z"), ZoneOffset.UTC));

    private static String header(Headers headers, String key) {
        return new String(headers.lastHeader(key).value(), StandardCharsets.UTF_8);
    }

    @Test
    void theOriginalBytesGoToTheDltWithHeadersSayingWhyAndFromWhere() {
        byte[] key = {1, 2, 3};
        byte[] value = "not json".getBytes(StandardCharsets.UTF_8);
        ConsumerRecord<byte[], byte[]> source = new ConsumerRecord<>("aoi.images", 2, 41L, key, value);
        source.headers().add("trace", "abc".getBytes(StandardCharsets.UTF_8));
        source.headers().add(DeadLetters.REASON, "OLD".getBytes(StandardCharsets.UTF_8));
        source.headers().add(DeadLetters.PREFIX + "retired-header", "x".getBytes(StandardCharsets.UTF_8));

        ProducerRecord<byte[], byte[]> dlt = records.of(source, Reason.MALFORMED_RECORD, "ImageRef: malformed JSON");

        assertThat(dlt.topic()).isEqualTo("aoi.images.DLT");
        assertThat(dlt.key()).isSameAs(key);
        assertThat(dlt.value()).isSameAs(value);
        assertThat(dlt.partition()).as("partitioned by key like the source").isNull();
        Headers h = dlt.headers();
        assertThat(header(h, DeadLetters.REASON)).isEqualTo("MALFORMED_RECORD");
        assertThat(h.headers(DeadLetters.REASON)).as("an older reason is replaced").hasSize(1);
        assertThat(header(h, DeadLetters.DETAIL)).isEqualTo("ImageRef: malformed JSON");
        assertThat(header(h, DeadLetters.SOURCE_TOPIC)).isEqualTo("aoi.images");
        assertThat(header(h, DeadLetters.SOURCE_PARTITION)).isEqualTo("2");
        assertThat(header(h, DeadLetters.SOURCE_OFFSET)).isEqualTo("41");
        assertThat(header(h, DeadLetters.SERVICE_INSTANCE)).isEqualTo("w-1");
        assertThat(header(h, DeadLetters.TIMESTAMP)).isEqualTo("2026-11-23T12:00:00Z");
        assertThat(header(h, "trace")).isEqualTo("abc");
        assertThat(h.lastHeader(DeadLetters.PREFIX + "retired-header")).as("no inherited dead-letter header").isNull();
    }

    @Test
    void aHugeDetailIsCut() {
        ConsumerRecord<byte[], byte[]> source = new ConsumerRecord<>("aoi.images", 0, 0L, null, new byte[0]);
        ProducerRecord<byte[], byte[]> dlt = records.of(source, Reason.UNREADABLE_IMAGE, "x".repeat(10_000));
        assertThat(header(dlt.headers(), DeadLetters.DETAIL)).hasSize(DeadLetterRecords.MAX_DETAIL_CHARS + 1);
        assertThat(dlt.key()).isNull();
    }
}
