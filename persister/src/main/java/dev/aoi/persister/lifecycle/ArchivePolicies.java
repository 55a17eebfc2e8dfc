package dev.aoi.persister.lifecycle;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Reads and sets {@code archive_policies} ({@code ./aoi db policy ...}). */
public final class ArchivePolicies {

    private static final String COLUMNS = "data_kind, retention_days, archive_enabled, archive_location,"
            + " downsample_after_days, last_archive_run";

    private final JdbcClient jdbc;

    public ArchivePolicies(DataSource dataSource) {
        this.jdbc = JdbcClient.create(Objects.requireNonNull(dataSource, "dataSource"));
    }

    public List<ArchivePolicy> all() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM archive_policies ORDER BY data_kind").query((rs, n) -> {
            Timestamp last = rs.getTimestamp(6);
            return new ArchivePolicy(rs.getString(1), (Integer) rs.getObject(2), rs.getBoolean(3), rs.getString(4),
                    (Integer) rs.getObject(5), last == null ? null : last.toInstant());
        }).list();
    }

    public ArchivePolicy get(String dataKind) {
        return all().stream().filter(p -> p.dataKind().equals(dataKind)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no policy for '" + dataKind + "': kinds are "
                        + all().stream().map(ArchivePolicy::dataKind).toList()));
    }

    /** Replaces the settable fields of {@code policy}'s row (the database checks them). */
    public void set(ArchivePolicy policy) {
        int updated = jdbc.sql("""
                UPDATE archive_policies SET retention_days = ?, archive_enabled = ?, archive_location = ?,
                    downsample_after_days = ? WHERE data_kind = ?""")
                .param(policy.retentionDays()).param(policy.archiveEnabled()).param(policy.archiveLocation())
                .param(policy.downsampleAfterDays()).param(policy.dataKind()).update();
        if (updated == 0) {
            get(policy.dataKind());
        }
    }

    /** Records when the retention job last ran for {@code dataKind}. */
    public void recordRun(String dataKind, Instant at) {
        jdbc.sql("UPDATE archive_policies SET last_archive_run = ? WHERE data_kind = ?")
                .param(Timestamp.from(at)).param(dataKind).update();
    }
}
