package dev.tessera.timeseries.tokenize;

import dev.tessera.core.modality.Modality;
import dev.tessera.core.modality.ModalityState;
import dev.tessera.timeseries.data.TimeSeries;

/** The scale-and-bin series modality (tokenizer, detokenizer and its saved config). */
public final class ScaleBinModality implements Modality<TimeSeries> {
    private final String name;
    private final ScaleBinTokenizer tokenizer;
    private final ScaleBinDetokenizer detokenizer;

    /**
     * Creates the modality.
     *
     * @param name the modality name (e.g. {@code series})
     * @param config bins and range
     */
    public ScaleBinModality(String name, ScaleBinConfig config) {
        this.name = name;
        this.tokenizer = new ScaleBinTokenizer(name, config);
        this.detokenizer = new ScaleBinDetokenizer(name, config);
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
    public ScaleBinTokenizer tokenizer() {
        return tokenizer;
    }

    @Override
    public ScaleBinDetokenizer detokenizer() {
        return detokenizer;
    }

    @Override
    public String providerName() {
        return SeriesModalityState.PROVIDER;
    }

    @Override
    public void save(ModalityState state) {
        ScaleBinConfig c = tokenizer.config();
        SeriesModalityState.write(state, SeriesModalityState.KIND_SCALE_BIN, "bins", c.bins(), "low", c.low(),
                "high", c.high());
    }
}
