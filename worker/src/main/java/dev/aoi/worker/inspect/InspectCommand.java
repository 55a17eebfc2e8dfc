package dev.aoi.worker.inspect;

import dev.aoi.common.ImageIds;
import dev.aoi.common.event.EventCodec;
import dev.aoi.common.event.ImageRef;
import dev.aoi.worker.inference.InvalidModelException;
import dev.aoi.worker.inspect.FrameOutcome.Inspected;
import dev.aoi.worker.inspect.FrameOutcome.Rejected;
import dev.aoi.worker.inspect.FrameOutcome.Unavailable;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code inspect --model M.onnx [--out DIR] [--device auto|cuda|cpu] IMAGE...}: inspects image files without Kafka
 * or Spring (an IMAGE may also be a folder, or {@code @FILE} listing one image per line), printing one {@code InspectionResult} JSON per line on stdout and every refused image on stderr.
 * Exit status 0 when every image was inspected, 1 when some were not, 2 on a usage or model error.
 */
public final class InspectCommand {

    static final String USAGE = "usage: inspect --model M.onnx [--out DIR] [--device auto|cuda|cpu]"
            + " [--images classmap,overlay,defects] [--batch N] [--threads N] [--intra-op-threads N] [--min-area N] [--max-pixels N] IMAGE|FOLDER|@LIST...";
    private static final int CHUNK = 64;

    private InspectCommand() {
    }

    public static int run(String[] args) {
        CliArgs.logToStderr();
        return run(args, System.out, System.err);
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        CliArgs cli;
        InspectorSettings settings;
        List<ImageRef> refs;
        List<String> missing = new ArrayList<>();
        try {
            cli = new CliArgs(args, Set.of("model", "out", "device", "images", "batch", "threads",
                    "intra-op-threads", "min-area", "max-pixels"));
            List<String> files = ImageArguments.expand(cli.positional());
            if (files.isEmpty()) {
                throw new IllegalArgumentException("no images given");
            }
            ImageArguments.requireShortCommandLine();
            refs = refs(files, missing);
            settings = settings(cli, refs);
        } catch (IllegalArgumentException e) {
            err.println("inspect: " + e.getMessage());
            err.println(USAGE);
            return 2;
        }
        missing.forEach(m -> err.println("rejected " + m + ": IMAGE_NOT_FOUND: no such file"));
        boolean allGood = missing.isEmpty();
        if (refs.isEmpty()) {
            return 1;
        }
        EventCodec codec = new EventCodec();
        PrintStream json = new PrintStream(out, false, StandardCharsets.UTF_8);
        try (FrameInspector inspector = FrameInspector.open(Path.of(cli.require("model")), settings,
                cli.getInt("intra-op-threads", 0))) {
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
        } catch (InvalidModelException | IllegalArgumentException e) {
            err.println("inspect: " + e.getMessage());
            return 2;
        }
        return allGood ? 0 : 1;
    }

    private static InspectorSettings settings(CliArgs cli, List<ImageRef> refs) {
        cli.require("model");
        Set<Path> roots = new LinkedHashSet<>();
        refs.forEach(r -> roots.add(Path.of(r.imageUri()).getParent()));
        if (roots.isEmpty()) {
            roots.add(Path.of(".").toAbsolutePath());
        }
        String outDir = cli.get("out", null);
        String images = cli.get("images", outDir == null ? "" : "classmap,overlay,defects");
        Set<String> chosen = new HashSet<>(List.of(images.isBlank() ? new String[0] : images.split(",")));
        if (!Set.of("classmap", "overlay", "defects").containsAll(chosen)) {
            throw new IllegalArgumentException("--images takes classmap, overlay and/or defects, got " + images);
        }
        if (!chosen.isEmpty() && outDir == null) {
            throw new IllegalArgumentException("--images needs --out DIR");
        }
        return new InspectorSettings(List.copyOf(roots), Long.parseLong(cli.get("max-pixels", "64000000")),
                outDir == null ? null : Path.of(outDir), chosen.contains("classmap"), chosen.contains("overlay"),
                chosen.contains("defects"), cli.getInt("min-area", 1), cli.getInt("batch", 4), "cli-" + host(),
                cli.get("device", "auto"), cli.getInt("threads", Math.max(1, Runtime.getRuntime().availableProcessors())));
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
