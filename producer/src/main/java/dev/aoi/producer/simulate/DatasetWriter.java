package dev.aoi.producer.simulate;

import dev.aoi.common.synthetic.DefectClass;
import dev.aoi.common.synthetic.PcbFrameRenderer;
import dev.aoi.common.synthetic.SyntheticFrame;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** Writes a training/evaluation dataset: {@code frame_NNNNNN.<ext>} plus {@code frame_NNNNNN_mask.png} per frame. */
public final class DatasetWriter {

    private final PcbFrameRenderer renderer;
    private final FrameFiles.Format format;

    public DatasetWriter(PcbFrameRenderer renderer, FrameFiles.Format format) {
        this.renderer = renderer;
        this.format = format;
    }

    /** Renders frames {@code 0..frames-1} of {@code seed} into {@code dir}; returns the mean render time in ms. */
    public double write(Path dir, int frames, long seed, PrintStream log) throws IOException {
        Files.createDirectories(dir);
        long renderNanos = 0;
        long writeNanos = 0;
        int[] classFrames = new int[DefectClass.values().length + 1];
        for (int i = 0; i < frames; i++) {
            long t0 = System.nanoTime();
            SyntheticFrame frame = renderer.render(PcbFrameRenderer.frameSeed(seed, i));
            long t1 = System.nanoTime();
            String name = String.format(Locale.ROOT, "frame_%06d", i);
            FrameFiles.writeFrame(frame, dir, name, format);
            FrameFiles.writeMask(frame, dir, name);
            long t2 = System.nanoTime();
            renderNanos += t1 - t0;
            writeNanos += t2 - t1;
            for (DefectClass c : DefectClass.values()) {
                if (frame.pixelsOf(c.id()) > 0) {
                    classFrames[c.id()]++;
                }
            }
        }
        Files.writeString(dir.resolve("dataset.json"), String.format(Locale.ROOT,
                "{\"seed\": %d, \"frames\": %d, \"width\": %d, \"height\": %d, \"format\": \"%s\", \"classes\": \"%s\"}%n",
                seed, frames, renderer.width(), renderer.height(), format.extension(), DefectClass.metadataValue()));
        double renderMs = frames == 0 ? 0 : renderNanos / 1e6 / frames;
        log.printf(Locale.ROOT, "wrote %d frames %dx%d to %s: render %.1f ms/frame, encode+write %.1f ms/frame%n",
                frames, renderer.width(), renderer.height(), dir, renderMs, frames == 0 ? 0 : writeNanos / 1e6 / frames);
        for (DefectClass c : DefectClass.values()) {
            log.printf(Locale.ROOT, "  %-14s in %d of %d frames%n", c.label(), classFrames[c.id()], frames);
        }
        return renderMs;
    }
}
