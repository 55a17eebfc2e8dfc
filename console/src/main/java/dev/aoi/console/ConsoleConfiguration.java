package dev.aoi.console;

import com.zaxxer.hikari.HikariDataSource;
import dev.aoi.console.db.ReadOnlyRoleHealthIndicator;
import dev.aoi.console.db.ReaderDataSources;
import dev.aoi.console.files.FileRoots;
import dev.aoi.console.files.FrameFiles;
import dev.aoi.console.images.FrameDetails;
import dev.aoi.console.images.ImageRepository;
import dev.aoi.console.query.PageLimits;
import dev.aoi.console.regions.RegionRepository;
import dev.aoi.console.stats.StatsRepository;
import java.time.Clock;
import javax.sql.DataSource;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Builds the console's plain objects as beans: the read-only pool, the repositories, the file store. */
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
        return new FrameFiles(images, regions, new FileRoots(properties.fileRoots()), properties.cropMargin());
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
}
