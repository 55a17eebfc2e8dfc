package dev.aoi.worker.cli;

import static dev.aoi.worker.TestImages.BLACK;
import static dev.aoi.worker.TestImages.RED;
import static org.assertj.core.api.Assertions.assertThat;

import dev.aoi.common.event.EventCodec;
import dev.aoi.common.event.InspectionResult;
import dev.aoi.worker.TestImages;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InspectCommandTest {

    @TempDir
    Path tmp;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return InspectCommand.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @Test
    void prints_one_result_per_line_and_reports_refusals_on_stderr() throws IOException {
        Path a = TestImages.write(tmp, "panel 1+a.png", TestImages.encode(TestImages.rgb(
                TestImages.rect(20, 10, BLACK, RED, 2, 2, 3, 3)), "png"));
        Path sub = Files.createDirectories(tmp.resolve("sub"));
        Path b = TestImages.write(sub, "panel 1+a.png", Files.readAllBytes(a));
        Path bad = Files.writeString(tmp.resolve("bad.png"), "text");
        int code = run("--model", TestImages.model("colour").toString(), "--out", tmp.resolve("out").toString(),
                "--device", "cpu", a.toString(), b.toString(), bad.toString(), tmp.resolve("nodir/x.png").toString());
        assertThat(code).isEqualTo(1);
        List<String> lines = out.toString().lines().toList();
        assertThat(lines).hasSize(2);
        EventCodec codec = new EventCodec();
        InspectionResult first = codec.decodeResult(lines.get(0));
        InspectionResult second = codec.decodeResult(lines.get(1));
        assertThat(first.imgUniqueId()).isEqualTo("panel-1-a.png");
        assertThat(second.imgUniqueId()).isEqualTo("panel-1-a.png-2");
        assertThat(first.classes().get(0).totalAreaPixels()).isEqualTo(9);
        assertThat(first.resultImages()).hasSize(3);
        String errors = err.toString();
        assertThat(errors).contains("rejected " + bad + ": UNREADABLE_IMAGE")
                .contains("nodir/x.png: IMAGE_NOT_FOUND");
    }

    @Test
    void folders_and_list_files_expand_and_all_good_exits_zero() throws IOException {
        TestImages.write(tmp, "a.png", TestImages.encode(TestImages.rgb(new int[][] {{RED}}), "png"));
        TestImages.write(tmp, "b.bmp", TestImages.encode(TestImages.rgb(new int[][] {{BLACK}}), "bmp"));
        Files.writeString(tmp.resolve("readme.txt"), "not an image");
        Path list = Files.writeString(tmp.resolve("list.txt"), tmp.resolve("a.png") + "\n# comment\n\n");
        assertThat(run("--model", TestImages.model("colour").toString(), "--device", "cpu", tmp.toString(),
                "@" + list)).isZero();
        assertThat(out.toString().lines()).hasSize(3);
        assertThat(err.toString()).doesNotContain("rejected");
    }

    @Test
    void usage_and_model_errors_exit_two_with_one_line() {
        assertThat(run("--model", "m.onnx")).isEqualTo(2);
        assertThat(err.toString().lines()).singleElement().asString().startsWith("./aoi inspect: ")
                .contains("no images given");
        Path image = TestImages.write(tmp, "a.png", TestImages.encode(TestImages.rgb(new int[][] {{RED}}), "png"));
        assertThat(run(image.toString())).as("--model is required").isEqualTo(2);
        assertThat(run("--model", "m.onnx", "--images", "overlay", image.toString())).as("--images needs --out")
                .isEqualTo(2);
        assertThat(err.toString()).contains("--images needs --out DIR");
        err.getBuffer().setLength(0);
        assertThat(run("--model", TestImages.model("wrong_class_count").toString(), image.toString())).isEqualTo(2);
        assertThat(err.toString().lines()).singleElement().asString().startsWith("./aoi inspect: ")
                .contains("does not fit the AOI model contract");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void a_list_file_keeps_paths_with_spaces_whole() throws IOException {
        Path image = TestImages.write(tmp, "panel one.png", TestImages.encode(TestImages.rgb(new int[][] {{RED}}), "png"));
        Path list = Files.writeString(tmp.resolve("list.txt"), image + "\n");
        assertThat(run("--model", TestImages.model("colour").toString(), "--device", "cpu", "@" + list)).isZero();
        assertThat(out.toString().lines()).singleElement().asString().contains("panel-one.png");
    }

    @Test
    void ids_keep_the_id_alphabet() {
        assertThat(InspectCommand.idFor("Lot 7/ä:b_c.tif")).isEqualTo("Lot-7--:b_c.tif");
        assertThat(InspectCommand.idFor("x".repeat(300))).hasSize(255);
    }
}
