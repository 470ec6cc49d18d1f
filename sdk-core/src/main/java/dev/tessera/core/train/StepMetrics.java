package dev.tessera.core.train;

/**
 * What one optimizer step measured.
 *
 * @param step the step, from 0
 * @param totalSteps the run's length
 * @param loss the step's mean training loss
 * @param learningRate the learning rate used
 * @param gradNorm the global gradient norm before clipping
 * @param tokensPerSecond training throughput since the run (or resume) started
 * @param elapsedSeconds wall time since the run (or resume) started
 */
public record StepMetrics(long step, long totalSteps, double loss, double learningRate, double gradNorm,
        double tokensPerSecond, double elapsedSeconds) { }
