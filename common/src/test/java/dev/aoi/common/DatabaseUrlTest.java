package dev.aoi.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DatabaseUrlTest {

    @Test
    void readsThePlatformForm() {
        DatabaseUrl url = DatabaseUrl.parse("postgresql://aoi:s%40cret@db.local:6543/inspection?sslmode=require");
        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db.local:6543/inspection?sslmode=require");
        assertThat(url.user()).isEqualTo("aoi");
        assertThat(url.password()).isEqualTo("s@cret");
    }

    @Test
    void readsAJdbcUrlAndMovesCredentialsOut() {
        DatabaseUrl url = DatabaseUrl.parse("jdbc:postgresql://127.0.0.1:5432/aoi?user=u&password=p&reWriteBatchedInserts=true");
        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:5432/aoi?reWriteBatchedInserts=true");
        assertThat(url.user()).isEqualTo("u");
        assertThat(url.password()).isEqualTo("p");
        assertThat(url.jdbcUrlWithCredentials()).contains("user=u").contains("password=p");
    }

    @Test
    void defaultsPortAndDatabase() {
        assertThat(DatabaseUrl.parse("postgres://h").jdbcUrl()).isEqualTo("jdbc:postgresql://h:5432/postgres");
    }

    @Test
    void neverShowsThePassword() {
        assertThat(DatabaseUrl.parse("postgresql://aoi:topsecret@h/db").toString()).doesNotContain("topsecret");
        assertThatThrownBy(() -> DatabaseUrl.parse("mysql://u:topsecret@h/db"))
                .hasMessageNotContaining("topsecret");
    }
}
