package dev.aoi.infra.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PrometheusScrapeTest {

    @Test
    void reads_samples_by_name_and_adds_up_label_sets() {
        PrometheusScrape scrape = PrometheusScrape.parse("""
                # HELP aoi_persister_batch_size_records records per poll batch
                # TYPE aoi_persister_batch_size_records summary
                aoi_persister_batch_size_records_count 12.0
                aoi_persister_batch_size_records_sum 30.0
                aoi_persister_results_total{outcome="stored"} 25.0
                aoi_persister_results_total{outcome="unchanged",note="a b"} 5.0
                """);
        assertThat(scrape.value("aoi_persister_batch_size_records_count")).isEqualTo(12.0);
        assertThat(scrape.value("aoi_persister_batch_size_records_sum")).isEqualTo(30.0);
        assertThat(scrape.value("aoi_persister_results_total")).isEqualTo(30.0);
        assertThat(scrape.value("not_there")).isZero();
    }
}
