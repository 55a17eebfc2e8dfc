package dev.aoi.common.synthetic;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class PcbFrameRendererTest {

    private final PcbFrameRenderer renderer = new PcbFrameRenderer(640, 512);

    @Test
    void sameSeedSameBytes() {
        SyntheticFrame a = renderer.render(42);
        SyntheticFrame b = new PcbFrameRenderer(640, 512).render(42);
        assertThat(a.rgb()).isEqualTo(b.rgb());
        assertThat(a.mask()).isEqualTo(b.mask());
        SyntheticFrame c = renderer.render(43);
        assertThat(Arrays.equals(a.rgb(), c.rgb())).isFalse();
    }

    @Test
    void masksHoldOnlyClassIdsAndEveryClassAppearsWithinAFewFrames() {
        boolean[] seen = new boolean[5];
        for (int i = 0; i < 6; i++) {
            SyntheticFrame f = new PcbFrameRenderer(1024, 1024).render(PcbFrameRenderer.frameSeed(7, i));
            for (byte m : f.mask()) {
                assertThat((int) m).isBetween(0, 4);
                seen[m] = true;
            }
        }
        for (DefectClass c : DefectClass.values()) {
            assertThat(seen[c.id()]).as(c.label()).isTrue();
        }
    }

    @Test
    void maskedPixelsLookLikeTheirClass() {
        long darkParticles = 0;
        long particles = 0;
        long brightNodules = 0;
        long nodules = 0;
        for (int i = 0; i < 6; i++) {
            SyntheticFrame f = new PcbFrameRenderer(1024, 1024).render(PcbFrameRenderer.frameSeed(3, i));
            for (int p = 0; p < f.mask().length; p++) {
                int rgb = f.rgb()[p];
                int luma = (((rgb >> 16) & 0xFF) * 3 + ((rgb >> 8) & 0xFF) * 6 + (rgb & 0xFF)) / 10;
                if (f.mask()[p] == DefectClass.PI_PARTICLE.id()) {
                    particles++;
                    darkParticles += luma < 80 ? 1 : 0;
                } else if (f.mask()[p] == DefectClass.COPPER_NODULE.id()) {
                    nodules++;
                    brightNodules += luma > 150 ? 1 : 0;
                }
            }
        }
        assertThat(particles).isPositive();
        assertThat(nodules).isPositive();
        assertThat((double) darkParticles / particles).as("PI particles are dark").isGreaterThan(0.8);
        assertThat((double) brightNodules / nodules).as("copper nodules are bright").isGreaterThan(0.7);
    }

    @Test
    void sequenceSeedsDifferPerFrame() {
        assertThat(PcbFrameRenderer.frameSeed(1, 0)).isNotEqualTo(PcbFrameRenderer.frameSeed(1, 1));
        assertThat(PcbFrameRenderer.frameSeed(1, 0)).isNotEqualTo(PcbFrameRenderer.frameSeed(2, 0));
    }
}
