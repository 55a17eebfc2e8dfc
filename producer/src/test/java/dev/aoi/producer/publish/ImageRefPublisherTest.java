package dev.aoi.producer.publish;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ImageRefPublisherTest {

    @Test
    void acceptsAbsolutePathsAndUris() {
        assertThatCode(() -> ImageRefPublisher.requireLocatable("/data/a.png")).doesNotThrowAnyException();
        assertThatCode(() -> ImageRefPublisher.requireLocatable("file:///data/a.png")).doesNotThrowAnyException();
        assertThatCode(() -> ImageRefPublisher.requireLocatable("s3://bucket/a.png")).doesNotThrowAnyException();
    }

    @Test
    void refusesRelativePaths() {
        assertThatThrownBy(() -> ImageRefPublisher.requireLocatable("frames/a.png"))
                .hasMessageContaining("image_uri");
    }
}
