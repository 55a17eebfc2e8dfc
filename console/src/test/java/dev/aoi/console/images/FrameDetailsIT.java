package dev.aoi.console.images;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aoi.console.query.PageRequest;
import dev.aoi.console.regions.RegionRepository;
import dev.aoi.console.testing.ConsoleTestDatabase;
import dev.aoi.console.testing.StatementCounter;
import dev.aoi.persister.bench.SyntheticResults;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** No N+1: a frame's detail and a page of the list cost the same number of statements whatever the rows. */
class FrameDetailsIT {

    static final ConsoleTestDatabase DB = ConsoleTestDatabase.create();

    @AfterAll
    static void close() {
        DB.close();
    }

    @Test
    void aFramesDetailCostsThreeStatementsWithOneRegionOrTwoThousand() {
        SyntheticResults synthetic = new SyntheticResults(3);
        Instant at = Instant.parse("2026-11-20T00:00:00Z");
        DB.write(List.of(synthetic.result("one-region", 1, 1, at), synthetic.result("many-regions", 2, 2000, at),
                synthetic.result("no-region", 3, 0, at)));
        StatementCounter counter = new StatementCounter(DB.reader().dataSource());
        NamedParameterJdbcTemplate jdbc = new NamedParameterJdbcTemplate(new JdbcTemplate(counter.dataSource()));
        TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(counter.dataSource()));
        ImageRepository images = new ImageRepository(jdbc, tx);
        FrameDetails details = new FrameDetails(images, new RegionRepository(jdbc, tx));

        int[] counts = new int[3];
        String[] ids = {"no-region", "one-region", "many-regions"};
        for (int i = 0; i < ids.length; i++) {
            counter.reset();
            ImageDetail detail = details.find(ids[i]).orElseThrow();
            counts[i] = counter.count();
            assertThat(detail.image().classes()).hasSize(4);
        }
        assertThat(counts).containsOnly(3);
        assertThat(details.find("many-regions").orElseThrow().regions().items()).hasSize(FrameDetails.REGIONS_PER_PAGE);

        counter.reset();
        assertThat(images.list(ImageFilter.none(), PageRequest.first(50)).items()).hasSize(3);
        assertThat(counter.count()).isEqualTo(1);
    }
}
