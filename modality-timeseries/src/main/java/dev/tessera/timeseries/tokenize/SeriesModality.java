package dev.tessera.timeseries.tokenize;

import dev.tessera.core.modality.Modality;
import dev.tessera.core.modality.ModalityDetokenizer;
import dev.tessera.core.modality.ModalityState;
import dev.tessera.core.modality.ModalityTokenizer;
import dev.tessera.timeseries.TimeSeriesModalityProvider;
import dev.tessera.timeseries.data.TimeSeries;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A series modality: one of the two series token schemes — RevIN patches with continuous features
 * ({@link #patches}) or scale-and-bin tokens ({@link #scaleBins}) — as a tokenizer, a detokenizer and the
 * settings saved in a bundle (entry {@value TimeSeriesModalityProvider#CONFIG_ENTRY}: {@code kind} and that
 * scheme's settings), which {@link TimeSeriesModalityProvider} reads back.
 *
 * <p>Thread safety: immutable.
 */
public final class SeriesModality implements Modality<TimeSeries> {
    private final String name;
    private final ModalityTokenizer<TimeSeries> tokenizer;
    private final ModalityDetokenizer<TimeSeries> detokenizer;
    private final Map<String, Object> settings;

    private SeriesModality(String name, ModalityTokenizer<TimeSeries> tokenizer,
            ModalityDetokenizer<TimeSeries> detokenizer, Map<String, Object> settings) {
        this.name = name;
        this.tokenizer = tokenizer;
        this.detokenizer = detokenizer;
        this.settings = settings;
    }

    /**
     * The patch modality.
     *
     * @param name the modality name (e.g. {@code series})
     * @param config the patch length
     * @return the modality (kind {@value TimeSeriesModalityProvider#KIND_PATCH})
     */
    public static SeriesModality patches(String name, PatchConfig config) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("kind", TimeSeriesModalityProvider.KIND_PATCH);
        s.put("patchLength", config.patchLength());
        return new SeriesModality(name, new PatchTokenizer(name, config), new PatchDetokenizer(name, config), s);
    }

    /**
     * The scale-and-bin modality.
     *
     * @param name the modality name (e.g. {@code series})
     * @param config bins and range
     * @return the modality (kind {@value TimeSeriesModalityProvider#KIND_SCALE_BIN})
     */
    public static SeriesModality scaleBins(String name, ScaleBinConfig config) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("kind", TimeSeriesModalityProvider.KIND_SCALE_BIN);
        s.put("bins", config.bins());
        s.put("low", config.low());
        s.put("high", config.high());
        return new SeriesModality(name, new ScaleBinTokenizer(name, config), new ScaleBinDetokenizer(name, config),
                s);
    }

    /** @return the token scheme: {@value TimeSeriesModalityProvider#KIND_PATCH} or {@value TimeSeriesModalityProvider#KIND_SCALE_BIN} */
    public String kind() {
        return (String) settings.get("kind");
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
    public ModalityTokenizer<TimeSeries> tokenizer() {
        return tokenizer;
    }

    @Override
    public ModalityDetokenizer<TimeSeries> detokenizer() {
        return detokenizer;
    }

    @Override
    public String providerName() {
        return TimeSeriesModalityProvider.NAME;
    }

    @Override
    public void save(ModalityState state) {
        state.putJson(TimeSeriesModalityProvider.CONFIG_ENTRY, settings);
    }
}
