package dev.aoi.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ImageIdsTest {

    @Test
    void acceptsTheContractAlphabet() {
        assertThat(ImageIds.isValid("Lot-7_panel.3:cam-A")).isTrue();
        assertThat(ImageIds.isValid("a".repeat(255))).isTrue();
    }

    @Test
    void refusesEverythingElse() {
        assertThat(ImageIds.isValid(null)).isFalse();
        assertThat(ImageIds.isValid("")).isFalse();
        assertThat(ImageIds.isValid("a".repeat(256))).isFalse();
        assertThat(ImageIds.isValid("a/b")).isFalse();
        assertThat(ImageIds.isValid("a b")).isFalse();
        assertThat(ImageIds.isValid("a\nb")).isFalse();
        assertThatThrownBy(() -> ImageIds.requireValid("a/b")).hasMessageContaining("[A-Za-z0-9._:-]");
    }

    @Test
    void derivesClassAndRegionIds() {
        assertThat(ImageIds.classUniqueId("img7", 3)).isEqualTo("img7_c3");
        assertThat(ImageIds.regionUniqueId("img7", 3, 12)).isEqualTo("img7_c3_r12");
    }

    @Test
    void topicDefaultsFollowTheSpec() {
        Topics t = Topics.defaults();
        assertThat(t.images()).isEqualTo("aoi.images");
        assertThat(t.imagesDlt()).isEqualTo("aoi.images.DLT");
        assertThat(t.resultsDlt()).isEqualTo("aoi.results.DLT");
    }
}
