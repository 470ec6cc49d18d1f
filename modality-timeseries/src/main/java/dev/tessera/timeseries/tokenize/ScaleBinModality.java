package dev.tessera.timeseries.tokenize;

import dev.tessera.core.modality.ModalityState;

/** The scale-and-bin series modality (tokenizer, detokenizer and its saved config). */
public final class ScaleBinModality extends SeriesModality<ScaleBinTokenizer, ScaleBinDetokenizer> {

    /**
     * Creates the modality.
     *
     * @param name the modality name (e.g. {@code series})
     * @param config bins and range
     */
    public ScaleBinModality(String name, ScaleBinConfig config) {
        super(name, new ScaleBinTokenizer(name, config), new ScaleBinDetokenizer(name, config));
    }

    @Override
    public void save(ModalityState state) {
        ScaleBinConfig c = tokenizer().config();
        SeriesModalityState.write(state, SeriesModalityState.KIND_SCALE_BIN, "bins", c.bins(), "low", c.low(),
                "high", c.high());
    }
}
