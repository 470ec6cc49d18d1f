package dev.tessera.core.task;

/**
 * A task in a mixture with its share of the examples and the weight of its loss.
 *
 * @param task the task
 * @param sampleWeight relative probability of drawing an example of this task (&gt; 0)
 * @param lossWeight multiplier on the task's per-token loss weights (&gt; 0)
 */
public record WeightedTask(Task task, double sampleWeight, double lossWeight) {

    /** Validates the weights. */
    public WeightedTask {
        if (task == null) {
            throw new IllegalArgumentException("task is null");
        }
        if (!(sampleWeight > 0) || Double.isInfinite(sampleWeight) || !(lossWeight > 0) || Double.isInfinite(lossWeight)) {
            throw new IllegalArgumentException("task '" + task.name() + "': sampleWeight (" + sampleWeight
                    + ") and lossWeight (" + lossWeight + ") must be finite and > 0");
        }
    }

    /**
     * A task with sample and loss weight 1.
     *
     * @param task the task
     * @return the entry
     */
    public static WeightedTask of(Task task) {
        return new WeightedTask(task, 1, 1);
    }
}
