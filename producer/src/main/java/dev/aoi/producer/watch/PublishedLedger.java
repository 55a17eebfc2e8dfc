package dev.aoi.producer.watch;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The watch folder's durable memory: one line per file the gateway has dealt with, {@code P} (published, written
 * only after the broker acknowledged it) or {@code S} (already there at first start, deliberately skipped), with the
 * size and modification time it had. Append-only and fsync'd, so a crash loses at most the records whose append did
 * not finish — and those are published again (an idempotent overwrite downstream), never lost.
 */
public final class PublishedLedger implements AutoCloseable {

    /** What the ledger knows about one relative path. */
    public record Entry(char status, long size, long mtimeMillis) {
    }

    private static final String FILE = "published.ledger";

    private final Path file;
    private final Map<String, Entry> entries = new HashMap<>();
    private FileChannel channel;
    private BufferedWriter writer;
    private final boolean existed;

    public PublishedLedger(Path stateDir) {
        try {
            Files.createDirectories(stateDir);
            this.file = stateDir.resolve(FILE);
            this.existed = Files.exists(file);
            if (existed) {
                load();
                compactIfWorthIt();
            }
            open();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the watch-folder ledger under " + stateDir
                    + " (check the state directory exists and is writable)", e);
        }
    }

    /** False on the very first start, when the ledger file did not exist yet. */
    public boolean existed() {
        return existed;
    }

    public Entry get(String relativePath) {
        return entries.get(relativePath);
    }

    public int size() {
        return entries.size();
    }

    /** Appends entries and forces them to disk before returning. */
    public synchronized void append(List<Map.Entry<String, Entry>> batch) {
        if (batch.isEmpty()) {
            return;
        }
        try {
            for (Map.Entry<String, Entry> e : batch) {
                writer.write(line(e.getKey(), e.getValue()));
                entries.put(e.getKey(), e.getValue());
            }
            writer.flush();
            channel.force(false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to the watch-folder ledger " + file
                    + " (disk full or read-only?); the files will be published again after a restart", e);
        }
    }

    private static String line(String path, Entry e) {
        // path last: it is the only field that may contain tabs or spaces
        return e.status() + "\t" + e.size() + "\t" + e.mtimeMillis() + "\t" + path.replace("\n", "\\n") + "\n";
    }

    private void load() throws IOException {
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String[] parts = line.split("\t", 4);
            if (parts.length != 4 || parts[0].length() != 1) {
                continue; // a torn last line after a crash: that file is simply published again
            }
            try {
                entries.put(parts[3].replace("\\n", "\n"),
                        new Entry(parts[0].charAt(0), Long.parseLong(parts[1]), Long.parseLong(parts[2])));
            } catch (NumberFormatException e) {
                // same as a torn line
            }
        }
    }

    /** Rewrites the ledger with one line per path when superseded lines dominate it. */
    private void compactIfWorthIt() throws IOException {
        long lines;
        try (var stream = Files.lines(file, StandardCharsets.UTF_8)) {
            lines = stream.count();
        }
        if (lines < 1000 || lines < 2L * entries.size()) {
            return;
        }
        Path temp = file.resolveSibling(FILE + ".compact");
        StringBuilder sb = new StringBuilder();
        entries.forEach((path, entry) -> sb.append(line(path, entry)));
        try (FileChannel out = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            out.write(StandardCharsets.UTF_8.encode(sb.toString()));
            out.force(true);
        }
        try {
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private void open() throws IOException {
        channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND);
        writer = new BufferedWriter(new java.io.OutputStreamWriter(java.nio.channels.Channels.newOutputStream(channel),
                StandardCharsets.UTF_8));
    }

    @Override
    public synchronized void close() {
        try {
            writer.close();
        } catch (IOException e) {
            throw new UncheckedIOException("closing the ledger " + file, e);
        }
    }
}
