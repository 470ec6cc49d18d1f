package dev.tessera.core.task;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.tessera.core.model.DecoderModel;
import dev.tessera.core.token.VocabularyLayout;
import java.util.SplittableRandom;

/**
 * A task whose inputs or outputs are not token ids, trained on the shared backbone with its own loss:
 * continuous patches read through an input adapter, a regression or quantile head on the hidden
 * states. It registers those extra parameters in the backbone ({@link DecoderModel#addParameter}), so
 * they train, save and load with it, and {@link MultiTaskTrainer} calls {@link #loss} instead of the
 * next-token loss for its steps.
 *
 * <p>{@link #sample} still returns the token view of one example (its ids, with any loss weights): the
 * trainer sizes the task's batches from its length. {@link #maxLength()} bounds it as for any task, and
 * is also the most positions {@link #loss} may run the backbone on (the model's context is made long
 * enough).
 */
public interface CustomLossTask extends Task {

    /**
     * Registers the task's own parameters in a freshly created backbone, before training starts: by default the
     * input adapters and output heads of the {@link dev.tessera.core.modality.ContinuousModality continuous
     * modalities} it lists in {@link #modalities()}; a task with parameters of its own overrides this. Use
     * {@link DecoderModel#parameterOrAdd} so a model that already has them (loaded from a bundle) keeps
     * its values.
     *
     * @param model the backbone
     * @param seed the initialisation seed
     */
    default void addParameters(DecoderModel model, long seed) {
        for (dev.tessera.core.modality.Modality<?> m : modalities()) {
            if (m instanceof dev.tessera.core.modality.ContinuousModality<?, ?> c) {
                c.addParameters(model, seed);
            }
        }
    }

    /**
     * The mean training loss of a batch of new examples.
     *
     * @param model the backbone (with {@link #addParameters} done)
     * @param layout the shared layout
     * @param examples how many examples to draw
     * @param rng the random source; the same state gives the same batch
     * @param manager where to create the batch's arrays (closed by the caller after the step)
     * @return a scalar, with its autograd graph when recording
     */
    NDArray loss(DecoderModel model, VocabularyLayout layout, int examples, SplittableRandom rng, NDManager manager);
}
