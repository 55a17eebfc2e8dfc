package dev.aoi.worker.cli;

import dev.aoi.common.ImageIds;
import dev.aoi.common.cli.Commands;
import dev.aoi.common.event.EventCodec;
import dev.aoi.common.event.ImageRef;
import dev.aoi.worker.inference.InvalidModelException;
import dev.aoi.worker.inspect.FrameInspector;
import dev.aoi.worker.inspect.FrameOutcome;
import dev.aoi.worker.inspect.FrameOutcome.Inspected;
import dev.aoi.worker.inspect.FrameOutcome.Rejected;
import dev.aoi.worker.inspect.FrameOutcome.Unavailable;
import dev.aoi.worker.inspect.InspectorSettings;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ./aoi inspect}: inspects image files without Kafka or Spring, through the service's own
 * {@link FrameInspector}, printing one {@code InspectionResult} JSON per line on stdout and every refused image on
 * stderr. Exit status 0 when every image was inspected, 1 when some were not, 2 on a usage or model error.
 */
@Command(name = "./aoi inspect", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Inspects image files offline, through the same code as the worker service (no Kafka, no "
                + "database): one InspectionResult JSON per line on stdout, every refused image on stderr."},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:every image was inspected", "1:some were refused or not found",
            "2:a usage error, or a model that does not fit the contract (docs/model.md)"})
public final class InspectCommand implements Callable<Integer> {

    private static final int CHUNK = 64;
    private static final Set<String> RESULT_IMAGES = Set.of("classmap", "overlay", "defects");

    @Option(names = "--model", required = true, paramLabel = "M.onnx", description = "the model (docs/model.md)")
    Path model;

    @Option(names = "--out", paramLabel = "DIR", description = "write result images under DIR")
    Path out;

    @Option(names = "--device", paramLabel = "auto|cuda|cpu", description = "where the model runs (default: ${DEFAULT-VALUE})")
    String device = "auto";

    @Option(names = "--images", paramLabel = "classmap,overlay,defects",
            description = "which result images to write (default: all three with --out, none without)")
    String images;

    @Option(names = "--batch", paramLabel = "N", description = "frames per model run (default: ${DEFAULT-VALUE})")
    int batch = 4;

    @Option(names = "--threads", paramLabel = "N", description = "decode and render threads; 0 = automatic, as the "
            + "worker: half the cores with the model on the CPU, all of them on a GPU (default: ${DEFAULT-VALUE})")
    int threads = 0;

    @Option(names = "--intra-op-threads", paramLabel = "N",
            description = "ONNX Runtime's threads; 0 = automatic, the cores the decoding leaves (default: ${DEFAULT-VALUE})")
    int intraOpThreads = 0;

    @Option(names = "--min-area", paramLabel = "N", description = "drop regions smaller than N pixels (default: ${DEFAULT-VALUE})")
    int minArea = 1;

    @Option(names = "--max-pixels", paramLabel = "N",
            description = "refuse frames with more pixels, undecoded (default: ${DEFAULT-VALUE})")
    long maxPixels = 64_000_000L;

    @Parameters(paramLabel = "IMAGE|FOLDER|@LIST", arity = "0..*", description = "image files; a folder stands for "
            + "its PNG, JPEG, BMP and TIFF files; @LIST for a file with one image path per line")
    List<String> arguments = new ArrayList<>();

    @Spec
    CommandSpec spec;

