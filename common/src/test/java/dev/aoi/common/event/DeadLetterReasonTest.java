package dev.aoi.common.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.aoi.common.DeadLetters.Reason;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** One rule for the reason of a record that does not decode, whichever consumer reads it (docs/bad-input.md). */
class DeadLetterReasonTest {

    private final EventCodec codec = new EventCodec();

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "not json|MALFORMED_RECORD",
        "'{\"schema_version\":1,\"image_uri\":\"/a\",\"captured_at\":\"2026-01-01T00:00:00Z\"}'|MISSING_FIELD",
        "'{\"schema_version\":1,\"img_unique_id\":null,\"image_uri\":\"/a\",\"captured_at\":\"2026-01-01T00:00:00Z\"}'|MISSING_FIELD",
        "'{\"schema_version\":1,\"img_unique_id\":\"a b\",\"image_uri\":\"/a\",\"captured_at\":\"2026-01-01T00:00:00Z\"}'|BAD_ID",
        "'{\"schema_version\":1,\"img_unique_id\":7,\"image_uri\":\"/a\",\"captured_at\":\"2026-01-01T00:00:00Z\"}'|BAD_ID",
        "'{\"schema_version\":1,\"img_unique_id\":\"x\",\"image_uri\":\"/a\",\"captured_at\":\"noon\"}'|MALFORMED_RECORD"
    })
    void imageRefs(String json, Reason expected) {
        EventFormatException e = catchThrowableOfType(EventFormatException.class, () -> codec.decodeImageRef(json));
        assertThat(e.deadLetterReason()).as(e.getMessage()).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "'{\"schema_version\":1,\"img_unique_id\":\"x\"}'|MISSING_FIELD",
        "[]|MALFORMED_RECORD"
    })
    void results(String json, Reason expected) {
        EventFormatException e = catchThrowableOfType(EventFormatException.class, () -> codec.decodeResult(json));
        assertThat(e.deadLetterReason()).as(e.getMessage()).isEqualTo(expected);
    }
}
