package dev.aoi.persister.lifecycle;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.GZIPInputStream;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** The files of an archive: gzip streams with the sha256 of what they hold, the manifest, atomic replacement. */
final class ArchiveFiles {

    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private ArchiveFiles() {
    }

    /** The folder of {@code month} under {@code location}. */
    static Path folder(String location, Month month) {
        return Path.of(location).resolve(month.toString());
    }

    /** A gzip stream into a temporary file next to {@code target}; {@link Writing#commit()} renames it into place. */
    static Writing write(Path target) throws IOException {
        Files.createDirectories(target.toAbsolutePath().getParent());
        Path temp = target.resolveSibling(target.getFileName() + ".tmp");
        return new Writing(target, temp);
    }

    /** Lines of the uncompressed content of a gzip file; {@code digest} sees that content. */
    static long countLines(Path file, MessageDigest digest) throws IOException {
        long lines = 0;
        try (InputStream in = new DigestInputStream(new GZIPInputStream(Files.newInputStream(file), 1 << 16), digest);
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16)) {
            while (reader.readLine() != null) {
                lines++;
            }
        }
        return lines;
    }

    static InputStream read(Path file) throws IOException {
        return new GZIPInputStream(Files.newInputStream(file), 1 << 16);
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String hex(MessageDigest digest) {
        return HexFormat.of().formatHex(digest.digest());
    }

    static void writeManifest(Path folder, Manifest manifest) throws IOException {
        Path target = folder.resolve(Manifest.FILE);
        Path temp = folder.resolve(Manifest.FILE + ".tmp");
        Files.writeString(temp, JSON.writeValueAsString(manifest) + "\n", StandardCharsets.UTF_8);
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    static Manifest readManifest(Path folder) {
        Path file = folder.resolve(Manifest.FILE);
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("no archive at " + folder + " (" + Manifest.FILE + " is missing)");
        }
        try {
            return JSON.readValue(file.toFile(), Manifest.class);
        } catch (RuntimeException e) {
            throw new IllegalStateException("unreadable " + file + ": " + e.getMessage(), e);
        }
    }

    static String sha256Of(Path file) {
        MessageDigest digest = sha256();
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(OutputStream.nullOutputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return hex(digest);
    }

    /** A gzip file being written: the sha256 of what went in, renamed into place only when complete. */
    static final class Writing implements AutoCloseable {
        private final Path target;
        private final Path temp;
        private final MessageDigest digest = sha256();
        private final OutputStream out;
        private boolean committed;

        private Writing(Path target, Path temp) throws IOException {
            this.target = target;
            this.temp = temp;
            // the fastest deflate level: archiving a month is bound by compression, and level 1 already shrinks
            // COPY text several times
            GZIPOutputStream gzip = new GZIPOutputStream(Files.newOutputStream(temp), 1 << 16) {
                {
                    def.setLevel(Deflater.BEST_SPEED);
                }
            };
            this.out = new DigestOutputStream(gzip, digest);
        }

        OutputStream stream() {
            return out;
        }

        /** Closes the file and moves it into place; returns the sha256 of the uncompressed bytes. */
        String commit() throws IOException {
            out.close();
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            committed = true;
            return hex(digest);
        }

        @Override
        public void close() throws IOException {
            if (!committed) {
                out.close();
                Files.deleteIfExists(temp);
            }
        }
    }
}
