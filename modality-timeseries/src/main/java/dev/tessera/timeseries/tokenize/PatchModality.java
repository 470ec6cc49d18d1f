package dev.tessera.timeseries.tokenize;

import dev.tessera.core.modality.ModalityState;

/** The patch series modality (RevIN patches with continuous features) and its saved config. */
public final class PatchModality extends SeriesModality<PatchTokenizer, PatchDetokenizer> {

    /**
     * Creates the modality.
     *
     * @param name the modality name (e.g. {@code series})
     * @param config the patch length
     */
    public PatchModality(String name, PatchConfig config) {
        super(name, new PatchTokenizer(name, config), new PatchDetokenizer(name, config));
    }

    @Override
    public void save(ModalityState state) {
        SeriesModalityState.write(state, SeriesModalityState.KIND_PATCH, "patchLength",
                tokenizer().config().patchLength());
    }
}
