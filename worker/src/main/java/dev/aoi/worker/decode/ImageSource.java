package dev.aoi.worker.decode;

import dev.aoi.imaging.FrameRejectedException;
import static dev.aoi.common.DeadLetters.Reason.IMAGE_NOT_FOUND;
import static dev.aoi.common.DeadLetters.Reason.IMAGE_TOO_LARGE;
import static dev.aoi.common.DeadLetters.Reason.OUTSIDE_ALLOWED_ROOTS;
import static dev.aoi.common.DeadLetters.Reason.UNREADABLE_IMAGE;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Resolves an {@code image_uri} ({@code file:} URI or absolute path) to a regular file under one of the allowed
 * roots and reads it. {@code ..} and symbolic links are resolved before the check, so neither can escape a root.
 * Missing, outside, unreadable and oversized files are {@link FrameRejectedException}s; other I/O errors (a disk
 * or network mount failing) are {@link FrameUnavailableException}s, worth a retry.
 */
public final class ImageSource {

    private final List<Path> roots;
    private final List<Path> configuredRoots;
    private final long maxFileBytes;

    /**
     * @param allowedRoots folders the images must lie under; each must exist
     * @param maxFileBytes larger files are refused unread ({@code IMAGE_TOO_LARGE})
     */
    public ImageSource(List<Path> allowedRoots, long maxFileBytes) {
        if (allowedRoots == null || allowedRoots.isEmpty()) {
            throw new IllegalArgumentException("at least one allowed image root is needed");
        }
        List<Path> real = new ArrayList<>();
        List<Path> configured = new ArrayList<>();
        for (Path root : allowedRoots) {
            try {
                configured.add(root.toAbsolutePath().normalize());
                real.add(root.toAbsolutePath().normalize().toRealPath());
            } catch (IOException e) {
                throw new IllegalArgumentException("allowed image root " + root
                        + " does not exist or cannot be read: create it or fix the setting", e);
            }
        }
        this.roots = List.copyOf(real);
        this.configuredRoots = List.copyOf(configured);
        this.maxFileBytes = maxFileBytes;
    }

    public List<Path> roots() {
        return roots;
    }

    /** The real path of the image {@code imageUri} names, after every check but reading it. */
    public Path resolve(String imageUri) {
        Path requested = toPath(imageUri).normalize();
        // Checked twice: lexically, so that nothing outside is even probed, then after following links.
        if (!isUnder(requested, configuredRoots)) {
            requireUnderRoot(requested, imageUri);
        }
        Path real;
        try {
            real = requested.toRealPath();
        } catch (NoSuchFileException | NotDirectoryException e) {
            throw new FrameRejectedException(IMAGE_NOT_FOUND, "no file at " + imageUri);
        } catch (AccessDeniedException e) {
            throw new FrameRejectedException(UNREADABLE_IMAGE, "permission denied on " + imageUri);
        } catch (FileSystemLoopException e) {
            throw new FrameRejectedException(UNREADABLE_IMAGE, "symbolic link loop at " + imageUri);
        } catch (FileSystemException e) {
            throw lookupFailure(imageUri, e);
        } catch (IOException e) {
            throw new FrameUnavailableException("could not look up " + imageUri + ": " + e, e);
        }
        requireUnderRoot(real, imageUri + " (links to " + real + ")");
        if (!Files.isRegularFile(real, LinkOption.NOFOLLOW_LINKS)) {
            throw new FrameRejectedException(UNREADABLE_IMAGE, imageUri + " is not a regular file");
        }
        return real;
    }

