package dev.aoi.worker.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aoi.common.DeadLetters.Reason;
import dev.aoi.common.event.EventCodec;
import dev.aoi.common.event.FieldRules;
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
        // ambiguous: a key written twice is refused, never read as its last value (at the top or nested)
        "'{\"schema_version\":1,\"img_unique_id\":\"x\",\"img_unique_id\":\"y\",\"image_uri\":\"/a\",\"captured_at\":\"2026-01-01T00:00:00Z\"}'|MALFORMED_RECORD",
        "'{\"schema_version\":1,\"img_unique_id\":\"x\",\"image_uri\":\"/a\",\"image_uri\":\"/b\",\"captured_at\":\"2026-01-01T00:00:00Z\"}'|MALFORMED_RECORD",
        "'{\"schema_version\":1,\"img_unique_id\":\"x\",\"image_uri\":\"/a\",\"captured_at\":\"2026-01-01T00:00:00Z\",\"attributes\":{\"lot\":\"1\",\"lot\":\"2\"}}'|MALFORMED_RECORD",
        // a version this code does not know is not read as version 1
        "'{\"schema_version\":2,\"img_unique_id\":\"x\",\"image_uri\":\"/a\",\"captured_at\":\"2026-01-01T00:00:00Z\"}'|UNSUPPORTED_SCHEMA_VERSION",
        "'{\"schema_version\":0,\"img_unique_id\":\"x\",\"image_uri\":\"/a\",\"captured_at\":\"2026-01-01T00:00:00Z\"}'|UNSUPPORTED_SCHEMA_VERSION",
        // what the database cannot store is refused before the model runs
        "'{\"schema_version\":1,\"img_unique_id\":\"x\",\"image_uri\":\"/a\\u0000b\",\"captured_at\":\"2026-01-01T00:00:00Z\"}'|MALFORMED_RECORD",
        "'{\"schema_version\":1,\"img_unique_id\":\"x\",\"image_uri\":\"/a\",\"camera_id\":\"c\\u0000\",\"captured_at\":\"2026-01-01T00:00:00Z\"}'|MALFORMED_RECORD",
        "'{\"schema_version\":1,\"img_unique_id\":\"x\",\"image_uri\":\"/a\",\"captured_at\":\"2026-01-01T00:00:00Z\",\"attributes\":{\"lot\":\"a\\u0000\"}}'|MALFORMED_RECORD",
        "'{\"schema_version\":1,\"img_unique_id\":\"x\",\"image_uri\":\"/a\",\"captured_at\":\"2026-01-01T00:00:00Z\",\"attributes\":{\"\\ud800\":\"a\"}}'|MALFORMED_RECORD",
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
    void fieldsLongerThanTheDatabaseStoresAreMalformed() {
        String uri = "/" + "a".repeat(FieldRules.MAX_IMAGE_URI_CHARS);
        assertThat(((Poison) read("{\"schema_version\":1,\"img_unique_id\":\"x\",\"image_uri\":\"" + uri
                + "\",\"captured_at\":\"2026-01-01T00:00:00Z\"}")).reason()).isEqualTo(Reason.MALFORMED_RECORD);
        String camera = "c".repeat(FieldRules.MAX_CAMERA_ID_CHARS + 1);
        assertThat(((Poison) read("{\"schema_version\":1,\"img_unique_id\":\"x\",\"image_uri\":\"/a\",\"camera_id\":\""
                + camera + "\",\"captured_at\":\"2026-01-01T00:00:00Z\"}")).detail()).contains("camera_id");
        String value = "v".repeat(FieldRules.MAX_ATTRIBUTE_VALUE_CHARS + 1);
        assertThat(((Poison) read("{\"schema_version\":1,\"img_unique_id\":\"x\",\"image_uri\":\"/a\",\"captured_at\""
                + ":\"2026-01-01T00:00:00Z\",\"attributes\":{\"lot\":\"" + value + "\"}}")).reason())
                .isEqualTo(Reason.MALFORMED_RECORD);
        // exactly at the limits is fine
        assertThat(read("{\"schema_version\":1,\"img_unique_id\":\"x\",\"image_uri\":\"/" + "a".repeat(
                FieldRules.MAX_IMAGE_URI_CHARS - 1) + "\",\"camera_id\":\"" + "c".repeat(FieldRules.MAX_CAMERA_ID_CHARS)
                + "\",\"captured_at\":\"2026-01-01T00:00:00Z\"}")).isInstanceOf(ImageRefReader.Valid.class);
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
