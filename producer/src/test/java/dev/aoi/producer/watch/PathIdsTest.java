package dev.aoi.producer.watch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aoi.common.ImageIds;
import org.junit.jupiter.api.Test;

class PathIdsTest {

    @Test
    void plainPathsMapOneToOne() {
        assertThat(PathIds.fromRelativePath("", "cam1/lot-7/frame_0001.png")).isEqualTo("cam1:lot-7:frame_0001.png");
        assertThat(PathIds.fromRelativePath("wf:", "a.png")).isEqualTo("wf:a.png");
    }

    @Test
    void replacedCharactersAddAHashSoDistinctPathsStayDistinct() {
        String spaced = PathIds.fromRelativePath("", "cam 1/frame 01.png");
        String underscored = PathIds.fromRelativePath("", "cam_1/frame_01.png");
        assertThat(spaced).startsWith("cam_1:frame_01.png-h").isNotEqualTo(underscored);
        assertThat(PathIds.fromRelativePath("", "cam 1/frame 01.png")).isEqualTo(spaced);
        assertThat(PathIds.fromRelativePath("", "a:b.png")).isNotEqualTo(PathIds.fromRelativePath("", "a/b.png"));
        assertThat(ImageIds.isValid(PathIds.fromRelativePath("", "ünïcode/日本.tif"))).isTrue();
    }

    @Test
    void longPathsAreShortenedToAValidId() {
        String id = PathIds.fromRelativePath("", "d/".repeat(200) + "f.png");
        assertThat(id).hasSize(ImageIds.MAX_LENGTH);
        assertThat(ImageIds.isValid(id)).isTrue();
    }
}
