package dev.aoi.worker.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aoi.common.DeadLetters.Reason;
import dev.aoi.common.event.EventCodec;
import dev.aoi.worker.pipeline.ImageRefReader.Poison;
import dev.aoi.worker.pipeline.ImageRefReader.Read;
import dev.aoi.worker.pipeline.ImageRefReader.Valid;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ImageRefReaderTest {

    private final ImageRefReader reader = new ImageRefReader(new EventCodec());

    private Read read(String json) {
        return reader.read(json == null ? null : json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aValidRefIsRead() {
        Read read = read("""
                {"schema_version":1,"img_unique_id":"p-1","image_uri":"/data/a.png","captured_at":"2026-01-01T00:00:00Z",
                 "later_field":true}""");
        assertThat(read).isInstanceOfSatisfying(Valid.class, v -> assertThat(v.ref().imgUniqueId()).isEqualTo("p-1"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        // not JSON, or not an object
        "not json|MALFORMED_RECORD",
        "{|MALFORMED_RECORD",
        "[]|MALFORMED_RECORD",
        "null|MALFORMED_RECORD",
        "'\"text\"'|MALFORMED_RECORD",
        "'{\"schema_version\":1,\"img_unique_id\":\"x\",\"image_uri\":\"/a\",\"captured_at\":\"2026-01-01T00:00:00Z\"}}'|MALFORMED_RECORD",
        // wrong type of a field other than the id
        "'{\"schema_version\":\"1\",\"img_unique_id\":\"x\",\"image_uri\":\"/a\",\"captured_at\":\"2026-01-01T00:00:00Z\"}'|MALFORMED_RECORD",
        "'{\"schema_version\":1,\"img_unique_id\":\"x\",\"image_uri\":\"/a\",\"captured_at\":\"yesterday\"}'|MALFORMED_RECORD",
        "'{\"schema_version\":1,\"img_unique_id\":\"x\",\"image_uri\":\"/a\",\"captured_at\":\"2026-01-01T00:00:00Z\",\"attributes\":[1]}'|MALFORMED_RECORD",
        // a required field absent, null or blank
        "'{\"schema_version\":1,\"image_uri\":\"/a\",\"captured_at\":\"2026-01-01T00:00:00Z\"}'|MISSING_FIELD",
        "'{\"schema_version\":1,\"img_unique_id\":\"x\",\"captured_at\":\"2026-01-01T00:00:00Z\"}'|MISSING_FIELD",
        "'{\"schema_version\":1,\"img_unique_id\":\"x\",\"image_uri\":\"/a\"}'|MISSING_FIELD",
        "'{\"img_unique_id\":\"x\",\"image_uri\":\"/a\",\"captured_at\":\"2026-01-01T00:00:00Z\"}'|MISSING_FIELD",
        "'{\"schema_version\":1,\"img_unique_id\":null,\"image_uri\":\"/a\",\"captured_at\":\"2026-01-01T00:00:00Z\"}'|MISSING_FIELD",
        "'{\"schema_version\":1,\"img_unique_id\":\"x\",\"image_uri\":\" \",\"captured_at\":\"2026-01-01T00:00:00Z\"}'|MISSING_FIELD",
        // an id that breaks the id rules
        "'{\"schema_version\":1,\"img_unique_id\":\"a b\",\"image_uri\":\"/a\",\"captured_at\":\"2026-01-01T00:00:00Z\"}'|BAD_ID",
        "'{\"schema_version\":1,\"img_unique_id\":\"../etc\",\"image_uri\":\"/a\",\"captured_at\":\"2026-01-01T00:00:00Z\"}'|BAD_ID",
        "'{\"schema_version\":1,\"img_unique_id\":\"\",\"image_uri\":\"/a\",\"captured_at\":\"2026-01-01T00:00:00Z\"}'|BAD_ID",
        "'{\"schema_version\":1,\"img_unique_id\":17,\"image_uri\":\"/a\",\"captured_at\":\"2026-01-01T00:00:00Z\"}'|BAD_ID",
    })
    void poisonIsMappedToItsReason(String json, Reason expected) {
        Read read = read(json);
        assertThat(read).isInstanceOfSatisfying(Poison.class, p -> {
            assertThat(p.reason()).as(p.detail()).isEqualTo(expected);
            assertThat(p.detail()).contains("ImageRef");
        });
    }

    @Test
    void anIdTooLongIsBad() {
        Read read = read("{\"schema_version\":1,\"img_unique_id\":\"" + "a".repeat(256)
                + "\",\"image_uri\":\"/a\",\"captured_at\":\"2026-01-01T00:00:00Z\"}");
        assertThat(((Poison) read).reason()).isEqualTo(Reason.BAD_ID);
    }

    @Test
    void anEmptyOrNullValueIsMalformed() {
        assertThat(((Poison) reader.read(new byte[0])).reason()).isEqualTo(Reason.MALFORMED_RECORD);
        assertThat(((Poison) reader.read(null)).reason()).isEqualTo(Reason.MALFORMED_RECORD);
    }

    @Test
    void bytesThatAreNotUtf8AreMalformed() {
        Read read = reader.read(new byte[] {(byte) 0xff, (byte) 0xfe, 0x00, 0x7b});
        assertThat(((Poison) read).reason()).isEqualTo(Reason.MALFORMED_RECORD);
    }
}
