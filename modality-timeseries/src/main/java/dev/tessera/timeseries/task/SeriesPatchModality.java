package dev.tessera.timeseries.task;

import dev.tessera.core.modality.ContinuousModality;
import dev.tessera.core.modality.ModalityState;
import dev.tessera.core.model.DecoderModel;
import dev.tessera.core.token.VocabularyLayout;
import dev.tessera.timeseries.data.TimeSeries;
import dev.tessera.timeseries.forecast.Forecast;
import dev.tessera.timeseries.forecast.ForecastConfig;
import dev.tessera.timeseries.tokenize.PatchDetokenizer;
import dev.tessera.timeseries.tokenize.PatchModality;
import dev.tessera.timeseries.tokenize.PatchTokenizer;
import java.io.IOException;

/**
 * Series patches as a continuous modality: the patch tokenizer of {@link PatchModality} gives a series its
 * positions, the shared {@code series_patch} input adapter embeds the patches, and the quantile heads answer
 * with a {@link Forecast}. The series tasks list it in their modalities, so the trainer registers its adapter and
 * heads and a saved model forecasts through {@code TesseraModel.predict(series, Forecast.class, horizon)}.
 *
 * <p>Saved as the patch modality it wraps (same provider and state), so bundles written before it existed load
 * as this class too. Immutable and thread-safe; {@link #answer} runs the backbone and is as thread-safe as it.
 */
public final class SeriesPatchModality implements ContinuousModality<TimeSeries, Forecast> {
    private final PatchModality patches;

    /**
     * @param patches the patch modality (its name and patch length)
     */
    public SeriesPatchModality(PatchModality patches) {
        this.patches = patches;
    }

    @Override
    public String name() {
        return patches.name();
    }

    @Override
    public Class<TimeSeries> type() {
        return TimeSeries.class;
    }

    @Override
    public PatchTokenizer tokenizer() {
        return patches.tokenizer();
    }

    @Override
    public PatchDetokenizer detokenizer() {
        return patches.detokenizer();
    }

    @Override
    public String providerName() {
        return patches.providerName();
    }

    @Override
    public void save(ModalityState state) throws IOException {
        patches.save(state);
    }

    @Override
    public void addParameters(DecoderModel model, long seed) {
        PatchSequences.addTo(model, seed);
    }

    @Override
    public Class<Forecast> answerType() {
        return Forecast.class;
    }

    /**
     * Forecasts a series with the backbone's quantile heads ({@link JointModelForecaster}: the median is fed
     * back for horizons past the trained one; no sample paths, so the seed is unused).
     */
    @Override
    public Forecast answer(DecoderModel model, VocabularyLayout layout, TimeSeries input, int length, long seed) {
        return new JointModelForecaster(model, layout).forecast(input, length, ForecastConfig.defaults());
    }
}
