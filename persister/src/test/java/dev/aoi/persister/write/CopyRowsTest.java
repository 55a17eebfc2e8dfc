package dev.aoi.persister.write;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aoi.common.event.ClassResult;
import dev.aoi.common.event.InspectionResult;
import dev.aoi.persister.bench.SyntheticResults;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CopyRowsTest {

    private final InspectionResult result = new SyntheticResults(3).result("img-1", 1, 4,
            Instant.parse("2026-11-23T08:00:00.123456789Z"));

    @Test
    void imageLinesCarryAllSeventeenColumnsWithNullsAndMicroseconds() {
        StringBuilder sb = new StringBuilder();
        CopyRows.appendImage(sb, result);
        String[] fields = sb.toString().split("\t", -1);
        assertThat(fields).hasSize(17);
        assertThat(fields[0]).isEqualTo("img-1");
        assertThat(fields[8]).isEqualTo("\\N");
        assertThat(fields[10]).isEqualTo("2026-11-23T08:00:00.123456Z");
        assertThat(fields[16]).isEqualTo("\\N\n");
        StringBuilder marked = new StringBuilder();
        CopyRows.appendImage(marked, result.withSourceOffset(42));
        assertThat(marked.toString()).endsWith("\t42\n");
    }

    @Test
    void textIsEscapedForCopyAndJson() {
        ClassResult c = result.classes().get(0);
        InspectionResult odd = ResultBatchWriterIT.withClasses(result,
                List.of(ClassResult.of(c.classId(), "tab\there\\back\nline", c.regions())));
        StringBuilder sb = new StringBuilder();
        CopyRows.appendClasses(sb, odd);
        assertThat(sb.toString()).contains("tab\\there\\\\back\\nline");

        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("lot", "a\"b");
        attributes.put("ctl", "\u0001");
        assertThat(CopyRows.json(attributes)).isEqualTo("{\"lot\":\"a\\\"b\",\"ctl\":\"\\u0001\"}");
    }

    @Test
    void regionLinesUseTheDerivedIds() {
        StringBuilder sb = new StringBuilder();
        int n = CopyRows.appendRegions(sb, result);
        assertThat(n).isEqualTo(4);
        assertThat(sb.toString()).startsWith("img-1_c1_r1\timg-1_c1\timg-1\t1\t");
        // the partition key closes every line
        assertThat(sb.toString().split("\n")[0]).endsWith("\t" + result.capturedAt());
    }
}
