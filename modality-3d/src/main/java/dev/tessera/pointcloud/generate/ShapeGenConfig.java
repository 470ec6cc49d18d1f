package dev.tessera.pointcloud.generate;

/**
 * Settings of class-conditioned shape generation on the procedural set.
 *
 * @param depth octree depth of the generated shapes (sequence length grows about 4x per level)
 * @param layers transformer blocks
 * @param heads attention heads
 * @param dModel residual width
 * @param contextLength context of the backbone; the mask budget is {@code contextLength - 7}
 * @param steps optimizer steps
 * @param batch sequences per step
 * @param learningRate peak AdamW learning rate (warm-up then cosine)
 * @param trainPerClass procedural training shapes per class
 * @param evalPerClass generated shapes per class, and held-out reference shapes per class
 * @param temperature sampling temperature
 * @param seed run seed
 */
public record ShapeGenConfig(int depth, int layers, int heads, int dModel, int contextLength, int steps, int batch,
        double learningRate, int trainPerClass, int evalPerClass, double temperature, long seed) {

    /** Validates the fields. */
    public ShapeGenConfig {
        if (depth < 2 || depth > 6) {
            throw new IllegalArgumentException("depth (" + depth + ") must be in [2, 6]");
        }
        if (contextLength < ShapeLayout.PROMPT_LENGTH + 2 + depth) {
            throw new IllegalArgumentException("contextLength (" + contextLength + ") is too short for depth " + depth);
        }
        if (layers < 1 || heads < 1 || dModel < 1 || steps < 1 || batch < 1 || trainPerClass < 1 || evalPerClass < 2) {
            throw new IllegalArgumentException("layers, heads, dModel, steps, batch, trainPerClass must be >= 1 and "
                    + "evalPerClass >= 2; got " + this);
        }
        if (!(learningRate > 0) || !(temperature > 0)) {
            throw new IllegalArgumentException("learningRate (" + learningRate + ") and temperature (" + temperature
                    + ") must be positive");
        }
    }

    /**
     * The full run. Depth 3 (an 8 x 8 x 8 grid; procedural shapes need 19-65 masks, at most 73):
     * sequence length is what generation pays for, and depth 4 (63-361 masks) costs about five
     * times more per training step and per generated shape. A 2-layer, width-64 backbone, batch 64,
     * 200 procedural training shapes per class and 1,200 steps; sampling temperature 0.8 unless the
     * evaluation picks one on held-out shapes ({@code shape-eval} does). History (README, section
     * "Shape generation", and docs/shapes): 150 steps at temperature 0.5 left an under-trained model
     * whose cooled samples sat on the floors (1-NNA 0.675-0.725 over seeds 1-3); 80 shapes per class
     * and 600 steps at 0.8 gave accuracy 0.986-1.000, 1-NNA 0.564-0.614 and COV 0.286-0.329; 200 shapes
     * per class at 600 steps was under-trained (loss 0.18, seed 1 accuracy 0.950); 200 per class and
     * 1,200 steps, temperature picked on held-out shapes, gave accuracy 0.964-1.000, 1-NNA
     * 0.500-0.589 and COV 0.364-0.386, at or above what a second real set scores (0.343-0.400).
     *
     * @param seed the seed
     * @return the config
     */
    public static ShapeGenConfig full(long seed) {
        return new ShapeGenConfig(3, 2, 4, 64, 96, 1200, 64, 3e-3, 200, 20, 0.8, seed);
    }

    /**
     * A quick run for the demo's short budget: the full model shape with 12 steps (it shows the
     * pipeline end to end; it does not reach the full run's quality).
     *
     * @param seed the seed
     * @return the config
     */
    public static ShapeGenConfig quick(long seed) {
        return new ShapeGenConfig(3, 2, 4, 64, 96, 12, 32, 3e-3, 20, 4, 0.5, seed);
    }

    /** @return the most masks a generated segment may hold */
    public int maskBudget() {
        return contextLength - ShapeLayout.PROMPT_LENGTH - 2;
    }

    /**
     * Returns a copy with another number of steps.
     *
     * @param n steps
     * @return the copy
     */
    public ShapeGenConfig withSteps(int n) {
        return new ShapeGenConfig(depth, layers, heads, dModel, contextLength, n, batch, learningRate, trainPerClass,
                evalPerClass, temperature, seed);
    }

    /**
     * Returns a copy at another octree depth, with a context that holds the longest procedural shape
     * of that depth ({@link #contextFor(int)}).
     *
     * @param d the depth, 2 to 6
     * @return the copy
     */
    public ShapeGenConfig withDepth(int d) {
        return new ShapeGenConfig(d, layers, heads, dModel, contextFor(d), steps, batch, learningRate, trainPerClass,
                evalPerClass, temperature, seed);
    }

    /**
     * Returns the backbone context that holds a procedural shape of a depth: 96 at depth 3 (at most 73
     * masks), 384 at depth 4 (63-361 masks over seed 1's 560 training shapes, 222 on average); deeper
     * levels grow about four times per level.
     *
     * @param depth the octree depth
     * @return the context length in tokens
     */
    public static int contextFor(int depth) {
        return switch (depth) {
            case 2 -> 32;
            case 3 -> 96;
            case 4 -> 384;
            default -> 1536 << (2 * (depth - 5));
        };
    }

    /**
     * Returns a copy with another number of procedural training shapes per class.
     *
     * @param n shapes per class
     * @return the copy
     */
    public ShapeGenConfig withTrainPerClass(int n) {
        return new ShapeGenConfig(depth, layers, heads, dModel, contextLength, steps, batch, learningRate, n,
                evalPerClass, temperature, seed);
    }

    /**
     * Returns a copy with another sampling temperature.
     *
     * @param t the temperature
     * @return the copy
     */
    public ShapeGenConfig withTemperature(double t) {
        return new ShapeGenConfig(depth, layers, heads, dModel, contextLength, steps, batch, learningRate,
                trainPerClass, evalPerClass, t, seed);
    }

    /**
     * Returns a copy with another number of evaluation shapes per class.
     *
     * @param n shapes per class
     * @return the copy
     */
    public ShapeGenConfig withEvalPerClass(int n) {
        return new ShapeGenConfig(depth, layers, heads, dModel, contextLength, steps, batch, learningRate,
                trainPerClass, n, temperature, seed);
    }
}
