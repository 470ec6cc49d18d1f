package dev.tessera.timeseries.tokenize;

import dev.tessera.core.modality.Modality;
import dev.tessera.core.modality.ModalityState;
import dev.tessera.timeseries.data.TimeSeries;

/** The patch series modality (RevIN patches with continuous features) and its saved config. */
public final class PatchModality implements Modality<TimeSeries> {
    private final String name;
    private final PatchTokenizer tokenizer;
    private final PatchDetokenizer detokenizer;

    /**
     * Creates the modality.
     *
     * @param name the modality name (e.g. {@code series})
     * @param config the patch length
     */
    public PatchModality(String name, PatchConfig config) {
        this.name = name;
        this.tokenizer = new PatchTokenizer(name, config);
        this.detokenizer = new PatchDetokenizer(name, config);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Class<TimeSeries> type() {
        return TimeSeries.class;
    }

    @Override
    public PatchTokenizer tokenizer() {
        return tokenizer;
    }

    @Override
    public PatchDetokenizer detokenizer() {
        return detokenizer;
    }

    @Override
    public String providerName() {
        return SeriesModalityState.PROVIDER;
    }

    @Override
    public void save(ModalityState state) {
        SeriesModalityState.write(state, SeriesModalityState.KIND_PATCH, "patchLength",
                tokenizer.config().patchLength());
    }
}
