package dev.aoi.console.admin;

import dev.aoi.console.query.Timestamps;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The admins' read-only view of the retention and archive policies (the persister's {@code archive_policies},
 * set with {@code ./aoi db policy}): the console's role may read them, never change them.
 */
@Controller
class ArchivePoliciesPage {

    /** One policy row as stored. */
    record Policy(String dataKind, Integer retentionDays, boolean archiveEnabled, String archiveLocation,
            Integer downsampleAfterDays, Instant lastArchiveRun, Instant updatedAt) {
    }

    private final JdbcClient jdbc;

    ArchivePoliciesPage(NamedParameterJdbcTemplate readOnly) {
        this.jdbc = JdbcClient.create(readOnly);
    }

    @GetMapping("/admin/archive-policies")
    String policies(Model model) {
        List<Policy> policies = jdbc.sql("SELECT data_kind, retention_days, archive_enabled, archive_location,"
                        + " downsample_after_days, last_archive_run, updated_at FROM archive_policies ORDER BY data_kind")
                .query((rs, n) -> new Policy(rs.getString(1), rs.getObject(2, Integer.class), rs.getBoolean(3),
                        rs.getString(4), rs.getObject(5, Integer.class), Timestamps.read(rs, "last_archive_run"),
                        Timestamps.read(rs, "updated_at")))
                .list();
        model.addAttribute("policies", policies);
        return "admin/archive-policies";
    }
}
