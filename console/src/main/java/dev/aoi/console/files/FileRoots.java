package dev.aoi.console.files;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The only folders the console reads files from. A location stored in the database ({@code file:} URI or absolute
 * path, as the pipeline wrote it) is served only when its real path — symbolic links resolved — lies under the
 * real path of one of the roots; the client never names a path, only an image or region id.
 */
public final class FileRoots {

    /** Why a stored location could not be served. */
    public enum Refusal { NOT_STORED, NOT_A_LOCAL_PATH, OUTSIDE_ROOTS, MISSING }

    /** A location resolved to a readable file, or the reason it is not served. */
    public record Resolved(Path path, Refusal refusal) {
        public boolean ok() {
            return path != null;
        }
    }

    private final List<Path> roots;

    public FileRoots(List<Path> roots) {
        List<Path> real = new ArrayList<>();
        for (Path root : roots) {
            Path absolute = root.toAbsolutePath().normalize();
            try {
                real.add(absolute.toRealPath());
            } catch (IOException e) {
                real.add(absolute);
            }
        }
        this.roots = List.copyOf(real);
    }

    public List<Path> roots() {
        return roots;
    }

    /** The file at {@code stored} when it may be served. */
    public Resolved resolve(String stored) {
        if (stored == null || stored.isBlank()) {
            return new Resolved(null, Refusal.NOT_STORED);
        }
        Path path;
        try {
            path = stored.startsWith("file:") ? Path.of(URI.create(stored)) : Path.of(stored);
        } catch (IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {
            return new Resolved(null, Refusal.NOT_A_LOCAL_PATH);
        }
        if (!path.isAbsolute()) {
            return new Resolved(null, Refusal.NOT_A_LOCAL_PATH);
        }
        Path normal = path.normalize();
        if (roots.stream().noneMatch(normal::startsWith)) {
            return new Resolved(null, Refusal.OUTSIDE_ROOTS);
        }
        Path real;
        try {
            real = normal.toRealPath();
        } catch (IOException e) {
            return new Resolved(null, Refusal.MISSING);
        }
        if (roots.stream().noneMatch(real::startsWith)) {
            return new Resolved(null, Refusal.OUTSIDE_ROOTS);
        }
        return Files.isRegularFile(real) ? new Resolved(real, null) : new Resolved(null, Refusal.MISSING);
    }
}
