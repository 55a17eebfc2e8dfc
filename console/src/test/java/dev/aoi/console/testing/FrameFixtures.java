package dev.aoi.console.testing;

import dev.aoi.common.event.ClassResult;
import dev.aoi.common.event.InspectionResult;
import dev.aoi.common.event.RegionResult;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * Real files for a result, as a worker would leave them: the input frame (grey, each region's box painted in its
 * class's colour) and the class map (pixel = class id inside each region's box), at the result's size.
 */
public final class FrameFixtures {

    private static final Color[] COLOURS = {Color.BLACK, Color.RED, Color.ORANGE, Color.CYAN, Color.MAGENTA};

    private FrameFixtures() {
    }

    /** Writes the frame and class map of {@code r} under {@code dir} and returns the result pointing at them. */
    public static InspectionResult withFiles(InspectionResult r, Path dir) throws IOException {
        Files.createDirectories(dir);
        BufferedImage frame = new BufferedImage(r.imageWidth(), r.imageHeight(), BufferedImage.TYPE_INT_RGB);
        BufferedImage classes = new BufferedImage(r.imageWidth(), r.imageHeight(), BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D f = frame.createGraphics();
        Graphics2D c = classes.createGraphics();
        f.setColor(new Color(90, 90, 90));
        f.fillRect(0, 0, r.imageWidth(), r.imageHeight());
        for (ClassResult cls : r.classes()) {
            f.setColor(COLOURS[cls.classId() % COLOURS.length]);
            c.setColor(new Color(cls.classId(), cls.classId(), cls.classId()));
            for (RegionResult region : cls.regions()) {
                f.fillRect(region.bboxX(), region.bboxY(), region.bboxWidth(), region.bboxHeight());
                c.fillRect(region.bboxX(), region.bboxY(), region.bboxWidth(), region.bboxHeight());
            }
        }
        f.dispose();
        c.dispose();
        Path input = dir.resolve(r.imgUniqueId() + ".png");
        Path classMap = dir.resolve(r.imgUniqueId() + "-classmap.png");
        ImageIO.write(frame, "png", input.toFile());
        ImageIO.write(classes, "png", classMap.toFile());
        return Results.withFiles(r, input.toUri().toString(), List.of(classMap.toString()));
    }
}
