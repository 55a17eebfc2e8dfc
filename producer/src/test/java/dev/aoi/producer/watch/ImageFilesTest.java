package dev.aoi.producer.watch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageFilesTest {

    @TempDir
    Path dir;

    @Test
    void recognisesFramesAndIgnoresTemporaries() {
        assertThat(ImageFiles.isFrameName("a.PNG")).isTrue();
        assertThat(ImageFiles.isFrameName("a.tiff")).isTrue();
        assertThat(ImageFiles.isFrameName("a.jpeg")).isTrue();
        assertThat(ImageFiles.isFrameName(".a.png")).isFalse();
        assertThat(ImageFiles.isFrameName("a.png.part")).isFalse();
        assertThat(ImageFiles.isFrameName("a.png.tmp")).isFalse();
        assertThat(ImageFiles.isFrameName("a.txt")).isFalse();
    }

    @Test
    void aTruncatedPngHasNoTrailer() throws Exception {
        byte[] png = WatchFolderGatewayIT.pngBytes();
        Path whole = Files.write(dir.resolve("whole.png"), png);
        Path half = Files.write(dir.resolve("half.png"), Arrays.copyOf(png, png.length / 2));
        assertThat(ImageFiles.hasCompleteTrailer(whole, Files.size(whole))).isTrue();
        assertThat(ImageFiles.hasCompleteTrailer(half, Files.size(half))).isFalse();
    }
}
