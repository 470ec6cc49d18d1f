package dev.tessera.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.Map;

/**
 * What {@link TrainingLoop} trains: a set of named parameters in one manager. The loop needs nothing
 * else of a model; the forward pass and the loss are the {@link StepLoss}'s business. A decoder, a
 * convolutional autoencoder and a classifier are all trained this way.
 *
 * <pre>{@code
 * // given: TrainingConfig config, NDArray x, NDArray y
 * try (ParameterStore p = new ParameterStore(NDManager.newBaseManager(), 7)) {
 *     NDArray w = p.normal("fc.weight", new ai.djl.ndarray.types.Shape(10, 4), 0.1);
 *     try (TrainingLoop loop = new TrainingLoop(p, config)) {
 *         loop.run((step, micro) -> x.matMul(w).sub(y).square().mean());
 *     }
 * }
 * }</pre>
 *
 * <p>Thread-safety: the loop reads the map once, in its constructor; implementations need not be
 * thread-safe.
 */
public interface Trainable {

    /**
     * Returns every parameter to train, by a stable name (the checkpoint key), in a stable order.
     *
     * @return float32 arrays by name
     */
    Map<String, NDArray> parameters();

    /**
     * Returns the manager that owns the parameters; the optimizer keeps its moments in a sub-manager of it.
     *
     * @return the manager
     */
    NDManager manager();

    /**
     * Says that the values of {@link #parameters()} were changed in place (an optimizer step, a restored
     * checkpoint, quantised values written back), so that copies made of them (the JVM engine's) are made again.
     * Whoever writes into the arrays calls it; {@link TrainingLoop} does after every update and restore.
     */
    default void weightsChanged() {
    }

    /**
     * Describes the model's shape beyond its parameter names and shapes (for example its config). It is
     * written into checkpoints, and {@link TrainingLoop#resume} refuses a checkpoint whose description
     * differs.
     *
     * @return a description (empty by default: the names and shapes are all there is)
     */
    default String describe() {
        return "";
    }
}
