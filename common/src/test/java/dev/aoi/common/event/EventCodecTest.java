package dev.aoi.common.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class EventCodecTest {

    private static final String SHA = "a".repeat(64);
    private final EventCodec codec = new EventCodec();

    static ImageRef ref() {
        return new ImageRef(1, "panel-0001.cam2:7", "file:/data/frames/p1.png", "cam2",
                Instant.parse("2026-11-23T10:15:30.123456Z"), Map.of("lot", "L42", "recipe", "fpc-a"));
    }

    static InspectionResult result() {
        RegionResult r1 = new RegionResult(1, 10.5, 20.25, 9, 19, 4, 3, 11, 10.828427, 4.1, 3.2, 0.9, 1.28);
        RegionResult r2 = new RegionResult(2, 100, 7, 100, 7, 1, 1, 1, 0, 1.1547005, 1.1547005, 1, 1);
        return InspectionResult.of(ref(), 1792, 1792, Instant.parse("2026-11-23T10:15:31Z"), 0.042, "worker-1",
                new ModelInfo("demo-unet", SHA), List.of("/out/a.png"),
                List.of(ClassResult.of(1, "PI_Particle", List.of(r1, r2)),
                        ClassResult.of(2, "PR_Peeling", List.of())));
    }

    @Test
    void imageRefRoundTripsWithSnakeCaseAndUtcInstants() {
        String json = codec.encodeToString(ref());
        assertThat(json).contains("\"img_unique_id\":\"panel-0001.cam2:7\"")
                .contains("\"captured_at\":\"2026-11-23T10:15:30.123456Z\"")
                .contains("\"schema_version\":1")
                .contains("\"camera_id\":\"cam2\"");
        assertThat(codec.decodeImageRef(json)).isEqualTo(ref());
    }

    @Test
    void inspectionResultRoundTrips() {
        InspectionResult original = result();
        String json = codec.encodeToString(original);
        assertThat(json).contains("\"total_area_pixels\":12").contains("\"bbox_width\":4")
                .contains("\"processing_time_seconds\":0.042").contains("\"sha256\":\"" + SHA + "\"");
        assertThat(codec.decodeResult(json)).isEqualTo(original);
    }

    @Test
    void optionalFieldsMayBeAbsent() {
        ImageRef decoded = codec.decodeImageRef("""
                {"schema_version":1,"img_unique_id":"x","image_uri":"/a.png","captured_at":"2026-01-01T00:00:00Z"}""");
        assertThat(decoded.cameraId()).isNull();
        assertThat(decoded.attributes()).isEmpty();
        assertThat(codec.encodeToString(decoded)).doesNotContain("camera_id");
    }

    @Test
    void unknownFieldsAreIgnored() {
        ImageRef decoded = codec.decodeImageRef("""
                {"schema_version":1,"img_unique_id":"x","image_uri":"/a.png","captured_at":"2026-01-01T00:00:00Z",
                 "exposure_us":1200,"future":{"nested":[1,2]}}""");
        assertThat(decoded.imgUniqueId()).isEqualTo("x");
        assertThat(decoded.schemaVersion()).isEqualTo(1);
    }

    @Test
    void aSchemaVersionThisCodeDoesNotKnowIsRefusedNotReadAsVersionOne() {
        assertThatThrownBy(() -> codec.decodeImageRef("""
                {"schema_version":2,"img_unique_id":"x","image_uri":"/a.png","captured_at":"2026-01-01T00:00:00Z"}"""))
                .isInstanceOfSatisfying(EventFormatException.class, e -> {
                    assertThat(e.isUnsupportedVersion()).isTrue();
                    assertThat(e.getMessage()).contains("schema_version 2");
                });
    }

    @Test
    void aKeyWrittenTwiceIsRefusedNotReadAsItsLastValue() {
        assertThatThrownBy(() -> codec.decodeImageRef("""
                {"schema_version":1,"img_unique_id":"x","image_uri":"/a.png","image_uri":"/b.png",
                 "captured_at":"2026-01-01T00:00:00Z"}"""))
                .isInstanceOfSatisfying(EventFormatException.class, e -> {
                    assertThat(e.isDuplicateKey()).isTrue();
                    assertThat(e.getMessage()).contains("image_uri");
                });
    }

    @Test
    void offsetsAreNormalisedToUtc() {
        ImageRef decoded = codec.decodeImageRef("""
                {"schema_version":1,"img_unique_id":"x","image_uri":"/a.png","captured_at":"2026-01-01T02:00:00+02:00"}""");
        assertThat(decoded.capturedAt()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"schema_version", "img_unique_id", "image_uri", "captured_at"})
    void eachMissingRequiredImageRefFieldIsNamed(String field) {
        String json = """
                {"schema_version":1,"img_unique_id":"x","image_uri":"/a.png","captured_at":"2026-01-01T00:00:00Z"}""";
        String without = json.replaceAll("\"" + field + "\":(\"[^\"]*\"|\\d+),?", "").replace(",}", "}");
        assertThatThrownBy(() -> codec.decodeImageRef(without))
                .isInstanceOf(EventFormatException.class)
                .hasMessageContaining("ImageRef")
                .hasMessageContaining(field)
                .hasMessageContaining("missing");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "\"schema_version\":\"1\"|schema_version",
        "\"schema_version\":1.5|schema_version",
        "\"img_unique_id\":17|img_unique_id",
        "\"image_uri\":[\"/a.png\"]|image_uri",
        "\"captured_at\":1767225600|captured_at",
        "\"captured_at\":\"yesterday\"|captured_at",
        "\"attributes\":{\"lot\":5}|attributes",
        "\"attributes\":[1]|attributes",
        "\"camera_id\":{}|camera_id"
    })
    void mistypedImageRefFieldsAreNamed(String replacement, String field) {
        String base = "{\"schema_version\":1,\"img_unique_id\":\"x\",\"image_uri\":\"/a.png\","
                + "\"captured_at\":\"2026-01-01T00:00:00Z\"";
        String key = replacement.substring(0, replacement.indexOf(':'));
        String json = base.contains(key)
                ? base.replaceAll(key + ":(\"[^\"]*\"|\\d+)", java.util.regex.Matcher.quoteReplacement(replacement)) + "}"
                : base + "," + replacement + "}";
        assertThatThrownBy(() -> codec.decodeImageRef(json))
                .isInstanceOf(EventFormatException.class)
                .hasMessageContaining("ImageRef")
                .hasMessageContaining(field);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a b", "x/y", "../etc", "é"})
    void badIdsAreRejected(String id) {
        String json = "{\"schema_version\":1,\"img_unique_id\":\"" + id + "\",\"image_uri\":\"/a.png\","
                + "\"captured_at\":\"2026-01-01T00:00:00Z\"}";
        assertThatThrownBy(() -> codec.decodeImageRef(json))
                .isInstanceOf(EventFormatException.class)
                .hasMessageContaining("img_unique_id");
    }

    @Test
    void tooLongIdIsRejected() {
        String json = "{\"schema_version\":1,\"img_unique_id\":\"" + "a".repeat(256) + "\",\"image_uri\":\"/a.png\","
                + "\"captured_at\":\"2026-01-01T00:00:00Z\"}";
        assertThatThrownBy(() -> codec.decodeImageRef(json)).hasMessageContaining("img_unique_id");
    }

    @ParameterizedTest
    @ValueSource(strings = {"not json", "{", "[]", "null", "{\"schema_version\":1}}", "\"text\""})
    void malformedJsonIsRejected(String json) {
        assertThatThrownBy(() -> codec.decodeImageRef(json))
                .isInstanceOf(EventFormatException.class)
                .hasMessageContaining("ImageRef");
    }

    @Test
    void emptyRecordIsRejected() {
        assertThatThrownBy(() -> codec.decodeImageRef(new byte[0]))
                .isInstanceOf(EventFormatException.class).hasMessageContaining("empty");
    }

    @ParameterizedTest
    @ValueSource(strings = {"image_width", "image_height", "processed_at", "processing_time_seconds", "worker_id",
        "model", "classes"})
    void eachMissingRequiredResultFieldIsNamed(String field) {
        tools.jackson.databind.node.ObjectNode node = (tools.jackson.databind.node.ObjectNode)
                tools.jackson.databind.json.JsonMapper.builder().build().readTree(codec.encode(result()));
        node.remove(field);
        assertThatThrownBy(() -> codec.decodeResult(node.toString()))
                .isInstanceOf(EventFormatException.class)
                .hasMessageContaining("InspectionResult")
                .hasMessageContaining(field)
                .hasMessageContaining("missing");
    }

    @Test
    void nestedMissingFieldIsNamedWithItsPath() {
        String json = codec.encodeToString(result()).replace("\"perimeter\":0.0,", "");
        assertThatThrownBy(() -> codec.decodeResult(json))
                .isInstanceOf(EventFormatException.class)
                .hasMessageContaining("InspectionResult")
                .hasMessageContaining("classes[0].regions[1].perimeter");
    }

    @Test
    void nestedMistypedFieldIsNamedWithItsPath() {
        String json = codec.encodeToString(result()).replace("\"area_pixels\":11", "\"area_pixels\":\"11\"");
        assertThatThrownBy(() -> codec.decodeResult(json))
                .isInstanceOf(EventFormatException.class)
                .hasMessageContaining("classes[0].regions[0].area_pixels");
    }

    @Test
    void inconsistentTotalsAreRejected() {
        String json = codec.encodeToString(result()).replace("\"total_regions\":2", "\"total_regions\":3");
        assertThatThrownBy(() -> codec.decodeResult(json))
                .isInstanceOf(EventFormatException.class)
                .hasMessageContaining("total_regions");
    }

    @Test
    void badModelShaIsRejected() {
        String json = codec.encodeToString(result()).replace(SHA, "xyz");
        assertThatThrownBy(() -> codec.decodeResult(json)).hasMessageContaining("model.sha256");
    }

    @Test
    void duplicateClassIdsAreRejected() {
        String json = codec.encodeToString(result()).replace("\"class_id\":2", "\"class_id\":1");
        assertThatThrownBy(() -> codec.decodeResult(json)).hasMessageContaining("class_id 1 twice");
    }
}
