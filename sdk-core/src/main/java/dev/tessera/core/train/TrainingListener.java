package dev.tessera.core.train;

import java.nio.file.Path;
import java.util.Map;

/** Receives training events (progress display, logs, early stopping decisions). */
public interface TrainingListener {

    /**
     * Called after every optimizer step.
     *
     * @param m the step's metrics
     */
    default void onStep(StepMetrics m) { }

    /**
     * Called after an evaluation.
     *
     * @param step the step after which it ran
     * @param metrics the evaluation's metrics
     */
    default void onEval(long step, Map<String, Double> metrics) { }

    /**
     * Called after a checkpoint was written.
     *
     * @param step the step it holds
     * @param path where it was written
     */
    default void onCheckpoint(long step, Path path) { }

    /** Called once when the run ends. */
    default void onEnd() { }
}
