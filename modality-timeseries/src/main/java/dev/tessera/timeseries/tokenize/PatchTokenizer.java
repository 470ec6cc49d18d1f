package dev.tessera.timeseries.tokenize;

import dev.tessera.core.modality.ModalityTokenizer;
import dev.tessera.core.token.Segment;
import dev.tessera.timeseries.data.TimeSeries;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Patch tokenizer (PatchTST / TimesFM / GPHT style): each channel is normalised with
 * {@link RevIn}, left-padded to a multiple of P and cut into patches of P values. Every patch is
 * one token (local id {@link #PATCH_ID}) whose features are the P normalised values followed by P
 * observed flags (0 for padding and missing values, whose value slots hold 0). The backbone reads
 * the features through the modality's input adapter.
 *
 * <p>Channels are tokenized independently and laid out one after the other; the metadata holds
 * {@code channels}, {@code length}, {@code pad}, {@code patchLength}, {@code means} and
 * {@code stds}.
 *
 * @param modality the modality name
 * @param config the patch length
 */
public record PatchTokenizer(String modality, PatchConfig config) implements ModalityTokenizer<TimeSeries> {
    /** The local id of a patch token. */
    public static final int PATCH_ID = 0;
    /**
     * The local id of a padding patch: a position before the start of a context shorter than the model's
     * window, which reads no values (the tasks of the joint model pad short contexts with it).
     */
    public static final int PADDING_ID = 1;

    /** @return 2: {@link #PATCH_ID} and {@link #PADDING_ID} */
    @Override
    public int vocabularySize() {
        return 2;
    }

    @Override
    public Segment encode(TimeSeries input) {
        int n = input.length();
        if (n == 0) {
            throw new IllegalArgumentException("series '" + input.name() + "' is empty");
        }
        int p = config.patchLength();
        int patches = (n + p - 1) / p;
        int pad = patches * p - n;
        int c = input.channelCount();
        float[][] features = new float[c * patches][];
        double[] means = new double[c];
        double[] stds = new double[c];
        for (int ch = 0; ch < c; ch++) {
            double[] v = input.values(ch);
            RevIn norm;
            try {
                norm = RevIn.fit(v);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("series '" + input.name() + "', channel " + ch + ": "
                        + e.getMessage(), e);
            }
            means[ch] = norm.mean();
            stds[ch] = norm.std();
            float[][] rows = patches(v, norm, p);
            System.arraycopy(rows, 0, features, ch * patches, patches);
        }
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("channels", c);
        meta.put("length", n);
        meta.put("pad", pad);
        meta.put("patchLength", p);
        meta.put("means", means);
        meta.put("stds", stds);
        return new Segment(modality, new int[c * patches], features, meta);
    }

    /**
     * Cuts one normalised channel into left-padded patch feature rows.
     *
     * @param values the raw values (NaN = missing)
     * @param norm the normalisation
     * @param p the patch length
     * @return {@code ceil(n / p)} rows of {@code 2p} features
     */
    public static float[][] patches(double[] values, RevIn norm, int p) {
        int n = values.length;
        int patches = (n + p - 1) / p;
        int pad = patches * p - n;
        float[][] rows = new float[patches][2 * p];
        for (int i = 0; i < patches * p; i++) {
            int t = i - pad;
            if (t >= 0 && !Double.isNaN(values[t])) {
                rows[i / p][i % p] = (float) norm.normalize(values[t]);
                rows[i / p][p + i % p] = 1f;
            }
        }
        return rows;
    }
}
