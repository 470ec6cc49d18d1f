package dev.tessera.core.train;

import java.util.Map;

/**
 * Summary of a finished run.
 *
 * @param steps steps run in this call (after a resume: from the resumed step)
 * @param finalLoss mean training loss of the last (up to) 20 steps
 * @param seconds wall time of this call
 * @param tokensPerSecond training throughput
 * @param lastEval the last evaluation's metrics (empty without an evaluator)
 */
public record TrainingResult(long steps, double finalLoss, double seconds, double tokensPerSecond,
        Map<String, Double> lastEval) {
    /** Copies the map. */
    public TrainingResult {
        lastEval = Map.copyOf(lastEval);
    }
}
