package dev.aoi.persister.lifecycle;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The result images on disk follow their rows: when a month is archived they move into the archive, when it is
 * dropped without archive they are deleted, when it is restored they are copied back. Only files under
 * {@code root} (the workers' output root) are ever touched; without a root, none are.
 */
public final class ResultImageFiles {

    /** Folder of the archive that holds the moved files, by their path relative to the root. */
    static final String ARCHIVE_FOLDER = "result-images";

    private final Path root;

    /** {@code root} may be null: then result images are left where they are. */
    public ResultImageFiles(Path root) {
        this.root = root == null ? null : root.toAbsolutePath().normalize();
    }

    public boolean enabled() {
        return root != null;
    }

    /** The file a stored path or {@code file:} URI names, relative to the root; null when outside it. */
    String relative(String stored) {
        if (root == null || stored == null || stored.isBlank()) {
            return null;
        }
        Path path;
        try {
            path = stored.startsWith("file:") ? Path.of(URI.create(stored)) : Path.of(stored);
        } catch (RuntimeException e) {
            return null;
        }
        Path normal = path.toAbsolutePath().normalize();
        return normal.startsWith(root) && !normal.equals(root) ? root.relativize(normal).toString() : null;
    }

    /** Moves the files into {@code archive}; a file already moved by an interrupted run counts as archived. */
    List<String> moveInto(Path archive, List<String> stored) throws IOException {
        List<String> moved = new ArrayList<>();
        for (String s : stored) {
            String rel = relative(s);
            if (rel == null) {
                continue;
            }
            Path source = root.resolve(rel);
            Path target = archive.resolve(ARCHIVE_FOLDER).resolve(rel);
            if (Files.isRegularFile(source)) {
                Files.createDirectories(target.getParent());
                Files.move(source, target, StandardCopyOption.REPLACE_EXISTING);
                moved.add(rel);
            } else if (Files.isRegularFile(target)) {
                moved.add(rel);
            }
        }
        return moved;
    }

    /** Deletes the files (a month dropped without archive); returns how many were there. */
    int delete(List<String> stored) throws IOException {
        int deleted = 0;
        for (String s : stored) {
            String rel = relative(s);
            if (rel != null && Files.deleteIfExists(root.resolve(rel))) {
                deleted++;
            }
        }
        return deleted;
    }

    /** Copies archived files back under the root (the archive stays whole); returns how many. */
    int restore(Path archive, List<String> relatives) throws IOException {
        if (root == null) {
            return 0;
        }
        int restored = 0;
        for (String rel : relatives) {
            Path target = root.resolve(rel).normalize();
            if (!target.startsWith(root)) {
                throw new IOException("archive names a file outside the results root: " + rel);
            }
            Files.createDirectories(target.getParent());
            Files.copy(archive.resolve(ARCHIVE_FOLDER).resolve(rel), target, StandardCopyOption.REPLACE_EXISTING);
            restored++;
        }
        return restored;
    }
}
