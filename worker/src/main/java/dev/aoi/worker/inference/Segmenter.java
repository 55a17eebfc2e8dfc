package dev.aoi.worker.inference;

import dev.aoi.common.event.ModelInfo;
import dev.aoi.imaging.ClassMap;
import dev.aoi.imaging.Frame;
import java.util.List;

/**
 * Frames in, class maps at each frame's own resolution out (docs/model.md). {@link OnnxSegmenter} is the real one; the
 * worker bench puts a stand-in of no cost in its place to measure what the CPU side alone sustains.
 */
public interface Segmenter extends AutoCloseable {

    ModelInfo modelInfo();

    /** Names of classes 1..C. */
    List<String> classNames();

    /** Where the model runs: {@code cuda} or {@code cpu} (or what a stand-in calls itself). */
    String device();

    /**
     * Class maps for {@code frames}, in order.
     *
     * @throws InferenceException when a run fails; which frame caused it is unknown, so retry them one by one
     */
    List<ClassMap> segment(List<Frame> frames);

    default ClassMap segment(Frame frame) {
        return segment(List.of(frame)).get(0);
    }

    @Override
    void close();
}