    /** The bytes of the image {@code imageUri} names. */
    public byte[] read(String imageUri) {
        Path file = resolve(imageUri);
        // O_NOFOLLOW on the last component: a link swapped in after the check is refused, not followed.
        try (InputStream in = Files.newInputStream(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            long size = Files.size(file);
            if (size > maxFileBytes) {
                throw new FrameRejectedException(IMAGE_TOO_LARGE, imageUri + " is " + size
                        + " bytes, more than the " + maxFileBytes + " allowed");
            }
            byte[] bytes = in.readNBytes((int) Math.min(maxFileBytes, Integer.MAX_VALUE - 8) + 1);
            if (bytes.length > maxFileBytes) {
                throw new FrameRejectedException(IMAGE_TOO_LARGE, imageUri + " grew past " + maxFileBytes
                        + " bytes while being read");
            }
            return bytes;
        } catch (NoSuchFileException e) {
            throw new FrameRejectedException(IMAGE_NOT_FOUND, "no file at " + imageUri + " (removed while reading)");
        } catch (AccessDeniedException e) {
            throw new FrameRejectedException(UNREADABLE_IMAGE, "permission denied on " + imageUri);
        } catch (IOException e) {
            if (Files.isSymbolicLink(file)) {
                throw new FrameRejectedException(OUTSIDE_ALLOWED_ROOTS, imageUri + " became a symbolic link");
            }
            throw new FrameUnavailableException("I/O error reading " + imageUri + ": " + e, e);
        }
    }

    /** Errors that name a property of the path itself are poison; anything else may be a failing mount. */
    private static RuntimeException lookupFailure(String imageUri, FileSystemException e) {
        String why = String.valueOf(e.getReason());
        if (why.contains("Not a directory") || why.contains("File name too long")) {
            return new FrameRejectedException(IMAGE_NOT_FOUND, "no file at " + imageUri + " (" + why + ")");
        }
        if (why.contains("Too many levels of symbolic links")) {
            return new FrameRejectedException(UNREADABLE_IMAGE, "symbolic link loop at " + imageUri);
        }
        return new FrameUnavailableException("could not look up " + imageUri + ": " + e, e);
    }

    private static Path toPath(String imageUri) {
        try {
            if (imageUri.regionMatches(true, 0, "file:", 0, 5)) {
                URI uri = URI.create(imageUri);
                if (uri.getAuthority() != null && !uri.getAuthority().isEmpty()
                        && !uri.getAuthority().equalsIgnoreCase("localhost")) {
                    throw new FrameRejectedException(IMAGE_NOT_FOUND, "file: URI with a remote host is not supported: "
                            + imageUri);
                }
                if (uri.isOpaque() || uri.getPath() == null || !uri.getPath().startsWith("/")) {
                    throw new FrameRejectedException(OUTSIDE_ALLOWED_ROOTS, "image path must be absolute: " + imageUri
                            + " is an opaque or relative file: URI (write file:///absolute/path)");
                }
                return Path.of(uri.getPath());
            }
            int colon = imageUri.indexOf(':');
            int slash = imageUri.indexOf('/');
            if (colon > 0 && (slash < 0 || colon < slash)) {
                throw new FrameRejectedException(IMAGE_NOT_FOUND, "URI scheme '" + imageUri.substring(0, colon)
                        + "' is not supported; use a file: URI or an absolute path");
            }
            Path path = Path.of(imageUri);
            if (!path.isAbsolute()) {
                throw new FrameRejectedException(OUTSIDE_ALLOWED_ROOTS, "image path must be absolute: " + imageUri);
            }
            return path;
        } catch (IllegalArgumentException e) { // includes InvalidPathException
            throw new FrameRejectedException(IMAGE_NOT_FOUND, "not a valid file URI or path: " + imageUri);
        }
    }

    private void requireUnderRoot(Path path, String shown) {
        if (!isUnder(path, roots)) {
            throw new FrameRejectedException(OUTSIDE_ALLOWED_ROOTS, shown + " is not under an allowed root " + roots);
        }
    }

    private static boolean isUnder(Path path, List<Path> candidates) {
        for (Path root : candidates) {
            if (path.startsWith(root)) {
                return true;
            }
        }
        return false;
    }
}
