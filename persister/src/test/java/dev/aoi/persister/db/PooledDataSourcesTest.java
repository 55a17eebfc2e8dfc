package dev.aoi.persister.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import dev.aoi.common.DatabaseUrl;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class PooledDataSourcesTest {

    @Test
    void bothUrlFormsGiveAPoolSizedByPoolSizeAndOverflowWithoutCredentialsInTheUrl() {
        for (String url : new String[] {"postgresql://aoi:s3cr%40t@db.example:6543/lines",
                "jdbc:postgresql://db.example:6543/lines?user=aoi&password=s3cr%40t"}) {
            try (HikariDataSource ds = PooledDataSources.create(DatabaseUrl.parse(url), new PoolSettings(3, 4), "t",
                    Duration.ofSeconds(1))) {
                assertThat(ds.getJdbcUrl()).startsWith("jdbc:postgresql://db.example:6543/lines?")
                        .contains("reWriteBatchedInserts=true").doesNotContain("s3cr").doesNotContain("password");
                assertThat(ds.getUsername()).isEqualTo("aoi");
                assertThat(ds.getPassword()).isEqualTo("s3cr@t");
                assertThat(ds.getMinimumIdle()).isEqualTo(3);
                assertThat(ds.getMaximumPoolSize()).isEqualTo(7);
            }
        }
    }

    @Test
    void aParameterTheUrlSetsIsKept() {
        assertThat(PooledDataSources.withDefault("jdbc:postgresql://h/d?reWriteBatchedInserts=false",
                "reWriteBatchedInserts", "true")).isEqualTo("jdbc:postgresql://h/d?reWriteBatchedInserts=false");
        assertThat(PooledDataSources.withDefault("jdbc:postgresql://h/d", "a", "1")).isEqualTo("jdbc:postgresql://h/d?a=1");
    }

    @Test
    void poolSettingsSayWhatIsWrong() {
        assertThatThrownBy(() -> new PoolSettings(0, 1)).hasMessageContaining("DB_POOL_SIZE");
        assertThatThrownBy(() -> new PoolSettings(1, -1)).hasMessageContaining("DB_MAX_OVERFLOW");
    }
}
