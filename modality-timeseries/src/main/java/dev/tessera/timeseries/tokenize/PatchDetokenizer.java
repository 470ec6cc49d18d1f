package dev.tessera.timeseries.tokenize;

import dev.tessera.core.modality.ModalityDetokenizer;
import dev.tessera.core.token.Segment;
import dev.tessera.timeseries.data.Frequency;
import dev.tessera.timeseries.data.TimeSeries;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes {@link PatchTokenizer} segments: features times the channel's std plus its mean,
 * padding dropped, unobserved slots NaN.
 *
 * @param modality the modality name
 * @param config the patch length (as the tokenizer's)
 */
public record PatchDetokenizer(String modality, PatchConfig config) implements ModalityDetokenizer<TimeSeries> {

    @Override
    public TimeSeries decode(Segment segment) {
        if (!segment.modality().equals(modality)) {
            throw new IllegalArgumentException("segment of modality '" + segment.modality() + "' given to the '"
                    + modality + "' detokenizer");
        }
        float[][] f = segment.features();
        if (f == null) {
            throw new IllegalArgumentException("segment '" + modality + "' has no patch features");
        }
        int p = config.patchLength();
        for (int i = 0; i < f.length; i++) {
            if (segment.token(i) != PatchTokenizer.PATCH_ID) {
                throw new IllegalArgumentException("patch token " + segment.token(i) + " at position " + i
                        + " is outside the vocabulary [0, 1)");
            }
            if (f[i].length != 2 * p) {
                throw new IllegalArgumentException("patch " + i + " has " + f[i].length + " features, expected " + 2 * p);
            }
        }
        int channels = segment.metaInt("channels");
        int n = segment.metaInt("length");
        int pad = segment.metaInt("pad");
        Object m = segment.metadata().get("means");
        Object s = segment.metadata().get("stds");
        if (!(m instanceof double[]) || !(s instanceof double[]) || ((double[]) m).length != channels
                || ((double[]) s).length != channels) {
            throw new IllegalArgumentException("segment '" + modality + "': metadata 'means'/'stds' must be double["
                    + channels + "]");
        }
        int patches = (n + pad) / p;
        if (patches * p != n + pad || patches * channels != f.length) {
            throw new IllegalArgumentException("segment '" + modality + "': " + f.length + " patches do not hold "
                    + channels + " channels of " + n + " values with " + pad + " padding");
        }
        double[][] values = new double[channels][n];
        List<String> names = new ArrayList<>();
        for (int c = 0; c < channels; c++) {
            RevIn norm = new RevIn(((double[]) m)[c], ((double[]) s)[c]);
            for (int t = 0; t < n; t++) {
                int i = t + pad;
                float[] row = f[c * patches + i / p];
                values[c][t] = row[p + i % p] > 0.5f ? norm.denormalize(row[i % p]) : Double.NaN;
            }
            names.add(channels == 1 ? "value" : "value" + c);
        }
        return new TimeSeries(modality, null, values, names, Frequency.OTHER);
    }
}