    /** Runs {@code ./aoi inspect} on the process's streams; the JSON lines go out as UTF-8 whatever the locale. */
    public static int run(String... args) {
        PrintWriter out = new PrintWriter(new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8)), true);
        return run(args, out, new PrintWriter(System.err, true));
    }

    static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine line = commandLine();
        line.setOut(out);
        line.setErr(err);
        try {
            return line.execute(args);
        } finally {
            out.flush();
            err.flush();
        }
    }

    /**
     * The command line with picocli's own {@code @file} expansion off: {@code @LIST} is this command's list of
     * images, one path per line (paths may hold spaces), not more options.
     */
    static CommandLine commandLine() {
        return Commands.commandLine(new InspectCommand()).setExpandAtFiles(false);
    }

    @Override
    public Integer call() {
        PrintWriter json = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<String> files = ImageArguments.expand(arguments);
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no images given");
        }
        ImageArguments.requireShortCommandLine();
        List<String> missing = new ArrayList<>();
        List<ImageRef> refs = refs(files, missing);
        InspectorSettings settings = settings(refs);
        missing.forEach(m -> err.println("rejected " + m + ": IMAGE_NOT_FOUND: no such file"));
        boolean allGood = missing.isEmpty();
        if (refs.isEmpty()) {
            return 1;
        }
        EventCodec codec = new EventCodec();
        try (FrameInspector inspector = FrameInspector.open(model, settings, intraOpThreads)) {
            for (int start = 0; start < refs.size(); start += CHUNK) {
                for (FrameOutcome outcome : inspector.inspect(refs.subList(start, Math.min(refs.size(), start + CHUNK)))) {
                    if (outcome instanceof Inspected i) {
                        json.println(codec.encodeToString(i.result()));
                    } else if (outcome instanceof Rejected r) {
                        allGood = false;
                        err.println("rejected " + r.ref().imageUri() + ": " + r.reason() + ": " + r.detail());
                    } else if (outcome instanceof Unavailable u) {
                        allGood = false;
                        err.println("unavailable " + u.ref().imageUri() + ": " + u.detail());
                    }
                }
                json.flush();
            }
        } catch (InvalidModelException e) {
            err.println(spec.qualifiedName() + ": " + e.getMessage());
            return Commands.USAGE;
        }
        return allGood ? 0 : 1;
    }

    private InspectorSettings settings(List<ImageRef> refs) {
        Set<Path> roots = new LinkedHashSet<>();
        refs.forEach(r -> roots.add(Path.of(r.imageUri()).getParent()));
        if (roots.isEmpty()) {
            roots.add(Path.of(".").toAbsolutePath());
        }
        String chosenImages = images != null ? images : out == null ? "" : "classmap,overlay,defects";
        Set<String> chosen = new HashSet<>(List.of(chosenImages.isBlank() ? new String[0] : chosenImages.split(",")));
        if (!RESULT_IMAGES.containsAll(chosen)) {
            throw new IllegalArgumentException("--images takes classmap, overlay and/or defects, got " + chosenImages);
        }
        if (!chosen.isEmpty() && out == null) {
            throw new IllegalArgumentException("--images needs --out DIR");
        }
        // named as this command's options: InspectorSettings would name the service's settings (batch-size, ...)
        atLeastOne("--batch", batch);
        if (threads < 0 || intraOpThreads < 0) {
            throw new IllegalArgumentException("--threads and --intra-op-threads must be >= 0 (0 = automatic)");
        }
        atLeastOne("--min-area", minArea);
        atLeastOne("--max-pixels", maxPixels);
        return new InspectorSettings(List.copyOf(roots), maxPixels, out, chosen.contains("classmap"),
                chosen.contains("overlay"), chosen.contains("defects"), minArea, batch, "cli-" + host(), device, threads);
    }

    private static void atLeastOne(String option, long value) {
        if (value < 1) {
            throw new IllegalArgumentException(option + " must be at least 1, got " + value);
        }
    }

    /** Ids from the file names, outside characters replaced by '-', made unique; captured_at = modification time. */
    static List<ImageRef> refs(List<String> files, List<String> missing) {
        List<ImageRef> refs = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (String file : files) {
            Path path = Path.of(file).toAbsolutePath().normalize();
            if (!Files.isDirectory(path.getParent())) {
                missing.add(file);
                continue;
            }
            String id = idFor(path.getFileName().toString());
            String unique = id;
            for (int n = 2; !ids.add(unique); n++) {
                String suffix = "-" + n;
                unique = id.substring(0, Math.min(id.length(), ImageIds.MAX_LENGTH - suffix.length())) + suffix;
            }
            refs.add(ImageRef.of(unique, path.toString(), capturedAt(path)));
        }
        return refs;
    }

    static String idFor(String fileName) {
        String id = fileName.replaceAll("[^A-Za-z0-9._:-]", "-");
        if (id.length() > ImageIds.MAX_LENGTH) {
            id = id.substring(0, ImageIds.MAX_LENGTH);
        }
        return id.isEmpty() ? "image" : id;
    }

    private static Instant capturedAt(Path path) {
        try {
            return Files.getLastModifiedTime(path).toInstant();
        } catch (IOException e) {
            return Instant.now(); // it will be refused as not found anyway
        }
    }

    private static String host() {
        String h = System.getenv("HOSTNAME");
        return h == null || h.isBlank() ? "local" : h;
    }
}
