package dev.aoi.persister.lifecycle;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * One month of images, classes and regions to and from an archive folder: each table's rows COPYed to a gzip file
 * ({@code images.copy.gz} …, PostgreSQL's COPY text format, readable with {@code zcat}), the result images moved
 * along, and a manifest with the row counts and sha256 of each file's content. {@link #verify} reads the files
 * back and compares them with the manifest and the month's rows; {@link #restore} loads them back in one
 * transaction.
 */
public final class PartitionArchiver {

    private final JdbcTemplate jdbc;
    private final JdbcClient client;
    private final TransactionTemplate transactions;
    private final Partitions partitions;
    private final ResultImageFiles resultImages;
    private final Clock clock;

    public PartitionArchiver(DataSource dataSource, ResultImageFiles resultImages, Clock clock) {
        this.jdbc = new JdbcTemplate(Objects.requireNonNull(dataSource, "dataSource"));
        this.client = JdbcClient.create(jdbc);
        this.transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        this.partitions = new Partitions(dataSource);
        this.resultImages = resultImages;
        this.clock = clock;
    }

    /** Writes the archive of {@code month} under {@code location}/YYYY-MM (replacing an earlier, partial one). */
    public Manifest archive(Month month, String location) throws IOException {
        Path folder = ArchiveFiles.folder(location, month);
        Files.createDirectories(folder);
        Map<String, Manifest.TableFile> tables = new LinkedHashMap<>();
        for (String table : Partitions.TABLES) {
            List<String> columns = columns(table);
            String file = table + ".copy.gz";
            try (ArchiveFiles.Writing out = ArchiveFiles.write(folder.resolve(file))) {
                String sql = "COPY (SELECT " + String.join(", ", quoted(columns)) + " FROM " + table
                        + " WHERE captured_at >= '" + month.start() + "' AND captured_at < '" + month.end()
                        + "') TO STDOUT";
                long rows = jdbc.execute((ConnectionCallback<Long>) c -> {
                    try {
                        return copy(c).copyOut(sql, out.stream());
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
                tables.put(table, new Manifest.TableFile(file, columns, rows, out.commit()));
            }
        }
        List<String> files = resultImages.enabled() ? resultImages.moveInto(folder, resultImagePaths(month)) : List.of();
        Manifest manifest = new Manifest(Manifest.FORMAT_VERSION, month.toString(), clock.instant().toString(),
                schemaVersion(), tables, files);
        ArchiveFiles.writeManifest(folder, manifest);
        return manifest;
    }

    /**
     * Reads every file of the archive back: row counts and sha256 as in the manifest, and the manifest's counts
     * equal to the rows the month holds now; returns the manifest, throws {@link IllegalStateException} otherwise.
     */
    public Manifest verify(Month month, Path folder) throws IOException {
        Manifest manifest = ArchiveFiles.readManifest(folder);
        for (Map.Entry<String, Manifest.TableFile> e : manifest.tables().entrySet()) {
            Manifest.TableFile f = e.getValue();
            MessageDigest digest = ArchiveFiles.sha256();
            long lines = ArchiveFiles.countLines(folder.resolve(f.file()), digest);
            String sha = ArchiveFiles.hex(digest);
            if (lines != f.rows() || !sha.equals(f.sha256())) {
                throw new IllegalStateException("archive file " + folder.resolve(f.file()) + " holds " + lines
                        + " rows (sha256 " + sha + "), its manifest says " + f.rows() + " (" + f.sha256() + ")");
            }
            long stored = partitions.rows(e.getKey(), month);
            if (stored != f.rows()) {
                throw new IllegalStateException("month " + month + " holds " + stored + " rows of " + e.getKey()
                        + ", its archive " + f.rows());
            }
        }
        for (String rel : manifest.resultImages()) {
            if (!Files.isRegularFile(folder.resolve(ResultImageFiles.ARCHIVE_FOLDER).resolve(rel))) {
                throw new IllegalStateException("result image " + rel + " is missing from the archive " + folder);
            }
        }
        return manifest;
    }

    /**
     * Loads the archive of {@code month} back (its partitions are created where missing), in one transaction:
     * all rows or none. Refuses when a restored image is stored under another month meanwhile (a re-sent frame).
     */
    public RestoreReport restore(Month month, Path folder) throws IOException {
        Manifest manifest = ArchiveFiles.readManifest(folder);
        if (!manifest.month().equals(month.toString())) {
            throw new IllegalStateException("the archive at " + folder + " is of " + manifest.month() + ", not " + month);
        }
        for (Manifest.TableFile f : manifest.tables().values()) {
            MessageDigest digest = ArchiveFiles.sha256();
            long lines = ArchiveFiles.countLines(folder.resolve(f.file()), digest);
            if (lines != f.rows() || !ArchiveFiles.hex(digest).equals(f.sha256())) {
                throw new IllegalStateException("archive file " + folder.resolve(f.file()) + " does not match its"
                        + " manifest (" + lines + " rows, " + f.rows() + " expected): nothing restored");
            }
        }
        partitions.create(month);
        Map<String, Long> loaded = transactions.execute(status -> {
            Map<String, Long> rows = new LinkedHashMap<>();
            for (String table : Partitions.TABLES) {
                Manifest.TableFile f = manifest.tables().get(table);
                String sql = "COPY " + table + " (" + String.join(", ", quoted(f.columns())) + ") FROM STDIN";
                rows.put(table, jdbc.execute((ConnectionCallback<Long>) c -> {
                    try (InputStream in = ArchiveFiles.read(folder.resolve(f.file()))) {
                        return copy(c).copyIn(sql, in);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }));
                if (rows.get(table) != f.rows()) {
                    throw new IllegalStateException("restored " + rows.get(table) + " rows of " + table
                            + ", the manifest says " + f.rows());
                }
            }
            long elsewhere = client.sql("""
                    SELECT count(*) FROM images i JOIN image_keys k ON k.img_unique_id = i.img_unique_id
                    WHERE i.captured_at >= ? AND i.captured_at < ? AND k.captured_at <> i.captured_at""")
                    .param(Timestamp.from(month.start())).param(Timestamp.from(month.end())).query(Long.class).single();
            if (elsewhere > 0) {
                throw new IllegalStateException(elsewhere + " images of " + month + " were stored again under another"
                        + " capture time since they were archived; nothing restored");
            }
            client.sql("""
                    INSERT INTO image_keys (img_unique_id, captured_at)
                    SELECT img_unique_id, captured_at FROM images WHERE captured_at >= ? AND captured_at < ?
                    ON CONFLICT (img_unique_id) DO NOTHING""")
                    .param(Timestamp.from(month.start())).param(Timestamp.from(month.end())).update();
            client.sql("UPDATE partition_archives SET restored_at = now() WHERE month = ?")
                    .param(month.firstDay()).update();
            return rows;
        });
        int files = resultImages.restore(folder, manifest.resultImages());
        return new RestoreReport(month, loaded, files);
    }

    /** What a restore loaded. */
    public record RestoreReport(Month month, Map<String, Long> rows, int resultImages) {
    }

    /** The stored result image paths of the month's images. */
    List<String> resultImagePaths(Month month) {
        List<String> paths = new ArrayList<>();
        client.sql("""
                SELECT result_image_1_path, result_image_2_path, result_image_3_path FROM images
                WHERE captured_at >= ? AND captured_at < ?""")
                .param(Timestamp.from(month.start())).param(Timestamp.from(month.end()))
                .query(rs -> {
                    for (int k = 1; k <= 3; k++) {
                        String p = rs.getString(k);
                        if (p != null) {
                            paths.add(p);
                        }
                    }
                });
        return paths;
    }

    private List<String> columns(String table) {
        return client.sql("""
                SELECT attname FROM pg_attribute WHERE attrelid = ?::regclass AND attnum > 0 AND NOT attisdropped
                ORDER BY attnum""").param(table).query(String.class).list();
    }

    private String schemaVersion() {
        return client.sql("SELECT max(version::int)::text FROM flyway_schema_history WHERE success AND version IS NOT NULL")
                .query(String.class).optional().orElse("?");
    }

    private static List<String> quoted(List<String> columns) {
        return columns.stream().map(c -> "\"" + c.replace("\"", "\"\"") + "\"").toList();
    }

    private static CopyManager copy(java.sql.Connection c) throws java.sql.SQLException {
        return c.unwrap(PGConnection.class).getCopyAPI();
    }
}
