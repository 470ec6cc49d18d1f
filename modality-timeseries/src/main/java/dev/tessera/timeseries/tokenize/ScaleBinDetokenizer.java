package dev.tessera.timeseries.tokenize;

import dev.tessera.core.modality.ModalityDetokenizer;
import dev.tessera.core.token.Segment;
import dev.tessera.timeseries.data.Frequency;
import dev.tessera.timeseries.data.TimeSeries;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes {@link ScaleBinTokenizer} segments: bin centre times the channel's scale; the missing id
 * decodes to NaN. Without {@code scales} metadata (a generated continuation) the scale is 1.
 *
 * @param modality the modality name
 * @param config bins and range (as the tokenizer's)
 */
public record ScaleBinDetokenizer(String modality, ScaleBinConfig config) implements ModalityDetokenizer<TimeSeries> {

    /**
     * Decodes ids with a scale.
     *
     * @param ids local ids
     * @param scale the scale
     * @return the values (NaN for the missing id)
     * @throws IllegalArgumentException naming the first id outside the vocabulary and its position
     */
    public double[] decodeValues(int[] ids, double scale) {
        double[] v = new double[ids.length];
        for (int i = 0; i < ids.length; i++) {
            int id = ids[i];
            if (id < 0 || id > config.missingId()) {
                throw new IllegalArgumentException("series token " + id + " at position " + i
                        + " is outside the vocabulary [0, " + config.vocabularySize() + ")");
            }
            v[i] = id == config.missingId() ? Double.NaN : config.centre(id) * scale;
        }
        return v;
    }

    @Override
    public TimeSeries decode(Segment segment) {
        if (!segment.modality().equals(modality)) {
            throw new IllegalArgumentException("segment of modality '" + segment.modality() + "' given to the '"
                    + modality + "' detokenizer");
        }
        int[] ids = segment.tokens();
        int channels = segment.metadata().containsKey("channels") ? segment.metaInt("channels") : 1;
        if (ids.length % channels != 0) {
            throw new IllegalArgumentException("segment '" + modality + "': " + ids.length + " tokens do not split into "
                    + channels + " channels");
        }
        int n = ids.length / channels;
        Object sc = segment.metadata().get("scales");
        double[] scales = sc instanceof double[] ? (double[]) sc : null;
        if (scales != null && scales.length != channels) {
            throw new IllegalArgumentException("segment '" + modality + "': " + scales.length + " scales for "
                    + channels + " channels");
        }
        double[][] values = new double[channels][];
        List<String> names = new ArrayList<>();
        for (int c = 0; c < channels; c++) {
            int[] part = java.util.Arrays.copyOfRange(ids, c * n, (c + 1) * n);
            values[c] = decodeValues(part, scales == null ? 1.0 : scales[c]);
            names.add(channels == 1 ? "value" : "value" + c);
        }
        return new TimeSeries(modality, null, values, names, Frequency.OTHER);
    }
}
