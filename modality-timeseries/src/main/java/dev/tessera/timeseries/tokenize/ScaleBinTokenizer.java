package dev.tessera.timeseries.tokenize;

import dev.tessera.core.modality.ModalityTokenizer;
import dev.tessera.core.token.Segment;
import dev.tessera.timeseries.data.TimeSeries;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Chronos-style tokenizer: each channel is divided by its mean absolute value and quantised into
 * uniform bins; missing values get {@link ScaleBinConfig#missingId()}.
 *
 * <p>The segment holds the channels one after the other ({@code channels * length} ids) and the
 * metadata {@code channels}, {@code length} and {@code scales} (one per channel, a
 * {@code double[]}), which the {@link ScaleBinDetokenizer} needs.
 *
 * @param modality the modality name
 * @param config bins and range
 */
public record ScaleBinTokenizer(String modality, ScaleBinConfig config) implements ModalityTokenizer<TimeSeries> {

    @Override
    public int vocabularySize() {
        return config.vocabularySize();
    }

    @Override
    public Segment encode(TimeSeries input) {
        int n = input.length();
        if (n == 0) {
            throw new IllegalArgumentException("series '" + input.name() + "' is empty");
        }
        int c = input.channelCount();
        int[] ids = new int[c * n];
        double[] scales = new double[c];
        for (int ch = 0; ch < c; ch++) {
            double[] v = input.values(ch);
            scales[ch] = MeanScale.of(v);
            for (int t = 0; t < n; t++) {
                ids[ch * n + t] = Double.isNaN(v[t]) ? config.missingId() : config.bin(v[t] / scales[ch]);
            }
        }
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("channels", c);
        meta.put("length", n);
        meta.put("scales", scales);
        return Segment.of(modality, ids, meta);
    }

    /**
     * Encodes values with a given scale (for forecasting: the context's scale applied to new
     * values).
     *
     * @param values the values
     * @param scale the scale (positive)
     * @return local ids
     */
    public int[] encodeValues(double[] values, double scale) {
        int[] ids = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            ids[i] = Double.isNaN(values[i]) ? config.missingId() : config.bin(values[i] / scale);
        }
        return ids;
    }
}
