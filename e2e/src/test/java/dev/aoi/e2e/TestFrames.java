package dev.aoi.e2e;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;

/**
 * Frames whose true defects are known without running any production code: filled rectangles in the colours
 * the colour test model maps to classes 1–4 (red, green, blue, white) on black, never touching, so each is one
 * region whose area and bounding box follow from its corners.
 */
final class TestFrames {

    static final Color[] CLASS_COLOURS = {Color.RED, Color.GREEN, Color.BLUE, Color.WHITE};
    static final int SIZE = 96;

    /** One rectangle of class {@code classId}. */
    record Box(int classId, int x, int y, int width, int height) {
        int area() {
            return width * height;
        }
    }

    /** A frame written to disk and what it holds. */
    record Frame(String id, Path path, List<Box> boxes) {
        long regions(int classId) {
            return boxes.stream().filter(b -> b.classId() == classId).count();
        }

        long area(int classId) {
            return boxes.stream().filter(b -> b.classId() == classId).mapToLong(Box::area).sum();
        }
    }

    private TestFrames() {
    }

    /** Writes a frame with 0–6 rectangles chosen by {@code seed} into {@code dir} as {@code <id>.png}. */
    static Frame write(Path dir, String id, long seed) {
        Random random = new Random(seed);
        BufferedImage image = new BufferedImage(SIZE, SIZE, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.BLACK);
        g.fillRect(0, 0, SIZE, SIZE);
        List<Box> boxes = new ArrayList<>();
        // a 4x4 grid of 24-pixel cells; each box stays inside its cell with a margin, so boxes never touch
        List<Integer> cells = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            cells.add(i);
        }
        java.util.Collections.shuffle(cells, random);
        int count = random.nextInt(7);
        for (int i = 0; i < count; i++) {
            int cell = cells.get(i);
            int classId = 1 + random.nextInt(4);
            int w = 1 + random.nextInt(20);
            int h = 1 + random.nextInt(20);
            int x = (cell % 4) * 24 + 1 + random.nextInt(22 - w + 1);
            int y = (cell / 4) * 24 + 1 + random.nextInt(22 - h + 1);
            g.setColor(CLASS_COLOURS[classId - 1]);
            g.fillRect(x, y, w, h);
            boxes.add(new Box(classId, x, y, w, h));
        }
        g.dispose();
        Path path = dir.resolve(id + ".png");
        try {
            ImageIO.write(image, "png", path.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Frame(id, path, List.copyOf(boxes));
    }
}
