package dev.tessera.core.train;

/**
 * Hyper-parameters of a training run.
 *
 * @param steps optimizer steps in the whole run (the schedule's length)
 * @param learningRate peak learning rate
 * @param minLearningRate learning rate at the end of the cosine decay
 * @param warmupSteps linear warm-up steps (0 for none)
 * @param weightDecay decoupled weight decay, applied to tensors with 2 or more dimensions only
 * @param beta1 AdamW first-moment decay
 * @param beta2 AdamW second-moment decay
 * @param epsilon AdamW epsilon
 * @param gradClip maximum global gradient norm (0 disables clipping)
 * @param accumulationSteps micro-batches whose gradients are summed into one step
 * @param evalEvery evaluate every this many steps (0: only at the end)
 * @param checkpointEvery checkpoint every this many steps (0: never)
 * @param seed seed of data sampling and any randomness in the step
 */
public record TrainingConfig(int steps, double learningRate, double minLearningRate, int warmupSteps,
        double weightDecay, double beta1, double beta2, double epsilon, double gradClip, int accumulationSteps,
        int evalEvery, int checkpointEvery, long seed) {

    /** Validates the fields. */
    public TrainingConfig {
        if (steps < 1) {
            throw new IllegalArgumentException("steps (" + steps + ") must be >= 1");
        }
        if (!(learningRate > 0 && Double.isFinite(learningRate)) || minLearningRate < 0 || minLearningRate > learningRate) {
            throw new IllegalArgumentException("need 0 <= minLearningRate (" + minLearningRate
                    + ") <= learningRate (" + learningRate + "), learningRate > 0");
        }
        if (warmupSteps < 0 || weightDecay < 0 || gradClip < 0 || evalEvery < 0 || checkpointEvery < 0) {
            throw new IllegalArgumentException("warmupSteps, weightDecay, gradClip, evalEvery and checkpointEvery "
                    + "must be >= 0");
        }
        if (!(beta1 >= 0 && beta1 < 1 && beta2 >= 0 && beta2 < 1 && epsilon > 0)) {
            throw new IllegalArgumentException("betas must be in [0, 1) and epsilon > 0, got " + beta1 + ", " + beta2
                    + ", " + epsilon);
        }
        if (accumulationSteps < 1) {
            throw new IllegalArgumentException("accumulationSteps (" + accumulationSteps + ") must be >= 1");
        }
    }

    /**
     * The reference recipe of {@code gpt_ref.py --train-text}: AdamW (0.9, 0.99, eps 1e-8, weight
     * decay 0.1), warm-up for max(1, steps/20) steps, cosine to lr/10, clip 1.0.
     *
     * @param steps number of steps
     * @param learningRate peak learning rate
     * @param seed the seed
     * @return the config
     */
    public static TrainingConfig reference(int steps, double learningRate, long seed) {
        return new TrainingConfig(steps, learningRate, learningRate / 10, Math.max(1, steps / 20), 0.1, 0.9, 0.99,
                1e-8, 1.0, 1, 0, 0, seed);
    }

    /**
     * Returns a copy with another evaluation interval.
     *
     * @param every evaluate every this many steps
     * @return the new config
     */
    public TrainingConfig withEvalEvery(int every) {
        return new TrainingConfig(steps, learningRate, minLearningRate, warmupSteps, weightDecay, beta1, beta2, epsilon,
                gradClip, accumulationSteps, every, checkpointEvery, seed);
    }

    /**
     * Returns a copy with another checkpoint interval.
     *
     * @param every checkpoint every this many steps
     * @return the new config
     */
    public TrainingConfig withCheckpointEvery(int every) {
        return new TrainingConfig(steps, learningRate, minLearningRate, warmupSteps, weightDecay, beta1, beta2, epsilon,
                gradClip, accumulationSteps, evalEvery, every, seed);
    }

    /**
     * Returns a copy with another number of accumulated micro-batches.
     *
     * @param n micro-batches per step
     * @return the new config
     */
    public TrainingConfig withAccumulationSteps(int n) {
        return new TrainingConfig(steps, learningRate, minLearningRate, warmupSteps, weightDecay, beta1, beta2, epsilon,
                gradClip, n, evalEvery, checkpointEvery, seed);
    }

    /**
     * Returns a copy with another warm-up length.
     *
     * @param n warm-up steps
     * @return the new config
     */
    public TrainingConfig withWarmupSteps(int n) {
        return new TrainingConfig(steps, learningRate, minLearningRate, n, weightDecay, beta1, beta2, epsilon,
                gradClip, accumulationSteps, evalEvery, checkpointEvery, seed);
    }

    /**
     * Returns a copy with another weight decay.
     *
     * @param wd the weight decay
     * @return the new config
     */
    public TrainingConfig withWeightDecay(double wd) {
        return new TrainingConfig(steps, learningRate, minLearningRate, warmupSteps, wd, beta1, beta2, epsilon,
                gradClip, accumulationSteps, evalEvery, checkpointEvery, seed);
    }
}
