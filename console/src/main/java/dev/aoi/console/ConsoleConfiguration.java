package dev.aoi.console;

import com.zaxxer.hikari.HikariDataSource;
import dev.aoi.console.db.ConsoleWriter;
import dev.aoi.console.db.ReadOnlyRoleHealthIndicator;
import dev.aoi.console.db.ReaderDataSources;
import dev.aoi.console.files.FileRoots;
import dev.aoi.console.files.FrameFiles;
import dev.aoi.console.files.FramePictures;
import dev.aoi.console.images.FrameDetails;
import dev.aoi.console.images.ImageRepository;
import dev.aoi.console.query.PageLimits;
import dev.aoi.console.regions.RegionRepository;
import dev.aoi.console.review.PrecisionPanel;
import dev.aoi.console.review.ReviewQueries;
import dev.aoi.console.review.ReviewRepository;
import dev.aoi.console.security.SecurityProperties;
import dev.aoi.console.stats.StatsRepository;
import dev.aoi.console.users.ConsoleTablesHealthIndicator;
import dev.aoi.console.users.FirstAdmin;
import dev.aoi.console.users.UserStore;
import java.time.Clock;
import javax.sql.DataSource;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Builds the console's plain objects as beans: the read-only pool, the repositories, the file store; and the
 * console's own writing pool with the users and verdicts (the security rules are wired in SecurityConfiguration).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ConsoleProperties.class)
class ConsoleConfiguration {

    /** Rows fetched per round trip when a list is streamed (CSV): memory stays flat whatever the list's length. */
    private static final int STREAM_FETCH_SIZE = 1000;

    @Bean(destroyMethod = "close")
    HikariDataSource dataSource(ConsoleProperties properties) {
        ConsoleProperties.Database db = properties.database();
        return ReaderDataSources.create(db.url(), db.user(), db.password(), db.poolSize(), db.connectionTimeout(),
                db.statementTimeout());
    }

    @Bean
    JdbcTemplate jdbcTemplate(DataSource dataSource) {
        JdbcTemplate template = new JdbcTemplate(dataSource);
        template.setFetchSize(STREAM_FETCH_SIZE);
        return template;
    }

    @Bean
    NamedParameterJdbcTemplate namedParameterJdbcTemplate(JdbcTemplate jdbcTemplate) {
        return new NamedParameterJdbcTemplate(jdbcTemplate);
    }

    @Bean
    TransactionTemplate readTransaction(PlatformTransactionManager transactions) {
        TransactionTemplate template = new TransactionTemplate(transactions);
        template.setReadOnly(true);
        return template;
    }

    @Bean
    ImageRepository imageRepository(NamedParameterJdbcTemplate jdbc, TransactionTemplate readTransaction) {
        return new ImageRepository(jdbc, readTransaction);
    }

    @Bean
    RegionRepository regionRepository(NamedParameterJdbcTemplate jdbc, TransactionTemplate readTransaction) {
        return new RegionRepository(jdbc, readTransaction);
    }

    @Bean
    StatsRepository statsRepository(NamedParameterJdbcTemplate jdbc) {
        return new StatsRepository(JdbcClient.create(jdbc));
    }

    @Bean
    FrameDetails frameDetails(ImageRepository images, RegionRepository regions) {
        return new FrameDetails(images, regions);
    }

    @Bean
    FrameFiles frameFiles(ImageRepository images, RegionRepository regions, ConsoleProperties properties) {
        return new FrameFiles(images, regions, new FileRoots(properties.fileRoots()), properties.cropMargin(),
                new FramePictures(properties.pictureCache().toBytes()));
    }

    @Bean
    PageLimits pageLimits(ConsoleProperties properties) {
        return new PageLimits(properties.defaultPageSize(), properties.maxPageSize());
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    ReadOnlyRoleHealthIndicator readOnlyRoleHealthIndicator(NamedParameterJdbcTemplate jdbc) {
        return new ReadOnlyRoleHealthIndicator(JdbcClient.create(jdbc));
    }

    // --- users and verdicts: the console's own tables, written on a small pool of their own (docs/review.md) ---

    @Bean(destroyMethod = "close")
    ConsoleWriter consoleWriter(ConsoleProperties properties, SecurityProperties security) {
        ConsoleProperties.Database db = properties.database();
        return ConsoleWriter.create(db.url(), db.user(), db.password(), security.writerPoolSize(),
                db.connectionTimeout(), db.statementTimeout());
    }

    @Bean
    UserStore userStore(ConsoleWriter writer) {
        return new UserStore(writer.jdbc());
    }

    @Bean
    ConsoleTablesHealthIndicator consoleTablesHealthIndicator(ConsoleWriter writer) {
        return new ConsoleTablesHealthIndicator(writer.jdbc());
    }

    @Bean
    ApplicationRunner firstAdmin(UserStore users, SecurityProperties security) {
        return args -> FirstAdmin.ensureWhenReachable(users, security.adminUsername(), security.adminPassword());
    }

    @Bean
    ReviewRepository reviewRepository(ConsoleWriter writer) {
        return new ReviewRepository(writer);
    }

    @Bean
    ReviewQueries reviewQueries(NamedParameterJdbcTemplate jdbc) {
        return new ReviewQueries(JdbcClient.create(jdbc));
    }

    @Bean
    PrecisionPanel precisionPanel(ReviewQueries queries) {
        return new PrecisionPanel(queries);
    }
}
