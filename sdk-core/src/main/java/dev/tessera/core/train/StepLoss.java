package dev.tessera.core.train;

import ai.djl.ndarray.NDArray;

/**
 * Computes the loss of one micro-batch. Implementations sample their data deterministically from
 * {@code (seed, step, micro)} so that a resumed run sees the same batches.
 */
@FunctionalInterface
public interface StepLoss {

    /**
     * Returns a scalar loss with its autograd graph (create temporaries freely: the loop scopes
     * them).
     *
     * @param step the optimizer step, from 0
     * @param micro the micro-batch within the step, from 0
     * @return the mean loss of the micro-batch, a scalar
     */
    NDArray loss(long step, int micro);
}
