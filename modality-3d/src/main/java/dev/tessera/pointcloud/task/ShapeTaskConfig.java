package dev.tessera.pointcloud.task;

/**
 * Settings of the shape tasks.
 *
 * @param depth octree depth of the shape segments (3: an 8 x 8 x 8 grid, 20-73 masks per procedural shape)
 * @param trainPerClass procedural training shapes per class (the pool {@code sample} draws from; the
 *     classifier that scores generated shapes is fitted on the same real shapes)
 * @param evalPerClass held-out shapes (and captions) per class scored by a full evaluation
 * @param quickEvalPerClass held-out shapes per class in a quick evaluation
 * @param temperature sampling temperature of caption-to-shape generation (captions are decoded greedily)
 * @param maxLength the longest example in global ids, BOS and EOS included (at most 160); longer
 *     shapes are left out of the pool
 */
public record ShapeTaskConfig(int depth, int trainPerClass, int evalPerClass, int quickEvalPerClass,
        double temperature, int maxLength) {

    /** Validates the fields. */
    public ShapeTaskConfig {
        if (depth < 2 || depth > 4) {
            throw new IllegalArgumentException("depth (" + depth + ") must be in [2, 4]");
        }
        if (trainPerClass < 1) {
            throw new IllegalArgumentException("trainPerClass (" + trainPerClass + ") must be >= 1");
        }
        if (evalPerClass < 2 || quickEvalPerClass < 2) {
            throw new IllegalArgumentException("evalPerClass (" + evalPerClass + ") and quickEvalPerClass ("
                    + quickEvalPerClass + ") must be >= 2 (the set metrics need two shapes per set)");
        }
        if (!(temperature > 0) || Double.isInfinite(temperature)) {
            throw new IllegalArgumentException("temperature (" + temperature + ") must be a positive number");
        }
        if (maxLength < 40 || maxLength > 160) {
            throw new IllegalArgumentException("maxLength (" + maxLength + ") must be in [40, 160]");
        }
    }

    /**
     * The default: depth 3, 200 training shapes per class, 20 (quick: 6) held-out shapes per class,
     * temperature 0.5 (the shape-eval setting), examples of at most 160 ids.
     *
     * @return the config
     */
    public static ShapeTaskConfig defaults() {
        return new ShapeTaskConfig(3, 200, 20, 6, 0.5, 160);
    }

    /**
     * Returns a copy with another pool size.
     *
     * @param n training shapes per class
     * @return the copy
     */
    public ShapeTaskConfig withTrainPerClass(int n) {
        return new ShapeTaskConfig(depth, n, evalPerClass, quickEvalPerClass, temperature, maxLength);
    }

    /**
     * Returns a copy with other evaluation sizes.
     *
     * @param full held-out shapes per class in a full evaluation
     * @param quick held-out shapes per class in a quick evaluation
     * @return the copy
     */
    public ShapeTaskConfig withEvalPerClass(int full, int quick) {
        return new ShapeTaskConfig(depth, trainPerClass, full, quick, temperature, maxLength);
    }

    /**
     * Returns the number of held-out shapes per class for a run.
     *
     * @param quick whether the run is quick
     * @return shapes per class
     */
    public int evalPerClass(boolean quick) {
        return quick ? quickEvalPerClass : evalPerClass;
    }
}
