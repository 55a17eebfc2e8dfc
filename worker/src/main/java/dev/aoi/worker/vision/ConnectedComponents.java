package dev.aoi.worker.vision;

import dev.aoi.imaging.ClassMap;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * The 8-connected same-class components of a class map (background excluded), found in one pass over the
 * rows: each row is cut into runs of one class, a run joins every run of the same class in the row above
 * that it touches (diagonals included), and a union–find keeps the earliest run as each set's root.
 * Components are therefore numbered in raster order of their first pixel, and each keeps its runs in
 * raster order.
 */
final class ConnectedComponents {

    private static final VarHandle EIGHT_PIXELS =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    // Runs: row, first and last column (inclusive), class; in raster order.
    final int[] runRow;
    final int[] runStart;
    final int[] runEnd;
    final int runCount;

    // Components, in raster order of their first pixel.
    final int count;
    final int[] classIndex;
    final int[] area;
    final int[] minX;
    final int[] minY;
    final int[] maxX;
    final int[] maxY;
    /** The runs of component k are {@code runsByComponent[firstRun[k] .. firstRun[k+1])}. */
    final int[] firstRun;
    final int[] runsByComponent;

    private ConnectedComponents(Runs runs) {
        this.runRow = runs.row;
        this.runStart = runs.start;
        this.runEnd = runs.end;
        this.runCount = runs.count;
        // Every link points to a lower run (roots are the lowest run of their set), so in one ascending
        // pass a run's parent already holds its component index; the parent array is reused for it.
        int[] component = runs.parent;
        int components = 0;
        for (int r = 0; r < runCount; r++) {
            int parent = component[r];
            component[r] = parent == r ? components++ : component[parent];
        }
        this.count = components;
        classIndex = new int[count];
        area = new int[count];
        minX = filled(count, Integer.MAX_VALUE);
        minY = new int[count];
        maxX = new int[count];
        maxY = new int[count];
        firstRun = new int[count + 1];
        for (int r = 0; r < runCount; r++) {
            int k = component[r];
            int y = runRow[r];
            if (area[k] == 0) {
                classIndex[k] = runs.cls[r] & 0xFF;
                minY[k] = y;
            }
            area[k] += runEnd[r] - runStart[r] + 1;
            minX[k] = Math.min(minX[k], runStart[r]);
            maxX[k] = Math.max(maxX[k], runEnd[r]);
            maxY[k] = y;
            firstRun[k + 1]++;
        }
        for (int k = 0; k < count; k++) {
            firstRun[k + 1] += firstRun[k];
        }
        runsByComponent = new int[runCount];
        int[] next = Arrays.copyOf(firstRun, count);
        for (int r = 0; r < runCount; r++) {
            runsByComponent[next[component[r]]++] = r;
        }
    }

    static ConnectedComponents of(ClassMap map) {
        int width = map.width();
        int height = map.height();
        byte[] pixels = map.data();
        Runs runs = new Runs(Math.max(16, width * height / 64));
        int previousFirst = 0;
        for (int y = 0; y < height; y++) {
            int rowFirst = runs.count;
            int offset = y * width;
            int x = 0;
            while (x < width) {
                x = skipWhile(pixels, offset, x, width, (byte) 0);
                if (x == width) {
                    break;
                }
                byte c = pixels[offset + x];
                int end = skipWhile(pixels, offset, x + 1, width, c);
                runs.add(y, x, end - 1, c);
                x = end;
            }
            if (y > 0) {
                runs.joinRows(previousFirst, rowFirst, runs.count);
            }
            previousFirst = rowFirst;
        }
        return new ConnectedComponents(runs);
    }

    /** The first column ≥ x of the row at {@code offset} whose class is not {@code c}, or width. */
    private static int skipWhile(byte[] pixels, int offset, int x, int width, byte c) {
        // Eight pixels per comparison: background and the inside of large blobs are most of a frame.
        long eight = (c & 0xFFL) * 0x0101010101010101L;
        while (x + 8 <= width && (long) EIGHT_PIXELS.get(pixels, offset + x) == eight) {
            x += 8;
        }
        while (x < width && pixels[offset + x] == c) {
            x++;
        }
        return x;
    }

    private static int[] filled(int length, int value) {
        int[] array = new int[length];
        Arrays.fill(array, value);
        return array;
    }

    /** Growable run arrays plus the union–find over run indices. */
    private static final class Runs {
        int[] row;
        int[] start;
        int[] end;
        byte[] cls;
        int[] parent;
        int count;

        Runs(int capacity) {
            row = new int[capacity];
            start = new int[capacity];
            end = new int[capacity];
            cls = new byte[capacity];
            parent = new int[capacity];
        }

        void add(int y, int from, int to, byte c) {
            if (count == row.length) {
                int capacity = Math.max(16, (int) Math.min(Integer.MAX_VALUE - 8, 2L * count));
                row = Arrays.copyOf(row, capacity);
                start = Arrays.copyOf(start, capacity);
                end = Arrays.copyOf(end, capacity);
                cls = Arrays.copyOf(cls, capacity);
                parent = Arrays.copyOf(parent, capacity);
            }
            row[count] = y;
            start[count] = from;
            end[count] = to;
            cls[count] = c;
            parent[count] = count;
            count++;
        }

        /** Joins each run of the current row with the same-class runs of the row above that it touches. */
        void joinRows(int aboveFirst, int currentFirst, int currentEnd) {
            int above = aboveFirst;
            for (int r = currentFirst; r < currentEnd; r++) {
                int reachFrom = start[r] - 1; // 8-connectivity: a diagonal neighbour counts
                int reachTo = end[r] + 1;
                while (above < currentFirst && end[above] < reachFrom) {
                    above++;
                }
                // Do not advance `above` past the last touching run: the next run may touch it too.
                for (int q = above; q < currentFirst && start[q] <= reachTo; q++) {
                    if (cls[q] == cls[r]) {
                        union(q, r);
                    }
                }
            }
        }

        int find(int r) {
            while (parent[r] != r) {
                parent[r] = parent[parent[r]];
                r = parent[r];
            }
            return r;
        }

        private void union(int a, int b) {
            int rootA = find(a);
            int rootB = find(b);
            if (rootA < rootB) {
                parent[rootB] = rootA;
            } else if (rootB < rootA) {
                parent[rootA] = rootB;
            }
        }
    }
}
