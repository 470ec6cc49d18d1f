package dev.tessera.core.train;

/**
 * Linear warm-up then cosine decay, as in nanoGPT and {@code gpt_ref.py}: three cases.
 */
public final class LearningRateSchedule {
    private LearningRateSchedule() { }

    /**
     * Returns the learning rate of a step.
     *
     * @param step the step, from 0
     * @param c the training config (steps, warm-up, peak and minimum rates)
     * @return the learning rate
     */
    public static double at(long step, TrainingConfig c) {
        // 1) warm-up: linear from lr/warmup to lr over steps 0..warmup-1
        if (step < c.warmupSteps()) {
            return c.learningRate() * (step + 1) / c.warmupSteps();
        }
        if (c.steps() <= c.warmupSteps()) {
            return c.learningRate();
        }
        // 2) cosine from lr down to minLr at the last step; 3) minLr after it
        return cosine(stepRatio(step, c), c);
    }

    /**
     * Returns the learning rate of a step of a run with a wall-clock budget: warm-up by steps as in
     * {@link #at}, then the cosine follows whichever is further along, the steps or the time, so the
     * rate reaches its minimum when the budget is spent however fast the machine is.
     *
     * @param step the step, from 0
     * @param timeFraction the fraction of the time budget spent (clamped to 0..1)
     * @param c the training config ({@code steps} is the most the run may take)
     * @return the learning rate
     */
    public static double at(long step, double timeFraction, TrainingConfig c) {
        if (step < c.warmupSteps()) {
            return at(step, c);
        }
        double byStep = c.steps() <= c.warmupSteps() ? 0 : stepRatio(step, c);
        return cosine(Math.max(byStep, Math.max(0, timeFraction)), c);
    }

    /** How far past the warm-up a step is, as a fraction of the cosine's steps (1 at the last step). */
    private static double stepRatio(long step, TrainingConfig c) {
        return (double) (step - c.warmupSteps()) / Math.max(1, c.steps() - 1 - c.warmupSteps());
    }

    /** The cosine from the peak rate (ratio 0) to the minimum (ratio 1 and beyond). */
    private static double cosine(double ratio, TrainingConfig c) {
        double r = Math.min(1.0, ratio);
        return c.minLearningRate() + 0.5 * (1 + Math.cos(Math.PI * r)) * (c.learningRate() - c.minLearningRate());
    }
}
