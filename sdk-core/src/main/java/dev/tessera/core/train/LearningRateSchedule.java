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
        double ratio = Math.min(1.0, (double) (step - c.warmupSteps()) / Math.max(1, c.steps() - 1 - c.warmupSteps()));
        return c.minLearningRate() + 0.5 * (1 + Math.cos(Math.PI * ratio)) * (c.learningRate() - c.minLearningRate());
    }
}
