package dev.tessera.core.task;

import dev.tessera.core.train.TrainingLoop;
import java.util.Arrays;
import java.util.List;

/**
 * Per-task gradient statistics of a mixture run and, when switched on, the rescaling that brings every task's
 * gradient to one scale.
 *
 * <p>Why: in the joint demo's mixture a token task's gradient has a mean global norm of 0.6 to 2 and a
 * forecasting task's (pinball loss on normalised values) 0.03 to 0.1. The tasks share AdamW's second-moment
 * estimates, which the large gradients dominate, so a forecasting step moved the shared backbone an order of
 * magnitude less than it would in a model of its own. Dividing each task's gradient by a running mean of that task's norms
 * (an exponential average over its own steps) puts every task at one norm before clipping. In a single-task
 * run this is a near-constant factor, which AdamW's update does not see; in a mixture it gives each task an
 * equal say in the shared moments, or the say its {@link WeightedTask#lossWeight} gives it: a task's gradient
 * is brought to {@code target * lossWeight / (the largest loss weight)}.
 */
final class TaskGradientBalance implements TrainingLoop.GradientScale {
    /** Weight of the newest norm in a task's running mean. */
    static final double DECAY = 0.05;

    private final boolean rescale;
    private final double[] target;
    private final double[] runningNorm;
    private final double[] normSum;
    private final long[] steps;
    private int current = -1;

    /**
     * @param rescale whether to rescale (else only record the norms)
     * @param target the norm each task's running mean is scaled to, by task
     */
    TaskGradientBalance(boolean rescale, double... target) {
        for (double t : target) {
            if (!(t > 0) || Double.isInfinite(t)) {
                throw new IllegalArgumentException("target norms " + Arrays.toString(target)
                        + " must be finite and > 0");
            }
        }
        int tasks = target.length;
        this.rescale = rescale;
        this.target = target.clone();
        this.runningNorm = new double[tasks];
        this.normSum = new double[tasks];
        this.steps = new long[tasks];
    }

    /**
     * The targets for a mixture: {@code norm * lossWeight / (the largest loss weight)}.
     *
     * @param tasks the mixture
     * @param norm the heaviest task's target (the clipping norm)
     * @return per task, its target
     */
    static double[] targets(List<WeightedTask> tasks, double norm) {
        double max = tasks.stream().mapToDouble(WeightedTask::lossWeight).max().orElse(1);
        return tasks.stream().mapToDouble(w -> norm * w.lossWeight() / max).toArray();
    }

    /**
     * Names the task of the step being computed.
     *
     * @param task its index in the mixture
     */
    void stepOf(int task) {
        current = task;
    }

    @Override
    public double factor(long step, double norm) {
        if (current < 0) {
            throw new IllegalStateException("step " + step + ": no task was named for it");
        }
        int k = current;
        current = -1;
        normSum[k] += norm;
        steps[k]++;
        double before = runningNorm[k];
        runningNorm[k] = steps[k] == 1 ? norm : (1 - DECAY) * before + DECAY * norm;
        if (!rescale) {
            return 1.0;
        }
        // the mean of earlier steps, so one outsized gradient is clipped rather than normalised away
        double scaleBy = steps[k] == 1 ? norm : before;
        return scaleBy > 1e-12 ? target[k] / scaleBy : 1.0;
    }

    /**
     * @param task a task's index
     * @return the mean global gradient norm of its steps, before rescaling and clipping (NaN if it had none)
     */
    double meanNorm(int task) {
        return steps[task] == 0 ? Double.NaN : normSum[task] / steps[task];
    }

    /** @return the running statistics, for a checkpoint ({@link #restore} reads them back) */
    java.util.Map<String, String> state() {
        return java.util.Map.of("balance.running_norm", dev.tessera.core.io.Json.COMPACT.toJson(runningNorm),
                "balance.norm_sum", dev.tessera.core.io.Json.COMPACT.toJson(normSum),
                "balance.steps", dev.tessera.core.io.Json.COMPACT.toJson(steps));
    }

    /**
     * Restores the statistics of {@link #state}, after checking them all.
     *
     * @param saved the saved entries
     * @param source the checkpoint, for messages
     * @throws dev.tessera.core.io.CorruptFileException if an entry is missing, of the wrong length or not finite
     */
    void restore(java.util.Map<String, String> saved, String source) throws dev.tessera.core.io.CorruptFileException {
        double[] running = doubles(saved, "balance.running_norm", source);
        double[] sums = doubles(saved, "balance.norm_sum", source);
        double[] counts = doubles(saved, "balance.steps", source);
        System.arraycopy(running, 0, runningNorm, 0, running.length);
        System.arraycopy(sums, 0, normSum, 0, sums.length);
        for (int i = 0; i < counts.length; i++) {
            steps[i] = (long) counts[i];
        }
    }

    private double[] doubles(java.util.Map<String, String> saved, String key, String source)
            throws dev.tessera.core.io.CorruptFileException {
        double[] v;
        try {
            v = dev.tessera.core.io.Json.GSON.fromJson(saved.get(key), double[].class);
        } catch (RuntimeException e) {
            v = null;
        }
        if (v == null || v.length != target.length || !Arrays.stream(v).allMatch(x -> Double.isFinite(x) && x >= 0)) {
            throw new dev.tessera.core.io.CorruptFileException(source, "state '" + key + "' is missing or not "
                    + target.length + " finite non-negative numbers");
        }
        return v;
    }
}
