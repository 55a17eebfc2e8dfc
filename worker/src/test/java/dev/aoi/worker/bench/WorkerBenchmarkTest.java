package dev.aoi.worker.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aoi.imaging.OpenCvLoader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Scalar;
import org.opencv.imgcodecs.Imgcodecs;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class WorkerBenchmarkTest {

    @TempDir
    Path dir;

    @Test
    void help_exits_0_and_names_the_aoi_command_and_a_bad_option_exits_2_with_one_line() {
        String[] out = new String[1];
        int help = capture(System.out, s -> System.setOut(s), () -> WorkerBenchmark.run("--help"), out);
        assertThat(help).isZero();
        assertThat(out[0]).startsWith("Usage: ./aoi bench worker").contains("--model", "--threads", "--json");
        int bad = capture(System.err, s -> System.setErr(s), () -> WorkerBenchmark.run("--frobnicate"), out);
        assertThat(bad).isEqualTo(2);
        assertThat(out[0].strip().lines()).hasSize(1).first().asString().contains("--frobnicate");
        assertThat(WorkerBenchmark.run("--frames", "0")).isEqualTo(2);
        assertThat(WorkerBenchmark.run("--clean-share", "1.5")).isEqualTo(2);
        assertThat(WorkerBenchmark.run("--result-images", "classmap,thumbnail")).isEqualTo(2);
        assertThat(WorkerBenchmark.run("--result-images", "none,overlay")).isEqualTo(2);
        int missingModel = capture(System.err, s -> System.setErr(s),
                () -> WorkerBenchmark.run("--model", dir.resolve("none.onnx").toString()), out);
        assertThat(missingModel).isEqualTo(2);
        assertThat(out[0].strip().lines()).hasSize(1).first().asString().contains("none.onnx");
    }

    @Test
    void the_null_model_runs_once_per_thread_count_and_reports_the_cpu_side() throws Exception {
        OpenCvLoader.ensureLoaded();
        Path images = Files.createDirectories(dir.resolve("frames"));
        for (int i = 0; i < 3; i++) {
            Mat frame = new Mat(160, 200, CvType.CV_8UC3, new Scalar(40, 120, 200 - 20 * i));
            Imgcodecs.imwrite(images.resolve("f" + i + ".png").toString(), frame);
            frame.release();
        }
        Path json = dir.resolve("bench.json");
        assertThat(WorkerBenchmark.run("--model", "null", "--frames", "3", "--batch", "2", "--threads", "1,2",
                "--images", images.toString(), "--json", json.toString())).isZero();
        JsonNode report = JsonMapper.builder().build().readTree(Files.readString(json));
        assertThat(report.get("model").asString()).startsWith("null");
        assertThat(report.get("frames").asInt()).isEqualTo(3);
        assertThat(report.get("frames_with_regions").asInt()).as("the null model finds regions everywhere").isEqualTo(3);
        assertThat(report.get("runs")).hasSize(2);
        assertThat(report.get("runs").get(0).get("threads").asInt()).isEqualTo(1);
        assertThat(report.get("runs").get(1).get("threads").asInt()).isEqualTo(2);
        assertThat(report.get("runs").get(1).get("frames_per_s").asDouble()).isPositive();
        assertThat(report.get("runs").get(1).get("frames_per_s_per_core").asDouble()).isPositive();
        assertThat(report.get("cpu_ms_outside_inference_per_frame").isNumber()).isTrue();
        assertThat(report.get("stage_ms_per_frame").get("render").asDouble()).as("the class map was written")
                .isPositive();
        assertThat(report.get("result_images").get(0).asString()).as("the worker's default").isEqualTo("classmap");
        assertThat(report.get("result_images")).hasSize(1);
        JsonNode onView = report.get("on_view");
        assertThat(onView.get("frames").asInt()).as("3 frames, one of them the warm-up").isEqualTo(2);
        assertThat(onView.get("overlay_ms").asDouble()).isPositive();
        assertThat(onView.get("defect_sheet_ms").asDouble()).isPositive();
    }

    private static int capture(PrintStream original, java.util.function.Consumer<PrintStream> set,
            java.util.function.IntSupplier run, String[] out) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        set.accept(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            return run.getAsInt();
        } finally {
            set.accept(original);
            out[0] = bytes.toString(StandardCharsets.UTF_8);
        }
    }
}
