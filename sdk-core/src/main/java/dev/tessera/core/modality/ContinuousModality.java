package dev.tessera.core.modality;

import dev.tessera.core.model.DecoderModel;
import dev.tessera.core.token.VocabularyLayout;

/**
 * A modality whose values are continuous (series patches in, quantiles out) rather than token ids: it owns an
 * input adapter (values to backbone embeddings) and an output head (hidden states to its answer), which it adds
 * to the backbone as parameters, so they train, save and load with it. Its tokenizer still gives the token view
 * of an input (the positions it takes in a sequence), but its answers are computed by {@link #answer}, not by
 * sampling tokens.
 *
 * <p>A task that trains such a modality is a {@link dev.tessera.core.task.CustomLossTask} that lists it in its
 * {@code modalities()}: the trainer asks the modality for its parameters. {@code TesseraModel.predict} answers
 * through it after loading. A third party adds a continuous modality the same way: implement this interface,
 * list a {@link ModalityProvider} that restores it, and train it with a custom-loss task.
 *
 * <pre>{@code
 * // given: dev.tessera.core.api.TesseraModel model, dev.tessera.timeseries.data.TimeSeries series
 * dev.tessera.timeseries.forecast.Forecast f = model.predict(series, dev.tessera.timeseries.forecast.Forecast.class, 24);
 * }</pre>
 *
 * @param <I> what it reads (e.g. a time series)
 * @param <O> what it answers with (e.g. a probabilistic forecast)
 */
public interface ContinuousModality<I, O> extends Modality<I> {

    /**
     * Registers the input adapter and output head in a backbone before training. Implementations use
     * {@link DecoderModel#parameterOrAdd}, so a model that has them already (loaded, or registered by another
     * task of the mixture) keeps its values.
     *
     * @param model the backbone
     * @param seed the initialisation seed
     */
    void addParameters(DecoderModel model, long seed);

    /** @return the type of {@link #answer}'s result */
    Class<O> answerType();

    /**
     * Answers an input from a backbone trained with this modality.
     *
     * @param model the backbone (read only)
     * @param layout its layout (holds this modality)
     * @param input the input
     * @param length how far to answer (for a series: the horizon, in steps)
     * @param seed the seed of any sampling (the same seed gives the same answer)
     * @return the answer
     * @throws IllegalArgumentException if the model was not trained with this modality's adapter and head, or
     *     the input or length is out of range (the message says which)
     */
    O answer(DecoderModel model, VocabularyLayout layout, I input, int length, long seed);
}
