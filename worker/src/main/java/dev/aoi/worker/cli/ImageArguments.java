package dev.aoi.worker.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/** The image arguments of {@code ./aoi inspect}: files, folders (their PNG/JPEG/BMP/TIFF files, sorted) and {@code @list} files. */
final class ImageArguments {

    /**
     * ONNX Runtime 1.29 on Linux crashes (SIGSEGV) while creating its environment when the process command line
     * ({@code /proc/self/cmdline}) is about 4,000 bytes or longer; measured here at 3,960 fine, 4,009 crashing.
     */
    static final int MAX_COMMAND_LINE = 3_900;

    private ImageArguments() {
    }

    static List<String> expand(List<String> args) {
        List<String> files = new ArrayList<>();
        for (String arg : args) {
            if (arg.startsWith("@")) {
                try (Stream<String> lines = Files.lines(Path.of(arg.substring(1)))) {
                    lines.map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).forEach(files::add);
                } catch (IOException | UncheckedIOException e) {
                    throw new IllegalArgumentException("cannot read image list " + arg.substring(1) + ": " + e.getMessage());
                }
            } else if (Files.isDirectory(Path.of(arg))) {
                try (Stream<Path> listing = Files.list(Path.of(arg))) {
                    listing.filter(ImageArguments::looksLikeImage).map(Path::toString).sorted().forEach(files::add);
                } catch (IOException e) {
                    throw new IllegalArgumentException("cannot list folder " + arg + ": " + e.getMessage());
                }
            } else {
                files.add(arg);
            }
        }
        return files;
    }

    /** Refuses up front, with a way out, what would otherwise be a native crash inside ONNX Runtime. */
    static void requireShortCommandLine() {
        long length;
        try {
            length = Files.readAllBytes(Path.of("/proc/self/cmdline")).length;
        } catch (IOException | UnsupportedOperationException e) {
            return; // not Linux: the crash was only seen there
        }
        if (length > MAX_COMMAND_LINE) {
            throw new IllegalArgumentException("the command line is " + length + " bytes; ONNX Runtime 1.29 crashes"
                    + " above about 4,000. Pass a folder, or @FILE with one image path per line, instead of many names");
        }
    }

    private static boolean looksLikeImage(Path p) {
        String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return Files.isRegularFile(p) && (name.endsWith(".png") || name.endsWith(".jpg") || name.endsWith(".jpeg")
                || name.endsWith(".bmp") || name.endsWith(".tif") || name.endsWith(".tiff"));
    }
}
