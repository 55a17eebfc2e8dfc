package dev.aoi.producer.http;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/** Stores uploaded frames under the image root as {@code <id>.<ext>}, written to a dot-file first and then renamed. */
public final class UploadStore {

    private final Path root;

    public UploadStore(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    /** Copies {@code content} to {@code <root>/<id>.<ext>} atomically and returns the final path. */
    public Path store(String imageId, String extension, InputStream content) throws IOException {
        Files.createDirectories(root);
        Path target = root.resolve(imageId + "." + extension).normalize();
        if (!target.getParent().equals(root)) {
            throw new IllegalArgumentException("image id " + imageId + " does not name a file under " + root);
        }
        Path temp = Files.createTempFile(root, "." + imageId, ".part");
        try {
            if (Files.getFileStore(temp).supportsFileAttributeView("posix")) {
                Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-r--r--"));
            }
            Files.copy(content, temp, StandardCopyOption.REPLACE_EXISTING);
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            return target;
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
