package dev.tessera.samples.joint;

import dev.tessera.core.task.Task;
import dev.tessera.core.task.WeightedTask;
import dev.tessera.pointcloud.task.ShapeTaskConfig;
import dev.tessera.pointcloud.task.ShapeTasks;
import dev.tessera.samples.arithmetic.AdditionProblems;
import dev.tessera.samples.arithmetic.ArithmeticTask;
import dev.tessera.samples.molecule.MoleculeTask;
import dev.tessera.timeseries.task.HintedForecastTask;
import dev.tessera.timeseries.task.SeriesForecastTask;
import dev.tessera.timeseries.task.SeriesToTextTask;
import dev.tessera.vision.task.CaptionToImageTask;
import dev.tessera.vision.task.ImageToCaptionTask;
import java.util.ArrayList;
import java.util.List;

/** The demo's task mixture and its sampling weights (the share of steps each task gets). */
final class JointTasks {
    /** The shared benchmark's real series, forecast zero-shot when the series task is evaluated. */
    static final java.nio.file.Path REAL_SERIES = java.nio.file.Path.of("..", "shared", "data", "timeseries");

    private JointTasks() { }

    /** The Debian package's folder when installed, else the copy {@code scripts/fetch-data.sh} unpacks into data/. */
    private static MoleculeTask.Options moleculeOptions() {
        MoleculeTask.Options o = MoleculeTask.Options.standard();
        java.nio.file.Path local = java.nio.file.Path.of("data", "molecules", "chemical-structures");
        return java.nio.file.Files.isDirectory(o.dataRoot()) || !java.nio.file.Files.isDirectory(local) ? o
                : o.withDataRoot(local);
    }

    /**
     * Builds the mixture.
     *
     * @param quick the small-budget run
     * @param only task names to keep, or null for all
     * @return the weighted tasks
     */
    static List<WeightedTask> mixture(boolean quick, List<String> only) {
        List<WeightedTask> all = new ArrayList<>();
        // weights by measured need: arithmetic only breaks its loss plateau after ~400 steps of ~100 problems and
        // caption -> image needs the most sequences; image -> caption and the shape tasks learn in a few hundred
        all.add(new WeightedTask(new ArithmeticTask(new AdditionProblems(3, 10), quick ? 300 : 1000), 4, 1));
        all.add(new WeightedTask(new CaptionToImageTask(), 3, 1));
        all.add(new WeightedTask(new ImageToCaptionTask(), 1, 1));
        all.add(new WeightedTask(new SeriesForecastTask(REAL_SERIES), 1.5, 1));
        all.add(new WeightedTask(new SeriesToTextTask(), 1, 1));
        all.add(new WeightedTask(new HintedForecastTask(), 1, 1));
        List<Task> shapes = ShapeTasks.create(ShapeTaskConfig.defaults());
        for (Task t : shapes) {
            all.add(new WeightedTask(t, t.name().equals("caption_to_shape") ? 1.5 : 1, 1));
        }
        all.add(new WeightedTask(new MoleculeTask(moleculeOptions()), 2.5, 1));
        if (only != null) {
            all.removeIf(w -> !only.contains(w.task().name()));
            if (all.isEmpty()) {
                throw new IllegalArgumentException("no task named " + only);
            }
        }
        return all;
    }
}
