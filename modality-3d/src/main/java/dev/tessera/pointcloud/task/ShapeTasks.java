package dev.tessera.pointcloud.task;

import dev.tessera.core.task.Task;
import java.util.List;

/** The 3D modality's tasks for a joint mixture, sharing one {@link ShapeCorpus}. */
public final class ShapeTasks {
    private ShapeTasks() { }

    /**
     * Creates {@code caption_to_shape} and {@code shape_to_caption} on one corpus (prepared once).
     *
     * <pre>{@code
     * List<Task> tasks = ShapeTasks.create(ShapeTaskConfig.defaults());
     * }</pre>
     *
     * @param config the settings
     * @return the two tasks
     */
    public static List<Task> create(ShapeTaskConfig config) {
        ShapeCorpus corpus = new ShapeCorpus(config);
        return List.of(new CaptionToShapeTask(corpus), new ShapeToCaptionTask(corpus));
    }
}
