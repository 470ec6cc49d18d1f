package dev.tessera.pointcloud.task;

import dev.tessera.core.task.ClassRates;
import dev.tessera.pointcloud.data.ShapeClass;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * What a shape task's evaluation counts per class: passes and held-out shapes of each class, and the first
 * {@value #SHOWN_PER_CLASS} shapes of each class kept with their labels for the rendered grid.
 */
final class ClassTally {
    /** How many shapes of a class the grid shows. */
    static final int SHOWN_PER_CLASS = 2;

    private final List<String> truth = new ArrayList<>();
    private final List<Boolean> passes = new ArrayList<>();
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
        truth.add(c.label());
        passes.add(pass);
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

    /**
     * @return the pass rate of each class, by label, in class order (NaN, written as {@code null} in JSON, for a
     *     class with no held-out shape)
     */
    Map<String, Double> perClass() {
        boolean[] passed = new boolean[passes.size()];
        for (int i = 0; i < passed.length; i++) {
            passed[i] = passes.get(i);
        }
        List<String> classes = Arrays.stream(ShapeClass.values()).map(ShapeClass::label).toList();
        return ClassRates.of(classes, truth, passed).rates();
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
