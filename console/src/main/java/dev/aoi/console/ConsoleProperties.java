package dev.aoi.console;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the console ({@code aoi.console.*} in application.yml; environment variables override).
 *
 * @param database where and as whom the console reads
 * @param fileRoots the only folders frames and result images are ever read from (a stored path outside them is
 *     refused); empty means no file is served
 * @param defaultPageSize items per page when the client names no {@code limit}
 * @param maxPageSize the largest {@code limit} accepted
 * @param cropMargin pixels around a region's box in its crop
 * @param pictureCache memory kept for overlays and defect sheets the console drew (the worker writes the class map
 *     only, by default); 0 draws every view anew
 */
@ConfigurationProperties("aoi.console")
public record ConsoleProperties(
        @DefaultValue Database database,
        @DefaultValue List<Path> fileRoots,
        @DefaultValue("50") int defaultPageSize,
        @DefaultValue("500") int maxPageSize,
        @DefaultValue("24") int cropMargin,
        @DefaultValue("64MB") DataSize pictureCache) {

    public ConsoleProperties {
        fileRoots = fileRoots == null ? List.of() : List.copyOf(fileRoots);
        if (defaultPageSize < 1 || maxPageSize < defaultPageSize) {
            throw new IllegalArgumentException("aoi.console: need 1 <= default-page-size <= max-page-size");
        }
    }

    /**
     * The console's database login: {@code url} names host and database ({@code DATABASE_URL}, credentials in
     * it are ignored), {@code user}/{@code password} a login user that is a member of {@code aoi_reader}
     * ({@code AOI_CONSOLE_DB_USER}, {@code AOI_CONSOLE_DB_PASSWORD}; there is no default password).
     */
    public record Database(
            @DefaultValue("postgresql://127.0.0.1:15432/aoi") String url,
            @DefaultValue("") String user,
            @DefaultValue("") String password,
            @DefaultValue("4") int poolSize,
            @DefaultValue("5s") Duration connectionTimeout,
            @DefaultValue("30s") Duration statementTimeout) {
    }
}
