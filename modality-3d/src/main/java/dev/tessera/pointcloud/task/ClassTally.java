package dev.tessera.pointcloud.task;

import dev.tessera.pointcloud.data.ShapeClass;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a shape task's evaluation counts per class: passes and held-out shapes of each class, and the first
 * {@value #SHOWN_PER_CLASS} shapes of each class kept with their labels for the rendered grid.
 */
final class ClassTally {
    /** How many shapes of a class the grid shows. */
    static final int SHOWN_PER_CLASS = 2;

    private final int[] hit = new int[ShapeClass.values().length];
    private final int[] total = new int[ShapeClass.values().length];
    private final int[] shownPerClass = new int[ShapeClass.values().length];
    private final List<float[]> shown = new ArrayList<>();
    private final List<String> labels = new ArrayList<>();

    /**
     * Counts one held-out shape.
     *
     * @param c its class
     * @param pass whether it passed
     */
    void count(ShapeClass c, boolean pass) {
        total[c.ordinal()]++;
        if (pass) {
            hit[c.ordinal()]++;
        }
    }

    /**
     * @param c a class
     * @return whether the grid still has room for a shape of it
     */
    boolean wantsShown(ShapeClass c) {
        return shownPerClass[c.ordinal()] < SHOWN_PER_CLASS;
    }

    /**
     * Keeps a shape for the grid, if its class has room.
     *
     * @param c its class
     * @param xyz its voxel-centre cloud
     * @param label its label
     */
    void show(ShapeClass c, float[] xyz, String label) {
        if (wantsShown(c)) {
            shownPerClass[c.ordinal()]++;
            shown.add(xyz);
            labels.add(label);
        }
    }

    /** @return the pass rate of each class, by label, in class order (0 for a class with no held-out shape) */
    Map<String, Double> perClass() {
        Map<String, Double> perClass = new LinkedHashMap<>();
        for (ShapeClass c : ShapeClass.values()) {
            int k = c.ordinal();
            perClass.put(c.label(), total[k] == 0 ? 0 : (double) hit[k] / total[k]);
        }
        return perClass;
    }

    /**
     * Renders the kept shapes.
     *
     * @param dir the folder
     * @param name the PNG's name
     * @param depth the octree depth
     * @return the file written, or nothing when no shape was kept
     * @throws IOException if the file cannot be written
     */
    List<String> render(Path dir, String name, int depth) throws IOException {
        return shown.isEmpty() ? List.of() : List.of(TaskGeneration.render(dir, name, shown, labels, depth));
    }
}
