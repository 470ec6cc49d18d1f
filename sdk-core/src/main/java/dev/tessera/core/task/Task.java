package dev.tessera.core.task;

import dev.tessera.core.modality.Modality;
import dev.tessera.core.model.DecoderModel;
import dev.tessera.core.token.VocabularyLayout;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * One task of a multi-task mixture: it names the modalities (and their vocabulary sizes) its sequences
 * use, draws training examples in a shared framed {@link VocabularyLayout}, and scores a trained model.
 *
 * <p>Tasks of different modalities are trained together by building one layout from the union of their
 * {@link #vocabularies()} (a modality named by several tasks must have one size) and mixing their examples.
 * A task must work in any layout that contains its modalities: it maps its local ids with
 * {@link VocabularyLayout#toGlobal} and frames segments with {@link VocabularyLayout#begin} /
 * {@link VocabularyLayout#end}, never assuming fixed global ids.
 */
public interface Task {

    /** @return the task's key in metrics files, e.g. {@code "caption_to_image"} */
    String name();

    /** @return modality name to local vocabulary size, for every modality the task's sequences contain */
    Map<String, Integer> vocabularies();

    /**
     * Returns the modalities the task's sequences are written in, ready after {@link #prepare}: a trained
     * model's bundle saves them, so the model can be used afterwards (its prompts framed and its outputs
     * decoded). Several tasks may return a modality of the same name; they must then be the same kind and
     * size, and the bundle keeps the first.
     *
     * @return the modalities, one per name of {@link #vocabularies()} the task can give (may be fewer)
     */
    default List<Modality<?>> modalities() {
        return List.of();
    }

    /** @return the longest example (in global ids, BOS and EOS included) that {@link #sample} returns */
    int maxLength();

    /**
     * Loads data and trains whatever the task's tokenizers need; called once before {@link #sample}.
     *
     * @param context folders, budget and log
     * @throws DataUnavailableException if a data set the task needs is not on this machine (the caller may
     *     skip the task and run the others)
     * @throws Exception if the data cannot be prepared
     */
    default void prepare(TaskContext context) throws Exception {
    }

    /**
     * Draws one training example.
     *
     * @param layout the shared layout (contains this task's modalities)
     * @param rng the random source; the same state gives the same example
     * @return the example, at most {@link #maxLength()} ids
     */
    TaskExample sample(VocabularyLayout layout, SplittableRandom rng);

    /**
     * Scores a trained model on held-out data, with the task's own metric.
     *
     * @param model the trained model (read only)
     * @param layout the layout it was trained with
     * @param context folders, budget and log
     * @return the score
     * @throws Exception if evaluation fails
     */
    TaskScore evaluate(DecoderModel model, VocabularyLayout layout, TaskContext context) throws Exception;
}
