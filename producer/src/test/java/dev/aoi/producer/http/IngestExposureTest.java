package dev.aoi.producer.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class IngestExposureTest {

    private static final String LONG_TOKEN = "0123456789abcdef0123456789abcdef";

    @Test
    void withoutATokenTheIngestListensOnLoopbackOnly() throws Exception {
        assertThat(new IngestExposure(null, null).bindAddress().isLoopbackAddress()).isTrue();
        assertThat(new IngestExposure("  ", null).bindAddress().isLoopbackAddress()).isTrue();
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        assertThat(new IngestExposure("", loopback).bindAddress()).isEqualTo(loopback);
    }

    @Test
    void withoutATokenAnyOtherAddressRefusesToStart() throws Exception {
        assertThatThrownBy(() -> new IngestExposure("", InetAddress.getByName("0.0.0.0")).bindAddress())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("AOI_PRODUCER_TOKEN")
                .hasMessageContaining("0.0.0.0");
    }

    @Test
    void elsewhereTheTokenMustHaveAtLeast32Characters() throws Exception {
        assertThatThrownBy(() -> new IngestExposure("short-token", null).bindAddress())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("at least 32");
        assertThatThrownBy(() -> new IngestExposure(LONG_TOKEN.substring(1), InetAddress.getByName("0.0.0.0"))
                .bindAddress()).isInstanceOf(IllegalStateException.class);
        assertThat(new IngestExposure(LONG_TOKEN, null).bindAddress()).as("all interfaces").isNull();
        assertThat(new IngestExposure("short", InetAddress.getByName("127.0.0.1")).bindAddress().isLoopbackAddress())
                .as("a short token is enough on loopback").isTrue();
    }
}
