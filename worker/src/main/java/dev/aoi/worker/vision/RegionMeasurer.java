package dev.aoi.worker.vision;

import dev.aoi.common.event.ClassResult;
import dev.aoi.common.event.RegionResult;
import java.util.ArrayList;
import java.util.List;

/**
 * PLACEHOLDER (replaced on merge by the vision branch): 8-connected regions per class in raster order with area,
 * centroid and bbox exact; perimeter and shape fields are rough stand-ins.
 */
public final class RegionMeasurer {

    private final List<String> classNames;
    private final int minAreaPixels;

    public RegionMeasurer(List<String> classNames, int minAreaPixels) {
        this.classNames = List.copyOf(classNames);
        this.minAreaPixels = minAreaPixels;
    }

    public List<ClassResult> measure(ClassMap map) {
        int w = map.width();
        int h = map.height();
        byte[] data = map.data();
        List<List<RegionResult>> perClass = new ArrayList<>();
        for (int c = 0; c < classNames.size(); c++) {
            perClass.add(new ArrayList<>());
        }
        boolean[] seen = new boolean[w * h];
        int[] stack = new int[w * h];
        for (int start = 0; start < w * h; start++) {
            int cls = data[start] & 0xFF;
            if (cls == 0 || cls > classNames.size() || seen[start]) {
                continue;
            }
            int top = 0;
            stack[top++] = start;
            seen[start] = true;
            long n = 0;
            double sx = 0;
            double sy = 0;
            int minX = w;
            int minY = h;
            int maxX = 0;
            int maxY = 0;
            while (top > 0) {
                int p = stack[--top];
                int x = p % w;
                int y = p / w;
                n++;
                sx += x;
                sy += y;
                minX = Math.min(minX, x);
                maxX = Math.max(maxX, x);
                minY = Math.min(minY, y);
                maxY = Math.max(maxY, y);
                for (int dy = -1; dy <= 1; dy++) {
                    for (int dx = -1; dx <= 1; dx++) {
                        int nx = x + dx;
                        int ny = y + dy;
                        if (nx >= 0 && ny >= 0 && nx < w && ny < h) {
                            int q = ny * w + nx;
                            if (!seen[q] && (data[q] & 0xFF) == cls) {
                                seen[q] = true;
                                stack[top++] = q;
                            }
                        }
                    }
                }
            }
            if (n < minAreaPixels) {
                continue;
            }
            List<RegionResult> list = perClass.get(cls - 1);
            double bw = maxX - minX + 1;
            double bh = maxY - minY + 1;
            double major = Math.max(bw, bh);
            double minor = Math.min(bw, bh);
            double perimeter = 2 * (bw + bh - 2);
            double circ = perimeter == 0 ? 1 : Math.min(1, 4 * Math.PI * n / (perimeter * perimeter));
            list.add(new RegionResult(list.size() + 1, sx / n, sy / n, minX, minY, (int) bw, (int) bh, (int) n,
                    perimeter, major, minor, circ, major / minor));
        }
        List<ClassResult> out = new ArrayList<>();
        for (int c = 0; c < classNames.size(); c++) {
            out.add(ClassResult.of(c + 1, classNames.get(c), perClass.get(c)));
        }
        return out;
    }
}
