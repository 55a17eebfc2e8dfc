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

    @Test
    void refusesOpaqueFileUrisAndWhatTheDatabaseCannotStore() {
        assertThatThrownBy(() -> ImageRefPublisher.requireLocatable("file:foo"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("opaque or relative");
        assertThatThrownBy(() -> ImageRefPublisher.requireLocatable("file:frames/a.png"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ImageRefPublisher.requireLocatable("/data/a\u0000.png"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NUL");
        assertThatThrownBy(() -> ImageRefPublisher.requireLocatable("/" + "a".repeat(500)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("500");
        assertThatCode(() -> ImageRefPublisher.requireLocatable("file:/data/a.png")).doesNotThrowAnyException();
    }
}
